"""A range that runs past midnight: "11pm to midnight", "23:30-00:15". Its end, a morning time of
the next day, is read that way when it says so itself (am, a 24-hour time, or "midnight"); a bare
hour, or an end before an afternoon start ("3pm-2pm"), still ends before it starts."""

from __future__ import annotations

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


def test_the_preview_of_a_range_past_midnight_gives_its_length() -> None:
    start, minutes = parse_slot("fri 11:30pm-12:15am", NOW)
    assert minutes is not None
    assert describe_slot(start, minutes, NOW) == "Fri 27 Nov 2026, 23:30–00:15 (45 minutes)"


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
