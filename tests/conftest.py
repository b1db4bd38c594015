"""Fixtures for every test: a stopped, movable clock and a workspace opened at it.

A folder's own conftest (the TUI's, the formats') may define a ``store`` of its own; these are
the ones every core test starts from.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import Clock, open_store
from hypothesis import settings

from interview_tui.core.store import Store

# Hypothesis fails an example that takes longer than 200 ms: a time limit, which a loaded machine
# crosses with nothing wrong in the code (a search property failed so under load). No test here
# asserts a time; benchmarks/ measures them.
settings.register_profile("no-time-limits", deadline=None)
settings.load_profile("no-time-limits")


@pytest.fixture(autouse=True)
def _private_state_directory(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rescue files that cannot go beside their workspace go to the user's state directory (see
    core/rescue.py): a test's never reach the real one."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def clock() -> Clock:
    """Stopped at Wednesday 25 November 2026, 10:00 (``builders.NOW``); ``clock.advance(days=2)``
    moves it."""
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a workspace file goes; nothing exists there yet."""
    return tmp_path / "w.json"


@pytest.fixture
def store(db_path: Path, clock: Clock) -> Iterator[Store]:
    """A new workspace at ``db_path``, its clock ``clock``."""
    with open_store(db_path, clock) as opened:
        yield opened


@pytest.fixture
def berlin() -> Iterator[None]:
    """The machine's zone is Europe/Berlin for the test, then what it was before: its clocks go
    forward at 02:00 on the last Sunday of March and back at 03:00 on the last Sunday of October."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
