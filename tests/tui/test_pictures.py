"""A dialog shows the screen beneath it as that screen last drew itself (tui/pictures.py): the
picture kept from its frames must be what the terminal shows, and what drawing the screen again
would give, whatever whole and partial frames it drew; and what changes beneath an open dialog
still shows through."""

from __future__ import annotations

from typing import Any

import pytest
from textual.strip import Strip

from interview_tui.core.store import Store
from interview_tui.tui import pictures
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.widgets.contacts import ContactsPane

from .conftest import drawn_behind, wait_for
from .test_filter_latency import Mirror

SIZES = [(120, 36), (80, 24), (40, 20)]


def _segments(lines: list[Strip]) -> list[list[Any]]:
    return [[(text, style) for text, style, _ in line] for line in lines]


async def test_the_picture_kept_is_what_the_terminal_shows(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    """After each key of a session on the main screen (each drawing whole or partial frames: the
    list's cursor, the filter, the notes typed into, a pane's border), the picture holds what
    the terminal shows, and is, segment for segment, what the screen's compositor draws again.
    (Drawn again, a line of a narrow screen can come out other than the terminal shows it: the
    styles are compared where the text is the same.)"""
    keys = [
        "down", "down", "slash", *"ale", "backspace", "escape", "tab", "j", "k", "tab", "tab",
        # enter on a contact goes to their conversations, enter again into the notes editor.
        "end", "enter", "enter", *"said: ask for a portfolio review", "escape", "tab", "up",
    ]
    for size in SIZES:
        app = make_test_app(demo_store)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            main = app.screen
            terminal = Mirror(app)
            main.refresh()  # one whole frame, so that the mirror starts from the full picture
            await pilot.pause()
            checked = restyled = 0
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
                if app.screen is not main:
                    continue
                kept = pictures.picture_of(main)
                if kept is None:
                    continue  # something on it not drawn yet: no picture is offered
                # Cut at the terminal's edge, as the terminal cuts it: at 40 columns Textual draws a
                # line or two a few characters past it (the strip says it is 40 wide).
                assert [line.text[: size[0]] for line in kept] == terminal.frames[-1], (size, key)
                again = main._compositor.render_strips()
                if [line.text for line in again] == [line.text for line in kept]:
                    assert _segments(kept) == _segments(again), (size, key)
                    restyled += 1
                checked += 1
            assert checked >= 15 and restyled >= 5, size


async def test_a_change_beneath_an_open_form_shows_through_it(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        main.query_one(ContactsPane).border_title = "Everyone beneath"
        await pilot.pause()
        form.refresh()  # the form drawn again whole, its backdrop with it
        await pilot.pause()
        drawn = "\n".join(line.text for line in form._compositor.render_strips())
        assert "Everyone beneath" in drawn


async def test_the_palette_dims_the_screen_beneath_as_textual_does(demo_store: Store, make_test_app) -> None:  # type: ignore[no-untyped-def]
    """ctrl+p's palette draws the screen beneath from its picture, without drawing that screen
    again, dimmed exactly as Textual's own palette dims the screen drawn again."""
    from textual.command import CommandPalette
    from textual.renderables.background_screen import BackgroundScreen

    app = make_test_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main_screen
        # Once every pane is filled (the notes and follow-ups are read after the first frame)
        # and drawn.
        await wait_for(
            pilot,
            lambda: not demo_store.tables_read_later()
            and not main.followups_pane.reading
            and not main.notes_pane.reading
            and pictures.picture_of(main) is not None,
        )
        await pilot.pause()
        drawn_again: list[bool] = []
        render_strips = main._compositor.render_strips

        def counted(*args: Any) -> list[Strip]:
            drawn_again.append(True)
            return render_strips(*args)

        main._compositor.render_strips = counted  # type: ignore[method-assign]
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        palette = app.screen
        await pilot.pause()
        assert drawn_again == []
        main._compositor.render_strips = render_strips  # type: ignore[method-assign]
        textual_own = drawn_behind(palette, main, BackgroundScreen(main, palette.styles.background))
        assert _segments(drawn_behind(palette, main)) == _segments(textual_own)
        assert "Contacts" in "".join(line.text for line in textual_own)


async def test_the_first_form_of_a_session_finds_the_screen_beneath_dimmed_already(
    demo_store: Store, make_test_app, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """A form built ahead is drawn over the screen it will open over, so the first form of the
    session dims no more of that screen than has changed since (it dimmed every line of it)."""
    from interview_tui.tui import form_cache
    from interview_tui.tui.screens import dialog
    from interview_tui.tui.screens.contact_form import ContactForm

    app = make_test_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main_screen
        await wait_for(
            pilot,
            lambda: any(isinstance(s, ContactForm) and s.is_mounted for s in form_cache.kept(app).values())
            and bool(dialog._KEPT_LINES.get(main)),
            timeout=30,
        )
        dimmed: list[object] = []
        dim = dialog._BackdropLines._dim

        def counted(self: object, *args: Any) -> Any:
            dimmed.append(args[0])
            return dim(self, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(dialog._BackdropLines, "_dim", counted)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.pause()
        assert len(dimmed) <= 4, f"{len(dimmed)} of {main.size.height} lines dimmed as the first form opened"


async def test_a_screen_is_listened_to_once_however_often_its_picture_is_made_again(
    demo_store: Store, make_test_app, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """A picture let go (too many partial frames unread) and made again at the next whole frame
    does not add another listener to the screen's messages: each would run at every message."""
    monkeypatch.setattr(pictures, "PARTS_KEPT", 0)  # every partial frame lets the picture go
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        for key in ["down", "down", "up"]:
            await pilot.press(key)  # a partial frame: the picture is let go
            await pilot.pause()
            main.refresh()  # a whole frame: a picture made again
            await pilot.pause()
        assert len(main.message_signal._subscriptions[main]) == 1
