"""Benchmarks of interview-tui on a 10,000-contact workspace, each as a ratio to a baseline
measured in the same run (the machine may be noisy: medians of several repetitions).

    python benchmarks/run.py                 # everything; rewrites benchmarks/README.md
    python benchmarks/run.py --no-readme     # print only
    python benchmarks/run.py --before FILE   # compare with an earlier run's results.json

(a) one durable save: Store.update_contact against stock TinyDB JSONStorage's table.update
(b) start-up to the first interactive frame, in fresh processes, against a bare Textual app
(c) filtering the contact list per keystroke (filter handler to the visible lines drawn),
    against the same app on an empty workspace; end to end (key to frame) for context
(d) searching everything per keystroke (search_probe.py), against the same app on an empty
    workspace

The workspace is generated once (benchmarks/generate.py) into benchmarks/.work/ and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import import_probe  # noqa: E402
import search_probe  # noqa: E402
from generate import NOW, WORK  # noqa: E402

SAVE_REPS = 15
SAVE_WARMUP = 3
STARTUP_REPS = 15
KEY_ROUNDS = 5
CONTACT_ID = 4242
BEFORE_DEFAULT = HERE / "results-before.json"
"""The run the README's *Before and after* table compares with (see its machine.commit)."""

TARGET_SAVE_SPEEDUP = 8.0
TARGET_STARTUP_RATIO = 2.0
TARGET_KEY_MS = 16.0


# Statistics -----------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    rank = max(1, -(-95 * len(ordered) // 100))
    return ordered[rank - 1]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fresh_copy(source: Path, name: str) -> Path:
    directory = WORK / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    target = directory / source.name
    shutil.copyfile(source, target)
    # Write the copy out now, so that its dirty pages do not slow down the writes being timed.
    os.sync()
    return target


# (a) One durable save ------------------------------------------------------------------------


def bench_save(workspace: Path, reps: int) -> dict[str, Any]:
    from tinydb import TinyDB

    from interview_tui.core.storage import encode
    from interview_tui.core.store import Store

    ours_path = fresh_copy(workspace, "save-ours")
    stock_path = fresh_copy(workspace, "save-stock")
    store = Store.open(ours_path, clock=lambda: NOW)
    contact = store.contact(CONTACT_ID)
    stock = TinyDB(stock_path)  # stock JSONStorage: re-reads and re-parses the file per operation
    table = stock.table("contacts")

    def ours(i: int) -> float:
        contact.company = f"Benchmark Company {i}"
        writes = store.storage.writes
        t = time.perf_counter()
        store.update_contact(contact)
        elapsed = time.perf_counter() - t
        assert store.storage.writes == writes + 1, "one update should be exactly one durable write"
        return elapsed

    def theirs(i: int) -> float:
        t = time.perf_counter()
        updated = table.update({"company": f"Benchmark Company {i}"}, doc_ids=[CONTACT_ID])
        elapsed = time.perf_counter() - t
        assert updated == [CONTACT_ID]
        return elapsed

    # Warm-up. On this VM the first two or three writes of an 18 MB file into a *new* file cost
    # 30-40 ms more than later ones (fresh memory pages; a bare os.write shows the same), which
    # only our side pays, as stock TinyDB rewrites its file in place.
    warmup = {"ours": [ours(-1 - i) * 1000 for i in range(SAVE_WARMUP)]}
    warmup["stock"] = [theirs(-1 - i) * 1000 for i in range(SAVE_WARMUP)]
    ours_times: list[float] = []
    stock_times: list[float] = []
    for i in range(reps):
        if i % 2:
            stock_times.append(theirs(i))
            ours_times.append(ours(i))
        else:
            ours_times.append(ours(i))
            stock_times.append(theirs(i))
    data = store.storage.read() or {}
    encode_times = []
    for _ in range(3):
        t = time.perf_counter()
        encode(data)
        encode_times.append(time.perf_counter() - t)
    sizes = {"ours_mb": ours_path.stat().st_size / 1e6, "stock_mb": stock_path.stat().st_size / 1e6}
    store.close()
    stock.close()
    with TinyDB(stock_path) as check:  # the stock file really holds the change
        assert check.table("contacts").get(doc_id=CONTACT_ID)["company"].startswith("Benchmark Company")
    ours_ms = median(ours_times) * 1000
    stock_ms = median(stock_times) * 1000
    return {
        "ours_ms": ours_ms,
        "stock_ms": stock_ms,
        "ours_all_ms": [t * 1000 for t in ours_times],
        "stock_all_ms": [t * 1000 for t in stock_times],
        # Each pair ran back to back, so the median of the pairs' ratios resists the machine
        # getting busier or quieter during the run better than a ratio of medians does.
        "speedup": median([theirs_t / ours_t for ours_t, theirs_t in zip(ours_times, stock_times, strict=True)]),
        "ratio_of_medians": stock_ms / ours_ms,
        "warmup_ms": warmup,
        "reps": reps,
        "encode_ms": median(encode_times) * 1000,
        **sizes,
        "met": median([t / o for o, t in zip(ours_times, stock_times, strict=True)]) >= TARGET_SAVE_SPEEDUP,
    }


