"""LinkedIn's Connections.csv pinned: where the header is found, each column's place in what is read,
why a file is refused (word for word, with its lines), the progress told, and each form of the
"Connected On" date that is read and each that is kept as written."""

from __future__ import annotations

import dataclasses

import pytest

from interview_tui.core.errors import InvalidInput
from interview_tui.formats.linkedin import connected_on, read_linkedin

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
NOTES = '\ufeffNotes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'


def _read(*lines: str, notes: str = NOTES) -> list[dict[str, object]]:
    return [dataclasses.asdict(item) for item in read_linkedin(notes + "\n".join(lines) + "\n")]


def test_each_column_lands_in_its_field_after_the_notes_lines() -> None:
    (alex,) = _read(HEADER, "Alex,Example,https://www.linkedin.com/in/alex,alex@example.org,Acme,Engineer,12 Mar 2024")
    assert alex == {
        "where": "line 5", "name": "Alex Example", "company": "Acme", "role": "Engineer", "field": "",
        "emails": ["alex@example.org"], "phones": [], "linkedin_url": "https://www.linkedin.com/in/alex",
        "address": "", "notes": ["Connected on LinkedIn on 12 Mar 2024."], "tags": ["linkedin"],
        "relationship": "", "stage": "", "referred_by": "", "cadence": "",
    }


def test_columns_in_another_order_and_cells_with_spaces_or_missing() -> None:
    (sam, blank_name) = _read(
        "Connected On,Position,Company,Email Address,URL,Last Name,First Name",
        " 03 jan 2023 , Analyst , Beta ,, https://l.example/sam ,, Sam ",
        ",,,,https://l.example/x",
        notes="",
    )
    assert (sam["name"], sam["role"], sam["company"], sam["emails"], sam["linkedin_url"]) == (
        "Sam", "Analyst", "Beta", [], "https://l.example/sam")
    assert sam["notes"] == ["Connected on LinkedIn on 3 Jan 2023."]
    assert sam["where"] == "line 2"
    # A short row: the missing cells are empty, and no date means no note.
    assert (blank_name["name"], blank_name["linkedin_url"], blank_name["notes"]) == ("", "https://l.example/x", [])


def test_blank_rows_are_skipped_and_empty_cells_past_the_header_are_no_error() -> None:
    read = _read("first name,LAST NAME,url", ",,", "  ,  ,  ", "Alex,Example,https://l.example/a,,  ,", notes="")
    assert [(item["where"], item["name"], item["linkedin_url"]) for item in read] == [
        ("line 4", "Alex Example", "https://l.example/a")]


def test_a_row_with_more_cells_than_the_header_is_refused_naming_both_lines() -> None:
    with pytest.raises(InvalidInput) as refused:
        _read(HEADER, "Alex,Example,u,a@example.org,Acme, Inc,Engineer,12 Mar 2024")
    assert str(refused.value) == (
        "line 5 has 8 fields but the header (line 4) names 7; a value with a comma in it must be quoted."
    )


def test_a_file_without_the_header_is_refused_saying_what_to_do() -> None:
    with pytest.raises(InvalidInput) as refused:
        _read("First Name,Last Name,Email Address", "Alex,Example,a@example.org")
    assert str(refused.value) == (
        "this is not LinkedIn's Connections.csv: no header line First Name,Last Name,URL,Email Address,"
        "Company,Position,Connected On (import other CSV files with: interview-tui import csv FILE)."
    )


def test_progress_counts_every_row_after_the_header() -> None:
    told: list[tuple[str, int, int]] = []
    read_linkedin(HEADER + "\nAlex,Example,u\n,,\nSam,Sample,v\n", lambda *step: told.append(step))
    assert told == [("Reading", 1, 3), ("Reading", 2, 3), ("Reading", 3, 3)]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("12 Mar 2024", "12 Mar 2024"), ("1 jan 2020", "1 Jan 2020"), ("09-Dec-2019", "9 Dec 2019"),
        (" 7 September, 2021 ", "7 Sep 2021"), ("31 MAY 2022", "31 May 2022"), ("5 Aug  2018", "5 Aug 2018"),
        ("12 Foo 2024", "12 Foo 2024"), ("123 Mar 2024", "123 Mar 2024"), ("12 Mar 24", "12 Mar 24"),
        ("  2024-03-12  ", "2024-03-12"), ("Mar 12 2024", "Mar 12 2024"), ("", ""),
    ],
)
def test_connected_on_reads_linkedin_s_form_and_keeps_any_other_as_written(text: str, shown: str) -> None:
    assert connected_on(text) == shown
