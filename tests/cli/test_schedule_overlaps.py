"""A time booked over another planned conversation is booked all the same (a group call may be
meant), and a note on stderr says what it overlaps: for schedule, a move, --another, and an
invitation accepted with import ics. The clock is Wednesday 25 November 2026, 10:00."""

from __future__ import annotations

from pathlib import Path

from interview_tui.core.models import InterviewStatus
from interview_tui.core.store import Store

SAMS = "your conversation with Sam Sample on Tue 01 Dec 2026 at 15:00–15:20"


def people(run, db: Path, *names: str) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        assert run("--db", str(db), "add", name).code == 0


def planned(db: Path) -> list[tuple[str, str]]:
    with Store.open(db) as store:
        names = store.contact_names()
        return sorted(
            (names[i.contact_id], f"{i.when:%a %H:%M}")
            for i in store.all_interviews()
            if i.status is InterviewStatus.PLANNED
        )


def test_a_second_booking_at_the_same_time_is_made_and_says_what_it_overlaps(run, db: Path) -> None:
    people(run, db, "Sam Sample", "Alex Example")
    first = run("--db", str(db), "schedule", "Sam Sample", "tue 3pm")
    assert first.err == ""
    result = run("--db", str(db), "schedule", "Alex Example", "tue 3pm")
    assert result.code == 0
    assert result.out == "Scheduled 20 minutes with Alex Example on Tue 01 Dec 2026 at 15:00 (video).\n"
    assert result.err == f"interview-tui: note: it overlaps {SAMS}.\n"
    assert planned(db) == [("Alex Example", "Tue 15:00"), ("Sam Sample", "Tue 15:00")]


def test_one_that_starts_as_the_other_ends_says_nothing(run, db: Path) -> None:
    people(run, db, "Sam Sample", "Alex Example")
    run("--db", str(db), "schedule", "Sam Sample", "tue 3pm")
    after = run("--db", str(db), "schedule", "Alex Example", "tue 3:20pm")
    before = run("--db", str(db), "schedule", "Alex Example", "tue 2:40pm", "--another")
    assert (after.code, after.err, before.code, before.err) == (0, "", 0, "")


def test_a_move_says_what_it_overlaps_but_not_where_it_was(run, db: Path) -> None:
    people(run, db, "Sam Sample", "Alex Example")
    run("--db", str(db), "schedule", "Sam Sample", "tue 3pm")
    run("--db", str(db), "schedule", "Alex Example", "tue 4pm")
    nudged = run("--db", str(db), "schedule", "Sam Sample", "tue 3:10pm")  # over where it was
    assert nudged.code == 0 and nudged.err == ""
    moved = run("--db", str(db), "schedule", "Alex Example", "tue 3pm")
    assert moved.out.startswith("Moved the conversation with Alex Example planned for Tue 01 Dec 2026 at 16:00")
    assert moved.err == "interview-tui: note: it overlaps your conversation with Sam Sample on Tue 01 Dec 2026 at 15:10–15:30.\n"
    assert planned(db) == [("Alex Example", "Tue 15:00"), ("Sam Sample", "Tue 15:10")]


def test_another_with_the_same_person_says_it_overlaps_their_own(run, db: Path) -> None:
    people(run, db, "Sam Sample")
    run("--db", str(db), "schedule", "Sam Sample", "tue 3pm")
    result = run("--db", str(db), "schedule", "Sam Sample", "tue 3:10-3:40pm", "--another")
    assert result.code == 0
    assert result.err == f"interview-tui: note: it overlaps {SAMS}.\n"


def test_several_are_listed_and_beyond_three_counted(run, db: Path) -> None:
    people(run, db, "Sam Sample", "Alex Example", "Casey Placeholder", "Jordan Demo", "Riley Example")
    for name, when in [("Sam Sample", "tue 3pm"), ("Alex Example", "tue 3:05pm")]:
        run("--db", str(db), "schedule", name, when)
    two = run("--db", str(db), "schedule", "Casey Placeholder", "tue 3pm")
    assert two.err == (
        "interview-tui: note: it overlaps your conversations with Sam Sample on Tue 01 Dec 2026 at 15:00–15:20 "
        "and Alex Example on Tue 01 Dec 2026 at 15:05–15:25.\n"
    )
    run("--db", str(db), "schedule", "Jordan Demo", "tue 3:10pm")
    four = run("--db", str(db), "schedule", "Riley Example", "tue 3-3:30pm")
    assert four.code == 0
    assert four.err == (
        "interview-tui: note: it overlaps your conversations with Sam Sample on Tue 01 Dec 2026 at 15:00–15:20, "
        "Casey Placeholder on Tue 01 Dec 2026 at 15:00–15:20 and 2 more.\n"
    )


def test_cancelled_and_held_conversations_are_not_overlapped(run, db: Path) -> None:
    people(run, db, "Sam Sample", "Alex Example", "Casey Placeholder")
    run("--db", str(db), "schedule", "Sam Sample", "tue 3pm")
    run("--db", str(db), "cancel", "Sam Sample")
    run("--db", str(db), "schedule", "Alex Example", "today 9am")
    run("--db", str(db), "done", "Alex Example")
    result = run("--db", str(db), "schedule", "Casey Placeholder", "tue 3pm")
    assert "overlaps" not in result.err
    held_time = run("--db", str(db), "schedule", "Casey Placeholder", "today 9am", "--another")
    assert "overlaps" not in held_time.err


INVITATION = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Calendar//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:group-call-1@example.org
SEQUENCE:0
DTSTART:20261201T151000
DTEND:20261201T154000
SUMMARY:A call with Alex
ORGANIZER;CN=Alex Example:mailto:alex@example.org
ATTENDEE;CN=Alex Example:mailto:alex@example.org
END:VEVENT
END:VCALENDAR
"""


def test_an_invitation_accepted_says_what_it_overlaps_and_a_dry_run_what_it_would(run, db: Path, tmp_path: Path) -> None:
    people(run, db, "Sam Sample")
    run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org")
    run("--db", str(db), "schedule", "Sam Sample", "tue 3pm")
    invitation = tmp_path / "invite.ics"
    invitation.write_text(INVITATION.replace("\n", "\r\n"))
    dry = run("--db", str(db), "import", "ics", str(invitation), "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.err == f"interview-tui: note: it would overlap {SAMS}.\n"
    assert planned(db) == [("Sam Sample", "Tue 15:00")]
    result = run("--db", str(db), "import", "ics", str(invitation))
    assert result.code == 0, result.err
    assert result.out.startswith("Scheduled the conversation with Alex Example: Tue 01 Dec 2026 15:10, 30 minutes")
    assert result.err == f"interview-tui: note: it overlaps {SAMS}.\n"
    assert planned(db) == [("Alex Example", "Tue 15:10"), ("Sam Sample", "Tue 15:00")]
