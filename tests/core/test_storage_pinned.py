"""Storage pinned: why a file is refused (empty, not JSON, not a workspace, a record twice), what
the message offers, which paths cannot hold a workspace, the names of the files kept beside it,
and the shape a workspace must have."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from interview_tui.core.errors import WorkspaceUnavailable, WorkspaceUnreadable
from interview_tui.core.storage import (
    DurableStorage,
    _is_document,
    backup_path,
    check_location,
    encode,
    lock_path,
    parse,
    read_document,
    restore_backup,
    restore_hint,
    temp_file_pattern,
    write_atomically,
)


@pytest.mark.parametrize("raw", [b"", b" ", b"\n\n", b"\t \r\n"])
def test_an_empty_file_is_said_to_be_empty_not_bad_json(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(raw)
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path)
    assert str(refused.value) == f"{path} is empty, so it is not a workspace; it was left untouched."
    assert path.read_bytes() == raw


def test_a_file_that_is_not_json_says_where_and_offers_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(b'{"contacts": {"1": {"name": "Alex Example"}}\n')
    backup_path(path).write_bytes(b"{}")
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path)
    message = str(refused.value)
    assert message.startswith(f"{path} is not valid JSON (")
    assert "line 2" in message
    assert message.endswith(f"); it was left untouched.{restore_hint(path)}")


def test_the_backup_is_offered_only_when_there_is_one(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(b"[1, 2]")
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path)
    assert str(refused.value) == f"{path} is JSON but not an interview-tui workspace (it holds a list, not tables of records); it was left untouched."


def test_the_messages_name_the_file_as_the_person_gave_it(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"")
    with pytest.raises(WorkspaceUnreadable, match="^given.json is empty"):
        read_document(real, "given.json")


def test_restore_hint_is_a_command_to_copy(tmp_path: Path) -> None:
    path = tmp_path / "my work.json"
    assert restore_hint(path) == (
        f" The last good copy is {tmp_path}/my work.json.bak; to put it back (the damaged file is kept), "
        f"run: interview-tui --db '{tmp_path}/my work.json' restore-backup"
    )


@pytest.mark.parametrize(
    ("raw", "twice", "fix"),
    [
        (b'{"contacts": {"1": {"name": "A"}, "1": {"name": "B"}}}',
         "contacts has two records with id 1 (a merge may have kept both)", "Give one of them an id of its own."),
        (b'{"contacts": {"1": {}}, "contacts": {"2": {}}}', "the table 'contacts' is given twice", "Join the two into one."),
    ],
)
def test_a_record_or_table_given_twice_is_refused_saying_which(tmp_path: Path, raw: bytes, twice: str, fix: str) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(raw)
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path)
    assert str(refused.value) == f"{path}: {twice}, and only the last would be read; the file was left untouched. {fix}"
    backup_path(path).write_bytes(b"{}")
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path)
    assert f"{fix[:-1]}, or restore the backup.{restore_hint(path)}" in str(refused.value)


def test_a_missing_file_is_no_document_and_an_unreadable_one_says_why(tmp_path: Path) -> None:
    assert read_document(tmp_path / "none.json") is None
    with pytest.raises(WorkspaceUnavailable, match=f"^cannot read {tmp_path}: Is a directory$"):
        read_document(tmp_path)


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ({}, True),
        ({"contacts": {}}, True),
        ({"contacts": {"1": {}, "23": {"name": "A"}}}, True),
        ([], False),
        ({"contacts": []}, False),
        ({"contacts": {"": {}}}, False),
        ({"contacts": {"1": {}, "": {}}}, False),  # the other ids joined are digits all the same
        ({"contacts": {"1a": {}}}, False),
        ({"contacts": {"-1": {}}}, False),
        ({"contacts": {"١": {}}}, False),  # a digit, but not an ASCII one
        ({"contacts": {"1": {}, "2": []}}, False),
        ({"contacts": {"1": "Alex"}}, False),
        ({"contacts": {"1": {}}, "meta": {"x": {}}}, False),
    ],
)
def test_the_shape_of_a_workspace(data, ok: bool) -> None:
    assert _is_document(data) is ok


def test_parse_reads_what_orjson_reads_and_refuses_the_rest() -> None:
    assert parse(b'{"a": [1, 2.5, "\\u00e9"]}') == {"a": [1, 2.5, "é"]}
    with pytest.raises(ValueError):
        parse(b'{"a": "\xff"}')
    with pytest.raises(ValueError):
        parse(b"{")


def test_encode_is_sorted_indented_and_ends_with_a_newline() -> None:
    assert encode({"b": {"2": {"z": 1, "a": 2}}, "a": {}}) == (
        b'{\n  "a": {},\n  "b": {\n    "2": {\n      "a": 2,\n      "z": 1\n    }\n  }\n}\n'
    )


def test_the_files_kept_beside_the_workspace_are_named_after_it(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    assert backup_path(path) == tmp_path / "w.json.bak"
    assert lock_path(path) == tmp_path / "w.json.lock"
    pattern = temp_file_pattern(tmp_path / "w.v2.json")
    assert pattern.fullmatch(".w.v2.json.ab_d1234.tmp")
    assert not pattern.fullmatch(".w.v2.json.abcd123.tmp")
    assert not pattern.fullmatch(".w.v2.json.ABCD1234.tmp")
    assert not pattern.fullmatch(".wxv2.json.abcd1234.tmp")


def test_paths_that_cannot_hold_a_workspace_are_refused_saying_why(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceUnavailable) as refused:
        check_location(tmp_path)
    assert str(refused.value) == f"{tmp_path} is a directory; give a file name such as {tmp_path / 'interviews.json'}"

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WorkspaceUnavailable) as refused:
        check_location(fifo)
    assert str(refused.value) == f"{fifo} is not a regular file; choose another --db path"

    missing = tmp_path / "a" / "b" / "w.json"
    with pytest.raises(WorkspaceUnavailable) as refused:
        check_location(missing)
    assert str(refused.value) == (
        f"the directory {missing.parent} does not exist; create it first or choose another --db path"
    )
    assert not missing.parent.exists()

    afile = tmp_path / "file"
    afile.write_text("")
    with pytest.raises(WorkspaceUnavailable) as refused:
        check_location(afile / "w.json")
    assert str(refused.value) == f"{afile} is not a directory; choose another --db path"
    with pytest.raises(WorkspaceUnavailable) as refused:
        check_location(afile / "sub" / "w.json", create_dirs=True)
    assert str(refused.value) == f"{afile} is not a directory; choose another --db path"


def test_missing_directories_are_created_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "w.json"
    old = os.umask(0)
    try:
        check_location(path, create_dirs=True)
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    check_location(path, create_dirs=True)  # there already: nothing to do


def test_a_file_written_atomically_is_private_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "w.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    old = os.umask(0)
    try:
        assert write_atomically(target, [b"new ", memoryview(b"bytes")]) is None
    finally:
        os.umask(old)
    assert target.read_bytes() == b"new bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"]


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "w.json"
    target.write_bytes(b"old")

    def fail() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"new", before_replace=fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"]


def test_after_replace_runs_once_the_new_file_is_in_place(tmp_path: Path) -> None:
    target = tmp_path / "w.json"
    seen: list[bytes] = []
    write_atomically(target, b"new", before_replace=lambda: lambda: seen.append(target.read_bytes()), sync=False)
    assert seen == [b"new"]


def test_a_kept_lock_is_a_descriptor_on_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "w.json"
    fd = write_atomically(target, b"new", keep_locked=True)
    try:
        assert fd is not None
        assert os.fstat(fd).st_ino == target.stat().st_ino
    finally:
        os.close(fd)


def test_restoring_with_no_backup_is_refused_and_a_good_backup_is_put_back(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(b"damaged")
    with pytest.raises(WorkspaceUnavailable) as refused:
        restore_backup(path)
    assert str(refused.value) == f"there is no backup of {path} ({backup_path(path)} does not exist)."
    backup_path(path).write_bytes(b'{"contacts": {}}')
    kept = restore_backup(path)
    assert path.read_bytes() == b'{"contacts": {}}'
    assert kept is not None and kept.read_bytes() == b"damaged"
    assert kept.name.startswith("w.json.damaged-")


def test_a_damaged_backup_is_not_put_back(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(b"damaged")
    backup_path(path).write_bytes(b"")
    with pytest.raises(WorkspaceUnreadable, match="is empty"):
        restore_backup(path)
    assert path.read_bytes() == b"damaged"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["w.json", "w.json.bak"]


def test_a_new_sibling_never_takes_a_name_in_use(tmp_path: Path, monkeypatch) -> None:
    import time as clock

    from interview_tui.core.storage import conflict_path, new_sibling

    monkeypatch.setattr(clock, "strftime", lambda pattern: "20261125-100000")
    path = tmp_path / "w.json"
    first = new_sibling(path, lambda stamp: f"w.json.damaged-{stamp}")
    assert first == tmp_path / "w.json.damaged-20261125-100000"
    first.write_text("")
    second = new_sibling(path, lambda stamp: f"w.json.damaged-{stamp}")
    assert second == tmp_path / "w.json.damaged-20261125-100000-2"
    second.write_text("")
    assert new_sibling(path, lambda stamp: f"w.json.damaged-{stamp}").name == "w.json.damaged-20261125-100000-3"
    assert conflict_path(path) == tmp_path / "w.conflict-20261125-100000.json"


def test_a_file_holds_exactly_the_pieces_expected(tmp_path: Path) -> None:
    from interview_tui.core.storage import _file_holds

    path = tmp_path / "w.json"
    path.write_bytes(b"abcdef")
    assert _file_holds(path, b"abcdef")
    assert _file_holds(path, [b"abc", memoryview(b"def")])
    assert _file_holds(path, [b"", b"abcdef"])
    assert not _file_holds(path, [b"abd", b"cef"])
    assert not _file_holds(path, [b"abc", b"dex"])
    assert not _file_holds(path, [b"abc", b"de"])
    assert not _file_holds(path, b"abcdefg")
    assert not _file_holds(tmp_path / "none", b"")


def test_who_the_new_version_of_a_file_belongs_to() -> None:
    from types import SimpleNamespace

    from interview_tui.core.storage import _keep_owner

    me = (os.geteuid(), os.getegid())
    assert _keep_owner(None, (5, 6)) == (5, 6)
    assert _keep_owner(None, None) is None
    assert _keep_owner(SimpleNamespace(st_uid=me[0], st_gid=me[1]), (5, 6)) is None
    other = SimpleNamespace(st_uid=me[0] + 1000, st_gid=me[1] + 1000)
    assert _keep_owner(other, None) == ((other.st_uid, other.st_gid) if os.geteuid() == 0 else (-1, other.st_gid))


# The lock beside the workspace -------------------------------------------------------------------


def test_a_lock_held_elsewhere_names_the_process_holding_it(tmp_path: Path) -> None:
    from interview_tui.core.errors import WorkspaceInUse
    from interview_tui.core.storage import FileLock

    path = tmp_path / "w.json"
    first = FileLock(path, "my.json")
    first.acquire()
    try:
        assert first.held
        assert lock_path(path).read_text() == f"{os.getpid()}\n"
        with pytest.raises(WorkspaceInUse) as refused:
            FileLock(path, "my.json").acquire()
        assert str(refused.value).startswith(f"my.json is in use by PID {os.getpid()}. ")
    finally:
        first.release()
    assert not first.held
    assert lock_path(path).read_text() == ""  # released: no PID left to mislead
    first.release()  # twice is harmless
    second = FileLock(path)
    second.acquire()
    second.release()


def symbolic_link(lock: Path, folder: Path) -> None:
    lock.symlink_to(folder / "elsewhere")


def hard_link(lock: Path, folder: Path) -> None:
    (folder / "other").write_text("")
    os.link(folder / "other", lock)


def fifo(lock: Path, folder: Path) -> None:
    os.mkfifo(lock)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (symbolic_link, "is a symbolic link"),
        (hard_link, "has other names (hard links)"),
        (fifo, "is not a regular file"),
    ],
)
def test_a_lock_file_that_is_not_safe_to_write_is_refused_saying_how_to_fix_it(tmp_path: Path, make, problem) -> None:
    from interview_tui.core.storage import FileLock

    path = tmp_path / "w.json"
    lock = lock_path(path)
    make(lock, tmp_path)
    with pytest.raises(WorkspaceUnavailable) as refused:
        FileLock(path, "w.json").acquire()
    assert str(refused.value) == (
        f"{lock} {problem}, so it is not used as the lock of w.json; remove it (rm {lock}) and try again."
    )


def test_a_lock_in_a_missing_folder_says_where(tmp_path: Path) -> None:
    from interview_tui.core.storage import FileLock

    path = tmp_path / "gone" / "w.json"
    with pytest.raises(WorkspaceUnavailable) as refused:
        FileLock(path).acquire()
    assert str(refused.value) == (
        f"cannot create files in {path.parent}: No such file or directory; choose a writable --db path"
    )


def test_a_pid_that_cannot_be_read_is_none(tmp_path: Path) -> None:
    from interview_tui.core.storage import _read_pid

    path = tmp_path / "lock"
    for text, pid in [("123\n", 123), ("", None), ("  \n", None), ("not a pid", None)]:
        path.write_text(text)
        fd = os.open(path, os.O_RDONLY)
        try:
            assert _read_pid(fd) == pid
        finally:
            os.close(fd)


# Why a workspace is opened read-only -------------------------------------------------------------


def test_a_workspace_made_read_only_says_so_with_its_mode_and_the_fix(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "my work.json"
    path.write_text("{}")
    os.chmod(path, 0o444)
    storage = DurableStorage(path)
    try:
        assert storage.read_only == (
            f"{path} is read-only (mode 0444). Make it writable (chmod u+w '{path}') and open it again to make changes."
        )
    finally:
        storage.close()
    os.chmod(path, 0o600)
    storage = DurableStorage(path)
    try:
        assert storage.read_only is None
    finally:
        storage.close()


def test_a_workspace_in_a_read_only_folder_says_which_folder(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "w.json"
    path.write_text("{}")
    os.chmod(folder, 0o555)
    try:
        storage = DurableStorage(path)
        try:
            assert storage.read_only == (
                f"{path} is in a read-only folder ({folder}). "
                f"Make the folder writable (chmod u+w {folder}) and open it again to make changes."
            )
        finally:
            storage.close()
        with pytest.raises(WorkspaceUnavailable) as refused:
            DurableStorage(folder / "new.json")
        assert str(refused.value).startswith(f"cannot create {folder / 'new.json'}: ")
        assert str(refused.value).endswith("; choose a writable --db path")
    finally:
        os.chmod(folder, 0o700)


# Restoring the backup, and the backup a save keeps ----------------------------------------------


def test_a_read_only_workspace_is_not_restored_over(tmp_path: Path) -> None:
    from interview_tui.core.errors import WorkspaceReadOnly

    path = tmp_path / "my work.json"
    path.write_bytes(b"damaged")
    backup_path(path).write_bytes(b"{}")
    os.chmod(path, 0o444)
    with pytest.raises(WorkspaceReadOnly) as refused:
        restore_backup(path)
    assert str(refused.value) == (
        f"{path} is read-only (mode 0444): nothing was restored. Make it writable (chmod u+w '{path}') first."
    )
    assert path.read_bytes() == b"damaged"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my work.json", "my work.json.bak", "my work.json.lock"]


def test_a_missing_workspace_is_restored_from_its_backup_with_nothing_kept(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    backup_path(path).write_bytes(b'{"contacts": {}}')
    assert restore_backup(path) is None
    assert path.read_bytes() == b'{"contacts": {}}'


def test_a_workspace_open_through_another_name_is_not_restored_over(tmp_path: Path) -> None:
    from interview_tui.core.errors import WorkspaceInUse
    from interview_tui.core.storage import DurableStorage

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    real = tmp_path / "a" / "w.json"
    real.write_bytes(b"{}")
    link = tmp_path / "b" / "link.json"
    link.symlink_to(real)
    backup_path(link).write_bytes(b'{"contacts": {}}')
    storage = DurableStorage(real)
    try:
        with pytest.raises(WorkspaceInUse) as refused:
            restore_backup(link)
        assert str(refused.value).startswith(f"{link} is in use by another process. ")
    finally:
        storage.close()
    assert real.read_bytes() == b"{}"


def test_where_no_lock_can_be_taken_restoring_says_why_and_what_to_do(tmp_path: Path, monkeypatch) -> None:
    from interview_tui.core import storage as module

    def no_lock(self) -> None:
        raise module._NoLock("w.json is on a read-only file system", "Copy it to a writable place.")

    monkeypatch.setattr(module.FileLock, "acquire", no_lock)
    path = tmp_path / "w.json"
    backup_path(path).write_bytes(b"{}")
    with pytest.raises(WorkspaceUnavailable) as refused:
        restore_backup(path)
    assert str(refused.value) == (
        f"cannot restore {path}: w.json is on a read-only file system. Copy it to a writable place."
    )


def test_where_hard_links_fail_the_damaged_file_and_the_backup_are_copies(tmp_path: Path, monkeypatch) -> None:
    from interview_tui.core.storage import DurableStorage

    def no_links(*args, **kwargs) -> None:
        raise OSError(18, "Invalid cross-device link")

    path = tmp_path / "w.json"
    path.write_bytes(b"damaged")
    backup_path(path).write_bytes(b'{"contacts": {}}')
    monkeypatch.setattr(os, "link", no_links)
    kept = restore_backup(path)
    assert kept is not None and kept.read_bytes() == b"damaged"

    backup_path(path).write_bytes(b"an older backup")
    storage = DurableStorage(path)
    try:
        storage.write({"contacts": {"1": {"name": "Alex Example"}}})
    finally:
        storage.close()
    assert backup_path(path).read_bytes() == b'{"contacts": {}}'
    assert stat.S_IMODE(backup_path(path).stat().st_mode) == 0o600


def test_new_files_beside_the_workspace_are_stamped_with_the_date_and_time(tmp_path: Path) -> None:
    import re

    from interview_tui.core.storage import new_sibling

    made = new_sibling(tmp_path / "w.json", lambda stamp: f"w.json.damaged-{stamp}")
    assert re.fullmatch(r"w\.json\.damaged-\d{8}-\d{6}", made.name)


def test_a_lock_file_that_is_not_text_holds_no_pid(tmp_path: Path) -> None:
    from interview_tui.core.storage import _read_pid

    path = tmp_path / "lock"
    path.write_bytes(b"\xff\xfe12")
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_pid(fd) is None
    finally:
        os.close(fd)


# Saving ------------------------------------------------------------------------------------------


def test_each_save_is_counted_once_and_leaves_nothing_unsaved(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    storage = DurableStorage(tmp_path / "w.json")
    try:
        assert storage.writes == 0
        assert storage.has_unsaved_changes is False  # opening leaves nothing to save
        storage.write({"contacts": {}})
        storage.write({"contacts": {"1": {"name": "Alex Example"}}})
        assert storage.writes == 2
        assert storage.has_unsaved_changes is False
    finally:
        storage.close()


def test_a_save_after_closing_is_refused_saying_the_file_is_intact(tmp_path: Path) -> None:
    from interview_tui.core.errors import SaveFailed
    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    storage = DurableStorage(path)
    storage.close()
    with pytest.raises(SaveFailed) as refused:
        storage.write({"contacts": {}})
    assert str(refused.value) == (
        f"could not save {path}: it was closed, and another interview-tui may be using it now; "
        "the previous file is intact. Open it again to make changes."
    )


def test_a_new_document_is_saved_whole_whatever_tables_are_said_to_have_changed(tmp_path: Path) -> None:
    import json

    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    storage = DurableStorage(path)
    storage.keys_in_order = True
    try:
        storage.write({"contacts": {"1": {"name": "Alex Example"}}, "followups": {}})
        storage.write({"contacts": {"1": {"name": "Sam Sample"}}, "followups": {}}, changed=["followups"])
        assert json.loads(path.read_bytes())["contacts"]["1"]["name"] == "Sam Sample"
    finally:
        storage.close()


def test_what_is_prepared_on_opening_is_saved_fully_sorted(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    storage = DurableStorage(path)
    storage.keys_in_order = True
    try:
        with storage.preparing():
            storage.write({"contacts": {"1": {"role": "Designer", "name": "Alex Example"}}})
        assert not path.exists()  # opening never writes
        storage.flush()
        assert path.read_bytes() == encode({"contacts": {"1": {"name": "Alex Example", "role": "Designer"}}})
    finally:
        storage.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_workspace_not_writable_by_its_owner_is_read_only_even_for_root(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    path.write_text("{}")
    os.chmod(path, 0o464)  # the group may write, its owner may not
    storage = DurableStorage(path)
    try:
        assert storage.read_only is not None and storage.read_only.startswith(f"{path} is read-only (mode 0464).")
    finally:
        storage.close()
    os.chmod(path, 0o444)
    os.chown(path, 4321, 4321)  # someone else's, and no one may write it
    storage = DurableStorage(path)
    try:
        assert storage.read_only is not None and storage.read_only.startswith(f"{path} is read-only (mode 0444).")
    finally:
        storage.close()


def test_a_file_put_back_by_another_program_is_never_written_over_even_with_the_same_bytes(tmp_path: Path) -> None:
    import shutil

    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    storage = DurableStorage(path)
    try:
        storage.write({"contacts": {}})
        before = path.read_bytes()
        shutil.copy2(path, tmp_path / "copy")  # a sync tool's version: a new file, same bytes
        os.replace(tmp_path / "copy", path)
        storage.write({"contacts": {"1": {"name": "Alex Example"}}})
        assert storage.diverted_to is not None and storage.diverted_to.name.startswith("w.conflict-")
        assert path.read_bytes() == before
        assert b"Alex Example" in storage.diverted_to.read_bytes()
    finally:
        storage.close()


def test_only_files_left_by_a_save_are_cleared_not_links_named_like_them(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    path.write_text("{}")
    stale = tmp_path / ".w.json.abcd1234.tmp"
    stale.write_text("half a save")
    target = tmp_path / "kept.txt"
    target.write_text("someone's")
    link = tmp_path / ".w.json.efgh5678.tmp"
    link.symlink_to(target)
    storage = DurableStorage(path)
    storage.close()
    assert not stale.exists()
    assert link.is_symlink() and target.read_text() == "someone's"


def test_a_workspace_in_use_is_named_as_the_person_gave_it(tmp_path: Path, monkeypatch) -> None:
    from interview_tui.core.errors import WorkspaceInUse
    from interview_tui.core.storage import DurableStorage

    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    first = DurableStorage(Path("w.json"))
    try:
        first.write({"contacts": {}})
        with pytest.raises(WorkspaceInUse) as refused:
            DurableStorage(Path("w.json"))
        assert str(refused.value).startswith("w.json is in use by PID ")
        link = Path("elsewhere") / "link.json"
        link.symlink_to(tmp_path / "w.json")
        with pytest.raises(WorkspaceInUse) as refused:
            DurableStorage(link)  # its own lock file is free: the workspace file's lock is not
        assert str(refused.value).startswith(f"{link} is in use by another process. ")
    finally:
        first.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="files of other users need root")
def test_root_takes_the_folder_owners_lock_and_gives_a_lock_it_makes_to_them(tmp_path: Path) -> None:
    from interview_tui.core.storage import FileLock

    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chown(theirs, 4321, 0)
    path = theirs / "w.json"
    lock = FileLock(path)
    lock.acquire()  # made by root in their folder: theirs, so that they can open it next
    lock.release()
    assert (lock.path.stat().st_uid, lock.path.stat().st_gid) == (4321, 0)
    again = FileLock(path)
    again.acquire()  # their lock, in their folder: root may use it
    again.release()

    roots = tmp_path / "roots"
    roots.mkdir()
    os.chown(roots, 0, 4321)
    lock = FileLock(roots / "w.json")
    lock.acquire()
    lock.release()
    assert (lock.path.stat().st_uid, lock.path.stat().st_gid) == (0, 0)  # root's folder: left as made


def test_saves_to_the_conflict_copy_are_counted_and_leave_nothing_unsaved(tmp_path: Path) -> None:
    import shutil

    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    storage = DurableStorage(path)
    try:
        storage.write({"contacts": {}})
        shutil.copy2(path, tmp_path / "copy")
        os.replace(tmp_path / "copy", path)
        storage.write({"contacts": {"1": {"name": "Alex Example"}}})
        assert (storage.writes, storage.has_unsaved_changes) == (2, False)
        storage.write({"contacts": {"1": {"name": "Sam Sample"}}})
        assert (storage.writes, storage.has_unsaved_changes) == (3, False)
        assert storage.diverted_to is not None and b"Sam Sample" in storage.diverted_to.read_bytes()
    finally:
        storage.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="files of other users need root")
def test_a_copied_backup_keeps_the_owner_of_the_file_it_copies(tmp_path: Path, monkeypatch) -> None:
    from interview_tui.core.storage import DurableStorage

    def no_links(*args, **kwargs) -> None:
        raise OSError(18, "Invalid cross-device link")

    path = tmp_path / "w.json"
    path.write_text("{}")
    os.chown(path, 4321, 4322)
    monkeypatch.setattr(os, "link", no_links)
    storage = DurableStorage(path)
    try:
        storage.write({"contacts": {}})
    finally:
        storage.close()
    status = backup_path(path).stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)


def test_a_backup_that_cannot_be_staged_fails_the_save_with_its_own_reason(tmp_path: Path, monkeypatch) -> None:
    import shutil

    from interview_tui.core.errors import SaveFailed
    from interview_tui.core.storage import DurableStorage

    def no_links(*args, **kwargs) -> None:
        raise OSError(18, "Invalid cross-device link")

    def disk_full(*args, **kwargs) -> None:
        raise OSError(28, "No space left on device")

    path = tmp_path / "w.json"
    path.write_text("{}")
    storage = DurableStorage(path)
    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(shutil, "copy2", disk_full)
    try:
        with pytest.raises(SaveFailed, match="No space left on device"):
            storage.write({"contacts": {}})
    finally:
        storage.close()
    assert path.read_text() == "{}"


# Opening, restoring and saving: what the person sees ---------------------------------------------


def test_a_user_other_than_root_keeps_a_files_group_but_never_gives_it_away(monkeypatch) -> None:
    from types import SimpleNamespace

    from interview_tui.core.storage import _keep_owner

    theirs = SimpleNamespace(st_uid=4321, st_gid=4322)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setattr(os, "getegid", lambda: 1000)
    assert _keep_owner(theirs, None) == (-1, 4322)  # chown to someone else would be refused
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(os, "getegid", lambda: 0)
    assert _keep_owner(theirs, None) == (4321, 4322)


def test_a_workspace_in_a_missing_folder_is_refused_unless_asked_to_create_it(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "missing" / "w.json"
    with pytest.raises(WorkspaceUnavailable):
        DurableStorage(path)
    assert not path.parent.exists()
    DurableStorage(path, create_dirs=True).close()
    assert path.parent.is_dir()


def test_a_named_pipe_in_place_of_the_workspace_is_restored_over_without_waiting(tmp_path: Path) -> None:
    import signal

    path = tmp_path / "w.json"
    os.mkfifo(path)
    backup_path(path).write_bytes(b'{"contacts": {}}')

    def stuck(*_: object) -> None:
        raise AssertionError("restoring waited for a writer to the pipe")

    # A guard, not a timing: opening a pipe without O_NONBLOCK waits for ever.
    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    try:
        kept = restore_backup(path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert path.read_bytes() == b'{"contacts": {}}'
    assert kept is not None and stat.S_ISFIFO(kept.lstat().st_mode)


def test_a_workspace_that_cannot_be_opened_says_why(tmp_path: Path) -> None:
    import errno

    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    path.symlink_to(path.name)  # a link to itself
    with pytest.raises(WorkspaceUnavailable) as refused:
        DurableStorage(path)
    assert str(refused.value) == f"cannot read {path}: {os.strerror(errno.ELOOP)}"


@pytest.mark.skipif(os.geteuid() != 0, reason="files of other users need root")
def test_a_backup_restored_by_root_still_belongs_to_the_workspaces_owner(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(b"{not json")
    backup_path(path).write_bytes(b'{"contacts": {}}')
    os.chown(path, 4321, 4322)
    restore_backup(path)
    assert path.read_bytes() == b'{"contacts": {}}'
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


def test_a_failed_save_names_the_workspace_as_the_person_gave_it(tmp_path: Path, monkeypatch) -> None:
    import errno

    from interview_tui.core import storage as storage_module
    from interview_tui.core.errors import SaveFailed

    real = tmp_path / "real.json"
    real.write_bytes(b'{"contacts": {}}')
    link = tmp_path / "link.json"
    link.symlink_to(real)
    storage = storage_module.DurableStorage(link)

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage_module, "write_atomically", full)
    try:
        with pytest.raises(SaveFailed) as failed:
            storage.write({"contacts": {"1": {"name": "Alex Example"}}})
        assert str(failed.value) == (
            f"could not save {link}: {os.strerror(errno.ENOSPC)}; the previous file is intact."
            " Free some space on that disk, then save again."
        )
    finally:
        monkeypatch.undo()
        storage.close()
    assert real.read_bytes() == b'{"contacts": {}}'


# Messages and races of the first rounds' survivors ---------------------------------------


def test_a_folder_made_by_another_program_meanwhile_is_used_and_a_file_made_there_is_refused(
    tmp_path: Path, monkeypatch
) -> None:
    """Between looking and making a missing folder, another program may make it: a folder is
    then used as it is, a file in its place is refused naming it."""
    from interview_tui.core.storage import DurableStorage

    real_mkdir = os.mkdir
    for made_meanwhile, refused in [(real_mkdir, False), (lambda p, *a: Path(p).write_bytes(b""), True)]:
        target = tmp_path / ("file" if refused else "folder") / "deeper"

        def racing(path, mode=0o777, *, made_meanwhile=made_meanwhile):
            made_meanwhile(path)
            raise FileExistsError(17, "File exists", str(path))

        monkeypatch.setattr(os, "mkdir", racing)
        try:
            if refused:
                with pytest.raises(WorkspaceUnavailable) as caught:
                    DurableStorage(target / "w.json", create_dirs=True)
                assert str(caught.value) == f"{target.parent} is not a directory; choose another --db path"
            else:
                monkeypatch.setattr(os, "mkdir", racing)
                DurableStorage(target / "w.json", create_dirs=True).close()
                assert target.is_dir()
        finally:
            monkeypatch.setattr(os, "mkdir", real_mkdir)


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b'{"contacts": {"1": {"name": "\xff"}}}', "line 1 column 30"),
        (b'{\n  "contacts": {\n    "1": {"name": "Al\xe9x"}\n  }\n}\n', "line 3 column 22"),
        (b'\xfe{}\n', "line 1 column 1"),
        (b'{\n\xfe}\n\n', "line 2 column 1"),
    ],
)
def test_bytes_that_are_not_utf8_are_placed_by_line_and_column(tmp_path: Path, raw: bytes, where: str) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(raw)
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path)
    bad = next(b for b in raw if b >= 0x80)
    assert f"(byte 0x{bad:02x} at {where} is not UTF-8 text)" in str(refused.value)


@pytest.mark.parametrize(
    ("table", "why"),
    [
        ({"1": {"name": "Alex Example"}, "2": [1]}, "contacts record 2 is a list, not an object of fields"),
        ({"1": {"name": "Alex Example"}, "2": None}, "contacts record 2 is null, not an object of fields"),
        ({"1": {"name": "Alex Example"}, "x": {}}, "contacts has a record under 'x', which is not a number"),
    ],
)
def test_the_first_record_that_breaks_the_shape_is_named_not_one_before_it(
    tmp_path: Path, table: dict, why: str
) -> None:
    import json

    path = tmp_path / "w.json"
    path.write_text(json.dumps({"contacts": table}))
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path)
    assert f"is JSON but not an interview-tui workspace ({why})" in str(refused.value)


@pytest.mark.parametrize(
    ("number", "step"),
    [
        ("ENOSPC", " Free some space on that disk, then save again."),
        ("EDQUOT", " Free some space on that disk, then save again."),
        ("EACCES", " Make the folder writable (or choose another --db path), then save again."),
        ("EPERM", " Make the folder writable (or choose another --db path), then save again."),
        ("EROFS", " Make the folder writable (or choose another --db path), then save again."),
        ("EIO", ""),
    ],
)
def test_a_failed_save_says_the_step_that_lets_the_next_one_succeed(tmp_path: Path, monkeypatch, number, step) -> None:
    import errno

    from interview_tui.core import storage as storage_module
    from interview_tui.core.errors import SaveFailed

    path = tmp_path / "w.json"
    path.write_bytes(b'{"contacts": {}}')
    storage = storage_module.DurableStorage(path)
    code = getattr(errno, number)

    def refused(*_: object, **__: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage_module, "write_atomically", refused)
    try:
        with pytest.raises(SaveFailed) as failed:
            storage.write({"contacts": {"1": {"name": "Alex Example"}}})
        assert str(failed.value) == f"could not save {path}: {os.strerror(code)}; the previous file is intact.{step}"
    finally:
        monkeypatch.undo()
        storage.close()


def test_restoring_a_workspace_in_use_names_it_as_the_person_gave_it(tmp_path: Path, monkeypatch) -> None:
    from interview_tui.core.errors import WorkspaceInUse
    from interview_tui.core.storage import DurableStorage

    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.json").write_bytes(b"{}")
    backup_path(tmp_path / "w.json").write_bytes(b'{"contacts": {}}')
    storage = DurableStorage(tmp_path / "w.json")
    try:
        with pytest.raises(WorkspaceInUse) as refused:
            restore_backup(Path("w.json"))
        assert str(refused.value).startswith("w.json is in use by ")
    finally:
        storage.close()
    assert (tmp_path / "w.json").read_bytes() == b"{}"


# Saves handed to the writer's thread -----------------------------------------------------

_SEEDED = {
    "meta": {"1": {"schema_version": 1, "workspace_id": "ws-test"}},
    "contacts": {"1": {"name": "Alex Example"}, "2": {"name": "Sam Sample"}},
    "interviews": {"1": {"contact_id": 1, "when": "2026-11-20T10:00:00"}},
    "followups": {"1": {"contact_id": 2, "due": "2026-11-30T09:00:00", "note": "nudge"}},
    "touches": {"1": {"contact_id": 1, "kind": "met", "at": "2026-11-20T10:00:00"}},
}


def _opened_with_a_writer_held(path: Path):
    """A store saving in the background whose writer waits at its next job until ``gate`` is
    set (``started`` says it is there): saves given meanwhile queue behind it, as they do
    behind a slow disk."""
    import json
    import threading
    from datetime import datetime

    from interview_tui.core.store import Store

    if not path.exists():
        path.write_text(json.dumps(_SEEDED))
    store = Store.open(path, clock=lambda: datetime(2026, 11, 25, 10, 0))
    storage = store.storage
    write, started, gate = storage._write_snapshot, threading.Event(), threading.Event()

    def held(snapshot, refused):
        if not gate.is_set():
            started.set()
            gate.wait(10)
        write(snapshot, refused)

    storage._write_snapshot = held
    store.write_in_background()
    return store, started, gate


def test_making_tables_ready_while_the_writer_is_busy_never_writes_the_file(tmp_path: Path) -> None:
    """Tables made ready one after another behind a busy writer are taken together, and still
    write nothing: the file stays as it was read (it holds every table, the writer's copy only
    the ones made ready)."""
    path = tmp_path / "interviews.json"
    store, started, gate = _opened_with_a_writer_held(path)
    before = path.read_bytes()
    try:
        tables = store.tables_to_prepare()
        store.prepare_for_changes(tables[0])
        assert started.wait(10)
        for table in tables[1:]:
            store.prepare_for_changes(table)
        gate.set()
        assert store.wait_for_writes(10)
        assert store.settle() is None
        assert path.read_bytes() == before
    finally:
        gate.set()
        store.close()


def test_a_save_given_behind_a_table_being_made_ready_is_written(tmp_path: Path) -> None:
    from interview_tui.core.models import Contact

    path = tmp_path / "interviews.json"
    store, started, gate = _opened_with_a_writer_held(path)
    try:
        store.prepare_for_changes("contacts")
        assert started.wait(10)
        store.prepare_for_changes("interviews")  # waits, then the save merges into it
        store.add_contact(Contact(name="Bo Placeholder"))
        gate.set()
        assert store.wait_for_writes(10)
        assert store.settle() is None
        assert not store.has_unsaved_changes
    finally:
        gate.set()
        store.close()
    import json

    document = json.loads(path.read_text())
    assert sorted(c["name"] for c in document["contacts"].values()) == ["Alex Example", "Bo Placeholder", "Sam Sample"]
    assert document["touches"] == _SEEDED["touches"]


def test_a_change_not_saved_yet_when_its_table_is_made_ready_reaches_the_file(tmp_path: Path) -> None:
    """A change held in memory (not handed to the writer yet) when its table is made ready goes
    with the writer's copy: a later save of another table writes it, not the table as read."""
    import json

    from interview_tui.core.models import Contact, FollowUp

    path = tmp_path / "interviews.json"
    store, _, gate = _opened_with_a_writer_held(path)
    gate.set()
    try:
        with store.storage.held():
            store.add_contact(Contact(name="Bo Placeholder"))
        store.prepare_for_changes("contacts")
        store.add_followup(FollowUp(contact_id=1, due=store.clock()))
        assert store.wait_for_writes(10)
        assert store.settle() is None
    finally:
        store.close()
    names = sorted(c["name"] for c in json.loads(path.read_text())["contacts"].values())
    assert names == ["Alex Example", "Bo Placeholder", "Sam Sample"]


