"""The storage against a hostile or unusual world: outside changes that put the modification time
back, lock files made symbolic or hard links, symbolic links to the workspace, saving as root,
read-only files, folders and file systems, file systems without locks, a full disk. Real files
and real processes; failures of the system injected where they cannot be made for real."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_tui import cli
from interview_tui.core.errors import (
    SaveFailed,
    WorkspaceInUse,
    WorkspaceReadOnly,
    WorkspaceUnavailable,
)
from interview_tui.core.models import Contact
from interview_tui.core.storage import DurableStorage, backup_path, lock_path
from interview_tui.core.store import Store

ROOT = os.geteuid() == 0
OTHER_UID = 4242
"""A user id no one on the test machine uses, to give files away to (root only)."""


def names_in(path: Path) -> list[str]:
    document = json.loads(path.read_bytes())
    return sorted(record["name"] for record in document.get("contacts", {}).values())


def conflict_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.conflict-*"))


def owner(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_uid, status.st_gid


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def saved(db_path: Path) -> Path:
    """A workspace with two saves behind it: Alex Example in it, and a backup."""
    with Store.open(db_path) as store:
        store.add_contact(Contact(name="Alex Example"))
        store.add_contact(Contact(name="Sam Sample"))
    return db_path


@pytest.fixture
def opened(saved: Path) -> Iterator[Store]:
    store = Store.open(saved)
    yield store
    store.close()


# Outside changes that keep inode, size and modification time -----------------------------------


def _same_size_edit(path: Path) -> bytes:
    """Change a name to another of the same length, in place, and put the times back."""
    before = path.stat()
    content = path.read_bytes()
    edited = content.replace(b"Sam Sample", b"Sam Simple")
    assert len(edited) == len(content) and edited != content
    with open(path, "r+b") as handle:  # the same inode, as rsync --inplace writes it
        handle.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    return edited


def test_a_same_size_edit_with_the_time_put_back_is_noticed(opened: Store, saved: Path) -> None:
    edited = _same_size_edit(saved)

    opened.add_contact(Contact(name="Jordan Demo"))

    assert saved.read_bytes() == edited  # theirs, not written over
    [ours] = conflict_files(saved.parent)
    assert names_in(ours) == ["Alex Example", "Jordan Demo", "Sam Sample"]


def test_a_copy_that_keeps_the_time_is_noticed(opened: Store, saved: Path, tmp_path: Path) -> None:
    """cp -p over the workspace: same size, same modification time, same inode."""
    theirs = tmp_path / "elsewhere.json"
    theirs.write_bytes(saved.read_bytes().replace(b"Alex Example", b"Alex Exampel"))
    os.utime(theirs, ns=(saved.stat().st_atime_ns, saved.stat().st_mtime_ns))
    shutil.copy2(theirs, saved)
    copied = saved.read_bytes()

    opened.add_contact(Contact(name="Jordan Demo"))

    assert saved.read_bytes() == copied
    assert len(conflict_files(saved.parent)) == 1


def test_permissions_or_a_hard_link_changed_meanwhile_are_not_a_change_of_content(opened: Store, saved: Path) -> None:
    saved.chmod(0o640)  # the person tightening or loosening it by hand
    os.link(saved, saved.with_name("snapshot-by-a-backup-tool.json"))

    opened.add_contact(Contact(name="Jordan Demo"))

    assert conflict_files(saved.parent) == []
    assert names_in(saved) == ["Alex Example", "Jordan Demo", "Sam Sample"]
    # Telling these apart from a change of content did not make a real one go unnoticed.
    edited = _same_size_edit(saved)
    opened.add_contact(Contact(name="Casey Placeholder"))
    assert saved.read_bytes() == edited
    assert len(conflict_files(saved.parent)) == 1


def test_a_save_that_failed_after_staging_the_backup_does_not_look_like_an_outside_change(
    opened: Store, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staging the backup links (and chmods) the live file: its change time moves, by us."""
    saved.chmod(0o644)  # so that staging chmods it too
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(dst) == saved:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(SaveFailed):
        opened.add_contact(Contact(name="Jordan Demo"))
    monkeypatch.undo()

    opened.add_contact(Contact(name="Casey Placeholder"))

    assert conflict_files(saved.parent) == []
    assert opened.storage.diverted_to is None
    assert "Casey Placeholder" in names_in(saved)
    edited = _same_size_edit(saved)
    opened.add_contact(Contact(name="Morgan Sample"))
    assert saved.read_bytes() == edited
    assert len(conflict_files(saved.parent)) == 1


