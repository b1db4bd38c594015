"""The date grammar: what a person types -> a datetime, against a fixed "now"."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from interview_tui.core.dates import (
    WEEKDAYS,
    DateParseError,
    describe,
    parse_slot,
    parse_when,
)
from interview_tui.core.day_words import DEFAULT_DUE_TIME, relative_day
from interview_tui.core.errors import InvalidInput

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00."""


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute)


READS = [
    # Named days; a day without a time is due at the start of the working day (09:00).
    ("today", at(25)),
    ("Today", at(25)),
    ("  tomorrow  ", at(26)),
    ("tonight", at(25, 19)),
    ("yesterday", at(24)),
    ("now", at(25, 10)),
    ("noon", at(25, 12)),
    ("midday", at(25, 12)),
    ("midnight", at(25, 0)),
    # Weekdays: the next one, today (a Wednesday) excluded.
    ("thu", at(26)),
    ("fri", at(27)),
    ("tue", at(1, month=12)),
    ("tuesday", at(1, month=12)),
    ("TUESDAY", at(1, month=12)),
    ("wed", at(2, month=12)),
    ("wednesday", at(2, month=12)),
    ("mon", at(30)),
    ("sun", at(29)),
    ("next tue", at(1, month=12)),
    ("next wed", at(2, month=12)),
    ("next fri", at(27)),
    # "this" includes today.
    ("this fri", at(27)),
    ("this wed", at(25)),
    ("this tuesday", at(1, month=12)),
    # Offsets.
    ("in 3 days", at(28)),
    ("in 1 day", at(26)),
    ("in 0 days", at(25)),
    ("in 2 weeks", at(9, month=12)),
    ("in 1 month", at(25, month=12)),
    ("in 2 months", at(25, month=1, year=2027)),
    ("in 1 year", at(25, year=2027)),
    ("in 3d", at(28)),
    ("+3d", at(28)),
    ("3d", at(28)),
    ("3 days", at(28)),
    ("2w", at(9, month=12)),
    ("+2w", at(9, month=12)),
    ("1mo", at(25, month=12)),
    ("1y", at(25, year=2027)),
    ("in 2 hours", at(25, 12)),
    ("+2h", at(25, 12)),
    ("in 90 minutes", at(25, 11, 30)),
    ("in a week", at(2, month=12)),
    ("in an hour", at(25, 11)),
    ("in a month at 3pm", at(25, 15, month=12)),
    ("+45min", at(25, 10, 45)),
    # Times: today at that time.
    ("3pm", at(25, 15)),
    ("3 pm", at(25, 15)),
    ("3PM", at(25, 15)),
    ("3p", at(25, 15)),
    ("9am", at(25, 9)),
    ("3:30pm", at(25, 15, 30)),
    ("15:30", at(25, 15, 30)),
    ("at 15:30", at(25, 15, 30)),
    ("0:05", at(25, 0, 5)),
    ("12am", at(25, 0)),
    ("12pm", at(25, 12)),
    ("12:30am", at(25, 0, 30)),
    # Combinations, in either order, "at" optional.
    ("next tue 3pm", at(1, 15, month=12)),
    ("3pm next tue", at(1, 15, month=12)),
    ("tomorrow at 10:30", at(26, 10, 30)),
    ("tomorrow 10:30", at(26, 10, 30)),
    ("fri 9am", at(27, 9)),
    ("friday noon", at(27, 12)),
    ("tue, 3pm", at(1, 15, month=12)),
    ("3 pm tomorrow", at(26, 15)),
    ("tonight 9pm", at(25, 21)),
    ("9pm tonight", at(25, 21)),
    ("in 3 days at 5pm", at(28, 17)),
    ("+3d 5pm", at(28, 17)),
    ("5pm in 3 days", at(28, 17)),
    ("this fri at noon", at(27, 12)),
    # Absolute dates through dateutil, with now's year and month as the default.
    ("2026-12-03 14:00", at(3, 14, month=12)),
    ("2026-12-03T14:00", at(3, 14, month=12)),
    ("2026-12-03 00:00", at(3, 0, month=12)),
    ("2026-12-03", at(3, month=12)),
    ("20261203", at(3, month=12)),
    ("Dec 3 2pm", at(3, 14, month=12)),
    ("Dec 3 at 2pm", at(3, 14, month=12)),
    ("dec 3 2:30pm", at(3, 14, 30, month=12)),
    ("3 Dec", at(3, month=12)),
    ("3 December 2027", at(3, month=12, year=2027)),
    ("December 3rd", at(3, month=12)),
    ("3dec", at(3, month=12)),
    ("Tue, Dec 1", at(1, month=12)),
    ("12/03", at(3, month=12)),
    ("03/04", at(4, month=3)),
    ("03/04/2027", at(4, month=3, year=2027)),
    ("0001-01-01 00:00", datetime(1, 1, 1, 0, 0)),
    ("9999-12-31 23:59", datetime(9999, 12, 31, 23, 59)),
]


