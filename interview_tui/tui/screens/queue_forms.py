"""The small forms of the follow-up queue: done (with an optional note), snooze, and the update
to everyone who helped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ...core.dates import DUE_AT_ONE_MOMENT
from ...core.queue import snooze_is_past
from .followup_form import DueForm, show_date_preview
from .form import FieldSpec, FormScreen

DONE_FIELDS = [FieldSpec("note", "Note", "optional: what happened (enter: done)")]

SNOOZE_FIELDS = [FieldSpec("when", "Until", "3d, next mon, next week, fri 2pm, dec 12", extra={"examples": True})]

UPDATE_FIELDS = [
    FieldSpec("outcome", "What happened", "I accepted an offer at …; I start in May"),
    FieldSpec("due", "Send by", "today, fri, +3d", extra={"suggestion": True, "examples": True}),
]


class DoneForm(FormScreen[Any]):
    """Enter on the empty note marks it done; a note is logged as a touch with the person."""

    REUSE = True

    def __init__(self, title: str, submit: Callable[[dict[str, str]], Any]) -> None:
        super().__init__(title, DONE_FIELDS, submit)


class SnoozeForm(FormScreen[Any]):
    """The date is typed as everywhere else, and previewed as it is read. A snooze is to a time
    still to come; one earlier than the current due date is allowed, and the preview says so, as
    it says when the date is the one it is due at already (saving it changes nothing)."""

    REUSE = True

    def __init__(
        self,
        title: str,
        submit: Callable[[dict[str, str]], Any],
        now: Callable[[], datetime],
        *,
        dayfirst: bool,
        due: datetime | None = None,
    ) -> None:
        super().__init__(title, SNOOZE_FIELDS, submit)
        self.now = now
        self.dayfirst = dayfirst
        self.due = due
        """When the follow-up is due now, if the opener said."""

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "when":
            yield Static("", id="when-preview", classes="form-preview", markup=False)

    @on(Input.Changed, "#field-when")
    def _preview(self, event: Input.Changed) -> None:
        now = self.now()

        def note(moment: datetime) -> str | None:
            # In the order the snooze itself checks them: the time it is due already changes
            # nothing, even when that time has gone by.
            if moment == self.due:
                return "when it is due already; saving changes nothing"
            if snooze_is_past(moment, now):
                return "in the past; snooze to a time still to come"
            if self.due is not None and moment < self.due:
                return f"earlier than it was due ({self.due:%a} {self.due.day} {self.due:%b})"
            return None

        show_date_preview(
            self.query_one("#when-preview", Static),
            event.value,
            now,
            dayfirst=self.dayfirst,
            ahead=True,
            one_moment=DUE_AT_ONE_MOMENT,
            clocks=True,
            note=note,
        )


class UpdateEveryoneForm(DueForm[Any]):
    """The search reached an outcome: one update for each person who helped, queued to send. The
    date they are to be sent by is previewed as it is read, as every date field is."""

    REUSE = True

    def __init__(
        self, submit: Callable[[dict[str, str]], Any], people: int, now: Callable[[], datetime], *, dayfirst: bool
    ) -> None:
        title = f"Update everyone who helped ({people} {'person' if people == 1 else 'people'})"
        super().__init__(title, UPDATE_FIELDS, submit, {"due": "today"})
        self.now = now
        self.dayfirst = dayfirst
