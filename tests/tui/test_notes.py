"""The notes pane: starting notes with `n`, and the draft saved without the user asking."""

from __future__ import annotations

import asyncio
import io
import itertools
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core import workflow
from interview_tui.core.models import Contact, InterviewStatus, Stage
from interview_tui.core.store import Store
from interview_tui.tui.app import make_app
from interview_tui.tui.widgets import notes
from interview_tui.tui.widgets.notes import DRAFT_MAX_WAIT, NotesEditor
from interview_tui.tui.widgets.title_bar import TitleBar

from .conftest import exit_messages, wait_for
from .test_format_characters import type_as_the_terminal_sends

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def notes_store(tmp_path: Path):
    store = Store.open(tmp_path / "notes.json", clock=lambda: NOW)
    store.add_contact(Contact(name="Alex Example", company="Northwind Labs"))
    store.add_contact(Contact(name="Sam Sample", company="Contoso"))
    yield store
    store.close()


def saved_notes(store: Store, name: str) -> list[str]:
    """What is on disk, read straight from the file, not what the app holds in memory."""
    data = json.loads(store.path.read_text())
    [contact_id] = [key for key, doc in data["contacts"].items() if doc["name"] == name]
    interviews = [doc for doc in data.get("interviews", {}).values() if str(doc["contact_id"]) == contact_id]
    # Everything written in a conversation: its answers in plan order, then its free notes.
    # (Fields at their defaults, no answers or no notes, are left out of the file.)
    texts = []
    for doc in sorted(interviews, key=lambda doc: doc["when"], reverse=True):
        answers = doc.get("answers", {})
        parts = [answers[str(q)] for q in doc.get("question_ids", []) if str(q) in answers]
        texts.append("\n\n".join([*parts, doc.get("notes", "")]).strip())
    return texts


async def test_n_opens_the_latest_conversation_at_the_first_empty_answer(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.focused, NotesEditor)
        editor = app.focused
        row, _ = editor.cursor_location
        assert editor.document.get_line(row - 1) == "## Tell me about your career path."
        await pilot.press(*"Great talk")
        contact = notes_store.find_contact("Alex Example")
        [interview] = notes_store.interviews(contact.id)
        assert interview.status is InterviewStatus.PLANNED  # notes alone do not say it happened
        assert notes_store.contact(contact.id).stage is Stage.IDENTIFIED
        # Answered: the next capture goes to the question after it.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        row, _ = editor.cursor_location
        assert editor.document.get_line(row - 1) == "## How did you get started in this field?"
        assert len(notes_store.interviews(contact.id)) == 1


async def test_n_after_a_call_opens_it_not_the_one_planned_for_next_week(notes_store: Store) -> None:
    """Found by a tester: with a second conversation planned for next week, the notes taken
    right after the first went into the one still to come."""
    alex = notes_store.find_contact("Alex Example").id
    assert alex is not None
    held = workflow.schedule_interview(notes_store, alex, "today 8am")
    workflow.mark_done(notes_store, held.id or 0)
    coming = workflow.schedule_interview(notes_store, alex, "next wed 3pm")
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"Send the portfolio by Friday", "escape")
        await wait_for(pilot, lambda: "Send the portfolio" in " ".join(notes_store.interview(held.id or 0).answers.values()))
    assert not any(notes_store.interview(coming.id or 0).answers.values())
    assert len(notes_store.interviews(alex)) == 2


async def test_a_contact_s_conversations_open_on_the_one_n_takes_notes_in(notes_store: Store) -> None:
    # With the newest row highlighted, the notes in sight were the next call's (empty) while n
    # typed into the one just held.
    alex = notes_store.find_contact("Alex Example").id
    assert alex is not None
    held = workflow.schedule_interview(notes_store, alex, "today 8am")
    workflow.mark_done(notes_store, held.id or 0)
    workflow.add_note(notes_store, alex, "Started in support")
    workflow.schedule_interview(notes_store, alex, "next wed 3pm")
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.screen
        await wait_for(pilot, lambda: main.notes_pane.current is not None)
        assert main.notes_pane.current.id == held.id
        assert "Started in support" in main.notes_pane.editor.text
        # Moved up to the next call by hand, it stays there as the notes are saved and shown again.
        await pilot.press("tab", "up")
        await wait_for(pilot, lambda: main.notes_pane.current.id != held.id)
        chosen = main.notes_pane.current.id
        main.refresh_notes()
        await pilot.pause()
        assert main.notes_pane.current.id == chosen


