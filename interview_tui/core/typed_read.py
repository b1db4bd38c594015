"""Reading the large tables of a workspace in one typed pass, checked by msgspec as it parses.

Opening a workspace checks every field of every record (see ``models.Record.doc_reader``).
Done in Python, over the 35,000 records of a 10,000-contact workspace, those checks cost more
than parsing the file. msgspec can check the same types while it parses, in C, when it is told
each record's shape: that shape is written here from each dataclass's own fields and type
hints, so the two can never disagree about a field.

This is a quick way for files that are exactly as expected, never a second set of rules: a
table this cannot read (an unknown field, a value of another type, a date in a form msgspec
does not take) is handed to the Python readers, which accept what they always did and name the
field that is wrong. So a file opens here if and only if it opened before, and reads the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, cast

import msgspec

from .models import Record

TableReader = Callable[[msgspec.Raw], tuple[dict[str, Any], int]]
"""A table's bytes -> (its records by id, as msgspec structs; how many objects they hold inside
them). Raises msgspec.DecodeError or msgspec.ValidationError when it cannot read the table."""

Converter = Callable[[Any, int], Any]


def _fields(cls: type[Record]) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(cast(Any, cls))  # every Record subclass is a dataclass


def _struct_type(cls: type[Record]) -> type[msgspec.Struct]:
    """A msgspec struct with the stored fields of ``cls``: its types, its defaults (a field left
    out of the file takes its default), and nothing else (an unknown field is not this shape)."""
    hints = cls._type_hints()
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for f in _fields(cls):
        if f.name == "id":
            continue
        if f.default is not dataclasses.MISSING:
            fields.append((f.name, hints[f.name], f.default))
        elif f.default_factory is not dataclasses.MISSING:
            fields.append((f.name, hints[f.name], msgspec.field(default_factory=f.default_factory)))
        else:
            fields.append((f.name, hints[f.name]))
    # Not tracked by the cyclic collector: a struct of this shape holds text, numbers, dates and
    # lists or dicts of them, never itself; and it lives only until its record is made.
    return msgspec.defstruct(f"Stored{cls.__name__}", fields, kw_only=True, forbid_unknown_fields=True, gc=False)


def converter(cls: type[Record]) -> Converter:
    """A function ``(struct, id) -> record`` for ``cls``, written out as its reader is: the
    struct is already checked, so this only hands its values on, in ``__init__``'s order."""
    arguments = []
    for f in _fields(cls):
        if not f.init:
            continue
        value = "doc_id" if f.name == "id" else f"s.{f.name}"
        arguments.append(f"{f.name}={value}" if f.kw_only else value)
    namespace: dict[str, Any] = {"cls": cls}
    source = f"def convert(s, doc_id):\n    return cls({', '.join(arguments)})\n"
    exec(source, namespace)  # noqa: S102 - source built from the dataclass's own field names
    made: Converter = namespace["convert"]
    made.__qualname__ = f"{cls.__name__}.convert"
    return made


def table_reader(cls: type[Record], object_fields: tuple[str, ...] = ()) -> TableReader:
    """A ``TableReader`` for a table of ``cls`` records. ``object_fields``: the fields that are
    stored as JSON objects (a conversation's answers), counted for the check that no record is
    given twice (see validate.py); their values hold no objects themselves."""
    stored = _struct_type(cls)
    decoder = msgspec.json.Decoder(dict[str, stored])  # type: ignore[valid-type]

    def read(raw: msgspec.Raw) -> tuple[dict[str, Any], int]:
        records = decoder.decode(raw)
        inner = 0
        for name in object_fields:
            # Stored only when not empty (a field at its default is left out of the file): a
            # file that writes an empty one anyway counts one more, and takes the exact check.
            inner += sum(1 for record in records.values() if getattr(record, name))
        return records, inner

    return read
