"""Dates pinned where the grammar tests left room: what "from" counts from, time zones (each
kind, each sign, each limit), two-digit years at the edge of the century, ranges at the hours
where a bare number stops being one, the edges of the parts of the day, and the preview words."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest

from interview_tui.core.dates import (
    PARTS_OF_DAY,
    DateParseError,
    describe,
    describe_slot,
    parse_slot,
    parse_when,
)
from interview_tui.core.day_words import relative_day

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00."""


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("a week from today", datetime(2026, 12, 2)),
        ("a week from now", datetime(2026, 12, 2)),
        ("2 days from tomorrow", datetime(2026, 11, 28)),
        ("2 days from yesterday", datetime(2026, 11, 26)),
        ("a week from fri", datetime(2026, 12, 4)),
        ("a week from wed", datetime(2026, 12, 9)),  # a weekday alone is the next one, not today
        ("a week from next fri", datetime(2026, 12, 4)),
        ("a week from this wed", datetime(2026, 12, 2)),
        ("a week from last mon", datetime(2026, 11, 30)),
        ("3 days from fri 3pm", datetime(2026, 11, 30, 15)),
    ],
)
def test_what_from_counts_from(text: str, day: datetime) -> None:
    want = day if day.hour else day.replace(hour=9)
    assert parse_when(text, NOW) == want


