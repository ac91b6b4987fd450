"""Where outputs go: never onto one of the command's inputs (with or without --force),
never in place of a device, FIFO or other special file, and a name the system refuses
(too long, a looping link) is said as such, located, while the other units go on.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import docx
import pytest
import yaml
from conftest import EXAMPLES

from planmaker.cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
CHENGGUAN = EXAMPLES / "district" / "chengguan"
REPORT_NAME = "城关镇第一小学2026年度工作总结"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURES / "valid.yaml", tmp_path / "plan.yaml"))


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- never over an input -------------------------------------------------------------


@pytest.fixture
def chengguan(tmp_path: Path) -> Path:
    """A copy of one school's plans and summaries, one summary named like its report."""
    folder = Path(shutil.copytree(CHENGGUAN, tmp_path / "chengguan"))
    (folder / "jiaowu-2026spring-summary.yaml").rename(folder / f"{REPORT_NAME}.yaml")
    return folder


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_report_never_writes_over_an_input_named_like_its_report(chengguan, capsys, force):
    summary = chengguan / f"{REPORT_NAME}.yaml"
    before = summary.read_bytes()
    code = run(["report", str(chengguan), "--year", "2026", "-o", str(chengguan), *force])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{REPORT_NAME}.yaml: 总结要写到的这个文件是本次汇总的输入文件之一" in err
    assert "保留了已有的" not in err and "已生成" not in err
    assert summary.read_bytes() == before
    assert not (chengguan / f"{REPORT_NAME}.docx").exists()


