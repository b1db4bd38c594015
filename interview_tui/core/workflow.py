"""The rules of the method: what each step records, and how a contact's stage follows from it.

The TUI and the CLI both call these functions, so a contact added from the shell and one added
in the app are checked and recorded in exactly the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from . import keep_in_touch, notes_doc, templates, text
from .dates import DEFAULT_DUE_TIME, parse_slot, parse_when
from .errors import InvalidInput, NotFound
from .local_time import check_exists
from .models import (
    STAGE_ORDER,
    UNKNOWN_CONTACT,
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    InterviewMode,
    InterviewStatus,
    Question,
    Relationship,
    Settings,
    Stage,
    Touch,
    TouchKind,
    id_of,
)
from .recurrence import next_due, parse_recurrence
from .store import Store

CONTACT_TEXT_FIELDS = ("name", "company", "role", "field", "email", "phone", "linkedin_url", "address")
MAX_CONTACT_NOTES = 20_000
"""Notes about a person (not a conversation): several paragraphs, not a book."""


def contact_from_fields(
    store: Store, values: Mapping[str, str], existing: Contact | None = None
) -> Contact:
    """Check and clean what a person typed for a contact; raise InvalidInput naming the field.

    ``values`` may hold any of CONTACT_TEXT_FIELDS plus ``relationship``, ``referred_by`` (a
    name) and ``cadence`` (keep-in-touch text such as "6w / 3mo", "off", or "" for the default).
    Nothing is stored: the caller decides whether to add or update.
    """
    contact = Contact(name="") if existing is None else Contact.from_doc(existing.to_doc(), existing.id)
    for name in CONTACT_TEXT_FIELDS:
        if name not in values:
            continue
        raw = values[name] or ""
        if name == "name":
            cleaned = text.clean_name(raw)
        elif name == "email":
            cleaned = text.clean_email(raw)
        elif name == "address":
            cleaned = text.clean_notes(raw).strip()
            if len(cleaned) > text.MAX_LINE:
                raise InvalidInput(f"The address is too long; keep it under {text.MAX_LINE} characters.", field="address")
        else:
            cleaned = text.clean_line(raw, field=name)
        setattr(contact, name, cleaned)
    if "notes" in values:
        notes = text.clean_notes(values["notes"] or "").strip()
        if len(notes) > MAX_CONTACT_NOTES:
            raise InvalidInput(
                f"The notes are too long; keep them under {MAX_CONTACT_NOTES:,} characters.", field="notes"
            )
        contact.notes = notes
    if not contact.name:
        raise InvalidInput("A name is required.", field="name")
    if values.get("relationship"):
        try:
            contact.relationship = Relationship(values["relationship"].strip().casefold())
        except ValueError:
            choices = ", ".join(r.value for r in Relationship)
            raise InvalidInput(
                f"'{values['relationship']}' is not a relationship; choose one of {choices}.",
                field="relationship",
            ) from None
    if "cadence" in values:
        contact.cadence_days, contact.cadence_max_days = keep_in_touch.parse_cadence(values["cadence"] or "")
    if "referred_by" in values:
        referrer_name = text.clean_line(values["referred_by"] or "", field="referred_by", limit=text.MAX_NAME)
        if not referrer_name:
            contact.referred_by = None
        elif existing is not None and _still_names(store, existing.referred_by, referrer_name):
            # The edit form sends the referrer back by name: an unchanged name keeps the link,
            # even when another contact has the same name.
            contact.referred_by = existing.referred_by
        else:
            try:
                referrer = store.find_contact(referrer_name)
            except (LookupError, InvalidInput) as exc:
                raise InvalidInput(str(exc), field="referred_by") from None
            if existing is not None and referrer.id == existing.id:
                raise InvalidInput("A contact cannot refer themselves.", field="referred_by")
            contact.referred_by = referrer.id
    return contact


MAX_TAG = 40
MAX_TAGS = 30


def parse_tags(typed: str) -> list[str]:
    """Tags as typed in one box: separated by commas or spaces, a leading # optional, each kept
    in the case it was first written; the same tag twice (any case) counts once."""
    cleaned = text.clean_line(typed, field="tags", limit=MAX_TAGS * (MAX_TAG + 2))
    tags: dict[str, str] = {}
    for raw in cleaned.replace(",", " ").split():
        tag = raw.lstrip("#")
        if not tag:
            continue
        if len(tag) > MAX_TAG:
            raise InvalidInput(f"The tag '{tag[:20]}…' is too long; keep tags to {MAX_TAG} characters.", field="tags")
        if ":" in tag:
            # The filter box reads "rel:" and "stage:" terms; a tag with a colon could not be found.
            raise InvalidInput(f"A tag cannot contain ':' ('{tag}'); use '-' instead.", field="tags")
        tags.setdefault(tag.casefold(), tag)
    if len(tags) > MAX_TAGS:
        raise InvalidInput(f"That is {len(tags)} tags; keep it to {MAX_TAGS}.", field="tags")
    return list(tags.values())


def set_tags(store: Store, contact_id: int, typed: str) -> Contact:
    """Replace the contact's tags with those typed (adding and removing in one go)."""
    contact = store.contact(contact_id)
    tags = parse_tags(typed)
    with store.change(f"Tags of {contact.name}"):
        contact.tags = tags
        return store.update_contact(contact)


