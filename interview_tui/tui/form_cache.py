"""Forms and dialogs built once and shown again.

Building a form costs more than a frame: Textual makes, styles and lays out its sixty-odd widgets
(and does so again for every form, as each one is dismissed and thrown away). A dialog that
declares ``REUSE`` is instead kept after its first use (installed in the app, so dismissing it
does not remove it) and shown again for the next use of the same kind, given that use's title,
values and callbacks by ``Dialog.take_over``: only what changed is drawn again.

The app calls ``reuse`` on every screen it is asked to push, and ``prepare`` once, in idle time
after the first frame, so that the first form of a session opens as fast as the later ones.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime
from typing import Any

from textual.app import App
from textual.screen import Screen

from .screens.dialog import Dialog


def kept(app: App[Any]) -> dict[Hashable, Dialog[Any]]:
    """The dialogs kept for ``app``, by ``reuse_key``."""
    # Held by the app itself, so that they go with it (a table beside it would keep the app
    # alive through the callbacks its dialogs hold).
    found: dict[Hashable, Dialog[Any]] = vars(app).setdefault("_kept_dialogs", {})
    return found


def reuse(app: App[Any], screen: Screen[Any] | str) -> Screen[Any] | str:
    """The screen to push for ``screen``: a kept dialog of the same kind, made to show what
    ``screen`` holds, or ``screen`` itself (kept for next time, when it is a dialog that may be
    reused)."""
    if not isinstance(screen, Dialog):
        return screen
    key = screen.reuse_key()
    if key is None:
        return screen
    kept_now = kept(app)
    known = kept_now.get(key)
    if known is None:
        _keep(app, kept_now, key, screen)
        return screen
    if known is screen or _in_use(app, known) or not known.is_mounted:
        # Already open (a form opened from a form of the same kind), or still being built ahead
        # of its use: this use gets its own.
        return screen
    known.take_over(screen)
    return known


def prepare(app: App[Any]) -> None:
    """Build the dialogs of the most used keys now, one a step between frames, off screen, and
    keep them for their first use: each is composed and styled as if pushed, without being
    shown. Called once the first frame is up (and the dialogs' stylesheet read)."""
    app.call_after_refresh(_build_next, app, _ahead())


def _ahead() -> list[Callable[[], Dialog[Any]]]:
    from .screens.confirm import ConfirmScreen
    from .screens.contact_form import ContactForm
    from .screens.followup_form import FollowUpForm
    from .screens.help import HelpScreen
    from .screens.schedule_form import ScheduleForm
    from .screens.trash import TrashScreen

    # Stand-ins: each use replaces them (take_over) before the dialog is seen.
    def unused(values: dict[str, str]) -> Any:
        raise AssertionError("a dialog built ahead is never submitted before a use replaces it")

    now = datetime.now
    return [
        lambda: ContactForm(unused),
        lambda: ScheduleForm("", unused, now),
        lambda: FollowUpForm("", unused, now),
        lambda: ConfirmScreen(""),
        lambda: HelpScreen(),
        lambda: TrashScreen([], now()),
    ]


def _build_next(app: App[Any], makers: list[Callable[[], Dialog[Any]]]) -> None:
    if not makers or not app.is_running:
        return
    dialog = makers.pop(0)()
    kept_now = kept(app)
    key = dialog.reuse_key()
    if key is not None and key not in kept_now:
        _keep(app, kept_now, key, dialog)
        # What App.push_screen does to a screen before showing it, less the showing (Textual
        # has no public way to build a screen ahead of its use): its stylesheet read, then its
        # widgets composed and mounted by its own task.
        app._load_screen_css(dialog)
        app._register(app, dialog)
        dialog.call_after_refresh(dialog.styled_ahead)
    app.call_after_refresh(_build_next, app, makers)


def _keep(app: App[Any], kept_now: dict[Hashable, Dialog[Any]], key: Hashable, dialog: Dialog[Any]) -> None:
    kept_now[key] = dialog
    # Installed, a screen stays built when it is dismissed instead of being removed.
    app.install_screen(dialog, f"kept-{type(dialog).__name__}-{len(kept_now)}")


def _in_use(app: App[Any], dialog: Dialog[Any]) -> bool:
    return any(dialog in stack for stack in app._screen_stacks.values())
