"""They answered the ask: log whether it was a yes or a no."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ...core.text import strip_controls
from ..widgets.key_bar import KeyBar
from .dialog import Dialog


class ReplyScreen(Dialog[str | None]):
    """Dismisses with "yes", "no", or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", "Yes, happy to talk", id="reply.yes"),
        Binding("n", "answer('no')", "No, declined", id="reply.no"),
        Binding("escape", "answer('')", "Cancel", id="reply.cancel"),
    ]

    def __init__(self, contact_name: str) -> None:
        super().__init__()
        self.contact_name = contact_name

    def compose(self) -> ComposeResult:
        with Vertical(id="reply", classes="dialog -narrow"):
            yield Static(strip_controls(f"{self.contact_name} replied to your ask."), id="reply-question", markup=False)
            yield Static("y  yes, happy to talk (schedule it next with s)\nn  no, declined\nesc  cancel", id="reply-hint", classes="dialog-hint", markup=False)
        yield KeyBar()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer or None)
