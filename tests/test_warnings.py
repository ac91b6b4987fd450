"""Warnings travel as problems of severity "warning": a code, a place, the values their
message needs. The work goes on, and each command says them in Chinese, once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from planmaker.cli import run
from planmaker.errors import Location, Problem

YEAR_UNKNOWN_TAIL = (
    "节假日数据还没有 2032 年的安排，只使用了 YAML 中 holidays/workdays 写明的日期。"
)
YEAR_UNKNOWN = "提醒：" + YEAR_UNKNOWN_TAIL


@pytest.fixture
def future(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A term plan in a school year the holiday data does not know yet (spring 2032)."""
    monkeypatch.chdir(tmp_path)
    text = (EXAMPLES / "term-plan-table.yaml").read_text(encoding="utf-8")
    text = text.replace("2025-2026", "2031-2032").replace("2026-03-02", "2032-03-01")
    path = tmp_path / "future.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_render_returns_the_warning_as_a_problem_and_writes_the_document(future):
    from planmaker.pipeline import RenderOptions, render_file

    rendered = render_file(future, RenderOptions("md"))
    assert rendered.warnings == [
        Problem("calendar.year_unknown", Location(), {"year": 2032}, "warning")
    ]
    assert "第一周" in rendered.data.decode("utf-8")


def test_each_command_says_the_warning_once(future, capsys):
    assert run(["render", str(future), "-o", "out.docx"]) == 0
    err = capsys.readouterr().err
    assert err.count(YEAR_UNKNOWN) == 1
    assert Path("out.docx").is_file()

    assert run(["check", str(future)]) == 0
    assert f"提醒：{future}: {YEAR_UNKNOWN_TAIL}" in capsys.readouterr().err

    assert run(["calendar", str(future)]) == 0
    assert capsys.readouterr().err.count(YEAR_UNKNOWN) == 1

    assert run(["summarize", str(future), "-o", "s/"]) == 0
    assert capsys.readouterr().err.count(YEAR_UNKNOWN) == 1


def test_batch_counts_the_files_a_warning_was_met_in(future, capsys):
    folder = future.parent / "in"
    folder.mkdir()
    shutil.copy(future, folder / "a.yaml")
    shutil.copy(future, folder / "b.yaml")
    assert run(["batch", str(folder), "-o", "out", "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert err.count(YEAR_UNKNOWN) == 1
    assert "即可。（2 个文件）" in err


def test_a_draft_from_a_longer_term_warns_where_its_entries_went(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    args = ["new", "semester", "--from", str(EXAMPLES / "term-plan-table.yaml")]
    args += ["--school-year", "2026-2027", "--semester", "1", "--start", "2026-09-01"]
    assert run([*args, "--weeks", "12", "-o", "next.yaml"]) == 0
    err = capsys.readouterr().err
    assert "提醒：旧文件中有安排超出了新学期的 12 周，已移到第 12 周" in err
    assert "原为第" in Path("next.yaml").read_text(encoding="utf-8")


def test_a_year_draft_from_a_term_plan_warns_its_schedule_is_not_carried(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    args = ["new", "year", "--from", str(EXAMPLES / "term-plan-list.yaml"), "--year", "2026"]
    assert run([*args, "-o", "year.yaml"]) == 0
    assert "提醒：旧文件的具体安排与新文件的时段不同" in capsys.readouterr().err


def test_the_drafts_warnings_are_problems():
    from planmaker.drafts import new_draft
    from planmaker.pipeline import load_file
    from planmaker.request import NewRequest, header_document

    previous = load_file(EXAMPLES / "term-plan-table.yaml")
    header = header_document(
        NewRequest(
            "semester",
            org="某校",
            school_year="2031-2032",
            semester="1",
            start="2031-09-01",
            weeks="12",
        )
    )
    draft = new_draft(header, previous)
    assert [(w.code, w.params, w.severity) for w in draft.warnings] == [
        ("scaffold.weeks_moved", {"weeks": 12}, "warning")
    ]
