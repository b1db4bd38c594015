"""The contacts pane: a filter box over a list of every contact."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter, indexOf
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Input

from ...core.contact_query import warmest_first
from ...core.keep_in_touch import CadenceState
from ...core.models import Contact, Stage
from ..errors import tell
from ..keys import listed
from .line_input import LineInput
from .pane import Pane
from .row_list import Cell, RowList

if TYPE_CHECKING:
    from ...core.search import ContactFilter

STAGE_SHORT = {
    Stage.IDENTIFIED: "identified",
    Stage.ASKED: "asked",
    Stage.SCHEDULED: "scheduled",
    Stage.INTERVIEWED: "interviewed",
    Stage.THANKED: "thanked",
    Stage.KEEPING_IN_TOUCH: "in touch",
    Stage.DECLINED: "declined",
    Stage.CLOSED: "closed",
}
STAGE_WIDTH = max(len(label) for label in STAGE_SHORT.values())

STAGE_SHORTER = {
    Stage.IDENTIFIED: "ident.",
    Stage.ASKED: "asked",
    Stage.SCHEDULED: "sched.",
    Stage.INTERVIEWED: "interv.",
    Stage.THANKED: "thanked",
    Stage.KEEPING_IN_TOUCH: "in touch",
    Stage.DECLINED: "declined",
    Stage.CLOSED: "closed",
}
"""The stages in fewer cells, for when the full words would cut a name."""
STAGE_SHORTER_WIDTH = max(len(label) for label in STAGE_SHORTER.values())

COMPANY_ROOM = 12
"""The company column shrinks to this before the stage is abbreviated."""


class Columns(NamedTuple):
    name: int
    company: int
    stage: int
    stages: dict[Stage, str]


def columns(width: int, longest_name: int) -> Columns:
    """How a row of ``width`` cells is shared. The name comes first: it gets at least its share of
    the width (45%, as before, so columns stay put when names are short) and, when longer, all
    it needs while the stage still fits in its short form; then the company shrinks, and only
    when it would be narrower than COMPANY_ROOM are the stages abbreviated."""
    share = max(8, (width - STAGE_WIDTH - 2) * 9 // 20)
    name = max(share, min(longest_name, width - STAGE_SHORTER_WIDTH - 2))
    # RowList puts a space before each cell and gives the last one what is left over.
    company = width - name - STAGE_WIDTH - 3
    if company >= COMPANY_ROOM or (name <= share and company >= 0):
        return Columns(name, max(0, company), STAGE_WIDTH, STAGE_SHORT)
    return Columns(name, max(0, width - name - STAGE_SHORTER_WIDTH - 3), STAGE_SHORTER_WIDTH, STAGE_SHORTER)


CADENCE_MARKS = {
    CadenceState.DUE: ("~ ", "row-list--warn"),
    CadenceState.OVERDUE: ("! ", "row-list--alert"),
}
"""How a contact past their keep-in-touch interval looks: amber past the ideal, red past the
maximum, with a mark that shows without colour too."""


NO_CONTACTS = "No contacts yet. Press a to add one."
NO_MATCH = "No match: esc clears the filter."


def no_contacts(in_trash: int) -> str:
    """What the empty list says, with ``in_trash`` contacts deleted and not yet erased."""
    if not in_trash:
        return NO_CONTACTS
    return f"No contacts. Press a to add one, or T to bring back a deleted one ({in_trash:,} in the trash)."


class ContactList(RowList[Contact]):
    empty_text = NO_CONTACTS

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.cadence: dict[int, CadenceState] = {}
        """Contacts past their keep-in-touch interval, by id; the others are on time."""
        self.longest_name = 0
        """Cells the longest name of the workspace takes, with its mark: the name column's
        need. Set with the contacts, not per filter keystroke, so columns do not jump."""

    def cells(self, row: Contact, width: int) -> list[Cell]:
        layout = columns(width, self.longest_name)
        style = "row-list--dim" if row.stage in (Stage.DECLINED, Stage.CLOSED) else ""
        mark = ""
        late = self.cadence.get(row.id) if row.id is not None else None
        if late in CADENCE_MARKS:
            mark, style = CADENCE_MARKS[late]
        name = Cell(mark + row.name, layout.name, style)
        stage = Cell(layout.stages[row.stage], layout.stage, style)
        if layout.company < 4:  # a company in one to three cells says nothing
            return [name, stage]
        return [name, Cell(row.company_role, None, "row-list--dim"), stage]

    def row_key(self, row: Contact) -> object:
        return row.id

    def index_of(self, rows: Sequence[Contact], key: object) -> int | None:
        # A filter keystroke looks for the highlighted contact among up to every contact: the
        # ids are read at C speed, not through row_key, a call per row (5 ms at 50,000).
        try:
            return indexOf(map(_ID, rows), key)
        except ValueError:
            return None


_ID = attrgetter("id")
_NAME = attrgetter("name")


@listed("Contacts")
class ContactsPane(Pane):
    """Shows contacts and filters them as the user types; the screen owns the data."""

    class OrderChanged(Message):
        """The user switched between warmest first and by name (a preference to keep)."""

        def __init__(self, warmest: bool) -> None:
            super().__init__()
            self.warmest = warmest

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_contact", "Add", id="contact.add", tooltip="Add a contact"),
        Binding("e", "screen.edit_contact", "Edit", id="contact.edit", tooltip="Edit the selected contact"),
        Binding("d", "screen.delete_contact", "Delete", show=False, id="contact.delete", tooltip="Delete the selected contact"),
        Binding("slash", "focus_filter", "Filter", id="contact.filter", tooltip="Filter the contacts"),
        Binding("escape", "clear_filter", "Clear filter", id="contact.clear_filter", tooltip="Clear the filter: every contact shown again"),
        Binding("m", "screen.ask", "Ask", id="contact.ask", tooltip="Write the ask for 20 minutes, copy it, log it when sent"),
        Binding("l", "screen.log_reply", "Reply", id="contact.reply", tooltip="Log their reply to the ask"),
        Binding("s", "screen.schedule", "Schedule", id="contact.schedule", tooltip="Schedule the conversation"),
        Binding("c", "screen.log_touch", "In touch", id="contact.touch", tooltip="Log that you were in touch (a call, a message, a chat): it restarts their cadence"),
        Binding("number_sign", "screen.edit_tags", "Tags", show=False, id="contact.tags", tooltip="Add or remove the contact's tags"),
        Binding("w", "toggle_warmest", "Warmest first", show=False, id="contact.warmest", tooltip="Sort warmest first (family and friends), or by name"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("Contacts", id=id, classes=classes)
        self._contacts: list[Contact] = []
        self._ordered: list[Contact] = []
        self._filter: ContactFilter | None = None
        self._in_trash = 0
        self.warmest = self._warmest_by_preference()
        """Sort family and friends first, as the method advises starting with them. It starts
        as the user last left it (the app's preferences); a change is announced with OrderChanged."""

    def _warmest_by_preference(self) -> bool:
        try:
            preferences = getattr(self.app, "preferences", None)
        except RuntimeError:  # built outside a running app: Textual has none to give
            return False
        return bool(getattr(preferences, "warmest_first", False))

    def compose(self) -> ComposeResult:
        yield LineInput(
            placeholder="/ filter: words, rel:friend, stage:asked, #tag",
            # The pane is 46 columns wide beside the two others at 120, 36 inside at 40.
            shorter_placeholders=("/ filter: words, rel:friend, stage:asked", "/ filter: words, rel:friend, #tag", "/ filter"),
            id="contact-filter",
            compact=True,
        )
        yield ContactList(id="contact-list")

    @property
    def contact_list(self) -> ContactList:
        return self.query_one(ContactList)

    @property
    def filter_input(self) -> LineInput:
        return self.query_one("#contact-filter", LineInput)

    def set_contacts(
        self,
        contacts: list[Contact],
        *,
        keep: int | None = None,
        cadence: dict[int, CadenceState] | None = None,
        in_trash: int = 0,
    ) -> None:
        """``contacts`` sorted by name; the pane re-sorts them warmest first when asked to.
        ``cadence``: the contacts past their keep-in-touch interval. ``in_trash``: how many
        deleted contacts the trash holds (said when there is no contact)."""
        self._in_trash = in_trash
        if cadence is not None:
            self.contact_list.cadence = cadence
        late = self.contact_list.cadence
        marked = max((cell_len(c.name) for c in contacts if c.id in late), default=0)
        # Plain len() picks the longest name at C speed; only it is measured in cells.
        longest = max(map(_NAME, contacts), key=len, default=None)
        plain = cell_len(longest) if longest is not None else 0
        self.contact_list.longest_name = max(plain, marked + 2 if late else 0)
        self._contacts = contacts
        self._ordered = warmest_first(contacts) if self.warmest else contacts
        self._filter = None
        self._apply_filter(keep=keep)

    def _contact_filter(self) -> ContactFilter:
        # Built when the filter is first used rather than with the list: at 10,000 contacts it is
        # a noticeable part of starting up, and many sessions never filter. It remembers what
        # recent queries found, so each keystroke looks only among the previous one's matches.
        if self._filter is None:
            # The search module (the filter is one of its indexes) is imported with it: the
            # first frame needs none of it.
            from ...core.search import ContactFilter

            self._filter = ContactFilter.of(self._ordered)
        return self._filter

    def action_toggle_warmest(self) -> None:
        self.warmest = not self.warmest
        self.set_contacts(self._contacts, in_trash=self._in_trash)
        self.post_message(self.OrderChanged(self.warmest))

    def _apply_filter(self, keep: int | None = None) -> None:
        query = self.filter_input.value
        shown = self._contact_filter().filter(query) if query.strip() else self._ordered
        self.contact_list.empty_text = NO_MATCH if self._ordered else no_contacts(self._in_trash)
        self.contact_list.set_rows(shown, keep=keep)
        total = len(self._ordered)
        count = f"{len(shown)} of {total}" if len(shown) != total else f"{total}"
        self._show_count(f"warmest first · {count}" if self.warmest else count)

    def _show_count(self, text: str) -> None:
        """``text`` in the pane's bottom border. Setting ``border_subtitle`` repaints the whole
        pane, every line of its frame drawn again at each keystroke; only the line with the
        count is drawn here."""
        if text == self.border_subtitle:
            return
        width, height = self.outer_size  # the frame included
        if not height:
            self.border_subtitle = text  # not laid out yet: nothing drawn to spare
            return
        # What Textual's border_subtitle setter stores, without the repaint of everything.
        self._border_subtitle = self.render_str(text).expand_tabs(4).split()[0]
        left, top = self.content_offset  # a refresh's region is given from the content's corner
        self.refresh(Region(-left, height - 1 - top, width, 1))

    def on_mount(self) -> None:
        # The list is filtered the moment the box's value changes, inside the keystroke, rather
        # than on the Input.Changed message that follows: by the time that message reached the
        # pane, the screen had drawn the box and the list waited for the next frame (16 to 33 ms
        # later). Filtered here, the character and the list it finds are drawn together.
        self.watch(self.filter_input, "value", self._filter_changed, init=False)

    def _filter_changed(self, old: str, new: str) -> None:
        self._apply_filter()
        self.filter_input.draw_with_this_keystroke(self.contact_list, self)
        if bool(old) != bool(new):
            self.refresh_bindings()  # esc clears a filter: in the footer only while there is one

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            # With no filter, esc is left to whatever else it means there.
            return bool(self.filter_input.value)
        return True

    def action_clear_filter(self) -> None:
        self.filter_input.value = ""
        tell(self, "Filter cleared.")

    @on(Input.Submitted, "#contact-filter")
    def _filter_submitted(self) -> None:
        self.contact_list.focus()

    def action_focus_filter(self) -> None:
        self.filter_input.focus()
        self._contact_filter()

    def on_key(self, event: events.Key) -> None:
        if self.filter_input.has_focus and event.key in ("escape", "down"):
            event.stop()
            if event.key == "escape" and self.filter_input.value:
                self.action_clear_filter()
            self.contact_list.focus()

