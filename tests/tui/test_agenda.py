"""The agenda on the follow-ups pane: planned conversations among the follow-ups, in the same day
groups, each with its time, length, way and place; enter shows the person with that conversation
open; x says when it was held, z moves it; v reads any follow-up whole; at 80x24 enter shows the
person instead of selecting them in the hidden contacts pane. Clock: Wed 25 Nov 2026, 10:00."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.models import Contact, FollowUp, FollowUpKind, Interview, InterviewMode
from interview_tui.tui.screens.followup_view import FollowUpView
from interview_tui.tui.screens.held_form import HeldForm
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.move_form import MoveForm
from interview_tui.tui.widgets.followups import ConversationRow, GroupHeading, QueueRow, queue_rows
from interview_tui.tui.widgets.key_bar import KeyBar

from .conftest import NARROW, NOW, SIZE
from .test_method import heading, press, screen_text


def rows_text(app) -> list[str]:  # type: ignore[no-untyped-def]
    queue = app.main_screen.followups_pane.followup_list
    return [" ".join(" ".join(cell.text for cell in queue.cells(row, 200)).split()) for row in queue.rows]


def add_agenda(store, now):  # type: ignore[no-untyped-def]
    """Casey: a conversation in a café next week; Jordan: one this morning not marked held yet,
    and notes started without a time (on no agenda)."""
    casey = store.find_contact("Casey Placeholder")
    jordan = store.find_contact("Jordan Demo")
    cafe = store.add_interview(
        Interview(contact_id=casey.id, when=now + timedelta(days=8, hours=1), minutes=45,
                  mode=InterviewMode.IN_PERSON, where="Café Nord")
    )
    morning = store.add_interview(Interview(contact_id=jordan.id, when=now - timedelta(days=1), mode=InterviewMode.VIDEO))
    store.add_interview(Interview(contact_id=jordan.id, when=now - timedelta(days=3), scheduled=False))
    return cafe, morning


async def test_planned_conversations_are_listed_with_the_follow_ups_in_their_day_groups(demo_store, make_test_app, now):
    cafe, morning = add_agenda(demo_store, now)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = rows_text(app)
        expected = [
            "Overdue · 3",
            "! 6 days ago Aunt Example check in",
            "! yesterday Jordan Demo talk 10:00, 20 min video",
            "! yesterday Alex Example thank you",
            "Today · 1",
            "today Jordan Demo nudge",
            "This week · 2",
            "in 2 days Alex Example referral",
            "in 3 days Sam Sample talk 15:00, 20 min phone",
            "Later · 3",
            "in 8 days Casey Placeholder talk 11:00, 45 min in person, Café Nord",
            "in 10 days Riley Mockup check in",
            "in 40 days Alex Example check in",
        ]
        assert len(lines) == len(expected), lines
        for line, start in zip(lines, expected, strict=True):
            assert line.startswith(start), (line, start)
        shown = screen_text(app)
        assert "15:00, 20 min phone" in shown
        # The notes started without a time are on no agenda.
        assert sum("Jordan Demo" in line and "talk" in line for line in lines) == 1


async def test_enter_on_a_conversation_shows_that_person_with_it_open_x_holds_and_z_moves(demo_store, make_test_app, now):
    cafe, morning = add_agenda(demo_store, now)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "shift+tab")
        queue = app.main_screen.followups_pane.followup_list
        assert app.focused is queue
        await press(pilot, "G")  # the last, then up to Casey's conversation
        await press(pilot, "k", "k")
        assert isinstance(queue.current, ConversationRow) and queue.current.interview.id == cafe.id
        await press(pilot, "enter")
        notes = app.main_screen.notes_pane
        assert app.main_screen.contact.name == "Casey Placeholder"
        assert heading(app).startswith("Casey Placeholder")
        assert notes.interview_id == cafe.id and notes.current.id == cafe.id
        assert app.focused is notes.interview_list
        # z on it moves it: the move form, filled with it.
        await press(pilot, "tab")
        assert queue.current.interview.id == cafe.id
        await press(pilot, "z")
        assert isinstance(app.screen, MoveForm)
        await press(pilot, "escape")
        # x on yesterday's: when it was held, its planned time offered.
        await press(pilot, "g", "j")
        assert queue.current.interview.id == morning.id
        await press(pilot, "x")
        form = app.screen
        assert isinstance(form, HeldForm)
        assert form.query_one("#field-when").value == "2026-11-24 10:00"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert demo_store.interview(morning.id).status.value == "done"
        assert not any("talk" in line and "Jordan" in line for line in rows_text(app))
        assert any("Jordan Demo" in line and "thank you" in line for line in rows_text(app))


async def test_v_reads_a_follow_up_whole_with_the_contacts_address(demo_store, make_test_app):
    aunt = demo_store.find_contact("Aunt Example")
    note = "Bring the photos from the garden party, and the recipe she asked for; " * 3
    demo_store.add_followup(FollowUp(contact_id=aunt.id, due=NOW + timedelta(hours=3), note=note.strip()))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "shift+tab", "g", "j", "j", "j")
        queue = app.main_screen.followups_pane.followup_list
        assert isinstance(queue.current, QueueRow) and queue.current.followup.note == note.strip()
        await press(pilot, "v")
        view = app.screen
        assert isinstance(view, FollowUpView)
        text = view.query_one("#ask-message").text
        assert note.strip() in text
        assert "12 Sample Street, Springfield" in text and "aunt@example.org" in text
        assert "Custom for Aunt Example" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_v_labels_y_for_what_doing_the_follow_up_is(demo_store, make_test_app):
    # A to-do of one's own offered "Sent: mark done", as if it were a message.
    aunt = demo_store.find_contact("Aunt Example")
    to_do = demo_store.add_followup(FollowUp(contact_id=aunt.id, due=NOW + timedelta(hours=3), note="Print the photos"))
    thanks = demo_store.add_followup(
        FollowUp(contact_id=aunt.id, due=NOW + timedelta(hours=4), kind=FollowUpKind.THANK_YOU, note="For the recipe")
    )
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "shift+tab", "g")
        queue = app.main_screen.followups_pane.followup_list

        async def read(followup: FollowUp) -> str:
            while not (isinstance(queue.current, QueueRow) and queue.current.followup.id == followup.id):
                await press(pilot, "j")
            await press(pilot, "v")
            assert isinstance(app.screen, FollowUpView)
            return " ".join(app.screen.query_one(KeyBar).render_line(0).text.split())

        keys = await read(to_do)
        assert "y Mark done" in keys and "Sent" not in keys
        await press(pilot, "y")
        assert isinstance(app.screen, MainScreen)
        assert demo_store.followup(to_do.id).done_at is not None
        await press(pilot, "g")
        assert "y Sent: mark done" in await read(thanks)  # a thank-you is sent
        await press(pilot, "escape")


async def test_at_80x24_enter_on_a_follow_up_shows_that_person(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "shift+tab")
        queue = app.main_screen.followups_pane.followup_list
        assert queue.current.contact_name == "Aunt Example"
        await press(pilot, "enter")
        screen = app.main_screen
        assert screen.active_pane == "notes-pane"
        assert screen.notes_pane.display and screen.notes_pane.region.area > 0
        assert heading(app).startswith("Aunt Example")
        assert "Aunt Example" in screen_text(app)


# The lazy agenda rows against a plain merge ------------------------------------------------------

minutes = st.integers(-20 * 24 * 60, 20 * 24 * 60)


@settings(max_examples=200, deadline=None)
@given(follow=st.lists(minutes, max_size=12), talks=st.lists(minutes, max_size=6))
def test_the_agenda_rows_are_the_follow_ups_and_conversations_merged_and_grouped(follow, talks):
    contacts = {1: Contact(name="Alex Example", id=1)}
    followups = sorted(
        (FollowUp(contact_id=1, due=NOW + timedelta(minutes=m), id=n) for n, m in enumerate(follow, 1)), key=lambda f: f.due
    )
    conversations = sorted(
        (Interview(contact_id=1, when=NOW + timedelta(minutes=m), id=n) for n, m in enumerate(talks, 1)), key=lambda i: i.when
    )
    rows = queue_rows(followups, contacts, NOW, conversations)
    made = list(rows)
    assert made == [rows[i] for i in range(len(rows))]
    items = [r for r in made if not isinstance(r, GroupHeading)]
    assert len(items) == len(followups) + len(conversations)
    # Time order; a conversation before a follow-up of the same minute.
    keys = [
        (r.interview.when, 0) if isinstance(r, ConversationRow) else (r.followup.due, 1) for r in items
    ]
    assert keys == sorted(keys)
    # Each heading counts the rows under it, and every row can be found by its key.
    for index, row in enumerate(made):
        if isinstance(row, GroupHeading):
            under = 0
            for later in made[index + 1 :]:
                if isinstance(later, GroupHeading):
                    break
                under += 1
            assert row.count == under
        else:
            assert rows.index_of(row.key) == index
    assert all(r.now == NOW for r in items)