@pytest.mark.parametrize("size", [(80, 24), (40, 20)])
async def test_n_shows_the_question_above_the_answer_it_goes_to(notes_store: Store, size: tuple[int, int]) -> None:
    # Scrolled just far enough to show the cursor, the editor put the answer's line at its top
    # and the question above it out of sight.
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        for _ in range(2):  # the first conversation of the session, then a second look
            await pilot.press("n")
            await pilot.pause()
            editor = app.focused
            assert isinstance(editor, NotesEditor)
            row, _ = editor.cursor_location
            assert editor.document.get_line(row - 1) == "## Tell me about your career path."
            question = editor.wrapped_document.location_to_offset((row - 1, 0)).y
            answer = editor.wrapped_document.location_to_offset((row, 0)).y
            top = editor.scroll_offset.y
            assert top <= question and answer < top + editor.scrollable_content_region.height, (question, top)
            await pilot.press("escape")


async def test_tab_typed_in_the_notes_indents_and_the_words_after_it_stay_in_the_notes(notes_store: Store) -> None:
    """Found by a tester: tab left the editor for the next pane, and the letters typed after it
    ran as that pane's keys (an n opened the notes again; the words before it were lost)."""
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        editor = app.screen.query_one(NotesEditor)
        type_as_the_terminal_sends(app, "Next steps:\tsend portfolio")
        await wait_for(pilot, lambda: "portfolio" in editor.text)
        assert app.focused is editor
        row, _ = editor.cursor_location
        assert editor.document.get_line(row) == "Next steps: send portfolio"
        # shift+tab still moves to the pane before, the way out that is not a typing key.
        await pilot.press("shift+tab")
        assert app.focused is not editor
    assert "Next steps: send portfolio" in saved_notes(notes_store, "Alex Example")[0]


