"""The calendar side of the campaign as iCalendar (RFC 5545), written with the icalendar library.

- Each planned conversation is a VEVENT lasting its own minutes, with a reminder 15 minutes
  before (VALARM).
- Each open follow-up is an all-day VEVENT on its due date, not a VTODO: every calendar shows
  events, while Google Calendar, among others, ignores to-dos on import.

UIDs carry the workspace's identifier (``interview-42.<workspace>@interview-tui``): record ids
start at 1 in every workspace, and a calendar that imports two workspaces' files must not take
one's events for the other's. They stay the same from one export to the next, so importing a
newer export updates the events instead of adding copies. A repeating follow-up is one item for
its whole life: each time one is done the next is a new record, but it keeps the series' UID and
the event moves to the next date. That next date is all the export says: the one after it counts
from the day this one is done, which no RRULE can say, so the event carries no RRULE and its
description says how it repeats.

Times are stored as local wall-clock times; they are written with the local zone (``TZID`` and
its ``VTIMEZONE``), or in UTC when the system does not name its zone, so that a calendar in
another zone shows the right hour. ``SEQUENCE`` rises with every change, as calendars that keep
an event they already have unless it does (Outlook, Apple's) require. What left the calendar (a
conversation cancelled, a follow-up done, a repeat ended) is written as ``STATUS:CANCELLED`` for
RECENT after it happened, so that calendars which imported it clear it; a conversation held is
kept for as long at the time it was held.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo

from icalendar import Alarm, Calendar, Event

from ..core.local_time import aware, local_zone
from ..core.models import Contact, FollowUp, FollowUpKind, Interview, InterviewStatus
from ..core.recurrence import describe_recurrence, has_set_days
from .records import cleaned, cleaned_all

PRODID = "-//interview-tui//interview-tui//EN"
DOMAIN = "interview-tui"
REMINDER = timedelta(minutes=15)
RECENT = timedelta(days=30)
"""How long a cancelled conversation or a done follow-up stays in the export, as cancelled, and
a held conversation as held: long enough for a calendar that imports now and then to see it."""
_SEQUENCE_EPOCH = datetime(2020, 1, 1)

_FOLLOW_UP_TITLES = {
    FollowUpKind.THANK_YOU: "Thank-you note to {name}",
    FollowUpKind.NUDGE: "Nudge {name} (no reply yet)",
    FollowUpKind.CHECK_IN: "Check in with {name}",
    FollowUpKind.REFERRAL: "Update {name} on their referral",
    FollowUpKind.UPDATE: "Send {name} the update",
    FollowUpKind.CUSTOM: "Follow up with {name}",
}

_LOCAL = object()
"""``write_calendar``'s zone when none is given: the machine's own."""


def _scope(workspace_id: str) -> str:
    return f".{workspace_id}" if workspace_id else ""


def interview_uid(interview: Interview, workspace_id: str = "") -> str:
    return f"interview-{interview.id}{_scope(workspace_id)}@{DOMAIN}"


def series_key(followup: FollowUp) -> int | None:
    """What a follow-up's calendar item is known by: its series (the first of it), else itself."""
    return followup.series if followup.series is not None else followup.id


def followup_uid(followup: FollowUp, workspace_id: str = "") -> str:
    return f"followup-{series_key(followup)}{_scope(workspace_id)}@{DOMAIN}"


def interview_sequence(interview: Interview) -> int:
    """Seconds from 2020 to the conversation's last change, plus the times it was moved: the
    store stamps every change of a conversation (however its time was changed), and the count
    tells apart two moves within one second."""
    if interview.updated is None:
        return interview.sequence
    return max(0, int((interview.updated - _SEQUENCE_EPOCH).total_seconds())) + interview.sequence


def followup_sequence(followup: FollowUp) -> int:
    """Each change of date counts one (see FollowUp.sequence); being done, one more."""
    return followup.sequence + (0 if followup.done_at is None else 1)


def _utc(moment: datetime) -> datetime:
    """A stored (local, naive) time in UTC, for DTSTAMP and LAST-MODIFIED."""
    return moment.astimezone(UTC)


def exported_interviews(interviews: Iterable[Interview], now: datetime) -> list[Interview]:
    """The conversations a calendar gets: planned ones, and for RECENT those called off or held."""
    chosen = []
    for interview in interviews:
        if not interview.scheduled:
            continue  # notes with no agreed time: never on a calendar
        if interview.status is InterviewStatus.PLANNED:
            chosen.append(interview)
        elif now - (interview.updated or interview.when) <= RECENT:
            chosen.append(interview)
    return chosen


def exported_followups(followups: Iterable[FollowUp], now: datetime) -> list[FollowUp]:
    """One follow-up per calendar item: a series' open one; else, for RECENT, the last done."""
    by_item: dict[int | None, list[FollowUp]] = {}
    for followup in followups:
        by_item.setdefault(series_key(followup), []).append(followup)
    chosen = []
    for items in by_item.values():
        waiting = [f for f in items if f.done_at is None]
        if waiting:
            chosen.append(min(waiting, key=lambda f: (f.due, f.id or 0)))
            continue
        last = max(items, key=lambda f: (f.done_at or f.due, f.id or 0))
        if last.done_at is not None and now - last.done_at <= RECENT:
            chosen.append(last)
    return chosen