@pytest.mark.parametrize("text", ["3 days from", "a week from dec", "a week from next", "a week from next week"])
def test_from_without_a_day_after_it_is_refused_saying_what_it_needs(text: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == (
        f"Could not read '{text}': 'from' needs now, today, tomorrow or a weekday after it, as in 'a week from today'."
    )


def local(moment: datetime, offset: timedelta) -> datetime:
    return moment.replace(tzinfo=timezone(offset)).astimezone().replace(tzinfo=None)


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("14:00 utc", timedelta(0)),
        ("14:00 gmt", timedelta(0)),
        ("14:00 z", timedelta(0)),
        ("14:00 +01:00", timedelta(hours=1)),
        ("14:00 +0100", timedelta(hours=1)),
        ("14:00 -0130", -timedelta(hours=1, minutes=30)),
        ("14:00 -05:45", -timedelta(hours=5, minutes=45)),
        ("14:00 +23:59", timedelta(hours=23, minutes=59)),
        ("14:00 +12:30", timedelta(hours=12, minutes=30)),
    ],
)
def test_each_kind_of_time_zone(text: str, offset: timedelta) -> None:
    assert parse_when(text, NOW) == local(datetime(2026, 11, 25, 14, 0), offset)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14:00 +05:30 utc", "it gives two time zones; keep one."),
        ("2026-12-03t14:00z utc", "it gives two time zones; keep one."),
        ("14:00 +24:00", "'+24:00' is not a time zone."),
        ("14:00 +01:60", "'+01:60' is not a time zone."),
    ],
)
def test_why_a_time_zone_is_refused(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == f"Could not read '{text}': {message}"


def test_an_iso_time_with_its_zone() -> None:
    assert parse_when("2026-12-03t14:00-05:00", NOW) == local(datetime(2026, 12, 3, 14), -timedelta(hours=5))
    assert parse_when("2026-12-03T14:00Z", NOW) == local(datetime(2026, 12, 3, 14), timedelta(0))


@pytest.mark.parametrize(
    ("text", "year"),
    # Fifty years either way is a tie, read as the past.
    [("3/12/26", 2026), ("3/12/75", 2075), ("3/12/76", 1976), ("3/12/77", 1977), ("3/12/99", 1999),
     ("1/1/00", 2000), ("1/1/50", 2050)],
)
def test_a_two_digit_year_is_the_nearest_to_now(text: str, year: int) -> None:
    assert parse_when(text, NOW).year == year


@pytest.mark.parametrize(
    ("now", "text", "year"),
    [(datetime(2090, 1, 1), "1/1/39", 2139), (datetime(2090, 1, 1), "1/1/41", 2041),
     (datetime(2010, 6, 1), "1/1/59", 2059), (datetime(2010, 6, 1), "1/1/60", 1960),
     (datetime(2010, 6, 1), "1/1/61", 1961)],
)
def test_a_two_digit_year_may_be_in_the_next_or_the_last_century(now: datetime, text: str, year: int) -> None:
    assert parse_when(text, now).year == year


@pytest.mark.parametrize(
    ("text", "start", "minutes"),
    [
        ("1-23", time(13), 600),
        ("22-23", time(22), 60),
        ("12-1", time(12), 60),
        ("10-11", time(10), 60),
        ("11-1pm", time(11), 120),
        ("9-5", time(9), 480),
        ("2-2:30pm", time(14), 30),
        ("2:30-3", time(14, 30), 30),
    ],
)
def test_ranges_at_the_edges_of_a_bare_hour(text: str, start: time, minutes: int) -> None:
    assert parse_slot(text, NOW) == (datetime.combine(NOW.date(), start), minutes)


@pytest.mark.parametrize("text", ["0-3", "23-24", "03-4", "2-2", "3pm-3pm"])
def test_ranges_that_are_not_ranges(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_slot(text, NOW)


@pytest.mark.parametrize(
    ("part", "inside", "outside"),
    [
        ("morning", [time(4), time(11, 59)], [time(3, 59), time(12)]),
        ("afternoon", [time(12), time(17, 59)], [time(11, 59), time(18)]),
        ("evening", [time(17), time(23, 59)], [time(16, 59)]),
    ],
)
def test_the_edges_of_the_parts_of_the_day(part: str, inside: list[time], outside: list[time]) -> None:
    span = PARTS_OF_DAY[part]
    assert [span.holds(t) for t in inside] == [True] * len(inside)
    assert [span.holds(t) for t in outside] == [False] * len(outside)
    assert span.holds(span.start)
    if span.end is not None:
        assert not span.holds(span.end)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("tomorrow afternoon at 5:59pm", datetime(2026, 11, 26, 17, 59)),
        ("this morning at 11:59", datetime(2026, 11, 25, 11, 59)),
        ("tomorrow night at 11:59pm", datetime(2026, 11, 26, 23, 59)),
    ],
)
def test_a_time_at_the_end_of_a_part_of_the_day_is_in_it(text: str, want: datetime) -> None:
    assert parse_when(text, NOW) == want


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tomorrow afternoon at 6pm", "'6pm' is not in the afternoon."),
        ("tomorrow morning at 12pm", "'12pm' is not in the morning."),
    ],
)
def test_a_time_just_past_a_part_of_the_day_is_refused(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == f"Could not read '{text}': {message}"


def test_the_preview_of_a_date_and_of_a_slot() -> None:
    assert describe(datetime(2026, 12, 1, 15, 0), NOW) == "Tue 1 Dec 2026, 15:00"
    assert describe(datetime(2026, 12, 1, 0, 0), NOW) == "Tue 1 Dec 2026, 00:00"
    assert describe(datetime(2026, 12, 1, 0, 1), NOW) == "Tue 1 Dec 2026, 00:01"
    assert describe_slot(datetime(2026, 11, 30, 23, 45), 30, NOW) == "Mon 30 Nov 2026, 23:45–00:15 the next day (30 minutes)"
    assert describe_slot(datetime(2026, 11, 30, 23, 45), 15, NOW) == "Mon 30 Nov 2026, 23:45–00:00 (15 minutes)"


@pytest.mark.parametrize(
    ("days", "said"),
    [(0, "today"), (1, "tomorrow"), (-1, "yesterday"), (2, "in 2 days"), (-2, "2 days ago"), (400, "in 400 days")],
)
def test_a_day_said_relative_to_today(days: int, said: str) -> None:
    assert relative_day(NOW + timedelta(days=days), NOW) == said
    late = NOW.replace(hour=23, minute=59)
    assert relative_day(datetime.combine((NOW + timedelta(days=days)).date(), time(0, 1)), late) == said


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tomorrow yesterday", "'tomorrow yesterday' names two days, 'tomorrow' and 'yesterday'; keep one."),
        ("3pm 4pm", "'3pm 4pm' names two times, '3pm' and '4pm'; keep one."),
        ("fri morning evening", "'fri morning evening' names two parts of the day, 'morning' and 'evening'; keep one."),
        ("in 3 days 2026-12-03", "'in 3 days 2026-12-03' names two days, 'in 3 days' and '2026-12-03'; keep one."),
    ],
)
def test_two_of_a_kind_are_both_named(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('12', "'12' alone could be a time or a day; write 12am, 12pm or 'at 12' for a time, or 'the 12th' for a day."),
        ('123', "Could not read '123': '123' is not a date; write a day as '3 Dec' or '2026-12-03'."),
        ('dec', "Could not read 'dec': 'dec' needs a day, as in 'dec 3'."),
        ('3:75', "'3:75' is not a time of day; write one as 3pm, 3:30pm or 15:30."),
        ('5xyz', "Could not read '5xyz': 'xyz' is not a unit. Use days, weeks, months, years, hours or minutes (d, w, mo, y, h, min), as in 'in 2 weeks'."),
        ('next', "Could not read 'next': 'next' needs a day after it, as in 'next tue' or 'next week'."),
        ('3/4/5/6', "Could not read '3/4/5/6': '3/4/5/6' is not a date; write one as 2026-12-03, 12/03 or 3 Dec."),
        ('few', "Could not read 'few': 'few' is not a number; say how many, as in 'in 3 days'."),
        ('a', "Could not read 'a': 'a' needs a number and a unit, as in 'in 3 days' or 'a week from today'."),
        ('an', "Could not read 'an': 'an' needs a number and a unit, as in 'in 3 days' or 'a week from today'."),
        ('in', "Could not read 'in': 'in' needs a number and a unit, as in 'in 3 days'."),
        ('seven', "Could not read 'seven': 'seven' needs a number and a unit, as in 'in 3 days' or 'a week from today'."),
        ('blorp', "Could not read 'blorp': 'blorp' is not a word for a date or a time. Try 'tomorrow', 'fri 3pm', 'in 3 days', 'next week' or '2026-12-03 14:00'."),
        ('tomorrow 12', "'12' in 'tomorrow 12' alone could be a time or a day; write 12am, 12pm or 'at 12' for a time, or 'the 12th' for a day."),
        ('at', "Could not read 'at': 'at' needs a time after it, as in 'at 3pm'."),
        ('at 25', "'at 25' is not a time of day; write one as 3pm, 3:30pm or 15:30."),
        ('at blorp', "Could not read 'at blorp': 'at' needs a time after it, as in 'at 3pm'; 'blorp' is not one."),
        ('end', "Could not read 'end': 'end' needs 'of week' or 'of month' after it, as in 'end of month'."),
        ('end of', "Could not read 'end of': 'end of' needs 'week' or 'month', as in 'end of month'."),
        ('end of year', "Could not read 'end of year': 'end of year' needs 'week' or 'month', as in 'end of month'."),
        ('this month', "Could not read 'this month': 'this month' is not one day; say 'end of month', 'the 15th' or a date."),
        ('this week', "Could not read 'this week': 'this week' needs a day, as in 'fri this week'."),
    ],
)
def test_why_a_date_is_refused_in_full_words(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ('end of month', datetime(2026, 11, 30, 9, 0)),
        ('end of the month', datetime(2026, 11, 30, 9, 0)),
        ('end of this week', datetime(2026, 11, 27, 9, 0)),
        ('end of next week', datetime(2026, 12, 4, 9, 0)),
        ('end of next month', datetime(2026, 12, 31, 9, 0)),
        ('the end of week', datetime(2026, 11, 27, 9, 0)),
        ('next month', datetime(2026, 12, 1, 9, 0)),
        ('last month', datetime(2026, 10, 1, 9, 0)),
        ('next week', datetime(2026, 11, 30, 9, 0)),
        ('last week', datetime(2026, 11, 16, 9, 0)),
        ('fri next week', datetime(2026, 12, 4, 9, 0)),
        ('tue this week', datetime(2026, 11, 24, 9, 0)),
        ('tue last week', datetime(2026, 11, 17, 9, 0)),
    ],
)
def test_weeks_months_and_their_ends(text: str, want: datetime) -> None:
    assert parse_when(text, NOW) == want


