"""Undo (u, ctrl+z) and the trash (T), with the keys a person presses."""

from __future__ import annotations

from textual.widgets import Input, Static

from interview_tui.core import workflow
from interview_tui.core.models import Contact
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.trash import TrashScreen

from .conftest import wait_for

SIZE = (120, 36)


def names(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.name for c in store.contacts()]


def notified(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def delete_alex(pilot, app) -> str:  # type: ignore[no-untyped-def]
    """d on Alex Example (the first contact), y; returns the question the confirmation asked."""
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    question = app.screen.query_one("#confirm-question", Static).render().plain
    await pilot.press("y")
    await pilot.pause()
    return question


async def test_the_delete_question_names_what_goes_and_where(demo_store, make_test_app) -> None:
    alex = demo_store.find_contact("Alex Example")
    referred = sorted(c.name for c in demo_store.referred_by(alex.id))
    assert referred, "the demo has someone Alex introduced"
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        question = await delete_alex(pilot, app)
    assert "1 conversation, 2 follow-ups" in question
    assert f"{referred[0]} was referred by them" in question or "were referred by them" in question
    assert "trash" in question and "u undoes" in question


async def test_u_undoes_a_delete_with_every_link(demo_store, make_test_app) -> None:
    alex = demo_store.find_contact("Alex Example")
    referred = [c.id for c in demo_store.referred_by(alex.id)]
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await delete_alex(pilot, app)
        assert "Alex Example" not in names(demo_store)
        await pilot.press("u")
        await pilot.pause()
        assert "Alex Example" in names(demo_store)
        assert all(demo_store.contact(i).referred_by == alex.id for i in referred)
        assert any("Undone: Deleted Alex Example" in m for m in notified(app))
        shown = [row.name for row in app.main_screen.contacts_pane.contact_list.rows]
        assert "Alex Example" in shown
        # The contact brought back is the one selected: the next d would not hit someone else.
        assert app.main_screen.contacts_pane.contact_list.current.name == "Alex Example"
    assert demo_store.path.read_bytes() == before


async def test_ctrl_z_undoes_and_u_in_the_filter_is_a_letter(demo_store, make_test_app) -> None:
    tags = demo_store.find_contact("Alex Example").tags
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("number_sign")
        await pilot.pause()
        await pilot.press(*" mentor", "ctrl+s")
        await pilot.pause()
        assert demo_store.find_contact("Alex Example").tags == [*tags, "mentor"]
        await pilot.press("slash", "u")
        await pilot.pause()
        assert app.main_screen.contacts_pane.query_one(Input).value == "u"
        assert demo_store.find_contact("Alex Example").tags == [*tags, "mentor"]
        await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        assert demo_store.find_contact("Alex Example").tags == tags
        assert any("Undone: Tags of Alex Example" in m for m in notified(app))


async def test_undo_with_nothing_to_undo_says_so_and_changes_nothing(demo_store, make_test_app) -> None:
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any(m.startswith("Nothing to undo") for m in notified(app))
    assert demo_store.path.read_bytes() == before


async def test_undo_takes_back_a_conversation_marked_done_but_not_the_notes_typed_since(demo_store, make_test_app) -> None:
    alex = demo_store.find_contact("Alex Example")
    # Held this morning (the sample's Alex also has one of two days ago): n opens it.
    interview = workflow.schedule_interview(demo_store, alex.id, "today 9am")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"She loves maps")
        await pilot.press("escape")
        await pilot.pause()
        app.main_screen.notes_pane.interview_list.focus()
        await pilot.press("x")  # asks when it was held: at 9am, as it was planned
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.interview(interview.id).status.value == "done" or demo_store.interviews(alex.id)[0].status.value == "done"
        await pilot.press("u")
        await pilot.pause()
    latest = demo_store.interviews(alex.id)[0]
    assert latest.status.value == "planned"
    assert "She loves maps" in " ".join([latest.notes, *latest.answers.values()])


async def test_the_trash_restores_and_erases(demo_store, make_test_app) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await delete_alex(pilot, app)
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        assert [row.name for row in app.screen.trash_list.rows] == ["Alex Example"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Alex Example" in names(demo_store)
        assert app.main_screen.contact is not None and app.main_screen.contact.name == "Alex Example"
        assert any("Restored Alex Example" in m for m in notified(app))

        await delete_alex(pilot, app)
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "cannot be undone" in app.screen.query_one("#confirm-question", Static).render().plain
        await pilot.press("y")
        await pilot.pause()
        assert demo_store.trash() == []
        assert "Alex Example" not in demo_store.path.read_text(encoding="utf-8")


async def test_escape_leaves_the_trash_as_it_was(demo_store, make_test_app) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await delete_alex(pilot, app)
        before = demo_store.path.read_bytes()
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert demo_store.path.read_bytes() == before


async def test_empty_trash_from_the_palette_asks_first(demo_store, make_test_app) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await delete_alex(pilot, app)
        await app.main_screen.run_action("empty_trash")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert [e.name for e in demo_store.trash()] == ["Alex Example"]
        await app.main_screen.run_action("empty_trash")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert demo_store.trash() == []


async def test_an_edit_made_in_the_form_is_undone_by_name(demo_store, make_test_app) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-company", Input).value = "Contoso"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.find_contact("Alex Example").company == "Contoso"
        await pilot.press("u")
        await pilot.pause()
        assert demo_store.find_contact("Alex Example").company == "Northwind Labs"
        assert any("Undone: Edited Alex Example" in m for m in notified(app))


async def test_a_read_only_workspace_takes_no_notes_it_could_not_save(demo_store, make_test_app, monkeypatch) -> None:
    monkeypatch.setattr(type(demo_store), "read_only", property(lambda self: "read-only for the test"))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.main_screen.notes_pane.editor.read_only


async def test_restoring_someone_added_again_meanwhile_asks_first(demo_store, make_test_app) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await delete_alex(pilot, app)
        again = demo_store.add_contact(Contact(name="alex example"))  # as an import would, meanwhile
        before = demo_store.path.read_bytes()
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.query_one("#confirm-question", Static).render().plain
        assert question.startswith(
            f"Alex Example was not restored: alex example (id:{again.id}) has the same name, and is likely the same "
            "person. Nothing was changed."
        )
        assert question.endswith("restore them as another person?")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert demo_store.path.read_bytes() == before
        assert names(demo_store).count("alex example") == 1 and "Alex Example" not in names(demo_store)
        assert [e.name for e in demo_store.trash()] == ["Alex Example"]

        await pilot.press("T")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert sorted(n for n in names(demo_store) if n.casefold() == "alex example") == ["Alex Example", "alex example"]
        assert demo_store.trash() == []
        # Said once the trash has closed: on a loaded machine, after the pause above.
        await wait_for(pilot, lambda: any("Restored Alex Example" in m for m in notified(app)))
