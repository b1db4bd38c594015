"""The Textual interface: a thin layer over interview_tui.core."""
