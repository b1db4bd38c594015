"""Insight across every conversation: answers to one question side by side, the referral tree,
and the figures of the dashboard.

Each function reads the workspace in one pass per table it needs: at 10,000 contacts, a scan of
all interviews or touches per contact (``store.interviews(contact_id)``) would be 10,000 scans.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from . import keep_in_touch
from .models import (
    STAGE_ORDER,
    UNKNOWN_CONTACT,
    Contact,
    Interview,
    InterviewStatus,
    Question,
    Stage,
    TouchKind,
    id_of,
)
from .queue import build_queue
from .store import Store

# Answers side by side ----------------------------------------------------------------------------


class Answer(NamedTuple):
    """What one person said to one question, in one conversation."""

    contact: Contact
    interview: Interview
    text: str


def answer_counts(store: Store) -> dict[int, int]:
    """How many conversations have an answer to each question, by question id."""
    counts: Counter[int] = Counter()
    known = store.contacts_by_id()
    for interview in store.all_interviews():
        if interview.contact_id not in known:
            continue  # not listed by answers_to either: the count must match what is shown
        for key, text in interview.answers.items():
            if text.strip() and key.isdigit():
                counts[int(key)] += 1
    return dict(counts)


def answers_to(store: Store, question_id: int) -> list[Answer]:
    """Every interviewee's answer to one question, newest conversation first.

    One pass over the interviews, a dictionary look-up each: a few milliseconds at 5,000
    conversations, so the answers screen gathers a question's answers when it is picked rather
    than every answer to every question up front.
    """
    key = str(question_id)
    contacts: dict[int | None, Contact] | None = None
    found: list[Answer] = []
    for interview in store.all_interviews():
        text = interview.answers.get(key)
        if not text or not (cleaned := text.strip()):
            continue
        if contacts is None:
            contacts = {c.id: c for c in store.contacts_unsorted()}
        contact = contacts.get(interview.contact_id)
        if contact is not None:  # a hand-edited file may keep a deleted contact's interviews
            found.append(Answer(contact, interview, cleaned))
    # Newest conversation first; of two at the same moment, the one recorded last.
    found.sort(key=_when_recorded, reverse=True)
    return found


def _when_recorded(answer: Answer) -> tuple[datetime, int]:
    return (answer.interview.when, answer.interview.id or 0)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _inline(text: str) -> str:
    """One line of Markdown (a heading), with the characters Markdown reads as markup escaped:
    a name such as "Sam_Sample" or a role with "*" must print as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def answers_markdown(question: Question, answers: Sequence[Answer], now: datetime) -> str:
    """The answers as a Markdown document: the question as the title, then one section per
    answer headed with who said it and when, newest first."""
    count = len(answers)
    lines = [
        f"# {_inline(question.text)}",
        "",
        f"{count} answer{'s' if count != 1 else ''}, newest first. Exported {now:%d %b %Y}.",
        "",
    ]
    for answer in answers:
        lines.append(f"## {_inline(answer_heading(answer))}")
        lines.append("")
        # The answer is the user's own text, kept as typed (lists and emphasis they wrote stay),
        # except that a line that would read as a heading is escaped: it would break the sections.
        for line in answer.text.split("\n"):
            text = line.lstrip(" ")
            if text.startswith("#"):
                line = line[: len(line) - len(text)] + "\\" + text
            lines.append(line)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def answer_heading(answer: Answer) -> str:
    """Who said it and when: "Alex Example · UX researcher, Northwind Labs · Mon 23 Nov 2026"."""
    parts = [answer.contact.name]
    if answer.contact.company_role:
        parts.append(answer.contact.company_role)
    parts.append(f"{answer.interview.when:%a %d %b %Y}")
    return " · ".join(parts)


def answers_file_name(question: Question) -> str:
    """A file name for the export, from the question's words: "answers-what-is-an-average-day.md"."""
    words = re.sub(r"[\W_]+", "-", question.text.casefold()).strip("-")[:50].strip("-")
    return f"answers-{words or question.id}.md"


