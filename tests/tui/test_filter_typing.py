"""The contact filter, typed into fast: the list ends up with exactly what the query asks for,
whatever was typed, erased and retyped on the way, and follows the workspace as it changes."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from interview_tui.core.contact_query import filter_contacts, search_key
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.store import Store
from interview_tui.tui.widgets.contacts import ContactList, ContactsPane

from .conftest import wait_for

SIZE = (120, 36)
COUNT = 400


@pytest.fixture
def crowd(tmp_path: Path, now: datetime) -> Iterator[Store]:
    """400 people with names, accents, relationships, stages and tags of every kind."""
    rng = random.Random(19)
    first = ["Alex", "Zoë", "Renée", "Sam", "Casey", "José", "Jordan", "Chloé"]
    opened = Store.open(tmp_path / "crowd.json", clock=lambda: now)
    with opened.batch():
        for number in range(1, COUNT + 1):
            opened.add_contact(Contact(
                name=f"{rng.choice(first)} {number:04d} Example",
                company=rng.choice(["Café Data", "Contoso", "Northwind", "Fabrikam"]),
                role=rng.choice(["Engineer", "Designer", "Researcher"]),
                relationship=rng.choice(list(Relationship)),
                stage=rng.choice(list(Stage)),
                tags=rng.sample(["design", "remote", "désign"], rng.randint(0, 2)),
            ))
    yield opened
    opened.close()


def expected(store: Store, pane: ContactsPane, text: str) -> list[int | None]:
    """What a scan of every contact, in the list's order, finds for ``text``."""
    ordered = pane._ordered
    assert len(ordered) == store.contact_count()
    if not text.strip():
        return [c.id for c in ordered]
    return [c.id for c in filter_contacts([(search_key(c), c) for c in ordered], text)]


def screen_names(contacts: ContactList) -> list[str]:
    lines = [contacts.render_line(y).text.strip() for y in range(contacts.size.height)]
    return [" ".join(line.split()[:3]) for line in lines if line]


async def test_typing_fast_ends_with_the_rows_the_query_asks_for(crowd: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(crowd)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.main_screen.query_one(ContactsPane)
        contacts = pane.contact_list
        box = pane.query_one("#contact-filter", Input)
        await pilot.press("slash")
        # Bursts of keys with no pause between them: letters, a term grown then narrowed then
        # widened again, accents that fold, words erased and retyped.
        bursts = [
            [*"zoe 00"],
            ["backspace", "backspace", *"01"],
            [*" rel:fr"],
            ["backspace", "backspace", *"co"],
            [*" #d"],
            ["backspace"] * 6,
            [*"CHLOÉ"],
            ["backspace", "backspace", "backspace", *"oe rel:c rel:fam"],
            ["backspace"] * 40,
            [*"stage:in caf"],
        ]
        text = ""
        for keys in bursts:
            await pilot.press(*keys)
            for key in keys:
                text = text[:-1] if key == "backspace" else text + key
            want = expected(crowd, pane, text)

            def settled(text: str = text, want: list[int | None] = want) -> bool:
                return box.value == text and [c.id for c in contacts.rows] == want

            settled.__doc__ = f"the list shows what {text!r} asks for"
            await wait_for(pilot, settled)
            shown = len(want)
            assert pane.border_subtitle == (f"{shown} of {COUNT}" if shown != COUNT else f"{COUNT}"), text
            top = contacts.scroll_offset.y
            names = [" ".join(c.name.split()[:3]) for c in contacts.rows[top : top + contacts.size.height]]
            assert screen_names(contacts) == (names or ["No match: esc"]), text
        assert box.value == "stage:in caf"
        assert 0 < len(contacts.rows) < COUNT


async def test_a_contact_deleted_while_the_filter_is_on_is_not_found_again(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    """What the filter found is kept between keystrokes, never past a change to the contacts:
    retyping a query typed before the delete does not bring the deleted contact back."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.main_screen.query_one(ContactsPane)
        contacts = pane.contact_list
        box = pane.query_one("#contact-filter", Input)
        await pilot.press("slash", *"sam")
        await wait_for(pilot, lambda: [c.name for c in contacts.rows] == ["Sam Sample"])
        await pilot.press("backspace", "backspace")
        await wait_for(pilot, lambda: box.value == "s" and "Sam Sample" in [c.name for c in contacts.rows])
        with_s = [c.name for c in contacts.rows]
        await pilot.press(*"am", "down", "d", "y")
        await wait_for(pilot, lambda: "Sam Sample" not in [c.name for c in demo_store.contacts()])
        await wait_for(pilot, lambda: box.value == "sam" and contacts.rows == [])
        assert "No match" in contacts.render_line(0).text  # the filter's, not an empty workspace's
        await pilot.press("slash", "end", "backspace", "backspace")  # "/" selects what the box holds
        await wait_for(pilot, lambda: box.value == "s" and [c.name for c in contacts.rows] == [n for n in with_s if n != "Sam Sample"])
        await pilot.press(*"am")
        await wait_for(pilot, lambda: box.value == "sam")
        await pilot.pause()
        assert contacts.rows == []
