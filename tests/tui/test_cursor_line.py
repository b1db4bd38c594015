"""The cursor's line is readable whatever colour its cells have of their own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.widgets.contacts import ContactList
from interview_tui.tui.widgets.row_list import Cell, RowList

from .conftest import SIZE

CELL_STYLES = ["row-list--warn", "row-list--alert", "row-list--dim", "row-list--heading"]


def unreadable(segments: list[Segment]) -> list[str]:
    """The text of every cell drawn in a colour other than the line's own, or in its background's."""
    line_colour = segments[0].style.color if segments[0].style else None
    return [
        segment.text
        for segment in segments
        if segment.style is None or segment.style.color != line_colour or segment.style.color == segment.style.bgcolor
    ]


class Styled(RowList[str]):
    def cells(self, row: str, width: int) -> list[Cell]:
        return [Cell("plain", 8), *(Cell(name.removeprefix("row-list--"), 8, name) for name in CELL_STYLES)]


class OneList(App[None]):
    def compose(self) -> ComposeResult:
        yield Styled()
        yield Styled(id="other")


@pytest.mark.parametrize("focused", [True, False], ids=["focused", "unfocused"])
async def test_every_cell_style_keeps_the_cursors_own_colour(focused: bool) -> None:
    app = OneList()
    async with app.run_test(size=(80, 10)) as pilot:
        first, other = app.query(Styled)
        first.set_rows(["a row", "another"])
        (first if focused else other).focus()
        await pilot.pause()
        segments = list(first.render_line(0))
        assert segments[0].style is not None and segments[0].style.color != segments[0].style.bgcolor
        assert unreadable(segments) == []
        # Away from the cursor the cells keep their colours.
        colours = {segment.style.color for segment in first.render_line(1) if segment.style and segment.text.strip()}
        assert len(colours) > 2


@pytest.mark.parametrize("name", ["Riley Mockup", "Aunt Example"], ids=["keep in touch soon", "overdue"])
async def test_a_contact_past_their_keep_in_touch_interval_is_readable_under_the_cursor(
    demo_store: Store, make_test_app: Callable[[Store], InterviewApp], name: str
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        contacts = app.screen.query_one(ContactList)
        position = [row.name for row in contacts.rows].index(name)
        await pilot.press(*["j"] * position)
        await pilot.pause()
        assert contacts.has_focus and contacts.current is not None and contacts.current.name == name
        y = contacts.cursor - contacts.scroll_offset.y
        segments = list(contacts.render_line(y))
        assert any(segment.text.startswith(("~ ", "! ")) for segment in segments)
        assert unreadable(segments) == []
        await pilot.press("tab")  # the cursor stays, unfocused
        await pilot.pause()
        assert not contacts.has_focus
        assert unreadable(list(contacts.render_line(y))) == []
