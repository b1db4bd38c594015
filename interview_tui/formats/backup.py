"""A full backup as JSON, and restoring it.

The backup is the workspace document itself, every table with every record under its own id,
in the same stable encoding the workspace is saved in: ids are what links an interview or a
referral to its contact, so nothing is renumbered, and a backup is also a workspace file that
``--db backup.json`` opens as it is.

A backup is restored only into an empty workspace (no contacts, conversations, follow-ups or
touches, the question bank as first seeded, no settings): merging two campaigns record by
record could not keep every id, and replacing one that holds work would lose it. A restore
into a workspace with anything in it is refused, naming what is there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from ..core.errors import InvalidInput, WorkspaceUnreadable
from ..core.models import (
    Contact,
    FollowUp,
    Interview,
    Question,
    Record,
    Settings,
    Touch,
)
from ..core.questions import DEFAULT_QUESTIONS
from ..core.storage import encode
from ..core.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    WORKSPACE_ID,
    Store,
    derived_workspace_id,
    schema_version,
    stored_workspace_id,
)
from ..core.text import clean_tree

TABLES: dict[str, type[Record]] = {
    "contacts": Contact,
    "interviews": Interview,
    "questions": Question,
    "followups": FollowUp,
    "touches": Touch,
    "settings": Settings,
}
_WORK_TABLES = (("contacts", "contact"), ("interviews", "conversation"), ("followups", "follow-up"), ("touches", "touch"))


def backup_bytes(store: Store) -> bytes:
    # Cleaned like every export (see records.cleaned); a clean workspace is written byte for byte.
    return encode(clean_tree(dict(store.document())))


def counts(document: Mapping[str, Any]) -> dict[str, int]:
    return {table: len(document.get(table) or {}) for table in TABLES}


def describe(document: Mapping[str, Any]) -> str:
    """"12 contacts, 4 conversations, 7 follow-ups and 20 touches"."""
    numbers = counts(document)
    parts = [_plural(numbers[table], word) for table, word in _WORK_TABLES]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _plural(number: int, word: str) -> str:
    return f"{number:,} {word}" + ("" if number == 1 else "es" if word.endswith("ch") else "s")


def read_backup(raw: bytes) -> dict[str, Any]:
    """The workspace document a backup holds, upgraded to this version's schema.

    Raises InvalidInput saying what is wrong: not JSON, not a workspace, a newer schema, a
    record this version cannot read.
    """
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"it is not valid JSON ({exc}).") from None
    if not isinstance(document, dict) or not isinstance(document.get("meta"), dict):
        raise InvalidInput("it is JSON but not an interview-tui backup (no meta table with a schema version).")
    for table, records in document.items():
        if not isinstance(records, dict):
            raise InvalidInput(f"its {str(table)[:40]!r} table is not a table of records.")
        for key, record in records.items():
            if not (key.isascii() and key.isdigit()) or not isinstance(record, dict):
                raise InvalidInput(f"its {str(table)[:40]} table has a record {str(key)[:20]!r} that is not a record.")
    # A backup may have been edited, or made by someone else: its text is cleaned as an import's.
    cleaned: dict[str, Any] = clean_tree(document)  # a dict of tables stays one
    document = cleaned
    version = schema_version(document)
    if version > SCHEMA_VERSION:
        raise InvalidInput(
            f"it was written by a newer interview-tui (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Upgrade interview-tui to restore it."
        )
    if version < 1:
        raise InvalidInput(f"it says it is schema {version}, which no interview-tui ever wrote.")
    # The backup's workspace identifier comes back with it: the restored workspace is the same
    # campaign, and its calendar events must keep their UIDs.
    identifier = stored_workspace_id(document)
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](document)
        version += 1
    document["meta"] = {"1": {"schema_version": SCHEMA_VERSION, WORKSPACE_ID: identifier or derived_workspace_id(document)}}
    for table, model in TABLES.items():
        reader = model.doc_reader()
        for key, record in (document.get(table) or {}).items():
            try:
                reader(record, int(key))
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                raise InvalidInput(f"{table} record {key} cannot be read ({exc}).") from None
    _opens(raw)
    return document


def _opens(raw: bytes) -> None:
    """Refuse what opening the backup as a workspace would refuse (an id or a table given twice,
    a field of the wrong type, a date with a time zone, a number out of bounds, a damaged trash
    entry), saying it of the backup: restored, it would be a workspace that does not open."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "backup.json"
        path.write_bytes(raw)
        try:
            Store.open(path).close()
        except WorkspaceUnreadable as exc:
            said = str(exc).replace(f"{path}: ", "").replace(str(path), "it")
            raise InvalidInput(said.split("; the file was left untouched")[0].split(", and only the last")[0] + ".") from None
        except OSError as exc:
            raise InvalidInput(f"it could not be checked ({exc.strerror}).") from None


@dataclass(frozen=True)
class Occupied:
    """Why a workspace is not empty, for the refusal."""

    what: str


def occupied(store: Store) -> Occupied | None:
    document = store.document()
    held = [_plural(len(document.get(table) or {}), word) for table, word in _WORK_TABLES if document.get(table)]
    if held:
        return Occupied(", ".join(held))
    questions = sorted((q.order, q.text, q.active) for q in store.questions(include_retired=True))
    if [(text, active) for _, text, active in questions] != [(text, True) for text in DEFAULT_QUESTIONS]:
        return Occupied("a question bank of its own")
    if document.get("settings"):
        return Occupied("settings of its own")
    return None


def restore(store: Store, document: dict[str, Any]) -> Store:
    """Replace the (empty) workspace with ``document`` in one write; returns the store that
    reads it. The store passed in must not be used afterwards: its typed copies of the tables
    are those of the empty workspace."""
    held = occupied(store)
    if held is not None:
        raise InvalidInput(f"the workspace already has {held.what}.")
    return store.replaced(document)
