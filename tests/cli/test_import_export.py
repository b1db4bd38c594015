"""The import and export commands as a user runs them: what they print, what they write, and
that a refusal is one line and leaves the workspace byte for byte as it was."""

from __future__ import annotations

import io
import json
import re
import stat
import subprocess
from pathlib import Path

import pytest

from interview_tui.cli_formats import ProgressBar
from interview_tui.core.store import Store

FIXTURES = Path(__file__).parent.parent / "formats" / "fixtures"
TERMINAL_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def state(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def assert_one_line_error(result, code: int = 1) -> None:
    assert result.code == code
    assert result.out == ""
    assert result.err.startswith("interview-tui")
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    assert "Traceback" not in result.err
    assert not TERMINAL_CONTROLS.search(result.err.rstrip("\n"))


def names(run, db: Path) -> list[str]:
    result = run("--db", str(db), "list", "--json")
    assert result.code == 0, result.err
    return [c["name"] for c in json.loads(result.out)]


def test_import_linkedin_connections(run, db: Path) -> None:
    source = FIXTURES / "Connections.csv"
    result = run("--db", str(db), "import", "linkedin", str(source))
    assert result.code == 0, result.err
    assert result.out == f"Imported {source}: 4 added, 0 updated, 1 skipped (1 without a name).\n"
    assert result.err == ""
    assert names(run, db) == ["Alex Example", "Jordan Demo", "Sam Sample", "Taylor Placeholder-Ñúñez"]
    again = run("--db", str(db), "import", "linkedin", str(source))
    assert again.out == (
        f"Imported {source}: 0 added, 0 updated, 5 skipped (4 already there with nothing new; 1 without a name).\n"
    )
    assert len(names(run, db)) == 4


def test_connections_imported_twice_after_adding_someone_by_hand_double_no_one(run, db: Path) -> None:
    source = FIXTURES / "Connections.csv"
    run("--db", str(db), "add", "alex  example")
    result = run("--db", str(db), "import", "linkedin", str(source))
    assert result.code == 0, result.err
    assert result.out == (
        f"Imported {source}: 3 added, 0 updated, 2 skipped (1 with the name of a contact already there; 1 without "
        "a name). Left out as already in the workspace: Alex Example. To add them all the same, import the file again with "
        "--another.\n"
    )
    again = run("--db", str(db), "import", "linkedin", str(source))
    assert again.out.startswith(
        f"Imported {source}: 0 added, 0 updated, 5 skipped (3 already there with nothing new; 1 with the name of a "
        "contact already there; 1 without a name). Left out as already in the workspace: Alex Example."
    )
    assert names(run, db) == ["alex example", "Jordan Demo", "Sam Sample", "Taylor Placeholder-Ñúñez"]

    dry = run("--db", str(db), "import", "linkedin", str(source), "--dry-run")
    assert dry.out.splitlines()[:2] == [
        f"Dry run of {source}: would be 0 added, 0 updated, 5 skipped (3 already there with nothing new; 1 with the "
        "name of a contact already there; 1 without a name). Would leave out as already in the workspace: Alex Example. To add "
        "them all the same, import with --another. Nothing was written.",
        "  line 5: skip Alex Example (a contact of that name is already there: id:1)",
    ]

    another = run("--db", str(db), "import", "linkedin", str(source), "--another")
    assert another.out == (
        f"Imported {source}: 1 added, 0 updated, 4 skipped (3 already there with nothing new; 1 without a name).\n"
    )
    assert names(run, db) == ["alex example", "Alex Example", "Jordan Demo", "Sam Sample", "Taylor Placeholder-Ñúñez"]


def test_import_help_says_what_another_does(run) -> None:
    result = run("import", "--help")
    assert "--another" in result.out
    assert "add a person whose name a contact already has as another person of that name" in " ".join(result.out.split())


def test_dry_run_reports_and_writes_nothing(run, db: Path) -> None:
    source = FIXTURES / "iphone.vcf"
    result = run("--db", str(db), "import", "vcard", str(source), "--dry-run")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Dry run of {source}: would be 3 added, 0 updated, 0 skipped. Nothing was written.",
        "  card 1 (line 1): add Alex Example",
        "  card 2 (line 25): add Sam Sample",
        "  card 3 (line 35): add Fabrikam Bakery",
    ]
    assert not db.exists()  # not even an empty workspace is left behind

    run("--db", str(db), "add", "Sam Sample", "--email", "sam.sample@contoso.example")
    before = state(db)
    result = run("--db", str(db), "import", "vcard", str(source), "--dry-run")
    assert "  card 2 (line 25): update Sam Sample (adds company, role, phone)" in result.out.splitlines()
    assert state(db) == before


