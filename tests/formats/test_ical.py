"""The calendar export, read back by icalendar (and by vobject, a second strict reader)."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from interview_tui.core import conversations, queue, workflow
from interview_tui.core.models import Contact, FollowUpKind, InterviewStatus
from interview_tui.core.store import Store
from interview_tui.formats import export

from .conftest import NOW

BERLIN = ZoneInfo("Europe/Berlin")


pytestmark = pytest.mark.usefixtures("berlin")  # see conftest.py


@pytest.fixture
def campaign(store: Store) -> Store:
    alex = store.add_contact(Contact(name="Alex Example", company="Northwind Labs", email="alex@example.org"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    jordan = store.add_contact(Contact(name="Jordan Demo", tags=["fintech"]))
    workflow.schedule_interview(store, alex.id, "2026-12-01 15:00", minutes=30, where="https://meet.example/alex")
    workflow.schedule_interview(store, sam.id, "2026-12-02 09:30")  # 20 minutes by default
    held = workflow.schedule_interview(store, jordan.id, "2026-11-20 11:00")
    workflow.mark_done(store, held.id)  # held: on the calendar as held for a while; its thank-you is
    cancelled = workflow.schedule_interview(store, jordan.id, "2026-12-05 11:00")
    conversations.cancel(store, cancelled.id)
    workflow.add_followup(store, sam.id, "2026-12-10", kind=FollowUpKind.CHECK_IN, note="Send the article")
    done = workflow.add_followup(store, alex.id, "2026-12-11")
    workflow.complete_followup(store, done.id)
    return store


def _events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def _by_summary(events: dict[str, object], summary: str) -> object:
    return next(e for e in events.values() if str(e["summary"]) == summary)


def test_planned_conversations_with_their_length_their_zone_and_a_reminder(campaign: Store, tmp_path: Path) -> None:
    result = export(campaign, "ics", tmp_path / "interviews.ics")
    assert result.message == (
        "Wrote 2 planned conversations and 2 open follow-ups, and 3 held, cancelled or done in the "
        f"last 30 days (so calendars update them) to {tmp_path / 'interviews.ics'} (iCalendar)."
    )
    raw = (tmp_path / "interviews.ics").read_bytes()
    assert b"DTSTART;TZID=Europe/Berlin:20261201T150000" in raw
    events = _events(tmp_path / "interviews.ics")
    alex = _by_summary(events, "Informational interview with Alex Example")
    assert alex.decoded("dtstart") == datetime(2026, 12, 1, 15, 0, tzinfo=BERLIN)
    assert alex.decoded("dtstart").astimezone(UTC) == datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    assert alex.decoded("dtend") - alex.decoded("dtstart") == timedelta(minutes=30)
    assert str(alex["location"]) == "https://meet.example/alex"
    assert str(alex["status"]) == "CONFIRMED"
    (alarm,) = alex.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-15)
    assert str(alarm["action"]) == "DISPLAY"
    sam = _by_summary(events, "Informational interview with Sam Sample")
    assert sam.decoded("dtend") - sam.decoded("dtstart") == timedelta(minutes=20)
    # The zone the times name is in the file, as the standard requires.
    (zone,) = Calendar.from_ical(raw).walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Berlin"


def test_a_system_without_a_named_zone_gets_utc(campaign: Store, tmp_path: Path) -> None:
    os.environ["TZ"] = "CET-1CEST,M3.5.0,M10.5.0/3"  # a POSIX rule: Berlin's clocks, no name
    time.tzset()
    export(campaign, "ics", tmp_path / "utc.ics")
    raw = (tmp_path / "utc.ics").read_bytes()
    assert b"DTSTART:20261201T140000Z" in raw and b"VTIMEZONE" not in raw


def test_open_follow_ups_are_all_day_events(campaign: Store, tmp_path: Path) -> None:
    export(campaign, "ics", tmp_path / "interviews.ics")
    events = _events(tmp_path / "interviews.ics")
    day_events = [e for e in events.values() if str(e["uid"]).startswith("followup-")]
    open_ones = sorted(str(e["summary"]) for e in day_events if "STATUS" not in e)
    assert open_ones == ["Check in with Sam Sample", "Thank-you note to Jordan Demo"]
    check_in = _by_summary(events, "Check in with Sam Sample")
    assert check_in.decoded("dtstart") == date(2026, 12, 10)
    assert check_in.decoded("dtend") == date(2026, 12, 11)
    assert "Send the article" in str(check_in["description"])


def test_what_left_the_calendar_is_cancelled_there_for_a_while(campaign: Store, tmp_path: Path) -> None:
    export(campaign, "ics", tmp_path / "now.ics")
    events = _events(tmp_path / "now.ics")
    cancelled = _by_summary(events, "Cancelled: Informational interview with Jordan Demo")
    assert str(cancelled["status"]) == "CANCELLED" and not cancelled.walk("VALARM")
    done = _by_summary(events, "Done: Follow up with Alex Example")
    assert str(done["status"]) == "CANCELLED"
    held = _by_summary(events, "Informational interview with Jordan Demo (held)")
    assert held.decoded("dtstart") == datetime(2026, 11, 20, 11, 0, tzinfo=BERLIN)

    # Five weeks on, calendars have had their chance: only what is still coming is written.
    campaign.clock = lambda: NOW + timedelta(days=35)
    export(campaign, "ics", tmp_path / "later.ics")
    later = _events(tmp_path / "later.ics")
    assert all("STATUS" not in e or str(e["status"]) == "CONFIRMED" for e in later.values())
    assert not any("(held)" in str(e["summary"]) for e in later.values())


def test_valid_for_strict_readers(campaign: Store, tmp_path: Path) -> None:
    export(campaign, "ics", tmp_path / "interviews.ics")
    raw = (tmp_path / "interviews.ics").read_bytes()
    calendar = Calendar.from_ical(raw)
    assert str(calendar["version"]) == "2.0" and str(calendar["prodid"])
    for event in calendar.walk("VEVENT"):
        assert event["uid"] and event["dtstamp"] and "SEQUENCE" in event
        assert event.decoded("dtstamp").utcoffset() == timedelta(0)  # DTSTAMP is in UTC
    parsed = vobject.readOne(raw.decode("utf-8"), validate=True)
    assert len(parsed.vevent_list) == 7
    alex = next(e for e in parsed.vevent_list if e.summary.value == "Informational interview with Alex Example")
    # vobject resolves the TZID through the VTIMEZONE written beside it: the same instant.
    assert alex.dtstart.value.astimezone(UTC) == datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    assert all(line.endswith(b"\r") or not line for line in raw.split(b"\n"))


def test_uids_are_stable_so_a_calendar_updates_instead_of_doubling(campaign: Store, tmp_path: Path) -> None:
    export(campaign, "ics", tmp_path / "first.ics")
    alex = next(c for c in campaign.contacts() if c.name == "Alex Example")
    (interview,) = campaign.interviews(alex.id)
    conversations.move(campaign, interview.id, "2026-12-01 16:00")  # an hour later
    export(campaign, "ics", tmp_path / "second.ics")
    first, second = _events(tmp_path / "first.ics"), _events(tmp_path / "second.ics")
    assert first.keys() == second.keys()
    uid = f"interview-{interview.id}.{campaign.workspace_id}@interview-tui"
    assert second[uid].decoded("dtstart") == datetime(2026, 12, 1, 16, 0, tzinfo=BERLIN)
    # A calendar keeps the event it has unless the sequence says this one is newer.
    assert second[uid].decoded("sequence") > first[uid].decoded("sequence")


def test_two_workspaces_never_share_a_uid(campaign: Store, other_store: Store, tmp_path: Path) -> None:
    # Ids start at 1 in every workspace: the same ids here and there, different events.
    casey = other_store.add_contact(Contact(name="Casey Example"))
    workflow.schedule_interview(other_store, casey.id, "2026-12-01 15:00")
    workflow.add_followup(other_store, casey.id, "2026-12-10")
    export(campaign, "ics", tmp_path / "one.ics")
    export(other_store, "ics", tmp_path / "two.ics")
    one, two = _events(tmp_path / "one.ics"), _events(tmp_path / "two.ics")
    assert not one.keys() & two.keys()
    assert {uid.split(".")[0] for uid in two} <= {uid.split(".")[0] for uid in one}  # same ids, all the same


def test_a_repeating_follow_up_is_one_calendar_item_for_its_whole_life(store: Store, tmp_path: Path) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    first = workflow.add_followup(store, sam.id, "2026-11-26", kind=FollowUpKind.CHECK_IN, repeat="every 2 weeks")
    export(store, "ics", tmp_path / "before.ics")
    (before,) = _events(tmp_path / "before.ics").values()
    assert before.decoded("dtstart") == date(2026, 11, 26)
    assert "RRULE" not in before  # the next date counts from the day it is done: no rule says that
    assert "every 2 weeks, counted from the day it is done" in str(before["description"])

    workflow.complete_followup(store, first.id, at=datetime(2026, 11, 27, 12, 0))  # a day late
    export(store, "ics", tmp_path / "after.ics")
    (after,) = _events(tmp_path / "after.ics").values()
    assert str(after["uid"]) == str(before["uid"])
    assert after.decoded("dtstart") == date(2026, 12, 11)  # two weeks after it was done
    assert "STATUS" not in after
    assert after.decoded("sequence") > before.decoded("sequence")

    (following,) = store.followups()
    workflow.complete_followup(store, following.id, at=datetime(2026, 12, 11, 9, 0))
    export(store, "ics", tmp_path / "third.ics")
    (third,) = _events(tmp_path / "third.ics").values()
    assert str(third["uid"]) == str(before["uid"]) and third.decoded("dtstart") == date(2026, 12, 25)


def test_snoozing_a_follow_up_raises_its_sequence(store: Store, tmp_path: Path) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    followup = workflow.add_followup(store, sam.id, "2026-11-30")
    export(store, "ics", tmp_path / "a.ics")
    queue.snooze(store, store.followup(followup.id), "2026-12-03")
    export(store, "ics", tmp_path / "b.ics")
    (a,), (b,) = _events(tmp_path / "a.ics").values(), _events(tmp_path / "b.ics").values()
    assert b.decoded("dtstart") == date(2026, 12, 3)
    assert b.decoded("sequence") > a.decoded("sequence")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=24 * 60 - 1), min_size=1, max_size=6))
def test_sequence_rises_with_every_move_even_within_one_second(
    store: Store, tmp_path: Path, minutes: list[int]
) -> None:
    alex = store.add_contact(Contact(name=f"Alex Example {len(store.contacts())}"))
    interview = workflow.schedule_interview(store, alex.id, "2026-12-01 15:00")
    path = tmp_path / "seq.ics"

    def sequence() -> int:
        export(store, "ics", path)
        uid = f"interview-{interview.id}.{store.workspace_id}@interview-tui"
        return _events(path)[uid].decoded("sequence")

    seen = sequence()
    current = datetime(2026, 12, 1, 15, 0)
    for minute in minutes:
        wanted = datetime(2026, 12, 2) + timedelta(minutes=minute)
        if wanted == current:
            continue
        conversations.move(store, interview.id, f"{wanted:%Y-%m-%d %H:%M}")  # the clock stands still
        current = wanted
        now = sequence()
        assert now > seen
        seen = now


def test_the_filter_keeps_the_calendar_to_some_contacts(campaign: Store, tmp_path: Path) -> None:
    result = export(campaign, "ics", tmp_path / "f.ics", query="#fintech")
    assert "0 planned conversations and 1 open follow-up" in result.message
    summaries = sorted(str(e["summary"]) for e in _events(tmp_path / "f.ics").values())
    assert summaries == [
        "Cancelled: Informational interview with Jordan Demo",
        "Informational interview with Jordan Demo (held)",
        "Thank-you note to Jordan Demo",
    ]


def test_cancelled_in_the_old_style_of_this_test_still_reads(campaign: Store, tmp_path: Path) -> None:
    # A conversation cancelled by setting its status (as a hand edit or an older build did) is
    # exported as cancelled too: the status is what counts.
    jordan = next(c for c in campaign.contacts() if c.name == "Jordan Demo")
    planned = workflow.schedule_interview(campaign, jordan.id, "2026-12-06 11:00")
    planned.status = InterviewStatus.CANCELLED
    campaign.update_interview(planned)
    export(campaign, "ics", tmp_path / "c.ics")
    uid = f"interview-{planned.id}.{campaign.workspace_id}@interview-tui"
    assert str(_events(tmp_path / "c.ics")[uid]["status"]) == "CANCELLED"


def test_a_conversation_held_at_another_time_within_the_second_still_raises_its_sequence(tmp_path) -> None:
    from datetime import datetime

    from interview_tui.core import workflow
    from interview_tui.core.models import Contact
    from interview_tui.core.store import Store
    from interview_tui.formats.ical import interview_sequence

    now = datetime(2026, 11, 25, 10, 0)
    with Store.open(tmp_path / "w.json", clock=lambda: now) as store:
        ann = store.add_contact(Contact(name="Ann Example"))
        planned = workflow.schedule_interview(store, ann.id, "2026-11-25 09:00")
        before = interview_sequence(store.interview(planned.id))
        workflow.mark_done(store, planned.id, at=datetime(2026, 11, 25, 8, 0))  # the same second
        assert interview_sequence(store.interview(planned.id)) > before
