"""Contacts coming in from a file: cleaned like typed input, matched against the workspace, merged.

The readers (vCard, LinkedIn, CSV) turn a file into ``Incoming`` rows and know nothing of the
workspace. ``plan_import`` then does all the checking and matching without changing anything,
so a file is refused as a whole (naming the row at fault) before the first contact is stored,
and ``--dry-run`` is the same plan, not applied. ``apply_plan`` stores it in one write.

A row is the same person as a contact already known (in the workspace, or earlier in the same
file) when it shares an email address, a LinkedIn profile, or name and company, ignoring case
and spacing (and, in names, accents and how an apostrophe was typed); name and company only
while no email or LinkedIn profile says otherwise (both have emails, none shared, or two
profiles). It then fills that contact's empty fields and adds its tags and notes, and never
overwrites what the user wrote. Nothing the row holds vanishes unsaid: its other emails and
phone numbers go in the notes, and a value the contact already has another of is named in the
report with the row's line (``RowOutcome.not_taken``). A row that is no one known but has the
name of a contact (or of an earlier row) is left out, as adding a contact of a name already
taken is refused: every later use of that name would be ambiguous. ``another`` adds such a row
as another person of that name.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..core import keep_in_touch, text, workflow
from ..core.errors import InvalidInput
from ..core.models import Contact, Relationship, Stage, id_of
from ..core.store import Store, name_key

url_key = text.url_key
"""How a LinkedIn profile is compared (kept here, where the import first used it)."""

Progress = Callable[[str, int, int], None]
"""``progress(what, done, total)``: called as rows are read and stored; the CLI draws a bar."""

LINE_FIELDS = ("company", "role", "field", "phone", "linkedin_url")
"""One-line text fields, filled from a row when the contact has none."""


@dataclass
class Incoming:
    """One row (CSV) or card (vCard) as read, before any checking."""

    where: str
    """Where it is in the file, for messages: "line 12", "card 3 (line 40)"."""
    name: str = ""
    company: str = ""
    role: str = ""
    field: str = ""
    emails: list[str] = dataclasses.field(default_factory=list)
    """The preferred address first; the others are kept in the notes and used for matching."""
    phones: list[str] = dataclasses.field(default_factory=list)
    linkedin_url: str = ""
    address: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)
    tags: list[str] = dataclasses.field(default_factory=list)
    relationship: str = ""
    stage: str = ""
    referred_by: str = ""
    """The name of whoever introduced this person, matched to a contact after reading."""
    cadence: str = ""
    """Keep in touch, as the contact form's box takes it ("every 6 weeks, at most 90 days", "off")."""


STATED = {"relationship": "relationship", "stage": "stage", "cadence": "keep in touch"}
"""Fields every contact has a value of, a default when nobody gave one: a row fills them in a
contact only where nothing but the default was there. By attribute, with the report's word."""


@dataclass
class _Row:
    """A row as cleaned: the contact it describes, and what it says beyond one contact's fields."""

    contact: Contact
    emails: list[str]
    phones: list[str]
    stated: dict[str, str]
    """The STATED fields the row gives, as it wrote them (for the report)."""


class _Target:
    """A contact the plan will add or update, and what it learnt from the file."""

    __slots__ = ("changed", "contact", "emails", "existing", "left_out", "referrer", "referrer_where", "stated", "where")

    def __init__(
        self, contact: Contact, *, existing: bool, where: str = "", left_out: bool = False, emails: Iterable[str] = ()
    ) -> None:
        self.contact = contact
        self.existing = existing
        self.where = where
        self.left_out = left_out
        """A row left out for its name: a later row that is the same person is left out too."""
        self.changed = False
        self.referrer = ""
        self.referrer_where = ""
        """The row that named the referrer (the report's "line 3")."""
        self.emails: set[str] = {_space_key(e) for e in (contact.email, *emails) if e.strip()}
        """Every address the person is known by here: an email outside it says another person."""
        self.stated: set[str] = set(STATED) if existing else set()
        if existing and contact.cadence_days is None:
            self.stated.discard("cadence")  # by relationship: a file's cadence fills it


