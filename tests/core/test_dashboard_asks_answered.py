"""The dashboard's reply rate is of the people its funnel counts as asked: counted from asks
logged alone, it said "No asks logged yet" (or "0 of 1 asked") beside a funnel that counted people
asked by their stage, or by a conversation scheduled with no ask logged."""

from __future__ import annotations

from builders import NOW

from interview_tui.core import insight, workflow
from interview_tui.core.models import Contact, Stage
from interview_tui.core.store import Store


def _added(store: Store, name: str, stage: Stage = Stage.IDENTIFIED) -> int:
    contact = store.add_contact(Contact(name=name, stage=stage))
    assert contact.id is not None
    return contact.id


def _asked_in_funnel(store: Store) -> int:
    funnel = insight.dashboard_figures(store, NOW).funnel
    return next(step.count for step in funnel if step.stage is Stage.ASKED)


def test_a_contact_imported_as_asked_is_asked_and_not_yet_answered(store: Store) -> None:
    _added(store, "Alex Example", Stage.ASKED)
    figures = insight.dashboard_figures(store, NOW)
    assert _asked_in_funnel(store) == 1
    assert (figures.asked, figures.replied, figures.reply_rate) == (1, 0, 0.0)


def test_a_conversation_scheduled_with_no_ask_logged_is_an_ask_answered(store: Store) -> None:
    workflow.schedule_interview(store, _added(store, "Alex Example"), "fri 3pm")
    figures = insight.dashboard_figures(store, NOW)
    assert _asked_in_funnel(store) == 1
    assert (figures.asked, figures.replied) == (1, 1)


def test_a_stage_further_than_asked_is_an_answer_and_a_reply_logged_is_one_too(store: Store) -> None:
    _added(store, "Alex Example", Stage.THANKED)
    sam = _added(store, "Sam Sample", Stage.ASKED)
    _added(store, "Casey Placeholder", Stage.ASKED)
    _added(store, "Morgan Specimen", Stage.DECLINED)  # never asked, as the funnel counts it
    workflow.log_reply(store, sam, declined=True)  # a no is an answer
    figures = insight.dashboard_figures(store, NOW)
    assert _asked_in_funnel(store) == 3
    assert (figures.asked, figures.replied) == (3, 2)
