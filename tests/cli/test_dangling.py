"""A workspace a merge left with links to a contact that is gone still opens, and every command
that follows such a link says "unknown contact" (or leaves the record out, where it belongs to
no one), and none of them rewrites the link."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from interview_tui.core.models import UNKNOWN_CONTACT

DANGLING = {
    "meta": {"1": {"schema_version": 1}},
    "questions": {"1": {"order": 0, "text": "Tell me about your career path."}},
    "contacts": {
        # Referred by contact 99, who is no longer in the file.
        "1": {"name": "Alex Example", "referred_by": 99, "relationship": "referral", "stage": "interviewed"},
        "2": {"name": "Sam Sample", "referred_by": 1, "stage": "thanked"},
    },
    "interviews": {
        "1": {"contact_id": 1, "when": "2026-11-20T10:00:00", "status": "done", "question_ids": [1, 999],
              "answers": {"1": "I studied design", "999": "an answer to a question since removed"}},
        "2": {"contact_id": 99, "when": "2026-11-21T10:00:00", "status": "done", "notes": "notes of a lost talk"},
        "3": {"contact_id": 98, "when": "2026-11-28T10:00:00"},
    },
    "followups": {
        "1": {"contact_id": 99, "due": "2026-11-20T10:00:00", "kind": "thank_you", "interview_id": 2},
        "2": {"contact_id": 1, "due": "2026-11-23T10:00:00", "kind": "referral", "interview_id": 777},
    },
    "touches": {
        # The latest touch of someone gone: the queue's cadence pass looks them up.
        "1": {"contact_id": 99, "kind": "met", "at": "2026-09-01T10:00:00"},
        "2": {"contact_id": 1, "kind": "met", "at": "2026-11-20T10:00:00"},
    },
}


@pytest.fixture
def dangling(db: Path) -> bytes:
    raw = json.dumps(DANGLING, indent=2).encode()
    db.write_bytes(raw)
    return raw


def test_due_shows_the_follow_up_of_a_contact_that_is_gone_as_unknown(
    run: Callable[..., object], db: Path, dangling: bytes
) -> None:
    result = run("--db", str(db), "due")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert any(UNKNOWN_CONTACT in line and "thank you" in line for line in lines)
    assert any("Alex Example" in line and "referral" in line for line in lines)
    assert db.read_bytes() == dangling


def test_due_as_json_names_the_unknown_contact(run: Callable[..., object], db: Path, dangling: bytes) -> None:
    result = run("--db", str(db), "due", "--json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    lost = [row for row in rows if row["contact_id"] == 99]
    assert lost and lost[0]["contact"].startswith(UNKNOWN_CONTACT)


def test_list_keeps_the_link_to_the_referrer_that_is_gone(run: Callable[..., object], db: Path, dangling: bytes) -> None:
    result = run("--db", str(db), "list", "--json")
    assert result.code == 0, result.err
    by_name = {c["name"]: c for c in json.loads(result.out)}
    assert by_name["Alex Example"]["referred_by"] == 99
    assert run("--db", str(db), "list").code == 0
    assert db.read_bytes() == dangling


@pytest.mark.parametrize("kind", ["vcard", "ics", "csv", "json", "markdown"])
def test_every_export_runs(run: Callable[..., object], db: Path, dangling: bytes, tmp_path: Path, kind: str) -> None:
    target = tmp_path / ("out" if kind == "markdown" else f"out.{kind}")
    result = run("--db", str(db), "export", kind, str(target))
    assert result.code == 0, result.err
    assert target.exists()
    assert db.read_bytes() == dangling


def test_the_markdown_page_says_the_referrer_is_unknown(
    run: Callable[..., object], db: Path, dangling: bytes, tmp_path: Path
) -> None:
    assert run("--db", str(db), "export", "markdown", str(tmp_path / "pages")).code == 0
    page = (tmp_path / "pages" / "alex-example.md").read_text()
    assert f"- **Referred by:** {UNKNOWN_CONTACT}" in page
    assert "Referred by:** [Alex Example]" in (tmp_path / "pages" / "sam-sample.md").read_text()


def test_the_json_backup_keeps_the_records_that_belong_to_no_one(
    run: Callable[..., object], db: Path, dangling: bytes, tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    assert run("--db", str(db), "export", "json", str(target)).code == 0
    backup = json.loads(target.read_text())
    assert backup["contacts"]["1"]["referred_by"] == 99
    assert set(backup["interviews"]) == {"1", "2", "3"}
    assert backup["touches"]["1"]["contact_id"] == 99
