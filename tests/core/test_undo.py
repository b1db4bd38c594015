"""Undo: each change of the session can be taken back, newest first, restoring exactly the records
it touched (links included) and never the words typed since; a change whose save fails leaves
memory as it was."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from builders import NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core import workflow
from interview_tui.core.errors import InvalidInput, SaveFailed
from interview_tui.core.history import UNDO_DEPTH, merged
from interview_tui.core.models import Contact, FollowUp, InterviewStatus, Stage
from interview_tui.core.store import Store

from .conftest import fail_saves


def records(store: Store) -> dict[str, Any]:
    """Every record's document, by table, as the file will hold them (a deep copy). An empty
    table holds no record: whether it is there or not is no difference a person could see."""
    return copy.deepcopy({k: v for k, v in (store.storage.read() or {}).items() if k != "meta" and v})


def test_nothing_to_undo_is_said_and_changes_nothing(store: Store, db_path: Path) -> None:
    writes = store.storage.writes
    with pytest.raises(InvalidInput, match="Nothing to undo"):
        store.undo()
    assert store.storage.writes == writes


def test_opening_a_workspace_leaves_nothing_to_undo(store: Store) -> None:
    """Seeding the question bank is not the person's change: undo must not take it away."""
    store.add_contact(Contact(name="Ann Example"))
    store.close()
    reopened = Store.open(store.path)
    try:
        assert not reopened.can_undo()
        assert len(reopened.questions()) == 9
    finally:
        reopened.close()