@pytest.mark.parametrize(("text", "expected"), READS)
def test_reads(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, whole_calendar=True) == expected


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("3000-01-01", "'3000-01-01' is Wed 1 Jan 3000; a date must be from 1900 to 2999, so type an earlier one."),
        ("1899-12-31 3pm", "'1899-12-31 3pm' is Sun 31 Dec 1899; a date must be from 1900 to 2999, so type a later one."),
        ("in 1000 years", "'in 1000 years' is Sat 25 Nov 3026; a date must be from 1900 to 2999, so type an earlier one."),
    ],
)
def test_a_date_a_workspace_cannot_keep_is_refused_when_read(text: str, refused: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when(text, NOW)
    assert str(caught.value) == refused
    with pytest.raises(DateParseError, match="a date must be from 1900 to 2999"):
        parse_slot(text, NOW, ahead=True)


def test_the_first_and_last_moments_a_workspace_keeps_are_read() -> None:
    assert parse_when("1900-01-01 00:00", NOW) == datetime(1900, 1, 1, 0, 0)
    assert parse_when("2999-12-31 23:59", NOW) == datetime(2999, 12, 31, 23, 59)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04", at(3, month=4)),
        ("03/04/2027", at(3, month=4, year=2027)),
        # Year first stays year-month-day (dateutil alone would read the 12th of March).
        ("2026-12-03", at(3, month=12)),
        ("2026-12-03 14:00", at(3, 14, month=12)),
        ("2026/12/03", at(3, month=12)),
        ("20261203", at(3, month=12)),
        ("tomorrow", at(26)),
    ],
)
def test_dayfirst(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, dayfirst=True) == expected


def test_default_time_applies_only_without_a_time() -> None:
    assert parse_when("tomorrow", NOW, default_time=time(8, 15)) == at(26, 8, 15)
    assert parse_when("3 Dec", NOW, default_time=time(8, 15)) == at(3, 8, 15, month=12)
    assert parse_when("tomorrow 3pm", NOW, default_time=time(8, 15)) == at(26, 15)
    assert parse_when("Dec 3 2pm", NOW, default_time=time(8, 15)) == at(3, 14, month=12)
    assert DEFAULT_DUE_TIME == time(9, 0)


@pytest.mark.parametrize("text", ["tomorrow", "fri", "in 3 days", "2026-12-03", "3 Dec"])
def test_require_time_refuses_a_bare_day(text: str) -> None:
    with pytest.raises(DateParseError, match="no time"):
        parse_when(text, NOW, require_time=True)


@pytest.mark.parametrize("text", ["tomorrow 3pm", "fri noon", "in 2 hours", "2026-12-03 14:00", "tonight"])
def test_require_time_accepts_a_time(text: str) -> None:
    assert parse_when(text, NOW, require_time=True).time() != DEFAULT_DUE_TIME


def test_seconds_are_dropped() -> None:
    now = datetime(2026, 11, 25, 10, 0, 42, 123)
    assert parse_when("now", now) == datetime(2026, 11, 25, 10, 0)
    assert parse_when("2026-12-03 14:00:59", NOW) == at(3, 14, month=12)


def test_timezone_aware_text_becomes_local_naive() -> None:
    moment = parse_when("2026-12-03 14:00 +00:00", NOW)
    assert moment.tzinfo is None
    expected = datetime(2026, 12, 3, 14, 0).replace(tzinfo=__import__("datetime").timezone.utc)
    assert moment == expected.astimezone().replace(tzinfo=None)


