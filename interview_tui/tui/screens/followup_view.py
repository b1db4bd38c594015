"""A follow-up read in full: what it is, for whom, when it is due, the whole note, where to send
it (the mailing address, the email), and a drafted message when it has one.

The queue's row shows what fits on one line; this is the rest. A drafted update is copied to
the clipboard as soon as it opens, as before; ``y`` marks the follow-up done (sent), ``x`` asks
for a note first, as ``x`` in the queue does."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from ...core.day_words import relative_day
from ...core.models import Contact, FollowUpKind
from ...core.recurrence import how_it_repeats
from ...core.text import strip_controls
from ..widgets.followups import QueueRow
from ..widgets.key_bar import KeyBar
from .ask import UpdateScreen


def followup_text(row: QueueRow, contact: Contact | None, now: datetime) -> str:
    """Everything about a follow-up, as plain text to read (and copy)."""
    followup = row.followup
    lines = [f"Due {relative_day(followup.due, now)}: {followup.due:%a %d %b %Y %H:%M}"]
    if followup.recurrence:
        lines.append(f"Repeats {how_it_repeats(followup.recurrence)}")
    details = []
    if followup.channel:
        details.append(f"By {followup.channel}")
    if contact is not None:
        if contact.address.strip():
            details.append("Mailing address:")
            details.extend(f"  {part}" for part in contact.address.splitlines() if part.strip())
        elif row.address is not None:
            # Said where the key does it: here, e does nothing (found by a tester).
            details.append("Mailing address: none yet (e on the contacts pane adds it)")
        if contact.email:
            details.append(f"Email: {contact.email}")
        if contact.phone:
            details.append(f"Phone: {contact.phone}")
    if followup.note:
        # What to do, above where to send it: below the address and the email, a short
        # terminal (40x20) showed the note only to someone who thought to scroll.
        lines += ["", followup.note]
        if details:
            lines.append("")
    lines += details
    if followup.message:
        lines += ["", "Message (copied to the clipboard):", "", followup.message]
    return strip_controls("\n".join(lines), multiline=True)


class FollowUpView(UpdateScreen):
    """Dismisses with "sent" (y: done), "done" (x: done with a note) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "done", "Done…", id="followup_view.done"),
        Binding("escape,v", "finish('')", "Close", id="followup_view.close"),
    ]

    def __init__(self, row: QueueRow, contact: Contact | None, now: datetime) -> None:
        super().__init__(row.contact_name, row.followup.message)
        self.row = row
        self.text = followup_text(row, contact, now)

    def compose(self) -> ComposeResult:
        followup = self.row.followup
        title = f"{followup.kind.label.capitalize()} for {self.contact_name}"
        hint = "y marks it done, x asks for a note first, esc closes."
        if followup.message:
            hint = "Copied to the clipboard. Send it (or write it out by hand), then press y. " + hint
        with Vertical(id="ask", classes="dialog -tall"):
            yield Static(strip_controls(title), id="ask-title", classes="dialog-title", markup=False)
            yield TextArea(self.text, read_only=True, id="ask-message", soft_wrap=True)
            yield Static(hint, id="ask-hint", classes="dialog-hint", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.message:
            self.action_copy()
        self.query_one(TextArea).cursor_blink = getattr(self.app, "cursor_blink", True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy":
            return bool(self.message)
        return super().check_action(action, parameters)

    def action_done(self) -> None:
        self.dismiss("done")


class ToDoView(FollowUpView):
    """A follow-up that is not a message to send: a check-in (a call or a coffee as often as a
    note) or a to-do of one's own. y is the same key; "Sent" would not say what it does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "sent", "Mark done", id="update.sent"),
    ]


MESSAGES = frozenset({FollowUpKind.THANK_YOU, FollowUpKind.NUDGE, FollowUpKind.REFERRAL, FollowUpKind.UPDATE})
"""The kinds of follow-up done by sending something: a thank-you, a nudge, telling a referrer how
it went, an update."""


def followup_view(row: QueueRow, contact: Contact | None, now: datetime) -> FollowUpView:
    """The follow-up read in full, its y labelled for what doing it is."""
    sent = row.followup.kind in MESSAGES or bool(row.followup.message)
    return (FollowUpView if sent else ToDoView)(row, contact, now)
