"""What the commands print is the same text whichever way it is made: the shortcuts that keep a
long ``due`` quick (a line already clean is kept as it is, JSON is written by msgspec, an ASCII
table is laid out by str.format) print what the careful way prints, for any text."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from interview_tui import cli, cli_json
from interview_tui.core.text import strip_controls

# Any character, surrogates and controls included: names and notes come from files and pipes.
any_text = st.text(st.characters(codec=None, categories=None), max_size=30) | st.sampled_from(
    ["Alex Example", " Sam  Sample ", "Zoë\u202eelpmaxE", "\x1b[31mred\x1b[0m", "a\tb\nc", "\ud800x", "東京 Example"]
)


@given(any_text)
def test_a_line_is_cleaned_as_the_careful_way_cleans_it(text: str) -> None:
    assert cli._one_line(text) == " ".join(strip_controls(text).split())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_json_is_the_json_modules_text(value: Any) -> None:
    assert cli_json._json_text(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(st.lists(st.tuples(any_text, any_text, any_text), max_size=6))
def test_a_table_lines_up_its_columns_as_the_careful_way_does(rows: list[tuple[str, str, str]]) -> None:
    header = ("DUE", "CONTACT", "NOTE")
    shown = [tuple(cli._one_line(cell) for cell in row) for row in rows]
    out = io.StringIO()
    with redirect_stdout(out):
        cli._print_table(header, shown)
    every = [header, *shown]
    widths = [max(cell_len(row[i]) for row in every) for i in range(3)]
    expected = [
        "  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in every
    ]
    assert out.getvalue() == "\n".join(expected) + "\n"
