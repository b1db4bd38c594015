"""The ``interview-tui`` command's entry point: the program is imported with the collector off,
and what runs afterwards gets it back on."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


def test_the_command_is_the_launcher() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert 'interview-tui = "interview_tui.launch:main"' in pyproject.read_text()


def test_a_scripted_command_runs_with_the_collector_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from interview_tui import cli, launch

    seen: list[bool] = []
    real = cli._run_command

    def spy(*args):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(cli, "_run_command", spy)
    monkeypatch.setattr(sys, "argv", ["interview-tui", "--db", str(tmp_path / "w.json"), "add", "Alex Example"])
    assert launch.main() == 0
    assert seen == [True]
    assert gc.isenabled()


def test_python_dash_m_runs_the_launcher(run_process: Callable[..., subprocess.CompletedProcess[bytes]]) -> None:
    done = run_process("--version")
    assert done.returncode == 0
    assert done.stdout.strip()
