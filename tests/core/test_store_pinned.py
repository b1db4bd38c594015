"""The store pinned: a contact found by id and the candidates an unclear name lists, the
identifier a file without one is given (the same at every opening, whatever kind of event it
holds), and the clock's whole seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui.core.errors import ContactNotFound, InvalidInput, NotFound
from interview_tui.core.models import Contact
from interview_tui.core.store import Store, derived_workspace_id, system_clock


def test_a_contact_is_found_by_its_id_and_a_missing_id_says_where_to_see_them(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    store.add_contact(Contact(name="Alex Example"))
    assert store.find_contact(f"id:{alex.id}") is not None
    assert store.find_contact(f"ID:{alex.id}").id == alex.id
    with pytest.raises(ContactNotFound) as missing:
        store.find_contact("id:99")
    assert str(missing.value) == "No contact with id:99."
    assert missing.value.by_id  # the command line says where to see them all with their ids


def test_an_unclear_name_lists_five_candidates_by_name_then_id(store: Store) -> None:
    made = [store.add_contact(Contact(name=name)) for name in
            ("Sam Sample", "Sam Sample", "Sam Able", "Sam Zed", "Sam Mid", "Sam Best")]
    with pytest.raises(InvalidInput) as unclear:
        store.find_contact("sam")
    ids = {c.name: c.id for c in made}
    first, second = made[0].id, made[1].id
    assert str(unclear.value) == (
        f"'sam' could mean 6 contacts (Sam Able (id:{ids['Sam Able']}), Sam Best (id:{ids['Sam Best']}), "
        f"Sam Mid (id:{ids['Sam Mid']}), Sam Sample (id:{first}), Sam Sample (id:{second})); "
        "give the full name, or id:N for one of them."
    )


def test_a_part_of_a_name_two_people_share_whole_asks_for_an_id_not_the_full_name(store: Store) -> None:
    first = store.add_contact(Contact(name="Alex Example"))
    second = store.add_contact(Contact(name="Alex  example"))
    with pytest.raises(InvalidInput) as unclear:
        store.find_contact("alex")
    assert str(unclear.value) == (
        f"'alex' could mean 2 contacts (Alex  example (id:{second.id}), Alex Example (id:{first.id})); "
        "give id:N for one of them."
    )


def test_a_follow_up_that_is_not_there_is_named_as_the_app_names_it(store: Store) -> None:
    with pytest.raises(LookupError, match=r"^No follow-up with id 42\.$"):
        store.followup(42)


def test_the_system_clock_reads_whole_seconds() -> None:
    assert system_clock().microsecond == 0


SAMPLE = {
    "meta": {"1": {"schema_version": 1}},
    "contacts": {str(i): {"name": f"Contact {i}"} for i in range(1, 6)},
    "interviews": {str(i): {"contact_id": i, "when": f"2026-11-2{i}T10:00:00"} for i in range(1, 6)},
    "followups": {"1": {"contact_id": 1, "due": "2026-11-25T10:00:00", "kind": "nudge"}},
}


def test_the_identifier_derived_for_a_file_without_one_is_the_same_from_version_to_version() -> None:
    # Calendars exported before the file's first save know its events by this identifier: a
    # new way of deriving it would lose them.
    assert derived_workspace_id(json.loads(json.dumps(SAMPLE))) == "4d88b44e8cb13f36ef5567af28987a72"


@pytest.mark.parametrize("keep", ["interviews", "followups"])
def test_a_file_with_only_conversations_or_only_follow_ups_keeps_one_identifier_until_saved(
    tmp_path: Path, keep: str
) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({name: table for name, table in SAMPLE.items() if name in ("meta", "contacts", keep)}))
    with Store.open(path) as first:
        made = first.workspace_id
    with Store.open(path) as again:
        assert again.workspace_id == made


# Why a file is refused, word for word ----------------------------------------------------------

from interview_tui.core.errors import WorkspaceUnreadable  # noqa: E402
from interview_tui.core.models import FollowUp, FollowUpKind, Interview, Settings, Touch, TouchKind  # noqa: E402
from interview_tui.core.storage import backup_path, encode, restore_hint  # noqa: E402
from interview_tui.core.store import SCHEMA_VERSION  # noqa: E402

META = {"1": {"schema_version": 1, "workspace_id": "0123456789abcdef0123456789abcdef"}}


def refusal(path: Path, document: dict) -> str:
    path.write_text(json.dumps({"meta": META, "questions": {}, **document}))
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path)
    return str(refused.value)


@pytest.mark.parametrize("backup", [False, True])
def test_a_record_that_cannot_be_read_is_named_with_its_field_and_the_fix(tmp_path: Path, backup: bool) -> None:
    path = tmp_path / "w.json"
    if backup:
        backup_path(path).write_text(json.dumps({"meta": META}))
    fix = f"Fix that record, or restore the backup.{restore_hint(path)}" if backup else "Fix that record."
    assert refusal(path, {"contacts": {"1": {"name": 5}}}) == (
        f'{path}: contacts record 1, field "name": expected text, found a number (5); the file was left untouched. {fix}'
    )
    assert refusal(path, {"interviews": {"3": {"contact_id": 1, "when": "2026-11-25T10:00:00", "minutes": 0}}}) == (
        f'{path}: interviews record 3, field "minutes": expected a number from 1 to 600, found 0; the file was '
        f"left untouched. {fix}"
    )


def test_one_id_written_two_ways_is_refused_naming_both(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    assert refusal(path, {"contacts": {"1": {"name": "Alex Example"}, "2": {"name": "Sam Sample"},
                                       "02": {"name": "Sam Again"}}}) == (
        f'{path}: contacts has two records with id 2 (written "2" and "02"), and only one would be read; '
        "the file was left untouched. Give one of them an id of its own."
    )


def test_a_damaged_record_in_the_trash_is_named(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    trash = {"4": {"name": "Pat Placeholder", "deleted_at": "2026-11-20T10:00:00",
                   "records": {"contacts": {"9": {"name": ["not", "text"]}}}}}
    assert refusal(path, {"trash": trash}) == (
        f'{path}: trash record 4, its contacts record 9, field "name": expected text, found a list (["not", "text"]); '
        "the file was left untouched. Fix that record."
    )


def test_a_file_of_a_newer_version_is_refused_saying_not_to_restore_over_it(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}))
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path)
    assert str(refused.value) == (
        f"{path} was written by a newer interview-tui (schema {SCHEMA_VERSION + 1}; this one reads up to "
        f"{SCHEMA_VERSION}). Upgrade interview-tui to open it; the file was left untouched. (It is not damaged: "
        "do not restore the backup over it, which would lose what the newer version saved.)"
    )


def test_the_trash_is_kept_in_the_files_trash_table(store: Store, db_path: Path) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    store.delete_contact(alex.id)
    saved = json.loads(db_path.read_bytes())
    assert [entry["name"] for entry in saved["trash"].values()] == ["Alex Example"]


def test_fields_this_version_does_not_know_survive_a_change(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"meta": META, "questions": {},
                                "contacts": {"1": {"name": "Alex Example", "zz_colour": "blue", "a_first": 1}}}))
    with Store.open(path) as store:
        alex = store.contact(1)
        alex.company = "Acme"
        store.update_contact(alex)
    saved = json.loads(path.read_bytes())["contacts"]["1"]
    assert saved["zz_colour"] == "blue" and saved["a_first"] == 1 and saved["company"] == "Acme"
    assert list(saved) == sorted(saved)


# What the store says and keeps ------------------------------------------------------------------


def test_a_record_that_is_not_there_is_named_in_lower_case(store: Store) -> None:
    with pytest.raises(NotFound) as missing:
        store.contact(99)
    assert str(missing.value) == "No contact with id 99."


def test_a_record_beyond_its_bounds_is_never_saved(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    with pytest.raises(InvalidInput) as refused:
        store.add_interview(Interview(contact_id=alex.id, when=__import__("datetime").datetime(2026, 11, 25, 10), minutes=0))
    assert str(refused.value) == 'This interview cannot be saved: field "minutes": expected a number from 1 to 600, found 0.'


def test_taking_every_tag_off_is_kept_in_the_history_as_none(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", tags=["design"]))
    alex.tags = []
    store.update_contact(alex)
    assert [e.what for e in store.events(alex.id)] == ["Tags: none"]


def test_the_first_question_of_an_empty_bank_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"meta": META, "questions": {}}))
    with Store.open(path) as store:
        first = store.add_question("What surprised you?")
        assert first.order == 0
        second = store.add_question("Who else should I ask?")
        assert second.order == 1


def test_a_contact_deleted_after_the_last_touches_were_counted_is_left_out_of_them(store: Store) -> None:
    from datetime import datetime

    alex = store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    for who in (alex, sam):
        store.add_touch(Touch(contact_id=who.id, kind=TouchKind.MET, at=datetime(2026, 11, 20, 10)))
    assert set(store.last_touches()) == {alex.id, sam.id}
    store.delete_contact(alex.id)
    assert set(store.last_touches()) == {sam.id}


def test_a_workspace_in_folders_not_made_yet_is_created_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "w.json"
    with Store.open(path, create_dirs=True) as store:
        store.add_contact(Contact(name="Alex Example"))
    assert path.is_file()


def test_purging_nothing_erases_nothing(store: Store) -> None:
    assert tuple(store.purge([])) == ([], 0, [])


def test_the_store_after_a_restore_from_a_backup_keeps_the_clock(store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    replaced = store.replaced({"meta": META, "questions": {}, "contacts": {}})
    assert replaced.clock is store.clock
    assert replaced.add_contact(Contact(name="Alex Example")).created == clock()


# Describing a change without a label ------------------------------------------------------------


def test_a_change_is_described_by_whose_records_it_touched(store: Store) -> None:
    from datetime import datetime

    people = [store.add_contact(Contact(name=name)) for name in
              ("Alex Example", "Sam Sample", "Pat Placeholder", "Dee Demo", "Tom Test")]
    with store.change():
        for who in people[:2]:
            store.add_followup(FollowUp(contact_id=who.id, due=datetime(2026, 12, 1, 9), kind=FollowUpKind.NUDGE))
        store.add_touch(Touch(contact_id=people[0].id, kind=TouchKind.MET, at=datetime(2026, 11, 20, 10)))
    assert store.describe(store.undo()) == "the last change to Alex Example, Sam Sample"

    with store.change():
        for who in people:
            who.company = "Acme"
            store.update_contact(who)
    assert store.describe(store.undo()) == "the last change to Alex Example, Sam Sample, Pat Placeholder and 2 more"

    with store.change():
        for who in people[:3]:
            who.company = "Acme"
            store.update_contact(who)
    assert store.describe(store.undo()) == "the last change to Alex Example, Sam Sample, Pat Placeholder"

    with store.change():
        store.save_settings(Settings(nudge_days=9))
    assert store.describe(store.undo()) == "the last change"


# The trash --------------------------------------------------------------------------------------


def test_a_name_in_the_trash_is_found_exactly_before_by_its_start(store: Store) -> None:
    for name in ("Sam Sample", "Sam Samples", "Sam Other", "Alex Example"):
        store.delete_contact(store.add_contact(Contact(name=name)).id)
    assert store.find_in_trash("sam sample").name == "Sam Sample"
    with pytest.raises(InvalidInput) as unclear:
        store.find_in_trash("sam")
    assert str(unclear.value) == (
        "'sam' could mean 3 people in the trash (Sam Other, Sam Sample, Sam Samples); give the full name."
    )
    with pytest.raises(InvalidInput) as empty:
        store.find_in_trash("  ")
    assert empty.value.field == "name"


def test_a_contact_restored_after_their_ids_were_taken_keeps_every_link(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    path = tmp_path / "w.json"
    with Store.open(path, clock=clock) as store:
        store.add_contact(Contact(name="Sam Sample"))
        alex = store.add_contact(Contact(name="Alex Example"))
        talk = store.add_interview(Interview(contact_id=alex.id, when=datetime(2026, 11, 20, 10)))
        store.add_followup(FollowUp(contact_id=alex.id, interview_id=talk.id, due=datetime(2026, 11, 21, 9),
                                    kind=FollowUpKind.THANK_YOU))
        store.add_touch(Touch(contact_id=alex.id, kind=TouchKind.MET, at=datetime(2026, 11, 20, 10)))
        entry = store.delete_contact(alex.id)
    # This program hands out no id the trash holds; another program (or an earlier version of
    # this one) may have: the freed ids given to someone new, written into the file.
    document = json.loads(path.read_bytes())
    document["contacts"][str(alex.id)] = {"name": "Pat Placeholder", "created": "2026-11-22T10:00:00"}
    document["interviews"][str(talk.id)] = {"contact_id": alex.id, "when": "2026-11-22T10:00:00"}
    path.write_bytes(encode(document))
    with Store.open(path, clock=clock) as store:
        pat = store.find_contact("Pat Placeholder")
        assert pat.id == alex.id
        assert store.last_touches() == {}
        back = store.restore(entry.id)
        assert back.id not in (pat.id, None)
        (interview,) = store.interviews(back.id)
        assert interview.id != talk.id
        (followup,) = store.followups()
        assert (followup.contact_id, followup.interview_id) == (back.id, interview.id)
        assert [t.contact_id for t in store.touches(back.id)] == [back.id]
        assert store.last_touches() == {back.id: datetime(2026, 11, 20, 10)}


def test_a_contact_restored_after_their_referrer_was_deleted_has_no_referrer(store: Store, db_path: Path) -> None:
    sam = store.add_contact(Contact(name="Sam Sample"))
    alex = store.add_contact(Contact(name="Alex Example", referred_by=sam.id))
    alex_entry = store.delete_contact(alex.id)
    store.delete_contact(sam.id)
    back = store.restore(alex_entry.id)
    assert back.referred_by is None
    assert "referred_by" not in json.loads(db_path.read_bytes())["contacts"][str(back.id)]


def test_a_contact_restored_under_the_next_free_id_is_not_overwritten_by_the_next_one_added(
    tmp_path: Path, clock  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "w.json"
    with Store.open(path, clock=clock) as store:
        store.add_contact(Contact(name="Sam Sample"))
        gone = store.add_contact(Contact(name="Tom Test"))
        alex = store.add_contact(Contact(name="Alex Example"))
        entry = store.delete_contact(alex.id)
        store.purge([store.delete_contact(gone.id).id])
    with Store.open(path, clock=clock) as store:
        pat = store.add_contact(Contact(name="Pat Placeholder"))
        assert pat.id != alex.id  # the trash holds it
        back = store.restore(entry.id)
        assert back.id == alex.id  # its own id was free
        dee = store.add_contact(Contact(name="Dee Demo"))
        assert dee.id not in (back.id, pat.id)
        assert store.contact(back.id).name == "Alex Example"


def test_a_record_put_back_by_undo_is_saved_in_the_order_of_its_id(store: Store, db_path: Path) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    store.add_contact(Contact(name="Sam Sample"))
    store.delete_contact(alex.id)
    store.undo()
    assert list(json.loads(db_path.read_bytes())["contacts"]) == ["1", "2"]


def test_someone_erased_for_good_is_not_brought_back_by_undo_whatever_their_name(store: Store) -> None:
    zoe = store.add_contact(Contact(name="Zoë Ünal"))
    store.add_contact(Contact(name="Sam Sample"))
    entry = store.delete_contact(zoe.id)
    store.purge([entry.id])
    while store.can_undo():
        store.undo()
        assert all(c.name != "Zoë Ünal" for c in store.contacts())
        assert store.trash() == []


def test_a_file_that_says_schema_zero_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 0}}}))
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path)
    assert str(refused.value) == f"{path} says it is schema 0, which no interview-tui ever wrote; the file was left untouched."


# The survivors of the round that moved saves to the writer's thread ----------------------


def test_with_every_change_undone_the_words_say_so(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example"))
    store.undo()
    assert store.nothing_to_undo() == (
        "Nothing more to undo: this session's changes were undone already, are older than the last "
        "50, or held someone erased for good (those cannot come back)."
    )


def test_a_touch_older_than_the_last_one_counted_leaves_the_last_touch_as_it_was(store: Store) -> None:
    from datetime import datetime

    alex = store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    later, earlier = datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 1, 10, 0)
    store.add_touch(Touch(contact_id=alex.id or 0, kind=TouchKind.MET, at=later))
    assert store.last_touches() == {alex.id: later}  # counted now, then kept up to date
    store.add_touch(Touch(contact_id=alex.id or 0, kind=TouchKind.MET, at=earlier))
    store.add_touch(Touch(contact_id=sam.id or 0, kind=TouchKind.MET, at=earlier))
    assert store.last_touches() == {alex.id: later, sam.id: earlier}


def test_a_restored_contacts_link_to_no_one_is_kept_though_others_are_in_the_trash(tmp_path: Path) -> None:
    """A referral pointing at no one (a merge left it) is kept as it is on restore: only a link
    to someone in the trash is taken off (to be put back when they are restored)."""
    path = tmp_path / "interviews.json"
    path.write_text(json.dumps({
        "contacts": {"1": {"name": "Bo Placeholder", "referred_by": 99}, "2": {"name": "Cy Example"}},
    }))
    with Store.open(path) as store:
        bo = store.delete_contact(1)
        store.delete_contact(2)
        assert store.restore(bo.id or 0).referred_by == 99


# The survivors of the round that read tables after the first frame ------------------------


def test_a_contact_named_as_their_own_referrer_is_refused_in_words(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    alex.referred_by = alex.id
    with pytest.raises(InvalidInput) as refused:
        store.update_contact(alex)
    assert (str(refused.value), refused.value.field) == ("A contact cannot refer themselves.", "referred_by")


def test_an_empty_name_is_refused_in_words(store: Store) -> None:
    with pytest.raises(InvalidInput) as refused:
        store.find_contact("   ")
    assert (str(refused.value), refused.value.field) == ("A contact name is required.", "name")


def test_with_no_change_made_yet_the_words_say_so(store: Store) -> None:
    assert store.nothing_to_undo() == "Nothing to undo: no change has been made since the workspace was opened."


@pytest.mark.parametrize("records", [{}, {"interviews": {"3": {"contact_id": 9, "when": "2026-11-20T10:00:00"}}}])
def test_a_trash_record_holding_no_contact_is_refused_saying_so(tmp_path: Path, records: dict) -> None:
    path = tmp_path / "w.json"
    trash = {"4": {"name": "Pat Placeholder", "deleted_at": "2026-11-20T10:00:00", "records": records}}
    assert refusal(path, {"trash": trash}) == (
        f"{path}: trash record 4 holds 0 contacts, where each holds the one deleted; the file was left "
        "untouched. Fix that record."
    )


@pytest.mark.parametrize("key", ["\u0663", "\uff13"])  # an Arabic-Indic three, a full-width three
def test_a_record_in_the_trash_whose_id_is_a_digit_of_another_script_is_refused(tmp_path: Path, key: str) -> None:
    # int() reads these as 3: taken as an id, the record would come back under a number no
    # file of this program writes it with.
    path = tmp_path / "w.json"
    trash = {"4": {"name": "Pat Placeholder", "deleted_at": "2026-11-20T10:00:00",
                   "records": {"contacts": {"9": {"name": "Pat Placeholder"}},
                               "interviews": {key: {"contact_id": 9, "when": "2026-11-20T10:00:00"}}}}}
    assert refusal(path, {"trash": trash}) == (
        f"{path}: trash record 4, its interviews record {key!r} has an id that is not a number; the file "
        "was left untouched. Fix that record."
    )


def test_a_contact_never_in_touch_deleted_after_the_last_touches_were_counted(store: Store) -> None:
    from datetime import datetime

    alex = store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    met = datetime(2026, 11, 20, 10, 0)
    store.add_touch(Touch(contact_id=alex.id or 0, kind=TouchKind.MET, at=met))
    assert store.last_touches() == {alex.id: met}
    store.delete_contact(sam.id or 0)
    assert store.last_touches() == {alex.id: met}
    assert [c.name for c in store.contacts()] == ["Alex Example"]


def test_two_people_of_one_name_are_listed_by_id_from_id_zero(tmp_path: Path) -> None:
    # Id 0 is an id like any other (a file written by another TinyDB tool may start there).
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"meta": META, "contacts": {"1": {"name": "Sam Sample"}, "0": {"name": "Sam Sample"}}}))
    with Store.open(path) as store, pytest.raises(InvalidInput) as unclear:
        store.find_contact("sam sample")
    assert str(unclear.value) == "2 contacts are named Sam Sample: id:0, id:1; give the one you mean as id:N."


def test_a_conversation_in_the_trash_naming_someone_else_still_names_them_when_restored(tmp_path: Path) -> None:
    """A record kept with a deleted contact that names another person (a file edited by hand,
    or written by an older build) comes back naming that person, not no one."""
    path = tmp_path / "w.json"
    trash = {"4": {"name": "Pat Placeholder", "deleted_at": "2026-11-20T10:00:00",
                   "records": {"contacts": {"9": {"name": "Pat Placeholder"}},
                               "interviews": {"3": {"contact_id": 2, "when": "2026-11-20T10:00:00"}}}}}
    path.write_text(json.dumps({"meta": META, "contacts": {"2": {"name": "Sam Sample"}}, "trash": trash}))
    with Store.open(path) as store:
        store.restore(4)
        assert [i.id for i in store.interviews(2)] == [3]
        assert store.interviews(9) == []
    assert json.loads(path.read_text())["interviews"]["3"]["contact_id"] == 2


def test_a_restore_undone_in_a_new_session_puts_the_contact_back_in_the_trash(tmp_path: Path) -> None:
    from datetime import datetime

    path = tmp_path / "w.json"
    with Store.open(path) as store:
        alex = store.add_contact(Contact(name="Alex Example"))
        store.add_interview(Interview(contact_id=alex.id or 0, when=datetime(2026, 11, 20, 10)))
        entry = store.delete_contact(alex.id or 0)
    with Store.open(path) as store:
        back = store.restore(entry.id or 0)
        store.undo()
        assert store.contacts() == [] and [e.name for e in store.trash()] == ["Alex Example"]
        # The ids the restore used are not handed out again this session.
        assert store.add_contact(Contact(name="Sam Sample")).id != back.id
    on_disk = json.loads(path.read_text())
    assert not on_disk.get("interviews") and [c["name"] for c in on_disk["contacts"].values()] == ["Sam Sample"]


def test_a_rename_undone_puts_the_contact_back_in_its_place_in_the_list(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample"]
    sam.name = "Aaron Able"
    store.update_contact(sam)
    assert [c.name for c in store.contacts()] == ["Aaron Able", "Alex Example"]
    store.undo()
    assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample"]
    sam = store.contact(sam.id or 0)
    sam.name = "Zed Zero"
    store.update_contact(sam)
    store.undo()
    assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample"]


def test_the_first_change_after_opening_that_cannot_be_written_leaves_nothing_unsaved(tmp_path: Path) -> None:
    from interview_tui.core.errors import SaveFailed

    path = tmp_path / "w.json"
    # A file as the app writes it (its question bank there): opening it changes nothing in memory.
    path.write_text(json.dumps({"meta": META, "questions": {}, "contacts": {"1": {"name": "Alex Example"}}}))
    with Store.open(path) as store:
        store.write_in_background()
        storage = store.storage

        def full(*args: object, **kwargs: object) -> None:
            del storage._write_file  # type: ignore[attr-defined]  # the class's own again
            raise SaveFailed(f"could not save {path}: No space left on device; the previous file is intact.")

        storage._write_file = full  # type: ignore[method-assign]
        store.add_contact(Contact(name="Sam Sample"))
        store.wait_for_writes()
        assert isinstance(store.settle(), SaveFailed)
        assert [c.name for c in store.contacts()] == ["Alex Example"]
        # Memory is the file again: quitting has nothing to ask about.
        assert not store.has_unsaved_changes
