"""The follow-up queue: every contact's open follow-ups, adding one with `f`, finishing with `x`."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Input, Static

from interview_tui.core import workflow
from interview_tui.core.keep_in_touch import CadenceState
from interview_tui.core.models import Contact, FollowUpKind, Stage, TouchKind
from interview_tui.tui.screens.ask import UpdateScreen
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.queue_forms import DoneForm, SnoozeForm, UpdateEveryoneForm
from interview_tui.tui.widgets.contacts import ContactList
from interview_tui.tui.widgets.followups import FollowUpList

SIZE = (120, 36)


def followup_list(app) -> FollowUpList:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one("#followup-list", FollowUpList)


def screen_lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.render_line(y).text for y in range(widget.size.height)]


def queue_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in screen_lines(followup_list(app)) if line.strip()]


def queue_rows_text(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Every row of the queue, scrolled into view or not, as words."""
    queue = followup_list(app)
    return [" ".join(" ".join(cell.text for cell in queue.cells(row, 200)).split()) for row in queue.rows]


def open_notes(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.note for f in store.followups()]


async def test_the_queue_groups_open_follow_ups_and_check_ins_by_when_they_are_due(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = queue_rows_text(app)
        # The done thank-you to Aunt Example is not listed; the cadences add two check-ins (Aunt
        # Example's, past due, and Alex Example's), but none for Riley Mockup, whose check-in
        # is already planned by hand.
        assert not any("Card sent" in line for line in lines)
        expected = [
            "Overdue · 2",
            "! 6 days ago Aunt Example check in keep in touch every 10 days",
            "! yesterday Alex Example thank you no mailing address!",
            "Today · 1",
            "today Jordan Demo nudge No reply to the ask yet",
            "This week · 2",
            "in 2 days Alex Example referral Tell Alex",
            "in 3 days Sam Sample talk 15:00, 20 min phone",  # the agenda: a planned conversation
            "Later · 2",
            "in 10 days Riley Mockup check in Share the portfolio draft",
            "in 40 days Alex Example check in keep in touch every 6 weeks",
        ]
        assert len(lines) == len(expected)
        for line, start in zip(lines, expected, strict=True):
            assert line.startswith(start), (line, start)
        pane = app.main_screen.query_one("#followups-pane")
        assert pane.border_subtitle == "6 open, 1 conversation, 2 overdue"

        # Overdue rows and their heading are drawn in the theme's error colour, the others not.
        queue = followup_list(app)
        alert = queue.get_component_rich_style("row-list--alert")
        heading_segment = next(s for s in queue.render_line(0) if s.text.startswith("Overdue"))
        assert heading_segment.style.color == alert.color
        overdue_segment = next(s for s in queue.render_line(2) if s.text.startswith("! "))
        assert overdue_segment.style.color == alert.color and overdue_segment.style.bold
        due_segment = next(s for s in queue.render_line(4) if s.text.startswith("  today"))
        assert due_segment.style.color != alert.color
        # The cursor skips the headings.
        assert queue.current.contact_name == "Aunt Example"
        await pilot.press("tab", "tab", "j", "j")
        assert queue.current.followup.kind is FollowUpKind.NUDGE


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
        lines = queue_rows_text(app)
        assert len(lines) == 12
        assert lines[5] == "This week · 3"
        assert "Aunt Example" in lines[7] and "Send link" in lines[7]  # after the one due at 10:00
        assert app.main_screen.query_one("#followups-pane").border_subtitle == "7 open, 1 conversation, 2 overdue"


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
        # Said once, at the field: the preview does not repeat it underneath.
        assert "Could not read" not in preview.render().plain
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
        assert len(queue_lines(app)) == 10


async def test_x_then_enter_marks_the_selected_follow_up_done_and_it_leaves_the_queue(demo_store, make_test_app, now):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")  # in the contacts list, x does nothing
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert len(demo_store.followups()) == 4
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert app.focused is followup_list(app)
        await pilot.press("j", "j")  # today: nudge Jordan Demo
        await pilot.pause()
        assert followup_list(app).current.contact_name == "Jordan Demo"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, DoneForm)
        assert app.screen.query_one("#form-title", Static).render().plain == "Done: nudge for Jordan Demo"
        await pilot.press("enter")  # no note: just done
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [nudge] = [f for f in demo_store.followups(include_done=True) if f.note == "No reply to the ask yet"]
        assert nudge.done_at == now
        assert "No reply to the ask yet" not in open_notes(demo_store)
        lines = queue_lines(app)
        assert not any("Jordan Demo" in line or line.strip().startswith("Today") for line in lines)
        # A nudge done without a note is not a contact with the person.
        jordan = demo_store.find_contact("Jordan Demo")
        assert [t.kind for t in demo_store.touches(jordan.id)] == [TouchKind.ASKED]
        assert followup_list(app).current is not None
        # Escape leaves a follow-up as it was.
        await pilot.press("g", "x", "escape")
        await pilot.pause()
        assert len(demo_store.followups()) == 3