@pytest.mark.parametrize(
    ("today", "friday"),
    [(datetime(2026, 11, 23), datetime(2026, 11, 27)), (datetime(2026, 11, 27), datetime(2026, 11, 27)),
     (datetime(2026, 11, 28), datetime(2026, 12, 4)), (datetime(2026, 11, 29), datetime(2026, 12, 4))],
)
def test_the_end_of_the_week_is_its_friday_today_included(today: datetime, friday: datetime) -> None:
    assert parse_when("end of week", today) == friday.replace(hour=9)
    assert parse_when("end of next week", today) == (friday + timedelta(days=7)).replace(hour=9)


def test_the_end_of_a_month_in_december_and_in_february() -> None:
    assert parse_when("end of month", datetime(2026, 12, 5)) == datetime(2026, 12, 31, 9)
    assert parse_when("end of next month", datetime(2026, 12, 5)) == datetime(2027, 1, 31, 9)
    assert parse_when("end of month", datetime(2028, 2, 1)) == datetime(2028, 2, 29, 9)
    assert parse_when("next month", datetime(2026, 12, 31)) == datetime(2027, 1, 1, 9)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("next week last week", "'next week last week' names two days, 'next week' and 'last week'; keep one."),
        ("fri tue", "'fri tue' names two days, 'fri' and 'tue'; keep one."),
        ("next week 2026-12-03", "'next week 2026-12-03' names two days, '2026-12-03' and 'next week'; keep one."),
        ("next fri next week", "'next fri next week' names two days, 'next fri' and 'next week'; keep one."),
        ("thu 2026-12-04", "Could not read 'thu 2026-12-04': 'thu' and '2026-12-04' disagree: Fri 4 Dec 2026 is a Friday."),
        ("2-1", "Could not read '2-1': '2-1' ends before it starts; write a range as 2-2:30pm or 14:00-14:20."),
    ],
)
def test_days_that_cannot_all_be_meant(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "want", "minutes"),
    [
        ("mon next week", datetime(2026, 11, 30, 9), None),
        ("sun this week", datetime(2026, 11, 29, 9), None),
        ("fri 2026-12-04", datetime(2026, 12, 4, 9), None),
        ("morning", datetime(2026, 11, 25, 9), None),
        ("evening at 8", datetime(2026, 11, 25, 20), None),
        ("morning at 7", datetime(2026, 11, 25, 7), None),
        ("afternoon at 3", datetime(2026, 11, 25, 15), None),
        ("tonight at 8", datetime(2026, 11, 25, 20), None),
        ("morning 9-10", datetime(2026, 11, 25, 9), 60),
        ("2026-12-03 14:00-14:20", datetime(2026, 12, 3, 14), 20),
        ("10 to 11am", datetime(2026, 11, 25, 10), 60),
    ],
)
def test_a_day_with_a_part_of_it_or_a_range(text: str, want: datetime, minutes) -> None:
    assert parse_slot(text, NOW) == (want, minutes)


