"""The steps of the method, as the main screen carries them out: ask, reply, schedule, mark done,
referrals, the plan, the question bank and the templates. Each checks and saves through
core.workflow and then has the screen refresh its panes.

MethodSteps is a plain object the main screen owns and hands its key actions to: it holds no
state of its own and reaches the screen only through StepsHost, so it needs nothing of the
screen's class (which imports it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from textual.app import App

from ...core import conversations, text, workflow
from ...core.dates import parse_slot
from ...core.errors import FieldChecks, InvalidInput
from ...core.models import UNKNOWN_CONTACT, Contact, Interview, InterviewStatus, Question
from ...core.store import Store
from ...core.templates import DEFAULT_ASK
from ...core.workflow.fields import range_length
from ..errors import attempt
from ..host import Host
from ..widgets.notes import NotesPane

T = TypeVar("T")

# A note on imports: the modal screens are imported in the actions that open them. None of them
# is needed for the first frame, and importing them all up front was a measurable part of the
# start-up time (benchmarks/README.md, figure b).


class StepsHost(Host, Protocol):
    """What the steps use of the screen that owns them (the main screen)."""

    @property
    def notes_pane(self) -> NotesPane: ...

    def require_contact(self) -> Contact | None:
        """The selected contact, or None after saying that one must be selected."""

    def tell_why_no_conversation(self) -> None:
        """Say what to do first, for a key that acts on the selected conversation when none is."""

    def refresh_notes(self, select: int | None = None) -> None: ...

    def after_change(self, contact_id: int | None = None, *, select: int | None = None, follow: bool = True) -> None:
        """Every pane from the store after a change to ``contact_id``'s records."""


