"""CSV contacts pinned: where the header is found and with which delimiter, which tool's export a
header is taken for, how each address column is put together, the columns that lose to another
for the same field (and how the report counts them), why a file is refused (word for word, with
its line), the Windows-1252 reading of Outlook's files, and what is written out."""

from __future__ import annotations

import csv

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.formats.csv_contacts import (
    COLUMNS,
    GOOGLE_NEW,
    GOOGLE_OLD,
    HEADER_SEARCH_ROWS,
    OUTLOOK,
    column_for,
    column_key,
    decode_csv,
    read_csv,
    read_csv_file,
    rows,
    write_csv,
)


def _one(text: str):
    (item,) = read_csv_file(text).items
    return item


# Where the header is, and the delimiter ------------------------------------------------------


def test_rows_splits_on_commas_by_default_and_names_the_line_each_record_starts_on() -> None:
    assert list(rows('a,b\n"two\nlines",c\nd,e\n')) == [(1, ["a", "b"]), (2, ["two\nlines", "c"]), (4, ["d", "e"])]


def test_lines_of_notes_before_the_header_are_passed_over() -> None:
    found = read_csv_file("Exported from the phone\nfor the record\nName,Email\nAlex Example,alex@example.org\n")
    (alex,) = found.items
    assert (alex.where, alex.name, alex.emails) == ("line 4", "Alex Example", ["alex@example.org"])


@pytest.mark.parametrize(("notes", "found"), [(HEADER_SEARCH_ROWS - 1, True), (HEADER_SEARCH_ROWS, False)])
def test_the_header_is_looked_for_in_the_first_twenty_rows(notes: int, found: bool) -> None:
    text = "".join(f"note {n}\n" for n in range(notes)) + "Name\nAlex Example\n"
    if found:
        assert [i.name for i in read_csv(text)[0]] == ["Alex Example"]
    else:
        with pytest.raises(InvalidInput) as caught:
            read_csv(text)
        assert str(caught.value) == (
            "no header row with a name column in the first lines; the first row should name the "
            "columns, such as: Name,Company,Role,Email (or First Name and Last Name).")


@pytest.mark.parametrize(("delimiter", "word"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_each_delimiter_is_found_and_named_when_a_row_has_too_many_fields(delimiter: str, word: str) -> None:
    header = delimiter.join(["Name", "Company"])
    assert _one(f"{header}\nAlex Example{delimiter}Northwind\n").company == "Northwind"
    with pytest.raises(InvalidInput) as caught:
        read_csv(f"{header}\nAlex Example{delimiter}North{delimiter}wind\n")
    assert str(caught.value) == (
        f"line 2 has 3 fields but the header (line 1) names 2; a value with a {word} in it must be quoted.")


def test_empty_cells_past_the_header_are_not_too_many_fields() -> None:
    assert _one("Name,Company\nAlex Example,Northwind,, \n").company == "Northwind"


def test_the_delimiter_that_recognises_more_columns_wins() -> None:
    # Read with commas, the second row is a header with one column; with semicolons the first
    # row names four.
    text = "Name;Email;Company;Role\nName,x\nAlex Example;alex@example.org;Northwind;Analyst\n"
    alex = read_csv(text)[0][-1]
    assert (alex.name, alex.emails, alex.company, alex.role) == ("Alex Example", ["alex@example.org"], "Northwind", "Analyst")


def test_a_tie_keeps_the_comma() -> None:
    # One column either way: with commas on the first row, with semicolons on the second.
    items, _ = read_csv("Name,x;y\nName;q\nAlex Example,b\n")
    assert [i.name for i in items] == ["Name;q", "Alex Example"]


def test_a_delimiter_that_cannot_split_the_start_gives_way_to_one_that_can() -> None:
    # With commas the quote in the first row is never closed; with semicolons it is a cell.
    text = 'Name;Notes\nAlex Example;"said, ""hi"\nSam Sample;x\n'
    assert [(i.name, i.notes) for i in read_csv(text)[0]] == [("Alex Example", ['said, "hi']), ("Sam Sample", ["x"])]


# Refusals, word for word ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('Name,Notes\nAlex Example,"never closed\n', 'line 2: a quoted field that starts here is never closed (a " is missing).'),
        ('Name,Notes\nAlex Example,"said "hi""\n', 'line 2: a quote inside a quoted field is not doubled (write "" for a quote character).'),
        ("Name,Notes\nAlex Example,ok\nSam Sample," + "x" * (csv.field_size_limit() + 1) + "\n",
         f"line 3: a field is longer than {csv.field_size_limit():,} characters."),
    ],
)  # fmt: skip
def test_why_a_file_the_csv_module_cannot_read_is_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_csv(text)
    assert str(caught.value) == message


