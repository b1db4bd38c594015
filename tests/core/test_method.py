"""The method's four steps, as core.workflow records them: identify (referrals), ask for 20
minutes (templates, the ask, the nudge, the reply, scheduling), prepare questions (the bank, the
plan, the notes document, capture, done) and stay in contact (thank-you, referrer follow-up).

Every date rule runs on a stopped, movable clock starting Wednesday 25 November 2026, 10:00.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from builders import NOW, Clock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core import notes_doc, queue, workflow
from interview_tui.core.contact_query import filter_contacts, search_key, warmest_first
from interview_tui.core.errors import InvalidInput, NameTaken, NotFound
from interview_tui.core.models import (
    STAGE_ORDER,
    Contact,
    FollowUp,
    FollowUpKind,
    InterviewMode,
    InterviewStatus,
    Relationship,
    Stage,
    TouchKind,
)
from interview_tui.core.questions import DEFAULT_QUESTIONS
from interview_tui.core.store import Store
from interview_tui.core.templates import DEFAULT_ASK

METHOD_WORDING = (
    "I'm looking for some advice and information – could you spare 20 minutes for me next week "
    "to talk about your career path?"
)


@pytest.fixture
def ada(store: Store) -> Contact:
    return store.add_contact(
        Contact(name="Ada Placeholder", company="Analytical Engines", field="software", relationship=Relationship.COLLEAGUE)
    )


def kinds(store: Store, contact_id: int) -> list[TouchKind]:
    return [t.kind for t in store.touches(contact_id)]


def open_of(store: Store, contact_id: int, kind: FollowUpKind | None = None) -> list[FollowUp]:
    return [f for f in store.followups() if f.contact_id == contact_id and (kind is None or f.kind is kind)]


class Writes:
    """Counts the file writes a block makes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.start = store.storage.writes

    @property
    def count(self) -> int:
        return self.store.storage.writes - self.start


@contextlib.contextmanager
def unchanged_file(path: Path) -> Iterator[None]:
    """The block may raise, but the workspace file must be byte for byte what it was."""
    before = path.read_bytes()
    try:
        yield
    finally:
        assert path.read_bytes() == before


# Step 1: identify -- referrals ------------------------------------------------------------------


def test_a_relationship_is_read_whatever_its_case(store: Store) -> None:
    assert workflow.contact_from_fields(store, {"name": "Mum", "relationship": " Family "}).relationship is Relationship.FAMILY
    with pytest.raises(InvalidInput, match="not a relationship") as caught:
        workflow.contact_from_fields(store, {"name": "Mum", "relationship": "fam"})
    assert caught.value.field == "relationship"


def test_add_referral_links_the_new_person_to_the_interviewee(store: Store, ada: Contact) -> None:
    interview = workflow.capture(store, ada.id)
    writes = Writes(store)
    grace = workflow.add_referral(
        store,
        interview.id,
        {"name": "  Grace Example ", "company": "Navy", "email": "grace@example.org", "relationship": "friend", "referred_by": "Nobody"},
    )
    assert writes.count == 1
    assert grace.id is not None and store.contact(grace.id) == grace
    assert grace.name == "Grace Example"
    assert grace.referred_by == ada.id  # the interviewee, whatever the form said
    assert grace.relationship is Relationship.REFERRAL
    assert grace.stage is Stage.IDENTIFIED
    assert grace.notes == "Introduced by Ada Placeholder in the conversation of 25 Nov 2026."
    assert store.referred_by(ada.id) == [grace]
    # Adding someone is not a touch with anyone, and Ada's stage does not move.
    assert store.touches(grace.id) == [] and store.touches(ada.id) == []
    assert store.contact(ada.id).stage is Stage.IDENTIFIED


def test_a_referral_named_as_someone_already_there_is_refused_unless_another_is_meant(
    store: Store, ada: Contact, db_path: Path
) -> None:
    interview = workflow.capture(store, ada.id)
    with unchanged_file(db_path), pytest.raises(NameTaken) as caught:
        workflow.add_referral(store, interview.id, {"name": "ada  placeholder"}, how_to_add_another="Say so.")
    assert str(caught.value) == f"There is already a contact named Ada Placeholder (id:{ada.id}). Say so."
    assert caught.value.field == "name"
    second = workflow.add_referral(store, interview.id, {"name": "Ada Placeholder"}, another=True)
    assert [c.id for c in store.named("Ada Placeholder")] == [ada.id, second.id]


@pytest.mark.parametrize("values", [{}, {"name": ""}, {"name": "   "}, {"name": "\x1b[31m\x1b[0m", "company": "Navy"}])
def test_a_referral_with_no_name_is_refused_and_changes_nothing(
    store: Store, ada: Contact, db_path: Path, values: dict[str, str]
) -> None:
    interview = workflow.capture(store, ada.id)
    before = store.contact_count()
    with unchanged_file(db_path), pytest.raises(InvalidInput, match="name is required") as caught:
        workflow.add_referral(store, interview.id, values)
    assert caught.value.field == "name"
    assert store.contact_count() == before
    assert store.referred_by(ada.id) == []


def test_a_referral_with_a_bad_email_is_refused_at_its_field(store: Store, ada: Contact, db_path: Path) -> None:
    interview = workflow.capture(store, ada.id)
    with unchanged_file(db_path), pytest.raises(InvalidInput) as caught:
        workflow.add_referral(store, interview.id, {"name": "Grace", "email": "grace at navy"})
    assert caught.value.field == "email"
    assert store.contact_count() == 1


def test_a_referral_from_an_unknown_conversation(store: Store, db_path: Path) -> None:
    with unchanged_file(db_path), pytest.raises(NotFound):
        workflow.add_referral(store, 999, {"name": "Grace"})


# Step 2: ask for 20 minutes -----------------------------------------------------------------


def test_the_default_ask_is_the_methods_wording_written_for_the_contact(store: Store, ada: Contact) -> None:
    store.save_settings(workflow.settings_from_fields(store, {"my_name": "Robin Example"}))
    message = workflow.ask_message(store, ada.id)
    assert message.startswith("Hi Ada,\n")
    assert METHOD_WORDING in message
    assert "a career in software" in message
    assert message.endswith("Robin Example")
    assert "suggested" not in message
    assert "{" not in message and "}" not in message


