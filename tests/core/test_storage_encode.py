"""Saving encodes again only the tables that changed: the bytes must be exactly those of encoding
the whole document, whatever changed, in whichever order."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.models import Contact, FollowUp, Interview
from interview_tui.core.storage import DurableStorage
from interview_tui.core.store import Store

WHOLE = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE

_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(st.characters(exclude_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)
_tables = st.dictionaries(st.text(max_size=6), _values, max_size=4)
_documents = st.dictionaries(st.text(max_size=8), _tables | _values, max_size=5)


def whole(data: object) -> bytes:
    return orjson.dumps(data, option=WHOLE)


def in_order(data: dict) -> bytes:  # type: ignore[type-arg]
    """What a save writes when the records are in order already (the store's case): only the
    table names are sorted."""
    return orjson.dumps(dict(sorted(data.items())), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


@settings(max_examples=200, deadline=None)
@given(_documents, st.lists(st.tuples(st.text(max_size=8), _tables), max_size=4))
def test_saving_changed_tables_writes_the_bytes_of_the_whole_document(tmp_path_factory, document, changes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("encode") / "w.json"
    storage = DurableStorage(path)
    try:
        storage.keys_in_order = True
        storage.write(dict(document))
        assert path.read_bytes() == in_order(document)
        for name, table in changes:
            data = storage.read()
            assert data is not None
            data[name] = table
            storage.write(data, changed=(name,))
            assert path.read_bytes() == in_order(data)
    finally:
        storage.close()


def test_a_store_writes_what_a_full_encode_would_after_every_kind_of_change(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    when = datetime(2026, 11, 26, 10, 0)
    with Store.open(path, clock=lambda: when) as store:
        alex = store.add_contact(Contact(name="Alex Example"))
        sam = store.add_contact(Contact(name="Sam Sample", referred_by=alex.id))
        interview = store.add_interview(Interview(contact_id=alex.id or 0, when=when))
        store.save_notes(interview.id or 0, "How did you get started?\nBy accident.")
        followup = store.add_followup(FollowUp(contact_id=sam.id or 0, due=when))
        with store.batch():
            sam.company = "Example Works"
            store.update_contact(sam)
            followup.note = "thank Alex"
            store.update_followup(followup)
        store.delete_contact(sam.id or 0)
        for _ in range(12):  # ids past 9 sort as text: "10" before "2"
            store.add_contact(Contact(name="Jordan Demo"))
        data = store.storage.read()
        assert path.read_bytes() == whole(data)
    # And a fresh open reads back every change.
    with Store.open(path) as again:
        assert [c.name for c in again.contacts()].count("Jordan Demo") == 12
        assert again.interview(interview.id or 0).notes.endswith("By accident.")


def test_a_table_changed_without_saying_so_is_still_written(tmp_path: Path) -> None:
    # TinyDB's own write(data) and a restore name no table: everything is encoded again.
    path = tmp_path / "w.json"
    storage = DurableStorage(path)
    try:
        storage.keys_in_order = True
        storage.write({"a": {"1": {"x": 1}}, "b": {"1": {"y": 1}}})
        data = storage.read()
        assert data is not None
        data["b"]["1"]["y"] = 2
        storage.write(data)
        assert path.read_bytes() == whole({"a": {"1": {"x": 1}}, "b": {"1": {"y": 2}}})
    finally:
        storage.close()
