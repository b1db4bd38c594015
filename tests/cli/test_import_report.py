"""What an import's report and its dry run say of each row, as the command prints them: a row
that adds to the person of an earlier row is merged, not skipped, and the people left out for
their name are named under their own reason."""

from __future__ import annotations

import json
from pathlib import Path


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_adding_to_an_earlier_rows_person_is_said_to_be_merged(run, db: Path, tmp_path: Path) -> None:
    source = _csv(
        tmp_path,
        "Name,Email,Company,Phone\nAlex Example,alex@example.org,Northwind,\nA. Example,ALEX@EXAMPLE.ORG,Contoso,555\n",
    )
    dry = run("--db", str(db), "import", "csv", str(source), "--dry-run")
    assert dry.out.splitlines() == [
        f"Dry run of {source}: would be 1 added, 0 updated, 1 merged with an earlier row, 0 skipped. Nothing was written.",
        "  line 2: add Alex Example",
        "  line 3: merge Alex Example (adds phone to the person of line 2)",
    ]
    done = run("--db", str(db), "import", "csv", str(source))
    assert done.out == f"Imported {source}: 1 added, 0 updated, 1 merged with an earlier row, 0 skipped.\n"
    (alex,) = json.loads(run("--db", str(db), "list", "--json").out)
    assert (alex["name"], alex["company"], alex["phone"]) == ("Alex Example", "Northwind", "555")


def test_a_row_adding_nothing_to_an_earlier_rows_person_is_still_skipped(run, db: Path, tmp_path: Path) -> None:
    source = _csv(tmp_path, "Name,Email,Phone\nAlex Example,alex@example.org,555\nA. Example,alex@example.org,555\n")
    dry = run("--db", str(db), "import", "csv", str(source), "--dry-run")
    assert dry.out.splitlines() == [
        f"Dry run of {source}: would be 1 added, 0 updated, 1 skipped (1 repeating an earlier row). Nothing was written.",
        "  line 2: add Alex Example",
        "  line 3: skip Alex Example (same person as line 2)",
    ]


def test_people_left_out_for_their_name_are_named_under_each_reason(run, db: Path, tmp_path: Path) -> None:
    run("--db", str(db), "add", "Alex Example", "--company", "Elsewhere")
    source = _csv(tmp_path, "Name,Company\nAlex Example,Northwind\nSam Sample,Contoso\nsam  sample,Fabrikam\n")
    dry = run("--db", str(db), "import", "csv", str(source), "--dry-run")
    assert dry.out.splitlines()[0] == (
        f"Dry run of {source}: would be 1 added, 0 updated, 2 skipped (1 with the name of a contact already there; "
        "1 with the name of an earlier row). Would leave out as already in the workspace: Alex Example. Would leave "
        "out as listed twice in this file: sam sample. To add them all the same, import with --another. Nothing was "
        "written."
    )
    done = run("--db", str(db), "import", "csv", str(source))
    assert done.out == (
        f"Imported {source}: 1 added, 0 updated, 2 skipped (1 with the name of a contact already there; 1 with the "
        "name of an earlier row). Left out as already in the workspace: Alex Example. Left out as listed twice in "
        "this file: sam sample. To add them all the same, import the file again with --another.\n"
    )
