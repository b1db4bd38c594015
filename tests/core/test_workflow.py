"""The rules of the method: checking a contact, stage changes, notes and follow-ups."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import msgspec
import pytest
from builders import NOW
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core import workflow
from interview_tui.core.errors import InvalidInput, NotFound
from interview_tui.core.models import (
    STAGE_ORDER,
    Contact,
    FollowUpKind,
    InterviewStatus,
    Relationship,
    Stage,
)
from interview_tui.core.store import Store
from interview_tui.core.text import MAX_LINE, MAX_NAME


@pytest.fixture
def ada(store: Store) -> Contact:
    return store.add_contact(Contact(name="Ada Placeholder", company="Analytical Engines"))


# contact_from_fields ------------------------------------------------------------------------------


def test_cleans_every_text_field(store: Store) -> None:
    contact = workflow.contact_from_fields(
        store,
        {
            "name": "  Grace \x1b[31mExample\x1b[0m ",
            "company": "US\tNavy",
            "role": "Rear\nadmiral",
            "field": "Compilers",
            "email": " grace@example.org ",
            "phone": "+1 555 0100",
            "linkedin_url": "https://www.linkedin.com/in/example",
            "address": "1 Example Way\r\nArlington\x07",
            "relationship": "colleague",
        },
    )
    assert contact.id is None  # nothing stored: the caller decides
    assert store.contact_count() == 0
    assert contact.name == "Grace Example"
    assert contact.company == "US Navy"
    assert contact.role == "Rear admiral"
    assert contact.email == "grace@example.org"
    assert contact.address == "1 Example Way\nArlington"
    assert contact.relationship is Relationship.COLLEAGUE
    assert contact.stage is Stage.IDENTIFIED


@pytest.mark.parametrize(
    ("values", "field", "fragment"),
    [
        ({"name": ""}, "name", "name is required"),
        ({"name": "   "}, "name", "name is required"),
        ({"name": "\x1b[31m\x1b[0m"}, "name", "name is required"),
        ({}, "name", "name is required"),
        ({"name": "x" * 10_000}, "name", "10,000 characters"),
        ({"name": "x" * (MAX_NAME + 1)}, "name", f"{MAX_NAME + 1} characters"),
        ({"name": "Ada", "company": "c" * (MAX_LINE + 1)}, "company", "Company is"),
        ({"name": "Ada", "role": "r" * (MAX_LINE + 1)}, "role", "Role is"),
        ({"name": "Ada", "field": "f" * (MAX_LINE + 1)}, "field", "Field is"),
        ({"name": "Ada", "phone": "1" * (MAX_LINE + 1)}, "phone", "Phone is"),
        ({"name": "Ada", "linkedin_url": "u" * (MAX_LINE + 1)}, "linkedin_url", "Linkedin url is"),
        ({"name": "Ada", "address": "a" * (MAX_LINE + 1)}, "address", "address is too long"),
        ({"name": "Ada", "email": "not-an-address"}, "email", "not an email address"),
        ({"name": "Ada", "relationship": "enemy"}, "relationship", "not a relationship"),
        ({"name": "Ada", "referred_by": "Nobody"}, "referred_by", "No contact named 'Nobody'"),
    ],
)
def test_each_field_is_checked(store: Store, db_path: Path, values: dict[str, str], field: str, fragment: str) -> None:
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        workflow.contact_from_fields(store, values)
    assert caught.value.field == field
    assert fragment.lower() in str(caught.value).lower()
    assert db_path.read_bytes() == before


def test_referred_by_resolves_a_name_to_an_id(store: Store, ada: Contact) -> None:
    exact = workflow.contact_from_fields(store, {"name": "Bob", "referred_by": "ada placeholder"})
    assert exact.referred_by == ada.id
    prefix = workflow.contact_from_fields(store, {"name": "Bob", "referred_by": "  Ada  "})
    assert prefix.referred_by == ada.id
    pasted = workflow.contact_from_fields(store, {"name": "Bob", "referred_by": "\x1b[1mAda\x1b[0m"})
    assert pasted.referred_by == ada.id
    nobody = workflow.contact_from_fields(store, {"name": "Bob", "referred_by": ""})
    assert nobody.referred_by is None


def test_referred_by_an_ambiguous_name(store: Store) -> None:
    store.add_contact(Contact(name="Sam One"))
    store.add_contact(Contact(name="Sam Two"))
    with pytest.raises(InvalidInput, match="could mean 2 contacts") as caught:
        workflow.contact_from_fields(store, {"name": "Bob", "referred_by": "Sam"})
    assert caught.value.field == "referred_by"


def test_a_contact_cannot_refer_themselves(store: Store, ada: Contact) -> None:
    with pytest.raises(InvalidInput, match="cannot refer themselves") as caught:
        workflow.contact_from_fields(store, {"referred_by": "Ada Placeholder"}, existing=ada)
    assert caught.value.field == "referred_by"


def test_a_contact_cannot_be_referred_by_someone_they_introduced(store: Store, ada: Contact) -> None:
    bob = store.add_contact(Contact(name="Bob Example", referred_by=ada.id))
    cleo = store.add_contact(Contact(name="Cleo Example", referred_by=bob.id))
    before = store.contact(ada.id or 0)
    for referrer in ("Bob Example", "Cleo Example"):
        with pytest.raises(InvalidInput) as caught:
            workflow.contact_from_fields(store, {"referred_by": referrer}, existing=ada)
        assert caught.value.field == "referred_by"
        assert str(caught.value).startswith(f"{referrer} was introduced through Ada Placeholder")
    assert store.contact(ada.id or 0) == before
    with pytest.raises(InvalidInput) as caught:
        workflow.contact_from_fields(store, {"referred_by": "Cleo Example"}, existing=ada)
    assert str(caught.value) == (
        "Cleo Example was introduced through Ada Placeholder (Ada Placeholder → Bob Example → Cleo Example), so "
        "cannot have introduced them too. Leave it empty, or give who really introduced Ada Placeholder."
    )
    # Someone beside the chain, or higher up it, is still fine.
    dee = store.add_contact(Contact(name="Dee Example"))
    assert workflow.contact_from_fields(store, {"referred_by": "Dee Example"}, existing=ada).referred_by == dee.id
    assert workflow.contact_from_fields(store, {"referred_by": "Ada Placeholder"}, existing=cleo).referred_by == ada.id


def test_a_loop_already_in_the_file_above_the_referrer_neither_stops_an_edit_nor_hangs_it(store: Store) -> None:
    # Made by hand in the file: Bob and Cleo each introduced by the other.
    bob = store.add_contact(Contact(name="Bob Example"))
    cleo = store.add_contact(Contact(name="Cleo Example", referred_by=bob.id))
    store.update_contact(msgspec.structs.replace(store.contact(bob.id or 0), referred_by=cleo.id))
    eve = store.add_contact(Contact(name="Eve Example", referred_by=bob.id))
    dee = store.add_contact(Contact(name="Dee Example"))
    edited = workflow.contact_from_fields(store, {"referred_by": "Eve Example"}, existing=dee)
    assert edited.referred_by == eve.id


@settings(max_examples=40)
@given(edits=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=12))
def test_no_edit_of_who_introduced_whom_makes_a_loop(edits: list[tuple[int, int]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "w.json", clock=lambda: NOW)
        names = [f"Person {n} Example" for n in range(5)]
        for name in names:
            store.add_contact(Contact(name=name))
        for who, by in edits:
            existing = store.find_contact(names[who])
            try:
                edited = workflow.contact_from_fields(store, {"referred_by": names[by]}, existing=existing)
            except InvalidInput:
                continue
            store.update_contact(edited)
        for contact in store.contacts():
            seen = set()
            current: Contact | None = contact
            while current is not None:
                assert current.id not in seen, f"a loop through {current.name}"
                seen.add(current.id)
                current = store.referrer_of(current)
        store.close()


def test_editing_keeps_what_was_not_given_and_clears_what_was(store: Store, ada: Contact) -> None:
    bob = store.add_contact(Contact(name="Bob", referred_by=ada.id, email="bob@example.org", stage=Stage.ASKED))
    edited = workflow.contact_from_fields(store, {"role": "Engineer", "referred_by": ""}, existing=bob)
    assert edited.id == bob.id
    assert edited.name == "Bob"
    assert edited.email == "bob@example.org"
    assert edited.stage is Stage.ASKED
    assert edited.role == "Engineer"
    assert edited.referred_by is None
    assert store.contact(bob.id).referred_by == ada.id  # the stored record is untouched
    assert store.contact(bob.id).role == ""


# advance_stage ----------------------------------------------------------------------------------


@pytest.mark.parametrize("start", STAGE_ORDER)
@pytest.mark.parametrize("reached", STAGE_ORDER)
def test_advance_stage_only_moves_forward(start: Stage, reached: Stage) -> None:
    contact = Contact(name="Ada", stage=start)
    moved = workflow.advance_stage(contact, reached)
    if STAGE_ORDER.index(reached) > STAGE_ORDER.index(start):
        assert moved and contact.stage is reached
    else:
        assert not moved and contact.stage is start


@pytest.mark.parametrize("start", [Stage.DECLINED, Stage.CLOSED])
@pytest.mark.parametrize("reached", STAGE_ORDER)
def test_advance_stage_leaves_declined_and_closed(start: Stage, reached: Stage) -> None:
    contact = Contact(name="Ada", stage=start)
    assert not workflow.advance_stage(contact, reached)
    assert contact.stage is start


@pytest.mark.parametrize("reached", [Stage.DECLINED, Stage.CLOSED])
def test_declined_and_closed_are_not_reached_by_advancing(reached: Stage) -> None:
    contact = Contact(name="Ada", stage=Stage.ASKED)
    with pytest.raises(ValueError, match="not a step of the method"):
        workflow.advance_stage(contact, reached)
    assert contact.stage is Stage.ASKED


# add_note and capture ---------------------------------------------------------------------------


def test_add_note_starts_a_conversation_dated_now_when_there_is_none(store: Store, ada: Contact) -> None:
    interview = workflow.add_note(store, ada.id, "Talked about\x1b[2J engines.\n\tMore.")
    assert interview.id is not None
    assert interview.when == NOW
    assert interview.status is InterviewStatus.PLANNED
    assert interview.notes == "Talked about engines.\n    More."
    assert interview.question_ids == [q.id for q in store.questions()]
    assert store.interviews(ada.id) == [interview]


def test_add_note_appends_to_the_most_recent_conversation(store: Store, ada: Contact) -> None:
    first = workflow.add_note(store, ada.id, "first")
    second = workflow.add_note(store, ada.id, "second")
    assert second.id == first.id
    assert store.interview(first.id).notes == "first\n\nsecond"


def test_a_note_does_not_change_the_stage(store: Store) -> None:
    identified = store.add_contact(Contact(name="Identified"))
    workflow.add_note(store, identified.id, "met at a fair")
    assert store.contact(identified.id).stage is Stage.IDENTIFIED


def test_add_note_lands_in_one_write(store: Store, ada: Contact) -> None:
    writes = store.storage.writes
    workflow.add_note(store, ada.id, "notes")
    assert store.storage.writes == writes + 1


def test_add_note_for_an_unknown_contact(store: Store, db_path: Path) -> None:
    before = db_path.read_bytes()
    with pytest.raises(NotFound):
        workflow.add_note(store, 999, "notes")
    assert db_path.read_bytes() == before


# add_followup -----------------------------------------------------------------------------------


def test_add_followup(store: Store, ada: Contact) -> None:
    followup = workflow.add_followup(
        store, ada.id, "next tue 3pm", kind=FollowUpKind.THANK_YOU, note=" Send\x1b[31m the card "
    )
    assert followup.id is not None
    assert followup.due == datetime(2026, 12, 1, 15, 0)
    assert followup.kind is FollowUpKind.THANK_YOU
    assert followup.note == "Send the card"
    assert followup.created == NOW
    assert store.followups() == [followup]


def test_add_followup_without_a_time_is_due_in_the_morning(store: Store, ada: Contact) -> None:
    assert workflow.add_followup(store, ada.id, "in 3 days").due == datetime(2026, 11, 28, 9, 0)


@pytest.mark.parametrize("due", ["", "someday", "13pm", "tue wed", "2026-02-30", "\x1b[31m"])
def test_add_followup_with_an_unreadable_date_stores_nothing(
    store: Store, ada: Contact, db_path: Path, due: str
) -> None:
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        workflow.add_followup(store, ada.id, due)
    assert caught.value.field == "due"
    assert store.followups(include_done=True) == []
    assert db_path.read_bytes() == before


def test_add_followup_with_a_long_note_stores_nothing(store: Store, ada: Contact, db_path: Path) -> None:
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        workflow.add_followup(store, ada.id, "tomorrow", note="n" * (MAX_LINE + 1))
    assert caught.value.field == "note"
    assert db_path.read_bytes() == before


def test_add_followup_for_an_unknown_contact_stores_nothing(store: Store, db_path: Path) -> None:
    before = db_path.read_bytes()
    with pytest.raises(NotFound):
        workflow.add_followup(store, 999, "tomorrow")
    assert db_path.read_bytes() == before


def test_complete_followup(store: Store, ada: Contact) -> None:
    followup = workflow.add_followup(store, ada.id, "tomorrow")
    done = workflow.complete_followup(store, followup.id)
    assert done.done_at == NOW
    assert store.followups() == []
    assert store.followups(include_done=True)[0].done_at == NOW


# Tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("", []),
        ("fintech", ["fintech"]),
        ("#fintech, London  alumni-network", ["fintech", "London-alumni-network"]),
        ("UX ux Ux", ["UX"]),  # the first spelling is kept
        ("#, ,# ", []),
    ],
)
def test_tags_are_read_from_one_box(typed: str, tags: list[str]) -> None:
    assert workflow.parse_tags(typed) == tags


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("#design, UX Research, a/b", ["design", "UX-Research", "a/b"]),
        ("UX Research, design", ["UX-Research", "design"]),
        ("#design, #UX #research", ["design", "UX", "research"]),  # a # starts a tag of its own
        ("# UX, design", ["UX", "design"]),
        ("design,", ["design"]),
        ("design UX Research", ["design", "UX", "Research"]),  # no comma: spaces separate them
        ("#design #UX", ["design", "UX"]),
    ],
)
def test_with_a_comma_only_commas_separate_tags_and_a_tag_of_several_words_is_one(typed: str, tags: list[str]) -> None:
    assert workflow.parse_tags(typed) == tags


@pytest.mark.parametrize(
    ("parts", "tags"),
    [
        (["job search"], ["job-search"]),  # one part, even without a comma: one tag
        (["#design", " UX  Research ", "", "a/b"], ["design", "UX-Research", "a/b"]),
        (["#design #UX", "ux"], ["design", "UX"]),
    ],
)
def test_tags_a_file_lists_are_read_as_parts_of_the_box_typed_with_commas(parts: list[str], tags: list[str]) -> None:
    assert workflow.tags_from_list(parts) == tags
    assert workflow.parse_tags(",".join(parts) + ",") == tags


@pytest.mark.parametrize("parts", [["stage:asked"], ["x" * 41], [f"t{i}" for i in range(31)]])
def test_tags_a_file_lists_are_refused_as_the_box_refuses_them(parts: list[str]) -> None:
    with pytest.raises(InvalidInput) as from_a_file:
        workflow.tags_from_list(parts)
    with pytest.raises(InvalidInput) as typed:
        workflow.parse_tags(", ".join(parts) + ",")
    assert str(from_a_file.value) == str(typed.value)


def test_a_tag_of_several_words_is_found_by_the_filter(store: Store) -> None:
    from interview_tui.core.contact_query import ContactQuery, search_key

    alex = workflow.set_tags(store, store.add_contact(Contact(name="Alex Example")).id, "#design, UX Research")
    for typed in ("#ux-research", "#UX-Res", "#ux", "tag:ux-research"):
        assert ContactQuery.parse(typed).matches(alex, search_key(alex)), typed
    assert not ContactQuery.parse("#research").matches(alex, search_key(alex))


@pytest.mark.parametrize("typed", ["stage:asked", "x" * 41, " ".join(f"t{i}" for i in range(31))])
def test_tags_the_filter_could_not_use_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        workflow.parse_tags(typed)
    assert refused.value.field == "tags"
