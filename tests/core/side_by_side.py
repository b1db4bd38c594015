"""What a person does in a session, as rules of a hypothesis state machine that runs each step on
two stores side by side (two ways of reading or saving one file) and expects them to agree:
add, edit, follow up, delete, undo, restore, erase. Each machine adds its own steps (how notes
are typed, reopening, a full disk) and what it compares."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, FollowUp
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)

text = st.text(alphabet="abc {}\"\\\né→", max_size=8)


def write_seed(path: Path) -> None:
    """A workspace as another tool might leave it: compact, unsorted, a field this version does
    not know."""
    document = {
        "meta": {"1": {"schema_version": 1, "workspace_id": "ws-test"}},
        "contacts": {
            "2": {"name": "Sam Sample", "tags": ["mentor"], "extra": {"kept": True}},
            "1": {"name": "Alex Example", "company": "Northwind", "created": "2026-01-02T03:04:05"},
        },
        "interviews": {"1": {"contact_id": 1, "when": "2026-11-20T10:00:00", "answers": {"1": "first answer"}}},
        "followups": {"1": {"contact_id": 2, "due": "2026-11-30T09:00:00", "note": "nudge {x}"}},
    }
    path.write_text(json.dumps(document))


class SideBySide(RuleBasedStateMachine):
    WAYS: ClassVar[tuple[str, str]]
    """The names of the two stores in ``stores``; the first is read for what there is."""

    def __init__(self) -> None:
        super().__init__()
        self.stores: dict[str, Store] = {}

    def both(self, step: Any) -> None:
        """Run ``step`` on each store; both must do the same (succeed, or refuse alike)."""
        outcomes: list[str | None] = []
        for way in self.WAYS:
            try:
                step(self.stores[way])
                outcomes.append(None)
            except InvalidInput as exc:
                outcomes.append(str(exc))
        assert outcomes[0] == outcomes[1]

    def ids(self) -> list[int]:
        return sorted(c.id for c in self.stores[self.WAYS[0]].contacts_unsorted() if c.id is not None)

    def trash_ids(self) -> list[int]:
        return [e.id for e in self.stores[self.WAYS[0]].trash() if e.id is not None]

    @rule(name=text.filter(str.strip), company=text)
    def add_contact(self, name: str, company: str) -> None:
        self.both(lambda s: s.add_contact(Contact(name=name.strip(), company=company)))

    @precondition(lambda self: bool(self.ids()))
    @rule(data=st.data(), role=text)
    def edit_contact(self, data: st.DataObject, role: str) -> None:
        contact_id = data.draw(st.sampled_from(self.ids()))

        def edit(s: Store) -> None:
            contact = s.contact(contact_id)
            contact.role = role
            contact.tags = [*contact.tags, "x"]
            s.update_contact(contact)

        self.both(edit)

    @precondition(lambda self: bool(self.ids()))
    @rule(data=st.data(), days=st.integers(0, 30))
    def follow_up(self, data: st.DataObject, days: int) -> None:
        contact_id = data.draw(st.sampled_from(self.ids()))
        self.both(lambda s: s.add_followup(FollowUp(contact_id=contact_id, due=NOW + timedelta(days=days))))

    @precondition(lambda self: bool(self.ids()))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        contact_id = data.draw(st.sampled_from(self.ids()))
        self.both(lambda s: s.delete_contact(contact_id))

    @rule()
    def undo(self) -> None:
        self.both(lambda s: s.undo())

    @precondition(lambda self: bool(self.trash_ids()))
    @rule(data=st.data(), erase=st.booleans())
    def from_the_trash(self, data: st.DataObject, erase: bool) -> None:
        entry_id = data.draw(st.sampled_from(self.trash_ids()))
        self.both(lambda s: s.purge([entry_id]) if erase else s.restore(entry_id))
