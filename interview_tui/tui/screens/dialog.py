"""The one dialog: every modal screen (forms, questions, lists that open over the main screen)
is a Dialog, framed by the shared classes of modals.tcss (``dialog``, ``dialog-title``,
``dialog-hint``), so a new one needs no stylesheet edit and all of them look alike."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from . import MODALS_CSS

T = TypeVar("T")

FRAME = "dialog"
"""The class of a dialog's frame: the border, the background, centred over the screen."""
TITLE = "dialog-title"
"""The class of its title line."""
HINT = "dialog-hint"
"""The class of its line of key hints, or of a note on what it does."""


class Dialog(ModalScreen[T]):
    """A modal screen in the shared style. Sizes: the frame's classes ``-narrow`` (a question),
    ``-tall`` (a message or a list), ``-full`` (a view of the whole workspace); a form by default.
    ``-danger`` frames something that cannot be undone."""

    CSS_PATH = MODALS_CSS
