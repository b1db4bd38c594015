"""Search: ctrl+f from anywhere, results narrowing as the user types with the matches highlighted,
and enter jumping to the contact or to the very answer in the notes editor."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from builders import add_contacts
from rich.segment import Segment

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.search import SearchResults, SearchScreen, open_search
from interview_tui.tui.widgets.key_bar import KeyBar
from interview_tui.tui.widgets.notes import NotesEditor

from .conftest import wait_for
from .test_format_characters import type_as_the_terminal_sends

SIZE = (120, 36)
NARROW = (80, 24)

MakeApp = Callable[[Store], InterviewApp]


def search_screen(app: InterviewApp) -> SearchScreen:
    assert isinstance(app.screen, SearchScreen), app.screen
    return app.screen


def result_lines(app: InterviewApp) -> list[str]:
    """The result rows on screen, as plain text, without the blank lines under them."""
    results = search_screen(app).results
    return [text for y in range(results.size.height) if (text := results.render_line(y).text.strip())]


def count_text(app: InterviewApp) -> str:
    return search_screen(app).query_one("#search-count").render().plain


def highlighted(app: InterviewApp, row: int) -> list[str]:
    """The parts of a result row drawn in the highlight style (bold, reverse)."""
    segments: list[Segment] = list(search_screen(app).results.render_line(row))
    return [s.text for s in segments if s.style is not None and s.style.bold and s.style.reverse]


def key_hints(app: InterviewApp) -> list[str]:
    return [hint.description for hint in app.screen.query_one(KeyBar).hints]


def editor_line(app: InterviewApp) -> tuple[str, int]:
    """The line the notes editor's cursor is on, and the cursor's column."""
    editor = app.main_screen.notes_pane.editor
    row, column = editor.cursor_location
    return editor.document.get_line(row), column


async def open_and_type(app: InterviewApp, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    open_search(app.main_screen)
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


# Opening and closing ---------------------------------------------------------------------------


async def test_ctrl_f_opens_the_search_from_any_pane(demo_store: Store, make_test_app: MakeApp) -> None:
    """Needs the main screen's ctrl+f binding (which calls open_search)."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        places = {
            "contacts": (),
            "notes": ("tab",),
            "follow-ups": ("tab",),
            "contact filter": ("tab", "slash"),
            "notes editor": ("escape", "n"),
        }
        for place, keys in places.items():
            await pilot.press(*keys)
            await pilot.pause()
            before = app.focused
            await pilot.press("ctrl+f")
            await pilot.pause()
            screen = search_screen(app)
            assert app.focused is screen.query_input, place
            await pilot.press(*"sam")
            await pilot.pause()
            assert result_lines(app)[0].startswith("contact   Sam Sample"), place
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is main and app.focused is before, place


