"""ctrl+e: the notes in your own editor. ``run_editor`` is tested with real subprocesses (small
Python scripts set as $EDITOR); the wiring in the app with it replaced, since a headless app
cannot really hand the terminal over."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

import pytest
from textual.widgets import TextArea

from interview_tui.tui import editor
from interview_tui.tui.editor import EditorResult, editor_command, run_editor
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.main import MainScreen

from .test_method import press, select

SIZE = (120, 36)


def script(tmp_path: Path, name: str, body: str) -> str:
    """An editor: a Python script that gets the file's path as its last argument."""
    path = tmp_path / name
    path.write_text(f"#!{sys.executable}\nimport os, sys, signal\npath = sys.argv[-1]\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def env_with(editor_command_line: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "EDITOR": editor_command_line}


def test_the_text_the_editor_saves_comes_back(tmp_path: Path) -> None:
    appending = script(tmp_path, "append.py", "open(path, 'a', encoding='utf-8').write('Zoë said: portfolio first\\n')")
    result = run_editor("## Question\nStarted in support.\n", env=env_with(appending))
    assert result == EditorResult("## Question\nStarted in support.\nZoë said: portfolio first\n")


def test_the_text_comes_back_without_the_direction_overrides_that_saving_removes(tmp_path: Path) -> None:
    # Written in the editor, they reversed the text after them in the box until it was saved,
    # as a paste's did; the direction marks stay, as saving keeps them.
    writing = script(
        tmp_path, "bidi.py", "open(path, 'a', encoding='utf-8').write('a \\u202edcba\\u202c b \\u2067x\\u2069 \\u200fmark\\n')"
    )
    result = run_editor("notes\n", env=env_with(writing))
    assert result == EditorResult("notes\na dcba b x \u200fmark\n")


def test_visual_comes_before_editor_and_arguments_are_kept(tmp_path: Path) -> None:
    marking = script(tmp_path, "mark.py", "open(path, 'a').write(' '.join(sys.argv[1:-1]))")
    env = env_with("false") | {"VISUAL": f"{marking} --wait -n"}
    assert run_editor("x", env=env).text == "x--wait -n"


def test_a_failing_editor_changes_nothing_and_what_it_wrote_is_kept_and_named(tmp_path: Path) -> None:
    failing = script(tmp_path, "fail.py", "open(path, 'w').write('half a thought')\nsys.exit(3)")
    result = run_editor("what was there", env=env_with(failing))
    assert result.text is None
    assert "exited with status 3" in result.message and "not taken" in result.message
    assert result.kept is not None and str(result.kept) in result.message
    assert result.kept.read_text() == "half a thought"
    assert stat.S_IMODE(result.kept.stat().st_mode) == 0o600  # other people's details in it


def test_text_the_editor_saved_in_another_encoding_is_kept_in_its_file_not_taken_changed(tmp_path: Path) -> None:
    # An editor set to Latin-1: "Zoë" as one byte, 0xeb. Read with U+FFFD in its place, the
    # name would be saved changed; taken as it is, it is not UTF-8.
    latin1 = script(tmp_path, "latin1.py", "open(path, 'ab').write('Zo\\xeb said: portfolio first\\n'.encode('latin-1'))")
    result = run_editor("notes\n", env=env_with(latin1))
    assert result.text is None
    assert result.kept is not None and str(result.kept) in result.message
    assert "byte 0xeb at line 2 column 3" in result.message
    assert result.kept.read_bytes() == "notes\nZoë said: portfolio first\n".encode("latin-1")
    assert stat.S_IMODE(result.kept.stat().st_mode) == 0o600


def test_a_killed_editor_changes_nothing(tmp_path: Path) -> None:
    killed = script(tmp_path, "killed.py", "os.kill(os.getpid(), signal.SIGKILL)")
    result = run_editor("what was there", env=env_with(killed))
    assert result.text is None and result.kept is None
    assert result.message == "The editor was stopped by SIGKILL. Nothing changed."


def test_no_editor_found_is_said_clearly() -> None:
    result = run_editor("x", env={"PATH": "/nonexistent"})
    assert result.text is None
    assert result.message.startswith("No editor found: set $VISUAL or $EDITOR")
    assert editor_command({"PATH": "/nonexistent"}) is None
    result = run_editor("x", env={"PATH": "", "EDITOR": "/nonexistent/editor"})
    assert result.text is None and result.message.startswith("Could not start the editor '/nonexistent/editor'")


# The wiring -------------------------------------------------------------------------------------


@pytest.fixture
def fake_editor(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """run_editor replaced: it records the text it was given and answers what the test says."""
    calls: list[str] = []
    answer: dict[str, object] = {}

    def fake(text: str, **_: object) -> EditorResult:
        calls.append(text)
        return answer["result"](text)  # type: ignore[operator]

    monkeypatch.setattr(editor, "run_editor", fake)
    return calls, answer


def no_suspend(app) -> None:  # type: ignore[no-untyped-def]
    app.suspend = contextlib.nullcontext  # Pilot cannot suspend; nothing else differs


async def test_ctrl_e_saves_the_draft_first_then_takes_the_editors_text_through_the_same_save(demo_store, make_test_app, fake_editor):
    calls, answer = fake_editor
    alex = demo_store.find_contact("Alex Example")
    [conversation] = demo_store.interviews(alex.id)
    app = make_test_app(demo_store)
    no_suspend(app)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "enter", "enter")
        notes = app.main_screen.notes_pane
        assert app.focused is notes.editor
        await press(pilot, *"Typed here")
        answer["result"] = lambda text: EditorResult(text.replace("Typed here", "Typed here, then in vim"))
        await press(pilot, "ctrl+e")
        # The draft was in the file before the editor started.
        assert calls and "Typed here" in calls[0]
        assert any("Typed here, then in vim" in a for a in demo_store.interview(conversation.id).answers.values())
        assert "Typed here, then in vim" in notes.editor.text
        # Every word of the other answers is still there.
        assert demo_store.interview(conversation.id).answers.keys() == conversation.answers.keys()
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("edit", ["adds a line", "changes nothing"])
async def test_back_from_the_editor_the_cursor_is_where_it_was(demo_store, make_test_app, fake_editor, edit):
    # It went to the very top: the words typed next landed before the first question.
    calls, answer = fake_editor
    app = make_test_app(demo_store)
    no_suspend(app)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "enter", "enter")
        editor = app.main_screen.notes_pane.editor
        await press(pilot, *"Typed here")
        before = editor.cursor_location
        if edit == "adds a line":
            answer["result"] = lambda text: EditorResult(text + "\nadded in vim")
        else:
            answer["result"] = lambda text: EditorResult(text)
        await press(pilot, "ctrl+e")
        assert app.focused is editor
        assert editor.cursor_location == before
        await press(pilot, *" and after")
        row, _ = before
        assert editor.document.get_line(row).endswith("Typed here and after")


