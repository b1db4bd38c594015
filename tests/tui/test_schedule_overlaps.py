"""The schedule form says, as the date is typed, when the time overlaps another planned
conversation, and the notice after saving says it too; the conversation is booked all the same.
The sample workspace has Sam Sample planned for Sat 28 Nov 2026, 15:00 to 15:20; the clock is
Wednesday 25 November 2026, 10:00."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input

from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.move_form import MoveForm

from .test_conversation_life import notices
from .test_date_fields import saved, schedule_form, select, shown, type_into
from .test_method import press, screen_text

SIZE = (120, 36)
OVER_SAMS = "overlaps your conversation with Sam Sample on Sat 28 Nov 2026 at 15:00–15:20"


async def test_the_preview_says_what_the_time_overlaps_and_saving_books_it_and_says_so(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        await type_into(pilot, "sat 3:10pm")
        assert shown(form, "#when-preview") == f"→ Sat 28 Nov 2026, 15:10 — {OVER_SAMS}"
        assert "conversation with Sam Sample on Sat 28 Nov 2026" in screen_text(app)  # wrapped under the field
        # Starting as it ends, or ending as it starts, is no overlap.
        await type_into(pilot, "sat 3:20pm")
        assert shown(form, "#when-preview") == "→ Sat 28 Nov 2026, 15:20"
        await type_into(pilot, "sat 2:40-3pm")
        assert shown(form, "#when-preview") == "→ Sat 28 Nov 2026, 14:40–15:00 (20 minutes)"
        # A range's own length is the one weighed; its end taken away, the time alone is the
        # usual 20 minutes again, and those are weighed at that very key.
        await type_into(pilot, "sat 2:45-2:55pm")
        assert shown(form, "#when-preview") == "→ Sat 28 Nov 2026, 14:45–14:55 (10 minutes)"
        await press(pilot, *["backspace"] * len("-2:55pm"))
        assert form.query_one("#field-when", Input).value == "sat 2:45"
        assert form.query_one("#field-minutes", Input).value == "20"
        assert shown(form, "#when-preview") == f"→ Sat 28 Nov 2026, 14:45 — {OVER_SAMS}"
        # The length typed in the Minutes field is weighed as it changes.
        await press(pilot, "tab")
        await type_into(pilot, "10")
        assert shown(form, "#when-preview") == "→ Sat 28 Nov 2026, 14:45"
        await type_into(pilot, "30")
        assert shown(form, "#when-preview") == f"→ Sat 28 Nov 2026, 14:45 — {OVER_SAMS}"
        await saved(pilot, app)
        [booked] = demo_store.interviews(casey.id)
        assert (booked.when, booked.minutes) == (datetime(2026, 11, 28, 14, 45), 30)
        assert f"Scheduled: Casey Placeholder, Sat 28 Nov 14:45, 30 minutes. It {OVER_SAMS}." in notices(app)


async def test_a_time_in_the_past_that_overlaps_says_both(demo_store, make_test_app):
    demo_store.clock = lambda: datetime(2026, 11, 28, 15, 30)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Jordan Demo")
        await type_into(pilot, "today 3:05pm")
        assert shown(form, "#when-preview") == f"→ Sat 28 Nov 2026, 15:05 — in the past; {OVER_SAMS}"


async def test_moving_a_conversation_does_not_overlap_itself_but_planning_another_beside_it_does(demo_store, make_test_app):
    sam = demo_store.find_contact("Sam Sample")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Sam Sample")
        await press(pilot, "s")
        form = app.screen
        assert isinstance(form, MoveForm)
        await type_into(pilot, "sat 3:10pm")
        assert shown(form, "#when-preview") == "→ Sat 28 Nov 2026, 15:10"
        # Do: Plan another too. The one kept is then overlapped.
        await press(pilot, "tab", "tab", "tab", "tab", "enter", "down", "enter")
        assert shown(form, "#form-title").startswith("Plan another conversation with Sam Sample")
        assert shown(form, "#when-preview") == f"→ Sat 28 Nov 2026, 15:10 — {OVER_SAMS}"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert sorted(i.when for i in demo_store.interviews(sam.id)) == [
            datetime(2026, 11, 28, 15, 0),
            datetime(2026, 11, 28, 15, 10),
        ]
        assert f"Scheduled another: Sam Sample, Sat 28 Nov 15:10, 20 minutes. It {OVER_SAMS}." in notices(app)
