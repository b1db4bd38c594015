"""Which midnight "midnight" is. Today's 00:00 has always passed, so where a moment to come is
wanted (``ahead``: scheduling, a follow-up's due date, a snooze) a bare "midnight" is the coming
one; where a past moment is wanted it is the one just gone. With a day it is that day's 00:00, as
calendar tools read it; after a part of the day that runs up to it, the end of that part."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.dates import DateParseError, describe, parse_slot, parse_when

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00."""


def at(day: int, hour: int = 0, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute)


@pytest.mark.parametrize(
    ("text", "looking_back", "looking_ahead"),
    [
        ("midnight", at(25), at(26)),
        ("at midnight", at(25), at(26)),
        ("Midnight", at(25), at(26)),
        # A day named keeps its own 00:00, the start of that day, either way.
        ("tomorrow midnight", at(26), at(26)),
        ("tomorrow at midnight", at(26), at(26)),
        ("midnight fri", at(27), at(27)),
        ("fri midnight", at(27), at(27)),
        ("today midnight", at(25), at(25)),
        ("yesterday midnight", at(24), at(24)),
        ("midnight on 2026-12-03", at(3, month=12), at(3, month=12)),
        ("midnight in 3 days", at(28), at(28)),
        ("midnight next week", at(30), at(30)),
        # A part of the day that runs up to midnight ends at it.
        ("tonight at midnight", at(26), at(26)),
        ("midnight tonight", at(26), at(26)),
        ("this evening at midnight", at(26), at(26)),
        ("fri night at midnight", at(28), at(28)),
        ("last night at midnight", at(25), at(25)),
    ],
)
def test_which_midnight(text: str, looking_back: datetime, looking_ahead: datetime) -> None:
    assert parse_when(text, NOW) == looking_back
    assert parse_when(text, NOW, ahead=True) == looking_ahead
    assert parse_slot(text, NOW, require_time=True, ahead=True) == (looking_ahead, None)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("morning midnight", "Could not read 'morning midnight': 'midnight' is not in the morning."),
        ("afternoon at midnight", "Could not read 'afternoon at midnight': 'midnight' is not in the afternoon."),
        ("midnight 3pm", "'midnight 3pm' names two times, 'midnight' and '3pm'; keep one."),
    ],
)
def test_a_midnight_that_cannot_be_is_still_refused_either_way(text: str, why: str) -> None:
    for ahead in (False, True):
        with pytest.raises(DateParseError) as refused:
            parse_when(text, NOW, ahead=ahead)
        assert str(refused.value) == why


@settings(max_examples=300, deadline=None)
@given(
    now=st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2050, 12, 31)),
    text=st.sampled_from(["midnight", "at midnight", "MIDNIGHT", " at  Midnight "]),
)
def test_a_bare_midnight_ahead_is_the_coming_one_and_otherwise_the_one_just_gone(now: datetime, text: str) -> None:
    coming = parse_when(text, now, ahead=True)
    gone = parse_when(text, now)
    assert coming.time() == gone.time() == time(0, 0)
    assert now < coming <= now + timedelta(days=1)
    assert now - timedelta(days=1) < gone <= now


# Every other word reads the same whichever way the moment is wanted.
OTHER_WORDS = st.sampled_from(
    ["mon", "fri", "next", "this", "last", "in", "at", "on", "the", "of", "from", "ago", "end", "week",
     "month", "today", "tomorrow", "yesterday", "tonight", "now", "noon", "midday", "morning",
     "afternoon", "evening", "night", "day", "after", "days", "d", "w", "mo", "h", "min", "3", "13",
     "0", "12am", "00:00", "3rd", "3pm", "15:30", "2-2:30pm", "to", "am", "pm", "+3d", "2w", "dec",
     "2026-12-03", "12/03", "utc", "z"]
)  # fmt: skip


def reading(text: str, now: datetime, *, ahead: bool) -> object:
    try:
        return parse_slot(text, now, ahead=ahead)
    except DateParseError as refused:
        return str(refused)


@settings(max_examples=1000, deadline=None)
@given(
    words=st.lists(OTHER_WORDS, min_size=1, max_size=5),
    now=st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2050, 12, 31)),
)
def test_text_without_midnight_reads_the_same_ahead_or_not(words: list[str], now: datetime) -> None:
    text = " ".join(words)
    gone = reading(text, now, ahead=False)
    # ("at 0" is midnight written as a time too: the hour alone, as the refusal of a bare "0" suggests.)
    alone = [word for word in words if word not in ("at", "on", "utc", "z")] in (["12am"], ["00:00"], ["0"])
    if alone and not isinstance(gone, str):
        # Midnight written as a time, with no day named: the coming one where a moment to come is
        # wanted, as "midnight" alone is.
        assert reading(text, now, ahead=True) == reading(f"tomorrow {text}", now, ahead=False)
    else:
        assert reading(text, now, ahead=True) == gone


def test_the_preview_shows_midnight_as_a_time() -> None:
    assert describe(at(26), NOW) == "Thu 26 Nov 2026, 00:00"
    assert describe(at(26, 15), NOW) == "Thu 26 Nov 2026, 15:00"
