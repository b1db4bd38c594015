"""The one dialog: every modal screen (forms, questions, lists that open over the main screen)
is a Dialog, framed by the shared classes of modals.tcss (``dialog``, ``dialog-title``,
``dialog-hint``), so a new one needs no stylesheet edit and all of them look alike."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from time import perf_counter
from typing import Any, ClassVar, TypeVar
from weakref import WeakKeyDictionary

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.color import Color
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from .. import pictures
from . import MODALS_CSS

T = TypeVar("T")

FRAME = "dialog"
"""The class of a dialog's frame: the border, the background, centred over the screen."""
TITLE = "dialog-title"
"""The class of its title line."""
HINT = "dialog-hint"
"""The class of its line of key hints, or of a note on what it does."""

AHEAD_PIECE = 0.006
"""Seconds of styling a dialog built ahead of its use does at a time, between frames."""
STYLED_TOGETHER = 8
"""Widgets styled in one go as a dialog is built ahead."""
BAND = 6
"""Lines of a widget drawn together when a dialog is drawn ahead of its use."""
LAYOUT_ROUNDS = 3
"""Rounds of laying out a dialog built ahead, at most."""


class Dialog(ModalScreen[T]):
    """A modal screen in the shared style. Sizes: the frame's classes ``-narrow`` (a question),
    ``-tall`` (a message or a list), ``-full`` (a view of the whole workspace); a form by default.
    ``-danger`` frames something that cannot be undone."""

    CSS_PATH = MODALS_CSS

    REUSE: ClassVar[bool] = False
    """Whether one built instance of this class may be shown again for a later use (see
    tui/form_cache.py): building and styling a dialog's widgets costs more than a frame. Declared
    by each class for itself, never inherited: a subclass may hold what ``take_over`` would not
    set again."""

    _styled_with: tuple[object, ...] | None = None
    """What this dialog's styles were last worked out from (see ``on_screen_resume``)."""
    _registered_with: tuple[object, ...] | None = None
    """What the stylesheet was as this dialog began to be built."""

    def _post_register(self, app: Any) -> None:
        super()._post_register(app)
        self._registered_with = self._style_inputs()

    def on_mount(self) -> None:
        # Textual styles each widget as it is mounted (and a mounted widget's siblings again,
        # for the rules that depend on their order): a dialog just built for a stylesheet that
        # has not changed since it was begun need not be styled again as it is first shown.
        # (Textual reads the first dialog's own stylesheet only after beginning to build it.)
        if self._style_inputs() == self._registered_with:
            self._styled_with = self._registered_with
        # A dialog kept for later uses (see tui/form_cache.py) lives for the session, as one built
        # ahead does: out of the collector's later full passes too, once it is drawn (see
        # InterviewApp.freeze_when_settled), whether it was built ahead or at its first use.
        freeze = getattr(self.app, "freeze_when_settled", None)
        if freeze is not None and self.reuse_key() is not None:
            self.call_after_refresh(freeze)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual works out the styles of every widget of a screen again each time it is shown,
        # as the stylesheet or the theme may have changed while it was hidden; for a dialog
        # shown again that costs a frame. Its widgets' own changes (focus, classes) restyle
        # those widgets as they happen, so only a new stylesheet or a change of what the whole
        # app matches (dark, focused) calls for it. Runs before Textual's own handler, which
        # reads ``refresh_styles``.
        inputs = self._style_inputs()
        if inputs == self._styled_with:
            event.refresh_styles = False
        self._styled_with = inputs

    def build_ahead(self) -> Iterator[None]:
        """Do now, built but not shown (see tui/form_cache.py), what showing this dialog would do:
        its widgets' styles worked out, then laid out for the terminal as it is and drawn, as
        Textual does for the screen on show (it has no public way to do so for another), and its
        clock of frames started. Showing it then styles, lays out and draws only what its use
        changed, at once. In pieces: each step of the iterator is about a frame's worth at most,
        so that a key typed meanwhile is not kept waiting. Ends early when the dialog is shown
        (or the app ends) meanwhile."""
        # Made now, so that its task is waiting to be started by the time the clock is started.
        self._update_timer  # noqa: B018
        yield from self._build_ahead()
        self._start_frame_clock()

    def _start_frame_clock(self) -> None:
        """A screen draws its changes at the ticks of a timer of its own (Textual's, 60 a second),
        which begins counting the first time it is resumed: a screen shown for the first time
        waits a whole frame for its first tick, where one shown again is drawn as soon as it is
        idle (its timer, long past its last tick, ticks as soon as it is resumed). Started here
        and stopped at once, a dialog built ahead is drawn as soon the first time too."""
        if self._taken_or_gone():
            return  # shown meanwhile: its timer is in use
        timer = self._update_timer
        timer.resume()
        timer.pause()  # the timer's task was woken all the same: it counts from now

    def _build_ahead(self) -> Iterator[None]:
        if self._taken_or_gone():
            return  # in use already, or the app ended while it was being built
        inputs = self._style_inputs()
        # Styled as it was mounted, unless the stylesheet changed meanwhile (see on_mount).
        nodes = [] if inputs == self._styled_with else list(self.walk_children(with_self=True))
        update_nodes = self.app.stylesheet.update_nodes
        while nodes:
            began = perf_counter()
            while nodes and perf_counter() - began < AHEAD_PIECE:
                # A few at a time: siblings alike share the rules worked out for the first.
                update_nodes(nodes[:STYLED_TOGETHER], animate=False)
                del nodes[:STYLED_TOGETHER]
            yield
            if self._taken_or_gone():
                return
        # What they were worked out from as this began: a stylesheet changed since (a theme)
        # restyles it as it is shown.
        self._styled_with = inputs
        for rounds in range(1, LAYOUT_ROUNDS + 1):
            self._refresh_layout(self.app.size)
            self._layout_required = False
            yield
            if self._taken_or_gone():
                return
            # Laying out makes some widgets ask for another layout (their size known): they
            # are given it before drawing.
            if self._layout_required and rounds < LAYOUT_ROUNDS:
                continue
            # Drawn over the screen it will open over, as it will be: the dimmed lines of that
            # screen are made now too, for every dialog and the palette (the first dialog of a
            # session made them all as it opened). Each widget's lines first, a few at a time:
            # at once, drawing a form was 30 to 70 ms on a slow machine, a step that the first
            # key of a session, typed as the screen comes up, waited behind. The whole drawing
            # then finds them made.
            yield from self._draw_lines_ahead()
            if self._taken_or_gone():
                return
            self._compositor.render_update(full=True, screen_stack=[self.app.screen])
            yield
            if self._taken_or_gone() or not self._layout_required:
                return

    def _draw_lines_ahead(self) -> Iterator[None]:
        """Every widget's lines drawn as the compositor will ask for them (the same regions), a
        band of lines at a time, in steps of about ``AHEAD_PIECE``: what it draws next it then
        takes from each widget's cache of lines."""
        bands: list[tuple[Any, Region]] = []
        for widget, (region, clip) in self._compositor.visible_widgets.items():
            x, y, width, height = region.intersection(clip)
            for top in range(y, y + height, BAND):
                bands.append((widget, Region(x - region.x, top - region.y, width, min(BAND, y + height - top))))
        while bands:
            began = perf_counter()
            while True:  # one band at least a step, however short the piece
                widget, crop = bands.pop()
                widget.render_lines(crop)
                if not bands or perf_counter() - began >= AHEAD_PIECE:
                    break
            yield
            if self._taken_or_gone():
                return

    def _taken_or_gone(self) -> bool:
        return not self.children or self.is_current or self in self.app.screen_stack

    def _style_inputs(self) -> tuple[object, ...]:
        # The rules are a new list each time the stylesheet is parsed again (a theme, another
        # screen's CSS); holding it keeps the comparison by identity sound.
        return (self.app.stylesheet.rules, self.app.pseudo_classes)

    def render(self) -> Any:
        return backdrop(super().render())

    def reuse_key(self) -> Hashable | None:
        """What makes two instances interchangeable once given each use's own values, or None
        when this one is always built afresh."""
        return type(self) if type(self).__dict__.get("REUSE", False) else None

    def take_over(self, fresh: Any) -> None:
        """Become ``fresh``, a new instance of the same ``reuse_key`` that was never shown: its
        title, values and callbacks replace this one's, and nothing of the last use is left."""
        raise NotImplementedError(f"{type(self).__name__} declares REUSE without take_over")

    def own_attributes(self, fresh: Any) -> dict[str, Any]:
        """The attributes ``fresh``'s constructors set beyond Textual's own: what one use of the
        dialog is given. Found rather than listed, so a subclass's new attribute is carried
        over too instead of keeping the last use's value."""
        textual_names = _framework_attributes()
        return {name: value for name, value in vars(fresh).items() if name not in textual_names}


