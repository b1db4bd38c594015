"""The command palette lists every action of the key map, under the same words as the footer."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.screen import Screen

from .keys import KEY_GROUPS, key_label

_NOT_COMMANDS = {"command_palette", "", "app.focus_next", "app.focus_previous"}


def palette_commands(screen: Screen[object]) -> Iterable[SystemCommand]:
    """A command for each bound action that makes sense on the main screen."""
    seen: set[str] = set()
    for group, bindings in KEY_GROUPS():
        if group in ("Forms", "Lists"):
            continue
        for binding in bindings:
            if binding.action in _NOT_COMMANDS or binding.action in seen:
                continue
            seen.add(binding.action)
            action = binding.action.removeprefix("screen.")
            help_text = f"{binding.tooltip or binding.description}  ({key_label(binding.key)})"
            yield SystemCommand(
                binding.description, help_text, partial(screen.run_action, action)
            )
