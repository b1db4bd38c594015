"""interview-tui schedule NAME WHEN [--minutes 20]: the conversation, from the shell."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core.models import InterviewStatus
from interview_tui.core.store import Store


def test_schedule_books_twenty_minutes_and_moves_the_contact_to_scheduled(run, db: Path) -> None:
    run("--db", str(db), "add", "Sam Sample")
    result = run("--db", str(db), "schedule", "sam", "next tue 3pm")
    assert result.code == 0, result.err
    assert result.out == "Scheduled 20 minutes with Sam Sample on Tue 01 Dec 2026 at 15:00 (video).\n"
    with Store.open(db) as store:
        [interview] = store.all_interviews()
    assert (interview.when, interview.minutes, interview.status) == (
        datetime(2026, 12, 1, 15, 0),
        20,
        InterviewStatus.PLANNED,
    )
    [contact] = json.loads(run("--db", str(db), "list", "--json").out)
    assert contact["stage"] == "scheduled"


def test_schedule_takes_minutes_mode_and_place(run, db: Path) -> None:
    run("--db", str(db), "add", "Sam Sample")
    result = run("--db", str(db), "schedule", "Sam Sample", "2026-12-03 14:00", "--minutes", "30", "--mode", "phone", "--where", "+1 555 0100")
    assert result.code == 0, result.err
    [interview] = json.loads(db.read_text())["interviews"].values()
    assert (interview["minutes"], interview["mode"], interview["where"]) == (30, "phone", "+1 555 0100")
    assert datetime.fromisoformat(interview["when"]) == datetime(2026, 12, 3, 14, 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sam", "next tue"], "has no time"),
        (["sam", "whenever suits"], "Could not read"),
        (["sam", "tomorrow 10am", "--minutes", "abc"], "not a number of minutes"),
        (["sam", "tomorrow 10am", "--minutes", "0"], "between 1 and 600"),
        (["nobody", "tomorrow 10am"], "No contact named"),
    ],
)
def test_bad_schedules_say_why_and_change_nothing(run, db: Path, args: list[str], message: str) -> None:
    run("--db", str(db), "add", "Sam Sample")
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", *args)
    assert result.code == 1
    assert message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert db.read_bytes() == before


def test_an_unknown_mode_is_a_usage_error(run, db: Path) -> None:
    run("--db", str(db), "add", "Sam Sample")
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", "sam", "tomorrow 10am", "--mode", "fax")
    assert result.code == 2
    assert "invalid choice: 'fax'" in result.err
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("when", "start", "minutes"),
    [
        ("wed 2-2:30pm", datetime(2026, 12, 2, 14, 0), 30),
        ("tomorrow 14:00-14:45", datetime(2026, 11, 26, 14, 0), 45),
        ("fri 10 to 11am", datetime(2026, 11, 27, 10, 0), 60),
        ("fri noon-1", datetime(2026, 11, 27, 12, 0), 60),
        ("midnight-1am", datetime(2026, 11, 26, 0, 0), 60),
        ("midnight to 1am", datetime(2026, 11, 26, 0, 0), 60),
    ],
)
def test_a_range_sets_the_length(run, db: Path, when: str, start: datetime, minutes: int) -> None:
    run("--db", str(db), "add", "Sam Sample")
    result = run("--db", str(db), "schedule", "sam", when)
    assert result.code == 0, result.err
    assert result.out.startswith(f"Scheduled {minutes} minutes with Sam Sample on {start:%a %d %b %Y at %H:%M}")
    [interview] = json.loads(db.read_text())["interviews"].values()
    assert (datetime.fromisoformat(interview["when"]), interview["minutes"]) == (start, minutes)


def test_a_range_and_the_same_minutes_agree(run, db: Path) -> None:
    run("--db", str(db), "add", "Sam Sample")
    result = run("--db", str(db), "schedule", "sam", "wed 2-2:30pm", "--minutes", "30")
    assert result.code == 0, result.err
    [interview] = json.loads(db.read_text())["interviews"].values()
    assert interview["minutes"] == 30


def test_a_range_and_other_minutes_are_refused(run, db: Path) -> None:
    run("--db", str(db), "add", "Sam Sample")
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", "sam", "wed 2-2:30pm", "--minutes", "45")
    assert result.code == 1
    assert "'wed 2-2:30pm' is 30 minutes but the length says 45" in result.err
    assert db.read_bytes() == before


def test_the_usual_twenty_given_beside_a_range_is_refused_as_any_other_length(run, db: Path) -> None:
    """As the schedule form refuses a 20 typed in its Minutes field, and as moving one refuses it."""
    run("--db", str(db), "add", "Sam Sample")
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", "sam", "wed 2-2:30pm", "--minutes", "20")
    assert result.code == 1
    assert result.err == "interview-tui: 'wed 2-2:30pm' is 30 minutes but the length says 20; change one of them.\n"
    assert db.read_bytes() == before
    run("--db", str(db), "schedule", "sam", "tue 10am")
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", "sam", "wed 2-2:30pm", "--another", "--minutes", "20")
    assert result.code == 1
    assert "'wed 2-2:30pm' is 30 minutes but the length says 20" in result.err
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("thursday 10.75", "'10.75'"),
        ("32 Dec 3pm", "32 is not a day of December"),
        ("wed 3pm-2pm", "ends before it starts"),
        ("8am-9pm", "between 1 and 600"),
    ],
)
def test_dates_that_cannot_be_read_are_refused_not_guessed(run, db: Path, when: str, message: str) -> None:
    run("--db", str(db), "add", "Sam Sample")
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", "sam", when)
    assert result.code == 1
    assert message in result.err
    assert db.read_bytes() == before


@pytest.mark.parametrize("planned", [False, True], ids=["scheduling", "moving"])
def test_a_schedule_with_a_bad_date_and_length_says_both_at_once(run, db: Path, planned: bool) -> None:
    run("--db", str(db), "add", "Sam Sample")
    if planned:
        assert run("--db", str(db), "schedule", "sam", "fri 3pm").code == 0
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", "sam", "the thirty", "--minutes", "lots")
    assert result.code == 1
    assert result.out == ""
    [line] = result.err.splitlines()
    assert "Could not read 'the thirty'" in line
    assert line.endswith(" 'lots' is not a number of minutes; the usual is 20.")
    assert db.read_bytes() == before


@pytest.mark.parametrize("when", ["12am-1am", "00:00-01:00", "12am to 1am"])
def test_a_range_from_midnight_with_no_day_is_booked_at_the_coming_midnight(run, db: Path, when: str) -> None:
    """As '12am' alone is: today's 00:00 had passed when it was typed."""
    run("--db", str(db), "add", "Sam Sample")
    result = run("--db", str(db), "schedule", "sam", when)
    assert result.code == 0, result.err
    assert result.out == "Scheduled 60 minutes with Sam Sample on Thu 26 Nov 2026 at 00:00 (video).\n"
    # A follow-up is due at one moment: the range is refused, and its start alone, offered, is
    # the coming midnight too.
    refused = run("--db", str(db), "followup", "sam", when)
    assert refused.code == 1
    start_alone = refused.err.rsplit("type '", 1)[1].removesuffix("'.\n")
    assert start_alone in ("midnight", "00:00")
    added = run("--db", str(db), "followup", "sam", start_alone)
    assert added.code == 0, added.err
    assert added.out.startswith("Follow-up for Sam Sample due Thu 26 Nov 2026 00:00 ")


