"""The referral tree: who led to whom, from the first contacts down, and the rows a list draws
it with."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..models import Contact
from ..store import Store


@dataclass(eq=False, slots=True)
class ReferralNode:
    """A contact in the referral tree, with the people they introduced."""

    contact: Contact
    children: list[ReferralNode] = field(default_factory=list)
    in_loop: bool = False
    """Their chain of referrers leads back to them (A referred by B, B referred by A): there is
    no first contact above them, so they are shown as one, marked."""


def referral_forest(store: Store) -> list[ReferralNode]:
    """Who led to whom: the roots are the contacts nobody referred (the first contacts), each
    with the people they introduced under them, by name, all the way down.

    Every contact appears exactly once. A referrer that no longer exists counts as none. A loop
    of referrers (possible by editing two contacts in turn) has no first contact: the first of
    the loop by name stands as a root, marked ``in_loop``, and the loop is cut above it.
    """
    contacts = sorted(store.contacts_unsorted(), key=lambda c: (c.name.casefold(), c.id or 0))
    by_id = {c.id: c for c in contacts}
    referrer_of: dict[int, int | None] = {}
    children_of: dict[int | None, list[Contact]] = defaultdict(list)
    for contact in contacts:  # by name, so each list of children is too
        assert contact.id is not None
        parent = contact.referred_by if contact.referred_by in by_id and contact.referred_by != contact.id else None
        referrer_of[contact.id] = parent
        children_of[parent].append(contact)

    nodes: dict[int, ReferralNode] = {}

    def grow(root: Contact, in_loop: bool = False) -> ReferralNode:
        # Iterative: a chain of introductions thousands long must not hit the recursion limit.
        top = ReferralNode(root, in_loop=in_loop)
        assert root.id is not None
        nodes[root.id] = top
        pending = [top]
        while pending:
            node = pending.pop()
            for child in children_of.get(node.contact.id, ()):
                assert child.id is not None
                if child.id in nodes:
                    continue  # the edge that closes a loop
                grown = ReferralNode(child)
                nodes[child.id] = grown
                node.children.append(grown)
                pending.append(grown)
        return top

    roots = [grow(c) for c in children_of.get(None, [])]
    # Whoever is left hangs below a loop. Walk up from the first of them (by name) until a contact
    # repeats: that one is in the loop; grow the tree from it, which takes in everyone below.
    for contact in contacts:
        assert contact.id is not None
        if contact.id in nodes:
            continue
        seen: set[int] = set()
        current: int = contact.id
        while current not in seen:
            seen.add(current)
            parent = referrer_of[current]
            assert parent is not None  # those without a referrer were grown above
            current = parent
        loop = _loop_members(current, referrer_of)
        first = min((by_id[i] for i in loop), key=lambda c: (c.name.casefold(), c.id or 0))
        roots.append(grow(first, in_loop=True))
    roots.sort(key=lambda n: (n.contact.name.casefold(), n.contact.id or 0))
    return roots


def _loop_members(start: int, referrer_of: dict[int, int | None]) -> list[int]:
    members = [start]
    current = referrer_of[start]
    while current is not None and current != start:
        members.append(current)
        current = referrer_of[current]
    return members


@dataclass(frozen=True, slots=True)
class TreeRow:
    """One line of the tree as a list shows it."""

    node: ReferralNode
    depth: int
    parent: int | None
    """Index of the parent's row in the same list (None for a root): the guide lines are drawn
    from these, on screen, only for the rows in view."""
    last: bool
    """The last child of its parent: its guide turns the corner (└ rather than ├)."""
    collapsed: bool
    """It has children that are hidden under it."""


def tree_rows(
    roots: Sequence[ReferralNode], collapsed: Iterable[int] = (), *, with_solitary: bool = True
) -> list[TreeRow]:
    """The forest as rows, depth first, children under their referrer; the children of the
    contact ids in ``collapsed`` left out. ``with_solitary=False`` leaves out the roots who
    introduced nobody (most people in a large workspace), so the chains stand out."""
    folded = set(collapsed)
    rows: list[TreeRow] = []
    shown_roots = [r for r in roots if with_solitary or r.children]
    # (node, depth, parent row index, last among siblings), the next to show on top.
    stack: list[tuple[ReferralNode, int, int | None, bool]] = [
        (root, 0, None, number == len(shown_roots) - 1) for number, root in enumerate(shown_roots)
    ]
    stack.reverse()
    while stack:
        node, depth, parent, last = stack.pop()
        fold = node.contact.id in folded and bool(node.children)
        index = len(rows)
        rows.append(TreeRow(node, depth, parent, last, fold))
        if fold:
            continue
        count = len(node.children)
        for number in range(count - 1, -1, -1):
            stack.append((node.children[number], depth + 1, index, number == count - 1))
    return rows


def forest_size(roots: Iterable[ReferralNode]) -> tuple[int, int]:
    """(people who introduced someone, people introduced), across the whole forest."""
    referrers = introduced = 0
    pending = list(roots)
    while pending:
        node = pending.pop()
        if node.children:
            referrers += 1
            introduced += len(node.children)
            pending.extend(node.children)
    return referrers, introduced
