"""Regenerate screenshots/ from the real app on the sample workspace: python scripts/screenshots.py

Each scene is the app at a fixed size with a fixed clock, after some real key presses.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from interview_tui.core.demo import seed_demo
from interview_tui.core.store import Store
from interview_tui.tui.app import make_app

NOW = datetime(2026, 11, 25, 10, 0)
OUT = Path(__file__).resolve().parent.parent / "screenshots"

SCENES: list[tuple[str, tuple[int, int], tuple[str, ...]]] = [
    ("main-120x36", (120, 36), ()),
    ("main-80x24", (80, 24), ()),
    ("notes-120x36", (120, 36), ("enter", "enter")),
    ("followups-80x24", (80, 24), ("shift+tab",)),
    ("queue-120x36", (120, 36), ("tab", "tab")),
    ("agenda-80x24", (80, 24), ("shift+tab", "j", "j", "j", "j")),
    ("history-80x24", (80, 24), ("j", "enter", "h")),
    ("search-120x36", (120, 36), ("ctrl+f", *"research")),
    ("answers-120x36", (120, 36), ("A", "j", "j")),
    ("referrals-120x36", (120, 36), ("R",)),
    ("dashboard-120x36", (120, 36), ("D",)),
    ("add-contact-80x24", (80, 24), ("a",)),
    ("trash-120x36", (120, 36), ("d", "y", "T")),
    ("help-80x24", (80, 24), ("question_mark",)),
]


async def shoot(name: str, size: tuple[int, int], keys: tuple[str, ...], workdir: Path) -> Path:
    store = Store.open(workdir / f"{name}.json", clock=lambda: NOW)
    try:
        seed_demo(store)
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if keys:
                await pilot.press(*keys)
                await pilot.pause()
            return Path(app.save_screenshot(f"{name}.svg", str(OUT)))
    finally:
        store.close()


async def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        for name, size, keys in SCENES:
            path = await shoot(name, size, keys, Path(workdir))
            print(f"wrote {path.relative_to(OUT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
