"""The domain records: plain structs (msgspec's, so that opening can read the file straight into
them, see typed_read.py) that the store turns into JSON documents and back."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from datetime import datetime
from operator import attrgetter
from typing import Annotated, Any, ClassVar, Self

from . import lean_msgspec  # noqa: F401 - before msgspec: see there

# isort: split
import msgspec


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


UNKNOWN_CONTACT = "unknown contact"
"""How a link to a contact no longer in the workspace reads (a merge may drop a contact that
others still point at: their referrer, a conversation's or a follow-up's contact). Such a link
is kept as it is, not a reason to refuse the file."""


Whole = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
"""A whole number the file's encoder can write back: a larger one would open, and then no change
could ever be saved."""
CadenceDays = Annotated[int, msgspec.Meta(ge=0, le=3650)]
"""Days between contacts: at most ten years, as the forms accept."""
LONGEST_MINUTES = 600
"""The longest a conversation can be, in minutes."""
Minutes = Annotated[int, msgspec.Meta(ge=1, le=LONGEST_MINUTES)]
"""A conversation's length: 1 to LONGEST_MINUTES, as the forms accept."""
Sequence = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]
"""How many times a calendar event was changed: what a calendar file can carry (RFC 5545)."""
DaysOfYear = Annotated[int, msgspec.Meta(ge=0, le=365)]
"""Days before a nudge or a thank-you: at most a year."""
Local = Annotated[datetime, msgspec.Meta(tz=False)]
"""A local date and time, with no time zone, as every date the program works out is (one with
a zone could not even be compared with them)."""
# The types of the fields say their bounds: msgspec checks them as it reads a file (in C), and
# the records' own readers (a file it could not read) check them with ``out_of_bounds``. A
# number far outside them would pass the type check and break date arithmetic far from where
# it was read.


class Record:
    """Mixin that converts a record to a JSON-ready document and back.

    Dates are stored as ISO-8601 strings and enums by value, so the file stays readable and
    diffable. Unknown keys in a document are ignored, which lets an older build read a file that
    a newer minor version extended with optional fields.
    """

    __slots__ = ()
    id: int | None
    # What each class works out once about its own fields (see the methods below). Read through
    # ``cls.__dict__``, so that a subclass never uses its parent's.
    _sorted_field_names: ClassVar[tuple[str, ...]]
    _stored_default_values: ClassVar[dict[str, Any]]
    _doc_reader: ClassVar[Callable[..., Any]]
    _decoder_plan: ClassVar[list[tuple[str, Callable[[Any], Any] | None]]]
    _resolved_hints: ClassVar[dict[str, Any]]

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
            names = tuple(sorted(f.name for f in _fields(cls) if f.name != "id"))
            cls._sorted_field_names = names
        return names

    @classmethod
    def _stored_defaults(cls) -> dict[str, Any]:
        """Each optional field's default, as stored (worked out once per class)."""
        stored = cls.__dict__.get("_stored_default_values")
        if stored is None:
            stored = {}
            for f in _fields(cls):
                if f.default is not msgspec.NODEFAULT:
                    stored[f.name] = _encode(f.default)
                elif f.default_factory is not msgspec.NODEFAULT:
                    stored[f.name] = _encode(f.default_factory())
            cls._stored_default_values = stored
        return stored

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int | None = None) -> Self:
        """The record a stored document describes. Raises BadField (a TypeError and a ValueError)
        naming the first field that cannot be read: a required one missing, a value of the wrong
        type (1 for text, true for a number, null where the type has no None), a date or an enum
        value unreadable."""
        return cls.doc_reader()(doc, doc_id)

    @classmethod
    def doc_reader(cls) -> Callable[[dict[str, Any], int | None], Self]:
        """``from_doc`` as a plain function, for loops over thousands of documents."""
        reader = cls.__dict__.get("_doc_reader")
        if reader is None:
            reader = _compile_reader(cls, cls._decoders())
            cls._doc_reader = reader
        return reader

    @classmethod
    def _decoders(cls) -> list[tuple[str, Callable[[Any], Any] | None]]:
        """Per field, the function that turns its JSON value back into Python (None: as is).

        Worked out once per class: loading 10,000 contacts at start-up must not re-inspect
        type hints 10,000 times.
        """
        plan = cls.__dict__.get("_decoder_plan")
        if plan is None:
            hints = cls._type_hints()
            plan = [
                (f.name, _decoder(hints[f.name]))
                for f in _fields(cls)
                if f.name != "id"
            ]
            cls._decoder_plan = plan
        return plan

    @classmethod
    def _type_hints(cls) -> dict[str, Any]:
        """The fields' types, resolved once per class (it costs a millisecond at start-up)."""
        hints = cls.__dict__.get("_resolved_hints")
        if hints is None:
            hints = typing.get_type_hints(cls)
            cls._resolved_hints = hints
        return hints


