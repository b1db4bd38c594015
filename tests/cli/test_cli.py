"""The scripted commands: add, list, note, due; where the workspace lives; bad input.

Most tests call ``main`` in this process; a few run ``python -m interview_tui`` for real to prove
the exit statuses and that a user never sees a traceback. Every test that feeds bad input checks
that the workspace file is byte for byte what it was (or still does not exist).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len

from interview_tui import cli, config
from interview_tui.core import workflow
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Stage
from interview_tui.core.storage import backup_path
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)  # the clock of conftest.run
RED_TITLE = "\x1b[31mred\x1b]0;title\x07"
TERMINAL_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def state(path: Path) -> bytes | None:
    """The workspace file's bytes, or None when it does not exist."""
    return path.read_bytes() if path.exists() else None


def assert_one_line_error(result, code: int = 1) -> None:
    assert result.code == code
    assert result.out == ""
    assert result.err.startswith("interview-tui")
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert not TERMINAL_CONTROLS.search(result.err.rstrip("\n"))


def listed(run, db: Path) -> list[dict]:
    result = run("--db", str(db), "list", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


# add and list -----------------------------------------------------------------------------------


def test_add_then_list(run, db: Path) -> None:
    result = run("--db", str(db), "add", "Ada Placeholder", "--company", "Analytical Engines", "--role", "Analyst",
                 "--email", "ada@example.org")  # fmt: skip
    assert result.code == 0
    assert result.out == "Added Ada Placeholder (id 1).\n"
    assert result.err == ""
    result = run("--db", str(db), "add", "Bob", "--referred-by", "ada")
    assert result.code == 0

    result = run("--db", str(db), "list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "COMPANY", "/", "ROLE", "STAGE"]
    assert lines[1].split() == ["1", "Ada", "Placeholder", "Analyst,", "Analytical", "Engines", "identified"]
    assert lines[2].split() == ["2", "Bob", "identified"]


def test_list_json_has_every_contact_with_its_fields(run, db: Path) -> None:
    run("--db", str(db), "add", "Ada", "--company", "Engines", "--role", "Analyst", "--email", "ada@example.org",
        "--field", "Maths", "--phone", "+44 20 0000", "--relationship", "friend")  # fmt: skip
    run("--db", str(db), "add", "Bob", "--referred-by", "Ada")
    run("--db", str(db), "add", "李小龍 😀")
    contacts = listed(run, db)
    assert [c["name"] for c in contacts] == ["Ada", "Bob", "李小龍 😀"]
    for contact in contacts:
        assert {"id", "name", "company", "role", "email", "stage"} <= contact.keys()
    ada, bob, _ = contacts
    assert ada == ada | {
        "id": 1, "company": "Engines", "role": "Analyst", "email": "ada@example.org", "stage": "identified",
        "field": "Maths", "phone": "+44 20 0000", "relationship": "friend", "created": NOW.isoformat(),
    }  # fmt: skip
    assert bob["referred_by"] == ada["id"]
    assert [c["id"] for c in contacts] == [1, 2, 3]


def test_list_of_an_empty_workspace(run, db: Path, open_store) -> None:
    open_store().close()
    result = run("--db", str(db), "list")
    assert result.code == 0
    assert "No contacts yet" in result.out
    assert listed(run, db) == []


def test_names_are_stored_without_escape_sequences(run, db: Path) -> None:
    result = run("--db", str(db), "add", RED_TITLE, "--company", "\x1b[1mBold\x1b[0m Co\x07")
    assert result.code == 0
    assert not TERMINAL_CONTROLS.search(result.out.rstrip("\n"))
    contact = listed(run, db)[0]
    assert (contact["name"], contact["company"]) == ("red", "Bold Co")
    raw = db.read_text()
    assert "\\u001b" not in raw and "\x1b" not in raw and "title" not in raw
    for args in (("list",), ("list", "--json")):
        out = run("--db", str(db), *args).out
        assert "\x1b" not in out and "\x07" not in out and "title" not in out


def test_undecodable_bytes_in_a_name_are_refused(run, db: Path) -> None:
    # Python hands undecodable argv bytes over as lone surrogates; saved, they were U+FFFD.
    result = run("--db", str(db), "add", "Ren\udce9e")
    assert_one_line_error(result, code=2)
    assert "argument NAME: not UTF-8 text: byte 0xe9 at position 4" in result.err
    assert state(db) is None


def test_wide_names_keep_the_columns_aligned(run, db: Path) -> None:
    names = ["Ada", "李小龍", "😀 Emoji Person", "Zoë Ünïcödé", "🇫🇷 ジャン", "👩‍💻 Dev"]
    for i, name in enumerate(names):
        assert run("--db", str(db), "add", name, "--company", f"Co{i}").code == 0
    lines = run("--db", str(db), "list").out.splitlines()
    assert len(lines) == len(names) + 1

    def column(line: str, text: str) -> int:
        return cell_len(line[: line.index(text)])

    header = lines[0]
    company_at = column(header, "COMPANY")
    stage_at = column(header, "STAGE")
    companies = set()
    for line in lines[1:]:
        company = re.search(r"Co\d", line).group()
        companies.add(company)
        assert column(line, company) == company_at, line
        assert column(line, "identified") == stage_at, line
    assert len(companies) == len(names)


def test_list_is_sorted_by_name_case_insensitively(run, db: Path) -> None:
    for name in ("bob", "Ada", "carol", "Bea"):
        run("--db", str(db), "add", name)
    assert [c["name"] for c in listed(run, db)] == ["Ada", "Bea", "bob", "carol"]


def test_a_data_file_with_raw_controls_is_listed_safely(run, db: Path, open_store) -> None:
    # A hand-edited or imported file may hold what the CLI would never store.
    with open_store() as store:
        store.add_contact(Contact(name="x"))
    data = json.loads(db.read_text())
    evil = "Evil\x1b[2J\x9b31m\u202egnp.exe\u2028"
    data["contacts"]["1"]["name"] = evil
    db.write_text(json.dumps(data, ensure_ascii=True))
    table = run("--db", str(db), "list")
    assert table.code == 0
    assert not TERMINAL_CONTROLS.search(table.out.replace("\n", ""))
    as_json = run("--db", str(db), "list", "--json")
    assert as_json.code == 0
    assert not TERMINAL_CONTROLS.search(as_json.out.replace("\n", ""))
    assert json.loads(as_json.out)[0]["name"] == evil  # escaped, not lost


# note -------------------------------------------------------------------------------------------


def test_note_records_a_conversation(run, db: Path, open_store) -> None:
    run("--db", str(db), "add", "Ada Placeholder")
    result = run("--db", str(db), "note", "ada", "Talked about engines.")
    assert result.code == 0
    assert result.out == "Added a note to Ada Placeholder's conversation of Wed 25 Nov 2026 10:00.\n"
    assert listed(run, db)[0]["stage"] == Stage.IDENTIFIED.value  # a note is not a conversation held
    with open_store() as store:
        (interview,) = store.interviews(1)
    assert interview.notes == "Talked about engines."
    assert interview.when == NOW


def test_note_dash_reads_standard_input(run, db: Path, open_store, monkeypatch: pytest.MonkeyPatch) -> None:
    run("--db", str(db), "add", "Ada")
    stdin = "First line\nSecond \x1b[31mline\x1b[0m\n\u00e9 accented\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    result = run("--db", str(db), "note", "Ada", "-")
    assert result.code == 0, result.err
    with open_store() as store:
        (interview,) = store.interviews(1)
    assert interview.notes == "First line\nSecond line\n\u00e9 accented\n"


def test_note_dash_from_a_text_only_stream(run, db: Path, open_store, monkeypatch: pytest.MonkeyPatch) -> None:
    run("--db", str(db), "add", "Ada")
    monkeypatch.setattr(sys, "stdin", io.StringIO("typed notes\n"))
    assert run("--db", str(db), "note", "Ada", "-").code == 0
    with open_store() as store:
        assert store.interviews(1)[0].notes == "typed notes\n"


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", "\x1b[31m\x1b[0m"])
def test_an_empty_note_changes_nothing(run, db: Path, text: str) -> None:
    run("--db", str(db), "add", "Ada")
    before = state(db)
    result = run("--db", str(db), "note", "Ada", text)
    assert_one_line_error(result)
    assert "empty" in result.err
    assert state(db) == before


def test_an_empty_note_from_standard_input_changes_nothing(run, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("--db", str(db), "add", "Ada")
    before = state(db)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    assert_one_line_error(run("--db", str(db), "note", "Ada", "-"))
    assert state(db) == before


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("Zed", "No contact named 'Zed'"),
        ("S", "could mean 2 contacts"),
        ("", "A contact name is required"),
        ("   ", "A contact name is required"),
        (RED_TITLE + "Zed", "No contact named 'redZed'"),
    ],
)
def test_note_for_an_unknown_or_unclear_name_changes_nothing(run, db: Path, name: str, fragment: str) -> None:
    run("--db", str(db), "add", "Sam One")
    run("--db", str(db), "add", "Sam Two")
    before = state(db)
    result = run("--db", str(db), "note", name, "text")
    assert_one_line_error(result)
    assert fragment in result.err
    assert state(db) == before


def test_adding_a_name_already_there_is_refused_saying_who_and_how_to_add_a_second(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example", "--company", "Northwind Labs")
    before = state(db)
    refused = run("--db", str(db), "add", "alex  example")
    assert_one_line_error(refused)
    assert refused.err == (
        "interview-tui: There is already a contact named Alex Example (id:1). To add another person of "
        "that name, add --another; to change one already there, use edit.\n"
    )
    assert state(db) == before
    assert run("--db", str(db), "add", "Alex Example", "--another").out == "Added Alex Example (id 2).\n"
    unclear = run("--db", str(db), "show", "Alex Example")
    assert_one_line_error(unclear)
    assert unclear.err == (
        "interview-tui: 2 contacts are named Alex Example: id:1 (Northwind Labs), id:2; "
        "give the one you mean as id:N.\n"
    )
    assert run("--db", str(db), "show", "id:2").out.startswith("Alex Example\n")
    # With two there already, a third is refused in the plural, naming both.
    third = run("--db", str(db), "add", "Alex Example")
    assert_one_line_error(third)
    assert third.err.startswith("interview-tui: There are already 2 contacts named Alex Example (id:1, id:2). ")


@pytest.mark.parametrize("name", ["id:3", "ID:3", " id:12 "])
def test_a_name_that_reads_as_an_id_is_refused_and_changes_nothing(run, db: Path, name: str) -> None:
    run("--db", str(db), "add", "Alex Example")
    before = state(db)
    for command in (("add", name), ("add", name, "--another"), ("edit", "Alex", "--name", name)):
        result = run("--db", str(db), *command)
        assert_one_line_error(result)
        assert f"{name.strip()} cannot be a name: id:N stands for the contact with id N" in result.err
        assert state(db) == before


def test_note_finds_a_name_typed_with_escape_sequences(run, db: Path) -> None:
    run("--db", str(db), "add", RED_TITLE)
    assert run("--db", str(db), "note", RED_TITLE, "hello").code == 0


def test_note_finds_a_name_typed_decomposed(run, db: Path) -> None:
    run("--db", str(db), "add", "Zo\u00eb")  # composed, as stored
    assert run("--db", str(db), "note", "zoe\u0308", "hello").code == 0  # decomposed, as typed on macOS


# due --------------------------------------------------------------------------------------------


def seed_followups(open_store) -> None:
    with open_store() as store:
        ada = store.add_contact(Contact(name="Ada Placeholder"))
        bob = store.add_contact(Contact(name="李小龍"))
        workflow.add_followup(store, ada.id, "2026-11-23 09:00", kind=FollowUpKind.THANK_YOU, note="Send the card")
        workflow.add_followup(store, bob.id, "today 4pm", kind=FollowUpKind.NUDGE)
        workflow.add_followup(store, bob.id, "today", kind=FollowUpKind.CHECK_IN, note="\x1b[31mmorning\x1b[0m")
        workflow.add_followup(store, ada.id, "tomorrow", note="not yet")
        done = workflow.add_followup(store, ada.id, "yesterday", note="already done")
        workflow.complete_followup(store, done.id)


def test_due_with_nothing_due_prints_nothing_and_succeeds(run, db: Path, open_store) -> None:
    with open_store() as store:
        ada = store.add_contact(Contact(name="Ada"))
        workflow.add_followup(store, ada.id, "tomorrow")
    result = run("--db", str(db), "due")
    assert (result.code, result.out, result.err) == (0, "", "")
    result = run("--db", str(db), "due", "--json")
    assert result.code == 0
    assert json.loads(result.out) == []


def test_due_on_an_empty_workspace(run, db: Path, open_store) -> None:
    open_store().close()
    result = run("--db", str(db), "due")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_due_lists_today_and_overdue(run, db: Path, open_store) -> None:
    seed_followups(open_store)
    result = run("--db", str(db), "due")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["DUE", "CONTACT", "KIND", "NOTE"]
    assert len(lines) == 4
    assert "overdue 2 days ago" in lines[1] and "Ada Placeholder" in lines[1] and "thank you" in lines[1]
    assert "today" in lines[2] and "李小龍" in lines[2] and "check in" in lines[2] and "morning" in lines[2]
    assert "today" in lines[3] and "nudge" in lines[3]
    assert "\x1b" not in result.out
    assert "not yet" not in result.out and "already done" not in result.out
    kind_at = [cell_len(line[: line.index(kind)]) for line, kind in zip(lines, ["KIND", "thank", "check", "nudge"], strict=False)]
    assert len(set(kind_at)) == 1


def test_due_json(run, db: Path, open_store) -> None:
    seed_followups(open_store)
    result = run("--db", str(db), "due", "--json")
    assert result.code == 0
    items = json.loads(result.out)
    assert [(i["contact"], i["kind"], i["due"], i["overdue"]) for i in items] == [
        ("Ada Placeholder", "thank_you", "2026-11-23T09:00:00", True),
        ("李小龍", "check_in", "2026-11-25T09:00:00", True),
        ("李小龍", "nudge", "2026-11-25T16:00:00", False),
    ]
    assert {"id", "contact_id", "note"} <= items[0].keys()


def test_due_at_midnight_is_today_not_overdue(db: Path, open_store, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store() as store:
        ada = store.add_contact(Contact(name="Ada"))
        store.add_followup(FollowUp(contact_id=ada.id, due=datetime(2026, 11, 25, 0, 0)))
    assert cli.main(["--db", str(db), "due"], clock=lambda: datetime(2026, 11, 25, 10, 0, 30)) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("today")


def test_due_survives_a_follow_up_whose_contact_is_gone(run, db: Path, open_store) -> None:
    with open_store() as store:
        ada = store.add_contact(Contact(name="Ada"))
        workflow.add_followup(store, ada.id, "yesterday")
    data = json.loads(db.read_text())
    data["contacts"] = {}  # a hand-edited file
    db.write_text(json.dumps(data))
    result = run("--db", str(db), "due")
    assert result.code == 0
    assert "unknown contact (id 1)" in result.out


# Where the workspace lives ------------------------------------------------------------------------


def test_db_before_or_after_the_subcommand(run, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run("--db", str(first), "add", "Ada").code == 0
    assert run("add", "Bob", "--db", str(second)).code == 0
    assert run(f"--db={first}", "list", "--json").out.count('"name"') == 1
    assert [c["name"] for c in listed(run, first)] == ["Ada"]
    assert [c["name"] for c in listed(run, second)] == ["Bob"]
    # Both given: the one after the subcommand, closest to it, wins.
    assert [c["name"] for c in json.loads(run("--db", str(first), "list", "--json", "--db", str(second)).out)] == ["Bob"]


@pytest.mark.parametrize("command", [["add", "Ada"], ["list"], ["list", "--json"], ["note", "Ada", "x"], ["due"], ["due", "--json"]])
@pytest.mark.parametrize("before", [True, False])
def test_every_command_takes_db_in_either_place(run, db: Path, command: list[str], before: bool) -> None:
    if command[0] != "add":
        # Someone to write a note to; and a command that only reads makes no workspace.
        run("--db", str(db), "add", "Ada")
    argv = ["--db", str(db), *command] if before else [*command, "--db", str(db)]
    result = run(*argv)
    assert result.code == 0, result.err
    assert db.exists()


def test_environment_variable(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated: Path) -> None:
    from_env = tmp_path / "env" / "from-env.json"
    from_env.parent.mkdir()
    monkeypatch.setenv(config.ENV_VAR, str(from_env))
    assert run("add", "Ada").code == 0
    assert from_env.exists()
    assert [c["name"] for c in json.loads(run("list", "--json").out)] == ["Ada"]
    # --db wins over the environment.
    other = tmp_path / "other.json"
    assert run("--db", str(other), "add", "Bob").code == 0
    assert [c["name"] for c in listed(run, other)] == ["Bob"]
    assert [c["name"] for c in json.loads(run("list", "--json").out)] == ["Ada"]
    assert not isolated.exists()


def test_a_blank_environment_variable_means_the_default(run, monkeypatch: pytest.MonkeyPatch, isolated: Path) -> None:
    monkeypatch.setenv(config.ENV_VAR, "   ")
    assert run("add", "Ada").code == 0
    assert (isolated / config.FILE_NAME).exists()


def test_default_data_directory_is_created(run, isolated: Path) -> None:
    assert not isolated.exists()
    assert run("add", "Ada").code == 0
    path = isolated / config.FILE_NAME
    assert path.exists()
    assert [c["name"] for c in json.loads(run("list", "--json").out)] == ["Ada"]
    assert (path.stat().st_mode & 0o777) == 0o600
    assert (isolated.stat().st_mode & 0o777) == 0o700


def test_resolve_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, isolated: Path) -> None:
    assert config.resolve(None) == config.Location(isolated / "interviews.json", is_default=True)
    assert config.resolve(None, demo=True).path == isolated / "demo.json"
    monkeypatch.setenv(config.ENV_VAR, "~/env.json")
    assert config.resolve(None) == config.Location(Path("~/env.json").expanduser(), is_default=False)
    assert config.resolve(str(tmp_path / "x.json")).path == tmp_path / "x.json"


def test_the_real_default_directory_is_the_platform_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.undo()  # the real default_directory, but only to compute a path
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert config.default_directory() == tmp_path / "xdg" / "interview-tui"
    assert config.default_directory().name == "interview-tui"


# Bad input changes nothing --------------------------------------------------------------------------


BAD_ADDS = [
    # (arguments after "add", exit status, a fragment of the message)
    ([""], 1, "A name is required"),
    (["   "], 1, "A name is required"),
    (["\t\n"], 1, "A name is required"),
    (["\x1b[31m\x1b[0m"], 1, "A name is required"),
    (["\u200b"], 1, "A name is required"),
    (["x" * 10_000], 1, "10,000 characters"),
    (["Ada", "--email", "nope"], 1, "not an email address"),
    (["Ada", "--company", "c" * 600], 1, "Company is 600 characters"),
    (["Ada", "--referred-by", "Nobody"], 1, "No contact named 'Nobody'"),
    (["Ada", "--relationship", "enemy"], 2, "invalid choice"),
    (["Ada", "--bogus"], 2, "unrecognized arguments: --bogus"),
    (["Ada", "--company"], 2, "expected one argument"),
    ([], 2, "required: NAME"),
]


@pytest.mark.parametrize(("args", "code", "fragment"), BAD_ADDS)
@pytest.mark.parametrize("existing", [True, False], ids=["existing-file", "no-file"])
def test_bad_add_changes_nothing(run, db: Path, args: list[str], code: int, fragment: str, existing: bool) -> None:
    if existing:
        assert run("--db", str(db), "add", "Someone").code == 0
    before, backup_before = state(db), state(backup_path(db))
    result = run("--db", str(db), "add", *args)
    assert_one_line_error(result, code)
    assert fragment in result.err
    assert state(db) == before
    assert state(backup_path(db)) == backup_before


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["bogus"], "invalid choice: 'bogus'"),
        (["list", "--bogus"], "unrecognized arguments"),
        (["due", "extra"], "unrecognized arguments"),
        (["note", "Ada"], "required: TEXT"),
        (["--bogus", "list"], "unrecognized arguments"),
        (["list", "--db"], "expected one argument"),
        (["list", "--\x1b]0;title\x07\x1b[31mred\nline"], "unrecognized arguments: --red line"),
        (["add", "Ada", "--relationship", "\x1b[31mfoe"], "invalid choice"),
    ],
)
def test_usage_errors(run, db: Path, argv: list[str], fragment: str) -> None:
    run("--db", str(db), "add", "Ada")
    before = state(db)
    result = run("--db", str(db), *argv)
    assert_one_line_error(result, 2)
    assert fragment in result.err
    assert "--help" in result.err
    assert state(db) == before


def test_help_and_version_return_zero(run) -> None:
    result = run("--help")
    assert result.code == 0 and "usage: interview-tui" in result.out
    result = run("add", "--help")
    assert result.code == 0 and "--referred-by" in result.out
    result = run("--version")
    assert result.code == 0 and result.out.startswith("interview-tui ")


@pytest.mark.parametrize("command", [["add", "Ada"], ["list"], ["due"], ["note", "Ada", "x"]])
def test_db_in_a_directory_that_does_not_exist(run, tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "missing" / "w.json"
    result = run("--db", str(path), *command)
    assert_one_line_error(result)
    assert "does not exist" in result.err
    assert not path.parent.exists()


@pytest.mark.parametrize("path", ["/proc/interview-tui-test.json", "/proc/self/interview-tui-test.json", "/proc/1/w.json"])
def test_db_under_proc(run, path: str) -> None:
    result = run("--db", path, "add", "Ada")
    assert_one_line_error(result)
    assert "/proc" in result.err
    assert not Path(path).exists()


def test_db_that_is_a_directory(run, tmp_path: Path) -> None:
    before = sorted(tmp_path.iterdir())
    result = run("--db", str(tmp_path), "add", "Ada")
    assert_one_line_error(result)
    assert "is a directory" in result.err
    assert sorted(tmp_path.iterdir()) == before


def test_db_whose_parent_is_a_file(run, tmp_path: Path) -> None:
    parent = tmp_path / "file"
    parent.write_text("not a directory")
    result = run("--db", str(parent / "w.json"), "list")
    assert_one_line_error(result)
    assert "not a directory" in result.err
    assert parent.read_text() == "not a directory"


def test_db_that_is_not_a_regular_file(run) -> None:
    result = run("--db", "/dev/null", "add", "Ada")
    assert_one_line_error(result)
    assert "not a regular file" in result.err
    assert not Path("/dev/null.lock").exists()


def test_db_name_too_long(run, tmp_path: Path) -> None:
    path = tmp_path / ("a" * 300 + ".json")
    result = run("--db", str(path), "add", "Ada")
    assert_one_line_error(result)
    assert "too long" in result.err
    assert sorted(tmp_path.iterdir()) == []


def test_empty_db_option(run, isolated: Path) -> None:
    result = run("--db", "", "add", "Ada")
    assert_one_line_error(result)
    assert "--db needs a file path" in result.err
    assert not isolated.exists()


@pytest.mark.parametrize("content", [b"", b"not json", b"[1, 2]", b'{"contacts": []}'])
def test_a_file_that_is_not_a_workspace_is_left_alone(run, db: Path, content: bytes) -> None:
    db.write_bytes(content)
    result = run("--db", str(db), "add", "Ada")
    assert_one_line_error(result)
    assert str(db) in result.err
    assert db.read_bytes() == content


def test_a_workspace_in_use(run, db: Path, open_store) -> None:
    with open_store() as store:
        store.add_contact(Contact(name="Ada"))
        before = state(db)
        result = run("--db", str(db), "add", "Bob")
    assert_one_line_error(result)
    assert "in use" in result.err
    assert state(db) == before


def test_a_failed_first_command_leaves_no_workspace(run, db: Path) -> None:
    assert_one_line_error(run("--db", str(db), "note", "Ada", "hello"))
    assert_one_line_error(run("--db", str(db), "add", "   "))
    assert_one_line_error(run("--db", str(db), "add", "Ada", "--referred-by", "Bob"))
    assert list(db.parent.iterdir()) == []  # no workspace, backup or lock file


@pytest.mark.parametrize(
    "command",
    [
        ("list",), ("list", "--json"), ("due",), ("due", "--json"), ("show", "Ada"), ("agenda",), ("trash",),
        ("trash", "--empty"), ("export", "json", "OUT"),
    ],
)
@pytest.mark.parametrize("named_by", ["--db", "env"])
def test_a_command_that_only_reads_a_workspace_named_that_is_not_there_says_so_and_makes_nothing(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], named_by: str
) -> None:
    # A mistyped --db (or $INTERVIEW_TUI_DB) made an empty workspace there, and `export`
    # wrote an empty backup from it, as if all was well.
    folder = tmp_path / "given"
    folder.mkdir()
    typo = folder / "interviwes.json"
    out = tmp_path / "out.json"
    argv = [str(out) if word == "OUT" else word for word in command]
    if named_by == "--db":
        result = run("--db", str(typo), *argv)
    else:
        monkeypatch.setenv(config.ENV_VAR, str(typo))
        result = run(*argv)
    assert_one_line_error(result)
    assert f"No workspace at {typo}" in result.err
    assert "nothing was created" in result.err
    assert list(folder.iterdir()) == []
    assert not out.exists()


def test_a_broken_pipe_is_not_an_error(db: Path, open_store, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store() as store:
        store.add_contact(Contact(name="Ada"))

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["--db", str(db), "list"], clock=lambda: NOW) == 0


# Real processes -----------------------------------------------------------------------------------


def test_process_round_trip(run_process, tmp_path: Path) -> None:
    db = str(tmp_path / "w.json")
    done = run_process("--db", db, "add", "Ada Placeholder", "--company", "Engines")
    assert (done.returncode, done.stderr) == (0, b"")
    done = run_process("note", "Ada", "-", "--db", db, stdin="from a pipe\n\u00e9\n".encode())
    assert (done.returncode, done.stderr) == (0, b""), done.stderr
    done = run_process("--db", db, "list", "--json")
    assert done.returncode == 0
    (contact,) = json.loads(done.stdout)
    assert (contact["name"], contact["company"], contact["stage"]) == ("Ada Placeholder", "Engines", "identified")
    done = run_process("--db", db, "due")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["add", "   "], 1),
        (["add", "x" * 10_000], 1),
        (["add", "Ada", "--email", "nope"], 1),
        (["note", "Nobody", "hello"], 1),
        (["add", "Ada", "--bogus"], 2),
        (["bogus"], 2),
    ],
)
def test_process_bad_input_exits_non_zero_without_traceback(run_process, tmp_path: Path, argv: list[str], code: int) -> None:
    db = tmp_path / "w.json"
    done = run_process("--db", str(db), *argv)
    assert done.returncode == code
    assert done.stdout == b""
    assert b"Traceback" not in done.stderr
    assert done.stderr.startswith(b"interview-tui") and done.stderr.count(b"\n") == 1
    assert not db.exists()


