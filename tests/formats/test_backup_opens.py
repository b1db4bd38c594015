"""A backup is restored only if it would open as a workspace: what opening refuses (an id or a
table given twice, a date with a time zone, a damaged trash entry) is refused by the import,
saying it of the backup, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui import cli

META = '"meta": {"1": {"schema_version": 1, "workspace_id": "w"}}'


@pytest.mark.parametrize(
    ("backup", "said"),
    [
        ('{' + META + ', "contacts": {"1": {"name": "A"}, "1": {"name": "B"}}}', "contacts has two records with id 1"),
        ('{' + META + ', "contacts": {"1": {"name": "A"}}, "contacts": {"2": {"name": "B"}}}', "the table 'contacts' is given twice"),
        (
            '{' + META + ', "contacts": {"1": {"name": "A"}}, "followups": {"1": {"contact_id": 1, "due": "2026-12-08T10:00:00Z"}}}',
            'followups record 1, field "due": expected a local date and time',
        ),
        (
            '{' + META + ', "trash": {"1": {"name": "X", "deleted_at": "2026-12-01T00:00:00", "records": {}}}}',
            "trash record 1 holds 0 contacts",
        ),
    ],
)
def test_a_backup_that_would_not_open_is_refused_naming_the_backup(
    tmp_path: Path, backup: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "b.json"
    source.write_text(backup)
    target = tmp_path / "t.json"
    assert cli.main(["--db", str(target), "import", "json", str(source)]) == 1
    err = capsys.readouterr().err
    assert f"b.json cannot be restored: {said}" in err
    assert "Nothing was changed." in err
    assert not target.exists() or "B" not in target.read_text()


def test_a_good_backup_is_restored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "b.json"
    source.write_text('{' + META + ', "contacts": {"1": {"name": "Alex Example"}}}')
    target = tmp_path / "t.json"
    assert cli.main(["--db", str(target), "import", "json", str(source)]) == 0
    assert json.loads(target.read_text())["contacts"]["1"]["name"] == "Alex Example"
