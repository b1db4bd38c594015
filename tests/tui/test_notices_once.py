"""A notice is shown once, wherever the person is looking: the one on the main screen is not
drawn again, dimmed, behind a dialog opened while it is up (the dialog shows it at its top), nor
is it shown twice once the dialog closes."""

from __future__ import annotations

import pytest

from interview_tui.tui.screens.form import FormScreen

from .conftest import wait_for
from .test_insight_views import screen_text

LOGGED = "Logged:"


@pytest.mark.parametrize("size", [(40, 20), (80, 24), (120, 36)])
async def test_a_notice_is_shown_once_while_a_dialog_is_open_over_it_and_after(demo_store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    app.NOTIFICATION_TIMEOUT = 600  # still up at the end however slowly the test runs
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("c", "ctrl+s")  # in touch today: a notice on the main screen
        await wait_for(pilot, lambda: app.screen is app.main_screen and LOGGED in screen_text(app))
        assert screen_text(app).count(LOGGED) == 1
        await pilot.press("f")  # a dialog over it while the notice is up
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.pause()
        assert screen_text(app).count(LOGGED) == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main_screen)
        await pilot.pause()
        assert screen_text(app).count(LOGGED) == 1