class MethodSteps:
    """The method's actions, on behalf of the screen that owns this object."""

    def __init__(self, screen: StepsHost) -> None:
        self.screen = screen

    @property
    def store(self) -> Store:
        return self.screen.store

    @property
    def app(self) -> App[Any]:
        return self.screen.app

    def _run(self, title: str, step: Callable[[], T]) -> T | None:
        return attempt(self.screen, title, step)

    # Step 2: ask for 20 minutes -----------------------------------------------------------

    def ask(self) -> None:
        from .ask import AskScreen
        contact = self.screen.require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id

        def show_ask() -> None:
            message = self._run("Could not write the message", lambda: workflow.ask_message(self.store, contact_id))
            if message is None:
                return

            def answered(result: str | None) -> None:
                if result == "edit":
                    self.templates()
                elif result == "sent":
                    nudge = self._run("Not logged", lambda: workflow.log_ask(self.store, contact_id))
                    if nudge is not None:
                        self.screen.after_change(contact_id)
                        self.screen.tell(f"Ask logged. A nudge is due {nudge.due:%a %d %b} if {contact.name} has not replied.")

            self.app.push_screen(AskScreen(contact.name, message), answered)

        settings = self.store.settings()
        if settings.my_name.strip() or "{my_name}" not in (settings.ask_template or DEFAULT_ASK):
            show_ask()
            return

        # The message is signed with the user's name, which nothing has asked for yet: ask now,
        # once, and keep it with the other settings (t changes it later).
        from .form import FormScreen
        from .templates import TEMPLATE_FIELDS

        def save_name(values: dict[str, str]) -> Any:
            if not values.get("my_name", "").strip():
                raise InvalidInput("Type your name: it signs the message (t changes it later).", field="my_name")
            return self.store.save_settings(workflow.settings_from_fields(self.store, {"my_name": values["my_name"]}))

        def named(result: Any) -> None:
            if result is not None:
                show_ask()

        name_field = [spec for spec in TEMPLATE_FIELDS if spec.name == "my_name"]
        self.app.push_screen(FormScreen("Your name, to sign your messages", name_field, save_name), named)

    def log_reply(self) -> None:
        from .reply import ReplyScreen
        contact = self.screen.require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id

        def answered(result: str | None) -> None:
            if result is None:
                return
            declined = result == "no"
            if self._run("Not logged", lambda: workflow.log_reply(self.store, contact_id, declined=declined)) is None:
                return
            self.screen.after_change(contact_id)
            self.screen.tell(f"Reply logged: {contact.name} {'declined' if declined else 'is happy to talk'}.")

        self.app.push_screen(ReplyScreen(contact.name), answered)

    def schedule(self) -> None:
        from .schedule_form import ScheduleForm

        contact = self.screen.require_contact()
        if contact is None or contact.id is None:
            return
        contact_id = contact.id
        # As on the command line: the planned one is moved (notes started with n are given
        # the time agreed); a second one beside it is a choice made in the form.
        waiting = conversations.planned(self.store, contact_id)
        if waiting is not None and waiting.id is not None:
            self.move(contact, waiting)
            return

        def submit(values: dict[str, str]) -> Any:
            return workflow.schedule_interview(
                self.store, contact_id, values["when"], minutes=values["minutes"], mode=values["mode"], where=values["where"]
            )

        def scheduled(interview: Any) -> None:
            if interview is not None:
                self.screen.after_change(contact_id, select=interview.id)
                self.screen.tell(
                    f"Scheduled: {contact.name}, {interview.when:%a %d %b %H:%M}, {interview.minutes} minutes."
                    + self._overlap_sentence(interview)
                )

        dayfirst = self.store.settings().dayfirst
        form = ScheduleForm(contact.name, submit, self.store.clock, dayfirst=dayfirst, overlaps=self._overlaps)
        self.app.push_screen(form, scheduled)

    def _overlaps(self, start: datetime, minutes: int, moving: int | None) -> str | None:
        """For the schedule form's preview: what a conversation at that time would overlap."""
        found = conversations.overlapping(self.store, start, minutes, moving=moving)
        return conversations.overlaps_in_words(self.store, found) if found else None

    def _overlap_sentence(self, interview: Interview) -> str:
        """Said after saving, as the preview said it before: the time is kept all the same."""
        words = self._overlaps(interview.when, interview.minutes, interview.id)
        return f" It overlaps {words}." if words else ""

    def move(self, contact: Contact, interview: Interview) -> None:
        """s on someone with a conversation planned moves it; a second one is chosen in the form."""
        from .move_form import ANOTHER, MoveForm

        contact_id, interview_id = interview.contact_id, interview.id
        assert interview_id is not None
        dayfirst = self.store.settings().dayfirst

        def submit(values: dict[str, str]) -> Any:
            if values.get("instead") == ANOTHER:
                return workflow.schedule_interview(
                    self.store, contact_id, values["when"], minutes=values["minutes"], mode=values["mode"], where=values["where"]
                )
            # The Minutes field follows a range typed as the date until a length is typed there:
            # what it holds is the length meant, and one typed beside a range that disagrees is refused.
            return conversations.move(
                self.store, interview_id, values["when"], minutes=values["minutes"], mode=values["mode"], where=values["where"]
            )

        def saved(result: Any) -> None:
            if result is None:
                return
            self.screen.after_change(contact_id, select=result.id)
            overlaps = self._overlap_sentence(result)
            if result == interview:
                # Nothing was saved: u would take back the change before this one, so it is not offered.
                self.screen.tell(
                    f"Nothing changed: {contact.name} is already planned for {result.when:%a %d %b %H:%M}, "
                    f"{result.minutes} minutes.{overlaps}"
                )
            elif result.id == interview_id and interview.scheduled and result.when == interview.when:
                # Its length, way or place changed, not its time: said as such, not as a move to itself.
                changed = conversations.changes_in_words(interview, result)
                self.screen.tell(
                    f"Changed: {contact.name}, still at {result.when:%a %d %b %H:%M}: now {changed}.{overlaps} u undoes."
                )
            elif result.id == interview_id:
                done = "Moved" if interview.scheduled else "Scheduled"
                self.screen.tell(
                    f"{done}: {contact.name}, {result.when:%a %d %b %H:%M}, {result.minutes} minutes.{overlaps} u undoes."
                )
            else:
                self.screen.tell(
                    f"Scheduled another: {contact.name}, {result.when:%a %d %b %H:%M}, {result.minutes} minutes.{overlaps}"
                )

        form = MoveForm(contact.name, interview, submit, self.store.clock, dayfirst=dayfirst, overlaps=self._overlaps)
        self.app.push_screen(form, saved)

    # Step 3: the conversation -------------------------------------------------------------

    def mark_done(self) -> None:
        interview = self.screen.notes_pane.current
        if interview is None or interview.id is None:
            self.screen.tell_why_no_conversation()
            return
        self.screen.save_drafts()
        self.mark_held(interview)

    def mark_held(self, interview: Interview) -> None:
        """Ask when the conversation happened (and how it went), then mark it done."""
        from .held_form import HeldForm

        interview_id = interview.id
        assert interview_id is not None
        if interview.status is InterviewStatus.DONE:
            self.screen.tell("Already marked done.")
            return
        dayfirst = self.store.settings().dayfirst
        name = self.store.contact_names().get(interview.contact_id, UNKNOWN_CONTACT)

        # The length a range typed for when it was held gave, for the notice once it is saved.
        lengths: list[int | None] = [None]

        def submit(values: dict[str, str]) -> Any:
            # Both fields are checked, whichever is refused: the form shows them both at once.
            checks = FieldChecks()
            typed = values.get("when", "")
            length: int | None = None
            with checks.at("when"):
                # A range ("yesterday 4-5pm") says how long it lasted, as it does when scheduling.
                at, slot = parse_slot(typed, self.store.clock(), dayfirst=dayfirst, past=True)
                length = None if slot is None else range_length(slot, typed)
            with checks.at("note"):
                note = text.clean_line(values.get("note", ""), field="note")
            checks.refuse_any()
            lengths[:] = [length]
            return workflow.mark_done(self.store, interview_id, at=at, note=note, minutes=length)

        def held(created: Any) -> None:
            if created is None:
                return
            self.screen.after_change(interview.contact_id, select=interview_id)
            when = self.store.interview(interview_id).when
            lasted = "" if lengths[0] is None else f" for {lengths[0]} minutes"
            if created:
                self.screen.tell(
                    f"Held {when:%a %d %b %H:%M}{lasted}. A thank-you note is due {created[0].due:%a %d %b}; see Follow-ups."
                )
            else:
                self.screen.tell(f"Held {when:%a %d %b %H:%M}{lasted}.")

        title = f"When did the conversation with {name} happen?"
        form = HeldForm(title, submit, conversations.held_at(interview, self.store.clock()), self.store.clock, dayfirst=dayfirst)
        self.app.push_screen(form, held)

    def _conversation_words(self, interview: Interview) -> str:
        name = self.store.contact_names().get(interview.contact_id, UNKNOWN_CONTACT)
        if not interview.scheduled and interview.status is not InterviewStatus.DONE:
            # Notes started with n: their date is when they were begun, not a time agreed with
            # the person, which naming it as the conversation's would suggest.
            return f"the conversation with {name} whose notes were started {interview.when:%a %d %b} (no time agreed)"
        return f"the conversation with {name} of {interview.when:%a %d %b %H:%M}"

    def cancel_conversation(self) -> None:
        from .confirm import ConfirmScreen

        interview = self.screen.notes_pane.current
        if interview is None or interview.id is None:
            self.screen.tell_why_no_conversation()
            return
        words = self._conversation_words(interview)
        if interview.status is not InterviewStatus.PLANNED:
            self.screen.tell(f"Nothing to cancel: {words} is {interview.status.label}.", severity="warning")
            return
        interview_id = interview.id

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.screen.save_drafts()
            if self._run("Not cancelled", lambda: conversations.cancel(self.store, interview_id)) is not None:
                self.screen.after_change(interview.contact_id, select=interview_id)
                self.screen.tell(f"Cancelled {words}: kept in their history. u undoes.")

        question = f"Cancel {words}? It stays in their history as cancelled; its notes are kept."
        self.app.push_screen(ConfirmScreen(question), answered)

    def delete_conversation(self) -> None:
        from .confirm import ConfirmScreen

        interview = self.screen.notes_pane.current
        if interview is None or interview.id is None:
            self.screen.tell_why_no_conversation()
            return
        # What is typed but not saved yet counts as notes too.
        self.screen.save_drafts()
        interview = self.store.interview(interview.id)
        words = self._conversation_words(interview)
        if conversations.holds_words(interview):
            self.screen.tell(f"Not deleted: {words} holds notes. c cancels it instead (the notes are kept).", severity="warning")
            return
        if interview.status is InterviewStatus.DONE:
            self.screen.tell(f"Not deleted: {words} was held; it stays in the history.", severity="warning")
            return
        interview_id = interview.id
        assert interview_id is not None

        def removed(yes: bool | None) -> None:
            if not yes:
                return
            def remove() -> bool:
                conversations.remove(self.store, interview_id)
                return True

            if self._run("Not deleted", remove) is None:
                return
            self.screen.after_change(interview.contact_id)
            self.screen.tell(f"Deleted {words}. u undoes.")

        question = f"Delete {words}? It was made by mistake and holds no notes."
        self.app.push_screen(ConfirmScreen(question), removed)

    def add_referral(self) -> None:
        from .contact_form import SAVE_AGAIN_FOR_ANOTHER, asked_twice_for_a_taken_name
        from .referral_form import ReferralForm
        interview = self.screen.notes_pane.current
        if interview is None or interview.id is None or self.screen.contact is None:
            self.screen.tell_why_no_conversation()
            return
        interview_id = interview.id
        referrer = self.screen.contact

        def added(contact: Contact | None) -> None:
            if contact is not None:
                self.screen.after_change(referrer.id, select=interview_id)
                self.screen.tell(f"Added {contact.name}, referred by {referrer.name}.")

        def submit(values: dict[str, str], another: bool) -> Contact:
            return workflow.add_referral(
                self.store, interview_id, values, another=another, how_to_add_another=SAVE_AGAIN_FOR_ANOTHER
            )

        self.app.push_screen(ReferralForm(referrer.name, asked_twice_for_a_taken_name(submit)), added)

    def edit_plan(self) -> None:
        from .plan import PlanItem, PlanScreen
        interview = self.screen.notes_pane.current
        if interview is None or interview.id is None:
            self.screen.tell_why_no_conversation()
            return
        interview_id = interview.id
        self.screen.save_drafts()
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
                self.screen.refresh_notes(select=interview_id)

        check = workflow.question_text
        self.app.push_screen(PlanScreen("Questions for this conversation", shown, interview.question_ids, check), chosen)

    # The question bank and the templates ---------------------------------------------------

    def question_bank(self) -> None:
        from .question_bank import QuestionBankScreen
        self.app.push_screen(QuestionBankScreen(_BankActions(self.screen)), lambda _: self.screen.refresh_notes())

    def templates(self) -> None:
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
                self.screen.tell("Messages and reminders saved.")

        self.app.push_screen(TemplatesScreen(submit, values), saved)


class _BankActions:
    """The question bank screen's requests, carried out on the store. A refused add or edit
    raises, for the form to show; a refused move or retirement is said at once."""

    def __init__(self, screen: StepsHost) -> None:
        self.screen = screen
        self.store = screen.store

    def questions(self) -> list[Question]:
        return self.store.questions(include_retired=True)

    def add(self, values: dict[str, str]) -> Question:
        return self.store.add_question(workflow.question_text(values))

    def edit(self, question_id: int, values: dict[str, str]) -> Question:
        question = next(q for q in self.questions() if q.id == question_id)
        question.text = workflow.question_text(values)
        return self.store.update_question(question)

    def move(self, question_id: int, step: int) -> None:
        attempt(self.screen, "Not moved", lambda: self.store.move_question(question_id, step))

    def toggle(self, question_id: int) -> Question | None:
        return attempt(self.screen, "Not changed", lambda: workflow.toggle_question(self.store, question_id))

    def undo(self) -> None:
        undo = getattr(self.screen, "action_undo", None)
        if undo is not None:
            undo()
