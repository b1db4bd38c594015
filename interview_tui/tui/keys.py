"""The key map as data: each screen and pane class is listed here, under the heading its keys go
in, by a decorator in its own module; the help screen and the command palette read the bindings
from here. This module imports nothing of the interface above it, so any of it may be listed.

The user's keymap (the ``[keys]`` table of config.toml, see prefs.py) is checked here against
every binding id of the classes loaded, and once in use every list of keys shows it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys, _character_to_key, key_to_character
from textual.screen import Screen

_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "esc",
    "shift+tab": "shift+tab",
    "down": "↓",
    "up": "↑",
    "number_sign": "#",
}

EVERY_KEY = Binding("question_mark", "app.help", "Keys", id="help", tooltip="Show every key")
"""? in a view over the main screen (the dashboard, the trash...): the same list, under the same
id, so that a keymap that moves ? moves it everywhere."""

GROUP_ORDER = ("Everywhere", "Lists", "Contacts", "Notes", "Notes editor", "Follow-ups", "Forms")
"""The headings of the help screen, in the order shown."""

_CHARACTERS = {_character_to_key(chr(code)): chr(code) for code in range(33, 127)}
"""The printable characters by the names Textual gives them ("plus" -> "+")."""

_listed: dict[str, list[tuple[type[Any], tuple[Binding, ...]]]] = {}

C = TypeVar("C", bound=type[Any])


def key_label(keys: str) -> str:
    """Keys as a person reads them: "?" rather than "question_mark", "+" rather than "plus"."""
    return " ".join(_NAMES.get(k) or _CHARACTERS.get(k, k) for k in keys.split(","))


def listed(group: str, *extra: Binding) -> Callable[[C], C]:
    """List a class's bindings under ``group`` (one of GROUP_ORDER), with ``extra`` bindings
    that work there without being the class's own (the palette's ctrl+p, a list's enter)."""

    def register(cls: C) -> C:
        entries = _listed.setdefault(group, [])
        if all(known is not cls for known, _ in entries):
            entries.append((cls, extra))
        return cls

    return register


def _described(bindings: Iterable[object]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding) and b.description]


def KEY_GROUPS(*, every: bool = False) -> list[tuple[str, list[Binding]]]:  # noqa: N802 - reads as the constant it is
    """Bindings by where they apply, from every class listed so far, with the keys the user's
    keymap gives them. With ``every``, also the keys of every other screen and widget loaded
    (the search, the insight views, the dialogs), each under a heading of its own."""
    groups = []
    for group in (*GROUP_ORDER, *(g for g in _listed if g not in GROUP_ORDER)):
        bindings: list[Binding] = []
        for cls, extra in _listed.get(group, []):
            bindings += _described(cls.BINDINGS) + list(extra)
        if bindings:
            groups.append((group, [_remapped(b) for b in bindings]))
    if every:
        listed_classes = {cls for entries in _listed.values() for cls, _ in entries}
        by_module: dict[str, list[type[DOMNode]]] = {}
        for cls in _own_classes():
            if not any(issubclass(cls, known) for known in listed_classes):
                by_module.setdefault(cls.__module__, []).append(cls)
        others: dict[str, list[Binding]] = {}
        for classes in by_module.values():
            # A screen's own widgets (the dashboard's body, the plan's list) go under its heading.
            screens = [cls for cls in classes if issubclass(cls, Screen)]
            heading = _heading((screens or classes)[0])
            for cls in sorted(classes, key=lambda c: not issubclass(c, Screen)):
                described = _described(cls.__dict__.get("BINDINGS", ()))
                others.setdefault(heading, []).extend(_remapped(b) for b in described)
        groups += sorted((heading, bindings) for heading, bindings in others.items() if bindings)
    return groups


# The user's keymap -------------------------------------------------------------------------

_keymap: dict[str, str] = {}

_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED_KEYS = (
    frozenset(key.value for key in Keys if not key.value.startswith("<"))
    | {"space", "enter", "backspace"}
    | {_character_to_key(chr(code)) for code in range(33, 127)}
)
"""Keys by name: Textual's, and the names it gives the printable characters ("plus", "slash")."""


def use_keymap(keymap: Mapping[str, str]) -> None:
    """The keymap now in force (binding id -> keys), as App.set_keymap was given it: the help
    screen and the palette show these keys from now on."""
    _keymap.clear()
    _keymap.update({binding_id: normalized(keys) for binding_id, keys in keymap.items()})


def keys_in_use() -> set[str]:
    """Every key the person's keymap binds, one by one."""
    return {key for keys in _keymap.values() for key in keys.split(",")}


