"""vCard in (2.1, 3.0 and 4.0, as phones and mail clients write them) and out (3.0).

Reading uses vobject for what is hard to get right: parameters (quoted, repeated, 2.1's bare
ones) and quoted-printable values in their charset (Android still writes vCard 2.1); continued
lines are joined here, to know the line each property starts on. The values are
unescaped here rather than by vobject's vCard behaviours, which keep only the text before the
first unescaped comma of a NOTE or TITLE; 2.1 files never escape commas, so a note such as
"Met at the fair, great chat" would lose its second half.

Writing goes through vobject's vCard 3.0 serialiser (escaping, folding at 75 octets, CRLF). What
vCard has no property for (field of work, relationship, stage, referrer, keep-in-touch cadence)
is written as X- properties, which other tools ignore and this reader takes back, so that export
then import gives the same contacts.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping

import vobject
from vobject.base import ContentLine, textLineToContentLine

from ..core.errors import InvalidInput
from ..core.keep_in_touch import cadence_in_words
from ..core.models import Contact
from ..core.text import strip_controls
from .importing import Incoming, Progress
from .records import cleaned, cleaned_names

X_FIELD = "X-INTERVIEW-TUI-FIELD"
X_RELATIONSHIP = "X-INTERVIEW-TUI-RELATIONSHIP"
X_STAGE = "X-INTERVIEW-TUI-STAGE"
X_REFERRED_BY = "X-INTERVIEW-TUI-REFERRED-BY"
X_CADENCE = "X-INTERVIEW-TUI-CADENCE"
"""Keep in touch, in the words the app says it in ("every 6 weeks, at most 90 days", "off");
left out for the relationship's default."""

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_QP_PARAMETER = re.compile(r"^[^:]*quoted-printable[^:]*:", re.IGNORECASE)
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":", '"': '"'}


def _unescape(value: str) -> str:
    # An unknown escape keeps its backslash: a Windows path in a note stays as written.
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(0)), value)


