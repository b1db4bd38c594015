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


def main(path: Path) -> dict[str, float]:
    gc.disable()
    from interview_tui.core.models import Contact, FollowUp, Interview
    from interview_tui.core.storage import read_document
    from interview_tui.core.store import Store
    try:
        from interview_tui.tui.widgets.contacts import search_key
    except ImportError:  # the filter keeps its keys elsewhere now: that step is left out
        search_key = None
    from interview_tui.tui.widgets.followups import queue_rows

    out: dict[str, float] = {}
    raw, out["parse"] = timed(lambda: read_document(path))
    assert raw is not None
    for table, model in (("contacts", Contact), ("followups", FollowUp), ("interviews", Interview)):
        docs = raw[table]
        # As the store decodes a table (Record.from_doc, as one function per class).
        reader = getattr(model, "doc_reader", None)
        read = reader() if reader is not None else model.from_doc
        _, out[f"decode_{table}"] = timed(lambda read=read, docs=docs: [read(doc, int(key)) for key, doc in docs.items()])
    del raw

    store, out["store_open"] = timed(lambda: Store.open(path, clock=lambda: NOW))
    contacts, out["contacts_first"] = timed(store.contacts)
    _, out["contacts_again"] = timed(store.contacts)
    if search_key is not None:
        _, out["search_index"] = timed(lambda: [(search_key(c), c) for c in contacts])
    followups, out["followups_first"] = timed(store.followups)
    _, out["followups_again"] = timed(store.followups)
    from interview_tui.core.queue import build_queue

    queue, out["build_queue"] = timed(lambda: build_queue(store))
    rows, out["queue_rows"] = timed(lambda: queue_rows(queue, store.contacts_by_id(), NOW))
    # What the queue's first frame needs besides: its overdue count, and the dozen rows on screen.
    count = getattr(rows, "overdue_count", None)
    _, out["queue_overdue"] = timed(lambda: count() if count else sum(1 for r in rows if r.overdue))
    # Group headings are rows too (drawn as "Overdue · 3"); the follow-up rows carry the words.
    _, out["queue_visible"] = timed(
        lambda: [(r.due_text, r.overdue) for r in rows[:30] if hasattr(r, "due_text")]
    )
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
