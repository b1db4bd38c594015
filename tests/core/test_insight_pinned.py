"""Insight pinned: the rows of the referral tree (which sibling is drawn last, the members of a
loop and what hangs off it), and the roots in name order."""

from __future__ import annotations

from interview_tui.core import insight
from interview_tui.core.models import Contact
from interview_tui.core.store import Store


def _rows(store: Store) -> list[tuple[str, int, bool, bool]]:
    rows = insight.tree_rows(insight.referral_forest(store))
    return [(row.node.contact.name, row.depth, row.last, row.node.in_loop) for row in rows]


def test_only_the_last_sibling_and_the_last_root_are_drawn_last(store: Store) -> None:
    ann = store.add_contact(Contact(name="Ann Example"))
    for name in ("Bo Sample", "Cy Sample"):
        store.add_contact(Contact(name=name, referred_by=ann.id))
    store.add_contact(Contact(name="Zed Example"))
    assert _rows(store) == [
        ("Ann Example", 0, False, False),
        ("Bo Sample", 1, False, False),
        ("Cy Sample", 1, True, False),
        ("Zed Example", 0, True, False),
    ]


def test_a_loop_reached_from_below_is_shown_from_its_first_member_by_name(store: Store) -> None:
    # Recorded first, so the loop is found by walking up from below it, reaching Sam first.
    aaron = store.add_contact(Contact(name="Aaron Tail"))
    bea = store.add_contact(Contact(name="Bea Example"))
    cy = store.add_contact(Contact(name="Cy Sample", referred_by=bea.id))
    sam = store.add_contact(Contact(name="Sam Sample", referred_by=cy.id))
    store.add_contact(Contact(name="Bo Outside"))
    aaron.referred_by = sam.id
    store.update_contact(aaron)
    bea.referred_by = sam.id  # possible by editing: the three refer each other in a ring
    store.update_contact(bea)
    assert _rows(store) == [
        ("Bea Example", 0, False, True),
        ("Cy Sample", 1, True, False),
        ("Sam Sample", 2, True, False),
        ("Aaron Tail", 3, True, False),
        ("Bo Outside", 0, True, False),
    ]


def test_answers_are_counted_per_question_leaving_out_people_no_longer_there(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    path = tmp_path / "w.json"
    talk = {"when": "2026-11-20T10:00:00", "status": "done"}
    path.write_text(json.dumps({
        "meta": {"1": {"schema_version": 1}}, "questions": {},
        "contacts": {"1": {"name": "Alex Example"}, "2": {"name": "Sam Sample"}},
        "interviews": {
            # Recorded first: a conversation with someone a merge dropped must not end the count.
            "1": {**talk, "contact_id": 99, "answers": {"1": "lost"}},
            "2": {**talk, "contact_id": 1, "answers": {"1": "yes", "2": "  "}},
            "3": {**talk, "contact_id": 2, "answers": {"1": "also", "2": "no"}},
        },
    }))
    with Store.open(path) as store:
        assert insight.answer_counts(store) == {1: 2, 2: 1}
