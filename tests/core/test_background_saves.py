"""Saves written by the writer's thread (the app) leave the file exactly as saves written on the
caller's thread (the command line) do, for any session; and a write that fails there puts back
what it held, as a failed save on the caller's thread does, never what was typed since."""

from __future__ import annotations

import errno
import json
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, precondition, rule

from interview_tui.core import storage as storage_module
from interview_tui.core.errors import NotFound, SaveFailed, WorkspaceReadOnly
from interview_tui.core.models import Contact, FollowUp, Interview, Touch, TouchKind
from interview_tui.core.storage import backup_path
from interview_tui.core.store import Store

from .side_by_side import NOW, SideBySide, text, write_seed


def _seed(path: Path, *, ours: bool) -> None:
    write_seed(path)
    if ours:  # this program's own layout
        with Store.open(path, clock=lambda: NOW) as store:
            store.add_touch(Touch(contact_id=1, kind=TouchKind.MET, at=NOW))


def _fail_next_write(store: Store) -> None:
    """The next write of this store's file fails as a full disk does (once)."""
    storage = store.storage

    def full(*args: Any, **kwargs: Any) -> None:
        del storage._write_file  # type: ignore[attr-defined]  # the class's own again
        raise SaveFailed(f"could not save {storage.path}: No space left on device; the previous file is intact.")

    storage._write_file = full  # type: ignore[method-assign]


class Background(SideBySide):
    """The same steps on two copies of one file: one store saving on this thread, one handing
    its saves to the writer (not waiting for them, so that saves queue and merge)."""

    WAYS = ("here", "writer")

    def __init__(self) -> None:
        super().__init__()
        self.folder: Path | None = None

    @initialize(ours=st.booleans())
    def open_both(self, ours: bool) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="background-"))
        seed = self.folder / "seed.json"
        _seed(seed, ours=ours)
        for way in ("here", "writer"):
            (self.folder / way).mkdir()
            shutil.copyfile(seed, self.path(way))
        self.reopen()

    def path(self, way: str) -> Path:
        assert self.folder is not None
        return self.folder / way / "interviews.json"

    def reopen(self) -> None:
        for store in self.stores.values():
            store.close()
        self.stores["here"] = Store.open(self.path("here"), clock=lambda: NOW)
        self.stores["writer"] = Store.open(self.path("writer"), clock=lambda: NOW)
        self.stores["writer"].write_in_background()

    @precondition(lambda self: bool(self.ids()))
    @rule(data=st.data(), notes=text)
    def note(self, data: st.DataObject, notes: str) -> None:
        contact_id = data.draw(st.sampled_from(self.ids()))

        def add(s: Store) -> None:
            found = s.interviews(contact_id)
            if found:
                assert found[0].id is not None
                s.save_notes(found[0].id, notes)
            else:
                s.add_interview(Interview(contact_id=contact_id, when=NOW, notes=notes))

        self.both(add)

    @precondition(lambda self: bool(self.ids()))
    @rule(data=st.data(), name=text.filter(str.strip))
    def a_change_that_cannot_be_saved(self, data: st.DataObject, name: str) -> None:
        """A full disk at the next write: on this thread the change raises and is put back; by
        the writer, the change returns, and settling puts it back and says why."""
        contact_id = data.draw(st.sampled_from(self.ids()))
        writer = self.stores["writer"]
        writer.wait_for_writes()
        assert writer.settle() is None
        for store in self.stores.values():
            _fail_next_write(store)

        def rename(s: Store) -> None:
            contact = s.contact(contact_id)
            # A change, which the same name would not be: an edit that changes nothing saves nothing.
            contact.name = name.strip() if name.strip() != contact.name else f"{contact.name} renamed"
            s.update_contact(contact)

        with pytest.raises(SaveFailed):
            rename(self.stores["here"])
        rename(writer)
        assert writer.wait_for_writes(5)
        failure = writer.settle()
        assert isinstance(failure, SaveFailed)
        assert writer.settle() is None  # said once
        assert writer.contact(contact_id).name == self.stores["here"].contact(contact_id).name
        # Both have it in memory to save again with the next change: make one, the same.
        self.both(lambda s: s.add_followup(FollowUp(contact_id=contact_id, due=NOW)))

    @rule(data=st.data())
    def prepare_a_table(self, data: st.DataObject) -> None:
        """What the app does after its first frame: a large table made ready for changes."""
        writer = self.stores["writer"]
        tables = writer.tables_to_prepare()
        if tables:
            writer.prepare_for_changes(data.draw(st.sampled_from(tables)))

    @rule()
    def reopen_both(self) -> None:
        self.stores["writer"].wait_for_writes()
        assert self.stores["writer"].settle() is None
        self.reopen()

    @rule()
    def compare(self) -> None:
        """Once the writer is done: the same bytes in both files."""
        writer = self.stores["writer"]
        assert writer.wait_for_writes(5)
        assert writer.settle() is None
        assert not writer.has_unsaved_changes
        assert self.path("writer").read_bytes() == self.path("here").read_bytes()

    def teardown(self) -> None:
        if self.stores:
            self.compare()
        for store in self.stores.values():
            store.close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


