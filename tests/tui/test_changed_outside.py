"""The workspace file changed by another program while the app is open."""

from __future__ import annotations

import json
import os

from interview_tui.core.store import Store
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.widgets.title_bar import TitleBar

from .conftest import exit_messages

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


async def test_the_separate_file_is_named_on_the_way_out_and_at_the_next_start(demo_store, make_test_app):
    # Said once in the app, and never again: a person who missed it thought the work lost.
    path = demo_store.path
    app = make_test_app(demo_store)
    said = exit_messages(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        theirs = path.read_bytes().replace(b"Northwind Labs", b"Changed on the laptop")
        other = path.with_name("incoming")
        other.write_bytes(theirs)
        os.replace(other, path)
        await pilot.press("a", *"Dana Example", "ctrl+s")
        await pilot.pause()
        [conflict] = path.parent.glob("*.conflict-*.json")
        await pilot.press("q")
        await pilot.pause()
    assert said == [
        f"interview-tui: {path.name} was changed by another program while it was open; this session's changes "
        f"are in {conflict}. Compare the two and keep what you need."
    ]
    demo_store.close()
    again = make_test_app(Store.open(path))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [notice] = [n for n in again._notifications if n.title == "Changes in a separate file"]
        assert str(conflict) in notice.message and notice.message.endswith("then delete it.")
