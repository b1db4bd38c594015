"""The key map as data: each screen and pane class is listed here, under the heading its keys go
in, by a decorator in its own module; the help screen and the command palette read the bindings
from here. This module imports nothing of the interface above it, so any of it may be listed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from textual.binding import Binding

_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "esc",
    "shift+tab": "shift+tab",
    "down": "↓",
    "up": "↑",
    "number_sign": "#",
}

GROUP_ORDER = ("Everywhere", "Lists", "Contacts", "Notes", "Notes editor", "Follow-ups", "Forms")
"""The headings of the help screen, in the order shown."""

_listed: dict[str, list[tuple[type[Any], tuple[Binding, ...]]]] = {}

C = TypeVar("C", bound=type[Any])


def key_label(keys: str) -> str:
    return " ".join(_NAMES.get(k, k) for k in keys.split(","))


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


def KEY_GROUPS() -> list[tuple[str, list[Binding]]]:  # noqa: N802 - reads as the constant it is
    """Bindings by where they apply, from every class listed so far."""
    groups = []
    for group in (*GROUP_ORDER, *(g for g in _listed if g not in GROUP_ORDER)):
        bindings: list[Binding] = []
        for cls, extra in _listed.get(group, []):
            bindings += _described(cls.BINDINGS) + list(extra)
        if bindings:
            groups.append((group, bindings))
    return groups
