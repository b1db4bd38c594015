"""A workspace with nobody in it yet: the panes say what to do first, and only keys that work.

``n``, ``s`` and ``f`` act on the selected contact, and ``a`` adds a contact only in the contact
list: before the first contact, the notes and follow-up panes point there, not at keys that would
only answer "select a contact first"."""

from __future__ import annotations

from textual.widgets import Static

from interview_tui.core.store import Store
from interview_tui.tui.widgets.followups import FollowUpList
from interview_tui.tui.widgets.notes import InterviewList

from .conftest import wait_for

SIZE = (120, 36)


def lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [text for y in range(widget.size.height) if (text := widget.render_line(y).text.strip())]


def notes_pane_text(app) -> str:  # type: ignore[no-untyped-def]
    screen = app.main_screen
    heading = str(screen.query_one("#notes-heading", Static).render())
    return " ".join([heading, *lines(screen.query_one(InterviewList))])


def queue_text(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(lines(app.main_screen.query_one("#followup-list", FollowUpList)))


async def test_before_the_first_contact_the_panes_point_to_the_contact_list(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notes, queue = notes_pane_text(app), queue_text(app)
        assert notes == "No contacts yet. Add a contact first (a in the contact list); n then starts notes."
        assert queue == "Nothing to follow up. Add a contact first (a in the contact list)."

        await pilot.press("a", *"Ada Lovelace", "ctrl+s")
        await pilot.pause()
        assert [c.name for c in store.contacts()] == ["Ada Lovelace"]
        assert "n starts notes, s schedules one" in notes_pane_text(app)
        assert queue_text(app) == "Nothing to follow up. Press f to add one for the selected contact."

        # Deleted again: nobody to select, and the panes say so once more.
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.contacts() == []
        assert notes_pane_text(app).startswith("No contacts yet.")
        assert queue_text(app) == "Nothing to follow up. Add a contact first (a in the contact list)."


async def test_a_filter_that_finds_nobody_leaves_the_notes_pane_without_a_key_that_cannot_work(  # type: ignore[no-untyped-def]
    demo_store: Store, make_test_app
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"nobody-is-called-this")
        await pilot.pause()
        assert notes_pane_text(app) == "Select a contact to see their conversations."
        # The queue is everyone's, whatever the filter shows: it keeps its rows.
        assert queue_text(app) and "Add a contact first" not in queue_text(app)


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def test_conversation_keys_say_what_to_do_first_when_there_is_no_conversation(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")  # the notes pane, in a workspace with nobody in it
        await pilot.pause()
        for key in ("x", "p", "r"):
            await pilot.press(key)
            await pilot.pause()
            assert notices(app)[-1] == "Add a contact first (a in the contact list).", key

        await pilot.press("shift+tab", "a", *"Dee Doe", "ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "x")
        await pilot.pause()
        assert notices(app)[-1] == "Dee Doe has no conversation yet: n starts notes, s schedules one."
        # ...and s, pressed there, does schedule one.
        await pilot.press("s")
        await pilot.pause()
        assert "Schedule a conversation with Dee Doe" in app.screen.query_one(".dialog-title", Static).render().plain


async def test_a_queue_of_conversations_alone_counts_them_rather_than_saying_nothing_is_open(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.core import workflow
    from interview_tui.core.models import Contact

    dee = store.add_contact(Contact(name="Dee Doe"))
    assert dee.id is not None
    workflow.schedule_interview(store, dee.id, "fri 3pm")
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "talk" in queue_text(app)
        assert app.main_screen.query_one("#followups-pane").border_subtitle == "0 open, 1 conversation"


async def test_a_list_with_nothing_in_it_says_all_of_it_however_narrow(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.tui.screens.trash import TrashList

    app = make_test_app(store)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        trash = app.screen.query_one(TrashList)
        shown = lines(trash)
        assert len(shown) > 1
        assert " ".join(shown) == TrashList.empty_text


async def test_an_empty_contact_list_says_that_t_brings_back_the_contacts_in_the_trash(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.core.models import Contact
    from interview_tui.tui.screens.trash import TrashScreen
    from interview_tui.tui.widgets.contacts import ContactList

    store.add_contact(Contact(name="Dee Doe"))
    app = make_test_app(store)

    def contact_list_text() -> str:
        return " ".join(lines(app.main_screen.query_one(ContactList)))

    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.contacts() == []
        assert contact_list_text() == "No contacts. Press a to add one, or T to bring back a deleted one (1 in the trash)."

        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen))
        await pilot.press("enter")  # restored
        await wait_for(pilot, lambda: app.screen is app.main_screen)
        assert contact_list_text().startswith("Dee Doe")

        # Deleted again, then erased for good: nothing left to bring back, and the list says so.
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen))
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is app.main_screen and not store.trash())
        await pilot.pause()
        assert contact_list_text() == "No contacts yet. Press a to add one."
