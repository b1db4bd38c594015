"""Tables read after opening (the app's follow-ups, read after its first frame).

Reading a table later is a matter of when, never of what: whatever the file, opening it with
tables left for later and reading them in steps of any size gives the same records as opening
it at once, or the same refusal with the same message; nothing is written while it is read;
and no change is made before every table is read and checked, so a file found damaged late is
left exactly as it was.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core import store as store_module
from interview_tui.core import validate
from interview_tui.core.errors import WorkspaceUnreadable
from interview_tui.core.models import Contact, FollowUp, Interview
from interview_tui.core.storage import encode
from interview_tui.core.store import Store

from .conftest import FIXED_NOW
from .test_typed_read import TABLES, _change_everything, _write, documents, written  # noqa: F401 - a fixture

META = b'{"meta": {"1": {"schema_version": 1, "workspace_id": "ws-test"}}, "questions": {"1": {"text": "Q", "order": 0}}, '


def _read_in_steps(store: Store, steps: list[int]) -> None:
    """Read the tables left for later, ``steps`` records at a time (then the rest at once)."""
    for size in steps:
        tables = store.tables_read_later()
        if not tables:
            return
        store.read_later(tables[0], size)
    store.read_everything()


def _outcome(path: Path, *, later: tuple[str, ...] = (), steps: list[int] | None = None) -> Any:
    """What opening ``path`` gives: its records, table by table, or the refusal's message."""
    try:
        store = Store.open(path, clock=lambda: FIXED_NOW, later=later)
    except WorkspaceUnreadable as exc:
        return ("refused", str(exc))
    try:
        try:
            _read_in_steps(store, steps or [])
        except WorkspaceUnreadable as exc:
            return ("refused", str(exc))
        return ("opened", {name: dict(store._table(name).records) for name in TABLES})
    finally:
        store.close()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    document=documents,
    ours=st.booleans(),
    later=st.lists(st.sampled_from(TABLES), unique=True, min_size=1),
    steps=st.lists(st.integers(1, 3), max_size=4),
)
def test_reading_later_opens_what_opening_at_once_opens_and_refuses_what_it_refuses(
    tmp_path: Path, document: dict[str, Any], ours: bool, later: list[str], steps: list[int]
) -> None:
    at_once, afterwards = tmp_path / "at-once.json", tmp_path / "afterwards.json"
    _write(at_once, document, ours=ours)
    _write(afterwards, document, ours=ours)
    before = afterwards.read_bytes()
    expected = _outcome(at_once)
    found = _outcome(afterwards, later=tuple(later), steps=steps)
    if expected[0] == "refused":
        assert found[0] == "refused"
        # The same message; or, for a file with more than one fault, what opening at once says
        # of the tables that were not left for later (they are checked first).
        without_later = tmp_path / "without-later.json"
        _write(without_later, {k: v for k, v in document.items() if k not in later}, ours=ours)
        said = {expected[1].replace(str(at_once), "FILE")}
        if (elsewhere := _outcome(without_later))[0] == "refused":
            said.add(elsewhere[1].replace(str(without_later), "FILE"))
        assert found[1].replace(str(afterwards), "FILE") in said
    else:
        assert found == expected
    assert afterwards.read_bytes() == before  # reading, and refusing, write nothing


def _with_followups(path: Path, count: int) -> Path:
    """A workspace of one contact with ``count`` follow-ups, noted "note 0", "note 1"..."""
    with Store.open(path, clock=lambda: FIXED_NOW) as store, store.batch():
        person = store.add_contact(Contact(name="Alex Example"))
        for number in range(count):
            store.add_followup(FollowUp(contact_id=person.id or 0, due=FIXED_NOW, note=f"note {number}"))
    return path