@dataclass
class RowOutcome:
    where: str
    name: str
    action: str
    """"add", "update", "merge" (into the person of an earlier row) or "skip"."""
    detail: str = ""
    reason: str = ""
    """Why it was skipped, as the summary counts it, when that is not the detail itself."""
    not_taken: tuple[tuple[str, str], ...] = ()
    """(field, value) of the row's values the contact already had another of, and kept."""


SKIP_KNOWN = "already there with nothing new"
SKIP_NAMELESS = "without a name"
SKIP_REPEAT = "repeating an earlier row"
SKIP_NAME_TAKEN = "with the name of a contact already there"
SKIP_NAME_REPEATED = "with the name of an earlier row"
SKIP_AMBIGUOUS = "matching several people of that name and company"
LEFT_OUT_BY_NAME = (SKIP_NAME_TAKEN, SKIP_NAME_REPEATED)


@dataclass
class ImportPlan:
    """What importing a file would do; applying it is ``apply_plan``."""

    source: str
    rows: list[RowOutcome] = dataclasses.field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()
    """How the file was read, when the report should say ("Read as Windows-1252 ...")."""
    _new: list[_Target] = dataclasses.field(default_factory=list, repr=False)
    _updated: list[_Target] = dataclasses.field(default_factory=list, repr=False)
    _referrals: list[tuple[_Target, _Target]] = dataclasses.field(default_factory=list, repr=False)
    loops_cut: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    """(where, name, referrer) of each "referred by" not linked, as it would close a loop of
    referrals (kept in the contact's notes in words instead)."""

    @property
    def added(self) -> int:
        return sum(1 for row in self.rows if row.action == "add")

    @property
    def updated(self) -> int:
        return sum(1 for row in self.rows if row.action == "update")

    @property
    def merged(self) -> int:
        """Rows that are the same person as an earlier row of the file and add to what it said."""
        return sum(1 for row in self.rows if row.action == "merge")

    @property
    def skipped(self) -> int:
        return sum(1 for row in self.rows if row.action == "skip")

    @property
    def new_contacts(self) -> list[Contact]:
        """The contacts the plan adds, as they will be stored (ids given on applying)."""
        return [target.contact for target in self._new]

    def not_taken(self) -> list[RowOutcome]:
        """The rows with a value the contact already had another of (kept), in the file's order."""
        return [row for row in self.rows if row.not_taken]

    def skip_reasons(self) -> Counter[str]:
        return Counter(row.reason or row.detail for row in self.rows if row.action == "skip")

    def left_out_by_name(self, reasons: Sequence[str] = LEFT_OUT_BY_NAME) -> list[str]:
        """The names of the rows left out because a contact (or an earlier row) has the name,
        each once, in the order of the file; only those left out for one of ``reasons``."""
        return list(dict.fromkeys(row.name for row in self.rows if row.reason in reasons))

    def summary(self) -> str:
        """"12 added, 3 updated, 2 skipped (1 already there with nothing new; 1 without a name)",
        with "1 merged with an earlier row" before the skipped when a row added to an earlier one."""
        line = f"{self.added:,} added, {self.updated:,} updated, "
        if self.merged:
            line += f"{self.merged:,} merged with {'an earlier row' if self.merged == 1 else 'earlier rows'}, "
        line += f"{self.skipped:,} skipped"
        reasons = self.skip_reasons()
        if reasons:
            line += " (" + "; ".join(f"{count:,} {reason}" for reason, count in reasons.most_common()) + ")"
        return line


# Cleaning ------------------------------------------------------------------------------------


def _choice(value: str, choices: type[Relationship | Stage], what: str, where: str) -> str:
    wanted = re.sub(r"[\s\-]+", "_", value.strip().casefold())
    for member in choices:
        if wanted in (member.value, member.label.replace(" ", "_")):
            return member.value
    names = ", ".join(m.value for m in choices)
    shown = text.clean_line(value, field=what, limit=10**9)[:40]
    raise InvalidInput(f"{where}: '{shown}' is not a {what}; use one of {names}.")


