"""Press the app's keys as a person does and time each from the key to the screen updated; time a
save of an edit made in the contact form; report the app's peak memory.

    python benchmarks/session_probe.py PATH [ROUNDS]   # a copy of the workspace at PATH

Runs in its own process (run.py starts it, through ``bench`` below). The app is started through
``cli.main(["--db", PATH])``, as keys_probe.py starts it, so with the command's garbage collector
settings; only its ``run`` is swapped for ``run_test``. Prints one JSON object.

**Key to screen.** The app's ``_display`` is wrapped (as in keys_probe.py) to turn each frame into
terminal output, which headless Textual skips, and to note when it was made. A key is sent, and
its time is from sending it to the end of the first frame in which what the key does is seen:
the form, modal or palette on screen (``a e s f ? ctrl+p T ctrl+f D R A``), the main screen back
(``esc`` closing each of them), the next pane shown (``tab``), the filter box left and every
contact listed again (``esc`` from a filter holding "7"), the person's history shown and hidden
(``h`` in the notes pane). ``settled`` runs on to the last frame the key caused, once the app
is idle again (a list redrawn after the modal closed, say). Each round presses every key once; the first round's figures are kept
apart too (``first_ms``): the first form of a session loads what later ones find ready. The
session's first key is sent ``FIRST_KEY_AFTER`` after the app's first frame, without waiting for
the app to be idle (``first_key_after_ms`` says when it went): what the app does ahead of its use
then is still under way, as it is for a person who starts at once.

**Typed ahead.** ``a`` and then "sam" are sent at once, without waiting, as a fast typist's keys
arrive while the form is still being built: the probe reports what the form's first field holds
once it is up ("sam" when no key was lost). In the later rounds these keys go at a random moment
of a frame (``FRAME``), as the first ones do: a form is drawn on its own 60 Hz clock, so a key
sent always at the same point of it would be up to a frame quicker, or slower, than one that is
not, and the first form would not be set against like.

**A save.** ``e`` opens the selected contact's form, one character of the name is typed or erased,
and ``ctrl+s`` saves. While that happens a task on the app's event loop ticks every millisecond
and notes the storage's count of writes at each tick; the probe also wraps the storage's
``flush``, noting how long each call takes and on which thread. Reported per save:

- ``ui_save_ms``: time spent inside ``flush`` on the event loop's thread (a save that hands its
  writing to another thread only pays the hand-off here);
- ``stall_ms``: the longest gap between two ticks of the loop, each counted for its part between
  the save's start (the first ``flush``) and the moment the write returned (the storage's
  ``_write_payload``, on whichever thread writes it): how long the screen could not be drawn
  while the file was being written. (What the screen then redraws because of the change, the
  lists sorted and drawn again, comes after and is in ``key_ms``.)
- ``durable_ms``: from ``ctrl+s`` to the first tick that sees the write done;
- ``key_ms``: from ``ctrl+s`` to the first frame of the main screen with the form gone.

**Memory**: ``maxrss_mib`` at the first frame of the probe, and at the end of the session (after
the search index was built, the dashboard and the answers computed).
"""

from __future__ import annotations

import asyncio
import gc
import random
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import keys_probe  # noqa: E402

SIZE = (120, 36)
TIMEOUT = 30.0
"""Seconds a key may take to show its effect before the step is reported as failed."""
TYPED_AHEAD = "sam"
FRAME = 1 / 60
"""Seconds between two frames of a screen (Textual's update timer)."""
FIRST_KEY_AFTER = 0.25
"""Seconds from the app's first frame to the session's first key (``a`` and the name typed at
once): about as soon as a person who sees the screen come up can press it. Not a moment the app
chooses: whatever it does ahead of its use after that frame may still be under way."""

FIRST_ONLY = False
"""``--first-only``: the session ends after its first form (``a`` with a name typed at once, then
esc), so that many processes can each give their first form cheaply (run.py)."""

AT_END: Callable[[Any], Any] | None = None
"""Called with the app at the end of the session, while it still runs (a study's own look at
it: what the collector holds, say); what it returns is reported as ``at_end``."""

MODALS: list[tuple[str, str]] = [
    ("a", "form: add a contact"),
    ("e", "form: edit a contact"),
    ("s", "form: schedule"),
    ("f", "form: add a follow-up"),
    ("question_mark", "the keys"),
    ("ctrl+p", "command palette"),
    ("T", "trash"),
    ("ctrl+f", "opening the search"),
    ("D", "dashboard"),
    ("R", "referral tree"),
    ("A", "answers side by side"),
]
"""Keys that open a screen over the main one from the contact list, with what they open; each is
closed again with escape."""


