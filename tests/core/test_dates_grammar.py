"""The date grammar as people write dates: every phrase is read as meant, or refused saying which
part could not be read. Tables pin each alias and each side of every boundary; hypothesis builds
phrases from the grammar and checks them against a small independent oracle."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from interview_tui.core.dates import (
    _UNITS,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    DateParseError,
    describe,
    describe_slot,
    parse_slot,
    parse_when,
)

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00."""


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute)


# The phrases of the issue, each with the date a person means -------------------------------------

PHRASES = [
    # Read wrong before: a weekday with a dotted time, a day number that is no day.
    ("thursday 10.30", at(26, 10, 30)),
    ("thursday 14.30", at(26, 14, 30)),
    ("next week", at(30)),  # Monday of next week, at the start of the working day
    ("next month", at(1, month=12)),
    ("end of month", at(30)),
    ("end of the month", at(30)),
    ("end of next month", at(31, month=12)),
    ("end of week", at(27)),  # the coming Friday
    ("end of the week", at(27)),
    ("tomorrow morning", at(26, 9)),
    ("tomorrow afternoon", at(26, 14)),
    ("monday afternoon", at(30, 14)),
    ("fri afternoon", at(27, 14)),
    ("this evening", at(25, 19)),
    ("this morning", at(25, 9)),
    ("tonight", at(25, 19)),
    ("tomorrow evening", at(26, 19)),
    ("tomorrow night", at(26, 19)),
    ("last night", at(24, 19)),
    ("noon", at(25, 12)),
    ("midnight", at(25, 0)),
    ("2 hours from now", at(25, 12)),
    ("in two weeks", at(9, month=12)),
    ("in seven days", at(2, month=12)),
    ("a week from today", at(2, month=12)),
    ("a week from tomorrow", at(3, month=12)),
    ("a week from fri", at(4, month=12)),
    ("in a couple of days", at(27)),
    ("a couple of weeks from now", at(9, month=12)),
    ("in a fortnight", at(9, month=12)),
    ("in half an hour", at(25, 10, 30)),
    ("3 days ago", at(22)),
    ("a week ago", at(18)),
    ("yesterday 3pm", at(24, 15)),
    ("last tue", at(24)),
    ("last wed", at(18)),  # today is a Wednesday: the one before
    ("last week", at(16)),
    ("last month", at(1, month=10)),
    ("the 3rd", at(3, month=12)),
    ("on the 15th", at(15, month=12)),
    ("the 25th", at(25)),  # today is the 25th: today
    ("the 31st", at(31, month=12)),  # November has no 31st
    ("3rd", at(3, month=12)),
    ("the 3rd of december", at(3, month=12)),
    ("wed 2-2:30pm", at(2, 14, month=12)),
    ("tuesday at 3", at(1, 15, month=12)),
    ("tue 3:30", at(1, 15, 30, month=12)),
    ("14h30", at(25, 14, 30)),
    ("3 p.m.", at(25, 15)),
    ("3 o'clock", at(25, 15)),
    ("the day after tomorrow", at(27)),
    ("day before yesterday", at(23)),
    ("fri next week", at(4, month=12)),
    ("next week fri", at(4, month=12)),
    ("tue this week", at(24)),
    ("mon last week", at(16)),
    ("tomorrow evening at 8", at(26, 20)),
    ("tomorrow morning at 7", at(26, 7)),
    ("tonight at 11", at(25, 23)),
    ("by fri", at(27)),
    ("Tue, Dec 1", at(1, month=12)),
    ("dec 3rd 2027", at(3, month=12, year=2027)),
    ("3-dec-2026", at(3, month=12)),
    ("3.12.2026", at(3, month=12)),
    ("25/12", at(25, month=12)),
    ("03/04/27", at(4, month=3, year=2027)),
    ("2026-12-03T14:00", at(3, 14, month=12)),
]


