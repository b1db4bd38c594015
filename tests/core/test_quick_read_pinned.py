"""due's one-pass reading (core/quick_read.py) pinned where its broad agreement tests with the
store cannot see: the decoder it makes at first use, the files it never reads (a lock file that
is a link or a pipe, a workspace changed while read), the count that spares a second look at
the file, and each contact's latest touch."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_tui.core import quick_read, validate
from interview_tui.core.models import RECORD_IDS, Contact, Interview, Settings, Touch, TouchKind
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)


def clock() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def _decoder_made_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    # The decoder is made at its first use and kept: each test here checks the one it makes.
    monkeypatch.setattr(quick_read, "_DECODE", [])


def workspace(path: Path) -> dict[str, Any]:
    """A workspace with a record in every table, a template with braces, answers, and the
    same person touched twice with the later touch stored first; its document."""
    with Store.open(path, clock=clock) as store, store.batch():
        alex = store.add_contact(Contact(name="Alex Example"))
        sam = store.add_contact(Contact(name="Sam Sample"))
        assert alex.id is not None and sam.id is not None
        store.add_touch(Touch(contact_id=alex.id, kind=TouchKind.MET, at=NOW - timedelta(days=1)))
        store.add_touch(Touch(contact_id=alex.id, kind=TouchKind.ASKED, at=NOW - timedelta(days=9)))
        store.add_touch(Touch(contact_id=sam.id, kind=TouchKind.ASKED, at=NOW - timedelta(days=3)))
        store.add_interview(Interview(contact_id=alex.id, when=NOW, answers={"1": "yes", "2": "no"}))
        store.save_settings(Settings(my_name="Alex", ask_template="Hi {first_name}, {how}"))
    return json.loads(path.read_text())


def quick(path: Path) -> quick_read.Workspace | None:
    reading = quick_read.Reading(path)
    try:
        return quick_read.read(reading, clock) if reading.start() else None
    finally:
        reading.close()


def write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=True))


def store_opens(path: Path) -> bool:
    try:
        Store.open(path, clock=clock).close()
    except Exception:
        return False
    return True


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "interviews.json"


def test_a_good_workspace_is_read_in_one_pass_with_every_table(path: Path) -> None:
    workspace(path)
    read = quick(path)
    assert read is not None
    with Store.open(path, clock=clock) as store:
        assert dict(read.contacts_by_id()) == dict(store.contacts_by_id())
        assert read.all_interviews() == store.all_interviews()
        assert read.all_followups() == store.all_followups()
        assert read.last_touches() == store.last_touches()


def test_each_contacts_latest_touch_is_the_latest_whatever_the_order_stored(path: Path) -> None:
    workspace(path)
    read = quick(path)
    assert read is not None
    names = {name: contact_id for contact_id, name in read.contact_names().items()}
    assert read.last_touches() == {
        names["Alex Example"]: NOW - timedelta(days=1),
        names["Sam Sample"]: NOW - timedelta(days=3),
    }


def test_a_usual_workspace_is_cleared_of_keys_given_twice_by_the_count_alone(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Braces in a template, answers in a conversation: every one accounted for by the count,
    so the file is not looked through a second time (the second look costs more than the read)."""
    workspace(path)

    def slow(raw: bytes) -> bool:
        raise AssertionError("the file was looked through the slow way")

    monkeypatch.setattr(validate, "gives_no_key_twice", slow)
    assert quick(path) is not None


def test_a_workspace_without_settings_is_read_in_one_pass(path: Path) -> None:
    document = workspace(path)
    del document["settings"]
    write(path, document)
    assert store_opens(path)
    assert quick(path) is not None


