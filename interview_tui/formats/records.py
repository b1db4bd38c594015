"""Every record of a table at once, for exports.

The store answers per contact (``interviews(contact_id)``, ``touches(contact_id)``), each answer
a scan of the whole table: exporting 10,000 contacts that way would scan it 10,000 times. So
exports read the tables in one pass from the workspace document, which the store keeps in memory
and has already checked when it opened the file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TypeVar

from ..core.models import Interview, Record, Touch
from ..core.store import Store
from ..core.text import clean_tree, strip_controls

R = TypeVar("R", bound=Record)


def all_records(store: Store, table: str, model: type[R]) -> list[R]:
    docs = store.document().get(table, {})
    reader = model.doc_reader()
    return [reader(doc, int(key)) for key, doc in docs.items()]


def interviews_by_contact(store: Store) -> dict[int, list[Interview]]:
    """Each contact's interviews, oldest first."""
    grouped: dict[int, list[Interview]] = defaultdict(list)
    for interview in sorted(all_records(store, "interviews", Interview), key=lambda i: (i.when, i.id or 0)):
        grouped[interview.contact_id].append(interview)
    return grouped


def touches_by_contact(store: Store) -> dict[int, list[Touch]]:
    grouped: dict[int, list[Touch]] = defaultdict(list)
    for touch in sorted(all_records(store, "touches", Touch), key=lambda t: (t.at, t.id or 0)):
        grouped[touch.contact_id].append(touch)
    return grouped


def cleaned(record: R) -> R:
    """``record`` as every export writes it: its text without control characters or escape
    sequences (see core.text.clean_tree). The store keeps them out of what is typed and imported;
    a workspace edited by hand or written by an older version may still hold some, and an export
    is read by other programs and printed by ``cat``."""
    doc = record.to_doc(complete=True)
    clean = clean_tree(doc)
    return record if clean == doc else type(record).from_doc(clean, record.id)


def cleaned_all(records: Iterable[R]) -> list[R]:
    return [cleaned(record) for record in records]


def cleaned_names(names: Mapping[int, str]) -> dict[int, str]:
    return {key: strip_controls(name) for key, name in names.items()}
