"""Where the workspace lives: --db, then $INTERVIEW_TUI_DB, then the user data directory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from .core.errors import WorkspaceUnavailable

ENV_VAR = "INTERVIEW_TUI_DB"
APP_NAME = "interview-tui"
FILE_NAME = "interviews.json"
DEMO_FILE_NAME = "demo.json"


class Location(NamedTuple):
    path: Path
    is_default: bool
    """True for the user data directory, which may be created; a path the user named must exist."""


def default_directory() -> Path:
    import platformdirs  # only when no path is given: a command given --db never needs it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve(db: str | None, *, demo: bool = False) -> Location:
    """The workspace to open: ``db`` (the --db option) when given, else $INTERVIEW_TUI_DB when
    set and not blank, else the user data directory.

    The demo (``demo``) is always its own file in the user data directory, whatever
    $INTERVIEW_TUI_DB says: it must never be seeded into, or mistaken for, a real workspace.
    The command line refuses --demo with --db."""
    if demo and db is None:
        return Location(default_directory() / DEMO_FILE_NAME, is_default=True)
    if db is not None:
        if not db.strip():
            raise WorkspaceUnavailable("--db needs a file path, such as --db ~/interviews.json")
        return Location(Path(db).expanduser(), is_default=False)
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Location(Path(from_env).expanduser(), is_default=False)
    return Location(default_directory() / FILE_NAME, is_default=True)
