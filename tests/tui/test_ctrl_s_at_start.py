"""ctrl+s typed while the program is still starting saves the form it closes, as it would a
moment later, rather than being taken by the terminal as "stop output" (which loses the save and
leaves a screen that seems frozen). The terminal is as it was once the program ends.

The app runs as a real child process on a pseudo-terminal, whose settings the test can read."""

from __future__ import annotations

import os
import termios
import time
from pathlib import Path

from interview_tui.core.models import Contact
from interview_tui.core.store import Store

from .test_hangup import _drain, _wait_exit, app_on_a_terminal


def _starting_with_flow_control_off(fd: int, timeout: float = 20.0) -> None:
    """Wait for the moment the program has started but the app has not yet taken the terminal
    over: flow control off, lines still read whole (the app's raw mode turns both off)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        flags, _, _, local = termios.tcgetattr(fd)[:4]
        if not flags & termios.IXON and local & termios.ICANON:
            return
        if not local & termios.ICANON:
            raise AssertionError("the app took the terminal over with flow control never turned off before")
        time.sleep(0.0005)
    raise AssertionError("the program never turned flow control off")


def test_a_contact_typed_and_saved_while_the_program_starts_is_saved(tmp_path: Path) -> None:
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example"))
    with app_on_a_terminal(db) as (pid, fd):
        _starting_with_flow_control_off(fd)
        os.write(fd, b"aSam Sample\x13")
        deadline = time.monotonic() + 30
        while b"Sam Sample" not in db.read_bytes():
            assert time.monotonic() < deadline, "the contact was never saved"
            _drain(fd, 0.1)
        _drain(fd, 0.3)
        os.write(fd, b"q")
        status = _wait_exit(pid, timeout=20)
        assert os.waitstatus_to_exitcode(status) == 0
        # Put back as it was: flow control on again for the shell.
        assert termios.tcgetattr(fd)[0] & termios.IXON
    with Store.open(db) as store:
        assert sorted(c.name for c in store.contacts()) == ["Alex Example", "Sam Sample"]


def test_enter_typed_while_the_program_starts_is_enter(tmp_path: Path) -> None:
    """Found by a tester: the terminal, as the shell left it, hands Enter on as a line feed
    (ctrl+j), so two lines of notes typed at once after start ran together, and an enter in the
    search did nothing. For the app, Enter is kept as Enter from the first moment, and nothing
    typed is echoed onto the shell's screen."""
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example"))
    with app_on_a_terminal(db) as (pid, fd):
        _starting_with_flow_control_off(fd)
        flags, _, _, local = termios.tcgetattr(fd)[:4]
        assert not flags & termios.ICRNL and not local & termios.ECHO
        os.write(fd, b"nEarly one\rEarly two\x1b")
        deadline = time.monotonic() + 30
        while b"Early two" not in db.read_bytes():
            assert time.monotonic() < deadline, "the notes were never saved"
            _drain(fd, 0.1)
        _drain(fd, 0.3)
        os.write(fd, b"q")
        status = _wait_exit(pid, timeout=20)
        assert os.waitstatus_to_exitcode(status) == 0
        flags, _, _, local = termios.tcgetattr(fd)[:4]
        assert flags & termios.ICRNL and local & termios.ECHO  # put back for the shell
    with Store.open(db) as store:
        [conversation] = store.all_interviews()
        assert "Early one\nEarly two" in conversation.notes + "".join(conversation.answers.values())
