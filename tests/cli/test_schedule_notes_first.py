"""interview-tui note, then schedule: the notes taken before any time was agreed are given one,
and the person is scheduled from then on, as after a schedule alone."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from interview_tui.core.models import Interview


def test_scheduling_after_notes_gives_them_the_time_and_moves_the_person_on(run, db: Path) -> None:
    run("--db", str(db), "add", "Dee Doe")
    assert run("--db", str(db), "note", "dee", "Read up on service design.").code == 0
    result = run("--db", str(db), "schedule", "dee", "fri 3pm")
    assert result.code == 0, result.err
    assert result.out == (
        "Scheduled the conversation with Dee Doe whose notes were started Wed 25 Nov 2026 (no time agreed): "
        "Fri 27 Nov 2026 at 15:00 (20 minutes, video).\n"
    )
    [contact] = json.loads(run("--db", str(db), "list", "--json").out)
    assert contact["stage"] == "scheduled"
    [interview] = json.loads(db.read_text())["interviews"].values()
    assert interview["notes"] == "Read up on service design."


def test_a_range_longer_than_a_conversation_is_refused_and_changes_nothing(run, db: Path) -> None:
    run("--db", str(db), "add", "Dee Doe")
    run("--db", str(db), "note", "dee", "notes")
    before = db.read_bytes()
    result = run("--db", str(db), "schedule", "dee", "fri 8am-7pm")
    assert result.code == 1
    assert result.err == "interview-tui: 'fri 8am-7pm' is 660 minutes; a conversation lasts between 1 and 600.\n"
    assert db.read_bytes() == before


def test_a_name_nobody_has_says_where_to_see_everyone(run, db: Path) -> None:
    run("--db", str(db), "add", "Dee Doe")
    missing = run("--db", str(db), "show", "Nobody")
    assert (missing.code, missing.err) == (1, "interview-tui: No contact named 'Nobody'. See them all with: interview-tui list\n")
    by_id = run("--db", str(db), "show", "id:99")
    assert by_id.err == "interview-tui: No contact with id:99. See them all with their ids: interview-tui list\n"


def test_the_agenda_says_the_day_of_each_overdue_item(run, db: Path) -> None:
    run("--db", str(db), "add", "Kim Kaur")
    run("--db", str(db), "followup", "Kim", "2026-11-23 09:00", "--note", "send the link")  # passed
    run("--db", str(db), "followup", "Kim", "tomorrow 2pm", "--note", "call")
    assert run("--db", str(db), "agenda").out.splitlines() == [
        "Overdue",
        "  Mon 23 Nov 09:00  Kim Kaur  custom: send the link",
        "Thu 26 Nov",
        "  14:00  Kim Kaur  custom: call",
    ]


def test_a_repeating_follow_up_says_so_when_added_and_in_due_json(run, db: Path) -> None:
    run("--db", str(db), "add", "Kim Kaur")
    added = run("--db", str(db), "followup", "Kim", "fri", "--repeat", "every 3 weeks")
    assert added.out == "Follow-up for Kim Kaur due Fri 27 Nov 2026 09:00, repeating every 3 weeks (id 1).\n"
    once = run("--db", str(db), "followup", "Kim", "fri", "--note", "once")
    assert once.out == "Follow-up for Kim Kaur due Fri 27 Nov 2026 09:00 (id 2).\n"
    items = json.loads(run("--db", str(db), "due", "--within", "7", "--json").out)
    assert [(item["id"], item["repeat"]) for item in items] == [(1, "FREQ=WEEKLY;INTERVAL=3"), (2, "")]


def test_show_keeps_saying_when_the_notes_were_begun_once_they_have_a_time(run, db: Path) -> None:
    run("--db", str(db), "add", "Dee Doe")
    run("--db", str(db), "note", "dee", "Read up on service design.")
    assert run("--db", str(db), "show", "dee").out.splitlines()[-2:] == [
        "History (newest first):",
        "  Wed 25 Nov 2026 10:00  Notes started (no time agreed yet)",
    ]
    run("--db", str(db), "schedule", "dee", "fri 3pm")
    history = run("--db", str(db), "show", "dee").out.split("History (newest first):\n")[1]
    assert history.splitlines() == [
        "  Fri 27 Nov 2026 15:00  Conversation planned (20 min, video)",
        "  Wed 25 Nov 2026 10:00  Notes started",
        "  Wed 25 Nov 2026 10:00  Stage: identified → scheduled",  # the clock stood still meanwhile
    ]
    [conversation] = json.loads(run("--db", str(db), "show", "dee", "--json").out)["conversations"]
    assert (conversation["when"], conversation["notes_started"]) == ("2026-11-27T15:00:00", "2026-11-25T10:00:00")


def test_scheduling_the_time_a_conversation_has_already_changes_nothing(run, db: Path) -> None:
    run("--db", str(db), "add", "Dee Doe")
    run("--db", str(db), "schedule", "dee", "fri 3pm")
    run("--db", str(db), "note", "dee", "notes")  # a second save, so that there is a backup to compare
    backup = db.with_name(db.name + ".bak")
    before, backup_before = db.read_bytes(), backup.read_bytes()
    for argv in (["fri 3pm"], ["2026-11-27 15:00", "--minutes", "20", "--mode", "video"], ["fri 3-3:20pm"]):
        result = run("--db", str(db), "schedule", "dee", *argv)
        assert (result.code, result.err) == (0, ""), argv
        assert result.out == (
            "Nothing changed: the conversation with Dee Doe is already planned for "
            "Fri 27 Nov 2026 at 15:00 (20 minutes, video).\n"
        ), argv
        assert (db.read_bytes(), backup.read_bytes()) == (before, backup_before), argv
    # The same time with another length is a change.
    longer = run("--db", str(db), "schedule", "dee", "fri 3pm", "--minutes", "30")
    assert longer.out == (
        "Changed the conversation with Dee Doe planned for Fri 27 Nov 2026 at 15:00, still at that time: now 30 minutes.\n"
    )
    assert db.read_bytes() != before


def test_cancelling_notes_with_no_time_agreed_speaks_of_the_day_they_were_begun(run, db: Path) -> None:
    run("--db", str(db), "add", "Dee Doe")
    run("--db", str(db), "note", "dee", "notes")
    result = run("--db", str(db), "cancel", "dee")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Cancelled the conversation with Dee Doe whose notes were started Wed 25 Nov 2026 (no time agreed).\n"
    )


def test_a_conversation_with_a_time_is_still_cancelled_by_its_time(run, db: Path) -> None:
    run("--db", str(db), "add", "Dee Doe")
    run("--db", str(db), "schedule", "dee", "fri 3pm")
    assert run("--db", str(db), "cancel", "dee").out == (
        "Cancelled the conversation with Dee Doe planned for Fri 27 Nov 2026 at 15:00.\n"
    )


def test_notes_held_at_another_time_speak_of_the_day_they_were_begun(run, db: Path, open_store) -> None:
    run("--db", str(db), "add", "Dee Doe")
    with open_store() as store:
        dee = store.find_contact("Dee Doe")
        store.add_interview(Interview(contact_id=dee.id, when=datetime(2026, 11, 24, 16, 0), scheduled=False, notes="notes"))
    result = run("--db", str(db), "done", "dee", "--when", "today 9am")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Held: the conversation with Dee Doe whose notes were started Tue 24 Nov 2026 (no time agreed), "
        "on Wed 25 Nov 2026 at 09:00; a thank-you is queued.\n"
    )


def test_show_keeps_saying_when_the_notes_were_begun_once_they_are_cancelled_or_held(run, db: Path) -> None:
    run("--db", str(db), "add", "Dee Doe")
    run("--db", str(db), "note", "dee", "Read up on service design.")
    assert run("--db", str(db), "cancel", "dee").code == 0
    history = run("--db", str(db), "show", "dee").out.split("History (newest first):\n")[1]
    assert history.splitlines() == [
        "  Wed 25 Nov 2026 10:00  Conversation cancelled (no time agreed)",
        "  Wed 25 Nov 2026 10:00  Notes started",
    ]
    run("--db", str(db), "add", "Sam Sample")
    run("--db", str(db), "note", "sam", "Ask about research.")
    assert run("--db", str(db), "done", "sam", "--when", "yesterday 3pm").code == 0
    history = run("--db", str(db), "show", "sam").out.split("History (newest first):\n")[1]
    assert history.splitlines() == [
        "  Wed 25 Nov 2026 10:00  Notes started",
        "  Wed 25 Nov 2026 10:00  Stage: identified → interviewed",
        "  Tue 24 Nov 2026 15:00  Conversation held",
    ]
