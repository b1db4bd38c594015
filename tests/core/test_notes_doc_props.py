"""Every word typed into the notes document is still there after it is saved and shown again.

The document is edited at random, as a person can in the editor: typing anywhere (on a
heading too), deleting a range, joining two lines (Backspace at the start of a line), splitting
one (Enter), deleting a whole heading line, pasting text that has ``## `` lines of its own. Then
what is saved (``parse``) is shown again (``render``) and compared with what was on screen.

A word is a run of letters and digits (``\\w+``), and the comparison counts each occurrence
(a multiset): losing one of two "the" is losing a word. Whitespace-separated tokens would be
the wrong measure: text typed straight after a question (``like?I start``) is meant to come
back as the question and an answer starting ``I start``, so the token ``like?I`` goes while no
word does. Rendering may add words (a heading restored above text kept from a reworded one),
so the check is "at least as many of each", not equality. Punctuation is checked the same way,
character by character, except ``#``: a heading's marker belongs to the document, not the user.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from interview_tui.core.notes_doc import NotesDocument, parse, render

WORD = re.compile(r"\w+")
PLAN = [(1, "Tell me about your career path."), (2, "What is an average day like?"), (3, "Who else")]


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def marks(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace() and c != "#")


def missing(before: Counter[str], after: Counter[str]) -> Counter[str]:
    return before - after


def saved_and_shown(edited: str, plan: list[tuple[int, str]]) -> str:
    return render(parse(edited, plan))


def assert_nothing_lost(edited: str, plan: list[tuple[int, str]]) -> None:
    shown = saved_and_shown(edited, plan)
    assert not missing(words(edited), words(shown)), (edited, shown)
    assert not missing(marks(edited), marks(shown)), (edited, shown)
    # Stable: what was saved, shown and saved again is the same; the text shown does not move.
    parsed = parse(edited, plan)
    assert parse(shown, plan) == parsed
    assert render(parse(shown, plan)) == shown


# Documents -------------------------------------------------------------------------------------

short_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=12)
titles = st.one_of(
    st.sampled_from(["Tell me about your career path.", "Who else", "Who else?", "Notes", "Key takeaways", "a", ""]),
    short_text,
)
plans = st.lists(titles, max_size=4).map(lambda texts: [(i + 1, t) for i, t in enumerate(texts)])


@st.composite
def lines_of_text(draw, plan: list[tuple[int, str]]) -> str:
    heading_texts = [t for _, t in plan] + ["Notes", "Key takeaways"]
    line = st.one_of(
        short_text,
        st.just(""),
        short_text.map(lambda s: "## " + s),
        st.sampled_from(heading_texts).map(lambda s: "## " + s),
        st.sampled_from(heading_texts),
    )
    return "\n".join(draw(st.lists(line, max_size=4)))


@st.composite
def documents(draw) -> NotesDocument:
    plan = draw(plans)
    answers = {qid: draw(lines_of_text(plan)) for qid, _ in plan if draw(st.booleans())}
    return NotesDocument(plan, answers=answers, notes=draw(lines_of_text(plan)), takeaways=draw(lines_of_text(plan)))


# Edits -----------------------------------------------------------------------------------------


def headings_at(text: str) -> list[int]:
    """Offsets of the start of each ``## `` line."""
    offsets, at = [], 0
    for line in text.split("\n"):
        if line.startswith("## "):
            offsets.append(at)
        at += len(line) + 1
    return offsets


@st.composite
def edit(draw, text: str) -> str:
    kind = draw(st.sampled_from(["type", "type_on_heading", "delete", "join", "split", "drop_heading", "paste"]))
    at = draw(st.integers(0, len(text)))
    if kind == "type":
        return text[:at] + draw(short_text) + text[at:]
    if kind == "type_on_heading":
        starts = headings_at(text)
        if not starts:
            return text
        start = draw(st.sampled_from(starts))
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        at = draw(st.integers(start, end))
        return text[:at] + draw(short_text) + text[at:]
    if kind == "delete":
        return text[:at] + text[at + draw(st.integers(0, 8)) :]
    if kind == "join":
        breaks = [i for i, c in enumerate(text) if c == "\n"]
        if not breaks:
            return text
        i = draw(st.sampled_from(breaks))
        return text[:i] + text[i + 1 :]
    if kind == "split":
        return text[:at] + "\n" + text[at:]
    if kind == "drop_heading":
        starts = headings_at(text)
        if not starts:
            return text
        start = draw(st.sampled_from(starts))
        end = text.find("\n", start)
        return text[:start] + ("" if end < 0 else text[end + 1 :])
    pasted = "\n".join(draw(st.lists(st.one_of(short_text, short_text.map(lambda s: "## " + s)), min_size=1, max_size=3)))
    return text[:at] + pasted + text[at:]


