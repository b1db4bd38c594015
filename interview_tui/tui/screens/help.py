"""Every key, grouped by where it works: generated from the bindings of every screen and pane,
with the user's keymap applied, so it cannot drift."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..keys import KEY_GROUPS, key_label
from ..widgets.key_bar import KeyBar
from .dialog import Dialog


def load_every_view() -> None:
    """Import every screen that opens over the main one, so that the bindings of each are known:
    for ? to list, and to check a keymap against. Only then: none of them is needed for the first
    frame (benchmarks/README.md, figure b)."""
    from . import (  # noqa: F401
        answers,
        ask,
        confirm,
        contact_form,
        dashboard,
        followup_form,
        followup_view,
        held_form,
        move_form,
        plan,
        question_bank,
        queue_forms,
        referral_form,
        referrals,
        reply,
        schedule_form,
        search,
        templates,
        transfer,
        trash,
    )


class HelpScreen(Dialog[None]):
    REUSE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        load_every_view()
        for title, bindings in KEY_GROUPS(every=True):
            table.add_row(f"[u]{title}[/u]", "")
            for binding in bindings:
                table.add_row(key_label(binding.key), binding.description)
            table.add_row("", "")
        with Vertical(id="help", classes="dialog -tall"):
            yield Static("Keys", id="help-title", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(table)
            yield Static("[b]esc[/b] close", id="help-hint", classes="dialog-hint")
        # The keys of this screen, not of the one beneath it.
        yield KeyBar()

    def take_over(self, fresh: HelpScreen) -> None:
        # The keys are the same all session (the keymap is read once, at start-up); the list
        # opens at its top again.
        self.query_one("#help-body", VerticalScroll).scroll_home(animate=False, immediate=True)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
