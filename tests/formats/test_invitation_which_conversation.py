"""Which of a contact's several planned conversations an invitation moves or cancels, and how the
message names it and the others left planned. The clock is Wednesday 25 November 2026, 10:00."""

from __future__ import annotations

from datetime import datetime

import pytest

from interview_tui.core import workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, InterviewStatus
from interview_tui.core.store import Store
from interview_tui.formats.invitation import accept, read_invitation

pytestmark = pytest.mark.usefixtures("berlin")  # see conftest.py

ALEX = "ORGANIZER;CN=Alex Example:mailto:alex@example.org"


def _read(*lines: str, method: str = "REQUEST"):
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"METHOD:{method}"]
    return read_invitation("\r\n".join([*head, "BEGIN:VEVENT", ALEX, *lines, "END:VEVENT", "END:VCALENDAR", ""]).encode())


def _alex(store: Store, *times: str) -> Contact:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    for when in times:
        workflow.schedule_interview(store, alex.id, when)
    return alex


def _planned(store: Store, contact: Contact) -> list[str]:
    return sorted(
        f"{i.when:%a %d %H:%M}" for i in store.interviews(contact.id) if i.status is InterviewStatus.PLANNED
    )


def test_of_several_it_says_which_it_moved_and_lists_the_others(store: Store) -> None:
    alex = _alex(store, "2026-12-01 14:00", "2026-12-01 23:00", "2026-12-02 00:30", "2026-12-02 01:00")
    accepted = accept(store, _read("UID:u1", "DTSTART:20261203T150000", "DURATION:PT30M", "LOCATION:Café Central, Vienna"))
    assert accepted.message(dry_run=False) == (
        "Moved the conversation with Alex Example planned for Tue 01 Dec 2026 at 14:00 to Thu 03 Dec 2026 15:00, "
        "30 minutes, in person, Café Central, Vienna. Also planned with Alex Example: Tue 01 Dec 2026 at 23:00, "
        "Wed 02 Dec 2026 at 00:30 and Wed 02 Dec 2026 at 01:00.")
    assert _planned(store, alex) == ["Thu 03 15:00", "Tue 01 23:00", "Wed 02 00:30", "Wed 02 01:00"]


def test_beyond_three_others_two_are_named_and_the_rest_counted(store: Store) -> None:
    _alex(store, "2026-12-01 09:00", "2026-12-02 09:00", "2026-12-03 09:00", "2026-12-04 09:00", "2026-12-05 09:00")
    accepted = accept(store, _read("DTSTART:20261210T150000"), dry_run=True)
    assert accepted.message(dry_run=True) == (
        "Dry run: would have moved the conversation with Alex Example planned for Tue 01 Dec 2026 at 09:00 to "
        "Thu 10 Dec 2026 15:00, 20 minutes, video. Also planned with Alex Example: Wed 02 Dec 2026 at 09:00, "
        "Thu 03 Dec 2026 at 09:00 and 2 more. Nothing was written.")


def test_a_past_conversation_never_marked_held_is_left_for_the_one_to_come(store: Store) -> None:
    alex = _alex(store, "2026-11-22 10:00", "2026-12-01 15:00")  # last Sunday; the coming Tuesday
    accepted = accept(store, _read("DTSTART:20261203T110000"))
    assert accepted.message(dry_run=False) == (
        "Moved the conversation with Alex Example planned for Tue 01 Dec 2026 at 15:00 to Thu 03 Dec 2026 11:00, "
        "20 minutes, video. Also planned with Alex Example: Sun 22 Nov 2026 at 10:00 (passed, not marked held).")
    assert _planned(store, alex) == ["Sun 22 10:00", "Thu 03 11:00"]


@pytest.mark.parametrize("start", ["DTSTART:20261201T150000", "DTSTART:20261201T151000", "DTSTART:20261201T144500"])
def test_an_invitation_at_the_time_of_one_planned_is_about_that_one(store: Store, start: str) -> None:
    # The invitation to a conversation already planned by hand: not a second one that day.
    alex = _alex(store, "2026-11-22 10:00", "2026-11-30 09:00", "2026-12-01 15:00")
    accepted = accept(store, _read("UID:u1", start, "DURATION:PT30M"))
    assert accepted.replaced is not None and accepted.replaced.when == datetime(2026, 12, 1, 15, 0)
    assert _planned(store, alex) == ["Mon 30 09:00", "Sun 22 10:00", f"Tue 01 {start[-6:-4]}:{start[-4:-2]}"]


def test_of_two_at_its_time_the_one_starting_nearest_is_taken(store: Store) -> None:
    alex = _alex(store, "2026-12-01 14:50", "2026-12-01 15:10")
    accept(store, _read("DTSTART:20261201T150500", "DURATION:PT30M"))
    assert _planned(store, alex) == ["Tue 01 14:50", "Tue 01 15:05"]


