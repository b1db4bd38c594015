"""A refusal under a field goes once the field is typed into (the person putting it right), and
stays while the field holds what was refused: a key typed before ctrl+s whose change reaches the
form after the save must not take the reason away."""

from __future__ import annotations

from textual.widgets import Input, Static

from interview_tui.core.store import Store
from interview_tui.tui.screens.schedule_form import ScheduleForm

SIZE = (120, 36)


def shown(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return screen.query_one(selector, Static).render().plain


async def schedule_form(pilot) -> ScheduleForm:  # type: ignore[no-untyped-def]
    """s on the selected contact, and the form it opens."""
    await pilot.press("s")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ScheduleForm)
    return form


async def test_the_refusal_goes_as_the_field_is_put_right(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot)
        await pilot.press("ctrl+u", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert shown(form, "#error-when").startswith("Type a day and a time")
        await pilot.press(*"tomorrow 3pm")
        await pilot.pause()
        assert shown(form, "#error-when") == ""
        assert not form.query_one("#error-when").has_class("-shown")
        assert shown(form, "#when-preview") == "→ Thu 26 Nov 2026, 15:00"


async def test_a_change_that_comes_after_the_save_keeps_the_refusal(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot)
        box = form.query_one("#field-when", Input)
        box.value = "the thirty"  # its change not handled yet when the save runs
        await form.action_save()
        await pilot.pause()
        # The change to "the thirty" came after the save: the refusal of it stays.
        assert "Could not read 'the thirty'" in shown(form, "#error-when")
        # Typed on: the refusal of "the thirty" no longer stands; the preview speaks for the new text.
        box.value = "the 30th 3pm"
        await pilot.pause()
        assert shown(form, "#error-when") == ""
        assert shown(form, "#when-preview") == "→ Mon 30 Nov 2026, 15:00"


async def test_an_emptied_length_is_the_usual_twenty_the_field_shows(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.core.models import Contact

    store.add_contact(Contact(name="Dee Doe"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot)
        minutes = form.query_one("#field-minutes", Input)
        minutes.value = ""
        assert minutes.placeholder == "20"  # what an empty field shows
        await pilot.press(*"fri 3pm", "ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        [interview] = store.all_interviews()
        assert interview.minutes == 20


async def test_a_referrer_nobody_has_is_refused_in_words_for_the_form(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Ada Lovelace")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-referred_by", Input).value = "Nobody Here"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form, "#error-referred_by") == (
            "No contact named 'Nobody Here'. Leave it empty, or give someone in the contact list."
        )
        assert store.contacts() == []
