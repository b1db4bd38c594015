"""(e) Importing 10,000 rows of LinkedIn's Connections.csv into an empty workspace.

The baseline, in the same run, is Python's csv module reading the same file into rows: the part
of an import no importer can skip. Ours reads, checks every row, looks for duplicates (in the
file and in the workspace), plans, and writes the workspace once.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

ROWS = 10_000
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing. You will only see email addresses for connections who have allowed their connections '
    'to see or download their email address."\n'
    "\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
COMPANIES = ["Northwind Labs", "Contoso", "Fabrikam, Inc.", "Woodgrove Bank", "Tailspin Toys", "Adventure Works"]
POSITIONS = ['Data "lead"', "UX researcher", "Nurse manager", "Software engineer", "Policy advisor"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def write_connections(path: Path, rows: int = ROWS, seed: int = 7) -> Path:
    """A Connections.csv as LinkedIn writes it: byte-order mark, notes, quoted fields, gaps."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    buffer.write(PREAMBLE)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for number in range(rows):
        email = f"contact{number:05}@example.org" if rng.random() < 0.3 else ""
        writer.writerow([
            "Contact",
            f"{number:05} Example",
            f"https://www.linkedin.com/in/contact-{number:05}-example",
            email,
            rng.choice(COMPANIES),
            rng.choice(POSITIONS),
            f"{rng.randint(1, 28):02} {rng.choice(MONTHS)} {rng.randint(2015, 2026)}",
        ])
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def _baseline(path: Path) -> float:
    started = time.perf_counter()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) > ROWS
    return (time.perf_counter() - started) * 1000


def _ours(path: Path, workdir: Path, number: int) -> tuple[float, str]:
    from interview_tui.core.store import Store
    from interview_tui.formats import import_file

    workspace = workdir / f"import-{number}" / "interviews.json"
    shutil.rmtree(workspace.parent, ignore_errors=True)
    workspace.parent.mkdir(parents=True)
    store = Store.open(workspace)
    try:
        started = time.perf_counter()
        result = import_file(store, "linkedin", path)
        elapsed = (time.perf_counter() - started) * 1000
        assert store.contact_count() == ROWS, store.contact_count()
        return elapsed, result.message()
    finally:
        store.close()
        shutil.rmtree(workspace.parent, ignore_errors=True)


def bench(workdir: Path, reps: int) -> dict[str, Any]:
    path = write_connections(workdir / "Connections.csv")
    _baseline(path)  # warm-up: the page cache
    pairs = []
    message = ""
    for number in range(reps):
        base = _baseline(path)
        ours, message = _ours(path, workdir, number)
        pairs.append((ours, base))
    return {
        "rows": ROWS,
        "mb": path.stat().st_size / 1e6,
        "ours_ms": statistics.median(o for o, _ in pairs),
        "baseline_ms": statistics.median(b for _, b in pairs),
        "ours_all_ms": [o for o, _ in pairs],
        "ratio": statistics.median(o / b for o, b in pairs),
        "reps": reps,
        # The file's name only: where the benchmark's work directory is differs from machine to machine.
        "message": message.replace(str(path), path.name),
    }


def table_rows(results: dict[str, Any]) -> list[str]:
    e = results.get("import")
    if not e:
        return []
    return [
        f"| (e) importing {e['rows']:,} LinkedIn connections into an empty workspace | "
        f"{e['ours_ms']:.0f} ms | {e['baseline_ms']:.0f} ms (the csv module reading the file) | "
        f"{e['ratio']:.1f}x | none set | - |"
    ]


def section(results: dict[str, Any]) -> list[str]:
    e = results.get("import")
    if not e:
        return []
    return [
        "### (e) Importing LinkedIn's Connections.csv",
        "",
        f"`import_file(store, \"linkedin\", path)` (what `interview-tui import linkedin FILE` runs) on a "
        f"generated Connections.csv of {e['rows']:,} rows ({e['mb']:.1f} MB: byte-order mark, the notes "
        "LinkedIn puts before the header, quoted fields, missing emails), into an empty workspace, "
        f"{e['reps']} times; the baseline is `csv.reader` reading the same file into rows. Ours reads "
        "and checks every row, looks for duplicates in the file and the workspace, and writes the "
        "workspace once, atomically.",
        "",
        f"- Ours: median {e['ours_ms']:.0f} ms (all: {', '.join(f'{x:.0f}' for x in e['ours_all_ms'])}); "
        f"`csv.reader`: {e['baseline_ms']:.0f} ms; {e['ratio']:.1f}x.",
        f"- Its report: \"{e['message']}\"",
        "",
    ]
