"""Follow-ups and conversations are numbered apart (follow-up 1 and conversation 1 both exist),
and `due --json` and `agenda --json` list them together: each entry has, besides "id", a key
that says whose id it is ("followup_id" or "conversation_id"), so a script that marks follow-ups
done by id cannot take a conversation's. `done --followup ID` says which follow-up it marked.
Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

import json
from pathlib import Path


def a_conversation_and_a_follow_up_of_one_id(run, db: Path) -> None:
    """Alex has conversation 1, planned (and overdue) for Mon 23 Nov 15:00; Sam has follow-up 1,
    due Fri 27 Nov 10:00, and follow-up 2, overdue since Tue 24 Nov 09:00."""
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "add", "Sam Sample").code == 0
    assert run("--db", str(db), "schedule", "Alex", "2026-11-23 15:00").code == 0
    assert run("--db", str(db), "followup", "Sam", "fri 10am", "--note", "send the portfolio").code == 0
    assert run("--db", str(db), "followup", "Sam", "2026-11-24 09:00", "--note", "ask about the team").code == 0


def test_due_json_says_whose_id_each_entry_has(run, db: Path) -> None:
    a_conversation_and_a_follow_up_of_one_id(run, db)
    items = json.loads(run("--db", str(db), "due", "--within", "7", "--json").out)
    assert [(i["kind"], i["id"], i.get("followup_id"), i.get("conversation_id")) for i in items] == [
        ("conversation", 1, None, 1),
        ("custom", 2, 2, None),
        ("custom", 1, 1, None),
    ]
    conversation, *followups = items
    assert "followup_id" not in conversation
    assert all("conversation_id" not in f for f in followups)
    # What a script marking the overdue follow-ups done reads: the conversation is not among them.
    overdue = [i["followup_id"] for i in items if i["overdue"] and "followup_id" in i]
    assert overdue == [2]


def test_a_check_in_the_cadence_asks_for_has_no_followup_id_yet(run, db: Path) -> None:
    assert run("--db", str(db), "add", "Dana Sample", "--cadence", "every 2 days").code == 0
    assert run("--db", str(db), "schedule", "Dana", "10 days ago 11am").code == 0
    assert run("--db", str(db), "done", "Dana").code == 0
    items = json.loads(run("--db", str(db), "due", "--json").out)
    by_kind = {i["kind"]: i for i in items}
    assert by_kind["check_in"]["followup_id"] is None and by_kind["check_in"]["id"] is None
    assert by_kind["thank_you"]["followup_id"] == by_kind["thank_you"]["id"] == 1


def test_agenda_json_says_whose_id_each_entry_has(run, db: Path) -> None:
    a_conversation_and_a_follow_up_of_one_id(run, db)
    items = json.loads(run("--db", str(db), "agenda", "--json").out)
    assert [(i["kind"], i["id"], i.get("followup_id"), i.get("conversation_id")) for i in items] == [
        ("conversation", 1, None, 1),
        ("custom", 2, 2, None),
        ("custom", 1, 1, None),
    ]
    assert "followup_id" not in items[0]
    assert all("conversation_id" not in i for i in items[1:])


def test_done_followup_names_the_follow_up_it_marked(run, db: Path) -> None:
    a_conversation_and_a_follow_up_of_one_id(run, db)
    done = run("--db", str(db), "done", "--followup", "1")
    assert (done.code, done.err) == (0, "")
    assert done.out == (
        "Done: follow-up 1, custom for Sam Sample, due Fri 27 Nov 2026 10:00: send the portfolio.\n"
    )
    # The conversation of the same id is still planned.
    (planned,) = json.loads(run("--db", str(db), "due", "--json").out)[:1]
    assert (planned["kind"], planned["conversation_id"]) == ("conversation", 1)


def test_done_followup_without_a_note_says_its_kind_and_due(run, db: Path) -> None:
    assert run("--db", str(db), "add", "Sam Sample").code == 0
    assert run("--db", str(db), "followup", "Sam", "2026-11-24 09:00").code == 0
    done = run("--db", str(db), "done", "--followup", "1", "--note", "sent.")
    assert done.out == "Done: follow-up 1, custom for Sam Sample, due Tue 24 Nov 2026 09:00.\n"