def test_waiting_for_a_busy_writer_gives_up_when_the_time_is_out(tmp_path: Path) -> None:
    from interview_tui.core.models import Contact

    path = tmp_path / "interviews.json"
    store, started, gate = _opened_with_a_writer_held(path)
    try:
        store.add_contact(Contact(name="Bo Placeholder"))
        assert started.wait(10)
        assert store.wait_for_writes(0.05) is False  # still being written: the caller goes on
        assert store.has_unsaved_changes
        gate.set()
        assert store.wait_for_writes(10) is True
        assert not store.has_unsaved_changes
    finally:
        gate.set()
        store.close()


def test_erasing_for_good_behind_a_busy_writer_is_still_written_apart(tmp_path: Path) -> None:
    """The erasing save queued behind another is written on its own, not merged into the next
    one: the backup kept by that next write holds no trace of the person erased."""
    from interview_tui.core.models import Contact

    path = tmp_path / "interviews.json"
    store, started, gate = _opened_with_a_writer_held(path)
    gate.set()
    try:
        entry = store.delete_contact(store.add_contact(Contact(name="Jo Erased", email="jo@example.com")).id or 0)
        assert store.wait_for_writes(10)
        gate.clear()
        started.clear()
        store.add_contact(Contact(name="Bo Placeholder"))
        assert started.wait(10)
        store.purge([entry.id or 0])  # waits behind the save being written
        store.add_contact(Contact(name="Cy Example"))  # would be merged with it, were it not apart
        gate.set()
        assert store.wait_for_writes(10)
        assert store.settle() is None
    finally:
        gate.set()
        store.close()
    assert b"jo@example.com" not in path.read_bytes()
    assert b"jo@example.com" not in backup_path(path).read_bytes()
    assert b"Cy Example" in path.read_bytes()


