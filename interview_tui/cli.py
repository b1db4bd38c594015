"""The command line: no subcommand opens the TUI; subcommands script the same core.

Every failure a user can cause ends in one line on standard error and a non-zero exit status;
tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, time
from typing import Any, NoReturn

from rich.cells import cell_len

from . import __version__, config
from .core import workflow
from .core.dates import relative_day
from .core.errors import InterviewTuiError
from .core.models import Contact, FollowUp, Relationship
from .core.store import Clock, Store, system_clock
from .core.text import strip_controls

PROG = "interview-tui"
EXIT_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors kept to one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    # --db is accepted before or after the subcommand; SUPPRESS keeps a later default from
    # overwriting an earlier value.
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"workspace file (default: ${config.ENV_VAR}, else the user data directory)",
    )
    parser = _Parser(
        prog=PROG,
        description="A terminal workspace for informational interviews. With no command, opens the app.",
        parents=[db_option],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a sample workspace (a separate demo.json unless --db is given)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    add = commands.add_parser("add", parents=[db_option], help="add a contact")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--company", default="")
    add.add_argument("--role", default="")
    add.add_argument("--field", default="", help="the field of work")
    add.add_argument("--email", default="")
    add.add_argument("--phone", default="")
    add.add_argument(
        "--relationship",
        default="",
        choices=[r.value for r in Relationship],
        metavar="KIND",
        help="one of: " + ", ".join(r.value for r in Relationship),
    )
    add.add_argument("--referred-by", default="", metavar="NAME", help="who introduced you")

    listing = commands.add_parser("list", parents=[db_option], help="list contacts")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")

    note = commands.add_parser("note", parents=[db_option], help="add notes of a conversation held now")
    note.add_argument("name", metavar="NAME")
    note.add_argument("text", metavar="TEXT", help="the notes; - reads standard input")

    due = commands.add_parser("due", parents=[db_option], help="follow-ups due today or overdue")
    due.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock = system_clock) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_app(args, clock)
        handler = _COMMANDS[args.command]
        with _open_store(args, clock) as store:
            return handler(store, args)
    except InterviewTuiError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``| head``); not an error worth a message.
        return 0


def _fail(message: str) -> int:
    print(f"{PROG}: {_one_line(message)}", file=sys.stderr)
    return EXIT_ERROR


def _one_line(message: str) -> str:
    return " ".join(strip_controls(message).split())


def _open_store(args: argparse.Namespace, clock: Clock) -> Store:
    location = config.resolve(getattr(args, "db", None), demo=getattr(args, "demo", False))
    return Store.open(location.path, clock=clock, create_dirs=location.is_default)


def _run_app(args: argparse.Namespace, clock: Clock) -> int:
    from .core.demo import seed_demo  # noqa: PLC0415 - only the app and the demo need it
    from .tui.app import make_app  # noqa: PLC0415 - keeps Textual out of scripted commands

    store = _open_store(args, clock)
    try:
        if args.demo and store.contact_count() == 0:
            seed_demo(store)
        app = make_app(store, install_signal_handlers=True)
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def _cmd_add(store: Store, args: argparse.Namespace) -> int:
    values = {
        "name": args.name,
        "company": args.company,
        "role": args.role,
        "field": args.field,
        "email": args.email,
        "phone": args.phone,
        "relationship": args.relationship,
        "referred_by": args.referred_by,
    }
    contact = store.add_contact(workflow.contact_from_fields(store, values))
    print(f"Added {contact.name} (id {contact.id}).")
    return 0


def _contact_json(store: Store, contact: Contact) -> dict[str, Any]:
    doc = contact.to_doc()
    doc["id"] = contact.id
    return doc


def _cmd_list(store: Store, args: argparse.Namespace) -> int:
    contacts = store.contacts()
    if args.json:
        print(json.dumps([_contact_json(store, c) for c in contacts], ensure_ascii=False, indent=2))
        return 0
    if not contacts:
        print(f"No contacts yet. Add one with: {PROG} add NAME")
        return 0
    rows = [
        (str(c.id), _one_line(c.name), _one_line(c.company_role), c.stage.label) for c in contacts
    ]
    header = ("ID", "NAME", "COMPANY / ROLE", "STAGE")
    _print_table(header, rows)
    return 0


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip())


def _cmd_note(store: Store, args: argparse.Namespace) -> int:
    contact = store.find_contact(args.name)
    notes = sys.stdin.read() if args.text == "-" else args.text
    if not notes.strip():
        return _fail("the note is empty; give the text as an argument or pipe it with -")
    interview = workflow.start_note(store, contact.id, notes)
    print(f"Added a note to {contact.name}'s conversation of {interview.when:%a %d %b %Y %H:%M}.")
    return 0


def _cmd_due(store: Store, args: argparse.Namespace) -> int:
    now = store.clock()
    end_of_today = datetime.combine(now.date(), time.max)
    due = [f for f in store.followups() if f.due <= end_of_today]
    if args.json:
        print(json.dumps([_followup_json(store, f, now) for f in due], ensure_ascii=False, indent=2))
        return 0
    rows = []
    for followup in due:
        contact = store.contact(followup.contact_id)
        when = "overdue " + relative_day(followup.due, now) if followup.due < now.replace(hour=0, minute=0) else "today"
        rows.append((when, _one_line(contact.name), followup.kind.label, _one_line(followup.note)))
    if rows:
        _print_table(("DUE", "CONTACT", "KIND", "NOTE"), rows)
    return 0


def _followup_json(store: Store, followup: FollowUp, now: datetime) -> dict[str, Any]:
    contact = store.contact(followup.contact_id)
    return {
        "id": followup.id,
        "contact_id": followup.contact_id,
        "contact": contact.name,
        "kind": followup.kind.value,
        "due": followup.due.isoformat(),
        "overdue": followup.due < now,
        "note": followup.note,
    }


_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "add": _cmd_add,
    "list": _cmd_list,
    "note": _cmd_note,
    "due": _cmd_due,
}