def test_the_ask_to_a_referral_names_who_introduced_them(store: Store, ada: Contact) -> None:
    grace = workflow.add_referral(store, workflow.capture(store, ada.id).id, {"name": "Grace Example"})
    message = workflow.ask_message(store, grace.id)
    assert message.startswith("Hi Grace,\n\nAda Placeholder suggested I get in touch. I'm exploring a career in your field")


def test_the_users_own_template_is_used(store: Store, ada: Contact) -> None:
    grace = workflow.add_referral(store, workflow.capture(store, ada.id).id, {"name": "Grace Example", "company": "Navy"})
    template = "Dear {name} of {company} ({first_name}), {referrer} said hello. {{literal}} -- {my_name}"
    store.save_settings(workflow.settings_from_fields(store, {"template": template, "my_name": "Robin"}))
    assert store.settings().ask_template == template
    assert workflow.ask_message(store, grace.id) == (
        "Dear Grace Example of Navy (Grace), Ada Placeholder said hello. {literal} -- Robin"
    )
    # Saving the default wording back stores nothing of its own: a later default still applies.
    store.save_settings(workflow.settings_from_fields(store, {"template": DEFAULT_ASK}))
    assert store.settings().ask_template == ""
    assert METHOD_WORDING in workflow.ask_message(store, ada.id)


@pytest.mark.parametrize(
    ("template", "fragment"),
    [
        ("Hi {nickname}", "{nickname} is not a placeholder; use one of {first_name}"),
        ("Hi {first_name.__class__}", "is not a placeholder"),
        ("Hi {0}", "{0} is not a placeholder"),
        ("Hi {first_name:>20}", "is not a placeholder"),
        ("Hi {first_name", "stray brace"),
        ("Hi first_name}", "stray brace"),
        ("  \n ", "empty"),
    ],
)
def test_a_bad_template_is_refused_with_a_message_and_changes_nothing(
    store: Store, ada: Contact, db_path: Path, template: str, fragment: str
) -> None:
    store.save_settings(workflow.settings_from_fields(store, {"my_name": "Sam", "nudge_days": "3"}))
    with unchanged_file(db_path), pytest.raises(InvalidInput) as caught:
        workflow.settings_from_fields(store, {"my_name": "Robin", "nudge_days": "9", "template": template})
    assert caught.value.field == "template"
    assert fragment in str(caught.value)
    # Not half applied in memory either: the next save, or the next ask, must not pick it up.
    assert (store.settings().my_name, store.settings().nudge_days) == ("Sam", 3)
    assert workflow.ask_message(store, ada.id).endswith("Sam")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"nudge_days": "soon"}, "nudge_days"),
        ({"nudge_days": "-1"}, "nudge_days"),
        ({"thank_you_days": "366"}, "thank_you_days"),
        ({"my_name": "x" * 201}, "my_name"),
    ],
)
def test_bad_reminder_settings_are_refused_at_their_field(
    store: Store, db_path: Path, values: dict[str, str], field: str
) -> None:
    store.save_settings(workflow.settings_from_fields(store, {"my_name": "Sam"}))
    with unchanged_file(db_path), pytest.raises(InvalidInput) as caught:
        workflow.settings_from_fields(store, {"my_name": "Robin", **values})
    assert caught.value.field == field
    assert store.settings().my_name == "Sam"


def test_log_ask_records_the_ask_moves_to_asked_and_queues_a_nudge(store: Store, ada: Contact) -> None:
    writes = Writes(store)
    nudge = workflow.log_ask(store, ada.id)
    assert writes.count == 1  # touch, stage and nudge land together
    assert store.contact(ada.id).stage is Stage.ASKED
    assert [(t.kind, t.at) for t in store.touches(ada.id)] == [(TouchKind.ASKED, NOW)]
    assert nudge.kind is FollowUpKind.NUDGE
    assert nudge.due == datetime(2026, 11, 30, 9, 0)  # five days later, start of the day
    assert nudge.contact_id == ada.id and nudge.is_open
    assert "25 Nov" in nudge.note
    assert store.followups() == [nudge]


def test_the_nudge_follows_the_configured_number_of_days(store: Store, ada: Contact) -> None:
    store.save_settings(workflow.settings_from_fields(store, {"nudge_days": "2"}))
    assert workflow.log_ask(store, ada.id).due == datetime(2026, 11, 27, 9, 0)


@pytest.mark.parametrize(
    ("asked", "days", "due"),
    [
        (datetime(2026, 11, 28, 10, 0), 5, datetime(2026, 12, 3, 9, 0)),  # across a month end
        (datetime(2026, 12, 30, 16, 0), 5, datetime(2027, 1, 4, 9, 0)),  # across a year end
        (datetime(2028, 2, 26, 10, 0), 3, datetime(2028, 2, 29, 9, 0)),  # onto a leap day
        (datetime(2028, 2, 26, 10, 0), 5, datetime(2028, 3, 2, 9, 0)),  # over a leap day
        (datetime(2027, 2, 26, 10, 0), 3, datetime(2027, 3, 1, 9, 0)),  # no leap day that year
        (datetime(2028, 2, 29, 23, 30), 1, datetime(2028, 3, 1, 9, 0)),  # from a leap day, late
    ],
)
def test_nudge_due_dates_at_month_ends_and_leap_days(
    store: Store, ada: Contact, clock: Clock, asked: datetime, days: int, due: datetime
) -> None:
    store.save_settings(workflow.settings_from_fields(store, {"nudge_days": str(days)}))
    clock.now = asked
    assert workflow.log_ask(store, ada.id).due == due


def test_asking_again_replaces_the_nudge(store: Store, ada: Contact, clock: Clock) -> None:
    first = workflow.log_ask(store, ada.id)
    clock.advance(days=6)
    second = workflow.log_ask(store, ada.id)
    assert open_of(store, ada.id) == [second]
    assert second.due == datetime(2026, 12, 6, 9, 0)
    closed = store.followup(first.id)
    assert closed.done_at == clock.now and "asked again" in closed.note
    assert kinds(store, ada.id) == [TouchKind.ASKED, TouchKind.ASKED]
    assert store.contact(ada.id).stage is Stage.ASKED


def test_log_ask_for_an_unknown_contact_changes_nothing(store: Store, db_path: Path) -> None:
    with unchanged_file(db_path), pytest.raises(NotFound):
        workflow.log_ask(store, 999)


