"""One conversation's plan: which questions of the bank to ask, plus ones just for this person."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...core.models import Question
from ...core.text import strip_controls
from .form import FieldSpec, FormScreen

ONE_OFF_FIELD = [FieldSpec("text", "Question", "asked in this conversation only")]


class PlanScreen(ModalScreen[list[int] | None]):
    """Dismisses with the chosen question ids in bank order, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="plan.save"),
        Binding("a", "add", "Add a question", id="plan.add"),
        Binding("escape", "cancel", "Cancel", id="plan.cancel"),
    ]

    def __init__(
        self,
        title: str,
        questions: list[Question],
        planned: list[int],
        add_one_off: Callable[[dict[str, str]], Question],
    ) -> None:
        super().__init__()
        self.plan_title = title
        self.questions = questions
        self.planned = set(planned)
        self.add_one_off = add_one_off

    def compose(self) -> ComposeResult:
        with Vertical(id="plan"):
            yield Static(strip_controls(self.plan_title), id="plan-title", markup=False)
            yield Static("space ticks or unticks a question; answers already given are kept.", id="plan-hint")
            yield SelectionList[int](
                *(Selection(strip_controls(q.text), q.id, q.id in self.planned) for q in self.questions),
                id="plan-questions",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_add(self) -> None:
        def added(question: Question | None) -> None:
            if question is not None:
                choices = self.query_one(SelectionList)
                choices.add_option(Selection(strip_controls(question.text), question.id, True))
                choices.highlighted = choices.option_count - 1

        self.app.push_screen(FormScreen("A question for this conversation", ONE_OFF_FIELD, self.add_one_off), added)

    def action_save(self) -> None:
        chosen = set(self.query_one(SelectionList).selected)
        order = [option.value for option in self.query_one(SelectionList).options]
        self.dismiss([qid for qid in order if qid in chosen])

    def action_cancel(self) -> None:
        self.dismiss(None)
