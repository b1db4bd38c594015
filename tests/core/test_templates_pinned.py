"""Templates pinned: every placeholder's value for a contact (and for one with missing details),
what each refusal says word for word, and that the names a template uses are listed in order."""

from __future__ import annotations

import pytest

from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact
from interview_tui.core.templates import PLACEHOLDERS, check, placeholders_in, render, values_for

EVERY = " | ".join(f"{name}={{{name}}}" for name in PLACEHOLDERS)


def test_every_placeholder_filled_for_a_contact_introduced_by_someone() -> None:
    alex = Contact(name="Alex  Example", company="Acme", role="Engineer", field="UX research")
    values = values_for(alex, my_name="Sam Sample", referrer=Contact(name="Robin Example"))
    assert render(EVERY, values) == (
        "first_name=Alex | name=Alex  Example | company=Acme | role=Engineer | field=UX research | "
        "referrer=Robin Example | referral=Robin Example suggested I get in touch.  | my_name=Sam Sample | "
        "outcome= | thanks_for="
    )


def test_a_contact_with_little_known_and_no_referrer() -> None:
    values = values_for(Contact(name="Sam"), my_name="", referrer=None)
    assert render(EVERY, values) == (
        "first_name=Sam | name=Sam | company= | role= | field=your field | referrer= | referral= | my_name= | "
        "outcome= | thanks_for="
    )


def test_a_name_of_spaces_only_is_its_own_first_name() -> None:
    assert values_for(Contact(name="   "), my_name="", referrer=None)["first_name"] == "   "


def test_the_placeholders_used_in_order_with_repeats_and_literal_braces() -> None:
    assert placeholders_in("{{not}} {first_name}, {field} and {first_name} {{}}") == ["first_name", "field",
                                                                                     "first_name"]
    assert placeholders_in("no placeholder") == []


@pytest.mark.parametrize(
    ("template", "why"),
    [
        ("Hi {nickname}", "{nickname} is not a placeholder; use one of "),
        ("Hi {}", "{} is not a placeholder; use one of "),
        ("Hi {name!r}", "{name} is not a placeholder; use one of "),
        ("Hi {name:>10}", "{name} is not a placeholder; use one of "),
    ],
)
def test_an_unknown_placeholder_is_refused_listing_the_known_ones(template: str, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check(template)
    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    assert str(refused.value) == why + known + "."
    assert refused.value.field == "template"


@pytest.mark.parametrize("blank", ["", "  \n\t"])
def test_an_empty_template_is_refused_saying_so(blank: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check(blank)
    assert str(refused.value) == "The template is empty."
    assert refused.value.field == "template"


def test_a_value_not_given_is_left_empty() -> None:
    assert render("[{company}] [{outcome}]", {"company": "Acme"}) == "[Acme] []"
