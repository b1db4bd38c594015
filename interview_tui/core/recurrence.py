"""Repeating follow-ups: what a person types ("every 2 weeks", "monthly") as an RFC 5545 RRULE,
and the next due date after one is done.

Rules are stored as RRULE text (``FREQ=WEEKLY;INTERVAL=2``) so that they mean the same to any
calendar tool, and dateutil's rrule does the arithmetic. One adjustment: RFC 5545 skips a month
that lacks the day (a monthly rule from 31 January has no February date and jumps to March 31),
where a person who said "monthly" on the 31st means the last day of each shorter month. Rules
made here say so explicitly with ``BYMONTHDAY=28,29,30,31;BYSETPOS=-1``-style parts, which are
standard RRULE and read the same way elsewhere.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

from .errors import InvalidInput

_UNITS = {
    "day": DAILY,
    "days": DAILY,
    "d": DAILY,
    "week": WEEKLY,
    "weeks": WEEKLY,
    "w": WEEKLY,
    "month": MONTHLY,
    "months": MONTHLY,
    "mo": MONTHLY,
    "year": YEARLY,
    "years": YEARLY,
    "y": YEARLY,
}
_ADVERBS = {"daily": DAILY, "weekly": WEEKLY, "fortnightly": WEEKLY, "monthly": MONTHLY, "yearly": YEARLY, "annually": YEARLY}
_FREQ_NAMES = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}
_UNIT_WORDS = {DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year"}
_EVERY = re.compile(r"^(?:every\s+)?(?:(\d+)\s*)?([a-z]+)$")
_EXAMPLES = "Write it like 'weekly', 'every 2 weeks', 'monthly', 'every 3 months' or 'yearly'."
MAX_INTERVAL = 1000


def parse_recurrence(text: str) -> str:
    """The RRULE for what was typed; "" for nothing (the follow-up happens once).

    Accepts "weekly", "fortnightly", "every 2 weeks", "every 3 months", "2w", "every day", and an
    RRULE as a calendar tool writes it ("FREQ=MONTHLY;INTERVAL=2", with or without "RRULE:").
    """
    cleaned = " ".join(text.split()).lower()
    if not cleaned or cleaned in ("once", "never", "none", "no"):
        return ""
    if cleaned.startswith(("freq=", "rrule:")):
        rule = text.strip()
        rule = rule[len("RRULE:") :] if rule.upper().startswith("RRULE:") else rule
        try:
            rrulestr(rule, dtstart=datetime(2000, 1, 1))
        except (ValueError, TypeError) as exc:
            raise InvalidInput(f"Could not read the rule '{text.strip()}': {exc}.", field="repeat") from None
        return rule.upper()
    if cleaned in _ADVERBS:
        freq = _ADVERBS[cleaned]
        return _rule(freq, 2 if cleaned == "fortnightly" else 1)
    match = _EVERY.match(cleaned)
    if match is None or match.group(2) not in _UNITS:
        raise InvalidInput(f"Could not read '{text.strip()}' as a repeat. {_EXAMPLES}", field="repeat")
    interval = int(match.group(1) or 1)
    if not 1 <= interval <= MAX_INTERVAL:
        raise InvalidInput(f"Repeat every 1 to {MAX_INTERVAL} {match.group(2)}, not {interval}.", field="repeat")
    return _rule(_UNITS[match.group(2)], interval)


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
    interval = int(parts.get("INTERVAL", "1") or 1)
    unit = _UNIT_WORDS[freq]
    if interval == 1:
        return {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}[unit]
    return f"every {interval} {unit}s"


def next_due(rule: str, due: datetime, done_at: datetime) -> datetime:
    """When a repeating follow-up is due again after being done at ``done_at``.

    The next one counts from the day it was done, not from when it was due (a check-in done a week
    late restarts the interval then), at the time of day it was due. Month ends are clamped: a
    monthly follow-up done on 31 January is due again on the last day of February.
    """
    start = done_at.replace(hour=due.hour, minute=due.minute, second=due.second, microsecond=0)
    recurrence = _clamped(rule, start)
    following = recurrence.after(start, inc=False)
    if following is None:  # a rule with an end (COUNT or UNTIL) that has run out
        raise InvalidInput("This follow-up's repeat has ended.", field="repeat")
    return following


def _clamped(rule: str, start: datetime) -> rrule:
    parsed = rrulestr(rule, dtstart=start)
    if not isinstance(parsed, rrule):
        return parsed  # type: ignore[return-value]
    plain = parsed._bymonthday == (start.day,) and not parsed._bynmonthday and not parsed._bysetpos
    if plain and parsed._freq in (MONTHLY, YEARLY) and start.day > 28:
        # "The 31st, or the month's last day when it is shorter": the largest of the days from
        # the 28th up to the wanted one that the month has.
        months = {"bymonth": start.month} if parsed._freq == YEARLY else {}
        return parsed.replace(bymonthday=tuple(range(28, start.day + 1)), bysetpos=-1, **months)
    return parsed
