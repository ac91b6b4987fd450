"""The PDF made through LibreOffice keeps the GB/T 9704 page: 22 lines of 28 characters,
“— n —” page numbers on alternating sides, a serif CJK face for 仿宋 (docs/gbt9704.md
§3, §10, §13, §14 b). The long fixture is converted once, with the other documents of
the LibreOffice checks (pdf_documents.py).

The error paths run a stand-in ``soffice`` script, so they need no LibreOffice."""

from __future__ import annotations

import math
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from pdf_documents import LONG

from planmaker.errors import PlanError
from planmaker.markdown import parse_markdown
from planmaker.writers import pdf
from planmaker.writers.docx import DocxOptions
from planmaker.writers.pdf import find_soffice, write_pdf

XHTML = "{http://www.w3.org/1999/xhtml}"

# A4 in points and the text block's edges (gbt9704.md §14 b).
BLOCK_LEFT, BLOCK_RIGHT, BLOCK_BOTTOM = 79.4, 521.6, 742.7
PITCH = 28.95
CHAR = 16


@dataclass
class Row:
    """One printed line: words merged by baseline."""

    page: int
    left: float
    right: float
    top: float
    bottom: float
    text: str


@pytest.fixture(scope="module")
def long_pdf(libreoffice_pdfs: dict[str, Path]) -> Path:
    """``LONG`` as planmaker's PDF writer makes it, converted with the other documents of
    the LibreOffice checks (pdf_documents.py)."""
    return libreoffice_pdfs["long_body"]


@pytest.fixture(scope="module")
def rows(long_pdf: Path) -> list[Row]:
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(long_pdf), "-"], capture_output=True, check=True
    ).stdout
    found: list[Row] = []
    for number, page in enumerate(ET.fromstring(layout).iter(f"{XHTML}page"), 1):
        by_baseline: dict[int, list[ET.Element]] = defaultdict(list)
        for word in page.iter(f"{XHTML}word"):
            by_baseline[round(float(word.get("yMax", 0)) / 2)].append(word)
        for key in sorted(by_baseline):
            words = sorted(by_baseline[key], key=lambda w: float(w.get("xMin", 0)))
            found.append(
                Row(
                    number,
                    float(words[0].get("xMin", 0)),
                    float(words[-1].get("xMax", 0)),
                    min(float(w.get("yMin", 0)) for w in words),
                    max(float(w.get("yMax", 0)) for w in words),
                    "".join(w.text or "" for w in words),
                )
            )
    return found


def body_rows(rows: list[Row], page: int) -> list[Row]:
    return [r for r in rows if r.page == page and r.top < BLOCK_BOTTOM]


def footer_rows(rows: list[Row], page: int) -> list[Row]:
    return [r for r in rows if r.page == page and r.top >= BLOCK_BOTTOM]


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def test_page_count_follows_22_lines_of_28_characters(long_pdf: Path) -> None:
    paragraphs = [line for line in LONG.splitlines() if len(line) > 40]
    assert all(re.fullmatch(r"[\u4e00-\u9fff，。；：、！？]+", p) for p in paragraphs)
    body_lines = sum(math.ceil((len(p) + 2) / 28) for p in paragraphs)
    # title, empty line, heading; then empty line, 署名, 成文日期 (no seal).
    lines = 3 + body_lines + 3
    assert page_count(long_pdf) == math.ceil(lines / 22)


def test_full_pages_hold_22_lines_at_28_95_points(long_pdf: Path, rows: list[Row]) -> None:
    pages = page_count(long_pdf)
    assert pages >= 3
    for page in range(2, pages):
        lines = body_rows(rows, page)
        assert len(lines) == 22, page
        pitches = [b.bottom - a.bottom for a, b in pairwise(lines)]
        assert all(abs(p - PITCH) < 0.3 for p in pitches), page
        assert lines[-1].bottom <= BLOCK_BOTTOM
    # Page 1: the title on line 1, line 2 empty, the heading on line 3, down to line 22.
    first, second = body_rows(rows, 1), body_rows(rows, 2)
    assert first[0].text == "定边镇希望小学教务处工作计划" and len(first) == 21
    assert first[1].text == "一、指导思想" and abs(first[1].bottom - second[2].bottom) < 0.5
    assert abs(first[-1].bottom - second[-1].bottom) < 0.5


