"""The trash: contacts deleted with everything that went with them, restorable as they were.

Deleting a person is rarely meant for good, and it takes their conversations, follow-ups and
touches with it. So a delete moves all of it here, as the stored documents were, with the ids of
the contacts they had introduced (whose "referred by" link is unset meanwhile). Restoring puts
every record back under its own id when that is free (no id the trash holds is handed out
again, but another program may have used one), and links the people they introduced to them
again. Only a purge (someone asked to be forgotten, or "Empty trash") erases them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from . import text
from .models import Local, Record, Whole
from .rescue import find_rescues
from .storage import write_atomically

RECORD_TABLES = ("contacts", "interviews", "followups", "touches", "events")
"""The tables a contact's records come from, in the order they are put back."""


class Erased(NamedTuple):
    """What a purge did."""

    names: list[str]
    rescued_lines: int
    """Lines of text rescued after a hang-up that named them, taken out."""
    copies: list[Path]
    """Copies of the workspace kept beside it (damaged, conflict) that still name them."""

    def said(self) -> str:
        """The purge in words, for the person."""
        if not self.names:
            return "Nothing was erased."
        who = self.names[0] if len(self.names) == 1 else f"{len(self.names)} people"
        text = f"Erased {who} for good."
        if self.rescued_lines:
            lines = f"{self.rescued_lines} line{'s' * (self.rescued_lines != 1)}"
            text += f" {lines} naming them taken out of text rescued after a hang-up."
        if self.copies:
            text += " Still named in copies kept beside the workspace (delete them when you no longer need them): "
            text += ", ".join(str(path) for path in self.copies) + "."
        return text


class TrashEntry(Record, msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """One deleted contact and everything deleted with them."""

    name: str
    """The contact's name when deleted, to find and show the entry."""
    deleted_at: Local
    id: int | None = None
    records: dict[str, Any] = msgspec.field(default_factory=dict)
    """Stored documents by table, then by id (as text): {"contacts": {"7": {...}}, ...}."""
    relinked: list[Whole] = msgspec.field(default_factory=list)
    """Contacts that named this one as their referrer: linked to it again on restoring."""

    def count(self, table: str) -> int:
        return len(self.records.get(table) or {})

    def contact_id(self) -> int | None:
        contacts = self.records.get("contacts") or {}
        return int(next(iter(contacts))) if contacts else None


def what_goes_with(conversations: int, followups: int, referred: list[str]) -> str:
    """"2 conversations, 3 follow-ups; Sam Sample was referred by them": for the confirmation."""
    parts = []
    if conversations:
        parts.append(_count(conversations, "conversation"))
    if followups:
        parts.append(_count(followups, "follow-up"))
    said = ", ".join(parts)
    if referred:
        shown = referred[:3] + ([f"{len(referred) - 3} more"] if len(referred) > 3 else [])
        verb = "was" if len(referred) == 1 else "were"
        links = f"{text.and_list(shown)} {verb} referred by them"
        said = f"{said}; {links}" if said else links
    return said


def describe(entry: TrashEntry) -> str:
    """What the entry holds, in a few words."""
    said = what_goes_with(entry.count("interviews"), entry.count("followups"), [])
    return said or "no conversations or follow-ups"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"



def mentions(text: str, name: str) -> bool:
    """Whether ``text`` holds ``name`` (case and runs of spaces aside): for erasing a person from
    the files the app keeps."""
    wanted = " ".join(name.split()).casefold()
    return bool(wanted) and wanted in " ".join(text.split()).casefold()


def erase_from_rescues(workspace: Path, names: list[str]) -> int:
    """Take what was typed about one of ``names`` out of the text rescued from open forms (see
    core/rescue.py): a form whose title names them (their contact form, the notes of a
    conversation with them) goes whole, and from any other form the lines that name them, so
    what was typed about anyone else stays. A form left with no field goes, and a file left with
    no form is removed. Returns the number of lines taken out."""
    removed = 0
    for path in find_rescues(workspace):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue

        def named(line: str) -> bool:
            return any(mentions(line, name) for name in names)

        # The header (when and why it was written) first, then the forms, a blank line apart.
        header, _, body = text.partition("\n\n")
        named_in_header = named(header)
        if named_in_header:
            header = "Typed into interview-tui and not saved."
        taken = int(named_in_header)
        forms = []
        for form in body.split("\n\n"):
            lines = form.strip("\n").split("\n")
            if not form.strip():
                continue
            if named(lines[0]):
                taken += len(lines)
                continue
            kept = [line for line in lines if not named(line)]
            taken += len(lines) - len(kept)
            if len(kept) > 1:  # a title and at least one field
                forms.append("\n".join(kept))
        if not taken:
            continue
        removed += taken
        with contextlib.suppress(OSError):
            if forms:
                write_atomically(path, (header + "\n\n" + "\n\n".join(forms) + "\n").encode("utf-8"))
            else:
                path.unlink()
    return removed


def copies_naming(workspace: Path, names: list[str]) -> list[Path]:
    """Copies of the workspace kept beside it (a damaged file set aside by restore-backup, a
    conflict copy) that still name one of ``names``: the person is told, and decides."""
    found = []
    for path in sorted(workspace.parent.glob(f"{workspace.stem}*")):
        if ".damaged-" not in path.name and ".conflict-" not in path.name:
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if any(mentions(text, name) for name in names):
            found.append(path)
    return found
