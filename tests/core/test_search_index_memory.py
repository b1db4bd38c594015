"""The search index keeps a contact's details folded for matching, and not a second copy of
them as shown: a contact hit's text is made again from the contact when the hit is made
(7 MiB of the index at 50,000 contacts)."""

from __future__ import annotations

import gc
import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.models import Contact
from interview_tui.core.search import Kind, SearchIndex, Sources, contact_line

WORDS = st.text(alphabet="abcdeé ÉßZ-", min_size=1, max_size=12).filter(str.strip)


def sources(contacts: list[Contact]) -> Sources:
    return Sources(contacts=contacts, touches=[], followups=[], interviews=[], questions={})


@given(st.lists(st.tuples(WORDS, WORDS, WORDS), min_size=1, max_size=8))
def test_a_contact_hit_shows_the_contacts_line(details: list[tuple[str, str, str]]) -> None:
    contacts = [Contact(id=i + 1, name=name, company=company, role=role) for i, (name, company, role) in enumerate(details)]
    index = SearchIndex.from_sources(sources(contacts))
    assert index is not None
    by_id = {c.id: c for c in contacts}
    for contact in contacts:
        for hit in index.search(contact.name).hits:
            if hit.kind is Kind.CONTACT:
                assert hit.text == contact_line(by_id[hit.contact_id])


def test_the_index_holds_one_folded_copy_of_a_contacts_details() -> None:
    count = 2000
    contacts = [
        Contact(id=i + 1, name=f"Contact {i:05d} Example", company=f"Company of many words {i % 50}",
                role="Senior principal consultant", email=f"contact{i:05d}@example.org")
        for i in range(count)
    ]
    given_sources = sources(contacts)
    line = len(contact_line(contacts[0]))
    gc.collect()
    tracemalloc.start()
    try:
        index = SearchIndex.from_sources(given_sources)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert index is not None and len(index) == count
    # The folded line (49 bytes and one a character), the folded name, the name by id and the
    # column slots: about 340 bytes here; a second copy of the line added 150 more (520).
    assert held / count < 2 * (line + 49) + 100
