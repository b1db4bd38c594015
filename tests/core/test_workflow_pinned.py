"""The workflow's form rules pinned: each refusal word for word with its field, each side of
every limit (minutes, days, tags, notes), the ways a way to meet may be typed, and the referrer
of an edited contact kept by name."""

from __future__ import annotations

from typing import Any

import pytest

from interview_tui.core import workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import UNKNOWN_CONTACT, Contact, InterviewMode, Relationship
from interview_tui.core.store import Store


def refused(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as caught:
        call(*args, **kwargs)
    return str(caught.value), caught.value.field


@pytest.mark.parametrize(("typed", "minutes"), [("1", 1), (" 20 ", 20), ("600", 600), (45, 45)])
def test_a_conversation_lasts_from_1_to_600_minutes(typed: Any, minutes: int) -> None:
    assert workflow.minutes_of(typed) == minutes


@pytest.mark.parametrize("typed", ["0", "601", "-5"])
def test_a_length_out_of_its_limits_is_refused(typed: str) -> None:
    assert refused(workflow.minutes_of, typed) == (
        "A conversation lasts between 1 and 600 minutes; the usual is 20.", "minutes")


def test_a_length_that_is_not_a_number_is_quoted() -> None:
    assert refused(workflow.minutes_of, "half an hour") == (
        "'half an hour' is not a number of minutes; the usual is 20.", "minutes")


@pytest.mark.parametrize(("typed", "mode"), [
    ("In-person", InterviewMode.IN_PERSON), ("in  person", InterviewMode.IN_PERSON), (" PHONE ", InterviewMode.PHONE),
    ("video", InterviewMode.VIDEO), (InterviewMode.VIDEO, InterviewMode.VIDEO),
])
def test_a_way_to_meet_is_read_by_its_value_or_its_label(typed: Any, mode: InterviewMode) -> None:
    assert workflow.mode_of(typed) == mode


def test_a_way_to_meet_that_is_none_names_the_choices() -> None:
    choices = ", ".join(m.value for m in InterviewMode)
    assert refused(workflow.mode_of, "carrier pigeon") == (
        f"'carrier pigeon' is not a way to meet; choose one of {choices}.", "mode")


@pytest.mark.parametrize(("typed", "tags"), [
    ("#ux, design  #UX", ["ux", "design"]),
    ("# ## a", ["a"]),
    ("Xray #Xmas", ["Xray", "Xmas"]),
    ("a " + "b" * 40, ["a", "b" * 40]),
    (" ".join(f"t{i}" for i in range(30)), [f"t{i}" for i in range(30)]),
])
def test_tags_are_read_once_each_in_their_first_case(typed: str, tags: list[str]) -> None:
    assert workflow.parse_tags(typed) == tags


@pytest.mark.parametrize(("typed", "message"), [
    ("b" * 41, f"The tag '{'b' * 20}…' is too long; keep tags to 40 characters."),
    ("rel:friend", "A tag cannot contain ':' ('rel:friend'); use '-' instead."),
    (" ".join(f"t{i}" for i in range(31)), "That is 31 tags; keep it to 30."),
])
def test_tags_that_cannot_be_kept_are_refused_saying_why(typed: str, message: str) -> None:
    assert refused(workflow.parse_tags, typed) == (message, "tags")


def test_thirty_tags_of_forty_characters_fit_in_the_box() -> None:
    typed = ", ".join(f"{i:02d}" + "x" * 38 for i in range(30))
    assert len(workflow.parse_tags(typed)) == 30


def test_setting_tags_is_undone_by_its_name(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    workflow.set_tags(store, alex.id, "ux")
    assert store.undo().label == "Tags of Alex Example"


@pytest.mark.parametrize(("values", "message", "field"), [
    ({"name": "  "}, "A name is required.", "name"),
    ({"name": "Alex", "relationship": "boss"},
     "'boss' is not a relationship; choose one of " + ", ".join(r.value for r in Relationship) + ".", "relationship"),
    ({"name": "Alex", "notes": "n" * 20_001}, "The notes are too long; keep them under 20,000 characters.", "notes"),
])
def test_a_contact_form_is_refused_at_its_field(store: Store, values: dict, message: str, field: str) -> None:
    assert refused(workflow.contact_from_fields, store, values) == (message, field)


def test_a_contact_form_keeps_what_it_was_given(store: Store) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    contact = workflow.contact_from_fields(store, {
        "name": "Alex Example", "notes": "  met at the fair\n", "cadence": "6w / 3mo", "referred_by": "sam sample",
        "relationship": " Friend ",
    })
    assert (contact.name, contact.notes, contact.referred_by, contact.relationship) == (
        "Alex Example", "met at the fair", sam.id, Relationship.FRIEND)
    assert (contact.cadence_days, contact.cadence_max_days) == (42, 90)
    assert workflow.contact_from_fields(store, {"name": "Alex", "notes": "n" * 20_000}).notes == "n" * 20_000
    assert workflow.contact_from_fields(store, {"name": "Alex", "notes": None}).notes == ""
    kept = store.add_contact(Contact(name="Pat Placeholder", cadence_days=0))
    assert workflow.contact_from_fields(store, {"name": "Pat", "cadence": None}, kept).cadence_days is None
    assert workflow.contact_from_fields(store, {"name": "Pat", "cadence": "off"}).cadence_days == 0


def test_an_edited_contact_keeps_its_referrer_while_the_name_is_unchanged(store: Store) -> None:
    first = store.add_contact(Contact(name="Sam Sample"))
    store.add_contact(Contact(name="Sam Sample"))  # the same name: find_contact could not choose
    alex = store.add_contact(Contact(name="Alex Example", referred_by=first.id))
    edited = workflow.contact_from_fields(store, {"name": "Alex Example", "referred_by": "  sam   SAMPLE "}, alex)
    assert edited.referred_by == first.id
    assert workflow.contact_from_fields(store, {"name": "Alex Example", "referred_by": ""}, alex).referred_by is None
    message, field = refused(workflow.contact_from_fields, store, {"name": "Alex", "referred_by": "Alex Example"}, alex)
    assert (message, field) == ("A contact cannot refer themselves.", "referred_by")


def test_a_referrer_no_longer_in_the_workspace_is_kept_as_the_form_showed_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    path = tmp_path / "w.json"
    # A merge dropped contact 99, who referred Alex.
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "questions": {},
                                "contacts": {"1": {"name": "Alex Example", "referred_by": 99}}}))
    with Store.open(path) as store:
        alex = store.contact(1)
        edited = workflow.contact_from_fields(store, {"name": "Alex Example", "referred_by": UNKNOWN_CONTACT}, alex)
        assert edited.referred_by == 99
        message, field = refused(workflow.contact_from_fields, store, {"name": "Alex", "referred_by": "Nobody"}, alex)
        assert field == "referred_by" and "Nobody" in message