async def test_a_note_given_when_done_is_logged_as_a_touch_and_restarts_the_cadence(demo_store, make_test_app, now):
    aunt = demo_store.find_contact("Aunt Example")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert contacts.cadence[aunt.id] is CadenceState.OVERDUE  # 16 days, at most 14: red
        await pilot.press("tab", "tab")
        assert followup_list(app).current.contact_name == "Aunt Example"  # her check-in, 6 days late
        await pilot.press("x", *"Called her", "enter")
        await pilot.pause()
        touch = demo_store.touches(aunt.id)[-1]
        assert (touch.kind, touch.at, touch.note) == (TouchKind.UPDATED, now, "Called her")
        assert demo_store.contact(aunt.id).stage is Stage.KEEPING_IN_TOUCH
        assert aunt.id not in contacts.cadence  # on time again
        lines = queue_rows_text(app)
        assert lines[0] == "Overdue · 1"
        assert "in 10 days Aunt Example check in keep in touch every 10 days" in lines


async def snooze_the_thank_you(pilot, app) -> SnoozeForm:  # type: ignore[no-untyped-def]
    """z on Alex Example's thank-you (due yesterday) in the follow-up queue: the snooze form."""
    await pilot.press("tab", "tab", "j")
    await pilot.press("z")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, SnoozeForm)
    return form


async def test_z_snoozes_to_a_typed_date_and_refuses_the_past(demo_store, make_test_app, now):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await snooze_the_thank_you(pilot, app)
        await pilot.press(*"yesterday")
        await pilot.pause()
        # The preview says at once that a snooze cannot go back in time.
        assert form.query_one("#when-preview", Static).render().plain == (
            "→ Tue 24 Nov 2026, 09:00 — in the past; snooze to a time still to come"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "in the past" in form.query_one("#error-when", Static).render().plain
        assert [f.due for f in demo_store.followups() if f.kind is FollowUpKind.THANK_YOU] == [now - timedelta(days=1)]
        form.query_one("#field-when", Input).value = ""
        await pilot.press(*"next mon", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [thanks] = [f for f in demo_store.followups() if f.kind is FollowUpKind.THANK_YOU]
        assert thanks.due == datetime(2026, 11, 30, 9, 0)
        # It moved to "This week", and the cursor went with it.
        assert followup_list(app).current.followup.id == thanks.id
        lines = queue_rows_text(app)
        assert lines[:2] == ["Overdue · 1", lines[1]] and "Aunt Example" in lines[1]
        assert any(line.startswith("in 5 days Alex Example thank you") for line in lines)


async def test_z_to_earlier_today_is_in_the_past_and_refused(demo_store, make_test_app, now):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await snooze_the_thank_you(pilot, app)
        await pilot.press(*"today 8am")
        await pilot.pause()
        # It is 10:00: 08:00 today has gone by, as yesterday has.
        assert form.query_one("#when-preview", Static).render().plain == (
            "→ Wed 25 Nov 2026, 08:00 — in the past; snooze to a time still to come"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#error-when", Static).render().plain == (
            "Wed 25 Nov 2026 at 08:00 is in the past; snooze to a time still to come, such as 'in 2 hours' or 'tomorrow'."
        )
        assert [f.due for f in demo_store.followups() if f.kind is FollowUpKind.THANK_YOU] == [now - timedelta(days=1)]
        form.query_one("#field-when", Input).value = ""
        await pilot.press(*"today 4pm")
        await pilot.pause()
        assert form.query_one("#when-preview", Static).render().plain == "→ Wed 25 Nov 2026, 16:00"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [thanks] = [f for f in demo_store.followups() if f.kind is FollowUpKind.THANK_YOU]
        assert thanks.due == datetime(2026, 11, 25, 16, 0)


async def test_z_to_when_it_is_due_already_says_nothing_changed_and_saves_nothing(store, make_test_app):
    sam = store.add_contact(Contact(name="Sam Sample"))
    custom = workflow.add_followup(store, sam.id, "tomorrow midnight", note="Send the portfolio link")
    before = store.path.read_bytes()
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "z")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SnoozeForm)
        await pilot.press(*"midnight")
        await pilot.pause()
        assert form.query_one("#when-preview", Static).render().plain == (
            "→ Thu 26 Nov 2026, 00:00 — when it is due already; saving changes nothing"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        notices = [n.message for n in app._notifications]
        assert notices[-1] == "Nothing changed: custom for Sam Sample is already due Thu 26 Nov at 00:00."
        assert not any(n.startswith("Snoozed") for n in notices)
        assert store.followup(custom.id) == custom
    assert store.path.read_bytes() == before



async def test_a_snooze_to_a_year_no_workspace_keeps_is_refused_in_the_preview_and_on_saving(demo_store, make_test_app):
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await snooze_the_thank_you(pilot, app)
        await pilot.press(*"3000-01-01")
        await pilot.pause()
        refused = "'3000-01-01' is Wed 1 Jan 3000; a date must be from 1900 to 2999, so type an earlier one."
        assert form.query_one("#when-preview", Static).render().plain == f"? {refused}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#error-when", Static).render().plain == refused
    assert demo_store.path.read_bytes() == before