class _Field(typing.NamedTuple):
    """What the readers and ``to_doc`` need to know of a field, worked out from the record's
    struct (a field with no default has ``msgspec.NODEFAULT``). Not in ``dataclasses``' terms:
    that module (and ``inspect``, which it imports) would cost `due` 13 ms of its start."""

    name: str
    default: Any
    default_factory: Any
    init: bool = True
    kw_only: bool = False


def _fields(cls: type) -> tuple[_Field, ...]:
    """The fields of a Record subclass, in the order of its ``__init__``."""
    return tuple(
        _Field(
            f.name,
            f.default,
            f.default_factory,
        )
        for f in msgspec.structs.fields(cls)
    )


def id_of(record: Record) -> int:
    """The id of a record that has been stored. A record gets its id when the store inserts it,
    so ``id`` is None before that (and stays None for a follow-up the queue works out from a
    cadence); a call that needs the id of a stored record asks for it here rather than passing
    None on to be stored as a link to nothing."""
    if record.id is None:
        raise ValueError(f"this {type(record).__name__.lower()} has not been stored: it has no id yet")
    return record.id


_MISSING: Any = object()


class BadField(TypeError, ValueError):
    """A stored value its field cannot hold (or a required field missing): names the field,
    what it should hold and what it holds. A TypeError and a ValueError both, as the errors of
    decoding a record always were, so every caller that refused those refuses this."""

    def __init__(self, field: str, expected: str, value: Any = _MISSING) -> None:
        self.field = field
        self.expected = expected
        self.value = value
        if value is _MISSING:
            super().__init__(f'field "{field}" is missing (it must hold {expected})')
        else:
            super().__init__(f'field "{field}": expected {expected}, found {describe_value(value)}')


