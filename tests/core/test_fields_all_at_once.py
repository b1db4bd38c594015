"""The checks of a form's fields refuse every field that is wrong in one go (InvalidFields, one
refusal per field), and change nothing: no record, no id used up, no byte of the file. A single
field that is wrong is refused as it always was."""

from __future__ import annotations

import pytest
from builders import planned_conversation

from interview_tui.core import conversations, workflow
from interview_tui.core.errors import FieldChecks, InvalidFields, InvalidInput
from interview_tui.core.models import Contact


def refused(caught: pytest.ExceptionInfo[InvalidInput]) -> dict[str | None, str]:
    error = caught.value
    assert isinstance(error, InvalidFields)
    return {refusal.field: str(refusal) for refusal in error.refusals}


def test_a_contact_is_refused_for_every_field_that_is_wrong(store) -> None:
    before = store.path.read_bytes()
    with pytest.raises(InvalidFields) as caught:
        workflow.contact_from_fields(
            store,
            {"name": "", "email": "bo at example", "cadence": "sometimes", "referred_by": "Nobody Here", "phone": "0" * 600},
        )
    said = refused(caught)
    assert list(said) == ["name", "email", "phone", "cadence", "referred_by"]
    assert said["name"] == "A name is required."
    assert said["email"] == "'bo at example' is not an email address; it should look like name@example.org."
    assert said["referred_by"] == "No contact named 'Nobody Here'. Leave it empty, or give someone in the contact list."
    # Anywhere but a form (the command line), the message is every one of them; code that knows
    # only one field per refusal is sent to the first of them, top to bottom.
    assert str(caught.value) == " ".join(said.values())
    assert caught.value.field == "name"
    assert store.contacts() == []
    assert store.path.read_bytes() == before
    # No id was used up: the first contact added has the first.
    assert store.add_contact(workflow.contact_from_fields(store, {"name": "Bo Placeholder"})).id == 1


def test_one_wrong_field_is_refused_as_it_always_was(store) -> None:
    with pytest.raises(InvalidInput) as caught:
        workflow.contact_from_fields(store, {"name": "Bo Placeholder", "email": "bo at example"})
    assert not isinstance(caught.value, InvalidFields)
    assert caught.value.field == "email"


def test_a_schedule_is_refused_for_its_date_length_way_and_place_at_once(store) -> None:
    contact = store.add_contact(Contact(name="Ann Example"))
    before = store.path.read_bytes()
    with pytest.raises(InvalidFields) as caught:
        workflow.schedule_interview(store, contact.id, "the thirty", minutes="lots", mode="carrier pigeon", where="x" * 600)
    assert list(refused(caught)) == ["when", "minutes", "mode", "where"]
    assert store.all_interviews() == []
    assert store.path.read_bytes() == before


def test_a_range_is_weighed_against_the_length_once_both_are_read(store) -> None:
    """The one check that needs two fields read: it waits for both, then refuses at the length."""
    contact = store.add_contact(Contact(name="Ann Example"))
    with pytest.raises(InvalidInput) as caught:
        workflow.schedule_interview(store, contact.id, "mon 2-2:30pm", minutes="lots")
    assert not isinstance(caught.value, InvalidFields)
    assert caught.value.field == "minutes"
    with pytest.raises(InvalidInput) as caught:
        workflow.schedule_interview(store, contact.id, "mon 2-2:30pm", minutes="45")
    assert caught.value.field == "minutes"
    assert "is 30 minutes but the length says 45" in str(caught.value)


def test_a_move_is_refused_for_its_date_length_and_way_at_once(store) -> None:
    _, interview = planned_conversation(store, "Ann Example", "fri 3pm", asked=True)
    before = store.path.read_bytes()
    with pytest.raises(InvalidFields) as caught:
        conversations.move(store, interview.id, "yesterday 3pm", minutes="lots", mode="carrier pigeon")
    said = refused(caught)
    assert list(said) == ["when", "minutes", "mode"]
    assert said["when"] == "Tue 24 Nov 2026 15:00 has passed; move it to a time to come."
    assert store.interview(interview.id) == interview
    assert store.path.read_bytes() == before


def test_a_follow_up_is_refused_for_its_date_note_and_repeat_at_once(store) -> None:
    contact = store.add_contact(Contact(name="Ann Example"))
    before = store.path.read_bytes()
    with pytest.raises(InvalidFields) as caught:
        workflow.add_followup(store, contact.id, "whenever", note="x" * 600, repeat="sometimes")
    assert list(refused(caught)) == ["due", "note", "repeat"]
    assert store.followups(include_done=True) == []
    assert store.path.read_bytes() == before


def test_the_settings_are_refused_for_every_field_that_is_wrong(store) -> None:
    settings = store.settings()
    with pytest.raises(InvalidFields) as caught:
        workflow.settings_from_fields(store, {"template": "Hi {nobody}", "nudge_days": "soon", "thank_you_days": "400"})
    assert list(refused(caught)) == ["template", "nudge_days", "thank_you_days"]
    assert store.settings() == settings


def test_an_update_to_everyone_is_refused_for_its_outcome_and_date_at_once(store) -> None:
    with pytest.raises(InvalidFields) as caught:
        workflow.update_everyone(store, "", "whenever")
    assert list(refused(caught)) == ["outcome", "due"]


def test_checks_file_a_refusal_under_the_field_they_are_made_for() -> None:
    checks = FieldChecks()
    with checks.at("due"):
        raise InvalidInput("Type a date.")
    with checks.at("note"):
        pass
    with pytest.raises(InvalidInput) as caught:
        checks.refuse_any()
    assert (caught.value.field, str(caught.value)) == ("due", "Type a date.")
