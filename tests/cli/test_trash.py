"""delete, trash, restore and erasure on the command line: what the app's trash does, scripted."""

from __future__ import annotations

import json
from pathlib import Path

from interview_tui.core import workflow
from interview_tui.core.models import Contact
from interview_tui.core.storage import backup_path


def campaign(open_store) -> None:
    with open_store() as store:
        alex = store.add_contact(Contact(name="Alex Example", company="Acme"))
        store.add_contact(Contact(name="Sam Sample", referred_by=alex.id))
        interview = workflow.schedule_interview(store, alex.id, "tomorrow 3pm")
        workflow.mark_done(store, interview.id)


def test_delete_moves_to_the_trash_and_restore_brings_everything_back(run, db: Path, open_store) -> None:
    campaign(open_store)
    result = run("--db", str(db), "delete", "alex")
    assert result.code == 0
    assert "Moved Alex Example to the trash (1 conversation, " in result.out
    assert "Sam Sample was referred by them" in result.out
    assert "interview-tui restore 'Alex Example'" in result.out

    listing = run("--db", str(db), "trash", "--json")
    entries = json.loads(listing.out)
    assert [(e["name"], e["conversations"]) for e in entries] == [("Alex Example", 1)]
    assert "Alex Example" in run("--db", str(db), "trash").out

    assert run("--db", str(db), "restore", "Alex").code == 0
    with open_store() as store:
        alex = store.find_contact("Alex Example")
        assert len(store.interviews(alex.id)) == 1
        assert store.find_contact("Sam Sample").referred_by == alex.id
        assert store.trash() == []
    assert json.loads(run("--db", str(db), "trash", "--json").out) == []
    assert run("--db", str(db), "trash").out.strip() == "The trash is empty."


def test_purge_leaves_the_name_in_neither_the_workspace_nor_its_backup(run, db: Path, open_store) -> None:
    campaign(open_store)
    result = run("--db", str(db), "delete", "Alex Example", "--purge")
    assert result.code == 0
    assert "Erased Alex Example for good." in result.out
    for path in (db, backup_path(db)):
        assert "Alex Example" not in path.read_text(encoding="utf-8")
    assert "Sam Sample" in db.read_text(encoding="utf-8")


def test_purge_of_someone_already_in_the_trash_and_emptying_it(run, db: Path, open_store) -> None:
    campaign(open_store)
    run("--db", str(db), "delete", "Alex")
    run("--db", str(db), "delete", "Sam")
    assert run("--db", str(db), "delete", "Alex", "--purge").code == 0
    assert [e["name"] for e in json.loads(run("--db", str(db), "trash", "--json").out)] == ["Sam Sample"]
    assert run("--db", str(db), "trash", "--empty").out.strip() == "Erased Sam Sample for good."
    text = db.read_text(encoding="utf-8") + backup_path(db).read_text(encoding="utf-8")
    assert "Sam Sample" not in text and "Alex Example" not in text


def test_bad_names_are_one_line_and_change_nothing(run, db: Path, open_store) -> None:
    campaign(open_store)
    before = db.read_bytes()
    for argv, said in [
        (("restore", "Nobody"), "No one named 'Nobody' in the trash"),
        (("delete", "Nobody"), "No contact named 'Nobody'"),
        (("delete", "Nobody", "--purge"), "nothing was erased"),
        (("restore", "Alex"), "No one named 'Alex' in the trash"),
    ]:
        result = run("--db", str(db), *argv)
        assert result.code == 1, argv
        assert said in result.err
        assert len(result.err.strip().splitlines()) == 1
        assert "Traceback" not in result.err
        assert db.read_bytes() == before


def test_the_restore_command_shown_works_as_printed_for_any_name(run, db: Path) -> None:
    import shlex

    run("--db", str(db), "add", "Renée Zoë O'Brien")
    result = run("--db", str(db), "delete", "Renée")
    line = next(line for line in result.out.splitlines() if line.startswith("Put them back with: "))
    argv = shlex.split(line.removeprefix("Put them back with: "))
    assert argv[:2] == ["interview-tui", "restore"]
    assert run("--db", str(db), *argv[1:]).code == 0
