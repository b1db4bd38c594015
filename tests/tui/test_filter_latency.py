"""Typing never waits: a character typed into the contact filter is drawn in the same frame as the
list it finds, the screen around them is not laid out again, and the list's scrolling stays right
however it narrows and widens.

Frames are read as a terminal would: every update the app writes is applied to a mirror of the
screen, so a test sees what a person sees after each frame, not the widgets' state.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import ControlType, Segment
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Input

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui.widgets.contacts import ContactsPane
from interview_tui.tui.widgets.line_input import LineInput
from interview_tui.tui.widgets.row_list import Cell, RowList

from .conftest import wait_for

SIZE = (120, 36)


class Mirror:
    """The terminal's picture of the screen, as the app's frames paint it, kept after each frame."""

    def __init__(self, app: App[Any]) -> None:
        width, height = app.size
        self.lines = [[" "] * width for _ in range(height)]
        self.frames: list[list[str]] = []
        display = app._display

        def painted(screen, update):  # type: ignore[no-untyped-def]
            display(screen, update)
            self._paint(update)
            self.frames.append(["".join(line) for line in self.lines])

        app._display = painted

    def _write(self, x: int, y: int, segments: Any) -> None:
        if not 0 <= y < len(self.lines):
            return
        line = self.lines[y]
        for segment in segments:
            text = segment.text if isinstance(segment, Segment) else str(segment)
            for char in text:
                if 0 <= x < len(line):
                    line[x] = char
                x += 1

    def _paint(self, update: Any) -> None:
        """Apply the segments the update writes to the terminal, cursor moves included: a partial
        update writes only the spans it names, whatever else its pieces hold."""
        if update is None:
            return  # nothing to draw (Textual calls the display with None then)
        x = y = 0
        for segment in update.__rich_console__(None, None):
            if segment.control:
                for control in segment.control:
                    if control[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = control[1], control[2]
                continue
            if segment.text == "\n":
                continue  # every line the updates write begins with a move of the cursor
            self._write(x, y, [segment])
            x += segment.cell_length

    def text_in(self, frame: list[str], region: Region) -> list[str]:
        return [line[region.x : region.right] for line in frame[region.y : region.bottom]]


@pytest.fixture
def crowd(tmp_path: Path, now: datetime) -> Iterator[Store]:
    """120 people: more than the list shows at once, so it scrolls until a query narrows it."""
    opened = Store.open(tmp_path / "crowd.json", clock=lambda: now)
    companies = ["Contoso", "Northwind", "Fabrikam"]
    with opened.batch():
        for number in range(1, 121):
            opened.add_contact(Contact(name=f"Person {number:03d} Example", company=companies[number % 3]))
    yield opened
    opened.close()


def names_on(mirror: Mirror, frame: list[str], pane: ContactsPane) -> list[str]:
    """The contact names the frame shows in the list (the first three words of each line)."""
    lines = mirror.text_in(frame, pane.contact_list.content_region)
    return [" ".join(line.split()[:3]) for line in lines if line.strip()]


async def test_a_character_typed_into_the_filter_is_drawn_with_the_list_it_finds(crowd: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(crowd)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.main_screen.query_one(ContactsPane)
        box = pane.filter_input
        await pilot.press("slash")
        await wait_for(pilot, lambda: box.has_focus)
        mirror = Mirror(app)
        app.screen.refresh()  # one whole frame, so the mirror starts from the full picture
        await wait_for(pilot, lambda: bool(mirror.frames))
        typed = ""
        for key in [*"person 01", "backspace", "backspace", *"10"]:
            typed = typed[:-1] if key == "backspace" else typed + key
            before = len(mirror.frames)
            await pilot.press("space" if key == " " else key)
            await wait_for(pilot, lambda typed=typed, before=before: box.value == typed and len(mirror.frames) > before)
            want = [" ".join(c.name.split()[:3]) for c in pane.contact_list.rows[: pane.contact_list.size.height]]
            # The first frame that shows the character is the one that shows the list it finds.
            echo = next(
                frame for frame in mirror.frames[before:]
                if typed in mirror.text_in(frame, box.content_region)[0]
            )
            assert names_on(mirror, echo, pane) == want, typed
            # And the count in the pane's bottom border, in that same frame.
            shown = len(pane.contact_list.rows)
            count = f"{shown} of 120" if shown != 120 else "120"
            border = mirror.text_in(echo, pane.region)[-1]
            assert f" {count} " in border, (typed, border)
        found = [c.name.split()[1] for c in pane.contact_list.rows]
        assert found == sorted(f"{n:03d}" for n in range(1, 121) if "10" in f"{n:03d}")


async def test_typing_into_the_filter_lays_out_nothing_else(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    """A character typed repaints the box and the list: the other panes keep their places and
    are not laid out again (a layout of the whole screen at every keystroke is what made typing
    wait). The highlighted contact stays the same throughout, so the notes pane has nothing new
    to show."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        pane = screen.query_one(ContactsPane)
        await pilot.press("G")
        await wait_for(pilot, lambda: screen.contact is not None and screen.contact.name == "Sam Sample")
        await pilot.press("slash")
        await wait_for(pilot, lambda: pane.filter_input.has_focus)
        layouts: list[bool] = []
        refresh_layout = screen._refresh_layout

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            layouts.append(True)
            return refresh_layout(*args, **kwargs)

        screen._refresh_layout = counted
        await pilot.press(*"sample", "backspace", "backspace", "backspace")
        await wait_for(pilot, lambda: pane.filter_input.value == "sam")
        assert [c.name for c in pane.contact_list.rows] == ["Sam Sample"]
        assert screen.contact is not None and screen.contact.name == "Sam Sample"
        assert layouts == []