# The referral tree --------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class ReferralNode:
    """A contact in the referral tree, with the people they introduced."""

    contact: Contact
    children: list[ReferralNode] = field(default_factory=list)
    in_loop: bool = False
    """Their chain of referrers leads back to them (A referred by B, B referred by A): there is
    no first contact above them, so they are shown as one, marked."""


def referral_forest(store: Store) -> list[ReferralNode]:
    """Who led to whom: the roots are the contacts nobody referred (the first contacts), each
    with the people they introduced under them, by name, all the way down.

    Every contact appears exactly once. A referrer that no longer exists counts as none. A loop
    of referrers (possible by editing two contacts in turn) has no first contact: the first of
    the loop by name stands as a root, marked ``in_loop``, and the loop is cut above it.
    """
    contacts = sorted(store.contacts_unsorted(), key=lambda c: (c.name.casefold(), c.id or 0))
    by_id = {c.id: c for c in contacts}
    referrer_of: dict[int, int | None] = {}
    children_of: dict[int | None, list[Contact]] = defaultdict(list)
    for contact in contacts:  # by name, so each list of children is too
        assert contact.id is not None
        parent = contact.referred_by if contact.referred_by in by_id and contact.referred_by != contact.id else None
        referrer_of[contact.id] = parent
        children_of[parent].append(contact)

    nodes: dict[int, ReferralNode] = {}

    def grow(root: Contact, in_loop: bool = False) -> ReferralNode:
        # Iterative: a chain of introductions thousands long must not hit the recursion limit.
        top = ReferralNode(root, in_loop=in_loop)
        assert root.id is not None
        nodes[root.id] = top
        pending = [top]
        while pending:
            node = pending.pop()
            for child in children_of.get(node.contact.id, ()):
                assert child.id is not None
                if child.id in nodes:
                    continue  # the edge that closes a loop
                grown = ReferralNode(child)
                nodes[child.id] = grown
                node.children.append(grown)
                pending.append(grown)
        return top

    roots = [grow(c) for c in children_of.get(None, [])]
    # Whoever is left hangs below a loop. Walk up from the first of them (by name) until a contact
    # repeats: that one is in the loop; grow the tree from it, which takes in everyone below.
    for contact in contacts:
        assert contact.id is not None
        if contact.id in nodes:
            continue
        seen: set[int] = set()
        current: int = contact.id
        while current not in seen:
            seen.add(current)
            parent = referrer_of[current]
            assert parent is not None  # those without a referrer were grown above
            current = parent
        loop = _loop_members(current, referrer_of)
        first = min((by_id[i] for i in loop), key=lambda c: (c.name.casefold(), c.id or 0))
        roots.append(grow(first, in_loop=True))
    roots.sort(key=lambda n: (n.contact.name.casefold(), n.contact.id or 0))
    return roots


def _loop_members(start: int, referrer_of: dict[int, int | None]) -> list[int]:
    members = [start]
    current = referrer_of[start]
    while current is not None and current != start:
        members.append(current)
        current = referrer_of[current]
    return members


@dataclass(frozen=True, slots=True)
class TreeRow:
    """One line of the tree as a list shows it."""

    node: ReferralNode
    depth: int
    parent: int | None
    """Index of the parent's row in the same list (None for a root): the guide lines are drawn
    from these, on screen, only for the rows in view."""
    last: bool
    """The last child of its parent: its guide turns the corner (└ rather than ├)."""
    collapsed: bool
    """It has children that are hidden under it."""


