"""The store: typed records in and out, what a delete takes with it, finding a contact by name, and
everything coming back exactly as saved when the file is opened again."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from builders import NOW
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.errors import InvalidInput, NotFound, SaveFailed, WorkspaceUnreadable
from interview_tui.core.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    InterviewMode,
    InterviewStatus,
    Relationship,
    Stage,
    Touch,
    TouchKind,
)
from interview_tui.core.questions import DEFAULT_QUESTIONS
from interview_tui.core.store import SCHEMA_VERSION, Store

from .conftest import fail_saves


def reopen(store: Store) -> Store:
    store.close()
    return Store.open(store.path, clock=store.clock)


# A new workspace -------------------------------------------------------------------------------


def test_a_new_workspace_has_the_default_questions_in_order(store: Store, db_path: Path) -> None:
    questions = store.questions()
    assert [q.text for q in questions] == list(DEFAULT_QUESTIONS)
    assert len(questions) == 9
    assert all(q.active for q in questions)
    assert len({q.id for q in questions}) == 9
    on_disk = json.loads(db_path.read_text())
    assert sorted(doc["text"] for doc in on_disk["questions"].values()) == sorted(DEFAULT_QUESTIONS)


def test_reopening_does_not_seed_the_questions_again(store: Store, db_path: Path) -> None:
    before = [(q.id, q.text) for q in store.questions()]
    store = reopen(store)
    try:
        assert [(q.id, q.text) for q in store.questions()] == before
        assert store.storage.writes == 0
    finally:
        store.close()
    assert len(json.loads(db_path.read_text())["questions"]) == 9


def test_the_schema_version_is_stored_in_the_file(store: Store, db_path: Path) -> None:
    meta = json.loads(db_path.read_text())["meta"]
    assert [doc["schema_version"] for doc in meta.values()] == [SCHEMA_VERSION]


def test_a_new_workspace_whose_first_save_failed_gets_its_questions_next_time(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new file must not end up with its schema record but without the question bank."""
    real_fsync = os.fsync
    calls = {"n": 0}

    def fsync_failing_on_the_second_save(fd):
        calls["n"] += 1
        if calls["n"] == 3:  # save 1: file + directory; save 2 fails on its file
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_failing_on_the_second_save)
    try:
        Store.open(db_path).close()
    except SaveFailed:
        pass  # the app says the workspace could not be saved; the user tries again
    monkeypatch.undo()
    with Store.open(db_path) as store:
        assert [q.text for q in store.questions()] == list(DEFAULT_QUESTIONS)


# Contacts --------------------------------------------------------------------------------------


def test_contacts_are_listed_by_name_ignoring_case(store: Store) -> None:
    for name in ("bob Sample", "Ann Example", "Émile Exemple", "ann Abacus", "Zed"):
        store.add_contact(Contact(name=name))
    assert [c.name for c in store.contacts()] == ["ann Abacus", "Ann Example", "bob Sample", "Zed", "Émile Exemple"]
    assert store.contact_count() == 5
    assert sorted(store.contact_names().values()) == sorted(c.name for c in store.contacts())


def test_add_stamps_the_times_and_gives_an_id(store: Store) -> None:
    contact = store.add_contact(Contact(name="Ann Example"))
    assert contact.id is not None
    assert contact.created == NOW and contact.updated == NOW
    assert store.contact(contact.id).name == "Ann Example"
    with pytest.raises(NotFound):
        store.contact(contact.id + 100)


