"""Tables of a workspace kept as the JSON text they were read from, until something needs more.

At 10,000 contacts the file holds 35,000 records. Opening reads them all into typed records
(see typed_read.py), so the document's dicts are needed only to save a change, and a change
touches one record or a few. Parsing whole tables into dicts for that would cost, at the first
change of a session, about what opening saved. So a table the typed reader read stays text
(``Unparsed``); when a change comes, it is split into one text per record, which costs a fifth
of parsing it (``RecordTexts``); only the records the change reads or writes become dicts; and
a save writes the others back as the very text they were read as. For a file this program
wrote, that text is exactly what encoding the record again would give (sorted keys, two-space
indents), so the bytes on disk are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import msgspec
import orjson

_records_as_text = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode
_parse_record = msgspec.json.Decoder().decode


class Unparsed:
    """A table of the file kept as its text: its records were read and checked by a typed
    reader, and it is made ``RecordTexts`` when a change needs its documents."""

    __slots__ = ("objects", "raw", "records")

    def __init__(self, raw: msgspec.Raw, records: dict[str, Any] | None, objects: int) -> None:
        self.raw = raw
        """The table's JSON text, as it stands in the file (a view of the file's bytes)."""
        self.records = records
        """The records the typed reader made, until the Store takes them."""
        self.objects = objects
        """How many JSON objects the table's records hold, themselves included (see
        validate.find_duplicate)."""

    def split(self) -> RecordTexts:
        return RecordTexts(_records_as_text(self.raw))


class RecordTexts(dict[str, Any]):
    """A table's documents by id, each either a dict or, until it is first read, the text it was
    read as (a ``msgspec.Raw``). Reading a record through ``[]``, ``get``, ``pop``, ``values``
    or ``items`` parses it and keeps the dict; keys, ``in`` and ``len`` never parse anything.

    Only the storage hands one out, and only to the Store's tables, which use exactly these
    operations; anything that wants the whole document (an export, the trash) gets plain dicts
    (``DurableStorage.read``)."""

    def __getitem__(self, key: str) -> Any:
        value = dict.__getitem__(self, key)
        if type(value) is msgspec.Raw:
            value = _parse_record(value)
            dict.__setitem__(self, key, value)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def pop(self, key: str, *default: Any) -> Any:
        if key not in self:
            return dict.pop(self, key, *default)
        value = self[key]
        dict.__delitem__(self, key)
        return value

    def values(self) -> Any:
        return self.plain().values()

    def items(self) -> Any:
        return self.plain().items()

    def __iter__(self) -> Iterator[str]:
        # Written out so that dict(texts) and {**texts} go through here (and so through
        # ``plain``) rather than copying the stored texts as they are.
        return iter(list(dict.keys(self)))

    def copy(self) -> dict[str, Any]:
        return dict(self.plain())

    def plain(self) -> dict[str, Any]:
        """Every record as a dict (parsed now where still text), as a plain dict."""
        return {key: self[key] for key in dict.keys(self)}

    def sorted(self) -> RecordTexts:
        """The same records in the order of their keys, none parsed."""
        return RecordTexts(sorted(dict.items(self)))

    def encoded(self, name: str, encode: Callable[[Any], bytes]) -> bytes:
        """``"name": {...}`` as ``orjson.dumps({name: self}, option=OPT_INDENT_2)`` writes it
        between the braces of the document: the records still text as they were read, the
        others encoded by ``encode`` (a dict, without indentation of its own) and indented for
        their place. JSON text holds no raw line break (a string writes it as \\n), so indenting
        every line is exact."""
        head = b"  " + orjson.dumps(name) + b": "
        if not len(self):
            return head + b"{}"
        pieces: list[Any] = [head, b"{\n"]
        for key, value in dict.items(self):
            text = value if type(value) is msgspec.Raw else encode(value).replace(b"\n", b"\n    ")
            pieces += (b'    "', key.encode(), b'": ', text, b",\n")  # ids: digits, nothing to escape
        pieces[-1] = b"\n  }"
        return b"".join(pieces)