def describe_value(value: Any) -> str:
    """A stored value as the message refusing it shows it: its kind in words, then itself."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    import json  # only to say what a refused file holds: not loaded at start-up

    shown = json.dumps(value, ensure_ascii=False, default=repr)
    if len(shown) > 40:
        shown = shown[:39] + "…"
    if isinstance(value, str):
        return f"text ({shown})"
    if isinstance(value, list):
        return f"a list ({shown})"
    if isinstance(value, dict):
        return f"an object ({shown})"
    return f"{type(value).__name__} ({shown})"


class _Check(typing.NamedTuple):
    """What a field may hold, as the file stores it: the kind of value, whether null is allowed,
    and for lists and objects the check of each item (for enums, the enum)."""

    kind: str
    """text, int, bool, datetime, enum, list, dict or any."""
    optional: bool = False
    item: Any = None

    def expected(self) -> str:
        words = {
            "text": "text",
            "int": "a whole number",
            "bool": "true or false",
            "datetime": "a date and time such as 2026-11-25T10:00:00",
            "any": "any value",
        }.get(self.kind)
        if self.kind == "enum":
            words = "one of " + ", ".join(f'"{member.value}"' for member in self.item)
        elif self.kind == "list":
            words = "a list" if self.item.kind == "any" else f"a list of {_plural_words(self.item)}"
        elif self.kind == "dict":
            words = "an object" if self.item.kind == "any" else f"an object whose values are {_plural_words(self.item)}"
        return f"{words} or null" if self.optional else str(words)

    def holds(self, value: Any) -> bool:
        """Whether ``value`` may be stored in the field (the slow, plain form of the reader's check)."""
        if value is None:
            return self.optional or self.kind == "any"
        kind = self.kind
        if kind == "text":
            return type(value) is str
        if kind == "int":
            return type(value) is int
        if kind == "bool":
            return type(value) is bool
        if kind == "datetime":
            if type(value) is not str:
                return False
            try:
                datetime.fromisoformat(value)
            except ValueError:
                return False
            return True
        if kind == "enum":
            return type(value) is str and value in self.item._value2member_map_
        if kind == "list":
            return type(value) is list and all(self.item.holds(v) for v in value)
        if kind == "dict":
            return type(value) is dict and all(type(k) is str and self.item.holds(v) for k, v in value.items())
        return True


def _plural_words(check: _Check) -> str:
    return {"text": "text", "int": "whole numbers", "bool": "true or false"}.get(check.kind, check.expected())


def _check_for(hint: Any) -> _Check:
    """The check of a field from its type hint (anything else is taken as it is)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(inner) == 1:
            return _check_for(inner[0])._replace(optional=True)
        return _Check("any")
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return _Check("list", item=_check_for(item))
    if origin is dict:
        args = typing.get_args(hint)
        return _Check("dict", item=_check_for(args[1] if len(args) == 2 else Any))
    if hint is str:
        return _Check("text")
    if hint is bool:
        return _Check("bool")
    if hint is int:
        return _Check("int")
    if hint is datetime:
        return _Check("datetime")
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _Check("enum", item=hint)
    return _Check("any")


_ONLY = {kind: {cls} for kind, cls in (("text", str), ("int", int), ("bool", bool))}
"""The one type every item of a list of text (numbers, flags) has: checked in bulk as the set of
the items' types, at C speed (a conversation's answers are a few kilobytes of text)."""


def _container_reader(check: _Check) -> Callable[[Any], Any]:
    """Checks a list or an object and its items, and returns a copy (the record must not share
    it with the stored document, which stays as it was read until the record is saved)."""
    item = check.item
    only = _ONLY.get(item.kind)
    if only is not None and check.kind == "list":

        def read_list(value: Any) -> Any:
            if type(value) is not list or (value and set(map(type, value)) != only):
                raise ValueError(value)
            return value.copy()

        return read_list
    if only is not None:

        def read_dict(value: Any) -> Any:
            if type(value) is not dict or (value and set(map(type, value.values())) != only):
                raise ValueError(value)
            return value.copy()  # its keys are text: JSON has no other

        return read_dict
    convert = {"datetime": datetime.fromisoformat, "enum": item.item}.get(item.kind)
    plain = check._replace(optional=False)

    def read_items(value: Any) -> Any:
        if not plain.holds(value):
            raise ValueError(value)
        if check.kind == "dict":
            return {k: v if convert is None or v is None else convert(v) for k, v in value.items()}
        return [v if convert is None or v is None else convert(v) for v in value]

    return read_items


def _compile_reader(cls: type[Record], plan: list[tuple[str, Callable[[Any], Any] | None]]) -> Callable[..., Any]:
    """A function ``(doc, doc_id) -> record`` written out for ``cls``'s fields, which refuses a
    document whose fields do not hold what their types say, with a BadField naming the first
    such field.

    Start-up decodes every record of the workspace (35,000 at 10,000 contacts), so the per-field
    loop of the general case is unrolled, as dataclasses does for ``__init__``, and each check is
    the cheapest test that is exact: ``type(v) is str`` (so true is not a number, and 1 is not
    text), an enum by a look-up among its values. A field missing from the document takes its
    default; null is accepted only where the type allows it (a null stage or name would fail
    later, far from its cause). Anything wrong is worked out again, slowly, by ``_problem``.
    """
    fields = {f.name: f for f in _fields(cls)}
    hints = cls._type_hints()
    missing = object()
    checks = {name: _check_for(hints[name]) for name, _ in plan}
    required = [
        name
        for name in checks
        if fields[name].default is msgspec.NODEFAULT and fields[name].default_factory is msgspec.NODEFAULT
    ]
    namespace: dict[str, Any] = {
        "cls": cls,
        "missing": missing,
        "fromiso": datetime.fromisoformat,
        "problem": lambda doc: _problem(checks, required, doc),
        "type": type,
        "bad": _bad,
        "str": str,
        "int": int,
        "bool": bool,
        "list": list,
        "dict": dict,
        "set": set,
        "map": map,
    }
    values = {"id": "doc_id"}
    for number, name in enumerate(checks):
        f = fields[name]
        check = checks[name]
        if check.kind == "enum":
            namespace[f"members_{number}"] = check.item._value2member_map_
        elif check.kind in ("list", "dict"):
            namespace[f"decode_{number}"] = _container_reader(check)
            namespace[f"only_{number}"] = _ONLY.get(check.item.kind)
        if f.default is not msgspec.NODEFAULT:
            namespace[f"default_{number}"] = f.default
            if check.kind in _CLASS_CHECKED or check.kind == "any":
                # A default passes its own check: read it as any value, in one look-up.
                default = f"default_{number}"
                if type(f.default) in (str, int, bool, type(None)):
                    default = repr(f.default)  # a constant: no look-up at all
                values[name] = _checked(check, number, f"get({name!r}, {default})")
            else:
                values[name] = (
                    f"default_{number} if (v := get({name!r}, missing)) is missing else "
                    + _checked(check, number, "v")
                )
        elif f.default_factory is not msgspec.NODEFAULT:
            namespace[f"factory_{number}"] = f.default_factory
            values[name] = (
                f"factory_{number}() if (v := get({name!r}, missing)) is missing else " + _checked(check, number, "v")
            )
        else:
            values[name] = _checked(check, number, f"doc[{name!r}]")
    # Positional arguments in the order of __init__ (keyword matching costs more than the rest
    # of a small record); keyword-only fields by name. The walrus reads each value once, in order.
    arguments = [
        f"({values[f.name]})" if not f.kw_only else f"{f.name}=({values[f.name]})"
        for f in fields.values()
        if f.init
    ]
    body = ",\n            ".join(arguments)
    source = (
        "def read(doc, doc_id=None):\n"
        "    get = doc.get\n"
        "    try:\n"
        f"        return cls(\n            {body},\n        )\n"
        "    except Exception as error:\n"
        "        # A field missing or holding what it cannot (a look-up or a check failed): say which.\n"
        "        found = problem(doc)\n"
        "        if found is None:\n"
        "            raise\n"
        "        raise found from None\n"
    )
    exec(source, namespace)  # noqa: S102 - source built above from the dataclass's own field names
    reader: Callable[..., Any] = namespace["read"]
    reader.__qualname__ = f"{cls.__name__}.read"
    return reader


def _problem(checks: dict[str, _Check], required: list[str], doc: Any) -> BadField | None:
    """The first field of ``doc`` that cannot be read (None when every field can)."""
    if not isinstance(doc, dict):
        return None
    for name, check in checks.items():
        if name not in doc:
            if name in required:
                return BadField(name, check.expected())
        elif not check.holds(doc[name]):
            return BadField(name, check.expected(), doc[name])
    return None


_CLASS_CHECKED = {"text": "str", "int": "int", "bool": "bool"}
"""Kinds whose check is the value's exact type (a bool is an int to isinstance, not here)."""


