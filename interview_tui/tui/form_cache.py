"""Forms and dialogs built once and shown again.

Building a form costs more than a frame: Textual makes, styles and lays out its sixty-odd widgets
(and does so again for every form, as each one is dismissed and thrown away). A dialog that
declares ``REUSE`` is instead kept after its first use (installed in the app, so dismissing it
does not remove it) and shown again for the next use of the same kind, given that use's title,
values and callbacks by ``Dialog.take_over``: only what changed is drawn again.

The app calls ``reuse`` on every screen it is asked to push, and ``prepare`` once, in idle time
after the first frame, so that the first form of a session opens as fast as the later ones.

Work done ahead of its use never makes a key wait: it runs a piece at a time between frames, each
piece at most about a frame's worth, and only while no key is waiting, being handled or opening a
screen (``in_turn``). A person may press ``a`` the moment the screen is up. Work that cannot be cut
that small (Textual mounting a dialog's widgets, a large table made ready for its first change)
waits, besides, until no key has come for a while (``when_quiet``): a person in the middle of
typing is never held up by it, and one about to start has probably not yet.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from datetime import datetime
from functools import partial
from typing import Any

from textual import events
from textual.app import App
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input, Label, Select, TextArea
from textual.widgets._select import SelectCurrent, SelectOverlay

from .screens import MODALS_CSS
from .screens.dialog import Dialog


def kept(app: App[Any]) -> dict[Hashable, Dialog[Any]]:
    """The dialogs kept for ``app``, by ``reuse_key``."""
    # Held by the app itself, so that they go with it (a table beside it would keep the app
    # alive through the callbacks its dialogs hold).
    found: dict[Hashable, Dialog[Any]] = vars(app).setdefault("_kept_dialogs", {})
    return found


IDLE_RETRY = 1 / 60
"""Seconds after which work put off for a key looks again whether the app is free (a frame)."""


def busy(app: App[Any]) -> bool:
    """Whether a key the person typed is waiting, being handled, or opening a screen."""
    # The app holds keys typed in a burst until the one before is done (InterviewApp.on_event);
    # one not yet read from the app's queue counts too.
    if getattr(app, "_waiting_keys", None) or getattr(app, "_key_in_flight", None) is not None:
        return True
    if getattr(app, "_screens_mounting", 0):
        return True
    queued = getattr(getattr(app, "_message_queue", None), "_queue", ())
    return any(isinstance(message, events.Key) for message in queued)


QUIET = 1.0
"""Seconds without a key (or since the first frame, before any) after which the work given to
``when_quiet`` goes on: a fast typist's keys come well within it, and someone who has read the
screen and is about to press a key has not pressed it yet."""


QUIET_LOOK = 0.25
"""Seconds after which work waiting for a quiet moment looks again at most."""


class Quiet:
    """A piece that waits, before each of its steps, until no key has come for ``seconds``
    (None: ``QUIET``)."""

    def __init__(self, piece: Callable[[], object] | Iterator[object], seconds: float | None = None) -> None:
        self.piece = piece
        self.seconds = seconds

    def wait(self, app: App[Any]) -> float:
        """Seconds left before it may go on."""
        return (QUIET if self.seconds is None else self.seconds) - quiet_for(app)


Piece = Callable[[], object] | Iterator[object] | Quiet
"""A piece of work done ahead of its use: a function, run once, or an iterator, each of whose
steps is a piece of its own. An iterator that yields ``WAIT`` is waiting for something else (a
screen being mounted by its own task): it is asked again once ``wake`` is called."""

WAIT = object()


def when_quiet(app: App[Any], *pieces: Callable[[], object] | Iterator[object], seconds: float | None = None) -> None:
    """As ``in_turn``, but each piece (each step of an iterator) only once no key has come for
    ``seconds`` (None: ``QUIET``): for work that may hold a key up for longer than a frame, which a key typed
    while it runs would wait for."""
    in_turn(app, *(Quiet(piece, seconds) for piece in pieces))


def quiet_for(app: App[Any]) -> float:
    """Seconds since the last key the person typed (or since the first frame, before any key):
    the app notes when (``InterviewApp.last_key_at``); an app that does not is always quiet."""
    last: float | None = getattr(app, "last_key_at", None)
    return float("inf") if last is None else time.monotonic() - last


def in_turn(app: App[Any], *pieces: Piece) -> None:
    """Do ``pieces`` after everything given before them, one between frames at a time, and only
    while no key is waiting or being handled: keys first, then the work done ahead of its use.
    Each piece is at most about a frame's worth, so a key that arrives while one runs waits for
    that one only. All the work the app does after its first frame can go through here."""
    queue: deque[Piece] = vars(app).setdefault("_work_ahead", deque())
    running = bool(queue)
    queue.extend(pieces)
    if not running and queue:
        app.call_after_refresh(_run_next, app, queue)


def _run_next(app: App[Any], queue: deque[Piece]) -> None:
    if not app.is_running or not queue:
        return
    if busy(app):
        # Looked at again a frame later rather than at once: the key's own work (a screen
        # built, laid out and drawn) goes on meanwhile.
        _later(app, queue)
        return
    # Left at the head of the queue while it runs: work it gives to in_turn goes after it,
    # with no second runner started.
    piece = queue[0]
    if isinstance(piece, Quiet):
        wait = piece.wait(app)
        if wait > 0:
            # Looked at again when it would be quiet enough, should no key come meanwhile.
            app.set_timer(min(wait, QUIET_LOOK), lambda: app.call_after_refresh(_run_next, app, queue))
            return
        piece = piece.piece
    if callable(piece):
        piece()
        queue.popleft()
    else:
        step = next(piece, _DONE)
        if step is _DONE:
            queue.popleft()
        elif step is WAIT:
            vars(app)["_work_waiting"] = True
            # Should the wake never come (the app ending meanwhile), it is asked again anyway.
            app.set_timer(WAIT_LIMIT, partial(wake, app))
            return
    if queue:
        app.call_after_refresh(_run_next, app, queue)


def wake(app: App[Any]) -> None:
    """Go on at once with the work given to ``in_turn``, if it is waiting (``WAIT``)."""
    if not vars(app).get("_work_waiting"):
        return
    vars(app)["_work_waiting"] = False
    queue: deque[Piece] | None = vars(app).get("_work_ahead")
    if queue:
        app.call_after_refresh(_run_next, app, queue)


WAIT_LIMIT = 0.25
"""Seconds after which work waiting for something (``WAIT``) looks again without being woken."""


def _later(app: App[Any], queue: deque[Piece]) -> None:
    app.set_timer(IDLE_RETRY, lambda: app.call_after_refresh(_run_next, app, queue))


_DONE = object()


def reuse(app: App[Any], screen: Screen[Any] | str) -> Screen[Any] | str:
    """The screen to push for ``screen``: a kept dialog of the same kind, made to show what
    ``screen`` holds, or ``screen`` itself (kept for next time, when it is a dialog that may be
    reused)."""
    if not isinstance(screen, Dialog):
        return screen
    read_dialog_styles(app)
    key = screen.reuse_key()
    if key is None:
        return screen
    kept_now = kept(app)
    known = kept_now.get(key)
    if known is None:
        _keep(app, kept_now, key, screen)
        return screen
    if known is screen or _in_use(app, known):
        return screen  # already open (a form opened from a form of the same kind): this use gets its own
    if not known.is_mounted:
        return _adopt(app, kept_now, key, known, screen)
    known.take_over(screen)
    return known


def read_dialog_styles(app: App[Any]) -> None:
    """Read the dialogs' stylesheet and the default styles of the widgets they hold, and parse
    them, once: what the first dialog of a session would otherwise do as it opens. (Textual reads
    a screen's stylesheet as the screen is pushed, after beginning to build it, then restyles
    every screen shown, the main one included, and the dialog once more as it is shown.) The
    rules added select only what dialogs hold, so nothing on the main screen needs restyling.
    Called again once more dialogs' modules are imported, it reads the styles of those."""
    done: set[type[DOMNode]] = vars(app).setdefault("_dialog_styles_read", set())
    widget_classes: list[type[DOMNode]] = [
        *_subclasses(Dialog), Input, TextArea, Select, SelectCurrent, SelectOverlay, Label, VerticalScroll
    ]
    new = [widget_class for widget_class in widget_classes if widget_class not in done]
    if done and not new:
        return
    done.update(new)
    stylesheet = app.stylesheet
    if not stylesheet.has_source(str(MODALS_CSS), ""):
        stylesheet.read(MODALS_CSS)
    for widget_class in new:
        # A bare instance is all Textual's reader of the default styles looks at (its class).
        bare: DOMNode = widget_class.__new__(widget_class)
        for read_from, css, tie_breaker, scope in bare._get_default_css():
            stylesheet.add_source(css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope)
    stylesheet.reparse()


