"""The campaign as Markdown: one file per contact, plus index.md linking them all.

A contact's file has their details, what the user noted about them, every conversation (oldest
first) with each question as a heading and its answer under it, then follow-ups and the history
of touches. The conversations are the notes editor's own document (core.notes_doc), its
headings moved down to sit under the conversation's, so an export reads exactly as the notes
did while they were taken, in any text viewer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..core import notes_doc
from ..core.insight.answers import Answer, answer_heading
from ..core.models import UNKNOWN_CONTACT, Contact, FollowUp, Interview, InterviewStatus, Question, Touch
from ..core.store import Store
from ..core.text import strip_controls
from .records import cleaned, cleaned_all, cleaned_names, interviews_by_contact, touches_by_contact

INDEX = "index.md"
MANIFEST = ".interview-tui-pages"
"""Beside the pages: which ones the export wrote, so the next one removes those (and only those)
that no contact has any more."""
SLUG_LENGTH = 60
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def slug(name: str) -> str:
    """A file name stem from a name: letters and digits of any script, joined by hyphens."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[\W_]+", "-", text).strip("-")
    text = text[:SLUG_LENGTH].strip("-")
    if not text or _WINDOWS_RESERVED.match(text):
        text = f"contact-{text}".strip("-")
    return text


def file_names(contacts: Iterable[Contact]) -> dict[int | None, str]:
    """A unique file name per contact, the same from one export to the next while names stay;
    unique ignoring case, for file systems that ignore it."""
    taken = {INDEX.casefold()}
    names: dict[int | None, str] = {}
    for contact in sorted(contacts, key=lambda c: (c.name.casefold(), c.id or 0)):
        stem = slug(contact.name)
        candidate, number = f"{stem}.md", 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{stem}-{number}.md"
        taken.add(candidate.casefold())
        names[contact.id] = candidate
    return names


def _inline(text: str) -> str:
    """Text for a heading, a link or a list item: Markdown's markup characters escaped."""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _block(text: str) -> str:
    """Text the person typed, as a Markdown block: raw HTML in it is shown as text (a ``<script>``
    in a note is words, not something a viewer runs), and each line break is kept (a line
    followed by another ends in two spaces, Markdown's hard break) rather than joined into one."""
    text = _ENTITY.sub(r"\\&", _TAG_START.sub(r"\\<", text))
    lines = text.split("\n")
    return "\n".join(
        line + "  " if line.strip() and index + 1 < len(lines) and lines[index + 1].strip() else line
        for index, line in enumerate(lines)
    )


def _when(moment: datetime) -> str:
    return f"{moment:%a %d %b %Y, %H:%M}"


def _demote(document: str, levels: int) -> str:
    """The notes document's question headings, ``levels`` deeper."""
    prefix = "#" * levels
    return "\n".join(
        prefix + line if line.startswith(notes_doc.HEADING) else line for line in document.split("\n")
    )


def _conversation(interview: Interview, bank: dict[int, str]) -> str:
    plan = [(qid, bank[qid]) for qid in interview.question_ids if qid in bank]
    planned = {qid for qid, _ in plan}
    answers = {int(k): v for k, v in interview.answers.items() if k.isascii() and k.isdigit()}
    # Answers kept for questions since dropped from the plan still belong in an export.
    extra = [(qid, bank.get(qid, f"Question {qid}")) for qid in sorted(answers) if qid not in planned and answers[qid].strip()]
    document = notes_doc.render(
        notes_doc.NotesDocument(
            questions=[*plan, *extra],
            answers=answers,
            notes=interview.notes,
            takeaways=interview.takeaways,
        )
    )
    if interview.length_agreed:
        length = f"{interview.minutes} minutes, {interview.mode.label}"
    else:
        # Notes begun with no time agreed: their 20 minutes by video were never agreed.
        length = "" if interview.status is InterviewStatus.DONE else "no time agreed"
    heading = " · ".join(part for part in (f"### {_when(interview.when)}", length, interview.status.label) if part)
    lines = [heading, ""]
    if interview.where:
        lines += [f"Where: {_inline(interview.where)}", ""]
    shown = "\n".join(
        line if line.startswith(notes_doc.HEADING) else _block(line) for line in _hard_breaks(document).split("\n")
    )
    return "\n".join(lines) + "\n" + _demote(shown, 2).rstrip("\n") + "\n"


def _hard_breaks(document: str) -> str:
    """The notes document with its answers' line breaks kept (headings left as they are)."""
    lines = document.split("\n")
    out = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        keep = line.strip() and following.strip() and not line.startswith("#") and not following.startswith("#")
        out.append(line + "  " if keep else line)
    return "\n".join(out)


@dataclass
class _Workspace:
    """What every page needs, gathered once: per-contact look-ups, not a scan per contact."""

    names: dict[int, str]
    files: dict[int | None, str]
    bank: dict[int, str]
    interviews: dict[int, list[Interview]]
    followups: dict[int, list[FollowUp]]
    touches: dict[int, list[Touch]]
    referred: dict[int, list[Contact]]


def _gather(store: Store, contacts: list[Contact]) -> _Workspace:
    followups: dict[int, list[FollowUp]] = defaultdict(list)
    for followup in cleaned_all(store.followups(include_done=True)):
        followups[followup.contact_id].append(followup)
    referred: dict[int, list[Contact]] = defaultdict(list)
    for contact in store.contacts():
        if contact.referred_by is not None:
            referred[contact.referred_by].append(cleaned(contact))
    return _Workspace(
        names=cleaned_names(store.contact_names()),
        files=file_names(contacts),
        bank={q.id: strip_controls(q.text) for q in store.questions(include_retired=True) if q.id is not None},
        interviews={key: cleaned_all(items) for key, items in interviews_by_contact(store).items()},
        followups=followups,
        touches={key: cleaned_all(items) for key, items in touches_by_contact(store).items()},
        referred=referred,
    )


