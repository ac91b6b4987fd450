"""``planmaker report`` over examples/district: one 年度工作总结 per unit, figures that match
the statuses in the inputs (counted here independently, from the raw YAML), terms in
the right calendar year, planned work marked as such, and a unit's edits kept."""

from __future__ import annotations

import shutil
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from helpers import EXAMPLES, STATUS, run_in_process

DISTRICT = EXAMPLES / "district"


def raw_documents(folder: Path = DISTRICT) -> list[dict]:
    """Every plan and summary of the district example, read with plain PyYAML."""
    docs = []
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["_path"] = path
        docs.append(data)
    return docs


def calendar_year(data: dict) -> int:
    """Semester 1 of A-B is autumn A, semester 2 is spring B; a year plan is its year."""
    period = data["period"]
    if "year" in period:
        return int(period["year"])
    first, second = (int(y) for y in str(period["school_year"]).split("-"))
    return first if int(period["semester"]) == 1 else second


def term_label(data: dict) -> str:
    """2026年春季学期 (semester 2 of 2025-2026), 2026年秋季学期 (semester 1 of 2026-2027), 2026年."""
    period = data["period"]
    if "year" in period:
        return f"{period['year']}年"
    season = "秋季" if int(period["semester"]) == 1 else "春季"
    return f"{calendar_year(data)}年{season}学期"


def expected_figures(year: int, folder: Path = DISTRICT) -> dict[str, dict[str, dict | None]]:
    """org → department → counts, by the rule of the issue: per department and term, the
    summary's schedule if it has one, else the plan's; every entry once. A department
    none of whose documents writes a ``status`` on any entry is not counted (None)."""
    by_term: dict[tuple, dict[str, dict]] = defaultdict(dict)
    ticked: set[tuple[str, str]] = set()
    for data in raw_documents(folder):
        if calendar_year(data) != year:
            continue
        entries = (data.get("schedule") or {}).get("entries") or []
        if any("status" in entry for entry in entries):
            ticked.add((data["org"], data.get("department") or "综合"))
        period = data["period"]
        term = (period.get("school_year"), period.get("semester"), period.get("year"))
        key = (data["org"], data.get("department") or "综合", term)
        by_term[key][data.get("kind", "plan")] = data
    figures: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    for (org, dept, _), kinds in by_term.items():
        source = kinds.get("summary")
        if not (source and source.get("schedule")):
            source = kinds.get("plan")
        counts = figures[org].setdefault(
            dept, {"planned": 0, "done": 0, "partial": 0, "cancelled": 0, "pending": 0}
        )
        for entry in (source or {}).get("schedule", {}).get("entries", []):
            counts["planned"] += 1
            counts[STATUS[entry.get("status", "pending")]] += 1
    for org, departments in figures.items():
        for dept in departments:
            if (org, dept) not in ticked:
                departments[dept] = None
    return figures


def rate(done: int, planned: int, cancelled: int = 0) -> str:
    """完成率 = done ÷ (planned − cancelled), rounded half up to one decimal; “—” for 0."""
    if planned == cancelled:
        return "—"
    percent = Decimal(done * 100) / Decimal(planned - cancelled)
    return f"{percent.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def paragraphs(path: Path) -> list[str]:
    """Every paragraph's text in reading order, table cells included."""
    document = docx.Document(str(path))
    return [Paragraph(p, document).text for p in document.element.body.iter(qn("w:p"))]


def table_rows(path: Path) -> list[list[str]]:
    """The figures table's rows (a table after it holds the 落款 when the figures end
    the body)."""
    table = docx.Document(str(path)).tables[0]
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def report_2026(tmp_path_factory):
    """The reports of 2026, made once for the tests that only read them."""
    out = tmp_path_factory.mktemp("reports")
    result = run_in_process("report", DISTRICT, "--year", "2026", "-o", out, "--date", "2026-12-31")
    return out, result


