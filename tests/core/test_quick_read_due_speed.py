"""The one-pass reading ``due`` uses (core/quick_read.py) reads only a file the store opens, and
reads it as the store does: whatever is changed in a good workspace (a field's value, an id, a
key given twice, a table, the schema, the trash, the bytes themselves), either the store opens
the file and both hold the same records, or the one-pass reading hands the file to the store."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core import quick_read
from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    Relationship,
    Settings,
    Stage,
    Touch,
    TouchKind,
)
from interview_tui.core.store import SCHEMA_VERSION, Store

NOW = datetime(2026, 11, 25, 10, 0)


def clock() -> datetime:
    return NOW


def good_workspace(path: Path) -> str:
    """A workspace with a record of every kind the store keeps, and its text."""
    with Store.open(path, clock=clock) as store, store.batch():
        ada = store.add_contact(
            Contact(name="Alex Example", relationship=Relationship.FRIEND, stage=Stage.INTERVIEWED, tags=["ux"])
        )
        sam = store.add_contact(Contact(name="Sam Sample", company="Acme Inc", cadence_days=30))
        assert ada.id is not None and sam.id is not None
        store.add_followup(
            FollowUp(contact_id=ada.id, due=NOW - timedelta(days=2), kind=FollowUpKind.THANK_YOU, note="a note")
        )
        store.add_followup(FollowUp(contact_id=sam.id, due=NOW, done_at=NOW))
        store.add_interview(
            Interview(contact_id=ada.id, when=NOW + timedelta(hours=3), answers={"1": "yes"}, notes="n")
        )
        store.add_interview(Interview(contact_id=sam.id, when=NOW - timedelta(days=40)))
        store.add_touch(Touch(contact_id=sam.id, kind=TouchKind.MET, at=NOW - timedelta(days=45)))
        store.save_settings(Settings(my_name="Alex", ask_template="Hi {first_name}"))
        ada.stage = Stage.THANKED  # kept in the contact's history: an event
        store.update_contact(ada)
        gone = store.add_contact(Contact(name="Robin Sample", referred_by=sam.id))
        assert gone.id is not None
        store.add_followup(FollowUp(contact_id=gone.id, due=NOW, note="in the trash"))
        store.add_touch(Touch(contact_id=gone.id, kind=TouchKind.ASKED, at=NOW - timedelta(days=1)))
        store.delete_contact(gone.id)
    text = path.read_text()
    document = json.loads(text)
    assert {"contacts", "followups", "interviews", "touches", "events", "settings", "questions", "meta"} <= set(
        document
    )
    assert document["trash"]
    return text


def records_of(path: Path) -> dict[str, Any] | None:
    """What the one-pass reading makes of the file (None: it hands it to the store)."""
    reading = quick_read.Reading(path)
    try:
        if not reading.start():
            return None
        workspace = quick_read.read(reading, clock)
    finally:
        reading.close()
    if workspace is None:
        return None
    return {
        "contacts": dict(workspace.contacts_by_id()),
        "followups": workspace.all_followups(),
        "interviews": workspace.all_interviews(),
        "last_touches": workspace.last_touches(),
        "names": workspace.contact_names(),
    }


def store_records(path: Path) -> dict[str, Any] | None:
    try:
        store = Store.open(path, clock=clock)
    except InterviewTuiError:
        return None
    with store:
        return {
            "contacts": dict(store.contacts_by_id()),
            "followups": store.all_followups(),
            "interviews": store.all_interviews(),
            "last_touches": store.last_touches(),
            "names": store.contact_names(),
        }


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> str:
    return good_workspace(tmp_path_factory.mktemp("good") / "interviews.json")


def test_a_good_workspace_is_read_in_one_pass_as_the_store_reads_it(tmp_path: Path, good: str) -> None:
    path = tmp_path / "interviews.json"
    path.write_text(good)
    Store.open(path).close()  # the lock file is there once the store has opened it
    quick = records_of(path)
    assert quick is not None
    assert quick == store_records(path)
    assert quick["last_touches"] and quick["names"] and len(quick["followups"]) == 2


def test_a_brace_typed_in_a_note_still_reads_in_one_pass(tmp_path: Path, good: str) -> None:
    path = tmp_path / "interviews.json"
    path.write_text(good.replace('"a note"', '"a {note"', 1))
    Store.open(path).close()
    quick = records_of(path)
    assert quick is not None and quick == store_records(path)
    assert any(f.note == "a {note" for f in quick["followups"])


def test_the_schema_read_is_the_stores() -> None:
    assert quick_read.SCHEMA_VERSION == SCHEMA_VERSION


def test_a_workspace_never_opened_here_is_left_to_the_store(tmp_path: Path, good: str) -> None:
    path = tmp_path / "interviews.json"
    path.write_text(good)  # no lock file beside it yet: the store makes one
    assert records_of(path) is None


ODD_VALUES = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            0,
            -1,
            2**53,
            2**63,
            2**64,
            2**70,
            1.5,
            "",
            "x",
            [],
            {},
            [1],
            {"a": 1},
            "{",
            "2026-11-25T10:00:00",
            "2026-11-25",
            "friend",
            "check_in",
            "planned",
            "10:00",
        ]
    ),
    st.integers(),
    st.text(max_size=4),
)
"""Values a hand-edited or merged file may hold where a field's value was."""

