"""A refusal under a field goes once the field is typed into (the person putting it right), and
stays while the field holds what was refused: a key typed before ctrl+s whose change reaches the
form after the save must not take the reason away."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Static

from interview_tui.core.store import Store
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.schedule_form import ScheduleForm

from .conftest import wait_for

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



def send_as_typed(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Keys as a fast typist's arrive from the terminal: all at once, none waiting for the one
    before to have its effect."""
    assert app._driver is not None
    for key in keys:
        event = events.Key(key, {"space": " ", "tab": "\t"}.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)


def typed(text: str) -> list[str]:
    return ["space" if character == " " else character for character in text]


async def all_keys_handled(pilot, box: Input, value: str) -> None:  # type: ignore[no-untyped-def]
    """Until the box holds ``value`` and every key sent is handled, with what it set going."""
    app = pilot.app
    await wait_for(pilot, lambda: box.value == value and not app._waiting_keys and app._key_in_flight is None)
    await pilot.pause()


async def test_a_refusal_typed_over_and_saved_at_once_is_said_under_the_repeat(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"tomorrow", "tab", "tab", "tab", *"every 0 weeks", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpForm)
        assert shown(form, "#error-repeat") == "Repeat every 1 to 1000 weeks, not 0."
        box = form.query_one("#field-repeat", Input)
        send_as_typed(app, "ctrl+u", *typed("biweekly"), "ctrl+s")
        await all_keys_handled(pilot, box, "biweekly")
        assert app.screen is form
        assert shown(form, "#error-repeat").startswith("Could not read 'biweekly' as a repeat")
        # Typed on afterwards: the refusal of "biweekly" no longer stands.
        await pilot.press("backspace")
        await pilot.pause()
        assert shown(form, "#error-repeat") == ""


async def test_a_refusal_saved_with_the_keys_before_it_at_once_is_said_under_the_minutes(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot)
        box = form.query_one("#field-minutes", Input)
        send_as_typed(app, *typed("sun 2pm-3pm"), "tab", "4", "5", "ctrl+s")
        await all_keys_handled(pilot, box, "45")
        assert app.screen is form
        assert shown(form, "#error-minutes") == "'sun 2pm-3pm' is 60 minutes but the length says 45; change one of them."


async def test_a_refusal_typed_over_and_saved_at_once_is_said_in_the_contact_form_too(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        box = form.query_one("#field-cadence", Input)
        box.focus()
        await pilot.pause()
        send_as_typed(app, *typed("every 0w"), "ctrl+s")
        await all_keys_handled(pilot, box, "every 0w")
        assert shown(form, "#error-cadence") == "A cadence is between a day and ten years."
        send_as_typed(app, "ctrl+u", *typed("sometimes"), "ctrl+s")
        await all_keys_handled(pilot, box, "sometimes")
        assert app.screen is form
        assert shown(form, "#error-cadence").startswith("Could not read 'sometimes' as a cadence")


async def test_a_range_typed_and_saved_at_once_is_saved_for_its_length_as_typed_one_key_at_a_time(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.core.models import Contact

    store.add_contact(Contact(name="Dee Doe"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot)
        box = form.query_one("#field-when", Input)
        send_as_typed(app, *typed("sun 2pm-3pm"), "ctrl+s")
        await all_keys_handled(pilot, box, "sun 2pm-3pm")
        await wait_for(pilot, lambda: app.screen is not form)
        [interview] = store.all_interviews()
        assert (interview.when.hour, interview.minutes) == (14, 60)


async def test_a_length_and_a_range_whose_changes_come_after_the_save_keep_the_length_typed(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    from interview_tui.core.models import Contact

    store.add_contact(Contact(name="Dee Doe"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot)
        minutes = form.query_one("#field-minutes", Input)
        # Both typed, neither change handled yet when the save runs: typed one key at a time, a
        # length typed is kept whatever the range, and the two are said to disagree.
        minutes.value = "45"
        form.query_one("#field-when", Input).value = "sun 2pm-3pm"
        await form.action_save()
        await pilot.pause()
        assert app.screen is form
        assert minutes.value == "45"
        assert shown(form, "#error-minutes") == "'sun 2pm-3pm' is 60 minutes but the length says 45; change one of them."
        assert store.all_interviews() == []
