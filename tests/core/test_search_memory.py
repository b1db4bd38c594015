"""The search index at scale keeps its records in columns that point at the records' own texts
(core/search.py, ``SearchIndex``): what a hit says of itself is the same for every kind of
record, a note is never copied into the index, and ranking by name still reads only the name
(folded as the line is, however that changed its length)."""

from __future__ import annotations

import gc
from datetime import datetime, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Interview, Touch, TouchKind
from interview_tui.core.search import Kind, SearchIndex, Sources
from interview_tui.core.text import fold

WHEN = datetime(2026, 11, 25, 10, 0)


def index_of(sources: Sources) -> SearchIndex:
    index = SearchIndex.from_sources(sources)
    assert index is not None
    return index


def every_kind() -> Sources:
    return Sources(
        contacts=[Contact(id=7, name="Alex Example", company="Northwind", notes="walrus met at a fair")],
        touches=[Touch(id=3, contact_id=7, kind=TouchKind.THANKED, at=WHEN - timedelta(days=2), note="walrus thanked")],
        followups=[
            FollowUp(id=5, contact_id=7, kind=FollowUpKind.NUDGE, due=WHEN - timedelta(days=1), note="walrus nudge"),
            FollowUp(id=6, contact_id=7, kind=FollowUpKind.NUDGE, due=WHEN - timedelta(days=9), note="walrus nudged",
                     done_at=WHEN - timedelta(days=8)),
        ],
        interviews=[
            Interview(id=11, contact_id=7, when=WHEN, question_ids=[1], answers={"1": "walrus answer"},
                      notes="walrus notes", takeaways="walrus takeaway"),
        ],
        questions={1: "How did you start?"},
    )


def test_every_kind_of_hit_says_where_it_is_from() -> None:
    hits = index_of(every_kind()).search("walrus").hits
    seen = [(h.kind, h.contact_id, h.contact_name, h.interview_id, h.question_id, h.question, h.when, h.key) for h in hits]
    assert seen == [
        (Kind.CONTACT_NOTES, 7, "Alex Example", None, None, "", None, ("about", 7, None, None, "")),
        (Kind.CONTACT_NOTES, 7, "Alex Example", None, None, "Nudge due", WHEN - timedelta(days=1),
         ("about", 7, None, None, "follow-up 5")),
        (Kind.CONTACT_NOTES, 7, "Alex Example", None, None, "Thanked", WHEN - timedelta(days=2),
         ("about", 7, None, None, "touch 3")),
        (Kind.CONTACT_NOTES, 7, "Alex Example", None, None, "Nudge done", WHEN - timedelta(days=8),
         ("about", 7, None, None, "follow-up 6")),
        (Kind.ANSWER, 7, "Alex Example", 11, 1, "How did you start?", WHEN, ("answer", 7, 11, 1, "")),
        (Kind.NOTES, 7, "Alex Example", 11, None, "", WHEN, ("notes", 7, 11, None, "")),
        (Kind.TAKEAWAYS, 7, "Alex Example", 11, None, "", WHEN, ("takeaways", 7, 11, None, "")),
    ]
    contact = index_of(every_kind()).search("northwind").hits[0]
    assert (contact.kind, contact.text, contact.key) == (Kind.CONTACT, "Alex Example · Northwind", ("contact", 7, None, None, ""))


def test_the_index_points_at_the_stored_texts_rather_than_copying_them() -> None:
    # At 50,000 contacts the notes are tens of megabytes: the index holds them once, as stored.
    sources = every_kind()
    hits = {h.key: h for h in index_of(sources).search("walrus").hits}
    assert hits[("notes", 7, 11, None, "")].text is sources.interviews[0].notes
    assert hits[("about", 7, None, None, "touch 3")].text is sources.touches[0].note
    assert hits[("about", 7, None, None, "follow-up 5")].text is sources.followups[0].note
    # What a follow-up was is one string for all the follow-ups of a kind done or due.
    many = Sources(
        contacts=[Contact(id=1, name="Sam Sample")],
        touches=[],
        followups=[FollowUp(id=n, contact_id=1, kind=FollowUpKind.NUDGE, due=WHEN + timedelta(days=n), note=f"ping {n}")
                   for n in range(1, 4)],
        interviews=[],
        questions={},
    )
    labels = [h.question for h in index_of(many).search("ping").hits]
    assert labels == ["Nudge due"] * 3
    assert all(label is labels[0] for label in labels)


names = st.text(alphabet="aAbBßẞéÉoØ ﬁ", min_size=1, max_size=8).filter(lambda n: n.strip())


@given(people=st.lists(st.tuples(names, names), min_size=1, max_size=6), query=st.text(alphabet="abßsoeé ﬁ", min_size=1, max_size=4))
def test_people_whose_name_holds_the_words_come_first(people: list[tuple[str, str]], query: str) -> None:
    # Ranking reads only the name, folded as the line is, however folding changed its length
    # (ß is two letters folded, ﬁ two, é one): a word in the company does not count.
    contacts = [Contact(id=n, name=name, company=company) for n, (name, company) in enumerate(people, 1)]
    index = index_of(Sources(contacts=contacts, touches=[], followups=[], interviews=[], questions={}))
    words = fold(query).split()
    assume(words)  # nothing asked, nothing found
    hits = index.search(query).hits
    named = [all(w in fold(c.name) for w in words) for c in (next(c for c in contacts if c.id == h.contact_id) for h in hits)]
    assert named == sorted(named, reverse=True)
    everyone_named = sum(all(w in fold(c.name) for w in words) for c in contacts)
    assert sum(named) == everyone_named


def test_a_full_collection_has_nothing_of_the_index_to_walk_but_its_recent_queries() -> None:
    # At 50,000 contacts the index is 200,000 records: every full collection while the search is
    # open would walk them all, a pause in the middle of typing. Once the collector has seen the
    # index, what it holds is left alone.
    index = index_of(every_kind())
    index.search("walrus")
    gc.collect()
    walked = [name for name, value in vars(index).items() if gc.is_tracked(value) and name != "_cache"]
    assert walked == []