@pytest.mark.parametrize("typed_since", [False, True])
def test_after_a_failed_background_write_memory_is_unsaved_only_if_notes_were_typed_since(
    tmp_path: Path, typed_since: bool
) -> None:
    from datetime import datetime

    from interview_tui.core.errors import SaveFailed
    from interview_tui.core.models import Interview

    path = tmp_path / "interviews.json"
    store, _, gate = _opened_with_a_writer_held(path)
    gate.set()
    storage = store.storage
    try:
        talk = store.add_interview(Interview(contact_id=1, when=datetime(2026, 11, 26, 10, 0)))
        assert store.wait_for_writes(10)
        assert store.settle() is None

        def full(*args, **kwargs):
            del storage._write_file
            raise SaveFailed(f"could not save {path}: No space left on device; the previous file is intact.")

        storage._write_file = full
        moved = store.interview(talk.id or 0)
        moved.when = datetime(2026, 11, 27, 10, 0)
        store.update_interview(moved)
        if typed_since:
            store.save_notes(talk.id or 0, "typed after the change that fails")
        assert store.wait_for_writes(10)
        assert isinstance(store.settle(), SaveFailed)
        assert store.has_unsaved_changes is typed_since
    finally:
        store.close()


# Reading typed, and where a file that is not UTF-8 goes wrong ---------------------------------


