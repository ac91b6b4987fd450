"""Devices, FIFOs, huge files, looping links and over-long names given as input: each is
refused at once, unread, with a message of its own that names it.

A read that would never end (``/dev/zero``, a FIFO nobody writes to) runs in a separate
process with a memory limit and a timeout, so that a regression fails the test instead
of hanging or exhausting the machine. FIFOs and sparse files live in the test's folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from limited import refused, run_limited

from planmaker.cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURES / "valid.yaml", tmp_path / "plan.yaml"))


@pytest.fixture
def fifo(tmp_path: Path):
    """A FIFO named ``name`` in the test's folder, nobody ever writing to it."""

    def make(name: str) -> Path:
        path = tmp_path / name
        os.mkfifo(path)
        return path

    return make


@posix_only
@pytest.mark.parametrize("command", ["render", "check"])
def test_a_device_as_input_is_refused_unread(command, tmp_path):
    result = run_limited(command, "/dev/zero", cwd=tmp_path)
    refused(
        result, "/dev/zero: 这不是普通文件，而是字符设备", "输入文件只能是保存在磁盘上的普通文件"
    )
    assert os.listdir(tmp_path) == []


@posix_only
def test_a_device_as_reference_document_is_refused_unread(plan, tmp_path):
    result = run_limited("render", plan, "--reference-doc", "/dev/zero", cwd=tmp_path)
    refused(result, "/dev/zero: 这不是普通文件，而是字符设备", "参考文档只能是")
    assert os.listdir(tmp_path) == ["plan.yaml"]


@posix_only
@pytest.mark.parametrize("command", ["render", "check"])
def test_a_fifo_as_input_is_refused_without_waiting(command, tmp_path, fifo):
    fifo("计划.yaml")
    result = run_limited(command, "计划.yaml", cwd=tmp_path)
    refused(result, "计划.yaml: 这不是普通文件，而是命名管道（FIFO）")


@posix_only
def test_report_refuses_a_fifo_named_as_input(tmp_path, plan, fifo):
    fifo("总结.yaml")
    result = run_limited("report", plan, "总结.yaml", "--year", "2026", "-o", "out", cwd=tmp_path)
    refused(result, "总结.yaml: 这不是普通文件，而是命名管道（FIFO）", "没有生成任何总结")
    assert not (tmp_path / "out").exists()


@posix_only
@pytest.mark.parametrize("command", ["render", "batch", "report"])
def test_a_fifo_as_reference_document_is_refused_without_waiting(command, tmp_path, plan, fifo):
    fifo("红头.docx")
    args = {
        "render": ["render", plan],
        "batch": ["batch", plan, "-o", "out"],
        "report": ["report", plan, "--year", "2026", "-o", "out"],
    }[command]
    result = run_limited(*args, "--reference-doc", "红头.docx", cwd=tmp_path)
    refused(result, "红头.docx: 这不是普通文件，而是命名管道（FIFO）", "参考文档只能是")
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml", "红头.docx"]


@posix_only
def test_a_fifo_as_template_is_refused_without_waiting(tmp_path, plan, fifo):
    fifo("模板.md.j2")
    result = run_limited("render", plan, "--template", "./模板.md.j2", cwd=tmp_path)
    refused(result, "模板.md.j2: 这不是普通文件，而是命名管道（FIFO）", "模板只能是")


@posix_only
def test_a_batch_folder_holding_a_fifo_skips_it_and_finishes(tmp_path, fifo):
    folder = tmp_path / "各校"
    folder.mkdir()
    shutil.copy(FIXTURES / "valid.yaml", folder / "a.yaml")
    fifo("各校/b.yaml")
    result = run_limited("batch", "各校", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "各校/b.yaml: 跳过了：这不是普通文件，而是命名管道（FIFO）" in result.stderr
    assert "生成 1 个，失败 0 个" in result.stderr
    assert os.listdir(tmp_path / "out") == ["a.docx"]


@posix_only
def test_a_6_gb_sparse_reference_document_is_refused_unread(tmp_path, plan):
    big = tmp_path / "红头.docx"
    with big.open("wb") as fh:
        fh.truncate(6 * 1024**3)
    result = run_limited("render", plan, "--reference-doc", big.name, cwd=tmp_path)
    refused(result, "红头.docx: 参考文档太大（6144.0 MB，上限 50.0 MB），没有读取")
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml", "红头.docx"]


def test_a_template_over_2_mb_is_refused_unread(plan, tmp_path, capsys):
    big = tmp_path / "big.md.j2"
    with big.open("wb") as fh:
        fh.truncate(3 * 1024 * 1024)
    assert run(["render", str(plan), "--template", str(big)]) == 1
    err = capsys.readouterr().err
    assert f"{big}: 模板文件太大（3.0 MB，上限 2.0 MB），没有读取" in err
    assert not plan.with_suffix(".docx").exists()


def test_a_units_template_over_2_mb_is_refused_unread(tmp_path, capsys):
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("templates: 模板\n" + text, encoding="utf-8")
    (tmp_path / "模板").mkdir()
    big = tmp_path / "模板" / "plan.md.j2"
    with big.open("wb") as fh:
        fh.truncate(3 * 1024 * 1024)
    assert run(["render", str(plan)]) == 1
    err = capsys.readouterr().err
    assert "plan.md.j2: 模板文件太大（3.0 MB，上限 2.0 MB）" in err
    assert not plan.with_suffix(".docx").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("command", ["render", "check"])
def test_a_looping_link_is_named_as_such_not_as_unreadable(command, tmp_path, capsys):
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert run([command, str(tmp_path / "a.yaml")]) == 1
    err = capsys.readouterr().err
    assert "a.yaml: 这个路径上的链接（快捷方式）绕成了一个圈" in err
    assert "没有权限" not in err and "内部出错" not in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_looping_reference_document_is_named_as_such(plan, tmp_path, capsys):
    os.symlink(tmp_path / "红头.docx", tmp_path / "红头.docx")
    assert run(["render", str(plan), "--reference-doc", str(tmp_path / "红头.docx")]) == 1
    err = capsys.readouterr().err
    assert "红头.docx: 这个路径上的链接（快捷方式）绕成了一个圈" in err
    assert not plan.with_suffix(".docx").exists()


@pytest.mark.parametrize("command", ["render", "check"])
def test_an_over_long_input_name_is_named_as_such_not_as_unreadable(command, tmp_path, capsys):
    name = "计划" * 50 + ".yaml"  # 305 bytes: more than any file system allows
    assert run([command, str(tmp_path / name)]) == 1
    err = capsys.readouterr().err
    assert "文件名（或路径中某个文件夹的名字）太长，超过了系统允许的 255 字节" in err
    assert "没有权限" not in err and "内部出错" not in err


def test_check_goes_on_past_a_looping_link(tmp_path, plan, capsys):
    if not hasattr(os, "symlink"):
        pytest.skip("needs symbolic links")
    os.symlink(tmp_path / "loop.yaml", tmp_path / "loop.yaml")
    assert run(["check", str(tmp_path / "loop.yaml"), str(plan)]) == 1
    err = capsys.readouterr().err
    assert "loop.yaml: 这个路径上的链接（快捷方式）绕成了一个圈" in err
    assert f"{plan}：没有发现问题。" in err
