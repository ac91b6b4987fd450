"""Every bad input a user can make ends in a Chinese message at file:line:col, and nothing else.

Each file in tests/fixtures/bad/ holds one mistake (valid.yaml is the same plan without
one). Each is run through ``check``, ``render`` and ``batch`` the way a user runs them,
in a folder of its own: the command must exit 1, name the place and say what to do in
Chinese, show no traceback and write no output file (and leave no temporary file).
More mistakes, each in a plan of its own below, are run through ``check``.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import docx
import pytest
import yaml
from helpers import FIXTURES, SMALL_PLAN, write

from planmaker.cli import run
from planmaker.cli.messages import message

BAD = FIXTURES / "bad"

CASES = [
    # fixture, what the message says, line:col ("" for the file as a whole)
    ("tab_indent.yaml", "缩进里用了 Tab 键", "7:1"),
    ("fullwidth_colon.yaml", "“department”后面用了中文冒号“：”", "4:11"),
    ("fullwidth_space.yaml", "“department”的冒号后面用了全角空格", "4:12"),
    ("fullwidth_indent.yaml", "这一行开头用全角空格", "7:1"),
    ("colon_no_space.yaml", "“department”后面的英文冒号“:”后少了一个空格", "4:12"),
    ("yaml_syntax.yaml", "从这里开始的方括号“[”没有配对的“]”", "20:14"),
    ("unclosed_quote.yaml", '从这里开始的引号（"）一直没有结束', "3:6"),
    ("not_text.yaml", "这里有一个空字节（0x00），文本文件里不会有它：这不是文本文件", "1:6"),
    ("nul_byte.yaml", "这里有一个空字节（0x00），文本文件里不会有它", "4:15"),
    ("utf32_bom.yaml", "文件是 UTF-32 编码的，planmaker 不读取这种编码", ""),
    ("utf32be_no_bom.yaml", "文件是 UTF-32 编码的，planmaker 不读取这种编码", ""),
    ("utf8_bom_undecodable.yaml", "BOM）表明它是 UTF-8（带 BOM）编码，但这里的字节（0xFF）", "3:9"),
    ("utf16_bom_undecodable.yaml", "UTF-16（带 BOM）编码，但这里的字节（0x00 0xDC）", "3:9"),
    ("undecodable.yaml", "文件既不是 UTF-8 编码，也不是 GBK/GB18030 编码", "4:1"),
    ("empty.yaml", "文件是空的", ""),
    ("alias_bomb.yaml", "引用（&、*）层层展开后过大", "1:4"),
    ("nesting_bomb.yaml", "文件嵌套层次过深", "1:45"),
    ("unknown_key.yaml", "不认识的键“goal”。是不是想写“goals”？", "10:1"),
    ("weeks_hanzi.yaml", "周数“二十”应当是 1 到 30 之间的整数（用阿拉伯数字", "9:10"),
    ("school_year_dot.yaml", "学年“2025.2026”的写法无法识别。请写成 2025-2026", "6:16"),
    ("date_13.yaml", "日期“2026.13.1”不存在（月份应为 1 到 12", "8:10"),
    ("status_wanle.yaml", "完成情况“完了”无法识别。可选：已完成、部分完成、未完成、取消", "22:15"),
    ("week_beyond.yaml", "第 21 周超出了本学期的 20 周", "19:13"),
    ("week_in_year.yaml", "年度计划的安排按月份写", "12:13"),
    ("month_in_term.yaml", "学期计划的安排按周次写", "19:14"),
    ("range_backwards.yaml", "“5-4”的范围写反了", "22:13"),
    ("duplicate_key.yaml", "“department”重复出现（第 4 行已经写过", "5:1"),
    ("duplicate_cn_en.yaml", "“单位”重复出现（第 3 行已经写过", "5:1"),
    ("control_char.yaml", "看不见的控制字符（U+0001）", "16:18"),
    ("control_char.yaml", "看不见的控制字符（U+0002）", "17:14"),
    ("surrogate_escape.yaml", "双引号里这个转义写的是 UTF-16 代理码 U+D800", "4:17"),
    ("too_deep.yaml", "条目层次太深：最多三级", "20:15"),
    ("empty_value.yaml", "“单位(org)”没有填写内容", "3:1"),
]
IDS = [f"{name}:{place or 'file'}" for name, _, place in CASES]

READABLE = [
    # a valid plan saved the ways Windows editors save it, and what --verbose calls it
    ("gbk.yaml", "GB18030（兼容 GBK）"),
    ("utf8_bom.yaml", "UTF-8（带 BOM）"),
    ("utf16_bom.yaml", "UTF-16（带 BOM）"),
    ("utf16le_no_bom.yaml", "UTF-16 LE（无 BOM）"),
    ("utf16be_no_bom.yaml", "UTF-16 BE（无 BOM）"),
    ("valid.yaml", "UTF-8。"),
]


def copy_fixture(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(BAD / name, folder / name))


def flat(text: str) -> str:
    """``text`` without white space and table borders (batch wraps long messages in a table)."""
    return re.sub(r"[\s│┃]+", "", text)


def assert_refused(result, name: str, fragment: str, place: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert flat(fragment) in flat(result.stderr), result.stderr
    where = f"{name}:{place}:" if place else f"{name}:"
    assert flat(where) in flat(result.stderr), result.stderr


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_every_fixture_is_in_a_table():
    named = {name for name, _, _ in CASES} | {name for name, _ in READABLE}
    assert named == {p.name for p in BAD.glob("*.yaml")}


@pytest.mark.parametrize("name, fragment, place", CASES, ids=IDS)
def test_check_names_the_mistake_and_its_place(run_planmaker, tmp_path, name, fragment, place):
    copy_fixture(name, tmp_path)
    result = run_planmaker("check", name, cwd=tmp_path)
    assert_refused(result, name, fragment, place)
    assert files_under(tmp_path) == [name]


@pytest.mark.parametrize("name, fragment, place", CASES, ids=IDS)
def test_render_refuses_and_writes_nothing(run_planmaker, tmp_path, name, fragment, place):
    copy_fixture(name, tmp_path)
    result = run_planmaker("render", name, cwd=tmp_path)
    assert_refused(result, name, fragment, place)
    assert files_under(tmp_path) == [name]


@pytest.mark.parametrize("name, fragment, place", CASES, ids=IDS)
def test_batch_reports_the_file_and_writes_nothing(run_planmaker, tmp_path, name, fragment, place):
    copy_fixture(name, tmp_path / "in")
    result = run_planmaker("batch", "in", "-o", "out", cwd=tmp_path)
    assert_refused(result, name, fragment, place)
    assert not (tmp_path / "out").exists() or files_under(tmp_path / "out") == []


def test_batch_goes_on_past_a_bad_file(run_planmaker, tmp_path):
    copy_fixture("week_beyond.yaml", tmp_path / "in")
    copy_fixture("valid.yaml", tmp_path / "in")
    result = run_planmaker("batch", "in", "-o", "out", cwd=tmp_path)
    assert_refused(result, "week_beyond.yaml", "第 21 周超出了本学期的 20 周", "19:13")
    assert files_under(tmp_path / "out") == ["valid.docx"]


def test_check_lists_every_bad_character(run_planmaker, tmp_path):
    """The escaped \\x01 and the raw U+0002 are both reported, top of the file first."""
    copy_fixture("control_char.yaml", tmp_path)
    result = run_planmaker("check", "control_char.yaml", cwd=tmp_path)
    first = result.stderr.index("control_char.yaml:16:18:")
    second = result.stderr.index("control_char.yaml:17:14:")
    assert first < second


@pytest.mark.parametrize("name, encoding", READABLE)
def test_files_as_windows_editors_save_them_render(run_planmaker, tmp_path, name, encoding):
    copy_fixture(name, tmp_path)
    checked = run_planmaker("check", name, "--verbose", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert f"{name}：文件编码为 {encoding}" in checked.stderr
    rendered = run_planmaker("--verbose", "render", name, cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert f"文件编码为 {encoding}" in rendered.stderr
    text = [p.text for p in docx.Document(tmp_path / Path(name).with_suffix(".docx")).paragraphs]
    assert "定边镇希望小学" in text[0]
    assert "1.依法治教，规范办学行为。" in text


def test_verbose_names_the_holiday_data(run_planmaker, tmp_path):
    copy_fixture("valid.yaml", tmp_path)
    result = run_planmaker("check", "valid.yaml", "--verbose", cwd=tmp_path)
    assert re.search(r"节假日数据：chinese-calendar \S+，含 2004—20\d\d 年", result.stderr)
    quiet = run_planmaker("check", "valid.yaml", cwd=tmp_path)
    assert "文件编码" not in quiet.stderr and "节假日数据" not in quiet.stderr


def test_debug_shows_the_traceback_for_a_bug_report(run_planmaker, tmp_path):
    copy_fixture("week_beyond.yaml", tmp_path)
    plain = run_planmaker("render", "week_beyond.yaml", cwd=tmp_path)
    debug = run_planmaker("render", "week_beyond.yaml", "--debug", cwd=tmp_path)
    assert "Traceback" not in plain.stderr
    assert "Traceback" in debug.stderr and "PlanError" in debug.stderr
    assert "第 21 周超出了本学期的 20 周" in debug.stderr
    assert debug.returncode == 1


def test_a_50_megabyte_file_is_refused_unread(run_planmaker, tmp_path):
    big = tmp_path / "big.yaml"
    line = "  - 依法治教，规范办学行为。这一行只是为了把文件撑大。\n".encode()
    with big.open("wb") as fh:
        fh.write("org: 定边镇希望小学\ngoals:\n".encode())
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert big.stat().st_size > 50 * 1024 * 1024
    for command in ("check", "render"):
        result = run_planmaker(command, "big.yaml", cwd=tmp_path)
        assert_refused(result, "big.yaml", "文件太大（50.0 MB，上限 2.0 MB）", "")
        assert files_under(tmp_path) == ["big.yaml"]


YEAR_PLAN = """\
org: 定边镇工会
period: {year: 2026}
schedule:
  entries:
    - month: 1
      tasks: 召开会议