def test_with_an_aware_clock_the_answer_is_in_its_zone() -> None:
    zone = timezone(timedelta(hours=2))
    now = NOW.replace(tzinfo=zone)
    assert parse_when("14:00 utc", now) == datetime(2026, 11, 25, 16, 0, tzinfo=zone)
    assert parse_when("fri 3pm", now) == datetime(2026, 11, 27, 15, 0, tzinfo=zone)
    assert parse_when("a week from fri", now) == datetime(2026, 12, 4, 9, 0, tzinfo=zone)
    assert parse_when("tomorrow", now) == datetime(2026, 11, 26, 9, 0, tzinfo=zone)


@pytest.mark.parametrize(("number", "ordinal"), [("1", "1st"), ("3", "3rd"), ("4", "4th"), ("11", "11th"), ("12", "12th")])
def test_a_bare_number_is_offered_as_a_time_or_as_a_day_with_its_ordinal(number: str, ordinal: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(number, NOW)
    assert str(refused.value) == (
        f"'{number}' alone could be a time or a day; write {number}am, {number}pm or 'at {number}' for a time,"
        f" or 'the {ordinal}' for a day."
    )


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("0", "'0' alone could be a time; write 'at 0' or 12am for midnight."),
        ("13", "'13' alone could be a time or a day; write 'at 13' for a time, or 'the 13th' for a day."),
        ("21", "'21' alone could be a time or a day; write 'at 21' for a time, or 'the 21st' for a day."),
        ("23", "'23' alone could be a time or a day; write 'at 23' for a time, or 'the 23rd' for a day."),
        ("24", "'24' alone is not a time of day; write 'the 24th' or '24 Dec' for a day."),
        ("30", "'30' alone is not a time of day; write 'the 30th' or '30 Dec' for a day."),
        ("31", "'31' alone is not a time of day; write 'the 31st' or '31 Dec' for a day."),
        ("32", "'32' is not a day of any month nor an hour; write a day as '3 Dec' or 'the 3rd', a time as 3pm or 15:30."),
        ("99", "'99' is not a day of any month nor an hour; write a day as '3 Dec' or 'the 3rd', a time as 3pm or 15:30."),
    ],
)
def test_a_bare_number_is_offered_only_as_what_it_can_be(number: str, message: str) -> None:
    """13am and 'the 32nd' are no more readable than 13 or 32: a hint never offers them."""
    with pytest.raises(DateParseError) as refused:
        parse_when(number, NOW)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "want", "minutes"),
    [
        ("5-7am", datetime(2026, 11, 25, 5), 120),  # the end's am is the start's too, not the bare-hour rule
        ("2 days from yesterday 3pm", datetime(2026, 11, 26, 15), None),
        ("2-3pm tomorrow", datetime(2026, 11, 26, 14), 60),
        ("10 to 11 tomorrow", datetime(2026, 11, 26, 10), 60),
        ("2 to 3 pm", datetime(2026, 11, 25, 14), 60),
        ("3.30 pm", datetime(2026, 11, 25, 15, 30), None),
        ("3:30 pm", datetime(2026, 11, 25, 15, 30), None),
        ("1/5", datetime(2026, 1, 5, 9), None),  # January, month first: not swapped
    ],
)
def test_what_follows_a_phrase_is_still_read(text: str, want: datetime, minutes) -> None:
    assert parse_slot(text, NOW) == (want, minutes)


