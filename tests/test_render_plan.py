"""A rendered term plan, read back with python-docx: every part, numbered, in order.

The expected text is worked out here from the example YAML itself (read with PyYAML
alone), not from planmaker's own helpers, so the test fails if the pipeline drops,
reorders or misnumbers anything.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docxread import cell_text
from helpers import EXAMPLES

from planmaker.pipeline import RenderOptions, render_file

HANZI = "一二三四五六七八九十"


def hanzi(n: int) -> str:
    if n <= 10:
        return HANZI[n - 1]
    return ("" if n < 20 else HANZI[n // 10 - 1]) + "十" + (HANZI[n % 10 - 1] if n % 10 else "")


def body_paragraphs(path) -> tuple[list[str], list]:
    """The non-empty paragraphs in reading order (table cells included) and the tables."""
    data = render_file(path, RenderOptions("docx", today=date(2026, 2, 21))).data
    document = docx.Document(io.BytesIO(data))
    paragraphs = (Paragraph(p, document) for p in document.element.body.iter(qn("w:p")))
    texts = [p.text for p in paragraphs if p.text.strip()]
    return texts, document.tables


@pytest.fixture(scope="module")
def table_plan():
    path = EXAMPLES / "term-plan-table.yaml"
    source = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts, tables = body_paragraphs(path)
    return source, texts, tables


def test_title_preamble_and_sections_in_order(table_plan):
    source, texts, _ = table_plan
    assert texts[0] == "定边镇希望小学"
    assert texts[1] == "2025—2026学年第二学期教务处工作计划"
    assert texts[2] == source["preamble"].strip()
    headings = [t for t in texts if len(t) > 2 and t[0] in HANZI and t[1] == "、"]
    assert headings == ["一、工作目标", "二、主要工作及要求", "三、具体安排"]


def test_goals_are_numbered_under_their_section(table_plan):
    source, texts, _ = table_plan
    start = texts.index("一、工作目标") + 1
    expected = [f"{i}.{goal}" for i, goal in enumerate(source["goals"], 1)]
    assert texts[start : start + len(expected)] == expected


def test_every_measure_and_item_appears_numbered_in_order(table_plan):
    source, texts, _ = table_plan
    expected: list[str] = []
    for i, measure in enumerate(source["measures"], 1):
        expected.append(f"（{hanzi(i)}）{measure['title']}")
        if measure.get("text"):
            expected += [p.replace("\n", "") for p in measure["text"].strip().split("\n\n")]
        for j, item in enumerate(measure.get("items", []), 1):
            if isinstance(item, str):
                expected.append(f"{j}.{item}")
            else:
                expected.append(f"{j}.{item['title']}")
                expected += [p.replace("\n", "") for p in item["text"].strip().split("\n\n")]
    start = texts.index("二、主要工作及要求") + 1
    assert texts[start : start + len(expected)] == expected


def test_schedule_table_has_every_week_with_its_dates_and_tasks(table_plan):
    source, _, tables = table_plan
    schedule, closing = tables  # the 落款 after the schedule, as a table of one cell
    assert [c.text for c in closing.rows[0].cells] == ["\n\n教务处\n2026年2月21日"] * 4
    rows = [[cell_text(c) for c in row.cells] for row in schedule.rows]
    assert rows[0] == ["周次", "日期", "工作内容", "负责人"]
    monday = date(2026, 3, 2)

    def span(first: int, last: int) -> str:
        a = monday + timedelta(weeks=first - 1)
        b = monday + timedelta(weeks=last - 1, days=6)
        return f"{a.month}月{a.day}日—{b.month}月{b.day}日"

    by_label = {}
    for row in rows[1:]:
        by_label.setdefault(row[0], []).append(row)
    for entry in source["schedule"]["entries"]:
        weeks = entry["week"] if isinstance(entry["week"], list) else [entry["week"]]
        tasks = entry["tasks"] if isinstance(entry["tasks"], list) else [entry["tasks"]]
        for week in weeks:
            first, _, last = str(week).partition("-")
            first, last = int(first), int(last or first)
            label = f"第{hanzi(first)}周" if first == last else f"第{hanzi(first)}至{hanzi(last)}周"
            matching = [r for r in by_label[label] if r[2].split("\n")[: len(tasks)] == tasks]
            assert matching, (label, tasks)
            row = matching[0]
            assert row[1].split("\n")[0] == span(first, last)
            if entry.get("note"):
                assert row[2].split("\n")[-1] == f"（{entry['note']}）"
            assert row[3] == entry.get("owner", "")
    # 清明 (4月4日—6日) falls in 第四至五周 and 第六周
    assert "清明节放假（4月4日—6日）" in by_label["第四至五周"][0][1]


def test_signature_and_date_come_last(table_plan):
    _, texts, _ = table_plan
    assert texts[-2:] == ["教务处", "2026年2月21日"]


def test_list_layout_example_writes_week_lines():
    path = EXAMPLES / "term-plan-list.yaml"
    texts, tables = body_paragraphs(path)
    assert tables == []
    first = next(t for t in texts if t.startswith("第一周（"))
    assert first.startswith("第一周（3月2日—3月8日）：组织报名领书；制定各部门工作计划")
    assert texts[-2:] == ["教务处", "2026年2月21日"]


def test_year_plan_in_chinese_keys_has_month_rows():
    texts, tables = body_paragraphs(EXAMPLES / "union-year-plan.yaml")
    assert texts[0] == "运河实验小学2026年工会工作计划"
    rows = [[cell_text(c) for c in row.cells] for row in tables[0].rows]
    assert rows[0] == ["月份", "工作内容", "负责人"]
    assert [r[0] for r in rows[1:]] == sorted((r[0] for r in rows[1:]), key=lambda m: int(m[:-1]))
    # The table ends the body: the 落款 follows as a table of one cell, laid out as its
    # last, unbordered row.
    assert [c.text for c in tables[1].rows[0].cells] == ["\n\n运河实验小学工会\n2026年1月10日"] * 3
