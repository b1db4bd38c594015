# vobject ships no type information. These stubs describe only the part of its API that
# interview_tui uses; anything else is deliberately missing, so a new use has to be added here.
from . import base as base
from . import vcard as vcard
from .base import Component

def vCard() -> Component: ...