def _subclasses(cls: type[Any]) -> list[type[Any]]:
    found: list[type[Any]] = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def prepare(app: App[Any], which: slice = slice(None), *, quiet: bool = False) -> None:
    """Build the dialogs of the most used keys (``which`` of them, most used first), off
    screen, and keep them for their first use: each is composed, styled, laid out and drawn as
    if pushed, without being shown. One dialog at a time, each in pieces between frames, after
    the work given to ``in_turn`` before, and only while no key is waiting; with ``quiet``, only
    once no key has come for a while (``when_quiet``): Textual mounts a dialog's widgets in
    steps of its own, which a key typed meanwhile waits behind. Called once the first frame is
    up."""
    building = _build_all(app, which)
    if quiet:
        when_quiet(app, building)
    else:
        in_turn(app, building)


def import_ahead() -> None:
    """Import the modules of the dialogs ``prepare`` builds: done first, between frames, so that
    ``read_dialog_styles`` reads their styles with the others, and the first of them to open
    finds nothing more to read (reading more restyles every screen)."""
    _ahead()


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


def _build_all(app: App[Any], which: slice) -> Iterator[object]:
    # The dialogs' modules are imported at the first step, between frames, not as the work is
    # queued (at the first frame).
    for make in _ahead()[which]:
        dialog = make()
        kept_now = kept(app)
        key = dialog.reuse_key()
        if key is None or key in kept_now:
            continue  # already kept (used before its turn came)
        _keep(app, kept_now, key, dialog)
        # What App.push_screen does to a screen before showing it, less the showing (Textual
        # has no public way to build a screen ahead of its use): its stylesheet read, then its
        # widgets composed and mounted by its own task, in pieces of Textual's own.
        app._load_screen_css(dialog)
        app._register(app, dialog)
        # A dialog's own queue is read once it is mounted: the work goes on from there.
        dialog.call_later(wake, app)
        yield None
        while not dialog.is_mounted and dialog.is_running:
            yield WAIT
        if kept(app).get(key) is dialog:
            yield from dialog.build_ahead()
        _out_of_collections(app)
        yield None


