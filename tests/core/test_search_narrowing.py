"""The contact filter and the search narrow what they found as a query grows, and find what a full
scan finds, whatever was typed before: the case, the accents, terms typed and erased."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.contact_query import filter_contacts, search_key
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Interview, Relationship, Stage, Touch, TouchKind
from interview_tui.core.search import ContactFilter, SearchIndex, Sources, search_keys
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)

LETTERS = "aAeEéÉcçCsßoöÖ"
"""Letters whose case or accents fold together ("é" finds "E", "ß" finds "ss")."""

tag = st.text(alphabet="desgnDÉ-", min_size=1, max_size=6)


@st.composite
def people(draw: st.DrawFn) -> list[Contact]:
    count = draw(st.integers(0, 12))
    text = st.text(alphabet=LETTERS + " ", max_size=8)
    return [
        Contact(
            id=number,
            name=draw(st.text(alphabet=LETTERS, min_size=1, max_size=8)),
            company=draw(text),
            role=draw(text),
            field=draw(text),
            email=draw(st.sampled_from(["", "ce@example.org", "Sö@example.org"])),
            relationship=draw(st.sampled_from(Relationship)),
            stage=draw(st.sampled_from(Stage)),
            tags=draw(st.lists(tag, max_size=2)),
        )
        for number in range(1, count + 1)
    ]


# What is typed into the box, one edit at a time: a character added (letters, a space, the start
# of a term), a word or a term added at once (a paste), the last character erased, all erased.
edit = st.one_of(
    st.sampled_from(list(LETTERS + " #:")).map(lambda c: ("add", c)),
    st.sampled_from(
        [" rel:", " rel:f", " rel:fr", " rel:friend", " rel:co", " rel:col", " stage:", " stage:a", " stage:in",
         " stage:interviewed", " #d", " #de", " #design", " tag:é", " rel:enemy"]
    ).map(lambda term: ("add", term)),
    st.just(("erase", "")),
    st.just(("clear", "")),
)


def typed(edits: list[tuple[str, str]]) -> Iterator[str]:
    """What the box holds after each edit."""
    text = ""
    for kind, value in edits:
        if kind == "add":
            text += value
        elif kind == "erase":
            text = text[:-1]
        else:
            text = ""
        yield text


@settings(max_examples=400, deadline=None)
@given(people(), st.lists(edit, max_size=30))
def test_the_contact_filter_finds_what_a_full_scan_finds_after_any_typing(
    contacts: list[Contact], edits: list[tuple[str, str]]
) -> None:
    index = [(search_key(c), c) for c in contacts]
    narrowing = ContactFilter(index)
    for text in typed(edits):
        assert narrowing.filter(text) == filter_contacts(index, text), text


@settings(max_examples=200, deadline=None)
@given(people(), st.lists(st.text(alphabet=LETTERS + " #:rel", max_size=12), max_size=12))
def test_any_sequence_of_queries_even_unrelated_ones_is_filtered_as_from_scratch(
    contacts: list[Contact], queries: list[str]
) -> None:
    index = [(search_key(c), c) for c in contacts]
    narrowing = ContactFilter(index)
    for text in queries:
        assert narrowing.filter(text) == filter_contacts(index, text), text


def test_a_query_that_widens_a_term_is_not_narrowed_from_the_narrower_one() -> None:
    """"rel:friend rel:family" asks for more people than "rel:friend": either, not both."""
    friend = Contact(id=1, name="Alex Example", relationship=Relationship.FRIEND)
    family = Contact(id=2, name="Sam Sample", relationship=Relationship.FAMILY)
    narrowing = ContactFilter([(search_key(c), c) for c in (friend, family)])
    assert narrowing.filter("rel:friend") == [friend]
    assert narrowing.filter("rel:friend rel:family") == [friend, family]
    assert narrowing.filter("#des") == []
    assert narrowing.filter("rel:fam") == [family]


@settings(max_examples=200, deadline=None)
@given(people())
def test_the_keys_made_in_one_go_are_each_contacts_own(contacts: list[Contact]) -> None:
    assert search_keys(contacts) == [search_key(c) for c in contacts]
    assert ContactFilter.of(contacts).filter("") == contacts


def test_a_field_holding_the_separator_still_gets_its_own_key() -> None:
    odd = [Contact(id=1, name="Alex\x00Example"), Contact(id=2, name="Sam Sample", company="É")]
    assert search_keys(odd) == [search_key(c) for c in odd]


# The search's index, made from what was read of the store ------------------------------------


@pytest.fixture
def store(db_path: Path, fixed_clock: Callable[[], datetime]) -> Iterator[Store]:
    opened = Store.open(db_path, clock=fixed_clock)
    yield opened
    opened.close()


@pytest.fixture
def campaign(store: Store) -> Store:
    questions = [q.id for q in store.questions()]
    with store.batch():
        alex = store.add_contact(Contact(name="Alex Example", company="Café Data", notes="Likes the café."))
        sam = store.add_contact(Contact(name="Sam Sample", company="Contoso", tags=["café"]))
        store.add_interview(Interview(
            contact_id=alex.id, when=NOW - timedelta(days=3), question_ids=questions[:2],
            answers={str(questions[0]): "Started at a CAFE counter."}, notes="A portfolio first.",
            takeaways="Visit the cafe meetup.",
        ))
        store.add_touch(Touch(contact_id=sam.id, kind=TouchKind.REPLIED, at=NOW - timedelta(days=1), note="Café on Friday"))
        store.add_followup(FollowUp(contact_id=sam.id, due=NOW + timedelta(days=2), kind=FollowUpKind.CHECK_IN, note="Ask about the café"))
    return store


def keys_of(index: SearchIndex, query: str) -> list[tuple[object, ...]]:
    return [hit.key for hit in index.search(query).hits]


def test_the_index_made_from_what_was_read_is_the_index_of_the_store(campaign: Store) -> None:
    sources = Sources.read(campaign)
    made = SearchIndex.from_sources(sources)
    assert made is not None
    built = SearchIndex.build(campaign)
    assert len(made) == len(built) == 8
    for query in ("cafe", "CAFÉ", "café fri", "portfolio", "sam", "x"):
        assert keys_of(made, query) == keys_of(built, query), query
    assert made.search("cafe").total == 7


def test_the_index_ranks_the_same_whatever_order_the_records_were_read_in(campaign: Store) -> None:
    with campaign.batch():
        for name in ("zoë cafe", "Zoe Cafe", "ZOE CAFE", "Adam Café"):
            contact = campaign.add_contact(Contact(name=name))
            for days in (1, 1, 2):
                campaign.add_followup(FollowUp(contact_id=contact.id, due=NOW + timedelta(days=days), note="café call"))  # type: ignore[arg-type]
    assert keys_of(SearchIndex.from_sources(Sources.read_unsorted(campaign)), "cafe") == keys_of(SearchIndex.build(campaign), "cafe")  # type: ignore[arg-type]
    read = Sources.read(campaign)
    shuffled = Sources(
        contacts=read.contacts[::-1], touches=read.touches[::-1], followups=read.followups[::-1],
        interviews=read.interviews[::-1], questions=read.questions,
    )
    made = SearchIndex.from_sources(shuffled)
    assert made is not None
    for query in ("cafe", "zoe", "call"):
        assert keys_of(made, query) == keys_of(SearchIndex.build(campaign), query), query
    # Those named by the query first, by name (ties in the order they were added), then the rest.
    named = [hit.contact_name for hit in made.search("cafe").hits[:6]]
    assert named == ["Adam Café", "Zoe Cafe", "ZOE CAFE", "zoë cafe", "Alex Example", "Sam Sample"]


def test_the_index_is_made_from_what_was_read_even_if_the_store_changes_after(campaign: Store) -> None:
    """Read on the thread that changes the store, made on another: what it holds is what was read."""
    sources = Sources.read(campaign)
    campaign.add_contact(Contact(name="Casey Café"))
    made: list[SearchIndex | None] = []
    thread = threading.Thread(target=lambda: made.append(SearchIndex.from_sources(sources)))
    thread.start()
    thread.join()
    (index,) = made
    assert index is not None
    assert [hit.contact_name for hit in index.search("casey").hits] == []
    assert [hit.contact_name for hit in SearchIndex.build(campaign).search("casey").hits] == ["Casey Café"]


def test_an_index_no_longer_wanted_stops_being_made(campaign: Store) -> None:
    with campaign.batch():
        for number in range(2_000):
            campaign.add_contact(Contact(name=f"Contact {number:05d} Example"))
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    assert SearchIndex.from_sources(Sources.read(campaign), cancelled) is None
    assert len(asked) == 1  # stopped at the first look, not after every record
    assert SearchIndex.from_sources(Sources.read(campaign), lambda: False) is not None


def test_what_was_read_is_described_by_counts_not_by_every_record(campaign: Store) -> None:
    """Anything that describes it (a worker's description, a log line, a traceback) would
    otherwise write every record: 1.5 s at 50,000 contacts, on the interface's thread."""
    with campaign.batch():
        for number in range(500):
            campaign.add_contact(Contact(name=f"Contact {number:05d} Example"))
    described = repr(Sources.read(campaign))
    assert described == "Sources(502 contacts, 1 touches, 1 follow-ups, 1 conversations)"
