"""ctrl+s typed while the program starts reaches it rather than freezing the terminal.

Until the app takes the terminal over (a few hundred milliseconds at a large workspace), the
terminal is as the shell left it: with flow control on, ctrl+s there is "stop output", which the
terminal itself takes and never passes on. A person who types ``a``, a name and ctrl+s the moment
they start the app then loses the save and sees a screen that seems frozen until ctrl+q. So flow
control is turned off first thing, and the terminal is put back as it was when the program ends
(the app puts back what it found, which is the terminal without flow control).

Only flow control is touched for a command: what is typed meanwhile still waits, as it would, for
the app to read, and ``interview-tui note ... -`` reads typed lines as the shell would. For the
app (``opens_the_app``), Enter is also kept as the Enter it is (the terminal would hand it on as a
line feed, ctrl+j, which is no new line in the notes and no enter in the search), and what is typed
is not echoed onto the shell's screen beneath the app.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


def opens_the_app(argv: Sequence[str]) -> bool:
    """Whether ``argv`` (the words after the program's name) opens the app: ``[--db PATH |
    --demo]...`` and nothing else, as ``cli._plain_app`` reads it."""
    words = iter(argv)
    for word in words:
        if word == "--demo":
            continue
        if word == "--db":
            value = next(words, None)
        elif word.startswith("--db="):
            value = word.partition("=")[2]
        else:
            return False
        if value is None or value.startswith("-"):
            return False
    return True


@contextmanager
def ctrl_s_kept(app: bool = False) -> Iterator[None]:
    """Flow control off on the terminal the keys come from, for as long as the block runs; and
    for the app, Enter kept as Enter and nothing echoed."""
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
    flags, local = before[0], before[3]
    input_off = termios.IXON | (termios.ICRNL if app else 0)
    local_off = termios.ECHO if app else 0
    if not flags & input_off and not local & local_off:
        yield
        return
    without = list(before)
    without[0] = flags & ~input_off
    without[3] = local & ~local_off
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
