"""The ``interview-tui`` command: imports the program with the garbage collector off, runs it,
and ends the process without taking its memory apart.

Importing the CLI makes tens of thousands of objects that live as long as the process (modules,
classes, functions) and no garbage, so the collections that would run meanwhile only cost
start-up time. ``cli.main`` decides from there (the app keeps the collector off until its first
frame is drawn; scripted commands run with it on).

When it returns, everything is saved and closed (the workspace, its lock, the terminal), and
what is left is freeing every record one by one: at 50,000 contacts a tenth of a second spent
on nothing, at the end of a command a shell profile may run at every prompt. So the process
ends there, once what it printed is flushed.
"""

from __future__ import annotations

import gc
import os
import sys


def run() -> int:
    """The program, from the import of the CLI to its exit status."""
    from .terminal_early import ctrl_s_kept, opens_the_app  # noqa: PLC0415 - first, before the long imports

    with ctrl_s_kept(app=opens_the_app(sys.argv[1:])):
        gc.disable()
        try:
            from .cli import main as cli_main  # noqa: PLC0415 - the point is to import it here
        finally:
            gc.enable()
        return cli_main()


def main() -> int:
    status = run()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (`| head`): nothing more can reach it
        return status
    os._exit(status)
