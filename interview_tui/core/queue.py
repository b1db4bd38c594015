"""The follow-up queue over all contacts: what to do today, this week and later.

It holds the stored follow-ups that are still open and the check-ins the keep-in-touch cadences
ask for (see keep_in_touch.py), soonest due first. Done and snooze work on either kind.

The follow-ups pane lists the planned conversations among them (``planned_conversations``,
``in_agenda_order``): one whose day has passed without being marked held is overdue with them.

Building the queue needs only the cadences: ``interview-tui due`` runs it and nothing else here,
so the workflow and the date grammar that done and snooze use are imported when they run.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date, datetime, time
from itertools import compress, repeat
from operator import attrgetter, is_
from typing import TYPE_CHECKING

from . import keep_in_touch
from .errors import InvalidInput
from .models import FollowUp, FollowUpKind, Interview, InterviewStatus, next_sequence

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Protocol

    from .models import Contact
    from .store import Store

    class Records(Protocol):
        """What the part of the queue due reads of a workspace: a ``Store``, or the records
        a command that only reads has (core/quick_read.py)."""

        def all_followups(self) -> list[FollowUp]: ...
        def last_touches(self) -> dict[int, datetime]: ...
        def contacts_by_id(self) -> Mapping[int, Contact]: ...


def build_queue(store: Store) -> list[FollowUp]:
    """Every open follow-up, stored or asked for by a cadence, soonest due first (ties by
    contact, so the order does not change between two looks)."""
    stored = store.followups()
    check_ins = _check_ins(store, stored)
    if not check_ins:
        return stored
    return _in_queue_order(stored, check_ins)


def queue_of(store: Store, contact: Contact) -> list[FollowUp]:
    """One contact's part of the queue: their open follow-ups and the check-in their cadence
    asks for, in the queue's order."""
    assert contact.id is not None
    stored = store.open_followups_of(contact.id)
    check_in = FollowUpKind.CHECK_IN
    snoozed = {contact.id} if any(f.from_cadence or f.kind is check_in for f in stored) else set()
    check_ins = keep_in_touch.check_ins([contact], store.last_touches(), snoozed)
    return _in_queue_order(stored, check_ins) if check_ins else stored


def due_by(store: Records, now: datetime, days: int) -> list[FollowUp]:
    """The part of the queue due by the end of the day ``days`` days from today (0: today), as
    ``due_within(build_queue(store), now, days)`` gives it, without putting every open
    follow-up of the workspace in order with the cadences' check-ins: only the part due."""
    last_day = _last_day(now, days)
    followups = store.all_followups()
    # Picked out before they are put in order, as the store orders them (soonest first, ties
    # by id): at 50,000 contacts most of the 100,000 follow-ups are done or not due yet.
    if last_day < _LAST_DAY:
        # Due before the day after the window starts: one comparison of moments per
        # follow-up rather than a day worked out for each (the dates are local, no zone).
        ends = datetime.combine(date.fromordinal(last_day + 1), time())
        due = [f for f in followups if f.done_at is None and f.due < ends]
    else:  # a window past the last day there is
        due = [f for f in followups if f.done_at is None]
    due.sort(key=_ID)
    due.sort(key=_DUE)
    check_ins = _check_ins(store, (f for f in followups if f.done_at is None), last_day)
    if check_ins is None:
        return due
    # Ordered as the whole queue is when any check-in is in it, even if none is due yet.
    return _in_queue_order(due, check_ins)


def _check_ins(store: Records, stored: Iterable[FollowUp], last_day: int | None = None) -> list[FollowUp] | None:
    """The check-ins the cadences ask for now, or only those due by the day ``last_day`` (an
    ordinal) when it is given; None when the cadences ask for none at all. ``stored``: the
    open follow-ups."""
    last_touches = store.last_touches()
    # Only someone ever in touch can be due a check-in: no pass over every contact. A touch
    # left pointing at no one (a merge that dropped the contact) asks for no check-in.
    contacts = store.contacts_by_id()
    in_touch = [contacts[contact_id] for contact_id in last_touches if contact_id in contacts]
    if not in_touch:
        # Nor a look through every open follow-up for snoozed check-ins (tens of milliseconds
        # at 50,000 contacts, for nothing).
        return None
    # A check-in already in the queue (snoozed, or planned by hand) stands in for the cadence's.
    check_in = FollowUpKind.CHECK_IN  # looked up once, not once per follow-up
    snoozed = {f.contact_id for f in stored if f.from_cadence or f.kind is check_in}
    if last_day is None:
        return keep_in_touch.check_ins(in_touch, last_touches, snoozed) or None
    # Only those due in the window are made: most people's next check-in is weeks away.
    next_check_in = keep_in_touch.next_check_in
    dues = [
        (contact, next_check_in(contact, last))
        for contact_id, last in last_touches.items()
        if contact_id not in snoozed and (contact := contacts.get(contact_id)) is not None
    ]
    if all(due is None for _, due in dues):
        return None
    window = [contact for contact, due in dues if due is not None and due.toordinal() <= last_day]
    return keep_in_touch.check_ins(window, last_touches, snoozed)


