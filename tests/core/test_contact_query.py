"""Finding people to ask: warmest first, and the filter box's words, rel:, stage: and #tag terms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.contact_query import (
    ContactQuery,
    filter_contacts,
    search_key,
    warmest_first,
)
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.text import fold


def make(contact_id: int, name: str, relationship: Relationship = Relationship.COLD, **fields: object) -> Contact:
    return Contact(name=name, id=contact_id, relationship=relationship, **fields)  # type: ignore[arg-type]


PEOPLE = [
    make(1, "Ada Placeholder", Relationship.COLLEAGUE, company="Analytical Engines", role="Engineer", field="software", tags=["Design", "london"], stage=Stage.ASKED),
    make(2, "Bob Specimen", Relationship.FRIEND, company="Builders Ltd", field="construction", tags=["research"], stage=Stage.IDENTIFIED),
    make(3, "Carol Cousin", Relationship.FAMILY, field="UX research", email="carol@example.org", tags=["design"], stage=Stage.SCHEDULED),
    make(4, "Dan Classmate", Relationship.CLASSMATE, role="UX designer", stage=Stage.INTERVIEWED),
    make(5, "Eve Alumna", Relationship.ALUMNI, company="Old College", stage=Stage.KEEPING_IN_TOUCH, tags=["designer-network"]),
    make(6, "Fay Referral", Relationship.REFERRAL, company="Analytical Engines", stage=Stage.DECLINED, phone="555 0100"),
    make(7, "Gus Cold", Relationship.COLD, company="Mega Corp", stage=Stage.THANKED, notes="met at the UX fair"),
]
INDEX = [(search_key(c), c) for c in PEOPLE]


def names(text: str, index: list[tuple[str, Contact]] = INDEX) -> list[str]:
    return [c.name.split()[0] for c in filter_contacts(index, text)]


# Warmest first ----------------------------------------------------------------------------------


def test_warmest_first_follows_the_methods_order() -> None:
    shuffled = [PEOPLE[i] for i in (6, 3, 0, 5, 2, 4, 1)]
    ordered = warmest_first(shuffled)
    assert [c.relationship for c in ordered] == [
        Relationship.FAMILY,
        Relationship.FRIEND,
        Relationship.CLASSMATE,
        Relationship.COLLEAGUE,
        Relationship.ALUMNI,
        Relationship.REFERRAL,
        Relationship.COLD,
    ]
    assert [c.id for c in shuffled] == [7, 4, 1, 6, 3, 5, 2]  # the list given is left alone


def test_warmest_first_sorts_by_name_within_a_relationship() -> None:
    friends = [
        make(3, "carla", Relationship.FRIEND),
        make(1, "Zed", Relationship.FRIEND),
        make(2, "Bea", Relationship.FRIEND),
        make(9, "Amy", Relationship.COLD),
        make(5, "alan", Relationship.FAMILY),
        make(4, "Carla", Relationship.FRIEND),
    ]
    assert [(c.name, c.id) for c in warmest_first(friends)] == [
        ("alan", 5),
        ("Bea", 2),
        ("carla", 3),  # same name, case aside: by id
        ("Carla", 4),
        ("Zed", 1),
        ("Amy", 9),
    ]
    assert warmest_first([]) == []


# Parsing the filter box -------------------------------------------------------------------------


def test_parse_reads_each_kind_of_term() -> None:
    query = ContactQuery.parse("  UX rel:Friend   stage:asked #Design tag:london ")
    assert query.words == ("ux",)
    assert query.relationships == {Relationship.FRIEND}
    assert query.stages == {Stage.ASKED}
    assert query.tags == ("design", "london")
    assert ContactQuery.parse("relationship:fam").relationships == {Relationship.FAMILY}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rel:c", {Relationship.CLASSMATE, Relationship.COLLEAGUE, Relationship.COLD}),
        ("rel:col", {Relationship.COLLEAGUE, Relationship.COLD}),
        ("rel:fr rel:fam", {Relationship.FRIEND, Relationship.FAMILY}),
        ("rel:referral", {Relationship.REFERRAL}),
    ],
)
def test_relationship_prefixes(text: str, expected: set[Relationship]) -> None:
    assert ContactQuery.parse(text).relationships == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stage:inter", {Stage.INTERVIEWED}),
        ("stage:keeping", {Stage.KEEPING_IN_TOUCH}),
        ("stage:keeping_in_touch", {Stage.KEEPING_IN_TOUCH}),
        ("stage:keeping-in-touch", {Stage.KEEPING_IN_TOUCH}),
        ("stage:s", {Stage.SCHEDULED}),
        ("stage:asked stage:declined", {Stage.ASKED, Stage.DECLINED}),
    ],
)
def test_stage_prefixes(text: str, expected: set[Stage]) -> None:
    assert ContactQuery.parse(text).stages == expected


# Filtering ------------------------------------------------------------------------------------


def test_an_empty_query_returns_everyone_in_index_order() -> None:
    warm = [(search_key(c), c) for c in warmest_first(PEOPLE)]
    for text in ("", "   ", "\t"):
        assert filter_contacts(warm, text) == [c for _, c in warm]
        assert filter_contacts(INDEX, text) == PEOPLE
    assert filter_contacts([], "ada") == []


def test_words_look_in_name_company_role_field_email_and_tags() -> None:
    assert names("placeholder") == ["Ada"]
    assert names("ANALYTICAL") == ["Ada", "Fay"]
    assert names("engineer") == ["Ada"]
    assert names("construction") == ["Bob"]
    assert names("carol@example") == ["Carol"]
    assert names("london") == ["Ada"]
    assert names("ux") == ["Carol", "Dan"]  # field and role; not the notes
    assert names("555") == []  # the phone number is not searched


def test_every_word_must_match() -> None:
    assert names("analytical fay") == ["Fay"]
    assert names("analytical nobody") == []


def test_the_same_kind_twice_means_either() -> None:
    assert names("rel:friend rel:family") == ["Bob", "Carol"]
    assert names("stage:asked stage:scheduled") == ["Ada", "Carol"]
    assert names("#research #london") == ["Ada", "Bob"]
    assert names("tag:research #london") == ["Ada", "Bob"]


def test_different_kinds_must_all_hold() -> None:
    assert names("rel:fam #design") == ["Carol"]
    assert names("rel:colleague stage:asked #design placeholder") == ["Ada"]
    assert names("rel:friend #design") == []
    assert names("stage:asked analytical") == ["Ada"]


def test_values_may_be_the_start_of_a_word() -> None:
    assert names("rel:fam") == ["Carol"]
    assert names("stage:keep") == ["Eve"]
    assert names("#des") == ["Ada", "Carol", "Eve"]  # Design, design, designer-network
    assert names("tag:designer") == ["Eve"]
    assert names("#DESIGN") == ["Ada", "Carol", "Eve"]


def test_tags_match_whole_tags_from_the_start_not_inside() -> None:
    assert names("#search") == []  # not "research"
    assert names("#network") == []


def test_a_value_that_names_nothing_matches_nobody() -> None:
    assert names("rel:enemy") == []
    assert names("stage:nowhere") == []
    assert names("#nosuchtag") == []


@pytest.mark.parametrize("text", ["rel:", "stage:", "tag:", "#", "relationship:", "rel: stage: # tag:"])
def test_a_term_still_being_typed_asks_for_nothing(text: str) -> None:
    assert filter_contacts(INDEX, text) == PEOPLE
    assert names(f"{text} analytical") == ["Ada", "Fay"]


def test_results_keep_the_index_order() -> None:
    warm = [(search_key(c), c) for c in warmest_first(PEOPLE)]
    assert [c.name.split()[0] for c in filter_contacts(warm, "#des")] == ["Carol", "Ada", "Eve"]
    assert [c.name.split()[0] for c in filter_contacts(warm, "a")] == [
        c.name.split()[0] for c in warmest_first(PEOPLE) if "a" in search_key(c)
    ]


# Properties -----------------------------------------------------------------------------------

ALPHABET = "abcxyz ABXß-"
text_part = st.text(alphabet=ALPHABET, max_size=12)


@st.composite
def contacts(draw: st.DrawFn) -> list[Contact]:
    count = draw(st.integers(min_value=0, max_value=12))
    people = []
    for contact_id in range(1, count + 1):
        name = draw(st.text(alphabet="abcxyzABß", min_size=1, max_size=8))
        people.append(
            Contact(
                id=contact_id,
                name=name,
                company=draw(text_part),
                role=draw(text_part),
                field=draw(text_part),
                relationship=draw(st.sampled_from(Relationship)),
                stage=draw(st.sampled_from(Stage)),
                tags=draw(st.lists(st.text(alphabet="abcxyz-", min_size=1, max_size=6), max_size=3)),
            )
        )
    return people


word = st.text(alphabet="abcxyzABß", min_size=1, max_size=3)


def prefix_of(values: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values).flatmap(lambda v: st.integers(1, len(v)).map(lambda n: v[:n]))


term = st.one_of(
    word.map(lambda w: ("word", w)),
    prefix_of([r.value for r in Relationship]).map(lambda v: ("rel", v)),
    prefix_of([s.value for s in Stage]).map(lambda v: ("stage", v)),
    st.text(alphabet="abcxyz-", min_size=1, max_size=3).map(lambda v: ("tag", v)),
)


def spell(kind: str, value: str) -> str:
    return {"word": value, "rel": f"rel:{value}", "stage": f"stage:{value}", "tag": f"#{value}"}[kind]


def expected(people: list[Contact], terms: list[tuple[str, str]]) -> list[Contact]:
    """The rules written out plainly: every word; for each kind used, any of its values."""

    def keep(contact: Contact) -> bool:
        key = " ".join([contact.name, contact.company, contact.role, contact.field, contact.email, *contact.tags]).casefold()
        by_kind: dict[str, list[bool]] = {}
        for kind, value in terms:
            value = value.casefold()
            if kind == "word":
                ok = value in key
            elif kind == "rel":
                ok = contact.relationship.value.startswith(value)
            elif kind == "stage":
                ok = contact.stage.value.startswith(value)
            else:
                ok = any(t.casefold().startswith(value) for t in contact.tags)
            by_kind.setdefault(kind if kind != "word" else f"word:{value}", []).append(ok)
        return all(any(oks) for oks in by_kind.values())

    return [c for c in people if keep(c)]


@settings(max_examples=300, deadline=None)
@given(contacts(), st.lists(term, max_size=5))
def test_filtering_agrees_with_the_rules_written_out(people: list[Contact], terms: list[tuple[str, str]]) -> None:
    index = [(search_key(c), c) for c in people]
    text = " ".join(spell(kind, value) for kind, value in terms)
    assert filter_contacts(index, text) == expected(people, terms)


@settings(max_examples=300, deadline=None)
@given(contacts(), st.text(max_size=30))
def test_filtering_any_text_never_returns_a_contact_lacking_a_required_word(people: list[Contact], text: str) -> None:
    index = [(search_key(c), c) for c in warmest_first(people)]
    found = filter_contacts(index, text)
    # Words are folded as search folds them (accents aside: "À" finds "A").
    plain_words = [fold(t) for t in text.casefold().split() if ":" not in t and not t.startswith("#")]
    for contact in found:
        key = search_key(contact)
        assert all(w in key for w in plain_words)
    # Always a subsequence of the index, in its order, with no repeats.
    order = [c.id for _, c in index]
    positions = [order.index(c.id) for c in found]
    assert positions == sorted(set(positions))
    # Adding a word can only narrow the list.
    narrower = filter_contacts(index, f"{text} a")
    assert all(c in found for c in narrower)


@settings(max_examples=100, deadline=None)
@given(contacts(), st.text(alphabet=" \t\n", max_size=5))
def test_an_empty_query_returns_all_in_order(people: list[Contact], blank: str) -> None:
    index = [(search_key(c), c) for c in warmest_first(people)]
    assert filter_contacts(index, blank) == [c for _, c in index]


@settings(max_examples=200, deadline=None)
@given(contacts())
def test_warmest_first_is_a_sorted_permutation(people: list[Contact]) -> None:
    ordered = warmest_first(people)
    assert sorted(c.id for c in ordered) == sorted(c.id for c in people)
    warmth = [
        Relationship.FAMILY,
        Relationship.FRIEND,
        Relationship.CLASSMATE,
        Relationship.COLLEAGUE,
        Relationship.ALUMNI,
        Relationship.REFERRAL,
        Relationship.COLD,
    ]
    keys = [(warmth.index(c.relationship), c.name.casefold(), c.id) for c in ordered]
    assert keys == sorted(keys)