def _out_of_collections(app: App[Any]) -> None:
    """What is alive now lives for the session (a dialog kept, the tables loaded after the first
    frame): out of the collector's later full passes, as what was loaded before the first frame
    is, when the program asks for it (``InterviewApp.freeze_long_lived``; tests, which run many
    apps in one process, do not). Each such pass would otherwise walk all of it again, for tens
    of milliseconds at 50,000 contacts, whenever it falls, a key's frame included."""
    freeze: Callable[[], None] | None = getattr(app, "freeze_long_lived", None)
    if freeze is not None:
        freeze()


def _keep(app: App[Any], kept_now: dict[Hashable, Dialog[Any]], key: Hashable, dialog: Dialog[Any]) -> None:
    kept_now[key] = dialog
    # Installed, a screen stays built when it is dismissed instead of being removed.
    app.install_screen(dialog, f"kept-{type(dialog).__name__}-{id(dialog)}")


def _adopt(app: App[Any], kept_now: dict[Hashable, Dialog[Any]], key: Hashable, known: Dialog[Any], screen: Dialog[Any]) -> Dialog[Any]:
    """``known``, asked for while it is still being built ahead, made to become ``screen`` once
    it is mounted; or ``screen`` itself when the app cannot hold the keys typed meanwhile."""
    mounting = getattr(app, "_screens_mounting", None)
    mounted = getattr(app, "_screen_mounted", None)
    if not isinstance(mounting, int) or mounted is None:
        # Built again for this use and kept instead: the other one stops being kept.
        del kept_now[key]
        app.uninstall_screen(known)
        _keep(app, kept_now, key, screen)
        return screen
    # The rest of its building is less than building another (and two built at once would
    # each take twice as long). Its queue is read once it is mounted: there it becomes this
    # use's, then the keys typed meanwhile are given out (the app holds them while a screen is
    # mounting), into its first field.
    app._screens_mounting = mounting + 1  # type: ignore[attr-defined]
    known.call_later(known.take_over, screen)
    known.call_later(app.call_later, mounted)
    return known


def _in_use(app: App[Any], dialog: Dialog[Any]) -> bool:
    return any(dialog in stack for stack in app._screen_stacks.values())
