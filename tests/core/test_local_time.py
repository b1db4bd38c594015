"""A time that the local clocks skip (the night daylight saving starts) is refused when typed,
with a message; every other time is kept as typed. The local zone is found by its name."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core import conversations, local_time, queue, workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, FollowUp
from interview_tui.core.store import Store

BEFORE_SPRING = datetime(2026, 3, 25, 10, 0)
"""Wednesday 25 March 2026; in Berlin the clocks go from 02:00 to 03:00 on Sunday the 29th."""


def _set_zone(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time.tzset()


@pytest.fixture
def store(tmp_path: Path, berlin: None) -> Iterator[Store]:
    opened = Store.open(tmp_path / "w.json", clock=lambda: BEFORE_SPRING)
    yield opened
    opened.close()


@pytest.fixture
def alex(store: Store) -> Contact:
    return store.add_contact(Contact(name="Alex Example"))


def test_scheduling_in_the_skipped_hour_is_refused_with_a_message(store: Store, alex: Contact) -> None:
    with pytest.raises(InvalidInput) as refused:
        workflow.schedule_interview(store, alex.id, "2026-03-29 02:30")
    assert refused.value.field == "when"
    assert "02:30 on Sun 29 Mar 2026 does not exist here" in str(refused.value)
    assert "daylight saving" in str(refused.value) and "03:30" in str(refused.value)
    assert store.interviews(alex.id) == []


def test_the_hour_after_the_jump_and_the_repeated_autumn_hour_are_kept(store: Store, alex: Contact) -> None:
    spring = workflow.schedule_interview(store, alex.id, "2026-03-29 03:30")
    autumn = workflow.schedule_interview(store, alex.id, "2026-10-25 02:30")  # happens twice: it exists
    assert (spring.when, autumn.when) == (datetime(2026, 3, 29, 3, 30), datetime(2026, 10, 25, 2, 30))


def test_a_conversation_held_in_the_skipped_hour_is_refused(store: Store, alex: Contact) -> None:
    planned = workflow.schedule_interview(store, alex.id, "2026-03-25 11:00")
    with pytest.raises(InvalidInput, match="does not exist here") as refused:
        workflow.mark_done(store, planned.id, at=datetime(2026, 3, 29, 2, 30))
    assert refused.value.field == "when"
    assert store.interview(planned.id).status.value == "planned"


def test_moving_a_conversation_into_the_skipped_hour_is_refused(store: Store, alex: Contact) -> None:
    planned = workflow.schedule_interview(store, alex.id, "2026-03-28 15:00")
    with pytest.raises(InvalidInput, match="does not exist here") as refused:
        conversations.move(store, planned.id, "2026-03-29 02:15")
    assert refused.value.field == "when"
    assert store.interview(planned.id).when == datetime(2026, 3, 28, 15, 0)


def test_a_follow_up_due_or_snoozed_into_the_skipped_hour_is_refused(store: Store, alex: Contact) -> None:
    with pytest.raises(InvalidInput, match="does not exist here") as refused:
        workflow.add_followup(store, alex.id, "2026-03-29 02:00")
    assert refused.value.field == "due"
    followup = workflow.add_followup(store, alex.id, "2026-03-27 09:00")
    with pytest.raises(InvalidInput, match="does not exist here"):
        queue.snooze(store, store.followup(followup.id), "2026-03-29 02:45")
    assert store.followup(followup.id).due == datetime(2026, 3, 27, 9, 0)


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)))
def test_only_the_skipped_hours_do_not_exist(moment: datetime) -> None:
    before = os.environ.get("TZ")
    _set_zone("Europe/Berlin")
    try:
        skipped = any(
            day <= moment < day + timedelta(hours=1)
            for day in (datetime(2026, 3, 29, 2, 0), datetime(2027, 3, 28, 2, 0))
        )
        assert local_time.exists_locally(moment) is not skipped
    finally:
        _set_zone(before)


def test_the_local_zone_is_known_by_its_name(berlin: None) -> None:
    assert local_time.zone_name() == "Europe/Berlin"
    zone = local_time.local_zone()
    assert zone is not None and str(zone) == "Europe/Berlin"


def test_a_zone_without_a_name_exports_in_utc() -> None:
    before = os.environ.get("TZ")
    _set_zone("EST5EDT,M3.2.0,M11.1.0")
    try:
        assert local_time.local_zone() is None
        moment = local_time.aware(datetime(2026, 12, 1, 15, 0), None)
        assert moment.utcoffset() == timedelta(0) and moment.hour == 20
    finally:
        _set_zone(before)


def test_a_stored_follow_up_is_not_checked_again(store: Store, alex: Contact) -> None:
    # Only what is typed is refused: a record already in the file (written by hand, or on a
    # machine in another zone) opens and stays as it is.
    kept = store.add_followup(FollowUp(contact_id=alex.id, due=datetime(2026, 3, 29, 2, 30)))
    assert store.followup(kept.id).due == datetime(2026, 3, 29, 2, 30)


def test_a_range_ending_in_the_skipped_hour_is_refused_with_a_message(store: Store, alex: Contact) -> None:
    with pytest.raises(InvalidInput) as refused:
        workflow.schedule_interview(store, alex.id, "2026-03-29 1:30am-2:30am")
    assert refused.value.field == "when"
    assert str(refused.value) == (
        "01:30-02:30 on Sun 29 Mar 2026 ends at a time that does not exist here: the clocks go forward "
        "that night (daylight saving). Type its start alone, with 60 minutes as its length."
    )
    assert store.interviews(alex.id) == []
    # What it says to type is taken (another end, as it said before, gave a range across the
    # jump, refused in turn).
    assert workflow.schedule_interview(store, alex.id, "2026-03-29 1:30am", minutes=60).minutes == 60


def test_a_range_across_the_skipped_hour_is_refused_saying_how_long_it_really_is(store: Store, alex: Contact) -> None:
    with pytest.raises(InvalidInput) as refused:
        workflow.schedule_interview(store, alex.id, "2026-03-29 1:30am-3:30am")
    assert str(refused.value) == (
        "01:30-03:30 on Sun 29 Mar 2026 is 60 minutes, not 120: the clocks go forward that night "
        "(daylight saving). Type its start alone, with 60 minutes as its length."
    )
    assert store.interviews(alex.id) == []
    planned = workflow.schedule_interview(store, alex.id, "2026-03-28 1:30am-3:30am")
    with pytest.raises(InvalidInput) as moved:
        conversations.move(store, planned.id, "2026-03-29 1:30am-3:30am")
    assert "is 60 minutes, not 120" in str(moved.value)
    assert (store.interview(planned.id).when.day, store.interview(planned.id).minutes) == (28, 120)
    # Either side of the jump, a range is booked as typed.
    assert workflow.schedule_interview(store, alex.id, "2026-03-29 3am-4am").minutes == 60


def test_a_range_held_across_the_night_the_clocks_change_is_refused_as_when_scheduled(tmp_path: Path, berlin: None) -> None:
    """When a conversation was held takes a range as its length ('yesterday 4pm-5pm'): across the
    night the clocks go forward, or ending in the hour they skip, it is refused, where it was saved
    with the length the clock times gave. No length can be given beside it there, so the advice is
    the start alone, which keeps the length planned."""
    after_spring = Store.open(tmp_path / "held.json", clock=lambda: datetime(2026, 3, 30, 10, 0))
    try:
        alex = after_spring.add_contact(Contact(name="Alex Example"))
        planned = workflow.schedule_interview(after_spring, alex.id, "2026-03-30 11:00")
        with pytest.raises(InvalidInput) as across:
            workflow.mark_done(after_spring, planned.id, at=datetime(2026, 3, 29, 1, 30), minutes=120)
        assert across.value.field == "when"
        assert str(across.value) == (
            "01:30-03:30 on Sun 29 Mar 2026 is 60 minutes, not 120: the clocks go forward that night "
            "(daylight saving). Type its start alone; it keeps the length it was planned for."
        )
        with pytest.raises(InvalidInput) as skipped:
            workflow.mark_done(after_spring, planned.id, at=datetime(2026, 3, 29, 1, 30), minutes=60)
        assert str(skipped.value) == (
            "01:30-02:30 on Sun 29 Mar 2026 ends at a time that does not exist here: the clocks go forward "
            "that night (daylight saving). Type its start alone; it keeps the length it was planned for."
        )
        kept = after_spring.interview(planned.id)
        assert (kept.status.value, kept.when, kept.minutes) == ("planned", datetime(2026, 3, 30, 11, 0), 20)
        # Either side of the jump, the range is kept as typed.
        workflow.mark_done(after_spring, planned.id, at=datetime(2026, 3, 29, 3, 0), minutes=60)
        assert after_spring.interview(planned.id).minutes == 60
    finally:
        after_spring.close()


def test_a_range_across_the_night_the_clocks_go_back_is_refused_saying_how_long_it_really_is(
    store: Store, alex: Contact
) -> None:
    """On 25 Oct 2026 Berlin's clocks go from 03:00 back to 02:00: '1:30am-3:30am' by the clock
    lasts three hours, and saying so names the way the clocks went."""
    with pytest.raises(InvalidInput) as refused:
        workflow.schedule_interview(store, alex.id, "2026-10-25 1:30am-3:30am")
    assert refused.value.field == "when"
    assert str(refused.value) == (
        "01:30-03:30 on Sun 25 Oct 2026 is 180 minutes, not 120: the clocks go back that night "
        "(daylight saving). Type its start alone, with 180 minutes as its length."
    )
    assert store.interviews(alex.id) == []
    assert workflow.schedule_interview(store, alex.id, "2026-10-25 1:30am", minutes=180).minutes == 180
