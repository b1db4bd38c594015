"""Notes started with n, then given a time with s: the form says when a range is longer than a
conversation can be, refuses it on saving without changing anything, and a time it takes makes the
person scheduled, as s alone does."""

from __future__ import annotations

from textual.widgets import Input, Static

from interview_tui.core.models import Contact, Stage
from interview_tui.core.store import Store
from interview_tui.tui.screens.main import MainScreen

SIZE = (120, 36)


def shown(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return screen.query_one(selector, Static).render().plain


async def test_notes_given_a_time_in_the_app_make_the_person_scheduled(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    dee = store.add_contact(Contact(name="Dee Doe"))
    assert dee.id is not None
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Read up on service design.", "escape")
        await pilot.pause()
        [notes] = store.all_interviews()
        assert not notes.scheduled

        await pilot.press("s")  # from the notes pane, where the notes were typed
        await pilot.pause()
        form = app.screen
        assert "Give the notes with Dee Doe" in shown(form, ".dialog-title")
        # No time was agreed: the field starts empty, not at the moment the notes were begun.
        assert form.query_one("#field-when", Input).value == ""
        await pilot.press("ctrl+u", *"tomorrow 8am-7pm")
        await pilot.pause()
        assert shown(form, "#when-preview") == (
            "→ Thu 26 Nov 2026, 08:00–19:00 (660 minutes) — longer than a conversation can be (600 minutes at most)"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "is 660 minutes; a conversation lasts between 1 and 600." in shown(form, "#error-when")
        assert store.contact(dee.id).stage is Stage.IDENTIFIED
        assert not store.interview(notes.id or 0).scheduled

        await pilot.press("ctrl+u", *"tomorrow 3pm", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app._notifications and list(app._notifications)[-1].message.startswith("Scheduled: Dee Doe, Thu 26 Nov 15:00")
        assert store.contact(dee.id).stage is Stage.SCHEDULED
        moved = store.interview(notes.id or 0)
        assert moved.scheduled
        assert "Read up on service design." in [moved.notes, *moved.answers.values()]
