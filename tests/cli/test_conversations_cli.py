"""The command line does what the app does with a person: show, edit, schedule (moving the
planned conversation), cancel, done, follow-ups and the agenda. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui.core.models import InterviewStatus, Stage


def setup(run, db: Path) -> None:
    assert run("--db", str(db), "add", "Alex Example", "--company", "Acme").code == 0
    assert run("--db", str(db), "add", "Sam Sample", "--referred-by", "Alex").code == 0


def test_show_lists_details_and_history_newest_first(run, db: Path) -> None:
    setup(run, db)
    run("--db", str(db), "schedule", "Alex", "fri 3pm")
    run("--db", str(db), "touch", "Alex", "Coffee at the meetup")
    result = run("--db", str(db), "show", "alex")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Alex Example"
    assert "  Company / role: Acme" in lines
    history = lines[lines.index("History (newest first):") + 1 :]
    assert history[0].startswith("  Fri 27 Nov 2026 15:00  Conversation planned (20 min, video)")
    assert history[1] == "  Wed 25 Nov 2026 10:00  In touch: Coffee at the meetup"
    shown = json.loads(run("--db", str(db), "show", "Sam", "--json").out)
    assert shown["name"] == "Sam Sample" and shown["referred_by"] == 1 and shown["history"] == []


def test_edit_changes_only_what_is_given_and_reads_notes_from_stdin(run, db: Path, open_store, monkeypatch) -> None:
    import io

    setup(run, db)
    assert run("--db", str(db), "edit", "Alex", "--role", "UX lead", "--name", "Alex Q. Example").code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Met at the meetup\nLikes maps\n"))
    assert run("--db", str(db), "edit", "Alex Q", "--notes", "-").code == 0
    with open_store() as store:
        alex = store.find_contact("Alex Q. Example")
        assert (alex.company, alex.role, alex.notes) == ("Acme", "UX lead", "Met at the meetup\nLikes maps")


def test_schedule_moves_the_planned_conversation_and_another_plans_a_second(run, db: Path, open_store) -> None:
    setup(run, db)
    run("--db", str(db), "schedule", "Alex", "fri 3pm")
    moved = run("--db", str(db), "schedule", "Alex", "mon 11am")
    assert moved.code == 0 and "Moved" in moved.out
    with open_store() as store:
        alex = store.find_contact("Alex")
        assert [i.when.day for i in store.interviews(alex.id)] == [30]
    assert run("--db", str(db), "schedule", "Alex", "tue 11am", "--another").code == 0
    with open_store() as store:
        assert len(store.interviews(store.find_contact("Alex").id)) == 2


def test_cancel_and_done(run, db: Path, open_store) -> None:
    setup(run, db)
    run("--db", str(db), "log-ask" if False else "schedule", "Alex", "fri 3pm")
    assert run("--db", str(db), "cancel", "Alex").code == 0
    with open_store() as store:
        alex = store.find_contact("Alex")
        assert [i.status for i in store.interviews(alex.id)] == [InterviewStatus.CANCELLED]
        assert alex.stage is Stage.IDENTIFIED
    run("--db", str(db), "schedule", "Alex", "fri 3pm", "--another")
    held = run("--db", str(db), "done", "Alex", "--when", "yesterday 4pm", "--note", "Great chat")
    assert held.code == 0, held.err
    with open_store() as store:
        alex = store.find_contact("Alex")
        done = [i for i in store.interviews(alex.id) if i.status is InterviewStatus.DONE]
        assert [i.when.isoformat() for i in done] == ["2026-11-24T16:00:00"]
        assert alex.stage is Stage.INTERVIEWED


def test_a_check_in_before_the_thank_you_leaves_the_stage_at_interviewed(run, db: Path) -> None:
    def stage() -> str:
        return run("--db", str(db), "list").out.splitlines()[1].split("Initech")[1].strip()

    def owed() -> list[tuple[str, str]]:
        return [(d["kind"], d["group"]) for d in json.loads(run("--db", str(db), "due", "--json").out)]

    added = run("--db", str(db), "add", "Dana Sample", "--company", "Initech", "--field", "Finance",
                "--cadence", "every 2 days, at most 5 days")  # fmt: skip
    assert added.code == 0
    assert run("--db", str(db), "schedule", "Dana", "10 days ago 11am").code == 0
    assert run("--db", str(db), "done", "Dana").code == 0
    assert stage() == "interviewed"
    # The check-in the cadence asks for, done (x in the follow-ups pane): a touch, not a thank-you.
    assert run("--db", str(db), "touch", "Dana").code == 0
    assert stage() == "interviewed"
    assert owed() == [("thank_you", "Overdue")]
    # The thank-you, done, moves them on as before.
    assert run("--db", str(db), "done", "--followup", "1").out.strip() == (
        "Done: follow-up 1, thank you for Dana Sample, due Mon 16 Nov 2026 09:00: "
        "Handwritten thank-you note for the conversation of 15 Nov."
    )
    assert stage() == "thanked"


def test_followup_then_done_by_id(run, db: Path) -> None:
    setup(run, db)
    added = run("--db", str(db), "followup", "Sam", "fri 10am", "--note", "send the portfolio")
    assert added.code == 0 and "(id 1)" in added.out
    due = json.loads(run("--db", str(db), "due", "--within", "7", "--json").out)
    assert [(d["contact"], d["note"]) for d in due] == [("Sam Sample", "send the portfolio")]
    assert run("--db", str(db), "done", "--followup", "1", "--note", "sent").code == 0
    assert json.loads(run("--db", str(db), "due", "--within", "7", "--json").out) == []


def test_done_on_a_repeating_follow_up_says_when_it_comes_back_and_its_new_id(run, db: Path) -> None:
    setup(run, db)
    assert run("--db", str(db), "followup", "Sam", "fri 10am", "--repeat", "quarterly").code == 0
    done = run("--db", str(db), "done", "--followup", "1")
    # Due again three months after the day it was done (25 Nov), under an id of its own.
    assert done.out.strip() == (
        "Done: follow-up 1, custom for Sam Sample, due Fri 27 Nov 2026 10:00. It comes back Thu 25 Feb 2027 (id 2)."
    )
    assert run("--db", str(db), "done", "--followup", "2").out.strip() == (
        "Done: follow-up 2, custom for Sam Sample, due Thu 25 Feb 2027 10:00. It comes back Thu 25 Feb 2027 (id 3)."
    )
    run("--db", str(db), "followup", "Sam", "fri 10am")
    assert run("--db", str(db), "done", "--followup", "4").out.strip() == (
        "Done: follow-up 4, custom for Sam Sample, due Fri 27 Nov 2026 10:00."
    )


def test_agenda_by_day_and_as_json(run, db: Path) -> None:
    setup(run, db)
    run("--db", str(db), "schedule", "Alex", "fri 3pm", "--where", "Café")
    run("--db", str(db), "followup", "Sam", "tomorrow 9am", "--note", "link")
    result = run("--db", str(db), "agenda")
    assert result.out.splitlines() == [
        "Thu 26 Nov",
        "  09:00  Sam Sample  custom: link",
        "Fri 27 Nov",
        "  15:00  Alex Example  conversation, 20 min video, Café",
    ]
    items = json.loads(run("--db", str(db), "agenda", "--json").out)
    assert [(i["kind"], i["contact"], i["at"]) for i in items] == [
        ("custom", "Sam Sample", "2026-11-26T09:00:00"),
        ("conversation", "Alex Example", "2026-11-27T15:00:00"),
    ]
    assert {"kind", "contact", "contact_id", "at", "id"} <= items[1].keys()
    assert json.loads(run("--db", str(db), "agenda", "--days", "1", "--json").out) == []


def test_an_edit_that_changes_nothing_says_so_and_writes_nothing(run, db: Path) -> None:
    setup(run, db)
    run("--db", str(db), "edit", "Alex", "--company", "Engines Ltd", "--email", "alex@example.org")
    before = db.read_bytes()
    result = run("--db", str(db), "edit", "Alex", "--company", " Engines Ltd", "--email", "Alex <alex@example.org>")
    assert (result.code, result.out) == (0, "Nothing changed: Alex Example already has those details.\n")
    assert db.read_bytes() == before


def test_agenda_days_of_another_year_say_the_year(run, db: Path) -> None:
    # "Fri 15 Jan" read in November is next January, but said nowhere; a day this year needs none.
    setup(run, db)
    run("--db", str(db), "followup", "Sam", "15 jan 2027", "--note", "send an update")
    run("--db", str(db), "followup", "Alex", "next mon", "--note", "call")
    run("--db", str(db), "followup", "Alex", "20 nov 2025", "--note", "long overdue")
    result = run("--db", str(db), "agenda", "--days", "60")
    assert result.out.splitlines() == [
        "Overdue",
        "  Thu 20 Nov 2025 09:00  Alex Example  custom: long overdue",
        "Mon 30 Nov",
        "  09:00  Alex Example  custom: call",
        "Fri 15 Jan 2027",
        "  09:00  Sam Sample  custom: send an update",
    ]


@pytest.mark.parametrize(
    "argv, said",
    [
        (("cancel", "Alex"), "no planned conversation to cancel"),
        (("done", "Alex"), "no planned conversation"),
        (("done", "--followup", "42"), "No follow-up with id 42"),
        (("edit", "Alex"), "Nothing to change"),
        (("edit", "Alex", "--email", "not an email"), "email"),
        (("followup", "Alex", "someday maybe"), ""),
        (("show", "Nobody"), "No contact named 'Nobody'"),
    ],
)
def test_mistakes_are_one_line_and_change_nothing(run, db: Path, argv, said: str) -> None:
    setup(run, db)
    before = db.read_bytes()
    result = run("--db", str(db), *argv)
    assert result.code == 1, (argv, result.out)
    assert said in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert db.read_bytes() == before


def test_a_bad_days_count_is_a_usage_error(run, db: Path) -> None:
    setup(run, db)
    assert run("--db", str(db), "agenda", "--days", "0").code == 2


def test_due_lists_the_planned_conversations_of_its_window(run, db: Path) -> None:
    setup(run, db)
    run("--db", str(db), "schedule", "Alex", "fri 3pm")
    run("--db", str(db), "followup", "Sam", "today 4pm", "--note", "link")
    assert [d["kind"] for d in json.loads(run("--db", str(db), "due", "--json").out)] == ["custom"]
    items = json.loads(run("--db", str(db), "due", "--within", "7", "--json").out)
    assert [(d["kind"], d["contact"], d["due"]) for d in items] == [
        ("custom", "Sam Sample", "2026-11-25T16:00:00"),
        ("conversation", "Alex Example", "2026-11-27T15:00:00"),
    ]
    table = run("--db", str(db), "due", "--within", "7").out
    assert "conversation" in table and "15:00, 20 min video" in table


def test_show_json_gives_every_conversation_whole(run, db: Path) -> None:
    setup(run, db)
    run("--db", str(db), "note", "Alex", "Start with a portfolio.")
    shown = json.loads(run("--db", str(db), "show", "Alex", "--json").out)
    [conversation] = shown["conversations"]
    assert conversation["notes"] == "Start with a portfolio."
    assert "answers" in conversation and conversation["questions"]


def test_two_contacts_with_one_name_are_reached_by_id(run, db: Path) -> None:
    setup(run, db)
    assert run("--db", str(db), "add", "Alex Example", "--company", "Other", "--another").code == 0
    both = run("--db", str(db), "show", "Alex Example")
    assert both.code == 1 and "id:1 (Acme)" in both.err and "id:3 (Other)" in both.err and "id:N" in both.err
    one = run("--db", str(db), "show", "id:3")
    assert one.code == 0 and "Company / role: Other" in one.out
    assert run("--db", str(db), "show", "id:99").code == 1


def test_show_keeps_the_lines_of_an_address_and_notes(run, db: Path) -> None:
    setup(run, db)
    run("--db", str(db), "edit", "Alex", "--address", "1 Main St\nSpringfield", "--notes", "a\nb")
    out = run("--db", str(db), "show", "Alex").out
    assert "  Address:\n    1 Main St\n    Springfield\n" in out
    assert "  Notes:\n    a\n    b\n" in out


def test_scheduling_a_time_that_has_passed_says_so(run, db: Path) -> None:
    setup(run, db)
    result = run("--db", str(db), "schedule", "Alex", "yesterday 3pm")
    assert result.code == 0
    assert "that time has passed" in result.err and "interview-tui done 'Alex Example'" in result.err
    assert "passed" not in run("--db", str(db), "schedule", "Sam", "fri 3pm").err


def test_show_lists_what_happened_in_one_second_the_last_recorded_first(run, db: Path) -> None:
    # The clock stands still: every step below is logged in the same second. The stages were
    # listed in the order they were reached, under "newest first".
    setup(run, db)
    run("--db", str(db), "touch", "Alex", "A first message")
    run("--db", str(db), "touch", "Alex", "A second message")
    run("--db", str(db), "schedule", "Alex", "today 9am")
    assert run("--db", str(db), "done", "Alex").code == 0
    lines = run("--db", str(db), "show", "Alex").out.splitlines()
    assert lines[lines.index("History (newest first):") + 1 :] == [
        "  Wed 25 Nov 2026 10:00  In touch: A second message",
        "  Wed 25 Nov 2026 10:00  In touch: A first message",
        "  Wed 25 Nov 2026 10:00  Stage: scheduled → interviewed",
        "  Wed 25 Nov 2026 10:00  Stage: identified → scheduled",
        "  Wed 25 Nov 2026 09:00  Conversation held (20 min, video)",
    ]
    history = json.loads(run("--db", str(db), "show", "Alex", "--json").out)["history"]
    assert [entry["what"] for entry in history if entry["kind"] == "change"] == [
        "Stage: scheduled → interviewed",
        "Stage: identified → scheduled",
    ]