@st.composite
def edited_documents(draw) -> tuple[str, list[tuple[int, str]]]:
    document = draw(documents())
    text = render(document)
    for _ in range(draw(st.integers(1, 4))):
        text = draw(edit(text))
    return text, document.questions


# The bug report, and its neighbours, as they were typed.
TYPED_ONTO_NEXT_HEADING = render(NotesDocument(PLAN, answers={1: "Great talk"})).replace(
    "## What is an average day like?", "## What is an average day like?I start at 9"
)
TYPED_MID_HEADING = render(NotesDocument(PLAN, answers={1: "Great talk"})).replace(
    "## What is an average day like?", "## What is anI start at 9 average day like?"
)
ANSWER_JOINED_ONTO_QUESTION = render(NotesDocument(PLAN, answers={1: "Teacher, then\na bootcamp."})).replace(
    "path.\nTeacher", "path.Teacher"
)
HEADING_JOINED_ONTO_ANSWER = render(NotesDocument(PLAN, answers={1: "one", 2: "two"})).replace(
    "one\n\n## What", "one## What"
)
PASTED_MARKDOWN = render(NotesDocument(PLAN, answers={1: "one"})).replace(
    "one\n", "one\n## Summary\nfrom the email\n## Who else\nSam Sample\n"
)
HEADING_DELETED = render(NotesDocument(PLAN, answers={1: "one", 2: "two"})).replace("## What is an average day like?\n", "")


@settings(max_examples=400, deadline=None)
@given(edited_documents())
@example((TYPED_ONTO_NEXT_HEADING, PLAN))
@example((TYPED_MID_HEADING, PLAN))
@example((ANSWER_JOINED_ONTO_QUESTION, PLAN))
@example((HEADING_JOINED_ONTO_ANSWER, PLAN))
@example((PASTED_MARKDOWN, PLAN))
@example((HEADING_DELETED, PLAN))
@example(("## Who elseSam said hi\n## Notes\n", PLAN))
@example(("## ab\n## abab\n", [(1, "ab")]))
@example(("## Notes\nWarm.\n## Ideas\nAsk about Turin.\n## Key takeaways\n", PLAN))
def test_every_word_of_an_edited_document_is_kept(case: tuple[str, list[tuple[int, str]]]) -> None:
    edited, plan = case
    assert_nothing_lost(edited, plan)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_a_document_as_saved_reads_back_exactly(document: NotesDocument) -> None:
    saved = parse(render(document), document.questions)
    shown = render(saved)
    assert parse(shown, document.questions) == saved
    assert render(parse(shown, document.questions)) == shown


@settings(max_examples=300, deadline=None)
@given(documents())
def test_an_untouched_document_reads_back_unchanged(document: NotesDocument) -> None:
    """Any answer, notes and takeaways, bar two things the document cannot hold: a line that
    is a heading of the document (it would start a section) and a field of blank lines only."""
    headings = {" ".join(t.split()) for _, t in document.questions} | {"Notes", "Key takeaways"}

    def clean(text: str) -> str:
        kept = [line for line in text.split("\n") if not (line.startswith("## ") and " ".join(line[3:].split()) in headings)]
        return "\n".join(kept).strip("\n") if "".join(kept).strip() else ""

    document.answers = {k: clean(v) for k, v in document.answers.items() if clean(v)}
    document.notes, document.takeaways = clean(document.notes), clean(document.takeaways)
    shown = render(document)
    assert parse(shown, document.questions) == document
    assert render(parse(shown, document.questions)) == shown
