"""Typing never waits in the search either: a character typed is drawn in the same frame as the
results it finds, and on a large workspace the search is on screen before anything is read for
its index. Frames are read off a mirror of the terminal (see test_filter_latency.py)."""

from __future__ import annotations

import pytest

from interview_tui.core import search as core_search
from interview_tui.core.search import SearchIndex, Sources
from interview_tui.core.store import Store
from interview_tui.tui.screens import search as search_screen_module
from interview_tui.tui.screens.search import SearchScreen

from .conftest import wait_for
from .test_filter_latency import Mirror

SIZE = (120, 36)


async def test_a_character_typed_into_the_search_is_drawn_with_its_results(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        mirror = Mirror(app)
        screen.refresh()  # one whole frame, so the mirror starts from the full picture
        await wait_for(pilot, lambda: bool(mirror.frames))
        box, results = screen.query_input, screen.results
        typed = ""
        for key in [*"portfolio", *["backspace"] * 6, *"xyz"]:
            typed = typed[:-1] if key == "backspace" else typed + key
            before = len(mirror.frames)
            await pilot.press(key)
            await wait_for(pilot, lambda typed=typed, before=before: box.value == typed and len(mirror.frames) > before)
            want = [line.rstrip() for line in (results.render_line(y).text for y in range(results.size.height))]
            echo = next(
                frame for frame in mirror.frames[before:]
                if typed in mirror.text_in(frame, box.content_region)[0]
            )
            drawn = [line.rstrip() for line in mirror.text_in(echo, results.content_region)]
            assert drawn == want, typed
        assert box.value == "porxyz" and results.rows == []


async def test_a_large_workspace_shows_the_search_before_reading_it(
    demo_store: Store, make_test_app, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """The search box is on screen, ready for typing, before the records its index is made of
    are read (sorting 100,000 follow-ups alone held the screen back at 50,000 contacts)."""
    monkeypatch.setattr(search_screen_module, "AT_ONCE", 0)  # every workspace counts as large
    frames_at_read: list[int] = []
    real = Sources.read_unsorted.__func__  # type: ignore[attr-defined]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        mirror = Mirror(app)

        def noted(cls: type[Sources], store: Store) -> Sources:
            frames_at_read.append(len([f for f in mirror.frames if any("Search" in line for line in f[:2])]))
            return real(cls, store)

        monkeypatch.setattr(core_search.Sources, "read_unsorted", classmethod(noted))
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.index is not None)
        assert len(frames_at_read) == 1
        assert frames_at_read[0] >= 1, "the workspace was read before the search was on screen"
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"sam")
        await wait_for(pilot, lambda: [h.key for h in screen.results.rows] == [h.key for h in SearchIndex.build(demo_store).search("sam").hits])
