"""Fixtures for the command-line tests: a stopped clock, throwaway workspaces, and runners.

Every test here is kept away from the real home directory: $INTERVIEW_TUI_DB is unset and the
default data directory points into the test's temporary directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui import cli, config
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00: the "now" of every CLI test."""


def clock() -> datetime:
    return NOW


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads $INTERVIEW_TUI_DB or writes into the real user data directory."""
    data_dir = tmp_path / "user-data" / "interview-tui"
    monkeypatch.delenv(config.ENV_VAR, raising=False)
    monkeypatch.setattr(config, "default_directory", lambda: data_dir)
    return data_dir


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where a test's workspace goes (not created until a command creates it)."""
    return tmp_path / "w.json"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``main`` in this process with the clock stopped at NOW; returns code, stdout, stderr."""

    def invoke(*argv: str) -> Result:
        capsys.readouterr()
        code = cli.main(list(argv), clock=clock)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def open_store(db: Path) -> Callable[[], Store]:
    """Open the test's workspace directly (close it before running a command on it)."""
    return lambda: Store.open(db, clock=clock)


@pytest.fixture
def subprocess_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a real ``python -m interview_tui``: a private HOME and data dir."""
    env = {k: v for k, v in os.environ.items() if k != config.ENV_VAR and not k.startswith("XDG_")}
    home = tmp_path / "home"
    home.mkdir()
    env.update(HOME=str(home), XDG_DATA_HOME=str(tmp_path / "xdg-data"), PYTHONUTF8="1")
    yield env


@pytest.fixture
def run_process(tmp_path: Path, subprocess_env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[bytes]]:
    def invoke(
        *argv: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        args: Sequence[str | bytes] = [sys.executable, "-m", "interview_tui", *argv]
        return subprocess.run(
            args,
            input=stdin,
            capture_output=True,
            env={**subprocess_env, **(env or {})},
            cwd=tmp_path,
            timeout=60,
            check=False,
        )

    return invoke
