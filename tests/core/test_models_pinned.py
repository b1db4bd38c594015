"""The records pinned: why a stored value is refused, said word for word (its kind, what the
field must hold, a long value cut), lists and objects checked item by item, a record written
without the fields at their defaults, and each side of every bound."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from interview_tui.core.models import BadField, Contact, Interview, Record, Settings, out_of_bounds

WHEN = "2026-11-25T10:00:00"


def talk(**fields: Any) -> dict[str, Any]:
    return {"contact_id": 1, "when": WHEN, **fields}


@pytest.mark.parametrize(
    ("model", "doc", "message"),
    [
        (Contact, {"name": False}, 'field "name": expected text, found false'),
        (Contact, {"name": True}, 'field "name": expected text, found true'),
        (Contact, {"name": 1.5}, 'field "name": expected text, found a number (1.5)'),
        (Contact, {"name": None}, 'field "name": expected text, found null'),
        (Contact, {}, 'field "name" is missing (it must hold text)'),
        (Interview, talk(minutes="x" * 38), f'field "minutes": expected a whole number, found text ("{"x" * 38}")'),
        (Interview, talk(minutes="x" * 39), f'field "minutes": expected a whole number, found text ("{"x" * 38}…)'),
        (Interview, talk(when="soon"),
         'field "when": expected a date and time such as 2026-11-25T10:00:00, found text ("soon")'),
        (Contact, {"name": "A", "relationship": "boss"},
         'field "relationship": expected one of "friend", "family", "classmate", "colleague", "alumni", '
         '"referral", "cold", found text ("boss")'),
        (Interview, talk(question_ids="x"), 'field "question_ids": expected a list of whole numbers, found text ("x")'),
        (Interview, talk(question_ids=[1, "2"]),
         'field "question_ids": expected a list of whole numbers, found a list ([1, "2"])'),
        (Interview, talk(question_ids=[1, True]),
         'field "question_ids": expected a list of whole numbers, found a list ([1, true])'),
        (Interview, talk(answers=[]), 'field "answers": expected an object whose values are text, found a list ([])'),
        (Interview, talk(answers={"1": 2}),
         'field "answers": expected an object whose values are text, found an object ({"1": 2})'),
        (Contact, {"name": "A", "tags": "x"}, 'field "tags": expected a list of text, found text ("x")'),
        (Contact, {"name": "A", "tags": ["a", 1]}, 'field "tags": expected a list of text, found a list (["a", 1])'),
        (Settings, {"dayfirst": 1}, 'field "dayfirst": expected true or false, found a number (1)'),
    ],
)
def test_a_stored_value_is_refused_saying_what_the_field_holds_and_what_it_found(
    model: type[Record], doc: dict[str, Any], message: str
) -> None:
    with pytest.raises(BadField) as refused:
        model.from_doc(doc, 1)
    assert str(refused.value) == message
    assert refused.value.field == message.split('"')[1]


@pytest.mark.parametrize(
    ("model", "doc", "field", "read"),
    [
        (Interview, talk(question_ids=[]), "question_ids", []),
        (Interview, talk(question_ids=[3, 1]), "question_ids", [3, 1]),
        (Interview, talk(answers={}), "answers", {}),
        (Interview, talk(answers={"1": "a", "2": ""}), "answers", {"1": "a", "2": ""}),
        (Contact, {"name": "A", "tags": []}, "tags", []),
        (Contact, {"name": "A", "tags": ["a", "b"]}, "tags", ["a", "b"]),
        (Contact, {"name": "A", "referred_by": None}, "referred_by", None),
    ],
)
def test_lists_and_objects_are_read_whole_and_as_copies(
    model: type[Record], doc: dict[str, Any], field: str, read: Any
) -> None:
    record = model.from_doc(doc, 1)
    assert getattr(record, field) == read
    if isinstance(read, (list, dict)) and read:
        doc[field].clear()  # the stored document stays as it was read until the record is saved
        assert getattr(record, field) == read


def test_a_record_is_written_without_the_fields_at_their_defaults() -> None:
    assert Contact(name="Alex Example").to_doc() == {"name": "Alex Example"}
    assert Interview(contact_id=1, when=datetime(2026, 1, 1)).to_doc() == {"contact_id": 1, "when": "2026-01-01T00:00:00"}
    assert Settings().to_doc() == {}
    assert "tags" in Contact(name="A").to_doc(complete=True)


@pytest.mark.parametrize(
    ("model", "doc", "problem"),
    [
        (Interview, talk(minutes=1), None),
        (Interview, talk(minutes=600), None),
        (Interview, talk(minutes=0), 'field "minutes": expected a number from 1 to 600, found 0'),
        (Interview, talk(minutes=601), 'field "minutes": expected a number from 1 to 600, found 601'),
        (Contact, {"name": "A", "cadence_days": 0}, None),
        (Contact, {"name": "A", "cadence_days": 3650}, None),
        (Contact, {"name": "A", "cadence_days": -1}, 'field "cadence_days": expected a number from 0 to 3,650, found -1'),
        (Contact, {"name": "A", "cadence_days": 3651},
         'field "cadence_days": expected a number from 0 to 3,650, found 3,651'),
        (Interview, talk(when="1900-01-01T00:00:00"), None),
        (Interview, talk(when="2999-12-31T23:59:59"), None),
        (Interview, talk(when="1899-12-31T23:59:59"),
         'field "when": expected a date from 1900 to 2999, found 1899-12-31T23:59:59'),
        (Interview, talk(when="3000-01-01T00:00:00"),
         'field "when": expected a date from 1900 to 2999, found 3000-01-01T00:00:00'),
    ],
)
def test_each_side_of_every_bound(model: type[Record], doc: dict[str, Any], problem: str | None) -> None:
    records = {7: model.from_doc(doc, 7)}
    assert out_of_bounds(records, model) == (None if problem is None else (7, problem))


@pytest.mark.parametrize(
    ("model", "edge", "beyond", "problem"),
    [
        (Interview, talk(minutes=1), talk(minutes=0), 'field "minutes": expected a number from 1 to 600, found 0'),
        (Interview, talk(minutes=600), talk(minutes=601), 'field "minutes": expected a number from 1 to 600, found 601'),
        (Interview, talk(when="1900-01-01T00:00:00"), talk(when="1899-12-31T23:59:59"),
         'field "when": expected a date from 1900 to 2999, found 1899-12-31T23:59:59'),
        (Interview, talk(when="2999-12-31T23:59:59"), talk(when="3000-01-01T00:00:00"),
         'field "when": expected a date from 1900 to 2999, found 3000-01-01T00:00:00'),
    ],
)
def test_the_record_named_is_the_one_beyond_the_bound_not_one_at_it_before_it(
    model: type[Record], edge: dict[str, Any], beyond: dict[str, Any], problem: str
) -> None:
    records = {7: model.from_doc(edge, 7), 8: model.from_doc(beyond, 8)}
    assert out_of_bounds(records, model) == (8, problem)


def test_a_list_of_numbers_beyond_their_bound_names_the_field() -> None:
    from interview_tui.core.models import WHOLE_NUMBERS

    beyond = WHOLE_NUMBERS[1] + 1
    records = {7: Interview.from_doc(talk(question_ids=[1, 2]), 7), 8: Interview.from_doc(talk(question_ids=[3, beyond]), 8)}
    assert out_of_bounds(records, Interview) == (
        8, f'field "question_ids": expected a number from {WHOLE_NUMBERS[0]:,} to {WHOLE_NUMBERS[1]:,}, found {beyond:,}')


def test_a_record_id_beyond_what_the_file_can_hold_is_named() -> None:
    from interview_tui.core.models import RECORD_IDS

    alex = Contact.from_doc({"name": "Alex"}, 1)
    assert out_of_bounds({RECORD_IDS[0]: alex, RECORD_IDS[1]: alex}, Contact) is None
    problem = out_of_bounds({1: alex, RECORD_IDS[1] + 1: alex}, Contact)
    assert problem is not None and problem[0] == RECORD_IDS[1] + 1


def test_a_date_with_a_time_zone_is_found_even_in_records_msgspec_checked() -> None:

    zoned = Interview.from_doc(talk(), 7)
    zoned.when = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert out_of_bounds({7: zoned}, Interview, types_checked=True) == (
        7, 'field "when": expected a local date and time (with no time zone), found 2026-11-25T10:00:00+00:00')


def test_a_refused_value_is_shown_as_typed_accents_included() -> None:
    with pytest.raises(BadField) as refused:
        Contact.from_doc({"name": ["Zoë"]}, 1)
    assert str(refused.value) == 'field "name": expected text, found a list (["Zoë"])'


def test_a_records_id_is_never_written_among_its_fields() -> None:
    assert Contact(name="Alex Example", id=5).to_doc() == {"name": "Alex Example"}


@pytest.mark.parametrize(
    ("edge", "beyond"),
    [(0, -1), (0, 2**53), (2**53 - 1, 2**53), (2**53 - 1, -1)],
    ids=["lowest, then below", "lowest, then above", "highest, then above", "highest, then below"],
)
def test_the_id_named_is_the_one_beyond_not_a_valid_one_at_the_edge_before_it(edge: int, beyond: int) -> None:
    alex = Contact.from_doc({"name": "Alex Example"}, 1)
    assert out_of_bounds({edge: alex, beyond: alex}, Contact) == (beyond, "its id is beyond 9,007,199,254,740,991")
