"""A date refused for its time zone is quoted as the file spells it ("Z" where the file says Z),
so that a person searching the file for what the message quotes finds it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.models import Contact, out_of_bounds
from interview_tui.core.validate import quoted_as_written

CREATED = "2026-12-06T20:27:41"


def workspace(tmp_path: Path, created: str, record_id: str = "1") -> Path:
    path = tmp_path / "ws.json"
    path.write_text(
        f'{{"contacts": {{"{record_id}": {{"name": "Alex Example",\n "created": "{created}"}}}},\n'
        ' "meta": {"1": {"schema_version": 1}}}',
        encoding="utf-8",
    )
    return path


def refusal(created: str) -> str:
    """What opening says of a contact created at ``created``, in the words it uses."""
    moment = datetime.fromisoformat(created.replace("z", "Z"))
    problem = out_of_bounds({1: Contact(name="Alex Example", id=1, created=moment, updated=moment)}, Contact)
    assert problem is not None
    return problem[1]


def test_a_date_written_with_z_is_quoted_with_z(tmp_path: Path) -> None:
    words = refusal(CREATED + "Z")
    assert "+00:00" in words  # what it said before: nowhere in the file
    quoted = quoted_as_written(words, workspace(tmp_path, CREATED + "Z"), "contacts", 1)
    assert quoted == f'field "created": expected a local date and time (with no time zone), found {CREATED}Z'


@given(
    zone=st.sampled_from(["Z", "z", "+00:00", "-00:00", "+02:00", "-05:30", ".5Z", ".250+01:00"]),
    record_id=st.sampled_from(["1", "01"]),
)
def test_the_quote_is_the_text_of_the_file(tmp_path_factory, zone: str, record_id: str) -> None:
    """Whatever the spelling of the zone (and of the record's id), the message quotes it exactly."""
    tmp_path = tmp_path_factory.mktemp("ws")
    created = CREATED + zone
    quoted = quoted_as_written(refusal(created), workspace(tmp_path, created, record_id), "contacts", 1)
    assert quoted.endswith(f"found {created}")
    assert (tmp_path / "ws.json").read_text(encoding="utf-8").count(quoted.rsplit(" ", 1)[1]) == 1


def test_a_value_of_another_moment_is_never_quoted(tmp_path: Path) -> None:
    """The file changed since it was read (or the field is elsewhere): the words stay as they were."""
    words = refusal(CREATED + "Z")
    assert quoted_as_written(words, workspace(tmp_path, "2026-12-07T08:00:00Z"), "contacts", 1) == words
    assert quoted_as_written(words, workspace(tmp_path, CREATED + "Z"), "contacts", 2) == words
    assert quoted_as_written(words, tmp_path / "gone.json", "contacts", 1) == words
    assert quoted_as_written("its id is beyond 1", workspace(tmp_path, CREATED + "Z"), "contacts", 1) == "its id is beyond 1"


def test_the_zone_is_kept_as_written_for_any_offset(tmp_path: Path) -> None:
    for offset in (timedelta(0), timedelta(hours=14), -timedelta(hours=12, minutes=45)):
        moment = datetime(2026, 12, 6, 20, 27, 41, tzinfo=timezone(offset) if offset else UTC)
        written = moment.isoformat().replace("+00:00", "Z")
        quoted = quoted_as_written(refusal(moment.isoformat()), workspace(tmp_path, written), "contacts", 1)
        assert quoted.endswith(f"found {written}")


def test_opening_a_file_with_a_zoned_date_quotes_it_as_the_file_spells_it(tmp_path: Path) -> None:
    import pytest

    from interview_tui.core.errors import WorkspaceUnreadable
    from interview_tui.core.store import Store

    path = workspace(tmp_path, CREATED + "Z")
    before = path.read_bytes()
    with pytest.raises(WorkspaceUnreadable) as refused:
        Store.open(path)
    assert f"found {CREATED}Z;" in str(refused.value)
    assert path.read_bytes() == before
