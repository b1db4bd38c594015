"""The domain records: plain dataclasses that the store turns into JSON documents and back."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self


class LabelledEnum(enum.StrEnum):
    """An enum whose stored value is a stable identifier and whose label is for people."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Stage(LabelledEnum):
    IDENTIFIED = "identified"
    ASKED = "asked"
    SCHEDULED = "scheduled"
    INTERVIEWED = "interviewed"
    THANKED = "thanked"
    KEEPING_IN_TOUCH = "keeping_in_touch"
    DECLINED = "declined"
    CLOSED = "closed"


#: The forward path of the method; declined and closed stand outside it.
STAGE_ORDER: tuple[Stage, ...] = (
    Stage.IDENTIFIED,
    Stage.ASKED,
    Stage.SCHEDULED,
    Stage.INTERVIEWED,
    Stage.THANKED,
    Stage.KEEPING_IN_TOUCH,
)


class Relationship(LabelledEnum):
    FRIEND = "friend"
    FAMILY = "family"
    CLASSMATE = "classmate"
    COLLEAGUE = "colleague"
    ALUMNI = "alumni"
    REFERRAL = "referral"
    COLD = "cold"


class InterviewStatus(LabelledEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class InterviewMode(LabelledEnum):
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"


class FollowUpKind(LabelledEnum):
    THANK_YOU = "thank_you"
    NUDGE = "nudge"
    CHECK_IN = "check_in"
    REFERRAL = "referral"
    UPDATE = "update"
    CUSTOM = "custom"


class TouchKind(LabelledEnum):
    ASKED = "asked"
    REPLIED = "replied"
    MET = "met"
    THANKED = "thanked"
    UPDATED = "updated"


class Record:
    """Mixin that converts a dataclass to a JSON-ready document and back.

    Dates are stored as ISO-8601 strings and enums by value, so the file stays readable and
    diffable. Unknown keys in a document are ignored, which lets an older build read a file that
    a newer minor version extended with optional fields.
    """

    __slots__ = ()
    id: int | None

    def to_doc(self, *, complete: bool = False) -> dict[str, Any]:
        """The stored form. A field at its default value is left out (reading puts the default
        back): most fields of most records are empty, and leaving them out made the benchmark
        workspace a quarter smaller, so quicker to open and to save. ``complete`` keeps every
        field, for output that scripts read (``list --json``)."""
        doc: dict[str, Any] = {}
        defaults = {} if complete else type(self)._stored_defaults()
        for name in type(self)._field_names_sorted():
            value = _encode(getattr(self, name))
            if name in defaults and value == defaults[name]:
                continue
            doc[name] = value
        return doc

    @classmethod
    def _field_names_sorted(cls) -> tuple[str, ...]:
        """The stored fields in name order: the file is written in the order of its dictionaries
        (see storage.encode), and this keeps a record's lines in the same order on every save."""
        names = cls.__dict__.get("_sorted_field_names")
        if names is None:
            names = tuple(sorted(f.name for f in dataclasses.fields(cls) if f.name != "id"))  # type: ignore[arg-type]
            cls._sorted_field_names = names  # type: ignore[attr-defined]
        return names

    @classmethod
    def _stored_defaults(cls) -> dict[str, Any]:
        """Each optional field's default, as stored (worked out once per class)."""
        stored = cls.__dict__.get("_stored_default_values")
        if stored is None:
            stored = {}
            for f in dataclasses.fields(cls):  # type: ignore[arg-type]
                if f.default is not dataclasses.MISSING:
                    stored[f.name] = _encode(f.default)
                elif f.default_factory is not dataclasses.MISSING:
                    stored[f.name] = _encode(f.default_factory())
            cls._stored_default_values = stored  # type: ignore[attr-defined]
        return stored

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int | None = None) -> Self:
        """The record a stored document describes. Raises TypeError or ValueError when the
        document cannot be one (a required field missing, a date or an enum value unreadable)."""
        return cls.doc_reader()(doc, doc_id)

    @classmethod
    def doc_reader(cls) -> Callable[[dict[str, Any], int | None], Self]:
        """``from_doc`` as a plain function, for loops over thousands of documents."""
        reader = cls.__dict__.get("_doc_reader")
        if reader is None:
            reader = _compile_reader(cls, cls._decoders())
            cls._doc_reader = reader  # type: ignore[attr-defined]
        return reader

    @classmethod
    def _decoders(cls) -> list[tuple[str, Callable[[Any], Any] | None]]:
        """Per field, the function that turns its JSON value back into Python (None: as is).

        Worked out once per class: loading 10,000 contacts at start-up must not re-inspect
        type hints 10,000 times.
        """
        plan = cls.__dict__.get("_decoder_plan")
        if plan is None:
            hints = typing.get_type_hints(cls)
            plan = [
                (f.name, _decoder(hints[f.name]))
                for f in dataclasses.fields(cls)  # type: ignore[arg-type]
                if f.name != "id"
            ]
            cls._decoder_plan = plan  # type: ignore[attr-defined]
        return plan


