"""On the night the clocks change, the preview under a date field says what saving will: a time
the clocks skip, or a range across the change or ending in the hour they skip, is refused under
the field before saving, with the words saving refuses it with, in the schedule form (s), the
form for when a conversation was held (x), the follow-up form (f) and the snooze form (z). The zone is Berlin: the clocks went back at 03:00 on
Sun 25 Oct 2026, and go forward at 02:00 on Sun 28 Mar 2027. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

from datetime import datetime

import pytest

from interview_tui.core.models import InterviewStatus
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.queue_forms import UpdateEveryoneForm

from .test_date_fields import schedule_form, shown, type_into
from .test_date_fields_per_field import held_form
from .test_followups import snooze_the_thank_you
from .test_method import press

SIZE = (120, 36)


ACROSS_THE_JUMP = (
    "01:30-03:30 on Sun 28 Mar 2027 is 60 minutes, not 120: the clocks go forward that night "
    "(daylight saving). Type its start alone, with 60 minutes as its length."
)
IN_THE_JUMP = (
    "02:30 on Sun 28 Mar 2027 does not exist here: the clocks go forward that night (daylight saving). "
    "Choose another time, such as 03:30."
)


async def the_skipped_time_is_refused_in_the_preview_and_on_saving(pilot, app, form, field: str) -> None:  # type: ignore[no-untyped-def]
    """02:30 the night the clocks go forward, typed into ``field``: refused under it as it is
    typed and again on saving, said once, and the form stays open."""
    preview = f"#{field}-preview"
    await type_into(pilot, "2027-03-28 2:30am")
    assert shown(form, preview) == f"? {IN_THE_JUMP}"
    assert form.query_one(preview).has_class("-unreadable")
    await press(pilot, "ctrl+s")
    assert app.screen is form
    assert shown(form, f"#error-{field}") == IN_THE_JUMP
    assert shown(form, preview) == ""  # said once, at the field


@pytest.mark.parametrize("typed", ["2027-03-28 1:30am-3:30am", "2027-03-28 2:30am"])
async def test_the_schedule_preview_refuses_what_saving_refuses_the_night_the_clocks_change(
    demo_store, make_test_app, berlin: None, typed: str
):
    """The preview said "(120 minutes)" for a range that is an hour, which saving then refused."""
    refusal = ACROSS_THE_JUMP if "-" in typed.split()[1] else IN_THE_JUMP
    casey = demo_store.find_contact("Casey Placeholder")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        await type_into(pilot, typed)
        assert shown(form, "#when-preview") == f"? {refusal}"
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert shown(form, "#error-when") == refusal
        assert demo_store.interviews(casey.id) == []
        # Either side of the jump, the range is previewed and booked as typed.
        await type_into(pilot, "2027-03-28 3am-4am")
        assert shown(form, "#when-preview") == "→ Sun 28 Mar 2027, 03:00–04:00 (60 minutes)"


START_ALONE = "Type its start alone; it keeps the length it was planned for."
"""Where no length can be typed beside the date (when it was held), the advice for a range the
clocks change across: 'with 120 minutes as its length' asked for a field the form does not have."""


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "2026-10-25 1:30am-3:30am",
            "01:30-03:30 on Sun 25 Oct 2026 is 180 minutes, not 120: the clocks go back that night "
            f"(daylight saving). {START_ALONE}",
        ),
        (
            "2026-10-25 2am-3am",
            "02:00-03:00 on Sun 25 Oct 2026 is 120 minutes, not 60: the clocks go back that night "
            f"(daylight saving). {START_ALONE}",
        ),
        (
            "2026-03-29 1:30am-2:30am",
            "01:30-02:30 on Sun 29 Mar 2026 ends at a time that does not exist here: the clocks go forward "
            f"that night (daylight saving). {START_ALONE}",
        ),
        (
            "2026-03-29 2:30am",
            "02:30 on Sun 29 Mar 2026 does not exist here: the clocks go forward that night (daylight saving). "
            "Choose another time, such as 03:30.",
        ),
    ],
)
async def test_when_it_was_held_is_refused_the_night_the_clocks_change_in_the_preview_and_on_saving(
    demo_store, make_test_app, berlin: None, typed: str, refusal: str
):
    sam = demo_store.find_contact("Sam Sample")
    [planned] = demo_store.interviews(sam.id)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await held_form(pilot, app, "Sam Sample")
        await press(pilot, "ctrl+u", *typed)
        assert shown(form, "#when-preview") == f"? {refusal}"
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert shown(form, "#error-when") == refusal
        assert demo_store.interview(planned.id).status is InterviewStatus.PLANNED


async def test_a_range_held_across_the_change_is_saved_as_the_advice_says(demo_store, make_test_app, berlin: None):
    """The form has no Minutes field: its start alone is what can be typed there, and it is saved
    with the length planned."""
    sam = demo_store.find_contact("Sam Sample")
    [planned] = demo_store.interviews(sam.id)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await held_form(pilot, app, "Sam Sample")
        assert not form.query("#field-minutes")
        await press(pilot, "ctrl+u", *"2026-10-25 2am-3am")
        assert shown(form, "#when-preview").endswith(START_ALONE)
        await press(pilot, "ctrl+u", *"2026-10-25 2am")
        assert shown(form, "#when-preview") == "→ Sun 25 Oct 2026, 02:00"
        await press(pilot, "ctrl+s")
        assert app.screen is not form
    held = demo_store.interview(planned.id)
    assert (held.status, held.when, held.minutes) == (InterviewStatus.DONE, datetime(2026, 10, 25, 2, 0), planned.minutes)


async def test_a_follow_up_due_at_a_time_the_clocks_skip_is_refused_in_the_preview_and_on_saving(
    demo_store, make_test_app, berlin: None
):
    """The preview said "→ Sun 28 Mar 2027, 02:30", which saving then refused."""
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f")
        form = app.screen
        assert isinstance(form, FollowUpForm)
        await the_skipped_time_is_refused_in_the_preview_and_on_saving(pilot, app, form, "due")
        # The time past the jump, which the refusal offers, is previewed as typed.
        await type_into(pilot, "2027-03-28 3:30am")
        assert shown(form, "#due-preview") == "→ Sun 28 Mar 2027, 03:30"
        assert not form.query_one("#due-preview").has_class("-unreadable")
    assert demo_store.path.read_bytes() == before


async def test_a_snooze_to_a_time_the_clocks_skip_is_refused_in_the_preview_and_on_saving(
    demo_store, make_test_app, berlin: None
):
    """The preview said "→ Sun 28 Mar 2027, 02:30", which saving then refused."""
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await snooze_the_thank_you(pilot, app)
        await the_skipped_time_is_refused_in_the_preview_and_on_saving(pilot, app, form, "when")
        await type_into(pilot, "2027-03-28 3:30am")
        assert shown(form, "#when-preview") == "→ Sun 28 Mar 2027, 03:30"
    assert demo_store.path.read_bytes() == before


async def test_the_update_to_everyone_previews_its_date_and_a_time_the_clocks_skip_as_saving_says(
    demo_store, make_test_app, berlin: None
):
    """The "Send by" field of the update to everyone who helped had no preview: a date it read
    otherwise than meant, or one it refused, showed only on saving."""
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "U")
        form = app.screen
        assert isinstance(form, UpdateEveryoneForm)
        assert shown(form, "#due-preview") == "→ Wed 25 Nov 2026, 09:00"  # "today", as it opens
        await pilot.press(*"I accepted an offer at Contoso", "tab")
        await type_into(pilot, "fri")
        assert shown(form, "#due-preview") == "→ Fri 27 Nov 2026, 09:00"
        await the_skipped_time_is_refused_in_the_preview_and_on_saving(pilot, app, form, "due")
    assert demo_store.path.read_bytes() == before
