"""Notes begun with no time agreed (n, or the note command) are no ask and no answer: the
dashboard's funnel counted their contact as asked and scheduled while the panel beside it said no
ask was logged. A time given to them, or the conversation held, counts as a conversation scheduled
or held does."""

from __future__ import annotations

from builders import NOW

from interview_tui.core import conversations, insight, workflow
from interview_tui.core.models import Contact
from interview_tui.core.store import Store


def _alex(store: Store) -> int:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    return alex.id


def _funnel(store: Store) -> list[tuple[str, int]]:
    return [(step.stage.value, step.count) for step in insight.dashboard_figures(store, NOW).funnel]


def test_notes_with_no_time_agreed_count_as_neither_asked_nor_scheduled(store: Store) -> None:
    workflow.add_note(store, _alex(store), "Read up on service design.")
    figures = insight.dashboard_figures(store, NOW)
    assert _funnel(store) == [("identified", 1), ("asked", 0), ("scheduled", 0), ("interviewed", 0), ("thanked", 0)]
    assert (figures.asked, figures.replied, figures.reply_rate) == (0, 0, None)


def test_called_off_notes_with_no_time_agreed_count_for_nothing_either(store: Store) -> None:
    notes = workflow.add_note(store, _alex(store), "Read up on service design.")
    assert notes.id is not None
    conversations.cancel(store, notes.id)
    assert [count for _, count in _funnel(store)] == [1, 0, 0, 0, 0]


def test_an_ask_then_notes_with_no_time_agreed_is_asked_and_not_yet_answered(store: Store) -> None:
    alex = _alex(store)
    workflow.log_ask(store, alex)
    workflow.add_note(store, alex, "Read up on service design.")
    figures = insight.dashboard_figures(store, NOW)
    assert [count for _, count in _funnel(store)] == [1, 1, 0, 0, 0]
    assert (figures.asked, figures.replied) == (1, 0)


def test_notes_given_a_time_count_as_asked_scheduled_and_answered(store: Store) -> None:
    alex = _alex(store)
    workflow.log_ask(store, alex)
    notes = workflow.add_note(store, alex, "Read up on service design.")
    assert notes.id is not None
    conversations.move(store, notes.id, "fri 3pm")
    figures = insight.dashboard_figures(store, NOW)
    assert [count for _, count in _funnel(store)] == [1, 1, 1, 0, 0]
    assert (figures.asked, figures.replied) == (1, 1)


def test_notes_of_a_conversation_held_count_as_interviewed(store: Store) -> None:
    alex = _alex(store)
    notes = workflow.add_note(store, alex, "Read up on service design.")
    assert notes.id is not None
    workflow.mark_done(store, notes.id)
    assert [count for _, count in _funnel(store)] == [1, 1, 1, 1, 0]
