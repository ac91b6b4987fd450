"""batch and report walk folders without being stopped by what they hold: a link that
loops, a link to a parent folder or to /, a hidden or special file. Each is left out and
said, with its name; the other files are done."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from planmaker.cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of two plans, ``a.yaml`` and ``sub/b.yaml``."""
    root = tmp_path / "各校"
    (root / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "valid.yaml", root / "a.yaml")
    shutil.copy(FIXTURES / "valid.yaml", root / "sub" / "b.yaml")
    return root


def batch(folder: Path, capsys) -> tuple[int, str, list[str]]:
    out = folder.parent / "out"
    code = run(["batch", str(folder), "-o", str(out)])
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.docx")) if out.exists() else []
    return code, capsys.readouterr().err, written


@needs_links
def test_batch_survives_links_that_loop(folder, capsys):
    os.symlink(folder / "y.yaml", folder / "x.yaml")
    os.symlink(folder / "x.yaml", folder / "y.yaml")
    code, err, written = batch(folder, capsys)
    assert code == 0, err
    assert written == ["a.docx", "sub/b.docx"]
    for name in ("x.yaml", "y.yaml"):
        assert f"{folder / name}: 跳过了：这个链接绕成了一个圈" in err
    assert "内部出错" not in err


@needs_links
def test_report_survives_links_that_loop(tmp_path, capsys):
    school = Path(shutil.copytree(EXAMPLES / "district" / "chengguan", tmp_path / "chengguan"))
    os.symlink(school / "loop.yaml", school / "loop.yaml")
    assert run(["report", str(school), "--year", "2026", "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert f"{school / 'loop.yaml'}: 跳过了：这个链接绕成了一个圈" in err
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1


@needs_links
def test_links_to_folders_are_said_and_never_followed(folder, capsys):
    os.symlink(folder, folder / "sub" / "回到上级")
    os.symlink("/", folder / "根目录")
    code, err, written = batch(folder, capsys)
    assert code == 0, err
    assert written == ["a.docx", "sub/b.docx"]
    assert (
        f"{folder / 'sub' / '回到上级'}: 跳过了：这是指向文件夹的链接（快捷方式），没有进入" in err
    )
    assert f"{folder / '根目录'}: 跳过了：这是指向文件夹的链接" in err


def test_hidden_files_and_folders_are_said(folder, capsys):
    shutil.copy(FIXTURES / "valid.yaml", folder / ".草稿.yaml")
    (folder / ".旧版").mkdir()
    shutil.copy(FIXTURES / "valid.yaml", folder / ".旧版" / "c.yaml")
    (folder / ".DS_Store").write_bytes(b"")
    code, err, written = batch(folder, capsys)
    assert code == 0, err
    assert written == ["a.docx", "sub/b.docx"]
    assert f"{folder / '.草稿.yaml'}: 跳过了：名字以“.”开头，是隐藏的文件或文件夹" in err
    assert f"{folder / '.旧版'}: 跳过了：名字以“.”开头" in err
    assert ".DS_Store" not in err and "c.yaml" not in err


def test_other_files_are_counted_in_one_line(folder, capsys):
    for name in ("a.docx", "说明.txt", "sub/b.docx", "sub/封面.png"):
        (folder / name).write_bytes(b"")
    code, err, _ = batch(folder, capsys)
    assert code == 0, err
    assert (
        f"{folder}: 跳过了这个文件夹中 4 个不是 .yaml/.yml 的文件（如 a.docx、说明.txt、b.docx等）"
        in err
    )


def test_report_says_what_it_skipped(tmp_path, capsys):
    school = Path(shutil.copytree(EXAMPLES / "district" / "chengguan", tmp_path / "chengguan"))
    shutil.copy(school / "gonghui-2026-plan.yaml", school / ".备份.yaml")
    assert run(["report", str(school), "--year", "2026", "-o", str(tmp_path / "out")]) == 0
    assert f"{school / '.备份.yaml'}: 跳过了：名字以“.”开头" in capsys.readouterr().err


def test_a_folder_that_cannot_be_listed_is_said(folder, capsys):
    locked = folder / "sub"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("this user (root) lists any folder")
        code, err, written = batch(folder, capsys)
    finally:
        locked.chmod(0o755)
    assert code == 0, err
    assert written == ["a.docx"]
    assert f"{locked}: 跳过了：无法打开这个文件夹" in err


def test_only_hidden_inputs_are_said_before_nothing_to_do(tmp_path, capsys):
    shutil.copy(FIXTURES / "valid.yaml", tmp_path / ".计划.yaml")
    assert run(["batch", str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / '.计划.yaml'}: 跳过了：名字以“.”开头" in err
    assert "这里没有找到 .yaml 或 .yml 文件" in err
