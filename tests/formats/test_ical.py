"""The calendar export, read back by icalendar (and by vobject, a second strict reader)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from interview_tui.core import workflow
from interview_tui.core.models import Contact, FollowUpKind, InterviewStatus
from interview_tui.core.store import Store
from interview_tui.formats import export


@pytest.fixture
def campaign(store: Store) -> Store:
    alex = store.add_contact(Contact(name="Alex Example", company="Northwind Labs", email="alex@example.org"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    jordan = store.add_contact(Contact(name="Jordan Demo", tags=["fintech"]))
    workflow.schedule_interview(store, alex.id, "2026-12-01 15:00", minutes=30, where="https://meet.example/alex")
    workflow.schedule_interview(store, sam.id, "2026-12-02 09:30")  # 20 minutes by default
    held = workflow.schedule_interview(store, jordan.id, "2026-11-20 11:00")
    workflow.mark_done(store, held.id)  # held: not on the calendar; its thank-you is
    cancelled = workflow.schedule_interview(store, jordan.id, "2026-12-05 11:00")
    cancelled.status = InterviewStatus.CANCELLED
    store.update_interview(cancelled)
    workflow.add_followup(store, sam.id, "2026-12-10", kind=FollowUpKind.CHECK_IN, note="Send the article")
    done = workflow.add_followup(store, alex.id, "2026-12-11")
    workflow.complete_followup(store, done.id)
    return store


def _events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_planned_conversations_with_their_length_and_a_reminder(campaign: Store, tmp_path: Path) -> None:
    result = export(campaign, "ics", tmp_path / "interviews.ics")
    assert result.message == (
        f"Wrote 2 planned conversations and 2 open follow-ups to {tmp_path / 'interviews.ics'} (iCalendar)."
    )
    events = _events(tmp_path / "interviews.ics")
    alex = next(e for e in events.values() if "Alex Example" in str(e["summary"]))
    assert alex.decoded("dtstart") == datetime(2026, 12, 1, 15, 0)
    assert alex.decoded("dtend") - alex.decoded("dtstart") == timedelta(minutes=30)
    assert str(alex["location"]) == "https://meet.example/alex"
    (alarm,) = alex.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-15)
    assert str(alarm["action"]) == "DISPLAY"
    sam = next(e for e in events.values() if str(e["summary"]) == "Informational interview with Sam Sample")
    assert sam.decoded("dtend") - sam.decoded("dtstart") == timedelta(minutes=20)


def test_open_follow_ups_are_all_day_events(campaign: Store, tmp_path: Path) -> None:
    export(campaign, "ics", tmp_path / "interviews.ics")
    events = _events(tmp_path / "interviews.ics")
    day_events = [e for e in events.values() if str(e["uid"]).startswith("followup-")]
    summaries = sorted(str(e["summary"]) for e in day_events)
    assert summaries == ["Check in with Sam Sample", "Thank-you note to Jordan Demo"]
    check_in = next(e for e in day_events if str(e["summary"]) == "Check in with Sam Sample")
    assert check_in.decoded("dtstart") == date(2026, 12, 10)
    assert check_in.decoded("dtend") == date(2026, 12, 11)
    assert "Send the article" in str(check_in["description"])
    # Held and cancelled conversations and done follow-ups are not on the calendar.
    assert len(events) == 4


def test_valid_for_strict_readers(campaign: Store, tmp_path: Path) -> None:
    export(campaign, "ics", tmp_path / "interviews.ics")
    raw = (tmp_path / "interviews.ics").read_bytes()
    calendar = Calendar.from_ical(raw)
    assert str(calendar["version"]) == "2.0" and str(calendar["prodid"])
    for event in calendar.walk("VEVENT"):
        assert event["uid"] and event["dtstamp"]
        assert event.decoded("dtstamp").utcoffset() == timedelta(0)  # DTSTAMP is in UTC
    parsed = vobject.readOne(raw.decode("utf-8"), validate=True)
    assert len(parsed.vevent_list) == 4
    assert all(line.endswith(b"\r") or not line for line in raw.split(b"\n"))


def test_uids_are_stable_so_a_calendar_updates_instead_of_doubling(campaign: Store, tmp_path: Path) -> None:
    export(campaign, "ics", tmp_path / "first.ics")
    interview = next(i for c in campaign.contacts() for i in campaign.interviews(c.id) if c.name == "Alex Example")
    interview.when = datetime(2026, 12, 1, 16, 0)  # moved an hour later
    campaign.update_interview(interview)
    export(campaign, "ics", tmp_path / "second.ics")
    first, second = _events(tmp_path / "first.ics"), _events(tmp_path / "second.ics")
    assert first.keys() == second.keys()
    uid = f"interview-{interview.id}@interview-tui"
    assert second[uid].decoded("dtstart") == datetime(2026, 12, 1, 16, 0)


def test_the_filter_keeps_the_calendar_to_some_contacts(campaign: Store, tmp_path: Path) -> None:
    result = export(campaign, "ics", tmp_path / "f.ics", query="#fintech")
    assert "0 planned conversations and 1 open follow-up" in result.message
    assert [str(e["summary"]) for e in _events(tmp_path / "f.ics").values()] == ["Thank-you note to Jordan Demo"]
