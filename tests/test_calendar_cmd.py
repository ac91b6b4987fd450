"""``planmaker calendar``: the term's week table in the terminal."""

from __future__ import annotations

import re

from helpers import EXAMPLES


def rows(stdout: str) -> dict[str, list[str]]:
    """Table rows by their first cell; a cell's continuation lines are added to its row."""
    out: dict[str, list[str]] = {}
    last: str | None = None
    for line in stdout.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃]", line)[1:-1]]
        if len(cells) != 3:
            continue
        if cells[0]:
            last = cells[0]
            out[last] = cells[1:]
        elif last is not None:
            out[last][1] += "\n" + cells[2]
    return out


def test_term_weeks_from_a_wednesday(run_planmaker):
    result = run_planmaker("calendar", "--start", "2026-03-04", "--weeks", "20")
    assert result.returncode == 0, result.stderr
    assert "2026年3月4日是星期三，第一周从这一周的星期一（3月2日）算起" in result.stderr
    table = rows(result.stdout)
    assert list(table)[0] == "周次"
    assert table["周次"] == ["日期", "节假日/调休"]
    weeks = [k for k in table if k != "周次"]
    assert len(weeks) == 20 and weeks[0] == "第一周" and weeks[-1] == "第二十周"
    assert table["第一周"] == ["3月2日—3月8日", ""]
    assert table["第五周"] == ["3月30日—4月5日", "清明节放假（4月4日—6日）"]
    assert table["第十周"] == [
        "5月4日—5月10日",
        "劳动节放假（5月1日—5日）\n劳动节调休上班（5月9日）",
    ]
    assert table["第十六周"] == ["6月15日—6月21日", "端午节放假（6月19日—21日）"]
    assert table["第二十周"] == ["7月13日—7月19日", ""]


def test_weeks_default_to_twenty_and_autumn_2025(run_planmaker):
    result = run_planmaker("calendar", "--start", "2025-09-01")
    assert result.returncode == 0, result.stderr
    table = rows(result.stdout)
    assert len(table) == 21
    assert table["第五周"] == ["9月29日—10月5日", "国庆节、中秋节放假（10月1日—8日）"]
    assert "星期" not in result.stderr  # a Monday start needs no note


def test_calendar_of_a_plan_includes_its_own_days(run_planmaker, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "org: 定边镇希望小学\n"
        "period: {school_year: 2025-2026, semester: 2, start: 2026-03-02, weeks: 18}\n"
        "holidays: [{date: 2026-04-20, name: 校运动会, off: false}]\n",
        encoding="utf-8",
    )
    result = run_planmaker("calendar", plan)
    assert result.returncode == 0, result.stderr
    assert "定边镇希望小学2025—2026学年第二学期周历" in result.stdout
    table = rows(result.stdout)
    assert len(table) == 19
    assert table["第八周"] == ["4月20日—4月26日", "校运动会（4月20日）"]


def test_calendar_of_a_year_plan_by_month(run_planmaker):
    result = run_planmaker("calendar", EXAMPLES / "union-year-plan.yaml")
    assert result.returncode == 0, result.stderr
    table = rows(result.stdout)
    assert table["月份"] == ["日期", "节假日/调休"]
    assert table["四月份"] == ["4月1日—4月30日", "清明节放假（4月4日—6日）"]
    assert table["十二月份"][0] == "12月1日—12月31日"


def test_a_year_without_holiday_data_warns(run_planmaker):
    result = run_planmaker("calendar", "--start", "2027-03-01", "--weeks", "4")
    assert result.returncode == 0, result.stderr
    assert "节假日数据还没有 2027 年的安排" in result.stderr
    assert len(rows(result.stdout)) == 5


def test_wrong_command_lines_exit_2_in_chinese(run_planmaker, tmp_path):
    nothing = run_planmaker("calendar")
    assert nothing.returncode == 2
    assert "请给出开学日期" in nothing.stderr

    bad_date = run_planmaker("calendar", "--start", "2026-02-30")
    assert bad_date.returncode == 2
    assert "--start: 日期“2026-02-30”不存在" in bad_date.stderr

    bad_weeks = run_planmaker("calendar", "--start", "2026-03-02", "--weeks", "二十")
    assert bad_weeks.returncode == 2
    assert "--weeks: 周数“二十”应当是 1 到 30 之间的整数" in bad_weeks.stderr

    missing = run_planmaker("calendar", tmp_path / "没有这个文件.yaml")
    assert missing.returncode == 1
    assert "找不到文件" in missing.stderr
