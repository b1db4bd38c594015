""""Do you know anyone else I could contact?": add the person they suggested."""

from __future__ import annotations

from collections.abc import Callable

from ...core.models import Contact
from .form import FieldSpec, FormScreen

REFERRAL_FIELDS = [
    FieldSpec("name", "Name", "required"),
    FieldSpec("company", "Company"),
    FieldSpec("role", "Role"),
    FieldSpec("email", "Email", "name@example.org"),
    FieldSpec("phone", "Phone"),
]


class ReferralForm(FormScreen[Contact]):
    REUSE = True

    def __init__(self, referrer_name: str, submit: Callable[[dict[str, str]], Contact]) -> None:
        super().__init__(f"Someone {referrer_name} suggested you contact", REFERRAL_FIELDS, submit)
