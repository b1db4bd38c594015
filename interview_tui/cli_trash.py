"""Deleting, the trash and erasure on the command line, over the store's trash.

    interview-tui delete NAME [--purge]
    interview-tui trash [--json] [--empty]
    interview-tui restore NAME [--another]
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .cli_json import print_json
from .core.text import strip_controls

if TYPE_CHECKING:  # the commands import what they use when they run (see cli.py)
    from .core.store import Store
    from .core.trash import TrashEntry


def register(commands: Any, db_option: argparse.ArgumentParser) -> None:
    """Add the subcommands to the CLI's subparsers."""
    delete = commands.add_parser(
        "delete",
        parents=[db_option],
        help="move a contact to the trash (with --purge: erase them for good)",
        description=(
            "Move a contact to the trash, with their conversations, follow-ups and touches; the "
            "people they referred lose the link until they are restored ('interview-tui restore "
            "NAME'). With --purge they are erased for good, from the workspace, its backup and "
            "any text rescued from open forms: for someone who asked to be forgotten. --purge "
            "also erases a person already in the trash."
        ),
    )
    delete.add_argument("name", metavar="NAME", help="the contact's name, or the start of it")
    delete.add_argument("--purge", action="store_true", help="erase for good; this cannot be undone")

    trash = commands.add_parser(
        "trash",
        parents=[db_option],
        help="list what was deleted (with --empty: erase all of it for good)",
    )
    trash.add_argument("--json", action="store_true", help="print JSON for scripts ([] when empty)")
    trash.add_argument("--empty", action="store_true", help="erase everything in the trash for good")

    restore = commands.add_parser(
        "restore", parents=[db_option], help="put a deleted contact back with everything that went with them"
    )
    restore.add_argument("name", metavar="NAME", help="the name, or the start of it, as 'trash' lists it")
    restore.add_argument(
        "--another",
        action="store_true",
        help="restore them even though a contact now in the workspace has their name, email or LinkedIn profile",
    )


def cmd_delete(store: Store, args: argparse.Namespace) -> int:
    if args.purge:
        entry = _contact_or_trashed(store, args.name)
        erased = store.purge([entry.id] if entry.id is not None else [])
        print(_shown(erased.said()))
        return 0
    contact = store.find_contact(args.name)
    assert contact.id is not None
    import shlex

    from .core.trash import what_goes_with

    entry = store.delete_contact(contact.id)
    went = what_goes_with(
        entry.count("interviews"),
        entry.count("followups"),
        [store.contact(i).name for i in entry.relinked],
    )
    print(f"Moved {_shown(entry.name)} to the trash{f' ({went})' if went else ''}.")
    print(f"Put them back with: interview-tui restore {shlex.quote(entry.name)}")
    return 0


def _contact_or_trashed(store: Store, name: str) -> TrashEntry:
    """The trash entry to erase for ``name``: a contact is moved to the trash first; else a
    person already in the trash."""
    from .core.errors import NotFound  # noqa: PLC0415 - the one error this path tells apart

    try:
        contact = store.find_contact(name)
    except NotFound:
        try:
            return store.find_in_trash(name)
        except NotFound:
            raise NotFound(
                f"No contact named '{name}', and no one by that name in the trash: nothing was "
                "erased. See them with: interview-tui list, interview-tui trash"
            ) from None
    assert contact.id is not None
    return store.delete_contact(contact.id)


def cmd_trash(store: Store, args: argparse.Namespace) -> int:
    from .core.trash import describe

    entries = store.trash()
    if args.empty:
        if not entries:
            print("The trash is empty.")
            return 0
        print(_shown(store.purge([e.id for e in entries if e.id is not None]).said()))
        return 0
    if args.json:
        print_json([_entry_json(e) for e in entries])
        return 0
    if not entries:
        print("The trash is empty.")
        return 0
    for entry in entries:
        print(f"{_shown(entry.name)}  deleted {entry.deleted_at:%a %d %b %Y %H:%M}  ({describe(entry)})")
    return 0


def _entry_json(entry: TrashEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "name": entry.name,
        "deleted_at": entry.deleted_at.isoformat(),
        "conversations": entry.count("interviews"),
        "followups": entry.count("followups"),
        "touches": entry.count("touches"),
        "referred": entry.relinked,
    }


def cmd_restore(store: Store, args: argparse.Namespace) -> int:
    import shlex

    from .core.trash import describe

    entry = store.find_in_trash(args.name)
    assert entry.id is not None
    again = f"interview-tui restore {shlex.quote(entry.name)} --another"
    there = [contact_id for _, contact_id, _ in ([] if args.another else store.same_person_as(entry))]
    # Erased, not moved to the trash: the trash would then hold two of them, and restoring by
    # name takes the newest.
    erase = ", ".join(f"interview-tui delete id:{contact_id} --purge" for contact_id in there)
    how_to_go_on = (
        f"Nothing was changed. If they are one person, erase the one there first ({erase}; what was recorded "
        f"with it goes too) and restore again; if they are two people, restore them as another person with: {again}"
    )
    contact = store.restore(entry.id, another=args.another, how_to_go_on=how_to_go_on)
    print(f"Restored {_shown(contact.name)} ({describe(entry)}).")
    return 0


def _shown(text: str) -> str:
    return strip_controls(text)