def test_a_range_typed_back_to_front_is_refused_with_the_one_likely_meant(run, db: Path) -> None:
    run("--db", str(db), "add", "Sam Sample")
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", "sam", "wed 2:30-2pm")
    assert result.code == 1
    assert result.err == (
        "interview-tui: Could not read 'wed 2:30-2pm': '2:30-2pm' ends before it starts "
        "(2:30 alone is 2:30pm); did you mean '2-2:30pm'?\n"
    )
    assert db.read_bytes() == before
    assert run("--db", str(db), "schedule", "sam", "wed 9-5pm", "--minutes", "480").code == 0


@pytest.mark.parametrize(
    ("command", "when", "refused"),
    [
        ("schedule", "3000-01-01 3pm", "'3000-01-01 3pm' is Wed 1 Jan 3000; a date must be from 1900 to 2999, so type an earlier one."),
        ("followup", "3000-01-01", "'3000-01-01' is Wed 1 Jan 3000; a date must be from 1900 to 2999, so type an earlier one."),
        ("followup", "1899-12-31", "'1899-12-31' is Sun 31 Dec 1899; a date must be from 1900 to 2999, so type a later one."),
    ],
)
def test_a_date_no_workspace_keeps_is_refused_in_plain_words(run, db: Path, command: str, when: str, refused: str) -> None:
    run("--db", str(db), "add", "Sam Sample")
    before = db.read_bytes()
    result = run("--db", str(db), command, "sam", when)
    assert result.code == 1
    assert result.err == f"interview-tui: {refused}\n"
    assert db.read_bytes() == before


def test_a_new_length_at_the_same_time_is_said_as_a_change_not_a_move(run, db: Path, open_store) -> None:
    run("--db", str(db), "add", "Alex Example")
    assert run("--db", str(db), "schedule", "alex", "fri 14h - 14h30").code == 0
    longer = run("--db", str(db), "schedule", "alex", "fri 14h - 15h")
    assert longer.code == 0, longer.err
    assert longer.out == (
        "Changed the conversation with Alex Example planned for Fri 27 Nov 2026 at 14:00, "
        "still at that time: now 60 minutes.\n"
    )
    by_phone = run("--db", str(db), "schedule", "alex", "fri 2pm", "--mode", "phone", "--minutes", "45")
    assert by_phone.out == (
        "Changed the conversation with Alex Example planned for Fri 27 Nov 2026 at 14:00, "
        "still at that time: now 45 minutes, phone.\n"
    )
    with open_store() as store:
        [planned] = store.interviews(store.find_contact("Alex").id)
        assert (planned.when.hour, planned.minutes, planned.mode.value) == (14, 45, "phone")
