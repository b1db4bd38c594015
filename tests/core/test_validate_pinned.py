"""The duplicate check pinned: what its quick count clears without the exact look (objects in
answers, in lists and in the trash; braces in keys and text) and what it never clears (a record
given twice behind a brace written as an escape)."""

from __future__ import annotations

from typing import Any

import pytest

from interview_tui.core import validate
from interview_tui.core.storage import encode, parse

ANSWERS = {"interviews": {"1": {"contact_id": 1, "answers": {"1": "a", "2": "b"}},
                          "2": {"contact_id": 1, "answers": {}}}}
TRASH_WITH_LISTS = {"trash": {"1": {"records": {
    "contacts": {"60": {"name": "Pat Placeholder", "tags": ["{a}", "b"]}},
    "interviews": {"61": {"plan": [1, 2], "answers": {"1": "x"}, "moments": [{"at": "{1}"}, {"at": "2"}]}},
}}}}
BRACE_IN_A_KEY = {"settings": {"1": {"labels": {"{odd} key": "value", "plain": ["{", "}"]}}}}
TEMPLATES = {"settings": {"1": {"ask_template": "Hi {first_name}", "update_template": "{name}: {{"}}}


@pytest.mark.parametrize(
    "document",
    [ANSWERS, TRASH_WITH_LISTS, BRACE_IN_A_KEY, TEMPLATES,
     {**ANSWERS, **TRASH_WITH_LISTS, "contacts": {"1": {"name": "Alex Example"}}}],
    ids=["answers", "trash-with-lists", "brace-in-a-key", "templates", "all"],
)
def test_a_file_without_duplicates_is_cleared_by_the_count_alone(
    document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each object the file holds is counted once, and each brace in its text once: opening a
    large workspace must not read it a second time to find it has no duplicates."""

    def slow(raw: bytes) -> None:
        raise AssertionError("the exact look was needed")

    monkeypatch.setattr(validate, "_find_duplicate_exactly", slow)
    for raw in (encode(document), encode(document).replace(b"\n", b"").replace(b"  ", b"")):
        assert validate.find_duplicate(raw, parse(raw)) is None


@pytest.mark.parametrize("escape", [b"\\u007b", b"\\u007B"])
def test_a_brace_written_as_an_escape_does_not_hide_a_record_given_twice(escape: bytes) -> None:
    # The escape puts a "{" in the text that is not a "{" byte, as many as the record given
    # twice adds: the count alone would balance.
    raw = (b'{"contacts": {"1": {"name": "A"}, "1": {"name": "B"}},'
           b' "settings": {"1": {"ask_template": "Hi ' + escape + b'first_name}"}}}')
    data = parse(raw)
    assert data["settings"]["1"]["ask_template"] == "Hi {first_name}"
    found = validate.find_duplicate(raw, data)
    assert found is not None
    assert (found.table, found.record_id) == ("contacts", "1")


# A number the file's encoder cannot write again: from -(2**63) to 2**64 - 1 it can.
@pytest.mark.parametrize(
    ("number", "refused"),
    [(-(2**63), False), (-(2**63) - 1, True), (2**64 - 1, False), (2**64, True), (0, False)],
    ids=["lowest", "below the lowest", "highest", "above the highest", "zero"],
)
def test_each_side_of_what_the_file_can_write_again(number: int, refused: bool) -> None:
    data = {"contacts": {"1": {"name": "A", "x": number}}}
    assert validate.find_unwritable_number(data) == (("contacts", "1", "['x']") if refused else None)


def test_a_number_too_large_is_found_at_any_depth_and_named_by_its_path() -> None:
    data = {
        "contacts": {"1": {"name": "A", "x": [1, 2]}},
        "zz": {"1": {"x": {"y": [3, {"z": 2**64}]}}},
    }
    assert validate.find_unwritable_number(data) == ("zz", "1", "['x']['y'][1]['z']")
    assert validate.find_unwritable_number({"zz": {"7": [0, -(2**64)]}}) == ("zz", "7", "[1]")
    assert validate.find_unwritable_number({"zz": {"7": -(2**64)}}) == ("zz", "7", "")


def test_a_table_that_holds_no_records_is_passed_over_not_the_end_of_the_look() -> None:
    """A table that is no object of records (a list, a number: refused elsewhere, or a table
    kept as text, checked by its typed reader) does not stop the look at the tables after it."""
    from interview_tui.core.table_text import Unparsed

    kept = Unparsed.__new__(Unparsed)
    beyond = {"contacts": {"1": {"name": "A", "x": 2**64}}}
    for before in ([1, 2], 7, kept):
        assert validate.find_unwritable_number({"odd": before, **beyond}) == ("contacts", "1", "['x']")


def test_a_record_that_is_no_object_holds_no_number_to_find() -> None:
    """A record that is a number, text, true or null is refused later, saying what it should be;
    the look for numbers too large passes over it rather than failing on it."""
    data = {"zz": {"1": 1.5, "2": "text", "3": True, "4": None, "5": 2**63}}
    assert validate.find_unwritable_number(data) is None



def test_a_key_given_twice_inside_an_object_in_a_list_is_named_by_its_position() -> None:
    """A key given twice, an object each time, in an object inside a list (a field of a table
    this version does not know): the object lost makes the count fall short, and the exact look
    names where it is."""
    raw = b'{"zz": {"1": {"x": [{"a": 1}, {"a": {"b": 1}, "a": {"b": 2}}]}}}'
    found = validate.find_duplicate(raw, parse(raw))
    assert found is not None
    assert (found.table, found.record_id, found.inside, found.key) == ("zz", "1", ("x", "1"), "a")
