"""What a view opened over the workspace may ask of the screen that opened it, as a type: the
views depend on this, not on the main screen, which imports them."""

from __future__ import annotations

from typing import Any, Protocol

from textual.app import App
from textual.message import Message

from ..core.models import Contact
from ..core.store import Store
from .errors import Notifies
from .messages import ShowContact


class Host(Notifies, Protocol):
    """The screen a view opens over (the main screen); it shows errors as every view does
    (tui/errors.py)."""

    store: Store
    contact: Contact | None

    @property
    def app(self) -> App[Any]: ...

    def tell(self, message: str, **options: Any) -> None:
        """A notification, shown literally."""

    def save_drafts(self) -> bool:
        """Save the notes being typed, so that the view sees them."""

    def refresh_everything(self) -> None:
        """Every pane as the store has it now, after a change that may touch any record (an
        import): the same contact kept selected while they exist."""

    def post_message(self, message: Message) -> bool:
        """Hand the screen a message from tui/messages.py."""

    def show_chosen(self, chosen: ShowContact) -> None:
        """Show what a view closed on (its row chosen), the keys typed meanwhile held until it
        is shown: they are typed at what it shows, not at the view or at what was shown before."""
