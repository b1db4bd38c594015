"""Answers side by side: every interviewee's answer to one question, and the Markdown file the
answers screen exports them to."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import NamedTuple

from ..models import Contact, Interview
from ..store import Store


class Answer(NamedTuple):
    """What one person said to one question, in one conversation."""

    contact: Contact
    interview: Interview
    text: str


def answer_counts(store: Store) -> dict[int, int]:
    """How many conversations have an answer to each question, by question id."""
    counts: Counter[int] = Counter()
    known = store.contacts_by_id()
    for interview in store.all_interviews():
        if interview.contact_id not in known:
            continue  # not listed by answers_to either: the count must match what is shown
        for key, text in interview.answers.items():
            if text.strip() and key.isdigit():
                counts[int(key)] += 1
    return dict(counts)


def answers_to(store: Store, question_id: int) -> list[Answer]:
    """Every interviewee's answer to one question, newest conversation first.

    One pass over the interviews, a dictionary look-up each: a few milliseconds at 5,000
    conversations, so the answers screen gathers a question's answers when it is picked rather
    than every answer to every question up front.
    """
    key = str(question_id)
    contacts: dict[int | None, Contact] | None = None
    found: list[Answer] = []
    for interview in store.all_interviews():
        text = interview.answers.get(key)
        if not text or not (cleaned := text.strip()):
            continue
        if contacts is None:
            contacts = {c.id: c for c in store.contacts_unsorted()}
        contact = contacts.get(interview.contact_id)
        if contact is not None:  # a hand-edited file may keep a deleted contact's interviews
            found.append(Answer(contact, interview, cleaned))
    # Newest conversation first; of two at the same moment, the one recorded last.
    found.sort(key=_when_recorded, reverse=True)
    return found


def _when_recorded(answer: Answer) -> tuple[datetime, int]:
    return (answer.interview.when, answer.interview.id or 0)


def answer_heading(answer: Answer) -> str:
    """Who said it and when: "Alex Example · UX researcher, Northwind Labs · Mon 23 Nov 2026"."""
    parts = [answer.contact.name]
    if answer.contact.company_role:
        parts.append(answer.contact.company_role)
    parts.append(f"{answer.interview.when:%a %d %b %Y}")
    return " · ".join(parts)
