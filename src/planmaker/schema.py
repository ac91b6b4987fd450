"""The JSON Schema of planmaker's YAML, for editors (VS Code's YAML extension and others).

It starts from pydantic's schema of :class:`planmaker.model.Document`, which gives the
structure (objects, lists, required keys, descriptions), and rewrites it for the way
an editor reads the file, which is YAML 1.2 and not planmaker's own loader:

* every scalar is described as YAML 1.2 types it (``weeks: 20`` is a number,
  ``weeks: "20"`` a string, ``start: 2026-03-02`` a string) and accepts every form the
  model converts (:data:`FORMS`): ``是``/``否`` for booleans, Chinese choice values,
  the date forms of docs/yaml.md §4;
* every English key also accepts its Chinese names from :data:`planmaker.keys.ALIASES`,
  as properties with the same sub-schema; a required key is satisfied by any of its
  names;
* descriptions are Chinese; unknown keys are refused everywhere but under ``extra``;
* keys that belong to another kind (``goals`` in a summary) are refused.

The schema is draft-07, which yaml-language-server reads in full.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from planmaker import model
from planmaker.keys import ALIASES
from planmaker.model import HEADING_KEYS, KIND_FIELDS, KIND_OF
from planmaker.values import FIRST_YEAR, LAST_YEAR

Schema = dict[str, Any]

SCHEMA_FILE = "planmaker.schema.json"
"""The file name of the schema, as written beside a file ``new`` writes."""
SCHEMA_ID = "https://planmaker.invalid/planmaker.schema.json"
"""A stable identifier; editors never fetch it (the file is read from disk)."""

_TEXT_TYPES = ["string", "number", "boolean"]
_DIGITS = "0-9０-９"
_DATE = (
    rf"^\s*[{_DIGITS}]{{4}}([-./])[{_DIGITS}]{{1,2}}\1[{_DIGITS}]{{1,2}}\s*$"
    rf"|^\s*[{_DIGITS}]{{4}}年[{_DIGITS}]{{1,2}}月[{_DIGITS}]{{1,2}}日\s*$"
)
_SCHOOL_YEAR = rf"^\s*[{_DIGITS}]{{4}}\s*(-|–|－|—{{1,2}}|至)\s*[{_DIGITS}]{{4}}(学年)?\s*$"
_SPAN = rf"^\s*[{_DIGITS}]+\s*([-—–－~～至到]+\s*[{_DIGITS}]+)?\s*$"
_COUNT = rf"^\s*[{_DIGITS}]+\s*$"


def text(*, nullable: bool = False, description: str | None = None) -> Schema:
    """A one-line text: YAML 1.2 may read ``123`` or ``true`` as non-strings; all are text."""
    schema: Schema = {"type": _TEXT_TYPES + (["null"] if nullable else [])}
    if description:
        schema["description"] = description
    return schema


def paragraphs() -> Schema:
    """Paragraphs (or lines): one text, or a list of texts; empty is allowed."""
    return {"anyOf": [text(nullable=True), {"type": "array", "items": text(nullable=True)}]}


def choice(values: dict[str, Any], numbers: tuple[int, ...] = ()) -> Schema:
    """One of the written forms ``values`` lists (English and Chinese), or ``numbers``."""
    return {"enum": [*numbers, *values]}


def integer(low: int, high: int) -> Schema:
    """A whole number from ``low`` to ``high``, as a number or as digits in a string."""
    return {
        "anyOf": [
            {"type": "integer", "minimum": low, "maximum": high},
            {"type": "string", "pattern": _COUNT},
        ]
    }


def date_text(*, nullable: bool = False) -> Schema:
    """A date: 2026-03-02, 2026-3-2, 2026.3.2, 2026/3/2 or 2026年3月2日 (YAML 1.2: a string)."""
    return {"type": ["string", "null"] if nullable else "string", "pattern": _DATE}


def boolean() -> Schema:
    """true/false, 是/否, yes/no, on/off, 1/0."""
    words = [w for w in model.BOOL_OF if not w.isdigit() and w not in ("true", "false")]
    cased = [v for w in words for v in dict.fromkeys((w, w.capitalize(), w.upper()))]
    return {"anyOf": [{"type": "boolean"}, {"enum": [*cased, "true", "false", 0, 1, "0", "1"]}]}


def spans(unit: str, high: int) -> Schema:
    """A week or month: ``4``, ``"4-5"``, or a list of either (``[9, 18]``)."""
    one = {
        "anyOf": [
            {"type": "integer", "minimum": 1, "maximum": high},
            {"type": "string", "pattern": _SPAN},
        ]
    }
    return {
        "anyOf": [one, {"type": "array", "items": one, "minItems": 1}, {"type": "null"}],
        "description": f'{unit}：一个数 4、一段 "4-5"，或几个 [9, 18]',
    }


FORMS: dict[tuple[str, str], Callable[[], Schema]] = {
    ("Document", "kind"): lambda: choice(KIND_OF),
    ("Document", "org"): text,
    ("Document", "department"): lambda: text(nullable=True),
    ("Document", "title"): paragraphs,
    ("Document", "preamble"): paragraphs,
    ("Document", "guiding"): paragraphs,
    ("Document", "overview"): paragraphs,
    ("Document", "attachments"): paragraphs,
    ("Document", "date_style"): lambda: choice(model.DATE_STYLE_OF),
    ("Document", "fonts"): lambda: choice(model.FONTS_OF),
    ("Document", "templates"): lambda: text(nullable=True),
    ("Document", "order"): paragraphs,
    ("Document", "closing"): paragraphs,
    ("Document", "signature"): lambda: {
        "anyOf": [{"$ref": "#/$defs/Signature"}, boolean(), {"type": "null"}]
    },
    ("Node", "title"): lambda: text(nullable=True),
    ("Node", "text"): paragraphs,
    ("Period", "school_year"): lambda: {"type": "string", "pattern": _SCHOOL_YEAR},
    ("Period", "semester"): lambda: choice(model.SEMESTER_OF, (1, 2)),
    ("Period", "start"): date_text,
    ("Period", "weeks"): lambda: integer(*model.WEEKS),
    ("Period", "year"): lambda: integer(FIRST_YEAR, LAST_YEAR),
    ("Entry", "week"): lambda: spans("周次", model.WEEKS[1]),
    ("Entry", "month"): lambda: spans("月份", 12),
    ("Entry", "tasks"): paragraphs,
    ("Entry", "owner"): lambda: text(nullable=True),
    ("Entry", "status"): lambda: choice(model.STATUS_OF),
    ("Entry", "note"): lambda: text(nullable=True),
    ("Schedule", "layout"): lambda: choice(model.LAYOUT_OF),
    ("Day", "date"): lambda: date_text(nullable=True),
    ("Day", "start"): lambda: date_text(nullable=True),
    ("Day", "end"): lambda: date_text(nullable=True),
    ("Day", "name"): text,
    ("Day", "off"): boolean,
    ("Signature", "name"): lambda: text(nullable=True),
    ("Signature", "date"): lambda: date_text(nullable=True),
    ("Signature", "seal"): boolean,
    ("Completion", "planned"): lambda: integer(*model.COUNTS),
    ("Completion", "done"): lambda: integer(*model.COUNTS),
    ("Completion", "partial"): lambda: integer(*model.COUNTS),
    ("Completion", "cancelled"): lambda: integer(*model.COUNTS),
    ("Completion", "pending"): lambda: integer(*model.COUNTS),
    ("Department", "name"): text,
    ("Unfinished", "term"): lambda: text(nullable=True),
    ("Unfinished", "week"): lambda: spans("周次", 30),
    ("Unfinished", "month"): lambda: spans("月份", 12),
    ("Unfinished", "task"): text,
    ("Unfinished", "status"): lambda: choice(model.STATUS_OF),
    ("Unfinished", "note"): lambda: text(nullable=True),
}
"""(model, field) → the field's scalar schema as YAML 1.2 sees it.

