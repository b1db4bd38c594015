"""A person's history pinned: a cancelled conversation planned for another year than it was
called off in says the year it was planned for."""

from __future__ import annotations

from datetime import datetime

from builders import NOW

from interview_tui.core import timeline
from interview_tui.core.models import Contact, Interview, InterviewMode, InterviewStatus
from interview_tui.core.store import Store


def test_a_conversation_called_off_for_another_year_says_that_year(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example")).id
    planned_for = datetime(NOW.year + 1, 1, 5, 10, 0)
    store.add_interview(Interview(contact_id=alex, when=planned_for, status=InterviewStatus.CANCELLED,
                                  scheduled=True, mode=InterviewMode.PHONE))
    ((at, kind, what),) = [(e.at, e.kind, e.what) for e in timeline.of(store, alex)]
    assert (at, kind) == (NOW, "conversation")
    assert what == f"Conversation cancelled (planned for {planned_for:%a %d %b %Y} 10:00; 20 min, phone)"
