"""Snapshots of the main screens at 80x24 and 120x36, on the sample workspace with a fixed clock.

After a deliberate change to what the screen shows, review the difference in the report and
update with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core.demo import seed_demo
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp, make_app

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def demo_app(tmp_path: Path):
    store = Store.open(tmp_path / "workspace.json", clock=lambda: NOW)
    seed_demo(store)
    yield make_app(store, cursor_blink=False)
    store.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_main_screen(snap_compare, demo_app: InterviewApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_notes_pane_after_enter(snap_compare, demo_app: InterviewApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, press=["enter", "enter"])


def test_follow_up_queue_narrow(snap_compare, demo_app: InterviewApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), press=["shift+tab"])


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_add_contact_form(snap_compare, demo_app: InterviewApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, press=["a"])


def test_help_screen(snap_compare, demo_app: InterviewApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), press=["question_mark"])
