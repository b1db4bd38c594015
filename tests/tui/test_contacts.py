"""The contacts pane, driven with the keys a person presses: filter, add, edit, delete."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, Static

from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.store import Store
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.main import MainScreen
from interview_tui.tui.widgets.contacts import ContactList

SIZE = (120, 36)
DEMO_NAMES = [
    "Alex Example",
    "Aunt Example",
    "Casey Placeholder",
    "Jordan Demo",
    "Morgan Specimen",
    "Riley Mockup",
    "Sam Sample",
]


def contact_list(app) -> ContactList:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one("#contact-list", ContactList)


def shown_names(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.name for row in contact_list(app).rows]


def screen_lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """What the widget shows, line by line, as plain text."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def stored_names(store: Store) -> list[str]:
    return [c.name for c in store.contacts()]


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)


# The list ---------------------------------------------------------------------------------


async def test_first_contact_is_selected_and_rows_show_name_company_role_and_stage(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = contact_list(app)
        assert app.focused is rows
        assert rows.current is not None and rows.current.name == "Alex Example"
        assert app.main_screen.contact is not None and app.main_screen.contact.name == "Alex Example"
        lines = screen_lines(rows)
        assert lines[0].split()[:2] == ["Alex", "Example"]
        # The names are whole; the company and role column gives way to them.
        assert "UX research" in lines[0] and lines[0].rstrip().endswith("interviewed")
        assert "Data analys" in lines[6] and lines[6].rstrip().endswith("scheduled")
        assert lines[5].rstrip().endswith("in touch")  # Riley: keeping in touch, shortened
        assert lines[len(DEMO_NAMES)].strip() == ""


async def test_empty_workspace_says_how_to_add_a_contact(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Press a to add one" in screen_lines(contact_list(app))[0]
        assert app.main_screen.contact is None


# Filtering --------------------------------------------------------------------------------


async def test_slash_focuses_the_filter_and_typing_filters_live(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "contact-filter"
        await type_text(pilot, "sam")
        await pilot.pause()
        assert shown_names(app) == ["Sam Sample"]  # by name, as each key arrives
        app.focused.value = "northwind"
        await pilot.pause()
        assert shown_names(app) == ["Alex Example"]  # by company
        app.focused.value = "example  NURSE"
        await pilot.pause()
        assert shown_names(app) == ["Aunt Example"]  # every word, in any order
        app.focused.value = "ENGINEER"
        await pilot.pause()
        assert shown_names(app) == ["Riley Mockup"]  # by role, any case
        # "~": past a colleague's ideal six weeks since their last contact.
        assert screen_lines(contact_list(app))[0].split()[:2] == ["~", "Riley"]
        assert screen_lines(contact_list(app))[1].strip() == ""
        assert app.main_screen.query_one("#contacts-pane").border_subtitle == "1 of 7"
        await type_text(pilot, "z")
        await pilot.pause()
        assert shown_names(app) == []
        assert app.main_screen.contact is None


async def test_escape_clears_the_filter_and_returns_to_the_list(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        app.focused.value = "manager"
        await pilot.pause()
        assert shown_names(app) == ["Aunt Example", "Jordan Demo"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is contact_list(app)
        assert app.main_screen.query_one("#contact-filter", Input).value == ""
        assert shown_names(app) == DEMO_NAMES
        # down also leaves the filter for the list, keeping what was typed.
        await pilot.press("slash")
        app.focused.value = "fabrikam"
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is contact_list(app)
        assert shown_names(app) == ["Jordan Demo"]


async def test_enter_in_the_filter_returns_to_the_filtered_list(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        app.focused.value = "fabrikam"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is contact_list(app)
        assert shown_names(app) == ["Jordan Demo"]
        assert contact_list(app).current.name == "Jordan Demo"
        assert app.main_screen.contact.name == "Jordan Demo"
        # The list keys work again: e edits the filtered contact.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#field-name", Input).value == "Jordan Demo"


async def test_keys_act_on_the_contact_the_filter_left_selected(demo_store, make_test_app):
    """Filtering moves the selection; d, e and the notes pane then follow it, not the old one."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        app.focused.value = "contoso"
        await pilot.press("enter")
        await pilot.pause()
        assert shown_names(app) == ["Sam Sample"]
        heading = app.main_screen.query_one("#notes-heading", Static).render().plain
        assert heading.startswith("Sam Sample")
        await pilot.press("d")
        await pilot.pause()
        assert "Delete Sam Sample?" in app.screen.query_one("#confirm-question", Static).render().plain
        await pilot.press("y")
        await pilot.pause()
        assert "Sam Sample" not in stored_names(demo_store)
        assert "Alex Example" in stored_names(demo_store)


# Adding -----------------------------------------------------------------------------------


async def test_a_opens_the_form_in_its_first_field_and_saving_selects_the_new_contact(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.focused is app.screen.query_one("#field-name", Input)
        await type_text(pilot, "Dana Example")
        await pilot.press("enter")  # enter moves on to the next field; it saves only from the last
        assert isinstance(app.screen, ContactForm)
        assert app.focused is app.screen.query_one("#field-company", Input)
        await type_text(pilot, "Acme")
        await pilot.press("tab")
        app.focused.value = "Archivist"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        dana = demo_store.find_contact("Dana Example")
        assert (dana.company, dana.role, dana.stage) == ("Acme", "Archivist", Stage.IDENTIFIED)
        assert len(demo_store.contacts()) == len(DEMO_NAMES) + 1
        rows = contact_list(app)
        assert app.focused is rows
        assert rows.current.id == dana.id
        assert app.main_screen.contact.id == dana.id
        line = screen_lines(rows)[rows.cursor]
        assert line.startswith(" Dana Example ")
        assert "Archivist, " in line  # the role, then as much of the company as fits
        assert line.rstrip().endswith("identified")


async def test_ctrl_s_saves_from_a_middle_field(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        app.screen.query_one("#field-name", Input).value = "Mid Field"
        # Down moves field by field through the text boxes; tab leaves the relationship Select
        # (where down opens its list of choices).
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#field-field", Input)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#field-relationship", Select)
        await pilot.press("tab")
        app.focused.value = "mid@example.org"
        await pilot.pause()
        assert app.focused is app.screen.query_one("#field-email", Input)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [contact] = store.contacts()
        assert (contact.name, contact.email) == ("Mid Field", "mid@example.org")


async def test_ctrl_s_saves_from_the_relationship_select(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        app.screen.query_one("#field-name", Input).value = "Select Saver"
        app.screen.query_one("#field-relationship", Select).value = Relationship.ALUMNI.value
        app.screen.query_one("#field-relationship", Select).focus()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [contact] = store.contacts()
        assert (contact.name, contact.relationship) == ("Select Saver", Relationship.ALUMNI)


async def test_escape_cancels_the_form_and_nothing_is_stored(demo_store, make_test_app):
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Never", "tab")
        app.focused.value = "Nowhere"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.focused is contact_list(app)
        assert stored_names(demo_store) == DEMO_NAMES
        assert shown_names(app) == DEMO_NAMES
    assert demo_store.path.read_bytes() == before


async def test_an_empty_name_is_reported_under_the_name_field_and_nothing_is_saved(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "tab")
        app.focused.value = "Company Only"
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        error = form.query_one("#error-name", Static)
        assert error.has_class("-shown") and error.display
        assert "name is required" in str(error.render()).lower()
        # The message sits right under the name field, and the cursor went back to that field.
        assert error.region.y == form.query_one("#field-name").region.bottom
        assert app.focused is form.query_one("#field-name")
        assert not form.query_one("#error-form").has_class("-shown")
        assert store.contacts() == []
        # Fixing the name saves; the company typed before is kept.
        app.focused.value = "Now Named"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [(c.name, c.company) for c in store.contacts()] == [("Now Named", "Company Only")]


async def test_a_malformed_email_is_rejected_at_the_email_field(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        form = app.screen
        form.query_one("#field-name", Input).value = "Bad Mail"
        form.query_one("#field-email", Input).value = "bad.mail@nowhere"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#error-email", Static)
        assert error.has_class("-shown")
        assert "not an email address" in str(error.render())
        assert error.region.y == form.query_one("#field-email").region.bottom
        assert app.focused is form.query_one("#field-email")
        assert not form.query_one("#error-name").has_class("-shown")
        assert store.contacts() == []


# Editing ----------------------------------------------------------------------------------


async def test_e_edits_the_selected_contact(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")  # Aunt Example
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#form-title", Static).render().plain == "Edit Aunt Example"  # whom: a rescue after a hang-up is filed under it
        assert form.query_one("#field-name", Input).value == "Aunt Example"
        assert form.query_one("#field-company", Input).value == "City Hospital"
        assert form.query_one("#field-relationship", Select).value == "family"
        assert app.focused is form.query_one("#field-name")
        form.query_one("#field-company", Input).value = "County Clinic"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        aunt = demo_store.find_contact("Aunt Example")
        assert aunt.company == "County Clinic"
        assert aunt.address == "12 Sample Street, Springfield"  # untouched fields kept
        assert aunt.stage is Stage.THANKED
        assert len(demo_store.contacts()) == len(DEMO_NAMES)
        rows = contact_list(app)
        assert rows.current.id == aunt.id
        assert screen_lines(rows)[rows.cursor].startswith(" ! Aunt Example    Nurse manag")  # red: see the demo


async def test_renaming_moves_the_contact_and_keeps_it_selected(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Zed Example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        rows = contact_list(app)
        assert shown_names(app)[-1] == "Zed Example"
        assert rows.current.name == "Zed Example"
        assert rows.cursor == len(DEMO_NAMES) - 1
        assert "Zed Example" in stored_names(demo_store) and "Alex Example" not in stored_names(demo_store)


async def test_editing_a_contact_whose_referrer_shares_a_name_with_another_contact_saves(demo_store, make_test_app):
    demo_store.add_contact(Contact(name="Alex Example", company="Another Alex"))
    sam = demo_store.find_contact("Sam Sample")
    referrer = sam.referred_by
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "e")  # Sam Sample, referred by the first Alex Example
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-referred_by", Input).value == "Alex Example"
        form.query_one("#field-company", Input).value = "Contoso Ltd"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form, form.query_one("#error-referred_by", Static).render().plain
        sam = demo_store.contact(sam.id)
        assert (sam.company, sam.referred_by) == ("Contoso Ltd", referrer)


# Deleting ---------------------------------------------------------------------------------


async def test_d_asks_naming_the_contact_and_y_deletes_them_with_their_follow_ups(demo_store, make_test_app):
    alex = demo_store.find_contact("Alex Example")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.query_one("#confirm-question", Static).render().plain
        assert "Delete Alex Example?" in question
        assert "1 conversation" in question and "2 follow-ups" in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Alex Example" not in stored_names(demo_store)
        assert len(demo_store.contacts()) == len(DEMO_NAMES) - 1
        assert [f for f in demo_store.followups(include_done=True) if f.contact_id == alex.id] == []
        assert demo_store.interviews(alex.id) == []
        assert "Alex Example" not in shown_names(app)
        followup_lines = screen_lines(app.main_screen.query_one("#followup-list"))
        assert not any("Alex Example" in line for line in followup_lines)
        # The selection moved to a contact that exists.
        assert app.main_screen.contact is not None
        assert app.main_screen.contact.name in stored_names(demo_store)


@pytest.mark.parametrize("key", ["n", "escape"])
async def test_n_or_escape_cancels_the_delete(demo_store, make_test_app, key):
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Casey Placeholder" in app.screen.query_one("#confirm-question", Static).render().plain
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert stored_names(demo_store) == DEMO_NAMES
        assert shown_names(app) == DEMO_NAMES
        assert contact_list(app).current.name == "Casey Placeholder"
        assert app.focused is contact_list(app)
    assert demo_store.path.read_bytes() == before


async def test_deleting_the_last_contact_leaves_an_empty_list(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        app.screen.query_one("#field-name", Input).value = "Only One"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_names(store) == ["Only One"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.contacts() == []
        assert app.main_screen.contact is None
        assert "Press a to add one" in screen_lines(contact_list(app))[0]
        # With nobody selected, e and d explain instead of opening anything.
        await pilot.press("e", "d")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_contact_form_sets_a_keep_in_touch_cadence_and_refuses_one_it_cannot_read(demo_store, make_test_app):
    riley = demo_store.find_contact("Riley Mockup")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        rows = contact_list(app)
        assert rows.select_key(riley.id)
        await pilot.pause()
        heading = app.main_screen.query_one("#notes-heading", Static)
        # The default for a colleague, and how long it has been.
        assert "last in touch 90 days ago" in heading.render().plain
        assert "keep in touch every 8 weeks, at most 120 days" in heading.render().plain
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        cadence = form.query_one("#field-cadence", Input)
        assert cadence.value == ""  # the relationship's default
        cadence.value = "now and then"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Could not read 'now and then' as a cadence" in form.query_one("#error-cadence", Static).render().plain
        assert demo_store.contact(riley.id).cadence_days is None
        cadence.value = "every 2 weeks, at most 3 months"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        saved = demo_store.contact(riley.id)
        assert (saved.cadence_days, saved.cadence_max_days) == (14, 90)
        assert "keep in touch every 2 weeks, at most 90 days" in heading.render().plain
        # 90 days since the last touch is now at the maximum, not past it: still amber.
        assert rows.cadence[riley.id].value == "due"
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-cadence", Input).value == "2w / 90d"
        app.screen.query_one("#field-cadence", Input).value = "off"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.contact(riley.id).cadence_days == 0
        assert riley.id not in rows.cadence
        assert "keep in touch" not in heading.render().plain


async def test_hash_adds_and_removes_tags_and_the_filter_finds_them(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        rows = contact_list(app)
        alex = demo_store.find_contact("Alex Example")
        assert alex.tags == ["ux"]
        await pilot.press("number_sign")
        await pilot.pause()
        field = app.screen.query_one("#field-tags", Input)
        assert field.value == "ux"
        await pilot.press(*", #Fintech, research, UX")  # typed after what is there
        assert field.value == "ux, #Fintech, research, UX"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert demo_store.contact(alex.id).tags == ["ux", "Fintech", "research"]  # "UX" is "ux" again
        heading = app.main_screen.query_one("#notes-heading", Static).render().plain
        assert "#ux #Fintech #research" in heading
        await pilot.press("slash", *"#fin", "enter")
        await pilot.pause()
        assert [c.name for c in rows.rows] == ["Alex Example"]
        await pilot.press("slash", "escape")
        # Removing is deleting in the same box; a tag the filter could not read is refused.
        await pilot.press("number_sign")
        await pilot.pause()
        app.screen.query_one("#field-tags", Input).value = "rel:friend"
        await pilot.press("enter")
        await pilot.pause()
        assert "cannot contain ':'" in app.screen.query_one("#error-tags", Static).render().plain
        app.screen.query_one("#field-tags", Input).value = "research"
        await pilot.press("enter")
        await pilot.pause()
        assert demo_store.contact(alex.id).tags == ["research"]


async def test_hash_with_commas_keeps_a_tag_of_several_words_as_one_and_shows_it_before_saving(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        alex = demo_store.find_contact("Alex Example")
        await pilot.press("number_sign", "ctrl+u", *"#design, UX Research, a/b")
        await pilot.pause()
        preview = app.screen.query_one("#tags-preview", Static)
        assert preview.render().plain == "→ #design #UX-Research #a/b"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert demo_store.contact(alex.id).tags == ["design", "UX-Research", "a/b"]
        assert [n.message for n in app._notifications][-1] == "Alex Example: #design #UX-Research #a/b."
        await pilot.press("slash", *"#ux-research", "enter")
        await pilot.pause()
        assert shown_names(app) == ["Alex Example"]
        await pilot.press("slash", "escape")
        # With no comma, spaces still separate the tags, and the preview says so as they are typed.
        await pilot.press("number_sign", "ctrl+u", *"design UX")
        await pilot.pause()
        assert app.screen.query_one("#tags-preview", Static).render().plain == "→ #design #UX"
        await pilot.press("ctrl+u", *"rel:friend")
        await pilot.pause()
        assert app.screen.query_one("#tags-preview", Static).render().plain == (
            "? A tag cannot contain ':' ('rel:friend'); use '-' instead."
        )
        await pilot.press("escape")
        await pilot.pause()
        assert demo_store.contact(alex.id).tags == ["design", "UX-Research", "a/b"]


async def test_the_filter_folds_accents_as_search_does(demo_store, make_test_app):
    demo_store.add_contact(Contact(name="Zoë Ångström", company="Café Example"))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "cafe")
        await pilot.pause()
        assert shown_names(app) == ["Zoë Ångström"]
        for typed in ("zoe angstrom", "CAFÉ", "ångström"):
            app.focused.value = typed
            await pilot.pause()
            assert shown_names(app) == ["Zoë Ångström"], typed


async def test_editing_anything_keeps_the_lines_of_the_mailing_address(demo_store, make_test_app):
    """An address imported on several lines must not be flattened by saving the form."""
    aunt = demo_store.find_contact("Aunt Example")
    aunt.address = "12 Sample Street\nSpringfield 12345\nUSA"
    demo_store.update_contact(aunt)
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#field-role", Input).value = "Ward manager"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
    saved = demo_store.find_contact("Aunt Example")
    assert (saved.role, saved.address) == ("Ward manager", "12 Sample Street\nSpringfield 12345\nUSA")


async def test_a_filter_that_matches_no_one_says_so_and_how_to_clear_it(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zzzz", "enter")
        await pilot.pause()
        first_line = str(contact_list(app).render_line(0).text)
        assert "No match: esc clears the filter." in first_line
        assert "No contacts yet" not in first_line
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert shown_names(app) == DEMO_NAMES


async def test_an_empty_workspace_says_how_to_add_the_first_contact(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "No contacts yet. Press a to add one." in str(contact_list(app).render_line(0).text)


async def test_a_name_already_there_is_refused_once_under_the_name_and_saving_again_adds_a_second(store, make_test_app):
    alex = store.add_contact(Contact(name="Alex Example"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "alex example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        error = form.query_one("#error-name", Static)
        assert error.has_class("-shown")
        assert str(error.render()) == (
            f"There is already a contact named Alex Example (id:{alex.id}). "
            "Save again to add another person of that name."
        )
        assert stored_names(store) == ["Alex Example"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert stored_names(store) == ["Alex Example", "alex example"]


async def test_renaming_to_a_name_another_contact_has_is_refused_once_and_saving_again_keeps_it(store, make_test_app):
    alex = store.add_contact(Contact(name="Alex Example"))
    sam = store.add_contact(Contact(name="Sam Sample"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        assert contact_list(app).select_key(sam.id)
        await pilot.press("e", "ctrl+u")
        await type_text(pilot, "Alex Example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert str(form.query_one("#error-name", Static).render()) == (
            f"There is already a contact named Alex Example (id:{alex.id}). "
            "Save again to give them that name all the same."
        )
        assert stored_names(store) == ["Alex Example", "Sam Sample"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert stored_names(store) == ["Alex Example", "Alex Example"]


async def test_a_name_of_the_form_id_n_is_refused_under_the_name(store, make_test_app):
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "id:3")
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert str(form.query_one("#error-name", Static).render()).startswith("id:3 cannot be a name")
        assert store.contacts() == []
