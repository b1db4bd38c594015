"""Rescued text pinned: the file written (its header, each form's fields, lines after the first
indented), where it goes when the workspace's folder cannot take it, and which earlier rescues
are found for a workspace."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

from interview_tui.core import rescue
from interview_tui.core.rescue import find_rescues, write_rescue


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    places = [tmp_path / "state" / "rescued", tmp_path / "tmp"]
    monkeypatch.setattr(rescue, "elsewhere", lambda: places)
    return places


def test_a_rescue_holds_each_form_that_has_text_field_by_field(tmp_path: Path, elsewhere: list[Path]) -> None:
    workspace = tmp_path / "w.json"
    forms = [
        ("Contact: Alex Example", {"Name": "Alex Example", "Notes": "first line\nsecond line\n  indented", "Email": "  "}),
        ("Nothing typed", {"Name": " ", "Notes": ""}),
        ("Notes: Sam Sample", {"Takeaways": "ask about design"}),
    ]
    path = write_rescue(workspace, forms, "the terminal was closed")
    assert path is not None and path.parent == tmp_path
    assert re.fullmatch(r"w\.json\.unsaved-\d{8}-\d{6}(-\d+)?\.txt", path.name)
    text = path.read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    assert re.fullmatch(
        r"Typed into interview-tui and not saved when it was closed \(the terminal was closed\), "
        r"\d{4}-\d\d-\d\d \d\d:\d\d\.\n" + re.escape(f"Workspace: {workspace.absolute()}"), header)
    assert body == (
        "Contact: Alex Example:\n  Name: Alex Example\n  Notes: first line\n    second line\n      indented\n\n"
        "Notes: Sam Sample:\n  Takeaways: ask about design\n"
    )


def test_nothing_typed_writes_nothing(tmp_path: Path, elsewhere: list[Path]) -> None:
    assert write_rescue(tmp_path / "w.json", [("Empty", {"Name": "  "})], "closed") is None
    assert list(tmp_path.iterdir()) == []


def test_a_second_trigger_of_one_ending_writes_over_the_first_file(tmp_path: Path, elsewhere: list[Path]) -> None:
    workspace = tmp_path / "w.json"
    first = write_rescue(workspace, [("Form", {"Name": "Alex"})], "closed")
    again = write_rescue(workspace, [("Form", {"Name": "Alex Example"})], "closed", path=first)
    assert again == first
    assert "Name: Alex Example" in first.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [first.name]


def test_a_workspace_folder_that_cannot_take_it_sends_it_to_a_private_folder_elsewhere(
    tmp_path: Path, elsewhere: list[Path]
) -> None:
    workspace = tmp_path / "gone" / "w.json"  # its folder no longer exists
    path = write_rescue(workspace, [("Form", {"Name": "Alex"})], "closed")
    assert path is not None and path.parent == elsewhere[0]
    assert oct(elsewhere[0].stat().st_mode & 0o777) == oct(0o700)
    assert find_rescues(workspace) == [path]


def test_when_nowhere_can_take_it_the_first_failure_is_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(rescue, "elsewhere", lambda: [blocker / "rescued", blocker / "tmp"])
    with pytest.raises(FileNotFoundError):
        write_rescue(tmp_path / "gone" / "w.json", [("Form", {"Name": "Alex"})], "closed")


def test_rescues_elsewhere_are_found_only_when_they_name_this_workspace_and_are_mine(
    tmp_path: Path, elsewhere: list[Path]
) -> None:
    workspace = tmp_path / "w.json"
    beside = write_rescue(workspace, [("Form", {"Name": "Alex"})], "closed")
    elsewhere[1].mkdir()
    mine = elsewhere[1] / "w.json.unsaved-20261125-100000.txt"
    mine.write_text(f"Typed ...\nWorkspace: {workspace.absolute()}\n\nForm:\n  Name: Sam\n")
    other = elsewhere[1] / "w.json.unsaved-20261125-090000.txt"
    other.write_text(f"Typed ...\nWorkspace: {tmp_path / 'other' / 'w.json'}\n\nForm:\n  Name: Pat\n")
    assert find_rescues(workspace) == [beside, mine]
    if os.geteuid() == 0:
        os.chown(mine, 4321, 4321)  # someone else's file naming this workspace
        assert find_rescues(workspace) == [beside]


def test_elsewhere_is_the_users_state_folder_then_the_temporary_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert rescue.elsewhere() == [tmp_path / "state" / "interview-tui" / "rescued", Path(tempfile.gettempdir())]


def test_a_private_folder_made_by_an_earlier_rescue_is_used_again(tmp_path: Path, elsewhere: list[Path]) -> None:
    elsewhere[0].mkdir(parents=True, mode=0o700)
    path = write_rescue(tmp_path / "gone" / "w.json", [("Form", {"Name": "Alex"})], "closed")
    assert path is not None and path.parent == elsewhere[0]


def test_a_rescue_elsewhere_that_cannot_be_read_is_not_taken_for_this_workspaces(
    tmp_path: Path, elsewhere: list[Path]
) -> None:
    elsewhere[1].mkdir()
    (elsewhere[1] / "w.json.unsaved-20261125-100000.txt").symlink_to(tmp_path / "nowhere")
    assert find_rescues(tmp_path / "w.json") == []


@pytest.mark.parametrize("name", ["w[1].json", "w*.json", "w?.json", "[x].json"])
def test_rescues_and_separate_copies_are_found_for_a_workspace_whose_name_reads_as_a_pattern(
    tmp_path: Path, elsewhere: list[Path], name: str
) -> None:
    # "w[1].json" read as a pattern matches "w1.json" and never itself: its rescue was never said.
    from interview_tui.core.storage import conflict_path, find_conflicts

    workspace = tmp_path / name
    other = tmp_path / "w1.json"
    rescued = write_rescue(workspace, [("Notes", {"Notes": "kept"})], "closed")
    write_rescue(other, [("Notes", {"Notes": "not this one"})], "closed")
    assert find_rescues(workspace) == [rescued]
    copy = conflict_path(workspace)
    copy.write_text("{}")
    conflict_path(other).write_text("{}")
    assert find_conflicts(workspace) == [copy]
