"""Opening the search over a large workspace: the screen is up and takes typing at once, while
its index is made on a thread; the results of whatever the box holds then follow."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from textual.widgets import Input

from interview_tui.core import search as core_search
from interview_tui.core.search import SearchIndex, Sources
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens import search as search_screen_module
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.search import GETTING_READY, LiveText, SearchScreen

from .conftest import wait_for

SIZE = (120, 36)

MakeApp = Callable[[Store], InterviewApp]


@pytest.fixture
def on_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every workspace counts as large: the index is made on a thread, as at 50,000 contacts."""
    monkeypatch.setattr(search_screen_module, "AT_ONCE", 0)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch, on_a_thread: None) -> Iterator[threading.Event]:
    """The index is not made until the test sets the event: the time it takes at 50,000
    contacts, as long as the test needs."""
    gate = threading.Event()
    real = SearchIndex.from_sources

    def slow(cls: type[SearchIndex], sources: Sources, cancelled: Callable[[], bool] | None = None) -> SearchIndex | None:
        gate.wait(10)
        return real(sources, cancelled)

    monkeypatch.setattr(core_search.SearchIndex, "from_sources", classmethod(slow))
    yield gate
    gate.set()  # never leave a worker waiting


def the_screen(app: InterviewApp) -> SearchScreen:
    assert isinstance(app.screen, SearchScreen), app.screen
    return app.screen


def result_lines(app: InterviewApp) -> list[str]:
    results = the_screen(app).results
    return [text for y in range(results.size.height) if (text := results.render_line(y).text.strip())]


def count_text(app: InterviewApp) -> str:
    return the_screen(app).query_one("#search-count", LiveText).text.plain


def expected_keys(store: Store, query: str) -> list[tuple[object, ...]]:
    return [hit.key for hit in SearchIndex.build(store).search(query).hits]


def shown_keys(app: InterviewApp) -> list[tuple[object, ...]]:
    return [hit.key for hit in the_screen(app).results.rows]


async def test_the_search_takes_typing_while_its_index_is_made(demo_store: Store, make_test_app: MakeApp, held: threading.Event) -> None:
    want = expected_keys(demo_store, "portfolio")
    assert len(want) == 3
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        screen = the_screen(app)
        assert app.focused is screen.query_input
        await pilot.press(*"portfolio")
        await wait_for(pilot, lambda: screen.query_input.value == "portfolio")
        # Every letter is in the box; the results say what they wait for, and nothing to open yet.
        assert result_lines(app) == [GETTING_READY]
        assert count_text(app).startswith("Getting ready to search")
        # Enter before there is anything to open waits for the results of what was typed, then
        # moves into them, as it would have for someone who waited for them (and the keys typed
        # after it wait too: a burst of ctrl+f, words, enter, enter and text opens the result).
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and app.focused is screen.query_input
        held.set()
        await wait_for(pilot, lambda: shown_keys(app) == want)
        assert count_text(app) == "3 found."
        assert result_lines(app)[0].startswith("about     Riley Mockup")
        await wait_for(pilot, lambda: app.focused is screen.results)
        # Back in the box, the results follow each keystroke, as on a small workspace.
        await pilot.press("ctrl+f", *" draft")
        await wait_for(pilot, lambda: shown_keys(app) == expected_keys(demo_store, "portfolio draft"))
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.main_screen.contact is not None and app.main_screen.contact.name == "Riley Mockup"


async def test_the_search_opens_again_with_the_last_query_and_its_results(
    demo_store: Store, make_test_app: MakeApp, on_a_thread: None
) -> None:
    want = expected_keys(demo_store, "sam")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press(*"sam")
        await wait_for(pilot, lambda: bool(the_screen(app).results.rows))
        assert shown_keys(app) == want
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert the_screen(app).query_one("#search-query", Input).value == "sam"
        await wait_for(pilot, lambda: shown_keys(app) == want)
        assert result_lines(app)[0].startswith("contact   Sam Sample")


async def test_closing_the_search_before_its_index_is_made_leaves_nothing_behind(
    demo_store: Store, make_test_app: MakeApp, held: threading.Event
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        closed = the_screen(app)
        await pilot.press(*"sam", "escape")
        await wait_for(pilot, lambda: app.screen is main)
        held.set()  # the abandoned index is finished now, and must go nowhere
        await wait_for(pilot, lambda: not [w for w in app.workers if w.group == "search-index"])
        assert app.screen is main and closed.index is None
        assert app.is_running
        # The next search is a search of its own, and gets its results.
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert the_screen(app) is not closed
        await wait_for(pilot, lambda: shown_keys(app) == expected_keys(demo_store, "sam"))


async def test_an_index_that_cannot_be_made_is_said_and_the_app_goes_on(
    demo_store: Store, make_test_app: MakeApp, monkeypatch: pytest.MonkeyPatch, on_a_thread: None
) -> None:
    def broken(cls: type[SearchIndex], sources: Sources, cancelled: Callable[[], bool] | None = None) -> SearchIndex | None:
        raise MemoryError("out of memory")

    monkeypatch.setattr(core_search.SearchIndex, "from_sources", classmethod(broken))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await wait_for(pilot, lambda: "could not be prepared" in " ".join(result_lines(app)))
        assert "out of memory" in result_lines(app)[0]
        await pilot.press(*"sam")
        await pilot.pause()
        assert app.is_running and "could not be prepared" in result_lines(app)[0]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
