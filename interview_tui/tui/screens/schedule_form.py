"""Schedule a conversation: when (typed as text, previewed as read), how long, how, where."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ...core.errors import InvalidInput
from ...core.models import LONGEST_MINUTES, Interview, InterviewMode
from ...core.workflow import minutes_of
from .followup_form import show_date_preview
from .form import FieldSpec, FormScreen

SCHEDULE_FIELDS = [
    # A suggestion when moving a conversation: its time now, which the new one replaces.
    FieldSpec("when", "When", "fri 3pm, tomorrow 10.30, wed 2-2:30pm", extra={"suggestion": True, "examples": True}),
    FieldSpec("minutes", "Minutes", "20", extra={"suggestion": True}),
    FieldSpec("mode", "How", choices=tuple((m.label, m.value) for m in InterviewMode)),
    FieldSpec("where", "Where", "a phone number, a video link, a café"),
]


Overlaps = Callable[[datetime, int, int | None], str | None]
"""What a conversation from a start, of a length, would overlap (the id of the one being moved
does not count), in words that go on from "overlaps"; None when nothing."""


class ScheduleForm(FormScreen[Interview]):
    REUSE = True

    def __init__(
        self,
        contact_name: str,
        submit: Callable[[dict[str, str]], Interview],
        now: Callable[[], datetime],
        *,
        dayfirst: bool = False,
        overlaps: Overlaps | None = None,
    ) -> None:
        # The title names no length: the Minutes field says the one it will be saved with, and
        # follows a range typed as the date ("thu 3-4pm"), which a title would contradict.
        super().__init__(
            f"Schedule a conversation with {contact_name}",
            SCHEDULE_FIELDS,
            submit,
            {"minutes": "20", "mode": InterviewMode.VIDEO.value},
            shorter_titles=[f"Schedule: {contact_name}"],
        )
        self.now = now
        self.dayfirst = dayfirst
        """Read 03/12 as the 3rd of December, as saving will (the workspace's setting)."""
        self.minutes_typed = False
        """The person typed a length: a range typed as the date no longer sets the Minutes field."""
        self.minutes_followed: str | None = None
        """The length of the last range the Minutes field followed; None: it holds what it opened with."""
        self._when_taken: str | None = None
        self._minutes_taken: str | None = None
        """What the date and the length were when this form last took a change of them (None: not
        yet): see ``catch_up``."""
        self.overlaps = overlaps
        """Asked at each change of the date or the length, so the preview says what the time overlaps."""

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "when":
            yield Static("", id="when-preview", classes="form-preview", markup=False)

    @on(Input.Changed, "#field-when")
    def _preview(self, event: Input.Changed) -> None:
        """What the typed text will be saved as, or why it cannot be: read exactly as saving reads it.
        A range shows its end and length, which the Minutes field follows until a length is typed
        there; a typed length that disagrees with the range is said, as saving refuses it."""
        if event.value == event.input.value:  # else a value since replaced: the change that replaced it follows
            self._take_when(event.value)

    @on(Input.Changed, "#field-minutes")
    def _minutes_changed(self, event: Input.Changed) -> None:
        if event.value == event.input.value:
            self._take_minutes(event.value)

    def _take_when(self, typed: str) -> None:
        self._when_taken = typed
        self._show_when(typed, follow=True)

    def _take_minutes(self, typed: str) -> None:
        self._minutes_taken = typed
        if not typed.strip():
            self.minutes_typed = False  # emptied: the usual length, or the next range's
        elif typed != self.minutes_suggested():
            self.minutes_typed = True
        self._show_when(self.query_one("#field-when", Input).value, follow=False)

    def catch_up(self) -> None:
        """Keys typed at once reach the boxes before their changes reach the form: ctrl+s
        typed right after "sun 2pm-3pm" was refused for the 20 minutes the Minutes field still
        held, where typed one at a time it follows the range to 60. The save takes what those
        changes will do first. The length first: a length typed is kept whatever the date's range,
        as it is whichever of the two was typed first."""
        minutes = self.query_one("#field-minutes", Input).value
        if minutes != self._minutes_taken:
            self._take_minutes(minutes)
        when = self.query_one("#field-when", Input).value
        if when != self._when_taken:
            self._take_when(when)

    def _show_when(self, typed: str, *, follow: bool) -> None:
        now = self.now()
        minutes_field = self.query_one("#field-minutes", Input)
        read = show_date_preview(
            self.query_one("#when-preview", Static),
            typed,
            now,
            require_time=True,
            dayfirst=self.dayfirst,
            ahead=True,
            slot=True,
            clocks=True,
            note=lambda moment: "in the past" if moment < now else None,
            length_note=self._disagreement if self.minutes_typed else None,
            slot_note=partial(self._overlap_note, follow=follow),
        )
        if not follow or self.minutes_typed:
            return
        # A text not read ("tue 3pm-4pmx", or "tue 3-" while a range is typed) holds no range: the
        # length of the last one read would stand beside it as if it did.
        minutes = None if read is None else read[1]
        if minutes is not None and not 1 <= minutes <= LONGEST_MINUTES:
            return  # no conversation lasts that long: the preview says so, and saving refuses it
        self.minutes_followed = None if minutes is None else str(minutes)
        suggested = self.minutes_suggested()
        if minutes_field.value != suggested:
            # Not a change the person made: the handler above must not take it for one.
            with self.prevent(Input.Changed):
                minutes_field.value = suggested
                minutes_field.cursor_position = len(suggested)

    def _overlap_note(self, start: datetime, range_minutes: int | None, *, follow: bool) -> str | None:
        """What the time overlaps, for the length it will be saved with: the range's, else the
        Minutes field's as it is about to be (following a date typed, it goes back to what it
        opened with unless a length was typed there)."""
        if self.overlaps is None:
            return None
        length = range_minutes
        if length is None:
            minutes_field = self.query_one("#field-minutes", Input)
            typed = self.initial["minutes"] if follow and not self.minutes_typed else minutes_field.value
            try:
                length = minutes_of(typed)
            except InvalidInput:
                return None  # no length to weigh: saving says so under the field
        words = self.overlaps(start, length, self.moving())
        return f"overlaps {words}" if words else None

    def moving(self) -> int | None:
        """The id of the conversation this form moves, which does not overlap itself (None: it
        plans a new one)."""
        return None

    def minutes_suggested(self) -> str:
        """What the form puts in the Minutes field: the length of the range typed as the date, else
        what it opened with (the usual length, or the length of the conversation being moved)."""
        return self.minutes_followed if self.minutes_followed is not None else self.initial["minutes"]

    def _disagreement(self, range_minutes: int) -> str | None:
        typed = self.query_one("#field-minutes", Input).value
        try:
            length = minutes_of(typed)
        except InvalidInput:
            return None  # no length at all: saving says so under the field
        if not typed.strip() or length == range_minutes:
            return None
        return f"the Minutes field says {length}; change one of them"
