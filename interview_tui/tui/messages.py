"""Messages that cross from one screen to another: the views that open over the main screen
post them instead of reaching into it, so that none of them imports the screen beneath."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message


class ShowContact(Message):
    """Select a contact on the main screen (its filter emptied, so that they are in the list)
    and, with ``interview_id``, open that conversation: what choosing a row in the search, the
    answers, the referral tree or the dashboard does."""

    def __init__(
        self,
        contact_id: int,
        interview_id: int | None = None,
        place: Callable[[str], tuple[int, int]] | None = None,
    ) -> None:
        super().__init__()
        self.contact_id = contact_id
        """The contact to select."""
        self.interview_id = interview_id
        """The conversation to open in the notes pane, or None for the contact alone."""
        self.place = place
        """Where the cursor goes in that conversation's notes, given their text: with it, the
        editor takes the focus; without it, the list of conversations does."""
