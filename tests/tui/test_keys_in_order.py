"""Keys typed faster than the app acts on them still do what they would have done one at a time:
a key that moves the focus (``n`` starts notes) has moved it before the next key is given out."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.widgets import Input

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp

from .conftest import SIZE, wait_for

MakeApp = Callable[[Store], InterviewApp]


def send_as_typed(app: InterviewApp, *keys: str) -> None:
    """Keys as a fast typist's arrive from the terminal: all at once, none waiting for the one
    before to have its effect."""
    assert app._driver is not None
    for key in keys:
        event = events.Key(key, {"space": " ", "slash": "/", "enter": "\r", "tab": "\t"}.get(key, key))
        event.set_sender(app)
        app._driver.send_message(event)


@pytest.mark.parametrize("words", ["hello world", "Hired through a referral"])
async def test_every_letter_typed_right_after_n_lands_in_the_notes(
    demo_store: Store, make_test_app: MakeApp, words: str
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.main_screen.notes_pane.editor
        send_as_typed(app, "n", *["space" if c == " " else c for c in words])
        await wait_for(pilot, lambda: editor.has_focus and words.split()[-1] in editor.text)
        assert f"\n{words}\n" in editor.text


async def test_every_letter_typed_right_after_the_filter_key_lands_in_the_filter(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_as_typed(app, "slash", *"sam")
        box = app.main_screen.contacts_pane.filter_input
        await wait_for(pilot, lambda: box.value.endswith("m"))
        assert box.value == "sam"


async def test_a_key_typed_at_once_after_enter_in_the_filter_acts_on_the_list(
    demo_store: Store, make_test_app: MakeApp
) -> None:

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.main_screen.contacts_pane.filter_input
        send_as_typed(app, "slash", *"sam", "enter", "e")
        await wait_for(pilot, lambda: contact_form_up(app))
        assert box.value == "sam"
        assert app.screen.query_one("#field-name", Input).value == "Sam Sample"


def contact_form_up(app: InterviewApp) -> bool:
    """The contact form shown with its fields: shown as soon as it is pushed, a form built
    ahead may still be mounting them."""
    from interview_tui.tui.screens.contact_form import ContactForm

    return isinstance(app.screen, ContactForm) and bool(app.screen.query("#field-name"))


def send_paste(app: InterviewApp, text: str) -> None:
    """A paste as the terminal delivers it, in the same burst as the keys before it."""
    assert app._driver is not None
    event = events.Paste(text)
    event.set_sender(app)
    app._driver.send_message(event)


@pytest.mark.parametrize("tabs", [1, 3])
async def test_a_paste_right_after_tab_lands_in_the_field_tab_moved_to(
    store: Store, make_test_app: MakeApp, tabs: int
) -> None:

    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: contact_form_up(app))
        send_as_typed(app, "N", *["tab"] * tabs)
        send_paste(app, "Pasted Words")
        send_as_typed(app, "!")  # typed after the paste: it follows it, in the same field
        form = app.screen
        fields = [spec.name for spec in form.fields]
        landed = form.query_one(f"#field-{fields[tabs]}", Input)
        await wait_for(pilot, lambda: landed.value.endswith("!"))
        assert form.query_one("#field-name", Input).value == "N"
        assert landed.value == "Pasted Words!"


async def test_a_paste_of_several_lines_into_a_one_line_field_keeps_every_word(store: Store, make_test_app: MakeApp) -> None:

    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: contact_form_up(app))
        await pilot.press(*"Sam", "space")
        send_paste(app, "Sample\r\n  of Northwind  \n\nLabs\n")
        name = app.screen.query_one("#field-name", Input)
        await wait_for(pilot, lambda: "Labs" in name.value)
        assert name.value == "Sam Sample of Northwind Labs"


@pytest.mark.parametrize("event", [events.Key("less_than_sign", "<"), events.Paste("late")], ids=["key", "paste"])
async def test_a_key_or_a_paste_arriving_as_the_app_closes_is_let_go_without_an_error(
    demo_store: Store, make_test_app: MakeApp, event: events.Event
) -> None:
    """Typed just before the app closed, a key can still be on its way once the last screen is
    gone (it came up as an error at the end of a session, in a test that typed a burst)."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stack = app._screen_stacks[app._current_mode]
        screens = list(stack)
        stack.clear()  # as the app is when it has closed its last screen
        try:
            await app.on_event(event)
        finally:
            stack.extend(screens)
        assert app.screen is screens[-1]
