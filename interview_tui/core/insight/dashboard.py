"""The dashboard's figures: the funnel, the reply rate, conversations per week, what is
overdue, and the fields and companies covered."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..models import STAGE_ORDER, UNKNOWN_CONTACT, FollowUpKind, Interview, InterviewStatus, Stage, TouchKind, id_of
from ..queue import CONVERSATION_LABEL, overdue_part
from ..store import Store

FUNNEL: tuple[Stage, ...] = STAGE_ORDER[:5]
"""identified, asked, scheduled, interviewed, thanked: the steps counted on the dashboard.
Keeping in touch comes after thanking, so it counts as having reached every one of them."""

WEEKS = 12

_TOUCH_REACHES = {
    TouchKind.ASKED: Stage.ASKED,
    TouchKind.REPLIED: Stage.ASKED,
    TouchKind.MET: Stage.INTERVIEWED,
    TouchKind.THANKED: Stage.THANKED,
}
"""What a logged touch proves a contact reached, whatever their stage says now."""

_LEVEL = {stage: level for level, stage in enumerate(STAGE_ORDER)}


@dataclass(frozen=True, slots=True)
class FunnelStep:
    stage: Stage
    count: int
    """Contacts who reached this step (or went further)."""


@dataclass(frozen=True, slots=True)
class WeekCount:
    start: date
    """The Monday of the week."""
    count: int


@dataclass(slots=True)
class Overdue:
    contact_id: int
    name: str
    what: str
    """The kind of follow-up, in words ("thank you", "check in"), or "talk" for a planned
    conversation whose day has passed."""
    due: datetime
    days_late: int


@dataclass(frozen=True, slots=True)
class Covered:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    contacts: int
    funnel: list[FunnelStep]
    asked: int
    """Contacts the funnel counts as asked: an ask logged, or a stage or a record that comes
    after one (a contact imported as asked, a conversation scheduled with no ask logged)."""
    replied: int
    """Of those, how many answered: a reply logged (a no included), or scheduled or further
    (people who agree to a date have answered, even if no reply was logged)."""
    weeks: list[WeekCount]
    """Conversations held per week, the last ``WEEKS`` weeks, oldest first, this week last."""
    overdue: list[Overdue]
    """What the follow-ups pane lists as overdue (the queue's overdue part and the planned
    conversations whose day has passed), the latest first, in the pane's order."""
    fields: list[Covered]
    """Contacts interviewed, by field, most first."""
    companies: list[Covered]
    """Contacts interviewed, by company, most first."""

    @property
    def reply_rate(self) -> float | None:
        """Replies per ask, 0 to 1; None when nobody was asked yet."""
        return self.replied / self.asked if self.asked else None

    @property
    def interviewed(self) -> int:
        return self.funnel[_LEVEL[Stage.INTERVIEWED]].count


def dashboard_figures(store: Store, now: datetime) -> DashboardFigures:
    contacts = store.contacts_unsorted()
    # How far each contact got: their stage, or further when what was logged shows it (a
    # declined contact who had been asked still counts as asked).
    reached: dict[int, int] = {}
    for contact in contacts:
        assert contact.id is not None
        reached[contact.id] = _LEVEL.get(contact.stage, 0)

    def reach(contact_id: int, stage: Stage) -> None:
        level = _LEVEL[stage]
        if reached.get(contact_id, level) < level:
            reached[contact_id] = level

    replied: set[int] = set()
    for touch in store.all_touches():
        stage = _TOUCH_REACHES.get(touch.kind)
        if stage is not None:
            reach(touch.contact_id, stage)
        if touch.kind is TouchKind.REPLIED:
            replied.add(touch.contact_id)

    this_monday = now.date() - timedelta(days=now.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS - 1)
    per_week: Counter[date] = Counter()
    for interview in store.all_interviews():
        if interview.status is InterviewStatus.DONE:
            reach(interview.contact_id, Stage.INTERVIEWED)
            day = interview.when.date()
            if first_monday <= day <= now.date():
                per_week[day - timedelta(days=day.weekday())] += 1
        elif interview.scheduled:
            reach(interview.contact_id, Stage.SCHEDULED)
        # Notes begun with no time agreed show nobody was asked, nor that they answered: only
        # what the person did (a date agreed, a conversation held) counts.

    # Contacts at each level, then summed from the top: those who reached a step or went further.
    at_level = Counter(reached.values())
    funnel = [
        FunnelStep(stage, sum(n for level, n in at_level.items() if level >= _LEVEL[stage])) for stage in FUNNEL
    ]
    # The reply rate is of the funnel's own "asked": counted from asks logged alone, it said "no
    # asks logged yet" beside a funnel that counted people asked by their stage.
    scheduled_level = _LEVEL[Stage.SCHEDULED]
    answered = sum(1 for contact_id, level in reached.items() if level >= scheduled_level or contact_id in replied)
    mondays = [first_monday + timedelta(weeks=n) for n in range(WEEKS)]
    weeks = [WeekCount(monday, per_week[monday]) for monday in mondays]

    # What the follow-ups pane lists under "Overdue", in its order: the longest overdue first.
    names = store.contact_names()
    today = now.date()
    overdue: list[Overdue] = []
    # Tens of thousands at 50,000 contacts: each kind's label worked out once.
    labels = {kind: kind.label for kind in FollowUpKind}
    for item in overdue_part(store, now):
        if isinstance(item, Interview):
            due, what = item.when, CONVERSATION_LABEL
        else:
            due, what = item.due, labels[item.kind]
        name = names.get(item.contact_id, UNKNOWN_CONTACT)
        overdue.append(Overdue(item.contact_id, name, what, due, (today - due.date()).days))

    interviewed_level = _LEVEL[Stage.INTERVIEWED]
    met = [c for c in contacts if reached[id_of(c)] >= interviewed_level]
    return DashboardFigures(
        contacts=len(contacts),
        funnel=funnel,
        asked=funnel[_LEVEL[Stage.ASKED]].count,
        replied=answered,
        weeks=weeks,
        overdue=overdue,
        fields=_tally(c.field for c in met),
        companies=_tally(c.company for c in met),
    )


NOT_GIVEN = "(not given)"


def _tally(values: Iterable[str]) -> list[Covered]:
    """Counts of each value, most first then by name; spellings that differ only in case or
    spacing ("Data", "data ") are one."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    # Counted as typed first (at C speed), then the few distinct spellings are merged.
    for value, count in Counter(values).items():
        shown = " ".join(value.split())
        key = shown.casefold()
        counts[key] += count
        spelling.setdefault(key, shown or NOT_GIVEN)
    return sorted(
        (Covered(spelling[key], count) for key, count in counts.items()),
        key=lambda c: (-c.count, c.label == NOT_GIVEN, c.label.casefold()),
    )
