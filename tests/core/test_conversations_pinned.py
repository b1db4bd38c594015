"""A conversation's life pinned: what undo calls each change, which field a refusal points at,
the edges of the agenda (its last day, ties, what comes first and is left out), and which
planned conversation is "the next"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from builders import NOW

from interview_tui.core import conversations
from interview_tui.core.conversations import AgendaItem
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Interview, InterviewMode, InterviewStatus
from interview_tui.core.store import Store

DAY = timedelta(days=1)


@pytest.fixture
def alex(store: Store) -> Contact:
    return store.add_contact(Contact(name="Alex Example"))


def plan(store: Store, contact: Contact, when: datetime, **fields) -> Interview:
    return store.add_interview(Interview(contact_id=contact.id, when=when, **fields))


def undone_label(store: Store) -> str:
    return store.describe(store.undo())


# Moving -----------------------------------------------------------------------------------------


def test_a_move_is_named_for_undo_and_counted_only_when_the_time_changes(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, datetime(2026, 11, 27, 15, 0))
    same = conversations.move(store, interview.id, "fri 3pm")
    assert same.sequence == 0
    moved = conversations.move(store, interview.id, "mon 9am")
    assert moved.sequence == 1
    assert conversations.move(store, interview.id, "tue 9am").sequence == 2
    assert undone_label(store) == "Conversation with Alex Example moved to Tue 01 Dec 09:00"


def test_a_new_length_way_or_place_at_the_same_time_is_named_for_undo_as_what_changed(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, datetime(2026, 11, 27, 15, 0))
    conversations.move(store, interview.id, "fri 3pm", minutes=45, mode=InterviewMode.PHONE)
    assert undone_label(store) == "Conversation with Alex Example changed to 45 minutes, phone"


def test_a_move_to_this_very_minute_is_allowed(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, datetime(2026, 11, 27, 15, 0))
    assert conversations.move(store, interview.id, "today 10:00").when == NOW


@pytest.mark.parametrize(
    ("when", "kwargs", "field", "message"),
    [
        ("yesterday 3pm", {}, "when", "Tue 24 Nov 2026 15:00 has passed; move it to a time to come."),
        ("tomorrow", {}, "when", "time"),  # a conversation needs a time
        ("blah", {}, "when", "blah"),
        ("mon 2-2:45pm", {"minutes": 30}, "minutes",
         "The time is 45 minutes but the length says 30; change one of them."),
        # A range no conversation can last is what is wrong, not the length given beside it.
        ("mon 8am-7pm", {"minutes": 45}, "when", "'mon 8am-7pm' is 660 minutes; a conversation lasts between 1 and 600."),
        ("mon 3pm", {"where": "x" * 501}, "where", "Where is 501 characters long"),
    ],
)
def test_why_a_move_is_refused_and_the_field_it_points_at(store: Store, alex: Contact, when, kwargs, field,
                                                           message) -> None:
    interview = plan(store, alex, datetime(2026, 11, 27, 15, 0))
    with pytest.raises(InvalidInput) as refused:
        conversations.move(store, interview.id, when, **kwargs)
    assert refused.value.field == field
    assert message in str(refused.value)



@pytest.mark.parametrize(("minutes", "length"), [(None, 45), ("", 45), (" ", 45), (45, 45), ("45", 45)])
def test_a_move_to_a_range_with_no_length_given_takes_the_range_s(store: Store, alex: Contact, minutes, length) -> None:
    interview = plan(store, alex, datetime(2026, 11, 27, 15, 0))
    assert conversations.move(store, interview.id, "mon 2-2:45pm", minutes=minutes).minutes == length


def test_a_move_reads_the_date_the_way_the_workspace_writes_dates(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, datetime(2026, 11, 27, 15, 0))
    assert conversations.move(store, interview.id, "12/03 3pm").when == datetime(2026, 12, 3, 15, 0)
    settings = store.settings()
    settings.dayfirst = True
    store.save_settings(settings)
    assert conversations.move(store, interview.id, "3/12 4pm").when == datetime(2026, 12, 3, 16, 0)


@pytest.mark.parametrize("status", [InterviewStatus.DONE, InterviewStatus.CANCELLED])
def test_only_a_planned_conversation_can_be_moved(store: Store, alex: Contact, status) -> None:
    interview = plan(store, alex, NOW - DAY, status=status)
    with pytest.raises(InvalidInput) as refused:
        conversations.move(store, interview.id, "fri 3pm")
    assert refused.value.field == "when"
    assert str(refused.value) == f"That conversation is {status.label}; only a planned one can be moved."


# Cancelling and removing ------------------------------------------------------------------------


def test_a_cancel_is_named_for_undo(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, NOW + DAY)
    conversations.cancel(store, interview.id)
    assert undone_label(store) == "Conversation with Alex Example cancelled"
    conversations.cancel(store, interview.id)
    with pytest.raises(InvalidInput, match="^That conversation is cancelled already; only a planned one can be"):
        conversations.cancel(store, interview.id)


def test_a_remove_is_named_for_undo(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, NOW + DAY)
    conversations.remove(store, interview.id)
    assert undone_label(store) == "Conversation with Alex Example removed"


@pytest.mark.parametrize(
    "words",
    [{"notes": "met at the fair"}, {"takeaways": "ask about design"}, {"answers": {"1": "via a bootcamp"}}],
)
def test_a_conversation_holding_any_words_is_not_removed(store: Store, alex: Contact, words) -> None:
    interview = plan(store, alex, NOW + DAY, **words)
    with pytest.raises(InvalidInput) as refused:
        conversations.remove(store, interview.id)
    assert str(refused.value) == "This conversation holds notes; cancel it instead (the notes are kept)."


def test_blank_words_are_no_words(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, NOW + DAY, notes="  \n", takeaways=" ", answers={"1": "\t"})
    assert not conversations.holds_words(interview)
    conversations.remove(store, interview.id)
    assert store.interviews(alex.id) == []


def test_a_held_conversation_is_not_removed(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, NOW - DAY, status=InterviewStatus.DONE)
    with pytest.raises(InvalidInput) as refused:
        conversations.remove(store, interview.id)
    assert str(refused.value) == "This conversation was held; it stays in the history."


# Which one is next -------------------------------------------------------------------------------


def test_the_next_planned_is_the_soonest_and_of_two_at_one_time_the_first_made(store: Store, alex: Contact) -> None:
    plan(store, alex, NOW + 3 * DAY)
    first_made = plan(store, alex, NOW + DAY)
    plan(store, alex, NOW + DAY)
    plan(store, alex, NOW - DAY, status=InterviewStatus.CANCELLED)
    assert conversations.planned(store, alex.id).id == first_made.id


def test_held_at_its_planned_time_or_now_when_marked_early() -> None:
    interview = Interview(contact_id=1, when=NOW)
    assert conversations.held_at(interview, NOW) == NOW
    assert conversations.held_at(interview, NOW - timedelta(minutes=1)) == NOW - timedelta(minutes=1)
    assert conversations.held_at(interview, NOW + DAY) == NOW


# The agenda ---------------------------------------------------------------------------------------


def test_the_agenda_needs_a_day_at_least(store: Store) -> None:
    with pytest.raises(InvalidInput) as refused:
        conversations.agenda(store, NOW, 0)
    assert refused.value.field == "days"
    assert str(refused.value) == "Give at least one day (1: today only)."


def test_every_field_of_an_agenda_item(store: Store, alex: Contact) -> None:
    interview = plan(store, alex, NOW + DAY, minutes=30, mode=InterviewMode.IN_PERSON, where="the café")
    followup = store.add_followup(FollowUp(contact_id=alex.id, due=NOW, kind=FollowUpKind.THANK_YOU, note="a card"))
    assert conversations.agenda(store, NOW, 2) == [
        AgendaItem("thank_you", NOW, alex.id, "Alex Example", followup.id, note="a card"),
        AgendaItem("conversation", NOW + DAY, alex.id, "Alex Example", interview.id, 30, "in person", "the café"),
    ]


def test_the_agendas_last_day_is_included_and_the_day_after_is_not(store: Store, alex: Contact) -> None:
    last = datetime(2026, 11, 27, 23, 0)
    after = datetime(2026, 11, 28, 0, 30)
    store.add_followup(FollowUp(contact_id=alex.id, due=last, note="last"))
    store.add_followup(FollowUp(contact_id=alex.id, due=after, note="after"))
    plan(store, alex, last)
    plan(store, alex, after)
    items = conversations.agenda(store, NOW, 3)
    assert [(i.kind, i.at) for i in items] == [("conversation", last), ("custom", last)]


def test_a_conversation_left_out_first_does_not_hide_the_others(store: Store, alex: Contact) -> None:
    plan(store, alex, NOW + DAY, status=InterviewStatus.CANCELLED)
    plan(store, alex, NOW + DAY, scheduled=False)
    kept = plan(store, alex, NOW + DAY)
    assert [i.id for i in conversations.agenda(store, NOW, 7)] == [kept.id]


def test_at_one_time_conversations_come_first_then_people_by_name(store: Store, alex: Contact) -> None:
    bo = store.add_contact(Contact(name="bo Placeholder"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    at = NOW + DAY
    store.add_followup(FollowUp(contact_id=sam.id, due=at))
    store.add_followup(FollowUp(contact_id=bo.id, due=at))
    plan(store, sam, at)
    plan(store, alex, at)
    assert [(i.kind, i.contact) for i in conversations.agenda(store, NOW, 7)] == [
        ("conversation", "Alex Example"),
        ("conversation", "Sam Sample"),
        ("custom", "bo Placeholder"),
        ("custom", "Sam Sample"),
    ]


# A file edited by hand may hold a conversation whose person is no longer there -------------------


@pytest.fixture
def orphan(db_path: Path, fixed_clock) -> Iterator[tuple[Store, int]]:
    """A workspace whose one conversation, and one follow-up, point at no contact."""
    import json

    with Store.open(db_path, clock=fixed_clock) as store:
        alex = store.add_contact(Contact(name="Alex Example"))
        interview = plan(store, alex, NOW + DAY)
        store.add_followup(FollowUp(contact_id=alex.id, due=NOW, note="a card"))
    data = json.loads(db_path.read_text())
    for table in ("interviews", "followups"):
        for doc in data[table].values():
            doc["contact_id"] = 99
    db_path.write_text(json.dumps(data))
    opened = Store.open(db_path, clock=fixed_clock)
    yield opened, interview.id
    opened.close()


def test_an_orphan_conversation_is_on_the_agenda_for_an_unknown_contact(orphan) -> None:
    store, _ = orphan
    assert [(i.kind, i.contact) for i in conversations.agenda(store, NOW, 3)] == [
        ("custom", "an unknown contact"),
        ("conversation", "an unknown contact"),
    ]


def test_an_orphan_conversation_can_be_moved_cancelled_and_removed(orphan) -> None:
    store, interview_id = orphan
    conversations.move(store, interview_id, "mon 9am")
    assert undone_label(store) == "Conversation with an unknown contact moved to Mon 30 Nov 09:00"
    conversations.cancel(store, interview_id)
    assert undone_label(store) == "Conversation with an unknown contact cancelled"
    conversations.remove(store, interview_id)
    assert undone_label(store) == "Conversation with an unknown contact removed"


def test_a_move_into_the_hour_the_clocks_skip_points_at_the_time(store: Store, alex: Contact) -> None:
    import os
    import time as clock

    interview = plan(store, alex, datetime(2027, 3, 1, 15, 0))
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    clock.tzset()
    try:
        with pytest.raises(InvalidInput) as refused:
            conversations.move(store, interview.id, "2027-03-28 02:30")
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        clock.tzset()
    assert refused.value.field == "when"
