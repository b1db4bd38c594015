"""What a save by the writer's thread leaves held: the documents it wrote, not their text.

At 50,000 contacts a changed table's text is 20 MB and more; the writer used to keep it after
each save (to write it again unchanged at the next save, and to recognise the file as ours when
only its change time moved). Now a save's text is made a few records at a time as it is written
and made again when it is wanted, so these tests look at both sides: what stays held, and that
the file is still told apart from another program's version exactly as before.
"""

from __future__ import annotations

import gc
import json
import os
import types
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core import storage as storage_module
from interview_tui.core.models import Contact, FollowUp
from interview_tui.core.store import Store

from .test_storage_hostile import _same_size_edit, conflict_files, names_in

NAMES = 300
WHEN = datetime(2026, 12, 7, 10, 0)


def _text_held_by(root: object) -> int:
    """Bytes of text reachable from ``root`` through its data (not through code, modules,
    classes or threads), each buffer counted once."""
    seen: set[int] = set()
    buffers: dict[int, int] = {}
    stack = [root]
    skipped = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.FrameType)
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, skipped):
            continue
        seen.add(id(item))
        if isinstance(item, memoryview):
            item = item.obj
        if isinstance(item, (bytes, bytearray)):
            buffers[id(item)] = len(item)
            continue
        if type(item).__module__ == "threading":
            continue
        stack.extend(gc.get_referents(item))
    return sum(buffers.values())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "w.json")
    opened.write_in_background()
    yield opened
    opened.close()


@pytest.mark.parametrize("chunk", [7, 2000])
def test_after_a_save_the_writer_holds_the_documents_not_their_text(
    store: Store, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(storage_module, "_CHUNK", chunk)
    with store.batch():
        for number in range(NAMES):
            store.add_contact(Contact(name=f"Contact {number:03d} Example", company="Northwind", role="Analyst"))
            store.add_followup(FollowUp(contact_id=number + 1, due=WHEN, note=f"Follow-up {number:03d}"))
    assert store.wait_for_writes(10) and store.settle() is None
    written = store.path.stat().st_size

    contact = store.contact(5)
    contact.role = "Engineer"
    store.update_contact(contact)
    assert store.wait_for_writes(10) and store.settle() is None

    assert json.loads(store.path.read_bytes())["contacts"]["5"]["role"] == "Engineer"
    # Before, the text of both tables stayed held after each save: as much as the file again.
    assert _text_held_by(store.storage) < written / 4


@pytest.mark.parametrize("chunk", [3, 2000])
def test_after_background_saves_a_moved_change_time_alone_is_still_told_from_an_edit(
    store: Store, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """The check reads the file and compares it with what the last save wrote, which is now
    made again from the documents: over several chunks, a table changed and one not."""
    monkeypatch.setattr(storage_module, "_CHUNK", chunk)
    saved = store.path
    with store.batch():
        store.add_contact(Contact(name="Alex Example"))
        store.add_contact(Contact(name="Sam Sample"))
        for number in range(20):
            store.add_followup(FollowUp(contact_id=1, due=WHEN, note=f"Follow-up {number:02d}"))
    store.wait_for_writes(10)
    assert store.settle() is None

    saved.chmod(0o640)  # a person tightening it by hand
    os.link(saved, saved.with_name("snapshot-by-a-backup-tool.json"))
    store.add_contact(Contact(name="Jordan Demo"))
    store.wait_for_writes(10)
    assert store.settle() is None
    assert conflict_files(saved.parent) == []
    assert names_in(saved) == ["Alex Example", "Jordan Demo", "Sam Sample"]

    edited = _same_size_edit(saved)  # the same size and times, in place: only the bytes differ
    store.add_contact(Contact(name="Casey Placeholder"))
    store.wait_for_writes(10)
    store.settle()
    assert saved.read_bytes() == edited
    [ours] = conflict_files(saved.parent)
    assert names_in(ours) == ["Alex Example", "Casey Placeholder", "Jordan Demo", "Sam Sample"]


def test_a_save_is_written_a_few_records_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What bounds the memory a save takes: no piece of a large table read from the file holds
    more than a chunk of records."""
    with Store.open(tmp_path / "w.json") as first:
        first.add_contact(Contact(name="Alex Example"))
    store = Store.open(tmp_path / "w.json")
    store.write_in_background()
    monkeypatch.setattr(storage_module, "_CHUNK", 3)
    pieces: list[bytes] = []
    write = storage_module.write_atomically

    def noted(target, payload, **options):  # type: ignore[no-untyped-def]
        if not isinstance(payload, bytes):
            pieces.extend(bytes(piece) for piece in payload)
        return write(target, payload, **options)

    monkeypatch.setattr(storage_module, "write_atomically", noted)
    try:
        with store.batch():
            for number in range(20):
                store.add_contact(Contact(name=f"Contact {number:02d} Example"))
        assert store.wait_for_writes(10) and store.settle() is None
        assert b"".join(pieces) == store.path.read_bytes()
    finally:
        store.close()
    contacts = [piece.count(b'"name": "Contact ') for piece in pieces]
    assert sum(contacts) == 20 and max(contacts) <= 3


def test_an_empty_document_saved_by_the_writer_is_the_one_saved_here(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    paths = {way: tmp_path / f"{way}.json" for way in ("here", "writer")}
    for way, path in paths.items():
        storage = DurableStorage(path)
        storage.keys_in_order = True
        if way == "writer":
            storage.write_in_background()
        try:
            storage.write({"contacts": {"1": {"name": "Alex Example"}}}, changed=("contacts",))
            storage.write({}, changed=())
            assert storage.wait_for_writes(10)
            assert storage.write_failure() is None
        finally:
            storage.close()
    assert paths["writer"].read_bytes() == paths["here"].read_bytes() == b"{}\n"
