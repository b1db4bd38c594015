"""Files in the shapes Outlook, Google Contacts, khard and vdirsyncer write them: read as those
tools mean them, and refused whole (naming the file, line or card) when they cannot be."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import vobject

from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.formats import export, import_file

from .conftest import by_name, details


def test_an_outlook_vcard_in_windows_1252_is_read_in_its_declared_charset(store: Store, fixture) -> None:
    raw = fixture("outlook.vcf").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the file really is in the Windows code page
    result = import_file(store, "vcard", fixture("outlook.vcf"))
    assert result.plan.added == 1
    renee = by_name(store)["Renée Müller-Example"]
    assert renee.company == "Café Beispiel GmbH, Einkauf"
    assert renee.role == "Leiterin Einkauf – Süd"  # the en dash is a Windows-1252 byte too
    assert renee.address == "Beispielstraße 5\nKöln 50667\nDeutschland"
    # Quoted-printable bytes decoded in the declared charset: the euro sign is 0x80 there.
    assert renee.notes.startswith("Met at the café fair; budget about € 5,000.\nPrefers calls before 10.")


def test_a_vcard_line_in_no_declared_charset_is_refused_without_talk_of_spreadsheets(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "bad.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren\xe9e Example\r\nEND:VCARD\r\n")
    with pytest.raises(InterviewTuiError) as refused:
        import_file(store, "vcard", path)
    message = str(refused.value)
    assert "line 3 is not UTF-8 text" in message and "CHARSET" in message
    assert "spreadsheet" not in message and message.endswith("Nothing was imported.")
    assert store.contacts() == []


def test_outlooks_csv_in_the_windows_code_page_imports_without_conversion(store: Store, fixture) -> None:
    result = import_file(store, "csv", fixture("outlook-contacts.csv"))
    message = result.message()
    assert "Columns read as in Outlook's export." in message
    assert "Read as Windows-1252, the code page Outlook writes its CSV in." in message
    people = by_name(store)
    zoe = people["Dr. Zoë Exämple"]  # the honorific is part of the name...
    assert zoe.role == "Chief Economist"  # ...and the job title is the Job Title column
    assert zoe.company == "Nordwind Bank AG"
    assert zoe.address == "Hauptstraße 1\n4. OG\nZürich ZH 8001\nSwitzerland"  # assembled from its columns
    assert "Other address:\nSeeweg 9\nKüsnacht ZH 8700\nSwitzerland" in zoe.notes  # the home one is kept
    assert zoe.tags == ["Mentors", "Fintech"]  # Categories
    assert zoe.linkedin_url == "https://www.linkedin.com/in/zoe-example"
    assert "Introduced at the Zürich meetup – ask about the 2027 report." in zoe.notes
    assert people["Sam Sample Jr."].role == "Nurse Manager"
    for unused in ("Department", "Business Fax", "Birthday", "E-mail Display Name"):
        assert unused in result.plan.ignored_columns


def test_a_non_utf8_csv_that_is_not_outlooks_is_still_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("Name,Company\nRenée Example,Café\n".encode("cp1252"))
    with pytest.raises(InterviewTuiError, match="line 2 is not UTF-8 text"):
        import_file(store, "csv", path)


def test_google_contacts_new_format_labels_become_tags_without_the_system_ones(store: Store, fixture) -> None:
    result = import_file(store, "csv", fixture("google-contacts-new.csv"))
    assert "Columns read as in Google Contacts' export." in result.message()
    alex = by_name(store)["Dr. Alex Example"]
    assert alex.tags == ["Mentors", "Career-Changers"]  # "* myContacts" and "* starred" are Google's own
    assert (alex.company, alex.role) == ("Northwind Labs", "Senior UX Researcher")
    assert alex.address == "12 Sample Street\nSuite 4\nSpringfield IL 62701\nUnited States"
    assert "Other address:\n5 Elm Road\nSpringfield, IL 62702" in alex.notes
    assert alex.notes.startswith("Prefers email.\nMet at the research meetup.")
    assert by_name(store)["Jordan Demo"].tags == []
    assert "Organization Department" in result.plan.ignored_columns


def test_google_contacts_old_format_group_membership_becomes_tags(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    path.write_text(
        "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\n"
        "Alex Example,Alex,Example,* myContacts ::: Mentors ::: * Friends,* Home,alex@example.org\n",
        encoding="utf-8",
    )
    result = import_file(store, "csv", path)
    assert "Google Contacts' older export" in result.message()
    assert by_name(store)["Alex Example"].tags == ["Mentors"]
    assert "Group Membership" not in result.plan.ignored_columns


def test_a_column_that_lost_to_another_for_the_same_field_is_listed(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    path.write_text(
        "Name,Occupation,Organization 1 - Name,Organization 1 - Title,Group Membership\n"
        "Alex Example,Researcher,Northwind Labs,Senior UX Researcher,* myContacts\n"
        "Sam Sample,,Contoso Health,Nurse Manager,* myContacts\n"
        "Jordan Demo,Designer,Fabrikam,Designer,* myContacts\n",  # the same value twice: nothing lost
        encoding="utf-8",
    )
    result = import_file(store, "csv", path)
    assert by_name(store)["Alex Example"].role == "Researcher"
    assert by_name(store)["Sam Sample"].role == "Nurse Manager"  # the first filled one
    assert result.plan.ignored_columns == ("Organization 1 - Title (Occupation used instead on 1 row)",)


def test_a_khard_or_vdirsyncer_folder_is_read_card_by_card(store: Store, fixture) -> None:
    result = import_file(store, "vcard", fixture("khard-addressbook"))
    assert result.plan.added == 2
    assert "Read 2 .vcf files from the folder." in result.message()
    people = by_name(store)
    assert people["Casey Example"].company == "Fabrikam Robotics"
    assert people["Morgan Sample"].tags == ["alumni", "design"]


def test_one_bad_card_in_a_folder_refuses_the_whole_folder(store: Store, fixture, tmp_path: Path) -> None:
    folder = tmp_path / "contacts"
    shutil.copytree(fixture("khard-addressbook"), folder)
    (folder / "zz-broken.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Riley Placeholder\n", encoding="utf-8")
    store.add_contact(Contact(name="Already Here"))
    with pytest.raises(InterviewTuiError) as refused:
        import_file(store, "vcard", folder)
    assert "zz-broken.vcf card 1 (line 1) has no END:VCARD" in str(refused.value)
    assert str(refused.value).endswith("Nothing was imported.")
    assert [c.name for c in store.contacts()] == ["Already Here"]


def test_a_folder_with_no_cards_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InterviewTuiError, match=r"there is no \.vcf file in this folder"):
        import_file(store, "vcard", tmp_path)


def test_the_csv_export_opens_in_excel_as_utf8(store: Store, tmp_path: Path, other_store: Store) -> None:
    store.add_contact(Contact(name="Zoë Exämple", company="Café Beispiel"))
    export(store, "csv", tmp_path / "contacts.csv")
    raw = (tmp_path / "contacts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfName,")  # the byte-order mark is how Excel knows UTF-8
    import_file(other_store, "csv", tmp_path / "contacts.csv")
    assert [details(c) for c in other_store.contacts()] == [details(c) for c in store.contacts()]


def test_outlook_vcard_round_trip_through_vobject(store: Store, fixture, tmp_path: Path, other_store: Store) -> None:
    import_file(store, "vcard", fixture("outlook.vcf"))
    export(store, "vcard", tmp_path / "out.vcf")
    (card,) = vobject.readComponents((tmp_path / "out.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == "Renée Müller-Example" and card.org.value == ["Café Beispiel GmbH, Einkauf"]
    import_file(other_store, "vcard", tmp_path / "out.vcf")
    assert [details(c) for c in other_store.contacts()] == [details(c) for c in store.contacts()]
