"""How often, in words, for a follow-up's repeat and a keep-in-touch cadence alike: "quarterly",
"every other week" and "semiannually" are read by both, as the same span; "biweekly" (and its
kin), which people read two ways, is refused by both with what each reading is written as. And
whatever either takes, what it says back about it reads again as the same thing."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from interview_tui.core.errors import InvalidInput
from interview_tui.core.keep_in_touch import MAX_CADENCE_DAYS, cadence_of, format_cadence, parse_cadence
from interview_tui.core.models import Contact
from interview_tui.core.recurrence import MAX_INTERVAL, describe_recurrence, parse_recurrence
from interview_tui.core.repeat_words import EVERY, UNIT_WORDS, UNITS

CADENCE_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
"""A cadence counts in days, a month as 30 of them (keep_in_touch)."""


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
    ("typed", "rule", "days"),
    [
        ("every week", "FREQ=WEEKLY", 7),
        ("Every Month", "FREQ=MONTHLY", 30),
        ("every day", "FREQ=DAILY", 1),
        ("every year", "FREQ=YEARLY", 365),
        ("every 6 wks", "FREQ=WEEKLY;INTERVAL=6", 42),
        ("2wk", "FREQ=WEEKLY;INTERVAL=2", 14),
        ("every 3 mos", "FREQ=MONTHLY;INTERVAL=3", 90),
        ("every 2 mon", "FREQ=MONTHLY;INTERVAL=2", 60),
        ("6m", "FREQ=MONTHLY;INTERVAL=6", 180),
        ("every 2 yrs", "FREQ=YEARLY;INTERVAL=2", 730),
        ("1yr", "FREQ=YEARLY", 365),
    ],
)
def test_a_unit_with_no_number_or_written_short_is_a_repeat_and_a_cadence_alike(
    typed: str, rule: str, days: int
) -> None:
    assert parse_recurrence(typed) == rule
    assert parse_cadence(typed) == (days, None)


def test_every_week_at_most_every_month_is_a_cadence() -> None:
    assert parse_cadence("every week, at most every month") == (7, 30)


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
        "Could not read 'biweekly' as a repeat: 'biweekly' can mean every two weeks or twice a week. Write "
        "'fortnightly' or 'every 2 weeks' for every two weeks, or a rule such as "
        "'FREQ=WEEKLY;BYDAY=MO,TH' for twice a week (on Mondays and Thursdays).",
    ),
    (
        "Bi-weekly",
        "Could not read 'Bi-weekly' as a repeat: 'biweekly' can mean every two weeks or twice a week. Write "
        "'fortnightly' or 'every 2 weeks' for every two weeks, or a rule such as "
        "'FREQ=WEEKLY;BYDAY=MO,TH' for twice a week (on Mondays and Thursdays).",
    ),
    (
        "bimonthly",
        "Could not read 'bimonthly' as a repeat: 'bimonthly' can mean every two months or twice a month. Write "
        "'every 2 months' for every two months, or a rule such as 'FREQ=MONTHLY;BYMONTHDAY=1,15' for "
        "twice a month (on the 1st and the 15th).",
    ),
    (
        "biannually",
        "Could not read 'biannually' as a repeat: 'biannually' can mean twice a year or every two years. Write "
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


TWICE_REFUSALS = [
    (
        "twice a week",
        "Could not read 'twice a week' as a repeat: for twice a week, write a rule such as "
        "'FREQ=WEEKLY;BYDAY=MO,TH' (on Mondays and Thursdays).",
    ),
    (
        "Two times a week",
        "Could not read 'Two times a week' as a repeat: for twice a week, write a rule such as "
        "'FREQ=WEEKLY;BYDAY=MO,TH' (on Mondays and Thursdays).",
    ),
    (
        "twice weekly",
        "Could not read 'twice weekly' as a repeat: for twice a week, write a rule such as "
        "'FREQ=WEEKLY;BYDAY=MO,TH' (on Mondays and Thursdays).",
    ),
    (
        "twice a month",
        "Could not read 'twice a month' as a repeat: for twice a month, write a rule such as "
        "'FREQ=MONTHLY;BYMONTHDAY=1,15' (on the 1st and the 15th).",
    ),
    (
        "2 times per month",
        "Could not read '2 times per month' as a repeat: for twice a month, write a rule such as "
        "'FREQ=MONTHLY;BYMONTHDAY=1,15' (on the 1st and the 15th).",
    ),
    ("twice a year", "Could not read 'twice a year' as a repeat: for twice a year, write 'every 6 months'."),
]


@pytest.mark.parametrize(("typed", "why"), TWICE_REFUSALS)
def test_twice_in_an_interval_as_a_repeat_is_refused_with_what_to_write_and_that_is_read(typed: str, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_recurrence(typed)
    assert (str(refused.value), refused.value.field) == (why, "repeat")
    [instead] = re.findall(r"'([^']+)'", why.split(" write ", 1)[1])
    assert parse_recurrence(instead)


def test_twice_a_week_is_offered_the_rule_biweekly_offers_for_it() -> None:
    refusals = []
    for typed in ("twice a week", "biweekly"):
        with pytest.raises(InvalidInput) as refused:
            parse_recurrence(typed)
        refusals.append(str(refused.value))
    assert "'FREQ=WEEKLY;BYDAY=MO,TH'" in refusals[0] and "'FREQ=WEEKLY;BYDAY=MO,TH'" in refusals[1]


# What is said back reads again as the same --------------------------------------------------------


@st.composite
def repeat_words(draw: st.DrawFn) -> tuple[str, int, str]:
    """A way of saying how often that a repeat and a cadence both take, within both one's limits:
    (the text, how many, of which unit)."""
    form = draw(st.sampled_from(["word", "every other", "every n", "every unit", "every n written short"]))
    if form == "word":
        text = draw(st.sampled_from(sorted(EVERY)))
        count, unit = EVERY[text]
    elif form == "every other":
        unit = draw(st.sampled_from(UNITS))
        text, count = f"every other {unit}", 2
    elif form == "every unit":
        written = draw(st.sampled_from(sorted(UNIT_WORDS)))
        text, count, unit = f"every {written}", 1, UNIT_WORDS[written]
    elif form == "every n written short":
        written = draw(st.sampled_from(sorted(UNIT_WORDS)))
        unit = UNIT_WORDS[written]
        count = draw(st.integers(1, min(MAX_INTERVAL, MAX_CADENCE_DAYS // CADENCE_DAYS[unit])))
        text = f"every {count}{draw(st.sampled_from(['', ' ']))}{written}"
    else:
        unit = draw(st.sampled_from(UNITS))
        count = draw(st.integers(1, min(MAX_INTERVAL, MAX_CADENCE_DAYS // CADENCE_DAYS[unit])))
        text = f"every {count} {unit}{'s' if count != 1 else ''}"
    written = draw(st.sampled_from([str.lower, str.upper, str.capitalize, str.title]))(text)
    return written.replace(" ", draw(st.sampled_from([" ", "  "]))), count, unit


@settings(max_examples=400, deadline=None)
@given(said=repeat_words())
def test_a_repeat_described_back_reads_again_as_the_same_rule(said: tuple[str, int, str]) -> None:
    text, _, _ = said
    rule = parse_recurrence(text)
    assert parse_recurrence(describe_recurrence(rule)) == rule


@settings(max_examples=400, deadline=None)
@given(frequency=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]), interval=st.integers(1, MAX_INTERVAL))
def test_every_plain_rule_described_reads_again_as_itself(frequency: str, interval: int) -> None:
    # As a word is stored: no INTERVAL=1 (a pasted rule is kept as it was written).
    rule = f"FREQ={frequency}" + (f";INTERVAL={interval}" if interval > 1 else "")
    assert parse_recurrence(describe_recurrence(rule)) == rule


@settings(max_examples=400, deadline=None)
@given(said=repeat_words())
def test_a_word_is_as_many_days_as_a_cadence_as_its_repeat_is_long(said: tuple[str, int, str]) -> None:
    text, count, unit = said
    assert parse_recurrence(text) == parse_recurrence(f"every {count} {unit}s")
    assert parse_cadence(text) == (count * CADENCE_DAYS[unit], None)


@settings(max_examples=400, deadline=None)
@given(ideal=repeat_words(), most=st.one_of(st.none(), repeat_words()))
@example(ideal=("every 6 years", 6, "year"), most=None)  # twice it is past the longest a cadence is
def test_a_cadence_said_back_reads_again_as_the_same(
    ideal: tuple[str, int, str], most: tuple[str, int, str] | None
) -> None:
    ideal_days = ideal[1] * CADENCE_DAYS[ideal[2]]
    most_days = None if most is None else most[1] * CADENCE_DAYS[most[2]]
    typed = ideal[0] if most is None else f"{ideal[0]}, at most {most[0]}"
    if most_days is not None and most_days < ideal_days:
        with pytest.raises(InvalidInput, match="shorter than the ideal"):
            parse_cadence(typed)
        return
    parsed = parse_cadence(typed)
    assert parsed == (ideal_days, most_days)
    contact = Contact(name="Alex Example", cadence_days=parsed[0], cadence_max_days=parsed[1])
    # What the contact form shows, and the cadence in words (the notes pane, the check-ins).
    assert parse_cadence(format_cadence(contact)) == parsed
    cadence = cadence_of(contact)
    assert cadence is not None
    assert parse_cadence(cadence.describe()) == (cadence.ideal_days, cadence.max_days)


def test_a_long_cadence_left_without_a_maximum_is_said_with_one_that_can_be_typed() -> None:
    contact = Contact(name="Alex Example", cadence_days=6 * 365)
    cadence = cadence_of(contact)
    assert cadence is not None
    assert cadence.describe() == "every 2190 days, at most 3650 days"
    assert parse_cadence(cadence.describe()) == (6 * 365, MAX_CADENCE_DAYS)