UNREADABLE = [
    # (text, a fragment the message must contain)
    ("", "Type a date"),
    ("   ", "Type a date"),
    ("soon", "'soon'"),
    ("next", "'next'"),
    ("in 3", "'in 3'"),
    ("in a", "'in a'"),
    ("in a bit", "'in a bit'"),
    ("2026", "'2026'"),
    ("3", "could be a time or a day"),
    ("9", "9am"),
    ("3m", "'m' is not a unit"),
    ("in 3 m", "'m' is not a unit"),
    ("+5x", "'x' is not a unit"),
    ("13pm", "'13pm' is not a time of day"),
    ("13 pm", "is not a time of day"),
    ("0am", "'0am' is not a time of day"),
    ("24:00", "'24:00' is not a time of day"),
    ("9:75", "'9:75' is not a time of day"),
    ("monday 25:00", "'25:00' in 'monday 25:00'"),
    ("tue wed", "two days"),
    ("tomorrow today", "two days"),
    ("tomorrow +3d", "two days"),
    ("in 2 hours tomorrow", "two days"),
    ("3pm 4pm", "two times"),
    ("noon 3pm", "two times"),
    ("now 3pm", "two times"),
    ("2026-02-30", "'2026-02-30'"),
    ("Feb 30 2027", "'Feb 30 2027'"),
    ("in 9999 years", "beyond the calendar"),
    ("in 99999999999 days", "beyond the calendar"),
    ("x" * 101, "too long"),
    ("at", "'at'"),
]


@pytest.mark.parametrize(("text", "fragment"), UNREADABLE)
def test_unreadable_text_says_what(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when(text, NOW)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_errors_are_value_errors_and_invalid_input() -> None:
    assert issubclass(DateParseError, ValueError)
    assert issubclass(DateParseError, InvalidInput)


def test_error_message_never_echoes_escape_sequences() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when("\x1b[31mred\x1b]0;title\x07", NOW)
    message = str(caught.value)
    assert "\x1b" not in message and "\x07" not in message
    # Named as what it is, not as an unknown word ('red') glued to a colour code.
    assert message.startswith("The date holds a control character")


@pytest.mark.parametrize("text", ["tue", "tomorrow", "+3d", "in 1 month"])
def test_past_the_end_of_the_calendar_is_a_parse_error(text: str) -> None:
    with pytest.raises(DateParseError, match="beyond the calendar"):
        parse_when(text, datetime(9999, 12, 31, 10, 0))


def test_before_the_start_of_the_calendar_is_a_parse_error() -> None:
    with pytest.raises(DateParseError, match="beyond the calendar"):
        parse_when("yesterday", datetime(1, 1, 1, 10, 0))


# Properties -------------------------------------------------------------------------------------

# Far enough from year 9999 that 500 months or years still fit in the calendar.
NOWS = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9400, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
UNIT_FORMS = {
    "days": ["in {n} days", "+{n}d", "{n}d", "in {n}d", "{n} days"],
    "weeks": ["in {n} weeks", "+{n}w", "{n}w", "in {n} wk"],
    "months": ["in {n} months", "+{n}mo", "{n}mo", "in {n} month"],
    "years": ["in {n} years", "+{n}y", "{n}y"],
}


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=500),
    unit=st.sampled_from(sorted(UNIT_FORMS)),
    form=st.integers(min_value=0, max_value=4),
    now=NOWS,
)
@example(n=1, unit="months", form=0, now=datetime(2027, 1, 31, 10, 0))
@example(n=1, unit="years", form=0, now=datetime(2028, 2, 29, 10, 0))
def test_offsets_equal_relativedelta(n: int, unit: str, form: int, now: datetime) -> None:
    forms = UNIT_FORMS[unit]
    text = forms[form % len(forms)].format(n=n)
    expected = now + relativedelta(**{unit: n})
    # A bare day keeps the time asked for; with now's own time it is exactly now + the offset.
    assert parse_when(text, now, default_time=now.time(), whole_calendar=True) == expected
    assert parse_when(text, now, whole_calendar=True) == datetime.combine(expected.date(), DEFAULT_DUE_TIME)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(WEEKDAYS)),
    prefix=st.sampled_from(["", "next ", "NEXT ", ""]),
    now=st.datetimes(max_value=datetime(9999, 12, 20)),
)
def test_a_weekday_is_one_to_seven_days_ahead(name: str, prefix: str, now: datetime) -> None:
    moment = parse_when(prefix + name, now, whole_calendar=True)
    ahead = (moment.date() - now.date()).days
    assert 1 <= ahead <= 7
    assert moment.weekday() == WEEKDAYS[name]
    assert moment.time() == DEFAULT_DUE_TIME


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(WEEKDAYS)), now=st.datetimes(max_value=datetime(9999, 12, 20)))
def test_this_weekday_is_zero_to_six_days_ahead(name: str, now: datetime) -> None:
    moment = parse_when(f"this {name}", now, whole_calendar=True)
    ahead = (moment.date() - now.date()).days
    assert 0 <= ahead <= 6
    assert moment.weekday() == WEEKDAYS[name]


