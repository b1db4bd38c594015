"""The steps of the method, driven with the real keys: ask, reply, schedule, take notes, mark
done, referrals, the plan, the question bank and the templates. Each test checks both what the
screen shows and what the workspace holds."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from rich.console import Console
from textual.widgets import Input, SelectionList, Static, TextArea

from interview_tui.core import workflow
from interview_tui.core.models import (
    Contact,
    FollowUpKind,
    Interview,
    InterviewStatus,
    Relationship,
    Stage,
    TouchKind,
)
from interview_tui.core.store import Store
from interview_tui.tui.screens.ask import AskScreen
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.plan import PlanScreen
from interview_tui.tui.screens.question_bank import QuestionBankScreen
from interview_tui.tui.screens.referral_form import ReferralForm
from interview_tui.tui.screens.reply import ReplyScreen
from interview_tui.tui.screens.schedule_form import ScheduleForm
from interview_tui.tui.screens.templates import TemplatesScreen
from interview_tui.tui.widgets.notes import NotesEditor

SIZE = (120, 36)

# Helpers ---------------------------------------------------------------------------------------


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """Everything the terminal shows, modal screens included, as plain text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True,
        color_system="truecolor", record=True, legacy_windows=False, safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens, simplify=True))
    return console.export_text()


def footer_text(app) -> str:  # type: ignore[no-untyped-def]
    return screen_text(app).rstrip("\n").splitlines()[-1]


def lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """What a list widget shows, line by line."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def followup_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in lines(app.main_screen.followups_pane.followup_list) if line.strip()]


def shown_names(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.name for row in app.main_screen.contacts_pane.contact_list.rows]


def static_text(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return screen.query_one(selector, Static).render().plain


def heading(app) -> str:  # type: ignore[no-untyped-def]
    return static_text(app.main_screen, "#notes-heading")


def editor(app) -> NotesEditor:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one(NotesEditor)


async def select(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Select a contact the way a person would: type the start of the name in the filter box
    (emptied first) and press enter. The filter stays until ``clear_filter``."""
    await pilot.press("slash", "ctrl+u", *name.split()[0][:4].lower(), "enter")
    await pilot.pause()
    app = pilot.app
    assert app.main_screen.contact.name == name
    assert app.focused is app.main_screen.contacts_pane.contact_list


async def clear_filter(pilot) -> None:  # type: ignore[no-untyped-def]
    """Empty the filter box: every contact is listed again, the selected one still selected."""
    await pilot.press("slash", "escape")
    await pilot.pause()


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await pilot.pause()


def nudges(store: Store, contact_id: int) -> list:  # type: ignore[no-untyped-def]
    return [f for f in store.followups() if f.contact_id == contact_id and f.kind is FollowUpKind.NUDGE]


# Fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def method_store(demo_store: Store) -> Store:
    """The sample workspace plus Robin, whom Alex introduced and who has not been asked yet."""
    alex = demo_store.find_contact("Alex Example")
    demo_store.add_contact(
        Contact(
            name="Robin Placeholder", company="Globex", role="Designer", field="Service design",
            relationship=Relationship.REFERRAL, referred_by=alex.id,
        )
    )
    return demo_store


# The contacts pane ------------------------------------------------------------------------------

WARMEST = [
    "Aunt Example",  # family
    "Alex Example",  # friend
    "Casey Placeholder",  # classmate
    "Riley Mockup",  # colleague
    "Jordan Demo",  # alumni
    "Robin Placeholder",  # referral
    "Sam Sample",  # referral
    "Morgan Specimen",  # cold
]


