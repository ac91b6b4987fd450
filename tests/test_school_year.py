"""学年 documents (``period: {school_year: …}`` alone) and terms without a start.

A 学年 plan or summary is titled with the school year (2025—2026学年), its schedule is
by month from 9月 to the next 8月, and weeks in it are an error naming the line. A term's
``start`` is needed only when its schedule is by week.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docxbody import body

SUMMARY = """\
kind: summary
org: 运河实验小学
department: 工会
period: {school_year: 2025-2026}
overview: 一年来，我校工会在上级工会的正确领导下开展工作。
achievements: [坚持教职工大会制度。]
schedule:
  entries:
    - {month: 3, tasks: 庆祝“三八”妇女节, status: done}
    - {month: 12, tasks: 参加区教职工篮球赛, status: done}
    - {month: 9, tasks: 庆祝教师节, status: done}
    - {month: 7, tasks: 组织暑期疗休养, status: cancelled}
    - {month: 10, tasks: 举办教职工田径运动会, status: partial}
signature: {date: 2026-07-10}
"""


def write(folder: Path, text: str, name: str = "doc.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_school_year_summary_is_titled_with_the_school_year(run_planmaker, tmp_path):
    path = write(tmp_path, SUMMARY)
    assert run_planmaker("render", path).returncode == 0
    title = [t for s, t in body(path.with_suffix(".docx")) if s == "PlanTitle"]
    assert "".join(title) == "运河实验小学2025—2026学年工会工作总结"
    paragraphs = [t for _, t in body(path.with_suffix(".docx"))]
    assert "本学年计划安排工作5项" in "".join(paragraphs)


def test_a_school_year_schedule_runs_from_september_to_august(run_planmaker, tmp_path):
    text = SUMMARY.replace("kind: summary", "kind: plan").replace("overview:", "preamble:")
    text = text.replace("achievements:", "goals:")
    path = write(tmp_path, text)
    result = run_planmaker("render", path, "--format", "md", "-o", "-")
    assert result.returncode == 0, result.stderr
    months = [line.split("|")[1].strip() for line in result.stdout.splitlines() if "月 |" in line]
    assert months == ["9月", "10月", "12月", "3月", "7月"]


def test_weeks_in_a_school_year_document_are_an_error_naming_the_line(run_planmaker, tmp_path):
    path = write(tmp_path, SUMMARY.replace("{month: 12,", "{week: 12,"))
    result = run_planmaker("check", path)
    assert result.returncode == 1
    line = (
        SUMMARY.splitlines().index("    - {month: 12, tasks: 参加区教职工篮球赛, status: done}") + 1
    )
    assert result.stderr.startswith(f"{path}:{line}:")
    assert "学年的文件" in result.stderr and "month" in result.stderr


TERM_SUMMARY = """\
kind: summary
org: 芦集中学
department: 德育处
period: {school_year: 2025-2026, semester: 2}
overview: 本学期德育处工作总结如下。
achievements: [开展文明班级评比。]
problems: [家校沟通的渠道还不够多。]
signature: {date: 2026-07-10}
"""


def test_a_term_summary_without_a_start_or_weeks_renders(run_planmaker, tmp_path):
    path = write(tmp_path, TERM_SUMMARY)
    assert run_planmaker("check", path).returncode == 0
    assert run_planmaker("render", path).returncode == 0
    title = "".join(t for s, t in body(path.with_suffix(".docx")) if s == "PlanTitle")
    assert title == "芦集中学2025—2026学年第二学期德育处工作总结"


def test_a_schedule_by_week_needs_the_start(run_planmaker, tmp_path):
    text = TERM_SUMMARY + "schedule:\n  entries:\n    - {week: 3, tasks: 文明班级评比}\n"
    path = write(tmp_path, text)
    result = run_planmaker("check", path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:4:1:")
    assert "需要开学日期" in result.stderr and "start" in result.stderr
    fixed = text.replace("semester: 2}", "semester: 2, start: 2026-03-02}")
    assert run_planmaker("check", write(tmp_path, fixed, "fixed.yaml")).returncode == 0


@pytest.mark.parametrize(
    ("period", "missing"),
    [
        ("{school_year: 2025-2026, start: 2026-03-02}", "学期(semester)"),
        ("{semester: 2}", "学年(school_year)"),
    ],
)
def test_a_term_lacking_its_school_year_or_semester_is_an_error(
    run_planmaker, tmp_path, period, missing
):
    path = write(tmp_path, TERM_SUMMARY.replace("{school_year: 2025-2026, semester: 2}", period))
    result = run_planmaker("check", path)
    assert result.returncode == 1
    assert f"缺少：{missing}" in result.stderr


def test_new_summary_with_a_school_year_alone_scaffolds_a_school_year_summary(
    run_planmaker, tmp_path
):
    target = tmp_path / "学年总结.yaml"
    result = run_planmaker(
        *("new", "summary", "--org", "运河实验小学", "--department", "工会"),
        *("--school-year", "2025-2026", "-o", target),
    )
    assert result.returncode == 0, result.stderr
    text = target.read_text("utf-8")
    assert "  school_year: 2025-2026" in text
    lines = text.splitlines()
    data = [line for line in lines if not line.lstrip().startswith("#")]
    assert not [line for line in data if "semester" in line or "start" in line or "week" in line]
    months = [int(line.split(":")[1]) for line in lines if line.startswith("    - month:")]
    assert months == [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8]
    # each month's holidays come from its own calendar year: 国庆节 2025, 春节 2026
    october = lines[lines.index("    - month: 10") - 1]
    february = lines[lines.index("    - month: 2") - 1]
    assert "国庆节、中秋节放假（10月1日—8日）" in october  # 2025's National Day
    assert "春节放假（2月15日—23日）" in february  # 2026's Spring Festival
    # valid but for its placeholders: a draft
    assert run_planmaker("render", target, "--draft").returncode == 0
    title = "".join(t for s, t in body(target.with_suffix(".docx")) if s == "PlanTitle")
    assert title == "运河实验小学2025—2026学年工会工作总结"


def test_new_year_with_a_school_year_alone_scaffolds_a_school_year_plan(run_planmaker, tmp_path):
    result = run_planmaker(
        "new",
        "year",
        "--org",
        "运河实验小学",
        "--school-year",
        "2025-2026",
        "-o",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    [written] = tmp_path.glob("*.yaml")
    assert written.name == "运河实验小学2025—2026学年工作计划.yaml"
    months = [
        int(line.split(":")[1])
        for line in written.read_text("utf-8").splitlines()
        if line.startswith("    - month:")
    ]
    assert months[0] == 9 and months[-1] == 8 and len(months) == 12
    md = run_planmaker("render", written, "--draft", "--format", "md", "-o", "-")
    assert md.returncode == 0
    rows = [line.split("|")[1].strip() for line in md.stdout.splitlines() if "月 |" in line]
    assert rows == [f"{m}月" for m in (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)]


def test_new_names_the_school_year_when_the_period_is_missing(run_planmaker, tmp_path):
    result = run_planmaker("new", "summary", "--org", "运河实验小学", "-o", tmp_path)
    assert result.returncode == 2
    assert "学年总结只写 --school-year" in result.stderr
    result = run_planmaker("new", "year", "--org", "运河实验小学", "-o", tmp_path)
    assert result.returncode == 2
    assert "--school-year" in result.stderr
    assert not list(tmp_path.iterdir())


def test_calendar_of_a_school_year_lists_its_months(run_planmaker, tmp_path):
    path = write(tmp_path, SUMMARY)
    result = run_planmaker("calendar", path)
    assert result.returncode == 0
    assert "2025—2026学年月历" in result.stdout
    labels = [
        line.split("│")[1].strip()
        for line in result.stdout.splitlines()
        if line.startswith("│") and "月份" in line
    ]
    assert labels[0] == "九月份" and labels[-1] == "八月份"
    no_start = run_planmaker("calendar", write(tmp_path, TERM_SUMMARY, "term.yaml"))
    assert no_start.returncode == 1
    assert "没有开学日期(start)" in no_start.stderr


SPRING = """\
kind: summary
org: 芦集中学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
achievements: [开展教案、作业检查。]
schedule:
  entries:
    - {week: 1, tasks: 组织报名领书, status: done}
    - {week: 9, tasks: 教案、作业检查, status: done}
