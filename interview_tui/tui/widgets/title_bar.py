"""The line at the top of the main screen: the app's name and the workspace file it works on."""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """What Textual's Header shows here (title and sub-title, centred), as one widget.

    The Header is four widgets (an icon, the title, a clock or the space for one), each styled,
    laid out and drawn before the first frame; this app shows neither icon nor clock. The title
    sits where the Header puts it: between the icon's 8 columns and the clock's 10.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        padding: 0 10 0 8;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._show_title, init=False)
            self.watch(node, "sub_title", self._show_title, init=False)
        self._show_title()

    def _show_title(self) -> None:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        # On every screen for as long as it lasts, before the file's name (which a narrow
        # terminal cuts short): changes to a read-only workspace are refused, and this says so
        # before anyone tries.
        if getattr(app, "read_only", None):
            sub_title = f"read-only · {sub_title}" if sub_title else "read-only"
        self.update(app.format_title(title, sub_title))
