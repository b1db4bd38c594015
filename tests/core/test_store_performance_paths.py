"""The fast paths of loading and saving keep the store's promises: the file stays a TinyDB
document, ids are handed out as TinyDB would, a failed save leaves memory and cache agreeing, the
garbage collector is always put back on, and the unrolled decoder reads exactly what the general
one did."""

from __future__ import annotations

import gc
import json
import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from builders import NOW
from tinydb import TinyDB

from interview_tui import cli
from interview_tui.core import store as store_module
from interview_tui.core.errors import SaveFailed, WorkspaceUnreadable
from interview_tui.core.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    Record,
    Relationship,
    Settings,
    Stage,
    Touch,
    TouchKind,
)
from interview_tui.core.storage import _is_document, read_document
from interview_tui.core.store import Store

from .conftest import fail_saves


def write_workspace(path: Path, **tables: dict[str, dict[str, Any]]) -> None:
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, **tables}))


# Writes change the document, which stays TinyDB's --------------------------------------------


def test_the_file_stays_a_document_that_tinydb_reads(store: Store, db_path: Path) -> None:
    ann = store.add_contact(Contact(name="Ann Example", company="Acme", stage=Stage.ASKED, tags=["x"]))
    bob = store.add_contact(Contact(name="Bob Sample"))
    store.add_followup(FollowUp(contact_id=bob.id, due=NOW, kind=FollowUpKind.NUDGE))
    ann.company = "Initech"
    store.update_contact(ann)
    store.delete_contact(bob.id)
    store.close()

    with TinyDB(db_path) as db:
        contacts = db.table("contacts")
        assert [doc.doc_id for doc in contacts.all()] == [ann.id]
        assert dict(contacts.get(doc_id=ann.id)) == ann.to_doc()
        assert db.table("followups").all() == []
        assert len(db.table("questions")) == 9


def test_ids_count_up_from_the_largest_and_are_not_reused_while_open(store: Store) -> None:
    ids = [store.add_contact(Contact(name=f"P{i}")).id for i in range(3)]
    assert ids == [1, 2, 3]
    store.delete_contact(3)
    assert store.add_contact(Contact(name="P3")).id == 4  # TinyDB's rule: never 3 again


def test_an_existing_file_continues_after_its_largest_id(db_path: Path) -> None:
    write_workspace(db_path, contacts={"1": {"name": "A"}, "7": {"name": "B"}})
    with Store.open(db_path) as opened:
        assert opened.add_contact(Contact(name="C")).id == 8
        assert opened.add_touch(Touch(contact_id=8, kind=TouchKind.ASKED, at=NOW)).id == 1


class _NoScan(dict):
    """A table that fails the test if a single change walks it."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a write walked the whole table")

    keys = values = items = __iter__


def test_a_change_touches_only_its_own_record(store: Store) -> None:
    """TinyDB's Table rebuilt the whole table twice per change, which made bulk inserts quadratic."""
    ann = store.add_contact(Contact(name="Ann Example"))  # the first insert learns the next id
    data = store.storage.read()
    assert data is not None
    data["contacts"] = _NoScan(data["contacts"])
    with store.batch():
        bob = store.add_contact(Contact(name="Bob Sample"))
        ann.role = "CTO"
        store.update_contact(ann)
        store.delete_contact(bob.id)
        assert dict.__len__(data["contacts"]) == 1
        data["contacts"] = dict(dict.items(data["contacts"]))  # saving the file does read every record
    assert [(c.name, c.role) for c in store.contacts()] == [("Ann Example", "CTO")]


def test_writes_do_not_go_through_tinydbs_table(store: Store, monkeypatch) -> None:
    from tinydb.table import Table

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("TinyDB's Table was used to write")

    monkeypatch.setattr(Table, "_update_table", refuse)
    ann = store.add_contact(Contact(name="Ann Example"))
    ann.email = "ann@example.org"
    store.update_contact(ann)
    store.delete_contact(ann.id)
    assert store.contacts() == []


def test_a_delete_whose_save_failed_is_put_back_in_memory_and_not_saved_later(
    store: Store, db_path: Path, monkeypatch
) -> None:
    """The person was told the delete failed: the contact is still there, and no later save
    deletes them behind their back."""
    ann = store.add_contact(Contact(name="Ann Example"))
    store.add_contact(Contact(name="Bob Sample"))
    fail_saves(monkeypatch)
    with pytest.raises(SaveFailed):
        store.delete_contact(ann.id)
    monkeypatch.undo()
    assert [c.name for c in store.contacts()] == ["Ann Example", "Bob Sample"]
    assert store.trash() == []
    assert "1" in json.loads(db_path.read_text())["contacts"]  # the old file is intact
    store.add_contact(Contact(name="Cy Mockup"))
    on_disk = json.loads(db_path.read_text())
    assert sorted(doc["name"] for doc in on_disk["contacts"].values()) == ["Ann Example", "Bob Sample", "Cy Mockup"]
    assert not on_disk.get("trash")


