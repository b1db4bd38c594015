"""Opening reads the large tables in one typed pass and keeps them as text until a change.

That is a quicker way for files that are exactly as expected, never a second set of rules. So
the properties here compare it with the Python readers it stands beside, on documents built to
be awkward: whatever the file, opening it the quick way and the careful way gives the same
records or the same refusal, and a session of changes saved either way leaves the same file.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from interview_tui.core import store as store_module
from interview_tui.core.errors import WorkspaceUnreadable
from interview_tui.core.models import Contact, FollowUp, Interview
from interview_tui.core.storage import encode
from interview_tui.core.store import Store

from .conftest import FIXED_NOW

TABLES = ("contacts", "interviews", "followups", "touches")

text = st.text(alphabet=string.ascii_letters + ' {}\n"\\é→', max_size=12)
moment = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1))


def _iso(value: datetime, style: int) -> str:
    # What this program writes, and the forms a hand or another tool may write instead (the
    # careful readers take them all: the quick one may refuse them, and must then step aside).
    return [
        value.isoformat(),
        value.isoformat(sep=" "),
        value.date().isoformat(),
        value.isoformat(timespec="minutes"),
    ][style]


date_text = st.builds(_iso, moment, st.sampled_from([0, 0, 0, 1, 2, 3]))
anything = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 5), text, st.lists(st.integers(0, 3), max_size=2), st.just({})
)


def _field(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a value of the field's type, sometimes anything at all."""
    return st.one_of(good, good, good, good, anything)


contact = st.fixed_dictionaries(
    {"name": _field(text)},
    optional={
        "company": _field(text),
        "tags": _field(st.lists(text, max_size=2)),
        "stage": _field(st.sampled_from(["identified", "asked", "thanked", "nonsense"])),
        "relationship": _field(st.sampled_from(["friend", "cold"])),
        "referred_by": _field(st.one_of(st.none(), st.integers(1, 6))),
        "cadence_days": _field(st.one_of(st.none(), st.integers(-1, 4000))),
        "notes": _field(text),
        "created": _field(date_text),
        "company ": text,  # a field this version does not know
    },
)
interview = st.fixed_dictionaries(
    {"contact_id": _field(st.integers(1, 6)), "when": _field(date_text)},
    optional={
        "answers": _field(st.dictionaries(st.sampled_from(["1", "2"]), text, max_size=2)),
        "question_ids": _field(st.lists(st.integers(1, 9), max_size=3)),
        "minutes": _field(st.integers(0, 700)),
        "status": _field(st.sampled_from(["planned", "done", "cancelled"])),
        "scheduled": _field(st.booleans()),
    },
)
followup = st.fixed_dictionaries(
    {"contact_id": _field(st.integers(1, 6)), "due": _field(date_text)},
    optional={
        "kind": _field(st.sampled_from(["thank_you", "check_in"])),
        "done_at": _field(st.one_of(st.none(), date_text)),
        "note": _field(text),
        "series": _field(st.one_of(st.none(), st.integers(1, 3))),
    },
)
touch = st.fixed_dictionaries(
    {
        "contact_id": _field(st.integers(1, 6)),
        "kind": _field(st.sampled_from(["asked", "met"])),
        "at": _field(date_text),
    },
)


def _table(records: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.integers(1, 6).map(str), records, max_size=4)


documents = st.fixed_dictionaries(
    {
        "meta": st.just({"1": {"schema_version": 1, "workspace_id": "ws-test"}}),
        "contacts": _table(contact),
    },
    optional={"interviews": _table(interview), "followups": _table(followup), "touches": _table(touch)},
)


def _write(path: Path, document: dict[str, Any], *, ours: bool) -> None:
    if ours:
        path.write_bytes(encode(document))
    else:
        path.write_text(json.dumps(document, ensure_ascii=False))  # compact, unsorted: another tool


def _opened(path: Path, *, typed: bool, monkeypatch: pytest.MonkeyPatch, in_one_pass: bool = True) -> Any:
    """What opening ``path`` gives: its records, table by table, or the refusal's message."""
    with monkeypatch.context() as patch:
        if not typed:
            patch.setattr(store_module, "_typed_readers", dict)
        if not in_one_pass:
            patch.setattr(store_module, "_document_reader", lambda later: None)
        try:
            store = Store.open(path, clock=lambda: FIXED_NOW)
        except WorkspaceUnreadable as exc:
            return ("refused", str(exc))
    try:
        return ("opened", {name: dict(store._table(name).records) for name in TABLES})
    finally:
        store.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents, ours=st.booleans())
@example(document={"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "A", "tags": [1, 2]}}}, ours=True)
@example(document={"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": 5}}}, ours=True)
@example(
    document={
        "meta": {"1": {"schema_version": 1}},
        "contacts": {"1": {"name": "A"}},
        "interviews": {"1": {"contact_id": 1, "when": "2026-12-06"}},
    },
    ours=True,
)
def test_the_quick_way_opens_what_the_careful_way_opens_and_refuses_what_it_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: dict[str, Any], ours: bool
) -> None:
    quick, careful = tmp_path / "quick.json", tmp_path / "careful.json"
    _write(quick, document, ours=ours)
    _write(careful, document, ours=ours)
    careful_outcome = _opened(careful, typed=False, monkeypatch=monkeypatch)
    for in_one_pass in (True, False):  # the whole file read at once, or a table at a time
        quick_outcome = _opened(quick, typed=True, monkeypatch=monkeypatch, in_one_pass=in_one_pass)
        if quick_outcome[0] == "refused":
            assert careful_outcome[0] == "refused"
            assert quick_outcome[1].replace(str(quick), "FILE") == careful_outcome[1].replace(str(careful), "FILE")
        else:
            assert quick_outcome == careful_outcome