@pytest.mark.parametrize(("layout", "calls"), [("ours", 5), ("another tool's", 6)])
def test_a_table_is_read_in_steps_until_it_is_all_read(tmp_path: Path, layout: str, calls: int) -> None:
    path = _with_followups(tmp_path / "w.json", 5)
    if layout != "ours":
        path.write_text(json.dumps(json.loads(path.read_bytes())))  # compact, as another tool writes
    with Store.open(path, clock=lambda: FIXED_NOW, later=("followups",)) as store:
        assert store.tables_read_later() == ["followups"]
        # Its records read two at a time (2, 2 and 1), then given their ids and checked two at a
        # time (2, 2 and 1, the first two with the last records read): it is not read until all
        # of that is done. A table in another layout is first cut into its records' texts, a
        # step of its own.
        steps = 1
        while not store.read_later("followups", 2):
            assert store.tables_read_later() == ["followups"]
            steps += 1
        assert steps == calls
        assert store.tables_read_later() == []
        assert [f.note for f in store.followups()] == [f"note {number}" for number in range(5)]


def test_what_is_asked_for_before_the_reading_ends_is_all_there(tmp_path: Path) -> None:
    path = _with_followups(tmp_path / "w.json", 4)
    with Store.open(path, clock=lambda: FIXED_NOW, later=("followups",)) as store:
        store.read_later("followups", 1)
        store.read_later("followups", 1)  # one of four read
        assert len(store.followups()) == 4
        assert store.tables_read_later() == []


def test_a_session_saved_before_the_reading_ends_writes_the_same_bytes(written: Callable[[str], Path]) -> None:  # noqa: F811
    at_once, afterwards = written("at-once.json"), written("afterwards.json")
    with Store.open(at_once, clock=lambda: FIXED_NOW) as store:
        _change_everything(store)
    with Store.open(afterwards, clock=lambda: FIXED_NOW, later=TABLES) as store:
        store.read_later("followups", 1)
        _change_everything(store)
    assert afterwards.read_bytes() == at_once.read_bytes()


DAMAGED_FOLLOWUP = (
    META + b'"contacts": {"1": {"name": "Alex Example"}}, '
    b'"followups": {"1": {"contact_id": 1, "due": "2026-11-25T10:00:00"}, "2": {"contact_id": 1, "due": 7}}}'
)


def test_a_damaged_table_found_late_refuses_every_change_and_the_file_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED_FOLLOWUP)
    with pytest.raises(WorkspaceUnreadable) as at_opening:
        Store.open(path, clock=lambda: FIXED_NOW)
    store = Store.open(path, clock=lambda: FIXED_NOW, later=("followups",))
    try:
        assert [c.name for c in store.contacts()] == ["Alex Example"]
        with pytest.raises(WorkspaceUnreadable) as at_the_change:
            store.add_contact(Contact(name="Sam Sample"))
        assert str(at_the_change.value) == str(at_opening.value)
        assert 'followups record 2, field "due"' in str(at_the_change.value)
        # Said again, whatever comes next: nothing can be saved over it.
        with pytest.raises(WorkspaceUnreadable):
            store.read_later("followups")
        with pytest.raises(WorkspaceUnreadable):
            store.add_contact(Contact(name="Sam Sample"))
        assert [c.name for c in store.contacts()] == ["Alex Example"]
    finally:
        store.close()
    assert path.read_bytes() == DAMAGED_FOLLOWUP
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.json", "w.json.lock"]  # no backup, no copy


