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

from ..core.errors import InvalidInput
from ..core.models import Contact
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
}
_COLUMN_FOR = {alias: column for column, aliases in _ALIASES.items() for alias in aliases}

COLUMNS = ("Name", "Company", "Role", "Field", "Email", "Phone", "LinkedIn URL", "Address",
           "Relationship", "Stage", "Tags", "Referred by", "Notes")  # fmt: skip
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


def read_csv(text: str, progress: Progress | None = None) -> tuple[list[Incoming], list[str]]:
    """The rows of a CSV file with a header, and the headers of the columns left out."""
    found = _find_header(text)
    if found is None:
        raise InvalidInput(
            "no header row with a name column in the first lines; the first row should name the "
            "columns, such as: Name,Company,Role,Email (or First Name and Last Name)."
        )
    delimiter, header_line, header = found
    columns = [column_for(cell) for cell in header]
    ignored = [cell.strip() for cell, column in zip(header, columns, strict=True) if column is None and cell.strip()]
    records = list(rows(text, delimiter))
    items: list[Incoming] = []
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
        items.append(_incoming(f"line {line}", columns, record))
    return items, ignored


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
    return [tag.strip() for tag in re.split(r"[,;]", value) if tag.strip()]


def _incoming(where: str, columns: Sequence[str | None], record: Sequence[str]) -> Incoming:
    values: dict[str, list[str]] = {}
    for column, cell in zip(columns, record, strict=False):
        cell = _unguard(cell)
        if column is not None and cell.strip():
            values.setdefault(column, []).append(cell)

    def one(column: str) -> str:
        return values.get(column, [""])[0]

    item = Incoming(where=where)
    name = one("name").strip()
    if not name:
        name = " ".join(one(part).strip() for part in ("first", "middle", "last") if one(part).strip())
    item.name = name
    item.company = one("company")
    item.role = one("role")
    item.field = one("field")
    # Several values in one cell: Google joins them with " ::: ", people with commas (emails only:
    # a comma or semicolon can be part of how a phone number is written).
    item.emails = [e.strip() for cell in values.get("email", []) for e in _several(cell, r"[,;]") if e.strip()]
    item.phones = [p.strip() for cell in values.get("phone", []) for p in _several(cell) if p.strip()]
    item.address = "\n".join(values.get("address", []))
    item.notes = list(values.get("notes", []))
    item.tags = [tag for cell in values.get("tags", []) for tag in _split_tags(cell)]
    item.linkedin_url = one("linkedin_url")
    websites = []
    for url in values.get("url", []):
        if "linkedin.com" in url.casefold() and not item.linkedin_url:
            item.linkedin_url = url
        elif url.strip():
            websites.append(url.strip())
    if websites:
        item.notes.append("Website: " + ", ".join(websites))
    item.relationship = one("relationship")
    item.stage = one("stage")
    item.referred_by = one("referred_by")
    return item


def write_csv(contacts: Iterable[Contact], names: Mapping[int, str]) -> str:
    """CSV of ``contacts`` with the COLUMNS header; ``names`` gives referrers' names by id."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    names = cleaned_names(names)
    for c in map(cleaned, contacts):
        referrer = names.get(c.referred_by, "") if c.referred_by is not None else ""
        row = (c.name, c.company, c.role, c.field, c.email, c.phone, c.linkedin_url, c.address,
               c.relationship.value, c.stage.value, ", ".join(c.tags), referrer, c.notes)  # fmt: skip
        writer.writerow([_guard(value) for value in row])
    return out.getvalue()
