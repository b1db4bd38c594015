"""The app reads the follow-ups after its first frame (the command opens the workspace so, see
cli._run_app): the pane says so meanwhile, the queue comes as soon as they are read, and a file
found damaged then ends the app as opening would have, with nothing written and what was typed
into a form kept."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_tui.core.errors import WorkspaceUnreadable
from interview_tui.core.rescue import find_rescues
from interview_tui.core.store import Store
from interview_tui.tui import form_cache
from interview_tui.tui.app import InterviewApp, make_app
from interview_tui.tui.screens.contact_form import ContactForm

from .conftest import NOW, SIZE, wait_for

DAMAGED = (
    b'{"meta": {"1": {"schema_version": 1, "workspace_id": "ws-test"}}, "questions": {"1": {"text": "Q", "order": 0}}, '
    b'"contacts": {"1": {"name": "Alex Example"}}, '
    b'"followups": {"1": {"contact_id": 1, "due": "2026-11-25T10:00:00", "note": "Send the card"}, '
    b'"2": {"contact_id": 1, "due": "soon"}}}'
)


def _held_back(monkeypatch) -> set[str]:  # type: ignore[no-untyped-def]
    """Hold the app's reading back, as if the table were large, until the set returned is
    cleared (the work after the first frame waits meanwhile, and looks again now and then)."""
    hold = {"held"}
    real = InterviewApp._reading_later

    def reading(self: InterviewApp) -> Iterator[object]:
        while hold:
            yield form_cache.WAIT
        yield from real(self)

    monkeypatch.setattr(InterviewApp, "_reading_later", reading)
    return hold


def _send(app: InterviewApp, key: str) -> None:
    """A key as the terminal sends it; not pilot.press, which would wait on an app that ends."""
    from textual import events

    event = events.Key(key, key)
    event.set_sender(app)
    app._driver.send_message(event)


def _opened_as_the_command_does(path: Path) -> Store:
    return Store.open(path, clock=lambda: NOW, later=("interviews", "followups"))


async def _panes_shown(store: Store) -> tuple[str, list[str], list[str]]:
    """The follow-up pane's count and rows, and the notes pane's conversations of the contact
    the list starts on (the sample's first has two), once nothing is left to read."""
    app = make_app(store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        queue, notes = app.main_screen.followups_pane, app.main_screen.notes_pane
        # Read after the first dialog is built ahead, between frames: 0.4 s alone, and once past
        # 5 s in the whole suite on two loaded cores. The panes are compared once it is done.
        await wait_for(
            pilot, lambda: not store.tables_read_later() and not queue.reading and not notes.reading, timeout=20.0
        )
        rows = [str(queue.followup_list.render_line(y).text) for y in range(len(queue.followup_list.rows))]
        conversations = [str(notes.interview_list.render_line(y).text) for y in range(3)]
        return str(queue.border_subtitle), rows, conversations


async def test_the_follow_ups_read_after_the_first_frame_are_shown_once_read(demo_store: Store) -> None:
    expected = await _panes_shown(demo_store)
    demo_store.close()
    store = _opened_as_the_command_does(demo_store.path)
    try:
        assert store.tables_read_later() == ["interviews", "followups"]
        assert await _panes_shown(store) == expected
    finally:
        store.close()
    assert "No reply to the ask yet" in "".join(expected[1])
    assert "Reading" not in "".join(expected[2]) and expected[2][0].strip()


async def test_a_follow_up_added_before_they_are_all_read_is_saved_with_all_the_others(
    demo_store: Store, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    demo_store.close()
    store = _opened_as_the_command_does(demo_store.path)
    # The reading held back (as if the table were large) until the follow-up is saved.
    hold = _held_back(monkeypatch)
    try:
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            assert app.main_screen.followups_pane.reading and app.main_screen.notes_pane.reading
            assert "Reading the conversations" in str(app.main_screen.notes_pane.interview_list.render_line(0).text)
            await pilot.press("f", *"today", "tab", "tab", *"Ask about the course", "ctrl+s")
            await wait_for(pilot, lambda: app.screen is app.main_screen)
            hold.clear()
            await wait_for(pilot, lambda: not app.main_screen.followups_pane.reading)
            rows = app.main_screen.followups_pane.followup_list.rows
            assert "Ask about the course" in [getattr(row, "followup", row).note for row in rows if hasattr(row, "followup")]
    finally:
        store.close()
    with Store.open(demo_store.path, clock=lambda: NOW) as reopened:
        notes = [f.note for f in reopened.followups()]
    assert "Ask about the course" in notes and "No reply to the ask yet" in notes and len(notes) == 5


async def test_a_damaged_follow_up_found_after_the_first_frame_ends_the_app_as_opening_would(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED)
    store = _opened_as_the_command_does(path)
    try:
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.found_unreadable is not None)
        assert app.return_code == 1
        assert isinstance(app.found_unreadable, WorkspaceUnreadable)
        assert 'followups record 2, field "due"' in str(app.found_unreadable)
        assert "the file was left untouched" in str(app.found_unreadable)
    finally:
        store.close()
    assert path.read_bytes() == DAMAGED
    assert find_rescues(path) == []  # no form was open: nothing to keep


async def test_a_form_open_when_the_damage_is_found_is_kept_in_a_rescue_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED)
    store = _opened_as_the_command_does(path)
    hold = _held_back(monkeypatch)
    try:
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a", *"Sam Sample")
            await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
            hold.clear()
            await wait_for(pilot, lambda: app.found_unreadable is not None)
    finally:
        store.close()
    assert path.read_bytes() == DAMAGED
    [rescued] = find_rescues(path)
    assert "  Name: Sam Sample" in rescued.read_text()
    assert str(app.found_unreadable).endswith(f"What you had typed is kept in {rescued}.")


def test_the_command_says_what_is_wrong_as_it_does_for_a_file_refused_at_opening(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    from textual.app import App

    from interview_tui import cli

    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED)
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)
    monkeypatch.setattr(InterviewApp, "run", lambda self, **_: App.run(self, headless=True, size=SIZE))
    assert cli.main(["--db", str(path)]) == 1
    said = capsys.readouterr().err
    assert said.startswith("interview-tui: ") and 'followups record 2, field "due"' in said
    assert "the file was left untouched" in said
    assert path.read_bytes() == DAMAGED


