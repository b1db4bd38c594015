"""Repeats pinned: every word and unit a person may type, each side of the interval limit, why a
calendar's rule is refused (each part named on its own, on a rule valid but for it), the month
ends, and the next date of a repeat built from the grammar against an independent oracle."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from interview_tui.core.errors import InvalidInput
from interview_tui.core.recurrence import MAX_INTERVAL, describe_recurrence, next_due, parse_recurrence

UNITS = {
    "DAILY": ["day", "days", "d"],
    "WEEKLY": ["week", "weeks", "w"],
    "MONTHLY": ["month", "months", "mo"],
    "YEARLY": ["year", "years", "y"],
}


@pytest.mark.parametrize(("freq", "unit"), [(freq, unit) for freq, units in UNITS.items() for unit in units])
def test_every_unit_with_and_without_a_number(freq: str, unit: str) -> None:
    assert parse_recurrence(f"every {unit}") == f"FREQ={freq}"
    assert parse_recurrence(f"1{unit}") == f"FREQ={freq}"
    assert parse_recurrence(f"Every  3 {unit.upper()}") == f"FREQ={freq};INTERVAL=3"
    assert parse_recurrence(f"{MAX_INTERVAL}{unit}") == f"FREQ={freq};INTERVAL={MAX_INTERVAL}"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("daily", "FREQ=DAILY"), ("weekly", "FREQ=WEEKLY"), ("fortnightly", "FREQ=WEEKLY;INTERVAL=2"),
        ("monthly", "FREQ=MONTHLY"), ("yearly", "FREQ=YEARLY"), ("Annually", "FREQ=YEARLY"),
        ("", ""), ("  ", ""), ("once", ""), ("never", ""), ("none", ""), ("NO", ""),
        ("rrule:freq=weekly;interval=2", "FREQ=WEEKLY;INTERVAL=2"),
        ("FREQ=MONTHLY; BYMONTHDAY=15", "FREQ=MONTHLY;BYMONTHDAY=15"),
        (f"FREQ=DAILY;INTERVAL={MAX_INTERVAL}", f"FREQ=DAILY;INTERVAL={MAX_INTERVAL}"),
        ("FREQ=YEARLY;INTERVAL=1000", "FREQ=YEARLY;INTERVAL=1000"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),  # leap years only
        ("FREQ=WEEKLY;UNTIL=20270101T000000", "FREQ=WEEKLY;UNTIL=20270101T000000"),
    ],
)
def test_what_a_person_or_a_calendar_writes(text: str, rule: str) -> None:
    assert parse_recurrence(text) == rule


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("every 0 weeks", "Repeat every 1 to 1000 weeks, not 0."),
        (f"every {MAX_INTERVAL + 1} days", "Repeat every 1 to 1000 days, not 1001."),
        ("every fortnight", "Could not read 'every fortnight' as a repeat. Write it like"),
        ("every 2 hours", "Could not read 'every 2 hours'"),
        ("every other fortnight", "Could not read 'every other fortnight'"),
        ("FREQ=HOURLY", "repeats more often than daily"),
        ("FREQ=MINUTELY;INTERVAL=5", "repeats more often than daily"),
        ("FREQ=WEEKLY;INTERVAL=0", "has INTERVAL=0; give one from 1 to 1000"),
        ("FREQ=WEEKLY;INTERVAL=1001", "has INTERVAL=1001; give one from 1 to 1000"),
        ("FREQ=SOMETIMES", r"Could not read the rule 'FREQ=SOMETIMES': "),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never comes round: no date matches all of it"),
        ("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31", "never comes round"),
        # A month that is none: dateutil reads it, and finds no date (or, for the second Tuesday
        # of the 13th month, fails while looking for one).
        ("FREQ=YEARLY;BYMONTH=13", "never comes round: no date matches all of it"),
        ("FREQ=MONTHLY;BYMONTH=0", "never comes round: no date matches all of it"),
        ("FREQ=YEARLY;BYMONTH=13;BYDAY=2TU", "never comes round: no date matches all of it"),
    ],
)
def test_why_a_repeat_is_refused(text: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why.replace("(", r"\(")) as refused:
        parse_recurrence(text)
    assert refused.value.field == "repeat"


@pytest.mark.parametrize("part", ["COUNT=3", "BYHOUR=9", "BYMINUTE=30", "BYSECOND=5", "BYEASTER=0"])
def test_each_part_a_follow_up_cannot_keep_is_named_on_a_rule_valid_but_for_it(part: str) -> None:
    with pytest.raises(InvalidInput, match=f"uses {part.split('=')[0]}, which a follow-up cannot keep"):
        parse_recurrence(f"FREQ=WEEKLY;{part}")


def test_the_first_unkept_part_is_the_one_named() -> None:
    with pytest.raises(InvalidInput, match="uses COUNT"):
        parse_recurrence("FREQ=WEEKLY;BYHOUR=9;COUNT=2")


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ("", ""), ("FREQ=DAILY", "daily"), ("FREQ=WEEKLY", "weekly"), ("FREQ=MONTHLY", "monthly"),
        ("FREQ=YEARLY", "yearly"), ("FREQ=WEEKLY;INTERVAL=1", "weekly"), ("FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("freq=daily;interval=3", "every 3 days"), ("FREQ=MONTHLY;INTERVAL=1000", "every 1000 months"),
        ("FREQ=YEARLY;INTERVAL=2", "every 2 years"), ("FREQ=WEEKLY;INTERVAL=", "weekly"),
        ("FREQ=WEEKLY;INTERVAL=0", "repeats"), ("FREQ=WEEKLY;INTERVAL=1001", "repeats"),
        ("FREQ=WEEKLY;INTERVAL=x", "repeats"), ("FREQ=HOURLY", "repeats"), ("INTERVAL=2", "repeats"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "monthly on the 15th"), ("FREQ=WEEKLY;junk", "weekly"),
    ],
)
def test_a_stored_rule_in_words(rule: str, said: str) -> None:
    assert describe_recurrence(rule) == said


DUE = datetime(2027, 1, 10, 14, 30)


@pytest.mark.parametrize(
    ("rule", "done", "following"),
    [
        ("FREQ=MONTHLY", datetime(2027, 1, 31, 8), datetime(2027, 2, 28, 14, 30)),
        ("FREQ=MONTHLY", datetime(2028, 1, 31, 8), datetime(2028, 2, 29, 14, 30)),
        ("FREQ=MONTHLY", datetime(2027, 1, 30, 8), datetime(2027, 2, 28, 14, 30)),
        ("FREQ=MONTHLY", datetime(2027, 1, 29, 8), datetime(2027, 2, 28, 14, 30)),
        ("FREQ=MONTHLY", datetime(2027, 1, 28, 8), datetime(2027, 2, 28, 14, 30)),
        ("FREQ=MONTHLY", datetime(2027, 3, 31, 8), datetime(2027, 4, 30, 14, 30)),
        ("FREQ=YEARLY", datetime(2028, 2, 29, 8), datetime(2029, 2, 28, 14, 30)),
        ("FREQ=YEARLY", datetime(2027, 1, 31, 8), datetime(2028, 1, 31, 14, 30)),
        # A rule naming its own day is the calendar's: not moved to the day it was done.
        ("FREQ=MONTHLY;BYMONTHDAY=15", datetime(2027, 1, 31, 8), datetime(2027, 2, 15, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", datetime(2027, 1, 30, 8), datetime(2027, 1, 31, 14, 30)),
        ("FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1", datetime(2027, 1, 30, 8), datetime(2027, 2, 1, 14, 30)),
        ("FREQ=DAILY", datetime(2027, 1, 10, 23, 59), datetime(2027, 1, 11, 14, 30)),
        ("FREQ=DAILY", datetime(2027, 1, 10, 0, 1), datetime(2027, 1, 11, 14, 30)),
        ("RRULE:FREQ=WEEKLY;INTERVAL=2", datetime(2027, 1, 20, 8), datetime(2027, 2, 3, 14, 30)),
    ],
)
def test_the_next_date_counts_from_the_day_done_at_the_time_due(rule: str, done: datetime, following) -> None:
    assert next_due(rule, DUE, done) == following


def test_a_repeat_that_has_run_out_says_so() -> None:
    with pytest.raises(InvalidInput, match="This follow-up's repeat has ended."):
        next_due("FREQ=WEEKLY;UNTIL=20270115T000000", DUE, datetime(2027, 1, 12, 8))


def test_a_bad_rule_in_the_file_is_refused_when_it_is_worked_out() -> None:
    with pytest.raises(InvalidInput, match="more often than daily"):
        next_due("FREQ=HOURLY", DUE, datetime(2027, 1, 12, 8))


STEP = {"day": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1),
        "year": relativedelta(years=1)}


@given(
    number=st.integers(1, 40),
    unit=st.sampled_from(["day", "days", "d", "week", "weeks", "w", "month", "months", "mo", "year", "y"]),
    every=st.booleans(),
    done=st.datetimes(datetime(2026, 1, 1), datetime(2035, 12, 31)),
    due_at=st.times(),
)
@example(number=1, unit="month", every=True, done=datetime(2027, 1, 31, 8), due_at=time(9))
@example(number=2, unit="w", every=False, done=datetime(2027, 12, 31, 23, 59), due_at=time(0, 0, 0, 1))
@example(number=1, unit="year", every=True, done=datetime(2028, 2, 29, 8), due_at=time(9))
def test_a_repeat_built_from_the_grammar_falls_where_the_calendar_says(number, unit, every, done, due_at) -> None:
    text = ("every " if every else "") + f"{number}{' ' if every else ''}{unit}"
    rule = parse_recurrence(text)
    word = next(w for w in STEP if unit in (w, w + "s", w[0]) or (w == "month" and unit == "mo"))
    # relativedelta clamps to the month's last day, which is what a person means by "monthly".
    want = datetime.combine(done.date() + STEP[word] * number, due_at.replace(microsecond=0))
    due = datetime.combine(done.date() - timedelta(days=3), due_at)
    assert next_due(rule, due, done) == want
    assert describe_recurrence(rule) == (f"every {number} {word}s" if number > 1 else
                                         {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}[word])


def test_an_unkept_part_is_refused_in_full_words_with_the_rule_as_typed() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_recurrence("FREQ=WEEKLY;  COUNT=3")
    assert str(refused.value) == (
        "The rule 'FREQ=WEEKLY; COUNT=3' uses COUNT, which a follow-up cannot keep (each repeat "
        "counts from the day the last was done, at the time it was due); leave it out, or "
        "end the repeat with UNTIL."
    )


@pytest.mark.parametrize(
    "rule",
    ["FREQ=DAILY\nRRULE:FREQ=WEEKLY", "RRULE:FREQ=DAILY\nEXDATE:20270101T090000", "FREQ=DAILY\nRDATE:20270101T090000"],
)
def test_a_stored_rule_that_is_more_than_one_rule_is_refused_saying_so(rule: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        next_due(rule, DUE, datetime(2027, 1, 12, 8))
    assert str(refused.value) == f"Could not read the rule '{rule}': give a single RRULE."
    assert refused.value.field == "repeat"


def test_a_bad_stored_rule_is_named_as_stored() -> None:
    with pytest.raises(InvalidInput) as refused:
        next_due("RRULE:FREQ=WEEKLY;INTERVAL=0", DUE, datetime(2027, 1, 12, 8))
    assert str(refused.value) == "The rule 'RRULE:FREQ=WEEKLY;INTERVAL=0' has INTERVAL=0; give one from 1 to 1000."


@pytest.mark.parametrize(
    ("rule", "done"),
    [("FREQ=WEEKLY;UNTIL=20270115T000000", datetime(2027, 1, 12, 8)), ("FREQ=DAILY", datetime(9999, 12, 31, 8)),
     ("FREQ=YEARLY", datetime(9999, 6, 1, 8))],
)
def test_a_repeat_with_no_date_left_has_ended(rule: str, done: datetime) -> None:
    with pytest.raises(InvalidInput) as refused:
        next_due(rule, DUE, done)
    assert str(refused.value) == "This follow-up's repeat has ended."
    assert refused.value.field == "repeat"


def test_a_rule_with_a_part_holding_an_equals_sign_is_just_a_repeat() -> None:
    assert describe_recurrence("FREQ=WEEKLY;X-NAME=A=B") == "repeats"


# "The 31st of every month" (or the 29th, 30th) falls on the month's last day when the month is
# shorter, and on the day itself again in the next long month, whatever day it was done on.
@pytest.mark.parametrize(
    ("rule", "done", "following"),
    [
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2027, 1, 31, 8), datetime(2027, 2, 28, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2027, 2, 28, 8), datetime(2027, 3, 31, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2027, 2, 1, 8), datetime(2027, 2, 28, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2028, 2, 1, 8), datetime(2028, 2, 29, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2028, 2, 28, 8), datetime(2028, 2, 29, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2028, 2, 29, 8), datetime(2028, 3, 31, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2027, 4, 15, 8), datetime(2027, 4, 30, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2027, 4, 30, 8), datetime(2027, 5, 31, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=30", datetime(2027, 2, 10, 8), datetime(2027, 2, 28, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=30", datetime(2027, 2, 28, 8), datetime(2027, 3, 30, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=29", datetime(2027, 2, 27, 8), datetime(2027, 2, 28, 14, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=29", datetime(2028, 2, 28, 8), datetime(2028, 2, 29, 14, 30)),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31", datetime(2027, 2, 28, 8), datetime(2027, 4, 30, 14, 30)),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", datetime(2027, 3, 10, 8), datetime(2028, 2, 29, 14, 30)),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", datetime(2028, 3, 10, 8), datetime(2029, 2, 28, 14, 30)),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", datetime(2029, 1, 5, 8), datetime(2029, 2, 28, 14, 30)),
        # Another part besides the day (a weekday) keeps the calendar's meaning: only 31sts that are Fridays.
        ("FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=FR", datetime(2027, 1, 31, 8), datetime(2027, 12, 31, 14, 30)),
        # A yearly rule naming a day but no month means that day of every month that has it.
        ("FREQ=YEARLY;BYMONTHDAY=31", datetime(2027, 1, 31, 8), datetime(2027, 3, 31, 14, 30)),
    ],
)
def test_a_calendar_month_day_after_the_28th_falls_on_the_last_day_of_a_shorter_month(rule, done, following) -> None:
    assert next_due(rule, DUE, done) == following


def _month_day_oracle(day: int, every: int, month: int | None, done: datetime, at: time) -> datetime:
    """The next date of "the ``day``th, or the last day of a shorter month" after ``done``'s day,
    counted in months (or, with ``month``, in years of that month) from the month it was done in."""
    if month is None:
        first = date(done.year, done.month, 1)
        step = relativedelta(months=every)
    else:
        first = date(done.year, month, 1)
        step = relativedelta(years=every)
    while True:
        last = (first + relativedelta(months=1) - timedelta(days=1)).day
        candidate = first.replace(day=min(day, last))
        if candidate > done.date():
            return datetime.combine(candidate, at)
        first += step


@given(
    day=st.integers(29, 31),
    every=st.integers(1, 14),
    month=st.none() | st.integers(1, 12),
    done=st.datetimes(datetime(2026, 1, 1), datetime(2040, 12, 31)),
    due_at=st.times(),
)
@example(day=31, every=1, month=None, done=datetime(2027, 2, 1, 8), due_at=time(9))
@example(day=31, every=1, month=None, done=datetime(2028, 2, 28, 8), due_at=time(9))
@example(day=29, every=1, month=2, done=datetime(2027, 3, 1, 8), due_at=time(9))
def test_a_month_day_after_the_28th_falls_where_a_person_expects(day, every, month, done, due_at) -> None:
    if month is not None and day > 29 and month == 2:
        month = 3  # the 30th or 31st of February never comes round and is refused when typed
    if month is not None and day == 31 and month in (4, 6, 9, 11):
        month += 1
    kind = "MONTHLY" if month is None else f"YEARLY;BYMONTH={month}"
    rule = parse_recurrence(f"FREQ={kind};INTERVAL={every};BYMONTHDAY={day}")
    due = datetime.combine(done.date() - timedelta(days=3), due_at)
    assert next_due(rule, due, done) == _month_day_oracle(day, every, month, done, due_at.replace(microsecond=0))


@pytest.mark.parametrize("every", [4, 8, 12])
def test_the_29th_of_february_every_few_leap_years_comes_round(every: int) -> None:
    # Found by the property above: checked from a year after a leap year, such a rule never
    # came round and was refused.
    rule = f"FREQ=YEARLY;BYMONTH=2;INTERVAL={every};BYMONTHDAY=29"
    assert parse_recurrence(rule)


def test_the_29th_of_february_comes_round_at_every_interval_of_years() -> None:
    """Whatever the interval, a follow-up set on a leap day falls on it again that year's
    February: checked from a leap year for each (the window checked moves with the interval,
    and some intervals put its start on a year after a leap year, 29, or on 9900, a century
    year that is not a leap year, 67)."""
    refused = []
    for every in range(1, MAX_INTERVAL + 1):
        try:
            parse_recurrence(f"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;INTERVAL={every}")
        except InvalidInput:
            refused.append(every)
    assert refused == []


@pytest.mark.parametrize(
    ("rule", "done"),
    [
        # The last Friday of the month, when it is the 31st (not the last Friday of a shorter month).
        ("FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=-1FR", datetime(2027, 1, 10, 8)),
        # The 31st when it is the 90th day of the year (31 March, in a common year), not 28 February.
        ("FREQ=MONTHLY;BYMONTHDAY=31;BYYEARDAY=59,90", datetime(2027, 1, 10, 8)),
        # The 31st and the day before the month's last: 29 April, not 30 April.
        ("FREQ=MONTHLY;BYMONTHDAY=31,-2", datetime(2027, 4, 10, 8)),
    ],
    ids=["a weekday counted from the end", "a day of the year", "a day counted from the end"],
)
def test_a_month_day_after_the_28th_with_another_part_keeps_the_calendars_meaning(rule: str, done: datetime) -> None:
    """Only a day alone is read as "or the month's last day": with another part besides it, the
    dates are the calendar's own (dateutil's, the oracle here)."""
    from dateutil.rrule import rrulestr

    start = done.replace(hour=DUE.hour, minute=DUE.minute)
    calendar = rrulestr(rule, dtstart=start).after(datetime.combine(done.date(), time.max))
    assert next_due(rule, DUE, done) == calendar


def test_a_rule_from_an_edited_file_that_fails_while_looking_for_its_date_is_said_to_have_ended() -> None:
    """The second Tuesday of a 13th month: dateutil reads it, then fails looking for a date. The
    follow-up is told it has no next one, rather than given something that is no date."""
    with pytest.raises(InvalidInput, match="This follow-up's repeat has ended.") as refused:
        next_due("FREQ=YEARLY;BYMONTH=13;BYDAY=2TU", DUE, datetime(2027, 1, 10, 8))
    assert refused.value.field == "repeat"