@pytest.mark.parametrize(
    "db",
    ["/proc/interview-tui.json", "{tmp}/missing/w.json", "{tmp}", "/dev/null", ""],
    ids=["proc", "missing-dir", "directory", "device", "empty"],
)
def test_process_bad_db_path(run_process, tmp_path: Path, db: str) -> None:
    done = run_process("--db", db.format(tmp=tmp_path), "add", "Ada")
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert done.stderr.count(b"\n") == 1


def test_process_undecodable_bytes(run_process, tmp_path: Path) -> None:
    db = str(tmp_path / "w.json")
    # Refused (saved, the byte was U+FFFD), in whichever way Python reads argv.
    done = run_process("--db", db, "add", b"Ren\xe9e", env={"PYTHONUTF8": "0", "LC_ALL": "C.UTF-8"})
    assert done.returncode == 2, done.stderr
    assert b"argument NAME: not UTF-8 text: byte 0xe9 at position 4" in done.stderr
    assert not Path(db).exists()
    assert run_process("--db", db, "add", "Ren\u00e9e").returncode == 0
    done = run_process("--db", db, "note", b"\xff", "x")
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"argument NAME: not UTF-8 text: byte 0xff at position 1" in done.stderr
    done = run_process("--db", db, "list", "--json")
    assert json.loads(done.stdout)[0]["name"] == "Ren\u00e9e"


