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
    assert launch.run() == 0
    assert seen == [True]
    assert gc.isenabled()


def test_python_dash_m_runs_the_launcher(run_process: Callable[..., subprocess.CompletedProcess[bytes]]) -> None:
    done = run_process("--version")
    assert done.returncode == 0
    assert done.stdout.strip()


def test_the_command_ends_with_everything_it_printed_and_its_status(
    run_process: Callable[..., subprocess.CompletedProcess[bytes]], tmp_path: Path
) -> None:
    # The process ends without freeing its memory: what it printed must still all arrive, through
    # a pipe, and a failure must still say so in its status.
    db = str(tmp_path / "w.json")
    names = [f"Contact {number:04d} Example" for number in range(300)]
    csv = tmp_path / "people.csv"
    csv.write_text("name\n" + "\n".join(names) + "\n")
    assert run_process("--db", db, "import", "csv", str(csv)).returncode == 0
    listed = run_process("--db", db, "list")
    assert listed.returncode == 0
    assert all(name.encode() in listed.stdout for name in names)
    refused = run_process("--db", db, "show", "Nobody Example")
    assert refused.returncode == 1
    assert b"Nobody Example" in refused.stderr
