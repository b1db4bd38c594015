"""The dashboard at every size, down to a phone's 40x20: the funnel keeps one line per step (its
bars shrink with the terminal, and go when there is no room) and the weekly chart keeps its lines
(its bars narrow, and the oldest weeks go when even that is too wide); the footer says how to
close it, and the overdue panel says when nothing is overdue."""

from __future__ import annotations

import pytest

from interview_tui.core.models import Contact
from interview_tui.tui.screens.dashboard import CHART_HEIGHT, FUNNEL_BAR, DashboardScreen, open_dashboard
from interview_tui.tui.widgets.key_bar import KeyBar

from .conftest import NOW, open_screen, wait_for
from .test_insight_views import screen_text

STEPS = [("identified", "7", "100%"), ("asked", "5", "71%"), ("scheduled", "4", "57%"),
         ("interviewed", "3", "43%"), ("thanked", "2", "29%")]  # fmt: skip


def funnel_lines(screen: DashboardScreen) -> list[str]:
    funnel = screen.query_one("#funnel")
    return [funnel.render_line(y).text for y in range(funnel.size.height)]


@pytest.mark.parametrize("size", [(40, 20), (50, 20), (80, 24), (120, 36)])
async def test_each_step_of_the_funnel_is_one_whole_line_at_any_width(demo_store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        open_dashboard(app.main_screen)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        shown = funnel_lines(screen)
        assert len(shown) == len(STEPS)  # no line wrapped onto a second, none blank
        rows = [line.split() for line in shown]
        assert [(row[0], row[1], row[-1]) for row in rows] == STEPS
        bars = [row[2] if len(row) == 4 else "" for row in rows]
        # Every bar shorter than the one above it (the counts go down), within the room there is.
        assert [len(b) for b in bars] == sorted((len(b) for b in bars), reverse=True)
        assert all(len(b) <= FUNNEL_BAR for b in bars)
        assert bars[0], "at these widths there is room for a bar"


async def test_the_funnel_is_drawn_again_for_a_new_width(demo_store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        open_dashboard(app.main_screen)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        wide = funnel_lines(screen)[0].split()[2]
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        narrow = [line.split() for line in funnel_lines(screen)]
        assert len(narrow) == len(STEPS)
        assert len(narrow[0][2]) < len(wide) == FUNNEL_BAR


# The weekly chart, the way out and the overdue panel at every size --------------------------------

SIZES = [(40, 20), (50, 20), (80, 24), (120, 36)]


def chart_lines(screen: DashboardScreen) -> list[str]:
    """The weekly chart as drawn, without the blank lines under it."""
    chart = screen.query_one("#weekly")
    drawn = [chart.render_line(y).text.rstrip() for y in range(chart.size.height)]
    while drawn and not drawn[-1].strip():
        drawn.pop()
    return drawn


async def scroll_to(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Scroll the stacked dashboard down with j until ``text`` is on screen."""
    for _ in range(40):
        if text in screen_text(pilot.app):
            return
        await pilot.press("j")
        await pilot.pause()
    raise AssertionError(f"{text!r} never came into view")


def footer(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{hint.display} {hint.description}" for hint in app.screen.query_one(KeyBar).hints]


@pytest.mark.parametrize("size", SIZES)
async def test_the_weekly_chart_keeps_all_twelve_weeks_on_their_lines_at_any_width(demo_store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        chart = chart_lines(screen)
        # The counts, four lines of bars, the axis and the dates: none wrapped onto a second line.
        assert len(chart) == 1 + CHART_HEIGHT + 2, chart
        counts, *bars, axis, dates = chart
        assert counts.split() == ["1", "1"]
        assert len(axis.split()) == 12  # a mark under every week
        assert dates.split() == ["7", "Sep", "5", "Oct", "2", "Nov"]
        # Each count stands over its week's bar.
        for column, cell in enumerate(counts):
            if cell.strip():
                assert bars[-1][column] == "█", (counts, bars[-1])
        # Its title whole on the border (cut, it lost the number of weeks), shorter where need be.
        title = "Conversations per week, last 12 weeks" if size[0] >= 50 else "Conversations, last 12 weeks"
        await scroll_to(pilot, "2 held ─")
        assert f"─ {title} ─" in screen_text(app)


async def test_too_narrow_for_every_week_the_chart_drops_the_oldest_and_says_how_many_it_shows(make_test_app, store) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace
    from datetime import date, timedelta

    from interview_tui.core.insight.dashboard import WeekCount, dashboard_figures

    first = date(2026, 9, 7)
    # Two-figure counts need two cells a bar: twelve of them do not fit in 40 columns.
    weeks = [WeekCount(first + timedelta(weeks=number), 10 + number) for number in range(12)]
    figures = replace(dashboard_figures(store, NOW), weeks=weeks)
    app = make_test_app(store)
    async with app.run_test(size=(40, 20)) as pilot:
        await open_screen(pilot, DashboardScreen(figures))
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        chart = chart_lines(screen)
        assert len(chart) == 1 + CHART_HEIGHT + 2, chart
        shown = chart[0].split()
        assert shown == [str(count) for count in range(11, 22)]  # the latest eleven weeks, whole
        assert len(chart[-2].split()) == len(shown)
        await scroll_to(pilot, f"{sum(range(11, 22))} held ─")
        assert "─ Conversations, last 11 weeks ─" in screen_text(app)
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert chart_lines(screen)[0].split() == [str(count) for count in range(10, 22)]
        text = screen_text(app)
        assert "─ Conversations per week, last 12 weeks ─" in text
        assert f"─ {sum(range(10, 22))} held ─" in text


@pytest.mark.parametrize("size", SIZES)
async def test_the_dashboard_footer_says_how_to_close_it_at_any_width(demo_store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.pause()
        assert "esc Close" in footer(app)
        await pilot.press("tab")  # to the overdue list, whose enter selects the person
        await pilot.pause()
        assert "esc Close" in footer(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, DashboardScreen))


@pytest.mark.parametrize("size", SIZES)
async def test_with_nothing_overdue_the_dashboard_says_so_at_any_width(store, make_test_app, size) -> None:  # type: ignore[no-untyped-def]
    store.add_contact(Contact(name="Dee Doe"))
    app = make_test_app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("tab")  # the overdue list, scrolled into view where the panels are stacked
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        text = screen_text(app)
        assert "Overdue follow-ups · 0" in text
        assert "Nothing overdue." in text


# A phone's 40 columns: titles that fit, panels as wide as the screen allows ------------------------


@pytest.mark.parametrize(
    ("size", "title"),
    [
        ((40, 20), "Funnel: who reached each step"),
        ((50, 20), "Funnel: contacts who reached each step"),
        ((80, 24), "Funnel: contacts who reached each step"),
        ((120, 36), "Funnel: contacts who reached each step"),
    ],
)
async def test_the_funnel_title_is_shown_whole_on_its_border(demo_store, make_test_app, size, title) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.pause()
        assert f"╭─ {title} ─" in screen_text(app)


async def test_at_40_columns_the_panels_take_the_width_and_the_names_are_whole(demo_store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        # Every panel as wide as the frame allows, less the scrollbar: 34 columns of 40 before.
        widths = {panel.id: panel.outer_size.width for panel in screen.query(".dash-panel")}
        assert set(widths.values()) == {37}, widths
        # The funnel's bars have room to tell the steps apart (four cells each before).
        top_bar = funnel_lines(screen)[0].split()[2]
        assert len(top_bar) >= 12, funnel_lines(screen)
        # The overdue follow-ups show whole names ("Aunt…" before), the kind and how late, saying
        # "late" ("6 days" alone before).
        await pilot.press("tab")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        rows = [line.split("│")[2].split() for line in screen_text(app).splitlines() if "Example" in line]
        assert rows == [["Aunt", "Example", "check", "in", "6d", "late"], ["Alex", "Example", "thank", "you", "1d", "late"]]
