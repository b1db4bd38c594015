"""What the app does with a person and their conversations, on the command line.

    interview-tui show NAME [--json]
    interview-tui edit NAME [--name --company --role --field --email --phone --address
                             --relationship --referred-by --notes TEXT|- --cadence TEXT]
    interview-tui schedule NAME WHEN [--at WHEN | --id N | --another]   plan or move a conversation
    interview-tui cancel NAME [--at WHEN | --id N]      the planned conversation is called off
    interview-tui done NAME [--at WHEN | --id N] [--when WHEN]    the planned conversation was held
    interview-tui done --followup ID [--note TEXT]
    interview-tui followup NAME WHEN [--note TEXT] [--repeat RULE]
    interview-tui agenda [--days N] [--json]

Every command parses its arguments through this module, so it imports only what parsing needs;
the core modules a command works with are imported when that command runs.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from .cli_input import read_stdin
from .cli_json import print_json
from .core.errors import InvalidInput
from .core.models import InterviewMode, InterviewStatus, Relationship
from .core.text import strip_controls

if TYPE_CHECKING:
    from .core.conversations import AgendaItem
    from .core.models import Contact, Interview
    from .core.store import Store

PROG = "interview-tui"

EDITABLE = ("name", "company", "role", "field", "email", "phone", "address")


def add_cadence_option(command: argparse.ArgumentParser) -> None:
    """--cadence, for add and edit: read as the contact form's Keep in touch box reads it."""
    command.add_argument(
        "--cadence",
        default=None,
        metavar="TEXT",
        help="keep in touch this often: '6w', 'every 6 weeks, at most 3 months', 'monthly'; "
        "'off' for never, '' for the relationship's default",
    )


def register(commands: Any, db_option: argparse.ArgumentParser) -> None:
    """Add the subcommands to the CLI's subparsers."""
    show = commands.add_parser("show", parents=[db_option], help="a contact's details, open follow-ups and history")
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
    add_cadence_option(edit)
    edit.add_argument(
        "--another",
        action="store_true",
        help="give them a new name even when another contact has it (two people of the same name)",
    )

    cancel = commands.add_parser(
        "cancel",
        parents=[db_option],
        help="call off the planned conversation",
        description="Call off a planned conversation (the soonest, unless --at or --id says which); "
        "it stays in the history as cancelled.",
    )
    cancel.add_argument("name", metavar="NAME")
    add_choice(cancel, "cancel")

    done = commands.add_parser(
        "done",
        parents=[db_option],
        help="the planned conversation was held (or, with --followup ID, a follow-up is done)",
        description="Mark a planned conversation held (the soonest, unless --at or --id says which) and "
        "queue its thank-you; or, with --followup ID, mark a follow-up done.",
    )
    done.add_argument("name", metavar="NAME", nargs="?", default=None)
    add_choice(done, "mark held")
    done.add_argument("--when", default=None, help="when it was held (default: its planned time if passed, else now)")
    done.add_argument("--followup", type=int, default=None, metavar="ID", help="a follow-up's id: followup_id in 'due --json' and 'agenda --json'")
    done.add_argument("--note", default="", help="what happened (logged as being in touch)")
    _check_usage(done, _done_usage)

    followup = commands.add_parser("followup", parents=[db_option], help="add a follow-up for a contact")
    followup.add_argument("name", metavar="NAME")
    followup.add_argument("when", metavar="WHEN", help="when it is due: 'fri', 'next mon 10am', '+3d'")
    followup.add_argument("--note", default="", help="what to do")
    followup.add_argument("--repeat", default="", metavar="RULE", help="'weekly', 'every 2 weeks', 'monthly' or an RRULE")

    agenda = commands.add_parser("agenda", parents=[db_option], help="planned conversations and follow-ups, day by day")
    agenda.add_argument("--days", type=_days, default=7, metavar="N", help="how many days, today included (default 7)")
    agenda.add_argument("--json", action="store_true", help="print JSON for scripts ([] when nothing is coming)")


def add_choice(parser: argparse.ArgumentParser, verb: str) -> None:
    """--at and --id: which of a contact's planned conversations a command acts on, when they
    have more than one (without either, the soonest)."""
    parser.add_argument(
        "--at", default=None, metavar="WHEN",
        help=f"{verb} the conversation planned for WHEN: a day ('fri', '2026-12-04') or a day and time ('fri 3pm')",
    )
    parser.add_argument(
        "--id", type=int, default=None, metavar="N", dest="conversation_id",
        help=f"{verb} conversation N (its id in show --json; conversation_id in agenda --json and due --json)",
    )
    _check_usage(parser, _choice_usage)


