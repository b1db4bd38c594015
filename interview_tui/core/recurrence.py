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
from datetime import MAXYEAR, UTC, datetime, time
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
    weekdays = _weekdays(cleaned)
    if weekdays is not None:
        return f"FREQ=WEEKLY;BYDAY={','.join(weekdays)}"
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


_DAY_WORDS = {
    "mon": "MO", "monday": "MO", "tue": "TU", "tues": "TU", "tuesday": "TU", "wed": "WE", "wednesday": "WE",
    "thu": "TH", "thur": "TH", "thurs": "TH", "thursday": "TH", "fri": "FR", "friday": "FR",
    "sat": "SA", "saturday": "SA", "sun": "SU", "sunday": "SU",
}  # fmt: skip
_DAY = rf"(?:{'|'.join(sorted(_DAY_WORDS, key=len, reverse=True))})s?"
_ON_DAYS = re.compile(rf"^(?:(?:every|each|on)\s+)?({_DAY}(?:\s*(?:,|and|&|,\s*and)\s*{_DAY})*)$")


def _weekdays(cleaned: str) -> list[str] | None:
    """The days of "every monday", "on mondays and thursdays", "every mon, thu", "every weekday"
    in the order of a week (RRULE's two letters); None when ``cleaned`` names no such days."""
    if cleaned in ("every weekday", "weekdays", "on weekdays", "every working day"):
        return ["MO", "TU", "WE", "TH", "FR"]
    found = _ON_DAYS.match(cleaned)
    if found is None:
        return None
    words = re.findall(_DAY, found[1])
    if words in (["mon"], ["mons"]):
        return None  # "every mon" is a month, as in a cadence and a date ("1mon"); among days, Monday
    named = {_DAY_WORDS[word if word in _DAY_WORDS else word.removesuffix("s")] for word in words}
    return [day for day in _WEEKDAY_NAMES if day in named]


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
    rule = _until_the_day_s_end(_until_in_local_time(rule.removeprefix("RRULE:")))
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


_UTC_UNTIL = re.compile(r"UNTIL=(\d{8}T\d{6})Z")


