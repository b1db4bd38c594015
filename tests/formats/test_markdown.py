"""The Markdown export: a page per contact with their conversations as questions and answers."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from interview_tui.core import workflow
from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.formats import export
from interview_tui.formats.markdown import slug


def _conversation(store: Store) -> Contact:
    sam = store.add_contact(Contact(name="Sam Sample"))
    alex = store.add_contact(
        Contact(name="Alex Example", company="Northwind Labs", role="UX researcher", referred_by=sam.id,
                address="12 Sample Street\nSpringfield", notes="Met at the meetup.")
    )  # fmt: skip
    interview = workflow.schedule_interview(store, alex.id, "2026-11-20 15:00")
    first = store.questions()[0]
    interview.answers = {str(first.id): "Started in a lab,\nthen moved to a start-up."}
    interview.notes = "Read: the research ops handbook."
    interview.takeaways = "Build a portfolio of two small studies."
    store.update_interview(interview)
    workflow.mark_done(store, interview.id)
    return alex


def test_a_page_per_contact_with_every_conversation(store: Store, tmp_path: Path) -> None:
    _conversation(store)
    result = export(store, "markdown", tmp_path / "notes")
    assert result.message == f"Wrote 2 contacts as Markdown to {tmp_path / 'notes'}/ (start at index.md)."
    # The hidden list of the pages it wrote lets the next export remove those no longer there.
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == [
        ".interview-tui-pages", "alex-example.md", "index.md", "sam-sample.md"
    ]
    page = (tmp_path / "notes" / "alex-example.md").read_text(encoding="utf-8")
    assert page.startswith("# Alex Example\n\nUX researcher, Northwind Labs\n")
    assert "- **Referred by:** [Sam Sample](sam-sample.md)" in page
    assert "- **Address:** 12 Sample Street  \n  Springfield" in page  # a hard line break
    assert "## About\n\nMet at the meetup." in page
    assert "### Fri 20 Nov 2026, 15:00 · 20 minutes, video · done" in page
    # The question is a heading and its answer sits under it, as in the notes editor.
    assert "#### Tell me about your career path.\nStarted in a lab,  \nthen moved to a start-up.\n" in page
    assert "#### How did you get started in this field?\n" in page
    assert "#### Notes\nRead: the research ops handbook.\n" in page
    assert "#### Key takeaways\nBuild a portfolio of two small studies.\n" in page
    # Marked done days after it was held: the thank-you is due the day after it was held.
    assert "- Thank you, due Sat 21 Nov 2026: Handwritten thank-you note" in page
    assert "## History\n\n- 20 Nov 2026 met" in page
    assert "[Alex Example](alex-example.md)" in (tmp_path / "notes" / "sam-sample.md").read_text(encoding="utf-8")
    index = (tmp_path / "notes" / "index.md").read_text(encoding="utf-8")
    assert "- [Alex Example](alex-example.md) — UX researcher, Northwind Labs · interviewed" in index
    for path in (tmp_path / "notes").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_file_names_are_safe_and_unique(store: Store, tmp_path: Path) -> None:
    for name in ("Alex Example", "alex   EXAMPLE", "../../etc/passwd", ".hidden", "李小龍 😀", "Index", "CON", "***"):
        store.add_contact(Contact(name=name))
    export(store, "markdown", tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(
        ["alex-example.md", "alex-example-2.md", "etc-passwd.md", "hidden.md", "李小龍.md", "index.md",
         "index-2.md", "contact-con.md", "contact.md", ".interview-tui-pages"]
    )  # fmt: skip
    assert all(p.parent == tmp_path / "out" for p in (tmp_path / "out").iterdir())


def test_slugs() -> None:
    assert slug("Jördan Demo") == "jördan-demo"
    assert slug("A" * 200) == "a" * 60
    assert slug("") == "contact"


def test_a_file_where_the_directory_should_be_is_refused(store: Store, tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("mine")
    with pytest.raises(InterviewTuiError, match="notes is a file; give a directory"):
        export(store, "markdown", tmp_path / "notes")
    assert (tmp_path / "notes").read_text() == "mine"


def test_line_breaks_in_addresses_and_notes_are_kept(store: Store, tmp_path: Path) -> None:
    store.add_contact(
        Contact(name="Alex Example", address="12 Sample Street\nSpringfield IL 62701", notes="First line\nSecond line")
    )
    export(store, "markdown", tmp_path / "notes")
    page = (tmp_path / "notes" / "alex-example.md").read_text(encoding="utf-8")
    # Two spaces at the end of a line are Markdown's line break: the lines are not joined.
    assert "- **Address:** 12 Sample Street  \n  Springfield IL 62701\n" in page
    assert "First line  \nSecond line\n" in page


def test_raw_html_in_notes_is_shown_as_text(store: Store, tmp_path: Path) -> None:
    alex = store.add_contact(Contact(name="Alex Example", notes="<script>alert(1)</script> & &amp; a < b"))
    interview = workflow.schedule_interview(store, alex.id, "2026-12-01 15:00")
    store.save_notes(interview.id, "<img src=x onerror=alert(1)>")
    export(store, "markdown", tmp_path / "notes")
    page = (tmp_path / "notes" / "alex-example.md").read_text(encoding="utf-8")
    # A backslash before < or & is Markdown's way to say "this character, as it is".
    assert re.search(r"(?<!\\)<(script|/script|img)", page) is None
    assert "\\<script>alert(1)\\</script> & \\&amp; a < b" in page
    assert "\\<img src=x onerror=alert(1)>" in page


def test_a_page_edited_since_the_export_is_not_written_over_by_another_contact_s_page(store: Store, tmp_path: Path) -> None:
    """Found by a tester: of two contacts whose pages share a name (kim-lee.md, kim-lee-2.md),
    the first deleted, the second's page took the name and was written over the edited one."""
    kim = store.add_contact(Contact(name="Kim Lee"))
    store.add_contact(Contact(name="Kim-Lee"))
    folder = tmp_path / "notes"
    export(store, "markdown", folder)
    edited = folder / "kim-lee.md"
    assert edited.read_text(encoding="utf-8").startswith("# Kim Lee")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMY EDIT kim\n", encoding="utf-8")
    before = edited.read_bytes()
    store.delete_contact(kim.id)
    for _ in range(2):  # and the export after it leaves it too
        result = export(store, "markdown", folder)
        assert edited.read_bytes() == before
        assert "Not written over kim-lee.md: changed since it was exported;" in result.message
    edited.rename(tmp_path / "kept.md")
    result = export(store, "markdown", folder)
    assert (folder / "kim-lee.md").read_text(encoding="utf-8").startswith("# Kim-Lee")
    assert "Not written over" not in result.message


def test_pages_of_renamed_or_deleted_contacts_go_and_nothing_else(store: Store, tmp_path: Path) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    jordan = store.add_contact(Contact(name="Jordan Demo"))
    folder = tmp_path / "notes"
    export(store, "markdown", folder)
    (folder / "my-own-notes.md").write_text("Mine.\n", encoding="utf-8")
    edited = folder / "jordan-demo.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAdded by hand.\n", encoding="utf-8")
    alex.name = "Alex Example-Renamed"
    store.update_contact(alex)
    store.delete_contact(sam.id)
    store.delete_contact(jordan.id)
    result = export(store, "markdown", folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [".interview-tui-pages", "alex-example-renamed.md", "index.md", "jordan-demo.md", "my-own-notes.md"]
    assert "Removed 2 pages of contacts renamed or no longer exported." in result.message  # Alex's old page, Sam's
    assert "Left jordan-demo.md: changed since it was exported." in result.message
