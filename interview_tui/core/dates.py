"""What a person types for a date -> a datetime.

A text is read whole or refused: every word must be understood, and an error says which part
could not be read. General parsers guess instead (dateutil's ``parse("in 3 days", fuzzy=True)``
is the 3rd of the month, and it reads ``32 Dec`` as 25 December 2032), so the whole grammar,
absolute dates included, is the one below; relativedelta does the calendar arithmetic.

The grammar, all case-insensitive; a day and a time in either order, commas ignored:

Days
  ``today``, ``tomorrow``, ``yesterday``, ``now``, ``the day after tomorrow``
  a weekday (``tue``, ``tues``, ``tuesday``): the next one, today excluded; ``next tue`` is the
  same; ``this tue`` includes today; ``last tue`` is the latest one before today
  ``next week`` (Monday of next week), ``last week`` (Monday of last week), ``fri next week``,
  ``tue this week``; ``next month`` and ``last month`` (the 1st); ``end of month`` (its last
  day) and ``end of week`` (the coming Friday, today included), each also with ``the``/``next``
  ``in 3 days``, ``in two weeks``, ``in a couple of days``, ``in a fortnight``, ``in 2 hours``,
  ``in half an hour``, ``3 days from now``, ``a week from today``, ``a week from fri``,
  ``3 days ago``; numbers in digits or words (``a``, ``an``, ``one`` ... ``twenty``, ``thirty`` ... ``ninety``)
  and the short forms ``+3d``, ``2w``, ``1mo``, ``1y``, ``+2h``, ``45min``
  dates: ``2026-12-03``, ``20261203``, ``3 Dec``, ``Dec 3rd 2027``, ``the 3rd of December``,
  ``12/03`` and ``12/03/2026`` (month first unless ``dayfirst``), ``3.12.2026`` (dots are
  always day first), ``25/12`` (a date only one way round is read that way), ``3/4/27`` (a
  two-digit year last: the nearest such year); a day number
  that cannot be a day (``32 Dec``, ``3/45``) is an error, never a year. A date without a year
  is in the current year.
  ``the 3rd``, ``on the 15th``: the next such day, today included
  a weekday given with a date (``Tue, Dec 1``) must agree with it

Times
  ``3pm``, ``3:30pm``, ``3.30 p.m.``, ``15:30``, ``14.30``, ``14h30``, ``noon``, ``midnight``;
  ``14h`` alone is fourteen hours from now, and with a day (``tomorrow 14h``) or after ``at``, 14:00
  ``midnight`` with a day is that day's 00:00 (``tomorrow midnight``, ``midnight fri``); after a
  part of the day that runs up to it, the end of that part (``tonight at midnight`` is 00:00 of
  tomorrow); alone, today's 00:00, or with ``ahead`` (a moment to come is wanted) tomorrow's,
  and so are ``12am`` and ``00:00`` alone, and a range from one of them (``12am-1am``)
  a bare hour, ``at 3``, ``3:30``, ``10.30`` or ``3 o'clock``, is read the way people mean it
  when arranging to meet: 1 to 7 is the afternoon, 8 to 11 the morning, 12 noon. An hour
  written with a leading zero (``07:30``) or from 13 up is a 24-hour clock time.
  parts of the day: ``morning`` 09:00, ``afternoon`` 14:00, ``evening``, ``night`` and
  ``tonight`` 19:00, alone or with a day (``tomorrow morning``, ``fri afternoon``,
  ``this evening``, ``last night``). A time given with one must fall in it (morning 04:00 to
  noon, afternoon noon to 18:00, evening 17:00 to midnight), and a bare hour is read inside
  it (``tomorrow evening at 8`` is 20:00).
  a range, ``2-2:30pm``, ``14:00-14:20``, ``14h30-15h``, ``10 to 11am``, ``noon-1``,
  ``midnight to 1am``, or with spaces (``3 pm - 4 pm``, ``10 am-11 am``, ``14h - 15h``): the start, and with parse_slot its length in
  minutes
  a zone after a time (``Z``, ``UTC``, ``+01:00``) is converted to local time

Two days ("tue wed"), two times ("3pm 4pm"), a time outside its part of the day ("morning 3pm")
or a time that does not exist ("13pm", "25:00", "10.75") are errors, not a silent pick of one of
them. Every error is a DateParseError (a ValueError) whose message quotes the text and names the
part it could not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .day_words import DEFAULT_DUE_TIME
from .errors import InvalidInput
from .models import EARLIEST, LATEST, LONGEST_MINUTES

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "mo": "months", "mon": "months", "month": "months", "months": "months",
    "y": "years", "yr": "years", "yrs": "years", "year": "years", "years": "years",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
}  # fmt: skip


def _relativedelta(
    *, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0, hours: int = 0, minutes: int = 0
) -> relativedelta:
    """dateutil's calendar arithmetic, imported when a date is first worked out rather than
    with this module: commands that only put a date in words (``due``) import it too."""
    from dateutil.relativedelta import relativedelta

    return relativedelta(years=years, months=months, weeks=weeks, days=days, hours=hours, minutes=minutes)


# Each unit's relativedelta, by the keyword _UNITS gives.
_DELTAS: dict[str, Callable[[int], relativedelta]] = {
    "days": lambda n: _relativedelta(days=n),
    "weeks": lambda n: _relativedelta(weeks=n),
    "months": lambda n: _relativedelta(months=n),
    "years": lambda n: _relativedelta(years=n),
    "hours": lambda n: _relativedelta(hours=n),
    "minutes": lambda n: _relativedelta(minutes=n),
}
_FORTNIGHT = ("fortnight", "fortnights")
_VAGUE = ("few", "several", "some", "bit", "while")

NUMBER_WORDS = {
    "a": 1, "an": 1, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "ninety": 90,
}  # fmt: skip


@dataclass(frozen=True)
class PartOfDay:
    """A part of the day: the hour it stands for alone, and the times that fall in it."""

    default: time
    start: time
    end: time | None  # None: up to midnight

    def holds(self, moment: time) -> bool:
        return self.start <= moment and (self.end is None or moment < self.end)


PARTS_OF_DAY = {
    "morning": PartOfDay(time(9, 0), time(4, 0), time(12, 0)),
    "afternoon": PartOfDay(time(14, 0), time(12, 0), time(18, 0)),
    "evening": PartOfDay(time(19, 0), time(17, 0), None),
    "night": PartOfDay(time(19, 0), time(17, 0), None),
}
TONIGHT = PARTS_OF_DAY["evening"].default

DUE_AT_ONE_MOMENT = "a follow-up is due at one moment"
"""Why a follow-up's due date (typed for it, or to snooze it) is no range of times."""

_MAX_INPUT = 100
_UNIT_HINT = "Use days, weeks, months, years, hours or minutes (d, w, mo, y, h, min), as in 'in 2 weeks'."
_EXAMPLES = "Try 'tomorrow', 'fri 3pm', 'in 3 days', 'next week' or '2026-12-03 14:00'."
_LOPSIDED = "a dash between two times takes a space on both sides or on neither, as in '3pm-4pm' or '3pm - 4pm'."
_NEEDS_WHAT_COMES_BEFORE = frozenset(("am", "pm", "a", "p", "oclock", "to", "of"))
"""Words the rules read only after another ("3 pm", "2 to 3"): alone, no rule takes them, so they
say nothing about whether the text holds a word that is no word for a date at all."""


def _examples_with_a_time(now: datetime) -> str:
    """Where a time is required (a conversation to schedule): examples that each give one, and
    lie ahead (a written-out date a week from ``now``: a fixed one passes, and is then refused
    where a time to come is wanted)."""
    return f"Try 'fri 3pm', 'tomorrow 10:30', 'in 3 days at 2pm' or {_date_ahead(now, ' 14:00')}."


def _moments_gone_by(now: datetime) -> str:
    """Where a moment gone by is wanted (when a conversation happened): examples that each are
    one ("mon 10am" is the coming Monday, so the last one is named)."""
    return f"'yesterday 3pm', 'last mon 10am', '2 hours ago' or {_date_gone_by(now, ' 14:00')}"


def _date_gone_by(now: datetime, at: str) -> str:
    """A date written out, a week before ``now``, quoted: '2026-11-30 14:00'."""
    return f"'{(now - timedelta(days=7)):%Y-%m-%d}{at}'"


def _date_ahead(now: datetime, at: str) -> str:
    """A date written out, a week from ``now``, quoted: '2026-12-14 14:00'."""
    return f"'{(now + timedelta(days=7)):%Y-%m-%d}{at}'"


class _Pattern:
    """A regular expression compiled the first time it is used. Every command and the app import
    this module, and most never read a date: compiling its patterns at import cost them each
    about as much as the rest of the import. A parse compiles only the patterns its words reach."""

    __slots__ = ("source", "match")

    match: Callable[[str], re.Match[str] | None]

    def __init__(self, source: str) -> None:
        self.source = source
        self.match = self._compile_then_match

    def _compile_then_match(self, text: str) -> re.Match[str] | None:
        self.match = re.compile(self.source).match
        return self.match(text)


