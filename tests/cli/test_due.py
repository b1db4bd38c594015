"""`interview-tui due [--within DAYS] [--json]`: the follow-up queue for the shell, cadence
check-ins included. It exits 0 whenever it ran and prints nothing when nothing is due, so it can
sit in a shell profile; --json prints [] then, so scripts always get valid JSON.

In-process tests run on the clock of conftest.run: Wednesday 25 November 2026, 10:00.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from interview_tui.core import queue, workflow
from interview_tui.core.models import Contact, FollowUpKind, Relationship, Stage, Touch, TouchKind
from interview_tui.core.store import Store

JSON_KEYS = {"id", "followup_id", "contact_id", "contact", "kind", "due", "overdue", "group", "note", "repeat"}


def seed(open_store) -> None:
    """Sam has stored follow-ups from two days ago to eight days ahead; Alex (family, thanked,
    last in touch on 26 October) is owed a check-in today by the family cadence of 30 days."""
    with open_store() as store:
        alex = store.add_contact(Contact(name="Alex Example", relationship=Relationship.FAMILY, stage=Stage.THANKED))
        store.add_touch(Touch(contact_id=alex.id, kind=TouchKind.THANKED, at=datetime(2026, 10, 26, 15, 0)))
        sam = store.add_contact(Contact(name="Sam Sample"))
        workflow.add_followup(store, sam.id, "2026-11-23 14:00", kind=FollowUpKind.NUDGE, note="No reply yet")
        workflow.add_followup(store, sam.id, "today 4pm", note="Send the article")
        workflow.add_followup(store, sam.id, "in 3 days", kind=FollowUpKind.THANK_YOU, note="Card")
        workflow.add_followup(store, sam.id, "in 8 days", note="Far off")
        done = workflow.add_followup(store, sam.id, "yesterday", note="Done already")
        workflow.complete_followup(store, done.id)


def rows(out: str) -> list[list[str]]:
    return [line.split() for line in out.splitlines()]


def test_due_lists_overdue_today_and_the_cadence_check_in(run, db: Path, open_store) -> None:
    seed(open_store)
    result = run("--db", str(db), "due")
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0].split() == ["DUE", "CONTACT", "KIND", "NOTE"]
    assert len(lines) == 4
    assert lines[1].startswith("overdue 2 days ago") and "Sam Sample" in lines[1] and "No reply yet" in lines[1]
    assert lines[2].startswith("today") and "Alex Example" in lines[2] and "check in" in lines[2]
    assert lines[3].startswith("today") and "Send the article" in lines[3]
    assert "Card" not in result.out and "Far off" not in result.out and "Done already" not in result.out


def test_due_within_days_adds_what_is_coming(run, db: Path, open_store) -> None:
    seed(open_store)
    result = run("--db", str(db), "due", "--within", "3")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 5
    assert lines[4].startswith("in 3 days") and "thank you" in lines[4] and "Card" in lines[4]
    assert "Far off" not in result.out
    assert "Far off" not in run("--db", str(db), "due", "--within", "7").out
    week_and_a_day = run("--db", str(db), "due", "--within", "8").out.splitlines()
    assert week_and_a_day[-1].startswith("in 8 days") and "Far off" in week_and_a_day[-1]


def test_due_tomorrow_in_words(run, db: Path, open_store) -> None:
    with open_store() as store:
        sam = store.add_contact(Contact(name="Sam Sample"))
        workflow.add_followup(store, sam.id, "tomorrow")
    assert run("--db", str(db), "due").out == ""
    (row,) = rows(run("--db", str(db), "due", "--within", "1").out)[1:]
    assert row[0] == "tomorrow"


def test_due_json(run, db: Path, open_store) -> None:
    seed(open_store)
    result = run("--db", str(db), "due", "--json", "--within", "3")
    assert (result.code, result.err) == (0, "")
    items = json.loads(result.out)
    assert all(item.keys() == JSON_KEYS for item in items)
    assert [(i["contact"], i["kind"], i["due"], i["overdue"], i["group"]) for i in items] == [
        ("Sam Sample", "nudge", "2026-11-23T14:00:00", True, "Overdue"),
        ("Alex Example", "check_in", "2026-11-25T09:00:00", True, "Today"),
        ("Sam Sample", "custom", "2026-11-25T16:00:00", False, "Today"),
        ("Sam Sample", "thank_you", "2026-11-28T09:00:00", False, "This week"),
    ]
    check_in = items[1]
    assert check_in["id"] is None  # worked out from the cadence, not stored
    assert check_in["contact_id"] == 1
    assert all(isinstance(i["id"], int) for i in items if i is not check_in)
    assert items[0]["note"] == "No reply yet"


def test_a_snoozed_check_in_shows_once_on_its_new_date(run, db: Path, open_store) -> None:
    seed(open_store)
    with open_store() as store:
        (check_in,) = [f for f in queue.build_queue(store) if f.from_cadence]
        snoozed = queue.snooze(store, check_in, "tomorrow")
    today = json.loads(run("--db", str(db), "due", "--json").out)
    assert "Alex Example" not in {i["contact"] for i in today}
    ahead = [i for i in json.loads(run("--db", str(db), "due", "--json", "--within", "1").out) if i["contact"] == "Alex Example"]
    assert [(i["id"], i["due"]) for i in ahead] == [(snoozed.id, "2026-11-26T09:00:00")]


@pytest.mark.parametrize("argv", [["due"], ["due", "--json"], ["due", "--within", "3"]])
def test_nothing_due_prints_nothing(run, db: Path, open_store, argv: list[str]) -> None:
    with open_store() as store:
        sam = store.add_contact(Contact(name="Sam Sample"))
        workflow.add_followup(store, sam.id, "in 5 days")
    result = run("--db", str(db), *argv)
    assert result.code == 0 and result.err == ""
    if "--json" in argv:
        assert result.out == "[]\n"
    else:
        assert result.out == ""


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("-1", "negative"),
        ("abc", "not a whole number"),
        ("1.5", "not a whole number"),
        ("", "not a whole number"),
        ("--", "needs a value"),  # argparse reads "=--" as no value at all: an empty list
    ],
)
def test_a_bad_within_is_a_usage_error(run, db: Path, open_store, value: str, fragment: str) -> None:
    seed(open_store)
    before = db.read_bytes()
    result = run("--db", str(db), "due", f"--within={value}")
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("interview-tui")
    assert "--within" in result.err and fragment in result.err
    assert "Traceback" not in result.err
    assert db.read_bytes() == before


def test_a_bad_within_creates_no_workspace(run, db: Path) -> None:
    assert run("--db", str(db), "due", "--within", "soon").code == 2
    assert not db.exists()


def test_the_installed_command_is_quiet_and_succeeds_when_nothing_is_due(tmp_path: Path, subprocess_env) -> None:
    # The console script pip installed next to this interpreter, as a shell profile would run it.
    script = shutil.which("interview-tui", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("interview-tui is not installed as a console script in this environment")
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:  # the real clock, as the command will use
        sam = store.add_contact(Contact(name="Sam Sample"))
        workflow.add_followup(store, sam.id, (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"), note="Later")

    def run_script(*argv: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [script, "--db", str(db), *argv], capture_output=True, env=subprocess_env, cwd=tmp_path, timeout=60, check=False
        )

    done = run_script("due")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    done = run_script("due", "--json")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"[]\n", b"")
    done = run_script("due", "--within", "3")
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"Sam Sample" in done.stdout and b"in 2 days" in done.stdout
    done = run_script("due", "--within", "-2")
    assert done.returncode == 2 and done.stdout == b"" and done.stderr.count(b"\n") == 1


def test_touch_logs_a_contact_and_moves_the_next_check_in(run, db: Path, open_store) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 11, 25, 10, 0)
    store = open_store()
    alex = store.add_contact(Contact(name="Alex Example", stage=Stage.THANKED, relationship=Relationship.FRIEND))
    workflow.record_touch(store, Touch(contact_id=alex.id, kind=TouchKind.MET, at=now - timedelta(days=70)))
    store.close()
    assert "Alex Example" in run("--db", str(db), "due").out  # a friend: every 6 weeks, 4 weeks late
    done = run("--db", str(db), "touch", "Alex", "Coffee, talked about the offer")
    assert done.code == 0 and done.out == "Logged: in touch with Alex Example today.\n"
    store = open_store()
    touch = store.touches(alex.id)[-1]
    assert (touch.at, touch.note) == (now, "Coffee, talked about the offer")
    store.close()
    assert run("--db", str(db), "due", "--within", "30").out == ""
    assert "Alex Example" in run("--db", str(db), "due", "--within", "45").out
    refused = run("--db", str(db), "touch", "Nobody Known")
    assert refused.code == 1 and "No contact named" in refused.err
