"""``planmaker templates``: the built-in templates listed, shown, and exported to edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import EXAMPLES, render_markdown

from planmaker.templating import BUILTIN_DESCRIPTIONS, builtin_dir, builtin_names

REPORT = """\
kind: report
org: 城关中学
period: {year: 2026}
overview: 2026年，学校各部门按计划推进各项工作。
departments:
  - name: 教务处
    achievements:
      - title: 抓常规，提质量
        items: [完善教学常规检查, 组织公开课十二节]
    completion: {planned: 10, done: 8, partial: 1, cancelled: 0, pending: 1}
  - name: 工会
    planned:
      - 开展教职工健身活动
    completion: {planned: 4, done: 2, partial: 1, cancelled: 1, pending: 0}
problems: [部分活动因天气推迟。]
next_steps: [继续落实教学常规。]
signature: {name: 城关中学, date: 2026-12-28}
"""

SOURCES = {
    "plan": EXAMPLES / "term-plan-table.yaml",
    "summary": EXAMPLES / "township-union-summary.yaml",
}


def source_for(kind: str, tmp_path: Path) -> Path:
    if kind in SOURCES:
        return SOURCES[kind]
    path = tmp_path / "report.yaml"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_list_names_each_builtin_with_a_chinese_description(run_planmaker):
    result = run_planmaker("templates", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == builtin_names()
    assert {"plan", "summary", "report"} <= set(builtin_names())
    for line in lines:
        name, description = line.split(maxsplit=1)
        assert description == BUILTIN_DESCRIPTIONS[name]
    assert "工作计划" in lines[builtin_names().index("plan")]
    # the bare group lists them too
    assert run_planmaker("templates").stdout == result.stdout


def test_show_prints_the_template(run_planmaker):
    result = run_planmaker("templates", "show", "plan")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (builtin_dir() / "plan.md.j2").read_text(encoding="utf-8")
    assert "{% block goals %}" in result.stdout


def test_show_an_unknown_template(run_planmaker):
    result = run_planmaker("templates", "show", "plann")
    assert result.returncode == 1
    assert "找不到模板“plann”" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_copies_the_template_with_what_it_imports(run_planmaker, tmp_path):
    folder = tmp_path / "模板"
    result = run_planmaker("templates", "export", "plan", folder)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["_macros.md.j2", "plan.md.j2"]
    for name in ("plan.md.j2", "_macros.md.j2"):
        assert (folder / name).read_bytes() == (builtin_dir() / name).read_bytes()
    assert "已导出" in result.stderr


def test_export_never_overwrites_without_force(run_planmaker, tmp_path):
    folder = tmp_path / "模板"
    assert run_planmaker("templates", "export", "plan", folder).returncode == 0
    edited = folder / "_macros.md.j2"
    edited.write_text("{# 本单位改过的 #}\n", encoding="utf-8")

    again = run_planmaker("templates", "export", "plan", folder)
    assert again.returncode == 1
    assert f"{edited}: 文件已存在" in again.stderr
    assert "--force" in again.stderr
    assert edited.read_text(encoding="utf-8") == "{# 本单位改过的 #}\n"

    forced = run_planmaker("templates", "export", "plan", folder, "--force")
    assert forced.returncode == 0, forced.stderr
    assert edited.read_bytes() == (builtin_dir() / "_macros.md.j2").read_bytes()


@pytest.mark.parametrize("kind", ["plan", "summary", "report"])
def test_an_exported_template_renders_like_the_builtin(run_planmaker, tmp_path, kind):
    folder = tmp_path / "exported"
    assert run_planmaker("templates", "export", kind, folder).returncode == 0
    plan = source_for(kind, tmp_path)
    default = render_markdown(plan)
    exported = render_markdown(plan, "--template", folder / f"{kind}.md.j2")
    assert exported == default
    assert "## 一、" in default


@pytest.mark.parametrize(
    "kind",
    [
        "plan",
        "summary",
        "report",
    ],
)
def test_the_exported_copies_use_each_other(run_planmaker, tmp_path, kind):
    """Editing the exported _macros.md.j2 changes what the exported template prints."""
    folder = tmp_path / "exported"
    assert run_planmaker("templates", "export", kind, folder).returncode == 0
    macros = folder / "_macros.md.j2"
    text = macros.read_text(encoding="utf-8")
    assert "{{ name }}\n\n{{ date }}" in text
    macros.write_text(text.replace("{{ name }}\n\n{{ date }}", "{{ name }}（盖章）\n\n{{ date }}"))
    plan = source_for(kind, tmp_path)
    assert "（盖章）" in render_markdown(plan, "--template", folder / f"{kind}.md.j2")
    assert "（盖章）" not in render_markdown(plan)


def test_plan_blocks_are_named_after_the_yaml_keys():
    from jinja2 import Environment, nodes

    from planmaker.model import Document

    source = (builtin_dir() / "plan.md.j2").read_text(encoding="utf-8")
    blocks = [b.name for b in Environment().parse(source).find_all(nodes.Block)]
    content_keys = [
        "title",
        "preamble",
        "guiding",
        "goals",
        "measures",
        "safeguards",
        "sections",
        "schedule",
        "closing",
        "attachments",
        "signature",
    ]
    assert [b for b in blocks if b in Document.model_fields] == content_keys
    assert set(blocks) - set(content_keys) == {"front_matter"}
