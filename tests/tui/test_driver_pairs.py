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


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # esc then f (a follow-up), esc then b (the question bank): read as a word right or left,
        # both keys lost and the cursor moved in the text left behind (found by a tester, in tmux,
        # which joins esc and the key typed up to half a second after it).
        ("\x1bfWORD", [("escape", "\x1b"), ("f", "f"), ("W", "W"), ("O", "O"), ("R", "R"), ("D", "D")]),
        ("some\x1bb", [("s", "s"), ("o", "o"), ("m", "m"), ("e", "e"), ("escape", "\x1b"), ("b", "b")]),
        # esc then a digit was "¡", "™", "£" ... typed into the text; esc then backspace deleted a word.
        ("\x1b1\x1b2", [("escape", "\x1b"), ("1", "1"), ("escape", "\x1b"), ("2", "2")]),
        ("ab\x1b\x7f", [("a", "a"), ("b", "b"), ("escape", "\x1b"), ("backspace", "\x7f")]),
        ("\x1b=", [("escape", "\x1b"), ("equals_sign", "=")]),
        ("\x1b\x1bb", [("escape", "\x1b"), ("escape", "\x1b"), ("b", "b")]),
        ("\x1b[A\x1bf", [("up", None), ("escape", "\x1b"), ("f", "f")]),
    ],
)
def test_esc_and_a_key_textual_reads_as_another_are_the_two_keys_typed(text: str, keys: list[tuple[str, str | None]]) -> None:
    assert keys_of(text) == keys


def test_esc_alone_in_one_read_and_the_key_after_it_in_the_next_are_two_keys() -> None:
    parser = XTermParser()
    typed = [(event.key, event.character) for part in ("x\x1b", "fy") for event in fed(parser, part)]
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    typed += [(event.key, event.character) for event in parser.tick()]
    assert typed == [("x", "x"), ("escape", "\x1b"), ("f", "f"), ("y", "y")]
    # A sequence split over two reads is still one key.
    parser = XTermParser()
    typed = [(event.key, event.character) for part in ("\x1b", "[A") for event in fed(parser, part)]
    assert typed == [("up", None)]


def test_such_a_pair_the_keymap_binds_as_alt_stays_alt() -> None:
    from interview_tui.tui import keys

    keys.use_keymap({"app.quit": "alt+f"})
    try:
        assert keys_of("\x1bf\x1bb") == [("alt+f", "f"), ("escape", "\x1b"), ("b", "b")]
    finally:
        keys.use_keymap({})
