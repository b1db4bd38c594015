"""The method's steps, each as one change: the ask for 20 minutes and its reply, scheduling the
conversation, the conversation held (with the thank-yous it makes due), and the people it led to.

Each step records a touch, closes the follow-ups it made moot, creates those it makes due and
moves the contact's stage forward, all inside one ``store.change`` (one undo, one save).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from .. import templates, text
from ..dates import parse_slot
from ..errors import FieldChecks, InvalidInput
from ..local_time import check_exists, check_range
from ..models import (
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    InterviewMode,
    InterviewStatus,
    Relationship,
    Stage,
    Touch,
    TouchKind,
    id_of,
    next_sequence,
)
from ..store import Store
from .fields import contact_from_fields, minutes_of, mode_of, range_length
from .followups import close_followup, due_day, open_followups, record_touch
from .plans import default_plan
from .stages import advance_stage

# Step 2: ask for 20 minutes ------------------------------------------------------------------


def ask_message(store: Store, contact_id: int) -> str:
    """The ask for 20 minutes, written for this contact from the user's template."""
    contact = store.contact(contact_id)
    settings = store.settings()
    referrer = store.referrer_of(contact)
    template = settings.ask_template or templates.DEFAULT_ASK
    values = templates.values_for(contact, my_name=settings.my_name, referrer=referrer)
    return templates.render(template, values)


def log_ask(store: Store, contact_id: int) -> FollowUp:
    """The ask was sent: record it, move the contact to asked, and queue a nudge in case no reply
    comes within the configured number of days. Returns the nudge."""
    contact = store.contact(contact_id)
    now = store.clock()
    settings = store.settings()
    with store.change(f"Ask to {contact.name} marked sent"):
        record_touch(store, Touch(contact_id=contact_id, kind=TouchKind.ASKED, at=now))
        if advance_stage(contact, Stage.ASKED):
            store.update_contact(contact)
        for stale in open_followups(store, contact_id, FollowUpKind.NUDGE):
            close_followup(store, stale, now, "asked again")
        nudge = store.add_followup(
            FollowUp(
                contact_id=contact_id,
                due=due_day(now + timedelta(days=settings.nudge_days)),
                kind=FollowUpKind.NUDGE,
                note=f"No reply yet to the ask of {now:%d %b}? Send a short, friendly nudge.",
            )
        )
    return nudge


def log_reply(store: Store, contact_id: int, *, declined: bool = False) -> Touch:
    """They answered the ask: the nudge is no longer needed. A no moves the contact to declined."""
    contact = store.contact(contact_id)
    now = store.clock()
    with store.change(f"Reply from {contact.name} logged"):
        touch = record_touch(
            store,
            Touch(contact_id=contact_id, kind=TouchKind.REPLIED, at=now, note="declined" if declined else "")
        )
        for nudge in open_followups(store, contact_id, FollowUpKind.NUDGE):
            close_followup(store, nudge, now, "they replied")
        if declined and contact.stage not in (Stage.DECLINED, Stage.CLOSED):
            contact.stage = Stage.DECLINED
            store.update_contact(contact)
    return touch


def schedule_interview(
    store: Store,
    contact_id: int,
    when_text: str,
    *,
    minutes: int | str | None = None,
    mode: InterviewMode | str = InterviewMode.VIDEO,
    where: str = "",
) -> Interview:
    """Schedule a conversation: it needs a date and a time; the contact moves to scheduled, and a
    pending nudge goes (a date was agreed, so they replied). A range ("wed 2-2:30pm") sets the
    length too, when ``minutes`` is not given (None, or left empty); a different length given
    beside it, the usual 20 included, is an error rather than a silent pick of one of the two.
    Without a range, the length not given is the usual 20."""
    contact = store.contact(contact_id)
    now = store.clock()
    # Every field is checked, whichever are refused: the form shows them all at once.
    checks = FieldChecks()
    with checks.at("when"):
        when, slot_minutes = parse_slot(when_text, now, require_time=True, dayfirst=store.settings().dayfirst, ahead=True)
        check_exists(when, field="when")
    typed_length = "" if minutes is None else minutes
    given = str(typed_length).strip() != ""
    with checks.at("minutes"):
        length = minutes_of(typed_length)
    with checks.at("mode"):
        chosen_mode = mode_of(mode)
    with checks.at("where"):
        place = text.clean_line(where, field="where")
    checks.refuse_any()
    # What a range says of the length can only be weighed once the date and the length are read.
    if slot_minutes is not None:
        booked = range_length(slot_minutes, when_text)
        if given and booked != length:
            typed = text.clean_line(when_text, field="when")
            raise InvalidInput(
                f"'{typed}' is {booked} minutes but the length says {length}; change one of them.",
                field="minutes",
            )
        check_range(when, booked, field="when")
        length = booked
    with store.change(f"Conversation with {contact.name} scheduled"):
        interview = store.add_interview(
            Interview(
                contact_id=contact_id,
                when=when,
                minutes=length,
                mode=chosen_mode,
                where=place,
                question_ids=default_plan(store),
            )
        )
        for nudge in open_followups(store, contact_id, FollowUpKind.NUDGE):
            close_followup(store, nudge, now, "a conversation was scheduled")
        if advance_stage(contact, Stage.SCHEDULED):
            store.update_contact(contact)
    return interview