def _clean(item: Incoming, default_relationship: Relationship) -> _Row | None:
    """The contact a row describes, with all its emails and phone numbers; None when it has no name.

    Raises InvalidInput naming the row when a value cannot be stored (an email that is not an
    address, a line longer than the limit, an unknown relationship or stage, a cadence that
    cannot be read).
    """
    try:
        name = text.clean_line(item.name, field="name", limit=text.MAX_NAME)
        if not text.has_visible_text(name):
            return None
        # Refused as ``add`` refuses it: a contact of that name could never be found by it,
        # and "delete id:3" would move the contact with id 3 to the trash instead.
        workflow.check_not_an_id(name)
        contact = Contact(name=name, relationship=default_relationship)
        for attribute in ("company", "role", "field"):
            setattr(contact, attribute, text.clean_line(getattr(item, attribute), field=attribute))
        contact.linkedin_url = text.clean_line(item.linkedin_url, field="linkedin_url")
        emails = _unique(text.clean_email(e) for e in item.emails)
        phones = _unique(text.clean_line(p, field="phone") for p in item.phones)
        address = text.clean_notes(item.address).strip()
        if len(address) > text.MAX_LINE:
            raise InvalidInput(f"The address is too long; keep it under {text.MAX_LINE} characters.")
        contact.address = address
        text.clean_line(item.referred_by, field="referred_by", limit=text.MAX_NAME)
        tags = workflow.tags_from_list(item.tags)
        # Read as the contact form's Keep in touch box reads it; its refusal lists the forms it takes.
        cadence = " ".join(item.cadence.split())
        contact.cadence_days, contact.cadence_max_days = keep_in_touch.parse_cadence(cadence)
    except InvalidInput as exc:
        raise InvalidInput(f"{item.where}: {exc}") from None
    stated: dict[str, str] = {}
    if contact.cadence_days is not None:
        stated["cadence"] = cadence
    contact.email = emails[0] if emails else ""
    contact.phone = phones[0] if phones else ""
    contact.tags = tags
    # Kept as written (only empty ones dropped), so that notes survive export and import as they are.
    notes = [n for n in (text.clean_notes(n) for n in item.notes) if n.strip()]
    contact.notes = "\n\n".join(n for n in notes if n)
    if item.relationship.strip():
        contact.relationship = Relationship(_choice(item.relationship, Relationship, "relationship", item.where))
        stated["relationship"] = " ".join(item.relationship.split())
    if item.stage.strip():
        contact.stage = Stage(_choice(item.stage, Stage, "stage", item.where))
        stated["stage"] = " ".join(item.stage.split())
    return _Row(contact, emails, phones, stated)


