"""The app refuses a workspace holding a repeat rule it cannot follow as it refuses a bad date,
though the follow-ups are read after its first frame: it ends saying which record and field,
and the file is left as it was."""

from __future__ import annotations

from pathlib import Path

from interview_tui.tui.app import InterviewApp

from .conftest import NOW, SIZE

DAMAGED = (
    b'{"meta": {"1": {"schema_version": 1, "workspace_id": "ws-test"}}, "questions": {"1": {"text": "Q", "order": 0}}, '
    b'"contacts": {"1": {"name": "Alex Example"}}, '
    b'"followups": {"1": {"contact_id": 1, "due": "2026-11-25T10:00:00", "note": "Send the card"}, '
    b'"2": {"contact_id": 1, "due": "2026-11-26T10:00:00", "recurrence": "FREQ=SECONDLY"}}}'
)


def test_the_app_refuses_a_rule_it_cannot_follow_naming_the_record(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from textual.app import App

    from interview_tui import cli

    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED)
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)
    monkeypatch.setattr(InterviewApp, "run", lambda self, **_: App.run(self, headless=True, size=SIZE))
    assert cli.main(["--db", str(path)], clock=lambda: NOW) == 1
    said = capsys.readouterr().err
    assert said.startswith("interview-tui: ")
    assert 'followups record 2, field "recurrence": the rule \'FREQ=SECONDLY\' repeats more often than daily' in said
    assert "the file was left untouched" in said
    assert path.read_bytes() == DAMAGED
