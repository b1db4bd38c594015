"""The trash: a deleted contact keeps everything that went with them until restored, across
sessions; a purge erases them from every file the app keeps."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest
from builders import NOW

from interview_tui.core import workflow
from interview_tui.core.errors import InvalidInput, NotFound, SamePersonThere
from interview_tui.core.models import Contact, Touch, TouchKind
from interview_tui.core.rescue import find_rescues, write_rescue
from interview_tui.core.storage import backup_path
from interview_tui.core.store import Store
from interview_tui.core.trash import describe, what_goes_with


def campaign(store: Store) -> tuple[Contact, Contact]:
    """Alex, who referred Sam, with a conversation held, its thank-you and a touch."""
    alex = store.add_contact(Contact(name="Alex Example", address="1 High St"))
    sam = store.add_contact(Contact(name="Sam Sample", referred_by=alex.id))
    interview = workflow.schedule_interview(store, alex.id, "tomorrow 3pm")
    store.save_notes(interview.id, "Alex said: start with the portfolio")
    workflow.mark_done(store, interview.id)
    store.add_touch(Touch(contact_id=alex.id, kind=TouchKind.UPDATED, at=NOW, note="coffee"))
    return alex, sam


def everything_of(store: Store, contact_id: int) -> tuple[object, ...]:
    return (
        store.contact(contact_id).to_doc(),
        [i.to_doc() for i in store.interviews(contact_id)],
        sorted(
            (f.to_doc() for f in store.followups(include_done=True) if f.contact_id == contact_id),
            key=json.dumps,
        ),
        [t.to_doc() for t in store.touches(contact_id)],
    )


def test_a_deleted_contact_is_in_the_trash_with_what_went_with_them(store: Store) -> None:
    alex, sam = campaign(store)
    entry = store.delete_contact(alex.id)
    assert [c.name for c in store.contacts()] == ["Sam Sample"]
    assert store.contact(sam.id).referred_by is None
    assert [e.name for e in store.trash()] == ["Alex Example"]
    assert entry.count("interviews") == 1
    assert entry.count("touches") >= 2
    assert entry.relinked == [sam.id]
    assert describe(entry).startswith("1 conversation, ")
    assert all(f.contact_id != alex.id for f in store.followups(include_done=True))


def test_restoring_puts_everything_back_as_it_was_even_in_a_later_session(store: Store, db_path: Path) -> None:
    alex, sam = campaign(store)
    before = everything_of(store, alex.id)
    store.delete_contact(alex.id)
    store.close()
    with Store.open(db_path, clock=lambda: NOW) as later:
        restored = later.restore(later.find_in_trash("alex").id)
        assert restored.id == alex.id
        assert everything_of(later, alex.id) == before
        assert later.contact(sam.id).referred_by == alex.id
        assert later.trash() == []
    with Store.open(db_path) as again:
        assert everything_of(again, alex.id) == before


def test_restoring_when_the_ids_were_taken_meanwhile_keeps_every_link(store: Store, db_path: Path) -> None:
    """Another session may hand a freed id to someone new: the restored records get new ids
    and still point at each other."""
    alex, _ = campaign(store)
    store.delete_contact(alex.id)
    newcomers = [store.add_contact(Contact(name=f"New {n}")) for n in range(3)]
    for newcomer in newcomers:
        workflow.schedule_interview(store, newcomer.id, "tomorrow 4pm")
    store.close()
    with Store.open(db_path, clock=lambda: NOW) as later:
        taken = {c.id for c in later.contacts()}
        restored = later.restore(later.find_in_trash("Alex Example").id)
        assert restored.id not in taken or restored.id == alex.id
        interviews = later.interviews(restored.id)
        assert len(interviews) == 1
        assert "portfolio" in interviews[0].notes
        thank_yous = [f for f in later.followups() if f.contact_id == restored.id]
        assert thank_yous and all(f.interview_id == interviews[0].id for f in thank_yous if f.interview_id)
        assert later.contact(later.find_contact("Sam Sample").id).referred_by == restored.id
        assert [c.name for c in later.contacts() if c.name.startswith("New")] == ["New 0", "New 1", "New 2"]


def test_a_referrer_still_in_the_trash_is_linked_again_when_restored(store: Store) -> None:
    alex, sam = campaign(store)
    store.delete_contact(alex.id)
    store.delete_contact(sam.id)
    store.restore(store.find_in_trash("Sam").id)
    assert store.contact(sam.id).referred_by is None
    store.restore(store.find_in_trash("Alex").id)
    assert store.contact(sam.id).referred_by == alex.id


def test_both_ends_of_a_referral_restored_referrer_first_are_linked_again(store: Store) -> None:
    alex, sam = campaign(store)
    store.delete_contact(alex.id)
    store.delete_contact(sam.id)
    store.restore(store.find_in_trash("Alex").id)
    store.restore(store.find_in_trash("Sam").id)
    assert store.contact(sam.id).referred_by == alex.id


def test_a_restore_can_be_undone(store: Store) -> None:
    alex, _ = campaign(store)
    store.delete_contact(alex.id)
    store.restore(store.find_in_trash("Alex").id)
    store.undo()
    assert [e.name for e in store.trash()] == ["Alex Example"]
    with pytest.raises(NotFound):
        store.contact(alex.id)


def test_names_not_in_the_trash_are_refused_with_a_message(store: Store) -> None:
    alex, _ = campaign(store)
    with pytest.raises(NotFound, match="No one named 'Alex' in the trash"):
        store.find_in_trash("Alex")
    store.delete_contact(alex.id)
    with pytest.raises(InvalidInput):
        store.find_in_trash("  ")


def test_the_same_name_deleted_twice_restores_the_newest(store: Store) -> None:
    first = store.add_contact(Contact(name="Alex Example", company="Old"))
    store.delete_contact(first.id)
    second = store.add_contact(Contact(name="Alex Example", company="New"))
    store.delete_contact(second.id)
    assert store.restore(store.find_in_trash("alex example").id).company == "New"
    # The one restored now has the name: the older one comes back only as another person.
    with pytest.raises(SamePersonThere):
        store.restore(store.find_in_trash("alex example").id)
    assert store.restore(store.find_in_trash("alex example").id, another=True).company == "Old"


def test_a_purge_leaves_the_name_in_no_file_the_app_keeps(store: Store, db_path: Path) -> None:
    alex, _ = campaign(store)
    store.add_contact(Contact(name="Bo Placeholder"))
    rescued = write_rescue(
        db_path,
        [("Add a contact", {"Name": "Alex Example", "Company": "Acme"}), ("Add a contact", {"Name": "Kim Keep"})],
        "test",
    )
    assert rescued is not None
    entry = store.delete_contact(alex.id)
    erased = store.purge([entry.id])

    assert erased.names == ["Alex Example"]
    assert erased.rescued_lines == 1
    for path in [db_path, backup_path(db_path), *find_rescues(db_path)]:
        assert "Alex Example" not in path.read_text(encoding="utf-8"), path
    kept = rescued.read_text(encoding="utf-8")
    assert "Kim Keep" in kept and "Company: Acme" in kept  # only the line naming them goes
    assert "Bo Placeholder" in db_path.read_text(encoding="utf-8")
    assert store.trash() == []
    # No change left to undo brings them back.
    while store.can_undo():
        store.undo()
        assert "Alex Example" not in [c.name for c in store.contacts()]
    assert "Alex Example" not in db_path.read_text(encoding="utf-8")


def test_a_purge_forgets_only_the_changes_that_hold_them(store: Store, db_path: Path) -> None:
    alex, sam = campaign(store)
    workflow.set_tags(store, sam.id, "#mentor")
    store.purge([store.delete_contact(alex.id).id])
    assert store.can_undo()
    store.undo()
    assert store.contact(sam.id).tags == []


def test_a_purge_names_the_copies_beside_the_workspace_that_still_hold_them(store: Store, db_path: Path) -> None:
    alex, _ = campaign(store)
    damaged = db_path.with_name(db_path.name + ".damaged-20261125-100000")
    damaged.write_text('{"contacts": {"1": {"name": "Alex Example"', encoding="utf-8")
    erased = store.purge([store.delete_contact(alex.id).id])
    assert erased.copies == [damaged]
    assert str(damaged) in erased.said()


def test_what_goes_with_a_contact_is_said_in_words() -> None:
    assert what_goes_with(2, 3, ["Sam Sample"]) == "2 conversations, 3 follow-ups; Sam Sample was referred by them"
    assert what_goes_with(1, 0, []) == "1 conversation"
    assert what_goes_with(0, 1, ["A", "B"]) == "1 follow-up; A and B were referred by them"
    assert what_goes_with(0, 0, ["A", "B", "C", "D", "E"]) == "A, B, C and 2 more were referred by them"
    assert what_goes_with(0, 0, []) == ""


def test_a_rescue_file_whose_header_names_them_keeps_the_other_forms(db_path: Path) -> None:
    from interview_tui.core.trash import erase_from_rescues

    path = db_path.with_name(db_path.name + ".unsaved-20261125-100000.txt")
    path.write_text("Typed about Alex Example, 2026-11-25.\n\nAdd a contact:\n  Name: Kim Keep\n", encoding="utf-8")
    erase_from_rescues(db_path, ["Alex Example"])
    text = path.read_text(encoding="utf-8")
    assert "Alex Example" not in text and "  Name: Kim Keep" in text


def test_an_id_in_the_trash_is_not_handed_out_in_a_later_session(store: Store, db_path: Path) -> None:
    """Found by a tester: the next session gave a new contact the id of the one in the trash,
    so the restored one came back under another id, and a script that had noted the id found
    someone else. The same for their conversations and follow-ups."""
    alex, _ = campaign(store)
    newest = store.add_contact(Contact(name="Casey Placeholder"))
    workflow.schedule_interview(store, newest.id, "tomorrow 4pm")
    conversation_ids = [interview.id for interview in store.interviews(newest.id)]
    store.delete_contact(newest.id)  # the highest ids of their tables, into the trash
    store.close()
    with Store.open(db_path, clock=lambda: NOW) as later:
        newcomer = later.add_contact(Contact(name="Jordan Demo"))
        workflow.schedule_interview(later, newcomer.id, "tomorrow 5pm")
        assert newcomer.id != newest.id
        assert not {i.id for i in later.interviews(newcomer.id)} & set(conversation_ids)
    with Store.open(db_path, clock=lambda: NOW) as again:
        restored = again.restore(again.find_in_trash("Casey").id)
        assert restored.id == newest.id
        assert [interview.id for interview in again.interviews(newest.id)] == conversation_ids


def test_restoring_never_closes_a_loop_of_referrals_and_says_the_link_in_words(store: Store) -> None:
    # Found by a tester: A introduced B, B introduced C; B deleted (C loses the link), A then
    # edited as introduced by C, B restored: C was linked to B again, and A, B, C made a loop.
    a = store.add_contact(Contact(name="Ann Example"))
    b = store.add_contact(Contact(name="Ben Example", referred_by=a.id))
    c = store.add_contact(Contact(name="Cy Example", referred_by=b.id, notes="Met at the fair."))
    entry = store.delete_contact(b.id or 0)
    store.update_contact(workflow.contact_from_fields(store, {"referred_by": "Cy Example"}, existing=store.contact(a.id or 0)))
    restored = store.restore(entry.id or 0)
    assert restored.referred_by == a.id
    cy = store.contact(c.id or 0)
    assert cy.referred_by is None
    assert cy.notes == "Met at the fair.\n\nReferred by Ben Example."
    store.undo()  # the restore, whole
    assert store.contact(c.id or 0).notes == "Met at the fair."


def test_restoring_links_back_whom_they_introduced_when_no_loop_comes_of_it(store: Store) -> None:
    a = store.add_contact(Contact(name="Ann Example"))
    b = store.add_contact(Contact(name="Ben Example", referred_by=a.id))
    c = store.add_contact(Contact(name="Cy Example", referred_by=b.id))
    # A loop made by hand above Ann (Dee and Eve name each other) neither stops nor hangs it.
    d = store.add_contact(Contact(name="Dee Example"))
    e = store.add_contact(Contact(name="Eve Example", referred_by=d.id))
    store.update_contact(msgspec.structs.replace(store.contact(d.id or 0), referred_by=e.id))
    store.update_contact(msgspec.structs.replace(store.contact(a.id or 0), referred_by=d.id))
    entry = store.delete_contact(b.id or 0)
    store.restore(entry.id or 0)
    assert store.contact(c.id or 0).referred_by == b.id
    assert store.contact(c.id or 0).notes == ""
