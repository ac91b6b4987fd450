"""``planmaker new``: a YAML that passes ``check`` and renders before anyone edits it."""

from __future__ import annotations

import re

import pytest
from docxread import cell_text, read_docx
from helpers import EXAMPLES

TERM_OPTIONS = (
    "--org",
    "定边镇希望小学",
    "--department",
    "教务处",
    "--school-year",
    "2025-2026",
    "--semester",
    "2",
    "--start",
    "2026-03-04",
)
TERM_FILE = "定边镇希望小学2025—2026学年第二学期教务处工作计划.yaml"


def placeholders(text: str) -> list[str]:
    """The lines of a YAML text (not its comments) that still hold a placeholder."""
    return [line for line in text.splitlines() if "（请填写" in line and "#" not in line]


@pytest.mark.parametrize(
    ("kind", "options", "name", "entries", "heading"),
    [
        ("semester", TERM_OPTIONS, TERM_FILE, 20, "二、工作目标"),
        (
            "year",
            ("--org", "定边镇工会", "--year", "2026"),
            "定边镇工会2026年工作计划.yaml",
            12,
            "二、工作目标",
        ),
        (
            "summary",
            ("--org", "芦中", "--department", "工会", "--year", "2025"),
            "芦中2025年工会工作总结.yaml",
            12,
            "一、主要工作及成效",
        ),
    ],
)
def test_new_check_render_round_trip(
    run_planmaker, tmp_path, kind, options, name, entries, heading
):
    result = run_planmaker("new", kind, *options, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / name
    assert f"已生成：{name}" in result.stderr

    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./planmaker.schema.json"
    assert (tmp_path / "planmaker.schema.json").is_file()
    unit = "month" if kind != "semester" else "week"
    assert len(re.findall(rf"^    - {unit}: \d+$", text, re.M)) == entries
    assert placeholders(text)

    # Valid, but for its placeholders: check and render name each one, --draft renders.
    check = run_planmaker("check", written, cwd=tmp_path)
    assert check.returncode == 1
    errors = [line for line in check.stderr.splitlines() if re.match(r".+:\d+:\d+: ", line)]
    assert len(errors) >= len(placeholders(text))
    assert all("还是生成文件时写的占位文字" in line for line in errors)
    assert run_planmaker("render", written, cwd=tmp_path).returncode == 1

    rendered = run_planmaker("render", written, "--draft", cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert "这里还是占位文字" in rendered.stderr
    paragraphs, tables = read_docx(written.with_suffix(".docx"))
    assert heading in paragraphs
    assert "（请填写存在的问题。）" in "".join(paragraphs) or kind != "summary"
    if kind == "summary":  # the schedule is counted, not printed
        assert f"本年度计划安排工作{entries}项，已完成0项" in "".join(paragraphs)
    else:
        assert len(tables[0].rows) == entries + 1


def test_every_week_is_listed_with_its_dates_and_holidays_as_comments(run_planmaker, tmp_path):
    result = run_planmaker("new", "semester", *TERM_OPTIONS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / TERM_FILE).read_text(encoding="utf-8").splitlines()

    assert "    # 第一周：3月2日—3月8日" in lines
    assert "    # 第五周：3月30日—4月5日；清明节放假（4月4日—6日）" in lines
    assert (
        "    # 第十周：5月4日—5月10日；劳动节放假（5月1日—5日）、劳动节调休上班（5月9日）" in lines
    )
    assert "    # 第二十周：7月13日—7月19日" in lines
    # The header as given, with a comment on the Wednesday start.
    assert any(line.startswith("  start: 2026-03-04") and "3月2日" in line for line in lines)
    assert "org: 定边镇希望小学   # 单位名称，出现在标题里" in lines


def test_new_summary_needs_statuses_to_tick_off(run_planmaker, tmp_path):
    options = ("--org", "芦中", "--school-year", "2025-2026", "--semester", "1")
    result = run_planmaker("new", "summary", *options, "--start", "2025-09-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "芦中2025—2026学年第一学期工作总结.yaml").read_text(encoding="utf-8")
    assert text.count("status: pending") == 20
    assert "    # 第五周：9月29日—10月5日；国庆节、中秋节放假（10月1日—8日）" in text


def test_new_refuses_to_overwrite_without_force(run_planmaker, tmp_path):
    target = tmp_path / TERM_FILE
    target.write_text("我改过的内容\n", encoding="utf-8")

    refused = run_planmaker("new", "semester", *TERM_OPTIONS, cwd=tmp_path)
    assert refused.returncode == 1
    assert "文件已存在" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "我改过的内容\n"

    forced = run_planmaker("new", "semester", *TERM_OPTIONS, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "kind: plan" in target.read_text(encoding="utf-8")


def test_missing_options_exit_2_naming_each(run_planmaker, tmp_path):
    result = run_planmaker("new", "semester", "--org", "定边镇希望小学", cwd=tmp_path, input="")
    assert result.returncode == 2
    assert "缺少必填的选项" in result.stderr
    for option, word in (
        ("--school-year", "学年"),
        ("--semester", "学期"),
        ("--start", "开学日期"),
    ):
        assert f"{option}（{word}" in result.stderr
    assert "--org" not in result.stderr.split("例如")[0]
    assert list(tmp_path.iterdir()) == []

    year = run_planmaker("new", "year", cwd=tmp_path, input="")
    assert year.returncode == 2
    assert "--org（单位名称" in year.stderr and "--year（年度" in year.stderr


def test_wrong_option_values_exit_2_saying_what_was_read(run_planmaker, tmp_path):
    result = run_planmaker(
        "new",
        "semester",
        "--org",
        "某校",
        "--school-year",
        "2025.2026",
        "--semester",
        "2",
        "--start",
        "2026-13-01",
        "--weeks",
        "二十",
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "--school-year: 学年“2025.2026”的写法无法识别" in result.stderr
    assert "--start: 日期“2026-13-01”不存在" in result.stderr
    assert "--weeks: 周数“二十”" in result.stderr
    assert "Traceback" not in result.stderr

    unknown = run_planmaker("new", "term", cwd=tmp_path)
    assert unknown.returncode == 2
    assert "不认识的文件类型“term”" in unknown.stderr


def next_autumn_from_example(run_planmaker, tmp_path, *extra: str):
    """``new semester --from`` the example term plan, for autumn 2026."""
    return run_planmaker(
        "new", "semester", "--from", EXAMPLES / "term-plan-table.yaml",
        "--school-year", "2026-2027", "--semester", "1", "--start", "2026-08-31",
        *extra, cwd=tmp_path,
    )  # fmt: skip


def test_new_from_last_terms_plan_keeps_content_and_moves_dates(run_planmaker, tmp_path):
    result = next_autumn_from_example(run_planmaker, tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "定边镇希望小学2026—2027学年第一学期教务处工作计划.yaml"
    text = written.read_text(encoding="utf-8")
    assert placeholders(text) == []
    assert "依法执教，教师职业操守的基本准则。" in text
    assert "measures: 主要工作及要求" in text  # headings carried

    rendered = run_planmaker("render", written, cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    paragraphs, tables = read_docx(written.with_suffix(".docx"))
    assert paragraphs[:2] == ["定边镇希望小学", "2026—2027学年第一学期教务处工作计划"]
    assert "本学期是“十五五”的开局之年" in paragraphs[2]
    assert "二、主要工作及要求" in paragraphs
    rows = {row.cells[0].text: [cell_text(c) for c in row.cells] for row in tables[0].rows}
    assert rows["第一周"][1:3] == [
        "8月31日—9月6日",
        "组织报名领书\n制定各部门工作计划\n排定课程表、时间表",
    ]
    assert rows["第四至五周"][1].startswith("9月21日—10月4日\n中秋节放假（9月25日—27日）")
    assert rows["第二十周"][1] == "1月11日—1月17日"


def test_new_from_clears_statuses(run_planmaker, tmp_path):
    old = EXAMPLES / "township-union-summary.yaml"
    result = run_planmaker("new", "summary", "--from", old, "--year", "2026", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "定边镇工会2026年工作总结.yaml").read_text(encoding="utf-8")
    assert re.findall(r"status: (\S+)", text) == ["pending"] * 12
    assert "召开镇工会工作总结部署会议" in text
    assert "抓规范，加强工会组织建设" in text  # achievement titles to fill in again
    assert "next_steps: 2026年工作打算" in text


def test_new_from_a_term_plan_for_a_year_lists_the_months_and_says_so(run_planmaker, tmp_path):
    result = run_planmaker(
        "new", "summary", "--from", EXAMPLES / "term-plan-table.yaml", "--year", "2026",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "旧文件的具体安排与新文件的时段不同（一个按周次、一个按月份），没有沿用" in result.stderr
    text = (tmp_path / "定边镇希望小学2026年教务处工作总结.yaml").read_text(encoding="utf-8")
    assert len(re.findall(r"^    - month: \d+$", text, re.M)) == 12
    assert "week:" not in text
    # valid, but for the placeholders of the months it lists: a draft renders
    written = tmp_path / "定边镇希望小学2026年教务处工作总结.yaml"
    assert run_planmaker("render", written, "--draft").returncode == 0


def test_new_from_a_longer_term_moves_late_weeks_and_says_so(run_planmaker, tmp_path):
    result = next_autumn_from_example(run_planmaker, tmp_path, "--weeks", "18")
    assert result.returncode == 0, result.stderr
    assert "超出了新学期的 18 周" in result.stderr
    written = tmp_path / "定边镇希望小学2026—2027学年第一学期教务处工作计划.yaml"
    assert "原为第二十周，新学期只有 18 周" in written.read_text(encoding="utf-8")
    assert run_planmaker("check", written).returncode == 0


def test_new_asks_for_missing_options_in_a_terminal(run_planmaker, tmp_path):
    # org, school year, semester, start (a bad date first, asked again), then the start again.
    out = run_planmaker(
        "new", "semester", "--department", "教务处",
        cwd=tmp_path,
        input="定边镇希望小学\n2025-2026\n2\n2026-02-30\n2026-03-02\n",
        terminal=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "单位名称" in out.stdout and "开学日期" in out.stdout
    assert "日期“2026-02-30”不存在" in out.stderr
    text = (tmp_path / TERM_FILE).read_text(encoding="utf-8")
    assert "  start: 2026-03-02" in text
