"""A form built ahead of its use is drawn in steps of about a frame (tui/form_cache.py): its
widgets' lines a band at a time, so that the drawing of the whole form, its last step, only puts
together lines already made. Drawn in one go, it was a step of 30 to 70 ms on a slow machine, which
a key typed as the screen came up (the first of a session) waited behind."""

from __future__ import annotations

from typing import Any

import pytest
from textual._compositor import Compositor
from textual.widget import Widget

from interview_tui.core.store import Store
from interview_tui.tui import form_cache
from interview_tui.tui.screens import dialog
from interview_tui.tui.screens.contact_form import ContactForm

from .conftest import SIZE, wait_for


async def test_the_last_step_of_drawing_a_form_ahead_makes_no_line_of_its_own(
    demo_store: Store, make_test_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawing_whole: list[bool] = [False]
    made_while_whole: list[int] = []
    whole_drawings: list[Compositor] = []
    real_render_update = Compositor.render_update
    real_render_line = Widget.render_line

    def render_update(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("full") and kwargs.get("screen_stack"):  # a dialog drawn over a screen ahead
            whole_drawings.append(self)
            drawing_whole[0] = True
            try:
                return real_render_update(self, *args, **kwargs)
            finally:
                drawing_whole[0] = False
        return real_render_update(self, *args, **kwargs)

    def render_line(self: Widget, y: int) -> Any:
        if drawing_whole[0]:
            made_while_whole.append(y)
        return real_render_line(self, y)

    steps: list[int] = []
    real_draw = dialog.Dialog._draw_lines_ahead

    def counted(self: dialog.Dialog[Any]) -> Any:
        for step in real_draw(self):
            steps.append(1)
            yield step

    monkeypatch.setattr(dialog, "AHEAD_PIECE", 0.0)  # a band a step, however fast the machine
    monkeypatch.setattr(Compositor, "render_update", render_update)
    monkeypatch.setattr(Widget, "render_line", render_line)
    monkeypatch.setattr(dialog.Dialog, "_draw_lines_ahead", counted)
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(whole_drawings))
        assert any(isinstance(s, ContactForm) for s in form_cache.kept(app).values())
        # Drawn a band at a time: a step for each band of each widget shown...
        form = next(s for s in whole_drawings)
        assert len(steps) >= len(form.visible_widgets) > 1
        # ...and the form's whole drawing then made no line of a widget anew.
        assert made_while_whole == []
