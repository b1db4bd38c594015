"""Checks of a workspace document that its parser cannot make: ids given twice in one table.

A JSON object may name the same key twice, and every parser keeps the last one without a word
(the stdlib, orjson and msgspec alike). A git merge that kept both sides of a change to one
record leaves exactly that: two contacts under "7". Read as it is, the first one would vanish
from the app, then from the file at the next save, then from the backup at the one after.

Looking for them with a parser that reports each pair (``json`` with ``object_pairs_hook``)
costs as much as reading the file three times over, so that is only the second step. The first
costs a fifth of parsing: every object of the document, a record or not, opens with a ``{``,
and a ``{`` can stand elsewhere only inside a string. So the number of ``{`` bytes in the file is
at least the number of objects in it, duplicates included; when it equals the number of objects
the parsed document holds (duplicates gone), there were no duplicates. Any other count (a brace
typed in a note, an object this module does not know of) sends it to the slow, exact step.
"""

from __future__ import annotations

from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

OBJECT_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": (),
    "followups": (),
    "touches": (),
    "events": (),
    "interviews": ("answers",),
}
"""The large tables, with the fields of their records that may hold an object (checked by the
records' own types, see models.py). Any other table is looked through entirely: they are small
(the questions, the settings, the trash). Only a matter of speed: were a field missing here, a
file with objects in it would take the exact step, and say the same."""


class Duplicate(Exception):
    """A table, or an id in one, given twice; or a key deeper in a record (``inside``)."""

    def __init__(self, table: str, record_id: str | None, inside: tuple[str, ...] = (), key: str = "") -> None:
        super().__init__(table, record_id, inside, key)
        self.table = table
        self.record_id = record_id
        """None: the table itself is given twice."""
        self.inside = inside
        """Where in the record ``record_id`` the key given twice is (empty: the id is)."""
        self.key = key


def find_duplicate(raw: bytes, data: dict[str, Any], braces: int | None = None) -> Duplicate | None:
    """The first table or id that ``raw`` gives twice, when it does (``data`` is ``raw`` parsed;
    ``braces``, when given, the ``{`` of ``raw``, counted beforehand)."""
    expected, braces_in_text = _objects(data)
    if count_clears_duplicates(raw, expected, braces_in_text, braces):
        return None
    return _find_duplicate_exactly(raw)


def count_clears_duplicates(raw: bytes, objects: int, braces_in_text: int, braces: int | None = None) -> bool:
    """Whether counting the ``{`` of ``raw`` proves that it gives no key twice, ``raw`` parsed
    being ``objects`` objects with ``braces_in_text`` braces in their text (False: it may).
    ``braces``: the count, when made beforehand (a step at a time)."""
    found = raw.count(b"{") if braces is None else braces
    if found == objects:
        return True
    # The braces counted in text are in the file too, unless written as escapes.
    return bool(braces_in_text) and found == objects + braces_in_text and not _escaped_brace(raw)


def gives_no_key_twice(raw: bytes) -> bool:
    """Whether ``raw`` gives no table, id or key twice, found the slow, exact way: what
    ``find_duplicate`` does when the count of braces cannot clear it."""
    return _find_duplicate_exactly(raw) is None


def objects_in(tables: dict[str, Any]) -> tuple[int, int]:
    """How many objects the records of ``tables`` (documents) hold, themselves included, and
    how many ``{`` stand in their text: what ``find_duplicate`` counts of a small table."""
    objects = braces = 0
    for docs in tables.values():
        objects += len(docs)
        for doc in docs.values():
            inner, text = _walk(doc)
            objects += inner
            braces += text
    return objects, braces


def _objects(data: dict[str, Any]) -> tuple[int, int]:
    """How many objects ``data`` holds, all told, and how many ``{`` stand in the text of its
    small tables (a template's placeholders: "Hi {first_name}")."""
    from .table_text import Unparsed  # the storage's, which has it loaded already

    objects = 1 + len(data)
    braces = 0
    for name, docs in data.items():
        if type(docs) is Unparsed:
            objects += docs.objects
            continue
        objects += len(docs)
        fields = OBJECT_FIELDS.get(name)
        if fields is None:
            for doc in docs.values():
                inner, text = _walk(doc)
                objects += inner
                braces += text
        elif fields:
            for doc in docs.values():
                for field in fields:
                    value = doc.get(field)
                    if type(value) is dict:
                        objects += _walk(value)[0] + 1
    return objects, braces