@pytest.mark.parametrize(
    "raw",
    [
        # A follow-up given twice, in the table read later.
        META + b'"contacts": {"1": {"name": "A"}}, "followups": {"1": {"contact_id": 1, "due": "2026-11-25T10:00:00"}, '
        b'"1": {"contact_id": 1, "due": "2026-11-26T10:00:00"}}}',
        # A contact given twice, found by the count that waits for the table read later.
        META + b'"contacts": {"1": {"name": "A"}, "1": {"name": "B"}}, '
        b'"followups": {"1": {"contact_id": 1, "due": "2026-11-25T10:00:00"}}}',
        # A brace in a note, which the count alone cannot tell from an object.
        META + b'"contacts": {"1": {"name": "A"}}, "followups": {"1": {"contact_id": 1, "due": "2026-11-25T10:00:00", '
        b'"note": "{x}"}, "1": {"contact_id": 1, "due": "2026-11-26T10:00:00"}}}',
    ],
    ids=["in the table read later", "in another table", "brace in a note"],
)
def test_a_record_given_twice_is_refused_as_at_opening(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(raw)
    with pytest.raises(WorkspaceUnreadable) as at_opening:
        Store.open(path, clock=lambda: FIXED_NOW)
    store = Store.open(path, clock=lambda: FIXED_NOW, later=("followups",))
    try:
        with pytest.raises(WorkspaceUnreadable) as later:
            store.read_later("followups", 1)
            store.read_later("followups", 1)
            store.read_later("followups", 1)
        assert str(later.value) == str(at_opening.value)
        assert "has two records with id 1" in str(later.value)
    finally:
        store.close()
    assert path.read_bytes() == raw


def test_a_brace_in_a_note_is_not_taken_for_a_record_given_twice(tmp_path: Path) -> None:
    raw = (
        META + b'"contacts": {"1": {"name": "A", "notes": "{x"}}, '
        b'"followups": {"1": {"contact_id": 1, "due": "2026-11-25T10:00:00", "note": "{y}"}}}'
    )
    path = tmp_path / "w.json"
    path.write_bytes(raw)
    with Store.open(path, clock=lambda: FIXED_NOW, later=("followups",)) as store:
        store.read_everything()
        assert [f.note for f in store.followups()] == ["{y}"]


def _with_answers(path: Path) -> Path:
    """A workspace as the app writes it, with answers (objects inside records) in several
    conversations and a follow-up for each."""
    with Store.open(path, clock=lambda: FIXED_NOW) as store, store.batch():
        for number in range(1, 5):
            person = store.add_contact(Contact(name=f"Contact {number} Example"))
            store.add_interview(Interview(contact_id=person.id or 0, when=FIXED_NOW, answers={"1": "yes", "2": "no"}))
            store.add_followup(FollowUp(contact_id=person.id or 0, due=FIXED_NOW))
    return path


@pytest.mark.parametrize("layout", ["ours", "another tool's", "ours, answers moved in"])
@pytest.mark.parametrize("later", [(), ("interviews",), ("interviews", "followups")])
@pytest.mark.parametrize("in_one_pass", [True, False], ids=["in one pass", "a table at a time"])
def test_a_file_the_app_writes_is_checked_for_ids_given_twice_without_the_slow_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later: tuple[str, ...], in_one_pass: bool, layout: str
) -> None:
    """Each way of reading counts the objects inside records (a conversation's answers) as
    the file holds them, so the count alone clears it and the file is not read a second time:
    also a file laid out otherwise, and one that looks like ours until a record's answers
    stand where a record's id would (read record by record, then again as opening reads)."""
    path = _with_answers(tmp_path / "w.json")
    if layout == "another tool's":
        path.write_text(json.dumps(json.loads(path.read_bytes())))
    elif layout != "ours":
        path.write_bytes(path.read_bytes().replace(b'\n        "2": "no"', b'\n    "2": "no"'))

    def slow(raw: bytes) -> None:
        raise AssertionError("the exact look was needed")

    monkeypatch.setattr(validate, "_find_duplicate_exactly", slow)
    if not in_one_pass:
        monkeypatch.setattr(store_module, "_document_reader", lambda later: None)
    with Store.open(path, clock=lambda: FIXED_NOW, later=later) as store:
        _read_in_steps(store, [1, 2, 1])
        assert sum(len(i.answers) for i in store.all_interviews()) == 8


def test_a_table_this_version_does_not_know_is_kept_through_a_save(tmp_path: Path) -> None:
    """Read in one pass or not, a table of another name (a newer version's, a tool's) is kept
    as it is when a change is saved."""
    path = _with_answers(tmp_path / "w.json")
    document = orjson.loads(path.read_bytes())
    document["zz_notes"] = {"1": {"text": "kept"}}
    path.write_bytes(encode(document))
    with Store.open(path, clock=lambda: FIXED_NOW, later=("followups",)) as store:
        store.add_contact(Contact(name="Sam Sample"))
    assert orjson.loads(path.read_bytes())["zz_notes"] == {"1": {"text": "kept"}}