def _unique(values: Iterable[str]) -> list[str]:
    """Non-empty values in order, each once (ignoring case)."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


# Matching ------------------------------------------------------------------------------------


def _space_key(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split()).casefold()


def _keys(contact: Contact, emails: Iterable[str] = ()) -> list[tuple[str, str]]:
    keys = [("email", _space_key(e)) for e in {contact.email, *emails} if e.strip()]
    if contact.linkedin_url.strip():
        keys.append(("url", text.url_key(contact.linkedin_url)))
    keys.append(("name", f"{text.fold_name(contact.name)}\x00{_space_key(contact.company)}"))
    return keys


def _contradicts(target: _Target, contact: Contact, emails: Iterable[str]) -> bool:
    """Whether a row of ``target``'s name and company is someone else all the same: both have
    emails and share none, or both have a LinkedIn profile and not the same one."""
    mine = {_space_key(e) for e in emails if e.strip()}
    if mine and target.emails and not mine & target.emails:
        return True
    url, theirs = contact.linkedin_url.strip(), target.contact.linkedin_url.strip()
    return bool(url and theirs and text.url_key(url) != text.url_key(theirs))


def _find(
    index: dict[tuple[str, str], _Target], by_name: dict[str, list[_Target]], contact: Contact, emails: Sequence[str]
) -> _Target | list[_Target] | None:
    """The person a row is, if it is someone known: by an email or LinkedIn profile, else by its
    name and company, unless an email or profile says otherwise. Several people of that name and
    company, none told apart: all of them (the row cannot say which it is)."""
    keys = _keys(contact, emails)
    for key in keys:
        if key[0] != "name" and key in index:
            return index[key]
    target = index.get(keys[-1])
    if target is None:
        return None
    company = _space_key(contact.company)
    fitting = [
        other
        for other in by_name.get(name_key(contact.name), [])
        if _space_key(other.contact.company) == company and not _contradicts(other, contact, emails)
    ]
    if len(fitting) > 1:
        return fitting
    if not _contradicts(target, contact, emails):
        return target
    # Another of that name and company (one added with ``another``) may be the one.
    return fitting[0] if fitting else None


def _same(attribute: str, own: str, value: str) -> bool:
    """Whether a row's value is the contact's, written the same or another way."""
    if own == value:  # most rows of a file imported again: nothing to fold
        return True
    if attribute == "linkedin_url":
        return text.url_key(own) == text.url_key(value)
    if attribute == "name":
        return name_key(own) == name_key(value)
    return _space_key(own) == _space_key(value)


def _others(contact: Contact, emails: Iterable[str], phones: Iterable[str]) -> list[str]:
    """Paragraphs for the notes with the emails and phone numbers that neither the contact's own
    field nor its notes hold: a person has one of each here, and the others must not vanish."""
    paragraphs = []
    for what, own, values in (("email addresses", contact.email, emails), ("phone numbers", contact.phone, phones)):
        others = [v for v in values if _space_key(v) != _space_key(own)]
        if others:  # most rows have none: the notes are folded only for those that do
            notes = contact.notes.casefold()
            others = [v for v in others if v.casefold() not in notes]
        if others:
            paragraphs.append(f"Other {what}: " + ", ".join(others))
    return paragraphs


def _add_notes(contact: Contact, paragraphs: Iterable[str]) -> bool:
    added = "\n\n".join(paragraphs)
    if not added:
        return False
    contact.notes = f"{contact.notes.rstrip()}\n\n{added}" if contact.notes.strip() else added
    return True


def _stated(contact: Contact, attribute: str) -> object:
    if attribute == "cadence":
        return contact.cadence_days, contact.cadence_max_days
    return getattr(contact, attribute)


def _merge(target: _Target, row: _Row) -> tuple[list[str], list[tuple[str, str]]]:
    """Fill the target's empty fields from the row; add new tags and notes, and the row's other
    emails and phone numbers to the notes. Returns what changed, as words for the report, and
    the values not taken because the contact has another (field, value)."""
    contact, incoming = target.contact, row.contact
    changed: list[str] = []
    not_taken: list[tuple[str, str]] = []
    if not _same("name", contact.name, incoming.name):
        not_taken.append(("name", incoming.name))
    for attribute in ("company", "role", "field", "email", "phone", "linkedin_url", "address"):
        value = getattr(incoming, attribute)
        if not value:
            continue
        word = attribute.replace("_", " ")
        if not getattr(contact, attribute).strip():
            setattr(contact, attribute, value)
            changed.append(word)
        elif attribute not in ("email", "phone") and not _same(attribute, getattr(contact, attribute), value):
            not_taken.append((word, value))  # emails and phone numbers go in the notes, below
    for attribute, said in row.stated.items():
        if _stated(incoming, attribute) == _stated(contact, attribute):
            continue
        if attribute in target.stated:
            not_taken.append((STATED[attribute], said))
            continue
        if attribute == "cadence":
            contact.cadence_days, contact.cadence_max_days = incoming.cadence_days, incoming.cadence_max_days
        else:
            setattr(contact, attribute, getattr(incoming, attribute))
        target.stated.add(attribute)
        changed.append(STATED[attribute])
    own = {t.casefold() for t in contact.tags}
    new_tags = [t for t in incoming.tags if t.casefold() not in own]
    if new_tags:
        contact.tags = [*contact.tags, *new_tags]
        changed.append("tags")
    # By paragraph: a file imported again, or another file with one new line about the person,
    # adds only what the notes do not already say.
    fresh = [p for p in incoming.notes.split("\n\n") if p.strip() and p.strip() not in contact.notes]
    added = _add_notes(contact, fresh)
    if _add_notes(contact, _others(contact, row.emails, row.phones)) or added:
        changed.append("notes")
    target.emails.update(_space_key(e) for e in row.emails)
    return changed, not_taken


def _shown(value: str) -> str:
    """A value as a report line quotes it: on one line, and not too long."""
    line = " ".join(value.split())
    return line if len(line) <= 40 else line[:39] + "…"


def _with_not_taken(detail: str, not_taken: Sequence[tuple[str, str]]) -> str:
    if not not_taken:
        return detail
    said = "not taken: " + ", ".join(f"{word} '{_shown(value)}'" for word, value in not_taken)
    return f"{detail}; {said}" if detail else said


def _copy(contact: Contact) -> Contact:
    return Contact.from_doc(contact.to_doc(), contact.id)


def plan_import(
    store: Store,
    items: Sequence[Incoming],
    *,
    source: str,
    default_relationship: Relationship = Relationship.COLD,
    ignored_columns: Sequence[str] = (),
    progress: Progress | None = None,
    another: bool = False,
) -> ImportPlan:
    """Check every row and match it; the workspace (memory included) is left as it was.

    A row that matches no one known but has the name of a contact, or of an earlier row, is
    left out, unless ``another`` says that a second person of that name is meant.

    Raises InvalidInput naming the first row that cannot be imported.
    """
    plan = ImportPlan(source=source, ignored_columns=tuple(ignored_columns))
    index: dict[tuple[str, str], _Target] = {}
    by_name: dict[str, list[_Target]] = {}
    # Names as Store.named compares them, gathered once: a name looked up per row would read
    # every contact for every row.
    taken: dict[str, list[int]] = {}
    named_in_file: dict[str, str] = {}
    names: dict[int, str] | None = None
    """Referrers' names by id, read when a row merged into a contact first names one."""
    by_id: dict[int, _Target] = {}
    for known in store.contacts():
        stored = by_id[id_of(known)] = _Target(known, existing=True)
        for key in _keys(known):
            index.setdefault(key, stored)
        known_name = name_key(known.name)
        by_name.setdefault(known_name, []).append(stored)
        taken.setdefault(known_name, []).append(id_of(known))

    for done, item in enumerate(items, start=1):
        if progress is not None:
            progress("Checking", done, len(items))
        cleaned = _clean(item, default_relationship)
        if cleaned is None:
            plan.rows.append(RowOutcome(item.where, "", "skip", SKIP_NAMELESS))
            continue
        contact, emails = cleaned.contact, cleaned.emails
        found = _find(index, by_name, contact, emails)
        referrer = text.clean_line(item.referred_by, field="referred_by", limit=text.MAX_NAME)
        if isinstance(found, list) and another:
            found = None  # another person of that name, as --another says of a row matching no one
        if isinstance(found, list):
            which = ", ".join(f"id:{t.contact.id}" if t.existing else t.where for t in found)
            detail = f"could be any of {len(found)} people of that name and company: {which}; give an email to tell them apart"
            plan.rows.append(RowOutcome(item.where, contact.name, "skip", detail, SKIP_AMBIGUOUS))
            continue
        target = found
        own_name = name_key(contact.name)
        if target is None and not another and (own_name in taken or own_name in named_in_file):
            if own_name in taken:
                ids = ", ".join(f"id:{contact_id}" for contact_id in sorted(taken[own_name]))
                detail, reason = f"a contact of that name is already there: {ids}", SKIP_NAME_TAKEN
            else:
                detail, reason = f"same name as {named_in_file[own_name]}", SKIP_NAME_REPEATED
            plan.rows.append(RowOutcome(item.where, contact.name, "skip", detail, reason))
            left_out = _Target(contact, existing=False, where=item.where, left_out=True, emails=emails)
            for key in _keys(contact, emails):
                index.setdefault(key, left_out)
            continue
        if target is not None and target.left_out:
            plan.rows.append(RowOutcome(item.where, contact.name, "skip", f"same person as {target.where}", SKIP_REPEAT))
            continue
        named_in_file.setdefault(own_name, item.where)
        if target is None:
            _add_notes(contact, _others(contact, emails, cleaned.phones))
            target = _Target(contact, existing=False, where=item.where, emails=emails)
            target.stated.update(cleaned.stated)
            target.referrer, target.referrer_where = referrer, item.where
            plan._new.append(target)
            by_name.setdefault(own_name, []).append(target)
            plan.rows.append(RowOutcome(item.where, contact.name, "add"))
        else:
            if target.existing and not target.changed:
                # Work on a copy: a dry run, or a later row refused, must leave memory as it was.
                target.contact = _copy(target.contact)
            changed, not_taken = _merge(target, cleaned)
            if referrer and not target.referrer and target.contact.referred_by is None:
                target.referrer, target.referrer_where = referrer, item.where
                changed.append("referred by")
            elif referrer:
                if names is None:
                    names = store.contact_names()
                theirs = target.referrer or names.get(target.contact.referred_by or -1, "")
                if name_key(theirs) != name_key(referrer):
                    not_taken.append(("referred by", referrer))
            name = target.contact.name
            if not target.existing and changed:
                # What the row adds is stored with the person of the earlier row: not a skip.
                action, detail, reason = "merge", f"adds {', '.join(changed)} to the person of {target.where}", ""
            elif not target.existing:
                action, detail, reason = "skip", f"same person as {target.where}", SKIP_REPEAT
            elif changed:
                if not target.changed:
                    plan._updated.append(target)
                target.changed = True
                action, detail, reason = "update", "adds " + ", ".join(changed), ""
            else:
                action, detail, reason = "skip", SKIP_KNOWN, SKIP_KNOWN
            detail = _with_not_taken(detail, not_taken)
            plan.rows.append(RowOutcome(item.where, name, action, detail, reason, tuple(not_taken)))
        for key in _keys(target.contact, emails):
            index.setdefault(key, target)

    for target in [*plan._new, *plan._updated]:
        if not target.referrer:
            continue
        candidates = [t for t in by_name.get(name_key(target.referrer), []) if t is not target]
        if len(candidates) == 1:
            plan._referrals.append((target, candidates[0]))
        else:
            # Nobody (or several people) by that name: keep who it was in words, not a wrong link.
            _referred_in_words(target)
    _cut_loops(plan, by_id)
    return plan