def test_one_document_per_unit(report_2026):
    out, result = report_2026
    assert result.returncode == 0, result.stderr
    orgs = {d["org"] for d in raw_documents() if calendar_year(d) == 2026}
    assert len(orgs) >= 4
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(
        f"{org}2026年度工作总结.docx" for org in orgs
    )
    assert sorted(p.name for p in out.glob("*.yaml")) == sorted(
        f"{org}2026年度工作总结.yaml" for org in orgs
    )
    for org in orgs:
        text = [t for t in paragraphs(out / f"{org}2026年度工作总结.docx") if t]
        assert text[0] == f"{org}2026年度工作总结"
        assert org in text[-2] and text[-1] == "2026年12月31日"  # signature: the unit, --date
        assert f"已生成：{out / (org + '2026年度工作总结.docx')}" in result.stderr


def figures_row(name: str, c: dict | None) -> list[str]:
    """A row of the 计划完成情况 table as the document should print it."""
    if c is None:
        return [name] + ["—"] * 6
    counts = [str(c[k]) for k in ("planned", "done", "partial", "cancelled", "pending")]
    return [name, *counts, rate(c["done"], c["planned"], c["cancelled"])]


def figures_sentence(c: dict) -> str:
    """The figures' sentence after 计划安排工作N项, cancelled entries left out of the rate."""
    text = (
        f"计划安排工作{c['planned']}项，已完成{c['done']}项，部分完成{c['partial']}项，"
        f"取消{c['cancelled']}项，未完成{c['pending']}项"
    )
    figure = rate(c["done"], c["planned"], c["cancelled"])
    if c["cancelled"]:
        return f"{text}；除去取消的{c['cancelled']}项，完成率为{figure}。"
    return f"{text}，完成率为{figure}。"


def test_figures_match_the_statuses_in_the_inputs(report_2026):
    out, _ = report_2026
    for org, departments in expected_figures(2026).items():
        path = out / f"{org}2026年度工作总结.docx"
        rows = table_rows(path)
        assert rows[0] == ["部门", "计划", "已完成", "部分完成", "取消", "未完成", "完成率"]
        expected_rows = [
            figures_row(d, c) for d, c in departments.items() if c is None or c["planned"]
        ]
        counted = [c for c in departments.values() if c is not None]
        total = {k: sum(c[k] for c in counted) for k in STATUS.values()}
        total["planned"] = sum(c["planned"] for c in counted)
        if len(expected_rows) > 1 and counted:
            expected_rows.append(figures_row("合计", total))
        assert sorted(rows[1:]) == sorted(expected_rows), org
        overview = "".join(paragraphs(path)[1:4])
        if counted:
            assert f"全年各部门{figures_sentence(total)}" in overview
            for dept, c in departments.items():
                if c is None:  # named after the figures as left out of them
                    assert dept in overview.split(figures_sentence(total))[1], overview
        else:
            assert "各部门尚无工作总结，完成情况有待总结后统计" in overview
        assert f"{len(departments)}个部门" in overview or len(departments) == 1


