"""Full-text search: what matches, in what order, and what a result shows of its context."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from unittest.mock import patch

import pytest
from builders import NOW, add_contacts
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core import notes_doc, search, workflow
from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Interview, Question, Touch, TouchKind
from interview_tui.core.search import (
    Hit,
    Kind,
    SearchIndex,
    document_position,
    fold,
    query_words,
)
from interview_tui.core.store import Store
from interview_tui.core.workflow import interview_document

DAY = timedelta(days=1)


@pytest.fixture
def campaign(store: Store) -> Store:
    """Three people, two conversations with answers, notes and takeaways."""
    questions = [q.id for q in store.questions()]
    with store.batch():
        alex = store.add_contact(Contact(name="Alex Example", company="Northwind Labs", role="UX researcher",
                                         field="UX research", email="alex@example.org", tags=["design"]))
        sam = store.add_contact(Contact(name="Sam Sample", company="Contoso", role="Data analyst",
                                        notes="Met at the design meetup; prefers email."))
        store.add_contact(Contact(name="Casey Placeholder", company="Design Works", role="Game designer"))
        store.add_interview(Interview(
            contact_id=alex.id, when=NOW - 10 * DAY, question_ids=questions[:3],
            answers={str(questions[0]): "Started in support.\nA portfolio matters more than a certificate.",
                     str(questions[2]): "A short course in research methods."},
            notes="Offered to review a portfolio draft.", takeaways="Build two small studies.",
        ))
        store.add_interview(Interview(
            contact_id=sam.id, when=NOW - 2 * DAY, question_ids=questions[:1],
            answers={str(questions[0]): "From teaching to data through a course."},
            notes="Suggested the portfolio course at the library.",
        ))
    return store


def found(store_or_index: Store | SearchIndex, query: str) -> list[tuple[str, str]]:
    index = store_or_index if isinstance(store_or_index, SearchIndex) else SearchIndex.build(store_or_index)
    return [(hit.kind.value, hit.contact_name) for hit in index.search(query).hits]


def marked(hit: Hit) -> list[str]:
    """The highlighted parts of a hit's snippet."""
    return [hit.snippet.text[start:end] for start, end in hit.snippet.spans]


# What matches ----------------------------------------------------------------------------------


def test_every_word_must_be_in_the_same_field(campaign: Store) -> None:
    assert found(campaign, "portfolio certificate") == [("answer", "Alex Example")]
    assert found(campaign, "portfolio draft") == [("notes", "Alex Example")]
    # "portfolio" is in Alex's notes and "studies" in Alex's takeaways: two fields, no hit.
    assert found(campaign, "portfolio studies") == []


def test_words_match_inside_longer_words_in_any_order(campaign: Store) -> None:
    assert found(campaign, "folio") == found(campaign, "portfolio")
    assert found(campaign, "certificate port") == [("answer", "Alex Example")]


def test_contacts_match_on_their_details_and_tags(campaign: Store) -> None:
    assert found(campaign, "northwind") == [("contact", "Alex Example")]
    assert found(campaign, "alex@example") == [("contact", "Alex Example")]
    assert found(campaign, "#design") == [("contact", "Alex Example")]
    assert found(campaign, "prefers email") == [("about", "Sam Sample")]


def test_case_and_accents_are_ignored_both_ways(store: Store) -> None:
    with store.batch():
        store.add_contact(Contact(name="Zoë Example", company="Café Straße"))
        store.add_contact(Contact(name="Noel Sample", company="CAFE STRASSE"))
    index = SearchIndex.build(store)
    both = [("contact", "Noel Sample"), ("contact", "Zoë Example")]
    assert sorted(found(index, "cafe")) == both
    assert sorted(found(index, "CAFÉ")) == both
    assert sorted(found(index, "straße")) == both
    assert sorted(found(index, "Strasse")) == both
    assert found(index, "zoe") == [("contact", "Zoë Example")]
    assert found(index, "ZOË") == [("contact", "Zoë Example")]
    # A decomposed accent (as some keyboards and pastes send it) is the same letter.
    assert found(index, "zoe\u0308") == [("contact", "Zoë Example")]