def write_calendar(
    interviews: Iterable[Interview],
    followups: Iterable[FollowUp],
    contacts: Mapping[int, Contact],
    *,
    now: datetime,
    workspace_id: str = "",
    zone: tzinfo | None | object = _LOCAL,
) -> bytes:
    """An iCalendar file of ``interviews`` and ``followups`` of ``contacts`` (as chosen by
    ``exported_interviews`` and ``exported_followups``). ``zone`` names the zone the stored
    times are in (the machine's by default; None: write them in UTC)."""
    tz = local_zone() if zone is _LOCAL else zone
    assert tz is None or isinstance(tz, tzinfo)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Informational interviews")
    stamp = _utc(now)
    interviews = cleaned_all(exported_interviews(interviews, now))
    followups = cleaned_all(exported_followups(followups, now))
    contacts = {key: cleaned(contact) for key, contact in contacts.items()}
    days: list[date] = []
    for interview in sorted(interviews, key=lambda i: (i.when, i.id or 0)):
        contact = contacts.get(interview.contact_id)
        if contact is None:
            continue
        calendar.add_component(_interview_event(interview, contact, stamp, workspace_id, tz))
        days.append(interview.when.date())
    for followup in sorted(followups, key=lambda f: (f.due, f.id or 0)):
        contact = contacts.get(followup.contact_id)
        if contact is None:
            continue
        calendar.add_component(_followup_event(followup, contact, stamp, workspace_id))
    if tz is not None and days:
        # Only the years the events need: the whole history of a zone is kilobytes of RDATEs.
        calendar.add_missing_timezones(
            first_date=date(min(days).year - 1, 1, 1), last_date=date(max(days).year + 2, 1, 1)
        )
    ical: bytes = calendar.to_ical()
    return ical


def _interview_event(
    interview: Interview, contact: Contact, stamp: datetime, workspace_id: str, tz: tzinfo | None
) -> Event:
    event = Event()
    event.add("uid", interview_uid(interview, workspace_id))
    event.add("dtstamp", stamp)
    start = aware(interview.when, tz)
    event.add("dtstart", start)
    event.add("dtend", aware(interview.when + timedelta(minutes=interview.minutes), tz))
    event.add("sequence", interview_sequence(interview))
    summary = f"Informational interview with {contact.name}"
    if interview.status is InterviewStatus.CANCELLED:
        event.add("status", "CANCELLED")
        summary = f"Cancelled: {summary}"
    elif interview.status is InterviewStatus.DONE:
        event.add("status", "CONFIRMED")
        summary = f"{summary} (held)"
    else:
        event.add("status", "CONFIRMED")
    event.add("summary", summary)
    details = [contact.company_role, f"{interview.minutes} minutes, {interview.mode.label}"]
    if interview.where:
        details.append(f"Where: {interview.where}")
    for label, value in (("Email", contact.email), ("Phone", contact.phone)):
        if value:
            details.append(f"{label}: {value}")
    event.add("description", "\n".join(d for d in details if d))
    if interview.where:
        event.add("location", interview.where)
    if interview.updated is not None:
        event.add("last-modified", _utc(interview.updated))
    if interview.status is InterviewStatus.PLANNED:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -REMINDER)
        alarm.add("description", summary)
        event.add_component(alarm)
    return event


def _followup_event(followup: FollowUp, contact: Contact, stamp: datetime, workspace_id: str) -> Event:
    event = Event()
    event.add("uid", followup_uid(followup, workspace_id))
    event.add("dtstamp", stamp)
    day = followup.due.date()
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("sequence", followup_sequence(followup))
    title = _FOLLOW_UP_TITLES.get(followup.kind, "Follow up with {name}").format(name=contact.name)
    if followup.done_at is not None:
        event.add("status", "CANCELLED")
        title = f"Done: {title}"
    event.add("summary", title)
    details = [followup.note, contact.company_role]
    if followup.kind is FollowUpKind.THANK_YOU and followup.channel == "handwritten" and contact.address:
        details.append(f"Address:\n{contact.address}")
    if followup.recurrence and followup.done_at is None:
        repeat = describe_recurrence(followup.recurrence)
        if repeat == "repeats":
            details.append("Repeats; this event moves to the next date when this one is done.")
        elif has_set_days(followup.recurrence):
            # The next comes on the first of its days after the one done, not an interval later.
            details.append(f"Repeats {repeat}: this event moves to the next of those days when this one is done.")
        else:
            details.append(f"Repeats {repeat}, counted from the day it is done: this event moves to the next date then.")
    event.add("description", "\n".join(d for d in details if d))
    event.add("transp", "TRANSPARENT")
    if followup.created is not None:
        event.add("created", _utc(followup.created))
    return event
