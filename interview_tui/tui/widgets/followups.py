"""The follow-up queue and the agenda: every contact's open follow-ups, cadence check-ins and
planned conversations, soonest first, grouped Overdue / Today / This week / Later."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from operator import attrgetter, indexOf
from typing import ClassVar, NamedTuple, overload

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from ...core.day_words import relative_day
from ...core.keep_in_touch import WEEK_AHEAD, QueueGroup
from ...core.models import UNKNOWN_CONTACT, Contact, FollowUp, FollowUpKind, Interview
from ...core.queue import CONVERSATION_LABEL, followups_before
from ..keys import listed
from .pane import Pane
from .row_list import Cell, RowList


class QueueRow(NamedTuple):
    """One follow-up in the queue.

    The words for the due date and the overdue flag are worked out when they are asked for (when
    the row is drawn), from the ``now`` the queue was built with.
    """

    followup: FollowUp
    contact_name: str
    now: datetime
    """When the queue was built: what "today" and "overdue" are measured from."""
    start_of_today: datetime
    address: str | None = None
    """The mailing address a handwritten thank-you goes to ("" when it is missing); None for
    every other follow-up."""

    @property
    def overdue(self) -> bool:
        return self.followup.due < self.start_of_today

    @property
    def due_text(self) -> str:
        return relative_day(self.followup.due, self.now)

    @property
    def key(self) -> tuple[object, ...]:
        """Stays the same across reloads: a cadence's check-in has no id until it is snoozed."""
        followup = self.followup
        return ("check-in", followup.contact_id) if followup.id is None else ("follow-up", followup.id)


class ConversationRow(NamedTuple):
    """A planned conversation on the agenda, among the follow-ups of its day."""

    interview: Interview
    contact_name: str
    now: datetime
    start_of_today: datetime

    @property
    def overdue(self) -> bool:
        """Its day has passed and it was neither marked held nor cancelled."""
        return self.interview.when < self.start_of_today

    @property
    def due_text(self) -> str:
        return relative_day(self.interview.when, self.now)

    @property
    def contact_id(self) -> int:
        return self.interview.contact_id

    @property
    def key(self) -> tuple[object, ...]:
        return ("conversation", self.interview.id)

    @property
    def details(self) -> str:
        """"15:00, 20 min phone, Her kitchen": when, how long, how and where."""
        interview = self.interview
        where = f", {interview.where}" if interview.where else ""
        return f"{interview.when:%H:%M}, {interview.minutes} min {interview.mode.label}{where}"


@dataclass(frozen=True, slots=True)
class GroupHeading:
    """The line above each group of the queue: "Overdue · 3". Not a NamedTuple: its ``count``
    would hide tuple.count."""

    group: QueueGroup
    count: int


_ID = attrgetter("id")
_DUE = attrgetter("due")
_WHEN = attrgetter("when")


AgendaRow = QueueRow | ConversationRow | GroupHeading


