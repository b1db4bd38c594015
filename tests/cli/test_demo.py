"""--demo is a sample workspace of its own: never a file the user named, never their real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui import config


@pytest.mark.parametrize(
    "argv",
    [
        ("--demo", "--db", "{db}"),
        ("--db", "{db}", "--demo"),
        ("--demo", "list", "--db", "{db}"),
        ("--db", "{db}", "--demo", "add", "Sam Sample"),
    ],
)
def test_demo_with_db_is_refused_in_one_line_and_nothing_is_opened(run, db: Path, isolated: Path, argv) -> None:  # type: ignore[no-untyped-def]
    assert run("add", "Alex Example", "--db", str(db)).code == 0
    before = db.read_bytes()
    result = run(*(arg.format(db=db) for arg in argv))
    assert result.code == 2
    assert result.out == ""
    [line] = result.err.splitlines()
    assert "--demo" in line and "--db" in line and "demo.json" in line
    assert db.read_bytes() == before
    assert not (isolated / config.DEMO_FILE_NAME).exists()


def test_demo_ignores_the_workspace_named_in_the_environment(
    run, db: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("add", "Alex Example", "--db", str(db)).code == 0
    monkeypatch.setenv(config.ENV_VAR, str(db))
    assert config.resolve(None, demo=True) == config.Location(isolated / config.DEMO_FILE_NAME, is_default=True)
    assert run("--demo", "add", "Sam Sample").code == 0
    assert [c["name"] for c in json.loads(run("list", "--json").out)] == ["Alex Example"]
    assert [c["name"] for c in json.loads(run("--demo", "list", "--json").out)] == ["Sam Sample"]


def test_help_says_where_the_demo_lives(run) -> None:  # type: ignore[no-untyped-def]
    out = " ".join(run("--help").out.split())
    assert "demo.json in the user data directory (not with --db)" in out
