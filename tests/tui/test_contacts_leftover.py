"""Esc on a filtered contact list clears the filter, and says so; esc keeps its other meanings."""

from __future__ import annotations

from textual.widgets import Input

from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.widgets.key_bar import KeyBar

from .conftest import wait_for
from .test_contacts import DEMO_NAMES, SIZE, contact_list, shown_names


def filter_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one("#contact-filter", Input).value


def footer(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {f"{hint.display} {hint.description}" for hint in app.screen.query_one(KeyBar).hints}


def said(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def test_esc_on_a_filtered_list_clears_the_filter_and_says_so(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"alex", "enter")
        await wait_for(pilot, lambda: app.focused is contact_list(app))
        assert shown_names(app) == ["Alex Example"]
        assert "esc Clear filter" in footer(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: shown_names(app) == DEMO_NAMES)
        assert filter_text(app) == ""
        assert app.focused is contact_list(app)  # still on the list, where the keys were typed
        assert "Filter cleared." in said(app)
        await wait_for(pilot, lambda: "esc Clear filter" not in footer(app))
        # With no filter left, esc on the list does nothing, and says nothing.
        await pilot.press("j", "escape")
        await pilot.pause()
        assert shown_names(app) == DEMO_NAMES
        assert contact_list(app).current.name == "Aunt Example"
        assert said(app).count("Filter cleared.") == 1


async def test_a_list_that_matches_no_one_says_esc_clears_it_and_it_does(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zzzz", "enter")
        await wait_for(pilot, lambda: app.focused is contact_list(app))
        assert "No match: esc clears the filter." in contact_list(app).render_line(0).text
        await pilot.press("escape")
        await wait_for(pilot, lambda: shown_names(app) == DEMO_NAMES)


async def test_esc_in_a_form_over_a_filtered_list_cancels_the_form_and_keeps_the_filter(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"alex", "enter")
        await wait_for(pilot, lambda: app.focused is contact_list(app))
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main_screen)
        assert filter_text(app) == "alex"
        assert shown_names(app) == ["Alex Example"]
        # The next esc, back on the list, is the one that clears it.
        await pilot.press("escape")
        await wait_for(pilot, lambda: shown_names(app) == DEMO_NAMES)


async def test_slash_from_another_pane_filters_the_contacts(demo_store, make_test_app):
    """Found by a tester: / on the notes pane did nothing, so the words typed after it ran as
    commands (b opened the question bank, r retired a question). It filters from every pane,
    and is still typed as text in the notes editor."""
    from interview_tui.tui.screens.question_bank import QuestionBankScreen

    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")  # the notes pane (alone on the screen at 80 columns)
        await wait_for(pilot, lambda: app.main_screen.active_pane == "notes-pane")
        await pilot.press("slash", *"sam")
        await wait_for(pilot, lambda: filter_text(app) == "sam")
        assert app.main_screen.active_pane == "contacts-pane"
        assert not isinstance(app.screen, QuestionBankScreen)
        assert shown_names(app) == ["Sam Sample"]
        await pilot.press("enter", "tab", "n", "slash", *"x")
        editor = app.main_screen.notes_pane.editor
        await wait_for(pilot, lambda: "/x" in editor.text)
        assert filter_text(app) == "sam"
