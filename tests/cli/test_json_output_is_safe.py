"""Every --json output writes the characters a terminal would act on (C1 controls, bidi
overrides) as escapes, whatever a hand-edited workspace holds: `show`, `agenda` and `trash` as
`list` and `due` do."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui import cli

NASTY = "Eve\u202eevil\x9b31m"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "w.json"
    path.write_text(
        json.dumps(
            {
                "meta": {"1": {"schema_version": 1, "workspace_id": "w"}},
                "contacts": {"1": {"name": NASTY}, "2": {"name": "Gone Example", "notes": NASTY}},
                "interviews": {"1": {"contact_id": 1, "when": "2026-11-26T10:00:00", "where": NASTY}},
            }
        )
    )
    return path


@pytest.mark.parametrize(
    "argv",
    [["show", "Eve", "--json"], ["agenda", "--json", "--days", "30"], ["list", "--json"]],
)
def test_json_output_escapes_what_a_terminal_would_act_on(
    workspace: Path, argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_now", lambda: datetime(2026, 11, 25, 10, 0), raising=False)
    assert cli.main(["--db", str(workspace), *argv]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x9b" not in out
    assert "\\u202e" in out
    json.loads(out)  # still JSON


def test_trash_json_escapes_too(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(workspace), "delete", "Gone Example"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", str(workspace), "trash", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x9b" not in out
    json.loads(out)
