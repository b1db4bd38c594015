"""A range that runs past midnight: "11pm to midnight", "23:30-00:15". Its end, a morning time of
the next day, is read that way when it says so itself (am, a 24-hour time, or "midnight"); a bare
hour, or an end before an afternoon start ("3pm-2pm"), still ends before it starts."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.dates import DateParseError, describe_slot, parse_slot

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00."""
FRIDAY = datetime(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "start", "minutes"),
    [
        ("fri 11pm to midnight", FRIDAY.replace(hour=23), 60),
        ("fri 11pm-midnight", FRIDAY.replace(hour=23), 60),
        ("fri 11:30pm-12:15am", FRIDAY.replace(hour=23, minute=30), 45),
        ("fri 23:00-01:00", FRIDAY.replace(hour=23), 120),
        ("fri 22:30 - 00:00", FRIDAY.replace(hour=22, minute=30), 90),
        ("fri 11pm-1am", FRIDAY.replace(hour=23), 120),
        ("fri 11am to noon", FRIDAY.replace(hour=11), 60),
        ("fri 11:30-midday", FRIDAY.replace(hour=11, minute=30), 30),
        ("fri 10 to noon", FRIDAY.replace(hour=10), 120),
    ],
)
def test_a_range_to_midnight_or_past_it_ends_the_next_morning(text: str, start: datetime, minutes: int) -> None:
    assert parse_slot(text, NOW, require_time=True, ahead=True) == (start, minutes)
    assert parse_slot(text, NOW) == (start, minutes)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("fri 11:30pm-12:15am", "Fri 27 Nov 2026, 23:30–00:15 the next day (45 minutes)"),
        ("fri 11pm-1am", "Fri 27 Nov 2026, 23:00–01:00 the next day (120 minutes)"),
        ("fri 23:00-01:00", "Fri 27 Nov 2026, 23:00–01:00 the next day (120 minutes)"),
        # Midnight ends the day it is typed with, as "to midnight" says: no next day to mention.
        ("fri 11pm to midnight", "Fri 27 Nov 2026, 23:00–00:00 (60 minutes)"),
        ("fri 2-2:30pm", "Fri 27 Nov 2026, 14:00–14:30 (30 minutes)"),
    ],
)
def test_the_preview_of_a_range_past_midnight_says_it_ends_the_next_day(text: str, shown: str) -> None:
    start, minutes = parse_slot(text, NOW)
    assert minutes is not None
    assert describe_slot(start, minutes, NOW) == shown


@pytest.mark.parametrize("text", ["fri 3pm-2pm", "fri 1-12", "fri 11pm-1", "fri 11pm-12", "fri 23:00-1:00", "fri 9am-8am"])
def test_an_end_that_does_not_say_it_is_the_next_morning_still_ends_before_it_starts(text: str) -> None:
    with pytest.raises(DateParseError, match="ends before it starts"):
        parse_slot(text, NOW)


