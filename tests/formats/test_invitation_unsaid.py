"""What an invitation does not say: a conversation it moves keeps its length, way and place when
the invitation gives no end, no place and no link (a new version that only moves the time); a new
conversation is given the usual 20 minutes, by video. Words that only name a video service
("Microsoft Teams Meeting") say the way, not a place. The clock is Wednesday 25 November 2026, 10:00."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core import workflow
from interview_tui.core.models import Contact, Interview, InterviewMode, InterviewStatus
from interview_tui.core.store import Store
from interview_tui.formats.invitation import accept, read_invitation

pytestmark = pytest.mark.usefixtures("berlin")  # see conftest.py

ALEX = "ORGANIZER;CN=Alex Example:mailto:alex@example.org"
AT_THE_CAFE = ("UID:u1", "DTSTART:20261203T150000", "DURATION:PT45M", "LOCATION:Café Central, Vienna")


def _read(*lines: str):
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST"]
    return read_invitation("\r\n".join([*head, "BEGIN:VEVENT", ALEX, *lines, "END:VEVENT", "END:VCALENDAR", ""]).encode())


def _said(store: Store, *lines: str) -> str:
    return accept(store, _read(*lines)).message(dry_run=False)


def _alex(store: Store) -> Contact:
    return store.add_contact(Contact(name="Alex Example", email="alex@example.org"))


def _planned(store: Store, contact: Contact) -> Interview:
    [planned] = [i for i in store.interviews(contact.id) if i.status is InterviewStatus.PLANNED]
    return planned


def test_a_new_version_that_only_moves_the_time_keeps_the_length_the_way_and_the_place(store: Store, workspace: Path) -> None:
    alex = _alex(store)
    _said(store, *AT_THE_CAFE)
    moved_only = ("UID:u1", "SEQUENCE:1", "DTSTART:20261204T160000")
    assert accept(store, _read(*moved_only), dry_run=True).message(dry_run=True) == (
        "Dry run: would have moved the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00 to "
        "Fri 04 Dec 2026 16:00, 45 minutes, in person, Café Central, Vienna. Nothing was written.")
    assert _said(store, *moved_only) == (
        "Moved the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00 to Fri 04 Dec 2026 16:00, "
        "45 minutes, in person, Café Central, Vienna.")
    planned = _planned(store, alex)
    assert (planned.when, planned.minutes, planned.mode, planned.where) == (
        datetime(2026, 12, 4, 16, 0), 45, InterviewMode.IN_PERSON, "Café Central, Vienna")
    before = workspace.read_bytes()
    assert _said(store, *moved_only) == (
        "Nothing to change: the conversation with Alex Example is already Fri 04 Dec 2026 16:00, 45 minutes, "
        "in person, Café Central, Vienna.")
    assert workspace.read_bytes() == before


def test_at_the_same_time_a_new_length_alone_is_all_that_is_said_to_change(store: Store) -> None:
    alex = _alex(store)
    _said(store, *AT_THE_CAFE)
    assert _said(store, "UID:u1", "SEQUENCE:1", "DTSTART:20261203T150000", "DURATION:PT30M") == (
        "Changed the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00, still at that time: "
        "now 30 minutes.")
    planned = _planned(store, alex)
    assert (planned.minutes, planned.mode, planned.where) == (30, InterviewMode.IN_PERSON, "Café Central, Vienna")


def test_an_invitation_to_a_conversation_planned_by_hand_leaves_what_it_does_not_say(store: Store, workspace: Path) -> None:
    alex = _alex(store)
    workflow.schedule_interview(store, alex.id, "2026-12-03 15:00", minutes=45, mode="phone", where="+1 555 010 0100")
    before = workspace.read_bytes()
    assert _said(store, "DTSTART:20261203T150000") == (
        "Nothing to change: the conversation with Alex Example is already Thu 03 Dec 2026 15:00, 45 minutes, "
        "phone, +1 555 010 0100.")
    assert workspace.read_bytes() == before


def test_a_new_conversation_from_an_invitation_that_says_neither_is_the_usual_length_by_video(store: Store) -> None:
    _alex(store)
    assert _said(store, "UID:u1", "DTSTART:20261203T150000") == (
        "Scheduled the conversation with Alex Example: Thu 03 Dec 2026 15:00, 20 minutes, video.")


def test_a_video_service_named_for_a_conversation_at_an_address_makes_it_a_video_call_without_the_address(
    store: Store, workspace: Path
) -> None:
    alex = _alex(store)
    _said(store, *AT_THE_CAFE)
    now_on_zoom = ("UID:u1", "SEQUENCE:1", "DTSTART:20261203T150000", "LOCATION:Zoom Meeting")
    assert _said(store, *now_on_zoom) == (
        "Changed the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00, still at that time: "
        "now video, no place given.")
    planned = _planned(store, alex)
    assert (planned.minutes, planned.mode, planned.where) == (45, InterviewMode.VIDEO, "")
    before = workspace.read_bytes()
    assert _said(store, *now_on_zoom).startswith("Nothing to change")
    assert workspace.read_bytes() == before


def test_a_video_service_named_for_a_video_call_keeps_its_link(store: Store, workspace: Path) -> None:
    alex = _alex(store)
    _said(store, "UID:u1", "DTSTART:20261203T150000", "DURATION:PT30M", "LOCATION:https://zoom.us/j/5550100123")
    later = ("UID:u1", "SEQUENCE:1", "DTSTART:20261204T160000", "LOCATION:Zoom Meeting")
    assert _said(store, *later) == (
        "Moved the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00 to Fri 04 Dec 2026 16:00, "
        "30 minutes, video, https://zoom.us/j/5550100123.")
    assert _planned(store, alex).where == "https://zoom.us/j/5550100123"
    before = workspace.read_bytes()
    assert _said(store, *later).startswith("Nothing to change")
    assert workspace.read_bytes() == before


def test_an_outlook_teams_invitation_is_a_video_call_at_its_link(store: Store, workspace: Path) -> None:
    alex = _alex(store)
    teams = ("UID:u1", "DTSTART:20261203T150000", "DURATION:PT30M", "LOCATION:Microsoft Teams Meeting",
             "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting")  # fmt: skip
    assert _said(store, *teams) == (
        "Scheduled the conversation with Alex Example: Thu 03 Dec 2026 15:00, 30 minutes, video, "
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting.")
    assert _planned(store, alex).mode is InterviewMode.VIDEO
    before = workspace.read_bytes()
    assert _said(store, *teams).startswith("Nothing to change")
    assert workspace.read_bytes() == before
