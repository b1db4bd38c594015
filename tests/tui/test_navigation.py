"""Moving around without a mouse: panes, lists, help, the command palette, quitting, the footer,
an 80x24 terminal, and a workspace of 10,000 contacts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Static

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui.keys import KEY_GROUPS
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.help import HelpScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.widgets.key_bar import KeyBar

from .conftest import wait_for

SIZE = (120, 36)
SMALL = (80, 24)


def focused_id(app) -> str | None:  # type: ignore[no-untyped-def]
    return None if app.focused is None else app.focused.id


def screen_lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.render_line(y).text for y in range(widget.size.height)]


def footer_descriptions(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {hint.description for hint in app.screen.query_one(KeyBar).hints}


def binding_descriptions(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {active.binding.description for active in app.screen.active_bindings.values()}


def shown(widget) -> bool:  # type: ignore[no-untyped-def]
    """On screen: displayed, with all its ancestors, and given some room."""
    return widget.display and all(node.display for node in widget.ancestors_with_self if hasattr(node, "display")) and (
        widget.region.area > 0
    )


# Panes and lists --------------------------------------------------------------------------


async def test_tab_and_shift_tab_move_between_the_panes(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        order = []
        for _ in range(3):
            order.append(focused_id(app))
            await pilot.press("tab")
            await pilot.pause()
        assert order == ["contact-list", "interview-list", "followup-list"]
        assert focused_id(app) == "contact-list"  # round again
        await pilot.press("shift+tab")
        await pilot.pause()
        assert focused_id(app) == "followup-list"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert focused_id(app) == "interview-list"
        # The focused pane's border is the highlighted one.
        assert app.main_screen.query_one("#notes-pane").has_pseudo_class("focus-within")
        assert not app.main_screen.query_one("#contacts-pane").has_pseudo_class("focus-within")


async def test_j_k_and_the_arrows_move_in_the_contact_list_and_the_notes_follow(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        contacts = app.main_screen.query_one("#contact-list")
        seen = []
        for key in ("j", "down", "k", "up", "k", "G", "j", "g"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(contacts.current.name)
        assert seen == [
            "Aunt Example",
            "Casey Placeholder",
            "Aunt Example",
            "Alex Example",
            "Alex Example",  # k at the top stays there
            "Sam Sample",
            "Sam Sample",  # j at the bottom stays there
            "Alex Example",
        ]
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert app.main_screen.contact.name == "Jordan Demo"
        heading = app.main_screen.query_one("#notes-heading", Static).render().plain
        assert heading.startswith("Jordan Demo")
        assert "Product manager, Fabrikam" in heading


async def test_j_and_k_move_in_the_follow_up_list(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab")
        queue = app.main_screen.query_one("#followup-list")
        notes = []
        for key in ("j", "down", "down", "k", "up"):
            await pilot.press(key)
            await pilot.pause()
            notes.append(queue.current.followup.note)
        # The group headings between them are passed over.
        assert notes == [
            "Handwritten thank-you note for the conversation",
            "No reply to the ask yet",
            "Tell Alex how the talk with Sam went",
            "No reply to the ask yet",
            "Handwritten thank-you note for the conversation",
        ]
        # The cursor line is the one drawn with the cursor style.
        cursor = queue.get_component_rich_style(queue.cursor_style_name)
        assert list(queue.render_line(2))[0].style.bgcolor == cursor.bgcolor
        assert list(queue.render_line(1))[0].style.bgcolor != cursor.bgcolor


# Help, palette, quitting, footer ----------------------------------------------------------


async def test_question_mark_shows_every_key(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-body Static", Static)
        text = "\n".join(screen_lines(table))
        for word in ("Add", "Edit", "Delete", "Filter", "Follow-up", "Next pane", "Done", "Save", "Cancel", "Quit"):
            assert word in text
        described = [b for _, bindings in KEY_GROUPS() for b in bindings]
        assert len(described) > 15
        for binding in described:
            assert binding.description in text
        for key in ("tab", "ctrl+s", "esc", "/", "?", "j ↓", "ctrl+p"):
            assert key in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert focused_id(app) == "contact-list"


def palette_offers(app, command: str) -> bool:
    """The palette's highlighted result, which enter runs, is the command searched for."""
    results = app.screen.query(CommandList)
    if not results or results.first().highlighted is None:
        return False
    listed = results.first()
    return command.lower() in str(listed.get_option_at_index(listed.highlighted).prompt).lower()