def _until_in_local_time(rule: str) -> str:
    """A rule ending at a UTC moment (``UNTIL=20270101T000000Z``, as calendar tools write it),
    ending at that moment in local time instead: a follow-up's times are local, and dateutil
    will not compare the two. A moment that is no date is left for the rule's reader to refuse."""
    found = _UTC_UNTIL.search(rule)
    if found is None:
        return rule
    try:
        moment = datetime.strptime(found[1], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        local = moment.astimezone().replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return rule
    until = f"{local.year:04d}{local:%m%dT%H%M%S}"  # %Y leaves out the zeros of a year before 1000
    return f"{rule[: found.start()]}UNTIL={until}{rule[found.end() :]}"


_UNTIL_A_DAY = re.compile(r"UNTIL=(\d{8})(?=;|$)")


def _until_the_day_s_end(rule: str) -> str:
    """A rule ending on a day (``UNTIL=20261215``) ending at that day's last second: "until 15
    Dec" takes in a follow-up due that morning, where dateutil ends such a rule at its midnight."""
    return _UNTIL_A_DAY.sub(r"UNTIL=\1T235959", rule)


def stored_rule_problem(rule: str) -> str | None:
    """What is wrong with a rule kept in a workspace file, in words to follow a field's name
    ("the rule 'FREQ=SECONDLY' repeats more often than daily; ..."); None for one the app would
    take when typed, and can follow when the follow-up is done. A rule it cannot follow would
    end the repeat, unsaid, at that moment."""
    try:
        _checked_rule(rule)
        # As next_due reads it: the file's own text, not the cleaned one the check above reads.
        _read(rule.removeprefix("RRULE:"), datetime(2000, 1, 1, 9, 0), rule)
    except InvalidInput as exc:
        words = str(exc).removesuffix(".")
        return words[:1].lower() + words[1:]
    return None


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
    """'every 2 weeks', 'monthly', 'every Monday and Thursday', 'monthly on the 1st and the
    15th': a stored rule in words ("" when there is none); "repeats" for one with a part not put
    into words (how_it_repeats then gives the rule itself)."""
    if not rule:
        return ""
    parts = dict(part.split("=", 1) for part in rule.upper().removeprefix("RRULE:").split(";") if "=" in part)
    freq = {name: value for value, name in _FREQ_NAMES.items()}.get(parts.pop("FREQ", ""))
    if freq is None:
        return "repeats"
    interval_text = parts.pop("INTERVAL", "1") or "1"
    if not interval_text.isdigit() or not 1 <= int(interval_text) <= MAX_INTERVAL:
        return "repeats"  # a rule from a hand-edited file; next_due will say what is wrong
    interval = int(interval_text)
    until = parts.pop("UNTIL", None)
    ending = "" if until is None else _until_in_words(until)
    if ending is None:
        return "repeats"
    if interval == 1 or parts.get("BYDAY") is None:
        parts.pop("WKST", None)  # which day starts a week matters only to weeks skipped
    words = _when_in_words(freq, interval, parts)
    if words is None:
        return "repeats"
    return f"{words}, until {ending}" if ending else words


def _every(freq: int, interval: int) -> str:
    unit = _UNIT_WORDS[freq]
    if interval == 1:
        return {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}[unit]
    return f"every {interval} {unit}s"


_WEEKDAY_NAMES = {
    "MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday", "SU": "Sunday",
}  # fmt: skip
_WORKING_WEEK = ["MO", "TU", "WE", "TH", "FR"]
_NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second to last"}
_MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)
_BY_DAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def _when_in_words(freq: int, interval: int, parts: dict[str, str]) -> str | None:
    """The rule's days, in words, after how often it repeats; None for a part not put into words."""
    every = _every(freq, interval)
    by_day = parts.pop("BYDAY", None)
    by_month_day = parts.pop("BYMONTHDAY", None)
    by_month = parts.pop("BYMONTH", None)
    if parts:  # BYSETPOS, BYWEEKNO, BYYEARDAY, WKST with weeks skipped...
        return None
    if by_day is None and by_month_day is None and by_month is None:
        return every
    days = None if by_day is None else [_BY_DAY.match(day) for day in by_day.split(",")]
    if days is not None and not all(days):
        return None
    month_days = None if by_month_day is None else _month_days_in_words(by_month_day)
    if by_month_day is not None and month_days is None:
        return None
    if by_month is None and days is not None and by_month_day is None and freq in (DAILY, WEEKLY):
        if any(found[1] for found in days if found):
            return None  # "the first Monday" of a week means nothing
        weekdays = [found[2] for found in days if found]
        if freq == DAILY and interval > 1:
            return None  # every other day, only on Mondays: rarely meant, easily misread
        named = "weekday" if sorted(weekdays, key=list(_WEEKDAY_NAMES).index) == _WORKING_WEEK else _listed(
            [_WEEKDAY_NAMES[day] for day in sorted(set(weekdays), key=list(_WEEKDAY_NAMES).index)]
        )
        return f"every {named}" if interval == 1 else f"{every} on {named}"
    if freq == MONTHLY and by_month is None and (days is None) != (by_month_day is None):
        if month_days is not None:
            return f"{every} on {month_days}"
        nth = _nth_weekdays(days or [])
        return None if nth is None else f"{every} on {nth}"
    if freq == YEARLY and by_month is not None and by_month.isdigit() and 1 <= int(by_month) <= 12:
        month = _MONTH_NAMES[int(by_month) - 1]
        if days is None and by_month_day is None:
            return f"{every} in {month}"
        if days is None and by_month_day is not None and by_month_day.isdigit():
            day = int(by_month_day)
            # A day some years' month lacks (29 February) falls on its last day (see _clamped).
            return f"{every} on {day} {month}" + (" or the month's last day" if day > 28 else "")
        if by_month_day is None:
            nth = _nth_weekdays(days or [])
            return None if nth is None else f"{every} on {nth} of {month}"
    return None