def _name(store: Store, contact_id: int) -> str:
    """A contact's name for a message; a record left pointing at no one still gets words."""
    return store.contact_names().get(contact_id, "an unknown contact")


def _still_names(store: Store, contact_id: int | None, name: str) -> bool:
    if contact_id is None:
        return False
    try:
        current = store.contact(contact_id).name
    except LookupError:
        current = UNKNOWN_CONTACT  # the form showed a link to no one as such: keep it as it is
    return " ".join(current.split()).casefold() == " ".join(name.split()).casefold()


def advance_stage(contact: Contact, reached: Stage) -> bool:
    """Move a contact forward to ``reached`` if it is further along the method than where they are.

    Declined and closed contacts stay as they are: those are the user's call, not a consequence,
    so they are set directly and never reached through here.
    """
    if reached not in STAGE_ORDER:
        raise ValueError(f"{reached.label} is not a step of the method; set it on the contact directly.")
    if contact.stage in (Stage.DECLINED, Stage.CLOSED):
        return False
    if STAGE_ORDER.index(reached) > STAGE_ORDER.index(contact.stage):
        contact.stage = reached
        return True
    return False


def add_note(store: Store, contact_id: int, notes: str) -> Interview:
    """Add text to the free notes of the contact's current conversation (see ``capture``)."""
    cleaned = text.clean_notes(notes)
    with store.batch():
        interview = capture(store, contact_id)
        interview.notes = f"{interview.notes.rstrip()}\n\n{cleaned}" if interview.notes.strip() else cleaned
        store.update_interview(interview)
    return interview


def interview_document(store: Store, interview: Interview) -> str:
    """The text the notes editor shows: the plan's questions with their answers, then free notes
    and key takeaways."""
    return notes_doc.render(
        notes_doc.NotesDocument(
            questions=plan_questions(store, interview),
            answers={int(k): v for k, v in interview.answers.items() if k.isdigit()},
            notes=interview.notes,
            takeaways=interview.takeaways,
        )
    )


def save_document(store: Store, interview_id: int, document_text: str) -> Interview:
    """Read the editor's text back into the interview's answers, notes and takeaways, and save."""
    interview = store.interview(interview_id)
    plan = plan_questions(store, interview)
    parsed = notes_doc.parse(text.clean_notes(document_text), plan)
    planned = {str(question_id) for question_id, _ in plan}
    # Answers to questions since dropped from the plan are kept, out of sight, not deleted.
    answers = {k: v for k, v in interview.answers.items() if k not in planned}
    answers.update({str(k): v for k, v in parsed.answers.items()})
    unchanged = (answers, parsed.notes, parsed.takeaways) == (interview.answers, interview.notes, interview.takeaways)
    if unchanged and not store.has_unsaved_changes:
        return interview
    interview.answers = answers
    interview.notes = parsed.notes
    interview.takeaways = parsed.takeaways
    # Typed text is never undone, and a failed save keeps it in memory to be saved again.
    with store.untracked():
        return store.update_interview(interview)


def plan_questions(store: Store, interview: Interview) -> list[tuple[int, str]]:
    bank = {q.id: q.text for q in store.questions(include_retired=True)}
    # A plan naming one question twice (a merge, a hand edit) shows it once: two sections for one
    # answer would keep only what was typed into one of them.
    return [(qid, bank[qid]) for qid in dict.fromkeys(interview.question_ids) if qid in bank]


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
    try:
        due = parse_when(due_text, store.clock(), dayfirst=store.settings().dayfirst)
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field="due") from None
    check_exists(due, field="due")
    cleaned_note = text.clean_line(note, field="note")
    rule = parse_recurrence(repeat)
    return store.add_followup(
        FollowUp(contact_id=contact_id, due=due, kind=kind, note=cleaned_note, recurrence=rule)
    )


