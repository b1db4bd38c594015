"""At 40x20 (a phone's terminal), the list of a person's conversations keeps each one's day, time
and status whole, giving up the year, then the length, then the way; at 80x24 it is as it was."""

from __future__ import annotations

from datetime import datetime

from interview_tui.core.models import Interview, InterviewMode, InterviewStatus
from interview_tui.core.store import Store

from .test_method import lines, press, screen_text, select

TINY = (40, 20)


def rows(app) -> list[str]:  # type: ignore[no-untyped-def]
    listing = app.main_screen.notes_pane.interview_list
    return [" ".join(line.split()) for line in lines(listing) if line.strip()]


def notes_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The terminal's lines from the notes pane's top border to its bottom one."""
    shown = screen_text(app).splitlines()
    top = next(number for number, line in enumerate(shown) if line.startswith("╭─ Notes"))
    bottom = next(number for number, line in enumerate(shown) if number > top and line.startswith("╰"))
    return shown[top + 1 : bottom]


def sam_with_three_conversations(store: Store) -> None:
    """Sam's phone call planned by the sample (Sat 28 Nov 15:00), a video call called off and a
    meeting in person planned."""
    sam = store.find_contact("Sam Sample")
    assert sam is not None and sam.id is not None
    store.add_interview(Interview(
        contact_id=sam.id, when=datetime(2026, 12, 6, 16, 0), status=InterviewStatus.CANCELLED,
        minutes=60, mode=InterviewMode.VIDEO,
    ))
    store.add_interview(Interview(
        contact_id=sam.id, when=datetime(2026, 12, 12, 9, 0), minutes=60, mode=InterviewMode.IN_PERSON,
    ))


async def test_at_40_columns_each_conversation_keeps_its_day_time_and_status(demo_store, make_test_app):
    sam_with_three_conversations(demo_store)
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await select(pilot, "Sam Sample")
        await press(pilot, "tab")
        # "Sat 12 Dec 2026 09:00 60 min in pers" before: the status was past the edge, and the
        # call called off could not be told from the ones planned.
        assert rows(app) == [
            "Sat 12 Dec 09:00 in person planned",
            "Sun 06 Dec 16:00 video cancelled",
            "Sat 28 Nov 15:00 phone planned",
        ]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert rows(app) == [
            "Sat 12 Dec 2026 09:00 60 min in person planned",
            "Sun 06 Dec 2026 16:00 60 min video cancelled",
            "Sat 28 Nov 2026 15:00 20 min phone planned",
        ]


async def test_at_40_columns_the_notes_pane_keeps_its_right_border_as_the_cursor_moves(demo_store, make_test_app):
    sam_with_three_conversations(demo_store)
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await select(pilot, "Sam Sample")
        await press(pilot, "tab", "escape")
        assert app.focused is app.main_screen.notes_pane.interview_list
        for _ in range(3):
            # A row wider than the list was drawn over the pane's padding and border, and stayed so.
            assert all(line.endswith("│") for line in notes_lines(app)), "\n".join(notes_lines(app))
            await press(pilot, "j")
