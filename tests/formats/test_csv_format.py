"""Generic CSV: columns by name, delimiters, refusals with the line at fault, and our own export."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.store import Store
from interview_tui.formats import export, import_file
from interview_tui.formats.csv_contacts import column_for

from .conftest import by_name, details


def _write(directory: Path, text: str, name: str = "in.csv") -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_google_contacts_export(store: Store, fixture) -> None:
    result = import_file(store, "csv", fixture("google-contacts.csv"))
    assert (result.plan.added, result.plan.skipped) == (2, 0)
    # Columns that hold nothing we keep are named, so the user knows what stayed behind.
    assert "Birthday" in result.plan.ignored_columns and "Nickname" in result.plan.ignored_columns
    alex = by_name(store)["Alex Example"]
    assert (alex.company, alex.role, alex.email) == ("Northwind Labs", "Senior UX Researcher", "alex@example.org")
    assert alex.address == "12 Sample Street\nSpringfield, IL 62701"
    assert alex.linkedin_url == "https://www.linkedin.com/in/alex-example"  # found in the website column
    assert alex.notes == "Prefers email, not calls.\n\nOther email addresses: alex.example@northwind.example"
    # No "Name" cell: given and family names are joined.
    assert by_name(store)["Morgan Sample"].email == "morgan@example.net"


def test_semicolon_separated_with_a_relationship_column(store: Store, fixture) -> None:
    import_file(store, "csv", fixture("excel-semicolons.csv"))
    people = by_name(store)
    first = people["Contact 0001 Example"]
    assert (first.company, first.role, first.tags, first.relationship) == ("Example AG", "Analyst", ["fintech"], Relationship.FRIEND)
    assert people["Contact 0002 Example"].role == "Engineer; Platform"


def test_a_tag_of_several_words_comes_in_as_the_tags_box_makes_it(store: Store, tmp_path: Path) -> None:
    from interview_tui.core.contact_query import ContactQuery, search_key

    path = _write(tmp_path, 'Name,Tags\nAlex Example,"job search, UX  Research; #design #ux"\nSam Sample,job search\n')
    import_file(store, "csv", path)
    people = by_name(store)
    assert people["Alex Example"].tags == ["job-search", "UX-Research", "design", "ux"]
    assert people["Sam Sample"].tags == ["job-search"]
    found = [c.name for c in store.contacts() if ContactQuery.parse("#job-search").matches(c, search_key(c))]
    assert found == ["Alex Example", "Sam Sample"]


def test_a_tag_the_filter_could_not_find_refuses_the_file_naming_its_line(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "Name,Tags\nAlex Example,design\nSam Sample,stage:asked\n")
    with pytest.raises(InterviewTuiError) as refused:
        import_file(store, "csv", path)
    assert str(refused.value) == (
        f"{path} line 3: A tag cannot contain ':' ('stage:asked'); use '-' instead. Nothing was imported."
    )
    assert store.contacts() == []


def test_a_tag_already_there_written_with_spaces_is_not_added_again(store: Store, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Alex Example", tags=["job-search"]))
    result = import_file(store, "csv", _write(tmp_path, "Name,Tags\nAlex Example,Job Search\n"))
    assert [(r.action, r.detail) for r in result.plan.rows] == [("skip", "already there with nothing new")]
    assert by_name(store)["Alex Example"].tags == ["job-search"]


@pytest.mark.parametrize(
    ("header", "column"),
    [("Name", "name"), ("FULL NAME", "name"), ("first_name", "first"), ("Surname", "last"),
     ("Organisation", "company"), ("organization", "company"), ("Job Title", "role"), ("Position", "role"),
     ("E-mail Address", "email"), ("e-mail 1 - value", "email"), ("Mobile Phone", "phone"),
     ("Industry", "field"), ("Mailing address", "address"), ("Comments", "notes"), ("Labels", "tags"),
     ("LinkedIn URL", "linkedin_url"), ("Referred by", "referred_by"), ("Favourite colour", None)],
)  # fmt: skip
def test_column_names_are_recognised_generously(header: str, column: str | None) -> None:
    assert column_for(header) == column


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name,email\nAlex Example,alex@example.org\nSam,"never closed\n', 'line 3: a quoted field that starts here is never closed'),
        ("name,email\nAlex Example,alex@example.org,extra\n", "line 2 has 3 fields but the header (line 1) names 2"),
        ("name,email\nAlex Example,not-an-email\n", "line 2: 'not-an-email' is not an email address"),
        ("name,relationship\nAlex Example,enemy\n", "line 2: 'enemy' is not a relationship; use one of friend"),
        ("name,stage\nAlex Example,finished\n", "line 2: 'finished' is not a stage"),
        ("name,company\nAlex Example," + "x" * 501 + "\n", "line 2: Company is 501 characters long"),
        ("company,email\nNorthwind,a@example.org\n", "no header row with a name column"),
    ],
)  # fmt: skip
def test_malformed_files_are_refused_with_the_line(
    store: Store, workspace: Path, tmp_path: Path, text: str, message: str
) -> None:
    store.add_contact(Contact(name="Already Here"))
    before = workspace.read_bytes()
    with pytest.raises(InterviewTuiError) as caught:
        import_file(store, "csv", _write(tmp_path, text))
    assert message in str(caught.value)
    assert str(caught.value).endswith("Nothing was imported.")
    assert workspace.read_bytes() == before
    assert [c.name for c in store.contacts()] == ["Already Here"]


def test_a_file_that_is_not_utf8_is_refused_with_its_line(store: Store, workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,company\nAlex Example,Northwind\nJördan Demo,Fabrikam\n".encode("latin-1"))
    before = workspace.read_bytes()
    with pytest.raises(InterviewTuiError, match=r"latin1.csv line 3 is not UTF-8 text; save the file as UTF-8"):
        import_file(store, "csv", path)
    assert workspace.read_bytes() == before


def test_utf16_with_a_byte_order_mark_is_read(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes("Name\tCompany\nJördan Demo\tFabrikam\n".encode("utf-16"))
    import_file(store, "csv", path)
    assert by_name(store)["Jördan Demo"].company == "Fabrikam"


def _campaign(store: Store) -> None:
    referrer = store.add_contact(Contact(name="Sam Sample", phone="+44 7700 900123", relationship=Relationship.FAMILY))
    store.add_contact(
        Contact(name="Alex Example", company="Northwind Labs, Inc.", role='Lead "UX"', field="Design",
                email="alex@example.org", phone="-5 dial first", linkedin_url="https://www.linkedin.com/in/alex",
                address="12 Sample Street\nSpringfield", relationship=Relationship.COLLEAGUE,
                stage=Stage.KEEPING_IN_TOUCH, tags=["fintech", "ux"], notes="=HYPERLINK(\"x\")\n\nTwo paragraphs.",
                referred_by=referrer.id)
    )  # fmt: skip


def test_export_then_import_gives_the_same_contacts(store: Store, other_store: Store, tmp_path: Path) -> None:
    _campaign(store)
    result = export(store, "csv", tmp_path / "contacts.csv")
    assert result.message == f"Wrote 2 contacts to {tmp_path / 'contacts.csv'} (CSV)."
    imported = import_file(other_store, "csv", tmp_path / "contacts.csv")
    assert imported.plan.ignored_columns == ()
    assert [details(c) for c in other_store.contacts()] == [details(c) for c in store.contacts()]
    alex = by_name(other_store)["Alex Example"]
    assert alex.referred_by == by_name(other_store)["Sam Sample"].id


def test_export_keeps_spreadsheets_from_running_formulas(store: Store, tmp_path: Path) -> None:
    _campaign(store)
    export(store, "csv", tmp_path / "contacts.csv")
    text = (tmp_path / "contacts.csv").read_text(encoding="utf-8-sig")  # after the byte-order mark
    assert "\"'=HYPERLINK(\"\"x\"\")" in text  # shown as text, not run
    assert "'-5 dial first" in text
    assert ",+44 7700 900123," in text  # a phone number is left as it is
    assert text.startswith("Name,Company,Role,Field,Email,Phone,LinkedIn URL,Address,")


def test_a_row_repeated_in_the_file_makes_one_contact(store: Store, tmp_path: Path) -> None:
    text = (
        "Name,Company,Email,Phone\n"
        "Alex Example,Northwind,alex@example.org,\n"
        "ALEX  example,northwind,,+1 555 010 0100\n"  # same name and company, other case and spacing
        "A. Example,,ALEX@EXAMPLE.ORG,\n"  # same email, other case
    )
    result = import_file(store, "csv", _write(tmp_path, text))
    # The second row brings the phone, so it is merged; the third brings nothing.
    assert (result.plan.added, result.plan.updated, result.plan.merged, result.plan.skipped) == (1, 0, 1, 1)
    assert "1 merged with an earlier row, 1 skipped (1 repeating an earlier row)" in result.plan.summary()
    (alex,) = store.contacts()
    assert (alex.name, alex.email, alex.phone) == ("Alex Example", "alex@example.org", "+1 555 010 0100")
