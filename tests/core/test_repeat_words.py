"""How often, in words, for a follow-up's repeat and a keep-in-touch cadence alike: "quarterly",
"every other week" and "semiannually" are read by both, as the same span; "biweekly" (and its
kin), which people read two ways, is refused by both with what each reading is written as."""

from __future__ import annotations

import re

import pytest

from interview_tui.core.errors import InvalidInput
from interview_tui.core.keep_in_touch import parse_cadence
from interview_tui.core.recurrence import describe_recurrence, parse_recurrence


@pytest.mark.parametrize(
    ("typed", "rule", "said", "days"),
    [
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3", "every 3 months", 90),
        ("Quarterly", "FREQ=MONTHLY;INTERVAL=3", "every 3 months", 90),
        ("every other week", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks", 14),
        ("Every  Other Week", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks", 14),
        ("every other day", "FREQ=DAILY;INTERVAL=2", "every 2 days", 2),
        ("every other month", "FREQ=MONTHLY;INTERVAL=2", "every 2 months", 60),
        ("every other year", "FREQ=YEARLY;INTERVAL=2", "every 2 years", 730),
        ("semiannually", "FREQ=MONTHLY;INTERVAL=6", "every 6 months", 180),
        ("semi-annually", "FREQ=MONTHLY;INTERVAL=6", "every 6 months", 180),
        ("half-yearly", "FREQ=MONTHLY;INTERVAL=6", "every 6 months", 180),
        ("every 6 months", "FREQ=MONTHLY;INTERVAL=6", "every 6 months", 180),
    ],
)
def test_a_word_is_a_repeat_and_a_cadence_of_the_same_span(typed: str, rule: str, said: str, days: int) -> None:
    assert parse_recurrence(typed) == rule
    assert describe_recurrence(rule) == said
    assert parse_cadence(typed) == (days, None)


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("quarterly, at most semiannually", (90, 180)),
        ("every other week / quarterly", (14, 90)),
        ("every other week, at most every other month", (14, 60)),
        ("monthly, at most every 3 months", (30, 90)),
        ("2w / quarterly", (14, 90)),
    ],
)
def test_the_new_words_mix_with_spans_in_a_cadence(typed: str, parsed: tuple[int, int]) -> None:
    assert parse_cadence(typed) == parsed


@pytest.mark.parametrize("typed", ["every other", "every other fortnight", "other week", "every other 2 weeks", "quarterlyish"])
def test_what_only_looks_like_one_is_refused_by_both(typed: str) -> None:
    with pytest.raises(InvalidInput) as as_a_repeat:
        parse_recurrence(typed)
    assert as_a_repeat.value.field == "repeat"
    with pytest.raises(InvalidInput) as as_a_cadence:
        parse_cadence(typed)
    assert as_a_cadence.value.field == "cadence"


# Read two ways ------------------------------------------------------------------------------------

REPEAT_REFUSALS = [
    (
        "biweekly",
        "Could not read 'biweekly' as a repeat: it can mean every two weeks or twice a week. Write "
        "'fortnightly' or 'every 2 weeks' for every two weeks, or a rule such as "
        "'FREQ=WEEKLY;BYDAY=MO,TH' for twice a week (on Mondays and Thursdays).",
    ),
    (
        "Bi-weekly",
        "Could not read 'Bi-weekly' as a repeat: it can mean every two weeks or twice a week. Write "
        "'fortnightly' or 'every 2 weeks' for every two weeks, or a rule such as "
        "'FREQ=WEEKLY;BYDAY=MO,TH' for twice a week (on Mondays and Thursdays).",
    ),
    (
        "bimonthly",
        "Could not read 'bimonthly' as a repeat: it can mean every two months or twice a month. Write "
        "'every 2 months' for every two months, or a rule such as 'FREQ=MONTHLY;BYMONTHDAY=1,15' for "
        "twice a month (on the 1st and the 15th).",
    ),
    (
        "biannually",
        "Could not read 'biannually' as a repeat: it can mean twice a year or every two years. Write "
        "'every 6 months' for twice a year, or 'every 2 years'.",
    ),
]

CADENCE_REFUSALS = [
    (
        "biweekly",
        "Could not read 'biweekly' as a cadence: 'biweekly' can mean every two weeks or twice a week. "
        "Write 'fortnightly' or 'every 2 weeks' for every two weeks.",
    ),
    (
        "biweekly, at most monthly",
        "Could not read 'biweekly, at most monthly' as a cadence: 'biweekly' can mean every two weeks "
        "or twice a week. Write 'fortnightly' or 'every 2 weeks' for every two weeks.",
    ),
    (
        "bi-monthly",
        "Could not read 'bi-monthly' as a cadence: 'bimonthly' can mean every two months or twice a "
        "month. Write 'every 2 months' for every two months.",
    ),
    (
        "biannually",
        "Could not read 'biannually' as a cadence: 'biannually' can mean twice a year or every two "
        "years. Write 'every 6 months' for twice a year, or 'every 2 years'.",
    ),
]


def offered(message: str) -> list[str]:
    """What a refusal offers to write instead: the quoted texts after "Write"."""
    return re.findall(r"'([^']+)'", message.split(" Write ", 1)[1])


@pytest.mark.parametrize(("typed", "why"), REPEAT_REFUSALS)
def test_a_repeat_read_two_ways_is_refused_with_each_reading_and_what_it_offers_is_read(typed: str, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_recurrence(typed)
    assert (str(refused.value), refused.value.field) == (why, "repeat")
    for instead in offered(why):
        assert parse_recurrence(instead)


@pytest.mark.parametrize(("typed", "why"), CADENCE_REFUSALS)
def test_a_cadence_read_two_ways_is_refused_with_each_reading_and_what_it_offers_is_read(typed: str, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_cadence(typed)
    assert (str(refused.value), refused.value.field) == (why, "cadence")
    for instead in offered(why):
        assert parse_cadence(instead)[0]
