"""Cleaning and checking what people type or paste, before it is stored or shown."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from .errors import InvalidInput

MAX_NAME = 200
MAX_LINE = 500

# Escape sequences: CSI (ESC [ ... final byte); the string sequences OSC, DCS, SOS, PM and APC
# (ESC ] / P / X / ^ / _ ... up to BEL or ST, payload included: an OSC 8 link target or a window
# title is not text); then any other two-byte ESC sequence. An 8-bit CSI (U+009B) with its
# parameters goes whole too, or its tail ("31m") would be left in the text; one with none is only
# the control, which goes with the others below, so that a word written right after a stray one
# keeps its first letter (every word typed is kept: tests/formats/test_cleaning.py).
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~])|\x9b[0-?]+[ -/]*[@-~]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates reorder what follows them on screen (the
# "Trojan Source" trick); a name or a note never needs them. The marks (U+200E, U+200F, U+061C)
# only steer neutral characters and stay, as do the zero-width joiner and non-joiner: emoji
# sequences (a family, a profession) and several scripts' spelling need them.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Lone surrogates: undecodable bytes in argv or a pipe arrive as these, and no file can hold them.
_SURROGATE = re.compile("[\ud800-\udfff]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def without_escape_sequences(text: str) -> str:
    """``text`` less its terminal escape sequences, and any esc left alone: what text copied from
    a terminal carries besides its characters (colours, a window title, a link's target)."""
    return _ESCAPE_SEQUENCE.sub("", text).replace("\x1b", "")


def without_bidi_controls(text: str) -> str:
    """``text`` less the bidirectional embeddings, overrides and isolates that saving removes
    (``strip_controls``), the direction marks kept."""
    return _BIDI_CONTROL.sub("", text)


def strip_controls(text: str, *, multiline: bool = False) -> str:
    """Remove terminal escape sequences and control characters, so pasted text cannot drive the
    terminal. Newlines and tabs survive only in multi-line text."""
    text = _SURROGATE.sub("\ufffd", text)
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = without_bidi_controls(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    else:
        text = text.replace("\t", "    ")
    return _CONTROL.sub("", text)


def clean_line(text: str, *, field: str, limit: int = MAX_LINE) -> str:
    """One line of text: controls removed, whitespace trimmed, length capped with a clear error."""
    cleaned = unicodedata.normalize("NFC", " ".join(strip_controls(text).split()))
    if len(cleaned) > limit:
        raise InvalidInput(
            f"{field.replace('_', ' ').capitalize()} is {len(cleaned):,} characters long; "
            f"keep it to {limit} or fewer.",
            field=field,
        )
    return cleaned


def clean_name(text: str) -> str:
    name = clean_line(text, field="name", limit=MAX_NAME)
    if not has_visible_text(name):
        raise InvalidInput("A name is required.", field="name")
    return name


def where_not_utf8(raw: bytes, start: int) -> str:
    """Where the byte at ``start`` of ``raw`` is, in words a person can find it by in an editor:
    "byte 0xe9 at line 2 column 4" (the decoder's ``UnicodeDecodeError.start``)."""
    line = raw.count(b"\n", 0, start) + 1
    column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    return f"byte 0x{raw[start]:02x} at line {line} column {column}"


def has_visible_text(text: str) -> bool:
    """True when ``text`` shows something: a letter, digit, punctuation mark or symbol, not only
    spaces, zero-width characters or combining marks."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)


_NAMED_ADDRESS = re.compile(r"^[^<>]*<([^<>]*)>$")
"""``Ada Lovelace <ada@example.org>`` or ``<ada@example.org>``: an address as a mail program copies it."""


def clean_email(text: str) -> str:
    """An email address; one copied with its name or as a link (``Ada <ada@example.org>``,
    ``mailto:ada@example.org``) keeps only the address, which is what matches on import and
    makes a working link."""
    email = clean_line(text, field="email", limit=254)
    named = _NAMED_ADDRESS.match(email)
    if named is not None:
        email = named[1].strip() or email  # "<>" is refused as it was typed
    if email[:7].lower() == "mailto:":
        from urllib.parse import unquote  # noqa: PLC0415 - only for a link: not at every start

        # A link's address: what follows "?" (a subject, a copy to someone) is no part of it,
        # and an "@" may be written %40.
        address = unquote(email[7:].partition("?")[0]).strip()
        email = address or email
    if email and (not _EMAIL.match(email) or "<" in email or ">" in email):
        raise InvalidInput(
            f"'{email}' is not an email address; it should look like name@example.org.",
            field="email",
        )
    return email


def clean_notes(text: str) -> str:
    return strip_controls(text, multiline=True)


MULTILINE_FIELDS = frozenset(
    {"address", "notes", "answers", "takeaways", "message", "template", "ask_template", "update_template"}
)
"""Fields of the stored records whose text has lines (and so keeps its newlines); every other
text field is one line."""


def clean_tree(value: Any, *, multiline: bool = False) -> Any:
    """``value`` (a stored document, a record's fields, any JSON value) with every string in it
    through ``strip_controls``, keys included: the text under a MULTILINE_FIELDS key keeps its
    lines, everything else becomes one line. Only control characters and escape sequences go;
    every other character stays where it was."""
    if isinstance(value, str):
        return strip_controls(value, multiline=multiline)
    if isinstance(value, list):
        return [clean_tree(item, multiline=multiline) for item in value]
    if isinstance(value, dict):
        return {
            (strip_controls(key) if isinstance(key, str) else key): clean_tree(
                item, multiline=multiline or key in MULTILINE_FIELDS
            )
            for key, item in value.items()
        }
    return value


def and_list(words: list[str]) -> str:
    """"a", "a and b", "a, b and c": a list as a sentence says it."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def named_then_counted(words: list[str], named: int = 3) -> str:
    """``and_list`` of at most ``named`` of ``words``; of more, one fewer and how many more
    ("a, b and 3 more"), so that a message stays a line however many there are."""
    if len(words) <= named:
        return and_list(words)
    return and_list([*words[: named - 1], f"{len(words) - named + 1} more"])


def url_key(url: str) -> str:
    """A LinkedIn profile however it was copied: scheme, www., query and trailing slash ignored."""
    key = url.strip().casefold()
    key = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", key)
    key = re.sub(r"^(www|[a-z]{2})\.(?=linkedin\.)", "", key)
    key = re.split(r"[?#]", key, maxsplit=1)[0]
    return key.rstrip("/")


# Folding: what search and the contact filter compare -----------------------------------------


_PLAIN_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    }
)
"""The apostrophes and quotes phones and Macs type for ' and " (and the primes taken for them),
as the plain ones."""


class _FoldTable(dict[int, str]):
    """Code point -> its folded text, for ``str.translate``: worked out the first time a
    character is seen, so folding runs at C speed after that."""

    def __missing__(self, code: int) -> str:
        plain = _PLAIN_QUOTES.get(code)
        if plain is not None:
            # "O’Brien" typed on a phone is found by "o'brien" typed on a keyboard.
            self[code] = plain
            return plain
        decomposed = unicodedata.normalize("NFKD", chr(code).casefold())
        # Format characters (the non-joiner of Persian spelling, an emoji's joiner, a soft
        # hyphen, a direction mark) change how a word is drawn, not which word it is: typed
        # with or without them, it is found.
        folded = "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
        self[code] = folded
        if len(folded) != 1:
            _UNEVEN.add(chr(code))
        return folded


_FOLD = _FoldTable()
_UNEVEN: set[str] = set()
"""Characters seen so far that fold to more or fewer than one character ("ß", a lone accent)."""


_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")


def fold(text: str) -> str:
    """``text`` as search and the contact filter compare it: case-folded, without accents ("Zoë" -> "zoe",
    "Straße" -> "strasse", "ﬁle" -> "file"), without format characters (joiners, soft hyphens,
    direction marks), and with a typographic apostrophe or quote as the plain one ("O’Brien" ->
    "o'brien")."""
    if text.isascii():
        return text.lower()  # the same as casefold for ASCII, and faster
    # Notes are mostly ASCII with a few other characters (an accent, a curly quote, a dash):
    # only the runs of those go through the table, the rest is lowered at C speed. Folding is
    # character by character, so folding the pieces folds the whole.
    pieces = _NON_ASCII.split(text)
    pieces[0::2] = [piece.lower() for piece in pieces[0::2]]
    pieces[1::2] = [piece.translate(_FOLD) for piece in pieces[1::2]]
    return "".join(pieces)


def fold_name(name: str) -> str:
    """``name`` as another name is compared with it: folded as the search folds (case and accents
    aside: "José García" is "jose garcia"), a typographic apostrophe or quote as the plain one
    ("O’Brien" is "o'brien"), runs of spaces as one."""
    if name.isascii():  # most names: the same as below, at C speed
        return " ".join(name.lower().split())
    return _fold_name_beyond_ascii(name)


@functools.lru_cache(maxsize=1 << 16)
def _fold_name_beyond_ascii(name: str) -> str:
    # Folding an accented name costs ten times lowering an ASCII one, and a lookup by name
    # folds every contact's name: kept, a workspace of 50,000 accented names is folded once.
    return " ".join(fold(name).split())


def fold_offsets(text: str, folded: str) -> list[int] | None:
    """Where each character of ``folded`` (``fold(text)``) came from in ``text``, when folding
    changed lengths ("ß" is two characters folded, a combining accent none); None when every
    character folded to exactly one, so positions are the same in both."""
    if len(folded) == len(text) and _UNEVEN.isdisjoint(text):
        return None
    offsets: list[int] = []
    for position, char in enumerate(text):
        offsets.extend([position] * len(_FOLD[ord(char)] if not char.isascii() else char))
    return offsets
