"""Reading the files people bring and writing the files we hand out.

Every write goes to a temporary file in the target's directory that is fsynced and renamed over
the old one, as the workspace itself is saved: a calendar app or a sync client watching the path
sees the previous export or the new one, never half a file. Exports hold other people's personal
details, so they are created readable only by their owner.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from ..core.errors import InterviewTuiError, InvalidInput
from ..core.storage import DIR_MODE, backup_path, lock_path, write_atomically
from ..core.text import strip_controls

MAX_IMPORT_BYTES = 256 * 1024 * 1024
"""Far above any real address book (10,000 vCards with photos is about 100 MB); it keeps a
mistaken path (a disk image, a video) from being read into memory whole."""

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ExportFailed(InterviewTuiError):
    """An export could not be written; whatever was at the path before is still there."""


def shown(path: str | os.PathLike[str]) -> str:
    """A path as messages show it: on one line, with no terminal controls."""
    return " ".join(strip_controls(os.fspath(path)).split())


def read_input(path: Path) -> bytes:
    """The bytes of a file to import, or a one-line reason it cannot be read."""
    name = shown(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InvalidInput(f"{name} does not exist; give the path of the file to import.") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {name}: {exc.strerror}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput(f"{name} is a directory; give the path of the file to import.")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device could block forever or never end.
        raise InvalidInput(f"{name} is not a regular file; give the path of the file to import.")
    if info.st_size > MAX_IMPORT_BYTES:
        raise InvalidInput(
            f"{name} is {info.st_size / 1024 / 1024:,.0f} MB, too large to be a contacts file."
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {name}: {exc.strerror}.") from None


def decode_text(raw: bytes) -> str:
    """The text of an imported file: UTF-8 (a byte-order mark dropped), or UTF-16 when it starts
    with that byte-order mark (Excel's "Unicode text", some Windows address books).

    Anything else is refused with the first line that is not UTF-8, rather than guessed at:
    a wrong guess would store every accented name garbled.
    """
    if raw.startswith(_UTF16_BOMS):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput("it starts like UTF-16 text but is not; save it as UTF-8.") from None
    raw = raw.removeprefix(_UTF8_BOM)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InvalidInput(
            f"line {line} is not UTF-8 text; save the file as UTF-8 (in a spreadsheet: "
            '"CSV UTF-8") and import it again.'
        ) from None


def _check_not_workspace(path: Path, workspace: Path | None) -> None:
    if workspace is None:
        return
    target = Path(os.path.realpath(path))
    real = Path(os.path.realpath(workspace))
    # The backup and the lock live beside the name given, which may be a link to the file.
    kept = {real, backup_path(real), lock_path(real)}
    kept |= {Path(os.path.realpath(p)) for p in (backup_path(workspace), lock_path(workspace))}
    if target in kept:
        raise ExportFailed(
            f"{shown(path)} is the workspace itself (or its backup); choose another path for the export."
        )


def check_file_target(path: Path, workspace: Path | None, example: str) -> None:
    """Refuse, before any work, a path an export file cannot be written to."""
    name = shown(path)
    if path.is_dir():
        raise ExportFailed(f"{name} is a directory; give a file name such as {shown(path / example)}.")
    if path.exists() and not path.is_file():
        raise ExportFailed(f"{name} is not a regular file; choose another path for the export.")
    parent = path.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise ExportFailed(f"the directory {shown(parent)} {what}; create it first or choose another path.")
    _check_not_workspace(path, workspace)


def check_directory_target(path: Path, workspace: Path | None) -> None:
    name = shown(path)
    if path.exists() and not path.is_dir():
        raise ExportFailed(f"{name} is a file; give a directory (it is created if missing).")
    parent = path.absolute().parent
    if not path.exists() and not parent.is_dir():
        raise ExportFailed(
            f"the directory {shown(parent)} does not exist; create it first or choose another path."
        )
    _check_not_workspace(path, workspace)


def write_file(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Put ``data`` at ``path`` atomically, mode 0600; ExportFailed leaves the old file as it was.

    ``sync=False`` skips the fsyncs, for many small files that are synced once together with
    ``sync_directory`` (an fsync each makes 10,000 Markdown pages take minutes instead of seconds).
    """
    try:
        write_atomically(path, data, sync=sync)
    except OSError as exc:
        raise ExportFailed(f"could not write {shown(path)}: {exc.strerror or exc}.") from None


def make_directory(path: Path) -> None:
    """Create the export directory (its parent must exist), private to its owner."""
    if path.is_dir():
        return
    try:
        os.mkdir(path, DIR_MODE)
        os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise ExportFailed(f"could not create the directory {shown(path)}: {exc.strerror}.") from None


def sync_directory(directory: Path) -> None:
    # Durability of the rename; some file systems refuse fsync on a directory, which costs only that.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