def _walk(value: Any) -> tuple[int, int]:
    """The objects inside ``value`` (not counting itself) and the ``{`` in its keys and text."""
    objects = braces = 0
    items = value.items() if type(value) is dict else enumerate(value) if type(value) is list else ()
    for key, item in items:
        if type(key) is str:
            braces += key.count("{")
        if type(item) is dict:
            objects += 1
        if type(item) in (dict, list):
            inner, text = _walk(item)
            objects += inner
            braces += text
        elif type(item) is str:
            braces += item.count("{")
    return objects, braces


def _escaped_brace(raw: bytes) -> bool:
    """Whether a ``{`` may be written as an escape (``\\u007b``), which the count would miss."""
    return b"\\u007b" in raw or b"\\u007B" in raw


class _Pairs(dict[str, Any]):
    """An object of the document that gave one of its keys twice."""

    duplicate: str


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    kept = dict(pairs)
    if len(kept) == len(pairs):
        return kept
    marked = _Pairs(kept)
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            marked.duplicate = key
            break
        seen.add(key)
    return marked


def _find_duplicate_exactly(raw: bytes) -> Duplicate | None:
    import json  # only for a file the quick count could not clear

    try:
        document = json.loads(raw, object_pairs_hook=_pairs)
    except (ValueError, RecursionError):
        return None  # the fast parser read it: nothing more to learn here
    if isinstance(document, _Pairs):
        return Duplicate(document.duplicate, None)
    for name, docs in document.items():
        if isinstance(docs, _Pairs):
            return Duplicate(name, docs.duplicate)
        if not isinstance(docs, dict):
            continue
        # Deeper: a field of a record, or the records a trash entry keeps, given twice.
        for record_id, record in docs.items():
            found = _first_pairs(record, ())
            if found is not None:
                inside, key = found
                return Duplicate(name, record_id, inside, key)
    return None


def _first_pairs(value: Any, at: tuple[str, ...]) -> tuple[tuple[str, ...], str] | None:
    """Where the first object inside ``value`` (itself included) that gave a key twice is, and
    that key."""
    if isinstance(value, _Pairs):
        return at, value.duplicate
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _first_pairs(item, (*at, str(key)))
        if found is not None:
            return found
    return None


_RULE_PROBLEMS: dict[str, str | None] = {}
"""What is wrong with each repeat rule met so far (None: nothing): many follow-ups share a rule,
and reading one costs a fraction of a millisecond."""


def find_broken_rule(records: dict[int, Any], model: type) -> tuple[int, str] | None:
    """The first record (id, and the field in words) holding what no form of the app would
    save, though of its type and within its bounds: a contact with no name, or allowed fewer
    days at most without contact than its cadence asks for; a follow-up that repeats by a rule
    the app cannot follow. None when there is none.

    Opening checks every record this way. Each test runs over the whole table at C speed, and a
    record is looked for only when one fails; most follow-ups do not repeat, and those that do
    share a few rules, each read once."""
    from .models import Contact, FollowUp

    if not records:
        return None
    if model is Contact:
        return _broken_contact(records)
    if model is FollowUp:
        return _broken_repeat(records)
    return None


def _broken_contact(records: dict[int, Any]) -> tuple[int, str] | None:
    values = records.values()
    if not all(map(str.strip, map(attrgetter("name"), values))):
        record_id = next(key for key, record in records.items() if not record.name.strip())
        return record_id, 'field "name" is blank: a contact needs a name'
    # Few contacts have a cadence of their own, and fewer pairs of days are set: each pair once.
    cadences = set(map(attrgetter("cadence_days", "cadence_max_days"), values))
    broken = {(ideal, most) for ideal, most in cadences if ideal is not None and most is not None and most < ideal}
    if not broken:
        return None
    record_id = next(key for key, record in records.items() if (record.cadence_days, record.cadence_max_days) in broken)
    ideal, most = records[record_id].cadence_days, records[record_id].cadence_max_days
    return record_id, (
        f'field "cadence_max_days": at most {most} days without contact is fewer than the '
        f'{ideal} days of its cadence (field "cadence_days"); give at least {ideal}, or null'
    )


