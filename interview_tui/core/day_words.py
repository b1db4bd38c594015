"""How far a day is, in words, and when a day given alone falls due.

Apart from the date grammar (``dates``) because `due` needs only these: the grammar and what it
imports would be most of that command's start.
"""

from __future__ import annotations

from datetime import datetime, time

DEFAULT_DUE_TIME = time(9, 0)
"""A follow-up due on a day, with no time given, is due at the start of the working day."""


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
