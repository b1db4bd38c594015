"""What an import from the command palette changes is on every pane as soon as the form closes,
and so is an undo of it: the follow-ups pane lists a conversation an invitation planned beside
the follow-ups, a contact's notes list it, and an address a card brings drops the warning on a
handwritten thank-you. Driven with the real keys. Clock: Wed 25 Nov 2026, 10:00."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.transfer import IMPORT_FORMATS, ImportForm

from .conftest import SIZE
from .test_agenda import rows_text
from .test_method import press, screen_text

INVITATION = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:coffee-9@example.org\r\n"
    "DTSTART:20261209T150000\r\nDURATION:PT20M\r\nORGANIZER;CN={name}:mailto:{email}\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
"""A 20-minute call on Wed 09 Dec 2026 at 15:00 (a floating time: the same in every zone)."""

ROBIN_TALK = "in 14 days Robin Placeholder talk 15:00, 20 min video"


async def import_from_the_palette(app, pilot, kind: str, path: Path, contact: str = "") -> None:  # type: ignore[no-untyped-def]
    """ctrl+p, "Import contacts", the format chosen from its list, the file and the contact
    typed, ctrl+s: as a person does it."""
    await press(pilot, "ctrl+p")
    await press(pilot, *"Import contacts")
    await pilot.pause(0.1)  # the palette looks for its commands in the background
    await press(pilot, "enter")
    assert isinstance(app.screen, ImportForm)
    await press(pilot, "enter", *["down"] * IMPORT_FORMATS.index(kind), "enter")
    await press(pilot, "tab", *str(path), "tab", *contact)
    await press(pilot, "ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen), "the form closed"


def thank_you_line(app) -> str:  # type: ignore[no-untyped-def]
    (line,) = [line for line in screen_text(app).splitlines() if "Alex Example      thank you" in line]
    return line


async def test_an_invitation_for_someone_new_is_on_the_follow_ups_pane_at_once_and_gone_after_undo(
    demo_store, make_test_app, tmp_path
) -> None:
    invitation = tmp_path / "invite.ics"
    invitation.write_text(INVITATION.format(name="Robin Placeholder", email="robin@example.org"))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows_text(app)
        await import_from_the_palette(app, pilot, "ics", invitation, contact="+")
        assert any(n.message.startswith("Added Robin Placeholder") for n in app._notifications)
        assert ROBIN_TALK in rows_text(app)
        # Below the rows that fit: its group's count and the pane's say it is there.
        assert "Later · 3" in screen_text(app)
        assert "6 open, 2 conversations, 2 overdue" in screen_text(app)
        await press(pilot, "u")
        assert rows_text(app) == before
        assert "Later · 2" in screen_text(app)
        assert "6 open, 1 conversation, 2 overdue" in screen_text(app)


async def test_an_invitation_from_the_selected_contact_is_in_their_notes_and_on_the_follow_ups_pane(
    demo_store, make_test_app, tmp_path
) -> None:
    invitation = tmp_path / "invite.ics"
    invitation.write_text(INVITATION.format(name="Alex Example", email="alex@example.org"))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.main_screen.contact.name == "Alex Example"
        await import_from_the_palette(app, pilot, "ics", invitation)
        assert app.main_screen.contact.name == "Alex Example"
        assert "in 14 days Alex Example talk 15:00, 20 min video" in rows_text(app)
        assert "6 open, 2 conversations, 2 overdue" in screen_text(app)
        assert "Wed 09 Dec 2026 15:00 20 min video" in " ".join(screen_text(app).split())
        await press(pilot, "u")
        assert "in 14 days Alex Example talk 15:00, 20 min video" not in rows_text(app)
        assert "Wed 09 Dec 2026" not in screen_text(app)


CARD_WITH_AN_ADDRESS = {
    "vcard": (
        "alex.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Example\r\nN:Example;Alex;;;\r\nEMAIL:alex@example.org\r\n"
        "ADR:;;7 Example Lane;Springfield;;;\r\nEND:VCARD\r\n",
    ),
    "csv": ("alex.csv", "Name,Email,Address\r\nAlex Example,alex@example.org,\"7 Example Lane, Springfield\"\r\n"),
}


@pytest.mark.parametrize("kind", sorted(CARD_WITH_AN_ADDRESS))
async def test_an_address_an_import_brings_is_on_the_thank_you_at_once(demo_store, make_test_app, tmp_path, kind) -> None:
    name, text = CARD_WITH_AN_ADDRESS[kind]
    (tmp_path / name).write_text(text)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "no mailing address!" in thank_you_line(app)
        await import_from_the_palette(app, pilot, kind, tmp_path / name)
        assert any("0 added, 1 updated" in n.message for n in app._notifications)
        assert "no mailing address!" not in thank_you_line(app)
        await press(pilot, "u")
        assert "no mailing address!" in thank_you_line(app)


FIRST_CONTACTS = {
    "vcard": ("robin.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Robin Placeholder\r\nN:Placeholder;Robin;;;\r\nEND:VCARD\r\n"),
    "csv": ("people.csv", "Name,Company\r\nRobin Placeholder,Contoso\r\n"),
    "linkedin": (
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Robin,Placeholder,https://www.linkedin.com/in/robin-placeholder,,Contoso,Analyst,01 Nov 2026\r\n",
    ),
}


@pytest.mark.parametrize("kind", sorted(FIRST_CONTACTS))
async def test_the_first_contacts_imported_end_the_panes_asking_for_a_contact(store, make_test_app, tmp_path, kind) -> None:
    name, text = FIRST_CONTACTS[kind]
    (tmp_path / name).write_text(text)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Nothing to follow up. Add a contact first" in screen_text(app)
        await import_from_the_palette(app, pilot, kind, tmp_path / name)
        assert any("1 added" in n.message for n in app._notifications)
        assert app.main_screen.contact.name == "Robin Placeholder"
        assert "Add a contact first" not in screen_text(app)
        await press(pilot, "u")
        assert "Nothing to follow up. Add a contact first" in screen_text(app)