def test_the_same_time_and_length_changes_nothing_and_names_the_others(store: Store) -> None:
    alex = _alex(store, "2026-11-22 10:00", "2026-12-01 15:00")
    accepted = accept(store, _read("UID:u1", "DTSTART:20261201T150000"))
    assert accepted.message(dry_run=False) == (
        "Nothing to change: the conversation with Alex Example is already Tue 01 Dec 2026 15:00, 20 minutes, video. "
        "Also planned with Alex Example: Sun 22 Nov 2026 at 10:00 (passed, not marked held).")
    assert _planned(store, alex) == ["Sun 22 10:00", "Tue 01 15:00"]
    # Its UID is remembered: a newer version moves that one, even to a time far from it.
    accept(store, _read("UID:u1", "SEQUENCE:1", "DTSTART:20261208T090000"))
    assert _planned(store, alex) == ["Sun 22 10:00", "Tue 08 09:00"]


def test_with_only_past_conversations_left_a_new_one_is_planned_beside_them(store: Store) -> None:
    alex = _alex(store, "2026-11-22 10:00")
    accepted = accept(store, _read("DTSTART:20261203T110000"))
    assert accepted.message(dry_run=False) == (
        "Scheduled the conversation with Alex Example: Thu 03 Dec 2026 11:00, 20 minutes, video. "
        "Also planned with Alex Example: Sun 22 Nov 2026 at 10:00 (passed, not marked held).")
    assert _planned(store, alex) == ["Sun 22 10:00", "Thu 03 11:00"]


def test_notes_waiting_for_a_time_are_given_the_invitation_s(store: Store) -> None:
    alex = _alex(store)
    workflow.add_note(store, alex.id, "They mentioned a design role")
    accepted = accept(store, _read("DTSTART:20261203T110000"))
    assert accepted.message(dry_run=False) == (
        "Scheduled the conversation with Alex Example whose notes were started Wed 25 Nov 2026 (no time agreed): "
        "Thu 03 Dec 2026 11:00, 20 minutes, video.")
    (interview,) = store.interviews(alex.id)
    assert (interview.when, interview.notes) == (datetime(2026, 12, 3, 11, 0), "They mentioned a design role")


def test_a_cancellation_says_which_it_cancelled_and_what_is_left(store: Store) -> None:
    alex = _alex(store, "2026-12-01 14:00", "2026-12-02 10:00")
    accepted = accept(store, _read("DTSTART:20261202T100000", method="CANCEL"))
    assert accepted.message(dry_run=False) == (
        "Cancelled the conversation with Alex Example planned for Wed 02 Dec 2026 at 10:00. "
        "Also planned with Alex Example: Tue 01 Dec 2026 at 14:00.")
    assert _planned(store, alex) == ["Tue 01 14:00"]


def test_a_cancellation_leaves_a_past_conversation_alone(store: Store) -> None:
    alex = _alex(store, "2026-11-22 10:00")
    with pytest.raises(InvalidInput) as caught:
        accept(store, _read("DTSTART:20261202T100000", method="CANCEL"))
    assert str(caught.value) == (
        "it cancels a conversation on Wed 02 Dec 2026 at 10:00, but none is planned with Alex Example at that "
        "time; planned with them: Sun 22 Nov 2026 at 10:00 (passed, not marked held).")
    assert _planned(store, alex) == ["Sun 22 10:00"]


def test_at_the_same_time_with_another_length_it_says_the_length_is_changed_not_moved(store: Store) -> None:
    alex = _alex(store, "2026-12-03 15:00")
    invitation = _read("UID:u1", "DTSTART:20261203T150000", "DURATION:PT30M")
    assert accept(store, invitation, dry_run=True).message(dry_run=True) == (
        "Dry run: would have changed the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00, "
        "still at that time: now 30 minutes. Nothing was written.")
    assert accept(store, invitation).message(dry_run=False) == (
        "Changed the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00, still at that time: "
        "now 30 minutes.")
    [planned] = [i for i in store.interviews(alex.id) if i.status is InterviewStatus.PLANNED]
    assert (planned.when, planned.minutes) == (datetime(2026, 12, 3, 15, 0), 30)
    # A place given too is said with it; read again, the invitation changes nothing, and says so.
    placed = _read("UID:u1", "SEQUENCE:1", "DTSTART:20261203T150000", "DURATION:PT45M", "LOCATION:Café Central, Vienna")
    assert accept(store, placed).message(dry_run=False) == (
        "Changed the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00, still at that time: "
        "now 45 minutes, in person, Café Central, Vienna.")
    assert accept(store, placed).message(dry_run=False) == (
        "Nothing to change: the conversation with Alex Example is already Thu 03 Dec 2026 15:00, 45 minutes, "
        "in person, Café Central, Vienna.")


