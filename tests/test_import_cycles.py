"""No module of interview_tui imports, directly or through others, one that imports it: not at
the top, not inside a function, not only for type annotations. The graph is read from the
source with ast, so an import hidden in a function to dodge a cycle at run time still counts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "interview_tui"


def modules(root: Path) -> dict[str, tuple[Path, bool]]:
    """Every module under ``root`` by dotted name, and whether it is a package's __init__."""
    found = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, is_package)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports, wherever the import statement is."""
    known = modules(root)
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in known.items():
        here = name if is_package else name.rpartition(".")[0]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names if alias.name in known)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    submodule = f"{target}.{alias.name}"
                    if submodule in known:
                        imported.add(submodule)
                    elif target in known:
                        imported.add(target)
        imported.discard(name)
        graph[name] = imported
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as the modules along it (the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def test_no_module_imports_one_that_imports_it() -> None:
    graph = import_graph(PACKAGE)
    assert "interview_tui.tui.screens.main" in graph  # the walk found the package
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


@pytest.mark.parametrize(
    "import_back",
    [
        "from .a import thing",
        "def late():\n    from . import a\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import thing\n",
        "import pkg.a\n",
    ],
)
def test_a_cycle_is_found_however_it_is_imported(tmp_path: Path, import_back: str) -> None:
    """The check sees a cycle made by a relative, a late, an annotation-only or a plain import."""
    root = write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from .sub import b\nthing = 1\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/b.py": import_back.replace("from .", "from ..").replace("from ... import", "from .. import"),
        },
    )
    cycle = find_cycle(import_graph(root))
    assert cycle is not None
    assert set(cycle) == {"pkg.a", "pkg.sub.b"}


def test_a_package_without_cycles_passes(tmp_path: Path) -> None:
    root = write(tmp_path, {"pkg/__init__.py": "", "pkg/a.py": "from . import b\n", "pkg/b.py": "import os\n"})
    assert find_cycle(import_graph(root)) is None
