"""Type into the contact filter of the real app, headless, and time every keystroke.

    python benchmarks/keys_probe.py PATH     # a copy of the workspace at PATH
    python benchmarks/keys_probe.py --empty  # an empty workspace (the baseline)
    python benchmarks/keys_probe.py --minimal  # Textual's own floor: an Input and a Static
    add ROUNDS after the first argument; --gc-what-if: GC off while loading, then gc.freeze()

Runs in its own process (run.py starts it) so that both apps start from the same state. Prints one
JSON object: a list of samples, one per keystroke.

What is timed, per keystroke (``await pilot.press(key); await pilot.pause()``):

- ``list_ms``: from sending the key to the end of the first frame that repaints the contact list,
  that is until the filtered list is on screen. The app's ``_display`` is wrapped to note when
  each frame is made; headless Textual skips turning a frame into terminal escape codes, so the
  wrapper does that too, as a real terminal would need.
- ``echo_ms``: to the first frame of any kind (normally the filter box showing the character).
- ``settled_ms``: to the last frame the keystroke caused (e.g. the scrollbar after the list).
- ``cpu_ms``: CPU time the process used from sending the key to that list frame.
- ``handler_ms``: time spent in our filter handler (``ContactsPane._apply_filter``: filter the
  search keys, hand the rows to the list); ``handler_done_ms``: from the key to its end.
- ``pilot_ms``: the wall time of ``press`` + ``pause`` themselves. Textual's pilot sleeps in
  steps of 20 ms until the process looks idle, three times per press + pause, so this is at least
  60 ms whatever the app does: it is reported, not judged.
- full garbage collections (generation 2) that ran inside the keystroke, and their pause.
"""

from __future__ import annotations

import asyncio
import gc
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import NOW, WORK  # noqa: E402

SIZE = (120, 36)
QUERY = "contact 01"
WARMUP_ROUNDS = 1
ROUNDS = 3


def keys_for(query: str) -> list[str]:
    """The query typed character by character, then erased with as many backspaces."""
    keys = ["space" if ch == " " else ch for ch in query]
    return keys + ["backspace"] * len(query)


