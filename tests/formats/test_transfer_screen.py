"""Import and export from the app's command palette, driven with real keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Select, Static

from interview_tui.core.store import Store
from interview_tui.tui.app import make_app
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.transfer import ExportForm, ImportForm

from .conftest import FIXTURES, clock

SIZE = (120, 36)


@pytest.fixture
def app_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "w.json", clock=clock)
    yield store
    store.close()


async def _palette(app, pilot, command: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    app.screen.query_one(Input).value = command
    await pilot.pause(0.1)
    await pilot.press("enter")
    await pilot.pause()


async def _import_form(app, pilot, kind: str, file: str) -> ImportForm:  # type: ignore[no-untyped-def]
    """The palette's import form, opened as a person does, with its kind and file filled in."""
    await _palette(app, pilot, "Import contacts")
    form = app.screen
    assert isinstance(form, ImportForm)
    form.query_one("#field-kind", Select).value = kind
    form.query_one("#field-file", Input).value = file
    return form


async def test_import_contacts_from_the_palette(app_store: Store) -> None:
    app = make_app(app_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await _import_form(app, pilot, "linkedin", str(FIXTURES / "Connections.csv"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert len(app_store.contacts()) == 4
        assert any("4 added, 0 updated, 1 skipped" in n.message for n in app._notifications)
        # The new contacts are in the list at once.
        assert app.screen.contacts_pane.contact_list.current is not None


async def test_an_import_from_the_palette_names_who_it_left_out(app_store: Store) -> None:
    from interview_tui.core.models import Contact

    app_store.add_contact(Contact(name="Alex Example", company="Elsewhere"))
    app = make_app(app_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await _import_form(app, pilot, "linkedin", str(FIXTURES / "Connections.csv"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [c.name for c in app_store.contacts()].count("Alex Example") == 1
        (told,) = [n.message for n in app._notifications if n.title == "Import"]
        assert "3 added, 0 updated, 2 skipped (1 with the name of a contact already there; 1 without a name)" in told
        assert told.endswith("Left out as already in the workspace: Alex Example.")  # --another is the command line's


async def test_a_refused_file_keeps_the_form_open_with_the_reason(app_store: Store, tmp_path: Path) -> None:
    (tmp_path / "bad.vcf").write_text("BEGIN:VCARD\nFN:Alex Example\n")
    before = app_store.path.read_bytes()
    app = make_app(app_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await _palette(app, pilot, "Import contacts")
        form = app.screen
        form.query_one("#field-file", Input).value = str(tmp_path / "bad.vcf")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#error-file", Static).render().plain
        assert "card 1 (line 1) has no END:VCARD" in error and "Nothing was imported." in error
    assert app_store.path.read_bytes() == before


async def test_export_a_calendar_from_the_palette(app_store: Store, tmp_path: Path) -> None:
    app = make_app(app_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await _palette(app, pilot, "Export")
        form = app.screen
        assert isinstance(form, ExportForm)
        form.query_one("#field-kind", Select).value = "ics"
        form.query_one("#field-path", Input).value = str(tmp_path / "interviews.ics")
        form.query_one("#field-filter", Input).value = "stage:declined"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # No contact matches: said under the filter, nothing written.
        assert app.screen is form
        assert "no contact matches the filter" in form.query_one("#error-filter", Static).render().plain
        assert not (tmp_path / "interviews.ics").exists()
        form.query_one("#field-filter", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert (tmp_path / "interviews.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
        assert any("interviews.ics (iCalendar)" in n.message for n in app._notifications)


async def test_accept_an_invitation_from_the_palette(app_store: Store) -> None:
    import os
    import time
    from datetime import datetime

    from interview_tui.core.models import Contact

    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        app = make_app(app_store, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            form = await _import_form(app, pilot, "ics", str(FIXTURES / "invite-outlook.ics"))
            form.query_one("#field-contact", Input).value = "+"  # nobody has the email: add the organiser
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            sam = app_store.find_contact("Sam Sample")
            (interview,) = app_store.interviews(sam.id)
            assert interview.when == datetime(2026, 12, 3, 14, 0)
            assert any("Scheduled the conversation with Sam Sample" in n.message for n in app._notifications)
            assert isinstance(sam, Contact)
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.mark.usefixtures("berlin")
async def test_an_invitation_over_another_conversation_is_accepted_and_the_notice_says_what_it_overlaps(
    app_store: Store,
) -> None:
    from interview_tui.core import workflow
    from interview_tui.core.models import Contact

    alex = app_store.add_contact(Contact(name="Alex Example"))
    workflow.schedule_interview(app_store, alex.id, "2026-12-03 14:10")
    app = make_app(app_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await _import_form(app, pilot, "ics", str(FIXTURES / "invite-outlook.ics"))  # Thu 3 Dec, 14:00 to 14:45
        form.query_one("#field-contact", Input).value = "+"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        sam = app_store.find_contact("Sam Sample")
        assert len(app_store.interviews(sam.id)) == 1
        [notice] = [n.message for n in app._notifications if n.message.startswith("Added Sam Sample")]
        assert notice.endswith(
            "It overlaps your conversation with Alex Example on Thu 03 Dec 2026 at 14:10–14:30."
        )


async def test_an_invitation_imported_from_the_palette_says_which_conversation_it_moved(app_store: Store, tmp_path: Path) -> None:
    from interview_tui.core import workflow
    from interview_tui.core.models import Contact

    alex = app_store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    workflow.schedule_interview(app_store, alex.id, "2026-11-22 10:00")  # a past Sunday, never marked held
    workflow.schedule_interview(app_store, alex.id, "2026-12-01 14:00")
    invitation = tmp_path / "invite.ics"
    invitation.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:coffee-1@example.org\r\n"
        b"DTSTART:20261203T150000\r\nDURATION:PT30M\r\nORGANIZER:mailto:alex@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    app = make_app(app_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await _import_form(app, pilot, "ics", str(invitation))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [n.message for n in app._notifications if n.message.startswith("Moved")] == [
            "Moved the conversation with Alex Example planned for Tue 01 Dec 2026 at 14:00 to Thu 03 Dec 2026 15:00, "
            "30 minutes, video. Also planned with Alex Example: Sun 22 Nov 2026 at 10:00 (passed, not marked held)."
        ]


async def test_an_invitation_from_nobody_known_says_what_to_type_in_the_form(app_store: Store) -> None:
    from interview_tui.core.models import Contact

    app_store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    app_store.add_contact(Contact(name="Sam Sample", email="someone.else@example.org"))
    before = app_store.path.read_bytes()
    app = make_app(app_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await _import_form(app, pilot, "ics", str(FIXTURES / "invite-outlook.ics"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#error-contact", Static).render().plain
        assert "no contact has the email of anyone it names (sam@example.com, me@example.net)" in error
        assert "name the contact in the Contact box, or add the organiser as a new contact with + in the Contact box." in error
        assert "--" not in error
        # Named in the box as it says, the invitation is accepted.
        form.query_one("#field-contact", Input).value = "Alex"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert app_store.path.read_bytes() != before
    assert [i.when.day for i in app_store.interviews(app_store.find_contact("Alex").id)] == [3]


async def test_an_invitation_for_a_contact_named_in_the_form_that_is_not_there_says_so_under_the_box(app_store: Store) -> None:
    before = app_store.path.read_bytes()
    app = make_app(app_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await _import_form(app, pilot, "ics", str(FIXTURES / "invite-outlook.ics"))
        form.query_one("#field-contact", Input).value = "Nobody Known"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "No contact named 'Nobody Known'." in form.query_one("#error-contact", Static).render().plain
        assert form.query_one("#error-file", Static).render().plain == ""
    assert app_store.path.read_bytes() == before
