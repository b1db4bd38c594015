"""The ``interview-tui`` command's entry point: the program is imported with the collector off,
and what runs afterwards gets it back on."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest


def test_the_command_is_the_launcher() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert 'interview-tui = "interview_tui.launch:main"' in pyproject.read_text()


def test_a_scripted_command_runs_with_the_collector_on(
    subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    # A fresh interpreter: here the CLI is imported already, so the launcher would import nothing.
    probe = textwrap.dedent(
        f"""
        import gc, sys
        from interview_tui import cli, launch
        seen = []
        real = cli._run_command
        def spy(args, clock):
            seen.append(gc.isenabled())
            return real(args, clock)
        cli._run_command = spy
        sys.argv = ["interview-tui", "--db", {str(tmp_path / "w.json")!r}, "add", "Alex Example"]
        status = launch.main()
        print(status, seen, gc.isenabled())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=subprocess_env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "0 [True] True"


def test_the_launcher_leaves_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_tui import launch

    monkeypatch.setattr(sys, "argv", ["interview-tui", "--version"])
    assert launch.main() == 0
    assert gc.isenabled()


def test_python_dash_m_runs_the_launcher(run_process: Callable[..., subprocess.CompletedProcess[bytes]]) -> None:
    done = run_process("--version")
    assert done.returncode == 0
    assert done.stdout.strip()
