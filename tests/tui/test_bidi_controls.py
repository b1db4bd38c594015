"""Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) reverse or
reorder what follows them on screen, and saving removes them (core/text.py). Typed, they were
never taken; pasted into the notes or any box, they were drawn there meanwhile, the text after
them shown backwards. A paste arrives without them, as it will be saved. The direction marks
(U+200E, U+200F) only steer the characters around them and are kept, typed or pasted, as saving
keeps them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, TextArea

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.contact_form import ContactForm

from .conftest import SIZE, wait_for
from .test_format_characters import type_as_the_terminal_sends
from .test_keys_in_order import send_paste

MakeApp = Callable[[Store], InterviewApp]

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PASTED = "Call \u202eback on Friday\u202c, \u2067ask about\u2069 the \u2066rota\u2069 \u200fthen\u200e"
AS_SAVED = "Call back on Friday, ask about the rota \u200fthen\u200e"


def _without_bidi_controls(text: str) -> bool:
    return not any(character in text for character in BIDI_CONTROLS)


def _drawn(widget: Input | TextArea) -> str:
    return "".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_a_paste_into_the_notes_is_drawn_as_it_will_be_saved(store: Store, make_test_app: MakeApp) -> None:
    store.add_contact(Contact(name="Alex Example"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.main_screen.notes_pane.editor
        await pilot.press("n")
        await wait_for(pilot, lambda: editor.has_focus)
        send_paste(app, PASTED)
        await wait_for(pilot, lambda: "Friday" in editor.text)
        await pilot.pause()
        assert AS_SAVED in editor.text
        assert _without_bidi_controls(_drawn(editor))
        await pilot.press("escape")  # leaving the notes saves them
        await wait_for(pilot, lambda: not editor.has_focus)
    [conversation] = store.all_interviews()
    assert AS_SAVED in conversation.notes + "".join(conversation.answers.values())


@pytest.mark.parametrize("field", ["name", "notes"])
async def test_a_paste_into_a_form_is_drawn_as_it_will_be_saved(store: Store, make_test_app: MakeApp, field: str) -> None:
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        box = app.screen.query_one(f"#field-{field}")
        assert isinstance(box, Input | TextArea)
        box.focus()
        await pilot.pause()
        send_paste(app, PASTED)
        await wait_for(pilot, lambda: "Friday" in _drawn(box))
        held = box.value if isinstance(box, Input) else box.text
        assert held == AS_SAVED
        assert _without_bidi_controls(_drawn(box))


async def test_a_paste_into_the_filter_box_is_drawn_without_them(store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        box = app.main_screen.contacts_pane.filter_input
        await wait_for(pilot, lambda: box.has_focus)
        send_paste(app, "\u202eAlex")
        await wait_for(pilot, lambda: "Alex" in box.value)
        assert box.value == "Alex"


async def test_typed_they_are_not_taken_and_the_marks_are(store: Store, make_test_app: MakeApp) -> None:
    store.add_contact(Contact(name="Alex Example"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.main_screen.notes_pane.editor
        await pilot.press("n")
        await wait_for(pilot, lambda: editor.has_focus)
        type_as_the_terminal_sends(app, PASTED)
        await wait_for(pilot, lambda: "then" in editor.text)
        assert AS_SAVED in editor.text


async def test_a_paste_of_nothing_else_leaves_the_text_selected_as_it_was(store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        notes = app.screen.query_one("#field-notes", TextArea)
        notes.focus()
        notes.load_text("Met at the meetup")
        notes.select_all()
        await pilot.pause()
        send_paste(app, "\u202e\u2066")
        await pilot.press("end", "exclamation_mark")  # taken after the paste, in their turn
        await wait_for(pilot, lambda: "!" in notes.text)
        assert notes.text == "Met at the meetup!"
