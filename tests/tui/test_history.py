"""A person's history in the notes pane (h), newest first with dates and notes, at 80x24; the
notes heading whole at 80 columns; the contact's own notes in the contact form."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import TextArea

from interview_tui.core.models import Touch, TouchKind
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.main import MainScreen

from .conftest import NARROW
from .test_method import heading, lines, press, screen_text, select, signed


async def test_h_shows_the_persons_history_newest_first_with_dates_and_notes_at_80x24(demo_store, make_test_app, now):
    aunt = demo_store.find_contact("Aunt Example")
    demo_store.add_touch(Touch(contact_id=aunt.id, kind=TouchKind.UPDATED, at=now - timedelta(days=3), note="Called about the rota"))
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await select(pilot, "Aunt Example")
        await press(pilot, "enter", "h")
        notes = app.main_screen.notes_pane
        history = notes.history_list
        assert app.focused is history and notes.history_shown
        shown = [line.strip() for line in lines(history) if line.strip()]
        assert shown[0].startswith("Sun 22 Nov 2026") and "In touch: Called about the rota" in shown[0]
        assert shown[1].startswith("Mon 09 Nov 2026") and "Thanked: Card sent" in shown[1]
        assert shown[2].startswith("Mon 09 Nov 2026") and "Thank you done: Card sent" in shown[2]
        assert any(line.startswith("Thu 05 Nov 2026") and "Conversation held (20 min, in person, Her kitchen)" in line for line in shown)
        assert "Called about the rota" in screen_text(app)
        assert not notes.editor.display or notes.editor.region.area == 0
        # h again (or esc): back to the conversations and the editor.
        await press(pilot, "h")
        assert not notes.history_shown and app.focused is notes.interview_list


async def test_the_notes_heading_is_whole_at_80_columns(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await select(pilot, "Aunt Example")
        await press(pilot, "enter")
        assert heading(app).endswith("keep in touch every 10 days, at most 2 weeks")
        # Every word of the heading is on the screen: three lines at this width, none cut.
        flat = " ".join(screen_text(app).split())
        for word in heading(app).split():
            assert word in flat, word


async def test_the_contact_form_shows_and_edits_the_contacts_own_notes(demo_store, make_test_app):
    alex = demo_store.find_contact("Alex Example")
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, ContactForm)
        field = form.query_one("#field-notes", TextArea)
        assert field.text == ""
        field.focus()
        await press(pilot, *"Met at a meetup", "enter", *"Prefers email")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert demo_store.contact(alex.id).notes == "Met at a meetup\nPrefers email"
        await press(pilot, "e")
        assert app.screen.query_one("#field-notes", TextArea).text == "Met at a meetup\nPrefers email"


async def test_h_lists_an_ask_and_its_reply_in_one_second_the_reply_first(demo_store, make_test_app):
    # The clock stands still: the ask and the reply are logged in the same second. The history
    # listed the ask above the reply, under "newest first".
    app = make_test_app(signed(demo_store))
    async with app.run_test(size=NARROW) as pilot:
        await select(pilot, "Casey Placeholder")  # identified: nothing logged yet
        await press(pilot, "m", "y")  # the ask, sent
        await press(pilot, "l", "y")  # their reply: yes
        await press(pilot, "enter", "h")
        notes = app.main_screen.notes_pane
        assert notes.history_shown
        shown = [" ".join(line.split()) for line in lines(notes.history_list) if line.strip()]
        touches = [line for line in shown if "Replied" in line or "Asked for 20 minutes" in line]
        assert [("Replied" in line) for line in touches] == [True, False]
        changes = [line.split("Stage: ")[1] for line in shown if "Stage: " in line]
        assert changes == ["identified → asked"]
