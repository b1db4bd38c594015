"""The garbage collector's policy over a session (tui/collector.py): what lives for the session is
frozen at each rest on the main screen, so a full pass never walks what earlier keys made, and a
screen that was closed is freed rather than frozen with the rest."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from interview_tui.core.store import Store
from interview_tui.tui import collector
from interview_tui.tui.app import make_app
from interview_tui.tui.screens import dashboard, referrals

from .conftest import SIZE, wait_for


@pytest.fixture
def frozen_for_the_test() -> Iterator[None]:
    """The app freezes for real, as the program's does; everything is let go again after."""
    try:
        yield
    finally:
        gc.unfreeze()


async def test_each_screen_closed_is_freed_and_the_full_passes_do_not_grow(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, frozen_for_the_test: None
) -> None:
    # The dashboard and the referral tree worked out on a thread of their own, as at 2,000
    # contacts and more: a thread that still held a closed screen kept it from being freed.
    # (The dashboard is now kept on purpose, to be shown again: the tree and the palette are not.)
    monkeypatch.setattr(dashboard, "IN_THE_BACKGROUND_FROM", 0)
    monkeypatch.setattr(referrals, "IN_THE_BACKGROUND_FROM", 0)
    walked: list[int] = []

    def settle() -> None:
        walked.append(len(gc.get_objects()))  # what this full pass walks: nothing frozen
        collector.settle()

    app = make_app(demo_store, cursor_blink=False, freeze_long_lived=settle, freeze_built=collector.freeze_built)
    settler = app._settler
    assert settler is not None
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: settler.settled >= 1 and not demo_store.tables_read_later())
        main = app.screen
        kept: list[object] = []
        for _ in range(2):
            for key in ("D", "R", "ctrl+p"):
                settled = settler.settled
                await pilot.press(key)
                await wait_for(pilot, lambda: app.screen is not main)
                shown = weakref.ref(app.screen)
                if key == "D":
                    kept.append(app.screen)  # the dashboard is kept and shown again (form_cache)
                await wait_for(pilot, lambda: not app.workers or all(w.is_finished for w in app.workers))
                await pilot.press("escape")
                await wait_for(pilot, lambda settled=settled: app.screen is main and settler.settled > settled)
                if key != "D":
                    # Freed, not frozen: a frozen screen is never freed once it is garbage.
                    assert shown() is None, key
        assert kept[0] is kept[1]
    # Each pass walked what one screen left, not everything the session made before it.
    assert len(walked) >= 7
    assert max(walked[-3:]) < 2 * max(walked[1:4]) + 1000
