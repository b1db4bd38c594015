"""Fixtures for the import and export tests: a throwaway workspace, a stopped clock, the sample
files under fixtures/ (written for these tests the way phones, mail clients and LinkedIn write
them; every name in them is a placeholder)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from interview_tui.core.models import Contact
from interview_tui.core.store import Store

NOW = datetime(2026, 11, 25, 10, 0)
"""Wednesday 25 November 2026, 10:00."""

FIXTURES = Path(__file__).parent / "fixtures"


def clock() -> datetime:
    return NOW


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path / "w.json"


@pytest.fixture
def store(workspace: Path) -> Iterator[Store]:
    opened = Store.open(workspace, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def other_store(tmp_path: Path) -> Iterator[Store]:
    """A second, empty workspace: where an export is imported back."""
    opened = Store.open(tmp_path / "other.json", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def fixture() -> Callable[[str], Path]:
    return lambda name: FIXTURES / name


def by_name(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts()}


CONTACT_FIELDS = ("name", "company", "role", "field", "email", "phone", "linkedin_url", "address",
                  "relationship", "stage", "tags", "notes", "cadence_days", "cadence_max_days")  # fmt: skip


def details(contact: Contact) -> dict[str, object]:
    """What a user typed about a contact: everything but ids and timestamps."""
    return {name: getattr(contact, name) for name in CONTACT_FIELDS}

