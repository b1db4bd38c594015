"""A one-line text box whose keystrokes repaint the box alone.

Textual's Input records the width of its text as its virtual size, a reactive that asks for a
layout when it changes: every character typed into any Input lays out the whole screen again
(5 to 20 ms on a slow machine, before the character can be drawn), although a box whose width
and height come from the stylesheet cannot change size with its text. Here that size only
repaints the box. The Input scrolls its text from the virtual size itself, so nothing else
depends on the layout it skips. A box sized by its content (``width: auto``) still lays out:
the Input asks for that itself whenever its dimensions are automatic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets.input import Selection


class LineInput(Input):
    """An Input for a box of fixed size (any text field of a form, a filter, a search box).

    ``shorter_placeholders``: shorter forms of the placeholder, longest first; the box shows the
    longest form that fits its width whole (the last when none does). An Input cuts its
    placeholder at the edge, in the middle of what it says."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """The width of the text typed, which scrolls it; a change repaints the box, no layout."""

    def __init__(self, *args: Any, shorter_placeholders: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._placeholders = (self.placeholder, *shorter_placeholders) if shorter_placeholders else ()
        self._typing_more = False

    def focus_to_type_more(self) -> None:
        """Focus the box to go on with what it holds: the cursor at its end, nothing selected,
        even where ``select_on_focus`` selects all on other focusings (so that a key replaces
        what was there)."""
        self._typing_more = True
        self.focus()

    def _on_focus(self, event: events.Focus) -> None:
        # Input's own handler, which selects, runs after this one: the selection is let go
        # after it, before any key reaches the box.
        if self._typing_more:
            self._typing_more = False
            self.call_later(self._cursor_to_end)

    def _cursor_to_end(self) -> None:
        self.selection = Selection.cursor(len(self.value))

    def _on_paste(self, event: events.Paste) -> None:
        # Textual keeps the first line of a paste and drops the rest unsaid. A box holds one
        # line, so the lines become one, a space between each: every word pasted is kept.
        lines = [line.strip() for line in event.text.splitlines()]
        joined = " ".join(line for line in lines if line)
        if joined:
            if self.selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *self.selection)
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if self._placeholders and width:
            fits = [form for form in self._placeholders if cell_len(form) <= width]
            self.placeholder = fits[0] if fits else self._placeholders[-1]

    def draw_with_this_keystroke(self, *widgets: Widget) -> None:
        """Draw ``widgets``, changed by the keystroke this box is handling, in the same frame
        as the box.

        Each widget sends its repaint to the screen when its own message queue runs dry, and the
        screen draws when its queue does: under load, a frame came between the box's repaint and
        the results', and showed the new character over the results of the old query. Sent from
        this box's queue right after the box's own, they reach the screen's queue together,
        before it can run.
        """

        def send() -> None:
            for widget in widgets:
                # What the widget does when its queue runs dry (Textual is pinned exactly: a
                # change to this private step fails the frame tests of the filter and search).
                widget._check_refresh()

        self.call_next(send)
