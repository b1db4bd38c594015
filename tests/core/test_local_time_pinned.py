"""The local zone pinned: where its name is read from ($TZ, the /etc/localtime link, /etc/timezone)
and in which order, which names are refused, and the time suggested when a typed time falls in
the gap the clocks skip, for a gap of an hour and for Lord Howe Island's half-hour one."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from interview_tui.core import local_time
from interview_tui.core.errors import InvalidInput
from interview_tui.core.local_time import aware, check_exists, exists_locally, local_zone, zone_name


def _set_zone(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time.tzset()


@pytest.fixture
def zone() -> Iterator[Callable[[str | None], None]]:
    before = os.environ.get("TZ")
    yield _set_zone
    _set_zone(before)


class _System:
    """What the system's files say: the /etc/localtime link's target and /etc/timezone's text
    (None: the file cannot be read)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, link: str | OSError, timezone_file: str | None) -> None:
        monkeypatch.delenv("TZ", raising=False)
        real_realpath = os.path.realpath

        def realpath(path: str, *args: object, **kwargs: object) -> str:
            if path != "/etc/localtime":
                return real_realpath(path, *args, **kwargs)  # type: ignore[arg-type]
            if isinstance(link, OSError):
                raise link
            return link

        class FakePath(type(Path())):  # type: ignore[misc]
            def read_text(self, encoding: str | None = None, errors: str | None = None) -> str:
                assert str(self) == "/etc/timezone" and encoding == "utf-8"
                if timezone_file is None:
                    raise FileNotFoundError(str(self))
                return timezone_file

        monkeypatch.setattr(local_time.os.path, "realpath", realpath)
        monkeypatch.setattr(local_time, "Path", FakePath)


@pytest.mark.parametrize(
    ("configured", "name"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        (":Europe/Berlin", "Europe/Berlin"),
        (" America/New_York ", "America/New_York"),
        ("UTC", "UTC"),
        ("EST5EDT,M3.2.0,M11.1.0", None),
        ("Europe/Berlin:", None),
        ("/usr/share/zoneinfo/Europe/Berlin", None),
        ("../zoneinfo/Europe/Berlin", None),
        ("Europe/../Europe/Berlin", None),
        (".hidden", None),
        ("", None),
        ("Nowhere/Special", None),
    ],
)
def test_the_zone_named_in_tz_or_none_when_it_names_none(configured: str, name: str | None, monkeypatch) -> None:
    # $TZ, when set, is the answer even when it names nothing: the system files are not read.
    _System(monkeypatch, "/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo")
    monkeypatch.setenv("TZ", configured)
    assert zone_name() == name


@pytest.mark.parametrize(
    ("link", "timezone_file", "name"),
    [
        ("/usr/share/zoneinfo/Europe/Berlin", "Asia/Tokyo", "Europe/Berlin"),
        ("/usr/share/zoneinfo/America/Argentina/Buenos_Aires", None, "America/Argentina/Buenos_Aires"),
        # The zone is what follows the first "zoneinfo/" of the link.
        ("/opt/zoneinfo/zoneinfo/Europe/Berlin", None, None),
        ("/etc/localtime", "Asia/Tokyo\n", "Asia/Tokyo"),
        ("/usr/share/zoneinfo/Nowhere/Special", "  Asia/Tokyo  ", "Asia/Tokyo"),
        (OSError("no link"), "Europe/Paris", "Europe/Paris"),
        ("/etc/localtime", None, None),
        ("/etc/localtime", "Nowhere/Special", None),
        ("/etc/localtime", "", None),
    ],
)
def test_without_tz_the_link_then_the_timezone_file_name_the_zone(link, timezone_file, name, monkeypatch) -> None:
    _System(monkeypatch, link, timezone_file)
    assert zone_name() == name


def test_the_local_zone_for_a_calendar_is_the_named_one_or_none(zone) -> None:
    zone("Europe/Berlin")
    assert local_zone() == ZoneInfo("Europe/Berlin")
    zone("EST5EDT,M3.2.0,M11.1.0")
    assert local_zone() is None


def test_a_stored_time_with_its_zone_keeps_its_wall_clock_and_without_one_is_in_utc(zone) -> None:
    moment = datetime(2026, 7, 1, 15, 0)
    assert aware(moment, ZoneInfo("Europe/Berlin")) == datetime(2026, 7, 1, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    zone("Europe/Berlin")
    assert aware(moment, None) == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
    assert aware(moment, None).tzinfo is UTC


def test_a_time_with_its_own_zone_or_out_of_range_is_taken_as_it_is(zone) -> None:
    zone("Europe/Berlin")
    assert exists_locally(datetime(2026, 3, 29, 2, 30, tzinfo=ZoneInfo("Europe/Berlin")))
    assert exists_locally(datetime(1, 1, 1, 0, 0))
    assert exists_locally(datetime(9999, 12, 31, 23, 59))
    assert check_exists(datetime(1, 1, 1, 0, 0), field="when") == datetime(1, 1, 1, 0, 0)


@pytest.mark.parametrize(
    ("name", "skipped", "suggested"),
    [
        ("Europe/Berlin", datetime(2026, 3, 29, 2, 30), "03:30"),
        ("Europe/Berlin", datetime(2026, 3, 29, 2, 0), "03:00"),
        ("America/New_York", datetime(2026, 3, 8, 2, 59), "03:59"),
        # Lord Howe Island moves its clocks by half an hour: 02:00 becomes 02:30.
        ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15), "02:45"),
    ],
)
def test_a_skipped_time_is_refused_suggesting_the_time_the_clocks_jump_to(zone, name, skipped, suggested) -> None:
    zone(name)
    assert not exists_locally(skipped)
    with pytest.raises(InvalidInput) as refused:
        check_exists(skipped, field="due")
    assert str(refused.value) == (
        f"{skipped:%H:%M} on {skipped:%a %d %b %Y} does not exist here: the clocks go forward that night "
        f"(daylight saving). Choose another time, such as {suggested}."
    )
    assert refused.value.field == "due"
