"""Tables proportioned as a person would: the text column widest, labels whole or broken
at their natural points, body text left and labels centred, empty columns left out,
tall rows free to split, a dense table set smaller. Read back from the DOCX; one
LibreOffice conversion checks the printed lines."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date
from itertools import accumulate
from pathlib import Path

import pytest
from conftest import EXAMPLES
from docxread import Docx, q, text, xp

from planmaker.markdown import parse_markdown
from planmaker.pipeline import RenderOptions, render_file
from planmaker.writers.docx import DocxOptions, write_docx
from planmaker.writers.pdf import find_soffice

BLOCK = 8845  # twips of the text block
MARGINS = 2 * 108  # a cell's left and right margins
TODAY = date(2026, 2, 21)
SCHEDULE_TABLES = sorted(
    path
    for path in [EXAMPLES / "term-plan-table.yaml", *EXAMPLES.glob("district/*/*-plan.yaml")]
    if re.search(r"(?m)^\s*layout: table", path.read_text(encoding="utf-8"))
)


def render_markdown(markdown: str) -> Docx:
    return Docx(write_docx(parse_markdown(markdown), DocxOptions()))


def render_yaml(path: Path) -> Docx:
    return Docx(render_file(path, RenderOptions("docx", today=TODAY)).data)


def grid(table) -> list[int]:
    return [int(w) for w in xp(table, "w:tblGrid/w:gridCol/@w:w")]


def row_texts(table) -> list[list[str]]:
    return [[cell_lines(tc) for tc in xp(tr, "w:tc")] for tr in xp(table, "w:tr")]


def cell_lines(tc) -> str:
    """A cell's text, one line per paragraph, without the breaks added inside labels."""
    return "\n".join(text(p) for p in xp(tc, "w:p"))


def printed_pieces(p) -> list[str]:
    """A cell paragraph's text cut at the line breaks written into it."""
    pieces = [""]
    for element in xp(p, "w:r/*"):
        if element.tag == q("br"):
            pieces.append("")
        elif element.tag == q("t"):
            pieces[-1] += element.text or ""
    return pieces


def table_size(doc: Docx, table) -> int:
    """Half-points of the table's text: its runs' own ``w:sz``, else the style's."""
    sizes = set(xp(table, ".//w:r/w:rPr/w:sz/@w:val"))
    assert len(sizes) <= 1
    if sizes:
        return int(sizes.pop())
    return int(doc.resolve(xp(table, ".//w:p")[0], "w:rPr/w:sz", "val"))


def natural_twips(label: str, half_points: int) -> int:
    """Width of a one-line label: 字 and digits, LibreOffice's space between them, margins."""
    tenths = sum(10 if ord(ch) > 0x2000 else 5 for ch in label)
    tenths += 2 * len(re.findall(r"(?<=[\u4e00-\u9fff])\d|\d(?=[\u4e00-\u9fff])", label))
    return tenths * half_points + MARGINS


# -- widths ------------------------------------------------------------------------


def example_id(path: Path) -> str:
    return path.stem if path.parent == EXAMPLES else f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", SCHEDULE_TABLES, ids=example_id)
def test_every_schedule_table_gives_the_text_column_the_most_width(path: Path) -> None:
    doc = render_yaml(path)
    table = doc.body.find(q("tbl"))
    widths = grid(table)
    header = row_texts(table)[0]
    task = widths[header.index("工作内容")]
    assert sum(widths) == BLOCK
    assert task == max(widths)
    for row in xp(table, "w:tr"):
        assert [int(w) for w in xp(row, "w:tc/w:tcPr/w:tcW/@w:w")] == widths
    # Every 周次 or 月份 label, a span of weeks too, fits its column on one line.
    size = table_size(doc, table)
    for row in row_texts(table)[1:]:
        assert natural_twips(row[0], size) <= widths[0], row[0]
    if header[0] == "周次":
        assert task >= 0.4 * BLOCK, (widths, header)


def test_the_text_column_is_found_by_its_content_not_its_header() -> None:
    # The dates carry more characters than the tasks; the tasks use more different ones.
    rows = [
        ("第一周", "9月28日—10月4日<br>国庆节放假（10月1日—7日）", "召开家长会，布置寒假作业"),
        ("第二周", "10月5日—10月11日<br>国庆节调休上班（10月10日）", "组织期中考试"),
        ("第三周", "10月12日—10月18日", "教师培训"),
    ]
    body = "".join(f"| {a} | {b} | {c} |\n" for a, b, c in rows)
    doc = render_markdown("| 时间 | 安排 | 事项 |\n| --- | --- | --- |\n" + body)
    table = doc.body.find(q("tbl"))
    widths = grid(table)
    assert widths[2] == max(widths) and widths[2] >= 0.4 * BLOCK
    jc = [doc.resolve(xp(tc, "w:p")[0], "w:pPr/w:jc", "val") for tc in xp(table, "w:tr[2]/w:tc")]
    assert jc == ["center", "center", "left"]
    header = [
        doc.resolve(xp(tc, "w:p")[0], "w:pPr/w:jc", "val") for tc in xp(table, "w:tr[1]/w:tc")
    ]
    assert header == ["center"] * 3