Fields not listed are structural (a nested model, a list of them, ``headings``,
``extra``) and keep pydantic's shape.
"""

MODEL_DESCRIPTIONS = {
    "Document": "planmaker 文档：工作计划(plan)、工作总结(summary) 或年度总结(report)",
    "Node": "一条内容：一句话，或写 title（标题）、text（说明文字）和 items（下一级条目）",
    "Period": "时段：学期写 学年、学期（按周次安排时加开学日期、周数）；学年的文件只写 学年；年度的文件只写 年度",
    "Entry": "一条安排：周次（或月份）、工作内容、负责人、完成情况、备注",
    "Schedule": "具体安排：样式(layout) 和逐周（或逐月）的安排(entries)",
    "Day": "一个节假日、活动或调休上班日：单日写 date，连续几天写 start 和 end",
    "Signature": "落款：署名、成文日期、是否盖章",
    "Completion": "完成统计：计划、完成、部分完成、取消、未完成的项数",
    "Department": "一个部门的总结：名称、主要成效（或计划工作）、存在问题、完成统计、未完成的工作",
    "Unfinished": "一项没有完成的工作：所属学期、周次（或月份）、工作内容、完成情况、备注",
}


def json_schema() -> Schema:
    """The JSON Schema of every kind of planmaker document (see the module docstring)."""
    raw = model.Document.model_json_schema()
    defs: dict[str, Schema] = raw.pop("$defs")
    out_defs = {name: _object(name, schema) for name, schema in defs.items()}
    out_defs["Node"] = {
        "description": MODEL_DESCRIPTIONS["Node"],
        "anyOf": [text(), out_defs["Node"]],
    }
    root = _object("Document", raw)
    root["allOf"] = [*root.get("allOf", []), *_kind_rules()]
    return _refs(
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": SCHEMA_ID,
            "title": "planmaker 文档",
            **root,
            "definitions": out_defs,
        }
    )


def schema_text() -> str:
    """:func:`json_schema` as the text of ``planmaker.schema.json``."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _object(name: str, schema: Schema) -> Schema:
    """One model's object schema with scalar forms, Chinese keys and descriptions."""
    properties: dict[str, Schema] = {}
    for key, prop in schema["properties"].items():
        prop = _field(name, key, prop)
        aliases = ALIASES.get(key, ())
        properties[key] = _described(prop, f"（也可写作：{'、'.join(aliases)}）" if aliases else "")
        for alias in aliases:
            properties[alias] = _described(prop, f"（即 {key}）")
    out: Schema = {
        "type": "object",
        "description": MODEL_DESCRIPTIONS[name],
        "properties": properties,
        "additionalProperties": False,
    }
    required = [
        {"anyOf": [{"required": [name]} for name in (key, *ALIASES.get(key, ()))]}
        for key in schema.get("required", ())
    ]
    if required:
        out["allOf"] = required
    return out


