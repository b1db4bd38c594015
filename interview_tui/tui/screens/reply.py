"""They answered the ask: log whether it was a yes or a no."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.text import strip_controls
from ..widgets.key_bar import KeyBar
from . import MODALS_CSS


class ReplyScreen(ModalScreen[str | None]):
    """Dismisses with "yes", "no", or None on escape."""

    CSS_PATH = MODALS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", "Yes, happy to talk", id="reply.yes"),
        Binding("n", "answer('no')", "No, declined", id="reply.no"),
        Binding("escape", "answer('')", "Cancel", id="reply.cancel"),
    ]

    def __init__(self, contact_name: str) -> None:
        super().__init__()
        self.contact_name = contact_name

    def compose(self) -> ComposeResult:
        with Vertical(id="reply"):
            yield Static(strip_controls(f"{self.contact_name} replied to your ask."), id="reply-question", markup=False)
            yield Static("y  yes, happy to talk (schedule it next with s)\nn  no, declined\nesc  cancel", id="reply-hint", markup=False)
        yield KeyBar()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer or None)
