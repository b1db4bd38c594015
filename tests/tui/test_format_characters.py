"""Text typed into the app is kept as typed, format characters included: the zero-width joiner of
an emoji family (👨‍👩‍👧), the zero-width non-joiner of Persian spelling (می‌خواهم), the marks that
set the direction of right-to-left text. Textual's boxes took only what ``str.isprintable``
calls printable, so these vanished as they were typed (found by a tester), while the command
line kept them."""

from __future__ import annotations

import json
from collections.abc import Callable

from textual._xterm_parser import XTermParser

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.contact_form import ContactForm

from .conftest import SIZE, wait_for

MakeApp = Callable[[Store], InterviewApp]

NAME = "Sam می\u200cخواهم \U0001f468\u200d\U0001f469\u200d\U0001f467 \u200fRtl\u200e \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
"""A non-joiner, an emoji family held by joiners, direction marks, and a flag made of tags."""


def type_as_the_terminal_sends(app: InterviewApp, text: str) -> None:
    """``text`` as the terminal's bytes arrive and Textual's parser makes keys of them."""
    assert app._driver is not None
    for key in XTermParser().feed(text):
        key.set_sender(app)
        app._driver.send_message(key)


async def test_a_name_with_joiners_and_direction_marks_is_saved_as_typed(store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        type_as_the_terminal_sends(app, NAME)
        await wait_for(pilot, lambda: getattr(app.focused, "value", None) == NAME)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.main_screen)
    assert [contact.name for contact in store.contacts()] == [NAME]
    assert NAME in json.loads(store.path.read_bytes())["contacts"]["1"]["name"]


async def test_notes_with_joiners_are_kept_as_typed(store: Store, make_test_app: MakeApp) -> None:
    store.add_contact(Contact(name="Alex Example"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.main_screen.notes_pane.editor
        await pilot.press("n")
        await wait_for(pilot, lambda: editor.has_focus)
        type_as_the_terminal_sends(app, NAME)
        await wait_for(pilot, lambda: NAME in editor.text)
        await pilot.press("escape")  # leaving the notes saves them
        await wait_for(pilot, lambda: not editor.has_focus)
    [conversation] = store.all_interviews()
    assert NAME in conversation.notes + "".join(conversation.answers.values())


def test_only_format_characters_that_text_keeps_become_text() -> None:
    from textual import events

    from interview_tui.tui.typed_text import as_text

    for character in ("\u200d", "\u200c", "\u200e", "\u200f", "\u061c", "\U000e0067"):
        assert as_text(events.Key("x", character)).is_printable, repr(character)
    # Saving removes these (they reorder what follows them on screen), and a control is no text.
    for character in ("\u202e", "\u2066", "\x07", "\x1b"):
        assert not as_text(events.Key("x", character)).is_printable, repr(character)
    letter = events.Key("a", "a")
    assert as_text(letter) is letter
