"""Text that is not UTF-8, on standard input (``note NAME -``, ``edit NAME --notes -``) or in an
argument (Python hands undecodable bytes of argv over as surrogates), is refused: said in one
line naming where and the first bad byte, with how to convert it, and nothing is changed. It was
saved with U+FFFD in place of the bytes: what was typed, silently changed. A file's name may be
any bytes, and is not refused. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from interview_tui.core.store import Store

from .conftest import clock

LATIN1_NOTES = "Caf\u00e9 with Sam\nna\u00efve question\n".encode("latin-1")
"""Notes written in Latin-1: byte 0xe9 at line 1 column 4 (byte 4)."""


def assert_one_line_error(result, code: int = 1) -> None:
    assert (result.code, result.out) == (code, "")
    assert result.err.startswith("interview-tui") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err and "\ufffd" not in result.err


def with_a_contact(run, db: Path) -> bytes:
    assert run("--db", str(db), "add", "Sam Sample").code == 0
    assert run("--db", str(db), "schedule", "Sam", "fri 3pm").code == 0
    return db.read_bytes()


def give_stdin(monkeypatch: pytest.MonkeyPatch, raw: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))


@pytest.mark.parametrize("argv", [("note", "Sam", "-"), ("edit", "Sam", "--notes", "-")])
def test_standard_input_that_is_not_utf8_is_refused(run, db: Path, monkeypatch, argv) -> None:
    before = with_a_contact(run, db)
    give_stdin(monkeypatch, LATIN1_NOTES)
    result = run("--db", str(db), *argv)
    assert_one_line_error(result)
    assert "standard input is not UTF-8 text: byte 0xe9 at line 1 column 4" in result.err
    assert "nothing was changed" in result.err
    assert "iconv -f latin1 -t utf-8" in result.err
    assert db.read_bytes() == before


def test_the_bad_byte_is_found_on_a_later_line(run, db: Path, monkeypatch) -> None:
    before = with_a_contact(run, db)
    give_stdin(monkeypatch, "Caf\u00e9 with Sam\n".encode() + b"second \xff line\n")
    result = run("--db", str(db), "note", "Sam", "-")
    assert_one_line_error(result)
    assert "byte 0xff at line 2 column 8" in result.err
    assert db.read_bytes() == before


def test_utf8_on_standard_input_is_kept_as_it_is(run, db: Path, monkeypatch) -> None:
    with_a_contact(run, db)
    give_stdin(monkeypatch, LATIN1_NOTES.decode("latin-1").encode())
    assert run("--db", str(db), "note", "Sam", "-").code == 0
    with Store.open(db, clock=clock) as store:
        assert store.interviews(1)[0].notes == "Caf\u00e9 with Sam\nna\u00efve question\n"


def test_a_byte_order_mark_at_the_start_of_standard_input_is_not_kept_in_the_notes(run, db: Path, monkeypatch) -> None:
    # Windows editors start a UTF-8 file with one: kept, it was an invisible first character.
    with_a_contact(run, db)
    give_stdin(monkeypatch, b"\xef\xbb\xbf" + "Caf\u00e9 with Sam\n".encode())
    assert run("--db", str(db), "note", "Sam", "-").code == 0
    with Store.open(db, clock=clock) as store:
        assert store.interviews(1)[0].notes == "Caf\u00e9 with Sam\n"
    give_stdin(monkeypatch, b"\xef\xbb\xbfab\xff")
    result = run("--db", str(db), "note", "Sam", "-")
    assert "byte 0xff at line 1 column 3" in result.err


def test_a_text_stream_with_undecodable_bytes_is_refused_too(run, db: Path, monkeypatch) -> None:
    # A stream decoded already, with surrogateescape (as Python reads a pipe in the C locale).
    before = with_a_contact(run, db)
    monkeypatch.setattr(sys, "stdin", io.StringIO(LATIN1_NOTES.decode("utf-8", errors="surrogateescape")))
    result = run("--db", str(db), "note", "Sam", "-")
    assert_one_line_error(result)
    assert "standard input is not UTF-8 text: byte 0xe9 at line 1 column 4" in result.err
    assert db.read_bytes() == before


BAD = "Caf\udce9"
"""As Python hands over the argument b"Caf\\xe9" (Latin-1): byte 0xe9 at position 4."""


@pytest.mark.parametrize(
    ("argv", "where"),
    [
        (("note", "Sam", BAD), "argument TEXT"),
        (("add", BAD + " Example"), "argument NAME"),
        (("add", "Alex Example", "--company", BAD), "argument --company"),
        (("add", "Alex Example", "--referred-by", BAD), "argument --referred-by"),
        (("edit", "Sam", "--role", BAD), "argument --role"),
        (("edit", "Sam", "--notes", BAD), "argument --notes"),
        (("edit", "Sam", "--address", BAD), "argument --address"),
        (("edit", BAD, "--role", "Lead"), "argument NAME"),
        (("touch", "Sam", BAD), "argument NOTE"),
        (("followup", "Sam", "fri", "--note", BAD), "argument --note"),
        (("schedule", "Sam", "mon 9am", "--where", BAD), "argument --where"),
        (("done", "Sam", "--note", BAD), "argument --note"),
        (("import", "ics", "invite.ics", "--contact", BAD), "argument --contact"),
        (("show", BAD), "argument NAME"),
    ],
)
def test_an_argument_that_is_not_utf8_is_refused(run, db: Path, argv, where: str) -> None:
    before = with_a_contact(run, db)
    result = run("--db", str(db), *argv)
    assert_one_line_error(result, code=2)
    assert f"{where}: not UTF-8 text: byte 0xe9 at position 4" in result.err
    assert "nothing was changed" in result.err and "iconv -f latin1 -t utf-8" in result.err
    assert db.read_bytes() == before


def test_an_argument_that_is_not_utf8_creates_no_workspace(run, db: Path) -> None:
    result = run("--db", str(db), "add", "Ren\udce9e Example")
    assert_one_line_error(result, code=2)
    assert "argument NAME: not UTF-8 text: byte 0xe9 at position 4" in result.err
    assert not db.exists()


def test_a_file_name_that_is_not_utf8_is_a_name_like_any_other(run, tmp_path: Path) -> None:
    # Linux file names are bytes; Python hands undecodable ones over as surrogates, and open()
    # turns them back into the same bytes.
    db = tmp_path / "campagne-\udce9t\udce9.json"
    assert run("--db", str(db), "add", "Sam Sample").code == 0
    assert (tmp_path.resolve() / "campagne-\udce9t\udce9.json").exists()
    result = run("--db", str(db), "export", "csv", str(tmp_path / "r\udce9sum\udce9.csv"))
    assert result.code == 0, result.err
    assert any(p.name.encode(errors="surrogateescape") == b"r\xe9sum\xe9.csv" for p in tmp_path.iterdir())


def test_in_a_real_process(run_process, tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    assert run_process("--db", str(db), "add", "Sam Sample").returncode == 0
    before = db.read_bytes()
    done = run_process(b"--db", str(db).encode(), b"edit", b"Sam", b"--company", b"Caf\xe9")
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "argument --company: not UTF-8 text: byte 0xe9 at position 4" in err and "Traceback" not in err
    done = run_process("--db", str(db), "note", "Sam", "-", stdin=LATIN1_NOTES)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "standard input is not UTF-8 text: byte 0xe9 at line 1 column 4" in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert db.read_bytes() == before


def every_text_argument() -> list[tuple[str, ...]]:
    """For each argument of each command that takes text (not a file's name, not a number), a
    command line giving it BAD, what comes before it given as well."""
    import argparse

    from interview_tui import cli

    (commands,) = (a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    lines = []
    for command, parser in commands.choices.items():
        before: list[str] = [command]
        for action in parser._actions:
            if action.nargs == 0 or action.type is not None:  # flags, file names, numbers
                if not action.option_strings and action.type is not None:
                    before.append("x.json")
                continue
            if action.option_strings:
                lines.append((command, action.option_strings[0], BAD))
            else:
                lines.append((*before, BAD))
                before.append(str(next(iter(action.choices))) if action.choices else "Sam")
    return lines


def test_every_argument_that_takes_text_is_checked(run, db: Path) -> None:
    lines = every_text_argument()
    assert ("edit", "--phone", BAD) in lines and ("schedule", "Sam", BAD) in lines and len(lines) > 40
    before = with_a_contact(run, db)
    for argv in lines:
        result = run("--db", str(db), *argv)
        assert result.code == 2 and "not UTF-8 text: byte 0xe9 at position 4" in result.err, (argv, result.err)
    assert db.read_bytes() == before
