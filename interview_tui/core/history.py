"""What a change did to the workspace, so that it can be taken back.

Every change the store makes (one person's action: a delete, a follow-up done, a form saved) is
recorded as the stored documents of the records it touched, before and after. Those images serve
twice:

- when the save at the end of the change fails, memory is put back as it was before, so a form
  that stays open with its message has changed nothing, and saving again cannot make a copy;
- ``u`` undoes the last change, then the one before, by putting the "before" images back.

Text typed into the notes editor is not an undoable change (the editor has its own undo, and
undoing a conversation's status must not take away the words typed since). So undo merges field
by field: a field that is no longer what the change left (someone typed since) keeps what it holds
now; every other field goes back to what it was before the change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Doc = dict[str, Any]
Key = tuple[str, int]
"""(table name, record id)."""

UNDO_DEPTH = 50
"""How many changes of a session can be undone (the oldest are forgotten first)."""


@dataclass
class Change:
    """The records one change touched: their documents before it and after it (None: absent)."""

    label: str | None
    before: dict[Key, Doc | None] = field(default_factory=dict)
    after: dict[Key, Doc | None] = field(default_factory=dict)

    def remember(self, key: Key, doc: Doc | None) -> None:
        """Keep ``doc`` as the record's state before this change, unless it was touched already."""
        self.before.setdefault(key, doc)

    def touched(self) -> bool:
        """Whether the change left any record different from how it found it."""
        return any(self.before[key] != self.after.get(key) for key in self.before)

    def tables(self) -> set[str]:
        return {table for table, _ in self.before}


def merged(before: Doc | None, after: Doc | None, now: Doc | None) -> Doc | None:
    """The record to put back when undoing a change that took it from ``before`` to ``after``,
    given that it is ``now`` at this moment.

    Unchanged since: exactly ``before``. Changed since (notes typed into it): each field that
    still holds what the change left goes back, each field changed since keeps its new value.
    A record the change created and that has been written to since is kept (as it is now): undoing
    must never take away words typed after the change."""
    if now == after:
        return before
    if before is None or now is None:
        return now if before is None else before
    assert after is not None  # now != after and now is not None: the change left a record
    result: Doc = {}
    # Sorted: the store writes every record with its fields in name order (see storage).
    for name in before.keys() | after.keys() | now.keys():
        present = now.get(name, _ABSENT)
        changed_since = present != after.get(name, _ABSENT)
        value = present if changed_since else before.get(name, _ABSENT)
        if value is not _ABSENT:
            result[name] = value
    return dict(sorted(result.items()))


_ABSENT: Any = object()


class History:
    """The changes of this session, newest last, at most ``UNDO_DEPTH`` of them."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self._changes: list[Change] = []
        self._depth = depth
        self.made_any = False
        """Whether a change was made since the history was cleared (so why there is nothing to
        undo: none was made, or those made were undone, erased for good or too old)."""

    def push(self, change: Change) -> None:
        self._changes.append(change)
        self.made_any = True
        del self._changes[: -self._depth]

    def pop(self) -> Change | None:
        return self._changes.pop() if self._changes else None

    def peek(self) -> Change | None:
        return self._changes[-1] if self._changes else None

    def clear(self) -> None:
        self._changes.clear()
        self.made_any = False

    def forget(self, holds: Callable[[Change], bool]) -> None:
        """Drop the changes for which ``holds`` is true (they keep records erased for good);
        undo goes on with the others (see ``merged``: each undo works from what is there now)."""
        self._changes[:] = [change for change in self._changes if not holds(change)]

    def withdraw(self, change: Change) -> None:
        """Take ``change`` out (it was put back because it could not be saved: there is
        nothing to undo)."""
        self._changes[:] = [kept for kept in self._changes if kept is not change]

    def __len__(self) -> int:
        return len(self._changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self._changes)


def restore_plan(change: Change, current: Mapping[Key, Doc | None]) -> dict[Key, Doc | None]:
    """For undoing ``change``: what each record it touched becomes, given ``current`` documents."""
    return {
        key: merged(before, change.after.get(key), current.get(key))
        for key, before in change.before.items()
    }
