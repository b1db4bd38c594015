"""The trash's words and the erasing of a purged name, pinned at each boundary: three names shown
then "N more", singular and plural, a name matched whatever its case and spacing, and every
rescued file looked at, whatever comes before it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core.rescue import find_rescues
from interview_tui.core.trash import TrashEntry, describe, erase_from_rescues, mentions, what_goes_with

NOW = datetime(2026, 11, 25, 10, 0)
HEADER = "Typed into interview-tui and not saved when it was closed (test), 2026-11-25 10:00."


@pytest.mark.parametrize(
    ("conversations", "followups", "referred", "said"),
    [
        (1, 1, [], "1 conversation, 1 follow-up"),
        (2, 2, [], "2 conversations, 2 follow-ups"),
        (0, 2, [], "2 follow-ups"),
        (3, 0, [], "3 conversations"),
        (0, 0, ["Sam Sample"], "Sam Sample was referred by them"),
        (0, 0, ["A", "B"], "A and B were referred by them"),
        (0, 0, ["A", "B", "C"], "A, B and C were referred by them"),
        (0, 0, ["A", "B", "C", "D"], "A, B, C and 1 more were referred by them"),
        (1, 0, ["A"], "1 conversation; A was referred by them"),
    ],
)
def test_what_goes_with_a_contact_at_each_boundary(conversations, followups, referred, said) -> None:
    assert what_goes_with(conversations, followups, referred) == said


def entry(records: dict) -> TrashEntry:
    return TrashEntry(name="Alex Example", deleted_at=NOW, records=records)


def test_an_entry_counts_its_records_by_table_and_knows_its_contact() -> None:
    held = entry({"contacts": {"7": {}}, "interviews": {"1": {}, "2": {}}, "followups": None})
    assert (held.count("interviews"), held.count("followups"), held.count("touches")) == (2, 0, 0)
    assert held.contact_id() == 7
    assert describe(held) == "2 conversations"
    assert entry({"followups": {"3": {}}}).contact_id() is None
    assert describe(entry({})) == "no conversations or follow-ups"
    assert describe(entry({"followups": {"3": {}}})) == "1 follow-up"


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Name: Alex Example", "Alex Example", True),
        ("Name: ALEX   example", "alex example", True),
        ("Name: Alex\nExample", " Alex  Example ", True),
        ("Name: Alex Examples", "Alex Example", True),  # text holding it, as it was typed
        ("Name: Alex", "Alex Example", False),
        ("anything", "", False),
        ("anything", "   ", False),
    ],
)
def test_a_name_is_found_whatever_its_case_and_spacing(text: str, name: str, found: bool) -> None:
    assert mentions(text, name) is found


def rescue(workspace: Path, stamp: str, *forms: str) -> Path:
    path = workspace.parent / f"{workspace.name}.unsaved-{stamp}.txt"
    path.write_text(HEADER + "\n\n" + "\n\n".join(forms) + "\n", encoding="utf-8")
    return path


def test_a_purged_name_is_taken_out_of_every_rescued_file_and_the_rest_kept(tmp_path: Path) -> None:
    workspace = tmp_path / "w.json"
    # The first file, in the order they are looked at, has nothing to erase or cannot be read:
    # neither may stop the files after it from being cleaned.
    (tmp_path / "w.json.unsaved-0000.txt").mkdir()
    untouched = rescue(workspace, "0001", "Add a contact:\n  Name: Kim Keep")
    untouched_before = untouched.read_bytes()
    mixed = rescue(workspace, "0002", "Add a contact:\n  Name: Alex Example",
                   "Add a contact:\n  Name: Kim Keep", "Edit:\n  Name: Sam   SAMPLE")
    only_them = rescue(workspace, "0003", "Add a contact:\n  Name: alex example")
    other_fields = rescue(workspace, "0004", "Add a contact:\n  Name: Alex Example\n  Company: Acme")

    assert erase_from_rescues(workspace, ["Alex Example", "Sam Sample"]) == 4

    assert untouched.read_bytes() == untouched_before
    # A form left with no field goes; the forms about anyone else stay as they were.
    assert mixed.read_text(encoding="utf-8") == HEADER + "\n\nAdd a contact:\n  Name: Kim Keep\n"
    assert not only_them.exists()
    # Only the lines that name them: what else was typed stays.
    assert other_fields.read_text(encoding="utf-8") == HEADER + "\n\nAdd a contact:\n  Company: Acme\n"
    assert find_rescues(workspace) == [tmp_path / "w.json.unsaved-0000.txt", untouched, mixed, other_fields]


def test_a_file_with_no_form_is_removed_when_its_header_names_them(tmp_path: Path) -> None:
    workspace = tmp_path / "w.json"
    path = workspace.parent / f"{workspace.name}.unsaved-0001.txt"
    path.write_text("Typed for Alex Example\n", encoding="utf-8")
    erase_from_rescues(workspace, ["Alex Example"])
    assert not path.exists()


def test_the_forms_kept_are_kept_to_the_letter(tmp_path: Path) -> None:
    workspace = tmp_path / "w.json"
    kept = ["Add a contact:\n  Name: Kim Keep\n  Tags: UX", "Edit:\n  Notes: two spaces after  "]
    path = rescue(workspace, "0001", kept[0], "Add a contact:\n  Name: Alex Example", kept[1])
    erase_from_rescues(workspace, ["Alex Example"])
    assert path.read_text(encoding="utf-8") == HEADER + "\n\n" + "\n\n".join(kept) + "\n"


def test_a_rescued_file_that_is_not_valid_utf8_is_still_cleaned(tmp_path: Path) -> None:
    workspace = tmp_path / "w.json"
    path = workspace.parent / f"{workspace.name}.unsaved-0001.txt"
    path.write_bytes(HEADER.encode() + b"\n\nAdd a contact:\n  Name: Alex Example\n  Note: caf\xe9\n")
    assert erase_from_rescues(workspace, ["Alex Example"]) == 1
    assert path.read_text(encoding="utf-8") == HEADER + "\n\nAdd a contact:\n  Note: caf\ufffd\n"


def test_a_rescued_file_that_cannot_be_rewritten_does_not_stop_the_others(tmp_path: Path, monkeypatch) -> None:
    from interview_tui.core import trash

    workspace = tmp_path / "w.json"
    stuck = rescue(workspace, "0001", "Add a contact:\n  Name: Alex Example", "Add a contact:\n  Name: Kim Keep")
    later = rescue(workspace, "0002", "Add a contact:\n  Name: Alex Example", "Add a contact:\n  Name: Kim Keep")
    real_write = trash.write_atomically

    def write(path: Path, data: bytes) -> None:
        if path == stuck:
            raise PermissionError(13, "Permission denied")
        real_write(path, data)

    monkeypatch.setattr(trash, "write_atomically", write)
    erase_from_rescues(workspace, ["Alex Example"])
    assert "Alex Example" in stuck.read_text(encoding="utf-8")
    assert later.read_text(encoding="utf-8") == HEADER + "\n\nAdd a contact:\n  Name: Kim Keep\n"


def test_the_copies_kept_beside_the_workspace_that_still_name_them_are_listed(tmp_path: Path) -> None:
    from interview_tui.core.trash import copies_naming

    workspace = tmp_path / "w.json"
    damaged = tmp_path / "w.json.damaged-20261125"
    conflict = tmp_path / "w.conflict-20261125.json"
    for path in (damaged, conflict, tmp_path / "w.json.bak", tmp_path / "w.json.damaged-other"):
        path.write_text('{"name": "Alex   EXAMPLE"}' if path.name != "w.json.damaged-other" else "{}", encoding="utf-8")
    (tmp_path / "w.conflict-0000").mkdir()  # first in order, and cannot be read: passed over
    (tmp_path / "w.json.damaged-latin1").write_bytes(b"caf\xe9 Alex Example")
    assert copies_naming(workspace, ["Sam Sample", "Alex Example"]) == sorted(
        [conflict, damaged, tmp_path / "w.json.damaged-latin1"]
    )
    assert copies_naming(workspace, ["Sam Sample"]) == []


@pytest.mark.parametrize(
    ("names", "lines", "copies", "said"),
    [
        ([], 3, [], "Nothing was erased."),
        (["Alex Example"], 0, [], "Erased Alex Example for good."),
        (["Alex Example", "Sam Sample"], 1, [],
         "Erased 2 people for good. 1 line naming them taken out of text rescued after a hang-up."),
        (["Alex Example"], 2, ["a.json.damaged-1", "b.conflict-2.json"],
         "Erased Alex Example for good. 2 lines naming them taken out of text rescued after a hang-up."
         " Still named in copies kept beside the workspace (delete them when you no longer need them): "
         "a.json.damaged-1, b.conflict-2.json."),
    ],
)
def test_a_purge_said_in_words(names, lines, copies, said) -> None:
    from interview_tui.core.trash import Erased

    assert Erased(names, lines, [Path(c) for c in copies]).said() == said
