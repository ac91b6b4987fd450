"""``summarize`` and ``new --from`` draft the same way: what outlives the old document.

``summarize`` (the same term) carries the schedule with the term's holidays, workdays
and attachments, and puts the plan's goals as comments above the achievements, for the
summary to answer to; ``new --from`` (a new term) carries the content, ``order``,
``closing``, ``headings`` and ``extra``, but not the old term's own holidays. Every
placeholder either writes is one of the one list of placeholder texts.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml
from docxbody import headings

from planmaker import placeholders

PLAN = """\
kind: plan
org: 芦集中学
department: 工会
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
preamble: 本学期，工会将继续围绕学校中心工作开展工作。
goals:
  - 建设职工之家，增强工会凝聚力。
  - title: 做好困难职工帮扶
measures:
  - title: 加强组织建设
    items: [健全工会组织。]
sections:
  - title: 女工工作
    items: [组织女教职工体检。]
order: [goals, measures, 女工工作, schedule]
closing: |
  让我们团结一心，共创佳绩。
headings: {measures: 主要工作}
extra: {联系人: 王老师}
holidays:
  - {start: 2026-04-27, end: 2026-04-28, name: 春季研学}
workdays:
  - {date: 2026-05-09, name: 劳动节调休}
attachments: [工会活动安排表]
schedule:
  layout: list
  entries:
    - {week: 1, tasks: 召开工会委员会, owner: 工会}
    - {week: 9, tasks: 庆祝“五一”国际劳动节, note: 与教务处合办}
