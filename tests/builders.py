"""Builders the tests share: a stopped clock, a workspace opened at it, and the records most
tests start from (a few people, a person with a planned conversation).

Import them as ``from builders import ...``; ``tests/conftest.py`` turns the clock and the store
into the ``clock`` and ``store`` fixtures. Every name is a placeholder from the project's sample
names.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from interview_tui.core import workflow
from interview_tui.core.models import Contact, Interview
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00 (naive local time, as the app's clock gives it): the "now"
of the tests."""


class Clock:
    """A stopped clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move on by ``timedelta(**delta)`` (``days=2, hours=3``); the new now."""
        self.now += timedelta(**delta)
        return self.now


@contextmanager
def open_store(path: Path, clock: Clock | None = None) -> Iterator[Store]:
    """The workspace at ``path`` (created when missing) with the clock stopped, closed after."""
    opened = Store.open(path, clock=clock if clock is not None else Clock())
    try:
        yield opened
    finally:
        opened.close()


def add_contacts(store: Store, count: int, name: str = "Contact {:02d} Example", **fields: Any) -> list[Contact]:
    """``count`` people named from ``name`` by their number from 0, added in one save."""
    with store.batch():
        return [store.add_contact(Contact(name=name.format(number), **fields)) for number in range(count)]


def planned_conversation(
    store: Store, name: str = "Alex Example", when: str = "tomorrow 3pm", *, asked: bool = False, **fields: Any
) -> tuple[Contact, Interview]:
    """A new contact with a conversation scheduled ``when`` (as a person types it), through the
    method's own steps: their stage is scheduled. ``asked`` logs the ask first, as a person who
    follows the method would."""
    contact = store.add_contact(Contact(name=name, **fields))
    assert contact.id is not None
    if asked:
        workflow.log_ask(store, contact.id)
    return contact, workflow.schedule_interview(store, contact.id, when)
