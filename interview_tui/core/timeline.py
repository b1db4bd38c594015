"""A person's history, newest first: every ask and reply, conversation (planned, held,
cancelled), thank-you, check-in and update, each with its date and the note typed with it.

Computed from the records that are there anyway (touches, conversations, follow-ups done), so
nothing is stored twice and nothing can drift.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from .models import Interview, InterviewStatus, TouchKind
from .store import Store

TOUCH_WORDS = {
    TouchKind.ASKED: "Asked for 20 minutes",
    TouchKind.REPLIED: "Replied",
    TouchKind.MET: "Talked",
    TouchKind.THANKED: "Thanked",
    TouchKind.UPDATED: "In touch",
}


class Entry(NamedTuple):
    """One moment of a person's history."""

    at: datetime
    kind: str
    """"touch", "conversation", "followup" or "change" (a stage or the tags)."""
    what: str
    """In words: "Conversation held (20 min, video)", "Conversation cancelled (no time agreed)",
    "Thank you done"."""
    note: str = ""


def of(store: Store, contact_id: int) -> list[Entry]:
    """The contact's history, newest first; at the same moment, conversations before what
    followed them, and of one kind the last recorded first (an ask and its reply logged within
    the same second read reply, then ask)."""
    # Each entry with the id of the record it comes from: records of a kind are numbered in the
    # order they were made, which the time alone, to the second, does not always tell.
    entries: list[tuple[Entry, int]] = []
    for touch in store.touches(contact_id):
        if touch.kind is TouchKind.MET and not touch.note:
            continue  # the conversation itself is listed, with more to say
        words = TOUCH_WORDS.get(touch.kind, touch.kind.label.capitalize())
        entries.append((Entry(touch.at, "touch", words, touch.note), _recorded(touch.id)))
    for interview in store.interviews(contact_id):
        status = {
            InterviewStatus.PLANNED: "planned",
            InterviewStatus.DONE: "held",
            InterviewStatus.CANCELLED: "cancelled",
        }[interview.status]
        where = f", {interview.where}" if interview.where else ""
        at = interview.when
        if interview.length_agreed:
            words = f"Conversation {status} ({interview.minutes} min, {interview.mode.label}{where})"
        elif interview.status is InterviewStatus.CANCELLED:
            words = "Conversation cancelled (no time agreed)"
        else:
            words = f"Conversation {status}"
        notes_only = not interview.scheduled and interview.status is InterviewStatus.PLANNED
        if notes_only:
            words = "Notes started (no time agreed yet)"
        elif interview.status is InterviewStatus.CANCELLED and interview.updated is not None:
            # Calling it off is what happened, and when: a call cancelled on Monday for Friday
            # belongs on Monday, below what came after it, not on a Friday that never took place.
            # The last change to a cancelled conversation is its cancelling (notes typed into it
            # afterwards would move it, and are the rare case); an old record without one stays
            # at its planned time.
            at = interview.updated
            if interview.scheduled:
                planned_for = f"{interview.when:%a %d %b %H:%M}" if interview.when.year == at.year else f"{interview.when:%a %d %b %Y %H:%M}"
                words = f"Conversation cancelled (planned for {planned_for}; {interview.minutes} min, {interview.mode.label}{where})"
        # Twice the id, and once more for the conversation itself: its notes began before it.
        recorded = 2 * _recorded(interview.id)
        entries.append((Entry(at, "conversation", words, interview.takeaways.strip()), recorded + 1))
        begun = _notes_begun(interview)
        if begun is not None and not notes_only:  # notes alone are the line above, listed once
            entries.append((Entry(begun, "conversation", "Notes started"), recorded))
    for followup in store.followups_of(contact_id, include_done=True):
        if followup.done_at is None:
            continue
        words = f"{followup.kind.label.capitalize()} done"
        entries.append((Entry(followup.done_at, "followup", words, followup.note), _recorded(followup.id)))
    for event in store.events(contact_id):
        entries.append((Entry(event.at, "change", event.what), _recorded(event.id)))
    order = {"conversation": 0, "touch": 1, "followup": 2, "change": 3}
    entries.sort(key=lambda pair: (pair[0].at, -order[pair[0].kind], pair[1]), reverse=True)
    return [entry for entry, _ in entries]


def _recorded(record_id: int | None) -> int:
    return record_id if record_id is not None else 0


def _notes_begun(interview: Interview) -> datetime | None:
    """When notes started with no time agreed were begun; None for a conversation planned with a
    time. Until such notes are given a time or held, their date is their beginning; cancelling
    them keeps it."""
    if interview.notes_started is not None:
        return interview.notes_started
    if not interview.scheduled and interview.status is not InterviewStatus.DONE:
        return interview.when
    # Held before notes_started was kept: the date is the time it was held, and when the notes
    # began is not known.
    return None