@settings(max_examples=500, deadline=None)
@given(text=st.text(), now=st.datetimes())
@example(text="in 99999999999999999999 years", now=NOW)
@example(text="9999-12-31 23:59 -23:59", now=NOW)
@example(text="0001-01-01 00:00 +23:00", now=NOW)
@example(text="\x00\udcff\u202e", now=NOW)
def test_any_text_raises_only_date_parse_error(text: str, now: datetime) -> None:
    try:
        result = parse_when(text, now)
    except DateParseError as exc:
        assert str(exc)
    else:
        assert isinstance(result, datetime)


# Text made of the grammar's own words: far more likely to reach its corners than random text.
WORDS = st.sampled_from(
    [*WEEKDAYS, "next", "this", "in", "at", "today", "tomorrow", "tonight", "yesterday", "now",
     "noon", "midnight", "3", "13", "0", "3pm", "13pm", "15:30", "24:00", "pm", "am", "days", "d",
     "w", "mo", "y", "h", "min", "+3d", "2w", "dec", "3rd", "2026-12-03", "12/03", "+", "-", "9999"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(words=st.lists(WORDS, max_size=5), now=st.datetimes())
def test_grammar_words_raise_only_date_parse_error(words: list[str], now: datetime) -> None:
    try:
        parse_when(" ".join(words), now)
    except DateParseError:
        pass


@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1000, 1, 1)), now=st.datetimes())
def test_formatted_datetimes_read_back(moment: datetime, now: datetime) -> None:
    # From year 1000: glibc's %Y does not pad, so year 99 would be written "99-01-01", which
    # means 1999 to anyone. isoformat() pads, and is checked over the whole calendar below.
    moment = moment.replace(second=0, microsecond=0)
    assert parse_when(f"{moment:%Y-%m-%d %H:%M}", now, whole_calendar=True) == moment


@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(), now=st.datetimes(), dayfirst=st.booleans())
@example(moment=datetime(99, 1, 1), now=NOW, dayfirst=False)
@example(moment=datetime(2026, 12, 3, 14, 0), now=NOW, dayfirst=True)
def test_iso_datetimes_read_back(moment: datetime, now: datetime, dayfirst: bool) -> None:
    moment = moment.replace(second=0, microsecond=0)
    assert parse_when(moment.isoformat(sep=" ", timespec="minutes"), now, dayfirst=dayfirst, whole_calendar=True) == moment
    assert parse_when(moment.isoformat(timespec="minutes"), now, dayfirst=dayfirst, whole_calendar=True) == moment


# Describing dates --------------------------------------------------------------------------------


def test_describe() -> None:
    assert describe(at(1, 15, month=12), NOW) == "Tue 1 Dec 2026, 15:00"
    assert describe(datetime(2026, 12, 1), NOW) == "Tue 1 Dec 2026, 00:00"


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (NOW, "today"),
        (NOW.replace(hour=23, minute=59), "today"),
        (NOW + timedelta(days=1), "tomorrow"),
        (NOW - timedelta(days=1), "yesterday"),
        (NOW + timedelta(days=5), "in 5 days"),
        (NOW - timedelta(days=3), "3 days ago"),
    ],
)
def test_relative_day(moment: datetime, words: str) -> None:
    assert relative_day(moment, NOW) == words
