"""The command line: no subcommand opens the TUI; subcommands script the same core.

Every failure a user can cause ends in one line on standard error and a non-zero exit status;
tracebacks are for bugs only.

Start-up time counts (``due`` sits in shell profiles): this module and the cli_* modules import
at their top only what parsing the arguments needs. Each command imports the parts of the core it
uses when it runs, so that ``due`` does not load the conversation commands, nor ``--help`` the
workspace's storage.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from . import __version__, config
from .core.errors import (
    ContactNotFound,
    InterviewTuiError,
    InvalidInput,
    SaveFailed,
    WorkspaceUnavailable,
    WorkspaceUnreadable,
)

if TYPE_CHECKING:
    import argparse

    from .core.models import Contact, FollowUp, Interview
    from .core.quick_read import Workspace
    from .core.store import Clock, Store

PROG = "interview-tui"
EXIT_ERROR = 1
EXIT_USAGE = 2


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse, with its usage errors kept to one line. Made when a parser is first needed:
    the plain command lines of ``due`` need none (see ``_plain_due``), nor argparse itself."""
    import argparse

    from .cli_input import text_argument

    class _Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # Every argument without a type of its own is text to be saved or looked up: refused
            # when it is not UTF-8, rather than stored with U+FFFD in place of what was typed.
            self.register("type", None, text_argument)

        def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
            # argparse drops a "--" given as an option's value ("--within=--") and hands the
            # command an empty list where it expects a number or a word.
            for word in sys.argv[1:] if args is None else args:
                if word == "--":
                    break  # what follows is not options
                option, equals, value = str(word).partition("=")
                if option.startswith("--") and equals and value == "--":
                    self.error(f"{option} needs a value after “=”, not “--”")
            return super().parse_known_args(args, namespace)

        def error(self, message: str) -> NoReturn:
            # The message may quote an argument: keep escape sequences and newlines in it off the terminal.
            self.exit(EXIT_USAGE, f"{self.prog}: {_one_line(message)} (see {self.prog} --help)\n")

    return _Parser


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from .cli_input import file_name

    _Parser = _parser_class()
    # --db is accepted before or after the subcommand; SUPPRESS keeps a later default from
    # overwriting an earlier value.
    db_option = _Parser(add_help=False)
    db_option.add_argument(
        "--db",
        metavar="PATH",
        type=file_name,
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
        help=f"open the sample workspace, {config.DEMO_FILE_NAME} in the user data directory (not with --db)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # The words after the command pass through here on their way to its parser, which checks
    # them and names the one it refuses ("argument --company"); here they would all be COMMAND.
    commands.type = str

    from .core.models import Relationship

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
    add.add_argument(
        "--another",
        action="store_true",
        help="add them even when a contact of that name exists (a second person of the same name)",
    )

    listing = commands.add_parser("list", parents=[db_option], help="list contacts")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")

    note = commands.add_parser(
        "note",
        parents=[db_option],
        help="add to the notes of the latest conversation whose time has come (else the next one planned; "
        "one dated now, not on the agenda, when they have none)",
        description="Add TEXT to the free notes of NAME's latest conversation whose time has come (held, or due and "
        "not marked held yet): notes taken after a call go to it, not to one planned later. With none, to the "
        "soonest one still to come; with none at all, to one dated now, not on the agenda (schedule gives it a "
        "time). A cancelled conversation is never taken.",
    )
    note.add_argument("name", metavar="NAME")
    note.add_argument("text", metavar="TEXT", help="the notes; - reads standard input")

    touch = commands.add_parser(
        "touch", parents=[db_option], help="log that you were in touch today (restarts their keep-in-touch cadence)"
    )
    touch.add_argument("name", metavar="NAME")
    touch.add_argument("note", metavar="NOTE", nargs="?", default="", help="what it was about (optional)")

    schedule = commands.add_parser("schedule", parents=[db_option], help="schedule a conversation")
    schedule.add_argument("name", metavar="NAME")
    schedule.add_argument("when", metavar="WHEN", help="a date and time: 'tue 3pm', 'tomorrow at 10:30', '2026-12-03 14:00'")
    from . import cli_conversations, cli_formats, cli_trash

    cli_conversations.add_schedule_options(schedule)
    cli_conversations.add_cadence_option(add)

    restoring = commands.add_parser(
        "restore-backup",
        parents=[db_option],
        help="put the last good copy (the .bak file) back in place of a damaged workspace",
    )
    restoring.add_argument(
        "--force",
        action="store_true",
        help="also when the workspace opens fine (going back one version: the newer one is kept beside it)",
    )

    _add_due(commands, db_option)

    cli_formats.register(commands, db_option)
    cli_trash.register(commands, db_option)
    cli_conversations.register(commands, db_option)
    return parser


def _add_due(commands: Any, db_option: argparse.ArgumentParser) -> None:
    due = commands.add_parser(
        "due",
        parents=[db_option],
        help="follow-ups and keep-in-touch check-ins due today or overdue; prints nothing when none are",
    )
    due.add_argument(
        "--within",
        type=_days_ahead,
        default=0,
        metavar="DAYS",
        help="also what is due in the next DAYS days (default 0: by the end of today)",
    )
    due.add_argument("--json", action="store_true", help="print JSON for scripts ([] when nothing is due)")


def _plain_due(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a ``due`` command line of the plain forms a shell profile runs
    (``[--db PATH | --demo]... due [--within DAYS | --json | --db PATH]...``), as the parser
    reads them; None for any other command line, which the parser reads (help, errors and all).

    ``due`` may run at every prompt, and building the parser of every subcommand costs more
    than the rest of reading the command line."""
    values: dict[str, Any] = {"demo": False, "within": 0, "json": False}
    command = None
    words = iter(argv)
    for word in words:
        if word in ("--db", "--within"):
            value = next(words, None)
        elif word.startswith(("--db=", "--within=")):
            word, _, value = word.partition("=")
        elif word == "--demo" and command is None:
            values["demo"] = True
            continue
        elif word == "--json" and command is not None:
            values["json"] = True
            continue
        elif word == "due" and command is None:
            command = word
            continue
        else:
            return None
        if value is None or value.startswith("-"):
            return None
        if word == "--db":
            values["db"] = value  # the last one given counts, before or after the command
        elif command is not None and value.isascii() and value.isdigit():
            values["within"] = int(value)
        else:
            return None
    if command is None:
        return None
    from types import SimpleNamespace

    # What the parser would make (an argparse.Namespace), without importing argparse.
    return cast("argparse.Namespace", SimpleNamespace(command=command, **values))


def _plain_app(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a command line that opens the app (``[--db PATH | --demo]...``, no
    command), as the parser reads them; None for any other, which the parser reads.

    Building the parser of every subcommand imports their modules and argparse, and it ran
    before the workspace's file was even asked for: start-up waited on it for nothing."""
    from .terminal_early import opens_the_app

    if not opens_the_app(argv):
        return None
    values: dict[str, Any] = {"demo": "--demo" in argv}
    words = iter(argv)
    for word in words:
        if word == "--db":
            values["db"] = next(words)  # the last one given counts, as with the parser
        elif word.startswith("--db="):
            values["db"] = word.partition("=")[2]
    from types import SimpleNamespace

    return cast("argparse.Namespace", SimpleNamespace(command=None, **values))


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run the command line; returns the exit status (usage errors and --help included). The
    clock is the system's unless one is given (the tests stop it)."""
    words = sys.argv[1:] if argv is None else argv
    plain = _plain_due(words) or _plain_app(words)
    try:
        if plain is not None:
            args = plain
        else:
            args = build_parser().parse_args(argv)
        if getattr(args, "usage_checks", None):
            from . import cli_conversations

            cli_conversations.check_usage(args)
        if args.demo and getattr(args, "db", None) is not None:
            # Opening the named file instead, with no sample in it, would look like a demo that
            # lost its data, or like a real workspace that did.
            _parser_class()(prog=PROG).error(
                f"--demo opens its own sample workspace ({config.DEMO_FILE_NAME} in the user data directory) "
                "and cannot be given with --db; leave out one of them"
            )
    except SystemExit as exc:  # --help, --version and usage errors: argparse has printed them
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if clock is None:
        clock = _system_clock
    try:
        if args.command is None:
            return _run_app(args, clock)
        if args.command == "restore-backup":
            return _restore_backup(args)
        _tolerate_unencodable_output()
        if args.command == "due":
            status = _quick_due(args, clock)
            if status is not None:
                return status
        return _run_command(args, clock)
    except InterviewTuiError as exc:
        return _fail(_said_of(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``| head``); not an error worth a message.
        _silence_stdout()
        return 0
    except OSError as exc:
        # The terminal or a pipe failing under us (EIO, ENOSPC on a redirect): say so in a line.
        where = f" ({exc.filename})" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}")


def _system_clock() -> datetime:
    """The store's clock (``store.system_clock``: whole seconds), without importing the store."""
    return datetime.now().replace(microsecond=0)


def _quick_due(args: argparse.Namespace, clock: Clock) -> int | None:
    """``due`` from the workspace read in one pass, for a file that reading can vouch for
    (see core/quick_read.py); None when it cannot, and the store opens it as for any command.

    The collector stays off meanwhile: the command makes hundreds of thousands of objects
    that live until it ends, and no garbage worth a collection."""
    import gc

    from .core import quick_read

    collecting = gc.isenabled()
    gc.disable()
    try:
        reading = quick_read.Reading(_location(args).path)
        try:
            if not reading.start():
                return None
            from .core import queue  # noqa: F401 - for _cmd_due, imported while the file is read

            workspace = quick_read.read(reading, clock)
        finally:
            reading.close()
        if workspace is None:
            return None
        _KEPT_TO_THE_END[:] = [workspace]
        return _cmd_due(workspace, args)
    finally:
        if collecting:
            gc.enable()


_KEPT_TO_THE_END: list[object] = []
"""The records ``due`` read, never freed before the process ends: the command ends it without
taking its memory apart (launch.main), and freeing 35,000 records one by one as the reading
function returned (8 ms at 10,000 contacts) took longer than printing what was due."""


def _restore_backup(args: argparse.Namespace) -> int:
    """Runs without opening the workspace: it is for when the workspace cannot be opened."""
    from .core.storage import backup_path, restore_backup
    from .core.store import Store

    location = _location(args)
    if not args.force and os.path.lexists(location.path):
        try:
            Store.open(location.path).close()
        except WorkspaceUnreadable:
            pass  # damaged: what the command is for
        else:
            raise InvalidInput(
                f"{location.path} opens fine, so nothing was restored: restore-backup is for a workspace "
                "that cannot be opened. To go back to the previous version anyway, add --force "
                "(the current file is kept beside it)."
            )
    kept = restore_backup(location.path)
    print(f"Restored {location.path} from {backup_path(location.path)}.")
    if kept is not None:
        print(f"The file it replaced is kept as {kept}.")
    return 0


def _run_command(args: argparse.Namespace, clock: Clock) -> int:
    """Run a subcommand against the workspace. A command that fails on a workspace it had to
    create removes it again, so that a mistyped first command leaves nothing behind."""
    from .core.storage import backup_path, lock_path
    from .core.store import Store

    handler = _handler(args.command)
    location = _location(args)
    path = location.path
    # Emptying the trash of a workspace that is not there is reading it too: nothing to empty.
    reads = _only_looks(args) or args.command == "trash"
    if not location.is_default and reads and not os.path.lexists(path) and path.parent.is_dir():
        _refuse_no_workspace(args, location.path)
    fresh = [p for p in (location.path, backup_path(location.path), lock_path(location.path)) if not os.path.lexists(p)]
    store = Store.open(location.path, clock=clock, create_dirs=location.is_default, shared=_only_looks(args))
    store.on_diverted = _tell_diverted
    # The workspace just read is hundreds of thousands of objects (at 10,000 contacts) that live
    # until the command ends; the collections a command's own work sets off would walk all of
    # them (a first one of 25 ms right after opening). Frozen, they are skipped; the command's
    # own objects are collected as usual. (The app does the same once its first frame is up.)
    import gc

    frozen = gc.isenabled()
    if frozen:
        gc.freeze()
    failed = True
    try:
        status = handler(store, args)
        failed = status != 0
        return status
    except InterviewTuiError:
        raise
    except BaseException:
        failed = False  # interrupted or a bug: keep whatever was written, as it was written
        raise
    finally:
        if failed and store.created_now:
            for path in fresh:  # the lock file too: still held, it goes with the store's close
                with contextlib.suppress(OSError):
                    path.unlink()
        store.close()
        if frozen:
            gc.unfreeze()  # a caller that runs commands one after another gets them back


def _refuse_no_workspace(args: argparse.Namespace, path: Path) -> None:
    """A command that only reads, given a workspace that does not exist (a mistyped --db or
    $INTERVIEW_TUI_DB, most likely): said, rather than an empty workspace made there and read."""
    import shlex

    named = "--db" if getattr(args, "db", None) is not None else f"${config.ENV_VAR}"
    raise WorkspaceUnavailable(
        f"No workspace at {path}: `{args.command}` only reads, so nothing was created. Check the path "
        f"{named} gives, or start a workspace there with: {PROG} --db {shlex.quote(str(path))} add NAME"
    )


def _tell_diverted(conflict: Path) -> None:
    print(
        f"{PROG}: the workspace was changed by another program while this command ran; nothing "
        f"was written over it, and this command's changes were saved to {conflict} instead.",
        file=sys.stderr,
    )


def _fail(message: str) -> int:
    print(f"{PROG}: {_one_line(message)}", file=sys.stderr)
    return EXIT_ERROR


# The app keeps a change it could not save in memory and tries again; a command's process ends
# with the failure, so nothing is kept, and the message must not say otherwise.
_KEPT_IN_MEMORY = re.compile(r",?\s*(?:and\s+)?your changes are (?:still )?kept in memory\.?", re.IGNORECASE)


def _said_of(error: InterviewTuiError) -> str:
    """The message for an error that ends a command: a change that could not be written (a full
    disk) says first that it was not saved. A read-only workspace's refusal says so itself."""
    message = str(error)
    if isinstance(error, SaveFailed):
        message = _KEPT_IN_MEMORY.sub("", message).strip()
        if not message.endswith((".", "!", "?")):
            message += "."
        return f"not saved: {message}"
    if isinstance(error, ContactNotFound):
        message += f" See them all with{' their ids' if error.by_id else ''}: {PROG} list"
    return message


def _one_line(message: str) -> str:
    if message.isprintable() and "  " not in message and message[:1] != " " and message[-1:] != " ":
        # Nothing to take out or join: no control, escape, line break, tab or bidi override is
        # printable, and the only printable whitespace is a single space. Nearly every name and
        # note, and a long due list prints thousands of them.
        return message
    from .core.text import strip_controls

    return " ".join(strip_controls(message).split())


def _one_line_each(texts: list[str]) -> list[str]:
    """``_one_line`` of each of ``texts``. Nearly always each is one clean line already, which
    is seen in the texts joined (by line breaks, so that a space at the end or the start of one
    stands beside a line break) without a call per text; otherwise each distinct text is
    cleaned once."""
    joined = "\n".join(texts)
    if (
        joined.count("\n") == len(texts) - 1
        and joined.replace("\n", "|").isprintable()
        and "  " not in joined
        and " \n" not in joined
        and "\n " not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
    ):
        return texts
    return [*map(functools.cache(_one_line), texts)]


def _tolerate_unencodable_output() -> None:
    """Print a replacement character rather than fail where the terminal's encoding cannot show
    a name (LANG=C, PYTHONIOENCODING=ascii)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(errors="replace")


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _location(args: argparse.Namespace) -> config.Location:
    location = config.resolve(getattr(args, "db", None), demo=getattr(args, "demo", False))
    path = location.path
    if path.exists() and not path.is_dir() and not path.is_file():
        raise WorkspaceUnavailable(f"{path} is not a regular file; give the path of a workspace file")
    return location


def _on_a_terminal() -> bool:
    """Whether keys can be read and a screen drawn (see ``_not_a_terminal``)."""
    return _not_a_terminal() is None


def _not_a_terminal() -> str | None:
    """Which of standard input, output and error is not a terminal (None: all three are). Keys
    are read from the first, and Textual draws on the last."""
    for name, stream in (("input", sys.stdin), ("output", sys.stdout), ("error", sys.stderr)):
        try:
            if stream is None or not os.isatty(stream.fileno()):
                return name
        except (AttributeError, OSError, ValueError):  # closed, or replaced by an object without a descriptor
            return name
    return None


def _run_app(args: argparse.Namespace, clock: Clock) -> int:
    import gc  # noqa: PLC0415 - only the app manages the collector

    if not _on_a_terminal():
        stream = _not_a_terminal() or "input"
        # Textual would wait for keys that never come (at the end of input it spins) and keep the
        # workspace locked; say what to do instead, before anything is opened or created.
        print(
            f"{PROG}: the app needs a terminal (standard {stream} here is not one); over "
            f"SSH use ssh -t, or run a scripting command such as `{PROG} due` (see {PROG} --help)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    location = _location(args)
    from .core.storage import ReadAhead

    # The file is read on another thread while Textual is imported (see ReadAhead).
    read_ahead = ReadAhead(location.path)
    # No collections until the first frame: importing Textual, loading the workspace and building
    # the app make hundreds of thousands of objects that live for the session, and no garbage
    # worth a pass over them (the policy for the whole session: tui/collector.py).
    gc.disable()
    try:
        from .core.demo import seed_demo  # noqa: PLC0415 - only the app and the demo need it
        from .core.store import Store
        from .prefs import config_path  # noqa: PLC0415 - display preferences are the app's alone
        from .tui import collector  # noqa: PLC0415 - the app's policy for the collector, explained there
        from .tui.app import make_app  # noqa: PLC0415 - keeps Textual out of scripted commands

        # The conversations and follow-ups are read after the first frame (the largest tables:
        # that frame shows the contacts), and in full before anything is changed (see
        # Store.read_later).
        store = Store.open(
            location.path,
            clock=clock,
            create_dirs=location.is_default,
            read_ahead=read_ahead,
            later=("interviews", "followups"),
        )
        try:
            if args.demo and store.contact_count() == 0:
                seed_demo(store)
            app = make_app(
                store,
                install_signal_handlers=True,
                background_saves=True,
                # The collector stays off until the first frame; what lives for the session is
                # frozen then, and as the session goes on (see tui/collector.py).
                on_first_frame=collector.first_frame,
                freeze_long_lived=collector.settle,
                freeze_built=collector.freeze_built,
                prefs_path=config_path(),
            )
        except BaseException:
            store.close()
            raise
        try:
            app.run()
        finally:
            store.close()
    finally:
        gc.enable()
    if app.found_unreadable is not None:
        raise app.found_unreadable  # said as at opening, by main
    return app.return_code or 0


def _cmd_add(store: Store, args: argparse.Namespace) -> int:
    from .core import workflow

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
    if args.cadence is not None:
        values["cadence"] = args.cadence
    contact = store.add_contact(
        workflow.contact_from_fields(
            store,
            values,
            another=args.another,
            how_to_add_another="To add another person of that name, add --another; to change one already there, use edit.",
        )
    )
    print(f"Added {contact.name} (id {contact.id}).")
    return 0


def _print_json(value: Any) -> None:
    from .cli_json import print_json

    print_json(value)


def _contact_json(contact: Contact) -> dict[str, Any]:
    return {"id": contact.id, **contact.to_doc(complete=True)}




def _cmd_list(store: Store, args: argparse.Namespace) -> int:
    contacts = store.contacts()
    if args.json:
        _print_json([_contact_json(c) for c in contacts])
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


def _print_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    _print_columns(header, [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in header])


def _print_columns(header: tuple[str, ...], columns: Sequence[Sequence[str]]) -> None:
    """A table under ``header``, given column by column, each padded to its widest cell."""
    every = [[title, *column] for title, column in zip(header, columns, strict=True)]
    # The width of a cell on the terminal: its length when it is ASCII (nearly always, and far
    # quicker to know: a column is ASCII when its text joined is), else what rich measures (wide
    # characters take two cells).
    if all("".join(column).isascii() for column in every):
        # The last column is not padded: every line loses what follows its last word anyway.
        padded = [[*map(str.ljust, column, repeat(max(map(len, column))))] for column in every[:-1]]
        lines = [*map(str.rstrip, map("  ".join, zip(*padded, every[-1], strict=True)))]
    else:
        from rich.cells import cell_len

        widths = [max(map(cell_len, column)) for column in every]
        lines = [
            "  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in zip(*every, strict=True)
        ]
    print("\n".join(lines))


class _Shown(dict[Any, str]):
    """Each key put in words once, by ``words``, however many rows show it."""

    def __init__(self, words: Callable[[Any], str]) -> None:
        super().__init__()
        self.words = words

    def __missing__(self, key: Any) -> str:
        shown = self[key] = self.words(key)
        return shown


def _cmd_note(store: Store, args: argparse.Namespace) -> int:
    # Looked up as names are stored: without controls, NFC (some terminals send NFD).
    import unicodedata

    from .core.text import strip_controls

    contact = store.find_contact(unicodedata.normalize("NFC", strip_controls(args.name)))
    from .cli_input import read_stdin

    notes = read_stdin() if args.text == "-" else args.text
    from .core import workflow
    from .core.models import id_of
    from .core.text import clean_notes

    if not clean_notes(notes).strip():
        return _fail("the note is empty; give the text as an argument or pipe it with -")
    interview = workflow.add_note(store, id_of(contact), notes)
    print(f"Added a note to {contact.name}'s conversation of {interview.when:%a %d %b %Y %H:%M}.")
    return 0


def _cmd_touch(store: Store, args: argparse.Namespace) -> int:
    import unicodedata

    from .core.text import strip_controls

    contact = store.find_contact(unicodedata.normalize("NFC", strip_controls(args.name)))
    assert contact.id is not None
    from .core import workflow

    workflow.complete_check_in(store, contact.id, args.note)
    print(f"Logged: in touch with {_one_line(contact.name)} today.")
    return 0


def _days_ahead(text: str) -> int:
    """--within: a whole number of days from 0 (argparse turns the error into a usage error)."""
    import argparse

    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of days") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"{days} is negative; give 0 for today, 7 for the week ahead")
    return days


def _cmd_due(store: Store | Workspace, args: argparse.Namespace) -> int:
    # The queue the app shows, cadence check-ins included. Nothing due prints nothing (an empty
    # JSON list for --json), so that the command can sit in a shell profile.
    from .core import queue

    now = store.clock()
    due = queue.due_by(store, now, args.within)
    # Planned conversations of the window too (one still planned on a past day is overdue:
    # it wants marking done or cancelling).
    last_day = now.date().toordinal() + args.within
    talks = sorted(
        (
            i
            for i in store.all_interviews()
            if i.on_calendar and i.when.date().toordinal() <= last_day
        ),
        key=lambda i: (i.when, i.id or 0),
    )
    if args.json:
        names = store.contact_names()
        items = [_followup_json(f, names, now) for f in due] + [_conversation_json(i, names, now) for i in talks]
        _print_json(sorted(items, key=lambda item: item["due"]))
        return 0
    # At 50,000 contacts a day's list runs to tens of thousands of rows: the table is made
    # column by column with map(), and each column is cleaned for the terminal all at once.
    ids = [*map(attrgetter("contact_id"), due), *map(attrgetter("contact_id"), talks)]
    # Names looked up for the rows shown, not gathered for every contact of the workspace.
    by_id = store.contacts_by_id()
    found: list[str | None] = [contact.name if contact is not None else None for contact in map(by_id.get, ids)]
    if None in found:  # a follow-up left pointing at no one (a merge that dropped the contact)
        found = [name if name is not None else _unknown(i) for name, i in zip(found, ids, strict=True)]
    contacts = _one_line_each([name or "" for name in found] if None in found else cast("list[str]", found))
    label_of = _Shown(lambda kind: kind.label)
    kinds = [*map(label_of.__getitem__, map(attrgetter("kind"), due)), *["conversation"] * len(talks)]
    notes_due = _one_line_each([*map(attrgetter("note"), due)])
    if any(map(attrgetter("recurrence"), due)):
        from .core.recurrence import repeats_in_words  # only then: it loads the rule arithmetic

        # At the end of the note, so that the columns and the note's own words stay where they were.
        notes_due = [
            f"{note} ({_one_line(repeats_in_words(followup.recurrence))})".lstrip() if followup.recurrence else note
            for note, followup in zip(notes_due, due, strict=True)
        ]
    notes = [
        *notes_due,
        *(
            _one_line(f"{i.when:%H:%M}, {i.minutes} min {i.mode.label}" + (f", {i.where}" if i.where else ""))
            for i in talks
        ),
    ]
    moments = [*map(attrgetter("due"), due), *map(attrgetter("when"), talks)]
    if talks:
        # Both are soonest first already; merged so, follow-ups before conversations at one moment.
        order = sorted(range(len(moments)), key=moments.__getitem__)
        moments = [moments[k] for k in order]
        contacts, kinds, notes = ([column[k] for k in order] for column in (contacts, kinds, notes))
    today = now.date()
    day_words = _Shown(lambda day: _due_words(day, today))
    # datetime.date, read from the class, is the method that gives a moment's day.
    days = [*map(day_words.__getitem__, map(datetime.date, moments))]
    if days:
        _print_columns(("DUE", "CONTACT", "KIND", "NOTE"), (days, contacts, kinds, notes))
    return 0


def _due_words(day: date, today: date) -> str:
    """'overdue 2 days ago', 'today', 'tomorrow', 'in 3 days': by calendar day, as the app groups."""
    from .core.day_words import relative_day
    from .core.keep_in_touch import QueueGroup, group_of

    # Both read the day alone; any time of it will do.
    moment, now = datetime.combine(day, datetime.min.time()), datetime.combine(today, datetime.min.time())
    words = relative_day(moment, now)
    return f"overdue {words}" if group_of(moment, now) is QueueGroup.OVERDUE else words


def _contact_name(names: dict[int, str], followup: FollowUp | Interview) -> str:
    name = names.get(followup.contact_id)
    return name if name is not None else _unknown(followup.contact_id)


def _unknown(contact_id: int) -> str:
    """How a link to a contact no longer in the workspace reads."""
    from .core.models import UNKNOWN_CONTACT

    return f"{UNKNOWN_CONTACT} (id {contact_id})"


def _conversation_json(interview: Interview, names: dict[int, str], now: datetime) -> dict[str, Any]:
    return {
        "id": interview.id,
        # Follow-ups and conversations are numbered apart: "id" alone does not say whose it is.
        "conversation_id": interview.id,
        "contact_id": interview.contact_id,
        "contact": _contact_name(names, interview),
        "kind": "conversation",
        "due": interview.when.isoformat(),
        "overdue": interview.when.date() < now.date(),
        "group": _group_of(interview.when, now),
        "note": "",
        "minutes": interview.minutes,
        "mode": interview.mode.value,
        "where": interview.where,
    }


def _group_of(moment: datetime, now: datetime) -> str:
    from .core.keep_in_touch import group_of

    return group_of(moment, now).value


def _followup_json(followup: FollowUp, names: dict[int, str], now: datetime) -> dict[str, Any]:
    return {
        "id": followup.id,  # None (null) for a check-in the cadence asks for, not yet stored
        "followup_id": followup.id,  # what done --followup takes; a conversation has none
        "contact_id": followup.contact_id,
        "contact": _contact_name(names, followup),
        "kind": followup.kind.value,
        "due": followup.due.isoformat(),
        "overdue": followup.due < now,  # past its due moment; "group" says by calendar day
        "group": _group_of(followup.due, now),
        "note": followup.note,
        "repeat": followup.recurrence,  # the iCalendar rule it repeats by ("FREQ=WEEKLY;INTERVAL=3"); "" when it does not
    }


_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "add": _cmd_add,
    "list": _cmd_list,
    "note": _cmd_note,
    "touch": _cmd_touch,
    "due": _cmd_due,
}

_ELSEWHERE: dict[str, tuple[str, str]] = {
    "schedule": ("cli_conversations", "cmd_schedule"),
    "import": ("cli_formats", "cmd_import"),
    "export": ("cli_formats", "cmd_export"),
    "delete": ("cli_trash", "cmd_delete"),
    "trash": ("cli_trash", "cmd_trash"),
    "restore": ("cli_trash", "cmd_restore"),
    "show": ("cli_conversations", "cmd_show"),
    "edit": ("cli_conversations", "cmd_edit"),
    "cancel": ("cli_conversations", "cmd_cancel"),
    "done": ("cli_conversations", "cmd_done"),
    "followup": ("cli_conversations", "cmd_followup"),
    "agenda": ("cli_conversations", "cmd_agenda"),
}
"""The commands of the cli_* modules, imported when one of them runs (see the module's docstring)."""


_LOOKING = frozenset({"list", "due", "show", "agenda", "export"})
"""The commands that change nothing: they work while the app has the workspace open, on what it
last saved (``due`` sits in shell profiles, and the app is often open in another window)."""


def _only_looks(args: argparse.Namespace) -> bool:
    return args.command in _LOOKING or (args.command == "trash" and not args.empty)


def _handler(command: str) -> Callable[[Store, argparse.Namespace], int]:
    if command in _COMMANDS:
        return _COMMANDS[command]
    module, name = _ELSEWHERE[command]
    import importlib

    found = importlib.import_module(f".{module}", __package__)
    handler: Callable[[Store, argparse.Namespace], int] = getattr(found, name)
    return handler