def test_a_word_is_found_typed_with_or_without_its_joiners(store: Store) -> None:
    # Persian spells "I want" with a zero-width non-joiner; many keyboards leave it out.
    with store.batch():
        store.add_contact(Contact(name="Sara Example", notes="\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 research"))
        store.add_contact(Contact(name="Dara Sample", notes="co\u00adoperative \U0001f469\u200d\U0001f4bb"))
        # A long note is searched otherwise (as stored, with the words folding changes).
        store.add_contact(Contact(name="Kim Placeholder", notes="words " * 60 + "hand\u00adwritten thanks"))
    index = SearchIndex.build(store)
    assert found(index, "handwritten") == [("about", "Kim Placeholder")]
    assert found(index, "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645") == [("about", "Sara Example")]
    assert found(index, "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == [("about", "Sara Example")]
    assert found(index, "cooperative") == [("about", "Dara Sample")]
    assert found(index, "\U0001f469\U0001f4bb") == [("about", "Dara Sample")]
    (hit,) = index.search("\u0645\u06cc\u062e\u0648\u0627\u0647\u0645").hits
    assert marked(hit) == ["\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"]  # the joiner highlighted inside the word


def test_the_highlight_covers_the_stored_characters_matched(store: Store) -> None:
    store.add_contact(Contact(name="Zoë Example", company="Café Straße", role="Zoe\u0301 decomposed"))
    index = SearchIndex.build(store)
    (hit,) = index.search("cafe").hits
    assert marked(hit) == ["Café"]
    (hit,) = index.search("strasse").hits
    assert marked(hit) == ["Straße"]
    (hit,) = index.search("zoe").hits
    assert marked(hit) == ["Zoë", "Zoe\u0301"]  # the combining accent is highlighted with its letter


def test_an_empty_query_finds_nothing(campaign: Store) -> None:
    result = SearchIndex.build(campaign).search("   ")
    assert (result.hits, result.total) == ([], 0)


def test_an_answer_hit_knows_its_question_and_conversation(campaign: Store) -> None:
    (hit,) = SearchIndex.build(campaign).search("certificate").hits
    first_question = campaign.questions()[0]
    alex = campaign.find_contact("Alex Example")
    (conversation,) = campaign.interviews(alex.id)
    assert (hit.kind, hit.contact_id, hit.interview_id) == (Kind.ANSWER, alex.id, conversation.id)
    assert (hit.question_id, hit.question) == (first_question.id, first_question.text)
    assert hit.when == NOW - 10 * DAY


def test_an_answer_to_a_question_dropped_from_the_plan_is_found_where_the_notes_show_it(campaign: Store) -> None:
    """The notes show it after the plan's questions (it was found nowhere, and shown nowhere)."""
    alex = campaign.find_contact("Alex Example")
    (conversation,) = campaign.interviews(alex.id)
    dropped = conversation.question_ids[0]
    conversation.question_ids = conversation.question_ids[1:]
    campaign.update_interview(conversation)
    assert found(campaign, "certificate") == [("answer", "Alex Example")]
    (hit,) = SearchIndex.build(campaign).search("certificate").hits
    assert hit.question_id == dropped
    assert found(campaign, "research methods") == [("answer", "Alex Example")]


def test_answers_to_a_retired_question_are_still_found(campaign: Store) -> None:
    question = campaign.questions()[0]
    question.active = False
    campaign.update_question(question)
    assert found(campaign, "certificate") == [("answer", "Alex Example")]


# Order and limits ------------------------------------------------------------------------------


def test_names_first_then_other_contacts_then_notes_about_people_then_conversations_newest_first(campaign: Store) -> None:
    # No name holds "design": the contacts whose details do, by name, then what is noted about Sam.
    assert found(campaign, "design") == [("contact", "Alex Example"), ("contact", "Casey Placeholder"), ("about", "Sam Sample")]
    # Conversations newest first (Sam's, two days ago, before Alex's); answers before notes.
    assert found(campaign, "course") == [("answer", "Sam Sample"), ("notes", "Sam Sample"), ("answer", "Alex Example")]
    assert found(campaign, "sam") == [("contact", "Sam Sample")]


def test_the_notes_of_touches_and_follow_ups_are_found_after_notes_about_people(campaign: Store) -> None:
    alex = campaign.find_contact("Alex Example")
    sam = campaign.find_contact("Sam Sample")
    with campaign.batch():
        campaign.add_touch(Touch(contact_id=alex.id, kind=TouchKind.UPDATED, at=NOW - 5 * DAY, note="Coffee; told her about the contract"))
        campaign.add_followup(FollowUp(contact_id=sam.id, due=NOW + 3 * DAY, kind=FollowUpKind.CUSTOM, note="Send the contract letter draft"))
        done = campaign.add_followup(FollowUp(contact_id=alex.id, due=NOW - 9 * DAY, kind=FollowUpKind.THANK_YOU, note="Card about the contract"))
    workflow.complete_followup(campaign, done.id, at=NOW - 8 * DAY, note="Posted the card; mentioned the meetup")
    index = SearchIndex.build(campaign)
    hits = index.search("contract").hits
    # Newest first: the follow-up still due, the touch, then the thank-you done.
    assert [(h.kind, h.contact_name, h.question, h.when) for h in hits] == [
        (Kind.CONTACT_NOTES, "Sam Sample", "Custom due", NOW + 3 * DAY),
        (Kind.CONTACT_NOTES, "Alex Example", "In touch", NOW - 5 * DAY),
        (Kind.CONTACT_NOTES, "Alex Example", "Thank you done", NOW - 8 * DAY),
    ]
    assert hits[0].snippet.text == "Send the contract letter draft"
    # The note typed when the thank-you was done is a touch of its own; after the contact's own
    # notes ("Met at the design meetup"), before any conversation.
    assert found(campaign, "meetup") == [("about", "Sam Sample"), ("about", "Alex Example")]
    assert index.search("mentioned meetup").hits[0].question == "Thanked"
    # One person's several notes are told apart: the cursor can stay on the one it was on.
    assert len({h.key for h in index.search("the").hits}) == len(index.search("the").hits)


def test_a_name_match_comes_before_a_match_in_other_details(store: Store) -> None:
    with store.batch():
        store.add_contact(Contact(name="Aaron Sample", company="Rivera and Partners"))
        store.add_contact(Contact(name="Zed Rivera"))
    assert found(store, "rivera") == [("contact", "Zed Rivera"), ("contact", "Aaron Sample")]


def test_results_are_capped_and_counted(store: Store) -> None:
    add_contacts(store, 30, "Contact {:02d} Example")
    result = SearchIndex.build(store).search("example", limit=10)
    assert result.total == 30
    assert [hit.contact_name for hit in result.hits] == [f"Contact {n:02d} Example" for n in range(10)]


# Snippets --------------------------------------------------------------------------------------


def test_a_snippet_is_one_line_of_context_around_the_first_match(store: Store) -> None:
    contact = store.add_contact(Contact(name="Alex Example"))
    words = " ".join(f"word{n}" for n in range(40))
    store.add_interview(Interview(contact_id=contact.id, when=NOW, notes=f"{words}\nthe portfolio\nand then {words}"))
    (hit,) = SearchIndex.build(store).search("PORTFOLIO").hits
    text = hit.snippet.text
    assert "\n" not in text
    assert text.startswith("…") and text.endswith("…")
    assert marked(hit) == ["portfolio"]
    before = text[: hit.snippet.spans[0][0]]
    assert 10 <= len(before) <= 32  # some context before, starting at a word
    assert before.startswith("…word")


def test_every_occurrence_of_every_word_is_marked(campaign: Store) -> None:
    (hit,) = SearchIndex.build(campaign).search("portfolio cert").hits
    assert marked(hit) == ["portfolio", "cert"]
    (hit,) = SearchIndex.build(campaign).search("a").hits[:1]
    assert hit.kind is Kind.CONTACT
    assert all(part.casefold() == "a" for part in marked(hit))
    assert len(marked(hit)) == hit.snippet.text.casefold().count("a")


def test_overlapping_matches_are_marked_once(store: Store) -> None:
    store.add_contact(Contact(name="Anna Example"))
    (hit,) = SearchIndex.build(store).search("ann nna").hits
    assert marked(hit) == ["Anna"]


def test_controls_in_a_stored_field_do_not_reach_the_snippet(store: Store) -> None:
    contact = store.add_contact(Contact(name="Alex Example"))
    store.add_interview(Interview(contact_id=contact.id, when=NOW, notes="red \x1b[31mportfolio\x1b[0m\tdone\u202e"))
    (hit,) = SearchIndex.build(store).search("portfolio").hits
    assert not any(unicodedata.category(c) == "Cc" or c == "\u202e" for c in hit.snippet.text)
    assert marked(hit) == ["portfolio"]


# Where a hit opens -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "line_text"),
    [
        ("certificate", "A portfolio matters more than a certificate."),
        ("research methods", "A short course in research methods."),
        ("review", "Offered to review a portfolio draft."),
        ("small studies", "Build two small studies."),
    ],
)
def test_the_cursor_goes_to_the_first_match_in_the_notes_document(campaign: Store, query: str, line_text: str) -> None:
    (hit,) = SearchIndex.build(campaign).search(query).hits
    document = interview_document(campaign, campaign.interview(hit.interview_id))
    line, column = document_position(document, hit)
    assert document.split("\n")[line] == line_text
    assert line_text[column:].lower().startswith(query.split()[0])