def complete_followup(store: Store, followup_id: int, at: datetime | None = None, note: str = "") -> FollowUp:
    """Mark a follow-up done. Doing it is a touch with the person when it is one by nature (a
    thank-you, a check-in, a word to a referrer) or when a note says what happened; a thank-you
    moves the contact to thanked, a check-in to keeping in touch. A repeating follow-up comes
    back, due one interval after it was done."""
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
                    sequence=followup.sequence + 1,
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


def _advance_for_done(store: Store, contact_id: int, kind: FollowUpKind) -> None:
    reached = {FollowUpKind.THANK_YOU: Stage.THANKED, FollowUpKind.CHECK_IN: Stage.KEEPING_IN_TOUCH}.get(kind)
    if reached is None:
        return
    contact = store.contact(contact_id)
    if reached is Stage.KEEPING_IN_TOUCH and contact.stage not in (Stage.INTERVIEWED, Stage.THANKED):
        # Checking in with someone not yet talked to (a cadence of their own) is not a step of
        # the method: their stage stays where the method has them.
        return
    if advance_stage(contact, reached):
        store.update_contact(contact)


def record_touch(store: Store, touch: Touch) -> Touch:
    """Log a contact with a person. It restarts their keep-in-touch cadence, so a check-in that
    was snoozed to a date is moot: it is closed, and the next one counts from this touch."""
    with store.batch():
        added = store.add_touch(touch)
        for snoozed in [f for f in store.open_followups_of(touch.contact_id) if f.from_cadence]:
            _close(store, snoozed, touch.at, "in touch since")
    return added


# Step 2: ask for 20 minutes ------------------------------------------------------------------


def open_followups(store: Store, contact_id: int, kind: FollowUpKind) -> list[FollowUp]:
    return [f for f in store.open_followups_of(contact_id) if f.kind is kind]


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
            _close(store, stale, now, "asked again")
        nudge = store.add_followup(
            FollowUp(
                contact_id=contact_id,
                due=_day(now + timedelta(days=settings.nudge_days)),
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
            _close(store, nudge, now, "they replied")
        if declined and contact.stage not in (Stage.DECLINED, Stage.CLOSED):
            contact.stage = Stage.DECLINED
            store.update_contact(contact)
    return touch


def schedule_interview(
    store: Store,
    contact_id: int,
    when_text: str,
    *,
    minutes: int | str = 20,
    mode: InterviewMode | str = InterviewMode.VIDEO,
    where: str = "",
) -> Interview:
    """Schedule a conversation: it needs a date and a time; the contact moves to scheduled, and a
    pending nudge goes (a date was agreed, so they replied). A range ("wed 2-2:30pm") sets the
    length too, when ``minutes`` was left at the usual 20; a different length is an error rather
    than a silent pick of one of the two."""
    contact = store.contact(contact_id)
    now = store.clock()
    try:
        when, slot_minutes = parse_slot(when_text, now, require_time=True, dayfirst=store.settings().dayfirst)
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field="when") from None
    check_exists(when, field="when")
    length = _minutes(minutes)
    if slot_minutes is not None and slot_minutes != length:
        typed = text.clean_line(when_text, field="when")
        if length != 20:
            raise InvalidInput(
                f"'{typed}' is {slot_minutes} minutes but the length says {length}; change one of them.",
                field="minutes",
            )
        if not 1 <= slot_minutes <= 600:
            raise InvalidInput(
                f"'{typed}' is {slot_minutes} minutes; a conversation lasts between 1 and 600.", field="when"
            )
        length = slot_minutes
    try:
        chosen_mode = _mode(mode)
    except ValueError:
        choices = ", ".join(m.value for m in InterviewMode)
        raise InvalidInput(f"'{mode}' is not a way to meet; choose one of {choices}.", field="mode") from None
    place = text.clean_line(where, field="where")
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
            _close(store, nudge, now, "a conversation was scheduled")
        if advance_stage(contact, Stage.SCHEDULED):
            store.update_contact(contact)
    return interview


def mode_of(value: InterviewMode | str) -> InterviewMode:
    """A way to meet, as typed; InvalidInput naming the choices when it is none of them."""
    try:
        return _mode(value)
    except ValueError:
        choices = ", ".join(m.value for m in InterviewMode)
        raise InvalidInput(f"'{value}' is not a way to meet; choose one of {choices}.", field="mode") from None


def minutes_of(value: int | str) -> int:
    """A conversation's length, as typed; InvalidInput when it is not one."""
    return _minutes(value)


def _mode(value: InterviewMode | str) -> InterviewMode:
    """A way to meet, by value or by label as shown ("in person", "In-person")."""
    if isinstance(value, InterviewMode):
        return value
    return InterviewMode("_".join(str(value).strip().casefold().replace("-", " ").split()))


def _minutes(value: int | str) -> int:
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"'{value}' is not a number of minutes; the usual is 20.", field="minutes") from None
    if not 1 <= minutes <= 600:
        raise InvalidInput("A conversation lasts between 1 and 600 minutes; the usual is 20.", field="minutes")
    return minutes


