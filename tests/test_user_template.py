"""A unit's own templates: extend a built-in and override one block, or write one from
scratch; the whole document and ``extra`` are visible; mistakes are named by file and line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from helpers import render_markdown, write

PLAN = """\
org: 定边镇希望小学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
preamble: 本学期，我们将继续以教研工作为抓手。
goals:
  - 依法治教，规范办学行为。
  - 深化课程改革，注重过程管理。
measures:
  - title: 依法执教
    items: [严格执行课程计划, 规范作业布置]
  - title: 常规管理
    text: 加强常规工作的全过程管理。
safeguards:
  - 加强组织领导。
schedule:
  entries:
    - {week: 1, tasks: [组织报名领书], owner: 教务处}
    - {week: 3, tasks: 教学常规检查, owner: 教研组}
attachments: [教务处周次安排表]
extra: {联系人: 王老师, 电话: 0912-1234567}
signature: {date: 2026-02-21}
"""

SAFETY = """\
{% extends "builtin/plan.md.j2" %}
{# 在“工作目标”之后加一节“安全工作” #}
{% block goals %}
{{ super() }}
## 安全工作

1. 每周一次安全隐患排查。

1. 安全工作联系人：{{ extra.联系人 }}（{{ extra.电话 }}）。

{% endblock %}
"""


def sections(md: str) -> list[str]:
    return re.findall(r"^## (.+)$", md, flags=re.M)


def test_extending_the_builtin_and_overriding_one_block(tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(tmp_path, "安全.md.j2", SAFETY)
    default = render_markdown(plan)
    custom = render_markdown(plan, "--template", template)

    assert sections(default) == [
        "一、工作目标",
        "二、主要工作及措施",
        "三、保障措施",
        "四、具体安排",
    ]
    # the new section is numbered in sequence with the rest
    assert sections(custom) == [
        "一、工作目标",
        "二、安全工作",
        "三、主要工作及措施",
        "四、保障措施",
        "五、具体安排",
    ]
    assert "1.每周一次安全隐患排查。" in custom
    assert "2.安全工作联系人：王老师（0912-1234567）。" in custom
    # everything else is intact, in the same order
    new = custom.split("\n\n")
    kept = [block for block in new if not block.startswith(("## ", "1.每周", "2.安全"))]
    old = [block for block in default.split("\n\n") if not block.startswith("## ")]
    assert kept == old


def test_the_override_reaches_the_docx(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(tmp_path, "安全.md.j2", SAFETY)
    out = tmp_path / "out.docx"
    result = run_planmaker("render", plan, "--template", template, "-o", out)
    assert result.returncode == 0, result.stderr
    paragraphs = docx.Document(io.BytesIO(out.read_bytes())).paragraphs
    styles = {p.text: p.style.name for p in paragraphs}
    assert styles["二、安全工作"] == styles["一、工作目标"] == styles["三、主要工作及措施"]
    assert styles["1.每周一次安全隐患排查。"] == styles["1.依法治教，规范办学行为。"]


def test_changing_the_schedule_columns(tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(
        tmp_path,
        "两列.md.j2",
        """\
{% extends "builtin/plan.md.j2" %}
{% block schedule %}
## {{ labels.schedule }}

| 周次 | 工作内容 |
| --- | --- |
{% for row in schedule_rows %}
| {{ row.when }} | {{ row.task_lines|cell }} |
{% endfor %}

{% endblock %}
""",
    )
    md = render_markdown(plan, "--template", template)
    assert "## 四、具体安排\n\n| 周次 | 工作内容 |\n| --- | --- |\n| 第一周 | 组织报名领书 |" in md
    assert "负责人" not in md
    assert "## 三、保障措施" in md


def test_a_template_from_scratch_sees_doc_extra_and_the_filters(tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(
        tmp_path,
        "简版.md.j2",
        """\
# {{ doc.org }}{{ doc.department }}要点

{{ doc.period.start|date }}开学，共{{ doc.period.weeks|hanzi }}周。联系人：{{ extra.联系人 }}。

## {{ labels.goals }}

{% for goal in doc.goals %}
1. {{ goal.text[0] }}

{% endfor %}
""",
    )
    md = render_markdown(plan, "--template", template)
    assert md.startswith("# 定边镇希望小学教务处要点\n")
    assert "2026年3月2日开学，共二十周。联系人：王老师。" in md
    assert "## 一、工作目标\n\n1.依法治教，规范办学行为。\n\n2.深化课程改革" in md


def test_the_yaml_templates_folder_is_searched_first(tmp_path):
    write(tmp_path / "模板", "plan.md.j2", SAFETY)
    plan = write(tmp_path, "plan.yaml", PLAN + "templates: 模板\n")
    md = render_markdown(plan)
    assert "## 二、安全工作" in md
    # a built-in named explicitly is still the built-in
    assert "安全工作" not in render_markdown(plan, "--template", "builtin/plan")


def test_a_missing_templates_folder(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN + "templates: 没有这个文件夹\n")
    result = run_planmaker("render", plan)
    assert result.returncode == 1
    assert "模板目录(templates) 指向的文件夹不存在" in result.stderr


def test_unknown_keys_outside_extra_stay_errors(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN + "联系人: 王老师\n")
    result = run_planmaker("render", plan)
    assert result.returncode == 1
    assert f"plan.yaml:{PLAN.count(chr(10)) + 1}:1" in result.stderr
    assert "不认识的键“联系人”" in result.stderr
    assert "extra" in result.stderr


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("# 标题\n\n{% if %}\n", 3, "模板语法错误"),
        ("# 标题\n\n{% for x in doc.goals %}\n{{ x }}\n", 4, "模板语法错误"),
        ("# 标题\n\n{{ 单位名称 }}\n", 3, "模板用到了不存在的名字“单位名称”"),
        ("# 标题\n\n{{ extra.传真 }}\n", 3, "不存在的名字“传真”"),
        ("# 标题\n\n{{ ''.__class__.__mro__ }}\n", 3, "安全沙箱拦截"),
        ("# 标题\n\n\n{{ cycler.__init__.__globals__ }}\n", 4, "安全沙箱拦截"),
        ("# 标题\n{{ doc.org|大写 }}\n", 2, "不存在的过滤器“大写”"),
        ('# 标题\n{% include "没有.md.j2" %}\n', 2, "找不到模板“没有.md.j2”"),
        ("# 标题\n{{ doc.org|hanzi }}\n", 2, "模板运行出错"),
        ("# 标题\n\n- 一条\n", 3, "模板写出了 planmaker 不支持的 Markdown 结构"),
        ("# 标题\n\n## 一、目标\n\n4. 第四级\n", 5, "条目层次超过三级（第 4 级）"),
    ],
)
def test_template_mistakes_name_file_and_line(run_planmaker, tmp_path, source, line, words):
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(tmp_path, "我的模板.md.j2", source)
    result = run_planmaker("render", plan, "--template", template)
    assert result.returncode == 1
    assert f"我的模板.md.j2:{line}: " in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "plan.docx").exists()


def test_a_mistake_in_an_overridden_block_names_the_users_file(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(
        tmp_path,
        "模板/plan.md.j2",
        '{% extends "builtin/plan.md.j2" %}\n{% block goals %}\n{{ m.no_such_macro() }}\n'
        "{% endblock %}\n",
    )
    result = run_planmaker("render", plan, "--template", template, cwd=tmp_path)
    assert result.returncode == 1
    assert "模板/plan.md.j2:3: 模板用到了不存在的名字“no_such_macro”" in result.stderr


def test_an_unknown_template_name(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", PLAN)
    result = run_planmaker("render", plan, "--template", "plann")
    assert result.returncode == 1
    assert "找不到模板“plann”" in result.stderr
    assert "planmaker templates list" in result.stderr


GUIDE = Path(__file__).resolve().parent.parent / "docs" / "模板编写指南.md"
GUIDE_PLAN = PLAN.replace(
    "extra: {联系人: 王老师, 电话: 0912-1234567}",
    "extra: {联系人: 王老师, 电话: 0912-1234567, 抄送: [县教育局, 镇中心校]}\n"
    "holidays:\n  - {start: 2026-04-04, end: 2026-04-06, name: 清明节}",
).replace(
    "    - {week: 3, tasks: 教学常规检查, owner: 教研组}",
    "    - {week: 3, tasks: 教学常规检查, owner: 教研组}\n"
    "    - {week: 5, tasks: [组织期中考试。, 召开家长会], note: 因清明节顺延, owner: 教务处}",
)


def guide_blocks() -> list[str]:
    return re.findall(r"```jinja\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize(
    "template", [b for b in guide_blocks() if "→" not in b], ids=lambda b: b.splitlines()[0]
)
def test_the_guides_templates_render(tmp_path, template):
    plan = write(tmp_path, "plan.yaml", GUIDE_PLAN)
    md = render_markdown(plan, "--template", write(tmp_path, "guide.md.j2", template))
    assert "王老师" in md or "工作要点" in md or "| 周次 | 工作内容 |" in md


def test_the_guides_filter_examples_give_what_it_says(tmp_path):
    from datetime import date

    from planmaker.context import build_context
    from planmaker.pipeline import load_file
    from planmaker.templating import environment

    [block] = [b for b in guide_blocks() if "→" in b]
    context = build_context(
        load_file(write(tmp_path, "plan.yaml", GUIDE_PLAN)), today=date(2026, 2, 21)
    ).context
    context["row"] = next(r for r in context["schedule_rows"] if r.when == "第五周")
    examples = re.findall(r"^(\{\{.*?\}\})\s*(?:\n\s*)?→ (.+?)(?: {2,}|$)", block, flags=re.M)
    assert len(examples) == block.count("→") >= 12
    env = environment(())
    for expression, result in examples:
        assert env.from_string(expression).render(context) == result, expression


def test_a_units_plan_that_extends_itself(run_planmaker, tmp_path):
    write(tmp_path / "模板", "plan.md.j2", '{% extends "plan.md.j2" %}\n')
    plan = write(tmp_path, "plan.yaml", PLAN + "templates: 模板\n")
    result = run_planmaker("render", plan, cwd=tmp_path)
    assert result.returncode == 1
    assert "模板/plan.md.j2:1: 模板无休止地调用自己" in result.stderr
    assert '{% extends "builtin/plan.md.j2" %}' in result.stderr
    assert "Traceback" not in result.stderr
