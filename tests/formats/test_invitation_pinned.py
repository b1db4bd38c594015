"""Invitations pinned: what is read from an event (its length at each side of the limits, each way
of saying the end, the link found where each calendar puts it, the mode, who is named, the
revision, a cancellation said either way), which contact it is about and why one is refused
(word for word), which planned conversation it moves, and the messages of a dry run."""

from __future__ import annotations

from datetime import datetime

import pytest
from icalendar import Calendar

from interview_tui.core import workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, InterviewMode, InterviewStatus
from interview_tui.core.store import Store
from interview_tui.formats.invitation import accept, read_invitation

pytestmark = pytest.mark.usefixtures("berlin")  # see conftest.py

START = "DTSTART:20261201T100000"


def _ics(*lines: str, method: str = "REQUEST") -> bytes:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0"] + ([f"METHOD:{method}"] if method else [])
    return "\r\n".join([*head, "BEGIN:VEVENT", *lines, "END:VEVENT", "END:VCALENDAR", ""]).encode()


def _read(*lines: str, **kwargs):
    return read_invitation(_ics(*lines, **kwargs))


def _refusal(*lines: str) -> str:
    with pytest.raises(InvalidInput) as caught:
        _read(*lines)
    return str(caught.value)


# What is read ----------------------------------------------------------------------------------


def test_a_floating_start_is_local_time_to_the_minute() -> None:
    invitation = _read("UID:u1", "DTSTART:20261201T100045")
    assert (invitation.uid, invitation.start, invitation.minutes) == ("u1", datetime(2026, 12, 1, 10, 0), 20)


def test_a_start_in_utc_is_turned_into_local_time() -> None:
    assert _read("DTSTART:20261201T090000Z").start == datetime(2026, 12, 1, 10, 0)  # Berlin in winter


@pytest.mark.parametrize(
    ("end", "minutes"),
    [("DTEND:20261201T100100", 1), ("DTEND:20261201T200000", 600), ("DURATION:PT45M", 45),
     ("DURATION:PT1M", 1), ("DURATION:PT10H", 600)],
)  # fmt: skip
def test_the_length_from_an_end_or_a_duration(end: str, minutes: int) -> None:
    assert _read(START, end).minutes == minutes


@pytest.mark.parametrize(
    ("end", "minutes"),
    [("DTEND:20261201T100000", 0), ("DTEND:20261201T095900", -1), ("DTEND:20261201T200100", 601),
     ("DURATION:PT0M", 0), ("DURATION:PT10H1M", 601)],
)  # fmt: skip
def test_a_length_out_of_bounds_is_refused(end: str, minutes: int) -> None:
    assert _refusal(START, end) == f"it lasts {minutes} minutes; a conversation lasts between 1 and 600."


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["UID:x"], "its event has no start (DTSTART)."),
        (["DTSTART;VALUE=DATE:20261201"], "it is an all-day event, not a conversation at a time."),
    ],
)  # fmt: skip
def test_what_is_not_a_conversation_is_refused(lines: list[str], message: str) -> None:
    assert _refusal(*lines) == message


