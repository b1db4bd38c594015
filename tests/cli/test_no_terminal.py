"""``interview-tui`` with no command where there is no terminal (``ssh host interview-tui``
without -t, a cron job, input from /dev/null): one line saying what to do, status 2, at once,
and nothing held or created, so that the next command finds the workspace free."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_tui.core.models import Contact
from interview_tui.core.store import Store

LAUNCHER = Path(sys.executable).with_name("interview-tui")
"""The installed entry point, beside the interpreter of the environment the tests run in."""

QUICK = 20.0
"""Seconds after which a run counts as hanging; it is killed there, so a busy-loop fails the
test instead of holding the suite (a refusal takes well under a second)."""


def _command(how: str) -> list[str]:
    if how == "entry point":
        if not LAUNCHER.exists():
            pytest.skip("the interview-tui entry point is not installed beside this interpreter")
        return [str(LAUNCHER)]
    return [sys.executable, "-m", "interview_tui"]


def _run(how: str, db: Path, env: dict[str, str], **streams) -> subprocess.CompletedProcess[bytes]:  # type: ignore[no-untyped-def]
    streams.setdefault("stdout", subprocess.PIPE)
    streams.setdefault("stderr", subprocess.PIPE)
    started = time.monotonic()
    try:
        done = subprocess.run([*_command(how), "--db", str(db)], env=env, timeout=QUICK, check=False, **streams)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {QUICK:g}s without a terminal ({time.monotonic() - started:.1f}s)")
    return done


def _assert_refused(done: subprocess.CompletedProcess[bytes]) -> None:
    assert done.returncode == 2
    [line] = done.stderr.decode().splitlines()
    assert line.startswith("interview-tui: the app needs a terminal")
    assert "ssh -t" in line and "interview-tui due" in line
    assert b"\x1b" not in done.stderr  # no screen was drawn into the pipe


def _assert_free(db: Path) -> None:
    # Opening takes the lock: a run that still held it would make this raise WorkspaceInUse.
    with Store.open(db) as store:
        assert [c.name for c in store.contacts()] == ["Alex Example"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example"))
    return db


@pytest.mark.parametrize("how", ["entry point", "python -m"])
def test_input_from_dev_null_is_refused_at_once(workspace: Path, subprocess_env: dict[str, str], how: str) -> None:
    before = workspace.read_bytes()
    with open(os.devnull, "rb") as nothing:
        done = _run(how, workspace, subprocess_env, stdin=nothing)
    _assert_refused(done)
    _assert_free(workspace)
    assert workspace.read_bytes() == before


@pytest.mark.parametrize("how", ["entry point", "python -m"])
def test_input_from_a_pipe_is_refused_at_once(workspace: Path, subprocess_env: dict[str, str], how: str) -> None:
    # A pipe that stays open (ssh without -t): nothing would ever end the wait for keys.
    read_end, write_end = os.pipe()
    try:
        done = _run(how, workspace, subprocess_env, stdin=read_end)
    finally:
        os.close(read_end)
        os.close(write_end)
    _assert_refused(done)
    _assert_free(workspace)


def test_output_into_a_pipe_is_refused_even_with_a_terminal_for_input(
    workspace: Path, subprocess_env: dict[str, str]
) -> None:
    master, slave = pty.openpty()
    try:
        done = _run("python -m", workspace, subprocess_env, stdin=slave)
    finally:
        os.close(slave)
        os.close(master)
    _assert_refused(done)
    _assert_free(workspace)


def test_nothing_is_created_when_the_workspace_does_not_exist(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    db = tmp_path / "new" / "workspace.json"
    (tmp_path / "new").mkdir()
    with open(os.devnull, "rb") as nothing:
        done = _run("python -m", db, subprocess_env, stdin=nothing)
    _assert_refused(done)
    assert list((tmp_path / "new").iterdir()) == []


def test_the_demo_is_refused_the_same_way(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    with open(os.devnull, "rb") as nothing:
        done = subprocess.run(
            [sys.executable, "-m", "interview_tui", "--demo"],
            stdin=nothing,
            capture_output=True,
            env=subprocess_env,
            cwd=tmp_path,
            timeout=QUICK,
            check=False,
        )
    _assert_refused(done)
    assert not (tmp_path / "xdg-data").exists()  # no demo workspace made


def test_scripting_commands_still_run_without_a_terminal(workspace: Path, subprocess_env: dict[str, str]) -> None:
    with open(os.devnull, "rb") as nothing:
        done = subprocess.run(
            [sys.executable, "-m", "interview_tui", "--db", str(workspace), "list"],
            stdin=nothing,
            capture_output=True,
            env=subprocess_env,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert b"Alex Example" in done.stdout


@pytest.mark.parametrize(
    ("terminal_for", "said"),
    [((), "standard input here is not one"), (("stdin",), "standard output here is not one"), (("stdin", "stdout"), "standard error here is not one")],
)
def test_the_refusal_names_the_stream_that_is_not_a_terminal(
    workspace: Path, subprocess_env: dict[str, str], terminal_for: tuple[str, ...], said: str
) -> None:
    # `interview-tui 2>log` in a terminal: standard error, which the screen is drawn on, is a file.
    master, slave = pty.openpty()
    try:
        streams = {name: slave for name in terminal_for}
        streams.setdefault("stdin", subprocess.DEVNULL)
        done = _run("python -m", workspace, subprocess_env, **streams)
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 2
    assert said in done.stderr.decode()
