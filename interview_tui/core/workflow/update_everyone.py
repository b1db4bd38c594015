"""Step 4's last part: once the search reached an outcome, an update to everyone who helped."""

from __future__ import annotations

from datetime import datetime

from .. import templates, text
from ..dates import DUE_AT_ONE_MOMENT, parse_when
from ..errors import FieldChecks, InvalidInput
from ..local_time import check_exists
from ..models import Contact, FollowUp, FollowUpKind, InterviewStatus, Stage
from ..store import Store
from .followups import open_followups


def update_everyone(store: Store, outcome: str, due_text: str = "today") -> list[FollowUp]:
    """The search reached an outcome ("I accepted an offer at ...", "I start the nursing
    programme in May"): draft an update for every person interviewed and everyone who
    introduced someone, from the update template, and queue one follow-up each to send it.
    Someone who already has an update waiting gets no second one."""
    settings = store.settings()
    # Both fields are checked, whichever is refused: the form shows them both at once.
    checks = FieldChecks()
    with checks.at("outcome"):
        cleaned = text.clean_line(outcome, field="outcome").rstrip(".")
        if not cleaned:
            raise InvalidInput("Say what happened, as it should read after 'I wanted to let you know that'.", field="outcome")
    with checks.at("due"):
        due = parse_when(due_text, store.clock(), dayfirst=settings.dayfirst, ahead=True, one_moment=DUE_AT_ONE_MOMENT)
        # As for any follow-up: a time the clocks skip would be queued as one that never comes.
        check_exists(due, field="due")
    checks.refuse_any()
    template = templates.check(settings.update_template or templates.DEFAULT_UPDATE)
    helped = who_helped(store)
    queued: list[FollowUp] = []
    with store.change("Update to everyone who helped queued"):
        for contact, thanks_for in helped:
            if contact.id is None or open_followups(store, contact.id, FollowUpKind.UPDATE):
                continue
            values = templates.values_for(contact, my_name=settings.my_name, referrer=None)
            values.update(outcome=cleaned, thanks_for=thanks_for)
            queued.append(
                store.add_followup(
                    FollowUp(
                        contact_id=contact.id,
                        due=due,
                        kind=FollowUpKind.UPDATE,
                        note=f"Send the update: {cleaned}",
                        message=templates.render(template, values),
                    )
                )
            )
    return queued


def who_helped(store: Store) -> list[tuple[Contact, str]]:
    """Each person interviewed or who introduced someone, with what to thank them for."""
    met: dict[int, datetime] = {}
    for interview in store.all_interviews():
        if interview.status is InterviewStatus.DONE:
            met[interview.contact_id] = max(met.get(interview.contact_id, interview.when), interview.when)
    introduced: dict[int, list[str]] = {}
    for contact in store.contacts():
        if contact.referred_by is not None:
            introduced.setdefault(contact.referred_by, []).append(contact.name)
    helped: list[tuple[Contact, str]] = []
    for contact in store.contacts():
        if contact.id is None or contact.stage is Stage.DECLINED:
            continue
        reasons = []
        if contact.id in met:
            reasons.append(f"talking with me in {met[contact.id]:%B}")
        if contact.id in introduced:
            reasons.append("introducing me to " + text.and_list(introduced[contact.id]))
        if reasons:
            helped.append((contact, " and ".join(reasons)))
    return helped

