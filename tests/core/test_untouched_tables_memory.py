"""What a save owes the tables it did not change, and the file another program changed: the
promises any way of saving must keep, whether the bytes of an untouched table come from memory
or are copied from the file they were read from.

- A save of any edit leaves every table whose records it did not change exactly as it was in
  the file, byte for byte, in this program's layout or another tool's.
- A file changed by another program since it was read or written is never written over: the
  file keeps their bytes, and ours goes to a conflict copy beside it. A change of its mode or a
  new name for it (a backup tool's hard link) changes no byte, and is saved over as usual.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.models import Contact, FollowUp, Interview, Touch, TouchKind
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)
_tables_as_text = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode
names = st.text(alphabet='abcé {}"\\\n→', min_size=1, max_size=8).filter(str.strip)


def tables_of(raw: bytes) -> dict[str, bytes]:
    """Each table's text as it stands in the file."""
    return {name: bytes(text) for name, text in _tables_as_text(raw).items()}


def foreign_layout(path: Path, contacts: int) -> None:
    """A workspace this program wrote, whose large tables another tool wrote again since (a
    merge, a script): compact, each record's fields in reverse order."""
    our_layout(path, contacts)
    pieces = []
    for name, text in tables_of(path.read_bytes()).items():
        if name in ("contacts", "interviews", "followups", "touches"):
            records = {key: dict(reversed(record.items())) for key, record in json.loads(text).items()}
            text = json.dumps(records, separators=(",", ":"), ensure_ascii=False).encode()
        pieces.append(b"  " + json.dumps(name).encode() + b": " + text)
    path.write_bytes(b"{\n" + b",\n".join(pieces) + b"\n}\n")


def our_layout(path: Path, contacts: int) -> None:
    """A workspace this program wrote, every large table in it."""
    with Store.open(path, clock=lambda: NOW) as store:
        for number in range(contacts):
            store.add_contact(Contact(name=f"Alex Example {number}", company="Northwind"))
        store.add_interview(Interview(contact_id=1, when=NOW))
        store.add_followup(FollowUp(contact_id=1, due=NOW + timedelta(days=3)))
        store.add_touch(Touch(contact_id=1, kind=TouchKind.ASKED, at=NOW))


Edit = Callable[[Store], object]


def first_contact(store: Store) -> int | None:
    ids = [contact.id for contact in store.contacts_unsorted() if contact.id is not None]
    return min(ids) if ids else None


def edit_contact(text: str) -> Edit:
    def edit(store: Store) -> None:
        contact_id = first_contact(store)
        if contact_id is not None:
            contact = store.contact(contact_id)
            contact.company = text
            store.update_contact(contact)

    return edit


def add_contact(text: str) -> Edit:
    return lambda store: store.add_contact(Contact(name=text.strip() or "Jordan Demo"))


def type_notes(text: str) -> Edit:
    def edit(store: Store) -> None:
        contact_id = first_contact(store)
        interviews = [] if contact_id is None else [i.id for i in store.interviews(contact_id) if i.id is not None]
        if interviews:
            store.save_notes(interviews[0], text)

    return edit


def add_followup(text: str) -> Edit:
    def edit(store: Store) -> None:
        contact_id = first_contact(store)
        if contact_id is not None:
            store.add_followup(FollowUp(contact_id=contact_id, due=NOW + timedelta(days=1), note=text))

    return edit


def add_touch(text: str) -> Edit:
    def edit(store: Store) -> None:
        contact_id = first_contact(store)
        if contact_id is not None:
            store.add_touch(Touch(contact_id=contact_id, kind=TouchKind.MET, at=NOW, note=text))

    return edit


def delete_contact(text: str) -> Edit:
    def edit(store: Store) -> None:
        contact_id = first_contact(store)
        if contact_id is not None:
            store.delete_contact(contact_id)

    return edit


EDITS = (edit_contact, add_contact, type_notes, add_followup, add_touch, delete_contact)


def open_store(path: Path, *, background: bool) -> Store:
    store = Store.open(path, clock=lambda: NOW)
    if background:
        store.write_in_background()
    return store


def saved(store: Store) -> None:
    """Until what was saved is in the file (a save on the writer's thread included)."""
    assert store.wait_for_writes(30)
    assert store.settle() is None


