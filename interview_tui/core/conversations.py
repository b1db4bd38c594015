"""A conversation's life after it is planned: moved, called off, removed when made by mistake, held
at the time it really happened; the other conversations a time overlaps; and the agenda of what
is coming.

Scheduling itself and marking a conversation done are steps of the method (see workflow.py);
this module holds what happens around them.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from operator import attrgetter
from typing import NamedTuple

from . import text
from .dates import parse_slot
from .errors import FieldChecks, InvalidInput, NotFound
from .local_time import check_exists, check_range
from .models import (
    LONGEST_MINUTES,
    FollowUpKind,
    Interview,
    InterviewMode,
    InterviewStatus,
    Stage,
    TouchKind,
    next_sequence,
)
from .queue import build_queue
from .store import Store
from .workflow.fields import minutes_of, mode_of, range_length
from .workflow.followups import close_followup, open_followups
from .workflow.stages import advance_stage


def planned(store: Store, contact_id: int) -> Interview | None:
    """The contact's next planned conversation (the soonest not yet held or cancelled)."""
    waiting = [i for i in store.interviews(contact_id) if i.status is InterviewStatus.PLANNED]
    return min(waiting, key=lambda i: (i.when, i.id or 0)) if waiting else None


def holds_words(interview: Interview) -> bool:
    """Whether anything was typed into the conversation (answers, notes, takeaways)."""
    return bool(
        interview.notes.strip() or interview.takeaways.strip() or any(a.strip() for a in interview.answers.values())
    )


def move(
    store: Store,
    interview_id: int,
    when_text: str,
    *,
    minutes: int | str | None = None,
    mode: InterviewMode | str | None = None,
    where: str | None = None,
) -> Interview:
    """Reschedule a planned conversation: a new time (and length, way or place when given), each
    as typed or already read. When that is what it has already, nothing changes: the record is
    returned as it is, and nothing is saved or put on the undo history."""
    interview = store.interview(interview_id)
    if interview.status is not InterviewStatus.PLANNED:
        raise InvalidInput(
            f"That conversation is {interview.status.label}; only a planned one can be moved.", field="when"
        )
    now = store.clock()
    # Every field is checked, whichever are refused: the form shows them all at once.
    checks = FieldChecks()
    with checks.at("when"):
        when, slot = parse_slot(when_text, now, require_time=True, dayfirst=store.settings().dayfirst, ahead=True)
        check_exists(when, field="when")
        if when < now:
            raise InvalidInput(f"{when:%a %d %b %Y %H:%M} has passed; move it to a time to come.", field="when")
    with checks.at("minutes"):
        length = minutes_of(minutes) if minutes is not None else None
    with checks.at("mode"):
        chosen_mode = mode_of(mode) if mode is not None else None
    with checks.at("where"):
        place = text.clean_line(where, field="where") if where is not None else None
    checks.refuse_any()
    if slot is not None:
        # A range ("wed 2-2:30pm") gives the length too; a different length typed beside it is
        # a contradiction to point out, not a choice to make silently (a length left empty is
        # none). Weighed once both are read, and once the range is one a conversation can last:
        # when it is longer, that is what is wrong, not the length beside it.
        booked = range_length(slot, when_text)
        if length is not None and length != booked and str(minutes).strip():
            raise InvalidInput(f"The time is {slot} minutes but the length says {length}; change one of them.", field="minutes")
        check_range(when, booked, field="when")
        length = booked
    name = store.contact_names().get(interview.contact_id, "an unknown contact")
    moved = Interview.from_doc(interview.to_doc(), interview.id)
    if moved.when != when:
        moved.sequence = next_sequence(moved.sequence)
    if not moved.scheduled:
        # Notes started with n are given the time agreed; when they were begun stays in the history.
        moved.notes_started = moved.when
        moved.scheduled = True
    moved.when = when
    if length is not None:
        moved.minutes = length
    if chosen_mode is not None:
        moved.mode = chosen_mode
    if place is not None:
        moved.where = place
    if moved == interview:
        return interview  # an undo of this "change" would take back the one before it
    if interview.scheduled and moved.when == interview.when:
        # Another length, way or place at the same time: what undo takes back is that.
        label = f"Conversation with {name} changed to {changes_in_words(interview, moved)}"
    else:
        label = f"Conversation with {name} moved to {when:%a %d %b %H:%M}"
    with store.change(label):
        updated = store.update_interview(moved)
        if not interview.scheduled:
            _time_agreed(store, interview.contact_id, now)
        return updated


