"""A date typed on the command line reads as its field wants: when a conversation was held takes a
range as its length and offers moments gone by as examples; a follow-up's due date is one moment.
Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core.dates import parse_when
from interview_tui.core.models import InterviewStatus

from .conftest import NOW


def test_a_range_for_when_it_was_held_sets_its_length_and_says_so(run, db: Path, open_store) -> None:
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "schedule", "Alex", "fri 3pm").code == 0
    held = run("--db", str(db), "done", "Alex", "--when", "yesterday 4pm-5pm")
    assert held.code == 0, held.err
    assert "on Tue 24 Nov 2026 at 16:00 for 60 minutes;" in held.out
    with open_store() as store:
        [done] = store.interviews(store.find_contact("Alex").id)
        assert (done.status, done.when.hour, done.minutes) == (InterviewStatus.DONE, 16, 60)


def test_a_word_refused_for_when_it_was_held_offers_moments_gone_by(run, db: Path, open_store) -> None:
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "schedule", "Alex", "fri 3pm").code == 0
    refused = run("--db", str(db), "done", "Alex", "--when", "sent card again")
    assert refused.code != 0
    offered = re.findall(r"'([^']+)'", refused.err.split("Try", 1)[1])
    assert offered and all(parse_when(example, NOW) < NOW for example in offered), refused.err
    with open_store() as store:
        [planned] = store.interviews(store.find_contact("Alex").id)
        assert planned.status is InterviewStatus.PLANNED


def test_a_follow_up_due_over_a_range_is_refused_and_none_is_added(run, db: Path, open_store) -> None:
    assert run("--db", str(db), "add", "Alex Example").code == 0
    refused = run("--db", str(db), "followup", "Alex", "tomorrow 3pm-4pm")
    assert refused.code != 0
    assert "a follow-up is due at one moment; type 'tomorrow 3pm'." in refused.err
    assert "Traceback" not in refused.err
    with open_store() as store:
        assert store.followups() == []


@pytest.mark.parametrize(
    ("command", "when", "field"),
    [
        (("schedule", "Alex"), "tomorrow 3 pm- 4", ""),
        (("schedule", "Alex"), "3 pm- 4 pm", ""),
        (("done", "Alex", "--when"), "yesterday 3 pm- 4 pm", "--when: "),
    ],
)
def test_a_range_with_its_pm_apart_and_a_space_after_its_dash_is_told_how_to_space_the_dash(
    run, db: Path, command: tuple[str, ...], when: str, field: str
) -> None:
    """As "3pm- 4pm" is, where it said '3' alone could be a time or a day, though it had its pm."""
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "schedule", "Alex", "fri 3pm").code == 0
    before = db.read_bytes()
    refused = run("--db", str(db), *command, when)
    assert refused.code != 0
    assert refused.err.strip() == (
        f"interview-tui: {field}Could not read '{when}': '3 pm-': a dash between two times takes a space on both "
        "sides or on neither, as in '3pm-4pm' or '3pm - 4pm'."
    )
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("when", "message"),
    [
        # done has no --minutes: what can be typed is the start alone, which keeps the length planned.
        (
            "2026-10-25 1:30am-3:30am",
            "01:30-03:30 on Sun 25 Oct 2026 is 180 minutes, not 120: the clocks go back that night "
            "(daylight saving). Type its start alone; it keeps the length it was planned for.",
        ),
        (
            "2026-03-29 1:30am-2:30am",
            "01:30-02:30 on Sun 29 Mar 2026 ends at a time that does not exist here: the clocks go forward "
            "that night (daylight saving). Type its start alone; it keeps the length it was planned for.",
        ),
        (
            "2026-03-29 2:30am",
            "02:30 on Sun 29 Mar 2026 does not exist here: the clocks go forward that night "
            "(daylight saving). Choose another time, such as 03:30.",
        ),
    ],
)
def test_when_it_was_held_gets_the_checks_of_the_night_the_clocks_change(
    run, db: Path, open_store, berlin: None, when: str, message: str
) -> None:
    """As scheduling does: a range across the change is refused saying how long it really was, one
    ending in the hour the clocks skip or a time in it offers one that exists; nothing is marked."""
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "schedule", "Alex", "fri 3pm").code == 0
    refused = run("--db", str(db), "done", "Alex", "--when", when)
    assert refused.code != 0
    assert message in refused.err
    assert "Traceback" not in refused.err
    with open_store() as store:
        [planned] = store.interviews(store.find_contact("Alex").id)
        assert planned.status is InterviewStatus.PLANNED


def test_a_range_held_across_the_change_says_what_done_can_be_given_and_that_is_read(
    run, db: Path, open_store, berlin: None
) -> None:
    """'with 120 minutes as its length' asked for a length done has no option for; the start alone,
    as it says now, is marked held for the length planned."""
    assert run("--db", str(db), "add", "Alex Example").code == 0
    assert run("--db", str(db), "schedule", "Alex", "fri 3pm").code == 0
    assert "--minutes" not in run("--db", str(db), "done", "--help").out
    refused = run("--db", str(db), "done", "Alex", "--when", "2026-10-25 2am-3am")
    assert refused.err.strip() == (
        "interview-tui: 02:00-03:00 on Sun 25 Oct 2026 is 120 minutes, not 60: the clocks go back that night "
        "(daylight saving). Type its start alone; it keeps the length it was planned for."
    )
    held = run("--db", str(db), "done", "Alex", "--when", "2026-10-25 2am")
    assert held.code == 0, held.err
    with open_store() as store:
        [done] = store.interviews(store.find_contact("Alex").id)
        assert (done.status, done.when, done.minutes) == (InterviewStatus.DONE, datetime(2026, 10, 25, 2, 0), 20)
    # Where a length can be typed beside the date, the advice is to type it there.
    scheduled = run("--db", str(db), "schedule", "Alex", "2027-10-31 2am-3am")
    assert "Type its start alone, with 120 minutes as its length." in scheduled.err
    assert run("--db", str(db), "schedule", "Alex", "2027-10-31 2am", "--minutes", "120").code == 0


def test_a_follow_up_due_at_a_time_the_clocks_skip_is_refused_and_none_is_added(
    run, db: Path, open_store, berlin: None
) -> None:
    """In the words the follow-up form's preview and saving use (the clocks go forward at 02:00 on
    Sun 28 Mar 2027 in Berlin); the time past the jump is taken."""
    assert run("--db", str(db), "add", "Alex Example").code == 0
    before = db.read_bytes()
    refused = run("--db", str(db), "followup", "Alex", "2027-03-28 2:30am")
    assert refused.code != 0
    assert refused.err.strip() == (
        "interview-tui: 02:30 on Sun 28 Mar 2027 does not exist here: the clocks go forward that night "
        "(daylight saving). Choose another time, such as 03:30."
    )
    assert db.read_bytes() == before
    assert run("--db", str(db), "followup", "Alex", "2027-03-28 3:30am").code == 0
    with open_store() as store:
        assert [followup.due.hour for followup in store.followups()] == [3]
