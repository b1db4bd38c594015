"""What the forms and the lists do with bad, hostile or unusual text."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from interview_tui.core.models import Contact, Stage
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.widgets.contacts import STAGE_SHORTER, ContactList

SIZE = (120, 36)
ESC = "\x1b"


def contact_list(app) -> ContactList:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one("#contact-list", ContactList)


def screen_lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.render_line(y).text for y in range(widget.size.height)]


def static_text(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return screen.query_one(selector, Static).render().plain


async def test_forms_open_in_the_first_field_with_a_steady_cursor(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        for key, form_type, first in (("a", ContactForm, "#field-name"), ("f", FollowUpForm, "#field-due")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, form_type)
            assert app.focused is app.screen.query_one(first)
            # make_app(cursor_blink=False) holds in the forms too, so screenshots are stable.
            assert all(not field.cursor_blink for field in app.screen.query(Input))
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)


async def test_tab_and_shift_tab_stop_only_at_fields(demo_store, make_test_app):
    # shift+tab from the name went to the frame around the fields, invisible, where the
    # letters typed next vanished.
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("a", "e", "f", "s", "t", "U"):
            await pilot.press(key)
            await pilot.pause()
            form = app.screen
            assert isinstance(form, FormScreen), key
            fields = len(form.fields)
            for move in ("tab", "shift+tab"):
                for _ in range(fields + 1):
                    await pilot.press(move)
                    assert app.focused is not None and (app.focused.id or "").startswith("field-"), (key, move, app.focused)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)


async def test_letters_typed_on_a_choice_pick_the_choice_they_start_and_others_are_said(demo_store, make_test_app):
    # Typed on the follow-up's kind (a tab too far), the letters vanished without a sign.
    from interview_tui.core.models import FollowUpKind
    from interview_tui.tui.screens.form import ChoiceField

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        kind = app.screen.query_one("#field-kind", ChoiceField)
        kind.focus()
        await pilot.pause()
        wanted = FollowUpKind.THANK_YOU
        await pilot.press(*wanted.label[:2].lower())
        assert kind.value == wanted.value
        await pilot.press("shift+tab", "tab")  # back on it: a new start
        await pilot.press(*FollowUpKind.CUSTOM.label[:2])
        assert kind.value == FollowUpKind.CUSTOM.value
        await pilot.press("tab", "shift+tab", "z")
        await pilot.pause()
        assert kind.value == FollowUpKind.CUSTOM.value
        assert any("starts with “z”" in n.message for n in app._notifications)
        await pilot.press("enter")  # the list still opens as it did
        await pilot.pause()
        assert kind.expanded


async def test_tab_into_a_field_keeps_what_it_holds_and_typing_adds_to_it(demo_store, make_test_app):
    # Tab selected a field's whole text, and the first key typed replaced it: a company typed
    # into went, and a date typed a moment before.
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        company = form.query_one("#field-company", Input)
        was = company.value
        assert was
        await pilot.press("tab", *" Labs")
        assert company.value == was + " Labs"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f", *"fri", "tab", "shift+tab", "x")
        assert app.screen.query_one("#field-due", Input).value == "frix"


async def test_a_suggestion_the_form_makes_is_replaced_by_what_is_typed_until_it_is_typed_into(demo_store, make_test_app):
    from interview_tui.tui.screens.queue_forms import UpdateEveryoneForm

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("U")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, UpdateEveryoneForm)
        due = form.query_one("#field-due", Input)
        assert due.value == "today"
        due.focus()
        await pilot.press(*"fri")
        assert due.value == "fri"
        await pilot.press("shift+tab", "tab", *" 3pm")
        assert due.value == "fri 3pm"


async def test_a_10000_character_name_is_refused_at_the_name_field(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-name", Input).insert_text_at_cursor("x" * 10_000)
        form.query_one("#field-company", Input).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#error-name", Static)
        assert error.has_class("-shown")
        assert "10,000 characters" in static_text(form, "#error-name")
        assert app.focused is form.query_one("#field-name")
        assert store.contacts() == []
        await pilot.press("escape")
        await pilot.pause()
        assert store.contacts() == []
        assert contact_list(app).rows == []


async def test_escape_sequences_in_a_typed_name_never_reach_the_store_or_the_screen(store, make_test_app):
    hostile = f"Evil{ESC}[31m Red{ESC}[0m\x07 Name{ESC}]0;pwned\x07"
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        name = form.query_one("#field-name", Input)
        name.post_message(events.Paste(hostile))  # as a terminal delivers a paste
        form.query_one("#field-company", Input).value = f"Acme{ESC}[2J Corp"
        await pilot.pause()
        # Gone from the field as soon as it arrives, so the form never draws it.
        assert ESC not in name.value and "\x07" not in name.value
        assert all(ESC not in line for line in screen_lines(name))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [contact] = store.contacts()
        assert contact.name == "Evil Red Name"
        assert contact.company == "Acme Corp"
        assert ESC not in store.path.read_text()
        line = screen_lines(contact_list(app))[0]
        assert line.startswith(" Evil Red Name")


async def test_escape_sequences_already_in_the_file_are_not_rendered_raw(store, make_test_app):
    """A name imported or written by another tool bypasses the form's cleaning; the list, the
    delete question and the follow-up form still show it without the escape codes."""
    store.add_contact(Contact(name=f"Raw{ESC}[31m Import{ESC}]0;title\x07", company=f"Co{ESC}[2J"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = screen_lines(contact_list(app))[0]
        assert ESC not in line and line.startswith(" Raw Import")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert static_text(app.screen, "#confirm-question").startswith("Delete Raw Import? ")
        assert all(ESC not in text for text in screen_lines(app.screen.query_one("#confirm-question")))
        await pilot.press("n", "f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpForm)
        assert static_text(app.screen, "#form-title") == "Follow-up for Raw Import"
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#field-name", Input).value == "Raw Import"
        await pilot.press("escape")
        await pilot.pause()
        assert len(store.contacts()) == 1


async def test_names_that_look_like_markup_are_shown_as_typed(store, make_test_app):
    name = "Sam [b]Bold[/b] [/] Sample"
    store.add_contact(Contact(name=name))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpForm)
        assert static_text(app.screen, "#form-title") == f"Follow-up for {name}"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert static_text(app.screen, "#confirm-question").startswith(f"Delete {name}? ")
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        assert [c.name for c in store.contacts()] == [name]


async def test_saving_a_name_that_looks_like_markup_does_not_crash_the_app(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Sam [/] Sample"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [c.name for c in store.contacts()] == ["Sam [/] Sample"]
        # run_test hides toasts; render the one the user would see, as the toast rack does. With
        # notifications shown, the same MarkupError ends the app (about 4 s of traceback).
        [saved] = list(app._notifications)
        assert Toast(saved).render().plain == "Saved Sam [/] Sample."


async def test_wide_names_keep_the_stage_column_aligned(store, make_test_app):
    names = {
        "测试 🙂": Stage.ASKED,
        "Zoë Émoji 👩‍💻": Stage.SCHEDULED,
        "長い名前の人物テストです長い名前の人物": Stage.DECLINED,
        "Plain Name": Stage.IDENTIFIED,
        "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂": Stage.KEEPING_IN_TOUCH,
    }
    for name, stage in names.items():
        store.add_contact(Contact(name=name, company="公司名称很长的公司", role="エンジニア", stage=stage))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = contact_list(app)
        lines = screen_lines(rows)[: len(names)]
        starts = set()
        # The names take the room first, so the stages take their short forms, all of them.
        for row, line in zip(rows.rows, lines, strict=True):
            label = STAGE_SHORTER[row.stage]
            assert label in line
            starts.add(cell_len(line[: line.rindex(label)]))
        assert len(starts) == 1, lines
        assert {cell_len(line) for line in lines} == {rows.scrollable_content_region.width}
        # The same holds for a name typed into the form.
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "测试 🙂 新"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.find_contact("测试 🙂 新").stage is Stage.IDENTIFIED
        line = screen_lines(rows)[rows.cursor]
        assert cell_len(line[: line.rindex(STAGE_SHORTER[Stage.IDENTIFIED])]) == starts.pop()
