"""学年 documents (``period: {school_year: …}`` alone) and terms without a start.

A 学年 plan or summary is titled with the school year (2025—2026学年), its schedule is
by month from 9月 to the next 8月, and weeks in it are an error naming the line. A term's
``start`` is needed only when its schedule is by week.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from inprocess import body, run

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


def test_a_school_year_summary_is_titled_with_the_school_year(capsys, tmp_path):
    path = write(tmp_path, SUMMARY)
    assert run(capsys, "render", path).code == 0
    title = [t for s, t in body(path.with_suffix(".docx")) if s == "PlanTitle"]
    assert "".join(title) == "运河实验小学2025—2026学年工会工作总结"
    paragraphs = [t for _, t in body(path.with_suffix(".docx"))]
    assert "本学年计划安排工作5项" in "".join(paragraphs)


def test_a_school_year_schedule_runs_from_september_to_august(capsys, tmp_path):
    text = SUMMARY.replace("kind: summary", "kind: plan").replace("overview:", "preamble:")
    text = text.replace("achievements:", "goals:")
    path = write(tmp_path, text)
    result = run(capsys, "render", path, "--format", "md", "-o", "-")
    assert result.code == 0, result.err
    months = [line.split("|")[1].strip() for line in result.out.splitlines() if "月 |" in line]
    assert months == ["9月", "10月", "12月", "3月", "7月"]


def test_weeks_in_a_school_year_document_are_an_error_naming_the_line(capsys, tmp_path):
    path = write(tmp_path, SUMMARY.replace("{month: 12,", "{week: 12,"))
    result = run(capsys, "check", path)
    assert result.code == 1
    line = (
        SUMMARY.splitlines().index("    - {month: 12, tasks: 参加区教职工篮球赛, status: done}") + 1
    )
    assert result.err.startswith(f"{path}:{line}:")
    assert "学年的文件" in result.err and "month" in result.err


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


def test_a_term_summary_without_a_start_or_weeks_renders(capsys, tmp_path):
    path = write(tmp_path, TERM_SUMMARY)
    assert run(capsys, "check", path).code == 0
    assert run(capsys, "render", path).code == 0
    title = "".join(t for s, t in body(path.with_suffix(".docx")) if s == "PlanTitle")
    assert title == "芦集中学2025—2026学年第二学期德育处工作总结"


def test_a_schedule_by_week_needs_the_start(capsys, tmp_path):
    text = TERM_SUMMARY + "schedule:\n  entries:\n    - {week: 3, tasks: 文明班级评比}\n"
    path = write(tmp_path, text)
    result = run(capsys, "check", path)
    assert result.code == 1
    assert result.err.startswith(f"{path}:4:1:")
    assert "需要开学日期" in result.err and "start" in result.err
    fixed = text.replace("semester: 2}", "semester: 2, start: 2026-03-02}")
    assert run(capsys, "check", write(tmp_path, fixed, "fixed.yaml")).code == 0


@pytest.mark.parametrize(
    ("period", "missing"),
    [
        ("{school_year: 2025-2026, start: 2026-03-02}", "学期(semester)"),
        ("{semester: 2}", "学年(school_year)"),
    ],
)
def test_a_term_lacking_its_school_year_or_semester_is_an_error(capsys, tmp_path, period, missing):
    path = write(tmp_path, TERM_SUMMARY.replace("{school_year: 2025-2026, semester: 2}", period))
    result = run(capsys, "check", path)
    assert result.code == 1
    assert f"缺少：{missing}" in result.err
