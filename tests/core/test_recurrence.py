"""Repeating follow-ups: what a person types for a repeat, and when the next one is due.

Dates are naive local times, as the app's clock gives them. The daylight-saving tests run with
TZ set to a zone that changes, so that a naive date's real instant (``timestamp()``) shows the
change really happened in between.
"""

from __future__ import annotations

import calendar
import os
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.dates import parse_when
from interview_tui.core.day_words import relative_day
from interview_tui.core.errors import InvalidInput
from interview_tui.core.keep_in_touch import QueueGroup, group_of
from interview_tui.core.recurrence import describe_recurrence, how_it_repeats, next_due, parse_recurrence

HOUR = 3600
DAY = 24 * HOUR


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """Switch the process's local time zone; the one before is back after the test."""
    before = os.environ.get("TZ")

    def use(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


# parse_recurrence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "rule", "words"),
    [
        ("", "", ""),
        ("once", "", ""),
        ("  Never ", "", ""),
        ("daily", "FREQ=DAILY", "daily"),
        ("every day", "FREQ=DAILY", "daily"),
        ("weekly", "FREQ=WEEKLY", "weekly"),
        ("Fortnightly", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("every  2\tweeks", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("2w", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("monthly", "FREQ=MONTHLY", "monthly"),
        ("every 3 months", "FREQ=MONTHLY;INTERVAL=3", "every 3 months"),
        ("3mo", "FREQ=MONTHLY;INTERVAL=3", "every 3 months"),
        ("yearly", "FREQ=YEARLY", "yearly"),
        ("annually", "FREQ=YEARLY", "yearly"),
        ("every 1000 days", "FREQ=DAILY;INTERVAL=1000", "every 1000 days"),
    ],
)
def test_repeats_in_words(typed: str, rule: str, words: str) -> None:
    assert parse_recurrence(typed) == rule
    assert describe_recurrence(rule) == words


@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        ("FREQ=MONTHLY;INTERVAL=2", "FREQ=MONTHLY;INTERVAL=2"),
        ("RRULE:FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("rrule:freq=weekly;interval=3", "FREQ=WEEKLY;INTERVAL=3"),
        ("  RRULE: FREQ=YEARLY ", "FREQ=YEARLY"),
    ],
)
def test_rrule_text_as_a_calendar_tool_writes_it(typed: str, rule: str) -> None:
    assert parse_recurrence(typed) == rule


def test_a_pasted_rule_reads_the_same_in_words_when_it_can() -> None:
    assert describe_recurrence(parse_recurrence("RRULE:FREQ=MONTHLY;INTERVAL=2")) == "every 2 months"
    assert describe_recurrence(parse_recurrence("FREQ=WEEKLY;BYDAY=MO")) == "every Monday"
    assert describe_recurrence(parse_recurrence("FREQ=YEARLY;BYWEEKNO=20")) == "repeats"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("every 2 months", "every 2 months"),
        ("weekly", "weekly"),
        ("RRULE:FREQ=WEEKLY;BYDAY=MO,TH", "every Monday and Thursday"),
        ("freq=yearly;byweekno=20", "by the rule FREQ=YEARLY;BYWEEKNO=20"),
        ("freq=monthly;bymonthday=1,15;bysetpos=1", "by the rule FREQ=MONTHLY;BYMONTHDAY=1,15;BYSETPOS=1"),
    ],
)
def test_how_a_sentence_says_a_repeat_reads_back_as_the_same_rule(typed: str, said: str) -> None:
    rule = parse_recurrence(typed)
    assert how_it_repeats(rule) == said
    assert parse_recurrence(said.removeprefix("by the rule ")) == rule
    assert how_it_repeats("") == ""


