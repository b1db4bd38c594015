"""Full-text search over every contact, what is noted about them, and every conversation's
answers, free notes and key takeaways; and the contact filter's narrowing (``ContactFilter``).

The index is built once, when the search opens: one record per searchable field (a contact's
details, a contact's notes, one answer, a conversation's notes, its takeaways), each with its text
folded for matching. It is made from lists of the records read from the store beforehand
(``Sources``), so that a large workspace's can be made on another thread. A query is split into words; a field matches when it holds every word
(ANDed, as in the contact filter), anywhere, even inside a longer word ("port" finds
"portfolio"). Matching ignores case and accents: text and query are both *folded*
(``fold``): case-folded, decomposed (NFKD) and stripped of combining marks, so "cafe" finds
"Café", "CAFÉ" finds "cafe" and "strasse" finds "Straße".

Results come best first: contacts whose name holds every word, then the other contacts that
match, then what is noted about a person, then conversations newest first (within one: its
answers in the order of the plan, then its notes, then its takeaways). Only the first ``limit``
are made into hits; the total is always counted.

Typing one more character narrows: when every word of the previous query lies inside a word of
the new one, the new matches are a subset of the old, so only those are checked again. Recent
queries are remembered, so that erasing is as quick as typing. That is what keeps a keystroke
within a frame at 10,000 contacts and 5,000 conversations (benchmarks/README.md).
"""

from __future__ import annotations

import enum
import gc
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from itertools import chain, islice
from operator import attrgetter
from typing import Final, TypeVar

from .contact_query import ContactQuery, search_key
from .models import Contact, FollowUp, FollowUpKind, Interview, Touch
from .notes_doc import HEADING, NOTES_HEADING, TAKEAWAYS_HEADING, questions_shown
from .store import Store
from .text import fold, fold_offsets
from .timeline import TOUCH_WORDS

LIMIT = 200
"""Hits made per query; more are counted but not listed (typing another word narrows them)."""

SNIPPET_BEFORE = 30
"""Characters of context kept before the first match of a snippet."""

SNIPPET_LENGTH = 160
"""Characters of a snippet at most (a row shows what fits of it)."""

NAMES_AT_A_TIME = 4096
"""Contacts found whose names are read at a time while ranking: once as many named as hits are
made are found, the others are not read. At 50,000 contacts, a query every name holds
("contact") read them all at each keystroke."""

CACHE_SIZE = 32
"""Recent queries whose matches are kept, to narrow from or to go back to."""

LONG = 256
"""Characters from which a note is searched as stored (with the words of it that folding
changes) rather than as a folded copy. A short one is copied: the copies, made one after the
other, lie together in memory, where the stored texts are spread among every other record, and
reaching 100,000 of those at each keystroke took longer than reading them."""

CACHE_POSITIONS = 1 << 21
"""Matches kept in all for those queries (8 MiB): at 50,000 contacts a query of a letter or two
matches most of the 200,000 records, and 32 of them took tens of megabytes."""


class Kind(enum.Enum):
    """Which field of which record a hit is in."""

    CONTACT = "contact"
    """The contact's details: name, role, company, field, email, tags."""
    CONTACT_NOTES = "about"
    """What the user noted about the person (not about a conversation): the contact's own notes,
    the note typed with a touch (a check-in, "we talked") and a follow-up's note."""
    ANSWER = "answer"
    NOTES = "notes"
    """A conversation's free notes."""
    TAKEAWAYS = "takeaways"

    @property
    def label(self) -> str:
        return self.value


def query_words(query: str) -> tuple[str, ...]:
    """The words a query asks for, folded, each once, longest first."""
    return tuple(sorted(set(fold(query).split()), key=lambda w: (-len(w), w)))