class QueueRows(Sequence[AgendaRow]):
    """The queue's rows under their group headings, each row made when it is asked for.

    A workspace has thousands of open follow-ups (16,000 in the benchmark's) and the queue shows a
    dozen: building a row per follow-up up front cost start-up several milliseconds, and left that
    many more objects for every full garbage collection to walk while the user types. Names and
    mailing addresses are looked up when a row is made, not gathered for every row up front.

    The follow-ups and the planned conversations each come sorted by time, and are interleaved
    without being merged into a new list: a conversation's place among all the items is its
    place among the conversations plus the number of follow-ups due before it, worked out once
    per conversation (there are far fewer of them). An item's place is then found by bisection,
    and so is each group, a slice of both.
    """

    __slots__ = (
        "_contacts",
        "_conversations",
        "_followups",
        "_now",
        "_placed",
        "_segments",
        "_start_of_today",
        "_starts",
        "_before",
    )

    def __init__(
        self,
        followups: Sequence[FollowUp],
        contacts: Mapping[int, Contact],
        now: datetime,
        conversations: Sequence[Interview] = (),
    ) -> None:
        self._followups = followups
        self._conversations = conversations
        self._contacts = contacts
        self._now = now
        self._start_of_today = datetime.combine(now.date(), time.min, now.tzinfo)
        self._before = followups_before(followups, conversations)
        # Each conversation's place among all the items.
        self._placed = [count + j for j, count in enumerate(self._before)]
        bounds = [0]
        for days in (0, 1, WEEK_AHEAD + 1):
            boundary = self._start_of_today + timedelta(days=days)
            bounds.append(bisect_left(followups, boundary, key=_DUE) + bisect_left(conversations, boundary, key=_WHEN))
        bounds.append(len(followups) + len(conversations))
        # (heading, first item's place, position of the heading among the rows)
        self._segments: list[tuple[GroupHeading, int, int]] = []
        position = 0
        for group, first, last in zip(QueueGroup, bounds, bounds[1:], strict=False):
            if last > first:
                self._segments.append((GroupHeading(group, last - first), first, position))
                position += 1 + last - first
        self._starts = [position for _, _, position in self._segments]

    def _row(self, followup: FollowUp) -> QueueRow:
        contact = self._contacts.get(followup.contact_id)
        address = None
        if followup.kind is FollowUpKind.THANK_YOU and followup.channel == "handwritten":
            address = contact.address if contact is not None else ""
        name = contact.name if contact is not None else UNKNOWN_CONTACT
        return QueueRow(followup, name, self._now, self._start_of_today, address)

    def _conversation_row(self, interview: Interview) -> ConversationRow:
        contact = self._contacts.get(interview.contact_id)
        name = contact.name if contact is not None else UNKNOWN_CONTACT
        return ConversationRow(interview, name, self._now, self._start_of_today)

    def _item(self, place: int) -> QueueRow | ConversationRow:
        """The item at ``place`` in the interleaved order."""
        j = bisect_left(self._placed, place)
        if j < len(self._placed) and self._placed[j] == place:
            return self._conversation_row(self._conversations[j])
        return self._row(self._followups[place - j])

    def __len__(self) -> int:
        return len(self._followups) + len(self._conversations) + len(self._segments)

    @overload
    def __getitem__(self, index: int) -> AgendaRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[AgendaRow]: ...

    def __getitem__(self, index: int | slice) -> AgendaRow | list[AgendaRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        heading, first, position = self._segments[bisect_right(self._starts, index) - 1]
        if index == position:
            return heading
        return self._item(first + index - position - 1)

    def __iter__(self) -> Iterator[AgendaRow]:
        for heading, first, _ in self._segments:
            yield heading
            yield from map(self._item, range(first, first + heading.count))

    @property
    def headings(self) -> list[GroupHeading]:
        return [heading for heading, _, _ in self._segments]

    @property
    def conversation_count(self) -> int:
        return len(self._conversations)

    def overdue_count(self) -> int:
        return sum(h.count for h in self.headings if h.group is QueueGroup.OVERDUE)

    def index_of(self, key: object) -> int | None:
        """Where the row with this key is, without making a row for each one before it."""
        if not isinstance(key, tuple) or len(key) != 2:
            return None
        kind, value = key
        try:
            if kind == "conversation":
                place = self._placed[indexOf(map(_ID, self._conversations), value)]
            else:
                if kind == "follow-up":
                    found = indexOf(map(_ID, self._followups), value)
                else:
                    found = next(
                        i for i, f in enumerate(self._followups) if f.id is None and f.contact_id == value
                    )
                # Conversations placed before it: those with at most ``found`` follow-ups before them.
                place = found + bisect_right(self._before, found)
        except (ValueError, StopIteration):
            return None
        for heading, first, position in self._segments:
            if first <= place < first + heading.count:
                return position + 1 + place - first
        return None


def queue_rows(
    followups: Sequence[FollowUp],
    contacts: Mapping[int, Contact],
    now: datetime,
    conversations: Sequence[Interview] = (),
) -> QueueRows:
    """The queue of ``followups`` (sorted by due date), each row with its contact's name from
    ``contacts`` (id -> contact) and, for a handwritten thank-you, their mailing address; with
    the planned ``conversations`` (sorted by time) among them."""
    return QueueRows(followups, contacts, now, conversations)


DUE_WIDTH = 13
"""The marker and the due date in words ("! 12 days ago")."""
KIND_WIDTH = 9
"""The longest kind of follow-up ("thank you")."""
NOTE_ROOM = 12
"""Narrower than this, the note column is not shown: the name gets the room."""


def _joined(*parts: str, between: str = " · ") -> str:
    """The parts that say something, with a separator between them only: an empty note leaves
    no separator dangling at the end of a row."""
    return between.join(part for part in parts if part)


NO_CONTACTS_YET = "Nothing to follow up. Add a contact first (a in the contact list)."
"""The queue's line in a workspace with no contact yet."""


class FollowUpList(RowList[AgendaRow]):
    empty_text = "Nothing to follow up. Press f to add one for the selected contact."

    def cells(self, row: AgendaRow, width: int) -> list[Cell]:
        if isinstance(row, GroupHeading):
            style = "row-list--alert" if row.group is QueueGroup.OVERDUE else "row-list--heading"
            return [Cell(f"{row.group.value} · {row.count}", None, style)]
        overdue = row.overdue
        marker = "! " if overdue else "  "
        alert = "row-list--alert" if overdue else ""
        name = max(10, width // 4)
        # The note would be cut to a word or less (a narrow terminal): it is left to v, which
        # shows it whole, and the name takes its place (the last cell takes what is left).
        # ``width`` is the row's, less the space before its first cell; one more stands
        # between each two cells.
        brief = width - DUE_WIDTH - name - KIND_WIDTH - 3 < NOTE_ROOM
        if isinstance(row, ConversationRow):
            kind = Cell(CONVERSATION_LABEL, KIND_WIDTH, "row-list--heading")
        else:
            kind = Cell(row.followup.kind.label, KIND_WIDTH, "row-list--dim")
        due = Cell(marker + row.due_text, DUE_WIDTH, alert)
        if brief:
            kind_width = KIND_WIDTH
            if isinstance(row, ConversationRow):
                # Its details go with the note, and with them its time, which the day alone
                # does not say: it stays beside the kind, the name giving up the cell it takes.
                kind_width += 1
                kind = Cell(f"{CONVERSATION_LABEL} {row.interview.when:%H:%M}", kind_width, kind.style)
            return [due, Cell(row.contact_name, width - DUE_WIDTH - kind_width - 2, alert), kind]
        details = Cell(row.details, None) if isinstance(row, ConversationRow) else self._note_cell(row)
        return [due, Cell(row.contact_name, name, alert), kind, details]

    @staticmethod
    def _note_cell(row: QueueRow) -> Cell:
        followup = row.followup
        note = followup.note
        if followup.recurrence:
            # Here, not at the top: it imports dateutil's rules, which the first frame of a
            # large workspace (its follow-ups read after it) does not use.
            from ...core.recurrence import repeat_in_brief

            note = _joined(f"↻ {repeat_in_brief(followup.recurrence)}", note)
        if row.address is None:
            return Cell(note, None)
        if not row.address.strip():
            # A handwritten note cannot be posted without one: say so where it will be seen.
            return Cell(_joined("no mailing address!", note, between=" "), None, "row-list--alert")
        return Cell(_joined(f"to {' '.join(row.address.split())}", note), None)

    def is_selectable(self, row: AgendaRow) -> bool:
        return not isinstance(row, GroupHeading)

    def row_key(self, row: AgendaRow) -> object:
        return ("heading", row.group) if isinstance(row, GroupHeading) else row.key

    def index_of(self, rows: Sequence[AgendaRow], key: object) -> int | None:
        if isinstance(rows, QueueRows):
            return rows.index_of(key)
        return super().index_of(rows, key)


@listed("Follow-ups")
class FollowUpsPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "screen.complete_followup", "Done", id="followup.done", tooltip="Mark the follow-up done, with an optional note; a conversation: when it was held"),
        Binding("z", "screen.snooze_followup", "Snooze", id="followup.snooze", tooltip="Move the follow-up to a later date; a conversation: move it"),
        Binding("v", "screen.show_message", "Read", id="followup.message", tooltip="Read the whole follow-up and the contact's address; copy a drafted update, mark it sent"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("Follow-ups", id=id, classes=classes)
        self.reading = False
        """The follow-ups are still being read (the first moments of a large workspace)."""

    def compose(self) -> ComposeResult:
        yield FollowUpList(id="followup-list")

    @property
    def followup_list(self) -> FollowUpList:
        return self.query_one(FollowUpList)

    def show_reading(self) -> None:
        """Said in place of the queue while the follow-ups are read, after the first frame."""
        self.reading = True
        self.followup_list.empty_text = "Reading the follow-ups…"
        self.border_subtitle = "reading…"

    def set_rows(self, rows: QueueRows, *, nobody: bool = False) -> None:
        """``nobody``: the workspace has no contact yet, so f (for the selected one) cannot help
        (and a adds a contact only in the contact list)."""
        self.reading = False
        listed = self.followup_list
        if nobody:
            listed.empty_text = NO_CONTACTS_YET
        elif "empty_text" in vars(listed):
            del listed.empty_text  # the class's own again
        listed.set_rows(rows)
        overdue = rows.overdue_count()
        # The follow-ups open, and beside them the planned conversations listed with them (a
        # queue of talks alone said "0 open").
        talks = rows.conversation_count
        open_ = len(rows) - len(rows.headings) - talks
        parts = [f"{open_} open"]
        if talks:
            parts.append(f"{talks} conversation" + ("s" if talks != 1 else ""))
        if overdue:
            parts.append(f"{overdue} overdue")
        self.border_subtitle = ", ".join(parts)
