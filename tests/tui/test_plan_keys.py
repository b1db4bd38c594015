"""The plan of a conversation (p) moves with j/k and g/G, as every list in the app does."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import SelectionList

from interview_tui.core.models import Contact, Interview
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.plan import PlanScreen

from .conftest import SIZE, wait_for


async def test_j_and_k_move_through_the_plan_and_space_ticks_where_they_stopped(store, make_test_app, now):
    contact = store.add_contact(Contact(name="Alex Example", company="Acme"))
    questions = store.questions()
    assert len(questions) >= 3
    interview = store.add_interview(
        Interview(contact_id=contact.id, when=now - timedelta(hours=1), question_ids=[q.id for q in questions])
    )
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the only contact: its conversations
        await wait_for(pilot, lambda: app.focused is app.main_screen.notes_pane.interview_list)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
        choices = app.screen.query_one(SelectionList)
        assert choices.highlighted == 0
        await pilot.press("j", "j")
        await wait_for(pilot, lambda: choices.highlighted == 2)
        await pilot.press("k")
        await wait_for(pilot, lambda: choices.highlighted == 1)
        await pilot.press("G")
        await wait_for(pilot, lambda: choices.highlighted == len(questions) - 1)
        await pilot.press("g", "j")
        await wait_for(pilot, lambda: choices.highlighted == 1)
        # space unticks the question the cursor stopped on, and only that one.
        await pilot.press("space", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
    assert store.interview(interview.id).question_ids == [q.id for q in questions if q.id != questions[1].id]
