"""The insight views, driven with keys only: answers side by side (and their Markdown export),
the referral tree and the dashboard. Each test checks what the screen shows and what choosing
something does on the main screen."""

from __future__ import annotations

import io
import stat
from datetime import timedelta

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from interview_tui.core import workflow
from interview_tui.core.models import Contact, Interview
from interview_tui.core.store import Store
from interview_tui.tui.screens.answers import AnswersScreen, open_answers, wrap
from interview_tui.tui.screens.dashboard import DashboardScreen, open_dashboard
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.referrals import ReferralTreeScreen, open_referral_tree
from interview_tui.tui.widgets.followups import ConversationRow, FollowUpList, QueueRow

from .conftest import wait_for

SIZE = (120, 36)
NARROW = (80, 24)

LONG_ANSWER = (
    "Staying calm, and scheduling. Scheduling above all: a rota that people can live with is worth "
    "more than any protocol, and the best managers protect it."
)

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


def lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """What a list widget shows, line by line, without the blank ones."""
    shown = (widget.render_line(y).text.rstrip() for y in range(widget.size.height))
    return [line for line in shown if line.strip()]


def cursor_line(widget) -> str:  # type: ignore[no-untyped-def]
    return widget.render_line(widget.cursor - widget.scroll_offset.y).text.strip()


def static(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return screen.query_one(selector, Static).render().plain


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await pilot.pause()


# Fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def answered(demo_store: Store) -> Store:
    """The sample workspace, where Alex answered five questions, plus answers from the aunt
    (to the first and the fourth) and Riley (to the fourth)."""
    store = demo_store
    for name, answers in (
        ("Aunt Example", {"1": "Twenty years on the wards, then a night course in management.", "4": LONG_ANSWER}),
        ("Riley Mockup", {"4": "Reading other people's code, and asking for help early."}),
    ):
        [interview] = store.interviews(store.find_contact(name).id)
        interview.answers = answers
        store.update_interview(interview)
    return store


@pytest.fixture
def referred(demo_store: Store) -> Store:
    """The sample workspace (Alex introduced Sam) plus Robin, whom Alex introduced, and Dana,
    whom Sam did."""
    store = demo_store
    alex = store.find_contact("Alex Example")
    sam = store.find_contact("Sam Sample")
    store.add_contact(Contact(name="Robin Placeholder", company="Globex", role="Designer", referred_by=alex.id))
    store.add_contact(Contact(name="Dana Sample", company="Initech", role="Analyst", referred_by=sam.id))
    return store


# Answers side by side --------------------------------------------------------------------------


async def test_answers_show_every_answer_to_the_picked_question_newest_first(answered, make_test_app):
    app = make_test_app(answered)
    async with app.run_test(size=SIZE) as pilot:
        open_answers(app.main_screen)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswersScreen)
        assert app.focused is screen.picker
        picker = lines(screen.picker)
        assert picker[0].split() == ["Tell", "me", "about", "your", "career", "path.", "2", "answers"]
        assert picker[3].split() == ["What", "are", "the", "critical", "skills", "for", "this", "field?", "3", "answers"]
        assert picker[5].split() == ["What", "are", "your", "major", "responsibilities?", "none", "yet"]
        # It opens on the first question anyone answered.
        assert static(screen, "#answers-heading") == "Tell me about your career path.  (2 answers, newest first)"
        assert lines(screen.answer_list) == [
            " Alex Example · UX researcher, Northwind Labs · Mon 23 Nov 2026",
            "   Started in customer support, moved to UX research after running a usability study on her own time.",
            " Aunt Example · Nurse manager, City Hospital · Thu 05 Nov 2026",
            "   Twenty years on the wards, then a night course in management.",
        ]
        # j moves to the next question, and its answers follow.
        await press(pilot, "j", "j", "j")
        assert static(screen, "#answers-heading").startswith("What are the critical skills for this field?  (3 answers")
        shown = lines(screen.answer_list)
        headings = [line for line in shown if " · " in line]
        assert [h.split(" · ")[0].strip() for h in headings] == ["Alex Example", "Aunt Example", "Riley Mockup"]
        assert headings[2].endswith("Thu 27 Aug 2026")
        # A question nobody answered says so.
        await press(pilot, "j", "j")
        assert static(screen, "#answers-heading").endswith("(no answers yet)")
        assert lines(screen.answer_list) == [" Nobody has answered this question yet."]