def test_a_reply_clears_the_nudge(store: Store, ada: Contact, clock: Clock) -> None:
    nudge = workflow.log_ask(store, ada.id)
    replied_at = clock.advance(days=2, hours=3)
    writes = Writes(store)
    touch = workflow.log_reply(store, ada.id)
    assert writes.count == 1
    assert (touch.kind, touch.at, touch.note) == (TouchKind.REPLIED, replied_at, "")
    assert store.followups() == []
    assert store.followup(nudge.id).done_at == replied_at
    assert "they replied" in store.followup(nudge.id).note
    assert store.contact(ada.id).stage is Stage.ASKED  # a yes moves nothing until a date is set
    assert kinds(store, ada.id) == [TouchKind.ASKED, TouchKind.REPLIED]


def test_a_declined_reply_moves_the_contact_to_declined(store: Store, ada: Contact) -> None:
    workflow.log_ask(store, ada.id)
    touch = workflow.log_reply(store, ada.id, declined=True)
    assert touch.note == "declined"
    assert store.contact(ada.id).stage is Stage.DECLINED
    assert store.followups() == []


def test_a_declined_reply_leaves_a_closed_contact_closed(store: Store) -> None:
    closed = store.add_contact(Contact(name="Closed Case", stage=Stage.CLOSED))
    workflow.log_reply(store, closed.id, declined=True)
    assert store.contact(closed.id).stage is Stage.CLOSED


def test_schedule_needs_a_time_and_defaults_to_twenty_minutes(store: Store, ada: Contact, clock: Clock) -> None:
    workflow.log_ask(store, ada.id)
    clock.advance(days=1)
    writes = Writes(store)
    interview = workflow.schedule_interview(store, ada.id, "next tue 3pm")
    assert writes.count == 1  # the interview, the closed nudge and the stage together
    assert interview.when == datetime(2026, 12, 1, 15, 0)
    assert interview.minutes == 20
    assert interview.mode is InterviewMode.VIDEO
    assert interview.status is InterviewStatus.PLANNED
    assert interview.question_ids == [q.id for q in store.questions()]
    assert store.interviews(ada.id) == [interview]
    assert store.contact(ada.id).stage is Stage.SCHEDULED
    assert store.followups() == []  # a date was agreed: no nudge
    assert "scheduled" in store.followups(include_done=True)[0].note


def test_schedule_takes_minutes_mode_and_place(store: Store, ada: Contact) -> None:
    interview = workflow.schedule_interview(
        store, ada.id, "2026-12-03 14:30", minutes=" 45 ", mode="in person", where=" Café\x1b[31m Nero "
    )
    assert (interview.when, interview.minutes, interview.mode, interview.where) == (
        datetime(2026, 12, 3, 14, 30),
        45,
        InterviewMode.IN_PERSON,
        "Café Nero",
    )
    assert workflow.schedule_interview(store, ada.id, "fri 9am", mode=InterviewMode.PHONE).mode is InterviewMode.PHONE
    assert workflow.schedule_interview(store, ada.id, "fri 10am", mode="in_person").mode is InterviewMode.IN_PERSON


@pytest.mark.parametrize(
    ("when", "kwargs", "field"),
    [
        ("tomorrow", {}, "when"),
        ("2026-12-03", {}, "when"),
        ("next tue", {}, "when"),
        ("someday 3pm", {}, "when"),
        ("", {}, "when"),
        ("tomorrow 3pm", {"minutes": "0"}, "minutes"),
        ("tomorrow 3pm", {"minutes": "601"}, "minutes"),
        ("tomorrow 3pm", {"minutes": "twenty"}, "minutes"),
        ("tomorrow 3pm", {"minutes": "20.5"}, "minutes"),
        ("tomorrow 3pm", {"minutes": "-20"}, "minutes"),
        ("tomorrow 3pm", {"mode": "carrier pigeon"}, "mode"),
        ("tomorrow 3pm", {"mode": ""}, "mode"),
        ("tomorrow 3pm", {"where": "w" * 501}, "where"),
    ],
)
def test_bad_scheduling_input_is_refused_at_its_field_and_changes_nothing(
    store: Store, ada: Contact, db_path: Path, when: str, kwargs: dict[str, str], field: str
) -> None:
    workflow.log_ask(store, ada.id)
    with unchanged_file(db_path), pytest.raises(InvalidInput) as caught:
        workflow.schedule_interview(store, ada.id, when, **kwargs)
    assert caught.value.field == field
    assert store.interviews(ada.id) == []
    assert store.contact(ada.id).stage is Stage.ASKED
    assert [f.kind for f in store.followups()] == [FollowUpKind.NUDGE]


def test_a_date_without_a_time_says_so(store: Store, ada: Contact) -> None:
    with pytest.raises(InvalidInput, match="has no time"):
        workflow.schedule_interview(store, ada.id, "2026-12-03")


def test_scheduling_for_an_unknown_contact_changes_nothing(store: Store, db_path: Path) -> None:
    with unchanged_file(db_path), pytest.raises(NotFound):
        workflow.schedule_interview(store, 999, "tomorrow 3pm")


def test_dayfirst_setting_reads_followup_dates_like_scheduled_ones(store: Store, ada: Contact) -> None:
    chosen = store.settings()
    chosen.dayfirst = True
    store.save_settings(chosen)
    assert workflow.schedule_interview(store, ada.id, "03/04/2027 3pm").when == datetime(2027, 4, 3, 15, 0)
    assert workflow.add_followup(store, ada.id, "03/04/2027").due == datetime(2027, 4, 3, 9, 0)


# Step 3: prepare questions --------------------------------------------------------------------


def test_the_bank_is_seeded_with_the_methods_nine_questions(store: Store) -> None:
    bank = store.questions()
    assert [q.text for q in bank] == list(DEFAULT_QUESTIONS)
    assert len(bank) == 9
    assert "Tell me about your career path." in DEFAULT_QUESTIONS
    assert "Do you know anyone else I could contact?" in DEFAULT_QUESTIONS
    assert all(q.active for q in bank)


def test_add_edit_and_reorder_questions(store: Store) -> None:
    added = store.add_question(workflow.question_text({"text": "  What do you\x1b[1m wish you knew? "}))
    assert added.text == "What do you wish you knew?"
    assert store.questions()[-1] == added
    with pytest.raises(InvalidInput) as caught:
        workflow.question_text({"text": "  "})
    assert caught.value.field == "text"
    with pytest.raises(InvalidInput):
        workflow.question_text({})

    first, second = store.questions()[:2]
    first.text = workflow.question_text({"text": "Tell me about your path."})
    store.update_question(first)
    assert store.questions()[0].text == "Tell me about your path."

    store.move_question(second.id, -1)
    assert [q.id for q in store.questions()[:2]] == [second.id, first.id]
    store.move_question(added.id, -1)
    assert [q.text for q in store.questions()][-2:] == ["What do you wish you knew?", DEFAULT_QUESTIONS[-1]]
    ids = [q.id for q in store.questions()]
    store.move_question(ids[0], -1)  # already first
    store.move_question(ids[-1], +1)  # already last
    assert [q.id for q in store.questions()] == ids
    # New plans follow the bank's order.
    assert workflow.default_plan(store) == ids


