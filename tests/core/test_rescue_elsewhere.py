"""A rescue file that cannot go beside its workspace (the full disk that made the save fail)
goes to the user's state directory, and is found there by the next start, and only for the
workspace it belongs to."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from interview_tui.core import rescue


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "interview-tui" / "rescued"


def _full_beside(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    real = rescue.write_atomically

    def write(path: Path, payload: bytes) -> None:
        if path.parent == folder:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, payload)

    monkeypatch.setattr(rescue, "write_atomically", write)


def test_a_rescue_goes_beside_the_workspace_when_it_can(tmp_path: Path, state: Path) -> None:
    workspace = tmp_path / "w.json"
    written = rescue.write_rescue(workspace, [("Add a contact", {"Name": "Dana Example"})], "test")
    assert written is not None and written.parent == tmp_path
    assert rescue.find_rescues(workspace) == [written]


def test_a_full_folder_sends_the_rescue_to_the_state_directory(
    tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "w.json"
    _full_beside(monkeypatch, tmp_path)
    written = rescue.write_rescue(workspace, [("Add a contact", {"Name": "Dana Example"})], "test")
    assert written is not None and written.parent == state
    assert oct(state.stat().st_mode & 0o777) == "0o700"
    assert "Dana Example" in written.read_text()
    assert rescue.find_rescues(workspace) == [written]
    # Another workspace of the same name elsewhere does not claim it.
    other = tmp_path / "other" / "w.json"
    assert rescue.find_rescues(other) == []


def test_when_nowhere_can_take_it_the_first_error_is_raised(
    tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def write(path: Path, payload: bytes) -> None:
        raise OSError(errno.ENOSPC if path.parent == tmp_path else errno.EROFS, "no")

    monkeypatch.setattr(rescue, "write_atomically", write)
    with pytest.raises(OSError) as raised:
        rescue.write_rescue(tmp_path / "w.json", [("Add a contact", {"Name": "Dana"})], "test")
    assert raised.value.errno == errno.ENOSPC
