"""JSON for scripts (``list``, ``show``, ``due``, ``agenda``, ``trash`` with ``--json``): indented,
UTF-8 as it is, but never a character a terminal would act on when the output is looked at."""

from __future__ import annotations

import re
from typing import Any

# Characters that JSON allows raw inside strings but a terminal would act on (C1 controls such as
# the 8-bit CSI), that reorder the text around them, or that no encoder can write (lone
# surrogates). The store keeps them out; a hand-edited file may not have.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def print_json(value: Any) -> None:
    text = _json_text(value)
    print(_UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _json_text(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, made by msgspec (in C:
    the json module indents in Python, most of a long ``due --json``'s time)."""
    import msgspec

    try:
        return msgspec.json.format(msgspec.json.encode(value), indent=2).decode()
    except (TypeError, ValueError, UnicodeError):  # a lone surrogate, which the json module writes as is
        import json

        return json.dumps(value, ensure_ascii=False, indent=2)