def test_retiring_a_question_keeps_it_out_of_new_plans(store: Store, ada: Contact) -> None:
    target = store.questions()[2]
    retired = workflow.toggle_question(store, target.id)
    assert not retired.active
    assert target.id not in [q.id for q in store.questions()]
    assert target.id in [q.id for q in store.questions(include_retired=True)]
    interview = workflow.schedule_interview(store, ada.id, "tomorrow 3pm")
    assert target.id not in interview.question_ids and len(interview.question_ids) == 8
    assert workflow.toggle_question(store, target.id).active
    assert target.id in workflow.default_plan(store)
    with pytest.raises(NotFound):
        workflow.toggle_question(store, 999)


def test_set_plan_trims_extends_and_keeps_the_order_given(store: Store, ada: Contact) -> None:
    interview = workflow.capture(store, ada.id)
    ids = [q.id for q in store.questions()]
    trimmed = workflow.set_plan(store, interview.id, [ids[3], ids[0]])
    assert store.interview(interview.id).question_ids == [ids[3], ids[0]] == trimmed.question_ids
    retired = workflow.toggle_question(store, ids[5])
    extended = workflow.set_plan(store, interview.id, [ids[3], ids[0], retired.id, 999, ids[0]])
    assert extended.question_ids == [ids[3], ids[0], retired.id]  # unknown and repeated ids go
    document = workflow.interview_document(store, store.interview(interview.id))
    headings = [line[3:] for line in document.split("\n") if line.startswith("## ")]
    assert headings == [DEFAULT_QUESTIONS[3], DEFAULT_QUESTIONS[0], DEFAULT_QUESTIONS[5], "Notes", "Key takeaways"]


def test_a_one_off_question_is_for_one_conversation(store: Store, ada: Contact) -> None:
    interview = workflow.capture(store, ada.id)
    writes = Writes(store)
    one_off = workflow.add_one_off_question(store, {"text": "How was the move to Turin?"})
    assert writes.count == 1
    assert not one_off.active
    assert one_off in store.questions(include_retired=True)
    assert one_off not in store.questions()
    workflow.set_plan(store, interview.id, [*interview.question_ids, one_off.id])
    assert "## How was the move to Turin?" in workflow.interview_document(store, store.interview(interview.id))
    later = workflow.schedule_interview(store, ada.id, "next mon 2pm")
    assert one_off.id not in later.question_ids


def test_an_empty_one_off_question_changes_nothing(store: Store, db_path: Path) -> None:
    count = len(store.questions(include_retired=True))
    with unchanged_file(db_path), pytest.raises(InvalidInput) as caught:
        workflow.add_one_off_question(store, {"text": " "})
    assert caught.value.field == "text"
    assert len(store.questions(include_retired=True)) == count


def test_the_notes_document_shows_the_plan_as_questions_then_answers(store: Store, ada: Contact) -> None:
    interview = workflow.capture(store, ada.id)
    document = workflow.interview_document(store, interview)
    headings = [line[3:] for line in document.split("\n") if line.startswith("## ")]
    assert headings == [*DEFAULT_QUESTIONS, "Notes", "Key takeaways"]

    first, second = interview.question_ids[:2]
    filled = document.replace(
        f"## {DEFAULT_QUESTIONS[0]}\n", f"## {DEFAULT_QUESTIONS[0]}\nTeacher, then a bootcamp.\n"
    ).replace("## Key takeaways\n", "## Key takeaways\nBuild a portfolio.\n")
    filled = filled.replace("## Notes\n", "## Notes\nWarm and generous.\n")
    writes = Writes(store)
    saved = workflow.save_document(store, interview.id, filled)
    assert writes.count == 1
    assert saved.answers == {str(first): "Teacher, then a bootcamp."}
    assert saved.notes == "Warm and generous."
    assert saved.takeaways == "Build a portfolio."
    again = workflow.interview_document(store, store.interview(interview.id))
    assert f"## {DEFAULT_QUESTIONS[0]}\nTeacher, then a bootcamp.\n" in again
    assert second not in [int(k) for k in saved.answers]
    # Saving the same text again writes nothing.
    writes = Writes(store)
    workflow.save_document(store, interview.id, again)
    assert writes.count == 0


def test_an_answer_kept_under_a_key_in_other_digits_neither_stops_the_notes_nor_is_lost(store: Store, ada: Contact) -> None:
    # A file edited by hand: "²" is a digit to str.isdigit, and int() refuses it.
    interview = workflow.capture(store, ada.id)
    interview.answers = {"²": "kept as it is", str(interview.question_ids[0]): "first"}
    store.update_interview(interview)
    shown = workflow.interview_document(store, store.interview(interview.id))
    assert "first" in shown
    workflow.save_document(store, interview.id, shown.replace("first", "first, edited"))
    assert store.interview(interview.id).answers == {"²": "kept as it is", str(interview.question_ids[0]): "first, edited"}


def test_an_answered_question_taken_out_of_the_plan_stays_in_the_notes_after_the_plan(store: Store, ada: Contact) -> None:
    # Hidden, it could not be read, found or changed, and the answers view opened the editor
    # under another question, where what was typed was saved.
    interview = workflow.capture(store, ada.id)
    q1, q2, q3, q4 = interview.question_ids[:4]
    workflow.set_plan(store, interview.id, [q1, q2, q3])
    text = notes_doc.render(
        notes_doc.NotesDocument(
            workflow.notes_questions(store, store.interview(interview.id)),
            answers={q1: "answer-one", q2: "answer-two", q3: "answer-three"},
        )
    )
    workflow.save_document(store, interview.id, text)
    workflow.set_plan(store, interview.id, [q1, q3, q4])
    shown = workflow.interview_document(store, store.interview(interview.id))
    headings = [line for line in shown.splitlines() if line.startswith("## ")]
    assert headings == [f"## {DEFAULT_QUESTIONS[i]}" for i in (0, 2, 3, 1)] + ["## Notes", "## Key takeaways"]
    assert f"## {DEFAULT_QUESTIONS[1]}\nanswer-two\n" in shown
    workflow.save_document(store, interview.id, shown.replace("answer-two", "answer-two, edited"))
    assert store.interview(interview.id).answers == {
        str(q1): "answer-one",
        str(q2): "answer-two, edited",
        str(q3): "answer-three",
    }
    # Emptied there, it is out of the notes the next time, as any question out of the plan.
    shown = workflow.interview_document(store, store.interview(interview.id))
    workflow.save_document(store, interview.id, shown.replace("answer-two, edited", ""))
    assert DEFAULT_QUESTIONS[1] not in workflow.interview_document(store, store.interview(interview.id))
    workflow.set_plan(store, interview.id, [q1, q2, q3])
    assert f"## {DEFAULT_QUESTIONS[1]}\n\n" in workflow.interview_document(store, store.interview(interview.id))


