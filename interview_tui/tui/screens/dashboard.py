"""The dashboard: how the campaign is going, on one screen.

The funnel (contacts who reached each step), how many asks were answered, conversations per week
as a small chart, the overdue follow-ups (enter selects the person), and the fields and companies
covered by the conversations so far. The figures are worked out once when it opens
(core.insight.dashboard_figures); the screen only draws them. In a large workspace they are
worked out on another thread: the dashboard is up at once, saying so, and they follow.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import Static

from ...core.insight.dashboard import (
    Covered,
    DashboardFigures,
    Overdue,
    WeekCount,
    dashboard_figures,
)
from ...core.text import strip_controls
from ..collector import thread_lets_go
from ..host import Host
from ..keys import EVERY_KEY
from ..messages import ShowContact
from ..widgets.contacts import STAGE_SHORT
from ..widgets.key_bar import KeyBar
from ..widgets.row_list import Cell, RowList, wrapped
from .dialog import Dialog

NARROW_WIDTH = 100
"""Below this many columns the panels are stacked and the dashboard scrolls."""

PHONE_WIDTH = 60
"""Below this many columns (a phone's 40) the panels are given every column the frame can spare:
with its margins, a panel at 40 columns had 30 for its text, and the funnel's bars 4 cells."""

FUNNEL_BAR = 24
"""Cells of the longest bar of the funnel."""

CHART_HEIGHT = 4
"""Rows of the weekly chart's bars; each row has eight steps (the eighth blocks)."""

COLUMN = 3
"""Cells per week in the chart, plus one between weeks."""

TOP_COVERED = 8
"""Fields or companies listed; the rest are counted on one line."""

IN_THE_BACKGROUND_FROM = 2_000
"""Contacts from which the figures are worked out on another thread while the dashboard is shown
(from about 40 ms at 10,000 contacts to 200 at 50,000 on a slow machine); below, they take a few
milliseconds and are in the first frame."""

WORKING = "Working out the figures…"

_EIGHTHS = " ▁▂▃▄▅▆▇█"
_PARTIAL = " ▏▎▍▌▋▊▉"


SHORT_LATENESS_BELOW = 40
"""Cells of an overdue follow-up's line below which its lateness is said in short ("6d late")."""


class OverdueList(RowList[Overdue]):
    empty_text = "Nothing overdue."
    STYLED_BY_FOCUS = True  # its border shows where the keys go (see DashboardScreen's CSS)

    def cells(self, row: Overdue, width: int) -> list[Cell]:
        if width < SHORT_LATENESS_BELOW:
            # The days in short, the cells saved going to the name (which kept four letters at
            # 40 columns); "late" stays, without which "6 days" read as a time to come.
            return [
                Cell(row.name, None),
                Cell(row.what, 9, "row-list--dim"),
                Cell(f"{row.days_late}d late", 9, "row-list--alert"),
            ]
        days = "1 day" if row.days_late == 1 else f"{row.days_late} days"
        return [
            Cell(row.name, None),
            Cell(row.what, 10, "row-list--dim"),
            Cell(f"{days} late", 13, "row-list--alert"),
        ]

    def row_key(self, row: Overdue) -> object:
        return (row.contact_id, row.what, row.due)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Stacked below 100 columns, the list is sized by its rows (``height: auto``): with none,
        # it took no line at all, and "Nothing overdue." was not shown.
        if not self.rows:
            return len(wrapped(self.empty_text, width - 1))
        return super().get_content_height(container, viewport, width)


class DashboardBody(VerticalScroll):
    """Scrolls the panels when they are stacked on a small terminal."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The keys of the lists, for a person who moves with them everywhere else.
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]


class DashboardScreen(Dialog[int | None]):
    """Dismisses with the id of the contact of the overdue follow-up chosen, or None."""

    REUSE = True
    # Kept after its first use and shown again (tui/form_cache.py): building its panels was a
    # third of the time from D to the dashboard on screen.

    _use = 0
    """Which use of this dashboard is shown: figures worked out for an earlier one are not shown."""

    DEFAULT_CSS = """
    #dashboard {
        max-width: 130;
    }
    #dashboard-body { height: 1fr; }
    .dash-row { height: auto; }
    #dash-bottom { height: 1fr; min-height: 8; }
    .dash-panel {
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    .dash-column { width: 1fr; height: auto; }
    .dash-column .dash-panel { width: 100%; }
    #weekly { height: 100%; }
    #dash-bottom .dash-panel { height: 1fr; }
    #dash-bottom #overdue { width: 2fr; padding: 0; }
    #overdue:focus { border: round $accent; }
    DashboardScreen.-narrow .dash-row, DashboardScreen.-narrow #dash-bottom { layout: vertical; height: auto; }
    DashboardScreen.-narrow .dash-panel, DashboardScreen.-narrow .dash-column { width: 100%; }
    DashboardScreen.-narrow #weekly { height: auto; }
    DashboardScreen.-narrow #dash-bottom .dash-panel { height: auto; }
    /* Stacked, the list takes the lines its rows need, up to a screenful of the dashboard. */
    DashboardScreen.-narrow #dash-bottom #overdue { width: 100%; height: auto; max-height: 12; }
    /* At a phone's width (its frame's padding is in modals.tcss, whose rules come first). */
    DashboardScreen.-phone #dashboard-title { padding: 0 1; }
    DashboardScreen.-phone #dashboard-body { scrollbar-size-vertical: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Select contact", id="dashboard.choose"),
        Binding("tab", "switch", "Overdue/scroll", id="dashboard.switch"),
        Binding("escape", "close", "Close", id="dashboard.close"),
        EVERY_KEY,
    ]

    def __init__(
        self,
        figures: DashboardFigures | None = None,
        *,
        work_out: Callable[[], DashboardFigures] | None = None,
        contacts: int = 0,
    ) -> None:
        """Either the ``figures``, or how to ``work_out`` them on another thread (of ``contacts``
        contacts, for the title meanwhile)."""
        super().__init__()
        if figures is None and work_out is None:
            raise ValueError("the dashboard needs its figures or a way to work them out")
        self.figures = figures
        self._work_out = work_out
        self._contacts = figures.contacts if figures is not None else contacts

    def compose(self) -> ComposeResult:
        working = Text(WORKING, style="dim")
        with Vertical(id="dashboard", classes="dialog -full"):
            yield Static(_title(self._contacts), id="dashboard-title", classes="dialog-title")
            with DashboardBody(id="dashboard-body"):
                with Horizontal(id="dash-top", classes="dash-row"):
                    with Vertical(id="dash-progress", classes="dash-column"):
                        funnel = Funnel(working, id="funnel", classes="dash-panel")
                        funnel.border_title = funnel_title()
                        yield funnel
                        yield _panel("replies", "Asks answered", working)
                    weekly = WeeklyChart(working, id="weekly", classes="dash-panel")
                    weekly.border_title = chart_title(WEEKS_SHOWN)
                    yield weekly
                with Horizontal(id="dash-bottom", classes="dash-row"):
                    overdue = OverdueList(id="overdue", classes="dash-panel")
                    overdue.border_title = "Overdue follow-ups"
                    overdue.empty_text = WORKING
                    yield overdue
                    yield _panel("fields", "Fields covered", working)
                    yield _panel("companies", "Companies covered", working)
        yield KeyBar()

    def _show(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self.query_one("#dashboard-title", Static).update(_title(figures.contacts))
        self.query_one("#funnel", Funnel).show(figures)
        self.query_one("#replies", Static).update(replies_text(figures))
        self.query_one("#weekly", WeeklyChart).show(figures.weeks)
        overdue = self.overdue_list
        overdue.border_title = f"Overdue follow-ups · {len(figures.overdue):,}"
        overdue.empty_text = OverdueList.empty_text
        overdue.set_rows(figures.overdue)
        if not figures.overdue:
            overdue.refresh(layout=True)  # stacked, its height is what it says: that changed
        covered = f"of {figures.interviewed:,} interviewed"
        for name, items in (("fields", figures.fields), ("companies", figures.companies)):
            panel = self.query_one(f"#{name}", Static)
            panel.update(covered_text(items))
            panel.border_subtitle = covered

    def take_over(self, fresh: DashboardScreen) -> None:
        """Open as a new dashboard would: ``fresh``'s figures (or "working out" until they come),
        scrolled to the top, the overdue list on its first row, sized for the terminal now."""
        for name, value in self.own_attributes(fresh).items():
            setattr(self, name, value)
        self._use += 1
        if not self.is_mounted:
            return  # never shown: on_mount shows the new figures
        self._laid_out_for(self.app.size.width)
        self.query_one(DashboardBody).scroll_home(animate=False, immediate=True)
        overdue = self.overdue_list
        overdue.set_rows([])  # forgets the row chosen last time
        if self.figures is not None:
            self._show(self.figures)
        else:
            self._show_working()
            self.call_after_refresh(self._start_working_out)
        self._focus_first()

    def _show_working(self) -> None:
        """Every panel saying that its figures are being worked out, as when first built."""
        working = Text(WORKING, style="dim")
        self.query_one("#dashboard-title", Static).update(_title(self._contacts))
        self.query_one("#funnel", Funnel).show(None)
        self.query_one("#replies", Static).update(working)
        self.query_one("#weekly", WeeklyChart).show(None)
        overdue = self.overdue_list
        overdue.border_title = "Overdue follow-ups"
        overdue.empty_text = WORKING
        overdue.refresh(layout=True)
        for name in ("fields", "companies"):
            panel = self.query_one(f"#{name}", Static)
            panel.update(working)
            panel.border_subtitle = ""

    def _start_working_out(self) -> None:
        if self.is_attached:
            # The store is read on one thread at a time: the tables the app reads after its
            # first frame are read in full here first (a damaged one ends the app with its
            # message, see InterviewApp._handle_exception).
            store = getattr(self.app, "store", None)
            if store is not None:
                store.read_everything()
            self.run_worker(self._work_out_in_the_background, thread=True, exclusive=True, exit_on_error=False)

    def _work_out_in_the_background(self) -> None:
        thread_lets_go(partial(self._work_out_and_show, self._use))

    def _work_out_and_show(self, use: int) -> None:
        assert self._work_out is not None
        try:
            figures = self._work_out()
        except Exception:  # noqa: BLE001  # a change made meanwhile: worked out again, here
            self.app.call_from_thread(self._work_out_here, use)
            return
        self.app.call_from_thread(self._shown_if_open, figures, use)

    def _open_for(self, use: int) -> bool:
        """Whether this use of the dashboard is still on screen (not closed, not a later use)."""
        return self.is_attached and self.is_current and use == self._use

    def _work_out_here(self, use: int) -> None:
        if self._open_for(use) and self._work_out is not None:
            self._show(self._work_out())

    def _shown_if_open(self, figures: DashboardFigures, use: int) -> None:
        if self._open_for(use):  # closed meanwhile: nothing to show
            self._show(figures)

    @property
    def overdue_list(self) -> OverdueList:
        return self.query_one(OverdueList)

    def on_mount(self) -> None:
        self._laid_out_for(self.app.size.width)
        if self.figures is not None:
            self._show(self.figures)
        else:
            # Once the dashboard is on screen: started at once, the thread would share the
            # interpreter with the building of the screen and make its first frame later.
            self.call_after_refresh(self._start_working_out)
        self._focus_first()

    def _focus_first(self) -> None:
        # Stacked, the dashboard opens at its top, the funnel: focusing the overdue list would
        # scroll it down to the list.
        (self.query_one(DashboardBody) if self.has_class("-narrow") else self.overdue_list).focus()

    def _laid_out_for(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.set_class(width < PHONE_WIDTH, "-phone")

    def on_resize(self, event: Resize) -> None:
        self._laid_out_for(event.size.width)
        if self.overdue_list.has_focus:
            # Stacked again, the panels scroll; the list with the keys is kept in view, or j, k
            # and enter would move a cursor nobody sees.
            self.call_after_refresh(self.overdue_list.scroll_visible, animate=False)

    def action_switch(self) -> None:
        if self.overdue_list.has_focus:
            self.query_one(DashboardBody).focus()
        else:
            self.overdue_list.focus()

    def action_choose(self) -> None:
        row = self.overdue_list.current
        if row is not None and self.overdue_list.has_focus:
            self.dismiss(row.contact_id)

    @on(RowList.Chosen, "#overdue")
    def _chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        self.action_choose()

    def action_close(self) -> None:
        self.dismiss(None)


def _panel(name: str, title: str, content: Text, subtitle: str = "") -> Static:
    panel = Static(content, id=name, classes="dash-panel")
    panel.border_title = title
    panel.border_subtitle = subtitle
    return panel


class Funnel(Static):
    """The funnel, drawn for the width it has: the bars shrink (and go, when there is no room
    for them) so that every step keeps one line, however narrow the terminal."""

    figures: DashboardFigures | None = None

    def show(self, figures: DashboardFigures | None) -> None:
        """Draw ``figures``; None: say that they are being worked out."""
        self.figures = figures
        self.refresh(layout=True)

    def render(self) -> Text:
        if self.figures is None:
            return Text(WORKING, style="dim")
        return funnel_text(self.figures, self.content_size.width or None)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Asked before the width is known, the full-length lines would wrap and count double.
        return 1 if self.figures is None else max(1, len(self.figures.funnel))

    def on_resize(self) -> None:
        self.border_title = funnel_title(self.outer_size.width - TITLE_FRAME or None)


WEEKS_SHOWN = 12
"""Weeks the chart's title names before its figures are known (the figures hold as many)."""


class WeeklyChart(Static):
    """The weekly chart, drawn for the width it has, as the funnel is: its bars narrow (down to
    a cell, as long as each week's count still fits above its bar) so that every week keeps its
    place, and when even that is too wide the oldest weeks go, the title and the count of
    conversations held then naming the weeks that are left."""

    weeks: Sequence[WeekCount] | None = None

    def show(self, weeks: Sequence[WeekCount] | None) -> None:
        """Draw ``weeks``; None: say that they are being worked out."""
        self.weeks = weeks
        if weeks is None:
            self.border_title, self.border_subtitle = chart_title(WEEKS_SHOWN), ""
        self._name_the_weeks()
        self.refresh(layout=True)

    def render(self) -> Text:
        if self.weeks is None:
            return Text(WORKING, style="dim")
        return chart_text(self.weeks, self.content_size.width or None)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Asked before the width is known, the full-width lines would wrap and count double.
        if self.weeks is None:
            return 1
        return chart_height(self.weeks, width)

    def on_resize(self) -> None:
        self._name_the_weeks()

    def _name_the_weeks(self) -> None:
        if self.weeks is None:
            return
        _, shown = chart_columns(self.weeks, self.content_size.width or None)
        weeks = self.weeks[len(self.weeks) - shown :]
        self.border_title = chart_title(len(weeks), self.outer_size.width - TITLE_FRAME or None)
        self.border_subtitle = f"{sum(w.count for w in weeks):,} held"


TITLE_FRAME = 6
"""Cells of a panel's top border around its title: the corners, the dashes and the spaces."""


def chart_title(weeks: int, room: int | None = None) -> str:
    """The weekly chart's title, in ``room`` cells when it is given: cut by the border, it lost
    how many weeks the chart shows."""
    span = f"last {weeks} weeks" if weeks != 1 else "this week"
    forms = (f"Conversations per week, {span}", f"Conversations, {span}", span.capitalize())
    return next((form for form in forms if room is None or len(form) <= room), forms[-1])


def funnel_title(room: int | None = None) -> str:
    """The funnel's title, in ``room`` cells when it is given (cut by the border, it lost what
    the funnel counts)."""
    forms = ("Funnel: contacts who reached each step", "Funnel: who reached each step", "Funnel")
    return next((form for form in forms if room is None or len(form) <= room), forms[-1])


COUNT_CELLS = 7
"""Cells of a funnel step's count, where the bars are at their full length."""

FUNNEL_TEXT_CELLS = 12 + COUNT_CELLS + 2 + 5
"""A funnel line without its bar: the step's name, its count, the share."""

NARROWEST_BAR = 4
"""Cells a bar needs to say anything; narrower, the funnel has none."""


def funnel_text(figures: DashboardFigures, width: int | None = None) -> Text:
    """One line per step: its name, the count, a bar and the share of all contacts, in ``width``
    cells (None: the bars at their full length)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    top = max((step.count for step in figures.funnel), default=0)
    everyone = figures.contacts
    count_cells = COUNT_CELLS
    if width is not None and width - FUNNEL_TEXT_CELLS < FUNNEL_BAR:
        # Too narrow for the whole bars: the counts take only the room the largest needs, and
        # the bars the rest.
        count_cells = max((len(f"{step.count:,}") for step in figures.funnel), default=1)
    bar_room = None if width is None else width - FUNNEL_TEXT_CELLS + COUNT_CELLS - count_cells
    cells = FUNNEL_BAR if bar_room is None else min(FUNNEL_BAR, bar_room)
    for number, step in enumerate(figures.funnel):
        if number:
            text.append("\n")
        share = f"{round(100 * step.count / everyone)}%" if everyone else ""
        text.append(f"{STAGE_SHORT[step.stage]:<12}", "bold")
        text.append(f"{step.count:>{count_cells},}  ")
        if cells >= NARROWEST_BAR:
            text.append(f"{bar(step.count, top, cells):<{cells}}", "green")
        text.append(f" {share:>4}", "dim")
    return text


def bar(value: int, top: int, width: int) -> str:
    """A horizontal bar of ``value`` out of ``top`` in ``width`` cells, to an eighth of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = max(1, round(8 * width * value / top))
    return "█" * (eighths // 8) + _PARTIAL[eighths % 8].strip()


def replies_text(figures: DashboardFigures) -> Text:
    rate = figures.reply_rate
    if rate is None:
        return Text("No asks logged yet: m on a contact writes one.", style="dim")
    text = Text()
    text.append(f"{round(100 * rate)}%", "bold")
    text.append(f" reply rate: {figures.replied:,} of {figures.asked:,} asked answered")
    text.append("\n(a reply logged, or scheduled or further)", "dim")
    return text


NONE_HELD = "No conversations held in these weeks."


def chart_columns(weeks: Sequence[WeekCount], width: int | None = None) -> tuple[int, int]:
    """The cells of each bar and how many weeks (the latest) the chart shows in ``width`` cells
    (None: every week, the bars at their full width)."""
    if width is None:
        return COLUMN, len(weeks)
    # A count wider than its bar would run into the next week's.
    narrowest = max((len(_count(w.count)) for w in weeks), default=1) or 1
    for cells in range(COLUMN, narrowest - 1, -1):
        if len(weeks) * (cells + 1) - 1 <= width:
            return cells, len(weeks)
    return narrowest, max(1, min(len(weeks), (width + 1) // (narrowest + 1)))


def chart_height(weeks: Sequence[WeekCount], width: int) -> int:
    """The lines ``chart_text`` takes in ``width`` cells: the counts, the bars, the axis, the
    dates, and the note when there is nothing to draw (which wraps)."""
    lines = 1 + CHART_HEIGHT + 2
    if not any(w.count for w in weeks):
        lines += len(textwrap.wrap(NONE_HELD, max(1, width)))
    return lines


def chart_text(weeks: Sequence[WeekCount], width: int | None = None) -> Text:
    """A bar per week, oldest on the left, with the count above each bar and the date of every
    fourth Monday below, in ``width`` cells (None: every week, the bars at their full width)."""
    cells, shown = chart_columns(weeks, width)
    weeks = weeks[len(weeks) - shown :]
    text = Text(no_wrap=True, overflow="crop")
    top = max((w.count for w in weeks), default=0)
    counts = "".join(f"{_count(w.count):^{cells}} " for w in weeks)
    text.append(counts.rstrip() + "\n", "bold")
    steps = CHART_HEIGHT * 8
    # A week with any conversation shows at least an eighth of a bar, however busy the others.
    heights = [max(1, round(steps * w.count / top)) if w.count else 0 for w in weeks]
    for row in range(CHART_HEIGHT - 1, -1, -1):
        line = ""
        for height in heights:
            level = min(8, max(0, height - row * 8))
            line += _EIGHTHS[level] * cells + " "
        text.append(line.rstrip() + "\n", "cyan")
    text.append(("─" * cells + " ") * len(weeks) + "\n", "dim")
    labels = ""
    room = len(weeks) * (cells + 1) if width is None else width
    for number, week in enumerate(weeks):
        label = f"{week.start:%d %b}".lstrip("0")
        # A date that would run past the edge would wrap onto a line of its own: it goes.
        if number % 4 == 0 and number * (cells + 1) + len(label) <= room:
            labels = labels.ljust(number * (cells + 1)) + label
    text.append(labels, "dim")
    if not top:
        text.append("\n" + NONE_HELD, "dim")
    return text


def _count(count: int) -> str:
    """A week's count in the width of its bar: blank for none, "2k" for thousands."""
    if not count:
        return ""
    return str(count) if count < 1000 else f"{count // 1000}k"


def covered_text(covered: Sequence[Covered]) -> Text:
    if not covered:
        return Text("Nobody interviewed yet.", style="dim")
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, item in enumerate(covered[:TOP_COVERED]):
        if number:
            text.append("\n")
        text.append(f"{item.count:>6,}  ", "bold")
        text.append(strip_controls(item.label))
    rest = covered[TOP_COVERED:]
    if rest:
        people = sum(item.count for item in rest)
        text.append(f"\n{'':>6}  and {len(rest):,} more ({people:,})", "dim")
    return text


def open_dashboard(screen: Host) -> None:
    """Show the dashboard over the main screen; an overdue follow-up chosen there selects its
    contact."""
    store = screen.store

    def chosen(contact_id: int | None) -> None:
        if contact_id is not None:
            screen.show_chosen(ShowContact(contact_id))

    def work_out() -> DashboardFigures:
        return dashboard_figures(store, store.clock())

    contacts = store.contact_count()
    if contacts < IN_THE_BACKGROUND_FROM:
        dashboard = DashboardScreen(work_out())
    else:
        dashboard = DashboardScreen(work_out=work_out, contacts=contacts)
    screen.app.push_screen(dashboard, chosen)


def _title(contacts: int) -> str:
    return f"Dashboard · {contacts:,} contact{'' if contacts == 1 else 's'}"
