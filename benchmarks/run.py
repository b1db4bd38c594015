"""Benchmarks of interview-tui at several workspace sizes (1,000, 10,000 and 50,000 contacts unless
told), each figure against a baseline measured in the same run, in interleaved rounds; medians.

    python benchmarks/run.py                          # everything; rewrites the results in README.md
    python benchmarks/run.py --sizes 1000,10000       # other sizes
    python benchmarks/run.py --no-readme              # print the results only
    python benchmarks/run.py --quick                  # a round or three of each: to check the scripts

What is measured, and how, is in README.md ("What is measured, and how"); each probe's docstring
has the details. The workspaces are generated once per size (generate.py) into benchmarks/.work/.
Only the part of README.md between the results markers is rewritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import due_probe  # noqa: E402
import generate  # noqa: E402
import import_probe  # noqa: E402
import search_probe  # noqa: E402
import session_probe  # noqa: E402
from generate import NOW, WORK  # noqa: E402

SIZES = (1_000, 10_000, 50_000)
ROUNDS = 15
"""Interleaved rounds of each whole-process figure (start-up, due, a save against its floor)."""
SESSION_ROUNDS = {50_000: 9}
"""Rounds of the keys of the session probe where a full run would take too long (else ROUNDS)."""
SESSION_BLOCKS = 3
"""The session probe's rounds run in this many processes per workspace, alternating with the
baseline's, so that a machine growing busier or quieter affects both alike."""
FIRST_FORM_PROCESSES = 12
"""More processes per workspace that each open the first form of their session and end
(``session_probe.py --first-only``): with the blocks', 15 first forms, where 3 could not tell
a first form from a noisy moment."""
KEY_ROUNDS = 5
"""Measured rounds of typing into the filter and the search (each after one warm-up round)."""
SAVE_WARMUP = 3
BASELINE_CONTACTS = 10
"""The session probe's baseline: the same app over a workspace of ten contacts (an empty one has
no contact to edit, schedule or show the history of)."""
STOCK_SIZE = 10_000
"""Stock TinyDB's save (the figure of an earlier round) is measured at this size only."""

RESULTS_BEGIN = "<!-- results: written by benchmarks/run.py; everything outside these markers is kept -->"
RESULTS_END = "<!-- /results -->"

# The targets of the issue on scale, as (size it applies at, limit).
TARGET_STARTUP = {10_000: 1.5, 50_000: 2.5}
TARGET_FRAME_MS = 16.0
TARGET_FRAME_P95_MS = 33.0
TARGET_KEY_MS = 33.0
TARGET_OPEN_SEARCH_MS = 100.0
TARGET_SAVE_UI_MS = 16.0
TARGET_SAVE_FLOOR = 1.5
TARGET_INSIGHT_MS = {10_000: 100.0, 50_000: 300.0}
TARGET_MEMORY_RATIO = 2.5
NOT_PLAIN_KEYS = ("D", "R", "A", "ctrl+f", "h: history shown", "h: history hidden", "a, then typed at once")
"""Keys with targets of their own (or none): left out of the 33 ms row of tab, esc, forms and modals."""


# Statistics -----------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    rank = max(1, -(-95 * len(ordered) // 100))
    return ordered[rank - 1]


def stats(values: list[float]) -> dict[str, float]:
    return {"median": median(values), "p95": p95(values), "max": max(values), "n": len(values)}


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


def label(size: int) -> str:
    return generate.label(size)


# One save of one edit, against the floor (and stock TinyDB) ----------------------------------


def _floor_save(directory: Path, payload: bytes) -> float:
    """The least any atomic durable save of these bytes costs: a new file beside the old one,
    written, fsynced, renamed over it, the directory fsynced."""
    began = time.perf_counter()
    fd, tmp = tempfile.mkstemp(prefix=".floor.", suffix=".tmp", dir=directory)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, directory / "floor.json")
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return time.perf_counter() - began


