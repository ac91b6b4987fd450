"""``planmaker render --format pdf`` end to end: the PDF opens, has the pages the GB/T 9704
grid gives and the Chinese text; without LibreOffice a Chinese message says how to get it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLES

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) 或 poppler-utils (pdfinfo, pdftotext) 未安装：无法生成和检查 PDF",
)

# One line of body text: a first line holds 26 characters (2 are the indent).
LINE = "一二三四五六七八九十" * 2 + "一二三四五六"


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    }


def pdftotext(path: Path, page: int | None = None) -> str:
    pages = [] if page is None else ["-f", str(page), "-l", str(page)]
    out = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, check=True)
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


@pytest.mark.parametrize(
    ("case", "lines", "on_page_1", "pages"),
    [
        ("one_page", 22, 22, 1),
        ("full", 23, 22, 2),  # a full page holds 22 lines
        # The 2-line paragraph would start on line 22 and leave its first line alone
        # there: the page ends a line early and the paragraph starts page 2.
        ("two_lines_at_22", 23, 21, 2),
    ],
)
def test_full_pages_hold_22_lines_and_end_early_only_for_a_keep_rule(
    laid_out, case, lines, on_page_1, pages
):
    pdf = laid_out[case].pdf  # converted with the other layout documents, in one LibreOffice run
    assert int(pdfinfo(pdf)["Pages"]) == pages
    assert pdftotext(pdf, page=1).count(LINE) == on_page_1
    assert pdftotext(pdf).replace("\n", "").count(LINE) == lines  # every line printed
    if pages > 1:
        assert pdftotext(pdf, page=2).replace("\n", "").startswith(LINE)


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
    assert result.returncode == 2  # a command-line mistake (docs/architecture.md §6.1)
    assert "不能输出到屏幕" in result.stderr
