"""Which conversation notes go to (n in the app, the note command): the latest one whose time has
come, since notes are taken after a conversation, not before the next one is held; else the soonest
one still to come (notes to prepare it); else one started now. A cancelled one is never taken."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from builders import NOW, Clock
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core import conversations, workflow
from interview_tui.core.models import Contact, Interview, InterviewStatus
from interview_tui.core.store import Store


@pytest.fixture
def alex(store: Store) -> int:
    contact = store.add_contact(Contact(name="Alex Example"))
    assert contact.id is not None
    return contact.id


def test_notes_after_a_call_go_to_it_not_to_the_one_planned_for_next_week(store: Store, clock: Clock, alex: int) -> None:
    held = workflow.schedule_interview(store, alex, "today 11am")
    clock.advance(hours=1, minutes=30)
    workflow.mark_done(store, held.id or 0)
    workflow.schedule_interview(store, alex, "next wed 3pm")

    noted = workflow.add_note(store, alex, "Start with a portfolio of two small studies.")

    assert noted.id == held.id
    assert store.interview(held.id or 0).notes == "Start with a portfolio of two small studies."


def test_a_call_whose_time_came_but_not_marked_done_is_still_the_one(store: Store, clock: Clock, alex: int) -> None:
    # Held and not marked done yet: its time has come all the same.
    first = workflow.schedule_interview(store, alex, "today 11am")
    workflow.schedule_interview(store, alex, "fri 3pm")
    clock.advance(hours=1, minutes=30)
    assert workflow.capture(store, alex).id == first.id


def test_a_call_at_this_very_moment_has_come(store: Store, alex: int) -> None:
    store.add_interview(Interview(contact_id=alex, when=NOW - timedelta(days=1)))
    now = store.add_interview(Interview(contact_id=alex, when=NOW))
    store.add_interview(Interview(contact_id=alex, when=NOW + timedelta(days=1)))
    assert workflow.capture(store, alex).id == now.id


def test_with_only_calls_still_to_come_the_soonest_one(store: Store, alex: int) -> None:
    later = workflow.schedule_interview(store, alex, "mon 3pm")
    sooner = workflow.schedule_interview(store, alex, "fri 3pm")
    assert sooner.when < later.when
    assert workflow.capture(store, alex).id == sooner.id
    assert len(store.interviews(alex)) == 2  # nothing new started


def test_of_two_calls_whose_time_came_the_later(store: Store, clock: Clock, alex: int) -> None:
    workflow.schedule_interview(store, alex, "today 11am")
    second = workflow.schedule_interview(store, alex, "today 2pm")
    clock.advance(days=1)
    assert workflow.capture(store, alex).id == second.id


def test_a_cancelled_call_is_passed_over(store: Store, clock: Clock, alex: int) -> None:
    held = workflow.schedule_interview(store, alex, "today 11am")
    called_off = workflow.schedule_interview(store, alex, "today 2pm")
    coming = workflow.schedule_interview(store, alex, "fri 3pm")
    clock.advance(hours=6)
    conversations.cancel(store, called_off.id or 0)
    assert workflow.capture(store, alex).id == held.id
    conversations.cancel(store, held.id or 0)
    assert workflow.capture(store, alex).id == coming.id


def test_with_none_or_only_cancelled_ones_a_new_one_dated_now(store: Store, clock: Clock, alex: int) -> None:
    started = workflow.capture(store, alex)
    assert (started.when, started.scheduled, started.status) == (NOW, False, InterviewStatus.PLANNED)

    bob = store.add_contact(Contact(name="Bob Sample"))
    assert bob.id is not None
    called_off = workflow.schedule_interview(store, bob.id, "fri 3pm")
    conversations.cancel(store, called_off.id or 0)
    fresh = workflow.capture(store, bob.id)
    assert fresh.id != called_off.id and fresh.when == NOW and not fresh.scheduled


# Conversations an hour apart at most two days either side of now, each cancelled or not.
_conversations = st.lists(
    st.tuples(st.integers(-48, 48), st.sampled_from(list(InterviewStatus))), min_size=1, max_size=8
)


@settings(max_examples=100, deadline=None)
@given(_conversations)
def test_capture_never_picks_a_future_conversation_when_one_whose_time_has_come_exists(
    planned: list[tuple[int, InterviewStatus]],
) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "w.json", clock=lambda: NOW) as store:
        contact = store.add_contact(Contact(name="Alex Example"))
        assert contact.id is not None
        for hours, status in planned:
            store.add_interview(Interview(contact_id=contact.id, when=NOW + timedelta(hours=hours), status=status))
        kept = [i for i in store.interviews(contact.id) if i.status is not InterviewStatus.CANCELLED]
        come = [i for i in kept if i.when <= NOW]
        to_come = [i for i in kept if i.when > NOW]

        chosen = workflow.capture(store, contact.id)

        assert chosen.status is not InterviewStatus.CANCELLED
        if come:
            assert chosen.when <= NOW
            assert chosen.when == max(i.when for i in come)
        elif to_come:
            assert chosen.when == min(i.when for i in to_come)
        else:
            assert chosen.when == NOW and not chosen.scheduled
