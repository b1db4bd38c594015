"""The first form of a session: asked for at any moment after the screen is up (while the forms
are still being built ahead of their use, or before), it opens as later ones do, with every key
typed while it opens in its first field; and the work done ahead waits for the keys."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input

from interview_tui.core.demo import seed_demo
from interview_tui.core.store import Store
from interview_tui.tui import form_cache
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.contact_form import ContactForm
from interview_tui.tui.screens.main import MainScreen

from .conftest import NOW, SIZE, wait_for

MakeApp = Callable[[Store], InterviewApp]
T = TypeVar("T")


def type_at_once(app: InterviewApp, *keys: str) -> None:
    """Keys as a fast typist's arrive from the terminal: all at once, none waiting for the one
    before to have its effect."""
    for key in keys:
        event = events.Key(key, key)
        event.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(event)


async def first_moment(found: Callable[[], T | None], timeout: float = 30.0) -> T:
    """The first turn of the event loop at which ``found()`` finds something: a state that lasts
    a few turns only is caught (``wait_for`` looks every 20 ms)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (value := found()) is None:
        if loop.time() > deadline:
            raise AssertionError(f"never found: {found.__doc__ or found}")
        await asyncio.sleep(0)
    return value


def contact_forms(app: InterviewApp) -> list[ContactForm]:
    return [s for s in form_cache.kept(app).values() if isinstance(s, ContactForm)]


def name_field(app: InterviewApp) -> Input | None:
    found = app.screen.query("#field-name")
    field = found.first() if found else None
    return field if isinstance(field, Input) else None


async def test_a_form_asked_for_while_it_is_being_built_ahead_is_that_form_with_the_keys_typed_meanwhile(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:

        def being_built() -> ContactForm | None:
            """the contact form begun ahead of its use and not yet mounted"""
            return next((s for s in contact_forms(app) if not s.is_mounted), None)

        building = await first_moment(being_built)
        type_at_once(app, "a", *"Sam")
        await wait_for(pilot, lambda: (field := name_field(app)) is not None and field.value == "Sam", timeout=30)
        # That very form, finished and shown: not a second one built beside it.
        assert app.screen is building
        assert contact_forms(app) == [building]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert [c.name for c in demo_store.contacts()].count("Sam") == 1
        # And it is kept for the next use, as one built ahead would be.
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        assert app.screen is building
        assert name_field(app) is not None and name_field(app).value == ""  # type: ignore[union-attr]


async def test_work_done_ahead_waits_until_the_keys_typed_have_had_their_effect(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        seen: list[tuple[str, str | None]] = []

        def look() -> None:
            field = name_field(app)
            seen.append((type(app.screen).__name__, None if field is None else field.value))

        type_at_once(app, "a", *"Dee")
        form_cache.in_turn(app, look)
        await wait_for(pilot, lambda: bool(seen), timeout=30)
        # Keys first: by the time the work given after them runs, the form is open and holds
        # every letter typed.
        assert seen == [("ContactForm", "Dee")]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    turns=st.integers(0, 600),
    name=st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12),
)
async def test_the_first_form_at_any_moment_after_the_screen_is_up_opens_whole_centred_and_saves_what_was_typed(
    turns: int, name: str
) -> None:
    """Whether the forms ahead are not begun, being built or ready when ``a`` and a name are
    typed at once, the form that opens is centred as every dialog is (styled for the dialogs'
    stylesheet, which the first one may find not yet read), holds the name, and saves it."""
    with tempfile.TemporaryDirectory() as directory:
        store = Store.open(Path(directory) / "w.json", clock=lambda: NOW)
        try:
            seed_demo(store)
            app = InterviewApp(store, cursor_blink=False)
            async with app.run_test(size=SIZE) as pilot:
                for _ in range(turns):
                    await asyncio.sleep(0)
                type_at_once(app, "a", *name)
                await wait_for(pilot, lambda: (field := name_field(app)) is not None and field.value == name, timeout=30)
                form: Any = app.screen
                assert isinstance(form, ContactForm)
                assert (form.styles.align_horizontal, form.styles.align_vertical) == ("center", "middle")
                frame = form.query_one("#form").region
                assert frame.x > 0 and frame.y > 0
                assert len(contact_forms(app)) <= 1
                await pilot.press("ctrl+s")
                await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
                assert [c.name for c in store.contacts()].count(name) == 1
        finally:
            store.close()


async def test_the_first_form_opened_at_once_styles_its_widgets_once_and_leaves_the_main_screen_as_styled(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    """Pressed before the app has read the dialogs' stylesheet: reading it then restyled every
    screen shown (Textual does so as it reads a screen's stylesheet), and the form, begun before
    the rules it needs were read, was styled again as it was shown."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        styled: list[Any] = []
        apply = app.stylesheet.apply

        def noting_apply(node: Any, *args: Any, **kwargs: Any) -> Any:
            styled.append(node)
            return apply(node, *args, **kwargs)

        app.stylesheet.apply = noting_apply  # type: ignore[method-assign]
        type_at_once(app, "a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm), timeout=30)
        form = app.screen
        assert [node for node in styled if getattr(node, "screen", None) is main] == []
        widgets = set(form.walk_children(with_self=True))
        on_form = [node for node in styled if node in widgets]
        assert len(on_form) < 1.5 * len(widgets)


async def test_the_first_form_built_ahead_opens_with_every_style_already_read(
    demo_store: Store, make_test_app: MakeApp
) -> None:
    """Pressed once the form was built ahead but before the app was idle: the styles of the
    dialogs built ahead were read with the first piece of work, so opening it reads none (which
    would parse the stylesheet again and restyle every screen: 30-50 ms)."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        await first_moment(lambda: next(iter(f for f in contact_forms(app) if f.is_mounted), None))
        parsed: list[object] = []
        reparse = app.stylesheet.reparse

        def noting_reparse() -> None:
            parsed.append(True)
            reparse()

        app.stylesheet.reparse = noting_reparse  # type: ignore[method-assign]
        type_at_once(app, "a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm), timeout=30)
        assert parsed == []
        assert app.screen is not main