DAMAGED_CONVERSATION = (
    META + b'"contacts": {"1": {"name": "Alex Example"}}, '
    b'"interviews": {"1": {"contact_id": 1, "when": "2026-11-25T10:00:00"}, "2": {"contact_id": 1, "when": "2026-02-30T10:00:00"}}}'
)


@pytest.mark.parametrize("first_use", ["all_interviews", "interviews", "read_later"])
def test_a_table_used_before_its_turn_and_found_damaged_still_refuses_every_change(tmp_path: Path, first_use: str) -> None:
    """Whatever reads the table first (a view that wants every conversation, a person's notes,
    the reading itself), the file is refused from then on: the check before a change finds the
    fault again, and the reading says it too, so nothing is saved into the damaged file."""
    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED_CONVERSATION)
    store = Store.open(path, clock=lambda: FIXED_NOW, later=("interviews", "followups"))
    try:
        with pytest.raises(WorkspaceUnreadable, match='interviews record 2, field "when"'):
            if first_use == "read_later":
                store.read_later("interviews", None)
            else:
                getattr(store, first_use)(*([1] if first_use == "interviews" else []))
        assert "interviews" in store.tables_read_later()
        with pytest.raises(WorkspaceUnreadable, match='interviews record 2, field "when"'):
            store.add_contact(Contact(name="Sam Sample"))
        with pytest.raises(WorkspaceUnreadable, match='interviews record 2, field "when"'):
            store.read_later(store.tables_read_later()[0])
    finally:
        store.close()
    assert path.read_bytes() == DAMAGED_CONVERSATION


def test_a_record_beyond_its_bounds_found_a_step_at_a_time_is_refused_as_opening_refuses_it(tmp_path: Path) -> None:
    path = _with_followups(tmp_path / "w.json", 6)
    document = json.loads(path.read_text())
    fifth = sorted(document["followups"], key=int)[4]
    document["followups"][fifth]["due"] = "1850-01-01T10:00:00"  # typed right, out of bounds
    path.write_text(json.dumps(document))
    before = path.read_bytes()
    with pytest.raises(WorkspaceUnreadable) as at_once:
        Store.open(path, clock=lambda: FIXED_NOW).close()
    store = Store.open(path, clock=lambda: FIXED_NOW, later=("followups",))
    try:
        steps = 0
        with pytest.raises(WorkspaceUnreadable) as in_steps:
            while not store.read_later("followups", 2):
                steps += 1
        assert steps > 3  # found while checking the records, not while reading them
        assert str(in_steps.value) == str(at_once.value)
        assert f"followups record {fifth}" in str(in_steps.value)
        with pytest.raises(WorkspaceUnreadable):
            store.followups()  # nor is the half-checked table ever used
    finally:
        store.close()
    assert path.read_bytes() == before


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_the_braces_counted_a_step_at_a_time_find_an_id_given_twice_as_opening_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    from interview_tui.core import storage

    monkeypatch.setattr(storage, "BRACES_COUNTED_A_STEP", chunk)
    path = _with_followups(tmp_path / "w.json", 6)
    text = path.read_text()
    # The last follow-up given again under the id of the first: a merge that kept both.
    document = json.loads(text)
    first, last = sorted(document["followups"], key=int)[0], sorted(document["followups"], key=int)[-1]
    twice = text.replace(f'"{last}": {{', f'"{first}": {{', 1)
    assert twice != text
    path.write_text(twice)
    with pytest.raises(WorkspaceUnreadable) as at_once:
        Store.open(path, clock=lambda: FIXED_NOW).close()
    assert f"two records with id {first}" in str(at_once.value)
    with Store.open(path, clock=lambda: FIXED_NOW, later=("followups",)) as store:
        with pytest.raises(WorkspaceUnreadable) as in_steps:
            while not store.read_later("followups", 2):
                pass
    assert str(in_steps.value) == str(at_once.value)
    assert path.read_text() == twice


