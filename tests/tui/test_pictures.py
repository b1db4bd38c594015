"""A dialog shows the screen beneath it as that screen last drew itself (tui/pictures.py): the
picture kept from its frames must be what the terminal shows, and what drawing the screen again
would give, whatever whole and partial frames it drew; and what changes beneath an open dialog
still shows through."""

from __future__ import annotations

from typing import Any

from textual.strip import Strip

from interview_tui.core.store import Store
from interview_tui.tui import pictures
from interview_tui.tui.screens.form import FormScreen
from interview_tui.tui.widgets.contacts import ContactsPane

from .conftest import wait_for
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
        "end", "enter", *"said: ask for a portfolio review", "escape", "tab", "up",
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
    from textual._context import visible_screen_stack
    from textual.command import CommandPalette
    from textual.renderables.background_screen import BackgroundScreen
    from textual.visual import Visual, visualize

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

        def drawn(backdrop: object | None) -> list[Strip]:
            token = visible_screen_stack.set([main])
            try:
                visual = visualize(palette, backdrop if backdrop is not None else palette.render())
            finally:
                visible_screen_stack.reset(token)
            width, height = palette.size
            return Visual.to_strips(palette, visual, width, height, palette.visual_style)

        textual_own = drawn(BackgroundScreen(main, palette.styles.background))
        assert _segments(drawn(None)) == _segments(textual_own)
        assert "Contacts" in "".join(line.text for line in textual_own)
