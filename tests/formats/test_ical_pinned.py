"""iCalendar export pinned: what the calendar says about itself, each conversation's end in its own
zone, when it last changed and when a follow-up was made (in UTC), the address on a handwritten
thank-you, which follow-ups say they repeat and how, the sequence numbers at their boundaries,
which follow-up of a series is exported, that a follow-up or conversation of a contact left out
never takes the ones after it, that the file does not depend on the order the records come in,
and the years the zone's rules cover."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Interview, InterviewStatus
from interview_tui.formats.ical import (
    RECENT,
    exported_followups,
    exported_interviews,
    followup_sequence,
    interview_sequence,
    write_calendar,
)

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00 (CET, 09:00 UTC)."""
BERLIN = ZoneInfo("Europe/Berlin")
ALEX = Contact(name="Alex Example", id=1, company="Northwind Labs", address="12 Sample Street\nSpringfield")
SAM = Contact(name="Sam Sample", id=2)
CONTACTS = {1: ALEX, 2: SAM}

pytestmark = pytest.mark.usefixtures("berlin")  # stored times are local: the machine's zone, fixed


def calendar(
    interviews: Iterable[Interview] = (),
    followups: Iterable[FollowUp] = (),
    *,
    contacts: dict[int, Contact] | None = None,
    zone: ZoneInfo | None = BERLIN,
    now: datetime = NOW,
) -> bytes:
    return write_calendar(interviews, followups, CONTACTS if contacts is None else contacts,
                          now=now, workspace_id="w", zone=zone)  # fmt: skip


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def description(followup: FollowUp, contact: Contact = ALEX) -> str:
    (event,) = events(calendar(followups=[followup], contacts={contact.id: contact}))
    return str(event.get("description", ""))


def test_the_calendar_says_who_made_it_and_in_which_calendar_system() -> None:
    made = Calendar.from_ical(calendar())
    assert str(made["prodid"]) == "-//interview-tui//interview-tui//EN"
    assert str(made["version"]) == "2.0"
    assert str(made["calscale"]) == "GREGORIAN"
    assert str(made["x-wr-calname"]) == "Informational interviews"


@pytest.mark.parametrize(
    ("zone", "start", "end"),
    [
        (BERLIN, b"DTSTART;TZID=Europe/Berlin:20261201T150000", b"DTEND;TZID=Europe/Berlin:20261201T154500"),
        (None, b"DTSTART:20261201T140000Z", b"DTEND:20261201T144500Z"),
    ],
)
def test_a_conversation_ends_in_the_zone_it_starts_in(zone: ZoneInfo | None, start: bytes, end: bytes) -> None:
    data = calendar([Interview(contact_id=1, id=1, when=datetime(2026, 12, 1, 15, 0), minutes=45)], zone=zone)
    assert start in data and end in data


def test_changes_and_creation_are_stamped_in_utc() -> None:
    changed = Interview(contact_id=1, id=1, when=datetime(2026, 12, 1, 15, 0), updated=datetime(2026, 11, 20, 9, 30))
    never = Interview(contact_id=2, id=2, when=datetime(2026, 12, 2, 15, 0))
    made = FollowUp(contact_id=1, id=1, due=datetime(2026, 12, 3), created=datetime(2026, 7, 1, 12, 0))
    unknown = FollowUp(contact_id=2, id=2, due=datetime(2026, 12, 4))
    data = calendar([changed, never], [made, unknown])
    by_summary = {str(e["summary"]): e for e in events(data)}
    assert (
        by_summary["Informational interview with Alex Example"].to_ical().count(b"LAST-MODIFIED:20261120T083000Z") == 1
    )
    assert "LAST-MODIFIED" not in by_summary["Informational interview with Sam Sample"]
    assert by_summary["Follow up with Alex Example"].to_ical().count(b"CREATED:20260701T100000Z") == 1  # summer time
    assert "CREATED" not in by_summary["Follow up with Sam Sample"]
    assert data.count(b"DTSTAMP:20261125T090000Z") == 4