@given(
    start=st.integers(min_value=12 * 60, max_value=24 * 60 - 1),
    # 00:00 to 09:59, written with the leading zero that makes an hour a 24-hour one: "10:00" alone
    # may be 22:00, as a bare hour may.
    end=st.integers(min_value=0, max_value=10 * 60 - 1),
)
def test_every_evening_start_and_24_hour_morning_end_is_one_range_past_midnight(start: int, end: int) -> None:
    text = f"fri {start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
    moment, minutes = parse_slot(text, NOW)
    assert moment == FRIDAY + timedelta(minutes=start)
    assert minutes == end + 24 * 60 - start
    assert moment + timedelta(minutes=minutes) == FRIDAY + timedelta(days=1, minutes=end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fri 11pm-11pm", "'11pm-11pm' ends when it starts; type the start alone ('11pm'), or the time it ends, as in '11pm-11:30pm'."),
        ("fri 23:00-23:00", "'23:00-23:00' ends when it starts; type the start alone ('23:00'), or the time it ends, as in '23:00-23:30'."),
        ("fri 3 to 3", "'3 to 3' ends when it starts; type the start alone ('3'), or the time it ends, as in '3-3:30'."),
        ("fri 11:45pm-11:45pm", "'11:45pm-11:45pm' ends when it starts; type the start alone ('11:45pm'), or the time it ends, as in '11:45pm-12:15am'."),
    ],
)
def test_a_range_that_ends_when_it_starts_says_so_and_how_to_write_one(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_slot(text, NOW)
    assert str(refused.value) == f"Could not read '{text}': {message}"


@pytest.mark.parametrize(
    ("text", "message", "offered"),
    [
        ("fri 11pm-1", "'11pm-1' ends before it starts (1 alone is 1pm); for 1am the next day, write '11pm-1am'.", "11pm-1am"),
        ("fri 10pm to 2", "'10pm to 2' ends before it starts (2 alone is 2pm); for 2am the next day, write '10pm-2am'.", "10pm-2am"),
        (
            "fri 11pm-1:30",
            "'11pm-1:30' ends before it starts (1:30 alone is 1:30pm); for 1:30am the next day, write '11pm-1:30am'.",
            "11pm-1:30am",
        ),
        ("fri 11pm-12", "'11pm-12' ends before it starts (12 alone is noon); for midnight, write '11pm-midnight'.", "11pm-midnight"),
        ("fri 23:00-1", "'23:00-1' ends before it starts (1 alone is 1pm); for 01:00 the next day, write '23:00-01:00'.", "23:00-01:00"),
        # A bare hour for the start is offered with its pm: '5-1am' would be 5am to 1am.
        ("fri 5-1", "'5-1' ends before it starts (1 alone is 1pm); for 1am the next day, write '5pm-1am'.", "5pm-1am"),
        ("fri 7:30-1", "'7:30-1' ends before it starts (1 alone is 1pm); for 1am the next day, write '7:30pm-1am'.", "7:30pm-1am"),
        ("fri 5-12", "'5-12' ends before it starts (12 alone is noon); for midnight, write '5pm-midnight'.", "5pm-midnight"),
        # An afternoon start: the next morning is too far off to be what was meant.
        ("fri 3pm-2", "'3pm-2' ends before it starts; write a range as 2-2:30pm or 14:00-14:20.", None),
    ],
)
def test_a_bare_hour_after_an_evening_start_offers_the_next_morning_without_reading_it(
    text: str, message: str, offered: str | None
) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_slot(text, NOW)
    assert str(refused.value) == f"Could not read '{text}': {message}"
    if offered is not None:
        # What it offers is read as offered: a range that ends the next day, at midnight or after.
        start, minutes = parse_slot(f"fri {offered}", NOW)
        assert start.date() == FRIDAY.date() and minutes is not None
        assert (start + timedelta(minutes=minutes)).date() == FRIDAY.date() + timedelta(days=1)


NEXT_MORNING_TOO_FAR = "the next day is longer than a conversation can be (600 minutes at most); type the time it ends"


@pytest.mark.parametrize(
    ("text", "message", "offered"),
    [
        ("fri 23-10:00", f"'23-10:00' ends before it starts (10:00 alone is 10am), and 11pm to 10am {NEXT_MORNING_TOO_FAR}, as in '23-23:30'.", "23-23:30"),
        ("fri 23:00-10:00", f"'23:00-10:00' ends before it starts (10:00 alone is 10am), and 11pm to 10am {NEXT_MORNING_TOO_FAR}, as in '23:00-23:30'.", "23:00-23:30"),
        ("fri 22-9:30", f"'22-9:30' ends before it starts (9:30 alone is 9:30am), and 10pm to 9:30am {NEXT_MORNING_TOO_FAR}, as in '22-22:30'.", "22-22:30"),
        ("fri 11pm-10", f"'11pm-10' ends before it starts (10 alone is 10am), and 11pm to 10am {NEXT_MORNING_TOO_FAR}, as in '11pm-11:30pm'.", "11pm-11:30pm"),
        ("fri 23:45-10", f"'23:45-10' ends before it starts (10 alone is 10am), and 11:45pm to 10am {NEXT_MORNING_TOO_FAR}, as in '23:45-00:15'.", "23:45-00:15"),
    ],
)
def test_an_end_the_next_morning_too_far_off_for_a_conversation_says_so_and_offers_a_range_that_reads(
    text: str, message: str, offered: str
) -> None:
    """"23-10:00" offered '23-10:00' itself: 10:00 has no leading zero to say it is the next
    morning, and 11pm to 10am would be no conversation anyway."""
    for scheduling in (False, True):
        with pytest.raises(DateParseError) as refused:
            parse_slot(text, NOW, require_time=scheduling, ahead=scheduling)
        assert str(refused.value) == f"Could not read '{text}': {message}"
    start, minutes = parse_slot(f"fri {offered}", NOW)
    assert start.date() == FRIDAY.date() and minutes == 30


@pytest.mark.parametrize(
    ("text", "start", "minutes"),
    [
        ("fri 11-midnight", FRIDAY.replace(hour=23), 60),
        ("fri 11 to midnight", FRIDAY.replace(hour=23), 60),
        ("fri 11:30-midnight", FRIDAY.replace(hour=23, minute=30), 30),
        ("fri 10-midnight", FRIDAY.replace(hour=22), 120),
        ("fri 11-12am", FRIDAY.replace(hour=23), 60),
        ("fri 11:30 - 12 am", FRIDAY.replace(hour=23, minute=30), 30),
        # As '5-12' is offered '5pm-midnight': a bare hour to midnight is in the evening before it.
        ("fri 5-midnight", FRIDAY.replace(hour=17), 420),
        ("fri 10pm-midnight", FRIDAY.replace(hour=22), 120),
        ("fri noon-1", FRIDAY.replace(hour=12), 60),
    ],
)
def test_a_bare_hour_to_midnight_ends_at_the_midnight_after_it(text: str, start: datetime, minutes: int) -> None:
    """"11-midnight" was refused offering '12-11am' (midnight to 11am): midnight ends the evening,
    so a bare hour before it is read in the evening, as "11pm-midnight" is."""
    assert parse_slot(text, NOW, require_time=True, ahead=True) == (start, minutes)
    assert parse_slot(text, NOW) == (start, minutes)
    assert describe_slot(start, minutes, NOW).endswith(f"–{(start + timedelta(minutes=minutes)):%H:%M} ({minutes} minutes)")


@pytest.mark.parametrize(
    ("text", "start", "minutes"),
    [
        ("fri 11am-midnight", FRIDAY.replace(hour=11), 13 * 60),
        ("fri 09:00-midnight", FRIDAY.replace(hour=9), 15 * 60),
        ("fri 9am to 12am", FRIDAY.replace(hour=9), 15 * 60),
    ],
)
def test_a_morning_to_midnight_is_read_as_typed_not_turned_round(text: str, start: datetime, minutes: int) -> None:
    """"11am-midnight" offered 'midnight-11am': it is read as typed, and scheduling says no
    conversation lasts that long."""
    assert parse_slot(text, NOW) == (start, minutes)


@given(
    hour=st.integers(min_value=0, max_value=23),
    minute=st.sampled_from([0, 15, 30, 59]),
    written=st.sampled_from(["bare", "am", "pm", "24"]),
    end=st.sampled_from(["midnight", "12am", "00:00", "12 am"]),
    separator=st.sampled_from(["-", " - ", " to "]),
)
def test_a_range_to_midnight_ends_at_the_midnight_after_its_start_or_offers_one_that_does(
    hour: int, minute: int, written: str, end: str, separator: str
) -> None:
    """Read, a range to midnight ends at the end of the day it starts on; refused, what it offers
    instead is read, and ends after it starts within the length of a conversation."""
    minutes_part = f":{minute:02d}" if minute else ""
    if written == "bare":
        start = f"{hour}{minutes_part}"
    elif written == "24":
        start = f"{hour:02d}:{minute:02d}"
    else:
        start = f"{hour % 12 or 12}{minutes_part}{written}"
    text = f"fri {start}{separator}{end}"
    try:
        moment, minutes = parse_slot(text, NOW)
    except DateParseError as refused:
        message = str(refused)
        for offer in re.findall(r"(?:write|did you mean|as in) '([^']+)'", message):
            offered_start, offered_minutes = parse_slot(f"fri {offer}", NOW)
            assert offered_minutes is not None and 1 <= offered_minutes <= 600, message
        return
    assert minutes is not None
    assert moment.date() == FRIDAY.date()
    assert moment + timedelta(minutes=minutes) == FRIDAY + timedelta(days=1), text
