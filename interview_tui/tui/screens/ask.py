"""The ask for 20 minutes, written for one contact: shown, copied, and logged once sent."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from ...core.text import strip_controls
from ..widgets.key_bar import KeyBar
from .dialog import Dialog


class AskScreen(Dialog[str | None]):
    """Dismisses with "sent", "edit" (the template), or None when it was not sent."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "finish('sent')", "Sent: log it", id="ask.sent"),
        Binding("c", "copy", "Copy again", id="ask.copy"),
        Binding("t", "finish('edit')", "Edit template", id="ask.template"),
        Binding("escape", "finish('')", "Not sent", id="ask.cancel"),
    ]

    def __init__(self, contact_name: str, message: str) -> None:
        super().__init__()
        self.contact_name = contact_name
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="ask", classes="dialog -tall"):
            yield Static(strip_controls(f"Ask {self.contact_name} for 20 minutes"), id="ask-title", classes="dialog-title", markup=False)
            yield TextArea(self.message, read_only=True, id="ask-message", soft_wrap=True)
            yield Static(
                "Copied to the clipboard (over SSH too, where the terminal allows it). "
                "Send it your way, then press y.",
                id="ask-hint", classes="dialog-hint",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.action_copy()
        self.query_one(TextArea).cursor_blink = getattr(self.app, "cursor_blink", True)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.message)

    def action_finish(self, result: str) -> None:
        self.dismiss(result or None)


class UpdateScreen(AskScreen):
    """An update drafted for someone who helped: shown, copied; "y" marks its follow-up done.
    Dismisses with "sent" or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "sent", "Sent: mark done", id="update.sent"),
    ]

    def __init__(self, contact_name: str, message: str) -> None:
        super().__init__(contact_name, message)

    def compose(self) -> ComposeResult:
        with Vertical(id="ask", classes="dialog -tall"):
            yield Static(strip_controls(f"Update for {self.contact_name}"), id="ask-title", classes="dialog-title", markup=False)
            yield TextArea(self.message, read_only=True, id="ask-message", soft_wrap=True)
            yield Static(
                "Copied to the clipboard. Send it (or write it out by hand), then press y.",
                id="ask-hint", classes="dialog-hint",
            )
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The ask's own keys (log the ask, edit its template) mean nothing for an update.
        return action != "finish" or parameters != ("sent",) and parameters != ("edit",)

    def action_sent(self) -> None:
        self.dismiss("sent")
