"""Where the app's memory goes on a large workspace, step by step, and who holds it.

    python benchmarks/memory_probe.py [PATH]          # both runs below, then a table (default: ws-50k)
    python benchmarks/memory_probe.py PATH --rss      # one run: resident memory only, JSON
    python benchmarks/memory_probe.py PATH --trace    # one run: tracemalloc by owner, JSON

The workspace at PATH is copied into a directory of its own first (the benchmark workspaces are
never written to). The app is started as the ``interview-tui`` command starts it (``cli.main``
with ``--db``, so with the command's read-ahead and garbage-collector settings), with its ``run``
swapped for ``run_test`` at 120x36, as session_probe.py does; ``Store.open`` is wrapped to note
the memory the moment the workspace is open. Then, as a person would:

1. ``store_opened``: ``Store.open`` returned (before any widget is made);
2. ``first_frame``: the main screen drawn and idle;
3. ``search``: ctrl+f, the index made, "hiring mentor" typed and its results drawn; then esc;
4. ``dashboard``: ``D``, its figures worked out and drawn; then esc;
5. ``answers``: ``A``, the answers side by side drawn (the first answered question's); then esc;
6. ``closed``: back on the main screen, after a full collection (what the session left held).

Two runs, each in a fresh process, because tracing every allocation costs memory of its own:

- ``--rss``: the process's resident memory (VmRSS) and its peak so far (VmHWM) at each step,
  nothing else added. These are the figures the issue's target is about (peak at most 2.5x the
  file's size).
- ``--trace``: ``tracemalloc`` from the first import, 8 frames deep (slow: about ten minutes at 50k): at each step the memory
  traced now, the step's own peak, and what is held after a full collection, by owner (the
  file of the project that allocated it; the allocations of a small helper such as
  ``core/text.py``'s ``fold`` count for whoever called it; Textual's and Rich's own are
  "textual/rich"), plus the largest lines. At ``store_opened`` it also says what the storage
  holds (``storage_holdings``): the file's bytes kept, the tables kept as text, the records.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT = HERE / ".work" / "ws-50k" / "interviews.json"
SIZE = (120, 36)
QUERY = "hiring mentor"
FRAMES = 8
TIMEOUT = 120.0
MIB = 1024 * 1024

OWNERS: dict[str, str] = {
    # by path inside the package; the first prefix that matches
    "core/store.py": "integrator",
    "core/storage.py": "integrator",
    "core/typed_read.py": "integrator",
    "core/table_text.py": "integrator",
    "core/models.py": "integrator",
    "tui/app.py": "integrator",
    "tui/screens/main.py": "integrator",
    "tui/widgets/followups.py": "integrator",
    "core/search.py": "memory",
    "tui/screens/search.py": "memory",
    "tui/screens/dashboard.py": "memory",
    "tui/screens/answers.py": "memory",
    "core/insight/": "memory",
    "cli": "due",
    "launch.py": "due",
    "config.py": "due",
    "prefs.py": "due",
    "core/dates.py": "due",
    "core/queue.py": "due",
    "core/keep_in_touch.py": "due",
    "core/validate.py": "due",
    "core/workflow/": "due",
    "tui/form_cache.py": "first form",
}

PASS_THROUGH = ("core/text.py", "core/contact_query.py")
"""Small helpers whose allocations count for their caller: ``fold`` makes the search index's
folded texts, ``search_key`` the filter's keys."""


def owner_of(module: str) -> str:
    if not module.startswith("interview_tui/"):
        return module
    inner = module[len("interview_tui/") :]
    for prefix, owner in OWNERS.items():
        if inner.startswith(prefix):
            return owner
    return "others (unowned)"


# In the probe's own process -----------------------------------------------------------------------


def status_mib() -> dict[str, float]:
    """VmRSS (now) and VmHWM (the peak so far) of this process, MiB."""
    found: dict[str, float] = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                found[line.split(":")[0]] = int(line.split()[1]) / 1024
    return {"rss": found["VmRSS"], "peak_rss": found["VmHWM"]}


def _module(filename: str) -> str:
    """``interview_tui/core/search.py``, ``textual/...``, or ``python`` for the rest."""
    path = filename.replace(os.sep, "/")
    if "/interview_tui/" in path:
        return "interview_tui/" + path.rsplit("/interview_tui/", 1)[1]
    for library in ("textual", "rich", "msgspec", "orjson", "tinydb", "dateutil", "markdown_it", "platformdirs"):
        if f"/{library}/" in path:
            return library
    if "/benchmarks/" in path:
        return "probe"
    return "python"


def attribute(frames: Any) -> str:
    """The module an allocation counts for: its innermost frame's, if that is the project's (a
    pass-through helper counting for its caller) or a library's; an allocation in Python's own
    library counts for the innermost frame that is not."""
    modules = [_module(frame.filename) for frame in reversed(frames)]  # innermost first
    first = modules[0]
    if first in ("textual", "rich"):
        return "textual/rich"
    for module in modules:
        if module == "python":
            continue
        if module.startswith("interview_tui/") and module.endswith(PASS_THROUGH):
            continue
        return "textual/rich" if module in ("textual", "rich") else module
    return "python"


