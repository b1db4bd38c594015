"""What the app does with a person and their conversations, on the command line.

    interview-tui show NAME [--json]
    interview-tui edit NAME [--name --company --role --field --email --phone --address
                             --relationship --referred-by --notes TEXT|-]
    interview-tui cancel NAME            the planned conversation is called off
    interview-tui done NAME [--when WHEN]    the planned conversation was held
    interview-tui done --followup ID [--note TEXT]
    interview-tui followup NAME WHEN [--note TEXT] [--repeat RULE]
    interview-tui agenda [--days N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from datetime import datetime
from typing import Any

from .core import conversations, timeline, workflow
from .core.dates import parse_when
from .core.errors import InvalidInput
from .core.models import Contact, Relationship
from .core.queue import done as queue_done
from .core.store import Store
from .core.text import strip_controls

EDITABLE = ("name", "company", "role", "field", "email", "phone", "address")


def register(commands: Any, db_option: argparse.ArgumentParser) -> None:
    """Add the subcommands to the CLI's subparsers."""
    show = commands.add_parser("show", parents=[db_option], help="a contact's details and history")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true", help="print JSON for scripts")

    edit = commands.add_parser("edit", parents=[db_option], help="change a contact's details")
    # Not "name": --name is the new name.
    edit.add_argument("who", metavar="NAME", help="the contact's name, or the start of it")
    for field in EDITABLE:
        edit.add_argument(f"--{field}", default=None, metavar="TEXT")
    edit.add_argument(
        "--relationship", default=None, choices=[r.value for r in Relationship], metavar="KIND",
        help="one of: " + ", ".join(r.value for r in Relationship),
    )
    edit.add_argument("--referred-by", default=None, metavar="NAME", help="who introduced them ('' for no one)")
    edit.add_argument("--notes", default=None, metavar="TEXT", help="notes about the person; - reads standard input")

    cancel = commands.add_parser("cancel", parents=[db_option], help="call off the planned conversation")
    cancel.add_argument("name", metavar="NAME")

    done = commands.add_parser(
        "done",
        parents=[db_option],
        help="the planned conversation was held (or, with --followup ID, a follow-up is done)",
    )
    done.add_argument("name", metavar="NAME", nargs="?", default=None)
    done.add_argument("--when", default=None, help="when it was held (default: its planned time if passed, else now)")
    done.add_argument("--followup", type=int, default=None, metavar="ID", help="a follow-up's id, as 'due --json' gives it")
    done.add_argument("--note", default="", help="what happened (logged as being in touch)")

    followup = commands.add_parser("followup", parents=[db_option], help="add a follow-up for a contact")
    followup.add_argument("name", metavar="NAME")
    followup.add_argument("when", metavar="WHEN", help="when it is due: 'fri', 'next mon 10am', '+3d'")
    followup.add_argument("--note", default="", help="what to do")
    followup.add_argument("--repeat", default="", metavar="RULE", help="'weekly', 'every 2 weeks', 'monthly' or an RRULE")

    agenda = commands.add_parser("agenda", parents=[db_option], help="planned conversations and follow-ups, day by day")
    agenda.add_argument("--days", type=_days, default=7, metavar="N", help="how many days, today included (default 7)")
    agenda.add_argument("--json", action="store_true", help="print JSON for scripts ([] when nothing is coming)")


def _days(typed: str) -> int:
    try:
        days = int(typed)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{typed}' is not a whole number of days") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"{days}: give at least 1 (today only)")
    return days


def _find(store: Store, name: str) -> Contact:
    return store.find_contact(unicodedata.normalize("NFC", strip_controls(name)))


def _line(text: str) -> str:
    return " ".join(strip_controls(text).split())


def cmd_show(store: Store, args: argparse.Namespace) -> int:
    contact = _find(store, args.name)
    assert contact.id is not None
    entries = timeline.of(store, contact.id)
    if args.json:
        doc = {"id": contact.id, **contact.to_doc(complete=True)}
        doc["history"] = [entry._asdict() | {"at": entry.at.isoformat()} for entry in entries]
        # Every conversation whole (its answers by question, notes, takeaways): what was typed
        # can be read back without the app.
        bank = {q.id: q.text for q in store.questions(include_retired=True)}
        doc["conversations"] = [
            {"id": i.id, **i.to_doc(complete=True), "questions": {str(q): bank.get(q, "") for q in i.question_ids}}
            for i in store.interviews(contact.id)
        ]
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    print(_line(contact.name))
    for label, value in (
        ("Company / role", contact.company_role),
        ("Stage", contact.stage.label),
        ("Relationship", contact.relationship.label),
        ("Email", contact.email),
        ("Phone", contact.phone),
        ("LinkedIn", contact.linkedin_url),
        ("Referred by", _referrer(store, contact)),
        ("Tags", " ".join(f"#{t}" for t in contact.tags)),
    ):
        if value:
            print(f"  {label}: {_line(value)}")
    if contact.address:
        print("  Address:")
        for part in strip_controls(contact.address, multiline=True).splitlines():
            print(f"    {part}")
    if contact.notes:
        print("  Notes:")
        for part in strip_controls(contact.notes, multiline=True).splitlines():
            print(f"    {part}")
    print("History (newest first):" if entries else "No history yet.")
    for entry in entries:
        note = f": {_line(entry.note)}" if entry.note else ""
        print(f"  {entry.at:%a %d %b %Y %H:%M}  {_line(entry.what)}{note}")
    return 0


