"""InterviewApp, and make_app: the one way the CLI and the tests build it."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.screen import Screen

from .. import prefs
from ..core.rescue import find_rescues, write_rescue
from ..core.store import Store
from .commands import palette_commands
from .driver import HangUpAwareDriver, TerminalClosed
from .screens.main import MainScreen
from .widgets.contacts import ContactsPane

QUIT_AGAIN_WINDOW = 5.0
"""Seconds within which a second quit leaves even though notes could not be saved."""

HANGUP_GRACE = 3.0
"""Seconds a shutdown may take after a hang-up before the process ends anyway: Textual's exit
writes to the terminal, and a dropped SSH connection leaves nothing to write to."""


class InterviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "interview-tui"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        store: Store,
        *,
        install_signal_handlers: bool = False,
        cursor_blink: bool = True,
        on_first_frame: Callable[[], None] | None = None,
        prefs_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.preferences = prefs.Preferences()
        """The user's own display preferences, read from ``prefs_path`` (None: the defaults,
        kept for the session only, as the tests want)."""
        self._prefs_path = prefs_path
        self._prefs_refused: str | None = None
        if prefs_path is not None:
            try:
                self.preferences = prefs.load(prefs_path)
            except (prefs.PreferencesUnreadable, OSError) as exc:
                # A file the user wrote by hand is never written over while it cannot be read.
                self._prefs_refused = str(exc)
                self._prefs_path = None
        self.cursor_blink = cursor_blink
        """Tests and screenshots turn blinking off so that every frame is the same."""
        self._install_signal_handlers = install_signal_handlers
        self._refused_quit_at = float("-inf")
        self._on_first_frame = on_first_frame
        self._ending = False
        self._is_ready = False
        self._rescue_file: Path | None = None
        """This session's rescue file: a later ending rewrites it rather than adding another."""

    def get_driver_class(self) -> type[Driver]:
        # Textual's own choice, unless that is its Linux driver (TEXTUAL_DRIVER may name another).
        driver_class = super().get_driver_class()
        return HangUpAwareDriver if driver_class is LinuxDriver else driver_class

    @property
    def read_only(self) -> str | None:
        """Why the workspace cannot be changed here, or None when it can."""
        return getattr(self.store, "read_only", None)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.store)

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def on_mount(self) -> None:
        self.store.storage.on_diverted = self._saves_diverted
        rescued = find_rescues(self.store.path)
        if rescued:
            self.notify(
                "Text typed into a form when an earlier session ended is kept in "
                + ", ".join(str(path) for path in rescued)
                + ". Use what you need, then delete the file.",
                title="Unsaved text from last time",
                severity="warning",
                timeout=30,
                markup=False,
            )
        if self._prefs_refused is not None:
            self.notify(
                f"{self._prefs_refused}. The defaults are used, and the file is left as it is until it is fixed.",
                title="Preferences not read",
                severity="warning",
                timeout=15,
                markup=False,
            )
        if self.read_only:
            self.notify(
                f"{self.read_only} You can look at everything; changes are refused.",
                title="Opened read-only",
                severity="warning",
                timeout=15,
                markup=False,
            )
        if self._install_signal_handlers:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self._on_terminating_signal)

    def on_ready(self) -> None:
        self._is_ready = True
        if self._on_first_frame is not None:
            self._on_first_frame()
        if self._ending:
            self.exit()  # the session ended while the first screen was being built

    def _saves_diverted(self, conflict: Path) -> None:
        # Said once, and kept in the title: until the app is closed every save goes there.
        self.sub_title = f"saving to {conflict.name}"
        for screen in self.screen_stack:
            screen.sub_title = self.sub_title
        self.notify(
            f"{self.store.path.name} was changed by another program while it was open here. "
            f"Nothing was written over it: your changes are being saved to {conflict} instead. "
            "Compare the two after quitting and keep what you need.",
            title="Saving to a separate file",
            severity="error",
            timeout=60,
            markup=False,
        )

    def on_contacts_pane_order_changed(self, message: ContactsPane.OrderChanged) -> None:
        self.preferences.warmest_first = message.warmest
        if self._prefs_path is None:
            return
        try:
            prefs.save(self._prefs_path, self.preferences)
        except OSError as exc:
            self.notify(
                f"The order is kept for this session only: {exc}",
                title="Preferences not saved",
                severity="warning",
                markup=False,
            )

    def apply_cursor_blink(self, screen: Screen[object]) -> None:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = self.cursor_blink  # type: ignore[attr-defined]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from palette_commands(self.main_screen)
        yield from super().get_system_commands(screen)

    def save_everything(self) -> bool:
        """Save whatever was typed and not yet saved; True when nothing is left unsaved."""
        try:
            screen = self.main_screen
        except StopIteration:
            return True
        if not screen.is_mounted:
            return True  # ended before the first frame: nothing can have been typed yet
        return screen.save_drafts()

    async def action_quit(self) -> None:
        # When notes could not be saved (a full disk, a vanished directory), quitting would throw
        # them away: the first quit says so and stays; a second one within a few seconds goes.
        now = time.monotonic()
        if self.save_everything() or now - self._refused_quit_at < QUIT_AGAIN_WINDOW:
            self.exit()
            return
        self._refused_quit_at = now
        self.notify(
            "Your notes could not be saved, so they are still only here. Free some space or fix "
            "the folder and try again, or quit again now to leave without them.",
            title="Not quitting yet",
            severity="error",
            timeout=QUIT_AGAIN_WINDOW,
        )

    def rescue_forms(self, why: str) -> Path | None:
        """Keep what is typed into open forms in a file beside the workspace (see core/rescue.py)."""
        from .screens.form import FormScreen

        forms = [(s.form_title, s.typed()) for s in self.screen_stack if isinstance(s, FormScreen)]
        try:
            written = write_rescue(self.store.path, forms, why, path=self._rescue_file)
        except OSError:
            return None  # the disk is gone too: nothing more can be done on the way out
        if written is not None:
            self._rescue_file = written
        return written

    def _on_terminating_signal(self) -> None:
        self._end_session("the terminal went away or the process was told to stop")

    def on_terminal_closed(self, _message: TerminalClosed) -> None:
        self._end_session("the terminal went away")

    def _end_session(self, why: str) -> None:
        # One ending often has several triggers: a dropped connection sends SIGHUP and closes
        # the terminal (end of input, and a second SIGHUP when the pseudo-terminal goes), and a
        # service manager follows SIGTERM with more. Each one saves what is new; the forms
        # go to this session's one rescue file; only the first starts the clock.
        self.save_everything()
        self.rescue_forms(why)
        if self._ending:
            return
        self._ending = True
        watchdog = threading.Timer(HANGUP_GRACE, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()
        if self._is_ready:
            self.exit()
        # Else on_ready exits: leaving while the main screen mounts breaks its mounting.


def make_app(
    store: Store,
    *,
    install_signal_handlers: bool = False,
    cursor_blink: bool = True,
    on_first_frame: Callable[[], None] | None = None,
    prefs_path: Path | None = None,
) -> InterviewApp:
    return InterviewApp(
        store,
        install_signal_handlers=install_signal_handlers,
        cursor_blink=cursor_blink,
        on_first_frame=on_first_frame,
        prefs_path=prefs_path,
    )
