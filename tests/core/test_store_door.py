"""The store is the one door to the workspace document: what the interface, the command line and
the formats need of the file (saving what is pending, the document whole, a restore in one write,
word of a save kept beside the file) is asked of the store, never of its storage."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from interview_tui.core.models import Contact
from interview_tui.core.store import Store

from .conftest import FIXED_NOW

PACKAGE = Path(__file__).resolve().parents[2] / "interview_tui"


def clock():
    return FIXED_NOW


def test_the_interface_and_the_rules_reach_the_file_only_through_the_store() -> None:
    reaching_in = re.compile(r"\.storage\.")
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "store.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reaching_in.search(line)
    ]
    assert offenders == []


def test_a_change_is_pending_until_its_batch_ends_and_then_on_disk(db_path: Path) -> None:
    with Store.open(db_path, clock=clock) as store:
        with store.batch():
            store.add_contact(Contact(name="Alex Example"))
            assert store.has_unsaved_changes
        assert not store.has_unsaved_changes
        store.flush()  # nothing pending: nothing to do, nothing lost
    with Store.open(db_path, clock=clock) as again:
        assert [c.name for c in again.contacts()] == ["Alex Example"]


def test_the_document_is_every_table_as_in_memory(db_path: Path) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.add_contact(Contact(name="Sam Sample"))
        document = store.document()
    assert [doc["name"] for doc in document["contacts"].values()] == ["Sam Sample"]
    assert "meta" in document


def test_a_replaced_document_is_read_back_whole_and_written_once(tmp_path: Path, db_path: Path) -> None:
    source = tmp_path / "other.json"
    with Store.open(source, clock=clock) as other:
        other.add_contact(Contact(name="Alex Example", company="Example Ltd"))
        document = {k: dict(v) for k, v in other.document().items()}
    with Store.open(db_path, clock=clock) as store:
        writes = store.storage.writes
        restored = store.replaced(document)
        assert store.storage.writes == writes + 1
        assert [(c.name, c.company) for c in restored.contacts()] == [("Alex Example", "Example Ltd")]
    with Store.open(db_path, clock=clock) as again:
        assert [c.name for c in again.contacts()] == ["Alex Example"]


def test_word_of_a_save_kept_beside_the_file_reaches_the_callback_given_to_the_store(
    tmp_path: Path, db_path: Path
) -> None:
    told: list[Path] = []
    with Store.open(db_path, clock=clock) as store:
        store.flush()
        store.on_diverted = told.append
        assert store.on_diverted == told.append
        # Another program replaces the file: the next save goes beside it, and says where.
        theirs = tmp_path / "theirs.json"
        shutil.copyfile(db_path, theirs)
        theirs.write_bytes(theirs.read_bytes().replace(b"\n}", b"\n }"))
        os.replace(theirs, db_path)
        store.add_contact(Contact(name="Alex Example"))
    assert len(told) == 1 and told[0].exists() and told[0] != db_path
