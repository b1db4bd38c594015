"""An interview's notes as one plain-text document: each planned question as a heading with its
answer under it, then free notes and key takeaways.

One editor holding the whole document is the fastest way to capture a conversation (no field to
tab between, every answer in view), and the text reads well when exported. Parsing it back is
forgiving: a heading is matched to the plan's question with the same text; a heading that
matches none (a reworded question) takes the first unclaimed question of the plan that lies
between its neighbours, so a reworded question keeps its answer and a deleted section does not
shift the others. Text that sits under no heading, and a heading with no question left for it,
is kept as notes; a heading typed inside the notes or the takeaways stays there.
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
    """Read the document back into answers (by question id), notes and takeaways."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.split("\n"):
        if line.startswith(HEADING):
            sections.append((line[len(HEADING) :].strip(), []))
        else:
            sections[-1][1].append(line)

    special = {NOTES_HEADING.casefold(), TAKEAWAYS_HEADING.casefold()}
    position = {question_id: index for index, (question_id, _) in enumerate(questions)}
    # First pass: headings that are a planned question's very text, in document order.
    owner: dict[int, int] = {}  # section index -> question id
    claimed: set[int] = set()
    for index, (heading, _) in enumerate(sections[1:], start=1):
        assert heading is not None
        wanted = heading.casefold()
        if wanted in special:
            continue
        question = next(
            (q for q in questions if q[0] not in claimed and q[1].strip().casefold() == wanted), None
        )
        if question is not None:
            owner[index] = question[0]
            claimed.add(question[0])
    # Second pass: any other heading in the question part takes the first unclaimed question
    # between the matched ones around it (a reworded heading keeps its answer).
    in_special = False
    for index, (heading, _) in enumerate(sections[1:], start=1):
        assert heading is not None
        if heading.casefold() in special:
            in_special = True
            continue
        if index in owner:
            in_special = False
            continue
        if in_special:
            continue
        before = max((position[owner[i]] for i in owner if i < index), default=-1)
        after = min((position[owner[i]] for i in owner if i > index), default=len(questions))
        free = next(
            (q for q in questions[before + 1 : after] if q[0] not in claimed), None
        )
        if free is not None:
            owner[index] = free[0]
            claimed.add(free[0])

    document = NotesDocument(questions=list(questions))
    loose: list[str] = []
    preamble = "\n".join(sections[0][1]).strip("\n")
    if preamble.strip():
        loose.append(preamble)
    current: str | None = None  # the special section a stray heading belongs to
    for index, (heading, lines) in enumerate(sections[1:], start=1):
        assert heading is not None
        body = "\n".join(lines).strip("\n")
        if index in owner:
            current = None
            if body.strip():
                document.answers[owner[index]] = body
            continue
        kind = heading.casefold()
        if kind in special:
            current = kind
        elif body.strip() or heading:
            # A heading the plan does not know: kept with its text, in the section it sits in.
            body = f"{HEADING}{heading}\n{body}".rstrip("\n")
        if not body.strip():
            continue
        if (current or kind) == TAKEAWAYS_HEADING.casefold():
            document.takeaways = _join(document.takeaways, body)
        else:
            loose.append(body)
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
