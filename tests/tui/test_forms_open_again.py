"""A form or dialog shown again (built once, kept, and given each use's own values: see
tui/form_cache.py) opens as a new one would: the values of this use and nothing of the last one,
no error or preview left over, the first field focused, keys typed while it opens in it; and
what it saves is this use's."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.color import Color
from textual.widgets import Input, Select, Static, TextArea

from interview_tui.core.demo import seed_demo
from interview_tui.core.store import Store
from interview_tui.tui import app as app_module
from interview_tui.tui import form_cache
from interview_tui.tui.app import InterviewApp, make_app
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.screens.contact_form import CONTACT_FIELDS, ContactForm
from interview_tui.tui.screens.followup_form import FollowUpForm
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.screens.help import HelpScreen
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.screens.trash import TrashScreen

from .conftest import NOW, SIZE, drawn_behind, wait_for

MakeApp = Callable[[Store], InterviewApp]
RELATIONSHIP = next(spec for spec in CONTACT_FIELDS if spec.name == "relationship")


@pytest.fixture
def wired() -> Iterator[None]:
    """Dialogs opened through form_cache, as the app does: it calls ``reuse`` as it pushes a
    screen, and ``prepare`` when it is idle after the first frame."""
    assert hasattr(app_module, "form_cache")
    yield


def values(form: FormScreen[Any]) -> dict[str, str]:
    return form.values()


def shown_errors(form: FormScreen[Any]) -> list[str]:
    return [str(s.render()) for s in form.query(".form-error.-shown").results(Static)]


async def open_form(pilot: Any, app: InterviewApp, key: str, kind: type[Any]) -> Any:
    await pilot.press(key)
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, kind)
            and (app.focused is not None and app.focused.screen is app.screen or not app.screen.focus_chain)
        ),
    )
    return app.screen


async def close(pilot: Any, app: InterviewApp, key: str = "escape") -> None:
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


def contact(store: Store, name: str) -> Any:
    return next(c for c in store.contacts() if c.name == name)


async def test_the_contact_form_shown_again_holds_its_own_values_and_each_use_saves_its_own(
    demo_store: Store, make_test_app: MakeApp, wired: None
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        first = await open_form(pilot, app, "a", ContactForm)
        await pilot.press(*"Bo Placeholder", "tab", *"Acme")
        await close(pilot, app, "ctrl+s")
        assert contact(demo_store, "Bo Placeholder").company == "Acme"

        second = await open_form(pilot, app, "a", ContactForm)
        assert second is first, "the form was built again instead of shown again"
        assert str(second.query_one("#form-title", Static).render()) == "Add a contact"
        assert {k: v for k, v in values(second).items() if k != "relationship"} == dict.fromkeys(
            values(second).keys() - {"relationship"}, ""
        )
        assert app.focused is second.query_one("#field-name")
        await pilot.press(*"Cy Sample")
        await close(pilot, app, "ctrl+s")
        assert contact(demo_store, "Cy Sample").company == ""
        assert contact(demo_store, "Bo Placeholder").company == "Acme"

        # Edits of two people in turn, through the same form: each shows and saves its own.
        for name, company in (("Cy Sample", "Globex"), ("Bo Placeholder", "Initech")):
            app.main_screen.contacts_pane.contact_list.select_key(contact(demo_store, name).id)
            await pilot.pause()
            edit = await open_form(pilot, app, "e", ContactForm)
            assert edit is first
            assert str(edit.query_one("#form-title", Static).render()) == f"Edit {name}"
            assert values(edit)["name"] == name
            assert values(edit)["company"] == contact(demo_store, name).company
            # The name is selected as in a new form: what is typed replaces it.
            edit.query_one("#field-company", Input).value = company
            await close(pilot, app, "ctrl+s")
        assert contact(demo_store, "Cy Sample").company == "Globex"
        assert contact(demo_store, "Bo Placeholder").company == "Initech"


async def test_nothing_typed_into_a_cancelled_or_refused_form_is_shown_in_the_next(
    demo_store: Store, make_test_app: MakeApp, wired: None
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, "a", ContactForm)
        await pilot.press("tab", *"Typed then dropped")
        form.query_one("#field-notes", TextArea).focus()
        await pilot.press(*"a note")
        form.query_one("#field-relationship", Select).value = "friend"
        await pilot.press("ctrl+s")  # refused: no name
        await wait_for(pilot, lambda: bool(shown_errors(form)))
        await close(pilot, app)

        again = await open_form(pilot, app, "a", ContactForm)
        assert again is form
        assert shown_errors(again) == []
        assert values(again)["company"] == ""
        assert values(again)["notes"] == ""
        assert values(again)["relationship"] == RELATIONSHIP.choices[0][1]
        # Nothing of this use yet to rescue if the session ended now.
        assert again.typed() == {}
        # And the notes' undo history went with the old text.
        notes = again.query_one("#field-notes", TextArea)
        notes.focus()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert notes.text == ""


async def test_a_date_preview_of_the_last_use_is_gone_and_keys_typed_as_it_opens_land_in_it(
    demo_store: Store, make_test_app: MakeApp, wired: None
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, "f", FollowUpForm)
        await pilot.press(*"next fri")
        preview = form.query_one("#due-preview", Static)
        await wait_for(pilot, lambda: str(preview.render()).startswith("→"))
        await close(pilot, app)

        for key in ("f", *"tomorrow"):  # a burst, as a fast typist's keys arrive
            event = events.Key(key, key)
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpForm) and values(app.screen)["due"] == "tomorrow")
        assert app.screen is form
        await wait_for(pilot, lambda: "Thu 26 Nov" in str(preview.render()))


async def test_a_question_and_the_trash_shown_again_show_this_use(
    demo_store: Store, make_test_app: MakeApp, wired: None
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        deleted = []
        for _ in range(2):
            current = app.main_screen.contacts_pane.contact_list.current
            assert current is not None
            question = await open_form(pilot, app, "d", ConfirmScreen)
            assert current.name in str(question.query_one("#confirm-question", Static).render())
            await close(pilot, app, "y")
            deleted.append(current.name)
            trash = await open_form(pilot, app, "T", TrashScreen)
            assert [row.name for row in trash.trash_list.rows] == deleted[::-1]
            assert trash.trash_list.current is not None and trash.trash_list.current.name == deleted[-1]
            await close(pilot, app)
        assert len({id(s) for s in form_cache.kept(app).values() if isinstance(s, (ConfirmScreen, TrashScreen))}) == 2


async def test_the_forms_of_the_most_used_keys_are_built_before_they_are_asked_for(
    demo_store: Store, make_test_app: MakeApp, wired: None
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        wanted = {ContactForm, FollowUpForm, HelpScreen, TrashScreen}

        def built() -> bool:
            return wanted <= {type(s) for s in form_cache.kept(app).values() if s.is_mounted}

        # Built while the person has not pressed anything yet, and never shown meanwhile.
        await wait_for(pilot, built, timeout=30)
        assert len(app.screen_stack) == 1
        kept = next(s for s in form_cache.kept(app).values() if isinstance(s, ContactForm))
        # The first form of the session is the one built ahead, filled for this use.
        form = await open_form(pilot, app, "a", ContactForm)
        assert form is kept
        await pilot.press(*"Dee Example")
        await close(pilot, app, "ctrl+s")
        assert contact(demo_store, "Dee Example").relationship.value == values(form)["relationship"]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 6), st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P")), max_size=15)),
        min_size=2,
        max_size=4,
    )
)
async def test_each_edit_opens_on_exactly_what_the_contact_holds_then(
    wired: None, edits: list[tuple[int, str]]
) -> None:
    """Whatever the last use of the form held, the next edit of a contact shows exactly what a
    form built for it would: that contact's values, nothing typed yet."""
    with tempfile.TemporaryDirectory() as name:
        store = Store.open(Path(name) / "w.json", clock=lambda: NOW)
        try:
            seed_demo(store)
            app = make_app(store, cursor_blink=False)
            async with app.run_test(size=SIZE) as pilot:
                listed = app.main_screen.contacts_pane.contact_list
                for index, company in edits:
                    listed.select_index(index)
                    await pilot.pause()
                    assert listed.current is not None and listed.current.id is not None
                    person = store.contact(listed.current.id)
                    form = await open_form(pilot, app, "e", ContactForm)
                    assert values(form)["name"] == person.name
                    assert values(form)["company"] == person.company
                    assert values(form)["notes"] == person.notes
                    assert values(form)["relationship"] == person.relationship.value
                    assert form.typed() == {}
                    form.query_one("#field-company", Input).value = company
                    await close(pilot, app, "ctrl+s")
        finally:
            store.close()


