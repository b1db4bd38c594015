"""`interview-tui add` and `edit` set a keep-in-touch cadence with --cadence, read as the contact
form's Keep in touch box reads it, with the same refusals; `off` turns it off, and an empty one
goes back to the relationship's own. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

from pathlib import Path

import pytest


def cadence_line(run, db: Path) -> str | None:  # type: ignore[no-untyped-def]
    lines = run("--db", str(db), "show", "Alex").out.splitlines()
    return next((line for line in lines if line.startswith("  Keep in touch:")), None)


def test_add_sets_a_cadence(run, db: Path) -> None:
    added = run("--db", str(db), "add", "Alex Example", "--cadence", "6w / 3mo")
    assert (added.code, added.out, added.err) == (0, "Added Alex Example (id 1).\n", "")
    assert cadence_line(run, db) == "  Keep in touch: every 6 weeks, at most 90 days"


def test_edit_sets_turns_off_and_clears_a_cadence(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example", "--relationship", "friend")
    assert run("--db", str(db), "edit", "Alex", "--cadence", "quarterly").out == "Saved Alex Example.\n"
    assert cadence_line(run, db) == "  Keep in touch: every 90 days, at most 180 days"
    assert run("--db", str(db), "edit", "Alex", "--cadence", "off").code == 0
    assert cadence_line(run, db) == "  Keep in touch: off"
    assert run("--db", str(db), "edit", "Alex", "--cadence", "").code == 0
    assert cadence_line(run, db) is None  # the relationship's own again


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("biweekly", "Could not read 'biweekly' as a cadence: 'biweekly' can mean every two weeks or twice a week. "
                     "Write 'fortnightly' or 'every 2 weeks' for every two weeks."),
        ("every 2 fortnights", "Could not read 'every 2 fortnights' as a cadence. "
                               "Write it like '6w', 'every 6 weeks, at most 3 months', '6w / 3mo', or 'off'."),
        ("6w / 5w", "The maximum (5 weeks) is shorter than the ideal interval (6 weeks)."),
        ("11y", "A cadence is between a day and ten years."),
    ],
)
def test_a_cadence_that_cannot_be_read_is_refused_and_changes_nothing(run, db: Path, typed: str, said: str) -> None:
    run("--db", str(db), "add", "Alex Example", "--cadence", "6w")
    before = db.read_bytes()
    edited = run("--db", str(db), "edit", "Alex", "--cadence", typed)
    assert (edited.code, edited.out, edited.err) == (1, "", f"interview-tui: {said}\n")
    added = run("--db", str(db), "add", "Sam Sample", "--cadence", typed)
    assert (added.code, added.out, added.err) == (1, "", f"interview-tui: {said}\n")
    assert db.read_bytes() == before
