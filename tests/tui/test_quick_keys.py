"""Keys that must answer within a frame or two whatever the size of the workspace: what each one
restyles, builds or computes is kept to what it changes on screen. No test here times anything:
each counts the work a key causes, which is what grows with the workspace or the screen."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from unittest.mock import patch

import pytest
from rich.style import Style
from textual import events
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from interview_tui.core import insight
from interview_tui.core.insight import DashboardFigures
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens import MODALS_CSS, dashboard, referrals
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.widgets.row_list import RowList

from .conftest import NARROW, SIZE, wait_for

MakeApp = Callable[[Store], InterviewApp]


@contextmanager
def restyled(app: object) -> Iterator[list[DOMNode]]:
    """Every node the stylesheet is applied to meanwhile (virtual nodes of component classes
    left out)."""
    nodes: list[DOMNode] = []
    stylesheet: Stylesheet = app.stylesheet  # type: ignore[attr-defined]
    real_apply = stylesheet.apply

    def apply(node: DOMNode, **options: object) -> None:
        if type(node) is not DOMNode:
            nodes.append(node)
        real_apply(node, **options)  # type: ignore[arg-type]

    stylesheet.apply = apply  # type: ignore[method-assign]
    try:
        yield nodes
    finally:
        del stylesheet.apply


def _screen_of(node: DOMNode) -> DOMNode | None:
    current: DOMNode | None = node
    while current is not None and not isinstance(current, Screen):
        current = current.parent
    return current


def _in_pane(main: MainScreen, pane: str) -> Callable[[], bool]:
    return lambda: main.active_pane == pane


def _inside(node: DOMNode, ids: set[str]) -> bool:
    current: DOMNode | None = node
    while current is not None:
        if current.id in ids:
            return True
        current = current.parent
    return False


async def test_tab_restyles_only_the_panes_it_moves_between(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.main_screen
        for now_in in ("notes-pane", "followups-pane", "contacts-pane"):
            with restyled(app) as restyled_nodes:
                await pilot.press("tab")
                await wait_for(pilot, _in_pane(main, now_in))
            # A dialog built ahead meanwhile (tui/form_cache.py) is styled off screen.
            nodes = [n for n in restyled_nodes if _screen_of(n) is main]
            assert nodes, "the pane left and the pane entered change their frame"
            outside = {type(n).__name__ for n in nodes if not _inside(n, {"panes"})}
            # The title, the key bar and the tab strip are left as they are.
            assert outside == set()
            # Of the panes, their frames and the widget focused and the one left, not all
            # they hold (the notes editor, the filter box, the headings).
            assert len(nodes) <= 6, sorted(f"{type(n).__name__}#{n.id}" for n in nodes)


async def test_at_80x24_tab_shows_each_pane_in_turn_full_width(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        main = app.main_screen
        tabs = main.query_one("#pane-tabs")
        for now_in, title in (("notes-pane", "Notes"), ("followups-pane", "Follow-ups"), ("contacts-pane", "Contacts")):
            with restyled(app) as nodes:
                await pilot.press("tab")
                await wait_for(pilot, _in_pane(main, now_in))
            shown = [name for name in ("contacts-pane", "notes-pane", "followups-pane") if main.query_one(f"#{name}").region.width]
            assert shown == [now_in]
            assert main.query_one(f"#{now_in}").region.width == NARROW[0]
            assert f" {title} " in str(tabs.render())  # the strip names it, highlighted
            assert not any(type(n).__name__ in ("TitleBar", "KeyBar") for n in nodes if _screen_of(n) is main)


def burst(app: InterviewApp, *keys: str) -> None:
    """Keys as a terminal delivers a burst: all at once, none waiting for the one before."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


async def test_a_form_focuses_its_first_field_directly_and_styles_each_field_twice_at_most(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        focused: list[str] = []
        with restyled(app) as nodes:
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.focused, Input) and app.focused.id == "field-name")
            form = app.screen
            focused = [str(w.id) for w in form.query("*") if w.has_focus]
        assert focused == ["field-name"]
        labels = [n for n in nodes if isinstance(n, Label) and n.screen is form]
        # Built, then shown: the scrolling frame of the fields taking the focus first and then
        # giving it to the first field restyled every field twice more. A form built ahead of
        # its use (tui/form_cache.py) is not styled again as it is shown.
        per_label = Counter(id(n) for n in labels)
        assert max(per_label.values(), default=0) <= 2


