"""Every error the interface shows passes through one helper (tui/errors.py): a bad value typed
into a form, a save that fails, a change refused by a read-only workspace. Each is cleaned of
control characters the same way; in a form it stays under the field (or at the foot) with the
form open and what was typed kept; elsewhere it is a notification saying what went wrong."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator

import pytest
from textual.widgets import Input, Static

from interview_tui.core.errors import WorkspaceReadOnly
from interview_tui.core.store import Store
from interview_tui.core.text import strip_controls
from interview_tui.tui import errors
from interview_tui.tui.app import make_app
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.main import MainScreen

from .conftest import SIZE, wait_for


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text the one error path cleaned for showing, in order."""
    seen: list[str] = []

    def cleaning(text: str, *args: object, **kwargs: object) -> str:
        seen.append(text)
        return strip_controls(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(errors, "strip_controls", cleaning)
    yield seen


def error_text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


async def test_a_bad_value_stays_under_its_field_through_the_one_path(demo_store: Store, shown: list[str]) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.press("ctrl+s")  # no name typed
        await wait_for(pilot, lambda: bool(error_text(app, "#error-name")))
        assert isinstance(app.screen, ContactForm)
        said = error_text(app, "#error-name")
        assert said in shown


async def test_a_failed_save_keeps_the_form_open_and_says_why(demo_store: Store, shown: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.press(*"Robin Placeholder")

        def fsync(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", fsync)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(error_text(app, "#error-form")))
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#field-name", Input).value == "Robin Placeholder"
        said = error_text(app, "#error-form")
        assert said in shown and "space" in said.lower()


async def test_a_refusal_of_a_read_only_workspace_is_a_notification_saying_so(
    demo_store: Store, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Whatever the workspace is opened as, the store refuses the change as read-only does.
        reason = "\x1b[31mworkspace.json cannot be written (mode 0444).\x1b[0m"

        def refused(*args: object, **kwargs: object) -> None:
            raise WorkspaceReadOnly(reason)

        monkeypatch.setattr(demo_store, "undo", refused)
        monkeypatch.setattr(demo_store, "can_undo", lambda: True)
        await pilot.press("u")
        await wait_for(pilot, lambda: any(n.title.startswith("Not undone") for n in app._notifications))
        [note] = [n for n in app._notifications if n.title.startswith("Not undone")]
        assert isinstance(app.screen, MainScreen)
        assert note.title == "Not undone: read-only" and note.severity == "error"
        assert "mode 0444" in note.message and "\x1b" not in note.message
        assert reason in shown


async def test_a_form_refused_by_a_read_only_workspace_stays_open(
    demo_store: Store, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.press(*"Robin Placeholder")

        def refused(*args: object, **kwargs: object) -> None:
            raise WorkspaceReadOnly("The workspace was opened read-only.")

        monkeypatch.setattr(demo_store, "add_contact", refused)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(error_text(app, "#error-form")))
        assert isinstance(app.screen, ContactForm)
        assert "read-only" in error_text(app, "#error-form")
        assert "The workspace was opened read-only." in shown