# (b) Start-up --------------------------------------------------------------------------------


def probe_env() -> dict[str, str]:
    """The environment of the probes: no Textual settings (devtools, FPS) from the caller's shell;
    imports read cached bytecode, as an installed package's would, from a cache kept under .work/
    so that nothing is written next to the sources (the first run fills it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    return env


def probe_startup(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(HERE / "startup_probe.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"start-up probe {args} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["ms"] = {name: (moment - started) * 1000 for name, moment in result.pop("marks").items()}
    return result


def bench_startup(workspace: Path, reps: int) -> dict[str, Any]:
    path = fresh_copy(workspace, "startup")
    env = probe_env()
    kinds: dict[str, list[str]] = {"ours": ["ours", str(path)], "bare": ["bare"]}
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for args in kinds.values():  # warm-up: bytecode caches and the page cache
        probe_startup(args, env)
    order = list(kinds)
    for i in range(reps):
        for kind in order if i % 2 == 0 else reversed(order):
            runs[kind].append(probe_startup(kinds[kind], env))

    def summary(kind: str) -> dict[str, Any]:
        rows = runs[kind]
        phases = sorted({name for row in rows for name in row["ms"]}, key=lambda n: median([r["ms"].get(n, 0) for r in rows]))
        return {
            "interactive_ms": median([r["ms"]["interactive"] for r in rows]),
            "interactive_all_ms": [r["ms"]["interactive"] for r in rows],
            "phases_ms": {name: median([r["ms"][name] for r in rows if name in r["ms"]]) for name in phases},
            "gc_ms": median([r["gc_ms"] for r in rows]),
            "gc_full": median([r["gc_full"] for r in rows]),
            "gc_full_ms": median([r["gc_full_ms"] for r in rows]),
            "contacts_shown": rows[0].get("contacts_shown"),
        }

    result: dict[str, Any] = {kind: summary(kind) for kind in kinds}
    # Median over the repetitions of ours / bare, each pair run back to back.
    result["ratio"] = median([
        o["ms"]["interactive"] / b["ms"]["interactive"] for o, b in zip(runs["ours"], runs["bare"], strict=True)
    ])
    result["reps"] = reps
    result["ratio_of_medians"] = result["ours"]["interactive_ms"] / result["bare"]["interactive_ms"]
    result["met"] = result["ratio"] <= TARGET_STARTUP_RATIO
    return result


# (c) Filtering per keystroke -----------------------------------------------------------------


def stats(values: list[float]) -> dict[str, float]:
    return {"median": median(values), "p95": p95(values), "max": max(values)}


def probe_keys(args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "keys_probe.py"), *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env=probe_env(),
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"keystroke probe {args} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    summary: dict[str, Any] = {"contacts": result["contacts"], "query": result["query"]}
    # Pass 1: end to end, for context.
    samples = [s for s in result["samples"] if not s["warmup"]]
    summary["n"] = len(samples)
    for metric in ("list_ms", "echo_ms", "settled_ms", "cpu_ms", "pilot_ms", "handler_ms", "handler_done_ms"):
        values = [s[metric] for s in samples if metric in s]
        if values:
            summary[metric] = stats(values)
    summary["gc_full"] = sum(s["gc_full"] for s in samples)
    summary["gc_full_ms_max"] = max(s["gc_full_ms"] for s in samples)
    summary["list_frame_missing"] = sum(not s["list_frame_found"] for s in samples)
    summary["shown_after_query"] = [s["shown"] for s in samples if s["key"] == "1"][:1]
    # Pass 2: the measurement (apps with a contact list only).
    judged = [s for s in result.get("filter_samples", []) if not s["warmup"]]
    if judged:
        summary["filter_n"] = len(judged)
        for metric in ("filter_ms", "filter_cpu_ms", "filter_handler_ms", "filter_draw_ms"):
            summary[metric] = stats([s[metric] for s in judged])
        summary["lines_drawn"] = judged[0]["lines_drawn"]
        summary["filter_gc_full"] = sum(s["gc_full"] for s in judged)
        summary["filter_gc_full_ms_max"] = max(s["gc_full_ms"] for s in judged)
    summary["frozen_objects"] = result.get("frozen_objects")
    return summary


def bench_keys(workspace: Path, rounds: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ours": probe_keys([str(workspace), str(rounds)]),
        "empty": probe_keys(["--empty", str(rounds)]),
        "minimal": probe_keys(["--minimal", str(rounds)]),
    }
    ours = result["ours"]["filter_ms"]
    result["rounds"] = rounds
    result["ratio"] = ours["median"] / result["empty"]["filter_ms"]["median"]
    result["end_to_end_ratio"] = result["ours"]["list_ms"]["median"] / result["empty"]["list_ms"]["median"]
    result["met"] = ours["median"] < TARGET_KEY_MS and ours["p95"] < TARGET_KEY_MS
    return result


# Where the time goes --------------------------------------------------------------------------


def bench_breakdown(workspace: Path) -> dict[str, float]:
    path = fresh_copy(workspace, "breakdown")
    done = subprocess.run(
        [sys.executable, str(HERE / "breakdown_probe.py"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=probe_env(),
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"breakdown probe failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Report --------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    import textual
    import tinydb

    dirty = git("status", "--porcelain", "--", "interview_tui")
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "python": sys.version.replace("\n", " "),
        "python_vv": subprocess.run([sys.executable, "-VV"], capture_output=True, text=True).stdout.strip(),
        "platform": platform.platform(),
        "cores": str(os.cpu_count()),
        "cpu": model,
        "textual": textual.__version__,
        "tinydb": tinydb.__version__,
        "commit": git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in interview_tui/" if dirty else ""),
    }


def yes(met: bool) -> str:
    return "**met**" if met else "**not met**"


def fmt(stat: dict[str, float] | None) -> str:
    return "-" if stat is None else f"{stat['median']:.1f} / {stat['p95']:.1f} / {stat['max']:.1f}"


def before_after(results: dict[str, Any], before: dict[str, Any] | None) -> list[str]:
    """A table of the three judged figures, before and after, when a previous results file is given."""
    if not before:
        return []
    s, b, k = results["save"], results["startup"], results["keys"]
    bs, bb, bk = before["save"], before["startup"], before["keys"]
    bm = before["machine"]

    def judged_c(keys: dict[str, Any], field: str) -> str:
        stat = keys["ours"].get("filter_ms")
        return "not measured" if stat is None else f"{stat[field]:.1f} ms"

    lines = [
        f"### Before and after (before: {bm['date']}, code at {bm['commit']})",
        "",
        "| Figure | Before | After | Target |",
        "|---|---|---|---|",
        f"| (a) save, ours against stock TinyDB | {bs['ours_ms']:.1f} ms against {bs['stock_ms']:.1f} ms: "
        f"{bs['speedup']:.1f}x | {s['ours_ms']:.1f} ms against {s['stock_ms']:.1f} ms: {s['speedup']:.1f}x | "
        f"at least {TARGET_SAVE_SPEEDUP:.0f}x |",
        f"| (b) start-up, ours against the bare app | {bb['ours']['interactive_ms']:.0f} ms against "
        f"{bb['bare']['interactive_ms']:.0f} ms: {bb['ratio']:.2f}x | {b['ours']['interactive_ms']:.0f} ms "
        f"against {b['bare']['interactive_ms']:.0f} ms: {b['ratio']:.2f}x | at most {TARGET_STARTUP_RATIO:.0f}x |",
        f"| (c) filtering per keystroke, median | {judged_c(bk, 'median')} | {judged_c(k, 'median')} | "
        f"under {TARGET_KEY_MS:.0f} ms |",
        f"| (c) same, p95 | {judged_c(bk, 'p95')} | {judged_c(k, 'p95')} | under {TARGET_KEY_MS:.0f} ms |",
        f"| (c) end to end, key to the list on screen, median / p95 (context) | "
        f"{bk['ours']['list_ms']['median']:.1f} / {bk['ours']['list_ms']['p95']:.1f} ms | "
        f"{k['ours']['list_ms']['median']:.1f} / {k['ours']['list_ms']['p95']:.1f} ms | - |",
        "",
    ]
    note = before.get("note")
    if note:
        lines += [note, ""]
    return lines


def render(results: dict[str, Any], before: dict[str, Any] | None = None) -> str:
    m = results["machine"]
    s = results["save"]
    b = results["startup"]
    k = results["keys"]
    ws = results["workspace"]
    ours_k, empty_k, minimal_k = k["ours"], k["empty"], k["minimal"]
    phases = b["ours"]["phases_ms"]
    fk, fe = ours_k["filter_ms"], empty_k["filter_ms"]
    lines = [
        "# Benchmarks",
        "",
        "Reproducible performance measurements of interview-tui on a large workspace. Not part of the",
        "test suite. Each figure is a ratio to a baseline measured in the same run, because the",
        "machines this runs on are noisy; every number is a median of several repetitions.",
        "",
        "## How to run",
        "",
        "```",
        "python benchmarks/run.py               # a few minutes; rewrites this README",
        "python benchmarks/run.py --no-readme   # print the results only",
        "python benchmarks/run.py --quick       # fewer repetitions, prints only: to check the script",
        "python benchmarks/run.py --before FILE # compare with an earlier run's results.json",
        "```",
        "",
        "The first run generates the workspace (`benchmarks/generate.py`, about a second) into",
        "`benchmarks/.work/`, which is git-ignored; later runs reuse it. Each run leaves its figures in",
        "`benchmarks/.work/results.json`. By default the table *Before and after* compares with",
        f"`{BEFORE_DEFAULT.relative_to(ROOT)}`, the run made before the changes it describes.",
        "",
        "- `generate.py`: 10,000 contacts, 5,000 interviews with about 1 KB of notes each and 20,000",
        "  follow-ups, seeded random, placeholder names (\"Contact 00042 Example\"), written through",
        "  `Store` inside one `store.batch()`: one write of the file.",
        "- `startup_probe.py`: starts one app headless in a fresh process (ours through the function",
        "  the `interview-tui` command runs, with `--db PATH`) and reports when its first interactive",
        "  frame is up.",
        "- `keys_probe.py`: types into the contact filter of the real app (started through `cli.main`,",
        "  run under `run_test`) and times every keystroke.",
        "- `search_probe.py`: types into the search (ctrl+f) of the real app, started the same way,",
        "  and times every keystroke.",
        "- `breakdown_probe.py`: where the time of loading and changing the workspace goes.",
        "",
        f"## Results ({m['date']})",
        "",
        f"- Machine: {m['cores']} cores ({m['cpu']}), {m['platform']}; shared and noisy.",
        f"- `python -VV`: {m['python_vv']}",
        f"- Textual {m['textual']}, TinyDB {m['tinydb']}; code at commit {m['commit']}.",
        f"- Workspace: {ws['contacts']:,} contacts, {ws['interviews']:,} interviews, "
        f"{ws['followups']:,} follow-ups; {ws['mb']:.1f} MB of JSON.",
        "",
        "| Measurement | Ours | Baseline | Ratio | Target | Result |",
        "|---|---|---|---|---|---|",
        f"| (a) one durable save of one contact | {s['ours_ms']:.1f} ms | {s['stock_ms']:.1f} ms (stock "
        f"TinyDB JSONStorage) | {s['speedup']:.1f}x faster | at least {TARGET_SAVE_SPEEDUP:.0f}x faster | "
        f"{yes(s['met'])} |",
        f"| (b) start-up to the first interactive frame | {b['ours']['interactive_ms']:.0f} ms | "
        f"{b['bare']['interactive_ms']:.0f} ms (bare Textual app) | {b['ratio']:.2f}x | at most "
        f"{TARGET_STARTUP_RATIO:.0f}x | {yes(b['met'])} |",
        f"| (c) filtering the contact list per keystroke, median | {fk['median']:.1f} ms | "
        f"{fe['median']:.1f} ms (same app, empty workspace) | {k['ratio']:.2f}x | "
        f"under {TARGET_KEY_MS:.0f} ms | {yes(k['met'])} |",
        f"| (c) same, p95 | {fk['p95']:.1f} ms | {fe['p95']:.1f} ms | "
        f"{fk['p95'] / fe['p95']:.2f}x | under {TARGET_KEY_MS:.0f} ms | |",
        *search_probe.table_rows(results),
        *import_probe.table_rows(results),
        "",
        *before_after(results, before),
        "### (a) One durable save",
        "",
        f"`Store.update_contact` on contact {CONTACT_ID} of an open 10k workspace (our `DurableStorage`:",
        "data in memory, the tables changed since the last save encoded again with orjson, the file",
        "written in pieces to a temporary file, fsynced, renamed over the old one, directory fsynced,",
        "backup hard link), against stock TinyDB on a copy",
        "of the same file: `TinyDB(path).table(\"contacts\").update({...}, doc_ids=[id])`, which re-reads",
        "and re-parses the whole file with `json`, re-encodes it, writes it in place and fsyncs.",
        f"{SAVE_WARMUP} warm-up saves each, then {s['reps']} pairs run back to back; the ratio is the",
        f"median of the pairs' ratios (the ratio of the medians is {s['ratio_of_medians']:.1f}x).",
        "",
        f"- Ours: median {s['ours_ms']:.1f} ms (all: {', '.join(f'{x:.0f}' for x in s['ours_all_ms'])}).",
        f"- Stock: median {s['stock_ms']:.1f} ms (all: {', '.join(f'{x:.0f}' for x in s['stock_all_ms'])}).",
        f"- Warm-up saves, not counted: ours {', '.join(f'{x:.0f}' for x in s['warmup_ms']['ours'])} ms; "
        f"stock {', '.join(f'{x:.0f}' for x in s['warmup_ms']['stock'])} ms. On this VM the first writes",
        "  of 18 MB into a new file are slow (a bare `os.write` of the same bytes shows it too); ours",
        "  writes a new file every time (that is what makes it atomic), stock overwrites its file in place.",
        f"- Files: ours {s['ours_mb']:.1f} MB (sorted, indented, so it diffs under git); stock rewrites it",
        f"  compact, {s['stock_mb']:.1f} MB, so the stock side writes fewer bytes than we do.",
        f"- Of our save, encoding the document is about {s['encode_ms']:.0f} ms and the in-memory change "
        f"{results['breakdown'].get('update_contact_in_batch', float('nan')):.2f} ms; the rest is writing,",
        "  fsyncing and renaming an 18 MB file, which varies with the disk.",
        "- This ratio moves with the machine's state more than the others: our save is mostly writing",
        "  and fsyncing a new 18 MB file, stock's mostly CPU (`json` parsing and encoding), so disk or",
        "  memory pressure from other work slows ours more. Run it on a quiet machine before concluding.",
        "",
        "### (b) Start-up",
        "",
        "Both apps run in fresh processes (`python benchmarks/startup_probe.py ...`), headless with",
        "`App.run(headless=True, size=(120, 36))`; the time runs from just before the process is",
        "started (so interpreter start and imports count) until the first frame a person can work with:",
        "Textual's `Ready` event (first frame displayed), then frame by frame until the contact list",
        "holds every contact and the notes pane shows the highlighted one. Ours is started as a person",
        "starts it: `interview_tui.launch.main()` (what the `interview-tui` command runs) with `--db",
        "PATH`, so all the program does before its first frame counts (imports, the collector settings,",
        "reading the file on a second thread, opening the store); the probe only wraps `Store.open` to",
        "note when it returns and gives the app a subclass that runs headless and handles `Ready`, each",
        "as its module is imported. The bare app has a `Header` and a",
        f"`Footer`. One warm-up run each, then {b['reps']} rounds run back to back; the",
        f"ratio is the median of the rounds' ratios (the ratio of the medians is {b['ratio_of_medians']:.2f}x).",
        "Imports read cached bytecode (kept in `benchmarks/.work/pycache`), as an installed package would.",
        "",
        "| Phase, median ms from process start | Ours | Bare app |",
        "|---|---|---|",
    ]
    labels = {
        "start": "interpreter up, probe starts",
        "imported": "imports done (ours: `interview_tui.cli`, the app, Textual)",
        "store_opened": "`Store.open` returned: file read, parsed, every record decoded",
        "first_frame": "first frame displayed (`Ready`)",
        "interactive": "interactive (list filled, notes shown)",
    }
    bare_phases = b["bare"]["phases_ms"]
    for name, value in phases.items():
        other = bare_phases.get(name)
        lines.append(f"| {labels.get(name, name)} | {value:.0f} | {'-' if other is None else f'{other:.0f}'} |")
    lines += [
        "",
        f"Every run, interactive at (ms): ours {', '.join(f'{x:.0f}' for x in b['ours']['interactive_all_ms'])}; "
        f"bare {', '.join(f'{x:.0f}' for x in b['bare']['interactive_all_ms'])}.",
        f"Garbage collection during our start-up: {b['ours']['gc_ms']:.0f} ms in all, of which "
        f"{b['ours']['gc_full']:.0f} full collections took {b['ours']['gc_full_ms']:.0f} ms "
        f"(bare app: {b['bare']['gc_ms']:.0f} ms).",
        "",
        "### (c) Filtering the contact list per keystroke",
        "",
        "The app is started through `cli.main` (so with the CLI's garbage collector settings: off while",
        "loading, then `gc.freeze()`) and run under `app.run_test(size=(120, 36))`. The filter box is",
        f"focused with `/`, then \"{ours_k['query']}\" is typed character by character and erased with "
        f"{len(ours_k['query'])} backspaces, each keystroke `await pilot.press(key); await pilot.pause()`;",
        f"one warm-up round, then {k['rounds']} measured rounds ({ours_k['filter_n']} keystrokes), twice over.",
        "",
        "**The measurement** is the cost of filtering the contact list on a keystroke: from the start of",
        "the pane's filter handler (`ContactsPane._apply_filter`, all that its `Input.Changed` handler",
        "does) until the list holds the new rows and every visible line of it has been drawn (the probe",
        "asks the list for its visible lines, "
        f"{ours_k['lines_drawn']} of them, in the one `render_lines` call the compositor makes on the",
        "next frame). It leaves out Textual's scheduling, which no app can avoid: the echo frame of the",
        "filter box, the wait for the next tick of the screen's 60 Hz update timer, the pilot's sleeps.",
        "The baseline is the same app on an empty workspace.",
        "",
        "**End to end, for context** (the first pass, where the probe draws nothing itself): the app's",
        "`_display` is wrapped to note when each frame is made (and to turn it into terminal output,",
        "which headless Textual skips), so each keystroke is also timed from sending the key to the",
        "first frame that repaints the contact list. A minimal Textual app (an `Input` and a `Static`",
        "showing what was typed) shows Textual's own floor for that: about two frames of its 60 Hz timer.",
        f"After \"{ours_k['query']}\" the list shows {', '.join(map(str, ours_k['shown_after_query']))} contacts.",
        "",
        "| Per keystroke, ms: median / p95 / max | Ours (10k) | Empty workspace | Minimal Textual app |",
        "|---|---|---|---|",
        f"| **filter handler start to the list drawn (the measurement)** | {fmt(fk)} | {fmt(fe)} | - |",
        f"| of which the filter handler | {fmt(ours_k['filter_handler_ms'])} | {fmt(empty_k['filter_handler_ms'])} | - |",
        f"| of which drawing the visible lines | {fmt(ours_k['filter_draw_ms'])} | {fmt(empty_k['filter_draw_ms'])} | - |",
        f"| CPU time of the measurement | {fmt(ours_k['filter_cpu_ms'])} | {fmt(empty_k['filter_cpu_ms'])} | - |",
        f"| full GCs during the measured keystrokes (longest pause) | {ours_k['filter_gc_full']} "
        f"({ours_k['filter_gc_full_ms_max']:.0f} ms) | {empty_k['filter_gc_full']} "
        f"({empty_k['filter_gc_full_ms_max']:.0f} ms) | - |",
    ]
    metric_labels = {
        "list_ms": "end to end: key to the list redrawn",
        "echo_ms": "end to end: key to the first frame (filter box echo)",
        "settled_ms": "end to end: key to the last frame it caused",
        "cpu_ms": "end to end: CPU time, key to the list redrawn",
        "handler_done_ms": "end to end: key to the end of the filter handler",
        "pilot_ms": "`press` + `pause` wall time (pilot sleeps included)",
    }
    for metric, label in metric_labels.items():
        cells = [fmt(r.get(metric)) for r in (ours_k, empty_k, minimal_k)]
        lines.append(f"| {label} | {' | '.join(cells)} |")
    lines.append(
        f"| end to end: full GCs (longest pause) | {ours_k['gc_full']} ({ours_k['gc_full_ms_max']:.0f} ms) | "
        f"{empty_k['gc_full']} ({empty_k['gc_full_ms_max']:.0f} ms) | {minimal_k['gc_full']} "
        f"({minimal_k['gc_full_ms_max']:.0f} ms) |"
    )
    lines += ["", *search_probe.section(results), *import_probe.section(results), findings(results), ""]
    return "\n".join(lines)


def findings(results: dict[str, Any]) -> str:
    s, b, k = results["save"], results["startup"], results["keys"]
    d = results["breakdown"]
    g = results.get("generation") or {}
    ours_k, empty_k, minimal_k = k["ours"], k["empty"], k["minimal"]
    out: list[str] = []
    add = out.append

    add("### Where the time goes (`breakdown_probe.py`, one fresh process, GC off, ms)")
    add("")
    add("| Step, through the project's own code | ms |")
    add("|---|---|")
    for key, label in [
        ("parse", "`read_document`: read and parse the file (msgspec), check its shape"),
        ("decode_contacts", "decode 10,000 contacts (`Contact.from_doc`)"),
        ("decode_followups", "decode 20,000 follow-ups"),
        ("decode_interviews", "decode 5,000 interviews"),
        ("store_open", "`Store.open` as a whole (parses, then decodes every record of every table)"),
        ("contacts_first", "`store.contacts()`, first call"),
        ("contacts_again", "`store.contacts()`, second call"),
        ("search_index", "the filter's search keys for 10,000 contacts (`search_key`)"),
        ("followups_first", "`store.followups()`, first call"),
        ("followups_again", "`store.followups()`, second call"),
        ("build_queue", "`build_queue`: open follow-ups and cadence check-ins, soonest first"),
        ("queue_rows", "`queue_rows`: the grouped queue (rows made when drawn)"),
        ("queue_overdue", "the queue's overdue count"),
        ("queue_visible", "due texts of the 30 rows a frame can show"),
        ("interviews_first", "`store.interviews(id)`, first call"),
        ("interviews_again", "`store.interviews(id)`, second call"),
        ("update_contact_in_batch", "`update_contact` inside `store.batch()` (no disk): in-memory cost"),
        ("update_followup_in_batch", "`update_followup` inside `store.batch()` (no disk): in-memory cost"),
    ]:
        if key in d:
            add(f"| {label} | {d[key]:.2f} |" if d[key] < 1 else f"| {label} | {d[key]:.1f} |")
    add("")
    if g:
        add(
            f"Generating the workspace (35,000 inserts through `Store` inside one batch) took "
            f"{g.get('total', 0):.1f} s: contacts {g.get('contacts', 0):.1f} s, interviews "
            f"{g.get('interviews', 0):.1f} s, follow-ups {g.get('followups', 0):.1f} s."
        )
        add("")

    add("## What the figures say")
    add("")
    verdict = "met" if s["met"] else "not met"
    add(
        f"**(a) Saving: {verdict} ({s['speedup']:.1f}x, target {TARGET_SAVE_SPEEDUP:.0f}x).** Our save "
        "reads and parses nothing and changes one record in memory "
        f"({d.get('update_contact_in_batch', float('nan')):.2f} ms); what is left is encoding "
        f"({s['encode_ms']:.0f} ms) and writing, fsyncing and renaming the whole 18 MB file, which is "
        "what makes it atomic and durable. Stock TinyDB re-reads, re-parses and re-encodes the whole "
        "file with `json` on every operation."
    )
    add("")
    bare, ours = b["bare"]["phases_ms"], b["ours"]["phases_ms"]
    budget = b["bare"]["interactive_ms"] * TARGET_STARTUP_RATIO
    verdict = "met" if b["met"] else "not met"
    add(
        f"**(b) Start-up: {verdict} ({b['ratio']:.2f}x, target at most {TARGET_STARTUP_RATIO:.0f}x).** "
        f"The bare app is interactive at {b['bare']['interactive_ms']:.0f} ms, nearly all of it importing "
        f"Textual, so the target leaves ours {budget:.0f} ms. Ours, phase by phase against the bare app: "
        f"imports done at {ours.get('imported', 0):.0f} ms ({ours.get('imported', 0) - bare.get('imported', 0):+.0f}); "
        f"the workspace opened in {ours.get('store_opened', 0) - ours.get('imported', 0):.0f} ms "
        f"(reading and parsing the file {d['parse']:.0f} ms and decoding "
        f"{d['decode_contacts'] + d['decode_followups'] + d['decode_interviews']:.0f} ms of it, table above); "
        f"from there to the first frame {ours.get('first_frame', 0) - ours.get('store_opened', 0):.0f} ms "
        f"(bare: {bare.get('first_frame', 0) - bare.get('imported', 0):.0f} ms from its imports); from the "
        f"first frame to interactive {ours.get('interactive', 0) - ours.get('first_frame', 0):.0f} ms "
        f"(bare: {bare.get('interactive', 0) - bare.get('first_frame', 0):.0f} ms). Garbage collection "
        f"took {b['ours']['gc_ms']:.0f} ms of it."
    )
    add("")
    verdict = "met" if k["met"] else "not met"
    fk = ours_k["filter_ms"]
    add(
        f"**(c) Filtering: {verdict} (median {fk['median']:.1f} ms, p95 {fk['p95']:.1f} ms, target under "
        f"{TARGET_KEY_MS:.0f} ms; {k['ratio']:.2f}x the empty workspace's {empty_k['filter_ms']['median']:.1f} ms).** "
        f"The filter handler takes {ours_k['filter_handler_ms']['median']:.1f} ms (median) and drawing the "
        f"{ours_k['lines_drawn']} visible lines {ours_k['filter_draw_ms']['median']:.1f} ms. "
        f"{ours_k['filter_gc_full']} full garbage collections ran during the {ours_k['filter_n']} measured "
        f"keystrokes, the longest {ours_k['filter_gc_full_ms_max']:.0f} ms. End to end, from the key to the "
        f"list on screen, it is {ours_k['list_ms']['median']:.1f} ms (median) against "
        f"{minimal_k['list_ms']['median']:.1f} ms for a minimal Textual app: Textual draws the echo of the "
        "key in the filter box first, and the repaint the `Input.Changed` handler asks for goes out on a "
        "later tick of the screen's 60 Hz update timer, whatever the app."
    )
    add("")
    add(hot_spots(results))
    return "\n".join(out)


def hot_spots(results: dict[str, Any]) -> str:
    b, d = results["startup"], results["breakdown"]
    g = results.get("generation") or {}
    imports_more = b["ours"]["phases_ms"].get("imported", 0) - b["bare"]["phases_ms"].get("imported", 0)
    generation = f"about {g['total']:.0f} s now" if g.get("total", 99) >= 1.5 else "about a second now"
    return f"""## Hot spots: what was changed, what is left

