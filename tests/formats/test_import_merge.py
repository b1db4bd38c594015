"""How an import meets the workspace: duplicates, merging, dry runs, all or nothing, referrals."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.store import Store
from interview_tui.formats import import_file

from .conftest import by_name, details


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_match_fills_gaps_and_never_overwrites(store: Store, tmp_path: Path) -> None:
    store.add_contact(
        Contact(name="Alex Example", company="Northwind", role="My own words", relationship=Relationship.FRIEND,
                stage=Stage.ASKED, tags=["mine"], notes="Knows Sam.")
    )  # fmt: skip
    text = (
        "Name,Company,Role,Email,Phone,Relationship,Stage,Tags,Notes\n"
        "alex example,NORTHWIND,Their title,alex@example.org,+1 555,cold,identified,mine; new,Knows Sam.\n"
    )
    result = import_file(store, "csv", _csv(tmp_path, text))
    assert (result.plan.added, result.plan.updated, result.plan.skipped) == (0, 1, 0)
    # What the contact has its own of is kept, and the report names what the row said instead.
    assert result.plan.rows[0].detail == (
        "adds email, phone, tags; not taken: role 'Their title', relationship 'cold', stage 'identified'"
    )
    (alex,) = store.contacts()
    assert (alex.role, alex.relationship, alex.stage) == ("My own words", Relationship.FRIEND, Stage.ASKED)
    assert (alex.email, alex.phone, alex.tags, alex.notes) == ("alex@example.org", "+1 555", ["mine", "new"], "Knows Sam.")


def test_dry_run_changes_nothing_in_memory_or_on_disk(store: Store, workspace: Path, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Alex Example", company="Northwind"))
    before_file, before = workspace.read_bytes(), [details(c) for c in store.contacts()]
    text = "Name,Company,Email\nAlex Example,Northwind,alex@example.org\nSam Sample,,sam@example.org\n"
    result = import_file(store, "csv", _csv(tmp_path, text), dry_run=True)
    assert result.message() == f"Dry run of {tmp_path / 'in.csv'}: would be 1 added, 1 updated, 0 skipped. Nothing was written."
    assert workspace.read_bytes() == before_file
    assert [details(c) for c in store.contacts()] == before


def test_a_bad_last_row_leaves_the_earlier_ones_out(store: Store, workspace: Path, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Alex Example"))
    before_file, before = workspace.read_bytes(), [details(c) for c in store.contacts()]
    rows = "".join(f"Contact {n:04} Example,c{n}@example.org\n" for n in range(1, 500))
    text = "Name,Email\nAlex Example,alex@example.org\n" + rows + "Sam Sample,sam-at-example\n"
    with pytest.raises(InterviewTuiError, match="line 502: 'sam-at-example' is not an email address"):
        import_file(store, "csv", _csv(tmp_path, text))
    assert workspace.read_bytes() == before_file
    assert [details(c) for c in store.contacts()] == before  # Alex got no email either


def test_an_import_is_one_write(store: Store, tmp_path: Path) -> None:
    rows = "".join(f"Contact {n:04} Example,c{n}@example.org\n" for n in range(1, 2001))
    writes = store.storage.writes
    result = import_file(store, "csv", _csv(tmp_path, "Name,Email\n" + rows))
    assert result.plan.added == 2000
    assert store.storage.writes == writes + 1


def test_referrals_are_linked_by_name_within_the_file_and_to_the_workspace(store: Store, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Riley Placeholder"))
    text = (
        "Name,Referred by\n"
        "Alex Example,Sam Sample\n"  # Sam comes later in the same file
        "Sam Sample,riley placeholder\n"  # already in the workspace
        "Jordan Demo,Nobody Known\n"  # no such contact: kept in words
    )
    import_file(store, "csv", _csv(tmp_path, text))
    people = by_name(store)
    assert people["Alex Example"].referred_by == people["Sam Sample"].id
    assert people["Sam Sample"].referred_by == people["Riley Placeholder"].id
    assert people["Jordan Demo"].referred_by is None
    assert people["Jordan Demo"].notes == "Referred by Nobody Known."


def test_names_are_cleaned_like_typed_ones(store: Store, tmp_path: Path) -> None:
    text = 'Name,Company\n"Alex\x1b[31m  Example",\u202eNorthwind\n"   ",Nameless Inc\n'
    result = import_file(store, "csv", _csv(tmp_path, text))
    assert result.plan.summary() == "1 added, 0 updated, 1 skipped (1 without a name)"
    (alex,) = store.contacts()
    assert (alex.name, alex.company) == ("Alex Example", "Northwind")
