"""? lists every key from the views that open over the main screen (the dashboard, the referral
tree, the answers, the trash, the question bank) as it does from the main screen, their key bar
says so, and closing the list comes back to the view as it was."""

from __future__ import annotations

import pytest

from interview_tui.core.store import Store
from interview_tui.tui.screens.answers import AnswersScreen
from interview_tui.tui.screens.dashboard import DashboardScreen
from interview_tui.tui.screens.help import HelpScreen
from interview_tui.tui.screens.question_bank import QuestionBankScreen
from interview_tui.tui.screens.referrals import ReferralTreeScreen
from interview_tui.tui.screens.trash import TrashScreen
from interview_tui.tui.widgets.key_bar import KeyBar

from .conftest import NARROW, SIZE, wait_for

VIEWS = [
    ("D", DashboardScreen),
    ("R", ReferralTreeScreen),
    ("A", AnswersScreen),
    ("T", TrashScreen),
    ("b", QuestionBankScreen),
]


def key_bar(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{hint.display} {hint.description}" for hint in app.screen.query_one(KeyBar).hints]


@pytest.mark.parametrize("size", [SIZE, NARROW])
@pytest.mark.parametrize(("key", "view"), VIEWS)
async def test_question_mark_lists_every_key_from_the_view_and_esc_comes_back_to_it(
    demo_store: Store, make_test_app, key: str, view: type, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, view))
        await pilot.pause()
        shown = app.screen
        assert "? Keys" in key_bar(app)
        focused = shown.focused

        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))

        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is shown)
        await pilot.pause()
        assert shown.focused is focused
        # Still the view's keys: esc now closes it, as before.
        assert "? Keys" in key_bar(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, view))