async def test_draft_is_saved_after_a_pause_in_typing(notes_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # The words come as a typist's do, at once, and the pause that saves is longer than a loaded
    # machine takes to handle them (pressed one at a time, two seconds apart at most, a draft of
    # "fi" was saved between two keys); the save every few seconds of steady typing is kept out
    # of the way.
    pause = 5.0
    monkeypatch.setattr(notes, "DRAFT_DELAY", pause)
    monkeypatch.setattr(notes, "DRAFT_MAX_WAIT", 600.0)
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        editor = app.screen.query_one(NotesEditor)
        writes_before = notes_store.storage.writes
        type_as_the_terminal_sends(app, "first thoughts")
        await wait_for(pilot, lambda: "first thoughts" in editor.text)
        assert notes_store.storage.writes == writes_before  # not at each key
        assert saved_notes(notes_store, "Alex Example") == [""]
        await wait_for(pilot, lambda: notes_store.storage.writes > writes_before, timeout=20)
        # One save, once the typing stopped, of every word.
        assert saved_notes(notes_store, "Alex Example") == ["first thoughts"]
        await pilot.pause(0.5)
        assert notes_store.storage.writes == writes_before + 1


async def test_steady_typing_is_saved_every_two_seconds_without_waiting_for_a_pause(
    notes_store: Store, monkeypatch
) -> None:
    # Someone typing with no half-second pause, then killed (the memory killer, a laptop dying),
    # lost everything typed since the last pause. The pause that saves is made longer than the
    # test, so however a loaded machine spaces the keys only the longest wait can save here.
    monkeypatch.setattr(notes, "DRAFT_DELAY", 60.0)
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen.query_one(NotesEditor)
        writes_before = notes_store.storage.writes
        undo_steps = len(notes_store.history)  # starting the notes is one
        loop = asyncio.get_running_loop()
        letters = itertools.cycle("steady words ")
        typed = ""

        async def type_until_saved(already: str) -> str:
            nonlocal typed
            started = loop.time()
            while (kept := saved_notes(notes_store, "Alex Example")) == [already]:
                assert loop.time() - started < DRAFT_MAX_WAIT + 1.5, f"not saved after {loop.time() - started:.1f}s of typing"
                letter = next(letters)
                await pilot.press(letter)
                typed += letter
                await asyncio.sleep(0.05)
            [text] = kept
            return text

        first = await type_until_saved("")
        assert first and typed.startswith(first)
        assert notes_store.storage.writes == writes_before + 1  # one save, not one per key
        # Typing goes on: the next save comes as soon, from the first key after the last one.
        second = await type_until_saved(first)
        assert second.startswith(first) and len(second) > len(first) and typed.startswith(second)
        assert notes_store.storage.writes == writes_before + 2
        # Nothing shows the saves: the text and the cursor are as typed, no step to undo is
        # added, and no notice.
        assert editor.text.count(typed) == 1 and editor.document.get_line(editor.cursor_location[0]).endswith(typed)
        assert len(notes_store.history) == undo_steps
        assert not app._notifications


async def test_draft_is_saved_when_focus_leaves_the_editor(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"left quickly", "escape")
        await pilot.pause()
        assert saved_notes(notes_store, "Alex Example") == ["left quickly"]


async def test_draft_is_saved_on_quit(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"typed then quit")
        await app.action_quit()
    assert saved_notes(notes_store, "Alex Example") == ["typed then quit"]


async def test_switching_contact_keeps_each_contacts_notes(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"about alex", "escape", "shift+tab", "j")
        await pilot.pause()
        await pilot.press("n", *"about sam", "escape")
        await pilot.pause()
    assert saved_notes(notes_store, "Alex Example") == ["about alex"]
    assert saved_notes(notes_store, "Sam Sample") == ["about sam"]


async def test_notes_reload_after_restart(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"kept across restarts", "escape")
        await pilot.pause()
    again = make_app(notes_store, cursor_blink=False)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = again.screen.query_one(NotesEditor).text
        assert "## Tell me about your career path.\nkept across restarts\n" in text


async def test_escape_sequences_typed_into_notes_are_not_stored(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen.query_one(NotesEditor)
        editor.insert("line one\n\x1b]0;evil title\x07line two\x1b[2J")
        await pilot.press("escape")
        await pilot.pause()
    [notes] = saved_notes(notes_store, "Alex Example")
    assert "\x1b" not in notes and "\x07" not in notes
    assert notes == "line one\nline two"


async def test_quit_refuses_once_when_notes_cannot_be_saved(notes_store: Store, monkeypatch) -> None:
    import errno
    import os

    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"precious words")
        await pilot.pause()

        def disk_full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", disk_full)
        await app.action_quit()
        await pilot.pause()
        assert app.is_running, "the first quit must not throw unsaved notes away"
        assert any("could not be saved" in n.message for n in app._notifications)
        monkeypatch.undo()
        await app.action_quit()  # the disk has room again: this one saves, then quits
    assert saved_notes(notes_store, "Alex Example") == ["precious words"]


async def test_notes_that_cannot_be_saved_are_kept_and_saved_by_themselves_once_they_can(
    notes_store: Store, monkeypatch
) -> None:
    import errno
    import tempfile

    from interview_tui.tui.screens import main as main_screen

    monkeypatch.setattr(main_screen, "SAVE_RETRY_SECONDS", 0.2)
    real_mkstemp = tempfile.mkstemp

    attempts: list[object] = []

    def read_only_directory(*args, **kwargs):
        attempts.append(args)
        raise PermissionError(errno.EACCES, "Permission denied")

    def not_saved_yet() -> list:
        return [n for n in app._notifications if n.title == "Not saved yet"]

    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        before = notes_store.path.read_bytes()
        monkeypatch.setattr(tempfile, "mkstemp", read_only_directory)
        await pilot.press(*"precious words")
        await wait_for(pilot, lambda: not_saved_yet())  # the draft's save, after typing stops
        assert notes_store.path.read_bytes() == before  # the last good file, intact
        failures = not_saved_yet()
        assert len(failures) == 1 and "Permission denied" in failures[0].message
        tried = len(attempts)
        await wait_for(pilot, lambda: len(attempts) > tried + 1)  # retried twice, quietly
        assert len(not_saved_yet()) == 1
        # The message goes after a while; the title says it for as long as it lasts.
        title = app.main_screen.query_one(TitleBar).render()
        assert str(title).startswith("interview-tui — NOT SAVED, retrying · ")

        monkeypatch.setattr(tempfile, "mkstemp", real_mkstemp)  # the directory is writable again
        await wait_for(pilot, lambda: saved_notes(notes_store, "Alex Example") == ["precious words"])
        # No key pressed: the retry. Its notice comes once the app hears the write is done, which
        # on a loaded machine is after the file already holds it.
        await wait_for(pilot, lambda: any(n.title == "Saved" for n in app._notifications))
        await pilot.pause()
        assert "NOT SAVED" not in str(app.main_screen.query_one(TitleBar).render())


# Every word typed is kept; moving between answers --------------------------------------------


def saved_answers(store: Store, name: str) -> dict[str, str]:
    """The answers of the contact's one conversation as the file has them, by question text."""
    data = json.loads(store.path.read_text())
    [contact_id] = [key for key, doc in data["contacts"].items() if doc["name"] == name]
    [interview] = [doc for doc in data["interviews"].values() if str(doc["contact_id"]) == contact_id]
    bank = {str(q.id): q.text for q in store.questions(include_retired=True)}
    return {bank[qid]: text for qid, text in interview.get("answers", {}).items()}


def line_above_cursor(editor: NotesEditor) -> str:
    row, _ = editor.cursor_location
    return editor.document.get_line(row - 1)


async def reopen(pilot, app) -> NotesEditor:  # type: ignore[no-untyped-def]
    """Leave the editor, then open the conversation again with n: it is read back from the store."""
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    return app.screen.query_one(NotesEditor)


async def test_typing_on_after_down_down_goes_into_the_next_answer_and_is_kept(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"Great talk", "down", "down")
        await pilot.pause()
        editor = app.screen.query_one(NotesEditor)
        # Not on the next question's heading: under it.
        assert line_above_cursor(editor) == "## How did you get started in this field?"
        await pilot.press(*"I started in 2010", "escape")
        await pilot.pause()
        assert saved_answers(notes_store, "Alex Example") == {
            "Tell me about your career path.": "Great talk",
            "How did you get started in this field?": "I started in 2010",
        }
        editor = await reopen(pilot, app)
        assert "## Tell me about your career path.\nGreat talk\n" in editor.text
        assert "## How did you get started in this field?\nI started in 2010\n" in editor.text


async def test_backspace_at_the_start_of_an_answer_never_joins_it_onto_the_question(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"Teacher, then a bootcamp", "home", "backspace", "backspace", "escape")
        await pilot.pause()
        assert saved_answers(notes_store, "Alex Example") == {"Tell me about your career path.": "Teacher, then a bootcamp"}
        editor = await reopen(pilot, app)
        assert editor.text.startswith("## Tell me about your career path.\nTeacher, then a bootcamp\n")


async def test_text_typed_onto_a_heading_anyway_is_kept_as_the_start_of_the_answer(notes_store: Store) -> None:
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        # Left from the start of the first answer reaches the end of its question's line.
        await pilot.press("n", "left", *" Alex said hi", "escape")
        await pilot.pause()
        assert saved_answers(notes_store, "Alex Example") == {"Tell me about your career path.": "Alex said hi"}
        editor = await reopen(pilot, app)
        assert editor.text.startswith("## Tell me about your career path.\nAlex said hi\n")


async def test_ctrl_down_and_ctrl_up_move_between_answers(notes_store: Store) -> None:
    from interview_tui.core.questions import DEFAULT_QUESTIONS

    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"one")
        await pilot.pause()
        editor = app.screen.query_one(NotesEditor)
        assert line_above_cursor(editor) == f"## {DEFAULT_QUESTIONS[0]}"
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert line_above_cursor(editor) == f"## {DEFAULT_QUESTIONS[1]}"
        assert editor.cursor_location[1] == 0
        await pilot.press(*"two", "ctrl+down", "ctrl+down")
        await pilot.pause()
        assert line_above_cursor(editor) == f"## {DEFAULT_QUESTIONS[3]}"
        await pilot.press(*(["ctrl+down"] * len(DEFAULT_QUESTIONS)))
        await pilot.pause()
        assert line_above_cursor(editor) == "## Key takeaways"  # the last section: it stays there
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert line_above_cursor(editor) == "## Notes"
        for _ in range(len(DEFAULT_QUESTIONS) - 1):
            await pilot.press("ctrl+up")
        await pilot.pause()
        assert line_above_cursor(editor) == f"## {DEFAULT_QUESTIONS[1]}"
        assert editor.document.get_line(editor.cursor_location[0]) == "two"
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.pause()
        assert line_above_cursor(editor) == f"## {DEFAULT_QUESTIONS[0]}"
        assert app.focused is editor


