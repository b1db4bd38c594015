"""When a contact has several planned conversations, schedule, cancel and done say which one
they acted on (its date and time) and take --at WHEN or --id N to choose; how the options of
done combine is a usage error (exit 2) caught before the workspace is opened. A cancelled
conversation is in the history when it was called off. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui import cli
from interview_tui.core.models import InterviewStatus


def two_planned(run, db: Path) -> None:
    """Alex has two conversations planned: Fri 27 Nov 15:00 (id 1) and Tue 1 Dec 11:00 (id 2)."""
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "add", "Sam Sample").code == 0
    assert run("--db", str(db), "schedule", "Alex", "fri 3pm").code == 0
    assert run("--db", str(db), "schedule", "Alex", "tue 11am", "--another").code == 0


def statuses(open_store) -> dict[str, InterviewStatus]:
    with open_store() as store:
        return {f"{i.when:%a %H:%M}": i.status for i in store.interviews(store.find_contact("Alex").id)}


def test_without_a_choice_the_soonest_is_taken_and_the_message_says_which_and_how_to_choose(run, db, open_store):
    two_planned(run, db)
    result = run("--db", str(db), "cancel", "Alex")
    assert result.code == 0
    assert result.out == "Cancelled the conversation with Alex Example planned for Fri 27 Nov 2026 at 15:00.\n"
    assert "Also planned: Tue 01 Dec 2026 at 11:00 (id 2)" in result.err
    assert "--at WHEN or --id N" in result.err
    assert statuses(open_store) == {"Fri 15:00": InterviewStatus.CANCELLED, "Tue 11:00": InterviewStatus.PLANNED}
    # With one planned left, there is nothing to choose between: no note.
    assert run("--db", str(db), "cancel", "Alex").err == ""


def test_at_chooses_by_day_or_by_day_and_time(run, db, open_store):
    two_planned(run, db)
    result = run("--db", str(db), "cancel", "Alex", "--at", "tue")
    assert result.code == 0 and "planned for Tue 01 Dec 2026 at 11:00" in result.out
    assert result.err == ""  # chosen on purpose: no note about the others
    assert statuses(open_store) == {"Fri 15:00": InterviewStatus.PLANNED, "Tue 11:00": InterviewStatus.CANCELLED}
    moved = run("--db", str(db), "schedule", "Alex", "mon 9am", "--at", "2026-11-27 15:00")
    assert moved.code == 0
    assert moved.out.startswith(
        "Moved the conversation with Alex Example planned for Fri 27 Nov 2026 at 15:00 to Mon 30 Nov 2026 at 09:00"
    )
    assert statuses(open_store) == {"Mon 09:00": InterviewStatus.PLANNED, "Tue 11:00": InterviewStatus.CANCELLED}


def test_id_chooses_the_conversation_done_and_says_when_it_was_planned(run, db, open_store):
    two_planned(run, db)
    [later] = [i for i in json.loads(run("--db", str(db), "agenda", "--json").out) if i["at"].startswith("2026-12-01")]
    result = run("--db", str(db), "done", "Alex", "--id", str(later["id"]), "--when", "today 9am")
    assert result.code == 0, result.err
    assert result.out.startswith(
        "Held: the conversation with Alex Example planned for Tue 01 Dec 2026 at 11:00, on Wed 25 Nov 2026 at 09:00"
    )
    assert statuses(open_store) == {"Fri 15:00": InterviewStatus.PLANNED, "Wed 09:00": InterviewStatus.DONE}


def test_moving_the_soonest_names_it_and_the_other(run, db):
    two_planned(run, db)
    result = run("--db", str(db), "schedule", "Alex", "thu 4pm")
    assert result.code == 0
    assert "planned for Fri 27 Nov 2026 at 15:00 to Thu 26 Nov 2026 at 16:00" in result.out
    assert "Also planned: Tue 01 Dec 2026 at 11:00 (id 2)" in result.err


@pytest.mark.parametrize(
    "choice, said",
    [
        (("--at", "mon"), "no conversation planned for 'mon'; planned: Fri 27 Nov 2026 at 15:00 (id 1), Tue 01 Dec 2026 at 11:00 (id 2)"),
        (("--at", "fri 4pm"), "no conversation planned for 'fri 4pm'"),
        (("--at", "someday maybe"), "--at:"),
        (("--id", "3"), "Conversation 3 is not one planned with Alex Example"),
    ],
)
@pytest.mark.parametrize("command", [("cancel", "Alex"), ("done", "Alex"), ("schedule", "Alex", "mon 9am")])
def test_a_choice_that_matches_nothing_is_a_mistake_that_changes_nothing(run, db, command, choice, said):
    two_planned(run, db)
    run("--db", str(db), "schedule", "Sam", "mon 2pm")  # id 3: someone else's
    before = db.read_bytes()
    result = run("--db", str(db), *command, *choice)
    assert result.code == 1
    assert said in result.err and len(result.err.splitlines()) == 1
    assert db.read_bytes() == before


def test_two_on_the_day_asked_for_need_the_time(run, db):
    two_planned(run, db)
    run("--db", str(db), "schedule", "Alex", "fri 5pm", "--another")
    before = db.read_bytes()
    result = run("--db", str(db), "cancel", "Alex", "--at", "fri")
    assert result.code == 1 and "2 conversations planned that day" in result.err and "add the time" in result.err
    assert db.read_bytes() == before
    assert "planned for Fri 27 Nov 2026 at 17:00" in run("--db", str(db), "cancel", "Alex", "--at", "fri 5pm").out


@pytest.mark.parametrize(
    "argv",
    [
        ("done",),
        ("done", "Alex", "--followup", "1"),
        ("done", "--followup", "1", "--when", "today"),
        ("done", "--followup", "1", "--id", "1"),
        ("done", "Alex", "--at", "fri", "--id", "1"),
        ("cancel", "Alex", "--at", "fri", "--id", "1"),
        ("schedule", "Alex", "mon 9am", "--another", "--at", "fri"),
        ("schedule", "Alex", "mon 9am", "--another", "--id", "1"),
    ],
)
def test_options_that_do_not_go_together_are_a_usage_error_before_anything_is_opened(run, db, argv):
    two_planned(run, db)
    before = db.read_bytes()
    result = run("--db", str(db), *argv)
    assert result.code == 2
    assert result.err.startswith(f"interview-tui {argv[0]}: ") and f"(see interview-tui {argv[0]} --help)" in result.err
    assert len(result.err.splitlines()) == 1 and result.out == ""
    assert db.read_bytes() == before
    # A usage error creates no workspace either.
    fresh = db.with_name("never.json")
    assert run("--db", str(fresh), *argv).code == 2
    assert not fresh.exists()


def test_help_names_the_ways_to_choose(run):
    for command in ("schedule", "cancel", "done"):
        shown = run(command, "--help")
        assert shown.code == 0
        assert "--at WHEN" in shown.out and "--id N" in shown.out


def test_a_note_goes_to_the_conversation_whose_time_came_not_to_the_next_one(run, db, open_store):
    """Found by a tester: the notes of a call just held went into the one planned for next week."""
    assert run("--db", str(db), "add", "Alex Example").code == 0
    planned_past = run("--db", str(db), "schedule", "Alex", "today 9am")
    # Its time has passed: schedule says how to mark it held, and note still writes to it.
    assert "that time has passed" in planned_past.err and "interview-tui done 'Alex Example'" in planned_past.err
    first = run("--db", str(db), "note", "Alex", "Before marking it held.")
    assert (first.code, first.err) == (0, "")
    assert first.out == "Added a note to Alex Example's conversation of Wed 25 Nov 2026 09:00.\n"
    assert run("--db", str(db), "done", "Alex").code == 0
    assert run("--db", str(db), "schedule", "Alex", "next wed 3pm").code == 0

    result = run("--db", str(db), "note", "Alex", "Send the portfolio by Friday.")

    assert (result.code, result.err) == (0, "")
    assert result.out == "Added a note to Alex Example's conversation of Wed 25 Nov 2026 09:00.\n"
    with open_store() as store:
        held, coming = sorted(store.interviews(store.find_contact("Alex").id), key=lambda i: i.when)
    assert held.notes == "Before marking it held.\n\nSend the portfolio by Friday."
    assert (coming.when, coming.notes) == (datetime(2026, 12, 2, 15, 0), "")
    for shown in (run("--help").out, run("note", "--help").out):
        assert "latest conversation whose time has come" in " ".join(shown.split())


def test_a_cancelled_conversation_is_in_the_history_when_it_was_called_off(db: Path, capsys) -> None:
    def at(moment: datetime):  # noqa: ANN202 - a clock
        return lambda: moment

    wednesday, thursday = datetime(2026, 11, 25, 10, 0), datetime(2026, 11, 26, 9, 30)
    assert cli.main(["--db", str(db), "add", "Alex Example"], clock=at(wednesday)) == 0
    assert cli.main(["--db", str(db), "schedule", "Alex", "fri 3pm"], clock=at(wednesday)) == 0
    assert cli.main(["--db", str(db), "cancel", "Alex"], clock=at(wednesday)) == 0
    assert cli.main(["--db", str(db), "touch", "Alex", "Next month suits better"], clock=at(thursday)) == 0
    capsys.readouterr()
    assert cli.main(["--db", str(db), "show", "Alex"], clock=at(thursday)) == 0
    out = capsys.readouterr().out
    history = out.splitlines()[out.splitlines().index("History (newest first):") + 1 :]
    assert history[0] == "  Thu 26 Nov 2026 09:30  In touch: Next month suits better"
    assert history[1] == "  Wed 25 Nov 2026 10:00  Conversation cancelled (planned for Fri 27 Nov 15:00; 20 min, video)"


INVITATION = """BEGIN:VCALENDAR
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
UID:coffee-1@example.org
DTSTART:20261203T150000
DURATION:PT30M
LOCATION:Café Central, Vienna
ORGANIZER;CN=Alex Example:mailto:alex@example.org
END:VEVENT
END:VCALENDAR
"""


def test_an_invitation_says_which_conversation_it_moved_and_lists_the_others(run, db: Path, tmp_path: Path) -> None:
    assert run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org").code == 0
    for when in ("tue 2pm", "tue 11pm", "wed 0:30", "wed 1am"):
        assert run("--db", str(db), "schedule", "Alex", when, "--another").code == 0
    invitation = tmp_path / "invite.ics"
    invitation.write_text(INVITATION.replace("\n", "\r\n"), encoding="utf-8")
    result = run("--db", str(db), "import", "ics", str(invitation))
    assert result.code == 0, result.err
    assert result.out == (
        "Moved the conversation with Alex Example planned for Tue 01 Dec 2026 at 14:00 to Thu 03 Dec 2026 15:00, "
        "30 minutes, in person, Café Central, Vienna. Also planned with Alex Example: Tue 01 Dec 2026 at 23:00, "
        "Wed 02 Dec 2026 at 00:30 and Wed 02 Dec 2026 at 01:00.\n"
    )


def test_an_invitation_leaves_a_past_conversation_never_marked_held(run, db: Path, tmp_path: Path, open_store) -> None:
    assert run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org").code == 0
    assert run("--db", str(db), "schedule", "Alex", "2026-11-22 10:00").code == 0  # last Sunday, never held
    assert run("--db", str(db), "schedule", "Alex", "2026-12-03 15:00", "--another").code == 0
    invitation = tmp_path / "invite.ics"
    invitation.write_text(INVITATION.replace("\n", "\r\n"), encoding="utf-8")
    result = run("--db", str(db), "import", "ics", str(invitation))
    assert result.out == (
        "Changed the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00, still at that time: "
        "now 30 minutes, in person, Café Central, Vienna. Also planned with Alex Example: Sun 22 Nov 2026 at 10:00 "
        "(passed, not marked held).\n"
    )
    with open_store() as store:
        planned = [i for i in store.all_interviews() if i.status is InterviewStatus.PLANNED]
        assert sorted(f"{i.when:%a %d %H:%M} {i.minutes}" for i in planned) == ["Sun 22 10:00 20", "Thu 03 15:00 30"]


def test_a_newer_invitation_that_only_moves_the_time_leaves_the_rest_and_read_again_changes_nothing(
    run, db: Path, tmp_path: Path
) -> None:
    assert run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org").code == 0
    first, newer = tmp_path / "invite.ics", tmp_path / "invite-moved.ics"
    first.write_text(INVITATION.replace("\n", "\r\n"), encoding="utf-8")
    moved_only = (
        INVITATION.replace("DTSTART:20261203T150000", "SEQUENCE:1\nDTSTART:20261204T160000")
        .replace("DURATION:PT30M\n", "").replace("LOCATION:Café Central, Vienna\n", "")
    )  # fmt: skip
    newer.write_text(moved_only.replace("\n", "\r\n"), encoding="utf-8")
    assert run("--db", str(db), "import", "ics", str(first)).code == 0
    result = run("--db", str(db), "import", "ics", str(newer))
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Moved the conversation with Alex Example planned for Thu 03 Dec 2026 at 15:00 to Fri 04 Dec 2026 16:00, "
        "30 minutes, in person, Café Central, Vienna.\n"
    )
    before = db.read_bytes()
    again = run("--db", str(db), "import", "ics", str(newer))
    assert (again.code, again.err) == (0, "")
    assert again.out == (
        "Nothing to change: the conversation with Alex Example is already Fri 04 Dec 2026 16:00, 30 minutes, "
        "in person, Café Central, Vienna.\n"
    )
    assert db.read_bytes() == before


def test_an_outlook_teams_invitation_is_a_video_call_and_read_again_changes_nothing(run, db: Path, tmp_path: Path) -> None:
    assert run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org").code == 0
    teams = INVITATION.replace(
        "LOCATION:Café Central, Vienna",
        "LOCATION:Microsoft Teams Meeting\nX-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/1",
    )
    invitation = tmp_path / "teams.ics"
    invitation.write_text(teams.replace("\n", "\r\n"), encoding="utf-8")
    result = run("--db", str(db), "import", "ics", str(invitation))
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Scheduled the conversation with Alex Example: Thu 03 Dec 2026 15:00, 30 minutes, video, "
        "https://teams.microsoft.com/l/meetup-join/1.\n"
    )
    before = db.read_bytes()
    again = run("--db", str(db), "import", "ics", str(invitation))
    assert again.out.startswith("Nothing to change") and db.read_bytes() == before


def _sam_invitation(tmp_path: Path, name: str, *lines: str, method: str = "REQUEST") -> Path:
    """An invitation from Sam for Thu 03 Dec 2026 15:00, with ``lines`` added to its event."""
    event = ["BEGIN:VEVENT", "UID:A1", "DTSTART:20261203T150000", "DURATION:PT30M", "ORGANIZER:mailto:sam@example.org", *lines]
    path = tmp_path / name
    path.write_text("\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", f"METHOD:{method}", *event, "END:VEVENT", "END:VCALENDAR", ""]))
    return path


def three_planned_with_sam(run, db: Path) -> None:
    """Sam has conversations planned on Thu 26 Nov, Tue 01 Dec and Thu 10 Dec, at 15:00."""
    assert run("--db", str(db), "add", "Sam Sample", "--email", "sam@example.org").code == 0
    assert run("--db", str(db), "schedule", "Sam", "tomorrow 3pm").code == 0
    for when in ("2026-12-01 15:00", "2026-12-10 15:00"):
        assert run("--db", str(db), "schedule", "Sam", when, "--another").code == 0


def sam_planned(open_store) -> list[str]:
    with open_store() as store:
        sam = store.find_contact("Sam")
        return sorted(f"{i.when:%a %d %b %H:%M}" for i in store.interviews(sam.id) if i.status is InterviewStatus.PLANNED)


def test_the_same_cancellation_imported_again_says_it_is_already_cancelled_and_changes_nothing(run, db, tmp_path, open_store):
    three_planned_with_sam(run, db)
    assert run("--db", str(db), "import", "ics", str(_sam_invitation(tmp_path, "a1.ics", "SEQUENCE:0"))).code == 0
    cancellation = _sam_invitation(tmp_path, "a1-cancelled.ics", "SEQUENCE:2", "STATUS:CANCELLED", method="CANCEL")
    first = run("--db", str(db), "import", "ics", str(cancellation))
    assert first.code == 0, first.err
    assert first.out.startswith("Cancelled the conversation with Sam Sample planned for Thu 03 Dec 2026 at 15:00.")
    before = db.read_bytes()
    again = run("--db", str(db), "import", "ics", str(cancellation))
    assert (again.code, again.err) == (0, "")
    assert again.out == (
        "Nothing to change: the conversation with Sam Sample planned for Thu 03 Dec 2026 at 15:00 is already "
        "cancelled. Also planned with Sam Sample: Tue 01 Dec 2026 at 15:00 and Thu 10 Dec 2026 at 15:00.\n"
    )
    assert db.read_bytes() == before
    assert sam_planned(open_store) == ["Thu 10 Dec 15:00", "Tue 01 Dec 15:00"]


def test_a_cancellation_of_no_conversation_known_cancels_nothing(run, db, tmp_path, open_store):
    three_planned_with_sam(run, db)
    before = db.read_bytes()
    # A UID never seen, for a day with nothing planned.
    result = run("--db", str(db), "import", "ics", str(_sam_invitation(tmp_path, "other.ics", "STATUS:CANCELLED")))
    assert result.code == 1 and result.out == ""
    assert result.err == (
        f"interview-tui: {tmp_path / 'other.ics'}: it cancels a conversation on Thu 03 Dec 2026 at 15:00, but "
        "none is planned with Sam Sample at that time, and none was planned from this invitation; planned with "
        "them: Thu 26 Nov 2026 at 15:00, Tue 01 Dec 2026 at 15:00 and Thu 10 Dec 2026 at 15:00. Nothing was changed.\n"
    )
    assert db.read_bytes() == before


def test_a_new_version_of_an_invitation_whose_conversation_was_cancelled_plans_a_new_one(run, db, tmp_path, open_store):
    three_planned_with_sam(run, db)
    assert run("--db", str(db), "import", "ics", str(_sam_invitation(tmp_path, "a1.ics", "SEQUENCE:0"))).code == 0
    assert run("--db", str(db), "cancel", "Sam", "--at", "2026-12-03 15:00").code == 0
    assert sam_planned(open_store) == ["Thu 10 Dec 15:00", "Tue 01 Dec 15:00"]
    # The same version again is refused, as before: the conversation was called off since.
    refused = run("--db", str(db), "import", "ics", str(_sam_invitation(tmp_path, "a1.ics", "SEQUENCE:0")))
    assert refused.code == 1 and "it invites to a conversation since cancelled" in refused.err
    # A newer one plans a conversation of its own: the others planned are not taken for it.
    newer = run("--db", str(db), "import", "ics", str(_sam_invitation(tmp_path, "a1-new.ics", "SEQUENCE:1")))
    assert newer.code == 0, newer.err
    assert newer.out.startswith("Scheduled the conversation with Sam Sample: Thu 03 Dec 2026 15:00, 30 minutes, video.")
    assert sam_planned(open_store) == ["Thu 03 Dec 15:00", "Thu 10 Dec 15:00", "Tue 01 Dec 15:00"]


def test_an_older_version_says_once_that_nothing_was_changed(run, db, tmp_path):
    three_planned_with_sam(run, db)
    assert run("--db", str(db), "import", "ics", str(_sam_invitation(tmp_path, "a1.ics", "SEQUENCE:1"))).code == 0
    result = run("--db", str(db), "import", "ics", str(_sam_invitation(tmp_path, "a1-old.ics", "SEQUENCE:0")))
    assert result.code == 1
    assert result.err == (
        f"interview-tui: {tmp_path / 'a1-old.ics'}: it is an older version (sequence 0) of an invitation already "
        "accepted (sequence 1). Nothing was changed.\n"
    )


def _alex_invitation(tmp_path: Path, uid: str, sequence: int, start: str, method: str = "REQUEST") -> Path:
    """An invitation from Alex (by UID, revision and start), 30 minutes."""
    event = ["BEGIN:VEVENT", f"UID:{uid}", f"SEQUENCE:{sequence}", f"DTSTART:{start}", "DURATION:PT30M",
             "ORGANIZER;CN=Alex Example:mailto:alex@example.org"]  # fmt: skip
    path = tmp_path / f"{uid}-{sequence}-{method.lower()}.ics"
    path.write_text("\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", f"METHOD:{method}", *event, "END:VEVENT", "END:VCALENDAR", ""]))
    return path


def alex_planned(open_store) -> list[str]:
    with open_store() as store:
        alex = store.find_contact("Alex")
        return sorted(f"{i.when:%a %d %b %H:%M} {i.invitation}" for i in store.interviews(alex.id) if i.status is InterviewStatus.PLANNED)


def test_a_second_invitation_from_the_same_person_plans_its_own_conversation_beside_the_first(run, db, tmp_path, open_store):
    assert run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org").code == 0
    assert run("--db", str(db), "schedule", "Alex", "fri 3pm").code == 0  # planned by hand: the first may take it
    first = [_alex_invitation(tmp_path, "zoom-1", 0, "20261208T140000"), _alex_invitation(tmp_path, "zoom-1", 1, "20261208T140000")]
    for path in first:
        assert run("--db", str(db), "import", "ics", str(path)).code == 0
    assert alex_planned(open_store) == ["Tue 08 Dec 14:00 zoom-1"]
    second = _alex_invitation(tmp_path, "zoom-2", 0, "20261220T100000")
    result = run("--db", str(db), "import", "ics", str(second))
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Scheduled the conversation with Alex Example: Sun 20 Dec 2026 10:00, 30 minutes, video. "
        "Also planned with Alex Example: Tue 08 Dec 2026 at 14:00.\n"
    )
    assert alex_planned(open_store) == ["Sun 20 Dec 10:00 zoom-2", "Tue 08 Dec 14:00 zoom-1"]
    # Each invitation still finds its own: a new version of the first moves the first.
    moved = run("--db", str(db), "import", "ics", str(_alex_invitation(tmp_path, "zoom-1", 2, "20261209T140000")))
    assert moved.out.startswith("Moved the conversation with Alex Example planned for Tue 08 Dec 2026 at 14:00 to Wed 09 Dec")
    cancelled = run("--db", str(db), "import", "ics", str(_alex_invitation(tmp_path, "zoom-1", 3, "20261209T140000", "CANCEL")))
    assert (cancelled.code, cancelled.err) == (0, "")
    assert cancelled.out.startswith("Cancelled the conversation with Alex Example planned for Wed 09 Dec 2026 at 14:00.")
    assert alex_planned(open_store) == ["Sun 20 Dec 10:00 zoom-2"]
    # All of them again: nothing changes.
    before = db.read_bytes()
    for path in sorted(tmp_path.glob("zoom-*.ics")):
        run("--db", str(db), "import", "ics", str(path))
    assert db.read_bytes() == before


def test_an_invitation_from_nobody_known_says_which_options_name_the_contact(run, db, tmp_path):
    assert run("--db", str(db), "add", "Sam Sample", "--email", "sam@example.org").code == 0
    invitation = tmp_path / "invite.ics"
    invitation.write_text(INVITATION.replace("\n", "\r\n"), encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "import", "ics", str(invitation))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"interview-tui: {invitation}: no contact has the email of anyone it names (alex@example.org); name the "
        "contact with --contact NAME, or add the organiser as a new contact with --add. Nothing was changed.\n"
    )
    assert db.read_bytes() == before
