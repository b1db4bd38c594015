"""Schedule a conversation: when (typed as text, previewed as read), how long, how, where."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ...core.models import Interview, InterviewMode
from .followup_form import show_date_preview
from .form import FieldSpec, FormScreen

SCHEDULE_FIELDS = [
    # A suggestion when moving a conversation: its time now, which the new one replaces.
    FieldSpec("when", "When", "fri 3pm, tomorrow 10.30, wed 2-2:30pm", extra={"suggestion": True}),
    FieldSpec("minutes", "Minutes", "20", extra={"suggestion": True}),
    FieldSpec("mode", "How", choices=tuple((m.label, m.value) for m in InterviewMode)),
    FieldSpec("where", "Where", "a phone number, a video link, a café"),
]


class ScheduleForm(FormScreen[Interview]):
    REUSE = True

    def __init__(
        self,
        contact_name: str,
        submit: Callable[[dict[str, str]], Interview],
        now: Callable[[], datetime],
        *,
        dayfirst: bool = False,
    ) -> None:
        super().__init__(
            f"Schedule 20 minutes with {contact_name}",
            SCHEDULE_FIELDS,
            submit,
            {"minutes": "20", "mode": InterviewMode.VIDEO.value},
        )
        self.now = now
        self.dayfirst = dayfirst
        """Read 03/12 as the 3rd of December, as saving will (the workspace's setting)."""

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "when":
            yield Static("", id="when-preview", classes="form-preview", markup=False)

    @on(Input.Changed, "#field-when")
    def _preview(self, event: Input.Changed) -> None:
        """What the typed text will be saved as, or why it cannot be: read exactly as saving reads it.
        A range shows its end and length, which saving books when the minutes are left at 20."""
        now = self.now()
        show_date_preview(
            self.query_one("#when-preview", Static),
            event.value,
            now,
            require_time=True,
            dayfirst=self.dayfirst,
            ahead=True,
            slot=True,
            note=lambda moment: "in the past" if moment < now else None,
        )
