"""`due` reads its file on a second thread while it imports what decoding and the queue need,
and keeps the records it read until the process ends (freeing them one by one cost more than
printing them). Both are pinned here by what happens, in a fresh interpreter, not by a time."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from interview_tui.core.models import Contact, FollowUp, FollowUpKind
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)


def workspace(tmp_path: Path) -> Path:
    db = tmp_path / "w.json"
    with Store.open(db, clock=lambda: NOW) as store:
        who = store.add_contact(Contact(name="Sam Sample"))
        assert who.id is not None
        store.add_followup(FollowUp(contact_id=who.id, due=NOW, kind=FollowUpKind.CHECK_IN))
    return db


def test_what_decoding_and_the_queue_need_is_imported_before_the_bytes_are_waited_for(tmp_path: Path) -> None:
    db = workspace(tmp_path)
    code = f"""
import contextlib, io, json, sys
from interview_tui import cli
from interview_tui.core import quick_read
seen = []
real_take = quick_read.Reading.take
def take(self):
    seen.append(sorted(m for m in ("msgspec", "interview_tui.core.models", "interview_tui.core.validate",
                                   "interview_tui.core.queue") if m in sys.modules))
    return real_take(self)
quick_read.Reading.take = take
out = io.StringIO()
with contextlib.redirect_stdout(out):
    assert cli.main(["--db", {str(db)!r}, "due"]) == 0
assert "Sam Sample" in out.getvalue(), out.getvalue()
print(json.dumps(seen))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    taken = json.loads(done.stdout.splitlines()[-1])
    assert taken == [["interview_tui.core.models", "interview_tui.core.queue", "interview_tui.core.validate", "msgspec"]]


def test_the_records_due_read_live_until_the_process_ends(tmp_path: Path) -> None:
    db = workspace(tmp_path)
    code = f"""
import contextlib, io
from interview_tui import cli
from interview_tui.core import quick_read
with contextlib.redirect_stdout(io.StringIO()):
    assert cli.main(["--db", {str(db)!r}, "due"]) == 0
(kept,) = cli._KEPT_TO_THE_END
assert isinstance(kept, quick_read.Workspace)
print(sorted(c.name for c in kept.contacts_by_id().values()))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['Sam Sample']"
