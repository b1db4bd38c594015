""""midnight" typed where a moment to come is wanted is the coming one: a follow-up due, a snooze,
a conversation scheduled or moved, an update to everyone queued. Today's 00:00 has always
passed by the time it is typed, and was saved as it: a follow-up overdue the moment it was
added. The clock is stopped at Wednesday 25 November 2026, 10:00."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import NOW, planned_conversation

from interview_tui.core import conversations, queue, workflow
from interview_tui.core.dates import parse_slot, parse_when
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact
from interview_tui.core.store import Store

COMING_MIDNIGHT = datetime(2026, 11, 26, 0, 0)


def test_a_follow_up_due_at_midnight_is_due_at_the_coming_one(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    added = workflow.add_followup(store, alex.id, "midnight", note="send the portfolio")
    assert added.due == COMING_MIDNIGHT
    assert added.due > NOW


def test_a_follow_up_due_tomorrow_at_midnight_is_due_as_tomorrow_starts(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    assert workflow.add_followup(store, alex.id, "tomorrow midnight").due == COMING_MIDNIGHT
    assert workflow.add_followup(store, alex.id, "fri at midnight").due == datetime(2026, 11, 27, 0, 0)


def test_snoozing_to_midnight_snoozes_to_the_coming_one(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    followup = workflow.add_followup(store, alex.id, "today 3pm")
    assert queue.snooze(store, followup, "at midnight").due == COMING_MIDNIGHT


def test_a_conversation_scheduled_or_moved_to_midnight_is_at_the_coming_one(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    scheduled = workflow.schedule_interview(store, alex.id, "midnight")
    assert scheduled.when == COMING_MIDNIGHT
    _, planned = planned_conversation(store, "Sam Sample", "fri 3pm")
    assert planned.id is not None
    assert conversations.move(store, planned.id, "midnight").when == COMING_MIDNIGHT


def test_an_update_to_everyone_due_at_midnight_is_due_at_the_coming_one(store: Store) -> None:
    _, planned = planned_conversation(store, "Alex Example", "yesterday 3pm")
    assert planned.id is not None
    workflow.mark_done(store, planned.id)
    queued = workflow.update_everyone(store, "I start the nursing programme in May", "midnight")
    assert [f.due for f in queued] == [COMING_MIDNIGHT]


def test_12am_and_00_00_alone_are_the_coming_midnight_as_midnight_is(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    for typed in ("12am", "at 12am", "12 a.m.", "12:00am", "00:00", "0:00", "00.00"):
        assert workflow.add_followup(store, alex.id, typed).due == COMING_MIDNIGHT, typed
    followup = workflow.add_followup(store, alex.id, "today 3pm")
    assert queue.snooze(store, followup, "00:00").due == COMING_MIDNIGHT
    assert workflow.schedule_interview(store, alex.id, "12am").when == COMING_MIDNIGHT


def test_a_range_from_midnight_with_no_day_starts_at_the_coming_midnight_as_its_start_alone(store: Store) -> None:
    for typed, start_alone, minutes in [
        ("12am-1am", "12am", 60),
        ("00:00-01:00", "00:00", 60),
        ("12am to 1am", "12am", 60),
        ("at 00:00 - 01:00", "at 00:00", 60),
        ("0:00-0:30", "0:00", 30),
        ("midnight-1am", "midnight", 60),
        ("midnight to 1am", "midnight", 60),
        ("at midnight - 1am", "at midnight", 60),
    ]:
        assert parse_slot(typed, NOW, ahead=True) == (COMING_MIDNIGHT, minutes), typed
        assert parse_when(start_alone, NOW, ahead=True) == COMING_MIDNIGHT, start_alone
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    scheduled = workflow.schedule_interview(store, alex.id, "12am-1am")
    assert (scheduled.when, scheduled.minutes) == (COMING_MIDNIGHT, 60)
    # A follow-up is due at one moment: a range is refused, naming the start, which is then due
    # at the coming midnight.
    with pytest.raises(InvalidInput, match="type '00:00'"):
        workflow.add_followup(store, alex.id, "00:00-01:00")
    assert workflow.add_followup(store, alex.id, "00:00").due == COMING_MIDNIGHT


def test_12am_and_00_00_with_a_day_or_where_the_past_is_wanted_are_read_as_before() -> None:
    today = datetime(2026, 11, 25, 0, 0)
    for typed in ("today 12am", "today 00:00", "today 12am-1am", "today 00:00-00:30"):
        assert parse_when(typed, NOW, ahead=True) == today, typed
    for typed in ("12am-1am", "00:00-00:30", "midnight-1am"):
        assert parse_when(typed, NOW) == today, typed
    assert parse_when("fri 00:00", NOW, ahead=True) == datetime(2026, 11, 27, 0, 0)
    assert parse_when("tomorrow 12am", NOW, ahead=True) == COMING_MIDNIGHT
    for typed in ("12am", "00:00"):
        assert parse_when(typed, NOW) == today, typed
