"""The command line as a user meets it: exit codes, Chinese messages with file:line:col."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from docx import Document
from helpers import ENV, EXAMPLES, SMALL_PLAN, write

from planmaker import __version__
from planmaker.cli import YOUNG_OBJECTS


def assert_failed_at(result, fragment: str, place: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert place in result.stderr, result.stderr
    assert fragment in result.stderr, result.stderr


def test_yaml_syntax_error(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", SMALL_PLAN.replace("goals:\n", "goals: [\n"))
    result = run_planmaker("render", plan)
    assert_failed_at(result, "YAML 格式有误", "plan.yaml:")
    assert not plan.with_suffix(".docx").exists()


def test_unknown_key_suggests_the_right_one(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", SMALL_PLAN.replace("goals:", "goal:"))
    result = run_planmaker("check", plan)
    assert_failed_at(result, "不认识的键“goal”。是不是想写“goals”？", "plan.yaml:7:1")


def test_wrong_type_says_what_was_read(run_planmaker, tmp_path):
    plan = write(
        tmp_path,
        "plan.yaml",
        SMALL_PLAN.replace("  start: 2026-03-02\n", "  start: 2026-03-02\n  weeks: 二十\n"),
    )
    result = run_planmaker("render", plan)
    assert_failed_at(result, "周数“二十”应当是 1 到 30 之间的整数", "plan.yaml:7:10")
    assert not (tmp_path / "plan.docx").exists()


def test_week_beyond_the_term(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", SMALL_PLAN.replace("week: 1", "week: 21"))
    result = run_planmaker("render", plan)
    assert_failed_at(result, "第 21 周超出了本学期的 20 周", "plan.yaml:11:13")


def test_check_lists_every_problem(run_planmaker, tmp_path):
    text = SMALL_PLAN.replace("goals:", "goal:").replace(
        "  start: 2026-03-02\n", "  start: 2026-03-02\n  weeks: 二十\n"
    )
    plan = write(tmp_path, "plan.yaml", text)
    result = run_planmaker("check", plan)
    assert result.returncode == 1
    assert "plan.yaml:7:10: 周数“二十”" in result.stderr
    assert "plan.yaml:8:1: 不认识的键“goal”" in result.stderr
    ok = write(tmp_path, "ok.yaml", SMALL_PLAN)
    assert run_planmaker("check", ok).returncode == 0


def test_wrong_command_line_exits_2(run_planmaker, tmp_path):
    result = run_planmaker("render")
    assert result.returncode == 2
    assert "缺少参数" in result.stderr
    assert run_planmaker("render", "x.yaml", "--no-such-option").returncode == 2
    assert run_planmaker("no-such-command").returncode == 2


def test_format_md_to_stdout(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", SMALL_PLAN)
    result = run_planmaker("render", plan, "--format", "md", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert "# 定边镇希望小学" in result.stdout
    assert "## 一、工作目标" in result.stdout
    assert "1.依法治教，规范办学行为。" in result.stdout
    assert list(tmp_path.iterdir()) == [plan]


def test_binary_format_to_stdout_is_refused(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", SMALL_PLAN)
    result = run_planmaker("render", plan, "-o", "-", "--format", "docx")
    assert result.returncode == 2
    assert "不能输出到屏幕" in result.stderr


def test_output_suffix_sets_the_format_and_a_folder_takes_the_stem(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.yaml", SMALL_PLAN)
    assert run_planmaker("render", plan, "-o", tmp_path / "out.txt").returncode == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("定边镇希望小学")
    out_dir = tmp_path / "新文件夹"
    result = run_planmaker("render", plan, "-o", f"{out_dir}/", "--format", "md")
    assert result.returncode == 0, result.stderr
    assert (out_dir / "plan.md").exists()


def test_the_input_is_never_the_output(run_planmaker, tmp_path):
    plan = write(tmp_path, "plan.md", SMALL_PLAN)
    before = plan.read_bytes()
    result = run_planmaker("render", plan, "-o", plan)
    assert result.returncode == 1
    assert "输出文件就是输入文件" in result.stderr
    assert plan.read_bytes() == before


def test_version_and_chinese_help(run_planmaker):
    version = run_planmaker("--version")
    assert version.returncode == 0 and version.stdout.startswith("planmaker ")
    help_text = run_planmaker("--help").stdout
    assert "命令" in help_text and "render" in help_text and "例：" in help_text
    render_help = run_planmaker("render", "--help").stdout
    assert "选项" in render_help and "例：planmaker render" in render_help


def test_a_bug_is_said_in_chinese_and_shown_in_full_under_debug(
    run_planmaker, tmp_path, monkeypatch
):
    from planmaker import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in planmaker")

    monkeypatch.setattr(pipeline, "render_file", broken)
    plan = write(tmp_path, "plan.yaml", SMALL_PLAN)
    result = run_planmaker("render", plan)
    assert result.returncode == 1
    assert "planmaker 内部出错了，这不是你的问题。请加 --debug 重新运行" in result.stderr
    assert "RuntimeError: a bug in planmaker" in result.stderr
    assert "Traceback" not in result.stderr
    debug = run_planmaker("render", plan, "--debug")
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and "RuntimeError: a bug in planmaker" in debug.stderr
    assert list(tmp_path.iterdir()) == [plan]


def test_the_installed_command_runs(planmaker_process):
    installed = Path(sys.executable).with_name("planmaker")
    result = planmaker_process("--version", command=[str(installed)])
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"planmaker {__version__}\n"


AT_EXIT = (
    "import atexit, gc, os, sys\n"
    "from planmaker.cli import main\n"
    "atexit.register(lambda: print(gc.get_freeze_count() > 0, gc.get_threshold()[0],"
    " os.environ.get('PYDANTIC_DISABLE_PLUGINS')))\n"
    "main(sys.argv[1:])\n"
)


def test_the_process_ends_without_walking_what_it_holds(tmp_path):
    """The command's process keeps the cycle collector out of a one-document run and of
    its own exit, turns pydantic's plugins off unless the user chose otherwise, and
    still writes its document whole."""
    plan = write(tmp_path, "plan.yaml", SMALL_PLAN)
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}

    def last_line(*args: object, **more: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", AT_EXIT, *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**env, **ENV, **more},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()[-1]

    assert (
        last_line("render", plan, "-o", tmp_path / "plan.docx") == f"True {YOUNG_OBJECTS} __all__"
    )
    assert Document(str(tmp_path / "plan.docx")).paragraphs
    chosen = last_line("--version", PYDANTIC_DISABLE_PLUGINS="some_plugin")
    assert chosen == f"True {YOUNG_OBJECTS} some_plugin"


def test_examples_pass_check(run_planmaker):
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert files
    result = run_planmaker("check", *files)
    assert result.returncode == 0, result.stderr