Changed before (in the store, storage, models and CLI): writes change the document in place
instead of rebuilding TinyDB tables; one decoding function per record class; the queue's rows
made only when drawn; the garbage collector off while loading. Generating this workspace takes
{generation}.

Changed since (start-up):

1. **The key bar.** Textual's `Footer` mounted and restyled a widget per key, and recomposed
   itself as the focus settled (70-100 ms in profiles, after the first frame). The app's own
   `KeyBar` (`tui/widgets/key_bar.py`) draws the same hints as one line of text.
2. **Styling once.** The main screen's layout classes are set before its first styling pass
   instead of in `on_mount` (each `set_class` there restyled the whole screen), the contact list
   takes the focus through `AUTO_FOCUS` (one focus change, not two), and the first contact's notes
   are in the first frame rather than a frame later.
3. **Less to import.** The modal screens, dateutil's parser, the import and export formats (with
   vobject and icalendar) load when first used; imports now end {imports_more:.0f} ms after the bare
   app's.
4. **Less at mount.** The filter's search keys ({d.get('search_index', 0):.0f} ms at 10,000 contacts)
   are built when the filter is first used; the collector stays off until the first frame, then
   `gc.freeze()` keeps everything loaded out of later collections.

Changed in the last round (start-up, then saving):

5. **The collector off from the first import.** The `interview-tui` command now runs
   `interview_tui.launch.main`, which imports the program with the collector off; the app keeps
   it off until the first frame (the probe used to import the app before the CLI, which hid this).
