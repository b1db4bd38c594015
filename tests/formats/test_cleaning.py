"""Text from files is cleaned the same way everywhere: whatever terminal escape sequences,
control characters and bidirectional overrides a file carries in any field, through any
importer, none of them reaches the workspace or any export (where ``cat notes/index.md`` would
set the terminal's title or clipboard), and every word around them survives."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Interview, Touch, TouchKind
from interview_tui.core.store import Store
from interview_tui.formats import export, import_file

from .conftest import NOW, clock

EXAMPLES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# What a terminal acts on: C0 controls but the layout ones (tab, line feed, carriage return, which
# CSV, vCard and iCalendar use for their own lines), DEL, C1 controls, bidi embeddings, overrides
# and isolates.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

SEQUENCES = [
    "\x1b[31m",  # colour
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]0;owned\x07",  # the window title
    "\x1b]52;c;aGVsbG8=\x07",  # the clipboard (OSC 52)
    "\x1b]8;;https://example.org\x1b\\",  # a hidden link
    "\x1bP+q544e\x1b\\",  # a device control string
    "\x1b7",  # two-byte escape
    "\x9b1m",  # 8-bit CSI
]
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
C0 = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\x1b")  # a lone ESC starts a sequence
C1 = "".join(chr(c) for c in range(0x7F, 0xA0))

noise = st.one_of(st.sampled_from(SEQUENCES), st.sampled_from(BIDI + C0 + C1))
# Words a person types: letters of several scripts and digits, made unlikely to occur in any
# export's own text by their capitalised start.
words = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from("QXZЖ"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüßжλ0123456789", min_size=3, max_size=7),
)


@st.composite
def noisy(draw: st.DrawFn, max_words: int = 4) -> tuple[str, list[str]]:
    """Text with control characters and escape sequences anywhere between its words, and the words."""
    chosen = draw(st.lists(words, min_size=1, max_size=max_words))
    parts: list[str] = []
    for word in chosen:
        parts.extend(draw(st.lists(noise, max_size=2)))
        parts.append(word)
        parts.append(" ")
    parts.extend(draw(st.lists(noise, max_size=2)))
    return "".join(parts), chosen


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)


def _unfolded(text: str) -> str:
    """vCard and iCalendar lines folded at 75 octets, joined again."""
    return re.sub(r"\r?\n[ \t]", "", text)


def _exports(store: Store, into: Path) -> dict[str, str]:
    into.mkdir()
    texts: dict[str, str] = {}
    for kind, name in (("vcard", "c.vcf"), ("csv", "c.csv"), ("ics", "c.ics"), ("json", "b.json")):
        export(store, kind, into / name)
        texts[kind] = (into / name).read_text("utf-8")
    export(store, "markdown", into / "md")
    texts["markdown"] = "\n".join(p.read_text("utf-8") for p in sorted((into / "md").iterdir()))
    return texts


def _check(store: Store, tmp: Path, survivors: dict[str, list[str]]) -> None:
    """No forbidden character in the workspace or any export; each export kind named in
    ``survivors`` holds every one of its words."""
    document = orjson.loads(store.path.read_bytes())
    for string in _strings(document):
        assert not FORBIDDEN.search(string), string
    stored = "\n".join(_strings(document))
    for word in survivors.get("workspace", []):
        assert word in stored
    texts = _exports(store, tmp)
    for kind, text in texts.items():
        assert not FORBIDDEN.search(text), (kind, FORBIDDEN.search(text))
        assert "\x1b" not in text and "\\u001b" not in text.lower() and "\\e[" not in text
        if kind == "json":
            for string in _strings(json.loads(text)):
                assert not FORBIDDEN.search(string)
        readable = _unfolded(text)
        for word in survivors.get(kind, []):
            assert word in readable, (kind, word)


def _fresh(tmp_path: Path, example: int) -> tuple[Store, Path]:
    root = tmp_path / f"example-{example}"
    root.mkdir()
    return Store.open(root / "w.json", clock=clock), root


_counter = iter(range(10**9))

CONTACT_EXPORTS = ("workspace", "vcard", "csv", "markdown", "json")


def _everywhere(found: list[str], kinds: tuple[str, ...] = CONTACT_EXPORTS) -> dict[str, list[str]]:
    return {kind: found for kind in kinds}


# CSV ------------------------------------------------------------------------------------------

CSV_TEXT_COLUMNS = ("Name", "Company", "Role", "Field", "Phone", "Address", "Notes", "Tags")


@EXAMPLES
@given(
    values=st.fixed_dictionaries({column: noisy() for column in CSV_TEXT_COLUMNS}),
    email_noise=st.tuples(noise, noise),
)
def test_csv_import_cleans_every_field(tmp_path: Path, values: dict[str, tuple[str, list[str]]], email_noise: tuple[str, str]) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([*CSV_TEXT_COLUMNS, "Email"])
    # NUL makes a file that is not text: refused as a whole, rightly, rather than cleaned.
    row = [values[column][0].replace("\x00", "") for column in CSV_TEXT_COLUMNS]
    writer.writerow([*row, f"{email_noise[0]}qx@example.org{email_noise[1]}".replace("\x00", "")])
    store, root = _fresh(tmp_path, next(_counter))
    with store:
        (root / "in.csv").write_text(out.getvalue(), "utf-8")
        import_file(store, "csv", root / "in.csv")
        [contact] = store.contacts()
        assert "qx@example.org" in contact.email  # an 8-bit CSI loses its control; "1m" is left as text
        typed = [word for column in CSV_TEXT_COLUMNS for word in values[column][1]]
        _check(store, root / "out", _everywhere(typed))


# LinkedIn -------------------------------------------------------------------------------------

LINKEDIN_TEXT = ("First Name", "Last Name", "Company", "Position", "Connected On")


@EXAMPLES
@given(values=st.fixed_dictionaries({column: noisy(2) for column in LINKEDIN_TEXT}), url=noisy(1))
def test_linkedin_import_cleans_every_field(
    tmp_path: Path, values: dict[str, tuple[str, list[str]]], url: tuple[str, list[str]]
) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    out.write("Notes:\n\"When exporting your connection data, you may notice ...\"\n\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    cell = {column: values[column][0].replace("\x00", "") for column in LINKEDIN_TEXT}
    writer.writerow([cell["First Name"], cell["Last Name"], "https://www.linkedin.com/in/" + url[0].replace("\x00", ""), "",
                     cell["Company"], cell["Position"], cell["Connected On"]])  # fmt: skip
    store, root = _fresh(tmp_path, next(_counter))
    with store:
        (root / "Connections.csv").write_text(out.getvalue(), "utf-8")
        import_file(store, "linkedin", root / "Connections.csv")
        typed = [word for column in LINKEDIN_TEXT for word in values[column][1]] + url[1]
        _check(store, root / "out", _everywhere(typed))


# vCard ----------------------------------------------------------------------------------------

VCARD_PROPERTIES = ("FN", "ORG", "TITLE", "NOTE", "TEL", "CATEGORIES", "X-INTERVIEW-TUI-FIELD")


def _vcard_escape(value: str) -> str:
    # As a vCard writer escapes text: backslash, comma, semicolon and line breaks.
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


@EXAMPLES
@given(values=st.fixed_dictionaries({name: noisy() for name in VCARD_PROPERTIES}), street=noisy())
def test_vcard_import_cleans_every_field(
    tmp_path: Path, values: dict[str, tuple[str, list[str]]], street: tuple[str, list[str]]
) -> None:
    lines = ["BEGIN:VCARD", "VERSION:3.0"]
    lines += [f"{name}:{_vcard_escape(values[name][0])}" for name in VCARD_PROPERTIES]
    lines.append(f"ADR;TYPE=home:;;{_vcard_escape(street[0])};;;;")
    lines.append("END:VCARD")
    store, root = _fresh(tmp_path, next(_counter))
    with store:
        (root / "in.vcf").write_text("\r\n".join(lines) + "\r\n", "utf-8")
        import_file(store, "vcard", root / "in.vcf")
        typed = [word for name in VCARD_PROPERTIES for word in values[name][1]] + street[1]
        _check(store, root / "out", _everywhere(typed))


# JSON backup ----------------------------------------------------------------------------------


def _backup_with_everything(root: Path) -> dict[str, Any]:
    """A real backup with one record of each kind: a contact, a planned conversation with an
    answer, an open follow-up, a touch."""
    with Store.open(root / "source.json", clock=clock) as source:
        contact = source.add_contact(Contact(name="Alex Example", company="Northwind Labs", role="Researcher"))
        assert contact.id is not None
        question = source.questions()[0]
        source.add_interview(
            Interview(contact_id=contact.id, when=NOW + timedelta(days=2), question_ids=[question.id],
                      answers={str(question.id): "An answer"}, notes="Notes", takeaways="Takeaways", where="Cafe")
        )  # fmt: skip
        source.add_followup(FollowUp(contact_id=contact.id, due=NOW + timedelta(days=1), kind=FollowUpKind.CUSTOM, note="Call"))
        source.add_touch(Touch(contact_id=contact.id, kind=TouchKind.ASKED, at=NOW, note="Asked"))
        export(source, "json", root / "clean.json")
    return orjson.loads((root / "clean.json").read_bytes())


# (table, field) -> the exports, besides the workspace and the JSON backup, that show it.
BACKUP_FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("contacts", "name"): ("vcard", "csv", "markdown", "ics"),
    ("contacts", "company"): ("vcard", "csv", "markdown", "ics"),
    ("contacts", "role"): ("vcard", "csv", "markdown", "ics"),
    ("contacts", "field"): ("vcard", "csv", "markdown"),
    ("contacts", "phone"): ("vcard", "csv", "markdown", "ics"),
    ("contacts", "address"): ("vcard", "csv", "markdown"),
    ("contacts", "notes"): ("vcard", "csv", "markdown"),
    ("interviews", "where"): ("markdown", "ics"),
    ("interviews", "notes"): ("markdown",),
    ("interviews", "takeaways"): ("markdown",),
    ("interviews", "answers"): ("markdown",),
    ("followups", "note"): ("markdown", "ics"),
    ("touches", "note"): ("markdown",),
    ("questions", "text"): ("markdown",),
}


@EXAMPLES
@given(values=st.fixed_dictionaries({key: noisy() for key in BACKUP_FIELDS}), tag=noisy(1))
def test_json_backup_import_cleans_every_field(
    tmp_path: Path, values: dict[tuple[str, str], tuple[str, list[str]]], tag: tuple[str, list[str]]
) -> None:
    root = tmp_path / f"example-{next(_counter)}"
    root.mkdir()
    document = _backup_with_everything(root)
    question_id = next(iter(document["questions"]))
    for (table, field), (value, _) in values.items():
        record = document[table]["1"] if table != "questions" else document["questions"][question_id]
        if field == "answers":
            record["answers"] = {question_id: value}
        else:
            record[field] = value
    document["contacts"]["1"]["tags"] = [tag[0]]
    (root / "backup.json").write_bytes(orjson.dumps(document))
    survivors: dict[str, list[str]] = {"workspace": [], "json": []}
    for (_, _), (_, found) in values.items():
        survivors["workspace"] += found
        survivors["json"] += found
    for key, kinds in BACKUP_FIELDS.items():
        for kind in kinds:
            survivors.setdefault(kind, []).extend(values[key][1])
    for kind in ("workspace", "json", "vcard", "csv", "markdown"):
        survivors[kind] = survivors.get(kind, []) + tag[1]

    with Store.open(root / "w.json", clock=clock) as empty:
        result = import_file(empty, "json", root / "backup.json")
        assert result.store is not None
        _check(result.store, root / "out", survivors)


def test_a_clean_backup_restores_byte_for_byte(tmp_path: Path) -> None:
    _backup_with_everything(tmp_path)
    with Store.open(tmp_path / "w.json", clock=clock) as empty:
        restored = import_file(empty, "json", tmp_path / "clean.json").store
        assert restored is not None
        export(restored, "json", tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "clean.json").read_bytes()


# Exports of a workspace that holds controls already (edited by hand, or by an older version) ------


def test_exports_clean_what_the_workspace_holds(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.json", clock=clock) as store:
        contact = store.add_contact(Contact(name="Alex Example", company="Northwind"))
        assert contact.id is not None
        store.add_followup(FollowUp(contact_id=contact.id, due=NOW + timedelta(days=1), note="Call"))
        store.add_interview(Interview(contact_id=contact.id, when=NOW + timedelta(days=3), where="Cafe"))
    # As a text editor would leave it: JSON escapes for an OSC 52 clipboard write and a bidi override.
    raw = (tmp_path / "w.json").read_text()
    raw = raw.replace('"Northwind"', '"North\\u001b]52;c;aGk=\\u0007wind\\u202e"')
    raw = raw.replace('"Call"', '"Ca\\u001b[2Jll\\u009b"').replace('"Cafe"', '"Ca\\u001b]0;t\\u0007fe"')
    (tmp_path / "w.json").write_text(raw)
    with Store.open(tmp_path / "w.json", clock=clock) as store:
        texts = _exports(store, tmp_path / "out")
    for kind, text in texts.items():
        assert not FORBIDDEN.search(text), kind
        assert "\\u001b" not in text.lower() and "\\u202e" not in text.lower(), kind
    for kind in ("vcard", "csv", "markdown", "json"):
        assert "Northwind" in _unfolded(texts[kind]), kind
    assert "Call" in texts["ics"] and "Cafe" in texts["ics"] and "Northwind" in texts["ics"]


def test_emoji_joiners_are_kept(tmp_path: Path) -> None:
    # The zero-width joiner makes one emoji of a sequence: it is text, not a control.
    name = "Sam Sample \U0001f469\u200d\U0001f4bb"
    out = io.StringIO(newline="")
    csv.writer(out).writerows([["Name"], [name]])
    (tmp_path / "in.csv").write_text(out.getvalue(), "utf-8")
    with Store.open(tmp_path / "w.json", clock=clock) as store:
        import_file(store, "csv", tmp_path / "in.csv")
        assert [c.name for c in store.contacts()] == [name]
        export(store, "csv", tmp_path / "out.csv")
    assert name in (tmp_path / "out.csv").read_text("utf-8")
