"""The app's screens: the main one, and the modal ones that open over it."""

from pathlib import Path

MODALS_CSS = Path(__file__).resolve().parent.parent / "modals.tcss"
"""The modal screens' styles. Textual reads a screen's CSS_PATH when the screen first opens, so
these are not parsed at start-up, where parsing and matching them cost the first frame time."""
