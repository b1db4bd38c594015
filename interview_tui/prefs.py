"""Per-user preferences of the display, kept apart from the workspace.

They live in ``config.toml`` in the user config directory (platformdirs), never in the
workspace: a workspace is a campaign that may be shared or kept under git, and how one person
likes to see it is not part of it. Pure Python; the app reads them at start and writes them
when one changes.

A ``[keys]`` table remaps keys: binding ids (the ones ``?`` and the README list) to keys, as
Textual's ``App.set_keymap`` takes them::

    [keys]
    "contact.add" = "n"         # quoted: the ids hold dots
    "search" = "ctrl+f,f3"      # several keys for one action

The file is meant to be edited by hand too, so a line that cannot be read is refused with its
line number, and the file is then left exactly as it is: a preference changed in the app after
that is kept for the session only. Writing changes only the lines of the keys it sets, so
comments and keys a later version adds survive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from .config import APP_NAME
from .core.errors import InterviewTuiError
from .core.storage import write_atomically

FILE_NAME = "config.toml"

CONTACT_ORDERS = ("name", "warmest")
"""The values of ``contact_order``: by name, or warmest first (family and friends first)."""

_HEADER = "# interview-tui: your own preferences (the workspace holds the campaign itself).\n"


class PreferencesUnreadable(InterviewTuiError):
    """The preferences file is not TOML, or a key in it has a value this version cannot use."""


@dataclass
class Preferences:
    warmest_first: bool = False
    """The contacts pane sorts warmest first (``w``) instead of by name."""
    keys: dict[str, str] = field(default_factory=dict)
    """The user's keymap: binding id -> keys ("ctrl+n", "n,f2"), from the ``[keys]`` table."""


KeymapCheck = Callable[[Mapping[str, str]], list[tuple[str, str]]]
"""Says what is wrong with a keymap, as (binding id, why) pairs (tui/keys.py check_keymap)."""


def config_directory() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    return config_directory() / FILE_NAME


def load(path: Path, check_keys: KeymapCheck | None = None) -> Preferences:
    """The preferences in ``path``; the defaults when there is no such file.

    A ``[keys]`` table is checked with ``check_keys``: an unknown id or key, or two actions given
    one key, refuses the file at that line. Raises PreferencesUnreadable naming the file and the
    line, and OSError when it cannot be read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Preferences()
    import tomllib  # noqa: PLC0415 - only when there is a file: most starts have none, and it costs a start-up 2 ms

    try:
        text = raw.decode("utf-8")
        document = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PreferencesUnreadable(f"{path}, line {line}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        # The parser's own message ends "(at line N, column M)".
        raise PreferencesUnreadable(f"{path}: {exc}") from None
    preferences = Preferences()
    order = document.get("contact_order", "name")
    if order not in CONTACT_ORDERS:
        line = _line_of(text, "contact_order")
        choices = " or ".join(f'"{value}"' for value in CONTACT_ORDERS)
        raise PreferencesUnreadable(f"{path}, line {line}: contact_order must be {choices}, not {order!r}")
    preferences.warmest_first = order == "warmest"
    table = document.get("keys", {})
    if not isinstance(table, dict):
        raise PreferencesUnreadable(f"{path}, line {_line_of(text, 'keys')}: keys must be a table: [keys]")
    keymap = _flattened(table)
    for binding_id, keys in keymap.items():
        if not isinstance(keys, str):
            line = _line_in_keys(text, binding_id)
            raise PreferencesUnreadable(f'{path}, line {line}: the keys of {binding_id} must be a string such as "ctrl+n"')
    if keymap and check_keys is not None:
        problems = check_keys(keymap)
        if problems:
            binding_id, why = min(problems, key=lambda problem: _line_in_keys(text, problem[0]))
            raise PreferencesUnreadable(f"{path}, line {_line_in_keys(text, binding_id)}: {why}")
    preferences.keys = keymap
    return preferences


def _flattened(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``contact.add = "n"`` unquoted is a table in TOML: its ids put back together."""
    flat: dict[str, Any] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            flat.update(_flattened(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def _line_in_keys(text: str, binding_id: str) -> int:
    """The line that sets ``binding_id`` in the ``[keys]`` table (quoted, or as a dotted key)."""
    parts = binding_id.split(".")
    dotted = r"\s*\.\s*".join(re.escape(part) for part in parts)
    quoted = re.escape(binding_id)
    setting = re.compile(rf"""^\s*(?:"{quoted}"|'{quoted}'|{dotted})\s*=""")
    in_keys = False
    header = 1
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_keys = re.match(r"^\[\s*keys\s*[\].]", stripped) is not None
            if in_keys and header == 1:
                header = number
            continue
        if in_keys and setting.match(line):
            return number
    return header


def save(path: Path, preferences: Preferences) -> None:
    """Write ``preferences`` into ``path`` atomically, keeping the rest of the file as it was.

    Raises OSError when it cannot be written. The directory is created (0700) when missing.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = _HEADER
    order = "warmest" if preferences.warmest_first else "name"
    text = _set_top_level(text, "contact_order", f'"{order}"')
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))


def _line_of(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def _set_top_level(text: str, key: str, value: str) -> str:
    """``text`` with the top-level ``key`` set to ``value``: its line replaced when there is
    one before the first table, else a line added before the first table."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    setting = re.compile(rf"^\s*{re.escape(key)}\s*=")
    first_table = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    new_line = f"{key} = {value}\n"
    for index in range(first_table):
        if setting.match(lines[index]):
            lines[index] = new_line
            return "".join(lines)
    lines.insert(first_table, new_line)
    return "".join(lines)
