"""Fixtures for the storage and store tests: a throwaway workspace path and a stopped clock."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

FIXED_NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00."""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a workspace file goes; nothing exists there yet."""
    return tmp_path / "interviews.json"


@pytest.fixture
def fixed_clock() -> Callable[[], datetime]:
    return lambda: FIXED_NOW


def fail_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk from now on: every fsync fails with ENOSPC (``monkeypatch.undo()`` frees it)."""

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
