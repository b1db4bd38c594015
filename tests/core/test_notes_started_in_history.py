"""Notes begun with no time agreed keep the moment they were begun in the person's history, once,
whatever happens to the conversation next: given a time (and moved again), held, cancelled, or
left as notes; a conversation planned with a time from the start has no such line."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from builders import NOW
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core import conversations, timeline, workflow
from interview_tui.core.models import Contact, InterviewStatus
from interview_tui.core.store import Store

STEPS = st.lists(
    st.tuples(
        st.sampled_from(["give a time", "cancel", "hold", "hold at a time", "add a note"]),
        st.integers(min_value=0, max_value=72),  # hours that pass before it
    ),
    max_size=4,
)


def _notes_started(store: Store, contact_id: int) -> list[tuple[datetime, str]]:
    return [(e.at, e.what) for e in timeline.of(store, contact_id) if e.what.startswith("Notes started")]


@settings(max_examples=60, deadline=None)
@given(begun_as_notes=st.booleans(), steps=STEPS)
def test_the_moment_notes_were_begun_is_in_the_history_once_in_every_state(
    begun_as_notes: bool, steps: list[tuple[str, int]]
) -> None:
    moments = {"now": NOW}
    with tempfile.TemporaryDirectory() as folder, Store.open(
        Path(folder) / "w.json", clock=lambda: moments["now"]
    ) as store:
        dee = store.add_contact(Contact(name="Dee Doe")).id
        assert dee is not None
        if begun_as_notes:
            conversation = workflow.add_note(store, dee, "Read up on service design.")
        else:
            conversation = workflow.schedule_interview(store, dee, "fri 3pm")
        assert conversation.id is not None
        for step, hours in steps:
            moments["now"] += timedelta(hours=hours)
            current = store.interview(conversation.id)
            if current.status is not InterviewStatus.PLANNED:
                break  # held or cancelled: nothing more happens to it
            if step == "give a time":
                conversations.move(store, conversation.id, "in 2 days at 3pm")
            elif step == "cancel":
                conversations.cancel(store, conversation.id)
            elif step == "hold" and current.when <= moments["now"]:
                workflow.mark_done(store, conversation.id)
            elif step == "hold at a time":
                workflow.mark_done(store, conversation.id, at=moments["now"] - timedelta(hours=1))
            elif step == "add a note":
                workflow.add_note(store, dee, "And about research.")
        last = store.interview(conversation.id)
        notes_only = not last.scheduled and last.status is InterviewStatus.PLANNED
        expected = (
            [(NOW, "Notes started (no time agreed yet)" if notes_only else "Notes started")] if begun_as_notes else []
        )
        assert _notes_started(store, dee) == expected


def test_notes_cancelled_before_a_time_was_agreed_still_say_when_they_were_begun(tmp_path: Path) -> None:
    moments = {"now": NOW}
    with Store.open(tmp_path / "w.json", clock=lambda: moments["now"]) as store:
        dee = store.add_contact(Contact(name="Dee Doe")).id
        assert dee is not None
        notes = workflow.add_note(store, dee, "Read up on service design.")
        assert notes.id is not None
        moments["now"] = NOW + timedelta(days=1)
        conversations.cancel(store, notes.id)
        assert [(e.at, e.what) for e in timeline.of(store, dee) if e.kind == "conversation"] == [
            (NOW + timedelta(days=1), "Conversation cancelled (no time agreed)"),
            (NOW, "Notes started"),
        ]


def test_notes_held_at_another_time_keep_the_moment_they_were_begun(tmp_path: Path) -> None:
    moments = {"now": NOW}
    with Store.open(tmp_path / "w.json", clock=lambda: moments["now"]) as store:
        dee = store.add_contact(Contact(name="Dee Doe")).id
        assert dee is not None
        notes = workflow.add_note(store, dee, "Read up on service design.")
        assert notes.id is not None
        moments["now"] = NOW + timedelta(days=1)
        held = NOW + timedelta(hours=5)
        workflow.mark_done(store, notes.id, at=held)
        assert store.interview(notes.id).notes_started == NOW
        assert [(e.at, e.what) for e in timeline.of(store, dee) if e.kind == "conversation"] == [
            (held, "Conversation held"),
            (NOW, "Notes started"),
        ]
        store.undo()  # the notes as they were, listed once
        assert store.interview(notes.id).notes_started is None
        assert _notes_started(store, dee) == [(NOW, "Notes started (no time agreed yet)")]
