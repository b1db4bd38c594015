"""A name or a note written with a typographic apostrophe or quotes (as phones and Macs type
them, or as pasted from a document) is found with the keyboard's plain ones, and the other way
round: by the contact filter and by the search."""

from __future__ import annotations

from collections.abc import Callable

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.search import SearchScreen, open_search

MakeApp = Callable[[Store], InterviewApp]
SIZE = (120, 36)


async def test_a_curly_apostrophe_is_found_by_a_plain_one_and_the_other_way_round(
    store: Store, make_test_app: MakeApp
) -> None:
    store.add_contact(Contact(name="Alex O\u2019Brien", notes="Said \u201cship it\u201d twice."))
    store.add_contact(Contact(name="Sam O'Connor"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"o'brien")
        await pilot.pause()
        pane = app.main_screen.contacts_pane
        assert [c.name for c in pane.contact_list.rows] == ["Alex O\u2019Brien"]
        app.focused.value = "o\u2019connor"  # type: ignore[union-attr]
        await pilot.pause()
        assert [c.name for c in pane.contact_list.rows] == ["Sam O'Connor"]
        await pilot.press("escape")
        open_search(app.main_screen)
        await pilot.pause()
        await pilot.press(*'"ship it"')
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert [hit.contact_name for hit in screen.results.rows] == ["Alex O\u2019Brien"]
