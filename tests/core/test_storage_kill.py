"""Kill a writer with SIGKILL at random moments and prove the file always parses and holds every
change the writer was told had been saved: the store itself, then the command line (hundreds of
`add` commands killed part-way, and real `python -m interview_tui` processes)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
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


BACKGROUND_WRITER = WRITER.replace(
    "store = Store.open(path)\n",
    "store = Store.open(path)\nstore.write_in_background()\n",
).replace(
    "    # Only once the call has returned does the writer claim the change is saved.\n",
    "    # As the app does: saved once the writer's thread has written it (every third change;\n"
    "    # the others queue behind a write and are merged into the next).\n"
    "    if i % 3:\n"
    "        i += 1\n"
    "        continue\n"
    "    store.wait_for_writes()\n"
    "    assert store.settle() is None\n"
    "    names = [c.name for c in store.contacts_unsorted()]\n",
)


@pytest.mark.slow
@pytest.mark.parametrize("writer", [WRITER, BACKGROUND_WRITER], ids=["on-its-thread", "writer-thread"])
def test_sigkill_at_random_moments_never_tears_the_file_or_loses_a_saved_change(tmp_path: Path, writer: str) -> None:
    script = tmp_path / "writer.py"
    script.write_text(writer)
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


# The command line as the writer -------------------------------------------------------------------

CLI_KILLS = 240
"""Kills of a loop of ``add`` commands, each run through cli.main from parsing to closing."""

PROCESS_KILLS = 20
"""Kills of ``python -m interview_tui ... add`` itself, start-up included."""

# Starting Python and importing the CLI for every kill would allow a few dozen kills in the time
# budget. So a helper imports it once and forks a writer per run: each writer is a fresh process
# running the very code `interview-tui add` runs (parse, open and lock, add, save, print, close),
# killed by its PID. The helper is a plain single-threaded process, so forking it is safe.
FORK_SERVER = """
import os, sys
from interview_tui import cli

path, reports = sys.argv[1], sys.argv[2]
padding = "x" * 200  # bigger records: more of the time goes into writing the file
# One add first, elsewhere: the command imports what it uses when it runs, and each writer
# forked below should spend its short life adding, as the timing measured in the test does.
with open(os.devnull, "w") as devnull:
    sys.stdout, kept = devnull, sys.stdout
    assert cli.main(["--db", os.path.join(reports, "warm-up.json"), "add", "Warm Up Example"]) == 0
    sys.stdout = kept
for line in sys.stdin:
    run = int(line)
    pid = os.fork()
    if pid == 0:
        # The writer: 'Added ...' is printed only once the add is saved, a whole line per write.
        sys.stdout = open(os.path.join(reports, f"{run}.out"), "w", buffering=1)
        sys.stderr = open(os.path.join(reports, f"{run}.err"), "w", buffering=1)
        i = 0
        while True:
            code = cli.main(["--db", path, "add", f"Contact {run:04d}-{i:04d} Example", "--company", padding])
            if code != 0:
                sys.stderr.flush()
                os._exit(3)
            i += 1
    os.write(1, f"{pid}\\n".encode())
    _, status = os.waitpid(pid, 0)
    os.write(1, f"{status}\\n".encode())