def default_plan(store: Store) -> list[int]:
    return [q.id for q in store.questions() if q.id is not None]


# Step 3: the conversation ---------------------------------------------------------------------


def capture(store: Store, contact_id: int) -> Interview:
    """The conversation to take notes in right now: the contact's most recent one that was not
    cancelled, or a new one dated now when there is none."""
    store.contact(contact_id)
    for interview in store.interviews(contact_id):
        if interview.status is not InterviewStatus.CANCELLED:
            return interview
    return store.add_interview(
        Interview(contact_id=contact_id, when=store.clock(), question_ids=default_plan(store), scheduled=False)
    )


def mark_done(store: Store, interview_id: int, at: datetime | None = None, note: str = "") -> list[FollowUp]:
    """The conversation happened, ``at`` the time given (else its planned time if that has
    passed, else now): the contact moves to interviewed, a thank-you note is due the day after it,
    and whoever referred them is owed a word of thanks too. Returns the new follow-ups; marking it
    done twice creates nothing more."""
    interview = store.interview(interview_id)
    contact = store.contact(interview.contact_id)
    now = store.clock()
    held = at if at is not None else (interview.when if interview.when <= now else now)
    if at is not None:
        check_exists(at, field="when")
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
        if held != interview.when:
            # Its time changed: a calendar that has it must see a higher SEQUENCE, even within
            # the second of the last change (see formats/ical.interview_sequence).
            interview.sequence += 1
        interview.when = held
        store.update_interview(interview)
        record_touch(store, Touch(contact_id=contact_id, kind=TouchKind.MET, at=held, note=cleaned_note))
        if advance_stage(contact, Stage.INTERVIEWED):
            store.update_contact(contact)
        # They met, so the ask was answered: a "no reply yet?" nudge would be wrong now.
        for nudge in open_followups(store, contact_id, FollowUpKind.NUDGE):
            _close(store, nudge, now, "the conversation happened")
        due = _day(held + timedelta(days=settings.thank_you_days))
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


def add_referral(store: Store, interview_id: int, values: Mapping[str, str]) -> Contact:
    """"Do you know anyone else I could contact?": add the person named in a conversation,
    linked to the interviewee, with a note of who introduced them."""
    interview = store.interview(interview_id)
    referrer = store.contact(interview.contact_id)
    fields = {k: v for k, v in values.items() if k != "referred_by"}
    contact = contact_from_fields(store, fields)
    contact.referred_by = referrer.id
    contact.relationship = Relationship.REFERRAL
    contact.notes = f"Introduced by {referrer.name} in the conversation of {interview.when:%d %b %Y}."
    return store.add_contact(contact)


# Step 4: stay in contact ----------------------------------------------------------------------


def address_missing(store: Store, followup: FollowUp) -> bool:
    """A handwritten thank-you needs a mailing address; flag one that has none."""
    if followup.kind is not FollowUpKind.THANK_YOU or followup.channel != "handwritten":
        return False
    contact = store.contacts_by_id().get(followup.contact_id)
    return contact is not None and not contact.address.strip()


def _close(store: Store, followup: FollowUp, at: datetime, why: str) -> None:
    followup.done_at = at
    followup.note = f"{followup.note} ({why})" if followup.note else why
    store.update_followup(followup)


def _day(moment: datetime) -> datetime:
    """A due date that is a day: the start of the working day on that date."""
    return datetime.combine(moment.date(), DEFAULT_DUE_TIME, moment.tzinfo)


# Settings and the question bank ----------------------------------------------------------------


def settings_from_fields(store: Store, values: Mapping[str, str]) -> Settings:
    """Check the templates-and-reminders form; InvalidInput names the field that is wrong.

    Nothing is stored, and the settings in use are not touched: the store hands out its own
    record, so changing that one field by field would leave a half-applied form in memory
    (and in the next save) when a later field is refused.
    """
    current = store.settings()
    settings = Settings.from_doc(current.to_doc(), current.id)
    if "my_name" in values:
        settings.my_name = text.clean_line(values["my_name"], field="my_name", limit=text.MAX_NAME)
    if "template" in values:
        template = text.clean_notes(values["template"]).strip("\n")
        settings.ask_template = "" if template == templates.DEFAULT_ASK else templates.check(template)
    for name in ("nudge_days", "thank_you_days"):
        if name in values:
            setattr(settings, name, _days(values[name], field=name))
    if "thank_you_channel" in values:
        settings.thank_you_handwritten = values["thank_you_channel"] != "email"
    return settings


