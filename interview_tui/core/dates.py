"""What a person types for a date -> a datetime.

dateutil reads absolute dates well but not "tomorrow", and ``parse("in 3 days", fuzzy=True)``
quietly returns the 3rd of the month. So relative phrases go through the small grammar below,
built on relativedelta, and only what looks like an absolute date is handed to dateutil, with
``now`` as its explicit default.

The grammar, all case-insensitive, a date part and/or a time part in either order:

- ``today``, ``tomorrow``, ``tonight`` (today at 19:00), ``yesterday``
- a weekday (``tue``, ``tuesday``): the next one, today excluded; ``next tue`` means the same;
  ``this tue`` is the coming one with today included
- ``in 3 days``, ``in 2 weeks``, ``in 1 month``, ``in 2 hours``, ``in a week``; ``+3d``, ``2w``,
  ``1mo``, ``1y``
- times: ``3pm``, ``3:30pm``, ``15:30``, ``noon``, ``midnight``; ``at`` is optional
- absolute dates go to dateutil: ``2026-12-03 14:00``, ``Dec 3 2pm``, ``3 Dec``. Ambiguous
  numeric dates such as ``03/04`` are month first unless ``dayfirst=True``. Only text that names
  a month or has digits with date separators goes there: dateutil would read ``3m`` as 00:03 and
  ``9`` as the 9th of this month, which are not what a person means.

Two days ("tue wed"), two times ("3pm 4pm") or a time that does not exist ("13pm") are errors,
not a silent pick of one of them. Every error is a DateParseError (a ValueError) whose message
quotes the text it could not read.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from .errors import InvalidInput
from .text import strip_controls

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

_OFFSET = re.compile(r"^(?:in\s+)?\+?(\d+)\s*([a-z]+)$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a|p)?$")
_LOOKS_LIKE_TIME = re.compile(r"^\d+(?::\d+)?(?:am|pm|a|p)$|^\d+:\d+$")
_BARE_NUMBER = re.compile(r"^\d+$")
# What dateutil is trusted with: text naming a month, or digits with date separators (12/03,
# 2026-12-03, 3.12.2026), or a compact 20261203. dateutil reads far more than that, but wrongly
# for this purpose: "3m" as 00:03, "9" as the 9th of this month, "2026" as today in 2026.
_ABSOLUTE_DATE = re.compile(
    r"\d\s*[-/.]\s*\d|\d{6}|(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
)
_YEAR_FIRST = re.compile(r"^\d{4}(?:\d{4}|\s*[-/.]\s*\d)")
_MAX_INPUT = 100
_EXAMPLES = "Try 'tomorrow', 'fri 3pm', 'in 3 days', '+2w' or '2026-12-03 14:00'."


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
    spaced = " ".join(text.replace(",", " ").split())
    cleaned = spaced.lower()
    if not cleaned:
        raise DateParseError("Type a date, such as 'tomorrow', 'fri 3pm', '+3d' or '2026-12-03'.")
    if len(cleaned) > _MAX_INPUT:
        raise DateParseError("That is too long for a date; try 'next tue 3pm' or '2026-12-03'.")
    shown = _quote(spaced)
    try:
        result = _parse_relative(cleaned, now, shown)
        if result is None:
            result = _parse_absolute(spaced, shown, now, dayfirst=dayfirst)
        moment, has_time = result
        if not has_time:
            if require_time:
                raise DateParseError(
                    f"'{shown}' is {_day_text(moment)} but has no time; add one, as in '{shown} 3pm'."
                )
            moment = datetime.combine(moment.date(), default_time, moment.tzinfo)
        return moment.replace(second=0, microsecond=0)
    except DateParseError:
        raise
    except (OverflowError, ValueError) as exc:
        # Date arithmetic past year 9999 (or before year 1).
        raise DateParseError(f"'{shown}' is beyond the calendar.") from exc


def _quote(text: str) -> str:
    """The user's text, safe to echo back in a message."""
    return strip_controls(text).replace("'", "’")


def _day_text(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b} {moment.year}"