def test_a_file_replaced_just_before_the_backup_is_staged_is_kept_and_not_made_the_backup(
    opened: Store, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_before = backup_path(saved).read_bytes()
    real_link = os.link
    theirs = b'{"contacts": {"1": {"name": "Jordan Demo"}}}\n'

    def link(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(src) == saved:  # a sync tool gets in between the check and the save
            replacement = saved.with_name("from-the-sync-tool")
            replacement.write_bytes(theirs)
            os.replace(replacement, saved)
        return real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "link", link)
    opened.add_contact(Contact(name="Casey Placeholder"))
    monkeypatch.undo()

    assert saved.read_bytes() == theirs
    assert backup_path(saved).read_bytes() == backup_before
    [ours] = conflict_files(saved.parent)
    assert "Casey Placeholder" in names_in(ours)


# The lock file -------------------------------------------------------------------------------


def test_a_lock_file_made_a_symbolic_link_is_refused_and_its_target_untouched(saved: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    lock_path(saved).unlink(missing_ok=True)
    lock_path(saved).symlink_to(victim)

    with pytest.raises(WorkspaceUnavailable) as caught:
        Store.open(saved)

    message = str(caught.value)
    assert str(lock_path(saved)) in message
    assert "symbolic link" in message and "rm " in message
    assert victim.read_text() == "precious\n"
    assert lock_path(saved).is_symlink()


def test_the_cli_refuses_a_symlinked_lock_in_one_line(saved: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    lock_path(saved).unlink(missing_ok=True)
    lock_path(saved).symlink_to(victim)
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_TUI_DB"}
    done = subprocess.run(
        [sys.executable, "-m", "interview_tui", "--db", str(saved), "add", "Jordan Demo"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and str(lock_path(saved)) in done.stderr
    assert victim.read_text() == "precious\n"
    assert names_in(saved) == ["Alex Example", "Sam Sample"]


def test_a_lock_file_with_a_second_name_is_refused(saved: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    lock_path(saved).unlink(missing_ok=True)
    os.link(victim, lock_path(saved))

    with pytest.raises(WorkspaceUnavailable, match="hard links"):
        Store.open(saved)
    assert victim.read_text() == "precious\n"


@pytest.mark.skipif(not ROOT, reason="giving a file to another user needs root")
def test_a_lock_file_belonging_to_someone_else_is_refused(saved: Path) -> None:
    lock_path(saved).write_text("")
    os.chown(lock_path(saved), OTHER_UID, OTHER_UID)
    with pytest.raises(WorkspaceUnavailable) as caught:
        Store.open(saved)
    assert f"uid {OTHER_UID}" in str(caught.value) and str(lock_path(saved)) in str(caught.value)


def test_a_lock_file_that_is_a_fifo_is_refused(saved: Path) -> None:
    lock_path(saved).unlink(missing_ok=True)
    os.mkfifo(lock_path(saved))
    with pytest.raises(WorkspaceUnavailable, match="not a regular file"):
        Store.open(saved)


# Symbolic links to the workspace ----------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace in one folder ("elsewhere") and a symbolic link to it in another."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "here").mkdir()
    real = tmp_path / "elsewhere" / "interviews.json"
    link = tmp_path / "here" / "interviews.json"
    link.symlink_to(real)
    return link, real


def test_through_a_link_the_lock_and_backup_stay_beside_the_link(linked: tuple[Path, Path]) -> None:
    link, real = linked
    with Store.open(link) as store:
        store.add_contact(Contact(name="Alex Example"))
        store.add_contact(Contact(name="Sam Sample"))
        assert lock_path(link).exists()
    assert link.is_symlink()
    assert sorted(p.name for p in real.parent.iterdir()) == [real.name]  # nothing lasting beside it
    assert names_in(backup_path(link)) == ["Alex Example"]


def test_the_cli_puts_no_lock_beside_where_a_link_leads(linked: tuple[Path, Path]) -> None:
    link, real = linked
    assert cli.main(["--db", str(link), "add", "Alex Example"]) == 0
    assert cli.main(["--db", str(link), "list"]) == 0
    assert not lock_path(real).exists()


def test_two_links_to_one_file_cannot_both_open_it(linked: tuple[Path, Path], tmp_path: Path) -> None:
    link, real = linked
    other = tmp_path / "another-link.json"
    other.symlink_to(real)
    with Store.open(link) as store:
        store.add_contact(Contact(name="Alex Example"))
        with pytest.raises(WorkspaceInUse):
            Store.open(other)
        store.add_contact(Contact(name="Sam Sample"))  # the new file is locked as well
        with pytest.raises(WorkspaceInUse):
            Store.open(other)
        assert not lock_path(real).exists()  # held by locking the file itself, not beside it
        with pytest.raises(WorkspaceInUse):
            Store.open(real)
    with Store.open(other) as store:
        assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample"]


HOLDER = textwrap.dedent(
    """
    import sys
    from interview_tui.core.store import Store
    store = Store.open(sys.argv[1])
    store.add_contact(__import__("interview_tui.core.models").core.models.Contact(name="Alex Example"))
    print("ready", flush=True)
    sys.stdin.read()
    store.close()
    """
)


def test_another_process_through_another_link_is_refused(linked: tuple[Path, Path], tmp_path: Path) -> None:
    link, real = linked
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(link)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        other = tmp_path / "another-link.json"
        other.symlink_to(real)
        before = real.read_bytes()
        assert cli.main(["--db", str(other), "add", "Sam Sample"]) == 1
        assert real.read_bytes() == before
        assert sorted(p.name for p in real.parent.iterdir()) == [real.name]
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


# Ownership ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not ROOT, reason="saving another user's workspace needs root")
def test_a_save_as_root_keeps_the_owner_and_group(saved: Path) -> None:
    os.chown(saved, OTHER_UID, OTHER_UID)
    os.chown(saved.parent, OTHER_UID, OTHER_UID)
    with Store.open(saved) as store:
        store.add_contact(Contact(name="Jordan Demo"))
        store.add_contact(Contact(name="Casey Placeholder"))
    assert owner(saved) == (OTHER_UID, OTHER_UID)
    assert owner(backup_path(saved)) == (OTHER_UID, OTHER_UID)
    assert mode(saved) == 0o600


@pytest.mark.skipif(not ROOT, reason="saving another user's workspace needs root")
def test_root_opening_someone_s_workspace_leaves_them_a_lock_they_can_open(db_path: Path) -> None:
    os.chown(db_path.parent, OTHER_UID, OTHER_UID)
    with Store.open(db_path) as store:
        store.add_contact(Contact(name="Alex Example"))
    assert owner(lock_path(db_path)) == (OTHER_UID, OTHER_UID)
    assert owner(db_path) == (OTHER_UID, OTHER_UID)  # a new file in their folder is theirs


@pytest.mark.skipif(not ROOT, reason="chown needs root")
def test_root_that_cannot_keep_the_owner_refuses_to_save(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.chown(saved, OTHER_UID, OTHER_UID)
    before = saved.read_bytes()

    def fchown(*args: object) -> None:  # root squashed, as on some network file systems
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    with Store.open(saved) as store:
        monkeypatch.setattr(os, "fchown", fchown)
        with pytest.raises(SaveFailed) as caught:
            store.add_contact(Contact(name="Jordan Demo"))
    assert f"uid {OTHER_UID}" in str(caught.value)
    assert saved.read_bytes() == before
    assert owner(saved) == (OTHER_UID, OTHER_UID)


# Read-only workspaces -----------------------------------------------------------------------------


def _refused_and_unchanged(store: Store, path: Path, *words: str) -> None:
    before = path.read_bytes()
    backup_before = backup_path(path).read_bytes()
    with pytest.raises(WorkspaceReadOnly) as caught:
        store.add_contact(Contact(name="Jordan Demo"))
    message = str(caught.value)
    assert str(path) in message and "nothing was saved" in message
    for word in words:
        assert word in message
    assert path.read_bytes() == before
    assert backup_path(path).read_bytes() == backup_before


def test_a_0444_workspace_opens_read_only_even_for_root(saved: Path) -> None:
    saved.chmod(0o444)
    with Store.open(saved) as store:
        assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample"]
        assert store.read_only is not None and "0444" in store.read_only
        _refused_and_unchanged(store, saved, "mode 0444", "chmod u+w")
        with pytest.raises(WorkspaceReadOnly):
            store.storage.flush()  # every attempt, not only the first
    assert mode(saved) == 0o444


def test_a_writable_workspace_says_so(opened: Store) -> None:
    assert opened.read_only is None
    assert opened.storage.read_only is None


def test_a_workspace_in_a_read_only_folder_opens_read_only(saved: Path) -> None:
    saved.parent.chmod(0o555)
    try:
        with Store.open(saved) as store:
            assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample"]
            assert store.read_only is not None and str(saved.parent) in store.read_only
            _refused_and_unchanged(store, saved, "read-only")
    finally:
        saved.parent.chmod(0o755)


def test_a_read_only_file_system_opens_read_only(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open
    lock = str(lock_path(saved))

    def open_(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == lock or (flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    lock_path(saved).unlink(missing_ok=True)
    monkeypatch.setattr(os, "open", open_)
    with Store.open(saved) as store:
        assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample"]
        assert store.read_only is not None and "read-only file system" in store.read_only
        _refused_and_unchanged(store, saved, "read-only file system")
    monkeypatch.undo()
    assert not lock_path(saved).exists()


@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EOPNOTSUPP])
def test_where_locks_do_not_work_the_workspace_is_read_and_not_saved(
    saved: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: int
) -> None:
    def flock(fd: int, operation: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", flock)
    monkeypatch.delenv("INTERVIEW_TUI_DB", raising=False)
    before = saved.read_bytes()

    assert cli.main(["--db", str(saved), "list"]) == 0
    assert "Alex Example" in capsys.readouterr().out
    assert cli.main(["--db", str(saved), "export", "csv", str(saved.parent / "out.csv")]) == 0
    assert "Sam Sample" in (saved.parent / "out.csv").read_text()
    capsys.readouterr()
    assert cli.main(["--db", str(saved), "add", "Jordan Demo"]) == 1
    assert "nothing was saved" in capsys.readouterr().err
    assert saved.read_bytes() == before


def test_a_new_workspace_where_nothing_can_be_written_is_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(WorkspaceUnavailable) as caught:
            Store.open(folder / "interviews.json")
        assert str(folder) in str(caught.value)
        assert list(folder.iterdir()) in ([], [folder / "interviews.json.lock"])
    finally:
        folder.chmod(0o755)


# Messages --------------------------------------------------------------------------------------


def test_a_failed_save_says_the_file_is_intact_and_promises_nothing_more(
    opened: Store, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(SaveFailed) as caught:
        opened.add_contact(Contact(name="Jordan Demo"))
    message = str(caught.value)
    assert message == (
        f"could not save {saved}: {os.strerror(errno.ENOSPC)}; the previous file is intact."
        " Free some space on that disk, then save again."
    )


def test_the_storage_alone_opens_a_read_only_file_too(saved: Path) -> None:
    saved.chmod(0o400)
    storage = DurableStorage(saved)
    try:
        assert storage.read_only is not None and "0400" in storage.read_only
        assert storage.read() is not None
    finally:
        storage.close()
