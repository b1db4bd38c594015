"""The main screen is styled once as the app starts: each widget as it is mounted, and not all of
them again when the screen is first shown (Textual restyles a screen each time it comes back).
What the first frame shows is what a full restyle would give; a later resume that asks for a
restyle still gets one. A contact list longer than the terminal has its scroll bar in the first
frame, rather than a frame later after a second layout of the whole screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from textual import events
from textual.dom import DOMNode
from textual.errors import NoWidget

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui import form_cache
from interview_tui.tui.app import InterviewApp

from .conftest import wait_for

SIZES = [(80, 24), (120, 36)]


def recording_restyles(app: InterviewApp) -> list[DOMNode]:
    """Every node Textual restyles with all it holds (``App.update_styles``), in order."""
    restyled: list[DOMNode] = []
    real = app.update_styles

    def update_styles(node: DOMNode, animate: bool = True) -> Any:
        restyled.append(node)
        return real(node, animate=animate)

    app.update_styles = update_styles  # type: ignore[method-assign]
    return restyled


STRUCTURAL = {"first-child", "last-child", "first-of-type", "last-of-type", "odd", "even"}
"""Pseudo-classes of the screen's place among the app's screens: a dialog built ahead of its use
is installed beside it meanwhile, which moves it from last to not last, restyled or not."""


def styles_of(app: InterviewApp) -> dict[int, str]:
    screen = app.main_screen

    def pseudo_classes(node: DOMNode) -> list[str]:
        return sorted(node.pseudo_classes - STRUCTURAL if node is screen else node.pseudo_classes)

    return {id(node): f"{node!r} {pseudo_classes(node)} {node.styles.css}" for node in screen.walk_children(with_self=True)}


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_the_first_frame_is_styled_as_a_full_restyle_would_style_it(
    demo_store: Store, make_test_app: Any, size: tuple[int, int]
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: len(screen.contacts_pane.contact_list.rows) == demo_store.contact_count())
        first = styles_of(app)
        shown = app.export_screenshot()
        app.update_styles(screen, animate=False)
        await pilot.pause()
        assert styles_of(app) == first
        assert app.export_screenshot() == shown


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_the_first_frame_of_a_workspace_still_being_read_is_styled_as_a_full_restyle_would_style_it(
    demo_store: Store, make_test_app: Any, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the command opens a large workspace: conversations and follow-ups read after the
    first frame (held back here), the panes saying they are being read."""

    def held(self: InterviewApp) -> Iterator[object]:
        while True:
            yield form_cache.WAIT

    monkeypatch.setattr(InterviewApp, "_reading_later", held)
    demo_store.close()
    store = Store.open(demo_store.path, clock=demo_store.clock, later=("interviews", "followups"))
    try:
        app = make_test_app(store)
        async with app.run_test(size=size) as pilot:
            screen = app.main_screen
            await wait_for(pilot, lambda: len(screen.contacts_pane.contact_list.rows) == store.contact_count())
            assert screen.notes_pane.reading and screen.followups_pane.reading
            first = styles_of(app)
            shown = app.export_screenshot()
            app.update_styles(screen, animate=False)
            await pilot.pause()
            assert styles_of(app) == first
            assert app.export_screenshot() == shown
            await app.action_quit()
    finally:
        store.close()


async def test_the_screen_is_not_restyled_whole_as_it_is_first_shown(demo_store: Store, make_test_app: Any) -> None:
    app = make_test_app(demo_store)
    restyled = recording_restyles(app)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: len(screen.contacts_pane.contact_list.rows) == demo_store.contact_count())
        await pilot.pause()
        assert screen not in restyled


async def test_a_screen_resumed_later_is_restyled_when_textual_asks(demo_store: Store, make_test_app: Any) -> None:
    """Only the first showing is spared the restyle: Textual asks for one when a screen comes
    back from under another that let it show through."""
    app = make_test_app(demo_store)
    restyled = recording_restyles(app)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: len(screen.contacts_pane.contact_list.rows) == demo_store.contact_count())
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen not in restyled
        screen.post_message(events.ScreenResume(refresh_styles=True))
        await wait_for(pilot, lambda: screen in restyled)


# The contact list's scroll bar -----------------------------------------------------------------


def _first_frame_scroll_bar(app: InterviewApp) -> tuple[list[tuple[bool, int]], Callable[[object], None]]:
    """At the first frame (Textual's Ready, sent once it is on the screen): whether the contact
    list shows a scroll bar, and how many lines of it were laid out (0: not drawn yet)."""
    seen: list[tuple[bool, int]] = []

    def hook(message: object) -> None:
        if isinstance(message, events.Ready) and not seen:
            contact_list = app.main_screen.contacts_pane.contact_list
            shown = contact_list.show_vertical_scrollbar
            try:
                laid_out = app.screen.find_widget(contact_list.vertical_scrollbar).region.height if shown else 0
            except NoWidget:
                laid_out = 0
            seen.append((shown, laid_out))

    return seen, hook


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_a_list_longer_than_the_terminal_has_its_scroll_bar_in_the_first_frame(
    store: Store, make_test_app: Any, size: tuple[int, int]
) -> None:
    with store.batch():
        for number in range(60):
            store.add_contact(Contact(name=f"Contact {number:02} Example"))
    app = make_test_app(store)
    seen, hook = _first_frame_scroll_bar(app)
    async with app.run_test(size=size, message_hook=hook) as pilot:
        await wait_for(pilot, lambda: seen)
        shown, laid_out = seen[0]
        assert shown and laid_out > 0
        contact_list = app.main_screen.contacts_pane.contact_list
        await pilot.pause()
        # The bar is the height of the list, as Textual lays it out afterwards too.
        assert laid_out == app.screen.find_widget(contact_list.vertical_scrollbar).region.height


async def test_a_list_that_fits_has_no_scroll_bar(demo_store: Store, make_test_app: Any) -> None:
    app = make_test_app(demo_store)
    seen, hook = _first_frame_scroll_bar(app)
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await wait_for(pilot, lambda: seen)
        assert seen[0] == (False, 0)
        await pilot.pause()
        assert not app.main_screen.contacts_pane.contact_list.show_vertical_scrollbar
