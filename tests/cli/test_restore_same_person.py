"""restore refuses to bring back someone a contact now in the workspace is (an import added them
again while they were in the trash), saying who and how to go on; --another restores them all
the same."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "formats" / "fixtures"


def _people(run, db: Path) -> list[tuple[str, str]]:
    return [(c["name"], c["linkedin_url"]) for c in json.loads(run("--db", str(db), "list", "--json").out)]


def test_restoring_someone_imported_again_meanwhile_is_refused(run, db: Path) -> None:
    connections = str(FIXTURES / "Connections.csv")
    run("--db", str(db), "import", "linkedin", connections)
    run("--db", str(db), "delete", "Sam Sample")
    run("--db", str(db), "import", "linkedin", connections)  # the trash is not the workspace: added again
    before = db.read_bytes()
    refused = run("--db", str(db), "restore", "Sam Sample")
    assert refused.code == 1 and refused.out == ""
    assert refused.err == (
        "interview-tui: Sam Sample was not restored: Sam Sample (id:5) has the same name, email address and "
        "LinkedIn profile, and is likely the same person. Nothing was changed. If they are one person, erase the "
        "one there first (interview-tui delete id:5 --purge; what was recorded with it goes too) and restore again; "
        "if they are two people, restore them as another person with: interview-tui restore 'Sam Sample' --another\n"
    )
    assert db.read_bytes() == before
    assert [e["name"] for e in json.loads(run("--db", str(db), "trash", "--json").out)] == ["Sam Sample"]

    # The way the message gives: the one imported again is erased, the one restored has its id back.
    assert run("--db", str(db), "delete", "id:5", "--purge").code == 0
    restored = run("--db", str(db), "restore", "Sam Sample")
    assert restored.out == "Restored Sam Sample (no conversations or follow-ups).\n"
    assert [name for name, _ in _people(run, db)].count("Sam Sample") == 1


def test_the_same_email_or_profile_under_another_name_is_refused_too(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org")
    run("--db", str(db), "delete", "Alex Example")
    run("--db", str(db), "add", "A. Example", "--email", "ALEX@example.org")
    refused = run("--db", str(db), "restore", "Alex Example")
    assert refused.code == 1
    assert refused.err.startswith(
        "interview-tui: Alex Example was not restored: A. Example (id:2) has the same email address, and is likely "
        "the same person."
    )
    assert [name for name, _ in _people(run, db)] == ["A. Example"]


def test_another_restores_them_as_a_second_person(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example")
    run("--db", str(db), "delete", "Alex Example")
    run("--db", str(db), "add", "alex example")
    result = run("--db", str(db), "restore", "Alex Example", "--another")
    assert result.code == 0
    assert result.out == "Restored Alex Example (no conversations or follow-ups).\n"
    assert sorted(name for name, _ in _people(run, db)) == ["Alex Example", "alex example"]


def test_someone_no_one_now_there_is_restored_as_before(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org")
    run("--db", str(db), "add", "Sam Sample", "--email", "sam@example.org")
    run("--db", str(db), "delete", "Alex Example")
    assert run("--db", str(db), "restore", "Alex Example").code == 0
