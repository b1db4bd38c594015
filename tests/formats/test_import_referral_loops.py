"""An import never links who introduced whom into a loop, which the contact form refuses: two
rows naming each other, or a row naming someone the contact introduced. The link is left out,
said in the contact's notes in words, and named in the report (found by a tester)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.formats import import_file


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _no_loop(store: Store) -> None:
    for contact in store.contacts():
        seen: set[int | None] = set()
        current: Contact | None = contact
        while current is not None:
            assert current.id not in seen, f"a loop through {current.name}"
            seen.add(current.id)
            current = store.referrer_of(current)


def test_two_rows_naming_each_other_link_the_first_only(store: Store, tmp_path: Path) -> None:
    source = _csv(tmp_path, "Name,Referred by\nAnn Loop,Ben Loop\nBen Loop,Ann Loop\n")
    dry = import_file(store, "csv", source, dry_run=True)
    assert "Would not link, as it would make a loop of referrals (said in their notes instead): line 3 (Ben Loop by Ann Loop)." in dry.message()
    result = import_file(store, "csv", source)
    assert "Not linked, as it would make a loop of referrals (said in their notes instead): line 3 (Ben Loop by Ann Loop)." in result.message()
    ann, ben = store.find_contact("Ann Loop"), store.find_contact("Ben Loop")
    assert ann.referred_by == ben.id and ben.referred_by is None
    assert "Referred by Ann Loop." in ben.notes
    _no_loop(store)


def test_a_row_naming_someone_the_contact_introduced_is_not_linked(store: Store, tmp_path: Path) -> None:
    root = store.add_contact(Contact(name="Root Example"))
    kid = store.add_contact(Contact(name="Kid Example", referred_by=root.id))
    store.add_contact(Contact(name="Grandkid Example", referred_by=kid.id))
    result = import_file(store, "csv", _csv(tmp_path, "Name,Referred by\nRoot Example,Grandkid Example\n"))
    assert "line 2 (Root Example by Grandkid Example)" in result.message()
    assert store.contact(root.id or 0).referred_by is None
    _no_loop(store)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    links=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=8),
    known=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=3),
)
def test_no_import_makes_a_loop(tmp_path: Path, links: list[tuple[int, int]], known: list[tuple[int, int]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        store = Store.open(Path(folder) / "w.json")
        ids: dict[int, int] = {}
        for who, by in known:  # people already there, linked without loops
            if who in ids or who == by:
                continue
            ids[who] = store.add_contact(Contact(name=f"Person {who} Example", referred_by=ids.get(by))).id or 0
        rows = "".join(f"Person {who} Example,Person {by} Example\n" for who, by in links if who != by)
        if rows:
            import_file(store, "csv", _csv(Path(folder), "Name,Referred by\n" + rows), another=False)
        _no_loop(store)
        store.close()
