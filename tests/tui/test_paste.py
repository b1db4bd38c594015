"""A paste is text, in the order it was pasted, whatever it carries: the colours and titles that
text copied from a terminal brings along are left out, and nothing of it turns into keys.

Textual's parser read an esc inside a bracketed paste as the start of a key's sequence, and gave
what followed it out as keys at once, ahead of the rest of the paste: "A \\x1b[31mRED\\x1b[0m B"
pasted into the notes was saved as "^[31mRED^[0m BA "."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual._xterm_parser import XTermParser

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui.driver import PASTE_END, PASTE_START, fed, paste_in_transit

from .test_hangup import _drain, _read_until, _wait_exit, app_on_a_terminal


def read(*chunks: str) -> list[tuple[str, str]]:
    """What the terminal's reads ``chunks`` come to: each key by name, each paste by its text."""
    parser = XTermParser()
    read: list[tuple[str, str]] = []
    for chunk in chunks:
        for event in fed(parser, chunk):
            text = getattr(event, "text", None)
            read.append(("paste", text) if text is not None else ("key", getattr(event, "key", "")))
    return read


def test_a_paste_with_colours_is_its_text_in_order_between_the_keys_around_it() -> None:
    assert read(f"x{PASTE_START}A1 plain \x1b[31mRED\x1b[0m end1{PASTE_END}y") == [
        ("key", "x"),
        ("paste", "A1 plain RED end1"),
        ("key", "y"),
    ]


def test_a_paste_over_several_reads_with_a_title_and_its_end_cut_in_two_is_one_paste() -> None:
    assert read(f"{PASTE_START}A \x1b]0;TITLE\x07 B", " more \x1b[3", "1mC\x1b[20", "1~z") == [
        ("paste", "A  B more C"),
        ("key", "z"),
    ]


def test_a_paste_cut_off_by_the_terminal_going_away_is_kept_as_far_as_it_came() -> None:
    parser = XTermParser()
    assert list(fed(parser, f"{PASTE_START}half of a \x1b[1mlong")) == []
    assert [getattr(event, "text", None) for event in paste_in_transit(parser)] == ["half of a long"]
    assert list(paste_in_transit(parser)) == []  # given once


def test_esc_typed_just_before_a_paste_is_still_esc() -> None:
    assert read(f"\x1b{PASTE_START}words{PASTE_END}") == [("key", "escape"), ("paste", "words")]


def test_an_esc_alone_at_the_end_of_a_paste_is_left_out() -> None:
    assert read(f"{PASTE_START}words\x1b{PASTE_END}") == [("paste", "words")]


# Whole sequences: an esc and a character after it are a sequence too (ECMA-48), so an esc alone
# is tested apart, at the end of a paste.
_SEQUENCES = st.sampled_from(["\x1b[31m", "\x1b[0m", "\x1b[2J", "\x1b]0;title\x07", "\x1b]8;;https://x\x1b\\"])
_WORDS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.tuples(_WORDS, st.one_of(st.just(""), _SEQUENCES)), min_size=1, max_size=8),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=4),
)
def test_every_word_pasted_comes_out_in_order_however_the_reads_cut_it(
    pieces: list[tuple[str, str]], cuts: list[int]
) -> None:
    pasted = "".join(word + sequence for word, sequence in pieces)
    sent = f"{PASTE_START}{pasted}{PASTE_END}q"
    bounds = sorted({min(cut, len(sent)) for cut in cuts} | {0, len(sent)})
    chunks = [sent[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    assert read(*chunks) == [("paste", "".join(word for word, _sequence in pieces)), ("key", "q")]


@pytest.mark.slow
def test_a_name_pasted_with_colours_into_the_form_is_saved_as_its_words(tmp_path: Path) -> None:
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example"))
    with app_on_a_terminal(db) as (pid, fd):
        _read_until(fd, b"Alex Example", timeout=20)
        _drain(fd, 0.3)
        os.write(fd, b"a")
        _read_until(fd, b"Name", timeout=20)
        _drain(fd, 0.3)
        os.write(fd, f"{PASTE_START}Evil \x1b[31mRed\x1b[0m Name{PASTE_END}".encode())
        time.sleep(0.3)
        os.write(fd, b"\x13")  # ctrl+s
        _read_until(fd, b"Evil Red Name", timeout=20)
        _drain(fd, 0.3)
        os.write(fd, b"q")
        status = _wait_exit(pid, timeout=20)
        assert os.waitstatus_to_exitcode(status) == 0
    with Store.open(db) as store:
        assert sorted(contact.name for contact in store.contacts()) == ["Alex Example", "Evil Red Name"]