ODD_DATES = st.sampled_from(
    [
        "2026-11-25T10:00:00+01:00",
        "2026-11-25T10:00:00Z",
        "2026-11-25",
        "1899-12-31T23:59:59",
        "1900-01-01T00:00:00",
        "2999-12-31T23:59:59",
        "3000-01-01T00:00:00",
        "0001-01-01T00:00:00",
        "2026-02-30T10:00:00",
        "2026-11-25 10:00",
        "2026-11-25T10:00:00.5",
        "10:00",
        "",
        20261125,
    ]
)
ODD_NUMBERS = st.sampled_from(
    [
        -1,
        0,
        1,
        30,
        365,
        366,
        600,
        601,
        3650,
        3651,
        2**31,
        2**53,
        2**63 - 1,
        2**63,
        2**64,
        2**70,
        -(2**63) - 1,
        1.0,
        "1",
        True,
    ]
)
ODD_IDS = st.sampled_from(
    [
        "07",
        "01",
        "0",
        "-0",
        "-1",
        "x",
        "",
        " 1",
        "1.0",
        "1e2",
        "9007199254740991",
        "9007199254740992",
        "99999999999999999999",
        "\u0665",
    ]
)
FIELDS = {
    "contacts": (("created", "updated"), ("cadence_days", "cadence_max_days", "referred_by")),
    "followups": (("due", "done_at", "created"), ("contact_id", "interview_id", "series", "sequence")),
    "interviews": (("when", "updated"), ("contact_id", "minutes", "sequence", "invitation_sequence", "question_ids")),
    "touches": (("at",), ("contact_id",)),
    "events": (("at",), ("contact_id",)),
    "questions": ((), ("order",)),
    "settings": ((), ("nudge_days", "thank_you_days")),
}
"""Each table's dates and numbers: where a value out of its bounds is refused."""


FIELD_CHANGES = ["value", "date", "number", "big number", "new field", "drop field"]
SHAPE_CHANGES = ["id", "table", "meta", "trash", "new table"]
TRASH_CHANGES = ["trash record"]


def mutate(document: dict[str, Any], draw: Any, kinds: list[str]) -> str:
    """The text of ``document`` with one thing changed, at the level of its values."""
    kind = draw(st.sampled_from(kinds))
    if kind in ("date", "number"):
        name = draw(st.sampled_from(sorted(n for n, (dates, _) in FIELDS.items() if kind == "number" or dates)))
    else:
        name = draw(
            st.sampled_from(sorted(name for name, table in document.items() if isinstance(table, dict) and table))
        )
    table = document[name]
    key = draw(st.sampled_from(sorted(table)))
    record = table[key]
    if kind == "value" and record:
        record[draw(st.sampled_from(sorted(record)))] = draw(ODD_VALUES)
    elif kind == "date":
        record[draw(st.sampled_from(FIELDS[name][0]))] = draw(ODD_DATES)
    elif kind == "number":
        field = draw(st.sampled_from(FIELDS[name][1]))
        number = draw(ODD_NUMBERS)
        record[field] = [1, number] if field == "question_ids" else number
    elif kind == "big number":  # where only its size can be wrong: a table read as documents
        document["meta"]["1"][draw(st.sampled_from(["extra", "schema_version"]))] = draw(ODD_NUMBERS)
    elif kind == "new field":
        field = draw(st.sampled_from(["extra", "id", "Name", "answers", "schema_version"]))
        record[field] = draw(st.one_of(ODD_VALUES, ODD_NUMBERS))
    elif kind == "drop field" and record:
        del record[draw(st.sampled_from(sorted(record)))]
    elif kind == "id":
        table[draw(ODD_IDS)] = table.pop(key) if draw(st.booleans()) else dict(record)
    elif kind == "table":
        document[name] = draw(ODD_VALUES)
    elif kind == "meta":
        meta = document.setdefault("meta", {}).setdefault("1", {})
        field = draw(st.sampled_from(["schema_version", "workspace_id"]))
        if draw(st.booleans()):
            meta.pop(field, None)
        else:
            meta[field] = draw(st.one_of(ODD_VALUES, st.sampled_from([0, 1, 2, True, 1.0, "1", " "])))
        if draw(st.booleans()):
            document["meta"][draw(st.sampled_from(["2", "x"]))] = dict(meta)
    elif kind == "trash":
        document["trash"] = draw(st.sampled_from([{}, {"1": {}}, {"1": {"records": {}}}, []]))
    elif kind == "trash record":  # what a deleted contact took with it, changed
        entry = document["trash"]["1"]
        kept = entry["records"]
        change = draw(
            st.sampled_from(["field", "date", "number", "id", "table", "second contact", "entry", "entry twice"])
        )
        if change == "entry twice":  # under a second spelling of its id
            document["trash"][draw(st.sampled_from(["01", "2", " 1"]))] = dict(entry)
        elif change == "entry":
            entry[draw(st.sampled_from(["deleted_at", "name", "relinked", "extra"]))] = draw(
                st.one_of(ODD_VALUES, ODD_DATES, ODD_NUMBERS, st.just([2**64]))
            )
        elif change == "table":
            kept[draw(st.sampled_from(["questions", "notes", "interviews"]))] = draw(
                st.sampled_from([{}, [], {"1": {}}])
            )
        elif change == "second contact":
            kept["contacts"]["99"] = {"name": "Someone Else"}
        else:
            table = draw(st.sampled_from(sorted(kept)))
            key = draw(st.sampled_from(sorted(kept[table])))
            if change == "id":
                kept[table][draw(ODD_IDS)] = kept[table].pop(key)
            elif change == "field":
                kept[table][key][draw(st.sampled_from(["name", "note", "kind", "extra", "contact_id", "tags"]))] = draw(
                    ODD_VALUES
                )
            else:
                dates, numbers = FIELDS[table]
                fields = dates if change == "date" and dates else numbers
                kept[table][key][draw(st.sampled_from(fields))] = draw(ODD_DATES if fields is dates else ODD_NUMBERS)
    else:
        document[draw(st.sampled_from(["notes", "contacts ", "Contacts", "events", "trash"]))] = draw(
            st.sampled_from([{}, {"1": {}}, {"1": {"contact_id": 1, "at": "2026-11-25T10:00:00", "what": "x"}}, []])
        )
    return json.dumps(document, indent=2, sort_keys=True)


