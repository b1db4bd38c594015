"""`interview-tui due` prints its table column by column (a long list at 50,000 contacts is
tens of thousands of rows): the table says what `due --json` says, row for row, in the same
order, each column starting where its heading does, wide characters counted as two cells."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from interview_tui import cli
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Interview, InterviewStatus

from .parsing import assert_read_as_the_parser_reads

NOW = datetime(2026, 11, 25, 10, 0)

names = st.text(alphabet=st.sampled_from("abcdefXYZ éüñ漢字한글"), min_size=1, max_size=12).filter(
    lambda name: name.strip() != ""
)
notes = st.text(alphabet=st.sampled_from("ab c\tdé字"), max_size=10)
moments = st.integers(min_value=-3 * 24 * 4, max_value=3 * 24 * 4).map(
    lambda quarters: NOW + timedelta(minutes=15 * quarters)
)


def run(db: Path, *argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["--db", str(db), "due", *argv], clock=lambda: NOW) == 0
    return out.getvalue()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(names, min_size=1, max_size=4),
    followups=st.lists(st.tuples(st.integers(0, 3), moments, st.sampled_from(list(FollowUpKind)), notes), max_size=12),
    talks=st.lists(st.tuples(st.integers(0, 3), moments, st.booleans()), max_size=4),
    within=st.sampled_from([0, 1, 3]),
)
def test_the_table_says_what_the_json_says_in_aligned_columns(people, followups, talks, within) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.core.store import Store

    with tempfile.TemporaryDirectory() as directory:
        db = Path(directory) / "w.json"
        with Store.open(db, clock=lambda: NOW) as store, store.batch():
            ids = [store.add_contact(Contact(name=name)).id for name in people]
            for who, due, kind, note in followups:
                store.add_followup(FollowUp(contact_id=ids[who % len(ids)], due=due, kind=kind, note=note))
            for who, when, planned in talks:
                status = InterviewStatus.PLANNED if planned else InterviewStatus.CANCELLED
                store.add_interview(Interview(contact_id=ids[who % len(ids)], when=when, status=status))
        table = run(db, "--within", str(within)).splitlines()
        items = json.loads(run(db, "--within", str(within), "--json"))

    if not items:
        assert table == []
        return
    heading, *lines = table
    assert heading.split() == ["DUE", "CONTACT", "KIND", "NOTE"]
    assert len(lines) == len(items)
    starts = [heading.index(title) for title in ("CONTACT", "KIND", "NOTE")]
    for line, item in zip(lines, items, strict=True):
        contact, note = " ".join(item["contact"].split()), " ".join(item["note"].split())
        kind = "conversation" if item["kind"] == "conversation" else FollowUpKind(item["kind"]).label
        assert line[: at_cell(line, starts[0])].startswith("overdue") == (item["group"] == "Overdue")
        assert line[at_cell(line, starts[0]) :].startswith(contact + " ")
        assert line[at_cell(line, starts[1]) :].startswith(kind)
        if note:
            assert line[at_cell(line, starts[2]) :] == note
        elif item["kind"] == "conversation":
            assert line[at_cell(line, starts[2]) :].startswith(f"{item['due'][11:16]}, 20 min")
        else:
            assert line == line.rstrip() and line.endswith(kind)


def at_cell(line: str, cells: int) -> int:
    """The index in ``line`` of the character that starts at screen column ``cells``."""
    for index in range(len(line) + 1):
        if cell_len(line[:index]) == cells:
            return index
        assert cell_len(line[:index]) < cells, f"no character starts at column {cells} of {line!r}"
    raise AssertionError(f"{line!r} is shorter than {cells} columns")


# What `due` loads, and how it reads its command line ------------------------------------------

WORDS = st.sampled_from(
    [
        "--db", "w.json", "--db=x.json", "--db=", "--demo", "--json", "--within", "3", "007", "--within=2",
        "--within=", "-1", "-", "--", "-h", "--jso", "--d", "list", "due", "due ", "٣", "-x",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(before=st.lists(WORDS, max_size=4), after=st.lists(WORDS, max_size=5), anywhere=st.booleans())
def test_a_plain_due_command_line_is_read_as_the_parser_reads_it(
    before: list[str], after: list[str], anywhere: bool
) -> None:
    argv = [*before, *after] if anywhere else [*before, "due", *after]
    plain = cli._plain_due(argv)
    if plain is None:
        return
    assert_read_as_the_parser_reads(plain, argv)


def test_the_plain_forms_of_due_are_read_without_the_parser() -> None:
    for argv in (
        ["due"],
        ["--db", "w.json", "due"],
        ["due", "--within", "7", "--json", "--db=w.json"],
        ["--db=a.json", "--db", "b.json", "due", "--within=1", "--within", "3"],
        ["--db", "a.json", "due", "--db", "b.json", "--db=c.json"],
        ["--demo", "due", "--json"],
    ):
        plain = cli._plain_due(argv)
        assert plain is not None
        assert vars(plain) == vars(cli.build_parser().parse_args(argv))
    assert cli._plain_due(["due", "--help"]) is None and cli._plain_due(["list"]) is None


def test_due_loads_neither_the_parser_nor_the_store_nor_the_app(tmp_path: Path) -> None:
    from interview_tui.core.store import Store

    db = tmp_path / "w.json"
    with Store.open(db, clock=lambda: NOW) as store:
        who = store.add_contact(Contact(name="Sam Sample"))
        assert who.id is not None
        store.add_followup(FollowUp(contact_id=who.id, due=NOW, kind=FollowUpKind.CHECK_IN))
    code = (
        "import sys, io, contextlib\nfrom interview_tui import cli\nout = io.StringIO()\n"
        f"with contextlib.redirect_stdout(out): assert cli.main(['--db', {str(db)!r}, 'due']) == 0\n"
        "assert 'Sam Sample' in out.getvalue(), out.getvalue()\n"
        "import json; print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert {"interview_tui.core.quick_read", "interview_tui.core.queue"} <= loaded
    for unused in (
        "argparse",
        "platformdirs",
        "tinydb",
        "orjson",
        "dateutil",
        "textual",
        "rich",
        "interview_tui.core.store",
        "interview_tui.core.storage",
        "interview_tui.cli_conversations",
        "interview_tui.cli_formats",
        "interview_tui.cli_trash",
        "interview_tui.cli_json",
        # msgspec is imported without them (core/lean_msgspec.py): 15-20 ms of a start
        "typing_extensions",
        "inspect",
    ):
        assert unused not in loaded, unused


def test_a_window_past_the_last_day_there_is_lists_every_open_followup(tmp_path: Path) -> None:
    from interview_tui.core.store import Store

    db = tmp_path / "w.json"
    with Store.open(db, clock=lambda: NOW) as store, store.batch():
        who = store.add_contact(Contact(name="Sam Sample"))
        assert who.id is not None
        for due in (NOW, datetime(2999, 12, 31, 23, 59)):
            store.add_followup(FollowUp(contact_id=who.id, due=due, note=f"by {due:%Y}"))
        store.add_followup(FollowUp(contact_id=who.id, due=NOW, done_at=NOW, note="done"))
    items = json.loads(run(db, "--within", "3000000", "--json"))
    assert [item["note"] for item in items] == ["by 2026", "by 2999"]


def test_due_reads_the_clock_as_the_store_does() -> None:
    from interview_tui.core.store import system_clock

    mine, stores = cli._system_clock(), system_clock()
    assert mine.microsecond == 0 and mine.tzinfo is None
    assert abs((stores - mine).total_seconds()) <= 2