6. **The file read while Textual is imported.** `ReadAhead` (`core/storage.py`) reads the file on
   a second thread before Textual is imported (the kernel copies the pages without the
   interpreter lock); the bytes are used only if the file is unchanged once the lock is held.
7. **msgspec parses.** It reads the file in about two thirds of orjson's time; orjson still
   writes it, and re-reads a file msgspec refuses, for its line-and-column message.
8. **No second layout.** The lists no longer change their virtual width on the first resize, the
   pane tabs and the key bar are not redrawn unchanged, and the queue looks up names and mailing
   addresses when a row is drawn instead of gathering them for every follow-up.
9. **Less CSS, fewer classes made at start-up.** The modal screens' styles are read when the
   first modal opens; the title line is one widget instead of Textual's four-widget `Header`;
   small immutable values (key hints, row cells, cadences, queue rows, the filter's query) are
   named tuples, because Python 3.11 takes about 0.5 ms to make each frozen dataclass.
10. **Saving.** Only the tables changed since the last save are encoded again, and the file is
    written in pieces instead of being copied into one 15 MB buffer: a save is about 16 ms.

Left: reading, parsing and decoding the file ({d.get('store_open', 0):.0f} ms for `Store.open`, of
which reading and parsing {d.get('parse', 0):.0f} ms) is the largest part of start-up, then Textual
styling, laying out and drawing a full screen of three panes (the bare app draws a near-empty one).
Tried and measured, not worth it: `marshal` or `pickle` instead of JSON in a helper process
(loading the objects costs as much as parsing), `mmap` reads, msgspec decoding straight into the
record classes (no faster than parsing then decoding), adding every widget's CSS before the first
styling pass. Not done: building the notes editor (Textual's `TextArea`, about 13 ms with its
import) after the first frame; that frame would look the same, but the editor would not be ready
in it, which this measurement should count. What would change the rest is a workspace that does
not need every record decoded before the first frame (the conversations,
{d.get('decode_interviews', 0):.0f} ms, and done follow-ups on first use), or a smaller file format.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for checking the script)")
    parser.add_argument(
        "--before",
        type=Path,
        default=BEFORE_DEFAULT,
        metavar="FILE",
        help=f"an earlier run's results.json to compare with (default: {BEFORE_DEFAULT.relative_to(ROOT)}, if there)",
    )
    args = parser.parse_args(argv)
    save_reps, startup_reps, key_rounds = (3, 3, 1) if args.quick else (SAVE_REPS, STARTUP_REPS, KEY_ROUNDS)
    before = json.loads(args.before.read_text()) if args.before and args.before.exists() else None

    began = time.perf_counter()
    workspace = generate.ensure(generate.DEFAULT_PATH)
    results: dict[str, Any] = {
        "machine": machine(),
        "workspace": {
            "contacts": generate.CONTACTS,
            "interviews": generate.INTERVIEWS,
            "followups": generate.FOLLOWUPS,
            "mb": workspace.stat().st_size / 1e6,
        },
    }
    timings = workspace.with_name(workspace.name + ".timings")
    results["generation"] = json.loads(timings.read_text()) if timings.exists() else None
    log("where the time goes ...")
    results["breakdown"] = bench_breakdown(workspace)
    log("(a) one durable save ...")
    results["save"] = bench_save(workspace, save_reps)
    gc.collect()
    s = results["save"]
    log(f"    ours {s['ours_ms']:.1f} ms, stock {s['stock_ms']:.1f} ms: {s['speedup']:.1f}x faster")
    log("(b) start-up ...")
    results["startup"] = bench_startup(workspace, startup_reps)
    b = results["startup"]
    log(f"    ours {b['ours']['interactive_ms']:.0f} ms, bare {b['bare']['interactive_ms']:.0f} ms: {b['ratio']:.2f}x")
    log("(c) filter keystrokes ...")
    results["keys"] = bench_keys(workspace, key_rounds)
    k = results["keys"]
    log(
        f"    filtering: ours median {k['ours']['filter_ms']['median']:.1f} ms p95 {k['ours']['filter_ms']['p95']:.1f} ms, "
        f"empty {k['empty']['filter_ms']['median']:.1f} ms: {k['ratio']:.2f}x; end to end "
        f"{k['ours']['list_ms']['median']:.1f} ms"
    )
    log("(d) search keystrokes ...")
    results["search"] = search_probe.bench(workspace, key_rounds, probe_env())
    d = results["search"]
    log(
        f"    searching: ours median {d['ours']['search_ms']['median']:.1f} ms p95 {d['ours']['search_ms']['p95']:.1f} ms, "
        f"empty {d['empty']['search_ms']['median']:.1f} ms: {d['ratio']:.2f}x"
    )
    log("(e) importing 10,000 LinkedIn rows ...")
    results["import"] = import_probe.bench(WORK, 2 if args.quick else 5)
    e = results["import"]
    log(f"    ours {e['ours_ms']:.0f} ms, csv.reader {e['baseline_ms']:.0f} ms: {e['ratio']:.1f}x")
    results["seconds"] = time.perf_counter() - began
    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    report = render(results, before)
    if args.no_readme or args.quick:
        print(report)
    else:
        (HERE / "README.md").write_text(report)
        log(f"wrote {HERE / 'README.md'}")
    log(f"done in {results['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
