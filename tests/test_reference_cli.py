"""``render --reference-doc 本单位.docx`` from the command line: the unit's body font and
letterhead are used, planmaker's GB/T 9704 styles fill what the reference lacks, and a
reference that is not a Word document is said in Chinese."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from helpers import EXAMPLES, render_docx

PLAN = EXAMPLES / "term-plan-table.yaml"


def reference(path: Path) -> Path:
    """A unit's Word file: 楷体 四号 body text, a 红头 line in the header, some text."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    document.sections[0].header.paragraphs[0].text = "定边镇希望小学文件"
    document.add_paragraph("这段参考正文不会出现在生成的文档里。")
    document.save(path)
    return path


def test_the_units_font_and_letterhead_with_gbt9704_for_the_rest(run_planmaker, tmp_path):
    out = tmp_path / "计划.docx"
    ref = reference(tmp_path / "本单位.docx")
    result = run_planmaker("render", PLAN, "--reference-doc", ref, "-o", out)
    assert result.returncode == 0, result.stderr
    document = docx.Document(io.BytesIO(out.read_bytes()))

    assert [p.text for p in document.sections[0].header.paragraphs] == ["定边镇希望小学文件"]
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(14)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体"
    heading = document.styles["PlanHeading1"]  # the reference has none: planmaker's 黑体 三号
    assert heading.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert heading.font.size == Pt(16)
    texts = [p.text for p in document.paragraphs]
    assert "一、工作目标" in texts
    assert "这段参考正文不会出现在生成的文档里。" not in texts

    plain = docx.Document(io.BytesIO(render_docx(PLAN, out=tmp_path / "plain.docx").read_bytes()))
    assert plain.styles["Normal"].font.size == Pt(16)
    assert not any(p.text for p in plain.sections[0].header.paragraphs)


def test_a_reference_that_is_not_a_word_document(run_planmaker, tmp_path):
    ref = tmp_path / "本单位.docx"
    ref.write_text("不是 Word 文档", encoding="utf-8")
    result = run_planmaker("render", PLAN, "--reference-doc", ref, "-o", tmp_path / "x.docx")
    assert result.returncode == 1
    assert "参考文档（--reference-doc）无法作为 Word 文档读取" in result.stderr
    assert "另存为 .docx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_a_missing_reference(run_planmaker, tmp_path):
    result = run_planmaker("render", PLAN, "--reference-doc", tmp_path / "没有.docx")
    assert result.returncode == 1
    assert "没有.docx: 找不到参考文档" in result.stderr
