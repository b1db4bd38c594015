"""The machine's own time zone, for times that are stored as local wall-clock times.

Times are stored naive: "15:00" is 15:00 where the person is. Two things need to know which
zone that is. A calendar export names it (``TZID``), so that a calendar elsewhere (travel, a
shared calendar) shows the right hour. And a time typed into a form must exist here: on the
night the clocks go forward, 02:30 never happens, and storing it would put the conversation at
an hour that is not on any clock.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InvalidInput

_ZONEINFO_MARKER = "zoneinfo/"


def exists_locally(moment: datetime) -> bool:
    """Whether the naive local ``moment`` is a time the local clocks show at all.

    A time in the hour the clocks skip reads back as another time after a round trip through
    UTC; every other time (the repeated hour of autumn included) reads back as itself.
    """
    if moment.tzinfo is not None:
        return True
    try:
        back = moment.astimezone(UTC).astimezone().replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return True  # out of the system's range: nothing to say about its clocks
    return back == moment


def check_exists(moment: datetime, *, field: str) -> datetime:
    """``moment`` when it exists here; else InvalidInput (for ``field``) saying why, with the
    time the clocks jump to, so the person can choose."""
    if exists_locally(moment):
        return moment
    raise InvalidInput(
        f"{moment:%H:%M} on {moment:%a %d %b %Y} does not exist here: the clocks go forward "
        f"that night (daylight saving). Choose another time, such as {_past_the_jump(moment):%H:%M}.",
        field=field,
    )


def check_range(start: datetime, minutes: int, *, field: str, length_field: bool = True) -> None:
    """For a range typed from ``start`` (which exists) to ``minutes`` later by the clock: InvalidInput
    (for ``field``) when its end is a time the clocks skip, or when the clocks change between its
    ends, so that the time between them is not the length the clock times say ("1:30am-3:30am"
    the night they go forward is an hour, not two). Either would book a length nobody typed.

    ``length_field`` says whether a length can be typed apart from the date (the Minutes field,
    ``--minutes``): the refusal then says to type the length there. Where none can (when a
    conversation was held), no range across the change can be typed at all, nor one ending at a
    time past the jump, since it crosses it: the refusal says to type the start alone, which keeps
    the length planned."""
    end = start + timedelta(minutes=minutes)
    if not exists_locally(end):
        # Not another end: one past the jump ('1:30am-3:30am') is a range across it, refused in
        # turn. The start with the length typed ends past the jump, as long as was meant.
        instead = f"Type its start alone, with {minutes} minutes as its length." if length_field else _START_ALONE
        raise InvalidInput(
            f"{start:%H:%M}-{end:%H:%M} on {start:%a %d %b %Y} ends at a time that does not exist here: "
            f"the clocks go forward that night (daylight saving). {instead}",
            field=field,
        )
    if start.tzinfo is not None:
        return
    try:
        elapsed = round((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 60)
    except (OverflowError, OSError, ValueError):
        return  # out of the system's range: nothing to say about its clocks
    if elapsed != minutes:
        way = "forward" if elapsed < minutes else "back"
        instead = f"Type its start alone, with {elapsed} minutes as its length." if length_field else _START_ALONE
        raise InvalidInput(
            f"{start:%H:%M}-{end:%H:%M} on {start:%a %d %b %Y} is {elapsed} minutes, not {minutes}: the clocks go {way} "
            f"that night (daylight saving). {instead}",
            field=field,
        )


_START_ALONE = "Type its start alone; it keeps the length it was planned for."
"""What to do about a range the clocks change across where no length can be typed beside it."""


def _past_the_jump(moment: datetime) -> datetime:
    """The same time past the jump of the clocks, which exists: the gap is as long as the clocks
    jump (an hour, Lord Howe Island's half hour). Which side of the gap a skipped time reads back
    on depends on the C library, so the jump is measured from the offsets a day either side."""
    return moment + _offset(moment + timedelta(days=1)) - _offset(moment - timedelta(days=1))


def _offset(moment: datetime) -> timedelta:
    """How far the local clocks are ahead of UTC at the naive local ``moment``."""
    return moment.astimezone().replace(tzinfo=None) - moment.astimezone(UTC).replace(tzinfo=None)


def local_zone() -> tzinfo | None:
    """The local zone by its name (``Europe/Berlin``), as calendars want it; None when the
    system does not say which named zone it is (then times are exported in UTC)."""
    name = zone_name()
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_name() -> str | None:
    """The IANA name of the local zone: from $TZ, else /etc/localtime's link, else /etc/timezone."""
    configured = os.environ.get("TZ")
    if configured is not None:
        name = configured.removeprefix(":").strip()
        if _named(name):
            return name
        return None  # a POSIX rule such as "EST5EDT,M3.2.0,M11.1.0": no name to give
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        target = ""
    if _ZONEINFO_MARKER in target:
        name = target.split(_ZONEINFO_MARKER, 1)[1]
        if _named(name):
            return name
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeError):
        return None
    return name if _named(name) else None


def _named(name: str) -> bool:
    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def aware(moment: datetime, zone: tzinfo | None) -> datetime:
    """A stored (naive, local) time with its zone; in UTC when the zone has no name."""
    if zone is not None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)