@pytest.mark.parametrize("chunk", [1, 5, 1 << 20])
def test_braces_in_the_text_of_a_table_read_later_are_no_id_given_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    from interview_tui.core import storage

    monkeypatch.setattr(storage, "BRACES_COUNTED_A_STEP", chunk)
    path = tmp_path / "w.json"
    with Store.open(path, clock=lambda: FIXED_NOW) as store:
        person = store.add_contact(Contact(name="Alex Example"))
        for note in ("ask {them} again", "{", "}{{"):
            store.add_followup(FollowUp(contact_id=person.id or 0, due=FIXED_NOW, note=note))
    with Store.open(path, clock=lambda: FIXED_NOW, later=("followups",)) as store:
        while not store.read_later("followups", 1):
            pass
        assert sorted(f.note for f in store.followups()) == sorted(["ask {them} again", "{", "}{{"])


# A table as this program writes it is found record by record -------------------------------


def _interviews_file(path: Path, answers: list[dict[str, str]]) -> Path:
    """A workspace of one contact and a conversation for each of ``answers``, as this program
    writes it."""
    with Store.open(path, clock=lambda: FIXED_NOW) as store, store.batch():
        person = store.add_contact(Contact(name="Alex Example"))
        for number, answered in enumerate(answers):
            store.add_interview(Interview(contact_id=person.id or 0, when=FIXED_NOW, answers=answered, notes=f"notes {number}"))
    return path


def test_a_table_as_this_program_writes_it_is_read_without_cutting_it_whole_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cutting a table into its records' texts is one long call (35-55 ms for 100,000
    follow-ups), which a key typed meanwhile waits for; a file of another layout still is."""
    from interview_tui.core import table_text

    cut: list[int] = []
    whole = table_text._records_as_text
    monkeypatch.setattr(table_text, "_records_as_text", lambda raw: cut.append(len(raw)) or whole(raw))
    ours = _interviews_file(tmp_path / "ours.json", [{"1": "a", "2": "b"}, {}, {"3": "c"}] * 3)
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(json.loads(ours.read_bytes())))  # compact, as another tool writes
    expected = _outcome(ours)
    assert _outcome(ours, later=("interviews",), steps=[1, 2, 3]) == expected
    assert cut == []
    assert _outcome(theirs, later=("interviews",), steps=[1, 2, 3]) == expected
    assert cut != []


_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.lists(st.dictionaries(st.sampled_from(["1", "2", "12"]), _text, max_size=3), min_size=1, max_size=5),
    indent=st.sampled_from(["\n      ", "\n        ", None]),
    damaged=st.one_of(st.none(), st.integers(0, 4)),
    steps=st.lists(st.integers(1, 3), max_size=4),
)
def test_what_looks_like_this_programs_layout_is_read_as_opening_reads_it(
    tmp_path: Path, answers: list[dict[str, str]], indent: str | None, damaged: int | None, steps: list[int]
) -> None:
    """Read record by record, a table whose records' own lines were moved to where a record's
    id stands (as JSON allows: spaces do not count), or whose record is damaged, gives what
    opening at once gives: the same records, or the same refusal."""
    path = _interviews_file(Path(tempfile.mkdtemp(dir=tmp_path)) / "w.json", answers)  # one per example
    raw = path.read_bytes()
    if indent is not None:  # lines inside records moved four spaces in, like a record's id
        raw = raw.replace(indent.encode() + b'"', b'\n    "')
    if damaged is not None and damaged < len(answers):
        document = json.loads(raw)
        key = sorted(document["interviews"], key=int)[damaged]
        raw = raw.replace(b'"notes": "notes %d"' % damaged, b'"notes": %d' % damaged)
        assert key in document["interviews"]
    path.write_bytes(raw)
    expected = _outcome(path)
    found = _outcome(path, later=("interviews",), steps=steps)
    assert found == expected
