"""Keep-in-touch cadences pinned at every boundary: the defaults by relationship, each unit a
person may type, the limits of a cadence, the day a contact turns due and overdue, the queue's
groups, and a skipped contact that comes first in the queue."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from interview_tui.core.errors import InvalidInput
from interview_tui.core.keep_in_touch import (
    DEFAULT_CADENCES,
    MAX_CADENCE_DAYS,
    Cadence,
    CadenceState,
    QueueGroup,
    cadence_of,
    cadence_state,
    check_ins,
    format_cadence,
    group_of,
    next_check_in,
    parse_cadence,
)
from interview_tui.core.models import Contact, FollowUpKind, Relationship, Stage

NOW = datetime(2026, 11, 25, 10, 0)
DAY = timedelta(days=1)


def test_the_default_cadences_by_relationship() -> None:
    assert DEFAULT_CADENCES == {
        Relationship.FAMILY: (30, 90),
        Relationship.FRIEND: (42, 90),
        Relationship.CLASSMATE: (42, 120),
        Relationship.COLLEAGUE: (56, 120),
        Relationship.REFERRAL: (42, 90),
        Relationship.ALUMNI: (90, 180),
        Relationship.COLD: (90, 180),
    }


@pytest.mark.parametrize("stage", [Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH])
@pytest.mark.parametrize("relationship", list(Relationship))
def test_after_the_conversation_the_relationship_gives_the_cadence(stage, relationship) -> None:
    contact = Contact(name="Alex Example", stage=stage, relationship=relationship)
    assert cadence_of(contact) == DEFAULT_CADENCES[relationship]


@pytest.mark.parametrize("stage", [Stage.IDENTIFIED, Stage.ASKED, Stage.SCHEDULED])
def test_before_the_conversation_only_a_cadence_of_their_own_applies(stage) -> None:
    assert cadence_of(Contact(name="Alex Example", stage=stage)) is None
    assert cadence_of(Contact(name="Alex Example", stage=stage, cadence_days=10)) == (10, 20)


@pytest.mark.parametrize("stage", [Stage.DECLINED, Stage.CLOSED])
def test_declined_or_closed_has_no_cadence_even_one_of_their_own(stage) -> None:
    assert cadence_of(Contact(name="Alex Example", stage=stage, cadence_days=10, cadence_max_days=20)) is None


@pytest.mark.parametrize(
    ("own", "maximum", "cadence"),
    [
        (0, None, None),  # off
        (-1, None, None),
        (0, 30, None),
        (1, None, (1, 2)),  # the maximum is twice the ideal unless given
        (10, 15, (10, 15)),
        (10, 10, (10, 10)),
        (10, 5, (10, 10)),  # never shorter than the ideal
    ],
)
def test_a_cadence_of_their_own(own, maximum, cadence) -> None:
    contact = Contact(name="Alex Example", stage=Stage.THANKED, cadence_days=own, cadence_max_days=maximum)
    assert cadence_of(contact) == cadence


@pytest.mark.parametrize(
    ("days", "state"),
    [(0, CadenceState.OK), (10, CadenceState.OK), (11, CadenceState.DUE), (30, CadenceState.DUE),
     (31, CadenceState.OVERDUE)],
)
def test_a_contact_turns_due_the_day_after_the_ideal_and_overdue_the_day_after_the_maximum(days, state) -> None:
    contact = Contact(name="Alex Example", cadence_days=10, cadence_max_days=30)
    # Counted in days of the calendar: late at night then early in the morning is a day.
    last = datetime.combine((NOW - days * DAY).date(), time(23, 59))
    assert cadence_state(contact, last, datetime.combine(NOW.date(), time(0, 1))) is state


def test_no_cadence_or_never_in_touch_is_no_state() -> None:
    assert cadence_state(Contact(name="Alex Example", cadence_days=10), None, NOW) is CadenceState.NONE
    assert cadence_state(Contact(name="Alex Example"), NOW - 400 * DAY, NOW) is CadenceState.NONE


def test_the_next_check_in_is_the_morning_the_ideal_interval_after_the_last_touch() -> None:
    contact = Contact(name="Alex Example", cadence_days=10)
    zone = timezone(timedelta(hours=1))
    last = datetime(2026, 11, 1, 18, 30, tzinfo=zone)
    assert next_check_in(contact, last) == datetime(2026, 11, 11, 9, 0, tzinfo=zone)
    assert next_check_in(contact, None) is None
    assert next_check_in(Contact(name="Alex Example"), last) is None


UNITS = {
    1: ["d", "day", "days"],
    7: ["w", "wk", "wks", "week", "weeks"],
    30: ["m", "mo", "mos", "mon", "month", "months"],
    365: ["y", "yr", "yrs", "year", "years"],
}


@pytest.mark.parametrize(("size", "unit"), [(size, unit) for size, units in UNITS.items() for unit in units])
def test_every_unit_a_person_may_type(size: int, unit: str) -> None:
    assert parse_cadence(f"2{unit}") == (2 * size, None)
    assert parse_cadence(f"every 2 {unit.upper()}, at most 9 {unit}") == (2 * size, 9 * size)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("", (None, None)), ("   ", (None, None)), ("default", (None, None)), ("AUTO", (None, None)),
        ("off", (0, None)), ("Never", (0, None)), ("none", (0, None)), ("no", (0, None)),
        ("6w / 3mo", (42, 90)), ("6w;3mo", (42, 90)), ("6w and 3mo", (42, 90)), ("6w or 3mo", (42, 90)),
        ("every 6 weeks, max 3 months", (42, 90)), ("30d maximum 30d", (30, 30)),
        ("1d", (1, None)), (f"{MAX_CADENCE_DAYS}d", (MAX_CADENCE_DAYS, None)), ("10y", (3650, None)),
        ("every week", (7, None)),  # no number: one week, as a repeat reads it
    ],
)
def test_what_a_person_types_for_a_cadence(text: str, parsed) -> None:
    assert parse_cadence(text) == parsed


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("0d", "between a day and ten years"),
        (f"{MAX_CADENCE_DAYS + 1}d", "between a day and ten years"),
        ("6w / 0d", "between a day and ten years"),
        ("6w / 11y", "between a day and ten years"),
        ("6w / 5w", r"The maximum \(5 weeks\) is shorter than the ideal interval \(6 weeks\)"),
        ("6w / 3mo / 1y", "Could not read '6w / 3mo / 1y' as a cadence"),
        ("6 fortnights", "Could not read '6 fortnights'"),
        ("6w please", "Could not read '6w please'"),
        ("6wx", "Could not read '6wx'"),
    ],
)
def test_why_a_cadence_is_refused(text: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why) as refused:
        parse_cadence(text)
    assert refused.value.field == "cadence"


@pytest.mark.parametrize(
    ("own", "maximum", "shown"),
    [
        (None, None, ""), (0, None, "off"), (-3, 10, "off"),
        (1, None, "1d"), (7, None, "1w"), (10, None, "10d"), (14, 30, "2w / 30d"), (60, 365, "60d / 365d"),
        (730, None, "730d"), (42, 91, "6w / 13w"), (42, 0, "6w"),
    ],
)
def test_what_the_form_shows_for_a_cadence(own, maximum, shown: str) -> None:
    assert format_cadence(Contact(name="Alex Example", cadence_days=own, cadence_max_days=maximum)) == shown


@pytest.mark.parametrize(
    ("ideal", "maximum", "said"),
    [(1, 2, "every day, at most 2 days"), (7, 14, "every week, at most 2 weeks"),
     (30, 60, "every 30 days, at most 60 days"), (365, 730, "every 365 days, at most 730 days"),
     (10, 3650, "every 10 days, at most 3650 days")],
)
def test_a_cadence_in_words(ideal: int, maximum: int, said: str) -> None:
    assert Cadence(ideal, maximum).describe() == said


spans = st.tuples(st.integers(1, 40), st.sampled_from([u for units in UNITS.values() for u in units]))


def days_of(span: tuple[int, str]) -> int:
    number, unit = span
    return number * next(size for size, units in UNITS.items() if unit in units)


@given(spans, st.none() | spans, st.sampled_from([" / ", ", at most ", " max ", ";", "/"]))
@example((6, "w"), (3, "mo"), " / ")
@example((10, "y"), None, " / ")
def test_a_cadence_built_from_the_grammar_reads_as_its_days(ideal, maximum, separator) -> None:
    text = f"every {ideal[0]} {ideal[1]}" + (f"{separator}{maximum[0]}{maximum[1]}" if maximum else "")
    want = (days_of(ideal), days_of(maximum) if maximum else None)
    if any(d > MAX_CADENCE_DAYS for d in want if d) or (want[1] is not None and want[1] < want[0]):
        with pytest.raises(InvalidInput):
            parse_cadence(text)
        return
    assert parse_cadence(text) == want
    # What the form shows reads back as the same cadence.
    contact = Contact(name="Alex Example", cadence_days=want[0], cadence_max_days=want[1])
    assert parse_cadence(format_cadence(contact)) == want


@pytest.mark.parametrize(
    ("days", "group"),
    [(-1, QueueGroup.OVERDUE), (0, QueueGroup.TODAY), (1, QueueGroup.THIS_WEEK), (7, QueueGroup.THIS_WEEK),
     (8, QueueGroup.LATER)],
)
def test_the_queue_groups_by_calendar_day(days: int, group: QueueGroup) -> None:
    late_now = datetime.combine(NOW.date(), time(23, 59))
    assert group_of(datetime.combine((NOW + days * DAY).date(), time(0, 1)), late_now) is group


def test_check_ins_skip_a_contact_without_carrying_on_past_it() -> None:
    """The contacts skipped come first: everyone after them is still in the queue."""
    snoozed = Contact(name="Sam Sample", id=1, stage=Stage.THANKED)
    unsaved = Contact(name="Pat Placeholder", stage=Stage.THANKED)
    never_talked = Contact(name="Bo Placeholder", id=2)
    never_touched = Contact(name="Kim Keep", id=3, stage=Stage.THANKED)
    due = Contact(name="Alex Example", id=4, stage=Stage.THANKED, relationship=Relationship.FAMILY)
    last = {1: NOW, 2: NOW, 4: NOW}
    found = check_ins([snoozed, unsaved, never_talked, never_touched, due], last, snoozed={1})
    assert [(f.contact_id, f.due, f.kind, f.from_cadence, f.id) for f in found] == [
        (4, datetime.combine((NOW + 30 * DAY).date(), time(9, 0)), FollowUpKind.CHECK_IN, True, None)
    ]
    assert found[0].note == "keep in touch every 30 days"


@pytest.mark.parametrize("text", ["0d", "11y", "6w / 0d"])
def test_a_cadence_out_of_range_says_the_range_in_full(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_cadence(text)
    assert str(refused.value) == "A cadence is between a day and ten years."
