"""Import contacts (or accept a calendar invitation) and export from the command palette: two
small forms over interview_tui.formats.

The forms only gather a format and a path; the work, its checks and its messages are the same as
the CLI's. A refused file keeps the form open with the reason under the path, the workspace
unchanged; a finished import or export closes it and says what happened in a notification.

Restoring a JSON backup is left to the command line: it replaces the whole workspace, which the
app has open.
"""

from __future__ import annotations

from pathlib import Path

from ...core.errors import InvalidInput
from ...formats import KIND_NAMES, ExportResult, ImportResult, export, import_file
from ..errors import at_field
from ..host import Host
from .form import FieldSpec, FormScreen

IMPORT_FORMATS = ("vcard", "linkedin", "csv", "ics")
_IMPORT_LABELS = {**KIND_NAMES, "vcard": "vCard (a .vcf file or a folder of them)", "ics": "Calendar invitation (.ics)"}
ADD_CONTACT = "+"
"""Typed as the contact of an invitation: add the organiser as a new contact."""
EXPORT_FORMATS = ("vcard", "ics", "markdown", "csv", "json")
_EXPORT_LABELS = {
    "vcard": "vCard (contacts)",
    "ics": "iCalendar (conversations, follow-ups)",
    "markdown": "Markdown (a folder of notes)",
    "csv": "CSV (contacts)",
    "json": "JSON backup (everything)",
}

IMPORT_FIELDS = [
    FieldSpec("kind", "Format", choices=tuple((_IMPORT_LABELS[k], k) for k in IMPORT_FORMATS)),
    FieldSpec("file", "File", "~/Downloads/Connections.csv"),
    FieldSpec("contact", "Contact", f"invitations: empty to find them by email, a name, or {ADD_CONTACT} to add the organiser"),
]
EXPORT_FIELDS = [
    FieldSpec("kind", "Format", choices=tuple((_EXPORT_LABELS[k], k) for k in EXPORT_FORMATS)),
    FieldSpec("path", "Save to", "a file, or a folder for Markdown: ~/interviews.ics"),
    FieldSpec("filter", "Only", "empty: everyone; or as the filter: stage:asked #fintech"),
]


def _path(value: str, field: str, what: str) -> Path:
    if not value.strip():
        raise InvalidInput(f"Give the path of {what}.", field=field)
    return Path(value.strip()).expanduser()


class ImportForm(FormScreen[ImportResult]):
    pass


class ExportForm(FormScreen[ExportResult]):
    pass


def open_import(screen: Host) -> None:
    store = screen.store

    def submit(values: dict[str, str]) -> ImportResult:
        path = _path(values.get("file", ""), "file", "the file to import")
        contact = values.get("contact", "").strip()
        add = contact == ADD_CONTACT
        with at_field("file"):
            return import_file(
                store,
                values["kind"],
                path,
                contact="" if add else contact,
                add_contact=add,
                how_to_name="in the Contact box",
                how_to_add=f"with {ADD_CONTACT} in the Contact box",
            )

    def finished(result: ImportResult | None) -> None:
        if result is None:
            return
        # Not the contacts alone: an invitation plans a conversation (the follow-ups pane lists
        # it, and the notes of whoever it is with), and a card's address or name shows on their
        # follow-ups.
        screen.refresh_everything()
        overlaps = f" It overlaps {result.overlaps}." if result.overlaps else ""
        screen.tell(result.message() + overlaps, title="Invitation" if result.kind == "ics" else "Import")

    screen.app.push_screen(ImportForm("Import contacts", IMPORT_FIELDS, submit), finished)


def open_export(screen: Host) -> None:
    store = screen.store

    def submit(values: dict[str, str]) -> ExportResult:
        path = _path(values.get("path", ""), "path", "the file (or folder) to write")
        with at_field("path"):
            return export(store, values["kind"], path, query=values.get("filter", ""))

    def finished(result: ExportResult | None) -> None:
        if result is not None:
            screen.tell(result.message, title="Export")

    screen.app.push_screen(ExportForm("Export", EXPORT_FIELDS, submit), finished)
