"""The one way the interface shows that something went wrong, and any notification holding text
from the workspace.

The core's errors already say what went wrong and what to do about it (core/errors.py); here they
only find their place. In a form, the message goes under the field it names (else at the foot of
the form) and the form stays open with everything typed in it; anywhere else it is a
notification. Every text shown passes the same control-character cleaning and is never read as
markup: a name imported from a file could hold either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar, runtime_checkable

from ..core.errors import InterviewTuiError, InvalidFields, InvalidInput, SaveFailed, WorkspaceReadOnly
from ..core.text import strip_controls

T = TypeVar("T")

Severity = Literal["information", "warning", "error"]

READ_ONLY_TIMEOUT = 15.0
"""Seconds a refusal of a read-only workspace stays: trying again cannot help, so it is read."""


class Notifies(Protocol):
    """A screen, a widget or the app: anything that can show a notification."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Severity = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...


@runtime_checkable
class ShowsFieldErrors(Protocol):
    """A form: it shows each message under the field named with it, or at its foot for ``None``."""

    def show_errors(self, refusals: Sequence[tuple[str | None, str]]) -> None: ...


def tell(where: Notifies, message: str, *, title: str = "", severity: Severity = "information", timeout: float | None = None) -> None:
    """A notification shown literally: control characters removed, never read as markup."""
    options: dict[str, Any] = {"title": strip_controls(title), "severity": severity, "markup": False}
    if timeout is not None:
        options["timeout"] = timeout
    where.notify(strip_controls(message), **options)


def show_error(
    where: Notifies,
    error: InterviewTuiError,
    *,
    title: str = "Not saved",
    field: str | None = None,
    then: str = "",
    timeout: float | None = None,
) -> None:
    """Show ``error`` where the user is looking, with ``then`` (what the program does next) after it.

    ``where`` is a form: under the field the error names (an InvalidInput's; each field's of
    an InvalidFields), else under ``field``, else at the foot of the form, which stays open.
    Anything else: a notification titled ``title``; a refusal of a read-only workspace says so in
    its title and stays longer.
    """

    def said(refused: InterviewTuiError) -> str:
        return strip_controls(" ".join(part for part in (str(refused), then) if part))

    if isinstance(where, ShowsFieldErrors):
        refusals: Sequence[InterviewTuiError] = error.refusals if isinstance(error, InvalidFields) else (error,)
        where.show_errors([(getattr(refusal, "field", None) or field, said(refusal)) for refusal in refusals])
        return
    message = said(error)
    if isinstance(error, WorkspaceReadOnly):
        title, timeout = f"{title}: read-only", READ_ONLY_TIMEOUT
    tell(where, message, title=title, severity="error", timeout=timeout)


def attempt(where: Notifies, title: str, step: Callable[[], T]) -> T | None:
    """Run ``step``; when the core refuses it, show why (see show_error) and return None."""
    try:
        return step()
    except InterviewTuiError as exc:
        show_error(where, exc, title=title)
        return None


@contextmanager
def at_field(name: str) -> Iterator[None]:
    """Inside a form's submit: an error of the core raised in the block that names no field of
    its own (a date that cannot be read, a file that cannot be written) belongs under ``name``."""
    try:
        yield
    except InterviewTuiError as exc:
        if getattr(exc, "field", None):
            raise
        raise InvalidInput(str(exc), field=name) from exc


def as_save_error(failure: BaseException | None, path: Path) -> InterviewTuiError:
    """A failed write on the writer's thread as the person is told of it (the storage raises
    SaveFailed; anything else is a fault of ours, said plainly rather than as a traceback)."""
    if isinstance(failure, InterviewTuiError):
        return failure
    return SaveFailed(f"could not save {path}: {failure}; the previous file is intact.")
