"""Opening checks every record: a field of the wrong type, or an id given twice in one table, is
refused with a message naming the table, the record and the field, and the file is left exactly
as it was. A file that is only unusual (unknown fields, a date without a time, braces in a note)
still opens."""

from __future__ import annotations

import enum
import json
import tempfile
import types
import typing
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core import validate
from interview_tui.core.errors import WorkspaceUnreadable
from interview_tui.core.models import Contact, FollowUp, Interview, Question, Settings, Stage, Touch
from interview_tui.core.storage import parse, read_document
from interview_tui.core.store import Store
from interview_tui.core.trash import TrashEntry

TABLES = {
    "contacts": Contact,
    "interviews": Interview,
    "questions": Question,
    "followups": FollowUp,
    "touches": Touch,
    "settings": Settings,
    "trash": TrashEntry,
}
META = {"1": {"schema_version": 1}}
QUESTIONS = {"1": {"order": 0, "text": "Tell me about your career path."}}


def write(path: Path, document: dict[str, Any]) -> bytes:
    """The document as the app writes it (sorted, indented), in a file; returns its bytes."""
    raw = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
    path.write_bytes(raw)
    return raw


def refusal(path: Path) -> str:
    with pytest.raises(WorkspaceUnreadable) as caught:
        Store.open(path).close()
    return str(caught.value)


def files_beside(path: Path) -> set[str]:
    # The lock file is not the workspace: it holds only who has the workspace open.
    return {p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")}


# Values by type, as a JSON file can hold them -------------------------------------------------

_text = st.text(max_size=12)
_ints = st.integers(-(10**6), 10**6)
_floats = st.floats(allow_nan=False, allow_infinity=False)
_dates = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0).isoformat()
)
_other = st.lists(_ints, max_size=2) | st.dictionaries(_text, _ints, max_size=2)


