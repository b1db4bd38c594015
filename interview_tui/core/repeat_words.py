"""How often, in words: "monthly", "quarterly", "every other week". A follow-up's repeat
(recurrence.py) and a keep-in-touch cadence (keep_in_touch.py) both read them, from this one
list, so that a word is never read by one and refused by the other.

Plain data: the cadence is read where no repeat is worked out, and should not load the calendar
arithmetic a repeat needs.
"""

from __future__ import annotations

import re

from .errors import InvalidInput

UNITS = ("day", "week", "month", "year")

UNIT_WORDS: dict[str, str] = {
    "day": "day", "days": "day", "d": "day",
    "week": "week", "weeks": "week", "wk": "week", "wks": "week", "w": "week",
    "month": "month", "months": "month", "mon": "month", "mo": "month", "mos": "month", "m": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "y": "year",
}  # fmt: skip
"""Each way of writing a unit, as the unit of UNITS it is: "6 wks", "2mo", "every week"."""

UNIT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
"""Any of UNIT_WORDS, as a regular expression (the longest first)."""

EVERY_ONE = rf"\bevery ({UNIT})\b"
""""every week" (no number): every 1 week."""

EVERY: dict[str, tuple[int, str]] = {
    "daily": (1, "day"),
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "monthly": (1, "month"),
    "quarterly": (3, "month"),
    "semiannually": (6, "month"),
    "semi-annually": (6, "month"),
    "half-yearly": (6, "month"),
    "yearly": (1, "year"),
    "annually": (1, "year"),
}
"""Each word as how many of which unit: "quarterly" is every 3 months."""

EVERY_OTHER = rf"\bevery other ({'|'.join(UNITS)})\b"
""""every other week": every 2 weeks."""

TWO_WAYS: dict[str, str] = {
    "biweekly": "every two weeks or twice a week",
    "bimonthly": "every two months or twice a month",
    "biannually": "twice a year or every two years",
}
"""Words that people, and dictionaries, read both ways: refused with what each reading is written
as, never guessed (a check-in every two weeks taken for twice a week is four times too many)."""

_TWO_WAYS = r"\bbi-?(weekly|monthly|annually)\b"

_TWICE = r"\b(?:twice|two times|2 times|2 ?x)(?: a| per| each| every)? (week|month|year)(?:ly)?\b"


def refuse_two_ways(text: str, cleaned: str, *, read_as: str, instead: dict[str, str], field: str) -> None:
    """Refuse ``text`` (``cleaned``: lowercase, its spaces single) when it holds a word of
    TWO_WAYS, saying what the word can mean and what to write for each reading (``instead``, by
    word): read as ``read_as`` ("a repeat", "a cadence")."""
    word = two_ways(cleaned)
    if word is not None:
        raise InvalidInput(
            f"Could not read '{text.strip()}' as {read_as}: '{word}' can mean {TWO_WAYS[word]}. Write {instead[word]}.",
            field=field,
        )


def two_ways(text: str) -> str | None:
    """The word of TWO_WAYS in ``text`` (lowercase), written with a hyphen or without; None when
    there is none."""
    found = re.search(_TWO_WAYS, text)
    return None if found is None else f"bi{found[1]}"


def twice_per(text: str) -> str | None:
    """The unit of UNITS in "twice a week", "two times a month", "twice yearly" in ``text``
    (lowercase, its spaces single); None when it holds none of them."""
    found = re.search(_TWICE, text)
    return None if found is None else found[1]
