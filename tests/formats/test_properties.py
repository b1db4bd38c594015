"""Property tests: any text a contact can hold survives export and import, and no file, however
broken, makes an import fail with anything but a one-line refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core import text
from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.keep_in_touch import MAX_CADENCE_DAYS
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.store import Store
from interview_tui.formats import import_file
from interview_tui.formats.csv_contacts import read_csv, write_csv
from interview_tui.formats.importing import plan_import
from interview_tui.formats.linkedin import read_linkedin
from interview_tui.formats.vcard import read_vcards, write_vcards

from .conftest import clock, details

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One empty workspace for every example: plans and dry runs never change it."""
    store = Store.open(tmp_path_factory.mktemp("props") / "w.json", clock=clock)
    yield store
    store.close()


def _line(raw: str) -> str:
    return text.clean_line(raw, field="x", limit=10**6)


lines = st.text(max_size=40).map(_line)
names = st.text(min_size=1, max_size=40).map(_line).filter(text.has_visible_text)
emails = st.one_of(st.just(""), st.from_regex(r"[a-z0-9._+\-]{1,12}@[a-z0-9\-]{1,8}\.[a-z]{2,4}", fullmatch=True))
# Tags as the app holds them: one word (a tag of several is joined by hyphens), no colon.
tag = (
    st.text(st.characters(exclude_characters=",;#:", codec="utf-8"), max_size=12)
    .map(lambda t: "-".join(_line(t).split()))
    .filter(bool)
)
notes = st.text(max_size=120).map(text.clean_notes).map(lambda n: n if n.strip() else "")
addresses = st.text(max_size=80).map(lambda a: text.clean_notes(a).strip())


def _unique_tags(tags: list[str]) -> list[str]:
    seen: set[str] = set()
    return [t for t in tags if not (t.casefold() in seen or seen.add(t.casefold()))]


# As the Keep in touch box stores it: the relationship's default, off, or every so many days with
# or without a maximum (never shorter than the ideal).
cadences = st.one_of(
    st.just((None, None)),
    st.just((0, None)),
    st.integers(1, MAX_CADENCE_DAYS).flatmap(
        lambda ideal: st.tuples(st.just(ideal), st.one_of(st.none(), st.integers(ideal, MAX_CADENCE_DAYS)))
    ),
)


def _with_cadence(contact: Contact, cadence: tuple[int | None, int | None]) -> Contact:
    contact.cadence_days, contact.cadence_max_days = cadence
    return contact


contacts = st.builds(
    _with_cadence,
    st.builds(
        Contact,
        name=names,
        company=lines,
        role=lines,
        field=lines,
        email=emails,
        phone=lines.filter(lambda p: not p.casefold().startswith("tel:")),
        linkedin_url=lines,
        address=addresses,
        relationship=st.sampled_from(Relationship),
        stage=st.sampled_from(Stage),
        tags=st.lists(tag, max_size=3).map(_unique_tags),
        notes=notes,
    ),
    cadences,
)


@EXAMPLES
@given(contact=contacts)
def test_any_contact_survives_csv(empty: Store, contact: Contact) -> None:
    items, ignored = read_csv(write_csv([contact], {}))
    assert ignored == []
    (back,) = plan_import(empty, items, source="x").new_contacts
    assert details(back) == details(contact)


@EXAMPLES
@given(contact=contacts)
def test_any_contact_survives_vcard(empty: Store, contact: Contact) -> None:
    items = read_vcards(write_vcards([contact], {}))
    (back,) = plan_import(empty, items, source="x").new_contacts
    assert details(back) == details(contact)


def _never_crashes(store: Store, path: Path, kind: str, data: bytes) -> None:
    path.write_bytes(data)
    try:
        import_file(store, kind, path, dry_run=True)
    except InterviewTuiError as exc:
        message = str(exc)
        assert message.endswith((".", ")")), message


vcard_lines = st.lists(
    st.one_of(
        st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:3.0", "FN:Alex Example", " folded", "N:;;;;",
                         "EMAIL;TYPE=pref:a@example.org", "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "=C3=A9",
                         "ADR;LABEL=\"x\":;;1 Main;", "TEL;VALUE=uri:tel:+1", "ORG:A\\;B;C", "CATEGORIES:a\\,b,c", ""]),
        st.text(max_size=30),
    ),
    max_size=14,
)  # fmt: skip
csv_text = st.lists(
    st.one_of(st.sampled_from(["Name,Email,Company", "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
                               'a,"b', '"x""y",z', "Alex Example,a@example.org,", ",,,", "Notes:"]),
              st.text(max_size=30)),
    max_size=10,
)  # fmt: skip


@EXAMPLES
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_are_refused_or_read_never_crash(empty: Store, tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.getbasetemp() / "arbitrary.bin"
    for kind in ("vcard", "linkedin", "csv", "json"):
        _never_crashes(empty, path, kind, data)


@EXAMPLES
@given(lines=vcard_lines)
def test_vcard_shaped_text_never_crashes(empty: Store, tmp_path_factory, lines: list[str]) -> None:
    body = "\r\n".join(["BEGIN:VCARD", *lines, "END:VCARD"])
    _never_crashes(empty, tmp_path_factory.getbasetemp() / "shaped.vcf", "vcard", body.encode("utf-8", "surrogatepass"))


@EXAMPLES
@given(lines=csv_text)
def test_csv_shaped_text_never_crashes(empty: Store, tmp_path_factory, lines: list[str]) -> None:
    body = "\n".join(lines).encode("utf-8", "surrogatepass")
    for kind in ("csv", "linkedin"):
        _never_crashes(empty, tmp_path_factory.getbasetemp() / "shaped.csv", kind, body)


@EXAMPLES
@given(raw=st.text(max_size=200))
def test_readers_on_any_text_raise_only_refusals(raw: str) -> None:
    for reader in (read_vcards, read_linkedin, lambda t: read_csv(t)[0]):
        try:
            reader(raw)
        except InterviewTuiError:
            pass