def add_schedule_options(schedule: argparse.ArgumentParser) -> None:
    """The options of ``schedule`` beyond NAME and WHEN (its parser is made with the others)."""
    schedule.add_argument("--minutes", default=None, help="how long (default 20, or the length of a range given as WHEN, or as it was when moving)")
    schedule.add_argument(
        "--mode", default=None, choices=[m.value for m in InterviewMode], metavar="HOW",
        help="one of: " + ", ".join(m.value for m in InterviewMode) + " (default video)",
    )
    schedule.add_argument("--where", default=None, help="a phone number, a link, a place")
    schedule.add_argument(
        "--another", action="store_true", help="plan another conversation (without it, a planned one is moved)"
    )
    add_choice(schedule, "move")
    _check_usage(schedule, _schedule_usage)


def _check_usage(parser: argparse.ArgumentParser, *checks: Any) -> None:
    """Checks of how options combine, run by the CLI right after parsing (before the workspace
    is opened): a message from one is a usage error of this subcommand (exit status 2)."""
    earlier = parser.get_default("usage_checks") or ()
    parser.set_defaults(usage_checks=(*earlier, *checks), usage_parser=parser)


def check_usage(args: argparse.Namespace) -> None:
    """Run the subcommand's usage checks; the first that fails ends with its parser's error."""
    for check in getattr(args, "usage_checks", ()):
        message = check(args)
        if message:
            args.usage_parser.error(message)


def _choice_usage(args: argparse.Namespace) -> str | None:
    if args.at is not None and args.conversation_id is not None:
        return "give either --at WHEN or --id N to say which conversation, not both"
    return None


def _schedule_usage(args: argparse.Namespace) -> str | None:
    if args.another and (args.at is not None or args.conversation_id is not None):
        return "--another plans a new conversation; --at and --id choose one to move: give one or the other"
    return None


