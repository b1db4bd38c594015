"""A TinyDB storage that keeps the data in memory and writes it durably and atomically.

TinyDB's stock JSONStorage re-parses the whole file on every operation and rewrites it in place,
so a crash mid-write leaves a torn file. Here the document is parsed once, and every write goes to
a temporary file in the same directory which is fsynced and renamed over the old one: the file on
disk is always either the previous version or the new one, never a mixture.
"""

from __future__ import annotations

import bisect
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
from collections.abc import Callable, Collection, Iterable, Iterator
from glob import escape as glob_escape
from pathlib import Path
from typing import Any, TypeGuard

import msgspec
import orjson
from tinydb.storages import Storage

from .errors import (
    SaveFailed,
    WorkspaceInUse,
    WorkspaceReadOnly,
    WorkspaceUnavailable,
    WorkspaceUnreadable,
)
from .table_text import LaterReading, RecordTexts, Unparsed, cut_later
from .validate import find_duplicate, find_unwritable_number
from .writer import Writer

FILE_MODE = 0o600
DIR_MODE = 0o700
_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
_IN_ORDER_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
"""For a document whose keys are already in order: sorting every key of a 10,000-contact
document was two thirds of encoding it (11 of 16 ms), for the same bytes."""

Data = dict[str, Any]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


_parse_fast = msgspec.json.Decoder().decode
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"
_tables_as_text = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode

TableReader = Callable[[msgspec.Raw], tuple[dict[str, Any], int]]
LaterReader = Callable[[msgspec.Raw], LaterReading]
DocumentReader = Callable[[bytes], dict[str, Any]]
"""How a whole file can be read in one pass (see typed_read.document_reader)."""
"""How a table can be read typed (see typed_read.py): its bytes -> (its records by id; how many
objects they hold). Raises msgspec.DecodeError or msgspec.ValidationError when it cannot."""


def parse(raw: bytes | memoryview) -> Any:
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


def _encode_record(doc: Any) -> bytes:
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2)


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


_LOCK_HELD = frozenset({errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES})
_LOCKS_UNSUPPORTED = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL})


class _NoLock(Exception):
    """The lock cannot be taken where the workspace is (a read-only folder or file system, or
    one without locks): the workspace can still be read, so it is opened read-only."""

    def __init__(self, why: str, fix: str) -> None:
        super().__init__(why)
        self.why = why
        self.fix = fix