"""
REPORT = """\
kind: report
org: 城关中学
period: {year: 2026}
departments:
  - name: 教务处
    completion: {planned: -1, done: 0}
"""
MISTAKES = [
    # a plan with one mistake, what the message says, line:col
    (
        SMALL_PLAN
        + "holidays:\n  - {date: 2026-04-04, start: 2026-04-04, end: 2026-04-06, name: 清明节}\n",
        "节假日条目里同时写了 date 和 start/end",
        "15:5",
    ),
    (
        SMALL_PLAN + "holidays:\n  - {start: 2026-04-06, end: 2026-04-04, name: 清明节}\n",
        "结束日期 2026年4月4日 早于开始日期 2026年4月6日",
        "15:5",
    ),
    (SMALL_PLAN + "holidays:\n  - {name: 清明节}\n", "节假日条目缺少日期", "15:5"),
    (SMALL_PLAN.replace("semester: 2", "semester: 3"), "学期“3”无法识别。请写 1 或 2", "5:13"),
    (
        SMALL_PLAN.replace("signature: {date: 2026-02-21}", "signature: {date: 2026-02-21"),
        "从这里开始的花括号“{”没有配对的“}”",
        "13:12",
    ),
    (
        SMALL_PLAN.replace("  semester: 2\n", "  semester: 2\n  year: 2026\n"),
        "同时写了年度和学期",
        "4:3",
    ),
    (YEAR_PLAN.replace("month: 1", "month: 13"), "月份 13 超出范围", "5:14"),
    (
        SMALL_PLAN.replace("      tasks: 组织报名领书", "      owner: 教务处"),
        "没有工作内容(tasks)",
        "11:7",
    ),
    (SMALL_PLAN.replace("    - week: 1\n      tasks", "    - tasks"), "缺少周次(week)", "11:7"),
    (
        SMALL_PLAN.replace("    - week: 1\n", "    - week: 1\n      month: 3\n"),
        "同时写了周次和月份",
        "11:7",
    ),
    (
        SMALL_PLAN.replace(
            "  - 依法治教，规范办学行为。", '  - 依法治教，规范办学行为。\n  - "\u3000"'
        ),
        "这一条没有内容。请写上内容，或删去这一条",
        "9:5",
    ),
    (SMALL_PLAN + "sections:\n  - items: [一条]\n", "每一项都需要 title", "15:5"),
    (
        SMALL_PLAN.replace(
            "goals:\n  - 依法治教，规范办学行为。", "measures:\n  - text: 说明\n    items: [一条]"
        ),
        "有下级条目(items)，但没有标题(title)",
        "8:5",
    ),
    ("kind: 计划书\n" + SMALL_PLAN, "类型“计划书”无法识别", "1:7"),
    (SMALL_PLAN.replace("week: 1", "week: 第三周"), "“周次(week)”的值“第三周”无法识别", "11:13"),
    (
        SMALL_PLAN.replace("2025-2026", "1800-1801"),
        "“1800-1801”的年份超出范围。请写 1900 到 2200",
        "4:16",
    ),
    (REPORT, "“计划(planned)”应当是不小于 0 的整数，读到的是“-1”", "6:27"),
    (
        SMALL_PLAN.replace("org: 定边镇希望小学", 'org: "定边镇\\q希望小学"'),
        "反斜杠“\\”后面跟了“q”",
        "1:11",
    ),
    (SMALL_PLAN.replace("department: 教务处", "[a, b]: 教务处"), "这里的键名无效", "2:1"),
    (SMALL_PLAN.replace("department: 教务处", 'department "教务处'), "缺少键名后的英文冒号", "2:1"),
    (
        SMALL_PLAN.replace("department: 教务处", "department: | 教务处"),
        "它后面必须直接换行",
        "2:13",
    ),
    (
        SMALL_PLAN.replace("department: 教务处", "department: 教务处: 主任"),
        "这一行的值里又出现了“: ”（英文冒号加空格）",
        "2:16",
    ),
    (SMALL_PLAN + "---\norg: 又一份\n", "第二个“---”（文档分隔线）", "14:1"),
    (
        SMALL_PLAN.replace("org: 定边镇希望小学", 'org: "定边镇" 希望小学'),
        "引号或括号结束后还有文字",
        "1:12",
    ),
]


@pytest.mark.parametrize(
    "text, fragment, place",
    MISTAKES,
    ids=[f"{fragment[:8]}:{place}" for _, fragment, place in MISTAKES],
)
def test_check_names_each_mistake_at_its_place(run_planmaker, tmp_path, text, fragment, place):
    write(tmp_path, "plan.yaml", text)
    result = run_planmaker("check", "plan.yaml", cwd=tmp_path)
    assert_refused(result, "plan.yaml", fragment, place)


def test_a_folder_or_an_unreadable_file_is_said_and_nothing_else(
    run_planmaker, tmp_path, monkeypatch
):
    folder = tmp_path / "计划"
    folder.mkdir()
    result = run_planmaker("check", "计划", cwd=tmp_path)
    assert_refused(result, "计划", "这是一个文件夹，不是文件", "")
    assert "planmaker batch" in result.stderr

    copy_fixture("valid.yaml", tmp_path)

    real_open = os.open

    def refuse(path, flags, *args, **kwargs):  # as for a file of another user
        if Path(path).name == "valid.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    for command in ("check", "render"):
        result = run_planmaker(command, "valid.yaml", cwd=tmp_path)
        assert_refused(result, "valid.yaml", "没有权限读取这个文件", "")
    monkeypatch.undo()
    assert files_under(tmp_path) == ["valid.yaml"]


def test_limits_are_checked_before_the_work(tmp_path):
    """The size cap is a stat, the alias cap counts nodes: neither reads or expands it all.

    Reported, not asserted: how long each refusal takes in this process.
    """
    from planmaker.errors import PlanError
    from planmaker.loader import load_yaml
    from planmaker.source import MAX_BYTES, read_source

    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(PlanError) as refused:
        read_source(big)
    size_seconds = time.perf_counter() - started
    assert refused.value.code == "input.too_large"
    assert MAX_BYTES < big.stat().st_size

    bomb = (BAD / "alias_bomb.yaml").read_text(encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(PlanError) as refused:
        load_yaml(bomb, "alias_bomb.yaml")
    bomb_seconds = time.perf_counter() - started
    assert refused.value.code == "yaml.too_many_nodes"
    print(f"50 MB file refused in {size_seconds * 1000:.2f} ms")
    print(f"alias bomb (9^9 nodes) refused in {bomb_seconds * 1000:.2f} ms")


class _ShallowLoader(yaml.SafeLoader):
    """A loader with a nesting limit of its own (10), as libyaml builds have (1000 in 0.2.5+).

    Like libyaml, it refuses while scanning ahead, before any event of the deep part.
    """

    def fetch_flow_collection_start(self, TokenClass):  # noqa: N803 (PyYAML's name)
        if self.flow_level >= 10:
            mark = self.get_mark()
            raise yaml.scanner.ScannerError(
                "while increasing flow level", mark, "exceeded maximum nesting depth", mark
            )
        super().fetch_flow_collection_start(TokenClass)


LOADERS = [
    pytest.param(
        getattr(yaml, "CSafeLoader", None),
        id="libyaml",
        marks=pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml"),
    ),
    pytest.param(yaml.SafeLoader, id="pure-python"),
    pytest.param(_ShallowLoader, id="nesting-limit-10"),
]

DEEP_BUT_FINE = """\
org: 定边镇希望小学
department: 教务处
period: {school_year: 2025-2026, semester: 2, start: 2026-03-02}
goals: [依法治教]
extra:
  a: [[[[[[[[[[[[[[深]]]]]]]]]]]]]]
