"""A conversation's notes: the document the editor shows (the plan's questions with their
answers, free notes, takeaways), read back into the conversation, and notes added to it."""

from __future__ import annotations

from datetime import datetime

from .. import notes_doc, text
from ..models import Interview, InterviewStatus
from ..store import Store
from .plans import default_plan, notes_questions


def notes_conversation(store: Store, contact_id: int) -> Interview | None:
    """The conversation notes taken right now go into: of those not cancelled, the latest whose
    time has come (held, or due and not yet marked so), else the soonest still to come; None when
    there is none (``capture`` then starts one)."""
    store.contact(contact_id)
    return notes_conversation_of(store.interviews(contact_id), store.clock())


def notes_conversation_of(interviews: list[Interview], now: datetime) -> Interview | None:
    """``notes_conversation`` of a contact's ``interviews``, newest first (``Store.interviews``)."""
    # Notes are jotted after a conversation: one planned for next week must not take the notes of
    # the one just held. With none held yet, they prepare the next one.
    coming: Interview | None = None
    for interview in interviews:
        if interview.status is InterviewStatus.CANCELLED:
            continue
        if interview.when <= now:
            return interview
        coming = interview
    return coming


def capture(store: Store, contact_id: int) -> Interview:
    """The conversation to take notes in right now (``notes_conversation``), or a new one dated
    now when the contact has none."""
    found = notes_conversation(store, contact_id)
    if found is not None:
        return found
    return store.add_interview(
        Interview(contact_id=contact_id, when=store.clock(), question_ids=default_plan(store), scheduled=False)
    )


def add_note(store: Store, contact_id: int, notes: str) -> Interview:
    """Add text to the free notes of the conversation ``capture`` chooses."""
    cleaned = text.clean_notes(notes)
    with store.batch():
        interview = capture(store, contact_id)
        interview.notes = f"{interview.notes.rstrip()}\n\n{cleaned}" if interview.notes.strip() else cleaned
        store.update_interview(interview)
    return interview


def interview_document(store: Store, interview: Interview) -> str:
    """The text the notes editor shows: the plan's questions with their answers (and any other
    question answered), then free notes and key takeaways."""
    return notes_doc.render(
        notes_doc.NotesDocument(
            questions=notes_questions(store, interview),
            answers={int(k): v for k, v in interview.answers.items() if k.isascii() and k.isdigit()},
            notes=interview.notes,
            takeaways=interview.takeaways,
        )
    )


def save_document(store: Store, interview_id: int, document_text: str) -> Interview:
    """Read the editor's text back into the interview's answers, notes and takeaways, and save."""
    interview = store.interview(interview_id)
    shown = notes_questions(store, interview)
    parsed = notes_doc.parse(text.clean_notes(document_text), shown)
    in_sight = {str(question_id) for question_id, _ in shown}
    # What the document does not show (an empty answer to a question out of the plan, a key of
    # another kind) is kept as it is.
    answers = {k: v for k, v in interview.answers.items() if k not in in_sight}
    answers.update({str(k): v for k, v in parsed.answers.items()})
    unchanged = (answers, parsed.notes, parsed.takeaways) == (interview.answers, interview.notes, interview.takeaways)
    if unchanged and not store.needs_saving:
        return interview
    interview.answers = answers
    interview.notes = parsed.notes
    interview.takeaways = parsed.takeaways
    # Typed text is never undone, and a failed save keeps it in memory to be saved again.
    with store.untracked():
        return store.update_interview(interview)