def test_the_cursor_finds_the_answer_under_its_own_heading(store: Store) -> None:
    """The same words in two answers: the cursor goes to the answer the hit is about."""
    questions = store.questions()
    contact = store.add_contact(Contact(name="Alex Example"))
    conversation = store.add_interview(Interview(
        contact_id=contact.id, when=NOW, question_ids=[q.id for q in questions[:2]],
        answers={str(questions[0].id): "same words", str(questions[1].id): "\n\nsame words"},
    ))
    document = interview_document(store, conversation)
    hits = SearchIndex.build(store).search("words").hits
    assert [hit.question for hit in hits] == [questions[0].text, questions[1].text]
    positions = [document_position(document, hit) for hit in hits]
    lines = document.split("\n")
    assert [lines[line - 1] for line, _ in positions] == [f"## {questions[0].text}", f"## {questions[1].text}"]
    assert [column for _, column in positions] == [5, 5]


# Typing: each keystroke narrows ----------------------------------------------------------------


def test_typing_character_by_character_finds_what_a_fresh_search_finds(campaign: Store) -> None:
    index = SearchIndex.build(campaign)
    query = "portfolio cour"
    for end in range(1, len(query) + 1):
        typed = index.search(query[:end])
        fresh = SearchIndex.build(campaign).search(query[:end])
        assert [h.key for h in typed.hits] == [h.key for h in fresh.hits], query[:end]
        assert typed.total == fresh.total
    # Erasing, and changing a word in the middle, come back to what a fresh search finds.
    for edited in ("portfolio", "portfolio cert", "folio", "draft", ""):
        assert [h.key for h in index.search(edited).hits] == [h.key for h in SearchIndex.build(campaign).search(edited).hits]