def test_update_replaces_every_field_and_clearing_one_sticks(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example", company="Acme", role="CTO", tags=["a", "b"]))
    changed = Contact.from_doc(ann.to_doc(), ann.id)
    changed.company = ""
    changed.tags = []
    changed.stage = Stage.ASKED
    store.update_contact(changed)
    store = reopen(store)
    try:
        again = store.contact(ann.id)
        assert (again.name, again.company, again.role, again.tags, again.stage) == (
            "Ann Example", "", "CTO", [], Stage.ASKED
        )
    finally:
        store.close()


def test_updating_a_contact_that_does_not_exist_is_not_found(store: Store) -> None:
    writes = store.storage.writes
    with pytest.raises(NotFound):
        store.update_contact(Contact(name="Ghost", id=42))
    assert store.storage.writes == writes
    assert store.contacts() == []


def test_referrals_must_point_at_someone_else_who_exists(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    with pytest.raises(NotFound):
        store.add_contact(Contact(name="Bob Sample", referred_by=999))
    assert [c.name for c in store.contacts()] == ["Ann Example"]
    ann_copy = Contact.from_doc(ann.to_doc(), ann.id)
    ann_copy.referred_by = ann.id
    with pytest.raises(InvalidInput) as caught:
        store.update_contact(ann_copy)
    assert caught.value.field == "referred_by"
    bob = store.add_contact(Contact(name="Bob Sample", referred_by=ann.id))
    assert [c.name for c in store.referred_by(ann.id)] == ["Bob Sample"]
    assert store.contact(bob.id).referred_by == ann.id


def test_delete_takes_everything_about_the_contact_and_unlinks_referrals(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    bob = store.add_contact(Contact(name="Bob Sample", referred_by=ann.id))
    chen = store.add_contact(Contact(name="Chen Demo", referred_by=ann.id))
    for person in (ann, bob):
        interview = store.add_interview(Interview(contact_id=person.id, when=NOW, notes=f"with {person.name}"))
        store.add_followup(FollowUp(contact_id=person.id, due=NOW, interview_id=interview.id))
        store.add_touch(Touch(contact_id=person.id, kind=TouchKind.MET, at=NOW))

    deleted = store.delete_contact(ann.id)
    assert deleted.name == "Ann Example"

    for view in (store, reopened := reopen(store)):
        assert [c.name for c in view.contacts()] == ["Bob Sample", "Chen Demo"]
        with pytest.raises(NotFound):
            view.contact(ann.id)
        assert view.interviews(ann.id) == []
        assert view.touches(ann.id) == []
        assert [f.contact_id for f in view.followups(include_done=True)] == [bob.id]
        assert [i.notes for i in view.interviews(bob.id)] == ["with Bob Sample"]
        assert len(view.touches(bob.id)) == 1
        assert view.contact(bob.id).referred_by is None
        assert view.contact(chen.id).referred_by is None
        with pytest.raises(NotFound):
            view.find_contact("Ann")
    reopened.close()


def test_deleting_someone_unknown_is_not_found_and_writes_nothing(store: Store) -> None:
    store.add_contact(Contact(name="Ann Example"))
    writes = store.storage.writes
    with pytest.raises(NotFound):
        store.delete_contact(12345)
    assert store.storage.writes == writes
    assert store.contact_count() == 1


# Finding a contact by what a person types ------------------------------------------------------


@pytest.fixture
def people(store: Store) -> Store:
    for name in ("Ann", "Anna Sample", "Andrew Demo", "Bob Sample", "王小明", "Zoë 🦊 Fox"):
        store.add_contact(Contact(name=name))
    return store


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Ann", "Ann"),  # exact beats the prefix of "Anna Sample"
        ("ann", "Ann"),
        ("  ANN ", "Ann"),
        ("anna   sample", "Anna Sample"),
        ("Anna", "Anna Sample"),  # the only name starting with it
        ("bo", "Bob Sample"),
        ("andrew demo", "Andrew Demo"),
        ("王", "王小明"),
        ("zoë 🦊", "Zoë 🦊 Fox"),
    ],
)
def test_find_contact_by_exact_name_or_unique_prefix(people: Store, typed: str, expected: str) -> None:
    assert people.find_contact(typed).name == expected


def test_an_ambiguous_prefix_lists_the_candidates(people: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        people.find_contact("An")
    message = str(caught.value)
    assert "3 contacts" in message
    for name in ("Ann", "Anna Sample", "Andrew Demo"):
        assert name in message
    assert "Bob" not in message


def test_two_people_with_the_same_name_are_ambiguous(people: Store) -> None:
    people.add_contact(Contact(name="bob sample"))
    with pytest.raises(InvalidInput) as caught:
        people.find_contact("Bob Sample")
    assert "2 contacts" in str(caught.value)


def test_an_unknown_name_is_not_found_and_named(people: Store) -> None:
    with pytest.raises(NotFound) as caught:
        people.find_contact("Xavier")
    assert "Xavier" in str(caught.value)


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_an_empty_name_is_asked_for(people: Store, typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        people.find_contact(typed)
    assert caught.value.field == "name"


@pytest.mark.parametrize("name", ["Ann  Example", " Bob Sample"])
def test_a_name_typed_exactly_as_stored_is_found(store: Store, name: str) -> None:
    """Names stored with extra spaces (an import, the Store API) are found as typed."""
    store.add_contact(Contact(name=name))
    assert store.find_contact(name).name == name


# Interviews, follow-ups, touches ---------------------------------------------------------------


def test_interviews_newest_first_and_only_for_existing_contacts(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    old = store.add_interview(Interview(contact_id=ann.id, when=NOW - timedelta(days=30)))
    new = store.add_interview(Interview(contact_id=ann.id, when=NOW + timedelta(days=2)))
    mid = store.add_interview(Interview(contact_id=ann.id, when=NOW))
    assert [i.id for i in store.interviews(ann.id)] == [new.id, mid.id, old.id]
    with pytest.raises(NotFound):
        store.add_interview(Interview(contact_id=999, when=NOW))


def test_followups_soonest_first_done_ones_hidden(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    bob = store.add_contact(Contact(name="Bob Sample"))
    later = store.add_followup(FollowUp(contact_id=ann.id, due=NOW + timedelta(days=7), note="later"))
    overdue = store.add_followup(FollowUp(contact_id=bob.id, due=NOW - timedelta(days=3), note="overdue"))
    done = store.add_followup(
        FollowUp(contact_id=bob.id, due=NOW - timedelta(days=10), note="done", done_at=NOW - timedelta(days=9))
    )
    today = store.add_followup(FollowUp(contact_id=ann.id, due=NOW, note="today"))
    assert [f.note for f in store.followups()] == ["overdue", "today", "later"]
    assert [f.note for f in store.followups(include_done=True)] == ["done", "overdue", "today", "later"]

    finished = store.followup(today.id)
    finished.done_at = NOW
    store.update_followup(finished)
    store = reopen(store)
    try:
        assert [f.id for f in store.followups()] == [overdue.id, later.id]
        assert store.followup(done.id).done_at == NOW - timedelta(days=9)
    finally:
        store.close()
    with Store.open(store.path) as again, pytest.raises(NotFound):
        again.add_followup(FollowUp(contact_id=999, due=NOW))


def test_touches_in_time_order(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    store.add_touch(Touch(contact_id=ann.id, kind=TouchKind.THANKED, at=NOW))
    store.add_touch(Touch(contact_id=ann.id, kind=TouchKind.ASKED, at=NOW - timedelta(days=5)))
    assert [t.kind for t in store.touches(ann.id)] == [TouchKind.ASKED, TouchKind.THANKED]
    with pytest.raises(NotFound):
        store.add_touch(Touch(contact_id=999, kind=TouchKind.MET, at=NOW))


def test_notes_are_saved_and_an_unchanged_save_writes_nothing(store: Store, monkeypatch) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    interview = store.add_interview(Interview(contact_id=ann.id, when=NOW))
    store.save_notes(interview.id, "first draft")
    writes = store.storage.writes
    store.save_notes(interview.id, "first draft")
    assert store.storage.writes == writes

    # After a failed save the same text must be written again, not skipped as "unchanged".
    fail_saves(monkeypatch)
    with pytest.raises(SaveFailed):
        store.save_notes(interview.id, "second draft")
    monkeypatch.undo()
    store.save_notes(interview.id, "second draft")
    assert store.storage.writes == writes + 1
    store = reopen(store)
    try:
        assert store.interview(interview.id).notes == "second draft"
    finally:
        store.close()


# What a failed save shows ----------------------------------------------------------------------


def test_a_contact_whose_save_failed_is_not_kept_and_saving_again_makes_one(store: Store, monkeypatch) -> None:
    """The form stays open with the message: memory must not hold the contact, or saving the
    form again (or the next save of anything) would store it twice, or after a cancel."""
    store.add_contact(Contact(name="Ann Example"))
    fail_saves(monkeypatch)
    with pytest.raises(SaveFailed):
        store.add_contact(Contact(name="Bob Sample"))
    assert [c.name for c in store.contacts()] == ["Ann Example"]
    with pytest.raises(SaveFailed):
        store.add_contact(Contact(name="Bob Sample"))
    monkeypatch.undo()
    store.add_contact(Contact(name="Bob Sample"))
    assert [c.name for c in store.contacts()] == ["Ann Example", "Bob Sample"]
    store = reopen(store)
    try:
        assert [c.name for c in store.contacts()] == ["Ann Example", "Bob Sample"]
    finally:
        store.close()


def test_a_cancelled_form_after_a_failed_save_leaves_nothing_to_save_later(store: Store, monkeypatch) -> None:
    ann = store.add_contact(Contact(name="Ann Example", company="Acme"))
    edited = Contact.from_doc(ann.to_doc(), ann.id)
    edited.company = "Initech"
    fail_saves(monkeypatch)
    with pytest.raises(SaveFailed):
        store.update_contact(edited)
    with pytest.raises(SaveFailed):
        store.add_contact(Contact(name="Bob Sample"))
    assert store.contact(ann.id).company == "Acme"
    monkeypatch.undo()
    # The person pressed esc on both forms; the next change saved is someone else's.
    store.add_contact(Contact(name="Cy Placeholder"))
    store = reopen(store)
    try:
        assert [(c.name, c.company) for c in store.contacts()] == [
            ("Ann Example", "Acme"),
            ("Cy Placeholder", ""),
        ]
    finally:
        store.close()


# Files with records it cannot use --------------------------------------------------------------


def test_a_schema_version_it_never_wrote_is_refused(db_path: Path) -> None:
    """A refusal naming the file, not a KeyError from the migration table."""
    db_path.write_text('{"meta": {"1": {"schema_version": 0}}}')
    with pytest.raises(WorkspaceUnreadable):
        Store.open(db_path)


@pytest.mark.parametrize(
    "contact",
    [{"company": "Acme"}, {"name": "Ann", "created": "yesterday"}, {"name": "Ann", "stage": "promoted"}],
    ids=["no name", "bad date", "unknown stage"],
)
def test_a_record_it_cannot_decode_is_refused_when_opening(db_path: Path, contact: dict) -> None:
    """Refused at opening with the file named, not a crash halfway through the user's work."""
    db_path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "contacts": {"1": contact}}))
    with pytest.raises(WorkspaceUnreadable) as caught:
        store = Store.open(db_path)
        store.contacts()
    assert str(db_path) in str(caught.value)


# Round trips -----------------------------------------------------------------------------------


def test_every_field_of_every_record_comes_back(store: Store) -> None:
    referrer = store.add_contact(Contact(name="Ref Errer"))
    contact = store.add_contact(
        Contact(
            name="Ann Example",
            company="Acme",
            role="CTO",
            field="Robotics",
            email="ann@example.org",
            phone="+44 20 7946 0000",
            linkedin_url="https://www.linkedin.com/in/annlee",
            address="1 High St\nLondon",
            relationship=Relationship.ALUMNI,
            referred_by=referrer.id,
            stage=Stage.THANKED,
            tags=["robots", "london"],
            created=datetime(2025, 1, 2, 3, 4, 5, 678901),
        )
    )
    questions = store.questions()
    interview = store.add_interview(
        Interview(
            contact_id=contact.id,
            when=datetime(2026, 12, 1, 15, 30),
            minutes=45,
            mode=InterviewMode.IN_PERSON,
            where="Café Nero",
            status=InterviewStatus.DONE,
            question_ids=[questions[2].id, questions[0].id],
            answers={str(questions[0].id): "Long story.\nTwo lines."},
            notes="Notes with\ttabs and \"quotes\"",
            takeaways="Call Bob",
        )
    )
    followup = store.add_followup(
        FollowUp(
            contact_id=contact.id,
            due=NOW + timedelta(days=1),
            kind=FollowUpKind.THANK_YOU,
            interview_id=interview.id,
            note="send card",
            done_at=NOW + timedelta(hours=5),
            recurrence="FREQ=MONTHLY;INTERVAL=3",
        )
    )
    touch = store.add_touch(Touch(contact_id=contact.id, kind=TouchKind.REPLIED, at=NOW, note="yes!"))

    reopened = reopen(store)
    try:
        assert reopened.contact(contact.id) == contact
        assert reopened.contact(referrer.id) == referrer
        assert reopened.interview(interview.id) == interview
        assert reopened.followup(followup.id) == followup
        assert reopened.touches(contact.id) == [touch]
        assert reopened.questions() == questions
    finally:
        reopened.close()


UNICODE_NAMES = ["王小明", "Zoë Ärger-Ñúñez", "🦊 Fox 🚀", "محمد", "Ελένη", "जय", "a\u0301", "\U0001F468\u200d\U0001F469\u200d\U0001F467"]


def test_unicode_names_come_back_and_stay_readable_in_the_file(store: Store, db_path: Path) -> None:
    for name in UNICODE_NAMES:
        store.add_contact(Contact(name=name, company=name[::-1]))
    text = db_path.read_text(encoding="utf-8")
    for name in UNICODE_NAMES:
        assert json.dumps(name, ensure_ascii=False) in text
    reopened = reopen(store)
    try:
        assert sorted((c.name, c.company) for c in reopened.contacts()) == sorted(
            (n, n[::-1]) for n in UNICODE_NAMES
        )
        assert reopened.find_contact("王小明").name == "王小明"
    finally:
        reopened.close()


contact_fields = st.fixed_dictionaries(
    {
        "name": st.text().filter(str.strip),  # a blank name is refused: no file would open with one
        "company": st.text(),
        "address": st.text(),
        "tags": st.lists(st.text(), max_size=3),
        "notes": st.text(),
    }
)


@settings(max_examples=50, deadline=None)
@given(st.lists(contact_fields, max_size=6))
def test_any_text_round_trips_through_the_file(people: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "interviews.json"
        with Store.open(path, clock=lambda: NOW) as store:
            saved = []
            for person in people:
                contact = store.add_contact(
                    Contact(name=person["name"], company=person["company"], address=person["address"], tags=person["tags"])
                )
                interview = store.add_interview(Interview(contact_id=contact.id, when=NOW, notes=person["notes"]))
                saved.append((contact.id, interview.id, person))
        with Store.open(path) as store:
            assert store.contact_count() == len(people)
            for contact_id, interview_id, person in saved:
                contact = store.contact(contact_id)
                assert (contact.name, contact.company, contact.address, contact.tags) == (
                    person["name"], person["company"], person["address"], person["tags"]
                )
                assert store.interview(interview_id).notes == person["notes"]


def test_moving_a_question_that_does_not_exist_is_not_found(store: Store) -> None:
    """NotFound, not a StopIteration escaping (a RuntimeError inside a coroutine)."""
    with pytest.raises(NotFound):
        store.move_question(9999, 1)


def test_a_change_refused_on_a_read_only_workspace_is_not_kept_in_memory(db_path: Path, fixed_clock) -> None:
    from interview_tui.core.errors import WorkspaceReadOnly

    with Store.open(db_path, clock=fixed_clock) as store:
        store.add_contact(Contact(name="Ann Example"))
    db_path.chmod(0o444)
    with Store.open(db_path, clock=fixed_clock) as store:
        assert store.read_only
        with pytest.raises(WorkspaceReadOnly):
            store.add_contact(Contact(name="Bob Sample"))
        assert [c.name for c in store.contacts()] == ["Ann Example"]
        assert not store.can_undo()


def test_a_contact_whose_referrer_is_gone_can_still_be_edited(db_path: Path, fixed_clock) -> None:
    """A merge left the link pointing at no one: it is kept, and does not block every change."""
    db_path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "contacts": {"2": {"name": "Sam Sample", "referred_by": 1}}}))
    with Store.open(db_path, clock=fixed_clock) as store:
        sam = store.contact(2)
        sam.company = "Acme"
        store.update_contact(sam)
        assert store.contact(2).referred_by == 1
        sam.referred_by = 3
        with pytest.raises(NotFound):
            store.update_contact(sam)


def test_a_damaged_linked_workspace_names_the_backup_beside_the_link(tmp_path: Path, fixed_clock) -> None:
    real = tmp_path / "real" / "w.json"
    real.parent.mkdir()
    link = tmp_path / "w.json"
    link.symlink_to(real)
    with Store.open(link, clock=fixed_clock) as store:
        store.add_contact(Contact(name="Ann Example"))
        store.add_contact(Contact(name="Bob Sample"))
    real.write_text("{ damaged")
    with pytest.raises(WorkspaceUnreadable) as caught:
        Store.open(link)
    assert f"The last good copy is {tmp_path / 'w.json.bak'}" in str(caught.value)


def test_all_touches_lists_every_contacts_touches(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    bob = store.add_contact(Contact(name="Bob Sample"))
    store.add_touch(Touch(contact_id=ann.id, kind=TouchKind.ASKED, at=NOW))
    store.add_touch(Touch(contact_id=bob.id, kind=TouchKind.MET, at=NOW))
    assert sorted((t.contact_id, t.kind) for t in store.all_touches()) == [(ann.id, TouchKind.ASKED), (bob.id, TouchKind.MET)]


def test_one_persons_follow_ups_soonest_first_done_ones_only_when_asked(store: Store) -> None:
    from interview_tui.core.models import Contact, FollowUp

    alex = store.add_contact(Contact(name="Alex Example")).id or 0
    sam = store.add_contact(Contact(name="Sam Sample")).id or 0
    later = store.add_followup(FollowUp(contact_id=alex, due=NOW + timedelta(days=3)))
    done = store.add_followup(FollowUp(contact_id=alex, due=NOW + timedelta(days=1)))
    done.done_at = NOW
    store.update_followup(done)
    sooner = store.add_followup(FollowUp(contact_id=alex, due=NOW + timedelta(days=2)))
    tie = store.add_followup(FollowUp(contact_id=alex, due=NOW + timedelta(days=2)))
    store.add_followup(FollowUp(contact_id=sam, due=NOW))
    assert [f.id for f in store.followups_of(alex)] == [sooner.id, tie.id, later.id]
    assert [f.id for f in store.followups_of(alex, include_done=True)] == [done.id, sooner.id, tie.id, later.id]
    assert store.open_followups_of(alex) == store.followups_of(alex)
    assert sorted(f.id or 0 for f in store.all_followups()) == sorted(f.id or 0 for f in store.followups(include_done=True))


def test_a_follow_up_changed_in_place_then_saved_keeps_the_queue_in_order(tmp_path: Path) -> None:
    """The queue's records are the store's own: a screen may change one and then save it."""
    path = tmp_path / "w.json"
    with Store.open(path, clock=lambda: NOW) as store:
        person = store.add_contact(Contact(name="Alex Example"))
        for day in range(8):
            store.add_followup(FollowUp(contact_id=person.id or 0, due=NOW + timedelta(days=day)))
    with Store.open(path, clock=lambda: NOW) as store:
        first = store.followups()[0]
        first.due = NOW + timedelta(days=20)
        store.update_followup(first)
        assert [f.id for f in store.followups()] == [2, 3, 4, 5, 6, 7, 8, 1]
        second = store.contacts()[0]
        second.name = "Zoë Example"
        store.update_contact(second)
        assert [c.name for c in store.contacts()] == ["Zoë Example"]


@settings(max_examples=150, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["add", "rename", "delete", "undo", "restore", "follow up", "done", "move", "look", "reopen"]),
            st.sampled_from(["b", "A", "a", "B b", "ä", "Ab"]),
            st.integers(0, 20),
        ),
        max_size=30,
    )
)
def test_contacts_kept_in_order_between_calls_are_always_the_full_sort(steps: list[tuple[str, str, int]]) -> None:
    """The lists of contacts and of open follow-ups are brought up to date change by change;
    whatever the changes, each is what sorting them all gives (by name, case aside, or by when
    due; ties by id)."""
    from interview_tui.core.models import Contact, FollowUp

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "w.json", clock=lambda: NOW)
        try:
            for action, name, pick in steps:
                ids = sorted(store._contacts.records)
                if action == "reopen":
                    store.close()
                    store = Store.open(Path(folder) / "w.json", clock=lambda: NOW)
                    store.followups(), store.contacts()  # sorted afresh, as the first frame does
                    continue
                if action == "add" or not ids:
                    store.add_contact(Contact(name=name))
                elif action == "rename":
                    contact = store.contact(ids[pick % len(ids)])
                    contact.name = name
                    store.update_contact(contact)
                elif action == "delete":
                    store.delete_contact(ids[pick % len(ids)])
                elif action == "undo" and store.can_undo():
                    store.undo()
                elif action == "restore" and store.trash():
                    # Restored as another person when one of that name is there meanwhile: the
                    # order is what is checked here, not that refusal (tests/core/test_trash.py).
                    store.restore(store.trash()[0].id or 0, another=True)
                elif action == "follow up":
                    store.add_followup(FollowUp(contact_id=ids[pick % len(ids)], due=NOW + timedelta(days=pick % 3)))
                elif action in ("done", "move") and store._followups.records:
                    tasks = sorted(store._followups.records)
                    task = store.followup(tasks[pick % len(tasks)])
                    if action == "done":
                        task.done_at = NOW
                    else:
                        task.due = NOW + timedelta(hours=pick)
                    store.update_followup(task)
                if action != "look":
                    continue  # the lists looked at now and then: changes, some in place, pile up
                everyone = list(store._contacts.records.values())
                assert store.contacts() == sorted(everyone, key=lambda c: (c.name.casefold(), c.id))
                tasks_open = [f for f in store._followups.records.values() if f.done_at is None]
                assert store.followups() == sorted(tasks_open, key=lambda f: (f.due, f.id))
            everyone = list(store._contacts.records.values())
            assert store.contacts() == sorted(everyone, key=lambda c: (c.name.casefold(), c.id))
            tasks_open = [f for f in store._followups.records.values() if f.done_at is None]
            assert store.followups() == sorted(tasks_open, key=lambda f: (f.due, f.id))
        finally:
            store.close()


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Alex O'Example", "Alex O\u2019Example"),  # the apostrophe phones and Macs type
        ("Alex O\u2019Example", "alex o'example"),
        ('Sam "Sammy" Sample', "Sam \u201cSammy\u201d Sample"),
        ("Taylor Placeholder-Ñúñez", "taylor  placeholder-nunez"),
        ("Jordan Demo", "JORDAN DEMO"),
    ],
)
def test_a_name_written_another_way_is_the_same_name(store: Store, stored: str, typed: str) -> None:
    contact = store.add_contact(Contact(name=stored))
    assert store.named(typed) == [contact]
    assert store.find_contact(typed) == contact


def test_an_edit_that_changes_nothing_saves_nothing_and_leaves_nothing_to_undo(store: Store) -> None:
    ada = store.add_contact(Contact(name="Ada Example", company="Engines", tags=["alumni"]))
    assert ada.id is not None
    made_before = store.changes_made
    before = store.path.read_bytes()
    last_change = store.history.peek()
    same = msgspec.structs.replace(store.contact(ada.id))
    kept = store.update_contact(same)
    assert kept == store.contact(ada.id)
    assert kept.updated == ada.updated  # not "edited just now"
    assert store.path.read_bytes() == before
    assert store.changes_made == made_before
    assert store.history.peek() is last_change  # u would take back the add, not an edit of nothing
    # A real change after it is saved and undone as ever.
    renamed = msgspec.structs.replace(store.contact(ada.id), company="Analytical Engines")
    store.update_contact(renamed)
    assert store.path.read_bytes() != before
    store.undo()
    assert store.contact(ada.id).company == "Engines"
