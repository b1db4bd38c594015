"""The Markdown export: a page per contact with their conversations as questions and answers."""

from __future__ import annotations

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
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["alex-example.md", "index.md", "sam-sample.md"]
    page = (tmp_path / "notes" / "alex-example.md").read_text(encoding="utf-8")
    assert page.startswith("# Alex Example\n\nUX researcher, Northwind Labs\n")
    assert "- **Referred by:** [Sam Sample](sam-sample.md)" in page
    assert "- **Address:** 12 Sample Street\n  Springfield" in page
    assert "## About\n\nMet at the meetup." in page
    assert "### Fri 20 Nov 2026, 15:00 · 20 minutes, video · done" in page
    # The question is a heading and its answer sits under it, as in the notes editor.
    assert "#### Tell me about your career path.\nStarted in a lab,\nthen moved to a start-up.\n" in page
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
         "index-2.md", "contact-con.md", "contact.md"]
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