@pytest.mark.parametrize(
    ("text", "message"),
    [("999999 days ago", "999,999 days ago is beyond the calendar."),
     ("99999 years from now", "99,999 years from now is beyond the calendar.")],
)
def test_a_span_beyond_the_calendar_says_so(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


def test_a_token_that_looks_like_a_time_but_is_none_is_named() -> None:
    from interview_tui.core.dates import _Reader

    reader = _Reader(["3:75"], NOW, "3:75", dayfirst=False)
    assert str(reader.unreadable("3:75")) == "'3:75' is not a time of day; write one as 3pm, 3:30pm or 15:30."


@pytest.mark.parametrize(
    ("text", "want", "minutes"),
    [
        ("couple of days ago", datetime(2026, 11, 23, 9), None),
        ("in couple days", datetime(2026, 11, 27, 9), None),
        ("in a couple days", datetime(2026, 11, 27, 9), None),
        ("in half a hour", datetime(2026, 11, 25, 10, 30), None),
        ("in half an hour", datetime(2026, 11, 25, 10, 30), None),
        ("2026-12-03t14:00:59", datetime(2026, 12, 3, 14, 0), None),
        ("10 to 11 am", datetime(2026, 11, 25, 10), 60),
        ("10 to 11 pm", datetime(2026, 11, 25, 22), 60),
        ("10 - 11:30", datetime(2026, 11, 25, 10), 90),
        ("dec the 3rd", datetime(2026, 12, 3, 9), None),
    ],
)
def test_spans_iso_seconds_and_spaced_ranges(text: str, want: datetime, minutes) -> None:
    assert parse_slot(text, NOW) == (want, minutes)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("dec 003", "Could not read 'dec 003': 'dec 003' has no day: 003 is not a day of a month."),
        ("dec 123", "Could not read 'dec 123': 'dec 123' has no day: 123 is not a day of a month."),
        ("dec blah", "Could not read 'dec blah': 'dec' needs a day, as in 'dec 3'."),
        ("the 32nd", "Could not read 'the 32nd': no month has a day 32."),
        ("2026-12-03t14:00:60", "'2026-12-03t14:00:60' is not a time of day; write one as 3pm, 3:30pm or 15:30."),
        # "10 to noon" is a range now (noon can end one): a word that is no time still leaves the 10 alone.
        ("10 to lunch", "'10' in '10 to lunch' alone could be a time or a day; write 10am, 10pm or 'at 10' for a time,"
                        " or 'the 10th' for a day."),
        # A pm apart from its hour is the whole word, not the start of one.
        ("3-4 pmx", "Could not read '3-4 pmx': 'pmx' is not a word for a date or a time. "
                    "Try 'tomorrow', 'fri 3pm', 'in 3 days', 'next week' or '2026-12-03 14:00'."),
        ("3 - 4 pmx", "Could not read '3 - 4 pmx': 'pmx' is not a word for a date or a time. "
                      "Try 'tomorrow', 'fri 3pm', 'in 3 days', 'next week' or '2026-12-03 14:00'."),
    ],
)
def test_why_a_day_of_a_month_or_a_range_is_refused(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("this evening 8pm", datetime(2026, 11, 25, 20)),
        ("last night 11pm", datetime(2026, 11, 24, 23)),
        ("in the evening tomorrow", datetime(2026, 11, 26, 19)),
        ("in the morning 9am", datetime(2026, 11, 25, 9)),
    ],
)
def test_a_part_of_the_day_and_what_follows_it(text: str, want: datetime) -> None:
    assert parse_when(text, NOW) == want


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("this evening morning", "'this evening morning' names two parts of the day, 'this evening' and 'morning'; keep one."),
        ("end of week tomorrow", "'end of week tomorrow' names two days, 'end of week' and 'tomorrow'; keep one."),
        ("3 days from fri tomorrow", "'3 days from fri tomorrow' names two days, '3 days from fri' and 'tomorrow'; keep one."),
        ("in 3", "Could not read 'in 3': 'in 3' needs a unit, as in 'in 3 days'."),
        ("in 3 days ago", "Could not read 'in 3 days ago': 'ago' is not a word for a date or a time. Try 'tomorrow', "
                          "'fri 3pm', 'in 3 days', 'next week' or '2026-12-03 14:00'."),
    ],
)
def test_the_words_named_when_a_date_is_refused(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


def test_what_follows_in_the_evening_is_read() -> None:
    assert parse_when("in the evening 8pm", NOW) == datetime(2026, 11, 25, 20)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("today tomorrow", "'today tomorrow' names two days, 'today' and 'tomorrow'; keep one."),
        ("now 3pm", "'now 3pm' names two times, 'now' and '3pm'; keep one."),
        ("tonight tomorrow", "'tonight tomorrow' names two days, 'tonight' and 'tomorrow'; keep one."),
        ("tomorrow now", "'tomorrow now' names two days, 'tomorrow' and 'now'; keep one."),
        ("in the evening morning",
         "'in the evening morning' names two parts of the day, 'in the evening' and 'morning'; keep one."),
    ],
)
def test_each_day_word_is_named_as_typed(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "want", "minutes"),
    [
        ("at 3 pm", datetime(2026, 11, 25, 15), None),
        ("at 3 am", datetime(2026, 11, 25, 3), None),
        ("at 3 a", datetime(2026, 11, 25, 3), None),
        ("at 3 p", datetime(2026, 11, 25, 15), None),
        ("at 3 o'clock", datetime(2026, 11, 25, 15), None),
        ("at 3 to 4", datetime(2026, 11, 25, 15), 60),
        ("at 3 - 4", datetime(2026, 11, 25, 15), 60),
        ("at the end of week", datetime(2026, 11, 27, 9), None),
        ("at noon end of week", datetime(2026, 11, 27, 12), None),
    ],
)
def test_at_and_what_may_follow_its_hour(text: str, want: datetime, minutes) -> None:
    assert parse_slot(text, NOW) == (want, minutes)


def test_the_length_limit_of_a_date_and_the_words_echoed_back() -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when("x" * 101, NOW)
    assert str(refused.value) == "That is too long for a date; try 'next tue 3pm' or '2026-12-03'."
    with pytest.raises(DateParseError, match="is not a word for a date"):
        parse_when("x" * 100, NOW)  # read, not refused for its length
    with pytest.raises(DateParseError) as refused:
        parse_when("midnight 3pm", NOW)
    assert str(refused.value) == "'midnight 3pm' names two times, 'midnight' and '3pm'; keep one."
    with pytest.raises(DateParseError) as refused:
        parse_when("it's", NOW)
    assert str(refused.value).startswith("Could not read 'it’s': 'it’s' is not a word")


def test_at_before_a_day_is_refused_even_when_an_end_follows() -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when("at tomorrow end of week", NOW)
    assert str(refused.value) == (
        "Could not read 'at tomorrow end of week': 'at' needs a time after it, as in 'at 3pm'; 'tomorrow' is not one."
    )