def _month_days_in_words(text: str) -> str | None:
    """"the 1st and the 15th", "the last day", "the 31st or the month's last day"; None unless
    every day is one of a month."""
    if not all(re.fullmatch(r"[+-]?\d{1,2}", day) for day in text.split(",")):
        return None
    numbers = sorted({int(day) for day in text.split(",")}, key=lambda number: number if number > 0 else 32)
    if any(not 1 <= number <= 31 and number != -1 for number in numbers):
        return None
    said = []
    for number in numbers:
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        said.append("the last day" if number == -1 else f"the {number}{suffix}")
    if numbers[0] > 28 and len(numbers) == 1:
        return f"{said[0]} or the month's last day"  # as next_due clamps it (see _clamped)
    return _listed(said)


def _nth_weekdays(days: list[re.Match[str] | None]) -> str | None:
    """"the first Monday and the last Friday"; None unless each day has its place in the month."""
    said = []
    for found in days:
        if found is None or found[1] is None or int(found[1]) not in _NTH:
            return None
        said.append(f"the {_NTH[int(found[1])]} {_WEEKDAY_NAMES[found[2]]}")
    return _listed(said)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _until_in_words(until: str) -> str | None:
    """UNTIL=20261231 (or 20261231T235959Z) as "31 Dec 2026"; None for one not read."""
    found = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?", until)
    if found is None:
        return None
    try:
        day = datetime(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
    return f"{day.day} {day:%b %Y}"


def how_it_repeats(rule: str) -> str:
    """How a sentence says the way a follow-up repeats, after "repeating" or "Repeats": "weekly",
    "every 2 weeks", or, for a rule not put into words, "by the rule FREQ=WEEKLY;BYDAY=MO,TH"
    (the rule as stored, which reads back as the same rule); "" for one that does not repeat."""
    words = describe_recurrence(rule)
    return f"by the rule {rule}" if words == "repeats" else words


def repeat_in_brief(rule: str) -> str:
    """How a row short of room says how a follow-up repeats: "every 2 weeks", "every Monday",
    or the rule itself (FREQ=YEARLY;BYWEEKNO=20) for one not put into words; "" for none."""
    words = describe_recurrence(rule)
    return rule if words == "repeats" else words


def repeats_in_words(rule: str) -> str:
    """"repeats weekly", "repeats every 2 weeks": how a line about a follow-up says that it
    repeats; "repeats by the rule FREQ=WEEKLY;BYDAY=MO,TH" for a rule not put into words (as the
    followup command and the follow-up view say it), "" for one that does not repeat. The rule is
    as stored: a line that prints it cleans it as it cleans a note."""
    words = how_it_repeats(rule)
    return f"repeats {words}" if words else ""


def first_due(rule: str, due: datetime) -> datetime:
    """When a follow-up that repeats by ``rule`` is first due, asked for at ``due``: that moment,
    or, for a rule of set days ("every Monday") and a day not one of them, the first of them
    after it, at the same time. The next ones come on the rule's days; a first one elsewhere
    would be the one date of the series that the rule does not give. A rule that ends (UNTIL)
    before that moment is refused, with or without set days: it could never repeat."""
    if not rule:
        return due
    set_days = has_set_days(rule)
    if not set_days and "UNTIL=" not in rule.upper():
        return due
    recurrence = _clamped(_read(rule.removeprefix("RRULE:"), due, rule), due)
    try:
        first = recurrence.after(due, inc=True)
    except (ValueError, OverflowError):
        first = None
    if first is None:
        raise InvalidInput(
            f"The repeat ends before {due:%a %d %b %Y}, the date given: give an earlier date, or a later UNTIL.",
            field="repeat",
        )
    return first if set_days else due


def first_due_in_words(asked: datetime, first: datetime) -> str:
    """What to say when the first date was moved to the rule's days: "Wed 25 Nov is not one of the
    days it repeats on, so the first is Mon 30 Nov"; "" when it was not moved."""
    if first == asked:
        return ""
    return f"{asked:%a %d %b} is not one of the days it repeats on, so the first is {first:%a %d %b}"


def has_set_days(rule: str) -> bool:
    """Whether the rule names its days (BYDAY, BYMONTHDAY...) rather than only an interval."""
    return any(part.strip().startswith("BY") for part in rule.upper().removeprefix("RRULE:").split(";"))


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
    last_day = max(done_at.date(), due.date()) if has_set_days(rule) else done_at.date()
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
