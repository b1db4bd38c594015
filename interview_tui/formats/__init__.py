"""Import and export: vCard, LinkedIn's Connections.csv, CSV, iCalendar, Markdown, JSON backup.

Pure Python like the core (never imports Textual): the CLI and the app both call ``transfer``.
"""

from __future__ import annotations

from typing import Any

from .kinds import EXPORT_KINDS, IMPORT_KINDS, KIND_NAMES

_FROM_TRANSFER = ("ExportResult", "ImportRefused", "ImportResult", "export", "import_file")


def __getattr__(name: str) -> Any:
    # The readers and writers (and vobject, icalendar) load on first use, not with the package:
    # the command line imports this package to list the formats, and must start quickly.
    if name in _FROM_TRANSFER:
        from . import transfer

        return getattr(transfer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EXPORT_KINDS",
    "IMPORT_KINDS",
    "KIND_NAMES",
    "ExportResult",
    "ImportRefused",
    "ImportResult",
    "export",
    "import_file",
]
