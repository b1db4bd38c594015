"""The trash: the contacts deleted, newest first, each with what went with them. It only shows
and chooses: what to do (restore, erase one, empty it) is handed back to whoever opened it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ...core.day_words import relative_day
from ..keys import EVERY_KEY
from ..widgets.key_bar import KeyBar
from ..widgets.row_list import Cell, RowList
from .dialog import Dialog


class TrashRow(NamedTuple):
    """One deleted contact as the list shows it."""

    entry_id: int
    name: str
    deleted_at: datetime
    holds: str
    """What went with them: "2 conversations, 3 follow-ups"."""


class TrashChoice(NamedTuple):
    """What the person chose: "restore" or "purge" one entry, or "empty" (entry_id None)."""

    action: str
    entry_id: int | None = None


class TrashList(RowList[TrashRow]):
    empty_text = "The trash is empty. A contact deleted with d comes here, with everything that went with them."

    def __init__(self, now: datetime, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.now = now

    def cells(self, row: TrashRow, width: int) -> list[Cell]:
        return [
            Cell(row.name, 28),
            Cell(f"deleted {relative_day(row.deleted_at, self.now)}", 22, "row-list--dim"),
            Cell(row.holds, None, "row-list--dim"),
        ]

    def row_key(self, row: TrashRow) -> object:
        return row.entry_id


class TrashScreen(Dialog[TrashChoice | None]):
    """Dismisses with a TrashChoice, or None when closed."""

    REUSE = True

    DEFAULT_CSS = """
    #trash {
        max-width: 100;
        max-height: 30;
    }
    #trash-list { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,r", "restore", "Restore", id="trash.restore", tooltip="Put them back with everything that went with them"),
        Binding("P", "purge", "Erase for good", id="trash.purge", tooltip="Erase this person from every file the app keeps"),
        Binding("E", "empty", "Empty trash", id="trash.empty", tooltip="Erase everyone in the trash for good"),
        Binding("escape", "close", "Close", id="trash.close"),
        EVERY_KEY,
    ]

    def __init__(self, rows: Sequence[TrashRow], now: datetime) -> None:
        super().__init__()
        self.rows = list(rows)
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="trash", classes="dialog -full"):
            yield Static("Trash", id="trash-title", classes="dialog-title")
            yield Static(
                "Deleted contacts wait here until restored or erased. Erasing removes them from "
                "the workspace, its backup and rescued form text, for good.",
                id="trash-hint", classes="dialog-hint",
                markup=False,
            )
            yield TrashList(self.now, id="trash-list")
        yield KeyBar()

    @property
    def trash_list(self) -> TrashList:
        return self.query_one(TrashList)

    def on_mount(self) -> None:
        if not self.query(TrashList):
            return  # built ahead of its use as the app ended: Textual stops mounting then
        self.trash_list.set_rows(self.rows)
        self.trash_list.focus()

    def take_over(self, fresh: TrashScreen) -> None:
        self.rows, self.now = fresh.rows, fresh.now
        trash_list = self.trash_list
        trash_list.now = self.now
        trash_list.set_rows([])  # forgets the row chosen last time: the list opens on the newest
        trash_list.set_rows(self.rows)
        trash_list.focus()

    def _chosen_id(self) -> int | None:
        row = self.trash_list.current
        return row.entry_id if row is not None else None

    def action_restore(self) -> None:
        entry_id = self._chosen_id()
        if entry_id is not None:
            self.dismiss(TrashChoice("restore", entry_id))

    def action_purge(self) -> None:
        entry_id = self._chosen_id()
        if entry_id is not None:
            self.dismiss(TrashChoice("purge", entry_id))

    def action_empty(self) -> None:
        if self.rows:
            self.dismiss(TrashChoice("empty"))

    def action_close(self) -> None:
        self.dismiss(None)

    @on(RowList.Chosen, "#trash-list")
    def _chosen(self) -> None:
        self.action_restore()
