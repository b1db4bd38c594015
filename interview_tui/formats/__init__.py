"""Import and export: vCard, LinkedIn's Connections.csv, CSV, iCalendar, Markdown, JSON backup.

Pure Python like the core (never imports Textual): the CLI and the app both call ``transfer``.
"""

from __future__ import annotations

from .transfer import (
    EXPORT_KINDS,
    IMPORT_KINDS,
    KIND_NAMES,
    ExportResult,
    ImportRefused,
    ImportResult,
    export,
    import_file,
)

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
