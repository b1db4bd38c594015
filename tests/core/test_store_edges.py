"""Edges of the store that a week of real use reaches: links kept through the trash when both
ends have moved on, a name left empty, settings saved again after their first save was undone."""

from __future__ import annotations

import pytest

from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, Settings
from interview_tui.core.store import Store


def test_restoring_a_referrer_leaves_alone_a_trashed_contact_who_names_someone_else_since(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    jordan = store.add_contact(Contact(name="Jordan Demo"))
    sam = store.add_contact(Contact(name="Sam Sample", referred_by=alex.id))
    store.delete_contact(alex.id)
    # Sam was introduced by Alex, who is gone; the person then says Jordan introduced Sam.
    sam = store.contact(sam.id)
    assert sam.referred_by is None
    sam.referred_by = jordan.id
    store.update_contact(sam)
    store.delete_contact(sam.id)
    store.restore(store.find_in_trash("Alex").id)
    store.restore(store.find_in_trash("Sam").id)
    assert store.contact(sam.id).referred_by == jordan.id


def test_an_empty_name_looked_for_in_the_trash_is_refused_saying_what_is_missing(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    store.delete_contact(alex.id)
    with pytest.raises(InvalidInput, match=r"^A name is required\.$") as refused:
        store.find_in_trash("   ")
    assert refused.value.field == "name"


def test_settings_saved_again_after_their_first_save_was_undone_are_kept(store: Store) -> None:
    saved = store.save_settings(Settings(my_name="Kim"))
    store.undo()
    assert store.settings().my_name != "Kim"
    store.save_settings(saved)  # the form still holds the record it saved first
    assert store.settings().my_name == "Kim"
    store.close()
    with Store.open(store.path) as reopened:
        assert reopened.settings().my_name == "Kim"
