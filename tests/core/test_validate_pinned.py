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


# The helpers the one-pass reading of ``due`` (core/quick_read.py) uses: the same count, made of
# tables it read as documents, and the same exact look when the count cannot clear a file.

@pytest.mark.parametrize(
    ("found", "objects", "braces", "escaped", "cleared"),
    [
        (5, 5, 0, False, True),     # every brace an object's
        (6, 5, 0, False, False),    # one more brace and none in the text: a record given twice
        (4, 5, 0, False, False),    # fewer braces than objects: not a count to trust
        (7, 5, 2, False, True),     # the two braces typed in the text make up the difference
        (6, 5, 2, False, False),    # one short of them: something was given twice
        (8, 5, 2, False, False),    # one over them
        (5, 5, 2, False, True),     # the braces in the text written as escapes, and all objects
        (7, 5, 2, True, False),     # an escape may hide a brace: the count proves nothing
    ],
)
def test_the_count_clears_a_file_only_when_its_braces_are_all_accounted_for(
    found: int, objects: int, braces: int, escaped: bool, cleared: bool
) -> None:
    raw = b"{" * found + (b'"\\u007b"' if escaped else b"")
    assert validate.count_clears_duplicates(raw, objects, braces) is cleared


@pytest.mark.parametrize("escape", [b"\\u007b", b"\\u007B"])
def test_either_spelling_of_the_escape_keeps_the_count_from_clearing(escape: bytes) -> None:
    raw = b"{{{" + escape
    assert validate.count_clears_duplicates(raw, 2, 1) is False
    assert validate.count_clears_duplicates(raw.replace(escape, b"u007b"), 2, 1) is True


def test_the_objects_and_braces_of_tables_read_as_documents() -> None:
    tables = {
        "settings": {"1": {"ask_template": "Hi {first_name}", "labels": {"{a": ["{", {"b": "c"}]}}},
        "questions": {"1": {"text": "Why?"}, "2": {"text": "How {so}?"}},
        "trash": {},
    }
    # Three records, and inside the settings an object of labels and one in its list.
    assert validate.objects_in(tables) == (5, 4)
    assert validate.objects_in({}) == (0, 0)
    assert validate.objects_in({"questions": {"1": {}}}) == (1, 0)


def test_objects_in_counts_what_the_file_of_those_tables_holds() -> None:
    """What ``objects_in`` counts, plus the document and its tables, is every ``{`` of the file
    written from them when their text holds none: the count clears such a file."""
    tables = {
        "settings": {"1": {"labels": {"a": [{"b": 1}, {"c": {}}]}}},
        "questions": {"1": {"text": "x"}, "2": {"text": "y"}},
    }
    raw = encode(tables)
    objects, braces = validate.objects_in(tables)
    assert braces == 0
    assert raw.count(b"{") == objects + 1 + len(tables)
    assert validate.count_clears_duplicates(raw, objects + 1 + len(tables), braces)


@pytest.mark.parametrize(
    ("raw", "clear"),
    [
        (b'{"contacts": {"1": {"name": "A"}, "2": {"name": "B"}}}', True),
        (b'{"contacts": {"1": {"name": "A"}, "1": {"name": "B"}}}', False),
        (b'{"contacts": {}, "contacts": {}}', False),
        (b'{"contacts": {"1": {"name": "A", "name": "B"}}}', False),
        (b'{"contacts": {"1": {"name": "A {"}}}', True),
        (b"not json", True),  # nothing the exact look can say: the parser refuses it
    ],
)
def test_the_exact_look_says_whether_a_key_is_given_twice(raw: bytes, clear: bool) -> None:
    assert validate.gives_no_key_twice(raw) is clear