async def test_what_lives_for_the_session_is_frozen_only_once_every_table_is_read(demo_store: Store) -> None:
    """The program freezes what is made after the first frame for the garbage collector (see
    cli._run_app): the records read then, once nothing is left to read, and each dialog built
    ahead; a frozen object is never freed, so nothing is frozen while a table is half read."""
    demo_store.close()
    store = _opened_as_the_command_does(demo_store.path)
    left_to_read: list[list[str]] = []
    try:
        app = make_app(store, cursor_blink=False, freeze_long_lived=lambda: left_to_read.append(store.tables_read_later()))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: len(left_to_read) >= 2 and not store.tables_read_later())
        assert left_to_read and all(not left for left in left_to_read[1:])
        assert [] in left_to_read
    finally:
        store.close()


DAMAGED_CONVERSATION = (
    b'{"meta": {"1": {"schema_version": 1, "workspace_id": "ws-test"}}, "questions": {"1": {"text": "Q", "order": 0}}, '
    b'"contacts": {"1": {"name": "Alex Example"}}, '
    b'"interviews": {"1": {"contact_id": 1, "when": "2026-11-25T10:00:00"}, "2": {"contact_id": 1, "when": "2026-02-30T10:00:00"}}}'
)


async def test_a_view_that_finds_the_damage_first_ends_the_app_with_the_message(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The dashboard reads every conversation: opened while they are still to be read, it is
    what finds a damaged one, and the app ends as the reading would have ended it."""
    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED_CONVERSATION)
    store = _opened_as_the_command_does(path)
    _held_back(monkeypatch)
    try:
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            _send(app, "D")
            await wait_for(pilot, lambda: app.found_unreadable is not None)
        assert app.return_code == 1
        assert 'interviews record 2, field "when"' in str(app.found_unreadable)
    finally:
        store.close()
    assert path.read_bytes() == DAMAGED_CONVERSATION


async def test_quitting_while_the_tables_are_read_says_the_file_is_damaged(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED_CONVERSATION)
    store = _opened_as_the_command_does(path)
    _held_back(monkeypatch)
    try:
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("q")
            await wait_for(pilot, lambda: app.found_unreadable is not None)
        assert app.return_code == 1
    finally:
        store.close()
    assert path.read_bytes() == DAMAGED_CONVERSATION


@pytest.mark.parametrize("key_name", ["D", "R"], ids=["dashboard", "referral tree"])
async def test_a_view_worked_out_on_another_thread_reads_the_tables_here_first(
    tmp_path: Path, monkeypatch, key_name: str
) -> None:  # type: ignore[no-untyped-def]
    """The dashboard and the referral tree work their figures out on another thread; the store
    is read on one thread at a time, so what is left to read is read before they start, and a
    damaged table ends the app with its message rather than being read by two threads at once."""
    import importlib

    screen_module = importlib.import_module(
        "interview_tui.tui.screens." + {"D": "dashboard", "R": "referrals"}[key_name]
    )
    monkeypatch.setattr(screen_module, "IN_THE_BACKGROUND_FROM", 0)  # as for a large workspace
    path = tmp_path / "w.json"
    path.write_bytes(DAMAGED_CONVERSATION)
    store = _opened_as_the_command_does(path)
    _held_back(monkeypatch)
    read_on: list[str] = []
    real = store.read_everything
    monkeypatch.setattr(store, "read_everything", lambda: (read_on.append(threading.current_thread().name), real()))
    try:
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            _send(app, key_name)
            await wait_for(pilot, lambda: app.found_unreadable is not None)
        assert read_on and read_on[0] == threading.main_thread().name
        assert 'interviews record 2, field "when"' in str(app.found_unreadable)
    finally:
        store.close()
    assert path.read_bytes() == DAMAGED_CONVERSATION