def test_unknown_columns_are_named(run, db: Path) -> None:
    result = run("--db", str(db), "import", "csv", str(FIXTURES / "google-contacts.csv"))
    assert result.code == 0, result.err
    assert result.out.splitlines()[1] == (
        # Group Membership is read now: Google's groups become tags.
        "Columns not imported: Nickname, Birthday, E-mail 1 - Type, E-mail 2 - Type, Phone 1 - Type."
    )


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"),
    [
        ("vcard", "cut.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Example\r\n",
         "cut.vcf card 1 (line 1) has no END:VCARD; the file may be cut short. Nothing was imported."),
        ("csv", "bad.csv", b'Name,Email\nAlex Example,"alex@example.org\n',
         'bad.csv line 2: a quoted field that starts here is never closed (a " is missing). Nothing was imported.'),
        ("linkedin", "contacts.csv", b"Name,Email\nAlex Example,alex@example.org\n", "contacts.csv: this is not LinkedIn's Connections.csv"),
        ("csv", "latin1.csv", "Name\nJördan Demo\n".encode("latin-1"), "latin1.csv line 2 is not UTF-8 text"),
        ("json", "backup.json", b"{", "backup.json cannot be restored: it is not valid JSON"),
        ("csv", "missing.csv", None, "missing.csv does not exist; give the path of the file to import."),
    ],
)  # fmt: skip
def test_refusals_are_one_line_and_change_nothing(
    run, db: Path, tmp_path: Path, kind: str, name: str, content: bytes | None, message: str
) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    run("--db", str(db), "add", "Sam Sample")
    before = state(db)
    result = run("--db", str(db), "import", kind, str(source))
    assert_one_line_error(result)
    assert message in result.err
    assert state(db) == before


def test_a_refused_first_import_leaves_no_workspace(run, db: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("Name,Email\nAlex Example,nope\n")
    assert_one_line_error(run("--db", str(db), "import", "csv", str(tmp_path / "bad.csv")))
    assert not db.exists()


def test_every_export_says_where_it_wrote(run, db: Path, tmp_path: Path) -> None:
    run("--db", str(db), "import", "vcard", str(FIXTURES / "iphone.vcf"))
    run("--db", str(db), "schedule", "Alex Example", "2026-12-01 15:00")
    outputs = {
        "vcard": tmp_path / "contacts.vcf",
        "ics": tmp_path / "interviews.ics",
        "csv": tmp_path / "contacts.csv",
        "json": tmp_path / "backup.json",
        "markdown": tmp_path / "notes",
    }
    expected = {
        "vcard": f"Wrote 3 contacts to {outputs['vcard']} (vCard 3.0).",
        "ics": f"Wrote 1 planned conversation and 0 open follow-ups to {outputs['ics']} (iCalendar).",
        "csv": f"Wrote 3 contacts to {outputs['csv']} (CSV).",
        "json": f"Wrote a backup of 3 contacts, 1 conversation, 0 follow-ups and 0 touches to {outputs['json']}. "
                f"Restore it into a new workspace with: interview-tui --db NEW.json import json {outputs['json']}",
        "markdown": f"Wrote 3 contacts as Markdown to {outputs['markdown']}/ (start at index.md).",
    }  # fmt: skip
    for kind, path in outputs.items():
        result = run("--db", str(db), "export", kind, str(path))
        assert result.code == 0, result.err
        assert result.out == expected[kind] + "\n"
    for path in [*outputs.values(), *(tmp_path / "notes").iterdir()]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_a_relative_path_is_printed_in_full(run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Store.open(db).close()
    result = run("--db", str(db), "export", "csv", "out.csv")
    assert result.out == f"Wrote 0 contacts to {tmp_path / 'out.csv'} (CSV).\n"


def test_backup_and_restore_through_the_cli(run, db: Path, tmp_path: Path) -> None:
    run("--db", str(db), "import", "linkedin", str(FIXTURES / "Connections.csv"))
    run("--db", str(db), "schedule", "Sam Sample", "2026-12-01 15:00")
    run("--db", str(db), "export", "json", str(tmp_path / "backup.json"))
    restored = tmp_path / "restored.json"
    result = run("--db", str(restored), "import", "json", str(tmp_path / "backup.json"))
    assert result.out == f"Restored 4 contacts, 1 conversation, 0 follow-ups and 0 touches from {tmp_path / 'backup.json'}.\n"
    assert run("--db", str(restored), "list", "--json").out == run("--db", str(db), "list", "--json").out
    before = state(db)
    refused = run("--db", str(db), "import", "json", str(tmp_path / "backup.json"))
    assert_one_line_error(refused)
    assert "already has 4 contacts, 1 conversation; a backup is restored only into an empty workspace" in refused.err
    assert state(db) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "csv", "{dir}"], "is a directory; give a file name such as"),
        (["export", "vcard", "{dir}/missing/out.vcf"], "missing does not exist; create it first"),
        (["export", "json", "{db}"], "is the workspace itself (or its backup); choose another path"),
        (["export", "json", "{dir}/b.json", "--filter", "#x"], "a JSON backup holds the whole workspace; it takes no filter."),
        (["export", "vcard", "{dir}/f.vcf", "--filter", "stage:declined"], "no contact matches the filter 'stage:declined'"),
    ],
)
def test_bad_export_paths_are_one_line_errors(run, db: Path, tmp_path: Path, argv: list[str], message: str) -> None:
    run("--db", str(db), "add", "Alex Example")
    before = state(db)
    result = run("--db", str(db), *[a.format(dir=tmp_path, db=db) for a in argv])
    assert_one_line_error(result)
    assert message in result.err
    assert state(db) == before


