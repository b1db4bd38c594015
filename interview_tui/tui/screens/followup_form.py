"""Add a follow-up for a contact; the due date is typed as text and previewed as it is read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ...core.dates import describe, parse_when
from ...core.errors import InvalidInput
from ...core.models import FollowUp, FollowUpKind
from .form import FieldSpec, FormScreen

FOLLOWUP_FIELDS = [
    FieldSpec("due", "Due", "tomorrow, fri, +3d, next mon 10am, 2026-12-03"),
    FieldSpec("kind", "Kind", choices=tuple((k.label, k.value) for k in FollowUpKind)),
    FieldSpec("note", "Note", "what to do"),
    FieldSpec("repeat", "Repeat", "once; weekly, every 2 weeks, monthly"),
]


class FollowUpForm(FormScreen[FollowUp]):
    def __init__(
        self,
        contact_name: str,
        submit: Callable[[dict[str, str]], FollowUp],
        now: Callable[[], datetime],
        *,
        dayfirst: bool = False,
    ) -> None:
        super().__init__(f"Follow-up for {contact_name}", FOLLOWUP_FIELDS, submit, {"kind": FollowUpKind.CUSTOM.value})
        self.now = now
        self.dayfirst = dayfirst

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "due":
            yield Static("", id="due-preview", classes="form-preview", markup=False)

    @on(Input.Changed, "#field-due")
    def _preview(self, event: Input.Changed) -> None:
        show_date_preview(self.query_one("#due-preview", Static), event.value, self.now(), dayfirst=self.dayfirst)


def show_date_preview(
    preview: Static, typed: str, now: datetime, *, require_time: bool = False, dayfirst: bool = False
) -> None:
    """Under a date field, what the typed text was read as, or why it cannot be read."""
    if not typed.strip():
        preview.update("")
        return
    try:
        moment = parse_when(typed, now, require_time=require_time, dayfirst=dayfirst)
    except InvalidInput as exc:
        preview.update(f"? {exc}")
        preview.set_class(True, "-unreadable")
    else:
        preview.update(f"→ {describe(moment, now)}")
        preview.set_class(False, "-unreadable")