def normalized(keys: str) -> str:
    """``keys`` as Textual names them ("?" -> "question_mark"), spaces around commas dropped."""
    return ",".join(_character_to_key(key) if len(key) == 1 else key for key in (k.strip() for k in keys.split(",")))


def _remapped(binding: Binding) -> Binding:
    keys = _keymap.get(binding.id or "")
    return binding.with_key(keys, key_display=None) if keys else binding


def _own_classes() -> list[type[DOMNode]]:
    """Every screen, widget and app class of this program loaded so far."""
    found: list[type[DOMNode]] = []
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                pending.append(sub)
                if sub.__module__.startswith("interview_tui."):
                    found.append(sub)
    return found


def _heading(cls: type[Any]) -> str:
    """A heading for a class that is listed under none: its KEYS_HEADING, else from its name
    ("QuestionBankScreen" -> "Question bank")."""
    if isinstance(getattr(cls, "KEYS_HEADING", None), str):
        return str(cls.KEYS_HEADING)
    words = re.findall(r"[A-Z][a-z]*", re.sub(r"(Screen|View)$", "", cls.__name__))
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else cls.__name__


def known_key(key: str) -> bool:
    """Whether Textual can bind ``key`` (one key, with modifiers: "ctrl+n", "F", "question_mark")."""
    *modifiers, base = key.split("+")
    if not base or any(m not in _MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return False
    return len(base) == 1 and base.isprintable() or base in _NAMED_KEYS or key_to_character(base) is not None


def _places() -> dict[str, tuple[type[Any], Binding]]:
    """Every binding id of the classes loaded, with the class it is on."""
    places: dict[str, tuple[type[Any], Binding]] = {}
    for cls in _own_classes():
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                places.setdefault(binding.id, (cls, binding))
    return places


_MAIN_GROUPS = frozenset(GROUP_ORDER) - {"Forms"}


def _group_of(cls: type[Any]) -> str | None:
    for group, entries in _listed.items():
        if any(issubclass(cls, known) for known, _ in entries):
            return group
    return None


def _together(one: type[Any], other: type[Any]) -> bool:
    """Whether the keys of two classes can be in force at the same moment: one class, the main
    screen and one of its panes, or a list and whatever holds lists."""
    if issubclass(one, other) or issubclass(other, one):
        return True
    groups = {_group_of(one), _group_of(other)}
    if "Lists" in groups:
        return True
    return "Everywhere" in groups and groups <= _MAIN_GROUPS


def check_keymap(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """What is wrong with ``keymap`` (binding id -> keys, as typed), as (binding id, why) pairs,
    empty when it can be used: an id no binding has, a key Textual does not know, or a key
    given to two actions that are in force at once."""
    places = _places()
    problems: list[tuple[str, str]] = []
    for binding_id, keys in keymap.items():
        if binding_id not in places:
            problems.append((binding_id, f"no action has the id {binding_id!r}; ? lists the keys, and the README the ids"))
            continue
        if not isinstance(keys, str) or not keys.strip():
            problems.append((binding_id, f"the keys of {binding_id} must be a string such as \"ctrl+n\" or \"n,F2\""))
            continue
        unknown = [key for key in normalized(keys).split(",") if not known_key(key)]
        if unknown:
            problems.append((binding_id, f"{unknown[0]!r} is not a key (try a letter, \"ctrl+n\", \"f2\", \"escape\")"))
    if problems:
        return problems
    # After remapping: which action each key starts where.
    final: list[tuple[str, type[Any], str]] = []
    for binding_id, (cls, binding) in places.items():
        keys = normalized(keymap[binding_id]) if binding_id in keymap else normalized(binding.key)
        final += [(binding_id, cls, key) for key in keys.split(",")]
    for cls in _own_classes():  # bindings without an id keep their keys
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and not binding.id and binding.action:
                final += [(f"{cls.__name__}.{binding.action}", cls, key) for key in normalized(binding.key).split(",")]
    app_bindings = [b for b in App.BINDINGS if isinstance(b, Binding)]
    app_bindings.append(Binding(App.COMMAND_PALETTE_BINDING, "command_palette"))
    final += [(f"app.{b.action}", App, key) for b in app_bindings for key in normalized(b.key).split(",")]
    for binding_id in keymap:
        cls, binding = places[binding_id]
        for key in normalized(keymap[binding_id]).split(","):
            for other_id, other_cls, other_key in final:
                if other_key != key or other_id == binding_id:
                    continue
                other_action = places[other_id][1].action if other_id in places else other_id
                if other_action == binding.action and other_cls is cls:
                    continue  # two bindings of one action (undo on u and ctrl+z)
                if other_cls is App or _together(cls, other_cls):
                    problems.append((binding_id, f"{key} is already the key of {other_id}; give one of them another key"))
                    break
            else:
                continue
            break
    return problems
