"""Import → render gives the document back.

For the seed documents: the imported YAML, rendered to DOCX in process and read back
with python-docx, holds at least 99 % of the original's CJK characters (counted here)
and every 一、 heading — from Sources built here, and end to end through ``planmaker
import`` reading the files (UTF-8, and GB18030 with CRLF line ends), ``check`` and
``render``. For every example: its rendered DOCX, read as a reader reads a
Word file, imports to a YAML that renders the same paragraphs (a summary's 计划完成情况
is recomputed from the schedule's statuses, which a summary does not print, so that
section is left out of the comparison, and the headings after it are compared without
their numbers).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from docxbody import body, headings
from helpers import run_in_process
from importsource import FIXTURES as FIXTURE_DIR
from importsource import fixture_lines, text_source

from planmaker.importer.blocks import Paragraph, Source, Table, text_blocks
from planmaker.importer.read import read_document
from planmaker.importer.recognise import Given, import_source
from planmaker.pipeline import RenderOptions, render_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = date(2026, 1, 1)
FIXTURES = {
    "000-jiaowu-term-plan.txt": Given(start=date(2026, 3, 2)),
    "002-union-year-plan.txt": Given(org="定边镇希望小学", year=2026),
    "004-county-union-plan.txt": Given(),
}


def cjk(text: str) -> Counter[str]:
    return Counter(c for c in text if "\u4e00" <= c <= "\u9fff")


def kept(original: str, rendered: str) -> float:
    """The share of ``original``'s CJK characters found again in ``rendered``."""
    want, got = cjk(original), cjk(rendered)
    return sum(min(n, got[c]) for c, n in want.items()) / sum(want.values())


def render(source: Source, given: Given, folder: Path) -> Path:
    yaml_file = folder / "导入.yaml"
    yaml_file.write_text(import_source(source, given).yaml_text, encoding="utf-8")
    out = folder / "导入.docx"
    out.write_bytes(render_file(yaml_file, RenderOptions(today=TODAY)).data)
    return out


def _l1_headings(lines: list[str]) -> list[str]:
    found = []
    for line in lines:
        match = re.match(r"^[一二三四五六七八九十]+[、．.]\s*(.+)$", line.strip())
        if match:
            found.append(match[1].rstrip("：:").strip())
    return found


@pytest.mark.parametrize("name", FIXTURES)
def test_a_seed_document_renders_back_with_its_words_and_headings(name, tmp_path):
    lines = fixture_lines(name)
    out = render(text_source(name), FIXTURES[name], tmp_path)
    rendered = "\n".join(text for _, text in body(out))
    assert kept("\n".join(lines), rendered) >= 0.99
    for heading in _l1_headings(lines):
        assert heading in rendered


def test_the_jiaowu_plan_as_word_hints_renders_back_whole(tmp_path):
    """The same plan as a Word file gives it: centred large title, bold headings, a week
    table with 3.2-3.8 dates, the 落款 right-aligned."""
    lines = fixture_lines("000-jiaowu-term-plan.txt")
    cut = lines.index("教务处  2026年2月21日")
    blocks: list[Paragraph | Table] = [
        Paragraph(text, n, align="center", size=22) for n, text in enumerate(lines[1:4], 2)
    ]
    for p in text_blocks(lines[4:cut], 5):
        heading = re.match(r"^[一二三四五六七八九十]+、", p.text)
        blocks.append(Paragraph(p.text, p.line, bold=bool(heading)))
    blocks.append(Paragraph("三、具体安排", cut + 1, bold=True))
    rows = [(("周次",), ("日期",), ("工作内容",))]
    tasks = {
        1: ("组织报名领书", "制定各部门工作计划"),
        2: ("审议各部门工作计划",),
        10: ("组织中期测试",),
    }
    for week, work in tasks.items():
        monday = date(2026, 3, 2).toordinal() + 7 * (week - 1)
        a, b = date.fromordinal(monday), date.fromordinal(monday + 6)
        rows.append(((f"第{week}周",), (f"{a.month}.{a.day}-{b.month}.{b.day}",), work))
    blocks.append(Table(tuple(rows), cut + 2))
    blocks += [
        Paragraph("教务处", cut + 9, align="right"),
        Paragraph("2026年2月21日", cut + 10, align="right"),
    ]
    source = Source("计划.docx", tuple(blocks))
    out = render(source, Given(), tmp_path)
    rendered = "\n".join(text for _, text in body(out))
    original = "\n".join(lines[1:cut]) + "".join("".join(w) for w in tasks.values())
    assert kept(original, rendered) >= 0.99
    assert headings(out) == ["一、工作目标", "二、主要工作及要求", "三、具体安排"]
    assert "定边镇希望小学" in [t for s, t in body(out) if s == "PlanTitle"]


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("district/*/*.yaml"))


