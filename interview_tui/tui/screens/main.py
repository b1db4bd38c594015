"""The one main screen: contacts, notes and follow-ups. It turns the panes' messages and the key
actions into calls on the core, and refreshes what changed."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.events import DescendantFocus, Resize, ScreenResume
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from ...core.day_words import relative_day
from ...core.errors import InterviewTuiError, NotFound, SamePersonThere, SaveFailed, WorkspaceReadOnly
from ...core.keep_in_touch import (
    CadenceState,
    cadence_of,
    cadence_said,
    cadence_state,
    format_cadence,
)
from ...core.models import UNKNOWN_CONTACT, Contact, FollowUp, FollowUpKind, Interview
from ...core.store import Store
from ...core.trash import describe as trash_summary
from ...core.trash import what_goes_with
from ..errors import as_save_error, attempt, show_error
from ..errors import tell as notify_literally
from ..keys import listed
from ..messages import ShowContact
from ..widgets.contacts import STAGE_SHORT, ContactsPane
from ..widgets.followups import ConversationRow, FollowUpsPane, QueueRow, queue_rows
from ..widgets.key_bar import KeyBar
from ..widgets.notes import Draft, Entry, Heading, NotesPane
from ..widgets.pane import Pane
from ..widgets.row_list import RowList
from ..widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from .method import MethodSteps

# A note on imports: the modal screens are imported in the actions that open them. None of them
# is needed for the first frame, and importing them all up front was a measurable part of the
# start-up time (benchmarks/README.md, figure b).

SAVE_RETRY_SECONDS = 5.0
"""How often saving is tried again after it failed."""
CHOSEN_HOLDS_KEYS_FOR = 10.0
"""Seconds at most that the keys typed after a row chosen in a view (search, answers, referral
tree) wait for the main screen to show it: a backstop only, since showing it lets them go."""

NOT_SAVED_MARK = "NOT SAVED, retrying · "
"""Before the file's name in the title while saving fails."""

NARROW_WIDTH = 100
"""Below this many columns one pane is shown at a time, full width; tab switches."""

PANES = ("contacts-pane", "notes-pane", "followups-pane")
PANE_TITLES = {"contacts-pane": "Contacts", "notes-pane": "Notes", "followups-pane": "Follow-ups"}