async def test_w_sorts_warmest_first_and_back_and_the_filter_reads_rel_stage_and_tags(method_store, make_test_app):
    app = make_test_app(method_store)
    by_name = sorted(WARMEST, key=str.casefold)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.main_screen.contacts_pane
        assert shown_names(app) == by_name
        await press(pilot, "w")
        assert shown_names(app) == WARMEST
        shown = lines(pane.contact_list)[: len(WARMEST)]
        # Names may carry a keep-in-touch mark ("! " past the maximum, "~ " past the ideal).
        unmarked = [line.strip().removeprefix("! ").removeprefix("~ ") for line in shown]
        assert [line[:10] for line in unmarked] == [name[:10] for name in WARMEST]
        assert "warmest first" in pane.border_subtitle
        # The filter keeps the order it is given.
        await press(pilot, "slash", *"rel:f", "enter")
        assert shown_names(app) == ["Aunt Example", "Alex Example"]
        await press(pilot, "slash", "escape", "w")
        assert shown_names(app) == by_name
        assert "warmest" not in pane.border_subtitle
        for query, expected in (
            ("rel:friend", ["Alex Example"]),
            ("stage:asked", ["Jordan Demo"]),
            ("#ux", ["Alex Example"]),
        ):
            await press(pilot, "slash", "ctrl+u", *query)
            assert shown_names(app) == expected, query
            text = "\n".join(lines(pane.contact_list))
            for name in WARMEST:
                assert (name[:12] in text) == (name in expected), (query, name)
            assert pane.border_subtitle == f"{len(expected)} of {len(WARMEST)}"
        await press(pilot, "escape")
        assert shown_names(app) == by_name


# Step 2: the ask ------------------------------------------------------------------------------


def signed(store: Store) -> Store:
    """The user's name is known (the first m asks for it otherwise: see test_frictions.py)."""
    store.save_settings(workflow.settings_from_fields(store, {"my_name": "Kim Example"}))
    return store


