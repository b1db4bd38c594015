"""The formats package never imports Textual: proved in a fresh interpreter, module by module."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import interview_tui.formats as formats
names = sorted(m.name for m in pkgutil.walk_packages(formats.__path__, formats.__name__ + "."))
for name in names:
    importlib.import_module(name)
print(json.dumps({
    "modules": names,
    "textual": sorted(m for m in sys.modules if m.startswith("textual")),
}))
"""


def test_importing_every_formats_module_loads_no_textual() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for expected in ("vcard", "linkedin", "csv_contacts", "ical", "markdown", "backup", "transfer"):
        assert f"interview_tui.formats.{expected}" in report["modules"]
    assert report["textual"] == []
