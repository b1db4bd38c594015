"""The app as the program runs it: every save written by a thread of its own, so the screen is
drawn while the disk works. What must not change: a form closes only once what it saved is in
the file; a form whose save fails stays open with the message and changes nothing, in the file
or in memory (saving it again makes no second copy, esc really cancels); quitting waits for the
last save; notes that could not be saved are kept and tried again."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.widgets import Static

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp, make_app
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.main import MainScreen

from .conftest import wait_for as wait_a_little
from .test_failed_save_forms import break_the_disk

SIZE = (120, 36)


async def wait_for(pilot: Any, predicate: Callable[[], object]) -> None:
    """As conftest's, with room for a disk write on a loaded machine."""
    await wait_a_little(pilot, predicate, timeout=20)


@pytest.fixture
def make_background_app() -> Callable[[Store], InterviewApp]:
    def build(store: Store) -> InterviewApp:
        return make_app(store, cursor_blink=False, background_saves=True)

    return build


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed save is tried again every 0.2 s instead of every few seconds."""
    from interview_tui.tui.screens import main

    monkeypatch.setattr(main, "SAVE_RETRY_SECONDS", 0.2)


def shown_errors(form: FormScreen[Any]) -> list[str]:
    return [str(error.render()) for error in form.query(".form-error.-shown").results(Static)]


def hang_up(app: InterviewApp) -> None:
    """What SIGHUP does, but the app then ends on its own, not by ending this test's process."""
    app._end_session("the terminal went away")
    assert app.watchdog is not None
    app.watchdog.cancel()


def slow_down_the_disk(store: Store, monkeypatch: pytest.MonkeyPatch, seconds: float = 1.0) -> None:
    """Each write takes a second longer: long enough to be seen not waited for."""
    real = store.storage._write_payload

    def slow_disk(payload: Any) -> Any:
        time.sleep(seconds)
        return real(payload)

    monkeypatch.setattr(store.storage, "_write_payload", slow_disk)


