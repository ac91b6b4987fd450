"""Documents whose LibreOffice pages the layout tests read, besides the examples: small
bodies built so that a page break falls where a keep rule must act, and an ordinary
office Word file to use as ``--reference-doc``."""

from __future__ import annotations

import io

LINE = "一二三四五六七八九十" * 2 + "一二三四五六"
"""A paragraph of one line: 26 字 after the 2-字 indent."""
FULL = "一二三四五六七八九十" * 2 + "一二三四五六七八"
"""28 字: one more full line of a paragraph."""
SIGNATURE = "::: signature\n\n教务处\n\n2026年2月21日\n:::\n"
"""The 落款, sealed: two empty lines, 署名, 成文日期."""


def paragraph(lines: int) -> str:
    """A paragraph of ``lines`` lines, the last one full."""
    return LINE + FULL * (lines - 1)


def body(*paragraphs: str) -> str:
    return "".join(f"{p}\n\n" for p in paragraphs)


CASES: dict[str, str] = {
    # Lines 1–21 one-line paragraphs; a 3-line paragraph would start on line 22.
    "orphan": body(*[LINE] * 21, paragraph(3)),
    # A 4-line paragraph on lines 20–23: its last line would stand alone on page 2.
    "widow": body(*[LINE] * 19, paragraph(4)),
    # A heading on line 22, its paragraph on page 2.
    "heading": body(*[LINE] * 21) + "## 一、工作目标\n\n" + body(paragraph(3)),
    # A 2-line paragraph on lines 19–20; the 落款 would take lines 21–24.
    "signature": body(*[LINE] * 18, paragraph(2)) + SIGNATURE,
    # A 4-line paragraph on lines 17–20; the 落款 would take lines 21–24.
    "signature_long": body(*[LINE] * 16, paragraph(4)) + SIGNATURE,
    # 23 one-line paragraphs: the first page full.
    "full": body(*[LINE] * 23),
    # 22 one-line paragraphs: one page, full to its last line.
    "one_page": body(*[LINE] * 22),
    # A 2-line paragraph after 21 lines would leave its first line alone on line 22.
    "two_lines_at_22": body(*[LINE] * 21, paragraph(2)),
    # A comma right after every full line: where LibreOffice hangs the mark in the margin.
    "every_29th_a_comma": body(LINE + "，" + (FULL + "，") * 19),
}
"""Name → Markdown of the keep-rule documents."""


def office_reference() -> bytes:
    """An ordinary office Word file: Normal without first-line indent, 10 pt after,
    single spacing, 宋体 and Calibri in a dark grey; a 首页不同 letterhead (定边镇希望小学,
    26 pt red, centred) and another header (内部资料) on the other pages; no footers;
    some text of its own."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.paragraph_format.first_line_indent = Pt(0)
    normal.paragraph_format.space_after = Pt(10)
    normal.paragraph_format.line_spacing = 1.0
    normal.font.name = "Calibri"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    normal.font.color.rgb = RGBColor(0x26, 0x26, 0x26)
    section = document.sections[0]
    section.different_first_page_header_footer = True
    letterhead = section.first_page_header.paragraphs[0]
    letterhead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = letterhead.add_run("定边镇希望小学")
    run.font.size = Pt(26)
    run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    section.header.paragraphs[0].text = "内部资料"
    document.add_paragraph("这段参考正文不会出现在生成的文档里。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
