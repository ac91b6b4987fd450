"""The keep rules in the DOCX: no widowed or orphaned line, no heading at a page's foot,
and a 落款 that never stands alone on a page nor splits between 署名 and 成文日期.

Word and WPS follow these properties as written; what LibreOffice makes of them is
checked on the PDF pages in test_typesetting.py."""

from __future__ import annotations

import pytest
from docxread import Docx, q, style_of, text, xp
from lxml import etree

from planmaker.markdown import parse_markdown
from planmaker.writers.docx import DocxOptions, write_docx

LINE = "一二三四五六七八九十" * 2 + "一二三四五六"  # one first line: 26 字 after the indent
SIGNATURE = "::: signature\n\n教务处\n\n2026年2月21日\n:::\n"
TABLE = "| 周次 | 工作内容 | 负责人 |\n| --- | --- | --- |\n| 第一周 | 组织报名 | 教务处 |\n| 第二周 | 开学典礼 | 政教处 |\n"


def render(markdown: str) -> Docx:
    return Docx(write_docx(parse_markdown(markdown), DocxOptions()))


def keeps(doc: Docx, p) -> bool:
    """Whether paragraph ``p`` keeps with the next, directly or through its style."""
    for source in [p, *doc.style_chain(style_of(p))]:
        found = xp(source, "w:pPr/w:keepNext")
        if found:
            return found[0].get(q("val")) not in ("0", "false")
    return False


def test_body_text_has_widow_and_orphan_control() -> None:
    doc = render(f"{LINE}\n")
    (p,) = doc.paragraphs()
    assert doc.resolve(p, "w:pPr/w:widowControl", "val") == "1"


@pytest.mark.parametrize(
    "style", ["PlanTitle", "PlanHeading1", "PlanHeading2", "PlanHeading3", "PlanHeading4"]
)
def test_titles_and_headings_stay_whole_and_with_what_follows(style: str) -> None:
    doc = render("# 标题\n\n## 一、目标\n\n正文。\n")
    element = doc.style(style)
    assert xp(element, "w:pPr/w:keepNext") and xp(element, "w:pPr/w:keepLines")
    assert not xp(element, "w:pPr/w:keepNext/@w:val") and not xp(
        element, "w:pPr/w:keepLines/@w:val"
    )


def test_the_last_two_lines_of_the_body_keep_with_the_signature() -> None:
    # The last paragraph has two lines: it keeps with the 落款, the one before does not.
    doc = render(f"{LINE}\n\n{LINE}一二三四五六\n\n{SIGNATURE}")
    paragraphs = doc.paragraphs()
    first, last, *blanks, name, date = paragraphs
    assert [style_of(name), style_of(date)] == ["PlanSignature", "PlanDate"]
    assert [text(b) for b in blanks] == ["", ""]  # sealed: two empty lines
    assert [keeps(doc, p) for p in paragraphs] == [False, True, True, True, True, False]


def test_a_one_line_last_paragraph_takes_the_one_before_along() -> None:
    doc = render(f"{LINE}\n\n{LINE}\n\n短句。\n\n{SIGNATURE}")
    kept = [keeps(doc, p) for p in doc.paragraphs()]
    assert kept == [False, True, True, True, True, True, False]


def test_a_table_ending_the_body_is_closed_by_the_signature_as_its_last_row() -> None:
    doc = render(f"{LINE}\n\n{TABLE}\n{SIGNATURE}")
    table, closing = xp(doc.body, "w:tbl")
    # Nothing between them: laid out as one table, the 落款 its last row.
    assert doc.body.index(closing) == doc.body.index(table) + 1
    assert [etree.tostring(e) for e in xp(closing, "w:tblPr | w:tblGrid")] == [
        etree.tostring(e) for e in xp(table, "w:tblPr | w:tblGrid")
    ]
    # The table keeps its rows; its last keeps with the 落款: every paragraph of it.
    header, first, last = xp(table, "w:tr")
    assert all(keeps(doc, p) for p in xp(last, ".//w:p"))
    assert not any(keeps(doc, p) for p in xp(first, ".//w:p"))
    # One cell across the table, never split, unbordered but for the line above it,
    # no side margins: its text lines up with the body's.
    (row,) = xp(closing, "w:tr")
    assert xp(row, "w:trPr/w:cantSplit") and not xp(row, "w:trPr/w:tblHeader")
    (cell,) = xp(row, "w:tc")
    widths = [int(w) for w in xp(table, "w:tblGrid/w:gridCol/@w:w")]
    assert xp(cell, "w:tcPr/w:gridSpan/@w:val") == [str(len(widths))]
    assert xp(cell, "w:tcPr/w:tcW/@w:w") == [str(sum(widths))]
    nil = xp(cell, "w:tcPr/w:tcBorders/*[@w:val='nil']")
    assert sorted(etree.QName(side).localname for side in nil) == ["bottom", "left", "right"]
    assert xp(cell, "w:tcPr/w:tcMar/*/@w:w") == ["0", "0"]
    blank1, blank2, name, date = xp(cell, "w:p")
    assert [text(p) for p in (blank1, blank2, name, date)] == ["", "", "教务处", "2026年2月21日"]
    assert [style_of(name), style_of(date)] == ["PlanSignature", "PlanDate"]
    assert doc.resolve(date, "w:pPr/w:ind", "right") == "1280"  # 4 字, sealed
    # The body ends with a hidden paragraph 0.7 pt high, off the grid.
    end = doc.body.findall(q("p"))[-1]
    assert doc.body[-2] is end and text(end) == ""
    assert xp(end, "w:pPr/w:rPr/w:vanish") and xp(end, "w:pPr/w:snapToGrid/@w:val") == ["0"]
    assert xp(end, "w:pPr/w:spacing/@w:line") == ["14"]


def test_a_document_without_signature_is_left_as_it_was() -> None:
    doc = render(f"{LINE}\n\n{TABLE}")
    assert not any(keeps(doc, p) for p in doc.body.iter(q("p")))
    assert len(xp(doc.body, "w:tbl/w:tr")) == 3
