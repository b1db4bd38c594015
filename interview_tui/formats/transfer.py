"""Import and export as the CLI and the app ask for them: a kind, a path, and a report back.

Everything a user can get wrong (a missing file, a malformed row, an unwritable path) ends in an
InterviewTuiError whose message is one line naming the file and, for input, the line or card at
fault. An import that is refused changes nothing: the whole file is read and checked before the
first contact is stored, and then it is stored in one write.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.contact_query import filter_contacts, search_key
from ..core.errors import InvalidInput
from ..core.models import Contact, Interview, Relationship
from ..core.store import Store
from . import backup, csv_contacts, files, linkedin, markdown
from .importing import SKIP_NAME_REPEATED, SKIP_NAME_TAKEN, ImportPlan, Incoming, Progress, apply_plan, plan_import
from .kinds import EXPORT_KINDS, IMPORT_KINDS
from .records import all_records


class ImportRefused(InvalidInput):
    """The file cannot be imported as a whole; nothing was changed."""


@dataclass
class ImportResult:
    kind: str
    path: Path
    dry_run: bool
    plan: ImportPlan | None = None
    restored: str = ""
    """For a JSON backup: what it held ("12 contacts, ...")."""
    store: Store | None = None
    """For a restored backup: the store that reads it (the one passed in is stale)."""
    accepted: str = ""
    """For an invitation: what was done with it."""
    overlaps: str = ""
    """For an invitation: the other planned conversations its time overlaps, in words that go on
    from "It overlaps" ("your conversation with Alex Example on ..."); empty when none."""

    def message(self, how_to_add_another: str = "") -> str:
        """What was done, in a few lines whatever the size of the file. ``how_to_add_another``
        ends it when people were left out for their name: the way to add them all the same
        depends on where the import was asked for (the command line's --another)."""
        name = files.shown(self.path)
        if self.kind == "ics":
            return self.accepted
        if self.kind == "json":
            if self.dry_run:
                return f"Dry run: {name} holds {self.restored}; it would be restored. Nothing was written."
            return f"Restored {self.restored} from {name}."
        assert self.plan is not None
        remarks = "".join(f" {remark}" for remark in self.plan.remarks)
        left_out = (
            _not_taken(self.plan, self.dry_run)
            + _loops_cut(self.plan, self.dry_run)
            + _left_out(self.plan, self.dry_run, how_to_add_another)
        )
        if self.dry_run:
            return f"Dry run of {name}: would be {self.plan.summary()}.{remarks}{left_out} Nothing was written."
        return f"Imported {name}: {self.plan.summary()}.{remarks}{left_out}"


NAMES_SHOWN = 3
"""People left out for their name that the report names; a file of thousands sums up the rest."""


def _not_taken(plan: ImportPlan, dry_run: bool) -> str:
    """The rows whose value the contact already had another of, by line and field: what the file
    says there is in the file alone, and the user may want it."""
    rows = plan.not_taken()
    if not rows:
        return ""
    shown = ", ".join(f"{row.where} ({', '.join(word for word, _ in row.not_taken)})" for row in rows[:NAMES_SHOWN])
    if len(rows) > NAMES_SHOWN:
        more = len(rows) - NAMES_SHOWN
        shown += f" and {more:,} more row" + ("" if more == 1 else "s")
    return f" {'Would not take' if dry_run else 'Not taken'} from the file, as the contact has another: {shown}."


def _loops_cut(plan: ImportPlan, dry_run: bool) -> str:
    """The "referred by" links left out as they would close a loop of referrals."""
    cut = plan.loops_cut
    if not cut:
        return ""
    shown = ", ".join(f"{where} ({name} by {referrer})" for where, name, referrer in cut[:NAMES_SHOWN])
    if len(cut) > NAMES_SHOWN:
        shown += f" and {len(cut) - NAMES_SHOWN:,} more"
    verb = "Would not link" if dry_run else "Not linked"
    return f" {verb}, as it would make a loop of referrals (said in their notes instead): {shown}."


def _left_out(plan: ImportPlan, dry_run: bool, how_to_add_another: str) -> str:
    said = ""
    left = "Would leave out" if dry_run else "Left out"
    for reason, why in ((SKIP_NAME_TAKEN, "already in the workspace"), (SKIP_NAME_REPEATED, "listed twice in this file")):
        names = plan.left_out_by_name([reason])
        if not names:
            continue
        shown = ", ".join(names[:NAMES_SHOWN])
        if len(names) > NAMES_SHOWN:
            shown += f" and {len(names) - NAMES_SHOWN:,} more"
        said += f" {left} as {why}: {shown}."
    if not said:
        return ""
    return said + (f" {how_to_add_another}" if how_to_add_another else "")


def _refused(path: Path, error: InvalidInput) -> ImportRefused:
    message = str(error)
    # "contacts.csv line 7: ..." when the reader names a place, "contacts.csv: ..." otherwise.
    joined = " " if message.startswith(("line ", "card ")) else ": "
    return ImportRefused(f"{files.shown(path)}{joined}{message} Nothing was imported.")


def _read(kind: str, raw: bytes, progress: Progress | None) -> tuple[list[Incoming], list[str], list[str]]:
    """(rows, columns left out, remarks on how the file was read)."""
    if kind == "vcard":
        from . import vcard  # vobject and icalendar load slowly: only when used

        return vcard.read_vcards(vcard.decode_vcards(raw), progress), [], []
    if kind == "linkedin":
        return linkedin.read_linkedin(files.decode_text(raw), progress), [], []
    if kind == "csv":
        text, remark = csv_contacts.decode_csv(raw)
        found = csv_contacts.read_csv_file(text, progress)
        remarks = [remark] if remark else []
        if found.profile is not None:
            remarks.insert(0, f"Columns read as in {found.profile.name}.")
        return found.items, found.ignored, remarks
    raise ValueError(f"unknown import kind {kind!r}")


def _read_vcard_folder(path: Path, progress: Progress | None) -> tuple[list[Incoming], list[str], list[str]]:
    """Every card of every .vcf in a folder (a khard or vdirsyncer address book keeps one file
    per contact), each named by its file in messages; one bad file refuses them all."""
    from . import vcard

    try:
        entries = sorted(
            (e for e in path.iterdir() if e.suffix.casefold() == ".vcf" and not e.name.startswith(".")),
            key=lambda e: e.name,
        )
    except OSError as exc:
        raise InvalidInput(f"cannot read the folder: {exc.strerror}.") from None
    entries = [e for e in entries if e.is_file()]
    if not entries:
        raise InvalidInput("there is no .vcf file in this folder.")
    items: list[Incoming] = []
    for entry in entries:
        name = files.shown(entry.name)
        try:
            cards = vcard.read_vcards(vcard.decode_vcards(files.read_input(entry)))
        except InvalidInput as exc:
            message = str(exc)
            joined = " " if message.startswith(("line ", "card ")) else ": "
            raise InvalidInput(f"{name}{joined}{message}") from None
        for card in cards:
            card.where = f"{name} {card.where}"
        items.extend(cards)
    if progress is not None:
        progress("Reading", len(items), len(items))
    files_word = f"{len(entries):,} .vcf file" + ("" if len(entries) == 1 else "s")
    return items, [], [f"Read {files_word} from the folder."]


def import_file(
    store: Store,
    kind: str,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    contact: str = "",
    add_contact: bool = False,
    another: bool = False,
    how_to_name: str = "with --contact NAME",
    how_to_add: str = "with --add",
) -> ImportResult:
    """Import contacts (vcard, linkedin, csv), accept an invitation (ics: ``contact`` names the
    contact when the emails do not find them, ``add_contact`` adds the organiser; when neither is
    given and the emails find nobody, the refusal says to do either in the words of where it was
    asked, ``how_to_name`` and ``how_to_add``) or restore a
    backup (json) from ``path``. A person whose name a contact (or an earlier row) already has
    is left out of an import of contacts, unless ``another`` says another person of that name
    is meant."""
    if kind not in IMPORT_KINDS:
        raise InvalidInput(f"cannot import {kind!r}; choose one of {', '.join(IMPORT_KINDS)}.")
    if kind == "ics":
        return _accept(store, path, dry_run=dry_run, contact=contact, add_contact=add_contact,
                       how_to_name=how_to_name, how_to_add=how_to_add)  # fmt: skip
    folder = kind == "vcard" and path.is_dir()
    raw = b"" if folder else files.read_input(path)
    if kind == "json":
        return _restore(store, path, raw, dry_run=dry_run)
    try:
        if folder:
            items, ignored, remarks = _read_vcard_folder(path, progress)
        else:
            items, ignored, remarks = _read(kind, raw, progress)
        plan = plan_import(
            store,
            items,
            source=files.shown(path),
            default_relationship=Relationship.COLD,
            ignored_columns=ignored,
            progress=progress,
            another=another,
        )
        plan.remarks = tuple(remarks)
    except ImportRefused:
        raise
    except InvalidInput as exc:
        raise _refused(path, exc) from None
    if not dry_run:
        apply_plan(store, plan, progress)
    return ImportResult(kind, path, dry_run, plan=plan)


def _accept(
    store: Store, path: Path, *, dry_run: bool, contact: str, add_contact: bool, how_to_name: str, how_to_add: str
) -> ImportResult:
    from ..core import conversations
    from . import invitation  # icalendar loads slowly: only when used

    raw = files.read_input(path)
    try:
        found = invitation.read_invitation(raw)
        accepted = invitation.accept(store, found, contact_name=contact, add=add_contact, dry_run=dry_run,
                                     how_to_name=how_to_name, how_to_add=how_to_add)  # fmt: skip
    except InvalidInput as exc:
        # Only the contact is a field of the import form: the rest is about the file.
        field = "contact" if exc.field == "contact" else None
        raise ImportRefused(f"{files.shown(path)}: {exc} Nothing was changed.", field=field) from None
    overlaps = conversations.overlaps_in_words(store, accepted.overlaps) if accepted.overlaps else ""
    return ImportResult("ics", path, dry_run, accepted=accepted.message(dry_run), overlaps=overlaps)


def _restore(store: Store, path: Path, raw: bytes, *, dry_run: bool) -> ImportResult:
    try:
        document = backup.read_backup(raw)
    except InvalidInput as exc:
        raise ImportRefused(f"{files.shown(path)} cannot be restored: {exc} Nothing was changed.") from None
    held = backup.occupied(store)
    if held is not None:
        raise ImportRefused(
            f"{files.shown(store.path)} already has {held.what}; a backup is restored only into an "
            f"empty workspace, so that nothing is lost. Restore into a new one: interview-tui --db "
            f"NEW.json import json {files.shown(path)}"
        )
    what = backup.describe(document)
    if dry_run:
        return ImportResult("json", path, True, restored=what)
    restored = backup.restore(store, document)
    return ImportResult("json", path, False, restored=what, store=restored)


# Export --------------------------------------------------------------------------------------


@dataclass
class ExportResult:
    kind: str
    path: Path
    message: str


def _selected(store: Store, query: str) -> list[Contact]:
    contacts = store.contacts()
    if not query.strip():
        return contacts
    chosen = filter_contacts([(search_key(c), c) for c in contacts], query)
    if not chosen:
        raise InvalidInput(f"no contact matches the filter '{files.shown(query)}'; nothing was written.", field="filter")
    return chosen


def export(store: Store, kind: str, path: Path, *, query: str = "") -> ExportResult:
    """Write ``kind`` to ``path`` (a directory for markdown) and say what was written where."""
    if kind not in EXPORT_KINDS:
        raise InvalidInput(f"cannot export {kind!r}; choose one of {', '.join(EXPORT_KINDS)}.")
    if kind == "json" and query.strip():
        raise InvalidInput("a JSON backup holds the whole workspace; it takes no filter.", field="filter")
    workspace = store.path
    where = files.shown(os.path.abspath(path))
    writers: dict[str, Callable[[], str]] = {
        "vcard": lambda: _export_vcard(store, path, query, workspace, where),
        "csv": lambda: _export_csv(store, path, query, workspace, where),
        "ics": lambda: _export_ics(store, path, query, workspace, where),
        "markdown": lambda: _export_markdown(store, path, query, workspace, where),
        "json": lambda: _export_json(store, path, workspace, where),
    }
    try:
        message = writers[kind]()
    except OSError as exc:
        # A path the system refuses even to look at (a name too long, a folder we may not
        # search): an error the CLI and the export form can show, not a crash.
        raise files.ExportFailed(f"cannot write {where}: {exc.strerror or exc}.") from None
    return ExportResult(kind, path, message)


def _contacts_word(number: int) -> str:
    return f"{number:,} contact" + ("" if number == 1 else "s")


def _export_vcard(store: Store, path: Path, query: str, workspace: Path, where: str) -> str:
    files.check_file_target(path, workspace, "contacts.vcf")
    contacts = _selected(store, query)
    from . import vcard  # vobject and icalendar load slowly: only when used
    data = vcard.write_vcards(contacts, store.contact_names()).encode("utf-8")
    files.write_file(path, data)
    return f"Wrote {_contacts_word(len(contacts))} to {where} (vCard 3.0)."


def _export_csv(store: Store, path: Path, query: str, workspace: Path, where: str) -> str:
    files.check_file_target(path, workspace, "contacts.csv")
    contacts = _selected(store, query)
    # With a byte-order mark: Excel reads a CSV without one in the Windows code page and shows
    # every accented name garbled; other spreadsheets, Google Contacts and this reader skip it.
    data = csv_contacts.write_csv(contacts, store.contact_names()).encode("utf-8-sig")
    files.write_file(path, data)
    return f"Wrote {_contacts_word(len(contacts))} to {where} (CSV)."


def _export_ics(store: Store, path: Path, query: str, workspace: Path, where: str) -> str:
    files.check_file_target(path, workspace, "interviews.ics")
    contacts = {c.id: c for c in _selected(store, query) if c.id is not None}
    from . import ical  # vobject and icalendar load slowly: only when used

    now = store.clock()
    interviews = ical.exported_interviews(
        (i for i in all_records(store, "interviews", Interview) if i.contact_id in contacts), now
    )
    followups = ical.exported_followups(
        (f for f in store.followups(include_done=True) if f.contact_id in contacts), now
    )
    data = ical.write_calendar(interviews, followups, contacts, now=now, workspace_id=store.workspace_id)
    files.write_file(path, data)
    planned = sum(1 for i in interviews if i.on_calendar)
    waiting = sum(1 for f in followups if f.done_at is None)
    gone = len(interviews) - planned + len(followups) - waiting
    conversations = f"{planned:,} planned conversation" + ("" if planned == 1 else "s")
    follow = f"{waiting:,} open follow-up" + ("" if waiting == 1 else "s")
    recent = ""
    if gone:
        days = ical.RECENT.days
        recent = f", and {gone:,} held, cancelled or done in the last {days} days (so calendars update them)"
    return f"Wrote {conversations} and {follow}{recent} to {where} (iCalendar)."


def _export_markdown(store: Store, path: Path, query: str, workspace: Path, where: str) -> str:
    files.check_directory_target(path, workspace)
    contacts = _selected(store, query)
    pages = markdown.markdown_files(store, contacts)
    files.make_directory(path)
    previous = _manifest(path)
    written: dict[str, str] = {}
    edited: list[str] = []
    for name, text in pages.items():
        data = text.encode("utf-8")
        written[name] = hashlib.sha256(data).hexdigest()
        if _holds(path / name, data):
            continue  # unchanged since the last export: left alone, so sync tools see no change
        if name in previous and _edited_since(path / name, previous[name]):
            # Edited by hand since the last export, and now another contact's page by that name
            # (one of two of the same name deleted): what was typed there is not written over.
            # The manifest keeps what was exported there, so the next export leaves it too.
            written[name] = previous[name]
            edited.append(name)
            continue
        files.write_file(path / name, data, sync=False)
    removed, kept = _remove_stale_pages(path, previous, written)
    files.write_file(path / markdown.MANIFEST, _manifest_bytes(written), sync=False)
    files.sync_directory(path)
    message = f"Wrote {_contacts_word(len(contacts))} as Markdown to {where}{os.sep} (start at {markdown.INDEX})."
    if removed:
        message += f" Removed {removed:,} page{'' if removed == 1 else 's'} of contacts renamed or no longer exported."
    if kept:
        message += f" Left {', '.join(files.shown(name) for name in kept)}: changed since it was exported."
    if edited:
        message += (
            f" Not written over {', '.join(files.shown(name) for name in edited)}: changed since it was exported;"
            " move the edited page elsewhere and export again to have it written."
        )
    return message


def _edited_since(page: Path, digest: str) -> bool:
    """Whether ``page`` no longer holds what the last export wrote there (``digest``)."""
    try:
        if page.is_symlink() or not page.is_file():
            return page.exists() or page.is_symlink()
        return hashlib.sha256(page.read_bytes()).hexdigest() != digest
    except OSError:
        return True


def _manifest(directory: Path) -> dict[str, str]:
    """The pages the last export wrote into ``directory``, with the digest of what it wrote."""
    try:
        text = (directory / markdown.MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return {}
    pages: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if name and "/" not in name and "\\" not in name and name not in (".", ".."):
            pages[name] = digest
    return pages


def _manifest_bytes(pages: dict[str, str]) -> bytes:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(pages.items())).encode("utf-8")


def _remove_stale_pages(directory: Path, previous: dict[str, str], current: dict[str, str]) -> tuple[int, list[str]]:
    """Remove the pages the last export wrote that this one does not (a contact renamed or
    deleted): only those, and only while they hold what was written; a page edited since is
    left, and named. Nothing else in the folder is touched."""
    removed = 0
    kept: list[str] = []
    for name, digest in sorted(previous.items()):
        if name in current:
            continue
        page = directory / name
        try:
            if page.is_symlink() or not page.is_file():
                continue
            if hashlib.sha256(page.read_bytes()).hexdigest() != digest:
                kept.append(name)
                continue
            page.unlink()
            removed += 1
        except OSError:
            kept.append(name)
    return removed, kept


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.read_bytes() == data
    except OSError:
        return False


def _export_json(store: Store, path: Path, workspace: Path, where: str) -> str:
    files.check_file_target(path, workspace, "backup.json")
    files.write_file(path, backup.backup_bytes(store))
    held = backup.describe(store.document())
    return (
        f"Wrote a backup of {held} to {where}. Restore it into a new workspace with: "
        f"interview-tui --db NEW.json import json {where}"
    )
