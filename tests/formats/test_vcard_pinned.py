"""vCard reading pinned: which line gives each detail (TITLE or ROLE, ORG, the websites kept as a
note, LinkedIn told by its address or its type), the preferred email and phone first, tel: URIs,
addresses as laid out or built from their parts, and UTF-16 files."""

from __future__ import annotations

from interview_tui.formats.vcard import decode_vcards, read_vcards


def card(*lines: str) -> str:
    return "BEGIN:VCARD\nVERSION:3.0\nFN:Alex Example\n" + "\n".join(lines) + "\nEND:VCARD\n"


def test_the_role_comes_from_title_else_from_role() -> None:
    (titled,) = read_vcards(card("TITLE:Nurse manager", "ROLE:Lead"))
    (roled,) = read_vcards(card("ROLE:Lead"))
    assert (titled.role, roled.role) == ("Nurse manager", "Lead")


def test_websites_are_kept_as_one_note_and_linkedin_as_its_own_field() -> None:
    (item,) = read_vcards(card(
        "URL:https://alex.example.org", "URL;TYPE=work:https://work.example.org",
        "X-SOCIALPROFILE;TYPE=linkedin:https://lnkd.example/alex", "URL:https://alex.example.org",
    ))
    assert item.linkedin_url == "https://lnkd.example/alex"
    assert item.notes == ["Website: https://alex.example.org, https://work.example.org"]


def test_the_preferred_email_and_phone_come_first_however_pref_is_written() -> None:
    (item,) = read_vcards(card(
        "EMAIL;TYPE=home:home@example.org", "EMAIL;TYPE=work,pref:work@example.org",
        "TEL:+1 555 0100", "TEL;pref=1:+1 555 0199", "EMAIL;PREF=2:second@example.org",
    ))
    assert item.emails == ["work@example.org", "second@example.org", "home@example.org"]
    assert item.phones == ["+1 555 0199", "+1 555 0100"]


def test_a_tel_uri_is_read_as_its_number() -> None:
    (item,) = read_vcards(card("TEL;VALUE=uri:tel:+1-555-0100", "TEL:TEL:+15550101", "TEL:tel-ish"))
    assert item.phones == ["+1-555-0100", "+15550101", "tel-ish"]


def test_an_address_is_taken_as_laid_out_else_built_from_its_parts() -> None:
    (labelled,) = read_vcards(card('ADR;label="12 Sample Street\\nSpringfield":;;12 Sample St;Springfield;;;'))
    (parts,) = read_vcards(card("ADR:PO Box 1;Flat 2;12 Sample Street;Springfield;IL;62701;USA"))
    (short,) = read_vcards(card("ADR:;;12 Sample Street;Springfield"))
    assert labelled.address == "12 Sample Street\nSpringfield"
    assert parts.address == "PO Box 1\nFlat 2\n12 Sample Street\nSpringfield IL 62701\nUSA"
    assert short.address == "12 Sample Street\nSpringfield"


def test_a_file_written_in_utf16_is_read() -> None:
    text = card("NOTE:Zoë")
    assert decode_vcards(text.encode("utf-16")) == text
