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


def _by_name(contact: Contact) -> tuple[str, int]:
    return (contact.name.casefold(), contact.id or 0)


@dataclass(slots=True)
class Forest:
    """The referral forest in two parts: the chains (the first contacts who introduced someone,
    with everyone below them, each level by name) and the solitary (nobody introduced them and
    they introduced nobody: most people in a large workspace, in no particular order). The two
    are sorted into one list of roots only when asked (``everyone``)."""

    chains: list[ReferralNode]
    solitary: list[Contact]
    _everyone: list[ReferralNode] | None = None

    def everyone(self) -> list[ReferralNode]:
        """Every root, chains and solitary, by name."""
        if self._everyone is None:
            roots = self.chains + [ReferralNode(contact) for contact in self.solitary]
            roots.sort(key=lambda node: _by_name(node.contact))
            self._everyone = roots
        return self._everyone


def referral_chains(store: Store) -> Forest:
    """Who led to whom, as ``referral_forest`` says, without ordering the solitary: one pass
    over the contacts, and a sort of only those in a chain."""
    contacts = store.contacts_unsorted()
    by_id = {c.id: c for c in contacts}
    referrer_of: dict[int, int] = {}
    children_of: dict[int, list[Contact]] = defaultdict(list)
    for contact in contacts:
        assert contact.id is not None
        referrer = contact.referred_by
        if referrer is not None and referrer != contact.id and referrer in by_id:
            referrer_of[contact.id] = referrer
            children_of[referrer].append(contact)
    for children in children_of.values():
        children.sort(key=_by_name)

    nodes: dict[int, ReferralNode] = {}

    def grow(root: Contact, in_loop: bool = False) -> ReferralNode:
        # Iterative: a chain of introductions thousands long must not hit the recursion limit.
        top = ReferralNode(root, in_loop=in_loop)
        assert root.id is not None
        nodes[root.id] = top
        pending = [top]
        while pending:
            node = pending.pop()
            for child in children_of.get(node.contact.id, ()):  # type: ignore[arg-type]
                assert child.id is not None
                if child.id in nodes:
                    continue  # the edge that closes a loop
                grown = ReferralNode(child)
                nodes[child.id] = grown
                node.children.append(grown)
                pending.append(grown)
        return top

    chains = [grow(by_id[i]) for i in children_of if i not in referrer_of]
    # Whoever is left hangs below a loop. Walk up from each until a contact repeats: that one is
    # in the loop; grow the tree from its first by name, which takes in everyone below.
    for contact_id in referrer_of:
        if contact_id in nodes:
            continue
        seen: set[int] = set()
        current: int = contact_id
        while current not in seen:
            seen.add(current)
            current = referrer_of[current]  # every contact left has a referrer
        loop = _loop_members(current, referrer_of)
        chains.append(grow(min((by_id[i] for i in loop), key=_by_name), in_loop=True))
    chains.sort(key=lambda node: _by_name(node.contact))
    solitary = [c for c in contacts if c.id not in referrer_of and c.id not in children_of]
    return Forest(chains, solitary)


def referral_forest(store: Store) -> list[ReferralNode]:
    """Who led to whom: the roots are the contacts nobody referred (the first contacts), each
    with the people they introduced under them, by name, all the way down.

    Every contact appears exactly once. A referrer that no longer exists counts as none. A loop
    of referrers (possible by editing two contacts in turn) has no first contact: the first of
    the loop by name stands as a root, marked ``in_loop``, and the loop is cut above it.
    """
    return referral_chains(store).everyone()


def _loop_members(start: int, referrer_of: dict[int, int]) -> list[int]:
    members = [start]
    current = referrer_of.get(start)
    while current is not None and current != start:
        members.append(current)
        current = referrer_of.get(current)
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
