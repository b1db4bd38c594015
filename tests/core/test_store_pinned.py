"""The store pinned: a contact found by id and the candidates an unclear name lists, the
identifier a file without one is given (the same at every opening, whatever kind of event it
holds), and the clock's whole seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui.core.errors import InvalidInput, NotFound
from interview_tui.core.models import Contact
from interview_tui.core.store import Store, derived_workspace_id, system_clock


def test_a_contact_is_found_by_its_id_and_a_missing_id_says_where_to_see_them(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example"))
    store.add_contact(Contact(name="Alex Example"))
    assert store.find_contact(f"id:{alex.id}") is not None
    assert store.find_contact(f"ID:{alex.id}").id == alex.id
    with pytest.raises(NotFound) as missing:
        store.find_contact("id:99")
    assert str(missing.value) == "No contact with id:99. See them all with their ids: interview-tui list"


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
