"""The SSH connection dropping while a note is being typed: the text must be there next time.

The app runs as a real child process on a pseudo-terminal, keys are written to it as a terminal
would send them, and the child gets SIGHUP (or SIGTERM), or loses its terminal, before the typing
pause that would save the draft on its own.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from interview_tui.core.models import Contact
from interview_tui.core.store import Store

TYPED = "She said: start with a portfolio"


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if needle in seen:
                return seen
    raise AssertionError(f"did not see {needle!r} within {timeout}s; last output: {seen[-400:]!r}")


def _drain(fd: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return


def _start_app(db: Path) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the app on the terminal
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="36")
        env.pop("TEXTUAL", None)
        os.execve(sys.executable, [sys.executable, "-m", "interview_tui", "--db", str(db)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    return pid, fd


@contextmanager
def app_on_a_terminal(db: Path) -> Iterator[tuple[int, int]]:
    """The app as a child on a pseudo-terminal (its pid and the terminal's other side), killed
    should the test fail before it ends."""
    pid, fd = _start_app(db)
    try:
        yield pid, fd
    except BaseException:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        raise
    finally:
        os.close(fd)


def _wait_exit(pid: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("the app did not exit after the signal")


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_typed_notes_survive_a_terminating_signal(tmp_path: Path, signum: int) -> None:
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example", company="Northwind Labs"))

    pid, fd = _start_app(db)
    try:
        _read_until(fd, b"Alex Example", timeout=20)
        _drain(fd, 0.5)
        os.write(fd, b"n")  # new note for the selected contact; the cursor goes to the editor
        _drain(fd, 0.5)
        os.write(fd, TYPED.encode())
        _drain(fd, 0.1)  # well inside the pause after which the draft would save by itself
        os.kill(pid, signum)
        if signum == signal.SIGHUP:
            os.close(fd)  # the connection is gone: nothing reads the terminal any more
            fd = -1
        _wait_exit(pid, timeout=10)
    finally:
        if fd >= 0:
            os.close(fd)

    with Store.open(db) as store:
        contact = store.find_contact("Alex Example")
        [interview] = store.interviews(contact.id)
        first_question = store.questions()[0]
    # Quick capture puts the cursor under the first unanswered question: that is where it went.
    assert interview.answers == {str(first_question.id): TYPED}


@pytest.mark.slow
def test_a_half_typed_form_survives_a_hang_up(tmp_path: Path) -> None:
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example", company="Northwind Labs"))

    pid, fd = _start_app(db)
    try:
        _read_until(fd, b"Alex Example", timeout=20)
        _drain(fd, 0.5)
        os.write(fd, b"a")  # the add-contact form, its name field focused
        _drain(fd, 0.5)
        os.write(fd, b"Dana Example")
        _drain(fd, 0.2)
        os.kill(pid, signal.SIGHUP)
        os.close(fd)
        fd = -1
        _wait_exit(pid, timeout=10)
    finally:
        if fd >= 0:
            os.close(fd)

    [rescued] = tmp_path.glob("workspace.json.unsaved-*.txt")
    assert "  Name: Dana Example" in rescued.read_text()
    with Store.open(db) as store:
        assert [c.name for c in store.contacts()] == ["Alex Example"]  # nothing half-typed stored


def _start_app_on_a_plain_terminal(db: Path) -> tuple[subprocess.Popen[bytes], int]:
    """The app with a pseudo-terminal for its input and output that is not its controlling
    terminal: closing the other side then ends its input (reads fail) without any SIGHUP, so
    only noticing the end of input can make it save and leave."""
    master, slave = pty.openpty()
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="36")
    env.pop("TEXTUAL", None)
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "interview_tui", "--db", str(db)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,  # a session without a controlling terminal
        )
    finally:
        os.close(slave)
    return child, master


@pytest.mark.slow
def test_typed_notes_survive_the_terminal_closing_without_a_signal(tmp_path: Path) -> None:
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example", company="Northwind Labs"))

    child, fd = _start_app_on_a_plain_terminal(db)
    try:
        _read_until(fd, b"Alex Example", timeout=20)
        _drain(fd, 0.5)
        os.write(fd, b"n")
        _drain(fd, 0.5)
        os.write(fd, TYPED.encode())
        _drain(fd, 0.1)
        os.close(fd)  # the terminal is gone: the app's next read fails
        fd = -1
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise AssertionError("the app kept running after its terminal closed") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if child.poll() is None:
            child.kill()
            child.wait()

    with Store.open(db) as store:  # the lock is free again
        contact = store.find_contact("Alex Example")
        [interview] = store.interviews(contact.id)
        first_question = store.questions()[0]
    assert interview.answers == {str(first_question.id): TYPED}


@pytest.mark.slow
@pytest.mark.parametrize(
    "signals",
    [(signal.SIGHUP, signal.SIGTERM), (signal.SIGHUP, signal.SIGHUP), (signal.SIGTERM, signal.SIGHUP)],
    ids=["SIGHUP then SIGTERM", "SIGHUP twice", "SIGTERM then SIGHUP"],
)
def test_one_ending_writes_one_rescue_file(tmp_path: Path, signals: tuple[int, int]) -> None:
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example", company="Northwind Labs"))

    pid, fd = _start_app(db)
    try:
        _read_until(fd, b"Alex Example", timeout=20)
        _drain(fd, 0.5)
        os.write(fd, b"a")
        _drain(fd, 0.5)
        os.write(fd, b"Dana Example")
        _drain(fd, 0.2)
        for signum in signals:
            os.kill(pid, signum)
        os.close(fd)  # and the terminal goes: one more SIGHUP, and the end of input
        fd = -1
        _wait_exit(pid, timeout=10)
    finally:
        if fd >= 0:
            os.close(fd)

    [rescued] = tmp_path.glob("workspace.json.unsaved-*.txt")
    assert "  Name: Dana Example" in rescued.read_text()
