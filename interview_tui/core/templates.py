"""Message templates with {placeholders}: the ask for 20 minutes, the update to everyone who helped.

str.format would read attributes and indexes ({first_name.__class__}); these templates only take
plain names from a fixed list, and a name that is not on it is an error that lists the ones
that are, before anything is sent.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from .errors import InvalidInput
from .models import Contact

DEFAULT_ASK = (
    "Hi {first_name},\n"
    "\n"
    "{referral}I'm exploring a career in {field} and I'm looking for some advice and "
    "information – could you spare 20 minutes for me next week to talk about your career path?\n"
    "\n"
    "Thank you,\n"
    "{my_name}"
)

DEFAULT_UPDATE = (
    "Hi {first_name},\n"
    "\n"
    "I wanted to let you know that {outcome}. Thank you again for {thanks_for}; it helped me "
    "more than you might think.\n"
    "\n"
    "I'd be glad to stay in touch.\n"
    "\n"
    "Best wishes,\n"
    "{my_name}"
)

PLACEHOLDERS: dict[str, str] = {
    "first_name": "the contact's first name",
    "name": "the contact's full name",
    "company": "the contact's company",
    "role": "the contact's role",
    "field": "the contact's field of work",
    "referrer": "the name of whoever introduced you",
    "referral": "'<referrer> suggested I get in touch. ' when someone introduced you, else nothing",
    "my_name": "your own name (set in the templates screen)",
    "outcome": "in an update: what happened in your search, as you typed it",
    "thanks_for": "in an update: 'talking with me in March', 'introducing me to <name>'",
}


def placeholders_in(template: str) -> list[str]:
    """The placeholder names a template uses; InvalidInput for a malformed or unknown one."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        # Python's own words ("unexpected '{' in field name") are about its format strings, not
        # about what was typed: say where the brace is instead.
        raise _malformed(template) from None
    names: list[str] = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise _not_a_placeholder(name)
        names.append(name)
    return names


def _not_a_placeholder(name: str) -> InvalidInput:
    known = ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)
    return InvalidInput(f"{{{name}}} is not a placeholder; use one of {known}.", field="template")


def _malformed(template: str) -> InvalidInput:
    """What is wrong with a template Python's formatter refuses, in the words of what was typed:
    the brace nothing matches, and the text around it."""
    at = 0
    while at < len(template):
        if template.startswith(("{{", "}}"), at):
            at += 2
        elif template[at] == "}":
            return _stray(template, at, "closes nothing; write }} for a literal brace")
        elif template[at] == "{":
            closing = template.find("}", at)
            opening = template.find("{", at + 1)
            if closing < 0 or 0 <= opening < closing:
                return _stray(template, at, "is never closed; write {{ for a literal brace")
            name = template[at + 1 : closing]
            try:
                list(string.Formatter().parse("{" + name + "}"))
            except ValueError:
                return _not_a_placeholder(name)  # a brace pair around what no placeholder is ("{a!}")
            at = closing + 1
        else:
            at += 1
    return InvalidInput("The template has a stray brace; write {{ or }} for a literal brace.", field="template")


def _stray(template: str, at: int, what: str) -> InvalidInput:
    line_start = template.rfind("\n", 0, at) + 1
    line_end = template.find("\n", at)
    line = template[line_start : line_end if line_end >= 0 else len(template)]
    column = at - line_start
    before, after = line[max(0, column - 12) : column], line[column + 1 : column + 16]
    shown = ("…" if column > 12 else "") + before + template[at] + after + ("…" if column + 16 < len(line) else "")
    line_number = template.count("\n", 0, at) + 1
    where = f" on line {line_number}" if "\n" in template.strip("\n") else ""
    return InvalidInput(
        f"The template has a stray brace{where}: the '{template[at]}' in '{shown}' {what}.", field="template"
    )


def check(template: str) -> str:
    if not template.strip():
        raise InvalidInput("The template is empty.", field="template")
    placeholders_in(template)
    return template


def values_for(contact: Contact, *, my_name: str, referrer: Contact | None) -> dict[str, str]:
    first_name = contact.name.split()[0] if contact.name.split() else contact.name
    referrer_name = referrer.name if referrer else ""
    return {
        "first_name": first_name,
        "name": contact.name,
        "company": contact.company,
        "role": contact.role,
        "field": contact.field or "your field",
        "referrer": referrer_name,
        "referral": f"{referrer_name} suggested I get in touch. " if referrer_name else "",
        "my_name": my_name,
    }


def render(template: str, values: Mapping[str, str]) -> str:
    check(template)
    return template.format_map({name: values.get(name, "") for name in PLACEHOLDERS})
