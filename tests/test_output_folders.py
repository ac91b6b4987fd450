"""``-o`` names a folder the same way in every command: one that exists, or a path
written with a trailing / or \\ (typed the Windows way, it means a folder everywhere)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planmaker.cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "bad"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copy(FIXTURES / "valid.yaml", tmp_path / "plan.yaml"))


@pytest.mark.parametrize("folder", ["out/", "out\\"])
def test_render_writes_into_a_folder_written_with_a_trailing_separator(plan, folder, capsys):
    assert run(["render", str(plan), "-o", folder]) == 0, capsys.readouterr().err
    assert (Path(folder) / "plan.docx").is_file()
    assert f"已生成：{Path(folder) / 'plan.docx'}" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["out/", "out\\"])
def test_new_and_summarize_write_into_the_same_folders(plan, folder, capsys):
    assert run(["new", "year", "--org", "某校", "--year", "2026", "-o", folder]) == 0
    assert (Path(folder) / "某校2026年工作计划.yaml").is_file()
    assert run(["summarize", str(plan), "-o", folder]) == 0, capsys.readouterr().err
    assert any(p.name.endswith("工作总结.yaml") for p in Path(folder).iterdir())


def test_an_existing_folder_needs_no_separator(plan, capsys):
    Path("out").mkdir()
    assert run(["render", str(plan), "-o", "out"]) == 0, capsys.readouterr().err
    assert Path("out/plan.docx").is_file()
    assert run(["new", "year", "--org", "某校", "--year", "2026", "-o", "out"]) == 0
    assert Path("out/某校2026年工作计划.yaml").is_file()


def test_any_other_path_names_the_file(plan, capsys):
    assert run(["render", str(plan), "-o", "named.docx"]) == 0, capsys.readouterr().err
    assert Path("named.docx").is_file()
    assert run(["new", "year", "--org", "某校", "--year", "2026", "-o", "named.yaml"]) == 0
    assert Path("named.yaml").is_file()
