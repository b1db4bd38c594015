from typing import Any

class VObjectError(Exception):
    msg: str
    lineNumber: int
    def __init__(self, msg: str, lineNumber: int | None = None) -> None: ...

class ParseError(VObjectError): ...

class ContentLine:
    name: str
    # A str when read from text; a list, Name or Address when set for a structured property.
    value: Any
    params: dict[str, list[str]]
    singletonparams: list[str]
    lineNumber: int | None
    # vobject maps NAME_param attributes onto params["NAME"]: the one interview_tui sets is TYPE.
    type_param: str

class Component:
    name: str
    # Component.add returns a Component for a component's name (VEVENT) and a ContentLine for a
    # property's: interview_tui adds only properties.
    def add(self, objOrName: str, group: str | None = None) -> ContentLine: ...
    def serialize(self, buf: None = None, lineLength: int = 75, validate: bool = True) -> str: ...

def textLineToContentLine(text: str, n: int | None = None) -> ContentLine: ...
