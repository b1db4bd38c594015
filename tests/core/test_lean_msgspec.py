"""msgspec is imported without typing_extensions (core/lean_msgspec.py), and nothing else is the
worse for it: whatever imports typing_extensions later gets the real module, one imported
already is left alone, and a msgspec that cannot do without it is imported as it asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(code: str, cwd: Path, *, path: Path | None = None) -> str:
    env = None
    if path is not None:
        import os

        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(path), *sys.path])}
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True, env=env)
    return done.stdout.strip()


def test_the_records_are_made_without_typing_extensions_which_later_imports_still_find(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from interview_tui.core.models import Contact\n"
        "import msgspec\n"
        "print('typing_extensions' in sys.modules, 'inspect' in sys.modules)\n"
        "print(msgspec.json.decode(b'{\"name\": \"Sam Sample\", \"id\": 3}', type=Contact))\n"
        "import typing_extensions\n"
        "print(typing_extensions.get_type_hints is not None, sys.modules['typing_extensions'] is typing_extensions)\n"
    )
    first, record, later = run(code, tmp_path).splitlines()
    assert first == "False False"
    assert "name='Sam Sample'" in record and "id=3" in record
    assert later == "True True"


def test_typing_extensions_imported_first_is_left_as_it_is(tmp_path: Path) -> None:
    code = (
        "import sys, typing_extensions\n"
        "before = sys.modules['typing_extensions']\n"
        "import interview_tui.core.lean_msgspec\n"
        "import msgspec._utils\n"
        "print(sys.modules.get('typing_extensions') is before, msgspec._utils._get_type_hints is before.get_type_hints)\n"
    )
    assert run(code, tmp_path) == "True True"


def test_a_msgspec_that_needs_typing_extensions_is_imported_with_it(tmp_path: Path) -> None:
    # A stand-in for a msgspec whose import fails without typing_extensions.
    package = tmp_path / "lib" / "msgspec"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from . import _core\nNEEDS = _core.NEEDS\n")
    (package / "_core.py").write_text("import typing_extensions\nNEEDS = typing_extensions.__name__\n")
    code = (
        "import sys\n"
        "import interview_tui.core.lean_msgspec\n"
        "print('msgspec' in sys.modules, sys.modules.get('typing_extensions', 'absent'))\n"
        "import msgspec\n"
        "print(msgspec.NEEDS, type(sys.modules['typing_extensions']).__name__)\n"
    )
    dropped, imported = run(code, tmp_path, path=tmp_path / "lib").splitlines()
    assert dropped == "False absent"
    assert imported == "typing_extensions module"
