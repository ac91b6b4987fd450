"""The DOCX follows GB/T 9704-2012 as docs/layout.md spells it out: read it back and
check page, grid, fonts, sizes, indents, tables, signature and page numbers."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from docxread import Docx, q, style_of, text, xp

from planmaker.booleans import BOOL_OF
from planmaker.errors import PlanError
from planmaker.markdown import parse_markdown
from planmaker.writers import WRITERS, get_writer
from planmaker.writers.docx import DocxOptions, write_docx

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
PLAN = (FIXTURES / "plan_numbered.md").read_text(encoding="utf-8")
LONG = (FIXTURES / "long_body.md").read_text(encoding="utf-8")

SIGNATURE = "::: signature\n{name}\n\n{date}\n:::\n"


def render(markdown: str, **options: object) -> Docx:
    return Docx(write_docx(parse_markdown(markdown), DocxOptions(**options)))  # type: ignore[arg-type]


def with_front_matter(markdown: str, **settings: str) -> str:
    """``markdown`` (without front matter of its own) behind one carrying ``settings``."""
    lines = "".join(f"{key}: {value}\n" for key, value in settings.items())
    return f"---\n{lines}---\n\n{markdown}"


@pytest.fixture(scope="module")
def plan() -> Docx:
    return render(PLAN)


@pytest.fixture(scope="module")
def long_body() -> Docx:
    return render(LONG)


def body_paragraphs(doc: Docx, style: str | None) -> list:
    return [p for p in doc.paragraphs() if style_of(p) == style]


def twips(doc: Docx, p, attr: str) -> int | None:
    value = doc.resolve(p, "w:pPr/w:ind", attr)
    return None if value is None else int(value)


# -- page -------------------------------------------------------------------------


def test_page_is_a4_with_the_standard_margins(plan: Docx) -> None:
    size = plan.sectpr.find(q("pgSz"))
    margins = plan.sectpr.find(q("pgMar"))
    assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
    assert {k: int(margins.get(q(k))) for k in ("top", "left", "right", "bottom")} == {
        "top": 2098,
        "left": 1587,
        "right": 1474,
        "bottom": 1984,
    }
    assert abs(int(margins.get(q("footer"))) - 1446) <= 30


def test_line_grid_has_22_lines_and_no_character_grid(plan: Docx) -> None:
    grid = plan.sectpr.find(q("docGrid"))
    assert grid.get(q("type")) == "lines"
    assert grid.get(q("linePitch")) == "579"
    assert grid.get(q("charSpace")) is None


def test_page_numbers_alternate_sides_with_dashes(plan: Docx) -> None:
    assert xp(plan.settings, "w:evenAndOddHeaders")
    sides = {"default": ("right", "right"), "even": ("left", "left")}
    for kind, (jc, side) in sides.items():
        footer = plan.footer(kind)
        assert any("PAGE" in t for t in xp(footer, ".//w:instrText/text()")), kind
        p = xp(footer, "w:p")[0]
        assert text(p).replace(" ", "") == "—1—"
        assert plan.resolve(p, "w:pPr/w:jc", "val") == jc
        assert plan.resolve(p, "w:pPr/w:ind", side) == "280"
        assert plan.resolve(p, "w:pPr/w:ind", "firstLine") == "0"
        assert plan.resolve(p, "w:pPr/w:ind", "firstLineChars") == "0"
        assert plan.resolve(p, "w:pPr/w:snapToGrid", "val") == "0"
        assert plan.resolve(p, "w:rPr/w:sz", "val") == "28"
        for slot in ("ascii", "hAnsi", "eastAsia"):
            assert plan.resolve(p, "w:rPr/w:rFonts", slot) == "宋体"
        assert xp(p, "w:r[w:t[contains(., '—')]]/w:rPr/w:rFonts[@w:hint='eastAsia']")


# -- styles -----------------------------------------------------------------------


def test_body_is_sanhao_fangsong_with_two_character_indent(plan: Docx) -> None:
    p = body_paragraphs(plan, None)[1]
    assert text(p).startswith("本学期")
    expected = {
        ("w:rPr/w:rFonts", "eastAsia"): "仿宋_GB2312",
        ("w:rPr/w:rFonts", "ascii"): "Times New Roman",
        ("w:rPr/w:rFonts", "hAnsi"): "Times New Roman",
        ("w:rPr/w:sz", "val"): "32",
        ("w:rPr/w:spacing", "val"): "-5",
        ("w:pPr/w:spacing", "line"): "579",
        ("w:pPr/w:spacing", "lineRule"): "exact",
        ("w:pPr/w:ind", "firstLineChars"): "200",
        ("w:pPr/w:ind", "firstLine"): "640",
        ("w:pPr/w:jc", "val"): "both",
        ("w:pPr/w:widowControl", "val"): "1",
    }
    assert {key: plan.resolve(p, *key) for key in expected} == expected


def test_defaults_are_chinese_not_the_templates_japanese(plan: Docx) -> None:
    defaults = xp(plan.styles, "w:docDefaults")[0]
    assert xp(defaults, "w:rPrDefault/w:rPr/w:rFonts/@w:eastAsia") == ["仿宋_GB2312"]
    assert xp(defaults, "w:rPrDefault/w:rPr/w:lang/@w:eastAsia") == ["zh-CN"]
    assert not xp(defaults, "w:pPrDefault//w:spacing")
    assert xp(plan.settings, "w:themeFontLang/@w:eastAsia") == ["zh-CN"]
    assert not xp(plan.styles, "//w:rFonts[@w:eastAsiaTheme]")


def test_font_table_names_fallbacks_for_gb_fonts(plan: Docx) -> None:
    fonts = plan.parts["word/fontTable.xml"]
    alt = {f.get(q("name")): xp(f, "w:altName/@w:val")[0] for f in xp(fonts, "w:font[w:altName]")}
    assert "仿宋" in alt["仿宋_GB2312"] and "FangSong" in alt["仿宋_GB2312"]
    assert "楷体" in alt["楷体_GB2312"]
    assert "宋体" in alt["方正小标宋简体"]


def test_title_lines_are_centred_erhao_xiaobiaosong(plan: Docx) -> None:
    titles = body_paragraphs(plan, "PlanTitle")
    assert [text(p) for p in titles] == ["定边镇希望小学", "2025—2026学年第二学期教务处工作计划"]
    for p in titles:
        assert plan.resolve(p, "w:pPr/w:jc", "val") == "center"
        assert plan.resolve(p, "w:rPr/w:sz", "val") == "44"
        assert plan.resolve(p, "w:rPr/w:rFonts", "eastAsia") == "方正小标宋简体"
        assert plan.resolve(p, "w:pPr/w:ind", "firstLineChars") == "0"
        assert plan.resolve(p, "w:pPr/w:ind", "firstLine") == "0"
        assert plan.resolve(p, "w:pPr/w:spacing", "lineRule") == "exact"
        assert plan.resolve(p, "w:rPr/w:b", "val") == "0"
    # One empty line between the title block and the body (docs/layout.md §7).
    paragraphs = plan.paragraphs()
    after = paragraphs.index(titles[-1]) + 1
    assert text(paragraphs[after]) == "" and text(paragraphs[after + 1]).startswith("本学期")


@pytest.mark.parametrize(
    ("label", "font", "level"),
    [
        ("一、", "黑体", "0"),
        ("（一）", "楷体_GB2312", "1"),
        ("1.严格", "仿宋_GB2312", "2"),
        ("（1）", "仿宋_GB2312", "3"),
    ],
)
def test_heading_levels_use_their_faces(plan: Docx, label: str, font: str, level: str) -> None:
    p = next(p for p in plan.paragraphs() if text(p).startswith(label) and style_of(p))
    assert plan.resolve(p, "w:rPr/w:rFonts", "eastAsia") == font
    assert plan.resolve(p, "w:rPr/w:rFonts", "ascii") == "Times New Roman"
    assert plan.resolve(p, "w:pPr/w:outlineLvl", "val") == level
    assert plan.resolve(p, "w:rPr/w:b", "val") == "0"
    assert plan.resolve(p, "w:rPr/w:sz", "val") == "32"
    assert plan.resolve(p, "w:pPr/w:ind", "firstLineChars") == "200"
    assert (
        plan.resolve(p, "w:pPr/w:spacing", "line"),
        plan.resolve(p, "w:pPr/w:spacing", "lineRule"),
    ) == (
        "579",
        "exact",
    )


def test_windows_fonts_variant(plan: Docx) -> None:
    doc = render(PLAN.replace("fonts: gb", "fonts: windows"))
    faces = {
        style: doc.resolve(None, "w:rPr/w:rFonts", "eastAsia", style_id=style)
        for style in ("PlanTitle", "PlanHeading1", "PlanHeading2", "PlanHeading3", "PlanTable")
    }
    assert faces == {
        "PlanTitle": "宋体",
        "PlanHeading1": "黑体",
        "PlanHeading2": "楷体",
        "PlanHeading3": "仿宋",
        "PlanTable": "仿宋",
    }
    assert doc.resolve(None, "w:rPr/w:rFonts", "eastAsia") == "仿宋"
    assert doc.texts() == plan.texts()


# -- content ----------------------------------------------------------------------


def test_paragraphs_come_in_order_with_all_their_text(plan: Docx) -> None:
    assert [t for t in plan.texts() if t] == [
        "定边镇希望小学",
        "2025—2026学年第二学期教务处工作计划",
        "本学期，我们将继续**贯彻**，a|b <br> &amp; # x",
        "一、工作目标",
        "1.依法治教，规范办学行为。",
        "2.深化课程改革。",
        "二、主要工作及要求",
        "（一）依法执教，教师职业操守的基本准则。",
        "1.严格执行",
        "（1）开齐课程",
        "正文 加粗",
        "三、具体安排",
        "附件：1.教务处周次安排表",
        "2.其他",
        "教务处",
        "2026年2月21日",
    ]


def test_no_inline_text_is_lost(long_body: Docx) -> None:
    written = "".join(text(p) for p in long_body.body.iter(q("p")))
    for token in parse_markdown(LONG):
        for child in token.children or []:
            if child.type == "text":
                assert child.content in written


def test_escaped_markdown_comes_out_literally(plan: Docx) -> None:
    p = next(p for p in plan.paragraphs() if text(p).startswith("本学期"))
    assert text(p) == "本学期，我们将继续**贯彻**，a|b <br> &amp; # x"
    assert not xp(p, ".//w:b")


def test_strong_becomes_a_bold_run(plan: Docx) -> None:
    p = next(p for p in plan.paragraphs() if text(p).startswith("正文"))
    bold = ["".join(xp(r, "w:t/text()")) for r in xp(p, "w:r[w:rPr/w:b]")]
    plain = ["".join(xp(r, "w:t/text()")) for r in xp(p, "w:r[not(w:rPr/w:b)]")]
    assert bold == ["加粗"] and plain == ["正文 "]


def test_shared_punctuation_asks_for_the_chinese_face(plan: Docx) -> None:
    p = next(p for p in plan.paragraphs() if "—" in text(p))
    for r in xp(p, "w:r[contains(w:t, '—')]"):
        assert xp(r, "w:rPr/w:rFonts/@w:hint") == ["eastAsia"]


def test_core_properties_and_reproducible_output() -> None:
    tokens = parse_markdown(PLAN)
    first, second = write_docx(tokens, DocxOptions()), write_docx(tokens, DocxOptions())
    assert first == second
    props = Docx(first).document.core_properties
    assert props.title == "定边镇希望小学"
    assert props.language == "zh-CN"
    assert props.created == props.modified == datetime(1980, 1, 1, tzinfo=timezone.utc)
    when = datetime(2026, 2, 21, 16, 30, tzinfo=timezone(timedelta(hours=8)))
    stamped = Docx(write_docx(tokens, DocxOptions(created=when))).document.core_properties
    assert stamped.created == stamped.modified == when


def test_app_properties_name_planmaker_and_carry_no_stale_counts() -> None:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(write_docx(parse_markdown(PLAN), DocxOptions()))) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "<Application>planmaker</Application>" in app
    assert "Microsoft" not in app and "<Pages>" not in app and "<Words>" not in app


# -- tables -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def table(plan: Docx):
    return plan.body.find(q("tbl"))


def test_table_header_repeats_and_short_rows_never_split(plan: Docx, table) -> None:
    rows = xp(table, "w:tr")
    assert [bool(xp(r, "w:trPr/w:tblHeader")) for r in rows] == [True, False, False]
    assert all(xp(r, "w:trPr/w:cantSplit") for r in rows)
    header_cell = xp(rows[0], "w:tc/w:p")[0]
    assert plan.resolve(header_cell, "w:rPr/w:rFonts", "eastAsia") == "黑体"


def test_table_fits_the_block_and_is_centred(table) -> None:
    widths = [int(w) for w in xp(table, "w:tblGrid/w:gridCol/@w:w")]
    assert sum(widths) <= 8845
    assert int(xp(table, "w:tblPr/w:tblW/@w:w")[0]) == sum(widths)
    assert xp(table, "w:tblPr/w:jc/@w:val") == ["center"]
    for edge in xp(table, "w:tblPr/w:tblBorders/*"):
        assert (edge.get(q("val")), edge.get(q("sz"))) == ("single", "4")
    # 负责人 (short) is narrower than 周次, which is narrower than the column with most text.
    assert widths[3] < widths[0] < max(widths)
    for row in xp(table, "w:tr"):
        assert [int(w) for w in xp(row, "w:tc/w:tcPr/w:tcW/@w:w")] == widths


def test_table_cells_leave_the_grid_and_body_indent(plan: Docx, table) -> None:
    for p in xp(table, ".//w:p"):
        assert plan.resolve(p, "w:pPr/w:ind", "firstLineChars") == "0"
        assert plan.resolve(p, "w:pPr/w:ind", "firstLine") == "0"
        assert plan.resolve(p, "w:pPr/w:snapToGrid", "val") == "0"
        assert plan.resolve(p, "w:rPr/w:sz", "val") in ("28", "24")
        assert plan.resolve(p, "w:rPr/w:rFonts", "eastAsia") in ("仿宋_GB2312", "黑体")
    for cell in xp(table, "w:tr/w:tc"):
        assert xp(cell, "w:tcPr/w:vAlign/@w:val") == ["center"]


def test_br_in_a_cell_starts_a_new_line_in_the_cell(table) -> None:
    cell = xp(table, "w:tr[2]/w:tc[3]")[0]
    assert [text(p) for p in xp(cell, "w:p")] == ["组织报名领书", "制定计划（备注）"]


def test_long_text_column_is_widest_and_left_aligned() -> None:
    rows = "".join(
        f"| {n} | 第{n}周 | {'组织教师学习课程标准并制定各科教学计划' * 2} |\n" for n in range(1, 4)
    )
    doc = render(f"| 周次 | 日期 | 工作内容 |\n| --- | --- | --- |\n{rows}")
    table = doc.body.find(q("tbl"))
    widths = [int(w) for w in xp(table, "w:tblGrid/w:gridCol/@w:w")]
    assert widths[2] == max(widths) and widths[2] > 8845 // 2
    assert sum(widths) == 8845
    cells = xp(table, "w:tr[2]/w:tc/w:p")
    assert [doc.resolve(p, "w:pPr/w:jc", "val") for p in cells] == ["center", "center", "left"]


def test_a_table_of_figures_shares_the_width_and_centres_every_cell() -> None:
    doc = render(
        "| 计划 | 已完成 | 部分完成 | 取消 | 未完成 | 完成率 |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| 12 | 8 | 2 | 1 | 1 | 66.7% |\n"
    )
    table = doc.body.find(q("tbl"))
    widths = [int(w) for w in xp(table, "w:tblGrid/w:gridCol/@w:w")]
    assert sum(widths) == 8845
    assert max(widths) - min(widths) < 8845 // 12  # no column takes the leftover alone
    cells = xp(table, "w:tr[2]/w:tc/w:p")
    assert {doc.resolve(p, "w:pPr/w:jc", "val") for p in cells} == {"center"}


# -- signature and attachments ----------------------------------------------------


def signature_indents(
    seal: str, name: str = "教务处", date: str = "2026年2月21日"
) -> tuple[int, int]:
    doc = render(
        with_front_matter("正文。\n\n" + SIGNATURE.format(name=name, date=date), seal=seal)
    )
    name_p, date_p = body_paragraphs(doc, "PlanSignature") + body_paragraphs(doc, "PlanDate")
    for p in (name_p, date_p):
        assert doc.resolve(p, "w:pPr/w:jc", "val") == "right"
        assert twips(doc, p, "firstLine") == 0
        assert twips(doc, p, "firstLineChars") == 0
    return twips(doc, name_p, "right"), twips(doc, date_p, "right")  # type: ignore[return-value]


def test_sealed_signature_centres_the_name_over_a_date_four_characters_in() -> None:
    # 2026年2月21日 is 6.5 字; 教务处 3 字 → name right indent 4 + 1.75 字.
    assert signature_indents("true") == (1840, 1280)


def test_unsealed_signature_starts_the_date_two_characters_right_of_the_name() -> None:
    # docs/layout.md §9's example: name 7.5 字 = 2400 twips, date 2 字.
    assert signature_indents("false") == (2400, 640)


def test_unsealed_signature_with_a_long_name_keeps_the_name_two_characters_in() -> None:
    name, date = signature_indents("false", name="定边镇希望小学教务处")
    assert name == 640 and date == (10 - 6.5) * 320


@pytest.mark.parametrize(("word", "sealed"), sorted(BOOL_OF.items()))
def test_a_hand_written_seal_setting_takes_the_yes_no_words_yaml_takes(
    word: str, sealed: bool
) -> None:
    expected = signature_indents("true" if sealed else "false")
    assert signature_indents(word) == expected
    assert signature_indents(word.upper()) == expected


def test_blank_lines_before_the_signature_leave_room_for_the_seal() -> None:
    for seal, blanks in (("true", 2), ("false", 1)):
        doc = render(
            with_front_matter(
                "正文。\n\n" + SIGNATURE.format(name="教务处", date="2026年3月2日"), seal=seal
            )
        )
        texts = doc.texts()
        assert texts[texts.index("正文。") + 1 : texts.index("教务处")] == [""] * blanks


def test_attachments_hang_under_the_first_name(plan: Docx) -> None:
    first, second = body_paragraphs(plan, "PlanAttachment")
    paragraphs = plan.paragraphs()
    assert text(paragraphs[paragraphs.index(first) - 1]) == ""
    # 附件：1. is 4 字: wrapped lines start 2 + 4 字 in, the first line 2 字 in.
    assert (twips(plan, first, "left"), twips(plan, first, "hanging")) == (1920, 1280)
    # 2. (1 字) starts under 1.: left 6 字, hanging 1 字.
    assert (twips(plan, second, "left"), twips(plan, second, "hanging")) == (1920, 320)
    assert twips(plan, second, "hangingChars") == 100


# -- errors, schema order, the writer table -----------------------------------------


@pytest.mark.parametrize(
    ("markdown", "line", "what"),
    [
        ("正文\n\n- a\n- b\n", 3, "bullet_list_open"),
        ("正文\n\n<div>x</div>\n", 3, "<div>x</div>"),
        ("正文 <span>x</span>\n", 1, "<span>"),
        ("正文<br>续\n", 1, "<br>"),
        ("正文 *强调*\n", 1, "em_open"),
        ("###### 六级\n", 1, "heading h6"),
    ],
)
def test_markdown_outside_the_dialect_is_an_error_with_its_line(
    markdown: str, line: int, what: str
) -> None:
    with pytest.raises(PlanError) as caught:
        write_docx(parse_markdown(markdown), DocxOptions())
    assert caught.value.code == "markdown.unsupported"
    assert caught.value.where.line == line
    assert caught.value.params["what"] == what


def test_a_character_a_docx_cannot_hold_is_refused_with_its_line() -> None:
    with pytest.raises(PlanError) as caught:
        write_docx(parse_markdown("正文\n\n第二\x0b段\n"), DocxOptions())
    assert caught.value.code == "text.bad_char"
    assert caught.value.where.line == 3
    assert caught.value.params["char"] == "U+000B"


SCHEMA_ORDER = {
    "pPr": [
        "pStyle",
        "keepNext",
        "keepLines",
        "widowControl",
        "autoSpaceDE",
        "autoSpaceDN",
        "snapToGrid",
        "spacing",
        "ind",
        "jc",
        "outlineLvl",
        "rPr",
    ],
    "rPr": ["rFonts", "b", "bCs", "spacing", "sz", "szCs", "lang"],
    "sectPr": ["headerReference", "footerReference", "pgSz", "pgMar", "cols", "docGrid"],
    "tblPr": ["tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblCellMar", "tblLook"],
    "trPr": ["cantSplit", "trHeight", "tblHeader"],
    "tcPr": ["tcW", "gridSpan", "tcBorders", "tcMar", "vAlign"],
}


def test_property_children_are_in_schema_order(plan: Docx) -> None:
    checked = 0
    for part in plan.parts.values():
        for parent, order in SCHEMA_ORDER.items():
            for element in part.iter(q(parent)):
                names = [etree_local(c) for c in element if etree_local(c) in order]
                assert names == sorted(names, key=order.index), (parent, names)
                checked += 1
    assert checked > 50


def etree_local(element) -> str:
    return element.tag.rpartition("}")[2]


def test_unknown_format_is_an_error_and_the_table_imports_no_docx() -> None:
    assert set(WRITERS) == {"docx", "txt", "pdf"}
    with pytest.raises(PlanError) as caught:
        get_writer("odt")
    assert caught.value.code == "output.unknown_format" and caught.value.params == {"format": "odt"}
    probe = "import sys, planmaker.writers; print('docx' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip()
        == "False"
    )


def test_output_is_a_plain_ooxml_package(plan: Docx) -> None:
    with zipfile.ZipFile(io.BytesIO(plan.data)) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
    assert names[0] == "[Content_Types].xml"
    assert {"word/document.xml", "word/styles.xml", "docProps/core.xml"} <= set(names)
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in names)


# -- a unit's reference DOCX ---------------------------------------------------------


def make_reference(*, own_title_style: bool = False) -> bytes:
    """A unit's template: 楷体 15 pt body, a letterhead line in the header, Letter paper."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt

    reference = docx.Document()
    normal = reference.styles["Normal"]
    normal.font.size = Pt(15)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    reference.sections[0].header.paragraphs[0].text = "某某县教育局文件"
    if own_title_style:
        reference.styles.add_style("PlanTitle", WD_STYLE_TYPE.PARAGRAPH).font.size = Pt(18)
    reference.add_paragraph("参考文档自己的正文")
    buffer = io.BytesIO()
    reference.save(buffer)
    return buffer.getvalue()