@pytest.mark.parametrize(
    ("kind", "channel", "contact", "shows_address"),
    [
        (FollowUpKind.THANK_YOU, "handwritten", ALEX, True),
        (FollowUpKind.THANK_YOU, "email", ALEX, False),
        (FollowUpKind.CUSTOM, "handwritten", ALEX, False),
        (FollowUpKind.THANK_YOU, "handwritten", SAM, False),  # no address to write on it
    ],
)
def test_a_handwritten_thank_you_carries_the_address_to_write_on_the_envelope(
    kind: FollowUpKind, channel: str, contact: Contact, shows_address: bool
) -> None:
    followup = FollowUp(contact_id=contact.id, id=1, due=datetime(2026, 12, 1), kind=kind, channel=channel)
    text = description(followup, contact)
    assert ("Address:\n12 Sample Street\nSpringfield" in text) is shows_address
    assert ("Address" in text) is shows_address


@pytest.mark.parametrize(
    ("rule", "done", "said"),
    [
        ("", False, None),
        ("FREQ=WEEKLY;INTERVAL=2", False,
         "Repeats every 2 weeks, counted from the day it is done: this event moves to the next date then."),
        ("FREQ=MONTHLY", False, "Repeats monthly, counted from the day it is done: this event moves to the next date then."),
        # A rule only a hand edit could store has no words: the description still says it repeats.
        ("FREQ=YEARLY;BYWEEKNO=20", False, "Repeats; this event moves to the next date when this one is done."),
        # A rule of set days is said in words, and comes back on the next of them.
        ("FREQ=WEEKLY;BYDAY=MO", False, "Repeats every Monday: this event moves to the next of those days when this one is done."),
        ("FREQ=WEEKLY;INTERVAL=2", True, None),  # done: the next one is its own event
    ],
)  # fmt: skip
def test_only_an_open_repeating_follow_up_says_it_repeats_and_how(rule: str, done: bool, said: str | None) -> None:
    followup = FollowUp(contact_id=1, id=1, due=datetime(2026, 12, 1), note="Send the article", recurrence=rule,
                        done_at=NOW if done else None)  # fmt: skip
    lines = description(followup).split("\n")
    assert lines[:2] == ["Send the article", "Northwind Labs"]
    assert lines[2:] == ([said] if said else [])


EPOCH = datetime(2020, 1, 1)


@pytest.mark.parametrize(
    ("updated", "expected"),
    [
        (None, 3),  # never stamped: the moves alone
        (EPOCH - timedelta(seconds=1), 3),  # a change stamped before 2020 counts as none
        (EPOCH, 3),
        (EPOCH + timedelta(seconds=1), 4),
        (EPOCH + timedelta(days=1), 86_403),
    ],
)
def test_a_conversations_sequence_counts_seconds_from_2020_and_its_moves(
    updated: datetime | None, expected: int
) -> None:
    interview = Interview(contact_id=1, when=datetime(2026, 12, 1, 15, 0), updated=updated, sequence=3)
    assert interview_sequence(interview) == expected


@pytest.mark.parametrize(("done_at", "expected"), [(None, 3), (NOW, 4)])
def test_a_follow_ups_sequence_counts_its_moves_and_one_for_being_done(done_at: datetime | None, expected: int) -> None:
    followup = FollowUp(contact_id=1, due=datetime(2026, 12, 1), done_at=done_at, sequence=3)
    assert followup_sequence(followup) == expected
    (event,) = events(calendar(followups=[followup]))
    assert event.decoded("sequence") == expected


