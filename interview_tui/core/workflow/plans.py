"""The question bank as the user edits it, and each conversation's plan of questions."""

from __future__ import annotations

from collections.abc import Mapping

from .. import notes_doc, text
from ..errors import InvalidInput, NotFound
from ..models import Interview, Question
from ..store import Store


def default_plan(store: Store) -> list[int]:
    return [q.id for q in store.questions() if q.id is not None]


def notes_questions(store: Store, interview: Interview) -> list[tuple[int, str]]:
    """The questions the conversation's notes show, with their text: the plan's, then those
    answered and since taken out of it (see ``notes_doc.questions_shown``)."""
    bank = {q.id: q.text for q in store.questions(include_retired=True)}
    # A plan naming one question twice (a merge, a hand edit) shows it once: two sections for one
    # answer would keep only what was typed into one of them.
    # A question the bank does not hold (a file merged or edited by hand) still shows, with its
    # answer: hidden, what was typed under it could be neither read nor changed.
    return [
        (qid, bank.get(qid) or f"Question {qid} (not in the question bank)")
        for qid in notes_doc.questions_shown(interview.question_ids, interview.answers)
    ]


def set_plan(store: Store, interview_id: int, question_ids: list[int]) -> Interview:
    """The questions for one conversation, in the order given: unknown ids and repeats are
    dropped; a question left out that has an answer stays in the notes, after the plan's."""
    interview = store.interview(interview_id)
    known = {q.id for q in store.questions(include_retired=True)}
    interview.question_ids = list(dict.fromkeys(qid for qid in question_ids if qid in known))
    return store.update_interview(interview)


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
