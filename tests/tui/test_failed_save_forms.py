"""A form whose save fails (a full disk) stays open with the message and changes nothing, in the
file or in memory: saving it again cannot make a second copy, and esc really cancels, so no later
save writes what the person gave up on. Every form reachable with a key, and the question bank."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from typing import Any

import pytest
from textual.widgets import Input, Static, TextArea

from interview_tui.core.storage import encode
from interview_tui.tui.app import make_app
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.question_bank import QuestionBankScreen

from .conftest import wait_for

SIZE = (120, 36)


@dataclass
class Case:
    key: str
    values: dict[str, str]
    focus: str = "#contact-list"


CASES = {
    "add": Case("a", {"name": "Bo Placeholder", "company": "Acme"}),
    "edit": Case("e", {"name": "Alex Example Edited"}),
    "followup": Case("f", {"due": "tomorrow 3pm", "note": "send the portfolio"}),
    "schedule": Case("s", {"when": "tomorrow 3pm", "minutes": "30"}),
    "referral": Case("r", {"name": "Ref Placeholder"}, focus="#interview-list"),
    "templates": Case("t", {"my_name": "Me Myself", "nudge_days": "9"}),
    "tags": Case("number_sign", {"tags": "mentor, fintech"}),
    "done": Case("x", {"note": "Called her"}, focus="#followup-list"),
    "snooze": Case("z", {"when": "next fri"}, focus="#followup-list"),
    "update": Case("U", {"outcome": "I accepted an offer at Contoso", "due": "today"}),
}


def break_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def fill(form: FormScreen[Any], values: dict[str, str]) -> None:
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


def shown_errors(form: FormScreen[Any]) -> list[str]:
    return [str(error.render()) for error in form.query(".form-error.-shown").results(Static)]


@pytest.mark.parametrize("background", [False, True], ids=["saved-here", "saved-by-the-writer"])
@pytest.mark.parametrize("name", list(CASES))
async def test_a_form_whose_save_fails_stays_open_and_esc_leaves_no_trace(
    demo_store, monkeypatch, name: str, background: bool
) -> None:
    """On either save path: the app's (a thread of its own, the form waiting for it) or the one
    the tests mostly use (the event loop's)."""
    case = CASES[name]
    store = demo_store
    on_disk = store.path.read_bytes()
    app = make_app(store, cursor_blink=False, background_saves=background)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(case.focus).focus()
        await pilot.press(case.key)
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen), name
        fill(form, case.values)
        await pilot.pause()
        break_the_disk(monkeypatch)
        for _ in range(2):  # saving again after the message must not make a second copy
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: any("could not save" in error for error in shown_errors(form)), timeout=20)
            assert app.screen is form, "the form closed although nothing was saved"
            # Memory is as it was: nothing a later save could write.
            assert encode(store.storage.read() or {}) == on_disk
            for error in form.query(".form-error").results(Static):  # the next message is a new one
                error.update("")
                error.remove_class("-shown")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        monkeypatch.undo()
        # The disk is back: whatever the app saves now holds nothing of the cancelled form.
        app.main_screen.save_drafts()
        store.wait_for_writes(5)
        assert encode(store.storage.read() or {}) == on_disk
        assert store.path.read_bytes() == on_disk


@pytest.mark.parametrize("size", [(40, 20), (80, 24)])
async def test_why_a_form_was_not_saved_is_on_screen_even_when_the_form_is_taller_than_it(
    demo_store, make_test_app, monkeypatch, size: tuple[int, int]
) -> None:
    # Under the last field, at 40x20 the message was below the screen's edge (at 80x24 cut
    # short): a failed save looked like nothing at all once the notification had gone.
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("a", *"Bo Placeholder")
        form = app.screen
        assert isinstance(form, FormScreen)
        break_the_disk(monkeypatch)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("could not save" in error for error in shown_errors(form)))
        await pilot.pause()
        error = form.query_one("#error-form", Static)
        shown = error.region.intersection(form.query_one("#form").content_region)
        assert shown == error.region and shown.height >= 2, (error.region, shown)


async def test_a_question_whose_save_fails_is_not_added_to_the_bank(demo_store, make_test_app, monkeypatch) -> None:
    store = demo_store
    on_disk = store.path.read_bytes()
    count = len(store.questions(include_retired=True))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, QuestionBankScreen)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, {"text": "What surprised you most?"})
        break_the_disk(monkeypatch)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert len(store.questions(include_retired=True)) == count
        await pilot.press("escape", "escape")
        await pilot.pause()
        monkeypatch.undo()
        app.main_screen.save_drafts()
        assert store.path.read_bytes() == on_disk
