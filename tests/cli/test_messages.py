"""What a command says when its change cannot be written: the process ends with the failure, so
the person must read that the change was not saved (nothing is kept in memory for later)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from interview_tui.core.store import Store


def _disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def workspace(run, db: Path) -> Path:  # type: ignore[no-untyped-def]
    assert run("--db", str(db), "add", "Alex Example").code == 0
    return db


def test_add_on_a_full_disk_says_not_saved(run, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    before = workspace.read_bytes()
    with monkeypatch.context() as patch:
        # Every durable write flushes to disk; a full disk refuses it there.
        patch.setattr(os, "fsync", _disk_full)
        result = run("--db", str(workspace), "add", "Sam Sample")
    assert result.code == 1
    assert result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith("interview-tui: not saved: ")
    assert "could not save" in line and os.strerror(errno.ENOSPC) in line
    assert "in memory" not in line  # the process has ended: nothing is kept
    assert workspace.read_bytes() == before
    with Store.open(workspace) as store:
        assert [c.name for c in store.contacts()] == ["Alex Example"]


def test_other_failures_are_not_called_unsaved(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--db", str(workspace), "note", "Nobody Known", "hello")
    assert result.code == 1
    assert "not saved" not in result.err