@pytest.mark.parametrize(
    "typed",
    [
        "sometimes",
        "every blue moon",
        "every 0 days",
        "every 1001 days",
        "every -2 weeks",
        "2 weekly",
        "FREQ=SOMETIMES",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;FOO=1",
        "FREQ=",
        # A repeat faster than daily would be overdue again the moment it is done.
        "FREQ=HOURLY",
        "FREQ=MINUTELY;INTERVAL=5",
        # Each would make completing the follow-up hang, crash, or never come round again.
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=DAILY;INTERVAL=-1",
        "FREQ=DAILY;INTERVAL=100000000",
        "FREQ=MONTHLY;COUNT=1",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY\nRRULE:FREQ=DAILY",
    ],
)
def test_unreadable_repeats_name_the_field(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_recurrence(typed)
    assert caught.value.field == "repeat"
    assert str(caught.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_rule_or_a_readable_refusal(typed: str) -> None:
    try:
        rule = parse_recurrence(typed)
    except InvalidInput as exc:
        assert exc.field == "repeat"
        return
    if rule:
        # Whatever is accepted must be usable when the follow-up is done.
        following = next_due(rule, datetime(2026, 11, 25, 9), datetime(2026, 11, 25, 9))
        assert following.date() > date(2026, 11, 25)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["FREQ=", "RRULE:FREQ=", "freq="]),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "SECONDLY", "X", ""]),
    st.lists(
        st.sampled_from(
            ["INTERVAL=0", "INTERVAL=2", "INTERVAL=-3", "COUNT=1", "COUNT=4", "BYDAY=MO,FR", "BYDAY=5FR",
             "BYMONTHDAY=31", "BYMONTHDAY=-1", "BYMONTH=2", "BYMONTH=13", "BYSETPOS=9", "UNTIL=20200101",
             "UNTIL=20990101", "WKST=SU", "BYHOUR=7"]
        ),
        max_size=3,
    ),
)
def test_pasted_rules_are_usable_or_refused(prefix: str, freq: str, parts: list[str]) -> None:
    typed = ";".join([prefix + freq, *parts])
    try:
        rule = parse_recurrence(typed)
    except InvalidInput as exc:
        assert exc.field == "repeat"
        return
    started = time.monotonic()
    done_at = datetime(2026, 11, 25, 15, 30)
    try:
        following = next_due(rule, datetime(2026, 11, 20, 9), done_at)
    except InvalidInput:
        following = None  # an UNTIL that has passed by now: the follow-up simply ends
    assert time.monotonic() - started < 1.0
    if following is not None:
        assert following.date() > done_at.date()


# next_due --------------------------------------------------------------------------------------


def test_next_counts_from_the_day_it_was_done_at_the_time_it_was_due() -> None:
    due = datetime(2026, 11, 2, 9, 30)
    done_a_week_late = datetime(2026, 11, 9, 17, 45)
    assert next_due("FREQ=WEEKLY", due, done_a_week_late) == datetime(2026, 11, 16, 9, 30)
    assert next_due("FREQ=DAILY", due, done_a_week_late) == datetime(2026, 11, 10, 9, 30)
    done_early = datetime(2026, 10, 30, 8, 0)
    assert next_due("FREQ=WEEKLY;INTERVAL=2", due, done_early) == datetime(2026, 11, 13, 9, 30)


@pytest.mark.parametrize(
    ("rule", "done_on", "expected"),
    [
        ("FREQ=MONTHLY", date(2027, 1, 31), date(2027, 2, 28)),
        ("FREQ=MONTHLY", date(2028, 1, 31), date(2028, 2, 29)),
        ("FREQ=MONTHLY", date(2027, 3, 31), date(2027, 4, 30)),
        ("FREQ=MONTHLY", date(2027, 1, 30), date(2027, 2, 28)),
        ("FREQ=MONTHLY", date(2027, 1, 15), date(2027, 2, 15)),
        ("FREQ=MONTHLY;INTERVAL=3", date(2026, 11, 30), date(2027, 2, 28)),
        ("FREQ=MONTHLY;INTERVAL=3", date(2027, 11, 30), date(2028, 2, 29)),
        ("FREQ=MONTHLY;INTERVAL=2", date(2026, 12, 31), date(2027, 2, 28)),
        ("FREQ=YEARLY", date(2028, 2, 29), date(2029, 2, 28)),
        ("FREQ=YEARLY;INTERVAL=4", date(2028, 2, 29), date(2032, 2, 29)),
        ("FREQ=YEARLY", date(2027, 8, 31), date(2028, 8, 31)),
        ("FREQ=WEEKLY", date(2028, 2, 26), date(2028, 3, 4)),
        ("FREQ=DAILY", date(2028, 2, 28), date(2028, 2, 29)),
    ],
)
def test_month_ends_and_leap_days_are_clamped_not_skipped(rule: str, done_on: date, expected: date) -> None:
    due = datetime(2020, 1, 1, 9, 0)  # only its time of day counts
    done_at = datetime.combine(done_on, datetime.min.time()).replace(hour=11)
    assert next_due(rule, due, done_at) == datetime.combine(expected, due.time())