def test_many_inserts_in_one_batch_are_one_write(store: Store, db_path: Path) -> None:
    writes = store.storage.writes
    with store.batch():
        for i in range(2_000):
            store.add_contact(Contact(name=f"Person {i:04d}"))
    assert store.storage.writes == writes + 1
    assert len(json.loads(db_path.read_text())["contacts"]) == 2_000


# Sorting -------------------------------------------------------------------------------------


def test_contacts_and_follow_ups_keep_their_order_with_ties(store: Store) -> None:
    rng = random.Random(7)
    with store.batch():
        for _ in range(60):
            contact = store.add_contact(Contact(name=rng.choice(["ann", "Ann", "bob", "Cy"])))
            store.add_followup(FollowUp(contact_id=contact.id, due=NOW + timedelta(days=rng.randint(0, 3))))
    # Ties broken by id, as the single sort on (key, id) did, whatever order the cache is in.
    for table in (store._contacts, store._followups):
        table._cache = dict(reversed(list(table.records.items())))
    contacts = store.contacts()
    assert contacts == sorted(contacts, key=lambda c: (c.name.casefold(), c.id))
    followups = store.followups()
    assert followups == sorted(followups, key=lambda f: (f.due, f.id))


# The garbage collector -----------------------------------------------------------------------


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_opening_keeps_the_collector_off_while_loading_and_turns_it_back_on(
    db_path: Path, monkeypatch, collector_on
) -> None:
    write_workspace(db_path, contacts={"1": {"name": "Ann"}})
    seen: list[bool] = []
    decode = store_module._Table._decode

    def watching(self, docs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return decode(self, docs)

    monkeypatch.setattr(store_module._Table, "_decode", watching)
    with Store.open(db_path):
        assert gc.isenabled()
    assert seen and not any(seen)


@pytest.mark.parametrize("content", ['{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {}}}', "{", ""])
def test_the_collector_is_back_on_after_a_refused_file(db_path: Path, content: str, collector_on) -> None:
    db_path.write_text(content)
    with pytest.raises(WorkspaceUnreadable):
        Store.open(db_path)
    assert gc.isenabled()


def test_opening_leaves_a_collector_that_was_off_off(db_path: Path, collector_on) -> None:
    gc.disable()
    Store.open(db_path).close()
    assert not gc.isenabled()


class _FakeApp:
    """Stands in for the app: it "draws its first frame" as soon as it runs."""

    return_code = 0
    found_unreadable = None

    def __init__(self, seen: dict[str, object], on_first_frame=None) -> None:  # type: ignore[no-untyped-def]
        self.seen = seen
        self.on_first_frame = on_first_frame

    def run(self) -> None:
        self.seen["enabled before the first frame"] = gc.isenabled()
        self.on_first_frame()
        self.seen["enabled while running"] = gc.isenabled()
        self.seen["frozen while running"] = gc.get_freeze_count()


def test_the_app_runs_with_the_workspace_frozen_and_the_collector_on(
    db_path: Path, monkeypatch, collector_on
) -> None:
    from interview_tui.tui import app as app_module

    seen: dict[str, object] = {}

    def make_app(store: Store, **options: object) -> _FakeApp:
        seen["enabled while building"] = gc.isenabled()
        return _FakeApp(seen, options["on_first_frame"])

    monkeypatch.setattr(app_module, "make_app", make_app)
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)  # the fake app draws nothing
    try:
        assert cli.main(["--db", str(db_path)]) == 0
    finally:
        gc.unfreeze()
    assert seen["enabled while building"] is False
    assert seen["enabled before the first frame"] is False
    assert seen["enabled while running"] is True
    assert isinstance(seen["frozen while running"], int) and seen["frozen while running"] > 0
    assert gc.isenabled()
    Store.open(db_path).close()  # the workspace was closed: it opens again


def test_the_collector_is_back_on_when_building_the_app_fails(db_path: Path, monkeypatch, collector_on) -> None:
    from interview_tui.tui import app as app_module

    def make_app(store: Store, **options: object) -> _FakeApp:
        raise RuntimeError("no app")

    monkeypatch.setattr(app_module, "make_app", make_app)
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)
    frozen = gc.get_freeze_count()
    with pytest.raises(RuntimeError):
        cli.main(["--db", str(db_path)])
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # nothing frozen for an app that never ran
    Store.open(db_path).close()


# Decoding ------------------------------------------------------------------------------------


