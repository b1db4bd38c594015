"""An interview's notes as one plain-text document: each planned question as a heading with its
answer under it, then free notes and key takeaways.

One editor holding the whole document is the fastest way to capture a conversation (no field to
tab between, every answer in view), and the text reads well when exported.

Reading it back follows one rule first: **every word in the editor is still there after a save
and a reopen.** A heading is the plan's, not the user's text: the plan changes with ``p``, so an
edit that lands on a heading line is almost always a slip of the cursor (Down once too often,
Backspace at the start of an answer), and the least surprising result is the question restored,
with the words typed kept where the user meant them. So:

- A heading line that is a planned question's text (or "Notes", "Key takeaways") starts that
  section. When the same text is there twice, the headings in the plan's order win and the
  earliest such line is the heading; a heading moved out of order still finds its section.
- A heading with text typed after the question (``## What is an average day like?I start at
  9``, or the answer's first line joined onto it by Backspace) is that question, and the typed
  text becomes the first line of its answer, unless that would cut a word in two (``like?|I``
  is split, ``elseSam`` is not). Typed in front of the ``## `` marker (a heading joined onto
  the line before it), the text stays at the end of the section above and the heading is one
  again; typed into the marker, it starts the answer.
- Any other heading in the place of a question whose heading is missing (text typed in the
  middle of the question, a question reworded, a word cut in two) is taken to be that question,
  and its whole text is kept as the first line of the answer, as it was on screen.
- A heading that is none of these (a subheading of the user's own, a pasted Markdown heading)
  stays a line of the section it sits in, verbatim, with its ``## ``; one that repeats a heading
  already present loses its ``## `` marker, so that it cannot become a section the next time.
- Text above the first heading is kept at the start of the notes.

"Every word" is meant as a reader counts words: runs of letters and digits, each occurrence.
Punctuation stays too; only the ``## `` markers are the document's own (a test states this with
hypothesis over random edits, in tests/core/test_notes_doc_props.py).

What was read back renders to a document that reads back to the same thing (nothing moves on
the next save), and an untouched document reads back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

HEADING = "## "
NOTES_HEADING = "Notes"
TAKEAWAYS_HEADING = "Key takeaways"

_NOTES = "notes"
_TAKEAWAYS = "takeaways"
_WORD_CHAR = re.compile(r"\w")


@dataclass
class NotesDocument:
    questions: list[tuple[int, str]]
    """(question id, question text) in the order of the plan."""
    answers: dict[int, str] = field(default_factory=dict)
    notes: str = ""
    takeaways: str = ""


def questions_shown(plan: Iterable[int], answers: Mapping[str, str]) -> list[int]:
    """The questions a conversation's notes show, in order: its plan's, each once, then any other
    it holds an answer to, by number (a question taken out of the plan after it was answered).
    What was typed under a question stays in sight, to be read, changed, found and opened from
    the answers view; hidden, the answers view opened the editor under another question."""
    shown = dict.fromkeys(plan)
    answered = sorted(int(key) for key, answer in answers.items() if key.isascii() and key.isdigit() and answer.strip())
    return [*shown, *(question for question in answered if question not in shown)]


def title(text: str) -> str:
    """A question as its heading shows it: on one line, spaces collapsed."""
    return " ".join(text.split())


def is_heading(line: str) -> bool:
    return line.startswith(HEADING)


def render(document: NotesDocument) -> str:
    # Text that came in another way (the note command, an import) may hold a line that reads as
    # one of this document's headings: shown as one, it would become that section on the next
    # save and take the lines after it along. It is shown as text (what parse does to such a
    # line typed in the editor), every word kept.
    taken = {title(text) for _, text in document.questions} | {NOTES_HEADING, TAKEAWAYS_HEADING}
    parts: list[str] = []
    for question_id, text in document.questions:
        parts.append(f"{HEADING}{title(text)}\n{_body(document.answers.get(question_id, ''), taken)}")
    parts.append(f"{HEADING}{NOTES_HEADING}\n{_body(document.notes, taken)}")
    parts.append(f"{HEADING}{TAKEAWAYS_HEADING}\n{_body(document.takeaways, taken)}")
    return "\n".join(parts)


def _body(text: str, taken: set[str]) -> str:
    text = text.strip("\n")
    if HEADING in text:
        text = "\n".join(
            line[len(HEADING) :] if is_heading(line) and title(line[len(HEADING) :]) in taken else line
            for line in text.split("\n")
        )
    return f"{text}\n" if text else "\n"


@dataclass
class _Claim:
    """A line of the document read as the heading of one section."""

    item: int
    """Index into the sections the document should have (the plan's questions, notes, takeaways)."""
    lead: str = ""
    """Text typed on the heading line, kept as the first line of the section."""
    before: str = ""
    """Text typed in front of the heading marker, kept as the last line of the section above."""


def parse(text: str, questions: list[tuple[int, str]]) -> NotesDocument:
    """Read the document back into answers (by question id), notes and takeaways."""
    keys: list[int | str] = [question_id for question_id, _ in questions] + [_NOTES, _TAKEAWAYS]
    titles = [title(text) for _, text in questions] + [NOTES_HEADING, TAKEAWAYS_HEADING]
    lines = text.split("\n")
    heading_rows = [row for row, line in enumerate(lines) if is_heading(line)]
    claims: dict[int, _Claim] = {}  # line number -> what it is the heading of
    claimed: set[int] = set()

    def claim(row: int, found: _Claim) -> None:
        claims[row] = found
        claimed.add(found.item)

    # 1. Headings with a section's very text, in the plan's order.
    for row, item in _in_order([title(lines[row][len(HEADING) :]) for row in heading_rows], titles):
        claim(heading_rows[row], _Claim(item))
    # 2. The same, out of order (a section moved).
    for row in heading_rows:
        if row not in claims:
            wanted = title(lines[row][len(HEADING) :])
            moved = next((i for i, t in enumerate(titles) if i not in claimed and t == wanted), None)
            if moved is not None:
                claim(row, _Claim(moved))
    # 3. Headings with text typed into them: the question, and the text as the answer's start.
    for row, line in enumerate(lines):
        if row in claims:
            continue
        free = _free_items(row, claims, claimed, len(titles))
        if not free:
            continue
        best: _Claim | None = None
        for item in free:
            split = _typed_into(line.strip(), HEADING + titles[item])
            if split is not None and (best is None or len(titles[item]) > len(titles[best.item])):
                best = _Claim(item, lead=split[1].strip()) if split[0] else _Claim(item, before=split[1])
        if best is not None:
            claim(row, best)
    # 4. Any other heading where a question's heading is missing is that question, reworded.
    for row in heading_rows:
        if row in claims:
            continue
        free = [item for item in _free_items(row, claims, claimed, len(titles)) if item < len(questions)]
        if free:
            claim(row, _Claim(free[0], lead=lines[row][len(HEADING) :].strip()))

    # A line that still reads as a section's heading would become one on the next save.
    taken = set(titles)

    def as_text(line: str) -> str:
        if is_heading(line) and title(line[len(HEADING) :]) in taken:
            return line[len(HEADING) :]
        return line

    preamble: list[str] = []
    bodies: dict[int, list[str]] = {}
    current = preamble
    for row, line in enumerate(lines):
        found = claims.get(row)
        if found is None:
            current.append(as_text(line))
            continue
        if found.before.strip():
            current.append(as_text(found.before))
        current = bodies[found.item] = []
        if found.lead:
            current.append(as_text(found.lead))

    def body(item: int) -> str:
        return "\n".join(bodies.get(item, [])).strip("\n")

    document = NotesDocument(questions=list(questions))
    for item, (question_id, _) in enumerate(questions):
        answer = body(item)
        if answer.strip():
            document.answers[question_id] = answer
    notes = _join("\n".join(preamble).strip("\n"), body(keys.index(_NOTES)))
    document.notes = notes if notes.strip() else ""
    takeaways = body(keys.index(_TAKEAWAYS))
    document.takeaways = takeaways if takeaways.strip() else ""
    return document


def _in_order(found: list[str], wanted: list[str]) -> list[tuple[int, int]]:
    """The most pairs (index in found, index in wanted) of equal texts that keep both orders;
    of those, each heading as early in the document as it can be."""
    n, m = len(found), len(wanted)
    longest = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if found[i] == wanted[j]:
                longest[i][j] = 1 + longest[i + 1][j + 1]
            else:
                longest[i][j] = max(longest[i + 1][j], longest[i][j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if found[i] == wanted[j] and longest[i][j] == 1 + longest[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif longest[i][j + 1] == longest[i][j]:
            j += 1
        else:
            i += 1
    return pairs


def _free_items(row: int, claims: dict[int, _Claim], claimed: set[int], count: int) -> list[int]:
    """Sections with no heading yet that belong between the headings around this line."""
    before = max((c.item for r, c in claims.items() if r < row), default=-1)
    after = min((c.item for r, c in claims.items() if r > row), default=count)
    return [item for item in range(before + 1, after) if item not in claimed]


def _typed_into(line: str, heading: str) -> tuple[int, str] | None:
    """If ``line`` is ``heading`` with text typed after it (cutting no word in two), or typed in
    front of or into its ``## `` marker: (where, what was typed). Text typed inside the
    question's own words is not split off: there it may as well be a rewording."""
    extra = len(line) - len(heading)
    if extra <= 0:
        return None
    if line.startswith(heading):
        return (len(heading), line[len(heading) :]) if _apart(heading[-1:], line[len(heading)]) else None
    if not line.endswith(heading[len(HEADING) :]):
        return None
    for at in range(len(HEADING) - 1, -1, -1):
        if line[:at] == heading[:at] and line[at + extra :] == heading[at:]:
            return at, line[at : at + extra]
    return None


def _apart(left: str, right: str) -> bool:
    """True if a cut between these two characters (either may be an end) splits no word."""
    return not (left and right and _WORD_CHAR.match(left) and _WORD_CHAR.match(right))


def _join(first: str, second: str) -> str:
    if first.strip() and second.strip():
        return f"{first}\n\n{second}"
    return first if first.strip() else second


def heading_lines(text: str) -> list[int]:
    """The line numbers of the headings, in order."""
    return [row for row, line in enumerate(text.split("\n")) if is_heading(line)]


def first_empty_answer_line(text: str) -> int:
    """The line where capture should start: under the first question with no answer yet, else
    at the end of the free notes (the last line that holds any, or the line under their
    heading), so that words typed at once go after what is there, not into its first line."""
    lines = text.split("\n")
    headings = [i for i, line in enumerate(lines) if line.startswith(HEADING)]
    special = {NOTES_HEADING.casefold(), TAKEAWAYS_HEADING.casefold()}
    for number, start in enumerate(headings):
        end = headings[number + 1] if number + 1 < len(headings) else len(lines)
        heading = lines[start][len(HEADING) :].strip().casefold()
        if heading not in special and not any(line.strip() for line in lines[start + 1 : end]):
            return min(start + 1, len(lines) - 1)
    for number, start in enumerate(headings):
        if lines[start][len(HEADING) :].strip().casefold() == NOTES_HEADING.casefold():
            end = headings[number + 1] if number + 1 < len(headings) else len(lines)
            written = [line for line in range(start + 1, end) if lines[line].strip()]
            return written[-1] if written else min(start + 1, len(lines) - 1)
    return max(0, len(lines) - 1)


def answer_end(text: str, question: str) -> tuple[int, int]:
    """Where the cursor goes to add to the answer to ``question`` (row, column): the end of the
    last line written under its heading, or the line under it when nothing is. Without that
    heading (the plan changed since), where capture starts (``first_empty_answer_line``)."""
    lines = text.split("\n")
    wanted = title(question)
    for start, line in enumerate(lines):
        if is_heading(line) and title(line[len(HEADING) :]) == wanted:
            end = next((row for row in range(start + 1, len(lines)) if is_heading(lines[row])), len(lines))
            written = [row for row in range(start + 1, end) if lines[row].strip()]
            if written:
                return written[-1], len(lines[written[-1]])
            return min(start + 1, len(lines) - 1), 0
    return first_empty_answer_line(text), 0