def _without_completion(paragraphs: list[tuple[str, str]]) -> list[str]:
    """The texts, a summary's 计划完成情况 section left out and 一、 labels dropped."""
    out: list[str] = []
    skipping = False
    for style, text in paragraphs:
        if style == "PlanHeading1":
            skipping = text.endswith("计划完成情况")
            text = re.sub(r"^[一二三四五六七八九十]+、", "", text)
        if not skipping:
            out.append(text)
    return out


@pytest.mark.parametrize("example", _examples(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_an_example_s_docx_imports_and_renders_the_same_paragraphs(example, tmp_path):
    first = tmp_path / "原文.docx"
    first.write_bytes(render_file(example, RenderOptions(today=TODAY)).data)
    again = render(read_document(first), Given(), tmp_path)
    before, after = body(first), body(again)
    if any(s == "PlanHeading1" and t.endswith("计划完成情况") for s, t in before):
        assert _without_completion(after) == _without_completion(before)
    else:
        assert [t for _, t in after] == [t for _, t in before]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_import_check_and_render_a_seed_file_end_to_end(encoding, tmp_path):
    lines = fixture_lines("000-jiaowu-term-plan.txt")
    original = tmp_path / "教务处工作计划.txt"
    original.write_bytes("\r\n".join(lines).encode(encoding))
    done = run_in_process("import", original, "--start", "2026-03-02")
    assert done.returncode == 0, done.stderr
    yaml_file = tmp_path / "教务处工作计划.yaml"
    assert yaml_file.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    assert run_in_process("check", yaml_file).returncode == 0
    done = run_in_process("render", yaml_file)
    assert done.returncode == 0, done.stderr
    rendered = "\n".join(text for _, text in body(tmp_path / "教务处工作计划.docx"))
    assert kept("\n".join(lines), rendered) >= 0.99
    assert headings(tmp_path / "教务处工作计划.docx") == [
        "一、工作目标",
        "二、主要工作及要求",
        "三、教务处工作计划安排",
    ]


def test_a_year_plan_without_org_or_year_is_refused_until_they_are_given(tmp_path):
    original = tmp_path / "工会计划.txt"
    original.write_bytes((FIXTURE_DIR / "002-union-year-plan.txt").read_bytes())
    refused = run_in_process("import", original)
    assert refused.returncode == 1
    assert "单位名称、年度或学期" in refused.stderr
    assert not (tmp_path / "工会计划.yaml").exists()
    done = run_in_process("import", original, "--org", "定边镇希望小学", "--year", "2026")
    assert done.returncode == 0, done.stderr
    assert run_in_process("check", tmp_path / "工会计划.yaml").returncode == 0


def _without_completion_text(text: str) -> list[str]:
    """Text output's lines, a summary's 计划完成情况 section left out and 一、 labels dropped."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines():
        if re.match(r"^[一二三四五六七八九十]+、", line):
            skipping = line.endswith("计划完成情况")
            line = re.sub(r"^[一二三四五六七八九十]+、", "", line)
        if not skipping:
            out.append(line)
    return out


@pytest.mark.parametrize("example", _examples(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_an_example_s_text_output_imports_and_renders_the_same_text(example, tmp_path):
    """What ``render --format txt`` writes (its tables as tab-separated lines, a cell's lines
    joined by “ / ”) reads back as the same document."""
    opts = RenderOptions(format="txt", today=TODAY)
    first = render_file(example, opts).data.decode("utf-8")
    source = Source("原文.txt", text_blocks(first.splitlines()))
    yaml_file = tmp_path / "导入.yaml"
    yaml_file.write_text(import_source(source, Given()).yaml_text, encoding="utf-8")
    again = render_file(yaml_file, opts).data.decode("utf-8")
    assert _without_completion_text(again) == _without_completion_text(first)
