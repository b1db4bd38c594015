"""The search pinned: where the cursor lands when a hit is opened (the match's column, the line
under a heading whose text changed, the top when the heading is gone), what a snippet shows
(a contact's line from the name, a cut at a word, a ligature's letter highlighted), what a hit
and a result say of themselves, and what is left out of the index (a conversation with a
person no longer there, an index no longer wanted)."""

from __future__ import annotations

from datetime import datetime

import pytest

from interview_tui.core import notes_doc
from interview_tui.core.models import Contact, FollowUp, Interview, Touch, TouchKind
from interview_tui.core.search import Hit, Kind, SearchIndex, Sources, document_position

WHEN = datetime(2026, 11, 25, 10, 0)
QUESTIONS = {1: "How did you start?", 2: "What would you do again?"}


def sources(
    contacts: list[Contact] | None = None,
    interviews: list[Interview] | None = None,
    touches: list[Touch] | None = None,
    followups: list[FollowUp] | None = None,
) -> Sources:
    return Sources(
        contacts=contacts if contacts is not None else [Contact(id=1, name="Alex Example")],
        touches=touches or [],
        followups=followups or [],
        interviews=interviews or [],
        questions=dict(QUESTIONS),
    )


def index_of(made: Sources) -> SearchIndex:
    index = SearchIndex.from_sources(made)
    assert index is not None
    return index


def talk(answers: dict[int, str] | None = None, notes: str = "", takeaways: str = "", contact_id: int = 1) -> Interview:
    return Interview(
        id=10, contact_id=contact_id, when=WHEN, question_ids=list(QUESTIONS),
        answers={str(k): v for k, v in (answers or {}).items()}, notes=notes, takeaways=takeaways,
    )


def one_hit(made: Sources, query: str) -> Hit:
    (hit,) = index_of(made).search(query).hits
    return hit


def document(answers: dict[int, str], notes: str = "", takeaways: str = "", plan: tuple[int, ...] = (1, 2)) -> str:
    return notes_doc.render(notes_doc.NotesDocument(
        questions=[(q, QUESTIONS[q]) for q in plan], answers=answers, notes=notes, takeaways=takeaways))


def marked(hit: Hit) -> list[str]:
    return [hit.snippet.text[start:end] for start, end in hit.snippet.spans]


# Where the cursor lands --------------------------------------------------------------------------


def test_an_answer_that_starts_with_spaces_puts_the_cursor_on_the_match_itself() -> None:
    """The document keeps a field's spaces (only its blank lines go), so the section is found
    as typed and the cursor goes to the word, not to the start of its line."""
    answer = "  two spaces then support"
    hit = one_hit(sources(interviews=[talk({1: answer})]), "support")
    text = document({1: answer})
    line, column = document_position(text, hit)
    assert text.split("\n")[line - 1] == "## How did you start?"
    assert (line, column) == (1, answer.index("support"))


@pytest.mark.parametrize(
    ("question", "line"),
    [(1, 1), (2, 4)],
    ids=["first heading, at the top", "second heading"],
)
def test_an_answer_changed_since_the_search_puts_the_cursor_under_its_heading(question: int, line: int) -> None:
    hit = one_hit(sources(interviews=[talk({question: "old words here"})]), "words")
    changed = document({question: "new text"})
    assert document_position(changed, hit) == (line, 0)
    assert changed.split("\n")[line - 1] == f"## {QUESTIONS[question]}"


def test_an_answer_whose_question_left_the_plan_puts_the_cursor_at_the_top() -> None:
    hit = one_hit(sources(interviews=[talk({1: "old words here"})]), "words")
    assert document_position(document({2: "other"}, plan=(2,)), hit) == (0, 0)


def test_a_contact_hit_opens_at_the_top() -> None:
    hit = one_hit(sources(), "alex")
    assert hit.kind is Kind.CONTACT
    assert document_position(document({1: "alex"}), hit) == (0, 0)


# What a snippet shows ----------------------------------------------------------------------------


def test_a_contact_line_is_shown_from_the_name_however_far_in_the_match_is() -> None:
    contact = Contact(id=1, name="Alex Example", company="A company with a rather long name indeed", tags=["mentor"])
    hit = one_hit(sources([contact]), "mentor")
    assert hit.snippet.text.startswith("Alex Example · ")
    assert marked(hit) == ["mentor"]


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        # The match 31 characters in: the context starts one character in, inside "ab", and
        # moves on to the next word.
        ("ab " + "y" * 27 + " target", "…" + "y" * 27 + " target"),
        # 30 in: the context starts at the note's start, uncut.
        ("b " + "y" * 27 + " target", "b " + "y" * 27 + " target"),
        # A run of spaces after the word cut: the context starts after all of them.
        ("ab   " + "y" * 25 + " target", "…" + "y" * 25 + " target"),
    ],
    ids=["cut one character in", "not cut", "after a run of spaces"],
)
def test_a_snippet_cut_before_the_match_begins_at_a_word(note: str, shown: str) -> None:
    hit = one_hit(sources([Contact(id=1, name="Alex Example", notes=note)]), "target")
    assert hit.kind is Kind.CONTACT_NOTES
    assert hit.snippet.text == shown
    assert marked(hit) == ["target"]