PLAN = [(1, "Tell me about your career path."), (2, "What is an average day like?"), (3, "Who else?")]


def test_a_reworded_heading_keeps_its_answer_when_an_earlier_section_was_deleted() -> None:
    text = notes_doc.render(notes_doc.NotesDocument(PLAN, answers={1: "one", 2: "two", 3: "three"}))
    text = text[text.index("## What is an average day like?") :].replace("## Who else?", "## Who else could I ask?")
    # The reworded question's words are kept, as the first line of its answer: nothing typed is dropped.
    assert notes_doc.parse(text, PLAN).answers == {2: "two", 3: "Who else could I ask?\nthree"}


def test_a_heading_typed_in_the_notes_or_takeaways_stays_there() -> None:
    text = notes_doc.render(notes_doc.NotesDocument(PLAN[:2], answers={1: "one"}))
    text = text.replace("## Notes\n", "## Notes\nWarm.\n## Ideas\nAsk about Turin.\n")
    text = text.replace("## Key takeaways\n", "## Key takeaways\nApply.\n## Next\nPortfolio.\n")
    parsed = notes_doc.parse(text, PLAN)  # question 3 is in the plan but has no section
    assert parsed.answers == {1: "one"}
    assert parsed.notes == "Warm.\n## Ideas\nAsk about Turin."  # exactly as typed
    assert parsed.takeaways == "Apply.\n## Next\nPortfolio."


def test_a_stray_heading_inside_an_answer_does_not_shift_the_others() -> None:
    text = notes_doc.render(notes_doc.NotesDocument(PLAN, answers={1: "one", 2: "two", 3: "three"}))
    text = text.replace("one\n", "one\n## Aside\nmore\n")
    parsed = notes_doc.parse(text, PLAN)
    # Kept, with its heading, where it was pasted: in the answer, not moved to the notes.
    assert parsed.answers == {1: "one\n## Aside\nmore", 2: "two", 3: "three"}
    assert parsed.notes == ""


def test_answers_survive_a_heading_moved_after_the_notes() -> None:
    text = notes_doc.render(notes_doc.NotesDocument(PLAN, answers={1: "one", 2: "two", 3: "three"}, notes="n"))
    section = "## What is an average day like?\ntwo\n"
    text = text.replace(section, "") + "\n" + section
    parsed = notes_doc.parse(text, PLAN)
    assert parsed.answers == {1: "one", 2: "two", 3: "three"}
    assert parsed.notes == "n"


def test_capture_opens_the_latest_conversation_whose_time_came_that_was_not_cancelled(
    store: Store, ada: Contact, clock: Clock
) -> None:
    older = workflow.schedule_interview(store, ada.id, "2026-11-20 10am")
    newer = workflow.schedule_interview(store, ada.id, "2026-12-02 10am")
    # The one still to come waits: notes taken now are of the one whose time came.
    assert workflow.capture(store, ada.id) == older
    older.status = InterviewStatus.CANCELLED
    store.update_interview(older)
    assert workflow.capture(store, ada.id) == newer
    newer.status = InterviewStatus.CANCELLED
    store.update_interview(newer)
    writes = Writes(store)
    fresh = workflow.capture(store, ada.id)
    assert writes.count == 1
    assert fresh.id not in (older.id, newer.id)
    assert fresh.when == NOW and fresh.status is InterviewStatus.PLANNED
    assert fresh.question_ids == workflow.default_plan(store)
    assert workflow.capture(store, ada.id) == fresh  # and the same one next time
    with pytest.raises(NotFound):
        workflow.capture(store, 999)


def test_capture_creates_no_stage_change(store: Store, ada: Contact) -> None:
    workflow.capture(store, ada.id)
    assert store.contact(ada.id).stage is Stage.IDENTIFIED
    assert store.touches(ada.id) == []


# Step 3/4: done, thank-you, referrer ----------------------------------------------------------


def test_mark_done_moves_to_interviewed_and_queues_a_handwritten_thank_you(
    store: Store, ada: Contact, clock: Clock
) -> None:
    interview = workflow.schedule_interview(store, ada.id, "today 11am")
    clock.now = datetime(2026, 11, 25, 11, 25)
    writes = Writes(store)
    created = workflow.mark_done(store, interview.id)
    assert writes.count == 1
    assert store.interview(interview.id).status is InterviewStatus.DONE
    assert store.contact(ada.id).stage is Stage.INTERVIEWED
    assert [(t.kind, t.at) for t in store.touches(ada.id)] == [(TouchKind.MET, datetime(2026, 11, 25, 11, 0))]
    (thank_you,) = created
    assert thank_you.kind is FollowUpKind.THANK_YOU
    assert thank_you.channel == "handwritten"
    assert thank_you.due == datetime(2026, 11, 26, 9, 0)
    assert (thank_you.contact_id, thank_you.interview_id) == (ada.id, interview.id)
    assert store.followups() == [thank_you]
    assert workflow.address_missing(store, thank_you)


def test_marking_done_twice_creates_nothing_more(store: Store, ada: Contact, clock: Clock, db_path: Path) -> None:
    interview = workflow.capture(store, ada.id)
    (thank_you,) = workflow.mark_done(store, interview.id)
    clock.advance(days=2)
    with unchanged_file(db_path):
        assert workflow.mark_done(store, interview.id) == []
    workflow.complete_followup(store, thank_you.id)
    assert workflow.mark_done(store, interview.id) == []
    assert len(store.followups(include_done=True)) == 1
    assert kinds(store, ada.id) == [TouchKind.MET, TouchKind.THANKED]
    assert store.contact(ada.id).stage is Stage.THANKED


