"""The referral tree's two parts (chains, and the people in none) against what the whole forest
says: the tree opens on the chains without ordering everyone else first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core import insight
from interview_tui.core.models import Contact


class _Contacts:
    """Just enough of a Store: referrers may be missing, oneself, or form loops."""

    def __init__(self, contacts: list[Contact]) -> None:
        self._contacts = contacts

    def contacts_unsorted(self) -> list[Contact]:
        return self._contacts


NAMES = ["Alex Example", "Sam Sample", "alex example", "Robin Test", "Kim Demo", "Lee Placeholder"]


@st.composite
def workspaces(draw: st.DrawFn) -> list[Contact]:
    count = draw(st.integers(min_value=0, max_value=25))
    contacts = []
    for contact_id in range(1, count + 1):
        referrer = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=count + 2)))
        contacts.append(Contact(name=draw(st.sampled_from(NAMES)), id=contact_id, referred_by=referrer))
    return draw(st.permutations(contacts))


def _walk(roots: list[insight.ReferralNode]) -> list[int]:
    seen, pending = [], list(roots)
    while pending:
        node = pending.pop()
        seen.append(node.contact.id)
        pending.extend(node.children)
    return seen


@given(workspaces())
def test_chains_and_the_solitary_hold_everyone_once_and_sort_into_the_forest(contacts: list[Contact]) -> None:
    forest = insight.referral_chains(_Contacts(contacts))  # type: ignore[arg-type]
    everyone = forest.everyone()
    # Every contact exactly once, in a chain or alone.
    in_chains = _walk(forest.chains)
    assert sorted(in_chains + [c.id for c in forest.solitary]) == sorted(c.id for c in contacts)
    assert sorted(_walk(everyone)) == sorted(c.id for c in contacts)
    # A chain's first contact introduced someone; a solitary contact neither introduced anyone
    # nor was introduced by anyone in the workspace.
    assert all(root.children for root in forest.chains)
    ids = {c.id for c in contacts}
    introduced = {c.referred_by for c in contacts if c.referred_by in ids and c.referred_by != c.id}
    for contact in forest.solitary:
        assert contact.id not in introduced
        assert contact.referred_by not in ids or contact.referred_by == contact.id
    # All the roots by name; the chains as they are among them; the rows of the chains are the
    # rows of the whole forest without its solitary roots.
    keys = [(r.contact.name.casefold(), r.contact.id) for r in everyone]
    assert keys == sorted(keys)
    assert [r for r in everyone if r.children or r.in_loop and r.children] == forest.chains
    shown = [row.node.contact.id for row in insight.tree_rows(forest.chains)]
    assert shown == [row.node.contact.id for row in insight.tree_rows(everyone, with_solitary=False)]