class Steps:
    def __init__(self, tracing: bool) -> None:
        self.tracing = tracing
        self.steps: list[dict[str, Any]] = []
        self.began = time.perf_counter()

    def note(self, name: str, extra: dict[str, Any] | None = None) -> None:
        step: dict[str, Any] = {"step": name, "seconds": round(time.perf_counter() - self.began, 2), **status_mib()}
        if self.tracing:
            current, peak = tracemalloc.get_traced_memory()
            step["traced"] = current / MIB
            step["traced_step_peak"] = peak / MIB
            # What is held, not what is garbage waiting for the collector.
            gc.collect()
            snapshot = tracemalloc.take_snapshot()
            tracemalloc.reset_peak()
            by_module: dict[str, float] = defaultdict(float)
            by_line: dict[str, float] = defaultdict(float)
            for stat in snapshot.statistics("traceback"):
                module = attribute(stat.traceback)
                by_module[module] += stat.size / MIB
                frame = stat.traceback[-1]  # the innermost (a traceback is oldest first)
                by_line[f"{module} <- {_module(frame.filename)}:{frame.lineno}"] += stat.size / MIB
            by_owner: dict[str, float] = defaultdict(float)
            for module, size in by_module.items():
                by_owner[owner_of(module)] += size
            step["held"] = sum(by_module.values())
            step["held_by_owner"] = _rounded(by_owner, 0.05)
            step["held_by_module"] = _rounded(by_module, 0.2)
            step["top_lines"] = _rounded(dict(sorted(by_line.items(), key=lambda kv: -kv[1])[:25]), 0.0)
        if extra:
            step.update(extra)
        self.steps.append(step)
        print(f"[memory_probe] {name}: rss {step['rss']:.0f} MiB, peak {step['peak_rss']:.0f} MiB", file=sys.stderr)


def _rounded(values: dict[str, float], floor: float) -> dict[str, float]:
    return {k: round(v, 2) for k, v in sorted(values.items(), key=lambda kv: -kv[1]) if v >= floor}


def storage_holdings(store: Any) -> dict[str, Any]:
    """What the storage keeps besides the records, at opening, MiB (read through its private
    attributes: it is the integrator's, and this is only looked at)."""
    from interview_tui.core.table_text import RecordTexts, Unparsed

    storage = store.storage
    out: dict[str, Any] = {}
    seen = getattr(storage, "_seen_bytes", None)
    if isinstance(seen, bytes | bytearray):
        out["_seen_bytes (the file as read)"] = len(seen) / MIB
    elif seen is not None:
        out["_seen_bytes (the file as written, pieces)"] = sum(len(p) for p in seen) / MIB
    data = getattr(storage, "_data", None) or {}
    unparsed = {name: len(t.raw) / MIB for name, t in data.items() if type(t) is Unparsed}
    texts = {name: len(t) for name, t in data.items() if type(t) is RecordTexts}
    out["tables kept as text (Unparsed, views of the file's bytes)"] = _rounded(unparsed, 0.0)
    out["tables split per record (RecordTexts), records"] = texts
    encoded = getattr(storage, "_encoded_tables", {}) or {}
    out["_encoded_tables"] = sum(len(v) for v in encoded.values()) / MIB
    mirror = getattr(storage, "_mirror", None)
    if mirror is not None:
        out["_mirror tables (raw, docs)"] = [sorted(mirror.raw), sorted(mirror.docs)]
    return out


async def drive(app: Any, store: Any, steps: Steps) -> None:
    from interview_tui.tui.screens.answers import AnswerLines, AnswersScreen
    from interview_tui.tui.screens.dashboard import DashboardScreen
    from interview_tui.tui.screens.search import SearchScreen

    async def until(condition: Any, what: str) -> None:
        deadline = time.perf_counter() + TIMEOUT
        while not condition():
            if time.perf_counter() > deadline:
                raise SystemExit(f"memory_probe: timed out waiting for {what}")
            await asyncio.sleep(0.005)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        await until(lambda: app.screen is main, "the main screen")
        await pilot.pause()
        steps.note("first_frame")

        await pilot.press("ctrl+f")
        await until(lambda: isinstance(app.screen, SearchScreen) and app.screen.index is not None, "the search index")
        search = app.screen
        for key in QUERY:
            await pilot.press("space" if key == " " else key)
        await until(lambda: search.query_input.value == QUERY and bool(search.results.rows), "the search results")
        await pilot.pause()
        steps.note("search", {"found": search.result.total, "indexed": len(search.index)})
        await pilot.press("escape")
        await until(lambda: app.screen is main, "the search closed")
        search = None  # the probe holds no closed screen

        await pilot.press("D")
        await until(lambda: isinstance(app.screen, DashboardScreen) and app.screen.figures is not None, "the dashboard")
        await pilot.pause()
        steps.note("dashboard", {"overdue": len(app.screen.figures.overdue)})
        await pilot.press("escape")
        await until(lambda: app.screen is main, "the dashboard closed")

        await pilot.press("A")
        await until(lambda: isinstance(app.screen, AnswersScreen), "the answers")
        await pilot.pause()
        answers = app.screen
        # The generated workspaces' conversations have notes, not answers: then the counts (one
        # pass over every conversation) are what the screen builds.
        steps.note("answers", {"answered": sum(answers.counts.values()), "answer_lines": len(answers.query_one(AnswerLines).rows)})
        answers = None
        await pilot.press("escape")
        await until(lambda: app.screen is main, "the answers closed")
        await pilot.pause()
        gc.collect()
        steps.note("closed")