def _typed() -> dict:
    from interview_tui.core.store import _typed_readers

    return _typed_readers()


def test_a_record_under_an_empty_id_is_refused_when_the_table_is_read_typed(tmp_path: Path) -> None:
    """The other ids are numbers, so joined together they look like one: the empty id must still
    be found, or the record would be kept under an id no one can reach."""
    path = tmp_path / "w.json"
    path.write_bytes(b'{"contacts": {"1": {"name": "Alex Example"}, "": {"name": "Sam Sample"}}}')
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path, typed=_typed())
    assert str(refused.value) == (
        f"{path} is JSON but not an interview-tui workspace (contacts has a record under '', which "
        "is not a number); it was left untouched."
    )


def test_a_bad_table_after_one_read_typed_is_named(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(b'{"contacts": {"1": {"name": "Alex Example"}}, "followups": [1, 2]}')
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path, typed=_typed())
    assert "(its table 'followups' is a list, not records under their ids)" in str(refused.value)


def test_read_document_keeps_a_table_read_typed_as_its_text_with_its_records(tmp_path: Path) -> None:
    from interview_tui.core.table_text import Unparsed

    path = tmp_path / "w.json"
    text = b'{"1": {"name": "Alex Example"}}'
    path.write_bytes(b'{"contacts": ' + text + b', "meta": {"1": {"schema_version": 1}}}')
    data = read_document(path, typed=_typed())
    assert data is not None
    contacts = data["contacts"]
    assert type(contacts) is Unparsed
    assert bytes(contacts.raw) == text
    assert [(key, record.name) for key, record in (contacts.records or {}).items()] == [("1", "Alex Example")]
    assert data["meta"] == {"1": {"schema_version": 1}}


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"\xff{}", "line 1 column 1"),
        (b"{\xff}", "line 1 column 2"),
        (b"\n\xff", "line 2 column 1"),
        (b"\n\n  \xfe", "line 3 column 3"),
        (b'{"a":\n "\xc3"}', "line 2 column 3"),
    ],
)
def test_a_byte_that_is_not_utf8_is_placed_by_line_and_column(tmp_path: Path, raw: bytes, where: str) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(raw)
    with pytest.raises(WorkspaceUnreadable) as refused:
        read_document(path)
    bad = next(byte for byte in raw if byte >= 0x80)
    assert str(refused.value) == (
        f"{path} is not valid JSON (byte 0x{bad:02x} at {where} is not UTF-8 text); it was left untouched."
    )


