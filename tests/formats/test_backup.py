"""The JSON backup: every table out, and back exactly, only into an empty workspace."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from interview_tui.core.demo import seed_demo
from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact, Settings
from interview_tui.core.store import Store
from interview_tui.formats import export, import_file

from .conftest import clock


def _everything(store: Store) -> dict[str, list[dict]]:
    return {
        "contacts": [c.to_doc() | {"id": c.id} for c in store.contacts()],
        "interviews": [i.to_doc() | {"id": i.id} for c in store.contacts() for i in store.interviews(c.id)],
        "followups": [f.to_doc() | {"id": f.id} for f in store.followups(include_done=True)],
        "touches": [t.to_doc() | {"id": t.id} for c in store.contacts() for t in store.touches(c.id)],
        "questions": [q.to_doc() | {"id": q.id} for q in store.questions(include_retired=True)],
        "settings": [store.settings().to_doc()],
    }


@pytest.fixture
def full(store: Store) -> Store:
    seed_demo(store)
    # Gaps in the ids (a deleted contact) must survive: interviews and referrals point at ids.
    doomed = store.add_contact(Contact(name="Deleted Later"))
    store.add_contact(Contact(name="Jordan Demo", referred_by=store.contacts()[0].id))
    store.delete_contact(doomed.id)
    store.add_question("What would you do differently?")
    store.save_settings(Settings(my_name="Casey Example", nudge_days=7))
    return store


def test_backup_then_restore_brings_back_every_record(full: Store, tmp_path: Path) -> None:
    result = export(full, "json", tmp_path / "backup.json")
    assert result.message.startswith(f"Wrote a backup of {len(full.contacts())} contacts, ")
    assert "Restore it into a new workspace with: interview-tui --db NEW.json import json" in result.message
    with Store.open(tmp_path / "restored.json", clock=clock) as empty:
        restored = import_file(empty, "json", tmp_path / "backup.json")
        assert restored.message().startswith("Restored ")
        assert _everything(restored.store) == _everything(full)
    with Store.open(tmp_path / "restored.json", clock=clock) as reopened:
        assert _everything(reopened) == _everything(full)
    # The restored workspace is the backup, byte for byte: nothing renumbered or re-encoded.
    assert (tmp_path / "restored.json").read_bytes() == (tmp_path / "backup.json").read_bytes()


def test_a_backup_is_itself_a_workspace_file(full: Store, tmp_path: Path) -> None:
    export(full, "json", tmp_path / "backup.json")
    with Store.open(tmp_path / "backup.json", clock=clock) as opened:
        assert _everything(opened) == _everything(full)


def test_restoring_over_work_is_refused(full: Store, workspace: Path, tmp_path: Path) -> None:
    export(full, "json", tmp_path / "backup.json")
    before = workspace.read_bytes()
    with pytest.raises(InterviewTuiError, match=r"already has \d+ contacts.*restored only into an empty workspace"):
        import_file(full, "json", tmp_path / "backup.json")
    assert workspace.read_bytes() == before


def test_a_customised_question_bank_counts_as_work(store: Store, tmp_path: Path) -> None:
    export(store, "json", tmp_path / "backup.json")
    with Store.open(tmp_path / "other.json", clock=clock) as other:
        other.add_question("My own question?")
        with pytest.raises(InterviewTuiError, match="already has a question bank of its own"):
            import_file(other, "json", tmp_path / "backup.json")


def test_dry_run_says_what_the_backup_holds(full: Store, tmp_path: Path) -> None:
    export(full, "json", tmp_path / "backup.json")
    with Store.open(tmp_path / "empty.json", clock=clock) as empty:
        result = import_file(empty, "json", tmp_path / "backup.json", dry_run=True)
        assert "holds" in result.message() and "Nothing was written." in result.message()
        assert empty.contacts() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "is not valid JSON"),
        (b"[1, 2]", "not an interview-tui backup"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "written by a newer interview-tui (schema 99"),
        (b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"company": "no name"}}}', "contacts record 1 cannot be read"),
        (b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"x": {}}}', "record 'x' that is not a record"),
    ],
)  # fmt: skip
def test_what_is_not_a_backup_is_refused(store: Store, workspace: Path, tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "b.json").write_bytes(content)
    before = workspace.read_bytes()
    with pytest.raises(InterviewTuiError) as caught:
        import_file(store, "json", tmp_path / "b.json")
    assert message in str(caught.value)
    assert workspace.read_bytes() == before


def test_the_backup_holds_every_table(full: Store, tmp_path: Path) -> None:
    export(full, "json", tmp_path / "backup.json")
    document = orjson.loads((tmp_path / "backup.json").read_bytes())
    assert {"meta", "contacts", "interviews", "questions", "followups", "touches", "settings"} <= document.keys()
