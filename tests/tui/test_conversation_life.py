"""A conversation's whole life in the app, with the real keys and a fixed clock: moved with s,
cancelled with c, deleted with d when made by mistake, held when it was held with x; each undone
with u. The clock is Wednesday 25 November 2026, 10:00 (conftest.NOW)."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Input, Select

from interview_tui.core.models import Interview, InterviewStatus, Stage, TouchKind
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.screens.held_form import HeldForm
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.move_form import MoveForm

from .test_method import press, screen_text, select, static_text

SIZE = (120, 36)


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def open_notes_list(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await select(pilot, name)
    await press(pilot, "enter")
    assert pilot.app.focused is pilot.app.main_screen.notes_pane.interview_list


async def test_s_moves_the_planned_conversation_prefilled_and_u_puts_it_back(demo_store, make_test_app):
    store = demo_store
    sam = store.find_contact("Sam Sample")
    [planned] = store.interviews(sam.id)
    assert planned.when == datetime(2026, 11, 28, 15, 0)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Sam Sample")
        await press(pilot, "s")
        form = app.screen
        assert isinstance(form, MoveForm)
        assert static_text(form, "#form-title") == "Move the conversation with Sam Sample of Sat 28 Nov 15:00"
        assert "Move the conversation with Sam Sample" in screen_text(app)
        # Filled with what it is now, previewed.
        assert form.query_one("#field-when", Input).value == "2026-11-28 15:00"
        assert static_text(form, "#when-preview") == "→ Sat 28 Nov 2026, 15:00"
        assert form.query_one("#field-minutes", Input).value == "20"
        assert form.query_one("#field-mode", Select).value == "phone"
        await press(pilot, *"mon 11am", "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        [moved] = store.interviews(sam.id)
        assert (moved.id, moved.when, moved.minutes, moved.mode.value) == (planned.id, datetime(2026, 11, 30, 11, 0), 20, "phone")
        assert any("Moved: Sam Sample, Mon 30 Nov 11:00" in n for n in notices(app))
        await press(pilot, "u")
        assert store.interview(planned.id).when == planned.when
        assert len(store.interviews(sam.id)) == 1


async def test_c_cancels_after_a_question_naming_it_the_stage_follows_and_u_undoes(demo_store, make_test_app):
    store = demo_store
    sam = store.find_contact("Sam Sample")
    [planned] = store.interviews(sam.id)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_notes_list(pilot, "Sam Sample")
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmScreen)
        assert static_text(app.screen, "#confirm-question").startswith("Cancel the conversation with Sam Sample of Sat 28 Nov 15:00?")
        assert "Cancel the conversation with Sam Sample" in screen_text(app)
        await press(pilot, "n")  # no: nothing changes
        assert store.interview(planned.id).status is InterviewStatus.PLANNED
        await press(pilot, "c", "y")
        assert isinstance(app.screen, MainScreen)
        assert store.interview(planned.id).status is InterviewStatus.CANCELLED  # kept, as cancelled
        assert store.contact(sam.id).stage is Stage.IDENTIFIED  # no ask was ever logged
        assert "cancelled" in screen_text(app)
        # Nothing planned any more: a clear line, nothing changed.
        before = store.path.read_bytes()
        await press(pilot, "c")
        assert isinstance(app.screen, MainScreen)
        assert notices(app)[-1] == "Nothing to cancel: the conversation with Sam Sample of Sat 28 Nov 15:00 is cancelled."
        assert store.path.read_bytes() == before
        await press(pilot, "u")
        assert store.interview(planned.id).status is InterviewStatus.PLANNED
        assert store.contact(sam.id).stage is Stage.SCHEDULED


async def test_d_deletes_only_a_conversation_made_by_mistake(demo_store, make_test_app, now):
    store = demo_store
    casey = store.find_contact("Casey Placeholder")
    typed = store.add_interview(Interview(contact_id=casey.id, when=now + timedelta(days=2), notes="Ask about the studio"))
    mistake = store.add_interview(Interview(contact_id=casey.id, when=now + timedelta(days=9)))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_notes_list(pilot, "Casey Placeholder")
        notes = app.main_screen.notes_pane
        # The list is newest first (the mistake, then the one with words in it), and opens on
        # the one n takes notes in: with neither held yet, the sooner.
        assert [row.interview.id for row in notes.interview_list.rows] == [mistake.id, typed.id]
        assert notes.current.id == typed.id
        before = store.path.read_bytes()
        await press(pilot, "d")
        assert isinstance(app.screen, MainScreen)  # refused before asking
        assert notices(app)[-1].startswith("Not deleted: the conversation with Casey Placeholder of Fri 27 Nov 10:00 holds notes.")
        assert store.path.read_bytes() == before
        await press(pilot, "k", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert static_text(app.screen, "#confirm-question").startswith("Delete the conversation with Casey Placeholder of Fri 04 Dec 10:00?")
        await press(pilot, "y")
        assert [i.id for i in store.interviews(casey.id)] == [typed.id]
        await press(pilot, "u")
        assert {i.id for i in store.interviews(casey.id)} == {typed.id, mistake.id}


async def test_x_asks_when_it_was_held_refuses_a_time_to_come_and_keeps_the_note(demo_store, make_test_app, now):
    store = demo_store
    sam = store.find_contact("Sam Sample")
    [planned] = store.interviews(sam.id)  # Saturday at 15:00: still to come
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_notes_list(pilot, "Sam Sample")
        await press(pilot, "x")
        form = app.screen
        assert isinstance(form, HeldForm)
        # Marked done early: it happened just now, says the prefilled answer.
        assert form.query_one("#field-when", Input).value == "2026-11-25 10:00"
        await press(pilot, "ctrl+u", *"sat 3pm")
        assert static_text(form, "#when-preview").startswith("→ Sat 28 Nov 2026, 15:00 — still to come")
        before = store.path.read_bytes()
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "still to come" in static_text(form, "#error-when")
        assert app.focused is form.query_one("#field-when")
        assert store.path.read_bytes() == before
        await press(pilot, "ctrl+u", *"yesterday 4pm", "tab", *"Great chat about dashboards", "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        held = store.interview(planned.id)
        assert (held.status, held.when) == (InterviewStatus.DONE, datetime(2026, 11, 24, 16, 0))
        [met] = [t for t in store.touches(sam.id) if t.kind is TouchKind.MET]
        assert (met.at, met.note) == (datetime(2026, 11, 24, 16, 0), "Great chat about dashboards")
        # The thank-you follows the time it was held: the day after.
        assert any(f.contact_id == sam.id and f.due.date() == now.date() for f in store.followups())
        await press(pilot, "u")
        assert store.interview(planned.id).status is InterviewStatus.PLANNED


async def test_s_saved_as_it_was_changes_nothing_and_offers_no_undo(demo_store, make_test_app):
    store = demo_store
    sam = store.find_contact("Sam Sample")
    [planned] = store.interviews(sam.id)
    before = store.path.read_bytes()
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Sam Sample")
        await press(pilot, "s")
        assert isinstance(app.screen, MoveForm)
        await press(pilot, "ctrl+s")  # the form holds its date, length, way and place as they are
        assert isinstance(app.screen, MainScreen)
        assert "Nothing changed: Sam Sample is already planned for Sat 28 Nov 15:00, 20 minutes." in notices(app)
        assert not any("Moved" in n for n in notices(app))
        assert store.interview(planned.id) == planned
    assert store.path.read_bytes() == before


async def test_s_with_a_new_length_at_the_same_time_says_what_changed_not_a_move(demo_store, make_test_app):
    store = demo_store
    sam = store.find_contact("Sam Sample")
    [planned] = store.interviews(sam.id)
    assert (planned.when, planned.minutes) == (datetime(2026, 11, 28, 15, 0), 20)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Sam Sample")
        await press(pilot, "s")
        assert isinstance(app.screen, MoveForm)
        await press(pilot, "ctrl+u", *"sat 15h - 16h", "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert store.interview(planned.id).minutes == 60
        assert notices(app)[-1] == "Changed: Sam Sample, still at Sat 28 Nov 15:00: now 60 minutes. u undoes."


async def test_enter_in_when_it_was_held_goes_on_to_the_note_and_enter_there_saves(demo_store, make_test_app):
    # Found by a tester: enter in the first field did nothing, where every other form moves on.
    store = demo_store
    sam = store.find_contact("Sam Sample")
    [planned] = store.interviews(sam.id)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_notes_list(pilot, "Sam Sample")
        await press(pilot, "x")
        form = app.screen
        assert isinstance(form, HeldForm)
        await press(pilot, "enter")  # on the time it suggests, untouched
        assert app.screen is form
        assert app.focused is form.query_one("#field-note")
        await press(pilot, "shift+tab", "ctrl+u", *"yesterday 4pm", "enter")
        assert app.focused is form.query_one("#field-note")
        await press(pilot, *"Good chat", "enter")
        assert isinstance(app.screen, MainScreen)
        assert store.interview(planned.id).status is InterviewStatus.DONE