def test_a_referrer_is_a_name_of_at_most_200_characters(store: Store) -> None:
    assert refused(workflow.contact_from_fields, store, {"name": "Alex", "referred_by": "x" * 201}) == (
        "Referred by is 201 characters long; keep it to 200 or fewer.", "referred_by")


@pytest.mark.parametrize("length", [1, 500])
def test_an_address_of_up_to_500_characters_is_kept(store: Store, length: int) -> None:
    assert workflow.contact_from_fields(store, {"name": "Alex", "address": "a" * length}).address == "a" * length


def test_a_longer_address_is_refused_at_its_field(store: Store) -> None:
    assert refused(workflow.contact_from_fields, store, {"name": "Alex", "address": "a" * 501}) == (
        "The address is too long; keep it under 500 characters.", "address")


@pytest.mark.parametrize(("typed", "days"), [("0", 0), (" 365 ", 365), ("7", 7)])
def test_reminder_days_go_from_0_to_365(store: Store, typed: str, days: int) -> None:
    assert workflow.settings_from_fields(store, {"nudge_days": typed}).nudge_days == days


@pytest.mark.parametrize(("typed", "message"), [
    ("-1", "Give a number of days from 0 to 365."),
    ("366", "Give a number of days from 0 to 365."),
    (" soon ", "'soon' is not a number of days."),
    ("", "Type a number of days, from 0 to 365."),
    ("  ", "Type a number of days, from 0 to 365."),
])
def test_reminder_days_out_of_their_limits_are_refused_at_their_field(store: Store, typed: str, message: str) -> None:
    assert refused(workflow.settings_from_fields, store, {"thank_you_days": typed}) == (message, "thank_you_days")


