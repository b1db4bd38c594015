"""Your own editor: the text goes to a file, ``$VISUAL`` or ``$EDITOR`` (else nano, else vi) opens
it while the app steps aside, and what the editor saved comes back.

Only an editor that exits cleanly gives its text back. One that fails or is killed changes
nothing, and whatever it wrote is not taken silently and not thrown away either: the file is
kept, and the message names it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..core.text import where_not_utf8, without_bidi_controls

if TYPE_CHECKING:
    from textual.app import App

FALLBACKS = ("nano", "vi")
"""Tried in this order when neither $VISUAL nor $EDITOR is set."""


class EditorResult(NamedTuple):
    text: str | None
    """What the editor saved; None when nothing is to be taken (see ``message``)."""
    message: str = ""
    """Why nothing was taken, in one line."""
    kept: Path | None = None
    """Where the text an editor wrote before failing was left."""


def editor_command(env: Mapping[str, str] | None = None) -> list[str] | None:
    """The editor to run, as a command line to which the file is added; None when none is found.
    $VISUAL and $EDITOR may hold arguments ("code --wait", "emacs -nw")."""
    env = os.environ if env is None else env
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                words = value.split()
            if words:
                return words
    for name in FALLBACKS:
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return [found]
    return None


def _how_it_ended(code: int) -> str:
    if code < 0:
        try:
            return f"was stopped by {signal.Signals(-code).name}"
        except ValueError:
            return f"was stopped by signal {-code}"
    return f"exited with status {code}"


def run_editor(text: str, *, env: Mapping[str, str] | None = None, name: str = "notes.md") -> EditorResult:
    """Open ``text`` in the person's editor and wait for it; the file lives in a private
    temporary folder (readable only by its owner: it holds other people's details)."""
    command = editor_command(env)
    if command is None:
        return EditorResult(None, "No editor found: set $VISUAL or $EDITOR (nano and vi are not installed). Nothing changed.")
    folder = Path(tempfile.mkdtemp(prefix="interview-tui-"))
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
        file.write(text)
    try:
        completed = subprocess.run([*command, str(path)], check=False, env=None if env is None else dict(env))
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return EditorResult(None, f"Could not start the editor {command[0]!r}: {exc.strerror or exc}. Nothing changed.")
    try:
        raw = path.read_bytes()
    except OSError:
        written: str | None = None
    else:
        try:
            written = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            # Read with U+FFFD in place of the bytes, what was typed would be saved changed.
            return EditorResult(
                None,
                f"What the editor saved is not UTF-8 text ({where_not_utf8(raw, exc.start)}), so it was "
                f"not taken; it is kept in {path}. Set your editor to save UTF-8, or convert the file "
                "(iconv -f latin1 -t utf-8), and paste it back. Your notes are as they were.",
                kept=path,
            )
    if completed.returncode != 0:
        ended = _how_it_ended(completed.returncode)
        if written is not None and written != text:
            return EditorResult(
                None,
                f"The editor {ended}, so what it wrote was not taken; it is kept in {path}. Your notes are as they were.",
                kept=path,
            )
        shutil.rmtree(folder, ignore_errors=True)
        return EditorResult(None, f"The editor {ended}. Nothing changed.")
    shutil.rmtree(folder, ignore_errors=True)
    if written is None:
        return EditorResult(None, "The editor left no file behind. Nothing changed.")
    # The direction overrides and isolates saving removes: loaded into a box, they reversed the
    # text after them on screen until it was saved (a paste's are taken out the same way).
    return EditorResult(without_bidi_controls(written))


def edit_in_terminal(app: App[object], text: str, *, name: str = "notes.md") -> EditorResult:
    """``run_editor`` with the app suspended: the editor has the terminal to itself."""
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            return run_editor(text, name=name)
    except SuspendNotSupported:
        return EditorResult(None, "This terminal cannot hand the screen to another program. Nothing changed.")
