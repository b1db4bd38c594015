"""Notes started with n before any time was agreed, then given one: the conversation is scheduled
from then on, as one planned with s is. The contact moves to scheduled and a pending nudge goes;
moving a conversation that had a time already changes neither. And a move is held to the same
length of conversation as scheduling (1 to 600 minutes)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from builders import NOW

from interview_tui.core import conversations, workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, FollowUpKind, Stage
from interview_tui.core.store import Store


@pytest.fixture
def dee(store: Store) -> Contact:
    return store.add_contact(Contact(name="Dee Doe"))


def test_notes_given_a_time_move_the_contact_to_scheduled_and_close_the_nudge(store: Store, dee: Contact) -> None:
    assert dee.id is not None
    workflow.log_ask(store, dee.id)
    nudges = [f for f in store.followups(include_done=False) if f.kind is FollowUpKind.NUDGE]
    notes = workflow.add_note(store, dee.id, "She said to read up on service design.")
    assert notes.id is not None and not notes.scheduled
    assert store.contact(dee.id).stage is Stage.ASKED

    moved = conversations.move(store, notes.id, "fri 3pm")

    assert moved.scheduled
    assert store.contact(dee.id).stage is Stage.SCHEDULED
    assert moved.notes == "She said to read up on service design."
    open_nudges = [f for f in store.followups(include_done=False) if f.kind is FollowUpKind.NUDGE]
    assert nudges and open_nudges == []
    closed = store.followup(nudges[0].id or 0)
    assert closed.done_at is not None and closed.note.endswith("(a conversation was scheduled)")


def test_moving_a_conversation_that_had_a_time_leaves_the_stage_as_it_is(store: Store, dee: Contact) -> None:
    assert dee.id is not None
    planned = workflow.schedule_interview(store, dee.id, "fri 3pm")
    contact = store.contact(dee.id)
    contact.stage = Stage.CLOSED  # the person's own call, which a move must not undo
    store.update_contact(contact)
    assert planned.id is not None
    conversations.move(store, planned.id, "mon 9am")
    assert store.contact(dee.id).stage is Stage.CLOSED


def test_one_undo_takes_back_the_time_and_the_stage_together(store: Store, dee: Contact) -> None:
    assert dee.id is not None
    notes = workflow.add_note(store, dee.id, "notes")
    assert notes.id is not None
    conversations.move(store, notes.id, "fri 3pm")
    store.undo()
    assert store.contact(dee.id).stage is Stage.IDENTIFIED
    assert not store.interview(notes.id).scheduled


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("mon 8am-7pm", "'mon 8am-7pm' is 660 minutes; a conversation lasts between 1 and 600."),
        ("mon 9am-9am", "'9am-9am' ends when it starts"),
    ],
)
def test_a_move_to_a_range_no_conversation_can_last_is_refused_and_changes_nothing(
    store: Store, dee: Contact, when: str, message: str
) -> None:
    assert dee.id is not None
    notes = workflow.add_note(store, dee.id, "notes")
    assert notes.id is not None
    before = store.interview(notes.id)
    with pytest.raises(InvalidInput) as refused:
        conversations.move(store, notes.id, when)
    assert refused.value.field == "when"
    assert message in str(refused.value)
    assert store.interview(notes.id) == before
    assert store.contact(dee.id).stage is Stage.IDENTIFIED


def test_the_longest_range_a_conversation_can_last_is_taken(store: Store, dee: Contact) -> None:
    assert dee.id is not None
    notes = workflow.add_note(store, dee.id, "notes")
    assert notes.id is not None
    moved = conversations.move(store, notes.id, "mon 8am-6pm")
    assert moved.minutes == 600
    assert moved.when == (NOW + timedelta(days=5)).replace(hour=8, minute=0)


@pytest.mark.parametrize("typed", ["", "  "])
def test_a_length_left_empty_is_the_usual_twenty(typed: str) -> None:
    assert workflow.minutes_of(typed) == 20


def test_the_shortest_range_a_conversation_can_last_is_taken(store: Store, dee: Contact) -> None:
    assert dee.id is not None
    notes = workflow.add_note(store, dee.id, "notes")
    assert notes.id is not None
    assert conversations.move(store, notes.id, "mon 9:00-9:01am").minutes == 1