"""

_ADDED = re.compile(r"Added (Contact \d{4}-\d{4} Example) \(id \d+\)\.")


def _reported(out: str) -> list[str]:
    """The names a killed command printed as added, whole lines only."""
    complete = out.split("\n")[:-1]  # a line without its newline was not fully reported
    names = []
    for line in complete:
        match = _ADDED.fullmatch(line)
        assert match, f"unexpected output {line!r}"
        names.append(match.group(1))
    return names


def _check_after_kill(db: Path, saved: set[str], where: str) -> bool:
    """The file parses and opens as a workspace holding every reported add; True when the kill
    landed inside a save (its temporary file left behind)."""
    if not db.exists():
        assert not saved, f"{where}: the workspace vanished after {len(saved)} reported adds"
        return False
    pattern = temp_file_pattern(db)
    mid_save = any(pattern.fullmatch(p.name) for p in db.parent.iterdir())
    on_disk = _names_in(db)  # the strict JSON parser first: any tear is an error here
    missing = saved - on_disk
    assert not missing, f"{where}: {len(missing)} reported adds lost, e.g. {sorted(missing)[:3]}"
    if backup_path(db).exists():
        _names_in(backup_path(db))
    with Store.open(db) as store:  # and it opens as the next command would open it
        assert store.contact_count() == len(on_disk)
    return mid_save


def _one_add_takes(tmp_path: Path) -> float:
    """Seconds one `add` takes through cli.main on a small workspace, the median of five."""
    from interview_tui import cli

    db = tmp_path / "timing" / "w.json"
    db.parent.mkdir()
    times = []
    for i in range(5):
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            cli.main(["--db", str(db), "add", f"Timing {i} Example", "--company", "x" * 200])
        times.append(time.perf_counter() - started)
    return sorted(times)[2]


def test_sigkill_of_the_cli_at_random_moments_never_tears_the_file_or_loses_a_reported_add(tmp_path: Path) -> None:
    script = tmp_path / "fork_server.py"
    script.write_text(FORK_SERVER)
    db = tmp_path / "ws" / "interviews.json"
    db.parent.mkdir()
    reports = tmp_path / "reports"
    reports.mkdir()
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)  # a new schedule of kills every run; the seed is in any failure
    saved: set[str] = set()
    killed_mid_save = 0
    server = subprocess.Popen(
        [sys.executable, script, str(db), str(reports)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0
    )
    assert server.stdin is not None and server.stdout is not None
    # How long one add takes here and now: on a loaded machine a fixed window would end most
    # runs before their first save, and the kills would only ever land in start-up.
    window = max(0.04, 4 * _one_add_takes(tmp_path))
    try:
        for run in range(CLI_KILLS):
            server.stdin.write(f"{run}\n".encode())
            pid = int(server.stdout.readline())
            # Now and then at once (while parsing or opening), else part-way through the adds.
            time.sleep(0 if rng.random() < 0.1 else rng.uniform(0, window))
            os.kill(pid, signal.SIGKILL)
            status = int(server.stdout.readline())
            where = f"seed {seed} run {run}"
            err = (reports / f"{run}.err").read_text() if (reports / f"{run}.err").exists() else ""
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"{where}: {status} {err}"
            assert err == "", f"{where}: {err}"
            out = reports / f"{run}.out"
            saved.update(_reported(out.read_text() if out.exists() else ""))
            killed_mid_save += _check_after_kill(db, saved, where)
    finally:
        server.stdin.close()
        server.wait(timeout=30)

    # The kills did land inside saves, not only between them, and most runs saved something.
    assert killed_mid_save > 0
    assert len(saved) > CLI_KILLS // 2

    # Real processes too, killed at any moment of their short life, start-up included.
    for run in range(CLI_KILLS, CLI_KILLS + PROCESS_KILLS):
        name = f"Contact {run:04d}-0000 Example"
        command = subprocess.Popen(
            [sys.executable, "-m", "interview_tui", "--db", str(db), "add", name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0, 0.4))
        command.send_signal(signal.SIGKILL)
        out, err = command.communicate(timeout=30)
        where = f"seed {seed} process run {run}"
        assert command.returncode in (0, -signal.SIGKILL), f"{where}: {err.decode(errors='replace')}"
        if command.returncode == 0:
            assert err == b""
        saved.update(_reported(out.decode()))
        _check_after_kill(db, saved, where)

    with Store.open(db) as store:
        assert {c.name for c in store.contacts()} >= saved
    assert not [p.name for p in db.parent.iterdir() if temp_file_pattern(db).fullmatch(p.name)]