async def test_the_first_form_of_a_session_finds_everything_it_needs_loaded(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "interview_tui.tui.screens.answers" in sys.modules and app.stylesheet.has_source(str(MODALS_CSS), ""))
        await pilot.pause()
        modules = set(sys.modules)
        sources = set(app.stylesheet.source)
        for key in ("a", "s", "f", "D", "R", "A", "T", "question_mark"):
            await pilot.press(key)
            await wait_for(pilot, lambda: len(app.screen_stack) == 2)
            await pilot.press("escape")
            await wait_for(pilot, lambda: len(app.screen_stack) == 1)
        # Nothing read or parsed as they opened: the first of each opens as later ones do.
        assert set(sys.modules) - modules == set()
        assert set(app.stylesheet.source) - sources == set()


async def test_a_name_typed_as_the_session_starts_lands_in_the_first_form(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the first frame; the forms are still being prepared
        burst(app, "a", *"Sam Sample")
        await wait_for(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == "Sam Sample")
        assert app.screen.query_one("#field-name", Input).value == "Sam Sample"


# The dashboard of a large workspace: up at once, its figures following -------------------------


@pytest.fixture
def held_figures(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Every workspace counts as large, and the figures are held until the event is set: what a
    person sees while a large workspace's figures are worked out."""
    release = threading.Event()
    work_out = insight.dashboard_figures

    def held(store: Store, now: datetime) -> DashboardFigures:
        assert release.wait(10), "the test never let the figures through"
        return work_out(store, now)

    monkeypatch.setattr(dashboard, "IN_THE_BACKGROUND_FROM", 0)
    monkeypatch.setattr(dashboard, "dashboard_figures", held)
    return release


def _text(widget: Static) -> str:
    return str(widget.render())


async def test_a_large_workspaces_dashboard_is_up_at_once_and_its_figures_follow(
    demo_store: Store, make_test_app: MakeApp, held_figures: threading.Event
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, dashboard.DashboardScreen))
        screen = app.screen
        assert isinstance(screen, dashboard.DashboardScreen)
        assert _text(screen.query_one("#funnel", Static)) == dashboard.WORKING
        assert "7 contacts" in _text(screen.query_one("#dashboard-title", Static))
        held_figures.set()
        await wait_for(pilot, lambda: _text(screen.query_one("#funnel", Static)) != dashboard.WORKING)
        funnel = [line.split() for line in _text(screen.query_one("#funnel", Static)).splitlines()]
        assert [(row[0], row[1]) for row in funnel][:2] == [("identified", "7"), ("asked", "5")]
        assert screen.overdue_list.border_title == "Overdue follow-ups · 2"
        assert screen.query_one("#weekly").border_subtitle == "2 held"
        # The overdue list works as in a small workspace: enter selects the person.
        assert app.focused is screen.overdue_list
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.main_screen.contact is not None and app.main_screen.contact.name == "Aunt Example"


async def test_a_dashboard_closed_before_its_figures_came_leaves_nothing_behind(
    demo_store: Store, make_test_app: MakeApp, held_figures: threading.Event
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, dashboard.DashboardScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        held_figures.set()
        await wait_for(pilot, lambda: not len(app.workers))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.contacts_pane.contact_list.has_focus


# The referral tree of a large workspace: up at once, its rows following --------------------------


@pytest.fixture
def held_tree(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Every workspace counts as large, and the tree is held until the event is set."""
    release = threading.Event()
    work_out = insight.referral_chains

    def held(store: Store) -> insight.Forest:
        assert release.wait(10), "the test never let the tree through"
        return work_out(store)

    monkeypatch.setattr(referrals, "IN_THE_BACKGROUND_FROM", 0)
    monkeypatch.setattr(referrals, "referral_chains", held)
    return release


async def test_a_large_workspaces_referral_tree_is_up_at_once_and_its_rows_follow(
    demo_store: Store, make_test_app: MakeApp, held_tree: threading.Event
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, referrals.ReferralTreeScreen))
        screen = app.screen
        assert isinstance(screen, referrals.ReferralTreeScreen)
        assert _text(screen.query_one("#referrals-hint", Static)) == referrals.WORKING
        assert screen.tree.rows == []
        await pilot.press("a")  # everyone, asked for before the tree came
        held_tree.set()
        await wait_for(pilot, lambda: bool(screen.tree.rows))
        assert screen.everyone
        shown = [row.node.contact.id or 0 for row in screen.tree.rows]
        assert sorted(shown) == sorted(c.id or 0 for c in demo_store.contacts())
        assert "with no introduction listed" in _text(screen.query_one("#referrals-hint", Static))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_a_referral_tree_closed_before_it_came_leaves_nothing_behind(
    demo_store: Store, make_test_app: MakeApp, held_tree: threading.Event
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, referrals.ReferralTreeScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        held_tree.set()
        await wait_for(pilot, lambda: not len(app.workers))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


@contextmanager
def repainted() -> Iterator[list[tuple[Widget, tuple[Region, ...]]]]:
    """Every widget asked to repaint meanwhile, with the regions asked for (none: the whole)."""
    calls: list[tuple[Widget, tuple[Region, ...]]] = []
    real_refresh = Widget.refresh

    def refresh(self: Widget, *regions: Region, **options: bool) -> Widget:
        if options.get("repaint", True):
            calls.append((self, regions))
        return real_refresh(self, *regions, **options)

    with patch.object(Widget, "refresh", refresh):
        yield calls


PANES = {"contacts-pane", "notes-pane", "followups-pane"}


async def test_tab_repaints_the_frames_and_the_cursor_lines_not_what_the_panes_hold(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        # Measured from a screen at rest: the tables read later fill their lists (and scroll
        # bars) once they come, which is no part of a tab.
        await wait_for(pilot, lambda: not demo_store.tables_read_later() and not app.workers)
        await pilot.pause()
        main = app.main_screen
        for now_in in ("notes-pane", "followups-pane", "contacts-pane"):
            with repainted() as calls:
                await pilot.press("tab")
                await wait_for(pilot, _in_pane(main, now_in))
                await pilot.pause()
            on_main = [(widget, regions) for widget, regions in calls if _screen_of(widget) is main]
            whole = sorted(f"{type(w).__name__}#{w.id}" for w, regions in on_main if not regions)
            # The frames of the pane left and the pane entered are drawn again...
            assert {w.id for w, regions in on_main if not regions} >= {main.active_pane}
            # ...and inside the panes nothing whole: the lists' cursor lines alone.
            inside = [
                f"{type(w).__name__}#{w.id}"
                for w, regions in on_main
                if not regions and w.id not in PANES and _inside(w, PANES)
            ]
            assert inside == [], whole
            lists = [regions for w, regions in on_main if isinstance(w, RowList)]
            assert lists, "the cursor of the list entered looks different"
            assert all(region.height == 1 for regions in lists for region in regions)


def _title_style(pane: Widget, title: str) -> Style:
    top = pane.render_lines(Region(0, 0, pane.outer_size.width, 1))[0]
    return next(segment.style for segment in top if title in segment.text)


async def test_the_pane_worked_in_has_a_bright_title_and_its_list_a_bright_cursor(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.main_screen
        accent = Color.parse(app.theme_variables["accent"]).rich_color
        titles = {"contacts-pane": "Contacts", "notes-pane": "Notes", "followups-pane": "Follow-ups"}
        lists = {
            "contacts-pane": main.contacts_pane.contact_list,
            "notes-pane": main.notes_pane.interview_list,
            "followups-pane": main.followups_pane.followup_list,
        }
        for now_in in ("notes-pane", "followups-pane", "contacts-pane"):
            await pilot.press("tab")
            await wait_for(pilot, _in_pane(main, now_in))
            await pilot.pause()
            for name, title in titles.items():
                style = _title_style(main.query_one(f"#{name}", Widget), title)
                assert (style.color == accent and bool(style.bold)) == (name == now_in), (now_in, name, style)
            bright = lists[now_in].get_component_rich_style("row-list--cursor-focused")
            dim = lists[now_in].get_component_rich_style("row-list--cursor")
            assert bright.bgcolor != dim.bgcolor
            for name, row_list in lists.items():
                if not row_list.rows:
                    continue
                drawn = row_list.render_line(row_list.cursor - row_list.scroll_offset.y)
                cursor_background = next(segment.style for segment in drawn if segment.text.strip()).bgcolor
                assert cursor_background == (bright if name == now_in else dim).bgcolor, (now_in, name)
