"""Text cleaning pinned: each side of the name and email limits, why a value is refused (word for
word, and for which field), which fields of a stored document keep their lines, and folding as
search compares it (case, accents, ligatures, and where each folded character came from)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from interview_tui.core import text
from interview_tui.core.errors import InvalidInput
from interview_tui.core.text import (
    MAX_NAME,
    and_list,
    clean_email,
    clean_name,
    clean_tree,
    fold,
    fold_offsets,
    has_visible_text,
    named_then_counted,
)


@pytest.fixture(autouse=True)
def fresh_fold_table(monkeypatch: pytest.MonkeyPatch) -> None:
    # Folding remembers each character it has worked out: every test here works its own out
    # again, so that what it checks is the rule, not what an earlier test left in the table.
    monkeypatch.setattr(text, "_FOLD", text._FoldTable())
    monkeypatch.setattr(text, "_UNEVEN", set())


@pytest.mark.parametrize("length", [1, MAX_NAME - 1, MAX_NAME])
def test_a_name_up_to_the_limit_is_kept_whole(length: int) -> None:
    assert clean_name("n" * length) == "n" * length


@pytest.mark.parametrize("length", [MAX_NAME + 1, 1_234])
def test_a_name_past_the_limit_is_refused_saying_how_long_it_is(length: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_name("n" * length)
    assert str(refused.value) == f"Name is {length:,} characters long; keep it to {MAX_NAME} or fewer."
    assert refused.value.field == "name"


@pytest.mark.parametrize("blank", ["", "   ", "\u200b", "\u0301", "\x1b[31m\x1b[0m"])
def test_a_name_with_nothing_to_see_is_required(blank: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_name(blank)
    assert str(refused.value) == "A name is required."
    assert refused.value.field == "name"


@pytest.mark.parametrize(
    ("shown", "visible"),
    [("a", True), ("7", True), ("Ⅻ", True), ("-", True), ("€", True), ("+", True), ("😀", True),
     (" ", False), ("\u00a0", False), ("\u200b", False), ("\u0301", False), ("\u200d", False), ("", False)],
)
def test_visible_text_is_a_letter_digit_mark_of_punctuation_or_symbol(shown: str, visible: bool) -> None:
    assert has_visible_text(shown) is visible
    assert has_visible_text(" " + shown + " ") is visible


def test_an_email_at_the_limit_is_kept_and_one_past_it_refused_for_the_email_field() -> None:
    local = "a" * 64
    at_limit = local + "@" + "d" * (254 - 64 - 1 - 4) + ".org"
    assert len(at_limit) == 254
    assert clean_email(at_limit) == at_limit
    with pytest.raises(InvalidInput) as refused:
        clean_email("b" + at_limit)
    assert str(refused.value) == "Email is 255 characters long; keep it to 254 or fewer."
    assert refused.value.field == "email"


def test_an_email_that_is_not_one_is_refused_for_the_email_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_email("alex at example.org")
    assert str(refused.value) == "'alex at example.org' is not an email address; it should look like name@example.org."
    assert refused.value.field == "email"
    assert clean_email("") == ""


def test_a_stored_document_keeps_lines_only_under_multi_line_fields() -> None:
    document = {
        "contacts": [
            {"name": "Alex\nExample", "notes": "first\nsecond\tthird", "address": "1 Road\r\nTown",
             "tags": ["a\nb"], "answers": {"1": "line one\nline two"}},
        ],
        "na\x1b[31mme": "x\x07y",
        7: "seven\nlines",
        "count": 3,
        "missing": None,
    }
    assert clean_tree(document) == {
        "contacts": [
            {"name": "Alex Example", "notes": "first\nsecond    third", "address": "1 Road\nTown",
             "tags": ["a b"], "answers": {"1": "line one\nline two"}},
        ],
        "name": "xy",
        7: "seven lines",
        "count": 3,
        "missing": None,
    }


def test_a_lone_string_or_list_is_one_line_unless_asked_for_lines() -> None:
    assert clean_tree("a\nb\x1b[2J") == "a b"
    assert clean_tree(["a\nb", "c\td"]) == ["a b", "c d"]
    assert clean_tree(["a\nb", "c\td"], multiline=True) == ["a\nb", "c    d"]
    # Once under a field with lines, everything below it keeps them.
    assert clean_tree({"notes": {"name": "a\nb"}}) == {"notes": {"name": "a\nb"}}


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Alex EXAMPLE", "alex example"),
        ("Zoë", "zoe"),
        ("ZOË", "zoe"),
        ("Straße", "strasse"),
        ("ﬁle", "file"),
        ("Café Crème", "cafe creme"),
        ("É", "e"),
        ("AÉB", "aeb"),
        ("Ab Çd Ef Ĝh", "ab cd ef gh"),
        ("ÅNGSTRÖM AND Ñ", "angstrom and n"),
        ("e\u0301", "e"),
        ("\u0301A", "a"),
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645"),
        ("co\u00adoperative", "cooperative"),
        ("Alex O\u2019Brien", "alex o'brien"),
        ("\u2018d\u2019Arc\u2019 \u201cQuote\u201d \u201eQ\u201f", "'d'arc' \"quote\" \"q\""),
        ("6\u2032 2\u2033 ma\u02bca", "6' 2\" ma'a"),
    ],
)
def test_folding_drops_case_and_accents(typed: str, folded: str) -> None:
    assert fold(typed) == folded


PLAIN_QUOTES = {**dict.fromkeys("‘’‚‛′ʼ", "'"), **dict.fromkeys("“”„‟″", '"')}
"""The typographic apostrophes and quotes (and primes), and the plain ones they fold to."""


@given(st.text(st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)), st.sampled_from(list(PLAIN_QUOTES))), max_size=20))
@example("Ab Çd Ef Ĝh")
@example("O’Brien “quoted”")
@example("Straße AND ﬁ")
def test_folding_pieces_folds_the_whole(typed: str) -> None:
    def one_by_one(piece: str) -> str:
        if piece in PLAIN_QUOTES:
            return PLAIN_QUOTES[piece]
        decomposed = unicodedata.normalize("NFKD", piece.casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")

    assert fold(typed) == "".join(one_by_one(char) for char in typed)


@pytest.mark.parametrize(
    ("typed", "offsets"),
    [
        ("Straße", [0, 1, 2, 3, 4, 4, 5]),
        ("e\u0301x", [0, 2]),
        ("ﬁ!", [0, 0, 1]),
        ("Zoë", None),
        ("plain", None),
    ],
)
def test_where_each_folded_character_came_from(typed: str, offsets: list[int] | None) -> None:
    assert fold_offsets(typed, fold(typed)) == offsets


def test_a_character_seen_before_as_uneven_still_shifts_a_text_of_even_length() -> None:
    # "ß" folds to two characters and the accent to none: the lengths match, the positions do not.
    typed = "ße\u0301"
    folded = fold(typed)
    assert len(folded) == len(typed)
    assert fold_offsets(typed, folded) == [0, 0, 1]


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a", "b", "c"], "a, b and c"),
        (["a", "b", "c", "d"], "a, b and 2 more"),
        (["a", "b", "c", "d", "e"], "a, b and 3 more"),
    ],
)
def test_a_list_is_said_as_a_sentence_says_it_naming_three_at_most(words: list[str], said: str) -> None:
    assert named_then_counted(words) == said
    assert and_list(words[:3]) == named_then_counted(words[:3])
