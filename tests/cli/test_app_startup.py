"""Start-up of the app: the command line that opens it is read without building the parser of
every subcommand, and the main screen loads the workflow, the search and the date rules of
repeats when it first uses them, not to draw its first frame."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui import cli
from interview_tui.core.store import Store

from .parsing import assert_read_as_the_parser_reads


def modules_after(code: str, cwd: Path) -> set[str]:
    """Every module loaded once ``code`` has run, in a fresh interpreter."""
    shown = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{shown}"], cwd=cwd, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


WORDS = st.sampled_from(
    ["--db", "w.json", "--db=x.json", "--db=", "--demo", "--de", "--json", "-", "--", "-h", "--d", "list", "due", "٣", "-x", ""]
)


@settings(max_examples=400, deadline=None)
@given(argv=st.lists(WORDS, max_size=6))
def test_a_plain_app_command_line_is_read_as_the_parser_reads_it(argv: list[str]) -> None:
    plain = cli._plain_app(argv)
    if plain is None:
        return
    assert_read_as_the_parser_reads(plain, argv)


def test_the_plain_forms_of_opening_the_app_are_read_without_the_parser() -> None:
    for argv in ([], ["--db", "w.json"], ["--db=a.json", "--db", "b.json"], ["--demo"], ["--demo", "--db=w.json"]):
        plain = cli._plain_app(argv)
        assert plain is not None
        assert vars(plain) == vars(cli.build_parser().parse_args(argv))
    for argv in (["list"], ["--help"], ["--db"], ["--db", "-x"], ["--version"], ["--de"]):
        assert cli._plain_app(argv) is None


def test_opening_the_app_builds_no_parser(tmp_path: Path) -> None:
    """Standard input is no terminal here, so the command stops right after reading its command
    line (it says the app needs one): what is loaded by then is what reading it took."""
    db = tmp_path / "w.json"
    Store.open(db).close()
    code = f"from interview_tui import cli\nassert cli.main(['--db', {str(db)!r}]) == cli.EXIT_USAGE"
    loaded = modules_after(code, tmp_path)
    assert "interview_tui.cli" in loaded
    assert not loaded & {"argparse", "interview_tui.cli_conversations", "interview_tui.cli_formats", "interview_tui.cli_trash"}


def test_a_misspelt_option_still_gets_the_parsers_answer(capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["--dbx", "w.json"]) == cli.EXIT_USAGE
    said = capsys.readouterr().err
    assert said.startswith("interview-tui: ") and "(see interview-tui --help)" in said


def test_the_main_screen_leaves_the_work_of_later_keys_for_later(tmp_path: Path) -> None:
    loaded = modules_after("import interview_tui.tui.app", tmp_path)
    assert "interview_tui.tui.screens.main" in loaded
    assert not loaded & {
        "interview_tui.core.workflow",  # the method's steps, the notes of a conversation
        "interview_tui.tui.screens.method",
        "interview_tui.core.search",  # the contact filter, built at the first keystroke in it
        "interview_tui.core.recurrence",  # the follow-ups that repeat, drawn once read
        "dateutil.rrule",
        "tomllib",  # a preferences file, which most people never write
    }
