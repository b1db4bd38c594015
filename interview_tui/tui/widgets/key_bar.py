"""The line of key hints along the bottom of every screen."""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget


class Hint(NamedTuple):
    key: str
    """The key to simulate when the hint is clicked."""
    display: str
    description: str
    enabled: bool
    start: int
    """First cell of the hint on the line; it runs to ``start + width``."""
    width: int


_ENABLED = Style()
_DISABLED = Style(dim=True)


class KeyBar(Widget):
    """The keys that work where the focus is, drawn as one line of text.

    It does what Textual's ``Footer`` does, without a widget per key: the Footer mounts and
    restyles a dozen ``FooterKey`` widgets each time the focus moves, which was the largest single
    part of the time from start to the first usable frame. Here a change of bindings is one
    repaint of one line. A click on a hint presses its key, as in the Footer.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hints: list[Hint] = []
        self._collected: tuple[int, list[Hint]] | None = None
        """Hints collected when the bindings changed, for the width then: drawn without
        collecting them again."""
        self._drawn: OrderedDict[tuple[object, ...], Strip] = OrderedDict()
        """Lines already drawn, by what they show: tab moves among a few panes, each with its
        keys, and drawing the line anew was a tenth of the frame that shows the next pane."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Focus moving within a screen signals this too, mostly with the same keys to show:
        # repainting then would only cost a frame.
        if not (self.is_attached and screen is self.screen):
            return
        hints = self._collect_hints()
        if hints != self.hints:
            self._collected = (self.size.width, hints)
            self.refresh()

    def _collect_hints(self) -> list[Hint]:
        """One hint per action that asks to be shown, in binding order; "?" (every key), quit
        and the palette last. When they do not all fit, the ones before those are dropped from
        the end, so the key that lists every other key is always on screen; so are a form's
        save and cancel and a view's close, in their places."""
        ordinary: list[Hint] = []
        pinned: set[int] = set()
        last: list[Hint] = []
        seen: set[str] = set()
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            is_palette = key == palette_key
            if not (binding.show or is_palette) or binding.action in seen:
                continue
            seen.add(binding.action)
            hint = Hint(binding.key, self.app.get_key_display(binding), binding.description, active.enabled, 0, 0)
            if is_palette or binding.action in _KEPT_ACTIONS:
                last.append(hint)
            else:
                if binding.action in _PINNED_ACTIONS:
                    pinned.add(len(ordinary))
                ordinary.append(hint)
        kept = last + [ordinary[index] for index in pinned]
        room = (self.size.width or 10_000) - 1 - sum(_width(hint) + _GAP for hint in kept)
        shown: list[Hint] = []
        full = False
        for index, hint in enumerate(ordinary):
            if index in pinned:
                shown.append(hint)
                continue
            room -= _width(hint) + _GAP
            full = full or room < 0
            if not full:
                shown.append(hint)
        hints: list[Hint] = []
        column = 1
        for hint in shown + last:
            hints.append(_placed(hint, column, _width(hint)))
            column += _width(hint) + _GAP
        return hints

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        collected, self._collected = self._collected, None
        self.hints = collected[1] if collected is not None and collected[0] == width else self._collect_hints()
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        visual_style = self.visual_style
        drawn_as = (tuple(self.hints), width, key_style, description_style, visual_style)
        strip = self._drawn.get(drawn_as)
        if strip is None:
            line = self._line(key_style, description_style)
            strip = Visual.to_strips(self, visualize(self, line), width, 1, visual_style)[0]
            self._drawn[drawn_as] = strip
            if len(self._drawn) > _LINES_KEPT:
                self._drawn.popitem(last=False)
        else:
            self._drawn.move_to_end(drawn_as)
        return strip if y == 0 else Strip.blank(width, visual_style.rich_style)

    def _line(self, key_style: Style, description_style: Style) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for hint in self.hints:
            line.pad_right(hint.start - line.cell_len)
            extra = _ENABLED if hint.enabled else _DISABLED
            line.append(hint.display, key_style + extra)
            line.append(" " + hint.description, description_style + extra)
        return line

    def on_click(self, event: events.Click) -> None:
        for hint in self.hints:
            if hint.start <= event.x < hint.start + hint.width:
                if hint.enabled:
                    self.app.simulate_key(hint.key)
                else:
                    self.app.bell()
                return


_GAP = 2
_LINES_KEPT = 16
_KEPT_ACTIONS = frozenset({"help", "app.help", "app.quit", "quit"})
"""Shown whatever the width: the list of every key, and the way out."""
_PINNED_ACTIONS = frozenset({"save", "cancel", "close"})
"""Shown whatever the width too, where they stand: how to leave a form, with its text or without,
and how to close a view that opens over the main screen (the dashboard, the trash...)."""


def _width(hint: Hint) -> int:
    return cell_len(hint.display) + 1 + cell_len(hint.description)


def _placed(hint: Hint, start: int, width: int) -> Hint:
    return Hint(hint.key, hint.display, hint.description, hint.enabled, start, width)
