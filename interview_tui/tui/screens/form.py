"""A modal form: labelled single-line fields, ctrl+s to save from any field, escape to cancel.

The form does not know what it edits. It is given a ``submit`` callable that checks the values
and returns the result, or raises an error of the core: InvalidInput naming the field puts the
message under that field (InvalidFields, one under each field it names, the focus on the first),
any other (a failed save, a read-only workspace) at the foot of the form. Either way the form
stays open with what was typed, so nothing is lost or half-changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.scalar import Unit
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets._select import NoSelection, SelectCurrent, SelectOverlay
from textual.widgets.text_area import Selection

from ...core.errors import InterviewTuiError
from ...core.text import fold, strip_controls
from ..errors import show_error, tell
from ..keys import listed
from ..widgets.key_bar import KeyBar
from ..widgets.line_input import LineInput
from .dialog import Dialog

T = TypeVar("T")

FORM_HINT = "[b]ctrl+s[/b] save   [b]esc[/b] cancel"
SAVING_HINT = "[b]saving…[/b] the form closes once it is in the file"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs: the field is a Select instead of a text box."""
    extra: dict[str, Any] = field(default_factory=dict)


def _suggests(spec: FieldSpec) -> bool:
    """The field opens holding the form's suggestion ("today", a file's path), which typing
    replaces, rather than what the person typed or stored."""
    return bool(spec.extra.get("suggestion"))


def _fewer_examples(spec: FieldSpec) -> tuple[str, ...]:
    """For a placeholder that lists examples ("tomorrow, fri, in 3 days"), the fewer of them a
    narrower box shows whole, longest first: a box cuts its placeholder at its edge, in the middle
    of an example ("mon 10am, 2026" at 80 columns)."""
    if not spec.extra.get("examples"):
        return ()
    examples = spec.placeholder.split(", ")
    return tuple(", ".join(examples[:count]) for count in range(len(examples) - 1, 0, -1))


TYPED_AHEAD_SECONDS = 1.0
"""Letters typed on a choice within this long of each other are one prefix ("fo" for follow-up)."""


class _ShownChoice(SelectCurrent):
    """The choice shown in a choice field's box. Textual's lays the whole screen out again at each
    new choice (its label's height is automatic, and a form reused for another contact shows
    another choice as it opens); a choice that fits on the label's line repaints it alone."""

    def update(self, label: Any) -> None:  # Textual's SelectCurrent.update, less the layout
        self.label = label
        self.has_value = label is not Select.NULL
        shown = self.placeholder if isinstance(label, NoSelection) else label
        box = self.query_one("#label", Static)
        fits = isinstance(shown, str) and 0 < cell_len(shown) <= box.size.width
        box.update(shown, layout=not fits)


class ChoiceField(Select[str]):
    """One of a few choices (a follow-up's kind): letters typed on it pick the first choice
    that starts with them, as in any list of choices, rather than vanishing; a letter that
    starts none rings the bell and says so."""

    def __init__(self, label: str, choices: tuple[tuple[str, str], ...], *, value: str, id: str) -> None:
        super().__init__(choices, value=value, allow_blank=False, id=id, compact=True)
        self.label = label
        self.choices = choices
        self._typed = ""
        self._typed_at = float("-inf")

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if character is None or not event.is_printable or character == " ":
            return  # space, enter and the arrows open the list, as they always do
        event.stop()
        event.prevent_default()
        now = time.monotonic()
        typed = (self._typed if now - self._typed_at < TYPED_AHEAD_SECONDS else "") + character
        self._typed_at = now
        found = self._starting(typed)
        if found is None and typed != character:
            typed, found = character, self._starting(character)  # a new start ("d" after "fo")
        if found is None:
            self._typed = ""
            self.app.bell()
            tell(
                self,
                f"No {self.label.lower()} starts with “{character}”: pick one with ↑/↓ and enter, "
                "or press tab to go on to the next field.",
                severity="warning",
            )
            return
        self._typed = typed
        self.value = found

    def on_blur(self) -> None:
        self._typed = ""  # back on it later, letters start afresh

    def compose(self) -> ComposeResult:  # Textual's Select.compose, with the choice shown above
        yield _ShownChoice(self.prompt)
        yield SelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def _starting(self, typed: str) -> str | None:
        wanted = fold(typed)
        return next((value for label, value in self.choices if fold(label).startswith(wanted)), None)


