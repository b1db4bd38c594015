"""`interview-tui show NAME` says what the app knows of the person beyond their history: the
follow-ups still open for them (the check-in their cadence asks for included), soonest first, and
their keep-in-touch cadence, set on them or their relationship's default (said to be the default),
as the app's notes heading says it. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core import workflow
from interview_tui.core.models import Touch, TouchKind


def set_cadence(open_store, typed: str) -> None:  # type: ignore[no-untyped-def]
    """The cadence as the contact form's Keep in touch box takes it."""
    with open_store() as store:
        contact = store.find_contact("Alex Example")
        edited = workflow.contact_from_fields(store, {"cadence": typed}, contact)
        with store.change("Edited"):
            store.update_contact(edited)


def test_show_lists_the_open_follow_ups_soonest_first_with_their_ids(run, db: Path, open_store) -> None:
    run("--db", str(db), "add", "Alex Example")
    run("--db", str(db), "followup", "Alex", "fri 10am")
    run("--db", str(db), "followup", "Alex", "tomorrow 9am", "--note", "send the link", "--repeat", "every 3 weeks")
    run("--db", str(db), "followup", "Alex", "tomorrow", "--note", "already sent")
    assert run("--db", str(db), "done", "--followup", "3").code == 0
    with open_store() as store:
        alex = store.find_contact("Alex Example")
        store.add_touch(Touch(contact_id=alex.id, kind=TouchKind.UPDATED, at=datetime(2026, 11, 20, 12, 0)))
    set_cadence(open_store, "every 2 weeks")

    result = run("--db", str(db), "show", "Alex")

    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    start = lines.index("Open follow-ups (soonest first):")
    assert lines[start : start + 4] == [
        "Open follow-ups (soonest first):",
        "  Thu 26 Nov 2026 09:00  custom (id 2): send the link (repeats every 3 weeks)",
        "  Fri 27 Nov 2026 10:00  custom (id 1)",
        "  Fri 04 Dec 2026 09:00  check in: keep in touch every 2 weeks",
    ]
    assert lines[start + 4] == "History (newest first):"
    assert "already sent" in result.out  # in the history, as done; not among the open ones
    assert "(id 3)" not in result.out


def test_show_json_gives_the_open_follow_ups(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example")
    run("--db", str(db), "followup", "Alex", "tomorrow 9am", "--note", "send the link", "--repeat", "weekly")
    shown = json.loads(run("--db", str(db), "show", "Alex", "--json").out)
    [followup] = shown["followups"]
    assert (followup["id"], followup["due"], followup["note"], followup["recurrence"]) == (
        1,
        "2026-11-26T09:00:00",
        "send the link",
        "FREQ=WEEKLY",
    )


def test_someone_with_nothing_open_is_shown_as_before(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example", "--company", "Northwind Labs")
    assert run("--db", str(db), "show", "Alex").out == (
        "Alex Example\n  Company / role: Northwind Labs\n  Stage: identified\n  Relationship: cold\nNo history yet.\n"
    )
    assert json.loads(run("--db", str(db), "show", "Alex", "--json").out)["followups"] == []


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("6w / 3mo", "  Keep in touch: every 6 weeks, at most 90 days"),
        ("every 30 days", "  Keep in touch: every 30 days, at most 60 days"),
        ("weekly", "  Keep in touch: every week, at most 2 weeks"),
        ("every 10 days", "  Keep in touch: every 10 days, at most 20 days"),
        ("off", "  Keep in touch: off"),
    ],
)
def test_show_says_a_cadence_set_on_the_person(run, db: Path, open_store, typed: str, said: str) -> None:
    run("--db", str(db), "add", "Alex Example", "--relationship", "friend")
    set_cadence(open_store, typed)
    lines = run("--db", str(db), "show", "Alex").out.splitlines()
    assert lines[1:4] == ["  Stage: identified", "  Relationship: friend", said]


def test_a_cadence_set_on_someone_who_declined_is_said_to_be_paused(run, db: Path, open_store) -> None:
    # No check-in comes of it while they stand at declined, and the app's heading does not say
    # it: show said it as if it were kept.
    run("--db", str(db), "add", "Alex Example", "--relationship", "friend", "--cadence", "every 6 weeks")
    with open_store() as store:
        workflow.log_reply(store, store.find_contact("Alex Example").id, declined=True)
    lines = run("--db", str(db), "show", "Alex").out.splitlines()
    assert lines[1:4] == [
        "  Stage: declined",
        "  Relationship: friend",
        "  Keep in touch: every 6 weeks, at most 12 weeks (paused while declined)",
    ]
    assert json.loads(run("--db", str(db), "show", "Alex", "--json").out)["cadence_in_effect"] is None


