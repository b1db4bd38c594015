"""Keys that must answer within a frame or two whatever the size of the workspace: what each one
restyles, builds or computes is kept to what it changes on screen. No test here times anything:
each counts the work a key causes, which is what grows with the workspace or the screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp

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
            with restyled(app) as nodes:
                await pilot.press("tab")
                await wait_for(pilot, lambda now_in=now_in: main.active_pane == now_in)
            assert nodes, "the pane left and the pane entered change their frame"
            outside = {type(n).__name__ for n in nodes if not _inside(n, {"panes"})}
            # The title, the key bar and the tab strip are left as they are.
            assert outside == set()


async def test_at_80x24_tab_shows_each_pane_in_turn_full_width(demo_store: Store, make_test_app: MakeApp) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        main = app.main_screen
        tabs = main.query_one("#pane-tabs")
        for now_in, title in (("notes-pane", "Notes"), ("followups-pane", "Follow-ups"), ("contacts-pane", "Contacts")):
            with restyled(app) as nodes:
                await pilot.press("tab")
                await wait_for(pilot, lambda now_in=now_in: main.active_pane == now_in)
            shown = [name for name in ("contacts-pane", "notes-pane", "followups-pane") if main.query_one(f"#{name}").region.width]
            assert shown == [now_in]
            assert main.query_one(f"#{now_in}").region.width == NARROW[0]
            assert f" {title} " in str(tabs.render())  # the strip names it, highlighted
            assert not any(type(n).__name__ in ("TitleBar", "KeyBar") for n in nodes)