def tree_rows(
    roots: Sequence[ReferralNode], collapsed: Iterable[int] = (), *, with_solitary: bool = True
) -> list[TreeRow]:
    """The forest as rows, depth first, children under their referrer; the children of the
    contact ids in ``collapsed`` left out. ``with_solitary=False`` leaves out the roots who
    introduced nobody (most people in a large workspace), so the chains stand out."""
    folded = set(collapsed)
    rows: list[TreeRow] = []
    shown_roots = [r for r in roots if with_solitary or r.children]
    # (node, depth, parent row index, last among siblings), the next to show on top.
    stack: list[tuple[ReferralNode, int, int | None, bool]] = [
        (root, 0, None, number == len(shown_roots) - 1) for number, root in enumerate(shown_roots)
    ]
    stack.reverse()
    while stack:
        node, depth, parent, last = stack.pop()
        fold = node.contact.id in folded and bool(node.children)
        index = len(rows)
        rows.append(TreeRow(node, depth, parent, last, fold))
        if fold:
            continue
        count = len(node.children)
        for number in range(count - 1, -1, -1):
            stack.append((node.children[number], depth + 1, index, number == count - 1))
    return rows


def forest_size(roots: Iterable[ReferralNode]) -> tuple[int, int]:
    """(people who introduced someone, people introduced), across the whole forest."""
    referrers = introduced = 0
    pending = list(roots)
    while pending:
        node = pending.pop()
        if node.children:
            referrers += 1
            introduced += len(node.children)
            pending.extend(node.children)
    return referrers, introduced


# The dashboard ------------------------------------------------------------------------------------

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
    """The kind of follow-up, in words ("thank you", "check in")."""
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
    """Contacts with an ask logged."""
    replied: int
    """Of those, how many answered: a reply logged (a no included), or a conversation scheduled
    or held (people who agree to a date have answered, even if no reply was logged)."""
    weeks: list[WeekCount]
    """Conversations held per week, the last ``WEEKS`` weeks, oldest first, this week last."""
    overdue: list[Overdue]
    """The follow-up queue's overdue part, the latest first (as the follow-ups pane has it)."""
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

    asked: set[int] = set()
    answered: set[int] = set()
    for touch in store.all_touches():
        stage = _TOUCH_REACHES.get(touch.kind)
        if stage is not None:
            reach(touch.contact_id, stage)
        if touch.kind is TouchKind.ASKED:
            asked.add(touch.contact_id)
        elif touch.kind in (TouchKind.REPLIED, TouchKind.MET):
            answered.add(touch.contact_id)

    this_monday = now.date() - timedelta(days=now.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS - 1)
    per_week: Counter[date] = Counter()
    for interview in store.all_interviews():
        answered.add(interview.contact_id)
        if interview.status is InterviewStatus.DONE:
            reach(interview.contact_id, Stage.INTERVIEWED)
            day = interview.when.date()
            if first_monday <= day <= now.date():
                per_week[day - timedelta(days=day.weekday())] += 1
        else:
            reach(interview.contact_id, Stage.SCHEDULED)

    # Contacts at each level, then summed from the top: those who reached a step or went further.
    at_level = Counter(reached.values())
    funnel = [
        FunnelStep(stage, sum(n for level, n in at_level.items() if level >= _LEVEL[stage])) for stage in FUNNEL
    ]
    mondays = [first_monday + timedelta(weeks=n) for n in range(WEEKS)]
    weeks = [WeekCount(monday, per_week[monday]) for monday in mondays]

    # The queue comes soonest due first, so its overdue part is the start of it: the latest first,
    # in the order the follow-ups pane shows them.
    names = store.contact_names()
    today = now.date()
    overdue: list[Overdue] = []
    for f in build_queue(store):
        if keep_in_touch.group_of(f.due, now) is not keep_in_touch.QueueGroup.OVERDUE:
            break
        late = (today - f.due.date()).days
        overdue.append(Overdue(f.contact_id, names.get(f.contact_id, UNKNOWN_CONTACT), f.kind.label, f.due, late))

    interviewed_level = _LEVEL[Stage.INTERVIEWED]
    met = [c for c in contacts if reached[id_of(c)] >= interviewed_level]
    return DashboardFigures(
        contacts=len(contacts),
        funnel=funnel,
        asked=len(asked),
        replied=len(asked & answered),
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

