"""The core never imports Textual: proved in a fresh interpreter, module by module."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import interview_tui.core as core
names = sorted(m.name for m in pkgutil.walk_packages(core.__path__, core.__name__ + "."))
for name in names:
    importlib.import_module(name)
print(json.dumps({
    "modules": names,
    "textual": sorted(m for m in sys.modules if m.startswith("textual")),
}))
"""


def test_importing_every_core_module_loads_no_textual() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # The probe really walked the package, or an empty list would prove nothing.
    for expected in ("models", "storage", "store", "dates", "workflow", "questions", "errors"):
        assert f"interview_tui.core.{expected}" in report["modules"]
    assert report["textual"] == []


def test_the_probe_would_notice_textual() -> None:
    """The same check fails when a module does pull Textual in."""
    probe = PROBE.replace("for name in names:", "import textual.widget\nfor name in names:")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "textual.widget" in json.loads(result.stdout)["textual"]
