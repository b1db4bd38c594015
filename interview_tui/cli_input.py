"""What the command line is given as text, arguments and standard input alike: UTF-8, or refused.

Bytes that are not UTF-8 (notes in Latin-1, a terminal set to another encoding) would be saved
with U+FFFD in place of each: what the person typed, silently changed. Imports refuse such files
already; so do the commands, naming where the first bad byte is and how to convert the text.
"""

from __future__ import annotations

import argparse
import re
import sys

from .core.errors import InvalidInput
from .core.text import where_not_utf8

_CONVERT = "convert it from its encoding, e.g. with iconv -f latin1 -t utf-8"
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_argument(typed: str) -> str:
    """The type of every argument argparse reads as text (see cli._Parser), so that argparse
    names the argument refused."""
    where = _where_undecodable(typed, by_line=False)
    if where is None:
        return typed
    raise argparse.ArgumentTypeError(
        f"not UTF-8 text: {where}; nothing was changed. Type it in a terminal set to UTF-8, or {_CONVERT}"
    )


def file_name(typed: str) -> str:
    """The type of an argument that names a file: a name may be any bytes, and the system gets
    them back as they were given (open() turns the surrogates Python made of them back)."""
    return typed


def read_stdin() -> str:
    """Standard input as text, refused (changing nothing) when it is not UTF-8. A byte-order mark
    at its start (Windows editors write one) is no part of the text."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # replaced by a text-only stream (tests, embedding): decoded already
        text: str = sys.stdin.read()
        where = _where_undecodable(text, by_line=True)
        if where is None:
            return text.removeprefix("\ufeff")
    else:
        raw: bytes = buffer.read()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            where = _byte_at(exc.object, exc.start, by_line=True)  # without a byte-order mark, as decoded
    raise InvalidInput(f"standard input is not UTF-8 text: {where}; nothing was changed. {_CONVERT.capitalize()}, and pipe that in.")


def _where_undecodable(text: str, *, by_line: bool) -> str | None:
    """Where the first byte that was not UTF-8 is in ``text``, in words; None when all was.
    Python hands such bytes over as lone surrogates (U+DC80 to U+DCFF for 0x80 to 0xFF)."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    before = text[: found.start()].encode()
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:
        return _byte_at(before + bytes([code - 0xDC00]), len(before), by_line=by_line)
    return f"a lone surrogate, U+{code:04X}, after byte {len(before)}"  # not from a byte: said as it is


def _byte_at(raw: bytes, start: int, *, by_line: bool) -> str:
    """The byte at ``start``, and where: its line and column, or its place (in bytes, from 1)."""
    if not by_line:
        return f"byte 0x{raw[start]:02x} at position {start + 1}"
    return where_not_utf8(raw, start)
