"""``render --reference-doc 本单位.docx`` from the command line.

An ordinary office Word file (Normal without first-line indent, 10 pt after, single
spacing; a 首页不同 letterhead) gives its fonts and colour, its other styles and its
letterhead on page 1 only, with page numbers on every page and the 22 × 28 body layout
intact; a reference made from a planmaker document wins whole. A reference that is not
a Word document is said in Chinese."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
import review
from conftest import Laid
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxread import Docx, R, q, style_of, text, xp
from helpers import EXAMPLES
from layout_cases import office_reference

PLAN = EXAMPLES / "term-plan-table.yaml"


def render(run_planmaker, tmp_path: Path, reference: bytes | None, name: str = "计划") -> Docx:
    out = tmp_path / f"{name}.docx"
    args = ["render", PLAN, "-o", out]
    if reference is not None:
        ref = tmp_path / f"{name}-参考.docx"
        ref.write_bytes(reference)
        args += ["--reference-doc", ref]
    result = run_planmaker(*args)
    assert result.returncode == 0, result.stderr
    return Docx(out.read_bytes())


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Docx:
    from planmaker.cli import run

    folder = tmp_path_factory.mktemp("office")
    ref, out = folder / "本单位.docx", folder / "计划.docx"
    ref.write_bytes(office_reference())
    assert run(["render", str(PLAN), "--reference-doc", str(ref), "-o", str(out)]) == 0
    return Docx(out.read_bytes())


def header_text(doc: Docx, kind: str) -> str:
    (ref,) = xp(doc.sectpr, f"w:headerReference[@w:type='{kind}']")
    part = doc.document.part.rels[ref.get(f"{{{R}}}id")].target_part
    return text(doc.parts[part.partname.lstrip("/")])


def footer_of(doc: Docx, kind: str):
    (ref,) = xp(doc.sectpr, f"w:footerReference[@w:type='{kind}']")
    part = doc.document.part.rels[ref.get(f"{{{R}}}id")].target_part
    return doc.parts[part.partname.lstrip("/")]


def test_the_body_takes_the_units_fonts_and_colour_in_the_gb_layout(office: Docx) -> None:
    body = next(p for p in office.paragraphs() if text(p).startswith("本学期"))
    assert style_of(body) is None  # Normal
    expected = {
        ("w:rPr/w:rFonts", "eastAsia"): "宋体",
        ("w:rPr/w:rFonts", "ascii"): "Calibri",
        ("w:rPr/w:color", "val"): "262626",
        ("w:rPr/w:sz", "val"): "32",
        ("w:rPr/w:spacing", "val"): "-5",
        ("w:pPr/w:ind", "firstLineChars"): "200",
        ("w:pPr/w:spacing", "after"): "0",
        ("w:pPr/w:spacing", "line"): "579",
        ("w:pPr/w:spacing", "lineRule"): "exact",
        ("w:pPr/w:jc", "val"): "both",
        ("w:pPr/w:widowControl", "val"): "1",
    }
    assert {key: office.resolve(body, *key) for key in expected} == expected
    # The page and its grid are GB/T 9704's.
    sectpr = office.sectpr
    assert xp(sectpr, "w:pgSz/@w:w") == ["11906"] and xp(sectpr, "w:pgSz/@w:h") == ["16838"]
    assert [xp(sectpr, f"w:pgMar/@w:{side}")[0] for side in ("top", "bottom", "left", "right")] == [
        "2098",
        "1984",
        "1587",
        "1474",
    ]
    assert xp(sectpr, "w:docGrid/@w:type") == ["lines"]
    assert xp(sectpr, "w:docGrid/@w:linePitch") == ["579"]
    # Headings keep planmaker's faces and sizes; the reference's text is not used.
    heading = next(p for p in office.paragraphs() if text(p) == "一、工作目标")
    assert office.resolve(heading, "w:rPr/w:rFonts", "eastAsia") == "黑体"
    assert office.resolve(heading, "w:rPr/w:sz", "val") == "32"
    assert "这段参考正文不会出现在生成的文档里。" not in office.texts()


def test_the_units_own_styles_look_as_they_did(office: Docx) -> None:
    reference = Docx(office_reference())
    # Property → what an unset one means (ECMA-376 Part 1, §17.3).
    unset = {
        ("w:pPr/w:spacing", "after"): "0",
        ("w:pPr/w:ind", "firstLine"): "0",
        ("w:pPr/w:jc", "val"): "left",
        ("w:rPr/w:sz", "val"): "20",
        ("w:rPr/w:rFonts", "eastAsia"): None,
    }
    for style in ("Header", "Footer", "Title"):
        for prop, default in unset.items():
            before = reference.resolve(None, *prop, style) or default
            assert (office.resolve(None, *prop, style) or default) == before, (style, prop)
    # Normal itself is planmaker's body now.
    assert reference.resolve(None, "w:pPr/w:spacing", "after", "Normal") == "200"
    assert office.resolve(None, "w:pPr/w:spacing", "after", "Normal") == "0"


def test_the_letterhead_is_the_first_page_header_and_every_page_has_a_number(
    office: Docx,
) -> None:
    assert xp(office.sectpr, "w:titlePg")
    assert header_text(office, "first") == "定边镇希望小学"
    assert header_text(office, "default") == header_text(office, "even") == "内部资料"
    for kind in ("default", "even", "first"):
        footer = footer_of(office, kind)
        assert xp(footer, ".//w:instrText[contains(., 'PAGE')]"), kind
        assert "—" in text(footer)
    assert xp(office.settings, "w:evenAndOddHeaders")
    assert xp(office.settings, "w:characterSpacingControl/@w:val") == ["doNotCompress"]


def test_on_the_pages_the_letterhead_is_on_page_1_only(laid_out: dict[str, Laid]) -> None:
    doc = laid_out["office_reference"]
    pages = doc.pages
    assert len(pages) >= 5
    for page in pages:
        header = "".join(row.text for row in page.header)
        assert header == ("定边镇希望小学" if page.number == 1 else "内部资料"), page.number
        (footer,) = page.footer
        assert re.sub(r"\s", "", footer.text) == f"—{page.number}—"
    # The body keeps the 2-字 indent and the 22-line grid; no heading ends a page.
    first = next(row for row in pages[0].body if row.text.startswith("本学期"))
    assert review.indented(first) and review.on_grid(first)
    assert review.early_page_flags(pages, doc.paragraphs) == []
    assert review.heading_flags(pages, doc.paragraphs) == []
    assert review.signature_flags(pages, doc.paragraphs) == []
    full = [p for p in pages if p.body and round(review.line_number(p.body[-1])) == 22]
    assert len(full) >= 3 and all(map(review.on_grid, full[0].body))


def test_a_reference_made_from_a_planmaker_document_wins_whole(run_planmaker, tmp_path) -> None:
    plain = render(run_planmaker, tmp_path, None, "plain")
    made = docx.Document(io.BytesIO(plain.data))
    made.styles["Normal"].font.size = Pt(15)
    made.styles["PlanHeading1"].element.rPr.rFonts.set(qn("w:eastAsia"), "楷体")
    made.sections[0].top_margin = Mm(30)
    buffer = io.BytesIO()
    made.save(buffer)
    doc = render(run_planmaker, tmp_path, buffer.getvalue(), "restyled")
    assert doc.resolve(None, "w:rPr/w:sz", "val", "Normal") == "30"
    assert doc.resolve(None, "w:rPr/w:rFonts", "eastAsia", "PlanHeading1") == "楷体"
    assert xp(doc.sectpr, "w:pgMar/@w:top") == [str(Mm(30).twips)]
    assert not xp(doc.sectpr, "w:headerReference")
    assert xp(footer_of(doc, "default"), ".//w:instrText[contains(., 'PAGE')]")


def test_without_a_reference_nothing_of_it_shows(run_planmaker, tmp_path) -> None:
    plain = render(run_planmaker, tmp_path, None)
    assert plain.resolve(None, "w:rPr/w:sz", "val", "Normal") == "32"
    assert plain.resolve(None, "w:rPr/w:rFonts", "eastAsia", "Normal") == "仿宋_GB2312"
    assert not xp(plain.sectpr, "w:headerReference") and not xp(plain.sectpr, "w:titlePg")
    assert not any(q("hdr") == part.tag for part in plain.parts.values())


def test_a_reference_that_is_not_a_word_document(run_planmaker, tmp_path):
    ref = tmp_path / "本单位.docx"
    ref.write_text("不是 Word 文档", encoding="utf-8")
    result = run_planmaker("render", PLAN, "--reference-doc", ref, "-o", tmp_path / "x.docx")
    assert result.returncode == 1
    assert "参考文档（--reference-doc）无法作为 Word 文档读取" in result.stderr
    assert "另存为 .docx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_a_missing_reference(run_planmaker, tmp_path):
    result = run_planmaker("render", PLAN, "--reference-doc", tmp_path / "没有.docx")
    assert result.returncode == 1
    assert "没有.docx: 找不到参考文档" in result.stderr