def _referrer(store: Store, contact: Contact) -> str:
    if contact.referred_by is None:
        return ""
    return store.contact_names().get(contact.referred_by, "an unknown contact")


def cmd_edit(store: Store, args: argparse.Namespace) -> int:
    contact = _find(store, args.who)
    values = {field: getattr(args, field) for field in EDITABLE if getattr(args, field) is not None}
    if args.relationship is not None:
        values["relationship"] = args.relationship
    if args.referred_by is not None:
        values["referred_by"] = args.referred_by
    if args.notes is not None:
        values["notes"] = _read_stdin() if args.notes == "-" else args.notes
    if not values:
        raise InvalidInput("Nothing to change: give at least one of --name, --company, … --notes (see edit --help).")
    edited = workflow.contact_from_fields(store, values, contact)
    with store.change(f"Edited {edited.name}"):
        store.update_contact(edited)
    print(f"Saved {_line(edited.name)}.")
    return 0


def _read_stdin() -> str:
    buffer = getattr(sys.stdin, "buffer", None)
    return sys.stdin.read() if buffer is None else buffer.read().decode("utf-8", errors="replace")


def cmd_cancel(store: Store, args: argparse.Namespace) -> int:
    contact = _find(store, args.name)
    assert contact.id is not None
    interview = conversations.planned(store, contact.id)
    if interview is None or interview.id is None:
        raise InvalidInput(f"{_line(contact.name)} has no planned conversation to cancel.")
    conversations.cancel(store, interview.id)
    print(f"Cancelled the conversation with {_line(contact.name)} of {interview.when:%a %d %b %Y at %H:%M}.")
    return 0


def cmd_done(store: Store, args: argparse.Namespace) -> int:
    if args.followup is not None:
        if args.name is not None or args.when is not None:
            raise InvalidInput("Give either NAME (a conversation held) or --followup ID, not both.")
        followup = store.followup(args.followup)
        if followup.done_at is not None:
            raise InvalidInput(f"Follow-up {args.followup} is already done.")
        queue_done(store, followup, args.note)
        name = store.contact_names().get(followup.contact_id, "an unknown contact")
        print(f"Done: {followup.kind.label} for {_line(name)}.")
        return 0
    if args.name is None:
        raise InvalidInput("Give the contact's NAME (a conversation held) or --followup ID.")
    contact = _find(store, args.name)
    assert contact.id is not None
    interview = conversations.planned(store, contact.id)
    if interview is None or interview.id is None:
        raise InvalidInput(f"{_line(contact.name)} has no planned conversation; schedule one first, or use note.")
    now = store.clock()
    held: datetime | None = None
    if args.when is not None:
        try:
            held = parse_when(args.when, now, dayfirst=store.settings().dayfirst)
        except InvalidInput as exc:
            raise InvalidInput(f"--when: {exc}") from None
    workflow.mark_done(store, interview.id, at=held, note=args.note)
    when = store.interview(interview.id).when
    print(f"Held: the conversation with {_line(contact.name)} on {when:%a %d %b %Y at %H:%M}; a thank-you is queued.")
    return 0


def cmd_followup(store: Store, args: argparse.Namespace) -> int:
    contact = _find(store, args.name)
    assert contact.id is not None
    followup = workflow.add_followup(store, contact.id, args.when, note=args.note, repeat=args.repeat)
    print(f"Follow-up for {_line(contact.name)} due {followup.due:%a %d %b %Y %H:%M} (id {followup.id}).")
    return 0


def cmd_agenda(store: Store, args: argparse.Namespace) -> int:
    now = store.clock()
    items = conversations.agenda(store, now, args.days)
    if args.json:
        print(json.dumps([_item_json(item) for item in items], ensure_ascii=False, indent=2))
        return 0
    day = None
    for item in items:
        heading = "Overdue" if item.at.date() < now.date() else f"{item.at:%a %d %b}"
        if heading != day:
            print(heading)
            day = heading
        if item.kind == "conversation":
            where = f", {_line(item.where)}" if item.where else ""
            what = f"conversation, {item.minutes} min {item.mode}{where}"
        else:
            what = item.kind.replace("_", " ") + (f": {_line(item.note)}" if item.note else "")
        print(f"  {item.at:%H:%M}  {_line(item.contact)}  {what}")
    return 0


def _item_json(item: conversations.AgendaItem) -> dict[str, Any]:
    return item._asdict() | {"at": item.at.isoformat()}
