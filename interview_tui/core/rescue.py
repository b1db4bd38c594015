"""Text typed into a form that was still open when the session ended (an SSH connection
dropping): written beside the workspace, so that no keystroke is lost, and found at the next start.

Saved notes go through drafts (see the notes pane); a form's fields have no draft, and saving them
as they are could store a half-typed contact, so they are kept as text for the person to use.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from .storage import new_sibling, write_atomically

SUFFIX = ".txt"


def rescue_path(workspace: Path) -> Path:
    return new_sibling(workspace, lambda stamp: f"{workspace.name}.unsaved-{stamp}{SUFFIX}")


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
    header = f"Typed into interview-tui and not saved when it was closed ({why}), {time.strftime('%Y-%m-%d %H:%M')}.\n\n"
    if path is None:
        path = rescue_path(workspace)
    write_atomically(path, (header + "\n\n".join(sections) + "\n").encode("utf-8"))
    return path


def find_rescues(workspace: Path) -> list[Path]:
    """Rescued text from earlier sessions, oldest first."""
    return sorted(workspace.parent.glob(f"{workspace.name}.unsaved-*{SUFFIX}"))
