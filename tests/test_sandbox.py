"""A template sees plain data: nothing it is given has a method that reaches Python.

A unit's template is written by whoever hands over the folder. Given the document as a
pydantic model, ``{{ doc.parse_raw(..., proto="pickle", allow_pickle=True) }}`` ran a
shell command and ``doc.parse_file(...)`` printed another file inside an error message.
Every such call must now stop with the Chinese template message at the template's file
and line, exit 1, run nothing and write nothing, in render, check and batch alike; and
every name the guide documents still works.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_templates import REPORT

from planmaker.cli import run
from planmaker.context import build_context
from planmaker.pipeline import load_file
from planmaker.plain import Record, plain

PLAN = """\
org: 定边镇希望小学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
goals: [依法治教，规范办学行为。]
measures:
  - title: 常规管理
    items: [严格执行课程计划]
holidays:
  - {start: 2026-04-04, end: 2026-04-06, name: 清明节}
schedule:
  entries:
    - {week: 1, tasks: [组织报名领书], owner: 教务处}
    - {week: 5, tasks: [组织期中考试], note: 因清明节顺延, status: done}
extra: {联系人: 王老师}
signature: {date: 2026-02-21}
"""


def pickle_call(marker: Path) -> str:
    """The call that unpickled ``os.system("id > marker")`` when ``doc`` was a model."""
    command = f"id > {marker}"
    return (
        "{{ doc.parse_raw(\"cposix\\nsystem\\n(S'"
        + command
        + '\'\\ntR.", proto="pickle", allow_pickle=True) }}'
    )


CALLS = [
    ("{{ doc.model_validate({'org': 'x'}) }}", "不存在的名字“model_validate”"),
    ("{{ doc.model_validate_json('{}') }}", "不存在的名字“model_validate_json”"),
    ("{{ doc.parse_obj({}) }}", "不存在的名字“parse_obj”"),
    ("{{ doc.copy() }}", "不存在的名字“copy”"),
    ("{{ doc.model_copy() }}", "不存在的名字“model_copy”"),
    ("{{ doc.construct() }}", "不存在的名字“construct”"),
    ("{{ doc.model_construct() }}", "不存在的名字“model_construct”"),
    ("{{ doc.dict() }}", "不存在的名字“dict”"),
    ("{{ doc.json() }}", "不存在的名字“json”"),
    ("{{ doc.model_dump() }}", "不存在的名字“model_dump”"),
    ("{{ doc.schema() }}", "不存在的名字“schema”"),
    ("{{ doc.period.copy() }}", "不存在的名字“copy”"),
    ("{{ doc.signature.model_dump_json() }}", "不存在的名字“model_dump_json”"),
    ("{{ doc.goals[0].model_validate({}) }}", "不存在的名字“model_validate”"),
    ("{{ schedule_rows[0].model_dump() }}", "不存在的名字“model_dump”"),
    ("{{ doc.__class__.__init__.__globals__ }}", "安全沙箱拦截"),
    ("{{ doc.__class__.model_validate({}) }}", "安全沙箱拦截"),
    ("{{ doc.period.__class__.__mro__ }}", "安全沙箱拦截"),
    ("{{ schedule_rows[0].__class__ }}", "安全沙箱拦截"),
    ("{{ completion.__class__ }}", "安全沙箱拦截"),
    ("{{ doc.__pydantic_validator__ }}", "不存在的名字“__pydantic_validator__”"),
    ("{{ doc._values }}", "安全沙箱拦截"),
    ("{{ doc.period.start.__class__ }}", "安全沙箱拦截"),
]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def template_with(call: str) -> str:
    return "# 标题\n\n" + call + "\n"


def test_the_pickle_call_runs_nothing_through_template(tmp_path, capsys):
    marker = tmp_path / "marker"
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(tmp_path, "payload.md.j2", template_with(pickle_call(marker)))
    out = tmp_path / "plan.docx"
    assert run(["render", str(plan), "--template", str(template), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "payload.md.j2:3: 模板用到了不存在的名字“parse_raw”" in err
    assert "Traceback" not in err
    assert not marker.exists()
    assert not out.exists()


@pytest.mark.parametrize(("call", "words"), CALLS, ids=[c for c, _ in CALLS])
def test_no_model_method_or_class_is_reachable(tmp_path, capsys, call, words):
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(tmp_path, "payload.md.j2", template_with(call))
    out = tmp_path / "plan.docx"
    assert run(["render", str(plan), "--template", str(template), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "payload.md.j2:3: " in err
    assert words in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_template_cannot_read_another_file_through_the_model(tmp_path, capsys):
    secret = write(tmp_path, "secret.json", '{"password": "绝密-7319"}')
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(
        tmp_path, "payload.md.j2", template_with(f"{{{{ doc.parse_file('{secret}') }}}}")
    )
    assert run(["render", str(plan), "--template", str(template), "-o", "-", "-f", "md"]) == 1
    captured = capsys.readouterr()
    assert "payload.md.j2:3: 模板用到了不存在的名字“parse_file”" in captured.err
    assert "绝密-7319" not in captured.err + captured.out


def unit_with_payload(folder: Path, marker: Path) -> Path:
    """A unit folder whose own plan.md.j2 (``templates: 模板``) holds the pickle call."""
    write(folder / "模板", "plan.md.j2", template_with(pickle_call(marker)))
    return write(folder, "plan.yaml", PLAN + "templates: 模板\n")


def test_the_pickle_call_runs_nothing_through_render_and_check(tmp_path, capsys, monkeypatch):
    marker = tmp_path / "marker"
    plan = unit_with_payload(tmp_path / "单位", marker)
    monkeypatch.chdir(tmp_path / "单位")
    assert run(["render", "plan.yaml"]) == 1
    assert "模板/plan.md.j2:3: 模板用到了不存在的名字“parse_raw”" in capsys.readouterr().err
    assert run(["check", str(plan)]) == 1
    assert "模板/plan.md.j2:3: 模板用到了不存在的名字“parse_raw”" in capsys.readouterr().err
    assert not marker.exists()
    assert not plan.with_suffix(".docx").exists()


def test_the_pickle_call_runs_nothing_through_batch(run_planmaker, tmp_path):
    marker = tmp_path / "marker"
    unit_with_payload(tmp_path / "各校" / "单位", marker)
    write(tmp_path / "各校", "好的.yaml", PLAN)
    result = run_planmaker("batch", tmp_path / "各校", "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 1
    flat = re.sub(r"[\s│┃]+", "", result.stderr)
    assert "plan.md.j2:3:模板用到了不存在的名字“parse_raw”" in flat
    assert "共2个文件，生成1个，失败1个" in flat
    assert not marker.exists()
    assert (tmp_path / "out" / "好的.docx").is_file()
    assert not (tmp_path / "out" / "单位" / "plan.docx").exists()


ALLOWED = (str, int, float, bool, type(None), date, list, tuple, dict, frozenset, Record)


@pytest.mark.parametrize(
    "source", ["term-plan-table.yaml", "township-union-summary.yaml", "report", "plan"]
)
def test_the_context_a_template_gets_is_plain_data(tmp_path, source):
    """Everything reachable from the context is a plain value; nothing can be called."""
    if source == "report":
        path = write(tmp_path, "report.yaml", REPORT)
    elif source == "plan":
        path = write(tmp_path, "plan.yaml", PLAN)
    else:
        path = EXAMPLES / source
    context = plain(build_context(load_file(path), today=date(2026, 2, 21)).context)
    seen = 0
    todo = list(context.values())
    while todo:
        value = todo.pop()
        seen += 1
        assert isinstance(value, ALLOWED), type(value)
        assert not callable(value), value
        if isinstance(value, Record):
            assert [n for n in dir(value) if not n.startswith("_")] == []
            todo.extend(v for _, v in value)
        elif isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, (list, tuple, frozenset)):
            todo.extend(value)
    assert seen > 50


def test_computed_values_and_documented_names_still_work(tmp_path, capsys):
    """Properties (``date_lines``, ``first``, ``rate`` …) are there as values."""
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(
        tmp_path,
        "names.md.j2",
        "# {{ doc.org }}\n\n"
        "{{ doc.period.school_year[0] }}|{{ doc.period.is_term }}|{{ doc.period.start|date }}\n\n"
        "{{ doc.holidays[0].first|date_span(doc.holidays[0].last) }}\n\n"
        "{% for row in schedule_rows %}{{ row.date_lines|cell }}={{ row.task_lines|cell }};"
        "{% endfor %}\n\n"
        "{{ completion.rate }}|{{ completion.planned }}|{{ extra.联系人 }}|{{ labels.goals }}\n\n"
        '{{ doc.measures[0]["items"][0].text[0] }}|{{ doc.measures[0].items[0].text[0] }}\n',
    )
    assert run(["render", str(plan), "--template", str(template), "-o", "-", "-f", "md"]) == 0
    md = capsys.readouterr().out
    assert "2025|True|2026年3月2日" in md
    assert "4月4日—6日" in md
    assert "3月2日—3月8日=组织报名领书;" in md
    assert "3月30日—4月5日<br>清明节放假（4月4日—6日）=组织期中考试<br>（因清明节顺延）;" in md
    assert "50\\.0%|2|王老师|工作目标" in md  # "." escaped: a number then "." would be a list
    assert "严格执行课程计划|严格执行课程计划" in md
