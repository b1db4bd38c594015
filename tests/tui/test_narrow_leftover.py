"""At 40x20: the follow-up queue shows as much of each name as fits, and a form's footer still
says how to save and how to cancel; the schedule form names the person whole; v shows a
follow-up's note without scrolling."""

from __future__ import annotations

from interview_tui.core.models import Contact, FollowUp, FollowUpKind
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.widgets.followups import FollowUpList
from interview_tui.tui.widgets.key_bar import KeyBar

from .conftest import NOW, wait_for
from .test_date_fields import schedule_form
from .test_insight_views import screen_text

TINY = (40, 20)


def footer(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{hint.display} {hint.description}" for hint in app.screen.query_one(KeyBar).hints]


def queue_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    queue = app.main_screen.query_one("#followup-list", FollowUpList)
    return [queue.render_line(y).text for y in range(queue.size.height)]


async def test_the_queue_at_40_columns_shows_whole_names_that_fit(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await pilot.press("tab", "tab")
        await wait_for(pilot, lambda: app.main_screen.query_one(FollowUpList).size.height > 0)
        lines = queue_lines(app)
        # Twelve cells each: cut to ten before ("Aunt Exam…").
        assert any("Aunt Example" in line for line in lines), lines
        assert any("Riley Mockup" in line for line in lines), lines
        assert any("check in" in line for line in lines), lines  # the kind is still shown


async def test_a_name_too_long_for_40_columns_is_cut_at_the_edge_of_what_fits(store, make_test_app):
    contact_id = store.add_contact(Contact(name="Casey Placeholder-Longname")).id
    store.add_followup(FollowUp(contact_id=contact_id, due=NOW, kind=FollowUpKind.NUDGE, note="Ask again"))
    app = make_test_app(store)
    async with app.run_test(size=TINY) as pilot:
        await pilot.press("tab", "tab")
        await wait_for(pilot, lambda: app.main_screen.query_one(FollowUpList).size.height > 0)
        [row] = [line for line in queue_lines(app) if "Casey" in line]
        assert "Casey Placeh… nudge" in row, row  # thirteen cells of it
        assert row.rstrip().endswith("nudge"), row


async def test_a_form_at_40_columns_says_how_to_save_and_how_to_cancel(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.pause()
        hints = footer(app)
        assert "^s Save" in hints and "esc Cancel" in hints, hints
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main_screen)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpForm))
        await pilot.pause()
        hints = footer(app)
        assert "^s Save" in hints and "esc Cancel" in hints, hints



async def test_a_planned_conversation_at_40_columns_keeps_its_day_and_time(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await pilot.press("tab", "tab")
        await wait_for(pilot, lambda: app.main_screen.query_one(FollowUpList).size.height > 0)
        [row] = [line for line in queue_lines(app) if "Sam Sample" in line]
        # The kind and the time share the last column; the name gives up a cell for them.
        assert row.split() == ["in", "3", "days", "Sam", "Sample", "talk", "15:00"], row


async def test_the_schedule_form_at_40_columns_names_the_person_whole(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await schedule_form(pilot, app, "Casey Placeholder")
        await pilot.pause()
        # "Schedule a conversation with Casey" before: the rest of the name was past the edge.
        assert "│ Schedule: Casey Placeholder" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "│ Schedule a conversation with Casey Placeholder" in screen_text(app)


async def test_moving_a_conversation_at_40_columns_names_it_and_its_choices_stay_in_the_form(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        form = await schedule_form(pilot, app, "Sam Sample")
        await pilot.pause()
        assert "│ Move: Sam Sample, Sat 28 Nov 15:00" in screen_text(app)
        await pilot.press("tab", "tab", "tab", "tab", "enter")  # the list of what to do
        await pilot.pause()
        frame = form.query_one("#form").region
        choices = form.query_one("#field-instead SelectOverlay").region
        # Two choices, one line each, inside the frame: wrapped, they ran four lines past it.
        assert choices.height == 2 and frame.contains_region(choices), (frame, choices)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "│ Plan another with Sam Sample " in screen_text(app)


async def test_v_at_40_columns_shows_the_follow_ups_note_without_scrolling(demo_store, make_test_app):
    [thanks] = [f for f in demo_store.followups() if f.kind is FollowUpKind.THANK_YOU]
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await pilot.press("tab", "tab")
        await wait_for(pilot, lambda: app.main_screen.query_one(FollowUpList).size.height > 0)
        assert app.main_screen.query_one(FollowUpList).select_key(("follow-up", thanks.id))
        await pilot.press("v")
        await wait_for(pilot, lambda: app.screen is not app.main_screen)
        await pilot.pause()
        # Below the mailing address and the email before: out of sight at 20 lines.
        shown = screen_text(app)
        assert "Handwritten thank-you note" in shown and "for the conversation" in shown, shown
        # Where to send it is still there, under the note.
        assert "Mailing address: none yet (e on the contacts pane adds it)" in app.screen.query_one("#ask-message").text