signature: {date: 2026-07-10}
"""


def test_report_counts_a_school_year_summary_in_its_school_year_only(run_planmaker, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, SPRING, "jiaowu.yaml")
    union = SUMMARY.replace("运河实验小学", "芦集中学")
    write(folder, union, "gonghui.yaml")

    out = tmp_path / "school-year"
    result = run_planmaker(
        "report", folder, "--school-year", "2025-2026", "-o", out, "--format", "md"
    )
    assert result.returncode == 0, result.stderr
    [md] = out.glob("*.md")
    table = [line for line in md.read_text("utf-8").splitlines() if line.startswith("| ")]
    assert "| 工会 | 5 | 3 | 1 | 1 | 0 |" in "\n".join(table)
    assert "| 教务处 | 2 | 2 | 0 | 0 | 0 |" in "\n".join(table)
    assert "没有计入" not in result.stderr

    out = tmp_path / "year"
    result = run_planmaker("report", folder, "--year", "2026", "-o", out, "--format", "md")
    assert result.returncode == 0, result.stderr
    assert "按学年（9 月到次年 8 月）编写，没有计入年度总结" in result.stderr
    assert f"  {folder / 'gonghui.yaml'}" in result.stderr.splitlines()
    [md] = out.glob("*.md")
    assert "工会" not in md.read_text("utf-8")
