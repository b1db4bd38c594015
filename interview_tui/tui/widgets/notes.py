"""The notes pane: the selected contact's conversations, and an editor for the chosen one.

The editor holds one conversation as a document: each planned question with its answer, then
free notes and key takeaways (see core/notes_doc.py). It never writes anything itself. It posts
DraftChanged shortly after typing stops (and every few seconds while it goes on) and when it
loses focus; the screen saves.
``pending_draft`` lets the screen save synchronously on quit or on a hang-up signal, when there
is no time left for messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Region, Spacing
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ...core.models import Interview, InterviewStatus
from ...core.notes_doc import first_empty_answer_line, heading_lines, is_heading
from ...core.text import strip_controls
from ...core.timeline import Entry as HistoryEntry
from ..keys import listed
from .history import HistoryList
from .pane import Pane
from .row_list import Cell, RowList

DRAFT_DELAY = 0.5
"""Seconds of quiet after the last keystroke before the draft is saved."""

DRAFT_MAX_WAIT = 2.0
"""Seconds at most between the first change not yet saved and its save, however steady the
typing: a process killed mid-sentence (the memory killer, a laptop dying) loses no more."""


class Entry(NamedTuple):
    """A conversation and the document the editor shows for it."""

    interview: Interview
    document: str


class Heading(NamedTuple):
    """What the pane says about the selected contact, above their conversations."""

    name: str
    details: str
    links: str


NO_CONTACTS_YET = "Add a contact first (a in the contact list); n then starts notes."
"""The pane's list in a workspace with no contact yet."""


DATE_WIDTH = 21
"""A conversation's day and time with its year ("Sat 12 Dec 2026 09:00")."""
SHORT_DATE_WIDTH = 16
"""The same without the year ("Sat 12 Dec 09:00")."""
LENGTH_WIDTH = 17
"""Its length and way ("60 min in person"), or "no time agreed"."""
STATUS_WIDTH = max(len(status.label) for status in InterviewStatus)
"""The longest status ("cancelled")."""
WHOLE_ROW = DATE_WIDTH + LENGTH_WIDTH + STATUS_WIDTH + 2
"""Narrower than this (a phone's terminal), a row gives up its year, then its length, then its
way, to keep its day, its time and its status whole."""


class InterviewList(RowList[Entry]):
    empty_text = "No conversations yet. n starts notes, s schedules one."

    def cells(self, row: Entry, width: int) -> list[Cell]:
        interview = row.interview
        done = interview.status.value == "done"
        status = Cell(interview.status.label, None, "" if done else "row-list--heading")
        if not interview.scheduled and interview.status.value == "planned":
            # Notes started with n: no conversation was planned, whatever its record says.
            length = "no time agreed"
            status = Cell("notes", None, "row-list--heading")
        elif interview.length_agreed:
            length = f"{interview.minutes} min {interview.mode.label}"
        else:
            # Held or cancelled notes: the record's 20 minutes by video were never agreed.
            length = "" if done else "no time agreed"
        if width >= WHOLE_ROW:
            return [Cell(f"{interview.when:%a %d %b %Y %H:%M}", DATE_WIDTH), Cell(length, LENGTH_WIDTH, "row-list--dim"), status]
        when = Cell(f"{interview.when:%a %d %b %H:%M}", SHORT_DATE_WIDTH)
        room = width - SHORT_DATE_WIDTH - STATUS_WIDTH - 2
        if room < 1:  # not even a way fits beside them
            return [when, status]
        if len(length) > room and interview.length_agreed:
            length = interview.mode.label
        if len(length) > room:
            length = ""
        return [when, Cell(length, room, "row-list--dim"), status]

    def row_key(self, row: Entry) -> object:
        return row.interview.id


