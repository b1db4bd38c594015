"""Follow-ups and touches: adding a follow-up, doing one (and what doing it records), logging a
contact with a person, and closing follow-ups that events made moot."""

from __future__ import annotations

from datetime import datetime

from .. import keep_in_touch, text
from ..dates import DUE_AT_ONE_MOMENT, parse_when
from ..day_words import DEFAULT_DUE_TIME
from ..errors import FieldChecks, InvalidInput
from ..local_time import check_exists
from ..models import FollowUp, FollowUpKind, Stage, Touch, TouchKind, next_sequence
from ..recurrence import first_due, first_due_in_words, next_due, parse_recurrence
from ..store import Store
from .stages import advance_stage


def add_followup(
    store: Store,
    contact_id: int,
    due_text: str,
    *,
    kind: FollowUpKind = FollowUpKind.CUSTOM,
    note: str = "",
    repeat: str = "",
) -> FollowUp:
    """A follow-up due when ``due_text`` says; ``repeat`` ("every 2 weeks", "monthly") makes it
    come back after each time it is done."""
    # Every field is checked, whichever are refused: the form shows them all at once.
    checks = FieldChecks()
    with checks.at("due"):
        due = parse_when(
            due_text, store.clock(), dayfirst=store.settings().dayfirst, ahead=True, one_moment=DUE_AT_ONE_MOMENT
        )
        check_exists(due, field="due")
    with checks.at("note"):
        cleaned_note = text.clean_line(note, field="note")
    with checks.at("repeat"):
        rule = parse_recurrence(repeat)
    checks.refuse_any()
    # Due on the days it repeats on (see first_due); moved_to_its_days says so.
    due = first_due(rule, due)
    check_exists(due, field="due")
    return store.add_followup(
        FollowUp(contact_id=contact_id, due=due, kind=kind, note=cleaned_note, recurrence=rule)
    )


def moved_to_its_days(store: Store, followup: FollowUp, due_text: str) -> str:
    """What to add to the message that ``followup`` was added, asked for at ``due_text``, when
    its repeat moved its first date to the days it repeats on ("Wed 25 Nov is not one of the
    days it repeats on, so the first is Mon 30 Nov"); "" when it did not."""
    if not followup.recurrence:
        return ""
    asked = parse_when(due_text, store.clock(), dayfirst=store.settings().dayfirst, ahead=True)
    return first_due_in_words(asked, followup.due)


def complete_followup(store: Store, followup_id: int, at: datetime | None = None, note: str = "") -> FollowUp:
    """Mark a follow-up done. Doing it is a touch with the person when it is one by nature (a
    thank-you, a check-in, a word to a referrer) or when a note says what happened; a thank-you
    moves the contact to thanked, a check-in to keeping in touch (not while a thank-you to them is
    still owed). A repeating follow-up comes back, due one interval after it was done."""
    followup = store.followup(followup_id)
    cleaned = text.clean_line(note, field="note")
    if followup.done_at is not None:
        # Already done: a second press must not log a second thank-you.
        return followup
    done_at = at or store.clock()
    following = None
    if followup.recurrence:
        # Worked out before the first change: an error inside the batch would still save half
        # of it. A repeat that has ended (UNTIL), or a broken rule from a hand-edited file,
        # just ends here: the one being done was the last.
        try:
            following = next_due(followup.recurrence, followup.due, done_at)
        except InvalidInput:
            following = None
    with store.change(f"Done: {followup.kind.label} for {_name(store, followup.contact_id)}"):
        followup.done_at = done_at
        store.update_followup(followup)
        touch_kind = keep_in_touch.TOUCH_FOR_DONE.get(followup.kind)
        if touch_kind is not None or cleaned:
            record_touch(
                store,
                Touch(contact_id=followup.contact_id, kind=touch_kind or TouchKind.UPDATED, at=done_at, note=cleaned),
            )
        _advance_for_done(store, followup.contact_id, followup.kind)
        if following is not None:
            store.add_followup(
                FollowUp(
                    contact_id=followup.contact_id,
                    due=following,
                    kind=followup.kind,
                    note=followup.note,
                    recurrence=followup.recurrence,
                    channel=followup.channel,
                    # One series, one calendar item: the next occurrence takes over its
                    # identity, at a later date (so a higher sequence).
                    series=followup.series if followup.series is not None else followup.id,
                    sequence=next_sequence(followup.sequence),
                )
            )
    return followup


def complete_check_in(store: Store, contact_id: int, note: str = "", at: datetime | None = None) -> Touch:
    """A check-in the cadence asked for (not a stored follow-up) was done: it is a touch, which
    is what moves the next one."""
    cleaned = text.clean_line(note, field="note")
    store.contact(contact_id)
    with store.change(f"In touch with {_name(store, contact_id)}"):
        touch = record_touch(
            store, Touch(contact_id=contact_id, kind=TouchKind.UPDATED, at=at or store.clock(), note=cleaned)
        )
        _advance_for_done(store, contact_id, FollowUpKind.CHECK_IN)
    return touch


def _name(store: Store, contact_id: int) -> str:
    """A contact's name for a message; a record left pointing at no one still gets words."""
    return store.contact_names().get(contact_id, "an unknown contact")


def _advance_for_done(store: Store, contact_id: int, kind: FollowUpKind) -> None:
    reached = {FollowUpKind.THANK_YOU: Stage.THANKED, FollowUpKind.CHECK_IN: Stage.KEEPING_IN_TOUCH}.get(kind)
    if reached is None:
        return
    contact = store.contact(contact_id)
    if reached is Stage.KEEPING_IN_TOUCH:
        if contact.stage not in (Stage.INTERVIEWED, Stage.THANKED):
            # Checking in with someone not yet talked to (a cadence of their own) is not a step
            # of the method: their stage stays where the method has them.
            return
        if contact.stage is Stage.INTERVIEWED and open_followups(store, contact_id, FollowUpKind.THANK_YOU):
            # Keeping in touch comes after the thank-you: while it is still owed, a check-in
            # would count them as thanked. Doing the thank-you moves them on, as ever.
            return
    if advance_stage(contact, reached):
        store.update_contact(contact)


def record_touch(store: Store, touch: Touch) -> Touch:
    """Log a contact with a person. It restarts their keep-in-touch cadence, so a check-in that
    was snoozed to a date is moot: it is closed, and the next one counts from this touch."""
    with store.batch():
        added = store.add_touch(touch)
        for snoozed in [f for f in store.open_followups_of(touch.contact_id) if f.from_cadence]:
            close_followup(store, snoozed, touch.at, "in touch since")
    return added


def open_followups(store: Store, contact_id: int, kind: FollowUpKind) -> list[FollowUp]:
    return [f for f in store.open_followups_of(contact_id) if f.kind is kind]


def close_followup(store: Store, followup: FollowUp, at: datetime, why: str) -> None:
    """Mark a follow-up done because something made it moot, saying what in its note."""
    followup.done_at = at
    followup.note = f"{followup.note} ({why})" if followup.note else why
    store.update_followup(followup)


def due_day(moment: datetime) -> datetime:
    """A due date that is a day: the start of the working day on that date."""
    return datetime.combine(moment.date(), DEFAULT_DUE_TIME, moment.tzinfo)


def address_missing(store: Store, followup: FollowUp) -> bool:
    """A handwritten thank-you needs a mailing address; flag one that has none."""
    if followup.kind is not FollowUpKind.THANK_YOU or followup.channel != "handwritten":
        return False
    contact = store.contacts_by_id().get(followup.contact_id)
    return contact is not None and not contact.address.strip()
