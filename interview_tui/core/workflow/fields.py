"""What a person typed into a form, checked and cleaned: a contact, their tags, a conversation's
length and way to meet, the templates-and-reminders settings.

Every error is an InvalidInput naming the field, so a form can show it at that field. Nothing
here is stored (except ``set_tags``, the one box that saves as it is typed): the caller decides
whether to add or update.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .. import keep_in_touch, templates, text
from ..errors import FieldChecks, InvalidInput, NameTaken
from ..models import LONGEST_MINUTES, UNKNOWN_CONTACT, Contact, InterviewMode, Relationship, Settings, id_of
from ..store import Store

CONTACT_TEXT_FIELDS = ("name", "company", "role", "field", "email", "phone", "linkedin_url", "address")
MAX_CONTACT_NOTES = 20_000
"""Notes about a person (not a conversation): several paragraphs, not a book."""


def contact_from_fields(
    store: Store,
    values: Mapping[str, str],
    existing: Contact | None = None,
    *,
    another: bool = False,
    how_to_add_another: str = "",
) -> Contact:
    """Check and clean what a person typed for a contact; raise InvalidInput naming the field.

    ``values`` may hold any of CONTACT_TEXT_FIELDS plus ``relationship``, ``referred_by`` (a
    name) and ``cadence`` (keep-in-touch text such as "6w / 3mo", "off", or "" for the default).
    Nothing is stored: the caller decides whether to add or update.

    A new contact (no ``existing``) with the exact name of one already there is refused
    (``NameTaken``, its message ending with ``how_to_add_another``) unless ``another`` says a
    second person of that name is meant. A name of the form id:N is refused always: id:N
    means the contact with that id wherever a contact is named.
    """
    contact = Contact(name="") if existing is None else Contact.from_doc(existing.to_doc(), existing.id)
    # Every field is checked, whichever are refused: the form shows them all at once.
    checks = FieldChecks()
    for name in CONTACT_TEXT_FIELDS:
        if name not in values:
            continue
        raw = values[name] or ""
        with checks.at(name):
            if name == "name":
                cleaned = text.clean_name(raw)
                if existing is None or cleaned != existing.name:
                    _check_new_name(store, cleaned, existing, another=another, how_to_add_another=how_to_add_another)
            elif name == "email":
                cleaned = text.clean_email(raw)
            elif name == "address":
                cleaned = text.clean_notes(raw).strip()
                if len(cleaned) > text.MAX_LINE:
                    raise InvalidInput(f"The address is too long; keep it under {text.MAX_LINE} characters.", field="address")
            else:
                cleaned = text.clean_line(raw, field=name)
            setattr(contact, name, cleaned)
    if "notes" in values:
        notes = text.clean_notes(values["notes"] or "").strip()
        with checks.at("notes"):
            if len(notes) > MAX_CONTACT_NOTES:
                raise InvalidInput(
                    f"The notes are too long; keep them under {MAX_CONTACT_NOTES:,} characters.", field="notes"
                )
            contact.notes = notes
    if not contact.name and not any(refusal.field == "name" for refusal in checks.refusals):
        checks.refusals.append(InvalidInput("A name is required.", field="name"))
    if values.get("relationship"):
        with checks.at("relationship"):
            try:
                contact.relationship = Relationship(values["relationship"].strip().casefold())
            except ValueError:
                choices = ", ".join(r.value for r in Relationship)
                raise InvalidInput(
                    f"'{values['relationship']}' is not a relationship; choose one of {choices}.",
                    field="relationship",
                ) from None
    if "cadence" in values:
        with checks.at("cadence"):
            contact.cadence_days, contact.cadence_max_days = keep_in_touch.parse_cadence(values["cadence"] or "")
    if "referred_by" in values:
        with checks.at("referred_by"):
            contact.referred_by = _referrer_id(store, values["referred_by"] or "", existing)
    checks.refuse_any()
    return contact


def _check_new_name(
    store: Store, name: str, existing: Contact | None, *, another: bool, how_to_add_another: str
) -> None:
    check_not_an_id(name)
    if not another and name:
        # A new name for someone already there (an edit) is the same ambiguity as a new person.
        same = [c for c in store.named(name) if existing is None or c.id != existing.id]
        if same:
            raise NameTaken(same[0].name, [id_of(c) for c in same], how_to_add_another)


ID_LIKE = re.compile(r"id:\d+")
"""How a contact is given by id (``Store.find_contact``), case and spaces aside."""


def check_not_an_id(name: str) -> None:
    """Refuse a name of the form id:N, which stands for the contact with id N (``Store.find_contact``)."""
    if ID_LIKE.fullmatch(" ".join(name.split()).casefold()):
        raise InvalidInput(
            f"{name} cannot be a name: id:N stands for the contact with id N, so no one could find "
            "this contact by it. Write the name another way.",
            field="name",
        )


def _referrer_id(store: Store, typed: str, existing: Contact | None) -> int | None:
    """The id of the contact named as the referrer (None for no one); InvalidInput when that
    names nobody, or the contact being edited."""
    referrer_name = text.clean_line(typed, field="referred_by", limit=text.MAX_NAME)
    if not referrer_name:
        return None
    if existing is not None and _still_names(store, existing.referred_by, referrer_name):
        # The edit form sends the referrer back by name: an unchanged name keeps the link,
        # even when another contact has the same name.
        return existing.referred_by
    try:
        referrer = store.find_contact(referrer_name)
    except LookupError as exc:
        raise InvalidInput(f"{exc} Leave it empty, or give someone in the contact list.", field="referred_by") from None
    if existing is not None and referrer.id == existing.id:
        raise InvalidInput("A contact cannot refer themselves.", field="referred_by")
    if existing is not None and existing.id is not None:
        _refuse_a_loop(store, referrer, existing)
    return referrer.id


def _refuse_a_loop(store: Store, referrer: Contact, existing: Contact) -> None:
    """InvalidInput when ``existing`` is among those who introduced ``referrer``: you met one of
    them first, so they cannot have been introduced the other way round as well."""
    chain = [referrer, *store.introducers(id_of(referrer))]
    ids = [contact.id for contact in chain]
    if existing.id not in ids:
        return
    through = ids.index(existing.id)
    names = " → ".join(contact.name for contact in reversed(chain[: through + 1]))
    raise InvalidInput(
        f"{referrer.name} was introduced through {existing.name} ({names}), so cannot have "
        f"introduced them too. Leave it empty, or give who really introduced {existing.name}.",
        field="referred_by",
    )


def _still_names(store: Store, contact_id: int | None, name: str) -> bool:
    if contact_id is None:
        return False
    try:
        current = store.contact(contact_id).name
    except LookupError:
        current = UNKNOWN_CONTACT  # the form showed a link to no one as such: keep it as it is
    return " ".join(current.split()).casefold() == " ".join(name.split()).casefold()


MAX_TAG = 40
MAX_TAGS = 30


def parse_tags(typed: str) -> list[str]:
    """Tags as typed in one box, a leading # optional, each kept in the case it was first
    written; the same tag twice (any case) counts once. With a comma in the text, commas separate
    them, and the words of one are joined by hyphens ("UX Research" is UX-Research: the filter's
    #tag is one word); a word that starts with # starts a tag of its own. With none, spaces
    separate them."""
    cleaned = text.clean_line(typed, field="tags", limit=MAX_TAGS * (MAX_TAG + 2))
    if "," in cleaned:
        return tags_from_list(cleaned.split(","))
    return _checked_tags(cleaned.split())


def tags_from_list(parts: Iterable[str]) -> list[str]:
    """Tags a file lists one by one (a CSV's tags column, a vCard's CATEGORIES), read as the
    parts of a box typed with commas: the words of one are joined by hyphens ("job search" is
    job-search), a word that starts with # starts a tag of its own, and the same limits hold."""
    # No limit on the text of a part: a tag too long is refused as one, by its own limit.
    cleaned = (text.clean_line(part, field="tags", limit=10**9) for part in parts)
    return _checked_tags("-".join(words) for part in cleaned for words in _hashed_apart(part.split()))


def _checked_tags(typed_tags: Iterable[str]) -> list[str]:
    tags: dict[str, str] = {}
    for raw in typed_tags:
        tag = raw.lstrip("#")
        if not tag:
            continue
        if len(tag) > MAX_TAG:
            raise InvalidInput(f"The tag '{tag[:20]}…' is too long; keep tags to {MAX_TAG} characters.", field="tags")
        if ":" in tag:
            # The filter box reads "rel:" and "stage:" terms; a tag with a colon could not be found.
            raise InvalidInput(f"A tag cannot contain ':' ('{tag}'); use '-' instead.", field="tags")
        tags.setdefault(tag.casefold(), tag)
    if len(tags) > MAX_TAGS:
        raise InvalidInput(f"That is {len(tags)} tags; keep it to {MAX_TAGS}.", field="tags")
    return list(tags.values())


def _hashed_apart(words: list[str]) -> list[list[str]]:
    """``words`` in runs, each begun by a word that starts with # (or by the first word), the #
    left out ("# UX" is UX)."""
    runs: list[list[str]] = []
    for word in words:
        if word.startswith("#") or not runs:
            runs.append([])
        if word.lstrip("#"):
            runs[-1].append(word.lstrip("#"))
    return runs


def set_tags(store: Store, contact_id: int, typed: str) -> Contact:
    """Replace the contact's tags with those typed (adding and removing in one go)."""
    contact = store.contact(contact_id)
    tags = parse_tags(typed)
    with store.change(f"Tags of {contact.name}"):
        contact.tags = tags
        return store.update_contact(contact)


def mode_of(value: InterviewMode | str) -> InterviewMode:
    """A way to meet, as typed, by value or by label as shown ("in person", "In-person");
    InvalidInput naming the choices when it is none of them."""
    if isinstance(value, InterviewMode):
        return value
    try:
        return InterviewMode("_".join(str(value).strip().casefold().replace("-", " ").split()))
    except ValueError:
        choices = ", ".join(m.value for m in InterviewMode)
        raise InvalidInput(f"'{value}' is not a way to meet; choose one of {choices}.", field="mode") from None


USUAL_MINUTES = 20
"""A conversation's length when none is given: the twenty minutes the method asks for."""


def minutes_of(value: int | str) -> int:
    """A conversation's length, as typed (left empty: the usual twenty, which the forms show in
    the empty field); InvalidInput when it is not one."""
    if not str(value).strip():
        return USUAL_MINUTES
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"'{value}' is not a number of minutes; the usual is {USUAL_MINUTES}.", field="minutes") from None
    if not 1 <= minutes <= LONGEST_MINUTES:
        raise InvalidInput(
            f"A conversation lasts between 1 and {LONGEST_MINUTES} minutes; the usual is {USUAL_MINUTES}.", field="minutes"
        )
    return minutes


