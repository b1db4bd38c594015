"""`show` after `note` and `cancel`: the notes were begun with no time agreed, so their history
line says so rather than "(20 min, video)", the record's defaults; a conversation scheduled with
a time keeps its length and way. Fixed clock: Wed 25 Nov 2026 10:00."""

from __future__ import annotations

from pathlib import Path


def test_show_leaves_out_a_length_nobody_agreed(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    run("--db", str(db), "add", "Alex Example")
    run("--db", str(db), "note", "Alex", "Read up on service design.")
    assert run("--db", str(db), "cancel", "Alex").code == 0
    assert run("--db", str(db), "schedule", "Alex", "fri 3pm", "--minutes", "30", "--mode", "phone").code == 0
    history = run("--db", str(db), "show", "Alex").out.split("History (newest first):\n")[1].splitlines()
    assert history[:3] == [
        "  Fri 27 Nov 2026 15:00  Conversation planned (30 min, phone)",
        "  Wed 25 Nov 2026 10:00  Conversation cancelled (no time agreed)",
        "  Wed 25 Nov 2026 10:00  Notes started",
    ]
