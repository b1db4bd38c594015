"""A rule pasted in RFC 5545 form is said in words wherever a repeat is shown ("every Monday and
Thursday"), the rule itself only for a part not put into words; days typed in words are read as
such a rule; and the first date of a repeat on set days falls on one of them."""

from __future__ import annotations

from datetime import datetime

import pytest

from interview_tui.core import workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact
from interview_tui.core.recurrence import (
    describe_recurrence,
    first_due,
    how_it_repeats,
    parse_recurrence,
    repeat_in_brief,
    repeats_in_words,
)
from interview_tui.core.store import Store


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,TH", "every Monday and Thursday"),
        ("RRULE:FREQ=WEEKLY;BYDAY=TH,MO", "every Monday and Thursday"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "every Monday, Wednesday and Friday"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "every weekday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "every 2 weeks on Tuesday"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", "monthly on the 1st and the 15th"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "monthly on the last day"),
        ("FREQ=MONTHLY;BYMONTHDAY=31", "monthly on the 31st or the month's last day"),
        ("FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", "every 3 months on the first Monday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "monthly on the last Friday"),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", "yearly on 15 March"),
        ("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "yearly on the fourth Thursday of November"),
        ("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231", "every Monday, until 31 Dec 2026"),
        ("FREQ=WEEKLY;WKST=SU;BYDAY=MO", "every Monday"),
    ],
)
def test_a_rule_is_said_in_words(rule: str, said: str) -> None:
    assert describe_recurrence(rule) == said
    assert how_it_repeats(rule) == said
    assert repeats_in_words(rule) == f"repeats {said}"
    assert repeat_in_brief(rule) == said


@pytest.mark.parametrize(
    "rule", ["FREQ=YEARLY;BYWEEKNO=20", "FREQ=MONTHLY;BYMONTHDAY=1,15;BYSETPOS=1", "FREQ=MONTHLY;BYDAY=MO"]
)
def test_only_what_cannot_be_put_in_words_is_given_as_the_rule(rule: str) -> None:
    assert how_it_repeats(rule) == f"by the rule {rule}"
    assert repeat_in_brief(rule) == rule


@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        ("every monday", "FREQ=WEEKLY;BYDAY=MO"),
        ("Mondays", "FREQ=WEEKLY;BYDAY=MO"),
        ("on Mondays and Thursdays", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("every mon, thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("every Friday and Tuesday", "FREQ=WEEKLY;BYDAY=TU,FR"),
        ("every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("every mon", "FREQ=MONTHLY"),  # a month, as a cadence reads it
    ],
)
def test_days_typed_in_words_are_a_rule_that_reads_back_the_same(typed: str, rule: str) -> None:
    assert parse_recurrence(typed) == rule
    assert parse_recurrence(describe_recurrence(rule)) == rule


WEDNESDAY = datetime(2026, 11, 25, 9, 0)


@pytest.mark.parametrize(
    ("rule", "first"),
    [
        ("FREQ=WEEKLY;BYDAY=MO", datetime(2026, 11, 30, 9, 0)),
        ("FREQ=WEEKLY;BYDAY=WE", WEDNESDAY),  # on one of its days: kept
        ("FREQ=WEEKLY;INTERVAL=2", WEDNESDAY),  # an interval has no days of its own
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", datetime(2026, 12, 1, 9, 0)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2026, 11, 30, 9, 0)),  # a shorter month's last day
    ],
)
def test_the_first_date_of_a_repeat_on_set_days_is_the_first_of_them_from_the_date_given(
    rule: str, first: datetime
) -> None:
    assert first_due(rule, WEDNESDAY) == first


def test_a_follow_up_asked_for_off_its_days_is_due_on_the_first_and_says_so(store: Store) -> None:
    kim = store.add_contact(Contact(name="Kim Kaur"))
    assert kim.id is not None
    added = workflow.add_followup(store, kim.id, "fri", repeat="every monday")
    assert added.due == datetime(2026, 11, 30, 9, 0)
    assert workflow.moved_to_its_days(store, added, "fri") == (
        "Fri 27 Nov is not one of the days it repeats on, so the first is Mon 30 Nov"
    )
    kept = workflow.add_followup(store, kim.id, "mon", repeat="every monday")
    assert kept.due == datetime(2026, 11, 30, 9, 0)
    assert workflow.moved_to_its_days(store, kept, "mon") == ""


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261126",
        # No set days: the repeat would still be shown as "weekly, until 26 Nov 2026" on a
        # follow-up first due after it, a repeat that can never come.
        "FREQ=WEEKLY;UNTIL=20261126",
        "FREQ=MONTHLY;UNTIL=20200101",
        "RRULE:FREQ=DAILY;UNTIL=20261126T235959",
    ],
)
def test_a_repeat_ended_before_the_date_given_is_refused_and_adds_nothing(store: Store, rule: str) -> None:
    kim = store.add_contact(Contact(name="Kim Kaur"))
    assert kim.id is not None
    with pytest.raises(InvalidInput) as refused:
        workflow.add_followup(store, kim.id, "fri", repeat=rule)
    assert refused.value.field == "repeat"
    assert str(refused.value) == (
        "The repeat ends before Fri 27 Nov 2026, the date given: give an earlier date, or a later UNTIL."
    )
    assert store.followups() == []


def test_a_repeat_that_ends_on_the_date_given_or_later_is_kept(store: Store) -> None:
    kim = store.add_contact(Contact(name="Kim Kaur"))
    assert kim.id is not None
    on_the_day = workflow.add_followup(store, kim.id, "fri", repeat="FREQ=WEEKLY;UNTIL=20261127T090000")
    later = workflow.add_followup(store, kim.id, "fri", repeat="FREQ=WEEKLY;UNTIL=20261231")
    assert on_the_day.due == later.due == datetime(2026, 11, 27, 9, 0)
    assert later.recurrence == "FREQ=WEEKLY;UNTIL=20261231T235959"  # to the end of that day


def test_a_repeat_until_a_day_takes_in_that_whole_day(store: Store) -> None:
    # "until 27 Nov" read as its midnight refused a follow-up due at 9 that morning.
    kim = store.add_contact(Contact(name="Kim Kaur"))
    assert kim.id is not None
    added = workflow.add_followup(store, kim.id, "fri", repeat="FREQ=WEEKLY;UNTIL=20261127")
    assert added.due == datetime(2026, 11, 27, 9, 0)
    assert added.recurrence == "FREQ=WEEKLY;UNTIL=20261127T235959"
    assert repeats_in_words(added.recurrence) == "repeats weekly, until 27 Nov 2026"