def test_process_environment_variable_and_default_directory(run_process, tmp_path: Path) -> None:
    env_db = tmp_path / "env.json"
    done = run_process("add", "Ada", env={config.ENV_VAR: str(env_db)})
    assert done.returncode == 0 and env_db.exists()
    done = run_process("add", "Bob")
    assert done.returncode == 0, done.stderr
    default = tmp_path / "xdg-data" / "interview-tui" / "interviews.json"
    assert default.exists()
    assert [c["name"] for c in json.loads(run_process("list", "--json").stdout)] == ["Bob"]
    assert not (tmp_path / "home" / ".local").exists()


def test_process_broken_pipe_is_quiet(run_process, tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    with Store.open(db) as store, store.batch():
        for i in range(3000):
            store.add_contact(Contact(name=f"Person {i:04}"))
    with subprocess.Popen(
        [sys.executable, "-m", "interview_tui", "--db", str(db), "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        code = process.wait(timeout=60)
    assert code == 0
    assert err == b""


def test_timestamps_come_from_the_clock(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    later = NOW + timedelta(days=3, hours=2)
    assert cli.main(["--db", str(db), "add", "Ada"], clock=lambda: later) == 0
    assert cli.main(["--db", str(db), "list", "--json"], clock=lambda: later) == 0
    out = capsys.readouterr().out
    contact = json.loads(out[out.index("[") :])[0]
    assert contact["created"] == contact["updated"] == later.isoformat()


def test_starting_does_not_load_the_import_and_export_libraries() -> None:
    # They are slow to import; only import and export need them (see formats/__init__.py).
    code = (
        "import sys, interview_tui.cli, interview_tui.tui.app; "
        "print(sorted(m for m in ('vobject', 'icalendar', 'interview_tui.formats.transfer') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_renaming_someone_to_a_name_another_contact_has_is_refused_unless_another(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example")
    run("--db", str(db), "add", "Sam Sample")
    before = state(db)
    refused = run("--db", str(db), "edit", "Sam", "--name", "alex example")
    assert_one_line_error(refused)
    assert refused.err == (
        "interview-tui: There is already a contact named Alex Example (id:1). "
        "To give them that name all the same, add --another.\n"
    )
    assert state(db) == before
    # Their own name, written another way, is no one else's.
    assert run("--db", str(db), "edit", "Sam", "--name", "SAM SAMPLE").out == "Saved SAM SAMPLE.\n"
    assert run("--db", str(db), "edit", "id:2", "--name", "Alex Example", "--another").out == "Saved Alex Example.\n"
