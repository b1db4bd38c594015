"""Store: the only code that reads and writes the TinyDB document. Typed methods in, typed records out.

The store keeps a typed copy of each table in memory (this process is the only writer, the lock
sees to that), so the interface can list 10,000 contacts without re-reading anything. Every
method that changes data returns only after the change is durably on disk.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import itertools
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import msgspec

from .errors import (
    ContactNotFound,
    InvalidInput,
    NotFound,
    SamePersonThere,
    SaveFailed,
    WorkspaceReadOnly,
    WorkspaceUnreadable,
)
from .history import Change, History, restore_plan
from .models import (
    RECORD_IDS,
    Contact,
    Event,
    FollowUp,
    Interview,
    Question,
    Record,
    Settings,
    Touch,
    id_of,
    out_of_bounds,
)
from .questions import DEFAULT_QUESTIONS
from .storage import (
    DocumentReader,
    DurableStorage,
    LaterReader,
    ReadAhead,
    TableReader,
    backup_path,
    encode,
    restore_hint,
)
from .text import fold_name, url_key
from .trash import RECORD_TABLES, Erased, TrashEntry, copies_naming, erase_from_rescues, mentions
from .typed_read import document_reader, later_reader, table_reader
from .validate import OBJECT_FIELDS, find_broken_rule, quoted_as_written

SCHEMA_VERSION = 1
"""Bump with a migration in MIGRATIONS and a fixture file of the old version in the tests."""

MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {}
"""Version n -> function that upgrades the raw document in place from n to n + 1."""

Clock = Callable[[], datetime]

NOT_SAVED = (SaveFailed, WorkspaceReadOnly)
"""What a save can end in when the file is not written: the change is then put back in memory."""
R = TypeVar("R", bound=Record)

_TYPED_MODELS: dict[str, type[Record]] = {
    "contacts": Contact,
    "interviews": Interview,
    "followups": FollowUp,
    "touches": Touch,
    "events": Event,
}
"""The large tables (a person's history grows with every stage and tag change), read typed at opening (see typed_read.py). Only tables whose records hold no
objects but the ones ``OBJECT_FIELDS`` names, so the duplicate check can count them."""


TABLE_NAMES = ("contacts", "events", "followups", "interviews", "meta", "questions", "settings", "touches", "trash")
"""Every table of a workspace (a file with another is read a table at a time, and kept whole)."""

_CONVERTED_MODELS: tuple[type[Record], ...] = (Question, Settings, Event)
"""Small tables whose records hold only text, numbers and dates (see ``_Table._converted``)."""


@functools.cache
def _typed_readers() -> dict[str, TableReader]:
    """Made at the first opening, not at import: a command that opens no workspace pays nothing."""
    return {name: table_reader(model, OBJECT_FIELDS[name]) for name, model in _TYPED_MODELS.items()}


@functools.cache
def _document_reader(later: frozenset[str]) -> DocumentReader:
    """What reads a whole file in one pass, the large tables typed but for those ``later``."""
    typed = {name: (model, OBJECT_FIELDS[name]) for name, model in _TYPED_MODELS.items() if name not in later}
    return document_reader(typed, TABLE_NAMES)


@functools.cache
def _later_readers() -> dict[str, LaterReader]:
    """What reads each large table some records at a time (see ``Store.read_later``)."""
    return {name: later_reader(model, OBJECT_FIELDS[name]) for name, model in _TYPED_MODELS.items()}


def system_clock() -> datetime:
    return datetime.now().replace(microsecond=0)


class Journal:
    """The change being made now, shared by the tables: each remembers there how a record was
    before it first touches it (see core/history.py)."""

    def __init__(self) -> None:
        self.change: Change | None = None
        self.paused = False
        """Set while making changes that are not undoable (notes typed into the editor)."""

    def remember(self, table: str, record_id: int, doc: dict[str, Any] | None) -> None:
        if self.change is not None and not self.paused:
            self.change.remember((table, record_id), doc)


class _Converting(Generic[R]):
    """A table's records as its typed reader made them, and how many have their ids so far."""

    def __init__(self, typed: dict[str, R]) -> None:
        self.typed = typed
        # The ids are made numbers a step at a time too: at 100,000 records, 10 ms at once.
        self.keys = list(typed)
        self.records = list(typed.values())
        self.cache: dict[int, R] = {}
        self.done = 0


class _Table(Generic[R]):
    """One table of the document, with a typed cache of its records kept in step with every write.

    Writes change the document that the DurableStorage holds and hand it back with
    ``storage.write`` (inside a batch that only marks it unsaved), rather than going through
    TinyDB's ``Table``: TinyDB's ``Table.insert/update/remove`` rebuild the whole table dict twice
    per change (keys to int and back to str), which is O(n) per change, several milliseconds at
    10,000 rows, and makes a bulk import quadratic. The file stays a TinyDB document (tables of
    str(id) -> record), and ``DurableStorage`` stays a TinyDB Storage: ``TinyDB(path)`` reads it.
    """

    def __init__(self, storage: DurableStorage, name: str, model: type[R], journal: Journal) -> None:
        self.storage = storage
        self.name = name
        self.model = model
        self.journal = journal
        self._cache: dict[int, R] | None = None
        self._converting: _Converting[R] | None = None
        """The records the typed reader made, being given ids and checked some at a time."""
        self._next_id: int | None = None
        self.ids_kept_elsewhere: Callable[[], Iterable[int]] = tuple
        """The ids of this table's records kept outside it (in the trash): never handed out
        again, so that a restored record comes back under its own id, and a script that noted it
        finds the same record, in this session or the next."""
        self.watchers: list[set[int]] = []
        """For each list kept in order (``_KeptInOrder``), the ids of the records changed since
        it last looked."""

    @property
    def records(self) -> dict[int, R]:
        if self._cache is None and self._converting is not None:
            self.convert_some(None)
        if self._cache is None:
            typed = self.storage.take_records(self.name)
            if typed is not None:
                self._cache = self._convert(typed)
            else:
                docs = (self.storage.read_tables((self.name,)) or {}).get(self.name, {})
                typed = self._converted(docs)
                self._cache = self._convert(typed) if typed is not None else self._decode(docs)
        return self._cache

    def _converted(self, docs: dict[str, Any]) -> dict[str, R] | None:
        """The small tables' records made from their documents by msgspec (in C, checked as the
        typed reading checks), when their model holds no list or object that the record would
        share with the document; None when it cannot (``_decode`` then says what is wrong)."""
        if self.model not in _CONVERTED_MODELS or not isinstance(docs, dict):
            return None
        try:
            return msgspec.convert(docs, dict[str, self.model])  # type: ignore[name-defined]
        except (msgspec.ValidationError, RecursionError):
            return None

    def _convert(self, typed: dict[str, R]) -> dict[int, R]:
        """The records the typed reader made at opening (types checked as it parsed), given
        their ids and checked as ``_decode`` checks them."""
        ids = list(map(int, typed))
        records = list(typed.values())
        for record, doc_id in zip(records, ids, strict=True):
            record.id = doc_id
        cache = dict(zip(ids, records, strict=True))
        self._check(cache, typed, types_checked=True)
        return cache

    def convert_some(self, count: int | None) -> bool:
        """Give ``count`` more of the records the typed reader made their ids, and check them,
        as ``_convert`` does all at once (None: the rest); True once the table's records are
        kept in full. So a large table read after the first frame is made ready between frames,
        a step at a time. A table the typed reader could not read is read whole, at once."""
        if self._cache is not None:
            return True
        converting = self._converting
        if converting is None:
            typed = self.storage.take_records(self.name)
            if typed is None:
                self.records  # noqa: B018 - read the careful way, which names what is wrong
                return True
            converting = self._converting = _Converting(typed)
        start, total = converting.done, len(converting.keys)
        end = total if count is None else min(total, start + max(count, 1))
        ids, records = list(map(int, converting.keys[start:end])), converting.records[start:end]
        for record, doc_id in zip(records, ids, strict=True):
            record.id = doc_id
        some = dict(zip(ids, records, strict=True))
        # The first fault in the order of the file, as checking them all at once finds it.
        self._check_bounds(some, types_checked=True)
        converting.cache.update(some)
        converting.done = end
        if end < total:
            return False
        self._check_ids(converting.cache, converting.typed)
        self._cache, self._converting = converting.cache, None
        return True

    def _decode(self, docs: dict[str, Any]) -> dict[int, R]:
        """Every record of the table, checked field by field (models.Record.doc_reader): one
        that cannot be read refuses the whole file, naming the record and the field, before
        anything is shown or saved."""
        from_doc = self.model.doc_reader()
        cache: dict[int, R] = {}
        try:
            for key, doc in docs.items():
                doc_id = int(key)
                cache[doc_id] = from_doc(doc, doc_id)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            # models.BadField names the field: 'field "name": expected text, found a number (5)'.
            what = str(exc) if hasattr(exc, "field") else f"cannot be read ({exc})"
            raise WorkspaceUnreadable(
                f"{self.storage.path}: {self.name} record {key}, {what}; the file was left untouched. "
                + self._fix("Fix that record")
            ) from exc
        self._check(cache, docs)
        return cache

    def _fix(self, what: str) -> str:
        if not backup_path(self.storage.path).exists():
            return f"{what}."
        return f"{what}, or restore the backup.{restore_hint(self.storage.path)}"

    def _check(self, cache: dict[int, R], docs: Mapping[str, Any], *, types_checked: bool = False) -> None:
        """What a record's own reader cannot see: numbers beyond their bounds, and two ids that
        name one number."""
        self._check_bounds(cache, types_checked=types_checked)
        self._check_ids(cache, docs)

    def _check_bounds(self, cache: dict[int, R], *, types_checked: bool) -> None:
        problem = out_of_bounds(cache, self.model, types_checked=types_checked) or find_broken_rule(cache, self.model)
        if problem is not None:
            words = quoted_as_written(problem[1], Path(self.storage.path), self.name, problem[0])
            raise WorkspaceUnreadable(
                f"{self.storage.path}: {self.name} record {problem[0]}, {words}; the file was left "
                "untouched. " + self._fix("Fix that record")
            )

    def _check_ids(self, cache: dict[int, R], docs: Mapping[str, Any]) -> None:
        fix = self._fix
        if len(cache) != len(docs):
            # Two keys for one number ("7" and "07"): one record would hide the other.
            spellings: dict[int, list[str]] = {}
            for key in docs:
                spellings.setdefault(int(key), []).append(key)
            doc_id, keys = next((doc_id, keys) for doc_id, keys in spellings.items() if len(keys) > 1)
            raise WorkspaceUnreadable(
                f"{self.storage.path}: {self.name} has two records with id {doc_id} (written "
                + " and ".join(f'"{key}"' for key in keys)
                + "), and only one would be read; the file was left untouched. "
                + fix("Give one of them an id of its own")
            )

    def problem_in(self, docs: Any) -> str | None:
        """What is wrong with ``docs`` (records of this table kept elsewhere: the trash), in
        words naming the record and the field, or None when each reads as a record of it."""
        read = self.model.doc_reader()
        cache: dict[int, R] = {}
        for key, doc in docs.items():
            if not (isinstance(key, str) and key.isascii() and key.isdigit()):
                return f"its {self.name} record {key!r} has an id that is not a number"
            try:
                cache[int(key)] = read(doc, int(key))
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                what = str(exc) if hasattr(exc, "field") else f"cannot be read ({exc})"
                return f"its {self.name} record {key}, {what}"
        problem = out_of_bounds(cache, self.model) or find_broken_rule(cache, self.model)
        if problem is not None:
            return f"its {self.name} record {problem[0]}, {problem[1]}"
        return None

    def _note_changed(self, record_id: int) -> None:
        for changed in self.watchers:
            changed.add(record_id)

    def get(self, record_id: int) -> R:
        try:
            return self.records[record_id]
        except KeyError:
            raise NotFound(f"No {_noun(self.model)} with id {record_id}.") from None

    def _documents(self) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
        """The whole document and this table's part of it (created when missing)."""
        data = self.storage.read_tables((self.name,))
        if data is None:
            data = {}
        return data, data.setdefault(self.name, {})

    def _note_next_id(self, docs: dict[str, Any]) -> None:
        if self._next_id is None:
            self._next_id = max(max((int(key) for key in docs), default=0), max(self.ids_kept_elsewhere(), default=0)) + 1

    def _take_id(self, docs: dict[str, Any]) -> int:
        """The next id, as TinyDB picks it: one more than the largest in the table (or in the
        trash) when the table is first written to in this session (an addition or a removal),
        then counting up, so an id freed by a delete is never handed out again while the
        workspace is open, nor while the trash holds it."""
        self._note_next_id(docs)
        assert self._next_id is not None
        if self._next_id > RECORD_IDS[1]:
            raise InvalidInput(
                f"No {self.model.__name__.lower()} can be added: the table's ids have reached "
                f"{RECORD_IDS[1]:,}. Give its records smaller ids (in a copy of the file) to add more."
            )
        doc_id = self._next_id
        self._next_id += 1
        return doc_id

    def _refuse_out_of_bounds(self, record: R) -> None:
        """Never write a record that opening would refuse (a date with a time zone, a number
        beyond what the file can hold, a contact with no name): the file would not open again."""
        problem = out_of_bounds({0: record}, self.model) or find_broken_rule({0: record}, self.model)
        if problem is not None:
            raise InvalidInput(f"This {self.model.__name__.lower()} cannot be saved: {problem[1]}.")

    def insert(self, record: R) -> R:
        records = self.records
        self._refuse_out_of_bounds(record)
        doc = record.to_doc()
        # Inside a batch the file is written on leaving it, after the typed cache has the record:
        # if that write fails, memory (and the next successful save) still agree on the change.
        with self.storage.batch():
            data, docs = self._documents()
            doc_id = self._take_id(docs)
            self.journal.remember(self.name, doc_id, None)
            self.storage.record_changed(self.name, str(doc_id))
            docs[str(doc_id)] = doc
            self.storage.appended(self.name)
            record.id = doc_id
            records[doc_id] = record
            self._note_changed(doc_id)
            self.storage.write(data, changed=(self.name,))
        return record

    def replace(self, record: R) -> R:
        records = self.records
        if record.id is None or record.id not in records:
            raise NotFound(f"No {_noun(self.model)} with id {record.id}.")
        self._refuse_out_of_bounds(record)
        # A full replacement, so that fields set back to empty are really cleared.
        doc = record.to_doc()
        with self.storage.batch():
            data, docs = self._documents()
            stored = docs.get(str(record.id))
            self.journal.remember(self.name, record.id, stored)
            self.storage.record_changed(self.name, str(record.id))
            if stored:
                doc = self._with_unknown_fields(doc, stored)
            docs[str(record.id)] = doc
            records[record.id] = record
            self._note_changed(record.id)
            self.storage.write(data, changed=(self.name,))
        return record

    def _with_unknown_fields(self, doc: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
        """``doc`` with the fields of ``stored`` that this version does not know: a newer version
        or another tool wrote them, and a change made here must not lose them."""
        known = self.model._field_names_sorted()
        unknown = {name: value for name, value in stored.items() if name not in known}
        if not unknown:
            return doc
        return dict(sorted({**unknown, **doc}.items()))  # a record's fields stay in name order

    def remove(self, ids: list[int]) -> None:
        records = self.records
        ids = [i for i in ids if i in records]
        if not ids:
            return
        with self.storage.batch():
            data, docs = self._documents()
            # The ids removed are not handed out again this session: undoing this removal
            # must find them free.
            self._note_next_id(docs)
            for record_id in ids:
                self.journal.remember(self.name, record_id, docs.pop(str(record_id), None))
                self.storage.record_changed(self.name, str(record_id))
                del records[record_id]
                self._note_changed(record_id)
            self.storage.write(data, changed=(self.name,))

    def stored(self, record_id: int) -> dict[str, Any] | None:
        """The record's document as it is in the file's image in memory (None: no such record)."""
        docs = (self.storage.read_tables((self.name,)) or {}).get(self.name) or {}
        return docs.get(str(record_id))

    def put(self, record_id: int, doc: dict[str, Any] | None) -> None:
        """Make the record ``doc`` (None: remove it), as a change that undo or a failed save puts
        back. The caller writes the document (inside a batch)."""
        records = self.records
        data, docs = self._documents()
        key = str(record_id)
        self.journal.remember(self.name, record_id, docs.get(key))
        self.storage.record_changed(self.name, key)
        if doc is None:
            self._note_next_id(docs)
            docs.pop(key, None)
            records.pop(record_id, None)
            if not docs:
                # Put back exactly: a table that the change brought into being goes with it.
                del data[self.name]
        else:
            if key not in docs:
                self.storage.appended(self.name)
            docs[key] = doc
            records[record_id] = self.model.doc_reader()(doc, record_id)
        self._note_changed(record_id)
        if self._next_id is not None and record_id >= self._next_id:
            self._next_id = record_id + 1
        self.storage.write(data, changed=(self.name,))

    def free_id(self, wanted: int) -> int:
        """``wanted`` when no record of this table has it, else a new id."""
        _, docs = self._documents()
        if str(wanted) not in docs:
            return wanted
        return self._take_id(docs)


class Store:
    """The workspace: contacts, interviews, questions, follow-ups and touches in one file."""

    def __init__(self, storage: DurableStorage, clock: Clock = system_clock) -> None:
        self.storage = storage
        self.clock = clock
        self.created_now = storage.is_empty
        """True when the workspace is new: no file yet (the first change creates it), or an
        empty document."""
        self._journal = Journal()
        self.history = History()
        """The changes of this session that ``undo`` can take back, newest last."""
        self._contacts = _Table(storage, "contacts", Contact, self._journal)
        self._interviews = _Table(storage, "interviews", Interview, self._journal)
        self._questions = _Table(storage, "questions", Question, self._journal)
        self._followups = _Table(storage, "followups", FollowUp, self._journal)
        self._touches = _Table(storage, "touches", Touch, self._journal)
        self._settings = _Table(storage, "settings", Settings, self._journal)
        self._trash = _Table(storage, "trash", TrashEntry, self._journal)
        self._events = _Table(storage, "events", Event, self._journal)
        for table in self._tables():
            if table.name in RECORD_TABLES:
                table.ids_kept_elsewhere = partial(self._ids_in_trash, table.name)
        self._last_touches: dict[int, datetime] | None = None
        self._unwritten: list[_Unwritten] = []
        # Kept in order between calls and brought up to date record by record: after one change
        # at 50,000 contacts, sorting them all again took a tenth of a second of the screen's time.
        self._contacts_in_order = _KeptInOrder(self._contacts, _casefolded_name)
        self._open_followups_in_order = _KeptInOrder(self._followups, _BY_DUE, lambda f: f.done_at is None)
        # The schedule form asks which of them a time overlaps at each key typed into its date:
        # at 25,000 conversations, picking out and sorting the planned ones took 10 ms a key;
        # kept in order, a tenth of a millisecond.
        self._planned_in_order = _KeptInOrder(self._interviews, _BY_WHEN, _ON_CALENDAR)
        self._untracked_state = 0
        self._taken_back: list[str] = []
        self._unreadable: WorkspaceUnreadable | None = None
        """What reading a table later found wrong with the file: said again at every change."""
        self._later: set[str] = set(storage.tables_read_later())
        """The tables ``open`` left to be read later and not yet read and checked in full (one
        read by whatever used it first, and refused by the checks, is still here: the check
        before a change finds it again)."""
        """``changes_made`` after the last change that undo and a failed write leave alone."""
        """With saves written in the background: the tracked changes handed to the writer and
        not yet known to be in the file, oldest first (see ``settle``)."""
        # Opening never writes over a file: migrating, checking and preparing an existing file
        # (schema record, question bank) happen in memory, and reach it with the first change
        # the person saves, in that one write. A file refused here is left as it was, and so is
        # its backup. A path with no file yet is made into a workspace at once (below).
        new_path = storage.read_tables(()) is None
        with storage.preparing():
            self._prepare()
            # Decode every record now: a record this version cannot read is refused at opening,
            # not discovered halfway through the user's work (the tables left to be read later
            # are read in full before any change, see ``read_later``).
            later = storage.tables_read_later()
            for table in self._tables():
                if table.name not in later:
                    table.records  # noqa: B018 - loading is the point
            self._check_trash()
            if "questions" not in (storage.read_tables(()) or {}):
                self._seed_questions()
        # From here on every record is written by to_doc, fields in name order: saving need not
        # sort the whole document (see DurableStorage.keys_in_order).
        storage.keys_in_order = True
        if new_path:
            # A new workspace exists from its first opening (the app and every command expect
            # a file to be there); that overwrites nothing and makes no backup. Commands that
            # fail on it remove it again (see cli._run_command).
            storage.flush()
        # Preparing the file is not something the person can undo.
        self.history.clear()

    def _ids_in_trash(self, table: str) -> Iterator[int]:
        for entry in self._trash.records.values():
            docs = entry.records.get(table)
            if isinstance(docs, dict):
                yield from (int(key) for key in docs if key.isdigit())

    def _check_trash(self) -> None:
        """The records kept in the trash are read as the live ones are: a restore must not be
        the moment a damaged one is found (it would fail halfway, or bring a date or a number
        back that breaks everything after)."""
        for entry_id, entry in self._trash.records.items():
            contacts = entry.records.get("contacts")
            if not isinstance(contacts, dict) or len(contacts) != 1:
                count = len(contacts) if isinstance(contacts, dict) else 0
                raise WorkspaceUnreadable(
                    f"{self.path}: trash record {entry_id} holds {count} contacts, where each holds the one "
                    "deleted; the file was left untouched. " + self._trash._fix("Fix that record")
                )
            for name, docs in entry.records.items():
                table = next((t for t in self._tables() if t.name == name and name in RECORD_TABLES), None)
                what: str | None
                if table is None or not isinstance(docs, dict):
                    what = f"holds a table {name!r} that no contact's records come from"
                else:
                    what = table.problem_in(docs)
                if what is not None:
                    raise WorkspaceUnreadable(
                        f"{self.path}: trash record {entry_id}, {what}; the file was left untouched. "
                        + self._trash._fix("Fix that record")
                    )

    def _tables(self) -> tuple[_Table[Any], ...]:
        return (
            self._contacts,
            self._interviews,
            self._questions,
            self._followups,
            self._touches,
            self._settings,
            self._trash,
            self._events,
        )

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        clock: Clock = system_clock,
        create_dirs: bool = False,
        read_ahead: ReadAhead | None = None,
        later: Collection[str] = (),
        shared: bool = False,
    ) -> Store:
        """The workspace at ``path``, every record read and checked (raises WorkspaceUnreadable,
        having changed nothing, when one cannot be). ``later``: large tables to be read after
        this returns rather than now (the app's follow-ups: its first screen does not wait for
        them), by ``read_later``, and in any case in full before they are used or anything is
        changed, with every check opening makes. ``shared``: for a command that only looks, a
        workspace another interview-tui has open is read as it last saved it, read-only, rather
        than refused."""
        # Parsing and decoding a large workspace makes hundreds of thousands of objects, none of
        # them garbage: left on, the cyclic collector would walk all of them several times over
        # while they are made (full collections of about 150 ms at 10,000 contacts). Off while
        # loading, back as it was afterwards, errors included. The app goes further (see
        # cli._run_app): it keeps it off until the app is built, then gc.freeze()s all of it.
        collecting = gc.isenabled()
        gc.disable()
        try:
            typed, readers = _typed_readers(), _later_readers()
            storage = DurableStorage(
                path,
                create_dirs=create_dirs,
                read_ahead=read_ahead,
                typed=typed,
                later={name: readers[name] for name in later if name in typed},
                # The same typed reading, of the whole file at once (a table at a time when it cannot).
                whole=_document_reader(frozenset(later)) if typed else None,
                shared=shared,
            )
            try:
                return cls(storage, clock)
            except BaseException:
                storage.close()
                raise
        finally:
            if collecting:
                gc.enable()

    def close(self) -> None:
        self.storage.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def read_only(self) -> str | None:
        """Why the workspace was opened read-only, for the person (None when it can be saved):
        it reads as usual, and every change raises WorkspaceReadOnly."""
        return self.storage.read_only

    @property
    def has_unsaved_changes(self) -> bool:
        """A change is in memory that the file does not have yet (a save failed, or a batch is
        still open)."""
        return self.storage.has_unsaved_changes

    @property
    def needs_saving(self) -> bool:
        """A change is in memory that no save holds or is writing (a save failed, or a batch is
        still open): saving now would write something new."""
        return self.storage.needs_saving

    def flush(self) -> None:
        """Write what is in memory and not yet in the file; raises as a failed save does."""
        self.storage.flush()

    @property
    def on_diverted(self) -> Callable[[Path], None] | None:
        """Called with the path a save went to instead of the workspace, when the file was
        changed by something else since it was read (the change is kept there, not lost)."""
        return self.storage.on_diverted

    @on_diverted.setter
    def on_diverted(self, callback: Callable[[Path], None] | None) -> None:
        self.storage.on_diverted = callback

    def document(self) -> Mapping[str, Any]:
        """The whole workspace document as it is in memory (every table, meta included), for
        the exports and the backup: to be read, never changed in place."""
        return self.storage.read() or {}

    def replaced(self, document: dict[str, Any]) -> Store:
        """Replace the whole workspace document with ``document`` in one write (a restore from
        a backup) and return the store that reads it. This store must not be used afterwards:
        its typed copies of the tables are of the document replaced."""
        with self.batch():
            self.storage.write(document)
        return Store(self.storage, self.clock)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make several changes land in the file together, in one write: one change to undo."""
        with self.change():
            yield

    @contextlib.contextmanager
    def change(self, label: str | None = None, *, kept: bool = False) -> Iterator[None]:
        """One change the person made (one action): it reaches the file in one write, and is
        one step for ``undo``. ``label`` says what it was ("Deleted Alex Example"), for the
        message that undoing it shows.

        All or nothing in memory too: when the block raises, or the file cannot be written at
        its end (a full disk), every record it touched is put back as it was, and the error is
        raised. So a form whose save failed stays open having changed nothing, and saving it
        again cannot make a second copy; cancelling it really cancels.

        ``kept``: a change with nothing left open to hold what it made (notes started with one
        key, typed into at once): when the file cannot be written it stays in memory, as notes
        typed do, and goes with the next write; the error is still raised, for the caller to
        say. A read-only workspace still takes it back: no later write can hold it."""
        self.read_everything()
        journal = self._journal
        if journal.change is not None or journal.paused:
            # Part of the change being made (or of notes typed): that one is what is undone.
            if label and journal.change is not None and journal.change.label is None:
                journal.change.label = label
            yield
            return
        change = journal.change = Change(label)
        failure: BaseException | None = None
        not_written: SaveFailed | None = None
        try:
            try:
                with self.storage.batch():
                    try:
                        yield
                    except BaseException as exc:
                        failure = exc
                        self._put_back(change)
                        raise
            except NOT_SAVED as exc:
                if failure is not None:
                    # Writing the file as it was failed too; the person needs the first error.
                    raise failure from None
                if not (kept and isinstance(exc, SaveFailed)):
                    self._put_back(change)
                    raise
                not_written = exc
        finally:
            journal.change = None
        change.after = {key: self._table(key[0]).stored(key[1]) for key in change.before}
        if change.touched():
            self.history.push(change)
            self._not_written_yet(change, kept=kept)
        if not_written is not None:
            raise not_written

    @contextlib.contextmanager
    def untracked(self) -> Iterator[None]:
        """Changes that undo leaves alone and a failed save keeps in memory (to be saved by the
        next write): the text typed into the notes editor, which must never be taken back."""
        self.read_everything()
        journal = self._journal
        paused, journal.paused = journal.paused, True
        try:
            with self.storage.batch():
                yield
        finally:
            journal.paused = paused
            self._untracked_state = self.storage.changes_made

    # Saves written in the background (the app) ----------------------------------------------

    def write_in_background(self, done: Callable[[], None] | None = None) -> None:
        """Hand every save from now on to a thread of its own (see core/writer.py): a change
        returns as soon as memory holds it. ``done`` is called on that thread after each write;
        the caller then calls ``settle`` on its own thread to learn how it went."""
        self.storage.write_in_background(done)

    @property
    def writes_in_background(self) -> bool:
        return self.storage.writes_in_background

    @property
    def changes_made(self) -> int:
        """Which state memory is in, counted in changes: ``file_holds`` says when the file has
        it (or a later one)."""
        return self.storage.changes_made

    def file_holds(self, state: int) -> bool:
        """Whether the file holds memory as it was at ``state`` (or later), as far as the writer
        has said."""
        return self.storage.written >= state

    def tables_to_prepare(self) -> list[str]:
        """The large tables not made ready for a change yet (see ``prepare_for_changes``)."""
        if not self.storage.writes_in_background:
            return []
        return [name for name in self.storage.tables_kept_as_text() if name in _TYPED_MODELS]

    def prepare_for_changes(self, table: str) -> None:
        """Do now, between frames, what the first change of ``table`` in a session would do:
        read its records' texts apart, and give the writer its copy (see core/writer.py)."""
        for piece in self.preparing(table):
            piece()

    def preparing(self, table: str) -> list[Callable[[], object]]:
        """``prepare_for_changes`` in pieces, each one block of work, for the app to do one at a
        time between frames (at 50,000 contacts, cutting the contacts into their records' texts
        and putting them in order were one block of 130 ms; in pieces, a key typed meanwhile
        waits for one of them). Each piece does all that is left before it, whatever ran since."""
        pieces: list[Callable[[], object]] = [
            partial(self.read_later, table, None),
            partial(self.storage.read_tables, (table,)),  # its records' texts apart, as a change does
            partial(self.storage.prepare_for_changes, table),
        ]
        for kept in (self._contacts_in_order, self._open_followups_in_order, self._planned_in_order):
            if kept.table_name == table:
                pieces += (kept.records, kept.make_keys)
        return pieces

    # Tables read after opening (the app) -----------------------------------------------------

    def tables_read_later(self) -> list[str]:
        """The tables ``open`` left to be read later that are not read in full yet, in the
        order opening checks tables (so a file with several faults is refused for the same one)."""
        # A table's records are kept only once read and checked in full, by whatever used it.
        return [table.name for table in self._tables() if table.name in self._later and table._cache is None]

    def read_later(self, table: str, records: int | None = 2000) -> bool:
        """Read ``records`` more records of ``table`` (None: the rest), a table ``open`` left to
        be read later; True once it is read and checked in full, as opening checks a table.
        Raises WorkspaceUnreadable when the file is found to be one that opening refuses (then
        at every change too: nothing can be saved over it)."""
        if self._unreadable is not None:
            raise self._unreadable
        # Records that live as long as the workspace, and no garbage (see ``open``).
        collecting = gc.isenabled()
        gc.disable()
        try:
            done = self.storage.read_later(table, records)
            if done:
                # Then the records, converted and checked as at opening, as many a step.
                done = self._table(table).convert_some(records)
            if done:
                self._later.discard(table)
        except WorkspaceUnreadable as exc:
            self._unreadable = exc
            raise
        finally:
            if collecting:
                gc.enable()
        return done

    def read_everything(self) -> None:
        """Every table left to be read later, read and checked in full now (before a change:
        nothing is written before the whole file is known to be one opening accepts)."""
        if self._unreadable is not None:
            raise self._unreadable
        for table in self.tables_read_later():
            self.read_later(table, None)

    def wait_for_writes(self, timeout: float | None = None) -> bool:
        """Block until every save handed to the writer is written or has failed (a quit, a
        signal); then ``settle`` says how. False when ``timeout`` passed first."""
        return self.storage.wait_for_writes(timeout)

    def writes_settled(self) -> bool:
        """No save is being written now."""
        return self.storage.writes_settled()

    def settle(self) -> BaseException | None:
        """What became of the saves handed to the writer, on the thread that makes changes.

        Returns None while they are all written (or still being written). When one failed,
        memory is first made what the file holds again, as a failed save on this thread leaves
        it: every change not yet written is put back, newest first, and leaves the undo history
        (an undo that was not written is undoable again); what was typed into the notes since
        stays (it is not a change that can be taken back, and it is saved with the next write),
        and so does a change made ``kept`` (see ``change``).
        Then the error is returned, once, and saving goes on with the next change."""
        written = self.storage.written
        self._unwritten = [entry for entry in self._unwritten if entry.state > written]
        failure = self.storage.write_failure()
        if failure is None:
            diverted = self.storage.newly_diverted()
            if diverted is not None and self.on_diverted is not None:
                self.on_diverted(diverted)
            return None
        if not self.storage.writes_settled():
            return None  # the writer fails what it still holds; look again when it is done
        kept = False
        taken_back: list[str] = []
        with self.storage.held():
            for entry in reversed(self._unwritten):
                if entry.kept:
                    # Stays made, and in the undo history, for the next write. (A read-only
                    # workspace refuses when the change is made, never in the writer.)
                    kept = True
                    continue
                current = {key: self._table(key[0]).stored(key[1]) for key in entry.change.before}
                for (name, record_id), doc in restore_plan(entry.change, current).items():
                    self._table(name).put(record_id, doc)
                if entry.undid is not None:
                    self.history.push(entry.undid)
                    taken_back.append(f"the undo of {self.describe(entry.undid)}")
                else:
                    self.history.withdraw(entry.change)
                    taken_back.append(self.describe(entry.change))
        self._taken_back = taken_back[::-1]
        self._unwritten.clear()
        self._last_touches = None
        # Put back, memory is the file again, unless notes were typed (or a kept change made)
        # since the last write.
        self.storage.resume_writes(differs=kept or self._untracked_state > written)
        return failure

    @property
    def taken_back(self) -> list[str]:
        """What the last failed write put back (``settle``), oldest first, in words
        (``describe``): for the person told a moment before that it was done."""
        return list(self._taken_back)

    def _not_written_yet(self, change: Change, *, undid: Change | None = None, kept: bool = False) -> None:
        if self.storage.writes_in_background:
            self._unwritten.append(_Unwritten(self.storage.changes_made, change, undid, kept))

    def _table(self, name: str) -> _Table[Any]:
        return next(table for table in self._tables() if table.name == name)

    def _put_back(self, change: Change) -> None:
        """Memory as it was before ``change``: its records' documents and typed copies."""
        with contextlib.suppress(*NOT_SAVED), self.storage.batch():
            for (name, record_id), doc in change.before.items():
                self._table(name).put(record_id, doc)
        self._last_touches = None

    # Undo and the trash ----------------------------------------------------------------------

    def can_undo(self) -> bool:
        return bool(self.history)

    def nothing_to_undo(self) -> str:
        """Why ``undo`` has nothing to take back, for the person."""
        if not self.history.made_any:
            return "Nothing to undo: no change has been made since the workspace was opened."
        return (
            "Nothing more to undo: this session's changes were undone already, are older than the last "
            "50, or held someone erased for good (those cannot come back)."
        )

    def undo(self) -> Change:
        """Take back the last change of this session (then the one before, and so on): every
        record it touched is as it was, except what was typed into it since (see core/history.py).
        Returns the change undone. Raises InvalidInput when there is nothing to undo, SaveFailed
        (with nothing changed) when the file cannot be written."""
        change = self.history.peek()
        if change is None:
            raise InvalidInput(self.nothing_to_undo())
        current = {key: self._table(key[0]).stored(key[1]) for key in change.before}
        plan = restore_plan(change, current)
        journal = self._journal
        undoing = journal.change = Change(None)
        try:
            try:
                with self.storage.batch():
                    for (name, record_id), doc in plan.items():
                        self._table(name).put(record_id, doc)
            except NOT_SAVED:
                self._put_back(undoing)
                raise
        finally:
            journal.change = None
            self._last_touches = None
        self.history.pop()
        undoing.after = {key: self._table(key[0]).stored(key[1]) for key in undoing.before}
        self._not_written_yet(undoing, undid=change)
        return change

    def describe(self, change: Change) -> str:
        """What a change was, in a few words: its label, else whose records it touched."""
        if change.label:
            return change.label
        names = self.contact_names()
        people: list[str] = []
        for (table, record_id), doc in change.before.items():
            doc = doc or change.after.get((table, record_id)) or {}
            if table == "contacts":
                name = doc.get("name")
            elif table == "questions":
                # Retired, edited or moved in the question bank: say which question.
                text = doc.get("text")
                name = f"the question “{_shortened(text)}”" if isinstance(text, str) else None
            else:
                # Every stored contact_id is a number (the file is checked when it is opened).
                contact_id = doc.get("contact_id")
                name = names.get(contact_id) if isinstance(contact_id, int) else None
            if isinstance(name, str) and name not in people:
                people.append(name)
        if not people:
            return "the last change"
        shown = ", ".join(people[:3]) + (f" and {len(people) - 3} more" if len(people) > 3 else "")
        return f"the last change to {shown}"

    def trash(self) -> list[TrashEntry]:
        """What was deleted, newest first."""
        return sorted(self._trash.records.values(), key=lambda e: (e.deleted_at, e.id), reverse=True)

    def trash_entry(self, entry_id: int) -> TrashEntry:
        return self._trash.get(entry_id)

    def find_in_trash(self, name: str) -> TrashEntry:
        """The trash entry a person means by ``name``, as ``find_contact`` matches names; the
        newest when the same person was deleted twice."""
        wanted = name_key(name)
        if not wanted:
            raise InvalidInput("A name is required.", field="name")
        entries = self.trash()
        exact = [e for e in entries if name_key(e.name) == wanted]
        candidates = exact or [e for e in entries if name_key(e.name).startswith(wanted)]
        if len({name_key(e.name) for e in candidates}) == 1:
            return candidates[0]
        if not candidates:
            raise NotFound(f"No one named '{name}' in the trash. See what it holds with: interview-tui trash")
        names = ", ".join(sorted({e.name for e in candidates})[:5])
        raise InvalidInput(f"'{name}' could mean {len(candidates)} people in the trash ({names}); give the full name.")

    def restore(self, entry_id: int, *, another: bool = False, how_to_go_on: str = "") -> Contact:
        """Put a deleted contact back with everything that went with them; returns the contact.

        Raises SamePersonThere when a contact now in the workspace has their name, email or
        LinkedIn profile (an import may have added them again meanwhile), unless ``another``
        says a second person is meant."""
        entry = self._trash.get(entry_id)
        if not another:
            same = self.same_person_as(entry)
            if same:
                raise SamePersonThere(entry.name, same, how_to_go_on)
        with self.change(f"Restored {entry.name}"):
            new_ids: dict[str, dict[int, int]] = {}
            for name in RECORD_TABLES:
                table = self._table(name)
                new_ids[name] = {int(key): table.free_id(int(key)) for key in entry.records.get(name) or {}}
            contacts = new_ids["contacts"]
            interviews = new_ids["interviews"]
            for name in RECORD_TABLES:
                table = self._table(name)
                for key, stored in (entry.records.get(name) or {}).items():
                    doc = dict(stored)
                    if "contact_id" in doc:
                        doc["contact_id"] = contacts.get(doc["contact_id"], doc["contact_id"])
                    if doc.get("interview_id") in interviews:
                        doc["interview_id"] = interviews[doc["interview_id"]]
                    referrer = doc.get("referred_by")
                    if name == "contacts" and referrer is not None and self._in_trash(referrer):
                        # Restoring them later links this contact to them again (see relinked).
                        del doc["referred_by"]
                    table.put(new_ids[name][int(key)], doc)
            restored_id = next(iter(contacts.values()))
            for referred_id in entry.relinked:
                referred = self._contacts.records.get(referred_id)
                if referred is not None and referred.referred_by is None and referred_id in {c.id for c in self.introducers(restored_id)}:
                    # Linked to someone meanwhile who leads back to them: linking them again
                    # would close a loop of referrals, which no form allows. Said in words.
                    line = f"Referred by {entry.name}."
                    notes = referred.notes.rstrip()
                    referred.notes = f"{notes}\n\n{line}" if notes else line
                    self._contacts.replace(referred)
                elif referred is not None and referred.referred_by is None:
                    referred.referred_by = restored_id
                    self._contacts.replace(referred)
                elif referred is None:
                    self._link_in_trash(referred_id, restored_id)
            self._trash.remove([entry_id])
        self._last_touches = None
        return self.contact(restored_id)

    def same_person_as(self, entry: TrashEntry) -> list[tuple[str, int, str]]:
        """The contacts now in the workspace that are the person of a trash entry by their name
        (as ``named`` compares it), email or LinkedIn profile: (name, id, what is the same)."""
        docs = entry.records.get("contacts") or {}
        doc: dict[str, Any] = next(iter(docs.values()), {})
        name = name_key(str(doc.get("name") or entry.name))
        email = str(doc.get("email") or "").strip().casefold()
        linkedin_url = str(doc.get("linkedin_url") or "").strip()
        profile = url_key(linkedin_url) if linkedin_url else ""
        found = []
        for contact in self.contacts():
            same = []
            if name_key(contact.name) == name:
                same.append("name")
            if email and contact.email.strip().casefold() == email:
                same.append("email address")
            if profile and contact.linkedin_url.strip() and url_key(contact.linkedin_url) == profile:
                same.append("LinkedIn profile")
            if same:
                what = " and ".join([", ".join(same[:-1]), same[-1]] if len(same) > 1 else same)
                found.append((contact.name, id_of(contact), what))
        return found

    def _in_trash(self, contact_id: Any) -> bool:
        """Whether a contact of that id is in the trash (rather than live, erased, or a link a
        merge left pointing nowhere, which is kept as it is)."""
        if contact_id in self._contacts.records:
            return False
        return any(str(contact_id) in (entry.records.get("contacts") or {}) for entry in self._trash.records.values())

    def introducers(self, contact_id: int) -> list[Contact]:
        """Who introduced the contact, who introduced them, and so on up the links, nearest
        first; a loop already in the file (edited by hand) ends the walk where it comes round."""
        chain: list[Contact] = []
        seen = {contact_id}
        current = self._contacts.records.get(contact_id)
        while current is not None and current.referred_by is not None and current.referred_by not in seen:
            seen.add(current.referred_by)
            current = self._contacts.records.get(current.referred_by)
            if current is not None:
                chain.append(current)
        return chain

    def _link_in_trash(self, contact_id: int, referrer_id: int) -> None:
        """Someone this contact introduced is in the trash too: their stored record names the
        contact again, so restoring them later brings the link back."""
        for other in list(self._trash.records.values()):
            docs = other.records.get("contacts") or {}
            doc = docs.get(str(contact_id))
            if doc is None or doc.get("referred_by") is not None:
                continue
            patched = TrashEntry.from_doc(other.to_doc(), other.id)
            patched.records = {**other.records, "contacts": {**docs, str(contact_id): {**doc, "referred_by": referrer_id}}}
            self._trash.replace(patched)

    def purge(self, entry_ids: list[int]) -> Erased:
        """Erase trash entries for good: from the workspace, its backup and the lines of text
        rescued from open forms that name them. Nothing erased can be undone or restored; the
        copies of the workspace kept beside it (damaged, conflict) that still name them are
        listed in the result, for the person to decide."""
        entries = [self._trash.get(entry_id) for entry_id in entry_ids]
        if not entries:
            return Erased([], 0, [])
        names = [entry.name for entry in entries]
        # The second save below must not be merged into this one by a writer in the background.
        self.storage.write_next_apart()
        with self.change():
            self._trash.remove(entry_ids)
        # The changes of this session that hold their records must not bring them back, and
        # the backup is the file as it was before this save: forget those changes, and save
        # once more so the backup holds no trace.
        self.history.forget(lambda change: _names_any(change, names))
        self.storage.flush()
        lines = erase_from_rescues(self.path, names)
        return Erased(names, lines, copies_naming(self.path, names))


    # Schema --------------------------------------------------------------------------------

    def _prepare(self) -> None:
        """Check the schema and migrate, in memory (see ``__init__``)."""
        data = self.storage.read_tables(("meta",))
        if not data:
            meta = {"1": {"schema_version": SCHEMA_VERSION, WORKSPACE_ID: new_workspace_id()}}
            self.storage.write({"meta": meta}, changed=("meta",))
            return
        version = schema_version(data)
        if version < 1:
            raise WorkspaceUnreadable(
                f"{self.path} says it is schema {version}, which no interview-tui ever wrote; "
                "the file was left untouched."
            )
        if version > SCHEMA_VERSION:
            raise WorkspaceUnreadable(
                f"{self.path} was written by a newer interview-tui (schema {version}; this one reads "
                f"up to {SCHEMA_VERSION}). Upgrade interview-tui to open it; the file was left "
                "untouched. (It is not damaged: do not restore the backup over it, which would "
                "lose what the newer version saved.)"
            )
        kept = stored_workspace_id(data)
        if version < SCHEMA_VERSION or "meta" not in data or kept is None:
            # A migration, or the identifier derived from the content: every table as documents.
            data = self.storage.read() or {}
        if version < SCHEMA_VERSION:
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](data)
                version += 1
            data["meta"] = {"1": {"schema_version": SCHEMA_VERSION, WORKSPACE_ID: kept or derived_workspace_id(data)}}
            self.storage.write(data)
        elif "meta" not in data or kept is None:
            # A file from before the meta table, or from before workspace identifiers: it gets
            # them with its next save. Until then the identifier is the one derived from the
            # file as it is, so calendars exported before that save agree with those after it.
            identifier = derived_workspace_id(data)
            data["meta"] = {"1": {"schema_version": SCHEMA_VERSION, WORKSPACE_ID: identifier}}
            self.storage.write(data, changed=("meta",))

    @property
    def workspace_id(self) -> str:
        """This workspace's identifier, made once and kept in the file (its meta table): it
        keeps calendar UIDs apart from another workspace's, whose record ids are the same."""
        return stored_workspace_id(self.storage.read_tables(("meta",)) or {}) or ""

    def _seed_questions(self) -> None:
        with self.batch():
            for order, text in enumerate(DEFAULT_QUESTIONS):
                self._questions.insert(Question(text=text, order=order))

    # Contacts ------------------------------------------------------------------------------

    def contacts(self) -> list[Contact]:
        """Every contact by name (case aside), ties by id."""
        return self._contacts_in_order.records()

    def contacts_unsorted(self) -> list[Contact]:
        """Every contact, in no particular order: for passes that do not show them in a list."""
        return list(self._contacts.records.values())

    def contact_names(self) -> dict[int, str]:
        """Name by id, for showing other records without sorting every contact."""
        return {contact_id: c.name for contact_id, c in self._contacts.records.items()}

    def contacts_by_id(self) -> Mapping[int, Contact]:
        """Every contact by id, as a read-only view that follows later changes: for looking up
        the few shown at a time without copying all of them."""
        return MappingProxyType(self._contacts.records)

    def referrer_of(self, contact: Contact) -> Contact | None:
        """Who referred ``contact``: None for no one, or for someone no longer in the workspace."""
        if contact.referred_by is None:
            return None
        return self._contacts.records.get(contact.referred_by)

    def contact_count(self) -> int:
        return len(self._contacts.records)

    def contact(self, contact_id: int) -> Contact:
        return self._contacts.get(contact_id)

    def add_contact(self, contact: Contact) -> Contact:
        now = self.clock()
        contact.created = contact.created or now
        contact.updated = now
        self._check_referrer(contact)
        with self.change():
            return self._contacts.insert(contact)

    def update_contact(self, contact: Contact) -> Contact:
        stored = self._contacts.stored(contact.id) if contact.id is not None else None
        before = Contact.from_doc(stored, contact.id) if stored is not None and contact.id is not None else None
        if before is not None and msgspec.structs.replace(contact, updated=before.updated) == before:
            # An edit that changes nothing (a form saved as it opened, `edit` given the values
            # there already): nothing saved, and nothing for undo to take back.
            return self._contacts.get(id_of(contact))
        contact.updated = self.clock()
        self._check_referrer(contact)
        with self.change():
            replaced = self._contacts.replace(contact)
            if before is not None:
                self._note_events(before, replaced)
            return replaced

    def _note_events(self, before: Contact, after: Contact) -> None:
        """Keep the stage and tag changes of an edit for the person's history (one change with
        the edit: undone with it, moved to the trash with the contact)."""
        assert after.id is not None
        now = self.clock()
        if before.stage is not after.stage:
            what = f"Stage: {before.stage.label} → {after.stage.label}"
            self._events.insert(Event(contact_id=after.id, at=now, what=what))
        if before.tags != after.tags:
            what = "Tags: " + (" ".join(f"#{tag}" for tag in after.tags) if after.tags else "none")
            self._events.insert(Event(contact_id=after.id, at=now, what=what))

    def events(self, contact_id: int) -> list[Event]:
        """A contact's stage and tag changes, oldest first."""
        found = [e for e in self._events.records.values() if e.contact_id == contact_id]
        return sorted(found, key=lambda e: (e.at, e.id or 0))

    def delete_contact(self, contact_id: int) -> TrashEntry:
        """Move a contact to the trash with everything recorded about them (conversations,
        follow-ups, touches); the people they referred lose the link until they are restored."""
        contact = self.contact(contact_id)
        ids = {
            "contacts": [contact_id],
            "interviews": [key for key, i in self._interviews.records.items() if i.contact_id == contact_id],
            "followups": [key for key, f in self._followups.records.items() if f.contact_id == contact_id],
            "touches": [key for key, t in self._touches.records.items() if t.contact_id == contact_id],
            "events": [key for key, e in self._events.records.items() if e.contact_id == contact_id],
        }
        referred = self.referred_by(contact_id)
        with self.change(f"Deleted {contact.name}"):
            records = {
                name: {str(record_id): self._table(name).stored(record_id) for record_id in found}
                for name, found in ids.items()
                if found
            }
            entry = TrashEntry(
                name=contact.name,
                deleted_at=self.clock(),
                records=records,
                relinked=sorted(c.id for c in referred if c.id is not None),
            )
            for name in reversed(RECORD_TABLES):
                self._table(name).remove(ids[name])
            for person in referred:
                person.referred_by = None
                self._contacts.replace(person)
            self._trash.insert(entry)
        if self._last_touches is not None:
            self._last_touches.pop(contact_id, None)
        return entry

    def referred_by(self, contact_id: int) -> list[Contact]:
        return [c for c in self._contacts.records.values() if c.referred_by == contact_id]

    def find_contact(self, name: str) -> Contact:
        """The contact a person means by ``name``: an exact match (ignoring case), else the only
        contact whose name starts with it. Raises NotFound or InvalidInput when that is unclear."""
        wanted = name_key(name)
        if not wanted:
            raise InvalidInput("A contact name is required.", field="name")
        by_id = re.fullmatch(r"id:(\d+)", wanted)
        if by_id is not None:
            # Two people with one name are told apart by their ids, as `list` shows them.
            found = self._contacts.records.get(int(by_id.group(1)))
            if found is None:
                raise ContactNotFound(f"No contact with {wanted}.", by_id=True)
            return found
        keyed = [(name_key(c.name), c) for c in self._contacts.records.values()]
        exact = [c for key, c in keyed if key == wanted]
        candidates = exact or [c for key, c in keyed if key.startswith(wanted)]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise ContactNotFound(f"No contact named '{name}'.")
        if len(exact) > 1:
            # The full name was given: only an id tells them apart.
            ids = ", ".join(
                f"id:{c.id}" + (f" ({c.company_role})" if c.company_role else "")
                for c in sorted(exact, key=lambda c: c.id or 0)[:5]
            )
            raise InvalidInput(
                f"{len(exact)} contacts are named {exact[0].name}: {ids}; give the one you mean as id:N."
            )
        names = ", ".join(f"{c.name} (id:{c.id})" for c in sorted(candidates, key=lambda c: (c.name, c.id or 0))[:5])
        # People who share the whole name are told apart by their ids only.
        how = "give" if len({name_key(c.name) for c in candidates}) == 1 else "give the full name, or"
        raise InvalidInput(f"'{name}' could mean {len(candidates)} contacts ({names}); {how} id:N for one of them.")

    def named(self, name: str) -> list[Contact]:
        """The contacts whose name is ``name`` (case and runs of spaces do not count), by id."""
        wanted = name_key(name)
        return sorted((c for c in self._contacts.records.values() if name_key(c.name) == wanted), key=lambda c: c.id or 0)

    def _check_referrer(self, contact: Contact) -> None:
        if contact.referred_by is None:
            return
        stored = self._contacts.stored(contact.id) if contact.id is not None else None
        if stored is not None and stored.get("referred_by") == contact.referred_by:
            # A link a merge left pointing at no one is kept as it is, not refused at every edit.
            return
        if contact.referred_by == contact.id:
            raise InvalidInput("A contact cannot refer themselves.", field="referred_by")
        self.contact(contact.referred_by)

    # Interviews ----------------------------------------------------------------------------

    def interviews(self, contact_id: int) -> list[Interview]:
        """A contact's interviews, newest first."""
        found = [i for i in self._interviews.records.values() if i.contact_id == contact_id]
        return sorted(found, key=lambda i: (i.when, i.id), reverse=True)

    def all_interviews(self) -> list[Interview]:
        """Every contact's interviews, in no particular order."""
        return list(self._interviews.records.values())

    def planned_interviews(self) -> list[Interview]:
        """The conversations planned for a time agreed (not held, not cancelled, not notes
        started with no time agreed), soonest first, ties by id."""
        return self._planned_in_order.records()

    def interview(self, interview_id: int) -> Interview:
        return self._interviews.get(interview_id)

    def add_interview(self, interview: Interview) -> Interview:
        self.contact(interview.contact_id)
        interview.updated = self.clock()
        with self.change():
            return self._interviews.insert(interview)

    def remove_interview(self, interview_id: int) -> None:
        """Remove a conversation with the follow-ups that belong to it (its thank-you)."""
        self.interview(interview_id)
        with self.change():
            self._followups.remove([key for key, f in self._followups.records.items() if f.interview_id == interview_id])
            self._interviews.remove([interview_id])

    def update_interview(self, interview: Interview) -> Interview:
        interview.updated = self.clock()
        with self.change():
            return self._interviews.replace(interview)

    def save_notes(self, interview_id: int, notes: str) -> Interview:
        interview = self.interview(interview_id)
        if interview.notes == notes and not self.storage.needs_saving:
            # Unchanged and on disk. After a failed save memory already holds these notes,
            # so "unchanged" alone would never retry the write.
            return interview
        interview.notes = notes
        with self.untracked():
            return self.update_interview(interview)

    # Follow-ups ----------------------------------------------------------------------------

    def followups(self, *, include_done: bool = False) -> list[FollowUp]:
        """Follow-ups of every contact, soonest due first."""
        if not include_done:
            return self._open_followups_in_order.records()
        return _sorted_then_by_id(self._followups.records.values(), _BY_DUE)

    def open_followups_of(self, contact_id: int) -> list[FollowUp]:
        """One contact's open follow-ups, soonest due first."""
        return self.followups_of(contact_id)

    def followups_of(self, contact_id: int, *, include_done: bool = False) -> list[FollowUp]:
        """One contact's follow-ups (open ones only, unless ``include_done``), soonest due
        first: picked out before they are put in order (at 50,000 contacts sorting all 100,000
        to keep a person's few took a tenth of a second)."""
        found = [
            f
            for f in self._followups.records.values()
            if f.contact_id == contact_id and (include_done or f.done_at is None)
        ]
        return _sorted_then_by_id(found, _BY_DUE)

    def all_followups(self) -> list[FollowUp]:
        """Every follow-up, done ones included, in no particular order (for those who order
        them their own way, such as the search)."""
        return list(self._followups.records.values())

    def followup(self, followup_id: int) -> FollowUp:
        return self._followups.get(followup_id)

    def add_followup(self, followup: FollowUp) -> FollowUp:
        self.contact(followup.contact_id)
        followup.created = followup.created or self.clock()
        with self.change():
            return self._followups.insert(followup)

    def update_followup(self, followup: FollowUp) -> FollowUp:
        with self.change():
            return self._followups.replace(followup)

    # Touches and questions -----------------------------------------------------------------

    def add_touch(self, touch: Touch) -> Touch:
        self.contact(touch.contact_id)
        with self.change():
            added = self._touches.insert(touch)
        if self._last_touches is not None:
            previous = self._last_touches.get(touch.contact_id)
            if previous is None or touch.at > previous:
                self._last_touches[touch.contact_id] = touch.at
        return added

    def last_touches(self) -> dict[int, datetime]:
        """The moment of each contact's latest touch, by contact id (contacts never in touch are
        absent). Kept up to date as touches are added, so the queue need not scan them all."""
        if self._last_touches is None:
            latest: dict[int, datetime] = {}
            for touch in self._touches.records.values():
                seen = latest.get(touch.contact_id)
                if seen is None or touch.at > seen:
                    latest[touch.contact_id] = touch.at
            self._last_touches = latest
        return self._last_touches

    def all_touches(self) -> list[Touch]:
        """Every contact's touches, in no particular order: for passes over all of them (search)."""
        return list(self._touches.records.values())

    def touches(self, contact_id: int) -> list[Touch]:
        found = [t for t in self._touches.records.values() if t.contact_id == contact_id]
        return sorted(found, key=lambda t: (t.at, t.id))

    def settings(self) -> Settings:
        records = self._settings.records
        return records[min(records)] if records else Settings()

    def save_settings(self, settings: Settings) -> Settings:
        with self.change():
            if settings.id is None or settings.id not in self._settings.records:
                settings.id = None
                return self._settings.insert(settings)
            return self._settings.replace(settings)

    def questions(self, *, include_retired: bool = False) -> list[Question]:
        found = [q for q in self._questions.records.values() if include_retired or q.active]
        return sorted(found, key=lambda q: (q.order, q.id))


    def add_question(self, text: str) -> Question:
        orders = [q.order for q in self._questions.records.values()]
        with self.change():
            return self._questions.insert(Question(text=text, order=max(orders, default=-1) + 1))

    def update_question(self, question: Question) -> Question:
        with self.change():
            return self._questions.replace(question)

    def move_question(self, question_id: int, step: int) -> None:
        """Swap a question with its neighbour in the bank's order (step -1 up, +1 down)."""
        ordered = self.questions(include_retired=True)
        index = next((i for i, q in enumerate(ordered) if q.id == question_id), None)
        if index is None:
            raise NotFound(f"No question with id {question_id}.")
        other = index + step
        if not 0 <= other < len(ordered):
            return
        with self.batch():
            # Renumber the whole bank so that equal or sparse orders never make a swap a no-op.
            ordered[index], ordered[other] = ordered[other], ordered[index]
            for order, question in enumerate(ordered):
                if question.order != order:
                    question.order = order
                    self._questions.replace(question)


