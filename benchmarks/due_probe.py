"""`interview-tui due`, the whole process, against `python -c "import json; json.load(open(f))"` on
the same file: wall time and peak memory, in rounds that alternate which of the two runs first.

    python benchmarks/due_probe.py PATH [ROUNDS [NAME]]    # prints one JSON object

The file is copied into benchmarks/.work/NAME/ (default "due") and measured there, so that two
people measuring at once can keep apart. The first run (the warm-up) makes the workspace's lock
file beside the copy, as any first opening does; `due` reads the file in one pass only where
the lock file is there already (see core/quick_read.py).

Ours is started as a shell profile starts it: the `interview-tui` script installed beside this
Python (or `python -m interview_tui` when there is none), with `--db PATH due`. The time runs from
just before the process is started until it has ended and been waited for, so interpreter start,
imports, reading the file and printing all count. Peak memory is each child's own maximum resident
set size, from `os.wait4` on that child: `getrusage(RUSAGE_CHILDREN)` would give the largest of
every child waited for so far, so the smaller process's figure would be hidden behind the larger.
Both are read by a small launcher process that starts the child (see LAUNCHER).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import WORK  # noqa: E402

BASELINE_CODE = "import json, sys; json.load(open(sys.argv[1]))"
"""`python -c "import json; json.load(open(f))"`, with the file given as an argument."""


def command_of_ours(path: Path) -> list[str]:
    script = Path(sys.executable).with_name("interview-tui")
    if script.exists():
        return [str(script), "--db", str(path), "due"]
    return [sys.executable, "-m", "interview_tui", "--db", str(path), "due"]


LAUNCHER = """
import json, os, shutil, sys, time
command = sys.argv[1:]
began = time.perf_counter()
pid = os.posix_spawn(shutil.which(command[0]) or command[0], command, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - began
sys.stderr.write("\\n" + json.dumps({"ms": elapsed * 1000, "maxrss_kib": usage.ru_maxrss,
    "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000, "status": os.waitstatus_to_exitcode(status)}) + "\\n")
"""
"""Starts the command, times it and reads its rusage. Linux keeps a process's peak memory across
exec, and a forked child starts from its parent's current size: a child of run.py (hundreds of MB
by then) would report at least that. This small interpreter (-I -S) is the parent instead."""


def run_once(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """One process, waited for with wait4 by a small launcher: wall ms, its own peak memory
    (KiB), CPU, lines printed."""
    done = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, *command], capture_output=True, env=env)
    lines = done.stderr.decode(errors="replace").rstrip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, ValueError):
        raise SystemExit(f"{command} could not be measured:\n{done.stderr.decode(errors='replace')[-2000:]}") from None
    if done.returncode != 0 or result["status"] != 0:
        raise SystemExit(f"{command} failed ({result['status']}):\n{chr(10).join(lines[-20:])}")
    result["lines"] = done.stdout.count(b"\n")
    return result


def bench(source: Path, rounds: int, env: dict[str, str], name: str = "due") -> dict[str, Any]:
    directory = WORK / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    path = directory / source.name
    shutil.copyfile(source, path)
    kinds = {"ours": command_of_ours(path), "json": [sys.executable, "-c", BASELINE_CODE, str(path)]}
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for command in kinds.values():  # warm-up: bytecode caches and the page cache
        run_once(command, env)
    order = list(kinds)
    for i in range(rounds):
        for kind in order if i % 2 == 0 else order[::-1]:
            runs[kind].append(run_once(kinds[kind], env))

    def summary(kind: str) -> dict[str, Any]:
        rows = runs[kind]
        return {
            "ms": statistics.median(r["ms"] for r in rows),
            "all_ms": [r["ms"] for r in rows],
            "cpu_ms": statistics.median(r["cpu_ms"] for r in rows),
            "maxrss_mib": statistics.median(r["maxrss_kib"] for r in rows) / 1024,
            "lines": rows[0]["lines"],
        }

    ours, baseline = summary("ours"), summary("json")
    return {
        "ours": ours,
        "json": baseline,
        "rounds": rounds,
        "command": "interview-tui --db FILE due" if kinds["ours"][0] != sys.executable else "python -m interview_tui --db FILE due",
        "mb": path.stat().st_size / 1e6,
        # The headline: the ratio of the medians; the paired ratios say how steady it was.
        "ratio": ours["ms"] / baseline["ms"],
        "paired_ratio": statistics.median(o["ms"] / j["ms"] for o, j in zip(runs["ours"], runs["json"], strict=True)),
        "memory_ratio": ours["maxrss_mib"] / baseline["maxrss_mib"],
    }


if __name__ == "__main__":
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    name = sys.argv[3] if len(sys.argv) > 3 else "due"
    sys.stdout.write(json.dumps(bench(Path(sys.argv[1]), rounds, dict(os.environ), name)) + "\n")
