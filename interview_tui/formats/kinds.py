"""The formats there are, by name: what the command line offers before loading any of them."""

IMPORT_KINDS = ("vcard", "linkedin", "csv", "ics", "json")
EXPORT_KINDS = ("vcard", "ics", "markdown", "csv", "json")

KIND_NAMES = {
    "vcard": "vCard",
    "linkedin": "LinkedIn connections",
    "csv": "CSV",
    "json": "JSON backup",
    "ics": "iCalendar",
    "markdown": "Markdown",
}