# Bytes read ahead are not read again ---------------------------------------------------------


def test_bytes_read_ahead_are_not_read_from_the_file_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the read-ahead is for: at 10,000 contacts a second read of the file costs start-up
    10 ms, and far more when the file is not in the page cache."""
    from interview_tui.core import storage as storage_module
    from interview_tui.core.storage import DurableStorage, ReadAhead

    path = tmp_path / "w.json"
    path.write_bytes(b'{"contacts": {"1": {"name": "Alex Example"}}}')
    ahead, again = ReadAhead(path), ReadAhead(path)
    real_read_bytes = Path.read_bytes

    def no_second_read(self: Path) -> bytes:
        assert self != path, "read again"
        return real_read_bytes(self)

    def no_read_all(fd: int) -> bytes:
        raise AssertionError("read again")

    monkeypatch.setattr(Path, "read_bytes", no_second_read)
    monkeypatch.setattr(storage_module, "_read_all", no_read_all)
    assert read_document(path, read_ahead=ahead) == {"contacts": {"1": {"name": "Alex Example"}}}
    storage = DurableStorage(path, read_ahead=again)
    try:
        assert storage.read() == {"contacts": {"1": {"name": "Alex Example"}}}
    finally:
        storage.close()


# The lock file: each refusal says what is wrong and how to clear it --------------------------


def test_a_directory_where_the_lock_goes_is_refused_with_the_command_that_removes_it(tmp_path: Path) -> None:
    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    lock_path(path).mkdir()
    with pytest.raises(WorkspaceUnavailable) as refused:
        DurableStorage(path)
    assert str(refused.value) == (
        f"{lock_path(path)} is a directory, so it is not used as the lock of {path}; remove it "
        f"(rmdir {lock_path(path)}) and try again."
    )


def _refuse_opening(monkeypatch: pytest.MonkeyPatch, refused: Path, error: int) -> None:
    """Opening ``refused`` fails with ``error``, as it does for a user the system says no to."""
    real_open = os.open

    def opening(file, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == os.fspath(refused):
            raise OSError(error, os.strerror(error), os.fspath(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", opening)


def test_a_lock_file_that_cannot_be_opened_names_its_owner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    lock = lock_path(path)
    lock.write_bytes(b"")
    if os.geteuid() == 0:  # another user's file, as it is where this happens
        os.chown(lock, 4321, 4321)
    owner = lock.stat().st_uid
    _refuse_opening(monkeypatch, lock, errno.EACCES)
    with pytest.raises(WorkspaceUnavailable) as refused:
        DurableStorage(path)
    assert str(refused.value) == (
        f"{lock} cannot be opened (Permission denied; it belongs to uid {owner}), so it is not used "
        f"as the lock of {path}; remove it (rm {lock}) and try again."
    )


def test_a_folder_where_no_lock_can_be_made_opens_the_workspace_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from interview_tui.core.errors import WorkspaceReadOnly
    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    path.write_bytes(b'{"contacts": {"1": {"name": "Alex Example"}}}')
    _refuse_opening(monkeypatch, lock_path(path), errno.EACCES)
    storage = DurableStorage(path)
    try:
        assert storage.read() == {"contacts": {"1": {"name": "Alex Example"}}}
        assert storage.read_only == (
            f"{path} is in a folder that is not writable ({tmp_path}). "
            f"Make the folder writable (chmod u+w {tmp_path}) and open it again to make changes."
        )
        with pytest.raises(WorkspaceReadOnly):
            storage.write({"contacts": {}})
    finally:
        storage.close()
    assert path.read_bytes() == b'{"contacts": {"1": {"name": "Alex Example"}}}'


def test_a_workspace_on_a_read_only_file_system_says_to_copy_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from interview_tui.core.storage import DurableStorage

    path = tmp_path / "w.json"
    path.write_bytes(b'{"contacts": {}}')
    monkeypatch.setattr(os, "statvfs", lambda where: SimpleNamespace(f_flag=os.ST_RDONLY))
    storage = DurableStorage(path)
    try:
        assert storage.read_only == (
            f"{path} is on a read-only file system. "
            "Copy it to a writable place (and open the copy with --db) to make changes."
        )
    finally:
        storage.close()


def test_the_backup_is_restored_where_the_workspace_file_cannot_be_flocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link to a file on a file system without flock (the lock file beside the link still
    works there): the restore goes ahead without that second lock."""
    import errno
    import fcntl

    path = tmp_path / "w.json"
    path.write_bytes(b"{damaged")
    backup_path(path).write_bytes(b'{"contacts": {}}\n')
    real_flock = fcntl.flock
    workspace = os.path.realpath(path)

    def flock(fd: int, operation: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}") == workspace:
            raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))
        real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flock)
    kept = restore_backup(path)
    assert kept is not None and kept.read_bytes() == b"{damaged"
    assert path.read_bytes() == b'{"contacts": {}}\n'


