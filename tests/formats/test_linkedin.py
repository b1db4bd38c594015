"""LinkedIn's Connections.csv, with its byte-order mark, preamble, quoting and gaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact, Relationship
from interview_tui.core.store import Store
from interview_tui.formats import import_file
from interview_tui.formats.linkedin import connected_on

from .conftest import by_name


def test_connections_csv_as_linkedin_exports_it(store: Store, fixture) -> None:
    result = import_file(store, "linkedin", fixture("Connections.csv"))
    plan = result.plan
    assert (plan.added, plan.updated, plan.skipped) == (4, 0, 1)
    assert plan.summary() == "4 added, 0 updated, 1 skipped (1 without a name)"
    # The row with no name (a member who hides it) is the one skipped, named by its line.
    assert [(row.where, row.action) for row in plan.rows if row.action == "skip"] == [("line 7", "skip")]
    people = by_name(store)
    assert sorted(people) == ["Alex Example", "Jordan Demo", "Sam Sample", "Taylor Placeholder-Ñúñez"]
    sam = people["Sam Sample"]
    assert sam.company == "Contoso Health, Inc."  # a quoted comma
    assert sam.role == 'Lead, Clinical "Data" Programs'  # doubled quotes
    assert sam.email == "sam.sample@contoso.example"
    assert sam.linkedin_url == "https://www.linkedin.com/in/sam-sample-0a1b2c"
    assert sam.notes == "Connected on LinkedIn on 3 Jan 2023."
    alex = people["Alex Example"]
    assert alex.email == ""  # LinkedIn leaves most emails out
    assert alex.relationship is Relationship.COLD
    assert alex.tags == ["linkedin"]
    assert people["Taylor Placeholder-Ñúñez"].role == "Founder Example Studio"  # a line break in a quoted cell


def test_a_connection_already_known_is_completed_not_overwritten(store: Store, fixture) -> None:
    # Known by their profile URL, written differently (no www, trailing slash), with the user's own role.
    store.add_contact(
        Contact(name="Alex Example", role="Research lead (my words)", relationship=Relationship.FRIEND,
                linkedin_url="http://linkedin.com/in/alex-example/", notes="Old friend from school.")
    )  # fmt: skip
    result = import_file(store, "linkedin", fixture("Connections.csv"))
    assert (result.plan.added, result.plan.updated) == (3, 1)
    alex = by_name(store)["Alex Example"]
    assert alex.role == "Research lead (my words)"
    assert alex.relationship is Relationship.FRIEND
    assert alex.company == "Northwind Labs"  # was empty: filled
    assert alex.linkedin_url == "http://linkedin.com/in/alex-example/"
    assert alex.notes == "Old friend from school.\n\nConnected on LinkedIn on 12 Mar 2024."
    assert alex.tags == ["linkedin"]
    assert len(store.contacts()) == 4


def test_a_plain_csv_is_not_taken_for_a_linkedin_export(store: Store, workspace: Path, fixture) -> None:
    before = workspace.read_bytes()
    with pytest.raises(InterviewTuiError, match="is not LinkedIn's Connections.csv.*import csv FILE"):
        import_file(store, "linkedin", fixture("excel-semicolons.csv"))
    assert workspace.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "shown"),
    [("12 Mar 2024", "12 Mar 2024"), ("03 Jan 2023", "3 Jan 2023"), ("7 november 2021", "7 Nov 2021"),
     ("2024-03-12", "2024-03-12")],
)  # fmt: skip
def test_connected_on_dates(text: str, shown: str) -> None:
    assert connected_on(text) == shown