@listed("Notes editor")
class NotesEditor(TextArea):
    """The notes of one conversation, question by question.

    The headings are the plan's questions, not text to edit: Up and Down step over them, and
    Backspace or Delete never joins a heading and an answer into one line. Whatever still lands on a heading (a
    click, Left from the start of an answer, a paste) is kept when the notes are saved
    (core/notes_doc.py).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+down", "next_answer", "Next answer", id="notes.next_answer", tooltip="Move to the next question's answer"),
        Binding("ctrl+up", "previous_answer", "Previous answer", id="notes.previous_answer", tooltip="Move to the previous question's answer"),
        Binding("ctrl+e", "screen.external_editor", "Your editor", id="notes.external_editor", tooltip="Edit these notes in $VISUAL or $EDITOR; they come back when it exits"),
    ]

    def _on_heading(self) -> bool:
        return is_heading(self.document.get_line(self.cursor_location[0]))

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Offset:
        # On the first line of an answer, its question is shown with it: scrolled just far
        # enough for the cursor, the answer's line stood at the top and the question was out
        # of sight above it (n, ctrl+down, an editor not laid out yet).
        row = self.cursor_location[0]
        if center or not self._has_cursor or row == 0 or not is_heading(self.document.get_line(row - 1)):
            return super().scroll_cursor_visible(center, animate)
        x, y = self.wrapped_document.location_to_offset(self.cursor_location)
        top = self.wrapped_document.location_to_offset((row - 1, 0)).y
        if y - top + 1 > self.scrollable_content_region.height:
            return super().scroll_cursor_visible(center, animate)
        region = Region(x, top, width=3, height=y - top + 1)
        return self.scroll_to_region(region, spacing=Spacing(right=self.gutter_width), animate=animate, force=True)

    async def _on_key(self, event: events.Key) -> None:
        # Esc is left to the pane's binding (back to the list, the notes saved): TextArea's own
        # handler, which Textual calls after this one unless told not to, moves the focus on at
        # esc when tab indents, to whatever widget comes next.
        if event.key == "escape":
            event.prevent_default()

    def _on_resize(self) -> None:
        super()._on_resize()
        # Laid out at last (or at another size): the cursor, and its question, in sight.
        if self.has_focus:
            self.scroll_cursor_visible()

    def action_cursor_down(self, select: bool = False) -> None:
        self._step(super().action_cursor_down, select)

    def action_cursor_up(self, select: bool = False) -> None:
        self._step(super().action_cursor_up, select)

    def _step(self, move: Callable[[bool], None], select: bool) -> None:
        start = self.selection
        move(select)
        if select:
            return
        # One visual line at a time, so a heading wrapped over several lines is passed whole
        # and the column the cursor keeps is TextArea's own.
        while self._on_heading():
            here = self.cursor_location
            move(False)
            if self.cursor_location == here:  # a heading at the very top or bottom: stay put
                self.selection = start
                return

    def action_delete_left(self) -> None:
        row, column = self.cursor_location
        if self.selection.is_empty and column == 0 and row > 0 and is_heading(self.document.get_line(row - 1)):
            return
        super().action_delete_left()

    def action_delete_right(self) -> None:
        row, column = self.cursor_location
        if (
            self.selection.is_empty
            and column == len(self.document.get_line(row))
            and row + 1 < self.document.line_count
            and is_heading(self.document.get_line(row + 1))
        ):
            return
        super().action_delete_right()

    def action_next_answer(self) -> None:
        row = self.cursor_location[0]
        later = [heading for heading in heading_lines(self.text) if heading > row]
        if later:
            self._to_answer_under(later[0])

    def action_previous_answer(self) -> None:
        row = self.cursor_location[0]
        # The heading of the section the cursor is in, then the one before it.
        earlier = [heading for heading in heading_lines(self.text) if heading <= row]
        if len(earlier) >= 2:
            self._to_answer_under(earlier[-2])

    def _to_answer_under(self, heading: int) -> None:
        # From the command palette the focus may be elsewhere: the move is for typing next.
        self.focus()
        self.move_cursor((min(heading + 1, self.document.line_count - 1), 0))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_answer", "previous_answer"):
            return not self.disabled
        return True


class Draft(NamedTuple):
    interview_id: int
    text: str


@listed("Notes")
class NotesPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "screen.mark_done", "Done", id="notes.done", tooltip="The conversation happened: say when, mark it done"),
        Binding("r", "screen.add_referral", "Referral", id="notes.referral", tooltip="Add someone they suggested you contact"),
        Binding("s", "screen.schedule", "Schedule", show=False, id="notes.schedule", tooltip="Schedule the conversation, or give the notes started with n a time"),
        Binding("p", "screen.edit_plan", "Plan", id="notes.plan", tooltip="Choose the questions for this conversation"),
        Binding("c", "screen.cancel_conversation", "Call off", id="notes.cancel", tooltip="Call the planned conversation off (kept in the history as cancelled)"),
        Binding("d", "screen.delete_conversation", "Delete conversation", show=False, id="notes.delete", tooltip="Delete a conversation made by mistake (one that holds no notes)"),
        Binding("h", "screen.toggle_history", "History", id="notes.history", tooltip="The person's history, newest first, with the notes typed with it"),
        Binding("escape", "leave_editor", "Back to list", id="notes.leave"),
    ]

    class DraftChanged(Message):
        """The notes of an interview were edited and should be saved."""

        def __init__(self, interview_id: int, text: str) -> None:
            super().__init__()
            self.interview_id = interview_id
            self.text = text

    def __init__(self, *, id: str | None = None, classes: str | None = None, read_only: bool = False) -> None:
        super().__init__("Notes (read-only)" if read_only else "Notes", id=id, classes=classes)
        self.read_only = read_only
        """The workspace cannot be saved: notes can be read and not typed (they could not be kept)."""
        self._interview_id: int | None = None
        self._saved_text = ""
        self._timer: Timer | None = None
        self._longest_wait: Timer | None = None
        self.reading = False
        """The conversations are still being read (the first moments of a large workspace)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="notes-heading")
        yield InterviewList(id="interview-list")
        # Made as it is with no conversation chosen (disabled, read-only), which is how the
        # first frame of a large workspace shows it (its conversations are read after that
        # frame): changing either before the first frame restyled the editor once more.
        yield NotesEditor(
            id="notes-editor",
            soft_wrap=True,
            # Tab typed among notes indents, as in any editor: moving to the next pane, it sent
            # the words typed after it to that pane as keys. Esc leaves the editor, shift+tab too.
            tab_behavior="indent",
            placeholder="Select a conversation to see its notes.",
            read_only=True,
            disabled=True,
        )
        yield HistoryList(id="history-list")
        yield Static("", id="history-note", markup=False)

    @property
    def history_list(self) -> HistoryList:
        return self.query_one(HistoryList)

    @property
    def history_shown(self) -> bool:
        return self.has_class("-history")

    def show_history(self, entries: Sequence[HistoryEntry] | None) -> None:
        """The person's history in place of the editor (None: the editor again). The screen
        gives it again whenever the contact or their records change while it is shown."""
        if entries is None:
            self.set_class(False, "-history")
            return
        self.history_list.set_rows(entries)
        self._show_history_note(self.history_list.current)
        self.set_class(True, "-history")

    @on(RowList.Highlighted, "#history-list")
    def _history_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_history_note(event.row if isinstance(event.row, HistoryEntry) else None)

    def _show_history_note(self, entry: HistoryEntry | None) -> None:
        note = self.query_one("#history-note", Static)
        note.update(strip_controls(entry.note, multiline=True) if entry is not None and entry.note else "")
        note.set_class(bool(entry is not None and entry.note), "-shown")

    @on(RowList.Chosen, "#history-list")
    def _history_chosen(self, event: RowList.Chosen) -> None:
        event.stop()

    @property
    def interview_list(self) -> InterviewList:
        return self.query_one(InterviewList)

    @property
    def editor(self) -> NotesEditor:
        return self.query_one(NotesEditor)

    @property
    def interview_id(self) -> int | None:
        return self._interview_id

    @property
    def current(self) -> Interview | None:
        entry = self.interview_list.current
        return None if entry is None else entry.interview

    def show_reading(self, heading: Heading | None) -> None:
        """The contact's heading, and in place of their conversations a word that they are
        being read (after the first frame of a large workspace: see InterviewApp._read_later)."""
        self.show(heading, [])
        self.reading = True
        self.interview_list.empty_text = "Reading the conversations…"

    def show(
        self, heading: Heading | None, entries: list[Entry], *, select: int | None = None, nobody: bool = False
    ) -> None:
        """Show a contact's conversations; the caller has saved any pending draft first.
        ``heading`` None: no contact is selected; ``nobody``: there is no contact to select."""
        listed = self.interview_list
        self.reading = False
        if heading is None:
            # n and s need a contact: the pane does not offer them when none is selected.
            listed.empty_text = NO_CONTACTS_YET if nobody else ""
        elif "empty_text" in vars(listed):
            del listed.empty_text  # the class's own again
        widget = self.query_one("#notes-heading", Static)
        if heading is None:
            widget.update("No contacts yet." if nobody else "Select a contact to see their conversations.")
        else:
            text = Text.assemble((strip_controls(heading.name), "bold"), "  ", (strip_controls(heading.details), "dim"))
            if heading.links:
                text.append("\n" + strip_controls(heading.links), "italic")
            widget.update(text)
        self.interview_list.set_rows(entries, keep=select)
        entry = self.interview_list.current
        # A reload of the conversation being edited keeps the editor (and its cursor) as it is.
        if entry is None or entry.interview.id != self._interview_id or self.pending_draft() is None:
            self._load(entry)

    def _load(self, entry: Entry | None) -> None:
        self._cancel_timers()
        editor = self.editor
        self._interview_id = None if entry is None else entry.interview.id
        self._saved_text = "" if entry is None else entry.document
        if editor.text != self._saved_text:
            editor.load_text(self._saved_text)
        editor.read_only = entry is None or self.read_only
        editor.disabled = entry is None

    @on(RowList.Highlighted, "#interview-list")
    def _interview_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        entry = event.row if isinstance(event.row, Entry) else None
        if entry is not None and entry.interview.id == self._interview_id:
            return
        self.flush()
        self._load(entry)

    @on(RowList.Chosen, "#interview-list")
    def _interview_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        # Never on a heading: typing there would turn a question into free text.
        self.focus_editor(at_first_empty_answer=True)

    def focus_editor(self, *, at_first_empty_answer: bool = False) -> None:
        if self._interview_id is None:
            return
        self.set_class(False, "-history")
        editor = self.editor
        editor.focus()
        if at_first_empty_answer:
            line = first_empty_answer_line(editor.text)
            editor.move_cursor((line, len(editor.document.get_line(line))))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_editor":
            return self.editor.has_focus or self.history_list.has_focus
        if action in ("mark_done", "add_referral", "edit_plan", "cancel_conversation", "delete_conversation"):
            return self._interview_id is not None
        return True

    def action_leave_editor(self) -> None:
        if self.history_list.has_focus:
            self.set_class(False, "-history")
            self.interview_list.focus()
        elif self.editor.has_focus:
            self.interview_list.focus()

    # Drafts ------------------------------------------------------------------------------

    @on(TextArea.Changed, "#notes-editor")
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._interview_id is None or self.editor.text == self._saved_text:
            return
        self._cancel_timers(keep_longest_wait=True)
        self._timer = self.set_timer(DRAFT_DELAY, self.flush)
        if self._longest_wait is None:
            # Started by the first change not yet saved and never put back by later keys, so
            # typing with no pause is saved too.
            self._longest_wait = self.set_timer(DRAFT_MAX_WAIT, self.flush)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self.editor:
            self.flush()

    def pending_draft(self) -> Draft | None:
        """Text typed but not yet saved."""
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
        self._cancel_timers()
        draft = self.pending_draft()
        if draft is not None:
            self.post_message(self.DraftChanged(draft.interview_id, draft.text))

    def _cancel_timers(self, *, keep_longest_wait: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._longest_wait is not None and not keep_longest_wait:
            self._longest_wait.stop()
            self._longest_wait = None