@pytest.mark.parametrize(("text", "expected"), PHRASES)
def test_phrases_read_as_meant(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


REFUSED = [
    # (text, a part of the message that says what could not be read)
    ("thursday 10.75", "'10.75'"),
    ("32 Dec", "32 is not a day of December"),
    ("Dec 32", "32 is not a day of December"),
    ("3/45", "no day 45"),
    ("31 nov", "November 2026 has no day 31"),
    ("feb 29", "February 2026 has no day 29"),
    ("dec 2027", "2027 is not a day"),
    ("dec", "needs a day"),
    ("the 32nd", "no month has a day 32"),
    ("the 0th", "no month has a day 0"),
    ("this week", "needs a day"),
    ("this month", "not one day"),
    ("in a few days", "'few' is not a number"),
    ("in a bit", "'bit' is not a number"),
    ("in 3 fortnights of", "'of'"),
    ("next tue 3pm soon", "'soon'"),  # one unknown word refuses the whole text
    ("tomorrow please", "'please'"),
    ("morning 3pm", "'3pm' is not in the morning"),
    ("tonight 3pm", "'3pm' is not in the evening"),
    ("afternoon at 9", "is not in the afternoon"),
    ("morning evening", "two parts of the day"),
    ("Mon, Dec 1", "Tue 1 Dec 2026 is a Tuesday"),
    ("tue 3rd", "is a Thursday"),
    ("tue wed", "two days"),
    ("next tue next week", "two days"),
    ("tomorrow 3 dec", "two days"),
    ("3pm-2pm", "ends before it starts"),
    ("1-12", "ends before it starts"),
    ("12-03", "is not a range of times"),
    ("tue 3", "could be a time or a day"),
    ("at", "'at' needs a time"),
    ("at tomorrow", "'at' needs a time"),
    ("at 24", "'at 24' is not a time of day"),
    ("+01:00", "needs a time before it"),
    ("2026", "'2026' is not a date"),
    ("0000-01-01", "0 is not a year"),
    ("2026-13-01", "no month 13"),
]


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_refused_naming_the_part(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when(text, NOW)
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message


# Ranges: the start, and the length of the conversation -----------------------------------------

SLOTS = [
    ("wed 2-2:30pm", at(2, 14, month=12), 30),
    ("14:00-14:20", at(25, 14), 20),
    ("mon 2pm-3pm", at(30, 14), 60),
    ("mon 2pm - 3pm", at(30, 14), 60),
    ("mon 2 to 3pm", at(30, 14), 60),
    ("2 to 3 pm mon", at(30, 14), 60),  # the day after a range whose "pm" stands apart is read too
    ("2–2:30pm", at(25, 14), 30),  # an en dash
    ("8-9pm", at(25, 20), 60),  # the start shares the end's pm
    ("11-1pm", at(25, 11), 120),  # 11pm to 1pm would end before it starts
    ("10-11am", at(25, 10), 60),
    ("2pm-3", at(25, 14), 60),
    ("11am-1", at(25, 11), 120),
    ("9-5", at(25, 9), 480),
    ("7-8", at(25, 19), 60),
    ("12-1", at(25, 12), 60),
    ("10:30-11", at(25, 10, 30), 30),
    ("evening 8-9", at(25, 20), 60),  # the part of the day settles bare hours
    ("at 3 - 4pm", at(25, 15), 60),
    ("tomorrow 3pm", at(26, 15), None),
    # A range from a word for a time, as one to it ("11am to noon") is read.
    ("noon-1", at(25, 12), 60),
    ("noon to 1", at(25, 12), 60),
    ("noon - 1pm", at(25, 12), 60),
    ("at noon to 1:30pm", at(25, 12), 90),
    ("midday-1", at(25, 12), 60),
    ("fri midnight-1am", at(27, 0), 60),
    ("tomorrow midnight to 1am", at(26, 0), 60),
    # An am or pm apart from its hour, and spaces around the dash, as people type them.
    ("mon 3 pm to 4 pm", at(30, 15), 60),
    ("3 pm - 4 pm", at(25, 15), 60),
    ("3 - 4 pm", at(25, 15), 60),
    ("10 am-11 am", at(25, 10), 60),
    ("2:30 pm to 3 pm", at(25, 14, 30), 30),
    ("3 pm-4pm", at(25, 15), 60),
    ("3pm-4 pm", at(25, 15), 60),
    ("3-4 pm", at(25, 15), 60),
    ("2 - 2:30 pm", at(25, 14), 30),
    ("3 p.m. to 4 p.m.", at(25, 15), 60),
    ("at 3 pm-4 pm", at(25, 15), 60),
    ("at 3 pm-4pm", at(25, 15), 60),
    ("11 am to noon", at(25, 11), 60),
    ("noon to 1 pm", at(25, 12), 60),
    ("11 pm to midnight", at(25, 23), 60),
    ("10 am-11 am fri", at(27, 10), 60),
    # Times written with an h, with or without spaces around the dash.
    ("14h30-15h00", at(25, 14, 30), 30),
    ("14h30 - 15h00", at(25, 14, 30), 30),
    ("14h-15h", at(25, 14), 60),
    ("14h - 15h", at(25, 14), 60),
    ("9h30-10h", at(25, 9, 30), 30),
    ("9h30 - 10h", at(25, 9, 30), 30),
    ("fri 14h to 15h30", at(27, 14), 90),
    ("at 14h-15h", at(25, 14), 60),
]


@pytest.mark.parametrize(("text", "start", "minutes"), SLOTS)
def test_slots(text: str, start: datetime, minutes: int | None) -> None:
    assert parse_slot(text, NOW) == (start, minutes)
    assert parse_when(text, NOW) == start


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2:30-2pm", "'2:30-2pm' ends before it starts (2:30 alone is 2:30pm); did you mean '2-2:30pm'?"),
        ("wed 2:30 to 2pm", "'2:30 to 2pm' ends before it starts (2:30 alone is 2:30pm); did you mean '2-2:30pm'?"),
        ("5-4pm", "'5-4pm' ends before it starts (5 alone is 5pm); did you mean '4-5pm'?"),
        ("11-10am", "'11-10am' ends before it starts (11 alone is 11am); did you mean '10-11am'?"),
        ("3-2am", "'3-2am' ends before it starts; did you mean '2-3am'?"),
        ("3pm-2pm", "'3pm-2pm' ends before it starts; did you mean '2pm-3pm'?"),
        ("1pm-noon", "'1pm-noon' ends before it starts; did you mean 'noon-1pm'?"),
        # Typed with spaces, the range offered is written without them.
        ("2:30 pm-2 pm", "'2:30 pm-2 pm' ends before it starts; did you mean '2pm-2:30pm'?"),
        ("wed 2:30 - 2 pm", "'2:30 - 2 pm' ends before it starts (2:30 alone is 2:30pm); did you mean '2-2:30pm'?"),
        ("3 pm to 2 pm", "'3 pm to 2 pm' ends before it starts; did you mean '2pm-3pm'?"),
    ],
)
def test_a_range_typed_back_to_front_is_said_so_with_the_range_likely_meant(text: str, message: str) -> None:
    """Not read as a range from the small hours ('2:30-2pm' as 02:30 to 14:00, 690 minutes): a
    start that the bare-hour rule reads in the end's half of the day stays there."""
    with pytest.raises(DateParseError) as refused:
        parse_slot(text, NOW, ahead=True)
    assert str(refused.value) == f"Could not read '{text}': {message}"