def _done_usage(args: argparse.Namespace) -> str | None:
    chooses = args.at is not None or args.conversation_id is not None
    if args.followup is not None:
        if args.name is not None or args.when is not None or chooses:
            return "--followup ID marks a follow-up done: give it without NAME, --when, --at or --id"
        return None
    if args.name is None:
        return "give the contact's NAME (a conversation held) or --followup ID (a follow-up done)"
    return None


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
    from .core import timeline
    from .core.queue import queue_of
    from .core.recurrence import repeats_in_words

    entries = timeline.of(store, contact.id)
    waiting = queue_of(store, contact)
    if args.json:
        doc = {"id": contact.id, **contact.to_doc(complete=True)}
        doc["cadence_in_effect"] = _cadence_in_effect(contact)
        # id null: the check-in the cadence asks for, not stored until it is snoozed (as in due --json).
        doc["followups"] = [{"id": f.id, **f.to_doc(complete=True)} for f in waiting]
        doc["history"] = [entry._asdict() | {"at": entry.at.isoformat()} for entry in entries]
        # Every conversation whole (its answers by question, notes, takeaways): what was typed
        # can be read back without the app.
        bank = {q.id: q.text for q in store.questions(include_retired=True)}
        doc["conversations"] = [
            {"id": i.id, **i.to_doc(complete=True), "questions": {str(q): bank.get(q, "") for q in i.question_ids}}
            for i in store.interviews(contact.id)
        ]
        print_json(doc)
        return 0
    print(_line(contact.name))
    for label, value in (
        ("Company / role", contact.company_role),
        ("Stage", contact.stage.label),
        ("Relationship", contact.relationship.label),
        ("Keep in touch", _cadence_said(contact)),
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
    if waiting:
        print("Open follow-ups (soonest first):")
    for followup in waiting:
        known = f" (id {followup.id})" if followup.id is not None else ""
        note = f": {_line(followup.note)}" if followup.note else ""
        # After the note, as in agenda and due; with none, after a comma: "(id 2) (repeats ...)"
        # would read as two asides in a row.
        repeats = _line(repeats_in_words(followup.recurrence))
        if repeats:
            repeats = f" ({repeats})" if note else f", {repeats}"
        print(f"  {followup.due:%a %d %b %Y %H:%M}  {followup.kind.label}{known}{note}{repeats}")
    print("History (newest first):" if entries else "No history yet.")
    for entry in entries:
        note = f": {_line(entry.note)}" if entry.note else ""
        print(f"  {entry.at:%a %d %b %Y %H:%M}  {_line(entry.what)}{note}")
    return 0


def _cadence_said(contact: Contact) -> str:
    from .core.keep_in_touch import cadence_said

    return cadence_said(contact)


def _cadence_in_effect(contact: Contact) -> dict[str, object] | None:
    """The cadence the queue and the app's heading go by, for ``show --json``: cadence_days and
    cadence_max_days are only what was set on the person, null when their relationship's default
    applies (and the maximum null when it is twice the ideal). None when no cadence applies."""
    from .core.keep_in_touch import cadence_of, own_cadence

    cadence = cadence_of(contact)
    if cadence is None:
        return None
    return {"ideal_days": cadence.ideal_days, "max_days": cadence.max_days, "default": own_cadence(contact) is None}


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
        values["notes"] = read_stdin() if args.notes == "-" else args.notes
    if args.cadence is not None:
        values["cadence"] = args.cadence
    if not values:
        raise InvalidInput("Nothing to change: give at least one of --name, --company, … --notes, --cadence (see edit --help).")
    from .core import workflow

    edited = workflow.contact_from_fields(
        store,
        values,
        contact,
        another=args.another,
        how_to_add_another="To give them that name all the same, add --another.",
    )
    import msgspec

    if edited == msgspec.structs.replace(contact, updated=edited.updated):
        print(f"Nothing changed: {_line(contact.name)} already has those details.")
        return 0
    with store.change(f"Edited {edited.name}"):
        store.update_contact(edited)
    print(f"Saved {_line(edited.name)}.")
    return 0


def _planned_words(interview: Interview) -> str:
    from .core.conversations import planned_words

    return planned_words(interview)


def _named(interview: Interview) -> str:
    from .core.conversations import named_words

    return named_words(interview)


def _listed(waiting: list[Interview]) -> str:
    return ", ".join(f"{_planned_words(i)} (id {i.id})" for i in waiting)


def _chosen(store: Store, contact: Contact, args: argparse.Namespace) -> tuple[Interview, list[Interview]] | None:
    """The planned conversation a command acts on (--id N, --at WHEN, else the soonest) and all
    of the contact's planned conversations, soonest first; None when there are none."""
    assert contact.id is not None
    waiting = sorted(
        (i for i in store.interviews(contact.id) if i.status is InterviewStatus.PLANNED and i.id is not None),
        key=lambda i: (i.when, i.id or 0),
    )
    if not waiting:
        return None
    name = _line(contact.name)
    if args.conversation_id is not None:
        found = [i for i in waiting if i.id == args.conversation_id]
        if not found:
            raise InvalidInput(
                f"Conversation {args.conversation_id} is not one planned with {name}; "
                f"planned with them: {_listed(waiting)}."
            )
        return found[0], waiting
    if args.at is not None:
        found = _planned_at(store, waiting, args.at)
        if not found:
            raise InvalidInput(f"{name} has no conversation planned for {args.at.strip()!r}; planned: {_listed(waiting)}.")
        if len(found) > 1:
            raise InvalidInput(
                f"{name} has {len(found)} conversations planned that day: {_listed(found)}; "
                "add the time to --at, or give --id N."
            )
        return found[0], waiting
    return waiting[0], waiting


def _planned_at(store: Store, waiting: list[Interview], typed: str) -> list[Interview]:
    """The conversations planned at the moment ``typed`` names, or on its day when it names no
    time ('fri' is the whole of Friday, 'fri 3pm' that minute)."""
    from .core.dates import parse_when

    now = store.clock()
    dayfirst = store.settings().dayfirst
    try:
        # Read with two different default times: the same moment both ways means a time was typed.
        early = parse_when(typed, now, default_time=time(0, 1), dayfirst=dayfirst)
        late = parse_when(typed, now, default_time=time(23, 58), dayfirst=dayfirst)
    except InvalidInput as exc:
        raise InvalidInput(f"--at: {exc}") from None
    if early == late:
        return [i for i in waiting if i.when.replace(second=0, microsecond=0) == early]
    return [i for i in waiting if i.when.date() == early.date()]


def _tell_the_others(contact: Contact, chosen: Interview, waiting: list[Interview], args: argparse.Namespace) -> None:
    """When the soonest of several was taken by default, say so, and how to choose another."""
    if len(waiting) < 2 or args.at is not None or args.conversation_id is not None:
        return
    others = [i for i in waiting if i.id != chosen.id]
    print(
        f"{PROG}: note: {_line(contact.name)} has {len(waiting)} planned conversations; this was the soonest. "
        f"Also planned: {_listed(others)}; choose one with --at WHEN or --id N.",
        file=sys.stderr,
    )


def _tell_overlaps(store: Store, interview: Interview) -> None:
    """A time booked over another planned conversation is kept (a group call may be meant), and
    said, as the form's preview says it."""
    from .core import conversations

    found = conversations.overlapping(store, interview.when, interview.minutes, moving=interview.id)
    if found:
        print(f"{PROG}: note: it overlaps {_line(conversations.overlaps_in_words(store, found))}.", file=sys.stderr)


def cmd_schedule(store: Store, args: argparse.Namespace) -> int:
    from .core import conversations, workflow

    contact = _find(store, args.name)
    assert contact.id is not None
    chosen = None if args.another else _chosen(store, contact, args)
    if chosen is not None:
        # Scheduling someone who already has a conversation planned moves it (as s does in the
        # app); a second one beside it is a deliberate --another.
        waiting, planned = chosen
        assert waiting.id is not None
        was = _named(waiting)
        interview = conversations.move(
            store,
            waiting.id,
            args.when,
            minutes=args.minutes,
            mode=args.mode,
            where=args.where,
        )
        agreed = f"{interview.when:%a %d %b %Y at %H:%M} ({interview.minutes} minutes, {interview.mode.label})"
        if interview == waiting:
            print(f"Nothing changed: the conversation with {_line(contact.name)} is already planned for {agreed}.")
        elif waiting.scheduled and interview.when == waiting.when:
            # Its length, way or place changed, not its time: said as such, not as a move to itself.
            changed = conversations.changes_in_words(waiting, interview)
            print(f"Changed the conversation with {_line(contact.name)} {was}, still at that time: now {_line(changed)}.")
        elif waiting.scheduled:
            print(f"Moved the conversation with {_line(contact.name)} {was} to {agreed}.")
        else:
            print(f"Scheduled the conversation with {_line(contact.name)} {was}: {agreed}.")
        _tell_overlaps(store, interview)
        _tell_the_others(contact, waiting, planned, args)
        return 0
    if args.at is not None or args.conversation_id is not None:
        raise InvalidInput(f"{_line(contact.name)} has no planned conversation to move; leave out --at and --id to plan one.")
    interview = workflow.schedule_interview(
        store,
        contact.id,
        args.when,
        minutes=args.minutes,
        mode=args.mode or InterviewMode.VIDEO.value,
        where=args.where or "",
    )
    print(
        f"Scheduled {interview.minutes} minutes with {_line(contact.name)} on "
        f"{interview.when:%a %d %b %Y at %H:%M} ({interview.mode.label})."
    )
    _tell_overlaps(store, interview)
    if interview.when < store.clock():
        import shlex

        # The form's preview says so; a script's log should too, rather than a silent past date.
        print(
            f"{PROG}: note: that time has passed; if the conversation was held, mark it with: "
            f"{PROG} done {shlex.quote(contact.name)}",
            file=sys.stderr,
        )
    return 0


def cmd_cancel(store: Store, args: argparse.Namespace) -> int:
    from .core import conversations

    contact = _find(store, args.name)
    chosen = _chosen(store, contact, args)
    if chosen is None:
        raise InvalidInput(f"{_line(contact.name)} has no planned conversation to cancel.")
    interview, waiting = chosen
    assert interview.id is not None
    said = _named(interview)
    conversations.cancel(store, interview.id)
    print(f"Cancelled the conversation with {_line(contact.name)} {said}.")
    _tell_the_others(contact, interview, waiting, args)
    return 0


def cmd_done(store: Store, args: argparse.Namespace) -> int:
    # How NAME, --followup, --when, --at and --id combine was checked as usage (see _done_usage).
    from .core import workflow

    if args.followup is not None:
        from .core.queue import comes_back_words
        from .core.queue import done as queue_done

        followup = store.followup(args.followup)
        if followup.done_at is not None:
            raise InvalidInput(f"Follow-up {args.followup} is already done.")
        following = queue_done(store, followup, args.note)
        name = store.contact_names().get(followup.contact_id, "an unknown contact")
        # Whose, what and when, so that an id mistyped (or a conversation's taken) is seen at once.
        said = f"Done: follow-up {args.followup}, {followup.kind.label} for {_line(name)}, due {followup.due:%a %d %b %Y %H:%M}"
        if followup.note:
            said += f": {_line(followup.note)}"
        if not said.endswith((".", "!", "?")):
            said += "."
        print(f"{said}{comes_back_words(following, with_id=True)}")
        return 0
    contact = _find(store, args.name)
    chosen = _chosen(store, contact, args)
    if chosen is None:
        raise InvalidInput(f"{_line(contact.name)} has no planned conversation; schedule one first, or use note.")
    interview, waiting = chosen
    assert interview.id is not None
    held: datetime | None = None
    length: int | None = None
    if args.when is not None:
        from .core.dates import parse_slot
        from .core.workflow.fields import range_length

        try:
            # A range ("yesterday 4-5pm") says how long it lasted, as it does when scheduling.
            held, slot = parse_slot(args.when, store.clock(), dayfirst=store.settings().dayfirst, past=True)
            length = None if slot is None else range_length(slot, args.when)
        except InvalidInput as exc:
            raise InvalidInput(f"--when: {exc}") from None
    planned_for, named = interview.when, _named(interview)  # before the record changes
    workflow.mark_done(store, interview.id, at=held, note=args.note, minutes=length)
    when = store.interview(interview.id).when
    planned = "" if when == planned_for else f" {named},"
    lasted = "" if length is None else f" for {length} minutes"
    print(
        f"Held: the conversation with {_line(contact.name)}{planned} on {when:%a %d %b %Y at %H:%M}{lasted}; "
        "a thank-you is queued."
    )
    _tell_the_others(contact, interview, waiting, args)
    return 0


def cmd_followup(store: Store, args: argparse.Namespace) -> int:
    from .core import workflow
    from .core.recurrence import how_it_repeats

    contact = _find(store, args.name)
    assert contact.id is not None
    followup = workflow.add_followup(store, contact.id, args.when, note=args.note, repeat=args.repeat)
    repeats = f", repeating {_line(how_it_repeats(followup.recurrence))}" if followup.recurrence else ""
    moved = workflow.moved_to_its_days(store, followup, args.when)
    moved = f" {moved[0].upper()}{moved[1:]}." if moved else ""
    print(f"Follow-up for {_line(contact.name)} due {followup.due:%a %d %b %Y %H:%M}{repeats} (id {followup.id}).{moved}")
    return 0


def cmd_agenda(store: Store, args: argparse.Namespace) -> int:
    from .core import conversations
    from .core.recurrence import repeats_in_words

    now = store.clock()
    items = conversations.agenda(store, now, args.days)
    if args.json:
        print_json([_item_json(item) for item in items])
        return 0
    day = None
    for item in items:
        overdue = item.at.date() < now.date()
        # A day of another year says its year: "Fri 15 Jan" read in December is next January.
        date = f"{item.at:%a %d %b}" + (f" {item.at.year}" if item.at.year != now.year else "")
        heading = "Overdue" if overdue else date
        if heading != day:
            print(heading)
            day = heading
        # Under "Overdue" the day is not in the heading: each line says its own.
        when = f"{date} {item.at:%H:%M}" if overdue else f"{item.at:%H:%M}"
        if item.kind == "conversation":
            where = f", {_line(item.where)}" if item.where else ""
            what = f"conversation, {item.minutes} min {item.mode}{where}"
        else:
            what = item.kind.replace("_", " ") + (f": {_line(item.note)}" if item.note else "")
            if item.repeat:
                # At the end, so that the kind and the note start the text where they always did.
                what += f" ({_line(repeats_in_words(item.repeat))})"
        print(f"  {when}  {_line(item.contact)}  {what}")
    return 0


def _item_json(item: AgendaItem) -> dict[str, Any]:
    # Follow-ups and conversations are numbered apart: "id" alone does not say whose it is (as in due --json).
    own_id = "conversation_id" if item.kind == "conversation" else "followup_id"
    return item._asdict() | {"at": item.at.isoformat(), own_id: item.id}