def test_an_invitation_whose_place_is_cut_off_after_a_space_changes_nothing_when_read_again(store: Store) -> None:
    alex = _alex(store)
    # The place and the link after it come to more than a line holds, cut just after a space.
    place = "Meeting room " + "x" * 486
    invitation = _read("UID:u1", "DTSTART:20261203T150000", f"LOCATION:{place}", "DESCRIPTION:https://zoom.us/j/5550100123")
    assert accept(store, invitation).action == "schedule"
    again = accept(store, invitation)
    assert again.message(dry_run=False).startswith(
        "Nothing to change: the conversation with Alex Example is already Thu 03 Dec 2026 15:00, 20 minutes, video, Meeting room")
    [planned] = [i for i in store.interviews(alex.id) if i.status is InterviewStatus.PLANNED]
    assert planned.where == place


def test_a_cancellation_takes_only_its_own_conversation_or_the_one_at_its_time(store: Store) -> None:
    alex = _alex(store, "2026-12-01 14:00", "2026-12-10 10:00")
    for lines in (["DTSTART:20261202T100000"], ["UID:never-seen", "DTSTART:20261202T100000"]):
        with pytest.raises(InvalidInput, match="but none is planned with Alex Example at that time"):
            accept(store, _read(*lines, method="CANCEL"))
    assert _planned(store, alex) == ["Thu 10 10:00", "Tue 01 14:00"]


def test_the_same_cancellation_again_changes_nothing_and_says_so_in_a_dry_run_too(store: Store) -> None:
    alex = _alex(store, "2026-12-01 14:00")
    accept(store, _read("UID:u1", "DTSTART:20261203T110000"))
    accept(store, _read("UID:u1", "SEQUENCE:1", "DTSTART:20261203T110000", method="CANCEL"))
    again = _read("UID:u1", "SEQUENCE:1", "DTSTART:20261203T110000", method="CANCEL")
    assert accept(store, again, dry_run=True).message(dry_run=True) == (
        "Nothing to change: the conversation with Alex Example planned for Thu 03 Dec 2026 at 11:00 is already "
        "cancelled. Nothing was written.")
    assert accept(store, again).action == "already cancelled"
    assert _planned(store, alex) == []
    # Planned again by hand at that time since, it is another conversation: left planned.
    workflow.schedule_interview(store, alex.id, "2026-12-03 11:00")
    newer = _read("UID:u1", "SEQUENCE:2", "DTSTART:20261203T110000", method="CANCEL")
    assert accept(store, newer).action == "already cancelled"
    assert _planned(store, alex) == ["Thu 03 11:00"]


def test_a_dry_run_of_an_invitation_already_accepted_says_there_is_nothing_to_change(store: Store) -> None:
    _alex(store, "2026-12-03 11:00")
    assert accept(store, _read("UID:u1", "DTSTART:20261203T110000"), dry_run=True).message(dry_run=True) == (
        "Nothing to change: the conversation with Alex Example is already Thu 03 Dec 2026 11:00, 20 minutes, video. "
        "Nothing was written.")


def test_an_invitation_whose_conversation_was_held_takes_no_other(store: Store) -> None:
    alex = _alex(store)
    made = accept(store, _read("UID:u1", "DTSTART:20261203T110000")).interview
    workflow.mark_done(store, made.id)
    workflow.schedule_interview(store, alex.id, "2026-12-10 10:00")
    for method in ("REQUEST", "CANCEL"):
        with pytest.raises(InvalidInput) as caught:
            accept(store, _read("UID:u1", "DTSTART:20261203T110000", method=method))
        # Marked held now, early: it is held, whatever the invitation says.
        assert str(caught.value) == "it is about the conversation held on Wed 25 Nov 2026 at 10:00, which is left as it is."
    assert _planned(store, alex) == ["Thu 10 10:00"]


def test_a_second_invitation_passes_over_the_first_one_s_conversation_for_one_planned_by_hand(store: Store) -> None:
    alex = _alex(store)
    accept(store, _read("UID:zoom-1", "DTSTART:20261201T140000"))
    workflow.schedule_interview(store, alex.id, "2026-12-05 10:00")  # by hand, later than the first
    accepted = accept(store, _read("UID:zoom-2", "DTSTART:20261210T150000"))
    assert accepted.message(dry_run=False) == (
        "Moved the conversation with Alex Example planned for Sat 05 Dec 2026 at 10:00 to Thu 10 Dec 2026 15:00, "
        "20 minutes, video. Also planned with Alex Example: Tue 01 Dec 2026 at 14:00.")
    assert _planned(store, alex) == ["Thu 10 15:00", "Tue 01 14:00"]