def _parts(hint: Any) -> tuple[Any, bool]:
    """(the type, whether null is allowed)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return inner, True
    return hint, False


def valid(hint: Any) -> st.SearchStrategy[Any]:
    kind, optional = _parts(hint)
    origin = typing.get_origin(kind)
    if origin is list:
        item = typing.get_args(kind)[0]
        strategy: st.SearchStrategy[Any] = st.lists(_text if item is str else _ints, max_size=3)
    elif origin is dict:
        item = typing.get_args(kind)[1]
        strategy = st.dictionaries(st.from_regex(r"[0-9]{1,2}", fullmatch=True), _text if item is str else _other, max_size=3)
    elif kind is str:
        strategy = _text
    elif kind is bool:
        strategy = st.booleans()
    elif kind is int:
        strategy = _ints
    elif kind is datetime:
        strategy = _dates
    elif isinstance(kind, type) and issubclass(kind, enum.Enum):
        strategy = st.sampled_from([member.value for member in kind])
    else:
        raise AssertionError(f"no strategy for {hint}")
    return strategy | st.none() if optional else strategy


def wrong(hint: Any) -> st.SearchStrategy[Any]:
    """Values of another type than ``hint`` allows (null too, unless it allows it)."""
    kind, optional = _parts(hint)
    origin = typing.get_origin(kind)
    null = st.nothing() if optional else st.none()
    if origin is list:
        item = typing.get_args(kind)[0]
        bad_items = st.lists(_ints if item is str else _text | st.booleans(), min_size=1, max_size=3)
        return null | _text | _ints | st.dictionaries(_text, _text, max_size=2) | bad_items
    if origin is dict:
        item = typing.get_args(kind)[1]
        others = _text | _ints | st.lists(_text, max_size=2) | null
        if item is str:
            others |= st.dictionaries(_text, _ints | st.booleans() | st.none(), min_size=1, max_size=2)
        return others
    if kind is str:
        return null | _ints | _floats | st.booleans() | _other
    if kind is int:
        return null | _text | _floats | st.booleans() | _other
    if kind is bool:
        return null | _ints | _text | _other
    # A date or an enum value is stored as text: any other type is wrong.
    return null | _ints | _floats | st.booleans() | _other


@st.composite
def a_record_with_one_wrong_field(draw: st.DrawFn) -> tuple[str, dict[str, Any], str]:
    table = draw(st.sampled_from(sorted(TABLES)))
    hints = typing.get_type_hints(TABLES[table])
    fields = sorted(name for name in hints if name != "id" and not name.startswith("_"))
    doc = {name: draw(valid(hints[name])) for name in fields}
    field = draw(st.sampled_from(fields))
    doc[field] = draw(wrong(hints[field]))
    return table, doc, field


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a_record_with_one_wrong_field(), st.integers(1, 40), st.integers(0, 3))
def test_a_field_of_the_wrong_type_refuses_the_file_naming_table_record_and_field(
    case: tuple[str, dict[str, Any], str], record_id: int, neighbours: int
) -> None:
    table, doc, field = case
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "interviews.json"
        document: dict[str, Any] = {"meta": META, "questions": dict(QUESTIONS)}
        # Among good records, so that the message must find the bad one.
        records = document.setdefault(table, {})
        if table == "contacts":
            records.update({str(record_id + n): {"name": f"Sam Sample {n}"} for n in range(1, neighbours + 1)})
        records[str(record_id)] = doc
        raw = write(path, document)
        before = files_beside(path)
        message = refusal(path)
        assert f'{table} record {record_id}, field "{field}"' in message
        assert str(path) in message and "left untouched" in message
        assert path.read_bytes() == raw
        assert files_beside(path) == before


def test_the_message_says_what_was_expected_and_what_was_found(db_path: Path) -> None:
    write(db_path, {"meta": META, "questions": QUESTIONS, "contacts": {"7": {"name": 5}}})
    assert f'{db_path}: contacts record 7, field "name": expected text, found a number (5); the file was left untouched. Fix that record.' == refusal(db_path)


@pytest.mark.parametrize(
    ("table", "doc", "says"),
    [
        ("contacts", {"name": "Alex Example", "company": ["Acme", "Initech"]}, 'field "company": expected text, found a list'),
        ("contacts", {"name": "Alex Example", "tags": [1, 2]}, 'field "tags": expected a list of text, found a list ([1, 2])'),
        ("contacts", {"name": "Alex Example", "notes": {}}, 'field "notes": expected text, found an object ({})'),
        ("contacts", {"name": "Alex Example", "stage": None}, 'field "stage": expected one of "identified"'),
        ("contacts", {"name": "Alex Example", "cadence_days": True}, 'field "cadence_days": expected a whole number or null, found true'),
        ("contacts", {"name": "Alex Example", "cadence_days": 30.0}, 'found a number (30.0)'),
        ("contacts", {"company": "Acme"}, 'field "name" is missing (it must hold text)'),
        ("touches", {"contact_id": "1", "kind": "met", "at": "2026-11-25T10:00:00"}, 'field "contact_id": expected a whole number, found text ("1")'),
        ("interviews", {"contact_id": 1, "when": "2026-11-25T10:00:00", "answers": {"1": 5}}, 'field "answers": expected an object whose values are text'),
        ("interviews", {"contact_id": 1, "when": "2026-11-25T10:00:00", "question_ids": ["1"]}, 'field "question_ids": expected a list of whole numbers'),
        ("followups", {"contact_id": 1, "due": "next week"}, 'field "due": expected a date and time'),
        ("questions", {"text": "Why?", "order": 1, "active": 1}, 'field "active": expected true or false, found a number (1)'),
    ],
)
def test_each_kind_of_wrong_value_is_named(db_path: Path, table: str, doc: dict[str, Any], says: str) -> None:
    write(db_path, {"meta": META, "questions": QUESTIONS, table: {**(QUESTIONS if table == "questions" else {}), "3": doc}})
    message = refusal(db_path)
    assert f"{table} record 3, " in message
    assert says in message


def test_with_a_backup_the_refusal_says_how_to_restore_it(db_path: Path) -> None:
    write(db_path, {"meta": META, "questions": QUESTIONS, "contacts": {"7": {"name": "Alex Example", "tags": "x"}}})
    db_path.with_name(db_path.name + ".bak").write_bytes(b"{}")
    message = refusal(db_path)
    assert "Fix that record, or restore the backup." in message
    assert "restore-backup" in message


def test_an_unusual_but_readable_file_still_opens(db_path: Path) -> None:
    """Unknown fields are for newer versions; a date without a time is ISO 8601 too; null is
    fine where a field may be empty."""
    write(
        db_path,
        {
            "meta": META,
            "questions": QUESTIONS,
            "contacts": {
                "1": {"name": "Alex Example", "colour": {"nested": [1, {"x": "{"}]}, "referred_by": None},
                "2": {"name": "Sam Sample {placeholder}", "created": "2026-11-25", "referred_by": 1},
            },
            "settings": {"1": {"ask_template": "Hi {first_name}, could you spare 20 minutes?"}},
        },
    )
    with Store.open(db_path) as store:
        assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample {placeholder}"]
        assert store.contact(2).created == datetime(2026, 11, 25)


# Ids given twice ------------------------------------------------------------------------------


MERGED = b"""{
  "contacts": {
    "1": {
      "name": "Alex Example"
    },
    "1": {
      "name": "Sam Sample"
    },
    "2": {
      "name": "Pat Placeholder"
    }
  },
  "meta": {
    "1": {
      "schema_version": 1
    }
  },
  "questions": {}
}
"""
"""What a merge that kept both sides of a change to contact 1 leaves."""


def test_two_records_under_one_id_are_refused_and_the_file_kept(db_path: Path) -> None:
    db_path.write_bytes(MERGED)
    message = refusal(db_path)
    assert "contacts has two records with id 1" in message
    assert "left untouched" in message
    assert db_path.read_bytes() == MERGED
    assert files_beside(db_path) == {db_path.name}


@pytest.mark.parametrize(
    "raw",
    [
        # Written compactly (by hand or another tool), in another order, with a brace in a note.
        b'{"meta":{"1":{"schema_version":1}},"contacts":{"1":{"name":"A"},"2":{"name":"B"},"1":{"name":"C"}}}',
        b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "A", "notes": "{x}"}, "1": {"name": "C"}}}',
        # The brace of a template written as an escape must not hide the second record.
        b'{"meta": {"1": {"schema_version": 1}}, "settings": {"1": {"ask_template": "Hi \\u007bname}"}},'
        b' "contacts": {"1": {"name": "A"}, "1": {"name": "C"}}}',
        b'{"meta": {"1": {"schema_version": 1}}, "interviews": {"4": {"contact_id": 1, "when": "2026-11-25T10:00:00",'
        b' "answers": {"1": "x"}}, "4": {"contact_id": 1, "when": "2026-11-25T10:00:00"}}}',
    ],
    ids=["compact", "brace in a note", "escaped brace", "interviews"],
)
def test_a_duplicate_is_found_however_the_file_is_written(db_path: Path, raw: bytes) -> None:
    db_path.write_bytes(raw)
    message = refusal(db_path)
    assert "has two records with id" in message
    assert db_path.read_bytes() == raw


def test_a_table_given_twice_is_refused(db_path: Path) -> None:
    raw = b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "A"}}, "contacts": {"2": {"name": "B"}}}'
    db_path.write_bytes(raw)
    assert "the table 'contacts' is given twice" in refusal(db_path)


def test_one_id_written_two_ways_is_refused(db_path: Path) -> None:
    write(db_path, {"meta": META, "questions": QUESTIONS, "contacts": {"7": {"name": "A"}, "07": {"name": "B"}}})
    assert 'contacts has two records with id 7 (written "07" and "7")' in refusal(db_path)


def test_a_damaged_backup_with_a_duplicate_is_not_restored(db_path: Path) -> None:
    backup = db_path.with_name(db_path.name + ".bak")
    backup.write_bytes(MERGED)
    with pytest.raises(WorkspaceUnreadable, match="two records with id 1"):
        read_document(backup)


# The quick count agrees with the exact look, on any document written any way -----------------

_strings = st.text(alphabet=st.sampled_from('ab{}"\\: \n\u00e9'), max_size=6)
_records = st.dictionaries(
    st.sampled_from(["name", "notes", "answers", "extra"]),
    _strings | _ints | st.dictionaries(_strings, _strings | st.dictionaries(_strings, _ints, max_size=2), max_size=2),
    max_size=3,
)


@st.composite
def raw_documents(draw: st.DrawFn) -> tuple[bytes, tuple[str, str] | None]:
    """A document's bytes, formatted one of several ways, and the (table, id) given twice in
    it, if any."""
    tables = draw(
        st.dictionaries(
            st.sampled_from(["contacts", "interviews", "settings", "trash", "other"]),
            st.lists(st.tuples(st.integers(1, 30).map(str), _records), max_size=5, unique_by=lambda p: p[0]),
            min_size=1,
            max_size=4,
        )
    )
    twice: tuple[str, str] | None = None
    candidates = [(name, key) for name, pairs in tables.items() for key, _ in pairs]
    if candidates and draw(st.booleans()):
        twice = draw(st.sampled_from(candidates))
        pairs = tables[twice[0]]
        position = draw(st.integers(0, len(pairs)))
        pairs.insert(position, (twice[1], draw(_records)))
    indent = draw(st.sampled_from([None, 0, 2, 4]))
    escape = draw(st.booleans())
    separators = (",", ":") if indent is None and draw(st.booleans()) else None

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=escape, separators=separators)

    body = ", ".join(
        f"{dump(name)}: {{" + ", ".join(f"{dump(key)}: {dump(doc)}" for key, doc in pairs) + "}"
        for name, pairs in tables.items()
    )
    raw = "{" + body + "}"
    if indent is not None:
        raw = raw.replace(", ", ",\n" + " " * indent)
    return raw.encode(), twice


@settings(max_examples=400)
@given(raw_documents())
def test_a_duplicate_is_found_exactly_when_there_is_one(case: tuple[bytes, tuple[str, str] | None]) -> None:
    raw, twice = case
    found = validate.find_duplicate(raw, parse(raw))
    if twice is None:
        assert found is None
    else:
        assert found is not None
        # The first one given twice; with one injected, that is the one.
        assert (found.table, found.record_id) == twice


def test_a_file_the_app_writes_is_checked_without_the_slow_look(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Templates with placeholders, answers and a trash entry are counted, so opening a large
    workspace does not read it a second time."""
    write(
        db_path,
        {
            "meta": META,
            "questions": QUESTIONS,
            "contacts": {str(i): {"name": f"Contact {i} Example", "stage": Stage.ASKED.value} for i in range(1, 50)},
            "interviews": {"1": {"contact_id": 1, "when": "2026-11-25T10:00:00", "answers": {"1": "a", "2": "b"}}},
            "settings": {"1": {"ask_template": "Hi {first_name}", "update_template": "{name}: {{"}},
            "trash": {
                "1": {
                    "name": "Pat Placeholder",
                    "deleted_at": "2026-11-25T10:00:00",
                    "records": {"contacts": {"60": {"name": "Pat {P}"}}, "touches": {}},
                }
            },
        },
    )

    def slow(raw: bytes) -> None:
        raise AssertionError("the exact look was needed")

    monkeypatch.setattr(validate, "_find_duplicate_exactly", slow)
    Store.open(db_path).close()


@pytest.mark.parametrize(
    ("table", "doc", "field"),
    [
        ("contacts", {"name": "Ann", "cadence_days": 3_000_000}, "cadence_days"),
        ("contacts", {"name": "Ann", "cadence_max_days": 99_999_999_999}, "cadence_max_days"),
        ("interviews", {"contact_id": 1, "when": "2026-11-25T10:00:00", "minutes": 0}, "minutes"),
        ("settings", {"nudge_days": -1}, "nudge_days"),
    ],
)
def test_a_number_out_of_its_bounds_is_refused_on_opening(tmp_path, table: str, doc: dict, field: str) -> None:
    """A number that passes as a whole number but would break the dates later (due, the app)."""
    import json

    from interview_tui.core.errors import WorkspaceUnreadable
    from interview_tui.core.store import Store

    path = tmp_path / "w.json"
    tables = {"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "Ann"}}}
    tables[table] = {"1": doc}
    path.write_text(json.dumps(tables))
    before = path.read_bytes()
    with pytest.raises(WorkspaceUnreadable) as caught:
        Store.open(path)
    assert f'{table} record 1, field "{field}": expected a number from' in str(caught.value)
    assert path.read_bytes() == before
