"""Term weeks and holidays as a user sees them: in the rendered document's schedule.

Two real terms: spring 2026, which crosses 清明, 劳动节 (with its make-up Saturday) and
端午; autumn 2025, which crosses the eight-day 国庆节、中秋节 holiday with make-up days
on both sides. The dates are the State Council's notices for those years.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import write

docx = pytest.importorskip("docx")

from docxread import cell_text  # noqa: E402

SPRING = """\
org: 定边镇希望小学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: %(start)s, weeks: 20}
schedule:
  layout: %(layout)s
  entries:
    - {week: 1, tasks: [组织报名领书, 制定各部门工作计划], owner: 教务处}
    - {week: 5, tasks: 清明节前安全教育}
    - {week: "9-10", tasks: 期中复习与测试, note: 测试时间另行通知}
    - {week: 20, tasks: 组织期末测试}
signature: {date: 2026-02-21}
"""

AUTUMN = """\
org: 芦中
department: 德育处
period: {school_year: 2025-2026, semester: 1, start: 2025-09-01, weeks: 20}
schedule:
  entries:
    - {week: 4, tasks: 国庆节前安全教育}
    - {week: 6, tasks: 国庆节后收心教育}
signature: {date: 2025-08-25}
"""


def schedule_rows(path: Path) -> list[list[str]]:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    table = document.tables[0]
    return [[cell_text(cell) for cell in row.cells] for row in table.rows]


def test_spring_2026_table_from_a_wednesday_start(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", SPRING % {"start": "2026-03-04", "layout": "table"})
    result = run_planmaker("render", plan)
    assert result.returncode == 0, result.stderr
    rows = schedule_rows(plan.with_suffix(".docx"))

    assert rows[0] == ["周次", "日期", "工作内容", "负责人"]
    by_week = {row[0]: row for row in rows[1:]}
    # 2026-03-04 is a Wednesday: week 1 runs from its Monday.
    assert by_week["第一周"][1] == "3月2日—3月8日"
    assert by_week["第一周"][2] == "组织报名领书\n制定各部门工作计划"
    # 清明 (Sat 4 – Mon 6 April) touches weeks 5 and 6; week 6 has no entry but gets a row.
    assert by_week["第五周"][1:3] == [
        "3月30日—4月5日\n清明节放假（4月4日—6日）",
        "清明节前安全教育",
    ]
    assert by_week["第六周"][1:] == ["4月6日—4月12日\n清明节放假（4月4日—6日）", "", ""]
    # 劳动节 1–5 May with the make-up Saturday 9 May, in one two-week row.
    assert by_week["第九至十周"][1] == (
        "4月27日—5月10日\n劳动节放假（5月1日—5日）\n劳动节调休上班（5月9日）"
    )
    assert by_week["第九至十周"][2] == "期中复习与测试\n（测试时间另行通知）"
    assert by_week["第十六周"][1:] == ["6月15日—6月21日\n端午节放假（6月19日—21日）", "", ""]
    assert by_week["第二十周"][1] == "7月13日—7月19日"
    # Weeks without an entry or a holiday are left out, and rows follow the weeks.
    assert [row[0] for row in rows[1:]] == [
        "第一周",
        "第五周",
        "第六周",
        "第九至十周",
        "第十六周",
        "第二十周",
    ]


def test_spring_2026_list_layout(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", SPRING % {"start": "2026-03-02", "layout": "list"})
    result = run_planmaker("render", plan, "-o", "-", "--format", "md")
    assert result.returncode == 0, result.stderr
    lines = [line.replace("\\", "") for line in result.stdout.splitlines() if line.startswith("第")]
    assert lines == [
        "第一周（3月2日—3月8日）：组织报名领书；制定各部门工作计划。（负责：教务处）",
        "第五周（3月30日—4月5日，清明节放假4月4日—6日）：清明节前安全教育。",
        "第六周（4月6日—4月12日，清明节放假4月4日—6日）。",
        "第九至十周（4月27日—5月10日，劳动节放假5月1日—5日，劳动节调休上班5月9日）：期中复习与测试（测试时间另行通知）。",
        "第十六周（6月15日—6月21日，端午节放假6月19日—21日）。",
        "第二十周（7月13日—7月19日）：组织期末测试。",
    ]


def test_autumn_2025_national_day_week(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", AUTUMN)
    result = run_planmaker("render", plan)
    assert result.returncode == 0, result.stderr
    rows = {row[0]: row for row in schedule_rows(plan.with_suffix(".docx"))[1:]}

    assert rows["第四周"][1] == "9月22日—9月28日\n国庆节、中秋节调休上班（9月28日）"
    # No entry names an owner, so the table has no 负责人 column.
    assert rows["第五周"][1:] == ["9月29日—10月5日\n国庆节、中秋节放假（10月1日—8日）", ""]
    assert rows["第六周"][1] == (
        "10月6日—10月12日\n国庆节、中秋节放假（10月1日—8日）\n国庆节、中秋节调休上班（10月11日）"
    )
    assert rows["第六周"][2] == "国庆节后收心教育"
    # New Year 2026 falls in week 18, with its make-up Sunday.
    assert rows["第十八周"][1] == "12月29日—1月4日\n元旦放假（1月1日—3日）\n元旦调休上班（1月4日）"


def test_the_plans_own_days_merge_with_the_calendar(run_planmaker, tmp_path):
    text = SPRING % {"start": "2026-03-02", "layout": "table"} + (
        "holidays:\n"
        "  - {date: 2026-04-20, name: 校运动会, off: false}\n"
        "  - {start: 2026-04-27, end: 2026-04-28, name: 春季研学}\n"
        "  - {date: 2026-05-05, name: 补课, off: false}\n"
        "workdays:\n"
        "  - {date: 2026-05-09, name: 劳动节调休}\n"
    )
    plan = write(tmp_path, "plan.yaml", text)
    result = run_planmaker("render", plan)
    assert result.returncode == 0, result.stderr
    rows = {row[0]: row for row in schedule_rows(plan.with_suffix(".docx"))[1:]}

    assert rows["第八周"][1] == "4月20日—4月26日\n校运动会（4月20日）"
    # 5 May is a school day now: the built-in holiday ends on the 4th; the plan's own
    # make-up day replaces the built-in one on the same date, shown once.
    assert rows["第九至十周"][1] == (
        "4月27日—5月10日\n春季研学放假（4月27日—28日）\n劳动节放假（5月1日—4日）\n"
        "补课（5月5日）\n劳动节调休上班（5月9日）"
    )


def test_a_year_the_holiday_data_lacks_warns_and_renders(run_planmaker, tmp_path):
    text = (
        "org: 定边镇希望小学\n"
        "period: {school_year: 2026-2027, semester: 2, start: 2027-03-01, weeks: 18}\n"
        "holidays:\n  - {start: 2027-04-03, end: 2027-04-05, name: 清明节}\n"
        "schedule:\n  entries:\n    - {week: 1, tasks: 开学准备}\n"
    )
    plan = write(tmp_path, "plan.yaml", text)
    result = run_planmaker("render", plan)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("节假日数据还没有 2027 年的安排") == 1
    rows = {row[0]: row for row in schedule_rows(plan.with_suffix(".docx"))[1:]}
    # Only the plan's own entry is known for 2027; it touches weeks 5 and 6.
    assert list(rows) == ["第一周", "第五周", "第六周"]
    assert rows["第五周"][1] == "3月29日—4月4日\n清明节放假（4月3日—5日）"
    assert rows["第六周"][1] == "4月5日—4月11日\n清明节放假（4月3日—5日）"
