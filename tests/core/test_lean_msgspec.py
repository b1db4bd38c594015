"""msgspec is imported without typing_extensions (core/lean_msgspec.py), and nothing else is the
worse for it: whatever imports typing_extensions later gets the real module, one imported
already is left alone, and a msgspec that cannot do without it is imported as it asks."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_tui.core import lean_msgspec


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


# The same, in this process, with a stand-in for msgspec that notes whether it could import
# typing_extensions: what the function does to the modules imported, step by step.

STAND_IN = """
try:
    import typing_extensions
    FOUND = typing_extensions.__name__
except ImportError:
    FOUND = None
"""


@contextlib.contextmanager
def modules_as_they_were() -> Iterator[None]:
    before = dict(sys.modules)
    try:
        yield
    finally:
        for name in set(sys.modules) - set(before):
            del sys.modules[name]
        sys.modules.update(before)


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    package = tmp_path / "msgspec"
    package.mkdir()
    (package / "__init__.py").write_text(STAND_IN)
    monkeypatch.syspath_prepend(str(tmp_path))
    with modules_as_they_were():
        for name in [name for name in sys.modules if name.split(".")[0] in ("msgspec", "typing_extensions")]:
            del sys.modules[name]
        yield package


def test_msgspec_first_imported_here_finds_no_typing_extensions_which_is_there_again_after(stand_in: Path) -> None:
    lean_msgspec._import_msgspec_alone()
    assert sys.modules["msgspec"].FOUND is None
    assert "typing_extensions" not in sys.modules
    import typing_extensions

    assert typing_extensions.__name__ == "typing_extensions"


def test_typing_extensions_already_imported_is_left_as_it_is_and_msgspec_not_imported(stand_in: Path) -> None:
    import typing_extensions

    lean_msgspec._import_msgspec_alone()
    assert sys.modules["typing_extensions"] is typing_extensions
    assert "msgspec" not in sys.modules  # nothing to save: imported as the caller imports it


def test_msgspec_already_imported_is_not_imported_again(stand_in: Path) -> None:
    import msgspec

    del sys.modules["typing_extensions"]  # as the stand-in's import left it: msgspec alone is there
    lean_msgspec._import_msgspec_alone()
    assert sys.modules["msgspec"] is msgspec
    assert "typing_extensions" not in sys.modules  # neither imported nor kept out: left alone


def test_a_msgspec_that_needs_typing_extensions_is_left_for_the_callers_import(stand_in: Path) -> None:
    (stand_in / "__init__.py").write_text("import typing_extensions\nFOUND = typing_extensions.__name__\n")
    lean_msgspec._import_msgspec_alone()
    assert "msgspec" not in sys.modules and "typing_extensions" not in sys.modules
    import msgspec

    assert msgspec.FOUND == "typing_extensions"