def _referred_in_words(target: _Target) -> None:
    """Who introduced them, kept in their notes in words, where no link can say it."""
    line = f"Referred by {target.referrer}."
    if line not in target.contact.notes:
        notes = target.contact.notes.rstrip()
        target.contact.notes = f"{notes}\n\n{line}" if notes else line


def _cut_loops(plan: ImportPlan, by_id: dict[int, _Target]) -> None:
    """Leave out each link that would close a loop of referrals (two rows naming each other,
    or a row naming someone it introduced), as the contact form refuses one: in file order, a
    link is kept unless its referrer is, up the links kept so far and those already there,
    introduced through the person it would link."""
    kept: dict[int, _Target] = {}

    def above(node: _Target) -> _Target | None:
        if node.contact.referred_by is not None:
            return by_id.get(node.contact.referred_by)  # a link already there stays as it is
        return kept.get(id(node))

    referrals = []
    for target, referrer in plan._referrals:
        if target.contact.referred_by is not None:
            continue  # not linked on applying either: it has its referrer
        node: _Target | None = referrer
        seen: set[int] = set()
        while node is not None and node is not target and id(node) not in seen:
            seen.add(id(node))
            node = above(node)
        if node is target:
            plan.loops_cut.append((target.referrer_where or target.where, target.contact.name, referrer.contact.name))
            _referred_in_words(target)
            continue
        kept[id(target)] = referrer
        referrals.append((target, referrer))
    plan._referrals = referrals


def apply_plan(store: Store, plan: ImportPlan, progress: Progress | None = None) -> None:
    """Store a plan in one write of the workspace."""
    total = len(plan._new) + len(plan._updated)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress("Saving", done, total)

    links = {id(target): referrer for target, referrer in plan._referrals}
    with store.batch():
        for target in plan._new:
            referrer = links.get(id(target))
            if referrer is not None and referrer.existing:
                target.contact.referred_by = referrer.contact.id
            store.add_contact(target.contact)
            step()
        # Contacts this file adds have ids only now: link whoever they introduced.
        relinked: list[_Target] = []
        for target, referrer in plan._referrals:
            if target.contact.referred_by is None:
                target.contact.referred_by = referrer.contact.id
                if not target.existing:
                    relinked.append(target)
        for target in plan._updated:
            store.update_contact(target.contact)
            step()
        for target in relinked:
            store.update_contact(target.contact)
