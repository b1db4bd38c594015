"""A form still open when the session ends (an SSH connection dropping): what was typed into it
is kept in a file beside the workspace, and the next start says where."""

from __future__ import annotations

from interview_tui.core.rescue import find_rescues
from interview_tui.tui.app import make_app
from interview_tui.tui.screens.contact_form import ContactForm

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