def test_query_words_are_folded_and_deduplicated() -> None:
    assert query_words("  Con  CONTACT con ") == ("contact", "con")
    assert query_words("Zoë zoe") == ("zoe",)
    assert query_words("b a") == ("a", "b")


def test_a_word_inside_another_still_finds_and_highlights(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example", company="Contact Conference"))
    (hit,) = SearchIndex.build(store).search("con contact").hits
    assert marked(hit) == ["Contact", "Con"]


# Properties ------------------------------------------------------------------------------------


def reference_fold(text: str) -> str:
    """Folding as the module's docstring defines it, written the slow, obvious way."""
    for typographic, plain in (("‘’‚‛′ʼ", "'"), ("“”„‟″", '"')):
        for quote in typographic:
            text = text.replace(quote, plain)
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", text.casefold())
        if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )


@dataclass
class FakeStore:
    """The three things the index reads from a workspace, without a file."""

    people: list[Contact]
    conversations: list[Interview]
    bank: list[Question] = field(default_factory=list)
    tasks: list[FollowUp] = field(default_factory=list)

    def followups(self, *, include_done: bool = False) -> list[FollowUp]:
        return [f for f in self.tasks if include_done or f.done_at is None]

    def all_followups(self) -> list[FollowUp]:
        return list(self.tasks)

    def contacts(self) -> list[Contact]:
        return sorted(self.people, key=lambda c: (c.name.casefold(), c.id))

    def all_interviews(self) -> list[Interview]:
        return list(self.conversations)

    def questions(self, *, include_retired: bool = False) -> list[Question]:
        return list(self.bank)

    def all_touches(self) -> list[Touch]:
        return []


ALPHABET = st.sampled_from(list("abcAB eéÉ\u0301ßSsﬁi\u0130\nz·.'’“\"") + ["ς", "Σ", "ǅ"])
texts = st.text(ALPHABET, max_size=24)


@st.composite
def workspaces(draw: st.DrawFn) -> FakeStore:
    bank = [Question(text=f"Question {n}", order=n, id=n) for n in (1, 2)]
    people = [
        Contact(name=draw(texts) or "x", id=number, company=draw(texts), notes=draw(texts), tags=draw(st.lists(texts, max_size=2)))
        for number in range(1, draw(st.integers(1, 4)) + 1)
    ]
    conversations = [
        Interview(contact_id=draw(st.integers(1, len(people))), when=NOW - number * DAY, id=number,
                  question_ids=[1, 2], answers={"1": draw(texts), "2": draw(texts)},
                  notes=draw(texts), takeaways=draw(texts))
        for number in range(1, draw(st.integers(0, 3)) + 1)
    ]
    tasks = [
        FollowUp(contact_id=draw(st.integers(1, len(people))), due=NOW + number * DAY, id=number, note=draw(texts),
                 done_at=draw(st.sampled_from([None, NOW])))
        for number in range(1, draw(st.integers(0, 3)) + 1)
    ]
    return FakeStore(people, conversations, bank, tasks)


