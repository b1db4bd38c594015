"""Accepting a calendar invitation: the .ics that Google Calendar, Outlook or Calendly sends.

The invitation says when (in its own zone, converted to local time here), for how long, where or
by which link, and who: the organiser and the attendees by email. The contact is the one whose
email is among them, or the one the person names, or a new contact made from the organiser when
asked. Their conversation is then scheduled, or moved when one is planned already, or cancelled
when the invitation is a cancellation. Of several planned, it is the one a version of the same
invitation made (matched by its UID), else the one at its time, else, for an invitation seen for
the first time, the soonest to come that no other invitation made (see ``_replaced``); a cancellation takes only the first two.
The message names it and the others still planned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar, Component

from ..core import conversations, text, workflow
from ..core.errors import InvalidInput
from ..core.models import Contact, Interview, InterviewMode, InterviewStatus, id_of
from ..core.store import Store

_LINK = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_MEETING_HOSTS = ("meet.google.com", "zoom.us", "teams.microsoft.com", "teams.live.com", "webex.com",
                  "whereby.com", "meet.jit.si", "gotomeeting.com", "chime.aws")  # fmt: skip
_WHOLE_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_LINK_PROPERTIES = ("CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
                    "X-MICROSOFT-ONLINEMEETINGURL", "URL")  # fmt: skip
_VIDEO_SERVICES = ("Microsoft Teams", "Teams", "Zoom", "Google Meet", "Meet", "Google Hangouts", "Hangouts",
                   "Webex", "Cisco Webex", "Skype", "Skype for Business", "GoToMeeting", "GoTo Meeting", "Whereby",
                   "Jitsi", "Jitsi Meet", "Amazon Chime", "Chime", "BlueJeans", "FaceTime")  # fmt: skip
"""The video services whose name alone is what calendars write as the place of a call on them
("Microsoft Teams Meeting", Outlook's): the way it is held, not a place."""
_SERVICE_NAMES = "|".join(re.escape(name).replace("\\ ", "\\s+") for name in _VIDEO_SERVICES)
_NAMES_A_VIDEO_SERVICE = re.compile(
    rf"(?:{_SERVICE_NAMES})(?:[\s-]+(?:online[\s-]+)?(?:video[\s-]+)?(?:meeting|call|conference))?", re.IGNORECASE
)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
DEFAULT_MINUTES = 20


@dataclass
class Invitation:
    uid: str
    start: datetime
    """Local time, as every stored time."""
    minutes: int
    where: str
    mode: InterviewMode
    cancelled: bool
    organiser: tuple[str, str]
    sequence: int
    """(name, email)."""
    people: list[tuple[str, str]] = field(default_factory=list)
    """Everyone named: the organiser first, then the attendees."""
    says_length: bool = True
    """Whether it gives an end or a duration: ``minutes`` is otherwise the usual length, for a new
    conversation alone (one it moves keeps its own)."""
    says_way: bool = True
    """Whether it says how the conversation is held (a place, a link, a video service named):
    ``mode`` is otherwise a video call's, for a new conversation alone."""
    says_place: bool = True
    """Whether it gives a place or a link: ``where`` is otherwise empty, for a new conversation
    alone (one it moves keeps its place, unless it is now held another way)."""
    repeats: bool = False
    """Whether it repeats (RRULE or RDATE): only its first conversation is planned, and the
    message says so."""
    skipped: str = ""
    """When its start is a time the clocks skip in its zone, which ``start`` reads past the jump:
    the words that say so ("The invitation says 02:30 on ... so it is read as 03:30.")."""


def _address(value: object) -> tuple[str, str]:
    raw = str(value).strip()
    email = raw[7:] if raw.casefold().startswith("mailto:") else raw
    params = getattr(value, "params", {}) or {}
    name = str(params.get("CN", "") or "").strip()
    if name.casefold() == email.casefold():
        name = ""
    return name, email.strip()


def _many(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def read_invitation(raw: bytes) -> Invitation:
    """The invitation in an .ics file; InvalidInput saying what is missing when it is not one."""
    calendar = _calendar(raw)
    events = calendar.walk("VEVENT")
    if not events:
        raise InvalidInput("it holds no event (BEGIN:VEVENT); an invitation has one.")
    event = _the_one_event(events)
    try:
        start = _decoded(event, "DTSTART")
    except KeyError:
        raise InvalidInput("its event has no start (DTSTART).") from None
    except (ValueError, TypeError) as exc:
        raise InvalidInput(f"its start (DTSTART) cannot be read ({exc}).") from None
    if not isinstance(start, datetime):
        raise InvalidInput("it is an all-day event, not a conversation at a time.")
    end: datetime | None = None
    try:
        if "DTEND" in event:
            end = _decoded(event, "DTEND")
        elif "DURATION" in event:
            end = start + _decoded(event, "DURATION")
    except (ValueError, TypeError) as exc:
        raise InvalidInput(f"its end cannot be read ({exc}).") from None
    minutes = DEFAULT_MINUTES
    if isinstance(end, datetime):
        minutes = int((end - start) / timedelta(minutes=1))
        if not 1 <= minutes <= 600:
            raise InvalidInput(f"it lasts {minutes} minutes; a conversation lasts between 1 and 600.")
    skipped = ""
    if start.tzinfo is not None:  # its length is measured from the time written, as before
        written = start
        start = _past_a_skipped_time(start)
        if start.replace(tzinfo=None) != written.replace(tzinfo=None):
            zone = str(event["DTSTART"].params.get("TZID", "") or "")[:80]
            skipped = (
                f"The invitation says {written:%H:%M on %a %d %b %Y}" + (f" ({zone})" if zone else "")
                + f", a time that does not exist there: the clocks go forward that night, so it is read as {start:%H:%M}."
            )
    local = start.astimezone().replace(tzinfo=None) if start.tzinfo is not None else start
    location, names_a_service = _without_video_services(
        text.clean_line(str(event.get("LOCATION", "") or ""), field="where")
    )
    # A place given as a tel: link says how the call is held: by phone at that number, whatever
    # meeting links the calendar added to the invitation besides.
    dialled = location[:4].casefold() == "tel:"
    if dialled:
        location = location[4:].strip()
        phone = True
    else:
        phone = bool(_PHONE.match(location))
    link = ""
    for name in () if dialled else _LINK_PROPERTIES:
        # A conference may give a number to dial in too (tel:): the call's link is its web address.
        values = [str(value).strip() for value in _many(event.get(name))]
        link = next((value for value in values if value and (name != "CONFERENCE" or _WHOLE_LINK.fullmatch(value))), "")
        if link:
            break
    if not link and not dialled:
        found = _LINK.findall(f"{location} {event.get('DESCRIPTION', '')}")
        link = next((url for url in found if _is_meeting(url)), "")
    where = location or link
    if link and link not in where:
        where = f"{where} ({link})" if where else link
    # A place that is a link alone is where the call is held (an address with a map's link
    # beside it is still a place to meet).
    place_is_a_link = bool(_WHOLE_LINK.fullmatch(location)) or (" " not in location and _is_meeting(location))
    if link or place_is_a_link:
        mode = InterviewMode.VIDEO
    elif location and phone:
        mode = InterviewMode.PHONE
    elif location:
        mode = InterviewMode.IN_PERSON
    else:
        # Nothing said, or only the service's name: a video call, as schedule plans by default.
        mode = InterviewMode.VIDEO
    organiser = _address(event.get("ORGANIZER", "")) if event.get("ORGANIZER") else ("", "")
    people = [organiser] if organiser[1] else []
    people += [_address(a) for a in _many(event.get("ATTENDEE"))]
    method = str(calendar.get("METHOD", "") or "").upper()
    status = str(event.get("STATUS", "") or "").upper()
    uid = str(event.get("UID", "") or "").strip()
    return Invitation(
        uid=uid,
        start=local.replace(second=0, microsecond=0),
        minutes=minutes,
        # Cleaned as a conversation's place is saved, so that the same invitation read again
        # compares equal to what it made (a place cut off after a space kept that space).
        where=text.clean_line(where[: text.MAX_LINE], field="where"),
        mode=mode,
        cancelled=method == "CANCEL" or status == "CANCELLED",
        organiser=organiser,
        sequence=_sequence(event.get("SEQUENCE")),
        people=people,
        says_length=isinstance(end, datetime),
        says_way=bool(location or link or names_a_service),
        says_place=bool(location or link),
        repeats="RRULE" in event or "RDATE" in event,
        skipped=text.strip_controls(skipped),
    )


_SAVE_IT = "an invitation is the .ics file sent with its email: save that file and import it."
_CALENDAR_BEGINS = re.compile(rb"^[ \t]*BEGIN:VCALENDAR[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


def _past_a_skipped_time(start: datetime) -> datetime:
    """``start`` (with its zone) when its clocks show it; else the same time past the jump of the
    clocks, as the app offers for a time typed in the hour skipped (02:30 the night they go forward
    is 03:30). Left alone, calendars' zones put such a time on one side of the gap or the other
    (01:30 or 03:30 here), whichever their library does."""
    zone = start.tzinfo
    written = start.replace(tzinfo=None)
    try:
        shown = start.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        after = (written + timedelta(days=1)).replace(tzinfo=zone).utcoffset()
        before = (written - timedelta(days=1)).replace(tzinfo=zone).utcoffset()
    except (OverflowError, OSError, ValueError):
        return start  # out of the range of dates: nothing to say about its clocks
    if shown == written or after is None or before is None or after <= before:
        return start
    return (written + (after - before)).replace(tzinfo=zone)


def _calendar(raw: bytes) -> Calendar:
    """The calendar in the file; InvalidInput saying in plain words what is wrong with it (the
    library's own reasons quote the file's bytes and its parser's terms)."""
    if not raw.strip():
        raise InvalidInput(f"it is empty; {_SAVE_IT}")
    try:
        calendar = Calendar.from_ical(raw)
    except (ValueError, IndexError, KeyError):
        calendar = None
    if calendar is not None and calendar.name == "VCALENDAR":
        return calendar
    begun = len(_CALENDAR_BEGINS.findall(raw))
    if not raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper().startswith(b"BEGIN:VCALENDAR"):
        raise InvalidInput(f"it is not an iCalendar file (one begins with BEGIN:VCALENDAR); {_SAVE_IT}")
    if begun > 1:
        raise InvalidInput(
            f"it holds {begun} calendars, each an invitation of its own, and one is accepted at a time: "
            "save each invitation to a file of its own and import them one by one."
        )
    raise InvalidInput(
        "it is a damaged iCalendar file (cut short, or with lines that cannot be read); save the invitation "
        "again from its email and import that file."
    )


def _the_one_event(events: list[Component]) -> Component:
    """The event of an invitation; InvalidInput when the file holds others that would otherwise be
    left out without a word: several invitations (only one is accepted at a time, so that a refusal
    changes nothing), or an occurrence of a repeating one changed apart from the rest (RECURRENCE-ID),
    which is not a conversation of its own."""
    changed = [event for event in events if "RECURRENCE-ID" in event]
    uids = {str(event.get("UID", "") or "").strip() for event in events}
    if len(events) > 1 and (len(uids) > 1 or not changed):
        raise InvalidInput(
            f"it holds {len(events)} events, each an invitation of its own, and one is accepted at a time: "
            "save each invitation to a file of its own and import them one by one."
        )
    if changed:
        occurrences = "one occurrence" if len(changed) == 1 else f"{len(changed)} occurrences"
        those = "that conversation" if len(changed) == 1 else "those conversations"
        raise InvalidInput(
            f"it changes {occurrences} of a repeating invitation on its own (RECURRENCE-ID), which is not "
            f"accepted here; plan, move or cancel {those} yourself."
        )
    return events[0]


def _without_video_services(location: str) -> tuple[str, bool]:
    """The place a LOCATION gives without the words that only name a video service, and whether
    there were any. Outlook writes several places separated by semicolons ("Room 4.01; Microsoft
    Teams Meeting"); a place that merely holds such a word ("Zoom Café, 5 Main St") is kept whole."""
    parts = [part.strip() for part in location.split(";")]
    kept = [part for part in parts if not _NAMES_A_VIDEO_SERVICE.fullmatch(part.rstrip(" .:"))]
    if len(kept) == len(parts):
        return location, False
    return "; ".join(part for part in kept if part), True


def _is_meeting(url: str) -> bool:
    """Whether a link is a video call's, by its host (written in capitals or not)."""
    folded = url.casefold()
    return any(host in folded for host in _MEETING_HOSTS)


def _decoded(event: Component, name: str) -> Any:
    """A property's value; ValueError saying why when it cannot be read. icalendar 7 keeps such a
    value as its text (and the reason among the event's errors) where icalendar 6 raised: read
    as a value, a garbled start would pass for an all-day event and a garbled end for none."""
    value = event.decoded(name)
    if isinstance(value, str):
        why = next((error for prop, error in getattr(event, "errors", ()) if prop == name), value)
        raise ValueError(text.strip_controls(str(why))[:80])
    return value


def _sequence(value: object) -> int:
    """The revision of an invitation (RFC 5545 SEQUENCE; 0 when absent or unreadable)."""
    try:
        return max(0, int(str(value))) if value is not None else 0
    except ValueError:
        return 0


@dataclass
class Accepted:
    contact: Contact
    interview: Interview | None
    action: str
    """"schedule", "move", "cancel", "nothing" (already as the invitation says) or "already
    cancelled" (the cancellation read again)."""
    added_contact: bool = False
    overlaps: list[Interview] = field(default_factory=list)
    """The other planned conversations its time overlaps (it is kept all the same: a group call
    may be meant)."""
    replaced: Interview | None = None
    """The planned conversation it moves or cancels, as it was."""
    also_planned: str = ""
    """The contact's other planned conversations, left as they are, in words ("Tue 08 Dec 2026 at
    23:00 and Wed 09 Dec 2026 at 00:30"); empty when there are none."""
    repeats: bool = False
    """Whether the invitation repeats, of which only the first conversation is planned."""
    skipped: str = ""
    """The words saying the invitation's start was a time the clocks skip, read past the jump."""

    def message(self, dry_run: bool) -> str:
        name = self.contact.name
        interview = self.interview
        when = (
            f"{interview.when:%a %d %b %Y %H:%M}, {interview.minutes} minutes, {interview.mode.label}"
            + (f", {interview.where}" if interview.where else "")
            if interview is not None
            else ""
        )
        added = f"Added {name} as a contact. " if self.added_contact else ""
        # A dry run of what would change nothing says so as it is, not "would have nothing to change".
        would = "Dry run: would have " if dry_run and self.action not in ("nothing", "already cancelled") else ""
        was = conversations.named_words(self.replaced) if self.replaced is not None else ""
        if self.action == "move" and self.replaced is not None and not self.replaced.scheduled:
            # Notes started with no time agreed are given one, as schedule says it.
            moved = f"scheduled the conversation with {name} {was}: {when}."
        elif self.action == "move" and self.replaced is not None and interview is not None and interview.when == self.replaced.when:
            # Moved to the time it had: what changed is said, not a move from a time to itself.
            moved = f"changed the conversation with {name} {was}, still at that time: now {conversations.changes_in_words(self.replaced, interview)}."
        else:
            moved = f"moved the conversation with {name} {was} to {when}."
        verb = {
            "schedule": f"scheduled the conversation with {name}: {when}.",
            "move": moved,
            "cancel": f"cancelled the conversation with {name} {was}.",
            "nothing": f"nothing to change: the conversation with {name} is already {when}.",
            "already cancelled": f"nothing to change: the conversation with {name} {was} is already cancelled.",
        }[self.action]
        said = would + verb
        said = added + said[0].upper() + said[1:]
        if self.repeats and self.action in ("schedule", "move", "nothing"):
            # The conversations after the first are not planned: said, so that none is expected.
            planned = "would be planned" if dry_run and self.action != "nothing" else "is planned"
            said += f" It is a repeating invitation: only its first conversation {planned}."
        if self.skipped and self.action in ("schedule", "move", "nothing"):
            said += f" {self.skipped}"
        also = f" Also planned with {name}: {self.also_planned}." if self.also_planned else ""
        return said + also + (" Nothing was written." if dry_run else "")


def _emails(people: list[tuple[str, str]]) -> list[str]:
    return [email.casefold() for _, email in people if email]


def find_contact(store: Store, invitation: Invitation) -> list[Contact]:
    """The contacts whose email is the organiser's or an attendee's."""
    wanted = set(_emails(invitation.people))
    return [c for c in store.contacts() if c.email and c.email.casefold() in wanted]


HOW_TO_NAME = "with --contact NAME"
HOW_TO_ADD = "with --add"
"""How the command line names the contact of an invitation, and has the organiser added: the
words that end a refusal of ``accept`` when the emails find nobody, or several."""


def accept(
    store: Store,
    invitation: Invitation,
    *,
    contact_name: str = "",
    add: bool = False,
    dry_run: bool = False,
    how_to_name: str = HOW_TO_NAME,
    how_to_add: str = HOW_TO_ADD,
) -> Accepted:
    """Schedule, move or cancel the conversation the invitation is about (see the module). When the
    emails do not find the contact, the refusal (for the field "contact") says what to do in the
    words of where it was asked: ``how_to_name`` the contact, ``how_to_add`` the organiser."""
    try:
        accepted = _accept(store, invitation, contact_name=contact_name, add=add, dry_run=dry_run,
                           how_to_name=how_to_name, how_to_add=how_to_add)  # fmt: skip
    except LookupError as exc:  # the contact named is not there
        raise InvalidInput(str(exc), field="contact") from None
    accepted.repeats, accepted.skipped = invitation.repeats, invitation.skipped
    return accepted


def _accept(
    store: Store, invitation: Invitation, *, contact_name: str, add: bool, dry_run: bool, how_to_name: str, how_to_add: str
) -> Accepted:
    added = False
    if contact_name.strip():
        contact = store.find_contact(contact_name)
    else:
        found = find_contact(store, invitation)
        if len(found) > 1:
            names = ", ".join(c.name for c in found[:5])
            raise InvalidInput(f"it names {len(found)} contacts ({names}); say which {how_to_name}.", field="contact")
        if found:
            contact = found[0]
        elif add:
            name, email = invitation.organiser
            if not email:
                raise InvalidInput(f"it has no organiser to add; name the contact {how_to_name}.", field="contact")
            contact = Contact(name=text.clean_line(name or email, field="name", limit=text.MAX_NAME), email=text.clean_email(email))
            added = True
        else:
            emails = ", ".join(dict.fromkeys(email.casefold() for _, email in invitation.people if email)) or "no email"
            raise InvalidInput(
                f"no contact has the email of anyone it names ({emails}); name the contact {how_to_name}, "
                f"or add the organiser as a new contact {how_to_add}.",
                field="contact",
            )
    current = None
    planned: list[Interview] = []
    made = None
    if contact.id is not None:
        known = store.interviews(contact.id)
        made = _made_by(known, invitation)
        if made is not None:
            _refuse_older(made, invitation)
        planned = sorted((i for i in known if i.status is InterviewStatus.PLANNED), key=lambda i: (i.when, i.id or 0))
        current = _replaced(planned, invitation, made, store.clock())
    others = [i for i in planned if i is not current]
    also = _listed(others, store.clock()) if others else ""
    if invitation.cancelled:
        if current is None and made is not None and made.status is InterviewStatus.CANCELLED:
            # The same cancellation read again: nothing to cancel, and nothing else to take for it.
            if not dry_run and made.invitation_sequence != invitation.sequence:
                made.invitation_sequence = invitation.sequence
                store.update_interview(made)
            return Accepted(contact, made, "already cancelled", added, replaced=made, also_planned=also)
        if current is None and others:
            from_it = ", and none was planned from this invitation" if invitation.uid else ""
            raise InvalidInput(
                f"it cancels a conversation on {invitation.start:%a %d %b %Y at %H:%M}, but none is planned with "
                f"{contact.name} at that time{from_it}; planned with them: {_listed(others, store.clock())}."
            )
        if current is None:
            raise InvalidInput(f"it cancels a conversation, but none is planned with {contact.name}.")
        if not dry_run:
            with store.change(f"Invitation from {contact.name} cancelled"):
                cancelled = conversations.cancel(store, id_of(current))
                cancelled.invitation, cancelled.invitation_sequence = invitation.uid, invitation.sequence
                store.update_interview(cancelled)
        return Accepted(contact, current, "cancel", added, replaced=current, also_planned=also)
    when = f"{invitation.start:%Y-%m-%d %H:%M}"
    minutes, mode, where = _as_updated(invitation, current)
    preview = Interview(contact_id=contact.id or 0, when=invitation.start, minutes=minutes, mode=mode, where=where,
                        invitation=invitation.uid)  # fmt: skip
    if current is not None and (current.when, current.minutes, current.mode, current.where) == (
        preview.when, preview.minutes, preview.mode, preview.where
    ):
        if not dry_run and (current.invitation, current.invitation_sequence) != (invitation.uid, invitation.sequence):
            current.invitation, current.invitation_sequence = invitation.uid, invitation.sequence
            store.update_interview(current)
        return Accepted(contact, current, "nothing", added, _overlaps(store, current, current), also_planned=also)
    if dry_run:
        action = "move" if current is not None else "schedule"
        return Accepted(contact, preview, action, added, _overlaps(store, preview, current), current, also)
    with store.change(f"Invitation from {contact.name} accepted"):
        if added:
            contact = store.add_contact(contact)
        if current is not None:
            interview = conversations.move(store, id_of(current), when, minutes=minutes, mode=mode, where=where)
            action = "move"
        else:
            interview = workflow.schedule_interview(store, id_of(contact), when, minutes=minutes, mode=mode, where=where)
            action = "schedule"
        interview.invitation, interview.invitation_sequence = invitation.uid, invitation.sequence
        store.update_interview(interview)
    return Accepted(contact, interview, action, added, _overlaps(store, interview, interview), current, also)


def _as_updated(invitation: Invitation, current: Interview | None) -> tuple[int, InterviewMode, str]:
    """The length, way and place the invitation gives the conversation it moves (``current``), or
    a new one (None). What it does not say, the conversation keeps: a new version that only moves
    the time (no end, no place) leaves them as they were. A place is dropped only when the way
    changes without one given ("Zoom Meeting" for a conversation planned at an address)."""
    if current is None:
        return invitation.minutes, invitation.mode, invitation.where
    minutes = invitation.minutes if invitation.says_length else current.minutes
    mode = invitation.mode if invitation.says_way else current.mode
    if invitation.says_place:
        where = invitation.where
    else:
        where = current.where if mode is current.mode else ""
    return minutes, mode, where


def _made_by(known: list[Interview], invitation: Invitation) -> Interview | None:
    """The conversation a version of the same invitation (its UID) last made, moved or cancelled,
    whatever has become of it since: the newest version's, of several."""
    if not invitation.uid:
        return None
    same = [i for i in known if i.invitation == invitation.uid]
    return max(same, key=lambda i: (i.invitation_sequence, i.id or 0)) if same else None


def _replaced(planned: list[Interview], invitation: Invitation, made: Interview | None, now: datetime) -> Interview | None:
    """Which of the contact's planned conversations (soonest first) the invitation is about: the
    one a version of the same invitation made (``made``, when still planned); else the one at its
    time, starting then or overlapping it (the invitation to a conversation already planned by
    hand), the nearest in start of several; else, for a first invitation, the soonest still to
    come that no other invitation made, notes waiting for a time agreed among them.

    None when nothing else is left: a cancellation takes no conversation it cannot tell is its
    own, and an invitation whose conversation was held or cancelled (a new version after it was
    called off) is planned beside the others rather than taking one of them. Conversations whose
    time has passed are never moved, since one may have been held and not yet marked so, with the
    notes typed during it; a new one is planned beside them."""
    if made is not None and made.status is InterviewStatus.PLANNED:
        return made
    if made is not None and invitation.cancelled:
        # Its own conversation is called off already: one planned at that time since is another.
        return None
    end = invitation.start + timedelta(minutes=invitation.minutes)
    at_its_time = [
        i for i in planned if i.scheduled and i.when < end and i.when + timedelta(minutes=i.minutes) > invitation.start
    ]
    if at_its_time:
        return min(at_its_time, key=lambda i: abs(i.when - invitation.start))
    if invitation.cancelled or made is not None:
        return None
    # One another invitation made is that invitation's, for its own new versions and its
    # cancellation to find: a second invitation from the same person is a second conversation.
    return next((i for i in planned if not i.invitation and (not i.scheduled or i.when >= now)), None)


def _listed(others: list[Interview], now: datetime) -> str:
    """The contact's other planned conversations, soonest first, as "Tue 08 Dec 2026 at 23:00 and
    Wed 09 Dec 2026 at 00:30" (beyond three, two and how many more); one whose time has passed
    says so, since it wants marking held or cancelling."""
    return text.named_then_counted([
        conversations.planned_words(i) + (" (passed, not marked held)" if i.scheduled and i.when < now else "")
        for i in others
    ])


def _overlaps(store: Store, interview: Interview, replacing: Interview | None) -> list[Interview]:
    """The planned conversations ``interview``'s time overlaps, but for ``replacing`` (the one it
    moves, or is)."""
    moving = replacing.id if replacing is not None else None
    return conversations.overlapping(store, interview.when, interview.minutes, moving=moving)


def _refuse_older(made: Interview, invitation: Invitation) -> None:
    """Refuse a copy of an invitation older than the newest accepted (by SEQUENCE, ``made`` being
    its conversation), and the invitation to a conversation since held or cancelled: opening an
    old email again changes nothing."""
    if invitation.sequence < made.invitation_sequence and made.status is InterviewStatus.CANCELLED:
        # Not "accepted": the newer version may have been the cancellation (or it was cancelled by hand).
        raise InvalidInput(
            f"it is an older version (sequence {invitation.sequence}) of an invitation already read in a newer one "
            f"(sequence {made.invitation_sequence}), and its conversation is cancelled."
        )
    if invitation.sequence < made.invitation_sequence:
        raise InvalidInput(
            f"it is an older version (sequence {invitation.sequence}) of an invitation already accepted "
            f"(sequence {made.invitation_sequence})."
        )
    if made.status is InterviewStatus.PLANNED:
        return
    newer = invitation.sequence > made.invitation_sequence
    if made.status is InterviewStatus.DONE and (invitation.cancelled or not newer):
        raise InvalidInput(f"it is about the conversation held on {made.when:%a %d %b %Y at %H:%M}, which is left as it is.")
    if made.status is InterviewStatus.CANCELLED and not invitation.cancelled and not newer:
        raise InvalidInput("it invites to a conversation since cancelled.")
