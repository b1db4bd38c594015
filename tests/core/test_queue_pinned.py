"""The queue pinned: which stored follow-ups stand in for a cadence's check-in (and which do not),
the order of entries due at the same minute, and what snoozing says, keeps and counts: the
undo message, the note, the day read day-first, the calendar sequence, and why it refuses.
And ``due`` (the part of the queue due by the end of a window): each side of the window's last
minute, for a stored follow-up and for a cadence's check-in, what is done or stands in, and the
order it lists them in."""

from __future__ import annotations

from datetime import datetime, timedelta
from datetime import time as time_of_day

import pytest
from builders import NOW, Clock

from interview_tui.core import queue, workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Relationship, Stage, Touch, TouchKind
from interview_tui.core.store import Store

CHECK_IN_DUE = datetime(2026, 11, 25, 9, 0)
"""When the family cadence (30 days after a touch on 26 October, 15:00) asks for a check-in."""


@pytest.fixture
def family(store: Store) -> Contact:
    contact = store.add_contact(Contact(name="Alex Example", relationship=Relationship.FAMILY, stage=Stage.THANKED))
    store.add_touch(Touch(contact_id=contact.id, kind=TouchKind.THANKED, at=datetime(2026, 10, 26, 15, 0)))
    return contact


def _entries(store: Store) -> list[tuple[int, int | None, FollowUpKind]]:
    return [(f.contact_id, f.id, f.kind) for f in queue.build_queue(store)]


@pytest.mark.parametrize("from_cadence", [False, True])
def test_a_check_in_planned_by_hand_or_snoozed_stands_in_for_the_cadence(store: Store, family: Contact,
                                                                         from_cadence: bool) -> None:
    planned = store.add_followup(FollowUp(contact_id=family.id, due=datetime(2026, 12, 9, 9, 0),
                                          kind=FollowUpKind.CHECK_IN, from_cadence=from_cadence))
    assert _entries(store) == [(family.id, planned.id, FollowUpKind.CHECK_IN)]


@pytest.mark.parametrize("kind", [FollowUpKind.THANK_YOU, FollowUpKind.NUDGE, FollowUpKind.CUSTOM])
def test_another_kind_of_follow_up_leaves_the_cadence_s_check_in_in_the_queue(store: Store, family: Contact,
                                                                              kind: FollowUpKind) -> None:
    other = store.add_followup(FollowUp(contact_id=family.id, due=datetime(2026, 12, 9, 9, 0), kind=kind))
    assert _entries(store) == [(family.id, None, FollowUpKind.CHECK_IN), (family.id, other.id, kind)]


def test_entries_due_at_the_same_minute_go_by_person_then_the_cadence_s_before_the_stored(store: Store,
                                                                                          family: Contact) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    # The stored ones are numbered from 1: the cadence's, with no number, still comes first.
    second = store.add_followup(FollowUp(contact_id=family.id, due=CHECK_IN_DUE, kind=FollowUpKind.NUDGE))
    third = store.add_followup(FollowUp(contact_id=family.id, due=CHECK_IN_DUE, kind=FollowUpKind.CUSTOM))
    first = store.add_followup(FollowUp(contact_id=sam.id, due=CHECK_IN_DUE, kind=FollowUpKind.NUDGE))
    assert family.id < sam.id and second.id == 1
    assert _entries(store) == [
        (family.id, None, FollowUpKind.CHECK_IN),
        (family.id, second.id, FollowUpKind.NUDGE),
        (family.id, third.id, FollowUpKind.CUSTOM),
        (sam.id, first.id, FollowUpKind.NUDGE),
    ]


def test_a_negative_number_of_days_is_refused_saying_so(store: Store) -> None:
    with pytest.raises(InvalidInput) as refused:
        queue.due_within([], datetime(2026, 11, 25, 10, 0), -1)
    assert str(refused.value) == "The number of days cannot be negative."
    assert queue.due_within([], datetime(2026, 11, 25, 10, 0), 0) == []


