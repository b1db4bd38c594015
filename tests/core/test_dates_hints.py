"""What a refusal suggests can be typed: every form a hint offers for a bare number reads, and a
word no rule knows is named, rather than the number before it ("3 Febtember")."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.dates import DateParseError, parse_when

NOW = datetime(2026, 12, 7, 10, 0)
"""Monday 7 December 2026: a month of 31 days, so that 'the 31st' is a day this month."""

QUOTED = re.compile(r"'([^']+)'")
CLOCK = re.compile(r"\b\d{1,2}(?:am|pm)\b")


def offered(message: str) -> list[str]:
    """The forms a message suggests: what it quotes (after the echo of what was typed) and the
    times it writes out (3am)."""
    return QUOTED.findall(message)[1:] + CLOCK.findall(message)


@pytest.mark.parametrize("require_time", [False, True])
@pytest.mark.parametrize("number", [str(n) for n in range(100)] + ["00", "07"])
def test_every_form_offered_for_a_bare_number_reads(number: str, require_time: bool) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(number, NOW, require_time=require_time)
    message = str(refused.value)
    forms = offered(message)
    if int(number) <= 31:
        assert forms, message  # a number that can be a time or a day is shown how to write it
    for form in forms:
        parse_when(form, NOW, require_time=require_time)  # raises if a hint offers what cannot be read


@pytest.mark.parametrize("require_time", [False, True])
@pytest.mark.parametrize("text", ["", "   ", "zqx", "3 zqx", "x" * 101, "fri zqx 3pm", "the"])
def test_every_example_a_refusal_gives_reads_where_it_is_given(text: str, require_time: bool) -> None:
    """The examples of what to type instead (text that is empty, too long, or holds a word of no
    date): where a time is needed (scheduling) each has one, since 'tomorrow' alone would be
    refused there as the very next thing the person typed. (A hint that completes what was typed,
    such as 'next tue' for 'next', may still be asked for a time in its turn.)"""
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW, require_time=require_time)
    message = str(refused.value)
    typed = text.strip().lower()
    # What it quotes of what was typed (the whole, or the word at fault) is not an example.
    forms = [form for form in offered(message) if form != typed and form not in typed.split()]
    assert forms, message
    for form in forms:
        parse_when(form, NOW, require_time=require_time)


# Words of no date: "zq" begins no word the rules know.
unknown_words = st.from_regex(r"zq[a-z]{1,8}", fullmatch=True)


@given(number=st.integers(0, 99), word=unknown_words, after=st.sampled_from(["", " tue", " 3pm", " next week"]))
def test_a_word_of_no_date_after_a_number_is_the_one_named(number: int, word: str, after: str) -> None:
    text = f"{number} {word}{after}"
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert f"'{word}' is not a word for a date or a time" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("3 Febtember", "'febtember' is not a word for a date or a time"),
        ("31 Febtember", "'febtember' is not a word for a date or a time"),
        ("5 pm tmrw", "'tmrw' is not a word for a date or a time"),
    ],
)
def test_a_misspelt_month_or_day_word_is_named(text: str, named: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert named in str(refused.value)


@pytest.mark.parametrize("text", ["3 pm", "3 to 4", "31 of december", "3 of dec", "the 3rd of dec", "12 oclock"])
def test_words_that_follow_a_number_still_read(text: str) -> None:
    parse_when(text, NOW)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A number with words the rules know after it is still the number at fault.
        ("3 next week", "'3' in '3 next week' alone could be a time or a day"),
        ("tue 3", "'3' in 'tue 3' alone could be a time or a day"),
        ("31 pm", "'31 pm' is not a time of day"),
    ],
)
def test_a_number_among_known_words_is_still_what_is_named(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize("text", ["fri\x1b[31m 3pm", "fri\x07 3pm", "\x1b[0mtomorrow"])
def test_a_control_character_in_a_date_is_named_as_such(text: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value) == (
        "The date holds a control character (an escape sequence, say); type it as plain text, such as 'fri 3pm'."
    )


@pytest.mark.parametrize("text", ["fri\t3pm", "fri\n3pm", " fri  3pm "])
def test_white_space_of_any_kind_still_separates_words(text: str) -> None:
    assert parse_when(text, NOW) == datetime(2026, 12, 11, 15, 0)


@given(
    now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2035, 12, 31)).map(
        lambda moment: moment.replace(second=0, microsecond=0)
    ),
    text=st.sampled_from(["", "zqx", "x" * 101]),
)
def test_where_a_time_is_needed_every_example_lies_ahead(now: datetime, text: str) -> None:
    """A written-out date in the examples is a week from now, never one fixed in the text: the
    forms that want a time want one to come, and a date that has passed is refused there."""
    with pytest.raises(DateParseError) as refused:
        parse_when(text, now, require_time=True)
    examples = [form for form in QUOTED.findall(str(refused.value)) if form not in (text, "zqx")]
    assert examples
    for form in examples:
        assert parse_when(form, now, require_time=True) > now, form


@pytest.mark.parametrize(
    ("text", "require_time", "message"),
    [
        ("", False, "Type a date, such as 'tomorrow', 'fri 3pm', '+3d' or '2026-12-03'."),
        ("", True, "Type a day and a time, such as 'fri 3pm', 'tomorrow 10:30' or '2026-12-14 14:00'."),
        ("31", True, "'31' alone is not a time of day; write 'the 31st 3pm' for a day."),
        ("45", True, "'45' is not a day of any month nor an hour; write a day as '2026-12-14 3pm' or 'the 3rd 3pm', "
                     "a time as 3pm or 15:30."),
        ("zqx", True, "Could not read 'zqx': 'zqx' is not a word for a date or a time. Try 'fri 3pm', "
                      "'tomorrow 10:30', 'in 3 days at 2pm' or '2026-12-14 14:00'."),
    ],
)
def test_the_hints_pinned(text: str, require_time: bool, message: str) -> None:
    """The written-out date where a time is wanted is a week from now (7 December: the 14th)."""
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW, require_time=require_time)
    assert str(refused.value) == message


@pytest.mark.parametrize("text", ["fri\u200b 3pm", "fri 3pm\u2066"])
def test_an_invisible_format_character_is_named_as_a_control_character(text: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    assert str(refused.value).startswith("The date holds a control character")