async def test_behind_a_dialog_shown_again_is_the_screen_beneath_as_it_is_now_dimmed(
    demo_store: Store, make_test_app: MakeApp, wired: None
) -> None:
    """The dimmed lines behind a dialog are kept while the screen beneath draws the same: a
    change made meanwhile (a contact added) is behind the dialog the next time, drawn exactly as
    Textual draws the screen beneath a dialog."""
    from textual.renderables.background_screen import BackgroundScreen

    def drawn(form: Any, backdrop: Any) -> list[Any]:
        return drawn_behind(form, app.main_screen, backdrop)

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        for name in ("Bo Placeholder", "Cy Sample"):
            form = await open_form(pilot, app, "a", ContactForm)
            expected = drawn(form, BackgroundScreen(app.main_screen, form.styles.background))
            assert drawn(form, None) == expected
            assert drawn(form, None) == expected  # kept, and still the same
            await pilot.press(*name)
            await close(pilot, app, "ctrl+s")
        assert "Bo Placeholder" in "".join(strip.text for strip in expected)


async def test_a_form_shown_again_after_the_theme_changed_wears_the_new_theme(
    demo_store: Store, make_test_app: MakeApp, wired: None
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, "a", ContactForm)
        dark = form.query_one("#form").styles.background
        await close(pilot, app)
        app.theme = "textual-light"
        await pilot.pause()
        again = await open_form(pilot, app, "a", ContactForm)
        assert again is form
        light = again.query_one("#form").styles.background
        assert light != dark
        assert light == Color.parse(app.get_css_variables()["surface"])


async def test_an_edit_after_an_add_opens_without_laying_the_form_out_again(
    demo_store: Store, make_test_app: MakeApp, wired: None
) -> None:
    """The form shown again for another use changes its title and its choice of relationship:
    neither can change the size of its line, so the form is drawn without being laid out again
    (that was a tenth of opening `e` after `a`), and shows both as they are now."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, "a", ContactForm)
        await close(pilot, app)
        aunt = contact(demo_store, "Aunt Example")
        assert aunt.relationship.value != values(form)["relationship"]
        app.main_screen.contacts_pane.contact_list.select_key(aunt.id)
        await pilot.pause()
        layouts: list[bool] = []
        refresh_layout = form._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            layouts.append(True)
            refresh_layout(*args, **kwargs)

        form._refresh_layout = counted  # type: ignore[method-assign]
        assert await open_form(pilot, app, "e", ContactForm) is form
        await pilot.pause()
        assert layouts == []
        shown = "\n".join(line.text for line in form._compositor.render_strips())
        assert "Edit Aunt Example" in shown
        label = next(label for label, value in RELATIONSHIP.choices if value == aunt.relationship.value)
        assert f"Relationship     {label}" in shown
