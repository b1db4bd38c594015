"""How far along the method a contact is: a stage is a consequence of what happened, and only
ever moves forward through here."""

from __future__ import annotations

from ..models import STAGE_ORDER, Contact, Stage


def advance_stage(contact: Contact, reached: Stage) -> bool:
    """Move a contact forward to ``reached`` if it is further along the method than where they are.

    Declined and closed contacts stay as they are: those are the user's call, not a consequence,
    so they are set directly and never reached through here.
    """
    if reached not in STAGE_ORDER:
        raise ValueError(f"{reached.label} is not a step of the method; set it on the contact directly.")
    if contact.stage in (Stage.DECLINED, Stage.CLOSED):
        return False
    if STAGE_ORDER.index(reached) > STAGE_ORDER.index(contact.stage):
        contact.stage = reached
        return True
    return False
