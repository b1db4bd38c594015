"""The app opens a workspace a merge left with links to a contact that is gone, and shows such a
link as "unknown contact" wherever it follows one: the notes heading, the follow-ups, the
referral tree, the answers side by side and the dashboard. Nothing is rewritten."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from rich.console import Console

from interview_tui.core.store import Store
from interview_tui.tui.screens.answers import AnswersScreen
from interview_tui.tui.screens.dashboard import DashboardScreen
from interview_tui.tui.screens.referrals import ReferralTreeScreen

SIZE = (120, 36)

DANGLING = {
    "meta": {"1": {"schema_version": 1}},
    "questions": {"1": {"order": 0, "text": "Tell me about your career path."}},
    "contacts": {
        # Referred by contact 99, who is no longer in the file.
        "1": {"name": "Alex Example", "referred_by": 99, "relationship": "referral", "stage": "interviewed"},
        "2": {"name": "Sam Sample", "referred_by": 1, "stage": "thanked"},
    },
    "interviews": {
        "1": {"contact_id": 1, "when": "2026-11-20T10:00:00", "status": "done", "question_ids": [1, 999],
              "answers": {"1": "I studied design", "999": "an answer to a question since removed"}},
        "2": {"contact_id": 99, "when": "2026-11-21T10:00:00", "status": "done", "question_ids": [1],
              "answers": {"1": "an answer from someone gone"}},
    },
    "followups": {
        "1": {"contact_id": 99, "due": "2026-11-20T10:00:00", "kind": "thank_you", "interview_id": 2},
        "2": {"contact_id": 1, "due": "2026-11-23T10:00:00", "kind": "referral", "interview_id": 777},
    },
    "touches": {
        "1": {"contact_id": 99, "kind": "met", "at": "2026-09-01T10:00:00"},
        "2": {"contact_id": 1, "kind": "met", "at": "2026-11-20T10:00:00"},
    },
}


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """Everything the terminal shows, modal screens included, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens, simplify=True))
    return console.export_text()


@pytest.fixture
def raw(tmp_path: Path) -> bytes:
    data = json.dumps(DANGLING, indent=2).encode()
    (tmp_path / "w.json").write_bytes(data)
    return data


@pytest.fixture
def store(tmp_path: Path, raw: bytes, now: datetime) -> Iterator[Store]:
    opened = Store.open(tmp_path / "w.json", clock=lambda: now)
    yield opened
    opened.close()


async def test_the_app_opens_and_shows_the_referrer_and_the_follow_up_as_unknown(
    store: Store, make_test_app, raw: bytes, tmp_path: Path
) -> None:
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "referred by unknown contact" in shown  # the notes heading of Alex, selected first
        assert any("unknown contact" in line and "thank you" in line for line in shown.splitlines())
        await pilot.press("q")
    assert (tmp_path / "w.json").read_bytes() == raw


async def test_the_referral_tree_shows_whose_referrer_is_unknown(store: Store, make_test_app) -> None:
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReferralTreeScreen)
        shown = screen_text(app)
        assert "▾ Alex Example (referred by unknown contact)" in shown
        assert "Sam Sample" in shown


async def test_answers_count_only_what_they_list(store: Store, make_test_app) -> None:
    """An answer in a conversation of someone gone is not listed under the question, so it is
    not counted either."""
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, AnswersScreen)
        shown = screen_text(app)
        assert "1 answer" in shown and "2 answers" not in shown
        assert "I studied design" in shown


async def test_the_dashboard_names_an_overdue_follow_up_of_someone_gone(store: Store, make_test_app) -> None:
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert any("unknown contact" in line and "thank you" in line for line in screen_text(app).splitlines())
