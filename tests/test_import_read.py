"""``import`` reads a file into blocks as a person sees the page: the words in order, and
the hints that tell a title or a heading from body text (alignment, bold, size, style).
"""

from __future__ import annotations

from pathlib import Path

import docx
import import_docs as typed
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Pt
from helpers import EXAMPLES, run_in_process

from planmaker.importer.blocks import Paragraph, Table
from planmaker.importer.read import read_document


def paragraphs(blocks) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph)]


def texts(blocks) -> list[str]:
    return [b.text if isinstance(b, Paragraph) else "<table>" for b in blocks]


def test_a_typed_word_plan_reads_in_order_with_what_its_page_shows(office_plan):
    blocks = read_document(office_plan).blocks
    assert texts(blocks) == [
        typed.ORG,
        typed.TITLE,
        typed.PREAMBLE,
        "一、工作目标",
        *typed.GOALS,
        "二、" + typed.NUMBERED,  # Word's own number, printed but not in the text
        typed.BOXED,  # the text box, where it is anchored
        "三、具体安排",
        "<table>",
        "附件： 校历表",  # a tab is a space
        *typed.SIGNATURE,
    ]  # the footer's page number is not body
    org, title = blocks[0], blocks[1]  # one paragraph broken with Shift+Enter: two lines
    for line in (org, title):
        assert (line.align, line.bold, line.size, line.style, line.level) == (
            "center",
            True,
            22.0,
            None,
            None,
        )
    preamble, heading = blocks[2], blocks[3]
    assert (preamble.align, preamble.bold) == ("left", False)
    assert heading.bold and heading.level is None
    styled = blocks[8]
    assert (styled.style, styled.level) == ("Heading 1", 1)
    assert styled.size == 14.0  # from the Heading 1 style
    assert [b.align for b in blocks[-2:]] == ["right", "right"]
    assert [b.line for b in blocks] == sorted(b.line for b in blocks)


def test_a_week_table_keeps_its_columns_with_a_merged_cell_once(office_plan):
    (table,) = [b for b in read_document(office_plan).blocks if isinstance(b, Table)]
    assert table.rows == (
        (("周次",), ("日期",), ("工作内容",), ("负责人",)),
        (("第1周",), ("3.2-3.8",), ("组织报名领书", "制定各部门工作计划"), ("教务处",)),
        (("第2周",), ("3.9-3.15",), ("审议各部门工作计划",), ()),
        (("第3周",), ("3.16-3.22",), ("机动",), ()),
    )
    assert table.continued == {(2, 3)}  # 教务处 is merged down into week 2's row