"""


@pytest.mark.parametrize("loader", LOADERS)
def test_nesting_bomb_is_located_whichever_yaml_loader(loader, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("planmaker.loader._FAST", loader)
    path = copy_fixture("nesting_bomb.yaml", tmp_path)
    assert run(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1:45: 文件嵌套层次过深（超过 40 层）" in err, err


@pytest.mark.parametrize("levels", [41, 300])
@pytest.mark.parametrize("loader", LOADERS)
def test_nesting_past_the_limit_is_located_whichever_yaml_loader(
    loader, levels, tmp_path, monkeypatch, capsys
):
    """Deeper than planmaker's limit and within libyaml's own (1000), in brackets and in
    indentation: refused at the collection one level too deep, never an internal error."""
    monkeypatch.setattr("planmaker.loader._FAST", loader)
    flow = tmp_path / "flow.yaml"
    flow.write_text("org: 甲\ndepartment: 乙\nx: " + "[" * levels + "]" * levels + "\n")
    block = tmp_path / "block.yaml"
    block.write_text(
        "org: 甲\ndepartment: 乙\nx:\n" + "".join(f"{'  ' * i}- a:\n" for i in range(levels))
    )
    assert run(["check", str(flow), str(block)]) == 1
    err = capsys.readouterr().err
    # the top mapping is level 1, so the 40th bracket (column 4 + 39) is level 41
    assert f"{flow}:3:{4 + 39}: 文件嵌套层次过深（超过 40 层）" in err, err
    # line 4 + i holds the list of level 2 + 2i and, two columns on, the mapping of
    # level 3 + 2i: level 41 is the mapping on line 4 + 19, column 2 * 19 + 3
    assert f"{block}:{4 + 19}:{2 * 19 + 3}: 文件嵌套层次过深（超过 40 层）" in err, err


IN_A_SMALL_THREAD = """
import sys, threading
from planmaker.errors import PlanError
from planmaker.loader import load_yaml