def bench_save(workspace: Path, reps: int, size: int, *, stock: bool) -> dict[str, Any]:
    from interview_tui.core.store import Store

    ours_path = fresh_copy(workspace, f"save-ours-{label(size)}")
    store = Store.open(ours_path, clock=lambda: NOW)
    contact = store.contacts()[len(store.contacts()) // 2]

    def ours(i: int) -> float:
        contact.company = f"Benchmark Company {i}"
        writes = store.storage.writes
        t = time.perf_counter()
        store.update_contact(contact)
        # Until the file holds the change, whether the call wrote it or handed it to a writer.
        deadline = t + 60
        while store.storage.writes == writes:
            if time.perf_counter() > deadline:
                raise SystemExit("a save did not reach the file within a minute")
            time.sleep(0.0002)
        return time.perf_counter() - t

    table = None
    stock_db = None
    if stock:
        from tinydb import TinyDB

        stock_db = TinyDB(fresh_copy(workspace, "save-stock"))  # re-reads and re-parses per operation
        table = stock_db.table("contacts")
        stock_id = contact.id

    def theirs(i: int) -> float:
        assert table is not None
        t = time.perf_counter()
        updated = table.update({"company": f"Benchmark Company {i}"}, doc_ids=[stock_id])
        elapsed = time.perf_counter() - t
        assert updated == [stock_id]
        return elapsed

    # Warm-up: the first writes of a large new file cost more (fresh pages), on every side.
    warmup = [ours(-1 - i) * 1000 for i in range(SAVE_WARMUP)]
    payload = ours_path.read_bytes()
    for _ in range(SAVE_WARMUP):
        _floor_save(ours_path.parent, payload)
    sides: dict[str, Any] = {"ours": ours, "floor": lambda i: _floor_save(ours_path.parent, payload)}
    if stock:
        sides["stock"] = theirs
    times: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for i in range(reps):
        for name in names if i % 2 == 0 else names[::-1]:
            times[name].append(sides[name](i) * 1000)
    store.close()
    if stock_db is not None:
        stock_db.close()
    result: dict[str, Any] = {
        "reps": reps,
        "warmup_ms": warmup,
        "mb": len(payload) / 1e6,
        **{f"{name}_ms": median(values) for name, values in times.items()},
        **{f"{name}_all_ms": values for name, values in times.items()},
    }
    result["floor_ratio"] = result["ours_ms"] / result["floor_ms"]
    result["floor_paired"] = median([o / f for o, f in zip(times["ours"], times["floor"], strict=True)])
    if stock:
        result["stock_speedup"] = result["stock_ms"] / result["ours_ms"]
    return result


# Start-up ------------------------------------------------------------------------------------


def probe_env() -> dict[str, str]:
    """The environment of the probes: no Textual settings (devtools, FPS) from the caller's shell;
    imports read cached bytecode, as an installed package's would, from a cache kept under .work/
    so that nothing is written next to the sources (the first run fills it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k != "INTERVIEW_TUI_DB"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    return env


def probe_startup(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(HERE / "startup_probe.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"start-up probe {args} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["ms"] = {name: (moment - started) * 1000 for name, moment in result.pop("marks").items()}
    return result


def bench_startup(workspace: Path, reps: int, size: int) -> dict[str, Any]:
    path = fresh_copy(workspace, f"startup-{label(size)}")
    env = probe_env()
    kinds: dict[str, list[str]] = {"ours": ["ours", str(path)], "bare": ["bare"]}
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for args in kinds.values():  # warm-up: bytecode caches and the page cache
        probe_startup(args, env)
    order = list(kinds)
    for i in range(reps):
        for kind in order if i % 2 == 0 else order[::-1]:
            runs[kind].append(probe_startup(kinds[kind], env))

    def summary(kind: str) -> dict[str, Any]:
        rows = runs[kind]
        phases = sorted({name for row in rows for name in row["ms"]}, key=lambda n: median([r["ms"].get(n, 0) for r in rows]))
        return {
            "interactive_ms": median([r["ms"]["interactive"] for r in rows]),
            "interactive_all_ms": [r["ms"]["interactive"] for r in rows],
            # Every pane filled: the tables read after the first frame read and shown (ours).
            "everything_ms": median([r["ms"].get("everything", r["ms"]["interactive"]) for r in rows]),
            "phases_ms": {name: median([r["ms"][name] for r in rows if name in r["ms"]]) for name in phases},
            "gc_ms": median([r["gc_ms"] for r in rows]),
            "maxrss_mib": median([r["maxrss_kib"] for r in rows]) / 1024,
            "contacts_shown": rows[0].get("contacts_shown"),
        }

    result: dict[str, Any] = {kind: summary(kind) for kind in kinds}
    result["reps"] = reps
    result["ratio"] = result["ours"]["interactive_ms"] / result["bare"]["interactive_ms"]
    result["paired_ratio"] = median([
        o["ms"]["interactive"] / b["ms"]["interactive"] for o, b in zip(runs["ours"], runs["bare"], strict=True)
    ])
    return result


# Typing into the filter and the search -------------------------------------------------------


def probe_keys(args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "keys_probe.py"), *args],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=ROOT,
        env=probe_env(),
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"keystroke probe {args} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    summary: dict[str, Any] = {"contacts": result["contacts"], "query": result["query"]}
    samples = [s for s in result["samples"] if not s["warmup"]]
    summary["n"] = len(samples)
    for metric in ("list_ms", "echo_ms", "settled_ms", "cpu_ms", "handler_ms"):
        values = [s[metric] for s in samples if metric in s]
        if values:
            summary[metric] = stats(values)
    summary["shown_after_query"] = [s["shown"] for s in samples if s["key"] == "1"][:1]
    judged = [s for s in result.get("filter_samples", []) if not s["warmup"]]
    if judged:
        for metric in ("filter_ms", "filter_handler_ms", "filter_draw_ms"):
            summary[metric] = stats([s[metric] for s in judged])
        summary["lines_drawn"] = judged[0]["lines_drawn"]
    return summary


# The session: keys, a save, memory -----------------------------------------------------------


def probe_session(path: Path, rounds: int, *, first_only: bool = False) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "session_probe.py"), str(path), str(rounds), *(["--first-only"] if first_only else [])],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=ROOT,
        env=probe_env(),
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"session probe {path} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def merge_sessions(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The blocks of one workspace as one: every sample, the first key of each block's session."""
    keys: dict[str, list[float]] = {}
    settled: dict[str, list[float]] = {}
    first: dict[str, list[float]] = {}
    failures: dict[str, int] = {}
    for run in runs:
        for name, values in run["keys"].items():
            keys.setdefault(name, []).extend(values)
        for name, values in run["settled"].items():
            settled.setdefault(name, []).extend(values)
        for name, value in run["first_ms"].items():
            first.setdefault(name, []).append(value)
        for name, count in run["failures"].items():
            failures[name] = failures.get(name, 0) + count
    saves = [s for run in runs for s in run["saves"]]
    return {
        "contacts": runs[0]["contacts"],
        "rounds": sum(run["rounds"] for run in runs),
        "processes": sum(1 for run in runs if not run.get("first_only")),
        "first_processes": len(runs),
        "keys": {name: stats(values) for name, values in keys.items()},
        "settled": {name: stats(values) for name, values in settled.items()},
        "first_ms": {name: median(values) for name, values in first.items()},
        "failures": failures,
        "typed": runs[0]["typed"],
        "typed_ahead": [value for run in runs for value in run["typed_ahead"]],
        "save": {metric: stats([s[metric] for s in saves]) for metric in saves[0]} if saves else {},
        "first_save": [run["first_save"] for run in runs if run.get("first_save")],
        "maxrss_mib_start": median([run["maxrss_mib_start"] for run in runs]),
        "maxrss_mib": max(run["maxrss_mib"] for run in runs),
    }


def bench_sessions(
    workspaces: dict[int, Path], rounds_of: dict[int, int], baseline: Path, blocks: int, first_forms: int
) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {}
    base_rounds = max(1, math.ceil(max(rounds_of.values()) / blocks))
    for block in range(blocks):
        for size, path in workspaces.items():
            per_block = max(1, math.ceil(rounds_of[size] / blocks))
            log(f"    session block {block + 1}/{blocks}: {label(size)} ({per_block} rounds)")
            runs.setdefault(label(size), []).append(probe_session(path, per_block))
        log(f"    session block {block + 1}/{blocks}: the baseline ({base_rounds} rounds)")
        runs.setdefault("baseline", []).append(probe_session(baseline, base_rounds))
    for process in range(first_forms):
        log(f"    first form {process + 1}/{first_forms}: each workspace, then the baseline")
        for name, path in [*((label(size), path) for size, path in workspaces.items()), ("baseline", baseline)]:
            runs[name].append({**probe_session(path, 0, first_only=True), "first_only": True})
    return {name: merge_sessions(blocks_of) for name, blocks_of in runs.items()}


# Where the time goes --------------------------------------------------------------------------


def bench_breakdown(workspace: Path, size: int) -> dict[str, float]:
    path = fresh_copy(workspace, f"breakdown-{label(size)}")
    done = subprocess.run(
        [sys.executable, str(HERE / "breakdown_probe.py"), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=probe_env(),
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"breakdown probe failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# The machine ----------------------------------------------------------------------------------


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
    try:
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "python_vv": subprocess.run([sys.executable, "-VV"], capture_output=True, text=True).stdout.strip(),
        "platform": platform.platform(),
        "cores": str(os.cpu_count()),
        "cpu": model,
        "load": load,
        "textual": textual.__version__,
        "tinydb": tinydb.__version__,
        "commit": git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in interview_tui/" if dirty else ""),
    }


# Report --------------------------------------------------------------------------------------


def verdict(met: bool | None) -> str:
    return "-" if met is None else ("**met**" if met else "**not met**")


def ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def mstat(stat: dict[str, float] | None) -> str:
    return "-" if not stat else f"{stat['median']:.1f} / {stat['p95']:.1f}"


def growth(values: list[float | None]) -> str:
    if len(values) < 2 or values[0] in (None, 0) or values[-1] is None:
        return "-"
    return f"{values[-1] / values[0]:.1f}x"


def targets_table(results: dict[str, Any]) -> list[str]:
    sizes = results["sizes"]
    per = results["per_size"]
    session = results["session"]
    base = session.get("baseline", {})
    lines = [
        "| Target (issue on scale) | Size | Ours | Baseline, same run | Ratio | Limit | Result |",
        "|---|---|---|---|---|---|---|",
    ]

    def row(name: str, size: int, ours: str, baseline: str, ratio: str, limit: str, met: bool | None) -> None:
        lines.append(f"| {name} | {label(size)} | {ours} | {baseline} | {ratio} | {limit} | {verdict(met)} |")

    for size in sizes:
        r = per[str(size)]
        s = session.get(label(size), {})
        b = r["startup"]
        limit = TARGET_STARTUP.get(size)
        row("start-up to the first interactive frame", size, ms(b["ours"]["interactive_ms"]),
            f"{ms(b['bare']['interactive_ms'])} (bare Textual app)", f"{b['ratio']:.2f}x",
            f"at most {limit}x" if limit else "-", None if limit is None else b["ratio"] <= limit)
        if "everything_ms" in b["ours"]:
            row("start-up to every pane filled (conversations and follow-ups read after the first frame)", size,
                ms(b["ours"]["everything_ms"]), f"{ms(b['bare']['interactive_ms'])} (bare Textual app)",
                f"{b['ours']['everything_ms'] / b['bare']['interactive_ms']:.2f}x", "-", None)
        d = r["due"]
        judged = size >= 10_000
        row("`due`, whole process: time", size, ms(d["ours"]["ms"]), f"{ms(d['json']['ms'])} (`json.load`)",
            f"{d['ratio']:.2f}x", "at most 1x" if judged else "-", d["ratio"] <= 1 if judged else None)
        row("`due`, whole process: peak memory", size, f"{d['ours']['maxrss_mib']:.0f} MiB",
            f"{d['json']['maxrss_mib']:.0f} MiB", f"{d['memory_ratio']:.2f}x", "at most 1x" if judged else "-",
            d["memory_ratio"] <= 1 if judged else None)
        k = r["keys"]
        fk = k.get("list_ms")
        judged50 = size >= 50_000
        if fk:
            row("filter: key to the list on screen, median / p95", size, mstat(fk),
                f"{mstat(results['keys_empty'].get('list_ms'))} (empty workspace)",
                f"{fk['median'] / results['keys_empty']['list_ms']['median']:.2f}x",
                f"{TARGET_FRAME_MS:.0f} / {TARGET_FRAME_P95_MS:.0f} ms" if judged50 else "-",
                fk["median"] <= TARGET_FRAME_MS and fk["p95"] <= TARGET_FRAME_P95_MS if judged50 else None)
        q = r["search"]["ours"].get("list_ms")
        if q:
            eq = results["search_empty"]["list_ms"]
            row("search: key to the results on screen, median / p95", size, mstat(q), f"{mstat(eq)} (empty workspace)",
                f"{q['median'] / eq['median']:.2f}x", f"{TARGET_FRAME_MS:.0f} / {TARGET_FRAME_P95_MS:.0f} ms" if judged50 else "-",
                q["median"] <= TARGET_FRAME_MS and q["p95"] <= TARGET_FRAME_P95_MS if judged50 else None)
        opening = s.get("keys", {}).get("ctrl+f")
        if opening:
            bo = base.get("keys", {}).get("ctrl+f")
            row("opening the search: ctrl+f to its screen", size, ms(opening["median"]), ms(bo["median"]) if bo else "-",
                f"{opening['median'] / bo['median']:.2f}x" if bo else "-",
                f"under {TARGET_OPEN_SEARCH_MS:.0f} ms" if judged50 else "-",
                opening["median"] < TARGET_OPEN_SEARCH_MS if judged50 else None)
        save = s.get("save", {})
        if save:
            bs = base.get("save", {})
            row("a save: time on the UI thread (ctrl+s in the contact form)", size, ms(save["ui_save_ms"]["median"]),
                ms(bs["ui_save_ms"]["median"]) if bs else "-", "-", f"under {TARGET_SAVE_UI_MS:.0f} ms" if judged50 else "-",
                save["ui_save_ms"]["median"] < TARGET_SAVE_UI_MS if judged50 else None)
            row("a save: longest stall of the event loop while it is written", size, ms(save["stall_ms"]["median"]),
                ms(bs["stall_ms"]["median"]) if bs else "-", "-", f"under {TARGET_SAVE_UI_MS:.0f} ms" if judged50 else "-",
                save["stall_ms"]["median"] < TARGET_SAVE_UI_MS if judged50 else None)
        firsts = s.get("first_save") or []
        if firsts:
            # The first save of each session, kept out of the figures above (a warm-up round):
            # keys come without a pause until then, so its table was not made ready ahead.
            first_stall = median([f["stall_ms"] for f in firsts])
            base_firsts = base.get("first_save") or []
            row(f"the first save of a session: longest stall (median of {len(firsts)} sessions)", size, ms(first_stall),
                ms(median([f["stall_ms"] for f in base_firsts])) if base_firsts else "-", "-",
                f"under {TARGET_SAVE_UI_MS:.0f} ms" if judged50 else "-",
                first_stall < TARGET_SAVE_UI_MS if judged50 else None)
        sv = r["save"]
        judged = size >= 10_000
        row("one save of one edit, against the floor", size, ms(sv["ours_ms"]), f"{ms(sv['floor_ms'])} (same bytes: write, fsync, rename)",
            f"{sv['floor_ratio']:.2f}x", f"at most {TARGET_SAVE_FLOOR}x" if judged else "-",
            sv["floor_ratio"] <= TARGET_SAVE_FLOOR if judged else None)
        if s:
            worst_name, worst = max(
                ((name, st["median"]) for name, st in s["keys"].items() if name not in NOT_PLAIN_KEYS),
                key=lambda item: item[1],
                default=(None, 0.0),
            )
            if worst_name is not None:
                bw = base.get("keys", {}).get(worst_name)
                judged = size == 10_000
                row(f"keys: the slowest of tab, esc, forms and modals opening and closing ({key_name(worst_name)})", size,
                    ms(worst), ms(bw["median"]) if bw else "-", f"{worst / bw['median']:.2f}x" if bw else "-",
                    f"under {TARGET_KEY_MS:.0f} ms" if judged else "-", worst < TARGET_KEY_MS if judged else None)
            for key in ("D", "R", "A"):
                st = s["keys"].get(key)
                if st:
                    limit_ms = TARGET_INSIGHT_MS.get(size)
                    bk = base.get("keys", {}).get(key)
                    row(f"`{key}`: key to its screen", size, ms(st["median"]), ms(bk["median"]) if bk else "-",
                        f"{st['median'] / bk['median']:.2f}x" if bk else "-",
                        f"under {limit_ms:.0f} ms" if limit_ms else "-", st["median"] < limit_ms if limit_ms else None)
            # Like with like: the first `a` of the session, typed with a name at once, against
            # the same keys in the later rounds.
            first = s["first_ms"].get("a, then typed at once")
            later = s["keys"].get("a, then typed at once")
            if first is not None and later:
                row("the first form of a session (`a` and a name typed at once), against later ones", size, ms(first),
                    f"{ms(later['median'])} (later rounds)", f"{first / later['median']:.2f}x", "no slower",
                    first <= later["median"] * 1.1)
            landed = s["typed_ahead"]
            good = sum(1 for value in landed if value == s["typed"])
            row(f"keys typed while a form opens (`a` then \"{s['typed']}\" at once) land in it", size,
                f"{good} of {len(landed)}", "-", "-", "all", good == len(landed))
            peak = max(s["maxrss_mib"], b["ours"]["maxrss_mib"])
            file_mib = r["workspace"]["mb"] * 1e6 / 2**20
            row("peak memory (start-up and the session), against the file's size", size, f"{peak:.0f} MiB",
                f"{file_mib:.0f} MiB file; bare app {b['bare']['maxrss_mib']:.0f} MiB", f"{peak / file_mib:.2f}x",
                f"at most {TARGET_MEMORY_RATIO}x" if judged50 else "-", peak / file_mib <= TARGET_MEMORY_RATIO if judged50 else None)
    return lines


def growth_table(results: dict[str, Any]) -> list[str]:
    sizes = results["sizes"]
    per = results["per_size"]
    session = results["session"]
    header = " | ".join(label(size) for size in sizes)
    lines = [
        f"| Cost (median) | {header} | {label(sizes[-1])} / {label(sizes[0])} |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]

    def row(name: str, values: list[float | None], unit: str = "ms") -> None:
        cells = ["-" if v is None else (f"{v:.0f}" if abs(v) >= 100 else f"{v:.1f}") + (f" {unit}" if unit else "") for v in values]
        lines.append(f"| {name} | {' | '.join(cells)} | {growth(values)} |")

    def get(path: list[Any], root: Any) -> float | None:
        for part in path:
            if not isinstance(root, dict) or part not in root:
                return None
            root = root[part]
        return root if isinstance(root, (int, float)) else None

    row("workspace file", [per[str(s)]["workspace"]["mb"] for s in sizes], "MB")
    row("start-up, ours", [get(["startup", "ours", "interactive_ms"], per[str(s)]) for s in sizes])
    row("start-up, ratio to the bare app", [get(["startup", "ratio"], per[str(s)]) for s in sizes], "x")
    row("start-up to every pane filled, ours", [get(["startup", "ours", "everything_ms"], per[str(s)]) for s in sizes])
    row("`Store.open` (breakdown probe)", [get(["breakdown", "store_open"], per[str(s)]) for s in sizes])
    row("`due`, whole process", [get(["due", "ours", "ms"], per[str(s)]) for s in sizes])
    row("`json.load` of the same file, whole process", [get(["due", "json", "ms"], per[str(s)]) for s in sizes])
    row("`due`, peak memory", [get(["due", "ours", "maxrss_mib"], per[str(s)]) for s in sizes], "MiB")
    row("filter: key to the list on screen", [get(["keys", "list_ms", "median"], per[str(s)]) for s in sizes])
    row("filter: handler start to the list drawn", [get(["keys", "filter_ms", "median"], per[str(s)]) for s in sizes])
    row("search: key to the results on screen", [get(["search", "ours", "list_ms", "median"], per[str(s)]) for s in sizes])
    row("search: handler start to the list and count drawn", [get(["search", "ours", "search_ms", "median"], per[str(s)]) for s in sizes])
    row("search: the preview, a frame later: its work", [get(["search", "ours", "preview_ms", "median"], per[str(s)]) for s in sizes])
    for query in search_probe.QUERIES:
        row(f"search: key to the results on screen, typing '{query}'",
            [get(["search", "ours", "per_query_list_ms", query, "median"], per[str(s)]) for s in sizes])
    row("one save of one edit (to durable)", [get(["save", "ours_ms"], per[str(s)]) for s in sizes])
    row("the floor: same bytes written, fsynced, renamed", [get(["save", "floor_ms"], per[str(s)]) for s in sizes])
    names = []
    for s in sizes:
        for name in session.get(label(s), {}).get("keys", {}):
            if name not in names:
                names.append(name)
    row("a save in the app: time on the UI thread", [get([label(s), "save", "ui_save_ms", "median"], session) for s in sizes])
    row("a save in the app: longest event-loop stall", [get([label(s), "save", "stall_ms", "median"], session) for s in sizes])
    row("a save in the app: ctrl+s to the form gone", [get([label(s), "save", "key_ms", "median"], session) for s in sizes])
    for name in names:
        row(f"key to screen: {key_name(name)}", [get([label(s), "keys", name, "median"], session) for s in sizes])
    row("first form of a session (`a`)", [get([label(s), "first_ms", "a, then typed at once"], session) for s in sizes])
    row("app peak memory, start-up", [get(["startup", "ours", "maxrss_mib"], per[str(s)]) for s in sizes], "MiB")
    row("app peak memory, after the session", [get([label(s), "maxrss_mib"], session) for s in sizes], "MiB")
    return lines


def key_name(name: str) -> str:
    pretty = {"question_mark": "?"}
    for raw, shown in pretty.items():
        name = name.replace(raw, shown)
    if name.startswith("esc after "):
        return f"`esc` closing what `{name[len('esc after '):]}` opened"
    if name in ("tab", "esc from the filter") or name.startswith(("h:", "a, then", "esc:")):
        return name
    label_of = dict(session_probe.MODALS)
    return f"`{name}`: {label_of.get(name.replace('?', 'question_mark'), 'opens')}"


def details(results: dict[str, Any]) -> list[str]:
    sizes = results["sizes"]
    per = results["per_size"]
    session = results["session"]
    base = session.get("baseline", {})
    lines = ["### Keys: key to the screen updated, median / p95 ms (first of a session; settled)", ""]
    head = " | ".join(label(s) for s in sizes)
    lines += [f"| Key | {head} | Baseline ({BASELINE_CONTACTS} contacts) |", "|---|" + "---|" * (len(sizes) + 1)]
    names = list(base.get("keys", {}))
    for s in sizes:
        names += [n for n in session.get(label(s), {}).get("keys", {}) if n not in names]

    def cell(sess: dict[str, Any], name: str) -> str:
        st = sess.get("keys", {}).get(name)
        if not st:
            return "-"
        first = sess.get("first_ms", {}).get(name)
        settled = sess.get("settled", {}).get(name)
        extra = f" (first {first:.0f}; settled {settled['median']:.0f})" if first is not None and settled else ""
        return f"{mstat(st)}{extra}"

    for name in names:
        lines.append(f"| {key_name(name)} | {' | '.join(cell(session.get(label(s), {}), name) for s in sizes)} | {cell(base, name)} |")
    lines.append("")
    rounds = ", ".join(f"{label(s)} {session[label(s)]['rounds']}" for s in sizes if label(s) in session)
    lines.append(
        f"Rounds: {rounds}, baseline {base.get('rounds', 0)} (each in {base.get('processes', 0)} processes, alternating with "
        "the baseline's); the first of a session is the median over those processes of each one's first press, "
        f"and for the first form (`a`, then typed at once) over {base.get('first_processes', base.get('processes', 0))} "
        "processes: those, and more that each end after their first form."
    )
    failures = {label(s): session.get(label(s), {}).get("failures") for s in sizes}
    failures = {k: v for k, v in failures.items() if v}
    if failures:
        lines.append(f"Keys whose effect never showed (within {session_probe.TIMEOUT:.0f} s): {failures}.")
    lines.append("")
    lines += ["### A save", "", f"| ms, median / p95 | {head} | Baseline |", "|---|" + "---|" * (len(sizes) + 1)]
    for metric, what in (
        ("ui_save_ms", "in the app: time inside the storage's `flush` on the UI thread"),
        ("stall_ms", "in the app: longest stall of the event loop while the file is written"),
        ("durable_ms", "in the app: ctrl+s to the file written"),
        ("key_ms", "in the app: ctrl+s to the main screen back"),
    ):
        cells = [mstat(session.get(label(s), {}).get("save", {}).get(metric)) for s in sizes]
        lines.append(f"| {what} | {' | '.join(cells)} | {mstat(base.get('save', {}).get(metric))} |")
    cells = [f"{per[str(s)]['save']['ours_ms']:.1f} against {per[str(s)]['save']['floor_ms']:.1f}: {per[str(s)]['save']['floor_ratio']:.2f}x" for s in sizes]
    lines.append(f"| `Store.update_contact` until the file holds it, against the floor (ratio of medians) | {' | '.join(cells)} | - |")
    stock = [per[str(s)]["save"].get("stock_ms") for s in sizes]
    if any(stock):
        cells = [f"{v:.0f} ms: ours {per[str(s)]['save']['stock_speedup']:.1f}x faster" if v else "-" for s, v in zip(sizes, stock, strict=True)]
        lines.append(f"| stock TinyDB's `table.update` of the same record (an earlier round's baseline) | {' | '.join(cells)} | - |")
    lines.append("")
    lines += ["### Start-up phases, median ms from process start", "", f"| Phase | {head} | Bare app |", "|---|" + "---|" * (len(sizes) + 1)]
    phases = list(per[str(sizes[-1])]["startup"]["ours"]["phases_ms"])
    for phase in phases:
        cells = [f"{per[str(s)]['startup']['ours']['phases_ms'].get(phase, float('nan')):.0f}" for s in sizes]
        bare = per[str(sizes[-1])]["startup"]["bare"]["phases_ms"].get(phase)
        lines.append(f"| {phase} | {' | '.join(cells)} | {'-' if bare is None else f'{bare:.0f}'} |")
    lines.append("")
    return lines


def render_results(results: dict[str, Any]) -> str:
    m = results["machine"]
    sizes = results["sizes"]
    per = results["per_size"]
    ws = ", ".join(
        f"{label(s)}: {per[str(s)]['workspace']['contacts']:,} contacts, {per[str(s)]['workspace']['interviews']:,} "
        f"conversations, {per[str(s)]['workspace']['followups']:,} follow-ups, {per[str(s)]['workspace']['mb']:.1f} MB"
        for s in sizes
    )
    lines = [
        RESULTS_BEGIN,
        f"## Results ({m['date']}{', quick: not for quoting' if results['quick'] else ''})",
        "",
        f"- Machine: {m['cores']} cores ({m['cpu']}), {m['platform']}; load average at the start {m['load']}"
        + (f", at the end {m['load_end']}." if m.get("load_end") else "."),
        f"- `python -VV`: {m['python_vv']}",
        f"- Textual {m['textual']}, TinyDB {m['tinydb']}; code at commit {m['commit']}.",
        f"- Workspaces: {ws}.",
        f"- Rounds: {results['rounds']} interleaved rounds of start-up, `due` and the save against its floor at every "
        f"size; {results['key_rounds']} rounds of typing into the filter and the search; the session's keys: see below. "
        f"The whole run took {results['seconds'] / 60:.1f} minutes.",
        "",
        *targets_table(results),
        "",
        "### How each cost grows",
        "",
        *growth_table(results),
        "",
        *details(results),
        *import_probe.section({"import": results.get("import")}),
        RESULTS_END,
    ]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = HERE / "README.md"
    current = readme.read_text()
    begin, end = current.find(RESULTS_BEGIN), current.find(RESULTS_END)
    if begin < 0 or end < begin:
        raise SystemExit(f"{readme} has lost its results markers; put them back around the results")
    readme.write_text(current[:begin] + text + current[end + len(RESULTS_END):])


# Main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="contacts of each workspace (default 1000,10000,50000)")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    parser.add_argument("--quick", action="store_true", help="a round or three of each (to check the scripts); prints only")
    parser.add_argument("--render", action="store_true",
                        help="write benchmarks/README.md again from the last run's results.json (nothing measured)")
    args = parser.parse_args(argv)
    if args.render:
        write_readme(render_results(json.loads((WORK / "results.json").read_text())))
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    quick = args.quick
    rounds = 3 if quick else ROUNDS
    key_rounds = 1 if quick else KEY_ROUNDS
    session_rounds = {s: (1 if quick else SESSION_ROUNDS.get(s, ROUNDS)) for s in sizes}
    blocks = 1 if quick else SESSION_BLOCKS

    began = time.perf_counter()
    workspaces = {size: generate.ensure(contacts=size) for size in sizes}
    baseline = generate.ensure(contacts=BASELINE_CONTACTS)
    results: dict[str, Any] = {
        "machine": machine(),
        "sizes": sizes,
        "quick": quick,
        "rounds": rounds,
        "key_rounds": key_rounds,
        "per_size": {},
    }
    env = probe_env()
    for size, workspace in workspaces.items():
        name = label(size)
        timings = workspace.with_name(workspace.name + ".timings")
        r: dict[str, Any] = {
            "workspace": {**generate.counts(size), "mb": workspace.stat().st_size / 1e6},
            "generation": json.loads(timings.read_text()) if timings.exists() else None,
        }
        results["per_size"][str(size)] = r
        log(f"[{name}] where the time goes ...")
        r["breakdown"] = bench_breakdown(workspace, size)
        log(f"[{name}] start-up, {rounds} rounds against the bare app ...")
        r["startup"] = bench_startup(workspace, rounds, size)
        b = r["startup"]
        log(f"    ours {b['ours']['interactive_ms']:.0f} ms, bare {b['bare']['interactive_ms']:.0f} ms: {b['ratio']:.2f}x; "
            f"peak {b['ours']['maxrss_mib']:.0f} MiB")
        log(f"[{name}] due, {rounds} rounds against json.load ...")
        r["due"] = due_probe.bench(workspace, rounds, env, name=f"due-{name}")
        d = r["due"]
        log(f"    due {d['ours']['ms']:.0f} ms / {d['ours']['maxrss_mib']:.0f} MiB, json.load {d['json']['ms']:.0f} ms / "
            f"{d['json']['maxrss_mib']:.0f} MiB: {d['ratio']:.2f}x")
        log(f"[{name}] one save of one edit against the floor ...")
        r["save"] = bench_save(workspace, rounds, size, stock=size == STOCK_SIZE and not quick)
        gc.collect()
        s = r["save"]
        log(f"    ours {s['ours_ms']:.1f} ms, floor {s['floor_ms']:.1f} ms: {s['floor_ratio']:.2f}x")
        log(f"[{name}] typing into the filter ...")
        r["keys"] = probe_keys([str(workspace), str(key_rounds)])
        k = r["keys"]
        log(f"    key to the list {k['list_ms']['median']:.1f} / {k['list_ms']['p95']:.1f} ms; "
            f"handler to drawn {k['filter_ms']['median']:.1f} ms")
        log(f"[{name}] typing into the search ...")
        r["search"] = {"ours": search_probe._probe([str(workspace), str(key_rounds)], env)}
        q = r["search"]["ours"]
        log(f"    key to the results {q['list_ms']['median']:.1f} / {q['list_ms']['p95']:.1f} ms; "
            f"handler to drawn {q['search_ms']['median']:.1f} ms")
    log("baselines: typing into the filter and the search of an empty workspace, and of a minimal app ...")
    results["keys_empty"] = probe_keys(["--empty", str(key_rounds)])
    results["keys_minimal"] = probe_keys(["--minimal", str(key_rounds)])
    results["search_empty"] = search_probe._probe(["--empty", str(key_rounds)], env)
    log("the session: keys, a save, memory ...")
    results["session"] = bench_sessions(
        {size: fresh_copy(path, f"session-{label(size)}") for size, path in workspaces.items()},
        session_rounds,
        fresh_copy(baseline, "session-baseline"),
        blocks,
        0 if quick else FIRST_FORM_PROCESSES,
    )
    for name, sess in results["session"].items():
        worst = max(sess["keys"].items(), key=lambda item: item[1]["median"])
        log(f"    {name}: slowest key {worst[0]} {worst[1]['median']:.0f} ms; save on the UI thread "
            f"{sess['save']['ui_save_ms']['median']:.1f} ms, stall {sess['save']['stall_ms']['median']:.1f} ms; "
            f"peak {sess['maxrss_mib']:.0f} MiB")
    if 10_000 in sizes or not quick:
        log("importing 10,000 LinkedIn rows ...")
        results["import"] = import_probe.bench(WORK, 2 if quick else 5)
    results["seconds"] = time.perf_counter() - began
    results["machine"]["load_end"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    report = render_results(results)
    if args.no_readme or quick:
        print(report)
    else:
        write_readme(report)
        log(f"wrote the results into {HERE / 'README.md'}")
    log(f"done in {results['seconds'] / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
