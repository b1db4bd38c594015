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

import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

import msgspec
import orjson

_records_as_text = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode
_tables_as_text = _records_as_text
_parse_record = msgspec.json.Decoder().decode


class LaterReading:
    """A table read by a typed reader some records at a time, between frames of the app, rather
    than with the others at opening (see ``DurableStorage.read_later``). It reads exactly what
    the table's whole-table reader reads (each record parsed into ``decode``'s type, checked as
    it is parsed; the last of two records under one id kept, as any parser keeps it), and
    raises what it raises.

    A table as this program writes it is found record by record (``_next_record``), so that no
    step holds a key up for longer than its records take: cutting a table of 100,000 follow-ups
    into its records' texts at once is one call of 35 to 55 ms. Any other layout, and any record
    that does not read, is read again from the start the way opening reads it (which then finds
    and names what is wrong)."""

    def __init__(self, raw: msgspec.Raw, decode: Callable[[Any], Any], object_fields: tuple[str, ...]) -> None:
        self._raw = raw
        self._decode = decode
        self._object_fields = object_fields
        self._texts: Iterator[tuple[str, msgspec.Raw]] | None = None
        self._view: memoryview | None = None
        self._found: re.Match[bytes] | None = None
        """Where the next record starts (its id and the start of its text), while the table is
        found record by record."""
        self.records: dict[str, Any] = {}
        self.inner = 0
        """How many objects the records' ``object_fields`` hold (see typed_read.table_reader)."""
        view = memoryview(raw)
        found = _FIRST_RECORD.match(view)
        if found is not None and view[-len(_TABLE_END) :] == _TABLE_END:
            self._view, self._found = view, found

    def step(self, count: int | None) -> bool:
        """Read ``count`` more records (None: all that are left); True once every one is read.
        The first step of a table in another layout only cuts it into its records' texts."""
        if self._found is not None:
            try:
                return self._step_record_by_record(count)
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                # Perhaps a record is damaged, perhaps the layout only looked like ours: read
                # again from the start as opening reads, which tells the two apart.
                self._found, self._view = None, None
                self.records, self.inner = {}, 0
        if self._texts is None:
            self._texts = iter(_records_as_text(self._raw).items())
            if count is not None:
                return False
        decode, records, fields = self._decode, self.records, self._object_fields
        read = 0
        for key, text in self._texts if count is None else islice(self._texts, count):
            record = records[key] = decode(text)
            read += 1
            for name in fields:
                if getattr(record, name):
                    self.inner += 1
        return count is None or read < count

    def _step_record_by_record(self, count: int | None) -> bool:
        view, found = self._view, self._found
        assert view is not None and found is not None
        decode, records, fields, search = self._decode, self.records, self._object_fields, _NEXT_RECORD.search
        last = len(view) - len(_TABLE_END)
        read = 0
        while found is not None and (count is None or read < count):
            start = found.end()
            following = search(view, start, last)
            # The text between two ids is one record's, or decoding it fails: a JSON string
            # holds no line break, so what ends it can only be the layout's own.
            record = decode(view[start : following.start() if following is not None else last])
            records[found[1].decode()] = record  # digits only: the id as a parser reads it
            read += 1
            for name in fields:
                if getattr(record, name):
                    self.inner += 1
            found = following
        self._found = found
        if found is None:
            self._view = None
            return True
        return False


# A table as this program writes it (orjson, two-space indents): each record's id on a line of
# its own, four spaces in, and the table's closing brace two spaces in.
_FIRST_RECORD = re.compile(rb'\{\n    "([0-9]+)": ')
_NEXT_RECORD = re.compile(rb',\n    "([0-9]+)": ')
_TABLE_END = b"\n  }"


class Unparsed:
    """A table of the file kept as its text: its records were read and checked by a typed
    reader, and it is made ``RecordTexts`` when a change needs its documents."""

    __slots__ = ("_raw", "later", "objects", "records")

    def __init__(
        self,
        raw: msgspec.Raw | Callable[[], msgspec.Raw],
        records: dict[str, Any] | None,
        objects: int,
        later: LaterReading | None = None,
    ) -> None:
        self._raw = raw
        self.records = records
        """The records the typed reader made, until the Store takes them."""
        self.objects = objects
        """How many JSON objects the table's records hold, themselves included (see
        validate.find_duplicate)."""
        self.later = later
        """While the table is read after the others, a few records at a time (see
        ``DurableStorage.read_later``): that reading; ``records`` and ``objects`` are set when it ends."""

    @property
    def raw(self) -> msgspec.Raw:
        """The table's JSON text, as it stands in the file (a view of the file's bytes): cut
        from the file when first wanted, when opening read the records without it (a save, or
        a change, wants it; opening, and a command that changes nothing, do not)."""
        if not isinstance(self._raw, msgspec.Raw):
            self._raw = self._raw()
        return self._raw

    def split(self) -> RecordTexts:
        return RecordTexts(_records_as_text(self.raw))


def cut_later(raw: bytes) -> Callable[[str], Callable[[], msgspec.Raw]]:
    """For each table name, what gives its text in ``raw`` (one JSON document of tables),
    cutting the whole document into its tables' texts once, the first time one is wanted."""
    tables: list[dict[str, msgspec.Raw]] = []

    def text_of(name: str) -> Callable[[], msgspec.Raw]:
        def text() -> msgspec.Raw:
            if not tables:
                tables.append(_tables_as_text(raw))
            return tables[0][name]

        return text

    return text_of


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

    def stored(self) -> dict[str, Any]:
        """The documents as they are (a text not parsed), as a plain dict copied whole in C.

        ``dict(dict.items(self))`` gives the same going through every item in Python's loop:
        10 ms for 50,000 contacts, on the thread that draws the screen, at the first save of a
        session. ``dict.copy`` copies a dict's table whole only when its class iterates as a dict
        does, which this one does not (see ``__iter__``): for the copy, it is one that does."""
        self.__class__ = _AsStored  # type: ignore[assignment]  # for the copy alone: see above
        try:
            return dict.copy(self)
        finally:
            self.__class__ = RecordTexts

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


class _AsStored(dict[str, Any]):
    """A ``RecordTexts`` for the moment ``RecordTexts.stored`` copies it."""
