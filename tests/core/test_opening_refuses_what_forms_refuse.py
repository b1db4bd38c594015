"""A record of the right types and within its bounds can still hold what no form of the app
would save: a repeat rule it cannot follow (its repeat would end unsaid when next done), a
contact allowed fewer days at most without contact than its cadence, a contact with no name.
Opening refuses such a file as it refuses a bad date: one line naming the record and the field,
the file left as it was. The check costs little: each distinct rule is read once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from interview_tui.core import recurrence, validate
from interview_tui.core.errors import InvalidInput, WorkspaceUnreadable
from interview_tui.core.models import Contact, FollowUp
from interview_tui.core.store import Store

META = {"1": {"schema_version": 1}}
QUESTIONS = {"1": {"order": 0, "text": "Tell me about your career path."}}
DUE = "2026-11-25T10:00:00"


def write(path: Path, tables: dict[str, Any]) -> bytes:
    raw = orjson.dumps({"meta": META, "questions": QUESTIONS, **tables}, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    path.write_bytes(raw)
    return raw


def refusal(path: Path) -> str:
    with pytest.raises(WorkspaceUnreadable) as caught:
        Store.open(path).close()
    return str(caught.value)


def with_followup_repeating(rule: str) -> dict[str, Any]:
    return {
        "contacts": {"1": {"name": "Alex Example"}},
        "followups": {
            "1": {"contact_id": 1, "due": DUE, "recurrence": "FREQ=WEEKLY"},
            "2": {"contact_id": 1, "due": DUE},
            "3": {"contact_id": 1, "due": DUE, "recurrence": rule},
        },
    }


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ("FREQ=SECONDLY", "the rule 'FREQ=SECONDLY' repeats more often than daily"),
        ("FREQ=WEEKLY;BYDAY=XX", "could not read the rule 'FREQ=WEEKLY;BYDAY=XX'"),
        ("FREQ=WEEKLY;COUNT=3", "the rule 'FREQ=WEEKLY;COUNT=3' uses COUNT"),
        ("FREQ=WEEKLY;INTERVAL=0", "the rule 'FREQ=WEEKLY;INTERVAL=0' has INTERVAL=0; give one from 1 to 1000"),
        ("weekly", "could not read the rule 'weekly'"),
        ("FREQ=WEEKLY; INTERVAL=2", "could not read the rule 'FREQ=WEEKLY; INTERVAL=2'"),
    ],
)
def test_a_repeat_rule_the_app_cannot_follow_refuses_the_file(db_path: Path, rule: str, says: str) -> None:
    raw = write(db_path, with_followup_repeating(rule))
    message = refusal(db_path)
    assert message.startswith(f'{db_path}: followups record 3, field "recurrence": {says}')
    assert "; the file was left untouched. Fix that record." in message
    assert db_path.read_bytes() == raw


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;BYDAY=MO,TH", "RRULE:FREQ=MONTHLY;INTERVAL=2", "FREQ=YEARLY;UNTIL=20200101", "freq=daily"]
)
def test_a_rule_the_app_can_follow_opens_even_one_that_has_ended(db_path: Path, rule: str) -> None:
    write(db_path, with_followup_repeating(rule))
    with Store.open(db_path) as store:
        assert store.followup(3).recurrence == rule


def test_a_cadence_whose_maximum_is_shorter_refuses_the_file(db_path: Path) -> None:
    contacts = {
        "1": {"name": "Alex Example", "cadence_days": 10, "cadence_max_days": 10},
        "2": {"name": "Sam Sample", "cadence_days": 10, "cadence_max_days": 5},
    }
    raw = write(db_path, {"contacts": contacts})
    message = refusal(db_path)
    assert message.startswith(
        f'{db_path}: contacts record 2, field "cadence_max_days": at most 5 days without contact is fewer '
        'than the 10 days of its cadence (field "cadence_days"); give at least 10, or null; the file was left untouched.'
    )
    assert db_path.read_bytes() == raw


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_contact_with_no_name_refuses_the_file(db_path: Path, name: str) -> None:
    raw = write(db_path, {"contacts": {"1": {"name": "Alex Example"}, "4": {"name": name, "company": "Acme"}}})
    message = refusal(db_path)
    assert message.startswith(f'{db_path}: contacts record 4, field "name" is blank: a contact needs a name;')
    assert db_path.read_bytes() == raw


def test_the_refusal_says_how_to_restore_the_backup(db_path: Path) -> None:
    write(db_path, with_followup_repeating("FREQ=SECONDLY"))
    db_path.with_name(db_path.name + ".bak").write_bytes(b"{}")
    message = refusal(db_path)
    assert "Fix that record, or restore the backup." in message
    assert f"run: interview-tui --db {db_path} restore-backup" in message


def test_a_contact_in_the_trash_with_no_name_refuses_the_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        kept = store.add_contact(Contact(name="Alex Example"))
        store.delete_contact(kept.id)
    document = orjson.loads(db_path.read_bytes())
    [entry] = document["trash"].values()
    entry["records"]["contacts"][str(kept.id)]["name"] = " "
    db_path.write_bytes(orjson.dumps(document))
    assert 'field "name" is blank' in refusal(db_path)


def test_each_distinct_rule_is_read_once(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The verdicts kept so far let go, so that none is known already whatever ran before (a
    # mutation run goes through the tests more than once in one process).
    monkeypatch.setattr(validate, "_RULE_PROBLEMS", {})
    shared, other = "FREQ=WEEKLY;INTERVAL=997", "FREQ=MONTHLY;INTERVAL=997"
    followups = {str(n): {"contact_id": 1, "due": DUE, "recurrence": shared if n % 2 else other} for n in range(1, 401)}
    followups.update({str(n): {"contact_id": 1, "due": DUE} for n in range(401, 1001)})
    write(db_path, {"contacts": {"1": {"name": "Alex Example"}}, "followups": followups})
    read: list[str] = []
    real = recurrence.stored_rule_problem

    def counted(rule: str) -> str | None:
        read.append(rule)
        return real(rule)

    monkeypatch.setattr(recurrence, "stored_rule_problem", counted)
    with Store.open(db_path) as store:
        assert len(store.all_followups()) == 1000
    with Store.open(db_path) as store:
        store.all_followups()
    assert sorted(read) == sorted([shared, other])


def test_a_record_opening_would_refuse_is_never_saved(db_path: Path) -> None:
    with Store.open(db_path) as store:
        alex = store.add_contact(Contact(name="Alex Example"))
        with pytest.raises(InvalidInput, match="field \"name\" is blank"):
            store.add_contact(Contact(name="  "))
        with pytest.raises(InvalidInput, match="field \"recurrence\""):
            store.add_followup(FollowUp(contact_id=alex.id, due=store.clock(), recurrence="FREQ=SECONDLY"))
        assert [c.name for c in store.contacts()] == ["Alex Example"]
    with Store.open(db_path) as store:
        assert len(store.contacts()) == 1


def test_nothing_to_check_is_no_work() -> None:
    assert validate.find_broken_rule({}, FollowUp) is None
    assert validate.find_broken_rule({1: Contact(name="Alex Example", cadence_days=0)}, Contact) is None