COPIES = {
    "contacts": '"1": {"name": "Someone Else"},',
    "followups": '"1": {"contact_id": 2, "due": "2026-11-25T08:00:00"},',
    "interviews": '"1": {"contact_id": 2, "when": "2026-11-25T08:00:00"},',
    "touches": '"1": {"contact_id": 1, "kind": "met", "at": "2026-11-20T08:00:00"},',
    "questions": '"1": {"order": 3, "text": "Twice?"},',
}


def mutate_text(text: str, draw: Any) -> str:
    """``text`` with one thing changed in its bytes: a key given twice, an escape, a cut."""
    kind = draw(st.sampled_from(["table twice", "record twice", "field twice", "escape", "cut", "bom", "brace"]))
    if kind == "table twice":
        table = draw(st.sampled_from(["contacts", "followups", "interviews", "meta", "settings", "trash"]))
        return text.replace("{\n", '{\n  "' + table + '": {},\n', 1)
    if kind == "record twice":  # as a merge that kept both sides leaves it
        table = draw(st.sampled_from(sorted(COPIES)))
        copy = COPIES[table] if draw(st.booleans()) else COPIES[table].replace('"1"', '"01"')
        return text.replace(f'"{table}": {{\n', f'"{table}": {{\n    {copy}\n', 1)
    if kind == "field twice":
        return text.replace('"name": ', '"name": "Someone Else",\n      "name": ', 1)
    if kind == "escape":  # a brace written as an escape in a template, and an id given twice
        text = text.replace("Hi {first_name}", "Hi \\u007bfirst_name}", 1)
        return text.replace('"contacts": {\n', '"contacts": {\n    ' + COPIES["contacts"] + "\n", 1)
    if kind == "cut":
        return text[: draw(st.integers(0, len(text) - 1))]
    if kind == "bom":
        return "\ufeff" + text
    return text.replace("Alex Example", "Alex {Example", 1)  # a brace in a name: counted apart


def agree(directory: Path, text: str) -> None:
    path = directory / "interviews.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    (directory / "interviews.json.lock").touch(mode=0o600)
    quick = records_of(path)
    if quick is not None:
        assert store_records(path) == quick


EXAMPLES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@EXAMPLES
@given(data=st.data())
def test_a_field_changed_is_read_in_one_pass_only_if_the_store_opens_it_and_then_the_same(
    tmp_path: Path, good: str, data: st.DataObject
) -> None:
    agree(tmp_path, mutate(json.loads(good), data.draw, FIELD_CHANGES))


@EXAMPLES
@given(data=st.data())
def test_ids_tables_schema_and_trash_changed_are_read_in_one_pass_only_if_the_store_opens_them(
    tmp_path: Path, good: str, data: st.DataObject
) -> None:
    agree(tmp_path, mutate(json.loads(good), data.draw, SHAPE_CHANGES))


@EXAMPLES
@given(data=st.data())
def test_the_trash_changed_is_read_in_one_pass_only_if_the_store_opens_it(
    tmp_path: Path, good: str, data: st.DataObject
) -> None:
    agree(tmp_path, mutate(json.loads(good), data.draw, TRASH_CHANGES))


@EXAMPLES
@given(data=st.data())
def test_bytes_changed_are_read_in_one_pass_only_if_the_store_opens_them(
    tmp_path: Path, good: str, data: st.DataObject
) -> None:
    agree(tmp_path, mutate_text(good, data.draw))
