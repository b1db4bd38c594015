"""The follow-up queue over all contacts: what to do today, this week and later.

It holds the stored follow-ups that are still open and the check-ins the keep-in-touch cadences
ask for (see keep_in_touch.py), soonest due first. Done and snooze work on either kind.
"""

from __future__ import annotations

from datetime import datetime

from . import keep_in_touch, workflow
from .dates import parse_when
from .errors import InvalidInput
from .local_time import check_exists
from .models import FollowUp, FollowUpKind
from .store import Store


def build_queue(store: Store) -> list[FollowUp]:
    """Every open follow-up, stored or asked for by a cadence, soonest due first (ties by
    contact, so the order does not change between two looks)."""
    stored = store.followups()
    # A check-in already in the queue (snoozed, or planned by hand) stands in for the cadence's.
    check_in = FollowUpKind.CHECK_IN  # looked up once, not once per follow-up
    snoozed = {f.contact_id for f in stored if f.from_cadence or f.kind is check_in}
    last_touches = store.last_touches()
    # Only someone ever in touch can be due a check-in: no pass over every contact. A touch
    # left pointing at no one (a merge that dropped the contact) asks for no check-in.
    contacts = store.contacts_by_id()
    in_touch = [contacts[contact_id] for contact_id in last_touches if contact_id in contacts]
    check_ins = keep_in_touch.check_ins(in_touch, last_touches, snoozed)
    if not check_ins:
        return stored
    merged = stored + check_ins
    merged.sort(key=_by_contact)
    merged.sort(key=_by_due)
    return merged


def _by_due(followup: FollowUp) -> datetime:
    return followup.due


def _by_contact(followup: FollowUp) -> tuple[int, int]:
    return (followup.contact_id, followup.id or 0)


def due_within(queue: list[FollowUp], now: datetime, days: int) -> list[FollowUp]:
    """The part of the queue due by the end of the day ``days`` days from today (0: today)."""
    if days < 0:
        raise InvalidInput("The number of days cannot be negative.", field="within")
    last_day = now.date().toordinal() + days
    return [f for f in queue if f.due.date().toordinal() <= last_day]


def done(store: Store, followup: FollowUp, note: str = "") -> None:
    """Mark a queue entry done, with an optional note of what happened (logged as a touch)."""
    if followup.id is None:
        workflow.complete_check_in(store, followup.contact_id, note)
    else:
        workflow.complete_followup(store, followup.id, note=note)


def snooze(store: Store, followup: FollowUp, when: str) -> FollowUp:
    """Move a queue entry to the date ``when`` says ("3d", "next mon", "dec 12"). A cadence's
    check-in is stored for that date; it stands until the next touch with the person."""
    now = store.clock()
    try:
        due = parse_when(when, now, dayfirst=store.settings().dayfirst)
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field="when") from None
    check_exists(due, field="when")
    if due.date() < now.date():
        raise InvalidInput(f"{due:%a %d %b %Y} is in the past; snooze to today or later.", field="when")
    label = f"Snoozed to {due:%a %d %b}: {followup.kind.label} for {store.contact_names().get(followup.contact_id, 'an unknown contact')}"
    if followup.id is None:
        with store.change(label):
            return store.add_followup(
                FollowUp(
                    contact_id=followup.contact_id,
                    due=due,
                    kind=FollowUpKind.CHECK_IN,
                    note=followup.note,
                    from_cadence=True,
                )
            )
    stored = store.followup(followup.id)
    if stored.done_at is not None:
        raise InvalidInput("That follow-up is already done.", field="when")
    with store.change(label):
        if stored.due != due:
            stored.sequence += 1
        stored.due = due
        return store.update_followup(stored)