# Step 3: the conversation ---------------------------------------------------------------------


def mark_done(
    store: Store, interview_id: int, at: datetime | None = None, note: str = "", *, minutes: int | None = None
) -> list[FollowUp]:
    """The conversation happened, ``at`` the time given (else its planned time if that has
    passed, else now), for ``minutes`` when given (a range typed for when it was held), else the
    length it was planned for: the contact moves to interviewed, a thank-you note is due the day
    after it, and whoever referred them is owed a word of thanks too. Returns the new follow-ups;
    marking it done twice creates nothing more."""
    interview = store.interview(interview_id)
    contact = store.contact(interview.contact_id)
    now = store.clock()
    held = at if at is not None else (interview.when if interview.when <= now else now)
    if at is not None:
        check_exists(at, field="when")
        if minutes is not None:
            # A range typed for when it was held is refused across the night the clocks change,
            # as one typed to schedule it is: its clock times would give a length it did not last.
            check_range(at, minutes, field="when", length_field=False)
    cleaned_note = text.clean_line(note, field="note")
    if held > now:
        raise InvalidInput(f"{held:%a %d %b %Y %H:%M} is still to come; a conversation is done once it happened.", field="when")
    settings = store.settings()
    if interview.status is InterviewStatus.DONE and _thank_you_exists(store, interview_id):
        return []
    # Look everything up before the first change: a failure half-way through a batch would
    # still save the changes made before it.
    referrer = store.referrer_of(contact)
    contact_id = id_of(contact)
    created: list[FollowUp] = []
    with store.change(f"Conversation with {contact.name} marked done"):
        interview.status = InterviewStatus.DONE
        if not interview.scheduled and interview.notes_started is None:
            # Notes begun with no time agreed are dated by their beginning until now; held, the
            # conversation takes the time it happened, and the history still says when they began.
            interview.notes_started = interview.when
        if held != interview.when or (minutes is not None and minutes != interview.minutes):
            # Its time changed: a calendar that has it must see a higher SEQUENCE, even within
            # the second of the last change (see formats/ical.interview_sequence).
            interview.sequence = next_sequence(interview.sequence)
        interview.when = held
        if minutes is not None:
            interview.minutes = minutes
        store.update_interview(interview)
        record_touch(store, Touch(contact_id=contact_id, kind=TouchKind.MET, at=held, note=cleaned_note))
        if advance_stage(contact, Stage.INTERVIEWED):
            store.update_contact(contact)
        # They met, so the ask was answered: a "no reply yet?" nudge would be wrong now.
        for nudge in open_followups(store, contact_id, FollowUpKind.NUDGE):
            close_followup(store, nudge, now, "the conversation happened")
        due = due_day(held + timedelta(days=settings.thank_you_days))
        channel = "handwritten" if settings.thank_you_handwritten else "email"
        created.append(
            store.add_followup(
                FollowUp(
                    contact_id=contact_id,
                    interview_id=interview_id,
                    due=due,
                    kind=FollowUpKind.THANK_YOU,
                    channel=channel,
                    note=f"{channel.capitalize()} thank-you note for the conversation of {interview.when:%d %b}",
                )
            )
        )
        if referrer is not None:
            created.append(
                store.add_followup(
                    FollowUp(
                        contact_id=id_of(referrer),
                        interview_id=interview_id,
                        due=due,
                        kind=FollowUpKind.REFERRAL,
                        note=f"Thank {referrer.name} for introducing {contact.name} and tell them how it went",
                    )
                )
            )
    return created


def _thank_you_exists(store: Store, interview_id: int) -> bool:
    return any(
        f.interview_id == interview_id and f.kind is FollowUpKind.THANK_YOU
        for f in store.followups(include_done=True)
    )


def add_referral(
    store: Store,
    interview_id: int,
    values: Mapping[str, str],
    *,
    another: bool = False,
    how_to_add_another: str = "",
) -> Contact:
    """"Do you know anyone else I could contact?": add the person named in a conversation,
    linked to the interviewee, with a note of who introduced them. A name already there is
    refused as ``contact_from_fields`` refuses it, unless ``another``."""
    interview = store.interview(interview_id)
    referrer = store.contact(interview.contact_id)
    fields = {k: v for k, v in values.items() if k != "referred_by"}
    contact = contact_from_fields(store, fields, another=another, how_to_add_another=how_to_add_another)
    contact.referred_by = referrer.id
    contact.relationship = Relationship.REFERRAL
    contact.notes = f"Introduced by {referrer.name} in the conversation of {interview.when:%d %b %Y}."
    return store.add_contact(contact)