def test_snoozing_a_check_in_is_undone_by_its_name_and_keeps_its_note(store: Store, family: Contact) -> None:
    (computed,) = queue.build_queue(store)
    computed.note = "ask about the new job"
    stored = queue.snooze(store, computed, "2026-11-26")
    assert stored.note == "ask about the new job"
    assert store.undo().label == "Snoozed to Thu 26 Nov: check in for Alex Example"
    assert store.followups() == []


def test_snoozing_a_stored_follow_up_is_undone_by_its_name_and_moves_its_calendar_sequence(store: Store) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    nudge = workflow.add_followup(store, sam.id, "2026-11-26 9am", kind=FollowUpKind.NUDGE)
    before = store.followup(nudge.id).sequence
    moved = queue.snooze(store, nudge, "2026-11-28 9am")
    assert moved.sequence == before + 1
    assert store.undo().label == "Snoozed to Sat 28 Nov: nudge for Sam Sample"
    assert store.followup(nudge.id).due == datetime(2026, 11, 26, 9, 0)
    again = queue.snooze(store, store.followup(nudge.id), "2026-11-26 9am")
    assert again.sequence == before  # the same time: nothing for a calendar to move
    moved = queue.snooze(store, again, "2026-11-29 9am")
    moved = queue.snooze(store, moved, "2026-11-30 9am")
    assert moved.sequence == before + 2


def test_snooze_reads_a_date_day_first_when_the_settings_say_so(store: Store, family: Contact) -> None:
    settings = store.settings()
    settings.dayfirst = True
    store.save_settings(settings)
    (computed,) = queue.build_queue(store)
    assert queue.snooze(store, computed, "3/12/2026").due.date() == datetime(2026, 12, 3).date()


def test_snooze_to_unreadable_text_says_why_for_the_when_field(store: Store, family: Contact) -> None:
    (computed,) = queue.build_queue(store)
    with pytest.raises(InvalidInput) as refused:
        queue.snooze(store, computed, "when pigs fly")
    assert str(refused.value).startswith("Could not read 'when pigs fly'")
    assert refused.value.field == "when"


@pytest.mark.parametrize("stored", [False, True])
def test_snoozing_into_the_hour_the_clocks_skip_is_refused_for_the_when_field(
    berlin: None, store: Store, clock: Clock, stored: bool
) -> None:
    clock.now = datetime(2027, 3, 20, 10, 0)
    sam = store.add_contact(Contact(name="Sam Sample"))
    entry = (workflow.add_followup(store, sam.id, "2027-03-22 9am") if stored
             else FollowUp(contact_id=sam.id, due=datetime(2027, 3, 22, 9, 0), kind=FollowUpKind.CHECK_IN))
    with pytest.raises(InvalidInput, match="does not exist here") as refused:
        queue.snooze(store, entry, "2027-03-28 2:30am")
    assert refused.value.field == "when"


def test_snoozing_a_follow_up_done_meanwhile_says_so_for_the_when_field(store: Store) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    nudge = workflow.add_followup(store, sam.id, "today")
    workflow.complete_followup(store, nudge.id)
    with pytest.raises(InvalidInput) as refused:
        queue.snooze(store, nudge, "tomorrow")
    assert str(refused.value) == "That follow-up is already done."
    assert refused.value.field == "when"


def test_snoozing_the_follow_up_of_a_contact_a_merge_dropped_names_an_unknown_contact(
    db_path, clock: Clock
) -> None:
    import json

    db_path.write_text(json.dumps({
        "meta": {"1": {"schema_version": 1}},
        "contacts": {"1": {"name": "Alex Example"}},
        # Contact 99 is no longer in the file: its follow-up still stands.
        "followups": {"1": {"contact_id": 99, "due": "2026-11-25T09:00:00", "kind": "nudge"}},
    }))
    with Store.open(db_path, clock=clock) as store:
        (stored,) = store.followups()
        queue.snooze(store, stored, "2026-11-28 9am")
        assert store.undo().label == "Snoozed to Sat 28 Nov: nudge for an unknown contact"


# ``interview-tui due``: the part of the queue due by the end of the day ``days`` from today.


