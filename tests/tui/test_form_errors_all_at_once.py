"""A save refused for several fields says so under every one of them at once, with the focus on
the first (top to bottom), and saves nothing: no record, no id used up, no byte of the file.
Each refusal goes as its own field is put right; the others stay until saved again."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Static

from interview_tui.core.store import Store
from interview_tui.core.text import MAX_LINE
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.held_form import HeldForm
from interview_tui.tui.screens.move_form import MoveForm
from interview_tui.tui.screens.queue_forms import UpdateEveryoneForm
from interview_tui.tui.screens.templates import TemplatesScreen

from .test_date_fields import select, type_into
from .test_failed_save_forms import shown_errors
from .test_form_errors_put_right import schedule_form, shown

SIZE = (120, 36)


def refused_fields(form: FormScreen[Any]) -> list[str]:
    """The fields with a refusal under them, top to bottom."""
    return [
        error.id.removeprefix("error-")
        for error in form.query(".form-error.-shown").results(Static)
        if error.id and error.id != "error-form"
    ]


def focused_field(form: FormScreen[Any]) -> str:
    focused = form.focused
    assert focused is not None and focused.id is not None
    return focused.id.removeprefix("field-")


async def paste(pilot, form: FormScreen[Any], text: str) -> None:  # type: ignore[no-untyped-def]
    """Paste ``text`` into the focused field, as a terminal hands a paste to the app."""
    assert form.focused is not None
    form.focused.post_message(events.Paste(text))
    await pilot.pause()


async def tab_to(pilot, form: FormScreen[Any], name: str) -> None:  # type: ignore[no-untyped-def]
    """Tab on from the focused field to the field ``name``, as a person would."""
    for _ in range(len(form.fields)):
        if focused_field(form) == name:
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"tab never reached {name}")


async def test_a_contact_with_two_bad_fields_is_refused_under_both_at_once(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    on_disk = store.path.read_bytes()
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Bo Placeholder")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        await tab_to(pilot, form, "email")
        await pilot.press(*"bo at example")
        await tab_to(pilot, form, "cadence")
        await pilot.press(*"sometimes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["email", "cadence"]
        assert shown(form, "#error-email") == "'bo at example' is not an email address; it should look like name@example.org."
        assert shown(form, "#error-cadence").startswith("Could not read 'sometimes' as a cadence.")
        assert shown(form, "#error-name") == ""
        assert focused_field(form) == "email"
        assert store.contacts() == []
        assert store.path.read_bytes() == on_disk

        # The email put right: its refusal goes as it is typed; the cadence's stays.
        await type_into(pilot, "bo@example.org")
        assert refused_fields(form) == ["cadence"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["cadence"]
        assert focused_field(form) == "cadence"
        assert store.contacts() == []
        assert store.path.read_bytes() == on_disk

        await type_into(pilot, "every 6w")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        [contact] = store.contacts()
        # The refused saves used up no id: the first contact has the first.
        assert (contact.id, contact.name, contact.email, contact.cadence_days) == (1, "Bo Placeholder", "bo@example.org", 42)


async def test_the_first_wrong_field_from_the_top_has_the_focus(store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        # Typed bottom up: the cadence last but one, then the email, the name left empty.
        await tab_to(pilot, form, "cadence")
        await pilot.press(*"sometimes", "shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab")
        assert focused_field(form) == "email"
        await pilot.press(*"bo at example", "ctrl+s")
        await pilot.pause()
        assert refused_fields(form) == ["name", "email", "cadence"]
        assert shown(form, "#error-name") == "A name is required."
        assert focused_field(form) == "name"
        assert store.contacts() == []


async def test_a_long_address_and_a_bad_email_are_refused_together_and_each_goes_as_it_is_put_right(
    store: Store, make_test_app
) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Bo Placeholder")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        await tab_to(pilot, form, "email")
        await pilot.press(*"bo at example")
        await tab_to(pilot, form, "address")
        await paste(pilot, form, "1 Sample Street " * (MAX_LINE // 10))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert refused_fields(form) == ["email", "address"]
        assert shown(form, "#error-address").startswith("The address is too long")
        # The address shortened (a line deleted, as a person would): its refusal goes, the email's stays.
        await tab_to(pilot, form, "address")
        await pilot.press("ctrl+a", "ctrl+k")
        await pilot.pause()
        assert refused_fields(form) == ["email"]
        assert store.contacts() == []


async def test_a_schedule_with_an_unreadable_date_and_length_is_refused_under_both(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    casey = demo_store.find_contact("Casey Placeholder")
    assert casey.id is not None
    planned_ids = {i.id for i in demo_store.all_interviews()}
    on_disk = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Casey Placeholder")
        form = await schedule_form(pilot)
        await pilot.press(*"the thirty", "tab", *"lots", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["when", "minutes"]
        assert "Could not read 'the thirty'" in shown(form, "#error-when")
        assert shown(form, "#error-minutes") == "'lots' is not a number of minutes; the usual is 20."
        assert focused_field(form) == "when"
        assert demo_store.interviews(casey.id) == []
        assert demo_store.path.read_bytes() == on_disk

        # The date put right and saved again: only the length is refused now.
        await type_into(pilot, "fri 3pm")
        assert refused_fields(form) == ["minutes"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["minutes"]
        assert focused_field(form) == "minutes"
        assert demo_store.interviews(casey.id) == []
        assert demo_store.path.read_bytes() == on_disk

        await type_into(pilot, "30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        [interview] = demo_store.interviews(casey.id)
        assert interview.minutes == 30
        # No id was used up by the refusals: the next after the sample's.
        assert interview.id == max(i for i in planned_ids if i is not None) + 1


async def test_a_move_with_an_unreadable_date_and_length_is_refused_under_both(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    sam = demo_store.find_contact("Sam Sample")
    assert sam.id is not None
    [planned] = demo_store.interviews(sam.id)
    on_disk = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Sam Sample")
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MoveForm)
        await pilot.press(*"whenever", "tab", *"lots", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["when", "minutes"]
        assert focused_field(form) == "when"
        assert demo_store.interviews(sam.id) == [planned]
        assert demo_store.path.read_bytes() == on_disk
        await type_into(pilot, "fri 3pm")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert refused_fields(form) == ["minutes"]
        assert demo_store.interviews(sam.id) == [planned]
        assert demo_store.path.read_bytes() == on_disk


async def test_a_follow_up_with_an_unreadable_due_date_and_repeat_is_refused_under_both(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    before = demo_store.followups(include_done=True)
    on_disk = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Casey Placeholder")
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpForm)
        await pilot.press(*"whenever")
        await tab_to(pilot, form, "repeat")
        await pilot.press(*"sometimes", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["due", "repeat"]
        assert shown(form, "#error-repeat").startswith("Could not read 'sometimes' as a repeat.")
        assert focused_field(form) == "due"
        assert demo_store.followups(include_done=True) == before
        assert demo_store.path.read_bytes() == on_disk
        await type_into(pilot, "fri")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert refused_fields(form) == ["repeat"]
        assert focused_field(form) == "repeat"
        assert demo_store.followups(include_done=True) == before


async def test_a_conversation_held_at_an_unreadable_time_with_too_long_a_note_is_refused_under_both(
    demo_store: Store, make_test_app
) -> None:  # type: ignore[no-untyped-def]
    sam = demo_store.find_contact("Sam Sample")
    assert sam.id is not None
    [planned] = demo_store.interviews(sam.id)
    on_disk = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Sam Sample")
        await pilot.press("tab", "x")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HeldForm)
        await type_into(pilot, "whenever")
        await pilot.press("tab")
        await paste(pilot, form, "x" * (MAX_LINE + 1))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["when", "note"]
        assert shown(form, "#error-note") == f"Note is {MAX_LINE + 1} characters long; keep it to {MAX_LINE} or fewer."
        assert focused_field(form) == "when"
        assert demo_store.interviews(sam.id) == [planned]
        assert demo_store.path.read_bytes() == on_disk


async def test_the_reminder_delays_are_refused_together(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    settings = demo_store.settings()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TemplatesScreen)
        await tab_to(pilot, form, "nudge_days")
        await type_into(pilot, "soon")
        await pilot.press("tab")
        await type_into(pilot, "400")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["nudge_days", "thank_you_days"]
        assert shown(form, "#error-nudge_days") == "'soon' is not a number of days."
        assert shown(form, "#error-thank_you_days") == "Give a number of days from 0 to 365."
        assert focused_field(form) == "nudge_days"
        assert demo_store.settings() == settings


async def test_a_stray_brace_and_an_emptied_delay_are_refused_in_the_words_of_what_was_typed(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    settings = demo_store.settings()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TemplatesScreen)
        await tab_to(pilot, form, "template")
        await pilot.press("x", "space", "{")  # before "Hi {first_name},"
        await tab_to(pilot, form, "nudge_days")
        await type_into(pilot, "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["template", "nudge_days"]
        assert shown(form, "#error-template") == (
            "The template has a stray brace on line 1: the '{' in 'x {Hi {first_name}…' is never closed; "
            "write {{ for a literal brace."
        )
        assert shown(form, "#error-nudge_days") == "Type a number of days, from 0 to 365."
        assert demo_store.settings() == settings


async def test_an_update_with_no_outcome_and_an_unreadable_date_is_refused_under_both(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    before = demo_store.followups(include_done=True)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("U")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, UpdateEveryoneForm)
        await pilot.press("tab")
        await type_into(pilot, "whenever")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert refused_fields(form) == ["outcome", "due"]
        assert focused_field(form) == "outcome"
        assert shown_errors(form)[0].startswith("Say what happened")
        assert demo_store.followups(include_done=True) == before
