"""Closing the search lets its index go: at 50,000 contacts it is tens of megabytes, which the
rest of the session would otherwise carry (Textual keeps a closed screen referred to a while)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

import pytest

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens import search as search_screen_module
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.search import SearchScreen

from .conftest import wait_for

SIZE = (120, 36)


@pytest.mark.parametrize("on_a_thread", [False, True], ids=["made-at-once", "made-on-a-thread"])
async def test_closing_the_search_lets_its_index_go(
    demo_store: Store, make_test_app: Callable[[Store], InterviewApp], monkeypatch: pytest.MonkeyPatch, on_a_thread: bool
) -> None:
    if on_a_thread:
        monkeypatch.setattr(search_screen_module, "AT_ONCE", 0)  # as at 50,000 contacts
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.index is not None)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.index is not None
        index = weakref.ref(screen.index)
        await pilot.press(*"sam")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen) and bool(app.screen.results.rows))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        del screen
        gc.collect()
        await wait_for(pilot, lambda: gc.collect() is not None and index() is None)
        # And the search works as before when opened again.
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.index is not None)
        await pilot.press(*"sam")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen) and bool(app.screen.results.rows))
