"""Insight across conversations: answers to one question, the referral tree, the dashboard's
figures. On the sample workspace, whose numbers a person can check by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from builders import NOW

from interview_tui.core import insight, workflow
from interview_tui.core.demo import seed_demo
from interview_tui.core.insight import Answer
from interview_tui.core.models import (
    Contact,
    Interview,
    InterviewStatus,
    Question,
    Stage,
    Touch,
    TouchKind,
)
from interview_tui.core.store import Store
from interview_tui.formats.markdown import answers_file_name, answers_markdown


@pytest.fixture
def demo(store: Store) -> Store:
    seed_demo(store)
    return store


def _answer(store: Store, name: str, answers: dict[int, str]) -> Interview:
    contact = store.find_contact(name)
    interview = store.interviews(contact.id)[0]
    interview.answers = {**interview.answers, **{str(k): v for k, v in answers.items()}}
    return store.update_interview(interview)


# Answers side by side --------------------------------------------------------------------------


def test_answers_to_a_question_come_newest_first_with_who_and_when(demo: Store) -> None:
    _answer(demo, "Aunt Example", {4: "Calm, and scheduling."})
    _answer(demo, "Riley Mockup", {4: "  Reading other people's code.\n"})
    answers = insight.answers_to(demo, 4)
    assert [a.contact.name for a in answers] == ["Alex Example", "Aunt Example", "Riley Mockup"]
    assert [a.interview.when.date() for a in answers] == [date(2026, 11, 23), date(2026, 11, 5), date(2026, 8, 27)]
    # Kept as typed, without the blank space around it.
    assert answers[2].text == "Reading other people's code."
    assert insight.answer_heading(answers[0]) == "Alex Example · UX researcher, Northwind Labs · Mon 23 Nov 2026"


def test_blank_answers_and_other_keys_are_not_answers(demo: Store) -> None:
    _answer(demo, "Aunt Example", {4: "   \n ", 9: "Ask the HR team."})
    interview = _answer(demo, "Riley Mockup", {})
    interview.answers = {"notes": "not an answer", "4": ""}
    demo.update_interview(interview)
    assert [a.contact.name for a in insight.answers_to(demo, 4)] == ["Alex Example"]
    assert insight.answers_to(demo, 9)[0].text == "Ask the HR team."
    assert insight.answers_to(demo, 8) == []
    # The demo's one full set of answers (five questions), plus the aunt's answer to question 9.
    assert insight.answer_counts(demo) == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 9: 1}


def test_two_conversations_at_the_same_moment_show_the_one_recorded_last_first(demo: Store) -> None:
    sam = demo.find_contact("Sam Sample")
    when = NOW - timedelta(days=1)
    first = demo.add_interview(Interview(contact_id=sam.id, when=when, answers={"2": "first"}))
    second = demo.add_interview(Interview(contact_id=sam.id, when=when, answers={"2": "second"}))
    shown = [a.interview.id for a in insight.answers_to(demo, 2)]
    assert shown[:2] == [second.id, first.id]


def test_the_markdown_has_the_question_then_each_answer_under_who_said_it(demo: Store) -> None:
    _answer(demo, "Aunt Example", {4: "Calm.\n# not a heading\n  ## nor this\n- a list stays"})
    question = next(q for q in demo.questions() if q.id == 4)
    text = answers_markdown(question, insight.answers_to(demo, 4), NOW)
    assert text.splitlines()[:5] == [
        "# What are the critical skills for this field?",
        "",
        "2 answers, newest first. Exported 25 Nov 2026.",
        "",
        "## Alex Example · UX researcher, Northwind Labs · Mon 23 Nov 2026",
    ]
    aunt = "## Aunt Example · Nurse manager, City Hospital · Thu 05 Nov 2026\n\n"
    assert aunt + "Calm.\n\\# not a heading\n  \\## nor this\n- a list stays\n" in text
    assert text.endswith("- a list stays\n")


def test_the_markdown_escapes_markup_in_names_and_questions(store: Store) -> None:
    contact = store.add_contact(Contact(name="Sam_Sample *", company="[Example] Ltd"))
    interview = store.add_interview(Interview(contact_id=contact.id, when=NOW, answers={"1": "Yes."}))
    question = Question(text="Why <this> # field?", order=0, id=1)
    text = answers_markdown(question, [Answer(contact, interview, "Yes.")], NOW)
    assert text.startswith("# Why \\<this\\> \\# field?\n")
    assert "## Sam\\_Sample \\* · \\[Example\\] Ltd · Wed 25 Nov 2026\n" in text
    assert "1 answer, newest first." in text


def test_the_export_file_is_named_after_the_question() -> None:
    question = Question(text="What is an average day like?", order=0, id=5)
    assert answers_file_name(question) == "answers-what-is-an-average-day-like.md"
    assert answers_file_name(Question(text="???", order=0, id=7)) == "answers-7.md"


# The referral tree ---------------------------------------------------------------------------


def _names(rows: list[insight.TreeRow]) -> list[str]:
    return ["  " * r.depth + r.node.contact.name for r in rows]


def _refer(store: Store, name: str, referrer: str | None, **fields: object) -> Contact:
    referred_by = store.find_contact(referrer).id if referrer else None
    return store.add_contact(Contact(name=name, referred_by=referred_by, **fields))  # type: ignore[arg-type]


def test_the_tree_runs_from_the_first_contacts_down_each_child_under_its_referrer(demo: Store) -> None:
    _refer(demo, "Robin Placeholder", "Alex Example")
    _refer(demo, "Dana Sample", "Sam Sample")
    roots = insight.referral_forest(demo)
    rows = insight.tree_rows(roots)
    assert _names(rows) == [
        "Alex Example",
        "  Robin Placeholder",
        "  Sam Sample",
        "    Dana Sample",
        "Aunt Example",
        "Casey Placeholder",
        "Jordan Demo",
        "Morgan Specimen",
        "Riley Mockup",
    ]
    # Each row knows its parent's row and whether it is the last child (└ rather than ├).
    assert [(r.parent, r.last) for r in rows[:4]] == [(None, False), (0, False), (0, True), (2, True)]
    assert rows[0].node.contact.stage is Stage.INTERVIEWED
    assert insight.forest_size(roots) == (2, 3)


def test_the_chains_alone_and_folded_branches(demo: Store) -> None:
    _refer(demo, "Robin Placeholder", "Alex Example")
    _refer(demo, "Dana Sample", "Sam Sample")
    roots = insight.referral_forest(demo)
    chains = insight.tree_rows(roots, with_solitary=False)
    assert _names(chains) == ["Alex Example", "  Robin Placeholder", "  Sam Sample", "    Dana Sample"]
    sam = demo.find_contact("Sam Sample")
    folded = insight.tree_rows(roots, {sam.id}, with_solitary=False)
    assert _names(folded) == ["Alex Example", "  Robin Placeholder", "  Sam Sample"]
    assert folded[2].collapsed
    # Folding someone with nobody under them changes nothing.
    robin = demo.find_contact("Robin Placeholder")
    assert _names(insight.tree_rows(roots, {robin.id}, with_solitary=False)) == _names(chains)


def test_a_loop_of_referrers_is_shown_once_from_its_first_member(store: Store) -> None:
    a = store.add_contact(Contact(name="Alex Example"))
    b = _refer(store, "Sam Sample", "Alex Example")
    _refer(store, "Casey Placeholder", "Sam Sample")
    # Possible by editing: Alex is now said to have been referred by Sam.
    a.referred_by = b.id
    store.update_contact(a)
    roots = insight.referral_forest(store)
    rows = insight.tree_rows(roots)
    assert _names(rows) == ["Alex Example", "  Sam Sample", "    Casey Placeholder"]
    assert roots[0].in_loop


def test_a_chain_thousands_deep_does_not_hit_the_recursion_limit(store: Store) -> None:
    with store.batch():
        previous = store.add_contact(Contact(name="Contact 00000 Example"))
        for number in range(1, 3000):
            previous = store.add_contact(Contact(name=f"Contact {number:05d} Example", referred_by=previous.id))
    rows = insight.tree_rows(insight.referral_forest(store))
    assert len(rows) == 3000
    assert rows[-1].depth == 2999


class _Contacts:
    """Just enough of a Store for referral_forest: a file edited by hand can name a referrer
    that is not in it, or the contact itself, which the store refuses to write."""

    def __init__(self, contacts: list[Contact]) -> None:
        self._contacts = contacts

    def contacts_unsorted(self) -> list[Contact]:
        return self._contacts


def test_a_missing_referrer_or_oneself_counts_as_none() -> None:
    contacts = [
        Contact(name="Sam Sample", id=1, referred_by=99),
        Contact(name="Alex Example", id=2, referred_by=2),
    ]
    roots = insight.referral_forest(_Contacts(contacts))  # type: ignore[arg-type]
    assert [r.contact.name for r in roots] == ["Alex Example", "Sam Sample"]
    assert not any(r.in_loop for r in roots)


# The dashboard -------------------------------------------------------------------------------


def test_the_funnel_counts_contacts_who_reached_each_step(demo: Store) -> None:
    figures = insight.dashboard_figures(demo, NOW)
    # Seven contacts; asked: all but Casey (identified) and Morgan (declined, never asked);
    # scheduled: Sam, Alex, the aunt, Riley; interviewed: Alex, the aunt, Riley; thanked: the
    # aunt and Riley (keeping in touch comes after the thank-you).
    assert [(s.stage.value, s.count) for s in figures.funnel] == [
        ("identified", 7),
        ("asked", 5),
        ("scheduled", 4),
        ("interviewed", 3),
        ("thanked", 2),
    ]
    assert figures.contacts == 7
    assert figures.interviewed == 3


def test_what_was_logged_counts_even_when_the_stage_says_less(demo: Store) -> None:
    morgan = demo.find_contact("Morgan Specimen")
    demo.add_touch(Touch(contact_id=morgan.id, kind=TouchKind.ASKED, at=NOW - timedelta(days=30)))
    casey = demo.find_contact("Casey Placeholder")
    demo.add_interview(Interview(contact_id=casey.id, when=NOW - timedelta(days=8), status=InterviewStatus.DONE))
    figures = insight.dashboard_figures(demo, NOW)
    assert [s.count for s in figures.funnel] == [7, 7, 5, 4, 2]
    assert "Games" in [c.label for c in figures.fields]


def test_a_check_in_done_before_the_thank_you_is_not_counted_as_thanked(demo: Store) -> None:
    alex = demo.find_contact("Alex Example")  # interviewed two days ago, the thank-you owed
    workflow.complete_check_in(demo, alex.id, "Coffee")
    figures = insight.dashboard_figures(demo, NOW)
    assert [s.count for s in figures.funnel] == [7, 5, 4, 3, 2]
    assert ("Alex Example", "thank you") in [(o.name, o.what) for o in figures.overdue]


def test_reply_rate_counts_replies_and_conversations_among_the_asked(demo: Store) -> None:
    figures = insight.dashboard_figures(demo, NOW)
    # The funnel's five asked; all but Jordan (asked, no reply yet) reached scheduled or further.
    assert (figures.asked, figures.replied, figures.reply_rate) == (5, 4, 0.8)
    jordan = demo.find_contact("Jordan Demo")
    casey = demo.find_contact("Casey Placeholder")
    workflow.log_ask(demo, casey.id)
    workflow.log_reply(demo, jordan.id, declined=True)  # a no is an answer too
    figures = insight.dashboard_figures(demo, NOW)
    assert (figures.asked, figures.replied) == (6, 5)
    workflow.schedule_interview(demo, casey.id, "tomorrow 3pm")  # a date agreed: they answered
    assert insight.dashboard_figures(demo, NOW).replied == 6


def test_no_asks_no_rate(store: Store) -> None:
    figures = insight.dashboard_figures(store, NOW)
    assert figures.reply_rate is None
    assert [s.count for s in figures.funnel] == [0, 0, 0, 0, 0]
    assert figures.overdue == [] and figures.fields == [] and figures.companies == []


def test_conversations_per_week_cover_the_last_twelve_weeks_this_week_last(demo: Store) -> None:
    figures = insight.dashboard_figures(demo, NOW)
    assert len(figures.weeks) == 12
    assert figures.weeks[-1].start == date(2026, 11, 23)  # the Monday of this week
    assert figures.weeks[0].start == date(2026, 9, 7)
    # Alex two days ago, the aunt twenty days ago; Riley's, ninety days ago, is before them.
    assert {w.start: w.count for w in figures.weeks if w.count} == {date(2026, 11, 23): 1, date(2026, 11, 2): 1}
    # Planned and cancelled conversations are not held ones.
    sam = demo.find_contact("Sam Sample")
    demo.add_interview(Interview(contact_id=sam.id, when=NOW - timedelta(days=1), status=InterviewStatus.CANCELLED))
    assert sum(w.count for w in insight.dashboard_figures(demo, NOW).weeks) == 2


def test_overdue_follow_ups_are_the_queues_overdue_part_latest_first(demo: Store) -> None:
    figures = insight.dashboard_figures(demo, NOW)
    # The aunt's check-in (ten days after the card sent sixteen days ago) and Alex's thank-you
    # (due yesterday); Jordan's nudge is due today, so not overdue.
    assert [(o.name, o.what, o.days_late) for o in figures.overdue] == [
        ("Aunt Example", "check in", 6),
        ("Alex Example", "thank you", 1),
    ]


def test_planned_conversations_whose_day_has_passed_are_overdue_in_the_follow_ups_panes_order(demo: Store) -> None:
    jordan = demo.find_contact("Jordan Demo")
    casey = demo.find_contact("Casey Placeholder")
    riley = demo.find_contact("Riley Mockup")
    [alex_thanks] = [f for f in demo.followups() if f.kind.value == "thank_you"]
    demo.add_interview(Interview(contact_id=jordan.id, when=(NOW - timedelta(days=4)).replace(hour=15)))
    # At the very moment of Alex's thank-you: the conversation is listed first, as in the pane.
    demo.add_interview(Interview(contact_id=casey.id, when=alex_thanks.due))
    # Earlier today, and cancelled or held ones, are not overdue.
    demo.add_interview(Interview(contact_id=riley.id, when=NOW.replace(hour=8)))
    demo.add_interview(Interview(contact_id=riley.id, when=NOW - timedelta(days=3), status=InterviewStatus.CANCELLED))
    # Notes begun with no time agreed are on no agenda.
    demo.add_interview(Interview(contact_id=riley.id, when=NOW - timedelta(days=5), scheduled=False))
    figures = insight.dashboard_figures(demo, NOW)
    assert [(o.name, o.what, o.days_late) for o in figures.overdue] == [
        ("Aunt Example", "check in", 6),
        ("Jordan Demo", "talk", 4),
        ("Casey Placeholder", "talk", 1),
        ("Alex Example", "thank you", 1),
    ]


def test_fields_and_companies_covered_count_the_people_interviewed(demo: Store) -> None:
    figures = insight.dashboard_figures(demo, NOW)
    assert [(c.label, c.count) for c in figures.fields] == [("Healthcare", 1), ("Software", 1), ("UX research", 1)]
    assert [(c.label, c.count) for c in figures.companies] == [
        ("City Hospital", 1),
        ("Northwind Labs", 1),
        ("Woodgrove Bank", 1),
    ]


def test_spellings_that_differ_in_case_or_spaces_are_one_and_blanks_come_last(store: Store) -> None:
    for name, field in (("A Example", "Data"), ("B Example", "data "), ("C Example", ""), ("D Example", "Games")):
        store.add_contact(Contact(name=name, field=field, stage=Stage.INTERVIEWED))
    figures = insight.dashboard_figures(store, NOW)
    assert [(c.label, c.count) for c in figures.fields] == [("Data", 2), ("Games", 1), (insight.NOT_GIVEN, 1)]
