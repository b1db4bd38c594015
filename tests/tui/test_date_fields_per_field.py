"""Each date field reads what suits it, with the real keys: when a conversation was held takes a
range as its length and offers moments gone by as examples; a snooze and a follow-up's due date
are one moment, and a range there is refused in the preview and on saving. Fixed clock: Wed 25
Nov 2026 10:00."""

from __future__ import annotations

import re
from datetime import datetime

from textual.widgets import Input

from interview_tui.core.dates import parse_when
from interview_tui.core.models import FollowUpKind, InterviewStatus
from interview_tui.tui.screens.held_form import HeldForm
from interview_tui.tui.screens.main import MainScreen

from .test_conversation_life import notices, open_notes_list
from .test_followups import snooze_the_thank_you
from .test_method import press, static_text

SIZE = (120, 36)
NOW = datetime(2026, 11, 25, 10, 0)


async def held_form(pilot, app, name: str) -> HeldForm:  # type: ignore[no-untyped-def]
    """x on ``name``'s planned conversation: the form asking when it was held."""
    await open_notes_list(pilot, name)
    await press(pilot, "x")
    form = app.screen
    assert isinstance(form, HeldForm)
    return form


async def test_a_range_for_when_it_was_held_previews_and_saves_its_length(demo_store, make_test_app):
    sam = demo_store.find_contact("Sam Sample")
    [planned] = demo_store.interviews(sam.id)
    assert planned.minutes != 60
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await held_form(pilot, app, "Sam Sample")
        await press(pilot, "ctrl+u", *"yesterday 4pm-5pm")
        assert static_text(form, "#when-preview") == "→ Tue 24 Nov 2026, 16:00–17:00 (60 minutes)"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        held = demo_store.interview(planned.id)
        assert (held.status, held.when, held.minutes) == (InterviewStatus.DONE, datetime(2026, 11, 24, 16, 0), 60)
        assert notices(app)[-1].startswith("Held Tue 24 Nov 16:00 for 60 minutes.")


async def test_a_word_refused_for_when_it_was_held_offers_examples_the_field_takes(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await held_form(pilot, app, "Sam Sample")
        await press(pilot, "ctrl+u", *"sent card again")
        said = static_text(form, "#when-preview")
        offered = re.findall(r"'([^']+)'", said.split("Try", 1)[1])
        assert offered, said
        for example in offered:
            await press(pilot, "ctrl+u", *example)
            preview = static_text(form, "#when-preview")
            assert preview.startswith("→ ") and "still to come" not in preview, (example, preview)


async def test_snoozing_to_a_range_is_refused_in_the_preview_and_on_saving(demo_store, make_test_app):
    due_before = [f.due for f in demo_store.followups() if f.kind is FollowUpKind.THANK_YOU]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await snooze_the_thank_you(pilot, app)
        await press(pilot, *"tomorrow 3pm-4pm")
        refusal = "'tomorrow 3pm-4pm' is a range of times, and a follow-up is due at one moment; type 'tomorrow 3pm'."
        assert static_text(form, "#when-preview") == f"? {refusal}"
        await press(pilot, "enter")
        assert app.screen is form
        assert static_text(form, "#error-when") == refusal
        assert [f.due for f in demo_store.followups() if f.kind is FollowUpKind.THANK_YOU] == due_before
        form.query_one("#field-when", Input).value = ""
        await press(pilot, *"tomorrow 3pm", "enter")
        assert isinstance(app.screen, MainScreen)
        assert [f.due for f in demo_store.followups() if f.kind is FollowUpKind.THANK_YOU] == [datetime(2026, 11, 26, 15, 0)]


async def test_a_follow_up_due_over_a_range_is_refused_in_its_preview(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f")
        form = app.screen
        await press(pilot, *"fri 2-2:30pm")
        assert static_text(form, "#due-preview") == (
            "? 'fri 2-2:30pm' is a range of times, and a follow-up is due at one moment; type 'fri 2pm'."
        )
        assert parse_when("fri 2pm", NOW) == datetime(2026, 11, 27, 14, 0)