def test_the_other_units_are_still_reported(chengguan, tmp_path, capsys):
    shutil.copytree(EXAMPLES / "district" / "luzhong", tmp_path / "luzhong")
    code = run(
        ["report", str(chengguan), str(tmp_path / "luzhong"), "--year", "2026"]
        + ["-o", str(chengguan)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "总结要写到的这个文件是本次汇总的输入文件之一" in err
    written = [n for n in names(chengguan) if n.endswith(".docx")]
    assert len(written) == 1 and not written[0].startswith("城关镇"), err


def test_report_does_not_take_a_summary_of_that_name_for_the_report(chengguan, tmp_path, capsys):
    outdir = tmp_path / "总结"
    outdir.mkdir()
    shutil.move(chengguan / f"{REPORT_NAME}.yaml", outdir / f"{REPORT_NAME}.yaml")
    code = run(["report", str(chengguan), "--year", "2026", "-o", str(outdir)])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        f"{REPORT_NAME}.yaml: 这里已有同名文件，但它是工作总结，不是 planmaker report 写出的" in err
    )
    assert not (outdir / f"{REPORT_NAME}.docx").exists()
    assert run(["report", str(chengguan), "--year", "2026", "-o", str(outdir), "--force"]) == 0
    assert yaml.safe_load((outdir / f"{REPORT_NAME}.yaml").read_text("utf-8"))["kind"] == "report"


def test_report_keeps_its_own_earlier_report_in_the_input_folder(tmp_path, capsys):
    folder = Path(shutil.copytree(CHENGGUAN, tmp_path / "chengguan"))
    assert run(["report", str(folder), "--year", "2026", "-o", str(folder)]) == 0
    again = run(["report", str(folder), "--year", "2026", "-o", str(folder)])
    assert again == 0, capsys.readouterr().err
    assert "保留了已有的" in capsys.readouterr().err
    assert run(["report", str(folder), "--year", "2026", "-o", str(folder), "--force"]) == 0


def test_render_never_writes_over_its_reference_document_or_template(plan, tmp_path, capsys):
    ref = tmp_path / "红头.docx"
    docx.Document().save(ref)
    before = ref.read_bytes()
    assert run(["render", str(plan), "--reference-doc", str(ref), "-o", str(ref)]) == 1
    assert f"{ref}: 输出文件就是输入文件，已拒绝" in capsys.readouterr().err
    assert ref.read_bytes() == before
    template = tmp_path / "模板.md"
    template.write_text("# {{ doc.org }}\n", encoding="utf-8")
    args = ["render", str(plan), "--template", str(template), "-o", str(template), "--force"]
    assert run(args[:-1] + ["--format", "md"]) == 1
    assert f"{template}: 输出文件就是输入文件，已拒绝" in capsys.readouterr().err
    assert template.read_text(encoding="utf-8") == "# {{ doc.org }}\n"


def test_batch_never_writes_over_its_reference_document(tmp_path, capsys):
    folder = tmp_path / "各校"
    folder.mkdir()
    for stem in ("a", "b"):
        shutil.copy(FIXTURES / "valid.yaml", folder / f"{stem}.yaml")
    ref = folder / "a.docx"
    docx.Document().save(ref)
    before = ref.read_bytes()
    assert run(["batch", str(folder), "-o", str(folder), "--reference-doc", str(ref)]) == 1
    err = capsys.readouterr().err
    assert "输出文件就是输入文件，已拒绝" in err and "生成 1 个，失败 1 个" in err
    assert ref.read_bytes() == before
    assert (folder / "b.docx").exists()


def test_templates_export_never_writes_over_the_templates_it_copies(tmp_path, capsys, monkeypatch):
    from planmaker import templating

    builtins = Path(shutil.copytree(templating.builtin_dir(), tmp_path / "builtin"))
    monkeypatch.setattr(templating, "builtin_dir", lambda: builtins)
    before = {p.name: p.stat().st_ino for p in builtins.iterdir()}
    assert run(["templates", "export", "plan", str(builtins), "--force"]) == 1
    assert "输出文件就是输入文件，已拒绝" in capsys.readouterr().err
    assert {p.name: p.stat().st_ino for p in builtins.iterdir()} == before


# --- special files at the output path ------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_at_the_output_path_is_refused_and_kept(plan, tmp_path, capsys):
    target = tmp_path / "plan.docx"
    os.mkfifo(target)
    assert run(["render", str(plan), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{target}: 这里已有一个命名管道（FIFO），它不是普通文件，planmaker 不会写入或替换它" in err
    )
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert names(tmp_path) == ["plan.docx", "plan.yaml"]


def test_a_character_device_at_the_output_path_is_refused_and_kept(plan, tmp_path, capsys):
    if not hasattr(os, "mknod") or os.geteuid() != 0:
        pytest.skip("making a device node needs root; the FIFO test covers the same check")
    target = tmp_path / "null.docx"
    try:  # the same device as /dev/null, but a node of the test's own
        os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("this container may not make device nodes, even as root")
    assert run(["render", str(plan), "-o", str(target)]) == 1
    assert "这里已有一个字符设备，它不是普通文件" in capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(target).st_mode)


@pytest.mark.skipif(not os.path.exists("/proc/self/fd/1"), reason="needs /proc")
def test_a_link_to_standard_output_is_refused_and_kept(plan, tmp_path, planmaker_process):
    """In a process of its own, whose standard output is a pipe as in a shell's ``|``."""
    link = tmp_path / "plan.md"
    os.symlink("/proc/self/fd/1", link)
    result = planmaker_process("render", plan, "-o", link)
    assert result.returncode == 1, result.stderr
    assert "plan.md: 这里已有一个命名管道（FIFO），它不是普通文件" in result.stderr
    assert os.readlink(link) == "/proc/self/fd/1"
    assert result.stdout == ""


def test_a_link_to_a_regular_file_is_replaced_not_followed(plan, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("kept", encoding="utf-8")
    link = tmp_path / "plan.md"
    os.symlink(elsewhere, link)
    assert run(["render", str(plan), "-o", str(link)]) == 0
    assert not link.is_symlink() and "定边镇希望小学" in link.read_text(encoding="utf-8")
    assert elsewhere.read_text(encoding="utf-8") == "kept"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_batch_goes_on_past_a_fifo_at_one_output(tmp_path, capsys):
    folder = tmp_path / "各校"
    folder.mkdir()
    for stem in ("a", "b"):
        shutil.copy(FIXTURES / "valid.yaml", folder / f"{stem}.yaml")
    (tmp_path / "out").mkdir()
    os.mkfifo(tmp_path / "out" / "a.docx")
    assert run(["batch", str(folder), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "这里已有一个命名管道（FIFO）" in err and "生成 1 个，失败 1 个" in err
    assert stat.S_ISFIFO(os.lstat(tmp_path / "out" / "a.docx").st_mode)


# --- names the system refuses ---------------------------------------------------------

LONG = "计划" * 50  # 300 bytes


def test_render_to_an_over_long_name_says_so(plan, tmp_path, capsys):
    assert run(["render", str(plan), "-o", str(tmp_path / f"{LONG}.docx")]) == 1
    err = capsys.readouterr().err
    assert "文件名（或路径中某个文件夹的名字）太长，超过了系统允许的 255 字节" in err
    assert "无法写出，原有文件没有改动。请用 -o 换一个短一些的名字" in err
    assert "内部出错" not in err and names(tmp_path) == ["plan.yaml"]


@pytest.mark.parametrize("command", ["new", "schema", "report", "batch"])
def test_other_commands_to_an_over_long_name_say_so(command, plan, tmp_path, capsys, monkeypatch):
    args = {
        "new": ["new", "year", "--org", "定边镇工会", "--year", "2026", "-o", f"{LONG}.yaml"],
        "schema": ["schema", "-o", f"{LONG}.json"],
        "report": ["report", str(CHENGGUAN), "--year", "2026", "-o", f"{LONG}/"],
        "batch": ["batch", str(plan), "-o", f"{LONG}/"],
    }[command]
    monkeypatch.chdir(tmp_path)
    assert run(args) == 1
    err = capsys.readouterr().err
    assert "太长，超过了系统允许的 255 字节" in err, err
    assert "内部出错" not in err and "没有写入权限" not in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_an_output_through_a_looping_link_says_so(plan, tmp_path, capsys):
    os.symlink(tmp_path / "loop.docx", tmp_path / "loop.docx")
    os.symlink(tmp_path / "dir", tmp_path / "dir")
    for target in (tmp_path / "loop.docx", tmp_path / "dir" / "x.docx"):
        assert run(["render", str(plan), "-o", str(target)]) == 1
        err = capsys.readouterr().err
        assert "输出位置的路径上的链接（快捷方式）绕成了一个圈，无法写入" in err, err
        assert "内部出错" not in err
    assert os.readlink(tmp_path / "loop.docx") == str(tmp_path / "loop.docx")
