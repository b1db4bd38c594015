"""The file changed by another program (a sync tool, an editor) while the workspace is open:
noticed before the next save, which then goes to a file of its own. Neither version is lost."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from interview_tui.core.models import Contact
from interview_tui.core.store import Store


def conflict_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.conflict-*.json"))


def names_in(path: Path) -> list[str]:
    document = json.loads(path.read_bytes())
    return sorted(record["name"] for record in document.get("contacts", {}).values())


@pytest.fixture
def opened(db_path: Path, fixed_clock) -> Store:  # type: ignore[no-untyped-def]
    store = Store.open(db_path, clock=fixed_clock)
    store.add_contact(Contact(name="Alex Example"))
    yield store
    store.close()


def replace_from_elsewhere(path: Path, names: list[str]) -> bytes:
    """What a sync tool does: a new file, renamed over ours."""
    document = json.loads(path.read_bytes())
    document["contacts"] = {str(i): {"name": name} for i, name in enumerate(names, start=1)}
    payload = json.dumps(document).encode()
    other = path.with_name("from-the-sync-tool")
    other.write_bytes(payload)
    os.replace(other, path)
    return payload


def test_a_file_replaced_meanwhile_is_kept_and_our_change_goes_beside_it(opened: Store, db_path: Path) -> None:
    told: list[Path] = []
    opened.storage.on_diverted = told.append
    theirs = replace_from_elsewhere(db_path, ["Sam Sample"])

    opened.add_contact(Contact(name="Jordan Demo"))

    assert db_path.read_bytes() == theirs  # their version, untouched
    [ours] = conflict_files(db_path.parent)
    assert told == [ours]
    assert names_in(ours) == ["Alex Example", "Jordan Demo"]  # everything of ours, not just the change
    assert stat.S_IMODE(ours.stat().st_mode) == 0o600
    assert not opened.storage.has_unsaved_changes

    # Later saves keep going there, and the person is not told again.
    opened.add_contact(Contact(name="Casey Placeholder"))
    assert conflict_files(db_path.parent) == [ours]
    assert names_in(ours) == ["Alex Example", "Casey Placeholder", "Jordan Demo"]
    assert db_path.read_bytes() == theirs
    assert told == [ours]


def test_a_change_written_in_place_is_noticed_too(opened: Store, db_path: Path) -> None:
    before = db_path.stat()
    with open(db_path, "r+b") as handle:  # an editor saving into the same file
        content = handle.read()
        handle.seek(0)
        handle.write(content.replace(b"Alex Example", b"Alex Exampl3"))
    os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    edited = db_path.read_bytes()

    opened.add_contact(Contact(name="Jordan Demo"))

    assert db_path.read_bytes() == edited
    [ours] = conflict_files(db_path.parent)
    assert names_in(ours) == ["Alex Example", "Jordan Demo"]


def test_our_own_saves_never_look_like_someone_else_s(opened: Store, db_path: Path) -> None:
    for number in range(20):
        opened.add_contact(Contact(name=f"Contact {number:02} Example"))
    assert conflict_files(db_path.parent) == []
    assert len(names_in(db_path)) == 21
    assert opened.storage.diverted_to is None


def test_a_file_removed_meanwhile_is_written_again_in_its_place(opened: Store, db_path: Path) -> None:
    db_path.unlink()
    opened.add_contact(Contact(name="Jordan Demo"))
    assert names_in(db_path) == ["Alex Example", "Jordan Demo"]
    assert conflict_files(db_path.parent) == []