def test_of_a_series_the_first_open_follow_up_is_exported_by_date_then_by_id() -> None:
    day = datetime(2026, 12, 1)
    later = FollowUp(contact_id=1, id=9, series=5, due=day + timedelta(days=1))
    newer = FollowUp(contact_id=1, id=7, series=5, due=day)
    older = FollowUp(contact_id=1, id=6, series=5, due=day)
    done = FollowUp(contact_id=1, id=5, due=day - timedelta(days=7), done_at=day - timedelta(days=7))
    for order in ([later, newer, older, done], [done, older, newer, later]):
        assert exported_followups(order, NOW) == [older]


def test_of_a_series_all_done_the_one_done_last_is_exported_while_recent() -> None:
    # Done early, before its date, the later one was done before the earlier one.
    last_done = FollowUp(contact_id=1, id=5, due=datetime(2026, 11, 1), done_at=datetime(2026, 12, 20))
    done_early = FollowUp(contact_id=1, id=6, series=5, due=datetime(2026, 12, 10), done_at=datetime(2026, 10, 1))
    now = datetime(2026, 12, 25)
    assert exported_followups([last_done, done_early], now) == [last_done]
    assert exported_followups([done_early, last_done], now) == [last_done]


@pytest.mark.parametrize(("after", "exported"), [(RECENT, True), (RECENT + timedelta(seconds=1), False)])
def test_what_left_the_calendar_is_written_for_thirty_days_and_no_longer(after: timedelta, exported: bool) -> None:
    done = FollowUp(contact_id=1, id=1, due=NOW, done_at=NOW)
    cancelled = Interview(
        contact_id=1, id=1, when=NOW - timedelta(days=90), status=InterviewStatus.CANCELLED, updated=NOW
    )
    held = Interview(contact_id=1, id=2, when=NOW, status=InterviewStatus.DONE)
    assert exported_followups([done], NOW + after) == ([done] if exported else [])
    assert exported_interviews([cancelled, held], NOW + after) == ([cancelled, held] if exported else [])


def test_a_follow_up_or_conversation_of_a_contact_left_out_never_takes_the_later_ones_with_it() -> None:
    # The export's filter hands over only the contacts it keeps: the first records here are of one it left out.
    interviews = [Interview(contact_id=3, id=1, when=datetime(2026, 12, 1, 9, 0)),
                  Interview(contact_id=2, id=2, when=datetime(2026, 12, 2, 9, 0))]  # fmt: skip
    followups = [
        FollowUp(contact_id=3, id=1, due=datetime(2026, 12, 1)),
        FollowUp(contact_id=2, id=2, due=datetime(2026, 12, 2)),
    ]
    summaries = [str(e["summary"]) for e in events(calendar(interviews, followups))]
    assert summaries == ["Informational interview with Sam Sample", "Follow up with Sam Sample"]


def _records() -> tuple[list[Interview], list[FollowUp]]:
    day = datetime(2026, 12, 1, 15, 0)
    interviews = [Interview(contact_id=c, id=i, when=day) for i, c in ((1, 1), (2, 2), (3, 1))]
    interviews.append(Interview(contact_id=2, id=4, when=day - timedelta(days=1)))
    followups = [FollowUp(contact_id=c, id=i, due=day) for i, c in ((1, 2), (2, 1), (3, 2))]
    followups.append(FollowUp(contact_id=1, id=4, due=day - timedelta(days=1)))
    return interviews, followups


INTERVIEWS, FOLLOWUPS = _records()


@settings(max_examples=30, deadline=None)
@given(st.permutations(INTERVIEWS), st.permutations(FOLLOWUPS))
def test_the_file_is_the_same_whatever_order_the_records_come_in(interviews: list, followups: list) -> None:
    assert calendar(interviews, followups) == calendar(INTERVIEWS, FOLLOWUPS)
    uids = [str(e["uid"]) for e in events(calendar(interviews, followups))]
    assert uids == [f"interview-{i}.w@interview-tui" for i in (4, 1, 2, 3)] + [
        f"followup-{i}.w@interview-tui" for i in (4, 1, 2, 3)
    ]


