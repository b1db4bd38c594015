"""A contact's keep-in-touch cadence goes out with the CSV and vCard exports and comes back in
with their import: a "Keep in touch" column in the words the app says it in, and an
X-INTERVIEW-TUI-CADENCE property. A cadence that cannot be read refuses the file, naming where."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.core.errors import InterviewTuiError
from interview_tui.core.models import Contact
from interview_tui.core.store import Store
from interview_tui.formats import export, import_file

from .conftest import by_name, details


def _people(store: Store) -> None:
    with store.batch():
        store.add_contact(Contact(name="Sam Example", cadence_days=42, cadence_max_days=90))
        store.add_contact(Contact(name="Alex Example", cadence_days=0))
        store.add_contact(Contact(name="Jordan Demo"))
        store.add_contact(Contact(name="Robin Sample", cadence_days=7))


def test_the_csv_export_says_it_in_a_keep_in_touch_column(store: Store, tmp_path: Path) -> None:
    _people(store)
    export(store, "csv", tmp_path / "out.csv")
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    column = header.index("Keep in touch")
    said = {line.split(",")[0]: line for line in lines[1:]}
    assert '"every 6 weeks, at most 90 days"' in said["Sam Example"]
    assert said["Alex Example"].split(",")[column] == "off"
    assert said["Jordan Demo"].split(",")[column] == ""
    assert said["Robin Sample"].split(",")[column] == "every week"


@pytest.mark.parametrize("kind", ["csv", "vcard"])
def test_export_then_import_keeps_each_cadence(store: Store, other_store: Store, tmp_path: Path, kind: str) -> None:
    _people(store)
    export(store, kind, tmp_path / "out")
    result = import_file(other_store, kind, tmp_path / "out")
    assert result.plan.added == 4
    assert sorted(map(details, other_store.contacts()), key=str) == sorted(map(details, store.contacts()), key=str)


def test_the_vcard_export_carries_it_as_an_x_property(store: Store, tmp_path: Path) -> None:
    _people(store)
    export(store, "vcard", tmp_path / "out.vcf")
    text = (tmp_path / "out.vcf").read_bytes().decode("utf-8")
    assert "X-INTERVIEW-TUI-CADENCE:every 6 weeks\\, at most 90 days\r\n" in text
    assert "X-INTERVIEW-TUI-CADENCE:off\r\n" in text
    assert text.count("X-INTERVIEW-TUI-CADENCE") == 3  # the default is said by leaving it out


def test_a_csv_cadence_is_read_as_the_keep_in_touch_box_reads_it(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Name,Keep in touch\nSam Example,\"every 6w, at most 3mo\"\nAlex Example,off\nJordan Demo,\n")
    import_file(store, "csv", source)
    people = by_name(store)
    assert (people["Sam Example"].cadence_days, people["Sam Example"].cadence_max_days) == (42, 90)
    assert people["Alex Example"].cadence_days == 0
    assert people["Jordan Demo"].cadence_days is None


@pytest.mark.parametrize(
    ("kind", "text", "where"),
    [
        ("csv", "Name,Keep in touch\nSam Example,6w\nAlex Example,now and then\n", "in line 3"),
        ("vcard", "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Example\nX-INTERVIEW-TUI-CADENCE:now and then\nEND:VCARD\n",
         "card 1 (line 1)"),
    ],
)  # fmt: skip
def test_an_unreadable_cadence_refuses_the_file(store: Store, tmp_path: Path, kind: str, text: str, where: str) -> None:
    source = tmp_path / "in"
    source.write_text(text)
    for dry_run in (True, False):
        with pytest.raises(InterviewTuiError) as refused:
            import_file(store, kind, source, dry_run=dry_run)
        message = str(refused.value)
        assert where.removeprefix("in ") in message
        assert "Could not read 'now and then' as a cadence." in message
        assert "'every 6 weeks, at most 3 months'" in message and "'off'" in message
        assert message.endswith("Nothing was imported.")
    assert store.contacts() == []


def test_a_cadence_the_contact_has_another_of_is_named(store: Store, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Sam Example", email="sam@example.org", cadence_days=14))
    store.add_contact(Contact(name="Alex Example", email="alex@example.org"))
    source = tmp_path / "in.csv"
    source.write_text("Name,Email,Keep in touch\nSam Example,sam@example.org,monthly\nAlex Example,alex@example.org,6w\n")
    result = import_file(store, "csv", source)
    assert [r.detail for r in result.plan.rows] == [
        "already there with nothing new; not taken: keep in touch 'monthly'",
        "adds keep in touch",
    ]
    people = by_name(store)
    assert (people["Sam Example"].cadence_days, people["Alex Example"].cadence_days) == (14, 42)
