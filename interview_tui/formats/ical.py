"""The calendar side of the campaign as iCalendar (RFC 5545), written with the icalendar library.

- Each planned conversation is a VEVENT lasting its own minutes, with a reminder 15 minutes
  before (VALARM).
- Each open follow-up is an all-day VEVENT on its due date, not a VTODO: every calendar shows
  events, while Google Calendar, among others, ignores to-dos on import.

UIDs come from the records' ids (``interview-42@interview-tui``), so importing a newer export
into the same calendar updates the events instead of adding copies. Times are stored in local
time without a zone, so they are written as floating times, which every calendar shows at that
wall-clock time; DTSTAMP is in UTC as the standard requires.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vRecur

from ..core.models import Contact, FollowUp, FollowUpKind, Interview
from .records import cleaned, cleaned_all

PRODID = "-//interview-tui//interview-tui//EN"
DOMAIN = "interview-tui"
REMINDER = timedelta(minutes=15)

_FOLLOW_UP_TITLES = {
    FollowUpKind.THANK_YOU: "Thank-you note to {name}",
    FollowUpKind.NUDGE: "Nudge {name} (no reply yet)",
    FollowUpKind.CHECK_IN: "Check in with {name}",
    FollowUpKind.REFERRAL: "Update {name} on their referral",
    FollowUpKind.CUSTOM: "Follow up with {name}",
}


def interview_uid(interview: Interview) -> str:
    return f"interview-{interview.id}@{DOMAIN}"


def followup_uid(followup: FollowUp) -> str:
    return f"followup-{followup.id}@{DOMAIN}"


def _utc(moment: datetime) -> datetime:
    """A stored (local, naive) time in UTC, for DTSTAMP and LAST-MODIFIED."""
    return moment.astimezone(UTC)


def write_calendar(
    interviews: Iterable[Interview],
    followups: Iterable[FollowUp],
    contacts: Mapping[int, Contact],
    *,
    now: datetime,
) -> bytes:
    """An iCalendar file of the planned ``interviews`` and open ``followups`` of ``contacts``."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Informational interviews")
    stamp = _utc(now)
    interviews, followups = cleaned_all(interviews), cleaned_all(followups)
    contacts = {key: cleaned(contact) for key, contact in contacts.items()}
    for interview in sorted(interviews, key=lambda i: (i.when, i.id or 0)):
        contact = contacts.get(interview.contact_id)
        if contact is None or not interview.on_calendar:
            continue
        calendar.add_component(_interview_event(interview, contact, stamp))
    for followup in sorted(followups, key=lambda f: (f.due, f.id or 0)):
        contact = contacts.get(followup.contact_id)
        if contact is None or followup.done_at is not None:
            continue
        calendar.add_component(_followup_event(followup, contact, stamp))
    return calendar.to_ical()


def _interview_event(interview: Interview, contact: Contact, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", interview_uid(interview))
    event.add("dtstamp", stamp)
    event.add("dtstart", interview.when)
    event.add("dtend", interview.when + timedelta(minutes=interview.minutes))
    summary = f"Informational interview with {contact.name}"
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
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER)
    alarm.add("description", summary)
    event.add_component(alarm)
    return event


def _followup_event(followup: FollowUp, contact: Contact, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", followup_uid(followup))
    event.add("dtstamp", stamp)
    day = followup.due.date()
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", _FOLLOW_UP_TITLES[followup.kind].format(name=contact.name))
    details = [followup.note, contact.company_role]
    if followup.kind is FollowUpKind.THANK_YOU and followup.channel == "handwritten" and contact.address:
        details.append(f"Address:\n{contact.address}")
    event.add("description", "\n".join(d for d in details if d))
    event.add("transp", "TRANSPARENT")
    if followup.recurrence:
        try:
            event.add("rrule", vRecur.from_ical(followup.recurrence.removeprefix("RRULE:")))
        except ValueError:
            pass  # an unreadable rule: the next occurrence is still there, once
    if followup.created is not None:
        event.add("created", _utc(followup.created))
    return event