# Saves handed to the writer's thread ----------------------------------------------------------


def _seeded_storage(path: Path, *, typed: bool = True):  # type: ignore[no-untyped-def]
    """A workspace this program wrote, with three contacts, opened as the Store opens it."""
    from datetime import datetime

    from interview_tui.core.models import Contact
    from interview_tui.core.storage import DurableStorage
    from interview_tui.core.store import Store

    with Store.open(path, clock=lambda: datetime(2026, 11, 25, 10, 0)) as store:
        for name in ("Alex Example", "Sam Sample", "Jo Placeholder"):
            store.add_contact(Contact(name=name))
    storage = DurableStorage(path, typed=_typed() if typed else None)
    storage.keys_in_order = True
    return storage


def _writer_held(storage):  # type: ignore[no-untyped-def]
    """Start ``storage``'s writer, which waits at its first job until ``gate`` is set
    (``started`` says it is there), as behind a slow disk."""
    import threading

    write, started, gate = storage._write_snapshot, threading.Event(), threading.Event()

    def held(snapshot, refused):  # type: ignore[no-untyped-def]
        if not gate.is_set():
            started.set()
            gate.wait(10)
        write(snapshot, refused)

    storage._write_snapshot = held
    storage.write_in_background()
    return started, gate


@pytest.mark.parametrize("chunk", [1, 2, 2000])
def test_a_table_said_changed_as_a_whole_is_saved_by_the_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """``write(changed=...)`` with no record named (the table replaced, records added and
    removed): each save by the writer's thread holds every change, in the bytes a save on the
    caller's thread writes, whatever the size of the chunks it encodes a table in."""
    from interview_tui.core import storage as storage_module

    monkeypatch.setattr(storage_module, "_CHUNK", chunk)
    path = tmp_path / "w.json"
    storage = _seeded_storage(path)
    storage.write_in_background()
    try:
        # A save of another table first: the writer keeps the contacts as the text they were read as.
        data = storage.read_tables(("meta",))
        data["meta"]["1"] = dict(sorted({**data["meta"]["1"], "note": "kept"}.items()))
        storage.write(data, changed=("meta",))
        assert storage.wait_for_writes(10)
        for key, name in (("4", "Cy Example"), ("5", "Bo Placeholder")):
            data = storage.read_tables(("contacts",))
            data["contacts"][key] = {"name": name}
            del data["contacts"]["1" if key == "4" else "2"]
            storage.appended("contacts")
            storage.write(data, changed=("contacts",))
            assert storage.wait_for_writes(10)
            assert storage.write_failure() is None
            on_disk = json.loads(path.read_bytes())
            assert {record["name"] for record in on_disk["contacts"].values()} == (
                {"Sam Sample", "Jo Placeholder", "Cy Example"} if key == "4" else {"Jo Placeholder", "Cy Example", "Bo Placeholder"}
            )
        assert on_disk["meta"]["1"]["note"] == "kept"
        assert path.read_bytes() == encode(storage.read() or {})
    finally:
        storage.close()