def test_holiday_labels_break_between_entries_never_inside_brackets() -> None:
    doc = render_yaml(EXAMPLES / "term-plan-table.yaml")
    table = doc.body.find(q("tbl"))
    date_cells = xp(table, "w:tr[position() > 1]/w:tc[2]")
    pieces = [piece for tc in date_cells for p in xp(tc, "w:p") for piece in printed_pieces(p)]
    # Too long for the column, 清明节放假（4月4日—6日） is set on two lines, at its bracket.
    assert ["清明节放假", "（4月4日—6日）"] == pieces[pieces.index("清明节放假") :][:2]
    for piece in pieces:
        assert piece.count("（") == piece.count("）"), piece
    # The tasks wrap where the renderer puts them: no break is written into them.
    assert not xp(table, "w:tr/w:tc[3]//w:br")


def test_short_labels_keep_their_natural_width_in_a_table_of_figures() -> None:
    header = ["部门", "计划", "已完成", "部分完成", "取消", "未完成", "完成率"]
    rows = [
        ["德育处", "17", "12", "2", "2", "1", "70.6%"],
        ["合计", "43", "30", "5", "5", "3", "69.8%"],
    ]
    markdown = "".join("| " + " | ".join(r) + " |\n" for r in [header, ["---"] * 7, *rows])
    doc = render_markdown(markdown)
    table = doc.body.find(q("tbl"))
    widths = grid(table)
    assert sum(widths) == BLOCK
    size = table_size(doc, table)
    assert size == 28  # 四号: nothing here needs a smaller size
    for label, width in zip(header, widths, strict=True):
        assert width >= natural_twips(label, size), label
    assert max(widths) - min(widths) < BLOCK // 12  # the leftover is shared evenly
    assert not xp(table, ".//w:br")
    cells = xp(table, "w:tr/w:tc/w:p")
    assert {doc.resolve(p, "w:pPr/w:jc", "val") for p in cells} == {"center"}


def test_cells_leave_out_the_automatic_space_between_chinese_and_digits() -> None:
    doc = render_markdown("| 周次 | 日期 |\n| --- | --- |\n| 第一周 | 3月2日—3月8日 |\n")
    for p in xp(doc.body.find(q("tbl")), ".//w:p"):
        assert xp(p, "w:pPr/w:autoSpaceDE/@w:val") == ["0"]
        assert xp(p, "w:pPr/w:autoSpaceDN/@w:val") == ["0"]


# -- columns, rows, size -----------------------------------------------------------


def test_a_column_empty_in_every_row_is_left_out(tmp_path: Path) -> None:
    source = (EXAMPLES / "union-year-plan.yaml").read_text(encoding="utf-8")
    no_owner = "\n".join(line for line in source.splitlines() if "负责人:" not in line)
    path = tmp_path / "no-owner.yaml"
    path.write_text(no_owner, encoding="utf-8")
    table = render_yaml(path).body.find(q("tbl"))
    rows = row_texts(table)
    assert rows[0] == ["月份", "工作内容"]
    assert {len(row) for row in rows} == {2}
    assert len(grid(table)) == 2 and sum(grid(table)) == BLOCK

    # One owner anywhere keeps the column, empty cells and all.
    owner = "      负责人: 工会\n      工作内容: [羽毛球双打比赛"
    one_owner = no_owner.replace("      工作内容: [羽毛球双打比赛", owner)
    path.write_text(one_owner, encoding="utf-8")
    rows = row_texts(render_yaml(path).body.find(q("tbl")))
    assert rows[0] == ["月份", "工作内容", "负责人"]
    assert [row[2] for row in rows].count("工会") == 1


def test_an_empty_column_of_a_hand_written_table_is_left_out_wherever_it_is() -> None:
    doc = render_markdown(
        "| 序号 | 备注 | 内容 |\n| --- | --- | --- |\n| 1 |  | 开学典礼 |\n| 2 |  | 期中考试 |\n"
    )
    table = doc.body.find(q("tbl"))
    assert row_texts(table) == [["序号", "内容"], ["1", "开学典礼"], ["2", "期中考试"]]


