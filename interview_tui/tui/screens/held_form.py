"""When a conversation happened: a date typed as anywhere else (prefilled with the planned time
when that has passed, else now), previewed as it is read, a range with the length it gives, and
an optional note of how it went."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from .followup_form import show_date_preview
from .form import FieldSpec, FormScreen

HELD_FIELDS = [
    FieldSpec("when", "Held", "yesterday 4pm, last mon 10-10:30am, 2026-11-23", extra={"suggestion": True, "examples": True}),
    FieldSpec("note", "Note", "optional: how it went (enter: done)"),
]


def when_text(moment: datetime) -> str:
    """A date and time as the date fields read it back unchanged, whatever the day-first setting."""
    return f"{moment:%Y-%m-%d %H:%M}"


class HeldForm(FormScreen[Any]):
    """The answer is the core's: the form only shows what the typed date is read as, and says
    so when it is still to come (saving refuses that, at the field)."""

    REUSE = True

    def __init__(
        self,
        title: str,
        submit: Callable[[dict[str, str]], Any],
        held: datetime,
        now: Callable[[], datetime],
        *,
        dayfirst: bool = False,
    ) -> None:
        super().__init__(title, HELD_FIELDS, submit, {"when": when_text(held)})
        self.now = now
        self.dayfirst = dayfirst

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "when":
            yield Static("", id="when-preview", classes="form-preview", markup=False)

    def filled(self) -> None:
        # The prefilled date is previewed too: Input.Changed is not sent for a value given at
        # construction.
        self._show(self.query_one("#field-when", Input).value)

    @on(Input.Changed, "#field-when")
    def _preview(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, typed: str) -> None:
        now = self.now()
        show_date_preview(
            self.query_one("#when-preview", Static),
            typed,
            now,
            dayfirst=self.dayfirst,
            past=True,
            slot=True,
            clocks=True,
            length_field=False,
            note=lambda moment: "still to come: it can be marked held once it has happened" if moment > now else None,
        )
