"""D: the panel of asks answered counts the people the funnel beside it counts as asked. It said
"No asks logged yet" while the funnel counted someone asked by their stage or by a conversation
scheduled with no ask logged. The clock is Wednesday 25 November 2026, 10:00 (conftest.NOW)."""

from __future__ import annotations

from interview_tui.core import workflow
from interview_tui.core.models import Contact, Stage
from interview_tui.core.store import Store
from interview_tui.tui.screens.dashboard import DashboardScreen

from .conftest import wait_for
from .test_method import static_text

SIZE = (120, 36)


async def test_the_asks_answered_are_of_everyone_the_funnel_counts_as_asked(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    store.add_contact(Contact(name="Alex Example", stage=Stage.ASKED))  # as a CSV import sets it
    sam = store.add_contact(Contact(name="Sam Sample"))
    assert sam.id is not None
    workflow.schedule_interview(store, sam.id, "fri 3pm")  # no ask logged: a date agreed all the same
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.figures is not None)
        await pilot.pause()
        funnel = [line.split()[:2] for line in static_text(app.screen, "#funnel").splitlines()]
        assert funnel[1] == ["asked", "2"]
        replies = static_text(app.screen, "#replies")
        assert replies.startswith("50% reply rate: 1 of 2 asked answered")
        assert "No asks logged" not in replies
