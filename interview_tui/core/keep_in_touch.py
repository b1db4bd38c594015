"""Step 4, staying in contact: each person's keep-in-touch cadence, and the follow-up queue.

A cadence is an ideal interval and a maximum ("every 6 weeks, at most 3 months"). The next
check-in is due at the last touch plus the ideal interval, so any logged contact (an ask, a
reply, a meeting, a thank-you, an update) restarts it; nothing is stored for it. Past the ideal
the contact is due (amber), past the maximum overdue (red).

Check-ins are worked out when the queue is built rather than stored as follow-ups: a stored one
would have to be moved by every touch. Snoozing one stores a follow-up marked ``from_cadence``
for the new date; a later touch makes it moot (see ``workflow.record_touch``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from . import repeat_words
from .day_words import DEFAULT_DUE_TIME
from .errors import InvalidInput
from .models import Contact, FollowUp, FollowUpKind, Relationship, Stage, TouchKind

DAY = timedelta(days=1)


class Cadence(NamedTuple):
    ideal_days: int
    max_days: int

    def describe(self) -> str:
        """"every 30 days, at most 60 days", "every week, at most 2 weeks": what the notes
        heading and ``show`` say."""
        return f"{every_span(self.ideal_days)}, at most {span_in_words(self.max_days)}"


DEFAULT_CADENCES: dict[Relationship, Cadence] = {
    Relationship.FAMILY: Cadence(30, 90),
    Relationship.FRIEND: Cadence(42, 90),
    Relationship.CLASSMATE: Cadence(42, 120),
    Relationship.COLLEAGUE: Cadence(56, 120),
    Relationship.REFERRAL: Cadence(42, 90),
    Relationship.ALUMNI: Cadence(90, 180),
    Relationship.COLD: Cadence(90, 180),
}
"""Closer people more often. Used for contacts who have no cadence of their own."""

AFTER_THE_CONVERSATION = frozenset({Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH})
"""Stages in which the default cadence applies: the method keeps in touch with the people it
talked to. Others get check-ins only when given a cadence of their own."""


class CadenceState(enum.Enum):
    NONE = "none"
    """No cadence: not yet talked to, declined, closed, turned off, or never in touch."""
    OK = "ok"
    DUE = "due"
    """Past the ideal interval: amber."""
    OVERDUE = "overdue"
    """Past the maximum: red."""


def cadence_said(contact: Contact) -> str:
    """The keep-in-touch cadence in words, as ``show`` and the notes heading say it: the one set
    on the person, or their relationship's default once it applies (after the conversation),
    said to be the default; "off"; one kept but paused by the stage; "" when none applies."""
    if contact.cadence_days is not None and contact.cadence_days <= 0:
        return "off"
    cadence = own_cadence(contact)
    if cadence is not None and contact.stage in (Stage.DECLINED, Stage.CLOSED):
        # Kept, but no check-in comes of it while they stand there.
        return f"{cadence.describe()} (paused while {contact.stage.label})"
    if cadence is not None:
        return cadence.describe()
    default = cadence_of(contact)
    if default is None:
        return ""
    return f"{default.describe()} (the default for {contact.relationship.label} contacts)"


def cadence_of(contact: Contact) -> Cadence | None:
    """The contact's cadence, their own or their relationship's default; None when none applies."""
    if contact.stage in (Stage.DECLINED, Stage.CLOSED):
        return None
    if contact.cadence_days is not None:
        return own_cadence(contact)  # None when turned off
    if contact.stage in AFTER_THE_CONVERSATION:
        return DEFAULT_CADENCES[contact.relationship]
    return None


def own_cadence(contact: Contact) -> Cadence | None:
    """The cadence set on the contact themselves, whatever their stage; None when none is set
    (their relationship's default applies) or it is turned off."""
    if contact.cadence_days is None or contact.cadence_days <= 0:
        return None
    # Twice the ideal by default, within the ten years a typed maximum may be: a longer one
    # would be said in words ("at most 12 years") that the cadence field then refuses.
    maximum = contact.cadence_max_days or min(contact.cadence_days * 2, MAX_CADENCE_DAYS)
    return Cadence(contact.cadence_days, max(maximum, contact.cadence_days))


def cadence_state(contact: Contact, last_touch: datetime | None, now: datetime) -> CadenceState:
    cadence = cadence_of(contact)
    if cadence is None or last_touch is None:
        return CadenceState.NONE
    days = (now.date() - last_touch.date()).days
    if days > cadence.max_days:
        return CadenceState.OVERDUE
    if days > cadence.ideal_days:
        return CadenceState.DUE
    return CadenceState.OK


def next_check_in(contact: Contact, last_touch: datetime | None) -> datetime | None:
    """When the next check-in is due: the last touch plus the ideal interval, in the morning."""
    cadence = cadence_of(contact)
    if cadence is None or last_touch is None:
        return None
    day = last_touch.date() + timedelta(days=cadence.ideal_days)
    return datetime.combine(day, DEFAULT_DUE_TIME, last_touch.tzinfo)


# What a person types for a cadence ------------------------------------------------------------

# The units a repeat takes, and the date fields too (core/dates.py): "6 wks" there should not be
# an error here.
_SPAN = rf"(\d+)\s*({repeat_words.UNIT})\b"
"""Compiled when a cadence is first read (re keeps it), not when the queue is imported."""
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_ADVERB = rf"\b({'|'.join(map(re.escape, repeat_words.EVERY))})\b"
_CADENCE_EXAMPLES = "Write it like '6w', 'every 6 weeks, at most 3 months', '6w / 3mo', or 'off'."
_INSTEAD_OF_TWO_WAYS = {
    "biweekly": "'fortnightly' or 'every 2 weeks' for every two weeks",
    "bimonthly": "'every 2 months' for every two months",
    "biannually": "'every 6 months' for twice a year, or 'every 2 years'",
}
MAX_CADENCE_DAYS = 3650


def parse_cadence(text: str) -> tuple[int | None, int | None]:
    """(ideal days, maximum days) from "every 6 weeks, at most 3 months", "6w/3mo", "30d";
    (None, None) for "" (the relationship's default) and (0, None) for "off"."""
    cleaned = " ".join(text.split()).lower()
    if not cleaned or cleaned in ("default", "auto"):
        return None, None
    if cleaned in ("off", "never", "none", "no"):
        return 0, None
    repeat_words.refuse_two_ways(text, cleaned, read_as="a cadence", instead=_INSTEAD_OF_TWO_WAYS, field="cadence")
    # The words a follow-up's repeat takes too ("monthly", "every other week"), each as the span
    # it names.
    cleaned = re.sub(repeat_words.EVERY_OTHER, lambda found: f"2 {found[1]}s", cleaned)
    cleaned = re.sub(repeat_words.EVERY_ONE, lambda found: f"1 {found[1]}", cleaned)
    # "at most a week", as a cadence is said back.
    cleaned = re.sub(rf"\ban? ({repeat_words.UNIT})\b", r"1 \1", cleaned)
    cleaned = re.sub(_ADVERB, lambda found: "{} {}".format(*repeat_words.EVERY[found[1]]), cleaned)
    spans = re.findall(_SPAN, cleaned)
    leftover = re.sub(_SPAN, " ", cleaned)
    leftover = re.sub(r"\b(every|at|most|max|maximum|and|or)\b|[,/;]", " ", leftover).strip()
    if not spans or len(spans) > 2 or leftover:
        raise InvalidInput(f"Could not read '{text.strip()}' as a cadence. {_CADENCE_EXAMPLES}", field="cadence")
    if len(spans) == 1 and re.search(r"\b(most|max|maximum)\b", cleaned):
        # Read as the ideal, "at most 3 months" would set a longest gap twice as long.
        raise InvalidInput(
            f"'{text.strip()}' gives only the longest gap: say how often too, as in "
            "'every 6 weeks, at most 3 months'.",
            field="cadence",
        )
    days = [int(number) * _UNIT_DAYS[repeat_words.UNIT_WORDS[unit]] for number, unit in spans]
    if any(not 1 <= d <= MAX_CADENCE_DAYS for d in days):
        raise InvalidInput("A cadence is between a day and ten years.", field="cadence")
    ideal = days[0]
    maximum = days[1] if len(days) == 2 else None
    if maximum is not None and maximum < ideal:
        raise InvalidInput(
            f"The maximum ({span_in_words(maximum)}) is shorter than the ideal interval ({span_in_words(ideal)}).",
            field="cadence",
        )
    return ideal, maximum


def format_cadence(contact: Contact) -> str:
    """What the contact form shows: "" for the default, "off", or "6w / 90d" (in the units the
    cadence is said in, which read back as the same days)."""
    if contact.cadence_days is None:
        return ""
    if contact.cadence_days <= 0:
        return "off"
    text = _short(contact.cadence_days)
    return f"{text} / {_short(contact.cadence_max_days)}" if contact.cadence_max_days else text


def cadence_in_words(contact: Contact) -> str:
    """The cadence set on the contact as an export writes it, for a person reading the file and
    for ``parse_cadence`` reading it back as the same days: "" for the relationship's default,
    "off", "every 6 weeks", or "every 6 weeks, at most 90 days" when a maximum is set."""
    if contact.cadence_days is None:
        return ""
    if contact.cadence_days <= 0:
        return "off"
    words = every_span(contact.cadence_days)
    if not contact.cadence_max_days:
        return words
    # A maximum under the ideal (a file edited by hand) is read as the ideal, as own_cadence does:
    # written as it is, the file's import would refuse it.
    return f"{words}, at most {span_in_words(max(contact.cadence_max_days, contact.cadence_days))}"


def _short(days: int) -> str:
    count, unit = _in_whole_units(days)
    return f"{count}{unit[0]}"


def _in_whole_units(days: int) -> tuple[int, str]:
    """(count, "week" or "day"): the one choice of unit every cadence in words makes. A check-in
    is due a number of days after the last touch, so a span is said in days, or in weeks when it
    is whole weeks; never in months or years, which 30 and 365 days are not: "every 30 days" from
    31 January is due on 2 March, not a month later."""
    return (days // 7, "week") if days % 7 == 0 else (days, "day")


def span_in_words(days: int) -> str:
    """"a day", "30 days", "a week", "6 weeks"."""
    count, unit = _in_whole_units(days)
    return f"a {unit}" if count == 1 else f"{count} {unit}s"


def every_span(days: int) -> str:
    """"every day", "every 30 days", "every week", "every 6 weeks": how often a check-in is due."""
    count, unit = _in_whole_units(days)
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"


# The queue ------------------------------------------------------------------------------------


class QueueGroup(enum.Enum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    THIS_WEEK = "This week"
    LATER = "Later"


WEEK_AHEAD = 7
""""This week" is the next seven days after today, whatever day today is: a queue looked at on a
Saturday should not call Monday "later"."""


def group_of(due: datetime, now: datetime) -> QueueGroup:
    days = (due.date() - now.date()).days
    if days < 0:
        return QueueGroup.OVERDUE
    if days == 0:
        return QueueGroup.TODAY
    if days <= WEEK_AHEAD:
        return QueueGroup.THIS_WEEK
    return QueueGroup.LATER


def check_ins(
    contacts: Iterable[Contact], last_touches: dict[int, datetime], snoozed: set[int]
) -> list[FollowUp]:
    """The check-ins the cadences ask for, as unsaved follow-ups (``id`` None, ``from_cadence``),
    except for contacts in ``snoozed``, whose stored check-in stands in for it."""
    found: list[FollowUp] = []
    for contact in contacts:
        if contact.id is None or contact.id in snoozed:
            continue
        last = last_touches.get(contact.id)
        due = next_check_in(contact, last)
        if due is None:
            continue
        cadence = cadence_of(contact)
        assert cadence is not None
        found.append(
            FollowUp(
                contact_id=contact.id,
                due=due,
                kind=FollowUpKind.CHECK_IN,
                note=f"keep in touch {every_span(cadence.ideal_days)}",
                from_cadence=True,
            )
        )
    return found


TOUCH_FOR_DONE: dict[FollowUpKind, TouchKind] = {
    FollowUpKind.THANK_YOU: TouchKind.THANKED,
    FollowUpKind.REFERRAL: TouchKind.UPDATED,
    FollowUpKind.CHECK_IN: TouchKind.UPDATED,
    FollowUpKind.UPDATE: TouchKind.UPDATED,
}
"""Follow-ups whose doing is itself a contact with the person. Others (a nudge that may not have
been sent yet, a custom task) count as one only when done with a note."""