class Collections:
    """Every pass of the garbage collector during the session: when, which generation, how long,
    and the key (if any) whose handling it fell into, from sending the key to the frame that
    showed its effect."""

    def __init__(self) -> None:
        self.passes: list[tuple[float, int, float, int]] = []
        """(start, generation, seconds, objects collected)"""
        self.keys: list[tuple[str, float, float]] = []
        """(key, sent, seen) for every key timed"""
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.passes.append((self._started, info["generation"], time.perf_counter() - self._started, info["collected"]))

    async def __aenter__(self) -> Collections:
        gc.callbacks.append(self)
        return self

    async def __aexit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)

    def report(self, origin: float) -> dict[str, Any]:
        """Per generation, the passes' count, total and longest; per key, the passes that fell
        inside it; every pass of more than ``LONG_PASS_MS``: when it began (ms from the first
        frame), its generation, ms, objects freed, and the key it fell into (else the last key
        sent before it)."""
        by_generation: dict[str, dict[str, float]] = {}
        in_keys: dict[str, dict[str, float]] = {}
        long: list[list[Any]] = []
        for start, generation, seconds, collected in self.passes:
            ms = seconds * 1000
            entry = by_generation.setdefault(str(generation), {"count": 0, "total_ms": 0.0, "max_ms": 0.0})
            entry["count"] += 1
            entry["total_ms"] += ms
            entry["max_ms"] = max(entry["max_ms"], ms)
            key = next((name for name, sent, seen in self.keys if sent <= start <= seen), None)
            before = [name for name, sent, _ in self.keys if sent < start]
            after = before[-1] if before else None
            if key is not None:
                inside = in_keys.setdefault(key, {"count": 0, "total_ms": 0.0, "max_ms": 0.0, "full": 0})
                inside["count"] += 1
                inside["total_ms"] += ms
                inside["max_ms"] = max(inside["max_ms"], ms)
                inside["full"] += generation == 2
            if ms > LONG_PASS_MS:
                long.append([round((start - origin) * 1000), generation, round(ms, 2), collected, key or f"after {after}"])
        return {"by_generation": by_generation, "in_keys": in_keys, "long": long, "frozen_at_end": gc.get_freeze_count()}


LONG_PASS_MS = 3.0
"""A pass of the collector longer than this is listed on its own."""