def test_a_calendar_without_an_event_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        read_invitation(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    assert str(caught.value) == "it holds no event (BEGIN:VEVENT); an invitation has one."


def test_a_place_too_long_is_refused_naming_it() -> None:
    assert _refusal(START, "LOCATION:" + "x" * 501) == "Where is 501 characters long; keep it to 500 or fewer."


@pytest.mark.parametrize(
    ("lines", "where", "mode"),
    [
        (["X-GOOGLE-CONFERENCE:https://meet.google.com/abc"], "https://meet.google.com/abc", InterviewMode.VIDEO),
        (["X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/1"], "https://teams.microsoft.com/l/1", InterviewMode.VIDEO),
        (["X-MICROSOFT-ONLINEMEETINGURL:https://teams.live.com/m/2"], "https://teams.live.com/m/2", InterviewMode.VIDEO),
        (["URL:https://example.org/room"], "https://example.org/room", InterviewMode.VIDEO),
        (["DESCRIPTION:See https://example.org/agenda then join https://zoom.us/j/5"], "https://zoom.us/j/5", InterviewMode.VIDEO),
        (["DESCRIPTION:See https://example.org/agenda"], "", InterviewMode.VIDEO),
        (["LOCATION:+1 (555) 010-0100"], "+1 (555) 010-0100", InterviewMode.PHONE),
        (["LOCATION:555 01"], "555 01", InterviewMode.PHONE),  # six characters: a number
        (["LOCATION:555 0"], "555 0", InterviewMode.IN_PERSON),  # five: not
        (["LOCATION:Cafe Central"], "Cafe Central", InterviewMode.IN_PERSON),
        (["LOCATION:Cafe Central", "URL:https://whereby.com/x"], "Cafe Central (https://whereby.com/x)", InterviewMode.VIDEO),
        (["LOCATION:https://zoom.us/j/7"], "https://zoom.us/j/7", InterviewMode.VIDEO),
        (["LOCATION:Room 4 https://zoom.us/j/7"], "Room 4 https://zoom.us/j/7", InterviewMode.VIDEO),
    ],
)  # fmt: skip
def test_where_and_how_it_happens(lines: list[str], where: str, mode: InterviewMode) -> None:
    invitation = _read(START, *lines)
    assert (invitation.where, invitation.mode) == (where, mode)


@pytest.mark.parametrize(
    ("location", "where", "mode"),
    [
        ("https://example.org/room/5", "https://example.org/room/5", InterviewMode.VIDEO),
        ("HTTPS://ZOOM.US/J/7", "HTTPS://ZOOM.US/J/7", InterviewMode.VIDEO),
        ("https://Example.Zoom.us/j/7", "https://Example.Zoom.us/j/7", InterviewMode.VIDEO),
        ("www.example.org/room", "www.example.org/room", InterviewMode.VIDEO),
        ("zoom.us/j/5550100123", "zoom.us/j/5550100123", InterviewMode.VIDEO),
        ("tel:+1-555-010-0100", "+1-555-010-0100", InterviewMode.PHONE),
        # An address with a map's link beside it is still a place.
        ("Cafe Central https://maps.example.org/cafe", "Cafe Central https://maps.example.org/cafe", InterviewMode.IN_PERSON),
    ],
)  # fmt: skip
def test_a_place_that_is_a_link_is_a_video_call_and_a_tel_link_a_phone_call(location: str, where: str, mode: InterviewMode) -> None:
    invitation = _read(START, f"LOCATION:{location}")
    assert (invitation.where, invitation.mode) == (where, mode)


TEAMS = "https://teams.microsoft.com/l/1"


@pytest.mark.parametrize(
    ("lines", "where", "mode"),
    [
        (["LOCATION:Microsoft Teams Meeting"], "", InterviewMode.VIDEO),
        (["LOCATION:microsoft teams meeting"], "", InterviewMode.VIDEO),
        (["LOCATION:Zoom Meeting"], "", InterviewMode.VIDEO),
        (["LOCATION:GOOGLE MEET"], "", InterviewMode.VIDEO),
        (["LOCATION:Webex"], "", InterviewMode.VIDEO),
        (["LOCATION:Skype for Business Meeting."], "", InterviewMode.VIDEO),
        (["LOCATION:Microsoft Teams Meeting", f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{TEAMS}"], TEAMS, InterviewMode.VIDEO),
        (["LOCATION:Microsoft Teams Meeting", f"DESCRIPTION:Join: {TEAMS}"], TEAMS, InterviewMode.VIDEO),
        (["LOCATION:Zoom Meeting", "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://zoom.us/j/5"], "https://zoom.us/j/5", InterviewMode.VIDEO),
        # A number to dial in is not the call's link.
        (["CONFERENCE;VALUE=URI;FEATURE=PHONE:tel:+1-555-010-0100", "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://example.org/call/5"],
         "https://example.org/call/5", InterviewMode.VIDEO),
        # Outlook writes several places separated by semicolons.
        (["LOCATION:Room 4.01; Microsoft Teams Meeting", f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{TEAMS}"],
         f"Room 4.01 ({TEAMS})", InterviewMode.VIDEO),
        # An address that holds a service's name is an address.
        (["LOCATION:Zoom Café, 5 Main St"], "Zoom Café, 5 Main St", InterviewMode.IN_PERSON),
        (["LOCATION:Teams Meeting Room, 2nd floor"], "Teams Meeting Room, 2nd floor", InterviewMode.IN_PERSON),
        (["LOCATION:Meet at Café Central"], "Meet at Café Central", InterviewMode.IN_PERSON),
        (["LOCATION:Café Central; Zoom Meeting"], "Café Central", InterviewMode.IN_PERSON),
    ],
)  # fmt: skip
def test_words_that_only_name_a_video_service_are_the_way_not_a_place(lines: list[str], where: str, mode: InterviewMode) -> None:
    invitation = _read(START, *lines)
    assert (invitation.where, invitation.mode) == (where, mode)


def test_where_is_cut_to_a_line() -> None:
    invitation = _read(START, "LOCATION:" + "x" * 480, "URL:https://zoom.us/j/" + "1" * 40)
    assert invitation.where == "x" * 480 + " (https://zoom.us/j/"


def test_who_is_named_the_organiser_first() -> None:
    invitation = _read(
        START,
        "ORGANIZER;CN=Alex Example:mailto:alex@example.org",
        "ATTENDEE;CN=Sam Sample:MAILTO:sam@example.com",
        "ATTENDEE;CN=me@example.net:mailto:me@example.net",
        "ATTENDEE:mailto:jordan@example.com",
    )
    assert invitation.organiser == ("Alex Example", "alex@example.org")
    assert invitation.people == [("Alex Example", "alex@example.org"), ("Sam Sample", "sam@example.com"),
                                 ("", "me@example.net"), ("", "jordan@example.com")]  # fmt: skip


def test_without_an_organiser_the_attendees_alone() -> None:
    invitation = _read(START, "ATTENDEE;CN=Sam Sample:mailto:sam@example.com")
    assert (invitation.organiser, invitation.people) == (("", ""), [("Sam Sample", "sam@example.com")])


@pytest.mark.parametrize(("line", "sequence"), [(None, 0), ("SEQUENCE:0", 0), ("SEQUENCE:3", 3), ("SEQUENCE:-2", 0)])
def test_the_revision(line: str | None, sequence: int) -> None:
    assert _read(START, *([line] if line else [])).sequence == sequence


@pytest.mark.parametrize(
    ("method", "status", "cancelled"),
    [("REQUEST", "CONFIRMED", False), ("CANCEL", "CONFIRMED", True), ("cancel", "", True),
     ("REQUEST", "CANCELLED", True), ("", "cancelled", True), ("", "", False), ("PUBLISH", "TENTATIVE", False)],
)  # fmt: skip
def test_a_cancellation_is_said_by_the_method_or_the_status(method: str, status: str, cancelled: bool) -> None:
    lines = [START] + ([f"STATUS:{status}"] if status else [])
    assert _read(*lines, method=method).cancelled is cancelled


# Which contact ----------------------------------------------------------------------------------


ALEX = "ORGANIZER;CN=Alex Example:mailto:alex@example.org"


def test_several_contacts_named_are_refused_listing_five(store: Store) -> None:
    for n in range(6):
        store.add_contact(Contact(name=f"Contact {n} Example", email=f"c{n}@example.org"))
    invitation = _read(START, *[f"ATTENDEE:mailto:C{n}@example.org" for n in range(6)])
    with pytest.raises(InvalidInput) as caught:
        accept(store, invitation)
    assert str(caught.value) == (
        "it names 6 contacts (Contact 0 Example, Contact 1 Example, Contact 2 Example, Contact 3 Example, "
        "Contact 4 Example); say which with --contact NAME.")


@pytest.mark.parametrize(
    ("lines", "emails"),
    [([ALEX, "ATTENDEE:mailto:ALEX@example.org", "ATTENDEE:mailto:me@example.net"], "alex@example.org, me@example.net"),
     ([], "no email")],
)  # fmt: skip
def test_nobody_known_is_refused_listing_each_email_once(store: Store, lines: list[str], emails: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        accept(store, _read(START, *lines))
    assert str(caught.value) == (
        f"no contact has the email of anyone it names ({emails}); name the contact with --contact NAME, "
        "or add the organiser as a new contact with --add.")


def test_adding_the_organiser_needs_one(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        accept(store, _read(START, "ATTENDEE:mailto:sam@example.com"), add=True)
    assert str(caught.value) == "it has no organiser to add; name the contact with --contact NAME."


@pytest.mark.parametrize(("organiser", "name"), [("ORGANIZER:mailto:sam@example.com", "sam@example.com"),
                                                 ("ORGANIZER;CN= Sam Sample :mailto:sam@example.com", "Sam Sample")])
def test_an_organiser_added_is_named_by_their_name_or_else_their_email(store: Store, organiser: str, name: str) -> None:
    accepted = accept(store, _read(START, organiser), add=True)
    (sam,) = store.contacts()
    assert (sam.name, sam.email, accepted.added_contact) == (name, "sam@example.com", True)


def test_a_dry_run_that_would_add_says_so_and_writes_nothing(store: Store) -> None:
    accepted = accept(store, _read(START, "ORGANIZER;CN=Sam Sample:mailto:sam@example.com"), add=True, dry_run=True)
    assert accepted.message(dry_run=True) == (
        "Added Sam Sample as a contact. Dry run: would have scheduled the conversation with Sam Sample: "
        "Tue 01 Dec 2026 10:00, 20 minutes, video. Nothing was written.")
    assert store.contacts() == []


# Which conversation -----------------------------------------------------------------------------


def _planned(store: Store, contact: Contact) -> list:
    return sorted((i for i in store.interviews(contact.id) if i.status is InterviewStatus.PLANNED), key=lambda i: i.when)


def test_an_invitation_moves_the_earliest_planned_conversation(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    workflow.schedule_interview(store, alex.id, "2026-12-20 10:00")  # made first, but later
    workflow.schedule_interview(store, alex.id, "2026-12-10 10:00")
    accepted = accept(store, _read("UID:u1", START, "DURATION:PT45M", "LOCATION:Cafe Central", ALEX))
    assert accepted.action == "move"
    assert [(i.when, i.minutes, i.where) for i in _planned(store, alex)] == [
        (datetime(2026, 12, 1, 10, 0), 45, "Cafe Central"), (datetime(2026, 12, 20, 10, 0), 20, "")]
    assert accepted.message(dry_run=False) == (
        "Moved the conversation with Alex Example planned for Thu 10 Dec 2026 at 10:00 to Tue 01 Dec 2026 10:00, "
        "45 minutes, in person, Cafe Central. Also planned with Alex Example: Sun 20 Dec 2026 at 10:00.")


def test_a_dry_run_says_it_wrote_nothing(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    invitation = _read("UID:u1", START, ALEX)
    assert accept(store, invitation, dry_run=True).message(dry_run=True) == (
        "Dry run: would have scheduled the conversation with Alex Example: Tue 01 Dec 2026 10:00, 20 minutes, "
        "video. Nothing was written.")
    assert accept(store, invitation).message(dry_run=False) == (
        "Scheduled the conversation with Alex Example: Tue 01 Dec 2026 10:00, 20 minutes, video.")


def test_invitations_without_a_uid_are_never_taken_for_one_another(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    accept(store, _read(START, ALEX))
    accept(store, _read(START, ALEX, method="CANCEL"))
    assert _planned(store, alex) == []
    accepted = accept(store, _read("DTSTART:20261205T100000", ALEX))
    assert accepted.action == "schedule"
    assert [i.when for i in _planned(store, alex)] == [datetime(2026, 12, 5, 10, 0)]


def test_the_newest_revision_accepted_is_the_one_an_older_copy_is_measured_by(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    accept(store, _read("UID:u1", "SEQUENCE:0", START, ALEX))
    accept(store, _read("UID:u1", "SEQUENCE:1", START, ALEX, method="CANCEL"))
    accept(store, _read("UID:u1", "SEQUENCE:2", "DTSTART:20261203T100000", ALEX))
    with pytest.raises(InvalidInput) as caught:
        accept(store, _read("UID:u1", "SEQUENCE:1", "DTSTART:20261204T100000", ALEX))
    assert str(caught.value) == (
        "it is an older version (sequence 1) of an invitation already accepted (sequence 2).")
    assert [i.when for i in _planned(store, alex)] == [datetime(2026, 12, 3, 10, 0)]


def test_an_invitation_to_a_conversation_since_cancelled_is_refused(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    accept(store, _read("UID:u1", "SEQUENCE:0", START, ALEX))
    accept(store, _read("UID:u1", "SEQUENCE:1", START, ALEX, method="CANCEL"))
    for sequence in (0, 1):
        with pytest.raises(InvalidInput) as caught:
            accept(store, _read("UID:u1", f"SEQUENCE:{sequence}", START, ALEX))
        assert str(caught.value).startswith(
            "it invites to a conversation since cancelled" if sequence == 1 else "it is an older version (sequence 0)")
    assert accept(store, _read("UID:u1", "SEQUENCE:2", START, ALEX)).action == "schedule"
    assert [i.when for i in _planned(store, alex)] == [datetime(2026, 12, 1, 10, 0)]


def test_a_cancellation_with_nothing_planned_is_refused(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    with pytest.raises(InvalidInput) as caught:
        accept(store, _read("UID:u1", START, ALEX, method="CANCEL"))
    assert str(caught.value) == "it cancels a conversation, but none is planned with Alex Example."


def test_a_floating_time_is_the_wall_clock_as_written_even_the_night_the_clocks_go_forward() -> None:
    # Floating means "at this time wherever you are": nothing to convert, even at an hour the
    # zone skips (converting would move it an hour early).
    assert _read("DTSTART:20260329T023000").start == datetime(2026, 3, 29, 2, 30)


def test_an_address_written_without_mailto_is_taken_whole() -> None:
    invitation = _read(START, "ORGANIZER;CN=Alex Example:alex@example.org", "ATTENDEE:MailTo:sam@example.com")
    assert invitation.people == [("Alex Example", "alex@example.org"), ("", "sam@example.com")]


def test_a_new_version_moves_the_conversation_it_made_not_the_earliest(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    accept(store, _read("UID:u1", "SEQUENCE:0", "DTSTART:20261210T100000", ALEX))
    workflow.schedule_interview(store, alex.id, "2026-12-02 09:00")  # planned by hand since, earlier
    accept(store, _read("UID:u1", "SEQUENCE:1", "DTSTART:20261211T150000", ALEX))
    assert [i.when for i in _planned(store, alex)] == [datetime(2026, 12, 2, 9, 0), datetime(2026, 12, 11, 15, 0)]


def test_a_newer_version_that_changes_nothing_is_still_remembered(store: Store) -> None:
    # The time is the same, but the revision is newer: the older copy is refused afterwards.
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    accept(store, _read("UID:u1", "SEQUENCE:0", START, ALEX))
    again = accept(store, _read("UID:u1", "SEQUENCE:3", START, ALEX))
    assert again.message(dry_run=False) == (
        "Nothing to change: the conversation with Alex Example is already Tue 01 Dec 2026 10:00, 20 minutes, video.")
    with pytest.raises(InvalidInput, match=r"older version \(sequence 2\) of an invitation already accepted \(sequence 3\)"):
        accept(store, _read("UID:u1", "SEQUENCE:2", "DTSTART:20261205T100000", ALEX))
    assert [i.when for i in _planned(store, alex)] == [datetime(2026, 12, 1, 10, 0)]


@pytest.mark.parametrize(
    ("lines", "start"),
    [(["DTSTART:2026xx"], "its start (DTSTART) cannot be read ("),
     ([START, "DTEND:half past ten"], "its end cannot be read ("),
     ([START, "DURATION:PTxM"], "its end cannot be read (")],
)  # fmt: skip
def test_a_garbled_time_is_refused_as_one_not_taken_for_all_day_or_the_default_length(lines: list[str], start: str) -> None:
    message = _refusal(*lines)
    assert message.startswith(start) and message.endswith(").")
    assert lines[-1].split(":", 1)[1] in message  # what could not be read is shown


def test_two_contacts_named_are_already_too_many(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    store.add_contact(Contact(name="Sam Sample", email="sam@example.com"))
    with pytest.raises(InvalidInput) as caught:
        accept(store, _read(START, ALEX, "ATTENDEE:mailto:sam@example.com"))
    assert str(caught.value) == "it names 2 contacts (Alex Example, Sam Sample); say which with --contact NAME."


def test_an_organiser_whose_name_is_too_long_is_not_added(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        accept(store, _read(START, f"ORGANIZER;CN={'A' * 201}:mailto:sam@example.com"), add=True)
    assert str(caught.value) == "Name is 201 characters long; keep it to 200 or fewer."
    assert store.contacts() == []


def test_accepting_and_cancelling_are_each_one_step_to_undo_named_by_whom(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    accept(store, _read("UID:u1", START, ALEX))
    accept(store, _read("UID:u1", "SEQUENCE:1", START, ALEX, method="CANCEL"))
    assert store.describe(store.undo()) == "Invitation from Alex Example cancelled"
    assert [i.when for i in _planned(store, alex)] == [datetime(2026, 12, 1, 10, 0)]
    assert store.describe(store.undo()) == "Invitation from Alex Example accepted"
    assert _planned(store, alex) == []


def test_a_garbled_time_is_refused_with_the_reason_the_calendar_library_gives() -> None:
    for lines, what in ((["DTSTART:2026xx"], "its start (DTSTART)"), ([START, "DURATION:PTxM"], "its end")):
        raw = _ics(*lines)
        reasons = dict(getattr(Calendar.from_ical(raw).walk("VEVENT")[0], "errors", ()))
        if not reasons:
            pytest.skip("this icalendar raises on a garbled value instead of listing why")
        with pytest.raises(InvalidInput) as caught:
            read_invitation(raw)
        assert str(caught.value) == f"{what} cannot be read ({reasons[lines[-1].split(':')[0]]})."


def test_a_dry_run_with_a_conversation_planned_would_move_it(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    workflow.schedule_interview(store, alex.id, "2026-12-02 09:00")
    accepted = accept(store, _read("UID:u1", START, ALEX), dry_run=True)
    assert accepted.message(dry_run=True) == (
        "Dry run: would have moved the conversation with Alex Example planned for Wed 02 Dec 2026 at 09:00 to "
        "Tue 01 Dec 2026 10:00, 20 minutes, video. Nothing was written.")
    assert [i.when for i in _planned(store, alex)] == [datetime(2026, 12, 2, 9, 0)]


def _calendar(*events: list[str]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    return "\r\n".join([*lines, "END:VCALENDAR", ""]).encode()


def test_a_file_of_several_invitations_is_refused_saying_how_many_and_what_to_do() -> None:
    raw = _calendar(["UID:u1", START, ALEX], ["UID:u2", "DTSTART:20261202T100000", ALEX], ["UID:u3", START, ALEX])
    with pytest.raises(InvalidInput) as caught:
        read_invitation(raw)
    assert str(caught.value) == (
        "it holds 3 events, each an invitation of its own, and one is accepted at a time: save each "
        "invitation to a file of its own and import them one by one.")


@pytest.mark.parametrize(
    "events",
    [
        [["UID:u1", START, "RRULE:FREQ=WEEKLY;COUNT=5", ALEX],
         ["UID:u1", "RECURRENCE-ID:20261208T100000", "DTSTART:20261209T100000", ALEX]],
        [["UID:u1", "RECURRENCE-ID:20261208T100000", "DTSTART:20261209T100000", ALEX]],
    ],
)  # fmt: skip
def test_an_occurrence_of_a_repeating_invitation_changed_on_its_own_is_refused(events: list[list[str]]) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_invitation(_calendar(*events))
    assert str(caught.value) == (
        "it changes one occurrence of a repeating invitation on its own (RECURRENCE-ID), which is not "
        "accepted here; plan, move or cancel that conversation yourself.")


def test_a_file_of_several_invitations_changes_nothing(store: Store, tmp_path) -> None:
    from interview_tui.formats import import_file
    from interview_tui.formats.transfer import ImportRefused

    store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    path = tmp_path / "two.ics"
    path.write_bytes(_calendar(["UID:u1", START, ALEX], ["UID:u2", "DTSTART:20261202T100000", ALEX]))
    before = store.path.read_bytes()
    with pytest.raises(ImportRefused, match="it holds 2 events"):
        import_file(store, "ics", path)
    assert store.path.read_bytes() == before


@pytest.mark.parametrize("rule", ["RRULE:FREQ=WEEKLY;COUNT=5", "RDATE:20261208T100000,20261215T100000"])
def test_a_repeating_invitation_plans_its_first_conversation_and_says_so(store: Store, rule: str) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    invitation = _read("UID:u1", START, rule, ALEX)
    assert accept(store, invitation, dry_run=True).message(dry_run=True) == (
        "Dry run: would have scheduled the conversation with Alex Example: Tue 01 Dec 2026 10:00, 20 minutes, "
        "video. It is a repeating invitation: only its first conversation would be planned. Nothing was written.")
    assert accept(store, invitation).message(dry_run=False) == (
        "Scheduled the conversation with Alex Example: Tue 01 Dec 2026 10:00, 20 minutes, video. It is a "
        "repeating invitation: only its first conversation is planned.")
    assert accept(store, invitation).message(dry_run=False) == (
        "Nothing to change: the conversation with Alex Example is already Tue 01 Dec 2026 10:00, 20 minutes, "
        "video. It is a repeating invitation: only its first conversation is planned.")
    moved = accept(store, _read("UID:u1", "SEQUENCE:1", "DTSTART:20261202T100000", rule, ALEX))
    assert moved.message(dry_run=False).endswith("It is a repeating invitation: only its first conversation is planned.")
    assert [i.when for i in _planned(store, alex)] == [datetime(2026, 12, 2, 10, 0)]
    # Its cancellation cancels the one conversation planned from it: nothing more to say.
    cancelled = accept(store, _read("UID:u1", "SEQUENCE:2", "DTSTART:20261202T100000", rule, ALEX, method="CANCEL"))
    assert cancelled.message(dry_run=False) == "Cancelled the conversation with Alex Example planned for Wed 02 Dec 2026 at 10:00."


SAVE_IT = "an invitation is the .ics file sent with its email: save that file and import it."
DAMAGED = (
    "it is a damaged iCalendar file (cut short, or with lines that cannot be read); save the invitation "
    "again from its email and import that file.")  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", f"it is empty; {SAVE_IT}"),
        (b" \r\n\r\n", f"it is empty; {SAVE_IT}"),
        (b"garbage\r\n", f"it is not an iCalendar file (one begins with BEGIN:VCALENDAR); {SAVE_IT}"),
        (bytes(range(256)), f"it is not an iCalendar file (one begins with BEGIN:VCALENDAR); {SAVE_IT}"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Example\r\nEND:VCARD\r\n",
         f"it is not an iCalendar file (one begins with BEGIN:VCALENDAR); {SAVE_IT}"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T100000\r\n", DAMAGED),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", DAMAGED),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
         "it holds 2 calendars, each an invitation of its own, and one is accepted at a time: save each "
         "invitation to a file of its own and import them one by one."),
    ],
)  # fmt: skip
def test_a_file_empty_or_damaged_is_refused_in_plain_words(raw: bytes, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_invitation(raw)
    assert str(caught.value) == message


def test_an_older_version_after_a_cancellation_says_the_conversation_is_cancelled_not_accepted(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    accept(store, _read("UID:u1", "SEQUENCE:0", START, ALEX))
    accept(store, _read("UID:u1", "SEQUENCE:3", START, ALEX, method="CANCEL"))
    for older in (_read("UID:u1", "SEQUENCE:0", START, ALEX), _read("UID:u1", "SEQUENCE:2", START, ALEX, method="CANCEL")):
        with pytest.raises(InvalidInput) as caught:
            accept(store, older)
        assert str(caught.value) == (
            f"it is an older version (sequence {older.sequence}) of an invitation already read in a newer one "
            "(sequence 3), and its conversation is cancelled.")
    assert _planned(store, alex) == []


@pytest.mark.parametrize(
    "link",
    ["DESCRIPTION:Join by Zoom: https://zoom.us/j/5550100123", "X-GOOGLE-CONFERENCE:https://meet.google.com/abc",
     "CONFERENCE;VALUE=URI:https://teams.microsoft.com/l/1"],
)  # fmt: skip
def test_a_place_that_is_a_tel_link_is_a_phone_call_at_that_number_whatever_link_it_gives(link: str) -> None:
    invitation = _read(START, "LOCATION:tel:+1-555-0100", link)
    assert (invitation.where, invitation.mode) == ("+1-555-0100", InterviewMode.PHONE)


WINDOWS_ZONE = (
    "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
)  # fmt: skip


@pytest.mark.parametrize(
    ("zone", "start", "local", "said"),
    [
        (WINDOWS_ZONE, "DTSTART;TZID=W. Europe Standard Time:20270328T023000", datetime(2027, 3, 28, 3, 30),
         "02:30 on Sun 28 Mar 2027 (W. Europe Standard Time)"),
        ((), "DTSTART;TZID=Europe/Berlin:20270328T023000", datetime(2027, 3, 28, 3, 30),
         "02:30 on Sun 28 Mar 2027 (Europe/Berlin)"),
        # New York's clocks go forward two weeks before Berlin's: 03:30 there is 08:30 here.
        ((), "DTSTART;TZID=America/New_York:20270314T023000", datetime(2027, 3, 14, 8, 30),
         "02:30 on Sun 14 Mar 2027 (America/New_York)"),
    ],
)  # fmt: skip
def test_a_start_the_clocks_skip_in_its_zone_is_read_past_the_jump_and_said(
    store: Store, zone: tuple[str, ...], start: str, local: datetime, said: str
) -> None:
    store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    raw = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *zone, "BEGIN:VEVENT", "UID:u1", start, "DURATION:PT30M",
                       ALEX, "END:VEVENT", "END:VCALENDAR", ""]).encode()  # fmt: skip
    invitation = read_invitation(raw)
    assert (invitation.start, invitation.minutes) == (local, 30)
    message = accept(store, invitation).message(dry_run=False)
    assert message == (
        f"Scheduled the conversation with Alex Example: {local:%a %d %b %Y %H:%M}, 30 minutes, video. The invitation "
        f"says {said}, a time that does not exist there: the clocks go forward that night, so it is read as 03:30.")
    assert accept(store, invitation).message(dry_run=False).endswith("so it is read as 03:30.")


def test_a_start_in_the_hour_the_clocks_repeat_is_read_without_a_word() -> None:
    invitation = _read("DTSTART;TZID=Europe/Berlin:20261025T023000", "DURATION:PT30M")
    assert invitation.start == datetime(2026, 10, 25, 2, 30) and invitation.skipped == ""
