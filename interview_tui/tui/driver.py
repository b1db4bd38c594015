"""Textual's Linux driver, told apart from a terminal that has gone away.

Textual 8.2's input thread treats an empty read as "nothing this time" and selects again: at the
end of input the descriptor stays readable, so it spins, using a core and keeping the workspace
locked for ever; and a read that fails (EIO, which a pseudo-terminal answers once its other side
is closed: SSH dropping) ends the thread with a traceback instead of a clean exit. Here either
one stops reading and tells the app once, with ``TerminalClosed``, so that it saves and leaves.

Over SSH, keys typed quickly often travel together: esc and the key after it then arrive as one
read, which the terminal's own encoding makes alt and that key. The program binds no alt key of
its own, so such a pair is given as the two keys typed (esc leaves the dashboard, then q quits),
unless the person's keymap binds it. That holds too for the pairs Textual reads as something else
(macOS's option keys): esc and b or f (a word left or right), esc and a digit, - or = (¡, ™, £ ...
typed into the text), esc and backspace (a word deleted). tmux joins esc and the key typed up to
half a second after it into one such pair, so "esc, then f for a follow-up" lost both keys and
moved the cursor in the text left behind.
"""

from __future__ import annotations

import os
import re
import selectors
from codecs import getincrementaldecoder
from collections.abc import Iterator
from weakref import WeakKeyDictionary, WeakSet

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from ..core.text import without_escape_sequences
from .keys import keys_in_use


class TerminalClosed(Message):
    """Standard input ended or cannot be read any more: nobody is at the terminal."""


class HangUpAwareDriver(LinuxDriver):
    """LinuxDriver whose input thread ends, and tells the app, at the end of input."""

    def run_input_thread(self) -> None:
        # The loop of LinuxDriver.run_input_thread, but an empty or failed read ends it.
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        closed = False
        try:
            while not self.exit_event.is_set():
                if selector.select(0.1):
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError:
                        data = b""
                    if not data:
                        closed = True
                        for event in paste_in_transit(parser):
                            self.process_message(event)
                        break
                    for event in fed(parser, decode(data)):
                        for typed in as_typed(parser, event):
                            self.process_message(typed)
                for event in parser.tick():
                    for typed in as_typed(parser, event):
                        self.process_message(typed)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
        if closed:
            self.send_message(TerminalClosed())


_PAIR_THEN_ESC = re.compile("\x1b([^\x1b\\[O\\]P_^X])(?=\x1b)")
"""Esc and a character (not one that starts a longer sequence), with another esc at once after."""

_READ_AS_OTHER = "".join(
    sorted(sequence[1] for sequence in ANSI_SEQUENCES_KEYS if len(sequence) == 2 and sequence[0] == "\x1b" != sequence[1])
)
"""The characters that Textual reads, after an esc, as another key or character (b: a word left)."""

_PAIR_READ_AS_OTHER = re.compile(f"\x1b([{re.escape(_READ_AS_OTHER)}])")

_ESC_WAITING: WeakSet[XTermParser] = WeakSet()
"""Parsers whose last read ended with an esc."""


PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"

_PASTING: WeakKeyDictionary[XTermParser, list[str]] = WeakKeyDictionary()
"""Parsers in the middle of a bracketed paste, with what has come of it so far."""

_TAIL: WeakKeyDictionary[XTermParser, str] = WeakKeyDictionary()
"""The end of what each parser was last given, as long as a paste's start less a character: a
start cut in two by the reads is found where the two meet."""


def fed(parser: XTermParser, text: str) -> Iterator[Message]:
    """What ``parser`` makes of ``text``: keys (see ``_keys_fed``), and a bracketed paste's text
    given to it whole once its end has come, less the escape sequences it held.

    Textual's parser reads an esc inside a paste as the start of a key's sequence, and gives
    what follows it out as keys typed, at once, where the rest of the paste comes as one Paste
    at its end: "A \x1b[31mRED\x1b[0m B" pasted into the notes was saved as "^[31mRED^[0m BA ".
    A paste is text, never keys, and the colours copied along with it are not part of it. The
    parser is given the paste's start as it comes (it then reads what follows as a paste) and
    the rest, with its end, once the end is here."""
    pasting = _PASTING.get(parser)
    if pasting is not None:
        pasting.append(text)
        so_far = "".join(pasting)
        end = so_far.find(PASTE_END)
        if end < 0:
            pasting[:] = [so_far]
            return
        del _PASTING[parser]
        yield from parser.feed(without_escape_sequences(so_far[:end]) + PASTE_END)
        text = so_far[end + len(PASTE_END) :]
        _TAIL.pop(parser, None)
        if not text:
            return
    tail = _TAIL.get(parser, "")
    found = (tail + text).find(PASTE_START)
    if found < 0:
        _TAIL[parser] = (tail + text)[1 - len(PASTE_START) :]
        yield from _keys_fed(parser, text)
        return
    begun = found + len(PASTE_START) - len(tail)  # where the paste's text begins in this read
    yield from _keys_fed(parser, text[:begun])
    _PASTING[parser] = []
    yield from fed(parser, text[begun:])


