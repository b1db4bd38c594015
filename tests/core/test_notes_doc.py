"""The notes document: questions as headings with answers under them, read back into fields."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.notes_doc import (
    NotesDocument,
    answer_end,
    first_empty_answer_line,
    parse,
    questions_shown,
    render,
)

PLAN = [(1, "Tell me about your career path."), (2, "What is an average day like?"), (3, "Who else?")]


def test_render_shows_each_question_then_notes_then_takeaways() -> None:
    text = render(NotesDocument(PLAN, answers={2: "Meetings, then research."}, notes="Kind.", takeaways="Apply."))
    lines = text.split("\n")
    assert lines[0] == "## Tell me about your career path."
    assert "## What is an average day like?\nMeetings, then research.\n" in text
    assert text.index("## Notes") > text.index("## Who else?")
    assert text.index("## Key takeaways") > text.index("## Notes")
    assert "Apply." in text.split("## Key takeaways")[1]


def test_parse_reads_back_answers_notes_and_takeaways() -> None:
    original = NotesDocument(PLAN, answers={1: "Teacher, then\nbootcamp.", 3: "Ask Sam."}, notes="Warm.", takeaways="Build a portfolio.")
    parsed = parse(render(original), PLAN)
    assert parsed.answers == original.answers
    assert parsed.notes == "Warm."
    assert parsed.takeaways == "Build a portfolio."


def test_a_reworded_question_keeps_its_answer_and_the_words_of_the_rewording() -> None:
    text = render(NotesDocument(PLAN, answers={1: "Started in support."}))
    text = text.replace("## Tell me about your career path.", "## Career path (she went fast)")
    assert parse(text, PLAN).answers == {1: "Career path (she went fast)\nStarted in support."}


def test_text_typed_after_a_question_starts_its_answer() -> None:
    text = render(NotesDocument(PLAN, answers={2: "Meetings."}))
    text = text.replace("## What is an average day like?", "## What is an average day like?I start at 9")
    assert parse(text, PLAN).answers == {2: "I start at 9\nMeetings."}
    assert "## What is an average day like?\nI start at 9\nMeetings.\n" in render(parse(text, PLAN))


def test_backspace_at_the_start_of_an_answer_is_undone_on_save() -> None:
    original = NotesDocument(PLAN, answers={1: "Teacher, then\na bootcamp."})
    text = render(original).replace("path.\nTeacher", "path.Teacher")
    assert parse(text, PLAN).answers == original.answers


def test_text_typed_into_the_middle_of_a_question_is_kept_as_it_was_on_screen() -> None:
    text = render(NotesDocument(PLAN)).replace(
        "## What is an average day like?", "## What is anI start at 9 average day like?"
    )
    assert parse(text, PLAN).answers == {2: "What is anI start at 9 average day like?"}


def test_text_glued_to_a_question_word_is_not_torn_from_it() -> None:
    plan = [(1, "Who else")]
    assert parse("## Who elseSam said hi\n", plan).answers == {1: "Who elseSam said hi"}
    assert parse("## Who else, Sam said hi\n", plan).answers == {1: ", Sam said hi"}


def test_a_heading_joined_onto_the_line_above_is_a_heading_again() -> None:
    text = render(NotesDocument(PLAN, answers={1: "one", 2: "two"})).replace("one\n\n## What", "one## What")
    assert parse(text, PLAN).answers == {1: "one", 2: "two"}


def test_a_heading_pasted_into_an_answer_stays_in_that_answer() -> None:
    text = render(NotesDocument(PLAN, answers={1: "one", 2: "two"}))
    text = text.replace("one\n", "one\n## Summary\nfrom the email\n## Who else?\nSam Sample\n")
    parsed = parse(text, PLAN)
    # The repeated question loses its marker: it would otherwise start a section next time.
    assert parsed.answers == {1: "one\n## Summary\nfrom the email\nWho else?\nSam Sample", 2: "two"}
    assert parse(render(parsed), PLAN) == parsed


def test_text_outside_any_heading_is_kept_as_notes() -> None:
    text = "jotted before the headings\n" + render(NotesDocument(PLAN))
    assert parse(text, PLAN).notes == "jotted before the headings"


def test_plain_notes_from_before_there_was_a_plan_are_kept() -> None:
    assert parse("just some notes\nsecond line", []).notes == "just some notes\nsecond line"


def test_cursor_goes_to_the_first_unanswered_question() -> None:
    text = render(NotesDocument(PLAN, answers={1: "Answered."}))
    line = first_empty_answer_line(text)
    assert text.split("\n")[line - 1] == "## What is an average day like?"


def test_cursor_goes_to_the_notes_when_every_question_is_answered() -> None:
    text = render(NotesDocument(PLAN, answers={1: "a", 2: "b", 3: "c"}))
    assert text.split("\n")[first_empty_answer_line(text) - 1] == "## Notes"


answer_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80).map(
    lambda s: "\n".join(line for line in s.split("\n") if not line.startswith("## ")).strip("\n")
)


@given(st.lists(answer_text, min_size=3, max_size=3), answer_text, answer_text)
def test_any_answers_survive_render_then_parse(answers: list[str], notes: str, takeaways: str) -> None:
    document = NotesDocument(PLAN, answers={qid: a for (qid, _), a in zip(PLAN, answers, strict=True) if a.strip()}, notes=notes, takeaways=takeaways)
    parsed = parse(render(document), PLAN)
    assert parsed.answers == document.answers
    assert parsed.notes == (notes if notes.strip() else "")
    assert parsed.takeaways == (takeaways if takeaways.strip() else "")


def test_deleting_a_section_does_not_shift_the_answers_after_it() -> None:
    text = render(NotesDocument(PLAN, answers={1: "one", 2: "two", 3: "three"}))
    without_first = text[text.index("## What is an average day like?") :]
    assert parse(without_first, PLAN).answers == {2: "two", 3: "three"}


def test_a_stored_line_that_reads_as_a_heading_is_shown_as_text_and_moves_nothing() -> None:
    """Notes added by the note command held '## Key takeaways': shown as a heading, the next save
    would move everything under it into the takeaways."""
    plan = [(1, "Tell me about your career path.")]
    stored = NotesDocument(
        plan,
        notes="cli line one\n## Key takeaways\ncli takeaway\n## Tell me about your career path.\ncli career",
        takeaways="Build two small studies.",
    )
    shown = render(stored)
    again = parse(shown, plan)
    assert again.notes == "cli line one\nKey takeaways\ncli takeaway\nTell me about your career path.\ncli career"
    assert again.takeaways == "Build two small studies."
    assert again.answers == {}
    assert parse(render(again), plan) == again


def test_cursor_goes_to_the_end_of_the_notes_already_written() -> None:
    text = render(NotesDocument(PLAN, answers={1: "a", 2: "b", 3: "c"}, notes="First thought.\n\nSecond thought."))
    lines = text.split("\n")
    assert lines[first_empty_answer_line(text)] == "Second thought."
    assert first_empty_answer_line("## Notes\none\ntwo\n\n## Key takeaways\nApply.") == 2
    assert first_empty_answer_line("just\nwords\n") == 2  # no headings: the last line, as before


def test_the_cursor_for_an_answer_goes_to_the_end_of_what_was_answered_to_that_question() -> None:
    text = render(NotesDocument(PLAN, answers={1: "First line.\nSecond line.", 3: "Three."}, notes="Loose."))
    lines = text.split("\n")
    row, column = answer_end(text, PLAN[0][1])
    assert (lines[row], column) == ("Second line.", len("Second line."))
    row, column = answer_end(text, PLAN[2][1])
    assert (lines[row], column) == ("Three.", len("Three."))
    # Not answered: the line under its heading.
    row, column = answer_end(text, PLAN[1][1])
    assert (lines[row - 1], column) == (f"## {PLAN[1][1]}", 0)
    # A heading spelled with other spaces is the same question.
    assert answer_end(text, "  " + PLAN[2][1].replace(" ", "   ")) == answer_end(text, PLAN[2][1])


def test_the_cursor_for_an_answer_whose_question_is_no_longer_in_the_notes_goes_where_capture_starts() -> None:
    text = render(NotesDocument(PLAN, answers={1: "a"}))
    assert answer_end(text, "A question taken out of the plan?") == (first_empty_answer_line(text), 0)


@given(st.lists(answer_text, min_size=3, max_size=3), answer_text, st.sampled_from([q for _, q in PLAN] + ["Gone?"]))
def test_the_cursor_for_an_answer_is_always_inside_the_text(answers: list[str], notes: str, question: str) -> None:
    document = NotesDocument(PLAN, answers={qid: a for (qid, _), a in zip(PLAN, answers, strict=True) if a.strip()}, notes=notes)
    text = render(document)
    lines = text.split("\n")
    row, column = answer_end(text, question)
    assert 0 <= row < len(lines)
    assert 0 <= column <= len(lines[row])


def test_the_cursor_for_an_answer_in_notes_edited_by_hand() -> None:
    # Headings taken out or run together by hand (the editor, ctrl+e): still a place inside.
    assert answer_end("## Notes\nloose\n## Tell me\nfirst\nlast one", "Tell me") == (4, len("last one"))
    assert answer_end("## Tell me\n## Notes\nloose", "Tell me") == (1, 0)
    assert answer_end("## Notes\nloose\n## Tell me", "Tell me") == (2, 0)


@given(
    plan=st.lists(st.integers(1, 12), max_size=10),
    answers=st.dictionaries(
        st.integers(1, 15).map(str) | st.sampled_from(["²", "٣", "notes", ""]),
        st.sampled_from(["", "  ", "an answer", "x"]),
        max_size=10,
    ),
)
def test_the_notes_show_the_plan_then_every_other_answered_question_once(plan: list[int], answers: dict[str, str]) -> None:
    shown = questions_shown(plan, answers)
    assert len(shown) == len(set(shown))
    assert shown[: len(set(plan))] == list(dict.fromkeys(plan))
    # Keys in other digits ("²", which int() refuses) are no question of the plan's numbering.
    answered = {int(key) for key, answer in answers.items() if key.isascii() and key.isdigit() and answer.strip()}
    assert set(shown) == set(plan) | answered
    assert shown[len(set(plan)) :] == sorted(answered - set(plan))
