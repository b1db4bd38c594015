"""Add a follow-up for a contact; the due date is typed as text and previewed as it is read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ...core.dates import DUE_AT_ONE_MOMENT, describe, describe_slot, parse_slot
from ...core.errors import InvalidInput
from ...core.local_time import check_exists, check_range
from ...core.models import LONGEST_MINUTES, FollowUp, FollowUpKind
from .form import FieldSpec, FormScreen, T

FOLLOWUP_FIELDS = [
    FieldSpec("due", "Due", "tomorrow, fri, mon 10am, in 3 days, 2026-12-03", extra={"examples": True}),
    FieldSpec("kind", "Kind", choices=tuple((k.label, k.value) for k in FollowUpKind)),
    FieldSpec("note", "Note", "what to do"),
    FieldSpec("repeat", "Repeat", "once; weekly, every 2 weeks, monthly"),
]


class DueForm(FormScreen[T]):
    """A form with a "due" field: the moment a follow-up is due, previewed under it as it is read
    (a day alone is due at its morning), with what saving refuses on the night the clocks change.
    A subclass sets ``now`` and ``dayfirst``."""

    now: Callable[[], datetime]
    dayfirst: bool

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "due":
            yield Static("", id="due-preview", classes="form-preview", markup=False)

    @on(Input.Changed, "#field-due")
    def _preview(self, event: Input.Changed) -> None:
        show_date_preview(
            self.query_one("#due-preview", Static),
            event.value,
            self.now(),
            dayfirst=self.dayfirst,
            ahead=True,
            one_moment=DUE_AT_ONE_MOMENT,
            clocks=True,
        )


class FollowUpForm(DueForm[FollowUp]):
    REUSE = True

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


def show_date_preview(
    preview: Static,
    typed: str,
    now: datetime,
    *,
    require_time: bool = False,
    dayfirst: bool = False,
    ahead: bool = False,
    past: bool = False,
    one_moment: str | None = None,
    slot: bool = False,
    clocks: bool = False,
    length_field: bool = True,
    note: Callable[[datetime], str | None] | None = None,
    length_note: Callable[[int], str | None] | None = None,
    slot_note: Callable[[datetime, int | None], str | None] | None = None,
) -> tuple[datetime, int | None] | None:
    """Under a date field, what the typed text was read as, or why it cannot be read; returns
    what was read (the moment, and a range's length), None when nothing was (a text read but
    refused for the clocks, see ``clocks``, is returned).

    With ``slot`` a range ("wed 2-2:30pm") is shown with its end and length, as scheduling books
    it. ``ahead`` reads it as saving a moment to come does (a bare "midnight" is the coming
    one); ``past`` and ``one_moment`` as saving a moment gone by, or one moment only, does. ``note`` may add a word about the date read (in the past, earlier than it was due), so a
    form that only makes sense for the future says so instead of moving the date; ``length_note``
    one about a range's length (another length typed beside it); ``slot_note`` one about the
    time booked, given its start and a range's length (None when no range was typed), said last.
    With ``clocks``, what saving refuses on the night the clocks change (a time they skip, a range
    across the change or ending in the hour skipped) is refused here too, in saving's words;
    ``length_field`` says whether the form has a field for a range's length, which those words
    then say to use.
    """
    if not typed.strip():
        preview.update("")
        return None
    field = (preview.id or "").removesuffix("-preview")
    read: tuple[datetime, int | None] | None = None
    try:
        moment, minutes = read = parse_slot(
            typed, now, require_time=require_time, dayfirst=dayfirst, ahead=ahead, past=past, one_moment=one_moment
        )
        if clocks:
            check_exists(moment, field=field)
            if slot and minutes is not None and 1 <= minutes <= LONGEST_MINUTES:
                check_range(moment, minutes, field=field, length_field=length_field)
    except InvalidInput as exc:
        # Said already under the field (keys typed in a burst with ctrl+s reach here after the
        # save was refused): not said twice.
        errors = preview.screen.query(f"#error-{field}.-shown").results(Static) if preview.is_attached else []
        told = any(str(error.render()) == str(exc) for error in errors)
        preview.update("" if told else f"? {exc}")
        preview.set_class(not told, "-unreadable")
        # Read, and refused for the clocks only: what was read is returned all the same, so that
        # a range's length is followed as saving takes it ("1:30am-3:30am" is refused for the
        # hour it really is, not for the Minutes field saying another).
        return read
    shown = describe_slot(moment, minutes, now) if slot and minutes is not None else describe(moment, now)
    said = note(moment) if note is not None else None
    if slot and minutes is not None:
        if minutes > LONGEST_MINUTES:
            said = f"longer than a conversation can be ({LONGEST_MINUTES} minutes at most)"
        elif length_note is not None:
            said = "; ".join(words for words in (said, length_note(minutes)) if words) or None
    if slot_note is not None and (minutes is None or 1 <= minutes <= LONGEST_MINUTES):
        said = "; ".join(words for words in (said, slot_note(moment, minutes)) if words) or None
    preview.update(f"→ {shown}" + (f" — {said}" if said else ""))
    preview.set_class(bool(said), "-noted")
    preview.set_class(False, "-unreadable")
    return moment, minutes