def test_mark_done_of_an_unknown_conversation(store: Store, db_path: Path) -> None:
    with unchanged_file(db_path), pytest.raises(NotFound):
        workflow.mark_done(store, 999)


@pytest.mark.parametrize(
    ("done", "due"),
    [
        (datetime(2028, 2, 28, 16, 0), datetime(2028, 2, 29, 9, 0)),  # a leap day
        (datetime(2028, 2, 29, 16, 0), datetime(2028, 3, 1, 9, 0)),  # from a leap day
        (datetime(2027, 2, 28, 16, 0), datetime(2027, 3, 1, 9, 0)),  # no leap day
        (datetime(2026, 11, 30, 23, 59), datetime(2026, 12, 1, 9, 0)),  # a month end
        (datetime(2026, 12, 31, 10, 0), datetime(2027, 1, 1, 9, 0)),  # a year end
    ],
)
def test_thank_you_due_dates_at_month_ends_and_leap_days(
    store: Store, ada: Contact, clock: Clock, done: datetime, due: datetime
) -> None:
    clock.now = done
    interview = workflow.capture(store, ada.id)
    (thank_you,) = workflow.mark_done(store, interview.id)
    assert thank_you.due == due


def test_thank_you_days_and_channel_follow_the_settings(store: Store, ada: Contact, clock: Clock) -> None:
    store.save_settings(workflow.settings_from_fields(store, {"thank_you_days": "3", "thank_you_channel": "email"}))
    ada.address = "1 Example Way"
    store.update_contact(ada)
    clock.now = datetime(2028, 2, 27, 15, 0)
    (thank_you,) = workflow.mark_done(store, workflow.capture(store, ada.id).id)
    assert thank_you.channel == "email"
    assert thank_you.due == datetime(2028, 3, 1, 9, 0)
    assert not workflow.address_missing(store, thank_you)


def test_address_missing_only_for_a_handwritten_thank_you_without_an_address(store: Store, ada: Contact) -> None:
    (thank_you,) = workflow.mark_done(store, workflow.capture(store, ada.id).id)
    assert workflow.address_missing(store, thank_you)
    ada.address = "   "
    store.update_contact(ada)
    assert workflow.address_missing(store, thank_you)
    ada.address = "1 Example Way\nTurin"
    store.update_contact(ada)
    assert not workflow.address_missing(store, thank_you)
    ada.address = ""
    store.update_contact(ada)
    emailed = FollowUp(contact_id=ada.id, due=NOW, kind=FollowUpKind.THANK_YOU, channel="email")
    nudge = FollowUp(contact_id=ada.id, due=NOW, kind=FollowUpKind.NUDGE)
    assert not workflow.address_missing(store, emailed)
    assert not workflow.address_missing(store, nudge)


def test_completing_the_thank_you_logs_it_and_moves_to_thanked(store: Store, ada: Contact, clock: Clock) -> None:
    (thank_you,) = workflow.mark_done(store, workflow.capture(store, ada.id).id)
    sent = clock.advance(days=1)
    writes = Writes(store)
    done = workflow.complete_followup(store, thank_you.id)
    assert writes.count == 1
    assert done.done_at == sent
    assert store.followups() == []
    assert [(t.kind, t.at) for t in store.touches(ada.id)][-1] == (TouchKind.THANKED, sent)
    assert store.contact(ada.id).stage is Stage.THANKED
    # Completing it again logs no second thank-you.
    clock.advance(days=1)
    writes = Writes(store)
    workflow.complete_followup(store, thank_you.id)
    assert writes.count == 0
    assert kinds(store, ada.id) == [TouchKind.MET, TouchKind.THANKED]
    assert store.followup(thank_you.id).done_at == sent


def test_mark_done_clears_a_nudge_left_open(store: Store, ada: Contact, clock: Clock) -> None:
    workflow.log_ask(store, ada.id)
    clock.advance(days=1)
    workflow.mark_done(store, workflow.capture(store, ada.id).id)  # they met without a logged reply
    assert [f.kind for f in store.followups()] == [FollowUpKind.THANK_YOU]


def test_interviewing_a_referred_person_reminds_to_thank_the_referrer(store: Store, ada: Contact, clock: Clock) -> None:
    grace = workflow.add_referral(store, workflow.capture(store, ada.id).id, {"name": "Grace Example"})
    interview = workflow.schedule_interview(store, grace.id, "fri 2pm")
    clock.now = datetime(2026, 11, 27, 14, 30)
    writes = Writes(store)
    thank_you, referral = workflow.mark_done(store, interview.id)
    assert writes.count == 1
    assert (thank_you.kind, thank_you.contact_id) == (FollowUpKind.THANK_YOU, grace.id)
    assert (referral.kind, referral.contact_id, referral.interview_id) == (FollowUpKind.REFERRAL, ada.id, interview.id)
    assert referral.due == datetime(2026, 11, 28, 9, 0)
    assert "Thank Ada Placeholder for introducing Grace Example" in referral.note
    assert "how it went" in referral.note
    # The referrer's own stage is not touched by someone else's conversation.
    assert store.contact(ada.id).stage is Stage.IDENTIFIED
    assert workflow.mark_done(store, interview.id) == []
    assert len(open_of(store, ada.id, FollowUpKind.REFERRAL)) == 1
    # Telling the referrer how it went is a touch with them.
    done = workflow.complete_followup(store, referral.id)
    assert kinds(store, ada.id) == [TouchKind.UPDATED]
    assert store.touches(ada.id)[0].at == done.done_at
    assert store.contact(ada.id).stage is Stage.IDENTIFIED


def test_no_referrer_follow_up_without_a_referrer(store: Store, ada: Contact) -> None:
    created = workflow.mark_done(store, workflow.capture(store, ada.id).id)
    assert [f.kind for f in created] == [FollowUpKind.THANK_YOU]


# Stages follow from what happened, forward only ------------------------------------------------


@pytest.mark.parametrize("start", [Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH])
def test_later_steps_never_move_a_contact_back(store: Store, start: Stage) -> None:
    contact = store.add_contact(Contact(name="Further Along", stage=start))
    workflow.log_ask(store, contact.id)
    assert store.contact(contact.id).stage is start
    workflow.log_reply(store, contact.id)
    interview = workflow.schedule_interview(store, contact.id, "tomorrow 3pm")
    assert store.contact(contact.id).stage is start
    workflow.mark_done(store, interview.id)
    assert store.contact(contact.id).stage is start