def test_a_repeat_that_has_ended_says_so() -> None:
    with pytest.raises(InvalidInput, match="ended") as caught:
        next_due("FREQ=WEEKLY;UNTIL=20261201", datetime(2026, 11, 25, 9), datetime(2026, 11, 30, 9))
    assert caught.value.field == "repeat"


@pytest.mark.parametrize("stored", ["FREQ=WEEKLY;INTERVAL=0", "FREQ=DAILY;INTERVAL=-2", "FREQ=NOPE", "garbage"])
def test_a_broken_rule_from_a_file_is_an_error_not_a_hang(stored: str) -> None:
    # Rules read from a hand-edited or imported file never went through parse_recurrence.
    started = time.monotonic()
    with pytest.raises(InvalidInput) as caught:
        next_due(stored, datetime(2026, 11, 25, 9), datetime(2026, 11, 25, 10))
    assert caught.value.field == "repeat"
    assert time.monotonic() - started < 1.0


@settings(max_examples=150, deadline=None)
@given(
    unit=st.sampled_from(["days", "weeks", "months", "years"]),
    every=st.integers(min_value=1, max_value=40),
    due=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 12, 31)),
    late=st.integers(min_value=-400, max_value=400),
    done_time=st.times(),
)
def test_next_is_one_interval_after_the_day_done_at_the_due_time(
    unit: str, every: int, due: datetime, late: int, done_time
) -> None:
    rule = parse_recurrence(f"every {every} {unit}")
    done_at = datetime.combine(due.date() + timedelta(days=late), done_time)
    following = next_due(rule, due, done_at)
    assert following.date() > done_at.date()
    assert following.time() == due.time().replace(microsecond=0)
    # relativedelta clamps a month end the way a person means it: 31 Jan + 1 month = 28/29 Feb.
    assert following.date() == done_at.date() + relativedelta(**{unit: every})


@settings(max_examples=100, deadline=None)
@given(
    year=st.integers(min_value=1990, max_value=2090),
    month=st.integers(min_value=1, max_value=12),
    every=st.integers(min_value=1, max_value=24),
)
def test_monthly_from_a_month_end_lands_on_a_month_end(year: int, month: int, every: int) -> None:
    last = calendar.monthrange(year, month)[1]
    done_at = datetime(year, month, last, 12, 0)
    following = next_due(parse_recurrence(f"every {every} months"), datetime(year, month, last, 9), done_at)
    expected_month = done_at.date() + relativedelta(months=every)
    assert (following.year, following.month) == (expected_month.year, expected_month.month)
    assert following.day == min(last, calendar.monthrange(following.year, following.month)[1])


# Daylight saving in the user's local zone ------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "before", "after", "shift"),
    [
        # Clocks go forward on Sunday 29 March 2026 in London: a week holds an hour less.
        ("Europe/London", datetime(2026, 3, 24, 9, 0), datetime(2026, 3, 31, 9, 0), -HOUR),
        # And back on Sunday 1 November 2026 in New York: a week holds an hour more.
        ("America/New_York", datetime(2026, 10, 27, 9, 0), datetime(2026, 11, 3, 9, 0), HOUR),
    ],
)
def test_weekly_keeps_its_hour_across_a_clock_change(local_zone, zone, before, after, shift) -> None:
    local_zone(zone)
    following = next_due("FREQ=WEEKLY", before, before + timedelta(minutes=20))
    assert following == after
    # The zone really changed in between: the real time elapsed is a week plus or minus an hour.
    assert following.timestamp() - before.timestamp() == 7 * DAY + shift


