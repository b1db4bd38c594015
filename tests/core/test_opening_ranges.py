"""Values that type-check but break the program later are refused on opening, and never written:
a date with a time zone (it cannot be compared with the local dates the program works out), a
date past the calendar's reach, a number beyond what the file can hold or beyond what its field
may be. And fields this version does not know are kept through a change."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest

from interview_tui.core import store as store_module
from interview_tui.core.errors import InvalidInput, WorkspaceUnreadable
from interview_tui.core.models import Contact, FollowUp, Interview
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)
META = {"1": {"schema_version": 1, "workspace_id": "ws-test"}}


def _file(tmp_path: Path, **tables: Any) -> Path:
    path = tmp_path / "interviews.json"
    path.write_text(json.dumps({"meta": META, **tables}))
    return path


REFUSED = [
    ("followups", {"contact_id": 1, "due": "2026-12-05T10:00:00Z"}, 'field "due": expected a local date and time'),
    ("followups", {"contact_id": 1, "due": "2026-12-05T10:00:00+02:00"}, 'field "due": expected a local date and time'),
    ("followups", {"contact_id": 1, "due": "2026-12-05T10:00:00", "done_at": "9999-12-31T23:59:59"}, 'field "done_at": expected a date from 1900 to 2999'),
    ("interviews", {"contact_id": 1, "when": "1899-12-31T23:59:59"}, 'field "when": expected a date from 1900 to 2999'),
    ("interviews", {"contact_id": 1, "when": "2026-12-05T10:00:00", "minutes": 0}, 'field "minutes": expected a number from 1 to 600, found 0'),
    ("interviews", {"contact_id": 1, "when": "2026-12-05T10:00:00", "minutes": 601}, 'field "minutes": expected a number from 1 to 600'),
    ("interviews", {"contact_id": 1, "when": "2026-12-05T10:00:00", "question_ids": [1, 2**63]}, 'field "question_ids": expected a number from'),
    ("contacts", {"name": "Ann", "referred_by": 2**63}, 'field "referred_by": expected a number from'),
    ("contacts", {"name": "Ann", "cadence_days": -1}, 'field "cadence_days": expected a number from 0 to 3,650'),
    ("contacts", {"name": "Ann", "created": "2026-01-01T00:00:00-05:00"}, 'field "created": expected a local date and time'),
    ("touches", {"contact_id": 1, "kind": "met", "at": "2026-01-01T00:00:00Z"}, 'field "at": expected a local date and time'),
]


@pytest.mark.parametrize("typed", [True, False], ids=["read typed", "read by the records' readers"])
@pytest.mark.parametrize(("table", "record", "said"), REFUSED)
def test_a_value_that_would_break_the_program_later_is_refused_on_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: bool, table: str, record: dict[str, Any], said: str
) -> None:
    if not typed:
        monkeypatch.setattr(store_module, "_typed_readers", dict)
    path = _file(tmp_path, **{table: {"1": record}})
    before = path.read_bytes()
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path, clock=lambda: NOW)
    assert f"{table} record 1, {said}" in str(refused.value)
    assert "the file was left untouched" in str(refused.value)
    assert path.read_bytes() == before


def test_an_id_beyond_what_the_file_can_hold_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, contacts={str(2**63): {"name": "Ann"}})
    with pytest.raises(WorkspaceUnreadable, match=r"contacts record 9223372036854775808, its id is beyond"):
        Store.open(path, clock=lambda: NOW)


def test_a_big_number_in_a_file_without_its_meta_table_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    path.write_text(json.dumps({"interviews": {"1": {"contact_id": 1, "when": "2026-12-05T10:00:00", "question_ids": [2**70]}}}))
    with pytest.raises(WorkspaceUnreadable, match=r"interviews record 1 holds a number too large .*question_ids"):
        Store.open(path, clock=lambda: NOW)


def test_the_edges_of_each_range_open(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        # Each cadence at both ends, its maximum never below its ideal (which opening refuses).
        contacts={
            "1": {"name": "Ann", "cadence_days": 3650, "cadence_max_days": 3650, "referred_by": 2**63 - 1, "created": "1900-01-01T00:00:00"},
            "2": {"name": "Bea", "cadence_days": 0, "cadence_max_days": 0},
        },
        interviews={"1": {"contact_id": 1, "when": "2999-12-31T23:59:59", "minutes": 600}, "2": {"contact_id": 1, "when": "2026-12-05T10:00:00", "minutes": 1}},
    )
    with Store.open(path, clock=lambda: NOW) as store:
        assert store.contact(1).cadence_days == 3650
        assert store.contact(2).cadence_max_days == 0
        assert sorted(i.minutes for i in store.interviews(1)) == [1, 600]


def test_the_store_never_writes_what_opening_would_refuse(store: Store, db_path: Path) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    assert ann.id is not None
    before = db_path.read_bytes()
    aware = datetime(2026, 12, 1, 15, 30, tzinfo=timezone(timedelta(hours=-5)))
    with pytest.raises(InvalidInput, match='field "when": expected a local date and time'):
        store.add_interview(Interview(contact_id=ann.id, when=aware))
    with pytest.raises(InvalidInput, match='field "due": expected a date from 1900 to 2999'):
        store.add_followup(FollowUp(contact_id=ann.id, due=datetime(9999, 1, 1)))
    ann.cadence_days = 5000
    with pytest.raises(InvalidInput, match='field "cadence_days"'):
        store.update_contact(ann)
    assert db_path.read_bytes() == before
    assert store.interviews(ann.id) == []


@pytest.mark.parametrize("typed", [True, False], ids=["read typed", "read by the records' readers"])
def test_fields_this_version_does_not_know_are_kept_through_a_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: bool
) -> None:
    if not typed:
        monkeypatch.setattr(store_module, "_typed_readers", dict)
    path = _file(
        tmp_path,
        contacts={"3": {"name": "Zoë Example", "favourite": "blue", "id": 2, "later": {"nested": [1]}}},
        interviews={"1": {"contact_id": 3, "when": "2026-12-05T10:00:00", "extra_field": 42}},
    )
    with Store.open(path, clock=lambda: NOW) as store:
        zoe = store.contact(3)
        zoe.role = "New role"
        store.update_contact(zoe)
        conversation = store.interviews(3)[0]
        conversation.notes = "more notes"
        store.update_interview(conversation)
    saved = orjson.loads(path.read_bytes())
    assert saved["contacts"]["3"]["favourite"] == "blue"
    assert saved["contacts"]["3"]["later"] == {"nested": [1]}
    assert saved["contacts"]["3"]["id"] == 2
    assert saved["contacts"]["3"]["role"] == "New role"
    assert saved["interviews"]["1"]["extra_field"] == 42
    assert saved["interviews"]["1"]["notes"] == "more notes"
    assert list(saved["contacts"]["3"]) == sorted(saved["contacts"]["3"])  # still in name order


@pytest.mark.parametrize(
    ("kept", "said"),
    [
        ({"contacts": {"7": {"name": 5}}}, 'its contacts record 7, field "name": expected text, found a number (5)'),
        ({"contacts": {"7": {"name": "Stay"}}, "followups": {"2": {"contact_id": 7, "due": "2026-12-05T10:00:00Z"}}}, 'its followups record 2, field "due": expected a local date'),
        ({"contacts": {"x": {"name": "Stay"}}}, "its contacts record 'x' has an id that is not a number"),
        ({"contacts": {"7": {"name": "Stay"}}, "meta": {"1": {}}}, "holds a table 'meta' that no contact's records come from"),
    ],
)
def test_what_the_trash_holds_is_read_on_opening_as_the_live_records_are(
    tmp_path: Path, kept: dict[str, Any], said: str
) -> None:
    path = _file(tmp_path, trash={"1": {"name": "Stay", "deleted_at": "2026-11-20T10:00:00", "records": kept}})
    before = path.read_bytes()
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path, clock=lambda: NOW)
    assert f"trash record 1, {said}" in str(refused.value)
    assert path.read_bytes() == before


def test_a_good_trash_opens_and_restores(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        trash={"1": {"name": "Stay", "deleted_at": "2026-11-20T10:00:00", "records": {"contacts": {"7": {"name": "Stay Example"}}}}},
    )
    with Store.open(path, clock=lambda: NOW) as store:
        assert store.restore(1).name == "Stay Example"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[1]", "it holds a list, not tables of records"),
        ('{"contacts": []}', "its table 'contacts' is a list, not records under their ids"),
        ('{"contacts": {"abc": {}}}', "contacts has a record under 'abc', which is not a number"),
        ('{"contacts": {"1": [1]}}', "contacts record 1 is a list, not an object of fields"),
        ('{"contacts": {"1": "Ann"}}', "contacts record 1 is text, not an object of fields"),
    ],
)
def test_a_file_of_another_shape_is_refused_saying_where_the_shape_breaks(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "interviews.json"
    path.write_text(text)
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path, clock=lambda: NOW)
    assert str(refused.value) == f"{path} is JSON but not an interview-tui workspace ({said}); it was left untouched."


def test_an_answer_to_a_question_the_bank_does_not_hold_shows_in_the_notes_and_is_kept(tmp_path: Path) -> None:
    from interview_tui.core import workflow

    path = _file(
        tmp_path,
        contacts={"1": {"name": "Ann Example"}},
        interviews={"1": {"contact_id": 1, "when": "2026-11-20T10:00:00", "question_ids": [77], "answers": {"77": "hello"}}},
    )
    with Store.open(path, clock=lambda: NOW) as store:
        conversation = store.interview(1)
        text = workflow.interview_document(store, conversation)
        assert "## Question 77 (not in the question bank)\nhello" in text
        workflow.save_document(store, 1, text.replace("hello", "hello again"))
        assert store.interview(1).answers == {"77": "hello again"}


def test_a_file_that_starts_with_a_byte_order_mark_opens(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"meta": META, "contacts": {"1": {"name": "Ann Example"}}}).encode())
    with Store.open(path, clock=lambda: NOW) as store:
        assert store.contact(1).name == "Ann Example"
        ann = store.contact(1)
        ann.role = "Editor"
        store.update_contact(ann)
    assert orjson.loads(path.read_bytes())["contacts"]["1"]["role"] == "Editor"


TRASHED = {"name": "X", "deleted_at": "2026-12-01T00:00:00"}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '{"trash": {"1": {"name": "X", "deleted_at": "2026-12-01T00:00:00", "records": {"contacts": {"5": {"name": "X"}, "5": {"name": "X2"}}}}}}',
            "trash record 1 gives '5' twice (in ['records']['contacts'])",
        ),
        (
            '{"trash": {"1": {"name": "X", "deleted_at": "2026-12-01T00:00:00", "records": {"contacts": {"5": {"name": "X"}}, "interviews": {}, "interviews": {"2": {}}}}}}',
            "trash record 1 gives 'interviews' twice (in ['records'])",
        ),
        ('{"contacts": {"1": {"name": "A", "name": "B", "x": {}}}}', "contacts record 1 gives 'name' twice"),
    ],
)
def test_a_key_given_twice_deeper_than_a_record_is_refused_saying_where(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "interviews.json"
    path.write_text(text)
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path, clock=lambda: NOW)
    assert f"{said}, and only the last would be read; the file was left untouched" in str(refused.value)
    assert path.read_text() == text


@pytest.mark.parametrize("kept", [{}, {"contacts": {}}, {"contacts": {"5": {"name": "X"}, "6": {"name": "Y"}}}])
def test_a_trash_entry_holds_the_one_contact_deleted(tmp_path: Path, kept: dict[str, Any]) -> None:
    path = _file(tmp_path, trash={"1": {**TRASHED, "records": kept}})
    with pytest.raises(WorkspaceUnreadable, match=r"trash record 1 holds \d contacts, where each holds the one deleted"):
        Store.open(path, clock=lambda: NOW)


def test_a_number_too_large_for_any_reader_is_refused_in_one_line(tmp_path: Path) -> None:
    # Even in a field this version does not know (the quick way skips such a field unread).
    path = tmp_path / "interviews.json"
    path.write_text('{"contacts": {"1": {"name": "A", "x": 1e400}}}')
    with pytest.raises(WorkspaceUnreadable, match="is not valid JSON .*infinity"):
        Store.open(path, clock=lambda: NOW)


def test_ids_stop_short_of_what_a_next_id_would_overflow(tmp_path: Path) -> None:
    from interview_tui.core.models import RECORD_IDS

    refused = _file(tmp_path, contacts={str(RECORD_IDS[1] + 1): {"name": "Max"}})
    with pytest.raises(WorkspaceUnreadable, match=r"its id is beyond 9,007,199,254,740,991"):
        Store.open(refused, clock=lambda: NOW)
    at_the_end = tmp_path / "end" / "interviews.json"
    at_the_end.parent.mkdir()
    at_the_end.write_text(json.dumps({"meta": META, "contacts": {str(RECORD_IDS[1]): {"name": "Max"}}}))
    before = at_the_end.read_bytes()
    with Store.open(at_the_end, clock=lambda: NOW) as store:
        with pytest.raises(InvalidInput, match="ids have reached 9,007,199,254,740,991"):
            store.add_contact(Contact(name="New Example"))
    assert at_the_end.read_bytes() == before


def test_a_calendar_sequence_stays_within_what_a_calendar_file_carries(tmp_path: Path) -> None:
    from interview_tui.core.models import next_sequence

    path = _file(
        tmp_path,
        followups={"1": {"contact_id": 1, "due": "2026-12-08T10:00:00", "sequence": 2**31}},
    )
    with pytest.raises(WorkspaceUnreadable, match='field "sequence": expected a number from 0 to 2,147,483,647'):
        Store.open(path, clock=lambda: NOW)
    assert next_sequence(2**31 - 2) == 2**31 - 1
    assert next_sequence(2**31 - 1) == 2**31 - 1


def test_a_link_to_nobody_comes_back_from_the_trash_as_it_was(tmp_path: Path) -> None:
    path = _file(tmp_path, contacts={"1": {"name": "Ann Example", "referred_by": 99}})
    with Store.open(path, clock=lambda: NOW) as store:
        entry = store.delete_contact(1)
        assert entry.id is not None
        assert store.restore(entry.id).referred_by == 99


@pytest.mark.parametrize(
    ("tables", "said"),
    [
        ({"contacts": {"1": {"name": "A", "x": 2**100}, "2": {"name": "B"}}}, "contacts record 1 holds a number too large to be saved again (at ['x'])"),
        ({"contacts": {"1": {"name": "A"}}, "zz": {"1": {"x": [1, {"y": -(2**70)}]}}}, "zz record 1 holds a number too large to be saved again (at ['x'][1]['y'])"),
    ],
)
def test_a_number_too_large_to_save_again_is_refused_even_where_no_type_says_it(
    tmp_path: Path, tables: dict[str, Any], said: str
) -> None:
    # Opened, the workspace could never be saved: every change would fail, typed notes too.
    path = _file(tmp_path, **tables)
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path, clock=lambda: NOW)
    assert said in str(refused.value)


def test_the_largest_number_the_file_can_hold_opens_and_saves(tmp_path: Path) -> None:
    path = _file(tmp_path, contacts={"1": {"name": "A", "x": 2**64 - 1}, "2": {"name": "B"}})
    with Store.open(path, clock=lambda: NOW) as store:
        b = store.contact(2)
        b.role = "r"
        store.update_contact(b)
    assert orjson.loads(path.read_bytes())["contacts"]["1"]["x"] == 2**64 - 1


def test_a_lock_that_is_a_directory_is_refused_saying_so(tmp_path: Path) -> None:
    from interview_tui.core.errors import WorkspaceUnavailable

    path = tmp_path / "interviews.json"
    (tmp_path / "interviews.json.lock").mkdir()
    with pytest.raises(WorkspaceUnavailable, match=r"interviews.json.lock is a directory, so it is not used as the lock .*rmdir"):
        Store.open(path, clock=lambda: NOW)


def test_bytes_that_are_not_utf8_are_refused_saying_where(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    path.write_bytes(b'{"contacts": {"1": {\n"name": "A\xffB"}}}')
    with pytest.raises(WorkspaceUnreadable, match=r"is not valid JSON \(byte 0xff at line 2 column 11 is not UTF-8 text\)"):
        Store.open(path, clock=lambda: NOW)