@pytest.mark.parametrize("start", [Stage.DECLINED, Stage.CLOSED])
def test_declined_and_closed_stay_through_every_step(store: Store, start: Stage) -> None:
    contact = store.add_contact(Contact(name="Said No", stage=start))
    workflow.log_ask(store, contact.id)
    workflow.log_reply(store, contact.id)
    interview = workflow.schedule_interview(store, contact.id, "tomorrow 3pm")
    (thank_you,) = workflow.mark_done(store, interview.id)
    workflow.complete_followup(store, thank_you.id)
    assert store.contact(contact.id).stage is start
    # What happened is still on record.
    assert kinds(store, contact.id) == [TouchKind.ASKED, TouchKind.REPLIED, TouchKind.MET, TouchKind.THANKED]


def met(store: Store, contact: Contact) -> FollowUp:
    """Hold a conversation with ``contact``; the thank-you it leaves owed."""
    (thank_you,) = workflow.mark_done(store, workflow.schedule_interview(store, contact.id, "today 9am").id)
    assert thank_you.kind is FollowUpKind.THANK_YOU
    return thank_you


def test_a_check_in_while_the_thank_you_is_owed_leaves_them_interviewed(store: Store, ada: Contact) -> None:
    thank_you = met(store, ada)
    workflow.complete_check_in(store, ada.id, note="Coffee")
    # The check-in is still on record; only the stage waits for the thank-you.
    assert kinds(store, ada.id) == [TouchKind.MET, TouchKind.UPDATED]
    assert store.contact(ada.id).stage is Stage.INTERVIEWED
    assert open_of(store, ada.id, FollowUpKind.THANK_YOU) == [thank_you]
    # Doing the thank-you afterwards moves them on as it always did.
    workflow.complete_followup(store, thank_you.id)
    assert store.contact(ada.id).stage is Stage.THANKED
    workflow.complete_check_in(store, ada.id)
    assert store.contact(ada.id).stage is Stage.KEEPING_IN_TOUCH


def test_a_stored_check_in_done_while_the_thank_you_is_owed_leaves_them_interviewed(store: Store, ada: Contact) -> None:
    thank_you = met(store, ada)
    check_in = workflow.add_followup(store, ada.id, "in 90 days", kind=FollowUpKind.CHECK_IN)
    workflow.complete_followup(store, check_in.id)
    assert store.followup(check_in.id).done_at is not None
    assert store.contact(ada.id).stage is Stage.INTERVIEWED
    workflow.complete_followup(store, thank_you.id)
    assert store.contact(ada.id).stage is Stage.THANKED


def test_a_snoozed_thank_you_is_still_owed(store: Store, ada: Contact) -> None:
    queue.snooze(store, met(store, ada), "in 5 days")
    workflow.complete_check_in(store, ada.id)
    assert store.contact(ada.id).stage is Stage.INTERVIEWED


def test_a_check_in_after_the_thank_you_moves_them_to_keeping_in_touch(store: Store, ada: Contact) -> None:
    workflow.complete_followup(store, met(store, ada).id)
    assert store.contact(ada.id).stage is Stage.THANKED
    workflow.complete_check_in(store, ada.id)
    assert store.contact(ada.id).stage is Stage.KEEPING_IN_TOUCH


def test_other_open_follow_ups_do_not_hold_a_check_in_back(store: Store, ada: Contact) -> None:
    # Interviewed with no thank-you open (none was queued for them): the check-in moves them on.
    contact = store.add_contact(Contact(name="Alex Example", stage=Stage.INTERVIEWED))
    workflow.add_followup(store, contact.id, "tomorrow", kind=FollowUpKind.NUDGE)
    workflow.add_followup(store, contact.id, "tomorrow", note="Send the article")
    workflow.complete_check_in(store, contact.id)
    assert store.contact(contact.id).stage is Stage.KEEPING_IN_TOUCH


def test_a_thank_you_owed_to_someone_else_does_not_hold_a_check_in_back(store: Store, ada: Contact) -> None:
    met(store, ada)
    other = store.add_contact(Contact(name="Alex Example", stage=Stage.INTERVIEWED))
    workflow.complete_check_in(store, other.id)
    assert store.contact(other.id).stage is Stage.KEEPING_IN_TOUCH
    assert store.contact(ada.id).stage is Stage.INTERVIEWED


def test_a_thanked_contact_owed_a_second_thank_you_still_moves_on(store: Store, ada: Contact, clock: Clock) -> None:
    # Thanked for a first conversation, they are past the thank-you step; a second conversation's
    # thank-you does not take that back.
    workflow.complete_followup(store, met(store, ada).id)
    clock.advance(days=7)
    met(store, ada)
    assert store.contact(ada.id).stage is Stage.THANKED
    workflow.complete_check_in(store, ada.id)
    assert store.contact(ada.id).stage is Stage.KEEPING_IN_TOUCH


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(("capture_done", "thank", "check_in", "stored_check_in")), max_size=8))
def test_nobody_is_past_the_thank_you_step_without_having_been_thanked(steps: list[str]) -> None:
    clock = Clock()
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "w.json", clock=clock) as store:
        contact = store.add_contact(Contact(name="Prop Erty", stage=Stage.SCHEDULED))
        for step in steps:
            clock.advance(hours=5)
            if step == "capture_done":
                workflow.mark_done(store, workflow.capture(store, contact.id).id)
            elif step == "thank":
                for followup in open_of(store, contact.id, FollowUpKind.THANK_YOU):
                    workflow.complete_followup(store, followup.id)
            elif step == "check_in":
                workflow.complete_check_in(store, contact.id)
            else:
                check_in = workflow.add_followup(store, contact.id, "tomorrow", kind=FollowUpKind.CHECK_IN)
                workflow.complete_followup(store, check_in.id)
            stage = store.contact(contact.id).stage
            if stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH):
                assert TouchKind.THANKED in kinds(store, contact.id)
            # Once thanked, a check-in always moves them on.
            if step.endswith("check_in") and TouchKind.THANKED in kinds(store, contact.id):
                assert stage is Stage.KEEPING_IN_TOUCH