text = "x:\\n" + "".join(f"{'  ' * i}- a:\\n" for i in range(990))
said = []

def load():
    try:
        load_yaml(text, "deep.yaml")
    except PlanError as err:
        said.append(err.code)

threading.stack_size(256 * 1024)  # 990 levels of libyaml's composer take more
worker = threading.Thread(target=load)
worker.start()
worker.join()
print(said)
"""


def test_deep_nesting_is_refused_in_a_thread_with_a_small_stack():
    """Outside the main thread the events are checked before anything recursive runs,
    whatever the loader: a thread's stack may not hold libyaml's recursion."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", IN_A_SMALL_THREAD], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout.strip()) == (0, "['yaml.too_deep']"), done.stderr


@pytest.mark.parametrize("loader", LOADERS)
def test_nesting_within_the_limit_reads_whichever_yaml_loader(
    loader, tmp_path, monkeypatch, capsys
):
    """Deeper than the loader's own limit, within planmaker's: read, not refused."""
    monkeypatch.setattr("planmaker.loader._FAST", loader)
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP_BUT_FINE, encoding="utf-8")
    assert run(["check", str(path)]) == 0, capsys.readouterr().err
    assert "没有发现问题" in capsys.readouterr().err


def test_a_plan_full_of_private_use_characters_is_checked_and_so_are_the_files_after(
    tmp_path, capsys
):
    """Every private-use character of plane 15 and a line separator (U+2028) in one plan."""
    private = "".join(chr(cp) for cp in range(0xF0000, 0xFFFFE))
    plan = (BAD / "valid.yaml").read_text(encoding="utf-8")
    plan += f"extra:\n  private: '{private}'\n  note: 甲\u2028乙\n"
    (tmp_path / "private.yaml").write_text(plan, encoding="utf-8")
    copy_fixture("week_beyond.yaml", tmp_path)
    code = run(["check", str(tmp_path / "private.yaml"), str(tmp_path / "week_beyond.yaml")])
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"{tmp_path / 'private.yaml'}：没有发现问题" in err
    assert f"{tmp_path / 'week_beyond.yaml'}:19:13: 第 21 周超出了本学期的 20 周" in err


@pytest.mark.parametrize("name", ["utf32_bom.yaml", "utf32be_no_bom.yaml"])
def test_utf32_is_one_message(tmp_path, capsys, name):
    path = copy_fixture(name, tmp_path)
    assert run(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if str(path) in line] == [
        f"{path}: " + message("input.utf32", {})
    ], err
