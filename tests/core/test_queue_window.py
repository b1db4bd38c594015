"""The part of the queue due within a window (``due --within N``) is found by bisection in the
queue's due order: exactly the follow-ups a filter over the whole queue would keep, in order."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core import queue
from interview_tui.core.models import FollowUp

NOW = datetime(2026, 11, 25, 10, 0)

minutes_from_now = st.integers(min_value=-60 * 24 * 40, max_value=60 * 24 * 40)


@given(offsets=st.lists(minutes_from_now, max_size=60), days=st.integers(min_value=0, max_value=30),
       hour=st.integers(min_value=0, max_value=23))
def test_the_window_is_what_a_filter_over_the_whole_queue_keeps(offsets: list[int], days: int, hour: int) -> None:
    entries = sorted(
        (FollowUp(contact_id=1 + i % 3, due=NOW + timedelta(minutes=m), id=i + 1) for i, m in enumerate(offsets)),
        key=lambda f: f.due,
    )
    now = NOW.replace(hour=hour)
    last_day = now.date() + timedelta(days=days)
    assert queue.due_within(entries, now, days) == [f for f in entries if f.due.date() <= last_day]
