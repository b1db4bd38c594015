"""The user's own settings for the method: their name, the ask template, the reminder delays."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Static

from ...core.models import Settings
from ...core.templates import PLACEHOLDERS
from .form import FieldSpec, FormScreen

TEMPLATE_FIELDS = [
    FieldSpec("my_name", "Your name", "signs your messages"),
    FieldSpec("template", "Ask message", extra={"multiline": True}),
    FieldSpec("nudge_days", "Days to nudge", "without a reply"),
    FieldSpec("thank_you_days", "Days to thank", "after a conversation"),
    FieldSpec(
        "thank_you_channel",
        "Thank-you by",
        choices=(("handwritten note", "handwritten"), ("email", "email")),
    ),
]


class TemplatesScreen(FormScreen[Settings]):
    def __init__(self, submit: Callable[[dict[str, str]], Settings], values: dict[str, str]) -> None:
        super().__init__("Messages and reminders", TEMPLATE_FIELDS, submit, values)

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "template":
            names = " ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            yield Static(f"Placeholders: {names}", classes="form-note", markup=False)