def _names_any(change: Change, names: list[str]) -> bool:
    """Whether a change's records hold one of ``names`` anywhere."""
    held = json.dumps([list(change.before.values()), list(change.after.values())], ensure_ascii=False, default=str)
    return any(mentions(held, name) for name in names)


_BY_ID = attrgetter("id")
_BY_DUE = attrgetter("due")
_BY_WHEN = attrgetter("when")
_ON_CALENDAR = attrgetter("on_calendar")


_RESORT_AFTER = 256
"""More records changed than this since the last look (an import): sorting again is quicker."""


class _KeptInOrder(Generic[R]):
    """A table's records (those ``keep`` holds true of) in the order of ``key``, ties by id:
    the same as sorting them, kept between calls and brought up to date record by record."""

    def __init__(self, table: _Table[R], key: Callable[[R], Any], keep: Callable[[R], bool] | None = None) -> None:
        self._table = table
        self.table_name = table.name
        self._key = key
        self._keep = keep
        self._changed: set[int] | None = None
        self._ordered: list[R] = []
        self._keys: list[Any] | None = None
        """Each record's sort key as it was when put in its place, in order: what finds it again
        once it changed (a record may be changed in place before it is saved). Made with a sort
        that has changes to put in place, or between frames (``make_keys``), not with the first
        sort, which the first frame waits for (60 ms of 100,000 follow-ups')."""
        self._ids: list[int] = []
        """Each record's id, beside its key in ``_keys``: two lists rather than one of (key, id)
        pairs, which cost a tuple a record (8 MiB at 50,000 contacts and 100,000 follow-ups)."""
        self._key_of: dict[int, Any] = {}

    def records(self) -> list[R]:
        records = self._table.records
        changed = self._changed
        if changed is None or len(changed) > _RESORT_AFTER or (changed and self._keys is None):
            kept = records.values() if self._keep is None else filter(self._keep, records.values())
            self._ordered = _sorted_then_by_id(kept, self._key)
            self._keys, self._ids, self._key_of = None, [], {}
            if changed:
                self._make_keys()
            if changed is None:
                changed = self._changed = set()
                self._table.watchers.append(changed)
            changed.clear()
        elif changed:
            assert self._keys is not None
            ordered, keys, ids, key_of = self._ordered, self._keys, self._ids, self._key_of
            for record_id in changed:
                if record_id in key_of:
                    at = _place(keys, ids, key_of.pop(record_id), record_id)
                    del keys[at], ids[at], ordered[at]
                record = records.get(record_id)
                if record is not None and (self._keep is None or self._keep(record)):
                    key = key_of[record_id] = self._key(record)
                    at = _place(keys, ids, key, record_id)
                    keys.insert(at, key)
                    ids.insert(at, record_id)
                    ordered.insert(at, record)
            changed.clear()
        return list(self._ordered)

    def make_keys(self) -> None:
        """Make now (between frames) what the next change would otherwise wait for."""
        self.records()
        if self._keys is None:
            self._make_keys()

    def _make_keys(self) -> None:
        self._keys = list(map(self._key, self._ordered))
        self._ids = [record.id or 0 for record in self._ordered]
        self._key_of = dict(zip(self._ids, self._keys, strict=True))


