"""The sample workspace pinned: every record it holds, field by field, at a fixed clock. A change
to the sample is a change to what a first look at the app shows: make it on purpose, and update
the digest here with it."""

from __future__ import annotations

import hashlib
import json

from interview_tui.core.demo import seed_demo
from interview_tui.core.store import Store

DIGEST = "b202ea7c81026e3478c60db9ecfe1f31e51259b9921f9272038e3e87e95536fa"


def dump(store: Store) -> str:
    tables = {
        "contacts": store.contacts(),
        "interviews": store.all_interviews(),
        "followups": store.followups(include_done=True),
        "touches": store.all_touches(),
        "questions": store.questions(include_retired=True),
    }
    return json.dumps({name: [{"id": r.id, **r.to_doc(complete=True)} for r in records]
                       for name, records in tables.items()}, indent=1, sort_keys=True, ensure_ascii=False)


def test_the_sample_workspace_holds_exactly_its_records(store: Store) -> None:
    seed_demo(store)
    text = dump(store)
    assert "Alex Example" in text and "Aunt Example" in text
    assert hashlib.sha256(text.encode()).hexdigest() == DIGEST, text


def test_the_samples_planned_times_are_on_the_hour_whatever_the_clock(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    with Store.open(tmp_path / "w.json", clock=lambda: datetime(2026, 11, 25, 10, 37)) as store:
        seed_demo(store)
        sam = store.find_contact("Sam Sample")
        (planned,) = store.interviews(sam.id)
        assert (planned.when.hour, planned.when.minute) == (15, 0)
        (nudge,) = store.open_followups_of(store.find_contact("Jordan Demo").id)
        assert (nudge.due.hour, nudge.due.minute) == (9, 0)
