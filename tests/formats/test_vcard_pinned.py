"""vCard reading pinned: which line gives each detail (TITLE or ROLE, ORG, the websites kept as a
note, LinkedIn told by its address or its type), the preferred email and phone first, tel: URIs,
addresses as laid out or built from their parts, UTF-16 files, each property read in the
character set it declares (and refused by its line when it is not in it), every line ending, the
progress told, what a refusal shows of the line, 2.1's bare PREF, names built from N, and N as
written."""

from __future__ import annotations

import pytest
import vobject
from hypothesis import example, given
from hypothesis import strategies as st

from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact
from interview_tui.formats.vcard import decode_vcards, read_vcards, write_vcards


def card(*lines: str) -> str:
    return "BEGIN:VCARD\nVERSION:3.0\nFN:Alex Example\n" + "\n".join(lines) + "\nEND:VCARD\n"


def test_the_role_comes_from_title_else_from_role() -> None:
    (titled,) = read_vcards(card("TITLE:Nurse manager", "ROLE:Lead"))
    (roled,) = read_vcards(card("ROLE:Lead"))
    assert (titled.role, roled.role) == ("Nurse manager", "Lead")


def test_websites_are_kept_as_one_note_and_linkedin_as_its_own_field() -> None:
    (item,) = read_vcards(
        card(
            "URL:https://alex.example.org",
            "URL;TYPE=work:https://work.example.org",
            "X-SOCIALPROFILE;TYPE=linkedin:https://lnkd.example/alex",
            "URL:https://alex.example.org",
        )
    )
    assert item.linkedin_url == "https://lnkd.example/alex"
    assert item.notes == ["Website: https://alex.example.org, https://work.example.org"]


def test_the_preferred_email_and_phone_come_first_however_pref_is_written() -> None:
    (item,) = read_vcards(
        card(
            "EMAIL;TYPE=home:home@example.org",
            "EMAIL;TYPE=work,pref:work@example.org",
            "TEL:+1 555 0100",
            "TEL;pref=1:+1 555 0199",
            "EMAIL;PREF=2:second@example.org",
        )
    )
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


# The character sets a property declares (vCard 2.1, as Outlook writes it) ---------------------

WINDOWS = "FN;CHARSET=Windows-1252:Zoë Example"
"""A line no UTF-8 reader accepts ("ë" then a space), so the file is read line by line."""


def test_each_property_is_read_in_the_character_set_it_declares() -> None:
    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        WINDOWS,
        "TITLE:Café owner",
        "ORG;CHARSET=ISO-8859-1:Société Exemple",
        "NOTE;CHARSET=Windows-1252:Met at the fair; “great chat”",
        "END:VCARD",
        "",
    ]
    charsets = ["utf-8", "utf-8", "cp1252", "utf-8", "latin-1", "cp1252", "utf-8", "utf-8"]
    raw = b"\n".join(line.encode(charset) for line, charset in zip(lines, charsets, strict=True))
    assert decode_vcards(raw) == "\n".join(lines)
    (item,) = read_vcards(decode_vcards(raw))
    assert (item.name, item.role, item.company) == ("Zoë Example", "Café owner", "Société Exemple")
    assert item.notes == ["Met at the fair; “great chat”"]


def test_a_folded_line_is_read_in_the_character_set_of_its_property() -> None:
    raw = (
        "BEGIN:VCARD\n" + WINDOWS + "\nNOTE;CHARSET=Windows-1252:Asked about the\n  café meetup\nEND:VCARD\n"
    ).encode("cp1252")
    (item,) = read_vcards(decode_vcards(raw))
    assert item.notes == ["Asked about the café meetup"]


def test_a_quoted_printable_value_goes_on_in_its_character_set_past_a_soft_break() -> None:
    # A letter left unencoded on the next line belongs to the property, not to a new one.
    raw = (WINDOWS + "\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Caf=E9 and=\nthen café\nTITLE:x").encode(
        "cp1252"
    )
    assert decode_vcards(raw).split("\n")[1:] == [
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Caf=E9 and=",
        "then café",
        "TITLE:x",
    ]