def test_relative_words_count_calendar_days_across_a_clock_change(local_zone) -> None:
    local_zone("Europe/London")
    saturday_night = datetime(2026, 3, 28, 23, 30)
    in_three = parse_when("in 3 days", saturday_night)
    assert in_three == datetime(2026, 3, 31, 9, 0)
    assert relative_day(in_three, saturday_night) == "in 3 days"
    assert group_of(in_three, saturday_night) is QueueGroup.THIS_WEEK

    due = datetime(2026, 3, 28, 9, 0)
    monday_early = datetime(2026, 3, 30, 8, 0)
    # Only 46 real hours apart (an hour lost to the change), yet two days by the calendar.
    assert monday_early.timestamp() - due.timestamp() == 46 * HOUR
    assert relative_day(due, monday_early) == "2 days ago"
    assert group_of(due, monday_early) is QueueGroup.OVERDUE


def test_relative_words_across_the_autumn_change(local_zone) -> None:
    local_zone("America/New_York")
    now = datetime(2026, 10, 31, 22, 0)
    tomorrow = parse_when("tomorrow", now)
    assert tomorrow == datetime(2026, 11, 1, 9, 0)
    assert relative_day(tomorrow, now) == "tomorrow"
    assert parse_when("+1w", now).date() == date(2026, 11, 7)
    assert relative_day(datetime(2026, 10, 30, 23, 59), datetime(2026, 11, 1, 0, 1)) == "2 days ago"


@pytest.mark.parametrize(
    ("rule", "following"),
    [
        # due Tuesday 8 December, done on the Monday before
        ("FREQ=WEEKLY;BYDAY=TU", datetime(2026, 12, 15, 10, 0)),
        ("FREQ=WEEKLY;BYDAY=TU,FR", datetime(2026, 12, 11, 10, 0)),
        ("RRULE:FREQ=MONTHLY;BYMONTHDAY=8,20", datetime(2026, 12, 20, 10, 0)),
        # an interval restarts from the day it was done, early or late
        ("FREQ=WEEKLY;INTERVAL=2", datetime(2026, 12, 21, 10, 0)),
    ],
)
def test_a_rule_of_set_days_done_early_comes_back_after_the_day_it_was_due(rule: str, following: datetime) -> None:
    due = datetime(2026, 12, 8, 10, 0)
    done_at = datetime(2026, 12, 7, 16, 30)
    assert next_due(rule, due, done_at) == following


@settings(max_examples=100, deadline=None)
@given(
    days=st.sets(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), min_size=1),
    due=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 12, 31)),
    early=st.integers(min_value=-20, max_value=20),
)
def test_a_rule_of_set_days_never_comes_back_on_or_before_a_day_already_done(days: set[str], due: datetime, early: int) -> None:
    rule = "FREQ=WEEKLY;BYDAY=" + ",".join(sorted(days))
    done_at = due + timedelta(days=early)
    following = next_due(rule, due, done_at)
    assert following.date() > max(due.date(), done_at.date())
    assert following.strftime("%a")[:2].upper() in days


def test_a_pasted_rule_ending_at_a_utc_moment_is_kept_as_that_moment_in_local_time(local_zone) -> None:
    # Calendar tools end a repeat in UTC ("...Z"); the follow-ups' times are local, and dateutil
    # refuses to mix the two, with a message about a time zone the person never gave.
    local_zone("America/New_York")
    rule = parse_recurrence("RRULE:FREQ=WEEKLY;UNTIL=20270101T000000Z")
    assert rule == "FREQ=WEEKLY;UNTIL=20261231T190000"
    assert next_due(rule, datetime(2026, 12, 24, 9), datetime(2026, 12, 24, 10)) == datetime(2026, 12, 31, 9)
    with pytest.raises(InvalidInput, match="repeat has ended"):
        next_due(rule, datetime(2026, 12, 31, 9), datetime(2026, 12, 31, 10))
    # A year before 1000 keeps its four digits (strftime's %Y would leave out the zeros).
    assert parse_recurrence("FREQ=WEEKLY;UNTIL=09990101T120000Z").startswith("FREQ=WEEKLY;UNTIL=09990101T0")
