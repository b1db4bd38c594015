"""The dashboard's funnel keeps one line per step at every width: its bars shrink with the
terminal (and go when there is no room), rather than wrapping some steps onto two lines and
leaving others on one."""

from __future__ import annotations

import pytest

from interview_tui.tui.screens.dashboard import FUNNEL_BAR, DashboardScreen, open_dashboard

STEPS = [("identified", "7", "100%"), ("asked", "5", "71%"), ("scheduled", "4", "57%"),
         ("interviewed", "3", "43%"), ("thanked", "2", "29%")]  # fmt: skip


def funnel_lines(screen: DashboardScreen) -> list[str]:
    funnel = screen.query_one("#funnel")
    return [funnel.render_line(y).text for y in range(funnel.size.height)]


@pytest.mark.parametrize("size", [(40, 20), (50, 20), (80, 24), (120, 36)])
async def test_each_step_of_the_funnel_is_one_whole_line_at_any_width(demo_store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        open_dashboard(app.main_screen)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        shown = funnel_lines(screen)
        assert len(shown) == len(STEPS)  # no line wrapped onto a second, none blank
        rows = [line.split() for line in shown]
        assert [(row[0], row[1], row[-1]) for row in rows] == STEPS
        bars = [row[2] if len(row) == 4 else "" for row in rows]
        # Every bar shorter than the one above it (the counts go down), within the room there is.
        assert [len(b) for b in bars] == sorted((len(b) for b in bars), reverse=True)
        assert all(len(b) <= FUNNEL_BAR for b in bars)
        assert bars[0], "at these widths there is room for a bar"


async def test_the_funnel_is_drawn_again_for_a_new_width(demo_store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        open_dashboard(app.main_screen)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        wide = funnel_lines(screen)[0].split()[2]
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        narrow = [line.split() for line in funnel_lines(screen)]
        assert len(narrow) == len(STEPS)
        assert len(narrow[0][2]) < len(wide) == FUNNEL_BAR
