"""interview-tui: a terminal workspace for an informational-interview campaign."""

__version__ = "0.1.0"