_NUMBER = _Pattern(r"^\d+$")
_ORDINAL = _Pattern(r"^(\d+)(st|nd|rd|th)$")
_COMPACT_OFFSET = _Pattern(r"^\+?(\d+)([a-z]+)$")
_MERIDIEM_TIME = _Pattern(r"^(\d{1,2})(?:[:.](\d{2}))?(am|pm|a|p)$")
_COLON_TIME = _Pattern(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DOT_TIME = _Pattern(r"^(\d{1,2})\.(\d{2})$")
_H_TIME = _Pattern(r"^(\d{1,2})h(\d{2})$")
_TIMEISH = _Pattern(r"^\d+(?:[:.h]\d+)+(?:am|pm|a|p)?$|^\d+(?:am|pm|a|p)$")
_RANGE_END = r"\d{1,2}h(?:\d{2})?|\d{1,2}(?:[:.]\d{2})?(?: ?(?:am|pm)|a|p)?|midnight|noon|midday"
_RANGE = _Pattern(rf"^({_RANGE_END})(?:-| - | to )({_RANGE_END})(?= |$)")
"""A range at the start of the words left, joined by single spaces, each end with its am or pm
glued on or apart ("3pm-4pm", "3 pm - 4 pm", "10 am-11 am", "2 to 3 pm"), or written with an h
("14h30-15h", "14h - 15h"); it ends where a word does. A dash has a space on both sides or on neither: "14:00 -05:00" is a time and its zone."""
_RANGE_END_WORD = _Pattern(rf"^(?:{_RANGE_END})$")
_HALF_A_RANGE = _Pattern(rf"^-(?:{_RANGE_END})$|^(?:{_RANGE_END})-$")
"""A time with the dash of a range on one side and no space there ("-4pm", "3pm-")."""
_LOPSIDED_RANGE = _Pattern(rf"^({_RANGE_END})(- | -)({_RANGE_END})(?= |$)")
"""A range with a space on one side of its dash only, however its am or pm is spaced ("3 pm- 4 pm",
"3 -4pm"): the start, the dash with its space, and the end."""
_UNFINISHED_RANGE = _Pattern(rf"^(?:{_RANGE_END})(?: ?-| to)$")
"""The start of a range and its dash or "to", with nothing after them ("3 pm-", "3pm -", "3 to"),
as a range is while it is being typed."""
_RANGE_BEGUN = _Pattern(rf"^((?:{_RANGE_END})(?: ?-| to)) (\S+)")
"""The start of a range and its dash or "to", then a word ("3 pm- fri"): the start and the dash,
and the word where the time it ends at was to be."""
_RANGE_BEGUN_GLUED = _Pattern(rf"^(?:{_RANGE_END})-[a-z]")
"""The start of a range and its dash with a word glued after it ("3pm-fri", "14h-tomorrow"): as
one word, what "3pm- fri" is. A word begins with a letter: "3pm-4" is a range, "12-03" a date."""
_NAMED_ENDS = {"midnight": (0, 0, "am"), "noon": (12, 0, "pm"), "midday": (12, 0, "pm")}
"""Words for a time that can start or end a range ("noon-1", "11pm to midnight"), as the clock
each names."""
_ISO = _Pattern(
    r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:t(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$"
)
_COMPACT_DATE = _Pattern(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC_DATE = _Pattern(r"^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$")
_ZONE = _Pattern(r"^(?:z|utc|gmt|[+-]\d{2}:?\d{2})$")
_GLUED_MONTH = _Pattern(r"^(\d{1,2}(?:st|nd|rd|th)?)-?([a-z]{3,9})(?:-(\d{4}))?$|^([a-z]{3,9})-?(\d{1,2})$")


class DateParseError(InvalidInput):
    """The text could not be read as a date; the message says what was not understood."""

    unknown: str | None = None
    """The word no rule knows at all, when that is what was wrong."""


def parse_when(
    text: str,
    now: datetime,
    *,
    default_time: time = DEFAULT_DUE_TIME,
    require_time: bool = False,
    dayfirst: bool = False,
    ahead: bool = False,
    past: bool = False,
    one_moment: str | None = None,
    whole_calendar: bool = False,
) -> datetime:
    """Read ``text`` as a moment relative to ``now``.

    A date without a time gets ``default_time``; with ``require_time`` it is an error instead
    (a scheduled conversation needs an hour). A range ("2-2:30pm") gives its start. ``ahead``
    says a moment to come is wanted (scheduling, a due date, a snooze): a bare "midnight" is then
    the coming one, not today's, which has always passed; without it, the midnight just gone.
    ``past`` says a moment gone by is wanted (when a conversation happened): the examples a
    refusal offers are then moments gone by, not ones the field would refuse next. With
    ``one_moment``, the words saying why one moment is wanted ("a follow-up is due at one
    moment"), a range is refused rather than read as its start, offering its start alone.
    A moment a workspace cannot keep (``models.EARLIEST`` to ``LATEST``) is refused, unless
    ``whole_calendar`` asks for the grammar's reach over every year there is.
    Raises DateParseError with a readable message.
    """
    start, _ = parse_slot(
        text,
        now,
        default_time=default_time,
        require_time=require_time,
        dayfirst=dayfirst,
        ahead=ahead,
        past=past,
        one_moment=one_moment,
        whole_calendar=whole_calendar,
    )
    return start


def parse_slot(
    text: str,
    now: datetime,
    *,
    default_time: time = DEFAULT_DUE_TIME,
    require_time: bool = False,
    dayfirst: bool = False,
    ahead: bool = False,
    past: bool = False,
    one_moment: str | None = None,
    whole_calendar: bool = False,
) -> tuple[datetime, int | None]:
    """Like parse_when, and the length in minutes when the text is a range ("wed 2-2:30pm",
    "14:00-14:20"); None when it gives one moment."""
    if any(not char.isspace() and unicodedata.category(char) in ("Cc", "Cf") for char in text):
        # An escape sequence pasted with the date (a colour code from a script): said as such,
        # rather than the word it is glued to being called no word for a date.
        raise DateParseError(
            "The date holds a control character (an escape sequence, say); type it as plain text, such as 'fri 3pm'."
        )
    spaced = " ".join(_normalise(text).replace(",", " ").split())
    cleaned = spaced.lower()
    if not cleaned:
        if past:
            raise DateParseError(f"Type when it was, such as {_moments_gone_by(now)}.")
        if require_time:
            raise DateParseError(f"Type a day and a time, such as 'fri 3pm', 'tomorrow 10:30' or {_date_ahead(now, ' 14:00')}.")
        raise DateParseError("Type a date, such as 'tomorrow', 'fri 3pm', '+3d' or '2026-12-03'.")
    if len(cleaned) > _MAX_INPUT:
        if past:
            raise DateParseError(f"That is too long for a date; try 'last tue 3pm' or {_date_gone_by(now, ' 14:00')}.")
        example = _date_ahead(now, " 14:00") if require_time else "'2026-12-03'"
        raise DateParseError(f"That is too long for a date; try 'next tue 3pm' or {example}.")
    shown = _quote(spaced)
    try:
        reading = _Reader(
            _tokens(cleaned), now, shown, dayfirst=dayfirst, require_time=require_time, ahead=ahead, past=past
        )
        moment, has_time, minutes = reading.read()
        if one_moment is not None and minutes is not None:
            raise reading.one_moment_wanted(one_moment)
        if not has_time:
            if require_time:
                raise DateParseError(
                    f"'{shown}' is {_day_text(moment)} but has no time; add one, as in '{shown} 3pm'."
                )
            moment = datetime.combine(moment.date(), default_time, moment.tzinfo)
        moment = moment.replace(second=0, microsecond=0)
        # Refused here, not when saved: the preview under a date field would show a date that
        # saving then refuses.
        if not whole_calendar and not EARLIEST <= moment.replace(tzinfo=None) <= LATEST:
            raise DateParseError(
                f"'{shown}' is {_day_text(moment)}; a date must be from {EARLIEST.year} to {LATEST.year},"
                f" so type {'an earlier' if moment.year > LATEST.year else 'a later'} one."
            )
        return moment, minutes
    except DateParseError:
        raise
    except (OverflowError, ValueError) as exc:
        # Date arithmetic past year 9999 (or before year 1).
        raise DateParseError(f"'{shown}' is beyond the calendar.") from exc


def _normalise(text: str) -> str:
    """Spellings that mean the same token: dashes, a.m./p.m., o'clock."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    text = re.sub(r"(?i)(?<![a-z])([ap])\.m\.?(?![a-z])", r"\1m", text)
    return re.sub(r"(?i)\bo'?clock\b", "oclock", text)


def _tokens(text: str) -> list[str]:
    """Words, with a day glued to its month ("3dec", "dec3", "3-dec-2026") pulled apart."""
    tokens: list[str] = []
    for word in text.split(" "):
        glued = _GLUED_MONTH.match(word)
        if glued and (glued.group(2) in MONTHS or glued.group(4) in MONTHS):
            tokens.extend(part for part in glued.groups() if part)
        else:
            tokens.append(word)
    return tokens


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _quote(text: str) -> str:
    """The user's text, safe to echo back in a message."""
    from .text import strip_controls

    return strip_controls(text).replace("'", "’")


def _day_text(moment: datetime | date) -> str:
    return f"{moment:%a} {moment.day} {moment:%b} {moment.year}"


# Times -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Clock:
    """A time as written: a bare hour (1 to 12, no am/pm, no leading zero) can be either half of
    the day, and is settled by the bare-hour rule, a part of the day or the other end of a range."""

    hour: int
    minute: int
    meridiem: str | None = None  # "am" or "pm" when written
    flexible: bool = False

    def readings(self, prefer: str | None = None) -> list[time]:
        """The times this may be, the likeliest first: ``prefer`` ("am"/"pm") comes from the
        other end of a range or a part of the day; otherwise the bare-hour rule decides."""
        if self.meridiem is not None:
            return [time(self.hour % 12 + (12 if self.meridiem == "pm" else 0), self.minute)]
        if not self.flexible:
            return [time(self.hour, self.minute)]
        morning, afternoon = time(self.hour % 12, self.minute), time(self.hour % 12 + 12, self.minute)
        if prefer == "am":
            return [morning, afternoon]
        if prefer == "pm" or self.hour == 12 or self.hour <= 7:
            return [afternoon, morning]
        return [morning, afternoon]


def _clock(hour_text: str, minute_text: str | None, meridiem: str | None) -> _Clock | None:
    """None when the numbers are not a time of day."""
    hour, minute = int(hour_text), int(minute_text or 0)
    if minute > 59:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        return _Clock(hour, minute, "pm" if meridiem.startswith("p") else "am")
    if hour > 23:
        return None
    flexible = 1 <= hour <= 12 and not hour_text.startswith("0")
    return _Clock(hour, minute, None, flexible)


def _clock_token(token: str) -> _Clock | None:
    """One token that is a time: 3pm, 3:30pm, 3.30pm, 15:30, 15:30:59, 14.30, 14h30."""
    for pattern in (_MERIDIEM_TIME, _COLON_TIME, _DOT_TIME, _H_TIME):
        match = pattern.match(token)
        if match:
            if pattern is _MERIDIEM_TIME:
                return _clock(match.group(1), match.group(2), match.group(3))
            if pattern is _COLON_TIME and match.group(3) is not None and int(match.group(3)) > 59:
                return None
            return _clock(match.group(1), match.group(2), None)
    return None


def _range_times(start: _Clock, end: _Clock, prefer: str | None) -> tuple[time, time] | None:
    """Both ends of a range. An unmarked start shares the end's am/pm ("2-2:30pm"), or takes the
    other half of the day where the bare-hour rule reads it there ("11-1pm" is 11am, "9-5pm" 9am);
    otherwise it is read alone (bare-hour rule, or ``prefer``), and the end is its soonest
    reading after the start ("9-5" ends at 17:00). Midnight as an end ("midnight", "12am", "00:00")
    is the one that ends the start's day, and a bare hour before it is in the evening
    ("11-midnight" is 11pm to midnight, as "5-12" is offered as '5pm-midnight')."""
    if end.readings() == [time(0, 0)]:
        first = start.readings(prefer or "pm")[0]
        # From midnight to midnight ends when it starts, and is said so.
        return None if first == time(0, 0) else (first, time(0, 0))
    if start.meridiem is None and end.meridiem is not None:
        firsts = start.readings(end.meridiem)
        if start.readings()[0] == firsts[0]:
            # "2:30-2pm": 2:30 is the afternoon alone too, so the range was typed back to front;
            # 02:30 to 14:00 would be eleven and a half hours nobody meant.
            firsts = firsts[:1]
    else:
        firsts = start.readings(prefer)[:1]
    for first in firsts:
        later = [t for t in end.readings() if t > first]
        if later:
            return first, min(later)
    # An evening range may run past midnight ("11pm-midnight", "23:30-00:15"): its end is then a
    # morning time of the next day, when it says so itself (am, or a 24-hour time); a bare hour
    # does not ("1-12" ends before it starts, as "3pm-2pm" does).
    first = firsts[0]
    said_morning = end.meridiem == "am" or (end.meridiem is None and not end.flexible)
    overnight = [t for t in end.readings() if t < time(12, 0)]
    if first >= time(12, 0) and said_morning and overnight:
        return first, min(overnight)
    return None


def _plus_minutes(moment: time, minutes: int) -> time:
    total = (moment.hour * 60 + moment.minute + minutes) % (24 * 60)
    return time(total // 60, total % 60)


def _twelve_hour(moment: time) -> str:
    """'1pm', '3:30am', 'noon', 'midnight': a time as a bare hour is said."""
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "noon"
    hour = moment.hour % 12 or 12
    minute = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minute}{'am' if moment.hour < 12 else 'pm'}"


def _written_like(clock: _Clock, moment: time) -> str:
    """``moment`` written the way ``clock`` was: with am/pm, as a bare hour, or on the 24-hour clock."""
    if clock.meridiem is not None:
        return _twelve_hour(moment)
    if clock.flexible:
        hour = moment.hour % 12 or 12
        return f"{hour}:{moment.minute:02d}" if moment.minute else str(hour)
    return f"{moment:%H:%M}"


def _range_end(text: str) -> _Clock | None:
    """One end of a range. A bare number must be an hour as people say it (1 to 23, no leading
    zero): "12-03" is not read as midnight to 3am."""
    if _NUMBER.match(text):
        return _clock(text, None, None) if not text.startswith("0") and 1 <= int(text) <= 23 else None
    if text in _NAMED_ENDS:
        return _Clock(*_NAMED_ENDS[text])
    if text.endswith("h") and _NUMBER.match(text[:-1]):
        # "14h" alone is 14 hours from now; as an end of a range ("14h-15h") it is 14:00.
        return _clock(text[:-1], None, None)
    return _clock_token(text)


# The reader ------------------------------------------------------------------------------------


_Value = TypeVar("_Value")


@dataclass
class _Said(Generic[_Value]):
    """Something the text said, and the words that said it (for messages)."""

    value: _Value
    words: str


class _Reader:
    """Reads the tokens left to right; every token must be consumed by one of the rules."""

    def __init__(
        self,
        tokens: list[str],
        now: datetime,
        shown: str,
        *,
        dayfirst: bool,
        require_time: bool = False,
        ahead: bool = False,
        past: bool = False,
    ) -> None:
        self.tokens = tokens
        self.now = now
        self.today = now.date()
        self.shown = shown
        self.dayfirst = dayfirst
        self.require_time = require_time
        """A time is needed: every example a message gives has one."""
        self.ahead = ahead
        """A moment to come is wanted: a bare "midnight" is the coming one."""
        self.past = past
        """A moment gone by is wanted: every example a message gives is one."""
        self.said_midnight = False
        self.i = 0
        self.days: list[_Said[date]] = []
        self.weekdays: list[_Said[tuple[int, str]]] = []  # (weekday, mode)
        self.weeks: list[_Said[int]] = []  # weeks from this one (-1, 0, 1)
        self.clocks: list[_Said[_Clock | time]] = []  # a time from "now" or an offset in hours
        self.parts: list[_Said[PartOfDay]] = []
        self.range_end: _Said[_Clock] | None = None
        self.range_words: tuple[str, str] = ("", "")
        """A range's start and end as typed, for a message about them."""
        self.range_span = (0, 0)
        """Where the range is among the tokens (its first, and the one after its last)."""
        self.range_start: time | None = None
        """The time a range starts at, as settled."""
        self.hours_or_an_hour: list[tuple[_Said[date], _Said[_Clock | time], _Clock]] = []
        """Each "14h" read as fourteen hours from now (the day and time it gave), with the hour of
        the day it is beside a day: see ``hours_beside_a_day``."""
        self.zone: timezone | None = None

    # Helpers

    def peek(self, ahead: int = 0) -> str | None:
        at = self.i + ahead
        return self.tokens[at] if at < len(self.tokens) else None

    def fail(self, why: str, *, unknown: str | None = None) -> DateParseError:
        refused = DateParseError(f"Could not read '{self.shown}': {why}")
        refused.unknown = unknown
        return refused

    def words(self, count: int) -> str:
        return _quote(" ".join(self.tokens[self.i : self.i + count]))

    # The whole text

    def read(self) -> tuple[datetime, bool, int | None]:
        rules = (
            self.rule_at, self.rule_filler, self.rule_day_word, self.rule_part, self.rule_week,
            self.rule_end_of, self.rule_weekday, self.rule_offset, self.rule_date, self.rule_range,
            self.rule_time, self.rule_zone,
        )  # fmt: skip
        while self.i < len(self.tokens):
            for rule in rules:
                used = rule()
                if used:
                    self.i += used
                    break
            else:
                raise self.unreadable(self.tokens[self.i])
        return self.settle()

    def unreadable(self, token: str) -> DateParseError:
        word = _quote(token)
        unfinished = self.unfinished_range()
        if unfinished is not None:
            return unfinished
        # From this word, or from words read before it that begin the range ("1:00" before
        # "am- 4", "noon -10:00" read as a time and its zone before "am").
        for start in range(self.i, max(self.i - 4, -1), -1):
            lopsided = self.lopsided_range(start, through=self.i)
            if lopsided is not None:
                return lopsided
        if _NUMBER.match(token):
            if len(token) <= 2:
                # "3 Febtember": the word is what went wrong, not the number before it.
                return self.unknown_word_after() or self.bare_number(token)
            return self.fail(f"'{word}' is not a date; write a day as '3 Dec' or '2026-12-03'.")
        if token in MONTHS:
            return self.fail(f"'{word}' needs a day, as in '{word} 3'.")
        if _TIMEISH.match(token):
            return self.not_a_time(token)
        compact = _COMPACT_OFFSET.match(token)
        if compact:
            return self.fail(f"'{_quote(compact.group(2))}' is not a unit. {_UNIT_HINT}")
        if token in ("next", "this", "last"):
            return self.fail(f"'{word}' needs a day after it, as in '{word} tue' or 'next week'.")
        if re.match(r"^\d+[/.-]\d+", token):
            return self.fail(f"'{word}' is not a date; write one as 2026-12-03, 12/03 or 3 Dec.")
        if token in _VAGUE:
            return self.fail(f"'{word}' is not a number; say how many, as in 'in 3 days'.")
        if token in ("a", "an", "in") or token in NUMBER_WORDS:
            return self.fail(f"'{word}' needs a number and a unit, as in 'in 3 days' or 'a week from today'.")
        if _HALF_A_RANGE.match(token) and token.endswith("-") and self.i == len(self.tokens) - 1:
            return self.fail(f"'{word}' needs the time it ends at after the dash, as in '3pm-4pm'.")
        if _HALF_A_RANGE.match(token) and self.beside_a_time(token):
            # "3pm -4pm", "3pm- 4pm": a range with a space on one side of its dash only ("-05:00"
            # after a time is its zone, read before this).
            return self.fail(f"'{word}': {_LOPSIDED}")
        return self.fail(f"'{word}' is not a word for a date or a time. {self.examples}", unknown=token)

    def lopsided_range(self, start: int, *, through: int) -> DateParseError | None:
        """For a range from the token ``start`` to the token ``through`` or beyond, with a space on
        one side of its dash only, its am or pm apart from the hour ("3 pm- 4 pm"): what "3pm- 4pm"
        is told, where the hour before the pm was said to be a bare number. None for anything
        else, a time and its zone too ("3 -05:00")."""
        lopsided = _LOPSIDED_RANGE.match(" ".join(self.tokens[start:]))
        if lopsided is None or start + lopsided.group(0).count(" ") < through:
            return None
        first, dash, end = lopsided.groups()
        before_the_dash = start + first.count(" ")
        if dash == " -":
            if _ZONE.match(f"-{end}"):
                return None
            word = _quote(self.tokens[before_the_dash + 1])  # "-4", as when "3 pm" is read before it
        else:
            word = self.words_from(start, before_the_dash + 1)
        return self.fail(f"'{word}': {_LOPSIDED}")

    def unfinished_range(self) -> DateParseError | None:
        """For a range that ends with its dash or "to" ("3 pm-", "3pm -", "fri 3 to"), as while it
        is typed: that the time it ends at is wanted. It starts at the word no rule read, or at
        the time read just before it ("3pm" before "-")."""
        starts = [self.i]
        if self.clocks:
            starts += [at for at in (self.i - 1, self.i - 2) if at >= 0 and self.clocks[-1].words == self.words_from(at, self.i)]
        for at in starts:
            refused = self.range_without_its_end(at)
            if refused is not None:
                return refused
        return None

    def range_without_its_end(self, start: int) -> DateParseError | None:
        """For the start of a range and its dash or "to" from the token ``start``, with nothing
        after them ("3 pm-", while it is typed) or a word that is no time ("3 pm- fri"): that the
        time it ends at is wanted there. None for anything else."""
        rest = " ".join(self.tokens[start:])
        if _UNFINISHED_RANGE.match(rest):
            return self.wants_its_end(start)
        if _RANGE_BEGUN_GLUED.match(rest):
            return self.with_the_dash_apart(start).range_without_its_end(start)
        begun = _RANGE_BEGUN.match(rest)
        if begun is None or begun.group(2) in ("am", "pm", "a", "p") or _RANGE_END_WORD.match(begun.group(2)):
            return None  # a time after the dash: the range is refused for what its ends are
        used = begun.group(1).count(" ") + 1
        if self.no_word_for_a_date(start + used):
            return None  # "10 to lunch": that word is what to say first
        words = self.words_from(start, start + used)
        after = "'to'" if words.endswith(" to") else "the dash"
        return self.fail(
            f"'{words}' needs the time it ends at after {after}, not '{_quote(begun.group(2))}', "
            f"as in '{self.with_an_end(start, used, begun.group(1))}'."
        )

    def with_the_dash_apart(self, start: int) -> _Reader:
        """A reader of these words with the first dash from the token ``start`` on parted from the
        word glued after it ("3pm-fri" as "3pm- fri"), so that both are said as they are then."""
        at = next(at for at in range(start, len(self.tokens)) if "-" in self.tokens[at])
        token = self.tokens[at]
        after_the_dash = token.index("-") + 1
        apart = [*self.tokens[:at], token[:after_the_dash], token[after_the_dash:], *self.tokens[at + 1 :]]
        return _Reader(
            apart, self.now, self.shown, dayfirst=self.dayfirst, require_time=self.require_time, ahead=self.ahead, past=self.past
        )

    def no_word_for_a_date(self, at: int) -> bool:
        """Whether the words from the token ``at`` on hold one that is no word for a date or a time
        at all."""
        rest = _Reader(self.tokens[at:], self.now, self.shown, dayfirst=self.dayfirst, require_time=self.require_time)
        try:
            rest.read()
        except DateParseError as refused:
            return refused.unknown is not None
        except (OverflowError, ValueError):
            pass
        return False

    def with_an_end(self, start: int, used: int, begun: str) -> str:
        """The text typed with an hour's range where a range was begun ("3 pm-" in "3 pm- fri"):
        'fri 3pm-4pm', else the range where it was typed, else the range alone, whichever is read
        first (the words around it may be wrong too)."""
        to = begun.endswith(" to")
        first = begun.removesuffix(" to").removesuffix("-").replace(" ", "")
        clock = _range_end(first)
        if clock is None and _NUMBER.match(first):
            # "01": no range starts with a bare number with a leading zero ("12-03" is no range),
            # so it is written as the time it is alone.
            clock = _clock(first, None, None)
            if clock is not None:
                first = f"{clock.hour:02d}:00"
        if clock is None:
            return "3pm to 4pm" if to else "3pm-4pm"
        end = _plus_minutes(clock.readings()[0], 60)
        if first.endswith("h"):
            written = f"{end.hour}h"  # as the start was written: "14h-15h"
        elif _H_TIME.match(first):
            written = f"{end.hour}h{end.minute:02d}"
        else:
            written = _written_like(clock, end)
        whole = f"{first} to {written}" if to else f"{first}-{written}"
        before, after = self.tokens[:start], self.tokens[start + used :]
        for candidate in ([*before, *after, whole], [*before, whole, *after]):
            text = " ".join(candidate)
            try:
                parse_slot(text, self.now, dayfirst=self.dayfirst, require_time=self.require_time, ahead=self.ahead, past=self.past)
            except (DateParseError, OverflowError, ValueError):
                continue
            return _quote(text)
        return whole

    def wants_its_end(self, start: int) -> DateParseError:
        words = self.words_from(start, len(self.tokens))
        if words.endswith(" to"):
            return self.fail(f"'{words}' needs the time it ends at after 'to', as in '3pm to 4pm'.")
        return self.fail(f"'{words}' needs the time it ends at after the dash, as in '3pm-4pm'.")

    def words_from(self, start: int, end: int) -> str:
        return _quote(" ".join(self.tokens[start:end]))

    def beside_a_time(self, token: str) -> bool:
        """Whether the word on the side of ``token``'s dash (before "-4pm", after "3pm-") is a
        time, or the am or pm of one: then the two are a range written lopsided."""
        at = self.i - 1 if token.startswith("-") else self.i + 1
        other = self.tokens[at] if 0 <= at < len(self.tokens) else ""
        return other in ("am", "pm") or bool(_RANGE_END_WORD.match(other))

    @property
    def examples(self) -> str:
        if self.past:
            return f"Try {_moments_gone_by(self.now)}."
        return _examples_with_a_time(self.now) if self.require_time else _EXAMPLES

    def one_moment_wanted(self, why: str) -> DateParseError:
        """For a range where one moment is wanted: that, and the text with its start alone."""
        start = self.range_start
        assert start is not None
        first = self.clocks[0].value
        # The start as the bare-hour rule and the range read it ("2-2:30pm" starts at 2pm, and
        # "2" alone could be a day); "14h" alone is fourteen hours from now, so it takes a colon.
        twelve_hour = isinstance(first, _Clock) and (first.meridiem is not None or first.flexible)
        begin, end = self.range_span
        alone = _quote(" ".join([*self.tokens[:begin], _twelve_hour(start) if twelve_hour else f"{start:%H:%M}", *self.tokens[end:]]))
        return DateParseError(f"'{self.shown}' is a range of times, and {why}; type '{alone}'.")

    def bare_number(self, token: str) -> DateParseError:
        """A number of one or two digits with nothing to say what it is: offered as what it can
        be (13 can be a time only in 24-hour form, 31 only a day, 45 neither)."""
        word, number, where = _quote(token), int(token), self.within(token)
        at = " 3pm" if self.require_time else ""
        day = f"'the {_ordinal(number)}{at}'"
        if 1 <= number <= 12:
            return DateParseError(
                f"'{word}'{where} alone could be a time or a day; write {word}am, {word}pm "
                f"or 'at {word}' for a time, or {day} for a day."
            )
        if number <= 23:
            at = f"'at {word}'"
            if number == 0:
                return DateParseError(f"'{word}'{where} alone could be a time; write {at} or 12am for midnight.")
            return DateParseError(f"'{word}'{where} alone could be a time or a day; write {at} for a time, or {day} for a day.")
        if number <= 31:
            if self.require_time:  # a month named here could be one that has passed
                return DateParseError(f"'{word}'{where} alone is not a time of day; write {day} for a day.")
            return DateParseError(f"'{word}'{where} alone is not a time of day; write {day} or '{word} Dec' for a day.")
        return DateParseError(
            f"'{word}'{where} is not a day of any month nor an hour; write a day as "
            f"{_date_ahead(self.now, at) if self.require_time else repr('3 Dec')} or 'the 3rd{at}', "
            "a time as 3pm or 15:30."
        )

    def unknown_word_after(self) -> DateParseError | None:
        """What reading the words after this one finds when one of them is no word for a date or
        a time at all; None when they are all words these rules know."""
        rest = _Reader(
            self.tokens[self.i + 1 :], self.now, self.shown, dayfirst=self.dayfirst, require_time=self.require_time, past=self.past
        )
        try:
            rest.read()
        except DateParseError as refused:
            unknown = refused.unknown
            if unknown is not None and unknown.isalpha() and unknown not in _NEEDS_WHAT_COMES_BEFORE:
                return refused
        except (OverflowError, ValueError):
            pass
        return None

    def not_a_time(self, words: str) -> DateParseError:
        return DateParseError(
            f"'{_quote(words)}'{self.within(words)} is not a time of day; write one as 3pm, 3:30pm or 15:30."
        )

    def within(self, token: str) -> str:
        return "" if token == self.shown.lower() else f" in '{self.shown}'"

    # Rules: each returns how many tokens it read, 0 when it does not apply

    def rule_at(self) -> int:
        if self.peek() != "at":
            return 0
        following = self.peek(1)
        if following is None:
            raise self.fail("'at' needs a time after it, as in 'at 3pm'.")
        if (
            _NUMBER.match(following)
            and self.peek(2) not in ("am", "pm", "a", "p", "oclock", "-", "to")
            # "at 3 pm-4pm": the pm is glued to the dash of a range.
            and not (self.peek(2) or "").startswith(("am-", "pm-"))
        ):
            # "at 3": a bare hour, read by the bare-hour rule.
            hour = _clock(following, None, None)
            if hour is None:
                raise self.not_a_time(f"at {following}")
            self.clocks.append(_Said(hour, f"at {following}"))
            return 2
        if (
            following.endswith("h")
            and _NUMBER.match(following[:-1])
            and not _RANGE.match(" ".join(self.tokens[self.i + 1 :]))
        ):
            # "at 14h": a time, never fourteen hours from now.
            hour = _clock(following[:-1], None, None)
            if hour is None:
                raise self.not_a_time(f"at {following}")
            self.clocks.append(_Said(hour, f"at {following}"))
            return 2
        if following in ("the",) and self.peek(2) == "end":
            return 1
        known = len(self.clocks) + len(self.parts)
        self.i += 1
        try:
            for rule in (self.rule_day_word, self.rule_part, self.rule_range, self.rule_time):
                used = rule()
                if used:
                    break
            else:
                used = 0
        finally:
            self.i -= 1
        if not used or len(self.clocks) + len(self.parts) == known:
            lopsided = self.lopsided_range(self.i + 1, through=self.i + 1)  # "at 3 pm- 4 pm"
            if lopsided is not None:
                raise lopsided
            begun = self.range_without_its_end(self.i + 1)  # "at 3 pm-", as while a range is typed
            if begun is not None:
                raise begun
            raise self.fail(f"'at' needs a time after it, as in 'at 3pm'; '{_quote(following)}' is not one.")
        return 1 + used

    def rule_filler(self) -> int:
        token, following = self.peek(), self.peek(1)
        if token in ("on", "by") and following is not None:
            return 1
        if token == "the" and following == "day":
            return 1
        return 0

    def rule_day_word(self) -> int:
        token = self.peek()
        if token in _NAMED_ENDS and self.peek(1) in ("-", "to"):
            # "noon to 1pm": the start of a range, which the word read alone would leave "to 1pm"
            # as words no rule reads.
            used = self.rule_range()
            if used:
                return used
        if token == "today":
            self.days.append(_Said(self.today, token))
        elif token == "tomorrow":
            self.days.append(_Said(self.today + timedelta(days=1), token))
        elif token == "yesterday":
            self.days.append(_Said(self.today - timedelta(days=1), token))
        elif token == "now":
            self.days.append(_Said(self.today, token))
            self.clocks.append(_Said(self.now.time().replace(second=0, microsecond=0), token))
        elif token == "tonight":
            self.days.append(_Said(self.today, token))
            self.parts.append(_Said(PARTS_OF_DAY["evening"], token))
        elif token in ("noon", "midday"):
            self.clocks.append(_Said(time(12, 0), token))
        elif token == "midnight":
            self.clocks.append(_Said(time(0, 0), token))
            self.said_midnight = True
        elif token == "day" and (self.peek(1), self.peek(2)) in (("after", "tomorrow"), ("before", "yesterday")):
            step = 2 if self.peek(1) == "after" else -2
            self.days.append(_Said(self.today + timedelta(days=step), self.words(3)))
            return 3
        else:
            return 0
        return 1

    def rule_part(self) -> int:
        token, following = self.peek(), self.peek(1)
        if token in PARTS_OF_DAY:
            self.parts.append(_Said(PARTS_OF_DAY[token], token))
            return 1
        if token == "this" and following in PARTS_OF_DAY:
            self.days.append(_Said(self.today, self.words(2)))
            self.parts.append(_Said(PARTS_OF_DAY[following], self.words(2)))
            return 2
        if token == "last" and following == "night":
            self.days.append(_Said(self.today - timedelta(days=1), self.words(2)))
            self.parts.append(_Said(PARTS_OF_DAY["night"], self.words(2)))
            return 2
        if token == "in" and following == "the" and self.peek(2) in PARTS_OF_DAY:
            self.parts.append(_Said(PARTS_OF_DAY[self.peek(2) or ""], self.words(3)))
            return 3
        return 0

    def rule_week(self) -> int:
        token, following = self.peek(), self.peek(1)
        step = {"next": 1, "this": 0, "last": -1}.get(token or "")
        if step is None or following not in ("week", "month"):
            return 0
        if following == "week":
            self.weeks.append(_Said(step, self.words(2)))
        elif step == 0:
            raise self.fail("'this month' is not one day; say 'end of month', 'the 15th' or a date.")
        else:
            first = self.today.replace(day=1) + _relativedelta(months=step)
            self.days.append(_Said(first, self.words(2)))
        return 2

    def rule_end_of(self) -> int:
        if self.peek() == "the" and self.peek(1) == "end":
            start = 1
        elif self.peek() == "end":
            start = 0
        else:
            return 0
        if self.peek(start + 1) != "of":
            raise self.fail("'end' needs 'of week' or 'of month' after it, as in 'end of month'.")
        at = start + 2
        step = 0
        if self.peek(at) in ("the", "this"):
            at += 1
        elif self.peek(at) == "next":
            step, at = 1, at + 1
        unit = self.peek(at)
        if unit == "month":
            first = self.today.replace(day=1) + _relativedelta(months=step + 1)
            self.days.append(_Said(first - timedelta(days=1), self.words(at + 1)))
        elif unit == "week":
            friday = self.today + timedelta(days=(4 - self.today.weekday()) % 7 + 7 * step)
            self.days.append(_Said(friday, self.words(at + 1)))
        else:
            raise self.fail(f"'{self.words(at + 1)}' needs 'week' or 'month', as in 'end of month'.")
        return at + 1

    def rule_weekday(self) -> int:
        token, following = self.peek(), self.peek(1)
        if token in WEEKDAYS:
            self.weekdays.append(_Said((WEEKDAYS[token], "plain"), token))
            return 1
        if token in ("next", "this", "last") and following in WEEKDAYS:
            self.weekdays.append(_Said((WEEKDAYS[following], token), self.words(2)))
            return 2
        return 0

    # Offsets: "in 3 days", "3 days from now", "a week ago", "+3d"

    def quantity(self, at: int) -> tuple[int, int] | None:
        """A number at ``at`` (digits or words, "a couple of"): its value and how many tokens."""
        token = self.peek(at)
        if token is None:
            return None
        if _NUMBER.match(token):
            return int(token), 1
        if token == "a" and self.peek(at + 1) == "couple":
            return 2, 3 if self.peek(at + 2) == "of" else 2
        if token == "couple":
            return 2, 2 if self.peek(at + 1) == "of" else 1
        if token in NUMBER_WORDS:
            return NUMBER_WORDS[token], 1
        return None

    def unit(self, at: int) -> tuple[int, str] | None:
        """A unit at ``at``: (multiplier, relativedelta keyword)."""
        token = self.peek(at)
        if token in _FORTNIGHT:
            return 2, "weeks"
        if token in _UNITS:
            return 1, _UNITS[token]
        return None

    def rule_offset(self) -> int:
        token = self.peek()
        at = 1 if token == "in" else 0
        if token == "in" and self.peek(1) == "half" and self.peek(2) in ("an", "a") and self.peek(3) == "hour":
            self.add_offset(self.now, 30, "minutes", self.words(4))
            return 4
        amount: int | None = None
        unit: tuple[int, str] | None = None
        compact = _COMPACT_OFFSET.match(self.peek(at) or "")
        if compact and at == 0 and _RANGE.match(" ".join(self.tokens[self.i :])):
            return 0  # "14h - 15h": a range of times written with an h, not 14 hours from now
        if compact and ((self.peek(at) or "").startswith("+") or compact.group(2) in _UNITS):
            if compact.group(2) not in _UNITS:
                raise self.fail(f"'{_quote(compact.group(2))}' is not a unit. {_UNIT_HINT}")
            amount, unit, at = int(compact.group(1)), (1, _UNITS[compact.group(2)]), at + 1
        else:
            counted = self.quantity(at)
            if counted is None:
                if token == "in":
                    raise self.fail(f"'{self.words(2)}' needs a number and a unit, as in 'in 3 days'.")
                return 0
            value, used = counted
            unit = self.unit(at + used)
            if unit is None:
                after = self.peek(at + used)
                if token != "in":
                    return 0  # "3 dec", "3 pm", "tue 3": not an offset
                if after in _VAGUE:
                    raise self.fail(f"'{_quote(after)}' is not a number; say how many, as in 'in 3 days'.")
                if after is None:
                    raise self.fail(f"'{self.words(at + used)}' needs a unit, as in 'in 3 days'.")
                raise self.fail(f"'{_quote(after)}' is not a unit. {_UNIT_HINT}")
            amount, at = value, at + used + 1
        assert unit is not None
        total, keyword = amount * unit[0], unit[1]
        following = self.peek(at)
        if token != "in" and following == "ago":
            self.add_offset(self.now, -total, keyword, self.words(at + 1))
            return at + 1
        if token != "in" and following == "from":
            base, used = self.base(at + 1)
            self.add_offset(base, total, keyword, self.words(at + 1 + used))
            return at + 1 + used
        self.add_offset(self.now, total, keyword, self.words(at))
        if compact and at == 1 and compact.group(2) == "h" and not (token or "").startswith("+"):
            hour = _clock(compact.group(1), None, None)
            if hour is not None:
                self.hours_or_an_hour.append((self.days[-1], self.clocks[-1], hour))
        return at

    def base(self, at: int) -> tuple[datetime, int]:
        """What "from" counts from: now, today, tomorrow, yesterday or a weekday."""
        token, following = self.peek(at), self.peek(at + 1)
        if token in ("now", "today"):
            return self.now, 1
        if token == "tomorrow":
            return self.now + timedelta(days=1), 1
        if token == "yesterday":
            return self.now - timedelta(days=1), 1
        if token in WEEKDAYS:
            return self.at_day(self.weekday(WEEKDAYS[token], "plain")), 1
        if token in ("next", "this", "last") and following in WEEKDAYS:
            return self.at_day(self.weekday(WEEKDAYS[following], token)), 2
        raise self.fail("'from' needs now, today, tomorrow or a weekday after it, as in 'a week from today'.")

    def at_day(self, day: date) -> datetime:
        return datetime.combine(day, self.now.time(), self.now.tzinfo)

    def add_offset(self, base: datetime, amount: int, unit: str, words: str) -> None:
        try:
            moved = base + _DELTAS[unit](amount)
        except (OverflowError, ValueError) as exc:
            raise DateParseError(
                f"{abs(amount):,} {unit} {'ago' if amount < 0 else 'from now'} is beyond the calendar."
            ) from exc
        self.days.append(_Said(moved.date(), words))
        if unit in ("hours", "minutes"):
            self.clocks.append(_Said(moved.time().replace(second=0, microsecond=0), words))

    # Dates

    def rule_date(self) -> int:
        token = self.peek() or ""
        iso = _ISO.match(token)
        if iso:
            year, month, day = int(iso.group(1)), int(iso.group(3)), int(iso.group(4))
            self.days.append(_Said(self.calendar_day(year, month, day, token), token))
            if iso.group(5) is not None:
                clock = _clock(iso.group(5), iso.group(6), None)
                if clock is None or (iso.group(7) is not None and int(iso.group(7)) > 59):
                    raise self.not_a_time(token)
                self.clocks.append(_Said(time(clock.hour, clock.minute), token))
                if iso.group(8):
                    self.set_zone(iso.group(8))
            return 1
        compact = _COMPACT_DATE.match(token)
        if compact:
            year, month, day = (int(g) for g in compact.groups())
            self.days.append(_Said(self.calendar_day(year, month, day, token), token))
            return 1
        numeric = _NUMERIC_DATE.match(token)
        if numeric and (numeric.group(4) is not None or numeric.group(2) == "/"):
            self.days.append(_Said(self.numeric_day(numeric, token), token))
            return 1
        return self.month_date()

    def numeric_day(self, match: re.Match[str], token: str) -> date:
        first, second = int(match.group(1)), int(match.group(3))
        year_text = match.group(4)
        year = self.today.year if year_text is None else int(year_text)
        if year_text is not None and len(year_text) == 2:
            # The year ending in those two digits that is nearest to now.
            century = self.today.year - self.today.year % 100
            choices = (century - 100 + year, century + year, century + 100 + year)
            year = min(choices, key=lambda y: abs(y - self.today.year))
        # Dots are written day first wherever they are used (3.12.2026); slashes follow the setting.
        day_first = self.dayfirst or match.group(2) == "."
        month, day = (second, first) if day_first else (first, second)
        if not 1 <= month <= 12 and 1 <= day <= 12 and 1 <= month <= 31:
            # Only one reading is a date ("25/12" is the 25th of December whichever way round).
            month, day = day, month
        if not 1 <= month <= 12:
            raise self.fail(f"'{_quote(token)}' has no month: {max(first, second)} is not a month or a day.")
        return self.calendar_day(year, month, day, token)

    def calendar_day(self, year: int, month: int, day: int, words: str) -> date:
        if not 1 <= year <= 9999:
            raise self.fail(f"{year} is not a year of the calendar.")
        if not 1 <= month <= 12:
            raise self.fail(f"'{_quote(words)}' has no month {month}.")
        try:
            return date(year, month, day)
        except ValueError:
            name = date(2000, month, 1).strftime("%B")
            raise self.fail(f"{name} {year} has no day {day}.") from None

    def day_number(self, token: str | None) -> int | None:
        """A day of the month as written: 3, 03, 3rd (any number: the caller checks it)."""
        if token is None:
            return None
        ordinal = _ORDINAL.match(token)
        if ordinal:
            return int(ordinal.group(1))
        if _NUMBER.match(token) and len(token) <= 2:
            return int(token)
        return None

    def month_date(self) -> int:
        """3 Dec, Dec 3, Dec 3rd 2027, the 3rd of December, the 15th, 3rd."""
        at = 0
        the = self.peek() == "the"
        if the:
            at = 1
        day = self.day_number(self.peek(at))
        month: int | None = None
        if day is not None:
            after = at + 1
            if self.peek(after) == "of" and self.peek(after + 1) in MONTHS:
                after += 1
            if self.peek(after) in MONTHS:
                month, at = MONTHS[self.peek(after) or ""], after + 1
            elif the or _ORDINAL.match(self.peek(at) or ""):
                self.days.append(_Said(self.next_day_of_month(day, self.words(at + 1)), self.words(at + 1)))
                return at + 1
            else:
                return 0
        elif self.peek(at) in MONTHS and not the:
            month = MONTHS[self.peek(at) or ""]
            after = at + 1
            if self.peek(after) == "the":
                after += 1
            day = self.day_number(self.peek(after))
            if day is None:
                if self.peek(after) is not None and _NUMBER.match(self.peek(after) or ""):
                    missing = self.peek(after)
                    raise self.fail(f"'{self.words(after + 1)}' has no day: {missing} is not a day of a month.")
                raise self.fail(f"'{self.words(after)}' needs a day, as in '{self.words(after)} 3'.")
            at = after + 1
        else:
            return 0
        assert month is not None and day is not None
        year = self.today.year
        year_token = self.peek(at)
        if year_token is not None and _NUMBER.match(year_token) and len(year_token) == 4:
            year, at = int(year_token), at + 1
        words = self.words(at)
        name = date(2000, month, 1).strftime("%B")
        if not 1 <= day <= 31:
            raise self.fail(f"{day} is not a day of {name}.")
        self.days.append(_Said(self.calendar_day(year, month, day, words), words))
        return at

    def next_day_of_month(self, day: int, words: str) -> date:
        if not 1 <= day <= 31:
            raise self.fail(f"no month has a day {day}.")
        first = self.today.replace(day=1)
        for ahead in range(13):
            month = first + _relativedelta(months=ahead)
            try:
                candidate = month.replace(day=day)
            except ValueError:
                continue
            if candidate >= self.today:
                return candidate
        raise self.fail(f"no day {day} ahead.")  # pragma: no cover - every 31st is within 13 months

    # Times

    def rule_range(self) -> int:
        token = self.peek() or ""
        written = _RANGE.match(" ".join(self.tokens[self.i :]))
        if written:
            # An am or pm apart from its hour is read glued to it ("3 pm" as "3pm"): the range
            # reads, and a message offers a range, as if it had been typed without the spaces.
            first, second = written.group(1).replace(" ", ""), written.group(2).replace(" ", "")
            used = written.group(0).count(" ") + 1
        elif self.peek(1) in ("-", "to") and self.peek(2) is not None and (
            _clock_token(token) is not None or _NUMBER.match(token) or token in _NAMED_ENDS
        ):
            first, second, used = token, self.peek(2) or "", 3
            if self.peek(3) in ("am", "pm") and _NUMBER.match(second):
                second, used = second + (self.peek(3) or ""), 4
            elif _clock_token(second) is None and not _NUMBER.match(second) and second not in _NAMED_ENDS:
                return 0
        else:
            return 0
        start, end = _range_end(first), _range_end(second)
        words = self.words(used)
        if start is None or end is None:
            raise self.fail(f"'{words}' is not a range of times; write one as 2-2:30pm or 14:00-14:20.")
        self.clocks.append(_Said(start, words))
        self.range_end = _Said(end, words)
        self.range_words = (_quote(first), _quote(second))
        self.range_span = (self.i, self.i + used)
        return used

    def rule_time(self) -> int:
        token, following = self.peek() or "", self.peek(1)
        numeric = _NUMBER.match(token) or _COLON_TIME.match(token) or _DOT_TIME.match(token)
        if following in ("am", "pm", "a", "p") and numeric:
            hour, _, minute = token.replace(".", ":").partition(":")
            clock = _clock(hour, minute or None, following) if _NUMBER.match(hour) and len(hour) <= 2 else None
            if clock is None:
                raise self.not_a_time(f"{token} {following}")
            self.clocks.append(_Said(clock, self.words(2)))
            return 2
        if following == "oclock" and _NUMBER.match(token):
            clock = _clock(token, None, None)
            if clock is None or not 1 <= clock.hour <= 12:
                raise self.not_a_time(f"{token} {following}")
            self.clocks.append(_Said(clock, self.words(2)))
            return 2
        clock = _clock_token(token)
        if clock is not None:
            self.clocks.append(_Said(clock, token))
            return 1
        if _TIMEISH.match(token) and not _ISO.match(token):
            raise self.not_a_time(token)
        return 0

    def rule_zone(self) -> int:
        token = self.peek() or ""
        if not _ZONE.match(token):
            return 0
        if not self.clocks:
            raise self.fail(f"the time zone '{_quote(token)}' needs a time before it, as in '14:00 {_quote(token)}'.")
        self.set_zone(token)
        return 1

    def set_zone(self, text: str) -> None:
        if self.zone is not None:
            raise self.fail("it gives two time zones; keep one.")
        if text in ("z", "utc", "gmt"):
            self.zone = UTC
            return
        sign = -1 if text[0] == "-" else 1
        digits = text[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise self.fail(f"'{_quote(text)}' is not a time zone.")
        self.zone = timezone(sign * timedelta(hours=hours, minutes=minutes))

    # Putting it together

    def weekday(self, weekday: int, mode: str) -> date:
        if mode == "last":
            return self.today - timedelta(days=(self.today.weekday() - weekday - 1) % 7 + 1)
        ahead = (weekday - self.today.weekday()) % 7
        if ahead == 0 and mode != "this":
            ahead = 7
        return self.today + timedelta(days=ahead)

    def settle(self) -> tuple[datetime, bool, int | None]:
        self.hours_beside_a_day()
        day = self.settle_day()
        clock = self.settle_clock()
        minutes: int | None = None
        if clock is None:
            return datetime.combine(day, time(0, 0), self.now.tzinfo), False, None
        start, end = clock
        self.range_start = start if end is not None else None
        if self.midnight_after_the_day() or self.coming_midnight_as_a_time(start):
            day += timedelta(days=1)
        moment = datetime.combine(day, start, self.now.tzinfo)
        if end is not None:
            minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
            if minutes <= 0:
                minutes += 24 * 60  # past midnight: see _range_times
        if self.zone is not None:
            moment = moment.replace(tzinfo=self.zone)
            moment = moment.astimezone(self.now.tzinfo) if self.now.tzinfo else moment.astimezone().replace(tzinfo=None)
        return moment, True, minutes

    def hours_beside_a_day(self) -> None:
        """"14h" alone is fourteen hours from now; beside a day or a part of one ("tomorrow 14h",
        "fri 9h") that reading names a second day, and the hour of the day is meant, as in "14h30"
        or a range's "14h-15h"."""
        for day, hours, hour in self.hours_or_an_hour:
            if any(other is not day for other in self.days) or self.weekdays or self.weeks or self.parts:
                self.days = [other for other in self.days if other is not day]
                self.clocks = [_Said(hour, hours.words) if said is hours else said for said in self.clocks]

    def settle_day(self) -> date:
        if len(self.weeks) > 1:
            raise self.two("days", self.weeks)
        if len(self.weekdays) > 1:
            raise self.two("days", self.weekdays)
        weekday = self.weekdays[0] if self.weekdays else None
        if self.weeks:
            week = self.weeks[0]
            if self.days:
                raise self.two("days", [self.days[0], week])
            monday = self.today - timedelta(days=self.today.weekday()) + timedelta(weeks=week.value)
            if weekday is None:
                if week.value == 0:
                    raise self.fail(f"'{week.words}' needs a day, as in 'fri {week.words}'.")
                return monday
            number, mode = weekday.value
            if mode != "plain":
                raise self.two("days", [weekday, week])
            return monday + timedelta(days=number)
        if len(self.days) > 1:
            raise self.two("days", self.days)
        if self.days:
            day = self.days[0]
            if weekday is not None:
                number, _ = weekday.value
                value = day.value
                if value.weekday() != number:
                    raise self.fail(
                        f"'{weekday.words}' and '{day.words}' disagree: {_day_text(value)} is a {value:%A}."
                    )
            return day.value
        if weekday is not None:
            number, mode = weekday.value
            return self.weekday(number, mode)
        if not self.clocks and not self.parts:
            raise self.fail(f"it names no day or time. {self.examples}")
        return self.today

    def midnight_after_the_day(self) -> bool:
        """Whether "midnight" is the one that ends the day read, 00:00 of the next.

        With a day named ("tomorrow midnight", "midnight fri") it is that day's own 00:00, the
        midnight that starts it. A person may mean the one that ends it, but calendar tools (and
        iCalendar's times) put a date's 00:00, their 12:00 AM, at the top of that date, and a
        reading that moved the day a person named onto the next would surprise those who meant
        the calendar's; the preview shows the day either way. A part of the day that runs up to
        midnight settles it: "tonight at midnight" is the end of this evening. Alone, it is the
        midnight just gone (today's 00:00), unless a moment to come is wanted: today's has
        always passed then, and the coming one is meant.
        """
        if not self.said_midnight:
            return False
        if any(said.value.end is None for said in self.parts):
            return True
        return self.ahead and not (self.days or self.weekdays or self.weeks)

    def coming_midnight_as_a_time(self, start: time) -> bool:
        """Whether "12am" or "00:00" alone is the coming midnight, as "midnight" alone is where a
        moment to come is wanted: today's 00:00 has always passed then. A range from it
        ("12am-1am", "00:00-00:30") starts where its start alone would: booked for today's, it
        would be in the past the moment it is typed. With a day named it is that day's 00:00."""
        if self.said_midnight or not self.ahead or start != time(0, 0) or self.parts:
            return False
        return not (self.days or self.weekdays or self.weeks)

    def settle_clock(self) -> tuple[time, time | None] | None:
        if len(self.clocks) > 1:
            raise self.two("times", self.clocks)
        if len(self.parts) > 1:
            raise self.two("parts of the day", self.parts)
        part = self.parts[0].value if self.parts else None
        if not self.clocks:
            return None if part is None else (part.default, None)
        said = self.clocks[0]
        # A part of the day settles a bare hour: "evening at 8" is 20:00, "morning at 7" 07:00.
        prefer = None if part is None else ("am" if part.default.hour < 12 else "pm")
        finish: time | None = None
        if isinstance(said.value, time):
            start = said.value
        elif self.range_end is not None:
            pair = _range_times(said.value, self.range_end.value, prefer)
            if pair is None:
                raise self.fail(self.no_range(said.value, said.words, self.range_end.value, prefer))
            start, finish = pair
            the_long_way = self.the_long_way_round(said.value, said.words, self.range_end.value, start, finish)
            if the_long_way is not None:
                raise self.fail(the_long_way)
        else:
            start = said.value.readings(prefer)[0]
        if part is not None and not part.holds(start) and not (self.said_midnight and part.end is None):
            raise self.fail(f"'{said.words}' is not in the {_part_name(part)}.")
        return start, finish

    def no_range(self, first: _Clock, words: str, end: _Clock, prefer: str | None) -> str:
        """Why the range ``words`` has no end after its start, with how to write what was likely meant."""
        first_words, end_words = self.range_words
        start = first.readings(end.meridiem or prefer)[0]  # as _range_times reads it
        if start in end.readings():
            later = _written_like(first, _plus_minutes(start, 30))
            return (
                f"'{words}' ends when it starts; type the start alone ('{first_words}'), "
                f"or the time it ends, as in '{first_words}-{later}'."
            )
        mornings = [t for t in end.readings() if t < time(12, 0)]
        if end.flexible and mornings and start >= PARTS_OF_DAY["evening"].start:
            # A bare hour is read by the bare-hour rule, never as the next morning (nothing is
            # guessed); what it was read as, and how to say the next morning, are offered.
            read_as = end.readings()[0]
            morning = mornings[0]
            overnight = (morning.hour * 60 + morning.minute) + 24 * 60 - (start.hour * 60 + start.minute)
            if overnight > LONGEST_MINUTES:
                # "23-10:00": the next morning is what the end could mean, but no conversation runs
                # that long, and its 24-hour form is the very text typed (10:00 has no leading zero
                # to say so); what to type instead is a range of a conversation's length.
                later = _written_like(first, _plus_minutes(start, 30))
                return (
                    f"'{words}' ends before it starts ({end_words} alone is {_twelve_hour(read_as)}), and "
                    f"{_twelve_hour(start)} to {_twelve_hour(morning)} the next day is longer than a conversation "
                    f"can be ({LONGEST_MINUTES} minutes at most); type the time it ends, as in '{first_words}-{later}'."
                )
            # A bare hour before an end with am would share it ("5-1am" is 5am to 1am): it is
            # written with its pm.
            start_written = _twelve_hour(start) if first.meridiem is None and first.flexible else first_words
            if morning == time(0, 0):
                meant, written = "midnight", "midnight"
            elif first.meridiem is None and not first.flexible:
                written = f"{morning:%H:%M}"
                meant = f"{written} the next day"
            else:
                written = f"{end_words}am"
                meant = f"{written} the next day"
            return (
                f"'{words}' ends before it starts ({end_words} alone is {_twelve_hour(read_as)}); "
                f"for {meant}, write '{start_written}-{written}'."
            )
        back_to_front = self.back_to_front(first, words, end, start)
        if back_to_front is not None:
            return back_to_front
        return f"'{words}' ends before it starts; write a range as 2-2:30pm or 14:00-14:20."

    def back_to_front(self, first: _Clock, words: str, end: _Clock, start: time) -> str | None:
        """For a range whose end, said with am or pm, comes before its start in the same half of
        the day ("2:30-2pm", "3pm-2pm"): that it ends before it starts, and the range with its
        ends the other way round, the likeliest meant. None for any other range."""
        first_words, end_words = self.range_words
        if end.meridiem is None or first.meridiem not in (None, end.meridiem):
            return None
        if first.meridiem is None and not first.flexible:
            return None  # "14:30-2pm": a 24-hour start, not one of the same half of the day
        finish = end.readings()[0]
        if not finish < start:
            return None
        if first.meridiem is not None:
            return f"'{words}' ends before it starts; did you mean '{end_words}-{first_words}'?"
        # Why the start was read in the end's half of the day, where that is why ("2:30 alone is
        # 2:30pm"); a start the bare-hour rule puts in the other half ends before the end either way.
        why = f" ({first_words} alone is {_twelve_hour(start)})" if first.readings()[0] == start else ""
        return (
            f"'{words}' ends before it starts{why}; "
            f"did you mean '{_written_like(first, finish)}-{first_words}{end.meridiem}'?"
        )

    def the_long_way_round(self, first: _Clock, words: str, end: _Clock, start: time, finish: time) -> str | None:
        """For a range typed back to front that the bare-hour rule reads the long way round
        ("9-8pm": 8pm comes before 9pm, and 9 alone is 9am, so 9am to 8pm) into more time than a
        conversation can last: that, and the range with its ends the other way round ('8-9pm'),
        as "5-4pm" is offered '4-5pm'. Nobody books eleven hours to talk; "9-5pm", a working
        day, is still read. None for any other range."""
        if end.meridiem is None or not end.readings()[0] < first.readings(end.meridiem)[0]:
            return None
        # Counted within the day: a range past midnight ("11pm-10am") ends before it starts there,
        # comes to less than nothing, and is left as read.
        if (finish.hour * 60 + finish.minute) - (start.hour * 60 + start.minute) <= LONGEST_MINUTES:
            return None
        first_words, _ = self.range_words
        return (
            f"'{words}' is {_twelve_hour(start)} to {_twelve_hour(finish)}, longer than a conversation can be "
            f"({LONGEST_MINUTES} minutes at most); did you mean '{_written_like(first, finish)}-{first_words}{end.meridiem}'?"
        )

    def two(self, what: str, said: Sequence[_Said[Any]]) -> DateParseError:
        return DateParseError(f"'{self.shown}' names two {what}, '{said[0].words}' and '{said[1].words}'; keep one.")


def _part_name(part: PartOfDay) -> str:
    return next(name for name, value in PARTS_OF_DAY.items() if value is part)


def describe(moment: datetime, now: datetime) -> str:
    """A preview of a parsed date that a person can check at a glance: 'Tue 1 Dec 2026, 15:00'.
    Midnight is shown as 00:00 too: which midnight "midnight" was read as is the thing to check."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M}"


def describe_slot(start: datetime, minutes: int, now: datetime) -> str:
    """'Mon 30 Nov 2026, 14:00–14:30 (30 minutes)': a range as it will be booked. One that runs
    past midnight says its end is on the next day, which the times alone do not show; one that
    ends at midnight ends with its own day, as "11pm to midnight" says."""
    end = start + timedelta(minutes=minutes)
    next_day = " the next day" if end.date() > start.date() and end.time() != time(0, 0) else ""
    return f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}–{end:%H:%M}{next_day} ({minutes} minutes)"