def run_once(path: Path, tracing: bool) -> dict[str, Any]:
    if tracing:
        tracemalloc.start(FRAMES)
    steps = Steps(tracing)
    sys.path.insert(0, str(ROOT))
    steps.note("start")
    from interview_tui import cli
    from interview_tui.core import store as store_module
    from interview_tui.tui import app as app_module

    real_open = store_module.Store.open.__func__

    def noted_open(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        store = real_open(cls, *args, **kwargs)
        steps.note("store_opened", {"storage": storage_holdings(store), "contacts": store.contact_count()})
        return store

    store_module.Store.open = classmethod(noted_open)  # type: ignore[method-assign,assignment]
    real_make_app = app_module.make_app

    def bench_make_app(store, **options):  # type: ignore[no-untyped-def]
        options["cursor_blink"] = False
        app = real_make_app(store, **options)

        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            asyncio.run(drive(self, store, steps))

        app.__class__ = type("MemoryProbeApp", (type(app),), {"run": run})
        return app

    app_module.make_app = bench_make_app
    cli._on_a_terminal = lambda: True  # run under run_test: no terminal needed
    status = cli.main(["--db", str(path)])
    if status != 0:
        raise SystemExit(f"the app did not run (exit status {status})")
    return {"file_mib": path.stat().st_size / MIB, "tracing": tracing, "steps": steps.steps}


def probe_in_a_copy(source: Path, tracing: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="memory-probe-") as directory:
        path = Path(directory) / "interviews.json"
        shutil.copyfile(source, path)
        return run_once(path, tracing)


# Both runs, and the table ---------------------------------------------------------------------------


def child(source: Path, mode: str) -> dict[str, Any]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed program is
    out = subprocess.run(
        [sys.executable, __file__, str(source), mode], capture_output=True, text=True, env=env, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"memory_probe {mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


def report(rss: dict[str, Any], trace: dict[str, Any]) -> str:
    file_mib = rss["file_mib"]
    lines = [
        f"Workspace file: {file_mib:.1f} MiB; target peak {2.5 * file_mib:.0f} MiB (2.5x).",
        "",
        "| Step | RSS now | Peak RSS so far | Peak / file | Traced now | Traced, step's peak | Held (after a collection) |",
        "|---|---|---|---|---|---|---|",
    ]
    traced = {s["step"]: s for s in trace["steps"]}
    for step in rss["steps"]:
        t = traced.get(step["step"], {})
        lines.append(
            f"| {step['step']} | {step['rss']:.0f} | {step['peak_rss']:.0f} | {step['peak_rss'] / file_mib:.2f}x | "
            f"{t.get('traced', 0):.0f} | {t.get('traced_step_peak', 0):.0f} | {t.get('held', 0):.0f} |"
        )
    owners = sorted({o for s in trace["steps"] for o in s.get("held_by_owner", {})})
    lines += ["", "Held by owner, MiB (tracemalloc, after a full collection):", ""]
    lines.append("| Owner | " + " | ".join(s["step"] for s in trace["steps"]) + " |")
    lines.append("|---|" + "---|" * len(trace["steps"]))
    for owner in sorted(owners, key=lambda o: -trace["steps"][-2].get("held_by_owner", {}).get(o, 0)):
        cells = [f"{s.get('held_by_owner', {}).get(owner, 0):.1f}" for s in trace["steps"]]
        lines.append(f"| {owner} | " + " | ".join(cells) + " |")
    for step in trace["steps"]:
        if step["step"] in ("store_opened", "search", "dashboard", "answers", "closed"):
            lines += ["", f"{step['step']}: held by module, MiB: " + json.dumps(step.get("held_by_module", {}))]
            if "storage" in step:
                lines.append(f"{step['step']}: the storage holds: " + json.dumps(step["storage"]))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    source = Path(args[0]) if args else DEFAULT
    if not source.exists():
        raise SystemExit(f"{source} does not exist: python benchmarks/generate.py --contacts 50000 makes it")
    if "--rss" in argv or "--trace" in argv:
        sys.stdout.write(json.dumps(probe_in_a_copy(source, "--trace" in argv)) + "\n")
        sys.stdout.flush()
        os._exit(0)  # as the command ends: not freeing every record one by one
    rss = child(source, "--rss")
    trace = child(source, "--trace")
    results = HERE / ".work" / f"memory-{source.parent.name}.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps({"rss": rss, "trace": trace}, indent=1))
    print(report(rss, trace))
    print(f"\n(every figure: {results})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
