"""Date fields as a person types them: the live preview says what was understood (or which part
could not be read), ranges book their length, and the forms that only make sense for the future
say when a date is not."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, Label, Static

from interview_tui.core import conversations, queue
from interview_tui.core.models import FollowUpKind
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.held_form import HeldForm
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.move_form import MoveForm
from interview_tui.tui.screens.queue_forms import SnoozeForm
from interview_tui.tui.screens.schedule_form import ScheduleForm
from interview_tui.tui.screens.templates import TemplatesScreen

from .conftest import open_screen

SIZE = (120, 36)


def shown(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return screen.query_one(selector, Static).render().plain


async def type_into(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Empty the focused box and type ``text`` key by key, as a person would."""
    await pilot.press("ctrl+u", *text)
    await pilot.pause()


async def select(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash", "ctrl+u", *name.split()[0][:4].lower(), "enter")
    await pilot.pause()
    assert pilot.app.main_screen.contact.name == name


async def schedule_form(pilot, app, name: str) -> ScheduleForm:  # type: ignore[no-untyped-def]
    """The schedule form (s) opened on ``name``."""
    await select(pilot, name)
    await pilot.press("s")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ScheduleForm)
    return form


async def saved(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """ctrl+s in the form on screen, which closes it."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)


async def test_the_follow_up_preview_reads_everyday_phrases_and_names_what_it_cannot(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpForm)
        for typed, preview in [
            ("next week", "→ Mon 30 Nov 2026, 09:00"),
            ("tomorrow afternoon", "→ Thu 26 Nov 2026, 14:00"),
            ("in two weeks", "→ Wed 9 Dec 2026, 09:00"),
            ("thursday 10.30", "→ Thu 26 Nov 2026, 10:30"),
            ("the 3rd", "→ Thu 3 Dec 2026, 09:00"),
        ]:
            await type_into(pilot, typed)
            assert shown(form, "#due-preview") == preview, typed
            assert not form.query_one("#due-preview").has_class("-unreadable")
        for typed, fragment in [
            ("thursday 10.75", "'10.75' in 'thursday 10.75' is not a time of day"),
            ("32 Dec", "32 is not a day of December"),
            ("next tue please", "'please'"),
        ]:
            await type_into(pilot, typed)
            assert shown(form, "#due-preview").startswith("? ") and fragment in shown(form, "#due-preview"), typed
            assert form.query_one("#due-preview").has_class("-unreadable")
        await type_into(pilot, "a week from today")
        await saved(pilot, app)
        assert any(f.due == datetime(2026, 12, 2, 9, 0) for f in demo_store.followups())


async def test_a_range_in_the_schedule_form_previews_and_books_its_length(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        await type_into(pilot, "tuesday at 3")
        assert shown(form, "#when-preview") == "→ Tue 1 Dec 2026, 15:00"
        await type_into(pilot, "yesterday 3pm")
        assert shown(form, "#when-preview") == "→ Tue 24 Nov 2026, 15:00 — in the past"
        await type_into(pilot, "mon 2-2:30pm")
        assert shown(form, "#when-preview") == "→ Mon 30 Nov 2026, 14:00–14:30 (30 minutes)"
        # The length the range gives is the one the Minutes field shows, and the one saved.
        assert form.query_one("#field-minutes", Input).value == "30"
        await saved(pilot, app)
        [interview] = [i for i in demo_store.interviews(casey.id) if i.when == datetime(2026, 11, 30, 14, 0)]
        assert interview.minutes == 30


async def test_a_range_and_a_different_length_are_refused_at_the_minutes_field(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    before = demo_store.interviews(casey.id)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Casey Placeholder")
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        await type_into(pilot, "mon 2-2:30pm")
        await pilot.press("tab")
        await type_into(pilot, "45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "is 30 minutes but the length says 45" in shown(form, "#error-minutes")
        assert demo_store.interviews(casey.id) == before



async def test_the_schedule_form_s_title_names_no_length_a_range_could_contradict(demo_store, make_test_app):
    # The length it saves with is the Minutes field's, which follows a range: a title naming the
    # usual 20 would say otherwise after "thu 3 pm - 4 pm".
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        assert shown(form, "#form-title") == "Schedule a conversation with Casey Placeholder"
        await type_into(pilot, "thu 3 pm - 4 pm")
        assert shown(form, "#when-preview") == "→ Thu 26 Nov 2026, 15:00–16:00 (60 minutes)"
        assert form.query_one("#field-minutes", Input).value == "60"
        assert shown(form, "#form-title") == "Schedule a conversation with Casey Placeholder"
        await saved(pilot, app)
    (interview,) = [i for i in demo_store.all_interviews() if i.when == datetime(2026, 11, 26, 15, 0)]
    assert interview.minutes == 60


async def test_the_minutes_follow_a_range_as_it_is_typed_and_go_back_when_it_is_not_one(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        minutes = form.query_one("#field-minutes", Input)
        await type_into(pilot, "tue 3pm-4pm")
        assert shown(form, "#when-preview") == "→ Tue 1 Dec 2026, 15:00–16:00 (60 minutes)"
        assert minutes.value == "60"
        await type_into(pilot, "tue 3-3:45pm")
        assert (shown(form, "#when-preview"), minutes.value) == ("→ Tue 1 Dec 2026, 15:00–15:45 (45 minutes)", "45")
        # No longer a range: the usual length again.
        await type_into(pilot, "tue 3pm")
        assert (shown(form, "#when-preview"), minutes.value) == ("→ Tue 1 Dec 2026, 15:00", "20")
        await type_into(pilot, "tue 3-3:45pm")
        await saved(pilot, app)
        [interview] = [i for i in demo_store.interviews(casey.id) if i.when == datetime(2026, 12, 1, 15, 0)]
        assert interview.minutes == 45


async def test_the_minutes_go_back_while_the_date_cannot_be_read_unless_a_length_was_typed(demo_store, make_test_app):
    """A date that cannot be read holds no range: the Minutes field kept the length of the last
    range read (60, 45, 120) beside text that says none. It goes back to what it held before a
    range set it, the usual length or the length of the conversation being moved; a length
    typed there stays."""
    sam = demo_store.find_contact("Sam Sample")
    [planned] = demo_store.interviews(sam.id)
    conversations.move(demo_store, planned.id, "2026-11-28 15:00", minutes=45)
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        minutes = form.query_one("#field-minutes", Input)
        await type_into(pilot, "tue 3pm-4pm")
        assert minutes.value == "60"
        await pilot.press("x")
        await pilot.pause()
        assert shown(form, "#when-preview").startswith("? ")
        assert minutes.value == "20"
        await pilot.press("backspace")
        await pilot.pause()
        assert (shown(form, "#when-preview"), minutes.value) == ("→ Tue 1 Dec 2026, 15:00–16:00 (60 minutes)", "60")
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert (shown(form, "#when-preview"), minutes.value) == ("", "20")
        # A length typed stays, whatever the date holds.
        await pilot.press("tab")
        await type_into(pilot, "30")
        await pilot.press("shift+tab")
        await type_into(pilot, "tue 3pm-4pmx")
        assert minutes.value == "30"
        await pilot.press("escape")
        await pilot.pause()
        await select(pilot, "Sam Sample")
        await pilot.press("s")
        await pilot.pause()
        moving = app.screen
        assert isinstance(moving, MoveForm)
        minutes = moving.query_one("#field-minutes", Input)
        await type_into(pilot, "mon 2-4pm")
        assert minutes.value == "120"
        await type_into(pilot, "mon 2-4pm tomorrow")
        assert shown(moving, "#when-preview").startswith("? ")
        assert minutes.value == "45"  # the length it has


async def test_a_length_typed_stays_and_the_preview_says_when_a_range_disagrees(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    before = demo_store.interviews(casey.id)
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        minutes = form.query_one("#field-minutes", Input)
        await pilot.press("tab")
        await type_into(pilot, "20")  # the usual length, typed: a length like any other
        await pilot.press("shift+tab")
        await type_into(pilot, "tue 3pm-4pm")
        assert minutes.value == "20"
        assert shown(form, "#when-preview") == (
            "→ Tue 1 Dec 2026, 15:00–16:00 (60 minutes) — the Minutes field says 20; change one of them"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert shown(form, "#error-minutes") == "'tue 3pm-4pm' is 60 minutes but the length says 20; change one of them."
        assert demo_store.interviews(casey.id) == before
        # Put right in the Minutes field, where the refusal left the cursor: the preview no longer
        # says they disagree, and it saves.
        assert app.focused is minutes
        await type_into(pilot, "60")
        assert shown(form, "#when-preview") == "→ Tue 1 Dec 2026, 15:00–16:00 (60 minutes)"
        await saved(pilot, app)
        [interview] = [i for i in demo_store.interviews(casey.id) if i.when == datetime(2026, 12, 1, 15, 0)]
        assert interview.minutes == 60


async def test_moving_a_conversation_to_a_range_books_the_range_whatever_length_it_had(demo_store, make_test_app):
    sam = demo_store.find_contact("Sam Sample")
    [planned] = demo_store.interviews(sam.id)
    conversations.move(demo_store, planned.id, "2026-11-28 15:00", minutes=45)
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, "Sam Sample")
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MoveForm)
        minutes = form.query_one("#field-minutes", Input)
        assert minutes.value == "45"
        await type_into(pilot, "mon 2-3pm")
        assert (shown(form, "#when-preview"), minutes.value) == ("→ Mon 30 Nov 2026, 14:00–15:00 (60 minutes)", "60")
        await type_into(pilot, "mon 2pm")
        assert minutes.value == "45"  # back to the length it has
        await type_into(pilot, "mon 2-2:30pm")
        await saved(pilot, app)
        assert demo_store.interview(planned.id).minutes == 30


async def test_snoozing_earlier_than_due_is_said_and_allowed(demo_store, make_test_app):
    [referral] = [f for f in demo_store.followups() if f.kind is FollowUpKind.REFERRAL]
    assert referral.due.date() == datetime(2026, 11, 27).date()
    app = make_test_app(demo_store)
    results: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        form = SnoozeForm(
            "Snooze referral",
            lambda values: queue.snooze(demo_store, referral, values["when"]),
            demo_store.clock,
            dayfirst=False,
            due=referral.due,
        )
        form = await open_screen(pilot, form, results.append)
        await type_into(pilot, "tomorrow")
        assert shown(form, "#when-preview") == "→ Thu 26 Nov 2026, 09:00 — earlier than it was due (Fri 27 Nov)"
        await type_into(pilot, "next week")
        assert shown(form, "#when-preview") == "→ Mon 30 Nov 2026, 09:00"
        await type_into(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not form
        assert demo_store.followup(referral.id).due == datetime(2026, 11, 26, 9, 0)


async def test_the_reminder_delays_say_their_unit(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Casey Placeholder")
        await pilot.press("t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TemplatesScreen)
        labels = [str(label.render()) for label in form.query(Label)]
        assert "Days to nudge" in labels and "Days to thank" in labels
        assert form.query_one("#field-nudge_days", Input).value == "5"


async def test_a_date_refused_on_saving_is_said_once_even_when_its_preview_comes_after(demo_store, make_test_app):
    """Keys typed in a burst with ctrl+s: the save is refused before the preview of the last
    key is drawn. The reason stands under the field once, not again in the preview."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ScheduleForm)
        form.query_one("#field-when", Input).value = "the thirty"  # its preview not drawn yet
        await form.action_save()
        await pilot.pause()
        said = [str(s.render()) for s in form.query(Static) if "Could not read 'the thirty'" in str(s.render())]
        assert len(said) == 1, said
        # Typed on, the preview speaks again.
        form.query_one("#field-when", Input).value = "the thirty-first"
        await pilot.pause()
        assert str(form.query_one("#when-preview", Static).render()).startswith("? Could not read 'the thirty-first'")


async def test_midnight_typed_for_a_follow_up_is_previewed_and_saved_as_the_coming_one(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpForm)
        await type_into(pilot, "midnight")
        assert shown(form, "#due-preview") == "→ Thu 26 Nov 2026, 00:00"
        await type_into(pilot, "tomorrow midnight")
        assert shown(form, "#due-preview") == "→ Thu 26 Nov 2026, 00:00"
        await type_into(pilot, "fri at midnight")
        assert shown(form, "#due-preview") == "→ Fri 27 Nov 2026, 00:00"
        await type_into(pilot, "midnight")
        await saved(pilot, app)
        assert any(f.due == datetime(2026, 11, 26, 0, 0) for f in demo_store.followups())


async def test_midnight_in_the_schedule_and_snooze_forms_is_the_coming_one(demo_store, make_test_app):
    [referral] = [f for f in demo_store.followups() if f.kind is FollowUpKind.REFERRAL]
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        await type_into(pilot, "at midnight")
        assert shown(form, "#when-preview") == "→ Thu 26 Nov 2026, 00:00"
        await pilot.press("escape")
        await pilot.pause()
        snooze = SnoozeForm(
            "Snooze referral",
            lambda values: queue.snooze(demo_store, referral, values["when"]),
            demo_store.clock,
            dayfirst=False,
            due=referral.due,
        )
        snooze = await open_screen(pilot, snooze)
        await type_into(pilot, "midnight")
        assert shown(snooze, "#when-preview") == "→ Thu 26 Nov 2026, 00:00 — earlier than it was due (Fri 27 Nov)"


async def test_midnight_as_when_a_conversation_was_held_is_the_one_just_gone(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = HeldForm("Held", lambda values: None, datetime(2026, 11, 24, 15, 0), demo_store.clock)
        form = await open_screen(pilot, form)
        await type_into(pilot, "midnight")
        assert shown(form, "#when-preview") == "→ Wed 25 Nov 2026, 00:00"


async def test_a_range_past_midnight_and_one_that_ends_as_it_starts_are_said_plainly(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    before = demo_store.interviews(casey.id)
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        await type_into(pilot, "fri 11pm-1am")
        assert shown(form, "#when-preview") == "→ Fri 27 Nov 2026, 23:00–01:00 the next day (120 minutes)"
        await type_into(pilot, "fri 11pm-11pm")
        assert shown(form, "#when-preview") == (
            "? Could not read 'fri 11pm-11pm': '11pm-11pm' ends when it starts; type the start alone ('11pm'), "
            "or the time it ends, as in '11pm-11:30pm'."
        )
        await type_into(pilot, "fri 11pm-1")
        assert shown(form, "#when-preview") == (
            "? Could not read 'fri 11pm-1': '11pm-1' ends before it starts (1 alone is 1pm); "
            "for 1am the next day, write '11pm-1am'."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "write '11pm-1am'" in shown(form, "#error-when")
        assert demo_store.interviews(casey.id) == before


async def test_a_range_from_midnight_in_the_schedule_form_is_the_coming_one_not_the_past(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        for typed in ("12am-1am", "00:00-01:00", "12am to 1am"):
            await type_into(pilot, typed)
            assert shown(form, "#when-preview") == "→ Thu 26 Nov 2026, 00:00–01:00 (60 minutes)", typed
        await saved(pilot, app)
        assert any(
            (i.when, i.minutes) == (datetime(2026, 11, 26, 0, 0), 60) for i in demo_store.interviews(casey.id)
        )


async def test_a_range_from_noon_or_midnight_in_words_is_previewed_and_booked(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        await type_into(pilot, "midnight to 1am")
        assert shown(form, "#when-preview") == "→ Thu 26 Nov 2026, 00:00–01:00 (60 minutes)"
        await type_into(pilot, "fri noon-1")
        assert shown(form, "#when-preview") == "→ Fri 27 Nov 2026, 12:00–13:00 (60 minutes)"
        assert form.query_one("#field-minutes", Input).value == "60"
        await saved(pilot, app)
        assert any(
            (i.when, i.minutes) == (datetime(2026, 11, 27, 12, 0), 60) for i in demo_store.interviews(casey.id)
        )


async def test_a_range_typed_back_to_front_is_said_so_in_the_schedule_form(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    before = demo_store.interviews(casey.id)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        await type_into(pilot, "fri 2:30-2pm")
        assert shown(form, "#when-preview") == (
            "? Could not read 'fri 2:30-2pm': '2:30-2pm' ends before it starts (2:30 alone is 2:30pm); "
            "did you mean '2-2:30pm'?"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert demo_store.interviews(casey.id) == before
        await type_into(pilot, "fri 9-5pm")
        assert shown(form, "#when-preview") == "→ Fri 27 Nov 2026, 09:00–17:00 (480 minutes)"


async def test_a_range_typed_with_spaces_says_its_end_is_wanted_until_it_is_typed(demo_store, make_test_app):
    casey = demo_store.find_contact("Casey Placeholder")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(pilot, app, "Casey Placeholder")
        await type_into(pilot, "fri 3 pm-")
        assert shown(form, "#when-preview") == (
            "? Could not read 'fri 3 pm-': '3 pm-' needs the time it ends at after the dash, as in '3pm-4pm'."
        )
        await type_into(pilot, "fri 3 pm -")
        assert shown(form, "#when-preview") == (
            "? Could not read 'fri 3 pm -': '3 pm -' needs the time it ends at after the dash, as in '3pm-4pm'."
        )
        await pilot.press("space", "4", "space", "p", "m")  # typed on, not afresh
        await pilot.pause()
        assert shown(form, "#when-preview") == "→ Fri 27 Nov 2026, 15:00–16:00 (60 minutes)"
        await saved(pilot, app)
        assert any(
            (i.when, i.minutes) == (datetime(2026, 11, 27, 15, 0), 60) for i in demo_store.interviews(casey.id)
        )