def test_a_letter_inside_a_ligature_highlights_the_ligature() -> None:
    """"ﬁ" is one character that folds to two: a match of its "f" alone marks it."""
    hit = one_hit(sources([Contact(id=1, name="Alex Example", notes="The \ufb01le")]), "f")
    assert marked(hit) == ["\ufb01"]


# What a hit and a result say ---------------------------------------------------------------------


def test_only_an_answer_hit_names_a_question() -> None:
    made = sources(interviews=[talk({1: "shared word"}, notes="shared word", takeaways="shared word")])
    hits = index_of(made).search("shared").hits
    assert [(hit.kind, hit.question) for hit in hits] == [
        (Kind.ANSWER, QUESTIONS[1]), (Kind.NOTES, ""), (Kind.TAKEAWAYS, "")]


def test_a_result_keeps_the_words_it_looked_for() -> None:
    """What the search screen tells apart: nothing typed, or nothing found for what was typed."""
    index = index_of(sources())
    assert index.search("Nobody HERE").words == ("nobody", "here")
    assert index.search("   ").words == ()


def test_the_sources_count_every_record_to_index() -> None:
    made = sources(
        contacts=[Contact(id=1, name="Alex Example"), Contact(id=2, name="Sam Sample")],
        interviews=[talk(), talk()],
        touches=[],
        followups=[FollowUp(id=3, contact_id=1, due=WHEN)],
    )
    assert len(made) == 5


# What the index leaves out -----------------------------------------------------------------------


def test_a_conversation_with_someone_no_longer_in_the_workspace_is_not_found() -> None:
    made = sources(interviews=[talk({1: "kept answer"}, notes="kept notes", contact_id=99)])
    assert index_of(made).search("kept").hits == []


def test_an_index_no_longer_wanted_is_not_made_even_of_one_contact() -> None:
    assert SearchIndex.from_sources(sources(), cancelled=lambda: True) is None
    assert SearchIndex.from_sources(sources(), cancelled=lambda: False) is not None


def test_the_records_to_index_are_counted_each_kind_once() -> None:
    """How much there is to index (what building it takes), every kind of record counted."""
    made = sources(
        contacts=[Contact(id=1, name="Alex Example"), Contact(id=2, name="Sam Sample")],
        touches=[Touch(contact_id=1, kind=TouchKind.MET, at=WHEN) for _ in range(3)],
        followups=[FollowUp(contact_id=1, due=WHEN)],
        interviews=[talk()],
    )
    assert len(made) == 2 + 3 + 1 + 1


# Pinned after the mutation run of the column index -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Everything above the notes and the last line break deleted in the editor: the section
        # is at the very start, and the cursor still goes to the match.
        ("## Notes\nwe talked about ports", (1, len("we talked about "))),
        # The heading's text one character into a line is not the heading: the cursor goes to
        # the line under where it was found, not into the text after it.
        ("x## Notes\nwe talked about ports", (1, 0)),
    ],
    ids=["section at the very start", "title not at a line start"],
)
def test_a_notes_section_counts_only_where_a_line_begins(text: str, expected: tuple[int, int]) -> None:
    hit = one_hit(sources(interviews=[talk(notes="we talked about ports")]), "ports")
    assert hit.kind is Kind.NOTES
    assert document_position(text, hit) == expected


def test_a_word_found_and_cut_by_the_end_of_the_snippet_is_marked_with_its_ellipsis() -> None:
    """The snippet ends 160 characters on: a word found across that end is marked with the "…"
    that cuts it, as a word found whole is, not as a part of a word found."""
    note = "target " + "y" * 151 + " mentoring, and more after it"
    hit = one_hit(sources([Contact(id=1, name="Alex Example", notes=note)]), "target mentor")
    assert hit.snippet.text == "target " + "y" * 151 + " m…"
    assert marked(hit) == ["target", "m…"]
    # Cut after the word, the "…" leaves out only what was not found, and stays unmarked.
    whole = one_hit(sources([Contact(id=1, name="Alex Example", notes="target " + "y" * 146 + " mentor and more")]), "target mentor")
    assert whole.snippet.text.endswith(" mentor…")
    assert marked(whole) == ["target", "mentor"]


def test_a_long_word_before_the_match_is_cut_into_rather_than_failing() -> None:
    """No space in the context before the match to begin a word after: it begins mid-word."""
    hit = one_hit(sources([Contact(id=1, name="Alex Example", notes="x" * 50 + "port")]), "port")
    assert hit.snippet.text == "…" + "x" * 30 + "port"
    assert marked(hit) == ["port"]


def test_what_is_noted_about_a_person_names_no_question() -> None:
    hit = one_hit(sources([Contact(id=1, name="Alex Example", notes="likes ports")]), "ports")
    assert hit.kind is Kind.CONTACT_NOTES
    assert hit.question == ""
    assert hit.when is None


def test_every_hit_in_a_conversation_says_when_it_was() -> None:
    """The preview's title shows the conversation's date for its answers, notes and takeaways."""
    made = sources(interviews=[talk({1: "shared word"}, notes="shared word", takeaways="shared word")])
    hits = index_of(made).search("shared").hits
    assert [(hit.kind, hit.when) for hit in hits] == [
        (Kind.ANSWER, WHEN), (Kind.NOTES, WHEN), (Kind.TAKEAWAYS, WHEN)]
