"""Erasing someone for good takes out of the rescued text what was typed about them: a form whose
title names them goes whole (every field of it was about them), and elsewhere the lines naming
them; what was typed about anyone else stays."""

from __future__ import annotations

from pathlib import Path

from interview_tui.core.rescue import find_rescues, write_rescue
from interview_tui.core.trash import erase_from_rescues


def test_a_form_about_the_person_goes_whole_and_other_forms_lose_only_the_lines_naming_them(tmp_path: Path) -> None:
    workspace = tmp_path / "w.json"
    rescued = write_rescue(
        workspace,
        [
            ("Edit Forget Me", {"Role": "secret role", "Company": "Hidden Ltd"}),
            ("Add a contact", {"Name": "Sam Sample", "Notes": "met Forget Me at the fair", "Company": "Contoso"}),
            ("Notes of the conversation with Forget Me of Mon 23 Nov 2026 10:00", {"Notes": "private words"}),
        ],
        "the terminal went away",
    )
    assert rescued is not None
    taken = erase_from_rescues(workspace, ["Forget Me"])
    text = rescued.read_text()
    assert "secret role" not in text and "Hidden Ltd" not in text and "private words" not in text
    assert "Forget Me" not in text
    assert "  Name: Sam Sample" in text and "  Company: Contoso" in text
    assert taken == 3 + 1 + 2  # the contact form's three lines, one note, the notes' two lines


def test_a_file_left_with_no_form_is_removed(tmp_path: Path) -> None:
    workspace = tmp_path / "w.json"
    write_rescue(workspace, [("Edit Forget Me", {"Role": "secret role"})], "the terminal went away")
    erase_from_rescues(workspace, ["Forget Me"])
    assert find_rescues(workspace) == []
