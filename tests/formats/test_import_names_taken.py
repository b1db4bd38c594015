"""A person whose name is already taken is left out of an import, as `add` refuses them: a contact
of that name in the workspace, or an earlier row of the same file, that no email, LinkedIn profile
or company shows to be the same person. The report counts and names them; ``another`` adds them
as other people of that name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.formats import import_file, importing
from interview_tui.formats.importing import Incoming, apply_plan, plan_import

from .conftest import by_name


def _rows(plan) -> list[tuple[str, str, str, str]]:
    return [(r.where, r.name, r.action, r.detail) for r in plan.rows]


def _import(store: Store, *items: Incoming, **kwargs):
    plan = plan_import(store, list(items), source="in.csv", **kwargs)
    apply_plan(store, plan)
    return plan


def test_a_name_a_contact_has_is_left_out_however_it_is_written(store: Store) -> None:
    alex = store.add_contact(Contact(name="Alex Example", company="Elsewhere"))
    before = store.path.read_bytes()
    plan = _import(store, Incoming("line 2", name="alex   EXAMPLE", company="Northwind Labs"))
    assert _rows(plan) == [("line 2", "alex EXAMPLE", "skip", f"a contact of that name is already there: id:{alex.id}")]
    assert plan.summary() == "0 added, 0 updated, 1 skipped (1 with the name of a contact already there)"
    assert plan.left_out_by_name() == ["alex EXAMPLE"]
    assert [c.name for c in store.contacts()] == ["Alex Example"]
    assert store.path.read_bytes() == before


def test_a_name_two_contacts_share_names_them_both(store: Store) -> None:
    first = store.add_contact(Contact(name="Alex Example", company="Elsewhere"))
    second = store.add_contact(Contact(name="Alex Example", company="Fabrikam"))
    plan = _import(store, Incoming("line 2", name="Alex Example", company="Northwind Labs"))
    assert _rows(plan) == [("line 2", "Alex Example", "skip",
                            f"a contact of that name is already there: id:{first.id}, id:{second.id}")]  # fmt: skip


def test_a_name_listed_twice_in_one_file_is_left_out_the_second_time(store: Store) -> None:
    plan = _import(
        store,
        Incoming("line 2", name="Jordan Demo", company="Fabrikam GmbH"),
        Incoming("line 3", name="Sam Sample"),
        Incoming("line 4", name="JORDAN  demo", company="Twin"),
        Incoming("line 5", name="Jordan Demo", company="Elsewhere", emails=["jordan@example.org"]),
    )
    assert _rows(plan) == [
        ("line 2", "Jordan Demo", "add", ""),
        ("line 3", "Sam Sample", "add", ""),
        ("line 4", "JORDAN demo", "skip", "same name as line 2"),
        ("line 5", "Jordan Demo", "skip", "same name as line 2"),
    ]
    assert plan.summary() == "2 added, 0 updated, 2 skipped (2 with the name of an earlier row)"
    assert plan.left_out_by_name() == ["JORDAN demo", "Jordan Demo"]
    assert [c.name for c in store.contacts()] == ["Jordan Demo", "Sam Sample"]
    assert store.contacts()[0].company == "Fabrikam GmbH"


def test_the_same_person_by_email_profile_or_company_is_still_completed(store: Store) -> None:
    """The rules that find the same person come first: a namesake left out is only someone
    nothing else ties to a contact."""
    store.add_contact(Contact(name="Alex Example", company="Northwind Labs"))
    store.add_contact(Contact(name="Sam Sample", email="sam@example.org"))
    store.add_contact(Contact(name="Jordan Demo", linkedin_url="https://www.linkedin.com/in/jordan-demo"))
    plan = _import(
        store,
        Incoming("line 2", name="Alex Example", company="northwind labs", role="Researcher"),
        Incoming("line 3", name="Sam Sample", company="Contoso", emails=["SAM@example.org"]),
        Incoming("line 4", name="Jordan Demo", company="Fabrikam", linkedin_url="linkedin.com/in/jordan-demo/"),
        Incoming("line 5", name="Alex Example", emails=["sam@example.org"], role="Lead"),  # Sam, by the email
    )
    assert _rows(plan) == [
        ("line 2", "Alex Example", "update", "adds role"),
        ("line 3", "Sam Sample", "update", "adds company"),
        ("line 4", "Jordan Demo", "update", "adds company"),
        ("line 5", "Sam Sample", "update", "adds role; not taken: name 'Alex Example'"),
    ]
    assert len(store.contacts()) == 3


def test_a_later_row_that_is_the_same_person_as_one_left_out_is_left_out_too(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example", company="Elsewhere"))
    plan = _import(
        store,
        Incoming("line 2", name="Alex Example", company="Northwind Labs", emails=["alex@example.org"]),
        Incoming("line 3", name="A. Example", emails=["alex@example.org"]),
    )
    assert [(r.action, r.detail) for r in plan.rows] == [
        ("skip", "a contact of that name is already there: id:1"),
        ("skip", "same person as line 2"),
    ]
    assert [c.name for c in store.contacts()] == ["Alex Example"]


def test_another_adds_them_as_other_people_of_that_name(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example", company="Elsewhere"))
    plan = _import(
        store,
        Incoming("line 2", name="Alex Example", company="Northwind Labs"),
        Incoming("line 3", name="Jordan Demo", company="Fabrikam GmbH"),
        Incoming("line 4", name="Jordan Demo", company="Twin"),
        another=True,
    )
    assert (plan.added, plan.skipped, plan.left_out_by_name()) == (3, 0, [])
    assert sorted((c.name, c.company) for c in store.contacts()) == [
        ("Alex Example", "Elsewhere"), ("Alex Example", "Northwind Labs"),
        ("Jordan Demo", "Fabrikam GmbH"), ("Jordan Demo", "Twin"),
    ]  # fmt: skip


def test_the_names_of_the_workspace_are_read_once_not_once_a_row(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10,000 contacts, comparing each row with every contact would take minutes."""
    with store.batch():
        for n in range(300):
            store.add_contact(Contact(name=f"Contact {n:04} Example"))
    keyed: list[str] = []

    def counted(name: str) -> str:
        keyed.append(name)
        return " ".join(name.split()).casefold()

    monkeypatch.setattr(importing, "name_key", counted)
    monkeypatch.setattr(Store, "named", lambda *_: pytest.fail("a name looked up in the store for one row"))
    items = [Incoming(f"line {n + 2}", name=f"Contact {n:04} Example", company="New") for n in range(0, 600, 2)]
    plan = plan_import(store, items, source="in.csv")
    assert len(keyed) == 300 + len(items)
    assert plan.skipped == 150 and plan.added == 150


