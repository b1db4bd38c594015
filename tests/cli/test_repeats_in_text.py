"""The text of `agenda` and `due` says how a follow-up repeats, in the words the app uses
("weekly", "every 3 weeks"), at the end of its line; a follow-up that happens once keeps its line
exactly as before. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

import json
from pathlib import Path


def seed(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    run("--db", str(db), "add", "Kim Kaur")
    run("--db", str(db), "followup", "Kim", "tomorrow 9am", "--note", "send the link", "--repeat", "every 3 weeks")
    run("--db", str(db), "followup", "Kim", "tomorrow 2pm", "--repeat", "weekly")
    run("--db", str(db), "followup", "Kim", "fri 10am", "--note", "call")


def test_the_agenda_says_how_each_repeating_follow_up_repeats(run, db: Path) -> None:
    seed(run, db)
    result = run("--db", str(db), "agenda")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [
        "Thu 26 Nov",
        "  09:00  Kim Kaur  custom: send the link (repeats every 3 weeks)",
        "  14:00  Kim Kaur  custom (repeats weekly)",
        "Fri 27 Nov",
        "  10:00  Kim Kaur  custom: call",
    ]
    items = json.loads(run("--db", str(db), "agenda", "--json").out)
    assert [item["repeat"] for item in items] == ["FREQ=WEEKLY;INTERVAL=3", "FREQ=WEEKLY", ""]


def test_due_says_how_each_repeating_follow_up_repeats_in_its_note(run, db: Path) -> None:
    seed(run, db)
    result = run("--db", str(db), "due", "--within", "2")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [
        "DUE        CONTACT   KIND    NOTE",
        "tomorrow   Kim Kaur  custom  send the link (repeats every 3 weeks)",
        "tomorrow   Kim Kaur  custom  (repeats weekly)",
        "in 2 days  Kim Kaur  custom  call",
    ]


def test_a_rule_the_app_cannot_put_in_words_still_says_it_repeats(run, db: Path, open_store) -> None:
    run("--db", str(db), "add", "Kim Kaur")
    # Every day of the year's 48th week (23 to 29 November 2026).
    run("--db", str(db), "followup", "Kim", "tomorrow 9am", "--note", "call", "--repeat", "FREQ=YEARLY;BYWEEKNO=48")
    assert run("--db", str(db), "agenda").out.splitlines()[1] == (
        "  09:00  Kim Kaur  custom: call (repeats by the rule FREQ=YEARLY;BYWEEKNO=48)"
    )
    assert run("--db", str(db), "due", "--within", "1").out.splitlines()[1].endswith(
        "  call (repeats by the rule FREQ=YEARLY;BYWEEKNO=48)"
    )
    run("--db", str(db), "followup", "Kim", "today 9am", "--repeat", "FREQ=MONTHLY;BYMONTHDAY=1,25;BYSETPOS=-1")
    assert run("--db", str(db), "due").out.splitlines()[1].endswith(
        "  (repeats by the rule FREQ=MONTHLY;BYMONTHDAY=1,25;BYSETPOS=-1)"
    )
    with open_store() as store:
        followup = store.followup(1)
    assert followup.recurrence == "FREQ=YEARLY;BYWEEKNO=48"  # kept as given, though not put in words


def test_adding_a_follow_up_by_a_rule_not_put_in_words_says_the_rule(run, db: Path) -> None:
    run("--db", str(db), "add", "Kim Kaur")
    added = run("--db", str(db), "followup", "Kim", "fri", "--repeat", "FREQ=YEARLY;BYWEEKNO=48")
    assert added.out == (
        "Follow-up for Kim Kaur due Fri 27 Nov 2026 09:00, repeating by the rule FREQ=YEARLY;BYWEEKNO=48 (id 1).\n"
    )


def test_a_pasted_rule_is_said_in_words_and_its_first_date_falls_on_its_days(run, db: Path) -> None:
    run("--db", str(db), "add", "Kim Kaur")
    added = run("--db", str(db), "followup", "Kim", "fri", "--note", "call", "--repeat", "FREQ=WEEKLY;BYDAY=MO,TH")
    assert added.out == (
        "Follow-up for Kim Kaur due Mon 30 Nov 2026 09:00, repeating every Monday and Thursday (id 1). "
        "Fri 27 Nov is not one of the days it repeats on, so the first is Mon 30 Nov.\n"
    )
    kept = run("--db", str(db), "followup", "Kim", "tomorrow", "--repeat", "every thursday")
    assert kept.out == "Follow-up for Kim Kaur due Thu 26 Nov 2026 09:00, repeating every Thursday (id 2).\n"
    assert run("--db", str(db), "agenda").out.splitlines() == [
        "Thu 26 Nov",
        "  09:00  Kim Kaur  custom (repeats every Thursday)",
        "Mon 30 Nov",
        "  09:00  Kim Kaur  custom: call (repeats every Monday and Thursday)",
    ]


def test_a_repeat_of_twice_a_week_is_refused_with_a_rule_to_write_and_adds_nothing(run, db: Path) -> None:
    run("--db", str(db), "add", "Kim Kaur")
    before = db.read_bytes()
    result = run("--db", str(db), "followup", "Kim", "tomorrow 9am", "--repeat", "twice a week")
    assert result.code != 0
    assert "for twice a week, write a rule such as 'FREQ=WEEKLY;BYDAY=MO,TH' (on Mondays and Thursdays)." in result.err
    assert db.read_bytes() == before
