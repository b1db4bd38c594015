"""Escape sequences in their 8-bit forms go whole, as their ESC forms do: removing the introducer
alone would leave the rest ("31m") in a name, a file name made of it, or a tag."""

from __future__ import annotations

import pytest

from interview_tui.core.text import strip_controls


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Eve\x9b31m", "Eve"),
        ("Eve\x9b1;31mX", "EveX"),
        ("PWN\x9b2Jz", "PWNz"),
        ("a\x9d0;title\x9cb", "ab"),
        ("a\x9d0;title\x07b", "ab"),
        ("a\x90payload\x9cb", "ab"),
        ("plain\x85next", "plainnext"),
        ("x\x1b[31my", "xy"),
        ("café 31m", "café 31m"),
    ],
)
def test_an_8_bit_escape_sequence_goes_whole(typed: str, kept: str) -> None:
    assert strip_controls(typed) == kept