@pytest.mark.parametrize(
    ("record_id", "read"),
    [("0", False), ("1", True), ("2", True), (str(RECORD_IDS[1]), True), (str(RECORD_IDS[1] + 1), False)],
    ids=["zero", "one", "two", "largest", "past the largest"],
)
def test_a_contacts_id_is_read_in_one_pass_only_within_the_ids_a_record_may_have(
    path: Path, record_id: str, read: bool
) -> None:
    document = workspace(path)
    contacts = document["contacts"]
    first = min(contacts, key=int)
    contacts[record_id] = contacts.pop(first)
    for table in ("touches", "interviews"):
        for record in document[table].values():
            if str(record["contact_id"]) == first:
                record["contact_id"] = int(record_id)
    write(path, document)
    found = quick(path)
    assert (found is not None) is read
    if found is not None:
        assert int(record_id) in found.contacts_by_id()


@pytest.mark.parametrize("table", ["contacts", "interviews", "touches", "events", "followups"])
def test_a_large_tables_records_are_read_under_their_ids(path: Path, table: str) -> None:
    document = workspace(path)
    document.setdefault(table, {})
    write(path, document)
    read = quick(path)
    assert read is not None
    with Store.open(path, clock=clock) as store:
        assert dict(read.contacts_by_id()) == dict(store.contacts_by_id())
        assert read.all_interviews() == store.all_interviews()


@pytest.mark.parametrize("name", ["notes", "Contacts", "META"])
def test_a_table_this_version_does_not_know_is_left_to_the_store(path: Path, name: str) -> None:
    document = workspace(path)
    document[name] = {"1": {"name": "Someone Else"}}
    write(path, document)
    assert quick(path) is None


def test_a_question_under_an_empty_id_is_left_to_the_store(path: Path) -> None:
    document = workspace(path)
    document["questions"][""] = dict(next(iter(document["questions"].values())))
    write(path, document)
    assert quick(path) is None


def test_a_lock_file_that_is_a_link_is_not_trusted(path: Path, tmp_path: Path) -> None:
    workspace(path)
    lock = path.with_name(path.name + ".lock")
    elsewhere = tmp_path / "elsewhere.lock"
    os.replace(lock, elsewhere)
    lock.symlink_to(elsewhere)
    assert quick(path) is None


def test_a_lock_file_with_a_second_name_is_not_trusted(path: Path, tmp_path: Path) -> None:
    workspace(path)
    os.link(path.with_name(path.name + ".lock"), tmp_path / "second.lock")
    assert quick(path) is None


def test_a_lock_file_that_is_a_pipe_is_not_trusted(path: Path) -> None:
    workspace(path)
    lock = path.with_name(path.name + ".lock")
    lock.unlink()
    os.mkfifo(lock, 0o600)
    assert quick(path) is None


def test_a_workspace_changed_while_it_is_read_is_left_to_the_store(path: Path) -> None:
    workspace(path)
    reading = quick_read.Reading(path)
    try:
        assert reading.start()
        status = path.stat()
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        assert quick_read.read(reading, clock) is None
    finally:
        reading.close()
    assert quick(path) is not None  # read again, unchanged since, it is read in one pass


def test_a_workspace_with_a_contact_in_the_trash_is_read_in_one_pass(path: Path) -> None:
    workspace(path)
    with Store.open(path, clock=clock) as store:
        gone = store.add_contact(Contact(name="Robin Sample"))
        assert gone.id is not None
        store.add_touch(Touch(contact_id=gone.id, kind=TouchKind.ASKED, at=NOW))
        store.delete_contact(gone.id)
    assert json.loads(path.read_text())["trash"]
    read = quick(path)
    assert read is not None
    assert "Robin Sample" not in read.contact_names().values()


def test_a_named_pipe_in_the_workspace_place_is_left_to_the_store_without_waiting(tmp_path: Path) -> None:
    """Opening a pipe for reading waits for a writer unless told not to wait: due would hang
    in a shell profile. Not a regular file: the store is left to say so."""
    import threading

    path = tmp_path / "interviews.json"
    os.mkfifo(path)
    (tmp_path / "interviews.json.lock").touch()
    reading = quick_read.Reading(path)
    started: list[bool] = []
    thread = threading.Thread(target=lambda: started.append(reading.start()), daemon=True)
    thread.start()
    thread.join(5)
    try:
        assert started == [False]
    finally:
        if started:
            reading.close()
