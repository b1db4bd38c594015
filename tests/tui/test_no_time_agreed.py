"""Notes started with n and then called off with c were listed, and shown in the history, as
"20 min video", a length and a way nobody agreed: the row and the history leave them out, and
keep them for a conversation scheduled with a time. The clock is Wednesday 25 November 2026,
10:00 (conftest.NOW)."""

from __future__ import annotations

from interview_tui.core import conversations, workflow
from interview_tui.core.models import Contact, InterviewStatus
from interview_tui.core.store import Store
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.screens.dashboard import DashboardScreen

from .conftest import wait_for
from .test_method import lines, press, screen_text, select, static_text

SIZE = (120, 36)


async def test_notes_called_off_show_no_length_in_the_list_nor_the_history(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    planned = workflow.schedule_interview(store, alex.id, "mon 11am", minutes="30", mode="phone")
    assert planned.id is not None
    conversations.cancel(store, planned.id)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "n", *"Read up on service design.", "escape")
        notes = app.main_screen.notes_pane
        assert app.focused is notes.interview_list
        await press(pilot, "c", "y")
        assert all(i.status is InterviewStatus.CANCELLED for i in store.interviews(alex.id))
        rows = [" ".join(line.split()) for line in lines(notes.interview_list) if line.strip()]
        assert rows == [
            "Mon 30 Nov 2026 11:00 30 min phone cancelled",
            "Wed 25 Nov 2026 10:00 no time agreed cancelled",
        ]
        await press(pilot, "h")
        assert notes.history_shown
        history = [" ".join(line.split()) for line in lines(notes.history_list) if line.strip()]
        assert any(line.endswith("Conversation cancelled (no time agreed)") for line in history)
        assert any("Conversation cancelled (planned for Mon 30 Nov 11:0" in line for line in history)
        assert "20 min" not in " ".join(screen_text(app).split())


async def test_the_dialogs_name_notes_with_no_time_agreed_by_the_day_they_were_started(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    # c asked "Cancel the conversation with Alex Example of Wed 25 Nov 10:00?", a time nobody
    # agreed: only the moment n was pressed.
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "n", *"Read up on service design.", "escape")
        words = "the conversation with Alex Example whose notes were started Wed 25 Nov (no time agreed)"
        await press(pilot, "d")  # refused: it holds notes
        notices = [n.message for n in app._notifications]
        assert notices[-1].startswith(f"Not deleted: {words} holds notes.")
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmScreen)
        question = static_text(app.screen, "#confirm-question")
        assert question.startswith(f"Cancel {words}?")
        assert "10:00" not in question
        await press(pilot, "y")
        [called_off] = store.interviews(alex.id)
        assert called_off.status is InterviewStatus.CANCELLED
        await press(pilot, "c")
        notices = [n.message for n in app._notifications]
        assert f"Cancelled {words}: kept in their history. u undoes." in notices
        assert notices[-1] == f"Nothing to cancel: {words} is cancelled."

        await press(pilot, "n", "escape")  # notes started by mistake, nothing typed
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert static_text(app.screen, "#confirm-question").startswith(f"Delete {words}?")
        await press(pilot, "y")
        assert [n.message for n in app._notifications][-1] == f"Deleted {words}. u undoes."
        assert [i.id for i in store.interviews(alex.id)] == [called_off.id]


async def test_the_dashboard_counts_notes_with_no_time_agreed_as_no_ask_and_no_date(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    # D counted Alex as asked and scheduled, while the panel beside the funnel said no ask was
    # logged: n only began notes, with nothing asked nor agreed.
    store.add_contact(Contact(name="Alex Example"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "n", *"Read up on service design.", "escape", "D")
        assert isinstance(app.screen, DashboardScreen)
        await wait_for(pilot, lambda: app.screen.figures is not None)
        funnel = [line.split()[:2] for line in static_text(app.screen, "#funnel").splitlines()]
        assert funnel == [["identified", "1"], ["asked", "0"], ["scheduled", "0"], ["interviewed", "0"], ["thanked", "0"]]
        assert static_text(app.screen, "#replies").startswith("No asks logged yet")
