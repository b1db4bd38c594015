"""Which planned conversations a time overlaps (core/conversations.py, ``overlapping``), and how
a message names them: with anyone, the same person's other planned conversations included; not
the held, the cancelled, the notes started with no time agreed, nor the one being moved; and
two that only touch do not overlap."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from builders import add_contacts, planned_conversation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core import conversations, workflow
from interview_tui.core.models import Contact, Interview, InterviewStatus
from interview_tui.core.store import Store

TUE_3PM = datetime(2026, 12, 1, 15, 0)


def overlapping_ids(store: Store, start: datetime, minutes: int, moving: int | None = None) -> list[int | None]:
    return [i.id for i in conversations.overlapping(store, start, minutes, moving=moving)]


def test_a_time_overlaps_a_conversation_planned_with_someone_else(store) -> None:
    _, sams = planned_conversation(store, "Sam Sample", "tue 3pm")
    assert overlapping_ids(store, TUE_3PM, 20) == [sams.id]
    assert overlapping_ids(store, TUE_3PM + timedelta(minutes=19), 5) == [sams.id]
    assert overlapping_ids(store, TUE_3PM - timedelta(minutes=10), 11) == [sams.id]


def test_two_that_only_touch_do_not_overlap(store) -> None:
    planned_conversation(store, "Sam Sample", "tue 3pm")  # 15:00 to 15:20
    assert overlapping_ids(store, TUE_3PM + timedelta(minutes=20), 20) == []
    assert overlapping_ids(store, TUE_3PM - timedelta(minutes=30), 30) == []


def test_the_same_persons_other_planned_conversation_counts(store) -> None:
    sam, first = planned_conversation(store, "Sam Sample", "tue 3pm")
    second = workflow.schedule_interview(store, sam.id, "tue 3:10pm")
    assert overlapping_ids(store, second.when, second.minutes, moving=second.id) == [first.id]


def test_the_conversation_being_moved_does_not_overlap_itself(store) -> None:
    _, sams = planned_conversation(store, "Sam Sample", "tue 3pm")
    assert overlapping_ids(store, TUE_3PM + timedelta(minutes=10), 20, moving=sams.id) == []


def test_held_cancelled_and_notes_with_no_time_agreed_do_not_count(store) -> None:
    _, held = planned_conversation(store, "Sam Sample", "tue 3pm")
    _, cancelled = planned_conversation(store, "Alex Example", "tue 3pm")
    casey = store.add_contact(Contact(name="Casey Placeholder"))
    store.add_interview(Interview(contact_id=casey.id, when=TUE_3PM, scheduled=False))
    conversations.cancel(store, cancelled.id)
    store.update_interview(Interview(**{**_fields(store.interview(held.id)), "status": InterviewStatus.DONE}))
    assert overlapping_ids(store, TUE_3PM, 20) == []


def test_a_long_conversation_started_hours_before_still_overlaps(store) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    long_one = workflow.schedule_interview(store, sam.id, "tue 8am", minutes=600)  # to 18:00
    assert overlapping_ids(store, TUE_3PM, 20) == [long_one.id]
    assert overlapping_ids(store, datetime(2026, 12, 1, 18, 0), 20) == []


def test_several_are_given_soonest_first(store) -> None:
    _, at_3 = planned_conversation(store, "Sam Sample", "tue 3pm")
    _, at_250 = planned_conversation(store, "Alex Example", "tue 2:50pm")
    _, at_310 = planned_conversation(store, "Casey Placeholder", "tue 3:10pm")
    assert overlapping_ids(store, TUE_3PM, 30) == [at_250.id, at_3.id, at_310.id]


def test_one_is_named_with_its_day_and_its_time_from_start_to_end(store) -> None:
    _, sams = planned_conversation(store, "Sam Sample", "tue 3pm")
    found = conversations.overlapping(store, TUE_3PM, 20)
    assert conversations.overlaps_in_words(store, found) == (
        "your conversation with Sam Sample on Tue 01 Dec 2026 at 15:00–15:20"
    )


@pytest.mark.parametrize(
    ("planned", "asked_at", "said"),
    [
        ("tue 11:30pm-12:15am", datetime(2026, 12, 2, 0, 0), "23:30–00:15 the next day"),
        # As "11pm to midnight" is read: the midnight that ends the day, not a time of the next.
        ("tue 11pm to midnight", datetime(2026, 12, 1, 23, 30), "23:00–00:00"),
    ],
    ids=["past midnight", "ending at midnight"],
)
def test_one_running_past_midnight_says_it_ends_the_next_day(store, planned: str, asked_at: datetime, said: str) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    workflow.schedule_interview(store, sam.id, planned)
    found = conversations.overlapping(store, asked_at, 20)
    assert conversations.overlaps_in_words(store, found) == f"your conversation with Sam Sample on Tue 01 Dec 2026 at {said}"


def test_up_to_three_are_named_and_more_are_counted(store) -> None:
    for name, when in [("Alex Example", "tue 2:50pm"), ("Sam Sample", "tue 3pm")]:
        planned_conversation(store, name, when)
    found = conversations.overlapping(store, TUE_3PM, 20)
    assert conversations.overlaps_in_words(store, found) == (
        "your conversations with Alex Example on Tue 01 Dec 2026 at 14:50–15:10 "
        "and Sam Sample on Tue 01 Dec 2026 at 15:00–15:20"
    )
    planned_conversation(store, "Casey Placeholder", "tue 3:05pm")
    found = conversations.overlapping(store, TUE_3PM, 20)
    assert conversations.overlaps_in_words(store, found) == (
        "your conversations with Alex Example on Tue 01 Dec 2026 at 14:50–15:10, "
        "Sam Sample on Tue 01 Dec 2026 at 15:00–15:20 and Casey Placeholder on Tue 01 Dec 2026 at 15:05–15:25"
    )
    planned_conversation(store, "Jordan Demo", "tue 3:10pm")
    found = conversations.overlapping(store, TUE_3PM, 20)
    assert conversations.overlaps_in_words(store, found) == (
        "your conversations with Alex Example on Tue 01 Dec 2026 at 14:50–15:10, "
        "Sam Sample on Tue 01 Dec 2026 at 15:00–15:20 and 2 more"
    )


def test_a_keystroke_of_the_preview_looks_at_the_conversations_near_the_time_only(store, monkeypatch) -> None:
    """At tens of thousands of conversations the schedule form asks at each key typed: the
    planned ones are kept in order between changes, and only those near the time are looked at."""
    people = add_contacts(store, 50)
    with store.batch():
        for number in range(2000):
            status = InterviewStatus.DONE if number % 2 else InterviewStatus.PLANNED
            when = TUE_3PM + timedelta(hours=number)
            store.add_interview(Interview(contact_id=people[number % 50].id, when=when, status=status))
    conversations.overlapping(store, TUE_3PM, 20)  # the first puts them in order
    workflow.schedule_interview(store, people[0].id, "tue 3:10pm")
    conversations.overlapping(store, TUE_3PM, 20)  # the first after a change keeps their keys too
    workflow.schedule_interview(store, people[1].id, "tue 3:20pm")
    looked_at = 0
    on_calendar = Interview.on_calendar

    def counted(interview: Interview) -> bool:
        nonlocal looked_at
        looked_at += 1
        return on_calendar.fget(interview)  # type: ignore[attr-defined]

    monkeypatch.setattr(Interview, "on_calendar", property(counted))
    found = conversations.overlapping(store, TUE_3PM + timedelta(days=10), 30)
    assert [i.when for i in found] == [TUE_3PM + timedelta(days=10)]
    assert looked_at <= 12  # the one changed since, and those within ten hours before the time


# One step of a session: (what, which conversation by position, a start in 10-minute steps, a length).
steps = st.lists(
    st.tuples(
        st.sampled_from(["schedule", "move", "cancel", "done", "undo"]),
        st.integers(0, 30),
        st.integers(0, 40),
        st.sampled_from([5, 10, 20, 30, 600]),
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(session=steps, start=st.integers(0, 40), minutes=st.sampled_from([1, 10, 20, 45]))
def test_the_answer_is_that_of_looking_at_every_conversation_through_any_changes(
    tmp_path, session: list, start: int, minutes: int
) -> None:
    from builders import open_store

    path = tmp_path / f"w{len(list(tmp_path.iterdir()))}.json"
    with open_store(path) as store:
        people = add_contacts(store, 3)
        conversations.overlapping(store, TUE_3PM, 20)
        for what, which, step, length in session:
            planned = [i for i in store.all_interviews() if i.status is InterviewStatus.PLANNED]
            when = f"{TUE_3PM + timedelta(minutes=10 * step):%Y-%m-%d %H:%M}"
            if what == "schedule" or not planned:
                workflow.schedule_interview(store, people[which % 3].id, when, minutes=length)
            elif what == "move":
                conversations.move(store, planned[which % len(planned)].id, when, minutes=length)
            elif what == "cancel":
                conversations.cancel(store, planned[which % len(planned)].id)
            elif what == "done":
                moment = store.clock() - timedelta(hours=1)
                workflow.mark_done(store, planned[which % len(planned)].id, at=moment)
            elif store.can_undo():
                store.undo()
            begin = TUE_3PM + timedelta(minutes=10 * start)
            every = sorted(store.all_interviews(), key=lambda i: (i.when, i.id))
            expected = [
                i.id
                for i in every
                if i.status is InterviewStatus.PLANNED
                and i.when < begin + timedelta(minutes=minutes)
                and begin < i.when + timedelta(minutes=i.minutes)
            ]
            assert overlapping_ids(store, begin, minutes) == expected


def _fields(record: object) -> dict:
    return {name: getattr(record, name) for name in record.__struct_fields__}  # type: ignore[attr-defined]
