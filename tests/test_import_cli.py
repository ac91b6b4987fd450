"""``planmaker import`` as a user runs it: one file or a folder in, YAML that ``check``
passes out, never over a file the user has, and every failure said in Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

import import_docs as typed
import pytest
from helpers import run_in_process

from planmaker.schema import SCHEMA_FILE
from planmaker.writers.pdf import find_soffice

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "read"


def test_one_file_becomes_a_yaml_beside_it_that_check_passes(office_plan):
    result = run_in_process("import", office_plan)
    assert result.returncode == 0, result.stderr
    written = office_plan.with_suffix(".yaml")
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    assert (office_plan.parent / SCHEMA_FILE).is_file()
    assert f"已生成：{written}" in result.stderr
    said = f"{office_plan}：标题“{typed.ORG}{typed.TITLE}”，3 个一级标题，3 条安排，落款：教务处 2026年2月21日"
    assert said in result.stderr  # what was recognised, per file
    assert f"planmaker render {written}" in result.stderr
    assert result.stdout == ""
    assert run_in_process("check", written).returncode == 0


def test_an_existing_yaml_is_kept_unless_force_is_given(office_plan):
    written = office_plan.with_suffix(".yaml")
    written.write_text("# 我改过的\n", encoding="utf-8")
    result = run_in_process("import", office_plan)
    assert result.returncode == 1
    assert "--force" in result.stderr and str(written) in result.stderr
    assert written.read_text(encoding="utf-8") == "# 我改过的\n"
    assert not (office_plan.parent / SCHEMA_FILE).exists()  # nothing written
    assert run_in_process("import", office_plan, "--force").returncode == 0
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_output_names_the_file_or_a_folder(office_plan, tmp_path):
    result = run_in_process("import", office_plan, "-o", tmp_path / "新" / "计划.yaml")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "新" / "计划.yaml").is_file()
    assert (tmp_path / "新" / SCHEMA_FILE).is_file()
    result = run_in_process("import", office_plan, "-o", f"{tmp_path / '放这里'}/")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "放这里" / "教务处工作计划.yaml").is_file()
    assert not office_plan.with_suffix(".yaml").exists()


def test_output_dash_prints_the_yaml_and_writes_nothing(office_plan):
    result = run_in_process("import", office_plan.name, "-o", "-", cwd=office_plan.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# yaml-language-server:")
    assert typed.PREAMBLE in result.stdout
    assert "个一级标题" in result.stderr  # what was found still goes to standard error
    assert sorted(p.name for p in office_plan.parent.iterdir()) == [office_plan.name]


def test_what_the_document_does_not_say_is_asked_for_and_then_taken(tmp_path):
    plain = tmp_path / "计划.txt"
    plain.write_bytes(typed.plain_text("gb18030"))  # its weeks have no dates
    result = run_in_process("import", plain)
    assert result.returncode == 1
    assert "开学日期" in result.stderr and "--start" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [plain.name]  # nothing written
    result = run_in_process("import", plain, "--start", "2026-3-2")
    assert result.returncode == 0, result.stderr
    assert "start: 2026-03-02" in plain.with_suffix(".yaml").read_text(encoding="utf-8")


def test_the_kind_the_org_and_the_period_can_be_given(tmp_path):
    untitled = tmp_path / "总结.txt"
    untitled.write_text(
        "工作总结\n一、主要成绩\n组织职工参加培训。\n二、存在的问题\n培训次数不多。\n",
        encoding="utf-8",
    )
    options = ("--kind", "summary", "--org", "定边镇工会", "--year", "2025")
    result = run_in_process("import", untitled, *options)
    assert result.returncode == 0, result.stderr
    text = untitled.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "kind: summary" in text and "定边镇工会" in text and "2025" in text
    assert run_in_process("check", untitled.with_suffix(".yaml")).returncode == 0


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--kind", "通知"], "--kind"),
        (["--semester", "3"], "--semester"),
        (["--start", "2026-02-30"], "--start"),
        (["--school-year", "2026"], "--school-year"),
        (["--year", "20x"], "--year"),
        (["--year", "2026", "--semester", "2"], "年度和学期"),
    ],
)
def test_a_wrong_option_is_a_command_line_error(office_plan, options, said):
    result = run_in_process("import", office_plan, *options)
    assert result.returncode == 2
    assert said in result.stderr
    assert not office_plan.with_suffix(".yaml").exists()


def folder_of_documents(root: Path) -> Path:
    (root / "城关小学" / "教务处").mkdir(parents=True)
    (root / "城关小学" / "教务处" / "计划.docx").write_bytes(typed.office_docx())
    (root / "芦集中学").mkdir()
    (root / "芦集中学" / "总结.txt").write_bytes(typed.plain_text("gb18030"))
    (root / "芦集中学" / "扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "芦集中学" / "坏的.docx").write_bytes(b"PK\x03\x04 cut short")
    (root / "说明.xlsx").write_bytes(b"PK")
    return root


def test_a_folder_is_imported_into_a_mirrored_tree_with_a_failure_table(tmp_path):
    source = folder_of_documents(tmp_path / "各校")
    out = tmp_path / "导入"
    result = run_in_process("import", source, "-o", out, "--start", "2026-03-02")
    assert result.returncode == 1
    assert (out / "城关小学" / "教务处" / "计划.yaml").is_file()
    assert (out / "芦集中学" / "总结.yaml").is_file()
    assert not (out / "芦集中学" / "坏的.yaml").exists()
    lines = result.stderr.splitlines()
    assert sum(line.startswith("[") for line in lines) == 3  # a progress line per file
    assert "未能导入的文件" in result.stderr and "坏的.docx" in result.stderr
    assert "失败 1 个" in result.stderr and "另有 2 个" in result.stderr
    assert "1 个是 PDF" in result.stderr
    for yaml_file in out.rglob("*.yaml"):
        assert run_in_process("check", yaml_file).returncode == 0


def test_a_folder_run_again_keeps_what_is_there_and_says_so(tmp_path):
    source = folder_of_documents(tmp_path / "各校")
    (source / "芦集中学" / "坏的.docx").unlink()
    start = ("--start", "2026-03-02")  # the text file's weeks have no dates
    assert run_in_process("import", source, *start).returncode == 0
    beside = source / "芦集中学" / "总结.yaml"
    beside.write_text("# 改过\n", encoding="utf-8")
    again = run_in_process("import", source, *start)
    assert again.returncode == 0, again.stderr
    assert "保留了已有的" in again.stderr and "--force" in again.stderr
    assert "已有而跳过 2 个" in again.stderr
    assert "另有 2 个" in again.stderr  # the YAML and schema it wrote are not counted
    assert beside.read_text(encoding="utf-8") == "# 改过\n"
    forced = run_in_process("import", source, "--force", *start)
    assert forced.returncode == 0 and "导入 2 个" in forced.stderr
    assert beside.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_two_files_that_would_make_one_yaml_do_not_overwrite_each_other(tmp_path):
    (tmp_path / "计划.docx").write_bytes(typed.office_docx())
    (tmp_path / "计划.txt").write_bytes(typed.plain_text("utf-8"))
    result = run_in_process("import", tmp_path, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "同一个 YAML 文件" in result.stderr


def test_a_folder_with_nothing_to_import_says_so(tmp_path):
    (tmp_path / "扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    result = run_in_process("import", tmp_path)
    assert result.returncode == 1
    assert "没有可导入的文件" in result.stderr


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_a_word_97_file_is_converted_through_libreoffice(tmp_path):
    # The .doc is the office_plan fixture saved by LibreOffice as Word 97 (soffice --convert-to doc).
    legacy = Path(shutil.copy(FIXTURES / "教务处工作计划.doc", tmp_path / "旧计划.doc"))
    result = run_in_process("import", legacy)
    assert result.returncode == 0, result.stderr
    assert "LibreOffice" in result.stderr  # said that it was converted first
    text = legacy.with_suffix(".yaml").read_text(encoding="utf-8")
    for words in (typed.PREAMBLE, typed.BOXED):  # body text, kept as written
        assert words in text
    assert run_in_process("check", legacy.with_suffix(".yaml")).returncode == 0
