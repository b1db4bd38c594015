"""Shared fixtures for the TUI tests: a fixed clock, throwaway workspaces, and the app factory."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import textual._wait
from textual.pilot import Pilot

from interview_tui.core.demo import seed_demo
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp, make_app

# Pilot waits after each key until the app is idle, judged by sleeping in slices and finding
# one in which the process hardly ran. Textual's slice is 20 ms, and a key takes two waits of
# usually two slices each: 80 ms or more a key, the larger part of many tests. Slices of 5 ms (idle
# still meaning under a twentieth of the slice on the processor) let it go on four times
# sooner; a test that needs a later state (a table read after start-up, a worker done) waits
# for that state with ``wait_for``, never on the slice's length. Textual is pinned exactly, so
# these two module names are stable.
textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00: the "now" of every TUI test."""

SIZE = (120, 36)
NARROW = (80, 24)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def store(tmp_path: Path, now: datetime) -> Iterator[Store]:
    """An empty workspace in a temporary file, with the clock stopped at ``now``."""
    opened = Store.open(tmp_path / "w.json", clock=lambda: now)
    yield opened
    opened.close()


@pytest.fixture
def demo_store(store: Store) -> Store:
    """The sample workspace (seven contacts, four open follow-ups) at ``now``."""
    seed_demo(store)
    return store


@pytest.fixture
def make_test_app() -> Callable[[Store], InterviewApp]:
    """Build the app the way the CLI does, with the cursor blink off so every frame is the same."""

    def build(store: Store) -> InterviewApp:
        return make_app(store, cursor_blink=False)

    return build


async def wait_for(pilot: Pilot, predicate: Callable[[], object], timeout: float = 5.0) -> None:
    """Let the app run until ``predicate()`` holds; fail after ``timeout`` seconds of waiting.

    Waiting on what the test needs (the draft saved, the results listed) rather than for a fixed
    time keeps a test right on a loaded machine and quick on an idle one.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    await pilot.pause()
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"still not true after {timeout}s: {predicate.__doc__ or predicate}")
        await asyncio.sleep(0.02)
        await pilot.pause()


async def open_screen(pilot: Pilot, screen: Any, callback: Callable[[Any], object] | None = None) -> Any:
    """Push ``screen`` as the app does, let the app run until the screen shown is built and laid
    out, and return that screen.

    The app may show a dialog of the same kind that it built ahead, given ``screen``'s values
    (tui/form_cache.py), rather than ``screen`` itself: a test asks what is shown, not the
    instance it pushed. And pushing only asks for the screen: on a loaded machine one pause can
    end before it has its widgets.
    """
    app = pilot.app
    app.push_screen(screen, callback)
    await wait_for(pilot, lambda: type(app.screen) is type(screen) and app.screen.is_mounted and app.screen.size.width)
    await pilot.pause()
    return app.screen


def exit_messages(app: InterviewApp) -> list[str]:
    """What the app will say on the terminal as it ends, one entry per exit (filled as it exits)."""
    said: list[str] = []
    real_exit = app.exit

    def exit(*args: Any, message: Any = None, **kwargs: Any) -> None:
        said.append(str(message) if message is not None else "")
        real_exit(*args, message=message, **kwargs)

    app.exit = exit  # type: ignore[method-assign]
    return said


def drawn_behind(modal: Any, beneath: Any, backdrop: Any = None) -> list[Any]:
    """The lines ``modal`` draws behind its frame over ``beneath``: what it renders itself, or
    ``backdrop`` in its place (Textual's ``BackgroundScreen``, to set the two side by side)."""
    from textual._context import visible_screen_stack
    from textual.visual import Visual, visualize

    token = visible_screen_stack.set([beneath])
    try:
        visual = visualize(modal, backdrop if backdrop is not None else modal.render())
    finally:
        visible_screen_stack.reset(token)
    width, height = modal.size
    return Visual.to_strips(modal, visual, width, height, modal.visual_style)
