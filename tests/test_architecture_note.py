"""ARCHITECTURE.md names only what exists: every file or folder it mentions is in the checkout,
and every class attribute or module function it names can be found, so the map cannot quietly
drift from the code it describes."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE = ROOT / "ARCHITECTURE.md"
PACKAGE = ROOT / "interview_tui"
BASES = (ROOT, PACKAGE, PACKAGE / "core", PACKAGE / "tui", PACKAGE / "formats")

OWNERS = {
    "Store": "interview_tui.core.store:Store",
    "store": "interview_tui.core.store:Store",
    "DurableStorage": "interview_tui.core.storage:DurableStorage",
    "storage": "interview_tui.core.storage:DurableStorage",
    "MainScreen": "interview_tui.tui.screens.main:MainScreen",
    "MethodSteps": "interview_tui.tui.screens.method:MethodSteps",
    "NotesPane": "interview_tui.tui.widgets.notes:NotesPane",
    "RowList": "interview_tui.tui.widgets.row_list:RowList",
    "workflow": "interview_tui.core.workflow",
    "keep_in_touch": "interview_tui.core.keep_in_touch",
    "config": "interview_tui.config",
    "cli": "interview_tui.cli",
}
"""The names a dotted mention may start with, and the module they are found in."""


def mentions() -> list[str]:
    return re.findall(r"`([^`\n]+)`", NOTE.read_text(encoding="utf-8"))


def test_every_file_and_folder_named_exists() -> None:
    paths = [m for m in mentions() if re.fullmatch(r"[\w/]+\.(py|md)|[\w/]+/", m)]
    assert len(paths) > 30  # the note was read: it names many
    missing = [p for p in paths if not any((base / p).exists() for base in BASES)]
    assert missing == []


def test_every_class_attribute_and_function_named_exists() -> None:
    # "Store.undo", "storage.preparing()", "workflow.log_ask(store, contact_id)": the name
    # before the first parenthesis; file names ("keep_in_touch.py") are the test above's.
    dotted = [m.split("(")[0] for m in mentions() if not re.search(r"\.(py|md)$", m)]
    checked = [name for name in dotted if re.fullmatch(r"\w+\.\w+", name) and name.split(".")[0] in OWNERS]
    assert len(checked) > 15
    missing = []
    for name in checked:
        owner, attribute = name.split(".")
        module_name, _, class_name = OWNERS[owner].partition(":")
        module = importlib.import_module(module_name)
        holder = getattr(module, class_name) if class_name else module
        if not hasattr(holder, attribute):
            missing.append(name)
    assert missing == []