async def test_answers_to_retired_and_one_off_questions_are_listed_too(answered, make_test_app):
    one_off = workflow.add_one_off_question(answered, {"text": "Which meetups are worth it?"})
    sam = answered.find_contact("Sam Sample")
    [planned] = answered.interviews(sam.id)
    planned.answers = {str(one_off.id): "The small local ones."}
    answered.update_interview(planned)
    app = make_test_app(answered)
    async with app.run_test(size=SIZE) as pilot:
        open_answers(app.main_screen)
        await pilot.pause()
        screen = app.screen
        await press(pilot, "G")
        assert lines(screen.picker)[-1].split() == ["Which", "meetups", "are", "worth", "it?", "retired", "1", "answer"]
        assert lines(screen.answer_list) == [
            " Sam Sample · Data analyst, Contoso · Sat 28 Nov 2026",
            "   The small local ones.",
        ]


async def test_enter_on_an_answer_selects_its_contact_with_that_conversation_open(answered, make_test_app):
    aunt = answered.find_contact("Aunt Example")
    [conversation] = answered.interviews(aunt.id)
    app = make_test_app(answered)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        await press(pilot, "slash", *"jord")  # a filter that hides the aunt
        await press(pilot, "escape")
        open_answers(main)
        await pilot.pause()
        screen = app.screen
        # Enter on the question moves to its answers; j and k go from answer to answer.
        await press(pilot, "j", "j", "j", "enter")
        assert app.focused is screen.answer_list
        assert cursor_line(screen.answer_list).startswith("Alex Example")
        await press(pilot, "j", "j", "k")
        assert cursor_line(screen.answer_list).startswith("Aunt Example")
        await press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        assert main.contact is not None and main.contact.name == "Aunt Example"
        assert main.contacts_pane.filter_input.value == ""
        assert main.contacts_pane.contact_list.current.name == "Aunt Example"
        assert main.notes_pane.current.id == conversation.id
        # The cursor at the end of that answer: what is typed next adds to it.
        editor = main.notes_pane.editor
        assert app.focused is editor
        assert editor.document.get_line(editor.cursor_location[0]).endswith("the best managers protect it.")
        await press(pilot, *" Also rotas.")
        assert LONG_ANSWER + " Also rotas." in editor.text


async def test_an_answer_to_a_question_taken_out_of_the_plan_opens_where_it_is_and_takes_what_is_typed(
    answered, make_test_app
):
    """Found by a tester: the question unticked in the plan after it was answered, enter on its
    answer opened the editor under another question, and what was typed was saved there."""
    aunt = answered.find_contact("Aunt Example")
    [conversation] = answered.interviews(aunt.id)
    workflow.set_plan(answered, conversation.id, [qid for qid in conversation.question_ids if qid != 4])
    app = make_test_app(answered)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        open_answers(main)
        await pilot.pause()
        screen = app.screen
        await press(pilot, "j", "j", "j", "enter", "j")
        assert cursor_line(screen.answer_list).startswith("Aunt Example")
        await press(pilot, "enter")
        editor = main.notes_pane.editor
        assert app.focused is editor
        row = editor.cursor_location[0]
        assert editor.document.get_line(row).endswith("the best managers protect it.")
        await press(pilot, *" Also rotas.")
        await wait_for(pilot, lambda: "Also rotas" in answered.path.read_text())
    answers = answered.interview(conversation.id).answers
    assert answers["4"] == LONG_ANSWER + " Also rotas."
    assert [key for key, answer in answers.items() if "rotas" in answer] == ["4"]