async def test_the_editor_keys_are_in_the_key_bar_and_the_help_screen(notes_store: Store) -> None:
    from interview_tui.tui.screens.help import HelpScreen
    from interview_tui.tui.widgets.key_bar import KeyBar

    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        hints = [hint.description for hint in app.screen.query_one(KeyBar)._collect_hints()]
        assert "Next answer" in hints and "Previous answer" in hints
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = help_text(app.screen)
        group = listed[listed.index("Notes editor") :]
        assert re.search(r"ctrl\+down +Next answer", group) and re.search(r"ctrl\+up +Previous answer", group)


def help_text(screen) -> str:  # type: ignore[no-untyped-def]
    """The help screen's table of keys, as text, whether or not it is scrolled into view."""
    from rich.console import Console

    [table] = [static.content for static in screen.query("#help-body Static")]
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(table)
    return console.export_text()


async def test_notes_started_with_n_are_listed_as_notes_not_as_a_planned_conversation(notes_store: Store) -> None:
    """Found by a tester: notes started with n showed as "20 min video planned" in the list of
    conversations, though no conversation was planned (it is on no agenda)."""
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"met at a fair", "escape")
        listing = app.main_screen.notes_pane.interview_list
        await wait_for(pilot, lambda: "2026" in str(listing.render_line(0).text))
        row = str(listing.render_line(0).text)
        assert "notes" in row and "no time agreed" in row
        assert "planned" not in row and "min video" not in row