def hold_the_disk(store: Store, monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Each write waits until the returned event is set: a save stays under way for as long as
    the test needs to see it so, however slowly a loaded machine lets the test look."""
    real = store.storage._write_payload
    released = threading.Event()

    def held_disk(payload: Any) -> Any:
        released.wait(timeout=60)
        return real(payload)

    monkeypatch.setattr(store.storage, "_write_payload", held_disk)
    return released


async def test_a_form_closes_once_what_it_saved_is_in_the_file(store: Store, make_background_app, monkeypatch) -> None:
    app = make_background_app(store)
    slow_down_the_disk(store, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        assert store.storage.writes_in_background
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"Alex Example", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert store.writes_settled()
        # Closed means written: the file holds the contact at that moment.
        assert "Alex Example" in store.path.read_text()
        assert not store.has_unsaved_changes


async def test_quitting_right_after_a_change_waits_for_it_to_be_written(
    store: Store, make_background_app, monkeypatch
) -> None:
    app = make_background_app(store)
    slow_down_the_disk(store, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        store.add_contact(Contact(name="Sam Sample"))  # handed to the writer; q at once
        await pilot.press("q")
    assert "Sam Sample" in store.path.read_text()
    assert not store.has_unsaved_changes


async def test_notes_whose_background_save_fails_stay_and_are_saved_once_the_disk_is_back(
    demo_store, make_background_app, monkeypatch, quick_retries
) -> None:
    store = demo_store
    app = make_background_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.query_one("#interview-list").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.notes_pane.editor.has_focus)
        with monkeypatch.context() as broken:
            break_the_disk(broken)
            await pilot.press(*"kept no matter what")
            screen.notes_pane.flush()
            await wait_for(pilot, lambda: screen._saving_fails)
            assert "kept no matter what" in screen.notes_pane.editor.text
            assert "kept no matter what" not in store.path.read_text()
        # The disk is back: the retry (a timer, no key pressed) saves them.
        await wait_for(pilot, lambda: "kept no matter what" in store.path.read_text())
        await wait_for(pilot, lambda: not screen._saving_fails)
        await pilot.press("escape", "q")
    assert app.return_code in (0, None)


async def test_a_failed_and_cancelled_form_leaves_nothing_unsaved_so_quitting_is_not_refused(
    demo_store, make_background_app, monkeypatch
) -> None:
    store = demo_store
    on_disk = store.path.read_bytes()
    app = make_background_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.main_screen.contacts_pane.contact_list.focus()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen)
        with monkeypatch.context() as broken:
            break_the_disk(broken)
            await pilot.press(*"Bo Placeholder", "ctrl+s")
            await wait_for(pilot, lambda: any("could not save" in error for error in shown_errors(form)))
        # The form says it; nothing else claims that typing will be tried again.
        assert not [n for n in app._notifications if "Trying again" in n.message]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert not store.has_unsaved_changes
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)
    assert store.path.read_bytes() == on_disk


async def test_a_hang_up_while_a_form_saves_rescues_nothing_once_it_is_written(
    store: Store, make_background_app, monkeypatch
) -> None:
    from interview_tui.core.rescue import find_rescues

    app = make_background_app(store)
    slow_down_the_disk(store, monkeypatch, seconds=0.5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press(*"Hup Example")
        saving = asyncio.create_task(form.action_save())  # ctrl+s, without waiting for it
        await wait_for(pilot, lambda: form.saving)
        await pilot.pause()
        # While it lasts, the form says why it is still there.
        assert "saving" in str(form.query_one("#form-hint", Static).render())
        hang_up(app)
        await saving
    assert "Hup Example" in store.path.read_text()
    assert find_rescues(store.path) == []  # it was saved: a rescue file would invite a second copy


def send_as_typed(app: InterviewApp, *keys: str) -> None:
    """Keys as a fast typist's arrive from the terminal: all at once, none waiting for the one
    before to have its effect (ctrl+s comes as the control character the terminal sends)."""
    assert app._driver is not None
    for key in keys:
        character = "\x13" if key == "ctrl+s" else key
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_keys_typed_while_a_form_is_still_being_saved_go_where_they_would_once_it_closes(
    store: Store, make_background_app, monkeypatch
) -> None:
    # The save outlasts the moment after which keys stuck behind a lost one are let go: the
    # keys after ctrl+s must still wait for the form to close, not land in it or be lost.
    app = make_background_app(store)
    slow_down_the_disk(store, monkeypatch, seconds=1.5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_as_typed(app, "a", *"Alex", "ctrl+s", "a", *"Bea", "ctrl+s")
        await wait_for(pilot, lambda: "Bea" in store.path.read_text() and isinstance(app.screen, MainScreen))
        names = sorted(contact.name for contact in store.contacts())
        assert names == ["Alex", "Bea"]


async def test_keys_still_waiting_when_the_terminal_goes_away_are_kept_in_the_rescue_file(
    store: Store, make_background_app, monkeypatch
) -> None:
    from interview_tui.core.rescue import find_rescues

    app = make_background_app(store)
    disk_released = hold_the_disk(store, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_as_typed(app, "a", *"Alex", "ctrl+s", "a", *"Bea Sample")
        # The first form is being saved; what comes after it waits for it to close.
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen) and app.screen.saving)
        # The disk finishes the save a moment after the terminal has gone.
        threading.Timer(0.5, disk_released.set).start()
        hang_up(app)
    assert "Alex" in store.path.read_text()
    [rescued] = find_rescues(store.path)
    assert "Bea Sample" in rescued.read_text()


async def test_notes_started_on_a_full_disk_are_typed_into_kept_and_saved_once_the_disk_is_back(
    demo_store, make_background_app, monkeypatch, quick_retries
) -> None:
    # n made the conversation, its save failed and took it back, and the words typed after n
    # lost their editor: the rest ran as commands (t opened a form and typed over a name).
    store = demo_store
    loner = next(contact for contact in store.contacts() if not store.interviews(contact.id))
    app = make_background_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("slash", *loner.name.split()[0].lower(), "enter")
        await wait_for(pilot, lambda: screen.contact is not None and screen.contact.id == loner.id)
        with monkeypatch.context() as broken:
            break_the_disk(broken)
            send_as_typed(app, "n", *"she said to email tom")
            await wait_for(pilot, lambda: screen._saving_fails)
            await wait_for(pilot, lambda: "she said to email tom" in screen.notes_pane.editor.text)
            assert isinstance(app.screen, MainScreen)  # no form opened by a letter
            assert screen.notes_pane.editor.has_focus
            send_as_typed(app, *" and dan")
            await wait_for(pilot, lambda: "she said to email tom and dan" in screen.notes_pane.editor.text)
        await wait_for(pilot, lambda: "she said to email tom and dan" in store.path.read_text())
        await wait_for(pilot, lambda: not screen._saving_fails)
        [conversation] = store.interviews(loner.id)
        assert "she said to email tom and dan" in store.path.read_text()
        assert conversation.id is not None
        await pilot.press("escape", "q")
    assert app.return_code in (0, None)


async def test_an_undo_whose_save_fails_is_said_to_be_taken_back_and_none_is_tried_while_saving_fails(
    demo_store, make_background_app, monkeypatch, quick_retries
) -> None:
    # "Undone: ..." was said, the save failed and put it back, and nothing more was said while
    # notes were waiting: the screen claimed an undo that had not happened.
    store = demo_store
    app = make_background_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        send_as_typed(app, "a", *"Bo Placeholder", "ctrl+s")
        await wait_for(pilot, lambda: "Bo Placeholder" in store.path.read_text() and isinstance(app.screen, MainScreen))
        with monkeypatch.context() as broken:
            break_the_disk(broken)
            await pilot.press("u")
            await wait_for(pilot, lambda: any("Taken back: The undo of" in n.message for n in app._notifications))
            assert any(c.name == "Bo Placeholder" for c in store.contacts())
            await pilot.pause(0.2)
            assert not [n for n in app._notifications if n.title == "Undo"]  # never said to be undone
            # Notes that cannot be saved: an undo is not even tried.
            screen.query_one("#interview-list").focus()
            await pilot.press("enter", *"kept words", "escape")
            await wait_for(pilot, lambda: screen._saving_fails)
            await pilot.press("u")
            await pilot.pause()
            assert any(n.title == "Not undone" for n in app._notifications)
            assert any(c.name == "Bo Placeholder" for c in store.contacts())
        await wait_for(pilot, lambda: "kept words" in store.path.read_text())
        await wait_for(pilot, lambda: not screen._saving_fails)
        await pilot.press("u")  # the disk is back: undone, and said so once it is in the file
        await wait_for(pilot, lambda: any(n.title == "Undo" for n in app._notifications))
        assert "Bo Placeholder" not in store.path.read_text()
        await pilot.press("q")


async def test_once_saving_works_again_an_open_form_is_not_said_to_be_saved(
    demo_store, make_background_app, monkeypatch, quick_retries
) -> None:
    # "Saved: everything typed is in the file now" came over a form whose save had failed.
    store = demo_store
    app = make_background_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        with monkeypatch.context() as broken:
            break_the_disk(broken)
            screen.query_one("#interview-list").focus()
            await pilot.press("enter", *"kept words", "escape")
            await wait_for(pilot, lambda: screen._saving_fails)
            screen.contacts_pane.contact_list.focus()
            send_as_typed(app, "a", *"Bo Placeholder", "ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, FormScreen) and shown_errors(app.screen))
        await wait_for(pilot, lambda: any(n.title == "Saved" for n in app._notifications))
        [said] = [n.message for n in app._notifications if n.title == "Saved"]
        assert said == "Saved: your notes are in the file now. The open form is not: press ctrl+s in it."
        assert "kept words" in store.path.read_text() and "Bo Placeholder" not in store.path.read_text()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Bo Placeholder" in store.path.read_text())


async def test_keys_read_but_not_yet_handled_when_the_terminal_goes_are_saved_too(
    demo_store, make_background_app
) -> None:
    # A hang-up right after typing saved what the app had handled so far: "start i" of
    # "start inflight" (found by a tester, with kill -HUP).
    store = demo_store
    app = make_background_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        screen.query_one("#interview-list").focus()
        await pilot.press("enter", *"start")
        await wait_for(pilot, lambda: screen.notes_pane.editor.has_focus)
        send_as_typed(app, *" inflight words")
        hang_up(app)
        await wait_for(pilot, lambda: not app.is_running)
    assert "start inflight words" in store.path.read_text()


async def test_a_key_typed_right_after_the_enter_that_saves_a_form_waits_for_it_to_close(
    demo_store: Store, make_background_app, monkeypatch
) -> None:
    # Enter in the form's last field saves by way of a message, once enter itself is done: the
    # D typed with it was given to the form while it was being written, and went with it.
    from interview_tui.tui.screens.dashboard import DashboardScreen
    from interview_tui.tui.screens.queue_forms import DoneForm

    app = make_background_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main_screen._focus_pane("followups-pane")
        await wait_for(pilot, lambda: app.main_screen.followups_pane.followup_list.has_focus)
        slow_down_the_disk(demo_store, monkeypatch, seconds=0.5)
        for key, character in (("x", "x"), ("enter", "\r"), ("D", "D")):  # as the terminal sends them, at once
            event = events.Key(key, character)
            event.set_sender(app)
            app._driver.send_message(event)
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert not any(isinstance(screen, DoneForm) for screen in app.screen_stack)
        # Not typed into the form's note on its way out either.
        assert not any(f.note.endswith("D") for f in demo_store.followups(include_done=True))
