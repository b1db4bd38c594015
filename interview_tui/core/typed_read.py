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

from collections.abc import Callable, Collection
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


def document_reader(
    typed: dict[str, tuple[type[Record], tuple[str, ...]]], tables: Collection[str]
) -> Callable[[bytes], dict[str, Any]]:
    """What reads a whole workspace file in one pass: each table of ``typed`` (name: its
    records' class and ``object_fields``) into its records, as ``table_reader`` reads it, giving
    (records by id, objects they hold); every other table of ``tables`` as its text
    (``msgspec.Raw``). Raises msgspec.DecodeError or msgspec.ValidationError for a file it
    cannot read so (a table not in ``tables``, a record of another form...): the file is then
    read a table at a time, as before, where each fault is found and named.

    Cutting the file into its tables first, then reading each, went through the large tables
    twice: at 50,000 contacts the cut alone cost 40-60 ms of the start-up."""
    def table_type(name: str) -> Any:
        return dict[str, typed[name][0]] if name in typed else msgspec.Raw  # type: ignore[misc]

    fields = [(name, table_type(name) | msgspec.UnsetType, msgspec.UNSET) for name in sorted(tables)]
    decode = msgspec.json.Decoder(msgspec.defstruct("_Workspace", fields, forbid_unknown_fields=True)).decode

    def read(raw: bytes) -> dict[str, Any]:
        document = decode(raw)
        found: dict[str, Any] = {}
        for name in document.__struct_fields__:
            value = getattr(document, name)
            if value is msgspec.UNSET:
                continue
            if name in typed:
                inner = 0
                for field in typed[name][1]:
                    inner += sum(1 for record in value.values() if getattr(record, field))
                value = (value, inner)
            found[name] = value
        return found

    return read
