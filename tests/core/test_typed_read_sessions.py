"""Any session of changes leaves the same file whether the workspace was opened the quick way
(large tables read typed and kept as their text until a change, untouched records written back
as read) or the careful way (every table parsed into documents, every record read by its own
reader). Both sessions run side by side on copies of one file, step by step, for random
sequences of what a person does: add, edit, note, delete, undo, restore, erase, reopen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

from interview_tui.core import store as store_module
from interview_tui.core.models import Interview, Touch, TouchKind
from interview_tui.core.store import Store

from .side_by_side import NOW, SideBySide, text, write_seed


def _seed(path: Path) -> None:
    """A workspace as another tool might leave it (compact, unsorted, an unknown field) or as
    this program writes it: both kinds of bytes must come out the same either way."""
    write_seed(path)


class TwoWays(SideBySide):
    WAYS = ("quick", "careful")

    def __init__(self) -> None:
        super().__init__()
        self.folder: Path | None = None
        self.ours = False
        self.patch = pytest.MonkeyPatch()

    @initialize(ours=st.booleans())
    def open_both(self, ours: bool) -> None:
        import tempfile

        self.ours = ours
        self.folder = Path(tempfile.mkdtemp(prefix="two-ways-"))
        seed = self.folder / "seed.json"
        _seed(seed)
        if ours:  # this program's own bytes: opened and saved once the careful way
            with self._careful():
                store = Store.open(seed, clock=lambda: NOW)
                store.add_touch(Touch(contact_id=1, kind=TouchKind.MET, at=NOW))
                store.close()
        for way in ("quick", "careful"):
            (self.folder / way).mkdir()
            shutil.copyfile(seed, self.path(way))
        self.reopen()

    def path(self, way: str) -> Path:
        assert self.folder is not None
        return self.folder / way / "interviews.json"

    def _careful(self) -> Any:
        patch = pytest.MonkeyPatch()
        patch.setattr(store_module, "_typed_readers", dict)
        return _Undo(patch)

    def reopen(self) -> None:
        for store in self.stores.values():
            store.close()
        self.stores["quick"] = Store.open(self.path("quick"), clock=lambda: NOW)
        with self._careful():
            self.stores["careful"] = Store.open(self.path("careful"), clock=lambda: NOW)

    @precondition(lambda self: bool(self.ids()))
    @rule(data=st.data(), notes=text)
    def note(self, data: st.DataObject, notes: str) -> None:
        contact_id = data.draw(st.sampled_from(self.ids()))

        def add(s: Store) -> None:
            found = s.interviews(contact_id)
            if found:
                found[0].notes = notes
                s.update_interview(found[0])
            else:
                s.add_interview(Interview(contact_id=contact_id, when=NOW, notes=notes))

        self.both(add)

    @rule()
    def reopen_both(self) -> None:
        self.reopen()

    @invariant()
    def same_file(self) -> None:
        """The same document; and the same bytes when this program wrote the file it started
        from (a record another tool wrote keeps that tool's layout until it is changed, the
        quick way, where the careful way writes the whole table in this program's)."""
        if not self.stores:
            return
        quick, careful = self.path("quick").read_bytes(), self.path("careful").read_bytes()
        assert json.loads(quick) == json.loads(careful)
        if self.ours:
            assert quick == careful

    def teardown(self) -> None:
        for store in self.stores.values():
            store.close()
        self.patch.undo()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


class _Undo:
    def __init__(self, patch: pytest.MonkeyPatch) -> None:
        self.patch = patch

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        self.patch.undo()


TwoWays.TestCase.settings = settings(
    max_examples=60, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_a_session_leaves_the_same_file_either_way = TwoWays.TestCase