@pytest.mark.parametrize(
    ("text", "want", "minutes"),
    [("2\u20133pm", datetime(2026, 11, 25, 14), 60), ("2\u20143pm", datetime(2026, 11, 25, 14), 60),
     ("3 o\u2019clock", datetime(2026, 11, 25, 15), None), ("3 O'CLOCK", datetime(2026, 11, 25, 15), None)],
)
def test_dashes_and_apostrophes_as_typed_on_phones(text: str, want: datetime, minutes) -> None:
    assert parse_slot(text, NOW) == (want, minutes)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("this", "Could not read 'this': 'this' needs a day after it, as in 'this tue' or 'next week'."),
        ("last", "Could not read 'last': 'last' needs a day after it, as in 'last tue' or 'next week'."),
        ("13/14", "Could not read '13/14': '13/14' has no month: 14 is not a month or a day."),
        ("end of month fri", "Could not read 'end of month fri': 'fri' and 'end of month' disagree: "
                             "Mon 30 Nov 2026 is a Monday."),
        ("dec 3 fri", "Could not read 'dec 3 fri': 'fri' and 'dec 3' disagree: Thu 3 Dec 2026 is a Thursday."),
        ("3rd fri", "Could not read '3rd fri': 'fri' and '3rd' disagree: Thu 3 Dec 2026 is a Thursday."),
        ("3pm fri 2026-12-01", "Could not read '3pm fri 2026-12-01': 'fri' and '2026-12-01' disagree: "
                               "Tue 1 Dec 2026 is a Tuesday."),
        ("in 30 min at 5pm", "'in 30 min at 5pm' names two times, 'in 30 min' and '5pm'; keep one."),
        ("in half an hour at 5pm", "'in half an hour at 5pm' names two times, 'in half an hour' and '5pm'; keep one."),
        ("in 2h at 5pm", "'in 2h at 5pm' names two times, 'in 2h' and '5pm'; keep one."),
        ("+2h 5pm", "'+2h 5pm' names two times, '+2h' and '5pm'; keep one."),
        ("at 5 3pm", "'at 5 3pm' names two times, 'at 5' and '3pm'; keep one."),
        ("2026-12-01T15:00 4pm", "'2026-12-01T15:00 4pm' names two times, '2026-12-01t15:00' and '4pm'; keep one."),
        ("2026-12-01 15:00 4pm", "'2026-12-01 15:00 4pm' names two times, '15:00' and '4pm'; keep one."),
        ("last night tomorrow", "'last night tomorrow' names two days, 'last night' and 'tomorrow'; keep one."),
        ("tonight at 3pm tomorrow", "'tonight at 3pm tomorrow' names two days, 'tonight' and 'tomorrow'; keep one."),
        ("the 3rd tomorrow", "'the 3rd tomorrow' names two days, 'the 3rd' and 'tomorrow'; keep one."),
        ("dec 3 tomorrow", "'dec 3 tomorrow' names two days, 'dec 3' and 'tomorrow'; keep one."),
        ("12/03 tomorrow", "'12/03 tomorrow' names two days, '12/03' and 'tomorrow'; keep one."),
        ("end of week tomorrow", "'end of week tomorrow' names two days, 'end of week' and 'tomorrow'; keep one."),
        ("end of the month tomorrow",
         "'end of the month tomorrow' names two days, 'end of the month' and 'tomorrow'; keep one."),
        ("this fri next mon", "'this fri next mon' names two days, 'this fri' and 'next mon'; keep one."),
    ],
)
def test_words_that_disagree_or_say_too_little_are_quoted_back(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


# Pinned after the mutation run of the date grammar ------------------------------------------------


def test_a_time_after_from_next_weekday_is_still_read() -> None:
    """"next fri" after "from" is two words: the time after them is the next thing read."""
    assert parse_when("2 days from next fri 3pm", NOW) == datetime(2026, 11, 29, 15)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31/12", datetime(2026, 12, 31, 9)),  # no 31st month: read the other way round
        ("30/12", datetime(2026, 12, 30, 9)),
        ("12/31", datetime(2026, 12, 31, 9)),
    ],
)
def test_a_slashed_date_only_one_way_round_is_read_that_way(text: str, day: datetime) -> None:
    assert parse_when(text, NOW) == day


def test_a_slashed_date_neither_way_round_is_refused() -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when("32/12", NOW)
    assert str(refused.value) == "Could not read '32/12': '32/12' has no month: 32 is not a month or a day."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3 pm tomorrow 4pm", "'3 pm tomorrow 4pm' names two times, '3 pm' and '4pm'; keep one."),
        ("3 o'clock tomorrow 4pm", "'3 oclock tomorrow 4pm' names two times, '3 oclock' and '4pm'; keep one."),
    ],
    ids=["am or pm apart", "o'clock"],
)
def test_two_times_are_quoted_each_as_it_was_written(text: str, message: str) -> None:
    """A time of two words is quoted as those two, not with the word after them."""
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == message


