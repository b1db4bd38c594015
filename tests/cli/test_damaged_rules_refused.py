"""A workspace file holding what no form would save (a repeat rule the app cannot follow, a
cadence whose maximum is shorter, a contact with no name) is refused by every command as a bad
date is: one line naming the record and the field, the way back to the backup, nothing changed.
``due`` reads a file it can vouch for in one pass of its own; it refuses these too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def seeded(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    """Two saves: the backup is there, and the lock file the quick reading of ``due`` wants."""
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "followup", "Alex", "today 9am", "--note", "send the link", "--repeat", "weekly").code == 0


def damaged(db: Path, table: str, field: str, value: object) -> bytes:
    document = json.loads(db.read_text())
    document[table]["1"][field] = value
    raw = json.dumps(document, indent=2).encode()
    db.write_bytes(raw)
    return raw


@pytest.mark.parametrize("command", [["due"], ["due", "--json"], ["list"], ["show", "Alex"], ["agenda"]])
@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=WEEKLY;BYDAY=XX"])
def test_a_rule_the_app_cannot_follow_is_refused_by_every_command(run, db: Path, command: list[str], rule: str) -> None:
    seeded(run, db)
    raw = damaged(db, "followups", "recurrence", rule)
    result = run("--db", str(db), *command)
    assert (result.code, result.out) == (1, "")
    assert 'followups record 1, field "recurrence": ' in result.err and f"'{rule}'" in result.err
    assert "the file was left untouched" in result.err
    assert f"run: interview-tui --db {db} restore-backup" in result.err
    assert "Traceback" not in result.err and "repeats by the rule" not in result.err
    assert db.read_bytes() == raw


def test_done_never_ends_a_damaged_repeat_unsaid(run, db: Path) -> None:
    seeded(run, db)
    raw = damaged(db, "followups", "recurrence", "FREQ=SECONDLY")
    result = run("--db", str(db), "done", "1")
    assert result.code == 1 and 'field "recurrence"' in result.err
    assert db.read_bytes() == raw


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"cadence_days": 10, "cadence_max_days": 5}, 'contacts record 1, field "cadence_max_days": at most 5 days'),
        ({"name": "  "}, 'contacts record 1, field "name" is blank: a contact needs a name'),
    ],
)
@pytest.mark.parametrize("command", [["due"], ["list"]])
def test_a_contact_no_form_would_save_is_refused(run, db: Path, changes: dict, says: str, command: list[str]) -> None:
    seeded(run, db)
    document = json.loads(db.read_text())
    document["contacts"]["1"].update(changes)
    db.write_text(json.dumps(document))
    result = run("--db", str(db), *command)
    assert result.code == 1 and says in result.err and "restore-backup" in result.err