async def test_ctrl_e_with_an_editor_that_fails_changes_nothing_and_says_so(demo_store, make_test_app, fake_editor):
    calls, answer = fake_editor
    alex = demo_store.find_contact("Alex Example")
    [conversation] = demo_store.interviews(alex.id)
    app = make_test_app(demo_store)
    no_suspend(app)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "enter", "enter")
        await press(pilot, *"Kept")
        answer["result"] = lambda text: EditorResult(None, "The editor exited with status 1. Nothing changed.")
        await press(pilot, "ctrl+e")
        before = demo_store.interview(conversation.id)
        assert any("Kept" in a for a in before.answers.values())  # the draft, saved first
        assert "Kept" in app.main_screen.notes_pane.editor.text
        assert [n.message for n in app._notifications][-1] == "The editor exited with status 1. Nothing changed."
        assert demo_store.interview(conversation.id) == before


async def test_ctrl_e_in_the_contact_form_edits_the_notes_field(demo_store, make_test_app, fake_editor):
    calls, answer = fake_editor
    alex = demo_store.find_contact("Alex Example")
    app = make_test_app(demo_store)
    no_suspend(app)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "e")
        assert isinstance(app.screen, ContactForm)
        answer["result"] = lambda text: EditorResult(text + "Long notes\nfrom the editor\n")
        await press(pilot, "ctrl+e")
        assert app.screen.query_one("#field-notes", TextArea).text == "Long notes\nfrom the editor\n"
        answer["result"] = lambda text: EditorResult(None, "The editor was stopped by SIGKILL. Nothing changed.")
        await press(pilot, "ctrl+e")
        assert app.screen.query_one("#field-notes", TextArea).text == "Long notes\nfrom the editor\n"
        assert "SIGKILL" in app.screen.query_one("#error-notes").render().plain
        await press(pilot, "ctrl+s")
        assert demo_store.contact(alex.id).notes == "Long notes\nfrom the editor"