def test_a_field_at_the_limit_is_read() -> None:
    long = "x" * csv.field_size_limit()
    assert _one(f"Name,Notes\nAlex Example,{long}\n").notes == [long]


# Which tool's export -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "profile"),
    [
        ("First Name,Last Name,E-mail Address,Business Street", OUTLOOK),
        ("First Name,Last Name,E-mail Address,Job Title,Suffix", OUTLOOK),
        ("First Name,Last Name,E-mail Address,Job Title", None),
        ("First Name,Last Name,E-mail Address,Suffix", None),
        ("First Name,E-mail Address,Business Street", None),
        ("Last Name,E-mail Address,Business Street", None),
        ("First Name,Last Name,Business Street,Job Title,Suffix", None),
        ("Name,Labels,E-mail 1 - Value", GOOGLE_NEW),
        ("Name,Labels,Organization Name", GOOGLE_NEW),
        ("Name,Labels", None),
        ("Name,Group Membership", GOOGLE_OLD),
        ("Given Name,Family Name,E-mail 1 - Value", GOOGLE_OLD),
        ("Given Name,E-mail 1 - Value", None),
        ("Family Name,E-mail 1 - Value", None),
        ("Given Name,Family Name", None),
        ("Name,Email", None),
    ],
)  # fmt: skip
def test_which_export_a_header_is_taken_for(header: str, profile) -> None:
    assert read_csv_file(header + "\n").profile is profile


def test_outlook_title_is_the_honorific_and_its_suffix_ends_the_name() -> None:
    header = "Title,First Name,Middle Name,Last Name,Suffix,Job Title,E-mail Address,Categories,Web Page"
    zoe, sam, jr = read_csv_file(
        header + "\n"
        "Dr.,Zoe,Q,Example,,Chief Economist,zoe@example.org,Mentors;Fintech,https://example.org/zoe\n"
        ",Sam,,Sample,Jr.,Nurse Manager,sam@example.com,,\n"
        ",Sam,,Sample Jr.,jr.,,,,\n"
    ).items
    assert (zoe.name, zoe.role, zoe.tags, zoe.notes) == (
        "Dr. Zoe Q Example", "Chief Economist", ["Mentors", "Fintech"], ["Website: https://example.org/zoe"])
    assert (sam.name, sam.role) == ("Sam Sample Jr.", "Nurse Manager")
    assert jr.name == "Sam Sample Jr."  # already there, whatever its case: not written twice


def test_an_honorific_already_in_the_name_is_not_written_twice() -> None:
    header = "Name,Name Prefix,Name Suffix,Labels,E-mail 1 - Value"
    dr, plain = read_csv_file(header + "\nDR. Alex Example,Dr.,PhD,,\nSam Sample,,,,\n").items
    assert (dr.name, plain.name) == ("DR. Alex Example PhD", "Sam Sample")


def test_google_labels_become_tags_without_the_system_ones() -> None:
    item = _one("Name,Labels,E-mail 1 - Value\nAlex Example,* myContacts ::: Mentors ::: Career Changers ::: * starred ::: a:b,\n")
    assert item.tags == ["Mentors", "Career-Changers", "a-b"]


def test_older_google_group_membership_is_tags_too() -> None:
    item = _one("Name,Group Membership,Tags\nAlex Example,Mentors ::: * myContacts,fintech; ux\n")
    assert item.tags == ["fintech", "ux", "Mentors"]


# Addresses ---------------------------------------------------------------------------------


GOOGLE_ADDRESS = ("Name,Labels,E-mail 1 - Value,Address 1 - Formatted,Address 1 - Street,Address 1 - PO Box,"
                  "Address 1 - Extended Address,Address 1 - City,Address 1 - Region,Address 1 - Postal Code,"
                  "Address 1 - Country")  # fmt: skip


def test_a_google_address_is_assembled_from_every_part_in_order() -> None:
    item = _one(GOOGLE_ADDRESS + "\nAlex Example,,,,12 Sample Street,PO Box 7,Suite 4,Springfield,IL,62701,United States\n")
    assert item.address == "PO Box 7\n12 Sample Street\nSuite 4\nSpringfield IL 62701\nUnited States"


def test_a_formatted_address_is_taken_as_it_is() -> None:
    item = _one(GOOGLE_ADDRESS + '\nAlex Example,,,"1 Elm Road\nSpringfield",12 Sample Street,,,Springfield,,,\n')
    assert item.address == "1 Elm Road\nSpringfield"


