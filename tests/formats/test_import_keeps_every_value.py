"""Nothing a row holds vanishes silently. Two rows (or a row and a contact) of one name whose
emails differ are two people, unless a LinkedIn profile or an email they share says otherwise;
a row merged into a person keeps its other emails and phones in the notes, and a value the
person already has another of (a role, a stage) is named in the report, with its line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core import text
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.store import Store
from interview_tui.formats import import_file
from interview_tui.formats.importing import LEFT_OUT_BY_NAME, SKIP_AMBIGUOUS, Incoming, apply_plan, plan_import

from .conftest import clock


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return path


TWO_EMAILS = "Name,Email\nSam Example,sam@example.org\nSam Example,sam.other@example.com\n"


def test_one_name_two_emails_and_another_is_two_people(store: Store, tmp_path: Path) -> None:
    result = import_file(store, "csv", _csv(tmp_path, TWO_EMAILS), another=True)
    assert result.message() == f"Imported {tmp_path / 'in.csv'}: 2 added, 0 updated, 0 skipped."
    assert sorted(c.email for c in store.contacts()) == ["sam.other@example.com", "sam@example.org"]


def test_one_name_two_emails_without_another_leaves_the_second_out_and_says_so(store: Store, tmp_path: Path) -> None:
    result = import_file(store, "csv", _csv(tmp_path, TWO_EMAILS))
    assert [(r.where, r.action, r.detail) for r in result.plan.rows] == [
        ("line 2", "add", ""),
        ("line 3", "skip", "same name as line 2"),
    ]
    assert "Left out as listed twice in this file: Sam Example." in result.message()
    assert [c.email for c in store.contacts()] == ["sam@example.org"]


def test_a_contact_of_that_name_with_another_email_is_another_person(store: Store, tmp_path: Path) -> None:
    sam = store.add_contact(Contact(name="Sam Example", email="sam@example.org"))
    source = _csv(tmp_path, "Name,Email\nSam Example,sam.other@example.com\n")
    left_out = import_file(store, "csv", source)
    assert [(r.action, r.detail) for r in left_out.plan.rows] == [
        ("skip", f"a contact of that name is already there: id:{sam.id}")
    ]
    import_file(store, "csv", source, another=True)
    assert sorted(c.email for c in store.contacts()) == ["sam.other@example.com", "sam@example.org"]


def test_a_row_of_that_name_without_an_email_is_still_the_same_person(store: Store, tmp_path: Path) -> None:
    source = _csv(tmp_path, "Name,Email,Phone\nSam Example,sam@example.org,\nSam Example,,555 0100\n")
    result = import_file(store, "csv", source, another=True)
    assert (result.plan.added, result.plan.merged) == (1, 1)
    (sam,) = store.contacts()
    assert (sam.email, sam.phone) == ("sam@example.org", "555 0100")


def test_a_shared_linkedin_profile_makes_one_person_and_keeps_both_emails(store: Store, tmp_path: Path) -> None:
    source = _csv(
        tmp_path,
        "Name,Email,LinkedIn URL\n"
        "Sam Example,sam@example.org,https://www.linkedin.com/in/sam-example\n"
        "Sam Example,sam.other@example.com,linkedin.com/in/sam-example/\n",
    )
    result = import_file(store, "csv", source, another=True)
    assert [(r.action, r.detail) for r in result.plan.rows] == [
        ("add", ""),
        ("merge", "adds notes to the person of line 2"),
    ]
    (sam,) = store.contacts()
    assert sam.email == "sam@example.org"
    assert sam.notes == "Other email addresses: sam.other@example.com"


def test_an_email_matched_by_another_of_the_rows_addresses_is_kept(store: Store) -> None:
    store.add_contact(Contact(name="Sam Example", email="sam@example.org"))
    plan = plan_import(store, [Incoming("card 1 (line 1)", name="Sam Example",
                                        emails=["sam.new@example.com", "sam@example.org"])], source="in.vcf")  # fmt: skip
    apply_plan(store, plan)
    (sam,) = store.contacts()
    assert sam.notes == "Other email addresses: sam.new@example.com"


def test_a_different_phone_of_the_same_person_is_kept_in_the_notes(store: Store, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Sam Example", email="sam@example.org", phone="555 0100"))
    import_file(store, "csv", _csv(tmp_path, "Name,Email,Phone\nSam Example,sam@example.org,555 0199\n"))
    (sam,) = store.contacts()
    assert (sam.phone, sam.notes) == ("555 0100", "Other phone numbers: 555 0199")


def test_a_value_the_contact_has_another_of_is_named_with_its_line(store: Store, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Sam Example", email="sam@example.org", role="My own words",
                              relationship=Relationship.FRIEND, stage=Stage.ASKED))  # fmt: skip
    source = _csv(
        tmp_path,
        "Name,Email,Role,Relationship,Stage\n"
        "Sam Example,sam@example.org,Their title,cold,asked\n"
        "S. Example,SAM@example.org,,,\n",
    )
    dry = import_file(store, "csv", source, dry_run=True)
    assert [(r.where, r.action, r.detail) for r in dry.plan.rows] == [
        ("line 2", "skip", "already there with nothing new; not taken: role 'Their title', relationship 'cold'"),
        ("line 3", "skip", "already there with nothing new; not taken: name 'S. Example'"),
    ]
    said = "from the file, as the contact has another: line 2 (role, relationship), line 3 (name)."
    assert dry.message().endswith(f"Would not take {said} Nothing was written.")
    done = import_file(store, "csv", source)
    assert done.message() == f"Imported {source}: 0 added, 0 updated, 2 skipped (2 already there with nothing new). Not taken {said}"
    (sam,) = store.contacts()
    assert (sam.role, sam.relationship, sam.stage) == ("My own words", Relationship.FRIEND, Stage.ASKED)


def test_a_later_row_stating_what_an_earlier_row_left_unsaid_fills_it(store: Store, tmp_path: Path) -> None:
    source = _csv(tmp_path, "Name,Email,Stage\nSam Example,sam@example.org,\nSam Example,sam@example.org,asked\n")
    result = import_file(store, "csv", source)
    assert result.plan.rows[1].detail == "adds stage to the person of line 2"
    (sam,) = store.contacts()
    assert sam.stage == Stage.ASKED


# The property: whatever the rows, every value they hold is in the workspace or named. ------------

_names = st.sampled_from(["Sam Example", "sam  example", "Alex Example", "S. Example"])
_emails = st.sampled_from(["", "sam@example.org", "SAM@example.org", "alex@example.org", "other@example.com"])
_values = st.sampled_from(["", "Northwind", "Contoso"])
_urls = st.sampled_from(["", "https://www.linkedin.com/in/sam", "linkedin.com/in/alex"])
_phones = st.sampled_from(["", "555 0100", "555 0199"])
_rows = st.lists(
    st.builds(
        lambda name, email, company, role, url, phone: (name, email, company, role, url, phone),
        _names, _emails, _values, st.sampled_from(["", "Lead", "Analyst"]), _urls, _phones,
    ),
    min_size=1,
    max_size=6,
)
_before = st.lists(st.builds(Contact, name=_names, email=_emails, company=_values, phone=_phones), max_size=2)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows, before=_before, another=st.booleans())
def test_every_value_of_every_row_is_in_the_workspace_or_named(
    tmp_path_factory, rows: list[tuple[str, ...]], before: list[Contact], another: bool
) -> None:
    store = Store.open(tmp_path_factory.mktemp("keeps") / "w.json", clock=clock)
    try:
        for contact in before:
            store.add_contact(contact)
        items = [
            Incoming(f"line {n}", name=name, emails=[email] if email else [], company=company, role=role,
                     linkedin_url=url, phones=[phone] if phone else [])
            for n, (name, email, company, role, url, phone) in enumerate(rows, start=2)
        ]  # fmt: skip
        plan = plan_import(store, items, source="in.csv", another=another)
        apply_plan(store, plan)
        contacts = store.contacts()
        outcome = {row.where: row for row in plan.rows}
        left_out: set[str] = set()
        for item in items:
            row = outcome[item.where]
            # Left out for its name and named in the report (or as it could be any of several
            # namesakes), or the same person as such a row.
            if row.reason in (*LEFT_OUT_BY_NAME, SKIP_AMBIGUOUS) or row.detail.removeprefix("same person as ") in left_out:
                assert not another, "--another never leaves a row out"
                left_out.add(row.where)
                continue
            named = {field for field, _ in row.not_taken}
            for email in item.emails:
                assert any(email.casefold() in (c.email + c.notes).casefold() for c in contacts), (email, plan.rows)
            for phone in item.phones:
                assert any(phone in (c.phone + c.notes) for c in contacts), (phone, plan.rows)
            for field in ("company", "role"):
                value = getattr(item, field)
                assert not value or field in named or any(getattr(c, field) == value for c in contacts), (field, plan.rows)
            if item.linkedin_url:
                wanted = text.url_key(item.linkedin_url)
                assert "linkedin url" in named or any(text.url_key(c.linkedin_url) == wanted for c in contacts), plan.rows
    finally:
        store.close()


def test_a_row_that_could_be_any_of_two_namesakes_updates_neither_and_says_so(store: Store, tmp_path: Path) -> None:
    # Found by a tester: the phone went to the first of two "Sam Same, Acme", unsaid.
    one = store.add_contact(Contact(name="Sam Same", company="Acme", email="sam1@example.org"))
    two = store.add_contact(Contact(name="Sam Same", company="Acme", email="sam2@example.org"))
    before = store.path.read_bytes()
    result = import_file(store, "csv", _csv(tmp_path, "Name,Company,Email,Phone\nSam Same,Acme,,555-1234\n"))
    [row] = result.plan.rows
    assert (row.action, row.detail) == (
        "skip",
        f"could be any of 2 people of that name and company: id:{one.id}, id:{two.id}; give an email to tell them apart",
    )
    assert store.path.read_bytes() == before
    # Told apart by an email, the row is that one's.
    import_file(store, "csv", _csv(tmp_path, "Name,Company,Email,Phone\nSam Same,Acme,sam2@example.org,555-1234\n"))
    assert (store.contact(one.id or 0).phone, store.contact(two.id or 0).phone) == ("", "555-1234")
    # With --another, a row that could be any of them is one more of that name, as for a row matching no one.
    result = import_file(store, "csv", _csv(tmp_path, "Name,Company,Email,Phone\nSam Same,Acme,,555-9999\n"), another=True)
    assert [row.action for row in result.plan.rows] == ["add"]
    assert len([c for c in store.contacts() if c.name == "Sam Same"]) == 3
