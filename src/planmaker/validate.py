"""Loaded YAML → :class:`~planmaker.model.Document`, or one PlanError listing every problem.

Order of work: Chinese key names become English ones (outside ``extra:``), keys left
empty (``org:`` with nothing after it) are set aside so that their defaults apply, then
the checks that need the raw data (duplicate keys written both ways, keys that YAML
read as text, keys that do not belong to the document's kind), then pydantic, then the
checks that need the whole validated document (weeks against the term, tree depth).
Every problem is located through the loader's position tables; pydantic's ``loc`` is
the key into them.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Any

from pydantic import ValidationError

from planmaker import context, structure
from planmaker.errors import Location, PlanError, Problem
from planmaker.keys import ALIASES, KEY_OF
from planmaker.loader import Loaded, Path
from planmaker.model import KIND_FIELDS, KIND_OF, Document, Node
from planmaker.numbering import MAX_TREE_DEPTH

_FREE_FORM = {"extra"}
_ALL_KEYS = sorted(set(ALIASES) | set(KEY_OF))
# A list item that is a key written with a full-width colon or without the space after
# the colon, so YAML read it as text: ``- title：依法执教``, ``- title:依法执教``.
_KEY_AS_TEXT = re.compile(r"^([a-z_]+)(?:\s*(：)|:(?=\S))")
_BODY_FIELDS = frozenset().union(*KIND_FIELDS.values())
_PYDANTIC_CODES = {
    "missing": "value.missing",
    "extra_forbidden": "value.unknown_key",
    "literal_error": "value.choice",
    "bool_parsing": "value.bool",
    "int_parsing": "value.int",
    "string_type": "value.not_text",
    "list_type": "value.not_list",
    "dict_type": "value.not_mapping",
    "model_type": "value.not_mapping",
    "model_attributes_type": "value.not_mapping",
    "tuple_type": "value.not_list",
}
_TYPE_CODES = {
    "value.not_text",
    "value.not_list",
    "value.not_mapping",
    "value.int",
    "value.invalid",
}


def validate(loaded: Loaded) -> Document:
    """The validated document of ``loaded``; raises PlanError with every problem found."""
    problems: list[Problem] = []
    if not isinstance(loaded.data, dict):
        raise PlanError("document.not_mapping", loaded.where(()))
    data, positions = _translate(loaded, problems)
    _check_text(data, (), positions, problems)
    kind = _kind_of(data)
    if kind is not None:
        for key in data:
            if key in _BODY_FIELDS and key not in KIND_FIELDS[kind]:
                problems.append(
                    Problem(
                        "document.key_not_for_kind",
                        positions.where((key,), key=True),
                        {"key": key, "kind": kind},
                    )
                )
    try:
        doc = Document.model_validate(data, context={"kind": kind})
    except ValidationError as err:
        problems.extend(_pydantic_problems(err, data, positions))
        raise PlanError.of(problems) from None
    if problems:
        raise PlanError.of(problems)
    _check_document(doc, positions, problems)
    if problems:
        raise PlanError.of(problems)
    return doc


@dataclasses.dataclass
class _Positions(Loaded):
    """Where each piece of the translated data was written (paths use English keys)."""

    empty: set[Path] = dataclasses.field(default_factory=set)
    """Keys written with no value (``org:``), left out of the data."""


def _translate(loaded: Loaded, problems: list[Problem]) -> tuple[Any, _Positions]:
    positions = _Positions(None, loaded.file)

    def walk(value: Any, raw: Path, path: Path, free: bool) -> Any:
        if raw in loaded.values:
            positions.values[path] = loaded.values[raw]
        if isinstance(value, list):
            return [walk(v, (*raw, i), (*path, i), free) for i, v in enumerate(value)]
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for key, child in value.items():
            raw_key = (*raw, key)
            if free or key in ALIASES:
                english = key
            elif key in KEY_OF:
                english = KEY_OF[key]
            else:
                english = _english(key, loaded.where(raw_key, key=True), problems)
            english_key = (*path, english)
            if english in out:
                first = positions.keys[english_key]
                problems.append(
                    Problem(
                        "yaml.duplicate_key",
                        loaded.where(raw_key, key=True),
                        {"key": key, "first": first[0]},
                    )
                )
                continue
            positions.keys[english_key] = loaded.keys.get(raw_key, (1, 1))
            if child is None and not free:
                positions.empty.add(english_key)
                continue
            out[english] = walk(child, raw_key, english_key, free or english in _FREE_FORM)
        return out

    return walk(loaded.data, (), (), False), positions


def _english(key: str, where: Location, problems: list[Problem]) -> str:
    if key in ALIASES:
        return key
    if key in KEY_OF:
        return KEY_OF[key]
    stripped = key.strip(" \u3000\t")
    if stripped != key and (stripped in ALIASES or stripped in KEY_OF):
        problems.append(Problem("yaml.fullwidth_space", where, {"key": stripped}))
        return KEY_OF.get(stripped, stripped)
    return key  # pydantic reports it as unknown, with a suggestion


def _check_text(value: Any, path: Path, positions: _Positions, problems: list[Problem]) -> None:
    """List items that are keys YAML read as text (see ``_KEY_AS_TEXT``)."""
    if isinstance(value, dict):
        for key, child in value.items():
            _check_text(child, (*path, key), positions, problems)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            _check_text(child, (*path, i), positions, problems)
            if isinstance(child, str) and (m := _KEY_AS_TEXT.match(child)):
                if m.group(1) in ALIASES:
                    code = "yaml.fullwidth_colon" if m.group(2) else "yaml.colon_no_space"
                    problems.append(Problem(code, positions.where((*path, i)), {"key": m.group(1)}))


def _kind_of(data: dict[str, Any]) -> str | None:
    value = data.get("kind", "plan")
    return KIND_OF.get(str(value).strip()) if value is not None else "plan"


def _pydantic_problems(err: ValidationError, data: Any, positions: _Positions) -> list[Problem]:
    problems = []
    for e in err.errors(include_url=False):
        path = _data_path(e["loc"], data)
        code = e["type"] if "." in e["type"] else _PYDANTIC_CODES.get(e["type"], "value.invalid")
        params: dict[str, Any] = {"key": _key_name(path)}
        ctx = e.get("ctx") or {}
        params.update({k: v for k, v in ctx.items() if k != "error"})
        if code == "value.unknown_key":
            params["suggestion"] = _suggest(str(path[-1]))
            where = positions.where(path, key=True)
        elif code == "value.missing":
            params["key"] = str(e["loc"][-1])
            if path in positions.empty:
                code = "value.empty"
                where = positions.where(path, key=True)
            else:
                where = positions.where(path)
        elif code in _TYPE_CODES and e.get("input") is None:
            code = "value.empty"
            where = positions.where(path)
        else:
            where = positions.where(path)
            if code == "value.choice":
                params["expected"] = ctx.get("expected", "")
            if "value" not in params:
                params["value"] = _preview(e.get("input"))
        problems.append(Problem(code, where, params))
    return problems


def _data_path(loc: tuple[Any, ...], data: Any) -> Path:
    """The part of pydantic's ``loc`` that names places in the data (drops type tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            path.append(part)  # a missing or unknown key: name it, stop descending
            node = None
    return tuple(path)