async def test_the_snooze_form_names_the_follow_up_and_says_when_a_date_is_when_it_is_due(store, make_test_app):
    from .test_method import screen_text

    sam = store.add_contact(Contact(name="Sam Sample"))
    custom = workflow.add_followup(store, sam.id, "tomorrow midnight", note="Send the portfolio link")
    before = store.path.read_bytes()
    app = make_test_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab", "z")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SnoozeForm)
        title = "Snooze custom for Sam Sample, due Thu 26 Nov at 00:00"
        assert form.query_one("#form-title", Static).render().plain == title
        assert title in screen_text(app)
        await pilot.press(*"tomorrow midnight")
        await pilot.pause()
        assert form.query_one("#when-preview", Static).render().plain == (
            "→ Thu 26 Nov 2026, 00:00 — when it is due already; saving changes nothing"
        )
        await pilot.press("ctrl+u", *"fri")
        await pilot.pause()
        assert form.query_one("#when-preview", Static).render().plain == "→ Fri 27 Nov 2026, 09:00"
        await pilot.press("ctrl+u", *"thu 12am", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [n.message for n in app._notifications][-1] == (
            "Nothing changed: custom for Sam Sample is already due Thu 26 Nov at 00:00."
        )
        assert store.followup(custom.id) == custom
        # Opened again for the same follow-up: its title, not the last one's.
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.query_one("#form-title", Static).render().plain == title
    assert store.path.read_bytes() == before


async def test_a_snooze_to_a_time_of_day_says_the_time(store, make_test_app):
    sam = store.add_contact(Contact(name="Sam Sample"))
    custom = workflow.add_followup(store, sam.id, "tomorrow midnight")
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "z", *"fri 2pm", "ctrl+s")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == "Snoozed custom for Sam Sample to Fri 27 Nov at 14:00."
        assert store.followup(custom.id).due == datetime(2026, 11, 27, 14, 0)
        await pilot.press("z", *"fri", "ctrl+s")
        await pilot.pause()
        # A day alone is due at its usual time, which goes unsaid.
        assert [n.message for n in app._notifications][-1] == "Snoozed custom for Sam Sample to Fri 27 Nov."


async def test_snoozing_a_cadence_check_in_keeps_it_until_the_next_touch(demo_store, make_test_app, now):
    aunt = demo_store.find_contact("Aunt Example")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "z", *"3d", "enter")  # Aunt Example's check-in
        await pilot.pause()
        [snoozed] = [f for f in demo_store.followups() if f.from_cadence]
        assert (snoozed.contact_id, snoozed.due) == (aunt.id, datetime(2026, 11, 28, 9, 0))
        lines = queue_rows_text(app)
        assert sum("Aunt Example check in" in line for line in lines) == 1
        assert any(line.startswith("in 3 days Aunt Example check in") for line in lines)


