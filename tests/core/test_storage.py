"""The storage layer: the lock, refusing files it cannot read, file modes, atomic writes, and the
document kept in memory after the first read."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_tui.core.errors import (
    NotFound,
    SaveFailed,
    WorkspaceInUse,
    WorkspaceUnavailable,
    WorkspaceUnreadable,
)
from interview_tui.core.models import Contact
from interview_tui.core.storage import DurableStorage, backup_path, lock_path
from interview_tui.core.store import Store


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftover_temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def names_on_disk(path: Path) -> set[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {doc["name"] for doc in data.get("contacts", {}).values()}


def run_cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_TUI_DB"}
    return subprocess.run(
        [sys.executable, "-m", "interview_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.fixture
def workspace(db_path: Path, fixed_clock) -> Iterator[Store]:
    store = Store.open(db_path, clock=fixed_clock)
    yield store
    store.close()


@pytest.fixture
def umask_zero() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


# The lock --------------------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from interview_tui.core.store import Store
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.read()
    store.close()
    """
)


def test_a_second_process_is_told_which_pid_holds_the_file_and_changes_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_contact(Contact(name="Ann Example"))
        store.add_contact(Contact(name="Cleo Demo"))  # a second save, so the backup exists
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        before = db_path.read_bytes()
        backup_before = backup_path(db_path).read_bytes()

        # A command that only looks reads what the holder last saved (tests/cli/test_while_the_app_is_open.py).
        listing = run_cli(db_path, "list")
        assert listing.returncode == 0, listing.stderr
        assert "Ann Example" in listing.stdout

        adding = run_cli(db_path, "add", "Bob Sample")
        assert adding.returncode != 0
        assert f"in use by PID {holder.pid}" in adding.stderr
        assert str(db_path) in adding.stderr
        assert "Traceback" not in adding.stderr
        assert db_path.read_bytes() == before
        assert backup_path(db_path).read_bytes() == backup_before

        # And in this process: the holder's PID travels on the exception.
        with pytest.raises(WorkspaceInUse) as caught:
            Store.open(db_path)
        assert caught.value.pid == holder.pid
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert holder.returncode == 0

    # Once the first one has gone, the same command works.
    listing = run_cli(db_path, "list")
    assert listing.returncode == 0, listing.stderr
    assert "Ann Example" in listing.stdout