async def test_the_command_palette_runs_add_contact(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Add")
        await wait_for(pilot, lambda: palette_offers(app, "Add a contact"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert focused_id(app) == "field-name"
        app.screen.query_one("#field-name", Input).value = "Palette Person"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Palette Person" in [c.name for c in demo_store.contacts()]


@pytest.mark.parametrize(
    ("command", "check"),
    [
        ("Filter", lambda app: focused_id(app) == "contact-filter"),
        ("Follow-up", lambda app: isinstance(app.screen, FollowUpForm)),
        ("Next pane", lambda app: focused_id(app) == "interview-list"),
    ],
)
async def test_the_command_palette_runs_the_actions_of_the_panes(demo_store, make_test_app, command, check):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one(Input).value = command
        await wait_for(pilot, lambda: palette_offers(app, command))
        await pilot.press("enter")
        await pilot.pause()
        assert check(app)


async def test_q_quits_from_a_list(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_q_in_the_filter_box_is_typed_not_quit(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "q")
        await pilot.pause()
        assert app.is_running
        assert app.main_screen.query_one("#contact-filter", Input).value == "q"
        assert app.main_screen.query_one("#contact-list").rows == []
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_the_footer_shows_the_keys_of_the_focused_pane(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for where in (binding_descriptions(app), footer_descriptions(app)):
            assert {"Add", "Edit", "Filter", "Next pane", "Quit"} <= where
            assert "Done" not in where
        assert "Delete" in binding_descriptions(app)  # works here, listed under ? rather than in the bar
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert focused_id(app) == "followup-list"
        for where in (binding_descriptions(app), footer_descriptions(app)):
            assert {"Done", "Follow-up", "Next pane"} <= where
            assert not {"Add", "Delete"} & where
        # / filters the contacts from every pane (it did nothing here), listed under ? only.
        assert "Filter" in binding_descriptions(app) and "Filter" not in footer_descriptions(app)
        await pilot.press("a")  # not a key here
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f")  # a form lists its own keys, which are the ones that work there
        await pilot.pause()
        assert isinstance(app.screen, FollowUpForm)
        assert {"Save", "Cancel"} <= binding_descriptions(app)
        assert not {"Delete", "Done", "Quit"} & binding_descriptions(app)
        hint = app.screen.query_one("#form-hint", Static).render().plain
        assert "ctrl+s save" in hint and "esc cancel" in hint


@pytest.mark.parametrize("size", [SIZE, SMALL, (60, 20)])
async def test_clicking_a_key_in_the_footer_presses_it(demo_store, make_test_app, size):
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        keys = next(hint for hint in bar.hints if hint.description == "Keys")
        drawn = bar.render_line(0).text
        assert drawn[keys.start : keys.start + keys.width] == "? Keys"
        # However narrow the terminal, the key that lists every key is there; others give way.
        assert drawn.rstrip().endswith("? Keys  q Quit  ^p palette")
        await pilot.click(KeyBar, offset=(keys.start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


# 80x24 ------------------------------------------------------------------------------------


async def test_a_wide_terminal_shows_all_three_panes(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert not screen.has_class("-narrow")
        assert all(shown(screen.query_one(f"#{pane}")) for pane in ("contacts-pane", "notes-pane", "followups-pane"))
        assert not shown(screen.query_one("#pane-tabs"))


async def test_80x24_shows_one_pane_at_a_time_and_tab_switches(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.has_class("-narrow")
        panes = ("contacts-pane", "notes-pane", "followups-pane")
        tabs = screen.query_one("#pane-tabs", Static)
        assert shown(tabs)
        for expected, focus in zip(panes + panes[:1], ("contact-list", "interview-list", "followup-list", "contact-list"), strict=True):
            assert [pane for pane in panes if shown(screen.query_one(f"#{pane}"))] == [expected]
            assert focused_id(app) == focus
            assert screen.query_one(f"#{expected}").region.width == SMALL[0]
            await pilot.press("tab")
            await pilot.pause()
        await pilot.press("shift+tab")
        await pilot.pause()
        assert [pane for pane in panes if shown(screen.query_one(f"#{pane}"))] == ["contacts-pane"]
        # The tab strip says which pane is shown.
        assert "Contacts" in tabs.render().plain and "tab switches" in tabs.render().plain


async def test_80x24_the_help_screen_scrolls_from_the_keyboard(demo_store, make_test_app):
    app = make_test_app(demo_store)
    app.animation_level = "none"  # scroll in one step, not over half a second
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0 and body.scroll_y == 0  # more keys than rows
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert app.screen.region.contains_region(app.screen.query_one("#help").region)
        await pilot.press("q")  # closes the help, does not quit
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MainScreen)


async def test_80x24_the_follow_up_pane_works_from_the_keyboard(demo_store, make_test_app, now):
    app = make_test_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("shift+tab")  # straight to the follow-ups
        await pilot.pause()
        queue = app.main_screen.query_one("#followup-list")
        assert shown(queue) and focused_id(app) == "followup-list"
        assert screen_lines(queue)[0].strip() == "Overdue · 2"
        assert screen_lines(queue)[1].lstrip().startswith("! 6 days ago")
        await pilot.press("x", "enter")  # done, without a note
        await pilot.pause()
        assert screen_lines(queue)[0].strip() == "Overdue · 1"
        assert screen_lines(queue)[1].lstrip().startswith("! yesterday")
        await pilot.press("x", "enter")
        await pilot.pause()
        assert len(demo_store.followups()) == 3
        assert not any(line.lstrip().startswith("!") for line in screen_lines(queue))


async def test_80x24_add_a_contact_with_every_field_of_the_form_visible(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        screen_region = form.region
        fields = list(form.query(".form-row"))
        assert len(fields) == 12  # the contact's notes last, on several lines
        for row in fields:
            for widget in (row, *row.children):
                assert widget.region.area > 0, widget
                assert screen_region.contains_region(widget.region), widget
        assert screen_region.contains_region(form.query_one("#form-hint").region)
        await pilot.press(*"Tiny", "tab")
        form.query_one("#field-name", Input).value = "Tiny Term"
        form.query_one("#field-company", Input).value = "Acme"
        form.query_one("#field-referred_by", Input).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [contact] = store.contacts()
        assert (contact.name, contact.company) == ("Tiny Term", "Acme")
        contacts = app.main_screen.query_one("#contact-list")
        assert shown(contacts) and contacts.current.id == contact.id
        assert screen_lines(contacts)[0].startswith(" Tiny Term")


async def test_80x24_an_error_under_a_field_stays_on_screen(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-name", Input).value = "Err Visible"
        form.query_one("#field-referred_by", Input).value = "Nobody Known"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-referred_by", Static)
        assert error.has_class("-shown") and "No contact named" in error.render().plain
        assert error.region.area > 0 and form.region.contains_region(error.region)
        assert store.contacts() == []


# Many contacts ----------------------------------------------------------------------------


def workspace_with(path: Path, count: int, now: datetime) -> Store:
    """A workspace file of ``count`` contacts, written directly (adding them one by one through
    TinyDB re-indexes the table on each insert and would take most of the test budget)."""
    contacts = {
        str(i): Contact(name=f"Person {i:05d}", company=f"Company {i % 97}", role="Role", created=now, updated=now).to_doc()
        for i in range(1, count + 1)
    }
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "contacts": contacts}))
    return Store.open(path, clock=lambda: now)


async def test_the_contact_list_does_not_grow_the_dom_with_the_number_of_contacts(tmp_path, make_test_app, now):
    counts = {}
    for count in (10, 2_000):
        store = workspace_with(tmp_path / f"{count}.json", count, now)
        try:
            assert store.contact_count() == count
            app = make_test_app(store)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                assert len(app.main_screen.query_one("#contact-list").rows) == count
                counts[count] = len(app.screen.query("*"))
        finally:
            store.close()
    assert counts[10] == counts[2_000]


async def test_ten_thousand_contacts_move_filter_and_render(tmp_path, make_test_app, now):
    store = workspace_with(tmp_path / "big.json", 10_000, now)
    try:
        app = make_test_app(store)
        async with app.run_test(size=SIZE) as pilot:
            contacts = app.main_screen.query_one("#contact-list")
            await pilot.press("G")
            await pilot.pause()
            assert contacts.current.name == "Person 10000"
            assert app.main_screen.contact.name == "Person 10000"
            lines = [line for line in screen_lines(contacts) if line.strip()]
            assert lines[-1].startswith(" Person 10000")
            await pilot.press("pageup")
            await pilot.pause()
            assert contacts.cursor < 10_000 - 10
            assert any(line.startswith(f" {contacts.current.name}") for line in screen_lines(contacts))
            await pilot.press("slash", *"09999")
            await pilot.pause()
            assert [c.name for c in contacts.rows] == ["Person 09999"]
            assert app.main_screen.query_one("#contacts-pane").border_subtitle == "1 of 10000"
            await pilot.press("escape", "d", "y")
            await pilot.pause()
            assert store.contact_count() == 9_999
            assert "Person 09999" not in {c.name for c in store.contacts()}
    finally:
        store.close()


async def test_the_command_palette_over_the_dashboard_offers_its_keys_not_the_main_screens(demo_store, make_test_app):
    # The main screen's commands ran beneath the dashboard, unseen: an undo or a follow-up added
    # left it showing old figures; "Add" did nothing at all.
    from interview_tui.tui.screens.dashboard import DashboardScreen

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        main_titles = [command.title for command in app.get_system_commands(app.main_screen)]
        assert {"Add", "Undo", "Follow-up", "Search"} <= set(main_titles)
        assert main_titles.count("Keys") == main_titles.count("Quit") == 1  # not Textual's besides ours
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        dashboard = app.screen
        titles = [command.title for command in app.get_system_commands(dashboard)]
        assert {"Select contact", "Close", "Keys"} <= set(titles)
        assert not set(titles) & {"Add", "Undo", "Follow-up", "Import contacts…", "Search", "Delete", "Done"}, titles
        assert titles.count("Keys") == 1
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        app.screen.query_one(Input).value = "Close"
        await wait_for(pilot, lambda: palette_offers(app, "Close"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert dashboard not in app.screen_stack
