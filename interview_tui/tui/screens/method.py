"""The actions for the steps of the method on the main screen: ask, reply, schedule, mark done,
referrals, the plan, the question bank and the templates. Each checks and saves through
core.workflow and then refreshes the panes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...core import workflow
from ...core.errors import InterviewTuiError, InvalidInput
from ...core.models import Contact, Question
from ...core.templates import DEFAULT_ASK

if TYPE_CHECKING:
    from .main import MainScreen

# A note on imports: the modal screens are imported in the actions that open them. None of them
# is needed for the first frame, and importing them all up front was a measurable part of the
# start-up time (benchmarks/README.md, figure b).

    _Base = MainScreen
else:
    _Base = object


def guarded(submit: Callable[[dict[str, str]], Any]) -> Callable[[dict[str, str]], Any]:
    """Turn a failed save into a message at the form, so the form keeps what was typed."""

    def run(values: dict[str, str]) -> Any:
        try:
            return submit(values)
        except InvalidInput:
            raise
        except InterviewTuiError as exc:
            raise InvalidInput(str(exc)) from exc

    return run


class MethodActions(_Base):
    """Mixed into MainScreen."""

    def _run(self, title: str, step: Callable[[], Any]) -> Any | None:
        """Run one step of the workflow; a failure becomes a notification, not a crash."""
        try:
            return step()
        except InterviewTuiError as exc:
            self.tell(str(exc), title=title, severity="error")
            return None

    def _after_change(self, contact_id: int | None = None, *, select: int | None = None) -> None:
        keep = contact_id if contact_id is not None else (self.contact.id if self.contact else None)
        if keep is not None:
            self.contact = self.store.contact(keep)
        self.refresh_contacts(keep=keep)
        self.refresh_followups()
        self.refresh_notes(select=select)

    # Step 2: ask for 20 minutes -----------------------------------------------------------

    def action_ask(self) -> None:
        from .ask import AskScreen
        contact = self._require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id
        message = self._run("Could not write the message", lambda: workflow.ask_message(self.store, contact_id))
        if message is None:
            return

        def answered(result: str | None) -> None:
            if result == "edit":
                self.action_templates()
            elif result == "sent":
                nudge = self._run("Not logged", lambda: workflow.log_ask(self.store, contact_id))
                if nudge is not None:
                    self._after_change(contact_id)
                    self.tell(f"Ask logged. A nudge is due {nudge.due:%a %d %b} if {contact.name} has not replied.")

        self.app.push_screen(AskScreen(contact.name, message), answered)

    def action_log_reply(self) -> None:
        from .reply import ReplyScreen
        contact = self._require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id

        def answered(result: str | None) -> None:
            if result is None:
                return
            declined = result == "no"
            if self._run("Not logged", lambda: workflow.log_reply(self.store, contact_id, declined=declined)) is None:
                return
            self._after_change(contact_id)
            self.tell(f"Reply logged: {contact.name} {'declined' if declined else 'is happy to talk'}.")

        self.app.push_screen(ReplyScreen(contact.name), answered)

    def action_schedule(self) -> None:
        from .schedule_form import ScheduleForm
        contact = self._require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id

        def submit(values: dict[str, str]) -> Any:
            return workflow.schedule_interview(
                self.store, contact_id, values["when"], minutes=values["minutes"], mode=values["mode"], where=values["where"]
            )

        def scheduled(interview: Any) -> None:
            if interview is not None:
                self._after_change(contact_id, select=interview.id)
                self.tell(f"Scheduled: {contact.name}, {interview.when:%a %d %b %H:%M}, {interview.minutes} minutes.")

        form = ScheduleForm(contact.name, guarded(submit), self.store.clock, dayfirst=self.store.settings().dayfirst)
        self.app.push_screen(form, scheduled)

    # Step 3: the conversation -------------------------------------------------------------

    def action_mark_done(self) -> None:
        interview = self.notes_pane.current
        if interview is None or interview.id is None:
            self.tell("Select a conversation first.", severity="warning")
            return
        interview_id = interview.id
        self.save_drafts()
        created = self._run("Not marked done", lambda: workflow.mark_done(self.store, interview_id))
        if created is None:
            return
        self._after_change(interview.contact_id, select=interview_id)
        if created:
            self.tell("Marked done. A thank-you note is due " + f"{created[0].due:%a %d %b}; see Follow-ups.")
        else:
            self.tell("Already marked done.")

    def action_add_referral(self) -> None:
        from .referral_form import ReferralForm
        interview = self.notes_pane.current
        if interview is None or interview.id is None or self.contact is None:
            self.tell("Select a conversation first.", severity="warning")
            return
        interview_id = interview.id
        referrer = self.contact

        def added(contact: Contact | None) -> None:
            if contact is not None:
                self._after_change(referrer.id, select=interview_id)
                self.tell(f"Added {contact.name}, referred by {referrer.name}.")

        submit = guarded(lambda values: workflow.add_referral(self.store, interview_id, values))
        self.app.push_screen(ReferralForm(referrer.name, submit), added)

    def action_edit_plan(self) -> None:
        from .plan import PlanItem, PlanScreen
        interview = self.notes_pane.current
        if interview is None or interview.id is None:
            self.tell("Select a conversation first.", severity="warning")
            return
        interview_id = interview.id
        self.save_drafts()
        bank = self.store.questions(include_retired=True)
        shown = [q for q in bank if q.active or q.id in interview.question_ids]

        def chosen(plan: list[PlanItem] | None) -> None:
            if plan is None:
                return

            def save() -> Any:
                # One-off questions are stored only now, with the plan, in one write: a plan
                # cancelled after adding one leaves nothing behind in the bank.
                with self.store.batch():
                    question_ids = [
                        item if isinstance(item, int) else workflow.add_one_off_question(self.store, {"text": item}).id
                        for item in plan
                    ]
                    return workflow.set_plan(self.store, interview_id, [qid for qid in question_ids if qid is not None])

            if self._run("Plan not saved", save) is not None:
                self.refresh_notes(select=interview_id)

        check = guarded(workflow.question_text)
        self.app.push_screen(PlanScreen("Questions for this conversation", shown, interview.question_ids, check), chosen)

    # The question bank and the templates ---------------------------------------------------

    def action_question_bank(self) -> None:
        from .question_bank import QuestionBankScreen
        self.app.push_screen(QuestionBankScreen(_BankActions(self)), lambda _: self.refresh_notes())

    def action_templates(self) -> None:
        from .templates import TemplatesScreen
        settings = self.store.settings()
        values = {
            "my_name": settings.my_name,
            "template": settings.ask_template or DEFAULT_ASK,
            "nudge_days": str(settings.nudge_days),
            "thank_you_days": str(settings.thank_you_days),
            "thank_you_channel": "handwritten" if settings.thank_you_handwritten else "email",
        }

        def submit(values: dict[str, str]) -> Any:
            return self.store.save_settings(workflow.settings_from_fields(self.store, values))

        def saved(result: Any) -> None:
            if result is not None:
                self.tell("Messages and reminders saved.")

        self.app.push_screen(TemplatesScreen(guarded(submit), values), saved)


class _BankActions:
    """The question bank screen's requests, carried out on the store."""

    def __init__(self, screen: MethodActions) -> None:
        self.screen = screen
        self.store = screen.store

    def questions(self) -> list[Question]:
        return self.store.questions(include_retired=True)

    def add(self, values: dict[str, str]) -> Question:
        return guarded(lambda v: self.store.add_question(workflow.question_text(v)))(values)

    def edit(self, question_id: int, values: dict[str, str]) -> Question:
        def change(v: dict[str, str]) -> Question:
            question = next(q for q in self.questions() if q.id == question_id)
            question.text = workflow.question_text(v)
            return self.store.update_question(question)

        return guarded(change)(values)

    def move(self, question_id: int, step: int) -> None:
        self.screen._run("Not moved", lambda: self.store.move_question(question_id, step))

    def toggle(self, question_id: int) -> Question | None:
        return self.screen._run("Not changed", lambda: workflow.toggle_question(self.store, question_id))
