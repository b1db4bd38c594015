"""A workspace read for a command that only looks (``interview-tui due``), in one pass.

``due`` sits in shell profiles, so it should cost no more than reading the file. ``Store.open``
prepares a workspace for changes: it takes the lock, cuts the file into tables and decodes each,
keeps the text for saving, and makes every list the app keeps in order. A command that changes
nothing needs the records alone, checked as strictly.

The promise is the store's: a file ``Store.open`` refuses is never read here. So this reads only
a file it can vouch for, with every check the store makes (each field's type and bounds, ids
that are numbers and given once, no key given twice, the schema this version writes, no number
too large to save), and anything else (a file it cannot vouch for, or cannot read at all) is
handed back: ``read`` returns None and the caller opens the workspace with ``Store.open``, which
reads it, or refuses it with the same words it always did. Only fast for the usual file; never
a second set of rules.
"""

from __future__ import annotations

import _thread
import fcntl
import os
import stat
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:
    from .models import Contact, FollowUp, Interview, Touch

SCHEMA_VERSION = 1
"""The schema this reads (the store's ``SCHEMA_VERSION``; a test keeps the two the same). A file
of any other version is left to the store: it migrates an older one and refuses a newer one."""

_BYTE_ORDER_MARK = b"\xef\xbb\xbf"


class Workspace:
    """The records of a workspace, as the store gives them to a command that only reads."""

    def __init__(self, tables: dict[str, dict[int, Any]], clock: Callable[[], datetime]) -> None:
        self._contacts: dict[int, Contact] = tables["contacts"]
        self._followups: dict[int, FollowUp] = tables["followups"]
        self._interviews: dict[int, Interview] = tables["interviews"]
        self._touches: dict[int, Touch] = tables["touches"]
        self.clock = clock
        self._last_touches: dict[int, datetime] | None = None

    def contacts_by_id(self) -> Mapping[int, Contact]:
        return self._contacts  # read-only by its type: nothing here changes a record

    def contact_names(self) -> dict[int, str]:
        return {contact_id: c.name for contact_id, c in self._contacts.items()}

    def all_followups(self) -> list[FollowUp]:
        return list(self._followups.values())

    def all_interviews(self) -> list[Interview]:
        return list(self._interviews.values())

    def last_touches(self) -> dict[int, datetime]:
        """As ``Store.last_touches``: each contact's latest touch, by contact id."""
        if self._last_touches is None:
            latest: dict[int, datetime] = {}
            for touch in self._touches.values():
                seen = latest.get(touch.contact_id)
                if seen is None or touch.at > seen:
                    latest[touch.contact_id] = touch.at
            self._last_touches = latest
        return self._last_touches