async def test_tab_switches_between_questions_and_answers_and_escape_closes(answered, make_test_app):
    app = make_test_app(answered)
    async with app.run_test(size=SIZE) as pilot:
        open_answers(app.main_screen)
        await pilot.pause()
        screen = app.screen
        await press(pilot, "tab")
        assert app.focused is screen.answer_list
        await press(pilot, "tab")
        assert app.focused is screen.picker
        footer = screen_text(app).rstrip("\n").splitlines()[-1]
        for hint in ("Questions/answers", "Open", "e Export", "esc Close"):
            assert hint in footer
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.contact.name == "Alex Example"  # nothing changed


async def test_answers_wrap_to_a_narrow_terminal_without_losing_words(answered, make_test_app):
    app = make_test_app(answered)
    async with app.run_test(size=NARROW) as pilot:
        open_answers(app.main_screen)
        await pilot.pause()
        await press(pilot, "j", "j", "j")
        text = screen_text(app)
        assert "…" not in "\n".join(lines(app.screen.answer_list))
        words = " ".join(text.replace("│", " ").split())
        assert LONG_ANSWER in words


def test_wrap_breaks_between_words_and_cuts_only_words_longer_than_the_line() -> None:
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("see https://example.org/a/very/long/path now", 12) == [
        "see", "https://exam", "ple.org/a/ve", "ry/long/path", "now",
    ]
    assert wrap("first line\nsecond", 40) == ["first line", "second"]
    # Wide characters take two cells each.
    assert wrap("日本語 の 回答です", 6) == ["日本語", "の", "回答で", "す"]


async def test_e_exports_the_answers_as_markdown_where_the_user_says(answered, make_test_app, tmp_path):
    target = tmp_path / "skills.md"
    app = make_test_app(answered)
    async with app.run_test(size=SIZE) as pilot:
        open_answers(app.main_screen)
        await pilot.pause()
        await press(pilot, "j", "j", "j", "e")
        form = app.screen
        assert isinstance(form, FormScreen)
        field = form.query_one("#field-path", Input)
        assert field.value == "~/answers-what-are-the-critical-skills-for-this-field.md"
        # A directory is refused under the field; the form stays open. (The paths are put in the
        # field rather than typed: a key at a time, a temporary path takes seconds.)
        field.value = str(tmp_path)
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "is a directory" in static(form, "#error-path")
        field.value = str(target)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AnswersScreen)
        text = target.read_text()
        assert text.startswith("# What are the critical skills for this field?\n\n3 answers, newest first.")
        assert text.index("## Alex Example") < text.index("## Aunt Example") < text.index("## Riley Mockup")
        assert LONG_ANSWER in text
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        [note] = [n for n in app._notifications if n.title == "Export"]
        assert note.message == f"Wrote 3 answers to {target}."


async def test_a_question_nobody_answered_has_nothing_to_export(answered, make_test_app):
    app = make_test_app(answered)
    async with app.run_test(size=SIZE) as pilot:
        open_answers(app.main_screen)
        await pilot.pause()
        await press(pilot, "G", "e")
        assert isinstance(app.screen, AnswersScreen)
        assert any("nothing to export" in n.message for n in app._notifications)


# The referral tree ---------------------------------------------------------------------------


async def test_the_tree_shows_who_led_to_whom_with_stages(referred, make_test_app):
    app = make_test_app(referred)
    async with app.run_test(size=SIZE) as pilot:
        open_referral_tree(app.main_screen)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReferralTreeScreen)
        shown = [line.split("  ") for line in lines(screen.tree)]
        rows = [[part.strip() for part in line if part.strip()] for line in shown]
        assert rows == [
            ["▾ Alex Example", "UX researcher, Northwind Labs", "interviewed"],
            ["├─", "Robin Placeholder", "Designer, Globex", "identified"],
            ["└─▾ Sam Sample", "Data analyst, Contoso", "scheduled"],
            ["└─", "Dana Sample", "Analyst, Initech", "identified"],
        ]
        assert static(screen, "#referrals-hint") == (
            "2 people introduced 3. 5 with no introduction not shown (a shows them)."
        )
        # a lists everyone, the people without introductions too, by name among the others.
        await press(pilot, "a")
        names = [row.node.contact.name for row in screen.tree.rows]
        assert names == [
            "Alex Example", "Robin Placeholder", "Sam Sample", "Dana Sample", "Aunt Example",
            "Casey Placeholder", "Jordan Demo", "Morgan Specimen", "Riley Mockup",
        ]
        assert "a hides them" in static(screen, "#referrals-hint")