def test_an_office_reference_gives_its_face_and_header_and_the_gb_layout_stays(
    plan: Docx,
) -> None:
    doc = render(PLAN, reference_docx=make_reference())
    assert doc.texts() == plan.texts()
    body = next(p for p in doc.paragraphs() if text(p).startswith("本学期"))
    assert doc.resolve(body, "w:rPr/w:rFonts", "eastAsia") == "楷体"
    # Size and page stay GB/T 9704's: 三号 on A4 (the reference is 15 pt on Letter).
    assert doc.resolve(body, "w:rPr/w:sz", "val") == "32"
    assert doc.sectpr.find(q("pgSz")).get(q("w")) == "11906"
    headers = {ref.get(q("type")) for ref in xp(doc.sectpr, "w:headerReference")}
    assert headers == {"default", "even"}
    assert any(
        "某某县教育局文件" in text(part) for part in doc.parts.values() if part.tag == q("hdr")
    )
    # The reference has no footer: the page numbers are ours.
    assert xp(doc.footer("default"), ".//w:instrText[contains(., 'PAGE')]")
    title = body_paragraphs(doc, "PlanTitle")[0]
    assert doc.resolve(title, "w:rPr/w:rFonts", "eastAsia") == "方正小标宋简体"
    assert doc.resolve(title, "w:rPr/w:sz", "val") == "44"
    heading = next(p for p in doc.paragraphs() if text(p) == "一、工作目标")
    assert doc.resolve(heading, "w:rPr/w:rFonts", "eastAsia") == "黑体"