async def test_a_long_query_scrolls_in_its_box_to_what_was_typed_last(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.main_screen.query_one(ContactsPane)
        box = pane.filter_input
        assert isinstance(box, LineInput)
        words = "alex example contoso engineer friend " * 3 + "tail"
        await pilot.press("slash", *["space" if ch == " " else ch for ch in words])
        await wait_for(pilot, lambda: box.value == words)
        shown = box.render_line(0).text
        assert len(words) > box.content_region.width
        assert shown.rstrip().endswith("tail")
        await pilot.press("home")
        await wait_for(pilot, lambda: box.cursor_position == 0)
        assert box.render_line(0).text.startswith("alex example")


# The list's scrolling, as the rows come and go -------------------------------------------------


class Words(RowList[str]):
    def cells(self, row: str, width: int) -> list[Cell]:
        return [Cell(row)]


class ListApp(App[None]):
    CSS = "Words { height: 10; width: 40; }"

    def compose(self) -> ComposeResult:
        yield Input(id="other", compact=True)
        yield Words()


async def check_counts(counts: list[int], cursor_moves: list[int]) -> None:
    app = ListApp()
    async with app.run_test(size=(60, 14)) as pilot:
        words = app.query_one(Words)
        words.focus()
        for count, move in zip(counts, cursor_moves, strict=True):
            words.set_rows([f"row {n}" for n in range(count)])
            words.select_index(move % count if count else 0)
            await pilot.pause()
            height = words.scrollable_content_region.height
            assert words.show_vertical_scrollbar == (count > words.size.height), (count, height)
            if words.show_vertical_scrollbar:
                assert words.vertical_scrollbar.window_virtual_size == count
            top = words.scroll_offset.y
            assert 0 <= top <= max(0, count - height)
            if count:
                assert top <= words.cursor < top + height
            drawn = [words.render_line(y).text.strip() for y in range(height)]
            assert [line for line in drawn if line] == [f"row {n}" for n in range(top, min(count, top + height))] or (
                count == 0 and drawn[0] == "Nothing here."
            )


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6).flatmap(
        lambda counts: st.tuples(st.just(counts), st.lists(st.integers(0, 59), min_size=len(counts), max_size=len(counts)))
    )
)
def test_the_list_narrowed_and_widened_scrolls_to_its_rows_and_shows_its_scrollbar_when_needed(counts_and_moves) -> None:  # type: ignore[no-untyped-def]
    counts, moves = counts_and_moves
    asyncio.run(check_counts(counts, moves))


class SizedApp(App[None]):
    CSS = "Words { height: auto; max-height: 8; width: 40; }"

    def compose(self) -> ComposeResult:
        yield Words()


async def test_a_list_sized_by_its_rows_grows_and_shrinks_with_them() -> None:
    app = SizedApp()
    async with app.run_test(size=(60, 14)) as pilot:
        words = app.query_one(Words)
        for count, height in ((3, 3), (20, 8), (1, 1), (0, 0), (6, 6)):
            words.set_rows([f"row {n}" for n in range(count)])
            await pilot.pause()
            assert words.size.height == height, count


async def test_clearing_a_filter_that_found_nothing_brings_the_scroll_bar_home_with_the_list(crowd: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    """Found far down, then nothing found, then the filter cleared: the list is back at the top,
    and so is its scroll bar (it stayed where the first query had scrolled the list)."""
    app = make_test_app(crowd)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.query_one(ContactsPane)
        listed = pane.contact_list
        await pilot.press("slash", *"Person 100", "escape")
        await wait_for(pilot, lambda: listed.scroll_y > 0 and not pane.filter_input.has_focus)
        assert listed.vertical_scrollbar.position == listed.scroll_y
        await pilot.press("slash", *"zz", "escape")
        await wait_for(pilot, lambda: len(listed.rows) == 120 and not pane.filter_input.has_focus)
        await pilot.pause()
        assert listed.scroll_y == 0
        assert listed.vertical_scrollbar.position == 0
