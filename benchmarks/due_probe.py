"""`interview-tui due`, the whole process, against `python -c "import json; json.load(open(f))"` on
the same file: wall time and peak memory, in rounds that alternate which of the two runs first.

    python benchmarks/due_probe.py PATH [ROUNDS]    # prints one JSON object

Ours is started as a shell profile starts it: the `interview-tui` script installed beside this
Python (or `python -m interview_tui` when there is none), with `--db PATH due`. The time runs from
just before the process is started until it has ended and been waited for, so interpreter start,
imports, reading the file and printing all count. Peak memory is each child's own maximum resident
set size, from `os.wait4` on that child: `getrusage(RUSAGE_CHILDREN)` would give the largest of
every child waited for so far, so the smaller process's figure would be hidden behind the larger.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
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


def run_once(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """One process, waited for with wait4: wall ms, its own peak memory (KiB), lines printed."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)  # so that Popen does not wait again
    process.stdout.close()  # type: ignore[union-attr]
    process.stderr.close()  # type: ignore[union-attr]
    if process.returncode != 0:
        raise SystemExit(f"{command} failed ({process.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return {
        "ms": elapsed * 1000,
        "maxrss_kib": usage.ru_maxrss,
        "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000,
        "lines": out.count(b"\n"),
    }


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
        "command": " ".join(Path(part).name if i == 0 else part for i, part in enumerate(kinds["ours"][:1] + ["--db", "FILE", "due"])),
        "mb": path.stat().st_size / 1e6,
        # The headline: the ratio of the medians; the paired ratios say how steady it was.
        "ratio": ours["ms"] / baseline["ms"],
        "paired_ratio": statistics.median(o["ms"] / j["ms"] for o, j in zip(runs["ours"], runs["json"], strict=True)),
        "memory_ratio": ours["maxrss_mib"] / baseline["maxrss_mib"],
    }


if __name__ == "__main__":
    sys.stdout.write(json.dumps(bench(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5, dict(os.environ))) + "\n")