def test_a_plain_value_ending_in_equals_does_not_carry_its_character_set_to_the_next_line() -> None:
    raw = (WINDOWS + "\nNOTE;CHARSET=Windows-1252:2+2=").encode("cp1252") + "\nTITLE:Café owner".encode()
    assert decode_vcards(raw).split("\n") == [WINDOWS, "NOTE;CHARSET=Windows-1252:2+2=", "TITLE:Café owner"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (WINDOWS.encode("cp1252") + b"\nVERSION:2.1\nTITLE:Caf\xe9 owner\n",
         "line 3 is not UTF-8 text, and its property declares no other character set (such as "
         ";CHARSET=Windows-1252); save the file as UTF-8 and import it again."),
        (WINDOWS.encode("cp1252") + b"\nTITLE;CHARSET=utf-8:Caf\xe9 owner\n",
         "line 2 is not UTF-8 text, and its property declares no other character set"),
        (WINDOWS.encode("cp1252") + b"\nTITLE;CHARSET=klingon:Caf\xe9 owner\n",
         "line 2 declares CHARSET=klingon, which is not a character set this can read."),
        (WINDOWS.encode("cp1252") + b"\nTITLE;CHARSET=US-ASCII:Caf\xe9 owner\n",
         "line 2 is not US-ASCII text, though its property says it is."),
        ("\ufeffBEGIN:VCARD".encode("utf-16-le")[:-1],
         "it starts like UTF-16 text but is not; save it as UTF-8."),
    ],
)  # fmt: skip
def test_a_line_in_no_character_set_it_could_be_in_is_refused_by_its_number(raw: bytes, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        decode_vcards(raw)
    assert str(caught.value).startswith(message)


def test_a_file_that_is_utf8_throughout_is_read_as_utf8_whatever_it_declares() -> None:
    # An editor re-saved an Outlook card as UTF-8 and left the declarations alone.
    text = "BEGIN:VCARD\nFN;CHARSET=Windows-1252:Zoë Example\nEND:VCARD\n"
    assert decode_vcards(b"\xef\xbb\xbf" + text.encode()) == text


_CHARSET_SPELLINGS = ["CHARSET={}", "charset={}", 'CHARSET="{}"', " CHARSET = {}"]
_CODECS = {"Windows-1252": "cp1252", "ISO-8859-1": "latin-1", "UTF-8": "utf-8", None: "utf-8"}


def _letters(codec: str) -> st.SearchStrategy[str]:
    if codec == "utf-8":
        return st.characters(exclude_categories=["Cs"], exclude_characters="\r\n")
    every = bytes(range(32, 256)).decode(codec, errors="ignore")
    return st.sampled_from([c for c in every if c not in "\r\n"])


_TEXT = {codec: st.text(_letters(codec), max_size=12) for codec in set(_CODECS.values())}


@st.composite
def _declared_lines(draw: st.DrawFn) -> list[tuple[str, str]]:
    """(line, codec) for properties that each declare a character set or none, some folded."""
    lines = [(WINDOWS, "cp1252")]
    for _ in range(draw(st.integers(0, 5))):
        charset = draw(st.sampled_from(list(_CODECS)))
        codec = _CODECS[charset]
        text = _TEXT[codec]
        params = "" if charset is None else ";" + draw(st.sampled_from(_CHARSET_SPELLINGS)).format(charset)
        name = draw(st.sampled_from(["NOTE", "TITLE", "ORG", "ADR"]))
        lines.append((f"{name}{params}:{draw(text)}", codec))
        for _ in range(draw(st.integers(0, 2))):
            lines.append((draw(st.sampled_from([" ", "\t"])) + draw(text), codec))
    return lines


@example([(WINDOWS, "cp1252"), ("NOTE;CHARSET=Windows-1252:a", "cp1252"), (" café", "cp1252"), ("TITLE:ü", "utf-8")])
@given(_declared_lines())
def test_every_line_is_read_in_its_propertys_character_set(lines: list[tuple[str, str]]) -> None:
    raw = b"\n".join(line.encode(codec) for line, codec in lines)
    assert decode_vcards(raw) == "\n".join(line for line, _ in lines)


# Lines, line endings and progress ------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_every_kind_of_line_ending_is_read(ending: str) -> None:
    text = card("TITLE:Nurse manager").replace("\n", ending) + card("TITLE:Researcher").replace("\n", ending)
    assert [(i.name, i.role) for i in read_vcards(text)] == [
        ("Alex Example", "Nurse manager"),
        ("Alex Example", "Researcher"),
    ]


def test_a_folded_last_line_with_no_newline_after_it_is_read_whole() -> None:
    (item,) = read_vcards("BEGIN:VCARD\nFN:Alex Example\nEND:VC\n ARD")
    assert item.name == "Alex Example"


def test_the_preferred_one_is_first_whether_pref_is_a_type_or_a_rank() -> None:
    # TYPE=pref (3.0) is the most preferred, as PREF=1 (4.0) is: ahead of a PREF=2.
    (item,) = read_vcards(
        card(
            "EMAIL;PREF=2:second@example.org",
            "EMAIL;TYPE=pref:first@example.org",
            "EMAIL;PREF=1:also-first@example.org",
        )
    )
    assert item.emails == ["first@example.org", "also-first@example.org", "second@example.org"]


def test_progress_counts_the_cards_read() -> None:
    told: list[tuple[str, int, int]] = []
    read_vcards(card() + card() + card(), progress=lambda *args: told.append(args))
    assert told == [("Reading", 1, 3), ("Reading", 2, 3), ("Reading", 3, 3)]


def test_progress_never_counts_past_its_total_when_a_begin_is_folded() -> None:
    told: list[tuple[str, int, int]] = []
    read_vcards(card() + "BEGIN:VC\n ARD\nFN:Sam Sample\nEND:VCARD\n", progress=lambda *args: told.append(args))
    assert told == [("Reading", 1, 1), ("Reading", 2, 2)]


# What a refusal shows, 2.1's bare parameters, tel: URIs, names from N, and N written ---------


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("x" * 39, "x" * 39),
        ("x" * 40, "x" * 40),
        ("x" * 41, "x" * 40),
        # A quoted-printable value goes on past its soft break: only its first line is shown.
        ("BAD LINE;ENCODING=QUOTED-PRINTABLE:abc=\ndef", "BAD LINE;ENCODING=QUOTED-PRINTABLE:abc="),
    ],
)
def test_a_line_that_is_not_a_property_is_shown_by_its_first_forty_characters(line: str, shown: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_vcards(f"BEGIN:VCARD\n{line}\nEND:VCARD\n")
    assert str(caught.value) == f"card 1 (line 2): '{shown}' is not a vCard property (NAME:value)."


def test_a_bare_pref_of_vcard_21_puts_its_number_first() -> None:
    (item,) = read_vcards(card("TEL;HOME:+1 555 0100", "TEL;CELL;PREF:+1 555 0199"))
    assert item.phones == ["+1 555 0199", "+1 555 0100"]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("TEL;VALUE=uri:tel:(555)010-0100", "(555)010-0100"),  # a local number, as RFC 3966 allows
        ("TEL;VALUE=URI:tel:(555)010-0100", "(555)010-0100"),
        ("TEL:tel:(555)010-0100", "tel:(555)010-0100"),  # text that only starts like a URI stays
    ],
)
def test_a_tel_uri_marked_as_one_is_read_as_its_number_whatever_follows_tel(line: str, number: str) -> None:
    (item,) = read_vcards(card(line))
    assert item.phones == [number]


