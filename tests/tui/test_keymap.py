"""Keys can be remapped in the user's config.toml (a [keys] table of binding ids): the new key
works, the old one no longer does, and ? lists every key of every screen as it is after the
remapping. A keymap with an unknown id or key, or one key for two actions, is refused naming
its line, and the defaults stay."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual.widgets import Static

from interview_tui.core.store import Store
from interview_tui.tui.app import InterviewApp, make_app
from interview_tui.tui.keys import KEY_GROUPS, check_keymap, key_label, normalized, use_keymap
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.help import HelpScreen, load_every_view
from interview_tui.tui.screens.main import MainScreen

from .conftest import SIZE, wait_for


@pytest.fixture(autouse=True)
def _default_keys() -> Iterator[None]:
    # The keymap in force is the process's: a test that sets one leaves the next the defaults.
    yield
    use_keymap({})


def app_with(store: Store, config: Path, text: str) -> InterviewApp:
    config.write_text(text, encoding="utf-8")
    return make_app(store, cursor_blink=False, prefs_path=config)


def help_text(app: InterviewApp) -> str:
    """The help screen's text as a person reads it: one line per key, its key first."""
    console = Console(width=200, file=io.StringIO(), record=True)
    for static in app.screen.query(Static):
        console.print(static.content)
    return console.export_text()


def keys_under(shown: str, heading: str) -> dict[str, str]:
    """Description -> key, in the section of the help under ``heading``."""
    found = {}
    for line in shown.split(f"\n{heading}", 1)[1].splitlines()[1:]:
        if not line.strip():
            break  # the end of the section
        key, _, description = line.strip().partition("  ")
        found[description.strip()] = key.strip()
    return found


def refusal(app: InterviewApp) -> str:
    [said] = [n.message for n in app._notifications if n.title == "Preferences not read"]
    return said


async def test_a_remapped_key_opens_its_action_and_the_old_one_no_longer_does(demo_store: Store, tmp_path: Path) -> None:
    app = app_with(demo_store, tmp_path / "config.toml", '[keys]\n"contact.add" = "+"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("plus")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))

        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        contacts = keys_under(help_text(app), "Contacts")
        assert contacts["Add"] == "+"
        assert contacts["Edit"] == "e"


async def test_help_lists_the_keys_of_every_screen(demo_store: Store) -> None:
    app = make_app(demo_store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = help_text(app)
    # The search, the insight views, the bank and the trash: once missing from the hand-kept list.
    for heading in ("Search", "Answers", "Referral tree", "Dashboard", "Question bank", "Plan", "Trash", "Forms"):
        assert heading in shown, heading
    # Each form's own keys, under its heading (once listed under a class that has none).
    forms = keys_under(shown, "Forms")
    assert forms.get("Save") == "ctrl+s" and forms.get("Cancel") == "esc", forms
    assert "Erase for good" in shown and "Retire/restore" in shown


@pytest.mark.parametrize(
    ("table", "line", "said"),
    [
        ('"contact.add" = "+"\n"no.such.action" = "x"\n', 4, "no.such.action"),
        ('"contact.add" = "ctrl+nope"\n', 3, "ctrl+nope"),
        ('"contact.add" = "+"\n"note.new" = "+"\n', 3, "note.new"),
        ('"search" = "e"\n', 3, "contact.edit"),
        ('"undo" = "ctrl+q"\n', 3, "quit"),
    ],
)
async def test_a_bad_keymap_is_refused_with_its_line_and_the_defaults_stay(
    demo_store: Store, tmp_path: Path, table: str, line: int, said: str
) -> None:
    config = tmp_path / "config.toml"
    text = "# my keys\n[keys]\n" + table
    app = app_with(demo_store, config, text)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        message = refusal(app)
        assert f"line {line}:" in message and str(config) in message and said in message
        await pilot.press("a")  # the default key still adds
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
    assert config.read_text(encoding="utf-8") == text  # never written over


async def test_a_dotted_id_unquoted_is_read_as_the_id(demo_store: Store, tmp_path: Path) -> None:
    app = app_with(demo_store, tmp_path / "config.toml", "[keys]\ncontact.add = \"+\"\n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("plus")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))


def _ids() -> list[str]:
    load_every_view()
    return sorted({b.id for _, bindings in KEY_GROUPS(every=True) for b in bindings if b.id})


KEYS = st.one_of(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-=/?#"),
    st.builds(lambda c: f"ctrl+{c}", st.sampled_from("abcdefghijklmnopqrstuvwxyz")),
    st.sampled_from(["f2", "f5", "escape", "enter", "space", "ctrl+shift+up", "alt+x"]),
)


@settings(max_examples=200, deadline=None)
@given(binding_id=st.sampled_from(_ids()), key=KEYS)
def test_a_keymap_is_either_refused_for_that_id_or_shown_with_that_key(binding_id: str, key: str) -> None:
    problems = check_keymap({binding_id: key})
    if problems:
        assert [found for found, _ in problems] == [binding_id]
        return
    try:
        use_keymap({binding_id: key})
        shown = [b for _, bindings in KEY_GROUPS(every=True) for b in bindings if b.id == binding_id]
        assert shown and all(b.key == normalized(key) for b in shown)
        assert all(key_label(b.key) for b in shown)
    finally:
        use_keymap({})
