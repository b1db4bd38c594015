"""Start-up: each command loads only what it uses. ``--help`` reads no workspace code, ``due``
leaves the conversation commands and the workflow alone, and the date grammar compiles its
patterns when a date is first read, not when it is imported (every command imports it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_tui.core.store import Store


def modules_after(code: str, cwd: Path) -> set[str]:
    """The modules of this project and a few libraries loaded once ``code`` has run, in a fresh
    interpreter."""
    shown = "import json, sys; print(json.dumps(sorted(m for m in sys.modules if m.startswith(('interview_tui', 'rich', 'textual')))))"
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{shown}"], cwd=cwd, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


WORK = {
    "interview_tui.core.store",
    "interview_tui.core.storage",
    "interview_tui.core.conversations",
    "interview_tui.core.queue",
    "interview_tui.core.timeline",
    "interview_tui.core.dates",
}


def test_parsing_the_command_line_loads_none_of_the_work(tmp_path: Path) -> None:
    loaded = modules_after("import interview_tui.cli as cli; cli.build_parser()", tmp_path)
    assert "interview_tui.cli" in loaded
    assert not loaded & WORK
    assert not any(m.startswith(("rich", "textual")) for m in loaded)


def test_due_loads_the_queue_but_not_the_store_the_conversation_commands_or_the_workflow(tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    Store.open(db).close()
    code = (
        "import sys\nfrom interview_tui import cli\n"
        f"assert cli.main(['--db', {str(db)!r}, 'due', '--within', '7']) == 0"
    )
    loaded = modules_after(code, tmp_path)
    assert {"interview_tui.core.quick_read", "interview_tui.core.queue"} <= loaded
    # A workspace the one-pass reading vouches for is not opened through the store.
    assert not loaded & {"interview_tui.core.store", "interview_tui.core.storage", "interview_tui.cli_conversations"}
    assert not loaded & {
        "interview_tui.core.conversations",
        "interview_tui.core.timeline",
        "interview_tui.core.workflow",
        "interview_tui.formats.transfer",
    }
    assert not any(m.startswith(("rich", "textual")) for m in loaded)


@pytest.mark.parametrize("typed", ["fri 3pm", "2026-12-03 14:00", "in 3 days"])
def test_the_date_grammar_compiles_its_patterns_on_first_use(tmp_path: Path, typed: str) -> None:
    code = f"""
import re, sys
from datetime import datetime
compiled = []
real = re.compile
def counted(pattern, flags=0):
    if sys._getframe(1).f_code.co_filename.endswith("dates.py"):  # the grammar's own, not its imports'
        compiled.append(pattern)
    return real(pattern, flags)
re.compile = counted
from interview_tui.core.dates import parse_when
at_import = len(compiled)
when = parse_when({typed!r}, datetime(2026, 11, 25, 10, 0))
print(at_import, len(compiled), when.isoformat())
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    at_import, after_parse, when = done.stdout.split()
    assert int(at_import) == 0
    assert int(after_parse) >= 1  # read with the patterns, compiled then
    assert when.startswith(("2026-11-27T15:00", "2026-12-03T14:00", "2026-11-28T"))