def _broken_repeat(records: dict[int, Any]) -> tuple[int, str] | None:
    rules = set(map(attrgetter("recurrence"), records.values()))
    rules.discard("")
    if not rules:
        return None
    broken = {rule for rule in rules if _rule_problem(rule) is not None}
    if not broken:
        return None
    record_id = next(key for key, record in records.items() if record.recurrence in broken)
    return record_id, f'field "recurrence": {_rule_problem(records[record_id].recurrence)}'


def _rule_problem(rule: str) -> str | None:
    if rule not in _RULE_PROBLEMS:
        from .recurrence import stored_rule_problem  # only for a workspace with a repeat

        _RULE_PROBLEMS[rule] = stored_rule_problem(rule)
    return _RULE_PROBLEMS[rule]


_LARGEST = 2**64 - 1
_SMALLEST = -(2**63)
"""What the file's encoder can write (it writes an unsigned 64-bit number too)."""


def find_unwritable_number(data: dict[str, Any]) -> tuple[str, str, str] | None:
    """(table, record id, where in the record) of the first whole number in ``data`` too large
    for the file's encoder to write again; None when there is none. Only the tables parsed into
    documents are looked through: a table read typed holds no field its records do not type."""
    for name, docs in data.items():
        if not isinstance(docs, dict):  # an Unparsed table is not: it holds no such number
            continue
        for record_id, record in docs.items():
            where = _unwritable_in(record, "")
            if where is not None:
                return name, record_id, where
    return None


def _unwritable_in(value: Any, at: str) -> str | None:
    if type(value) is int:
        return None if _SMALLEST <= value <= _LARGEST else at
    items = value.items() if type(value) is dict else enumerate(value) if type(value) is list else ()
    for key, item in items:
        if type(item) in (int, dict, list):
            found = _unwritable_in(item, f"{at}[{key!r}]")
            if found is not None:
                return found
    return None


_FIELD_FOUND = r'field "(?P<field>[^"]+)": (?P<said>.*, found )(?P<found>\S+)$'
"""The words ``models.out_of_bounds`` gives a field's value in: 'field "due": expected ...,
found 2026-12-06T20:27:41+00:00' (compiled when first needed: opening a good file never is)."""


def quoted_as_written(words: str, path: Path, table: str, record_id: int) -> str:
    """``words`` (what ``models.out_of_bounds`` says of a field of record ``record_id`` of
    ``table``) quoting the date found as the file at ``path`` spells it.

    A date is quoted as it was parsed, and parsing forgets the spelling: "Z", "z", "-00:00" and
    "+00:00" all come back as "+00:00", and a person looking for what the message quotes would
    not find it in the file. Only on the way to refusing a file, so reading it again is no cost
    that matters; when the field cannot be found, ``words`` are returned as they are."""
    import re

    import msgspec

    matched = re.match(_FIELD_FOUND, words)
    if matched is None:
        return words
    try:
        written = _written(path.read_bytes(), table, record_id, matched["field"])
        if written is None or written == matched["found"]:
            return words
        # Only another spelling of the same moment: never a value from elsewhere.
        if msgspec.convert(written, datetime) != msgspec.convert(matched["found"], datetime):
            return words
    except (OSError, msgspec.ValidationError):
        return words
    return f'field "{matched["field"]}": {matched["said"]}{written}'


def _written(raw: bytes, table: str, record_id: int, field: str) -> str | None:
    """The text of ``field`` of that record in ``raw``: the last one given, as the parser reads it."""
    import msgspec

    try:
        tables = msgspec.json.decode(raw, type=dict[str, msgspec.Raw])
        records = msgspec.json.decode(tables[table], type=dict[str, msgspec.Raw])
        key = str(record_id)
        if key not in records:  # written some other way ("07"), which opening reads as the same id
            key = next(k for k in records if k.isascii() and k.isdigit() and int(k) == record_id)
        record = msgspec.json.decode(records[key], type=dict[str, msgspec.Raw])
        value = msgspec.json.decode(record[field])
    except (KeyError, StopIteration, msgspec.DecodeError, msgspec.ValidationError):
        return None
    return value if type(value) is str else None
