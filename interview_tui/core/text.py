"""Cleaning and checking what people type or paste, before it is stored or shown."""

from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput

MAX_NAME = 200
MAX_LINE = 500

# CSI/OSC/other escape sequences, then any remaining C0/C1 control character.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def strip_controls(text: str, *, multiline: bool = False) -> str:
    """Remove terminal escape sequences and control characters, so pasted text cannot drive the
    terminal. Newlines and tabs survive only in multi-line text."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    else:
        text = text.replace("\t", "    ")
    return _CONTROL.sub("", text)


def clean_line(text: str, *, field: str, limit: int = MAX_LINE) -> str:
    """One line of text: controls removed, whitespace trimmed, length capped with a clear error."""
    cleaned = " ".join(strip_controls(text).split())
    if len(cleaned) > limit:
        raise InvalidInput(
            f"{field.replace('_', ' ').capitalize()} is {len(cleaned):,} characters long; "
            f"keep it under {limit}.",
            field=field,
        )
    return unicodedata.normalize("NFC", cleaned)


def clean_name(text: str) -> str:
    name = clean_line(text, field="name", limit=MAX_NAME)
    if not name:
        raise InvalidInput("A name is required.", field="name")
    return name


def clean_email(text: str) -> str:
    email = clean_line(text, field="email", limit=254)
    if email and not _EMAIL.match(email):
        raise InvalidInput(
            f"'{email}' is not an email address; it should look like name@example.org.",
            field="email",
        )
    return email


def clean_notes(text: str) -> str:
    return strip_controls(text, multiline=True)
