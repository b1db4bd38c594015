"""What each screen last drew, line by line, kept from the frames it sent to the terminal.

A dialog shows the screen beneath it, dimmed. Textual draws that screen again for each full frame
of the dialog, composing every line of every one of its widgets: 3 to 7 ms of a form's first
frame, for a picture the terminal already holds. Here each frame a screen draws is kept instead
(a whole frame replaces its picture, a partial one is applied to it when the picture is next
read), and a dialog reads the picture while nothing on the screen beneath has changed since its
last frame. Otherwise (a widget beneath changed while the dialog was up, another size) the
screen is drawn again, as Textual does.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any
from weakref import WeakKeyDictionary, WeakSet

from textual import messages
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip

PARTS_KEPT = 200
"""Partial frames kept to apply to a picture; past that many unread, the picture is let go (the
screen is drawn again the next time it is needed): a long session of typing never reads it."""


class Picture:
    """One screen's lines as its frames painted them."""

    __slots__ = ("size", "changed", "_rows", "_parts")

    def __init__(self, update: LayoutUpdate) -> None:
        self.size = update.region.size
        self.changed = False
        """Something on the screen asked to be drawn again since its last frame."""
        self._rows: list[Strip | list[Strip]] = [list(row) for row in update.strips]
        """A line as one strip, or as the pieces a frame gave it (joined once read)."""
        self._parts: list[ChopsUpdate] = []

    def add(self, update: ChopsUpdate) -> bool:
        """Keep a partial frame to apply; False when the picture cannot take it and is let go:
        too many wait, or a piece is not the width of its place (Textual writes such a piece
        whole, past its place, where drawing the screen again would differ)."""
        if len(self._parts) >= PARTS_KEPT or not _fits(update):
            return False
        self._parts.append(update)
        return True

    def lines(self) -> list[Strip]:
        rows = self._rows
        for update in self._parts:
            _apply(rows, update)
        self._parts = []
        joined = [row if isinstance(row, Strip) else Strip.join(row) for row in rows]
        self._rows = list(joined)
        return joined


def _pieces(update: ChopsUpdate, y: int) -> Iterator[tuple[int, int, Strip]]:
    """The pieces of line ``y`` that ``update`` draws: where each starts and ends, and its strip."""
    for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
        if strip is not None:
            yield x, end, strip


def _fits(update: ChopsUpdate) -> bool:
    return all(
        strip.cell_length == end - x
        for y, _x1, _x2 in update.spans
        if 0 <= y < len(update.chops)
        for x, end, strip in _pieces(update, y)
    )


def _line(rows: list[Strip | list[Strip]], y: int) -> Strip:
    row = rows[y]
    return row if isinstance(row, Strip) else Strip.join(row)


def _apply(rows: list[Strip | list[Strip]], update: ChopsUpdate) -> None:
    """Paint ``update`` over ``rows``: for each span, the part of each piece within it, as
    ``ChopsUpdate`` writes it to the terminal."""
    for y, x1, x2 in update.spans:
        if not 0 <= y < len(rows):
            continue
        line = _line(rows, y)
        width = line.cell_length
        for x, end, strip in _pieces(update, y):
            start, stop = max(x, x1), min(end, x2)
            if start < stop:
                piece = strip.crop(start - x, stop - x)
                line = Strip.join([line.crop(0, start), piece, line.crop(stop, width)])
        rows[y] = line


_PICTURES: WeakKeyDictionary[Screen[Any], Picture] = WeakKeyDictionary()
_LISTENED_TO: WeakSet[Screen[Any]] = WeakSet()
"""The screens whose messages ``_told`` hears."""


def drawn(screen: Screen[Any], update: object) -> None:
    """Note a frame ``screen`` drew (the app calls this for each one it displays)."""
    if isinstance(update, LayoutUpdate):
        if update.region.offset != (0, 0):
            _PICTURES.pop(screen, None)  # a part of the screen only: not a picture of it
            return
        if screen not in _LISTENED_TO:
            # Once per screen: its picture is let go and made again many times in a session.
            _LISTENED_TO.add(screen)
            screen.message_signal.subscribe(screen, partial(_told, screen), immediate=True)
        _PICTURES[screen] = Picture(update)
    elif isinstance(update, ChopsUpdate):
        picture = _PICTURES.get(screen)
        if picture is not None:
            picture.changed = False
            if not picture.add(update):
                del _PICTURES[screen]


def _told(screen: Screen[Any], message: Message) -> None:
    """Every message ``screen`` has handled: a widget on it to be drawn again, laid out or
    scrolled makes its picture out of date until its next frame. Its own repaint alone does not:
    Textual asks for one of every screen a dialog opens over, and the screen's own part of the
    picture is its background, which changes only with the styles, when every widget on it is
    drawn again too."""
    if isinstance(message, messages.Update) and message.widget is screen:
        return
    if isinstance(message, (messages.Update, messages.Layout, messages.UpdateScroll)):
        picture = _PICTURES.get(screen)
        if picture is not None:
            picture.changed = True


def picture_of(screen: Screen[Any]) -> list[Strip] | None:
    """``screen``'s lines as it last drew them, if nothing on it has changed since (else None)."""
    picture = _PICTURES.get(screen)
    if picture is None or picture.changed or picture.size != _size(screen) or _changing(screen):
        return None
    return picture.lines()


def _size(screen: Screen[Any]) -> Size:
    return screen._compositor.size


def _changing(screen: Screen[Any]) -> bool:
    """Whether ``screen`` is to be laid out, scrolled or composed again: what Textual's screen
    looks at as it goes idle, before drawing (Textual is pinned exactly)."""
    return bool(
        any(widget is not screen for widget in screen._dirty_widgets)
        or screen._layout_required
        or screen._scroll_required
        or screen._recompose_required
    )
