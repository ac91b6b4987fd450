"""A runaway template is stopped in the process, with its file and line, and costs one file.

Each document's template run is bounded to 10 seconds and 20 MB of output, and whatever
it builds (a text, a list, a number) is refused before it is built when it would be
past its limit: ``"a" * 10**10``, ``"{:>1000000000}".format(1)``, ``9 ** (9 ** 10)``,
``lipsum(n=10**7)`` and nested ``range(100000)`` loops each end in a Chinese message
naming the template's file and line, exit 1 and no output. ``batch --timeout`` stops a
file that takes too long, whatever the reason, and the other files are written.
"""

from __future__ import annotations

import ast
import re
import signal
import threading
import time
from pathlib import Path

import pytest

from planmaker import limits
from planmaker.batch import TIMEOUT_SECONDS
from planmaker.cli import run
from planmaker.cli.messages import MESSAGES
from planmaker.errors import PlanError
from planmaker.limits import Limits
from planmaker.templating import render_template

PLAN = """\
org: 定边镇希望小学
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
goals: [依法治教，规范办学行为。]
signature: {date: 2026-02-21}
"""
TEXT_LIMIT = "超过 20971520 个字符的文字"
NESTED_LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"

PAYLOADS = [
    # template line 3, what the message says; every limit here is the real default
    ('{{ "a" * 10**10 }}', TEXT_LIMIT),
    ('{{ 10**10 * "a" }}', TEXT_LIMIT),
    ('{{ "{:>1000000000}".format(1) }}', TEXT_LIMIT),
    ('{{ "{:.1000000000f}".format(1.5) }}', TEXT_LIMIT),
    ("{{ 9 ** (9 ** 10) }}", "超过 30103 位的整数"),
    ("{{ lipsum(n=10**7) }}", TEXT_LIMIT),
    ("{{ range(10**9)|length }}", "range() 最多只能有 100000 项"),
    ('{{ "%1000000000d" % 1 }}', TEXT_LIMIT),
    ('{{ "%*d"|format(10**9, 1) }}', TEXT_LIMIT),
    ('{{ "x"|center(10**10) }}', TEXT_LIMIT),
    ('{{ "x".rjust(10**10) }}', TEXT_LIMIT),
    ('{{ ("a" * 1000).replace("a", "b" * 100000) }}', TEXT_LIMIT),
    ('{{ ("a" * 1000)|replace("a", "b" * 100000) }}', TEXT_LIMIT),
    ('{{ "x"|indent(10**9, true) }}', TEXT_LIMIT),
    ("{{ [[1, [2]]]|tojson(indent=10**8) }}", TEXT_LIMIT),
    ("{{ [1] * 10**8 }}", "超过 1000000 项的列表"),
    ("{{ [1]|batch(10**9, 0)|list }}", "超过 1000000 项的列表"),
    # a little, many times over: doubled by ~, by {% set %} blocks, by repeats in a list
    (
        '{% set ns = namespace(x="a" * 1000) %}'
        "{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
        TEXT_LIMIT,
    ),
    (
        '{% set ns = namespace(x="a" * 1000) %}{% for i in range(40) %}'
        "{% set y %}{{ ns.x }}{{ ns.x }}{% endset %}{% set ns.x = y %}{% endfor %}",
        TEXT_LIMIT,
    ),
    ('{% set s = "a" * 10**7 %}{{ [s] * 1000 }}', TEXT_LIMIT),
    ('{% set s = "a" * 10**7 %}{{ ([s] * 1000)|join }}', TEXT_LIMIT),
    ('{% set s = "a" * 10**7 %}{{ "{0}{0}{0}{0}".format(s) }}', TEXT_LIMIT),
    (
        "{% set ns = namespace(x=[1]) %}"
        "{% for i in range(60) %}{% set ns.x = [ns.x, ns.x] %}{% endfor %}{{ ns.x }}",
        TEXT_LIMIT,
    ),
    (
        "{% set ns = namespace(x=3) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}"
        "{% endfor %}",
        "超过 30103 位的整数",
    ),
    # long texts built over and over, none of them written out
    (
        '{% for i in range(11) %}{% set t = "a" * 10**7 %}{% endfor %}',
        "生成的文字累计超过 100 MB",
    ),
    (
        '{% set s = "x" * 1000 %}{% for i in range(30000) %}{{ s }}{% endfor %}',
        "模板写出的内容超过 20 MB",
    ),
    (
        "{% for i in range(100000) %}{% for j in range(1000) %}"
        "一行不算长的文字，重复许多次。{% endfor %}{% endfor %}",
        "模板写出的内容超过 20 MB",
    ),
]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render_with(tmp_path: Path, body: str, capsys) -> str:
    """``render`` with a template whose line 3 is ``body``; its exit code must be 1."""
    plan = write(tmp_path, "plan.yaml", PLAN)
    template = write(tmp_path, "limits.md.j2", "# 标题\n\n" + body + "\n")
    out = tmp_path / "plan.docx"
    code = run(["render", str(plan), "--template", str(template), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert not out.exists()
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(("body", "words"), PAYLOADS, ids=[b[:60] for b, _ in PAYLOADS])
def test_a_runaway_template_is_stopped_where_it_runs_away(tmp_path, capsys, body, words):
    started = time.monotonic()
    err = render_with(tmp_path, body, capsys)
    assert "limits.md.j2:3: " in err
    assert words in err
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "body",
    [
        '{% set s = "a" * 10**6 %}{% set y %}{% for i in range(1000) %}{{ s }}{% endfor %}'
        "{% endset %}",
        '{% set s = "a" * 10**6 %}{% for i in range(1000) %}{% set t = s|e %}{% endfor %}',
        '{% set s = "a" * 10**6 %}{% for i in range(1000) %}{% set t = s ~ "" %}{% endfor %}',
        '{% set s = "a" * 10**6 %}{% macro m() %}{{ s }}{% endmacro %}'
        "{% for i in range(1000) %}{% set t = m() %}{% endfor %}",
    ],
    ids=["set block", "filter", "~", "macro"],
)
def test_every_copy_of_a_long_text_counts_toward_what_a_run_builds(
    tmp_path, capsys, monkeypatch, body
):
    monkeypatch.setattr(limits, "LIMITS", Limits(built_chars=4 * limits.MB))
    err = render_with(tmp_path, body, capsys)
    assert "limits.md.j2:3: 模板在运行中生成的文字累计超过 4 MB" in err


def test_nested_loops_are_stopped_at_the_time_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(limits, "LIMITS", Limits(seconds=0.5))
    started = time.monotonic()
    err = render_with(tmp_path, NESTED_LOOPS, capsys)
    assert "limits.md.j2:3: 模板运行超过 0.5 秒，已停止" in err
    assert time.monotonic() - started < 3


def test_a_loop_that_calls_nothing_is_stopped_by_the_timer(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(limits, "LIMITS", Limits(seconds=0.5))
    before = signal.getsignal(signal.SIGALRM)
    body = "{% set r = range(100000) %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    err = render_with(tmp_path, body, capsys)
    assert "limits.md.j2:3: 模板运行超过 0.5 秒" in err
    assert time.monotonic() - started < 3
    # the timer and its handler are as they were
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_the_checks_hold_the_deadline(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "LIMITS", Limits(seconds=0.5))
    template = write(tmp_path, "limits.md.j2", "# 标题\n\n" + NESTED_LOOPS + "\n")
    caught: list[BaseException] = []

    def render() -> None:
        try:
            render_template(str(template), {})
        except PlanError as err:
            caught.append(err)

    worker = threading.Thread(target=render)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive()
    (err,) = caught
    assert err.code == "template.too_slow" and err.where.line == 3


def test_the_real_time_limit_is_ten_seconds(tmp_path, capsys, monkeypatch):
    """The default's message, without waiting ten seconds: the clock jumps 11 s."""
    readings = iter([0.0])
    monkeypatch.setattr(limits, "_clock", lambda: next(readings, 11.0))
    err = render_with(tmp_path, "{% for i in range(3) %}{{ i }}{% endfor %}", capsys)
    assert "limits.md.j2:3: 模板运行超过 10 秒，已停止，没有生成文档" in err


def test_after_a_stopped_template_the_next_render_is_whole(tmp_path, capsys):
    render_with(tmp_path, '{{ "a" * 10**10 }}', capsys)
    plan = write(tmp_path, "plan.yaml", PLAN)
    assert run(["render", str(plan), "-o", "-", "-f", "md"]) == 0
    assert "1.依法治教，规范办学行为。" in capsys.readouterr().out


def test_every_limit_has_its_message():
    codes = set()
    for module in ("limits.py", "sandbox.py"):
        source = Path(limits.__file__).with_name(module).read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "TemplateLimit"
                and isinstance(node.args[0], ast.Constant)
            ):
                codes.add(node.args[0].value)
    assert len(codes) == 7
    assert codes | {"batch.timeout"} <= set(MESSAGES)


def test_the_guide_states_the_limits_the_code_holds():
    guide = (Path(__file__).resolve().parent.parent / "docs" / "模板编写指南.md").read_text(
        encoding="utf-8"
    )
    real = limits.LIMITS
    assert f"| 运行时间 | {real.seconds:g} 秒 |" in guide
    assert f"| 写出的内容 | {real.output_bytes // limits.MB} MB |" in guide
    assert f"等生成的） | {real.text_chars} 个字符 |" in guide
    assert f"| 运行中生成的文字累计 | {real.built_chars // limits.MB} MB |" in guide
    assert f"| 一个列表 | {real.list_items} 项 |" in guide
    assert f"| `range()` | {real.range_items} 项 |" in guide
    assert f"最多处理 {TIMEOUT_SECONDS:g} 秒（`--timeout` 可改）" in guide


def flat(text: str) -> str:
    """``text`` without white space and table borders (batch wraps messages in a table)."""
    return re.sub(r"[\s│┃]+", "", text)


def test_batch_stops_a_slow_file_at_its_timeout_and_writes_the_others(run_planmaker, tmp_path):
    inputs = tmp_path / "各校"
    write(inputs, "甲.yaml", PLAN)
    write(inputs, "乙.yaml", PLAN.replace("定边镇希望小学", "芦集中学"))
    # without --timeout this file would take the template's 10 seconds
    write(inputs / "慢" / "模板", "plan.md.j2", "# 标题\n\n" + NESTED_LOOPS + "\n")
    write(inputs / "慢", "慢.yaml", PLAN + "templates: 模板\n")
    # these stop at once, at their own limits, in the worker
    for n, (body, _) in enumerate(PAYLOADS[:6]):
        write(inputs / f"失控{n}" / "模板", "plan.md.j2", "# 标题\n\n" + body + "\n")
        write(inputs / f"失控{n}", "计划.yaml", PLAN + "templates: 模板\n")

    result = run_planmaker("batch", inputs, "-o", tmp_path / "out", "--timeout", "2", "-j", "2")

    assert result.returncode == 1
    err = flat(result.stderr)
    assert flat("慢.yaml: 处理这个文件超过了 2 秒（--timeout），已停止") in err
    for n, (_, words) in enumerate(PAYLOADS[:6]):
        assert flat(f"失控{n}/模板/plan.md.j2:3: 模板") in err, n
        assert flat(words) in err, n
    assert "共9个文件，生成2个，失败7个" in err
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.docx")) == ["乙.docx", "甲.docx"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["0", "-1", "一分钟"])
def test_a_wrong_timeout_is_a_command_line_mistake(run_planmaker, tmp_path, value):
    write(tmp_path / "in", "甲.yaml", PLAN)
    result = run_planmaker("batch", tmp_path / "in", "-o", tmp_path / "out", "--timeout", value)
    assert result.returncode == 2
    assert "--timeout" in result.stderr
    assert not (tmp_path / "out").exists()
