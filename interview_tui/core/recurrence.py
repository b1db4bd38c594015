"""Repeating follow-ups: what a person types ("every 2 weeks", "monthly") as an RFC 5545 RRULE,
and the next due date after one is done.

Rules are stored as RRULE text (``FREQ=WEEKLY;INTERVAL=2``) so that they mean the same to any
calendar tool, and dateutil's rrule does the arithmetic. One adjustment: RFC 5545 skips a month
that lacks the day (a monthly rule from 31 January has no February date and jumps to March 31),
where a person who said "monthly" on the 31st means the last day of each shorter month. The
stored rule stays plain (``FREQ=MONTHLY``); ``next_due`` reads it with
``BYMONTHDAY=28,29,30,31;BYSETPOS=-1``-style parts added when it is worked out from a day after
the 28th, and reads a calendar's ``BYMONTHDAY=31`` the same way.
"""

from __future__ import annotations

import math
import re
from datetime import MAXYEAR, datetime, time
from typing import Protocol, cast

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

from . import repeat_words
from .errors import InvalidInput

_FREQS = {"day": DAILY, "week": WEEKLY, "month": MONTHLY, "year": YEARLY}
_UNITS = {word: _FREQS[unit] for word, unit in repeat_words.UNIT_WORDS.items()}
_FREQ_NAMES = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}
_UNIT_WORDS = {DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year"}
_EVERY = re.compile(r"^(?:every\s+)?(?:(\d+)\s*)?([a-z]+)$")
_EXAMPLES = "Write it like 'weekly', 'every 2 weeks', 'monthly', 'every 3 months' or 'yearly'."
_TWICE_A_WEEK = "'FREQ=WEEKLY;BYDAY=MO,TH'", "on Mondays and Thursdays"
_TWICE_A_MONTH = "'FREQ=MONTHLY;BYMONTHDAY=1,15'", "on the 1st and the 15th"
_INSTEAD_OF_TWO_WAYS = {
    "biweekly": "'fortnightly' or 'every 2 weeks' for every two weeks, or a rule such as "
    f"{_TWICE_A_WEEK[0]} for twice a week ({_TWICE_A_WEEK[1]})",
    "bimonthly": "'every 2 months' for every two months, or a rule such as "
    f"{_TWICE_A_MONTH[0]} for twice a month ({_TWICE_A_MONTH[1]})",
    "biannually": "'every 6 months' for twice a year, or 'every 2 years'",
}
# A word for how often says one interval; twice in one takes a rule naming the days (or, for a
# year, an interval of half of one).
_INSTEAD_OF_TWICE = {
    "week": f"for twice a week, write a rule such as {_TWICE_A_WEEK[0]} ({_TWICE_A_WEEK[1]})",
    "month": f"for twice a month, write a rule such as {_TWICE_A_MONTH[0]} ({_TWICE_A_MONTH[1]})",
    "year": "for twice a year, write 'every 6 months'",
}
MAX_INTERVAL = 1000


class _Parts(Protocol):
    """The parts of a parsed rule that the checks below read. dateutil keeps them in attributes
    of its own, with no public accessor, so its type stubs do not declare them."""

    _freq: int
    _interval: int
    _bymonthday: tuple[int, ...]
    _bynmonthday: tuple[int, ...]
    _bysetpos: tuple[int, ...] | None
    _bymonth: tuple[int, ...] | None
    _byweekday: tuple[int, ...] | None
    _bynweekday: tuple[tuple[int, int], ...] | None
    _byyearday: tuple[int, ...] | None
    _byweekno: tuple[int, ...] | None


def _parts(parsed: rrule) -> _Parts:
    return cast(_Parts, parsed)


def parse_recurrence(text: str) -> str:
    """The RRULE for what was typed; "" for nothing (the follow-up happens once).

    Accepts "weekly", "fortnightly", "quarterly", "every 2 weeks", "every other week", "every 3
    months", "2w", "every day", and an RRULE as a calendar tool writes it
    ("FREQ=MONTHLY;INTERVAL=2", with or without "RRULE:").
    """
    cleaned = " ".join(text.split()).lower()
    if not cleaned or cleaned in ("once", "never", "none", "no"):
        return ""
    if cleaned.startswith(("freq=", "rrule:")):
        return _checked_rule(text)
    if cleaned in repeat_words.EVERY:
        count, unit = repeat_words.EVERY[cleaned]
        return _rule(_UNITS[unit], count)
    other = re.fullmatch(repeat_words.EVERY_OTHER, cleaned)
    if other is not None:
        return _rule(_UNITS[other[1]], 2)
    match = _EVERY.match(cleaned)
    if match is None or match.group(2) not in _UNITS:
        repeat_words.refuse_two_ways(text, cleaned, read_as="a repeat", instead=_INSTEAD_OF_TWO_WAYS, field="repeat")
        twice_per = repeat_words.twice_per(cleaned)
        if twice_per is not None:
            instead = _INSTEAD_OF_TWICE[twice_per]
            raise InvalidInput(f"Could not read '{text.strip()}' as a repeat: {instead}.", field="repeat")
        raise InvalidInput(f"Could not read '{text.strip()}' as a repeat. {_EXAMPLES}", field="repeat")
    interval = int(match.group(1) or 1)
    if not 1 <= interval <= MAX_INTERVAL:
        raise InvalidInput(f"Repeat every 1 to {MAX_INTERVAL} {match.group(2)}, not {interval}.", field="repeat")
    return _rule(_UNITS[match.group(2)], interval)


# Parts that cannot work when each repeat starts again from the day it was done: a COUNT would
# start over every time, and the time of day comes from the follow-up's due date.
_UNSUPPORTED_PARTS = ("COUNT", "BYHOUR", "BYMINUTE", "BYSECOND", "BYEASTER")
# How far apart, in years at most, one interval of each frequency puts two dates.
_YEARS_PER_INTERVAL = {DAILY: 1 / 365, WEEKLY: 7 / 365, MONTHLY: 1 / 12, YEARLY: 1}
# Every combination of weekday, month day and leap year comes round within 28 years (no century
# year falls in the window used below).
_CALENDAR_CYCLE_YEARS = 29


def _checked_rule(text: str) -> str:
    """An RRULE pasted from a calendar tool, checked to be one the queue can repeat."""
    shown = " ".join(text.split())
    rule = "".join(text.split()).upper()
    rule = rule.removeprefix("RRULE:")
    unsupported = [part for part in _UNSUPPORTED_PARTS if f"{part}=" in rule]
    if unsupported:
        raise InvalidInput(
            f"The rule '{shown}' uses {unsupported[0]}, which a follow-up cannot keep (each repeat "
            "counts from the day the last was done, at the time it was due); leave it out, or "
            "end the repeat with UNTIL.",
            field="repeat",
        )
    parsed = _read(rule, datetime(2000, 1, 1, 9, 0), shown)
    if not _comes_round(parsed):
        raise InvalidInput(f"The rule '{shown}' never comes round: no date matches all of it.", field="repeat")
    return rule


def _read(rule: str, start: datetime, shown: str) -> rrule:
    """The rule as dateutil's rrule from ``start``; InvalidInput unless it repeats daily or less
    often, every 1 to MAX_INTERVAL units (dateutil accepts an interval of 0, then loops forever)."""
    try:
        parsed = rrulestr(rule, dtstart=start)
    except Exception as exc:  # noqa: BLE001 - any failure of the third-party parser means "unreadable"
        raise InvalidInput(f"Could not read the rule '{shown}': {exc}.", field="repeat") from None
    if not isinstance(parsed, rrule):
        raise InvalidInput(f"Could not read the rule '{shown}': give a single RRULE.", field="repeat")
    parts = _parts(parsed)
    if parts._freq not in _FREQ_NAMES:
        raise InvalidInput(
            f"The rule '{shown}' repeats more often than daily; a follow-up repeats daily at most.", field="repeat"
        )
    if not 1 <= parts._interval <= MAX_INTERVAL:
        raise InvalidInput(
            f"The rule '{shown}' has INTERVAL={parts._interval}; give one from 1 to {MAX_INTERVAL}.", field="repeat"
        )
    return parsed


def _comes_round(parsed: rrule) -> bool:
    """Whether the rule has a date at all, ignoring when it ends. dateutil looks for the next date
    up to the year 9999, seconds of work for a rule with none (February the 30th), so the search
    starts late enough to stop after one interval and a calendar cycle."""
    parts = _parts(parsed)
    span = math.ceil(parts._interval * _YEARS_PER_INTERVAL[parts._freq])
    # From a leap year: "the 29th of February every 4 years" comes round from one, and never
    # from the years after it (every fourth year from 2027 is no leap year).
    year = MAXYEAR - span - _CALENDAR_CYCLE_YEARS
    year -= year % 4
    if year % 100 == 0 and year % 400 != 0:
        year -= 4
    probe = datetime(year, 1, 1, 9, 0)
    try:
        return parsed.replace(dtstart=probe, until=None).after(probe, inc=False) is not None
    except (ValueError, OverflowError):
        return False


def _rule(freq: int, interval: int) -> str:
    return f"FREQ={_FREQ_NAMES[freq]}" + (f";INTERVAL={interval}" if interval > 1 else "")


def describe_recurrence(rule: str) -> str:
    """'every 2 weeks', 'monthly': a stored rule in words ("" when there is none)."""
    if not rule:
        return ""
    parts = dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)
    freq = {name: value for value, name in _FREQ_NAMES.items()}.get(parts.get("FREQ", ""))
    if freq is None or set(parts) - {"FREQ", "INTERVAL"}:
        return "repeats"
    interval_text = parts.get("INTERVAL", "1") or "1"
    if not interval_text.isdigit() or not 1 <= int(interval_text) <= MAX_INTERVAL:
        return "repeats"  # a rule from a hand-edited file; next_due will say what is wrong
    interval = int(interval_text)
    unit = _UNIT_WORDS[freq]
    if interval == 1:
        return {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}[unit]
    return f"every {interval} {unit}s"


