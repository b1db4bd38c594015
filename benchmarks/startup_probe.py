"""Run one app headless in this fresh process and report when its first interactive frame is up.

    python benchmarks/startup_probe.py ours PATH   # InterviewApp over the workspace at PATH
    python benchmarks/startup_probe.py bare        # a bare Textual app: Header and Footer
    python benchmarks/startup_probe.py ours PATH --gc-what-if  # GC off while loading, then freeze

Prints one JSON line of time.monotonic() readings and the peak resident memory (CLOCK_MONOTONIC is system-wide on Linux, so
the parent compares them with the moment it started this process), then ends the process at once:
tearing the app down is not part of start-up. Nothing heavy is imported before the first reading.
"""

import time

_T_START = time.monotonic()

import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

SIZE = (120, 36)

_gc_pauses: list[tuple[int, float]] = []
_gc_started = 0.0


def _time_gc(phase: str, info: dict[str, int]) -> None:
    global _gc_started
    if phase == "start":
        _gc_started = time.perf_counter()
    else:
        _gc_pauses.append((info["generation"], time.perf_counter() - _gc_started))


gc.callbacks.append(_time_gc)

WHAT_IF = "--gc-what-if" in sys.argv
"""What-if (not what the app does): no cyclic GC while the workspace loads, then gc.freeze() once
the screen is up, so that later collections skip the long-lived records."""
if WHAT_IF:
    gc.disable()


