"""The workspace file changed by another program while the app is open."""

from __future__ import annotations

import json
import os

from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.widgets.title_bar import TitleBar

SIZE = (120, 36)


async def test_notes_typed_after_the_file_changed_elsewhere_go_to_a_separate_file(demo_store, make_test_app):
    path = demo_store.path
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # A sync tool brings in another device's version.
        theirs = json.loads(path.read_bytes())
        theirs["contacts"]["1"]["company"] = "Changed on the laptop"
        other = path.with_name("incoming")
        other.write_text(json.dumps(theirs))
        os.replace(other, path)
        their_bytes = path.read_bytes()

        await pilot.press("a", *"Dana Example", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        assert path.read_bytes() == their_bytes
        [conflict] = path.parent.glob("*.conflict-*.json")
        saved = json.loads(conflict.read_bytes())
        assert "Dana Example" in {c["name"] for c in saved["contacts"].values()}
        assert app.main_screen.sub_title == f"saving to {conflict.name}"
        # The line at the top says so, in place of the workspace's name.
        assert f"saving to {conflict.name}" in str(app.main_screen.query_one(TitleBar).render())
        [notice] = [n for n in app._notifications if n.title == "Saving to a separate file"]
        assert str(conflict) in notice.message and notice.severity == "error"