def test_an_address_after_a_formatted_one_is_still_put_together() -> None:
    header = "Name,Labels,E-mail 1 - Value,Address 1 - Formatted,Address 2 - Street,Address 2 - City"
    item = _one(header + '\nAlex Example,,,"1 Elm Road\nSpringfield",5 Oak Lane,Shelbyville\n')
    assert (item.address, item.notes) == ("1 Elm Road\nSpringfield", ["Other address:\n5 Oak Lane\nShelbyville"])


OUTLOOK_ADDRESS = ("First Name,Last Name,E-mail Address,Business Street,Business Street 2,Business Street 3,"
                   "Business City,Business State,Business Postal Code,Business Country/Region,Home Street,"
                   "Home City,Other Country")  # fmt: skip


def test_outlook_addresses_by_place_the_first_the_contacts_and_the_next_in_the_notes() -> None:
    item = _one(OUTLOOK_ADDRESS + "\nZoe,Example,,Main 1,4th floor,Wing B,Zurich,ZH,8001,Switzerland,Lake 9,Kusnacht,Norway\n")
    assert item.address == "Main 1\n4th floor\nWing B\nZurich ZH 8001\nSwitzerland"
    assert item.notes == ["Other address:\nLake 9\nKusnacht", "Other address:\nNorway"]


@pytest.mark.parametrize("part", ["City", "Region", "State", "Postal Code"])
def test_each_part_of_the_town_line(part: str) -> None:
    item = _one(f"Name,Labels,E-mail 1 - Value,Address 1 - Street,Address 1 - {part}\nAlex Example,,,1 Elm Road,Town\n")
    assert item.address == "1 Elm Road\nTown"


@pytest.mark.parametrize("header", ["Address 2 - Country", "Business Country/Region", "Home Country"])
def test_each_name_of_the_country_column(header: str) -> None:
    item = _one(f"First Name,Last Name,E-mail Address,Business Street,{header}\nAlex,Example,,,Norway\n")
    assert item.address == "Norway"


def test_a_plain_address_column_comes_before_addresses_put_together() -> None:
    item = _one("First Name,Last Name,E-mail Address,Business Street,Address\nAlex,Example,,Main 1,9 Plain Road\n")
    assert (item.address, item.notes) == ("9 Plain Road", ["Other address:\nMain 1"])


def test_two_plain_address_columns_are_both_kept() -> None:
    item = _one("Name,Address,Mailing Address\nAlex Example,1 Home Road,PO Box 2\n")
    assert (item.address, item.notes) == ("1 Home Road", ["Other address:\nPO Box 2"])


def test_address_parts_without_an_export_profile_are_columns_nobody_reads() -> None:
    found = read_csv_file("Name,Address 1 - City\nAlex Example,Springfield\n")
    assert (found.items[0].address, found.ignored) == ("", ["Address 1 - City"])


# Several values in a cell, and a column that loses to another ------------------------------


@pytest.mark.parametrize(
    ("cell", "emails"),
    [
        ("a@example.org, b@example.org", ["a@example.org", "b@example.org"]),
        ("a@example.org;b@example.org", ["a@example.org", "b@example.org"]),
        ("a@example.org ::: b@example.org, c@example.org", ["a@example.org", "b@example.org", "c@example.org"]),
        ("Example, Alex <a@example.org>", ["Example, Alex <a@example.org>"]),  # one address: kept whole
    ],
)  # fmt: skip
def test_several_emails_in_one_cell(cell: str, emails: list[str]) -> None:
    assert _one(f'Name,Email\nAlex Example,"{cell}"\n').emails == emails


def test_a_phone_cell_is_split_only_where_google_joins_values() -> None:
    assert _one('Name,Phone\nAlex Example,"+1 555, ext 2 ::: +44 20"\n').phones == ["+1 555, ext 2", "+44 20"]


def test_an_empty_cell_gives_way_to_the_next_column_for_the_same_field() -> None:
    found = read_csv_file("Name,Company,Employer\nAlex Example,,Northwind\n")
    assert (found.items[0].company, found.ignored) == ("Northwind", [])


def test_columns_that_lost_are_reported_with_the_column_used_and_how_often() -> None:
    text = (
        "Name,Company,Employer,Organisation\n"
        "Alex Example,Northwind,Fabrikam,Contoso\n"
        "Sam Sample,,Fabrikam,Contoso\n"
        "Jordan Demo,Northwind,Northwind , Northwind\n"  # the same value (spacing aside) loses nothing
        "Riley Placeholder,Northwind,,Contoso\n"
    )
    found = read_csv_file(text)
    assert [i.company for i in found.items] == ["Northwind", "Fabrikam", "Northwind", "Northwind"]
    assert found.ignored == [
        "Employer (Company used instead on 1 row)",
        "Organisation (Company, Employer used instead on 3 rows)",
    ]


