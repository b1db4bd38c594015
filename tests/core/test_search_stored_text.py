"""The search index keeps no folded copy of a long note: it searches the note as stored, with the
words of it that folding changes (core/search.py, ``_refolded_words``). What it finds must be
exactly what folding every text and looking in it finds, however folding changes a text's length
("ß" folds to two letters, "İ" to two, a lone accent to none, "ℌ" to "H"), while typing narrows
and when the workspace changes between two openings."""

from __future__ import annotations

import gc
import tracemalloc
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.models import Contact, Interview
from interview_tui.core.search import LONG, Kind, SearchIndex, Sources
from interview_tui.core.store import Store
from interview_tui.core.text import fold

WHEN = datetime(2026, 11, 25, 10, 0)

# Letters whose folding changes the length or the case in every way, white space of several
# kinds, a character that folds to a space ("¨") and one that folds to a capital ("ℌ").
ALPHABET = "aAbBsSiIß\u1e9eİıé\u0301ﬁ¨ℌH \n\u00a0\u3000-"
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(str.strip)


def long_or_short(draw_text: str, repeat: int) -> str:
    """The text as drawn (short: folded and copied by the index), or repeated past LONG (long:
    searched as stored)."""
    return draw_text * repeat


notes = st.builds(long_or_short, texts, st.sampled_from([1, LONG]))


def index_of(conversation_notes: list[str]) -> SearchIndex:
    sources = Sources(
        contacts=[Contact(id=1, name="Sam Sample")],
        touches=[],
        followups=[],
        interviews=[Interview(id=n, contact_id=1, when=WHEN - timedelta(days=n), notes=text)
                    for n, text in enumerate(conversation_notes, 1)],
        questions={},
    )
    index = SearchIndex.from_sources(sources)
    assert index is not None
    return index


def found_notes(index: SearchIndex, query: str) -> set[int]:
    result = index.search(query, limit=10_000)
    return {hit.interview_id for hit in result.hits if hit.kind is Kind.NOTES}  # type: ignore[misc]


def scanned(conversation_notes: list[str], query: str) -> set[int]:
    """Plainly: every note whose folding holds every word of the folded query."""
    words = fold(query).split()
    return {n for n, text in enumerate(conversation_notes, 1) if words and all(w in fold(text) for w in words)}


@settings(max_examples=300)
@given(st.lists(notes, min_size=1, max_size=6), st.text(alphabet=ALPHABET, min_size=1, max_size=6))
def test_a_query_finds_exactly_the_notes_whose_folding_holds_it(conversation_notes: list[str], query: str) -> None:
    assert found_notes(index_of(conversation_notes), query) == scanned(conversation_notes, query)


@given(st.lists(notes, min_size=1, max_size=6), st.text(alphabet=ALPHABET, min_size=1, max_size=8))
def test_typing_and_erasing_a_query_finds_at_each_key_what_a_fresh_look_finds(conversation_notes: list[str], query: str) -> None:
    index = index_of(conversation_notes)  # one index: each keystroke narrows or recalls the last
    typed = [query[:end] for end in range(1, len(query) + 1)]
    for text in typed + typed[-2::-1]:
        assert found_notes(index, text) == scanned(conversation_notes, text), text


@given(st.sampled_from(["Straße", "STRASSE", "İstanbul", "Zoë", "ﬁnal", "Cafe\u0301"]), st.booleans())
def test_a_long_note_is_found_by_its_folded_words_and_shows_them_marked(word: str, long: bool) -> None:
    text = ("filler words here " * (LONG // 18 + 1) if long else "") + f"met {word} again"
    hits = index_of([text]).search(fold(word)).hits
    assert [h.kind for h in hits] == [Kind.NOTES]
    snippet = hits[0].snippet
    marked = "".join(snippet.text[a:b] for a, b in snippet.spans)
    assert fold(marked) == fold(word)


def test_an_edit_between_two_openings_is_found_and_the_old_words_are_not(store: Store) -> None:
    contact = store.add_contact(Contact(name="Alex Example"))
    assert contact.id is not None
    before = "Talked about the Walrus project. " * (LONG // 30 + 1)
    interview = store.add_interview(Interview(contact_id=contact.id, when=WHEN, notes=before))
    assert interview.id is not None
    first = SearchIndex.build(store)  # the search opened
    assert [h.kind for h in first.search("walrus").hits] == [Kind.NOTES]
    store.save_notes(interview.id, before.replace("Walrus", "Narwhal"))
    second = SearchIndex.build(store)  # opened again: made anew of what is stored now
    assert second.search("walrus").hits == []
    assert [h.kind for h in second.search("narwhal").hits] == [Kind.NOTES]
    # The index still open over the earlier text shows that text, its match marked where it is.
    hit = first.search("walrus").hits[0]
    start, end = hit.snippet.spans[0]
    assert hit.snippet.text[start:end] == "Walrus"


def held_while(make: object) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        made = make()  # type: ignore[operator]
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert made is not None
    return held


def test_the_index_of_long_notes_is_a_small_part_of_their_text() -> None:
    # At 50,000 contacts the conversations' notes are 26 MB: a folded copy of them was most of
    # the index. Prose has a capital a sentence: the changed words are a small part.
    count, sentence = 300, "Hiring managers read every portfolio closely. "
    text = sentence * (4 * LONG // len(sentence))  # about 1 KB, as at 50,000 contacts
    sources = Sources(
        contacts=[Contact(id=1, name="Sam Sample")],
        touches=[],
        followups=[],
        interviews=[Interview(id=n, contact_id=1, when=WHEN, notes=text + str(n)) for n in range(1, count + 1)],
        questions={},
    )
    held = held_while(lambda: SearchIndex.from_sources(sources))
    assert held < count * len(text) / 4


def test_remembered_matches_take_a_few_bytes_each() -> None:
    # A query of one letter matches most records; 32 of them are remembered to narrow from.
    count = 20_000
    index = index_of([f"note {n} about an example" for n in range(count)])
    index.search("zzz")  # the first search makes what any search makes once
    held = held_while(lambda: index.search("e"))
    assert index.search("e").total == count + 1  # every note, and the contact "Sam Sample"
    assert held < count * 8