async def measure(app, pilot, is_target, rounds: int, warmup: int, shown, handler_calls=None) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Press the keys of QUERY ``warmup + rounds`` times over, timing each as the module says.

    ``is_target(widget)`` picks the widget whose repaint counts as "the list is refreshed"."""
    from textual.screen import Screen

    frames: list[tuple[float, float, bool]] = []
    gc_pauses: list[tuple[float, int, float]] = []
    gc_started = [0.0]

    def time_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            gc_pauses.append((gc_started[0], info["generation"], time.perf_counter() - gc_started[0]))

    display = app._display

    def timed_display(screen: Screen, renderable):  # type: ignore[no-untyped-def]
        dirty = getattr(screen, "_dirty_widgets", ())
        has_target = any(is_target(w) for w in dirty)
        display(screen, renderable)
        render_segments = getattr(renderable, "render_segments", None)
        if render_segments is not None:
            render_segments(app.console)  # what a real terminal driver would write
        frames.append((time.perf_counter(), time.process_time(), has_target))

    app._display = timed_display
    samples: list[dict[str, object]] = []
    gc.callbacks.append(time_gc)
    try:
        for round_number in range(warmup + rounds):
            for key in keys_for(QUERY):
                first_frame = len(frames)
                first_gc = len(gc_pauses)
                first_call = len(handler_calls) if handler_calls is not None else 0
                c0 = time.process_time()
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                t1 = time.perf_counter()
                mine = frames[first_frame:]
                if not mine:
                    raise SystemExit(f"no frame after pressing {key!r}")
                target_frames = [f for f in mine if f[2]]
                list_frame = target_frames[0] if target_frames else mine[-1]
                full = [p for p in gc_pauses[first_gc:] if p[1] == 2]
                samples.append({
                    "round": round_number,
                    "warmup": round_number < warmup,
                    "key": key,
                    "list_ms": (list_frame[0] - t0) * 1000,
                    "list_frame_found": bool(target_frames),
                    "echo_ms": (mine[0][0] - t0) * 1000,
                    "settled_ms": (mine[-1][0] - t0) * 1000,
                    "cpu_ms": (list_frame[1] - c0) * 1000,
                    "pilot_ms": (t1 - t0) * 1000,
                    "frames": len(mine),
                    "gc_full": len(full),
                    "gc_full_ms": sum(p[2] for p in full) * 1000,
                    "shown": shown(),
                })
                if handler_calls is not None:
                    calls = handler_calls[first_call:]
                    samples[-1]["handler_ms"] = sum(end - begin for begin, end in calls) * 1000
                    samples[-1]["handler_done_ms"] = (max((end for _, end in calls), default=t0) - t0) * 1000
    finally:
        gc.callbacks.remove(time_gc)
    return samples


async def drive(path: Path, rounds: int, warmup: int, *, what_if: bool = False) -> dict[str, object]:
    """The real app, built as the CLI builds it, over the workspace at ``path``."""
    from interview_tui.core.store import Store
    from interview_tui.tui.app import make_app
    from interview_tui.tui.widgets.contacts import ContactList, ContactsPane

    if what_if:
        gc.disable()
    store = Store.open(path, clock=lambda: NOW)
    app = make_app(store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        pane = app.screen.query_one(ContactsPane)
        if not pane.filter_input.has_focus:
            raise SystemExit("'/' did not focus the contact filter")
        if what_if:
            # What-if (not what the app does): everything loaded so far is long-lived; keep the
            # collector off it from now on.
            gc.freeze()
            gc.enable()
        # Our own part of a keystroke: the filter handler, timed by wrapping it on this one
        # instance (skipped if the method is renamed).
        handler_calls: list[tuple[float, float]] | None = None
        apply_filter = getattr(pane, "_apply_filter", None)
        if apply_filter is not None:
            handler_calls = []

            def timed_apply_filter(*args, **kwargs):  # type: ignore[no-untyped-def]
                begin = time.perf_counter()
                try:
                    return apply_filter(*args, **kwargs)
                finally:
                    handler_calls.append((begin, time.perf_counter()))

            pane._apply_filter = timed_apply_filter
        samples = await measure(
            app, pilot, lambda w: isinstance(w, ContactList), rounds, warmup, lambda: str(pane.border_subtitle),
            handler_calls,
        )
        contacts = store.contact_count()
    store.close()
    return {"contacts": contacts, "query": QUERY, "size": SIZE, "samples": samples}


async def drive_minimal(rounds: int, warmup: int) -> dict[str, object]:
    """The floor of Textual itself: an Input and a Static that shows what was typed."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="filter", compact=True)
            yield Static("-", id="echo")

        def on_input_changed(self, event: Input.Changed) -> None:
            self.query_one("#echo", Static).update(event.value or "-")

    app = Minimal()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one(Input).cursor_blink = False
        echo = app.query_one("#echo", Static)
        samples = await measure(app, pilot, lambda w: w is echo, rounds, warmup, lambda: "")
    return {"contacts": 0, "query": QUERY, "size": SIZE, "samples": samples}


def main(argv: list[str]) -> int:
    what_if = "--gc-what-if" in argv
    argv = [a for a in argv if a != "--gc-what-if"]
    rounds = int(argv[1]) if len(argv) > 1 else ROUNDS
    if argv[0] == "--minimal":
        sys.stdout.write(json.dumps(asyncio.run(drive_minimal(rounds, WARMUP_ROUNDS))) + "\n")
        return 0
    source = None if argv[0] == "--empty" else Path(argv[0])
    directory = WORK / ("keys-empty" if source is None else "keys-10k")
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    path = directory / "interviews.json"
    if source is not None:
        shutil.copyfile(source, path)
    result = asyncio.run(drive(path, rounds, WARMUP_ROUNDS, what_if=what_if))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
