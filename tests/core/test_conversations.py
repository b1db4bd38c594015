"""A conversation's life: moved, cancelled, removed, held when it was held; and the agenda."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from builders import NOW, Clock, planned_conversation

from interview_tui.core import conversations, workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, InterviewMode, InterviewStatus, Stage


def test_a_planned_conversation_is_moved_keeping_its_plan(store) -> None:
    ann, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    moved = conversations.move(store, interview.id, "mon 11am", minutes=30, mode=InterviewMode.PHONE, where="Café")
    assert moved.when == datetime(2026, 11, 30, 11, 0)
    assert (moved.minutes, moved.mode, moved.where) == (30, InterviewMode.PHONE, "Café")
    assert moved.question_ids == interview.question_ids
    assert [i.id for i in store.interviews(ann.id)] == [interview.id]
    store.undo()
    assert store.interview(interview.id).when == datetime(2026, 11, 27, 15, 0)


def test_a_move_to_what_it_has_already_saves_nothing_and_leaves_the_undo_history_alone(store) -> None:
    ann, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    backup = store.path.with_name(store.path.name + ".bak")
    before, backup_before = store.path.read_bytes(), backup.read_bytes()
    same = conversations.move(store, interview.id, "fri 3-3:20pm", mode=interview.mode, where=interview.where)
    assert same == interview and same.sequence == interview.sequence
    assert (store.path.read_bytes(), backup.read_bytes()) == (before, backup_before)
    store.undo()  # takes back the scheduling itself: the move put nothing on the history
    assert store.interviews(ann.id) == []


@pytest.mark.parametrize("when", ["yesterday 3pm", "soon-ish", "today 9am"])
def test_a_move_to_the_past_or_to_nonsense_is_refused(store, when: str) -> None:
    _, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    before = store.path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        conversations.move(store, interview.id, when)
    assert caught.value.field == "when"
    assert store.path.read_bytes() == before


def test_cancelling_keeps_it_in_the_history_and_the_stage_follows(store) -> None:
    ann, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    assert store.contact(ann.id).stage is Stage.SCHEDULED
    conversations.cancel(store, interview.id)
    assert store.interview(interview.id).status is InterviewStatus.CANCELLED
    assert store.contact(ann.id).stage is Stage.ASKED
    assert conversations.planned(store, ann.id) is None
    with pytest.raises(InvalidInput):
        conversations.cancel(store, interview.id)


def test_cancelling_one_of_two_keeps_the_contact_scheduled(store) -> None:
    ann, first = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    second = workflow.schedule_interview(store, ann.id, "next wed 2pm")
    conversations.cancel(store, first.id)
    assert store.contact(ann.id).stage is Stage.SCHEDULED
    assert conversations.planned(store, ann.id).id == second.id


def test_a_contact_never_asked_goes_back_to_identified(store) -> None:
    bo = store.add_contact(Contact(name="Bo Placeholder"))
    interview = workflow.schedule_interview(store, bo.id, "fri 3pm")
    conversations.cancel(store, interview.id)
    assert store.contact(bo.id).stage is Stage.IDENTIFIED


def test_a_conversation_made_by_mistake_is_removed_unless_it_holds_words(store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    empty = workflow.capture(store, ann.id)
    conversations.remove(store, empty.id)
    assert store.interviews(ann.id) == []
    typed = workflow.capture(store, ann.id)
    store.save_notes(typed.id, "a word")
    with pytest.raises(InvalidInput, match="cancel it instead"):
        conversations.remove(store, typed.id)
    assert [i.id for i in store.interviews(ann.id)] == [typed.id]


def test_marked_done_early_it_happened_now_and_the_thank_you_follows(store, clock: Clock) -> None:
    """Planned for Friday, marked done on Wednesday: it happened on Wednesday."""
    ann, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    created = workflow.mark_done(store, interview.id)
    assert store.interview(interview.id).when == NOW
    thank_you = next(f for f in created if f.kind is FollowUpKind.THANK_YOU)
    assert thank_you.due.date() == (NOW + timedelta(days=1)).date()
    met = [t for t in store.touches(ann.id) if t.kind.value == "met"]
    assert [t.at for t in met] == [NOW]


def test_marked_done_late_it_happened_when_planned(store, clock: Clock) -> None:
    _, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    clock.now = datetime(2026, 11, 30, 9, 0)
    workflow.mark_done(store, interview.id)
    assert store.interview(interview.id).when == datetime(2026, 11, 27, 15, 0)


def test_marked_done_at_a_time_given(store) -> None:
    _, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    created = workflow.mark_done(store, interview.id, at=datetime(2026, 11, 24, 16, 0))
    assert store.interview(interview.id).when == datetime(2026, 11, 24, 16, 0)
    assert created[0].due.date() == datetime(2026, 11, 25).date()
    with pytest.raises(InvalidInput, match="still to come"):
        workflow.mark_done(store, workflow.schedule_interview(store, 1, "fri 4pm").id, at=NOW + timedelta(hours=1))


def test_held_at_defaults() -> None:
    assert conversations.held_at(_interview(NOW - timedelta(hours=1)), NOW) == NOW - timedelta(hours=1)
    assert conversations.held_at(_interview(NOW + timedelta(hours=1)), NOW) == NOW
    assert conversations.held_at(_interview(NOW), NOW) == NOW


def _interview(when: datetime):  # type: ignore[no-untyped-def]
    from interview_tui.core.models import Interview

    return Interview(contact_id=1, when=when)


def test_the_agenda_lists_conversations_and_follow_ups_by_time(store) -> None:
    ann, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    bo = store.add_contact(Contact(name="Bo Placeholder"))
    store.add_followup(FollowUp(contact_id=bo.id, due=NOW + timedelta(days=1), note="send the link"))
    store.add_followup(FollowUp(contact_id=bo.id, due=NOW - timedelta(days=2), note="overdue"))
    store.add_followup(FollowUp(contact_id=bo.id, due=NOW + timedelta(days=9), note="too far"))
    later = workflow.schedule_interview(store, bo.id, "dec 10 9am")

    items = conversations.agenda(store, NOW, 7)
    assert [(i.kind, i.contact, i.at) for i in items] == [
        ("custom", "Bo Placeholder", NOW - timedelta(days=2)),
        ("custom", "Bo Placeholder", NOW + timedelta(days=1)),
        ("conversation", "Ann Example", datetime(2026, 11, 27, 15, 0)),
    ]
    conversation = items[-1]
    assert (conversation.id, conversation.minutes, conversation.mode) == (interview.id, 20, "video")
    assert later.id not in [i.id for i in items if i.kind == "conversation"]
    assert [i.kind for i in conversations.agenda(store, NOW, 1)] == ["custom"]
    with pytest.raises(InvalidInput):
        conversations.agenda(store, NOW, 0)


def test_a_conversation_still_planned_on_a_past_day_is_overdue_on_the_agenda(store, clock: Clock) -> None:
    """Neither held nor cancelled: it wants one or the other, so it stays on the agenda."""
    ann = store.add_contact(Contact(name="Ann Example"))
    workflow.schedule_interview(store, ann.id, "today 11am")
    workflow.schedule_interview(store, ann.id, "tomorrow 9am")
    clock.now = datetime(2026, 11, 26, 12, 0)
    items = conversations.agenda(store, clock.now, 1)
    assert [(i.kind, i.at) for i in items] == [
        ("conversation", datetime(2026, 11, 25, 11, 0)),
        ("conversation", datetime(2026, 11, 26, 9, 0)),
    ]


def test_removing_the_only_planned_conversation_puts_the_stage_back(store) -> None:
    ann, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    conversations.remove(store, interview.id)
    assert store.contact(ann.id).stage is Stage.ASKED


def test_notes_started_without_a_plan_are_on_no_agenda_until_given_a_time(store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    started = workflow.capture(store, ann.id)
    assert not started.on_calendar
    assert conversations.agenda(store, NOW, 7) == []
    assert store.contact(ann.id).stage is Stage.IDENTIFIED
    moved = conversations.move(store, started.id, "fri 3pm")
    assert moved.on_calendar
    assert [i.kind for i in conversations.agenda(store, NOW, 7)] == ["conversation"]


def test_a_range_typed_when_moving_sets_the_length(store) -> None:
    _, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    moved = conversations.move(store, interview.id, "mon 2-2:45pm")
    assert (moved.when, moved.minutes) == (datetime(2026, 11, 30, 14, 0), 45)
    with pytest.raises(InvalidInput, match="45 minutes but the length says 30"):
        conversations.move(store, interview.id, "mon 2-2:45pm", minutes=30)


def test_a_plan_naming_a_question_twice_shows_it_once_and_keeps_what_is_typed(store) -> None:
    """A merge or a hand edit left [q, q, r]: two sections for one answer would keep only one."""
    ann = store.add_contact(Contact(name="Ann Example"))
    interview = workflow.capture(store, ann.id)
    first, second = store.questions()[:2]
    interview.question_ids = [first.id, first.id, second.id]
    store.update_interview(interview)
    document = workflow.interview_document(store, store.interview(interview.id))
    assert document.count(f"## {first.text}") == 1
    typed = document.replace(f"## {first.text}\n", f"## {first.text}\nFIRSTCOPY\n")
    workflow.save_document(store, interview.id, typed)
    assert store.interview(interview.id).answers[str(first.id)] == "FIRSTCOPY"