def _time_agreed(store: Store, contact_id: int, now: datetime) -> None:
    """Notes started with n given the time agreed: the conversation is scheduled now, as one
    planned with s is (the contact moves to scheduled; a pending nudge goes, as they replied)."""
    try:
        contact = store.contact(contact_id)
    except NotFound:
        return
    for nudge in open_followups(store, contact_id, FollowUpKind.NUDGE):
        close_followup(store, nudge, now, "a conversation was scheduled")
    if advance_stage(contact, Stage.SCHEDULED):
        store.update_contact(contact)


def cancel(store: Store, interview_id: int) -> Interview:
    """Call off a planned conversation. It stays in the person's history as cancelled, and their
    stage follows from what is left: still scheduled when another conversation is planned, else
    back to asked (or identified, when no ask was ever logged)."""
    interview = store.interview(interview_id)
    if interview.status is not InterviewStatus.PLANNED:
        raise InvalidInput(f"That conversation is {interview.status.label} already; only a planned one can be cancelled.")
    cancelled = Interview.from_doc(interview.to_doc(), interview.id)
    cancelled.status = InterviewStatus.CANCELLED
    try:
        contact = store.contact(interview.contact_id)
    except NotFound:
        contact = None
    label = f"Conversation with {contact.name if contact else 'an unknown contact'} cancelled"
    with store.change(label):
        store.update_interview(cancelled)
        _stage_from_what_is_left(store, interview.contact_id)
    return cancelled


def _stage_from_what_is_left(store: Store, contact_id: int) -> None:
    """A contact who was scheduled and has no planned conversation left goes back to asked (or
    identified, when no ask was ever logged). Part of the change being made."""
    try:
        contact = store.contact(contact_id)
    except NotFound:
        return
    if contact.stage is Stage.SCHEDULED and planned(store, contact_id) is None:
        asked = any(t.kind is TouchKind.ASKED for t in store.touches(contact_id))
        contact.stage = Stage.ASKED if asked else Stage.IDENTIFIED
        store.update_contact(contact)


def remove(store: Store, interview_id: int) -> None:
    """Delete a conversation created by mistake. Refused when anything was typed into it (cancel
    it instead, which keeps the words) or when it was held."""
    interview = store.interview(interview_id)
    if holds_words(interview):
        raise InvalidInput("This conversation holds notes; cancel it instead (the notes are kept).")
    if interview.status is InterviewStatus.DONE:
        raise InvalidInput("This conversation was held; it stays in the history.")
    name = store.contact_names().get(interview.contact_id, "an unknown contact")
    with store.change(f"Conversation with {name} removed"):
        store.remove_interview(interview_id)
        _stage_from_what_is_left(store, interview.contact_id)


def overlapping(store: Store, start: datetime, minutes: int, *, moving: int | None = None) -> list[Interview]:
    """The planned conversations (a time agreed, neither held nor cancelled) that a conversation
    from ``start`` lasting ``minutes`` would overlap, soonest first, with anyone, the same
    contact's included. ``moving`` is the id of the conversation being moved (or just saved),
    which does not overlap itself. Two that only touch, one ending at 15:20 and the next
    starting at 15:20, do not overlap."""
    end = start + timedelta(minutes=minutes)
    planned = store.planned_interviews()
    # Only those starting within the longest a conversation lasts before ``start`` can still be
    # going on then: the rest are passed over by bisection, not looked at one by one.
    first = bisect.bisect_right(planned, start - timedelta(minutes=LONGEST_MINUTES), key=_WHEN)
    last = bisect.bisect_left(planned, end, first, key=_WHEN)
    return [
        interview
        for interview in planned[first:last]
        if interview.id != moving and interview.on_calendar and _end(interview) > start
    ]