def maxrss_mib() -> float:
    """The app's peak resident memory so far: VmHWM, as startup_probe.peak_kib reads it (that
    module is not imported here: it sets up its own timing as it is imported)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise SystemExit("no VmHWM in /proc/self/status: this probe reads peak memory from Linux's /proc")


class Frames:
    """Every frame the app makes, and the first one in which ``watch(screen)`` holds."""

    def __init__(self, app: Any) -> None:
        self.count = 0
        self.last = 0.0
        self.watch: Callable[[Any], bool] | None = None
        self.hit: float | None = None
        display = app._display

        def timed_display(screen, renderable):  # type: ignore[no-untyped-def]
            display(screen, renderable)
            render_segments = getattr(renderable, "render_segments", None)
            if render_segments is not None:
                render_segments(app.console)  # what a real terminal driver would write
            now = time.perf_counter()
            self.count += 1
            self.last = now
            if self.watch is not None and self.hit is None and self.watch(screen):
                self.hit = now

        app._display = timed_display


async def drive(app, store, rounds: int, warmup: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from textual import events

    from interview_tui.tui.widgets.contacts import ContactsPane

    samples: dict[str, list[float]] = {}
    settled: dict[str, list[float]] = {}
    first: dict[str, float] = {}
    failures: dict[str, int] = {}
    typed_ahead: list[str] = []
    saves: list[dict[str, float]] = []
    storage = store.storage
    if not hasattr(storage, "writes"):
        raise SystemExit("the storage no longer counts its writes (`writes`): update session_probe.py")

    # The app's first frame, as the app itself tells it (InterviewApp's on_first_frame).
    ready_at: list[float] = []
    told = app._on_first_frame

    def first_frame() -> None:
        ready_at.append(time.perf_counter())
        if told is not None:
            told()

    app._on_first_frame = first_frame
    first_sent: list[float] = []
    sent_at: list[float] = []
    jitter = random.Random(19)

    collections = Collections()
    async with collections, app.run_test(size=SIZE) as pilot:
        while not ready_at:
            await asyncio.sleep(0.001)
        main = app.screen
        frames = Frames(app)
        pane = main.query_one(ContactsPane)
        total = store.contact_count()
        rss_start = maxrss_mib()

        async def until(condition: Callable[[], bool], what: str) -> None:
            deadline = time.perf_counter() + TIMEOUT
            while not condition():
                if time.perf_counter() > deadline:
                    raise TimeoutError(what)
                await asyncio.sleep(0.002)

        async def timed(name: str, send: Callable[[], Awaitable[None]], seen: Callable[[Any], bool], round_number: int) -> bool:
            """Send a key; note the time to the first frame where ``seen(screen)`` holds."""
            frames.watch, frames.hit = seen, None
            began = time.perf_counter()
            await send()
            try:
                await until(lambda: frames.hit is not None, name)
            except TimeoutError:
                failures[name] = failures.get(name, 0) + 1
                frames.watch = None
                return False
            frames.watch = None
            assert frames.hit is not None
            if sent_at and sent_at[-1] > began:
                began = sent_at[-1]  # timed from the key, not from the wait before it
            elapsed = (frames.hit - began) * 1000
            collections.keys.append((name, began, frames.hit))
            await pilot.pause()  # until the app is idle: the frames the key caused are made
            settled_ms = (max(frames.last, frames.hit) - began) * 1000
            if round_number == 0:
                first[name] = elapsed
            if round_number >= warmup:
                samples.setdefault(name, []).append(elapsed)
                settled.setdefault(name, []).append(settled_ms)
            return True

        def press(*keys: str) -> Callable[[], Awaitable[None]]:
            return lambda: pilot.press(*keys)

        def on_main(screen: Any) -> bool:
            return screen is main and app.screen is main

        def over_main(screen: Any) -> bool:
            return screen is not main and screen is app.screen

        async def back_to_main() -> None:
            for _ in range(5):
                if app.screen is main:
                    return
                await pilot.press("escape")
                await pilot.pause()
            raise SystemExit(f"could not get back to the main screen from {type(app.screen).__name__}")

        async def focus_contacts() -> None:
            await back_to_main()
            if not pane.contact_list.has_focus:
                main._focus_pane("contacts-pane")
                await pilot.pause()

        def send_at_once(*keys: str) -> Callable[[], Awaitable[None]]:
            async def send() -> None:
                if not first_sent:
                    # Not waiting for the app to be idle: the person does not know it is busy.
                    await asyncio.sleep(max(0.0, ready_at[0] + FIRST_KEY_AFTER - time.perf_counter()))
                    first_sent.append(time.perf_counter())
                    sent_at.append(first_sent[0])
                else:
                    # At any moment of a frame, as the first one is and as a person's keys are:
                    # sent straight after the probe's wait for the screen to settle, which ends
                    # in step with its frames, the form would always come up at the same point
                    # of its own 60 Hz clock, and the later rounds would not be like the first.
                    await asyncio.sleep(jitter.uniform(0, FRAME))
                    sent_at.append(time.perf_counter())
                for key in keys:
                    event = events.Key(key, key if len(key) == 1 else None)
                    event.set_sender(app)
                    app._driver.send_message(event)

            return send

        for round_number in range(warmup + rounds):
            await focus_contacts()
            # Typed ahead: the first form of the session in round 0.
            if await timed("a, then typed at once", send_at_once("a", *TYPED_AHEAD), over_main, round_number):
                await pilot.pause()
                field = app.screen.query("#field-name")
                typed_ahead.append(str(field.first().value) if field else f"({type(app.screen).__name__})")
                await timed("esc: close a form", press("escape"), on_main, round_number)
            if FIRST_ONLY:
                break
            await focus_contacts()
            for key, _label in MODALS:
                if await timed(key, press(key), over_main, round_number):
                    await timed(f"esc after {key}", press("escape"), on_main, round_number)
                await focus_contacts()

            # tab, round the three panes
            for _ in range(3):
                before = main.active_pane
                await timed("tab", press("tab"), lambda s, before=before: on_main(s) and main.active_pane != before, round_number)
            await focus_contacts()

            # esc from the filter holding a query
            await pilot.press("slash", "7")
            await until(lambda: len(pane.contact_list.rows) < total, "the filter narrowing the list")
            await pilot.pause()
            await timed(
                "esc from the filter",
                press("escape"),
                lambda s: on_main(s) and not pane.filter_input.has_focus and len(pane.contact_list.rows) == total,
                round_number,
            )
            await focus_contacts()

            # h in the notes pane, twice: the history shown, then hidden
            main._focus_pane("notes-pane")
            await pilot.pause()
            await timed("h: history shown", press("h"), lambda s: on_main(s) and main.notes_pane.history_shown, round_number)
            await timed("h: history hidden", press("h"), lambda s: on_main(s) and not main.notes_pane.history_shown, round_number)
            await focus_contacts()

            # A save of one edit, with ctrl+s in the contact form
            saves.append(await save_once(app, pilot, main, storage, store, frames, until, round_number, collections))
            await focus_contacts()

        rss_end = maxrss_mib()
        at_end = AT_END(app) if AT_END is not None else None
    return {
        "contacts": store.contact_count(),
        "rounds": rounds,
        "keys": samples,
        "settled": settled,
        "first_ms": first,
        "failures": failures,
        "typed_ahead": typed_ahead,
        "typed": TYPED_AHEAD,
        "saves": saves[warmup:],
        "first_save": saves[0] if saves else None,
        "first_key_after_ms": (first_sent[0] - ready_at[0]) * 1000 if first_sent else None,
        "maxrss_mib_start": rss_start,
        "maxrss_mib": rss_end,
        "gc": collections.report(ready_at[0]),
        "at_end": at_end,
    }


async def save_once(app, pilot, main, storage, store, frames: Frames, until, round_number: int, collections: Collections) -> dict[str, float]:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await until(lambda: app.screen is not main and bool(app.screen.query("#field-name")), "the contact form")
    await pilot.pause()
    await pilot.press("end", "x" if round_number % 2 == 0 else "backspace")
    await pilot.pause()

    flushes: list[tuple[float, float, bool]] = []
    real_flush = getattr(storage, "flush", None)
    if real_flush is not None:

        def timed_flush(*args, **kwargs):  # type: ignore[no-untyped-def]
            begin = time.perf_counter()
            try:
                return real_flush(*args, **kwargs)
            finally:
                flushes.append((begin, time.perf_counter(), threading.current_thread() is threading.main_thread()))

        storage.flush = timed_flush
    written_at: list[float] = []
    real_write = getattr(storage, "_write_payload", None)
    if real_write is not None:

        def noted_write(*args, **kwargs):  # type: ignore[no-untyped-def]
            try:
                return real_write(*args, **kwargs)
            finally:
                written_at.append(time.perf_counter())  # on whichever thread writes

        storage._write_payload = noted_write
    writes = storage.writes
    ticks: list[tuple[float, int]] = []
    running = [True]

    async def ticker() -> None:
        while running[0]:
            ticks.append((time.perf_counter(), storage.writes))
            await asyncio.sleep(0.001)

    task = asyncio.get_running_loop().create_task(ticker())
    await asyncio.sleep(0.01)
    frames.watch, frames.hit = (lambda s: s is main and app.screen is main), None
    began = time.perf_counter()
    await pilot.press("ctrl+s")
    try:
        await until(lambda: frames.hit is not None and storage.writes > writes, "the save")
        await until(lambda: not store.has_unsaved_changes, "the save finished")
    finally:
        frames.watch = None
        await asyncio.sleep(0.01)
        running[0] = False
        await task
        if real_flush is not None:
            del storage.flush  # the class's own again
        if real_write is not None:
            del storage._write_payload
    done = next((t for t, count in ticks if count > writes), ticks[-1][0])
    start = min((b for b, _, _ in flushes), default=began)
    # While the file is written: from the save's start to the moment the write returned (the
    # first tick after it can come late when the screen then redraws what the save changed,
    # which is the screen's work, not the disk's). Each gap counts for its part in that window.
    end = written_at[0] if written_at else done
    gaps = [min(b, end) - max(a, start) for (a, _), (b, _) in zip(ticks, ticks[1:], strict=False) if b >= start and a <= end]
    assert frames.hit is not None
    collections.keys.append(("ctrl+s: save", began, frames.hit))
    return {
        "ui_save_ms": sum(e - b for b, e, on_loop in flushes if on_loop) * 1000,
        "off_loop_save_ms": sum(e - b for b, e, on_loop in flushes if not on_loop) * 1000,
        "stall_ms": max(gaps, default=0.0) * 1000,
        "durable_ms": (done - began) * 1000,
        "key_ms": (frames.hit - began) * 1000,
        "flushes": len(flushes),
    }


def main(argv: list[str]) -> int:
    global FIRST_ONLY
    FIRST_ONLY = "--first-only" in argv
    keys_probe.drive = drive
    return keys_probe.main([arg for arg in argv if arg != "--first-only"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
