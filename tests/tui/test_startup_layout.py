"""The main screen is laid out once as the app starts, not again each time Textual repeats the size
it already has; a real change of size still lays it out, whether it is the screen shown or one
beneath a dialog, and however often the terminal goes back and forth."""

from __future__ import annotations

from textual.widgets import Static

from interview_tui.tui.screens.main import MainScreen

from .conftest import wait_for

WIDE = (120, 36)
SMALL = (80, 24)
PANES = ("contacts-pane", "notes-pane", "followups-pane")


def shown_panes(screen: MainScreen) -> list[str]:
    return [pane for pane in PANES if screen.query_one(f"#{pane}").display and screen.query_one(f"#{pane}").region.area > 0]


def widths(screen: MainScreen) -> list[int]:
    return [screen.query_one(f"#{pane}").region.width for pane in PANES]


async def test_resizes_back_and_forth_are_each_laid_out(demo_store, make_test_app):  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: shown_panes(screen) == list(PANES))
        wide = widths(screen)
        # Contacts beside the right column, which holds the notes above the follow-ups.
        assert wide[0] + wide[1] <= WIDE[0] and wide[1] == wide[2] and min(wide) > 0
        for _ in range(2):
            await pilot.resize_terminal(*SMALL)
            await wait_for(pilot, lambda: shown_panes(screen) == ["contacts-pane"])
            assert screen.query_one("#contacts-pane").region.width == SMALL[0]
            assert screen.query_one("#pane-tabs", Static).region.area > 0
            await pilot.resize_terminal(*WIDE)
            await wait_for(pilot, lambda: shown_panes(screen) == list(PANES))
            assert widths(screen) == wide
        # The same size again changes nothing.
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert widths(screen) == wide


async def test_a_resize_under_a_dialog_is_there_when_the_dialog_closes(demo_store, make_test_app):  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: shown_panes(screen) == list(PANES))
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: shown_panes(screen) == ["contacts-pane"])
        assert screen.query_one("#contacts-pane").region.width == SMALL[0]