def peak_kib() -> int:
    """This process's peak resident memory, KiB: VmHWM, the high-water mark of its own memory.
    Not getrusage's ru_maxrss, which Linux carries across exec from the parent's size at fork
    (run.py's, hundreds of MB by the time it starts a probe)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _finish(marks: dict[str, float], extra: dict[str, object]) -> None:
    gc_info = {
        # The app's peak resident memory so far, at its first interactive frame (a later search
        # or dashboard adds to it; session_probe.py says how much).
        "maxrss_kib": peak_kib(),
        "gc_ms": sum(d for _, d in _gc_pauses) * 1000,
        "gc_full": sum(1 for g, _ in _gc_pauses if g == 2),
        "gc_full_ms": sum(d for g, d in _gc_pauses if g == 2) * 1000,
    }
    sys.stdout.write(json.dumps({"marks": marks, **gc_info, **extra}) + "\n")
    sys.stdout.flush()
    os._exit(0)  # no teardown: the measurement is over


def _settle(app, marks: dict[str, float], ready, extra, everything=None) -> None:  # type: ignore[no-untyped-def]
    """After the first frame, wait (frame by frame) until ``ready()`` holds and the screen has
    repainted with nothing left dirty: that is the first frame a person can work with. Then,
    when ``everything`` is given, on until it holds too (``everything``: every pane filled)."""

    def check() -> None:
        if ready():
            marks["interactive"] = time.monotonic()
            if WHAT_IF:
                gc.freeze()
                gc.enable()
            if everything is None:
                _finish(marks, extra())
            else:
                app.call_after_refresh(check_everything)
        else:
            app.call_after_refresh(check)

    def check_everything() -> None:
        if everything():
            marks["everything"] = time.monotonic()
            _finish(marks, extra())
        else:
            app.call_after_refresh(check_everything)

    app.call_after_refresh(check)


def _notes_shown(screen) -> bool:  # type: ignore[no-untyped-def]
    """The notes pane shows the highlighted contact: its heading names them."""
    contact = getattr(screen, "contact", None)
    if contact is None:
        return False
    heading = screen.notes_pane.query_one("#notes-heading")
    return str(heading.content).startswith(contact.name)


def _after_import(name: str, patch) -> None:  # type: ignore[no-untyped-def]
    """Call ``patch(module)`` as soon as module ``name`` has been imported, wherever that happens,
    without importing it here: the app imports Textual inside ``cli.main``, after it has set up
    what it needs (the collector off, for one), and the probe must not do that import earlier."""
    import importlib.abc
    import importlib.util

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            real_exec = spec.loader.exec_module

            def exec_module(module):  # type: ignore[no-untyped-def]
                real_exec(module)
                patch(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Finder())


def run_ours(path: str) -> None:
    """The app as a person starts it: ``interview-tui --db PATH``, through the function that
    command runs (``interview_tui.launch.main``, as pyproject.toml says).

    So whatever the program does around the app (imports, opening the store, the collector,
    signal handlers) is measured as it is. Two hooks only, put in as their modules are imported:
    ``Store.open`` is wrapped to note when it returns, and the app ``make_app`` builds gets a
    subclass that runs it headless at SIZE and handles Ready.
    """
    from interview_tui import launch

    marks = {"start": _T_START}
    opened: list = []  # the Store

    def patch_store_module(store_module) -> None:  # type: ignore[no-untyped-def]
        store_class = store_module.Store
        real_open = store_class.open.__func__

        def timed_open(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
            store = real_open(cls, *args, **kwargs)
            marks["store_opened"] = time.monotonic()
            opened.append(store)
            return store

        store_class.open = classmethod(timed_open)

    def ready(app) -> bool:  # type: ignore[no-untyped-def]
        from interview_tui.tui.screens.main import MainScreen

        screen = app.screen
        if not isinstance(screen, MainScreen):
            return False
        expected = opened[0].contact_count()
        shown = len(screen.contacts_pane.contact_list.rows) == expected
        return shown and (expected == 0 or _notes_shown(screen))

    def extra(app) -> dict[str, object]:  # type: ignore[no-untyped-def]
        screen = app.screen
        return {
            "contacts_shown": len(screen.contacts_pane.contact_list.rows),
            "followups_shown": len(screen.followups_pane.followup_list.rows),
        }

    def everything(app) -> bool:  # type: ignore[no-untyped-def]
        """Every pane filled: the conversations and follow-ups the app reads after its first
        frame are read and shown (see InterviewApp._read_later)."""
        screen = app.screen
        reading = getattr(screen.notes_pane, "reading", False) or getattr(screen.followups_pane, "reading", False)
        return not reading and not getattr(opened[0], "tables_read_later", list)()

    def on_ready(self) -> None:  # type: ignore[no-untyped-def]
        marks["first_frame"] = time.monotonic()
        _settle(self, marks, lambda: ready(self), lambda: extra(self), lambda: everything(self))

    def patch_app_module(app_module) -> None:  # type: ignore[no-untyped-def]
        marks["imported"] = time.monotonic()
        real_make_app = app_module.make_app

        def bench_make_app(store, **options):  # type: ignore[no-untyped-def]
            app = real_make_app(store, **options)
            base = type(app)

            def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
                return base.run(self, headless=True, size=SIZE)

            # Textual sends Ready to the app once "the DOM is ready and the first frame has been
            # displayed". Handlers are looked up on the class, so the app gets a subclass whose
            # only additions are that handler and running headless.
            app.__class__ = type("BenchInterviewApp", (base,), {"on_ready": on_ready, "run": run})
            return app

        app_module.make_app = bench_make_app

    def patch_cli_module(cli_module) -> None:  # type: ignore[no-untyped-def]
        # The probe's app runs headless: it needs no terminal, which the command asks for.
        cli_module._on_a_terminal = lambda: True

    _after_import("interview_tui.core.store", patch_store_module)
    _after_import("interview_tui.tui.app", patch_app_module)
    _after_import("interview_tui.cli", patch_cli_module)
    sys.argv = ["interview-tui", "--db", path]
    status = launch.main()
    raise SystemExit(f"the app ended before its first frame (exit status {status})")


def run_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header

    marks = {"start": _T_START}

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Footer()

        def on_ready(self) -> None:
            marks["first_frame"] = time.monotonic()
            _settle(self, marks, lambda: True, dict)

    marks["imported"] = time.monotonic()
    Bare().run(headless=True, size=SIZE)
    raise SystemExit("the app ended before its first frame")


def main() -> None:
    kind = sys.argv[1]
    if kind == "ours":
        run_ours(sys.argv[2])
    elif kind == "bare":
        run_bare()
    else:
        raise SystemExit(f"unknown kind {kind!r}")


if __name__ == "__main__":
    main()
