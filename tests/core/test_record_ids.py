"""A record's id exists only once the store has inserted it: id_of gives it, and refuses a record
that was never stored instead of letting None through as a link to nobody."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.models import Contact, FollowUp, Interview, Question, Touch, TouchKind, id_of
from interview_tui.core.store import Store

from .conftest import FIXED_NOW

_names = st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=12).filter(str.strip)


@pytest.mark.parametrize(
    "record",
    [
        Contact(name="Alex Example"),
        Interview(contact_id=1, when=FIXED_NOW),
        Question(text="What is an average day like?", order=1),
        FollowUp(contact_id=1, due=FIXED_NOW),
        Touch(contact_id=1, kind=TouchKind.MET, at=FIXED_NOW),
    ],
    ids=lambda record: type(record).__name__,
)
def test_a_record_never_stored_has_no_id_to_give(record: Contact | Interview | Question | FollowUp | Touch) -> None:
    with pytest.raises(ValueError, match=f"this {type(record).__name__.lower()} has not been stored"):
        id_of(record)


@settings(max_examples=25, deadline=None)
@given(st.lists(_names, min_size=1, max_size=6))
def test_every_stored_contact_gives_the_id_it_is_found_under(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        with Store.open(Path(directory) / "w.json", clock=lambda: FIXED_NOW) as store:
            added = [store.add_contact(Contact(name=name)) for name in names]
            ids = [id_of(contact) for contact in added]
            assert len(set(ids)) == len(ids)
            assert [store.contact(contact_id).name for contact_id in ids] == [c.name for c in added]


def test_the_referrer_of_a_contact_is_who_introduced_them_or_none(db_path: Path) -> None:
    with Store.open(db_path, clock=lambda: FIXED_NOW) as store:
        alex = store.add_contact(Contact(name="Alex Example"))
        sam = store.add_contact(Contact(name="Sam Sample", referred_by=id_of(alex)))
        assert store.referrer_of(sam) == alex
        assert store.referrer_of(alex) is None
        # Someone no longer in the workspace introduces nobody.
        store.delete_contact(id_of(alex))
        assert store.referrer_of(Contact(name="Riley Mockup", referred_by=id_of(alex))) is None