def _due(store: Store, days: int) -> list[tuple[int, int | None, FollowUpKind, datetime]]:
    return [(f.contact_id, f.id, f.kind, f.due) for f in queue.due_by(store, NOW, days)]


def _nudge(store: Store, contact: Contact, due: datetime, **fields: object) -> FollowUp:
    return store.add_followup(FollowUp(contact_id=contact.id or 0, due=due, kind=FollowUpKind.NUDGE, **fields))


@pytest.mark.parametrize("days", [0, 1, 6])
def test_due_lists_a_follow_up_due_at_the_window_s_last_minute_and_not_one_due_a_minute_later(
    store: Store, days: int
) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    last_day = NOW.date() + timedelta(days=days)
    # Added latest-due first: the list is put in order, not read as the store holds it.
    _nudge(store, sam, datetime.combine(last_day + timedelta(days=1), time_of_day(0, 0)))
    last_minute = _nudge(store, sam, datetime.combine(last_day, time_of_day(23, 59)))
    overdue = _nudge(store, sam, NOW - timedelta(days=3))
    assert [f.id for f in queue.due_by(store, NOW, days)] == [overdue.id, last_minute.id]


def test_due_leaves_out_what_is_done_however_overdue(store: Store) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    _nudge(store, sam, NOW - timedelta(days=2), done_at=NOW - timedelta(days=1))
    still_open = _nudge(store, sam, NOW - timedelta(days=1))
    assert [f.id for f in queue.due_by(store, NOW, 0)] == [still_open.id]


def _two_nudges_at_one_minute(store: Store) -> tuple[Contact, FollowUp, FollowUp, FollowUp]:
    """Alex (the first contact) and Sam, each with a nudge due today at 9:00, Sam's numbered
    first; and one of Sam's due earlier, numbered last."""
    alex = store.add_contact(Contact(name="Alex Example", relationship=Relationship.FAMILY, stage=Stage.THANKED))
    sam = store.add_contact(Contact(name="Sam Sample"))
    at_nine = NOW.replace(hour=9, minute=0)
    sams = _nudge(store, sam, at_nine)
    alexs = _nudge(store, alex, at_nine)
    earlier = _nudge(store, sam, at_nine - timedelta(hours=1))
    assert (alex.id or 0) < (sam.id or 0) and (sams.id or 0) < (alexs.id or 0)
    return alex, sams, alexs, earlier


def test_due_lists_follow_ups_due_at_one_minute_by_number_while_no_cadence_asks_for_anything(store: Store) -> None:
    alex, sams, alexs, earlier = _two_nudges_at_one_minute(store)
    assert [f.id for f in queue.due_by(store, NOW, 0)] == [earlier.id, sams.id, alexs.id]
    # In touch, but with the cadence turned off: still no check-in anywhere in the queue.
    alex.cadence_days = 0
    store.update_contact(alex)
    store.add_touch(Touch(contact_id=alex.id or 0, kind=TouchKind.MET, at=NOW - timedelta(hours=1)))
    assert [f.id for f in queue.due_by(store, NOW, 0)] == [earlier.id, sams.id, alexs.id]
    assert queue.build_queue(store) == queue.due_by(store, NOW, 0)


def test_due_lists_follow_ups_due_at_one_minute_by_person_once_a_cadence_asks_for_a_check_in(store: Store) -> None:
    """As the app's queue does as soon as any check-in is in it, even one weeks away."""
    alex, sams, alexs, earlier = _two_nudges_at_one_minute(store)
    store.add_touch(Touch(contact_id=alex.id or 0, kind=TouchKind.MET, at=NOW - timedelta(hours=1)))
    assert [f.id for f in queue.due_by(store, NOW, 0)] == [earlier.id, alexs.id, sams.id]
    whole = queue.build_queue(store)
    assert [f.id for f in whole] == [earlier.id, alexs.id, sams.id, None]  # the check-in: in 30 days
    assert queue.due_by(store, NOW, 0) == whole[:3]


