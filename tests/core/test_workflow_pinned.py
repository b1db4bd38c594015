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
from interview_tui.core.workflow import fields


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
