"""Per-user preferences of the display, kept apart from the workspace.

They live in ``config.toml`` in the user config directory (platformdirs), never in the
workspace: a workspace is a campaign that may be shared or kept under git, and how one person
likes to see it is not part of it. Pure Python; the app reads them at start and writes them
when one changes.

The file is meant to be edited by hand too, so a line that cannot be read is refused with its
line number, and the file is then left exactly as it is: a preference changed in the app after
that is kept for the session only. Writing changes only the lines of the keys it sets, so
comments and keys a later version adds survive.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

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


def config_directory() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    return config_directory() / FILE_NAME


def load(path: Path) -> Preferences:
    """The preferences in ``path``; the defaults when there is no such file.

    Raises PreferencesUnreadable naming the file and the line, and OSError when it cannot be read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Preferences()
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
    return preferences


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
