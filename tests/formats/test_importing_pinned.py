"""The import plan pinned: each relationship and stage however it is written, why a row is refused
(word for word, with where it is), how a row is matched (email, LinkedIn profile however copied,
name and company), what a match adds and says it adds, the report's rows and summary, referrals
kept in words, and the progress told while checking and saving."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.errors import InvalidInput
from interview_tui.core.models import Contact, Relationship, Stage
from interview_tui.core.store import Store
from interview_tui.formats.importing import Incoming, apply_plan, plan_import, url_key

from .conftest import by_name


def _plan(store: Store, *items: Incoming, **kwargs):
    return plan_import(store, list(items), source="in.csv", **kwargs)


def _import(store: Store, *items: Incoming, **kwargs):
    plan = _plan(store, *items, **kwargs)
    apply_plan(store, plan)
    return plan


def _rows(plan) -> list[tuple[str, str, str, str]]:
    return [(r.where, r.name, r.action, r.detail) for r in plan.rows]


# Relationship and stage ------------------------------------------------------------------------


@pytest.mark.parametrize("member", list(Stage))
@pytest.mark.parametrize("shape", [str, str.upper, lambda s: f"  {s}  ", lambda s: s.replace("_", " "),
                                   lambda s: s.replace("_", "-"), lambda s: s.replace("_", " - ")])
def test_each_stage_however_it_is_written(store: Store, member: Stage, shape) -> None:
    plan = _import(store, Incoming("line 2", name="Alex Example", stage=shape(member.value)))
    assert plan.added == 1
    assert store.contacts()[0].stage is member


@pytest.mark.parametrize("member", list(Relationship))
@pytest.mark.parametrize("shape", [str, str.title, lambda s: f"\t{s} "])
def test_each_relationship_however_it_is_written(store: Store, member: Relationship, shape) -> None:
    _import(store, Incoming("line 2", name="Alex Example", relationship=shape(member.value)))
    assert store.contacts()[0].relationship is member


def test_no_relationship_takes_the_default_and_no_stage_the_first(store: Store) -> None:
    _import(store, Incoming("line 2", name="Alex Example", relationship=" ", stage=""),
            default_relationship=Relationship.ALUMNI)
    (alex,) = store.contacts()
    assert (alex.relationship, alex.stage) == (Relationship.ALUMNI, Stage.IDENTIFIED)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (Incoming("line 7", name="Alex Example", relationship="enemy"),
         "line 7: 'enemy' is not a relationship; use one of friend, family, classmate, colleague, alumni, referral, cold."),
        (Incoming("line 7", name="Alex Example", stage="keeping_touch"),
         "line 7: 'keeping_touch' is not a stage; use one of identified, asked, scheduled, interviewed, thanked, "
         "keeping_in_touch, declined, closed."),
        (Incoming("card 3", name="Alex Example", stage="\x1b[31mboss  of\tall " + "x" * 60),
         "card 3: 'boss of all " + "x" * 28 + "' is not a stage; use one of identified, asked, scheduled, interviewed, "
         "thanked, keeping_in_touch, declined, closed."),
        (Incoming("line 7", name="A" * 201), "line 7: Name is 201 characters long; keep it to 200 or fewer."),
        (Incoming("line 7", name="Alex Example", company="c" * 501), "line 7: Company is 501 characters long; keep it to 500 or fewer."),
        (Incoming("line 7", name="Alex Example", role="r" * 501), "line 7: Role is 501 characters long; keep it to 500 or fewer."),
        (Incoming("line 7", name="Alex Example", field="f" * 501), "line 7: Field is 501 characters long; keep it to 500 or fewer."),
        (Incoming("line 7", name="Alex Example", linkedin_url="u" * 501),
         "line 7: Linkedin url is 501 characters long; keep it to 500 or fewer."),
        (Incoming("line 7", name="Alex Example", phones=["1" * 501]), "line 7: Phone is 501 characters long; keep it to 500 or fewer."),
        (Incoming("line 7", name="Alex Example", tags=["t" * 501]),
         "line 7: The tag 'tttttttttttttttttttt…' is too long; keep tags to 40 characters."),
        (Incoming("line 7", name="Alex Example", tags=["ok", "job search " + "t" * 30]),
         "line 7: The tag 'job-search-ttttttttt…' is too long; keep tags to 40 characters."),
        (Incoming("line 7", name="Alex Example", tags=["stage:asked"]),
         "line 7: A tag cannot contain ':' ('stage:asked'); use '-' instead."),
        (Incoming("line 7", name="Alex Example", tags=[f"t{n}" for n in range(31)]), "line 7: That is 31 tags; keep it to 30."),
        (Incoming("line 7", name="Alex Example", referred_by="S" * 201),
         "line 7: Referred by is 201 characters long; keep it to 200 or fewer."),
        (Incoming("line 7", name="Alex Example", emails=["alex@example.org", "alex-at-example"]),
         "line 7: 'alex-at-example' is not an email address; it should look like name@example.org."),
        (Incoming("line 7", name="Alex Example", address="a" * 501),
         "line 7: The address is too long; keep it under 500 characters."),
    ],
)  # fmt: skip
def test_why_a_row_is_refused_word_for_word(store: Store, item: Incoming, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _plan(store, Incoming("line 6", name="Sam Sample"), item)
    assert str(caught.value) == message


def test_each_limit_itself_is_accepted(store: Store) -> None:
    item = Incoming("line 2", name="A" * 200, company="c" * 500, linkedin_url="u" * 500, address="a" * 500,
                    phones=["1" * 500], referred_by="S" * 200)  # fmt: skip
    plan = _import(store, item)
    assert plan.added == 1
    (contact,) = store.contacts()
    assert (len(contact.name), len(contact.company), len(contact.address)) == (200, 500, 500)


def test_an_address_is_measured_after_its_controls_and_ends_are_removed(store: Store) -> None:
    _import(store, Incoming("line 2", name="Alex Example", address="\n  " + "a" * 500 + "\x1b[1m\x07  \n"))
    assert store.contacts()[0].address == "a" * 500


# What one row becomes --------------------------------------------------------------------------


def test_extra_emails_and_phones_go_to_the_notes_each_once(store: Store) -> None:
    item = Incoming("line 2", name="Alex Example", emails=["", "a@example.org", "A@Example.org", "b@example.org"],
                    phones=["", "+1 555", "+1  555", "+44 20"], notes=["First.", "", "Second.\n\nThird."],
                    tags=["#ux", "UX", " fintech ", ""])  # fmt: skip
    _import(store, item)
    (alex,) = store.contacts()
    assert (alex.email, alex.phone, alex.tags) == ("a@example.org", "+1 555", ["ux", "fintech"])
    assert alex.notes == ("First.\n\nSecond.\n\nThird.\n\nOther email addresses: b@example.org\n\n"
                          "Other phone numbers: +44 20")  # fmt: skip


def test_one_email_and_one_phone_leave_the_notes_alone(store: Store) -> None:
    _import(store, Incoming("line 2", name="Alex Example", emails=["a@example.org", "a@example.org"], phones=["+1"]))
    assert store.contacts()[0].notes == ""


# Matching --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "copied",
    ["https://www.linkedin.com/in/alex", "http://linkedin.com/in/alex/", "linkedin.com/in/alex?trk=people",
     "HTTPS://UK.LinkedIn.com/in/alex#about", "  www.linkedin.com/in/alex/?a=b#c  "],
)  # fmt: skip
def test_a_linkedin_profile_is_the_same_however_it_was_copied(store: Store, copied: str) -> None:
    store.add_contact(Contact(name="Alex Example", linkedin_url="https://www.linkedin.com/in/alex"))
    plan = _import(store, Incoming("line 2", name="A. Example", linkedin_url=copied, company="Northwind"))
    # The row's own name is not taken (the contact keeps theirs), and the report says so.
    assert _rows(plan) == [("line 2", "Alex Example", "update", "adds company; not taken: name 'A. Example'")]


@pytest.mark.parametrize(
    ("one", "other"),
    [("https://www.linkedin.com/in/alex", "https://www.linkedin.com/in/alexa"),
     ("linkedin.com/in/alex", "example.com/in/alex"),
     ("https://www.linkedin.com/in/alex?x=1", "https://www.linkedin.com/in/sam?x=1"),
     ("https://linkedin.com/in/alex", "https://linkedin.com/company/alex")],
)  # fmt: skip
def test_different_profiles_are_different_people(store: Store, one: str, other: str) -> None:
    store.add_contact(Contact(name="Alex Example", linkedin_url=one))
    plan = _plan(store, Incoming("line 2", name="Alex Other", linkedin_url=other))
    assert plan.added == 1


@given(st.sampled_from(["", "https://", "http://", "HTTPS://"]), st.sampled_from(["", "www.", "de.", "WWW."]),
       st.from_regex(r"[a-z0-9\-]{1,12}", fullmatch=True), st.sampled_from(["", "/", "?trk=a", "/#x", "?a#b"]))
def test_a_profile_key_is_its_path(scheme: str, host: str, handle: str, tail: str) -> None:
    assert url_key(f"{scheme}{host}linkedin.com/in/{handle}{tail}") == f"linkedin.com/in/{handle}"


def test_rows_repeating_an_earlier_one_are_skipped_naming_it(store: Store) -> None:
    plan = _import(
        store,
        Incoming("line 2", name="Alex Example", company="Northwind", emails=["alex@example.org"]),
        Incoming("line 3", name="Someone Else", emails=["ALEX@example.org"]),
        Incoming("line 4", name="alex  EXAMPLE", company="northwind"),
        Incoming("line 5", name="", company="Nameless"),
        Incoming("line 6", name="Sam Sample", linkedin_url="linkedin.com/in/sam"),
        Incoming("line 7", name="Sam S.", linkedin_url="https://www.linkedin.com/in/sam/"),
    )
    assert _rows(plan) == [
        ("line 2", "Alex Example", "add", ""),
        ("line 3", "Alex Example", "skip", "same person as line 2; not taken: name 'Someone Else'"),
        ("line 4", "Alex Example", "skip", "same person as line 2"),
        ("line 5", "", "skip", "without a name"),
        ("line 6", "Sam Sample", "add", ""),
        ("line 7", "Sam Sample", "skip", "same person as line 6; not taken: name 'Sam S.'"),
    ]
    assert plan.summary() == "2 added, 0 updated, 4 skipped (3 repeating an earlier row; 1 without a name)"
    assert [c.name for c in store.contacts()] == ["Alex Example", "Sam Sample"]


def test_a_later_row_matches_by_an_email_an_earlier_row_brought(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example"))
    plan = _import(
        store,
        Incoming("line 2", name="Alex Example", emails=["alex@example.org"]),
        Incoming("line 3", name="A. Example", emails=["alex@example.org"], phones=["+1 555"]),
        Incoming("line 4", name="Alex E.", emails=["alex@example.org"]),
    )
    assert _rows(plan) == [
        ("line 2", "Alex Example", "update", "adds email"),
        ("line 3", "Alex Example", "update", "adds phone; not taken: name 'A. Example'"),
        ("line 4", "Alex Example", "skip", "already there with nothing new; not taken: name 'Alex E.'"),
    ]
    assert plan.summary() == "0 added, 2 updated, 1 skipped (1 already there with nothing new)"
    (alex,) = store.contacts()
    assert (alex.email, alex.phone) == ("alex@example.org", "+1 555")


def test_a_match_names_each_field_it_fills_and_keeps_what_is_there(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example", company="Northwind", tags=["UX"], notes="Met at the fair.\n"))
    plan = _import(store, Incoming(
        "line 2", name="Alex Example", company="Northwind", role="Analyst", field="Design", emails=["a@example.org"],
        phones=["+1"], linkedin_url="linkedin.com/in/alex", address="1 Elm Road", tags=["ux", "new"],
        notes=["Met at the fair.", "Likes tea."],
    ))  # fmt: skip
    assert _rows(plan) == [("line 2", "Alex Example", "update",
                            "adds role, field, email, phone, linkedin url, address, tags, notes")]
    (alex,) = store.contacts()
    assert (alex.role, alex.field, alex.linkedin_url, alex.address, alex.tags) == (
        "Analyst", "Design", "linkedin.com/in/alex", "1 Elm Road", ["UX", "new"])
    assert alex.notes == "Met at the fair.\n\nLikes tea."


def test_notes_given_to_a_contact_without_any_are_taken_as_they_are(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example"))
    _import(store, Incoming("line 2", name="Alex Example", notes=["One.", "Two."]))
    assert store.contacts()[0].notes == "One.\n\nTwo."


def test_a_referrer_learnt_for_a_known_contact_is_a_change(store: Store) -> None:
    store.add_contact(Contact(name="Sam Sample"))
    store.add_contact(Contact(name="Alex Example"))
    plan = _import(store, Incoming("line 2", name="Alex Example", referred_by="sam  sample"))
    assert _rows(plan) == [("line 2", "Alex Example", "update", "adds referred by")]
    people = by_name(store)
    assert people["Alex Example"].referred_by == people["Sam Sample"].id


def test_a_referrer_nobody_is_called_is_kept_in_words_after_the_notes(store: Store) -> None:
    _import(store,
            Incoming("line 2", name="Alex Example", notes=["Met at the fair."], referred_by="Nobody Known"),
            Incoming("line 3", name="Sam Sample", referred_by="Nobody Known"),
            Incoming("line 4", name="Jordan Demo", referred_by="Alex Example"),
            Incoming("line 5", name="Jordan Demo", company="Twin", referred_by="Alex Example"),
            Incoming("line 6", name="Riley Placeholder", referred_by="Jordan Demo"),  # two of them
            another=True)
    people = by_name(store)
    assert people["Alex Example"].notes == "Met at the fair.\n\nReferred by Nobody Known."
    assert people["Sam Sample"].notes == "Referred by Nobody Known."
    assert people["Riley Placeholder"].notes == "Referred by Jordan Demo."
    assert people["Riley Placeholder"].referred_by is None


# The plan's other parts, and progress ------------------------------------------------------------


def test_the_plan_carries_the_columns_left_out(store: Store) -> None:
    plan = _plan(store, Incoming("line 2", name="Alex Example"), ignored_columns=["Birthday", "Nickname"])
    assert (plan.source, plan.ignored_columns) == ("in.csv", ("Birthday", "Nickname"))


def test_progress_while_checking_and_saving(store: Store) -> None:
    store.add_contact(Contact(name="Alex Example"))
    told: list[tuple[str, int, int]] = []
    items = [Incoming("line 2", name="Alex Example", emails=["a@example.org"]),
             Incoming("line 3", name="Alex Example", phones=["+1"]),  # the same contact, changed again
             Incoming("line 4", name="Sam Sample"), Incoming("line 5", name="Jordan Demo"),
             Incoming("line 6", name="")]  # fmt: skip
    plan = plan_import(store, items, source="in.csv", progress=lambda *a: told.append(a))
    apply_plan(store, plan, lambda *a: told.append(a))
    assert told == [("Checking", n, 5) for n in range(1, 6)] + [("Saving", 1, 3), ("Saving", 2, 3), ("Saving", 3, 3)]
    assert plan.summary() == "2 added, 2 updated, 1 skipped (1 without a name)"


def test_a_dry_plan_leaves_memory_as_it_was(store: Store, tmp_path: Path) -> None:
    store.add_contact(Contact(name="Alex Example", notes="Own."))
    _plan(store, Incoming("line 2", name="Alex Example", notes=["New."], emails=["a@example.org"]))
    (alex,) = store.contacts()
    assert (alex.notes, alex.email) == ("Own.", "")


def test_a_row_without_a_referrer_does_not_stop_the_linking_of_those_after_it(store: Store) -> None:
    store.add_contact(Contact(name="Riley Placeholder"))
    store.add_contact(Contact(name="Jordan Demo"))
    _import(store,
            Incoming("line 2", name="Sam Sample"),
            Incoming("line 3", name="Alex Example", referred_by="Sam Sample"),
            Incoming("line 4", name="Jordan Demo", emails=["jordan@example.com"]),
            Incoming("line 5", name="Riley Placeholder", referred_by="Alex Example"))
    people = by_name(store)
    assert people["Alex Example"].referred_by == people["Sam Sample"].id
    assert people["Riley Placeholder"].referred_by == people["Alex Example"].id


def test_a_long_unknown_relationship_is_refused_as_not_one_not_as_too_long(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        _plan(store, Incoming("line 2", name="Alex Example", relationship="best " * 120))
    assert str(caught.value) == (
        "line 2: '" + "best " * 8 + "' is not a relationship; use one of friend, family, classmate, "
        "colleague, alumni, referral, cold.")


def test_every_other_phone_number_is_listed(store: Store) -> None:
    _import(store, Incoming("line 2", name="Alex Example", phones=["+1 555", "+44 20", "+49 30"]))
    assert store.contacts()[0].notes == "Other phone numbers: +44 20, +49 30"


def test_a_later_row_matches_by_an_earlier_rows_second_email(store: Store) -> None:
    plan = _plan(store, Incoming("line 2", name="Alex Example", emails=["alex@example.org", "a.example@work.example"]),
                 Incoming("line 3", name="A. Example", emails=["A.Example@work.example"]))
    assert _rows(plan)[1] == ("line 3", "Alex Example", "skip", "same person as line 2; not taken: name 'A. Example'")


def test_a_referrer_in_words_follows_notes_ending_in_a_newline(store: Store) -> None:
    _import(store, Incoming("line 2", name="Alex Example", notes=["Met at the fair.\n"], referred_by="Nobody Known"))
    assert store.contacts()[0].notes == "Met at the fair.\n\nReferred by Nobody Known."
