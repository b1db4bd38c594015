"""One conversation's plan: which questions of the bank to ask, plus ones just for this person."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.strip import Strip
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from ...core.models import Question
from ...core.text import strip_controls
from ..widgets.key_bar import KeyBar
from .dialog import Dialog
from .form import FieldSpec, FormScreen

ONE_OFF_FIELD = [FieldSpec("text", "Question", "asked in this conversation only")]

PlanItem = int | str
"""A question of the bank by id, or the text of a one-off question not stored yet."""


def _prompt(text: str) -> Content:
    # A question is the user's text: shown as typed, never read as markup ("[b]" or "[/]").
    return Content(strip_controls(text))


class TickList(SelectionList[int]):
    """A SelectionList whose boxes read without colour: ``[x]`` ticked, ``[ ]`` not. Textual's
    own box shows the same X either way, in a colour that some terminals and eyes cannot tell
    apart from the background.

    Moves with j/k and g/G as well as the arrows, like every other list in the app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return line
        ticked = self.get_option_at_index(index).value in self.selected
        # The prompt's own style (the highlight included), and the option index a click needs.
        style = (next(iter(line)).style or Style()) + Style(meta={"option": index})
        box = "[x]" if ticked else "[ ]"
        if ticked:
            style += self.get_component_rich_style("selection-list--button-selected", partial=True)
        # Textual's box is three cells wide ("▐X▌"), as is this one, so the prompts stay put.
        return Strip.join([Strip([Segment(box, style)], 3), line.crop(3, line.cell_length)])


class PlanScreen(Dialog[list[PlanItem] | None]):
    """Dismisses with the chosen questions in order (ids of the bank, then the texts of new
    one-off questions), or None when cancelled. Nothing is stored here: a one-off question
    added and then cancelled leaves no trace in the bank."""

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
        check_one_off: Callable[[dict[str, str]], str],
    ) -> None:
        super().__init__()
        self.plan_title = title
        self.questions = questions
        self.planned = set(planned)
        self.check_one_off = check_one_off
        """Checks a one-off question's form and returns its cleaned text, or raises InvalidInput."""
        self.one_offs: dict[int, str] = {}
        """Questions added here, by a negative stand-in id, until the plan is saved."""

    def compose(self) -> ComposeResult:
        with Vertical(id="plan", classes="dialog -tall"):
            yield Static(strip_controls(self.plan_title), id="plan-title", classes="dialog-title", markup=False)
            yield Static("space ticks or unticks a question; answers already given are kept.", id="plan-hint", classes="dialog-hint")
            yield TickList(
                *(Selection(_prompt(q.text), q.id, q.id in self.planned) for q in self.questions if q.id is not None),
                id="plan-questions",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_add(self) -> None:
        def added(text: str | None) -> None:
            if text:
                stand_in = -(len(self.one_offs) + 1)
                self.one_offs[stand_in] = text
                choices = self.query_one(SelectionList)
                choices.add_option(Selection(_prompt(text), stand_in, True))
                choices.highlighted = choices.option_count - 1

        self.app.push_screen(FormScreen("A question for this conversation", ONE_OFF_FIELD, self.check_one_off), added)

    def action_save(self) -> None:
        choices = self.query_one(SelectionList)
        chosen = set(choices.selected)
        order = [choices.get_option_at_index(index).value for index in range(choices.option_count)]
        self.dismiss([self.one_offs.get(value, value) for value in order if value in chosen])

    def action_cancel(self) -> None:
        self.dismiss(None)
