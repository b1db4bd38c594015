"""Notes started with no time agreed (n, or the note command) carry the record's defaults, 20
minutes by video, that nobody chose: cancelled or held, the history said "Conversation cancelled
(20 min, video)" as if such a call had been planned. A conversation scheduled with a time keeps
its length and way."""

from __future__ import annotations

from pathlib import Path

from interview_tui.core import conversations, timeline, workflow
from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.formats import export


def _alex(store: Store) -> int:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    return alex.id


def _conversation_lines(store: Store, contact_id: int) -> list[str]:
    return [entry.what for entry in timeline.of(store, contact_id) if entry.kind == "conversation"]


def test_cancelled_notes_say_no_time_was_agreed_not_a_length(store: Store) -> None:
    alex = _alex(store)
    notes = workflow.add_note(store, alex, "Read up on service design.")
    assert notes.id is not None
    conversations.cancel(store, notes.id)
    assert _conversation_lines(store, alex) == ["Conversation cancelled (no time agreed)", "Notes started"]


def test_held_notes_say_it_was_held_without_a_length(store: Store) -> None:
    alex = _alex(store)
    notes = workflow.add_note(store, alex, "Read up on service design.")
    assert notes.id is not None
    workflow.mark_done(store, notes.id)
    assert _conversation_lines(store, alex) == ["Conversation held", "Notes started"]


def test_a_conversation_planned_with_a_time_keeps_its_length_and_way(store: Store) -> None:
    alex = _alex(store)
    planned = workflow.schedule_interview(store, alex, "fri 3pm", minutes="30", mode="phone")
    workflow.schedule_interview(store, alex, "mon 11am")
    assert planned.id is not None
    conversations.cancel(store, planned.id)
    lines = _conversation_lines(store, alex)
    assert "Conversation cancelled (planned for Fri 27 Nov 15:00; 30 min, phone)" in lines
    assert "Conversation planned (20 min, video)" in lines


def test_the_markdown_export_leaves_out_a_length_nobody_agreed(store: Store, tmp_path: Path) -> None:
    alex = _alex(store)
    cancelled = workflow.add_note(store, alex, "Read up on service design.")
    assert cancelled.id is not None
    conversations.cancel(store, cancelled.id)
    planned = workflow.schedule_interview(store, alex, "fri 3pm")
    assert planned.id is not None
    export(store, "markdown", tmp_path / "notes")
    page = (tmp_path / "notes" / "alex-example.md").read_text(encoding="utf-8")
    headings = [line for line in page.splitlines() if line.startswith("### ")]
    assert sorted(headings) == [
        "### Fri 27 Nov 2026, 15:00 · 20 minutes, video · planned",
        "### Wed 25 Nov 2026, 10:00 · no time agreed · cancelled",
    ]