def test_terms_go_to_the_calendar_year_of_their_dates(report_2026, run_planmaker, tmp_path):
    out, _ = report_2026
    luzhong = "".join(paragraphs(out / "芦集中学2026年度工作总结.docx"))
    # spring 2026 is semester 2 of 2025-2026, autumn 2026 semester 1 of 2026-2027
    assert "涵盖2025—2026学年第二学期、2026—2027学年第一学期2个学期和2026年全年" in luzhong

    result = run_planmaker("report", DISTRICT, "--year", "2025", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    # only the autumn-2025 plan (semester 1 of 2025-2026) lies in 2025
    assert [p.name for p in tmp_path.glob("*.docx")] == ["王圈村小学2025年度工作总结.docx"]
    autumn = "".join(paragraphs(tmp_path / "王圈村小学2025年度工作总结.docx"))
    assert "加强少先队组织建设" in autumn and "重视未成年人思想道德教育" not in autumn
    spring = "".join(paragraphs(out / "王圈村小学2026年度工作总结.docx"))
    assert "重视未成年人思想道德教育" in spring and "加强少先队组织建设" not in spring
    # the units with nothing in 2025 are named
    idle = result.stderr.split("没有生成总结：")[1].splitlines()[0]
    assert set(idle.split("、")) == {"城关镇第一小学", "芦集中学", "定边镇希望小学"}


def test_plan_only_work_is_marked_as_planned(report_2026):
    out, _ = report_2026
    data = yaml.safe_load((out / "王圈村小学2026年度工作总结.yaml").read_text(encoding="utf-8"))
    assert data["kind"] == "report" and data["period"] == {"year": 2026}
    names = [d["name"] for d in data["departments"]]
    assert names == ["少先队大队部", "综合"]  # a plan with no department is 综合
    assert all("planned" in d and "achievements" not in d for d in data["departments"])
    text = paragraphs(out / "王圈村小学2026年度工作总结.docx")
    heading = text.index("一、少先队大队部")
    assert text[heading + 1] == "（本部门尚无工作总结，以下为工作计划中的计划工作。）"
    assert "二、综合" in text
    assert any("各部门尚无工作总结" in p for p in text[1:4])

    # a department with only plans, in a unit whose other departments have summaries
    chengguan = paragraphs(out / "城关镇第一小学2026年度工作总结.docx")
    deyu = chengguan.index("一、德育处")
    assert chengguan[deyu + 1] == "（本部门尚无工作总结，以下为工作计划中的计划工作。）"
    jiaowu = next(p for p in chengguan if p.endswith("、教务处"))
    assert chengguan[chengguan.index(jiaowu) + 1].startswith("（一）")  # achievements, unmarked


def test_problems_and_next_steps_come_from_the_summaries(report_2026):
    out, _ = report_2026
    text = paragraphs(out / "芦集中学2026年度工作总结.docx")
    problems = text.index(next(p for p in text if p.endswith("、存在的问题")))
    steps = text.index(next(p for p in text if p.endswith("、下一年度工作思路")))
    found = text[problems + 1 : steps]
    summaries = [
        d
        for d in raw_documents()
        if d["org"] == "芦集中学" and d.get("kind") == "summary" and calendar_year(d) == 2026
    ]
    for summary in summaries:
        # merged from several terms, each problem says its term before its 。
        label = f"（{term_label(summary)}）"
        for problem in summary.get("problems", []):
            labelled = problem[:-1] + label + "。" if problem.endswith("。") else problem + label
            assert any(p.endswith(labelled) for p in found), labelled
    assert found[0].startswith("1.")


def test_edited_yaml_is_kept_and_rendered_unless_force(run_planmaker, tmp_path):
    args = ("report", DISTRICT / "wangquan", "--year", "2026", "-o", tmp_path)
    assert run_planmaker(*args).returncode == 0
    yaml_path = tmp_path / "王圈村小学2026年度工作总结.yaml"
    edited = yaml_path.read_text(encoding="utf-8").replace(
        "全年计划安排工作", "本校全年计划安排工作"
    )
    yaml_path.write_text(edited, encoding="utf-8")

    again = run_planmaker(*args)
    assert again.returncode == 0, again.stderr
    assert "保留了已有的" in again.stderr and "--force" in again.stderr
    assert yaml_path.read_text(encoding="utf-8") == edited
    docx_path = tmp_path / "王圈村小学2026年度工作总结.docx"
    assert any("本校全年计划安排工作" in p for p in paragraphs(docx_path))

    forced = run_planmaker(*args, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "本校" not in yaml_path.read_text(encoding="utf-8")
    assert not any("本校全年" in p for p in paragraphs(docx_path))


def test_a_bad_input_stops_before_anything_is_written(run_planmaker, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(DISTRICT / "luzhong", inputs)
    (inputs / "broken.yaml").write_text(
        "kind: summary\norg: 芦集中学\nperiod:\n  year: 二〇二六\n", encoding="utf-8"
    )
    result = run_planmaker("report", inputs, "--year", "2026", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "broken.yaml:4:9" in result.stderr and "四位数的年份" in result.stderr
    assert "没有生成任何总结" in result.stderr
    assert not (tmp_path / "out").exists()


def test_earlier_reports_in_the_inputs_are_not_counted(run_planmaker, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(DISTRICT / "wangquan", inputs)
    first = run_planmaker("report", inputs, "--year", "2026", "-o", inputs / "总结")
    assert first.returncode == 0, first.stderr
    again = run_planmaker("report", inputs, "--year", "2026", "-o", inputs / "总结")
    assert again.returncode == 0, again.stderr
    assert "跳过了 1 份年度（学年）工作总结 YAML" in again.stderr


@pytest.mark.parametrize(
    "args, words",
    [
        ((), "--year"),
        (("--year", "2026", "--school-year", "2025-2026"), "二者选一"),
        (("--year", "26"), "四位数的年份"),
        (("--school-year", "2025-2027"), "后一年应当比前一年大 1"),
        (("--year", "2026", "--date", "2026-13-01"), "不存在"),
    ],
)
def test_a_wrong_period_or_date_is_a_command_line_error(run_planmaker, tmp_path, args, words):
    result = run_planmaker("report", DISTRICT, "-o", tmp_path, *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_a_second_plan_for_the_same_term_is_named_and_not_counted(run_planmaker, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    plan = DISTRICT / "wangquan" / "shaoxiandui-2026spring-plan.yaml"
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(plan, inputs / name)
    result = run_planmaker("report", inputs, "--year", "2026", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (
        f"{inputs / 'b.yaml'}: 少先队大队部在2025—2026学年第二学期有不止一份工作计划："
        f"完成情况只按 {inputs / 'a.yaml'} 统计" in result.stderr
    )
    assert (tmp_path / "out" / "王圈村小学2026年度工作总结.docx").is_file()


def test_two_units_that_would_write_one_file_stop_the_report(run_planmaker, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    plan = (DISTRICT / "wangquan" / "shaoxiandui-2026spring-plan.yaml").read_text(encoding="utf-8")
    for name, org in (("a.yaml", "王圈/小学"), ("b.yaml", "王圈:小学")):
        (inputs / name).write_text(plan.replace("org: 王圈村小学", f"org: {org}"), encoding="utf-8")
    result = run_planmaker("report", inputs, "--year", "2026", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert (
        "单位“王圈:小学”和“王圈/小学”的总结会写到同一个文件 王圈_小学2026年度工作总结"
        in result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_nothing_in_the_period_is_an_error(run_planmaker, tmp_path):
    result = run_planmaker("report", DISTRICT, "--year", "2024", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "没有找到2024年度的工作计划或工作总结" in result.stderr
    assert not (tmp_path / "out").exists()


def test_school_year_report_leaves_calendar_year_documents_out(run_planmaker, tmp_path):
    result = run_planmaker(
        "report", DISTRICT, "--school-year", "2025-2026", "-o", tmp_path, "--date", "2026-07-15"
    )
    assert "没有计入学年总结" in result.stderr
    assert "gonghui-2026-summary.yaml" in result.stderr
    assert result.returncode == 0, result.stderr
    text = paragraphs(tmp_path / "芦集中学2025—2026学年工作总结.docx")
    assert text[0] == "芦集中学2025—2026学年工作总结"
    assert not any(p.endswith("、工会") for p in text)
    # both terms of 2025-2026, autumn 2025 and spring 2026, belong to that school year
    wangquan = "".join(paragraphs(tmp_path / "王圈村小学2025—2026学年工作总结.docx"))
    assert "涵盖2025—2026学年第一学期、2025—2026学年第二学期2个学期" in wangquan
    assert "加强少先队组织建设" in wangquan and "重视未成年人思想道德教育" in wangquan