def test_websites_go_to_the_notes_and_a_linkedin_one_to_its_field() -> None:
    item = _one("Name,Website,Homepage,URL\nAlex Example,https://example.org, https://www.LinkedIn.com/in/alex ,https://b.example\n")
    assert item.linkedin_url == " https://www.LinkedIn.com/in/alex "
    assert item.notes == ["Website: https://example.org, https://b.example"]


# Progress ------------------------------------------------------------------------------------


def test_progress_counts_every_row_after_the_header() -> None:
    told = []
    read_csv_file("note\nName\nAlex Example\n\nSam Sample\n", lambda *a: told.append(a))
    assert told == [("Reading", 1, 3), ("Reading", 2, 3), ("Reading", 3, 3)]


# Outlook's code page -------------------------------------------------------------------------


OUTLOOK_HEADER = b'"First Name","Last Name","E-mail Address","Job Title","Suffix"\r\n'


def test_an_outlook_file_in_windows_1252_is_read_with_a_remark() -> None:
    raw = OUTLOOK_HEADER + '"Zoë","Exämple","zoe@example.org","Ökonomin",""\r\n"Sam","Sample","","",""\r\n'.encode("cp1252")
    text, remark = decode_csv(raw)
    assert remark == "Read as Windows-1252, the code page Outlook writes its CSV in."
    zoe, sam = read_csv_file(text).items
    assert (zoe.name, zoe.role, sam.name) == ("Zoë Exämple", "Ökonomin", "Sam Sample")


def test_utf8_needs_no_remark() -> None:
    raw = OUTLOOK_HEADER + '"Zoë","Exämple","","",""\r\n'.encode()
    assert decode_csv(raw) == (raw.decode(), "")


@pytest.mark.parametrize("line", [2, 3, 4])
def test_a_byte_neither_code_page_has_is_refused_with_its_line(line: int) -> None:
    body = [b'"Zo\xeb","Ex\xe4mple","","",""\r\n'] * 4
    body[line - 2] = b'"Zo\x81","Sample","","",""\r\n'
    with pytest.raises(InvalidInput) as caught:
        decode_csv(OUTLOOK_HEADER + b"".join(body))
    assert str(caught.value) == f"line {line} is neither UTF-8 nor Windows-1252 text; save the file as UTF-8."


def test_a_file_not_from_outlook_is_not_guessed() -> None:
    with pytest.raises(InvalidInput, match="line 2 is not UTF-8 text"):
        decode_csv(b"Name,Company\nJ\xf6rdan Demo,Fabrikam\n")


# Writing -------------------------------------------------------------------------------------


def test_the_written_header_and_a_row_word_for_word() -> None:
    alex = Contact(name="Alex Example", company="Northwind, Inc.", role="@lead", email="alex@example.org",
                   phone="+1 555 010", relationship=Relationship.FRIEND, stage=Stage.ASKED, tags=["a", "b"],
                   notes="'quoted", referred_by=7, cadence_days=14)  # fmt: skip
    text = write_csv([alex], {7: "Sam Sample"})
    assert text == (
        ",".join(COLUMNS) + "\r\n"
        "Alex Example,\"Northwind, Inc.\",'@lead,,alex@example.org,+1 555 010,,,friend,asked,every 2 weeks,\"a, b\",Sam Sample,"
        "''quoted\r\n"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("+44 20 7946 0000", "+44 20 7946 0000"),
     ("-5", "-5"), ("+1-555-(010)", "+1-555-(010)"), ("-x", "'-x"), ("+cmd", "'+cmd"),
     ("'kept", "''kept"), ("plain", "plain"), ("a=b", "a=b")],
)  # fmt: skip
def test_a_value_a_spreadsheet_would_run_is_written_after_an_apostrophe(value: str, written: str) -> None:
    text = write_csv([Contact(name="Alex Example", company=value)], {})
    assert text.splitlines()[1].split(",")[1] == written
    (item,), _ = read_csv(text)
    assert item.company == value


# What the store holds in a one-line field: no control or format characters, no spaces around.
_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=30).map(str.strip)


@given(_LINE)
@example("=cmd")
@example("'=cmd")
@example("''")
@example("-1")
def test_any_company_is_read_back_as_written(value: str) -> None:
    text = write_csv([Contact(name="Alex Example", company=value)], {})
    (item,), ignored = read_csv(text)
    assert (item.company, ignored) == (value, [])


@given(st.sampled_from(["E-mail", "e mail", "EMAIL", "Email Address", "mail", "Ｅｍａｉｌ"]),
       st.text(st.sampled_from(" _-1./:"), max_size=4))
def test_a_header_is_matched_ignoring_case_spacing_punctuation_and_digits(name: str, noise: str) -> None:
    assert column_for(noise + name + noise) == "email"
    assert column_key(noise + name) == column_key(name)
