"""``planmaker report`` over a copy of examples/district where departments did not tick
their entries: such a department gets “—” and stays out of the total, the report says
so; what was not done is listed per department with its term; problems and next steps
merged from several terms carry their term; a summary left all pending is warned of."""

from __future__ import annotations

import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest
import yaml
from conftest import EXAMPLES
from helpers import STATUS

from planmaker.cli import run

KEYS = ("planned", "done", "partial", "cancelled", "pending")
CHENGGUAN = "城关镇第一小学2026年度工作总结"
XIWANG = "定边镇希望小学2026年度工作总结"


def rate(c: dict) -> str:
    if c["planned"] == c["cancelled"]:
        return "—"
    percent = Decimal(c["done"] * 100) / Decimal(c["planned"] - c["cancelled"])
    return f"{percent.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def term(data: dict) -> str:
    period = data["period"]
    if "year" in period:
        return f"{period['year']}年"
    first, second = (int(y) for y in str(period["school_year"]).split("-"))
    return f"{first}年秋季学期" if int(period["semester"]) == 1 else f"{second}年春季学期"


def counts(data: dict) -> dict:
    out = dict.fromkeys(KEYS, 0)
    for entry in data["schedule"]["entries"]:
        out["planned"] += 1
        out[STATUS[entry.get("status", "pending")]] += 1
    return out


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> tuple[Path, Path, str]:
    """examples/district copied; 定边镇希望小学's 德育处 summaries lose their statuses.

    Returns the copy, the report folder and what ``report`` printed.
    """
    root = tmp_path_factory.mktemp("district")
    folder = root / "district"
    shutil.copytree(EXAMPLES / "district", folder)
    for path in (folder / "xiwang").glob("deyu-*-summary.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^\s+status: .*\n", "", text), encoding="utf-8")
    out = root / "out"
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = run(
            ["report", str(folder), "--year", "2026", "-o", str(out), "--date", "2026-12-31"]
        )
    assert code == 0, err.getvalue()
    return folder, out, err.getvalue()


def test_a_department_that_never_ticked_its_plans_is_not_counted(district):
    folder, out, _ = district
    data = read(out / f"{CHENGGUAN}.yaml")
    deyu = next(d for d in data["departments"] if d["name"] == "德育处")
    assert "completion" not in deyu and "unfinished" not in deyu
    assert "planned" in deyu  # its work is still listed, as planned

    # the others, recounted from the summaries themselves
    source = folder / "chengguan"
    expected = {
        "教务处": [read(source / f"jiaowu-2026{t}-summary.yaml") for t in ("spring", "autumn")],
        "工会": [read(source / "gonghui-2026-summary.yaml")],
    }
    figures = {
        name: {k: sum(counts(d)[k] for d in docs) for k in KEYS} for name, docs in expected.items()
    }
    total = {k: sum(f[k] for f in figures.values()) for k in KEYS}
    document = docx.Document(str(out / f"{CHENGGUAN}.docx"))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["德育处"] + ["—"] * 6 in rows
    for name, f in [*figures.items(), ("合计", total)]:
        assert [name, *(str(f[k]) for k in KEYS), rate(f)] in rows
    assert rate(total) != "44.2%"

    overview = "".join(p.text for p in document.paragraphs[1:4])
    assert f"全年各部门计划安排工作{total['planned']}项" in overview
    assert f"完成率为{rate(total)}。" in overview
    assert "德育处尚无工作总结，其工作按工作计划列出，未计入以上统计。" in overview


def test_a_summary_without_statuses_is_said_and_not_counted(district):
    _, out, _ = district
    data = read(out / f"{XIWANG}.yaml")
    deyu = next(d for d in data["departments"] if d["name"] == "德育处")
    assert "completion" not in deyu and "achievements" in deyu
    document = docx.Document(str(out / f"{XIWANG}.docx"))
    overview = "".join(p.text for p in document.paragraphs[1:4])
    assert "德育处的工作总结没有填写各项工作的完成情况，未计入以上统计。" in overview
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["德育处"] + ["—"] * 6 in rows


def test_what_was_not_done_is_listed_per_department_with_its_term(district):
    folder, out, _ = district
    data = read(out / f"{CHENGGUAN}.yaml")
    jiaowu = next(d for d in data["departments"] if d["name"] == "教务处")
    expected = []
    for season in ("spring", "autumn"):
        summary = read(folder / "chengguan" / f"jiaowu-2026{season}-summary.yaml")
        for entry in summary["schedule"]["entries"]:
            status = STATUS[entry.get("status", "pending")]
            if status != "done":
                expected.append((term(summary), entry["week"], status, entry.get("note")))
    got = [(u["term"], u["week"], STATUS[u["status"]], u.get("note")) for u in jiaowu["unfinished"]]
    assert sorted(got, key=str) == sorted(expected, key=str)

    text = [p.text for p in docx.Document(str(out / f"{CHENGGUAN}.docx")).paragraphs]
    assert (
        "教务处部分完成：2026年春季学期第十二周 优质课大赛（数学组赛课推迟到下学期）；"
        "2026年秋季学期第十三周 书法绘画小制作展示（只展示了书法作品）。" in text
    )
    assert "教务处取消：2026年春季学期第十四周 拔河跳绳比赛（因连续降雨取消）；" in "".join(text)


