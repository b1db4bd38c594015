"""The follow-up queue: every contact's open follow-ups, soonest due first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter, indexOf
from typing import ClassVar, overload

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from ...core.dates import relative_day
from ...core.models import FollowUp, FollowUpKind
from .row_list import Cell, RowList


@dataclass(frozen=True, slots=True)
class QueueRow:
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


_ID = attrgetter("id")
_DUE = attrgetter("due")


class QueueRows(Sequence[QueueRow]):
    """The queue's rows, each made when it is asked for.

    A workspace has thousands of open follow-ups (16,000 in the benchmark's) and the queue shows a
    dozen: building a row per follow-up up front cost start-up several milliseconds, and left that
    many more objects for every full garbage collection to walk while the user types. A row is
    the same whenever it is made: the contact names and ``now`` are fixed when the queue is built.
    """

    __slots__ = ("_addresses", "_followups", "_names", "_now", "_start_of_today")

    def __init__(
        self, followups: Sequence[FollowUp], names: dict[int, str], now: datetime, addresses: dict[int, str] | None = None
    ) -> None:
        self._followups = followups
        self._names = names
        self._addresses = addresses or {}
        self._now = now
        self._start_of_today = now.replace(hour=0, minute=0, second=0, microsecond=0)

    def _row(self, followup: FollowUp) -> QueueRow:
        address = None
        if followup.kind is FollowUpKind.THANK_YOU and followup.channel == "handwritten":
            address = self._addresses.get(followup.contact_id, "")
        return QueueRow(followup, self._names.get(followup.contact_id, "?"), self._now, self._start_of_today, address)

    def __len__(self) -> int:
        return len(self._followups)

    @overload
    def __getitem__(self, index: int) -> QueueRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[QueueRow]: ...

    def __getitem__(self, index: int | slice) -> QueueRow | list[QueueRow]:
        if isinstance(index, slice):
            return [self._row(f) for f in self._followups[index]]
        return self._row(self._followups[index])

    def __iter__(self) -> Iterator[QueueRow]:
        return map(self._row, self._followups)

    def overdue_count(self) -> int:
        return sum(map(self._start_of_today.__gt__, map(_DUE, self._followups)))

    def index_of(self, followup_id: object) -> int | None:
        """Where the follow-up with this id is, without making a row for each one before it."""
        try:
            return indexOf(map(_ID, self._followups), followup_id)
        except ValueError:
            return None


def queue_rows(
    followups: Sequence[FollowUp], names: dict[int, str], now: datetime, addresses: dict[int, str] | None = None
) -> QueueRows:
    """The queue of ``followups`` (in the order given), named from ``names`` (id -> name), with
    the mailing ``addresses`` (id -> address) that handwritten thank-yous need."""
    return QueueRows(followups, names, now, addresses)


class FollowUpList(RowList[QueueRow]):
    empty_text = "Nothing to follow up. Press f to add one for the selected contact."

    def cells(self, row: QueueRow, width: int) -> list[Cell]:
        overdue = row.overdue
        marker = "! " if overdue else "  "
        due_style = "row-list--alert" if overdue else ""
        return [
            Cell(marker + row.due_text, 13, due_style),
            Cell(row.contact_name, max(10, width // 4)),
            Cell(row.followup.kind.label, 9, "row-list--dim"),
            self._note_cell(row),
        ]

    @staticmethod
    def _note_cell(row: QueueRow) -> Cell:
        if row.address is None:
            return Cell(row.followup.note, None)
        if not row.address.strip():
            # A handwritten note cannot be posted without one: say so where it will be seen.
            return Cell(f"no mailing address! {row.followup.note}", None, "row-list--alert")
        return Cell(f"to {' '.join(row.address.split())} · {row.followup.note}", None)

    def row_key(self, row: QueueRow) -> object:
        return row.followup.id

    def index_of(self, rows: Sequence[QueueRow], key: object) -> int | None:
        if isinstance(rows, QueueRows):
            return rows.index_of(key)
        return super().index_of(rows, key)


class FollowUpsPane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "screen.complete_followup", "Done", id="followup.done", tooltip="Mark the follow-up done"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Follow-ups"

    def compose(self) -> ComposeResult:
        yield FollowUpList(id="followup-list")

    @property
    def followup_list(self) -> FollowUpList:
        return self.query_one(FollowUpList)

    def set_rows(self, rows: Sequence[QueueRow]) -> None:
        self.followup_list.set_rows(rows)
        overdue = rows.overdue_count() if isinstance(rows, QueueRows) else sum(1 for r in rows if r.overdue)
        self.border_subtitle = f"{len(rows)} open" + (f", {overdue} overdue" if overdue else "")