class Reading:
    """The file, read on another thread from the moment it is started (``start``), while this
    one imports what decoding it needs: copying 15 MB from the page cache runs without the
    interpreter lock. Holds shared locks on the lock file and the workspace file meanwhile, so
    that no instance of the program can hold the workspace while it is read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fds: list[int] = []
        self._raw: bytes | None = None
        self._read_done: Any = None
        self._data = -1
        self._before: os.stat_result | None = None
        """Held until the reading thread ends (``_thread``'s lock: ``threading`` costs a
        millisecond to import, and one thread needs none of it)."""

    def start(self) -> bool:
        """Take the locks and start reading; False when the file is not one this reads (no
        lock file yet, a lock held, not a regular file...): the store is left to open it."""
        try:
            lock = os.open(
                self.path.with_name(self.path.name + ".lock"),
                os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
            )
            self._fds.append(lock)
            status = os.fstat(lock)
            # The store refuses a lock file that is not its own: a link, another user's.
            if not stat.S_ISREG(status.st_mode) or status.st_nlink != 1 or status.st_uid != os.geteuid():
                return False
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
            data = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            self._fds.append(data)
            before = os.fstat(data)
            if not stat.S_ISREG(before.st_mode) or not os.path.isdir(self.path.parent):
                return False
            fcntl.flock(data, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return False
        self._data, self._before = data, before
        self._read_done = _thread.allocate_lock()
        self._read_done.acquire()
        _thread.start_new_thread(self._read, (data, before.st_size))
        return True

    def _read(self, fd: int, size: int) -> None:
        # One system call and as little else as can be: each time this thread takes the
        # interpreter lock back, the other one waits for it (on a busy machine, until this one
        # is scheduled again), which cost more than reading the file on that thread.
        try:
            self._raw = os.read(fd, size)
        except OSError:
            pass
        finally:
            self._read_done.release()

    def take(self) -> bytes | None:
        """The bytes read (None: the file was changed while read, or could not be read)."""
        if self._read_done is None or self._before is None:
            return None
        with self._read_done:  # the thread has ended
            raw, self._raw = self._raw, None
        try:
            unchanged = _identity(os.fstat(self._data)) == _identity(self._before)
        except OSError:
            return None
        if raw is None or len(raw) != self._before.st_size or not unchanged:
            return None
        return raw

    def close(self) -> None:
        if self._read_done is not None:
            with self._read_done:  # never close the descriptor the thread reads
                pass
        for fd in self._fds:
            os.close(fd)  # drops its lock
        self._fds.clear()


def _identity(status: os.stat_result) -> tuple[int, int, int, int, int]:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def read(reading: Reading, clock: Callable[[], datetime]) -> Workspace | None:
    """The workspace ``reading`` holds, checked as ``Store.open`` checks it; None when this
    cannot vouch for it (the store then opens it: it reads it, or refuses it in its own words)."""
    # What decoding needs is imported (msgspec, the record classes) and the decoder made while
    # the other thread is still reading: taken first, the bytes were waited for, then imported.
    _decoder()
    from . import validate  # noqa: F401 - imported for _checked, while the file is read

    raw = reading.take()
    if raw is None or raw.startswith(_BYTE_ORDER_MARK):
        return None
    try:
        return _checked(raw, clock)
    except _NotVouched:
        return None


class _NotVouched(Exception):
    """The file is not one this reads: the store decides."""


def _checked(raw: bytes, clock: Callable[[], datetime]) -> Workspace:
    import msgspec

    from .models import Contact, Event, FollowUp, Interview, Question, Settings, Touch, out_of_bounds
    from .validate import (
        OBJECT_FIELDS,
        count_clears_duplicates,
        find_broken_rule,
        find_unwritable_number,
        gives_no_key_twice,
        objects_in,
    )

    try:
        document = _decoder()(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, ValueError, TypeError) as exc:
        raise _NotVouched from exc
    present = {name: getattr(document, name) for name in document.__struct_fields__}
    present = {name: table for name, table in present.items() if table is not msgspec.UNSET}
    meta = present.get("meta")
    if not meta:  # the store gives the file one: left to it
        raise _NotVouched
    (record,) = meta.values() if len(meta) == 1 else (None,)
    if not (
        isinstance(record, dict)
        and type(record.get("schema_version")) is int
        and record["schema_version"] == SCHEMA_VERSION
    ):
        raise _NotVouched
    as_documents = {name: present[name] for name in ("meta", "questions", "settings", "trash") if name in present}
    for documents in as_documents.values():  # each record under a number, as the store wants
        ids_text = "".join(documents)
        if "" in documents or not (ids_text.isascii() and ids_text.isdigit()):
            raise _NotVouched
    if find_unwritable_number(as_documents) is not None:
        raise _NotVouched
    # Every table as the store holds it after opening: records by their ids, each id given once.
    models: dict[str, Any] = {
        "contacts": Contact,
        "interviews": Interview,
        "followups": FollowUp,
        "touches": Touch,
        "events": Event,
        "questions": Question,
        "settings": Settings,
    }
    objects, braces = objects_in(as_documents)
    objects += 1 + len(present)
    tables: dict[str, dict[int, Any]] = {}
    for name, model in models.items():
        cache: dict[int, Any]
        if name in ("questions", "settings"):
            documents = present.get(name, {})
            try:  # as the store makes them from their documents
                records = msgspec.convert(documents, dict[str, model])  # type: ignore[valid-type]
            except (msgspec.ValidationError, RecursionError) as exc:
                raise _NotVouched from exc
            cache = {int(key): record for key, record in records.items()}
            if len(cache) != len(records):  # "7" and "07"
                raise _NotVouched
        else:
            # Read under ids the decoder took as whole numbers from 1 up, written as JSON
            # writes them ("7", never "07", "-0" or "7.0"): each such id names one number, and
            # every other spelling was refused there.
            cache = present.get(name, {})
            objects += len(cache)
            for field in OBJECT_FIELDS[name]:
                objects += sum(1 for record in cache.values() if getattr(record, field))
        for record_id, record in cache.items():
            record.id = record_id
        if out_of_bounds(cache, model, types_checked=True) is not None or find_broken_rule(cache, model) is not None:
            raise _NotVouched
        tables[name] = cache
    if present.get("trash"):
        _check_trash(present["trash"], models)
    if not count_clears_duplicates(raw, objects, braces) and not gives_no_key_twice(raw):
        # A brace typed in a note makes the count say nothing: then, as the store does,
        # the file is looked through the slow, exact way (slow for both).
        raise _NotVouched
    return Workspace(tables, clock)


def _check_trash(trash: dict[str, Any], models: dict[str, Any]) -> None:
    """The trash read as the store reads it (``Store._check_trash``): each entry by its own
    reader, each holding the one contact deleted, and every record it keeps read as the live
    ones of its table are (by their readers, within their bounds). Raises _NotVouched."""
    from .models import out_of_bounds
    from .trash import RECORD_TABLES, TrashEntry
    from .validate import find_broken_rule

    read_entry = TrashEntry.doc_reader()
    entries: dict[int, TrashEntry] = {}
    try:
        for key, doc in trash.items():
            entries[int(key)] = read_entry(doc, int(key))
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _NotVouched from exc
    if len(entries) != len(trash) or out_of_bounds(entries, TrashEntry) is not None:
        raise _NotVouched
    for entry in entries.values():
        contacts = entry.records.get("contacts")
        if not isinstance(contacts, dict) or len(contacts) != 1:
            raise _NotVouched
        for name, docs in entry.records.items():
            if name not in RECORD_TABLES or name not in models or not isinstance(docs, dict):
                raise _NotVouched
            model = models[name]
            read = model.doc_reader()
            kept: dict[int, Any] = {}
            try:
                for key, doc in docs.items():
                    if not (isinstance(key, str) and key.isascii() and key.isdigit()):
                        raise _NotVouched
                    kept[int(key)] = read(doc, int(key))
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                raise _NotVouched from exc
            if out_of_bounds(kept, model) is not None or find_broken_rule(kept, model) is not None:
                raise _NotVouched


_DECODE: list[Callable[[bytes], Any]] = []


def _decoder() -> Callable[[bytes], Any]:
    """The whole file's decoder: each large table typed as the store's typed reader reads it,
    the small ones as documents, as the store parses them; any other table is not vouched for."""
    if not _DECODE:
        import msgspec

        from .models import RECORD_IDS, Contact, Event, FollowUp, Interview, Touch

        # From 1: "-0" reads as 0, and the store refuses that spelling (an id of 0 is left to it).
        record_id = Annotated[int, msgspec.Meta(ge=max(1, RECORD_IDS[0]), le=RECORD_IDS[1])]
        documents = dict[str, dict[str, Any]] | msgspec.UnsetType
        fields = [
            ("contacts", dict[record_id, Contact] | msgspec.UnsetType, msgspec.UNSET),
            ("interviews", dict[record_id, Interview] | msgspec.UnsetType, msgspec.UNSET),
            ("followups", dict[record_id, FollowUp] | msgspec.UnsetType, msgspec.UNSET),
            ("touches", dict[record_id, Touch] | msgspec.UnsetType, msgspec.UNSET),
            ("events", dict[record_id, Event] | msgspec.UnsetType, msgspec.UNSET),
            ("meta", documents, msgspec.UNSET),
            ("questions", documents, msgspec.UNSET),
            ("settings", documents, msgspec.UNSET),
            ("trash", documents, msgspec.UNSET),
        ]
        document = msgspec.defstruct("_Document", fields, forbid_unknown_fields=True, gc=False)
        _DECODE.append(msgspec.json.Decoder(document).decode)
    return _DECODE[0]