@pytest.mark.parametrize(
    ("n", "name"),
    [
        ("Example;Alex;;;", "Alex Example"),
        ("Example;Mary,Ann;;Dr.;PhD", "Dr. Mary Ann Example PhD"),
        ("Example;Alex;Sam;;", "Alex Sam Example"),
    ],
)
def test_a_card_without_fn_is_named_from_its_parts(n: str, name: str) -> None:
    (item,) = read_vcards(f"BEGIN:VCARD\nVERSION:3.0\nN:{n}\nEND:VCARD\n")
    assert item.name == name


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [("Alex", "", "Alex"), ("Alex Example", "Example", "Alex"), ("Mary Ann Example", "Example", "Mary Ann")],
)
def test_n_is_written_with_the_last_word_as_the_family_name(name: str, family: str, given: str) -> None:
    written = vobject.readOne(write_vcards([Contact(name=name)], {}))
    assert (written.fn.value, written.n.value.family, written.n.value.given) == (name, family, given)


def test_a_card_with_only_addresses_is_named_by_its_preferred_one() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nEMAIL:other@example.org\nEMAIL;TYPE=pref:alex@example.org\nEND:VCARD\n"
    (item,) = read_vcards(text)
    assert item.name == "alex@example.org"
    (single,) = read_vcards("BEGIN:VCARD\nEMAIL:sam@example.org\nEND:VCARD\n")
    assert single.name == "sam@example.org"


def test_a_quoted_list_of_types_is_read_as_each_type() -> None:
    (item,) = read_vcards(card("EMAIL:home@example.org", 'EMAIL;TYPE="work,pref":work@example.org'))
    assert item.emails == ["work@example.org", "home@example.org"]


def test_a_value_that_mentions_a_character_set_does_not_change_how_its_line_is_read() -> None:
    note = "NOTE:The mail said Content-Type: text/plain;charset=ISO-8859-2: Zoë"
    raw = WINDOWS.encode("cp1252") + b"\n" + note.encode()
    assert decode_vcards(raw).split("\n") == [WINDOWS, note]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("BEGIN:VCARD\nFN:A\nEND:VCALENDAR\n", "line 3: END:VCALENDAR without a BEGIN:VCARD before it."),
        ("BEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n", "line 4: END:VCARD without a BEGIN:VCARD before it."),
    ],
)
def test_an_end_that_closes_no_card_is_refused_by_its_line(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_vcards(text)
    assert str(caught.value) == message