def test_full_lines_hold_28_characters_and_first_lines_26(rows: list[Row]) -> None:
    body = [r for r in rows if r.top < BLOCK_BOTTOM]
    counts: dict[str, list[int]] = {"first": [], "full": []}
    for row, following in pairwise(body):
        if abs(following.left - BLOCK_LEFT) > 1:
            continue  # the last line of its paragraph
        if abs(row.left - (BLOCK_LEFT + 2 * CHAR)) < 1:
            counts["first"].append(len(row.text))
        elif abs(row.left - BLOCK_LEFT) < 1:
            counts["full"].append(len(row.text))
            assert 505 <= row.right <= BLOCK_RIGHT + 0.5
    assert len(counts["full"]) > 60 and len(counts["first"]) > 10
    assert set(counts["full"]) == {28}
    assert set(counts["first"]) == {26}


def test_page_numbers_are_dashed_and_alternate_sides(long_pdf: Path, rows: list[Row]) -> None:
    for page in range(1, page_count(long_pdf) + 1):
        (footer,) = footer_rows(rows, page)
        assert re.sub(r"\s", "", footer.text) == f"—{page}—"
        # 7 mm below the block (the dashes' box sits a little above their ink).
        assert BLOCK_BOTTOM + 5 < footer.top < BLOCK_BOTTOM + 20
        if page % 2:
            assert abs(footer.right - (BLOCK_RIGHT - 14)) < 3, page
        else:
            assert abs(footer.left - (BLOCK_LEFT + 14)) < 3, page


def test_chinese_faces_are_serif_for_fangsong_and_sans_for_heiti(long_pdf: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(long_pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoSerifCJK" in fonts
    assert "NotoSansCJK" in fonts


# -- failures, with a stand-in soffice -------------------------------------------


def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    """Put an executable ``soffice`` running ``script`` (sh) first on PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def test_missing_libreoffice_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_soffice() is None
    with pytest.raises(PlanError) as caught:
        write_pdf(parse_markdown("正文。\n"), DocxOptions())
    assert caught.value.code == "pdf.no_libreoffice"


def test_a_failing_conversion_reports_what_libreoffice_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path, monkeypatch, "echo 'source file could not be loaded' >&2; exit 1")
    with pytest.raises(PlanError) as caught:
        write_pdf(parse_markdown("正文。\n"), DocxOptions())
    assert caught.value.code == "pdf.failed"
    assert "could not be loaded" in caught.value.params["detail"]


def test_a_hanging_conversion_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path, monkeypatch, "exec sleep 30")
    monkeypatch.setattr(pdf, "TIME_LIMIT_SECONDS", 1)
    with pytest.raises(PlanError) as caught:
        write_pdf(parse_markdown("正文。\n"), DocxOptions())
    assert caught.value.code == "pdf.failed" and "timeout" in caught.value.params["detail"]


def test_each_conversion_has_its_own_profile_and_the_font_aliases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "calls.log"
    # Record the arguments and FONTCONFIG_FILE, then "convert" by copying the input.
    script = (
        f'echo "$@ FONTCONFIG_FILE=$FONTCONFIG_FILE" >> {log}\n'
        "for last; do :; done\n"
        'cp "$last" "${last%.docx}.pdf"'
    )
    fake_soffice(tmp_path, monkeypatch, script)
    for _ in range(2):
        assert write_pdf(parse_markdown("正文。\n"), DocxOptions()).startswith(b"PK")
    calls = log.read_text(encoding="utf-8").splitlines()
    profiles = [re.search(r"-env:UserInstallation=(\S+)", c).group(1) for c in calls]  # type: ignore[union-attr]
    assert len(set(profiles)) == 2 and all(p.startswith("file:///") for p in profiles)
    assert all("--headless" in c and "--convert-to pdf" in c for c in calls)
    fonts_conf = Path(re.search(r"FONTCONFIG_FILE=(\S+)", calls[0]).group(1))  # type: ignore[union-attr]
    conf = fonts_conf.read_text(encoding="utf-8")
    assert "/etc/fonts/fonts.conf" in conf
    for face in ("仿宋_GB2312", "楷体_GB2312", "宋体", "方正小标宋简体"):
        assert re.search(rf"<family>{face}</family><prefer><family>Noto Serif CJK SC", conf), face
    assert re.search(r"<family>黑体</family><prefer><family>Noto Sans CJK SC", conf)
    assert os.environ.get("FONTCONFIG_FILE") != str(fonts_conf)
