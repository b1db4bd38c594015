"""The contact list and the open follow-ups, kept in order between calls (core/store.py,
``_KeptInOrder``), stay in the order a full sort gives whatever changes come, ties broken by id,
and keep no more per record than its key and its id: at 50,000 contacts and 100,000 follow-ups
a pair per record was 8 MiB of the app's peak."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core.models import Contact, FollowUp
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)
NAMES = ["ann", "Ann", "bob", "Cy", "cy", "Dee"]

# One step of a session: (what, which record by position, a name, a day, done or not).
steps = st.lists(
    st.tuples(
        st.sampled_from(["add", "rename", "move", "done", "delete"]),
        st.integers(0, 50),
        st.sampled_from(NAMES),
        st.integers(0, 4),
        st.booleans(),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_the_lists_stay_sorted_through_any_changes(tmp_path: Path, fixed_clock: Callable[[], datetime], session: list) -> None:
    path = tmp_path / f"w{len(list(tmp_path.iterdir()))}.json"
    with Store.open(path, clock=fixed_clock) as store:
        for i in range(8):  # ties from the start
            contact = store.add_contact(Contact(name=NAMES[i % 3]))
            store.add_followup(FollowUp(contact_id=contact.id, due=NOW + timedelta(days=i % 2)))
        store.contacts(), store.followups()
        store.prepare_for_changes("contacts")  # what the app does between frames
        store._contacts_in_order.make_keys()
        store._open_followups_in_order.make_keys()
        for what, which, name, day, done in session:
            contacts = store.contacts_unsorted()
            followups = store.all_followups()
            if what == "add" or not contacts:
                contact = store.add_contact(Contact(name=name))
                store.add_followup(FollowUp(contact_id=contact.id, due=NOW + timedelta(days=day)))
            elif what == "rename":
                store.update_contact(Contact(**{**_fields(contacts[which % len(contacts)]), "name": name}))
            elif what == "delete":
                store.delete_contact(contacts[which % len(contacts)].id)
            elif followups:
                followup = followups[which % len(followups)]
                changed = {"due": NOW + timedelta(days=day)} if what == "move" else {"done_at": NOW if done else None}
                store.update_followup(FollowUp(**{**_fields(followup), **changed}))
            listed = store.contacts()
            assert [c.id for c in listed] == [c.id for c in sorted(listed, key=lambda c: (c.name.casefold(), c.id))]
            assert {c.id for c in listed} == {c.id for c in store.contacts_unsorted()}
            due = store.followups()
            assert [f.id for f in due] == [f.id for f in sorted(due, key=lambda f: (f.due, f.id))]
            assert {f.id for f in due} == {f.id for f in store.all_followups() if f.done_at is None}


def _fields(record: object) -> dict:
    return {name: getattr(record, name) for name in record.__struct_fields__}  # type: ignore[attr-defined]


def test_the_kept_order_holds_a_key_and_an_id_per_record_not_a_pair(db_path: Path, fixed_clock: Callable[[], datetime]) -> None:
    count = 3000
    with Store.open(db_path, clock=fixed_clock) as store:
        with store.batch():
            contact = store.add_contact(Contact(name="Alex Example"))
            for i in range(count):
                store.add_followup(FollowUp(contact_id=contact.id, due=NOW + timedelta(minutes=i % 97)))
        kept = store._open_followups_in_order
        kept.records()
        gc.collect()
        tracemalloc.start()
        try:
            kept.make_keys()  # the due dates are the records' own: only the lists and the map are new
            held = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        # Two list slots (16 bytes) and a map entry (about 40) a record; a (due, id) pair was 64 more.
        assert held / count < 80
        assert kept.records() == store.followups()