async def test_m_shows_and_copies_the_ask_y_logs_it_and_queues_a_nudge(method_store, make_test_app, now):
    store = signed(method_store)
    robin = store.find_contact("Robin Placeholder")
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Robin Placeholder")
        before = store.path.read_bytes()
        await press(pilot, "m")
        ask = app.screen
        assert isinstance(ask, AskScreen)
        message = ask.query_one(TextArea).text
        assert message.startswith("Hi Robin,\n")
        assert "Alex Example suggested I get in touch." in message
        assert "a career in Service design" in message
        assert app.clipboard == message
        shown = screen_text(app)
        assert "Ask Robin Placeholder for 20 minutes" in shown
        assert "Hi Robin," in shown and "Alex Example suggested I get in touch." in shown
        # Not sent: nothing is logged.
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert store.path.read_bytes() == before
        # Sent.
        await press(pilot, "m", "y")
        assert isinstance(app.screen, MainScreen)
        assert store.contact(robin.id).stage is Stage.ASKED
        assert [t.kind for t in store.touches(robin.id)] == [TouchKind.ASKED]
        [nudge] = nudges(store, robin.id)
        assert nudge.due.date() == (now + timedelta(days=5)).date()
        assert any("in 5 days" in line and "Robin Placeholder" in line and "nudge" in line for line in followup_lines(app))
        assert lines(app.main_screen.contacts_pane.contact_list)[0].rstrip().endswith("asked")
        # t in the ask opens the templates.
        await press(pilot, "m", "t")
        assert isinstance(app.screen, TemplatesScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert len(nudges(store, robin.id)) == 1


async def test_l_y_clears_the_nudge_and_l_n_moves_the_contact_to_declined(method_store, make_test_app):
    store = signed(method_store)
    jordan = store.find_contact("Jordan Demo")
    casey = store.find_contact("Casey Placeholder")
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        assert any("Jordan Demo" in line and "nudge" in line for line in followup_lines(app))
        await select(pilot, "Jordan Demo")
        await press(pilot, "l")
        assert isinstance(app.screen, ReplyScreen)
        assert "Jordan Demo replied to your ask." in screen_text(app)
        await press(pilot, "y")
        assert isinstance(app.screen, MainScreen)
        assert nudges(store, jordan.id) == []
        assert not any("Jordan Demo" in line for line in followup_lines(app))
        assert store.contact(jordan.id).stage is Stage.ASKED
        assert TouchKind.REPLIED in [t.kind for t in store.touches(jordan.id)]
        # A no.
        await select(pilot, "Casey Placeholder")
        await press(pilot, "m", "y")
        assert len(nudges(store, casey.id)) == 1
        await press(pilot, "l", "n")
        assert store.contact(casey.id).stage is Stage.DECLINED
        assert nudges(store, casey.id) == []
        assert not any("Casey Placeholder" in line for line in followup_lines(app))
        assert lines(app.main_screen.contacts_pane.contact_list)[0].rstrip().endswith("declined")
        assert "declined" in heading(app)


# Scheduling ---------------------------------------------------------------------------------


async def test_s_previews_the_date_refuses_a_day_without_a_time_and_schedules(method_store, make_test_app, now):
    store = method_store
    # Day-first dates: the preview must read 03/12 as saving does, the 3rd of December.
    settings = store.settings()
    settings.dayfirst = True
    store.save_settings(settings)
    casey = store.find_contact("Casey Placeholder")
    # A later conversation already planned: the new one is not the first in the list.
    later = store.add_interview(Interview(contact_id=casey.id, when=now + timedelta(days=20)))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Casey Placeholder")
        before = store.path.read_bytes()
        await press(pilot, "s")
        form = app.screen
        assert isinstance(form, ScheduleForm)
        # One is planned already: s moves it, unless another is chosen in the form (below).
        assert static_text(form, "#form-title").startswith("Move the conversation with Casey Placeholder")
        assert app.focused is form.query_one("#field-when", Input)
        assert form.query_one("#field-minutes", Input).value == "20"
        await press(pilot, *"next tue 3pm")
        assert static_text(form, "#when-preview") == "→ Tue 1 Dec 2026, 15:00"
        assert "→ Tue 1 Dec 2026, 15:00" in screen_text(app)
        # Unreadable text is shown back as typed (not read as markup).
        await press(pilot, "ctrl+u", *"[/]")
        assert static_text(form, "#when-preview").startswith("? Could not read '[/]'")
        # A day without a time, then text that is no date: an error at the field, nothing saved.
        for typed in ("next tue", "zzz"):
            await press(pilot, "ctrl+u", *typed)
            assert static_text(form, "#when-preview").startswith("?")
            await press(pilot, "ctrl+s")
            assert app.screen is form
            error = static_text(form, "#error-when")
            assert f"'{typed}'" in error and form.query_one("#error-when").has_class("-shown")
            assert error[:30] in screen_text(app)
            assert app.focused is form.query_one("#field-when")
            assert store.path.read_bytes() == before
            assert store.interviews(casey.id) == [later]
        await press(pilot, "ctrl+u", *"03/12/2026 3pm")
        assert static_text(form, "#when-preview") == "→ Thu 3 Dec 2026, 15:00"
        await press(pilot, "tab", "tab", "tab", "tab", "enter", "down", "enter")
        assert static_text(form, "#form-title").startswith("Plan another conversation with Casey Placeholder")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert store.interviews(casey.id)[0].id == later.id
        [interview] = [i for i in store.interviews(casey.id) if i.id != later.id]
        assert interview.when == datetime(2026, 12, 3, 15, 0)
        assert interview.minutes == 20
        assert interview.status is InterviewStatus.PLANNED
        assert store.contact(casey.id).stage is Stage.SCHEDULED
        notes = app.main_screen.notes_pane
        assert notes.current.id == interview.id
        assert notes.interview_id == interview.id
        assert any("Thu 03 Dec 2026 15:00" in line and "20 min" in line for line in lines(notes.interview_list))
        assert "scheduled" in heading(app)
        assert lines(app.main_screen.contacts_pane.contact_list)[0].rstrip().endswith("scheduled")


# Notes ----------------------------------------------------------------------------------------


async def test_n_opens_the_most_recent_conversation_under_its_first_empty_answer(method_store, make_test_app, now):
    store = method_store
    alex = store.find_contact("Alex Example")
    questions = [q.id for q in store.questions()]
    store.add_interview(Interview(contact_id=alex.id, when=now - timedelta(days=30), question_ids=questions))
    [latest, older] = store.interviews(alex.id)
    assert latest.when > older.when and len(latest.answers) == 5
    sixth = store.questions()[5]
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Alex Example")
        await press(pilot, "n")
        notes = editor(app)
        assert app.focused is notes
        assert app.main_screen.notes_pane.interview_id == latest.id
        row, _ = notes.cursor_location
        assert notes.document.get_line(row - 1) == f"## {sixth.text}"
        await press(pilot, *"Ops")
        await press(pilot, "escape")
        assert app.focused is app.main_screen.notes_pane.interview_list
        assert store.interview(latest.id).answers[str(sixth.id)] == "Ops"
        assert store.interview(older.id).answers == {}
        assert len(store.interviews(alex.id)) == 2


async def test_x_marks_done_r_adds_a_referral_and_p_edits_the_plan(method_store, make_test_app, now):
    store = method_store
    robin = store.find_contact("Robin Placeholder")
    alex = store.find_contact("Alex Example")
    store.add_question("[b]Pay?[/b] [/]")  # brackets are text, not markup
    questions = store.questions()
    first, second = questions[0], questions[1]
    interview = store.add_interview(
        Interview(
            contact_id=robin.id, when=now - timedelta(hours=1), question_ids=[q.id for q in questions],
            answers={str(first.id): "Agency first."},
        )
    )
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Robin Placeholder")
        # The footer shows the keys of the focused list: the contacts' steps here...
        footer = footer_text(app)
        assert all(key in footer for key in ("m Ask", "l Reply", "s Schedule"))
        assert not any(key in footer for key in ("x Done", "r Referral", "p Plan"))
        await press(pilot, "enter")
        notes = app.main_screen.notes_pane
        assert app.focused is notes.interview_list
        # ...and the conversation's steps here.
        footer = footer_text(app)
        assert all(key in footer for key in ("x Done", "r Referral", "p Plan"))
        assert not any(key in footer for key in ("m Ask", "l Reply", "s Schedule"))

        # x: the conversation happened; when is asked, its planned time (passed) offered.
        await press(pilot, "x")
        assert static_text(app.screen, "#form-title") == "When did the conversation with Robin Placeholder happen?"
        assert app.screen.query_one("#field-when", Input).value == "2026-11-25 09:00"
        await press(pilot, "ctrl+s")
        assert store.interview(interview.id).status is InterviewStatus.DONE
        assert store.contact(robin.id).stage is Stage.INTERVIEWED
        tomorrow = (now + timedelta(days=1)).date()
        [thanks] = [f for f in store.followups() if f.contact_id == robin.id and f.kind is FollowUpKind.THANK_YOU]
        assert thanks.due.date() == tomorrow
        [referral] = [
            f for f in store.followups()
            if f.contact_id == alex.id and f.kind is FollowUpKind.REFERRAL and f.interview_id == interview.id
        ]
        assert referral.due.date() == tomorrow
        shown = followup_lines(app)
        assert any("tomorrow" in line and "Robin Placeholder" in line and "thank you" in line for line in shown)
        assert any("tomorrow" in line and "Alex Example" in line and "referral" in line for line in shown)
        assert "done" in lines(notes.interview_list)[0]
        assert "interviewed" in heading(app)
        assert app.focused is notes.interview_list

        # r: someone they suggested. Without a name: an error at the name field, nothing added.
        count = len(store.contacts())
        before = store.path.read_bytes()
        await press(pilot, "r")
        form = app.screen
        assert isinstance(form, ReferralForm)
        assert "Someone Robin Placeholder suggested you contact" in screen_text(app)
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert static_text(form, "#error-name") == "A name is required."
        assert "A name is required." in screen_text(app)
        assert app.focused is form.query_one("#field-name")
        assert store.path.read_bytes() == before
        await press(pilot, *"Pat Example", "down", *"Acme", "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert len(store.contacts()) == count + 1
        pat = store.find_contact("Pat Example")
        assert (pat.referred_by, pat.relationship, pat.company) == (robin.id, Relationship.REFERRAL, "Acme")
        assert "referred 1 person" in heading(app)
        assert "referred by Alex Example" in heading(app)
        assert app.main_screen.contact.id == robin.id

        # p: the plan shows every question as typed; untick the first: its answer stays stored,
        # and in sight, after the plan's questions.
        await press(pilot, "p")
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        choices = plan.query_one(SelectionList)
        assert app.focused is choices
        assert set(choices.selected) == {q.id for q in questions}
        assert "[b]Pay?[/b] [/]" in screen_text(app)
        await press(pilot, "space", "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        saved = store.interview(interview.id)
        assert saved.question_ids == [q.id for q in questions[1:]]
        assert saved.answers[str(first.id)] == "Agency first."
        assert editor(app).text.startswith(f"## {second.text}")
        assert f"## {first.text}\nAgency first.\n\n## Notes" in editor(app).text
        # a: a question for this conversation only, stored when the plan is saved.
        await press(pilot, "p", "a")
        assert isinstance(app.screen, FormScreen)
        await press(pilot, *"[u]Tools?", "ctrl+s")
        assert app.screen is not plan and isinstance(app.screen, PlanScreen)
        assert "[u]Tools?" in screen_text(app)
        assert len(store.questions(include_retired=True)) == len(questions)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        [one_off] = [q for q in store.questions(include_retired=True) if q.text == "[u]Tools?"]
        assert not one_off.active
        assert store.interview(interview.id).question_ids[-1] == one_off.id
        assert "## [u]Tools?" in editor(app).text.splitlines()
        # Marking it done again creates nothing more.
        followups = len(store.followups())
        await press(pilot, "x")
        assert len(store.followups()) == followups


# The question bank ---------------------------------------------------------------------------


async def open_the_bank(app, pilot):  # type: ignore[no-untyped-def]
    """``b``: the question bank, its list focused; (the screen, its list)."""
    await press(pilot, "b")
    bank = app.screen
    assert isinstance(bank, QuestionBankScreen)
    question_list = bank.query_one("#question-list")
    assert app.focused is question_list
    return bank, question_list


async def test_b_adds_reorders_and_retires_questions_for_new_conversations(method_store, make_test_app):
    store = method_store
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        bank, question_list = await open_the_bank(app, pilot)
        await press(pilot, "a", *"Surprises?", "ctrl+s")
        assert app.screen is bank
        assert [q.text for q in store.questions()][-1] == "Surprises?"
        assert any("Surprises?" in line for line in lines(question_list))
        assert question_list.current.text == "Surprises?"
        # K moves it up, J back down, K twice.
        await press(pilot, "K")
        assert [q.text for q in store.questions()][-2] == "Surprises?"
        await press(pilot, "J")
        assert [q.text for q in store.questions()][-1] == "Surprises?"
        await press(pilot, "K", "K")
        order = [q.text for q in store.questions()]
        assert order[-3] == "Surprises?"
        assert [line.strip() for line in lines(question_list) if line.strip()][-3] == "Surprises?"
        # r retires the highlighted question: go to the first and retire it.
        await press(pilot, "g")
        retired = question_list.current
        await press(pilot, "r")
        assert not next(q for q in store.questions(include_retired=True) if q.id == retired.id).active
        assert lines(question_list)[0].rstrip().endswith("retired")
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        # The next conversation's plan follows the bank.
        await select(pilot, "Casey Placeholder")
        await press(pilot, "s", *"fri 11am", "ctrl+s")
        casey = store.find_contact("Casey Placeholder")
        [interview] = store.interviews(casey.id)
        planned = [q.text for q in store.questions(include_retired=True) if q.id in interview.question_ids]
        assert retired.id not in interview.question_ids
        assert planned == [text for text in order if text != retired.text]
        assert "## Surprises?" in editor(app).text.splitlines()
        assert f"## {retired.text}" not in editor(app).text


# The templates ------------------------------------------------------------------------------


async def test_t_refuses_an_unknown_placeholder_and_saved_templates_change_the_next_ask(method_store, make_test_app, now):
    store = method_store
    casey = store.find_contact("Casey Placeholder")
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Casey Placeholder")
        before = store.path.read_bytes()
        await press(pilot, "t")
        form = app.screen
        assert isinstance(form, TemplatesScreen)
        assert form.query_one("#field-nudge_days", Input).value == "5"
        await press(pilot, *"Kim", "tab", "f7", *"{nickname}", "ctrl+s")
        assert app.screen is form
        error = static_text(form, "#error-template")
        assert "{nickname} is not a placeholder" in error
        assert "{nickname} is not a placeholder" in screen_text(app)
        assert app.focused is form.query_one("#field-template")
        assert store.path.read_bytes() == before
        await press(pilot, "f7", *"Yo {first_name}! {my_name}", "tab", "ctrl+u", "3", "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        settings = store.settings()
        assert (settings.my_name, settings.ask_template, settings.nudge_days) == ("Kim", "Yo {first_name}! {my_name}", 3)
        await press(pilot, "m")
        assert isinstance(app.screen, AskScreen)
        assert app.screen.query_one(TextArea).text == "Yo Casey! Kim"
        assert app.clipboard == "Yo Casey! Kim"
        await press(pilot, "y")
        [nudge] = nudges(store, casey.id)
        assert nudge.due.date() == (now + timedelta(days=3)).date()
        assert any("in 3 days" in line and "Casey Placeholder" in line for line in followup_lines(app))


# Escape changes nothing ---------------------------------------------------------------------


async def test_escape_in_every_modal_changes_nothing(method_store, make_test_app, now):
    store = signed(method_store)
    robin = store.find_contact("Robin Placeholder")
    store.add_interview(Interview(contact_id=robin.id, when=now, question_ids=[q.id for q in store.questions()]))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Robin Placeholder")
        before = store.path.read_bytes()
        steps: list[tuple[tuple[str, ...], type]] = [
            (("m",), AskScreen),
            (("l",), ReplyScreen),
            (("s", *"fri 3pm"), ScheduleForm),
            (("t", *"Kim", "tab", "f7", "x"), TemplatesScreen),
            (("b", "escape", "b", "a", "N"), FormScreen),
            (("tab", "r", "P"), ReferralForm),
            # The plan: untick one, add a one-off (escape from its form first), then cancel.
            (("p", "space", "a", "O", "escape", "a", "O", "ctrl+s"), PlanScreen),
        ]
        for keys, modal in steps:
            await press(pilot, *keys)
            assert isinstance(app.screen, modal), keys
            while not isinstance(app.screen, MainScreen):
                await press(pilot, "escape")
            assert store.path.read_bytes() == before, keys
        assert len(store.questions(include_retired=True)) == 9


# Bugs outside these screens -------------------------------------------------------------------


async def test_an_error_echoing_brackets_is_shown_literally(method_store, make_test_app):
    app = make_test_app(method_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "Casey Placeholder")
        await press(pilot, "s", *"[/]", "ctrl+s")
        assert "'[/]'" in static_text(app.screen, "#error-when")


async def test_follow_up_due_preview_shows_brackets_literally(method_store, make_test_app):
    app = make_test_app(method_store)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f", *"[/]")
        assert "'[/]'" in static_text(app.screen, "#due-preview")


async def test_u_in_the_question_bank_puts_back_a_question_retired_by_mistake(method_store, make_test_app):
    """Found by a tester: u did nothing in the question bank, where one key retires a question."""
    store = method_store
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        bank, question_list = await open_the_bank(app, pilot)
        retired = question_list.current
        await press(pilot, "r")
        assert not next(q for q in store.questions(include_retired=True) if q.id == retired.id).active
        await press(pilot, "u")
        assert app.screen is bank
        assert next(q for q in store.questions(include_retired=True) if q.id == retired.id).active
        assert not lines(question_list)[0].rstrip().endswith("retired")
        [said] = [n for n in app._notifications if n.title == "Undo"]
        assert retired.text[:20] in said.message
