"""Move a planned conversation: the schedule form, filled with its date, length, way and place.
Planning a second one beside it instead is a choice made in the form, never a silent default."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual import on
from textual.widgets import Input, Select

from ...core.models import Interview
from .form import FieldSpec
from .held_form import when_text
from .schedule_form import SCHEDULE_FIELDS, Overlaps, ScheduleForm

MOVE = "move"
ANOTHER = "another"

INSTEAD_FIELD = FieldSpec(
    "instead",
    "Do",
    # Short enough for one line each at 40 columns: wrapped, the list ran past the form's frame.
    # The title says the rest ("Plan another conversation with Sam Sample (the Sat 28 Nov one
    # stays)").
    choices=(("Move this one", MOVE), ("Plan another too", ANOTHER)),
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
        self.move_shorter: tuple[str, ...]
        if interview.scheduled:
            self.move_title = f"Move the conversation with {contact_name} of {interview.when:%a %d %b %H:%M}"
            self.move_shorter = (f"Move: {contact_name}, {interview.when:%a %d %b %H:%M}", f"Move: {contact_name}")
        else:
            self.move_title = f"Give the notes with {contact_name} started {interview.when:%a %d %b} a time"
            self.move_shorter = (f"Give a time: {contact_name}",)
        self.another_title = f"Plan another conversation with {contact_name} (the {interview.when:%a %d %b} one stays)"
        self.another_shorter = (
            f"Plan another conversation with {contact_name}",
            f"Plan another with {contact_name}",
            f"Plan another: {contact_name}",
        )
        self.form_title = self.move_title
        self.shorter_titles = self.move_shorter
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
        if event.value == ANOTHER:
            self.show_title(self.another_title, self.another_shorter)
        else:
            self.show_title(self.move_title, self.move_shorter)
        self._show_when(self.query_one("#field-when", Input).value, follow=False)
