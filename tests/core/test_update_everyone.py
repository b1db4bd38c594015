"""The update to everyone who helped: one drafted message and one follow-up for each person
interviewed and each person who introduced someone, never two, and nothing queued when the
outcome or the template cannot be used.

The clock is stopped at Wednesday 25 November 2026, 10:00.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core import workflow
from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, FollowUpKind, Interview, InterviewStatus, Settings, Stage
from interview_tui.core.store import Store

OUTCOME = "I accepted an offer as a UX researcher at Example Co."


class People:
    """Alex, interviewed in September, introduced Sam and Jordan; Sam was interviewed in October;
    Jordan declined; Casey is only planned; Robin introduced Casey."""

    def __init__(self, store: Store) -> None:
        self.alex = store.add_contact(Contact(name="Alex Example", company="Northwind Labs"))
        self.robin = store.add_contact(Contact(name="Robin Placeholder"))
        self.sam = store.add_contact(Contact(name="Sam Sample", referred_by=self.alex.id))
        self.jordan = store.add_contact(Contact(name="Jordan Demo", referred_by=self.alex.id, stage=Stage.DECLINED))
        self.casey = store.add_contact(Contact(name="Casey Test", referred_by=self.robin.id))
        self.nobody = store.add_contact(Contact(name="Morgan Nobody"))
        for contact, when, status in [
            (self.alex, datetime(2026, 9, 14, 15, 0), InterviewStatus.DONE),
            (self.sam, datetime(2026, 10, 2, 11, 0), InterviewStatus.DONE),
            (self.casey, datetime(2026, 12, 1, 9, 0), InterviewStatus.PLANNED),
            (self.nobody, datetime(2026, 10, 5, 9, 0), InterviewStatus.CANCELLED),
        ]:
            store.add_interview(Interview(contact_id=contact.id, when=when, status=status))


@pytest.fixture
def people(store: Store) -> People:
    store.save_settings(Settings(my_name="Riley Placeholder-Writer"))
    return People(store)


def updates(store: Store) -> dict[int, list]:
    found: dict[int, list] = {}
    for followup in store.followups(include_done=True):
        if followup.kind is FollowUpKind.UPDATE:
            found.setdefault(followup.contact_id, []).append(followup)
    return found


def test_everyone_who_helped_gets_one_drafted_update(store: Store, people: People) -> None:
    queued = workflow.update_everyone(store, OUTCOME)
    assert sorted(f.contact_id for f in queued) == sorted([people.alex.id, people.sam.id, people.robin.id])
    for followup in queued:
        assert followup.id is not None
        assert followup.kind is FollowUpKind.UPDATE
        assert followup.due == datetime(2026, 11, 25, 9, 0)
        assert followup.note == "Send the update: I accepted an offer as a UX researcher at Example Co"
        assert "I wanted to let you know that I accepted an offer as a UX researcher at Example Co. " in followup.message
        assert followup.message.rstrip().endswith("Riley Placeholder-Writer")

    by_contact = {f.contact_id: f.message for f in queued}
    assert by_contact[people.alex.id].startswith("Hi Alex,\n")
    # Alex talked with the user in September and introduced two people (one since declined,
    # which does not make the introduction less kind).
    assert "talking with me in September and introducing me to Jordan Demo and Sam Sample" in by_contact[people.alex.id]
    assert "talking with me in October" in by_contact[people.sam.id]
    assert "introducing" not in by_contact[people.sam.id]
    assert "introducing me to Casey Test" in by_contact[people.robin.id]
    assert "talking" not in by_contact[people.robin.id]


def test_declined_planned_and_cancelled_get_nothing(store: Store, people: People) -> None:
    workflow.update_everyone(store, OUTCOME)
    got = updates(store)
    for contact in (people.jordan, people.casey, people.nobody):
        assert contact.id not in got


def test_a_second_run_doubles_nobody(store: Store, people: People) -> None:
    first = workflow.update_everyone(store, OUTCOME)
    assert len(first) == 3
    assert workflow.update_everyone(store, "I start in January") == []
    assert {contact_id: len(found) for contact_id, found in updates(store).items()} == {
        people.alex.id: 1, people.sam.id: 1, people.robin.id: 1
    }  # fmt: skip
    # Once one is sent, a later outcome is news again for that person only.
    workflow.complete_followup(store, first[0].id)
    again = workflow.update_everyone(store, "I start in January")
    assert [f.contact_id for f in again] == [first[0].contact_id]


def test_a_declined_referrer_is_skipped(store: Store, people: People) -> None:
    people.robin.stage = Stage.DECLINED
    store.update_contact(people.robin)
    queued = workflow.update_everyone(store, OUTCOME)
    assert people.robin.id not in {f.contact_id for f in queued}


def test_braces_in_the_outcome_are_kept_as_typed(store: Store, people: People) -> None:
    (queued, *_) = workflow.update_everyone(store, "I chose {first_name} as my \x1b[31mfield\x1b[0m")
    assert "I chose {first_name} as my field." in queued.message


def test_due_date_in_words(store: Store, people: People) -> None:
    queued = workflow.update_everyone(store, OUTCOME, "fri 3pm")
    assert {f.due for f in queued} == {datetime(2026, 11, 27, 15, 0)}


@pytest.mark.parametrize(("outcome", "due", "field"), [("", "today", "outcome"), ("  ...  ", "today", "outcome"),
                                                     ("\x1b[0m", "today", "outcome"), (OUTCOME, "someday", "due")])  # fmt: skip
def test_refused_before_anything_is_queued(
    store: Store, db_path: Path, people: People, outcome: str, due: str, field: str
) -> None:
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        workflow.update_everyone(store, outcome, due)
    assert caught.value.field == field
    assert db_path.read_bytes() == before
    assert updates(store) == {}


def test_a_custom_template_is_used(store: Store, people: People) -> None:
    store.save_settings(Settings(id=store.settings().id, my_name="Riley Placeholder-Writer",
                                 update_template="Dear {name}: {outcome}. Thanks for {thanks_for}. {my_name}"))  # fmt: skip
    queued = {f.contact_id: f.message for f in workflow.update_everyone(store, OUTCOME)}
    assert queued[people.sam.id] == (
        "Dear Sam Sample: I accepted an offer as a UX researcher at Example Co. "
        "Thanks for talking with me in October. Riley Placeholder-Writer"
    )


@pytest.mark.parametrize("template", ["Hi {nickname}, {outcome}", "Hi {first_name.__class__}", "Hi {", "   "])
def test_a_bad_custom_template_is_refused_before_anything_is_queued(
    store: Store, db_path: Path, people: People, template: str
) -> None:
    store.save_settings(Settings(id=store.settings().id, update_template=template))
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        workflow.update_everyone(store, OUTCOME)
    assert caught.value.field == "template"
    assert db_path.read_bytes() == before
    assert updates(store) == {}


def test_nobody_helped_yet(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example"))
    assert workflow.update_everyone(store, OUTCOME) == []
    assert store.followups() == []


def test_a_time_the_clocks_skip_is_refused_before_anything_is_queued(
    store: Store, db_path: Path, people: People, berlin: None
) -> None:
    """As for any follow-up: 02:30 the night Berlin's clocks go forward never comes."""
    before = db_path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        workflow.update_everyone(store, OUTCOME, "2027-03-28 2:30am")
    assert caught.value.field == "due"
    assert "does not exist here" in str(caught.value)
    assert db_path.read_bytes() == before
    assert updates(store) == {}
    assert {f.due for f in workflow.update_everyone(store, OUTCOME, "2027-03-28 3:30am")} == {datetime(2027, 3, 28, 3, 30)}
