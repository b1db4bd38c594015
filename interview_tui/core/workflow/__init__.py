"""The rules of the method: what each step records, and how a contact's stage follows from it.

The TUI and the CLI both call these functions, so a contact added from the shell and one added
in the app are checked and recorded in exactly the same way. One module per job:

- ``fields``: what a person typed into a form (a contact, tags, a conversation's length and way
  to meet, the reminders settings), checked and cleaned
- ``stages``: a contact's stage, moved forward by what happened
- ``followups``: follow-ups and touches: adding, doing (and what doing one records), closing
- ``steps``: the method's steps: the ask and its reply, scheduling, the conversation held, the
  people it led to
- ``notes``: a conversation's notes document, and notes added to it
- ``plans``: the question bank's edits and each conversation's plan of questions
- ``update_everyone``: the update to everyone who helped, once the search reached an outcome

Every public name is re-exported here, so callers write ``workflow.log_ask(...)`` without
knowing which module holds it.
"""

from __future__ import annotations

from .fields import (
    CONTACT_TEXT_FIELDS,
    MAX_CONTACT_NOTES,
    MAX_TAG,
    MAX_TAGS,
    check_not_an_id,
    contact_from_fields,
    minutes_of,
    mode_of,
    parse_tags,
    set_tags,
    settings_from_fields,
    tags_from_list,
)
from .followups import (
    add_followup,
    address_missing,
    close_followup,
    complete_check_in,
    complete_followup,
    due_day,
    moved_to_its_days,
    open_followups,
    record_touch,
)
from .notes import add_note, capture, interview_document, notes_conversation, notes_conversation_of, save_document
from .plans import (
    add_one_off_question,
    default_plan,
    notes_questions,
    question_text,
    set_plan,
    toggle_question,
)
from .stages import advance_stage
from .steps import add_referral, ask_message, log_ask, log_reply, mark_done, schedule_interview
from .update_everyone import update_everyone, who_helped

__all__ = [
    "CONTACT_TEXT_FIELDS",
    "MAX_CONTACT_NOTES",
    "MAX_TAG",
    "MAX_TAGS",
    "add_followup",
    "add_note",
    "add_one_off_question",
    "add_referral",
    "address_missing",
    "advance_stage",
    "ask_message",
    "capture",
    "close_followup",
    "complete_check_in",
    "complete_followup",
    "check_not_an_id",
    "contact_from_fields",
    "default_plan",
    "due_day",
    "interview_document",
    "log_ask",
    "log_reply",
    "mark_done",
    "moved_to_its_days",
    "minutes_of",
    "mode_of",
    "notes_conversation",
    "notes_conversation_of",
    "open_followups",
    "parse_tags",
    "notes_questions",
    "question_text",
    "record_touch",
    "save_document",
    "schedule_interview",
    "set_plan",
    "set_tags",
    "settings_from_fields",
    "tags_from_list",
    "toggle_question",
    "update_everyone",
    "who_helped",
]
