"""`interview-tui due` lists the part of the queue due by the end of a window without putting the
whole queue in order: what it lists is exactly what the app's queue holds up to that day, in the
app's order, whatever mix of follow-ups, snoozed check-ins and cadences the workspace has."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core import queue
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Relationship, Touch, TouchKind
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)

hours_from_now = st.integers(min_value=-24 * 120, max_value=24 * 120)

followup_of = st.tuples(
    st.integers(min_value=0, max_value=5),  # which contact
    hours_from_now,
    st.sampled_from([FollowUpKind.NUDGE, FollowUpKind.THANK_YOU, FollowUpKind.CHECK_IN]),
    st.booleans(),  # a snoozed cadence check-in
    st.booleans(),  # done
)


@settings(max_examples=60, deadline=None)
@given(
    followups=st.lists(followup_of, max_size=25),
    touches=st.lists(st.tuples(st.integers(min_value=0, max_value=5), hours_from_now), max_size=8),
    relationships=st.lists(st.sampled_from(list(Relationship)), min_size=6, max_size=6),
    cadences=st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=40)), min_size=6, max_size=6),
    days=st.integers(min_value=0, max_value=60),
    hour=st.integers(min_value=0, max_value=23),
)
def test_due_lists_what_the_queue_holds_up_to_the_window_in_its_order(
    followups: list[tuple[int, int, FollowUpKind, bool, bool]],
    touches: list[tuple[int, int]],
    relationships: list[Relationship],
    cadences: list[int | None],
    days: int,
    hour: int,
) -> None:
    now = NOW.replace(hour=hour)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "w.json", clock=lambda: now) as store:
        with store.batch():
            people = [
                # A cadence of their own (0: turned off) asks for check-ins whatever their stage.
                store.add_contact(Contact(name=f"Alex Example {i}", relationship=relationship, cadence_days=days_))
                for i, (relationship, days_) in enumerate(zip(relationships, cadences, strict=True))
            ]
            for who, hours, kind, snoozed, done in followups:
                store.add_followup(
                    FollowUp(
                        contact_id=people[who].id,
                        due=NOW + timedelta(hours=hours),
                        kind=FollowUpKind.CHECK_IN if snoozed else kind,
                        from_cadence=snoozed,
                        done_at=NOW if done else None,
                    )
                )
            for who, hours in touches:
                store.add_touch(Touch(contact_id=people[who].id, kind=TouchKind.MET, at=NOW - timedelta(hours=abs(hours))))

        whole = queue.build_queue(store)
        # The queue's order: soonest first; ties by contact (a cadence's check-in before what is
        # stored for them) once any check-in is in it, else by id.
        if any(f.id is None for f in whole):
            assert whole == sorted(whole, key=lambda f: (f.due, f.contact_id, f.id or 0))
        else:
            assert whole == sorted(whole, key=lambda f: (f.due, f.id))
        # Every open follow-up once, and one check-in at most per person.
        assert sorted(f.id for f in whole if f.id is not None) == sorted(f.id for f in store.followups())
        check_ins = [f.contact_id for f in whole if f.id is None]
        assert len(check_ins) == len(set(check_ins))
        last_day = now.date() + timedelta(days=days)
        assert queue.due_by(store, now, days) == [f for f in whole if f.due.date() <= last_day]
        assert queue.due_by(store, now, days) == queue.due_within(whole, now, days)


def test_a_negative_window_is_refused(store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        queue.due_by(store, clock(), -1)