def _compile_reader(cls: type, plan: list[tuple[str, Callable[[Any], Any] | None]]) -> Callable[..., Any]:
    """A function ``(doc, doc_id) -> record`` written out for ``cls``'s fields.

    Start-up decodes every record of the workspace (35,000 at 10,000 contacts), so the per-field
    loop of the general case is unrolled, as dataclasses does for ``__init__``. The result is the
    same: a field missing from the document takes its default, a value of None stays None
    whatever the field's type, others go through their decoder; a required field missing is the
    dataclass's own TypeError (the general case raises it).
    """
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    missing = object()
    namespace: dict[str, Any] = {"cls": cls, "missing": missing}
    values = {"id": "doc_id"}
    for number, (name, decode) in enumerate(plan):
        f = fields[name]
        decoded = "v" if decode is None else f"decode_{number}(v)"
        if decode is not None:
            namespace[f"decode_{number}"] = decode
        if f.default is not dataclasses.MISSING:
            namespace[f"default_{number}"] = f.default
            if decode is None:
                values[name] = f"get({name!r}, default_{number})"
            else:
                values[name] = (
                    f"default_{number} if (v := get({name!r}, missing)) is missing "
                    f"else None if v is None else {decoded}"
                )
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"factory_{number}"] = f.default_factory
            values[name] = (
                f"factory_{number}() if (v := get({name!r}, missing)) is missing "
                f"else None if v is None else {decoded}"
            )
        elif decode is None:
            values[name] = f"doc[{name!r}]"
        else:
            values[name] = f"None if (v := doc[{name!r}]) is None else {decoded}"
    # Positional arguments in the order of __init__ (keyword matching costs more than the rest
    # of a small record); keyword-only fields by name. The walrus reads each value once, in order.
    arguments = [
        values[f.name] if not f.kw_only else f"{f.name}={values[f.name]}"
        for f in fields.values()
        if f.init
    ]

    def general(doc: dict[str, Any], doc_id: int | None) -> Any:
        values: dict[str, Any] = {}
        for name, decode in plan:
            if name in doc:
                value = doc[name]
                values[name] = value if decode is None or value is None else decode(value)
        return cls(id=doc_id, **values)

    namespace["general"] = general
    body = ",\n            ".join(arguments)
    source = (
        "def read(doc, doc_id=None):\n"
        "    get = doc.get\n"
        "    try:\n"
        f"        return cls(\n            {body},\n        )\n"
        "    except KeyError:\n"
        "        # A required field is missing: the general case raises the dataclass's TypeError.\n"
        "        return general(doc, doc_id)\n"
    )
    exec(source, namespace)  # noqa: S102 - source built above from the dataclass's own field names
    reader = namespace["read"]
    reader.__qualname__ = f"{cls.__name__}.read"
    return reader


def _decoder(hint: Any) -> Callable[[Any], Any] | None:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decoder(inner[0]) if len(inner) == 1 else None
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        item_decoder = _decoder(item)
        if item_decoder is None:
            return list
        return lambda values: [item_decoder(v) for v in values]
    if origin is dict:
        return dict
    if hint is datetime:
        return datetime.fromisoformat
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_decoder(hint)
    return None