# Each format, as a user imports it ---------------------------------------------------------------


def test_connections_imported_again_after_adding_some_by_hand_double_no_one(store: Store, fixture: Callable[[str], Path]) -> None:
    store.add_contact(Contact(name="Alex Example"))
    store.add_contact(Contact(name="sam sample", company="Contoso"))
    first = import_file(store, "linkedin", fixture("Connections.csv"))
    assert first.message() == (
        f"Imported {fixture('Connections.csv')}: 2 added, 0 updated, 3 skipped (2 with the name of a contact "
        "already there; 1 without a name). Left out as already in the workspace: Alex Example, Sam Sample."
    )
    again = import_file(store, "linkedin", fixture("Connections.csv"))
    assert (again.plan.added, again.plan.left_out_by_name()) == (0, ["Alex Example", "Sam Sample"])
    assert sorted(by_name(store)) == ["Alex Example", "Jordan Demo", "Taylor Placeholder-Ñúñez", "sam sample"]


def test_a_dry_run_reports_the_same_and_writes_nothing(store: Store, fixture: Callable[[str], Path]) -> None:
    store.add_contact(Contact(name="Alex Example"))
    before = store.path.read_bytes()
    result = import_file(store, "linkedin", fixture("Connections.csv"), dry_run=True)
    assert result.message(how_to_add_another="Add them with --another.") == (
        f"Dry run of {fixture('Connections.csv')}: would be 3 added, 0 updated, 2 skipped (1 with the name of a "
        "contact already there; 1 without a name). Would leave out as already in the workspace: Alex Example. Add them with "
        "--another. Nothing was written."
    )
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("csv", "Name,Company\nAlex Example,Northwind Labs\nSam Sample,Contoso\nsam  sample,Fabrikam\n"),
        ("vcard", "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nORG:{company}\r\nEND:VCARD\r\n"
                          for name, company in [("Alex Example", "Northwind Labs"), ("Sam Sample", "Contoso"),
                                                ("sam  sample", "Fabrikam")])),
    ],
)  # fmt: skip
def test_every_format_leaves_out_a_name_taken(store: Store, tmp_path: Path, kind: str, text: str) -> None:
    store.add_contact(Contact(name="Alex Example", company="Elsewhere"))
    path = tmp_path / f"in.{kind}"
    path.write_text(text)
    result = import_file(store, kind, path)
    assert result.plan.summary() == (
        "1 added, 0 updated, 2 skipped (1 with the name of a contact already there; 1 with the name of an earlier row)"
    )
    assert result.message().endswith(" Left out as already in the workspace: Alex Example. Left out as listed twice in this file: sam sample.")
    assert sorted((c.name, c.company) for c in store.contacts()) == [("Alex Example", "Elsewhere"), ("Sam Sample", "Contoso")]


