"""Accepting an invitation: the .ics files Google Calendar, Outlook and Calendly send."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core import workflow
from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact, InterviewMode, InterviewStatus
from interview_tui.core.store import Store
from interview_tui.formats import import_file

pytestmark = pytest.mark.usefixtures("berlin")  # see conftest.py


def _planned(store: Store, contact: Contact) -> list:
    return [i for i in store.interviews(contact.id) if i.status is InterviewStatus.PLANNED]


def test_a_google_invitation_schedules_the_conversation_in_local_time(store: Store, fixture) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="Alex@Example.org"))
    result = import_file(store, "ics", fixture("invite-google.ics"))
    (interview,) = _planned(store, alex)
    # 10:00 in New York is 16:00 here (Berlin).
    assert interview.when == datetime(2026, 12, 1, 16, 0)
    assert (interview.minutes, interview.mode) == (30, InterviewMode.VIDEO)
    assert interview.where == "https://meet.google.com/abc-defg-hij"
    assert result.message() == (
        "Scheduled the conversation with Alex Example: Tue 01 Dec 2026 16:00, 30 minutes, video, "
        "https://meet.google.com/abc-defg-hij."
    )
    assert store.contact(alex.id).stage.value == "scheduled"


def test_an_outlook_invitation_in_a_windows_zone_with_a_place(store: Store, fixture) -> None:
    sam = store.add_contact(Contact(name="Sam Sample", email="sam@example.com"))
    import_file(store, "ics", fixture("invite-outlook.ics"))
    (interview,) = _planned(store, sam)
    assert interview.when == datetime(2026, 12, 3, 14, 0)  # W. Europe Standard Time is Berlin's
    assert (interview.minutes, interview.mode) == (45, InterviewMode.IN_PERSON)
    assert interview.where == "Contoso Health, 4th floor, 1 Example Plaza"


def test_a_calendly_invitation_moves_the_conversation_already_planned(store: Store, fixture) -> None:
    jordan = store.add_contact(Contact(name="Jordan Demo", email="jordan@example.com"))
    workflow.schedule_interview(store, jordan.id, "2026-12-04 10:00")
    result = import_file(store, "ics", fixture("invite-calendly.ics"))
    (interview,) = _planned(store, jordan)  # moved, not a second one
    assert interview.when == datetime(2026, 12, 7, 19, 0)  # 18:00 UTC
    assert (interview.minutes, interview.where) == (20, "https://zoom.us/j/5550100123")
    assert result.message().startswith(
        "Moved the conversation with Jordan Demo planned for Fri 04 Dec 2026 at 10:00 to Mon 07 Dec 2026 19:00")


def test_a_newer_version_of_the_same_invitation_moves_what_it_made(store: Store, fixture, tmp_path: Path) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    import_file(store, "ics", fixture("invite-google.ics"))
    updated = fixture("invite-google.ics").read_bytes().replace(b"20261201T10", b"20261202T11").replace(b"SEQUENCE:0", b"SEQUENCE:1")
    (tmp_path / "updated.ics").write_bytes(updated)
    import_file(store, "ics", tmp_path / "updated.ics")
    (interview,) = _planned(store, alex)
    assert interview.when == datetime(2026, 12, 2, 17, 0)
    again = import_file(store, "ics", tmp_path / "updated.ics")
    assert again.message().startswith("Nothing to change")


def test_an_older_copy_of_an_invitation_changes_nothing(store: Store, fixture, workspace: Path, tmp_path: Path) -> None:
    """An old email opened again must not move the conversation back, nor revive a cancelled one."""
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    original = fixture("invite-google.ics").read_bytes()
    newer = original.replace(b"20261201T10", b"20261202T11").replace(b"SEQUENCE:0", b"SEQUENCE:1")
    cancelled = original.replace(b"METHOD:REQUEST", b"METHOD:CANCEL").replace(b"SEQUENCE:0", b"SEQUENCE:2")
    for name, raw in (("newer.ics", newer), ("cancelled.ics", cancelled)):
        (tmp_path / name).write_bytes(raw)
    import_file(store, "ics", tmp_path / "newer.ics")
    before = workspace.read_bytes()
    with pytest.raises(InterviewTuiError, match="older version \\(sequence 0\\) of an invitation already accepted"):
        import_file(store, "ics", fixture("invite-google.ics"))
    assert workspace.read_bytes() == before
    (interview,) = _planned(store, alex)
    assert interview.when == datetime(2026, 12, 2, 17, 0)
    import_file(store, "ics", tmp_path / "cancelled.ics")
    assert _planned(store, alex) == []
    for stale in (fixture("invite-google.ics"), tmp_path / "newer.ics"):
        with pytest.raises(InterviewTuiError):
            import_file(store, "ics", stale)
    assert _planned(store, alex) == []


def test_a_cancellation_cancels_it(store: Store, fixture, tmp_path: Path) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    import_file(store, "ics", fixture("invite-google.ics"))
    cancel = fixture("invite-google.ics").read_bytes().replace(b"METHOD:REQUEST", b"METHOD:CANCEL")
    (tmp_path / "cancel.ics").write_bytes(cancel)
    result = import_file(store, "ics", tmp_path / "cancel.ics")
    assert result.message() == "Cancelled the conversation with Alex Example planned for Tue 01 Dec 2026 at 16:00."
    assert _planned(store, alex) == []


def test_nobody_with_that_email_asks_which_contact_or_adds_one(store: Store, workspace: Path, fixture) -> None:
    store.add_contact(Contact(name="Alex Example"))  # no email recorded
    before = workspace.read_bytes()
    with pytest.raises(InterviewTuiError) as refused:
        import_file(store, "ics", fixture("invite-google.ics"))
    message = str(refused.value)
    assert "no contact has the email of anyone it names (alex@example.org, me@example.net)" in message
    assert "--contact NAME" in message and "--add" in message and message.endswith("Nothing was changed.")
    assert workspace.read_bytes() == before

    named = import_file(store, "ics", fixture("invite-google.ics"), contact="Alex Example")
    assert named.message().startswith("Scheduled the conversation with Alex Example")

    added = import_file(store, "ics", fixture("invite-outlook.ics"), add_contact=True)
    assert added.message().startswith("Added Sam Sample as a contact. Scheduled the conversation with Sam Sample")
    sam = store.find_contact("Sam Sample")
    assert sam.email == "sam@example.com" and len(_planned(store, sam)) == 1


def test_a_dry_run_changes_nothing(store: Store, workspace: Path, fixture) -> None:
    store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    before = workspace.read_bytes()
    result = import_file(store, "ics", fixture("invite-google.ics"), dry_run=True)
    assert result.message().startswith("Dry run: would have scheduled the conversation with Alex Example")
    assert workspace.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a calendar", "it is not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "it holds no event"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20261201\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
         "it is an all-day event"),
    ],
)  # fmt: skip
def test_what_is_not_an_invitation_is_refused(store: Store, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.ics"
    path.write_bytes(content)
    with pytest.raises(InterviewTuiError, match=message):
        import_file(store, "ics", path)


def test_an_invitation_over_another_conversation_is_accepted_and_says_what_it_overlaps(store: Store, fixture, tmp_path: Path) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    workflow.schedule_interview(store, sam.id, "2026-12-01 16:20")
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    dry = import_file(store, "ics", fixture("invite-google.ics"), dry_run=True)  # 16:00 to 16:30 here
    overlaps = "your conversation with Sam Sample on Tue 01 Dec 2026 at 16:20–16:40"
    assert dry.overlaps == overlaps
    result = import_file(store, "ics", fixture("invite-google.ics"))
    assert result.overlaps == overlaps
    assert len(_planned(store, alex)) == 1
    # A newer version moving it over the time it had (15:50 to 16:20 here) is not held against itself.
    updated = (
        fixture("invite-google.ics").read_bytes()
        .replace(b"20261201T100000", b"20261201T095000").replace(b"20261201T103000", b"20261201T102000")
        .replace(b"SEQUENCE:0", b"SEQUENCE:1")
    )
    (tmp_path / "updated.ics").write_bytes(updated)
    moved = import_file(store, "ics", tmp_path / "updated.ics")
    assert moved.message().startswith(
        "Moved the conversation with Alex Example planned for Tue 01 Dec 2026 at 16:00 to Tue 01 Dec 2026 15:50")
    assert moved.overlaps == ""
    again = import_file(store, "ics", tmp_path / "updated.ics")
    assert again.message().startswith("Nothing to change") and again.overlaps == ""


def test_an_invitation_whose_place_is_a_meeting_link_plans_a_video_call(store: Store, tmp_path: Path) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    # Only the link, as the place: no conference property, no description.
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT", "UID:call-42", "DTSTART:20261201T160000",
             "DURATION:PT30M", "LOCATION:https://example.org/call/42", "ORGANIZER:mailto:alex@example.org",
             "END:VEVENT", "END:VCALENDAR", ""]  # fmt: skip
    (tmp_path / "link.ics").write_text("\r\n".join(lines))
    result = import_file(store, "ics", tmp_path / "link.ics")
    assert result.message() == (
        "Scheduled the conversation with Alex Example: Tue 01 Dec 2026 16:00, 30 minutes, video, https://example.org/call/42.")
    (interview,) = _planned(store, alex)
    assert interview.mode is InterviewMode.VIDEO
