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
    # The row's other name and company are not taken, and said to be.
    not_taken = "from the file, as the contact has another: line 3 (name, company)."
    assert dry.out.splitlines() == [
        f"Dry run of {source}: would be 1 added, 0 updated, 1 merged with an earlier row, 0 skipped. Would not take "
        f"{not_taken} Nothing was written.",
        "  line 2: add Alex Example",
        "  line 3: merge Alex Example (adds phone to the person of line 2; not taken: name 'A. Example', company 'Contoso')",
    ]
    done = run("--db", str(db), "import", "csv", str(source))
    assert done.out == f"Imported {source}: 1 added, 0 updated, 1 merged with an earlier row, 0 skipped. Not taken {not_taken}\n"
    (alex,) = json.loads(run("--db", str(db), "list", "--json").out)
    assert (alex["name"], alex["company"], alex["phone"]) == ("Alex Example", "Northwind", "555")


def test_a_row_adding_nothing_to_an_earlier_rows_person_is_still_skipped(run, db: Path, tmp_path: Path) -> None:
    source = _csv(tmp_path, "Name,Email,Phone\nAlex Example,alex@example.org,555\nA. Example,alex@example.org,555\n")
    dry = run("--db", str(db), "import", "csv", str(source), "--dry-run")
    assert dry.out.splitlines() == [
        f"Dry run of {source}: would be 1 added, 0 updated, 1 skipped (1 repeating an earlier row). Would not take from "
        "the file, as the contact has another: line 3 (name). Nothing was written.",
        "  line 2: add Alex Example",
        "  line 3: skip Alex Example (same person as line 2; not taken: name 'A. Example')",
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


def test_a_value_not_taken_and_a_namesake_of_another_email_are_said_alike_by_a_dry_run(
    run, db: Path, tmp_path: Path
) -> None:
    run("--db", str(db), "add", "Sam Example", "--email", "sam@example.org", "--role", "Mentor")
    source = _csv(
        tmp_path,
        "Name,Email,Role,Keep in touch\n"
        "Sam Example,sam.other@example.com,,\n"  # another Sam Example: another email
        "Sam Example,sam@example.org,Analyst,6w\n",
    )
    said = (
        "0 added, 1 updated, 1 skipped (1 with the name of a contact already there). {not_taken} from the file, as "
        "the contact has another: line 3 (role). {left} as already in the workspace: Sam Example. To add them all "
        "the same, {again} with --another."
    )
    dry = run("--db", str(db), "import", "csv", str(source), "--dry-run")
    assert dry.out.splitlines() == [
        f"Dry run of {source}: would be "
        + said.format(not_taken="Would not take", left="Would leave out", again="import")
        + " Nothing was written.",
        "  line 2: skip Sam Example (a contact of that name is already there: id:1)",
        "  line 3: update Sam Example (adds keep in touch; not taken: role 'Analyst')",
    ]
    done = run("--db", str(db), "import", "csv", str(source))
    assert done.out == (
        f"Imported {source}: "
        + said.format(not_taken="Not taken", left="Left out", again="import the file again")
        + "\n"
    )
    another = run("--db", str(db), "import", "csv", str(source), "--another")
    assert another.out.startswith(f"Imported {source}: 1 added, 0 updated, 1 skipped (1 already there with nothing new).")
    people = json.loads(run("--db", str(db), "list", "--json").out)
    assert sorted(p["email"] for p in people) == ["sam.other@example.com", "sam@example.org"]


def test_an_export_imported_with_a_dry_run_says_what_the_import_does(run, db: Path, tmp_path: Path) -> None:
    run("--db", str(db), "add", "Sam Example", "--cadence", "every 6w, at most 3mo")
    for kind in ("csv", "vcard"):
        exported = tmp_path / f"out.{kind}"
        run("--db", str(db), "export", kind, str(exported))
        other = tmp_path / f"other-{kind}.json"
        dry = run("--db", str(other), "import", kind, str(exported), "--dry-run")
        assert dry.out.splitlines()[0] == f"Dry run of {exported}: would be 1 added, 0 updated, 0 skipped. Nothing was written."
        done = run("--db", str(other), "import", kind, str(exported))
        assert done.out == f"Imported {exported}: 1 added, 0 updated, 0 skipped.\n"
        sam = json.loads(run("--db", str(other), "show", "Sam Example", "--json").out)
        assert (sam["cadence_days"], sam["cadence_max_days"]) == (42, 90)