def test_a_file_of_thousands_names_a_few_and_counts_the_rest(store: Store, tmp_path: Path) -> None:
    with store.batch():
        for n in range(2000):
            store.add_contact(Contact(name=f"Contact {n:04} Example"))
    path = tmp_path / "many.csv"
    path.write_text("Name,Company\n" + "".join(f"Contact {n:04} Example,New\n" for n in range(2000)))
    message = import_file(store, "csv", path).message()
    assert message == (
        f"Imported {path}: 0 added, 0 updated, 2,000 skipped (2,000 with the name of a contact already there). "
        "Left out as already in the workspace: Contact 0000 Example, Contact 0001 Example, Contact 0002 Example and 1,997 more."
    )
    assert len(store.contacts()) == 2000


def test_a_name_written_without_accents_and_the_same_company_is_the_same_person(store: Store) -> None:
    store.add_contact(Contact(name="Taylor Placeholder-Ñúñez", company="Contoso"))
    plan = _import(store, Incoming("line 2", name="Taylor Placeholder-Nunez", company="contoso", role="Researcher"))
    assert _rows(plan) == [("line 2", "Taylor Placeholder-Ñúñez", "update", "adds role")]
    assert [(c.name, c.role) for c in store.contacts()] == [("Taylor Placeholder-Ñúñez", "Researcher")]


@pytest.mark.parametrize(
    ("kind", "name", "content"),
    [
        ("csv", "people.csv", "Name,Email\nid:3,x@example.org\n"),
        ("vcard", "people.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ID:7\r\nN:;;;;\r\nEND:VCARD\r\n"),
    ],
)
def test_a_name_of_the_form_id_n_is_refused_as_add_refuses_it(
    store: Store, tmp_path: Path, kind: str, name: str, content: str
) -> None:
    """Found by a tester: imported, "delete id:3" then moved the contact with id 3 to the trash."""
    from interview_tui.core.errors import InvalidInput

    for named in ("Alex Example", "Sam Sample", "Casey Placeholder"):
        store.add_contact(Contact(name=named))
    before = store.path.read_bytes()
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"cannot be a name: id:N stands for the contact with id N"):
        import_file(store, kind, path)
    assert store.path.read_bytes() == before
