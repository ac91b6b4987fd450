"""Nothing a user has is ever lost: outputs are written whole or not at all (docs/architecture.md §7).

write_atomic writes a temporary file beside the output and renames it into place. These
tests interrupt it the ways a user's machine does (Ctrl-C, a killed process, a file open
in Word, a full disk, a folder that cannot be written) and check what is left on disk.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import docx
import pytest
from helpers import FIXTURES

from planmaker import output

BAD = FIXTURES / "bad"
OLD = b"the old output, which must survive"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(BAD / "valid.yaml", tmp_path / "plan.yaml"))


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


class _Interrupted:
    """A file whose write stores half the data, then Ctrl-C arrives."""

    def __init__(self, fh) -> None:
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.fh.close()

    def write(self, data: bytes) -> int:
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        raise KeyboardInterrupt

    def __getattr__(self, name: str):
        return getattr(self.fh, name)


def interrupt_writes(monkeypatch) -> None:
    real_open = open
    monkeypatch.setattr(
        output, "open", lambda *a, **k: _Interrupted(real_open(*a, **k)), raising=False
    )


def test_ctrl_c_mid_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    target.write_bytes(OLD)
    interrupt_writes(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, b"new content " * 10_000)
    assert target.read_bytes() == OLD
    assert names(tmp_path) == ["plan.docx"]


def test_ctrl_c_during_render_says_so_and_keeps_the_old_file(plan, monkeypatch, run_planmaker):
    target = plan.with_suffix(".docx")
    target.write_bytes(OLD)
    interrupt_writes(monkeypatch)
    result = run_planmaker("render", plan)
    assert result.returncode == 130
    assert "已中断，没有留下写了一半的文件" in result.stderr
    assert target.read_bytes() == OLD
    assert names(plan.parent) == ["plan.docx", "plan.yaml"]


_KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from planmaker import output

    real_open = open

    class Stalled:
        # Writes half the data, says so, and waits to be killed mid-write.
        def __init__(self, fh):
            self.fh = fh
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.fh.close()
        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            print("half written", flush=True)
            time.sleep(600)

    output.open = lambda *a, **k: Stalled(real_open(*a, **k))
    output.write_atomic(sys.argv[1], b"new content " * 100_000)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")
def test_a_killed_writer_leaves_the_old_file_and_a_temporary_the_next_run_removes(
    plan, run_planmaker
):
    folder = plan.parent
    target = folder / "plan.docx"
    target.write_bytes(OLD)
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "half written"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    leftover = [n for n in names(folder) if n not in ("plan.docx", "plan.yaml")]
    assert len(leftover) == 1
    assert leftover[0].startswith(".plan.docx.")
    assert f".{child.pid}." in leftover[0]
    assert leftover[0].endswith(".planmaker-tmp")
    assert target.read_bytes() == OLD

    result = run_planmaker("render", plan)
    assert result.returncode == 0, result.stderr
    assert names(folder) == ["plan.docx", "plan.yaml"]
    assert "定边镇希望小学" in docx.Document(target).paragraphs[0].text


def test_stale_temporaries_of_live_processes_and_other_machines_are_kept(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    host = output._host()
    ours_dead = f".plan.docx.{host}.{dead_pid}.0a1b2c3d.planmaker-tmp"
    ours_alive = f".plan.docx.{host}.{os.getpid()}.0a1b2c3d.planmaker-tmp"
    elsewhere = f".plan.docx.another-machine.{dead_pid}.0a1b2c3d.planmaker-tmp"
    users = "plan.docx.planmaker-tmp notes"  # not one of ours: the user's own file
    for name in (ours_dead, ours_alive, elsewhere, users):
        (tmp_path / name).write_bytes(b"x")
    output.remove_stale_temporaries(tmp_path)
    assert names(tmp_path) == sorted([ours_alive, elsewhere, users])


def test_render_never_writes_onto_its_input(tmp_path, run_planmaker):
    plan = Path(shutil.copy(BAD / "valid.yaml", tmp_path / "x.yaml"))
    before = plan.read_bytes()
    as_md = run_planmaker("render", "x.yaml", "-o", "x.yaml", "--format", "md", cwd=tmp_path)
    assert as_md.returncode == 1
    assert "输出文件就是输入文件，已拒绝" in as_md.stderr
    by_suffix = run_planmaker("render", "x.yaml", "-o", "x.yaml", cwd=tmp_path)
    assert by_suffix.returncode == 1
    assert "Traceback" not in as_md.stderr + by_suffix.stderr
    assert plan.read_bytes() == before
    assert names(tmp_path) == ["x.yaml"]


def test_markdown_input_is_not_replaced_by_its_own_output(tmp_path, run_planmaker):
    notes = tmp_path / "notes.md"
    notes.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    before = notes.read_bytes()
    result = run_planmaker("render", "notes.md", "--format", "md", cwd=tmp_path)
    assert result.returncode == 1
    assert "输出文件就是输入文件" in result.stderr
    if hasattr(os, "symlink"):
        os.symlink(notes, tmp_path / "link.md")
        linked = run_planmaker("render", "notes.md", "-o", "link.md", cwd=tmp_path)
        assert linked.returncode == 1
        assert "输出文件就是输入文件" in linked.stderr
    assert notes.read_bytes() == before


def test_a_missing_output_folder_is_created(plan, run_planmaker):
    target = plan.parent / "新建" / "二级" / "plan.docx"
    result = run_planmaker("render", plan, "-o", target)
    assert result.returncode == 0, result.stderr
    assert "定边镇希望小学" in docx.Document(target).paragraphs[0].text


def test_an_output_path_through_a_file_is_reported(plan, run_planmaker):
    blocker = plan.parent / "somefile.txt"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = run_planmaker("render", plan, "-o", blocker / "out.docx")
    assert result.returncode == 1
    assert "无法在这个位置写入文件" in result.stderr
    assert "somefile.txt" in result.stderr and "Traceback" not in result.stderr
    assert names(plan.parent) == ["plan.yaml", "somefile.txt"]


def _chmod_protects(folder: Path) -> bool:
    """Whether a read-only folder stops writes here (not for root, nor on Windows)."""
    probe = folder / "probe"
    try:
        probe.write_bytes(b"")
    except PermissionError:
        return True
    probe.unlink()
    return False


def test_an_unwritable_folder_is_reported(plan, run_planmaker):
    locked = plan.parent / "只读"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not _chmod_protects(locked):
            pytest.skip("a read-only folder does not stop this user (root); see the test above")
        result = run_planmaker("render", plan, "-o", locked / "plan.docx")
    finally:
        locked.chmod(0o700)
    assert result.returncode == 1
    assert "无法在这个位置写入文件" in result.stderr and "Traceback" not in result.stderr
    assert names(locked) == []


def test_an_output_open_in_word_is_reported_as_locked(plan, monkeypatch, run_planmaker):
    target = plan.with_suffix(".docx")
    target.write_bytes(OLD)

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "used by another process", str(dst))

    monkeypatch.setattr(output.os, "replace", refuse)
    result = run_planmaker("render", plan)
    assert result.returncode == 1
    assert "plan.docx: 无法替换这个文件：它可能正在 Word 或 WPS 中打开" in result.stderr
    assert target.read_bytes() == OLD
    assert names(plan.parent) == ["plan.docx", "plan.yaml"]


def test_a_full_disk_is_reported_and_the_old_file_kept(plan, monkeypatch, run_planmaker):
    target = plan.with_suffix(".docx")
    target.write_bytes(OLD)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    result = run_planmaker("render", plan)
    assert result.returncode == 1
    assert "磁盘空间不足，文件没有写出" in result.stderr
    assert target.read_bytes() == OLD
    assert names(plan.parent) == ["plan.docx", "plan.yaml"]