async def test_folding_and_unfolding_with_left_and_right(referred, make_test_app):
    app = make_test_app(referred)
    async with app.run_test(size=SIZE) as pilot:
        open_referral_tree(app.main_screen)
        await pilot.pause()
        tree = app.screen.tree
        # The tree opens on the contact selected on the main screen (Alex, the first).
        assert cursor_line(tree).startswith("▾ Alex Example")
        await press(pilot, "j", "j")
        assert "Sam Sample" in cursor_line(tree)
        await press(pilot, "left")
        assert [row.node.contact.name for row in tree.rows] == ["Alex Example", "Robin Placeholder", "Sam Sample"]
        assert "▸ Sam Sample (+1)" in cursor_line(tree)
        # Left again goes up to the referrer; right unfolds, then steps down into the branch.
        await press(pilot, "left")
        assert cursor_line(tree).startswith("▾ Alex Example")
        await press(pilot, "j", "j", "right")
        assert len(lines(tree)) == 4
        await press(pilot, "right")
        assert "Dana Sample" in cursor_line(tree)
        await press(pilot, "h")
        assert "Sam Sample" in cursor_line(tree)


async def test_enter_on_a_node_selects_that_contact(referred, make_test_app):
    app = make_test_app(referred)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        await press(pilot, "slash", *"alex")  # the filter hides Dana; choosing empties it
        await press(pilot, "enter")
        open_referral_tree(main)
        await pilot.pause()
        await press(pilot, "G")
        assert "Dana Sample" in cursor_line(app.screen.tree)
        await press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        assert main.contact is not None and main.contact.name == "Dana Sample"
        assert main.contacts_pane.filter_input.value == ""
        assert main.contacts_pane.contact_list.current.name == "Dana Sample"
        assert app.focused is main.contacts_pane.contact_list
        assert "referred by Sam Sample" in static(main, "#notes-heading")


async def test_with_no_introductions_the_tree_says_so(demo_store, make_test_app):
    sam = demo_store.find_contact("Sam Sample")
    sam.referred_by = None
    demo_store.update_contact(sam)
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        open_referral_tree(app.main_screen)
        await pilot.pause()
        assert lines(app.screen.tree) == [" Nobody has introduced anyone yet. a lists everyone."]
        await press(pilot, "a")
        assert len(app.screen.tree.rows) == 7
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


# The dashboard -------------------------------------------------------------------------------


