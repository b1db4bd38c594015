"""Every schema version ever released opens in this one with every field intact.

tests/core/fixtures/schema-N.json is a workspace as the release that wrote schema N wrote it (the
sample workspace, made by that release's own code). A change of shape adds a migration, a bump of
SCHEMA_VERSION and the new release's fixture; the older fixtures stay and must keep passing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_tui.core.models import Contact, _encode
from interview_tui.core.store import SCHEMA_VERSION, Store

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema-*.json"))
TABLES = ("contacts", "interviews", "questions", "followups", "touches", "settings")


def test_there_is_a_fixture_for_every_schema_version() -> None:
    versions = sorted(int(path.stem.split("-")[1]) for path in FIXTURES)
    assert versions == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_an_old_workspace_opens_with_every_field_and_keeps_them_when_saved(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    shutil.copy(fixture, path)
    old = json.loads(fixture.read_bytes())

    with Store.open(path) as store:
        tables = {
            "contacts": store._contacts,  # noqa: SLF001 - the test compares every stored record
            "interviews": store._interviews,  # noqa: SLF001
            "questions": store._questions,  # noqa: SLF001
            "followups": store._followups,  # noqa: SLF001
            "touches": store._touches,  # noqa: SLF001
            "settings": store._settings,  # noqa: SLF001
        }
        for name in TABLES:
            records = tables[name].records
            assert sorted(records) == sorted(int(key) for key in old.get(name, {})), name
            for key, old_doc in old.get(name, {}).items():
                record = records[int(key)]
                for field, value in old_doc.items():
                    assert stored(record, field) == value, (name, key, field)
        store.add_contact(Contact(name="Added After Opening"))  # a save in the current format

    saved = json.loads(path.read_bytes())
    assert saved["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    with Store.open(path) as reopened:
        tables = {name: getattr(reopened, f"_{name}") for name in TABLES}
        for name in TABLES:
            for key, old_doc in old.get(name, {}).items():
                assert key in saved[name], (name, key)
                record = tables[name].records[int(key)]
                for field, value in old_doc.items():
                    assert stored(record, field) == value, (name, key, field)


def stored(record: object, field: str) -> object:
    """A field as a file stores it (dates as text, enums by value), whether or not the current
    format writes it out (fields at their default are left out)."""
    return _encode(getattr(record, field))


def test_a_workspace_gets_its_identifier_when_it_is_created(tmp_path: Path) -> None:
    with Store.open(tmp_path / "one.json") as one, Store.open(tmp_path / "two.json") as two:
        assert one.workspace_id and two.workspace_id and one.workspace_id != two.workspace_id
        made = one.workspace_id
    saved = json.loads((tmp_path / "one.json").read_bytes())
    assert saved["meta"]["1"]["workspace_id"] == made
    with Store.open(tmp_path / "one.json") as again:
        assert again.workspace_id == made


def test_an_older_file_keeps_one_identifier_from_before_its_first_save_to_after(tmp_path: Path) -> None:
    # Opening never writes, so the file of schema 1 has no identifier until a change is saved;
    # calendars exported before that save must still match those exported after it.
    path = tmp_path / "interviews.json"
    shutil.copy(FIXTURES[0], path)
    original = path.read_bytes()
    with Store.open(path) as store:
        before = store.workspace_id
    with Store.open(path) as store:
        assert store.workspace_id == before
        assert path.read_bytes() == original  # still nothing written
        store.add_contact(Contact(name="Added After Opening"))
        assert store.workspace_id == before
    saved = json.loads(path.read_bytes())
    assert saved["meta"]["1"] == {"schema_version": SCHEMA_VERSION, "workspace_id": before}
    with Store.open(path) as store:
        assert store.workspace_id == before


def test_two_older_files_with_different_work_get_different_identifiers(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    shutil.copy(FIXTURES[0], first)
    document = json.loads(FIXTURES[0].read_bytes())
    document["interviews"]["1"]["minutes"] = 45
    second.write_text(json.dumps(document))
    with Store.open(first) as a, Store.open(second) as b:
        assert a.workspace_id != b.workspace_id
