"""Characters that are text, though Python does not call them printable.

Textual's boxes take a key as text only when its character ``isprintable()``, and Python says
that of no format character (Unicode category Cf): the zero-width joiner that holds an emoji
family together (👨‍👩‍👧), the zero-width non-joiner that Persian spelling needs (می‌خواهم), the
marks that set the direction of right-to-left text, the tags of a flag's emoji. Typed into a
box they vanished, while the same text given to the command line was kept. A key whose
character is one of these is given out as a key that is text.
"""

from __future__ import annotations

import unicodedata

from textual import events

from ..core.text import strip_controls


class TextKey(events.Key):
    """A key whose character is text to be typed, whatever ``str.isprintable`` says of it."""

    @property
    def is_printable(self) -> bool:
        return True


# Handlers are found by the message class's name: without this, a box's ``_on_key`` would never
# see the key (Textual would look for ``_on_text_key``).
TextKey.handler_name = events.Key.handler_name


def as_text(key: events.Key) -> events.Key:
    """``key``, or the same key as a ``TextKey`` when its character is a format character that
    text keeps (not the bidirectional embeddings and overrides, which saving removes: see
    core/text.py)."""
    character = key.character
    if (
        character is None
        or len(character) != 1
        or key.is_printable
        or unicodedata.category(character) != "Cf"
        or strip_controls(character) != character
    ):
        return key
    return TextKey(key.key, character)