def _days(value: str, *, field: str) -> int:
    try:
        days = int(value.strip())
    except ValueError:
        raise InvalidInput(f"'{value.strip()}' is not a number of days.", field=field) from None
    if not 0 <= days <= 365:
        raise InvalidInput("Give a number of days from 0 to 365.", field=field)
    return days


def ask_message(store: Store, contact_id: int) -> str:
    """The ask for 20 minutes, written for this contact from the user's template."""
    contact = store.contact(contact_id)
    settings = store.settings()
    referrer = store.referrer_of(contact)
    template = settings.ask_template or templates.DEFAULT_ASK
    values = templates.values_for(contact, my_name=settings.my_name, referrer=referrer)
    return templates.render(template, values)


def question_text(values: Mapping[str, str]) -> str:
    cleaned = text.clean_line(values.get("text", ""), field="text")
    if not cleaned:
        raise InvalidInput("Type the question.", field="text")
    return cleaned


def toggle_question(store: Store, question_id: int) -> Question:
    question = next((q for q in store.questions(include_retired=True) if q.id == question_id), None)
    if question is None:
        raise NotFound(f"No question with id {question_id}.")
    question.active = not question.active
    return store.update_question(question)


def add_one_off_question(store: Store, values: Mapping[str, str]) -> Question:
    """A question for one conversation: kept in the bank, retired, so new plans do not get it."""
    with store.batch():
        question = store.add_question(question_text(values))
        question.active = False
        return store.update_question(question)


def set_plan(store: Store, interview_id: int, question_ids: list[int]) -> Interview:
    """The questions for one conversation, in the order given: unknown ids and repeats are
    dropped; answers to questions left out are kept (see save_document)."""
    interview = store.interview(interview_id)
    known = {q.id for q in store.questions(include_retired=True)}
    interview.question_ids = list(dict.fromkeys(qid for qid in question_ids if qid in known))
    return store.update_interview(interview)


# Step 4: the update to everyone who helped -------------------------------------------------------


def update_everyone(store: Store, outcome: str, due_text: str = "today") -> list[FollowUp]:
    """The search reached an outcome ("I accepted an offer at ...", "I start the nursing
    programme in May"): draft an update for every person interviewed and everyone who
    introduced someone, from the update template, and queue one follow-up each to send it.
    Someone who already has an update waiting gets no second one."""
    cleaned = text.clean_line(outcome, field="outcome").rstrip(".")
    if not cleaned:
        raise InvalidInput("Say what happened, as it should read after 'I wanted to let you know that'.", field="outcome")
    settings = store.settings()
    template = templates.check(settings.update_template or templates.DEFAULT_UPDATE)
    try:
        due = parse_when(due_text, store.clock(), dayfirst=settings.dayfirst)
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field="due") from None
    helped = who_helped(store)
    queued: list[FollowUp] = []
    with store.change("Update to everyone who helped queued"):
        for contact, thanks_for in helped:
            if contact.id is None or open_followups(store, contact.id, FollowUpKind.UPDATE):
                continue
            values = templates.values_for(contact, my_name=settings.my_name, referrer=None)
            values.update(outcome=cleaned, thanks_for=thanks_for)
            queued.append(
                store.add_followup(
                    FollowUp(
                        contact_id=contact.id,
                        due=due,
                        kind=FollowUpKind.UPDATE,
                        note=f"Send the update: {cleaned}",
                        message=templates.render(template, values),
                    )
                )
            )
    return queued


def who_helped(store: Store) -> list[tuple[Contact, str]]:
    """Each person interviewed or who introduced someone, with what to thank them for."""
    met: dict[int, datetime] = {}
    for interview in store.all_interviews():
        if interview.status is InterviewStatus.DONE:
            met[interview.contact_id] = max(met.get(interview.contact_id, interview.when), interview.when)
    introduced: dict[int, list[str]] = {}
    for contact in store.contacts():
        if contact.referred_by is not None:
            introduced.setdefault(contact.referred_by, []).append(contact.name)
    helped: list[tuple[Contact, str]] = []
    for contact in store.contacts():
        if contact.id is None or contact.stage is Stage.DECLINED:
            continue
        reasons = []
        if contact.id in met:
            reasons.append(f"talking with me in {met[contact.id]:%B}")
        if contact.id in introduced:
            reasons.append("introducing me to " + _and_list(introduced[contact.id]))
        if reasons:
            helped.append((contact, " and ".join(reasons)))
    return helped


def _and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
