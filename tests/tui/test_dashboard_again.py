"""The dashboard opened a second time: the screen built for the first is shown again (it is kept,
see tui/form_cache.py), and nothing of the first opening may show through: figures, the row
chosen, the scroll, the width it was laid out for, figures worked out for the first."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import datetime

import pytest
from textual.widgets import Static

from interview_tui.core import insight
from interview_tui.core.insight import DashboardFigures
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens import dashboard
from interview_tui.tui.screens.dashboard import DashboardBody, DashboardScreen
from interview_tui.tui.screens.main import MainScreen

from .conftest import NARROW, SIZE, wait_for

MakeApp = Callable[[Store], InterviewApp]


def _text(screen: DashboardScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def _funnel(screen: DashboardScreen) -> list[tuple[str, str]]:
    return [(row.split()[0], row.split()[1]) for row in _text(screen, "#funnel").splitlines()]


async def _open(pilot, app: InterviewApp) -> DashboardScreen:  # type: ignore[no-untyped-def]
    await pilot.press("D")
    await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
    await pilot.pause()
    assert isinstance(app.screen, DashboardScreen)
    return app.screen


async def _close(pilot, app: InterviewApp) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("escape")
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_a_second_dashboard_counts_what_was_added_since_the_first(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        first = await _open(pilot, app)
        assert _funnel(first)[0] == ("identified", "7")
        await _close(pilot, app)
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ContactForm")
        await pilot.press(*"Quinn Placeholder", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        again = await _open(pilot, app)
        assert again is first  # shown again, not built again
        assert _funnel(again)[0] == ("identified", "8")
        assert "8 contacts" in _text(again, "#dashboard-title")


async def test_a_second_dashboard_opens_on_the_first_overdue_row_with_the_list_focused(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        first = await _open(pilot, app)
        await pilot.press("j")
        assert first.overdue_list.cursor == 1
        await pilot.press("tab")  # the focus on the panels, away from the list
        assert not first.overdue_list.has_focus
        await _close(pilot, app)
        again = await _open(pilot, app)
        assert again.overdue_list.cursor == 0
        assert app.focused is again.overdue_list
        await pilot.press("enter")  # the first row's person, as in a dashboard never opened before
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.main_screen.contact is not None and app.main_screen.contact.name == "Aunt Example"


async def test_a_second_dashboard_is_laid_out_for_the_terminal_as_it_is_now(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        narrow = await _open(pilot, app)
        assert narrow.has_class("-narrow")
        await pilot.press("G")  # scrolled to the bottom, stacked
        await pilot.wait_for_scheduled_animations()
        body = narrow.query_one(DashboardBody)
        assert body.scroll_y > 0
        await _close(pilot, app)
        assert (await _open(pilot, app)).query_one(DashboardBody).scroll_y == 0  # at its top again
        await _close(pilot, app)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        wide = await _open(pilot, app)
        assert not wide.has_class("-narrow") and not wide.has_class("-phone")
        assert app.focused is wide.overdue_list  # side by side, the list has the keys
        await _close(pilot, app)
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        narrow_again = await _open(pilot, app)
        assert narrow_again.has_class("-narrow")
        assert narrow_again.query_one(DashboardBody).scroll_y == 0  # at its top, the funnel
        assert app.focused is narrow_again.query_one(DashboardBody)


RETURNED: list[int] = []
"""Which workings out of the figures have returned theirs, in order."""


@pytest.fixture
def figures_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> list[threading.Event]:
    """Every workspace counts as large, and each working out of the figures waits for its own
    event, in the order they began; the first one's figures say 999 contacts, to be told apart."""
    releases: list[threading.Event] = []
    RETURNED.clear()
    calls = 0
    lock = threading.Lock()
    work_out = insight.dashboard_figures

    def held(store: Store, now: datetime) -> DashboardFigures:
        nonlocal calls
        with lock:
            mine, calls = calls, calls + 1
        while len(releases) <= mine:
            releases.append(threading.Event())
        assert releases[mine].wait(10), "the test never let the figures through"
        figures = work_out(store, now)
        RETURNED.append(mine)
        return dataclasses.replace(figures, contacts=999) if mine == 0 else figures

    for _ in range(2):
        releases.append(threading.Event())
    monkeypatch.setattr(dashboard, "IN_THE_BACKGROUND_FROM", 0)
    monkeypatch.setattr(dashboard, "dashboard_figures", held)
    return releases


async def test_figures_worked_out_for_a_dashboard_closed_early_never_show_in_the_next(
    demo_store: Store, make_test_app: MakeApp, figures_one_at_a_time: list[threading.Event]
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        first = await _open(pilot, app)
        assert _text(first, "#funnel") == dashboard.WORKING
        await _close(pilot, app)
        again = await _open(pilot, app)
        assert again is first
        assert _text(again, "#funnel") == dashboard.WORKING
        assert "7 contacts" in _text(again, "#dashboard-title")
        figures_one_at_a_time[0].set()  # the first opening's figures come now: not this one's
        await wait_for(pilot, lambda: RETURNED == [0])
        await pilot.pause(0.2)  # what the thread handed to the screen has been done by now
        assert _text(again, "#funnel") == dashboard.WORKING
        assert "999" not in _text(again, "#dashboard-title")
        figures_one_at_a_time[1].set()
        await wait_for(pilot, lambda: _text(again, "#funnel") != dashboard.WORKING)
        assert _funnel(again)[0] == ("identified", "7")
        assert "7 contacts" in _text(again, "#dashboard-title")
        assert again.overdue_list.border_title == "Overdue follow-ups · 2"


async def test_a_dashboard_shown_again_while_its_figures_are_worked_out_says_so_in_every_panel(
    demo_store: Store, make_test_app: MakeApp, figures_one_at_a_time: list[threading.Event]
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        first = await _open(pilot, app)
        figures_one_at_a_time[0].set()
        await wait_for(pilot, lambda: _text(first, "#funnel") != dashboard.WORKING)
        assert first.overdue_list.rows
        await _close(pilot, app)
        again = await _open(pilot, app)
        for panel in ("#funnel", "#replies", "#weekly", "#fields", "#companies"):
            assert _text(again, panel) == dashboard.WORKING, panel
        assert again.overdue_list.rows == []
        assert again.overdue_list.border_title == "Overdue follow-ups"
        assert again.query_one("#weekly").border_subtitle == ""
        figures_one_at_a_time[1].set()
        await wait_for(pilot, lambda: _text(again, "#funnel") != dashboard.WORKING)
        assert again.overdue_list.border_title == "Overdue follow-ups · 2"


async def test_the_overdue_list_with_the_keys_stays_in_view_when_the_terminal_narrows(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        screen = await _open(pilot, app)
        await pilot.press("tab")  # stacked: the list has the keys, scrolled into view
        await pilot.wait_for_scheduled_animations()
        assert app.focused is screen.overdue_list
        await pilot.resize_terminal(*SIZE)  # side by side
        await pilot.pause()
        await pilot.resize_terminal(40, 20)  # stacked again, at a phone's width
        await wait_for(pilot, lambda: screen.has_class("-phone"))
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        body = screen.query_one(DashboardBody)
        assert app.focused is screen.overdue_list
        shown = body.region
        assert shown.overlaps(screen.overdue_list.region), "the list with the keys is out of view"