async def test_shift_u_queues_an_update_for_everyone_who_helped_and_v_shows_it(demo_store, make_test_app, now):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("U")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, UpdateEveryoneForm)
        # Alex Example and Aunt Example were interviewed, Riley Mockup too; Alex introduced Sam.
        assert form.query_one("#form-title", Static).render().plain == "Update everyone who helped (3 people)"
        await pilot.press("ctrl+s")  # nothing typed: refused at the field
        await pilot.pause()
        assert app.screen is form and form.query_one("#error-outcome").has_class("-shown")
        await pilot.press(*"I accepted an offer at Contoso", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        updates = [f for f in demo_store.followups() if f.kind is FollowUpKind.UPDATE]
        names = {demo_store.contact(f.contact_id).name for f in updates}
        assert names == {"Alex Example", "Aunt Example", "Riley Mockup"}
        alex_update = next(f for f in updates if demo_store.contact(f.contact_id).name == "Alex Example")
        assert "I accepted an offer at Contoso" in alex_update.message
        assert "introducing me to Sam Sample" in alex_update.message
        await pilot.press("tab", "tab")
        queue = followup_list(app)
        assert queue.select_key(("follow-up", alex_update.id))
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, UpdateScreen)
        assert "Contoso" in app.screen.query_one("#ask-message").text
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert demo_store.followup(alex_update.id).done_at == now
        alex = demo_store.find_contact("Alex Example")
        assert demo_store.touches(alex.id)[-1].kind is TouchKind.UPDATED
        # A second round does not double anyone who still has one waiting.
        await pilot.press("U", *"I start in January", "ctrl+s")
        await pilot.pause()
        again = [f for f in demo_store.followups() if f.kind is FollowUpKind.UPDATE]
        assert sorted(f.contact_id for f in again) == sorted(f.contact_id for f in updates)


async def test_a_repeating_follow_up_comes_back_after_it_is_done(demo_store, make_test_app, now):
    riley = demo_store.find_contact("Riley Mockup")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert contacts.select_key(riley.id)
        await pilot.press("f", *"today", "tab", "tab", *"Coffee catch-up", "tab", *"every 2 weeks", "enter")
        await pilot.pause()
        [coffee] = [f for f in demo_store.followups() if f.note == "Coffee catch-up"]
        assert coffee.recurrence == "FREQ=WEEKLY;INTERVAL=2"
        lines = queue_rows_text(app)
        assert any("↻ every 2 weeks · Coffee catch-up" in line for line in lines)
        await pilot.press("tab", "tab")
        assert app.focused is followup_list(app)
        assert followup_list(app).select_key(("follow-up", coffee.id))
        await pilot.press("x", "enter")
        await pilot.pause()
        [next_one] = [f for f in demo_store.followups() if f.note == "Coffee catch-up"]
        assert next_one.due == datetime(2026, 12, 9, 9, 0)
        assert next_one.recurrence == coffee.recurrence
        assert [n.message for n in app._notifications][-1] == (
            "Done: custom for Riley Mockup. It comes back Wed 09 Dec 2026."
        )


async def test_enter_on_a_follow_up_selects_its_contact(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "G", "k", "enter")  # Riley's check-in
        await pilot.pause()
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert contacts.current.name == "Riley Mockup"
        assert app.main_screen.contact.name == "Riley Mockup"
        heading = app.main_screen.query_one("#notes-heading", Static).render().plain
        assert heading.startswith("Riley Mockup")


async def test_enter_on_a_follow_up_selects_its_contact_even_when_the_filter_hides_them(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sam", "enter", "tab", "tab", "G", "k", "enter")  # Riley's check-in
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
    from interview_tui.tui.widgets.followups import FollowUpList, QueueRow

    now = datetime(2026, 11, 25, 10, 0)
    with Store.open(tmp_path / "w.json", clock=lambda: now) as store:
        with_address = store.add_contact(Contact(name="Alex Example", address="12 Sample Street\nSpringfield"))
        without = store.add_contact(Contact(name="Sam Sample"))
        for contact in (with_address, without):
            workflow.mark_done(store, workflow.capture(store, contact.id).id)
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            rows = {
                row.contact_name: row
                for row in app.screen.query_one(FollowUpList).rows
                if isinstance(row, QueueRow) and row.followup.kind is FollowUpKind.THANK_YOU
            }
            cells = {name: FollowUpList._note_cell(row) for name, row in rows.items()}
            assert cells["Alex Example"].text.startswith("to 12 Sample Street Springfield · ")
            assert cells["Sam Sample"].text.startswith("no mailing address!")
            assert cells["Sam Sample"].style == "row-list--alert"


async def test_c_logs_being_in_touch_and_the_contact_is_on_time_again(demo_store, make_test_app, now):
    riley = demo_store.find_contact("Riley Mockup")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert contacts.select_key(riley.id)
        await pilot.pause()
        assert contacts.cadence[riley.id] is CadenceState.DUE  # amber: 90 days, ideal 8 weeks
        await pilot.press("c", *"Ran into her at the meetup", "enter")
        await pilot.pause()
        touch = demo_store.touches(riley.id)[-1]
        assert (touch.at, touch.note) == (now, "Ran into her at the meetup")
        assert riley.id not in contacts.cadence
        heading = app.main_screen.query_one("#notes-heading", Static).render().plain
        assert "last in touch today" in heading


async def test_a_repeating_follow_up_without_a_note_leaves_no_separator_dangling(demo_store, make_test_app):
    riley = demo_store.find_contact("Riley Mockup")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert contacts.select_key(riley.id)
        await pilot.press("f", *"today", "tab", "tab", "tab", *"every 3 weeks", "enter")
        await pilot.pause()
        [repeating] = [f for f in demo_store.followups() if f.recurrence == "FREQ=WEEKLY;INTERVAL=3"]
        assert repeating.note == ""
        [line] = [line for line in queue_rows_text(app) if "↻" in line]
        assert line.endswith("↻ every 3 weeks")


async def test_x_z_and_v_on_an_empty_queue_say_how_to_add_a_follow_up(store, make_test_app):
    from interview_tui.core.models import Contact

    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab")
        assert app.focused is followup_list(app)
        await pilot.press("x")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == (
            "Nothing in the queue to mark done. Add a contact first (a in the contact list)."
        )
        store.add_contact(Contact(name="Sam Sample"))
        app.main_screen.refresh_followups()
        await pilot.press("z")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == (
            "Nothing in the queue to snooze. Press f to add a follow-up for the selected contact."
        )
        await pilot.press("v")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1].startswith("Nothing in the queue to read.")
        assert isinstance(app.screen, MainScreen)


