"""The sample workspace pinned: every record it holds, field by field, at a fixed clock. A change
to the sample is a change to what a first look at the app shows: make it on purpose, and update
the digest here with it."""

from __future__ import annotations

import hashlib
import json

from interview_tui.core.demo import seed_demo
from interview_tui.core.store import Store

DIGEST = "abeffff5e9a626d69e1d0c126a4ef62d9f030d5e7b3724b423ff3b944d90382f"


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