STEPS = ("ask", "reply", "decline", "schedule", "capture_done", "thank", "note")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(STEPS), max_size=8), st.sampled_from([*STAGE_ORDER]))
def test_any_sequence_of_steps_only_moves_the_stage_forward(steps: list[str], start: Stage) -> None:
    clock = Clock()
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "w.json", clock=clock) as store:
        contact = store.add_contact(Contact(name="Prop Erty", stage=start))
        previous = start
        for step in steps:
            created: list[FollowUp] = []
            clock.advance(hours=5)
            if step == "ask":
                workflow.log_ask(store, contact.id)
            elif step == "reply":
                workflow.log_reply(store, contact.id)
            elif step == "decline":
                workflow.log_reply(store, contact.id, declined=True)
            elif step == "schedule":
                workflow.schedule_interview(store, contact.id, "tomorrow 3pm")
            elif step == "capture_done":
                created = workflow.mark_done(store, workflow.capture(store, contact.id).id)
            elif step == "thank":
                for followup in open_of(store, contact.id, FollowUpKind.THANK_YOU):
                    workflow.complete_followup(store, followup.id)
            else:
                workflow.add_note(store, contact.id, "a note")
            stage = store.contact(contact.id).stage
            if previous is Stage.DECLINED:
                assert stage is Stage.DECLINED
            elif stage is Stage.DECLINED:
                assert step == "decline"
            else:
                assert STAGE_ORDER.index(stage) >= STAGE_ORDER.index(previous)
            previous = stage
            # At most one nudge is ever open, and none once they replied or met.
            nudges = open_of(store, contact.id, FollowUpKind.NUDGE)
            assert len(nudges) <= 1
            if step in ("reply", "decline", "schedule") or created:
                assert nudges == []
        # The touches are a faithful record of the steps.
        assert kinds(store, contact.id).count(TouchKind.ASKED) == steps.count("ask")
        assert kinds(store, contact.id).count(TouchKind.REPLIED) == steps.count("reply") + steps.count("decline")


# The whole story ------------------------------------------------------------------------------


def test_the_method_end_to_end(store: Store, clock: Clock) -> None:
    # 1. Identify: the people you know, warmest first.
    store.save_settings(workflow.settings_from_fields(store, {"my_name": "Robin"}))
    for values in (
        {"name": "Carl Cold", "relationship": "cold", "company": "Mega Corp"},
        {"name": "Ada Placeholder", "relationship": "colleague", "field": "software", "address": "1 Example Way"},
        {"name": "Mum", "relationship": "family"},
        {"name": "fran Friend", "relationship": "friend"},
    ):
        store.add_contact(workflow.contact_from_fields(store, values))
    ordered = warmest_first(store.contacts())
    assert [c.name for c in ordered] == ["Mum", "fran Friend", "Ada Placeholder", "Carl Cold"]
    index = [(search_key(c), c) for c in ordered]
    assert [c.name for c in filter_contacts(index, "rel:col")] == ["Ada Placeholder", "Carl Cold"]
    ada = filter_contacts(index, "rel:colleague stage:ident software")[0]
    assert ada.name == "Ada Placeholder"

    # 2. Ask for 20 minutes; she replies two days later; a date is set.
    assert METHOD_WORDING in workflow.ask_message(store, ada.id)
    nudge = workflow.log_ask(store, ada.id)
    assert store.contact(ada.id).stage is Stage.ASKED
    assert [c.name for c in filter_contacts([(search_key(c), c) for c in store.contacts()], "stage:asked")] == ["Ada Placeholder"]
    clock.advance(days=2)
    workflow.log_reply(store, ada.id)
    assert store.followup(nudge.id).done_at == clock.now
    interview = workflow.schedule_interview(store, ada.id, "mon 2pm")
    assert interview.when == datetime(2026, 11, 30, 14, 0)
    assert store.contact(ada.id).stage is Stage.SCHEDULED

    # 3. The conversation: notes in the plan, a referral, done.
    clock.now = datetime(2026, 11, 30, 14, 5)
    assert workflow.capture(store, ada.id).id == interview.id
    document = workflow.interview_document(store, interview)
    last = DEFAULT_QUESTIONS[-1]
    document = document.replace(f"## {last}\n", f"## {last}\nTalk to Grace Example.\n")
    workflow.save_document(store, interview.id, document)
    grace = workflow.add_referral(store, interview.id, {"name": "Grace Example", "field": "compilers"})
    clock.now = datetime(2026, 11, 30, 14, 30)
    (ada_thanks,) = workflow.mark_done(store, interview.id)
    assert store.contact(ada.id).stage is Stage.INTERVIEWED
    assert store.interview(interview.id).answers == {str(interview.question_ids[-1]): "Talk to Grace Example."}
    assert ada_thanks.due == datetime(2026, 12, 1, 9, 0)
    assert not workflow.address_missing(store, ada_thanks)

    # The referral goes through the method too, and her conversation reminds to thank Ada.
    assert "Ada Placeholder suggested I get in touch." in workflow.ask_message(store, grace.id)
    workflow.log_ask(store, grace.id)
    clock.advance(days=1)
    workflow.log_reply(store, grace.id)
    grace_talk = workflow.schedule_interview(store, grace.id, "2026-12-04 10:00", mode="phone")
    clock.now = datetime(2026, 12, 4, 10, 25)
    grace_thanks, tell_ada = workflow.mark_done(store, grace_talk.id)
    assert tell_ada.contact_id == ada.id and tell_ada.kind is FollowUpKind.REFERRAL
    assert workflow.address_missing(store, grace_thanks)

    # 4. Stay in contact: the note to Ada goes out, then word of how it went with Grace.
    workflow.complete_followup(store, ada_thanks.id)
    workflow.complete_followup(store, tell_ada.id)
    assert store.contact(ada.id).stage is Stage.THANKED
    assert kinds(store, ada.id) == [
        TouchKind.ASKED,
        TouchKind.REPLIED,
        TouchKind.MET,
        TouchKind.THANKED,
        TouchKind.UPDATED,
    ]
    assert store.contact(grace.id).stage is Stage.INTERVIEWED
    assert kinds(store, grace.id) == [TouchKind.ASKED, TouchKind.REPLIED, TouchKind.MET]
    assert [(f.contact_id, f.kind) for f in store.followups()] == [(grace.id, FollowUpKind.THANK_YOU)]
    # Nothing left behind: no nudges open for either of them.
    assert not any(f.kind is FollowUpKind.NUDGE for f in store.followups())
    # And all of it is on disk: a fresh open reads back the same story.
    store.close()
    with Store.open(store.path, clock=clock) as reopened:
        assert reopened.contact(ada.id).stage is Stage.THANKED
        assert [t.kind for t in reopened.touches(ada.id)] == kinds(store, ada.id)
        assert reopened.followups() == store.followups()
