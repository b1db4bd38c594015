"""What a person types for a date -> a datetime.

dateutil reads absolute dates well but not "tomorrow", and ``parse("in 3 days", fuzzy=True)``
quietly returns the 3rd of the month. So relative phrases go through the small grammar below,
built on relativedelta, and only what looks like an absolute date is handed to dateutil, with
``now`` as its explicit default.

The grammar, all case-insensitive, a date part and/or a time part in either order:

- ``today``, ``tomorrow``, ``tonight`` (today at 19:00), ``yesterday``
- a weekday (``tue``, ``tuesday``): the next one, today excluded; ``next tue`` means the same;
  ``this tue`` is the coming one with today included
- ``in 3 days``, ``in 2 weeks``, ``in 1 month``, ``in 2 hours``; ``+3d``, ``2w``, ``1mo``, ``1y``
- times: ``3pm``, ``3:30pm``, ``15:30``, ``noon``, ``midnight``; ``at`` is optional
- anything else goes to dateutil: ``2026-12-03 14:00``, ``Dec 3 2pm``, ``3 Dec``. Ambiguous
  numeric dates such as ``03/04`` are month first unless ``dayfirst=True``.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from .errors import InvalidInput

WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip

_UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "mo": "months", "mon": "months", "month": "months", "months": "months",
    "y": "years", "yr": "years", "yrs": "years", "year": "years", "years": "years",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
}  # fmt: skip

TONIGHT = time(19, 0)
DEFAULT_DUE_TIME = time(9, 0)
"""A follow-up due on a day, with no time given, is due at the start of the working day."""

_OFFSET = re.compile(r"^(?:in\s+)?\+?(\d{1,4})\s*([a-z]+)$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a|p)?$")
_MAX_INPUT = 100


class DateParseError(InvalidInput):
    """The text could not be read as a date; the message says what was not understood."""


def parse_when(
    text: str,
    now: datetime,
    *,
    default_time: time = DEFAULT_DUE_TIME,
    require_time: bool = False,
    dayfirst: bool = False,
) -> datetime:
    """Read ``text`` as a moment relative to ``now``.

    A date without a time gets ``default_time``; with ``require_time`` it is an error instead
    (a scheduled conversation needs an hour). Raises DateParseError with a readable message.
    """
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if not cleaned:
        raise DateParseError("Type a date, such as 'tomorrow', 'fri 3pm', '+3d' or '2026-12-03'.")
    if len(cleaned) > _MAX_INPUT:
        raise DateParseError("That is too long for a date; try 'next tue 3pm' or '2026-12-03'.")
    result = _parse_relative(cleaned, now)
    if result is None:
        result = _parse_absolute(cleaned, text.strip(), now, dayfirst=dayfirst)
    moment, has_time = result
    if not has_time:
        if require_time:
            raise DateParseError(
                f"'{text.strip()}' is {moment:%a %d %b %Y} but has no time; add one, as in "
                f"'{cleaned} 3pm'."
            )
        moment = datetime.combine(moment.date(), default_time, moment.tzinfo)
    return moment.replace(second=0, microsecond=0)


def _parse_relative(text: str, now: datetime) -> tuple[datetime, bool] | None:
    """The grammar above; None when the text is not a relative phrase at all."""
    tokens = [t for t in text.split(" ") if t != "at"]
    day: datetime | None = None
    clock: time | None = None
    exact: datetime | None = None  # "in 2 hours" fixes date and time together
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in ("today", "now"):
            day = now
            if token == "now":
                clock = now.time()
        elif token == "tomorrow":
            day = now + timedelta(days=1)
        elif token == "yesterday":
            day = now - timedelta(days=1)
        elif token == "tonight":
            day, clock = now, clock or TONIGHT
        elif token in ("noon", "midday"):
            clock = time(12, 0)
        elif token == "midnight":
            clock = time(0, 0)
        elif token in WEEKDAYS:
            day = _next_weekday(now, WEEKDAYS[token], include_today=False)
        elif token in ("next", "this") and following in WEEKDAYS:
            day = _next_weekday(now, WEEKDAYS[following], include_today=token == "this")
            i += 1
        elif token == "in" and following is not None:
            # "in 3 days" and "in 3d": let the offset rule read what follows.
            rest = " ".join(tokens[i + 1 : i + 3])
            offset = _offset(rest)
            consumed = 2
            if offset is None:
                offset = _offset(following)
                consumed = 1
            if offset is None:
                return None
            exact, has_clock = _apply_offset(now, offset)
            if not has_clock:
                day, exact = exact, None
            i += consumed
        elif (offset := _offset(token)) is not None:
            exact, has_clock = _apply_offset(now, offset)
            if not has_clock:
                day, exact = exact, None
        elif following is not None and (offset := _offset(f"{token} {following}")) is not None:
            exact, has_clock = _apply_offset(now, offset)
            if not has_clock:
                day, exact = exact, None
            i += 1
        elif following in ("am", "pm") and (parsed := _clock(token + following)) is not None:
            clock = parsed
            i += 1
        elif (parsed := _clock(token)) is not None and (":" in token or token[-1] in "apm"):
            clock = parsed
        else:
            return None
        i += 1
    if exact is not None:
        if day is not None or clock is not None:
            return None
        return exact, True
    if day is None and clock is None:
        return None
    if day is None:
        day = now
    if clock is None:
        return day, False
    return datetime.combine(day.date(), clock, now.tzinfo), True


def _next_weekday(now: datetime, weekday: int, *, include_today: bool) -> datetime:
    ahead = (weekday - now.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return now + timedelta(days=ahead)


def _offset(text: str) -> tuple[int, str] | None:
    match = _OFFSET.match(text)
    if not match:
        return None
    unit = _UNITS.get(match.group(2))
    if unit is None:
        return None
    return int(match.group(1)), unit


def _apply_offset(now: datetime, offset: tuple[int, str]) -> tuple[datetime, bool]:
    amount, unit = offset
    try:
        moved = now + relativedelta(**{unit: amount})
    except (OverflowError, ValueError) as exc:
        raise DateParseError(f"{amount} {unit} from now is beyond the calendar.") from exc
    return moved, unit in ("hours", "minutes")


def _clock(token: str) -> time | None:
    match = _TIME.match(token)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = match.group(3)
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _parse_absolute(cleaned: str, original: str, now: datetime, *, dayfirst: bool) -> tuple[datetime, bool]:
    # Two parses with different default times tell whether the text carried a time of its own.
    first_default = now.replace(hour=0, minute=0, second=0, microsecond=0)
    second_default = first_default.replace(hour=13, minute=17)
    try:
        first = dateutil_parser.parse(cleaned, default=first_default, dayfirst=dayfirst)
        second = dateutil_parser.parse(cleaned, default=second_default, dayfirst=dayfirst)
    except (ValueError, OverflowError, dateutil_parser.ParserError) as exc:
        raise DateParseError(
            f"Could not read '{original}' as a date. Try 'tomorrow', 'fri 3pm', 'in 3 days', "
            "'+2w' or '2026-12-03 14:00'."
        ) from exc
    if first.tzinfo is not None and now.tzinfo is None:
        first = first.astimezone().replace(tzinfo=None)
    return first, first != second


def describe(moment: datetime, now: datetime) -> str:
    """A preview of a parsed date that a person can check at a glance: 'Tue 1 Dec 2026, 15:00'."""
    text = f"{moment:%a} {moment.day} {moment:%b %Y}"
    if moment.time() != time(0, 0):
        text += f", {moment:%H:%M}"
    return text


def relative_day(moment: datetime, now: datetime) -> str:
    """'today', 'tomorrow', 'in 3 days', '2 days ago': how far a due date is, in words."""
    days = (moment.date() - now.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if days > 0:
        return f"in {days} days"
    return f"{-days} days ago"
