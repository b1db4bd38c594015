"""Keys still held back when the app has taken its screens down (a hang-up ends it while a key's
binding settles) are not given out to a screen that is no longer there: that raised at exit."""

from __future__ import annotations

from textual import events

from interview_tui.core.store import Store

from .conftest import SIZE


async def test_a_key_settling_after_the_screens_are_gone_is_not_given_out(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert not app.screen_stack
    key = events.Key("a", "a")
    key.set_sender(app)
    app._waiting_keys.append(key)
    await app._binding_settled()  # raised ScreenStackError: "No screens on stack"
    assert list(app._waiting_keys) == [key]