def paste_in_transit(parser: XTermParser) -> Iterator[Message]:
    """The paste begun and not ended when the terminal went away, as a paste all the same: what
    came of it is what was pasted, and it is kept as the keys typed before it are."""
    pasting = _PASTING.pop(parser, None)
    if pasting is not None:
        yield from parser.feed(without_escape_sequences("".join(pasting)) + PASTE_END)


def _keys_fed(parser: XTermParser, text: str) -> Iterator[Message]:
    """What ``parser`` makes of ``text``, an esc and a character that another esc follows at once
    read as the pair they are.

    Textual's parser waits after an esc for the rest of a sequence; when another esc comes
    before it has decided, it gives the pending one out as text, the esc written "^": alt+a
    alt+x typed quickly (esc a esc x) put "^a" into the notes. Here the pair is given to the
    parser alone, and its wait ended at once (its own timeout, which reads the pair as alt and
    that character, as it does when nothing follows)."""
    if text[:1] and text[0] in _READ_AS_OTHER and parser in _ESC_WAITING and parser._timeout_time is not None:
        # The esc came alone in the read before and is still waiting for more: the key typed
        # after it is a key of its own, not the rest of it.
        parser._timeout_time = 0.0
        yield from parser.tick()
    _ESC_WAITING.discard(parser)
    if text.endswith("\x1b"):
        _ESC_WAITING.add(parser)
    start = 0
    for pair in _PAIR_THEN_ESC.finditer(text):
        yield from _with_pairs_read_as_two(parser, text[start : pair.end()])
        if parser._timeout_time is not None:  # (not when the pair was one of those given as two)
            parser._timeout_time = 0.0  # the wait for more is over: the next esc starts anew
            yield from parser.tick()
        start = pair.end()
    yield from _with_pairs_read_as_two(parser, text[start:])


def _with_pairs_read_as_two(parser: XTermParser, text: str) -> Iterator[Message]:
    """``parser.feed(text)``, the pairs Textual reads as another key given as esc and the key
    typed (see the module's docstring), or as alt and that key when the keymap binds it."""
    start = 0
    for pair in _PAIR_READ_AS_OTHER.finditer(text):
        if pair.start() > start:  # (an empty feed is Textual's end of input)
            yield from parser.feed(text[start : pair.start()])
        if parser._timeout_time is not None:
            parser._timeout_time = 0.0  # an esc still waiting for more is given out first
            yield from parser.tick()
        typed = list(parser._sequence_to_key_events(pair.group(1)))  # as Textual names it alone
        alt = f"alt+{typed[0].key}" if len(typed) == 1 and isinstance(typed[0], events.Key) else None
        if alt is not None and alt in keys_in_use():
            yield events.Key(alt, pair.group(1))
        else:
            yield events.Key("escape", "\x1b")
            yield from typed
        start = pair.end()
    if start < len(text) or not text:
        yield from parser.feed(text[start:])


def as_typed(parser: XTermParser, event: Message) -> Iterator[Message]:
    """``event``, or esc and the key after it when ``event`` is alt and a character that no
    key in force is bound to (see the module's docstring); or Enter for a line feed.

    A line feed is what the terminal makes of Enter typed before the program could set it
    (terminal_early.py turns that off, but only once the program runs): two lines of notes typed
    at once after start ran together. As in a shell, ctrl+j is Enter, unless the keymap binds it."""
    if isinstance(event, events.Key) and event.key == "ctrl+j" and "ctrl+j" not in keys_in_use():
        yield events.Key("enter", "\r")
        return
    if not (
        isinstance(event, events.Key)
        and event.key.startswith("alt+")
        and event.character is not None
        and len(event.character) == 1
        and event.character.isprintable()
        and event.key not in keys_in_use()
    ):
        yield event
        return
    yield events.Key("escape", "\x1b")
    # Named as Textual names the character typed alone ("slash", "A").
    yield from parser._sequence_to_key_events(event.character)
