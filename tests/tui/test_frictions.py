"""What a new user meets in the first hour, keys only, at 80x24 and 120x36."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual import events
from textual.widgets import Input, SelectionList

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp, make_app
from interview_tui.tui.widgets.contacts import (
    COMPANY_ROOM,
    STAGE_SHORT,
    STAGE_SHORTER,
    STAGE_SHORTER_WIDTH,
    STAGE_WIDTH,
    columns,
)

from .conftest import NARROW, SIZE

# Helpers ---------------------------------------------------------------------------------------


def screen_text(app: InterviewApp) -> str:
    """Everything the terminal shows, modal screens and notifications included, as plain text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True,
        color_system="truecolor", record=True, legacy_windows=False, safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens, simplify=True))
    return console.export_text()


def contact_lines(app: InterviewApp) -> list[str]:
    rows = app.main_screen.contacts_pane.contact_list
    return [rows.render_line(y).text for y in range(len(rows.rows))]


async def settle(pilot, until, tries: int = 50) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``until()`` holds (or give up and let the assertion after say why)."""
    for _ in range(tries):
        if until():
            return
        await pilot.pause()


def burst(app: InterviewApp, *keys: str) -> None:
    """Keys as a terminal delivers a burst (a paste, a fast typist, SSH): all at once, with no
    chance for the app to run between them. Pilot.press waits for the app after every key."""
    assert app._driver is not None
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


# 5. The warmest-first order is a preference kept across starts ----------------------------------


def shown_names(app: InterviewApp) -> list[str]:
    return [c.name for c in app.main_screen.contacts_pane.contact_list.rows]


async def test_w_is_remembered_at_the_next_start_in_the_users_config_file(demo_store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config" / "interview-tui" / "config.toml"
    app = make_app(demo_store, cursor_blink=False, prefs_path=config)
    async with app.run_test(size=SIZE) as pilot:
        by_name = shown_names(app)
        await pilot.press("w")
        await settle(pilot, lambda: config.exists())
        warmest = shown_names(app)
        assert warmest != by_name and warmest[0] == "Aunt Example"
    assert tomllib.loads(config.read_text())["contact_order"] == "warmest"
    workspace = demo_store.path.read_bytes()

    again = make_app(demo_store, cursor_blink=False, prefs_path=config)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown_names(again) == warmest
        assert "warmest first" in again.main_screen.contacts_pane.border_subtitle
        await pilot.press("w")
        await settle(pilot, lambda: "name" in config.read_text())
        assert shown_names(again) == by_name
    assert tomllib.loads(config.read_text())["contact_order"] == "name"
    assert demo_store.path.read_bytes() == workspace  # never in the workspace


async def test_a_bad_line_in_the_preferences_is_named_and_the_file_is_left_alone(demo_store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# mine\ncontact_order = warmest\n')
    app = make_app(demo_store, cursor_blink=False, prefs_path=config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [said] = [n.message for n in app._notifications if n.title == "Preferences not read"]
        assert "line 2" in said and str(config) in said
        await pilot.press("w")
        await pilot.pause()
        assert shown_names(app)[0] == "Aunt Example"  # it still works for the session
    assert config.read_text() == '# mine\ncontact_order = warmest\n'


# 1. Names get the width first ---------------------------------------------------------------------


async def test_names_are_shown_whole_while_company_and_stage_make_room(demo_store: Store) -> None:
    from interview_tui.core.models import Contact, Relationship

    demo_store.add_contact(
        Contact(name="Maximilian Placeholder-Example", company="Contoso", role="Analyst", relationship=Relationship.COLD)
    )
    for size in (SIZE, NARROW):
        app = make_app(demo_store, cursor_blink=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            contacts = app.main_screen.contacts_pane.contact_list.rows
            for contact, line in zip(contacts, contact_lines(app), strict=True):
                assert contact.name in line, (size, line)
                assert line.rstrip().endswith((f" {STAGE_SHORT[contact.stage]}", f" {STAGE_SHORTER[contact.stage]}")), (size, line)


async def test_at_120x36_the_demo_names_stages_and_a_company_all_show(demo_store: Store) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = contact_lines(app)
        assert any("Casey Placeholder " in line and "identified" in line and "Game" in line for line in lines)
        assert any("! Aunt Example " in line and "thanked" in line for line in lines)


@settings(max_examples=300, deadline=None)
@given(width=st.integers(30, 300), longest=st.integers(0, 120))  # the pane is at least 40 wide
def test_the_columns_fit_and_the_name_gets_the_room_first(width: int, longest: int) -> None:
    layout = columns(width, longest)
    assert layout.name + layout.stage + 2 <= width
    assert layout.name + layout.company + layout.stage + (3 if layout.company else 2) <= width
    assert layout.name >= min(longest, width - STAGE_SHORTER_WIDTH - 2)
    assert max(map(len, layout.stages.values())) <= layout.stage
    if layout.stages is STAGE_SHORTER:
        assert width - layout.name - STAGE_WIDTH - 3 < COMPANY_ROOM  # abbreviated only when needed


# 3. Ticked and unticked questions differ without colour ------------------------------------------


async def test_the_plan_marks_ticked_questions_x_and_unticked_ones_empty(demo_store: Store) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "p")
        await settle(pilot, lambda: bool(app.screen.query(SelectionList)))
        choices = app.screen.query_one(SelectionList)

        def marks() -> list[str]:
            return [choices.render_line(y).text.strip()[:3] for y in range(choices.option_count)]

        assert marks() == ["[x]"] * choices.option_count
        await pilot.press("space", "down", "down", "space")
        await settle(pilot, lambda: marks()[:3] == ["[ ]", "[x]", "[ ]"])
        assert marks()[:3] == ["[ ]", "[x]", "[ ]"]
        # The marks are text: without any colour the two states still read differently.
        plain = screen_text(app)
        assert "[ ] Tell me about your career path." in plain
        assert "[x] How did you get started in this field?" in plain


# 7. Keys typed in a burst belong where they were typed -------------------------------------------


async def test_a_name_typed_right_after_a_lands_in_the_new_form(demo_store: Store) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "a", *"Alex")
        await settle(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == "Alex")
        assert app.screen.query_one("#field-name", Input).value == "Alex"
        assert len(app.screen_stack) == 2  # l (reply) and e (edit) opened nothing


async def test_a_burst_with_tab_fills_each_field_in_turn_and_ctrl_s_saves_it(demo_store: Store) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        burst(app, "a", *"Dana Sample", "tab", *"Acme", "tab", *"Archivist", "ctrl+s")
        await settle(pilot, lambda: any(c.name == "Dana Sample" for c in demo_store.contacts()))
        assert len(app.screen_stack) == 1
        [dana] = [c for c in demo_store.contacts() if c.name == "Dana Sample"]
        assert (dana.company, dana.role) == ("Acme", "Archivist")


async def test_keys_after_s_go_to_the_schedule_form_when_and_minutes(demo_store: Store) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "s", *"tue 3pm", "tab", *"25")
        await settle(pilot, lambda: len(app.screen.query("#field-minutes")) == 1 and app.screen.query_one("#field-minutes", Input).value == "25")
        assert app.screen.query_one("#field-when", Input).value == "tue 3pm"
        assert app.screen.query_one("#field-minutes", Input).value == "25"


# 2. Notifications keep off a form's fields and its last row ---------------------------------------


async def test_a_notification_does_not_cover_the_fields_or_keys_of_a_form_at_80x24(demo_store: Store) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.press("c")
        await settle(pilot, lambda: len(app.screen_stack) == 2)
        await pilot.press("ctrl+s")  # logs the touch: "Logged: in touch with ... today."
        await settle(pilot, lambda: len(app.screen_stack) == 1 and bool(app._notifications))
        for key in ("a", "escape", "s"):
            await pilot.press(key)
            depth = 1 if key == "escape" else 2
            await settle(pilot, lambda: len(app.screen_stack) == depth)  # noqa: B023 - awaited here
            if key == "escape":
                continue
            await settle(pilot, lambda: bool(app.screen.query("Toast")))
            [toast] = app.screen.query("Toast")
            covered = [
                widget for widget in app.screen.query("#form-hint, Input, Select, TextArea, .form-error")
                if widget.display and widget.region.overlaps(toast.region)
            ]
            assert covered == [], (key, toast.region)


# 4. The first ask asks for the user's name, once ---------------------------------------------------


async def test_the_first_m_asks_for_your_name_once_and_the_ask_is_signed_with_it(demo_store: Store) -> None:
    from textual.widgets import TextArea

    from interview_tui.tui.screens.ask import AskScreen
    from interview_tui.tui.screens.form import FormScreen

    assert demo_store.settings().my_name == ""
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await settle(pilot, lambda: isinstance(app.screen, FormScreen))
        assert "Your name" in screen_text(app)
        await pilot.press("enter")  # nothing typed: asked again, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "Type your name" in screen_text(app)
        await pilot.press(*"Kim Example", "enter")
        await settle(pilot, lambda: isinstance(app.screen, AskScreen))
        message = app.screen.query_one(TextArea).text
        assert message.endswith("Thank you,\nKim Example")
        assert demo_store.settings().my_name == "Kim Example"
        await pilot.press("escape")
        await settle(pilot, lambda: len(app.screen_stack) == 1)
        # Known now: the next ask goes straight to the message.
        await pilot.press("down", "m")
        await settle(pilot, lambda: isinstance(app.screen, AskScreen))
        assert app.screen.query_one(TextArea).text.endswith("Thank you,\nKim Example")


async def test_escape_from_the_name_leaves_everything_as_it_was(demo_store: Store) -> None:
    from interview_tui.tui.screens.form import FormScreen

    before = demo_store.path.read_bytes()
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await settle(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"Kim", "escape")
        await settle(pilot, lambda: len(app.screen_stack) == 1)
    assert demo_store.path.read_bytes() == before
    assert demo_store.settings().my_name == ""
