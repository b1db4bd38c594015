"""A yes/no question that names exactly what will happen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ...core.text import strip_controls
from ..widgets.key_bar import KeyBar
from .dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    REUSE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = strip_controls(question)
        """The question names a contact, so escape sequences from an imported name are removed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog -narrow -danger"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static("[b]y[/b] yes   [b]n[/b] / [b]esc[/b] no", id="confirm-hint", classes="dialog-hint")
        # The keys of this screen, not of the one beneath it.
        yield KeyBar()


    def take_over(self, fresh: ConfirmScreen) -> None:
        self.question = fresh.question
        question = self.query_one("#confirm-question", Static)
        if question.content != self.question:
            question.update(self.question)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