class FormTitle(Static):
    """A form's title, on its one line: the first of the title and its ``shorter`` forms that
    fits the width, else the last cut with "…". Chosen as it is drawn, so a resize chooses
    again: at 40 columns "Schedule a conversation with Casey Placeholder" lost half the name."""

    def __init__(self, title: str, shorter: Sequence[str] = (), **options: Any) -> None:
        super().__init__(title, markup=False, **options)
        self.shorter = tuple(shorter)

    def render(self) -> Any:
        width = self.content_size.width
        title = self.content
        if not width or not isinstance(title, str) or cell_len(title) <= width:
            return super().render()
        for form in self.shorter:
            if cell_len(form) <= width:
                return Content(form)
        last = self.shorter[-1] if self.shorter else title
        return Content(last).truncate(width, ellipsis=True)


class _Fields(VerticalScroll, can_focus=False):
    """The frame the fields scroll in: not a stop of tab and shift+tab, where the letters typed
    next would go nowhere (it scrolls to whichever field has the focus)."""


@listed("Forms")
class FormScreen(Dialog[T | None], Generic[T]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]

    def __init__(
        self,
        title: str,
        fields: list[FieldSpec],
        submit: Callable[[dict[str, str]], T],
        values: Mapping[str, str] | None = None,
        *,
        shorter_titles: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.form_title = title
        self.shorter_titles = tuple(shorter_titles)
        """Shorter forms of the title, longest first, for a terminal too narrow for it."""
        self.fields = fields
        self.submit = submit
        self.initial = dict(values or {})
        self._saving = False
        self._refused: dict[str, str] = {}
        """Each field under which a refusal is shown, with the text it refused."""
        """A save is being written (in the app): saving or cancelling again waits for it."""
        # Focus goes straight to the first field as the form is built: left to the default, it
        # would go to the scrolling frame of the fields first and then move, and each change of
        # focus restyles every field under it.
        self.AUTO_FOCUS = f"#field-{fields[0].name}"  # type: ignore[misc]  # Textual reads it through the instance

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            # The title holds a contact's name: shown as typed, never read as markup.
            yield FormTitle(
                strip_controls(self.form_title),
                [strip_controls(form) for form in self.shorter_titles],
                id="form-title",
                classes="dialog-title",
            )
            # Under the title, not under the last field: a form taller than the terminal (40x20)
            # cut it off there, and a failed save looked like nothing at all.
            yield Static("", id="error-form", classes="form-error", markup=False)
            with _Fields(id="form-fields"):
                for spec in self.fields:
                    with Horizontal(classes="form-row -tall" if spec.extra.get("multiline") else "form-row") as row:
                        if "lines" in spec.extra:
                            row.styles.height = spec.extra["lines"]
                        yield Label(spec.label, classes="form-label")
                        yield self._field_widget(spec)
                    yield Static("", id=f"error-{spec.name}", classes="form-error", markup=False)
                    yield from self.compose_after(spec)
            yield Static(FORM_HINT, id="form-hint", classes="dialog-hint")
        # The keys of this screen, not of the one beneath it.
        yield KeyBar()


    def _field_widget(self, spec: FieldSpec) -> Input | Select[str] | TextArea:
        multiline = bool(spec.extra.get("multiline"))
        value = strip_controls(self.initial.get(spec.name, ""), multiline=multiline)
        if multiline:
            return TextArea(value, id=f"field-{spec.name}", soft_wrap=True, compact=True, placeholder=spec.placeholder)
        if spec.choices:
            return ChoiceField(spec.label, spec.choices, value=value or spec.choices[0][1], id=f"field-{spec.name}")
        # A box of fixed size: a keystroke repaints it alone, not the whole form's layout.
        return LineInput(
            value=value,
            placeholder=spec.placeholder,
            shorter_placeholders=_fewer_examples(spec),
            id=f"field-{spec.name}",
            compact=True,
            # Text the person typed or stored is never selected on focus, where the first key
            # would replace it (tab into a company, type, and the company was gone): only a
            # suggestion the form made (a path, "today"), until it is changed.
            select_on_focus=_suggests(spec),
        )

    def show_title(self, title: str, shorter: Sequence[str] = ()) -> None:
        """Show ``title`` over the form, or the first of its ``shorter`` forms that fits."""
        shown = self.query_one("#form-title", FormTitle)
        shorter = tuple(strip_controls(form) for form in shorter)
        if shown.shorter != shorter:
            shown.shorter = shorter
            shown.refresh()
        _show(shown, strip_controls(title))

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        """Subclasses may add a widget under a field (a live preview)."""
        yield from ()

    def on_mount(self) -> None:
        if not all(self.query(f"#field-{spec.name}") for spec in self.fields):
            return  # built ahead of its use as the app ended: Textual stops mounting then
        # The app's setting reaches the main screen only; forms are pushed later.
        blink = getattr(self.app, "cursor_blink", True)
        for widget in self.query("Input, TextArea"):
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = blink
        first = self.query_one(f"#field-{self.fields[0].name}")
        first.focus()
        self.filled()

    def filled(self) -> None:
        """Subclasses may show what the values the form opened with mean (a date's preview):
        run when the form is first built and each time it is shown again for a new use."""

    def reuse_key(self) -> Hashable | None:
        key = super().reuse_key()
        # The specs are the modules' constants: the same objects make the same widgets.
        return None if key is None else (key, tuple(id(spec) for spec in self.fields))

    def take_over(self, fresh: FormScreen[T]) -> None:
        """Show ``fresh``'s title and values in this form's widgets, as a new form would: every
        field as it opens, no error or preview of the last use, the first field focused."""
        for name, value in self.own_attributes(fresh).items():
            setattr(self, name, value)
        if not self.is_mounted:
            return  # never shown: compose builds it from the new values
        self.show_title(self.form_title, self.shorter_titles)
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            multiline = bool(spec.extra.get("multiline"))
            value = strip_controls(self.initial.get(spec.name, ""), multiline=multiline)
            if isinstance(widget, TextArea):
                # Loaded again (and its undo history dropped with the old text) only when it
                # holds something else or has something to undo: that is most of the cost.
                if widget.text != value or widget.history.undo_stack or widget.history.redo_stack:
                    widget.load_text(value)
                elif widget.selection != Selection.cursor((0, 0)):
                    widget.move_cursor((0, 0))
            elif isinstance(widget, Select):
                widget.expanded = False
                widget.value = value or spec.choices[0][1]
            else:
                assert isinstance(widget, Input)
                widget.value = value
                widget.cursor_position = len(value)
                widget.select_on_focus = _suggests(spec)
        self._refused.clear()
        # Walked rather than queried: matching a selector against every widget costs more.
        for static in self.walk_children(Static):
            if static.has_class("form-error") or static.has_class("form-preview"):
                _show(static, "")
                static.remove_class("-shown", "-unreadable", "-noted")
        self.query_one("#form-fields", VerticalScroll).scroll_home(animate=False, immediate=True)
        # Focused afresh, as in a new form: the first field, selecting what it holds.
        self.set_focus(None)
        self.set_focus(self.query_one(f"#field-{self.fields[0].name}"))
        self.filled()

    @on(Input.Changed)
    def _drop_control_characters(self, event: Input.Changed) -> None:
        """Pasted escape sequences would reach the terminal as they are; remove them at once."""
        if event.value != event.input.value:
            # A value since replaced: the change that replaced it follows and speaks for the field.
            # Keys typed in a burst with ctrl+s change the box before their changes reach here,
            # after the save: taken for edits, the "e" of "every 0 weeks" took the refusal of the
            # whole text away, and the form stayed open saying nothing.
            return
        cleaned = strip_controls(event.value)
        if cleaned != event.value:
            event.input.value = cleaned
        name = (event.input.id or "").removeprefix("field-")
        if event.input.select_on_focus and event.value != self.initial.get(name, ""):
            event.input.select_on_focus = False  # typed into: the person's text now
        self._put_right(name, event.value)

    @on(TextArea.Changed)
    def _text_put_right(self, event: TextArea.Changed) -> None:
        self._put_right((event.text_area.id or "").removeprefix("field-"), event.text_area.text)

    def _put_right(self, name: str, value: str) -> None:
        refused = self._refused.get(name)
        if refused is not None and value != refused:
            # Being put right: the refusal of what it held no longer stands under it. (The last
            # change of keys typed before ctrl+s may reach here after the save: it holds the very
            # text refused, and the refusal stays.)
            del self._refused[name]
            for error in self.query(f"#error-{name}").results(Static):
                error.update("")
                error.remove_class("-shown")

    @property
    def saving(self) -> bool:
        """What this form saved is being written (in the app); it closes once it is."""
        return self._saving

    def values(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                result[spec.name] = "" if widget.value is Select.BLANK else str(widget.value)
            elif isinstance(widget, TextArea):
                result[spec.name] = widget.text
            else:
                assert isinstance(widget, Input)
                result[spec.name] = widget.value
        return result

    def typed(self) -> dict[str, str]:
        """The fields changed from what the form opened with, by label: what a hang-up would lose."""
        return {
            spec.label: value
            for spec, value in zip(self.fields, self.values().values(), strict=True)
            if value != self.initial.get(spec.name, value if spec.choices else "")
        }

    def catch_up(self) -> None:
        """Before a save reads the fields: whatever the form does as a field changes that must be
        done with what the fields hold now (a form whose fields follow each other)."""

    async def action_save(self) -> None:
        if self._saving:
            return  # the save before is still being written: this one would make a second copy
        self.catch_up()
        for error in self.query(".form-error").results(Static):
            error.update("")
            error.remove_class("-shown")
        self._refused.clear()
        try:
            result = self.submit(self.values())
        except InterviewTuiError as exc:
            show_error(self, exc)
            return
        # In the app the file is written beside the screen: the form closes once what it saved
        # is there, and stays open with the message when it could not be (the change is then
        # taken back, so saving again makes no second copy).
        saved = getattr(self.app, "saved", None)
        # Keys typed after the save wait for the form to close (or to stay, refused): a save
        # begun by enter in the last field comes as a message, after enter itself is done, and
        # the key typed next went into the form about to close.
        hold, let_go = getattr(self.app, "hold_keys", None), getattr(self.app, "let_keys_go", None)
        if hold is not None:
            hold(SAVE_HOLDS_KEYS_FOR)
        closing = False
        try:
            if saved is not None:
                self._saving = True
                hint = self.query_one("#form-hint", Static)
                # Said while it lasts (a large workspace takes a moment): keys typed now wait for it.
                hint.update(SAVING_HINT)
                try:
                    await saved()
                except InterviewTuiError as exc:
                    show_error(self, exc)
                    return
                finally:
                    self._saving = False
                    hint.update(FORM_HINT)
                if getattr(self.app, "ending", False):
                    return  # the session ended meanwhile (a hang-up): what was saved is in the file
            self.dismiss(result)
            closing = True
        finally:
            if let_go is not None:
                app = self.app
                let_go((lambda: self not in app.screen_stack) if closing else None)

    def show_errors(self, refusals: Sequence[tuple[str | None, str]]) -> None:
        """Each message under the field it names (at the foot of the form for none of its
        fields), all at once, and the focus on the first of those fields from the top: a save
        refused for several fields says so for every one, not for one per save."""
        said: dict[str | None, list[str]] = {}
        for field_name, message in refusals:
            said.setdefault(field_name if field_name and self.query(f"#error-{field_name}") else None, []).append(message)
        for field_name, messages in said.items():
            self.show_error(field_name, " ".join(messages), focus=False)
        first = next((spec.name for spec in self.fields if spec.name in said), None)
        if first is not None and self.query(f"#field-{first}"):
            self.query_one(f"#field-{first}").focus()

    def show_error(self, field_name: str | None, message: str, *, focus: bool = True) -> None:
        target = f"#error-{field_name}" if field_name and self.query(f"#error-{field_name}") else "#error-form"
        error = self.query_one(target, Static)
        error.update(message)
        error.add_class("-shown")
        if field_name and target != "#error-form":
            self._refused[field_name] = self.values().get(field_name, "")
        # A live preview under the field (dates) that already says why the text cannot be read
        # would repeat the error word for word; the next keystroke fills it again.
        for preview in self.query(f"#{field_name}-preview.-unreadable") if field_name else ():
            if isinstance(preview, Static) and str(preview.render()) == f"? {message}":
                preview.update("")
        if focus and field_name and self.query(f"#field-{field_name}"):
            self.query_one(f"#field-{field_name}").focus()

    def action_cancel(self) -> None:
        if self._saving:
            return  # too late to cancel: what was saved is being written, and the form closes then
        self.dismiss(None)

    @on(Input.Submitted)
    async def _enter_moves_on(self, event: Input.Submitted) -> None:
        # Enter in the last field saves; elsewhere it moves to the next field, as in most forms.
        event.stop()
        if event.input.id == f"field-{self.fields[-1].name}":
            await self.action_save()
        else:
            self.focus_next()


SAVE_HOLDS_KEYS_FOR = 60.0
"""Seconds at most that the keys typed after a save wait for it to be written (a slow disk)."""


def _show(static: Static, text: str) -> None:
    # Updating a Static lays the whole screen out again, even with the same text; one whose size
    # the stylesheet fixes (the title's line) cannot change size with its text.
    if static.content != text:
        static.update(text, layout=not _fixed_size(static))


def _fixed_size(static: Static) -> bool:
    height, width = static.styles.height, static.styles.width
    return height is not None and height.unit is Unit.CELLS and (width is None or not width.is_auto)