@pytest.mark.parametrize(("days", "listed"), [(0, False), (6, False), (7, True), (8, True)])
def test_due_lists_a_cadence_s_check_in_from_the_window_that_holds_its_day(store: Store, days: int,
                                                                            listed: bool) -> None:
    weekly = store.add_contact(Contact(name="Alex Example", cadence_days=7))
    store.add_touch(Touch(contact_id=weekly.id or 0, kind=TouchKind.MET, at=NOW))
    check_in = datetime.combine(NOW.date() + timedelta(days=7), time_of_day(9, 0))
    expected = [(weekly.id, None, FollowUpKind.CHECK_IN, check_in)] if listed else []
    assert _due(store, days) == expected


def test_due_a_stored_open_check_in_stands_in_for_the_cadence_s_and_a_done_one_does_not(store: Store) -> None:
    # Both family, last in touch 26 October 15:00: the cadence asks for a check-in today at 9:00.
    alex = store.add_contact(Contact(name="Alex Example", relationship=Relationship.FAMILY, stage=Stage.THANKED))
    sam = store.add_contact(Contact(name="Sam Sample", relationship=Relationship.FAMILY, stage=Stage.THANKED))
    for person in (alex, sam):
        store.add_touch(Touch(contact_id=person.id or 0, kind=TouchKind.THANKED, at=datetime(2026, 10, 26, 15, 0)))
    tomorrow = CHECK_IN_DUE + timedelta(days=1)
    snoozed = store.add_followup(FollowUp(contact_id=alex.id or 0, due=tomorrow, kind=FollowUpKind.CHECK_IN,
                                          from_cadence=True))
    # Sam's check-in of last month was done: it asks for nothing now.
    store.add_followup(FollowUp(contact_id=sam.id or 0, due=datetime(2026, 10, 20, 9, 0), kind=FollowUpKind.CHECK_IN,
                                done_at=datetime(2026, 10, 20, 12, 0)))
    assert _due(store, 1) == [
        (sam.id, None, FollowUpKind.CHECK_IN, CHECK_IN_DUE),
        (alex.id, snoozed.id, FollowUpKind.CHECK_IN, tomorrow),
    ]
    assert _due(store, 0) == [(sam.id, None, FollowUpKind.CHECK_IN, CHECK_IN_DUE)]


def test_due_asks_no_check_in_for_a_touch_left_pointing_at_no_one(db_path, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    import json

    db_path.write_text(json.dumps({
        "meta": {"1": {"schema_version": 1}},
        "contacts": {"1": {"name": "Alex Example", "relationship": "family", "stage": "thanked"}},
        # Contact 99 went in a merge; its touch stayed. Alex's family cadence asks for today.
        "touches": {"1": {"contact_id": 99, "kind": "met", "at": "2026-10-26T15:00:00"},
                    "2": {"contact_id": 1, "kind": "met", "at": "2026-10-26T15:00:00"}},
    }))
    with Store.open(db_path, clock=clock) as store:
        assert _due(store, 0) == [(1, None, FollowUpKind.CHECK_IN, CHECK_IN_DUE)]


@pytest.mark.parametrize("past_the_end", [0, 1, 400], ids=["to the last day", "a day past it", "far past it"])
def test_a_window_reaching_the_last_day_there_is_lists_every_open_follow_up(store: Store, past_the_end: int) -> None:
    """``due --within`` a number of days that reaches the calendar's last day: every open
    follow-up, soonest first, as the whole queue lists them; none that is done."""
    from datetime import date

    alex = store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    assert alex.id is not None and sam.id is not None
    later = store.add_followup(FollowUp(contact_id=alex.id, due=datetime(2999, 12, 31, 23, 0), note="last"))
    soon = store.add_followup(FollowUp(contact_id=sam.id, due=NOW + timedelta(days=2)))
    store.add_followup(FollowUp(contact_id=sam.id, due=NOW - timedelta(days=1), done_at=NOW))
    days = date.max.toordinal() - NOW.date().toordinal() + past_the_end
    listed = queue.due_by(store, NOW, days)
    assert [f.id for f in listed] == [soon.id, later.id]
    assert listed == queue.due_within(queue.build_queue(store), NOW, days)