def test_a_killed_holder_does_not_leave_the_file_locked(db_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    with pytest.raises(WorkspaceInUse):
        DurableStorage(db_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert holder.stdin is not None
    holder.stdin.close()
    with Store.open(db_path) as store:
        assert len(store.questions()) == 9


def test_the_cli_is_refused_while_this_process_holds_the_file(workspace: Store, db_path: Path) -> None:
    workspace.add_contact(Contact(name="Ann Example"))
    before = db_path.read_bytes()
    result = run_cli(db_path, "add", "Bob Sample")
    assert result.returncode == 1
    assert f"in use by PID {os.getpid()}" in result.stderr
    assert db_path.read_bytes() == before


def test_a_second_storage_in_the_same_process_is_refused_until_the_first_closes(db_path: Path) -> None:
    first = DurableStorage(db_path)
    first.write({"contacts": {"1": {"name": "Ann"}}})
    with pytest.raises(WorkspaceInUse) as caught:
        DurableStorage(db_path)
    assert str(caught.value) == (
        f"{db_path} is in use by PID {os.getpid()}. Close the other interview-tui first, "
        "or open a different file with --db."
    )
    first.close()
    second = DurableStorage(db_path)
    try:
        assert second.read() == {"contacts": {"1": {"name": "Ann"}}}
    finally:
        second.close()


def test_a_refused_open_does_not_take_the_lock_from_the_holder(db_path: Path) -> None:
    first = DurableStorage(db_path)
    try:
        for _ in range(3):
            with pytest.raises(WorkspaceInUse):
                DurableStorage(db_path)
        first.write({"contacts": {}})  # the holder can still save
        with pytest.raises(WorkspaceInUse):
            DurableStorage(db_path)
    finally:
        first.close()


def test_closing_twice_is_harmless(db_path: Path) -> None:
    store = Store.open(db_path)
    store.close()
    store.close()
    Store.open(db_path).close()


def test_saving_after_close_is_refused_and_does_not_touch_the_file(db_path: Path) -> None:
    """Without the lock another instance may own the file by now: writing would overwrite its work."""
    store = Store.open(db_path)
    store.add_contact(Contact(name="Ann Example"))
    store.close()
    other = Store.open(db_path)
    other.add_contact(Contact(name="Bob Sample"))
    before = db_path.read_bytes()
    with pytest.raises(SaveFailed) as caught:
        store.add_contact(Contact(name="Late Writer"))
    assert str(db_path) in str(caught.value)
    assert db_path.read_bytes() == before
    other.close()
    assert names_on_disk(db_path) == {"Ann Example", "Bob Sample"}


# Files it cannot read --------------------------------------------------------------------------


def _real_workspace_bytes(tmp_path: Path) -> bytes:
    source = tmp_path / "source" / "w.json"
    source.parent.mkdir()
    with Store.open(source) as store:
        for name in ("Ann Example", "Bob Sample", "Chen Demo"):
            store.add_contact(Contact(name=name, company="Acme"))
    return source.read_bytes()


CORRUPT = {
    "garbage": lambda _: b"\x00\xff\xfe\x89PNG\r\n\x1a\n garbage",
    "truncated": lambda tmp: _real_workspace_bytes(tmp)[:-40],
    "empty": lambda _: b"",
    "blank": lambda _: b"  \n\t\n",
    "a JSON list": lambda _: b'[{"name": "Ann"}]',
    "a JSON string": lambda _: b'"hello"',
    "a table that is a list": lambda _: b'{"contacts": [{"name": "Ann"}]}',
    "a record that is not an object": lambda _: b'{"contacts": {"1": "Ann"}}',
    "a record id that is not a number": lambda _: b'{"contacts": {"ann": {"name": "Ann"}}}',
    "a newer schema": lambda _: b'{"contacts": {}, "meta": {"1": {"schema_version": 999}}}\n',
}


@pytest.mark.parametrize("with_backup", [False, True], ids=["no backup", "with backup"])
@pytest.mark.parametrize("kind", list(CORRUPT))
def test_a_file_it_cannot_read_is_refused_by_name_and_left_untouched(
    tmp_path: Path, db_path: Path, kind: str, with_backup: bool
) -> None:
    content = CORRUPT[kind](tmp_path)
    db_path.write_bytes(content)
    backup = backup_path(db_path)
    if with_backup:
        backup.write_bytes(b'{"contacts": {}}\n')
    listing_before = {p.name for p in db_path.parent.iterdir()}
    stat_before = db_path.stat()

    for _ in range(2):  # a refused open releases the lock: the second attempt is refused the same way
        with pytest.raises(WorkspaceUnreadable) as caught:
            Store.open(db_path)
        message = str(caught.value)
        assert str(db_path) in message
        if with_backup and kind != "a newer schema":
            assert str(backup) in message
        if kind == "a newer schema":
            # Not damaged: putting the backup over it would lose what the newer version saved.
            assert "do not restore the backup" in message

    assert db_path.read_bytes() == content
    assert db_path.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert db_path.stat().st_ino == stat_before.st_ino
    if with_backup:
        assert backup.read_bytes() == b'{"contacts": {}}\n'
    # Nothing written beside it either, apart from the lock file.
    assert {p.name for p in db_path.parent.iterdir()} - listing_before <= {lock_path(db_path).name}


def test_the_cli_reports_an_unreadable_file_in_one_line(db_path: Path) -> None:
    db_path.write_bytes(b"{not json")
    result = run_cli(db_path, "list")
    assert result.returncode == 1
    assert str(db_path) in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert db_path.read_bytes() == b"{not json"


# File modes ------------------------------------------------------------------------------------


def test_created_directories_are_0700_and_files_0600_even_with_umask_zero(
    tmp_path: Path, umask_zero: None
) -> None:
    path = tmp_path / "home" / ".local" / "share" / "interview-tui" / "interviews.json"
    with Store.open(path, create_dirs=True) as store:
        store.add_contact(Contact(name="Ann Example"))  # the first save creates the file
        store.add_contact(Contact(name="Bob Sample"))  # a second save, so the backup exists
    for directory in (
        tmp_path / "home",
        tmp_path / "home" / ".local",
        tmp_path / "home" / ".local" / "share",
        tmp_path / "home" / ".local" / "share" / "interview-tui",
    ):
        assert oct(mode_of(directory)) == oct(0o700), directory
    assert oct(mode_of(path)) == oct(0o600)
    assert oct(mode_of(backup_path(path))) == oct(0o600)
    assert oct(mode_of(lock_path(path))) == oct(0o600)


def test_an_existing_directory_keeps_its_mode(tmp_path: Path, umask_zero: None) -> None:
    tmp_path.chmod(0o755)
    path = tmp_path / "interviews.json"
    with Store.open(path, create_dirs=True) as store:
        store.add_contact(Contact(name="Ann Example"))
    assert oct(mode_of(tmp_path)) == oct(0o755)
    assert oct(mode_of(path)) == oct(0o600)


def test_a_world_readable_workspace_is_tightened_by_the_next_save(db_path: Path, umask_zero: None) -> None:
    db_path.write_text('{"contacts": {"1": {"name": "Ann Example"}}}')
    db_path.chmod(0o644)
    with Store.open(db_path) as store:
        store.add_contact(Contact(name="Bob Sample"))
        store.add_contact(Contact(name="Chen Demo"))
    assert oct(mode_of(db_path)) == oct(0o600)
    assert oct(mode_of(backup_path(db_path))) == oct(0o600)


# Atomic writes ---------------------------------------------------------------------------------


def test_a_save_writes_a_complete_temp_file_beside_the_workspace_then_renames_it(
    workspace: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, ...]] = []
    real_replace, real_fsync = os.replace, os.fsync

    def replace(src, dst, *args, **kwargs):
        src, dst = Path(src), Path(dst)
        if dst == db_path:
            assert src.parent == db_path.parent, "the temp file must be on the same file system"
            assert src.name.endswith(".tmp") and src.name.startswith(".")
            # Complete and parseable before it takes the workspace's place.
            assert "Ann Example" in {d["name"] for d in json.loads(src.read_bytes())["contacts"].values()}
            assert oct(mode_of(src)) == oct(0o600)
            events.append(("replace", src.name))
        return real_replace(src, dst, *args, **kwargs)

    def fsync(fd):
        events.append(("fsync", "directory" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"))
        return real_fsync(fd)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "fsync", fsync)
    workspace.add_contact(Contact(name="Ann Example"))
    monkeypatch.undo()

    kinds = [e[0] if e[0] == "replace" else e[1] for e in events]
    assert kinds == ["file", "replace", "directory"]
    assert not (db_path.parent / events[1][1]).exists()
    assert leftover_temp_files(db_path.parent) == []
    assert names_on_disk(db_path) == {"Ann Example"}


def test_the_backup_holds_the_previous_version(workspace: Store, db_path: Path) -> None:
    workspace.add_contact(Contact(name="Ann Example"))
    previous = db_path.read_bytes()
    workspace.add_contact(Contact(name="Bob Sample"))
    assert backup_path(db_path).read_bytes() == previous
    assert names_on_disk(backup_path(db_path)) == {"Ann Example"}
    assert names_on_disk(db_path) == {"Ann Example", "Bob Sample"}
    # Editing the workspace never changes the backup in place (it is not a hard link to it).
    latest = db_path.read_bytes()
    workspace.add_contact(Contact(name="Chen Demo"))
    assert backup_path(db_path).read_bytes() == latest


def _fail_fsync(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def _fail_every_replace(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    def replace(src, dst, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", replace)


def _fail_the_workspace_replace(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == db_path:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def _fail_creating_the_temp_file(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    def mkstemp(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def _fail_writing(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))


@pytest.mark.parametrize(
    "break_disk",
    [_fail_fsync, _fail_every_replace, _fail_the_workspace_replace, _fail_creating_the_temp_file, _fail_writing],
    ids=["fsync", "every rename", "the final rename", "creating the temp file", "a short write"],
)
def test_a_failed_save_keeps_the_old_file_and_memory_as_before_the_change(
    workspace: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch, break_disk
) -> None:
    workspace.add_contact(Contact(name="Ann Example"))
    workspace.add_contact(Contact(name="Bob Sample"))
    before = db_path.read_bytes()
    backup_before = backup_path(db_path).read_bytes()
    listing_before = sorted(p.name for p in db_path.parent.iterdir())

    break_disk(monkeypatch, db_path)
    with pytest.raises(SaveFailed) as caught:
        workspace.add_contact(Contact(name="Chen Demo"))
    monkeypatch.undo()

    assert str(db_path) in str(caught.value)
    assert db_path.read_bytes() == before
    assert backup_path(db_path).read_bytes() == backup_before
    assert leftover_temp_files(db_path.parent) == []
    assert sorted(p.name for p in db_path.parent.iterdir()) == listing_before
    # The change is put back in memory too (the form that made it stays open with the
    # message): saving again must not add a second Chen, nor a cancelled form save one later.
    in_memory = workspace.storage.read()["contacts"].values()
    assert sorted(doc["name"] for doc in in_memory) == ["Ann Example", "Bob Sample"]
    assert [c.name for c in workspace.contacts()] == ["Ann Example", "Bob Sample"]

    workspace.storage.flush()
    assert not workspace.storage.has_unsaved_changes
    assert names_on_disk(db_path) == {"Ann Example", "Bob Sample"}


def test_a_failed_save_is_not_written_by_the_next_change(
    workspace: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.add_contact(Contact(name="Ann Example"))
    _fail_fsync(monkeypatch, db_path)
    with pytest.raises(SaveFailed):
        workspace.add_contact(Contact(name="Bob Sample"))
    monkeypatch.undo()
    workspace.add_contact(Contact(name="Chen Demo"))
    workspace.close()
    with Store.open(db_path) as reopened:
        # Bob's form stayed open with the message; cancelled, it saved nothing.
        assert [c.name for c in reopened.contacts()] == ["Ann Example", "Chen Demo"]


def test_a_document_that_cannot_be_encoded_is_a_save_failure_not_a_crash(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    try:
        storage.write({"contacts": {"1": {"name": "Ann"}}})
        before = db_path.read_bytes()
        with pytest.raises(SaveFailed):
            storage.write({"contacts": {"1": {"name": "Ann\udcff"}}})
        assert db_path.read_bytes() == before
        assert storage.has_unsaved_changes
        assert leftover_temp_files(db_path.parent) == []
    finally:
        storage.close()


def test_the_file_is_sorted_indented_json_and_stable(workspace: Store, db_path: Path) -> None:
    workspace.add_contact(Contact(name="Zoë Ärger", company="Ünïcode GmbH", tags=["b", "a"]))
    workspace.add_contact(Contact(name="Ann Example"))
    text = db_path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Zoë Ärger" in text  # readable, not \u-escaped
    first = db_path.read_bytes()
    workspace.storage.flush()
    assert db_path.read_bytes() == first


def test_the_same_data_gives_the_same_bytes_whatever_the_order_it_was_built_in(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    docs = {"1": {"name": "Ann", "company": "Acme"}, "2": {"company": "Initech", "name": "Bob"}}
    forward = {"meta": {"1": {"schema_version": 1}}, "contacts": docs}
    backward = {"contacts": {k: dict(reversed(v.items())) for k, v in reversed(docs.items())}, "meta": forward["meta"]}
    for path, data in ((a, forward), (b, backward)):
        storage = DurableStorage(path)
        storage.write(data)
        storage.close()
    assert a.read_bytes() == b.read_bytes()


# In memory after the first read ----------------------------------------------------------------


def test_the_file_is_read_once_deleting_it_changes_nothing_in_memory(workspace: Store, db_path: Path) -> None:
    workspace.add_contact(Contact(name="Ann Example", company="Acme"))
    db_path.unlink()
    assert [c.name for c in workspace.contacts()] == ["Ann Example"]
    assert workspace.find_contact("ann").company == "Acme"
    assert workspace.storage.read()["contacts"]["1"]["name"] == "Ann Example"
    # The next save puts everything back, not only the new change.
    workspace.add_contact(Contact(name="Bob Sample"))
    assert names_on_disk(db_path) == {"Ann Example", "Bob Sample"}
    assert len(json.loads(db_path.read_text())["questions"]) == 9


def test_the_file_is_read_once_altering_it_changes_nothing_in_memory(workspace: Store, db_path: Path) -> None:
    workspace.add_contact(Contact(name="Ann Example"))
    snapshot = json.loads(json.dumps(workspace.storage.read()))
    db_path.write_text('{"contacts": {"1": {"name": "Mallory"}}, "meta": {"1": {"schema_version": 1}}}')
    assert workspace.storage.read() == snapshot
    assert [c.name for c in workspace.contacts()] == ["Ann Example"]
    db_path.write_bytes(b"garbage")
    assert workspace.storage.read() == snapshot
    with pytest.raises(NotFound):
        workspace.find_contact("Mallory")


def test_opening_an_existing_workspace_writes_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_contact(Contact(name="Ann Example"))
    before = db_path.stat()
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Ann Example"]
        assert store.storage.writes == 0
    after = db_path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_one_write_per_change_and_one_per_batch(workspace: Store, db_path: Path) -> None:
    storage = workspace.storage
    start = storage.writes

    ids = [workspace.add_contact(Contact(name=f"Person {i}")).id for i in range(5)]
    assert storage.writes == start + 5

    with workspace.batch():
        for i in range(5, 10):
            workspace.add_contact(Contact(name=f"Person {i}"))
        assert storage.writes == start + 5  # nothing on disk until the batch ends
        assert "Person 9" not in names_on_disk(db_path)
    assert storage.writes == start + 6
    assert "Person 9" in names_on_disk(db_path)

    with workspace.batch():
        with workspace.batch():
            workspace.add_contact(Contact(name="Inner"))
        assert storage.writes == start + 6  # the inner batch does not write on its own
        workspace.add_contact(Contact(name="Outer"))
    assert storage.writes == start + 7

    with workspace.batch():
        pass
    assert storage.writes == start + 7

    workspace.delete_contact(ids[0])  # contact, interviews, follow-ups... in one write
    assert storage.writes == start + 8

    with pytest.raises(NotFound):
        workspace.add_contact(Contact(name="Referred", referred_by=9999))
    assert storage.writes == start + 8


def test_a_batch_interrupted_by_an_error_changes_nothing(workspace: Store, db_path: Path) -> None:
    """One action is all or nothing: half of it in memory would be saved by the next change."""
    workspace.add_contact(Contact(name="Bob Sample"))
    with pytest.raises(RuntimeError), workspace.batch():
        workspace.add_contact(Contact(name="Ann Example"))
        raise RuntimeError("boom")
    assert [c.name for c in workspace.contacts()] == ["Bob Sample"]
    assert not workspace.storage.has_unsaved_changes
    assert names_on_disk(db_path) == {"Bob Sample"}


# Paths that cannot hold a workspace ------------------------------------------------------------


def test_a_missing_directory_is_named_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    with pytest.raises(WorkspaceUnavailable) as caught:
        Store.open(missing / "interviews.json")
    assert str(missing) in str(caught.value)
    assert not (tmp_path / "no").exists()


def test_the_cli_names_a_missing_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run_cli(missing / "interviews.json", "list")
    assert result.returncode == 1
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr
    assert not missing.exists()


def test_a_directory_given_as_the_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(WorkspaceUnavailable) as caught:
        Store.open(folder)
    assert str(folder) in str(caught.value)
    assert list(folder.iterdir()) == []


def test_a_file_given_as_the_directory_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    with pytest.raises(WorkspaceUnavailable) as caught:
        Store.open(plain / "interviews.json", create_dirs=True)
    assert str(plain) in str(caught.value)
    assert plain.read_text() == "x"


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")
def test_a_directory_even_root_cannot_write_is_refused_clearly() -> None:
    path = Path("/proc/interviews.json")
    with pytest.raises(WorkspaceUnavailable) as caught:
        Store.open(path)
    assert "/proc" in str(caught.value)
    assert not path.exists()
    assert not lock_path(path).exists()


def test_a_fifo_is_refused_instead_of_blocking_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "interviews.json"
    os.mkfifo(fifo)

    def timeout(*_):
        raise TimeoutError("opening a FIFO blocked")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(5)
    try:
        with pytest.raises(WorkspaceUnavailable) as caught:
            Store.open(fifo)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert str(fifo) in str(caught.value)


def test_a_symlinked_workspace_stays_a_symlink(tmp_path: Path) -> None:
    """A workspace kept in a git checkout and linked from elsewhere must keep being saved there."""
    (tmp_path / "repo").mkdir()
    real = tmp_path / "repo" / "interviews.json"
    link = tmp_path / "interviews.json"
    link.symlink_to(real)
    with Store.open(link) as store:
        store.add_contact(Contact(name="Ann Example"))
        # The same file through its real name is the same workspace: it is in use.
        with pytest.raises(WorkspaceInUse):
            Store.open(real)
        store.add_contact(Contact(name="Bob Sample"))
    assert link.is_symlink()
    assert names_on_disk(real) == {"Ann Example", "Bob Sample"}
    # What lasts (the lock, the backup) is beside the name given, nothing beside the target.
    assert names_on_disk(backup_path(link)) == {"Ann Example"}
    assert not backup_path(real).exists()


def test_temp_files_left_by_a_killed_save_are_cleared_on_the_next_open(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_contact(Contact(name="Ann Example"))
    stale = [db_path.parent / ".interviews.json.k3j_x9q2.tmp", db_path.parent / "interviews.json.bak.tmp"]
    unrelated = [db_path.parent / ".other.json.abcdefgh.tmp", db_path.parent / "notes.tmp"]
    for path in stale + unrelated:
        path.write_text("{")
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Ann Example"]
    assert [p.exists() for p in stale] == [False, False]
    assert [p.exists() for p in unrelated] == [True, True]


def test_saving_without_sorting_everything_still_writes_sorted_bytes(workspace: Store, db_path: Path) -> None:
    # The store keeps keys in order as it goes (see DurableStorage.keys_in_order); the file must
    # be what a full sort would give, across ids that sort differently as text ("10" < "9").
    from interview_tui.core import workflow

    for number in range(1, 25):
        contact = workspace.add_contact(Contact(name=f"Contact {number:02} Example", tags=["b", "a"]))
        if number % 5 == 0:
            interview = workflow.capture(workspace, contact.id)
            interview.answers = {"10": "ten", "2": "two", "1": "one"}
            workspace.update_interview(interview)
    workspace.delete_contact(3)
    workspace.update_contact(workspace.contact(12))
    text = db_path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert list(json.loads(text)["contacts"])[:3] == ["1", "10", "11"]