async def test_the_dashboard_shows_the_demo_campaigns_numbers(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        open_dashboard(app.main_screen)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        funnel = [line.split() for line in static(screen, "#funnel").splitlines()]
        assert [(row[0], row[1], row[-1]) for row in funnel] == [
            ("identified", "7", "100%"),
            ("asked", "5", "71%"),
            ("scheduled", "4", "57%"),
            ("interviewed", "3", "43%"),
            ("thanked", "2", "29%"),
        ]
        # The bars shrink with the counts.
        assert [len(row[2]) for row in funnel] == sorted((len(row[2]) for row in funnel), reverse=True)
        assert static(screen, "#replies").startswith("80% reply rate: 4 of 5 asked answered")  # the funnel's asked
        chart = static(screen, "#weekly").splitlines()
        assert chart[0].split() == ["1", "1"]  # the aunt's conversation, then Alex's this week
        assert chart[-1].split() == ["7", "Sep", "5", "Oct", "2", "Nov"]
        assert screen.query_one("#weekly").border_subtitle == "2 held"
        assert [line.split() for line in lines(screen.overdue_list)] == [
            ["Aunt", "Example", "check", "in", "6", "days", "late"],
            ["Alex", "Example", "thank", "you", "1", "day", "late"],
        ]
        assert screen.overdue_list.border_title == "Overdue follow-ups · 2"
        assert [line.split(maxsplit=1) for line in static(screen, "#fields").splitlines()] == [
            ["1", "Healthcare"], ["1", "Software"], ["1", "UX research"],
        ]
        assert "Woodgrove Bank" in static(screen, "#companies")
        text = screen_text(app)
        for title in ("Funnel", "Asks answered", "Conversations per week", "Fields covered", "Companies covered"):
            assert title in text


async def test_enter_on_an_overdue_follow_up_selects_its_contact(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        open_dashboard(app.main_screen)
        await pilot.pause()
        assert app.focused is app.screen.overdue_list
        await press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.contact.name == "Aunt Example"
        assert app.focused is app.main_screen.contacts_pane.contact_list


async def test_a_planned_conversation_whose_day_has_passed_is_overdue_on_the_dashboard_as_in_the_queue(
    demo_store, make_test_app, now
):
    jordan = demo_store.find_contact("Jordan Demo")
    demo_store.add_interview(Interview(contact_id=jordan.id, when=(now - timedelta(days=4)).replace(hour=15, minute=0)))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.main_screen.query_one("#followup-list", FollowUpList)
        in_the_queue = [
            (row.contact_name, "talk" if isinstance(row, ConversationRow) else row.followup.kind.label)
            for row in queue.rows
            if isinstance(row, ConversationRow | QueueRow) and row.overdue
        ]
        assert "Overdue · 3" in [line.strip() for line in lines(queue)]
        await press(pilot, "D")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert [(row.name, row.what) for row in screen.overdue_list.rows] == in_the_queue == [
            ("Aunt Example", "check in"),
            ("Jordan Demo", "talk"),
            ("Alex Example", "thank you"),
        ]
        assert [line.split() for line in lines(screen.overdue_list)][1] == ["Jordan", "Demo", "talk", "4", "days", "late"]
        assert screen.overdue_list.border_title == "Overdue follow-ups · 3"
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.contact.name == "Jordan Demo"


async def test_a_narrow_dashboard_opens_at_the_top_and_scrolls_with_keys(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        open_dashboard(app.main_screen)
        await pilot.pause()
        screen = app.screen
        text = screen_text(app)
        assert "Funnel" in text and "identified" in text
        assert "Companies covered" not in text  # below the fold
        await press(pilot, "G")
        await pilot.wait_for_scheduled_animations()
        assert "Companies covered" in screen_text(app)
        await press(pilot, "tab")
        assert app.focused is screen.overdue_list
        await press(pilot, "j", "enter")
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.contact.name == "Alex Example"


async def test_an_empty_workspace_has_an_empty_dashboard_not_an_error(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        open_dashboard(app.main_screen)
        await pilot.pause()
        screen = app.screen
        assert static(screen, "#replies").startswith("No asks logged yet")
        assert "No conversations held in these weeks." in static(screen, "#weekly")
        assert lines(screen.overdue_list) == [" Nothing overdue."]
        assert static(screen, "#fields") == "Nobody interviewed yet."
        await press(pilot, "enter", "escape")
        assert isinstance(app.screen, MainScreen)


# The keys on the main screen --------------------------------------------------------------------


async def test_capital_a_r_and_d_open_the_views_from_the_main_screen(referred, make_test_app):
    app = make_test_app(referred)
    async with app.run_test(size=SIZE) as pilot:
        for key, screen_type in (("A", AnswersScreen), ("R", ReferralTreeScreen), ("D", DashboardScreen)):
            await press(pilot, key)
            assert isinstance(app.screen, screen_type), key
            await press(pilot, "escape")
            assert isinstance(app.screen, MainScreen)
        # In the filter box the same keys are letters of a name.
        await press(pilot, "slash", "A", "R", "D")
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.contacts_pane.filter_input.value == "ARD"


async def test_the_dashboard_counts_one_contact_as_one(store, make_test_app):  # type: ignore[no-untyped-def]
    store.add_contact(Contact(name="Sam Sample"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        open_dashboard(app.main_screen)
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.figures is not None)
        assert static(app.screen, "#dashboard-title") == "Dashboard · 1 contact"
