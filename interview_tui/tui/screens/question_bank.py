"""The question bank: the questions every new conversation starts with. Add, edit, reorder,
retire (a retired question leaves new plans but keeps the answers already given to it)."""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ...core.models import Question
from ..keys import EVERY_KEY
from ..widgets.key_bar import KeyBar
from ..widgets.row_list import Cell, RowList
from .dialog import Dialog
from .form import FieldSpec, FormScreen


class QuestionBankActions(Protocol):
    """What the screen may ask for; the main screen does the saving."""

    def questions(self) -> list[Question]: ...
    def add(self, values: dict[str, str]) -> Question: ...
    def edit(self, question_id: int, values: dict[str, str]) -> Question: ...
    def move(self, question_id: int, step: int) -> None: ...
    def toggle(self, question_id: int) -> Question | None: ...
    def undo(self) -> None: ...


class QuestionList(RowList[Question]):
    empty_text = "No questions. Press a to add one."

    def cells(self, row: Question, width: int) -> list[Cell]:
        return [
            Cell(row.text, None, "" if row.active else "row-list--dim"),
            Cell("" if row.active else "retired", 8, "row-list--dim"),
        ]

    def row_key(self, row: Question) -> object:
        return row.id


QUESTION_FIELD = [FieldSpec("text", "Question", "What is an average day like?")]


class QuestionBankScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="bank.add"),
        Binding("e", "edit", "Edit", id="bank.edit"),
        Binding("K", "move(-1)", "Move up", id="bank.up"),
        Binding("J", "move(1)", "Move down", id="bank.down"),
        Binding("r", "retire", "Retire/restore", id="bank.retire"),
        # As on the main screen: a question retired or moved by a stray key is put back here.
        Binding("u", "undo", "Undo", id="bank.undo"),
        Binding("escape", "close", "Close", id="bank.close"),
        EVERY_KEY,
    ]

    def __init__(self, actions: QuestionBankActions) -> None:
        super().__init__()
        self.actions = actions

    def compose(self) -> ComposeResult:
        with Vertical(id="bank", classes="dialog -tall"):
            yield Static("Question bank", id="bank-title", classes="dialog-title")
            yield Static("New conversations plan these questions, in this order.", id="bank-hint", classes="dialog-hint")
            yield QuestionList(id="question-list")
        yield KeyBar()

    @property
    def question_list(self) -> QuestionList:
        return self.query_one(QuestionList)

    def on_mount(self) -> None:
        self.reload()
        self.question_list.focus()

    def reload(self, keep: int | None = None) -> None:
        self.question_list.set_rows(self.actions.questions(), keep=keep)

    def action_add(self) -> None:
        def added(question: Question | None) -> None:
            if question is not None:
                self.reload(keep=question.id)

        self.app.push_screen(FormScreen("Add a question", QUESTION_FIELD, self.actions.add), added)

    def action_edit(self) -> None:
        current = self.question_list.current
        if current is None or current.id is None:
            return
        question_id = current.id

        def edited(question: Question | None) -> None:
            if question is not None:
                self.reload(keep=question.id)

        self.app.push_screen(
            FormScreen("Edit the question", QUESTION_FIELD, lambda values: self.actions.edit(question_id, values), {"text": current.text}),
            edited,
        )

    def action_move(self, step: int) -> None:
        current = self.question_list.current
        if current is not None and current.id is not None:
            self.actions.move(current.id, step)
            self.reload(keep=current.id)

    def action_retire(self) -> None:
        current = self.question_list.current
        if current is not None and current.id is not None:
            self.actions.toggle(current.id)
            self.reload(keep=current.id)

    def action_undo(self) -> None:
        current = self.question_list.current
        self.actions.undo()
        self.reload(keep=current.id if current is not None else None)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(RowList.Chosen, "#question-list")
    def _chosen(self) -> None:
        self.action_edit()
