"""planmaker's modules import one way: no cycles, counting imports inside functions.

An import inside a function is an arrow like any other (it runs as soon as the function
does); an import under ``if TYPE_CHECKING:`` is not (it never runs). As in import
checkers such as grimp, ``from planmaker.cli import console`` is an arrow to
``planmaker.cli.console`` alone, not to the package ``__init__`` Python runs first.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "planmaker"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the import nodes under ``if TYPE_CHECKING:``."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return hidden


def imports_of(module: str) -> set[str]:
    """The planmaker modules ``module`` imports, anywhere in it."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package) - {module}


def imports_in(source: str, package: str) -> set[str]:
    """The planmaker modules the code ``source`` of a module in ``package`` imports."""
    tree = ast.parse(source)
    hidden = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.name
                while name and name not in MODULES:
                    name = name.rpartition(".")[0]
                found.add(name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
    return {name for name in found if name in MODULES}


GRAPH = {module: imports_of(module) for module in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_scan_sees_imports_inside_functions_and_not_type_checking_ones():
    source = """
from typing import TYPE_CHECKING
from planmaker.cli import console
from . import messages
if TYPE_CHECKING:
    from planmaker.model import Document
def f():
    import planmaker.pipeline
    from planmaker.errors import PlanError
"""
    assert imports_in(source, "planmaker.cli") == {
        "planmaker.cli.console",
        "planmaker.cli.messages",
        "planmaker.pipeline",
        "planmaker.errors",
    }
    assert "planmaker.cli.app" in GRAPH["planmaker.cli"]  # imported inside run()
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_cycle_runs_through_the_command_line():
    assert [group for group in cycles(GRAPH) if any(".cli" in m for m in group)] == []


def test_commands_import_neither_the_application_nor_the_edge():
    commands = {m for m in GRAPH if m.startswith("planmaker.cli.")} - {"planmaker.cli.app"}
    for module in sorted(commands):
        assert not GRAPH[module] & {"planmaker.cli", "planmaker.cli.app"}, module


def test_the_library_never_imports_the_command_line():
    entry_point = "planmaker.__main__"  # python -m planmaker: runs the command line
    library = {m for m in GRAPH if not m.startswith("planmaker.cli")} - {entry_point}
    for module in sorted(library):
        assert not {m for m in GRAPH[module] if m.startswith("planmaker.cli")}, module


def test_no_cycle_among_planmaker_modules():
    assert cycles(GRAPH) == []