LOPSIDED = "a dash between two times takes a space on both sides or on neither, as in '3pm-4pm' or '3pm - 4pm'."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("wed 3pm -4pm", f"Could not read 'wed 3pm -4pm': '-4pm': {LOPSIDED}"),
        ("wed 3pm- 4pm", f"Could not read 'wed 3pm- 4pm': '3pm-': {LOPSIDED}"),
        ("wed 3 pm -4 pm", f"Could not read 'wed 3 pm -4 pm': '-4': {LOPSIDED}"),
        ("wed noon -1pm", f"Could not read 'wed noon -1pm': '-1pm': {LOPSIDED}"),
        ("wed 3pm-", "Could not read 'wed 3pm-': '3pm-' needs the time it ends at after the dash, as in '3pm-4pm'."),
        ("wed 14h30-", "Could not read 'wed 14h30-': '14h30-' needs the time it ends at after the dash, as in '3pm-4pm'."),
        ("wed 14h30 -15h", f"Could not read 'wed 14h30 -15h': '-15h': {LOPSIDED}"),
        # The am or pm apart from its hour: the hour that has it is not said to stand alone.
        ("wed 3 pm- 4 pm", f"Could not read 'wed 3 pm- 4 pm': '3 pm-': {LOPSIDED}"),
        ("3 pm- 4", f"Could not read '3 pm- 4': '3 pm-': {LOPSIDED}"),
        ("at 3 pm- 4 pm", f"Could not read 'at 3 pm- 4 pm': '3 pm-': {LOPSIDED}"),
        ("wed 3 -4 pm", f"Could not read 'wed 3 -4 pm': '-4': {LOPSIDED}"),
        ("wed 1:30 pm- 2 pm", f"Could not read 'wed 1:30 pm- 2 pm': '1:30 pm-': {LOPSIDED}"),
        ("wed noon -10:00 am", f"Could not read 'wed noon -10:00 am': '-10:00': {LOPSIDED}"),
        # After a time, "-05:00" is its zone, and a bare hour before one is still said to be that.
        ("3 -05:00", "'3' in '3 -05:00' alone could be a time or a day;"),
        # Beside no time, a dash is not half a range: the word is not understood, and said so.
        ("wed -4pm", "Could not read 'wed -4pm': '-4pm' is not a word for a date or a time."),
        ("-3 wed", "Could not read '-3 wed': '-3' is not a word for a date or a time."),
    ],
)
def test_a_range_with_a_space_on_one_side_of_its_dash_says_how_to_write_it(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_slot(text, NOW)
    assert str(refused.value).startswith(message)


WANTS_ITS_END = "needs the time it ends at after the dash, as in '3pm-4pm'."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # As the range is typed, its am or pm apart from the hour or the dash apart from the time.
        ("3 pm-", f"Could not read '3 pm-': '3 pm-' {WANTS_ITS_END}"),
        ("wed 3 pm-", f"Could not read 'wed 3 pm-': '3 pm-' {WANTS_ITS_END}"),
        ("at 3 pm-", f"Could not read 'at 3 pm-': '3 pm-' {WANTS_ITS_END}"),
        ("3 pm -", f"Could not read '3 pm -': '3 pm -' {WANTS_ITS_END}"),
        ("wed 3pm -", f"Could not read 'wed 3pm -': '3pm -' {WANTS_ITS_END}"),
        ("3 -", f"Could not read '3 -': '3 -' {WANTS_ITS_END}"),
        ("noon -", f"Could not read 'noon -': 'noon -' {WANTS_ITS_END}"),
        ("14h -", f"Could not read '14h -': '14h -' {WANTS_ITS_END}"),
        ("wed 3pm to", "Could not read 'wed 3pm to': '3pm to' needs the time it ends at after 'to', as in '3pm to 4pm'."),
        ("3 pm to", "Could not read '3 pm to': '3 pm to' needs the time it ends at after 'to', as in '3pm to 4pm'."),
        # A dash after a day is no range begun: the dash is what is not understood.
        ("dec 3 -", "Could not read 'dec 3 -': '-' is not a word for a date or a time."),
    ],
)
def test_a_range_that_ends_with_its_dash_however_spaced_says_its_end_is_wanted(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_slot(text, NOW, require_time=True, ahead=True)
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3 pm- fri", "'3 pm-' needs the time it ends at after the dash, not 'fri', as in 'fri 3pm-4pm'."),
        ("3pm- wed", "'3pm-' needs the time it ends at after the dash, not 'wed', as in 'wed 3pm-4pm'."),
        ("3pm - tomorrow", "'3pm -' needs the time it ends at after the dash, not 'tomorrow', as in 'tomorrow 3pm-4pm'."),
        ("fri 3 pm - next week", "'3 pm -' needs the time it ends at after the dash, not 'next', as in 'fri next week 3pm-4pm'."),
        ("3 - fri", "'3 -' needs the time it ends at after the dash, not 'fri', as in 'fri 3-4'."),
        ("11:30pm- fri", "'11:30pm-' needs the time it ends at after the dash, not 'fri', as in 'fri 11:30pm-12:30am'."),
        ("14h - fri", "'14h -' needs the time it ends at after the dash, not 'fri', as in 'fri 14h-15h'."),
        ("noon- fri", "'noon-' needs the time it ends at after the dash, not 'fri', as in 'fri noon-1pm'."),
        ("3pm to fri", "'3pm to' needs the time it ends at after 'to', not 'fri', as in 'fri 3pm to 4pm'."),
        ("at 3 pm- fri", "'3 pm-' needs the time it ends at after the dash, not 'fri', as in 'at 3pm-4pm fri'."),
        # What the example would be cannot be read itself: the range alone is offered.
        ("3pm- fri tue", "'3pm-' needs the time it ends at after the dash, not 'fri', as in '3pm-4pm'."),
        # Typed as one word, the same ('3pm-fri' was no word for a date or a time).
        ("3pm-fri", "'3pm-' needs the time it ends at after the dash, not 'fri', as in 'fri 3pm-4pm'."),
        ("3pm-tomorrow", "'3pm-' needs the time it ends at after the dash, not 'tomorrow', as in 'tomorrow 3pm-4pm'."),
        ("14h-fri", "'14h-' needs the time it ends at after the dash, not 'fri', as in 'fri 14h-15h'."),
        ("3 pm-fri", "'3 pm-' needs the time it ends at after the dash, not 'fri', as in 'fri 3pm-4pm'."),
        ("3-fri", "'3-' needs the time it ends at after the dash, not 'fri', as in 'fri 3-4'."),
        ("noon-fri", "'noon-' needs the time it ends at after the dash, not 'fri', as in 'fri noon-1pm'."),
        ("fri 3pm-next week", "'3pm-' needs the time it ends at after the dash, not 'next', as in 'fri next week 3pm-4pm'."),
        ("at 3pm-fri", "'3pm-' needs the time it ends at after the dash, not 'fri', as in 'at 3pm-4pm fri'."),
        # The example is written as the start was: an h with its minutes.
        ("14h30- fri", "'14h30-' needs the time it ends at after the dash, not 'fri', as in 'fri 14h30-15h30'."),
        # The dash parted from the day is the range's, not a date's before it.
        ("2026-12-04 3pm-fri", "'3pm-' needs the time it ends at after the dash, not 'fri', as in '2026-12-04 fri 3pm-4pm'."),
        # A start that is no time of day: an example of a range, with a dash or a 'to' as typed.
        ("25- fri", "'25-' needs the time it ends at after the dash, not 'fri', as in '3pm-4pm'."),
        ("25 to fri", "'25 to' needs the time it ends at after 'to', not 'fri', as in '3pm to 4pm'."),
    ],
)
def test_a_range_whose_dash_is_followed_by_no_time_says_its_end_is_wanted_there(text: str, message: str) -> None:
    """"3 pm- fri" said '3' alone could be a time or a day, "3pm- wed" that '3pm-' is no word for a
    date, and "3pm-fri" that '3pm-fri' is none: the time it ends at is what is missing, and the
    example is what was typed with one."""
    for scheduling in (False, True):
        with pytest.raises(DateParseError) as refused:
            parse_slot(text, NOW, require_time=scheduling, ahead=scheduling)
        assert str(refused.value) == f"Could not read '{text}': {message}"
        offered = message.rsplit("as in '", 1)[1].removesuffix("'.")
        parse_slot(offered, NOW, require_time=scheduling, ahead=scheduling)  # raises if it cannot be read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("3pm-4pm", (datetime(2026, 11, 25, 15, 0), 60)),
        ("14h-15h", (datetime(2026, 11, 25, 14, 0), 60)),
        ("fri 11-midnight", (datetime(2026, 11, 27, 23, 0), 60)),
        ("fri 11:30-noon", (datetime(2026, 11, 27, 11, 30), 30)),
        # A day glued to its month is a date, not a range begun.
        ("3-dec", (datetime(2026, 12, 3, 9, 0), None)),
    ],
)
def test_a_range_written_as_one_word_is_still_read_as_written(text: str, read: tuple[datetime, int | None]) -> None:
    assert parse_slot(text, NOW) == read


