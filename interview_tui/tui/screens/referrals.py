"""The referral tree: who led to whom, from the first contacts down, each with their stage.

The tree is a RowList of indented lines rather than Textual's Tree: a workspace can hold 10,000
contacts, and the RowList draws only the lines on screen, whatever the number of people. The
guide lines (├─ └─ │) are worked out when a line is drawn, from its parent's row, so a chain of
introductions thousands deep costs nothing until it is scrolled to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ...core.insight.referrals import (
    Forest,
    TreeRow,
    forest_size,
    referral_chains,
    tree_rows,
)
from ...core.models import UNKNOWN_CONTACT, Stage, id_of
from ..collector import thread_lets_go
from ..host import Host
from ..keys import EVERY_KEY
from ..messages import ShowContact
from ..widgets.contacts import STAGE_SHORT, STAGE_WIDTH
from ..widgets.key_bar import KeyBar
from ..widgets.row_list import Cell, RowList
from .dialog import Dialog

IN_THE_BACKGROUND_FROM = 2_000
"""Contacts from which the tree is worked out on another thread while the screen is shown (about
100 ms at 50,000 contacts on a slow machine); below, it takes a few milliseconds."""

WORKING = "Working out who led to whom…"

MAX_GUIDES = 12
"""Deeper than this, the guides of the levels above are shown as one "…": the name keeps the
width rather than the drawing of a very long chain."""


class ReferralList(RowList[TreeRow]):
    empty_text = "Nobody has introduced anyone yet. a lists everyone."

    def cells(self, row: TreeRow, width: int) -> list[Cell]:
        contact = row.node.contact
        if row.node.children:
            marker = f"▸ {contact.name} (+{len(row.node.children)})" if row.collapsed else f"▾ {contact.name}"
        else:
            marker = f"  {contact.name}"
        if row.node.in_loop:
            marker += " (a loop of referrals)"
        elif row.depth == 0 and contact.referred_by not in (None, contact.id):
            marker += f" (referred by {UNKNOWN_CONTACT})"  # their referrer is no longer here
        style = "row-list--dim" if contact.stage in (Stage.DECLINED, Stage.CLOSED) else ""
        cells = [Cell(self._guides(row) + marker, None, style)]
        # The company only where there is room for it beside the name.
        if width >= 70:
            cells.append(Cell(contact.company_role, min(32, width // 3), "row-list--dim"))
        cells.append(Cell(STAGE_SHORT[contact.stage], STAGE_WIDTH, style))
        return cells

    def _guides(self, row: TreeRow) -> str:
        if row.depth == 0:
            return ""
        parts = ["└─" if row.last else "├─"]
        parent = row.parent
        levels = 1
        while parent is not None and levels < MAX_GUIDES:
            above = self.rows[parent]
            if above.depth == 0:
                break
            parts.append("  " if above.last else "│ ")
            parent = above.parent
            levels += 1
        if row.depth > MAX_GUIDES:
            parts.append(f"…{row.depth - MAX_GUIDES} ")
        return "".join(reversed(parts))

    def row_key(self, row: TreeRow) -> object:
        return row.node.contact.id


class ReferralTreeScreen(Dialog[int | None]):
    """Dismisses with the id of the chosen contact, or None."""

    DEFAULT_CSS = """
    #referrals {
        max-width: 120;
    }
    #referral-list { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Select contact", id="referrals.choose"),
        Binding("left,h", "fold", "Fold", id="referrals.fold"),
        Binding("right,l", "unfold", "Unfold", id="referrals.unfold"),
        Binding("a", "toggle_everyone", "Everyone", id="referrals.everyone"),
        Binding("escape", "close", "Close", id="referrals.close"),
        EVERY_KEY,
    ]

    def __init__(
        self,
        forest: Forest | None = None,
        selected: int | None = None,
        *,
        work_out: Callable[[], tuple[Forest, list[TreeRow]]] | None = None,
    ) -> None:
        """Either the ``forest``, or how to ``work_out`` it (with the rows of its chains) on
        another thread."""
        super().__init__()
        if forest is None and work_out is None:
            raise ValueError("the referral tree needs its forest or a way to work it out")
        self.forest = forest
        self._work_out = work_out
        self.selected = selected
        self.collapsed: set[int] = set()
        self.everyone = False
        """Also list the contacts who neither introduced anyone nor were introduced (sorted in
        among the chains only when asked: most people of a large workspace are among them)."""
        self.referrers = self.introduced = self.solitary = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="referrals", classes="dialog -full"):
            yield Static("Referral tree: who led to whom", id="referrals-title", classes="dialog-title")
            yield Static("", id="referrals-hint", classes="dialog-hint", markup=False)
            yield ReferralList(id="referral-list")
        yield KeyBar()

    @property
    def tree(self) -> ReferralList:  # type: ignore[override]  # Textual's DOMNode.tree is a debugging view, unused here
        return self.query_one(ReferralList)

    def on_mount(self) -> None:
        self.tree.focus()
        if self.forest is not None:
            self._show(self.forest)
            return
        self.tree.empty_text = WORKING
        self.query_one("#referrals-hint", Static).update(WORKING)
        # Once the tree is on screen: started at once, the thread would share the interpreter
        # with the building of the screen and make its first frame later.
        self.call_after_refresh(self._start_working_out)

    def _show(self, forest: Forest, rows: list[TreeRow] | None = None) -> None:
        self.forest = forest
        self.referrers, self.introduced = forest_size(forest.chains)
        self.solitary = len(forest.solitary)
        self.tree.empty_text = ReferralList.empty_text
        self.reload(keep=self.selected, rows=rows)

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
        thread_lets_go(self._work_out_and_show)

    def _work_out_and_show(self) -> None:
        assert self._work_out is not None
        try:
            forest, rows = self._work_out()
        except Exception:  # noqa: BLE001  # a change made meanwhile: worked out again, here
            self.app.call_from_thread(self._work_out_here)
            return
        self.app.call_from_thread(self._shown_if_open, forest, rows)

    def _work_out_here(self) -> None:
        if self.is_attached and self._work_out is not None:
            self._show(*self._work_out())

    def _shown_if_open(self, forest: Forest, rows: list[TreeRow]) -> None:
        if self.is_attached:  # closed meanwhile: nothing to show
            # The rows worked out are those of the chains, as the tree opens; a shown before
            # they came wants everyone's.
            self._show(forest, None if self.everyone else rows)

    def reload(self, keep: int | None = None, rows: list[TreeRow] | None = None) -> None:
        """The rows again from the forest (``rows``: those of the chains, already worked out)."""
        if self.forest is None:
            return  # still being worked out: the keys wait for it
        if rows is None:
            roots = self.forest.everyone() if self.everyone else self.forest.chains
            rows = tree_rows(roots, self.collapsed)
        self.tree.set_rows(rows, keep=keep)
        people = "person" if self.referrers == 1 else "people"
        hint = f"{self.referrers:,} {people} introduced {self.introduced:,}."
        if self.solitary:
            shown = "listed (a hides them)" if self.everyone else "not shown (a shows them)"
            hint += f" {self.solitary:,} with no introduction {shown}."
        self.query_one("#referrals-hint", Static).update(hint)

    def _current(self) -> TreeRow | None:
        return self.tree.current

    def action_choose(self) -> None:
        row = self._current()
        if row is not None:
            self.dismiss(row.node.contact.id)

    def action_fold(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.node.children and not row.collapsed:
            self.collapsed.add(id_of(row.node.contact))
            self.reload(keep=row.node.contact.id)
        elif row.parent is not None:
            self.tree.select_index(row.parent)

    def action_unfold(self) -> None:
        row = self._current()
        if row is None or not row.node.children:
            return
        if row.collapsed:
            self.collapsed.discard(id_of(row.node.contact))
            self.reload(keep=row.node.contact.id)
        else:
            self.tree.select_index(self.tree.cursor + 1)

    def action_toggle_everyone(self) -> None:
        self.everyone = not self.everyone
        current = self._current()
        self.reload(keep=current.node.contact.id if current is not None else None)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(RowList.Chosen, "#referral-list")
    def _chosen(self) -> None:
        self.action_choose()


def open_referral_tree(screen: Host) -> None:
    """Show the referral tree over ``screen``; the contact chosen in it is selected there."""
    store = screen.store
    selected = screen.contact.id if screen.contact is not None else None

    def chosen(contact_id: int | None) -> None:
        if contact_id is not None:
            screen.show_chosen(ShowContact(contact_id))

    def work_out() -> tuple[Forest, list[TreeRow]]:
        forest = referral_chains(store)
        return forest, tree_rows(forest.chains)

    if store.contact_count() < IN_THE_BACKGROUND_FROM:
        tree = ReferralTreeScreen(referral_chains(store), selected)
    else:
        tree = ReferralTreeScreen(selected=selected, work_out=work_out)
    screen.app.push_screen(tree, chosen)