def _checked(check: _Check, number: int, fetch: str) -> str:
    """The expression that reads field ``number`` from ``fetch`` (an expression) and checks it.
    A failed check raises (``bad``, a missing key, an unhashable key): the reader then asks
    ``_problem`` which field it was."""
    value = fetch if fetch == "v" else f"(v := {fetch})"
    if check.kind == "any":
        return fetch
    if check.kind in _CLASS_CHECKED:
        if check.optional:  # most often absent, so null: that test first
            return f"v if {value} is None or v.__class__ is {_CLASS_CHECKED[check.kind]} else bad(v)"
        return f"v if {value}.__class__ is {_CLASS_CHECKED[check.kind]} else bad(v)"
    if check.kind in ("list", "dict") and check.item.kind in _ONLY:
        # Written out rather than called (a list of tags, a conversation's answers): a copy, for
        # the record must not share it with the stored document.
        items = "v" if check.kind == "list" else "v.values()"
        call = f"v.copy() if v.__class__ is {check.kind} and (not v or set(map(type, {items})) == only_{number}) else bad(v)"
        if check.optional:
            return f"None if {value} is None else ({call})"
        # The condition is evaluated first: the value is read there.
        return call.replace("if v.__class__", f"if {value}.__class__", 1)
    if check.kind == "enum":
        # Its values are text: a look-up by anything else (a number, a list) fails, as it must.
        call = f"members_{number}[v]"
    elif check.kind == "datetime":
        call = "fromiso(v)"
    else:
        call = f"decode_{number}(v)"
    if check.optional:
        return f"None if {value} is None else {call}"
    return call if fetch == "v" else call.replace("[v]", f"[{fetch}]").replace("(v)", f"({fetch})")


