"""A name typed with a curly apostrophe, or without its accents, is the name already there: `add`
refuses it, an import leaves it out, and a command finds the contact by it."""

from __future__ import annotations

import json
from pathlib import Path


def _names(run, db: Path) -> list[str]:
    return [c["name"] for c in json.loads(run("--db", str(db), "list", "--json").out)]


def test_add_refuses_a_name_written_with_a_curly_apostrophe(run, db: Path) -> None:
    run("--db", str(db), "add", "Alex O'Example")
    refused = run("--db", str(db), "add", "Alex O\u2019Example")
    assert refused.code == 1
    assert "There is already a contact named Alex O'Example (id:1)." in refused.err
    assert _names(run, db) == ["Alex O'Example"]


def test_add_refuses_a_name_written_without_its_accents(run, db: Path) -> None:
    run("--db", str(db), "add", "Taylor Placeholder-Ñúñez")
    refused = run("--db", str(db), "add", "taylor placeholder-nunez")
    assert refused.code == 1
    assert "There is already a contact named Taylor Placeholder-Ñúñez (id:1)." in refused.err
    assert _names(run, db) == ["Taylor Placeholder-Ñúñez"]
    assert json.loads(run("--db", str(db), "show", "Taylor Placeholder-Nunez", "--json").out)["name"] == (
        "Taylor Placeholder-Ñúñez"
    )


def test_an_import_leaves_out_a_name_written_another_way(run, db: Path, tmp_path: Path) -> None:
    run("--db", str(db), "add", "Alex O'Example")
    run("--db", str(db), "add", "Taylor Placeholder-Ñúñez")
    source = tmp_path / "in.csv"
    source.write_text("Name,Company\nAlex O\u2019Example,Northwind\nTaylor Placeholder-Nunez,Contoso\n", encoding="utf-8")
    result = run("--db", str(db), "import", "csv", str(source))
    assert result.out.startswith(
        f"Imported {source}: 0 added, 0 updated, 2 skipped (2 with the name of a contact already there). Left out as "
        "already in the workspace: Alex O\u2019Example, Taylor Placeholder-Nunez."
    )
    assert _names(run, db) == ["Alex O'Example", "Taylor Placeholder-Ñúñez"]
