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

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class LineInput(Input):
    """An Input for a box of fixed size (any text field of a form, a filter, a search box)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """The width of the text typed, which scrolls it; a change repaints the box, no layout."""
