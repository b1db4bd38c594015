"""Generate a benchmark workspace of n contacts (10,000 unless told), n/2 interviews with about
1 KB of notes each, and 2n follow-ups, written through the project's own Store in one batch (one
write of the file).

Everything is deterministic: a seeded random generator and a fixed clock, so two runs produce the
same file byte for byte. Every name is a placeholder ("Contact 00042 Example"). Each size is kept
in its own directory, benchmarks/.work/ws-<size>/ (ws-1k, ws-10k, ws-50k), and made again only
when this file or the size changes.

    python benchmarks/generate.py [--contacts 50000] [--out PATH] [--force]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from interview_tui.core.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    InterviewMode,
    InterviewStatus,
    Relationship,
    Stage,
)
from interview_tui.core.store import Store

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"

NOW = datetime(2026, 11, 25, 10, 0)
"""The fixed "now" of the generated workspace."""

SEED = 20261125
CONTACTS = 10_000
INTERVIEWS = 5_000
FOLLOWUPS = 20_000
NOTES_BYTES = 1_000



def label(contacts: int) -> str:
    """10000 -> "10k", 1500 -> "1500": how a size is named in paths and tables."""
    return f"{contacts // 1000}k" if contacts % 1000 == 0 and contacts >= 1000 else str(contacts)


def workspace_path(contacts: int = CONTACTS) -> Path:
    return WORK / f"ws-{label(contacts)}" / "interviews.json"


def counts(contacts: int = CONTACTS) -> dict[str, int]:
    """The records of a workspace of ``contacts``: the proportions of the 10,000-contact one."""
    return {"contacts": contacts, "interviews": contacts // 2, "followups": 2 * contacts}


DEFAULT_PATH = workspace_path(CONTACTS)


def _params(contacts: int) -> dict[str, int]:
    """Written next to the workspace; a mismatch (or a change of this file) regenerates it."""
    return {"seed": SEED, **counts(contacts), "notes_bytes": NOTES_BYTES, "version": 1}

ROLES = ["Engineer", "Analyst", "Designer", "Manager", "Researcher", "Consultant", "Teacher", "Nurse"]
FIELDS = ["Software", "Data", "Healthcare", "Education", "Finance", "Design", "Research", "Games"]
TAGS = ["alumni", "conference", "meetup", "referral", "remote", "priority", "local"]
WORDS = (
    "role team project first year advice portfolio study meeting product customer research "
    "interview skills course mentor hiring manager budget plan week data report design review "
    "question answer career path volunteer training network referral company culture growth "
    "lesson feedback schedule deadline tooling process support learning goal"
).split()


def _notes(rng: random.Random) -> str:
    """About NOTES_BYTES of plain placeholder text in short lines."""
    lines: list[str] = []
    size = 0
    while size < NOTES_BYTES:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))).capitalize() + "."
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def generate(path: Path = DEFAULT_PATH, contacts_wanted: int = CONTACTS) -> dict[str, float]:
    """Create the workspace at ``path`` (which must not exist); returns timings in seconds."""
    wanted = counts(contacts_wanted)
    rng = random.Random(SEED)
    path.parent.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    store = Store.open(path, clock=lambda: NOW, create_dirs=True)
    try:
        with store.batch():
            writes_before = store.storage.writes
            t = time.perf_counter()
            contacts: list[Contact] = []
            for number in range(1, wanted["contacts"] + 1):
                referrer = contacts[rng.randrange(len(contacts))].id if contacts and rng.random() < 0.1 else None
                contact = Contact(
                    name=f"Contact {number:05d} Example",
                    company=f"Company {rng.randrange(1, 800):03d}",
                    role=rng.choice(ROLES),
                    field=rng.choice(FIELDS),
                    email=f"contact{number:05d}@example.org",
                    phone=f"555-{number % 10000:04d}",
                    linkedin_url=f"https://www.linkedin.com/in/contact-{number:05d}-example",
                    address=f"{number} Placeholder Street, Exampletown",
                    relationship=rng.choice(list(Relationship)),
                    referred_by=referrer,
                    stage=rng.choice(list(Stage)),
                    tags=rng.sample(TAGS, rng.randint(0, 2)),
                    created=NOW - timedelta(days=rng.randint(0, 700)),
                )
                contacts.append(store.add_contact(contact))
            timings["contacts"] = time.perf_counter() - t

            t = time.perf_counter()
            for _ in range(wanted["interviews"]):
                contact = contacts[rng.randrange(len(contacts))]
                assert contact.id is not None
                when = NOW + timedelta(days=rng.randint(-400, 30), hours=rng.randint(8, 18) - 10)
                status = InterviewStatus.PLANNED if when > NOW else rng.choice(
                    [InterviewStatus.DONE, InterviewStatus.DONE, InterviewStatus.CANCELLED]
                )
                store.add_interview(Interview(
                    contact_id=contact.id,
                    when=when,
                    mode=rng.choice(list(InterviewMode)),
                    status=status,
                    notes=_notes(rng),
                    takeaways="Placeholder takeaway.",
                ))
            timings["interviews"] = time.perf_counter() - t

            t = time.perf_counter()
            for _ in range(wanted["followups"]):
                contact = contacts[rng.randrange(len(contacts))]
                assert contact.id is not None
                due = NOW + timedelta(days=rng.randint(-60, 120))
                done = due + timedelta(days=1) if due < NOW and rng.random() < 0.5 else None
                store.add_followup(FollowUp(
                    contact_id=contact.id,
                    due=due,
                    kind=rng.choice(list(FollowUpKind)),
                    note=f"Follow-up note {rng.randrange(100000):05d}",
                    done_at=done,
                    created=due - timedelta(days=7),
                ))
            timings["followups"] = time.perf_counter() - t
            t = time.perf_counter()
        timings["write"] = time.perf_counter() - t
        timings["file_writes"] = store.storage.writes - writes_before
    finally:
        store.close()
    timings["total"] = time.perf_counter() - started
    return timings


def _stamp(contacts: int) -> str:
    source = Path(__file__).read_bytes()
    return json.dumps({**_params(contacts), "source": hashlib.sha256(source).hexdigest()[:16]}, sort_keys=True)


def ensure(
    path: Path | None = None, *, contacts: int = CONTACTS, force: bool = False, quiet: bool = False
) -> Path:
    """The workspace of ``contacts`` at ``path`` (by default its own directory under .work/),
    generated unless an up-to-date one is already there."""
    path = workspace_path(contacts) if path is None else path
    stamp_file = path.with_name(path.name + ".params")
    if not force and path.exists() and stamp_file.exists() and stamp_file.read_text() == _stamp(contacts):
        return path
    for stale in (path, path.with_name(path.name + ".bak"), stamp_file, path.with_name(path.name + ".timings")):
        stale.unlink(missing_ok=True)
    if not quiet:
        print(f"generating {path} ...", file=sys.stderr, flush=True)
    timings = generate(path, contacts)
    stamp_file.write_text(_stamp(contacts))
    path.with_name(path.name + ".timings").write_text(json.dumps(timings))
    if not quiet:
        size = path.stat().st_size / 1e6
        parts = ", ".join(f"{k} {v:.1f}s" for k, v in timings.items() if k != "file_writes")
        print(
            f"generated {path} ({size:.1f} MB, {timings['file_writes']:.0f} file write(s)): {parts}",
            file=sys.stderr,
        )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=CONTACTS, metavar="N", help="contacts (default 10000)")
    parser.add_argument("--out", type=Path, default=None, help="default: benchmarks/.work/ws-<size>/interviews.json")
    parser.add_argument("--force", action="store_true", help="regenerate even if up to date")
    args = parser.parse_args(argv)
    print(ensure(args.out, contacts=args.contacts, force=args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
