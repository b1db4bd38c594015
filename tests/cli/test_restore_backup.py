"""A damaged workspace is refused with the way back offered; restore-backup takes it."""

from __future__ import annotations

from pathlib import Path

from interview_tui.core.store import Store


def two_saves(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "add", "Sam Sample").code == 0  # the backup now holds Alex only


def test_a_damaged_file_is_refused_with_the_command_that_restores_the_backup(run, db: Path) -> None:
    two_saves(run, db)
    db.write_text('{"contacts": {"1": ')  # cut short, as by a full disk in another tool
    refused = run("--db", str(db), "list")
    assert refused.code == 1
    assert "is not valid JSON" in refused.err
    assert f"run: interview-tui --db {db} restore-backup" in refused.err

    restored = run("--db", str(db), "restore-backup")
    assert restored.code == 0
    [kept] = db.parent.glob("w.json.damaged-*")
    assert kept.read_text() == '{"contacts": {"1": '  # the damaged file is kept, as it was
    assert str(kept) in restored.out
    listed = run("--db", str(db), "list")
    assert listed.code == 0 and "Alex Example" in listed.out and "Sam Sample" not in listed.out


def test_a_file_from_a_newer_version_is_refused_and_not_called_damaged(run, db: Path) -> None:
    """Restoring the backup over it would throw away what the newer version saved."""
    two_saves(run, db)
    db.write_text(db.read_text().replace('"schema_version": 1', '"schema_version": 99'))
    refused = run("--db", str(db), "add", "Jordan Demo")
    assert refused.code == 1
    assert "newer interview-tui" in refused.err and "do not restore the backup" in refused.err
    assert "run: interview-tui" not in refused.err


def test_without_a_backup_or_with_a_damaged_one_nothing_changes(run, db: Path) -> None:
    missing = run("--db", str(db), "restore-backup")
    assert missing.code == 1 and "no backup" in missing.err
    assert not db.exists()

    two_saves(run, db)
    db.write_text("{broken")
    db.with_name("w.json.bak").write_text("also broken")
    refused = run("--db", str(db), "restore-backup")
    assert refused.code == 1 and "w.json.bak is not valid JSON" in refused.err
    assert db.read_text() == "{broken"
    assert list(db.parent.glob("w.json.damaged-*")) == []


def test_a_workspace_open_in_the_app_is_not_restored_under_it(run, db: Path) -> None:
    two_saves(run, db)
    with Store.open(db):
        refused = run("--db", str(db), "restore-backup")
    assert refused.code == 1 and "in use" in refused.err
    assert list(db.parent.glob("w.json.damaged-*")) == []


def test_a_workspace_that_opens_fine_is_not_replaced_without_force(run, db: Path) -> None:
    two_saves(run, db)
    before = db.read_bytes()
    refused = run("--db", str(db), "restore-backup")
    assert refused.code == 1 and "opens fine, so nothing was restored" in refused.err and "--force" in refused.err
    assert db.read_bytes() == before
    forced = run("--db", str(db), "restore-backup", "--force")
    assert forced.code == 0
    assert "Sam Sample" not in db.read_text() and "kept as" in forced.out


def test_a_read_only_workspace_is_not_restored(run, db: Path) -> None:
    two_saves(run, db)
    db.write_text("{broken")
    db.chmod(0o444)
    refused = run("--db", str(db), "restore-backup")
    assert refused.code == 1 and "read-only (mode 0444): nothing was restored" in refused.err
    assert db.read_text() == "{broken"
    assert oct(db.stat().st_mode & 0o777) == "0o444"