@pytest.fixture
def written(tmp_path: Path) -> Callable[[str], Path]:
    """A workspace this program wrote, copied to ``name``: three contacts with a conversation,
    a follow-up and a touch each."""
    source = tmp_path / "source.json"
    with Store.open(source, clock=lambda: FIXED_NOW) as store, store.batch():
        for number in range(1, 4):
            person = store.add_contact(Contact(name=f"Contact {number} Example", tags=["mentor"], notes="{x}\nline"))
            assert person.id is not None
            store.add_interview(Interview(contact_id=person.id, when=FIXED_NOW, answers={"1": f"answer {number}"}))
            store.add_followup(FollowUp(contact_id=person.id, due=FIXED_NOW))

    def copy(name: str) -> Path:
        target = tmp_path / name
        target.write_bytes(source.read_bytes())
        return target

    return copy


def _change_everything(store: Store) -> None:
    """One change of each kind to each kind of table: an edit, an addition, a removal."""
    first = store.contact(1)
    first.company = "Changed"
    store.update_contact(first)
    store.add_contact(Contact(name="New Example"))
    conversation = store.interviews(2)[0]
    conversation.answers["2"] = "more"
    store.update_interview(conversation)
    store.add_followup(FollowUp(contact_id=3, due=FIXED_NOW, note="later"))
    store.remove_interview(store.interviews(3)[0].id or 0)
    store.delete_contact(1)


def test_a_session_saved_after_the_quick_opening_writes_the_same_bytes(
    written: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    quick, careful = written("quick.json"), written("careful.json")
    with Store.open(quick, clock=lambda: FIXED_NOW) as store:
        _change_everything(store)
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "_typed_readers", dict)
        with Store.open(careful, clock=lambda: FIXED_NOW) as store:
            _change_everything(store)
    assert quick.read_bytes() == careful.read_bytes()
    # and those bytes are the canonical encoding of what they hold
    assert encode(orjson.loads(quick.read_bytes())) == quick.read_bytes()


def test_tables_not_changed_are_written_back_as_they_were_read(written: Callable[[str], Path]) -> None:
    path = written("interviews.json")
    before = orjson.loads(path.read_bytes())
    with Store.open(path, clock=lambda: FIXED_NOW) as store:
        person = store.contact(2)
        person.role = "Editor"
        store.update_contact(person)
    after = orjson.loads(path.read_bytes())
    for name in ("interviews", "followups", "questions", "meta"):
        assert after[name] == before[name]
    assert after["contacts"]["2"]["role"] == "Editor"
    assert {k: v for k, v in after["contacts"].items() if k != "2"} == {
        k: v for k, v in before["contacts"].items() if k != "2"
    }


def test_a_file_another_tool_wrote_keeps_every_record_through_a_save(tmp_path: Path) -> None:
    # Compact and unsorted, as a script or a sync tool may leave it: the records not changed are
    # written back as they were, the changed one as this program writes it, and all read again.
    path = tmp_path / "interviews.json"
    document = {
        "meta": {"1": {"schema_version": 1, "workspace_id": "ws-test"}},
        "contacts": {"2": {"name": "Sam Sample", "company": "B"}, "1": {"name": "Alex Example"}},
        "followups": {"1": {"due": "2026-12-01T09:00:00", "contact_id": 2}},
    }
    path.write_text(json.dumps(document))
    with Store.open(path, clock=lambda: FIXED_NOW) as store:
        person = store.contact(1)
        person.company = "A"
        store.update_contact(person)
    with Store.open(path, clock=lambda: FIXED_NOW) as store:
        assert {c.name: c.company for c in store.contacts_unsorted()} == {"Alex Example": "A", "Sam Sample": "B"}
        assert [f.contact_id for f in store._table("followups").records.values()] == [2]


@pytest.mark.parametrize(
    "text",
    [
        '{"contacts": {"1": {"name": "A", "x": ' + "[" * 100_000 + "]" * 100_000 + "}}}",
        '{"meta": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
    ids=["in a record", "in a small table"],
)
def test_nesting_too_deep_to_read_is_refused_in_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "interviews.json"
    path.write_text(text)
    with pytest.raises(WorkspaceUnreadable, match="is not valid JSON .*depth.*; it was left untouched"):
        Store.open(path, clock=lambda: FIXED_NOW)
    assert path.read_text() == text


def test_a_file_this_program_wrote_is_read_in_one_pass(
    written: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_tui.core import storage

    def not_a_table_at_a_time(*_: object) -> None:
        raise AssertionError("read a table at a time")

    monkeypatch.setattr(storage, "_read_typed", not_a_table_at_a_time)
    path = written("w.json")
    before = path.read_bytes()
    with Store.open(path, clock=lambda: FIXED_NOW) as store:
        assert [c.name for c in store.contacts()] == [f"Contact {n} Example" for n in (1, 2, 3)]
        assert len(store.followups()) == 3
    assert path.read_bytes() == before
