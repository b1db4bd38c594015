"""Move a planned conversation: the schedule form, filled with its date, length, way and place.
Planning a second one beside it instead is a choice made in the form, never a silent default."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual import on
from textual.widgets import Input, Select, Static

from ...core.models import Interview
from ...core.text import strip_controls
from .form import FieldSpec
from .held_form import when_text
from .schedule_form import SCHEDULE_FIELDS, Overlaps, ScheduleForm

MOVE = "move"
ANOTHER = "another"

INSTEAD_FIELD = FieldSpec(
    "instead",
    "Do",
    choices=(("Move this conversation", MOVE), ("Plan another instead (keep this one)", ANOTHER)),
)


class MoveForm(ScheduleForm):
    """``submit`` gets the schedule fields and ``instead``: "move" or "another"."""

    REUSE = True

    def __init__(
        self,
        contact_name: str,
        interview: Interview,
        submit: Callable[[dict[str, str]], Any],
        now: Callable[[], datetime],
        *,
        dayfirst: bool = False,
        overlaps: Overlaps | None = None,
    ) -> None:
        super().__init__(contact_name, submit, now, dayfirst=dayfirst, overlaps=overlaps)
        self.interview_id = interview.id
        if interview.scheduled:
            self.move_title = f"Move the conversation with {contact_name} of {interview.when:%a %d %b %H:%M}"
        else:
            self.move_title = f"Give the notes with {contact_name} started {interview.when:%a %d %b} a time"
        self.another_title = f"Plan another conversation with {contact_name} (the {interview.when:%a %d %b} one stays)"
        self.form_title = self.move_title
        self.fields = [*SCHEDULE_FIELDS, INSTEAD_FIELD]
        self.initial = {
            # Notes started with n have no time agreed to start from: when they were begun has
            # passed, and offered as the time it would only be refused.
            "when": when_text(interview.when) if interview.scheduled else "",
            "minutes": str(interview.minutes),
            "mode": interview.mode.value,
            "where": interview.where,
            "instead": MOVE,
        }

    def filled(self) -> None:
        self._preview_prefilled()

    def _preview_prefilled(self) -> None:
        # Input.Changed is not sent for a value given at construction; the preview is wanted
        # from the start, to see what is being moved.
        field = self.query_one("#field-when", Input)
        self._preview(Input.Changed(field, field.value))

    def moving(self) -> int | None:
        # Planned beside it instead, the conversation stays where it is and may be overlapped.
        return None if self.query_one("#field-instead", Select).value == ANOTHER else self.interview_id

    @on(Select.Changed, "#field-instead")
    def _instead_changed(self, event: Select.Changed) -> None:
        title = self.another_title if event.value == ANOTHER else self.move_title
        self.query_one("#form-title", Static).update(strip_controls(title))
        self._show_when(self.query_one("#field-when", Input).value, follow=False)
