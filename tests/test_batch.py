"""``planmaker batch``: every good file rendered, every bad one in the failure table with its
Chinese message, the folder tree mirrored, and nothing lost or half-written when a
worker is killed or the user presses Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from helpers import EXAMPLES

DISTRICT = EXAMPLES / "district"
BAD_YEAR = "kind: plan\norg: 芦集中学\nperiod:\n  year: 二〇二六\n"
BAD_TAB = "kind: plan\norg: 芦集中学\nperiod:\n\tyear: 2026\n"


def slow_plan(n: int) -> str:
    """A long plan (60 titled measures, 400 schedule rows): about a second to render."""
    lines = [
        "kind: plan",
        f"org: 测试学校{n}",
        "department: 教务处",
        "period: {school_year: 2025-2026, semester: 2, start: 2026-03-02, weeks: 20}",
        "measures:",
    ]
    for i in range(60):
        lines += [f"  - title: 第{i + 1}项工作。", "    items:"]
        lines += [
            f"      - 第{i + 1}项工作的第{j + 1}条措施，写得长一些，让文档有足够的篇幅。"
            for j in range(8)
        ]
    lines += ["schedule:", "  entries:"]
    for i in range(400):
        lines += [f"    - week: {i % 20 + 1}", f"      tasks: [任务{i}甲, 任务{i}乙]"]
    return "\n".join(lines) + "\n"


def popen(*args: str | os.PathLike[str]) -> subprocess.Popen:
    """planmaker in a session of its own, so a test can signal its whole process group;
    Ctrl-C reaches it as in a terminal even when the tests run in the background (where
    the shell has it ignored, and processes inherit that)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "planmaker", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def children(pid: int, *, running: bool = False) -> list[int]:
    """The process ids whose parent is ``pid`` (from /proc); with ``running``, only those
    running or ready to run (a worker rendering, not one waiting for its next file)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and (state == "R" or not running):
            found.append(int(entry))
    return found


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def title_of(path: Path) -> str:
    return docx.Document(str(path)).paragraphs[0].text


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".planmaker-tmp")]


def test_good_files_rendered_bad_ones_listed_tree_mirrored(run_planmaker, tmp_path):
    inputs = tmp_path / "各校"
    shutil.copytree(DISTRICT, inputs)
    (inputs / "luzhong" / "坏年份.yaml").write_text(BAD_YEAR, encoding="utf-8")
    (inputs / "xiwang" / "子目录").mkdir()
    (inputs / "xiwang" / "子目录" / "缩进.yml").write_text(BAD_TAB, encoding="utf-8")
    good = sorted(p.relative_to(DISTRICT) for p in DISTRICT.rglob("*.yaml"))

    # relative paths, as a clerk types them: the table's file column fits whatever the tmp path
    result = run_planmaker("batch", "各校", "-o", "out", "--jobs", "2", cwd=tmp_path)

    assert result.returncode == 1
    for rel in good:
        out = tmp_path / "out" / rel.with_suffix(".docx")
        assert out.is_file(), rel
        assert title_of(out)  # a complete document with its title
    assert sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*.docx")) == [
        rel.with_suffix(".docx") for rel in good
    ]
    err = result.stderr
    assert "未能生成的文件" in err
    assert "坏年份.yaml:4:9" in err and "四位数的年份" in err
    assert "缩进.yml:4:1" in err and "Tab" in err
    assert f"共 {len(good) + 2} 个文件，生成 {len(good)} 个，失败 2 个" in err
    assert f"[{len(good) + 2}/{len(good) + 2}]" in err  # a plain line per file off a terminal
    assert "Traceback" not in err


def test_several_inputs_go_under_their_folder_names(run_planmaker, tmp_path):
    single = DISTRICT / "xiwang" / "jiaowu-2026spring-plan.yaml"
    result = run_planmaker(
        "batch", DISTRICT / "luzhong", DISTRICT / "wangquan", single, "-o", tmp_path, "-f", "md"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "luzhong" / "deyu-2026spring-summary.md").is_file()
    assert (tmp_path / "wangquan" / "xuexiao-2026spring-plan.md").is_file()
    assert (
        (tmp_path / "jiaowu-2026spring-plan.md").read_text(encoding="utf-8").count("定边镇希望小学")
    )
    assert len(list(tmp_path.rglob("*.md"))) == 10 + 3 + 1


def test_clashing_outputs_stop_everything_before_writing(run_planmaker, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    plan = (DISTRICT / "wangquan" / "xuexiao-2026spring-plan.yaml").read_text(encoding="utf-8")
    (inputs / "计划.yaml").write_text(plan, encoding="utf-8")
    (inputs / "计划.yml").write_text(plan, encoding="utf-8")
    (inputs / "其他.yaml").write_text(plan, encoding="utf-8")
    result = run_planmaker("batch", inputs, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "计划.yml" in result.stderr and "同一个输出文件" in result.stderr
    assert not (tmp_path / "out").exists()

    # two folders of the same name given together clash as well
    (tmp_path / "a" / "2026").mkdir(parents=True)
    (tmp_path / "b" / "2026").mkdir(parents=True)
    (tmp_path / "a" / "2026" / "x.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "b" / "2026" / "x.yaml").write_text(plan, encoding="utf-8")
    result = run_planmaker(
        "batch", tmp_path / "a" / "2026", tmp_path / "b" / "2026", "-o", tmp_path / "out"
    )
    assert result.returncode == 1 and "同一个输出文件" in result.stderr
    assert not (tmp_path / "out").exists()


def test_changed_renders_only_newer_inputs_and_says_how_many_it_skipped(run_planmaker, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(DISTRICT / "wangquan", inputs)
    out = tmp_path / "out"
    assert run_planmaker("batch", inputs, "-o", out).returncode == 0
    old = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    edited = inputs / "xuexiao-2026spring-plan.yaml"
    later = time.time() + 5
    os.utime(edited, (later, later))

    result = run_planmaker("batch", inputs, "-o", out, "--changed")
    assert result.returncode == 0, result.stderr
    assert "跳过了 2 个没有改动的文件" in result.stderr
    assert "共 1 个文件" in result.stderr
    new = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    assert new["xuexiao-2026spring-plan.docx"] != old["xuexiao-2026spring-plan.docx"]
    assert {k: v for k, v in new.items() if k != "xuexiao-2026spring-plan.docx"} == {
        k: v for k, v in old.items() if k != "xuexiao-2026spring-plan.docx"
    }

    # without --changed nothing is skipped
    result = run_planmaker("batch", inputs, "-o", out)
    assert "跳过" not in result.stderr and "共 3 个文件" in result.stderr


def test_a_killed_worker_costs_only_the_file_it_held(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(8):
        (inputs / f"plan{n}.yaml").write_text(slow_plan(n), encoding="utf-8")
    out = tmp_path / "out"
    batch = popen("batch", inputs, "-o", out, "--jobs", "2")
    try:
        wait_for(lambda: len(children(batch.pid)) == 2 and len(list(out.glob("*.docx"))) >= 1)
        wait_for(lambda: children(batch.pid, running=True))
        victim = children(batch.pid, running=True)[0]
        os.kill(victim, signal.SIGKILL)
        _, err = batch.communicate(timeout=300)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == 1, err
    assert err.count("进程意外终止（SIGKILL）") == 1
    assert "共 8 个文件，生成 7 个，失败 1 个" in err
    written = sorted(out.glob("*.docx"))
    assert len(written) == 7
    for path in written:
        assert title_of(path).startswith("测试学校")
    lost = {f"plan{n}.docx" for n in range(8)} - {p.name for p in written}
    (lost_name,) = lost
    assert f"{Path(lost_name).stem}.yaml" in err.split("未能生成的文件")[1]
    assert temporaries(out) == []


def test_ctrl_c_stops_cleanly_and_leaves_no_partial_files(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(12):
        (inputs / f"plan{n:02}.yaml").write_text(slow_plan(n), encoding="utf-8")
    out = tmp_path / "out"
    batch = popen("batch", inputs, "-o", out, "--jobs", "2")
    try:
        wait_for(lambda: len(list(out.glob("*.docx"))) >= 1)
        os.killpg(batch.pid, signal.SIGINT)  # as Ctrl-C in a terminal: to every process
        _, err = batch.communicate(timeout=120)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err
    written = list(out.glob("*.docx"))
    assert 1 <= len(written) < 12
    for path in written:
        assert title_of(path).startswith("测试学校")
    assert temporaries(out) == []
    assert children(batch.pid) == []


def test_a_bug_or_a_dead_worker_costs_only_its_file(run_planmaker, tmp_path, monkeypatch):
    """The workers are forked from this process, with ``render_file`` replaced: it fails
    with a bug on one file and ends its worker on another."""
    from planmaker import pipeline

    render_file = pipeline.render_file
    parent = os.getpid()

    def faulty(path, opts):
        if Path(path).stem == "bug":
            raise ZeroDivisionError("a bug in planmaker")
        if Path(path).stem == "dies" and os.getpid() != parent:
            os._exit(3)
        return render_file(path, opts)

    monkeypatch.setattr(pipeline, "render_file", faulty)
    inputs = tmp_path / "in"
    shutil.copytree(DISTRICT / "wangquan", inputs)
    plan = (DISTRICT / "wangquan" / "xuexiao-2026spring-plan.yaml").read_text(encoding="utf-8")
    for name in ("bug", "dies"):
        (inputs / f"{name}.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "out" / "xuexiao-2026spring-plan.docx").mkdir(parents=True)  # in the way

    result = run_planmaker("batch", "in", "-o", "out", "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 1
    failed = result.stderr.split("未能生成的文件")[1]
    assert "bug.yaml" in failed and "planmaker 内部出错（ZeroDivisionError: a bug" in failed
    assert "dies.yaml" in failed and "进程意外终止（exit 3）" in failed
    assert "xuexiao-2026spring-plan.docx" in failed and "输出位置是一个文件夹" in failed
    assert "共 5 个文件，生成 2 个，失败 3 个" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx") if p.is_file()) == [
        "shaoxiandui-2025autumn-plan.docx",
        "shaoxiandui-2026spring-plan.docx",
    ]
    assert temporaries(tmp_path / "out") == []
    assert "Traceback" not in result.stderr


def test_nothing_to_do(run_planmaker, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_planmaker("batch", tmp_path / "empty", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "没有找到 .yaml 或 .yml 文件" in result.stderr

    result = run_planmaker("batch", tmp_path / "missing", "-o", tmp_path / "out")
    assert result.returncode == 1 and "找不到文件" in result.stderr


@pytest.mark.parametrize(
    "args, code, words",
    [(("--jobs", "0"), 2, "--jobs"), (("-f", "odt"), 1, "不支持的输出格式“odt”")],
)
def test_wrong_options(run_planmaker, tmp_path, args, code, words):
    result = run_planmaker("batch", DISTRICT / "wangquan", "-o", tmp_path / "out", *args)
    assert result.returncode == code
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_cannot_be_made_is_said_before_any_work(run_planmaker, tmp_path):
    blocker = tmp_path / "输出"
    blocker.write_text("这是一个文件", encoding="utf-8")
    result = run_planmaker("batch", DISTRICT / "wangquan", "-o", blocker / "2026")
    assert result.returncode == 1
    assert f"{blocker / '2026'}: 无法" in result.stderr
    assert "未能生成的文件" not in result.stderr  # one message, not one per file
