"""ctrl+s typed while the program starts reaches it rather than freezing the terminal.

Until the app takes the terminal over (a few hundred milliseconds at a large workspace), the
terminal is as the shell left it: with flow control on, ctrl+s there is "stop output", which the
terminal itself takes and never passes on. A person who types ``a``, a name and ctrl+s the moment
they start the app then loses the save and sees a screen that seems frozen until ctrl+q. So flow
control is turned off first thing, and the terminal is put back as it was when the program ends
(the app puts back what it found, which is the terminal without flow control).

Only flow control is touched: what is typed meanwhile still waits, as it would, for the app to read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def ctrl_s_kept() -> Iterator[None]:
    """Flow control off on the terminal the keys come from, for as long as the block runs."""
    try:
        import termios  # not on every system; nothing to do where it is not
    except ImportError:
        yield
        return
    try:
        fd = sys.stdin.fileno()
        before = termios.tcgetattr(fd)
    except (OSError, ValueError, AttributeError, termios.error):
        yield  # not a terminal: a script's pipe, /dev/null, a test's captured input
        return
    flags = before[0]
    if not flags & termios.IXON:
        yield
        return
    without = list(before)
    without[0] = flags & ~termios.IXON
    try:
        termios.tcsetattr(fd, termios.TCSANOW, without)
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, before)
        except termios.error:
            pass  # the terminal went away (a hang-up): nothing left to put back
