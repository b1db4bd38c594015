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