signature: {name: 芦集中学工会, date: 2026-03-01, seal: false}
"""


def write(folder: Path, text: str, name: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def comments_above(text: str, key: str) -> list[str]:
    """The comment lines right above ``key:`` at the top level."""
    lines = text.splitlines()
    at = lines.index(f"{key}:")
    above = []
    for line in reversed(lines[:at]):
        if not line.startswith("#"):
            break
        above.insert(0, line)
    return above


def test_summarize_carries_the_terms_schedule_days_and_the_goals_to_answer(run_planmaker, tmp_path):
    plan = write(tmp_path, PLAN, "plan.yaml")
    out = tmp_path / "summary.yaml"
    result = run_planmaker("summarize", plan, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text("utf-8")
    data = yaml.safe_load(text)

    assert data["holidays"] == [
        {"start": date(2026, 4, 27), "end": date(2026, 4, 28), "name": "春季研学"}
    ]
    assert data["workdays"] == [{"date": date(2026, 5, 9), "name": "劳动节调休"}]
    # the week comments show the term's own days too
    assert (
        "    # 第九周：4月27日—5月3日；春季研学放假（4月27日—28日）、劳动节放假（5月1日—5日）"
        in text
    )
    assert data["attachments"] == ["工会活动安排表"]
    assert data["schedule"]["layout"] == "list"
    assert data["schedule"]["entries"] == [
        {"week": 1, "tasks": "召开工会委员会", "owner": "工会", "status": "pending"},
        {"week": 9, "tasks": "庆祝“五一”国际劳动节", "note": "与教务处合办", "status": "pending"},
    ]
    # the plan's goals, as comments just above the achievements
    above = comments_above(text, "achievements")
    assert above[-2:] == ["#   1. 建设职工之家，增强工会凝聚力。", "#   2. 做好困难职工帮扶"]
    assert "工作目标" in above[-3]
    # the measures and the plan's own sections become headings to fill in
    assert data["achievements"] == [{"title": "加强组织建设", "items": [placeholders.RESULT]}]
    assert data["sections"] == [{"title": "女工工作", "items": [placeholders.RESULT]}]
    # a plan's order and closing name a plan's parts: a summary does not take them
    assert "order" not in data and "closing" not in data
    assert data["signature"] == {"name": "芦集中学工会", "seal": False}
    assert data["headings"] == {"measures": "主要工作"} and data["extra"] == {"联系人": "王老师"}

    # its placeholders make it a draft (render --draft); the structure is right
    assert run_planmaker("render", out, "--draft").returncode == 0
    assert headings(out.with_suffix(".docx"))[:3] == [
        "一、主要工作及成效",
        "二、女工工作",
        "三、计划完成情况",
    ]


def test_new_from_a_new_term_carries_content_order_closing_but_not_the_old_holidays(
    run_planmaker, tmp_path
):
    plan = write(tmp_path, PLAN, "plan.yaml")
    out = tmp_path / "autumn.yaml"
    result = run_planmaker(
        *("new", "semester", "--from", plan, "-o", out),
        *("--school-year", "2026-2027", "--semester", "1", "--start", "2026-09-01"),
    )
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(out.read_text("utf-8"))
    old = yaml.safe_load(PLAN)
    for key in ("preamble", "goals", "measures", "sections", "order", "headings", "extra"):
        assert data[key] == old[key], key
    assert data["closing"] == old["closing"].strip()
    # the old term's own days and attachments belong to the old term
    assert "holidays" not in data and "workdays" not in data and "attachments" not in data
    assert [e["week"] for e in data["schedule"]["entries"]] == [1, 9]
    assert all("status" not in e for e in data["schedule"]["entries"])

    assert run_planmaker("render", out).returncode == 0
    assert headings(out.with_suffix(".docx")) == [
        "一、工作目标",
        "二、主要工作",
        "三、女工工作",
        "四、具体安排",
    ]


def test_summarize_and_new_summary_for_the_same_term_draft_the_same_file(run_planmaker, tmp_path):
    plan = write(tmp_path, PLAN, "plan.yaml")
    by_summarize = tmp_path / "a.yaml"
    by_new = tmp_path / "b.yaml"
    assert run_planmaker("summarize", plan, "-o", by_summarize).returncode == 0
    result = run_planmaker(
        *("new", "summary", "--from", plan, "-o", by_new),
        *("--school-year", "2025-2026", "--semester", "2", "--start", "2026-03-02"),
    )
    assert result.returncode == 0, result.stderr

    def body(path: Path) -> list[str]:
        return path.read_text("utf-8").replace("planmaker summarize", "planmaker new").splitlines()

    assert body(by_summarize) == body(by_new)


def test_a_document_without_a_signature_drafts_one_without(run_planmaker, tmp_path):
    old = PLAN.replace("signature: {name: 芦集中学工会, date: 2026-03-01, seal: false}", "落款: 否")
    plan = write(tmp_path, old, "plan.yaml")
    out = tmp_path / "summary.yaml"
    assert run_planmaker("summarize", plan, "-o", out).returncode == 0
    assert yaml.safe_load(out.read_text("utf-8"))["signature"] is False
    assert run_planmaker("render", out, "--draft").returncode == 0


def test_a_new_plan_shows_order_and_closing_as_comments(run_planmaker, tmp_path):
    out = tmp_path / "new.yaml"
    result = run_planmaker(
        *("new", "semester", "--org", "芦集中学", "-o", out),
        *("--school-year", "2025-2026", "--semester", "2", "--start", "2026-03-02"),
    )
    assert result.returncode == 0, result.stderr
    lines = out.read_text("utf-8").splitlines()
    assert "# order: [guiding, goals, measures, safeguards, schedule]" in lines
    assert lines.index("# closing: |") + 1 == lines.index("#   总之，……")
    assert any(line.startswith("# 顺序(order)：") for line in lines)
    assert any(line.startswith("# 结束语(closing)：") for line in lines)
    # uncommented, the example order is a valid one: the draft still renders
    text = out.read_text("utf-8").replace("# order: [", "order: [")
    ordered = write(tmp_path, text, "ordered.yaml")
    assert run_planmaker("render", ordered, "--draft").returncode == 0


def test_every_placeholder_new_and_summarize_write_is_in_the_one_list(run_planmaker, tmp_path):
    written = []
    for kind, extra in (
        ("semester", ("--school-year", "2025-2026", "--semester", "2", "--start", "2026-03-02")),
        ("year", ("--year", "2026")),
        ("summary", ("--school-year", "2025-2026")),
    ):
        out = tmp_path / f"{kind}.yaml"
        assert run_planmaker("new", kind, "--org", "芦集中学", "-o", out, *extra).returncode == 0
        written.append(out)
    plan = write(tmp_path, PLAN, "plan.yaml")
    assert run_planmaker("summarize", plan, "-o", tmp_path / "summarized.yaml").returncode == 0
    written.append(tmp_path / "summarized.yaml")
    found = set()
    for path in written:
        text = "\n".join(
            line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")
        )
        found |= set(re.findall(r"（请填写[^）]*）|（可在这里[^）]*）", text))
    assert found
    assert found <= placeholders.TEXTS
