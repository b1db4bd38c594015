"""Message templates: the ask for 20 minutes, rendered for a contact, and refused when wrong."""

from __future__ import annotations

import pytest

from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact
from interview_tui.core.templates import DEFAULT_ASK, render, values_for


def test_default_ask_uses_the_methods_wording_for_the_contact() -> None:
    contact = Contact(name="Alex Example", field="UX research")
    text = render(DEFAULT_ASK, values_for(contact, my_name="Robin", referrer=None))
    assert text.startswith("Hi Alex,")
    assert "could you spare 20 minutes for me next week to talk about your career path?" in text
    assert "UX research" in text
    assert text.rstrip().endswith("Robin")
    assert "suggested" not in text


def test_referrer_is_named_when_someone_introduced_you() -> None:
    contact = Contact(name="Sam Sample")
    text = render(DEFAULT_ASK, values_for(contact, my_name="Robin", referrer=Contact(name="Alex Example")))
    assert "Alex Example suggested I get in touch." in text


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Hello {nickname}", "{nickname} is not a placeholder"),
        ("Hello {name.__class__}", "is not a placeholder"),
        ("Hello {name!r}", "is not a placeholder"),
        ("Hello {", "stray brace"),
        ("   ", "empty"),
    ],
)
def test_bad_templates_are_refused_with_a_message(template: str, expected: str) -> None:
    with pytest.raises(InvalidInput, match=expected.replace("{", r"\{").replace("}", r"\}")) as caught:
        render(template, {})
    assert caught.value.field == "template"


def test_doubled_braces_are_literal() -> None:
    assert render("{{not a placeholder}} {first_name}", {"first_name": "Alex"}) == "{not a placeholder} Alex"