def test_a_word_no_rule_knows_glued_after_a_time_is_what_is_said() -> None:
    with pytest.raises(DateParseError) as refused:
        parse_slot("3pm-lunch", NOW)
    assert str(refused.value).startswith("Could not read '3pm-lunch': '3pm-lunch' is not a word for a date or a time.")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # Two times, one an hour with an h beside a day: each is named as typed.
        ("fri 14h 3pm", "'fri 14h 3pm' names two times, '14h' and '3pm'; keep one."),
        # Several dashes glued: the word is named whole, as no rule reads it.
        ("3pm-fri-sat", "Could not read '3pm-fri-sat': '3pm-fri-sat' is not a word for a date or a time."),
        # From midnight to midnight ends when it starts.
        ("midnight-midnight", "Could not read 'midnight-midnight': 'midnight-midnight' ends when it starts;"),
    ],
)
def test_what_is_said_of_hours_and_ranges_names_the_words_typed(text: str, said: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_slot(text, NOW, require_time=True, ahead=True)
    assert str(refused.value).startswith(said)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("1am-midnight", (datetime(2026, 11, 25, 1, 0), 23 * 60)),
        ("12:01am-midnight", (datetime(2026, 11, 25, 0, 1), 23 * 60 + 59)),
    ],
)
def test_a_range_from_the_small_hours_to_midnight_is_read_as_typed(text: str, read: tuple[datetime, int]) -> None:
    """Read whole (scheduling then refuses it as longer than a conversation can be), never taken
    for one that ends when it starts."""
    assert parse_slot(text, NOW, require_time=True, ahead=True) == read