def _full_disk_for(monkeypatch, workspace: Path) -> None:
    """The workspace's file can no longer be replaced (its disk is full); other files can."""
    import errno
    import os

    real_replace = os.replace

    def replace(source, target, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(target) == workspace:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


async def test_quitting_again_leaves_the_unsaved_notes_in_a_rescue_file_named_on_the_way_out(
    notes_store: Store, monkeypatch
) -> None:
    # A second q used to leave without them: a quick double q lost the notes on a full disk.
    from interview_tui.core.rescue import find_rescues

    app = make_app(notes_store, cursor_blink=False)
    said = exit_messages(app)
    async with app.run_test(size=(120, 36)) as pilot:
        # The disk full before the words are typed: a save while they are typed (at most two
        # seconds after the first) fails too, and they are still unsaved when q comes.
        _full_disk_for(monkeypatch, notes_store.path)
        await pilot.press("n", *"precious words [bold]kept[/bold]")
        await pilot.pause()
        await pilot.press("escape", "q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
    [rescued] = find_rescues(notes_store.path)
    assert "precious words [bold]kept[/bold]" in rescued.read_text()
    assert said == [f"interview-tui: your notes could not be saved in the workspace; they are kept in {rescued}"]


async def test_when_no_file_can_keep_them_the_unsaved_notes_are_shown_on_the_way_out(notes_store: Store, monkeypatch) -> None:
    import errno
    import os

    def nothing_can_be_written(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_app(notes_store, cursor_blink=False)
    said = exit_messages(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"the only copy")
        await pilot.pause()
        monkeypatch.setattr(os, "replace", nothing_can_be_written)
        await pilot.press("escape", "q", "q")
        await pilot.pause()
    [message] = said
    assert message.startswith("interview-tui: your notes could not be saved, and no file could be written")
    assert "the only copy" in message


async def test_words_typed_after_a_refused_quit_make_the_next_quit_warn_again(notes_store: Store, monkeypatch) -> None:
    # The warning was about the notes typed before it; a q a moment after more words went
    # without them. The window is made long, so that only the words typed can make it warn again
    # (and the first warning is still shown) however slowly the test runs.
    from interview_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "QUIT_AGAIN_WINDOW", 600.0)
    app = make_app(notes_store, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *"first words")
        await pilot.pause()
        _full_disk_for(monkeypatch, notes_store.path)
        await pilot.press("escape", "q")
        await pilot.pause()
        await pilot.press("n", *" and later ones", "escape", "q")
        await pilot.pause()
        assert app.is_running
        warnings = [n for n in app._notifications if n.title == "Not quitting yet"]
        assert len(warnings) == 2
        monkeypatch.undo()
        await pilot.press("q")  # the disk has room: saved, and gone
        await pilot.pause()
    [notes] = saved_notes(notes_store, "Alex Example")
    assert "first words" in notes and "and later ones" in notes
