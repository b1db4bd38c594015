"""A form still open when the session ends (an SSH connection dropping): what was typed into it
is kept in a file beside the workspace, and the next start says where."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from interview_tui.core.rescue import find_rescues, write_rescue
from interview_tui.tui.app import make_app
from interview_tui.tui.screens.contact_form import ContactForm

from .conftest import wait_for
from .test_insight_views import screen_text

SIZE = (120, 36)


async def test_a_half_typed_contact_survives_the_end_of_the_session(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Dana Example", "tab", *"Fabrikam")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        rescued = app.rescue_forms("the terminal went away")  # what the SIGHUP handler does
    assert rescued is not None and find_rescues(demo_store.path) == [rescued]
    text = rescued.read_text()
    assert "Add a contact:" in text
    assert "  Name: Dana Example" in text and "  Company: Fabrikam" in text
    assert "Relationship" not in text  # left as it was: nothing to rescue
    assert oct(rescued.stat().st_mode & 0o777) == "0o600"

    again = make_app(demo_store, cursor_blink=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [notice] = [n for n in again._notifications if n.title == "Unsaved text from last time"]
        assert str(rescued) in notice.message
        # Short: at 40 columns each word is a line of the screen covered, for half a minute.
        assert len(notice.message) - len(str(rescued)) < 50


async def test_nothing_is_written_when_nothing_was_typed(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.rescue_forms("the terminal went away") is None  # no form open
        await pilot.press("e")  # the edit form, untouched
        await pilot.pause()
        assert app.rescue_forms("the terminal went away") is None
    assert find_rescues(demo_store.path) == []


async def test_a_second_trigger_of_the_same_ending_rewrites_the_one_file(demo_store, make_test_app):
    # A hang-up often comes as SIGHUP, then the end of input, then SIGHUP again as the terminal
    # goes: each one rescues, into the same file, with what is typed by then.
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Dana")
        await pilot.pause()
        first = app.rescue_forms("the terminal went away")
        await pilot.press(*" Example")
        await pilot.pause()
        second = app.rescue_forms("the process was told to stop")
    assert first is not None and second == first
    assert find_rescues(demo_store.path) == [first]
    assert "  Name: Dana Example" in first.read_text()


async def test_notes_that_could_not_be_saved_are_rescued_when_the_session_ends(demo_store, make_test_app, monkeypatch):
    """A full disk, notes typed, then the connection drops: the words go to the rescue file."""
    import errno
    import os

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()

        def fsync(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", fsync)
        await pilot.press(*"hangup words victor")
        assert not app.save_everything()  # the disk is full: the workspace could not be written
        monkeypatch.undo()  # a small file still fits
        rescued = app.rescue_forms("the terminal went away", notes=True)  # as the ending does
    assert rescued is not None
    text = rescued.read_text()
    assert "Notes of the conversation with Alex Example" in text
    assert "hangup words victor" in text


async def test_when_the_full_disk_cannot_take_the_rescue_either_it_goes_to_the_state_directory(
    demo_store, make_test_app, monkeypatch, tmp_path_factory
):
    """The disk of the workspace is full, for the rescue file too: the notes typed go to the
    user's state directory, and the next start finds them there."""
    import errno
    import os

    state = tmp_path_factory.mktemp("state-home")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    full = str(demo_store.path.parent.resolve())
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(full):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        monkeypatch.setattr(os, "fsync", fsync)
        await pilot.press(*"hangup words yankee")
        assert not app.save_everything()
        rescued = app.rescue_forms("the terminal went away", notes=True)
    assert rescued is not None
    assert rescued.is_relative_to(state)
    assert "hangup words yankee" in rescued.read_text()
    assert list(demo_store.path.parent.glob("*.unsaved-*")) == []  # nothing half-written beside it
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert find_rescues(demo_store.path) == [rescued]

    again = make_test_app(demo_store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [notice] = [n for n in again._notifications if n.title == "Unsaved text from last time"]
        assert str(rescued) in notice.message


# The notice at a phone's 40x20 ------------------------------------------------------------------

TINY = (40, 20)
UNSAVED = "Unsaved text from last time"


def left_from_last_time(store, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """A rescue file beside the workspace, in a home directory of the test's own."""
    monkeypatch.setenv("HOME", str(store.path.parent))
    rescued = write_rescue(store.path, [("Add a contact", {"Name": "Dana Example"})], "the terminal went away")
    assert rescued is not None
    return rescued


def notice_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    [toast] = app.screen.query(Toast)
    return [toast.render_line(y).text.strip() for y in range(toast.size.height)]


async def test_at_40_columns_the_notice_of_unsaved_text_takes_a_few_lines_across_the_screen(demo_store, make_test_app, monkeypatch):
    rescued = left_from_last_time(demo_store, monkeypatch)
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY, notifications=True) as pilot:
        await wait_for(pilot, lambda: app.screen.query(Toast))
        await pilot.pause()
        # The path from the home directory, and the words across the screen: a word or two was
        # a line of its right half before, covering it from the fourth line to the last.
        title, *said = notice_lines(app)
        assert title == UNSAVED
        words = f"Kept in ~/{rescued.name}. Use what you need, then delete it."
        assert "".join(said).replace(" ", "") == words.replace(" ", "")
        [toast] = app.screen.query(Toast)
        assert toast.region.width >= TINY[0] - 2 and toast.region.height <= 5, toast.region
        assert "Sam Sample" in screen_text(app)  # the last of the contacts, above it


@pytest.mark.parametrize("key", ["j", "a"])
async def test_the_notice_of_unsaved_text_goes_at_the_first_key_which_does_what_it_does(demo_store, make_test_app, monkeypatch, key):
    left_from_last_time(demo_store, monkeypatch)
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY, notifications=True) as pilot:
        await wait_for(pilot, lambda: app.screen.query(Toast))
        contacts = app.main_screen.contacts_pane.contact_list
        assert contacts.cursor == 0
        await pilot.press(key)
        await wait_for(pilot, lambda: not app.screen.query(Toast))
        assert not [n for n in app._notifications if n.title == UNSAVED]
        if key == "j":
            assert contacts.cursor == 1  # the key moved down the list as well
        else:
            await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))  # and opened the form
