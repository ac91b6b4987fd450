"""``planmaker render --format pdf`` end to end: the PDF opens, has the pages the GB/T 9704
grid gives and the Chinese text; without LibreOffice a Chinese message says how to get it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLES
from pdf_documents import LINE, LINE_COUNTS

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) 或 poppler-utils (pdfinfo, pdftotext) 未安装：无法生成和检查 PDF",
)


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    }


def pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@needs_libreoffice
def test_a_plan_as_pdf(run_planmaker, tmp_path):
    out = tmp_path / "计划.pdf"
    result = run_planmaker("render", EXAMPLES / "term-plan-table.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    info = pdfinfo(out)
    assert "A4" in info["Page size"]
    assert int(info["Pages"]) >= 2
    text = pdftotext(out)
    for words in (
        "定边镇希望小学",
        "教务处工作计划",
        "一、工作目标",
        "二、主要工作及要求",
        "具体安排",
    ):
        assert words in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "CJK" in fonts


@needs_libreoffice
@pytest.mark.parametrize(("lines", "pages"), [(22, 1), (23, 2), (44, 2), (45, 3)])
def test_a_page_holds_22_lines(libreoffice_pdfs, lines, pages):
    """``LINE`` paragraphs of hand-written notes, rendered and converted with the other
    documents of the LibreOffice checks (pdf_documents.py)."""
    assert lines in LINE_COUNTS
    pdf = libreoffice_pdfs[f"lines-{lines}"]
    assert int(pdfinfo(pdf)["Pages"]) == pages
    assert pdftotext(pdf).count(LINE) == lines


def test_without_libreoffice_the_message_says_how_to_install_it(run_planmaker, tmp_path):
    plan = EXAMPLES / "term-plan-table.yaml"
    out = tmp_path / "计划.pdf"
    # nothing to run on PATH: no soffice, no libreoffice
    result = run_planmaker("render", plan, "-o", out, env={"PATH": str(tmp_path)})
    assert result.returncode == 1
    assert "生成 PDF 需要 LibreOffice" in result.stderr
    assert "apt-get install" in result.stderr and "fonts-noto-cjk" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_pdf_to_the_screen_is_refused(run_planmaker):
    result = run_planmaker(
        "render", EXAMPLES / "term-plan-table.yaml", "--format", "pdf", "-o", "-"
    )
    assert result.returncode == 2  # a command-line mistake (spec §3)
    assert "不能输出到屏幕" in result.stderr