def fields_of(workspace: FakeStore) -> list[str]:
    from interview_tui.core.search import contact_line

    fields = [contact_line(c) for c in workspace.people]
    fields += [c.notes for c in workspace.people if c.notes.strip()]
    fields += [f.note for f in workspace.tasks if f.note.strip()]
    for conversation in workspace.conversations:
        fields += [a for a in conversation.answers.values() if a.strip()]
        fields += [t for t in (conversation.notes, conversation.takeaways) if t.strip()]
    return fields


@settings(max_examples=300, deadline=None)
@given(workspace=workspaces(), typed=st.lists(texts, min_size=1, max_size=4))
def test_every_hit_holds_every_word_and_every_field_that_does_is_counted(workspace: FakeStore, typed: list[str]) -> None:
    index = SearchIndex.build(workspace)  # type: ignore[arg-type]
    for query in typed:  # one index through several queries: the narrowing and the cache too
        result = index.search(query)
        words = reference_fold(query).split()
        for hit in result.hits:
            assert all(word in reference_fold(hit.text) for word in words), (query, hit.text)
            snippet = hit.snippet
            for start, end in snippet.spans:
                assert 0 <= start < end <= len(snippet.text)
        expected = sum(all(w in reference_fold(f) for w in words) for f in fields_of(workspace)) if words else 0
        assert result.total == expected
        assert len({hit.key for hit in result.hits}) == len(result.hits)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_folding_is_the_slow_definition(text: str) -> None:
    assert fold(text) == reference_fold(text)


@given(query=texts)
def test_search_ignores_case(query: str) -> None:
    workspace = FakeStore([Contact(name="Ab Éß ﬁ", id=1, company="AB ESS FI ab é")], [])
    index = SearchIndex.build(workspace)  # type: ignore[arg-type]
    assert index.search(query.upper()).total == index.search(query.lower()).total == index.search(query).total


def test_notes_document_headings_are_what_document_position_looks_for() -> None:
    """document_position relies on the document's layout: a heading line, then the text."""
    document = notes_doc.render(notes_doc.NotesDocument(questions=[(1, "Q")], answers={1: "\nA"}, notes="N", takeaways="T"))
    assert "## Q\nA\n" in document and "## Notes\nN\n" in document and "## Key takeaways\nT\n" in document


@pytest.mark.parametrize("enabled", [True, False])
def test_building_leaves_the_garbage_collector_as_it_was(campaign: Store, enabled: bool) -> None:
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        SearchIndex.build(campaign)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


typed_words = st.text(st.sampled_from(list("ab é")), min_size=1, max_size=10)


@settings(max_examples=300, deadline=None)
@given(workspace=workspaces(), query=typed_words, limit=st.integers(0, 6), names_at_a_time=st.sampled_from([1, 2, 4096]))
def test_typing_a_query_key_by_key_finds_at_each_key_what_a_fresh_index_finds(
    workspace: FakeStore, query: str, limit: int, names_at_a_time: int
) -> None:
    """Each key narrows what the one before found, and a word inside one already looked for is
    not looked for again ("ab a" after "ab"): the hits, their order and the count are still
    those of a search from scratch, for any number of hits made, however many names ranking
    reads at a time."""
    with patch.object(search, "NAMES_AT_A_TIME", names_at_a_time):
        typing_finds_what_a_fresh_index_finds(workspace, query, limit)


def typing_finds_what_a_fresh_index_finds(workspace: FakeStore, query: str, limit: int) -> None:
    index = SearchIndex.build(workspace)  # type: ignore[arg-type]
    prefixes = [query[:end] for end in range(1, len(query) + 1)]
    for text in [*prefixes, *reversed(prefixes)]:
        typed, fresh = index.search(text, limit), SearchIndex.build(workspace).search(text, limit)  # type: ignore[arg-type]
        assert [hit.key for hit in typed.hits] == [hit.key for hit in fresh.hits], text
        assert typed.total == fresh.total
        everything = SearchIndex.build(workspace).search(text, 1_000)  # type: ignore[arg-type]
        assert [hit.key for hit in typed.hits] == [hit.key for hit in everything.hits][:limit]
