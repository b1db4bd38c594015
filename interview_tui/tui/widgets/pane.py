"""What the main screen's three panes share: a frame with a title, bright where the keys go."""

from __future__ import annotations

from textual.containers import Vertical
from textual.markup import escape

ACTIVE_TITLE_STYLE = "bold $accent"


class Pane(Vertical):
    """A pane of the main screen. The one being worked in has the class ``-active``: its frame
    takes the accent colour from the stylesheet, and its title is drawn in it here.

    The title's colour is not a rule of the stylesheet because a rule for a colour, applied to a
    pane, repaints everything inside it (Textual refreshes a node's children when a colour of
    it changes): each tab between panes drew both panes' lists and editor again, a third of
    the time tab took. A title's own markup repaints the frame alone."""

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._title = title
        self._show_title()

    @property
    def title(self) -> str:
        """The pane's title, as words (``border_title`` holds it as markup)."""
        return self._title

    @title.setter
    def title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            self._show_title()

    def set_active(self, active: bool) -> bool:
        """Mark the pane as the one worked in, or not; True when that changed (its styles are
        then to be updated, by the caller, together with the others changed)."""
        if self.has_class("-active") == active:
            return False
        self.set_class(active, "-active", update=False)
        self._show_title()
        return True

    def _show_title(self) -> None:
        title = escape(self._title)
        self.border_title = f"[{ACTIVE_TITLE_STYLE}]{title}[/]" if self.has_class("-active") else title
