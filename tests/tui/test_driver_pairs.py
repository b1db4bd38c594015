"""Esc and a character typed quickly, then another esc at once (alt+a alt+x, or esc a esc x),
are read as the pairs they are: Textual's parser gave the first pair out as the text "^a"
(found by a tester: "^a" landed in the notes)."""

from __future__ import annotations

import time

import pytest
from textual import constants
from textual._xterm_parser import XTermParser

from interview_tui.tui.driver import fed


def keys_of(text: str) -> list[tuple[str, str | None]]:
    parser = XTermParser()
    keys = [(event.key, event.character) for event in fed(parser, text)]
    time.sleep(constants.ESCAPE_DELAY + 0.05)  # what the terminal's quiet then says
    keys += [(event.key, event.character) for event in parser.tick()]
    return keys


def test_two_alt_pairs_typed_at_once_are_two_alt_keys() -> None:
    assert keys_of(" r1\x1ba\x1bx") == [("space", " "), ("r", "r"), ("1", "1"), ("alt+a", "a"), ("alt+x", "x")]
    assert ("circumflex_accent", "^") not in keys_of("\x1bq\x1bq\x1bq")


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("\x1b[A\x1b[B", [("up", None), ("down", None)]),  # sequences that start with esc [
        ("\x1bOP", [("f1", None)]),
        ("\x1bbEND", [("ctrl+left", None), ("E", "E"), ("N", "N"), ("D", "D")]),  # alt+b, as Textual names it
        ("^a", [("circumflex_accent", "^"), ("a", "a")]),  # a caret typed is still one
        ("\x1b", [("escape", "\x1b")]),
    ],
)
def test_other_input_reads_as_before(text: str, keys: list[tuple[str, str | None]]) -> None:
    assert keys_of(text) == keys
    parser = XTermParser()
    assert keys_of(text) == [(e.key, e.character) for e in parser.feed(text)] + [
        (e.key, e.character) for e in (time.sleep(constants.ESCAPE_DELAY + 0.05), parser.tick())[1]
    ]


def test_a_line_feed_is_enter() -> None:
    """Enter typed before the program could set the terminal arrives as a line feed (found by a
    tester: two lines of notes typed at once after start ran together)."""
    from interview_tui.tui.driver import as_typed

    parser = XTermParser()
    typed = [(key.key, key.character) for event in fed(parser, "one\ntwo") for key in as_typed(parser, event)]
    assert typed == [("o", "o"), ("n", "n"), ("e", "e"), ("enter", "\r"), ("t", "t"), ("w", "w"), ("o", "o")]
