"""What the contact filter box understands: words, plus rel:, stage: and #tag (or tag:) terms.

``ux rel:friend stage:asked #design`` keeps the contacts whose details hold "ux", who are
friends, who were asked, and who are tagged design. A term's value may be the start of a word
(``rel:fam``, ``stage:inter``, ``#des``); the same kind twice means either (``rel:friend
rel:family``, ``#design #research``); different kinds must all hold. A term with no value yet
(``rel:``, ``#``, as typed on the way to ``rel:friend``) asks for nothing, so the list does not
blink empty while a term is being typed. A value that names no relationship or stage
(``rel:enemy``) matches no one, visibly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .models import Contact, Relationship, Stage
from .text import fold

WARMTH: dict[Relationship, int] = {
    Relationship.FAMILY: 0,
    Relationship.FRIEND: 1,
    Relationship.CLASSMATE: 2,
    Relationship.COLLEAGUE: 3,
    Relationship.ALUMNI: 4,
    Relationship.REFERRAL: 5,
    Relationship.COLD: 6,
}
"""The method: start with the people you are most comfortable with."""


def search_key(contact: Contact) -> str:
    """What the filter's words are looked for in, folded as search folds (``cafe`` finds Café)."""
    return fold(" ".join((contact.name, contact.company, contact.role, contact.field, contact.email, *contact.tags)))


class ContactQuery(NamedTuple):
    words: tuple[str, ...] = ()
    relationships: frozenset[Relationship] = frozenset()
    stages: frozenset[Stage] = frozenset()
    tags: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> ContactQuery:
        words: list[str] = []
        relationships: set[Relationship] = set()
        stages: set[Stage] = set()
        tags: list[str] = []
        for term in text.casefold().split():
            kind, colon, value = term.partition(":")
            if colon and kind in ("rel", "relationship", "stage", "tag"):
                if not value:
                    continue  # still being typed
                if kind == "tag":
                    tags.append(value.removeprefix("#"))
                    continue
                if kind == "stage":
                    wanted = value.replace("-", "_")
                    matched_stages = {s for s in Stage if s.value.startswith(wanted)}
                    if matched_stages:
                        stages.update(matched_stages)
                        continue
                else:
                    matched = {r for r in Relationship if r.value.startswith(value)}
                    if matched:
                        relationships.update(matched)
                        continue
                words.append(term)  # names no relationship or stage: matches nobody, visibly
            elif term.startswith("#"):
                if len(term) > 1:
                    tags.append(term[1:])
            else:
                words.append(fold(term))
        return cls(tuple(words), frozenset(relationships), frozenset(stages), tuple(dict.fromkeys(tags)))

    def matches(self, contact: Contact, key: str) -> bool:
        """``key`` is the contact's search_key (worked out once, not per keystroke)."""
        if self.relationships and contact.relationship not in self.relationships:
            return False
        if self.stages and contact.stage not in self.stages:
            return False
        if self.tags and not any(
            own.casefold().startswith(tag) for own in contact.tags for tag in self.tags
        ):
            return False
        return all(word in key for word in self.words)


def filter_contacts(index: Sequence[tuple[str, Contact]], text: str) -> list[Contact]:
    """The contacts of ``index`` (search key, contact) that ``text`` asks for, in index order."""
    query = ContactQuery.parse(text)
    if query == ContactQuery():
        return [contact for _, contact in index]
    return [contact for key, contact in index if query.matches(contact, key)]


def warmest_first(contacts: list[Contact]) -> list[Contact]:
    """Family and friends first, cold contacts last; by name within each."""
    return sorted(contacts, key=lambda c: (WARMTH[c.relationship], c.name.casefold(), c.id or 0))
