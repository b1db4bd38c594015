"""Answers side by side keeps only the shown question's answers: with an answer a conversation
at 50,000 contacts, each question's answers and their wrapped lines run to tens of megabytes,
and a person reading question after question would otherwise hold all of them until closing."""

from __future__ import annotations

from interview_tui.core.store import Store
from interview_tui.tui.screens.answers import AnswersScreen, open_answers

from .conftest import wait_for

SIZE = (120, 36)


def headings(screen: AnswersScreen) -> list[str]:
    return [line.answer.contact.name for line in screen.answer_list.rows if line.heading]


async def test_only_the_shown_questions_answers_are_kept_and_coming_back_shows_them_again(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    store = demo_store
    for name, answers in (("Aunt Example", {"1": "Twenty years on the wards.", "4": "Staying calm."}), ("Riley Mockup", {"4": "Asking early."})):
        [interview] = store.interviews(store.find_contact(name).id)
        interview.answers = answers
        store.update_interview(interview)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        open_answers(app.main_screen)
        await wait_for(pilot, lambda: isinstance(app.screen, AnswersScreen) and bool(app.screen.answer_list.rows))
        screen = app.screen
        assert isinstance(screen, AnswersScreen)
        first = screen.question
        assert first is not None and first.id == 1
        assert headings(screen) == ["Alex Example", "Aunt Example"]
        await pilot.press("j", "j", "j")
        await wait_for(pilot, lambda: screen.question is not None and screen.question.id == 4 and headings(screen) == ["Alex Example", "Aunt Example", "Riley Mockup"])
        assert list(screen._answers) == [4]  # question 1's answers were let go
        await pilot.press("k", "k", "k")
        await wait_for(pilot, lambda: screen.question is not None and screen.question.id == 1)
        await wait_for(pilot, lambda: headings(screen) == ["Alex Example", "Aunt Example"])
        assert list(screen._answers) == [1]
