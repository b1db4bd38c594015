"""The line of key hints along the bottom of every screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class Hint:
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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _collect_hints(self) -> list[Hint]:
        """One hint per action that asks to be shown, in binding order, the palette last."""
        hints: list[Hint] = []
        seen: set[str] = set()
        palette: Hint | None = None
        column = 1
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            is_palette = key == palette_key
            if not (binding.show or is_palette) or binding.action in seen:
                continue
            seen.add(binding.action)
            display = self.app.get_key_display(binding)
            hint = Hint(binding.key, display, binding.description, active.enabled, 0, 0)
            if is_palette:
                palette = hint
                continue
            width = cell_len(display) + 1 + cell_len(binding.description)
            hints.append(_placed(hint, column, width))
            column += width + 2
        if palette is not None:
            width = cell_len(palette.display) + 1 + cell_len(palette.description)
            hints.append(_placed(palette, column, width))
        return hints

    def render(self) -> Text:
        self.hints = self._collect_hints()
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
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


def _placed(hint: Hint, start: int, width: int) -> Hint:
    return Hint(hint.key, hint.display, hint.description, hint.enabled, start, width)

