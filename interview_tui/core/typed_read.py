"""Reading the large tables of a workspace in one typed pass, checked by msgspec as it parses.

Opening a workspace checks every field of every record (see ``models.Record.doc_reader``).
Done in Python, over the 35,000 records of a 10,000-contact workspace, those checks cost more
than parsing the file. The records are msgspec structs, so msgspec can parse a table straight
into them, checking each field's type as it goes, in C: the types it checks are the records' own.

This is a quick way for files that are exactly as expected, never a second set of rules: a
table this cannot read (a value of another type, a date in a form msgspec does not take, a field
the records do not have, whose value msgspec would skip unread) is handed to the Python readers, which accept what they always did and name the field that is
wrong. So a file opens here if and only if it opened before, and reads the same.
"""

from __future__ import annotations

from typing import Any

import msgspec

from .models import Record
from .storage import LaterReader, TableReader
from .table_text import LaterReading


def table_reader(cls: type[Record], object_fields: tuple[str, ...] = ()) -> TableReader:
    """A ``TableReader`` for a table of ``cls`` records. ``object_fields``: the fields that are
    stored as JSON objects (a conversation's answers), counted for the check that no record is
    given twice (see validate.py); their values hold no objects themselves."""
    decoder = msgspec.json.Decoder(dict[str, cls])  # type: ignore[valid-type]

    def read(raw: msgspec.Raw) -> tuple[dict[str, Any], int]:
        records = decoder.decode(raw)
        inner = 0
        for name in object_fields:
            # Stored only when not empty (a field at its default is left out of the file): a
            # file that writes an empty one anyway counts one more, and takes the exact check.
            inner += sum(1 for record in records.values() if getattr(record, name))
        return records, inner

    return read


def later_reader(cls: type[Record], object_fields: tuple[str, ...] = ()) -> LaterReader:
    """What reads a table of ``cls`` records some at a time (see ``DurableStorage.read_later``):
    each record is read as ``table_reader`` reads it, by msgspec into ``cls``."""
    decode = msgspec.json.Decoder(cls).decode

    def reading(raw: msgspec.Raw) -> LaterReading:
        return LaterReading(raw, decode, object_fields)

    return reading
