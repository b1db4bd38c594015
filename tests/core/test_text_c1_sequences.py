"""An 8-bit CSI with its parameters goes whole, as its ESC form does: removing the introducer
alone would leave the rest ("31m") in a name, a file name made of it, or a tag. A stray C1
control with no parameters after it goes alone, and the word after it stays whole."""

from __future__ import annotations

import pytest

from interview_tui.core.text import strip_controls


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Eve\x9b31m", "Eve"),
        ("Eve\x9b1;31mX", "EveX"),
        ("PWN\x9b2Jz", "PWNz"),
        ("\x9bQuentin", "Quentin"),
        ("a\x9dZed", "aZed"),
        ("plain\x85next", "plainnext"),
        ("x\x1b[31my", "xy"),
        ("café 31m", "café 31m"),
    ],
)
def test_an_8_bit_escape_sequence_goes_whole(typed: str, kept: str) -> None:
    assert strip_controls(typed) == kept