class FileLock:
    """An exclusive advisory lock beside the workspace, holding the owner's PID for the message.

    It sits beside the name the person gave (for a symbolic link, beside the link, not where it
    leads). The lock file is opened without following a symbolic link and must be a regular
    file with one name, owned by this user: writing the PID into it must never reach another
    file (``interviews.json.lock`` made a link to ``~/.bashrc`` would otherwise be emptied).
    """

    def __init__(self, path: Path, name: str | None = None) -> None:
        self.path = lock_path(path)
        self._target = name or str(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Raises WorkspaceInUse, WorkspaceUnavailable (a lock file not safe to use) or _NoLock."""
        fd = self._open()
        try:
            self._check(fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in _LOCK_HELD:
                    raise WorkspaceInUse(self._target, _read_pid(fd)) from exc
                if exc.errno in _LOCKS_UNSUPPORTED:
                    raise _NoLock(
                        f"{self._target} cannot be locked there ({exc.strerror})",
                        "Copy it to a local disk (and open the copy with --db) to make changes.",
                    ) from exc
                raise WorkspaceUnavailable(f"cannot lock {self.path}: {exc.strerror}") from exc
        except BaseException:
            os.close(fd)
            raise
        # The PID only makes the other instance's message better: failing to record it (a full
        # disk) must not leave the lock held by a half-opened workspace.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def _open(self) -> int:
        directory = self.path.parent
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            return os.open(self.path, flags, FILE_MODE)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise WorkspaceUnavailable(self._refusal("is a symbolic link")) from exc
            if exc.errno == errno.EISDIR:
                raise WorkspaceUnavailable(self._refusal("is a directory", remove="rmdir")) from exc
            if exc.errno in (errno.EACCES, errno.EPERM) and os.path.lexists(self.path):
                owner = _owner_of(self.path)
                raise WorkspaceUnavailable(self._refusal(f"cannot be opened ({exc.strerror}; it belongs to uid {owner})")) from exc
            if exc.errno == errno.EROFS:
                raise _NoLock(
                    f"{self._target} is on a read-only file system",
                    "Copy it to a writable place (and open the copy with --db) to make changes.",
                ) from exc
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise _NoLock(
                    f"{self._target} is in a folder that is not writable ({directory})",
                    f"Make the folder writable (chmod u+w {shlex.quote(str(directory))}) and open it again to make changes.",
                ) from exc
            raise WorkspaceUnavailable(
                f"cannot create files in {directory}: {exc.strerror}; choose a writable --db path"
            ) from exc

    def _check(self, fd: int) -> None:
        status = os.fstat(fd)
        me = os.geteuid()
        if not stat.S_ISREG(status.st_mode):
            problem = "is not a regular file"
        elif status.st_nlink != 1:
            problem = "has other names (hard links)"
        elif status.st_uid != me and not (me == 0 and status.st_uid == _owner_of(self.path.parent)):
            problem = f"belongs to another user (uid {status.st_uid})"
        else:
            if me == 0 and status.st_uid == 0:
                # Made by root (sudo) in someone's folder: theirs, so that they can open it next.
                owner = _owner_of(self.path.parent, group=True)
                if owner is not None and owner[0] != 0:
                    with contextlib.suppress(OSError):
                        os.fchown(fd, *owner)
            return
        raise WorkspaceUnavailable(self._refusal(problem))

    def _refusal(self, problem: str, remove: str = "rm") -> str:
        return (
            f"{self.path} {problem}, so it is not used as the lock of {self._target}; remove it "
            f"({remove} {shlex.quote(str(self.path))}) and try again."
        )

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing the descriptor drops the flock
        self._fd = None


def _owner_of(path: Path, *, group: bool = False) -> Any:
    """The owner's uid of ``path`` (with ``group``: (uid, gid)); None when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_uid, status.st_gid) if group else status.st_uid


def _held_elsewhere(path: Path, in_use: WorkspaceInUse) -> _NoLock:
    """Why a workspace another interview-tui holds is read-only here.

    ``interview-tui due`` lives in shell profiles, and the app is often open in another window:
    a command that only looks reads the file as that one last saved it. It is safe without the
    lock, since every save replaces the file whole (a reader has the old version or the new,
    never half of one); nothing is written, nor are that one's temporary files tidied away."""
    who = f"PID {in_use.pid}" if in_use.pid else "another process"
    return _NoLock(f"{path} is open in another interview-tui ({who})", "Close it to make changes here.")


def _lock_workspace_file(fd: int, path: Path, name: str) -> int | None:
    """Take the flock on the workspace file itself (``fd`` open on it): two links to one file
    have two lock files beside them, but only one of them can hold this. Returns the descriptor
    that holds it (``fd``, or one opened for writing where the file system wants that, as NFS
    does), or None when no lock can be held here. Raises WorkspaceInUse."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except OSError as exc:
        if exc.errno in _LOCK_HELD:
            raise WorkspaceInUse(name, None) from exc
        if exc.errno != errno.EBADF:
            return None
    try:
        writable = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(writable, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(writable)
        if exc.errno in _LOCK_HELD:
            raise WorkspaceInUse(name, None) from exc
        return None
    return writable


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


Identity = tuple[int, int, int, int, int]
"""A file as stat sees it: device, inode, size, modification and change times (ns). The change
time is set by the kernel on every write, rename, link and chmod, and no program can put it
back, unlike the modification time (``cp -p``, ``rsync -t``)."""


def _identity_of(status: os.stat_result) -> Identity:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _identity(path: Path) -> Identity | None:
    try:
        return _identity_of(os.stat(path))
    except FileNotFoundError:
        return None


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
        self._identity: Identity | None = None
        self._thread = threading.Thread(target=self._read, name="interview-tui read-ahead", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            # Non-blocking, and only a regular file: a FIFO put in its place must not hang take().
            descriptor = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
            with open(descriptor, "rb") as file:
                status = os.fstat(descriptor)
                if not stat.S_ISREG(status.st_mode):
                    return
                before = _identity_of(status)
                raw = file.read()
                if _identity_of(os.fstat(descriptor)) == before:
                    self._raw, self._identity = raw, before
        except OSError:
            pass  # the real read reports it, with the lock held

    def take(self, path: Path) -> bytes | None:
        """The bytes read, if ``path`` is the file read and it has not changed since (None
        otherwise). Each ReadAhead hands its bytes out once."""
        taken = self.take_with_identity(path)
        if taken is None or _identity(path) != taken[1]:
            return None
        return taken[0]

    def take_with_identity(self, path: Path) -> tuple[bytes, Identity] | None:
        """The bytes read and the identity of the file they were read from, if ``path`` is the
        file read; the caller compares that identity with the file it holds open."""
        self._thread.join()
        raw, self._raw = self._raw, None
        if raw is None or self._identity is None or path != self.path:
            return None
        return raw, self._identity


class _AlreadyRead(ReadAhead):
    """Bytes the storage read itself (through the descriptor it holds), handed to
    ``read_document`` the way a read-ahead hands its own."""

    def __init__(self, raw: bytes) -> None:  # no thread: the bytes are here already
        self._raw_bytes: bytes | None = raw

    def take(self, path: Path) -> bytes | None:
        raw, self._raw_bytes = self._raw_bytes, None
        return raw


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    with open(fd, "rb", buffering=0, closefd=False) as file:
        return file.readall()


def read_document(
    path: Path,
    name: str | Path | None = None,
    *,
    read_ahead: ReadAhead | None = None,
    typed: dict[str, TableReader] | None = None,
    later: dict[str, LaterReader] | None = None,
    whole: DocumentReader | None = None,
) -> Data | None:
    """Parse a workspace file; None when it does not exist. Raises WorkspaceUnreadable.

    ``name`` is how the messages call the file (the path the user gave, when ``path`` is where a
    symbolic link leads). ``read_ahead`` may hold its bytes already. ``typed``: the tables that
    may be read by a typed reader, and left as ``Unparsed`` text in the document (see
    ``_read_typed``); each is read so or, when it cannot be, parsed as usual. ``later``: tables
    left to be read afterwards, a few records at a time (see ``DurableStorage.read_later``), with
    the check that no id is given twice, which counts every table's objects. ``whole``: what
    reads the file in one pass, tried first (see ``_read_in_one_pass``).
    """
    data, _ = _read_document(path, name, read_ahead=read_ahead, typed=typed, later=later, whole=whole)
    return data


def _read_document(
    path: Path,
    name: str | Path | None = None,
    *,
    read_ahead: ReadAhead | None = None,
    typed: dict[str, TableReader] | None = None,
    later: dict[str, LaterReader] | None = None,
    whole: DocumentReader | None = None,
) -> tuple[Data | None, bytes | None]:
    """``read_document``, with the bytes read when the check for ids given twice is left to
    the end of reading later (None when it was made)."""
    raw = read_ahead.take(path) if read_ahead is not None else None
    try:
        if raw is None:
            raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        raise WorkspaceUnavailable(f"cannot read {name or path}: {exc.strerror}") from exc
    # The backup lives beside the name given (which may be a link to the file).
    path = Path(name) if name is not None else path
    hint = restore_hint(path) if backup_path(path).exists() else ""
    if raw.startswith(_BYTE_ORDER_MARK):
        raw = raw[len(_BYTE_ORDER_MARK) :]  # some editors on Windows start a UTF-8 file with one
    try:
        data = _read_in_one_pass(raw, whole, later or {}) if whole is not None else None
        if data is None and typed:
            data = _read_typed(raw, typed, later or {})
        if data is None:
            data = parse(raw)
    except orjson.JSONDecodeError as exc:
        # Tested only now: raw.strip() up front would copy the whole file (18 MB at 10,000 contacts).
        if not raw or raw.isspace():
            raise WorkspaceUnreadable(
                f"{path} is empty, so it is not a workspace; it was left untouched.{hint}"
            ) from None
        raise WorkspaceUnreadable(f"{path} is not valid JSON ({_where_unreadable(raw, exc)}); it was left untouched.{hint}") from exc
    if not _is_document(data):
        raise WorkspaceUnreadable(
            f"{path} is JSON but not an interview-tui workspace ({_why_not_a_document(data)}); it was "
            f"left untouched.{hint}"
        )
    read_later = any(type(table) is Unparsed and table.later is not None for table in data.values())
    if not read_later:
        _refuse_duplicate(raw, data, path, hint)
    _refuse_unwritable(data, path, hint)
    return data, raw if read_later else None


def _refuse_unwritable(data: Data, path: Path, hint: str) -> None:
    """Raise WorkspaceUnreadable when ``data`` holds a number the file could not hold again."""
    unwritable = find_unwritable_number(data)
    if unwritable is not None:
        table, record_id, where = unwritable
        fix = "Fix that record" + (", or restore the backup." if hint else ".")
        raise WorkspaceUnreadable(
            f"{path}: {table} record {record_id} holds a number too large to be saved again (at {where}); "
            f"the file was left untouched. {fix}{hint}"
        )


BRACES_COUNTED_A_STEP = 4 << 20
"""Bytes of the file whose ``{`` are counted at each step of reading a table later (about 1 ms)."""


def _refuse_duplicate(raw: bytes, data: Data, path: Path, hint: str, braces: int | None = None) -> None:
    """Raise WorkspaceUnreadable when ``raw`` gives a table, or an id in one, twice (``braces``:
    the ``{`` of ``raw``, when counted beforehand)."""
    duplicate = find_duplicate(raw, data, braces)
    if duplicate is not None:
        # The parser kept the last of the two: the other would be gone after the next save.
        if duplicate.record_id is None:
            twice = f"the table {duplicate.table!r} is given twice"
            fix = "Join the two into one"
        elif duplicate.key:
            where = "".join(f"[{part!r}]" for part in duplicate.inside)
            twice = (
                f"{duplicate.table} record {duplicate.record_id} gives {duplicate.key!r} twice"
                + (f" (in {where})" if where else "")
            )
            fix = "Keep one of them"
        else:
            twice = f"{duplicate.table} has two records with id {duplicate.record_id} (a merge may have kept both)"
            fix = "Give one of them an id of its own"
        fix += ", or restore the backup." if hint else "."
        raise WorkspaceUnreadable(
            f"{path}: {twice}, and only the last would be read; the file was left untouched. {fix}{hint}"
        )


def _where_unreadable(raw: bytes, error: Exception) -> str:
    """The parser's message; for bytes that are not UTF-8, where they are (the parser says line 1,
    column 1 whatever the place)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        from .text import where_not_utf8  # noqa: PLC0415 - only for a damaged file

        return f"{where_not_utf8(raw, exc.start)} is not UTF-8 text"
    return str(error)


def _read_in_one_pass(raw: bytes, whole: DocumentReader, later: dict[str, LaterReader]) -> dict[str, Any] | None:
    """The document as ``_read_typed`` makes it, read by ``whole`` in one pass; each large
    table's text is cut from the file only when it is first wanted (see ``Unparsed.raw``).
    None when ``whole`` cannot read the file: ``_read_typed`` then reads it a table at a time."""
    try:
        tables = whole(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    text_of = cut_later(raw)
    data: dict[str, Any] = {}
    for name, value in tables.items():
        if type(value) is msgspec.Raw:
            read_later = later.get(name)
            data[name] = Unparsed(value, None, 0, later=read_later(value)) if read_later else parse(memoryview(value))
            continue
        records, inner = value
        ids = "".join(records)
        if "" in records or not (ids.isascii() and ids.isdigit()):
            return None
        data[name] = Unparsed(text_of(name), records, len(records) + inner)
    return data


def _read_typed(raw: bytes, typed: dict[str, TableReader], later: dict[str, LaterReader]) -> dict[str, Any] | None:
    """The document, with each table of ``typed`` that its reader could read kept as
    ``Unparsed`` text (its records made already); None when ``raw`` is not a JSON object.

    Parsing the large tables into dicts only to check and convert them again costs twice: this
    parses each once, typed, and keeps the dicts for when a change needs them (most commands and
    most sessions change one table, or none). A table its reader refuses, and every other table,
    is parsed as usual, so its faults are found and named as they always were."""
    try:
        tables = _tables_as_text(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None  # parsed as usual: its fault is found and named there
    data: dict[str, Any] = {}
    for name, text in tables.items():
        read_later = later.get(name)
        if read_later is not None:
            data[name] = Unparsed(text, None, 0, later=read_later(text))
            continue
        reader = typed.get(name)
        if reader is not None:
            try:
                records, inner = reader(text)
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                pass
            else:
                ids = "".join(records)
                if "" not in records and ids.isascii() and ids.isdigit():
                    data[name] = Unparsed(text, records, len(records) + inner)
                    continue
        data[name] = parse(memoryview(text))
    return data


def restore_hint(path: Path) -> str:
    """How to get the rolling backup back, as a command to copy."""
    return (
        f" The last good copy is {backup_path(path)}; to put it back (the damaged file is kept), "
        f"run: interview-tui --db {shlex.quote(str(path))} restore-backup"
    )


def write_atomically(
    target: Path,
    payload: bytes | Iterable[bytes | memoryview],
    *,
    sync: bool = True,
    before_replace: Callable[[], Callable[[], None] | None] | None = None,
    owner: tuple[int, int] | None = None,
    keep_locked: bool = False,
) -> int | None:
    """Put ``payload`` at ``target`` as a new file, mode 0600 whatever the umask: written to a
    temporary file beside it, flushed to disk, renamed over the old one, and the directory
    flushed, so ``target`` is always the old bytes or the new ones. Raises OSError, leaving the
    old file and no temporary file behind.

    ``sync=False`` skips the flushes (for many small files synced once together).
    ``before_replace`` runs just before the rename (the workspace stages its backup there) and
    may return what to run once the new file is in place. ``owner`` (uid, gid; -1 keeps one) is
    given to the new file before it takes the old one's place: a save by root must not take a
    person's workspace away from them. With ``keep_locked`` the new file is flocked before the
    rename and the descriptor holding that lock is returned (the caller closes it).
    """
    directory = target.absolute().parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    kept: int | None = None
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp already creates 0600; fchmod makes that hold whatever the umask.
            os.fchmod(handle.fileno(), FILE_MODE)
            if owner is not None:
                _give(handle.fileno(), owner)
            for piece in [payload] if isinstance(payload, bytes) else payload:
                handle.write(piece)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
            if keep_locked:
                kept = os.dup(handle.fileno())
                with contextlib.suppress(OSError):
                    fcntl.flock(kept, fcntl.LOCK_EX | fcntl.LOCK_NB)
        after_replace = before_replace() if before_replace is not None else None
        os.replace(tmp_name, target)
        if after_replace is not None:
            after_replace()
        if sync:
            _fsync_directory(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if kept is not None:
            os.close(kept)
        raise
    return kept


def _give(fd: int, owner: tuple[int, int]) -> None:
    """chown the file open at ``fd``. Root must manage it (else the save is refused, saying
    why); anyone else keeps the group where the system allows it, and no more."""
    uid, gid = owner
    try:
        os.fchown(fd, uid, gid)
    except OSError as exc:
        if uid == -1 and exc.errno == errno.EPERM:
            return
        raise OSError(exc.errno, f"it could not be given back to its owner (uid {uid}): {exc.strerror}") from exc


def _keep_owner(status: os.stat_result | None, fallback: tuple[int, int] | None) -> tuple[int, int] | None:
    """Who the new version of a file with ``status`` must belong to (None: whoever writes it)."""
    if status is None:
        return fallback
    wanted = (status.st_uid, status.st_gid)
    if wanted == (os.geteuid(), os.getegid()):
        return None
    return wanted if os.geteuid() == 0 else (-1, status.st_gid)


def restore_backup(path: Path) -> Path | None:
    """Put the rolling backup in place of a damaged workspace file. The damaged file is kept
    under a new name, which is returned (None when there was no file). Refused, changing
    nothing, when the backup itself cannot be read or the workspace is open elsewhere.

    ``path`` is the name the person gives: the backup and the lock are beside it, and a
    symbolic link stays a link (the file it leads to is the one replaced)."""
    backup = backup_path(path)
    if not backup.exists():
        raise WorkspaceUnavailable(f"there is no backup of {path} ({backup} does not exist).")
    real = Path(os.path.realpath(path))
    lock = FileLock(path.absolute(), str(path))
    try:
        lock.acquire()
    except _NoLock as exc:
        raise WorkspaceUnavailable(f"cannot restore {path}: {exc.why}. {exc.fix}") from None
    held: int | None = None
    try:
        status: os.stat_result | None = None
        with contextlib.suppress(FileNotFoundError):
            opened = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
            held = _lock_workspace_file(opened, real, str(path))
            if held != opened:
                os.close(opened)
            status = os.fstat(held) if held is not None else os.stat(real)
        if status is not None and not status.st_mode & stat.S_IWUSR:
            raise WorkspaceReadOnly(
                f"{path} is read-only (mode {stat.S_IMODE(status.st_mode):04o}): nothing was restored. "
                f"Make it writable (chmod u+w {shlex.quote(str(path))}) first."
            )
        if read_document(backup) is None:  # raises WorkspaceUnreadable for a damaged backup
            raise WorkspaceUnavailable(f"there is no backup of {path} ({backup} does not exist).")
        kept: Path | None = None
        if status is not None:
            kept = new_sibling(path, lambda stamp: f"{path.name}.damaged-{stamp}")
            try:
                os.link(real, kept)
            except OSError:
                shutil.copy2(real, kept)
        write_atomically(real, backup.read_bytes(), owner=_keep_owner(status, None))
        return kept
    finally:
        if held is not None:
            os.close(held)
        lock.release()


def _is_document(data: Any) -> TypeGuard[Data]:
    """The shape TinyDB needs: tables of records, each under a numeric id."""
    if not isinstance(data, dict):
        return False
    for table in data.values():
        if type(table) is Unparsed:
            continue  # read by its typed reader: records under numeric ids (see _read_typed)
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


def _why_not_a_document(data: Any) -> str:
    """What ``_is_document`` found wrong, in words: where the shape breaks."""
    if not isinstance(data, dict):
        return f"it holds {_kind_of(data)}, not tables of records"
    for name, table in data.items():
        if type(table) is Unparsed:
            continue
        if not isinstance(table, dict):
            return f"its table {name!r} is {_kind_of(table)}, not records under their ids"
        for key, record in table.items():
            if not (key and key.isascii() and key.isdigit()):
                return f"{name} has a record under {key!r}, which is not a number"
            if not isinstance(record, dict):
                return f"{name} record {key} is {_kind_of(record)}, not an object of fields"
    return "its shape is not that of tables of records"


def _kind_of(value: Any) -> str:
    return {list: "a list", str: "text", bool: "true or false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else "something else"
    )


def _what_to_do(error: OSError) -> str:
    """The step that lets the next save succeed, for the errors a person can do something about."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return " Free some space on that disk, then save again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return " Make the folder writable (or choose another --db path), then save again."
    return ""


class _ChangedMeanwhile(Exception):
    """The file was replaced between the check for another program's change and the save."""


class DurableStorage(Storage):
    """TinyDB storage: memory after the first read, atomic fsynced writes, a lock, a backup.

    Opening never writes over a file: it is read (and the Store validates and prepares it) in
    memory, and the file, its backup and its mode change only with the first save of a change.
    (A path with no file yet is another matter: the Store creates the workspace there when it
    first opens it, which overwrites nothing.)

    Where things live, for a workspace reached through a symbolic link: the file is read and
    written where the link leads (the link stays a link; the temporary file of a save is beside
    the target, for the rename, and lasts only while it is written), and everything that lasts
    (the lock, the backup, a conflict copy) is beside the name the person gave, so nothing is
    left beside the target: a lock there could be anyone's file. Two links to one file take two
    lock files, so the workspace file itself is flocked as well, and each save flocks the new
    file before renaming it into place.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create_dirs: bool = False,
        read_ahead: ReadAhead | None = None,
        typed: dict[str, TableReader] | None = None,
        later: dict[str, LaterReader] | None = None,
        whole: DocumentReader | None = None,
        shared: bool = False,
    ) -> None:
        """``shared``: for a command that only looks, a workspace another interview-tui holds is
        read anyway, read-only (see ``_held_elsewhere``)."""
        self.path = Path(path)
        """The path as given, for messages."""
        check_location(self.path, create_dirs=create_dirs)
        self._file = Path(os.path.realpath(self.path))
        """Where the data is read and written: where a symbolic link leads."""
        self._named = self.path.absolute()
        """Beside what the lock, the backup and conflict copies go."""
        if self._file != self._named:
            check_location(self._file)
        self._file_lock: int | None = None
        self._read_only: tuple[str, str] | None = None
        self._seen: Identity | None = None
        """The file as this storage last read or wrote it, to notice another program's change."""
        self._seen_bytes: bytes | Iterable[bytes | memoryview] | None = None
        """Those bytes (kept, not copied): when only the change time moved, they say whether the
        content did."""
        self._lock = FileLock(self._named, str(self.path))
        self._shared = shared
        self._held_elsewhere: _NoLock | None = None
        no_lock: _NoLock | None = None
        try:
            try:
                self._lock.acquire()
            except _NoLock as exc:
                no_lock = exc
            except WorkspaceInUse as exc:
                if not shared:
                    raise
                no_lock = _held_elsewhere(self.path, exc)
            raw, status = self._open_file(read_ahead)
            self._data: Data | None
            self._braces_counted = self._braces_counted_to = 0
            self._data, self._check_when_read = _read_document(
                self._file,
                self.path,
                read_ahead=_AlreadyRead(raw) if raw is not None else None,
                typed=typed,
                later=later,
                whole=whole,
            )
            self._read_only = self._why_read_only(status, no_lock or self._held_elsewhere)
        except BaseException:
            self.close()
            raise
        self._new_owner = _keep_owner(None, _owner_of(self._file.parent, group=True)) if os.geteuid() == 0 else None
        if self._new_owner is not None and self._new_owner[0] == 0:
            self._new_owner = None
        if self._read_only is None:
            self._remove_stale_temp_files()
        self._batch_depth = 0
        self._pending = False
        self._preparing = False
        self._sort_everything = False
        self.writes = 0
        """How many times the file was written; tests and benchmarks read it."""
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
        self._writer: Writer[_Snapshot] | None = None
        """The thread that writes, once ``write_in_background`` is called (the app); else saves
        are written on the caller's thread."""
        self._changes = 0
        """How many times the document in memory was changed (``write``)."""
        self._submitted = 0
        """``_changes`` when the last save was handed to the writer."""
        self._written = 0
        """``_changes`` of the last save the writer wrote (set on its thread)."""
        self._unsorted: set[str] = set()
        """Tables appended to, written in key order by the writer (memory keeps them as they are)."""
        self._changed_keys: dict[str, set[str] | None] = {}
        """Since the last save handed to the writer: each table changed, with the ids of the
        records changed (None: not known which)."""
        self._split_from: dict[str, memoryview] = {}
        """The text each table split into ``RecordTexts`` was read as (what it was before the
        changes in ``_changed_keys``)."""
        self._known_to_writer: set[str] = set()
        """Tables the writer holds a copy of, kept in step by the changes it is handed."""
        self._writer_has_text: set[str] = set()
        """Of those, the ones it holds only as the text they were read as. The first change of one
        hands it a copy of the records this thread has cut from that text already, not the
        records changed: with those alone, the writer cut the whole text again, holding the
        interpreter (and so the screen) for 60 ms and more at 100,000 follow-ups."""
        self._mirror = _Mirror()
        """The writer's copy of the document (used on its thread only)."""
        self._next_apart = False
        self._diverted_told: Path | None = None

    def _open_file(self, read_ahead: ReadAhead | None) -> tuple[bytes | None, os.stat_result | None]:
        """Open, flock and read the workspace file; (None, None) when there is none yet."""
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            fd = os.open(self._file, flags)
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise WorkspaceUnavailable(f"cannot read {self.path}: {exc.strerror}") from exc
        try:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                raise WorkspaceUnavailable(f"{self.path} is not a regular file; choose another --db path")
            if self._lock.held:
                try:
                    self._file_lock = _lock_workspace_file(fd, self._file, str(self.path))
                except WorkspaceInUse as exc:
                    if not self._shared:
                        raise
                    self._lock.release()  # held through another name: read as for the lock file
                    self._held_elsewhere = _held_elsewhere(self.path, exc)
            seen: Identity | None = _identity_of(status)
            taken = read_ahead.take_with_identity(self._file) if read_ahead is not None else None
            if taken is not None and taken[1] == seen:
                raw = taken[0]
            else:
                # Read through the descriptor the lock is on; a file written while it is read
                # (same inode, new change time) is read again.
                for _attempt in range(3):
                    raw = _read_all(fd)
                    status = os.fstat(fd)
                    if _identity_of(status) == seen:
                        break
                    seen = _identity_of(status)
                else:
                    seen = None  # never still: the first save treats it as changed meanwhile
            self._seen, self._seen_bytes = seen, raw
            return raw, status
        except OSError as exc:
            raise WorkspaceUnavailable(f"cannot read {self.path}: {exc.strerror}") from exc
        finally:
            if fd != self._file_lock:
                os.close(fd)

    def _why_read_only(self, status: os.stat_result | None, no_lock: _NoLock | None) -> tuple[str, str] | None:
        """Why saving must not be tried, as (what, what to do); None when it may.

        By mode bits as well as by asking the system: root may write anything, but a workspace
        someone made 0444 says they do not want it changed, by root either."""
        reason = self._read_only_reason(status, no_lock)
        if reason is not None and status is None:
            # Nothing to read either: refusing now says more than an empty read-only workspace.
            raise WorkspaceUnavailable(f"cannot create {self.path}: {reason[0]}; choose a writable --db path")
        return reason

    def _read_only_reason(self, status: os.stat_result | None, no_lock: _NoLock | None) -> tuple[str, str] | None:
        if no_lock is not None:
            return no_lock.why, no_lock.fix
        name = shlex.quote(str(self.path))
        root = os.geteuid() == 0
        for directory in dict.fromkeys((self._file.parent, self._named.parent)):
            try:
                read_only_mount = bool(os.statvfs(directory).f_flag & os.ST_RDONLY)
            except OSError:
                read_only_mount = False
            if read_only_mount:
                return (
                    f"{self.path} is on a read-only file system",
                    "Copy it to a writable place (and open the copy with --db) to make changes.",
                )
        if status is not None:
            mode = stat.S_IMODE(status.st_mode)
            mine = status.st_uid == os.geteuid()
            if not mode & 0o222 or (mine and not mode & stat.S_IWUSR):
                return f"{self.path} is read-only (mode {mode:04o})", f"Make it writable (chmod u+w {name}) and open it again to make changes."
            if not root and not mine:
                return (
                    f"{self.path} belongs to another user (uid {status.st_uid}), and saving would make it yours",
                    "Open it as its owner to make changes.",
                )
            if not root and not os.access(self._file, os.W_OK):
                return f"{self.path} is not writable for you", f"Make it writable (chmod u+w {name}) and open it again to make changes."
        for directory in dict.fromkeys((self._file.parent, self._named.parent)):
            try:
                mode = stat.S_IMODE(os.stat(directory).st_mode)
            except OSError:
                continue
            if not mode & 0o222 or (not root and not os.access(directory, os.W_OK | os.X_OK)):
                where = shlex.quote(str(directory))
                return (
                    f"{self.path} is in a read-only folder ({directory})",
                    f"Make the folder writable (chmod u+w {where}) and open it again to make changes.",
                )
        return None

    @property
    def read_only(self) -> str | None:
        """Why this workspace was opened read-only, as sentences for the person (the file's
        mode, a read-only folder or file system, locks that do not work there); None when it
        can be saved. Reading works either way; saving raises WorkspaceReadOnly."""
        if self._read_only is None:
            return None
        what, fix = self._read_only
        return f"{what}. {fix}"

    # TinyDB's Storage interface -------------------------------------------------------------

    def read(self) -> Data | None:
        """The whole document, every table a plain dict of documents."""
        data = self._data
        if data is not None:
            for name, table in list(data.items()):
                if type(table) is Unparsed:
                    data[name] = parse(memoryview(table.raw))
                elif type(table) is RecordTexts:
                    data[name] = table.plain()
        return data

    def read_tables(self, names: Collection[str]) -> Data | None:
        """The document, for a change to the tables ``names``: each of them a dict of documents
        (a ``RecordTexts``, whose records are parsed as they are read), the others as they are
        (perhaps ``Unparsed``: to be looked at only for which tables there are)."""
        data = self._data
        if data is not None:
            for name in names:
                table = data.get(name)
                if type(table) is Unparsed:
                    data[name] = table.split()
                    self._split_from[name] = memoryview(table.raw)
                    self._changed_keys.pop(name, None)  # nothing changed since that text
        return data

    def take_records(self, table: str) -> dict[str, Any] | None:
        """The records the typed reader made of ``table`` at opening, or since (once: they are
        the taker's), or None when it was read as documents. A table left to be read later is
        read to its end first."""
        value = (self._data or {}).get(table)
        if type(value) is Unparsed and value.later is not None:
            self.read_later(table, None)
            value = (self._data or {}).get(table)
        if type(value) is not Unparsed or value.records is None:
            return None
        records, value.records = value.records, None
        return records

    def tables_read_later(self) -> list[str]:
        """The tables left to be read after opening, and not read to their end yet."""
        return [name for name, table in (self._data or {}).items() if type(table) is Unparsed and table.later is not None]

    def read_later(self, table: str, records: int | None) -> bool:
        """Read ``records`` more records of ``table``, one of the tables the opening left to be
        read later (None: all the rest); True once it is read to its end (or was not left).

        The app opens a large workspace this way: the tables its first screen does not show
        are read after that screen is drawn, between frames, so that start-up does not wait
        for them. Every check that opening makes is still made on them, before they are used
        and before anything is changed (the Store sees to that), so a file that opening would
        refuse is still refused with the same message, having changed nothing: a table its
        typed reader cannot read is parsed as usual, for the Store to read and name what is
        wrong; the check that no id is given twice, which counts the objects of every table,
        is made once the last of them is read. Raises WorkspaceUnreadable."""
        value = (self._data or {}).get(table)
        if type(value) is not Unparsed or value.later is None:
            return True
        reading = value.later
        if self._check_when_read is not None:
            self._count_braces(BRACES_COUNTED_A_STEP if records is not None else None)
        try:
            if not reading.step(records):
                return False
            ids = "".join(reading.records)
            if "" in reading.records or not (ids.isascii() and ids.isdigit()):
                raise msgspec.ValidationError("an id that is not a number")
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            # As opening does with a table its typed reader refuses: parsed as usual, so that
            # its fault is found and named by the Store (or, a form msgspec does not take that
            # the Store's readers do, read).
            assert self._data is not None
            parsed = self._data[table] = parse(memoryview(value.raw))
            _refuse_unwritable({table: parsed}, self.path, self._restore_hint())
        else:
            value.records, value.objects, value.later = reading.records, len(reading.records) + reading.inner, None
        if self._check_when_read is not None and not self.tables_read_later():
            raw = self._check_when_read
            self._count_braces(None)
            braces, self._check_when_read = self._braces_counted, None
            _refuse_duplicate(raw, self._data or {}, self.path, self._restore_hint(), braces)
        return True

    def _count_braces(self, size: int | None) -> None:
        """Count the ``{`` of the file, as the check that no id is given twice counts them, some
        more bytes a step (None: the rest): the whole file at once is 20 ms at 50,000 contacts."""
        raw = self._check_when_read
        assert raw is not None
        end = len(raw) if size is None else min(len(raw), self._braces_counted_to + size)
        self._braces_counted += raw.count(b"{", self._braces_counted_to, end)
        self._braces_counted_to = end

    def _restore_hint(self) -> str:
        return restore_hint(self.path) if backup_path(self.path).exists() else ""

    @property
    def is_empty(self) -> bool:
        """No file, or a document with no table."""
        return not self._data

    def write(self, data: Data, *, changed: Collection[str] | None = None) -> None:
        """Take ``data`` as the document and save it (at the end of the batch, inside one).
        ``changed`` names the only tables changed in it since the last write; None (TinyDB's
        own call, a restore) means any of them may have."""
        self._changes += 1
        if changed is None or data is not self._data:
            self._encoded_tables.clear()
            self._changed_keys.update(dict.fromkeys(data))
            if self._preparing and changed is None:
                # A migration may add fields out of order: this session saves it fully sorted.
                self._sort_everything = True
        else:
            for name in changed:
                self._encoded_tables.pop(name, None)
                self._changed_keys.setdefault(name, None)
        self._data = data
        if self._batch_depth:
            self._pending = True
            return
        self.flush()

    def close(self) -> None:
        # (Also called when opening fails, before there is a writer.)
        writer, self._writer = getattr(self, "_writer", None), None
        if writer is not None:
            writer.close()  # what was handed to it is written first
        self._lock.release()
        if self._file_lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._file_lock)
            self._file_lock = None

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

    @contextlib.contextmanager
    def preparing(self) -> Iterator[None]:
        """Changes made inside (the Store's schema record, question bank and migrations) stay in
        memory: they reach the file with the first save of a change the person makes. Opening
        never writes, and has_unsaved_changes stays as it was."""
        pending, self._pending = self._pending, False
        self._batch_depth += 1
        self._preparing = True
        try:
            yield
        finally:
            self._preparing = False
            self._batch_depth -= 1
            self._pending = pending

    def flush(self) -> None:
        """Write the in-memory document to disk; on failure the old file stays as it was.

        Once ``write_in_background`` was called, hand it to the writer's thread instead and
        return at once; only refusals known now (read-only, closed) raise here, and a failed
        write is found by ``write_failure``."""
        if self._read_only is not None:
            # Nothing is counted as waiting to be saved: nothing ever can be, and a change is
            # put back (Store.change), so quitting has nothing to wait for.
            self._pending = False
            self._check_can_save()
        self._pending = True
        self._check_can_save()
        if self._writer is not None:
            self._hand_to_writer()
            return
        try:
            if self.keys_in_order and not self._sort_everything:
                payload: bytes | list[bytes | memoryview] = self._encode_in_order()
            else:
                payload = encode(self.read() or {})
        except TypeError as exc:  # orjson.JSONEncodeError: say a lone surrogate in a string
            raise SaveFailed(f"could not save {self.path}: {exc}; the previous file is intact.") from exc
        diverted = self._write_payload(payload)
        self._pending = False
        if diverted and self.on_diverted is not None:
            self.on_diverted(diverted)

    def _check_can_save(self) -> None:
        if self._read_only is not None:
            what, fix = self._read_only
            if self._lock.held and self._read_only_reason(_stat(self._file), None) is None:
                # Made writable since (as the message said): quoting the old mode would say
                # it still is not.
                what, fix = f"{self.path} was read-only when it was opened", "Open it again to make changes."
            raise WorkspaceReadOnly(f"{what}: nothing was saved. {fix}")
        if not self._lock.held:
            # Without the lock another instance may have opened the file since: writing now
            # would silently throw away its work.
            raise SaveFailed(
                f"could not save {self.path}: it was closed, and another interview-tui may be "
                "using it now; the previous file is intact. Open it again to make changes."
            )

    def _write_payload(self, payload: bytes | Iterable[bytes | memoryview]) -> Path | None:
        """Write ``payload`` as the workspace (or where saves were diverted); returns the new
        place when this write is the one that found the file changed by another program."""
        if self.diverted_to is None:
            status = _stat(self._file)
            if not self._changed_by_another_program(status):
                try:
                    self._write_file(self._file, payload, keep_backup=True, status=status)
                except _ChangedMeanwhile:
                    pass
                else:
                    self.writes += 1
                    return None
            # A sync tool or an editor replaced the file while it was open. Writing over it
            # would throw their version away, and reloading would throw ours away: ours goes
            # to a file of its own next to it, and the person is told where.
            diverted_to = conflict_path(self._named)
            self._write_file(diverted_to, payload, keep_backup=False, status=status)
            self.diverted_to = diverted_to
            self.writes += 1
            return diverted_to
        self._write_file(self.diverted_to, payload, keep_backup=False, status=_stat(self.diverted_to))
        self.writes += 1
        return None

    # Writing on a thread of its own (the app) ------------------------------------------------

    def write_in_background(self, done: Callable[[], None] | None = None) -> None:
        """From now on saves are written by a thread of their own (see core/writer.py), in
        order; ``done`` is called on that thread after each write. The caller looks at the
        outcome with ``write_failure`` (and ``Store.settle``) on its own thread."""
        if self._writer is None:
            # What was saved so far (on this thread) counts as written.
            self._submitted = self._written = self._changes
            self._writer = Writer(self._write_snapshot, _Snapshot.then, done)

    @property
    def writes_in_background(self) -> bool:
        return self._writer is not None

    def wait_for_writes(self, timeout: float | None = None) -> bool:
        """Block until what was handed to the writer is written (or failed); False on a timeout."""
        return self._writer is None or self._writer.wait(timeout)

    def writes_settled(self) -> bool:
        """Nothing handed to the writer is still being written."""
        return self._writer is None or self._writer.idle

    def write_failure(self) -> BaseException | None:
        """Why a write on the writer's thread failed, until ``resume_writes``."""
        return None if self._writer is None else self._writer.failed

    def resume_writes(self, *, differs: bool) -> None:
        """After a failed write, once memory is put back: the next save writes again.
        ``differs``: memory still holds what the file does not (notes typed since)."""
        self._pending = differs
        self._submitted = self._written  # what was handed over and failed is given up
        if self._writer is not None:
            self._writer.resume()

    @property
    def changes_made(self) -> int:
        """How many times memory was changed so far (what ``submitted`` and ``written`` count)."""
        return self._changes

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Changes made inside stay in memory, not saved now: they go with the next save."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1

    @property
    def submitted(self) -> int:
        """Which state of memory the last save handed to the writer holds (a count of changes)."""
        return self._submitted

    @property
    def written(self) -> int:
        """Which state of memory the file holds, as ``submitted`` counts (the writer's last)."""
        return self._written

    def newly_diverted(self) -> Path | None:
        """Where saves go since the writer found the file changed by another program, once."""
        diverted = self.diverted_to
        if diverted is None or diverted == self._diverted_told:
            return None
        self._diverted_told = diverted
        return diverted

    def tables_kept_as_text(self) -> list[str]:
        """The tables still kept as the text they were read as (see ``prepare_for_changes``)."""
        return [name for name, table in (self._data or {}).items() if type(table) is Unparsed]

    def prepare_for_changes(self, name: str) -> None:
        """Make ``name`` ready to be changed and saved, now rather than at its first change: split
        it into its records' texts, and hand the writer its copy of them. The app does this for
        each large table in the moments after its first frame, one table a frame, so that the
        first change of a session does not hold the screen up while a table of 50,000 records is
        read (once here, and once more on the writer's thread)."""
        data = self.read_tables((name,))
        if self._writer is None or not data or name not in data:
            return
        table = data[name]
        if name in self._known_to_writer and name not in self._changed_keys and name not in self._writer_has_text:
            return
        copy = _stored(table)  # documents as they are: no text parsed
        # Unchanged since it was read, it is still written back as that text.
        as_read = self._split_from.pop(name, None) if name not in self._changed_keys else None
        self._split_from.pop(name, None)
        self._changed_keys.pop(name, None)
        self._known_to_writer.add(name)
        self._writer_has_text.discard(name)
        order = tuple(sorted(data))
        self._writer.submit(
            _Snapshot(
                self._changes,
                order=order,
                tables={name: _TableChange(raw=as_read, copy=copy, texts=type(table) is RecordTexts)},
                in_order=frozenset(self._unsorted),
                write=False,
            )
        )

    def write_next_apart(self) -> None:
        """The next save is written as a write of its own, never merged into a later one."""
        self._next_apart = True

    def _hand_to_writer(self) -> None:
        assert self._writer is not None
        snapshot = self._snapshot()
        apart, self._next_apart = self._next_apart, False
        self._submitted = snapshot.changes
        self._pending = False
        self._writer.submit(snapshot, apart=apart)

    def _snapshot(self) -> _Snapshot:
        """What the next save writes, made on the thread that changes memory, cheaply: the
        order of the tables, and for each table changed since the last save handed over, the
        records changed (by id: a record's document is replaced when it changes, never changed
        in place), or, the first time, the text the table was read as, or a shallow copy. The
        writer keeps its own copy of the document up to date with these, and encodes it."""
        if not self.keys_in_order or self._sort_everything:
            # A file migrated at opening is saved fully sorted (see ``write``): rare, done here.
            try:
                whole = encode(self.read() or {})
            except TypeError as exc:
                raise SaveFailed(f"could not save {self.path}: {exc}; the previous file is intact.") from exc
            self._changed_keys.clear()
            self._known_to_writer.clear()
            self._writer_has_text.clear()
            self._split_from.clear()
            return _Snapshot(self._changes, whole=whole)
        self._unsorted |= self._appended
        self._appended.clear()
        data = self._data or {}
        self._data = data = dict(sorted(data.items()))
        known, as_text = self._known_to_writer, self._writer_has_text
        known.intersection_update(data)
        as_text.intersection_update(data)
        changes: dict[str, _TableChange] = {}
        for name, table in data.items():
            if name in known and name not in self._changed_keys:
                continue
            keys = self._changed_keys.pop(name, None)
            if type(table) is Unparsed:
                changes[name] = _TableChange(raw=memoryview(table.raw))
                as_text.add(name)
            elif keys is not None and name in known and name not in as_text:
                changes[name] = _TableChange(records={key: table.get(key) for key in keys})
            else:
                # The first change of a table not made ready ahead (prepare_for_changes) hands
                # over its records as this thread cut them from the file's text, not that text:
                # cutting it again on the writer's thread held the screen up for as long (35 ms
                # for 50,000 contacts), in the middle of the save.
                copy = _stored(table)  # documents as they are: no text parsed
                changes[name] = _TableChange(copy=copy, texts=type(table) is RecordTexts)
                as_text.discard(name)
            known.add(name)
            # From now on the writer's copy is what changes are counted from.
            self._split_from.pop(name, None)
        self._changed_keys.clear()
        return _Snapshot(self._changes, order=tuple(data), tables=changes, in_order=frozenset(self._unsorted))

    def _write_snapshot(self, snapshot: _Snapshot, refused: BaseException | None) -> None:
        """On the writer's thread: bring its copy up to date, and write it (unless an earlier
        write failed: ``refused``, raised once the copy is up to date)."""
        if snapshot.whole is not None:
            self._mirror = _Mirror()
            payload: bytes | _Payload = snapshot.whole
        else:
            self._mirror.apply(snapshot)
        if refused is not None:
            raise refused
        if not snapshot.write:
            return  # the writer's copy made ready, nothing to save
        if snapshot.whole is None:
            payload = self._mirror.encoded(snapshot)
        try:
            self._write_payload(payload)  # a table is encoded as it is written (see _Payload)
        except TypeError as exc:  # orjson.JSONEncodeError: say a lone surrogate in a string
            raise SaveFailed(f"could not save {self.path}: {exc}; the previous file is intact.") from exc
        self._written = snapshot.changes

    def record_changed(self, table: str, record_id: str) -> None:
        """The Store is about to change (add, replace or remove) this record: a save handed to
        the writer then sends it that record, not a copy of the table."""
        keys = self._changed_keys.setdefault(table, set())
        if keys is not None:
            keys.add(record_id)

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
            table = data.get(name)
            if type(table) is RecordTexts:
                data[name] = table.sorted()
            elif isinstance(table, dict):
                data[name] = dict(sorted(table.items()))
        self._appended.clear()
        self._data = data = dict(sorted(data.items()))
        if not data:
            return [orjson.dumps(data, option=_IN_ORDER_OPTIONS)]
        encoded = self._encoded_tables
        pieces: list[bytes | memoryview] = [b"{\n"]
        for name, table in data.items():
            piece = encoded.get(name)
            if piece is None and type(table) is Unparsed:
                # Not changed since it was read: written back as it was read, without parsing it.
                pieces += (b"  " + orjson.dumps(name) + b": ", memoryview(table.raw), b",\n")
                continue
            if piece is None and type(table) is RecordTexts:
                piece = encoded[name] = memoryview(table.encoded(name, _encode_record))
            if piece is None:
                # Encoded as the document's only table, so indented as it is in the document;
                # the view leaves out the braces around it without copying.
                whole = orjson.dumps({name: table}, option=orjson.OPT_INDENT_2)
                piece = encoded[name] = memoryview(whole)[2:-2]
            pieces += (piece, b",\n")
        pieces[-1] = b"\n}\n"
        return pieces

    def _changed_by_another_program(self, status: os.stat_result | None) -> bool:
        # A file removed meanwhile loses nobody's work when ours is written back in its place.
        if status is None:
            return False
        current = _identity_of(status)
        seen = self._seen
        if current == seen:
            return False
        if seen is None or current[:4] != seen[:4]:
            return True
        # Only the change time moved: a chmod, a new hard link (a backup tool), our own save
        # that failed after staging the backup, or an edit that put the modification time back
        # (cp -p, rsync -t). The bytes say which; this costs a read only in these cases.
        if self._seen_bytes is not None and _file_holds(self._file, self._seen_bytes):
            self._seen = current
            return False
        return True

    def _write_file(
        self,
        target: Path,
        payload: bytes | Iterable[bytes | memoryview],
        *,
        keep_backup: bool,
        status: os.stat_result | None,
    ) -> None:
        """Write ``payload`` to ``target`` atomically and durably, owned as the file it replaces
        was; SaveFailed leaves it as it was. With ``keep_backup`` (``target`` is the workspace
        file, found as this storage last saw it) the version it replaces becomes the rolling
        backup, and the new file takes over the flock. Raises _ChangedMeanwhile when the file
        was replaced after all."""
        workspace = target == self._file

        def stage_backup() -> Callable[[], None] | None:
            staged = self._stage_backup(status)
            return None if staged is None else lambda: self._keep_backup(staged)

        owner = _keep_owner(status, self._new_owner)
        shown = self.path if workspace else target
        try:
            held = write_atomically(
                target,
                payload,
                before_replace=stage_backup if keep_backup and status is not None else None,
                owner=owner,
                keep_locked=workspace,
            )
        except OSError as exc:
            self._drop_staging()
            raise SaveFailed(f"could not save {shown}: {exc.strerror}; the previous file is intact.{_what_to_do(exc)}") from exc
        except BaseException:
            self._drop_staging()
            raise
        if held is not None:
            if self._file_lock is not None:
                os.close(self._file_lock)  # the old file's lock; the new one holds its own
            self._file_lock = held
            self._seen = _identity_of(os.fstat(held))
            self._seen_bytes = payload

    @property
    def needs_saving(self) -> bool:
        """Memory holds a change that no save has been handed (the same as
        ``has_unsaved_changes`` unless saves are written in the background)."""
        return self._pending

    @property
    def has_unsaved_changes(self) -> bool:
        """A change is in memory that the file does not hold yet (not saved, still being
        written, or a write failed)."""
        return self._pending or self._written < self._submitted

    def _stage_backup(self, status: os.stat_result | None) -> Path | None:
        """Keep a second name for the file about to be replaced (a hard link costs no copy),
        beside the workspace's name.

        It becomes the backup only once the new file is in place, so a save that fails leaves
        the previous backup as it was. Only a file this storage read (or wrote) as good is
        kept: if another has taken its place since the check, _ChangedMeanwhile.
        """
        if status is None or self._seen is None:
            return None
        staging = _backup_staging_path(self._named)
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
        try:
            try:
                os.link(self._file, staging, follow_symlinks=False)
                staged = os.stat(staging)
            except OSError:
                # Another file system (a link to elsewhere): a copy, the owner's as the file was.
                shutil.copy2(self._file, staging)
                staged = os.stat(self._file)
                if status.st_uid != os.geteuid():
                    os.chown(staging, status.st_uid, status.st_gid)
            if _identity_of(staged)[:4] != self._seen[:4]:
                raise _ChangedMeanwhile
            if stat.S_IMODE(staged.st_mode) != FILE_MODE:
                # Through the link this also tightens the file about to be replaced: harmless,
                # and a workspace someone made world-readable gets a private backup.
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
            os.replace(staging, backup_path(self._named))
        except OSError:
            with contextlib.suppress(OSError):
                staging.unlink()

    def _drop_staging(self) -> None:
        with contextlib.suppress(OSError):
            _backup_staging_path(self._named).unlink()

    def _remove_stale_temp_files(self) -> None:
        """Clear what a save killed half-way left behind; the lock says no save is running now."""
        leftovers = {
            (self._file.parent, temp_file_pattern(self._file)),
            (self._named.parent, re.compile(re.escape(_backup_staging_path(self._named).name))),
        }
        for directory, pattern in leftovers:
            try:
                entries = list(os.scandir(directory))
            except OSError:
                continue
            for entry in entries:
                if pattern.fullmatch(entry.name):
                    with contextlib.suppress(OSError):
                        if entry.is_file(follow_symlinks=False):
                            os.unlink(entry.path)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _file_holds(path: Path, expected: bytes | Iterable[bytes | memoryview]) -> bool:
    """Whether the file at ``path`` holds exactly ``expected`` (bytes, or pieces of them, made
    one at a time: see _Payload)."""
    pieces = [expected] if isinstance(expected, bytes) else expected
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    view = memoryview(raw)
    offset = 0
    for piece in pieces:
        end = offset + len(piece)
        if end > len(raw) or view[offset:end] != piece:
            return False
        offset = end
    return offset == len(raw)


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


def find_conflicts(path: Path) -> list[Path]:
    """The versions saved beside ``path`` (``conflict_path``) because another program had changed
    it, oldest first: they stay until the person deletes them."""
    return sorted(path.parent.glob(f"{glob_escape(path.stem)}.conflict-*{glob_escape(path.suffix)}"))


def _backup_staging_path(path: Path) -> Path:
    backup = backup_path(path)
    return backup.with_name(backup.name + ".tmp")


class _TableChange:
    """How one table changed since the last save handed to the writer: a new text (``raw``),
    a new copy (``copy``), and/or records replaced (``records``, by id; None: removed)."""

    __slots__ = ("copy", "raw", "records", "texts")

    def __init__(
        self,
        *,
        raw: memoryview | None = None,
        copy: dict[str, Any] | None = None,
        records: dict[str, Any] | None = None,
        texts: bool = True,
    ) -> None:
        self.raw = raw
        self.copy = copy
        self.records = records or {}
        self.texts = texts

    def then(self, later: _TableChange) -> _TableChange:
        """This change followed by ``later``, as one."""
        if later.raw is not None or later.copy is not None:
            return later
        return _TableChange(raw=self.raw, copy=self.copy, records={**self.records, **later.records}, texts=self.texts)


class _Snapshot:
    """What one save writes: the whole document's bytes, or the tables' order and how each
    changed since the save before (see ``DurableStorage._snapshot``). ``changes`` is the
    storage's count of changes it holds."""

    __slots__ = ("changes", "in_order", "order", "tables", "whole", "write")

    def __init__(
        self,
        changes: int,
        *,
        whole: bytes | None = None,
        order: tuple[str, ...] = (),
        tables: dict[str, _TableChange] | None = None,
        in_order: frozenset[str] = frozenset(),
        write: bool = True,
    ) -> None:
        self.changes = changes
        self.whole = whole
        self.order = order
        self.tables = tables or {}
        self.in_order = in_order
        self.write = write
        """False: only brings the writer's copy up to date (``prepare_for_changes``)."""

    def then(self, later: _Snapshot) -> _Snapshot:
        """This save followed by ``later``, as one (the writer had not started this one)."""
        if later.whole is not None or self.whole is not None:
            # After a whole document the storage hands every table over again in full.
            return later
        tables = dict(self.tables)
        for name, change in later.tables.items():
            tables[name] = tables[name].then(change) if name in tables else change
        return _Snapshot(
            later.changes, order=later.order, tables=tables, in_order=later.in_order, write=self.write or later.write
        )


class _Mirror:
    """The writer's copy of the document: each table as the text it was read as, or as its
    records (a text each, or a document), with its bytes as last encoded.

    Everything here runs on the writer's thread while the screen is drawn on the other, and a
    call into C holds the interpreter for as long as it runs: so no table is sorted or joined
    whole at each save. A table written in key order keeps its keys sorted as records come and
    go, and a table's bytes are made in chunks of a few thousand records."""

    def __init__(self) -> None:
        self.raw: dict[str, memoryview] = {}
        self.docs: dict[str, dict[str, Any]] = {}
        self.texts: dict[str, bool] = {}
        self.keys_in_order: dict[str, list[str]] = {}

    def apply(self, snapshot: _Snapshot) -> None:
        for name in [name for name in self.docs.keys() | self.raw.keys() if name not in snapshot.order]:
            self._drop(name)
        for name, change in snapshot.tables.items():
            if change.raw is not None or change.copy is not None:
                self._drop(name)
                if change.raw is not None:
                    self.raw[name] = change.raw  # written as read until a record changes
                if change.copy is not None:
                    self.docs[name] = change.copy
                    self.texts[name] = change.texts
                    if not snapshot.write:
                        # Made ready ahead (prepare_for_changes): the order is worked out now too.
                        self.keys_in_order[name] = sorted(change.copy)
            if change.records:
                raw = self.raw.pop(name, None)
                docs = self.docs.get(name)
                if docs is None:
                    docs = self.docs[name] = _records_as_text(raw) if raw is not None else {}
                    self.texts[name] = True
                keys = self.keys_in_order.get(name)
                for key, doc in change.records.items():
                    if doc is None:
                        if docs.pop(key, None) is not None and keys is not None:
                            del keys[bisect.bisect_left(keys, key)]
                    else:
                        if keys is not None and key not in docs:
                            bisect.insort(keys, key)
                        docs[key] = doc

    def _drop(self, name: str) -> None:
        self.raw.pop(name, None)
        self.docs.pop(name, None)
        self.texts.pop(name, None)
        self.keys_in_order.pop(name, None)

    def encoded(self, snapshot: _Snapshot) -> _Payload:
        """The document's bytes, as ``DurableStorage._encode_in_order`` makes them, to be made
        piece by piece as they are written (see _Payload)."""
        if not snapshot.order:
            return _Payload([orjson.dumps({}, option=_IN_ORDER_OPTIONS)])
        parts: list[bytes | memoryview | _TableToEncode] = [b"{\n"]
        for name in snapshot.order:
            if name in self.raw:
                parts += (b"  " + orjson.dumps(name) + b": ", self.raw[name], b",\n")
                continue
            parts += (self._table(name, name in snapshot.in_order), b",\n")
        parts[-1] = b"\n}\n"
        return _Payload(parts)

    def _table(self, name: str, in_order: bool) -> _TableToEncode:
        # Copies of the mapping and of the order: the next save changes this copy's, and the
        # payload must give the same bytes again when asked later (_file_holds).
        docs = self.docs.get(name, {})
        texts = bool(self.texts.get(name))
        if not texts:
            return _TableToEncode(name, dict(sorted(docs.items())) if in_order else dict(docs), None, texts=False)
        keys: list[str] | None = None
        if in_order:
            keys = self.keys_in_order.get(name)
            if keys is None:
                keys = self.keys_in_order[name] = sorted(docs)
            keys = list(keys)
        return _TableToEncode(name, dict(docs), keys, texts=True)


class _TableToEncode:
    """A table of a save, as its documents stood at that save (see _Payload)."""

    __slots__ = ("docs", "keys", "name", "texts")

    def __init__(self, name: str, docs: dict[str, Any], keys: list[str] | None, *, texts: bool) -> None:
        self.name = name
        self.docs = docs
        self.keys = keys
        self.texts = texts

    def pieces(self) -> Iterator[bytes | memoryview]:
        if not self.texts:
            yield memoryview(orjson.dumps({self.name: self.docs}, option=orjson.OPT_INDENT_2))[2:-2]  # a small table
            return
        yield from _table_in_chunks(self.name, self.docs, dict.keys(self.docs) if self.keys is None else self.keys)


class _Payload:
    """What one save by the writer writes, encoded a few thousand records at a time as it is
    written, and again, identically, each time it is gone through.

    At 50,000 contacts a changed table's text is 20 MB and more. Held whole for the write, and
    kept afterwards so that the file can be recognised as ours when only its change time moved
    (``_changed_by_another_program``), it cost as much memory again as the table's records. A
    table is held here as its documents as they stood at this save instead: a copy of the
    mapping, sharing the documents (a document is replaced when it changes, never changed in
    place), which is a tenth of its text."""

    __slots__ = ("_parts",)

    def __init__(self, parts: list[bytes | memoryview | _TableToEncode]) -> None:
        self._parts = parts

    def __iter__(self) -> Iterator[bytes | memoryview]:
        for part in self._parts:
            if type(part) is _TableToEncode:
                yield from part.pieces()
            else:
                yield part  # type: ignore[misc]


_CHUNK = 2000
"""Records encoded and joined at a time (see ``_Mirror``)."""


def _table_in_chunks(name: str, docs: dict[str, Any], keys: Iterable[str]) -> Iterator[bytes]:
    """``"name": {...}`` exactly as ``RecordTexts.encoded`` writes it, in several pieces."""
    head = b"  " + orjson.dumps(name) + b": "
    if not docs:
        yield head + b"{}"
        return
    pieces: list[Any] = [head, b"{\n"]
    count = 0
    for key in keys:
        value = docs[key]
        text = value if type(value) is msgspec.Raw else _encode_record(value).replace(b"\n", b"\n    ")
        if count:
            pieces.append(b",\n")
        pieces += (b'    "', key.encode(), b'": ', text)  # ids: digits, nothing to escape
        count += 1
        if count % _CHUNK == 0:
            yield b"".join(pieces)
            pieces = []
    pieces.append(b"\n  }")
    yield b"".join(pieces)


_records_as_text = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode


def _stored(table: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``table`` as a plain dict of its documents as they are: no text parsed."""
    return table.stored() if type(table) is RecordTexts else dict(dict.items(table))
