"""A TinyDB storage that keeps the data in memory and writes it durably and atomically.

TinyDB's stock JSONStorage re-parses the whole file on every operation and rewrites it in place,
so a crash mid-write leaves a torn file. Here the document is parsed once, and every write goes to
a temporary file in the same directory which is fsynced and renamed over the old one: the file on
disk is always either the previous version or the new one, never a mixture.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shlex
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec
import orjson
from tinydb.storages import Storage

from .errors import (
    SaveFailed,
    WorkspaceInUse,
    WorkspaceUnavailable,
    WorkspaceUnreadable,
)
from .validate import find_duplicate

FILE_MODE = 0o600
DIR_MODE = 0o700
_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
_IN_ORDER_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
"""For a document whose keys are already in order: sorting every key of a 10,000-contact
document was two thirds of encoding it (11 of 16 ms), for the same bytes."""

Data = dict[str, dict[str, Any]]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


_parse_fast = msgspec.json.Decoder().decode


def parse(raw: bytes) -> Any:
    """The JSON document in ``raw``; raises orjson.JSONDecodeError when it is not JSON.

    msgspec reads a workspace in two thirds of orjson's time (35 against 52 ms at 10,000
    contacts), which is most of what opening it costs; orjson still writes it (twice as fast
    there). When msgspec refuses the bytes, orjson reads them again: for its message, which says
    where the fault is by line and column, and so that whatever orjson reads, this reads too.
    One difference: an integer beyond 64 bits (which orjson never writes) is read exactly, where
    orjson would read a float; saving it again then fails with a message rather than rounding it.
    """
    try:
        return _parse_fast(raw)
    except (msgspec.DecodeError, ValueError, RecursionError):  # invalid UTF-8, nesting, range
        return orjson.loads(raw)


def encode(data: Data) -> bytes:
    """Stable bytes for the document: sorted keys and indentation, so it diffs well under git."""
    return orjson.dumps(data, option=_DUMP_OPTIONS)


def temp_file_pattern(path: Path) -> re.Pattern[str]:
    """Names of the temporary files a save of ``path`` writes (tempfile.mkstemp: 8 random chars)."""
    return re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")


def check_location(path: Path, *, create_dirs: bool = False) -> None:
    """Refuse a path that cannot hold a workspace, before anything is created there."""
    if path.is_dir():
        raise WorkspaceUnavailable(f"{path} is a directory; give a file name such as {path / 'interviews.json'}")
    if path.exists() and not path.is_file():
        # A FIFO or a device: reading it could block forever, and replacing it is never wanted.
        raise WorkspaceUnavailable(f"{path} is not a regular file; choose another --db path")
    parent = path.parent
    if not parent.exists():
        if not create_dirs:
            raise WorkspaceUnavailable(
                f"the directory {parent} does not exist; create it first or choose another --db path"
            )
        _make_directories(parent)
    elif not parent.is_dir():
        raise WorkspaceUnavailable(f"{parent} is not a directory; choose another --db path")


def _make_directories(directory: Path) -> None:
    """Create ``directory`` and any missing parents, each 0700 whatever the umask.

    Path.mkdir(parents=True) would create the parents with the default mode, so with a lax umask
    a new ~/.local/share could be left world-writable.
    """
    missing: list[Path] = []
    current = directory
    while not current.exists() and not current.is_symlink() and current.parent != current:
        missing.append(current)
        current = current.parent
    if not current.is_dir():
        raise WorkspaceUnavailable(f"{current} is not a directory; choose another --db path")
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
            os.chmod(folder, DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise WorkspaceUnavailable(f"{folder} is not a directory; choose another --db path") from None
        except OSError as exc:
            raise WorkspaceUnavailable(f"cannot create the directory {folder}: {exc.strerror}") from exc


class FileLock:
    """An exclusive advisory lock beside the workspace, holding the owner's PID for the message."""

    def __init__(self, path: Path, name: str | None = None) -> None:
        self.path = lock_path(path)
        self._target = name or str(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            raise WorkspaceUnavailable(
                f"cannot create files in {self.path.parent}: {exc.strerror}; choose a writable --db path"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            owner = _read_pid(fd)
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EACCES, errno.EAGAIN):
                raise WorkspaceInUse(self._target, owner) from exc
            raise WorkspaceUnavailable(f"cannot lock {self.path}: {exc.strerror}") from exc
        # The PID only makes the other instance's message better: failing to record it (a full
        # disk) must not leave the lock held by a half-opened workspace.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing the descriptor drops the flock
        self._fd = None


def _read_pid(fd: int) -> int | None:
    try:
        raw = os.pread(fd, 32, 0).decode(errors="replace").strip()
        return int(raw) if raw else None
    except (OSError, ValueError):
        return None


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ReadAhead:
    """A workspace file read on another thread while this one does something else.

    The app starts this before it imports Textual: reading 15 MB (10,000 contacts) is mostly the
    kernel copying pages, which runs without the interpreter lock, so it costs start-up nothing
    instead of 10 ms, and far more than that when the file is not in the page cache yet. The
    bytes are used only if the file is still the one that was read once the lock is held (see
    ``take``); otherwise it is read again, as it would have been.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(os.path.realpath(path))
        self._raw: bytes | None = None
        self._identity: tuple[int, int, int] | None = None
        self._thread = threading.Thread(target=self._read, name="interview-tui read-ahead", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            # Non-blocking, and only a regular file: a FIFO put in its place must not hang take().
            descriptor = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
            with open(descriptor, "rb") as file:
                status = os.fstat(descriptor)
                if not stat.S_ISREG(status.st_mode):
                    return
                before = (status.st_ino, status.st_size, status.st_mtime_ns)
                raw = file.read()
            if _identity(self.path) == before:
                self._raw, self._identity = raw, before
        except OSError:
            pass  # the real read reports it, with the lock held

    def take(self, path: Path) -> bytes | None:
        """The bytes read, if ``path`` is the file read and it has not changed since (None
        otherwise). Each ReadAhead hands its bytes out once."""
        self._thread.join()
        raw, self._raw = self._raw, None
        if raw is None or path != self.path or _identity(path) != self._identity:
            return None
        return raw


def read_document(path: Path, name: str | Path | None = None, *, read_ahead: ReadAhead | None = None) -> Data | None:
    """Parse a workspace file; None when it does not exist. Raises WorkspaceUnreadable.

    ``name`` is how the messages call the file (the path the user gave, when ``path`` is where a
    symbolic link leads). ``read_ahead`` may hold its bytes already.
    """
    raw = read_ahead.take(path) if read_ahead is not None else None
    try:
        if raw is None:
            raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WorkspaceUnavailable(f"cannot read {name or path}: {exc.strerror}") from exc
    backup = backup_path(path)
    path = Path(name) if name is not None else path
    hint = restore_hint(path) if backup.exists() else ""
    try:
        data = parse(raw)
    except orjson.JSONDecodeError as exc:
        # Tested only now: raw.strip() up front would copy the whole file (18 MB at 10,000 contacts).
        if not raw or raw.isspace():
            raise WorkspaceUnreadable(
                f"{path} is empty, so it is not a workspace; it was left untouched.{hint}"
            ) from None
        raise WorkspaceUnreadable(
            f"{path} is not valid JSON ({exc}); it was left untouched.{hint}"
        ) from exc
    if not _is_document(data):
        raise WorkspaceUnreadable(
            f"{path} is JSON but not an interview-tui workspace; it was left untouched.{hint}"
        )
    duplicate = find_duplicate(raw, data)
    if duplicate is not None:
        # The parser kept the last of the two: the other would be gone after the next save.
        if duplicate.record_id is None:
            twice = f"the table {duplicate.table!r} is given twice"
        else:
            twice = f"{duplicate.table} has two records with id {duplicate.record_id} (a merge may have kept both)"
        fix = "Give one of them an id of its own" + (", or restore the backup." if hint else ".")
        raise WorkspaceUnreadable(
            f"{path}: {twice}, and only the last would be read; the file was left untouched. {fix}{hint}"
        )
    return data


def restore_hint(path: Path) -> str:
    """How to get the rolling backup back, as a command to copy."""
    return (
        f" The last good copy is {backup_path(path)}; to put it back (the damaged file is kept), "
        f"run: interview-tui --db {shlex.quote(str(path))} restore-backup"
    )


def write_atomically(
    target: Path,
    payload: bytes | Sequence[bytes | memoryview],
    *,
    sync: bool = True,
    before_replace: Callable[[], Callable[[], None] | None] | None = None,
) -> None:
    """Put ``payload`` at ``target`` as a new file, mode 0600 whatever the umask: written to a
    temporary file beside it, flushed to disk, renamed over the old one, and the directory
    flushed, so ``target`` is always the old bytes or the new ones. Raises OSError, leaving the
    old file and no temporary file behind.

    ``sync=False`` skips the flushes (for many small files synced once together).
    ``before_replace`` runs just before the rename (the workspace stages its backup there) and
    may return what to run once the new file is in place.
    """
    directory = target.absolute().parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp already creates 0600; fchmod makes that hold whatever the umask.
            os.fchmod(handle.fileno(), FILE_MODE)
            for piece in [payload] if isinstance(payload, bytes) else payload:
                handle.write(piece)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        after_replace = before_replace() if before_replace is not None else None
        os.replace(tmp_name, target)
        if after_replace is not None:
            after_replace()
        if sync:
            _fsync_directory(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def restore_backup(path: Path) -> Path | None:
    """Put the rolling backup in place of a damaged workspace file. The damaged file is kept
    under a new name, which is returned (None when there was no file). Refused, changing
    nothing, when the backup itself cannot be read or the workspace is open elsewhere."""
    backup = backup_path(path)
    if not backup.exists():
        raise WorkspaceUnavailable(f"there is no backup of {path} ({backup} does not exist).")
    lock = FileLock(path)
    lock.acquire()
    try:
        if read_document(backup) is None:  # raises WorkspaceUnreadable for a damaged backup
            raise WorkspaceUnavailable(f"there is no backup of {path} ({backup} does not exist).")
        kept: Path | None = None
        if path.exists():
            kept = new_sibling(path, lambda stamp: f"{path.name}.damaged-{stamp}")
            try:
                os.link(path, kept)
            except OSError:
                shutil.copy2(path, kept)
        write_atomically(path, backup.read_bytes())
        return kept
    finally:
        lock.release()


def _is_document(data: Any) -> bool:
    """The shape TinyDB needs: tables of records, each under a numeric id."""
    if not isinstance(data, dict):
        return False
    for table in data.values():
        if not isinstance(table, dict):
            return False
        if not table:
            continue
        # Tens of thousands of records at start-up: checked in bulk rather than one by one. Every
        # id is made of ASCII digits when all of them joined are (and none is empty), and every
        # record is an object when each type met is a dict.
        ids = "".join(table)
        if "" in table or not (ids.isascii() and ids.isdigit()):
            return False
        if not all(issubclass(kind, dict) for kind in set(map(type, table.values()))):
            return False
    return True


class DurableStorage(Storage):
    """TinyDB storage: memory after the first read, atomic fsynced writes, a lock, a backup."""

    def __init__(
        self, path: str | os.PathLike[str], *, create_dirs: bool = False, read_ahead: ReadAhead | None = None
    ) -> None:
        self.path = Path(path)
        """The path as given, for messages."""
        check_location(self.path, create_dirs=create_dirs)
        # Saving replaces the file; through a symbolic link that would replace the link itself
        # and leave the real file (say, in a git checkout) behind. So work on where it leads, and
        # lock there, so that two links to one file cannot both open it.
        self._file = Path(os.path.realpath(self.path))
        if self._file != self.path.absolute():
            check_location(self._file)
        self._lock = FileLock(self._file, str(self.path))
        self._lock.acquire()
        try:
            self._data: Data | None = read_document(self._file, self.path, read_ahead=read_ahead)
        except BaseException:
            self._lock.release()
            raise
        self._remove_stale_temp_files()
        self._batch_depth = 0
        self._pending = False
        self.writes = 0
        """How many times the file was written; tests and benchmarks read it."""
        self._seen = _identity(self._file)
        """The file as this storage last read or wrote it, to notice another program's change."""
        self.diverted_to: Path | None = None
        """Where saves go since the file was found changed by another program (None: the file)."""
        self.on_diverted: Callable[[Path], None] | None = None
        """Told once, with the new place, when saves start going elsewhere."""
        self.keys_in_order = False
        """Set by the Store, which writes every record with its fields in name order and says
        which tables it appended records to (``appended``): then saving sorts only those tables
        and the table names, not every key of the document, and writes the same bytes."""
        self._appended: set[str] = set()
        self._encoded_tables: dict[str, memoryview] = {}
        """Each table as it was last encoded, indented for its place in the document: saving
        encodes again only the tables changed since (see ``write`` and ``_encode_in_order``)."""

    # TinyDB's Storage interface -------------------------------------------------------------

    def read(self) -> Data | None:
        return self._data

    def write(self, data: Data, *, changed: Collection[str] | None = None) -> None:
        """Take ``data`` as the document and save it (at the end of the batch, inside one).
        ``changed`` names the only tables changed in it since the last write; None (TinyDB's
        own call, a restore) means any of them may have."""
        if changed is None or data is not self._data:
            self._encoded_tables.clear()
        else:
            for name in changed:
                self._encoded_tables.pop(name, None)
        self._data = data
        if self._batch_depth:
            self._pending = True
            return
        self.flush()

    def close(self) -> None:
        self._lock.release()

    # Ours ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB operations into one durable write of the file."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._pending:
                self.flush()

    def flush(self) -> None:
        """Write the in-memory document to disk; on failure the old file stays and memory keeps the new."""
        self._pending = True
        if not self._lock.held:
            # Without the lock another instance may have opened the file since: writing now
            # would silently throw away its work.
            raise SaveFailed(
                f"could not save {self.path}: it was closed, and another interview-tui may be "
                "using it now. Open it again to make changes."
            )
        try:
            payload = self._encode_in_order() if self.keys_in_order else encode(self._data or {})
        except TypeError as exc:  # orjson.JSONEncodeError: say a lone surrogate in a string
            raise SaveFailed(
                f"could not save {self.path}: {exc}. The previous file is intact and your "
                "changes are kept in memory."
            ) from exc
        if self.diverted_to is None and self._changed_by_another_program():
            # A sync tool or an editor replaced the file while it was open. Writing over it
            # would throw their version away, and reloading would throw ours away: ours goes
            # to a file of its own next to it, and the person is told where.
            self.diverted_to = conflict_path(self._file)
            self._write_file(self.diverted_to, payload, keep_backup=False)
            self._pending = False
            self.writes += 1
            if self.on_diverted is not None:
                self.on_diverted(self.diverted_to)
            return
        target = self.diverted_to or self._file
        self._write_file(target, payload, keep_backup=self.diverted_to is None)
        if self.diverted_to is None:
            self._seen = _identity(self._file)
        self._pending = False
        self.writes += 1

    def appended(self, table: str) -> None:
        """A record was added at the end of ``table``: it is put in its place at the next save."""
        self._appended.add(table)

    def _encode_in_order(self) -> list[bytes | memoryview]:
        """The document's bytes, in pieces, exactly as ``orjson.dumps(data, option=
        _IN_ORDER_OPTIONS)`` writes them whole, with only the tables changed since the last save
        encoded again: a note typed into one conversation need not re-encode 10,000 contacts and
        20,000 follow-ups, nor copy them into one 18 MB buffer (fresh memory costs a page fault
        per 4 KB)."""
        data = self._data or {}
        for name in self._appended:
            if isinstance(data.get(name), dict):
                data[name] = dict(sorted(data[name].items()))
        self._appended.clear()
        self._data = data = dict(sorted(data.items()))
        if not data:
            return [orjson.dumps(data, option=_IN_ORDER_OPTIONS)]
        encoded = self._encoded_tables
        pieces: list[bytes | memoryview] = [b"{\n"]
        for name, table in data.items():
            piece = encoded.get(name)
            if piece is None:
                # Encoded as the document's only table, so indented as it is in the document;
                # the view leaves out the braces around it without copying.
                whole = orjson.dumps({name: table}, option=orjson.OPT_INDENT_2)
                piece = encoded[name] = memoryview(whole)[2:-2]
            pieces += (piece, b",\n")
        pieces[-1] = b"\n}\n"
        return pieces
    def _changed_by_another_program(self) -> bool:
        current = _identity(self._file)
        # A file removed meanwhile loses nobody's work when ours is written back in its place.
        return current is not None and current != self._seen

    def _write_file(self, target: Path, payload: bytes | Sequence[bytes | memoryview], *, keep_backup: bool) -> None:
        """Write ``payload`` to ``target`` atomically and durably; SaveFailed leaves it as it was.
        With ``keep_backup`` the version it replaces becomes the rolling backup."""

        def stage_backup() -> Callable[[], None] | None:
            staged = self._stage_backup()
            return None if staged is None else lambda: self._keep_backup(staged)

        try:
            write_atomically(target, payload, before_replace=stage_backup if keep_backup else None)
        except OSError as exc:
            with contextlib.suppress(OSError):
                _backup_staging_path(self._file).unlink()
            raise SaveFailed(
                f"could not save {target}: {exc.strerror}. The previous file is intact and "
                "your changes are kept in memory."
            ) from exc
        except BaseException:
            with contextlib.suppress(OSError):
                _backup_staging_path(self._file).unlink()
            raise

    @property
    def has_unsaved_changes(self) -> bool:
        return self._pending

    def _stage_backup(self) -> Path | None:
        """Keep a second name for the file about to be replaced (a hard link costs no copy).

        It becomes the backup only once the new file is in place, so a save that fails leaves
        the previous backup as it was.
        """
        if not self._file.exists():
            return None
        staging = _backup_staging_path(self._file)
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
        try:
            try:
                os.link(self._file, staging)
            except OSError:
                shutil.copy2(self._file, staging)
            # Through the link this also tightens the file about to be replaced: harmless, and a
            # workspace someone made world-readable gets a private backup.
            os.chmod(staging, FILE_MODE)
        except BaseException:
            with contextlib.suppress(OSError):
                staging.unlink()
            raise
        return staging

    def _keep_backup(self, staging: Path) -> None:
        """Make the staged previous version the rolling backup.

        The new file is already in place: failing here costs the backup, not the save, so it
        is not reported as a failed save.
        """
        try:
            os.replace(staging, backup_path(self._file))
        except OSError:
            with contextlib.suppress(OSError):
                staging.unlink()

    def _remove_stale_temp_files(self) -> None:
        """Clear what a save killed half-way left behind; the lock says no save is running now."""
        pattern = temp_file_pattern(self._file)
        staging = _backup_staging_path(self._file).name
        try:
            entries = list(os.scandir(self._file.parent))
        except OSError:
            return
        for entry in entries:
            if entry.name == staging or pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)


def new_sibling(path: Path, name: Callable[[str], str]) -> Path:
    """A path beside ``path`` that does not exist yet, named ``name(stamp)`` from the time now
    (with "-2", "-3" added to the stamp when that is taken)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(name(stamp))
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(name(f"{stamp}-{number}"))
    return candidate


def conflict_path(path: Path) -> Path:
    """A new file next to ``path`` for the version that could not be saved over it."""
    return new_sibling(path, lambda stamp: f"{path.stem}.conflict-{stamp}{path.suffix}")


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def _backup_staging_path(path: Path) -> Path:
    backup = backup_path(path)
    return backup.with_name(backup.name + ".tmp")
