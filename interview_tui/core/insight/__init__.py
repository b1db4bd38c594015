"""Insight across every conversation, one module per view: ``answers`` (one question's answers
side by side), ``referrals`` (the referral tree) and ``dashboard`` (the figures of the
dashboard). Every public name is re-exported here.

Each function reads the workspace in one pass per table it needs: at 10,000 contacts, a scan of
all interviews or touches per contact (``store.interviews(contact_id)``) would be 10,000 scans.
"""

from __future__ import annotations

from .answers import Answer, answer_counts, answer_heading, answers_to
from .dashboard import (
    FUNNEL,
    NOT_GIVEN,
    WEEKS,
    Covered,
    DashboardFigures,
    FunnelStep,
    Overdue,
    WeekCount,
    dashboard_figures,
)
from .referrals import Forest, ReferralNode, TreeRow, forest_size, referral_chains, referral_forest, tree_rows

__all__ = [
    "FUNNEL",
    "NOT_GIVEN",
    "WEEKS",
    "Answer",
    "Covered",
    "DashboardFigures",
    "Forest",
    "FunnelStep",
    "Overdue",
    "ReferralNode",
    "TreeRow",
    "WeekCount",
    "answer_counts",
    "answer_heading",
    "answers_to",
    "dashboard_figures",
    "forest_size",
    "referral_chains",
    "referral_forest",
    "tree_rows",
]
