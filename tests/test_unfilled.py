"""What a file still holds of its scaffold, or slipped past YAML: placeholders are errors
for check, render and batch, each at its line and column (``--draft`` renders and warns;
report leaves the file out); a missing 成文日期 and a list item folded into the text
before it are warnings that say where and what to do."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES

from planmaker.cli import run

TERM = ("--school-year", "2025-2026", "--semester", "2", "--start", "2026-03-02")
PLAN = """\
org: 芦中
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
goals:
  - 依法治教，规范办学行为。
measures:
  - title: 抓好常规教学
    items:
      - 备课
      - 上课
signature: {date: 2026-02-20}
"""
LOCATED = re.compile(r"^(?P<file>.+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<text>.*)$")


def located(err: str, words: str) -> list[tuple[Path, int, int]]:
    """(file, line, col) of each message of ``err`` that contains ``words``."""
    out = []
    for row in err.splitlines():
        row = row.removeprefix("提醒：")
        if (m := LOCATED.match(row)) and words in m["text"]:
            out.append((Path(m["file"]), int(m["line"]), int(m["col"])))
    return out


def at(path: Path, line: int, col: int) -> str:
    """The text of ``path`` from line ``line``, column ``col`` to the end of that line."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1][col - 1 :]


@pytest.fixture
def scaffold(tmp_path, capsys) -> Path:
    """A plan just written by ``new``, still full of placeholders."""
    path = tmp_path / "计划.yaml"
    assert run(["new", "semester", "--org", "芦中", *TERM, "-o", str(path)]) == 0
    capsys.readouterr()
    return path


def test_check_and_render_refuse_placeholders_each_at_its_place(scaffold, capsys):
    assert run(["check", str(scaffold)]) == 1
    err = capsys.readouterr().err
    places = located(err, "还是生成文件时写的占位文字")
    text = scaffold.read_text(encoding="utf-8")
    # every placeholder value, block texts included, is reported where it is written
    written = [
        line
        for line in text.splitlines()
        if "（请填写" in line and not line.lstrip().startswith("#")
    ]
    assert len(places) == len(written) + 1  # and the one text that is not “（请填写”
    for file, line, col in places:
        assert file == scaffold
        assert at(file, line, col).startswith(("（请填写", "（可在这里写这一项的说明"))
    assert "--draft" in err

    assert run(["render", str(scaffold)]) == 1
    assert len(located(capsys.readouterr().err, "还是生成文件时写的占位文字")) == len(places)
    assert not scaffold.with_suffix(".docx").exists()


def test_a_draft_renders_and_warns_at_each_placeholder(scaffold, capsys):
    assert run(["render", str(scaffold), "--draft"]) == 0
    err = capsys.readouterr().err
    places = located(err, "这里还是占位文字")
    assert places and all(at(*p).startswith(("（请填写", "（可在这里")) for p in places)
    assert "定稿前请换成实际内容" in err
    text = [p.text for p in docx.Document(str(scaffold.with_suffix(".docx"))).paragraphs]
    assert "1.（请填写工作目标一。）" in text


def test_any_text_that_starts_so_is_a_placeholder(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("      - 上课", "      - （请填写上课的要求）"), encoding="utf-8")
    assert run(["check", str(path)]) == 1
    [(file, line, col)] = located(capsys.readouterr().err, "（请填写上课的要求）")
    assert (line, col) == (10, 9)


def test_batch_fails_a_file_with_placeholders_unless_draft(scaffold, tmp_path, capsys):
    folder = tmp_path / "各部门"
    folder.mkdir()
    shutil.move(scaffold, folder / "草稿.yaml")
    (folder / "定稿.yaml").write_text(PLAN, encoding="utf-8")

    assert run(["batch", str(folder), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "未能生成的文件" in err and "草稿.yaml" in err
    assert [p.name for p in (tmp_path / "out").glob("*.docx")] == ["定稿.docx"]

    assert run(["batch", str(folder), "-o", str(tmp_path / "draft"), "--draft"]) == 0
    err = capsys.readouterr().err
    assert located(err, "这里还是占位文字")
    assert sorted(p.name for p in (tmp_path / "draft").glob("*.docx")) == ["定稿.docx", "草稿.docx"]


def test_report_leaves_out_a_summary_with_placeholders_unless_draft(tmp_path, capsys):
    folder = tmp_path / "luzhong"
    shutil.copytree(EXAMPLES / "district" / "luzhong", folder)
    summary = folder / "deyu-2026spring-summary.yaml"
    lines = summary.read_text(encoding="utf-8").splitlines()
    n = next(i for i, row in enumerate(lines) if row.startswith("problems:"))
    lines.insert(n + 1, "  - （请填写存在的问题。）")
    summary.write_text("\n".join(lines) + "\n", encoding="utf-8")

    out = tmp_path / "out"
    assert run(["report", str(folder), "--year", "2026", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert located(err, "没有计入总结") == [(summary, n + 2, 5)]
    yaml_text = next(out.glob("*.yaml")).read_text(encoding="utf-8")
    assert "请填写" not in yaml_text and "（9 份计划和总结）" in err  # of the 10

    assert run(["report", str(folder), "--year", "2026", "-o", str(out), "--force", "--draft"]) == 0
    err = capsys.readouterr().err
    assert not located(err, "没有计入总结") and "（10 份计划和总结）" in err
    assert "（请填写存在的问题。）" in next(out.glob("*.yaml")).read_text(encoding="utf-8")


def test_a_missing_date_is_a_warning_naming_the_date_used(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("signature: {date: 2026-02-20}\n", ""), encoding="utf-8")
    assert run(["render", str(path)]) == 0
    err = capsys.readouterr().err
    today = date.today()
    assert f"没有写成文日期，这次用了 {today.year}年{today.month}月{today.day}日" in err
    assert f"date: {today.isoformat()}" in err
    assert str(path) in err

    path.write_text(PLAN, encoding="utf-8")
    assert run(["render", str(path)]) == 0
    assert "成文日期" not in capsys.readouterr().err


def test_a_list_item_folded_into_the_text_before_it_is_a_warning(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("      - 上课", "        - 上课"), encoding="utf-8")
    assert run(["render", str(path)]) == 0
    err = capsys.readouterr().err
    [(file, line, col)] = located(err, "读成了“备课 - 上课”")
    assert (file, line, col) == (path, 10, 9)
    assert at(file, line, col) == "- 上课"
    text = [p.text for p in docx.Document(str(path.with_suffix(".docx"))).paragraphs]
    assert "1.备课 - 上课" in text  # rendered as YAML read it; the warning says how to fix

    assert run(["check", str(path)]) == 0
    assert located(capsys.readouterr().err, "读成了“备课 - 上课”") == [(path, 10, 9)]
