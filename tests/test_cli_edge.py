"""The command line's edge: formats in any case, where a message stands, what --verbose
and new say, warnings with their place, file names printed literally, check and batch
going on past one file, and a message that cannot be worded.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES

from planmaker.cli import console, messages, run
from planmaker.errors import Location, Problem

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
FAR_YEAR = (  # a term whose holidays no chinese-calendar release will know for decades
    (FIXTURES / "valid.yaml")
    .read_text(encoding="utf-8")
    .replace("2025-2026", "2098-2099")
    .replace("2026-03-02", "2099-03-02")
    .replace("2026-02-21", "2099-02-21")
)
HOLIDAYS_UNKNOWN = "节假日数据还没有 2099 年的安排"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURES / "valid.yaml", tmp_path / "plan.yaml"))


def is_docx(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return "word/document.xml" in archive.namelist()


# --- formats -----------------------------------------------------------------------------


def test_formats_are_read_in_any_case(plan, tmp_path, capsys):
    assert run(["render", str(plan), "--format", "MD", "-o", "-"]) == 0
    assert "# 定边镇希望小学" in capsys.readouterr().out
    assert run(["render", str(plan), "--format", "Txt"]) == 0
    assert plan.with_suffix(".txt").read_text(encoding="utf-8").startswith("定边镇希望小学")
    assert run(["render", str(plan), "-o", str(tmp_path / "计划.DOCX")]) == 0
    assert is_docx(tmp_path / "计划.DOCX")
    assert run(["render", str(plan), "-f", "DOCX", "-o", str(tmp_path / "另一份.docx")]) == 0
    assert is_docx(tmp_path / "另一份.docx")
    out = tmp_path / "批量"
    assert run(["batch", str(plan), "-o", str(out), "-f", "TXT"]) == 0
    assert (out / "plan.txt").is_file()


def test_a_binary_format_in_capitals_is_still_refused_on_the_screen(plan, capsys):
    assert run(["render", str(plan), "--format", "PDF", "-o", "-"]) == 2
    assert capsys.readouterr().err.startswith("pdf 是二进制格式，不能输出到屏幕")


@pytest.mark.parametrize("command", ["render", "batch"])
def test_an_unknown_format_is_refused_without_a_made_up_place(command, plan, tmp_path, capsys):
    args = [command, str(plan), "--format", "odt"] + (
        ["-o", str(tmp_path / "out")] * (command == "batch")
    )
    assert run(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("不支持的输出格式“odt”。可选：docx、pdf、md、txt。"), err
    assert "<输入>" not in err


# --- what --verbose and new say ------------------------------------------------------------


def test_verbose_names_the_built_in_template_and_its_file(plan, capsys):
    from planmaker.templating import builtin_dir

    assert run(["--verbose", "render", str(plan)]) == 0
    err = capsys.readouterr().err
    assert f"模板：内置模板 plan（{builtin_dir() / 'plan.md.j2'}）。" in err
    assert "内置模板名，或本单位模板文件夹中的文件" not in err


def test_verbose_names_the_units_own_template_file(plan, tmp_path, capsys, monkeypatch):
    own = tmp_path / "模板" / "plan.md.j2"
    own.parent.mkdir()
    own.write_text('{% extends "builtin/plan.md.j2" %}\n', encoding="utf-8")
    plan.write_text(plan.read_text(encoding="utf-8") + "templates: 模板\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["--verbose", "render", "plan.yaml"]) == 0
    assert "模板：模板/plan.md.j2。" in capsys.readouterr().err
    given = tmp_path / "另一个.md.j2"
    given.write_text("# {{ doc.org }}\n", encoding="utf-8")
    assert run(["--verbose", "render", "plan.yaml", "--template", str(given)]) == 0
    assert "模板：另一个.md.j2。" in capsys.readouterr().err


def test_new_says_what_the_schema_file_is_for_when_it_writes_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(["new", "year", "--org", "定边镇工会", "--year", "2026"]) == 0
    lines = capsys.readouterr().err.splitlines()
    said = [line for line in lines if line.startswith("另写出了 planmaker.schema.json：")]
    assert len(said) == 1, lines
    assert "编辑器" in said[0] and "可以保留" in said[0] and "删掉也不影响" in said[0]
    assert lines.index(said[0]) == 1  # right after 已生成, before 下一步
    assert (tmp_path / "planmaker.schema.json").is_file()

    assert run(["new", "year", "--org", "定边镇教办", "--year", "2026"]) == 0
    assert "planmaker.schema.json" not in capsys.readouterr().err  # already there: nothing new


def test_summarize_says_it_too(plan, capsys):
    assert run(["summarize", str(plan)]) == 0
    assert f"另写出了 {plan.parent / 'planmaker.schema.json'}：" in capsys.readouterr().err


def test_the_examples_readme_describes_every_district_folder_and_file():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for folder in sorted(p for p in (EXAMPLES / "district").iterdir() if p.is_dir()):
        assert f"`district/{folder.name}/`" in readme, folder.name
    for file in sorted((EXAMPLES / "district" / "wangquan").glob("*.yaml")):
        assert f"`{file.name}`" in readme, file.name


# --- warnings, with their place --------------------------------------------------------


def test_check_prints_a_warning_with_its_file(tmp_path, capsys):
    far = tmp_path / "far.yaml"
    far.write_text(FAR_YEAR, encoding="utf-8")
    assert run(["check", str(far)]) == 0
    err = capsys.readouterr().err
    assert f"提醒：{far}: {HOLIDAYS_UNKNOWN}" in err
    assert f"{far}：没有发现问题。" in err


def test_a_warning_is_printed_at_its_line_and_column(capsys):
    where = Location("计划.yaml", 5, 3)
    console.show([Problem("calendar.year_unknown", where, {"year": 2099}, "warning")])
    assert capsys.readouterr().err == f"提醒：计划.yaml:5:3: {HOLIDAYS_UNKNOWN}" + (
        "，只使用了 YAML 中 holidays/workdays 写明的日期。国务院公布放假安排后，升级 chinese-calendar 即可。\n"
    )


def test_a_warning_without_a_place_takes_the_file_it_is_about(capsys):
    console.show([Problem("calendar.year_unknown", params={"year": 2099}, severity="warning")])
    assert capsys.readouterr().err.startswith(f"提醒：{HOLIDAYS_UNKNOWN}")
    warning = Problem("calendar.year_unknown", params={"year": 2099}, severity="warning")
    console.show([warning], file="计划.yaml")
    assert capsys.readouterr().err.startswith(f"提醒：计划.yaml: {HOLIDAYS_UNKNOWN}")


def test_an_error_has_no_prefix_and_no_made_up_place(capsys):
    console.show([Problem("output.unknown_format", params={"format": "odt"})])
    assert capsys.readouterr().err == "不支持的输出格式“odt”。可选：docx、pdf、md、txt。\n"


def test_batch_says_a_warning_once_with_how_many_files_met_it(tmp_path, capsys):
    for name in ("甲", "乙"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{name}.yaml").write_text(FAR_YEAR, encoding="utf-8")
    assert run(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "md"]) == 0
    err = capsys.readouterr().err
    assert err.count(HOLIDAYS_UNKNOWN) == 1
    assert "升级 chinese-calendar 即可。（2 个文件）" in err


# --- the command line's mistakes: one way to exit 2 ------------------------------------


def test_a_wrong_period_for_report_is_said_at_its_option(tmp_path, capsys):
    district = EXAMPLES / "district"
    assert run(["report", str(district), "--year", "26", "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "--year: 年度“26”应当是四位数的年份，例如 2026。\n"
    assert run(["report", str(district), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("请指定总结的时段：--year")
    assert list(tmp_path.iterdir()) == []


# --- file names in the lines that report success -------------------------------------


ODD = "行\n尾\x1b[31m红"
SHOWN = "行\\n尾\\x1b[31m红"


def test_file_names_in_success_lines_are_shown_not_obeyed(plan, tmp_path, capsys, monkeypatch):
    odd = Path(shutil.copy(plan, tmp_path / f"{ODD}.yaml"))
    assert run(["check", str(odd)]) == 0
    assert f"{tmp_path}/{SHOWN}.yaml：没有发现问题。\n" in capsys.readouterr().err
    assert run(["render", str(plan), "-o", str(tmp_path / f"{ODD}.docx")]) == 0
    assert f"已生成：{tmp_path}/{SHOWN}.docx\n" in capsys.readouterr().err
    (tmp_path / "new").mkdir()
    monkeypatch.chdir(tmp_path / "new")
    assert run(["new", "year", "--org", "定边镇工会", "--year", "2026", "-o", f"{ODD}.yaml"]) == 0
    err = capsys.readouterr().err
    assert f"已生成：{SHOWN}.yaml\n" in err and f"planmaker render {SHOWN}.yaml\n" in err
    assert run(["templates", "export", "plan", ODD]) == 0
    err = capsys.readouterr().err
    assert f"已导出：{SHOWN}/plan.md.j2\n" in err and f"templates: {SHOWN}（" in err
    assert "\x1b" not in err


def test_batch_lines_show_file_names_literally(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(FIXTURES / "valid.yaml", tmp_path / "in" / f"{ODD}.yaml")
    shutil.copy(FIXTURES / "week_beyond.yaml", tmp_path / "in" / f"坏{ODD}.yaml")
    assert run(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "md"]) == 1
    err = capsys.readouterr().err
    assert f"已生成：{tmp_path}/out/{SHOWN}.md\n" in err
    assert f"失败：{tmp_path}/in/坏{SHOWN}.yaml\n" in err
    assert "\x1b" not in err


# --- check and batch go on ---------------------------------------------------------------


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_check_goes_on_past_an_internal_error_in_one_file(
    plan, tmp_path, capsys, monkeypatch, debug
):
    from planmaker import pipeline

    broken = tmp_path / "坏" / "plan.yaml"
    broken.parent.mkdir()
    shutil.copy(plan, broken)
    real = pipeline.document_markdown

    def fails_in_one_folder(doc, **kwargs):
        if kwargs["base"] == broken.parent:
            raise RuntimeError("boom")
        return real(doc, **kwargs)

    monkeypatch.setattr(pipeline, "document_markdown", fails_in_one_folder)
    assert run([*debug, "check", str(broken), str(plan)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}: 检查这个文件时 planmaker 内部出错了（RuntimeError: boom）" in err
    assert "请加 --debug" in err
    assert f"{plan}：没有发现问题。" in err
    assert err.rstrip().endswith("1 个文件有问题，请按上面的提示修改。")
    assert ("Traceback" in err) == bool(debug)


def test_batch_given_an_over_long_name_says_so(tmp_path, capsys):
    long = tmp_path / ("计划" * 50 + ".yaml")
    inside = tmp_path / ("文件夹" * 30) / "计划.yaml"
    assert run(["batch", str(long), str(inside), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("文件名（或路径中某个文件夹的名字）太长，超过了系统允许的 255 字节") == 2
    assert "找不到文件" not in err


# --- a message that cannot be worded -----------------------------------------------------


@pytest.fixture
def unrecorded(monkeypatch):
    """Word wrong codes and params on purpose, without recording them as problems met."""
    monkeypatch.setattr(
        messages, "message", getattr(messages.message, "unwrapped", messages.message)
    )


def test_a_message_missing_a_param_is_an_error_not_a_question_mark(unrecorded):
    with pytest.raises(messages.MessageError):
        messages.message("value.int", {})
    with pytest.raises(messages.MessageError):
        messages.message("no.such_code", {})
    assert messages.message("value.int", {"key": "weeks", "value": "二十"}).startswith(
        "“周数(weeks)”应当是一个整数"
    )


def test_the_printer_falls_back_to_the_code_and_params_and_raises_under_debug(
    unrecorded, monkeypatch
):
    monkeypatch.setattr(console.state, "debug", False)  # whatever run() the process made last
    shown = console.words("value.int", {"key": "weeks"})
    assert "value.int" in shown and "key='weeks'" in shown and "--debug" in shown
    monkeypatch.setattr(console.state, "debug", True)
    with pytest.raises(messages.MessageError):
        console.words("value.int", {"key": "weeks"})


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--force"], "没有这个选项：--force。可用的相近选项：--format。"),
        (["--fromat", "md"], "没有这个选项：--fromat。可用的相近选项：--draft, --format。"),
        (["--nothing-like-it"], "没有这个选项：--nothing-like-it。"),
    ],
)
def test_an_unknown_option_is_said_in_chinese_with_the_near_ones(plan, capsys, args, said):
    assert run(["render", str(plan), *args]) == 2
    err = capsys.readouterr().err
    assert said in err, err
    assert "No such option" not in err and "Possible" not in err
