"""Type into the contact filter of the real app, headless, and time every keystroke.

    python benchmarks/keys_probe.py PATH     # a copy of the workspace at PATH
    python benchmarks/keys_probe.py --empty  # an empty workspace (the baseline)
    python benchmarks/keys_probe.py --minimal  # Textual's own floor: an Input and a Static
    add ROUNDS after the first argument

Runs in its own process (run.py starts it) so that every app starts from the same state. The app
is started through ``cli.main(["--db", PATH])``, so it is built and run as the CLI does it,
garbage collector included (see ``cli._run_app``); only its ``run`` is swapped for ``run_test``.
Prints one JSON object: lists of samples, one per keystroke.

Each keystroke is ``await pilot.press(key); await pilot.pause()``. Two passes over the same
keys, in the same app:

**The measurement** (pass 2, ``filter_ms``): the cost of filtering the contact list on a
keystroke, which is what the 16 ms target is about. It runs from the start of the pane's filter
handler (``ContactsPane._apply_filter``, all that a change of the box's value does) until the
list holds the new rows *and* every visible line of it has been drawn: right after the handler
returns, the probe asks the list for all its visible lines in the one call the compositor makes
on the next frame (``render_lines`` over the list's region, which calls ``render_line(y)`` for
each visible ``y``). ``filter_cpu_ms`` is the CPU time of the same span. Textual's scheduling (the pilot's own sleeps, the wait for the next tick of the
screen's 60 Hz update timer, the echo frame of the filter box) is not in it.

**End to end, for context** (pass 1, no drawing added by the probe):

- ``list_ms``: from sending the key to the end of the first frame that repaints the contact list,
  that is until the filtered list is on screen. The app's ``_display`` is wrapped to note when
  each frame is made; headless Textual skips turning a frame into terminal escape codes, so the
  wrapper does that too, as a real terminal would need.
- ``echo_ms``: to the first frame of any kind (normally the filter box showing the character).
- ``settled_ms``: to the last frame the keystroke caused (e.g. the scrollbar after the list).

  The pilot's sleeps do not delay these frames (the app draws them on its own timer while the
  pilot sleeps): keys sent straight to the driver, with no pilot, give the same figures. What
  once made ``list_ms`` about 45 ms even on an empty workspace was the app: the box laid out the
  whole screen at each keystroke, and the list, filtered on the ``Input.Changed`` message that
  followed, missed the frame that showed the character; Textual's update timer then drew it 16
  to 33 ms later (after a frame it waits for the next tick of its 60 Hz grid but one). A
  keystroke now makes one frame, holding the character and the list (``frames``).
- ``cpu_ms``: CPU time the process used from sending the key to that list frame.
- ``handler_ms``: time spent in the filter handler alone; ``handler_done_ms``: from the key to
  its end.
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

from generate import WORK  # noqa: E402

SIZE = (120, 36)
QUERY = "contact 01"
WARMUP_ROUNDS = 1
ROUNDS = 3


def keys_for(query: str) -> list[str]:
    """The query typed character by character, then erased with as many backspaces."""
    keys = ["space" if ch == " " else ch for ch in query]
    return keys + ["backspace"] * len(query)


async def measure(app, pilot, is_target, rounds: int, warmup: int, shown, handler_calls=None, draw_calls=None) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
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
                first_draw = len(draw_calls) if draw_calls is not None else 0
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
                if draw_calls is not None:
                    draws = draw_calls[first_draw:]
                    if len(draws) != 1:
                        raise SystemExit(f"pressing {key!r} ran the filter {len(draws)} times, not once")
                    begin, end, drawn, cpu, height = draws[0]
                    samples[-1]["filter_ms"] = (drawn - begin) * 1000
                    samples[-1]["filter_cpu_ms"] = cpu * 1000
                    samples[-1]["filter_handler_ms"] = (end - begin) * 1000
                    samples[-1]["filter_draw_ms"] = (drawn - end) * 1000
                    samples[-1]["lines_drawn"] = height
    finally:
        gc.callbacks.remove(time_gc)
    return samples


def run_through_the_cli(path: Path, rounds: int, warmup: int) -> dict[str, object]:
    """The real app as ``interview-tui --db PATH`` starts it, through ``cli.main``, so that whatever
    the CLI does around it (the garbage collector off while loading, then ``gc.freeze()``) is what
    is measured. Only the app's ``run`` is replaced: it runs the app under ``run_test`` instead,
    with the blinking cursor off, and types the keys."""
    from interview_tui import cli
    from interview_tui.tui import app as app_module

    results: list[dict[str, object]] = []
    real_make_app = app_module.make_app

    def bench_make_app(store, **options):  # type: ignore[no-untyped-def]
        options["cursor_blink"] = False
        app = real_make_app(store, **options)

        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            results.append(asyncio.run(drive(self, store, rounds, warmup)))

        app.__class__ = type("BenchInterviewApp", (type(app),), {"run": run})
        return app

    app_module.make_app = bench_make_app
    cli._on_a_terminal = lambda: True  # run under run_test: no terminal needed
    status = cli.main(["--db", str(path)])
    if status != 0 or not results:
        raise SystemExit(f"the app did not run (exit status {status})")
    return results[0]


async def drive(app, store, rounds: int, warmup: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from textual.geometry import Region

    from interview_tui.tui.widgets.contacts import ContactList, ContactsPane

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        pane = app.screen.query_one(ContactsPane)
        if not pane.filter_input.has_focus:
            raise SystemExit("'/' did not focus the contact filter")
        # The filter handler is timed by wrapping it on this one instance (the box's value watcher
        # handler calls it through self).
        apply_filter = getattr(pane, "_apply_filter", None)
        if apply_filter is None:
            raise SystemExit("ContactsPane._apply_filter is gone: update keys_probe.py to time the filter")
        handler_calls: list[tuple[float, float]] = []
        draw_calls: list[tuple[float, float, float, float, int]] = []
        draw = [False]
        contact_list = pane.contact_list

        def timed_apply_filter(*args, **kwargs):  # type: ignore[no-untyped-def]
            c0 = time.process_time()
            begin = time.perf_counter()
            try:
                return apply_filter(*args, **kwargs)
            finally:
                end = time.perf_counter()
                handler_calls.append((begin, end))
                if draw[0]:
                    # What the next frame asks of the list: all its visible lines, in the one
                    # call the compositor makes (Widget.render_lines over the list's region; its
                    # scrollbar is a widget of its own). The filter marked every line dirty.
                    size = contact_list.scrollable_content_region.size
                    strips = contact_list.render_lines(Region(0, 0, size.width, size.height))
                    drawn = time.perf_counter()
                    draw_calls.append((begin, end, drawn, time.process_time() - c0, len(strips)))

        pane._apply_filter = timed_apply_filter
        shown = lambda: str(pane.border_subtitle)  # noqa: E731
        is_list = lambda w: isinstance(w, ContactList)  # noqa: E731
        samples = await measure(app, pilot, is_list, rounds, warmup, shown, handler_calls)
        # Pass 2: the measurement. Same keys, same app; the probe draws the list after each filter.
        draw[0] = True
        judged = await measure(app, pilot, is_list, rounds, warmup, shown, handler_calls, draw_calls)
        frozen = gc.get_freeze_count()
    return {
        "contacts": store.contact_count(),
        "query": QUERY,
        "size": SIZE,
        "frozen_objects": frozen,
        "samples": samples,
        "filter_samples": judged,
    }


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
    rounds = int(argv[1]) if len(argv) > 1 else ROUNDS
    if argv[0] == "--minimal":
        sys.stdout.write(json.dumps(asyncio.run(drive_minimal(rounds, WARMUP_ROUNDS))) + "\n")
        return 0
    source = None if argv[0] == "--empty" else Path(argv[0])
    # One directory per probe and workspace (keys_probe-ws-50k, search_probe-empty ...).
    directory = WORK / f"{Path(sys.argv[0]).stem}-{'empty' if source is None else source.parent.name}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    path = directory / "interviews.json"
    if source is not None:
        shutil.copyfile(source, path)
    result = run_through_the_cli(path, rounds, WARMUP_ROUNDS)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