async def test_escape_closes_it_with_nothing_changed(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        await pilot.pause()
        main = app.main_screen
        selected, focused = main.contact, app.focused
        on_disk = demo_store.path.read_bytes()
        await open_and_type(app, pilot, "portfolio")
        await pilot.press("down", "down")  # into the results, onto the second one
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        assert main.contact is selected and main.contact.name == "Casey Placeholder"
        assert main.contacts_pane.contact_list.current is selected
        assert app.focused is focused
        assert demo_store.path.read_bytes() == on_disk


# Typing ----------------------------------------------------------------------------------------


async def test_typing_narrows_the_results_live(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        open_search(app.main_screen)
        await pilot.pause()
        assert result_lines(app) == ["Type to search contacts, conversations and notes."]
        await pilot.press("p")
        await pilot.pause()
        many = len(result_lines(app))
        assert many > 5 and count_text(app) == f"{many} found."
        await pilot.press(*"ortfol")
        await pilot.pause()
        assert [line.split()[:3] for line in result_lines(app)] == [
            ["about", "Riley", "Mockup"],  # a follow-up's note: "Share the portfolio draft"
            ["answer", "Alex", "Example"],  # "A portfolio matters more than a certificate."
            ["notes", "Alex", "Example"],  # "offered to look at a portfolio draft."
        ]
        assert count_text(app) == "3 found."
        await pilot.press(*"io draft")
        await pilot.pause()
        riley, line = result_lines(app)
        assert riley.startswith("about     Riley Mockup") and "Share the portfolio draft" in riley
        assert line.startswith("notes     Alex Example         23 Nov 2026")
        assert "offered to look at a portfolio draft." in line
        assert count_text(app) == "2 found."
        await pilot.press("x")
        await pilot.pause()
        assert count_text(app) == "Nothing found."
        assert result_lines(app) == ["Nothing holds all of these words: try fewer, or shorter ones."]
        for _ in range(len("portfolio draftx")):
            await pilot.press("backspace")
        await pilot.pause()
        assert result_lines(app) == ["Type to search contacts, conversations and notes."]


async def test_the_matching_words_are_highlighted_in_context(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "PORTFOLIO cert")
        (line,) = result_lines(app)
        assert "A portfolio matters more than a certificate." in line
        assert highlighted(app, 0) == ["portfolio", "cert"]
        # The preview under the list: which question was answered, by whom, when, and more context.
        preview = search_screen(app).query_one("#search-preview").render().plain
        assert preview.splitlines()[:2] == [
            "Answer · Alex Example · Mon 23 Nov 2026 10:00",
            "What education and training did you need?",
        ]
        assert "portfolio matters more than a certificate" in preview


async def test_results_beyond_the_first_200_are_counted(store: Store, make_test_app: MakeApp) -> None:
    add_contacts(store, 230, "Contact {:03d} Example")
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "example")
        assert count_text(app) == "230 found, the first 200 listed: type more to narrow."
        assert len(search_screen(app).results.rows) == 200
        await pilot.press(*" 22")  # 022, 122 and 220 to 229
        await pilot.pause()
        assert count_text(app) == "12 found."


# Moving and choosing ---------------------------------------------------------------------------


async def test_down_and_enter_move_into_the_results_and_up_goes_back(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "example")
        screen = search_screen(app)
        assert key_hints(app) == ["Results", "Open", "Close"]
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is screen.results and screen.results.cursor == 0
        assert key_hints(app) == ["Close", "Open", "Search box"]
        await pilot.press("down")
        assert screen.results.cursor == 1
        await pilot.press("up", "up")
        await pilot.pause()
        assert app.focused is screen.query_input
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is screen.results and isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+f")
        assert app.focused is screen.query_input


async def test_up_from_the_results_goes_back_to_typing_more_of_the_query(demo_store: Store, make_test_app: MakeApp) -> None:
    """Back in the box from the results, a key adds to the query or erases its last letter: it
    does not replace the whole query, as it does when the search opens on the last one."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "portfolio")
        screen = search_screen(app)
        await pilot.press("down", "up")
        await pilot.pause()
        assert app.focused is screen.query_input
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.query_input.value == "portfoli"
        await pilot.press(*"o draft")
        await pilot.pause()
        assert screen.query_input.value == "portfolio draft"
        assert count_text(app) == "2 found."
        # Going down and back up again behaves the same.
        await pilot.press("down", "up", "x")
        await pilot.pause()
        assert screen.query_input.value == "portfolio draftx"


async def test_enter_on_an_answer_opens_that_conversation_at_the_answer(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        # Another contact selected, and a filter that hides the one the answer is from.
        await pilot.press("slash", *"sam", "enter")
        await pilot.pause()
        assert main.contact.name == "Sam Sample"
        await open_and_type(app, pilot, "certificate")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        alex = demo_store.find_contact("Alex Example")
        assert main.contact.id == alex.id
        assert main.contacts_pane.contact_list.current.id == alex.id
        assert main.contacts_pane.filter_input.value == ""
        assert main.notes_pane.current is not None and main.notes_pane.current.contact_id == alex.id
        assert isinstance(app.focused, NotesEditor)
        line, column = editor_line(app)
        assert line == "No degree in it; a short course and a lot of reading. A portfolio matters more than a certificate."
        assert line[column:] == "certificate."
        # The editor is the real one: typing goes into that answer.
        await pilot.press("end", *" Yes.")
        assert editor_line(app)[0].endswith("certificate. Yes.")


async def test_enter_on_conversation_notes_opens_them_at_the_match(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "bootcamp")
        (line,) = result_lines(app)
        assert line.startswith("notes     Riley Mockup         27 Aug 2026")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.main_screen.contact.name == "Riley Mockup"
        assert isinstance(app.focused, NotesEditor)
        line, column = editor_line(app)
        assert line[column:] == "bootcamp."


async def test_enter_on_a_contact_selects_them_in_the_contacts_pane(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")  # from the notes pane
        await pilot.pause()
        await open_and_type(app, pilot, "contoso")
        assert result_lines(app)[0].startswith("contact   Sam Sample")
        assert highlighted(app, 0) == ["Contoso"]
        await pilot.press("enter", "enter")
        await pilot.pause()
        main = app.main_screen
        assert main.contact.name == "Sam Sample"
        assert main.contacts_pane.contact_list.current.name == "Sam Sample"
        assert app.focused is main.contacts_pane.contact_list
        heading = main.notes_pane.query_one("#notes-heading").render().plain
        assert heading.startswith("Sam Sample")


async def test_notes_being_typed_are_found(demo_store: Store, make_test_app: MakeApp) -> None:
    """The draft in the editor is saved when the search opens, so the search sees it."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # Alex's conversation, cursor at the first empty answer
        await pilot.pause()
        await pilot.press(*"Quokka")
        await open_and_type(app, pilot, "quokka")
        assert len(result_lines(app)) == 1 and "Quokka" in result_lines(app)[0]


async def test_searching_again_starts_from_the_last_query(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "portfolio")
        await pilot.press("escape")
        await pilot.pause()
        open_search(app.main_screen)
        await pilot.pause()
        screen = search_screen(app)
        assert screen.query_input.value == "portfolio"
        assert len(result_lines(app)) == 3  # Riley's follow-up, Alex's answer and notes
        await pilot.press(*"sam")  # the old query was selected: typing replaces it
        await pilot.pause()
        assert screen.query_input.value == "sam"


async def test_it_fits_an_80x24_terminal(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await open_and_type(app, pilot, "certificate")
        (line,) = result_lines(app)
        assert line.startswith("answer    Alex Example    23 Nov 2026")
        assert highlighted(app, 0) == ["certificate"]  # the context starts near the match
        assert isinstance(search_screen(app).results, SearchResults)
        await pilot.press("enter", "enter")
        await pilot.pause()
        # One pane at a time at this size: the notes pane is the one shown, at the answer.
        main = app.main_screen
        assert main.active_pane == "notes-pane"
        assert main.notes_pane.region.width and not main.contacts_pane.region.width
        assert isinstance(app.focused, NotesEditor)
        assert editor_line(app)[0].endswith("A portfolio matters more than a certificate.")


@pytest.mark.parametrize("typed", ["ABCDE", "<<S>>"])
async def test_keys_typed_at_once_after_opening_a_result_all_land_where_it_opened(
    demo_store: Store, make_test_app: MakeApp, typed: str
) -> None:
    """Enter on a result and the words typed at once after it (found by a tester: the first key
    was lost, typed at the search closing or at the main screen before the notes were open)."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "bootcamp")
        await pilot.press("enter")  # into the results
        type_as_the_terminal_sends(app, "\r" + typed)  # at once
        await _typed_before_the_match(app, pilot, typed, "bootcamp.")


async def test_keys_typed_after_opening_a_result_wait_for_it_however_long_showing_it_takes(
    demo_store: Store, make_test_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a loaded machine the main screen took the chosen result more than half a second after
    the search closed: the keys typed meanwhile were let go as if lost, to the contacts list,
    where A opened the answers view and the rest went there."""
    from interview_tui.tui.messages import ShowContact

    post = MainScreen.post_message

    def taken_late(screen: MainScreen, message: object) -> bool:
        if isinstance(message, ShowContact):
            screen.set_timer(1.2, lambda: post(screen, message))
            return True
        return post(screen, message)  # type: ignore[arg-type]

    monkeypatch.setattr(MainScreen, "post_message", taken_late)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "bootcamp")
        await pilot.press("enter")  # into the results
        type_as_the_terminal_sends(app, "\rABCDE")  # at once
        await _typed_before_the_match(app, pilot, "ABCDE", "bootcamp.")


@pytest.mark.parametrize("typed", ["SB1", "x y"])
async def test_a_burst_typed_before_the_search_can_look_opens_the_result_with_every_key(
    demo_store: Store, make_test_app: MakeApp, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """Found by a tester on a large workspace, where the index is made on a thread while the
    search shows: ctrl+f, the words, enter, enter and text typed at once. The enters came
    before there were results, did nothing, and the text went into the search box. Now enter
    acts once the results of what was typed are shown, and the keys after it wait for that."""
    from interview_tui.tui.screens import search as search_module

    monkeypatch.setattr(search_module, "AT_ONCE", 0)  # made on a thread, as at 10,000 contacts
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_as_the_terminal_sends(app, "\x06bootcamp\r\r" + typed)  # ctrl+f and the rest, at once
        await _typed_before_the_match(app, pilot, typed, "bootcamp.")


async def _typed_before_the_match(app: InterviewApp, pilot, typed: str, match: str) -> None:  # type: ignore[no-untyped-def]
    """Every key of ``typed`` landed in the notes, at the match the result opened at."""
    await wait_for(pilot, lambda: isinstance(app.focused, NotesEditor) and typed[-1] in editor_line(app)[0])
    await pilot.pause()
    line, column = editor_line(app)
    assert line[column - len(typed) :] == typed + match
