"""The search and the contact filter at a phone's 40x20, at 80x24 and at 120x36: what they say
about themselves is shown whole (shorter, or wrapped), never cut at the right edge; and a search
of a workspace with nobody in it says there is nothing to search yet, and how to add someone."""

from __future__ import annotations

import re

import pytest

from interview_tui.core.models import Contact
from interview_tui.tui.screens.search import SearchScreen

from .conftest import wait_for
from .test_insight_views import screen_text

TINY, NARROW, SIZE = (40, 20), (80, 24), (120, 36)

FULL_EXPLANATION = "Finds every word typed, in any case or accent: contacts, answers, notes."
NOTHING_YET = (
    "Nothing to search yet. Add a contact first (a in the contact list), or import contacts "
    "(Import contacts… in the command palette, ctrl+p)."
)


def framed_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Each line of the screen inside its frame (the search's, or a pane's), without the frame."""
    return [re.sub(r"^[│ ]+|[│ ]+$", "", line) for line in screen_text(app).splitlines()]


def framed_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the framed lines say, read on from one line to the next."""
    return " ".join(line for line in framed_lines(app) if line)


async def open_search(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+f")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SearchScreen))
    await pilot.pause()


@pytest.mark.parametrize(
    ("size", "hint"),
    [
        (TINY, "words to find in contacts and notes"),
        (NARROW, "words to find in contacts, answers and notes"),
        (SIZE, "words to find in contacts, answers and notes"),
    ],
)
async def test_the_search_box_and_the_line_under_it_are_shown_whole(demo_store, make_test_app, size, hint) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await open_search(pilot)
        lines = framed_lines(app)
        assert lines[1] == hint  # the box, empty: what to type there
        assert FULL_EXPLANATION in framed_text(app)
        if size != TINY:
            assert lines[2] == FULL_EXPLANATION  # one line where it fits, as before
        await pilot.press(*"portfolio")
        await pilot.pause()
        assert "3 found." in framed_lines(app)


async def test_a_search_with_more_results_than_listed_says_so_whole_at_40_columns(store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    for number in range(210):
        store.add_contact(Contact(name=f"Sam Sample {number}", company="Northwind Labs"))
    app = make_test_app(store)
    async with app.run_test(size=TINY) as pilot:
        await open_search(pilot)
        await pilot.press(*"northwind")
        await pilot.pause()
        assert "210 found, the first 200 listed: type more to narrow." in framed_text(app)
        await pilot.press(*" 123")  # one line again: the list has its line back
        await pilot.pause()
        assert "1 found." in framed_lines(app)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one("#search-count").size.height == 1


@pytest.mark.parametrize("size", [TINY, SIZE])
async def test_searching_a_workspace_with_nobody_in_it_says_how_to_add_someone(store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(store)
    async with app.run_test(size=size) as pilot:
        await open_search(pilot)
        assert NOTHING_YET in framed_text(app)
        await pilot.press(*"alex")
        await pilot.pause()
        text = framed_text(app)
        assert NOTHING_YET in text
        assert "Nothing holds all of these words" not in text


async def test_a_search_that_finds_nothing_in_a_workspace_with_people_still_says_to_try_fewer_words(demo_store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await open_search(pilot)
        await pilot.press(*"zzzz")
        await pilot.pause()
        text = framed_text(app)
        assert "Nothing holds all of these words: try fewer, or shorter ones." in text
        assert "Nothing to search yet" not in text


@pytest.mark.parametrize(
    ("size", "hint"),
    [
        (TINY, "/ filter: words, rel:friend, #tag"),
        (NARROW, "/ filter: words, rel:friend, stage:asked, #tag"),
        # Three panes: the contacts' is 46 columns wide, and its hint was cut after "stage:asked,".
        (SIZE, "/ filter: words, rel:friend, stage:asked"),
    ],
)
async def test_the_contact_filter_hint_is_shown_whole(demo_store, make_test_app, size, hint) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        filter_line = next(line for line in framed_lines(app) if line.startswith("/ filter"))
        assert filter_line.split("│")[0].strip() == hint
        await pilot.resize_terminal(*TINY)
        await pilot.pause()
        assert "/ filter: words, rel:friend, #tag" in framed_lines(app)


async def test_at_40_columns_each_result_shows_the_words_found_in_its_context(demo_store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    from .test_search import highlighted, result_lines

    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await open_search(pilot)
        await pilot.press(*"portfolio")
        await pilot.pause()
        rows = result_lines(app)
        assert len(rows) == 3, rows
        for row in range(len(rows)):
            # The date gives way to the context (the preview under the list gives it).
            assert "".join(highlighted(app, row)).lower() == "portfolio", rows[row]
        assert "2026" not in " ".join(rows)
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert all("2026" in row for row in result_lines(app)[1:])  # a conversation's date, when wide enough


def preview_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The preview under the results as drawn, line by line (its top border apart)."""
    preview = app.screen.query_one("#search-preview")
    return [preview.render_line(y).text.rstrip() for y in range(preview.size.height)]


async def test_at_40_columns_the_preview_heading_is_one_line_and_the_text_follows_it(demo_store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=TINY) as pilot:
        await open_search(pilot)
        await pilot.press(*"portfolio")
        await pilot.pause()
        # The date a narrow list leaves out is in the heading, without the weekday and the time;
        # what does not fit even so is cut with "…" rather than wrapped onto the text's lines.
        assert preview_lines(app) == ["About them · Riley Mockup · 05 Dec…", "Share the portfolio draft", "", ""]
        await pilot.press("down", "down")  # an answer: its question, on one line, then the answer
        await pilot.pause()
        heading, question, *text = preview_lines(app)
        assert heading == "Answer · Alex Example · 23 Nov 2026"
        assert question == "What education and training did you…"
        assert text[0].startswith("No degree in it")  # the answer, from its start
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert preview_lines(app)[:2] == [
            "Answer · Alex Example · Mon 23 Nov 2026 10:00",
            "What education and training did you need?",
        ]


@pytest.mark.parametrize("size", [TINY, NARROW])
async def test_the_preview_shows_the_words_found_however_far_into_the_text_they_are(demo_store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await open_search(pilot)
        # The last word of Alex Example's answer: at 40 columns the two lines left under the
        # answer's question held its first eighty characters, and not the word.
        await pilot.press(*"certificate")
        await wait_for(pilot, lambda: "certificate" in " ".join(preview_lines(app)))
        heading, question, *text = preview_lines(app)
        assert heading.startswith("Answer · Alex Example")
        assert question.startswith("What education and training")
        assert "certificate" in " ".join(text)


async def test_the_preview_keeps_the_words_found_in_sight_when_the_terminal_narrows(demo_store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot)
        await pilot.press(*"certificate")
        await wait_for(pilot, lambda: "certificate" in " ".join(preview_lines(app)))
        await pilot.resize_terminal(*TINY)
        await pilot.pause()
        await wait_for(pilot, lambda: "certificate" in " ".join(preview_lines(app)[2:]))
