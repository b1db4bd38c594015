"""A keep-in-touch cadence takes the words a follow-up's repeat takes ("monthly",
"fortnightly"): one was refused where the other was read."""

from __future__ import annotations

import pytest

from interview_tui.core.errors import InvalidInput
from interview_tui.core.keep_in_touch import parse_cadence
from interview_tui.core.recurrence import parse_recurrence


@pytest.mark.parametrize(
    ("word", "days"),
    [("daily", 1), ("weekly", 7), ("fortnightly", 14), ("monthly", 30), ("yearly", 365), ("annually", 365)],
)
def test_a_repeat_word_is_a_cadence_of_as_many_days(word: str, days: int) -> None:
    parse_recurrence(word)  # read as a repeat...
    assert parse_cadence(word) == (days, None)  # ...and as a cadence
    assert parse_cadence(word.capitalize()) == (days, None)


def test_the_words_mix_with_spans_for_an_ideal_and_a_most() -> None:
    assert parse_cadence("weekly, at most monthly") == (7, 30)
    assert parse_cadence("fortnightly / 3mo") == (14, 90)


@pytest.mark.parametrize("text", ["monthlyish", "weekly monthly yearly", "bi-monthly"])
def test_a_word_that_only_looks_like_one_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_cadence(text)
    assert refused.value.field == "cadence"


@pytest.mark.parametrize("text", ["at most 3 months", "max 90d", "maximum 2 weeks", "At most monthly"])
def test_only_a_longest_gap_is_refused_not_taken_as_how_often(text: str) -> None:
    # Taken as the ideal, "at most 3 months" was kept as every 90 days, at most 180.
    with pytest.raises(InvalidInput, match="gives only the longest gap: say how often too") as refused:
        parse_cadence(text)
    assert refused.value.field == "cadence"
    assert parse_cadence("every 6 weeks, at most 3 months") == (42, 90)