def _essential(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` (longest first) without those inside another of them: they ask for nothing
    more, so "con contact" is looked for in one pass, not two (and both are highlighted)."""
    kept: list[str] = []
    for word in words:
        if not any(word in longer for longer in kept):
            kept.append(word)
    return tuple(kept)


def _refines(words: Sequence[str], earlier: Sequence[str]) -> bool:
    """True when whatever holds ``words`` surely holds ``earlier``: each earlier word lies inside
    one of the new words. Then the new matches are among the earlier ones."""
    return all(any(old in new for new in words) for old in earlier)


# The index -------------------------------------------------------------------------------------

# A field of the index is a plain tuple of strings, numbers and a date: CPython's garbage collector
# stops tracking such tuples after it first sees them, so the 20,000 fields of a large workspace
# do not lengthen every full collection while the search is open (an object per field did, by
# tens of milliseconds, in the middle of typing).
_Record = tuple[str, int, str, str, "int | None", "int | None", str, "datetime | None", str]
"""(kind's value, contact id, contact name, text, interview id, question id, question, when,
source). The text is the field as stored; for a contact, its details on one line
(``contact_line``). The source tells apart the notes of one person: "" for the contact's own,
"touch 3", "follow-up 7"; for those two the question slot says what it was ("Thanked")."""
# Final, so that the checker knows each field's own type.
_KIND: Final = 0
_CONTACT_ID: Final = 1
_NAME: Final = 2
_TEXT: Final = 3
_INTERVIEW_ID: Final = 4
_QUESTION_ID: Final = 5
_QUESTION: Final = 6
_WHEN: Final = 7
_SOURCE: Final = 8
_CONTACT = "contact"


SEPARATOR = " · "
"""Between the parts of a contact's details; folding leaves it as it is."""


def _contact_parts(contact: Contact) -> list[str]:
    tags = " ".join(f"#{tag}" for tag in contact.tags)
    parts = (contact.name, contact.company_role, contact.field, contact.email, tags)
    return [part for part in parts if part]


def contact_line(contact: Contact) -> str:
    """A contact's details on one line: what a contact hit shows and what it matches in. It
    starts with the name."""
    return SEPARATOR.join(_contact_parts(contact))


def _text_of(stored: str | Contact) -> str:
    """A record's text from its column: a contact's is its line, made when a hit needs it."""
    return stored if type(stored) is str else contact_line(stored)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Snippet:
    """A line of context from a field, with where the query's words are in it."""

    text: str
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each match in ``text``, in order, never overlapping."""


class Hit:
    """A field that holds every word of the query, and what is needed to show and open it."""

    def __init__(
        self,
        index: SearchIndex,
        position: int,
        folded: str | None,
        words: tuple[str, ...],
        offsets: dict[str, Sequence[int] | None],
    ) -> None:
        self._index = index
        self._position = position
        self._given_folded = folded
        self._offsets_cache = offsets
        self.words = words
        """The query's words, folded."""

    def __repr__(self) -> str:
        return f"Hit({self.kind.value}, {self.contact_name!r}, {self.snippet.text!r})"

    @cached_property
    def _record(self) -> _Record:
        # Made when first asked for: a keystroke makes up to LIMIT hits, and the list keeps
        # its cursor on the first and draws the few dozen that fit on the screen.
        return self._index._record(self._position)

    @property
    def kind(self) -> Kind:
        return Kind(self._record[_KIND])

    @property
    def contact_id(self) -> int:
        return self._record[_CONTACT_ID]

    @property
    def contact_name(self) -> str:
        return self._record[_NAME]

    @property
    def interview_id(self) -> int | None:
        """The conversation of an answer, notes or takeaways hit; None for the contact kinds."""
        return self._record[_INTERVIEW_ID]

    @property
    def question_id(self) -> int | None:
        return self._record[_QUESTION_ID]

    @property
    def question(self) -> str:
        """The question an answer answers; for a touch's or a follow-up's note, what it was
        ("Thanked", "Thank you done"); empty for the other kinds."""
        return self._record[_QUESTION]

    @property
    def when(self) -> datetime | None:
        """When the conversation is or was; None for the contact kinds."""
        return self._record[_WHEN]

    @property
    def text(self) -> str:
        """The whole field, as stored."""
        return self._record[_TEXT]

    @property
    def key(self) -> tuple[object, ...]:
        """What identifies this field from one query to the next."""
        record = self._record
        return (record[_KIND], record[_CONTACT_ID], record[_INTERVIEW_ID], record[_QUESTION_ID], record[_SOURCE])

    @cached_property
    def snippet(self) -> Snippet:
        """Context around the first match, as a result row shows it. Made when first asked for:
        a keystroke makes up to LIMIT hits and a screen shows a few dozen."""
        return self.context()

    @cached_property
    def _folded(self) -> str:
        # The index keeps a folded copy of a contact's details only: a note's is made for the
        # few hits whose context is shown.
        folded = self._given_folded
        return fold(self.text) if folded is None else folded

    @cached_property
    def match_start(self) -> int:
        """Where in ``text`` the first match begins."""
        found = [p for p in (self._folded.find(w) for w in self.words) if p >= 0]
        first = min(found, default=0)
        return self._original_span(first, first + 1)[0]

    @cached_property
    def _offsets(self) -> Sequence[int] | None:
        # Worked out for the fields shown, not for all at indexing, and kept by the index (by
        # the field's text) for the next keystrokes.
        cache, text = self._offsets_cache, self.text
        if text not in cache:
            cache[text] = fold_offsets(text, self._folded)
        return cache[text]

    def _original_span(self, begin: int, end: int) -> tuple[int, int]:
        """The span of ``text`` that the folded span [begin, end) came from."""
        offsets = self._offsets
        if offsets is None:
            return begin, end
        if not offsets:
            return 0, 0
        start = offsets[min(begin, len(offsets) - 1)]
        finish = offsets[end] if end < len(offsets) else len(self.text)
        # A match inside one character's folding (the first "s" of "ß") marks that character.
        return start, max(finish, start + 1)

    def _folded_position(self, position: int) -> int:
        """Where ``text[position]`` begins in the folded text."""
        offsets = self._offsets
        return position if offsets is None else bisect_left(offsets, position)

    def context(self, before: int = SNIPPET_BEFORE, length: int = SNIPPET_LENGTH) -> Snippet:
        """Up to ``length`` characters of the field around its first match, on one line, with
        "…" where it was cut, and every match of every word in it marked."""
        folded, text = self._folded, self.text
        first = self.match_start
        # A contact's line is short and reads from the name: shown from its start.
        start = 0 if self._record[_KIND] == _CONTACT else max(0, first - before)
        if start > 0:
            # Begin at a word, not in the middle of one, when there is a space to begin after.
            space = next((i for i in range(start, first) if text[i].isspace()), None)
            if space is not None:
                start = space + 1
        while start < first and text[start].isspace():
            start += 1
        end = min(len(text), start + length)
        spans: list[tuple[int, int]] = []
        folded_start = self._folded_position(start)
        folded_end = self._folded_position(end)
        cut_in_a_match = False
        for word in self.words:
            position = folded.find(word, folded_start)
            while 0 <= position < folded_end:
                begin, finish = self._original_span(position, position + len(word))
                cut_in_a_match = cut_in_a_match or begin < end < finish
                begin, finish = max(begin, start), min(finish, end)
                if begin < finish:
                    spans.append((begin, finish))
                position = folded.find(word, position + 1)
        if cut_in_a_match:
            # The "…" after a word found and cut is marked with it: "the res…" reads as found,
            # where "[the res]…" read as a part of the word found.
            spans.append((end, end + 1))
        merged: list[tuple[int, int]] = []
        for begin, finish in sorted(spans):
            if merged and begin <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
            else:
                merged.append((begin, finish))
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        shift = len(prefix) - start
        line = prefix + text[start:end].translate(_ONE_LINE) + suffix
        return Snippet(line, tuple((b + shift, f + shift) for b, f in merged))


# Line breaks, tabs, any other control character and the bidirectional controls become a space,
# one for one: the match positions stay right, and nothing in a stored field can drive the
# terminal or reorder the row it is shown in.
_ONE_LINE = {
    code: " "
    for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
# A lone surrogate (undecodable bytes from a pasted or imported file) could not be written to
# the terminal at all.
_ONE_LINE.update({code: "\ufffd" for code in range(0xD800, 0xE000)})


_CHECK_EVERY = 512
"""Records made between two looks at whether the index is still wanted."""


class _Cancelled(Exception):
    """The index being built is no longer wanted."""


def _never() -> bool:
    return False


_BY_ID = attrgetter("id")
_BY_DUE = attrgetter("due")


def _folded_name(contact: Contact) -> str:
    return contact.name.casefold()


@dataclass(frozen=True, slots=True, repr=False)
class Sources:
    """What the index is made of, read from the store in one go, on the thread that changes it.
    Reading takes lists of the records as they are (a few milliseconds at 50,000 contacts);
    making the index of them is most of the work, and needs nothing else, so it can be done
    elsewhere while the search is already on screen (``SearchIndex.from_sources``)."""

    contacts: list[Contact]
    touches: list[Touch]
    followups: list[FollowUp]
    """Done ones included."""
    interviews: list[Interview]
    questions: dict[int, str]
    """Each question's text by id, retired ones included."""

    @classmethod
    def read(cls, store: Store) -> Sources:
        return cls._read(store, store.contacts())

    @classmethod
    def read_unsorted(cls, store: Store) -> Sources:
        """As ``read``, with the contacts in no particular order: the index sorts them itself,
        and sorting them here took 10 ms at 50,000 contacts on the interface's thread. (The
        follow-ups come sorted, the store having no other way to give them all.)"""
        return cls._read(store, store.contacts_unsorted())

    @classmethod
    def _read(cls, store: Store, contacts: list[Contact]) -> Sources:
        return cls(
            contacts=contacts,
            touches=store.all_touches(),
            followups=store.all_followups(),  # put in order below, as the results need them
            interviews=store.all_interviews(),
            questions={q.id: q.text for q in store.questions(include_retired=True) if q.id is not None},
        )

    def __len__(self) -> int:
        """How many records there are to index, roughly what building takes."""
        return len(self.contacts) + len(self.touches) + len(self.followups) + len(self.interviews)

    def __repr__(self) -> str:
        # Counts, not the records: a log line or a traceback showing every record of a large
        # workspace would take seconds to write.
        return (
            f"Sources({len(self.contacts)} contacts, {len(self.touches)} touches, "
            f"{len(self.followups)} follow-ups, {len(self.interviews)} conversations)"
        )


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    """The best ``limit`` matches, best first."""
    total: int
    """How many fields match in all."""
    words: tuple[str, ...]


_T = TypeVar("_T")


def _frozen(column: list[_T]) -> tuple[_T, ...]:
    """``column`` as a tuple, the list emptied: made one after the other, the lists and their
    tuples are never all held at once (tens of megabytes at 50,000 contacts)."""
    made = tuple(column)
    column.clear()
    return made


# What each record of the index is, one byte each (``SearchIndex._codes``): its kind, and for
# what is noted about a person, where the note was typed (the contact's own notes, a touch, a
# follow-up), which names the record's source ("touch 3") in ``Hit.key``.
_OF_CONTACT, _OWN_NOTES, _OF_TOUCH, _OF_FOLLOWUP, _OF_ANSWER, _OF_NOTES, _OF_TAKEAWAYS = range(7)
_KIND_OF_CODE = (
    _CONTACT,
    Kind.CONTACT_NOTES.value,
    Kind.CONTACT_NOTES.value,
    Kind.CONTACT_NOTES.value,
    Kind.ANSWER.value,
    Kind.NOTES.value,
    Kind.TAKEAWAYS.value,
)
_SOURCE_OF_CODE = ("", "", "touch", "follow-up", "", "", "")


def _folds_to_itself(word: str) -> bool:
    """True when every character of ``word`` is its own folding. Then wherever a text holds
    ``word`` as it is, its folding holds it too, at the same place: the stored text can be
    searched as it is. (A folded query's words nearly always are; "ℌ" folds to "H", which is not.)"""
    if word.isascii():
        return word == word.lower()
    return all(fold(char) == char for char in word)


def _refolded_words(text: str) -> str:
    """The words of ``text`` (runs between white space) that folding changes, folded, each once,
    joined by spaces; "" when folding changes none.

    What the index keeps of a note instead of a folded copy (``SearchIndex._extras``): a query's
    word, having no space in it, lies within one word of the folded text, and white space folds to
    white space, so the folded text holds it exactly when the text as stored does (for a word that
    folds to itself) or these do. In prose that is the capitalised words, a tenth of the text."""
    if text.isascii():
        lowered = text.lower()
        if lowered == text:
            return ""
        changed = [low for word, low in zip(text.split(), lowered.split(), strict=True) if word != low]
    else:
        if fold(text) == text:
            return ""
        changed = [folded for word in text.split() if (folded := fold(word)) != word]
    return " ".join(dict.fromkeys(changed))


class SearchIndex:
    """Everything searchable in a workspace; ``search`` is called per keystroke.

    A record is a position in parallel columns rather than an object of its own: at 50,000
    contacts there are 200,000 of them, and a tuple and the strings made for each (what a
    follow-up was, where a note was typed) took more memory than the texts they point at. The
    columns point at the records' own strings, ids and dates. What is new is small: a contact's
    details folded on one line and its name folded (the first records, one per contact), a byte
    per record, and for a note, not a folded copy (at 50,000 contacts the notes are 26 MB) but the
    words of it that folding changes (``_refolded_words``), the same string for every note that
    has the same. A hit's fields are put together when the hit is made (``_record``), for the
    few hundred a query lists."""

    def __init__(
        self,
        codes: bytes,
        contact_ids: Sequence[int],
        texts: Sequence[str | Contact],
        searched: Sequence[str],
        extras: Sequence[str],
        ids: Sequence[int | None],
        labels: Sequence[str],
        whens: Sequence[datetime | None],
        question_ids: dict[int, int],
        names: dict[int, str],
        folded_names: Sequence[str],
    ) -> None:
        self._codes = codes
        self._contact_ids = contact_ids
        self._texts = texts
        """The field as stored; for a contact, the contact, whose details on one line
        (``contact_line``) are the record's text."""
        self._searched = searched
        """What is searched of each record: a contact's line folded, a short note folded, a
        long one as stored (with ``_extras``)."""
        self._extras = extras
        """The words of each record's text that folding changes, folded (``_refolded_words``);
        "" for a contact, whose text is folded already."""
        self._ids = ids
        """The conversation of an answer, notes or takeaways; the touch or the follow-up a note
        was typed with; None for a contact's details and own notes."""
        self._labels = labels
        """An answer's question; what a touch or a follow-up was ("Thanked"); else empty."""
        self._whens = whens
        self._question_ids = question_ids
        """The question of each answer, by the record's position."""
        self._names = names
        """Each contact's name, by id."""
        self._folded_names = folded_names
        """The folded name of each contact record: they are the first ``len(folded_names)``
        records."""
        self._cache: OrderedDict[tuple[str, ...], array[int]] = OrderedDict()
        """Recent queries' matches, as positions: four bytes each, where a list of numbers took
        about forty (a query of one letter matches most of 200,000 records)."""
        self._offsets: dict[str, Sequence[int] | None] = {}
        """See Hit._offsets."""

    def __len__(self) -> int:
        return len(self._codes)

    def _record(self, position: int) -> _Record:
        """The record at ``position``, with every field a hit shows."""
        code = self._codes[position]
        contact_id = self._contact_ids[position]
        record_id = self._ids[position]
        source = _SOURCE_OF_CODE[code]
        return (
            _KIND_OF_CODE[code],
            contact_id,
            self._names[contact_id],
            _text_of(self._texts[position]),
            record_id if code >= _OF_ANSWER else None,
            self._question_ids.get(position),
            self._labels[position],
            self._whens[position],
            f"{source} {record_id}" if source else "",
        )

    @classmethod
    def build(cls, store: Store) -> SearchIndex:
        """The index of everything in ``store`` now, built here and at once."""
        index = cls.from_sources(Sources.read(store))
        assert index is not None  # nothing to cancel it
        return index

    @classmethod
    def from_sources(cls, sources: Sources, cancelled: Callable[[], bool] | None = None) -> SearchIndex | None:
        """The index of ``sources``, or None when ``cancelled()`` turns true while it is made
        (asked every few hundred records). It reads nothing but ``sources``, so it can be built
        on another thread than the one that changes the store."""
        # Tens of thousands of new objects, none of them garbage: left on, the cyclic collector
        # would walk everything the app has made since it started several times over while they
        # are made (it doubled the time to open the search at 10,000 contacts). Off while
        # building, as Store.open does while loading, and back as it was, errors included.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return cls._build(sources, cancelled or _never)
        except _Cancelled:
            return None
        finally:
            if collecting:
                gc.enable()

    @classmethod
    def _build(cls, sources: Sources, cancelled: Callable[[], bool]) -> SearchIndex:
        codes = bytearray()
        contact_ids: list[int] = []
        texts: list[str | Contact] = []
        searched: list[str] = []
        extras: list[str] = []
        ids: list[int | None] = []
        labels: list[str] = []
        whens: list[datetime | None] = []
        question_ids: dict[int, int] = {}
        folded_names: list[str] = []
        # One string for all the notes whose changed words are the same ("follow-up", "thanks").
        same: dict[str, str] = {"": ""}

        def check(done: int) -> None:
            if not done % _CHECK_EVERY and cancelled():
                raise _Cancelled

        def add(code: int, contact_id: int, text: str, record_id: int | None, label: str, when: datetime | None) -> None:
            codes.append(code)
            contact_ids.append(contact_id)
            texts.append(text)
            if len(text) < LONG:
                folded = fold(text)
                searched.append(text if folded == text else folded)
                extras.append("")
            else:
                searched.append(text)
                extra = _refolded_words(text)
                extras.append(same.setdefault(extra, extra))
            ids.append(record_id)
            labels.append(label)
            whens.append(when)

        # By name, ties by id, as the store lists them (``Store.contacts``).
        contacts = sorted((c for c in sources.contacts if c.id is not None), key=_BY_ID)
        contacts.sort(key=_folded_name)
        for done, contact in enumerate(contacts):
            assert contact.id is not None
            check(done)
            parts = _contact_parts(contact)
            line = SEPARATOR.join(parts)
            codes.append(_OF_CONTACT)
            contact_ids.append(contact.id)
            texts.append(contact)  # its line made again for a hit: 7 MiB at 50,000 contacts
            extras.append("")
            ids.append(None)
            labels.append("")
            whens.append(None)
            if all(part.isascii() for part in parts):
                # The usual case, and 10,000 times: the separator folds to itself, as lower()
                # leaves it, so the line is lowered in one go.
                searched.append(line.lower())
                folded_names.append(line[: len(contact.name)].lower())
            else:
                # Folding goes character by character: the folded line is the folded parts joined.
                folded_parts = [fold(part) for part in parts]
                searched.append(SEPARATOR.join(folded_parts))
                folded_names.append(folded_parts[0])

        for contact in contacts:
            assert contact.id is not None
            if contact.notes.strip():
                add(_OWN_NOTES, contact.id, contact.notes, None, "", None)
        names: dict[int, str] = {c.id: c.name for c in contacts if c.id is not None}
        # The notes typed with a touch (what happened) and a follow-up's note (what to do, or
        # what was done), newest first, after what is noted about each person.
        about: list[Touch | FollowUp] = []
        about_at: list[datetime] = []
        for done, touch in enumerate(sources.touches):
            check(done)
            if touch.contact_id in names and touch.note.strip():
                about.append(touch)
                about_at.append(touch.at)
        # Soonest due first, ties by id (``Store.followups``): what comes first among notes of
        # the same moment. Already so, it takes a single pass to see.
        followups = sorted(sources.followups, key=_BY_ID)
        followups.sort(key=_BY_DUE)
        for done, followup in enumerate(followups):
            check(done)
            if followup.contact_id in names and followup.note.strip():
                about.append(followup)
                about_at.append(followup.done_at or followup.due)
        del followups
        # What a follow-up was, in words: one string for each kind done or due, not one each.
        said: dict[tuple[FollowUpKind, bool], str] = {}
        # Newest first; of the same moment, in the order gathered (a stable sort, reversed).
        for done, position in enumerate(sorted(range(len(about)), key=about_at.__getitem__, reverse=True)):
            check(done)
            item, at = about[position], about_at[position]
            if type(item) is Touch:
                what = TOUCH_WORDS.get(item.kind, item.kind.label.capitalize())
                add(_OF_TOUCH, item.contact_id, item.note, item.id, what, at)
            else:
                assert isinstance(item, FollowUp)
                key = (item.kind, item.done_at is not None)
                what = said.get(key) or said.setdefault(key, f"{item.kind.label.capitalize()} {'done' if key[1] else 'due'}")
                add(_OF_FOLLOWUP, item.contact_id, item.note, item.id, what, at)
        del about, about_at
        # Answers are searched under the question's current text, for the questions the notes
        # editor shows (the plan's, then any other answered), so a hit leads to what it found.
        bank = sources.questions
        interviews = sorted(sources.interviews, key=lambda i: (i.when, i.id or 0), reverse=True)
        for done, interview in enumerate(interviews):
            check(done)
            if interview.contact_id not in names or interview.id is None:
                continue
            contact_id, interview_id, when = interview.contact_id, interview.id, interview.when
            if interview.answers:
                for question_id in questions_shown(interview.question_ids, interview.answers):
                    answer = interview.answers.get(str(question_id), "")
                    if question_id not in bank or not answer.strip():
                        continue
                    question_ids[len(codes)] = question_id
                    add(_OF_ANSWER, contact_id, answer, interview_id, bank[question_id], when)
            if interview.notes.strip():
                add(_OF_NOTES, contact_id, interview.notes, interview_id, "", when)
            if interview.takeaways.strip():
                add(_OF_TAKEAWAYS, contact_id, interview.takeaways, interview_id, "", when)
        same.clear()  # the strings it shared stay, in ``extras``
        # Tuples, not lists: a tuple of strings, numbers and dates is left alone by the garbage
        # collector once it has seen it, where every full collection while the search is open
        # would walk each list's 200,000 items at 50,000 contacts (a pause in the middle of
        # typing). The same goes for the dictionary of names.
        return cls(
            bytes(codes), _frozen(contact_ids), _frozen(texts), _frozen(searched), _frozen(extras), _frozen(ids),
            _frozen(labels), _frozen(whens), question_ids, names, _frozen(folded_names),
        )

    def search(self, query: str, limit: int = LIMIT) -> SearchResult:
        words = query_words(query)
        if not words:
            return SearchResult([], 0, ())
        matches = self._matches(_essential(words))
        texts, searched, offsets = self._texts, self._searched, self._offsets
        hits = [
            # A long note is searched as stored: its folding is made for the hit.
            Hit(self, i, None if searched[i] is texts[i] else searched[i], words, offsets)
            for i in islice(self._ranked(matches, words, limit), limit)
        ]
        return SearchResult(hits, len(matches), words)

    def _matches(self, words: tuple[str, ...]) -> array[int]:
        """The records (by position in the index, so in index order) holding every word."""
        cache = self._cache
        found = cache.get(words)
        if found is not None:
            cache.move_to_end(words)
            return found
        narrowest: array[int] | None = None
        implied: tuple[str, ...] = ()
        for earlier, matched in cache.items():
            if (narrowest is None or len(matched) < len(narrowest)) and _refines(words, earlier):
                narrowest, implied = matched, earlier
        # A word inside one of the earlier query's is in every field that query found: only the
        # others are looked for ("contact 01" after "contact 0" looks for "01" alone).
        needed = tuple(word for word in words if not any(word in old for old in implied))
        found = self._filter(narrowest, needed) if needed or narrowest is None else narrowest
        cache[words] = found
        # The oldest go first, beyond so many queries or so many positions in all; the last is
        # always kept.
        while len(cache) > 1 and (len(cache) > CACHE_SIZE or sum(map(len, cache.values())) > CACHE_POSITIONS):
            cache.popitem(last=False)
        return found

    def _filter(self, candidates: array[int] | None, words: tuple[str, ...]) -> array[int]:
        # One pass per word, longest first (usually the rarest, leaving least for the next):
        # a comprehension per word runs at C speed where ``all(...)`` per record would not.
        texts, extras = self._searched, self._extras
        found: Sequence[int] | None = candidates
        for word in words:
            if _folds_to_itself(word):
                if found is None:
                    found = [i for i, text in enumerate(texts) if word in text or word in extras[i]]
                else:
                    found = [i for i in found if word in texts[i] or word in extras[i]]
            else:
                # Rare ("ℌ" folds to "H"): the texts as stored cannot be searched for it.
                people, stored = len(self._folded_names), self._texts
                found = [i for i in (range(len(texts)) if found is None else found)
                         if word in (texts[i] if i < people else fold(stored[i]))]  # type: ignore[arg-type]
        assert found is not None  # a query has a word
        return array("I", found)

    def _ranked(self, matches: array[int], words: tuple[str, ...], limit: int) -> Iterator[int]:
        """``matches`` best first: contacts named by the query, the other contacts, then the
        rest in index order (what is noted about people, then conversations newest first); as
        far as the first ``limit`` at least."""
        names = self._folded_names
        people = bisect_left(matches, len(names))
        contacts = matches[:people]
        named: list[int] = []
        for start in range(0, people, NAMES_AT_A_TIME):
            some: Sequence[int] = contacts[start : start + NAMES_AT_A_TIME]
            for word in words:
                some = [i for i in some if word in names[i]]
            named += some
            if len(named) >= limit:
                # Enough named for every hit made: the names of the rest need not be read.
                return iter(named)
        if len(named) == len(contacts):
            return chain(contacts, matches[people:])
        is_named = set(named)
        return chain(named, (i for i in contacts if i not in is_named), matches[people:])


# The contact filter ----------------------------------------------------------------------------


_APART = "\x00"
"""Between the contacts' texts when they are folded in one go: no field of a contact holds it
(what is typed or read loses its control characters), and folding leaves it as it is."""


def search_keys(contacts: Sequence[Contact]) -> list[str]:
    """``[search_key(c) for c in contacts]``, in half the time: folding one long text costs
    about what folding one short one does, so all are joined, folded once and split again. At
    50,000 contacts this is what pressing "/" waits for."""
    joined = _APART.join([" ".join((c.name, c.company, c.role, c.field, c.email, *c.tags)) for c in contacts])
    keys = fold(joined).split(_APART) if contacts else []
    if len(keys) != len(contacts):
        # A field did hold the separator after all (a file edited by hand): one at a time.
        keys = [search_key(c) for c in contacts]
    return keys


def _query_refines(new: ContactQuery, old: ContactQuery) -> bool:
    """True when every contact ``new`` keeps is surely kept by ``old`` too, so that ``new`` can
    be looked for among ``old``'s matches only. Words, as for search: each old word inside a new
    one. Relationships and stages, where several values mean either: the new ones among the old.
    Tags match from their start, so a longer tag narrows a shorter one ("#des" to "#design")."""
    if not _refines(new.words, old.words):
        return False
    if old.relationships and not (new.relationships and new.relationships <= old.relationships):
        return False
    if old.stages and not (new.stages and new.stages <= old.stages):
        return False
    return not old.tags or bool(new.tags) and all(any(tag.startswith(t) for t in old.tags) for tag in new.tags)


class ContactFilter:
    """The contact filter (core/contact_query.py) over one list of contacts, per keystroke.

    ``filter(text)`` is ``filter_contacts(index, text)``, worked out faster: each condition is
    checked over the candidates in one pass at C speed (a call of ``ContactQuery.matches`` per
    contact took 70 ms at 50,000 contacts), and a query that only adds to an earlier one (one more
    letter, one more word, a narrower ``rel:``) is looked for among that query's matches only.
    Recent queries are remembered with the list they gave, so that erasing is as quick as
    typing, and a query that matches everyone (the first letters typed, often) gives the one
    list of everyone: at 50,000 contacts, copying it was most of a keystroke's work.
    """

    def __init__(self, index: Sequence[tuple[str, Contact]]) -> None:
        """``index``: each contact with its ``search_key``, in the order the list shows them."""
        self._start([key for key, _ in index], [contact for _, contact in index])

    @classmethod
    def of(cls, contacts: Sequence[Contact]) -> ContactFilter:
        """A filter over ``contacts``, in their order, each with its ``search_key``."""
        made = cls.__new__(cls)
        made._start(search_keys(contacts), list(contacts))
        return made

    def _start(self, keys: list[str], contacts: list[Contact]) -> None:
        self._keys = keys
        self._contacts = contacts
        self._everyone = list(range(len(self._keys)))
        """Every position, made once: the remembered matches then share its numbers rather than
        each holding tens of thousands of its own."""
        self._cache: OrderedDict[ContactQuery, tuple[list[int], list[Contact]]] = OrderedDict()
        """Recent queries: the positions they matched, and those contacts."""

    def __len__(self) -> int:
        return len(self._contacts)

    def filter(self, text: str) -> list[Contact]:
        """The contacts ``text`` asks for, in the index's order. The list may be shared with
        later calls (and with the filter itself): read it, do not change it."""
        query = ContactQuery.parse(text)
        if query == ContactQuery():
            return self._contacts
        cache = self._cache
        remembered = cache.get(query)
        if remembered is not None:
            cache.move_to_end(query)
            return remembered[1]
        narrowest: list[int] | None = None
        for earlier, (matched, _) in cache.items():
            if (narrowest is None or len(matched) < len(narrowest)) and _query_refines(query, earlier):
                narrowest = matched
        found = self._scan(query, narrowest)
        if len(found) == len(self._everyone):
            remembered = (self._everyone, self._contacts)
        else:
            contacts = self._contacts
            remembered = (found, [contacts[i] for i in found])
        cache[query] = remembered
        if len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
        return remembered[1]

    def _scan(self, query: ContactQuery, candidates: list[int] | None) -> list[int]:
        keys, contacts = self._keys, self._contacts
        found = self._everyone if candidates is None else candidates
        # Longest word first: usually the rarest, leaving least for the next.
        for word in _essential(tuple(sorted(set(query.words), key=lambda w: (-len(w), w)))):
            found = [i for i in found if word in keys[i]]
        if query.relationships:
            relationships = query.relationships
            found = [i for i in found if contacts[i].relationship in relationships]
        if query.stages:
            stages = query.stages
            found = [i for i in found if contacts[i].stage in stages]
        if query.tags:
            tags = query.tags
            found = [i for i in found if any(own.casefold().startswith(tag) for own in contacts[i].tags for tag in tags)]
        return found


# Opening a hit ---------------------------------------------------------------------------------


def document_position(document: str, hit: Hit) -> tuple[int, int]:
    """(line, column) in a conversation's notes document (core/notes_doc.py) of the first match
    of an answer, notes or takeaways hit: where the editor's cursor goes when the hit is opened.
    The section is found by its heading and its text, as rendered; if it is not there (the
    document changed since the search), the line under the heading, or the top."""
    if hit.kind is Kind.ANSWER:
        heading = hit.question
    elif hit.kind is Kind.NOTES:
        heading = NOTES_HEADING
    elif hit.kind is Kind.TAKEAWAYS:
        heading = TAKEAWAYS_HEADING
    else:
        return (0, 0)
    title = f"{HEADING}{heading}\n"
    # The document holds a field without its leading and trailing blank lines (notes_doc._body).
    body = hit.text.strip("\n")
    leading = len(hit.text) - len(hit.text.lstrip("\n"))
    # The notes and takeaways are the last two sections; an answer is before them.
    locate = document.rfind if hit.kind is not Kind.ANSWER else document.find
    section = locate(title + body)
    if section >= 0 and (section == 0 or document[section - 1] == "\n"):
        offset = section + len(title) + min(max(0, hit.match_start - leading), len(body))
    else:
        heading_at = locate(title)
        if heading_at < 0:
            return (0, 0)
        offset = heading_at + len(title)
    line = document.count("\n", 0, offset)
    column = offset - (document.rfind("\n", 0, offset) + 1)
    return (line, column)
