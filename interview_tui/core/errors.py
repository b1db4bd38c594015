"""Errors the core raises for the user to read: each message says what happened and what to do."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager


class InterviewTuiError(Exception):
    """Base class: its message is meant for the user, on one line where possible."""


class InvalidInput(InterviewTuiError, ValueError):
    """A value typed by the user (or read from a file) that cannot be accepted.

    ``field`` names the form field it belongs to, so a form can show the message beside it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InvalidFields(InvalidInput):
    """Several fields of one form refused at once, each by its own InvalidInput in ``refusals``:
    a form shows every one under its field; anywhere else the message is all of theirs."""

    def __init__(self, refusals: Sequence[InvalidInput]) -> None:
        super().__init__(" ".join(str(refusal) for refusal in refusals), field=refusals[0].field)
        self.refusals = tuple(refusals)


class FieldChecks:
    """The checks of a form's fields, made one after another with each refusal kept rather than
    raised, so that a person is told of every field that is wrong in one go, not of one per save.

    ``with checks.at("minutes"): length = minutes_of(typed)`` keeps a refusal for that field;
    ``refuse_any()`` then raises what was kept. A value assigned in a block that was refused is
    not there: read the values after ``refuse_any()``.
    """

    def __init__(self) -> None:
        self.refusals: list[InvalidInput] = []

    @contextmanager
    def at(self, field: str) -> Iterator[None]:
        """Any refusal inside the block is ``field``'s, whatever (if anything) it names."""
        try:
            yield
        except InvalidFields as exc:
            self.refusals.extend(exc.refusals)
        except InvalidInput as exc:
            self.refusals.append(exc if exc.field == field else InvalidInput(str(exc), field=field))

    def refuse_any(self) -> None:
        """Raise what was refused: one refusal as it was raised, several as InvalidFields."""
        if len(self.refusals) == 1:
            raise self.refusals[0]
        if self.refusals:
            raise InvalidFields(self.refusals)


class WorkspaceError(InterviewTuiError):
    """The workspace file cannot be opened or saved."""


class WorkspaceInUse(WorkspaceError):
    def __init__(self, path: str, pid: int | None) -> None:
        who = f"PID {pid}" if pid else "another process"
        super().__init__(
            f"{path} is in use by {who}. Close the other interview-tui first, "
            "or open a different file with --db."
        )
        self.pid = pid


class WorkspaceUnreadable(WorkspaceError):
    """The file exists but is not a workspace this version can read; it is never written over."""


class WorkspaceUnavailable(WorkspaceError):
    """The path cannot hold a workspace: a missing or read-only directory, a directory as file."""


class SaveFailed(WorkspaceError):
    """Writing failed (disk full, permissions); the previous file is intact."""


class NotFound(InterviewTuiError, LookupError):
    pass


class ContactNotFound(NotFound):
    """No contact answers to the name (or ``id:N``) given. Where to see them all depends on where
    it was asked: the command line adds its own command for it; a form field says its own."""

    def __init__(self, message: str, *, by_id: bool = False) -> None:
        super().__init__(message)
        self.by_id = by_id


class NameTaken(InvalidInput):
    """A new contact given the exact name of one already there. It is refused, since every later
    use of that name would be ambiguous; how to add a second person of that name anyway depends
    on where it was asked (the command line's --another, the form's saving again), and is said
    by ``how_to_add_another``."""

    def __init__(self, name: str, ids: Sequence[int], how_to_add_another: str) -> None:
        known = ", ".join(f"id:{contact_id}" for contact_id in ids)
        someone = "is already a contact" if len(ids) == 1 else f"are already {len(ids)} contacts"
        message = f"There {someone} named {name} ({known})."
        super().__init__(f"{message} {how_to_add_another}".strip(), field="name")
        self.ids = tuple(ids)


class SamePersonThere(InvalidInput):
    """Someone in the trash is restored while a contact now in the workspace is the same person
    (an import brought them back meanwhile): restoring would make two of them. How to go on (the
    command line's --another, the app's question) is said by ``how_to_go_on``."""

    def __init__(self, name: str, others: Sequence[tuple[str, int, str]], how_to_go_on: str) -> None:
        said = "; ".join(f"{other} (id:{contact_id}) has the same {what}" for other, contact_id, what in others)
        message = f"{name} was not restored: {said}, and is likely the same person."
        super().__init__(f"{message} {how_to_go_on}".strip())
        self.ids = tuple(contact_id for _, contact_id, _ in others)


class WorkspaceReadOnly(WorkspaceError):
    """The workspace was opened read-only (no write permission, a read-only file system, locks
    that do not work there): it can be read, and every save is refused with this, saying why."""