def _in_queue_order(stored: list[FollowUp], check_ins: list[FollowUp]) -> list[FollowUp]:
    """``stored`` (soonest due first, ties by id, as the store gives them) and ``check_ins`` in
    the queue's order: soonest due first, ties by contact, then by id (a cadence's check-in,
    with none, first). Two stable sorts on one value each rather than one on a tuple: at 50,000
    contacts with their check-ins the tuples took a quarter of a second to make and compare.
    What the store's order leaves in place settles the rest: of one contact's follow-ups due
    at one moment, the check-in (first in the list) comes first, then the others by id."""
    merged = check_ins + stored
    merged.sort(key=_CONTACT_ID)
    merged.sort(key=_DUE)
    return merged


_LAST_DAY = date.max.toordinal()
_DUE = attrgetter("due")
_ID = attrgetter("id")
_CONTACT_ID = attrgetter("contact_id")


CONVERSATION_LABEL = "talk"
"""What a planned conversation is called among the follow-ups, in the room a follow-up's kind has."""


def planned_conversations(store: Store) -> list[Interview]:
    """The planned conversations with a time agreed, soonest first, ties by id: those listed
    among the follow-ups (notes started with no time agreed are on no agenda)."""
    interviews = store.all_interviews()
    # The planned ones picked out first, at C speed: most conversations of a large workspace
    # are long held, and on_calendar is a property call for each (3.5 ms at 50,000
    # contacts, at each change of a follow-up; 1.3 ms this way).
    planned_only = compress(interviews, map(is_, map(_STATUS, interviews), repeat(InterviewStatus.PLANNED)))
    planned = [i for i in planned_only if i.on_calendar and i.id is not None]
    planned.sort(key=_WHEN_THEN_ID)
    return planned


def followups_before(followups: Sequence[FollowUp], conversations: Sequence[Interview]) -> list[int]:
    """How many of ``followups`` (soonest due first) come before each of ``conversations``
    (soonest first) when they are listed together. A follow-up due at the very moment of a
    conversation comes after it: the conversation is what the follow-ups of that moment are
    usually about."""
    return [bisect.bisect_left(followups, interview.when, key=_DUE) for interview in conversations]


def in_agenda_order(followups: Sequence[FollowUp], conversations: Sequence[Interview]) -> list[FollowUp | Interview]:
    """``followups`` and ``conversations`` in one list, in the order the follow-ups pane shows
    them (see ``followups_before``)."""
    merged: list[FollowUp | Interview] = []
    taken = 0
    for interview, before in zip(conversations, followups_before(followups, conversations), strict=True):
        merged.extend(followups[taken:before])
        merged.append(interview)
        taken = before
    merged.extend(followups[taken:])
    return merged


def overdue_part(store: Store, now: datetime) -> list[FollowUp | Interview]:
    """What is overdue on the day of ``now``, as the follow-ups pane lists it under "Overdue":
    the queue's follow-ups due before today and the planned conversations whose day has passed
    without being marked held or called off, the longest overdue first."""
    start_of_today = datetime.combine(now.date(), time(), now.tzinfo)
    followups = build_queue(store)
    followups = followups[: bisect.bisect_left(followups, start_of_today, key=_DUE)]
    conversations = planned_conversations(store)
    conversations = conversations[: bisect.bisect_left(conversations, start_of_today, key=_WHEN)]
    return in_agenda_order(followups, conversations)


_STATUS = attrgetter("status")
_WHEN = attrgetter("when")
_WHEN_THEN_ID = attrgetter("when", "id")


