"""The cyclic garbage collector over a session of the app: the whole policy, in one place.

Why there is one. CPython's collector (3.11) walks, at a full pass, every container object it
tracks that is not frozen, alive or not; at 10,000 contacts the app holds hundreds of thousands
of them for the whole session. Python starts a full pass once the objects that survived the young
passes since the last full one outnumber a quarter of those the last one kept, so whatever the
session keeps (the lines a list has drawn, a dialog kept for its next use, the tables read after
the first frame) makes every later full pass longer: left to itself, a pass grew from 7 ms to
180 ms over 25 seconds of use at 10,000 contacts, and to 270 ms at 50,000, each one a frame (or
a key) held up. A frozen object (``gc.freeze``) is never walked again; it is still freed when
nothing refers to it, but never as part of a cycle: a screen frozen while it is shown (its
widgets refer to one another) would never be freed once closed.

The policy:

1. Off from the start of the program until the first frame is drawn (``cli._run_app``): loading
   the workspace and building the app make nothing but what lives for the session.
2. At the first frame, all of it is frozen and the collector turned on (``first_frame``).
3. From then on, whenever the app is at rest (only the main screen shown, no table half read,
   no key waiting or being handled), a full pass walks what is not frozen, which is only what
   was made since the last time (a screen that was just closed, what the last keys drew), frees
   the garbage, and what survives is frozen (``settle``): it lives as long as the main screen
   does. The app asks for it (``Settler``) when the main screen is shown again after a screen
   over it closed, when a dialog built ahead is done, and after a pause with no key
   (``QUIET``) that followed keys (a person typing notes never leaves the main screen).
4. What is made in bulk for the session after the first frame (the tables read then, a step at
   a time) is frozen straight after each step with no pass over it (``freeze_built``), having
   settled just before: the step makes no garbage (the store reads with the collector off),
   and a pass after it would walk every record it read (150 ms at 50,000 contacts).
5. The young generations are collected by Python as usual, meanwhile: they hold only what the
   last moments made.

So no pass walks more than what the session made since it last rested. The tests run many apps
in one process and freeze nothing: an app built without ``settle`` does none of this.
"""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from textual.worker import active_worker

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

QUIET = 1.0
"""Seconds without a key, after keys on the main screen, after which the app settles."""

SETTLE_AFTER = 0.05
"""Seconds from asking to settle to trying: a screen just closed is taken apart by a task of
Textual's own, and is garbage only once that is done (a few frames)."""

RETRY = 1 / 60
"""Seconds after which a settle put off for a key tries again (a frame)."""

CLOSING_LOOK = 0.25
"""Seconds between two looks (each a pass) at whether a closed screen is freed yet."""

CLOSING_LIMIT = 2.0
"""Seconds a settle waits at most for a screen that was closed to be freed. Textual takes a
closed screen apart in a task of its own, and what it hands to its callbacks can refer to the
screen for a while: frozen meanwhile, the screen (a dashboard with its figures, the search with
its index) would never be freed. One still held after this is held by something that lasts."""


def first_frame() -> None:
    """The program's policy at the first frame: what was made until then lives for the session."""
    gc.freeze()
    gc.enable()


def settle() -> None:
    """A full pass over what is not frozen, then what survived it frozen: call only at rest."""
    gc.collect()
    gc.freeze()


def freeze_built() -> None:
    """What was just made, known to hold no garbage, frozen without a pass over it."""
    gc.freeze()


Result = TypeVar("Result")


def thread_lets_go(work: Callable[[], Result]) -> Result:
    """``work()``, run by a thread worker, such that the thread no longer holds the worker once
    it is done. Textual makes a worker the active one of the thread that runs it for good (in
    that thread's own context), so the worker, and through it the screen that started it, stays
    alive until the thread runs another: a screen closed meanwhile (the referral tree, the
    search with its index) is not freed, and once frozen (see above) it never would be."""
    try:
        return work()
    finally:
        active_worker.set(None)  # type: ignore[arg-type]  # no worker: as before the first


