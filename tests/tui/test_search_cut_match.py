"""A result's line cut with "…" in the middle of a word found: the "…" is highlighted with the
part of the word shown ("the re…" where "result" was found), so that the line reads as having
found the word, not a part of it; a "…" that leaves out only words not found stays plain."""

from __future__ import annotations

from datetime import datetime

from rich.style import Style

from interview_tui.core.models import Contact, Interview
from interview_tui.core.search import Snippet
from interview_tui.tui.screens.search import highlighted_segments

from .conftest import NARROW, wait_for
from .test_search import highlighted, result_lines
from .test_search_narrow import open_search

PLAIN = Style()
MATCH = Style(bold=True, reverse=True)


def drawn(text: str, found: str, width: int) -> tuple[str, list[str]]:
    """The line drawn for ``text`` with every ``found`` in it marked, and its highlighted parts."""
    spans = []
    start = text.find(found)
    while start >= 0:
        spans.append((start, start + len(found)))
        start = text.find(found, start + len(found))
    segments = highlighted_segments(Snippet(text, tuple(spans)), width, PLAIN, MATCH)
    return "".join(s.text for s in segments), [s.text for s in segments if s.style == MATCH]


def test_an_ellipsis_that_cuts_a_word_found_is_highlighted_with_it() -> None:
    assert drawn("shared with the result of it", "result", 12) == ("shared with…", [])
    assert drawn("shared with the result of it", "result", 19) == ("shared with the re…", ["re", "…"])
    assert drawn("shared with the result of it", "result", 16) == ("shared with the…", [])  # cut before it


def test_an_ellipsis_just_after_a_whole_word_found_stays_plain() -> None:
    assert drawn("the result of it", "result", 11) == ("the result…", ["result"])


def test_a_wide_character_cut_inside_a_word_found_highlights_the_ellipsis() -> None:
    # 4 cells: room for 3 before "…", and the second wide character does not fit in the one left.
    assert drawn("漢字です", "漢字", 4) == ("漢 …", ["漢 ", "…"])
    assert drawn("です漢字", "漢字", 4) == ("で …", [])


def test_a_line_that_fits_has_no_ellipsis() -> None:
    assert drawn("the result", "result", 12) == ("the result  ", ["result"])


async def test_the_second_time_a_word_is_found_cut_at_the_end_of_a_result_line(store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    alex = store.add_contact(Contact(name="Alex Example"))
    store.add_interview(
        Interview(
            contact_id=alex.id,
            when=datetime(2026, 11, 23, 10),
            notes="The team shares with everyone the result; results go out every week.",
        )
    )
    app = make_test_app(store)
    async with app.run_test(size=NARROW) as pilot:
        await open_search(pilot)
        await pilot.press(*"result")
        await wait_for(pilot, lambda: "result" in " ".join(result_lines(app)))
        (line,) = result_lines(app)
        assert line.endswith("…shares with everyone the result; re…")
        assert highlighted(app, 0) == ["result", "re", "…"]