def overlaps_in_words(store: Store, found: Sequence[Interview]) -> str:
    """What ``found`` (from ``overlapping``) is, for a message that goes on from "It overlaps":
    'your conversation with Alex Example on Tue 08 Dec 2026 at 15:00–15:20'; several are named
    one after another, and beyond three the rest are counted."""
    contacts = store.contacts_by_id()
    said = []
    for interview in found:
        contact = contacts.get(interview.contact_id)
        name = contact.name if contact is not None else "an unknown contact"
        said.append(f"{name} on {interview.when:%a %d %b %Y at %H:%M}–{_end_words(interview)}")
    return f"your conversation{'s' if len(found) > 1 else ''} with {text.named_then_counted(said)}"


def planned_words(interview: Interview) -> str:
    """When a planned conversation is, as a message lists it: "Tue 08 Dec 2026 at 14:00", or, for
    notes started with no time agreed, the day they were begun (that moment was never agreed)."""
    if not interview.scheduled:
        return f"started {interview.when:%a %d %b %Y} (no time agreed)"
    return f"{interview.when:%a %d %b %Y at %H:%M}"


def named_words(interview: Interview) -> str:
    """How a message names the planned conversation it acted on, going on from "the conversation
    with Alex Example": "planned for Tue 08 Dec 2026 at 14:00", or "whose notes were started ..."."""
    if not interview.scheduled:
        return f"whose notes were {planned_words(interview)}"
    return f"planned for {planned_words(interview)}"


def changes_in_words(before: Interview, after: Interview) -> str:
    """What a change made of a conversation besides its time: "30 minutes, in person"."""
    changed = []
    if after.minutes != before.minutes:
        changed.append(f"{after.minutes} minutes")
    if after.mode != before.mode:
        changed.append(after.mode.label)
    if after.where != before.where:
        changed.append(after.where or "no place given")
    return ", ".join(changed)


def _end(interview: Interview) -> datetime:
    return interview.when + timedelta(minutes=interview.minutes)


def _end_words(interview: Interview) -> str:
    """When it ends, as a range's end is written: a time, and "the next day" when it runs past
    midnight (one ending at midnight ends with its own day, as "11pm to midnight" says)."""
    end = _end(interview)
    next_day = end.date() > interview.when.date() and end.time() != time(0, 0)
    return f"{end:%H:%M}" + (" the next day" if next_day else "")


_WHEN = attrgetter("when")


def held_at(interview: Interview, now: datetime) -> datetime:
    """When a conversation marked done happened, unless told otherwise: its planned time if that
    has passed, else now (marked done early: it happened just now)."""
    return interview.when if interview.when <= now else now


class AgendaItem(NamedTuple):
    """One thing on the agenda: a planned conversation or a follow-up."""

    kind: str
    """"conversation", or the follow-up's kind ("thank_you", "check_in", ...)."""
    at: datetime
    contact_id: int
    contact: str
    id: int | None
    """The conversation's or follow-up's id (None: a check-in a cadence asks for)."""
    minutes: int | None = None
    mode: str = ""
    where: str = ""
    note: str = ""
    repeat: str = ""
    """The RRULE a follow-up repeats by; "" when it happens once (and for a conversation)."""


def agenda(store: Store, now: datetime, days: int) -> list[AgendaItem]:
    """What is coming from today through ``days`` days from now (1: today only), overdue
    follow-ups first: planned conversations and the follow-up queue, soonest first."""
    if days < 1:
        raise InvalidInput("Give at least one day (1: today only).", field="days")
    last_day = now.date().toordinal() + days - 1
    names = store.contact_names()
    items: list[AgendaItem] = []
    for interview in store.all_interviews():
        if not interview.on_calendar or interview.id is None:
            continue
        # One still planned on a past day is overdue: it wants marking held or cancelling.
        if interview.when.date().toordinal() <= last_day:
            items.append(
                AgendaItem(
                    "conversation",
                    interview.when,
                    interview.contact_id,
                    names.get(interview.contact_id, "an unknown contact"),
                    interview.id,
                    interview.minutes,
                    interview.mode.label,
                    interview.where,
                )
            )
    for followup in build_queue(store):
        if followup.due.date().toordinal() > last_day:
            break
        items.append(
            AgendaItem(
                followup.kind.value,
                followup.due,
                followup.contact_id,
                names.get(followup.contact_id, "an unknown contact"),
                followup.id,
                note=followup.note,
                repeat=followup.recurrence,
            )
        )
    items.sort(key=lambda item: (item.at, item.kind != "conversation", item.contact.casefold()))
    return items