@listed("Everywhere", Binding("ctrl+p", "command_palette", "Command palette"))
class MainScreen(Screen[None]):
    AUTO_FOCUS = "#contact-list"
    # Textual redraws the whole screen at every change of focus (tab, esc from the filter, each
    # dialog closing); the widgets the focus moves between restyle and redraw themselves.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "next_pane", "Next pane", id="pane.next", tooltip="Move to the next pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="pane.previous"),
        Binding("n", "new_note", "Note", id="note.new", tooltip="Start notes of a conversation with the selected contact"),
        Binding("f", "add_followup", "Follow-up", id="followup.add", tooltip="Add a follow-up for the selected contact"),
        Binding("question_mark", "help", "Keys", id="help", tooltip="Show every key"),
        Binding("b", "question_bank", "Question bank", show=False, id="bank", tooltip="Add, edit, reorder or retire questions"),
        Binding("t", "templates", "Templates", show=False, id="templates", tooltip="Your name, the ask message, reminder delays"),
        Binding("ctrl+f", "search", "Search", id="search", tooltip="Search contacts, notes and answers as you type"),
        # The contacts pane's own / filters where it has the focus; from the other panes, / goes
        # there too (words typed after a / that did nothing ran as commands: b, then r, retired
        # a question).
        Binding("slash", "filter_contacts", "Filter", show=False, id="contact.filter", tooltip="Filter the contacts"),
        Binding("A", "answers", "Answers side by side", show=False, id="insight.answers", tooltip="Everyone's answer to one question, one after another"),
        Binding("R", "referral_tree", "Referral tree", show=False, id="insight.referrals", tooltip="Who led to whom, from your first contacts down"),
        Binding("D", "dashboard", "Dashboard", show=False, id="insight.dashboard", tooltip="The funnel, reply rate, conversations per week, what is overdue"),
        Binding("U", "update_everyone", "Update everyone", show=False, id="update.everyone", tooltip="The search reached an outcome: draft and queue an update to everyone who helped"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last change (then the one before)"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="undo.ctrl"),
        Binding("T", "trash", "Trash", show=False, id="trash", tooltip="Deleted contacts: restore them, or erase them for good"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Save and quit"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.contact: Contact | None = None
        self._shown_at_mount: Contact | None = None
        self._resumed_before = False
        self._saving_fails = False
        self._save_retry: Timer | None = None
        self.active_pane = PANES[0]
        self._pane_tabs = ""
        # The layout class is set before the first styling pass: set after mounting, it would
        # restyle every widget on the screen once more before the first frame.
        self.set_class(self.app.size.width < NARROW_WIDTH, "-narrow", update=False)

    @cached_property
    def method(self) -> MethodSteps:
        """The steps of the method (ask, reply, schedule, mark done...), which the key actions
        below hand over to. Made at the first of them: the workflow it imports is no part of
        the first frame."""
        from .method import MethodSteps

        return MethodSteps(self)

    def _apply_cursor_blink(self) -> None:
        """The app's cursor setting (off in tests and snapshots), asked of whichever app shows
        this screen rather than of the one class imported here: the app imports this screen."""
        apply: Callable[[Screen[Any]], None] | None = getattr(self.app, "apply_cursor_blink", None)
        if apply is not None:
            apply(self)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="pane-tabs")
        with Horizontal(id="panes"):
            # The pane being worked in is marked on the pane itself (and on its column): a
            # class on the screen would restyle every widget at each tab.
            yield ContactsPane(id="contacts-pane", classes="pane -active")
            with Vertical(id="right"):
                yield NotesPane(id="notes-pane", classes="pane", read_only=bool(self.store.read_only))
                yield FollowUpsPane(id="followups-pane", classes="pane")
        yield KeyBar()

    @property
    def contacts_pane(self) -> ContactsPane:
        return self.query_one(ContactsPane)

    @property
    def notes_pane(self) -> NotesPane:
        return self.query_one(NotesPane)

    @property
    def followups_pane(self) -> FollowUpsPane:
        return self.query_one(FollowUpsPane)

    def on_mount(self) -> None:
        self.sub_title = self.store.path.name
        self._apply_cursor_blink()
        self.refresh_contacts()
        if self.store.tables_read_later():
            # Read after the first frame, between frames (see InterviewApp._read_later).
            self.followups_pane.show_reading()
        else:
            self.refresh_followups()
        # The first contact's notes go into the first frame, rather than one frame later when
        # the list's Highlighted message arrives (which then has nothing left to do).
        self.contact = self._shown_at_mount = self.contacts_pane.contact_list.current
        self.refresh_notes()
        self._show_pane(PANES[0])
        if self.store.read_only:
            # Nothing typed could be saved: better not to take it than to lose it on the way out.
            self.notes_pane.editor.read_only = True

    def tables_read(self) -> None:
        """A table read after the first frame is read: the panes waiting for it are filled."""
        waiting = self.store.tables_read_later()
        if self.notes_pane.reading and "interviews" not in waiting:
            self.refresh_notes()
        if self.followups_pane.reading and not {"followups", "interviews"} & set(waiting):
            self.refresh_followups()  # the queue holds the planned conversations too

    def tell(self, message: str, **options: Any) -> None:
        """A notification with names in it: shown literally, never read as markup or escapes."""
        notify_literally(self, message, **options)

    # Layout --------------------------------------------------------------------------------

    def _screen_resized(self, size: Size) -> None:
        # Textual tells a screen its size again after it first lays it out (three times over as
        # the app starts), and each time lays every widget out and draws the screen once more,
        # the size unchanged: at start-up that doubled the drawing before the first frame. A
        # size the screen already has changes nothing; whatever else needs laying out is done
        # at the next refresh as usual.
        if size == self._size:
            return
        super()._screen_resized(size)

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Textual's own handler (Screen._on_screen_resume), which restyles every
        # widget on the screen when a screen comes back (a dialog closed over it). The first
        # time, the screen has just been composed: each widget was styled as it was mounted,
        # and what changed since restyled itself; a second pass over all of them was a tenth of
        # the time from the workspace read to the first frame.
        if not self._resumed_before:
            self._resumed_before = True
            event.refresh_styles = False

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW_WIDTH
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self._show_tabs()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        pane = self._pane_of(event.widget)
        if pane is not None:
            self._show_pane(pane)

    def _pane_of(self, widget: Widget) -> str | None:
        node: DOMNode | None = widget
        while node is not None and node is not self:
            if node.id in PANES:
                return node.id
            node = node.parent
        return None

    def _show_pane(self, pane: str) -> None:
        self.active_pane = pane
        changed: list[Widget] = []
        for name in PANES:
            shown = self.query_one(f"#{name}", Pane)
            if shown.set_active(name == pane):
                changed.append(shown)
        right = self.query_one("#right", Widget)
        if right.has_class("-active") != (pane != "contacts-pane"):
            right.set_class(pane != "contacts-pane", "-active", update=False)
            changed.append(right)
        # Restyled alone: no rule reaches inside a pane through this class, and restyling all
        # that a pane holds (its editor, its lists) at each tab is what made tab slow.
        self.app.stylesheet.update_nodes(changed, animate=False)
        self._show_tabs()

    def _show_tabs(self) -> None:
        """The strip naming the panes, shown when one pane is shown at a time."""
        if not self.has_class("-narrow"):
            return  # hidden: updating a Static lays the screen out again, even unseen
        pane = self.active_pane
        tabs = "   ".join(
            f"[reverse] {PANE_TITLES[name]} [/reverse]" if name == pane else f" {PANE_TITLES[name]} "
            for name in PANES
        )
        tabs += "   [dim]tab switches[/dim]"
        if tabs != self._pane_tabs:  # updating a Static lays the screen out again, even unchanged
            self._pane_tabs = tabs
            self.query_one("#pane-tabs", Static).update(tabs)

    def _focus_pane(self, pane: str) -> None:
        if pane == "contacts-pane":
            self.contacts_pane.contact_list.focus()
        elif pane == "notes-pane":
            self.notes_pane.interview_list.focus()
        else:
            self.followups_pane.followup_list.focus()
        self._show_pane(pane)

    def action_filter_contacts(self) -> None:
        self._show_pane("contacts-pane")
        self.contacts_pane.action_focus_filter()

    def action_next_pane(self) -> None:
        self._focus_pane(PANES[(PANES.index(self.active_pane) + 1) % len(PANES)])

    def action_previous_pane(self) -> None:
        self._focus_pane(PANES[(PANES.index(self.active_pane) - 1) % len(PANES)])

    # Refreshing from the store -------------------------------------------------------------

    def refresh_contacts(self, keep: int | None = None) -> None:
        contacts = self.store.contacts()
        # The trash is counted only when there is nobody to list: the empty list then says that
        # T brings them back.
        in_trash = 0 if contacts else len(self.store.trash())
        self.contacts_pane.set_contacts(contacts, keep=keep, cadence=self._late_contacts(), in_trash=in_trash)

    def _late_contacts(self) -> dict[int, CadenceState]:
        """The contacts past their keep-in-touch interval (only those ever in touch can be)."""
        now = self.store.clock()
        late: dict[int, CadenceState] = {}
        contacts = self.store.contacts_by_id()
        for contact_id, last_touch in self.store.last_touches().items():
            if contact_id not in contacts:
                continue  # a touch of a contact no longer there: no one to mark late
            state = cadence_state(contacts[contact_id], last_touch, now)
            if state in (CadenceState.DUE, CadenceState.OVERDUE):
                late[contact_id] = state
        return late

    def refresh_followups(self) -> None:
        from ...core import queue

        rows = queue_rows(
            queue.build_queue(self.store),
            self.store.contacts_by_id(),
            self.store.clock(),
            queue.planned_conversations(self.store),
        )
        self.followups_pane.set_rows(rows, nobody=not self.store.contact_count())

    def refresh_notes(self, select: int | None = None) -> None:
        contact = self.contact
        if contact is None or contact.id is None:
            self.notes_pane.show(None, [], select=select, nobody=not self.store.contact_count())
            if self.notes_pane.history_shown:
                self.notes_pane.show_history([])
            return
        if "interviews" in self.store.tables_read_later():
            # Read between the frames after the first (InterviewApp._read_later), and shown
            # then; reading all of them now would hold up each move through the list meanwhile.
            self.notes_pane.show_reading(self._heading(contact))
            return
        # Imported here, after the first frame of a large workspace (its conversations are read
        # later): the workflow and its date rules are no part of drawing that frame.
        from ...core import timeline, workflow

        interviews = self.store.interviews(contact.id)
        entries = [Entry(interview, workflow.interview_document(self.store, interview)) for interview in interviews]
        shown = self.notes_pane.current
        if select is None and (shown is None or shown.contact_id != contact.id):
            # Another contact: their conversations open on the one n takes notes in (the one
            # just held, not the next one planned), so what is in sight is where n types.
            chosen = workflow.notes_conversation_of(interviews, self.store.clock())
            select = None if chosen is None else chosen.id
        self.notes_pane.show(self._heading(contact), entries, select=select)
        if self.notes_pane.history_shown:
            self.notes_pane.show_history(timeline.of(self.store, contact.id))

    def action_toggle_history(self) -> None:
        """h in the notes pane: the person's history in place of the editor, and back."""
        from ...core import timeline

        pane = self.notes_pane
        if pane.history_shown:
            pane.show_history(None)
            pane.interview_list.focus()
            return
        contact = self.require_contact()
        if contact is None or contact.id is None:
            return
        self.save_drafts()
        pane.show_history(timeline.of(self.store, contact.id))
        pane.history_list.focus()
        self._show_pane("notes-pane")

    def _heading(self, contact: Contact) -> Heading:
        details = " · ".join(p for p in (contact.company_role, STAGE_SHORT[contact.stage]) if p)
        links = [contact.relationship.label]
        if contact.referred_by is not None:
            referrer = self.store.contacts_by_id().get(contact.referred_by)
            links.append(f"referred by {referrer.name if referrer else UNKNOWN_CONTACT}")
        referred = len(self.store.referred_by(contact.id)) if contact.id is not None else 0
        if referred:
            links.append(f"referred {referred} {'person' if referred == 1 else 'people'}")
        if contact.id is not None:
            last_touch = self.store.last_touches().get(contact.id)
            if last_touch is not None:
                links.append(f"last in touch {relative_day(last_touch, self.store.clock())}")
        if cadence_of(contact) is not None:
            # Said as `show` says it: a default is said to be one, so it reads as changeable.
            links.append(f"keep in touch {cadence_said(contact)}")
        if contact.tags:
            links.append(" ".join(f"#{tag}" for tag in contact.tags))
        return Heading(contact.name, details, " · ".join(links))

    @on(RowList.Highlighted, "#contact-list")
    def _contact_highlighted(self, event: RowList.Highlighted) -> None:
        shown_at_mount, self._shown_at_mount = self._shown_at_mount, None
        if event.row is not None and event.row is shown_at_mount:
            return
        self.save_drafts()
        self.contact = event.row if isinstance(event.row, Contact) else None
        self.refresh_notes()

    @on(RowList.Chosen, "#contact-list")
    def _contact_chosen(self) -> None:
        self._focus_pane("notes-pane")

    @on(RowList.Chosen, "#followup-list")
    def _followup_chosen(self, event: RowList.Chosen) -> None:
        if isinstance(event.row, ConversationRow):
            self.show_conversation(event.row.interview)
        elif isinstance(event.row, QueueRow):
            self.show_person(event.row.followup.contact_id)

    def show_person(self, contact_id: int, *, interview_id: int | None = None) -> None:
        """Select the contact (the filter cleared, which could hide them) and show their notes,
        with that conversation open. When one pane is shown at a time, it is the notes pane:
        selecting someone in a hidden list would show nothing."""
        self.save_drafts()
        self.contacts_pane.filter_input.value = ""
        self.refresh_contacts(keep=contact_id)
        # The notes follow now, not when the list's message arrives (which then finds
        # everything as it should be).
        self.contact = self.contacts_pane.contact_list.current
        self.refresh_notes(select=interview_id)
        if self.has_class("-narrow"):
            self._focus_pane("notes-pane")

    def show_chosen(self, chosen: ShowContact) -> None:
        hold = getattr(self.app, "hold_keys", None)
        if hold is not None:
            # Until the message is handled, which always lets them go: on a loaded machine that
            # came more than half a second later, and the keys went to the list, as if lost.
            hold(CHOSEN_HOLDS_KEYS_FOR)
        self.post_message(chosen)

    @on(ShowContact)
    def _show_contact(self, event: ShowContact) -> None:
        """A contact chosen in a view opened over this screen (search, answers, referral tree,
        dashboard): selected, with that conversation open when there is one."""
        event.stop()
        focused: Widget | None = None
        try:
            focused = self._show_chosen_contact(event)
        finally:
            let_go = getattr(self.app, "let_keys_go", None)
            if let_go is not None:
                # The keys typed meanwhile go where the person will see the focus.
                let_go(None if focused is None else lambda: focused.has_focus)

    def _show_chosen_contact(self, event: ShowContact) -> Widget | None:
        """Show it; the widget given the focus."""
        try:
            contact = self.store.contact(event.contact_id)
        except NotFound:
            self.tell("That contact is no longer in the workspace.", severity="warning")
            return None
        # The notes typed for the previous contact are saved first, as a change of contact does.
        self.save_drafts()
        # The contact filter could hide them: cleared, as choosing a follow-up does.
        self.contacts_pane.filter_input.value = ""
        self.refresh_contacts(keep=contact.id)
        # The notes pane follows the contact now, not when the list's message arrives (which
        # then finds everything as it should be).
        self.contact = contact
        interview_id = event.interview_id
        if interview_id is None or not self._conversation_exists(interview_id):
            self.refresh_notes()
            self.contacts_pane.contact_list.focus()
            return self.contacts_pane.contact_list
        self.refresh_notes(select=interview_id)
        notes = self.notes_pane
        if notes.interview_id != interview_id:
            self.contacts_pane.contact_list.focus()
            return self.contacts_pane.contact_list
        if event.place is None:
            notes.interview_list.focus()
            return notes.interview_list
        notes.focus_editor()
        notes.editor.move_cursor(event.place(notes.editor.text), center=True)
        return notes.editor

    def _conversation_exists(self, interview_id: int) -> bool:
        try:
            self.store.interview(interview_id)
        except NotFound:
            return False
        return True

    def show_conversation(self, interview: Interview) -> None:
        """That person, with that conversation open in the notes pane."""
        assert interview.id is not None
        self.show_person(interview.contact_id, interview_id=interview.id)
        self._focus_pane("notes-pane")

    # Drafts --------------------------------------------------------------------------------

    @on(NotesPane.DraftChanged)
    def _draft_changed(self, event: NotesPane.DraftChanged) -> None:
        self._save_draft(Draft(event.interview_id, event.text))

    def save_drafts(self) -> bool:
        """Save the notes being typed, and any change a failed save left in memory,
        synchronously: on quit, on a signal, on switching contact, and on retrying."""
        draft = self.notes_pane.pending_draft()
        if draft is not None and not self._save_draft(draft):
            return False
        if self.store.needs_saving:
            try:
                self.store.flush()
            except InterviewTuiError as exc:
                self._save_failed(exc)
                return False
            self._saved()
        return True

    def _save_draft(self, draft: Draft) -> bool:
        from ...core import workflow

        try:
            workflow.save_document(self.store, draft.interview_id, draft.text)
        except InterviewTuiError as exc:
            self._save_failed(exc)
            return False
        self.notes_pane.mark_saved(draft)
        self._saved()
        return True

    def _saved(self) -> None:
        # Written in the background, a save is only known to be in the file once the writer
        # says so (saved_in_background).
        if not self.store.writes_in_background:
            self._save_succeeded()

    def saved_in_background(self) -> None:
        """Everything handed to the writer is in the file."""
        self._save_succeeded()

    def save_failed_in_background(self, error: BaseException, *, told: bool = False) -> None:
        """A write on the writer's thread failed, and the store put back the changes it held
        (see Store.settle): show the panes as they are now, and say so (unless ``told``: a form
        waiting for its save says it). Notes typed stay in memory and are tried again, as when
        a save on this thread fails."""
        if self.notes_pane.pending_draft() is None:
            self.refresh_everything()
        else:
            # What is in the editor and not yet in the store stays on screen as typed.
            keep = self.contact.id if self.contact is not None else None
            self.refresh_contacts(keep=keep)
            self.refresh_followups()
        taken_back = self.store.taken_back
        if taken_back and not told:
            # Said even when notes keep being tried: an "Undone" or "Added" said a moment ago
            # is no longer true.
            what = "; ".join(taken_back)
            show_error(self, as_save_error(error, self.store.path), title="Not saved", then=f"Taken back: {what[:1].upper()}{what[1:]}.")
        if self.store.needs_saving:
            self._save_failed(as_save_error(error, self.store.path))  # notes to keep trying
        elif not (told or taken_back):
            show_error(self, as_save_error(error, self.store.path), title="Not saved", then="The change was taken back.")

    def _save_failed(self, error: InterviewTuiError) -> None:
        # What was typed stays in memory; saving is tried again every few seconds (a full disk
        # freed, a directory made writable again) without waiting for another keystroke. Said
        # once, not at every try.
        if isinstance(error, WorkspaceReadOnly):
            # Trying again cannot help: the workspace was opened read-only and stays so.
            show_error(self, error)
            return
        if not self._saving_fails:
            show_error(self, error, title="Not saved yet", then=f"Trying again every {SAVE_RETRY_SECONDS:g} seconds.", timeout=15)
        self._saving_fails = True
        self._mark_not_saved(True)  # for as long as it lasts, after the message has gone
        if self._save_retry is None:
            self._save_retry = self.set_timer(SAVE_RETRY_SECONDS, self._retry_saving)

    def _mark_not_saved(self, failing: bool) -> None:
        bare = (self.sub_title or "").removeprefix(NOT_SAVED_MARK)
        self.sub_title = NOT_SAVED_MARK + bare if failing else bare

    def _save_succeeded(self) -> None:
        if self._saving_fails:
            self._saving_fails = False
            self._mark_not_saved(False)
            from .form import FormScreen

            if any(isinstance(screen, FormScreen) for screen in self.app.screen_stack):
                # A form is all or nothing and is saved by its own ctrl+s, not by the retries.
                self.tell("Saved: your notes are in the file now. The open form is not: press ctrl+s in it.", title="Saved")
            else:
                self.tell("Saved: everything typed is in the file now.", title="Saved")

    def _retry_saving(self) -> None:
        self._save_retry = None
        self.save_drafts()

    # Contacts ------------------------------------------------------------------------------

    def require_contact(self) -> Contact | None:
        """The contact a key for one is about: the person of the highlighted follow-up when the
        follow-ups pane is the one in use (at 80 columns the contact list is not even in sight),
        else the one selected in the contact list."""
        row_person = self._person_of_followup_row()
        if row_person is not None and (self.contact is None or self.contact.id != row_person):
            # Selected as choosing the row does, so that the notes shown are theirs too.
            self.save_drafts()
            self.contacts_pane.filter_input.value = ""
            self.refresh_contacts(keep=row_person)
            self.contact = self.contacts_pane.contact_list.current
            self.refresh_notes()
        if self.contact is None:
            self.tell_why_no_contact()
        return self.contact

    def _person_of_followup_row(self) -> int | None:
        if self.active_pane != "followups-pane":
            return None
        row = self.followups_pane.query_one("#followup-list", RowList).current
        if isinstance(row, ConversationRow):
            return row.interview.contact_id
        if isinstance(row, QueueRow):
            return row.followup.contact_id
        return None

    def tell_why_no_contact(self) -> None:
        if not self.store.contact_count():
            self.tell("Add a contact first (a in the contact list).", severity="warning")
        else:
            self.tell("Select a contact first (or add one: a in the contact list).", severity="warning")

    def tell_why_no_conversation(self) -> None:
        """For a key that acts on the selected conversation, when none is: what to do first."""
        contact = self.contact
        if contact is None or contact.id is None:
            self.tell_why_no_contact()
        elif not self.notes_pane.interview_list.rows:
            self.tell(f"{contact.name} has no conversation yet: n starts notes, s schedules one.", severity="warning")
        else:
            self.tell("Select a conversation first.", severity="warning")

    def action_add_contact(self) -> None:
        from ...core import workflow
        from .contact_form import SAVE_AGAIN_FOR_ANOTHER, ContactForm, asked_twice_for_a_taken_name
        def submit(values: dict[str, str], another: bool) -> Contact:
            contact = workflow.contact_from_fields(
                self.store, values, another=another, how_to_add_another=SAVE_AGAIN_FOR_ANOTHER
            )
            with self.store.change(f"Added {contact.name}"):
                return self.store.add_contact(contact)

        self.app.push_screen(ContactForm(asked_twice_for_a_taken_name(submit)), self._contact_saved)

    def action_edit_contact(self) -> None:
        from ...core import workflow
        from .contact_form import SAVE_AGAIN_TO_RENAME, ContactForm, asked_twice_for_a_taken_name
        contact = self.require_contact()
        if contact is None:
            return
        referrer = ""
        if contact.referred_by is not None:
            found = self.store.contacts_by_id().get(contact.referred_by)
            referrer = found.name if found else UNKNOWN_CONTACT
        values = {
            "name": contact.name,
            "company": contact.company,
            "role": contact.role,
            "field": contact.field,
            "relationship": contact.relationship.value,
            "email": contact.email,
            "phone": contact.phone,
            "linkedin_url": contact.linkedin_url,
            "address": contact.address,
            "referred_by": referrer,
            "cadence": format_cadence(contact),
            "notes": contact.notes,
        }

        def submit(values: dict[str, str], another: bool) -> Contact:
            edited = workflow.contact_from_fields(
                self.store, values, contact, another=another, how_to_add_another=SAVE_AGAIN_TO_RENAME
            )
            with self.store.change(f"Edited {edited.name}"):
                return self.store.update_contact(edited)

        form = ContactForm(asked_twice_for_a_taken_name(submit), values, editing=True)
        self.app.push_screen(form, self._contact_saved)

    def _contact_saved(self, contact: Contact | None) -> None:
        if contact is None:
            return
        # The filter could hide the contact just typed in.
        self.contacts_pane.filter_input.value = ""
        self.after_change(contact.id)
        self.contacts_pane.contact_list.focus()
        self.tell(f"Saved {contact.name}.")

    def action_log_touch(self) -> None:
        from ...core import workflow
        from .queue_forms import DoneForm

        contact = self.require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id

        def submit(values: dict[str, str]) -> bool:
            workflow.complete_check_in(self.store, contact_id, values.get("note", ""))
            return True

        def logged(result: object) -> None:
            if result:
                self.after_change(contact_id)
                self.tell(f"Logged: in touch with {contact.name} today.")

        self.app.push_screen(DoneForm(f"In touch with {contact.name} today", submit), logged)

    def action_edit_tags(self) -> None:
        from ...core import workflow
        from .contact_form import TagsForm

        contact = self.require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id

        def submit(values: dict[str, str]) -> Contact:
            return workflow.set_tags(self.store, contact_id, values.get("tags", ""))

        def saved(updated: Contact | None) -> None:
            if updated is None:
                return
            self.contact = updated
            self.refresh_contacts(keep=contact_id)
            self.refresh_notes()
            tags = " ".join(f"#{tag}" for tag in updated.tags) or "no tags"
            self.tell(f"{updated.name}: {tags}.")

        self.app.push_screen(TagsForm(contact.name, submit, contact.tags), saved)

    def action_delete_contact(self) -> None:
        from .confirm import ConfirmScreen
        contact = self.require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id
        went = what_goes_with(
            len(self.store.interviews(contact_id)),
            len([f for f in self.store.followups(include_done=True) if f.contact_id == contact_id]),
            [c.name for c in self.store.referred_by(contact_id)],
        )
        question = f"Delete {contact.name}?"
        if went:
            question += f" With them: {went}."
        question += " They go to the trash: u undoes, T restores."

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.save_drafts()
            try:
                self.store.delete_contact(contact_id)
            except InterviewTuiError as exc:
                show_error(self, exc, title="Not deleted")
                return
            self.contact = None
            self.refresh_everything()
            self.tell(f"Deleted {contact.name}: in the trash (T). u undoes.")

        self.app.push_screen(ConfirmScreen(question), answered)

    # Undo and the trash ----------------------------------------------------------------------

    def action_undo(self) -> None:
        if not self.store.can_undo():
            self.tell(self.store.nothing_to_undo())
            return
        if self._saving_fails:
            # It could not be written either, and would be taken back a moment after it was
            # said to be done.
            self.tell(
                "Not undone: nothing can be saved at the moment. Undo once your notes are saved (the title "
                "no longer says NOT SAVED).",
                title="Not undone",
                severity="warning",
            )
            return
        # Typed notes first: undo keeps them, but only once they are in the store.
        self.save_drafts()
        try:
            change = self.store.undo()
        except InterviewTuiError as exc:
            show_error(self, exc, title="Not undone")
            return
        # A contact the undo brought back (a delete undone) is the one to show.
        back = [
            record_id
            for (table, record_id), before in change.before.items()
            if table == "contacts" and before is not None and change.after.get((table, record_id)) is None
        ]
        if back:
            self.contact = self.store.contact(back[0])
            self.contacts_pane.filter_input.value = ""
        self.refresh_everything()
        said = f"Undone: {self.store.describe(change)}."
        if self.store.writes_in_background:
            # Said once the file holds it: said at once, it was followed a moment later by
            # "Taken back" when the disk was full.
            self.run_worker(self._tell_once_written(said, title="Undo"), group="undo-told")
        else:
            self.tell(said, title="Undo")

    async def _tell_once_written(self, message: str, *, title: str) -> None:
        saved = getattr(self.app, "saved", None)
        if saved is not None:
            try:
                await saved()
            except InterviewTuiError:
                return  # what was taken back is said by save_failed_in_background
        self.tell(message, title=title)

    def refresh_everything(self) -> None:
        """After a change that may touch any record (undo, restore, an import): every pane from
        the store, the same contact kept selected when they still exist."""
        keep = self.contact.id if self.contact is not None else None
        try:
            self.contact = self.store.contact(keep) if keep is not None else None
        except InterviewTuiError:
            self.contact, keep = None, None
        self.refresh_contacts(keep=keep)
        self.contact = self.contacts_pane.contact_list.current
        self.refresh_followups()
        self.refresh_notes()

    def action_trash(self) -> None:
        from .trash import TrashChoice, TrashRow, TrashScreen

        rows = [
            TrashRow(entry.id, entry.name, entry.deleted_at, trash_summary(entry))
            for entry in self.store.trash()
            if entry.id is not None
        ]

        def chosen(choice: TrashChoice | None) -> None:
            if choice is None:
                return
            if choice.action == "restore" and choice.entry_id is not None:
                self._restore(choice.entry_id)
            elif choice.action == "purge" and choice.entry_id is not None:
                self._confirm_purge([choice.entry_id])
            elif choice.action == "empty":
                self._confirm_purge([row.entry_id for row in rows])

        self.app.push_screen(TrashScreen(rows, self.store.clock()), chosen)

    def action_empty_trash(self) -> None:
        entry_ids = [entry.id for entry in self.store.trash() if entry.id is not None]
        if not entry_ids:
            self.tell("The trash is empty.")
            return
        self._confirm_purge(entry_ids)

    def _restore(self, entry_id: int, *, another: bool = False) -> None:
        self.save_drafts()
        try:
            contact = self.store.restore(entry_id, another=another)
        except SamePersonThere as exc:
            self._confirm_restore_another(entry_id, exc)
            return
        except InterviewTuiError as exc:
            show_error(self, exc, title="Not restored")
            return
        self.contact = contact
        self.contacts_pane.filter_input.value = ""
        self.refresh_everything()
        self.refresh_contacts(keep=contact.id)
        self.tell(f"Restored {contact.name} with everything that went with them.")

    def _confirm_restore_another(self, entry_id: int, clash: SamePersonThere) -> None:
        """Someone now in the workspace is the person being restored (an import added them
        again): restored only when the person says they are two people."""
        from .confirm import ConfirmScreen

        question = (
            f"{clash} Nothing was changed. If they are one person, answer no, and erase the one there "
            "first to restore this one; if they are two people, restore them as another person?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._restore(entry_id, another=True)

        self.app.push_screen(ConfirmScreen(question), answered)

    def _confirm_purge(self, entry_ids: list[int]) -> None:
        from .confirm import ConfirmScreen

        names = [self.store.trash_entry(entry_id).name for entry_id in entry_ids]
        if not names:
            return
        who = names[0] if len(names) == 1 else f"{len(names)} people"
        question = (
            f"Erase {who} for good? They leave the workspace, its backup and any rescued form "
            "text. This cannot be undone."
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                erased = self.store.purge(entry_ids)
            except InterviewTuiError as exc:
                show_error(self, exc, title="Not erased")
                return
            self.tell(erased.said(), timeout=15 if erased.copies else 5)
            self.refresh_contacts()  # an empty list no longer offers to bring them back

        self.app.push_screen(ConfirmScreen(question), answered)

    # Notes ---------------------------------------------------------------------------------

    def action_new_note(self) -> None:
        """Quick capture: the conversation ``workflow.capture`` chooses (the one just held rather than
        the next one planned), cursor at the first empty answer."""
        from ...core import workflow

        contact = self.require_contact()
        if contact is None or contact.id is None:
            return
        self.save_drafts()
        started: list[Interview] = []
        try:
            # Kept: on a full disk the conversation stays, and the words typed after n go into
            # it and are saved with it once the disk has room, as notes typed are.
            with self.store.change(kept=True):
                started.append(workflow.capture(self.store, contact.id))
        except InterviewTuiError as exc:
            if not (started and isinstance(exc, SaveFailed)):
                show_error(self, exc, title="Could not start notes")
                return
            self._save_failed(exc)
        interview = started[0]
        self.refresh_notes(select=interview.id)
        self.notes_pane.focus_editor(at_first_empty_answer=True)

    def action_external_editor(self) -> None:
        """ctrl+e in the notes editor: the notes in $VISUAL or $EDITOR, back when it exits,
        saved the way typing saves them."""
        from .. import editor

        pane = self.notes_pane
        interview_id = pane.interview_id
        if interview_id is None:
            self.tell_why_no_conversation()
            return
        # What was typed is in the file before the editor starts: whatever the editor does,
        # nothing typed here can be lost.
        if not self.save_drafts():
            self.tell("The notes could not be saved, so your editor was not opened.", severity="error")
            return
        before = pane.editor.text
        place = pane.editor.cursor_location
        result = editor.edit_in_terminal(self.app, before)
        self.refresh()
        if result.text is None:
            self.tell(result.message, title="Not taken from the editor", severity="error", timeout=15)
            return
        if result.text == before:
            self.tell("Back from the editor: no change.")
            return
        # Through the editor widget and the draft: the same path as typing (every word kept; a
        # failed save keeps the text in memory and tries again).
        pane.editor.load_text(result.text)
        if self.save_drafts():
            self.refresh_notes(select=interview_id)
            self.tell("Back from the editor: the notes are saved.")
        # Where it was (loading the text put it at the top, and the words typed next went
        # before the first question), as near as the new text allows.
        document = pane.editor.document
        row = min(place[0], document.line_count - 1)
        pane.editor.move_cursor((row, min(place[1], len(document.get_line(row)))))

    # Follow-ups ----------------------------------------------------------------------------

    def action_add_followup(self) -> None:
        from ...core import workflow
        from .followup_form import FollowUpForm
        contact = self.require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id

        moved = ""

        def submit(values: dict[str, str]) -> FollowUp:
            nonlocal moved
            kind = FollowUpKind(values.get("kind") or FollowUpKind.CUSTOM.value)
            added = workflow.add_followup(
                self.store, contact_id, values["due"], kind=kind, note=values["note"], repeat=values.get("repeat", "")
            )
            moved = workflow.moved_to_its_days(self.store, added, values["due"])
            return added

        def saved(followup: object) -> None:
            if followup is not None:
                self.refresh_followups()
                self.tell(f"Follow-up added for {contact.name}" + (f": {moved}." if moved else "."))

        form = FollowUpForm(contact.name, submit, self.store.clock, dayfirst=self.store.settings().dayfirst)
        self.app.push_screen(form, saved)

    def _selected_followup(self, doing: str) -> QueueRow | None:
        """The follow-up under the queue's cursor; None, having said what to do first, when
        there is none to ``doing`` ("mark done", say)."""
        queue_list = self.followups_pane.followup_list
        row = queue_list.current
        if isinstance(row, QueueRow):
            return row
        if queue_list.rows:
            self.tell("Select a follow-up first.", severity="warning")
        elif not self.store.contact_count():
            self.tell(f"Nothing in the queue to {doing}. Add a contact first (a in the contact list).", severity="warning")
        else:
            self.tell(f"Nothing in the queue to {doing}. Press f to add a follow-up for the selected contact.", severity="warning")
        return None

    def _selected_conversation(self) -> Interview | None:
        """The planned conversation under the queue's cursor, as it is stored now."""
        row = self.followups_pane.followup_list.current
        if not isinstance(row, ConversationRow) or row.interview.id is None:
            return None
        try:
            return self.store.interview(row.interview.id)
        except InterviewTuiError:
            return None

    def action_complete_followup(self) -> None:
        from ...core import queue
        from .queue_forms import DoneForm

        conversation = self._selected_conversation()
        if conversation is not None:
            self.method.mark_held(conversation)  # x on a conversation: it was held, as in the notes pane
            return
        row = self._selected_followup("mark done")
        if row is None:
            return
        followup = row.followup

        def submit(values: dict[str, str]) -> bool:
            queue.done(self.store, followup, values.get("note", ""))
            return True

        def finished(result: object) -> None:
            if result:
                queue_list = self.followups_pane.followup_list
                position = queue_list.cursor
                self.after_change(followup.contact_id, follow=False)
                # The cursor stays where it was, on the next thing to do, rather than following
                # a check-in that the touch moved weeks ahead.
                queue_list.select_index(position)
                comes_back = queue.comes_back_words(queue.coming_back(self.store, followup))
                self.tell(f"Done: {followup.kind.label} for {row.contact_name}.{comes_back}")

        title = f"Done: {followup.kind.label} for {row.contact_name}"
        self.app.push_screen(DoneForm(title, submit), finished)

    def action_snooze_followup(self) -> None:
        from ...core import queue
        from .queue_forms import SnoozeForm

        conversation = self._selected_conversation()
        if conversation is not None:
            # z on a conversation: put it off, which for a conversation is moving it.
            try:
                contact = self.store.contact(conversation.contact_id)
            except InterviewTuiError:
                self.tell("That contact is no longer in the workspace.", severity="warning")
                return
            self.method.move(contact, conversation)
            return
        row = self._selected_followup("snooze")
        if row is None:
            return
        followup = row.followup
        # Kept apart: the store may hand back the very record it changes.
        due_before, sequence_before = followup.due, followup.sequence

        def submit(values: dict[str, str]) -> FollowUp:
            return queue.snooze(self.store, followup, values.get("when", ""))

        def snoozed(result: FollowUp | None) -> None:
            if result is None:
                return
            if (result.due, result.sequence) == (due_before, sequence_before):
                # Nothing was saved: u would take back the change before this one, so it is not offered.
                self.tell(
                    f"Nothing changed: {followup.kind.label} for {row.contact_name} is already due"
                    f" {queue.due_in_words(result.due)}."
                )
                return
            self.refresh_followups()
            self.followups_pane.followup_list.select_key(("follow-up", result.id))
            self.tell(f"Snoozed {followup.kind.label} for {row.contact_name} to {queue.due_in_words(result.due)}.")

        form = SnoozeForm(
            # Which follow-up it moves, and from when: a person may owe someone several.
            f"Snooze {followup.kind.label} for {row.contact_name}, due {queue.due_in_words(followup.due)}",
            submit,
            self.store.clock,
            dayfirst=self.store.settings().dayfirst,
            due=followup.due,
        )
        self.app.push_screen(form, snoozed)

    def action_show_message(self) -> None:
        from ...core import queue
        from .followup_view import followup_view

        conversation = self._selected_conversation()
        if conversation is not None:
            self.show_conversation(conversation)
            return
        row = self._selected_followup("read")
        if row is None:
            return
        followup = row.followup
        contact = self.store.contacts_by_id().get(followup.contact_id)

        def answered(result: str | None) -> None:
            if result == "sent":
                def mark_done() -> bool:
                    queue.done(self.store, followup, "")
                    return True

                if attempt(self, "Not marked done", mark_done) is None:
                    return
                self.after_change(followup.contact_id, follow=False)
                if followup.message:
                    self.tell(f"Update to {row.contact_name} marked sent.")
                else:
                    comes_back = queue.comes_back_words(queue.coming_back(self.store, followup))
                    self.tell(f"Done: {followup.kind.label} for {row.contact_name}.{comes_back}")
            elif result == "done":
                self.action_complete_followup()

        self.app.push_screen(followup_view(row, contact, self.store.clock()), answered)

    # Search and insight ------------------------------------------------------------------------

    def action_search(self) -> None:
        from .search import open_search

        open_search(self)  # it saves the notes being typed first, so that they are found

    def action_answers(self) -> None:
        from .answers import open_answers

        open_answers(self)

    def action_referral_tree(self) -> None:
        from .referrals import open_referral_tree

        open_referral_tree(self)

    def action_dashboard(self) -> None:
        from .dashboard import open_dashboard

        open_dashboard(self)

    def action_import_contacts(self) -> None:
        from .transfer import open_import

        open_import(self)

    def action_export(self) -> None:
        from .transfer import open_export

        open_export(self)

    def action_update_everyone(self) -> None:
        from ...core import workflow
        from .queue_forms import UpdateEveryoneForm

        people = len(workflow.who_helped(self.store))
        if not people:
            self.tell("Nobody to update yet: no conversation is marked done and nobody has introduced anyone.")
            return

        def submit(values: dict[str, str]) -> list[FollowUp]:
            return workflow.update_everyone(self.store, values.get("outcome", ""), values.get("due", "") or "today")

        def queued(result: list[FollowUp] | None) -> None:
            if result is None:
                return
            self.refresh_followups()
            if result:
                self.tell(f"Queued {len(result)} updates: select one in Follow-ups and press v to see it.")
            else:
                self.tell("Everyone who helped already has an update waiting.")

        form = UpdateEveryoneForm(submit, people, self.store.clock, dayfirst=self.store.settings().dayfirst)
        self.app.push_screen(form, queued)

    def after_change(self, contact_id: int | None = None, *, select: int | None = None, follow: bool = True) -> None:
        """Every pane from the store after a change to ``contact_id``'s records (a step of the
        method, a follow-up done, a contact saved): their stage, cadence and queue move.

        With ``follow`` that contact becomes the selected one, with conversation ``select`` open;
        without (a follow-up done in the queue), the selection stays where it is and their
        notes are shown again only when they are the ones selected."""
        current = self.contact.id if self.contact is not None else None
        keep = contact_id if follow and contact_id is not None else current
        try:
            self.contact = self.store.contact(keep) if keep is not None else None
        except NotFound:
            self.contact, keep = None, None
        self.refresh_contacts(keep=keep)
        self.refresh_followups()
        if follow or contact_id is None or contact_id == keep:
            self.refresh_notes(select=select)

    # The method's steps: carried out by self.method (screens/method.py) -----------------------

    def action_ask(self) -> None:
        self.method.ask()

    def action_log_reply(self) -> None:
        self.method.log_reply()

    def action_schedule(self) -> None:
        self.method.schedule()

    def action_mark_done(self) -> None:
        self.method.mark_done()

    def action_cancel_conversation(self) -> None:
        self.method.cancel_conversation()

    def action_delete_conversation(self) -> None:
        self.method.delete_conversation()

    def action_add_referral(self) -> None:
        self.method.add_referral()

    def action_edit_plan(self) -> None:
        self.method.edit_plan()

    def action_question_bank(self) -> None:
        self.method.question_bank()

    def action_templates(self) -> None:
        self.method.templates()

    # Help ----------------------------------------------------------------------------------

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