def _key_name(path: Path) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else ""


def _suggest(key: str) -> str | None:
    close = difflib.get_close_matches(key, _ALL_KEYS, n=1, cutoff=0.6)
    if not close and key.strip(" \u3000"):
        lowered = key.lower().strip(" \u3000")
        close = [k for k in _ALL_KEYS if k == lowered]
    return close[0] if close else None


def _preview(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "（一组内容）"
    text = "" if value is None else str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _check_document(doc: Document, positions: _Positions, problems: list[Problem]) -> None:
    if not doc.org:
        problems.append(Problem("value.empty", positions.where(("org",)), {"key": "org"}))
    for field in ("goals", "measures", "safeguards", "achievements", "problems", "next_steps"):
        _check_tree(getattr(doc, field), (field,), 1, positions, problems)
    for i, section in enumerate(doc.sections):
        if not section.title:
            problems.append(Problem("section.no_title", positions.where(("sections", i))))
        _check_tree(section.items, ("sections", i, "items"), 1, positions, problems)
    for i, dept in enumerate(doc.departments):
        for field in ("achievements", "planned", "problems"):
            _check_tree(getattr(dept, field), ("departments", i, field), 1, positions, problems)
    if doc.schedule is not None:
        _check_schedule(doc, positions, problems)
    labels = context.section_labels(doc)
    problems.extend(structure.check(doc, labels, positions.where, sorted(positions.empty, key=str)))


def _check_tree(
    nodes: list[Node], path: Path, level: int, positions: _Positions, problems: list[Problem]
) -> None:
    for i, node in enumerate(nodes):
        here = (*path, i)
        if node.title is None and not node.text:
            problems.append(Problem("tree.empty_item", positions.where(here)))
        if node.items and node.title is None:
            problems.append(Problem("tree.untitled_items", positions.where(here)))
        if node.items and level >= MAX_TREE_DEPTH:
            problems.append(
                Problem("tree.too_deep", positions.where((*here, "items")), {"level": level + 1})
            )
            continue
        _check_tree(node.items, (*here, "items"), level + 1, positions, problems)


def _check_schedule(doc: Document, positions: _Positions, problems: list[Problem]) -> None:
    assert doc.schedule is not None
    term = doc.period.is_term
    for i, entry in enumerate(doc.schedule.entries):
        here = ("schedule", "entries", i)
        if entry.week is not None and entry.month is not None:
            problems.append(Problem("schedule.week_and_month", positions.where(here)))
        elif entry.week is None and entry.month is None:
            problems.append(
                Problem(
                    "schedule.no_week",
                    positions.where(here),
                    {"field": "week" if term else "month"},
                )
            )
        elif entry.week is not None and not term:
            code = (
                "schedule.week_in_school_year"
                if doc.period.kind == "school_year"
                else "schedule.week_in_year_plan"
            )
            problems.append(Problem(code, positions.where((*here, "week"))))
        elif entry.month is not None and term:
            problems.append(
                Problem("schedule.month_in_term_plan", positions.where((*here, "month")))
            )
        elif entry.week is not None:
            last = max(b for _, b in entry.week)
            if last > doc.period.weeks:
                problems.append(
                    Problem(
                        "schedule.week_beyond_term",
                        positions.where((*here, "week")),
                        {"week": last, "weeks": doc.period.weeks},
                    )
                )
        elif entry.month is not None:
            last = max(b for _, b in entry.month)
            if last > 12:
                problems.append(
                    Problem(
                        "schedule.month_beyond_year",
                        positions.where((*here, "month")),
                        {"month": last},
                    )
                )
        if not entry.tasks:
            problems.append(Problem("schedule.no_tasks", positions.where(here)))
    if term and doc.period.start is None and any(e.week for e in doc.schedule.entries):
        problems.append(Problem("period.no_start", positions.where(("period",), key=True)))
