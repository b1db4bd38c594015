"""A keyboard list that renders only the rows on screen, so 10,000 rows cost what 30 do.

One widget per row (ListView) or a full table rebuild on every filter keystroke (DataTable) is too
slow at the sizes people reach; this draws each visible line on demand from a plain Python list.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from contextlib import suppress
from functools import lru_cache
from operator import indexOf
from typing import Any, ClassVar, Generic, NamedTuple, Self, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.dom import NoScreen
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from ...core.text import strip_controls
from ..keys import listed

T = TypeVar("T")


class Cell(NamedTuple):
    """One column of a rendered row: its text, its width in cells (None takes what is left), and
    an optional component class for its colour."""

    text: str
    width: int | None = None
    style: str = ""


_ONE_CELL = frozenset(map(chr, (*range(0x20, 0x7F), *range(0xA0, 0x300)))) | frozenset(
    character for character in map(chr, range(0x2010, 0x2028)) if cell_len(character) == 1
)
"""Characters one cell wide as rich measures them: Latin (rich's own quick test's, and the soft hyphen),
and the dashes, quotes and "…" that cut texts and snippets are full of. Rich's quick test leaves
out the punctuation, and measures a text holding any of it grapheme by grapheme: cutting a search
result's context to its width took 40 microseconds instead of 2, 26 times a keystroke. Only the
punctuation is measured here: measuring all 700 characters cost a millisecond of start-up."""


def cells(text: str) -> int:
    """``cell_len(text)``: the cells ``text`` takes in the terminal."""
    return len(text) if _ONE_CELL.issuperset(text) else cell_len(text)


def sized(text: str, width: int) -> str:
    """``set_cell_size(text, width)``: ``text`` cut or padded with spaces to ``width`` cells."""
    if _ONE_CELL.issuperset(text):
        return text[:width] if len(text) >= width else text + " " * (width - len(text))
    return set_cell_size(text, width)


def fit(text: str, width: int) -> str:
    """``text`` made exactly ``width`` cells wide, cut with an ellipsis; wide (CJK, emoji)
    characters are measured as two cells so the columns stay aligned."""
    if width <= 0:
        return ""
    if cells(text) <= width:
        return sized(text, width)
    return sized(text, width - 1) + "…"


class _Frame(NamedTuple):
    """What drawing any line of a RowList needs, the same for all the lines of one frame."""

    style: Style
    width: int
    scroll_y: int


@listed("Lists", Binding("enter", "", "Open"))
class RowList(ScrollView, Generic[T], can_focus=True):
    """A vertical list of rows with a cursor; subclasses say how a row becomes cells."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor",
        "row-list--cursor-focused",
        "row-list--empty",
        "row-list--dim",
        "row-list--alert",
        "row-list--warn",
        "row-list--heading",
    }

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    RowList > .row-list--cursor { background: $surface-lighten-2; }
    RowList > .row-list--cursor-focused { background: $accent; color: $text; text-style: bold; }
    RowList > .row-list--empty { color: $text-muted; text-style: italic; }
    RowList > .row-list--dim { color: $text-muted; }
    RowList > .row-list--alert { color: $error; text-style: bold; }
    RowList > .row-list--warn { color: $warning; }
    RowList > .row-list--heading { color: $secondary; text-style: bold; }
    """

    empty_text = "Nothing here."

    STYLED_BY_FOCUS: ClassVar[bool] = False
    """Whether a rule of the stylesheet styles this list by ``:focus``. None does by default: the
    cursor's two looks are component classes of their own, picked as the line is drawn. So a
    change of focus (every tab between panes) repaints the cursor's line, where Textual would
    apply the stylesheet to the list and to each of its component classes again."""

    def watch_has_focus(self, has_focus: bool) -> None:
        if self.STYLED_BY_FOCUS:
            super().watch_has_focus(has_focus)
        else:
            self.refresh_line(self.cursor)

    @property
    def cursor_style_name(self) -> str:
        """The component class the cursor's line is drawn with: brighter where the keys go."""
        return "row-list--cursor-focused" if self.has_focus else "row-list--cursor"

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """As many lines as rows. Textual lays out the whole screen again when a widget's virtual
    size changes, so that containers can place their children; this list places none, and when
    its width and height come from the stylesheet a new count of rows (every filter keystroke)
    only repaints it and updates its scrollbar."""

    def watch_virtual_size(self) -> None:
        if self.styles.auto_dimensions:
            self.refresh(layout=True)  # sized by its rows (``height: auto``): that needs a layout
        # What a layout would have done for a scrolling widget: show or hide the scrollbar (that
        # alone does lay out, as it changes the width left for the rows), size its thumb, and keep
        # the scroll position within the new height.
        self._scroll_update(self.virtual_size)

    class Highlighted(Message):
        """The cursor moved to a row (None when the list became empty)."""

        def __init__(self, row_list: RowList[Any], row: object | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        @property
        def control(self) -> RowList[Any]:
            return self.row_list

    class Chosen(Message):
        """Enter was pressed on a row."""

        def __init__(self, row_list: RowList[Any], row: object) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        @property
        def control(self) -> RowList[Any]:
            return self.row_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: Sequence[T] = []
        self.cursor = 0
        self._announced: object | None = None
        self._frame: _Frame | None = None
        self._scroll_pending = False
        self._plain_width: int | None = None
        """The width of the lines kept by ``_plain_lines`` (None: Textual's way keeps them)."""

    # Subclass hooks ------------------------------------------------------------------------

    def cells(self, row: T, width: int) -> Sequence[Cell]:
        raise NotImplementedError

    def row_key(self, row: T) -> object:
        """What identifies a row across reloads, so the cursor stays on it."""
        return row

    def is_selectable(self, row: T) -> bool:
        return True

    def index_of(self, rows: Sequence[T], key: object) -> int | None:
        """Where the row with this key is in ``rows`` (None: not there). Runs on every filter
        keystroke over up to every row, so the keys are compared at C speed."""
        try:
            return indexOf(map(self.row_key, rows), key)
        except ValueError:
            return None

    # Data ----------------------------------------------------------------------------------

    @property
    def current(self) -> T | None:
        if 0 <= self.cursor < len(self.rows) and self.is_selectable(self.rows[self.cursor]):
            return self.rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[T], *, keep: object | None = None) -> None:
        """Replace the rows; the cursor stays on the row with key ``keep`` (or the current one)."""
        if keep is not None:
            key = keep
        else:
            current = self.current
            key = None if current is None else self.row_key(current)
        self.rows = rows
        self.cursor = 0
        if key is not None:
            self.cursor = self.index_of(rows, key) or 0
        self.cursor = self._nearest_selectable(self.cursor, 1)
        # Rows are cut to the widget's width, so the content is never wider than the widget: a
        # width of 0 says so, and leaves nothing to redo (no second layout) when it is resized.
        self.virtual_size = Size(0, len(rows))
        if len(rows) > self.app.size.height and not self.show_vertical_scrollbar and self.styles.overflow_y == "auto":
            # More rows than the terminal has lines: the list shows a scroll bar. Textual
            # decides so as it lays the list out, and that decision asks for a second layout
            # of the whole screen: as the app started, the first frame came without the scroll
            # bar, and the screen was laid out and drawn again a frame later to add it. Said
            # now, the first layout already has it.
            self.show_vertical_scrollbar = True
            self.vertical_scrollbar.display = True
        self._scroll_to_cursor(animate=False)
        # The bar shows where the list is scrolled now. Textual moves it only as the scroll
        # changes, and a list emptied by a filter that found nothing is scrolled home while its
        # bar is hidden: refilled, still home, the bar came back where it was before.
        self.vertical_scrollbar.position = self.scroll_y
        self.refresh()
        self._announce()

    def select_index(self, index: int) -> None:
        """Put the cursor on the row at ``index``, or the nearest one that can take it."""
        self._move_to(index)

    def select_key(self, key: object) -> bool:
        index = self.index_of(self.rows, key)
        if index is None or not self.is_selectable(self.rows[index]):
            return False
        self._move_to(index)
        return True

    # Rendering -----------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual asks for a frame's lines of this widget in one call. What every line needs (the
        # widget's style, which walks all its ancestors, its width and scroll position) is worked
        # out once here instead of once per line: that was half the cost of drawing the list.
        self._frame = self._frame_now()
        try:
            if self._drawn_plainly():
                return self._plain_lines(crop)
            if self._plain_width is not None:
                # Lines kept by the plain way are the rows' width, not the widget's: not for
                # Textual's way to take up.
                self._plain_width = None
                self._styles_cache.clear()
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _drawn_plainly(self) -> bool:
        """Whether Textual's drawing of each line would add nothing to the row's own: no border,
        outline or padding, no tint, hatch or transparency, no link under the mouse. So are the
        lists that typing redraws at every key (the contacts, the search's results)."""
        styles = self.styles
        return (
            not any(styles.gutter)
            and not any(edge for edge, _ in styles.outline)
            and not styles.tint.a
            and self.opacity == 1.0
            and styles.text_opacity == 1.0
            and (not styles.has_rule("hatch") or styles.hatch == "none")
            and not (self.auto_links and self.hover_style._link_id)
        )

    def _plain_lines(self, crop: Region) -> list[Strip]:
        """What Textual's ``render_lines`` gives for a list drawn plainly (``_drawn_plainly``),
        with its own record of the lines drawn (which lines a refresh made dirty), for a third
        of the time a line.

        Textual takes each row's line, makes it as wide as the widget (its scroll bar's column
        included), copies it in a new Strip twice over, applies the app's filters and cuts the
        scroll bar's column off again: at every keystroke of a filter or a search, for every
        line shown, more than the row's own drawing took. Here a row's line is already as wide
        as what is shown of it, and it is kept as it is until a refresh makes it dirty, as
        Textual keeps its own. A test draws every list both ways and compares them."""
        assert self._frame is not None
        width = self._frame.width
        cache = self._styles_cache
        region_width = self.region.width
        if cache._width != region_width or self._plain_width != width:
            cache.clear()
            cache._width = region_width
            self._plain_width = width
        kept, dirty = cache._cache, cache._dirty_lines
        filters = self.get_line_filters()
        background = self.background_colors[1]
        strips: list[Strip] = []
        for y in crop.line_range:
            strip = kept.get(y)
            if strip is None or y in dirty:
                strip = kept[y] = self.render_line(y)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        dirty.difference_update(crop.line_range)
        start, end = crop.column_span
        if (start, end) != (0, width):
            content_width = self.content_region.width
            inner = cache.get_inner_outer(self.background_colors[0], background)[0].rich_style
            strips = [strip.adjust_cell_length(content_width, inner).crop(start, end) for strip in strips]
        return strips

    def _frame_now(self) -> _Frame:
        return _Frame(self.rich_style, self.scrollable_content_region.width, self.scroll_offset.y)

    def render_line(self, y: int) -> Strip:
        base, width, scroll_y = self._frame or self._frame_now()
        index = scroll_y + y
        if not self.rows:
            # Wrapped to the width, so that a narrow terminal shows the whole of what to do.
            said = wrapped(self.empty_text, width - 1)
            text = said[y] if y < len(said) else ""
            style = base + self.get_component_rich_style("row-list--empty")
            return Strip([Segment(fit(" " + text, width), style)], width)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        row_style = base
        on_cursor = index == self.cursor and self.is_selectable(row)
        if on_cursor:
            row_style = base + self.get_component_rich_style(self.cursor_style_name)
        return Strip(self._segments(row, width, row_style, on_cursor=on_cursor), width)

    def _segments(self, row: T, width: int, row_style: Style, *, on_cursor: bool = False) -> list[Segment]:
        cells = list(self.cells(row, width - 1))
        fixed = sum(c.width for c in cells if c.width is not None) + len(cells)
        flexible = [c for c in cells if c.width is None]
        share = max(0, (width - 1 - fixed) // len(flexible)) if flexible else 0
        segments = [Segment(" ", row_style)]
        used = 1
        for number, cell in enumerate(cells):
            cell_width = cell.width if cell.width is not None else share
            if number == len(cells) - 1:
                cell_width = width - used
            # Never past the width, however wide the cells asked to be: a row wider than its list
            # was drawn over the border beside it (at 40 columns, the notes pane's).
            cell_width = max(0, min(cell_width, width - used))
            style = row_style
            if cell.style:
                cell_style = self.get_component_rich_style(cell.style, partial=True)
                if on_cursor:
                    # A cell's colour was chosen against the list's background, not the cursor's:
                    # amber text on the amber cursor could not be read. Its bold stays.
                    cell_style = cell_style.without_color
                style = row_style + cell_style
            text = fit(strip_controls(cell.text), cell_width)
            segments.append(Segment(text, style))
            used += cell_width
            if number < len(cells) - 1 and used < width:
                segments.append(Segment(" ", row_style))
                used += 1
        return segments

    # Movement ------------------------------------------------------------------------------

    def _nearest_selectable(self, index: int, step: int) -> int:
        if not self.rows:
            return 0
        index = max(0, min(index, len(self.rows) - 1))
        probe = index
        while 0 <= probe < len(self.rows):
            if self.is_selectable(self.rows[probe]):
                return probe
            probe += step
        probe = index
        while 0 <= probe < len(self.rows):
            if self.is_selectable(self.rows[probe]):
                return probe
            probe -= step
        return index

    def _move_to(self, index: int, step: int = 1) -> None:
        if not self.rows:
            return
        new = self._nearest_selectable(index, step)
        if new != self.cursor:
            self.refresh_line(self.cursor)
            self.cursor = new
            self.refresh_line(self.cursor)
        self._scroll_to_cursor()
        self._announce()

    def on_resize(self) -> None:
        height = self.scrollable_content_region.height
        if not height:
            return
        top = self.scroll_offset.y
        # Made shorter (a terminal narrowed, a pane shrunk), the list could leave its cursor
        # below what it shows: the row the keys act on, and the search's preview describes,
        # would be out of sight.
        if self._scroll_pending or not top <= self.cursor < top + height:
            self._scroll_to_cursor()

    def refresh_line(self, index: int) -> None:
        self.refresh(Region(0, index - self.scroll_offset.y, self.size.width, 1))

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        if not self.size.height:
            # Not laid out yet: with no height, any row is "below" the view, and scrolling to
            # it would hide the rows above it (a group's heading) once the list has its size.
            self._scroll_pending = True
            return
        self._scroll_pending = False
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=animate, force=True, immediate=True)

    def _announce(self) -> None:
        current = self.current
        key = None if current is None else self.row_key(current)
        if key != self._announced:
            self._announced = key
            self._post(self.Highlighted(self, current))

    def _post(self, message: Message) -> None:
        # A message's sender defaults to whatever is handling a message when it is made. When the
        # parent pane calls set_rows (a filter keystroke), that is the pane, and Textual stops a
        # message from bubbling past its sender: the screen would never hear of the new row.
        self.post_message(message.set_sender(self))

    def action_cursor_down(self) -> None:
        self._move_to(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        self._move_to(self.cursor - 1, -1)

    def action_page_down(self) -> None:
        self._move_to(self.cursor + max(1, self.size.height - 1), 1)

    def action_page_up(self) -> None:
        self._move_to(self.cursor - max(1, self.size.height - 1), -1)

    def action_first(self) -> None:
        self._move_to(0, 1)

    def action_last(self) -> None:
        self._move_to(len(self.rows) - 1, -1)

    def key_enter(self) -> None:
        if self.current is not None:
            self._post(self.Chosen(self, self.current))

    def focus(self, scroll_visible: bool = True) -> Self:
        if self.STYLED_BY_FOCUS:
            return super().focus(scroll_visible)
        # As Textual's, less its repaint of the whole list (the cursor's line is repainted once
        # the focus is here: see watch_has_focus).
        def set_focus(widget: Widget) -> None:
            with suppress(NoScreen):
                widget.screen.set_focus(self, scroll_visible=scroll_visible)

        self.app.call_later(set_focus, self)
        return self

    # Textual's own handlers (Widget._on_focus, _on_blur) repaint the whole list, when only the
    # cursor's line looks different with the focus: they are done here instead, less that.
    def on_focus(self, event: events.Focus) -> None:
        if self.STYLED_BY_FOCUS:
            self.refresh_line(self.cursor)
            return
        event.prevent_default()
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def on_blur(self, event: events.Blur) -> None:
        if self.STYLED_BY_FOCUS:
            self.refresh_line(self.cursor)
            return
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))


@lru_cache(maxsize=64)
def wrapped(text: str, width: int) -> tuple[str, ...]:
    """``text`` in lines of at most ``width`` characters, broken between words where it can be."""
    return tuple(textwrap.wrap(text, max(1, width))) or ("",)
