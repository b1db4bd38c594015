"""A person's history in the notes pane, newest first: every ask, reply, conversation, thank-you
and check-in, with its date and the note typed with it (core/timeline.py)."""

from __future__ import annotations

from collections.abc import Sequence

from ...core.timeline import Entry as HistoryEntry
from .row_list import Cell, RowList

DATE_WIDTH = 16


class HistoryList(RowList[HistoryEntry]):
    """One line per moment: when, what, and the note after it, cut to the width; the note of the
    line under the cursor is shown whole below the list."""

    empty_text = "No history yet: an ask, a reply, a conversation or a check-in will show here."

    def cells(self, row: HistoryEntry, width: int) -> Sequence[Cell]:
        what = row.what
        style = "row-list--dim" if row.kind == "followup" else ""
        if row.note:
            what = f"{what}: {' '.join(row.note.split())}"
        return [Cell(f"{row.at:%a %d %b %Y}", DATE_WIDTH, "row-list--dim"), Cell(what, None, style)]

    def row_key(self, row: HistoryEntry) -> object:
        return (row.at, row.kind, row.what)
