"""Message templates: the ask for 20 minutes, rendered for a contact, and refused when wrong."""

from __future__ import annotations

import pytest

from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact
from interview_tui.core.templates import DEFAULT_ASK, check, render, values_for


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
    ("template", "why"),
    [
        ("Hi {first_name", "the '{' in 'Hi {first_name' is never closed; write {{ for a literal brace."),
        ("Hi first_name}", "the '}' in '…i first_name}' closes nothing; write }} for a literal brace."),
        ("x {Hi {first_name},", "the '{' in 'x {Hi {first_name}…' is never closed; write {{ for a literal brace."),
        ("{", "the '{' in '{' is never closed; write {{ for a literal brace."),
        ("Hi {{ {first_name} }", "the '}' in '…first_name} }' closes nothing; write }} for a literal brace."),
    ],
)
def test_a_stray_brace_is_shown_in_the_text_around_it(template: str, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check(template)
    assert (str(refused.value), refused.value.field) == (f"The template has a stray brace: {why}", "template")


def test_a_stray_brace_in_a_template_of_several_lines_names_its_line() -> None:
    with pytest.raises(InvalidInput) as refused:
        check("Hi {first_name},\n\nCould we talk?\n{my_name")
    assert str(refused.value) == (
        "The template has a stray brace on line 4: the '{' in '{my_name' is never closed; write {{ for a literal brace."
    )


@pytest.mark.parametrize("template", ["Hi {first_name!}", "Hi {first_name:", "{a!x"])
def test_what_python_refuses_is_never_said_in_its_own_words(template: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check(template)
    message = str(refused.value)
    assert "format" not in message and "field name" not in message and "(" not in message.split(";")[0]


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