def test_problems_and_next_steps_from_several_terms_carry_their_term(district):
    folder, out, _ = district
    text = [p.text for p in docx.Document(str(out / f"{CHENGGUAN}.docx")).paragraphs]
    spring = read(folder / "chengguan" / "jiaowu-2026spring-summary.yaml")
    for problem in spring["problems"]:
        assert any(p.endswith(problem[:-1] + "（2026年春季学期）。") for p in text), problem
    autumn = read(folder / "chengguan" / "jiaowu-2026autumn-summary.yaml")
    for step in autumn["next_steps"]:  # the latest summary's next steps, with its term
        assert any(p.endswith(step[:-1] + "（2026年秋季学期）。") for p in text), step


def test_a_summary_left_all_pending_is_warned_of(tmp_path, capsys):
    folder = tmp_path / "luzhong"
    shutil.copytree(EXAMPLES / "district" / "luzhong", folder)
    summary = folder / "deyu-2026spring-summary.yaml"
    text = summary.read_text(encoding="utf-8")
    summary.write_text(re.sub(r"(?m)^(\s+status:) .*$", r"\1 pending", text), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("schedule:"))

    assert run(["report", str(folder), "--year", "2026", "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert f"{summary}:{line}:1: " in err
    assert "完成情况都还是“未完成”" in err


def test_an_edited_report_prints_a_dash_when_nothing_is_left_to_count(tmp_path):
    path = tmp_path / "年度总结.yaml"
    path.write_text(
        """\
kind: report
org: 芦中
period: {year: 2026}
overview: 全年工作总体顺利。
departments:
  - name: 工会
    achievements: [组织了职工活动。]
    completion: {planned: 2, done: 0, partial: 0, cancelled: 2, pending: 0}
    unfinished:
      - {term: 2026年, month: 5, task: 职工运动会, status: 取消, note: 场地改造}
      - {term: 2026年, month: 7, task: 歌咏比赛, status: cancelled}
  - name: 德育处
    planned: [开展安全教育。]
signature: {date: 2026-12-31}
""",
        encoding="utf-8",
    )
    assert run(["render", str(path)]) == 0
    document = docx.Document(str(path.with_suffix(".docx")))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[1:] == [
        ["工会", "2", "0", "0", "2", "0", "—"],
        ["德育处", "—", "—", "—", "—", "—", "—"],
        ["合计", "2", "0", "0", "2", "0", "—"],
    ]
    text = [p.text for p in document.paragraphs]
    assert "工会取消：2026年5月 职工运动会（场地改造）；2026年7月 歌咏比赛。" in text


SCHOOL_YEAR = EXAMPLES / "union-school-year-summary.yaml"


def test_a_summary_in_its_own_sections_gives_them_to_its_department(tmp_path):
    folder = tmp_path / "运河"
    folder.mkdir()
    shutil.copy(SCHOOL_YEAR, folder / "summary.yaml")
    out = tmp_path / "out"
    assert run(["report", str(folder), "--school-year", "2025-2026", "-o", str(out)]) == 0

    source = read(SCHOOL_YEAR)
    [data] = [read(p) for p in out.glob("*.yaml")]
    [union] = data["departments"]
    assert [n["title"] for n in union["achievements"]] == [s["title"] for s in source["sections"]]
    text = [p.text for p in docx.Document(str(next(out.glob("*.docx")))).paragraphs]
    heading = text.index(next(p for p in text if p.endswith("、工会")))
    titles = [p for p in text[heading:] if p[:3] in ("（一）", "（二）", "（三）", "（四）")]
    assert titles == [
        f"{n}{s['title']}"
        for n, s in zip(("（一）", "（二）", "（三）", "（四）"), source["sections"], strict=True)
    ]
    # its one entry not done, with the school year as its term
    assert "工会部分完成：2025—2026学年5月 建设、布置工会活动室（教工之家）" in "".join(text)


def test_the_summary_s_own_order_is_kept(tmp_path):
    source = read(SCHOOL_YEAR)
    first, second, *rest = source["sections"]
    text = SCHOOL_YEAR.read_text(encoding="utf-8").replace(
        "problems:\n",
        "achievements: [组织了全校教职工的文体活动。]\n"
        f"order: [{second['title']}, achievements, sections, completion, problems]\n"
        "problems:\n",
        1,
    )
    folder = tmp_path / "运河"
    folder.mkdir()
    (folder / "summary.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run(["report", str(folder), "--school-year", "2025-2026", "-o", str(out)]) == 0
    [data] = [read(p) for p in out.glob("*.yaml")]
    nodes = data["departments"][0]["achievements"]
    assert [n if isinstance(n, str) else n["title"] for n in nodes] == [
        second["title"],
        "组织了全校教职工的文体活动。",
        first["title"],
        *(s["title"] for s in rest),
    ]
