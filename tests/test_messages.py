"""Every error code planmaker can raise has its Chinese words in cli/messages.py.

The codes are found in the source itself: the first argument of every ``PlanError(…)``,
``Problem(…)``, ``_fail(…)`` and ``PydanticCustomError(…)`` call (both branches of a
conditional, and a name assigned a code in the same function), the codes pydantic's
own errors are mapped to, and any other string literal in a namespace that has codes.
A code added without a message fails here, before a user meets
"出现了未预料的问题（…）".
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from planmaker.cli.messages import MESSAGES

SRC = Path(__file__).resolve().parent.parent / "src" / "planmaker"
RAISERS = {"PlanError", "Problem", "_fail", "PydanticCustomError"}
CODE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _literals(node: ast.expr | None) -> set[str]:
    """The string constants ``node`` can evaluate to (a constant or a conditional)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _literals(node.body) | _literals(node.orelse)
    return set()


def _codes_in(tree: ast.Module) -> set[str]:
    codes: set[str] = set()
    for scope in ast.walk(tree):
        if not isinstance(scope, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        assigned: dict[str, set[str]] = {}
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, set()).update(_literals(node.value))
        for node in ast.walk(scope):
            if isinstance(node, ast.Call) and _name(node.func) in RAISERS and node.args:
                first = node.args[0]
                codes |= _literals(first)
                if isinstance(first, ast.Name):
                    codes |= assigned.get(first.id, set())
    return {c for c in codes if CODE.match(c)}


def raised_codes() -> set[str]:
    namespaces = {code.split(".")[0] for code in MESSAGES}
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "cli" in path.relative_to(SRC).parts and path.name == "messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        codes |= _codes_in(tree)
        for node in ast.walk(tree):  # codes kept in tables and constants
            for text in _literals(node if isinstance(node, ast.expr) else None):
                if CODE.match(text) and text.split(".")[0] in namespaces:
                    codes.add(text)
    return codes


def test_the_scan_finds_codes_from_every_kind_of_raise():
    codes = raised_codes()
    assert {
        "input.too_large",  # PlanError in source.py
        "yaml.duplicate_key",  # Problem in loader.py
        "value.weeks",  # _parse_int(code, …) → _fail(code, …) in model.py
        "value.date_range",  # a conditional assigned to a name, then _fail(code, …)
        "value.not_list",  # pydantic's own error, mapped in validate.py
        "yaml.unclosed_quote",  # a table of PyYAML problems in loader.py
    } <= codes


@pytest.mark.parametrize("code", sorted(raised_codes()))
def test_every_code_raised_has_a_chinese_message(code):
    assert code in MESSAGES, f"{code} has no entry in cli/messages.py"
    assert re.search(r"[\u4e00-\u9fff]", MESSAGES[code])
