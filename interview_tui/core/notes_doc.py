"""An interview's notes as one plain-text document: each planned question as a heading with its
answer under it, then free notes and key takeaways.

One editor holding the whole document is the fastest way to capture a conversation (no field to
tab between, every answer in view), and the text reads well when exported. Parsing it back is
forgiving: a heading is matched to the plan's question with the same text, else to the next
question in order, so a reworded question keeps its answer and a deleted section does not shift
the others; text that sits under no heading is kept as notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HEADING = "## "
NOTES_HEADING = "Notes"
TAKEAWAYS_HEADING = "Key takeaways"


@dataclass
class NotesDocument:
    questions: list[tuple[int, str]]
    """(question id, question text) in the order of the plan."""
    answers: dict[int, str] = field(default_factory=dict)
    notes: str = ""
    takeaways: str = ""


def render(document: NotesDocument) -> str:
    parts: list[str] = []
    for question_id, text in document.questions:
        parts.append(f"{HEADING}{text}\n{_body(document.answers.get(question_id, ''))}")
    parts.append(f"{HEADING}{NOTES_HEADING}\n{_body(document.notes)}")
    parts.append(f"{HEADING}{TAKEAWAYS_HEADING}\n{_body(document.takeaways)}")
    return "\n".join(parts)


def _body(text: str) -> str:
    text = text.strip("\n")
    return f"{text}\n" if text else "\n"


def parse(text: str, questions: list[tuple[int, str]]) -> NotesDocument:
    """Read the document back; questions are matched to headings in order."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.split("\n"):
        if line.startswith(HEADING):
            sections.append((line[len(HEADING) :].strip(), []))
        else:
            sections[-1][1].append(line)

    document = NotesDocument(questions=list(questions))
    loose: list[str] = []
    preamble = "\n".join(sections[0][1]).strip("\n")
    if preamble.strip():
        loose.append(preamble)
    unused = list(questions)
    for heading, lines in sections[1:]:
        body = "\n".join(lines).strip("\n")
        assert heading is not None
        if heading.casefold() == NOTES_HEADING.casefold():
            if body.strip():
                loose.append(body)
        elif heading.casefold() == TAKEAWAYS_HEADING.casefold():
            if body.strip():
                document.takeaways = _join(document.takeaways, body)
        elif unused:
            # The question with this very text, else the next one of the plan: a deleted
            # section does not shift later answers, and a reworded heading keeps its answer.
            question = next((q for q in unused if q[1].strip().casefold() == heading.casefold()), unused[0])
            unused.remove(question)
            if body.strip():
                document.answers[question[0]] = body
        elif body.strip() or heading:
            # A heading the plan does not know: keep it with its text in the free notes.
            loose.append(f"{HEADING}{heading}\n{body}".rstrip("\n"))
    document.notes = "\n\n".join(loose)
    return document


def _join(first: str, second: str) -> str:
    if first.strip() and second.strip():
        return f"{first}\n\n{second}"
    return first if first.strip() else second


def first_empty_answer_line(text: str) -> int:
    """The line where capture should start: under the first question with no answer yet, else
    under the free-notes heading."""
    lines = text.split("\n")
    headings = [i for i, line in enumerate(lines) if line.startswith(HEADING)]
    special = {NOTES_HEADING.casefold(), TAKEAWAYS_HEADING.casefold()}
    for number, start in enumerate(headings):
        end = headings[number + 1] if number + 1 < len(headings) else len(lines)
        title = lines[start][len(HEADING) :].strip().casefold()
        if title not in special and not any(line.strip() for line in lines[start + 1 : end]):
            return min(start + 1, len(lines) - 1)
    for start in headings:
        if lines[start][len(HEADING) :].strip().casefold() == NOTES_HEADING.casefold():
            return min(start + 1, len(lines) - 1)
    return max(0, len(lines) - 1)