@pytest.mark.parametrize(
    ("text", "read_as", "offered", "start", "minutes"),
    [
        ("tue 9-8pm", "'9-8pm' is 9am to 8pm", "8-9pm", at(25, 20), 60),
        ("8-7pm", "'8-7pm' is 8am to 7pm", "7-8pm", at(25, 19), 60),
        ("11 - 10 pm", "'11 - 10 pm' is 11am to 10pm", "10-11pm", at(25, 22), 60),
        ("9:30-8pm", "'9:30-8pm' is 9:30am to 8pm", "8-9:30pm", at(25, 20), 90),
        ("9-7:01pm", "'9-7:01pm' is 9am to 7:01pm", "7:01-9pm", at(25, 19, 1), 119),  # 601 minutes
    ],
)
def test_a_range_typed_back_to_front_read_longer_than_a_conversation_offers_it_the_other_way_round(
    text: str, read_as: str, offered: str, start: datetime, minutes: int
) -> None:
    """"5-4pm" is back to front because 5 alone is 5pm; "9-8pm" is as much, but 9 alone is 9am,
    and 9am to 8pm is no conversation anyone books."""
    with pytest.raises(DateParseError) as refused:
        parse_slot(text, NOW, require_time=True, ahead=True)
    assert str(refused.value) == (
        f"Could not read '{text}': {read_as}, longer than a conversation can be (600 minutes at most);"
        f" did you mean '{offered}'?"
    )
    assert parse_slot(offered, NOW) == (start, minutes)


@pytest.mark.parametrize(
    ("text", "start", "minutes"),
    [
        ("9-7pm", at(25, 9), 600),  # as long as a conversation can be
        ("9-9pm", at(25, 9), 720),  # 9pm to 9pm would end when it starts, not before
        ("12-11pm", at(25, 12), 660),  # 12 alone is noon, already in the end's half of the day
        ("morning 7-6", at(25, 7), 660),  # no am or pm on its end: the morning settles the bare hours
        ("fri 11pm-10am", at(27, 23), 660),  # past midnight, as its end says
    ],
)
def test_a_long_range_that_was_not_typed_back_to_front_is_read(text: str, start: datetime, minutes: int) -> None:
    """Read as typed; scheduling says when it is longer than a conversation can be."""
    assert parse_slot(text, NOW) == (start, minutes)