def test_unknown_format_is_a_usage_error(run, db: Path) -> None:
    result = run("--db", str(db), "import", "xml", "contacts.xml")
    assert_one_line_error(result, code=2)
    assert "invalid choice: 'xml'" in result.err


def test_file_names_cannot_drive_the_terminal(run, db: Path, tmp_path: Path) -> None:
    result = run("--db", str(db), "import", "csv", str(tmp_path / "x\x1b]0;title\x07.csv"))
    assert_one_line_error(result)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal_and_clears_itself() -> None:
    stream = _Terminal()
    bar = ProgressBar(stream)
    bar("Reading", 10, 200)  # small imports draw nothing
    assert stream.getvalue() == ""
    for done in range(0, 5001, 500):
        bar("Reading", done, 5000)
    assert "Reading  [" in stream.getvalue() and "5,000/5,000" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")


def test_no_progress_bar_when_stderr_is_not_a_terminal(run, db: Path, tmp_path: Path) -> None:
    rows = "".join(f"Contact {n:04} Example,c{n}@example.org\n" for n in range(1, 3001))
    (tmp_path / "many.csv").write_text("Name,Email\n" + rows)
    result = run("--db", str(db), "import", "csv", str(tmp_path / "many.csv"))
    assert result.code == 0
    assert result.err == ""
    assert result.out.startswith(f"Imported {tmp_path / 'many.csv'}: 3,000 added, 0 updated, 0 skipped")


def test_a_real_process_refuses_without_a_traceback(run_process, tmp_path: Path) -> None:
    (tmp_path / "bad.vcf").write_bytes(b"BEGIN:VCARD\nFN:A\nnot a property\nEND:VCARD\n")
    process: subprocess.CompletedProcess[bytes] = run_process("--db", str(tmp_path / "w.json"), "import", "vcard", "bad.vcf")
    assert process.returncode == 1
    assert process.stdout == b""
    assert process.stderr.decode() == (
        "interview-tui: bad.vcf card 1 (line 3): 'not a property' is not a vCard property (NAME:value). "
        "Nothing was imported.\n"
    )


def test_an_export_cannot_overwrite_the_backup_beside_a_linked_workspace(run, tmp_path: Path) -> None:
    real = tmp_path / "real" / "w.json"
    real.parent.mkdir()
    link = tmp_path / "w.json"
    link.symlink_to(real)
    run("--db", str(link), "add", "Alex Example")
    run("--db", str(link), "add", "Sam Sample")
    backup = tmp_path / "w.json.bak"
    assert backup.exists()
    before = backup.read_bytes()
    result = run("--db", str(link), "export", "json", str(backup))
    assert_one_line_error(result)
    assert "is the workspace itself (or its backup)" in result.err
    assert backup.read_bytes() == before


def test_the_export_filter_folds_accents_as_the_app_does(run, db: Path, tmp_path: Path) -> None:
    run("--db", str(db), "add", "Zoë Ångström", "--company", "Café Example")
    run("--db", str(db), "add", "Sam Sample")
    out = tmp_path / "c.csv"
    assert run("--db", str(db), "export", "csv", str(out), "--filter", "cafe").code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "Zoë Ångström" in text and "Sam Sample" not in text