def general_from_doc(cls: type[Record], doc: dict[str, Any], doc_id: int | None) -> Record:
    """The per-field loop the unrolled reader replaced: what it must agree with."""
    values = {}
    for name, decode in cls._decoders():
        if name in doc:
            value = doc[name]
            values[name] = value if decode is None or value is None else decode(value)
    return cls(id=doc_id, **values)  # type: ignore[call-arg]


FULL_CONTACT = Contact(
    name="Ann Example",
    company="Acme",
    relationship=Relationship.FRIEND,
    referred_by=3,
    stage=Stage.KEEPING_IN_TOUCH,
    tags=["a", "b"],
    created=NOW,
    updated=NOW + timedelta(seconds=1),
)


@pytest.mark.parametrize(
    ("cls", "doc"),
    [
        (Contact, FULL_CONTACT.to_doc()),
        (Contact, {"name": "Only a name"}),
        (Contact, {"name": "Nones", "created": None, "updated": None, "referred_by": None, "cadence_days": None}),
        (Contact, {"name": "Extra", "unknown_field": 1, "stage": "asked"}),
        (Interview, Interview(contact_id=1, when=NOW, answers={"1": "x"}, question_ids=[1, 2]).to_doc()),
        (Interview, {"contact_id": 1, "when": "2026-11-25T10:00:00"}),
        (FollowUp, {"contact_id": 1, "due": "2026-11-25T10:00:00.500000", "kind": "nudge", "done_at": None}),
        (Touch, {"contact_id": 1, "kind": "met", "at": "2026-11-25T10:00:00"}),
        (Settings, {}),
        (Settings, {"nudge_days": 9, "dayfirst": True}),
    ],
)
def test_the_unrolled_reader_reads_what_the_general_loop_did(cls: type[Record], doc: dict[str, Any]) -> None:
    assert cls.from_doc(doc, 5) == general_from_doc(cls, doc, 5)
    assert cls.doc_reader()(doc, 5) == general_from_doc(cls, doc, 5)


def test_defaults_are_fresh_for_every_record() -> None:
    first = Contact.from_doc({"name": "A"})
    second = Contact.from_doc({"name": "B"})
    first.tags.append("x")
    assert second.tags == []


@pytest.mark.parametrize(
    ("doc", "error", "says"),
    [
        ({"company": "Acme"}, TypeError, "name"),
        ({"name": "Ann", "stage": "promoted"}, ValueError, r'field "stage": expected one of .*"asked".*found text \("promoted"\)'),
        ({"name": "Ann", "stage": ["asked"]}, ValueError, r'field "stage": .*found a list \(\["asked"\]\)'),
        ({"name": "Ann", "created": "yesterday"}, ValueError, "yesterday"),
        ({"name": "Ann", "created": 5}, TypeError, r'field "created": expected a date .*found a number \(5\)'),
    ],
)
def test_a_record_that_cannot_be_read_raises_as_before(doc: dict[str, Any], error: type[Exception], says: str) -> None:
    with pytest.raises(error, match=says):
        Contact.from_doc(doc, 1)


def test_a_bad_record_among_many_names_itself_at_opening(db_path: Path) -> None:
    contacts = {str(i): {"name": f"P{i}"} for i in range(1, 500)}
    contacts["321"] = {"name": "Bad", "relationship": "nemesis"}
    write_workspace(db_path, contacts=contacts)
    with pytest.raises(WorkspaceUnreadable, match="contacts record 321"):
        Store.open(db_path)


# Reading the file ----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"  \n\t ", b"\n"])
def test_an_empty_file_is_still_called_empty(db_path: Path, raw: bytes) -> None:
    db_path.write_bytes(raw)
    with pytest.raises(WorkspaceUnreadable, match="is empty"):
        read_document(db_path)


def test_a_broken_file_is_still_called_invalid_json(db_path: Path) -> None:
    db_path.write_bytes(b'  {"meta": ')
    with pytest.raises(WorkspaceUnreadable, match="not valid JSON"):
        read_document(db_path)


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ({}, True),
        ({"contacts": {}}, True),
        ({"contacts": {"1": {}, "20": {"name": "x"}}}, True),
        ({"contacts": {"": {}}}, False),
        ({"contacts": {"1a": {}}}, False),
        ({"contacts": {"-1": {}}}, False),
        ({"contacts": {"١": {}}}, False),  # a digit, but not an ASCII one
        ({"contacts": {"1": []}}, False),
        ({"contacts": {"1": {}, "2": None}}, False),
        ({"contacts": []}, False),
        ([], False),
    ],
)
def test_the_shape_check_in_bulk_says_what_the_one_by_one_check_said(data: Any, ok: bool) -> None:
    assert _is_document(data) is ok