def due_within(queue: list[FollowUp], now: datetime, days: int) -> list[FollowUp]:
    """The part of the queue due by the end of the day ``days`` days from today (0: today).
    ``queue`` is soonest due first, as build_queue gives it: the part is where it starts, found
    by bisection, so that looking at today in a queue of tens of thousands reads a few of them."""
    last_day = _last_day(now, days)
    return queue[: bisect.bisect_right(queue, last_day, key=_day_due)]


def _last_day(now: datetime, days: int) -> int:
    """The ordinal of the last day of a window of ``days`` days after today."""
    if days < 0:
        raise InvalidInput("The number of days cannot be negative.", field="within")
    return now.date().toordinal() + days


def _day_due(followup: FollowUp) -> int:
    return followup.due.date().toordinal()


def done(store: Store, followup: FollowUp, note: str = "") -> FollowUp | None:
    """Mark a queue entry done, with an optional note of what happened (logged as a touch).
    Returns the follow-up that comes back in its place when it repeats (a new record, with an id
    of its own), else None."""
    from . import workflow

    if followup.id is None:
        workflow.complete_check_in(store, followup.contact_id, note)
        return None
    workflow.complete_followup(store, followup.id, note=note)
    return coming_back(store, followup)


def coming_back(store: Store, followup: FollowUp) -> FollowUp | None:
    """The open follow-up of ``followup``'s series, once it is done: the next time it comes
    back. None when it does not repeat, or its repeat has ended."""
    if not followup.recurrence or followup.id is None:
        return None
    series = followup.series if followup.series is not None else followup.id
    following = [f for f in store.open_followups_of(followup.contact_id) if f.series == series]
    return following[0] if following else None


def comes_back_words(following: FollowUp | None, *, with_id: bool = False) -> str:
    """What to add to "Done: ..." for a repeating follow-up: when it is due again, and with
    ``with_id`` its id (the next one is a new record: a script needs the id to mark it done)."""
    if following is None:
        return ""
    known = f" (id {following.id})" if with_id and following.id is not None else ""
    return f" It comes back {following.due:%a %d %b %Y}{known}."


def due_in_words(due: datetime) -> str:
    """When a queue entry is due, as the snooze says it: "Tue 08 Dec", with the time when it is
    not the one a day typed alone is due at, "Tue 08 Dec at 00:00"."""
    from .day_words import DEFAULT_DUE_TIME

    return f"{due:%a %d %b}" if due.time() == DEFAULT_DUE_TIME else f"{due:%a %d %b at %H:%M}"


def snooze_is_past(due: datetime, now: datetime) -> bool:
    """Whether a snooze to ``due`` would be to a moment gone by ``now``. A snooze puts a follow-up
    off to a time to come: one to earlier today would be overdue the moment it is saved. Counted
    in whole minutes, as a date is typed: "now" is not yet past."""
    return due < now.replace(second=0, microsecond=0)


def snooze(store: Store, followup: FollowUp, when: str) -> FollowUp:
    """Move a queue entry to the date ``when`` says ("3d", "next mon", "dec 12"), a time still to
    come. A cadence's check-in is stored for that date; it stands until the next touch with the
    person. When it is due then already, nothing changes: the entry is returned as it is, and
    nothing is saved or put on the undo history (whose undo would take back the change before
    it)."""
    from .dates import DUE_AT_ONE_MOMENT, parse_when
    from .local_time import check_exists

    now = store.clock()
    try:
        due = parse_when(when, now, dayfirst=store.settings().dayfirst, ahead=True, one_moment=DUE_AT_ONE_MOMENT)
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field="when") from None
    check_exists(due, field="when")
    past = InvalidInput(
        f"{due:%a %d %b %Y at %H:%M} is in the past; snooze to a time still to come, such as 'in 2 hours' or 'tomorrow'.",
        field="when",
    )
    label = f"Snoozed to {due:%a %d %b}: {followup.kind.label} for {store.contact_names().get(followup.contact_id, 'an unknown contact')}"
    if followup.id is None:
        if due == followup.due:
            return followup
        if snooze_is_past(due, now):
            raise past
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
    if stored.due == due:
        return stored
    if snooze_is_past(due, now):
        raise past
    with store.change(label):
        stored.sequence = next_sequence(stored.sequence)
        stored.due = due
        return store.update_followup(stored)
