"""A date field's placeholder lists examples of what it reads: at 80x24 every one is shown whole
(the follow-up form's Due ended "mon 10am, 2026", cut at the box's edge), and in a narrower box
as many as fit whole, never one cut in two. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from rich.cells import cell_len

from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.held_form import HeldForm
from interview_tui.tui.screens.queue_forms import SnoozeForm, UpdateEveryoneForm
from interview_tui.tui.screens.schedule_form import ScheduleForm
from interview_tui.tui.widgets.line_input import LineInput

from .conftest import open_screen

NOW = datetime(2026, 11, 25, 10, 0)
DATE_FIELDS = ("when", "due")
"""The names of the date fields in the forms below."""


def date_forms() -> list[FormScreen[Any]]:
    """Each form with a date field, as the app opens it."""
    return [
        ScheduleForm("Casey Placeholder", lambda values: None, lambda: NOW),
        HeldForm("When was it held?", lambda values: None, NOW, lambda: NOW),
        FollowUpForm("Casey Placeholder", lambda values: None, lambda: NOW),
        SnoozeForm("Snooze", lambda values: None, lambda: NOW, dayfirst=False),
        UpdateEveryoneForm(lambda values: None, 3, lambda: NOW, dayfirst=False),
    ]


async def test_every_placeholder_of_a_form_with_a_date_fits_its_box_at_80_columns(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        for form in date_forms():
            form = await open_screen(pilot, form)
            for box, spec in zip(form.query(LineInput), [s for s in form.fields if not s.choices], strict=True):
                assert box.placeholder == spec.placeholder, (type(form).__name__, spec.name)
                assert cell_len(box.placeholder) <= box.scrollable_content_region.width, (type(form).__name__, spec.name)
            app.pop_screen()
            await pilot.pause()


@pytest.mark.parametrize("size", [(40, 20), (60, 24)])
async def test_a_narrower_date_field_shows_the_examples_that_fit_whole(demo_store, make_test_app, size):
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        for form in date_forms():
            form = await open_screen(pilot, form)
            for spec in form.fields:
                if spec.name not in DATE_FIELDS:
                    continue
                box = form.query_one(f"#field-{spec.name}", LineInput)
                examples = spec.placeholder.split(", ")
                shown = box.placeholder.split(", ")
                assert shown == examples[: len(shown)], (type(form).__name__, spec.name)
                width = box.scrollable_content_region.width
                assert cell_len(box.placeholder) <= width, (type(form).__name__, spec.name, box.placeholder)
                if len(shown) < len(examples):
                    # No more of them would fit.
                    assert cell_len(", ".join(examples[: len(shown) + 1])) > width
            app.pop_screen()
            await pilot.pause()


async def test_the_due_placeholder_is_drawn_whole_at_80_columns(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = FollowUpForm("Casey Placeholder", lambda values: None, lambda: NOW)
        form = await open_screen(pilot, form)
        drawn = form.query_one("#field-due", LineInput).render_line(0).text
        assert drawn.rstrip() == "tomorrow, fri, mon 10am, in 3 days, 2026-12-03"