def _split(value: str, separator: str) -> list[str]:
    """``value`` split at the separators that are not backslash-escaped, each part unescaped."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(_unescape("".join(current)))
    return parts


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, property) for each property of ``text``, its continuation lines joined.

    A line starting with a space or tab continues the one before (vCard 3.0 and 4.0 folding);
    in a quoted-printable value a line ending in "=" goes on to the next line (vCard 2.1), kept
    as "=\\n" for the decoder. vobject's own line reader does the same but numbers lines wrongly
    (the first as 0, every line twice without quoted-printable), and a refusal must name the
    right line.
    """
    current: list[str] = []
    start = 0
    soft_break = False
    for number, line in enumerate(text.split("\n"), start=1):
        if current and soft_break:
            current.append("\n" + line)
        elif current and line[:1] in (" ", "\t"):
            current.append(line[1:])
        else:
            if current:
                yield start, "".join(current)
            current = []
            if not line.strip():
                continue
            current, start = [line], number
        soft_break = line.endswith("=") and bool(_QP_PARAMETER.match(current[0]))
    if current:
        yield start, "".join(current)


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHARSET = re.compile(rb";[ \t]*CHARSET[ \t]*=[ \t]*\"?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)


def decode_vcards(raw: bytes) -> str:
    """The text of a .vcf file, each property in the character set it declares.

    vCard 2.1 lets each property say its own (``FN;CHARSET=Windows-1252:...``), and Outlook
    writes its cards so, in the Windows code page. A file that is UTF-8 throughout is read as
    UTF-8 (an editor may have re-saved it without changing the declarations); otherwise each
    line is read in the CHARSET of the property it belongs to, and in UTF-8 when it declares
    none. A line that is neither is refused, naming it. Quoted-printable values are ASCII here;
    vobject decodes their bytes in the declared charset.
    """
    if raw.startswith(_UTF16_BOMS):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput("it starts like UTF-16 text but is not; save it as UTF-8.") from None
    raw = raw.removeprefix(_UTF8_BOM)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    decoded: list[str] = []
    charset: str | None = None
    quoted = soft_break = False
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not (line[:1] in (b" ", b"\t") or soft_break):
            head = line.split(b":", 1)[0]
            found = _CHARSET.search(head)
            charset = found.group(1).decode("ascii") if found else None
            quoted = b"QUOTED-PRINTABLE" in head.upper()
        soft_break = quoted and line.rstrip(b"\r").endswith(b"=")
        if charset is None or charset.casefold().replace("-", "") == "utf8":
            try:
                decoded.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                raise InvalidInput(
                    f"line {number} is not UTF-8 text, and its property declares no other character "
                    "set (such as ;CHARSET=Windows-1252); save the file as UTF-8 and import it again."
                ) from None
            continue
        try:
            decoded.append(line.decode(charset))
        except LookupError:
            raise InvalidInput(f"line {number} declares CHARSET={charset}, which is not a character set this can read.") from None
        except UnicodeDecodeError:
            raise InvalidInput(f"line {number} is not {charset} text, though its property says it is.") from None
    return "\n".join(decoded)


def read_vcards(text: str, progress: Progress | None = None) -> list[Incoming]:
    """Every card of a .vcf file. Raises InvalidInput with the card and line number of the first
    thing that is not a vCard."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    total = len(re.findall(r"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD", text, re.IGNORECASE | re.MULTILINE))
    if not total:
        raise InvalidInput("no vCards in it (a vCard starts with BEGIN:VCARD).")
    cards: list[Incoming] = []
    current: list[ContentLine] | None = None
    start = 0
    for number, logical in _logical_lines(text):
        where = f"card {len(cards) + 1} (line {number})" if current is not None else f"line {number}"
        content = _content_line(logical, number, where)
        name = content.name.upper()
        value = content.value.strip().upper()
        if name == "BEGIN":
            if value != "VCARD":
                raise InvalidInput(f"line {number}: BEGIN:{strip_controls(content.value.strip()[:40])} where a vCard (BEGIN:VCARD) was expected.")
            if current is not None:
                raise InvalidInput(
                    f"card {len(cards) + 1} (line {start}) has no END:VCARD before the next card at line {number}."
                )
            current, start = [], number
        elif name == "END":
            if current is None or value != "VCARD":
                raise InvalidInput(f"line {number}: END:{strip_controls(content.value.strip()[:40])} without a BEGIN:VCARD before it.")
            cards.append(_card(current, f"card {len(cards) + 1} (line {start})"))
            current = None
            if progress is not None:
                progress("Reading", len(cards), max(total, len(cards)))
        elif current is None:
            raise InvalidInput(f"line {number} is outside any card (BEGIN:VCARD ... END:VCARD).")
        else:
            current.append(content)
    if current is not None:
        raise InvalidInput(f"card {len(cards) + 1} (line {start}) has no END:VCARD; the file may be cut short.")
    return cards


def _content_line(logical: str, number: int, where: str) -> ContentLine:
    try:
        return textLineToContentLine(logical, number)
    except vobject.base.ParseError:
        shown = strip_controls(logical.split("\n", 1)[0][:40])
        raise InvalidInput(f"{where}: '{shown}' is not a vCard property (NAME:value).") from None
    except (LookupError, UnicodeError, ValueError) as exc:
        # Quoted-printable text in a charset Python does not know, or that does not decode.
        raise InvalidInput(f"{where}: the quoted-printable value cannot be decoded ({exc}).") from None
    except Exception as exc:  # noqa: BLE001 - any other failure inside vobject is this line's fault
        raise InvalidInput(f"{where}: cannot be read ({type(exc).__name__}).") from None


def _params(line: ContentLine) -> list[str]:
    """Every parameter value of a line, upper case: TYPE=work,pref and 2.1's bare ;CELL;PREF."""
    values = [p.upper() for p in line.singletonparams]
    for key, items in line.params.items():
        if key.upper() in ("TYPE", "PREF"):
            for item in items:
                values.extend(v.strip().upper() for v in item.split(","))
    return values


def _preferred_first(lines: Iterable[ContentLine]) -> list[ContentLine]:
    def rank(line: ContentLine) -> int:
        pref = line.params.get("PREF") or line.params.get("pref")
        if pref:
            try:
                return int(pref[0])
            except ValueError:
                return 1
        return 1 if "PREF" in _params(line) else 101

    return sorted(lines, key=rank)


def _card(content: list[ContentLine], where: str) -> Incoming:
    by_name: dict[str, list[ContentLine]] = {}
    for line in content:
        by_name.setdefault(line.name.upper(), []).append(line)

    def first(name: str) -> str:
        return next((_unescape(line.value).strip() for line in by_name.get(name, []) if line.value.strip()), "")

    item = Incoming(where=where)
    organisation = next((line.value for line in by_name.get("ORG", []) if line.value.strip()), "")
    company = ", ".join(part.strip() for part in _split(organisation, ";") if part.strip())
    item.name = first("FN") or _structured_name(by_name.get("N", [])) or company
    item.company = company
    item.role = first("TITLE") or first("ROLE")
    item.field = first(X_FIELD)
    item.relationship = first(X_RELATIONSHIP)
    item.stage = first(X_STAGE)
    item.referred_by = first(X_REFERRED_BY)
    item.cadence = first(X_CADENCE)
    item.emails = [_unescape(line.value).strip() for line in _preferred_first(by_name.get("EMAIL", []))]
    item.phones = [_phone(line) for line in _preferred_first(by_name.get("TEL", []))]
    if not item.name and item.emails:
        item.name = item.emails[0]  # an address collected by a mail client: all there is
    addresses = _preferred_first(by_name.get("ADR", []))
    if addresses:
        item.address = _address(addresses[0])
    item.notes = [_unescape(line.value) for line in by_name.get("NOTE", [])]
    websites: list[str] = []
    for line in [*by_name.get("URL", []), *by_name.get("X-SOCIALPROFILE", [])]:
        url = _unescape(line.value).strip()
        linkedin = "linkedin.com" in url.casefold() or "LINKEDIN" in _params(line)
        if linkedin and not item.linkedin_url:
            item.linkedin_url = url
        elif url and not linkedin and url not in websites:
            websites.append(url)
    if websites:
        item.notes.append("Website: " + ", ".join(websites))
    for line in by_name.get("CATEGORIES", []):
        item.tags.extend(tag.strip() for tag in _split(line.value, ",") if tag.strip())
    return item


def _structured_name(lines: list[ContentLine]) -> str:
    for line in lines:
        family, given, additional, prefix, suffix = (_split(line.value, ";") + [""] * 5)[:5]
        parts = [prefix, given, additional, family, suffix]
        name = " ".join(" ".join(p.replace(",", " ").split()) for p in parts if p.strip())
        if name:
            return name
    return ""


def _phone(line: ContentLine) -> str:
    number = _unescape(line.value).strip()
    uri = any(v.casefold() == "uri" for v in line.params.get("VALUE", []))
    if number[:4].casefold() == "tel:" and (uri or re.match(r"tel:\+?\d", number, re.IGNORECASE)):
        return number[4:]
    return number


def _address(line: ContentLine) -> str:
    label = line.params.get("LABEL") or line.params.get("label")
    if label and label[0].strip():
        # vCard 4.0's formatted address, as the person's own tool laid it out.
        return _unescape(label[0]).strip()
    box, extended, street, city, region, code, country = (_split(line.value, ";") + [""] * 7)[:7]
    town = " ".join(part.strip() for part in (city, region, code) if part.strip())
    return "\n".join(part.strip() for part in (box, extended, street, town, country) if part.strip())


# Writing -------------------------------------------------------------------------------------


def _name_parts(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is taken as the family name, a guess other tools
    only use for sorting; FN carries the name as the user wrote it."""
    words = name.split()
    if len(words) < 2:
        return "", name
    return words[-1], " ".join(words[:-1])


def write_vcards(contacts: Iterable[Contact], names: Mapping[int, str]) -> str:
    """vCard 3.0 text for ``contacts``; ``names`` gives referrers' names by id."""
    out = io.StringIO()
    names = cleaned_names(names)
    for contact in map(cleaned, contacts):
        card = vobject.vCard()
        if contact.id is not None:
            card.add("uid").value = f"contact-{contact.id}@interview-tui"
        card.add("fn").value = contact.name
        family, given = _name_parts(contact.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if contact.company:
            card.add("org").value = [contact.company]
        if contact.role:
            card.add("title").value = contact.role
        if contact.email:
            email = card.add("email")
            email.value = contact.email
            email.type_param = "INTERNET"
        if contact.phone:
            card.add("tel").value = contact.phone
        if contact.address:
            card.add("adr").value = vobject.vcard.Address(street=contact.address)
        if contact.linkedin_url:
            # TYPE says which profile it is, for this reader; other tools show it as a link.
            url = card.add("url")
            url.value = contact.linkedin_url
            url.type_param = "linkedin"
        if contact.notes:
            card.add("note").value = contact.notes
        if contact.tags:
            card.add("categories").value = list(contact.tags)
        if contact.field:
            card.add(X_FIELD.lower()).value = contact.field
        card.add(X_RELATIONSHIP.lower()).value = contact.relationship.value
        card.add(X_STAGE.lower()).value = contact.stage.value
        referrer = names.get(contact.referred_by) if contact.referred_by is not None else None
        if referrer:
            card.add(X_REFERRED_BY.lower()).value = referrer
        cadence = cadence_in_words(contact)
        if cadence:
            card.add(X_CADENCE.lower()).value = cadence
        out.write(card.serialize())
    return out.getvalue()
