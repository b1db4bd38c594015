"""Commands that only look work while the app has the workspace open; commands that change
refuse, and say who has it.

``interview-tui due`` lives in shell profiles, and the app is often open in another window: a new
shell used to print "is in use by PID ..." instead of what was due. A command that only looks now
reads the file as the app last saved it (every save replaces the file whole, so there is never a
half-written one to read), writes nothing, and leaves the app's files alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from interview_tui.core.errors import WorkspaceInUse, WorkspaceReadOnly
from interview_tui.core.models import Contact, FollowUp
from interview_tui.core.store import Store

from .conftest import NOW, Result


@pytest.fixture
def app_has_it_open(db: Path) -> Iterator[Store]:
    """The workspace at ``db``, held open as the app holds it (its lock taken)."""
    with Store.open(db, clock=lambda: NOW) as store:
        alex = store.add_contact(Contact(name="Alex Example", company="Northwind"))
        store.add_followup(FollowUp(contact_id=alex.id or 0, due=NOW - timedelta(days=1), note="send the thank-you note"))
    holder = Store.open(db, clock=lambda: NOW)
    yield holder
    holder.close()


@pytest.mark.parametrize(
    ("argv", "seen"),
    [
        (["due"], "send the thank-you note"),
        (["list"], "Alex Example"),
        (["show", "Alex"], "Northwind"),
        (["agenda", "--days", "7"], ""),
        (["trash"], "The trash is empty."),
    ],
)
def test_a_command_that_only_looks_reads_what_the_app_last_saved(
    run: Callable[..., Result], db: Path, app_has_it_open: Store, argv: list[str], seen: str
) -> None:
    temporary = db.with_name(f".{db.name}.abc123.tmp")  # a save of the app's, being written
    temporary.write_bytes(b"{")
    before = {path.name: path.read_bytes() for path in db.parent.iterdir()}

    result = run("--db", str(db), *argv)

    assert result.code == 0, result.err
    assert seen in result.out
    assert "in use" not in result.err
    assert {path.name: path.read_bytes() for path in db.parent.iterdir()} == before


def test_an_export_works_while_the_app_is_open(
    run: Callable[..., Result], db: Path, app_has_it_open: Store, tmp_path: Path
) -> None:
    out = tmp_path / "contacts.json"
    result = run("--db", str(db), "export", "json", str(out))
    assert result.code == 0, result.err
    assert "Alex Example" in out.read_text()


def test_a_command_that_changes_is_refused_while_the_app_is_open(
    run: Callable[..., Result], db: Path, app_has_it_open: Store
) -> None:
    before = db.read_bytes()
    for argv in (["add", "Sam Sample"], ["trash", "--empty"], ["touch", "Alex"]):
        result = run("--db", str(db), *argv)
        assert result.code == 1
        assert "is in use by PID" in result.err and "Close the other interview-tui first" in result.err
    assert db.read_bytes() == before


def test_a_workspace_read_while_held_elsewhere_refuses_every_change(db: Path, app_has_it_open: Store) -> None:
    before = db.read_bytes()
    with pytest.raises(WorkspaceInUse):
        Store.open(db, clock=lambda: NOW)
    looking = Store.open(db, clock=lambda: NOW, shared=True)
    try:
        assert [contact.name for contact in looking.contacts()] == ["Alex Example"]
        assert looking.storage.read_only == (
            f"{db} is open in another interview-tui (PID {os.getpid()}). Close it to make changes here."
        )
        with pytest.raises(WorkspaceReadOnly):
            looking.add_contact(Contact(name="Sam Sample"))
    finally:
        looking.close()
    assert db.read_bytes() == before
    # The app, still holding it, saves as before.
    app_has_it_open.add_contact(Contact(name="Bea Example"))
    assert {record["name"] for record in json.loads(db.read_bytes())["contacts"].values()} == {"Alex Example", "Bea Example"}


def test_a_workspace_held_through_another_name_is_read_too(tmp_path: Path) -> None:
    """Held by an instance that opened it through a link (its lock file is beside the link):
    found by the lock on the file itself, which names no process."""
    real = tmp_path / "real.json"
    with Store.open(real, clock=lambda: NOW) as store:
        store.add_contact(Contact(name="Alex Example"))
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "elsewhere" / "link.json"
    link.symlink_to(real)
    holder = Store.open(link, clock=lambda: NOW)
    try:
        with pytest.raises(WorkspaceInUse):
            Store.open(real, clock=lambda: NOW)
        looking = Store.open(real, clock=lambda: NOW, shared=True)
        try:
            assert [contact.name for contact in looking.contacts()] == ["Alex Example"]
            assert looking.storage.read_only == (
                f"{real} is open in another interview-tui (another process). Close it to make changes here."
            )
        finally:
            looking.close()
    finally:
        holder.close()