def _field(model_name: str, key: str, prop: Schema) -> Schema:
    """The schema of one field: its YAML 1.2 form, or pydantic's structure rewritten."""
    description = prop.get("description", "")
    form = FORMS.get((model_name, key))
    if form is not None:
        out = copy.deepcopy(form())
    elif key == "headings":
        out = _headings()
    elif key == "extra":
        out = {"type": "object"}
    else:
        out = _structure(prop)
    if "default" in prop and prop["default"] is not None:
        out["default"] = prop["default"]
    if description:
        out["description"] = description
    return out


def _structure(prop: Schema) -> Schema:
    """pydantic's shape of a nested model or a list of them, without English titles."""
    if "$ref" in prop:
        return {"allOf": [{"$ref": prop["$ref"]}]}
    if prop.get("type") == "array":
        return {"type": "array", "items": _structure(prop["items"])}
    if "anyOf" in prop:
        return {"anyOf": [_structure(p) for p in prop["anyOf"]]}
    return {k: v for k, v in prop.items() if k not in ("title", "description", "default")}


def _headings() -> Schema:
    """``headings``: a label for any section, keyed by its English or Chinese name."""
    properties: dict[str, Schema] = {}
    for key in HEADING_KEYS:
        for name in (key, *ALIASES.get(key, ())):
            properties[name] = text(description=f"“{key}”部分的标题名称")
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _described(prop: Schema, suffix: str) -> Schema:
    """A copy of ``prop`` with ``suffix`` added to its description (the key's other names)."""
    out = copy.deepcopy(prop)
    if suffix:
        out["description"] = out.get("description", "") + suffix
    return out


def _kind_rules() -> list[Schema]:
    """For each kind, the body keys of the other kinds are refused."""
    names = ("kind", *ALIASES["kind"])
    body_keys = set().union(*KIND_FIELDS.values())
    rules = []
    for kind, fields in KIND_FIELDS.items():
        forms = [form for form, value in KIND_OF.items() if value == kind]
        written = [{"required": [n], "properties": {n: {"enum": forms}}} for n in names]
        condition: Schema = {"anyOf": written}
        if kind == "plan":  # the default kind: no kind key at all is a plan too
            condition["anyOf"].append({"not": {"anyOf": [{"required": [n]} for n in names]}})
        refused = {
            name: False
            for key in sorted(body_keys - fields)
            for name in (key, *ALIASES.get(key, ()))
        }
        rules.append({"if": condition, "then": {"properties": refused}})
    return rules


def _refs(schema: Any) -> Any:
    """``#/$defs/X`` (pydantic's) → ``#/definitions/X`` (draft-07's), everywhere."""
    if isinstance(schema, dict):
        return {
            k: (v.replace("#/$defs/", "#/definitions/") if k == "$ref" else _refs(v))
            for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_refs(v) for v in schema]
    return schema
