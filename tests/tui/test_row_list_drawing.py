"""Every list of the app draws its lines itself (RowList._plain_lines), where Textual's own way
took longer per line than the row's drawing: the lines must be exactly those Textual's way
gives, segment for segment, on every list shown, at every size, cursor, focus, filter, search
and theme, both as drawn afresh and as kept between frames (only the lines a change made dirty
drawn again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.widgets.row_list import RowList

from .conftest import wait_for


def textuals_way(row_list: RowList[Any], crop: Region) -> list[Strip]:
    """The lines as Textual draws them (Widget.render_lines through its styles cache), from
    nothing kept; what the list keeps of its own is left as it was."""
    kept, dirty, width = dict(row_list._styles_cache._cache), set(row_list._styles_cache._dirty_lines), row_list._styles_cache._width
    row_list._styles_cache.clear()
    row_list._frame = row_list._frame_now()
    try:
        return Widget.render_lines(row_list, crop)
    finally:
        row_list._frame = None
        row_list._styles_cache._cache, row_list._styles_cache._dirty_lines = kept, dirty
        row_list._styles_cache._width = width


def crops(row_list: RowList[Any]) -> list[Region]:
    width, height = row_list.region.size
    shown = row_list.scrollable_content_region.width
    # What the screen asks of a list with a scroll bar (the bar's column is a widget of its own),
    # the whole widget, and a part of it (a refreshed line, a list partly covered).
    return [Region(0, 0, shown, height), Region(0, 0, width, height), Region(1, 1, max(1, shown - 2), max(1, height - 2))]


def assert_drawn_as_textual_draws(app: InterviewApp) -> int:
    """Compare every list on the screen both ways; how many of them were drawn plainly (a list
    with padding, say, is drawn by Textual either way)."""
    lists = [widget for widget in app.screen.query(RowList) if widget.region.area]
    for row_list in lists:
        for crop in crops(row_list):
            kept = row_list.render_lines(crop)  # as a frame draws it: lines kept since the last
            assert kept == textuals_way(row_list, crop), (row_list, crop)
            row_list._styles_cache.clear()
            fresh = row_list.render_lines(crop)
            assert fresh == textuals_way(row_list, crop), (row_list, crop)
            assert [strip.cell_length for strip in fresh] == [crop.width] * crop.height
    return sum(row_list._drawn_plainly() for row_list in lists)


STEPS: list[tuple[str, Callable[[Any], Any]]] = [
    ("opened", lambda pilot: pilot.pause()),
    ("cursor moved", lambda pilot: pilot.press("down", "down")),
    ("filtered", lambda pilot: pilot.press("slash", "s", "a")),
    ("filter finds nothing", lambda pilot: pilot.press("z", "z", "z")),
    ("filter cleared", lambda pilot: pilot.press("escape")),
    ("follow-ups focused", lambda pilot: pilot.press("shift+tab")),
    ("cursor on a follow-up", lambda pilot: pilot.press("down")),
]


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (40, 20)], ids=["80x24", "120x36", "40x20"])
async def test_the_lists_of_the_main_screen_are_drawn_as_textual_draws_them(demo_store: Store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _name, step in STEPS:
            await step(pilot)
            await pilot.pause()
            assert assert_drawn_as_textual_draws(app) >= 1
        app.theme = "textual-light"  # another palette: the cursor and the cells' colours change
        await pilot.pause()
        assert assert_drawn_as_textual_draws(app) >= 1


@pytest.mark.parametrize("size", [(80, 24), (40, 20)], ids=["80x24", "40x20"])
async def test_the_search_results_are_drawn_as_textual_draws_them(demo_store: Store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.tui.screens.search import SearchScreen

    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.index is not None)
        for keys in (("s",), ("a", "m"), ("down", "down"), ("up", "up", "backspace")):
            await pilot.press(*keys)
            await pilot.pause()
            assert assert_drawn_as_textual_draws(app) >= 1


async def test_a_list_styled_otherwise_is_drawn_by_textual(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row_list = app.screen.query(RowList).first()
        crop = Region(0, 0, row_list.scrollable_content_region.width, row_list.region.height)
        plain = row_list.render_lines(crop)
        row_list.styles.tint = "red 40%"
        await pilot.pause()
        assert not row_list._drawn_plainly()
        tinted = row_list.render_lines(crop)
        assert tinted == textuals_way(row_list, crop)
        assert tinted != plain


async def test_the_lists_are_drawn_through_the_apps_filters_as_textual_draws_them(demo_store: Store, make_test_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")  # the app then draws through a filter that takes the colours out
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any(type(line_filter).__name__ == "Monochrome" for line_filter in app.get_line_filters())
        await pilot.press("down")
        await pilot.pause()
        assert assert_drawn_as_textual_draws(app) >= 1


async def test_a_row_whose_cells_ask_for_more_than_the_width_is_cut_at_the_width() -> None:
    from rich.cells import cell_len
    from textual.app import App, ComposeResult

    from interview_tui.tui.widgets.row_list import Cell

    class Wide(RowList[str]):
        DEFAULT_CSS = "Wide { width: 20; height: 3; }"

        def cells(self, row: str, width: int) -> list[Cell]:
            return [Cell(row, 12), Cell(row.upper(), 12), Cell("end", 12)]

    class Small(App[None]):
        def compose(self) -> ComposeResult:
            yield Wide()

    app = Small()
    async with app.run_test(size=(30, 5)) as pilot:
        wide = app.query_one(Wide)
        wide.set_rows(["abcdefghijklmnop", "q"])
        await pilot.pause()
        width = wide.scrollable_content_region.width
        for y in range(2):
            strip = wide.render_line(y)
            # Measured segment by segment, not as the strip says of itself.
            assert sum(cell_len(segment.text) for segment in strip) == width
        assert wide.render_line(0).text == " abcdefghijk… ABCDE…"
        crop = Region(0, 0, width, 2)
        assert wide.render_lines(crop) == textuals_way(wide, crop)