def _enum_decoder(enum_type: type[enum.Enum]) -> Callable[[Any], Any]:
    """``enum_type(value)`` by a dictionary look-up (a tenth of the time), falling back to the
    constructor for anything unknown so that the error stays the enum's own ValueError."""
    members = enum_type._value2member_map_

    def decode(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):  # TypeError: an unhashable value such as a list
            return enum_type(value)

    return decode


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(value[k]) for k in sorted(value)}
    return value


@dataclass(slots=True)
class Contact(Record):
    """A person the user may talk to, and where they stand in the method."""

    name: str
    id: int | None = None
    company: str = ""
    role: str = ""
    field: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    address: str = ""
    """Mailing address: thank-you notes are handwritten."""
    relationship: Relationship = Relationship.COLD
    referred_by: int | None = None
    """Id of the contact who introduced this person."""
    stage: Stage = Stage.IDENTIFIED
    tags: list[str] = dataclasses.field(default_factory=list)
    notes: str = ""
    """About the person rather than a conversation: who introduced them, how you know them."""
    cadence_days: int | None = None
    """Keep in touch every this many days; None: the relationship's default; 0: never."""
    cadence_max_days: int | None = None
    """At most this many days without contact; None: twice the ideal."""
    created: datetime | None = None
    updated: datetime | None = None

    @property
    def company_role(self) -> str:
        if self.company and self.role:
            return f"{self.role}, {self.company}"
        return self.company or self.role


@dataclass(slots=True)
class Interview(Record):
    """One conversation (planned or held) with a contact, and the notes taken for it."""

    contact_id: int
    when: datetime
    id: int | None = None
    minutes: int = 20
    mode: InterviewMode = InterviewMode.VIDEO
    where: str = ""
    status: InterviewStatus = InterviewStatus.PLANNED
    question_ids: list[int] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)
    """Answer text by question id (as a string: JSON object keys are strings)."""
    notes: str = ""
    takeaways: str = ""
    updated: datetime | None = None


@dataclass(slots=True)
class Question(Record):
    text: str
    order: int
    id: int | None = None
    active: bool = True


@dataclass(slots=True)
class FollowUp(Record):
    """Something to do for a contact by a date: a thank-you, a nudge, a check-in."""

    contact_id: int
    due: datetime
    id: int | None = None
    kind: FollowUpKind = FollowUpKind.CUSTOM
    interview_id: int | None = None
    note: str = ""
    done_at: datetime | None = None
    recurrence: str = ""
    """An RFC 5545 RRULE, empty when the follow-up happens once."""
    channel: str = ""
    """How a thank-you is sent: "handwritten" (the method's advice) or "email"."""
    from_cadence: bool = False
    """A check-in the contact's keep-in-touch cadence asked for (see core/keep_in_touch.py)."""
    message: str = ""
    """A message drafted to send (the update to everyone who helped), several lines."""
    created: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.done_at is None


@dataclass(slots=True)
class Touch(Record):
    """A moment of contact with a person; cadence and "last in touch" are computed from these."""

    contact_id: int
    kind: TouchKind
    at: datetime
    id: int | None = None
    note: str = ""


@dataclass(slots=True)
class Settings(Record):
    """The user's own choices; one record. Missing keys take these defaults."""

    id: int | None = None
    my_name: str = ""
    """Signs the messages the templates write."""
    ask_template: str = ""
    """The ask for 20 minutes; empty means the method's default wording."""
    update_template: str = ""
    nudge_days: int = 5
    """Days without a reply after an ask before a nudge is due."""
    thank_you_days: int = 1
    """Days after a conversation that its thank-you note is due."""
    thank_you_handwritten: bool = True
    """The method advises a handwritten note; email is the alternative."""
    dayfirst: bool = False
    """How to read an ambiguous numeric date such as 03/04: month first unless this is set."""