def _place(keys: list[Any], ids: list[int], key: Any, record_id: int) -> int:
    """Where (key, record_id) is, or goes, in the parallel lists ``keys`` and ``ids``, sorted by
    key then id: as bisecting a list of (key, id) pairs finds it."""
    low = bisect.bisect_left(keys, key)
    high = bisect.bisect_right(keys, key, low)
    return bisect.bisect_left(ids, record_id, low, high)


def _casefolded_name(contact: Contact) -> str:
    return contact.name.casefold()


def _sorted_then_by_id(records: Iterable[R], key: Callable[[R], Any]) -> list[R]:
    """``records`` sorted by ``key``, ties by id: the same order as a sort on ``(key, id)``, in
    half the time at 10,000 records (two stable sorts comparing single values rather than one
    comparing tuples)."""
    ordered = sorted(records, key=_BY_ID)
    ordered.sort(key=key)
    return ordered


def _noun(model: type) -> str:
    """What a message calls a record of ``model``: "contact", "follow-up"."""
    return "follow-up" if model is FollowUp else model.__name__.lower()


def _shortened(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def name_key(name: str) -> str:
    """How names are compared (``named``, ``find_contact``, an import's names already taken):
    case, accents, runs of spaces and how an apostrophe was typed do not count (``text.fold_name``)."""
    return fold_name(name)


WORKSPACE_ID = "workspace_id"
"""The meta record's key for the workspace identifier. Optional: a file without one (every file
written before it existed) opens as before and is given one with its next save; an older build
reading a newer file ignores it, so the schema version did not change."""


def new_workspace_id() -> str:
    import uuid  # noqa: PLC0415 - only a new workspace needs it, not every command

    return uuid.uuid4().hex


def stored_workspace_id(data: dict[str, Any]) -> str | None:
    meta = data.get("meta") or {}
    for doc in meta.values():
        if isinstance(doc, dict):
            value = doc.get(WORKSPACE_ID)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def derived_workspace_id(data: dict[str, Any]) -> str:
    """The identifier a file without one gets, worked out in memory at opening and written with
    its next save.

    Opening never writes, so an identifier made at random would be a new one at each opening
    until the first save, and calendars exported in between would not recognise their own
    events afterwards. When the file holds conversations or follow-ups (the only records a
    calendar export carries), the identifier is derived from its content: the same at every
    opening until the first save, which then keeps it for good. A file with neither has never
    had an event exported, so a random one is as good and keeps two such files apart.
    """
    if not (data.get("interviews") or data.get("followups")):
        return new_workspace_id()
    # Not the whole document: encoding and hashing 15 MB would add a third to opening a large
    # workspace. The first records of each table, in the file's order (the same at every opening
    # of the same bytes), are enough to tell two workspaces apart: two that agree on all of them
    # are copies of one another.
    sample = {
        name: [[key, table[key]] for key in itertools.islice(table, 3)]
        for name, table in sorted(data.items())
        if name != "meta" and isinstance(table, dict)
    }
    try:
        import hashlib  # noqa: PLC0415 - only an older file without an id needs it

        digest = hashlib.sha256(encode({"sample": sample})).hexdigest()
    except TypeError:
        # A value the encoder cannot write (a number beyond 64 bits): the file is refused when
        # its records are checked, just after this, so any identifier will do.
        return new_workspace_id()
    return digest[:32]


def schema_version(data: dict[str, Any]) -> int:
    meta = data.get("meta") or {}
    for doc in meta.values():
        version = doc.get("schema_version") if isinstance(doc, dict) else None
        if isinstance(version, int):
            return version
    # Files from before the meta table existed: there are none yet, so treat it as the first.
    return 1


@dataclass(frozen=True)
class _Unwritten:
    """A change handed to the writer: ``state`` is the storage's count of changes once it was
    made (``DurableStorage.changes_made``), so the file holds it once ``written`` reaches that;
    ``undid`` is the change it undid, when it was an undo."""

    state: int
    change: Change
    undid: Change | None = None
    kept: bool = False
    """Left in memory when its write fails, for the next one (``Store.change``'s ``kept``)."""