def test_the_reminders_form_keeps_the_channel_and_the_templates_own_blank_lines(store: Store) -> None:
    settings = workflow.settings_from_fields(store, {
        "thank_you_channel": "email", "template": "\n\n  Hi {first_name},\n\nthanks.  \n\n",
    })
    assert settings.thank_you_handwritten is False
    assert settings.ask_template == "  Hi {first_name},\n\nthanks.  "
    assert workflow.settings_from_fields(store, {"thank_you_channel": "handwritten"}).thank_you_handwritten is True
    edged = workflow.settings_from_fields(store, {"template": "\nX marks {first_name} X\n"})
    assert edged.ask_template == "X marks {first_name} X"


# Follow-ups and touches -------------------------------------------------------------------------

from datetime import UTC, datetime, timedelta  # noqa: E402

from builders import NOW  # noqa: E402

from interview_tui.core.errors import NotFound  # noqa: E402
from interview_tui.core.models import FollowUp, FollowUpKind, Stage, TouchKind  # noqa: E402


def test_a_check_in_done_is_a_touch_that_moves_the_stage_and_closes_a_snoozed_one(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", stage=Stage.THANKED))
    snoozed = store.add_followup(FollowUp(contact_id=alex.id, due=NOW + timedelta(days=3),
                                          kind=FollowUpKind.CHECK_IN, from_cadence=True, note="ask"))
    touch = workflow.complete_check_in(store, alex.id, note="  called  ")
    assert (touch.contact_id, touch.kind, touch.at, touch.note) == (alex.id, TouchKind.UPDATED, store.clock(), "called")
    assert store.contact(alex.id).stage is Stage.KEEPING_IN_TOUCH
    closed = store.followup(snoozed.id)
    assert (closed.done_at, closed.note) == (store.clock(), "ask (in touch since)")
    assert store.undo().label == "In touch with Alex Example"
    assert store.touches(alex.id) == [] and store.contact(alex.id).stage is Stage.THANKED


def test_a_check_in_at_a_given_time_with_someone_not_yet_talked_to_keeps_their_stage(store: Store) -> None:
    sam = store.add_contact(Contact(name="Sam Sample", stage=Stage.ASKED))
    when = NOW - timedelta(days=2)
    touch = workflow.complete_check_in(store, sam.id, at=when)
    assert (touch.at, touch.note) == (when, "")
    assert store.contact(sam.id).stage is Stage.ASKED


def test_a_check_in_with_no_one_or_a_bad_note_changes_nothing(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    with pytest.raises(NotFound):
        workflow.complete_check_in(store, 99)
    assert refused(workflow.complete_check_in, store, alex.id, note="n" * 501)[1] == "note"
    assert store.all_touches() == []


def test_a_thank_you_done_is_a_touch_that_moves_the_stage_once(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", stage=Stage.INTERVIEWED))
    thanks = store.add_followup(FollowUp(contact_id=alex.id, due=NOW, kind=FollowUpKind.THANK_YOU))
    done_at = NOW + timedelta(hours=1)
    done = workflow.complete_followup(store, thanks.id, at=done_at, note=" card ")
    assert done.done_at == done_at
    ((kind, at, note),) = [(t.kind, t.at, t.note) for t in store.touches(alex.id)]
    assert (kind, at, note) == (TouchKind.THANKED, done_at, "card")
    assert store.contact(alex.id).stage is Stage.THANKED
    workflow.complete_followup(store, thanks.id)  # a second press
    assert len(store.touches(alex.id)) == 1
    assert store.undo().label == "Done: thank you for Alex Example"


def test_a_task_done_without_a_note_is_no_touch_and_with_one_is(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    quiet = store.add_followup(FollowUp(contact_id=alex.id, due=NOW, kind=FollowUpKind.CUSTOM))
    workflow.complete_followup(store, quiet.id)
    assert store.touches(alex.id) == []
    said = store.add_followup(FollowUp(contact_id=alex.id, due=NOW, kind=FollowUpKind.NUDGE))
    workflow.complete_followup(store, said.id, note="sent")
    assert [(t.kind, t.note) for t in store.touches(alex.id)] == [(TouchKind.UPDATED, "sent")]
    assert refused(workflow.complete_followup, store, said.id, note="n" * 501)[1] == "note"


def test_a_repeating_follow_up_done_comes_back_one_interval_later_as_the_same_series(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    first = workflow.add_followup(store, alex.id, "2026-11-25 9am", kind=FollowUpKind.UPDATE, note=" news ",
                                  repeat="every week")
    assert (first.note, first.due) == ("news", datetime(2026, 11, 25, 9, 0))
    workflow.complete_followup(store, first.id, at=datetime(2026, 11, 25, 10, 0))
    (following,) = store.followups()
    assert (following.due, following.kind, following.note, following.recurrence) == (
        datetime(2026, 12, 2, 9, 0), FollowUpKind.UPDATE, "news", first.recurrence)
    assert (following.series, following.sequence) == (first.id, first.sequence + 1)
    workflow.complete_followup(store, following.id, at=datetime(2026, 12, 2, 10, 0))
    (third,) = store.followups()
    assert (third.series, third.sequence) == (first.id, first.sequence + 2)


def test_a_follow_up_whose_due_cannot_be_read_is_refused_at_its_field(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    message, field = refused(workflow.add_followup, store, alex.id, "someday soonish")
    assert field == "due" and "someday" in message


def test_closing_a_follow_up_says_why_after_its_note(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    bare = store.add_followup(FollowUp(contact_id=alex.id, due=NOW, kind=FollowUpKind.NUDGE))
    workflow.close_followup(store, bare, NOW, "replied")
    assert (store.followup(bare.id).note, store.followup(bare.id).done_at) == ("replied", NOW)


def test_the_day_a_follow_up_is_due_keeps_the_zone_of_the_moment() -> None:
    from interview_tui.core.day_words import DEFAULT_DUE_TIME

    zoned = datetime(2026, 11, 25, 17, 30, tzinfo=UTC)
    assert workflow.due_day(zoned) == datetime.combine(zoned.date(), DEFAULT_DUE_TIME, UTC)
    assert workflow.due_day(NOW).tzinfo is None


def test_a_follow_up_of_a_contact_a_merge_dropped_is_done_as_one_for_an_unknown_contact(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    path = tmp_path / "w.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "questions": {},
                                "followups": {"1": {"contact_id": 99, "due": "2026-11-25T09:00:00", "kind": "nudge"}}}))
    with Store.open(path) as store:
        workflow.complete_followup(store, 1)
        assert store.undo().label == "Done: nudge for an unknown contact"


# Notes and plans --------------------------------------------------------------------------------


def test_notes_taken_with_no_conversation_start_one_with_no_time_agreed(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    started = workflow.add_note(store, alex.id, "first thought")
    assert (started.scheduled, started.when, started.notes) == (False, store.clock(), "first thought")
    again = workflow.add_note(store, alex.id, "second")
    assert again.id == started.id
    assert again.notes == "first thought\n\nsecond"


def test_a_note_added_after_notes_ending_in_blank_lines_is_one_paragraph_below(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    talk = workflow.capture(store, alex.id)
    talk.notes = "  indented first\n\n\n"
    store.update_interview(talk)
    assert workflow.add_note(store, alex.id, "next").notes == "  indented first\n\nnext"


def test_a_question_for_one_conversation_stays_out_of_the_bank_and_the_file_reopens(store: Store, db_path) -> None:  # type: ignore[no-untyped-def]
    one_off = workflow.add_one_off_question(store, {"text": "  What about the night shifts? "})
    assert (one_off.text, one_off.active) == ("What about the night shifts?", False)
    assert one_off.id not in [q.id for q in store.questions()]
    store.close()
    with Store.open(db_path) as reopened:
        assert reopened.questions(include_retired=True)[-1].active is False


@pytest.mark.parametrize(("values", "message"), [({"text": "   "}, "Type the question."), ({}, "Type the question.")])
def test_an_empty_question_is_asked_for(values: dict, message: str) -> None:
    assert refused(workflow.question_text, values) == (message, "text")


def test_a_question_too_long_is_refused_at_its_field() -> None:
    assert refused(workflow.question_text, {"text": "q" * 501})[1] == "text"


def test_toggling_a_question_that_is_not_there_says_which(store: Store) -> None:
    with pytest.raises(NotFound) as missing:
        workflow.toggle_question(store, 999)
    assert str(missing.value) == "No question with id 999."


def test_a_thank_you_done_moves_someone_not_yet_met_to_thanked(store: Store) -> None:
    sam = store.add_contact(Contact(name="Sam Sample", stage=Stage.ASKED))
    thanks = store.add_followup(FollowUp(contact_id=sam.id, due=NOW, kind=FollowUpKind.THANK_YOU))
    workflow.complete_followup(store, thanks.id)
    assert store.contact(sam.id).stage is Stage.THANKED


# The method's steps -----------------------------------------------------------------------------

from interview_tui.core.models import Interview, InterviewStatus  # noqa: E402


def _nudged(store: Store, name: str = "Alex Example") -> tuple[Contact, FollowUp]:
    contact = store.add_contact(Contact(name=name))
    nudge = store.add_followup(FollowUp(contact_id=contact.id, due=NOW + timedelta(days=3), kind=FollowUpKind.NUDGE))
    return contact, nudge


def test_asking_again_replying_and_scheduling_close_the_nudge_saying_why(store: Store) -> None:
    alex, nudge = _nudged(store)
    workflow.log_ask(store, alex.id)
    assert store.followup(nudge.id).note == "asked again"
    assert store.undo().label == "Ask to Alex Example marked sent"
    workflow.log_reply(store, alex.id)
    assert store.followup(nudge.id).note == "they replied"
    assert store.undo().label == "Reply from Alex Example logged"
    workflow.schedule_interview(store, alex.id, "fri 3pm")
    assert store.followup(nudge.id).note == "a conversation was scheduled"
    assert store.undo().label == "Conversation with Alex Example scheduled"


@pytest.mark.parametrize(("typed", "minutes", "length"), [
    ("fri 3-4pm", None, 60), ("fri 3-4pm", 60, 60), ("fri 3pm", 45, 45), ("fri 8am-6pm", None, 600),
    ("fri 3:00-3:01pm", None, 1), ("fri 3-4pm", " ", 60), ("fri 3pm", None, 20), ("fri 3pm", "", 20),
])
def test_a_time_given_as_a_range_sets_the_length(store: Store, typed: str, minutes: int | str | None, length: int) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    planned = workflow.schedule_interview(store, alex.id, typed, minutes=minutes, where="the café")
    assert (planned.minutes, planned.where) == (length, "the café")
    assert workflow.schedule_interview(store, alex.id, "sat 3pm").where == ""


@pytest.mark.parametrize(("typed", "minutes", "message", "field"), [
    ("fri 3-4pm", 30, "'fri 3-4pm' is 60 minutes but the length says 30; change one of them.", "minutes"),
    # The usual length, given, is a length like any other: not taken for one left out.
    ("fri 3-4pm", 20, "'fri 3-4pm' is 60 minutes but the length says 20; change one of them.", "minutes"),
    ("fri 3-4pm", "20", "'fri 3-4pm' is 60 minutes but the length says 20; change one of them.", "minutes"),
    ("fri 8am-6:01pm", 20, "'fri 8am-6:01pm' is 601 minutes; a conversation lasts between 1 and 600.", "when"),
    ("fri 8am-9pm", 20, "'fri 8am-9pm' is 780 minutes; a conversation lasts between 1 and 600.", "when"),
    ("fri 8am-9pm", None, "'fri 8am-9pm' is 780 minutes; a conversation lasts between 1 and 600.", "when"),
])
def test_a_range_that_disagrees_or_lasts_too_long_is_refused(
    store: Store, typed: str, minutes: int | str | None, message: str, field: str
) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert refused(workflow.schedule_interview, store, alex.id, typed, minutes=minutes) == (message, field)
    assert store.interviews(alex.id) == []


def test_a_conversation_held_is_a_meeting_with_its_note_a_thank_you_and_a_closed_nudge(store: Store) -> None:
    alex, nudge = _nudged(store)
    planned = store.add_interview(Interview(contact_id=alex.id, when=NOW - timedelta(days=5)))
    before = planned.sequence
    created = workflow.mark_done(store, planned.id, note=" great chat ")
    ((kind, at, note),) = [(t.kind, t.at, t.note) for t in store.touches(alex.id)]
    assert (kind, at, note) == (TouchKind.MET, planned.when, "great chat")
    assert store.interview(planned.id).sequence == before
    assert store.followup(nudge.id).note == "the conversation happened"
    assert [f.note for f in created] == [f"Handwritten thank-you note for the conversation of {planned.when:%d %b}"]
    assert store.undo().label == "Conversation with Alex Example marked done"


def test_a_conversation_held_at_another_time_moves_its_calendar_sequence(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    planned = store.add_interview(Interview(contact_id=alex.id, when=NOW + timedelta(days=1)))
    before = planned.sequence
    workflow.mark_done(store, planned.id)  # planned for tomorrow, held now
    held = store.interview(planned.id)
    assert held.when == NOW and held.sequence > before
    other = store.add_interview(Interview(contact_id=alex.id, when=NOW - timedelta(days=9)))
    at = NOW - timedelta(days=8)
    workflow.mark_done(store, other.id, at=at)
    assert store.interview(other.id).when == at


def test_a_conversation_cannot_be_done_before_it_happens(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    planned = store.add_interview(Interview(contact_id=alex.id, when=NOW - timedelta(days=1)))
    later = NOW + timedelta(hours=2)
    assert refused(workflow.mark_done, store, planned.id, at=later) == (
        f"{later:%a %d %b %Y %H:%M} is still to come; a conversation is done once it happened.", "when")
    assert refused(workflow.mark_done, store, planned.id, note="n" * 501)[1] == "note"
    assert store.interview(planned.id).status is InterviewStatus.PLANNED


def test_a_conversation_done_again_after_its_thank_you_went_adds_nothing(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    other = store.add_interview(Interview(contact_id=alex.id, when=NOW - timedelta(days=3)))
    store.add_followup(FollowUp(contact_id=alex.id, interview_id=other.id, due=NOW, kind=FollowUpKind.THANK_YOU))
    planned = store.add_interview(Interview(contact_id=alex.id, when=NOW - timedelta(days=1)))
    assert len(workflow.mark_done(store, planned.id)) == 1  # another conversation's thank-you is not this one's
    assert workflow.mark_done(store, planned.id) == []


# The update to everyone who helped ---------------------------------------------------------------


def test_everyone_who_helped_is_thanked_for_each_thing_in_order(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    for name in ("Bo Sample", "Cy Sample", "Di Sample"):
        store.add_contact(Contact(name=name, referred_by=ann.id))
    for when in (datetime(2026, 10, 8, 10), datetime(2026, 9, 3, 10)):  # the latest one first
        store.add_interview(Interview(contact_id=ann.id, when=when, status=InterviewStatus.DONE))
    ((helper, thanks_for),) = workflow.who_helped(store)
    assert helper.id == ann.id
    assert thanks_for == "talking with me in October and introducing me to Bo Sample, Cy Sample and Di Sample"


def test_an_outcome_is_queued_once_for_each_helper_and_undone_by_its_name(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    declined = store.add_contact(Contact(name="Dee Demo", stage=Stage.DECLINED))
    bo = store.add_contact(Contact(name="Bo Sample", referred_by=ann.id))
    for who in (ann, declined, bo):
        store.add_interview(Interview(contact_id=who.id, when=NOW - timedelta(days=9), status=InterviewStatus.DONE))
    store.add_followup(FollowUp(contact_id=ann.id, due=NOW, kind=FollowUpKind.UPDATE))  # one waits already
    queued = workflow.update_everyone(store, "  I accepted an offer at SpaceX... ")
    assert [(f.contact_id, f.note) for f in queued] == [(bo.id, "Send the update: I accepted an offer at SpaceX")]
    assert queued[0].due.date() == NOW.date()
    assert store.undo().label == "Update to everyone who helped queued"


def test_the_day_to_send_the_update_is_read_day_first_when_set(store: Store) -> None:
    from interview_tui.core.models import Settings

    store.save_settings(Settings(dayfirst=True))
    ann = store.add_contact(Contact(name="Ann Example"))
    store.add_interview(Interview(contact_id=ann.id, when=NOW - timedelta(days=9), status=InterviewStatus.DONE))
    (queued,) = workflow.update_everyone(store, "I start in May", "03/12")
    assert queued.due.date() == datetime(2026, 12, 3).date()


@pytest.mark.parametrize(("outcome", "due", "field"), [(" . ", "today", "outcome"), ("I start in May", "someday soonish", "due")])
def test_an_update_without_an_outcome_or_a_day_is_refused_at_its_field(
    store: Store, outcome: str, due: str, field: str
) -> None:
    message, named = refused(workflow.update_everyone, store, outcome, due)
    assert named == field
    if field == "outcome":
        assert message == "Say what happened, as it should read after 'I wanted to let you know that'."
    else:
        assert "someday" in message


def test_a_follow_up_added_without_a_note_has_none(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert workflow.add_followup(store, alex.id, "tomorrow").note == ""


def test_a_repeat_that_has_ended_comes_back_no_more_and_one_that_goes_on_keeps_its_channel(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    ended = store.add_followup(FollowUp(contact_id=alex.id, due=NOW - timedelta(days=14), kind=FollowUpKind.UPDATE,
                                        recurrence="FREQ=WEEKLY;UNTIL=20261115T000000"))
    workflow.complete_followup(store, ended.id)
    assert store.followups() == []
    going_on = store.add_followup(FollowUp(contact_id=alex.id, due=NOW, kind=FollowUpKind.THANK_YOU,
                                           recurrence="FREQ=WEEKLY", channel="email"))
    workflow.complete_followup(store, going_on.id)
    (following,) = store.followups()
    assert (following.channel, following.due) == ("email", NOW + timedelta(days=7))


def test_a_contact_form_without_a_name_field_asks_for_one(store: Store) -> None:
    assert refused(workflow.contact_from_fields, store, {"company": "Acme"}) == ("A name is required.", "name")


def test_a_tags_box_longer_than_thirty_tags_can_take_is_refused_at_its_field() -> None:
    assert refused(workflow.parse_tags, "a, " * 420 + "b") == (
        "Tags is 1,261 characters long; keep it to 1260 or fewer.", "tags")


def test_a_conversation_stored_done_without_its_thank_you_gets_one_and_no_note_is_no_note(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    other = store.add_interview(Interview(contact_id=alex.id, when=NOW - timedelta(days=3)))
    store.add_followup(FollowUp(contact_id=alex.id, interview_id=other.id, due=NOW, kind=FollowUpKind.THANK_YOU))
    held = store.add_interview(Interview(contact_id=alex.id, when=NOW - timedelta(days=1), status=InterviewStatus.DONE))
    (thanks,) = workflow.mark_done(store, held.id)
    assert (thanks.interview_id, thanks.kind) == (held.id, FollowUpKind.THANK_YOU)
    assert [t.note for t in store.touches(alex.id)] == [""]
