"""Documents to import, made the way offices type them, built once per test session.

The words are from a school's real term plan (定边镇希望小学教务处). The Word file is
typed as a clerk types it: the title centred, large and bold by direct formatting and
broken into two lines with Shift+Enter, headings typed as text (一、) in bold, a
heading numbered by Word itself (its 一、 is not in the text), a week table
(周次/日期/工作内容/负责人) whose 负责人 cells are merged down two rows, a text box, a
page number in the footer, and the 署名 and date right-aligned.
"""

from __future__ import annotations

import io
from functools import cache

ORG = "定边镇希望小学"
TITLE = "2025—2026学年第二学期教务处工作计划"
PREAMBLE = (
    "本学期是“十五五”的开局之年，我们将继续贯彻党的二十届四中全会精神，坚持科学发展观，"
    "继续以教研工作为抓手，努力提高学校教学质量，为我校今后能够更好的发展奠定坚实的基础。"
)
GOALS = ("1、依法治教，规范办学行为。", "2、深化课程改革，注重过程管理，向常规要质量。")
NUMBERED = "主要工作及要求"
"""A heading Word numbers itself (二、 in print, not in the text)."""
BOXED = "本计划经校务会讨论通过"
WEEKS = (
    ("周次", "日期", "工作内容", "负责人"),
    ("第1周", "3.2-3.8", "组织报名领书\n制定各部门工作计划", "教务处"),
    ("第2周", "3.9-3.15", "审议各部门工作计划", None),  # merged with the cell above
    ("第3周", "3.16-3.22", "机动", ""),
)
SIGNATURE = ("教务处", "2026年2月21日")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"


@cache
def office_docx() -> bytes:
    """The term plan as a .docx (see the module docstring)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(ORG)
    run.bold, run.font.size = True, Pt(22)
    run.add_break(WD_BREAK.LINE)
    run = title.add_run(TITLE)
    run.bold, run.font.size = True, Pt(22)
    document.add_paragraph(PREAMBLE)
    heading = document.add_paragraph()
    heading.add_run("一、工作目标").bold = True
    for goal in GOALS:
        document.add_paragraph(goal)
    numbered = document.add_paragraph()
    numbered.add_run(NUMBERED).bold = True
    _number(numbered, _chinese_list(document))
    boxed = document.add_paragraph()
    boxed._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}" xmlns:v="{V_NS}"><w:pict><v:shape><v:textbox>'
            f"<w:txbxContent><w:p><w:r><w:t>{BOXED}</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
        )
    )
    document.add_paragraph("三、具体安排", style="Heading 1")
    table = document.add_table(rows=len(WEEKS), cols=4)
    for r, row in enumerate(WEEKS):
        for c, text in enumerate(row):
            if text is not None:
                cell = table.cell(r, c)
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    table.cell(1, 3).merge(table.cell(2, 3))
    tabbed = document.add_paragraph("附件：\t校历表")
    tabbed.paragraph_format.first_line_indent = Pt(32)
    for line in SIGNATURE:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _chinese_list(document) -> str:
    """A list numbered 一、 二、 … (Chinese counting) added to the document; its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride></w:num>'
        )
    )
    return "90"


def _number(paragraph, num_id: str) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


PLAIN_LINES = (
    ORG,
    TITLE,
    PREAMBLE,
    "一、工作目标：",
    *GOALS,
    "二、具体安排",
    "第一周：组织报名领书，制定各部门工作计划。",
    "",
    "教务处  2026年2月21日",
)


def plain_text(encoding: str, line_end: str = "\r\n") -> bytes:
    """The plan as a text file in ``encoding`` with ``line_end`` (a blank line kept)."""
    data = line_end.join(PLAIN_LINES) + line_end
    return data.encode(encoding)


MARKDOWN = f"""---
fonts: gb
---

# {ORG}

# {TITLE}

{PREAMBLE}

## 一、工作目标

**重点是规范办学行为**

1. 依法治教，规范办学行为。
2. 深化课程改革。

- 注重过程管理
第二行接着写

| 周次 | 日期 | 工作内容 | 负责人 |
| --- | --- | --- | --- |
| 第1周 | 3.2-3.8 | 组织报名领书<br>制定计划 | 教务处 |

::: signature

教务处

2026年2月21日
:::
"""