def how_it_repeats(rule: str) -> str:
    """How a sentence says the way a follow-up repeats, after "repeating" or "Repeats": "weekly",
    "every 2 weeks", or, for a rule not put into words, "by the rule FREQ=WEEKLY;BYDAY=MO,TH"
    (the rule as stored, which reads back as the same rule); "" for one that does not repeat."""
    words = describe_recurrence(rule)
    return f"by the rule {rule}" if words == "repeats" else words


def repeats_in_words(rule: str) -> str:
    """"repeats weekly", "repeats every 2 weeks": how a line about a follow-up says that it
    repeats; "repeats by the rule FREQ=WEEKLY;BYDAY=MO,TH" for a rule not put into words (as the
    followup command and the follow-up view say it), "" for one that does not repeat. The rule is
    as stored: a line that prints it cleans it as it cleans a note."""
    words = how_it_repeats(rule)
    return f"repeats {words}" if words else ""


def next_due(rule: str, due: datetime, done_at: datetime) -> datetime:
    """When a repeating follow-up is due again after being done at ``done_at``.

    The next one counts from the day it was done, not from when it was due (a check-in done a week
    late restarts the interval then), at the time of day it was due; a rule of set days done early
    comes back after the day it was due, not on it. Month ends are clamped: a monthly
    follow-up done on 31 January is due again on the last day of February.
    """
    start = done_at.replace(hour=due.hour, minute=due.minute, second=due.second, microsecond=0)
    # Rules stored in a file did not all come through parse_recurrence: read them as strictly.
    recurrence = _clamped(_read(rule.removeprefix("RRULE:"), start, rule), start)
    # After the day it was done, whatever the rule's own times: done twice on one day, a daily
    # follow-up is still due tomorrow, not again today. A rule of set days ("on Tuesdays and
    # Thursdays") done early counts from the day it was due instead: that day's is the one just
    # done, and it would come back on that very day. An interval ("every 2 weeks") restarts
    # from the day it was done, early or late.
    set_days = any(part.strip().startswith("BY") for part in rule.upper().removeprefix("RRULE:").split(";"))
    last_day = max(done_at.date(), due.date()) if set_days else done_at.date()
    try:
        following = recurrence.after(datetime.combine(last_day, time.max), inc=False)
    except (ValueError, OverflowError):
        following = None  # past the year 9999
    if following is None:  # a rule with an end (COUNT or UNTIL) that has run out
        raise InvalidInput("This follow-up's repeat has ended.", field="repeat")
    return following


def _clamped(parsed: rrule, start: datetime) -> rrule:
    """The rule with a month day after the 28th read as "that day, or the month's last day when
    it is shorter". The day is the rule's own (BYMONTHDAY=31) or, for a plain monthly or yearly
    rule, the day it was done; either way every month gets its date, whatever day the last one
    was done on: done on 1 February, "the 31st" is due on the 28th, not skipped to 31 March."""
    parts = _parts(parsed)
    if len(parts._bymonthday) != 1 or parts._bymonthday[0] <= 28 or parts._bynmonthday or parts._bysetpos:
        return parsed
    if parts._byweekday or parts._bynweekday or parts._byyearday or parts._byweekno:
        return parsed  # the day is one filter among others: clamping it would change which dates match
    days = tuple(range(28, parts._bymonthday[0] + 1))
    if parts._freq == MONTHLY:
        return parsed.replace(bymonthday=days, bysetpos=-1)
    if parts._freq == YEARLY and parts._bymonth is not None and len(parts._bymonth) == 1:
        # BYSETPOS counts within the year: one month, so that the last of its days is the one kept.
        return parsed.replace(bymonthday=days, bysetpos=-1, bymonth=parts._bymonth)
    return parsed
