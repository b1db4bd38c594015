"""InterviewApp, and make_app: the one way the CLI and the tests build it."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from rich.console import RenderableType
from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.message_pump import MessagePump
from textual.screen import Screen, ScreenResultCallbackType, ScreenResultType
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Input, TextArea
from textual.widgets._toast import ToastRack

from .. import prefs
from ..core.errors import WorkspaceUnreadable
from ..core.rescue import find_rescues, write_rescue
from ..core.storage import find_conflicts
from ..core.store import Store
from ..core.text import strip_controls, without_bidi_controls
from . import collector, form_cache, pictures
from .commands import palette_commands, view_commands
from .driver import HangUpAwareDriver, TerminalClosed
from .errors import as_save_error, tell
from .keys import check_keymap, use_keymap
from .screens.dialog import backdrop
from .screens.help import HelpScreen, load_every_view
from .screens.main import MainScreen
from .typed_text import as_text
from .widgets.contacts import ContactsPane

QUIT_AGAIN_WINDOW = 5.0
"""Seconds within which a second quit leaves even though notes could not be saved."""

SETTLE_BEFORE_NEXT_KEY = 1 / 60
"""Seconds a key typed ahead waits after the key before it is done, for what that one set going
(a focus moved in a callback, a box's enter handled by its pane): a frame."""

KEY_WAIT_LIMIT = 0.5
"""Seconds the keys typed after a key wait for it to be handled (or a screen to open) at most."""

READ_LATER_PIECE = 0.003
"""Seconds each step of reading a table after the first frame aims at: the records read at a
step follow from how long the step before took, as machines and records differ."""
READ_LATER_FIRST = 250
"""Records read at the first step of each table, before its pace is known."""
PREPARE_QUIET = 2.0
"""Seconds without a key before a large table is made ready for its first change (see
Store.prepare_for_changes): a step of its own that can take longer than several frames."""

PHONE_WIDTH = 60
"""Below this many columns (a phone's 40) a notice is as wide as the screen (app.tcss): at half
of it, Textual's own, a word or two was a line of the screen covered."""

PREPARED_DIALOGS = (
    ".screens.method",  # the steps most keys hand over to (the main screen imports it when first used)
    ".screens.contact_form",
    ".screens.schedule_form",
    ".screens.followup_form",
    ".screens.queue_forms",
    ".screens.confirm",
    ".screens.trash",
    ".screens.dashboard",
    ".screens.referrals",
    ".screens.answers",
    ".screens.search",
    ".screens.help",
    ".screens.ask",
    ".screens.reply",
    ".screens.held_form",
    ".screens.move_form",
    ".screens.referral_form",
    ".screens.followup_view",
    ".screens.plan",
    ".screens.question_bank",
    ".screens.templates",
    ".screens.transfer",
)
"""The forms and views imported in idle time after the first frame, one a step, those of the most
used keys first: every one that ``?`` lists (``help.load_every_view``)."""

KEYS_HANDLED_AFTER_HANG_UP = 0.2
"""Seconds the app goes on handling keys it had read when the session ended, before the last
save (well within HANGUP_GRACE)."""
HANGUP_GRACE = 3.0
"""Seconds a shutdown may take after a hang-up before the process ends anyway: Textual's exit
writes to the terminal, and a dropped SSH connection leaves nothing to write to."""


class Palette(CommandPalette):
    """Textual's command palette, with the screen beneath drawn as a dialog draws it: from the
    picture that screen last drew (drawing it again was most of the palette's first frame)."""

    def render(self) -> Any:
        return backdrop(super().render())


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
        freeze_long_lived: Callable[[], None] | None = None,
        freeze_built: Callable[[], None] | None = None,
        prefs_path: Path | None = None,
        background_saves: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self._background_saves = background_saves
        """Saves written by a thread of their own (the program does this; most tests keep them
        on the event loop's thread, where a key's effect is in the file when the key is handled)."""
        self.preferences = prefs.Preferences()
        """The user's own display preferences, read from ``prefs_path`` (None: the defaults,
        kept for the session only, as the tests want)."""
        self._prefs_path = prefs_path
        self._prefs_refused: str | None = None
        if prefs_path is not None:
            try:
                self.preferences = prefs.load(prefs_path, check_keys=_check_keymap)
            except (prefs.PreferencesUnreadable, OSError) as exc:
                # A file the user wrote by hand is never written over while it cannot be read.
                self._prefs_refused = str(exc)
                self._prefs_path = None
        # Every list of keys (the footer, ?, the palette) shows them as remapped.
        use_keymap(self.preferences.keys)
        self.set_keymap(self.preferences.keys)
        self.cursor_blink = cursor_blink
        """Tests and screenshots turn blinking off so that every frame is the same."""
        self._install_signal_handlers = install_signal_handlers
        self._refused_quit_at = float("-inf")
        self._refused_quit_notes: list[tuple[str, dict[str, str]]] | None = None
        """The unsaved notes a refused quit warned of: a second quit goes only when they are
        the same (words typed after the warning are not what it warned of)."""
        self._on_first_frame = on_first_frame
        self._settler = None if freeze_long_lived is None else collector.Settler(
            self, partial(form_cache.busy, self), freeze_long_lived, freeze_built
        )
        """When what lives for the session is kept out of the garbage collector's later passes
        (the policy: tui/collector.py); with ``freeze_long_lived`` (the program's: a full pass,
        then ``gc.freeze``) and ``freeze_built`` (``gc.freeze`` alone, after a step known to
        make no garbage). None: nothing is frozen (the tests, which run many apps in one
        process)."""
        self._ending = False
        self._is_ready = False
        self._waiting_keys: deque[events.Key | events.Paste] = deque()
        """Keys typed while the one before is still on its way, or a screen is still mounting."""
        self._key_in_flight: events.Key | None = None
        self._typing_into: object | None = None
        self._key_timer: Timer | None = None
        self._key_watched: events.Key | None = None
        """The key in flight when the timer for the keys behind it was set."""
        self._binding_settling = False
        """A key is done, and what it set going (a focus moved) may not be yet: keys wait."""
        self._binding_running: events.Key | None = None
        """The key whose binding is being run (a form's ctrl+s waits for its save meanwhile)."""
        self._screens_mounting = 0
        self._keys_held = 0
        """How many things under way hold the keys typed meanwhile (``hold_keys``)."""
        self._held_until = 0.0
        self.last_key_at: float | None = None
        """When (``time.monotonic``) the person last typed a key, or the first frame was up
        before any: work that could hold a key up waits for a quiet moment (form_cache)."""
        self._mount_waits: set[asyncio.Task[None]] = set()
        self._rescue_file: Path | None = None
        """This session's rescue file: a later ending rewrites it rather than adding another."""
        self._opened_at = store.clock()
        self._last_save_failure: BaseException | None = None
        self.watchdog: threading.Timer | None = None
        """Ends the process if a session ending (a hang-up) does not finish in time."""
        self._gone_at_first_key: set[tuple[str, str]] = set()
        """The notices of the start (title, message) that the first key typed once they are
        shown takes away, as well as their time."""
        self.found_unreadable: WorkspaceUnreadable | None = None
        """Set when a table read after the first frame shows the file to be one that opening
        refuses: the app then ends, and the command says why as it does at opening."""
        """Conversations changed since (notes typed in this session) are rescued with the forms
        when the session ends without being able to save them."""

    # Keys in a burst ---------------------------------------------------------------------
    #
    # A terminal delivers keys in bursts (a fast typist, a paste, SSH), and Textual passes each
    # key on to the focused widget's queue at once, before the key ahead of it has had its
    # effect. Its bindings run only when a key comes back up to the app: so after `a`, the
    # letters behind it were already given to the contacts list and are lost when the form
    # opens; after `tab` in a form, the next letters land in the field being left. So a key is
    # given out only once the one before it is done (taken by a widget, or back at the app and
    # its binding run), and not while a screen that was just opened is still being mounted (its
    # first field not yet focused): the keys behind wait, in the order they were typed.

    if TYPE_CHECKING:
        # App.push_screen's own overloads: what it returns depends on wait_for_dismiss.

        @overload
        def push_screen(
            self,
            screen: Screen[ScreenResultType] | str,
            callback: ScreenResultCallbackType[ScreenResultType] | None = None,
            wait_for_dismiss: Literal[False] = False,
            *,
            mode: str | None = None,
        ) -> AwaitMount: ...

        @overload
        def push_screen(
            self,
            screen: Screen[ScreenResultType] | str,
            callback: ScreenResultCallbackType[ScreenResultType] | None = None,
            wait_for_dismiss: Literal[True] = True,
            *,
            mode: str | None = None,
        ) -> asyncio.Future[ScreenResultType]: ...

    def push_screen(
        self,
        screen: Screen[Any] | str,
        callback: ScreenResultCallbackType[Any] | None = None,
        wait_for_dismiss: bool = False,
        *,
        mode: str | None = None,
    ) -> AwaitMount | asyncio.Future[Any]:
        screen = form_cache.reuse(self, screen)
        self._hide_notices_beneath()
        pushed: AwaitMount | asyncio.Future[Any]
        # One call per overload of App.push_screen (a bool is neither of its literals).
        if wait_for_dismiss:
            pushed = super().push_screen(screen, callback, True, mode=mode)
        else:
            pushed = super().push_screen(screen, callback, False, mode=mode)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # pushed before the app runs: no key can come yet
            return pushed
        if isinstance(pushed, AwaitMount):
            self._screens_mounting += 1

            async def mounted() -> None:
                try:
                    await pushed
                finally:
                    # Queued behind the focus the new screen asked for while it mounted.
                    self.call_later(self._screen_mounted)

            task = loop.create_task(mounted())
            self._mount_waits.add(task)
            task.add_done_callback(self._mount_waits.discard)
        return pushed

    def _hide_notices_beneath(self) -> None:
        """The screen a dialog opens over stops showing its notices: the dialog shows them at its
        top (modals.tcss), and that screen, dimmed behind it, showed each one a second time at its
        foot. Textual shows them on it again when it comes back (App._refresh_notifications)."""
        try:
            rack = self.screen.get_child_by_type(ToastRack)
        except (ScreenStackError, NoMatches):
            return  # no screen yet, or notifications are off
        if rack.display and rack.children:
            # Only with a notice on it: hiding the rack lays out the screen beneath again, and a
            # dialog then draws that screen whole behind it (its first frame a third slower).
            rack.display = False

    async def _screen_mounted(self) -> None:
        self._screens_mounting -= 1
        await self._give_out_keys()

    def action_help(self) -> None:
        # Bound by the views over the main screen (keys.EVERY_KEY), which the list imports.
        self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        # Textual's own, with the palette above.
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(id="--command-palette"))

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        # Kept, so that a dialog over this screen shows it without drawing it again (pictures.py).
        pictures.drawn(screen, renderable)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            await self._paste(event)
            return
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        if not self._screen_stack:
            # A key still on its way as the app closes, after its last screen went: there is
            # nothing left for it to act on or type into, and Textual's own handling would fail.
            return
        if not event.is_forwarded:  # typed, not coming back up from the widgets
            self.last_key_at = time.monotonic()
            event = as_text(event)
            if self._gone_at_first_key:
                self._start_notices_go()
        if event is self._key_in_flight:  # back from the widgets: its binding runs now
            self._binding_running = event
            try:
                await super().on_event(event)
            finally:
                self._binding_running = None
            self._key_done(event)
            self._settle_before_next_key()
        elif self._must_wait(follows_typing=self._typed_into(self._typing_into, event)):
            self._waiting_keys.append(event)
            self._watch_waiting_keys()
        elif event.is_forwarded:  # one given up on earlier, arriving after all
            await super().on_event(event)
        else:
            await self._give_out(event)

    async def _paste(self, paste: events.Paste) -> None:
        # A paste takes its place among the keys typed: pasted just after a tab that is still
        # waiting its turn, it went at once to the field being left.
        if not self._screen_stack:
            return  # as a key arriving as the app closes
        # Saving removes the direction overrides and isolates, and typed they are never taken
        # (typed_text.py); pasted into a box, they were drawn until then, reversing the text
        # after them on screen. A paste of nothing else is nothing, as the key would be: an
        # empty one would replace the text selected with nothing.
        text = without_bidi_controls(paste.text)
        if not text and paste.text:
            return
        paste.text = text
        if self._must_wait(follows_typing=self._typing_into is (self.focused or self.screen)):
            self._waiting_keys.append(paste)
            self._watch_waiting_keys()
        else:
            await super().on_event(paste)

    def _must_wait(self, *, follows_typing: bool) -> bool:
        """Whether a key or a paste arriving now waits its turn: keys are waiting already, a
        screen is being mounted, a binding is settling, keys are held, or a key is still at work
        that this one does not simply follow into the same box (``follows_typing``)."""
        if self._waiting_keys or self._screens_mounting or self._binding_settling or self._keys_held:
            return True
        return self._key_in_flight is not None and not follows_typing

    async def _binding_settled(self) -> None:
        self._binding_settling = False
        await self._give_out_keys()

    async def _give_out(self, key: events.Key | events.Paste) -> None:
        if isinstance(key, events.Paste):
            # To the focused widget's queue, behind the keys given out before it: nothing of its
            # own to wait for, as a letter typed into a box has not.
            await super().on_event(key)
            return
        if key.is_forwarded:  # one that came back up while keys were held: a fresh copy goes out
            key = type(key)(key.key, key.character)
            key.set_sender(self)
        target = self.focused or self.screen
        await super().on_event(key)
        if not key.is_forwarded:  # a priority binding took it
            self._settle_before_next_key()
            return
        self._key_in_flight = key
        # Text typed into a box goes on without waiting for the letter before: the box takes
        # them in order and nothing can move meanwhile. What comes after waits for the last.
        self._typing_into = target if self._typed_into(target, key) else None
        target.call_later(self._follow_key, target, key)

    def _typed_into(self, target: object, key: events.Key | events.Paste) -> bool:
        return (
            isinstance(key, events.Key)
            and key.is_printable
            and target is (self.focused or self.screen)
            and isinstance(target, (Input, TextArea))
            and not getattr(target, "read_only", False)
        )

    def _follow_key(self, node: MessagePump, key: events.Key) -> None:
        """Runs in ``node`` after it has handled ``key``: there it stopped, or it went on up."""
        if key is not self._key_in_flight:
            return
        parent = getattr(node, "parent", None)
        if parent is None or parent is self:
            return  # it comes back to the app, which ends its flight
        if key._stop_propagation:  # Textual has no public way to ask whether a message was stopped
            self.call_later(self._key_taken, key)
        else:
            parent.call_later(self._follow_key, parent, key)

    async def _key_taken(self, key: events.Key) -> None:
        if key is self._key_in_flight:
            self._key_done(key)
            if key.is_printable:
                await self._give_out_keys()  # a letter typed into a box: nothing else moved
            else:
                self._settle_before_next_key()

    def _settle_before_next_key(self) -> None:
        # What a key set going happens before the next key is given out: a widget's focus() is
        # applied in a callback it queued, and a box's enter goes on as a message to its pane,
        # which moves the focus in turn. So `n` or `/` and the words typed after them go into
        # the box they moved to, and a key typed after enter in the filter acts on the list.
        # Only keys typed ahead wait, a frame. (A timer of the app's own: a callback after the
        # next refresh would go to the screen shown now, which may be the one esc just closed.)
        self._binding_settling = True
        self.set_timer(SETTLE_BEFORE_NEXT_KEY, self._binding_settled)

    def hold_keys(self, limit: float = KEY_WAIT_LIMIT) -> None:
        """Keys typed from now on wait until ``let_keys_go``, ``limit`` seconds at most: for what
        a key sets going as a message (a view's row chosen, shown on the main screen once the
        view has closed), or sets waiting for data (enter in the search, before it can look)."""
        self._keys_held += 1
        self._held_until = max(self._held_until, time.monotonic() + limit)

    def let_keys_go(self, until: Callable[[], bool] | None = None, *, looks: int = 0) -> None:
        """What ``hold_keys`` waited for is done: the keys typed meanwhile go on, after what it
        set going in turn, once ``until()`` holds (a focus is applied in a callback, and a pane
        may take it only once it has drawn what it shows). Looked at each frame, for as long
        as keys would wait for a key that seems lost."""
        if until is not None and not until() and looks * SETTLE_BEFORE_NEXT_KEY < KEY_WAIT_LIMIT:
            self.set_timer(SETTLE_BEFORE_NEXT_KEY, partial(self.let_keys_go, until, looks=looks + 1))
            return
        self._keys_held = max(0, self._keys_held - 1)
        self._settle_before_next_key()

    def _key_done(self, key: events.Key) -> None:
        if key is self._key_in_flight:
            self._key_in_flight = None

    async def _give_out_keys(self) -> None:
        if not self.screen_stack:
            # The app is closing (a hang-up lets it handle the keys already read, then exits):
            # a key settled meanwhile has no screen left to go to; what was typed was saved or
            # rescued on the way out.
            return
        while self._waiting_keys and not self._screens_mounting and not self._binding_settling and not self._keys_held and (
            self._key_in_flight is None or self._typed_into(self._typing_into, self._waiting_keys[0])
        ):
            await self._give_out(self._waiting_keys.popleft())
        if self._key_timer is not None:
            self._key_timer.stop()
            self._key_timer = None
        self._watch_waiting_keys()

    def _watch_waiting_keys(self) -> None:
        # Should a key vanish without a trace (its widget removed meanwhile), the keys behind it
        # go on after a moment rather than wait for ever.
        if self._waiting_keys and self._key_timer is None:
            self._key_watched = self._key_in_flight
            timer: Timer | None = None

            async def went_off() -> None:
                assert timer is not None
                await self._keys_stuck(timer)

            timer = self._key_timer = self.set_timer(KEY_WAIT_LIMIT, went_off)

    async def _keys_stuck(self, timer: Timer) -> None:
        if timer is not self._key_timer:
            return  # stopped as it went off: the keys moved on meanwhile
        self._key_timer = None
        self._binding_settling = False  # should its timer never have gone off
        if self._keys_held and time.monotonic() < self._held_until:
            self._watch_waiting_keys()  # held on purpose, for longer than a key that seems lost
            return
        self._keys_held = 0  # nor what held them have let them go
        # Not stuck but at work: a binding still running (a form waiting for its save to be in
        # the file), or a key given out since the timer was set. The keys behind it wait on:
        # let go now, they would land in the form about to close, or open what they should not.
        if self._binding_running is not None or self._key_in_flight is not self._key_watched:
            self._watch_waiting_keys()
            return
        self._key_in_flight = None
        await self._give_out_keys()

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
        self.store.on_diverted = self._saves_diverted
        if self._background_saves and not self.read_only:
            loop = asyncio.get_running_loop()

            def written() -> None:
                # Told on the writer's thread; looked at on this one, between frames, as a
                # message of the app's (so that what it does, timers included, is the app's).
                loop.call_soon_threadsafe(self.call_later, self._settle_saves)

            self.store.write_in_background(written)
        if self._prefs_refused is not None:
            tell(
                self,
                f"{self._prefs_refused}. The defaults are used, and the file is left as it is until it is fixed.",
                title="Preferences not read",
                severity="warning",
                timeout=15,
            )
        if self.read_only:
            tell(
                self,
                f"{self.read_only} You can look at everything; changes are refused.",
                title="Opened read-only",
                severity="warning",
                timeout=15,
            )
        if self._install_signal_handlers:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self._on_terminating_signal)

    def _tell_of_rescues(self) -> None:
        # Looked for after the first frame: the temporary directory is one of the places, and
        # it can hold thousands of entries.
        rescued = find_rescues(self.store.path)
        if rescued:
            # Short: at 40 columns every word is a line of the screen covered.
            self._tell_until_a_key(
                "Kept in " + ", ".join(map(_from_home, rescued)) + f". Use what you need, then delete {_it(rescued)}.",
                title="Unsaved text from last time",
            )
        conflicts = find_conflicts(self.store.path)
        if conflicts:
            self._tell_until_a_key(
                "Saved there when this file was changed by another program: "
                + ", ".join(map(_from_home, conflicts))
                + f". Compare, keep what you need, then delete {_it(conflicts)}.",
                title="Changes in a separate file",
            )

    def _tell_until_a_key(self, message: str, *, title: str) -> None:
        """A notice of the start, over the work for half a minute at most: the first key goes on
        to do what it does, and takes the notice away (it is given again at the next start, for
        as long as the files it names are there)."""
        tell(self, message, title=title, severity="warning", timeout=30)
        self._gone_at_first_key.add((strip_controls(title), strip_controls(message)))

    def _start_notices_go(self) -> None:
        gone = self._gone_at_first_key
        shown = [notice for notice in self._notifications if (notice.title, notice.message) in gone]
        if not shown:
            return  # a key typed before they were shown: the next one
        gone.clear()
        for notice in shown:
            self._unnotify(notice, refresh=False)
        self._refresh_notifications()

    def _refresh_notifications(self) -> None:
        self._fit_notices(self.size.width)
        super()._refresh_notifications()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_notices(event.size.width)

    def _fit_notices(self, width: int) -> None:
        try:
            rack = self.screen.get_child_by_type(ToastRack)
        except (ScreenStackError, NoMatches):
            return  # no screen yet, or notifications are off
        rack.set_class(width < PHONE_WIDTH, "-phone")

    def on_ready(self) -> None:
        self._is_ready = True
        if self.last_key_at is None:
            self.last_key_at = time.monotonic()
        if self._on_first_frame is not None:
            self._on_first_frame()
        if self._settler is not None:
            self._settler.start()
        if self._ending:
            self.exit()  # the session ended while the first screen was being built
            return
        self._tell_of_rescues()
        # What the first moments of a session would otherwise wait for, done between frames,
        # a piece at a time and only while no key is waiting (form_cache.in_turn): the form of
        # the most used key first, then the tables read after the first frame (the panes that
        # wait for them). Then, each only once no key has come for a while (form_cache.
        # when_quiet), as they come in pieces longer than a frame: the other dialogs, the
        # modules of the other views, and the large tables made ready for their first change.
        # So a person who starts typing as the screen comes up finds the first form as ready as
        # any later one, and nothing else at work while it opens.
        form_cache.in_turn(self, form_cache.import_ahead, partial(form_cache.read_dialog_styles, self))
        form_cache.prepare(self, slice(0, 1))
        form_cache.in_turn(self, self._reading_later())
        form_cache.prepare(self, slice(1, None), quiet=True)
        form_cache.when_quiet(
            self,
            *(partial(importlib.import_module, module, __package__) for module in PREPARED_DIALOGS),
            # The styles of the dialogs just imported: the first of each then opens as later ones.
            partial(form_cache.read_dialog_styles, self),
        )
        form_cache.when_quiet(
            self,
            *(piece for table in self.store.tables_to_prepare() for piece in self.store.preparing(table)),
            seconds=PREPARE_QUIET,
        )

    def _reading_later(self) -> Iterator[None]:
        """The tables the opening left to be read later (see Store.read_later), some records a
        step, so that a key pressed meanwhile waits for one step at most."""
        pace: dict[str, int] = {}
        while tables := self.store.tables_read_later():
            table = tables[0]
            records = pace.get(table, READ_LATER_FIRST)
            began = time.perf_counter()
            try:
                with self._lasting():
                    done = self.store.read_later(table, records)
            except WorkspaceUnreadable as exc:
                self._unreadable(exc)
                return
            took = time.perf_counter() - began
            if done:
                self._tables_read()
            else:
                # As many as fit in a step at the pace just seen, growing by a few times at most
                # (a step slowed by something else once should not make the next one long).
                fit = int(records * READ_LATER_PIECE / took) if took > 0 else records * 4
                pace[table] = max(READ_LATER_FIRST // 5, min(fit, records * 4))
            yield
        self._tables_read()  # one read in full meanwhile, by what needed it
        self.freeze_long_lived()

    def _lasting(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext() if self._settler is None else self._settler.lasting()

    def freeze_long_lived(self) -> None:
        """What now lives for the session (a dialog built ahead, the tables read after the
        first frame) is to be kept out of the garbage collector's later passes: at the app's
        next moment of rest (see tui/collector.py), once."""
        if self._settler is not None:
            self._settler.request()

    def freeze_when_settled(self) -> None:
        """As ``freeze_long_lived``: it waits, besides, for every table to be read, and for
        the screens shown over the main one to be closed (a frozen object is freed only by its
        reference count: a screen frozen while shown would never be freed once closed)."""
        self.freeze_long_lived()

    def _tables_read(self) -> None:
        try:
            screen = self.main_screen
        except StopIteration:
            return  # the app is closing
        screen.tables_read()

    def _unreadable(self, problem: WorkspaceUnreadable) -> None:
        """A table read after the first frame showed the file to be one that opening refuses.
        Nothing was written (no change is made before every table is read and checked); what
        is typed into a form is kept in a rescue file, and the app ends with the message."""
        if self.found_unreadable is not None:
            return
        self.found_unreadable = problem
        kept = self.rescue_forms("the workspace file was found damaged")
        if kept is not None:
            # Said with the damage, as the app ends: the next start, which would name the
            # rescue file, may not come while the file stays damaged.
            self.found_unreadable = WorkspaceUnreadable(f"{problem} What you had typed is kept in {kept}.")
        self.exit(return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        # Whatever used a table read after the first frame first (a view, a key's action) may
        # be what finds it damaged: the app ends as it does when its reading finds it, with the
        # one-line message and a form's text kept, never a traceback (which would show records).
        if isinstance(error, WorkspaceUnreadable):
            self._unreadable(error)
            return
        if isinstance(error, NoMatches) and not self.is_running:
            # Shutting down while a dialog built ahead of its use was still being mounted (see
            # form_cache): Textual's own widgets in it then miss children already torn down.
            # Nothing shown, nothing typed: not worth a traceback on the way out.
            return
        super()._handle_exception(error)

    def _saves_diverted(self, conflict: Path) -> None:
        # Said once, and kept in the title: until the app is closed every save goes there.
        self.sub_title = f"saving to {conflict.name}"
        for screen in self.screen_stack:
            screen.sub_title = self.sub_title
        tell(
            self,
            f"{self.store.path.name} was changed by another program while it was open here. "
            f"Nothing was written over it: your changes are being saved to {conflict} instead. "
            "Compare the two after quitting and keep what you need.",
            title="Saving to a separate file",
            severity="error",
            timeout=60,
        )

    def on_contacts_pane_order_changed(self, message: ContactsPane.OrderChanged) -> None:
        self.preferences.warmest_first = message.warmest
        if self._prefs_path is None:
            return
        try:
            prefs.save(self._prefs_path, self.preferences)
        except OSError as exc:
            tell(
                self,
                f"The order is kept for this session only: {exc}",
                title="Preferences not saved",
                severity="warning",
            )

    def apply_cursor_blink(self, screen: Screen[Any]) -> None:
        for widget in screen.query("Input, TextArea"):
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = self.cursor_blink

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        ours = list(palette_commands(screen) if screen is self.main_screen else view_commands(screen))
        yield from ours
        # Textual's own, less those ours already list by the same name (its "Keys" and "Quit"
        # were listed twice).
        titles = {command.title for command in ours}
        yield from (command for command in super().get_system_commands(screen) if command.title not in titles)

    def save_everything(self) -> bool:
        """Save whatever was typed and not yet saved, and wait for the file to hold it (a quit,
        a signal); True when nothing is left unsaved."""
        try:
            screen = self.main_screen
        except StopIteration:
            return True
        if not screen.is_mounted:
            return True  # ended before the first frame: nothing can have been typed yet
        if not screen.save_drafts():
            return False
        if self.store.writes_in_background:
            self.store.wait_for_writes()
            self._settle_saves()
            return not self.store.has_unsaved_changes
        return True

    # Saves written in the background -------------------------------------------------------

    @property
    def ending(self) -> bool:
        """The session is ending (a quit with everything saved, a hang-up, a signal)."""
        return self._ending

    def _settle_saves(self) -> None:
        """How the saves handed to the writer went (see Store.settle), said on the main screen."""
        failure = self.store.settle()
        try:
            screen = self.main_screen
        except StopIteration:
            return
        if failure is None:
            if not self.store.has_unsaved_changes:
                screen.saved_in_background()
            return
        self._last_save_failure = failure
        from .screens.form import FormScreen

        # A form waiting for its save shows the message itself, under its fields.
        shown = any(isinstance(s, FormScreen) and s.saving for s in self.screen_stack)
        screen.save_failed_in_background(failure, told=shown)

    async def saved(self) -> None:
        """Wait, with the screen still drawn, until the changes made so far are in the file.
        Raises the save's error (an InterviewTuiError) when they could not be written; they
        were put back by then, so what made them (a form) can stay open and be saved again."""
        store = self.store
        if not store.writes_in_background:
            return
        wanted = store.changes_made
        if not store.writes_settled():
            await asyncio.to_thread(store.wait_for_writes)
        self._settle_saves()
        if not store.file_holds(wanted):
            raise as_save_error(self._last_save_failure, store.path)

    async def action_quit(self) -> None:
        # A quit while the tables are still being read reads them first: a damaged file is
        # said to be so now, as it would have been at opening, not at the next start.
        try:
            self.store.read_everything()
        except WorkspaceUnreadable as exc:
            self._unreadable(exc)
            return
        # When notes could not be saved (a full disk, a vanished directory), the first quit says
        # so and stays; a second one within a few seconds, with nothing typed since, goes, and
        # leaves the notes in a rescue file (as a hang-up does), named on the way out.
        now = time.monotonic()
        if self.save_everything():
            diverted = getattr(self.store.storage, "diverted_to", None)
            if diverted is None:
                self.exit()
            else:
                # Said on the way out too: the message in the app may have gone unseen.
                self._exit_saying(
                    f"{self.store.path.name} was changed by another program while it was open; "
                    f"this session's changes are in {diverted}. Compare the two and keep what you need."
                )
            return
        unsaved = self._notes_typed_this_session()
        if now - self._refused_quit_at < QUIT_AGAIN_WINDOW and unsaved == self._refused_quit_notes:
            self._quit_unsaved()
            return
        self._refused_quit_at, self._refused_quit_notes = now, unsaved
        tell(
            self,
            "Your notes could not be saved, so they are still only here. Free some space or fix "
            "the folder and try again, or quit again now to leave them in a file of their own.",
            title="Not quitting yet",
            severity="error",
            timeout=QUIT_AGAIN_WINDOW,
        )

    def _quit_unsaved(self) -> None:
        """Quit with notes the workspace could not take: they go to a rescue file, said on the
        terminal once the screen is gone; when no file can be written either, their text is."""
        rescued = self.rescue_forms("you quit while they could not be saved", notes=True)
        if rescued is not None:
            self._exit_saying(f"your notes could not be saved in the workspace; they are kept in {rescued}")
            return
        typed = "\n\n".join(
            f"{title}:\n{text}" for title, fields in self._notes_typed_this_session() for text in fields.values()
        )
        self._exit_saying(
            "your notes could not be saved, and no file could be written to keep them. "
            "Here they are; copy what you need:\n\n" + typed
        )

    def _exit_saying(self, said: str) -> None:
        """End the app, ``said`` on the terminal once the screen is gone."""
        from rich.text import Text  # as written: nothing in it read as markup

        self.exit(message=Text(f"interview-tui: {said}"))

    def rescue_forms(self, why: str, *, notes: bool = False) -> Path | None:
        """Keep what is typed into open forms in a file beside the workspace (see core/rescue.py);
        with ``notes`` (saving failed), the notes typed in this session too."""
        from .screens.form import FormScreen

        forms = [
            (s.form_title, s.typed())
            for s in self.screen_stack
            # A form whose save was written (the writer was waited for) holds nothing unsaved.
            if isinstance(s, FormScreen) and not (s.saving and not self.store.has_unsaved_changes)
        ]
        if notes:
            forms += self._notes_typed_this_session()
        waiting = self._keys_waiting()
        if waiting:
            forms.append(("Keys typed and not yet handled (waiting for the key before them)", {"Keys": waiting}))
        try:
            written = write_rescue(self.store.path, forms, why, path=self._rescue_file)
        except OSError:
            return None  # the disk is gone too: nothing more can be done on the way out
        if written is not None:
            self._rescue_file = written
        return written

    def _keys_waiting(self) -> str:
        """The keys held behind one still at work (a form's save being written) as they were
        typed: the text as text, any other key by its name in brackets."""
        return "".join(
            key.text if isinstance(key, events.Paste)
            else key.character if key.is_printable and key.character
            else f"[{key.key}]"
            for key in self._waiting_keys
        )

    def _on_terminating_signal(self) -> None:
        self._end_session("the terminal went away or the process was told to stop")

    def on_terminal_closed(self, _message: TerminalClosed) -> None:
        self._end_session("the terminal went away")

    def _notes_typed_this_session(self) -> list[tuple[str, dict[str, str]]]:
        """The notes of each conversation changed in this session, as the editor shows them."""
        from ..core import workflow

        names = self.store.contact_names()
        found = []
        for interview in self.store.all_interviews():
            if interview.updated is None or interview.updated < self._opened_at:
                continue
            who = names.get(interview.contact_id, "an unknown contact")
            title = f"Notes of the conversation with {who} of {interview.when:%a %d %b %Y %H:%M}"
            found.append((title, {"Notes": workflow.interview_document(self.store, interview)}))
        return found

    def _end_session(self, why: str) -> None:
        # One ending often has several triggers: a dropped connection sends SIGHUP and closes
        # the terminal (end of input, and a second SIGHUP when the pseudo-terminal goes), and a
        # service manager follows SIGTERM with more. Each one saves what is new; the forms
        # go to this session's one rescue file (with the notes typed, when saving them failed:
        # a full disk); only the first starts the clock.
        self._save_or_rescue(why)
        if self._ending:
            return
        self._ending = True
        watchdog = self.watchdog = threading.Timer(HANGUP_GRACE, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()
        if self._is_ready:
            # Keys read before the ending and not yet handled are handled first, then saved
            # too: "start i" of "start inflight" was what the file held. The first save above
            # holds everything handled so far, whatever happens meanwhile.
            self.run_worker(self._end_once_keys_are_handled(why), group="ending")
        # Else on_ready exits: leaving while the main screen mounts breaks its mounting.

    async def _end_once_keys_are_handled(self, why: str) -> None:
        await asyncio.sleep(KEYS_HANDLED_AFTER_HANG_UP)
        self._save_or_rescue(why)
        self.exit()

    def _save_or_rescue(self, why: str) -> None:
        """Save what is new; what cannot be (a form's text, notes on a full disk) goes to this
        session's rescue file."""
        saved = self.save_everything()
        self.rescue_forms(why, notes=not saved)


def _from_home(path: Path) -> str:
    """``path`` from the home directory (``~/...``) when it is in it: shorter to read and to type."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except (ValueError, RuntimeError):  # elsewhere, or no home directory known
        return str(path)


def _it(paths: list[Path]) -> str:
    return "it" if len(paths) == 1 else "them"


def _subclasses(cls: type[Any]) -> list[type[Any]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def _check_keymap(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    load_every_view()
    return check_keymap(keymap)


def make_app(
    store: Store,
    *,
    install_signal_handlers: bool = False,
    cursor_blink: bool = True,
    on_first_frame: Callable[[], None] | None = None,
    freeze_long_lived: Callable[[], None] | None = None,
    freeze_built: Callable[[], None] | None = None,
    prefs_path: Path | None = None,
    background_saves: bool = False,
) -> InterviewApp:
    return InterviewApp(
        store,
        install_signal_handlers=install_signal_handlers,
        cursor_blink=cursor_blink,
        on_first_frame=on_first_frame,
        freeze_long_lived=freeze_long_lived,
        freeze_built=freeze_built,
        prefs_path=prefs_path,
        background_saves=background_saves,
    )

