"""Cleaning what people type or paste: nothing that drives a terminal survives, limits are clear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from interview_tui.core.errors import InvalidInput
from interview_tui.core.text import (
    MAX_LINE,
    MAX_NAME,
    clean_email,
    clean_line,
    clean_name,
    clean_notes,
    has_visible_text,
    strip_controls,
    where_not_utf8,
)

RED_TITLE = "\x1b[31mred\x1b]0;title\x07"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (RED_TITLE, "red"),
        ("\x1b[1;31mbold red\x1b[0m", "bold red"),
        ("a\x1b]0;title\x1b\\b", "ab"),  # OSC ended by ST
        ("a\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel) payload dropped
        ("a\x1b_apc payload\x1b\\b", "ab"),
        ("a\x1b^pm\x1b\\b", "ab"),
        ("a\x1bXsos\x1b\\b", "ab"),
        ("a\x1bcb", "ab"),  # RIS, a full terminal reset
        ("a\x1b(Bb", "ab"),  # charset designation
        ("a\x1b7b\x1b8", "ab"),
        ("a\x1b[", "a"),
        ("a\x1b", "a"),
        ("a\x9b31mb", "ab"),  # 8-bit CSI: the whole sequence goes, as its ESC form does
        ("a\x07b\x00c\x7fd\x08e", "abcde"),
        ("tab\there", "tab here"),
        ("line\nbreak\r\nand\rcr", "line break and cr"),
        ("a\u2028b\u2029c", "a b c"),
        ("left\u202eright\u2066x\u2069", "leftrightx"),  # bidi override and isolate
        ("bad \udcff byte", "bad \ufffd byte"),  # undecodable argv byte
        ("Zoë 李 😀", "Zoë 李 😀"),
        ("a\u200db", "a\u200db"),  # zero-width joiner, needed by emoji sequences
    ],
)
def test_strip_controls(raw: str, expected: str) -> None:
    assert strip_controls(raw) == expected


def test_multiline_keeps_newlines_and_expands_tabs() -> None:
    assert strip_controls("a\r\nb\rc\n\td\x1b[2J", multiline=True) == "a\nb\nc\n    d"
    assert clean_notes("one\u2028two\x1b]0;t\x07\n") == "one\ntwo\n"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_nothing_a_terminal_acts_on_survives(raw: str) -> None:
    for multiline in (False, True):
        cleaned = strip_controls(raw, multiline=multiline)
        allowed = "\n" if multiline else ""
        assert not any(
            (ord(c) < 0x20 and c not in allowed) or 0x7F <= ord(c) <= 0x9F for c in cleaned
        )
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in cleaned)
        assert not any(c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for c in cleaned)
        cleaned.encode("utf-8")  # always storable


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_cleaning_is_idempotent(raw: str) -> None:
    once = strip_controls(raw)
    assert strip_controls(once) == once
    line = clean_line(raw, field="x", limit=10**6)
    assert clean_line(line, field="x", limit=10**6) == line


def test_clean_line_collapses_whitespace_and_normalises() -> None:
    assert clean_line("  Ada \u00a0  Placeholder\t ", field="name") == "Ada Placeholder"
    assert clean_line("Zoe\u0308", field="name") == "Zo\u00eb"  # NFC


def test_clean_line_limit_names_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_line("x" * (MAX_LINE + 1), field="linkedin_url")
    assert caught.value.field == "linkedin_url"
    assert "Linkedin url is 501 characters long" in str(caught.value)
    assert clean_line("x" * MAX_LINE, field="role") == "x" * MAX_LINE


@pytest.mark.parametrize("raw", ["", "   ", "\t\n", "\x1b[31m\x1b[0m", "\u200b", "\u0301", "\u3000", "\x00"])
def test_name_without_visible_text_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput, match="A name is required") as caught:
        clean_name(raw)
    assert caught.value.field == "name"


def test_name_length() -> None:
    assert clean_name("x" * MAX_NAME) == "x" * MAX_NAME
    with pytest.raises(InvalidInput, match="10,000 characters") as caught:
        clean_name("x" * 10_000)
    assert caught.value.field == "name"


@pytest.mark.parametrize("raw", ["Ada", "李小龍", "😀", "O'Brien", "-", "42"])
def test_visible_names(raw: str) -> None:
    assert clean_name(raw) == raw
    assert has_visible_text(raw)


def test_emoji_and_cjk_widths_are_what_the_table_measures() -> None:
    # The CLI pads columns with rich's cell_len; these are the widths it relies on.
    assert cell_len(clean_name("李小龍")) == 6
    assert cell_len(clean_name("😀 Ada")) == 6


@pytest.mark.parametrize("raw", ["ada@example.org", "  ada@example.org ", "a.b+c@mail.example.co.uk", ""])
def test_email_accepts(raw: str) -> None:
    assert clean_email(raw) == raw.strip()


@pytest.mark.parametrize(
    "raw",
    [
        "<ada@example.org>",
        "Ada Lovelace <ada@example.org>",
        '"Lovelace, Ada" <ada@example.org>',
        "mailto:ada@example.org",
        " MAILTO:ada@example.org ",
        "<mailto:ada@example.org>",
        "mailto:ada@example.org?subject=Coffee%20chat",
        "Ada <mailto:ada@example.org?subject=x&cc=boss@example.org>",
        "mailto:ada%40example.org",
    ],
)
def test_an_email_copied_with_its_name_or_link_keeps_only_the_address(raw: str) -> None:
    # As a mail program's "copy address" or a web page's link gives it: the brackets kept, it
    # would match no one on import and make no working link.
    assert clean_email(raw) == "ada@example.org"


@given(st.text(alphabet=st.sampled_from("ad@.<> :\"mailto,\t"), max_size=40) | st.text(max_size=40))
def test_an_email_kept_is_one_address_and_nothing_else(raw: str) -> None:
    try:
        email = clean_email(raw)
    except InvalidInput as refused:
        assert refused.field == "email"
        return
    assert email == "" or (email.count("@") == 1 and not any(char in email for char in "<> \t"))
    assert clean_email(email) == email  # kept as it is when typed again


@pytest.mark.parametrize(
    "raw",
    ["ada", "ada@", "@example.org", "ada@example", "a b@example.org", "a@@b.org", "a@b.", "<ada@example.org", "ada@example.org>", "<>"],
)
def test_email_refuses(raw: str) -> None:
    with pytest.raises(InvalidInput, match="not an email address") as caught:
        clean_email(raw)
    assert caught.value.field == "email"


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b"\xe9", "byte 0xe9 at line 1 column 1"),
        (b"caf\xe9", "byte 0xe9 at line 1 column 4"),
        (b"one\ntwo\nt\xffree", "byte 0xff at line 3 column 2"),
        (b"\nab\ncd\xe9\nx\ny", "byte 0xe9 at line 3 column 3"),
        (b"\nca\xe9", "byte 0xe9 at line 2 column 3"),
    ],
)
def test_where_a_byte_that_is_not_utf8_is_said_as_an_editor_counts(raw: bytes, said: str) -> None:
    with pytest.raises(UnicodeDecodeError) as bad:
        raw.decode("utf-8")
    assert where_not_utf8(raw, bad.value.start) == said