@settings(max_examples=40, deadline=None)
@given(
    ours=st.booleans(),
    background=st.booleans(),
    contacts=st.integers(1, 12),
    edits=st.lists(st.tuples(st.sampled_from(EDITS), names), min_size=1, max_size=4),
)
def test_a_save_of_any_edit_leaves_every_other_table_as_it_was_in_the_file(
    ours: bool, background: bool, contacts: int, edits: list[tuple[Callable[[str], Edit], str]]
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="untouched-"))
    try:
        path = folder / "interviews.json"
        (our_layout if ours else foreign_layout)(path, contacts)
        store = open_store(path, background=background)
        try:
            for make, text in edits:
                before = path.read_bytes()
                make(text)(store)
                saved(store)
                after = path.read_bytes()
                old, new = tables_of(before), tables_of(after)
                for name, text_before in old.items():
                    if name in new and json.loads(new[name]) == json.loads(text_before):
                        assert new[name] == text_before, f"{name} was written again differently"
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _replace(path: Path, payload: bytes) -> None:
    """A sync tool: a new file renamed over ours."""
    other = path.with_name("from-elsewhere")
    other.write_bytes(payload)
    os.replace(other, path)


def _in_place_same_time(path: Path, payload: bytes) -> None:
    """cp -p over it: the same inode written again, its modification time put back."""
    status = path.stat()
    with open(path, "r+b") as handle:
        handle.write(payload)
        handle.truncate()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def _in_place_later(path: Path, payload: bytes) -> None:
    """An editor saving into the same file."""
    status = path.stat()
    with open(path, "r+b") as handle:
        handle.write(payload)
        handle.truncate()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))


WAYS_TO_CHANGE = (_replace, _in_place_same_time, _in_place_later)


def _same_size_edit(raw: bytes) -> bytes:
    """One letter of a name changed for another: the same size, a different file."""
    return raw.replace(b"Example", b"Exampl3", 1)


@settings(max_examples=40, deadline=None)
@given(
    background=st.booleans(),
    saves_first=st.integers(0, 2),
    way=st.sampled_from(WAYS_TO_CHANGE),
    same_size=st.booleans(),
    also=st.sampled_from(("nothing", "chmod", "link")),
)
def test_a_file_changed_by_another_program_meanwhile_is_never_overwritten(
    background: bool, saves_first: int, way: Callable[[Path, bytes], None], same_size: bool, also: str
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="changed-"))
    try:
        path = folder / "interviews.json"
        our_layout(path, 3)
        store = open_store(path, background=background)
        try:
            for number in range(saves_first):  # read as opened, or as last written
                store.add_contact(Contact(name=f"Jordan Demo {number}"))
                saved(store)
            raw = path.read_bytes()
            theirs = _same_size_edit(raw) if same_size else raw.replace(b"Northwind", b"Contoso Ltd", 1)
            assert theirs != raw
            way(path, theirs)
            if also == "chmod":
                path.chmod(0o640)
            elif also == "link":
                os.link(path, folder / "snapshot-by-a-backup-tool.json")

            store.add_contact(Contact(name="Casey Placeholder"))
            saved(store)

            assert path.read_bytes() == theirs, "their version was written over"
            [copy] = sorted(folder.glob("*.conflict-*.json"))
            names_kept = sorted(record["name"] for record in json.loads(copy.read_bytes())["contacts"].values())
            assert "Casey Placeholder" in names_kept
            assert len(names_kept) == 3 + saves_first + 1
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=20, deadline=None)
@given(background=st.booleans(), saves_first=st.integers(0, 2), also=st.sampled_from(("chmod", "link", "both")))
def test_a_new_mode_or_a_new_name_changes_no_byte_and_is_saved_over(
    background: bool, saves_first: int, also: str
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="metadata-"))
    try:
        path = folder / "interviews.json"
        our_layout(path, 3)
        store = open_store(path, background=background)
        try:
            for number in range(saves_first):
                store.add_contact(Contact(name=f"Jordan Demo {number}"))
                saved(store)
            if also in ("chmod", "both"):
                path.chmod(0o640)
            if also in ("link", "both"):
                os.link(path, folder / "snapshot-by-a-backup-tool.json")

            store.add_contact(Contact(name="Casey Placeholder"))
            saved(store)

            assert not list(folder.glob("*.conflict-*.json"))
            names_kept = sorted(record["name"] for record in json.loads(path.read_bytes())["contacts"].values())
            assert "Casey Placeholder" in names_kept
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