def test_saves_made_while_one_is_written_are_written_together_as_one(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    storage = _seeded_storage(path, typed=False)
    started, gate = _writer_held(storage)
    try:
        before = storage.writes
        data = storage.read() or {}
        for number in range(4):
            data["contacts"]["1"] = {"name": f"Alex Example {number}"}
            storage.write(data, changed=("contacts",))
            if number == 0:
                assert started.wait(10)  # the first is being written; the others queue behind it
        gate.set()
        assert storage.wait_for_writes(10)
        assert storage.write_failure() is None
        assert storage.writes - before == 2
        assert json.loads(path.read_bytes())["contacts"]["1"] == {"name": "Alex Example 3"}
        assert not storage.has_unsaved_changes
    finally:
        gate.set()
        storage.close()


def test_a_table_made_ready_behind_a_waiting_save_leaves_what_the_file_holds_counted(tmp_path: Path) -> None:
    """The Store compares ``written`` with its changes to know which of them the file holds."""
    path = tmp_path / "w.json"
    storage = _seeded_storage(path)
    started, gate = _writer_held(storage)
    try:
        data = storage.read_tables(("contacts",))
        data["contacts"]["1"] = {"name": "Alex Example"}
        storage.write(data, changed=("contacts",))
        assert started.wait(10)
        data["contacts"]["2"] = {"name": "Sam Sample 2"}
        storage.write(data, changed=("contacts",))  # waits behind the first
        with storage.held():
            data["touches"] = {"1": {"contact_id": 1, "kind": "met"}}
            storage.write(data, changed=("touches",))
        # Taken with the waiting save: the file it writes holds every change made so far.
        storage.prepare_for_changes("touches")
        gate.set()
        assert storage.wait_for_writes(10)
        assert storage.write_failure() is None
        assert storage.written == storage.changes_made
        assert json.loads(path.read_bytes())["contacts"]["2"] == {"name": "Sam Sample 2"}
        storage.flush()
        assert storage.wait_for_writes(10)
        assert not storage.has_unsaved_changes
        assert json.loads(path.read_bytes())["touches"] == {"1": {"contact_id": 1, "kind": "met"}}
    finally:
        gate.set()
        storage.close()


def test_a_table_made_ready_and_not_changed_is_written_back_as_it_was_read(tmp_path: Path) -> None:
    """A file another tool laid out its own way keeps that layout in each table no change
    touched (under git, a save shows only what changed), made ready for changes or not."""
    path = tmp_path / "w.json"
    _seeded_storage(path).close()
    document = json.loads(path.read_bytes())
    path.write_text(json.dumps(document))  # one line, as another tool may write it
    contacts_as_read = json.dumps(document["contacts"])
    storage = DurableStorage(path, typed=_typed())
    storage.keys_in_order = True
    storage.write_in_background()
    try:
        storage.prepare_for_changes("contacts")
        assert storage.wait_for_writes(10)
        data = storage.read_tables(("meta",))
        data["meta"]["1"] = dict(sorted({**data["meta"]["1"], "note": "kept"}.items()))
        storage.write(data, changed=("meta",))
        assert storage.wait_for_writes(10)
        assert storage.write_failure() is None
        saved = path.read_text()
        assert f'"contacts": {contacts_as_read},\n' in saved
        assert json.loads(saved) == {**document, "meta": data["meta"]}
    finally:
        storage.close()


def test_a_backup_that_cannot_be_kept_does_not_fail_a_save_already_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new file is in place when the previous one becomes the backup: failing there (the
    staged copy gone, removed by a cleaning tool meanwhile) costs the backup, not the save."""
    path = tmp_path / "w.json"
    path.write_bytes(b'{"contacts": {}}')
    storage = DurableStorage(path)
    real_replace = os.replace

    def replace(source, destination, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(destination) == os.fspath(backup_path(path)):
            os.unlink(source)
        return real_replace(source, destination, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    try:
        storage.write({"contacts": {"1": {"name": "Alex Example"}}})
        assert not storage.has_unsaved_changes
    finally:
        storage.close()
    assert json.loads(path.read_bytes()) == {"contacts": {"1": {"name": "Alex Example"}}}
    assert not backup_path(path).exists()
    assert not [entry.name for entry in tmp_path.iterdir() if entry.name.endswith(".tmp")]  # nothing left half-done
