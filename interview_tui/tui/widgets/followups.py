"""The follow-up queue: every contact's open follow-ups, soonest due first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from ...core.dates import relative_day
from ...core.models import FollowUp
from .row_list import Cell, RowList


@dataclass(frozen=True, slots=True)
class QueueRow:
    followup: FollowUp
    contact_name: str
    overdue: bool
    due_text: str


def queue_rows(followups: list[FollowUp], names: dict[int, str], now: datetime) -> list[QueueRow]:
    start_of_today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return [
        QueueRow(
            followup=f,
            contact_name=names.get(f.contact_id, "?"),
            overdue=f.due < start_of_today,
            due_text=relative_day(f.due, now),
        )
        for f in followups
    ]


class FollowUpList(RowList[QueueRow]):
    empty_text = "Nothing to follow up. Press f to add one for the selected contact."

    def cells(self, row: QueueRow, width: int) -> list[Cell]:
        marker = "! " if row.overdue else "  "
        due_style = "row-list--alert" if row.overdue else ""
        return [
            Cell(marker + row.due_text, 13, due_style),
            Cell(row.contact_name, max(10, width // 4)),
            Cell(row.followup.kind.label, 9, "row-list--dim"),
            Cell(row.followup.note, None),
        ]

    def row_key(self, row: QueueRow) -> object:
        return row.followup.id


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

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.followup_list.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.border_subtitle = f"{len(rows)} open" + (f", {overdue} overdue" if overdue else "")
