"""Keep-in-touch cadences: who gets check-ins, when the next is due, when a contact turns amber or
red, and that every kind of contact with a person starts the count again.

A stopped, movable clock starts on Wednesday 25 November 2026, 10:00 (naive local time, as the
app's clock gives it).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from builders import NOW, Clock
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core import queue, workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.keep_in_touch import (
    DEFAULT_CADENCES,
    TOUCH_FOR_DONE,
    Cadence,
    CadenceState,
    cadence_of,
    cadence_state,
    check_ins,
    format_cadence,
    next_check_in,
    parse_cadence,
)
from interview_tui.core.models import Contact, FollowUpKind, Relationship, Stage, TouchKind
from interview_tui.core.store import Store


def person(**fields) -> Contact:
    fields.setdefault("name", "Alex Example")
    fields.setdefault("id", 1)
    return Contact(**fields)


# Which cadence applies -------------------------------------------------------------------------


@pytest.mark.parametrize("relationship", list(Relationship))
def test_everyone_talked_to_gets_their_relationship_default(relationship: Relationship) -> None:
    for stage in (Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH):
        assert cadence_of(person(relationship=relationship, stage=stage)) == DEFAULT_CADENCES[relationship]


def test_closer_people_are_due_sooner() -> None:
    assert DEFAULT_CADENCES[Relationship.FAMILY] == Cadence(30, 90)
    assert DEFAULT_CADENCES[Relationship.FRIEND] == Cadence(42, 90)
    assert DEFAULT_CADENCES[Relationship.COLD] == Cadence(90, 180)
    for cadence in DEFAULT_CADENCES.values():
        assert 0 < cadence.ideal_days < cadence.max_days
    assert DEFAULT_CADENCES[Relationship.FRIEND].describe() == "every 6 weeks, at most 90 days"


@pytest.mark.parametrize("stage", [Stage.IDENTIFIED, Stage.ASKED, Stage.SCHEDULED])
def test_no_default_check_ins_before_the_conversation(stage: Stage) -> None:
    assert cadence_of(person(relationship=Relationship.FAMILY, stage=stage)) is None
    # ...but a cadence of one's own applies at any stage.
    assert cadence_of(person(stage=stage, cadence_days=14)) == Cadence(14, 28)


def test_own_cadence_beats_the_default() -> None:
    contact = person(relationship=Relationship.COLD, stage=Stage.THANKED, cadence_days=10, cadence_max_days=14)
    assert cadence_of(contact) == Cadence(10, 14)
    assert cadence_of(person(stage=Stage.THANKED, cadence_days=10)) == Cadence(10, 20)
    # A maximum shorter than the ideal (a hand-edited file) is read as the ideal.
    assert cadence_of(person(stage=Stage.THANKED, cadence_days=10, cadence_max_days=3)) == Cadence(10, 10)


def test_a_cadence_turned_off_asks_for_nothing() -> None:
    contact = person(stage=Stage.KEEPING_IN_TOUCH, relationship=Relationship.FAMILY, cadence_days=0)
    assert cadence_of(contact) is None
    assert next_check_in(contact, NOW) is None
    assert cadence_state(contact, NOW - timedelta(days=400), NOW) is CadenceState.NONE


@pytest.mark.parametrize("stage", [Stage.DECLINED, Stage.CLOSED])
def test_declined_and_closed_contacts_have_no_cadence(stage: Stage) -> None:
    contact = person(stage=stage, cadence_days=7, relationship=Relationship.FAMILY)
    assert cadence_of(contact) is None
    assert next_check_in(contact, NOW) is None
    assert check_ins([contact], {1: NOW - timedelta(days=365)}, set()) == []


def test_never_in_touch_has_no_check_in_yet() -> None:
    contact = person(stage=Stage.THANKED)
    assert next_check_in(contact, None) is None
    assert cadence_state(contact, None, NOW) is CadenceState.NONE


# When the next check-in is due ------------------------------------------------------------------


def test_next_check_in_is_the_last_touch_plus_the_ideal_in_the_morning() -> None:
    friend = person(relationship=Relationship.FRIEND, stage=Stage.THANKED)
    assert next_check_in(friend, datetime(2026, 11, 25, 17, 40)) == datetime(2027, 1, 6, 9, 0)
    assert next_check_in(friend, datetime(2026, 11, 25, 6, 0)) == datetime(2027, 1, 6, 9, 0)


@pytest.mark.parametrize(
    ("ideal", "last_touch", "due"),
    [
        (28, date(2027, 1, 31), date(2027, 2, 28)),
        (30, date(2027, 1, 31), date(2027, 3, 2)),  # "1mo" is 30 days, not a skip to 31 March
        (30, date(2028, 1, 31), date(2028, 3, 1)),  # leap year
        (29, date(2028, 1, 31), date(2028, 2, 29)),
        (365, date(2028, 2, 29), date(2029, 2, 28)),
        (1, date(2026, 12, 31), date(2027, 1, 1)),
    ],
)
def test_a_cadence_from_a_month_end(ideal: int, last_touch: date, due: date) -> None:
    contact = person(stage=Stage.THANKED, cadence_days=ideal)
    touched = datetime.combine(last_touch, datetime.min.time()).replace(hour=16)
    assert next_check_in(contact, touched) == datetime.combine(due, datetime.min.time()).replace(hour=9)


def test_state_goes_ok_then_amber_past_the_ideal_then_red_past_the_maximum() -> None:
    contact = person(stage=Stage.THANKED, cadence_days=42, cadence_max_days=90)
    touched = datetime(2026, 11, 25, 18, 0)

    def state_after(days: int) -> CadenceState:
        return cadence_state(contact, touched, datetime(2026, 11, 25, 8, 0) + timedelta(days=days))

    assert state_after(0) is CadenceState.OK
    assert state_after(42) is CadenceState.OK  # the check-in is due today, not yet late
    assert state_after(43) is CadenceState.DUE
    assert state_after(90) is CadenceState.DUE
    assert state_after(91) is CadenceState.OVERDUE
    assert state_after(400) is CadenceState.OVERDUE


def test_check_ins_are_unsaved_follow_ups_except_for_snoozed_contacts() -> None:
    family = person(id=1, relationship=Relationship.FAMILY, stage=Stage.THANKED)
    friend = person(id=2, name="Sam Sample", relationship=Relationship.FRIEND, stage=Stage.THANKED)
    asked = person(id=3, name="Jordan Demo", stage=Stage.ASKED)
    touches = {1: datetime(2026, 11, 1, 12), 2: datetime(2026, 11, 1, 12), 3: datetime(2026, 11, 1, 12)}
    found = check_ins([family, friend, asked], touches, snoozed={2})
    assert len(found) == 1
    (check_in,) = found
    assert (check_in.id, check_in.contact_id, check_in.kind, check_in.from_cadence) == (
        None, 1, FollowUpKind.CHECK_IN, True
    )  # fmt: skip
    assert check_in.due == datetime(2026, 12, 1, 9, 0)
    assert "30 days" in check_in.note or "month" in check_in.note


def test_doing_these_follow_ups_is_itself_a_touch() -> None:
    assert TOUCH_FOR_DONE[FollowUpKind.THANK_YOU] is TouchKind.THANKED
    assert TOUCH_FOR_DONE[FollowUpKind.CHECK_IN] is TouchKind.UPDATED
    assert TOUCH_FOR_DONE[FollowUpKind.UPDATE] is TouchKind.UPDATED
    # A nudge may not have been sent, a custom task may be anything: they need a note.
    assert FollowUpKind.NUDGE not in TOUCH_FOR_DONE
    assert FollowUpKind.CUSTOM not in TOUCH_FOR_DONE


# Every touch restarts the cadence ---------------------------------------------------------------


@pytest.fixture
def talked_to(store: Store, clock: Clock) -> Contact:
    """Someone met on 25 November 2026 (so the default cadence applies), with a cadence of 10
    days, at most 20."""
    contact = store.add_contact(Contact(name="Alex Example", relationship=Relationship.FRIEND, cadence_days=10,
                                        cadence_max_days=20))  # fmt: skip
    interview = workflow.schedule_interview(store, contact.id, "today 9am")
    workflow.mark_done(store, interview.id)
    return store.contact(contact.id)


def check_in_due(store: Store, contact_id: int) -> datetime | None:
    return next_check_in(store.contact(contact_id), store.last_touches().get(contact_id))


def state_now(store: Store, contact_id: int) -> CadenceState:
    return cadence_state(store.contact(contact_id), store.last_touches().get(contact_id), store.clock())


def test_a_meeting_starts_the_cadence(store: Store, talked_to: Contact) -> None:
    assert store.contact(talked_to.id).stage is Stage.INTERVIEWED
    assert check_in_due(store, talked_to.id) == datetime(2026, 12, 5, 9, 0)
    assert state_now(store, talked_to.id) is CadenceState.OK


def touch_by(action: str, store: Store, contact_id: int) -> None:
    if action == "ask":
        workflow.log_ask(store, contact_id)
    elif action == "reply":
        workflow.log_reply(store, contact_id)
    elif action == "meeting":
        interview = workflow.schedule_interview(store, contact_id, "today 9am")
        workflow.mark_done(store, interview.id)
    elif action == "thank-you":
        (thank_you,) = [f for f in store.open_followups_of(contact_id) if f.kind is FollowUpKind.THANK_YOU]
        workflow.complete_followup(store, thank_you.id)
    elif action == "check-in with a note":
        (check_in,) = [f for f in queue.build_queue(store) if f.contact_id == contact_id and f.from_cadence]
        queue.done(store, check_in, "Coffee; they moved teams")
    elif action == "update with a note":
        update = workflow.add_followup(store, contact_id, "today", kind=FollowUpKind.UPDATE)
        queue.done(store, update, "Sent the news")
    elif action == "custom task with a note":
        task = workflow.add_followup(store, contact_id, "today", note="Send the article")
        queue.done(store, task, "Sent it, they replied")
    else:  # pragma: no cover
        raise AssertionError(action)


@pytest.mark.parametrize(
    "action",
    ["ask", "reply", "meeting", "thank-you", "check-in with a note", "update with a note", "custom task with a note"],
)
def test_every_kind_of_touch_restarts_the_cadence(store: Store, clock: Clock, talked_to: Contact, action: str) -> None:
    clock.advance(days=15)  # 10 December: past the ideal, amber
    assert state_now(store, talked_to.id) is CadenceState.DUE
    touch_by(action, store, talked_to.id)
    assert check_in_due(store, talked_to.id) == datetime(2026, 12, 20, 9, 0)
    assert state_now(store, talked_to.id) is CadenceState.OK
    # and the queue's computed check-in moved with it
    (check_in,) = [f for f in queue.build_queue(store) if f.contact_id == talked_to.id and f.kind is FollowUpKind.CHECK_IN]
    assert check_in.due == datetime(2026, 12, 20, 9, 0)


def test_a_task_done_without_a_note_is_not_a_touch(store: Store, clock: Clock, talked_to: Contact) -> None:
    clock.advance(days=15)
    task = workflow.add_followup(store, talked_to.id, "today", note="Look up their company")
    queue.done(store, task)
    assert store.followup(task.id).done_at == clock.now
    assert check_in_due(store, talked_to.id) == datetime(2026, 12, 5, 9, 0)
    assert state_now(store, talked_to.id) is CadenceState.DUE


def test_a_done_check_in_moves_the_contact_to_keeping_in_touch(store: Store, clock: Clock, talked_to: Contact) -> None:
    (thank_you,) = [f for f in queue.build_queue(store) if f.contact_id == talked_to.id and f.kind is FollowUpKind.THANK_YOU]
    queue.done(store, thank_you)
    assert store.contact(talked_to.id).stage is Stage.THANKED
    clock.advance(days=12)
    (check_in,) = [f for f in queue.build_queue(store) if f.contact_id == talked_to.id and f.from_cadence]
    queue.done(store, check_in, "Called")
    assert store.contact(talked_to.id).stage is Stage.KEEPING_IN_TOUCH
    assert store.touches(talked_to.id)[-1].note == "Called"


def test_a_done_check_in_leaves_the_stage_while_the_thank_you_is_owed(store: Store, clock: Clock, talked_to: Contact) -> None:
    clock.advance(days=12)
    (check_in,) = [f for f in queue.build_queue(store) if f.contact_id == talked_to.id and f.from_cadence]
    queue.done(store, check_in, "Called")
    assert store.contact(talked_to.id).stage is Stage.INTERVIEWED
    assert store.touches(talked_to.id)[-1].note == "Called"
    assert [f.kind for f in queue.build_queue(store) if f.contact_id == talked_to.id][0] is FollowUpKind.THANK_YOU


def test_red_past_the_maximum_until_the_next_touch(store: Store, clock: Clock, talked_to: Contact) -> None:
    clock.advance(days=21)
    assert state_now(store, talked_to.id) is CadenceState.OVERDUE
    workflow.log_reply(store, talked_to.id)
    assert state_now(store, talked_to.id) is CadenceState.OK


# What a person types for a cadence ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("", (None, None)),
        ("  default ", (None, None)),
        ("off", (0, None)),
        ("Never", (0, None)),
        ("6w", (42, None)),
        ("30d", (30, None)),
        ("every 6 weeks, at most 3 months", (42, 90)),
        ("Every 6 Weeks at most 3 Months", (42, 90)),
        ("6w / 3mo", (42, 90)),
        ("6w/3mo", (42, 90)),
        ("2 months; max 1 year", (60, 365)),
        ("1y", (365, None)),
        ("6w / 6w", (42, 42)),
        ("10y", (3650, None)),
        # the units the date fields take
        ("6 wks / 3 mos", (42, 90)),
        ("every 2 wk, at most 1 yr", (14, 365)),
        ("6mon", (180, None)),
        ("2 yrs", (730, None)),
    ],
)
def test_parse_cadence(typed: str, parsed: tuple[int | None, int | None]) -> None:
    assert parse_cadence(typed) == parsed


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("biweekly", "Could not read"),  # twice a week or every two weeks: not guessed
        ("soon", "Could not read"),
        ("6", "Could not read"),
        ("6 min", "Could not read"),
        ("-6w", "Could not read"),
        ("6w 3mo 1y", "Could not read"),
        ("6w then 3mo", "Could not read"),
        ("0d", "between a day and ten years"),
        ("11y", "between a day and ten years"),
        ("3mo / 6w", "shorter than the ideal"),
    ],
)
def test_parse_cadence_refuses_with_the_field(typed: str, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment) as caught:
        parse_cadence(typed)
    assert caught.value.field == "cadence"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_parse_cadence_never_fails_any_other_way(typed: str) -> None:
    try:
        ideal, maximum = parse_cadence(typed)
    except InvalidInput as exc:
        assert exc.field == "cadence"
        return
    if ideal:
        assert 1 <= ideal <= 3650
        assert maximum is None or ideal <= maximum <= 3650


@settings(max_examples=200, deadline=None)
@given(
    ideal=st.integers(min_value=1, max_value=3650),
    extra=st.one_of(st.none(), st.integers(min_value=0, max_value=3650)),
)
def test_format_then_parse_gives_the_same_cadence(ideal: int, extra: int | None) -> None:
    maximum = None if extra is None else min(ideal + extra, 3650)
    contact = person(cadence_days=ideal, cadence_max_days=maximum)
    shown = format_cadence(contact)
    assert parse_cadence(shown) == (ideal, maximum)


def test_format_cadence_for_the_form() -> None:
    assert format_cadence(person()) == ""
    assert format_cadence(person(cadence_days=0)) == "off"
    assert format_cadence(person(cadence_days=42, cadence_max_days=90)) == "6w / 90d"
    assert format_cadence(person(cadence_days=10)) == "10d"
    for shown in ("", "off"):
        assert format_cadence(person(cadence_days=parse_cadence(shown)[0])) == shown


def test_contact_form_cadence_is_stored_and_read_back(store: Store) -> None:
    contact = store.add_contact(
        workflow.contact_from_fields(store, {"name": "Sam Sample", "cadence": "every 2 weeks, at most 1 month"})
    )
    assert (contact.cadence_days, contact.cadence_max_days) == (14, 30)
    assert format_cadence(store.contact(contact.id)) == "2w / 30d"
    with pytest.raises(InvalidInput) as caught:
        # Another person: the same name again would be refused as taken too.
        workflow.contact_from_fields(store, {"name": "Alex Example", "cadence": "now and then"})
    assert caught.value.field == "cadence"
