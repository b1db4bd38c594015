"""The command palette lists every action of the key map, under the same words as the footer: the
main screen's over the main screen, a view's own over that view (the dashboard, the trash...)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widget import Widget

from .keys import KEY_GROUPS, key_label

_NOT_COMMANDS = {"command_palette", "", "app.focus_next", "app.focus_previous"}


def _owner(screen: Screen[Any], action: str) -> Widget | None:
    """The node that runs ``action``: a namespaced action ("app.quit", "screen.add_contact") runs
    from the screen; a bare one ("focus_filter") belongs to the pane whose binding it is."""
    if "." in action:
        return screen
    name = f"action_{action}"
    for node in (screen, *screen.walk_children(Widget)):
        if hasattr(node, name):
            return node
    return None


def palette_commands(screen: Screen[Any]) -> Iterable[SystemCommand]:
    """A command for each bound action that makes sense on the main screen."""
    seen: set[str] = set()
    for group, bindings in KEY_GROUPS():
        if group in ("Forms", "Lists"):
            continue
        for binding in bindings:
            if binding.action in _NOT_COMMANDS or binding.action in seen:
                continue
            seen.add(binding.action)
            owner = _owner(screen, binding.action)
            if owner is None:
                continue
            if "." not in binding.action and owner.check_action(binding.action, ()) is False:
                continue  # only meaningful where the focus was (leaving the notes editor)
            help_text = f"{binding.tooltip or binding.description}  ({key_label(binding.key)})"
            yield SystemCommand(binding.description, help_text, partial(owner.run_action, binding.action))
    yield SystemCommand(
        "Empty trash…",
        "Erase everyone in the trash for good, from the workspace, its backup and rescued form text",
        partial(screen.run_action, "empty_trash"),
    )
    yield SystemCommand(
        "Import contacts…",
        "From a vCard file, LinkedIn's Connections.csv or a CSV file; people already here are completed, not doubled",
        partial(screen.run_action, "import_contacts"),
    )
    yield SystemCommand(
        "Export…",
        "Contacts as vCard or CSV, conversations and follow-ups for a calendar, notes as Markdown, a JSON backup",
        partial(screen.run_action, "export"),
    )



def view_commands(screen: Screen[Any]) -> Iterable[SystemCommand]:
    """A command for each key of a view opened over the main screen (the dashboard, the trash,
    a form): the main screen's would act beneath it, unseen, or on nothing."""
    seen: set[str] = set()
    for bindings in screen._bindings.key_to_bindings.values():  # Textual's map of the screen's own keys
        for binding in bindings:
            if not binding.description or binding.action in _NOT_COMMANDS or binding.action in seen:
                continue
            seen.add(binding.action)
            help_text = f"{binding.tooltip or binding.description}  ({key_label(binding.key)})"
            yield SystemCommand(binding.description, help_text, partial(screen.run_action, binding.action))
