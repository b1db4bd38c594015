"""Undo's before-images, pinned: the merge of a record against an independent field-by-field
oracle, what a change remembers, and the depth of the history at its boundary."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, example, given
from hypothesis import strategies as st

from interview_tui.core.history import UNDO_DEPTH, Change, History, merged, restore_plan

ABSENT = "<absent>"

fields = st.sampled_from(["name", "notes", "stage", "when"])
values = st.sampled_from(["", "a", "b", "typed since"])
docs = st.dictionaries(fields, values, max_size=4).map(lambda d: dict(sorted(d.items())))  # as stored
maybe_docs = st.none() | docs


def oracle(before: dict | None, after: dict | None, now: dict | None) -> dict | None:
    """What undo must put back, said field by field without looking at the code under test."""
    if now == after:
        return before
    if now is None:
        return before  # gone since: what was before comes back
    if before is None:
        return now  # created by the change and written to since: kept
    assert after is not None
    out: dict[str, Any] = {}
    for name in sorted(set(before) | set(after) | set(now)):
        if now.get(name, ABSENT) != after.get(name, ABSENT):
            if name in now:
                out[name] = now[name]  # typed since: kept
        elif name in before:
            out[name] = before[name]
    return out


@given(maybe_docs, maybe_docs, maybe_docs)
@example({"notes": "a"}, {"notes": "b"}, {"notes": "b", "stage": "a"})  # a field added since is kept
@example({"notes": "a", "stage": "a"}, {"notes": "a"}, {"notes": "typed since"})  # taken out by the change
@example({"notes": "a"}, {"notes": "a", "stage": "b"}, {"notes": "typed since", "stage": "b"})  # added by it
@example(None, {"notes": "a"}, None)
def test_undo_merges_each_field_as_the_oracle_says(before, after, now) -> None:
    # A record a change deleted cannot be there again while that change is the next to undo:
    # ids are never handed out twice, and a restore is itself a change undone first.
    assume(not (after is None and before is not None and now is not None))
    result = merged(before, after, now)
    assert result == oracle(before, after, now)
    if isinstance(result, dict):
        assert list(result) == sorted(result)  # the store's field order: files diff cleanly


def test_a_change_remembers_the_first_image_of_each_record_only() -> None:
    change = Change("Edited Alex Example")
    change.remember(("contacts", 1), {"name": "Alex"})
    change.remember(("contacts", 1), {"name": "Alex, half edited"})
    change.remember(("interviews", 4), None)
    assert change.before == {("contacts", 1): {"name": "Alex"}, ("interviews", 4): None}
    assert change.tables() == {"contacts", "interviews"}


def test_a_change_is_touched_only_when_a_record_ends_different() -> None:
    change = Change(None)
    change.remember(("contacts", 1), {"name": "Alex"})
    change.after[("contacts", 1)] = {"name": "Alex"}
    assert not change.touched()
    change.remember(("contacts", 2), None)  # created, then nothing recorded after: still absent
    assert not change.touched()
    change.after[("contacts", 2)] = {"name": "Sam"}
    assert change.touched()


def test_the_history_keeps_the_newest_changes_up_to_its_depth() -> None:
    history = History(depth=3)
    assert history.pop() is None and history.peek() is None and len(history) == 0
    changes = [Change(f"change {n}") for n in range(5)]
    for number, change in enumerate(changes[:3]):
        history.push(change)
        assert len(history) == number + 1
    history.push(changes[3])
    assert list(history) == changes[1:4]
    history.push(changes[4])
    assert history.peek() is changes[4]
    assert [history.pop() for _ in range(3)] == [changes[4], changes[3], changes[2]]
    assert history.pop() is None
    history.push(changes[0])
    history.clear()
    assert len(history) == 0 and list(history) == []


def test_the_default_depth_is_the_documented_one() -> None:
    history = History()
    for number in range(UNDO_DEPTH + 1):
        history.push(Change(f"change {number}"))
    assert len(history) == UNDO_DEPTH
    assert next(iter(history)).label == "change 1"


def test_a_restore_plan_merges_every_record_the_change_touched() -> None:
    change = Change("Done")
    change.remember(("interviews", 1), {"notes": "", "status": "planned"})
    change.after[("interviews", 1)] = {"notes": "", "status": "done"}
    change.remember(("followups", 2), None)
    change.after[("followups", 2)] = {"kind": "thank_you"}
    current = {("interviews", 1): {"notes": "typed since", "status": "done"}, ("followups", 2): {"kind": "thank_you"}}
    assert restore_plan(change, current) == {
        ("interviews", 1): {"notes": "typed since", "status": "planned"},
        ("followups", 2): None,
    }


def test_forgetting_drops_only_the_changes_that_hold_what_was_erased() -> None:
    history = History()
    kept = [Change("Edited Sam Sample"), Change("Edited Kim Keep")]
    history.push(kept[0])
    history.push(Change("Deleted Alex Example"))
    history.push(kept[1])
    history.forget(lambda change: "Alex" in (change.label or ""))
    assert list(history) == kept


def test_withdraw_takes_out_exactly_that_change_wherever_it_is() -> None:
    """A change put back because it could not be saved leaves the history; the others stay, in
    their order, and one equal to it but not it stays too."""
    history = History()
    first, second, third = Change("first"), Change("second"), Change("third")
    twin = Change("second")  # equal to ``second``, another change
    for change in (first, second, twin, third):
        history.push(change)
    history.withdraw(second)
    assert [c is k for c, k in zip(history, (first, twin, third), strict=True)] == [True, True, True]
    history.withdraw(third)
    assert history.peek() is twin and len(history) == 2
    history.withdraw(Change("never pushed"))
    assert len(history) == 2
    assert history.made_any  # a change was made this session, whatever became of it


def test_a_history_says_whether_a_change_was_made_since_it_began_or_was_cleared() -> None:
    """What the message for nothing to undo goes by: none made yet, or those made are gone."""
    history = History()
    assert not history.made_any
    history.push(Change("Edited Sam Sample"))
    history.pop()
    assert history.made_any  # undone, but made
    history.clear()
    assert not history.made_any