def contact_page(contact: Contact, ws: _Workspace) -> str:
    out = [f"# {_inline(contact.name)}", ""]
    if contact.company_role:
        out += [_inline(contact.company_role), ""]
    details = [
        ("Company", contact.company),
        ("Role", contact.role),
        ("Field", contact.field),
        ("Email", contact.email),
        ("Phone", contact.phone),
        ("LinkedIn", contact.linkedin_url),
        ("Relationship", contact.relationship.label),
        ("Stage", contact.stage.label),
        ("Tags", ", ".join(f"#{t}" for t in contact.tags)),
    ]
    for label, value in details:
        if value:
            out.append(f"- **{label}:** {_inline(value)}")
    if contact.address:
        lines = contact.address.split("\n")
        # Two spaces end each line but the last: a hard break, so the address keeps its lines.
        shown = [_inline(line) for line in lines]
        out.append(f"- **Address:** {shown[0]}" + ("  " if len(shown) > 1 else ""))
        out += [f"  {line}" + ("  " if number < len(shown) - 1 else "") for number, line in enumerate(shown[1:], start=1)]
    if contact.referred_by is not None and contact.referred_by in ws.names:
        out.append(f"- **Referred by:** {_link(ws.names[contact.referred_by], ws.files.get(contact.referred_by))}")
    elif contact.referred_by is not None:
        out.append(f"- **Referred by:** {UNKNOWN_CONTACT}")  # the referrer is no longer in the workspace
    key = contact.id if contact.id is not None else -1
    referred = sorted(ws.referred.get(key, []), key=lambda c: c.name.casefold())
    if referred:
        out.append("- **Introduced you to:** " + ", ".join(_link(c.name, ws.files.get(c.id)) for c in referred))
    out.append("")
    if contact.notes.strip():
        out += ["## About", "", _block(contact.notes.strip("\n")), ""]
    interviews = ws.interviews.get(key, [])
    if interviews:
        out += ["## Conversations", ""]
        out += [_conversation(interview, ws.bank) for interview in interviews]
    followups = ws.followups.get(key, [])
    if followups:
        out += ["## Follow-ups", ""]
        for followup in followups:
            state = f"done {followup.done_at:%d %b %Y}" if followup.done_at else f"due {followup.due:%a %d %b %Y}"
            note = f": {_inline(followup.note)}" if followup.note else ""
            out.append(f"- {followup.kind.label.capitalize()}, {state}{note}")
        out.append("")
    touches = ws.touches.get(key, [])
    if touches:
        out += ["## History", ""]
        for touch in touches:
            note = f": {_inline(touch.note)}" if touch.note else ""
            out.append(f"- {touch.at:%d %b %Y} {touch.kind.label}{note}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _link(name: str, file_name: str | None) -> str:
    return f"[{_inline(name)}]({file_name})" if file_name else _inline(name)


def index_page(contacts: list[Contact], names: dict[int | None, str], now: datetime) -> str:
    out = ["# Informational interviews", "", f"{len(contacts):,} contacts, exported {_when(now)}.", ""]
    for contact in sorted(contacts, key=lambda c: (c.name.casefold(), c.id or 0)):
        about = f" — {_inline(contact.company_role)}" if contact.company_role else ""
        out.append(f"- {_link(contact.name, names[contact.id])}{about} · {contact.stage.label}")
    return "\n".join(out) + "\n"


def markdown_files(store: Store, contacts: list[Contact]) -> dict[str, str]:
    """File name -> text: one page per contact, and the index."""
    contacts = cleaned_all(contacts)
    ws = _gather(store, contacts)
    files = {ws.files[c.id]: contact_page(c, ws) for c in contacts}
    files[INDEX] = index_page(contacts, ws.files, store.clock())
    return files


# The answers to one question, side by side (the answers view's export) -----------------------

_HEADING_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _heading(text: str) -> str:
    """One line of Markdown (a heading), with the characters Markdown reads as markup escaped,
    a "#" as well: a name such as "Sam_Sample" or a role with "*" must print as typed."""
    return _HEADING_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def answers_markdown(question: Question, answers: Sequence[Answer], now: datetime) -> str:
    """The answers as a Markdown document: the question as the title, then one section per
    answer headed with who said it and when, newest first."""
    count = len(answers)
    lines = [
        f"# {_heading(question.text)}",
        "",
        f"{count} answer{'s' if count != 1 else ''}, newest first. Exported {now:%d %b %Y}.",
        "",
    ]
    for answer in answers:
        lines.append(f"## {_heading(answer_heading(answer))}")
        lines.append("")
        # The answer is the user's own text, kept as typed (lists and emphasis they wrote stay),
        # except that a line that would read as a heading is escaped: it would break the sections.
        for line in answer.text.split("\n"):
            text = line.lstrip(" ")
            if text.startswith("#"):
                line = line[: len(line) - len(text)] + "\\" + text
            lines.append(line)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def answers_file_name(question: Question) -> str:
    """A file name for the export, from the question's words: "answers-what-is-an-average-day.md"."""
    words = re.sub(r"[\W_]+", "-", question.text.casefold()).strip("-")[:50].strip("-")
    return f"answers-{words or question.id}.md"
