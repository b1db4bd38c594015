"""A keep-in-touch cadence is said in the days it counts, or in whole weeks: "every 30 days" was
shown as "every 1 month", though a check-in is due 30 days after the last touch, not a month."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.keep_in_touch import (
    DEFAULT_CADENCES,
    MAX_CADENCE_DAYS,
    Cadence,
    cadence_of,
    check_ins,
    format_cadence,
    parse_cadence,
)
from interview_tui.core.models import Contact, Relationship, Stage


def own(typed: str) -> Contact:
    ideal, maximum = parse_cadence(typed)
    return Contact(name="Alex Example", stage=Stage.THANKED, cadence_days=ideal, cadence_max_days=maximum)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("every 30 days", "every 30 days, at most 60 days"),
        ("every 60 days", "every 60 days, at most 120 days"),
        ("monthly", "every 30 days, at most 60 days"),
        ("3mo / 6mo", "every 90 days, at most 180 days"),
        ("yearly", "every 365 days, at most 730 days"),
        ("every 7 days", "every week, at most 2 weeks"),
        ("weekly", "every week, at most 2 weeks"),
        ("every 14 days, at most 28 days", "every 2 weeks, at most 4 weeks"),
        ("6w / 90d", "every 6 weeks, at most 90 days"),
        ("daily, at most 1d", "every day, at most a day"),
        ("every 5 days, at most 1 week", "every 5 days, at most a week"),
    ],
)
def test_a_cadence_is_said_in_days_or_whole_weeks(typed: str, said: str) -> None:
    cadence = cadence_of(own(typed))
    assert cadence is not None
    assert cadence.describe() == said


def test_the_defaults_are_said_as_they_count() -> None:
    assert DEFAULT_CADENCES[Relationship.FAMILY].describe() == "every 30 days, at most 90 days"
    assert DEFAULT_CADENCES[Relationship.COLLEAGUE].describe() == "every 8 weeks, at most 120 days"


def test_a_check_in_says_its_interval_as_the_heading_does() -> None:
    contact = own("every 30 days")
    contact.id = 1
    [check_in] = check_ins([contact], {1: datetime(2026, 11, 25, 10, 0)}, snoozed=set())
    assert check_in.note == "keep in touch every 30 days"


@pytest.mark.parametrize(
    ("typed", "in_the_box"),
    [("every 30 days", "30d"), ("monthly / quarterly", "30d / 90d"), ("2w / 3mo", "2w / 90d"), ("weekly", "1w")],
)
def test_the_contact_form_shows_the_days_it_will_count(typed: str, in_the_box: str) -> None:
    assert format_cadence(own(typed)) == in_the_box


@given(st.integers(1, MAX_CADENCE_DAYS), st.integers(0, MAX_CADENCE_DAYS))
def test_what_is_said_reads_back_as_the_same_days(ideal: int, extra: int) -> None:
    maximum = min(ideal + extra, MAX_CADENCE_DAYS)
    said = Cadence(ideal, maximum).describe()
    assert "month" not in said and "year" not in said and " 1 " not in said
    assert parse_cadence(said) == (ideal, maximum)
    box = format_cadence(Contact(name="Alex Example", cadence_days=ideal, cadence_max_days=maximum))
    assert parse_cadence(box) == (ideal, maximum)
