"""Kill a writer with SIGKILL at random moments and prove the file always parses and holds every
change the writer was told had been saved."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_tui.core.storage import backup_path, temp_file_pattern
from interview_tui.core.store import Store

KILLS = 120

WRITER = """
import os, sys
from interview_tui.core.models import Contact
from interview_tui.core.store import Store

path, run = sys.argv[1], sys.argv[2]
store = Store.open(path)
os.write(1, b"ready\\n")
padding = "x" * 200  # bigger records: more of the time goes into writing the file
i = 0
while True:
    if i % 7 == 6:
        names = [f"{run}-{i}-{k}" for k in range(3)]
        with store.batch():
            for name in names:
                store.add_contact(Contact(name=name, company=padding))
    else:
        names = [f"{run}-{i}"]
        store.add_contact(Contact(name=names[0], company=padding, tags=["kill", "test"]))
    # Only once the call has returned does the writer claim the change is saved.
    os.write(1, (",".join(names) + "\\n").encode())
    i += 1
"""


def _names_in(path: Path) -> set[str]:
    data = json.loads(path.read_bytes())  # the strict parser: any tear is an error here
    assert isinstance(data, dict)
    return {doc["name"] for doc in data.get("contacts", {}).values()}


def _run_and_kill(script: Path, db: Path, run: int, rng: random.Random) -> tuple[list[str], bool]:
    """Start a writer, SIGKILL it after a random delay; the names it reported as saved."""
    writer = subprocess.Popen(
        [sys.executable, script, str(db), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert writer.stdout is not None
    early = rng.random() < 0.1
    if early:
        # Now and then kill it while it is still opening (or creating) the workspace.
        time.sleep(rng.uniform(0, 0.08))
    else:
        ready = writer.stdout.readline()
        if ready != b"ready\n":
            writer.kill()
            _, err = writer.communicate(timeout=30)
            pytest.fail(f"writer did not start: {ready!r} {err.decode(errors='replace')}")
        time.sleep(rng.uniform(0, 0.03))
    writer.send_signal(signal.SIGKILL)
    out, err = writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL, err.decode(errors="replace")
    lines = out.decode().split("\n")
    complete = lines[:-1]  # a line without its newline was not fully reported
    names = [name for line in complete if line != "ready" for name in line.split(",")]
    return names, early


@pytest.mark.slow
def test_sigkill_at_random_moments_never_tears_the_file_or_loses_a_saved_change(tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    db = tmp_path / "ws" / "interviews.json"
    db.parent.mkdir()
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)  # a new schedule of kills every run; the seed is in any failure
    saved: set[str] = set()
    killed_mid_save = 0

    for run in range(KILLS):
        names, _ = _run_and_kill(script, db, run, rng)
        saved.update(names)
        if not db.exists():
            assert not saved, f"seed {seed} run {run}: the workspace vanished after {len(saved)} saved changes"
            continue
        on_disk = _names_in(db)
        missing = saved - on_disk
        assert not missing, f"seed {seed} run {run}: {len(missing)} saved changes lost, e.g. {sorted(missing)[:3]}"
        if backup_path(db).exists():
            _names_in(backup_path(db))
        pattern = temp_file_pattern(db)
        if any(pattern.fullmatch(p.name) for p in db.parent.iterdir()):
            killed_mid_save += 1

    # The kills did land inside saves (a temp file written but not yet renamed), not only
    # between them.
    assert killed_mid_save > 0
    assert len(saved) > KILLS // 2

    # The workspace opens normally afterwards: no lock left behind, every change there, and the
    # temp files of the interrupted saves cleared away.
    with Store.open(db) as store:
        assert {c.name for c in store.contacts()} >= saved
    assert not [p.name for p in db.parent.iterdir() if temp_file_pattern(db).fullmatch(p.name)]
