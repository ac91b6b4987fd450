"""Kind ``summary`` rendered (docs/yaml.md §5), and the 成文日期 in Chinese numerals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docxread import read_docx
from helpers import EXAMPLES, render_bytes, write

SUMMARY = """\
kind: 工作总结
org: 芦中
department: 德育处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
overview: |
  本学期，德育处围绕立德树人根本任务开展工作。

  现将本学期工作总结如下。
achievements:
  - title: 加强班主任队伍建设
    items:
      - 每月召开一次班主任例会。
      - title: 开展班主任基本功比赛
        items: [全校二十名班主任参赛。]
problems: [家校沟通的渠道还不够多。]
next_steps: [完善家长学校的课程。]
schedule:
  entries:
    - {week: 1, tasks: [开学典礼, 安全教育], status: 已完成}
    - {week: [9, 18], tasks: 文明班级评比, status: done}
    - {week: "4-5", tasks: 清明祭扫, status: 部分完成, note: 因雨改为线上}
    - {week: 10, tasks: 春季运动会, status: cancelled}
    - {week: 12, tasks: 心理健康周}
    - {week: 14, tasks: 六一表彰, status: done}
    - {week: 20, tasks: 评选三好学生, status: done}
signature: {date: 2026-07-10}
"""


def render(tmp_path: Path, text: str, name: str = "summary.yaml"):
    """The paragraphs and tables of ``text`` saved as ``name`` and rendered in July 2026."""
    return read_docx(render_bytes(write(tmp_path, name, text), today=date(2026, 7, 1)))


def test_summary_parts_in_order_with_completion(tmp_path):
    paragraphs, tables = render(tmp_path, SUMMARY)

    assert paragraphs == [
        "芦中",  # the composed title is longer than a line: it breaks after the org
        "2025—2026学年第二学期德育处工作总结",
        "本学期，德育处围绕立德树人根本任务开展工作。",
        "现将本学期工作总结如下。",
        "一、主要工作及成效",
        "（一）加强班主任队伍建设",
        "1.每月召开一次班主任例会。",
        "2.开展班主任基本功比赛",
        "（1）全校二十名班主任参赛。",
        "二、计划完成情况",
        # Seven entries, each counted once whatever its weeks or tasks: 4 done of the 6
        # not cancelled.
        "本学期计划安排工作7项，已完成4项，部分完成1项，取消1项，未完成1项；"
        "除去取消的1项，完成率为66.7%。",
        # then every entry not done, with its weeks and note
        "部分完成：第四至五周 清明祭扫（因雨改为线上）。",
        "未完成：第十二周 心理健康周。",
        "取消：第十周 春季运动会。",
        "三、存在的问题",
        "1.家校沟通的渠道还不够多。",
        "四、下一步工作打算",
        "1.完善家长学校的课程。",
        "德育处",
        "2026年7月10日",
    ]
    [table] = tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["计划", "已完成", "部分完成", "取消", "未完成", "完成率"],
        ["7", "4", "1", "1", "1", "66.7%"],
    ]


def test_a_summary_without_schedule_has_no_completion_part(tmp_path):
    text = SUMMARY.split("schedule:")[0] + "signature: {date: 2026-07-10}\n"
    paragraphs, tables = render(tmp_path, text)
    assert "二、计划完成情况" not in paragraphs
    assert "二、存在的问题" in paragraphs
    assert tables == []


def test_the_township_union_example(tmp_path):
    paragraphs, tables = render(
        tmp_path, (EXAMPLES / "township-union-summary.yaml").read_text(encoding="utf-8")
    )
    assert paragraphs[0] == "定边镇工会2025年工作总结"
    assert paragraphs[1].startswith("2025年，定边镇工会工作在县总工会的领导下")
    headings = [p for p in paragraphs if p[:2] in ("一、", "二、", "三、", "四、")]
    assert headings == [
        "一、主要工作及成效",
        "二、计划完成情况",
        "三、存在的问题",
        "四、2026年工作打算",
    ]
    assert (
        "本年度计划安排工作12项，已完成8项，部分完成2项，取消1项，未完成1项；"
        "除去取消的1项，完成率为72.7%。" in paragraphs
    )
    assert [c.text for c in tables[0].rows[1].cells] == ["12", "8", "2", "1", "1", "72.7%"]
    assert paragraphs[-2:] == ["定边镇工会", "2025年12月26日"]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("", "2026年3月2日"),
        ("date_style: hanzi\n", "二〇二六年三月二日"),
        ("日期格式: 汉字\n", "二〇二六年三月二日"),
    ],
)
def test_date_style_sets_the_signature_date(tmp_path, style, expected):
    text = (
        "org: 定边镇希望小学\nperiod: {year: 2026}\ngoals: [依法治教。]\n"
        + style
        + "signature: {date: 2026-03-02}\n"
    )
    paragraphs, _ = render(tmp_path, text, "plan.yaml")
    assert paragraphs[-1] == expected
    # Only the 成文日期 changes: the title keeps Arabic numerals.
    assert paragraphs[0] == "定边镇希望小学2026年工作计划"


def test_hanzi_date_of_a_year_end_summary(tmp_path):
    text = SUMMARY.replace("{date: 2026-07-10}", "{date: 2026-12-31}") + "date_style: hanzi\n"
    paragraphs, _ = render(tmp_path, text)
    assert paragraphs[-1] == "二〇二六年十二月三十一日"