@st.composite
def range_ends(draw: st.DrawFn) -> tuple[str, str]:
    """One end of a range: the time without its am or pm (right or wrong: "13", "3:75", "07"), and
    the am or pm, or nothing."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(["noon", "midnight", "midday"])), ""
    # Half of the hours are ones a bare hour or am and pm take, so that most ranges are read.
    hour = draw(st.one_of(st.integers(1, 12), st.integers(0, 24)))
    written = draw(st.sampled_from([str(hour), str(hour), str(hour), f"{hour:02d}"]))
    minute = draw(st.sampled_from([None, None, 0, 15, 30, 45, 59, 75]))
    if minute is not None:
        written += draw(st.sampled_from([":", "."])) + f"{minute:02d}"
    return written, draw(st.sampled_from(["", "am", "pm"]))


def read_or_refused(text: str, typed_range: str) -> object:
    """What ``text`` is read as, both ways a moment may be wanted; or the message refusing it, with
    the text and the range quoted back left out (they are quoted as typed). Only where they are
    quoted back, first: what a message offers may be written as the range was without spaces."""
    try:
        return parse_slot(text, NOW), parse_slot(text, NOW, require_time=True, ahead=True)
    except DateParseError as refused:
        return str(refused).replace(f"'{text}'", "'…'", 1).replace(f"'{typed_range}'", "'…'", 1)


@settings(max_examples=800, deadline=None)
@given(
    first=range_ends(),
    second=range_ends(),
    separator=st.sampled_from(["-", " to "]),
    spaces=st.tuples(st.booleans(), st.booleans(), st.booleans()),
    around=st.sampled_from([("", ""), ("tue ", ""), ("at ", ""), ("tomorrow at ", ""), ("evening ", ""), ("", " fri")]),
)
def test_spaces_around_am_or_pm_and_the_dash_read_as_the_range_without_them(
    first: tuple[str, str], second: tuple[str, str], separator: str, spaces: tuple[bool, bool, bool], around: tuple[str, str]
) -> None:
    """"3 pm - 4 pm" is "3pm-4pm": the same start and length, or refused with the same message,
    whichever ends are written, right or wrong, and whatever comes before or after."""
    (start, start_half), (end, end_half), (before, after) = first, second, around
    compact = f"{start}{start_half}{separator}{end}{end_half}"
    apart_first, apart_dash, apart_end = spaces
    spaced = (
        f"{start}{' ' if apart_first and start_half else ''}{start_half}"
        f"{' - ' if apart_dash and separator == '-' else separator}"
        f"{end}{' ' if apart_end and end_half else ''}{end_half}"
    )
    assert read_or_refused(f"{before}{spaced}{after}", spaced) == read_or_refused(f"{before}{compact}{after}", compact)


LOPSIDED = "a dash between two times takes a space on both sides or on neither, as in '3pm-4pm' or '3pm - 4pm'."


def says_how_to_space_the_dash(text: str) -> bool:
    """Whether ``text`` is refused saying that its dash takes a space on both sides or on neither."""
    try:
        parse_slot(text, NOW, require_time=True, ahead=True)
    except DateParseError as refused:
        return str(refused).endswith(f": {LOPSIDED}")
    return False


@settings(max_examples=500, deadline=None)
@given(
    first=range_ends(),
    second=range_ends(),
    dash=st.sampled_from(["- ", " -"]),
    apart=st.tuples(st.booleans(), st.booleans()),
    around=st.sampled_from([("", ""), ("tue ", ""), ("yesterday ", ""), ("at ", ""), ("tomorrow at ", ""), ("", " fri")]),
)
@example(first=("3", "pm"), second=("4", "pm"), dash="- ", apart=(True, True), around=("yesterday ", ""))
def test_a_dash_with_a_space_on_one_side_is_said_so_however_am_or_pm_is_spaced(
    first: tuple[str, str], second: tuple[str, str], dash: str, apart: tuple[bool, bool], around: tuple[str, str]
) -> None:
    """"3 pm- 4 pm" is told what "3pm- 4pm" is, where it said '3' alone could be a time or a day,
    though it had its pm. Ends that are no time ("24:00 am") may be said to be that first."""
    (start, start_half), (end, end_half), (before, after) = first, second, around
    for time_alone in (f"at {start}{start_half}", f"at {end}{end_half}"):
        try:
            parse_slot(time_alone, NOW)
        except DateParseError:
            assume(False)
    compact = f"{before}{start}{start_half}{dash}{end}{end_half}{after}"
    spaced = (
        f"{before}{start}{' ' if apart[0] and start_half else ''}{start_half}{dash}"
        f"{end}{' ' if apart[1] and end_half else ''}{end_half}{after}"
    )
    assert says_how_to_space_the_dash(spaced) == says_how_to_space_the_dash(compact), spaced


@st.composite
def h_times(draw: st.DrawFn) -> tuple[str, str]:
    """A time written with an h ("14h30", "9h", "07h", right or wrong: "25h", "9h75"), and the
    same time written with a colon ("14:30", "9:00")."""
    hour = draw(st.one_of(st.integers(1, 12), st.integers(0, 25)))
    written = draw(st.sampled_from([str(hour), str(hour), f"{hour:02d}"]))
    minute = draw(st.sampled_from([None, 0, 15, 30, 59, 75]))
    return f"{written}h{'' if minute is None else f'{minute:02d}'}", f"{written}:{minute or 0:02d}"


@settings(max_examples=400, deadline=None)
@given(
    first=h_times(),
    second=h_times(),
    separator=st.sampled_from(["-", " to "]),
    around=st.sampled_from([("", ""), ("fri ", ""), ("at ", ""), ("", " fri")]),
)
def test_a_range_of_h_times_reads_the_same_with_or_without_spaces_and_as_with_colons(
    first: tuple[str, str], second: tuple[str, str], separator: str, around: tuple[str, str]
) -> None:
    """"14h30-15h" is "14h30 - 15h" and "14:30-15:00": the same start and length, or refused."""
    (start, start_colon), (end, end_colon), (before, after) = first, second, around
    compact = f"{start}{separator}{end}"
    spaced = f"{start}{' - ' if separator == '-' else separator}{end}"
    read = read_or_refused(f"{before}{compact}{after}", compact)
    assert read_or_refused(f"{before}{spaced}{after}", spaced) == read
    with_colons = read_or_refused(f"{before}{start_colon}{separator}{end_colon}{after}", "")
    assert with_colons == read or (isinstance(read, str) and isinstance(with_colons, str))


@settings(max_examples=300, deadline=None)
@given(
    first=range_ends(),
    separator=st.sampled_from(["-", " -", " to"]),
    apart=st.booleans(),
    before=st.sampled_from(["", "tue ", "at ", "tomorrow at "]),
)
def test_a_time_then_its_dash_or_to_says_the_end_is_wanted_however_it_is_spaced(
    first: tuple[str, str], separator: str, apart: bool, before: str
) -> None:
    """"3 pm-", "3pm -" and "3 to", as a range is while it is typed, say what is to come next."""
    start, half = first
    written = f"{start}{' ' if apart and half else ''}{half}"
    try:
        parse_slot(f"{before}{written}", NOW)
    except DateParseError:
        assume(False)  # not a time alone, so nothing begun as a range
    with pytest.raises(DateParseError) as refused:
        parse_slot(f"{before}{written}{separator}", NOW)
    after, example = ("'to'", "'3pm to 4pm'") if separator == " to" else ("the dash", "'3pm-4pm'")
    assert str(refused.value).endswith(f"'{written}{separator}' needs the time it ends at after {after}, as in {example}.")


@settings(max_examples=300, deadline=None)
@given(
    first=range_ends(),
    separator=st.sampled_from(["-", " -", " to"]),
    apart=st.booleans(),
    day=st.sampled_from(["fri", "tomorrow", "next week", "dec 3"]),
    before=st.sampled_from(["", "at "]),
)
@example(first=("01", ""), separator="-", apart=False, day="fri", before="at ")  # offered '3pm-4pm'
def test_a_time_then_its_dash_then_a_day_says_the_end_is_wanted_with_an_example_that_reads(
    first: tuple[str, str], separator: str, apart: bool, day: str, before: str
) -> None:
    """"3 pm- fri" said '3' alone could be a time or a day: the time it ends at is what is missing,
    and the example offered is read, as a range from that time, that day."""
    start, half = first
    written = f"{start}{' ' if apart and half else ''}{half}"
    try:
        alone = parse_slot(f"{before}{written} {day}", NOW, require_time=True, ahead=True)[0]
    except DateParseError:
        assume(False)  # not a time, so nothing begun as a range
    text = f"{before}{written}{separator} {day}"
    with pytest.raises(DateParseError) as refused:
        parse_slot(text, NOW, require_time=True, ahead=True)
    after = "'to'" if separator == " to" else "the dash"
    message = str(refused.value)
    assert f"'{written}{separator}' needs the time it ends at after {after}, not '{day.split()[0]}', as in '" in message
    offered = OFFERED.findall(message)[-1]
    start_at, minutes = parse_slot(offered, NOW, require_time=True, ahead=True)
    assert (start_at, minutes) == (alone, 60), message


@settings(max_examples=300, deadline=None)
@given(
    first=st.one_of(range_ends(), h_times().map(lambda written: (written[0], ""))),
    apart=st.booleans(),
    day=st.sampled_from(["fri", "tomorrow", "today", "next week", "in 3 days", "fri next week"]),
    before=st.sampled_from(["", "at ", "fri "]),
    scheduling=st.booleans(),
)
def test_a_time_then_its_dash_then_a_day_says_the_same_as_one_word(
    first: tuple[str, str], apart: bool, day: str, before: str, scheduling: bool
) -> None:
    """"3pm-fri" said '3pm-fri' is no word for a date or a time: typed as one word, a range begun
    and a day after its dash is read, or refused, as it is with a space after the dash."""
    start, half = first
    written = f"{start}{' ' if apart and half else ''}{half}"
    glued, spaced = f"{before}{written}-{day}", f"{before}{written}- {day}"
    assert read_or_refused_as(glued, scheduling) == read_or_refused_as(spaced, scheduling)


def read_or_refused_as(text: str, scheduling: bool) -> object:
    """What ``text`` is read as, or the message refusing it with the text quoted back left out."""
    try:
        return parse_slot(text, NOW, require_time=scheduling, ahead=scheduling)
    except DateParseError as refused:
        return str(refused).replace(f"'{text}'", "'…'")


OFFERED = re.compile(r"(?:write|did you mean|as in) '([^']+)'")
"""What a refusal offers to type instead."""


@settings(max_examples=800, deadline=None)
@given(
    first=range_ends(),
    second=range_ends(),
    separator=st.sampled_from(["-", " to "]),
    before=st.sampled_from(["", "fri ", "at "]),
)
def test_a_refused_range_never_offers_what_was_typed_and_what_it_offers_reads(
    first: tuple[str, str], second: tuple[str, str], separator: str, before: str
) -> None:
    """"23-10:00" once offered '23-10:00', and "5-1" offered '5-1am' (5am to 1am, refused in turn):
    what is offered instead is other than what was typed, and is read."""
    (start, start_half), (end, end_half) = first, second
    typed = f"{start}{start_half}{separator}{end}{end_half}"
    try:
        parse_slot(f"{before}{typed}", NOW)
    except DateParseError as refused:
        message = str(refused)
    else:
        return
    for offer in OFFERED.findall(message):
        assert offer != typed, message
        parse_slot(f"{before}{offer}", NOW)  # raises if what is offered cannot be read


def test_describe_slot() -> None:
    assert describe_slot(at(30, 14), 30, NOW) == "Mon 30 Nov 2026, 14:00–14:30 (30 minutes)"


# Aliases: each one, by its expected meaning written out here, not taken from the module ----------

WEEKDAY_ALIASES = {
    # "this X" from Wednesday 25 November: the coming day, today included.
    "mon": 30, "monday": 30, "tue": 1, "tues": 1, "tuesday": 1, "wed": 25, "weds": 25,
    "wednesday": 25, "thu": 26, "thur": 26, "thurs": 26, "thursday": 26, "fri": 27,
    "friday": 27, "sat": 28, "saturday": 28, "sun": 29, "sunday": 29,
}  # fmt: skip


@pytest.mark.parametrize(("alias", "day"), sorted(WEEKDAY_ALIASES.items()))
def test_weekday_aliases(alias: str, day: int) -> None:
    month = 12 if day < 25 else 11
    assert parse_when(f"this {alias}", NOW) == at(day, month=month)
    assert parse_when(alias.upper(), NOW).date() == (date(2026, month, day) if day != 25 else date(2026, 12, 2))


def test_every_weekday_alias_is_pinned() -> None:
    assert set(WEEKDAYS) == set(WEEKDAY_ALIASES)


UNIT_ALIASES = {
    # alias: what "in 2 <alias>" is, from NOW
    "d": at(27), "day": at(27), "days": at(27),
    "w": at(9, month=12), "wk": at(9, month=12), "wks": at(9, month=12),
    "week": at(9, month=12), "weeks": at(9, month=12),
    "mo": at(25, month=1, year=2027), "mon": at(25, month=1, year=2027),
    "month": at(25, month=1, year=2027), "months": at(25, month=1, year=2027),
    "y": at(25, year=2028), "yr": at(25, year=2028), "yrs": at(25, year=2028),
    "year": at(25, year=2028), "years": at(25, year=2028),
    "h": at(25, 12), "hr": at(25, 12), "hrs": at(25, 12), "hour": at(25, 12), "hours": at(25, 12),
    "min": at(25, 10, 2), "mins": at(25, 10, 2), "minute": at(25, 10, 2), "minutes": at(25, 10, 2),
    "fortnight": at(23, month=12), "fortnights": at(23, month=12),
}  # fmt: skip


@pytest.mark.parametrize(("alias", "expected"), sorted(UNIT_ALIASES.items()))
def test_unit_aliases(alias: str, expected: datetime) -> None:
    assert parse_when(f"in 2 {alias}", NOW) == expected
    assert parse_when(f"2 {alias} from now", NOW) == expected


def test_every_unit_alias_is_pinned() -> None:
    assert set(_UNITS) | {"fortnight", "fortnights"} == set(UNIT_ALIASES)


MONTH_ALIASES = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip


@pytest.mark.parametrize(("alias", "month"), sorted(MONTH_ALIASES.items()))
def test_month_aliases(alias: str, month: int) -> None:
    assert parse_when(f"3 {alias} 2027", NOW) == at(3, month=month, year=2027)
    assert parse_when(f"{alias.title()} 3rd 2027", NOW) == at(3, month=month, year=2027)


def test_every_month_alias_is_pinned() -> None:
    assert set(MONTHS) == set(MONTH_ALIASES)


NUMBERS = {
    "a": 1, "an": 1, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "ninety": 90,
}  # fmt: skip


@pytest.mark.parametrize(("word", "value"), sorted(NUMBERS.items()))
def test_number_words(word: str, value: int) -> None:
    assert parse_when(f"in {word} days", NOW) == at(25) + timedelta(days=value)
    assert parse_when(f"{word} days ago", NOW) == at(25) - timedelta(days=value)


def test_every_number_word_is_pinned() -> None:
    assert NUMBER_WORDS == NUMBERS


# Boundaries: each side of each edge -------------------------------------------------------------

CLOCKS = [
    # am/pm: 1 to 12 only
    ("0am", None), ("1am", time(1)), ("12am", time(0)), ("13am", None),
    ("0pm", None), ("1pm", time(13)), ("12pm", time(12)), ("13pm", None),
    ("12:59pm", time(12, 59)), ("12:60pm", None), ("1:00 pm", time(13)), ("11:59 p.m.", time(23, 59)),
    # 24-hour clock: 0 to 23, minutes 0 to 59
    ("0:00", time(0)), ("00:00", time(0)), ("23:00", time(23)), ("23:59", time(23, 59)),
    ("24:00", None), ("15:00", time(15)), ("15:59", time(15, 59)), ("15:60", None),
    ("13:00", time(13)), ("14:30:59", time(14, 30)), ("14:30:60", None),
    # A bare hour: 1 to 7 the afternoon, 8 to 11 the morning, 12 noon; a leading zero as written.
    ("at 0", time(0)), ("at 1", time(13)), ("at 7", time(19)), ("at 8", time(8)),
    ("at 11", time(11)), ("at 12", time(12)), ("at 13", time(13)), ("at 23", time(23)),
    ("at 24", None), ("at 07", time(7)),
    ("1:00", time(13)), ("7:59", time(19, 59)), ("8:00", time(8)), ("11:59", time(11, 59)),
    ("12:00", time(12)), ("12:30", time(12, 30)), ("07:30", time(7, 30)),
    # Dots and h
    ("10.30", time(10, 30)), ("14.30", time(14, 30)), ("7.30", time(19, 30)), ("07.30", time(7, 30)),
    ("10.59", time(10, 59)), ("10.60", None), ("10.75", None), ("24.00", None),
    ("14h30", time(14, 30)), ("23h59", time(23, 59)), ("24h00", None), ("14h60", None),
    ("9h30", time(9, 30)),
    # o'clock: an hour as said, 1 to 12
    ("1 o'clock", time(13)), ("8 oclock", time(8)), ("12 o'clock", time(12)), ("13 o'clock", None),
    ("0 o'clock", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CLOCKS)
def test_clock_boundaries(text: str, expected: time | None) -> None:
    if expected is None:
        with pytest.raises(DateParseError, match="not a time of day"):
            parse_when(text, NOW)
    else:
        assert parse_when(text, NOW) == datetime.combine(NOW.date(), expected)


def test_fourteen_h_alone_is_still_fourteen_hours() -> None:
    assert parse_when("14h", NOW) == datetime(2026, 11, 26, 0, 0)
    assert parse_when("+14h", NOW) == datetime(2026, 11, 26, 0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 14h", at(26, 14)),
        ("14h tomorrow", at(26, 14)),
        ("tomorrow 14h30", at(26, 14, 30)),
        ("fri 9h", at(27, 9)),
        ("9h fri", at(27, 9)),
        ("today 23h", at(25, 23)),
        ("next week 14h", at(30, 14)),
        ("in 3 days 14h", at(28, 14)),
        ("2026-12-03 14h", at(3, 14, month=12)),
        ("tomorrow at 14h", at(26, 14)),
        ("at 9h fri", at(27, 9)),
    ],
)
def test_an_hour_written_with_an_h_beside_a_day_is_that_hour_of_the_day(text: str, expected: datetime) -> None:
    """"14h" alone is fourteen hours from now; with a day it can only be the hour, as "14h30" is:
    'tomorrow 14h' was refused as naming two days."""
    assert parse_when(text, NOW) == expected
    assert parse_when(text, NOW, require_time=True, ahead=True) == expected


def test_an_hour_with_a_plus_or_ago_is_still_a_number_of_hours() -> None:
    with pytest.raises(DateParseError, match="names two days"):
        parse_when("+14h tomorrow", NOW)
    assert parse_when("14h ago", NOW) == datetime(2026, 11, 24, 20, 0)


@settings(max_examples=200, deadline=None)
@given(
    hour=st.integers(0, 23),
    leading_zero=st.booleans(),
    day=st.sampled_from(["today", "tomorrow", "fri", "last tue", "next week", "2026-12-03", "3 dec", "in 2 days"]),
    day_first=st.booleans(),
)
def test_an_hour_with_an_h_beside_a_day_reads_as_with_a_colon(hour: int, leading_zero: bool, day: str, day_first: bool) -> None:
    """"fri 9h" is "fri 9:00", "14h tomorrow" "14:00 tomorrow": read the same, or refused alike."""
    written = f"{hour:02d}" if leading_zero else str(hour)
    with_h, with_colon = f"{written}h", f"{written}:00"
    texts = [f"{day} {with_h}", f"{day} {with_colon}"] if day_first else [f"{with_h} {day}", f"{with_colon} {day}"]
    assert read_or_refused(texts[0], with_h) == read_or_refused(texts[1], with_colon)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 1st", at(1, month=12)), ("the 30th", at(30)), ("the 31st", at(31, month=12)),
        ("the 24th", at(24, month=12)), ("the 25th", at(25)), ("the 26th", at(26)),
        ("1 dec", at(1, month=12)), ("31 dec", at(31, month=12)), ("30 nov", at(30)),
        ("feb 28", at(28, month=2)), ("feb 29 2028", at(29, month=2, year=2028)),
        ("12/31", at(31, month=12)), ("1/1", at(1, month=1)), ("13/1", at(13, month=1)),
    ],
)  # fmt: skip
def test_day_boundaries_read(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    "text", ["the 32nd", "32 dec", "0 dec", "dec 0", "31 nov", "feb 29 2027", "12/32", "13/13", "0/1", "1/0"]
)
def test_day_boundaries_refused(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text, NOW)


def padded(length: int) -> str:
    """A readable phrase of exactly ``length`` characters: 'in 000…03 days'."""
    return "in " + "0" * (length - len("in 3 days")) + "3 days"


@pytest.mark.parametrize("length", [99, 100])
def test_up_to_100_characters_are_read(length: int) -> None:
    text = padded(length)
    assert len(text) == length
    assert parse_when(text, NOW) == at(28)
    with pytest.raises(DateParseError) as caught:
        parse_when("x" * length, NOW)
    assert "too long" not in str(caught.value)


def test_101_characters_are_too_long() -> None:
    text = padded(101)
    assert len(text) == 101
    with pytest.raises(DateParseError, match="too long"):
        parse_when(text, NOW)


def test_parts_of_the_day_count_as_a_time_for_scheduling() -> None:
    assert parse_when("tomorrow afternoon", NOW, require_time=True) == at(26, 14)
    with pytest.raises(DateParseError, match="no time"):
        parse_when("next week", NOW, require_time=True)


def test_a_zone_is_converted_to_local_time() -> None:

    expected = datetime(2026, 12, 3, 14, 0, tzinfo=UTC).astimezone().replace(tzinfo=None)
    assert parse_when("2026-12-03T14:00Z", NOW) == expected
    assert parse_when("2026-12-03 14:00 utc", NOW) == expected


# Properties against an independent oracle ------------------------------------------------------

WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SHORT_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MONTH_NAMES = [calendar.month_name[m].lower() for m in range(1, 13)]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def add_months(day: date, months: int) -> date:
    """The oracle's own month arithmetic: the same day number, or the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def ordinal(number: int) -> str:
    return str(number) + ("th" if 11 <= number <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th"))


@st.composite
def day_phrases(draw: st.DrawFn, today: date) -> tuple[str, date | None]:
    """A phrase naming a day, and the day it means (None: no day given, so today)."""
    kind = draw(st.sampled_from(["none", "word", "weekday", "offset", "ago", "month", "iso", "ordinal"]))
    if kind == "none":
        return "", None
    if kind == "word":
        word, days = draw(st.sampled_from([("today", 0), ("tomorrow", 1), ("yesterday", -1)]))
        return word, today + timedelta(days=days)
    if kind == "weekday":
        number = draw(st.integers(0, 6))
        name = draw(st.sampled_from([WEEKDAY_NAMES[number], SHORT_WEEKDAYS[number]]))
        mode = draw(st.sampled_from(["", "next ", "this ", "last ", "on "]))
        step = -1 if mode == "last " else 1
        day = today if mode == "this " else today + timedelta(days=step)
        while day.weekday() != number:
            day += timedelta(days=step)
        return mode + name, day
    if kind in ("offset", "ago"):
        n = draw(st.integers(0, 10))
        unit = draw(st.sampled_from(["days", "weeks", "months", "years", "fortnights"]))
        amount = draw(st.sampled_from([str(n), WORDS[n]]))
        sign = -1 if kind == "ago" else 1
        if unit in ("days", "weeks", "fortnights"):
            per = {"days": 1, "weeks": 7, "fortnights": 14}[unit]
            day = today + timedelta(days=sign * n * per)
        else:
            day = add_months(today, sign * n * (12 if unit == "years" else 1))
        if kind == "ago":
            return f"{amount} {unit} ago", day
        form = draw(st.sampled_from(["in {a} {u}", "{a} {u} from now", "{a} {u} from today", "{a} {u}"]))
        return form.format(a=amount, u=unit), day
    if kind == "ordinal":
        number = draw(st.integers(1, 31))
        day = today
        while day.day != number:
            day += timedelta(days=1)
        return draw(st.sampled_from(["the {o}", "on the {o}", "{o}"])).format(o=ordinal(number)), day
    year = draw(st.integers(1900, 2100))
    month = draw(st.integers(1, 12))
    number = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    if kind == "iso":
        return f"{year:04d}-{month:02d}-{number:02d}", date(year, month, number)
    name = draw(st.sampled_from([MONTH_NAMES[month - 1], MONTH_NAMES[month - 1][:3]]))
    form = draw(st.sampled_from(["{d} {m} {y}", "{m} {d} {y}", "{m} {o} {y}", "the {o} of {m} {y}", "{d}{m} {y}"]))
    return form.format(d=number, m=name, y=year, o=ordinal(number)), date(year, month, number)


@st.composite
def time_phrases(draw: st.DrawFn) -> tuple[str, time | None]:
    kind = draw(st.sampled_from(["none", "meridiem", "24h", "bare", "part", "named"]))
    if kind == "none":
        return "", None
    if kind == "meridiem":
        hour, minute = draw(st.integers(1, 12)), draw(st.sampled_from([0, 5, 30, 59]))
        half = draw(st.sampled_from(["am", "pm"]))
        written = f"{hour}{half}" if minute == 0 else f"{hour}:{minute:02d}{half}"
        hour24 = hour % 12 + (12 if half == "pm" else 0)
        return draw(st.sampled_from(["", "at "])) + written, time(hour24, minute)
    if kind == "24h":
        hour, minute = draw(st.sampled_from([0, *range(13, 24)])), draw(st.integers(0, 59))
        sep = draw(st.sampled_from([":", ".", "h"]))
        return draw(st.sampled_from(["", "at "])) + f"{hour:02d}{sep}{minute:02d}", time(hour, minute)
    if kind == "bare":
        hour = draw(st.integers(1, 12))
        hour24 = {1: 13, 2: 14, 3: 15, 4: 16, 5: 17, 6: 18, 7: 19, 12: 12}.get(hour, hour)
        return f"at {hour}", time(hour24)
    if kind == "part":
        word, hour = draw(st.sampled_from([("morning", 9), ("afternoon", 14), ("evening", 19), ("night", 19)]))
        return word, time(hour)
    word, hour = draw(st.sampled_from([("noon", 12), ("midday", 12), ("midnight", 0)]))
    return word, time(hour)


@settings(max_examples=500, deadline=None)
@given(data=st.data(), now=st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2050, 12, 31)))
def test_phrases_built_from_the_grammar_match_the_oracle(data: st.DataObject, now: datetime) -> None:
    now = now.replace(second=0, microsecond=0)
    day_text, day = data.draw(day_phrases(now.date()))
    time_text, clock = data.draw(time_phrases())
    assume(day_text or time_text)
    # "tonight" is the only phrase that names both; a part of the day is not a second day.
    text = data.draw(st.sampled_from([f"{day_text} {time_text}", f"{time_text} {day_text}"])).strip()
    expected = datetime.combine(day or now.date(), clock or time(9, 0))
    assert parse_when(text, now) == expected, text
    assert parse_when(text.upper(), now) == expected, text


