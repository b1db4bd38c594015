"""The rules of the method: what each step records, and how a contact's stage follows from it.

The TUI and the CLI both call these functions, so a contact added from the shell and one added
in the app are checked and recorded in exactly the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from . import text
from .dates import parse_when
from .errors import InvalidInput
from .models import (
    STAGE_ORDER,
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    InterviewStatus,
    Relationship,
    Stage,
)
from .store import Store

CONTACT_TEXT_FIELDS = ("name", "company", "role", "field", "email", "phone", "linkedin_url", "address")


def contact_from_fields(
    store: Store, values: Mapping[str, str], existing: Contact | None = None
) -> Contact:
    """Check and clean what a person typed for a contact; raise InvalidInput naming the field.

    ``values`` may hold any of CONTACT_TEXT_FIELDS plus ``relationship`` and ``referred_by`` (a
    name). Nothing is stored: the caller decides whether to add or update.
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
    if not contact.name:
        raise InvalidInput("A name is required.", field="name")
    if "relationship" in values and values["relationship"]:
        try:
            contact.relationship = Relationship(values["relationship"])
        except ValueError:
            choices = ", ".join(r.value for r in Relationship)
            raise InvalidInput(
                f"'{values['relationship']}' is not a relationship; choose one of {choices}.",
                field="relationship",
            ) from None
    if "referred_by" in values:
        referrer_name = text.clean_line(values["referred_by"] or "", field="referred_by", limit=text.MAX_NAME)
        if not referrer_name:
            contact.referred_by = None
        else:
            try:
                referrer = store.find_contact(referrer_name)
            except (LookupError, InvalidInput) as exc:
                raise InvalidInput(str(exc), field="referred_by") from None
            if existing is not None and referrer.id == existing.id:
                raise InvalidInput("A contact cannot refer themselves.", field="referred_by")
            contact.referred_by = referrer.id
    return contact


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


def start_note(store: Store, contact_id: int, notes: str = "") -> Interview:
    """Start the notes of a conversation held now, and move the contact to interviewed.

    Notes are jotted right after a conversation, so the new entry records one that happened.
    """
    contact = store.contact(contact_id)
    with store.batch():
        interview = store.add_interview(
            Interview(
                contact_id=contact_id,
                when=store.clock(),
                status=InterviewStatus.DONE,
                question_ids=[q.id for q in store.questions() if q.id is not None],
                notes=text.clean_notes(notes),
            )
        )
        if advance_stage(contact, Stage.INTERVIEWED):
            store.update_contact(contact)
    return interview


def add_followup(
    store: Store, contact_id: int, due_text: str, *, kind: FollowUpKind = FollowUpKind.CUSTOM, note: str = ""
) -> FollowUp:
    try:
        due = parse_when(due_text, store.clock())
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field="due") from None
    cleaned_note = text.clean_line(note, field="note")
    return store.add_followup(FollowUp(contact_id=contact_id, due=due, kind=kind, note=cleaned_note))


def complete_followup(store: Store, followup_id: int, at: datetime | None = None) -> FollowUp:
    followup = store.followup(followup_id)
    followup.done_at = at or store.clock()
    return store.update_followup(followup)
