"""What the app does ahead of its use after the first frame, beyond the first form and the tables
read later (the other dialogs, the large tables made ready for their first change), comes in
steps longer than a frame: it waits while the person types, so that the first form of a session
opens with nothing else at work, and follows once they stop."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from interview_tui.core.demo import seed_demo
from interview_tui.core.store import Store
from interview_tui.tui import app as app_module
from interview_tui.tui import form_cache
from interview_tui.tui.app import InterviewApp, make_app
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.help import HelpScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.schedule_form import ScheduleForm
from interview_tui.tui.screens.trash import TrashScreen

from .conftest import NOW, SIZE, wait_for

AN_HOUR = 3600.0


def type_at_once(app: InterviewApp, *keys: str) -> None:
    """Keys as a fast typist's arrive from the terminal: all at once."""
    for key in keys:
        event = events.Key(key, key)
        event.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(event)


def built(app: InterviewApp) -> set[type]:
    return {type(s) for s in form_cache.kept(app).values() if s.is_mounted}


@pytest.fixture
def opened_as_the_command_does(tmp_path: Path) -> Store:
    path = tmp_path / "w.json"
    seeded = Store.open(path, clock=lambda: NOW)
    seed_demo(seeded)
    seeded.close()
    store = Store.open(path, clock=lambda: NOW, later=("interviews", "followups"))
    yield store
    store.close()


async def test_while_the_person_types_only_the_first_form_is_built_ahead_and_the_rest_follows_once_they_stop(
    opened_as_the_command_does: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = opened_as_the_command_does
    # Keys keep coming: the last one is never long enough ago for the longer work to go on.
    monkeypatch.setattr(form_cache, "QUIET", AN_HOUR)
    monkeypatch.setattr(app_module, "PREPARE_QUIET", AN_HOUR)
    app = make_app(store, cursor_blink=False, background_saves=True)
    async with app.run_test(size=SIZE) as pilot:
        # What the first key needs, and the panes, are done all the same.
        await wait_for(pilot, lambda: ContactForm in built(app) and not store.tables_read_later(), timeout=30)
        to_prepare = store.tables_to_prepare()
        assert to_prepare, "the command's way of opening leaves the large tables to be made ready"
        type_at_once(app, "a", *"Dee Example")
        await wait_for(pilot, lambda: isinstance(f := app.focused, Input) and f.value == "Dee Example", timeout=30)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and not store.has_unsaved_changes, timeout=30)
        assert "Dee Example" in [c.name for c in store.contacts()]
        # Nothing else was built, or made ready, while the person typed.
        assert built(app) == {ContactForm}
        assert not [s for s in form_cache.kept(app).values() if not isinstance(s, ContactForm)]
        assert set(store.tables_to_prepare()) == set(to_prepare) - {"contacts"}
        # The person stops: the rest follows, without a key.
        app.last_key_at = time.monotonic() - 2 * AN_HOUR
        await wait_for(
            pilot,
            lambda: {ScheduleForm, FollowUpForm, ConfirmScreen, HelpScreen, TrashScreen} <= built(app)
            and not store.tables_to_prepare(),
            timeout=30,
        )
        assert len(app.screen_stack) == 1  # built off screen, never shown



async def test_the_first_form_of_a_session_is_drawn_as_soon_as_it_is_shown_as_later_ones_are(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen draws at the ticks of a 60 Hz timer of its own, which counts from the first time
    it is started: a form shown for the first time waited a whole frame before it was drawn,
    where one shown again is drawn at once. The form built ahead has its clock started."""
    import sys

    from textual import timer as textual_timer

    events_seen: list[str] = []
    form_holder: list[ContactForm] = []
    real_sleep = textual_timer.sleep

    async def noting_sleep(seconds: float) -> None:
        caller = sys._getframe(1).f_locals.get("self")
        target = getattr(caller, "_target", None)
        if form_holder and target is not None and target() is form_holder[0]:
            events_seen.append("the form's clock waits")
        await real_sleep(seconds)

    monkeypatch.setattr(textual_timer, "sleep", noting_sleep)
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: ContactForm in built(app), timeout=30)
        form = next(s for s in form_cache.kept(app).values() if isinstance(s, ContactForm))
        await wait_for(pilot, lambda: form._styled_with is not None and not form._layout_required, timeout=30)
        await pilot.pause()
        display = app._display

        def noting_display(screen: object, renderable: object) -> None:
            if screen is form:
                events_seen.append("the form drawn")
            display(screen, renderable)

        app._display = noting_display  # type: ignore[method-assign]
        form_holder.append(form)
        type_at_once(app, "a", *"Sam")
        await wait_for(pilot, lambda: "the form drawn" in events_seen, timeout=30)
        assert app.screen is form
        assert events_seen[0] == "the form drawn"
