"""``planmaker summarize``: a plan becomes its summary YAML; ticking the statuses off and
rendering gives the right counts and rate in the document."""

from __future__ import annotations

import io
import re
import shutil

import pytest
import yaml
from helpers import EXAMPLES

docx = pytest.importorskip("docx")

SUMMARY_NAME = "定边镇希望小学2025—2026学年第二学期教务处工作总结.yaml"


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "教务处工作计划.yaml"
    shutil.copy(EXAMPLES / "term-plan-table.yaml", path)
    return path


def test_summary_yaml_beside_the_plan(run_planmaker, plan):
    result = run_planmaker("summarize", plan)
    assert result.returncode == 0, result.stderr
    written = plan.parent / SUMMARY_NAME
    assert f"已生成：{written}" in result.stderr
    assert (plan.parent / "planmaker.schema.json").is_file()

    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./planmaker.schema.json\n")
    data = yaml.safe_load(text)
    source = yaml.safe_load(plan.read_text(encoding="utf-8"))
    assert data["kind"] == "summary"
    assert (data["org"], data["department"]) == (source["org"], source["department"])
    assert data["period"] == source["period"]
    assert "title" not in data
    assert [a["title"] for a in data["achievements"]] == [m["title"] for m in source["measures"]]
    # One entry per plan entry, in order, each with its tasks and status: pending.
    assert len(data["schedule"]["entries"]) == len(source["schedule"]["entries"])
    for got, want in zip(data["schedule"]["entries"], source["schedule"]["entries"], strict=True):
        assert got["status"] == "pending"
        assert got["tasks"] == want["tasks"]
        assert str(got["week"]) == str(want["week"])


def test_fill_statuses_then_render_counts_and_rate(run_planmaker, plan):
    assert run_planmaker("summarize", plan).returncode == 0
    written = plan.parent / SUMMARY_NAME
    text = written.read_text(encoding="utf-8")
    planned = text.count("status: pending")
    assert planned == 14
    # Tick off: 10 done, 2 partial (in Chinese), 1 cancelled, 1 left pending.
    ticks = iter(["done"] * 10 + ["部分完成"] * 2 + ["取消"] + ["pending"])
    text = re.sub("status: pending", lambda _: f"status: {next(ticks)}", text)
    written.write_text(text, encoding="utf-8")

    # The overview, results, problems and next steps are still placeholders: a draft.
    result = run_planmaker("render", written, "--draft")
    assert result.returncode == 0, result.stderr
    assert "这里还是占位文字" in result.stderr
    document = docx.Document(io.BytesIO(written.with_suffix(".docx").read_bytes()))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]

    assert paragraphs[:2] == ["定边镇希望小学", "2025—2026学年第二学期教务处工作总结"]
    assert "二、计划完成情况" in paragraphs
    assert (
        "本学期计划安排工作14项，已完成10项，部分完成2项，取消1项，未完成1项；"
        "除去取消的1项，完成率为76.9%。" in paragraphs
    )
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "计划",
        "已完成",
        "部分完成",
        "取消",
        "未完成",
        "完成率",
    ]
    assert [c.text for c in table.rows[1].cells] == ["14", "10", "2", "1", "1", "76.9%"]
    assert paragraphs.index("一、主要工作及成效") < paragraphs.index(
        "（一）依法执教，教师职业操守的基本准则。"
    )


def test_summarize_refuses_to_overwrite(run_planmaker, plan):
    written = plan.parent / SUMMARY_NAME
    written.write_text("kind: summary\n# 已经写了一半\n", encoding="utf-8")
    result = run_planmaker("summarize", plan)
    assert result.returncode == 1
    assert "文件已存在" in result.stderr
    assert "已经写了一半" in written.read_text(encoding="utf-8")
    assert run_planmaker("summarize", plan, "--force").returncode == 0
    assert "已经写了一半" not in written.read_text(encoding="utf-8")


def test_summarize_output_folder_and_year_plan(run_planmaker, tmp_path):
    out = tmp_path / "总结"
    result = run_planmaker("summarize", EXAMPLES / "union-year-plan.yaml", "-o", f"{out}/")
    assert result.returncode == 0, result.stderr
    [written] = out.glob("*.yaml")
    assert written.name.endswith("工作总结.yaml")
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    entries = data["schedule"]["entries"]
    assert entries and all("month" in e and e["status"] == "pending" for e in entries)
    # Valid but for its placeholders, which check lists, each at its line and column.
    check = run_planmaker("check", written)
    assert check.returncode == 1
    errors = [line for line in check.stderr.splitlines() if re.match(r".*\.yaml:\d+:\d+: ", line)]
    assert errors and all("还是生成文件时写的占位文字" in line for line in errors)


def test_summarize_wants_a_plan(run_planmaker, tmp_path):
    result = run_planmaker(
        "summarize", EXAMPLES / "township-union-summary.yaml", "-o", tmp_path / "x.yaml"
    )
    assert result.returncode == 1
    assert "township-union-summary.yaml" in result.stderr
    assert "不是工作计划" in result.stderr
    assert not (tmp_path / "x.yaml").exists()
