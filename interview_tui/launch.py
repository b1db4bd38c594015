"""The ``interview-tui`` command: imports the program with the garbage collector off, then runs it.

Importing the CLI makes tens of thousands of objects that live as long as the process (modules,
classes, functions) and no garbage, so the collections that would run meanwhile only cost
start-up time. ``cli.main`` decides from there (the app keeps the collector off until its first
frame is drawn; scripted commands run with it on).
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    try:
        from .cli import main as cli_main  # noqa: PLC0415 - the point is to import it here
    finally:
        gc.enable()
    return cli_main()
