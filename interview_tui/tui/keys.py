"""The key map as data: the help screen and the command palette both read it from the bindings."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding

_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "esc",
    "shift+tab": "shift+tab",
    "down": "↓",
    "up": "↑",
    "number_sign": "#",
}


def key_label(keys: str) -> str:
    return " ".join(_NAMES.get(k, k) for k in keys.split(","))


def KEY_GROUPS() -> list[tuple[str, list[Binding]]]:  # noqa: N802 - reads as the constant it is
    """Bindings by where they apply, imported late to avoid an import cycle with the widgets."""
    from .screens.contact_form import ContactForm
    from .screens.form import FormScreen
    from .screens.main import MainScreen
    from .widgets.contacts import ContactsPane
    from .widgets.followups import FollowUpsPane
    from .widgets.notes import NotesEditor, NotesPane
    from .widgets.row_list import RowList

    def described(bindings: Iterable[object]) -> list[Binding]:
        return [b for b in bindings if isinstance(b, Binding) and b.description]

    return [
        ("Everywhere", described(MainScreen.BINDINGS) + [Binding("ctrl+p", "command_palette", "Command palette")]),
        ("Lists", described(RowList.BINDINGS) + [Binding("enter", "", "Open")]),
        ("Contacts", described(ContactsPane.BINDINGS)),
        ("Notes", described(NotesPane.BINDINGS)),
        ("Notes editor", described(NotesEditor.BINDINGS)),
        ("Follow-ups", described(FollowUpsPane.BINDINGS)),
        ("Forms", described(FormScreen.BINDINGS) + described(ContactForm.BINDINGS)),
    ]
