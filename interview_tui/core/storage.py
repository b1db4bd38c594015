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
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .errors import SaveFailed, WorkspaceInUse, WorkspaceUnavailable, WorkspaceUnreadable

FILE_MODE = 0o600
DIR_MODE = 0o700
_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE

Data = dict[str, dict[str, Any]]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def encode(data: Data) -> bytes:
    """Stable bytes for the document: sorted keys and indentation, so it diffs well under git."""
    return orjson.dumps(data, option=_DUMP_OPTIONS)


def check_location(path: Path, *, create_dirs: bool = False) -> None:
    """Refuse a path that cannot hold a workspace, before anything is created there."""
    if path.is_dir():
        raise WorkspaceUnavailable(f"{path} is a directory; give a file name such as {path / 'interviews.json'}")
    parent = path.parent
    if not parent.exists():
        if not create_dirs:
            raise WorkspaceUnavailable(
                f"the directory {parent} does not exist; create it first or choose another --db path"
            )
        try:
            parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceUnavailable(f"cannot create the directory {parent}: {exc.strerror}") from exc
    elif not parent.is_dir():
        raise WorkspaceUnavailable(f"{parent} is not a directory; choose another --db path")


class FileLock:
    """An exclusive advisory lock beside the workspace, holding the owner's PID for the message."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self._target = path
        self._fd: int | None = None

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
                raise WorkspaceInUse(str(self._target), owner) from exc
            raise WorkspaceUnavailable(f"cannot lock {self.path}: {exc.strerror}") from exc
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


def read_document(path: Path) -> Data | None:
    """Parse a workspace file; None when it does not exist. Raises WorkspaceUnreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WorkspaceUnavailable(f"cannot read {path}: {exc.strerror}") from exc
    backup = backup_path(path)
    hint = (
        f" The last good copy is {backup}: move it into place to restore it."
        if backup.exists()
        else ""
    )
    if not raw.strip():
        raise WorkspaceUnreadable(f"{path} is empty, so it is not a workspace; it was left untouched.{hint}")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise WorkspaceUnreadable(
            f"{path} is not valid JSON ({exc}); it was left untouched.{hint}"
        ) from exc
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise WorkspaceUnreadable(
            f"{path} is JSON but not an interview-tui workspace; it was left untouched.{hint}"
        )
    return data


class DurableStorage(Storage):
    """TinyDB storage: memory after the first read, atomic fsynced writes, a lock, a backup."""

    def __init__(self, path: str | os.PathLike[str], *, create_dirs: bool = False) -> None:
        self.path = Path(path)
        check_location(self.path, create_dirs=create_dirs)
        self._lock = FileLock(self.path)
        self._lock.acquire()
        try:
            self._data: Data | None = read_document(self.path)
        except BaseException:
            self._lock.release()
            raise
        self._batch_depth = 0
        self._pending = False
        self.writes = 0
        """How many times the file was written; tests and benchmarks read it."""

    # TinyDB's Storage interface -------------------------------------------------------------

    def read(self) -> Data | None:
        return self._data

    def write(self, data: Data) -> None:
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
        payload = encode(self._data or {})
        directory = self.path.parent
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        except OSError as exc:
            raise SaveFailed(f"could not save {self.path}: {exc.strerror}. Your changes are kept in memory.") from exc
        tmp = Path(tmp_name)
        try:
            # mkstemp already creates 0600; fchmod makes that hold whatever the umask.
            os.fchmod(fd, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            self._keep_backup()
            os.replace(tmp, self.path)
            _fsync_directory(directory)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise SaveFailed(
                f"could not save {self.path}: {exc.strerror}. The previous file is intact and "
                "your changes are kept in memory."
            ) from exc
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        self._pending = False
        self.writes += 1

    @property
    def has_unsaved_changes(self) -> bool:
        return self._pending

    def _keep_backup(self) -> None:
        """Keep the file being replaced as the rolling backup: a hard link costs no copy."""
        if not self.path.exists():
            return
        backup = backup_path(self.path)
        staging = backup.with_name(backup.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
        try:
            os.link(self.path, staging)
        except OSError:
            shutil.copy2(self.path, staging)
            os.chmod(staging, FILE_MODE)
        os.replace(staging, backup)
