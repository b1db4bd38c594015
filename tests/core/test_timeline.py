"""A person's history: every ask, reply, conversation and follow-up done, newest first, in words,
with the note typed with it; nobody else's, and nothing still to do."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from builders import NOW

from interview_tui.core import conversations, timeline, workflow
from interview_tui.core.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    InterviewMode,
    InterviewStatus,
    Touch,
    TouchKind,
)
from interview_tui.core.store import Store
from interview_tui.core.timeline import Entry

DAY = timedelta(days=1)


@pytest.fixture
def alex(store: Store) -> int:
    return store.add_contact(Contact(name="Alex Example")).id


def test_nothing_happened_is_an_empty_history(store: Store, alex: int) -> None:
    assert timeline.of(store, alex) == []


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (TouchKind.ASKED, "Asked for 20 minutes"),
        (TouchKind.REPLIED, "Replied"),
        (TouchKind.MET, "Talked"),
        (TouchKind.THANKED, "Thanked"),
        (TouchKind.UPDATED, "In touch"),
    ],
)
def test_each_kind_of_touch_is_said_in_words_with_its_note(store: Store, alex: int, kind, words) -> None:
    store.add_touch(Touch(contact_id=alex, kind=kind, at=NOW - DAY, note="by email"))
    assert timeline.of(store, alex) == [Entry(NOW - DAY, "touch", words, "by email")]


def test_a_meeting_without_a_note_is_left_to_its_conversation_but_one_with_a_note_is_kept(
    store: Store, alex: int
) -> None:
    # The silent one comes first in the store's order: it must not hide what follows it.
    store.add_touch(Touch(contact_id=alex, kind=TouchKind.MET, at=NOW - 3 * DAY))
    store.add_touch(Touch(contact_id=alex, kind=TouchKind.MET, at=NOW - 2 * DAY, note="coffee"))
    store.add_touch(Touch(contact_id=alex, kind=TouchKind.ASKED, at=NOW - DAY))
    assert [(e.what, e.note) for e in timeline.of(store, alex)] == [
        ("Asked for 20 minutes", ""),
        ("Talked", "coffee"),
    ]


@pytest.mark.parametrize(
    ("status", "scheduled", "where", "mode", "minutes", "words"),
    [
        (InterviewStatus.PLANNED, True, "", InterviewMode.VIDEO, 20, "Conversation planned (20 min, video)"),
        (InterviewStatus.DONE, True, "the café", InterviewMode.IN_PERSON, 30,
         "Conversation held (30 min, in person, the café)"),
        (InterviewStatus.CANCELLED, True, "", InterviewMode.PHONE, 20,
         "Conversation cancelled (planned for Tue 24 Nov 10:00; 20 min, phone)"),
        (InterviewStatus.PLANNED, False, "", InterviewMode.VIDEO, 20, "Notes started (no time agreed yet)"),
        # Held without a time agreed first: what happened is what counts, without the length
        # and way nobody agreed.
        (InterviewStatus.DONE, False, "", InterviewMode.VIDEO, 20, "Conversation held"),
        (InterviewStatus.CANCELLED, False, "", InterviewMode.VIDEO, 20, "Conversation cancelled (no time agreed)"),
    ],
)
def test_a_conversation_is_said_with_its_status_length_mode_and_place(
    store: Store, alex: int, status, scheduled, where, mode, minutes, words
) -> None:
    store.add_interview(Interview(contact_id=alex, when=NOW - DAY, status=status, scheduled=scheduled,
                                  where=where, mode=mode, minutes=minutes, takeaways="  ask about design  \n"))
    # A cancelled one is dated when it was called off (here: stored cancelled, now).
    at = NOW if status is InterviewStatus.CANCELLED else NOW - DAY
    expected = [Entry(at, "conversation", words, "ask about design")]
    if status is InterviewStatus.CANCELLED and not scheduled:
        # Notes begun with no time agreed, then called off: when they were begun is kept.
        expected.append(Entry(NOW - DAY, "conversation", "Notes started"))
    assert timeline.of(store, alex) == expected


def test_a_cancelled_conversation_is_dated_when_it_was_called_off_not_when_it_was_planned_for(
    tmp_path: Path,
) -> None:
    moments = {"now": NOW}
    with Store.open(tmp_path / "w.json", clock=lambda: moments["now"]) as store:
        ann = store.add_contact(Contact(name="Ann Example")).id
        planned = workflow.schedule_interview(store, ann, "fri 3pm")  # Fri 27 Nov
        moments["now"] = NOW + timedelta(hours=2)
        conversations.cancel(store, planned.id)
        moments["now"] = NOW + DAY  # Thursday: in touch again, after the cancelling
        store.add_touch(Touch(contact_id=ann, kind=TouchKind.UPDATED, at=moments["now"], note="next month"))
        history = [(e.at, e.kind, e.what) for e in timeline.of(store, ann) if e.kind != "change"]
    assert history == [
        (NOW + DAY, "touch", "In touch"),
        (NOW + timedelta(hours=2), "conversation", "Conversation cancelled (planned for Fri 27 Nov 15:00; 20 min, video)"),
    ]


def test_only_follow_ups_done_for_this_person_are_history(store: Store, alex: int) -> None:
    sam = store.add_contact(Contact(name="Sam Sample")).id
    # Those left out come first in the store's order (earliest due): they must not end the list.
    store.add_followup(FollowUp(contact_id=sam, due=NOW - 9 * DAY, kind=FollowUpKind.NUDGE,
                                done_at=NOW - 8 * DAY))
    store.add_followup(FollowUp(contact_id=alex, due=NOW - 7 * DAY, kind=FollowUpKind.NUDGE))
    store.add_followup(FollowUp(contact_id=alex, due=NOW - 3 * DAY, kind=FollowUpKind.THANK_YOU,
                                done_at=NOW - 2 * DAY, note="a card"))
    store.add_followup(FollowUp(contact_id=alex, due=NOW - 2 * DAY, kind=FollowUpKind.CHECK_IN,
                                done_at=NOW - DAY))
    assert timeline.of(store, alex) == [
        Entry(NOW - DAY, "followup", "Check in done", ""),
        Entry(NOW - 2 * DAY, "followup", "Thank you done", "a card"),
    ]


def test_newest_first_and_at_the_same_moment_the_conversation_before_what_followed_it(
    store: Store, alex: int
) -> None:
    at = NOW - DAY
    store.add_followup(FollowUp(contact_id=alex, due=at, kind=FollowUpKind.NUDGE, done_at=at))
    store.add_touch(Touch(contact_id=alex, kind=TouchKind.REPLIED, at=at))
    store.add_interview(Interview(contact_id=alex, when=at, status=InterviewStatus.DONE))
    store.add_touch(Touch(contact_id=alex, kind=TouchKind.ASKED, at=at - DAY))
    store.add_touch(Touch(contact_id=alex, kind=TouchKind.UPDATED, at=at + DAY))
    assert [(e.at, e.kind) for e in timeline.of(store, alex)] == [
        (at + DAY, "touch"),
        (at, "conversation"),
        (at, "touch"),
        (at, "followup"),
        (at - DAY, "touch"),
    ]


def test_another_persons_touches_and_conversations_are_not_in_the_history(store: Store, alex: int) -> None:
    sam = store.add_contact(Contact(name="Sam Sample")).id
    store.add_touch(Touch(contact_id=sam, kind=TouchKind.ASKED, at=NOW))
    store.add_interview(Interview(contact_id=sam, when=NOW))
    assert timeline.of(store, alex) == []


def test_stage_and_tag_changes_are_in_the_history_and_go_where_the_contact_goes(tmp_path: Path) -> None:
    moments = iter([datetime(2026, 11, 25, 10, m) for m in range(60)])
    with Store.open(tmp_path / "w.json", clock=lambda: next(moments)) as store:
        ann = store.add_contact(Contact(name="Ann Example"))
        workflow.log_ask(store, ann.id)
        workflow.set_tags(store, ann.id, "#mentor #ux")
        whats = [e.what for e in timeline.of(store, ann.id) if e.kind == "change"]
        assert whats == ["Tags: #mentor #ux", "Stage: identified → asked"]  # newest first
        store.undo()  # the tags, and their line in the history with them
        assert [e.what for e in timeline.of(store, ann.id) if e.kind == "change"] == ["Stage: identified → asked"]
        store.delete_contact(ann.id)
        assert store.events(ann.id) == []
        store.restore(store.find_in_trash("Ann").id)
        assert [e.what for e in store.events(ann.id)] == ["Stage: identified → asked"]


def test_notes_given_a_time_keep_the_moment_they_were_begun_beside_the_time_agreed(store: Store, alex: int) -> None:
    notes = workflow.add_note(store, alex, "Read up on service design.")
    assert notes.id is not None
    conversations.move(store, notes.id, "fri 3pm")
    fri = datetime(2026, 11, 27, 15, 0)
    assert store.interview(notes.id).notes_started == NOW
    assert [(e.at, e.what) for e in timeline.of(store, alex) if e.kind == "conversation"] == [
        (fri, "Conversation planned (20 min, video)"),
        (NOW, "Notes started"),
    ]
    # Moved again, or undone, the moment they were begun is as it was.
    conversations.move(store, notes.id, "mon 9am")
    assert store.interview(notes.id).notes_started == NOW
    store.undo()
    store.undo()
    assert store.interview(notes.id).notes_started is None
    assert [e.what for e in timeline.of(store, alex) if e.kind == "conversation"] == ["Notes started (no time agreed yet)"]


def test_a_conversation_planned_with_a_time_has_no_notes_started(store: Store, alex: int) -> None:
    planned = workflow.schedule_interview(store, alex, "fri 3pm")
    assert planned.id is not None
    conversations.move(store, planned.id, "mon 9am")
    assert store.interview(planned.id).notes_started is None
    assert [e.what for e in timeline.of(store, alex) if e.kind == "conversation"] == ["Conversation planned (20 min, video)"]
