"""The follow-up queue: stored follow-ups and cadence check-ins together, grouped by when they are
due; snooze and done on either kind; repeating follow-ups.

A stopped, movable clock starts on Wednesday 25 November 2026, 10:00 (naive local time).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from builders import NOW, Clock

from interview_tui.core import queue, workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.keep_in_touch import QueueGroup, group_of
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Relationship, Stage, Touch, TouchKind
from interview_tui.core.store import Store


@pytest.fixture
def family(store: Store) -> Contact:
    """Thanked, last in touch on 26 October: the family cadence (30 days) asks for a check-in
    today at 09:00."""
    contact = store.add_contact(Contact(name="Alex Example", relationship=Relationship.FAMILY, stage=Stage.THANKED))
    store.add_touch(Touch(contact_id=contact.id, kind=TouchKind.THANKED, at=datetime(2026, 10, 26, 15, 0)))
    return contact


@pytest.fixture
def colleague(store: Store) -> Contact:
    return store.add_contact(Contact(name="Sam Sample", relationship=Relationship.COLLEAGUE))


def check_ins_of(store: Store, contact_id: int) -> list[FollowUp]:
    return [f for f in queue.build_queue(store) if f.contact_id == contact_id and f.kind is FollowUpKind.CHECK_IN]


# Grouping --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "group"),
    [
        (datetime(2026, 11, 1, 9, 0), QueueGroup.OVERDUE),
        (datetime(2026, 11, 24, 23, 59), QueueGroup.OVERDUE),
        (datetime(2026, 11, 25, 0, 0), QueueGroup.TODAY),
        (datetime(2026, 11, 25, 9, 0), QueueGroup.TODAY),  # earlier today is not "overdue"
        (datetime(2026, 11, 25, 23, 59), QueueGroup.TODAY),
        (datetime(2026, 11, 26, 0, 0), QueueGroup.THIS_WEEK),
        (datetime(2026, 12, 2, 23, 59), QueueGroup.THIS_WEEK),  # +7 days
        (datetime(2026, 12, 3, 0, 0), QueueGroup.LATER),  # +8 days
        (datetime(2027, 6, 1, 9, 0), QueueGroup.LATER),
    ],
)
def test_groups_by_calendar_day(due: datetime, group: QueueGroup) -> None:
    assert group_of(due, NOW) is group


def test_this_week_on_a_saturday_reaches_the_next_saturday() -> None:
    saturday = datetime(2026, 11, 28, 18, 0)
    assert group_of(datetime(2026, 11, 30, 9, 0), saturday) is QueueGroup.THIS_WEEK  # Monday
    assert group_of(datetime(2026, 12, 5, 9, 0), saturday) is QueueGroup.THIS_WEEK
    assert group_of(datetime(2026, 12, 6, 9, 0), saturday) is QueueGroup.LATER


# Building the queue ----------------------------------------------------------------------------


def test_queue_holds_stored_follow_ups_and_check_ins_soonest_first(
    store: Store, family: Contact, colleague: Contact
) -> None:
    later = workflow.add_followup(store, colleague.id, "2026-12-10", note="later")
    overdue = workflow.add_followup(store, colleague.id, "2026-11-20 14:00", kind=FollowUpKind.NUDGE)
    today = workflow.add_followup(store, colleague.id, "today 4pm", note="this afternoon")
    done = workflow.add_followup(store, colleague.id, "yesterday", note="done already")
    workflow.complete_followup(store, done.id)

    entries = queue.build_queue(store)
    assert [(f.contact_id, f.kind, f.due) for f in entries] == [
        (colleague.id, FollowUpKind.NUDGE, datetime(2026, 11, 20, 14, 0)),
        (family.id, FollowUpKind.CHECK_IN, datetime(2026, 11, 25, 9, 0)),
        (colleague.id, FollowUpKind.CUSTOM, datetime(2026, 11, 25, 16, 0)),
        (colleague.id, FollowUpKind.CUSTOM, datetime(2026, 12, 10, 9, 0)),
    ]
    assert [f.id for f in entries] == [overdue.id, None, today.id, later.id]
    assert entries[1].from_cadence
    # Working out the queue stores nothing.
    assert len(store.followups(include_done=True)) == 4


def test_queue_without_cadences_is_the_open_follow_ups(store: Store, colleague: Contact) -> None:
    first = workflow.add_followup(store, colleague.id, "tomorrow")
    second = workflow.add_followup(store, colleague.id, "today")
    assert [f.id for f in queue.build_queue(store)] == [second.id, first.id]


def test_due_within_days(store: Store, family: Contact, colleague: Contact, clock: Clock) -> None:
    workflow.add_followup(store, colleague.id, "yesterday", note="overdue")
    workflow.add_followup(store, colleague.id, "today 11pm", note="tonight")
    workflow.add_followup(store, colleague.id, "in 7 days 11pm", note="a week")
    workflow.add_followup(store, colleague.id, "in 8 days", note="too far")
    entries = queue.build_queue(store)
    notes = lambda found: [f.note for f in found if f.contact_id == colleague.id]  # noqa: E731
    assert notes(queue.due_within(entries, clock(), 0)) == ["overdue", "tonight"]
    assert notes(queue.due_within(entries, clock(), 7)) == ["overdue", "tonight", "a week"]
    assert any(f.contact_id == family.id for f in queue.due_within(entries, clock(), 0))
    with pytest.raises(InvalidInput) as caught:
        queue.due_within(entries, clock(), -1)
    assert caught.value.field == "within"


# Snooze ---------------------------------------------------------------------------------------


def test_snooze_a_stored_follow_up(store: Store, db_path: Path, colleague: Contact, clock: Clock) -> None:
    nudge = workflow.add_followup(store, colleague.id, "yesterday", kind=FollowUpKind.NUDGE)
    moved = queue.snooze(store, nudge, "3d")
    assert moved.id == nudge.id
    assert moved.due == datetime(2026, 11, 28, 9, 0)
    assert [f.due for f in queue.build_queue(store)] == [datetime(2026, 11, 28, 9, 0)]
    store.close()
    with Store.open(db_path, clock=clock) as reopened:
        assert reopened.followup(nudge.id).due == datetime(2026, 11, 28, 9, 0)


def test_snooze_a_cadence_check_in_stores_it_for_that_date(store: Store, db_path: Path, family: Contact, clock: Clock) -> None:
    (computed,) = check_ins_of(store, family.id)
    assert computed.id is None
    stored = queue.snooze(store, computed, "next mon")
    assert stored.id is not None and stored.from_cadence
    assert stored.due == datetime(2026, 11, 30, 9, 0)
    # It stands in for the computed one: one check-in, on the new date, also after reopening.
    assert [(f.id, f.due) for f in check_ins_of(store, family.id)] == [(stored.id, datetime(2026, 11, 30, 9, 0))]
    store.close()
    with Store.open(db_path, clock=clock) as reopened:
        assert [(f.id, f.due) for f in check_ins_of(reopened, family.id)] == [(stored.id, datetime(2026, 11, 30, 9, 0))]


@pytest.mark.parametrize("when", ["yesterday", "2026-11-24 23:59", "2025-01-01"])
def test_snooze_into_the_past_is_refused_and_changes_nothing(
    store: Store, db_path: Path, family: Contact, colleague: Contact, when: str
) -> None:
    nudge = workflow.add_followup(store, colleague.id, "today", kind=FollowUpKind.NUDGE)
    (computed,) = check_ins_of(store, family.id)
    before = db_path.read_bytes()
    for entry in (nudge, computed):
        with pytest.raises(InvalidInput, match="past") as caught:
            queue.snooze(store, entry, when)
        assert caught.value.field == "when"
    assert db_path.read_bytes() == before
    assert store.followup(nudge.id).due == datetime(2026, 11, 25, 9, 0)
    assert check_ins_of(store, family.id)[0].id is None


def test_snooze_to_when_it_is_due_already_saves_nothing_and_leaves_the_undo_history_alone(
    store: Store, db_path: Path, colleague: Contact
) -> None:
    custom = workflow.add_followup(store, colleague.id, "tomorrow midnight")
    backup = db_path.with_name(db_path.name + ".bak")
    before, backup_before = db_path.read_bytes(), backup.read_bytes()
    same = queue.snooze(store, custom, "midnight")  # the coming one: when it is due
    assert same == store.followup(custom.id) == custom
    assert (db_path.read_bytes(), backup.read_bytes()) == (before, backup_before)
    store.undo()  # takes back adding it: the snooze put nothing on the history
    assert store.followups() == []


def test_snooze_of_a_check_in_to_when_the_cadence_has_it_stores_nothing(
    store: Store, db_path: Path, family: Contact
) -> None:
    (computed,) = check_ins_of(store, family.id)
    before = db_path.read_bytes()
    assert queue.snooze(store, computed, "today 9am") == computed
    assert db_path.read_bytes() == before
    assert check_ins_of(store, family.id) == [computed]


@pytest.mark.parametrize(
    ("due", "said"),
    [
        (datetime(2026, 12, 8, 9, 0), "Tue 08 Dec"),  # a day typed alone: its usual time goes unsaid
        (datetime(2026, 12, 8, 0, 0), "Tue 08 Dec at 00:00"),
        (datetime(2026, 12, 8, 14, 30), "Tue 08 Dec at 14:30"),
    ],
)
def test_when_a_snoozed_entry_is_due_is_said_with_its_time_unless_it_is_the_usual_one(due: datetime, said: str) -> None:
    assert queue.due_in_words(due) == said


@pytest.mark.parametrize("when", ["today 8am", "today", "9:59am"])
def test_snooze_to_earlier_today_is_refused_and_changes_nothing(
    store: Store, db_path: Path, colleague: Contact, when: str
) -> None:
    """It is 10:00: a follow-up snoozed to 08:00 would be overdue the moment it is saved."""
    nudge = workflow.add_followup(store, colleague.id, "yesterday", kind=FollowUpKind.NUDGE)
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        queue.snooze(store, nudge, when)
    assert caught.value.field == "when"
    assert str(caught.value).endswith(
        "is in the past; snooze to a time still to come, such as 'in 2 hours' or 'tomorrow'."
    )
    assert db_path.read_bytes() == before
    assert store.followup(nudge.id).due == datetime(2026, 11, 24, 9, 0)


def test_snooze_to_later_today_or_to_now_is_allowed(store: Store, colleague: Contact) -> None:
    nudge = workflow.add_followup(store, colleague.id, "yesterday", kind=FollowUpKind.NUDGE)
    assert queue.snooze(store, nudge, "today 4pm").due == datetime(2026, 11, 25, 16, 0)
    assert queue.snooze(store, nudge, "in 2 hours").due == datetime(2026, 11, 25, 12, 0)
    assert queue.snooze(store, nudge, "now").due == datetime(2026, 11, 25, 10, 0)


def test_the_message_of_a_snooze_to_earlier_today_says_the_time(store: Store, colleague: Contact) -> None:
    nudge = workflow.add_followup(store, colleague.id, "yesterday", kind=FollowUpKind.NUDGE)
    with pytest.raises(InvalidInput) as caught:
        queue.snooze(store, nudge, "today 8am")
    assert str(caught.value) == (
        "Wed 25 Nov 2026 at 08:00 is in the past; snooze to a time still to come, such as 'in 2 hours' or 'tomorrow'."
    )


def test_snooze_to_unreadable_text_names_the_field(store: Store, db_path: Path, colleague: Contact) -> None:
    nudge = workflow.add_followup(store, colleague.id, "today")
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        queue.snooze(store, nudge, "when pigs fly")
    assert caught.value.field == "when"
    assert db_path.read_bytes() == before


def test_snooze_a_follow_up_done_meanwhile_is_refused(store: Store, colleague: Contact) -> None:
    nudge = workflow.add_followup(store, colleague.id, "today")
    stale = FollowUp(contact_id=nudge.contact_id, due=nudge.due, id=nudge.id)
    workflow.complete_followup(store, nudge.id)
    with pytest.raises(InvalidInput, match="already done"):
        queue.snooze(store, stale, "tomorrow")
    assert store.followup(nudge.id).due == datetime(2026, 11, 25, 9, 0)


def test_a_touch_closes_a_snoozed_check_in_and_the_next_counts_from_it(
    store: Store, family: Contact, clock: Clock
) -> None:
    (computed,) = check_ins_of(store, family.id)
    snoozed = queue.snooze(store, computed, "in 2 weeks")
    clock.advance(days=3)  # Saturday 28 November
    workflow.log_reply(store, family.id)
    closed = store.followup(snoozed.id)
    assert closed.done_at == clock.now
    assert "in touch since" in closed.note
    (fresh,) = check_ins_of(store, family.id)
    assert fresh.id is None
    assert fresh.due == datetime(2026, 12, 28, 9, 0)  # 28 November + 30 days


# Done -----------------------------------------------------------------------------------------


def test_done_with_a_note_logs_a_touch_with_that_note(store: Store, colleague: Contact, clock: Clock) -> None:
    nudge = workflow.add_followup(store, colleague.id, "today", kind=FollowUpKind.NUDGE)
    queue.done(store, nudge, "  Sent a short nudge  ")
    assert store.followup(nudge.id).done_at == clock.now
    (touch,) = store.touches(colleague.id)
    assert (touch.kind, touch.at, touch.note) == (TouchKind.UPDATED, clock.now, "Sent a short nudge")
    assert queue.build_queue(store) == []


def test_done_of_a_cadence_check_in_logs_a_touch_and_moves_it(store: Store, family: Contact, clock: Clock) -> None:
    (computed,) = check_ins_of(store, family.id)
    clock.advance(hours=2)
    queue.done(store, computed, "Lunch")
    touch = store.touches(family.id)[-1]
    assert (touch.kind, touch.at, touch.note) == (TouchKind.UPDATED, clock.now, "Lunch")
    assert store.contact(family.id).stage is Stage.KEEPING_IN_TOUCH
    assert [f.due for f in check_ins_of(store, family.id)] == [datetime(2026, 12, 25, 9, 0)]
    assert store.followups(include_done=True) == []  # nothing was stored for it


def test_done_of_a_snoozed_check_in(store: Store, family: Contact, clock: Clock) -> None:
    (computed,) = check_ins_of(store, family.id)
    snoozed = queue.snooze(store, computed, "tomorrow")
    clock.advance(days=1)
    queue.done(store, store.followup(snoozed.id))
    assert store.followup(snoozed.id).done_at == clock.now
    assert store.touches(family.id)[-1].kind is TouchKind.UPDATED
    assert [(f.id, f.due) for f in check_ins_of(store, family.id)] == [(None, datetime(2026, 12, 26, 9, 0))]


def test_done_of_a_repeating_follow_up_queues_the_next_once(store: Store, colleague: Contact, clock: Clock) -> None:
    monthly = workflow.add_followup(store, colleague.id, "2027-01-31 10:30", note="Monthly coffee", repeat="monthly")
    assert monthly.recurrence == "FREQ=MONTHLY"
    clock.now = datetime(2027, 1, 31, 16, 0)
    queue.done(store, monthly)
    (following,) = queue.build_queue(store)
    assert following.id != monthly.id
    assert following.due == datetime(2027, 2, 28, 10, 30)
    assert (following.note, following.recurrence, following.kind) == ("Monthly coffee", "FREQ=MONTHLY", FollowUpKind.CUSTOM)
    # A second press on the same entry does nothing more.
    queue.done(store, monthly)
    queue.done(store, store.followup(monthly.id), "again")
    assert [f.id for f in queue.build_queue(store)] == [following.id]
    assert store.touches(colleague.id) == []
    assert len(store.followups(include_done=True)) == 2


def test_a_repeat_done_late_counts_from_the_day_it_was_done(store: Store, colleague: Contact, clock: Clock) -> None:
    weekly = workflow.add_followup(store, colleague.id, "2026-11-20 09:00", repeat="every 2 weeks")
    queue.done(store, weekly)  # five days late, on 25 November
    (following,) = queue.build_queue(store)
    assert following.due == datetime(2026, 12, 9, 9, 0)


def test_done_of_the_last_of_a_repeat_that_ends_just_completes_it(store: Store, colleague: Contact, clock: Clock) -> None:
    weekly = workflow.add_followup(store, colleague.id, "today", repeat="FREQ=WEEKLY;UNTIL=20261201")
    clock.advance(days=5)  # 30 November: the next would be 7 December, after the end
    queue.done(store, weekly, "Last one")
    assert store.followup(weekly.id).done_at == clock.now
    assert queue.build_queue(store) == []
    assert store.touches(colleague.id)[-1].note == "Last one"


def test_a_follow_up_with_a_rule_that_cannot_repeat_is_never_stored(store: Store, colleague: Contact) -> None:
    # INTERVAL=0 would make dateutil search for ever when it is done. A file holding one (edited
    # by hand) is refused at opening (tests/core/test_opening_refuses_what_forms_refuse.py); the
    # store never writes one either, so no such follow-up is ever there to be done.
    before = store.followups()
    with pytest.raises(InvalidInput, match="INTERVAL=0"):
        store.add_followup(FollowUp(contact_id=colleague.id, due=NOW, recurrence="FREQ=WEEKLY;INTERVAL=0", note="broken"))
    assert store.followups() == before


def test_a_repeat_in_a_follow_up_form_names_the_field(store: Store, db_path: Path, colleague: Contact) -> None:
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        workflow.add_followup(store, colleague.id, "tomorrow", repeat="now and then")
    assert caught.value.field == "repeat"
    assert db_path.read_bytes() == before


def test_one_contact_s_part_of_the_queue_is_what_the_whole_queue_holds_for_them(
    store: Store, family: Contact, colleague: Contact
) -> None:
    assert family.id is not None and colleague.id is not None
    workflow.add_followup(store, family.id, "fri", note="send the link")
    workflow.add_followup(store, colleague.id, "tomorrow", note="someone else's")
    for contact in (family, colleague):
        assert queue.queue_of(store, contact) == [f for f in queue.build_queue(store) if f.contact_id == contact.id]
    assert [f.kind for f in queue.queue_of(store, family)] == [FollowUpKind.CHECK_IN, FollowUpKind.CUSTOM]
    # A snoozed check-in stands in for the one the cadence asks for.
    [asked_for] = check_ins_of(store, family.id)
    snoozed = queue.snooze(store, asked_for, "mon")
    assert queue.queue_of(store, family) == [f for f in queue.build_queue(store) if f.contact_id == family.id]
    assert [f.id for f in queue.queue_of(store, family) if f.kind is FollowUpKind.CHECK_IN] == [snoozed.id]
