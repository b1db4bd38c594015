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
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.question_bank import QuestionBankScreen

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


@pytest.mark.parametrize("name", list(CASES))
async def test_a_form_whose_save_fails_stays_open_and_esc_leaves_no_trace(
    demo_store, make_test_app, monkeypatch, name: str
) -> None:
    case = CASES[name]
    store = demo_store
    on_disk = store.path.read_bytes()
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(case.focus).focus()
        await pilot.press(case.key)
        await pilot.wait_for_scheduled_animations()
        form = app.screen
        assert isinstance(form, FormScreen), name
        fill(form, case.values)
        await pilot.pause()
        break_the_disk(monkeypatch)
        for _ in range(2):  # saving again after the message must not make a second copy
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form, "the form closed although nothing was saved"
            errors = shown_errors(form)
            assert any("could not save" in error for error in errors), errors
            # Memory is as it was: nothing a later save could write.
            assert encode(store.storage.read() or {}) == on_disk
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        monkeypatch.undo()
        # The disk is back: whatever the app saves now holds nothing of the cancelled form.
        app.main_screen.save_drafts()
        assert encode(store.storage.read() or {}) == on_disk
        assert store.path.read_bytes() == on_disk


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
