"""Add or edit a contact."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ...core.models import Contact, Relationship
from .form import FieldSpec, FormScreen

CONTACT_FIELDS = [
    FieldSpec("name", "Name", "required"),
    FieldSpec("company", "Company"),
    FieldSpec("role", "Role"),
    FieldSpec("field", "Field", "e.g. UX research"),
    FieldSpec("relationship", "Relationship", choices=tuple((r.label, r.value) for r in Relationship)),
    FieldSpec("email", "Email", "name@example.org"),
    FieldSpec("phone", "Phone"),
    FieldSpec("linkedin_url", "LinkedIn"),
    FieldSpec("address", "Mailing address", "for handwritten thank-you notes"),
    FieldSpec("referred_by", "Referred by", "name of the contact who introduced you"),
    FieldSpec("cadence", "Keep in touch", "every 6w, at most 3mo; off; empty: by relationship"),
]


class ContactForm(FormScreen[Contact]):
    def __init__(
        self,
        submit: Callable[[dict[str, str]], Contact],
        values: Mapping[str, str] | None = None,
        *,
        editing: bool = False,
    ) -> None:
        title = "Edit contact" if editing else "Add a contact"
        super().__init__(title, CONTACT_FIELDS, submit, values)


TAG_FIELDS = [FieldSpec("tags", "Tags", "e.g. fintech, london, alumni-network", extra={"append": True})]


class TagsForm(FormScreen[Contact]):
    """A contact's tags in one box: add by typing, remove by deleting; enter saves."""

    def __init__(self, contact_name: str, submit: Callable[[dict[str, str]], Contact], tags: list[str]) -> None:
        super().__init__(f"Tags for {contact_name}", TAG_FIELDS, submit, {"tags": ", ".join(tags)})
