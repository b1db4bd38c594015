"""Search everything: contacts, what is noted about them, and every conversation's answers, notes
and takeaways. Results narrow as the user types, each with the matching words highlighted in a
line of context; enter on one jumps to it (see ``open_search``).

The searching is core/search.py; this screen shows it. Per keystroke it does the search, hands
the list its rows and repaints three widgets that draw themselves line by line (no widget is
mounted or resized while typing), which keeps a keystroke within a frame at 10,000 contacts.

The index of a large workspace is made on a thread of its own while the screen is already up
(it took close to a second at 50,000 contacts, all of it before the screen showed): the box
takes what is typed meanwhile, and the results of whatever it holds then appear when the
index is ready. What it is made of is read from the store once the screen is drawn, on the
interface's thread (the store's follow-ups come sorted, tens of milliseconds at 50,000
contacts). A small workspace's index is made at once, before the screen shows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar
from weakref import WeakKeyDictionary

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from ...core.search import (
    SNIPPET_BEFORE,
    Hit,
    Kind,
    SearchIndex,
    SearchResult,
    Snippet,
    Sources,
    document_position,
)
from ...core.text import strip_controls
from ..collector import thread_lets_go
from ..host import Host
from ..messages import ShowContact
from ..widgets.key_bar import KeyBar
from ..widgets.line_input import LineInput
from ..widgets.row_list import Cell, RowList, cells, sized
from .dialog import Dialog

KIND_WIDTH = 9
WHO_WIDTH = 20
WHEN_WIDTH = 11
COLUMNS_KEPT = 2_000
"""Rows whose columns before the context are kept drawn (a few screens of results, at each of
the widths and cursor states they were drawn in)."""
NARROWEST_CONTEXT = 20
"""Cells a result's context keeps at least: narrower (a phone's 40 columns), the date gives way,
which the preview under the list shows. With it, the words found had two or three cells."""
PREVIEW_BEFORE = 100
PREVIEW_LENGTH = 400
"""Characters of context the preview under the list shows of the highlighted result (it has
three or four lines for it), and how many of them come before the first match, where they fit."""

EMPTY_QUERY = "Type to search contacts, conversations and notes."
NOTHING_FOUND = "Nothing holds all of these words: try fewer, or shorter ones."
NOTHING_YET = (
    "Nothing to search yet. Add a contact first (a in the contact list), or import contacts "
    "(Import contacts… in the command palette, ctrl+p)."
)
GETTING_READY = "Reading every contact and conversation…"

INDEX_WAIT = 10.0
"""Seconds the keys typed after an enter given before the index was made wait for it at most."""
AT_ONCE = 1_000
"""Contacts up to which the index is made before the screen shows, in a few milliseconds (with
their conversations, touches and follow-ups, about 5,000 records); above, on a thread while it
shows."""

KIND_TITLES = {
    Kind.CONTACT: "Contact details",
    Kind.CONTACT_NOTES: "About them",
    Kind.ANSWER: "Answer",
    Kind.NOTES: "Notes",
    Kind.TAKEAWAYS: "Key takeaways",
}


def highlighted_segments(snippet: Snippet, width: int, style: Style, match: Style) -> list[Segment]:
    """``snippet`` as exactly ``width`` cells, its matches in ``match`` style, cut with "…"; the
    "…" in ``match`` style too when what it leaves out begins inside a match, so that a word
    found and cut ("the res…") reads as found, not as a part of it found."""
    pieces: list[tuple[str, Style]] = []
    position = 0
    for start, end in snippet.spans:
        pieces.append((snippet.text[position:start], style))
        pieces.append((snippet.text[start:end], style + match))
        position = end
    pieces.append((snippet.text[position:], style))
    fits = cells(snippet.text) <= width
    room = width if fits else max(0, width - 1)  # the last cell for "…" when it is cut
    segments: list[Segment] = []
    used = 0
    shown = 0  # characters of the snippet drawn: the first one cut is the one after them
    for text, piece_style in pieces:
        if not text or used >= room:
            continue
        taken = cells(text)
        kept = len(text)
        if used + taken > room:
            # Measured as the terminal does: wide (CJK, emoji) characters take two cells.
            cut = sized(text, room - used)
            # A wide character that half fits is left out for a space in its place.
            kept = len(cut) if text.startswith(cut) else len(cut) - 1
            text, taken = cut, room - used
        segments.append(Segment(text, piece_style))
        used += taken
        shown += kept
    if not fits and width > 0:
        cuts_a_match = any(start <= shown < end for start, end in snippet.spans)
        segments.append(Segment("…", style + match if cuts_a_match else style))
        used += 1
    if used < width:
        segments.append(Segment(" " * (width - used), style))
    return segments


class SearchResults(RowList[Hit]):
    """One line per result: kind, who, when, and the context with the matches highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {"search-results--match"}

    DEFAULT_CSS = """
    SearchResults > .search-results--match { text-style: bold reverse; }
    """

    empty_text = EMPTY_QUERY  # the screen changes it once something is typed

    def cells(self, row: Hit, width: int) -> list[Cell]:
        # Narrow terminals give the name less room, the context more.
        who = max(10, min(WHO_WIDTH, width // 5))
        kind = Cell(row.kind.label, KIND_WIDTH, "row-list--dim")
        name = Cell(row.contact_name, who)
        context = Cell("", None)  # drawn with its highlights by _segments
        if width - KIND_WIDTH - who - WHEN_WIDTH - 4 < NARROWEST_CONTEXT:
            return [kind, name, context]
        when = "" if row.when is None else f"{row.when:%d %b %Y}"
        return [kind, name, Cell(when, WHEN_WIDTH, "row-list--dim"), context]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._columns_drawn: dict[tuple[object, ...], tuple[list[Segment], int]] = {}
        """A row's kind, name and date columns as drawn, and the room left for its context. The
        same records come back keystroke after keystroke (typing narrows what was found); only
        their context, whose highlights follow the words typed, is drawn anew."""
        self._rows_drawn: dict[tuple[object, ...], list[Segment]] = {}
        """Each row as drawn for a query: erasing a letter brings back the rows of a query
        typed a moment before, and they are not drawn again."""

    def notify_style_update(self) -> None:
        self._columns_drawn.clear()  # drawn in the styles of before
        self._rows_drawn.clear()
        super().notify_style_update()

    def on_unmount(self) -> None:
        # A hit makes its record from the index when first asked: rows kept by a list Textual
        # still holds a while after the search closed would keep the index (tens of megabytes
        # at 50,000 contacts) with them. The hit chosen is handed on apart from the list.
        self.rows = []
        self._rows_drawn.clear()

    def _segments(self, row: Hit, width: int, row_style: Style, *, on_cursor: bool = False) -> list[Segment]:
        match = self.get_component_rich_style("search-results--match", partial=True)
        # Everything the line is drawn from, not only which record it is: a line kept is never
        # shown for a record that reads otherwise.
        line_key = (row.key, row.text, row.contact_name, row.when, row.words, width, row_style, match, on_cursor)
        line = self._rows_drawn.get(line_key)
        if line is None:
            if len(self._rows_drawn) >= COLUMNS_KEPT:
                self._rows_drawn.clear()
            line = self._rows_drawn[line_key] = self._drawn(row, width, row_style, match, on_cursor=on_cursor)
        return line

    def _drawn(self, row: Hit, width: int, row_style: Style, match: Style, *, on_cursor: bool) -> list[Segment]:
        key = (row.kind, row.contact_name, row.when, width, row_style, on_cursor)
        drawn = self._columns_drawn.get(key)
        if drawn is None:
            columns = super()._segments(row, width, row_style, on_cursor=on_cursor)
            room = cells(columns.pop().text)
            if len(self._columns_drawn) >= COLUMNS_KEPT:
                self._columns_drawn.clear()
            drawn = self._columns_drawn[key] = (columns, room)
        columns, room = drawn
        snippet = row.snippet
        if room <= SNIPPET_BEFORE:
            # The context kept before the words found would fill the room and cut them off.
            snippet = row.context(before=room // 4)
        return [*columns, *highlighted_segments(snippet, room, row_style, match)]

    def row_key(self, row: Hit) -> object:
        return row.key

    def action_cursor_up(self) -> None:
        # Up from the first result goes back to the search box, to type more.
        if self.cursor == 0 and isinstance(self.screen, SearchScreen):
            # Back to go on typing: the next key adds to the query, where on opening the search
            # on the last query it replaces it.
            self.screen.query_input.focus_to_type_more()
            return
        super().action_cursor_up()


class LiveText(Widget):
    """Text that changes on every keystroke, repainted without a new layout (``Static.update``
    would ask for one each time). Sized by its text (``height: auto``), it is laid out again only
    when the text takes another number of lines at its width: on a narrow terminal, a line
    wraps rather than being cut."""

    DEFAULT_CSS = """
    LiveText { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text: Text = Text()

    def show(self, text: Text) -> None:
        self.text = text
        self.refresh()
        width, height = self.content_size
        if self.styles.auto_dimensions and width:
            # Measured as the layout measures it (refresh let go of the last measure).
            size = Size(width, height)
            if self.get_content_height(size, size, width) != height:
                self.refresh(layout=True)

    def render(self) -> Text:
        return self.text


class SearchPreview(LiveText):
    """The highlighted result at more length: its heading (what it is, whose, when) and an
    answer's question, each on one line, then the text found, wrapped in the lines left. A
    heading too long for the width takes its first shorter form that fits, else is cut with
    "…": wrapped, at 40 columns it pushed the text found out of the preview."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.headings: list[list[Text]] = []
        """Each heading line's forms, longest first."""
        self.body = Text()

    def show_parts(self, headings: list[list[Text]], body: Text) -> None:
        self.headings, self.body = headings, body
        self.show(self._for_width(self.content_size.width))

    def render(self) -> Text:
        # Drawn again for the width it has now: a resize changes which form of a heading fits.
        self.text = self._for_width(self.content_size.width)
        return self.text

    def _for_width(self, width: int) -> Text:
        if not self.headings:
            return self.body
        lines = [one_line(forms, width) for forms in self.headings]
        return Text("\n").join([*lines, self.body])


def one_line(forms: list[Text], width: int) -> Text:
    """The first of ``forms`` that fits in ``width`` cells (any, when the width is not known
    yet), else the last cut to fit, ending in "…"."""
    for form in forms:
        if not width or form.cell_len <= width:
            return form
    cut = forms[-1].copy()
    cut.truncate(max(0, width - 1))
    cut.rstrip()
    cut.append("…")
    return cut


def _preview_context(hit: Hit, preview: SearchPreview, heading_lines: int) -> Snippet:
    """The text the preview shows of ``hit``: PREVIEW_BEFORE characters before the first match,
    or fewer where those would fill the lines under the headings and leave the match below them
    (at 40 columns an answer has two lines, and its last word was out of sight)."""
    context = hit.context(PREVIEW_BEFORE, PREVIEW_LENGTH)
    width, height = preview.content_size
    if not width or not context.spans:
        return context  # not laid out yet: the preview is made again once it is
    body_lines = max(1, height - heading_lines)
    if _wrapped_lines(context.text[: context.spans[0][1]], width) <= body_lines:
        return context
    # Wrapping at spaces leaves the end of a line empty: a quarter of each is kept for it.
    return hit.context((body_lines - 1) * (width - width // 4), PREVIEW_LENGTH)


def _wrapped_lines(text: str, width: int) -> int:
    """The lines ``text`` takes wrapped at its spaces to ``width`` cells, a word longer than a
    line cut across lines: as the preview wraps it, near enough to tell where a match falls."""
    lines, used = 1, 0
    for word in text.split(" "):
        size = cells(word)
        if used and used + 1 + size > width:
            lines, used = lines + 1, 0
        used += size + (1 if used else 0)
        while used > width:
            lines, used = lines + 1, used - width
    return lines


def _bold_kind(heading: str, kind: Kind) -> Text:
    text = Text(heading)
    text.stylize("bold", 0, len(KIND_TITLES[kind]))
    return text


class SearchScreen(Dialog[Hit | None]):
    """Dismisses with the chosen hit, or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close"),
        # Priority bindings, checked before the focused widget's own: enter in the box moves
        # into the results, enter on a result opens it; down from the box moves into the results
        # (the container would take it to scroll). Each steps aside (check_action) where the
        # focused widget's own key should do its work: down in the list moves the cursor.
        Binding("down", "results", "Results", priority=True, id="search.results"),
        Binding("enter", "open", "Open", priority=True, id="search.open"),
        Binding("ctrl+f", "focus_query", "Search box", id="search.query"),
    ]

    DEFAULT_CSS = """
    /* Opaque: a modal's see-through backdrop is the main screen drawn again, tinted, at each
       layout (40 ms, twice as the search opens), and this dialog covers all of it up to 120
       columns. Wider, the margins are plain. */
    SearchScreen { background: $background; }
    #search { border-title-color: $accent; border-title-style: bold; }
    #search-query { margin: 0 0 0 0; }
    #search-count { color: $text-muted; height: auto; }
    #search-results { height: 1fr; }
    #search-preview {
        height: 5;
        border-top: solid $panel-lighten-1;
    }
    """

    def __init__(self, index: SearchIndex | Sources | Callable[[], Sources], query: str = "") -> None:
        """``index``: the index to search, or what to make it of, or how to read that (once
        shown, on this thread; the index is then made on a thread of its own)."""
        super().__init__()
        self.index: SearchIndex | None = index if isinstance(index, SearchIndex) else None
        """None until the index is made."""
        self._sources = None if isinstance(index, SearchIndex) else index
        self._failed: str | None = None
        """Why the index could not be made, if it could not."""
        self.initial_query = query
        self.result = SearchResult([], 0, ())
        self._open_waiting = False
        """Enter was typed before the index was made: it acts once the results are shown."""
        self._preview_due = False
        """The preview is to show the highlighted result once the list's frame is drawn."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search", classes="dialog -full") as frame:
            frame.border_title = "Search"
            yield LineInput(
                self.initial_query,
                placeholder="words to find in contacts, answers and notes",
                shorter_placeholders=("words to find in contacts and notes", "words to find"),
                id="search-query",
                compact=True,
                select_on_focus=True,
            )
            yield LiveText(id="search-count")
            yield SearchResults(id="search-results")
            yield SearchPreview(id="search-preview")
        yield KeyBar()

    @property
    def query_input(self) -> LineInput:
        return self.query_one("#search-query", LineInput)

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    def on_mount(self) -> None:
        # Searched the moment the box changes, inside the keystroke, so that the character and
        # its results are drawn in the same frame (on Input.Changed, the box was drawn first and
        # the results a frame later).
        self.watch(self.query_input, "value", self._query_changed, init=False)
        self.query_input.focus()
        if self._sources is not None:
            # Once the screen is drawn: reading the store took tens of milliseconds before it
            # could show, and a thread making the index from the start shares the interpreter
            # with the drawing of the first frame, which came up to twice as late.
            self.call_after_refresh(self._start_index)
        self._search()

    def on_resize(self) -> None:
        # How much of the text comes before the match depends on the preview's width.
        self._preview_soon()

    def on_unmount(self) -> None:
        self._enter_done()
        # Closed: the index (tens of megabytes at 50,000 contacts) is let go now, whoever still
        # holds the screen (Textual keeps a closed screen referred to for a while).
        self.index = None
        self._sources = None
        self.result = SearchResult([], 0, ())

    def _start_index(self) -> None:
        sources, self._sources = self._sources, None
        if sources is not None and self.is_attached:
            self._make_index([sources if isinstance(sources, Sources) else sources()])

    # Described in words: left to itself, Textual writes the arguments' repr (every record,
    # 1.5 s on this thread at 50,000 contacts).
    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False, description="Making the search index")
    def _make_index(self, given: list[Sources]) -> list[SearchIndex]:
        # Reads only the sources (taken from the store on the interface's thread) and touches no
        # widget: the index comes back as the worker's result, to _index_made on that thread.
        # Closing the screen cancels the worker, which then stops within a few hundred records.
        # Both go in a list that is emptied once used: Textual keeps a finished worker, with its
        # arguments and result, referred to after the screen closed (the index is tens of
        # megabytes at 50,000 contacts).
        worker = get_current_worker()

        def make() -> list[SearchIndex]:
            index = SearchIndex.from_sources(given.pop(), lambda: worker.is_cancelled)
            return [] if index is None else [index]

        return thread_lets_go(make)

    @on(Worker.StateChanged)
    def _index_made(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "search-index" or worker.is_cancelled:
            return
        event.stop()
        if event.state is WorkerState.SUCCESS and isinstance(worker.result, list) and worker.result:
            self.index = worker.result.pop()
            # What the box holds now, however much was typed while the index was made.
            self._search()
            if self._open_waiting and self.results.rows:
                results = self.results
                results.focus()
                self._enter_done(lambda: results.has_focus)
            self._enter_done()
        elif event.state is WorkerState.ERROR:
            self._failed = f"The search could not be prepared: {worker.error}"
            self._show_getting_ready()
            self._enter_done()

    def _enter_done(self, until: Callable[[], bool] | None = None) -> None:
        """The enter typed before the index was made has acted: the keys after it go on (once
        ``until()`` holds)."""
        if self._open_waiting:
            self._open_waiting = False
            let_go = getattr(self.app, "let_keys_go", None)
            if let_go is not None:
                let_go(until)

    def _keys_wait_for(self, until: Callable[[], bool]) -> None:
        """The keys typed after this one wait until ``until()`` holds (a focus is applied in a
        callback: the next enter must find it where this one put it)."""
        hold = getattr(self.app, "hold_keys", None)
        let_go = getattr(self.app, "let_keys_go", None)
        if hold is not None and let_go is not None:
            hold()
            let_go(until)

    # Searching -----------------------------------------------------------------------------

    def _query_changed(self) -> None:
        self._search()
        self.query_input.draw_with_this_keystroke(*self.query(SearchResults), *self.query(LiveText))

    def _search(self) -> None:
        if not self.is_attached:
            return
        if self.index is None:
            self._show_getting_ready()
            return
        self.result = result = self.index.search(self.query_input.value)
        hits, results = result.hits, self.results
        if not len(self.index):  # nobody in the workspace: fewer words would find nothing either
            results.empty_text = NOTHING_YET
        else:
            results.empty_text = NOTHING_FOUND if result.words else EMPTY_QUERY
        had_rows = bool(results.rows)
        # The best result first, whatever was highlighted before: the list is ranked anew.
        results.set_rows(hits, keep=hits[0].key if hits else None)
        if had_rows != bool(hits):
            self.refresh_bindings()  # down and enter apply only when there are results
        self._show_count(result)
        self._preview_soon()

    def _show_getting_ready(self) -> None:
        results = self.results
        results.empty_text = self._failed or GETTING_READY
        results.refresh()
        if self._failed:
            count = Text("Nothing can be searched now: escape closes the search.", "bold")
        else:
            count = Text("Getting ready to search: type meanwhile, the results follow.")
        self.query_one("#search-count", LiveText).show(count)

    def _show_count(self, result: SearchResult) -> None:
        if not result.words:
            # One line from 80 columns; narrower, two (the line is laid out again only then).
            text = Text("Finds every word typed, in any case or accent: contacts, answers, notes.")
        elif not result.total:
            text = Text("Nothing found.", "bold")
        elif result.total > len(result.hits):
            text = Text(f"{result.total:,} found, the first {len(result.hits)} listed: type more to narrow.")
        else:
            text = Text(f"{result.total:,} found.")
        self.query_one("#search-count", LiveText).show(text)

    def _show_preview(self, hit: Hit | None) -> None:
        preview = self.query_one("#search-preview", SearchPreview)
        if hit is None:
            preview.show_parts([], Text())
            return
        who = f"{KIND_TITLES[hit.kind]} · {strip_controls(hit.contact_name)}"
        if hit.when is None:
            forms = [who]
        else:
            # Narrow, the list leaves the date out: the heading keeps the day without the weekday
            # and the time before it gives any of it up.
            forms = [f"{who} · {hit.when:%a %d %b %Y %H:%M}", f"{who} · {hit.when:%d %b %Y}"]
        headings = [[_bold_kind(form, hit.kind) for form in forms]]
        if hit.kind is Kind.ANSWER:
            headings.append([Text(strip_controls(hit.question), "italic")])
        context = _preview_context(hit, preview, len(headings))
        body = Text(context.text)
        match = self.results.get_component_rich_style("search-results--match", partial=True)
        for start, end in context.spans:
            body.stylize(match, start, end)
        preview.show_parts(headings, body)

    @on(RowList.Highlighted, "#search-results")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._preview_soon()

    def _preview_soon(self) -> None:
        """The preview follows the list a frame later: the list, where the eyes are as one
        types or moves, comes in the key's own frame at 50,000 contacts (with the preview, that
        frame took a fifth longer), and keys typed faster than frames make one preview, of the
        last."""
        if not self._preview_due:
            self._preview_due = True
            self.call_after_refresh(self._preview_now)

    def _preview_now(self) -> None:
        self._preview_due = False
        if self.is_attached:
            self._show_preview(self.results.current)

    # Keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "results":
            return self.query_input.has_focus and bool(self.results.rows)
        if action == "open":
            return bool(self.results.rows) or (self.index is None and self._failed is None)
        if action == "focus_query":
            return not self.query_input.has_focus
        return True

    def on_descendant_focus(self) -> None:
        # Which keys apply depends on where the focus is: the key bar is told.
        self.refresh_bindings()

    def action_results(self) -> None:
        self.results.focus()

    def action_open(self) -> None:
        results = self.results
        if self.index is None:
            # Typed before the search could look (a burst, or a large workspace): it acts on the
            # results of what was typed once they are shown, as it would have for someone who
            # waited for them, and the keys after it wait for that too.
            hold = getattr(self.app, "hold_keys", None)
            if not self._open_waiting and hold is not None:
                self._open_waiting = True
                hold(INDEX_WAIT)
            return
        if not results.has_focus:
            results.focus()
            self._keys_wait_for(lambda: results.has_focus)
        elif isinstance(results.current, Hit):
            self.dismiss(results.current)

    def action_focus_query(self) -> None:
        self.query_input.focus()

    def action_close(self) -> None:
        self.dismiss(None)


# Opening it from the main screen -----------------------------------------------------------------

_last_query: WeakKeyDictionary[Host, str] = WeakKeyDictionary()
"""The last query on each main screen, so that searching again takes up where it was."""


def open_search(screen: Host) -> None:
    """Open the search over ``screen``'s workspace; choosing a result shows it there."""
    # What is being typed in the notes is saved first, so the search sees it too.
    screen.save_drafts()
    store = screen.store
    index: SearchIndex | Callable[[], Sources] | None = partial(Sources.read_unsorted, store)
    if store.contact_count() <= AT_ONCE:
        index = SearchIndex.from_sources(Sources.read_unsorted(store))
    assert index is not None  # nothing cancels it

    def chosen(hit: Hit | None) -> None:
        _last_query[screen] = search.query_input.value
        if hit is not None:
            screen.show_chosen(ShowContact(hit.contact_id, hit.interview_id, partial(document_position, hit=hit)))

    search = SearchScreen(index, _last_query.get(screen, ""))
    screen.app.push_screen(search, chosen)
