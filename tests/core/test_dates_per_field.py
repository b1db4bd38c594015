"""A date field reads what suits it: a follow-up's due date and a snooze are one moment, so a range
typed there is refused with its start offered, and a field that wants a moment gone by offers
examples that are ones. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from interview_tui.core import dates, queue, workflow
from interview_tui.core.dates import DateParseError, parse_slot, parse_when
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact

NOW = datetime(2026, 11, 25, 10, 0)
QUOTED = re.compile(r"'([^']+)'")


@pytest.mark.parametrize(
    ("typed", "start_alone"),
    [
        ("tomorrow 3pm-4pm", "tomorrow 3pm"),
        ("tomorrow 2-2:30pm", "tomorrow 2pm"),
        ("fri 3 pm - 4 pm", "fri 3pm"),
        ("14h-15h tomorrow", "14:00 tomorrow"),
        ("14:00-14:30 fri", "14:00 fri"),
        ("fri noon-1", "fri noon"),
    ],
)
def test_a_range_where_one_moment_is_wanted_is_refused_offering_its_start(typed: str, start_alone: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(typed, NOW, ahead=True, one_moment=dates.DUE_AT_ONE_MOMENT)
    assert str(refused.value) == (
        f"'{typed}' is a range of times, and a follow-up is due at one moment; type '{start_alone}'."
    )
    # What it offers reads, as the start of the range typed.
    assert parse_when(start_alone, NOW, ahead=True, one_moment=dates.DUE_AT_ONE_MOMENT) == parse_slot(typed, NOW, ahead=True)[0]


def test_snoozing_to_a_range_is_refused_and_changes_nothing(store) -> None:
    contact = store.add_contact(Contact(name="Alex Example"))
    followup = workflow.add_followup(store, contact.id, "fri")
    with pytest.raises(InvalidInput) as refused:
        queue.snooze(store, followup, "tomorrow 3pm-4pm")
    assert refused.value.field == "when"
    assert str(refused.value) == "'tomorrow 3pm-4pm' is a range of times, and a follow-up is due at one moment; type 'tomorrow 3pm'."
    assert store.followup(followup.id).due == datetime(2026, 11, 27, 9, 0)


def test_a_follow_up_due_over_a_range_is_refused_at_its_due_field(store) -> None:
    contact = store.add_contact(Contact(name="Alex Example"))
    with pytest.raises(InvalidInput) as refused:
        workflow.add_followup(store, contact.id, "tomorrow 3pm-4pm")
    assert refused.value.field == "due"
    assert "type 'tomorrow 3pm'" in str(refused.value)
    assert store.followups() == []


@pytest.mark.parametrize("typed", ["sent card again", "", "blorp yesterday", "x" * 101])
def test_where_a_moment_gone_by_is_wanted_every_example_offered_is_one(typed: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(typed, NOW, past=True)
    message = str(refused.value)
    examples = [e for e in QUOTED.findall(message) if e not in (typed, typed.split()[0] if typed else "")]
    assert len(examples) >= 2, message
    for example in examples:
        assert parse_when(example, NOW) < NOW, (example, message)


def test_a_range_for_when_a_conversation_was_held_gives_its_length() -> None:
    assert parse_slot("yesterday 4pm-5pm", NOW, past=True) == (datetime(2026, 11, 24, 16, 0), 60)
