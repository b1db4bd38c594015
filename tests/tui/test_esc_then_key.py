"""esc and the key typed right after it, arriving together (as keys typed quickly over SSH do),
act as the two keys they are: the terminal's encoding makes them alt and the key, which the
program binds to nothing. A keymap that binds that alt key keeps it.

The app runs as a real child process on a pseudo-terminal, the keys written as one read."""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual._xterm_parser import XTermParser

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui import keys
from interview_tui.tui.driver import as_typed

from .test_hangup import _drain, _read_until, _wait_exit, app_on_a_terminal


def test_esc_then_q_sent_at_once_leaves_the_dashboard_and_quits(tmp_path: Path) -> None:
    db = tmp_path / "workspace.json"
    with Store.open(db) as store:
        store.add_contact(Contact(name="Alex Example"))
    with app_on_a_terminal(db) as (pid, fd):
        _read_until(fd, b"Alex Example", timeout=20)
        _drain(fd, 0.3)
        os.write(fd, b"D")
        _read_until(fd, b"Dashboard", timeout=20)
        _drain(fd, 0.3)
        os.write(fd, b"\x1bq")
        status = _wait_exit(pid, timeout=20)
        assert os.waitstatus_to_exitcode(status) == 0


def _keys(data: str) -> list[str]:
    """The keys the driver gives for ``data`` read at once, once the parser has waited long
    enough to know that no more of an escape sequence is coming."""
    parser = XTermParser()
    events = [*parser.feed(data)]
    while not events:
        time.sleep(0.05)
        events += parser.tick()
    return [typed.key for event in events for typed in as_typed(parser, event)]


def test_an_alt_key_the_keymap_binds_stays_one_key() -> None:
    assert _keys("\x1bq") == ["escape", "q"]
    assert _keys("\x1bA") == ["escape", "A"]
    keys.use_keymap({"app.quit": "alt+q"})
    try:
        assert _keys("\x1bq") == ["alt+q"]
        assert _keys("\x1bA") == ["escape", "A"]
    finally:
        keys.use_keymap({})
