"""Where the time goes when the workspace is loaded and changed, through the project's own code.

    python benchmarks/breakdown_probe.py PATH

Runs in a fresh process on a copy of the workspace that run.py made, with the cyclic garbage
collector switched off so that each step shows its own cost (run.py reports the collector's
share separately), and prints one JSON object of milliseconds. Not a benchmark with a target:
it explains the ones in run.py.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import NOW  # noqa: E402


def timed(function):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function()
    return result, (time.perf_counter() - started) * 1000


def opening_steps(path: Path) -> dict[str, float]:
    """What ``Store.open`` does, step by step, as it does it: read the file; cut it into its
    tables (their text, unparsed); read each large table typed (msgspec parses it straight into
    records, checking every field's type); count the objects for the check that no id is given
    twice; give the records their ids and check the ranges msgspec cannot (dates). Each step is
    named after the function of the project it times; one that is gone is left out."""
    from interview_tui.core import models, storage, store

    out: dict[str, float] = {}
    raw, out["read_file"] = timed(path.read_bytes)
    tables_as_text = getattr(storage, "_tables_as_text", None)
    readers = getattr(store, "_typed_readers", None)
    if tables_as_text is None or readers is None:
        return out
    tables, out["split_tables"] = timed(lambda: tables_as_text(raw))
    records: dict[str, dict[str, object]] = {}
    for name, read in readers().items():
        if name in tables:
            (records[name], _), out[f"typed_{name}"] = timed(lambda read=read, text=tables[name]: read(text))
    # The duplicate check's first step: every "{" of the file counted (see validate.py).
    _, out["count_braces"] = timed(lambda: raw.count(b"{"))
    models_of = getattr(store, "_TYPED_MODELS", {})
    for name, typed in records.items():
        model = models_of.get(name)
        if model is None:
            continue

        def ids_and_ranges(typed=typed, model=model) -> None:  # type: ignore[no-untyped-def]
            ids = list(map(int, typed))
            for record, doc_id in zip(typed.values(), ids, strict=True):
                record.id = doc_id
            models.out_of_bounds(dict(zip(ids, typed.values(), strict=True)), model, types_checked=True)

        _, out[f"ids_and_ranges_{name}"] = timed(ids_and_ranges)
    return out


def main(path: Path) -> dict[str, float]:
    gc.disable()
    from interview_tui.core.store import Store

    try:
        from interview_tui.tui.widgets.contacts import search_key
    except ImportError:  # the filter keeps its keys elsewhere now: that step is left out
        search_key = None
    from interview_tui.tui.widgets.followups import queue_rows

    out: dict[str, float] = {}
    out.update(opening_steps(path))

    store, out["store_open"] = timed(lambda: Store.open(path, clock=lambda: NOW))
    # What `due` reads instead when it can vouch for the file (core/quick_read.py): the whole
    # file decoded in one pass, with every check the store makes, no table kept for saving.
    try:
        from interview_tui.core import quick_read
    except ImportError:
        quick_read = None
    if quick_read is not None:
        raw = path.read_bytes()
        quick_read._checked(raw, lambda: NOW)  # its decoder is made once per process
        _, out["due_one_pass"] = timed(lambda: quick_read._checked(raw, lambda: NOW))
    contacts, out["contacts_first"] = timed(store.contacts)
    _, out["contacts_again"] = timed(store.contacts)
    if search_key is not None:
        _, out["search_index"] = timed(lambda: [(search_key(c), c) for c in contacts])
    followups, out["followups_first"] = timed(store.followups)
    _, out["followups_again"] = timed(store.followups)
    from interview_tui.core.queue import build_queue

    queue, out["build_queue"] = timed(lambda: build_queue(store))
    # What `due` takes of it: the part due today, without the rest of the queue put in order.
    from interview_tui.core import queue as queue_module

    due_by = getattr(queue_module, "due_by", None)
    if due_by is not None:
        _, out["due_by_today"] = timed(lambda: due_by(store, NOW, 0))
    rows, out["queue_rows"] = timed(lambda: queue_rows(queue, store.contacts_by_id(), NOW))
    # What the queue's first frame needs besides: its overdue count, and the dozen rows on screen.
    count = getattr(rows, "overdue_count", None)
    _, out["queue_overdue"] = timed(lambda: count() if count else sum(1 for r in rows if r.overdue))
    # Group headings are rows too (drawn as "Overdue · 3"); the follow-up rows carry the words.
    _, out["queue_visible"] = timed(lambda: [(r.due_text, r.overdue) for r in rows[:30] if hasattr(r, "due_text")])
    first = contacts[0].id
    assert first is not None
    _, out["interviews_first"] = timed(lambda: store.interviews(first))
    _, out["interviews_again"] = timed(lambda: store.interviews(first))

    # Changes inside store.batch() touch no disk until the batch ends: what is left is the
    # in-memory cost of one change (before 2026-11-25 mostly TinyDB rebuilding the whole table).
    contact = contacts[len(contacts) // 2]
    followup = followups[len(followups) // 2]
    contact_times: list[float] = []
    followup_times: list[float] = []
    with store.batch():
        for i in range(7):
            contact.company = f"Breakdown {i}"
            contact_times.append(timed(lambda: store.update_contact(contact))[1])
            followup.note = f"Breakdown {i}"
            followup_times.append(timed(lambda: store.update_followup(followup))[1])
    out["update_contact_in_batch"] = statistics.median(contact_times)
    out["update_followup_in_batch"] = statistics.median(followup_times)
    store.close()
    return out


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(Path(sys.argv[1]))) + "\n")