def _bad(value: Any) -> Any:
    raise ValueError(value)


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


class Contact(Record, msgspec.Struct, gc=False, forbid_unknown_fields=True):
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
    referred_by: Whole | None = None
    """Id of the contact who introduced this person."""
    stage: Stage = Stage.IDENTIFIED
    tags: list[str] = msgspec.field(default_factory=list)
    notes: str = ""
    """About the person rather than a conversation: who introduced them, how you know them."""
    cadence_days: CadenceDays | None = None
    """Keep in touch every this many days; None: the relationship's default; 0: never."""
    cadence_max_days: CadenceDays | None = None
    """At most this many days without contact; None: twice the ideal."""
    created: Local | None = None
    updated: Local | None = None

    @property
    def company_role(self) -> str:
        if self.company and self.role:
            return f"{self.role}, {self.company}"
        return self.company or self.role


class Interview(Record, msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """One conversation (planned or held) with a contact, and the notes taken for it."""

    contact_id: Whole
    when: Local
    id: int | None = None
    minutes: Minutes = 20
    mode: InterviewMode = InterviewMode.VIDEO
    where: str = ""
    status: InterviewStatus = InterviewStatus.PLANNED
    question_ids: list[Whole] = msgspec.field(default_factory=list)
    answers: dict[str, str] = msgspec.field(default_factory=dict)
    """Answer text by question id (as a string: JSON object keys are strings)."""
    notes: str = ""
    takeaways: str = ""
    updated: Local | None = None
    scheduled: bool = True
    """False for notes started with n (or the note command) where no conversation was planned:
    it holds notes, but is on no agenda or calendar and does not count as scheduled until it is
    given a time (s) or marked done (x)."""
    notes_started: Local | None = None
    """When notes started that way were begun, once they are given a time: ``when`` is then the
    time agreed, and the history still says when the notes began. None for any other."""
    sequence: Sequence = 0
    """How many times it was moved: with the time of its last change, a calendar export's
    SEQUENCE (two moves within one second still count as two)."""
    invitation: str = ""
    """The UID of the calendar invitation it was scheduled from (``import ics``): a new version
    of the same invitation moves this conversation rather than planning another."""
    invitation_sequence: Sequence = 0
    """That invitation's SEQUENCE when last accepted: an older copy (an old email opened again)
    must not move the conversation back, nor bring a cancelled one back."""

    @property
    def on_calendar(self) -> bool:
        """Planned for a time agreed with the person: what the agenda and calendars show."""
        return self.status is InterviewStatus.PLANNED and self.scheduled

    @property
    def length_agreed(self) -> bool:
        """Whether its length and way (phone, video, in person) were agreed with the person. Not
        for notes started with no time agreed, whatever became of them (held or cancelled): their
        20 minutes by video are the record's defaults, which nobody chose."""
        return self.scheduled


class Question(Record, msgspec.Struct, gc=False, forbid_unknown_fields=True):
    text: str
    order: Whole
    id: int | None = None
    active: bool = True


class FollowUp(Record, msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """Something to do for a contact by a date: a thank-you, a nudge, a check-in."""

    contact_id: Whole
    due: Local
    id: int | None = None
    kind: FollowUpKind = FollowUpKind.CUSTOM
    interview_id: Whole | None = None
    note: str = ""
    done_at: Local | None = None
    recurrence: str = ""
    """An RFC 5545 RRULE, empty when the follow-up happens once."""
    channel: str = ""
    """How a thank-you is sent: "handwritten" (the method's advice) or "email"."""
    from_cadence: bool = False
    """A check-in the contact's keep-in-touch cadence asked for (see core/keep_in_touch.py)."""
    message: str = ""
    """A message drafted to send (the update to everyone who helped), several lines."""
    created: Local | None = None
    series: Whole | None = None
    """For a repeating follow-up, the id of the first of its series (each time one is done the
    next is a new record): a calendar shows the whole series as one item. None: it is the first."""
    sequence: Sequence = 0
    """How many times its date was changed (snoozed), counting those of the series before it:
    a calendar export's SEQUENCE, which calendars need to move an event they already have."""

    @property
    def is_open(self) -> bool:
        return self.done_at is None


class Touch(Record, msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A moment of contact with a person; cadence and "last in touch" are computed from these."""

    contact_id: Whole
    kind: TouchKind
    at: Local
    id: int | None = None
    note: str = ""


class Event(Record, msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A change in where a contact stands, kept for their history: the stage they moved to, the
    tags they were given. (What happened with them is a Touch; this is what changed about them.)"""

    contact_id: Whole
    at: Local
    what: str
    """In words, as the history shows it: "Stage: asked → scheduled", "Tags: #mentor #ux"."""
    id: int | None = None


class Settings(Record, msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """The user's own choices; one record. Missing keys take these defaults."""

    id: int | None = None
    my_name: str = ""
    """Signs the messages the templates write."""
    ask_template: str = ""
    """The ask for 20 minutes; empty means the method's default wording."""
    update_template: str = ""
    nudge_days: DaysOfYear = 5
    """Days without a reply after an ask before a nudge is due."""
    thank_you_days: DaysOfYear = 1
    """Days after a conversation that its thank-you note is due."""
    thank_you_handwritten: bool = True
    """The method advises a handwritten note; email is the alternative."""
    dayfirst: bool = False
    """How to read an ambiguous numeric date such as 03/04: month first unless this is set."""


WHOLE_NUMBERS = (-(2**63), 2**63 - 1)
"""The bounds of ``Whole``."""

RECORD_IDS = (0, 2**53 - 1)
"""The ids a record may have: what every JSON reader (a script's, a browser's) reads exactly,
and far enough below the 64-bit end that a next id never runs past it."""


def next_sequence(sequence: int) -> int:
    """One more change of a calendar event, up to what a calendar file can carry."""
    return min(sequence + 1, 2**31 - 1)

EARLIEST, LATEST = datetime(1900, 1, 1), datetime(2999, 12, 31, 23, 59, 59)
"""The dates a record may hold: a campaign's, with centuries to spare either side. Date
arithmetic (a cadence of ten years, a repeat) must never run off the calendar's end (year 9999)."""


class _Range(typing.NamedTuple):
    name: str
    kind: str
    """int, ints (a list of them) or date."""
    low: Any
    high: Any


def _bounds(hint: Any) -> tuple[Any, Any]:
    """The bounds an ``Annotated`` number type sets (``Whole``, ``Minutes``...)."""
    for meta in getattr(hint, "__metadata__", ()):
        if isinstance(meta, msgspec.Meta) and meta.ge is not None and meta.le is not None:
            return meta.ge, meta.le
    return WHOLE_NUMBERS


def _range_checks(model: type) -> list[_Range]:
    """What ``out_of_bounds`` checks of ``model``: every number, list of numbers and date."""
    checks: list[_Range] = []
    for name, hint in typing.get_type_hints(model, include_extras=True).items():
        if name == "id" or typing.get_origin(hint) is ClassVar:
            continue
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        bare = typing.get_args(hint)[0] if typing.get_origin(hint) is Annotated else hint
        if bare is int:
            checks.append(_Range(name, "int", *_bounds(hint)))
        elif typing.get_origin(bare) is list and typing.get_args(bare)[0] is not str:
            checks.append(_Range(name, "ints", *_bounds(typing.get_args(bare)[0])))
        elif bare is datetime:
            checks.append(_Range(name, "date", EARLIEST, LATEST))
    return checks


_RANGE_CHECKS: dict[type, list[_Range]] = {}


def out_of_bounds(records: dict[int, Any], model: type, *, types_checked: bool = False) -> tuple[int, str] | None:
    """The first record (id, and the field in words) holding a value outside what its field may
    hold (the bounds its type sets; a date from EARLIEST to LATEST, local, with no time zone, as
    every date the program works out is); None when all fit. ``types_checked``: the records
    were read by msgspec, which checked the numbers' bounds and the dates' zones already.

    Opening checks tens of thousands of records: each field is taken from all of them at once
    (min and max, at C speed), and only a table that fails is searched for the record."""
    checks = _RANGE_CHECKS.get(model)
    if checks is None:
        checks = _RANGE_CHECKS[model] = _range_checks(model)
    if records and not RECORD_IDS[0] <= min(records) <= max(records) <= RECORD_IDS[1]:
        record_id = next(key for key in records if not RECORD_IDS[0] <= key <= RECORD_IDS[1])
        return record_id, f"its id is beyond {RECORD_IDS[1]:,}"
    for check in checks:
        if types_checked and check.kind != "date":
            continue
        taken = map(attrgetter(check.name), records.values())
        # None left out (a date is never false: filter's test of truth leaves out only None).
        values = list(filter(None, taken)) if check.kind == "date" else [v for v in taken if v is not None]
        if check.kind == "ints":
            values = [number for numbers in values for number in numbers]
        try:
            if not values or (check.low <= min(values) and max(values) <= check.high):
                continue
        except TypeError:
            pass  # a date with a time zone, which cannot be compared with the bounds: found below
        for record_id, record in records.items():
            problem = _out_of_range(getattr(record, check.name), check)
            if problem is not None:
                return record_id, f'field "{check.name}": {problem}'
    return None


def _out_of_range(value: Any, check: _Range) -> str | None:
    if value is None:
        return None
    if check.kind == "ints":
        each = check._replace(kind="int")
        return next(filter(None, (_out_of_range(number, each) for number in value)), None)
    low, high = check.low, check.high
    if check.kind == "int":
        return None if low <= value <= high else f"expected a number from {low:,} to {high:,}, found {value:,}"
    if value.tzinfo is not None:
        return f"expected a local date and time (with no time zone), found {value.isoformat()}"
    if not low <= value <= high:
        return f"expected a date from {low.year} to {high.year}, found {value.isoformat()}"
    return None
