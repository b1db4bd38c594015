"""The notes document pinned: the exact text it renders, the line where the cursor starts after
``n`` (to the line, at each edge), how a heading with text typed into it is split, and the
pairing of headings with the plan checked against a brute-force oracle."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from interview_tui.core.notes_doc import (
    NotesDocument,
    _apart,
    _in_order,
    _join,
    _typed_into,
    first_empty_answer_line,
    heading_lines,
    parse,
    render,
    title,
)

PLAN = [(1, "Career path?"), (2, "An average day?")]


def test_the_document_rendered_to_the_letter() -> None:
    document = NotesDocument(PLAN, answers={2: "\n\nMeetings.\nResearch.\n\n"}, notes="Kind.", takeaways="")
    assert render(document) == (
        "## Career path?\n\n\n"  # an empty answer is one empty line, then the blank between sections
        "## An average day?\nMeetings.\nResearch.\n\n"
        "## Notes\nKind.\n\n"
        "## Key takeaways\n\n"
    )


def test_a_question_heading_is_on_one_line_with_its_spaces_collapsed() -> None:
    assert title("  What  is\nan average\tday? ") == "What is an average day?"
    assert render(NotesDocument([(1, "Two\nlines")])).split("\n")[0] == "## Two lines"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # The first question without an answer, on the line under it.
        ("## Career path?\nTeacher.\n## An average day?\n\n## Notes\n\n## Key takeaways\n", 3),
        ("## Career path?\n\n## An average day?\nMeetings.\n## Notes\n\n## Key takeaways\n", 1),
        # Blank lines are no answer.
        ("## Career path?\n   \n\t\n## An average day?\nMeetings.\n## Notes\n", 1),
        # Every question answered: under the notes heading, whatever its case.
        ("## Career path?\nTeacher.\n## An average day?\nMeetings.\n## notes\nKind.\n## Key takeaways\n", 5),
        # An empty notes or takeaways section is not a question waiting for its answer.
        ("## Notes\n\n## Key takeaways\n\n## Career path?\n\n", 5),
        ("## Career path?\nTeacher.\n## Key takeaways\n\n## NOTES\n", 5),
        # No notes heading: the last line.
        ("## Career path?\nTeacher.\n## Key takeaways\nApply.", 3),
        ("## Career path?\nTeacher.\n", 2),
        # A question on the document's last line, with no line under it: that last line.
        ("## Career path?\nTeacher.\n## An average day?", 2),
        ("## Notes", 0),
        ("", 0),
        ("just words", 0),
        ("just\nwords\n", 2),
    ],
)
def test_where_the_cursor_starts(text: str, line: int) -> None:
    assert first_empty_answer_line(text) == line


def test_where_the_cursor_starts_in_a_rendered_document() -> None:
    text = render(NotesDocument([(1, "A?"), (2, "B?"), (3, "C?")], answers={1: "one\ntwo", 3: "three"}))
    assert text.split("\n")[first_empty_answer_line(text) - 1] == "## B?"
    assert first_empty_answer_line(text) == 5


def test_heading_lines() -> None:
    assert heading_lines("## A\nx\n## B\n#  C\n## ") == [0, 2, 4]


@pytest.mark.parametrize(
    ("line", "heading", "split"),
    [
        ("## Career path?I was a teacher", "## Career path?", (15, "I was a teacher")),
        ("## Career path? I was", "## Career path?", (15, " I was")),
        ("## Career pathI was", "## Career path", None),  # "pathI": a word cut in two
        ("## Career path", "## Career path", None),  # nothing typed
        ("## Career pat", "## Career path", None),
        ("Thanks## Career path?", "## Career path?", (0, "Thanks")),  # in front of the marker
        ("#x# Career path?", "## Career path?", (1, "x")),  # into the marker
        ("##x Career path?", "## Career path?", (2, "x")),
        ("## Careerx path?", "## Career path?", None),  # inside the question's words
        ("xx Career path?", "## Career path?", None),
    ],
)
def test_text_typed_into_a_heading(line: str, heading: str, split) -> None:
    assert _typed_into(line, heading) == split


@pytest.mark.parametrize(
    ("left", "right", "apart"),
    [("?", "I", True), ("h", "I", False), ("1", "2", False), ("_", "a", False), ("h", " ", True),
     ("", "a", True), ("a", "", True), ("é", "a", False)],
)
def test_a_cut_splits_a_word_only_between_two_word_characters(left: str, right: str, apart: bool) -> None:
    assert _apart(left, right) is apart


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [("a", "b", "a\n\nb"), ("a", " \n", "a"), ("  ", "b", "b"), ("", "", ""), (" ", "", "")],
)
def test_text_above_the_first_heading_joins_the_notes(first: str, second: str, joined: str) -> None:
    assert _join(first, second) == joined


def test_a_preamble_blank_and_blank_notes_are_no_notes() -> None:
    parsed = parse("\n  \n## Career path?\n\n## An average day?\n\n## Notes\n \n## Key takeaways\n\t\n", PLAN)
    assert (parsed.answers, parsed.notes, parsed.takeaways) == ({}, "", "")


def test_a_heading_typed_twice_loses_its_marker_the_second_time() -> None:
    text = "## Career path?\nTeacher.\n## Career path?\nagain\n## An average day?\n\n## Notes\n\n## Key takeaways\n"
    assert parse(text, PLAN).answers == {1: "Teacher.\nCareer path?\nagain"}


def test_of_two_questions_a_typed_heading_could_be_the_longer_one_wins() -> None:
    plan = [(1, "Why?"), (2, "Why? And how?")]
    text = "## Why? And how?So much\n## Notes\n"
    assert parse(text, plan).answers == {2: "So much"}


def lcs_oracle(found: list[str], wanted: list[str]) -> int:
    """The length of the longest common subsequence, by trying every subsequence."""
    for size in range(min(len(found), len(wanted)), 0, -1):
        subsequences = set(combinations(wanted, size))
        if any(combo in subsequences for combo in combinations(found, size)):
            return size
    return 0


texts = st.lists(st.sampled_from(["A", "B", "C", "Notes"]), max_size=6)


@given(texts, texts)
@example(["B", "A", "B"], ["A", "B"])
@example(["A", "A"], ["A"])
def test_headings_pair_with_the_plan_as_many_as_can_keep_both_orders(found, wanted) -> None:
    pairs = _in_order(found, wanted)
    assert len(pairs) == lcs_oracle(found, wanted)
    assert all(found[i] == wanted[j] for i, j in pairs)
    assert [i for i, _ in pairs] == sorted({i for i, _ in pairs})
    assert [j for _, j in pairs] == sorted({j for _, j in pairs})


def test_of_two_equal_headings_the_earliest_is_the_heading() -> None:
    assert _in_order(["A", "A", "B"], ["A", "B"]) == [(0, 0), (2, 1)]
    assert _in_order(["B", "A", "B"], ["A", "B"]) == [(1, 0), (2, 1)]
    assert _in_order(["A", "B", "A"], ["B", "A"]) == [(1, 0), (2, 1)]


P3 = [(1, "A?"), (2, "B?")]
END = "## Notes\n\n## Key takeaways\n"


@pytest.mark.parametrize(
    ("text", "answers", "notes"),
    [
        # Sections moved out of the plan's order each keep their answer.
        ("## B?\nb\n## A?\na\n" + END, {1: "a", 2: "b"}, ""),
        # Text above the first heading is skipped over, and a heading typed into after it still splits.
        ("intro\n## A?\na\n## B?I typed\n" + END, {1: "a", 2: "I typed"}, "intro"),
        # The notes heading missing: a stray heading there is the user's, in the answer above it.
        ("## A?\na\n## B?\nb\n## Something else\nx\n## Key takeaways\n", {1: "a", 2: "b\n## Something else\nx"}, ""),
        # A stray heading after a later question is not taken for an earlier, missing one.
        ("## B?\nb\n## Reworded\nr\n" + END, {2: "b\n## Reworded\nr"}, ""),
        # Text above the first heading is kept as typed, spaces and letters at its ends included.
        ("  Xmas list X\n\n## A?\n\n## B?\n\n" + END, {}, "  Xmas list X"),
    ],
)
def test_reading_back_edited_documents(text: str, answers: dict, notes: str) -> None:
    parsed = parse(text, P3)
    assert (parsed.answers, parsed.notes) == (answers, notes)


def test_of_two_questions_with_the_same_words_the_first_takes_the_first_heading() -> None:
    plan = [(1, "Why?"), (2, "Why?")]
    parsed = parse("## Why?first\n## Why?second\n" + END, plan)
    assert parsed.answers == {1: "first", 2: "second"}


def test_the_cursor_starts_under_an_empty_question_just_before_the_notes() -> None:
    assert first_empty_answer_line("## A?\na\n## B?\n\n## Notes\nx") == 3


def test_an_answer_is_rendered_with_every_letter_at_its_ends() -> None:
    document = NotesDocument(PLAN, answers={1: "X-ray, then MRI X"}, notes="Xavier said X", takeaways="XX")
    text = render(document)
    assert "## Career path?\nX-ray, then MRI X\n" in text
    assert parse(text, PLAN) == document


def test_a_letter_typed_into_a_questions_first_word_keeps_the_word_whole() -> None:
    parsed = parse("## TTell me more\nanswer\n## Notes\n", [(1, "Tell me more")])
    assert parsed.answers == {1: "TTell me more\nanswer"}
