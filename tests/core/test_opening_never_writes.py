"""Opening a workspace never writes: whatever the file holds (a good workspace, a damaged one,
one from before the meta table, one lacking tables), opening and closing it changes no byte of
it or of its backup, and leaves nothing new beside it but the lock. What opening prepares in an
existing file (the schema record, the question bank) reaches it with the first change the person
makes; a path with no file yet becomes a workspace when it is first opened."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core.errors import WorkspaceError
from interview_tui.core.models import Contact, Question
from interview_tui.core.questions import DEFAULT_QUESTIONS
from interview_tui.core.storage import backup_path, lock_path
from interview_tui.core.store import SCHEMA_VERSION, Store


def snapshot(directory: Path) -> dict[str, tuple[bytes, int, int, int]]:
    """Every file in ``directory``: its bytes, mode, inode and modification time."""
    found = {}
    for path in directory.iterdir():
        status = path.stat()
        found[path.name] = (path.read_bytes(), status.st_mode, status.st_ino, status.st_mtime_ns)
    return found


_names = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12).filter(str.strip)


@st.composite
def workspace_files(draw: st.DrawFn) -> bytes:
    """The bytes of a workspace file as one may find it: good, older, incomplete or damaged."""
    document: dict[str, Any] = {}
    if draw(st.booleans()):
        names = draw(st.lists(_names, max_size=4))
        document["contacts"] = {str(i): Contact(name=n).to_doc() for i, n in enumerate(names, 1)}
    if draw(st.booleans()):
        texts = draw(st.lists(_names, min_size=1, max_size=3))
        document["questions"] = {str(i): Question(text=t, order=i).to_doc() for i, t in enumerate(texts, 1)}
    meta = draw(st.sampled_from(["current", "absent", "older", "newer", "empty"]))
    if meta != "absent":
        version = {"current": SCHEMA_VERSION, "older": 0, "newer": SCHEMA_VERSION + 1, "empty": None}[meta]
        document["meta"] = {"1": {"schema_version": version}} if version is not None else {}
    damage = draw(
        st.sampled_from(
            ["none", "a record without its name", "a field of the wrong type", "a table that is a list", "cut short", "one byte changed"]
        )
    )
    if damage == "a record without its name":
        document.setdefault("contacts", {})["7"] = {"company": "A"}
    elif damage == "a field of the wrong type":
        document.setdefault("contacts", {})["7"] = {"name": "Alex Example", "tags": 5}
    elif damage == "a table that is a list":
        document["touches"] = [{"contact_id": 1}]
    raw = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    if damage == "cut short":
        raw = raw[: draw(st.integers(0, max(0, len(raw) - 1)))]
    elif damage == "one byte changed" and raw:
        position = draw(st.integers(0, len(raw) - 1))
        raw = raw[:position] + bytes([draw(st.integers(0, 255))]) + raw[position + 1 :]
    return raw


_backups = st.one_of(
    st.none(),
    st.just(b'{\n  "contacts": {}\n}\n'),
    st.binary(max_size=40),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=workspace_files(), backup=_backups, mode=st.sampled_from([0o600, 0o644, 0o444]))
def test_opening_and_closing_changes_no_byte_of_the_file_or_its_backup(content: bytes, backup: bytes | None, mode: int) -> None:
    with tempfile.TemporaryDirectory() as where:
        directory = Path(where)
        path = directory / "interviews.json"
        path.write_bytes(content)
        path.chmod(mode)
        if backup is not None:
            backup_path(path).write_bytes(backup)
        before = snapshot(directory)

        try:
            store = Store.open(path)
        except WorkspaceError:
            pass  # refused: the message is tested elsewhere; the files are what matters here
        else:
            store.contacts()
            store.questions()
            store.close()

        after = snapshot(directory)
        assert set(after) - set(before) <= {lock_path(path).name}
        assert {name: after[name] for name in before} == before


def test_a_new_path_becomes_a_workspace_at_once_and_an_existing_one_is_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    with Store.open(path) as store:
        assert store.created_now
        assert store.storage.writes == 1  # the schema record and the bank, in one write
        assert not store.storage.has_unsaved_changes
    on_disk = json.loads(path.read_bytes())
    assert [doc["schema_version"] for doc in on_disk["meta"].values()] == [SCHEMA_VERSION]
    assert sorted(doc["text"] for doc in on_disk["questions"].values()) == sorted(DEFAULT_QUESTIONS)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, lock_path(path).name])  # no backup
    before = snapshot(tmp_path)

    with Store.open(path) as store:
        assert store.storage.writes == 0
    after = snapshot(tmp_path)
    del before[lock_path(path).name], after[lock_path(path).name]
    assert after == before


def test_a_file_without_questions_or_meta_gets_them_with_the_first_change(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    original = b'{"contacts": {"1": {"name": "Alex Example"}}}'
    path.write_bytes(original)
    with Store.open(path) as store:
        assert len(store.questions()) == len(DEFAULT_QUESTIONS)
    assert path.read_bytes() == original
    with Store.open(path) as store:
        store.add_contact(Contact(name="Sam Sample"))
    on_disk = json.loads(path.read_bytes())
    assert len(on_disk["questions"]) == len(DEFAULT_QUESTIONS)
    assert [doc["schema_version"] for doc in on_disk["meta"].values()] == [SCHEMA_VERSION]
    assert backup_path(path).read_bytes() == original  # the file as it was read
    text = path.read_text()
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_TUI_DB"}
    return subprocess.run(
        [sys.executable, "-m", "interview_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_a_damaged_file_is_refused_by_the_cli_and_its_last_good_backup_survives(tmp_path: Path) -> None:
    """The reported case: two adds, then an editor leaves a record without its name."""
    db = tmp_path / "interviews.json"
    assert _cli(db, "add", "Alex Example").returncode == 0
    assert _cli(db, "add", "Sam Sample").returncode == 0
    good_backup = backup_path(db).read_bytes()
    assert b"Alex Example" in good_backup
    damaged = b'{"contacts":{"1":{"company":"A"}}}'
    db.write_bytes(damaged)
    before = snapshot(tmp_path)

    listing = _cli(db, "list")

    assert listing.returncode != 0
    assert "left untouched" in listing.stderr
    assert db.read_bytes() == damaged
    assert backup_path(db).read_bytes() == good_backup
    after = snapshot(tmp_path)
    del before[lock_path(db).name], after[lock_path(db).name]  # the lock records who holds it
    assert after == before