Background.TestCase.settings = settings(
    max_examples=60, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_the_writer_leaves_the_same_file_as_saving_here = Background.TestCase


# Examples a person would notice ----------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Any:
    store = Store.open(tmp_path / "interviews.json", clock=lambda: NOW)
    store.write_in_background()
    yield store
    store.close()


def _on_disk(store: Store) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(store.path.read_text())
    return result


def test_a_change_returns_at_once_and_the_file_holds_it_once_written(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert store.wait_for_writes(5)
    assert store.settle() is None
    assert not store.has_unsaved_changes
    assert _on_disk(store)["contacts"][str(alex.id)]["name"] == "Alex Example"


def test_a_failed_write_puts_back_the_changes_it_held_newest_first_and_they_cannot_be_undone(store: Store) -> None:
    kept = store.add_contact(Contact(name="Kept Example"))
    store.wait_for_writes()
    store.settle()
    _fail_next_write(store)
    sam = store.add_contact(Contact(name="Sam Sample"))
    renamed = store.contact(kept.id or 0)
    renamed.name = "Renamed Example"
    store.update_contact(renamed)  # refused by the writer behind the failed one
    store.wait_for_writes()
    failure = store.settle()
    assert isinstance(failure, SaveFailed) and "No space left on device" in str(failure)
    assert [c.name for c in store.contacts()] == ["Kept Example"]
    # In words, oldest first, for the person told a moment ago that they were made.
    assert store.taken_back == ["the last change to Sam Sample", "the last change to Kept Example"]
    with pytest.raises(NotFound):
        store.contact(sam.id or 0)
    assert not store.has_unsaved_changes  # all put back, nothing typed since: memory is the file
    # Undo takes back the last change that was saved, not the ones put back.
    store.undo()
    assert store.contacts() == []
    store.wait_for_writes()
    assert store.settle() is None
    assert not _on_disk(store).get("contacts")


def test_notes_typed_after_a_change_that_fails_are_kept(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    talk = store.add_interview(Interview(contact_id=alex.id or 0, when=NOW))
    store.wait_for_writes()
    store.settle()
    _fail_next_write(store)
    moved = store.interview(talk.id or 0)
    moved.when = NOW + timedelta(days=1)
    store.update_interview(moved)  # a tracked change: put back if it fails
    store.save_notes(talk.id or 0, "every word typed after it")  # typed: never taken back
    store.wait_for_writes()
    assert isinstance(store.settle(), SaveFailed)
    now = store.interview(talk.id or 0)
    assert now.notes == "every word typed after it"
    assert now.when == NOW
    store.add_followup(FollowUp(contact_id=alex.id or 0, due=NOW))  # the next change saves all
    store.wait_for_writes()
    assert store.settle() is None
    assert _on_disk(store)["interviews"][str(talk.id)]["notes"] == "every word typed after it"


def test_a_kept_change_that_fails_stays_in_memory_and_in_the_undo_history_for_the_next_write(store: Store) -> None:
    # Notes started with one key: what is typed next goes into the conversation it made.
    alex = store.add_contact(Contact(name="Alex Example"))
    store.wait_for_writes()
    store.settle()
    _fail_next_write(store)
    with store.change(kept=True):
        talk = store.add_interview(Interview(contact_id=alex.id or 0, when=NOW))
    renamed = store.contact(alex.id or 0)
    renamed.name = "Renamed Example"
    store.update_contact(renamed)  # not kept: put back as ever
    store.wait_for_writes()
    assert isinstance(store.settle(), SaveFailed)
    assert store.interview(talk.id or 0).contact_id == alex.id
    assert store.contact(alex.id or 0).name == "Alex Example"
    assert store.needs_saving  # the next save writes it, with nothing else changed
    store.flush()
    store.wait_for_writes()
    assert store.settle() is None
    assert str(talk.id) in _on_disk(store)["interviews"]
    assert _on_disk(store)["contacts"][str(alex.id)]["name"] == "Alex Example"
    store.undo()  # still one step of the history
    store.wait_for_writes()
    assert store.settle() is None
    assert not _on_disk(store).get("interviews")


def test_changes_made_before_a_kept_one_are_still_put_back(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    store.wait_for_writes()
    store.settle()
    _fail_next_write(store)
    renamed = store.contact(alex.id or 0)
    renamed.name = "Renamed Example"
    store.update_contact(renamed)  # not kept, and older than the kept one
    with store.change(kept=True):
        talk = store.add_interview(Interview(contact_id=alex.id or 0, when=NOW))
    store.wait_for_writes()
    assert isinstance(store.settle(), SaveFailed)
    assert store.contact(alex.id or 0).name == "Alex Example"
    assert store.interview(talk.id or 0).contact_id == alex.id
    assert store.taken_back == ["the last change to Alex Example"]


def test_a_kept_change_whose_save_fails_here_stays_in_memory_and_the_error_is_still_raised(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "interviews.json", clock=lambda: NOW)
    alex = store.add_contact(Contact(name="Alex Example"))
    _fail_next_write(store)
    made: list[Interview] = []
    with pytest.raises(SaveFailed, match="No space left on device"), store.change(kept=True):
        made.append(store.add_interview(Interview(contact_id=alex.id or 0, when=NOW)))
    assert store.interview(made[0].id or 0).contact_id == alex.id
    assert store.has_unsaved_changes
    store.flush()
    assert str(made[0].id) in _on_disk(store)["interviews"]
    assert store.can_undo()
    store.close()


def test_an_undo_that_cannot_be_written_can_be_undone_again(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example"))
    store.wait_for_writes()
    store.settle()
    _fail_next_write(store)
    store.undo()
    assert store.contacts() == []
    store.wait_for_writes()
    assert isinstance(store.settle(), SaveFailed)
    assert [c.name for c in store.contacts()] == ["Alex Example"]
    assert store.taken_back == ["the undo of the last change to Alex Example"]
    assert store.can_undo()
    store.undo()
    store.wait_for_writes()
    assert store.settle() is None
    assert not _on_disk(store).get("contacts")


def test_erasing_for_good_leaves_no_trace_in_the_backup_when_written_in_the_background(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", email="alex@example.com"))
    entry = store.delete_contact(alex.id or 0)
    store.purge([entry.id or 0])
    store.wait_for_writes()
    assert store.settle() is None
    assert b"alex@example.com" not in store.path.read_bytes()
    assert b"alex@example.com" not in backup_path(store.path).read_bytes()


def test_closing_waits_for_the_last_save(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    store = Store.open(path, clock=lambda: NOW)
    store.write_in_background()
    store.add_contact(Contact(name="Alex Example"))
    store.close()
    assert "Alex Example" in path.read_text()


def test_a_read_only_workspace_refuses_at_once_not_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    Store.open(path).close()
    path.chmod(0o444)
    store = Store.open(path, clock=lambda: NOW)
    store.write_in_background()
    try:
        with pytest.raises(Exception, match="read-only"):
            store.add_contact(Contact(name="Alex Example"))
        assert store.contacts() == []
        # Kept or not: no later write could hold it.
        with pytest.raises(WorkspaceReadOnly), store.change(kept=True):
            store.add_contact(Contact(name="Alex Example"))
        assert store.contacts() == []
        assert not store.has_unsaved_changes
    finally:
        store.close()


def test_a_disk_error_from_the_system_is_said_in_words(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_contact(Contact(name="Alex Example"))
    store.wait_for_writes()
    store.settle()

    def no_space(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module, "write_atomically", no_space)
    store.add_contact(Contact(name="Sam Sample"))
    store.wait_for_writes()
    failure = store.settle()
    assert isinstance(failure, SaveFailed)
    assert "No space left on device" in str(failure) and "previous file is intact" in str(failure)


def test_a_file_changed_by_another_program_is_said_once_on_the_callers_thread(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example"))
    store.wait_for_writes()
    store.settle()
    told: list[Path] = []
    store.on_diverted = told.append
    theirs = b'{"contacts": {}}\n'
    store.path.write_bytes(theirs)  # a sync tool puts its own version in place
    store.add_contact(Contact(name="Sam Sample"))
    store.wait_for_writes()
    assert told == []  # not from the writer's thread
    assert store.settle() is None
    assert len(told) == 1 and told[0].exists() and "Sam Sample" in told[0].read_text()
    assert store.path.read_bytes() == theirs
    store.add_contact(Contact(name="Bo Placeholder"))
    store.wait_for_writes()
    assert store.settle() is None
    assert len(told) == 1  # said once; later saves go to the same copy
    assert "Bo Placeholder" in told[0].read_text()


def _here_and_by_the_writer(tmp_path: Path) -> tuple[dict[str, Path], dict[str, Store]]:
    """Two copies of one workspace in this program's layout, each open: "here" saving on this
    thread, "writer" handing its saves to the writer's thread."""
    paths = {}
    for way in ("here", "writer"):
        (tmp_path / way).mkdir()
        paths[way] = tmp_path / way / "interviews.json"
        _seed(paths[way], ours=True)
    stores = {way: Store.open(path, clock=lambda: NOW) for way, path in paths.items()}
    stores["writer"].write_in_background()
    return paths, stores


@pytest.mark.parametrize("chunk", [1, 2, 3, 2000])
def test_large_tables_are_written_in_chunks_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """The writer encodes a table a few thousand records at a time (so the screen is never held
    up for long); at any chunk size the file is the one saving here writes."""
    monkeypatch.setattr(storage_module, "_CHUNK", chunk)
    paths, stores = _here_and_by_the_writer(tmp_path)
    try:
        for store in stores.values():
            for number in range(12):  # ids 3..14: "10" sorts before "3", as the file orders them
                store.add_contact(Contact(name=f"Contact {number:02d} Example"))
            edited = store.contact(7)
            edited.company = "Northwind"
            store.update_contact(edited)
            store.delete_contact(4)
        stores["writer"].wait_for_writes()
        assert stores["writer"].settle() is None
        assert paths["writer"].read_bytes() == paths["here"].read_bytes()
    finally:
        for store in stores.values():
            store.close()


@pytest.mark.parametrize("change_after", [0, 1, 2, 3, 4])
def test_changes_made_between_the_pieces_of_making_tables_ready_are_saved_as_without_them(
    tmp_path: Path, change_after: int
) -> None:
    """The app makes each large table ready for its first change in pieces, one between frames
    (``Store.preparing``); a change may come between any two. The file is then the one the same
    changes write with no table made ready at all."""
    paths = {}
    for way in ("prepared", "not"):
        (tmp_path / way).mkdir()
        paths[way] = tmp_path / way / "interviews.json"
        _seed(paths[way], ours=True)
    stores = {way: Store.open(path, clock=lambda: NOW) for way, path in paths.items()}
    for store in stores.values():
        store.write_in_background()
    try:
        prepared = stores["prepared"]
        assert len(prepared.tables_to_prepare()) >= 2
        for table in prepared.tables_to_prepare():
            for number, piece in enumerate(prepared.preparing(table)):
                if number == change_after:
                    for store in stores.values():
                        alex = store.add_contact(Contact(name=f"Alex Example {table}"))
                        store.add_followup(FollowUp(contact_id=alex.id or 0, due=NOW, note=f"after {number}"))
                piece()
        assert prepared.tables_to_prepare() == []
        for store in stores.values():
            edited = store.contact(1)
            edited.company = "Northwind"
            store.update_contact(edited)
            store.wait_for_writes()
            assert store.settle() is None
        assert paths["prepared"].read_bytes() == paths["not"].read_bytes()
    finally:
        for store in stores.values():
            store.close()


@pytest.mark.parametrize(
    "before", ["nothing", "another table saved", "another table saved, then this one made ready"]
)
def test_the_first_change_of_a_table_is_saved_without_the_writer_cutting_its_text_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    """A change before the app made the table ready (a person who saves within a second of
    starting) cuts the table's text into its records on this thread; the writer is handed those
    records, and never cuts the whole text again on its own thread, which held the screen up for
    as long in the middle of the save. So too when an earlier save of another table (a contact
    edited) had handed the writer this one as the text it was read as, whether the app made it
    ready in between or not: the writer cut it at its first change, 60 ms and more at 100,000
    follow-ups. The file is the one saving here writes."""
    cut_by_the_writer: list[int] = []
    whole = storage_module._records_as_text
    monkeypatch.setattr(storage_module, "_records_as_text", lambda raw: cut_by_the_writer.append(len(raw)) or whole(raw))
    paths, stores = _here_and_by_the_writer(tmp_path)
    try:
        assert "followups" in stores["writer"].storage.tables_kept_as_text()
        if before != "nothing":
            for store in stores.values():
                edited = store.contact(1)
                edited.company = "Northwind"
                store.update_contact(edited)
            stores["writer"].wait_for_writes()
            assert "followups" in stores["writer"].storage.tables_kept_as_text()
        if before.endswith("made ready"):
            for piece in stores["writer"].preparing("followups"):
                piece()
        # The first change, then later ones handed over record by record: the same bytes each time.
        for note, contact_id, added in (("nudge, sent", 1, "thank Alex"), ("nudge, answered", 2, "ask Sam")):
            for store in stores.values():
                edited = store.followup(1)
                edited.note = note
                store.update_followup(edited)
                store.add_followup(FollowUp(contact_id=contact_id, due=NOW, note=added))
            stores["writer"].wait_for_writes()
            assert stores["writer"].settle() is None
            assert cut_by_the_writer == []
            assert paths["writer"].read_bytes() == paths["here"].read_bytes()
    finally:
        for store in stores.values():
            store.close()
