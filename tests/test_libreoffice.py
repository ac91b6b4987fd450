"""The PDF made through LibreOffice keeps the GB/T 9704 page: 22 lines of 28 characters
(a page ends early only where a keep rule moves lines), “— n —” page numbers on
alternating sides, a serif CJK face for 仿宋 (docs/layout.md §3, §10, §13, §16). The
long fixture is converted with the examples, in the session's one LibreOffice run.

The error paths run a stand-in ``soffice`` script, so they need no LibreOffice."""

from __future__ import annotations

import math
import os
import re
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
import review

from planmaker.errors import PlanError
from planmaker.markdown import parse_markdown
from planmaker.writers import pdf
from planmaker.writers.docx import DocxOptions
from planmaker.writers.pdf import find_soffice, write_pdf

CLOSING_MARKS = "，。、；：！？”）》"
"""Marks that may not start a line."""
LONG = (Path(__file__).parent / "fixtures" / "markdown" / "long_body.md").read_text(
    encoding="utf-8"
)
XHTML = "{http://www.w3.org/1999/xhtml}"

# A4 in points and the text block's edges (docs/layout.md §16).
BLOCK_LEFT, BLOCK_RIGHT, BLOCK_BOTTOM = 79.4, 521.6, 742.7
PITCH = 28.95
CHAR = 16


Row = review.Row
"""One printed line: words merged by baseline (scripts/review.py reads pages the same way)."""


@pytest.fixture(scope="module")
def long_pdf(laid_out) -> Path:
    return laid_out["long_body"].pdf


@pytest.fixture(scope="module")
def rows(laid_out) -> list[Row]:
    """Every printed line of the long body, page by page, top to bottom."""
    return [
        row
        for page in laid_out["long_body"].pages
        for row in (*page.header, *page.body, *page.footer)
    ]


def body_rows(rows: list[Row], page: int) -> list[Row]:
    return [r for r in rows if r.page == page and r.top < BLOCK_BOTTOM]


def footer_rows(rows: list[Row], page: int) -> list[Row]:
    return [r for r in rows if r.page == page and r.top >= BLOCK_BOTTOM]


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def test_page_count_follows_22_lines_of_28_characters(long_pdf: Path, laid_out) -> None:
    paragraphs = [line for line in LONG.splitlines() if len(line) > 40]
    assert all(re.fullmatch(r"[\u4e00-\u9fff，。；：、！？]+", p) for p in paragraphs)
    body_lines = sum(len(broken_lines(p)) for p in paragraphs)
    # title, empty line, heading; then empty line, 署名, 成文日期 (no seal).
    lines = 3 + body_lines + 3
    # One page more only where the last paragraph moved whole to the page of the 落款
    # (LibreOffice's way of keeping it with the body: the page before ends early).
    pages = page_count(long_pdf)
    assert pages == math.ceil(lines / 22) or (
        pages == math.ceil(lines / 22) + 1
        and not review.early_page_flags(
            laid_out["long_body"].pages, laid_out["long_body"].paragraphs
        )
    )


def broken_lines(paragraph: str, first: int = 26, full: int = 28) -> list[str]:
    """``paragraph`` broken as a typesetter breaks Chinese text: 26 characters after
    the 2-字 indent, then 28 a line, except that no line starts with a closing mark — the
    character before it goes down with it (a line of 27)."""
    lines, pos, width = [], 0, first
    while pos < len(paragraph):
        n = width
        while pos + n < len(paragraph) and paragraph[pos + n] in CLOSING_MARKS and n > 1:
            n -= 1
        lines.append(paragraph[pos : pos + n])
        pos, width = pos + n, full
    return lines


def test_full_pages_hold_22_lines_at_28_95_points(
    long_pdf: Path, rows: list[Row], laid_out
) -> None:
    pages = page_count(long_pdf)
    assert pages >= 3
    # A page ends early only where a keep rule moves lines to the next page.
    long_body = laid_out["long_body"]
    assert review.early_page_flags(long_body.pages, long_body.paragraphs) == []
    for page in range(2, pages):
        lines = body_rows(rows, page)
        pitches = [b.bottom - a.bottom for a, b in pairwise(lines)]
        assert all(abs(p - PITCH) < 0.3 for p in pitches), page
        assert lines[-1].bottom <= BLOCK_BOTTOM
    # Every middle page is full, but the one before the 落款's page, which ends early
    # where the last paragraph moves to be kept with the 落款 (checked just above).
    assert all(len(body_rows(rows, p)) == 22 for p in range(2, pages - 1))
    # Page 1: the title on line 1, line 2 empty, the heading on line 3, down to line 22.
    first, second = body_rows(rows, 1), body_rows(rows, 2)
    assert first[0].text == "定边镇希望小学教务处工作计划" and len(first) == 21
    assert first[1].text == "一、指导思想" and abs(first[1].bottom - second[2].bottom) < 0.5
    assert abs(first[-1].bottom - second[-1].bottom) < 0.5


def test_full_lines_hold_28_characters_and_first_lines_26(rows: list[Row]) -> None:
    body = [r for r in rows if r.top < BLOCK_BOTTOM]
    counts: dict[str, list[int]] = {"first": [], "full": []}
    shortened = []  # the lines that follow a line one character short
    for row, following in pairwise(body):
        if abs(following.left - BLOCK_LEFT) > 1:
            continue  # the last line of its paragraph
        if abs(row.left - (BLOCK_LEFT + 2 * CHAR)) < 1:
            counts["first"].append(len(row.text))
            if len(row.text) == 25:
                shortened.append(following.text)
        elif abs(row.left - BLOCK_LEFT) < 1:
            counts["full"].append(len(row.text))
            if len(row.text) == 27:
                shortened.append(following.text)
            assert 505 <= row.right <= BLOCK_RIGHT + 0.5
    assert len(counts["full"]) > 60 and len(counts["first"]) > 10
    # 28 a line (26 after the indent), one fewer where the next line starts with a
    # character and the closing mark that may not start a line.
    assert set(counts["full"]) <= {27, 28} and counts["full"].count(28) > 0.8 * len(counts["full"])
    assert set(counts["first"]) <= {25, 26}
    assert shortened and all(following[1] in CLOSING_MARKS for following in shortened)


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
    monkeypatch.setattr(pdf, "TIME_LIMIT_SECONDS", 0.3)
    with pytest.raises(PlanError) as caught:
        write_pdf(parse_markdown("正文。\n"), DocxOptions())
    assert caught.value.code == "pdf.failed" and "秒仍未完成" in caught.value.params["detail"]


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
