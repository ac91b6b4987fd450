"""The document structure of docs/yaml.md §9: sections numbered 一、, trees （一）1.（1）, as text."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from planmaker.errors import PlanError
from planmaker.loader import load_yaml
from planmaker.pipeline import document_markdown
from planmaker.validate import validate

HEADER = """\
org: 定边镇希望小学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
signature: {date: 2026-02-21}
"""


def body(yaml_text: str) -> list[str]:
    """The numbered Markdown's blocks, front matter dropped."""
    doc = validate(load_yaml(HEADER + textwrap.dedent(yaml_text), "plan.yaml"))
    md, _, _ = document_markdown(doc, base=Path("."), today=date(2026, 2, 21))
    return [b for b in md.split("---", 2)[2].strip().split("\n\n")]


def test_sections_are_numbered_in_order_and_plain_children_get_arabic_numbers():
    blocks = body("""
        guiding: 坚持以教学为中心。
        goals:
          - 依法治教，规范办学行为。
          - 深化课程改革。
        safeguards:
          - 加强领导。
        """)
    assert blocks[:2] == ["# 定边镇希望小学", "# 2025—2026学年第二学期教务处工作计划"]
    assert blocks[2:][:7] == [
        "## 一、指导思想",
        "坚持以教学为中心。",
        "## 二、工作目标",
        "1.依法治教，规范办学行为。",
        "2.深化课程改革。",
        "## 三、保障措施",
        "1.加强领导。",
    ]


def test_measure_tree_takes_four_levels():
    blocks = body("""
        measures:
          - title: 依法执教。
            text: 教务处管理的中心工作是常规工作。
            items:
              - 严格执行课程计划。
              - title: 加强校本研究
                items:
                  - 每人一个课题。
                  - title: 课题管理
                    text: 期末验收。
          - title: 常规管理
        """)
    assert blocks[2:] == [
        "## 一、主要工作及措施",
        "### （一）依法执教。",
        "教务处管理的中心工作是常规工作。",
        "1.严格执行课程计划。",
        "#### 2.加强校本研究",
        "（1）每人一个课题。",
        "##### （2）课题管理",
        "期末验收。",
        "### （二）常规管理",
        "::: signature",
        "教务处",
        "2026年2月21日\n:::",
    ]


def test_mixed_children_share_one_counter():
    blocks = body("""
        measures:
          - 总体要求一段。
          - title: 具体措施
            items: [第一条。]
          - 另一段要求。
        """)
    assert "（一）总体要求一段。" in blocks
    assert "### （二）具体措施" in blocks
    assert "1.第一条。" in blocks
    assert "（三）另一段要求。" in blocks


def test_headings_can_be_renamed_and_extra_sections_are_numbered_in_sequence():
    blocks = body("""
        headings: {measures: 主要工作及要求, 工作目标: 本期目标}
        goals: [目标一。]
        measures: [{title: 措施}]
        sections:
          - title: 教学质量监测
            text: 期中、期末各一次。
            items: [统一命题。]
        attachments: [教务处周次安排表, 作息时间表]
        """)
    assert "## 一、本期目标" in blocks
    assert "## 二、主要工作及要求" in blocks
    assert "## 三、教学质量监测" in blocks
    i = blocks.index("## 三、教学质量监测")
    assert blocks[i + 1 : i + 3] == ["期中、期末各一次。", "1.统一命题。"]
    i = blocks.index("::: attachments")
    assert blocks[i + 1 : i + 3] == ["附件：1.教务处周次安排表", "2.作息时间表\n:::"]


def test_text_rule_blank_line_new_paragraph_single_breaks_join_and_trim():
    blocks = body("""
        preamble: "  本学期，\\r\\n　我们将继续\\n努力。 \\n\\n第二段。\\n"
        """)
    assert blocks[2:4] == ["本学期，我们将继续努力。", "第二段。"]


def test_a_tree_deeper_than_four_levels_is_an_error_naming_where():
    with pytest.raises(PlanError) as info:
        body("""
            measures:
              - title: 一
                items:
                  - title: 二
                    items:
                      - title: 三
                        items: [四]
            """)
    problem = info.value.problems[0]
    assert problem.code == "tree.too_deep"
    # line 12 of the file: the header's 4 lines, a blank one, then the tree's `items: [四]`
    assert problem.where.line == 12