def test_a_delete_is_undone_with_everything_that_went_with_it(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample", referred_by=alex.id))
    interview = workflow.schedule_interview(store, alex.id, "tomorrow 3pm")
    workflow.mark_done(store, interview.id)
    before = records(store)

    store.delete_contact(alex.id)
    assert store.contact(sam.id).referred_by is None
    undone = store.undo()

    assert store.describe(undone) == "Deleted Alex Example"
    assert records(store) == before
    assert store.contact(sam.id).referred_by == alex.id
    assert store.trash() == []
    assert [i.id for i in store.interviews(alex.id)] == [interview.id]


def test_undo_goes_back_change_by_change_and_survives_a_reopen(store: Store, db_path: Path) -> None:
    states = [records(store)]
    ann = store.add_contact(Contact(name="Ann Example"))
    states.append(records(store))
    workflow.log_ask(store, ann.id)
    states.append(records(store))
    workflow.set_tags(store, ann.id, "#design #london")
    states.append(records(store))
    for expected in reversed(states[:-1]):
        store.undo()
        assert records(store) == expected
    store.close()
    reopened = Store.open(db_path)
    try:
        assert reopened.contacts() == []
    finally:
        reopened.close()


def test_each_kind_of_change_is_undone_to_the_record(store: Store) -> None:
    """The changes the issue names: a follow-up done or snoozed, an ask marked sent, a reply
    logged, a conversation marked done, a stage or contact edit, a tag change."""
    ann = store.add_contact(Contact(name="Ann Example"))
    reminder = store.add_followup(FollowUp(contact_id=ann.id, due=NOW, note="reminder"))
    steps = [
        lambda: workflow.log_ask(store, ann.id),
        lambda: workflow.log_reply(store, ann.id),
        lambda: workflow.schedule_interview(store, ann.id, "tomorrow 3pm"),
        lambda: workflow.mark_done(store, store.interviews(ann.id)[0].id),
        lambda: workflow.complete_followup(store, store.open_followups_of(ann.id)[0].id, note="sent"),
        lambda: workflow.set_tags(store, ann.id, "#mentor"),
        lambda: _edit(store, ann.id, stage=Stage.CLOSED, company="Acme"),
        lambda: _snooze(store, reminder.id),
    ]
    for step in steps:
        before = records(store)
        step()
        assert records(store) != before
        store.undo()
        assert records(store) == before
        step()


def _edit(store: Store, contact_id: int, **changes: Any) -> None:
    contact = Contact.from_doc(store.contact(contact_id).to_doc(), contact_id)
    for name, value in changes.items():
        setattr(contact, name, value)
    store.update_contact(contact)


def _snooze(store: Store, followup_id: int) -> None:
    followup = store.followup(followup_id)
    followup.due += timedelta(days=3)
    store.update_followup(followup)


def test_undo_keeps_words_typed_since_the_change(store: Store) -> None:
    """Marking a conversation done, then typing its notes, then undo: the conversation is
    planned again and the notes are still there."""
    ann = store.add_contact(Contact(name="Ann Example"))
    interview = workflow.schedule_interview(store, ann.id, "tomorrow 3pm")
    workflow.mark_done(store, interview.id)
    text = workflow.interview_document(store, store.interview(interview.id))
    workflow.save_document(store, interview.id, text.replace("## Notes\n", "## Notes\nShe loves maps\n"))

    store.undo()

    undone = store.interview(interview.id)
    assert undone.status is InterviewStatus.PLANNED
    assert "She loves maps" in undone.notes
    assert store.open_followups_of(ann.id) == []


def test_a_conversation_created_then_typed_into_is_not_taken_away(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    interview = workflow.capture(store, ann.id)
    store.save_notes(interview.id, "Everything she said")
    store.undo()
    assert store.interview(interview.id).notes == "Everything she said"


def test_notes_typed_are_not_a_change_to_undo(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    interview = workflow.capture(store, ann.id)
    depth = len(store.history)
    store.save_notes(interview.id, "typed")
    assert len(store.history) == depth


def test_a_failed_undo_changes_nothing_and_can_be_tried_again(store: Store, monkeypatch) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    store.delete_contact(ann.id)
    after_delete = records(store)
    fail_saves(monkeypatch)
    with pytest.raises(SaveFailed):
        store.undo()
    assert records(store) == after_delete
    assert store.can_undo()
    monkeypatch.undo()
    store.undo()
    assert store.contact(ann.id).name == "Ann Example"


def test_at_least_twenty_changes_can_be_undone(store: Store) -> None:
    assert UNDO_DEPTH >= 20
    for number in range(UNDO_DEPTH + 5):
        store.add_contact(Contact(name=f"Person {number:02d}"))
    for _ in range(UNDO_DEPTH):
        store.undo()
    assert [c.name for c in store.contacts()] == [f"Person {n:02d}" for n in range(5)]
    with pytest.raises(InvalidInput):
        store.undo()


def test_a_change_that_changed_nothing_is_not_an_undo_step(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    depth = len(store.history)
    with store.change("nothing"):
        pass
    workflow.set_tags(store, ann.id, "")
    assert len(store.history) == depth


def test_a_change_without_a_label_is_described_by_whom_it_touched(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    _edit(store, ann.id, company="Acme")
    assert store.describe(store.undo()) == "the last change to Ann Example"
    workflow.log_ask(store, ann.id)
    assert store.describe(store.undo()) == "Ask to Ann Example marked sent"


def test_a_question_retired_and_undone_is_named(store: Store) -> None:
    """Found by a tester: a question retired by a stray key was undone as "the last change",
    which did not say what had been put back."""
    first = store.questions()[0]
    workflow.toggle_question(store, first.id or 0)
    said = store.describe(store.undo())
    assert said.startswith("the last change to the question “") and first.text[:20] in said
    assert len(said) < 90


# The merge rule, alone ---------------------------------------------------------------------------

DOCS = st.none() | st.dictionaries(st.sampled_from("abcd"), st.integers(0, 3), max_size=4)


@given(before=DOCS, after=DOCS)
def test_an_untouched_record_goes_back_exactly(before, after) -> None:
    assert merged(before, after, after) == before


@given(
    before=st.dictionaries(st.sampled_from("abcd"), st.integers(0, 3), min_size=1, max_size=4),
    after=st.dictionaries(st.sampled_from("abcd"), st.integers(0, 3), min_size=1, max_size=4),
    now=st.dictionaries(st.sampled_from("abcd"), st.integers(0, 3), min_size=1, max_size=4),
)
def test_fields_changed_since_keep_their_new_value(before, after, now) -> None:
    result = merged(before, after, now)
    assert result is not None
    for name in now.keys() | after.keys():
        if now.get(name) != after.get(name):
            assert result.get(name) == now.get(name)
        else:
            assert result.get(name) == before.get(name)


def test_a_record_created_by_the_change_and_written_since_is_kept() -> None:
    assert merged(None, {"notes": ""}, {"notes": "typed"}) == {"notes": "typed"}
    assert merged(None, {"notes": ""}, {"notes": ""}) is None


# The invariant, over random sessions -------------------------------------------------------------

ACTIONS = st.lists(
    st.sampled_from(["add", "edit", "ask", "tag", "delete", "schedule", "done", "restore"]),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS, picks=st.lists(st.integers(0, 10), min_size=8, max_size=8))
def test_undoing_every_change_of_a_session_gives_back_the_workspace_it_opened(
    tmp_path: Path, actions: list[str], picks: list[int]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        store = Store.open(Path(folder) / "w.json", clock=lambda: NOW)
        try:
            with store.batch():
                for name in ("Ann Example", "Bob Sample", "Cy Placeholder"):
                    store.add_contact(Contact(name=name))
            store.history.clear()
            opened = records(store)
            states = [opened]
            for action, pick in zip(actions, picks, strict=False):
                depth = len(store.history)
                _act(store, action, pick)
                if len(store.history) > depth:  # an edit to the same value changes nothing
                    states.append(records(store))
                else:
                    assert records(store) == states[-1]
            for expected in reversed(states[:-1]):
                store.undo()
                assert records(store) == expected
            assert not store.can_undo()
        finally:
            store.close()


def _act(store: Store, action: str, pick: int) -> bool:
    """Do ``action`` on a contact chosen by ``pick``; False when it did not apply."""
    contacts = store.contacts()
    if action == "restore":
        trash = store.trash()
        if not trash:
            return False
        store.restore(trash[pick % len(trash)].id)
        return True
    if action == "add":
        store.add_contact(Contact(name=f"New {pick}", referred_by=contacts[0].id if contacts else None))
        return True
    if not contacts:
        return False
    contact = contacts[pick % len(contacts)]
    assert contact.id is not None
    if action == "edit":
        _edit(store, contact.id, company=f"Company {pick}")
    elif action == "ask":
        workflow.log_ask(store, contact.id)
    elif action == "tag":
        workflow.set_tags(store, contact.id, f"#t{pick}")
    elif action == "delete":
        store.delete_contact(contact.id)
    elif action == "schedule":
        workflow.schedule_interview(store, contact.id, "tomorrow 3pm")
    elif action == "done":
        planned = [i for i in store.interviews(contact.id) if i.status is InterviewStatus.PLANNED]
        if not planned:
            return False
        workflow.mark_done(store, planned[0].id)
    return True


def test_with_nothing_left_to_undo_the_message_says_why(store: Store) -> None:
    with pytest.raises(InvalidInput, match="no change has been made since the workspace was opened"):
        store.undo()
    store.add_contact(Contact(name="Forget Me"))
    store.purge([store.delete_contact(store.find_contact("Forget Me").id or 0).id or 0])
    with pytest.raises(InvalidInput, match="Nothing more to undo: .* erased for good"):
        store.undo()


def test_an_id_freed_by_a_delete_is_not_given_again_so_undoing_the_delete_brings_it_back(tmp_path: Path) -> None:
    """Deleting the person with the newest conversation frees its id; a conversation added
    next must not take it, or undoing the delete would find its place taken (and fail)."""
    from interview_tui.core.models import Interview

    store = Store.open(tmp_path / "w.json", clock=lambda: NOW)
    alex = store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    talk = store.add_interview(Interview(contact_id=alex.id or 0, when=NOW, notes="what Alex said"))
    store.close()
    store = Store.open(tmp_path / "w.json", clock=lambda: NOW)  # a new session: nothing added yet
    store.delete_contact(alex.id or 0)
    added = store.add_interview(Interview(contact_id=sam.id or 0, when=NOW))
    assert added.id != talk.id
    store.save_notes(added.id or 0, "typed after")
    store.undo()  # the conversation added
    store.undo()  # the delete
    assert store.interview(talk.id or 0).notes == "what Alex said"
    assert store.contact(alex.id or 0).name == "Alex Example"
    assert store.interview(added.id or 0).notes == "typed after"  # written to since: kept
    store.close()
