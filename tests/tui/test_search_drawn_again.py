"""A search result's columns (kind, name, date) are drawn once and kept while the same records
come back keystroke after keystroke. What they were drawn for must still hold when they are shown
again: the cursor on that row or not, the list's width, the theme. And the quick measure of a
text in cells is the terminal's, whatever the text holds."""

from __future__ import annotations

from collections.abc import Callable

from builders import add_contacts
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, set_cell_size
from rich.style import Style

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.search import SearchResults, SearchScreen
from interview_tui.tui.widgets.row_list import cells, fit, sized

from .test_search import open_and_type

MakeApp = Callable[[Store], InterviewApp]
SIZE = (120, 36)

# Latin, the punctuation of cut texts, wide CJK, a combining accent, an emoji, and characters
# that take no cell (a zero-width space, a line separator, a bidi override, a word joiner).
texts = st.text(alphabet=st.sampled_from("ab Zé-…—“”’\u00ad漢字\u0301\u200b🙂\u2026.\u2028\u202e\u2060\u2122"), max_size=30)


@given(text=texts, width=st.integers(min_value=0, max_value=40))
def test_a_text_is_measured_and_cut_as_the_terminal_draws_it(text: str, width: int) -> None:
    assert cells(text) == cell_len(text)
    assert sized(text, width) == set_cell_size(text, width)
    if width:
        assert cell_len(fit(text, width)) == width


def results(app: InterviewApp) -> SearchResults:
    assert isinstance(app.screen, SearchScreen), app.screen
    return app.screen.results


def name_style(app: InterviewApp, row: int) -> Style | None:
    """The style the row's name column is drawn in (its third segment: a space, the kind, a
    space, then the name)."""
    return list(results(app).render_line(row))[3].style


async def test_the_cursor_leaves_a_row_drawn_as_the_others(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "p")
        plain = name_style(app, 1)
        await pilot.press("down")  # into the list: the cursor on the first result
        await pilot.pause()
        on_cursor = name_style(app, 0)
        assert on_cursor != plain
        await pilot.press("down")
        await pilot.pause()
        assert name_style(app, 1) == on_cursor
        assert name_style(app, 0) == plain


async def test_the_results_drawn_at_one_width_are_drawn_again_at_another(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "p")
        wide = [results(app).render_line(y).text for y in range(3)]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        width = results(app).scrollable_content_region.width
        narrow = [results(app).render_line(y).text for y in range(3)]
        assert narrow != wide
        assert [cell_len(line) for line in narrow] == [width] * 3
        # The name column is narrower too: the context starts where the new layout puts it.
        assert narrow[0].split()[:3] == wide[0].split()[:3]


async def test_results_drawn_before_the_theme_changed_wear_the_new_one(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "p")
        list_ = results(app)
        before = list(list_.render_line(1))[1].style  # the kind column, dimmed
        app.theme = "textual-light"
        await pilot.pause()
        after = list(list_.render_line(1))[1].style
        assert after != before
        assert after == list_.rich_style + list_.get_component_rich_style("row-list--dim", partial=True)


def preview_heading(app: InterviewApp) -> str:
    assert isinstance(app.screen, SearchScreen), app.screen
    return app.screen.query_one("#search-preview").render().plain.splitlines()[0]


async def test_the_preview_follows_the_highlighted_result_as_one_types_and_moves(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    """The preview is drawn a frame after the list (the list comes in the key's own frame); it
    still ends up showing the result highlighted, whatever the keys did meanwhile."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "p")
        first, second = (results(app).rows[n] for n in (0, 1))
        assert first.contact_name != second.contact_name
        assert first.contact_name in preview_heading(app)
        await pilot.press("down", "down")  # into the list, then its second row
        await pilot.pause()
        assert second.contact_name in preview_heading(app)
        await pilot.press("up", "up")  # back to the box, to type more
        await pilot.press(*"ortfolio draft")  # typed as fast as the keys go
        await pilot.pause()
        (riley, _alex) = results(app).rows
        assert preview_heading(app).startswith(f"About them · {riley.contact_name}")
        assert "Share the portfolio draft" in app.screen.query_one("#search-preview").render().plain


async def test_a_terminal_made_smaller_keeps_the_highlighted_result_in_sight(store: Store, make_test_app: MakeApp) -> None:
    add_contacts(store, 60)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "example")
        for _ in range(31):  # into the list, then to its thirtieth row, near the bottom at 36 lines
            await pilot.press("down")
        await pilot.pause()
        list_ = results(app)
        highlighted = list_.rows[list_.cursor]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        top, height = list_.scroll_offset.y, list_.scrollable_content_region.height
        assert top <= list_.cursor < top + height
        assert highlighted.contact_name in [list_.render_line(y).text for y in range(height)][list_.cursor - top]
        assert highlighted.contact_name in preview_heading(app)


def drawn_afresh(list_: SearchResults, height: int) -> list[list[object]]:
    """The list's first lines as drawn with nothing kept from earlier keystrokes."""
    list_._rows_drawn.clear()
    list_._columns_drawn.clear()
    return [list(list_.render_line(y)) for y in range(height)]


async def test_rows_shown_again_as_a_letter_is_typed_and_erased_are_drawn_for_the_query_now(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(app, pilot, "in")
        list_ = results(app)
        height = min(len(list_.rows), 8)
        assert height >= 3, "the demo's words should find several results"
        shorter = [list(list_.render_line(y)) for y in range(height)]
        for key, query_now in (("t", "int"), ("backspace", "in"), ("t", "int"), ("down", "int")):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.query_input.value == query_now
            height = min(len(list_.rows), 8)
            shown = [list(list_.render_line(y)) for y in range(height)]
            assert shown == drawn_afresh(list_, height), (key, query_now)
            if query_now == "int" and key == "t":
                assert shown != shorter[:height]  # the highlights follow the letter typed
