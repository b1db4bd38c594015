"""Answers side by side: pick a question of the bank and read what everyone said to it, one
answer after another, newest first, with who said it and when. ``e`` exports them as Markdown.

The screen opens with a count of the answers to each question; a question's answers are gathered
when it is picked (one pass over the conversations, a few milliseconds at 5,000) and kept while
it is shown. They are drawn by a RowList, one line of text per row, wrapped to the width:
only the lines on screen are drawn, however many answers there are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Resize
from textual.widgets import Static

from ...core.errors import InvalidInput
from ...core.insight.answers import (
    Answer,
    answer_counts,
    answer_heading,
    answers_to,
)
from ...core.models import Question
from ...core.notes_doc import answer_end
from ...core.text import strip_controls
from ...formats.files import check_file_target, shown, write_file
from ...formats.markdown import answers_file_name, answers_markdown
from ..errors import at_field, tell
from ..host import Host
from ..keys import EVERY_KEY
from ..messages import ShowContact
from ..widgets.key_bar import KeyBar
from ..widgets.row_list import Cell, RowList
from .dialog import Dialog
from .form import FieldSpec, FormScreen

INDENT = "  "
"""Answer text sits under its heading, indented by this much."""

_TOP = object()
"""A row key that no row has: the cursor goes to the first row."""


@dataclass(frozen=True, slots=True)
class QuestionRow:
    question: Question
    answers: int


def _answers(count: int) -> str:
    return f"{count:,} answer{'s' if count != 1 else ''}"


class QuestionPicker(RowList[QuestionRow]):
    empty_text = "The question bank is empty: b opens it on the main screen."

    def cells(self, row: QuestionRow, width: int) -> list[Cell]:
        style = "" if row.answers else "row-list--dim"
        count = _answers(row.answers) if row.answers else "none yet"
        return [
            Cell(row.question.text, None, style),
            Cell("" if row.question.active else "retired", 7, "row-list--dim"),
            Cell(count, 14, "row-list--dim"),
        ]

    def row_key(self, row: QuestionRow) -> object:
        return row.question.id


class AnswerLine(NamedTuple):
    """One line of the answers: an answer's heading (who and when) or a line of its text.

    A heading's words are made when it is drawn (``text`` is empty): of thousands of answers,
    only the few on screen need them."""

    answer: Answer
    text: str
    heading: bool = False


class AnswerLines(RowList[AnswerLine]):
    """The answers to one question, wrapped to the width; the cursor moves from answer to answer."""

    empty_text = "Nobody has answered this question yet."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.answers: Sequence[Answer] = []
        self._wrapped_at = 0

    def show(self, answers: Sequence[Answer]) -> None:
        self.answers = answers
        width = self._text_width()
        if width is None:
            # Not laid out yet: the first resize wraps them, once, at the real width.
            self._wrapped_at = 0
            return
        self._wrapped_at = width
        # Another question: the cursor starts on its newest answer, wherever it was before.
        self.set_rows(answer_lines(answers, width), keep=_TOP)
        self.scroll_home(animate=False, immediate=True)

    def _text_width(self) -> int | None:
        width = self.scrollable_content_region.width
        return max(10, width - 2 - len(INDENT)) if width else None

    def on_resize(self) -> None:
        width = self._text_width()
        if width is not None and width != self._wrapped_at:
            first = not self._wrapped_at
            self._wrapped_at = width
            self.set_rows(answer_lines(self.answers, width), keep=_TOP if first else None)

    def cells(self, row: AnswerLine, width: int) -> list[Cell]:
        if row.heading:
            return [Cell(answer_heading(row.answer), None, "row-list--heading")]
        return [Cell(row.text, None)]

    def is_selectable(self, row: AnswerLine) -> bool:
        return row.heading

    def row_key(self, row: AnswerLine) -> object:
        return row.answer.interview.id if row.heading else None


def answer_lines(answers: Sequence[Answer], width: int) -> list[AnswerLine]:
    lines: list[AnswerLine] = []
    append = lines.append
    for number, answer in enumerate(answers):
        if number:
            append(AnswerLine(answer, ""))
        append(AnswerLine(answer, "", True))
        text = answer.text
        # Control characters would be drawn as nothing (the list strips them) yet counted by the
        # wrapping: remove them first. Most answers have none, and the check is one C call.
        if not text.replace("\n", "").isprintable():
            text = strip_controls(text, multiline=True)
        for line in wrap(text, width):
            append(AnswerLine(answer, INDENT + line))
    return lines


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words (a word longer than a
    line is cut); its own line breaks kept. Measured in cells, so wide characters fit too."""
    if text.isascii():
        return _wrap_ascii(text, width)
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split():
            size = cell_len(word)
            while size > width:  # a web address longer than the line
                if line:
                    out.append(line)
                    line, used = "", 0
                cut = _cut(word, width)
                out.append(word[:cut])
                word = word[cut:]
                size = cell_len(word)
            if not line:
                line, used = word, size
            elif used + 1 + size <= width:
                line += " " + word
                used += 1 + size
            else:
                out.append(line)
                line, used = word, size
        out.append(line)
    return out