def _parse_relative(text: str, now: datetime, shown: str) -> tuple[datetime, bool] | None:
    """The grammar above; None when the text is not a relative phrase at all.

    Raises DateParseError for a phrase that is relative but wrong: two days ("tue wed"), two
    times ("3pm 4pm"), a time that does not exist ("13pm", "25:00").
    """
    tokens = [t for t in text.split(" ") if t != "at"]
    day: datetime | None = None
    day_word: str | None = None
    clock: time | None = None
    clock_word: str | None = None
    soft_clock = False  # tonight's 19:00 gives way to a time given with it
    conflict: str | None = None

    def set_day(value: datetime, word: str) -> None:
        nonlocal day, day_word, conflict
        if day_word is not None:
            conflict = conflict or f"'{shown}' names two days, '{day_word}' and '{word}'; keep one."
        day, day_word = value, word

    def set_clock(value: time, word: str, *, soft: bool = False) -> None:
        nonlocal clock, clock_word, soft_clock, conflict
        if clock_word is not None:
            if soft:
                return
            if not soft_clock:
                conflict = conflict or f"'{shown}' gives two times, '{clock_word}' and '{word}'; keep one."
        clock, clock_word, soft_clock = value, word, soft

    def set_offset(offset: tuple[int, str], word: str) -> None:
        moved = _apply_offset(now, offset)
        set_day(moved, word)
        if offset[1] in ("hours", "minutes"):
            set_clock(moved.time(), word)

    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token == "today":
            set_day(now, token)
        elif token == "now":
            set_day(now, token)
            set_clock(now.time(), token)
        elif token == "tomorrow":
            set_day(now + timedelta(days=1), token)
        elif token == "yesterday":
            set_day(now - timedelta(days=1), token)
        elif token == "tonight":
            set_day(now, token)
            set_clock(TONIGHT, token, soft=True)
        elif token in ("noon", "midday"):
            set_clock(time(12, 0), token)
        elif token == "midnight":
            set_clock(time(0, 0), token)
        elif token in WEEKDAYS:
            set_day(_next_weekday(now, WEEKDAYS[token], include_today=False), token)
        elif token in ("next", "this") and following in WEEKDAYS:
            include_today = token == "this"
            set_day(_next_weekday(now, WEEKDAYS[following], include_today=include_today), f"{token} {following}")
            i += 1
        elif token == "in" and following is not None:
            # "in 3 days", "in 3d" and "in a week": let the offset rule read what follows.
            amount = "1" if following in ("a", "an") else following
            pair = " ".join([amount, *tokens[i + 2 : i + 3]])
            if (offset := _offset(pair)) is not None:
                set_offset(offset, " ".join(tokens[i : i + 3]))
                i += 2
            elif (offset := _offset(following)) is not None:
                set_offset(offset, f"in {following}")
                i += 1
            else:
                return None
        elif (offset := _offset(token)) is not None:
            set_offset(offset, token)
        elif following is not None and (offset := _offset(f"{token} {following}")) is not None:
            set_offset(offset, f"{token} {following}")
            i += 1
        elif following in ("am", "pm") and _BARE_NUMBER.match(token):
            set_clock(_clock_or_error(token + following, shown), f"{token} {following}")
            i += 1
        elif _LOOKS_LIKE_TIME.match(token):
            set_clock(_clock_or_error(token, shown), token)
        else:
            return None
        i += 1
    if conflict is not None:
        raise DateParseError(conflict)
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


def _apply_offset(now: datetime, offset: tuple[int, str]) -> datetime:
    amount, unit = offset
    try:
        return now + relativedelta(**{unit: amount})
    except (OverflowError, ValueError) as exc:
        raise DateParseError(f"{amount:,} {unit} from now is beyond the calendar.") from exc


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


def _clock_or_error(token: str, shown: str) -> time:
    parsed = _clock(token)
    if parsed is None:
        where = "" if token == shown.lower().replace(" ", "") else f" in '{shown}'"
        raise DateParseError(f"'{token}'{where} is not a time of day; write one as 3pm, 3:30pm or 15:30.")
    return parsed


def _parse_absolute(text: str, shown: str, now: datetime, *, dayfirst: bool) -> tuple[datetime, bool]:
    if _BARE_NUMBER.match(text) and len(text) <= 2:
        raise DateParseError(
            f"'{shown}' alone could be a time or a day; write {shown}am or {shown}:00 for a time, "
            f"or '{now:%b} {shown}' for a day."
        )
    offset = _OFFSET.match(text.lower())
    if offset:
        word = offset.group(2)
        if word not in ("st", "nd", "rd", "th") and not _ABSOLUTE_DATE.search(word):
            raise DateParseError(
                f"Could not read '{shown}': '{word}' is not a unit. Use d, w, mo, y, h or min, "
                "as in '+3d' or 'in 2 weeks'."
            )
    if not _ABSOLUTE_DATE.search(text.lower()):
        raise DateParseError(f"Could not read '{shown}' as a date. {_EXAMPLES}")
    if _YEAR_FIRST.match(text):
        # dateutil reads "2026-12-03" with dayfirst as year-day-month, the 12th of March.
        dayfirst = False
    # Two parses with different default times tell whether the text carried a time of its own.
    first_default = now.replace(hour=0, minute=0, second=0, microsecond=0)
    second_default = first_default.replace(hour=13, minute=17)
    # Imported here: dateutil's parser (with its time-zone support) is the slowest import of the
    # package, and starting the app does not need it.
    from dateutil import parser as dateutil_parser

    try:
        first = dateutil_parser.parse(text, default=first_default, dayfirst=dayfirst)
        second = dateutil_parser.parse(text, default=second_default, dayfirst=dayfirst)
        if first.tzinfo is not None and now.tzinfo is None:
            first = first.astimezone().replace(tzinfo=None)
            second = second.astimezone().replace(tzinfo=None)
    except Exception as exc:  # noqa: BLE001 - any failure of the third-party parser means "unreadable"
        raise DateParseError(f"Could not read '{shown}' as a date. {_EXAMPLES}") from exc
    has_time = first.hour == second.hour or first.minute == second.minute
    return first, has_time


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