def test_the_relationship_s_own_cadence_is_not_said_as_if_set(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example", "--relationship", "family")
    assert "Keep in touch" not in run("--db", str(db), "show", "Alex").out


@pytest.mark.parametrize(
    ("relationship", "said"),
    [
        ("alumni", "  Keep in touch: every 90 days, at most 180 days (the default for alumni contacts)"),
        ("family", "  Keep in touch: every 30 days, at most 90 days (the default for family contacts)"),
    ],
)
def test_the_relationship_s_cadence_is_said_as_the_default_once_it_applies(
    run, db: Path, relationship: str, said: str
) -> None:
    # Once talked to, the person is kept in touch with by their relationship's default: the
    # app's notes heading said so ("keep in touch every 90 days, at most 180 days") and show
    # said nothing, even after the cadence set on them was cleared.
    run("--db", str(db), "add", "Alex Example", "--relationship", relationship, "--cadence", "6w")
    run("--db", str(db), "schedule", "Alex", "fri 3pm")
    assert run("--db", str(db), "done", "Alex").code == 0
    assert run("--db", str(db), "edit", "Alex", "--cadence", "").code == 0
    lines = run("--db", str(db), "show", "Alex").out.splitlines()
    assert lines[1:4] == ["  Stage: interviewed", f"  Relationship: {relationship}", said]


def test_a_repeating_follow_up_with_no_note_says_how_it_repeats_after_a_comma(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example")
    run("--db", str(db), "followup", "Alex", "tomorrow 9am", "--repeat", "monthly")
    run("--db", str(db), "followup", "Alex", "fri 10am", "--note", "call", "--repeat", "weekly")
    run("--db", str(db), "followup", "Alex", "fri 11am", "--repeat", "FREQ=WEEKLY;BYDAY=MO,TH")
    lines = run("--db", str(db), "show", "Alex").out.splitlines()
    start = lines.index("Open follow-ups (soonest first):")
    assert lines[start + 1 : start + 4] == [
        "  Thu 26 Nov 2026 09:00  custom (id 1), repeats monthly",
        "  Fri 27 Nov 2026 10:00  custom (id 2): call (repeats weekly)",
        # On the first of its days from the date given, and said in words.
        "  Mon 30 Nov 2026 11:00  custom (id 3), repeats every Monday and Thursday",
    ]


def test_show_json_gives_the_relationship_s_default_as_the_cadence_in_effect(run, db: Path) -> None:
    # The JSON said only the cadence stored on the person, null for the default that the app and
    # plain show say: "every 90 days, at most 180 days (the default for alumni contacts)".
    run("--db", str(db), "add", "Alex Example", "--relationship", "alumni")
    run("--db", str(db), "schedule", "Alex", "fri 3pm")
    assert run("--db", str(db), "done", "Alex").code == 0
    shown = json.loads(run("--db", str(db), "show", "Alex", "--json").out)
    assert (shown["cadence_days"], shown["cadence_max_days"]) == (None, None)  # as stored, for scripts
    assert shown["cadence_in_effect"] == {"ideal_days": 90, "max_days": 180, "default": True}


@pytest.mark.parametrize(
    ("typed", "in_effect"),
    [
        ("6w / 3mo", {"ideal_days": 42, "max_days": 90, "default": False}),
        ("every 30 days", {"ideal_days": 30, "max_days": 60, "default": False}),  # the maximum not stored
        ("off", None),
    ],
)
def test_show_json_gives_a_cadence_set_on_the_person_as_the_one_in_effect(
    run, db: Path, open_store, typed: str, in_effect: dict[str, object] | None
) -> None:
    run("--db", str(db), "add", "Alex Example", "--relationship", "friend")
    set_cadence(open_store, typed)
    assert json.loads(run("--db", str(db), "show", "Alex", "--json").out)["cadence_in_effect"] == in_effect


def test_show_json_gives_no_cadence_in_effect_before_the_default_applies(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex Example", "--relationship", "family")
    assert json.loads(run("--db", str(db), "show", "Alex", "--json").out)["cadence_in_effect"] is None