def numbered_docx(path: Path, fmt: str, text: str, count: int, level_text: str = "") -> Path:
    """``count`` paragraphs numbered by Word in the format ``fmt`` and ``lvlText`` ``text``."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="901"><w:lvl w:ilvl="0">'
            f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            "</w:lvl></w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{w}" w:numId="901"><w:abstractNumId w:val="901"/></w:num>')
    )
    for n in range(count):
        p = document.add_paragraph(f"第{n + 1}项工作")
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="0"/><w:numId w:val="901"/></w:numPr>')
        )
    document.save(path)
    return path


@pytest.mark.parametrize(
    ("fmt", "text", "labels"),
    [
        ("chineseCounting", "%1、", ["一、", "二、", "十、", "十一、", "十二、"]),
        (
            "chineseCountingThousand",
            "（%1）",
            ["（一）", "（二）", "（十）", "（十一）", "（十二）"],
        ),
        ("decimal", "%1.", ["1.", "2.", "10.", "11.", "12."]),
        ("decimal", "（%1）", ["（1）", "（2）", "（10）", "（11）", "（12）"]),
        ("decimalEnclosedCircle", "%1", ["①", "②", "⑩", "⑪", "⑫"]),
        ("bullet", "•", ["", "", "", "", ""]),
    ],
)
def test_words_numbering_is_written_in_front_of_the_text_as_if_typed(tmp_path, fmt, text, labels):
    path = numbered_docx(tmp_path / "列表.docx", fmt, text, 12)
    got = texts(read_document(path).blocks)
    picked = [got[i] for i in (0, 1, 9, 10, 11)]
    assert picked == [
        f"{label}第{n}项工作" for label, n in zip(labels, (1, 2, 10, 11, 12), strict=True)
    ]


def test_hints_come_through_the_style_chain_as_word_shows_them(tmp_path):
    document = docx.Document()
    base = document.styles.add_style("单位标题", 1)  # a paragraph style
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    base.font.bold, base.font.size = True, Pt(18)
    derived = document.styles.add_style("大标题", 1)
    derived.base_style = base
    derived.font.size = Pt(22)
    strong = document.styles.add_style("着重", 2)  # a character style
    strong.font.bold = True
    document.add_paragraph("定边镇希望小学工作计划", style="大标题")
    p = document.add_paragraph()
    p.add_run("一、指导思想", style="着重")
    p.add_run("  ")  # white space does not count against bold
    document.add_paragraph("半句加粗").runs[0].bold = True
    document.paragraphs[-1].add_run("半句不加粗")
    document.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph(" " * 20 + "教务处")  # pushed right with spaces, as many type it
    document.add_paragraph("\t\t\t2026年2月21日")  # or with tabs
    path = tmp_path / "样式.docx"
    document.save(path)
    title, heading, mixed, signed, dated = read_document(path).blocks
    assert (title.align, title.bold, title.size, title.style) == ("center", True, 22.0, "大标题")
    assert heading.bold and heading.style is None
    assert not mixed.bold and mixed.text == "半句加粗半句不加粗"
    assert (signed.text, signed.align) == ("教务处", "right")
    assert (dated.text, dated.align) == ("2026年2月21日", "right")


def test_an_outline_level_is_a_level(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("二、工作措施")
    p._p.get_or_add_pPr().append(
        parse_xml(
            '<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' w:val="1"/>'
        )
    )
    path = tmp_path / "大纲.docx"
    document.save(path)
    (block,) = read_document(path).blocks
    assert block.level == 2


@pytest.mark.parametrize(
    ("encoding", "line_end"),
    [("gb18030", "\r\n"), ("utf-16", "\r\n"), ("utf-8-sig", "\n"), ("utf-8", "\r")],
)
def test_a_text_file_reads_in_any_encoding_render_reads(tmp_path, encoding, line_end):
    path = tmp_path / "计划.txt"
    path.write_bytes(typed.plain_text(encoding, line_end))
    blocks = read_document(path).blocks
    assert texts(blocks) == [line for line in typed.PLAIN_LINES if line]
    assert blocks[-1].line == len(typed.PLAIN_LINES)  # the blank line counted, not kept
    assert {(b.align, b.bold, b.size) for b in blocks} == {(None, False, None)}


def test_markdown_markup_becomes_hints(tmp_path):
    path = tmp_path / "计划.md"
    path.write_text(typed.MARKDOWN, encoding="utf-8")
    blocks = read_document(path).blocks
    assert texts(blocks) == [
        typed.ORG,
        typed.TITLE,
        typed.PREAMBLE,
        "一、工作目标",
        "重点是规范办学行为",
        "1.依法治教，规范办学行为。",  # an ordered item keeps its number as typed
        "2.深化课程改革。",
        "注重过程管理",  # a bullet goes
        "第二行接着写",  # a line of its own stays one
        "<table>",
        *typed.SIGNATURE,
    ]
    title = blocks[:2]
    assert [(b.align, b.bold, b.level) for b in title] == [("center", True, None)] * 2
    assert blocks[3].level == 1 and blocks[3].align is None  # ## under a title: level 1
    assert blocks[4].bold and not blocks[5].bold
    assert blocks[9].rows[1][2] == ("组织报名领书", "制定计划")
    assert [b.align for b in blocks[-2:]] == ["right", "right"]
    assert blocks[0].line == 5  # after the front matter, which is not read as text


def test_planmakers_own_documents_read_back_as_printed(tmp_path):
    source = EXAMPLES / "term-plan-table.yaml"
    for fmt in ("docx", "md"):
        result = run_in_process("render", source, "-f", fmt, "-o", tmp_path / f"计划.{fmt}")
        assert result.returncode == 0, result.stderr
    md = read_document(tmp_path / "计划.md").blocks
    word = read_document(tmp_path / "计划.docx").blocks
    assert texts(word) == texts(md)  # the 落款 under the table is paragraphs, not a table
    assert [b.align for b in word[:2]] == [b.align for b in md[:2]] == ["center"] * 2
    assert [b.align for b in word[-2:]] == [b.align for b in md[-2:]] == ["right"] * 2
    word_table = next(b for b in word if isinstance(b, Table))
    md_table = next(b for b in md if isinstance(b, Table))
    assert word_table.rows == md_table.rows  # a holiday label broken to fit is one line
    levels = [[b.level for b in blocks if isinstance(b, Paragraph)] for blocks in (word, md)]
    assert levels[0] == levels[1]
    assert set(levels[0]) == {None, 1, 2, 3}


def test_a_docx_saved_with_another_suffix_is_read_for_what_it_is(tmp_path):
    path = tmp_path / "旧计划.doc"  # a .docx renamed: read without LibreOffice
    path.write_bytes(typed.office_docx())
    assert texts(read_document(path).blocks)[0] == typed.ORG
    assert read_document(path).notes == ()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
)


def test_only_the_words_a_page_shows_are_read_each_once(tmp_path):
    def box(text: str) -> str:
        return f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"

    document = docx.Document()
    p = document.add_paragraph("一、")
    for xml in (
        "<w:hyperlink><w:r><w:t>指导</w:t></w:r></w:hyperlink>",
        "<w:ins><w:r><w:t>思想</w:t></w:r></w:ins>",  # a tracked insertion shows
        "<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>",  # a deletion does not
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的</w:t></w:r>",  # nor hidden text
        # Word 2010 writes a text box twice: the drawing, and a copy for older Word
        "<w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx>"
        + box("框里的字")
        + "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        + box("框里的字")
        + "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        "<w:r><w:t>（续）</w:t></w:r>",
    ):
        p._p.append(parse_xml(xml.replace(">", f" {NAMESPACES}>", 1)))
    path = tmp_path / "修订.docx"
    document.save(path)
    assert texts(read_document(path).blocks) == ["一、指导思想", "框里的字", "（续）"]


def test_markdown_without_a_title_counts_levels_from_its_first_hash(tmp_path):
    path = tmp_path / "笔记.md"
    path.write_text("开学前的准备\n\n# 一、工作目标\n\n## （一）常规\n", encoding="utf-8")
    blocks = read_document(path).blocks
    assert [(b.text, b.level, b.align) for b in blocks] == [
        ("开学前的准备", None, None),
        ("一、工作目标", 1, None),  # not a title: something came before it
        ("（一）常规", 2, None),
    ]


def test_a_page_break_in_a_text_file_parts_paragraphs_and_keeps_line_numbers(tmp_path):
    path = tmp_path / "导出.txt"
    path.write_bytes("一、工作目标\r\n规范办学\x0c二、主要工作\r\n\r\n教务处\r\n".encode())
    blocks = read_document(path).blocks
    assert [(b.text, b.line) for b in blocks] == [
        ("一、工作目标", 1),
        ("规范办学", 2),
        ("二、主要工作", 2),
        ("教务处", 4),
    ]


def test_numbering_set_on_heading_styles_counts_levels_as_word_does(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="902">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%3."/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{W}" w:numId="902"><w:abstractNumId w:val="902"/></w:num>')
    )
    for level, name in enumerate(("Heading 1", "Heading 2", "Heading 3")):
        style = document.styles[name]
        style.element.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="902"/></w:numPr>'
            )
        )
    for text, style in (
        ("指导思想", "Heading 1"),
        ("主要工作", "Heading 1"),
        ("教学常规", "Heading 2"),
        ("备课", "Heading 3"),
        ("上课", "Heading 3"),
        ("教研活动", "Heading 2"),
        ("听课", "Heading 3"),
        ("保障措施", "Heading 1"),
    ):
        document.add_paragraph(text, style=style)
    path = tmp_path / "多级.docx"
    document.save(path)
    blocks = read_document(path).blocks
    assert [(b.text, b.level) for b in blocks] == [
        ("一、指导思想", 1),
        ("二、主要工作", 1),
        ("（一）教学常规", 2),
        ("1.备课", 3),
        ("2.上课", 3),
        ("（二）教研活动", 2),
        ("1.听课", 3),  # a deeper level starts again under a new parent
        ("三、保障措施", 1),
    ]
