"""msgspec imported without typing_extensions, for a quicker start.

msgspec takes ``get_type_hints``, ``Required`` and ``NotRequired`` from typing_extensions when it
can import it and from ``typing`` when it cannot. On the Pythons this program runs on (3.11 and
later) ``typing``'s serve every annotation msgspec reads of the records (no TypedDict among them).
typing_extensions, with ``inspect``, ``ast`` and ``tokenize``, which it imports, is 15-20 ms of
``interview-tui due``'s start, whose whole target is to take no longer than reading the file
with the json module. So it is kept out of reach while msgspec is first imported, and is there
again for whatever imports it later (Textual does)."""

import sys


def _import_msgspec_alone() -> None:
    if "typing_extensions" in sys.modules:
        return  # imported already: nothing to save (nor to keep out)
    sys.modules["typing_extensions"] = None  # type: ignore[assignment] # an import of it now fails
    try:
        import msgspec  # noqa: F401
    except ImportError:
        pass  # a msgspec that cannot do without it: the caller's own import brings both
    finally:
        del sys.modules["typing_extensions"]  # still the None above: nothing can import it meanwhile


_import_msgspec_alone()
