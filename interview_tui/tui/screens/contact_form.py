"""Add or edit a contact."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static, TextArea

from ...core.errors import InvalidInput, NameTaken
from ...core.models import Contact, Relationship
from ..keys import listed
from .form import FieldSpec, FormScreen

SAVE_AGAIN_FOR_ANOTHER = "Save again to add another person of that name."
SAVE_AGAIN_TO_RENAME = "Save again to give them that name all the same."


def asked_twice_for_a_taken_name(
    submit: Callable[[dict[str, str], bool], Contact],
) -> Callable[[dict[str, str]], Contact]:
    """A form's save of a contact, new or edited: a name another contact already has is refused
    under the name, saying who has it; saved again with that name, it is given all the same (the
    form's way of the command line's --another). ``submit`` is told whether that is asked."""
    refused: set[str] = set()

    def save(values: dict[str, str]) -> Contact:
        name = " ".join((values.get("name") or "").split()).casefold()
        try:
            return submit(values, name in refused)
        except InvalidInput as exc:
            if any(isinstance(refusal, NameTaken) for refusal in getattr(exc, "refusals", (exc,))):
                refused.add(name)
            raise

    return save

CONTACT_FIELDS = [
    FieldSpec("name", "Name", "required"),
    FieldSpec("company", "Company"),
    FieldSpec("role", "Role"),
    FieldSpec("field", "Field", "e.g. UX research"),
    FieldSpec("relationship", "Relationship", choices=tuple((r.label, r.value) for r in Relationship)),
    FieldSpec("email", "Email", "name@example.org"),
    FieldSpec("phone", "Phone"),
    FieldSpec("linkedin_url", "LinkedIn"),
    # On lines of their own, as an envelope has them: a one-line box would flatten an imported
    # address at the first edit of anything else.
    FieldSpec("address", "Mailing address", "for handwritten thank-you notes", extra={"multiline": True, "lines": 3}),
    FieldSpec("referred_by", "Referred by", "name of the contact who introduced you"),
    FieldSpec("cadence", "Keep in touch", "every 6w, at most 3mo; off; empty: by relationship"),
    FieldSpec("notes", "Notes", extra={"multiline": True, "lines": 4}),
]


@listed("Forms")
class ContactForm(FormScreen[Contact]):
    """The contact's own notes (about the person, not one conversation) are the last field, on
    several lines; ctrl+e opens them in your editor."""

    REUSE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+e", "external_editor", "Notes in your editor", priority=True, id="contact_form.editor"),
    ]

    def __init__(
        self,
        submit: Callable[[dict[str, str]], Contact],
        values: Mapping[str, str] | None = None,
        *,
        editing: bool = False,
    ) -> None:
        # The title names whom an edit is of: text rescued from this form after a hang-up is
        # filed under it (see core/rescue.py).
        name = " ".join((values or {}).get("name", "").split())
        title = (f"Edit {name}" if name else "Edit contact") if editing else "Add a contact"
        super().__init__(title, CONTACT_FIELDS, submit, values)

    def action_external_editor(self) -> None:
        from .. import editor

        field = self.query_one("#field-notes", TextArea)
        result = editor.edit_in_terminal(self.app, field.text, name="contact-notes.md")
        self.refresh()
        field.focus()
        if result.text is None:
            self.show_error("notes", result.message)
            return
        # In the field, not saved: ctrl+s saves the form as for anything typed.
        field.load_text(result.text)
        field.move_cursor(field.document.end)


TAG_FIELDS = [FieldSpec("tags", "Tags", "e.g. fintech, london, alumni-network", extra={"append": True})]


class TagsForm(FormScreen[Contact]):
    """A contact's tags in one box: add by typing, remove by deleting; enter saves. Under the box,
    the tags as they will be saved (how commas and spaces split them is the core's rule)."""

    REUSE = True

    def __init__(self, contact_name: str, submit: Callable[[dict[str, str]], Contact], tags: list[str]) -> None:
        super().__init__(f"Tags for {contact_name}", TAG_FIELDS, submit, {"tags": ", ".join(tags)})

    def compose_after(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "tags":
            yield Static("", id="tags-preview", classes="form-preview", markup=False)

    def filled(self) -> None:
        # Input.Changed is not sent for the value the form opens with.
        field = self.query_one("#field-tags", Input)
        self._preview(Input.Changed(field, field.value))

    @on(Input.Changed, "#field-tags")
    def _preview(self, event: Input.Changed) -> None:
        from ...core.errors import InvalidInput
        from ...core.workflow import parse_tags

        preview = self.query_one("#tags-preview", Static)
        try:
            tags = parse_tags(event.value)
        except InvalidInput as exc:
            preview.update(f"? {exc}")
            preview.set_class(True, "-unreadable")
            return
        preview.update("→ " + (" ".join(f"#{tag}" for tag in tags) or "no tags"))
        preview.set_class(False, "-unreadable")