def _onsets(data: bytes) -> list[datetime]:
    """Every change of offset the file's zone lists, as local wall-clock times."""
    (zone,) = Calendar.from_ical(data).walk("VTIMEZONE")
    onsets = []
    for rule in zone.subcomponents:
        onsets.append(rule.decoded("dtstart").replace(tzinfo=None))
        rdates = rule.get("rdate", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            onsets += [d.dt.replace(tzinfo=None) for d in rdate.dts]
    return sorted(onsets)


@pytest.mark.parametrize(
    ("zone", "years"),
    [
        ("Europe/Berlin", (2026,)),
        ("Europe/Berlin", (2026, 2027)),
        # Fiji's summer time ended in January (on 12 January 2020): a change just after the
        # span, and left out of it.
        ("Pacific/Fiji", (2017, 2018)),
    ],
)
def test_the_zone_is_written_from_the_year_before_the_first_conversation_to_two_years_after_the_last(
    zone: str, years: tuple[int, ...]
) -> None:
    interviews = [Interview(contact_id=1, id=n, when=datetime(year, 6, 1, 15, 0)) for n, year in enumerate(years, 1)]
    onsets = _onsets(calendar(interviews, zone=ZoneInfo(zone)))
    assert onsets[0] == datetime(years[0] - 1, 1, 1)
    assert onsets[-1] < datetime(years[-1] + 2, 1, 1)
    assert onsets[-1].year == years[-1] + 1  # the zone's rules reach past the last conversation


def test_no_zone_is_written_without_a_conversation_or_without_a_named_zone() -> None:
    followup = FollowUp(contact_id=1, id=1, due=datetime(2026, 12, 1))
    assert b"VTIMEZONE" not in calendar(followups=[followup])
    assert b"VTIMEZONE" not in calendar([Interview(contact_id=1, id=1, when=datetime(2026, 12, 1, 15, 0))], zone=None)


def test_a_conversations_description_and_reminder_say_who_and_how_to_reach_them() -> None:
    reachable = Contact(name="Alex Example", id=1, company="Northwind Labs", role="Researcher",
                        email="alex@example.org", phone="+1 555 0100")  # fmt: skip
    planned = Interview(contact_id=1, id=1, when=datetime(2026, 12, 1, 15, 0), minutes=30, where="Café Sample")
    (event,) = events(calendar([planned], contacts={1: reachable}))
    assert str(event["description"]).split("\n") == [
        "Researcher, Northwind Labs",
        "30 minutes, video",
        "Where: Café Sample",
        "Email: alex@example.org",
        "Phone: +1 555 0100",
    ]
    (alarm,) = event.walk("VALARM")
    assert str(alarm["description"]) == "Informational interview with Alex Example"


def test_a_follow_up_leaves_its_day_free() -> None:
    assert b"TRANSP:TRANSPARENT\r\n" in calendar(followups=[FollowUp(contact_id=1, id=1, due=datetime(2026, 12, 1))])


def test_without_a_workspace_id_the_uids_are_the_records_alone() -> None:
    data = write_calendar([Interview(contact_id=1, id=4, when=datetime(2026, 12, 1, 15, 0))],
                          [FollowUp(contact_id=1, id=7, due=datetime(2026, 12, 1))], CONTACTS, now=NOW, zone=BERLIN)  # fmt: skip
    assert [str(e["uid"]) for e in events(data)] == ["interview-4@interview-tui", "followup-7@interview-tui"]


def test_of_a_series_done_twice_at_the_same_moment_the_later_record_is_exported() -> None:
    first = FollowUp(contact_id=1, id=5, due=datetime(2026, 11, 20), done_at=NOW)
    second = FollowUp(contact_id=1, id=6, series=5, due=datetime(2026, 11, 21), done_at=NOW)
    assert exported_followups([first, second], NOW) == [second]
    assert exported_followups([second, first], NOW) == [second]
