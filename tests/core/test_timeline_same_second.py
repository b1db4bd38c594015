"""A person's history lists what happened within the same second in the order it was recorded,
the last first as the rest of the list: an ask and its reply logged in one second read "Replied"
above "Asked", and the stage they moved it through last above the one before."""

from __future__ import annotations

from builders import NOW

from interview_tui.core import timeline, workflow
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Touch, TouchKind
from interview_tui.core.store import Store


def _alex(store: Store) -> int:
    alex = store.add_contact(Contact(name="Alex Example"))
    assert alex.id is not None
    return alex.id


def test_an_ask_and_its_reply_in_one_second_read_the_reply_first(store: Store) -> None:
    alex = _alex(store)  # the store's clock is stopped: everything below happens in one second
    workflow.log_ask(store, alex)
    workflow.log_reply(store, alex)
    history = [(e.kind, e.what) for e in timeline.of(store, alex)]
    assert [what for kind, what in history if kind == "touch"] == ["Replied", "Asked for 20 minutes"]


def test_stage_changes_in_one_second_read_the_last_first(store: Store) -> None:
    alex = _alex(store)
    workflow.log_ask(store, alex)
    workflow.schedule_interview(store, alex, "fri 3pm")
    changes = [e.what for e in timeline.of(store, alex) if e.kind == "change"]
    assert changes == ["Stage: asked → scheduled", "Stage: identified → asked"]


def test_touches_and_follow_ups_done_at_one_moment_read_the_last_recorded_first(store: Store) -> None:
    alex = _alex(store)
    for kind, note in ((TouchKind.UPDATED, "first"), (TouchKind.UPDATED, "second"), (TouchKind.THANKED, "third")):
        store.add_touch(Touch(contact_id=alex, kind=kind, at=NOW, note=note))
    for note in ("first", "second"):
        store.add_followup(FollowUp(contact_id=alex, due=NOW, kind=FollowUpKind.CUSTOM, done_at=NOW, note=note))
    assert [(e.kind, e.note) for e in timeline.of(store, alex)] == [
        ("touch", "third"),
        ("touch", "second"),
        ("touch", "first"),
        ("followup", "second"),
        ("followup", "first"),
    ]
