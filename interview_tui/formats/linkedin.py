"""LinkedIn's Connections.csv, exactly as "Get a copy of your data" exports it.

The file starts with a byte-order mark and a few lines of notes before the real header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; emails are empty for
most people (only those who allow it are exported) and names are empty for some; dates read
like ``12 Mar 2024``.

Every connection comes in as a *cold* contact tagged ``linkedin``: a connection may be a
close colleague or someone who once clicked accept, and the method starts with the people you
know best, so the user promotes the ones they know rather than the file promoting everyone.
The tag lets them find the imported ones with ``#linkedin``.
"""

from __future__ import annotations

import re

from ..core.errors import InvalidInput
from .csv_contacts import column_key, rows
from .importing import Incoming, Progress

TAG = "linkedin"
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_KEYS = tuple(column_key(h) for h in HEADER)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def connected_on(value: str) -> str:
    """LinkedIn's date as "12 Mar 2024"; read without the locale (strptime's %b would need an
    English one), and kept as written when it is some other form."""
    match = re.fullmatch(r"\s*(\d{1,2})[\s\-]+([A-Za-z]{3})[A-Za-z]*[\s\-,]+(\d{4})\s*", value)
    if match and match.group(2).casefold() in _MONTHS:
        day, month, year = match.groups()
        return f"{int(day)} {month[:3].capitalize()} {year}"
    return value.strip()


def read_linkedin(text: str, progress: Progress | None = None) -> list[Incoming]:
    records = list(rows(text))
    header_at = next(
        (
            index
            for index, (_, record) in enumerate(records)
            if {"firstname", "lastname", "url"} <= {column_key(cell) for cell in record}
        ),
        None,
    )
    if header_at is None:
        raise InvalidInput(
            f"this is not LinkedIn's Connections.csv: no header line {','.join(HEADER)} "
            "(import other CSV files with: interview-tui import csv FILE)."
        )
    header_line, header = records[header_at]
    position = {column_key(cell): index for index, cell in enumerate(header)}
    body = records[header_at + 1 :]
    items: list[Incoming] = []
    for done, (line, record) in enumerate(body, start=1):
        if progress is not None:
            progress("Reading", done, len(body))
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            raise InvalidInput(
                f"line {line} has {len(record)} fields but the header (line {header_line}) names "
                f"{len(header)}; a value with a comma in it must be quoted."
            )

        def cell(key: str, record: list[str] = record) -> str:
            index = position.get(key)
            return record[index].strip() if index is not None and index < len(record) else ""

        first, last, url, email, company, role, since = (cell(k) for k in _KEYS)
        item = Incoming(where=f"line {line}", name=f"{first} {last}".strip())
        item.linkedin_url = url
        item.emails = [email] if email else []
        item.company = company
        item.role = role
        item.tags = [TAG]
        if since:
            item.notes = [f"Connected on LinkedIn on {connected_on(since)}."]
        items.append(item)
    return items