def range_length(slot: int, when_text: str) -> int:
    """The length a range typed as the date gives ("wed 2-2:30pm"); InvalidInput, pointing at
    the date, when no conversation can last that long."""
    if not 1 <= slot <= LONGEST_MINUTES:
        typed = text.clean_line(when_text, field="when")
        raise InvalidInput(
            f"'{typed}' is {slot} minutes; a conversation lasts between 1 and {LONGEST_MINUTES}.", field="when"
        )
    return slot


def settings_from_fields(store: Store, values: Mapping[str, str]) -> Settings:
    """Check the templates-and-reminders form; InvalidInput names the field that is wrong.

    Nothing is stored, and the settings in use are not touched: the store hands out its own
    record, so changing that one field by field would leave a half-applied form in memory
    (and in the next save) when a later field is refused.
    """
    current = store.settings()
    settings = Settings.from_doc(current.to_doc(), current.id)
    checks = FieldChecks()
    if "my_name" in values:
        with checks.at("my_name"):
            settings.my_name = text.clean_line(values["my_name"], field="my_name", limit=text.MAX_NAME)
    if "template" in values:
        template = text.clean_notes(values["template"]).strip("\n")
        with checks.at("template"):
            settings.ask_template = "" if template == templates.DEFAULT_ASK else templates.check(template)
    for name in ("nudge_days", "thank_you_days"):
        if name in values:
            with checks.at(name):
                setattr(settings, name, _days(values[name], field=name))
    checks.refuse_any()
    if "thank_you_channel" in values:
        settings.thank_you_handwritten = values["thank_you_channel"] != "email"
    return settings


def _days(value: str, *, field: str) -> int:
    if not value.strip():
        raise InvalidInput("Type a number of days, from 0 to 365.", field=field)
    try:
        days = int(value.strip())
    except ValueError:
        raise InvalidInput(f"'{value.strip()}' is not a number of days.", field=field) from None
    if not 0 <= days <= 365:
        raise InvalidInput("Give a number of days from 0 to 365.", field=field)
    return days
