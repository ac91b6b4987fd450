"""The week calendar of docs/yaml.md §8: rows by week with Monday–Sunday dates, ranges, lists, months."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from planmaker.loader import load_yaml
from planmaker.markdown import parse_markdown
from planmaker.pipeline import document_markdown
from planmaker.validate import validate

TERM = """\
org: 定边镇希望小学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-04, weeks: 20}
"""
YEAR = """\
org: 芦中
department: 工会
period: {year: 2026}
"""


def markdown(yaml_text: str) -> str:
    doc = validate(load_yaml(textwrap.dedent(yaml_text), "plan.yaml"))
    md, _, _ = document_markdown(doc, base=Path("."), today=date(2026, 2, 21))
    return md


def table_rows(md: str) -> list[list[str]]:
    """The body rows of the first table, each cell's text with <br> as a newline."""
    rows: list[list[str]] = []
    row: list[str] | None = None
    for tok in parse_markdown(md):
        if tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            rows.append(row)
            row = None
        elif tok.type == "table_close":
            break
        elif tok.type == "inline" and row is not None:
            row.append("\n".join(c.content for c in tok.children or [] if c.type == "text"))
    return rows[1:]


def test_table_rows_by_week_with_monday_to_sunday_dates():
    md = markdown(
        TERM
        + """\
schedule:
  layout: table
  entries:
    - week: 2
      tasks: [常规检查]
    - week: 1
      tasks: [组织报名领书, 制定各部门工作计划]
      owner: 教务处
      note: 开学第一周
    - week: "4-5"
      tasks: 期中复习
    - week: [9, 18]
      tasks: 教学质量抽测
    - week: 9
      tasks: 期中考试
"""
    )
    rows = table_rows(md)
    whens = [r[0] for r in rows]
    # sorted by week; the start given on a Wednesday counts from that week's Monday;
    # a list puts the entry in each listed week's row; two entries in one week are two rows
    assert whens[:3] == ["第一周", "第二周", "第四至五周"]
    assert rows[0][1].startswith("3月2日—3月8日")
    assert rows[0][2] == "组织报名领书\n制定各部门工作计划\n（开学第一周）"
    assert rows[0][3] == "教务处"
    assert rows[1][1].startswith("3月9日—3月15日")
    assert rows[2][1].startswith("3月23日—4月5日")
    assert [r for r in rows if r[2] == "教学质量抽测"][0][0] == "第九周"
    assert [r for r in rows if r[2] == "教学质量抽测"][1][0] == "第十八周"
    ninth = [r for r in rows if r[0] == "第九周" and r[2]]
    assert [r[2] for r in ninth] == ["教学质量抽测", "期中考试"]


def test_holidays_sit_under_the_dates_and_a_holiday_only_week_gets_its_own_row():
    md = markdown(
        TERM
        + """\
schedule:
  entries:
    - week: 1
      tasks: 开学
"""
    )
    rows = {r[0]: r for r in table_rows(md)}
    # 清明 2026: Apr 4–6, in weeks 5 (3月30日—4月5日) and 6
    assert rows["第五周"][1] == "3月30日—4月5日\n清明节放假（4月4日—6日）"
    assert rows["第五周"][2] == ""
    assert "清明节放假（4月4日—6日）" in rows["第六周"][1]


def test_list_layout_in_the_seeds_style():
    md = markdown(
        TERM
        + """\
schedule:
  layout: list
  entries:
    - week: 1
      tasks: [组织报名领书。, 制定各部门工作计划；]
      note: 全体教师参加
      owner: 教务处
    - week: "4-5"
      tasks: 期中复习
"""
    )
    assert (
        "第一周（3月2日—3月8日）：组织报名领书；制定各部门工作计划（全体教师参加）。（负责：教务处）"
        in md
    )
    assert "第四至五周（3月23日—4月5日，清明节放假4月4日—6日）：期中复习。" in md
    assert "第五周（3月30日—4月5日，清明节放假4月4日—6日）。" not in md  # covered by 第四至五周
    assert "第六周（4月6日—4月12日，清明节放假4月4日—6日）。" in md


def test_year_plan_schedule_by_month():
    md = markdown(
        YEAR
        + """\
schedule:
  entries:
    - month: 3
      tasks: [慰问女教工, 庆祝“三八”妇女节]
      owner: 工会女工委员会
    - month: 2
      tasks: 制定年度计划
"""
    )
    rows = table_rows(md)
    assert [r[0] for r in rows] == ["2月", "3月"]
    assert rows[1] == ["3月", "慰问女教工\n庆祝“三八”妇女节", "工会女工委员会"]
    listed = markdown(
        YEAR
        + """\
schedule:
  layout: 列表
  entries:
    - 月份: 3
      工作内容: [慰问女教工, 庆祝“三八”妇女节]
"""
    )
    assert "三月份：慰问女教工；庆祝“三八”妇女节。" in listed


def test_statuses_are_carried_in_the_model():
    doc = validate(
        load_yaml(
            TERM
            + """\
schedule:
  entries:
    - {week: 1, tasks: a, status: done}
    - {week: 2, tasks: b, status: 部分完成}
    - {week: 3, tasks: c}
""",
            "plan.yaml",
        )
    )
    assert [e.status for e in doc.schedule.entries] == ["done", "partial", "pending"]