def backdrop(rendered: Any) -> Any:
    """What a modal screen draws behind its frame, given what Textual's ``Screen.render`` gives:
    the screen beneath dimmed as Textual dims it, but from the picture that screen last drew
    (tui/pictures.py), each dimmed line kept while the line beneath is the same, rather than the
    screen drawn again and every span of every line dimmed at each frame of the dialog."""
    if not isinstance(rendered, BackgroundScreen):
        return rendered
    kept = _KEPT_LINES.setdefault(rendered.screen, {})
    lines = kept.get(rendered.color)
    if lines is None:
        lines = kept[rendered.color] = _BackdropLines()
    return _Backdrop(lines, rendered.screen, rendered.color)


class _BackdropLines:
    """The dimmed lines of a screen beneath modal screens, with the lines they were made from."""

    def __init__(self) -> None:
        self.made_for: tuple[object, ...] = ()
        self.beneath: list[Strip] = []
        self.dimmed: list[Strip] = []
        self.styles: dict[RichStyle | None, RichStyle] = {}

    def draw(self, screen: Screen[Any], color: Color, width: int, height: int | None, base: RichStyle) -> list[Strip]:
        made_for = (screen, color, base)
        if made_for != self.made_for:
            self.made_for, self.beneath, self.dimmed, self.styles = made_for, [], [], {}
        # As the screen beneath last drew itself, when nothing on it has changed since: drawing it
        # again was most of a form's first frame after its own widgets.
        lines = pictures.picture_of(screen)
        if lines is None:
            lines = screen._compositor.render_strips()
        beneath = [line.crop(0, width) if line.cell_length > width else line for line in lines[:height]]
        dimmed = [
            self.dimmed[y] if y < len(self.beneath) and line == self.beneath[y] else self._dim(line, color, base)
            for y, line in enumerate(beneath)
        ]
        self.beneath, self.dimmed = beneath, dimmed
        return dimmed

    def _dim(self, line: Strip, color: Color, base: RichStyle) -> Strip:
        styles = self.styles
        segments = []
        for text, style, _control in line:
            dimmed = styles.get(style)
            if dimmed is None:
                dimmed = styles[style] = base + _tinted(style, color)
            segments.append(Segment(text, dimmed))
        return Strip(segments, line.cell_length)


