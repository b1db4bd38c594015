"""A sample workspace, so that a first look at the app is not an empty screen.

Every person here is a placeholder (the surnames say so); the dates are relative to the store's
clock, so the sample looks the same whenever it is opened with a fixed clock.
"""

from __future__ import annotations

from datetime import timedelta

from .models import (
    Contact,
    FollowUp,
    FollowUpKind,
    Interview,
    InterviewMode,
    InterviewStatus,
    Relationship,
    Stage,
    Touch,
    TouchKind,
    id_of,
)
from .store import Store


def _alex_answers(questions: list[int]) -> dict[str, str]:
    texts = [
        "Started in customer support, moved to UX research after running a usability study on her own time.",
        "Volunteered to take notes for the research team, then ran small studies for them.",
        "No degree in it; a short course and a lot of reading. A portfolio matters more than a certificate.",
        "Interviewing, synthesis, and explaining findings to people who did not ask for them.",
        "Half interviews and synthesis, half planning meetings with product.",
    ]
    return {str(qid): text for qid, text in zip(questions, texts, strict=False)}


def seed_demo(store: Store) -> None:
    """Fill an empty workspace with a small, realistic campaign in progress."""
    now = store.clock()
    day = timedelta(days=1)
    with store.batch():
        aunt = store.add_contact(Contact(
            name="Aunt Example", company="City Hospital", role="Nurse manager", field="Healthcare",
            relationship=Relationship.FAMILY, stage=Stage.THANKED,
            address="12 Sample Street, Springfield", email="aunt@example.org",
            cadence_days=10, cadence_max_days=14,
        ))
        alex = store.add_contact(Contact(
            name="Alex Example", company="Northwind Labs", role="UX researcher", field="UX research",
            relationship=Relationship.FRIEND, stage=Stage.INTERVIEWED, email="alex@example.org",
            tags=["ux"],
        ))
        store.add_contact(Contact(
            name="Sam Sample", company="Contoso", role="Data analyst", field="Data",
            relationship=Relationship.REFERRAL, referred_by=alex.id, stage=Stage.SCHEDULED,
            email="sam@example.com",
        ))
        store.add_contact(Contact(
            name="Jordan Demo", company="Fabrikam", role="Product manager", field="Product",
            relationship=Relationship.ALUMNI, stage=Stage.ASKED, email="jordan@example.net",
        ))
        store.add_contact(Contact(
            name="Casey Placeholder", company="Tailspin Toys", role="Game designer", field="Games",
            relationship=Relationship.CLASSMATE, stage=Stage.IDENTIFIED,
        ))
        riley = store.add_contact(Contact(
            name="Riley Mockup", company="Woodgrove Bank", role="Software engineer",
            field="Software", relationship=Relationship.COLLEAGUE, stage=Stage.KEEPING_IN_TOUCH,
            email="riley@example.com", address="4 Placeholder Road, Rivertown",
        ))
        store.add_contact(Contact(
            name="Morgan Specimen", company="Adventure Works", role="Policy advisor",
            field="Public policy", relationship=Relationship.COLD, stage=Stage.DECLINED,
        ))
        questions = [q.id for q in store.questions() if q.id is not None]
        store.add_interview(Interview(
            contact_id=id_of(alex), when=now - 2 * day, status=InterviewStatus.DONE,
            mode=InterviewMode.VIDEO, question_ids=questions, answers=_alex_answers(questions),
            notes="Very generous with time; offered to look at a portfolio draft.",
            takeaways="Build two small studies before applying.",
        ))
        store.add_interview(Interview(
            contact_id=id_of(aunt), when=now - 20 * day, status=InterviewStatus.DONE,
            mode=InterviewMode.IN_PERSON, where="Her kitchen", question_ids=questions,
            notes="Nursing management is mostly scheduling and people.\nTalk to the hospital's HR team.\n",
        ))
        sam = store.find_contact("Sam Sample")
        store.add_interview(Interview(
            contact_id=id_of(sam), when=(now + 3 * day).replace(hour=15, minute=0),
            mode=InterviewMode.PHONE, question_ids=questions,
        ))
        store.add_interview(Interview(
            contact_id=id_of(riley), when=now - 90 * day, status=InterviewStatus.DONE,
            notes="Moved from teaching to software through a bootcamp.\n",
        ))
        jordan = store.find_contact("Jordan Demo")
        store.add_followup(FollowUp(
            contact_id=id_of(alex), due=now - day, kind=FollowUpKind.THANK_YOU, channel="handwritten",
            note="Handwritten thank-you note for the conversation",
        ))
        store.add_followup(FollowUp(
            contact_id=id_of(jordan), due=now.replace(hour=9, minute=0), kind=FollowUpKind.NUDGE,
            note="No reply to the ask yet",
        ))
        store.add_followup(FollowUp(
            contact_id=id_of(alex), due=now + 2 * day, kind=FollowUpKind.REFERRAL,
            note="Tell Alex how the talk with Sam went",
        ))
        store.add_followup(FollowUp(
            contact_id=id_of(riley), due=now + 10 * day, kind=FollowUpKind.CHECK_IN,
            note="Share the portfolio draft",
        ))
        store.add_followup(FollowUp(
            contact_id=id_of(aunt), due=now - 15 * day, kind=FollowUpKind.THANK_YOU,
            done_at=now - 16 * day, note="Card sent",
        ))
        store.add_touch(Touch(contact_id=id_of(jordan), kind=TouchKind.ASKED, at=now - 4 * day))
        store.add_touch(Touch(contact_id=id_of(alex), kind=TouchKind.MET, at=now - 2 * day))
        # Keeping in touch: the aunt asked to hear every ten days and it has been sixteen (past
        # her maximum: red); the last word with Riley was the conversation 90 days ago (past a
        # colleague's ideal six weeks: amber).
        store.add_touch(Touch(contact_id=id_of(aunt), kind=TouchKind.MET, at=now - 20 * day))
        store.add_touch(Touch(contact_id=id_of(aunt), kind=TouchKind.THANKED, at=now - 16 * day, note="Card sent"))
        store.add_touch(Touch(contact_id=id_of(riley), kind=TouchKind.MET, at=now - 90 * day))
    # The sample is where the session starts, not a change the person made: undo stops here.
    store.history.clear()