def test_a_row_taller_than_a_third_of_a_page_may_split_and_the_header_repeats() -> None:
    tall = "<br>".join(f"第{n}项工作安排" for n in range(1, 16))
    short = "<br>".join(f"第{n}项工作安排" for n in range(1, 8))
    doc = render_markdown(
        "| 周次 | 工作内容 |\n| --- | --- |\n"
        f"| 第一周 | {short} |\n| 第二周 | {tall} |\n| 第三周 | 机动 |\n"
    )
    rows = xp(doc.body.find(q("tbl")), "w:tr")
    assert [bool(xp(r, "w:trPr/w:tblHeader")) for r in rows] == [True, False, False, False]
    assert [bool(xp(r, "w:trPr/w:cantSplit")) for r in rows] == [True, True, False, True]


def test_a_dense_table_is_set_smaller_and_a_sparse_one_in_the_style_size() -> None:
    doc = render_yaml(EXAMPLES / "term-plan-table.yaml")
    table = doc.body.find(q("tbl"))
    size = table_size(doc, table)
    assert size in (24, 21)  # 小四 or 五号: at 四号 the labels would squeeze the tasks
    runs = xp(table, ".//w:r[w:t]")
    assert all(xp(r, "w:rPr/w:sz/@w:val") == [str(size)] for r in runs)
    lines = {int(v) for v in xp(table, ".//w:p/w:pPr/w:spacing/@w:line")}
    assert lines == {round(400 * size / 28 / 20) * 20}  # 20 pt at 四号, in proportion
    assert set(xp(table, ".//w:p/w:pPr/w:spacing/@w:lineRule")) == {"exact"}

    sparse = render_markdown("| 周次 | 工作内容 |\n| --- | --- |\n| 第一周 | 组织报名领书 |\n")
    sparse_table = sparse.body.find(q("tbl"))
    assert not xp(sparse_table, ".//w:sz") and not xp(sparse_table, ".//w:spacing")
    assert table_size(sparse, sparse_table) == 28


# -- LibreOffice ---------------------------------------------------------------------

LO_DOCUMENTS = [
    EXAMPLES / "term-plan-table.yaml",  # 五号, 清明/劳动节/端午 labels, spans of weeks
    EXAMPLES / "district" / "xiwang" / "jiaowu-2026autumn-plan.yaml",  # 国庆 labels, ranges
    EXAMPLES / "district" / "chengguan" / "deyu-2026autumn-plan.yaml",  # 小四
]
XHTML = "{http://www.w3.org/1999/xhtml}"
BLOCK_LEFT_PT, BLOCK_BOTTOM_PT = 1587 / 20, 742.7


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[int], list]]:
    """Per document: its table's column widths and the PDF's pages (one LibreOffice run)."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) 未安装：表格在 PDF 中的折行无法检查")
    folder = tmp_path_factory.mktemp("tables")
    widths = {}
    for path in LO_DOCUMENTS:
        doc = render_yaml(path)
        (folder / f"{path.stem}.docx").write_bytes(doc.data)
        widths[path.stem] = grid(doc.body.find(q("tbl")))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{stem}.docx") for stem in widths),
        ],
        capture_output=True,
        check=True,
        timeout=240,
    )
    result = {}
    for stem, columns in widths.items():
        layout = subprocess.run(
            ["pdftotext", "-bbox", str(folder / f"{stem}.pdf"), "-"],
            capture_output=True,
            check=True,
        ).stdout
        result[stem] = (columns, list(ET.fromstring(layout).iter(f"{XHTML}page")))
    return result


def column_lines(columns: list[int], pages: list, column: int) -> list[str]:
    """The printed lines of one table column, below the (repeated) header row."""
    edges = [BLOCK_LEFT_PT + w / 20 for w in accumulate([0, *columns])]
    lines = []
    for page in pages:
        words = list(page.iter(f"{XHTML}word"))
        header = [float(w.get("yMax", 0)) for w in words if w.text == "周次"]
        if not header:
            continue
        by_baseline: dict[float, list] = defaultdict(list)
        for word in words:
            x = (float(word.get("xMin", 0)) + float(word.get("xMax", 0))) / 2
            y = float(word.get("yMax", 0))
            if edges[column] < x < edges[column + 1] and header[0] < y < BLOCK_BOTTOM_PT:
                by_baseline[round(y, 1)].append(word)
        for y in sorted(by_baseline):
            row = sorted(by_baseline[y], key=lambda w: float(w.get("xMin", 0)))
            lines.append("".join(w.text or "" for w in row))
    return lines


@pytest.mark.parametrize("stem", [p.stem for p in LO_DOCUMENTS])
def test_libreoffice_prints_week_labels_on_one_line_and_brackets_whole(printed, stem) -> None:
    columns, pages = printed[stem]
    weeks = column_lines(columns, pages, 0)
    week = r"第[一二三四五六七八九十]+(至[一二三四五六七八九十]+)?周"
    assert weeks and all(re.fullmatch(week, line) for line in weeks), weeks
    dates = column_lines(columns, pages, 1)
    assert any("（" in line for line in dates)
    for line in dates:
        assert line.count("（") == line.count("）"), line
