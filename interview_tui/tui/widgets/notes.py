"""The notes pane: the selected contact's interviews, and an editor for the chosen one's notes.

The editor never writes anything itself. It posts DraftChanged shortly after typing stops and
when it loses focus; the screen saves. ``pending_draft`` lets the screen save synchronously on
quit or on a hang-up signal, when there is no time left for messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ...core.models import Contact, Interview
from ...core.text import strip_controls
from .contacts import STAGE_SHORT
from .row_list import Cell, RowList

DRAFT_DELAY = 0.5
"""Seconds of quiet after the last keystroke before the draft is saved."""


class InterviewList(RowList[Interview]):
    empty_text = "No conversations yet. Press n to start notes."

    def cells(self, row: Interview, width: int) -> list[Cell]:
        first_line = next((line for line in row.notes.splitlines() if line.strip()), "")
        return [
            Cell(f"{row.when:%a %d %b %Y %H:%M}", 21),
            Cell(row.status.label, 9, "row-list--dim"),
            Cell(first_line, None, "row-list--dim"),
        ]

    def row_key(self, row: Interview) -> object:
        return row.id


class NotesEditor(TextArea):
    """The notes of one interview."""


@dataclass
class Draft:
    interview_id: int
    text: str


class NotesPane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_editor", "Back to list", id="notes.leave"),
    ]

    class DraftChanged(Message):
        """The notes of an interview were edited and should be saved."""

        def __init__(self, interview_id: int, text: str) -> None:
            super().__init__()
            self.interview_id = interview_id
            self.text = text

    class InterviewHighlighted(Message):
        def __init__(self, interview: Interview | None) -> None:
            super().__init__()
            self.interview = interview

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Notes"
        self.contact: Contact | None = None
        self._interview_id: int | None = None
        self._saved_text = ""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="notes-heading")
        yield InterviewList(id="interview-list")
        yield NotesEditor(id="notes-editor", soft_wrap=True, placeholder="Select a conversation to see its notes.")

    @property
    def interview_list(self) -> InterviewList:
        return self.query_one(InterviewList)

    @property
    def editor(self) -> NotesEditor:
        return self.query_one(NotesEditor)

    @property
    def interview_id(self) -> int | None:
        return self._interview_id

    def show_contact(self, contact: Contact | None, interviews: list[Interview], *, select: int | None = None) -> None:
        """Show ``contact``'s interviews; the caller has saved any pending draft first."""
        self.contact = contact
        heading = self.query_one("#notes-heading", Static)
        if contact is None:
            heading.update("Select a contact to see their conversations.")
        else:
            details = " · ".join(p for p in (contact.company_role, STAGE_SHORT[contact.stage]) if p)
            heading.update(
                Text.assemble((strip_controls(contact.name), "bold"), "  ", (strip_controls(details), "dim"))
            )
        self.interview_list.set_rows(interviews, keep=select)
        self._load(self.interview_list.current)

    def _load(self, interview: Interview | None) -> None:
        self._cancel_timer()
        editor = self.editor
        self._interview_id = None if interview is None else interview.id
        self._saved_text = "" if interview is None else interview.notes
        editor.load_text(self._saved_text)
        editor.read_only = interview is None
        editor.disabled = interview is None

    @on(RowList.Highlighted, "#interview-list")
    def _interview_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        interview = event.row if isinstance(event.row, Interview) else None
        if interview is not None and interview.id == self._interview_id:
            return
        self.flush()
        self._load(interview)
        self.post_message(self.InterviewHighlighted(interview))

    @on(RowList.Chosen, "#interview-list")
    def _interview_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        self.focus_editor()

    def focus_editor(self) -> None:
        if self._interview_id is not None:
            self.editor.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_editor":
            return self.editor.has_focus
        return True

    def action_leave_editor(self) -> None:
        if self.editor.has_focus:
            self.interview_list.focus()

    # Drafts ------------------------------------------------------------------------------

    @on(TextArea.Changed, "#notes-editor")
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._interview_id is None or self.editor.text == self._saved_text:
            return
        self._cancel_timer()
        self._timer = self.set_timer(DRAFT_DELAY, self.flush)

    def on_descendant_blur(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.widget is self.editor:
            self.flush()
            self.refresh_bindings()

    def pending_draft(self) -> Draft | None:
        """Text typed but not yet handed over for saving."""
        if self._interview_id is None:
            return None
        text = self.editor.text
        if text == self._saved_text:
            return None
        return Draft(self._interview_id, text)

    def mark_saved(self, draft: Draft) -> None:
        if draft.interview_id == self._interview_id:
            self._saved_text = draft.text

    def flush(self) -> None:
        """Hand the current draft to the screen to save."""
        self._cancel_timer()
        draft = self.pending_draft()
        if draft is not None:
            self.post_message(self.DraftChanged(draft.interview_id, draft.text))

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