def test_a_style_the_reference_defines_wins_whole() -> None:
    doc = render(PLAN, reference_docx=make_reference(own_title_style=True))
    title = body_paragraphs(doc, "PlanTitle")[0]
    assert doc.resolve(title, "w:rPr/w:sz", "val") == "36"
    assert doc.resolve(title, "w:rPr/w:rFonts", "eastAsia") != "方正小标宋简体"
    assert doc.resolve(title, "w:pPr/w:jc", "val") != "center"
    assert len(xp(doc.styles, "w:style[@w:styleId='PlanTitle']")) == 1


def test_a_broken_reference_is_an_error() -> None:
    with pytest.raises(PlanError) as caught:
        write_docx(parse_markdown(PLAN), DocxOptions(reference_docx=b"not a docx"))
    assert caught.value.code == "docx.bad_reference"


def test_dates_stay_on_one_line_while_long_notes_wrap() -> None:
    row = (
        "| 第{n}周 | 5月18日—5月31日<br>劳动节放假（5月1日—5日），劳动节调休上班（5月9日） "
        "| 组织期末复习工作，安排放假工作，放假时间以县教育局通知为准 | 教务处 |\n"
    )
    table = "| 周次 | 日期 | 工作内容 | 负责人 |\n| --- | --- | --- | --- |\n"
    doc = render(table + "".join(row.format(n=n) for n in range(1, 6)))
    widths = [int(w) for w in xp(doc.body.find(q("tbl")), "w:tblGrid/w:gridCol/@w:w")]
    assert sum(widths) == 8845
    # 5月18日—5月31日: 5 characters and 6 digits = 8 字 of 四号 (280 twips), plus margins.
    assert widths[1] >= 8 * 280 + 216
    # The note (about 22 字) wraps; 负责人 (3 字) and 周次 (第1周: 2.5 字 and the space
    # LibreOffice puts on each side of the digit, a fifth of a 字) keep their labels whole.
    assert widths[1] < 22 * 280
    assert widths[0] >= (25 + 4) * 28 + 216
    assert widths[3] >= 3 * 280 + 216
