"""``planmaker schema``: the JSON Schema an editor uses, checked with jsonschema.

Editors read YAML 1.2, not planmaker's loader: ``2026-03-02`` is a string, ``20`` a
number, ``true`` a boolean, ``yes`` a string. :func:`load_yaml12` reads a file that way
(PyYAML's own ``safe_load`` is YAML 1.1 and would make dates and ``yes`` something else).
"""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import EXAMPLES

from planmaker import model
from planmaker.schema import FORMS, json_schema

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)


def load_yaml12(text: str) -> Any:
    """``text`` as YAML 1.2's core schema types it (quoted scalars are strings)."""

    def convert(node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {convert(k): convert(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [convert(v) for v in node.value]
        value = node.value
        if node.style:  # quoted or a block scalar
            return value
        if value in ("", "~", "null", "Null", "NULL"):
            return None
        if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
            return value.lower() == "true"
        if _INT.fullmatch(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        return value

    return convert(yaml.compose(text, Loader=yaml.SafeLoader))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def problems(validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(load_yaml12(text))]


EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.yaml"))


def test_there_are_examples_to_check():
    assert len(EXAMPLE_FILES) >= 5


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_validates(validator, path):
    assert problems(validator, path.read_text(encoding="utf-8")) == []


HEAD = "org: 定边镇希望小学\nperiod: {school_year: 2025-2026, semester: 2, start: 2026-03-02, weeks: %s}\n"


@pytest.mark.parametrize("weeks", ["20", '"20"', "１８"])
def test_numbers_as_numbers_or_text(validator, weeks):
    assert problems(validator, HEAD % weeks) == []


@pytest.mark.parametrize(
    ("extra", "wrong"),
    [
        ("", "二十"),
        ("orgg: x\n", "20"),
        ("kind: summary\ngoals: [a]\n", "20"),
        ("类型: 工作总结\n工作目标: [a]\n", "20"),
        ("measures: [{title: a, itemz: [b]}]\n", "20"),
        ("signature: {seal: 也许}\n", "20"),
        ("signature: {date: 2026年3月}\n", "20"),
        ("schedule: {entries: [{week: 4-5, tasks: a, status: finished}]}\n", "20"),
        ("schedule: {layout: grid}\n", "20"),
        ("headings: {目标: 工作目标}\n", "20"),
    ],
)
def test_mistakes_are_flagged(validator, extra, wrong):
    assert problems(validator, HEAD % wrong + extra)


@pytest.mark.parametrize(
    "text",
    [
        "单位: 芦中\n部门: 工会\n时段: {年度: 2026}\n工作目标: [做好三项工程。]\n",
        "类型: 总结\n单位: 芦中\n时段: {年度: 2025}\n主要成效: [{标题: 建家活动, 条目: [召开动员会。]}]\n",
        HEAD % 20 + "signature: {seal: 否, date: 2026.3.2}\ndate_style: 汉字\nfonts: windows\n",
        HEAD % 20
        + "schedule: {样式: 列表, 安排: [{周次: [9, 18], 工作内容: 检查, 完成情况: 已完成}]}\n",
        HEAD % 20
        + "holidays: [{start: 2026-04-27, end: 2026-04-28, name: 研学}, {date: 2026-04-20, name: 运动会, off: no}]\n",
        HEAD % 20 + "extra: {联系人: 王老师, 电话: 0912-1234567, 任意: {层次: [1, 2]}}\n",
        HEAD % 20 + "headings: {主要工作: 主要工作及要求, schedule: 工作安排}\n",
    ],
)
def test_chinese_keys_and_values_pass(validator, text):
    assert problems(validator, text) == []


def test_org_and_period_are_required_by_either_name(validator):
    assert problems(validator, "单位: 芦中\n")
    assert problems(validator, "时段: {年度: 2026}\n")
    assert problems(validator, "单位: 芦中\n时段: {年度: 2026}\n") == []


def test_every_scalar_field_has_its_yaml_form():
    """A field added to the model needs a form here, or the schema would describe it wrongly."""
    raw = model.Document.model_json_schema()
    for name, schema in {"Document": raw, **raw["$defs"]}.items():
        for key, prop in schema["properties"].items():
            if "$ref" in json.dumps(prop) or key in ("headings", "extra"):
                continue  # a nested model or a mapping: its shape comes from pydantic
            assert (name, key) in FORMS, (name, key)


def test_schema_command_prints_and_writes(run_planmaker, tmp_path):
    printed = run_planmaker("schema")
    assert printed.returncode == 0, printed.stderr
    schema = json.loads(printed.stdout)
    assert "单位" in schema["properties"] and "org" in schema["properties"]
    assert schema["properties"]["单位"]["description"].startswith("单位名称")

    written = run_planmaker("schema", "-o", tmp_path / "编辑器" / "planmaker.schema.json")
    assert written.returncode == 0, written.stderr
    assert (
        json.loads((tmp_path / "编辑器" / "planmaker.schema.json").read_text(encoding="utf-8"))
        == schema
    )


def test_files_written_by_new_validate(run_planmaker, validator, tmp_path):
    for args in (
        (
            "semester",
            "--org",
            "芦中",
            "--school-year",
            "2025-2026",
            "--semester",
            "1",
            "--start",
            "2025-09-01",
        ),
        ("year", "--org", "芦中", "--year", "2026"),
        ("summary", "--org", "芦中", "--department", "工会", "--year", "2026"),
    ):
        assert run_planmaker("new", *args, cwd=tmp_path).returncode == 0
    written = sorted(tmp_path.glob("*.yaml"))
    assert len(written) == 3
    for path in written:
        assert problems(validator, path.read_text(encoding="utf-8")) == [], path.name
    schema = json.loads((tmp_path / "planmaker.schema.json").read_text(encoding="utf-8"))
    assert schema == json_schema()
