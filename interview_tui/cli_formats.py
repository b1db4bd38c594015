"""The import and export commands: argument parsing and printing over interview_tui.formats.

    interview-tui import {vcard,linkedin,csv} FILE [--another] [--dry-run]   (vcard: FILE or a folder of .vcf)
    interview-tui import json FILE [--dry-run]
    interview-tui import ics FILE [--contact NAME | --add] [--dry-run]
    interview-tui export {vcard,ics,markdown,csv,json} PATH [--filter QUERY]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .cli_input import file_name
from .core.text import strip_controls

if TYPE_CHECKING:  # the commands import what they use when they run (see cli.py)
    from .core.store import Store
from .formats.kinds import EXPORT_KINDS, IMPORT_KINDS

DETAIL_ROWS = 20
"""Rows a dry run lists one by one before summing up the rest."""


def register(commands: Any, db_option: argparse.ArgumentParser) -> None:
    """Add the import and export subcommands to the CLI's subparsers."""
    importing = commands.add_parser(
        "import",
        parents=[db_option],
        help="import contacts from a file, or restore a backup",
        description=(
            "Import contacts: vcard (.vcf from phones and mail clients, vCard 2.1 to 4.0), linkedin "
            "(Connections.csv from LinkedIn's data export), csv (any CSV with a header row naming "
            "its columns). Contacts already in the workspace (same email, LinkedIn profile, or name "
            "and company when no email or profile differs) are completed, never doubled; a value a "
            "contact already has another of is named in the report; anyone else with the name of a "
            "contact (or of an earlier row) is left out, unless --another. A file with a malformed line is "
            "refused whole. ics accepts a calendar invitation (from Google Calendar, Outlook, Calendly): the "
            "conversation with the contact whose email it names is scheduled, or moved, or cancelled. "
            "json restores a backup made by 'export json' into an empty workspace."
        ),
    )
    importing.add_argument("kind", choices=IMPORT_KINDS, metavar="FORMAT", help="one of: " + ", ".join(IMPORT_KINDS))
    importing.add_argument("file", metavar="FILE", type=file_name)
    importing.add_argument("--dry-run", action="store_true", help="show what would be imported; change nothing")
    importing.add_argument(
        "--contact",
        default="",
        metavar="NAME",
        help="ics: the contact the invitation is with, when no contact has the organiser's or an attendee's email",
    )
    importing.add_argument("--add", action="store_true", help="ics: add the organiser as a new contact when none has their email")
    importing.add_argument(
        "--another",
        action="store_true",
        help="vcard, linkedin, csv: add a person whose name a contact already has as another person of that name",
    )

    exporting = commands.add_parser(
        "export",
        parents=[db_option],
        help="export contacts, a calendar, notes as Markdown, or a backup",
        description=(
            "Export: vcard (vCard 3.0 contacts), ics (planned conversations and open follow-ups, "
            "for a calendar), markdown (PATH is a directory: a page per contact and index.md), "
            "csv (contacts), json (a full backup of the workspace)."
        ),
    )
    exporting.add_argument("kind", choices=EXPORT_KINDS, metavar="FORMAT", help="one of: " + ", ".join(EXPORT_KINDS))
    exporting.add_argument("path", metavar="PATH", type=file_name, help="the file to write (a directory for markdown)")
    exporting.add_argument(
        "--filter",
        default="",
        metavar="QUERY",
        help="only the contacts the app's filter shows for QUERY, such as 'stage:asked #fintech'",
    )


def _line(text: str) -> str:
    return " ".join(strip_controls(text).split())


class ProgressBar:
    """A one-line bar on a terminal's stderr, for imports long enough to need one.

    Nothing is drawn when stderr is not a terminal (a log, a pipe, the tests), nor for small
    files, where it would only flicker.
    """

    MIN_TOTAL = 1000
    INTERVAL = 0.1
    WIDTH = 30

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.shown = False
        self._last = 0.0

    @classmethod
    def for_stderr(cls) -> ProgressBar:
        stream = sys.stderr
        try:
            interactive = stream.isatty()
        except (AttributeError, ValueError, OSError):
            interactive = False
        return cls(stream if interactive else None)

    def __call__(self, what: str, done: int, total: int) -> None:
        if self.stream is None or total < self.MIN_TOTAL:
            return
        now = time.monotonic()
        if done < total and now - self._last < self.INTERVAL:
            return
        self._last = now
        filled = self.WIDTH * min(done, total) // total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r{what:<8} [{bar}] {done:,}/{total:,}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.stream is not None and self.shown:
            self.stream.write("\r" + " " * (self.WIDTH + 40) + "\r")
            self.stream.flush()
            self.shown = False


def cmd_import(store: Store, args: argparse.Namespace) -> int:
    # The formats (and the libraries they use) load only for the commands that need them: the
    # app and the other commands start faster without them.
    from .formats import import_file

    path = Path(args.file).expanduser()
    bar = ProgressBar.for_stderr()
    try:
        result = import_file(
            store,
            args.kind,
            path,
            dry_run=args.dry_run,
            progress=bar,
            contact=args.contact,
            add_contact=args.add,
            another=args.another,
            how_to_name="with --contact NAME",
            how_to_add="with --add",
        )
    finally:
        bar.close()
    again = "import with --another" if args.dry_run else "import the file again with --another"
    print(result.message(how_to_add_another=f"To add them all the same, {again}."))
    if result.overlaps:
        # As schedule says it: the conversation is booked all the same (a group call may be meant).
        overlap = "would overlap" if args.dry_run else "overlaps"
        print(f"interview-tui: note: it {overlap} {_line(result.overlaps)}.", file=sys.stderr)
    plan = result.plan
    if plan is not None:
        if plan.ignored_columns:
            print("Columns not imported: " + _line(", ".join(plan.ignored_columns)) + ".")
        if args.dry_run:
            for row in plan.rows[:DETAIL_ROWS]:
                words = [row.action, _line(row.name), f"({row.detail})" if row.detail else ""]
                print(f"  {row.where}: " + " ".join(w for w in words if w))
            if len(plan.rows) > DETAIL_ROWS:
                print(f"  ... and {len(plan.rows) - DETAIL_ROWS:,} more rows")
    if args.dry_run and store.created_now:
        # Opening the workspace created it; a dry run leaves no file behind that was not there.
        with contextlib.suppress(OSError):
            store.path.unlink()
    return 0


def cmd_export(store: Store, args: argparse.Namespace) -> int:
    from .formats import export

    result = export(store, args.kind, Path(args.path).expanduser(), query=args.filter)
    print(result.message)
    return 0
