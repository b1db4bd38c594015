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
from textual.screen import Screen

from ..core.rescue import find_rescues, write_rescue
from ..core.store import Store
from .commands import palette_commands
from .screens.main import MainScreen

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
    ) -> None:
        super().__init__()
        self.store = store
        self.cursor_blink = cursor_blink
        """Tests and screenshots turn blinking off so that every frame is the same."""
        self._install_signal_handlers = install_signal_handlers
        self._refused_quit_at = float("-inf")
        self._on_first_frame = on_first_frame

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
        if self._install_signal_handlers:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self._on_terminating_signal)

    def on_ready(self) -> None:
        if self._on_first_frame is not None:
            self._on_first_frame()

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
            return write_rescue(self.store.path, forms, why)
        except OSError:
            return None  # the disk is gone too: nothing more can be done on the way out

    def _on_terminating_signal(self) -> None:
        self.save_everything()
        self.rescue_forms("the terminal went away or the process was told to stop")
        watchdog = threading.Timer(HANGUP_GRACE, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()
        self.exit()


def make_app(
    store: Store,
    *,
    install_signal_handlers: bool = False,
    cursor_blink: bool = True,
    on_first_frame: Callable[[], None] | None = None,
) -> InterviewApp:
    return InterviewApp(
        store,
        install_signal_handlers=install_signal_handlers,
        cursor_blink=cursor_blink,
        on_first_frame=on_first_frame,
    )
