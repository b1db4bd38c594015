"""Store: the only code that talks to TinyDB. Typed methods in, typed records out.

The store keeps a typed copy of each table in memory (this process is the only writer, the lock
sees to that), so the interface can list 10,000 contacts without re-reading anything. Every
method that changes data returns only after the change is durably on disk.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from .errors import InvalidInput, NotFound, WorkspaceUnreadable
from .models import Contact, FollowUp, Interview, Question, Record, Settings, Touch
from .questions import DEFAULT_QUESTIONS
from .storage import DurableStorage, backup_path

SCHEMA_VERSION = 1
"""Bump with a migration in MIGRATIONS and a fixture file of the old version in the tests."""

MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {}
"""Version n -> function that upgrades the raw document in place from n to n + 1."""

Clock = Callable[[], datetime]
R = TypeVar("R", bound=Record)


def system_clock() -> datetime:
    return datetime.now().replace(microsecond=0)


class _Table:
    """A TinyDB table with a typed cache of its records, kept in step with every write."""

    def __init__(self, db: TinyDB, storage: DurableStorage, name: str, model: type[R]) -> None:
        self.storage = storage
        self.table = db.table(name, cache_size=0)
        self.model = model
        self._cache: dict[int, Any] | None = None

    @property
    def records(self) -> dict[int, Any]:
        if self._cache is None:
            raw = self.table.storage.read() or {}
            docs = raw.get(self.table.name, {})
            from_doc = self.model.from_doc
            cache: dict[int, Any] = {}
            for key, doc in docs.items():
                try:
                    cache[int(key)] = from_doc(doc, int(key))
                except (TypeError, ValueError, KeyError, AttributeError) as exc:
                    raise WorkspaceUnreadable(
                        f"{self.storage.path}: {self.table.name} record {key} cannot be read "
                        f"({exc}); the file was left untouched. Fix that record, or restore "
                        f"{backup_path(self.storage.path)}."
                    ) from exc
            self._cache = cache
        return self._cache

    def get(self, record_id: int) -> Any:
        try:
            return self.records[record_id]
        except KeyError:
            raise NotFound(f"No {self.model.__name__.lower()} with id {record_id}.") from None

    def insert(self, record: R) -> R:
        # Inside a batch the file is written on leaving it, after the typed cache has the record:
        # if that write fails, memory (and the next successful save) still agree on the change.
        with self.storage.batch():
            doc_id = self.table.insert(record.to_doc())
            record.id = doc_id
            self.records[doc_id] = record
        return record

    def replace(self, record: R) -> R:
        if record.id is None or record.id not in self.records:
            raise NotFound(f"No {self.model.__name__.lower()} with id {record.id}.")
        # A full replacement, so that fields set back to empty are really cleared.
        doc = record.to_doc()

        def overwrite(stored: dict[str, Any]) -> None:
            stored.clear()
            stored.update(doc)

        with self.storage.batch():
            self.table.update(overwrite, doc_ids=[record.id])
            self.records[record.id] = record
        return record

    def remove(self, ids: list[int]) -> None:
        ids = [i for i in ids if i in self.records]
        if not ids:
            return
        with self.storage.batch():
            self.table.remove(doc_ids=ids)
            for record_id in ids:
                del self.records[record_id]


class Store:
    """The workspace: contacts, interviews, questions, follow-ups and touches in one file."""

    def __init__(self, storage: DurableStorage, clock: Clock = system_clock) -> None:
        self.storage = storage
        self.clock = clock
        self.db = TinyDB(storage=lambda: storage)
        self.created_now = not storage.read()
        """True when this open created the workspace (the file did not exist or was empty)."""
        self._contacts = _Table(self.db, storage, "contacts", Contact)
        self._interviews = _Table(self.db, storage, "interviews", Interview)
        self._questions = _Table(self.db, storage, "questions", Question)
        self._followups = _Table(self.db, storage, "followups", FollowUp)
        self._touches = _Table(self.db, storage, "touches", Touch)
        self._settings = _Table(self.db, storage, "settings", Settings)
        # Preparing a new file (schema record and question bank) is one write, so a file on
        # disk either has both or does not exist yet.
        with storage.batch():
            self._prepare()
            if "questions" not in (storage.read() or {}):
                self._seed_questions()
        # Decode every record now: a record this version cannot read is refused at opening,
        # with the file untouched, not discovered halfway through the user's work.
        for table in self._tables():
            table.records  # noqa: B018 - loading is the point

    def _tables(self) -> tuple[_Table, ...]:
        return (self._contacts, self._interviews, self._questions, self._followups, self._touches, self._settings)

    @classmethod
    def open(cls, path: str | Path, *, clock: Clock = system_clock, create_dirs: bool = False) -> Store:
        storage = DurableStorage(path, create_dirs=create_dirs)
        try:
            return cls(storage, clock)
        except BaseException:
            storage.close()
            raise

    def close(self) -> None:
        self.storage.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.storage.path

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make several changes land in the file together, in one write."""
        with self.storage.batch():
            yield

    # Schema --------------------------------------------------------------------------------

    def _prepare(self) -> None:
        data = self.storage.read()
        if not data:
            self.storage.write({"meta": {"1": {"schema_version": SCHEMA_VERSION}}})
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
                f"untouched. An older copy may be at {backup_path(self.path)}."
            )
        if version < SCHEMA_VERSION:
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](data)
                version += 1
            data["meta"] = {"1": {"schema_version": SCHEMA_VERSION}}
            self.storage.write(data)

    def _seed_questions(self) -> None:
        with self.batch():
            for order, text in enumerate(DEFAULT_QUESTIONS):
                self._questions.insert(Question(text=text, order=order))

    # Contacts ------------------------------------------------------------------------------

    def contacts(self) -> list[Contact]:
        return sorted(self._contacts.records.values(), key=lambda c: (c.name.casefold(), c.id))

    def contact_names(self) -> dict[int, str]:
        """Name by id, for showing other records without sorting every contact."""
        return {contact_id: c.name for contact_id, c in self._contacts.records.items()}

    def contact_count(self) -> int:
        return len(self._contacts.records)

    def contact(self, contact_id: int) -> Contact:
        return self._contacts.get(contact_id)

    def add_contact(self, contact: Contact) -> Contact:
        now = self.clock()
        contact.created = contact.created or now
        contact.updated = now
        self._check_referrer(contact)
        return self._contacts.insert(contact)

    def update_contact(self, contact: Contact) -> Contact:
        contact.updated = self.clock()
        self._check_referrer(contact)
        return self._contacts.replace(contact)

    def delete_contact(self, contact_id: int) -> Contact:
        """Delete a contact with everything recorded about them; referrals to them are unlinked."""
        contact = self.contact(contact_id)
        with self.batch():
            self._interviews.remove([i.id for i in self.interviews(contact_id)])
            self._followups.remove(
                [f.id for f in self._followups.records.values() if f.contact_id == contact_id]
            )
            self._touches.remove(
                [t.id for t in self._touches.records.values() if t.contact_id == contact_id]
            )
            for referred in self.referred_by(contact_id):
                referred.referred_by = None
                self._contacts.replace(referred)
            self._contacts.remove([contact_id])
        return contact

    def referred_by(self, contact_id: int) -> list[Contact]:
        return [c for c in self._contacts.records.values() if c.referred_by == contact_id]

    def find_contact(self, name: str) -> Contact:
        """The contact a person means by ``name``: an exact match (ignoring case), else the only
        contact whose name starts with it. Raises NotFound or InvalidInput when that is unclear."""
        wanted = _name_key(name)
        if not wanted:
            raise InvalidInput("A contact name is required.", field="name")
        keyed = [(_name_key(c.name), c) for c in self._contacts.records.values()]
        exact = [c for key, c in keyed if key == wanted]
        candidates = exact or [c for key, c in keyed if key.startswith(wanted)]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise NotFound(f"No contact named '{name}'. See them all with: interview-tui list")
        names = ", ".join(sorted(c.name for c in candidates)[:5])
        raise InvalidInput(f"'{name}' could mean {len(candidates)} contacts ({names}); give the full name.")

    def _check_referrer(self, contact: Contact) -> None:
        if contact.referred_by is None:
            return
        if contact.referred_by == contact.id:
            raise InvalidInput("A contact cannot refer themselves.", field="referred_by")
        self.contact(contact.referred_by)

    # Interviews ----------------------------------------------------------------------------

    def interviews(self, contact_id: int) -> list[Interview]:
        """A contact's interviews, newest first."""
        found = [i for i in self._interviews.records.values() if i.contact_id == contact_id]
        return sorted(found, key=lambda i: (i.when, i.id), reverse=True)

    def interview(self, interview_id: int) -> Interview:
        return self._interviews.get(interview_id)

    def add_interview(self, interview: Interview) -> Interview:
        self.contact(interview.contact_id)
        interview.updated = self.clock()
        return self._interviews.insert(interview)

    def update_interview(self, interview: Interview) -> Interview:
        interview.updated = self.clock()
        return self._interviews.replace(interview)

    def save_notes(self, interview_id: int, notes: str) -> Interview:
        interview = self.interview(interview_id)
        if interview.notes == notes and not self.storage.has_unsaved_changes:
            # Unchanged and on disk. After a failed save memory already holds these notes,
            # so "unchanged" alone would never retry the write.
            return interview
        interview.notes = notes
        return self.update_interview(interview)

    # Follow-ups ----------------------------------------------------------------------------

    def followups(self, *, include_done: bool = False) -> list[FollowUp]:
        """Follow-ups of every contact, soonest due first."""
        found = [f for f in self._followups.records.values() if include_done or f.done_at is None]
        return sorted(found, key=lambda f: (f.due, f.id))

    def followup(self, followup_id: int) -> FollowUp:
        return self._followups.get(followup_id)

    def add_followup(self, followup: FollowUp) -> FollowUp:
        self.contact(followup.contact_id)
        followup.created = followup.created or self.clock()
        return self._followups.insert(followup)

    def update_followup(self, followup: FollowUp) -> FollowUp:
        return self._followups.replace(followup)

    # Touches and questions -----------------------------------------------------------------

    def add_touch(self, touch: Touch) -> Touch:
        self.contact(touch.contact_id)
        return self._touches.insert(touch)

    def touches(self, contact_id: int) -> list[Touch]:
        found = [t for t in self._touches.records.values() if t.contact_id == contact_id]
        return sorted(found, key=lambda t: (t.at, t.id))

    def settings(self) -> Settings:
        records = self._settings.records
        return records[min(records)] if records else Settings()

    def save_settings(self, settings: Settings) -> Settings:
        if settings.id is None or settings.id not in self._settings.records:
            settings.id = None
            return self._settings.insert(settings)
        return self._settings.replace(settings)

    def questions(self, *, include_retired: bool = False) -> list[Question]:
        found = [q for q in self._questions.records.values() if include_retired or q.active]
        return sorted(found, key=lambda q: (q.order, q.id))


    def add_question(self, text: str) -> Question:
        orders = [q.order for q in self._questions.records.values()]
        return self._questions.insert(Question(text=text, order=max(orders, default=-1) + 1))

    def update_question(self, question: Question) -> Question:
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


def _name_key(name: str) -> str:
    """How names are compared: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


def schema_version(data: dict[str, Any]) -> int:
    meta = data.get("meta") or {}
    for doc in meta.values():
        if isinstance(doc, dict) and isinstance(doc.get("schema_version"), int):
            return doc["schema_version"]
    # Files from before the meta table existed: there are none yet, so treat it as the first.
    return 1