async def test_v_says_how_a_follow_up_repeats_by_a_rule_it_cannot_put_in_words(demo_store, make_test_app):
    riley = demo_store.find_contact("Riley Mockup")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert contacts.select_key(riley.id)
        # Every day of the year's 48th week (23 to 29 November 2026): no words for it.
        await pilot.press("f", *"today", "tab", "tab", *"Call", "tab", *"FREQ=YEARLY;BYWEEKNO=48", "enter")
        await pilot.pause()
        [call] = [f for f in demo_store.followups() if f.note == "Call"]
        await pilot.press("tab", "tab")
        assert followup_list(app).select_key(("follow-up", call.id))
        await pilot.press("v")
        await pilot.pause()
        lines = app.screen.query_one("#ask-message").text.splitlines()
        assert lines[1] == "Repeats by the rule FREQ=YEARLY;BYWEEKNO=48"


async def test_a_pasted_rule_is_said_in_words_in_its_row_and_its_first_date_falls_on_its_days(demo_store, make_test_app):
    riley = demo_store.find_contact("Riley Mockup")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        contacts = app.main_screen.query_one("#contact-list", ContactList)
        assert contacts.select_key(riley.id)
        # Wednesday: not one of the rule's days.
        await pilot.press("f", *"today", "tab", "tab", *"Call", "tab", *"FREQ=WEEKLY;BYDAY=MO,TH", "enter")
        await pilot.pause()
        [call] = [f for f in demo_store.followups() if f.note == "Call"]
        assert call.due == datetime(2026, 11, 26, 9, 0)
        assert [n.message for n in app._notifications][-1] == (
            "Follow-up added for Riley Mockup: Wed 25 Nov is not one of the days it repeats on, so the first is Thu 26 Nov."
        )
        [line] = [line for line in queue_rows_text(app) if "↻" in line]
        assert "↻ every Monday and Thursday · Call" in line
        await pilot.press("tab", "tab")
        assert followup_list(app).select_key(("follow-up", call.id))
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one("#ask-message").text.splitlines()[1] == "Repeats every Monday and Thursday"


async def test_n_and_f_on_a_follow_up_row_are_about_that_row_s_person(demo_store, make_test_app):
    # Found by a tester: on Sam's row, n opened the notes of whoever the contact list had
    # selected (at 80 columns not even in sight), and what was typed went there.
    sam = demo_store.find_contact("Sam Sample")
    [talk] = demo_store.interviews(sam.id)
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await pilot.pause()
        assert main.contact is not None and main.contact.id != sam.id
        await pilot.press("tab", "tab")
        assert app.focused is followup_list(app)
        assert followup_list(app).select_key(("conversation", talk.id))
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpForm)
        assert "Sam Sample" in app.screen.query_one("#form-title", Static).render().plain
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n", *"Asked about the phone call", "escape")
        await pilot.pause()
    assert "Asked about the phone call" in " ".join(demo_store.interview(talk.id).answers.values())
