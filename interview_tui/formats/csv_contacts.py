"""Contacts as CSV: any spreadsheet's export in (columns found by their names), ours out.

Columns are recognised by name, ignoring case, spacing and punctuation, under the names the
common tools use ("E-mail 1 - Value" is Google's email column, "Organization 1 - Title" its job
title). Columns nobody recognises are listed in the report, so a user sees what was left out.
The delimiter is whichever of comma, semicolon (Excel in much of Europe) or tab makes sense of
the header.

Written files are RFC 4180 (quoted where needed, CRLF). A value that a spreadsheet would run as
a formula (=, @, or + and - not followed by a phone number) is written after an apostrophe,
which spreadsheets hide and this reader removes.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..core.errors import InvalidInput
from ..core.keep_in_touch import cadence_in_words
from ..core.models import Contact
from ..core.text import strip_controls
from . import files
from .importing import Incoming, Progress
from .records import cleaned, cleaned_names

HEADER_SEARCH_ROWS = 20
"""How far down a header row is looked for (exports often start with a line or two of notes)."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "displayname", "contact", "contactname", "person"),
    "first": ("firstname", "first", "givenname", "given", "forename"),
    "middle": ("middlename", "additionalname", "middle"),
    "last": ("lastname", "last", "surname", "familyname", "family"),
    "company": ("company", "companyname", "organisation", "organization", "org", "employer",
                "organisationname", "organizationname", "business"),
    "role": ("role", "title", "jobtitle", "position", "job", "occupation", "organizationtitle",
             "organisationtitle", "designation", "jobrole"),
    "field": ("field", "fieldofwork", "industry", "sector", "area", "profession"),
    "email": ("email", "emailaddress", "emails", "mail", "emailvalue", "primaryemail", "workemail",
              "homeemail", "personalemail", "businessemail", "emailaddresses"),
    "phone": ("phone", "phonenumber", "phones", "telephone", "tel", "mobile", "mobilephone",
              "mobilenumber", "cell", "cellphone", "phonevalue", "workphone", "homephone",
              "businessphone", "primaryphone"),
    "address": ("address", "mailingaddress", "postaladdress", "streetaddress", "homeaddress",
                "workaddress", "businessaddress", "addressformatted", "addressline", "street"),
    "notes": ("notes", "note", "comments", "comment", "description", "remarks"),
    "tags": ("tags", "tag", "labels", "label", "categories", "category", "keywords"),
    "linkedin_url": ("linkedin", "linkedinurl", "linkedinprofile", "linkedinprofileurl", "linkedinlink"),
    "url": ("url", "profileurl", "profile", "website", "web", "webpage", "homepage", "websitevalue"),
    "relationship": ("relationship", "relation", "relationshiptype"),
    "stage": ("stage",),
    "referred_by": ("referredby", "referrer", "introducedby", "referral"),
    "cadence": ("keepintouch", "cadence", "keepintouchcadence"),
}
_COLUMN_FOR = {alias: column for column, aliases in _ALIASES.items() for alias in aliases}

COLUMNS = ("Name", "Company", "Role", "Field", "Email", "Phone", "LinkedIn URL", "Address",
           "Relationship", "Stage", "Keep in touch", "Tags", "Referred by", "Notes")  # fmt: skip
"""The columns of an export, in order; each is one this reader recognises."""

_FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+\-](?![\d\s().\-]*$))")


def column_key(header: str) -> str:
    """A header as it is looked up: letters only, case folded ("E-mail 1 - Value" -> emailvalue)."""
    folded = unicodedata.normalize("NFKC", header).casefold()
    return "".join(char for char in folded if char.isalpha())


def column_for(header: str) -> str | None:
    return _COLUMN_FOR.get(column_key(header))


def _explain(error: csv.Error) -> str:
    message = str(error)
    if "unexpected end of data" in message or "EOF" in message:
        return 'a quoted field that starts here is never closed (a " is missing)'
    if "expected after" in message:
        return 'a quote inside a quoted field is not doubled (write "" for a quote character)'
    if "field larger than field limit" in message:
        return f"a field is longer than {csv.field_size_limit():,} characters"
    if "NUL" in message:
        return "it holds a NUL character, so this is not a text file"
    return message


def rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, its fields), for each record of ``text``.

    Raises InvalidInput naming the line of a record the csv module cannot read.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInput(f"line {start}: {_explain(exc)}.") from None
        yield start, record
        start = reader.line_num + 1


