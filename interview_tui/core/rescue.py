"""Text typed into a form that was still open when the session ended (an SSH connection
dropping): written beside the workspace, so that no keystroke is lost, and found at the next start.

Saved notes go through drafts (see the notes pane); a form's fields have no draft, and saving them
as they are could store a half-typed contact, so they are kept as text for the person to use.

A full disk is often why the notes could not be saved in the first place, and then the folder of
the workspace cannot take a rescue file either: it goes to the user's state directory instead
(another file system, as often as not), else to the temporary directory. The next start looks in
all three.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable, Mapping
from glob import escape as glob_escape
from pathlib import Path

from .storage import new_sibling, write_atomically

SUFFIX = ".txt"


def rescue_path(workspace: Path, directory: Path | None = None) -> Path:
    """A new rescue file's path: beside the workspace, or in ``directory``."""
    place = workspace if directory is None else directory / workspace.name
    return new_sibling(place, lambda stamp: f"{workspace.name}.unsaved-{stamp}{SUFFIX}")


def elsewhere() -> list[Path]:
    """Where a rescue goes when the workspace's folder cannot take it, in order of preference."""
    import platformdirs  # only on the way out, or when looking for rescues at a start

    return [Path(platformdirs.user_state_dir("interview-tui", appauthor=False)) / "rescued", Path(tempfile.gettempdir())]


def write_rescue(
    workspace: Path, forms: Iterable[tuple[str, Mapping[str, str]]], why: str, *, path: Path | None = None
) -> Path | None:
    """Write each form's typed fields (title, {label: text}) to a new file beside the workspace,
    or over ``path`` (the file an earlier trigger of the same ending wrote: one ending, one
    file); None when nothing was typed. Raises OSError when it cannot be written."""
    sections = []
    for title, fields in forms:
        typed = {label: text for label, text in fields.items() if text.strip()}
        if not typed:
            continue
        lines = [f"{title}:"]
        for label, text in typed.items():
            first, *rest = text.splitlines() or [""]
            lines.append(f"  {label}: {first}")
            lines.extend(f"    {line}" for line in rest)
        sections.append("\n".join(lines))
    if not sections:
        return None
    header = (
        f"Typed into interview-tui and not saved when it was closed ({why}), {time.strftime('%Y-%m-%d %H:%M')}.\n"
        f"Workspace: {workspace.absolute()}\n\n"
    )
    payload = (header + "\n\n".join(sections) + "\n").encode("utf-8")
    if path is not None:
        write_atomically(path, payload)
        return path
    failure: OSError | None = None
    for directory in (None, *elsewhere()):
        try:
            if directory is not None:
                directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            target = rescue_path(workspace, directory)
            write_atomically(target, payload)
        except OSError as exc:
            failure = failure or exc
            continue
        return target
    assert failure is not None
    raise failure


def find_rescues(workspace: Path) -> list[Path]:
    """Rescued text from earlier sessions (beside the workspace, then elsewhere: see above), each
    place oldest first. Elsewhere only files of this user that name this workspace."""
    pattern = f"{glob_escape(workspace.name)}.unsaved-*{SUFFIX}"  # a name may hold [ or *
    found = sorted(workspace.parent.glob(pattern))
    for directory in elsewhere():
        for path in sorted(directory.glob(pattern)):
            if path not in found and _names(path, workspace):
                found.append(path)
    return found


def _names(rescue: Path, workspace: Path) -> bool:
    try:
        if rescue.stat().st_uid != os.geteuid():
            return False
        with rescue.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return f"Workspace: {workspace.absolute()}\n".encode() in head
