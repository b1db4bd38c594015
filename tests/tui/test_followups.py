"""The follow-up queue: every contact's open follow-ups, adding one with `f`, finishing with `x`."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input, Static

from interview_tui.core.models import FollowUpKind
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.widgets.contacts import ContactList
from interview_tui.tui.widgets.followups import FollowUpList

SIZE = (120, 36)


def followup_list(app) -> FollowUpList:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one("#followup-list", FollowUpList)


def screen_lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.render_line(y).text for y in range(widget.size.height)]


def queue_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in screen_lines(followup_list(app)) if line.strip()]


def open_notes(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.note for f in store.followups()]


async def test_the_queue_lists_open_follow_ups_soonest_first_with_overdue_ones_marked(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = queue_lines(app)
        assert len(lines) == 4  # the done thank-you to Aunt Example is not listed
        assert not any("Card sent" in line for line in lines)
        assert [line.split()[0:2] for line in lines] == [
            ["!", "yesterday"],
            ["today", "Jordan"],
            ["in", "2"],
            ["in", "10"],
        ]
        assert "Alex Example" in lines[0] and "thank you" in lines[0]
        assert "Riley Mockup" in lines[3] and "check in" in lines[3]
        assert [line.lstrip().startswith("!") for line in lines] == [True, False, False, False]
        pane = app.main_screen.query_one("#followups-pane")
        assert pane.border_subtitle == "4 open, 1 overdue"

        # The overdue date is drawn in the alert style, the others are not.
        queue = followup_list(app)
        alert = queue.get_component_rich_style("row-list--alert")
        overdue_segment = next(s for s in queue.render_line(0) if s.text.startswith("! "))
        assert overdue_segment.style.color == alert.color and overdue_segment.style.bold
        due_segment = next(s for s in queue.render_line(1) if s.text.startswith("  today"))
        assert due_segment.style.color != alert.color


async def test_f_adds_a_follow_up_for_the_selected_contact_with_a_live_preview(demo_store, make_test_app):
    aunt = demo_store.find_contact("Aunt Example")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "f")  # Aunt Example
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpForm)
        assert form.query_one("#form-title", Static).render().plain == "Follow-up for Aunt Example"
        assert app.focused is form.query_one("#field-due", Input)
        preview = form.query_one("#due-preview", Static)
        assert preview.render().plain == ""
        await pilot.press(*"fri")
        await pilot.pause()
        assert preview.render().plain == "→ Fri 27 Nov 2026, 09:00"
        await pilot.press(*" 3pm")
        await pilot.pause()
        assert preview.render().plain == "→ Fri 27 Nov 2026, 15:00"
        assert not preview.has_class("-unreadable")
        # The preview sits right under the due field.
        assert preview.region.y == form.query_one("#field-due").region.bottom
        await pilot.press("tab", "tab")
        assert app.focused is form.query_one("#field-note", Input)
        app.focused.value = "Send link"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [added] = [f for f in demo_store.followups() if f.contact_id == aunt.id]
        assert added.due == datetime(2026, 11, 27, 15, 0)
        assert (added.kind, added.note) == (FollowUpKind.CUSTOM, "Send link")
        lines = queue_lines(app)
        assert len(lines) == 5
        assert "Aunt Example" in lines[3] and "Send link" in lines[3]  # after the one due at 10:00
        assert app.main_screen.query_one("#followups-pane").border_subtitle == "5 open, 1 overdue"


async def test_an_unreadable_due_date_is_reported_at_the_due_field_and_nothing_is_saved(demo_store, make_test_app):
    before = open_notes(demo_store)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-due", Input).value = "someday soon"
        form.query_one("#field-note", Input).value = "Never stored"
        await pilot.pause()
        preview = form.query_one("#due-preview", Static)
        assert preview.has_class("-unreadable")
        assert preview.render().plain.startswith("? Could not read 'someday soon'")
        form.query_one("#field-note", Input).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#error-due", Static)
        assert error.has_class("-shown") and "Could not read" in error.render().plain
        assert app.focused is form.query_one("#field-due")
        assert open_notes(demo_store) == before
        # An empty due date is refused the same way.
        form.query_one("#field-due", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and form.query_one("#error-due").has_class("-shown")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert open_notes(demo_store) == before
        assert len(queue_lines(app)) == 4


async def test_x_marks_the_selected_follow_up_done_and_it_leaves_the_queue(demo_store, make_test_app, now):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")  # in the contacts list, x does nothing
        await pilot.pause()
        assert len(demo_store.followups()) == 4
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert app.focused is followup_list(app)
        await pilot.press("j")  # today: nudge Jordan Demo
        await pilot.pause()
        assert followup_list(app).current.contact_name == "Jordan Demo"
        await pilot.press("x")
        await pilot.pause()
        [nudge] = [f for f in demo_store.followups(include_done=True) if f.note == "No reply to the ask yet"]
        assert nudge.done_at == now
        assert "No reply to the ask yet" not in open_notes(demo_store)
        lines = queue_lines(app)
        assert len(lines) == 3
        assert not any("Jordan Demo" in line for line in lines)
        assert followup_list(app).current is not None
        # The overdue one can be finished too; then nothing is overdue.
        await pilot.press("g", "x")
        await pilot.pause()
        assert len(queue_lines(app)) == 2
        assert app.main_screen.query_one("#followups-pane").border_subtitle == "2 open"
        assert not any(line.lstrip().startswith("!") for line in queue_lines(app))


async def test_enter_on_a_follow_up_selects_its_contact(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "G", "enter")  # Riley's check-in
        await pilot.pause()
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert contacts.current.name == "Riley Mockup"
        assert app.main_screen.contact.name == "Riley Mockup"
        heading = app.main_screen.query_one("#notes-heading", Static).render().plain
        assert heading.startswith("Riley Mockup")


async def test_enter_on_a_follow_up_selects_its_contact_even_when_the_filter_hides_them(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sam", "enter", "tab", "tab", "G", "enter")  # Riley's check-in
        await pilot.pause()
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert app.main_screen.query_one("#contact-filter", Input).value == ""
        assert len(contacts.rows) == 7
        assert contacts.current.name == "Riley Mockup"
        assert app.main_screen.contact.name == "Riley Mockup"


async def test_f_without_contacts_opens_nothing(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert store.followups() == []
        assert "Nothing to follow up" in queue_lines(app)[0]


async def test_a_handwritten_thank_you_shows_the_address_or_flags_it_missing(tmp_path) -> None:
    from datetime import datetime

    from interview_tui.core import workflow
    from interview_tui.core.models import Contact
    from interview_tui.core.store import Store
    from interview_tui.tui.app import make_app
    from interview_tui.tui.widgets.followups import FollowUpList

    now = datetime(2026, 11, 25, 10, 0)
    with Store.open(tmp_path / "w.json", clock=lambda: now) as store:
        with_address = store.add_contact(Contact(name="Alex Example", address="12 Sample Street\nSpringfield"))
        without = store.add_contact(Contact(name="Sam Sample"))
        for contact in (with_address, without):
            workflow.mark_done(store, workflow.capture(store, contact.id).id)
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            rows = {row.contact_name: row for row in app.screen.query_one(FollowUpList).rows}
            cells = {name: FollowUpList._note_cell(row) for name, row in rows.items()}
            assert cells["Alex Example"].text.startswith("to 12 Sample Street Springfield · ")
            assert cells["Sam Sample"].text.startswith("no mailing address!")
            assert cells["Sam Sample"].style == "row-list--alert"