def _blank(record: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in record)


def _find_header(text: str) -> tuple[str, int, list[str]] | None:
    """(delimiter, line, header) of the first row that names a name column, trying each
    delimiter on the first rows; the delimiter that recognises the most columns wins."""
    best: tuple[int, str, int, list[str]] | None = None
    for delimiter in (",", ";", "\t"):
        try:
            for index, (line, record) in enumerate(rows(text, delimiter)):
                if index >= HEADER_SEARCH_ROWS:
                    break
                columns = [column_for(cell) for cell in record]
                if not {"name", "first", "last"} & set(columns):
                    continue
                score = sum(1 for column in columns if column)
                if best is None or score > best[0]:
                    best = (score, delimiter, line, record)
                break
        except InvalidInput:
            continue  # this delimiter cannot even split the start of the file
    if best is None:
        return None
    return best[1], best[2], best[3]


@dataclass
class Profile:
    """How one tool's export names its columns, where the generic names would misread them."""

    name: str
    """For the report: "Outlook's export"."""
    columns: dict[str, str]
    """Column key -> field, over the generic names."""


GROUPS = "groups"
"""Google's labels and groups: tags, without the system ones ("* myContacts")."""
HONORIFIC = "honorific"
"""Dr., Ms.: part of the name, never the job title."""
SUFFIX = "suffix"
_ADDRESS_PART = re.compile(
    r"^(?:address\s*(?P<number>\d+)\s*-\s*|(?P<place>business|home|other)\s+)"
    r"(?P<part>formatted|street(?:\s*\d)?|extended address|po box|city|region|state|"
    r"postal code|country(?:/region)?)$",
    re.IGNORECASE,
)

OUTLOOK = Profile("Outlook's export", {"title": HONORIFIC, "jobtitle": "role", "suffix": SUFFIX, "categories": "tags",
                              "webpage": "url", "emailaddress": "email", "emailaddressemail": "email"})
GOOGLE_NEW = Profile("Google Contacts' export", {"labels": GROUPS, "nameprefix": HONORIFIC, "namesuffix": SUFFIX,
                                         "organizationtitle": "role", "organizationname": "company"})
GOOGLE_OLD = Profile("Google Contacts' older export", {"groupmembership": GROUPS, "nameprefix": HONORIFIC,
                                                         "namesuffix": SUFFIX, "occupation": "role"})


def profile_for(header: Sequence[str]) -> Profile | None:
    keys = {column_key(cell) for cell in header}
    if {"firstname", "lastname", "emailaddress"} <= keys and ("businessstreet" in keys or {"jobtitle", "suffix"} <= keys):
        return OUTLOOK
    if "labels" in keys and ("emailvalue" in keys or "organizationname" in keys):
        return GOOGLE_NEW
    if "groupmembership" in keys or ({"givenname", "familyname"} <= keys and "emailvalue" in keys):
        return GOOGLE_OLD
    return None


def _header_columns(header: Sequence[str], profile: Profile | None) -> list[str | None]:
    columns: list[str | None] = []
    for cell in header:
        key = column_key(cell)
        if profile is not None and key in profile.columns:
            columns.append(profile.columns[key])
        elif profile is not None and _ADDRESS_PART.match(" ".join(cell.split())):
            columns.append("address")
        else:
            columns.append(column_for(cell))
    return columns


def decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file, and a remark for the report when it was not UTF-8.

    Outlook writes its contacts export in the Windows code page, not UTF-8; its header (in
    ASCII) says it is Outlook's, and then the file is read as Windows-1252. Any other file that
    is not UTF-8 is refused, naming the line, as before: a guess would store names garbled.
    """
    try:
        return files.decode_text(raw), ""
    except InvalidInput as refusal:
        first = raw.split(b"\n", 1)[0]
        try:
            header = next(csv.reader([first.decode("ascii")]))
        except (UnicodeDecodeError, csv.Error, StopIteration):
            raise refusal from None
        if profile_for(header) is not OUTLOOK:
            raise
        try:
            return raw.decode("cp1252"), "Read as Windows-1252, the code page Outlook writes its CSV in."
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise InvalidInput(f"line {line} is neither UTF-8 nor Windows-1252 text; save the file as UTF-8.") from None


@dataclass
class CsvRead:
    """What reading a CSV file gives: rows, the columns left out, and how it was read."""

    items: list[Incoming]
    ignored: list[str]
    profile: Profile | None = None


def read_csv(text: str, progress: Progress | None = None) -> tuple[list[Incoming], list[str]]:
    """The rows of a CSV file with a header, and the headers of the columns left out."""
    found = read_csv_file(text, progress)
    return found.items, found.ignored


def read_csv_file(text: str, progress: Progress | None = None) -> CsvRead:
    """The rows of a CSV file with a header; every column not used is listed in ``ignored``:
    those no field takes, and those that lost to another column for the same field (Google's
    Occupation and Organization 1 - Title both hold a job title: the first filled one is kept)."""
    found = _find_header(text)
    if found is None:
        raise InvalidInput(
            "no header row with a name column in the first lines; the first row should name the "
            "columns, such as: Name,Company,Role,Email (or First Name and Last Name)."
        )
    delimiter, header_line, header = found
    profile = profile_for(header)
    columns = _header_columns(header, profile)
    ignored = [cell.strip() for cell, column in zip(header, columns, strict=True) if column is None and cell.strip()]
    records = list(rows(text, delimiter))
    items: list[Incoming] = []
    lost: dict[int, int] = {}
    winners: dict[int, set[str]] = {}
    body = [(line, record) for line, record in records if line > header_line]
    for done, (line, record) in enumerate(body, start=1):
        if progress is not None:
            progress("Reading", done, len(body))
        if _blank(record):
            continue
        if len(record) > len(header) and not _blank(record[len(header) :]):
            raise InvalidInput(
                f"line {line} has {len(record)} fields but the header (line {header_line}) names "
                f"{len(header)}; a value with a {_delimiter_name(delimiter)} in it must be quoted."
            )
        item, row_lost = _incoming(f"line {line}", columns, record, header)
        for index, winner in row_lost.items():
            lost[index] = lost.get(index, 0) + 1
            winners.setdefault(index, set()).add(winner)
        items.append(item)
    for index in sorted(lost):
        rows_word = "row" if lost[index] == 1 else "rows"
        used = ", ".join(sorted(winners[index]))
        ignored.append(f"{header[index].strip()} ({used} used instead on {lost[index]:,} {rows_word})")
    return CsvRead(items, ignored, profile)


def _delimiter_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]


def _unguard(value: str) -> str:
    """Undo ``_guard``: the apostrophe written before a formula-like value."""
    if value.startswith("'") and (_FORMULA_START.match(value[1:]) or value[1:].startswith("'")):
        return value[1:]
    return value


def _guard(value: str) -> str:
    if _FORMULA_START.match(value) or value.startswith("'"):
        return "'" + value
    return value


def _several(cell: str, separators: str = "") -> list[str]:
    parts = re.split(r"\s:::\s", cell)
    if separators and cell.count("@") > 1:
        parts = [piece for part in parts for piece in re.split(separators, part)]
    return parts


def _split_tags(value: str) -> list[str]:
    # Controls go first: an escape sequence holds semicolons, and split at them its text (a
    # link's address) would come in as tags.
    return [tag.strip() for tag in re.split(r"[,;]", strip_controls(value)) if tag.strip()]


def _label_tags(cell: str) -> list[str]:
    """Google's labels ("* myContacts ::: Mentors"): the person's own ones, as tags (a tag is
    one word to the filter box: spaces and colons become hyphens); the system ones go."""
    tags = []
    for label in re.split(r"\s*:::\s*", cell):
        label = label.strip()
        if not label or label.startswith("*"):
            continue
        tags.append(re.sub(r"[\s:]+", "-", label))
    return tags


def _address_key(header: str) -> tuple[str, str]:
    """(which address, which part) of an address column: ("1", "city"), ("business", "street2")."""
    match = _ADDRESS_PART.match(" ".join(header.split()))
    if match is None:
        return "", "formatted"
    which = (match.group("number") or match.group("place") or "").casefold()
    part = column_key(match.group("part")) + "".join(ch for ch in match.group("part") if ch.isdigit())
    if part in ("city", "region", "state", "postalcode"):
        part = "town:" + part
    elif part in ("country", "countryregion"):
        part = "country"
    return which, part


def _addresses(cells: list[tuple[int, str]], header: Sequence[str]) -> list[str]:
    """Each address of a row: a formatted one as it is, else assembled from its parts (street
    lines, then city, region and postal code on one line, then the country)."""
    grouped: dict[str, dict[str, str]] = {}
    plain: list[str] = []
    for index, cell in cells:
        which, part = _address_key(header[index]) if index < len(header) else ("", "formatted")
        if not which:
            plain.append(cell)
            continue
        grouped.setdefault(which, {})[part] = cell.strip()
    assembled = list(plain)
    for parts in grouped.values():
        if parts.get("formatted"):
            assembled.append(parts["formatted"])
            continue
        town = " ".join(parts[key] for key in ("town:city", "town:region", "town:state", "town:postalcode") if parts.get(key))
        lines = [parts.get(key, "") for key in ("pobox", "street", "street2", "street3", "extendedaddress")]
        lines += [town, parts.get("country", "")]
        text = "\n".join(line for line in lines if line)
        if text:
            assembled.append(text)
    return assembled


_SINGLE = ("name", "first", "middle", "last", "company", "role", "field", "linkedin_url", "relationship",
           "stage", "referred_by", "cadence", HONORIFIC, SUFFIX)  # fmt: skip


def _incoming(
    where: str, columns: Sequence[str | None], record: Sequence[str], header: Sequence[str] = ()
) -> tuple[Incoming, dict[int, str]]:
    """The row as read, and the columns whose value lost to another's for the same field (by
    index, with the header of the one used)."""
    values: dict[str, list[tuple[int, str]]] = {}
    for index, (column, cell) in enumerate(zip(columns, record, strict=False)):
        cell = _unguard(cell)
        if column is not None and cell.strip():
            values.setdefault(column, []).append((index, cell))
    lost: dict[int, str] = {}
    for column in _SINGLE:
        found = values.get(column, [])
        for index, cell in found[1:]:
            if cell.strip() != found[0][1].strip():
                lost[index] = header[found[0][0]].strip() if found[0][0] < len(header) else column

    def one(column: str) -> str:
        found = values.get(column)
        return found[0][1] if found else ""

    def every(column: str) -> list[str]:
        return [cell for _, cell in values.get(column, [])]

    item = Incoming(where=where)
    name = one("name").strip()
    if not name:
        name = " ".join(one(part).strip() for part in ("first", "middle", "last") if one(part).strip())
    honorific, suffix = one(HONORIFIC).strip(), one(SUFFIX).strip()
    if name and honorific and not name.casefold().startswith(honorific.casefold()):
        name = f"{honorific} {name}"
    if name and suffix and not name.casefold().endswith(suffix.casefold()):
        name = f"{name} {suffix}"
    item.name = name
    item.company = one("company")
    item.role = one("role")
    item.field = one("field")
    # Several values in one cell: Google joins them with " ::: ", people with commas (emails only:
    # a comma or semicolon can be part of how a phone number is written).
    item.emails = [e.strip() for cell in every("email") for e in _several(cell, r"[,;]") if e.strip()]
    item.phones = [p.strip() for cell in every("phone") for p in _several(cell) if p.strip()]
    item.notes = list(every("notes"))
    if header:
        # The first address is the contact's; any other (home beside business) is kept in the notes.
        addresses = _addresses(values.get("address", []), header)
        item.address = addresses[0] if addresses else ""
        item.notes += [f"Other address:\n{other}" for other in addresses[1:]]
    else:
        item.address = "\n".join(every("address"))
    item.tags = [tag for cell in every("tags") for tag in _split_tags(cell)]
    item.tags += [tag for cell in every(GROUPS) for tag in _label_tags(cell)]
    item.linkedin_url = one("linkedin_url")
    websites = []
    for url in every("url"):
        if "linkedin.com" in url.casefold() and not item.linkedin_url:
            item.linkedin_url = url
        elif url.strip():
            websites.append(url.strip())
    if websites:
        item.notes.append("Website: " + ", ".join(websites))
    item.relationship = one("relationship")
    item.stage = one("stage")
    item.referred_by = one("referred_by")
    item.cadence = one("cadence")
    return item, lost


def write_csv(contacts: Iterable[Contact], names: Mapping[int, str]) -> str:
    """CSV of ``contacts`` with the COLUMNS header; ``names`` gives referrers' names by id."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    names = cleaned_names(names)
    for c in map(cleaned, contacts):
        referrer = names.get(c.referred_by, "") if c.referred_by is not None else ""
        row = (c.name, c.company, c.role, c.field, c.email, c.phone, c.linkedin_url, c.address,
               c.relationship.value, c.stage.value, cadence_in_words(c), ", ".join(c.tags), referrer, c.notes)  # fmt: skip
        writer.writerow([_guard(value) for value in row])
    return out.getvalue()