def _tinted(style: RichStyle | None, color: Color) -> RichStyle:
    """A style of the screen beneath a dialog as Textual's BackgroundScreen tints it."""
    (tinted,) = BackgroundScreen.process_segments([Segment(" ", style)], color)
    assert tinted.style is not None
    return tinted.style


_KEPT_LINES: WeakKeyDictionary[Screen[Any], dict[Color, _BackdropLines]] = WeakKeyDictionary()
"""The dimmed lines of each screen beneath a modal one, by the colour dimming it: shared by the
modal screens opened over it (a form, then the palette, then a form again)."""


class _Backdrop(Visual):
    """What a dialog draws behind its frame: the screen beneath it, dimmed."""

    def __init__(self, lines: _BackdropLines, screen: Screen[Any], color: Color) -> None:
        self.lines = lines
        self.screen = screen
        self.color = color

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.lines.draw(self.screen, self.color, width, height, style.rich_style)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.screen.size.height


_FRAMEWORK_ATTRIBUTES: frozenset[str] | None = None


def _framework_attributes() -> frozenset[str]:
    global _FRAMEWORK_ATTRIBUTES
    if _FRAMEWORK_ATTRIBUTES is None:
        # A bare modal screen holds only what Textual sets on every screen.
        _FRAMEWORK_ATTRIBUTES = frozenset(vars(ModalScreen()))
    return _FRAMEWORK_ATTRIBUTES