@settings(max_examples=300, deadline=None)
@given(
    start=st.integers(0, 23 * 60),
    length=st.integers(1, 600),
    day=st.sampled_from(["", "tomorrow ", "fri "]),
)
def test_24_hour_ranges_give_their_length(start: int, length: int, day: str) -> None:
    end = start + length
    assume(end < 24 * 60)
    text = f"{day}{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
    moment, minutes = parse_slot(text, NOW)
    assert minutes == length
    assert (moment.hour, moment.minute) == divmod(start, 60)


def check_any(text: str, now: datetime) -> None:
    """Either a date that reads back unchanged from its written form, or a ValueError that says
    something on one line; never another exception."""
    try:
        moment = parse_when(text, now)
    except ValueError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message
        return
    written = moment.isoformat(sep=" ", timespec="minutes")
    assert parse_when(written, now) == moment
    if moment.year >= 1000 and moment.time() != time(0, 0):
        # The preview itself ("Tue 1 Dec 2026, 15:00") reads back as the same moment.
        assert parse_when(describe(moment, now), now) == moment


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=120), now=st.datetimes())
@example(text="thursday 10.30", now=NOW)
@example(text="32 Dec", now=NOW)
@example(text="in 2 hours", now=datetime(9999, 12, 31, 23, 0))
@example(text="3 days ago", now=datetime(1, 1, 1))
@example(text="the 31st", now=datetime(9999, 12, 5))
@example(text="next month", now=datetime(9999, 12, 5))
@example(text="end of month", now=datetime(9999, 12, 5))
@example(text="9999-12-31 23:59 -23:59", now=NOW)
@example(text="0001-01-01 00:00 +23:00", now=NOW)
def test_any_text_reads_back_or_says_why(text: str, now: datetime) -> None:
    check_any(text, now)


GRAMMAR_WORDS = st.sampled_from(
    [*WEEKDAY_ALIASES, *MONTH_ALIASES, *NUMBERS, "next", "this", "last", "in", "at", "on", "by", "the",
     "of", "from", "ago", "end", "week", "month", "today", "tomorrow", "yesterday", "tonight", "now",
     "noon", "midnight", "morning", "afternoon", "evening", "night", "couple", "half", "hour",
     "fortnight", "day", "after", "days", "d", "w", "mo", "h", "min", "3", "13", "0", "32", "3rd",
     "31st", "3pm", "13pm", "15:30", "24:00", "10.30", "10.75", "14h30", "14h", "2-2:30pm",
     "14:00-14:20", "-", "to", "am", "pm", "oclock", "+3d", "2w", "2026", "2026-12-03", "12/03",
     "3/45", "3.12.2026", "utc", "+01:00", "z"]
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(words=st.lists(GRAMMAR_WORDS, min_size=1, max_size=6), now=st.datetimes())
def test_grammar_words_read_back_or_say_why(words: list[str], now: datetime) -> None:
    check_any(" ".join(words), now)