class Settler:
    """When the app settles (see the module's policy): ``request`` from anywhere; it settles at
    the next moment of rest, once."""

    def __init__(
        self,
        app: App[Any],
        busy: Callable[[], bool],
        settle: Callable[[], None],
        freeze_built: Callable[[], None] | None = None,
    ) -> None:
        """``busy``: whether a key is waiting, being handled or opening a screen."""
        self.app = app
        self._busy = busy
        self._settle = settle
        self._freeze_built = freeze_built
        self._wanted = False
        self._scheduled = False
        self._settled_at = time.monotonic()
        self.settled = 0
        """How many times it settled (for the tests)."""
        self._top: weakref.ref[Screen[Any]] | None = None
        self._closing: list[weakref.ref[Screen[Any]]] = []
        """Screens closed since the last settle that may not be freed yet."""
        self._closing_since = 0.0

    def start(self) -> None:
        """Watch for the moments to settle at; called once the first frame is up."""
        self.app.screen_change_signal.subscribe(self.app, self._screen_changed)
        self.app.set_interval(QUIET, self._look_for_a_pause, name="collector-quiet")

    def request(self) -> None:
        self._wanted = True
        if not self._scheduled:
            self._scheduled = True
            self.app.set_timer(SETTLE_AFTER, self._try, name="collector-settle")

    def at_rest(self) -> bool:
        app = self.app
        store = getattr(app, "store", None)
        return (
            len(app.screen_stack) == 1
            and not self._busy()
            and not (store is not None and store.tables_read_later())
        )

    @contextmanager
    def lasting(self) -> Iterator[None]:
        """Around a step that makes only what lives for the session, and no garbage (policy 4).
        At rest only: what is shown over the main screen is frozen too, else."""
        if self._freeze_built is None or not self._only_the_main_screen() or self._closing:
            yield
            return
        self._settle()
        try:
            yield
        finally:
            self._freeze_built()
            self._settled_at = time.monotonic()

    def _only_the_main_screen(self) -> bool:
        return len(self.app.screen_stack) == 1

    def _try(self) -> None:
        self._scheduled = False
        app = self.app
        if not self._wanted or not app.is_running:
            return
        if not self.at_rest():
            if self._only_the_main_screen():
                # A key on its way, or a table being read (whose end asks again): once it is
                # done. A screen over the main one asks again as it closes (_screen_changed).
                self._scheduled = True
                app.set_timer(RETRY, self._try, name="collector-settle")
            return
        if self._closing and not self._closed():
            self._scheduled = True
            app.set_timer(CLOSING_LOOK, self._try, name="collector-settle")
            return
        self._wanted = False
        self._settle()
        self.settled += 1
        self._settled_at = time.monotonic()

    def _closed(self) -> bool:
        """Whether the screens closed since the last settle are freed (or held by something
        that lasts): a pass frees those that are garbage by now. One whose worker still runs on
        another thread (the referral tree, the search index) is held until it ends."""
        closing = [screen for ref in self._closing if (screen := ref()) is not None]
        if any(worker.node in closing and not worker.is_finished for worker in self.app.workers):
            return False
        if closing:
            del closing
            gc.collect()
        self._closing = [ref for ref in self._closing if ref() is not None]
        if self._closing and time.monotonic() - self._closing_since < CLOSING_LIMIT:
            return False
        self._closing.clear()
        return True

    def _screen_changed(self, screen: Screen[Any]) -> None:
        before = self._top() if self._top is not None else None
        self._top = weakref.ref(screen)
        app = self.app
        if (
            before is not None
            and before is not screen
            and before not in app.screen_stack
            and not app.is_screen_installed(before)  # a dialog kept for its next use lives on
        ):
            if not self._closing:
                self._closing_since = time.monotonic()
            self._closing.append(weakref.ref(before))
        if len(app.screen_stack) == 1:
            self.request()  # what the screen over it made is garbage now, or soon

    def _look_for_a_pause(self) -> None:
        last_key: float | None = getattr(self.app, "last_key_at", None)
        if last_key is not None and last_key > self._settled_at and time.monotonic() - last_key >= QUIET:
            self.request()