def _wrap_ascii(text: str, width: int) -> list[str]:
    """``wrap`` for text where a character is a cell: a line at a time with ``str.rfind``
    rather than a word at a time, which keeps thousands of answers to a few milliseconds."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = " ".join(paragraph.split())
        while len(paragraph) > width:
            space = paragraph.rfind(" ", 0, width + 1)
            if space <= 0:  # one word longer than the line
                out.append(paragraph[:width])
                paragraph = paragraph[width:].lstrip(" ")
            else:
                out.append(paragraph[:space])
                paragraph = paragraph[space + 1 :]
        out.append(paragraph)
    return out


def _cut(word: str, width: int) -> int:
    """How many characters of ``word`` fit in ``width`` cells (at least one)."""
    used = 0
    for index, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return max(1, index)
    return len(word)


EXPORT_FIELD = [FieldSpec("path", "Save to", "~/answers.md", extra={"suggestion": True})]


class AnswersScreen(Dialog[tuple[int, int, str] | None]):
    """Dismisses with (contact id, interview id) of the answer chosen, or None."""

    DEFAULT_CSS = """
    #answers {
        max-width: 120;
    }
    #question-picker { height: 9; border-bottom: solid $panel-lighten-1; }
    #answers-heading { height: auto; max-height: 2; text-style: bold; margin-top: 1; }
    #answer-lines { height: 1fr; }
    AnswersScreen.-short #question-picker { height: 5; }
    AnswersScreen.-short #answers-heading { margin-top: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "switch", "Questions/answers", id="answers.switch"),
        Binding("shift+tab", "switch", "Questions/answers", show=False, id="answers.switch_back"),
        Binding("enter", "choose", "Open", id="answers.choose"),
        Binding("e", "export", "Export", id="answers.export"),
        Binding("escape", "close", "Close", id="answers.close"),
        EVERY_KEY,
    ]

    def __init__(
        self,
        questions: Sequence[Question],
        counts: dict[int, int],
        answers_to: Callable[[int], list[Answer]],
        clock: Callable[[], datetime],
        workspace: Path | None = None,
    ) -> None:
        super().__init__()
        self.questions = questions
        self.counts = counts
        """Answers per question id, for the list of questions."""
        self.answers_to = answers_to
        self._answers: dict[int, list[Answer]] = {}
        """The shown question's answers, by its id: only that one's, since with answers a
        conversation each at 50,000 contacts the answers and their lines run to tens of
        megabytes a question, and gathering them again takes a few milliseconds."""
        self._shown: int | None = None
        self.clock = clock
        self.workspace = workspace
        """The workspace file, which an export must never overwrite."""

    def compose(self) -> ComposeResult:
        with Vertical(id="answers", classes="dialog -full"):
            yield Static("Answers side by side", id="answers-title", classes="dialog-title")
            yield QuestionPicker(id="question-picker")
            yield Static("", id="answers-heading", markup=False)
            yield AnswerLines(id="answer-lines")
        yield KeyBar()

    @property
    def picker(self) -> QuestionPicker:
        return self.query_one(QuestionPicker)

    @property
    def answer_list(self) -> AnswerLines:
        return self.query_one(AnswerLines)

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 30, "-short")
        rows = [QuestionRow(q, self.counts.get(q.id, 0)) for q in self.questions if q.id is not None]
        # Start on the first question anyone has answered: that is what there is to read.
        first = next((r.question.id for r in rows if r.answers), None)
        self.picker.set_rows(rows, keep=first)
        self.picker.focus()
        self._show_current()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < 30, "-short")

    @property
    def question(self) -> Question | None:
        row = self.picker.current
        return None if row is None else row.question

    def current_answers(self) -> list[Answer]:
        question = self.question
        if question is None or question.id is None:
            return []
        if question.id not in self._answers:
            self._answers = {question.id: self.answers_to(question.id) if self.counts.get(question.id) else []}
        return self._answers[question.id]

    @on(RowList.Highlighted, "#question-picker")
    def _question_highlighted(self) -> None:
        self._show_current()

    def _show_current(self) -> None:
        question = self.question
        shown = None if question is None else question.id
        if shown == self._shown and self.answer_list.answers:
            return  # the Highlighted message that follows mounting: already shown
        self._shown = shown
        answers = self.current_answers()
        heading = self.query_one("#answers-heading", Static)
        if question is None:
            heading.update("")
        else:
            count = _answers(len(answers)) + ", newest first" if answers else "no answers yet"
            heading.update(f"{strip_controls(question.text)}  ({count})")
        self.answer_list.show(answers)

    def action_switch(self) -> None:
        if self.picker.has_focus and self.answer_list.rows:
            self.answer_list.focus()
        else:
            self.picker.focus()

    def action_choose(self) -> None:
        if self.picker.has_focus:
            if self.answer_list.rows:
                self.answer_list.focus()
            return
        line = self.answer_list.current
        question = self.question
        if line is not None and question is not None and line.answer.contact.id is not None and line.answer.interview.id is not None:
            self.dismiss((line.answer.contact.id, line.answer.interview.id, question.text))

    @on(RowList.Chosen)
    def _chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        self.action_choose()

    def action_export(self) -> None:
        question = self.question
        answers = self.current_answers()
        if question is None or not answers:
            tell(self, "Nobody has answered this question yet: there is nothing to export.", severity="warning")
            return
        text = answers_markdown(question, answers, self.clock())
        workspace = self.workspace

        def submit(values: dict[str, str]) -> Path:
            raw = values.get("path", "").strip()
            if not raw:
                raise InvalidInput("Give the path of the Markdown file to write.", field="path")
            path = Path(raw).expanduser()
            with at_field("path"):
                check_file_target(path, workspace, answers_file_name(question))
                write_file(path, text.encode("utf-8"))
            return path

        def written(path: Path | None) -> None:
            if path is not None:
                # The full path: a "~/" typed in the form says less about where the file went.
                message = f"Wrote {_answers(len(answers))} to {shown(path.absolute())}."
                tell(self, message, title="Export")

        suggested = {"path": f"~/{answers_file_name(question)}"}
        form = FormScreen("Export these answers as Markdown", EXPORT_FIELD, submit, suggested)
        self.app.push_screen(form, written)

    def action_close(self) -> None:
        self.dismiss(None)


def open_answers(screen: Host) -> None:
    """Show the answers side by side over the main screen; choosing an answer selects its
    contact there, with that conversation open."""
    store = screen.store
    # Retired questions too: their answers were given, and one-off questions are stored retired.
    screen.save_drafts()  # answers typed a moment ago are part of what is compared

    def chosen(result: tuple[int, int, str] | None) -> None:
        if result is not None:
            # The cursor at the end of that answer, so that what is typed next adds to it.
            contact_id, interview_id, question = result
            screen.show_chosen(ShowContact(contact_id, interview_id, partial(answer_end, question=question)))

    screen.app.push_screen(
        AnswersScreen(
            store.questions(include_retired=True),
            answer_counts(store),
            lambda question_id: answers_to(store, question_id),
            store.clock,
            store.path,
        ),
        chosen,
    )
