"""vCard import from files as phones and mail clients write them, export, and round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.store import Store
from interview_tui.formats import export, import_file

from .conftest import by_name, details


def test_iphone_cards_come_in_with_every_detail(store: Store, fixture) -> None:
    result = import_file(store, "vcard", fixture("iphone.vcf"))
    assert (result.plan.added, result.plan.updated, result.plan.skipped) == (3, 0, 0)
    people = by_name(store)
    alex = people["Alex Example"]
    assert alex.company == "Northwind Labs, User Research"
    assert alex.role == "Senior UX Researcher, Payments"  # an escaped comma is part of the title
    assert alex.email == "alex@example.org"  # type=pref wins
    assert alex.phone == "+1 (555) 010-0100"
    assert alex.address == "12 Sample Street\nApartment 4\nSpringfield IL 62701\nUnited States"
    assert alex.linkedin_url == "https://www.linkedin.com/in/alex-example"
    assert alex.tags == ["fintech", "research"]
    # The folded NOTE is whole again, its escaped comma and semicolon unescaped.
    assert (
        "Met at the research meetup in March, introduced by Sam. Interested in talking about moving "
        "from academia into industry research; prefers morning calls." in alex.notes
    )
    # Nothing the card holds is dropped: the second address, number and the home page are noted.
    assert "alex.example@northwind.example" in alex.notes
    assert "+1 555 010 0199" in alex.notes
    assert "https://northwind.example/team/alex" in alex.notes
    assert alex.relationship is Relationship.COLD
    assert people["Sam Sample"].company == "Contoso Health"
    # A business card with no person's name is listed under the business.
    assert people["Fabrikam Bakery"].phone == "+1 555 010 0142"


def test_android_vcard_21_quoted_printable(store: Store, fixture) -> None:
    import_file(store, "vcard", fixture("android.vcf"))
    jordan = by_name(store)["Jördan Demo"]
    assert jordan.role == "Product Manager, Mobile"  # 2.1 never escapes commas; none is lost
    assert jordan.notes == (
        "Asked about the move to Berlin, the team, and how they hire.\n"
        "Second line: mention the café meetup.\n\n"
        "Other phone numbers: +49 30 7654321"
    )
    assert jordan.address == "Beispielstraße 5\nBerlin 10115\nGermany"
    assert jordan.phone == "+49 30 1234567"  # ;PREF
    assert "Casey Example" in by_name(store)


def test_thunderbird_vcard_40(store: Store, fixture) -> None:
    import_file(store, "vcard", fixture("thunderbird.vcf"))
    riley = by_name(store)["Riley Placeholder"]
    assert riley.email == "riley@example.com"  # PREF=1
    assert riley.phone == "+1-555-010-0123"  # a tel: URI, as a number
    # 4.0's LABEL is the address laid out by its owner, folded line and all.
    assert riley.address == "Department of Example Studies\n1 Campus Way\nCollegetown, NY 14850"
    assert riley.linkedin_url == "https://www.linkedin.com/in/riley-placeholder/"
    assert riley.notes.split("\n\n") == [
        "Teaches the HCI course; knows people at three labs.",
        "Other email addresses: riley.placeholder@university.example",
        "Other phone numbers: +1 555 010 0124",
    ]


def test_importing_the_same_file_twice_doubles_nobody(store: Store, fixture) -> None:
    import_file(store, "vcard", fixture("iphone.vcf"))
    before = [details(c) for c in store.contacts()]
    again = import_file(store, "vcard", fixture("iphone.vcf"))
    assert (again.plan.added, again.plan.updated, again.plan.skipped) == (0, 0, 3)
    assert [details(c) for c in store.contacts()] == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nthis is not a property\nEND:VCARD\n",
         "card 2 (line 6): 'this is not a property' is not a vCard property"),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:A\n", "card 1 (line 1) has no END:VCARD"),
        ("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n", "card 1 (line 1) has no END:VCARD before the next card at line 3"),
        ("BEGIN:VCARD\nFN:A\nEND:VCARD\nFN:B\n", "line 4 is outside any card"),
        ("BEGIN:VCALENDAR\nBEGIN:VCARD\nEND:VCARD\n", "line 1: BEGIN:VCALENDAR where a vCard"),
        ("BEGIN:VCARD\nFN;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:A=C3=A1\nEND:VCARD\n",
         "card 1 (line 2): the quoted-printable value cannot be decoded"),
        ("BEGIN:VCARD\nFN:A\nEMAIL:not-an-address\nEND:VCARD\n", "card 1 (line 1): 'not-an-address' is not an email address"),
        ("Name,Email\nA,a@example.org\n", "no vCards in it"),
    ],
)  # fmt: skip
def test_malformed_files_are_refused_whole(store: Store, workspace: Path, tmp_path: Path, text: str, message: str) -> None:
    import_file(store, "vcard", _write(tmp_path, "ok.vcf", "BEGIN:VCARD\nFN:Alex Example\nEND:VCARD\n"))
    before = workspace.read_bytes()
    with pytest.raises(InterviewTuiError) as caught:
        import_file(store, "vcard", _write(tmp_path, "bad.vcf", text))
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "bad.vcf"))
    assert str(caught.value).endswith("Nothing was imported.")
    assert workspace.read_bytes() == before
    assert [c.name for c in store.contacts()] == ["Alex Example"]


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_categories_of_several_words_come_in_as_the_tags_box_makes_them(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Example\r\nCATEGORIES:job search,UX Research,fintech\r\nEND:VCARD\r\n")
    import_file(store, "vcard", path)
    assert by_name(store)["Alex Example"].tags == ["job-search", "UX-Research", "fintech"]


def test_a_tag_with_spaces_an_older_version_stored_comes_back_findable(store: Store, other_store: Store, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Alex Example", tags=["ux research"]))
    export(store, "vcard", tmp_path / "c.vcf")
    import_file(other_store, "vcard", tmp_path / "c.vcf")
    assert by_name(other_store)["Alex Example"].tags == ["ux-research"]


def _full_contact(store: Store) -> None:
    referrer = store.add_contact(Contact(name="Sam Sample"))
    store.add_contact(
        Contact(
            name="Alex Example",
            company="Northwind Labs; Research, EMEA",
            role="UX researcher",
            field="Design",
            email="alex@example.org",
            phone="+1 555 010 0100",
            linkedin_url="https://www.linkedin.com/in/alex-example",
            address="12 Sample Street\nSpringfield, IL 62701",
            relationship=Relationship.FRIEND,
            stage=Stage.ASKED,
            tags=["fintech", "UX-Research"],
            notes="Met at the meetup; likes a long line that the vCard folds over more than one line of the file.\n\nSecond paragraph: \\ a backslash.",
            referred_by=referrer.id,
        )
    )


def test_export_then_import_gives_the_same_contacts(store: Store, other_store: Store, tmp_path: Path) -> None:
    _full_contact(store)
    result = export(store, "vcard", tmp_path / "contacts.vcf")
    assert result.message == f"Wrote 2 contacts to {tmp_path / 'contacts.vcf'} (vCard 3.0)."
    import_file(other_store, "vcard", tmp_path / "contacts.vcf")
    assert [details(c) for c in other_store.contacts()] == [details(c) for c in store.contacts()]
    alex = by_name(other_store)["Alex Example"]
    assert alex.referred_by == by_name(other_store)["Sam Sample"].id


def test_export_is_vcard_30_other_tools_read(store: Store, tmp_path: Path) -> None:
    _full_contact(store)
    export(store, "vcard", tmp_path / "contacts.vcf")
    raw = (tmp_path / "contacts.vcf").read_bytes()
    assert b"\r\n" in raw and max(len(line) for line in raw.split(b"\r\n")) <= 75
    cards = list(vobject.readComponents(raw.decode("utf-8"), validate=True))
    assert [card.version.value for card in cards] == ["3.0", "3.0"]
    alex = next(card for card in cards if card.fn.value == "Alex Example")
    assert alex.email.value == "alex@example.org"
    assert alex.org.value == ["Northwind Labs; Research, EMEA"]
    assert alex.n.value.family == "Example" and alex.n.value.given == "Alex"
    assert alex.uid.value.endswith("@interview-tui")


def test_export_filter_uses_the_apps_query(store: Store, tmp_path: Path) -> None:
    _full_contact(store)
    result = export(store, "vcard", tmp_path / "f.vcf", query="stage:asked #fin")
    assert "Wrote 1 contact to" in result.message
    assert (tmp_path / "f.vcf").read_text().count("BEGIN:VCARD") == 1
    with pytest.raises(InterviewTuiError, match="no contact matches the filter 'rel:family'"):
        export(store, "vcard", tmp_path / "none.vcf", query="rel:family")
    assert not (tmp_path / "none.vcf").exists()
