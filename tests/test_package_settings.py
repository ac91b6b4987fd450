"""Settings that make Word and WPS lay the document out as LibreOffice does: no automatic
space between Chinese and digits or Latin letters, Word 2013+ layout (no 兼容模式
banner), and a zoom the ECMA-376 schema accepts — for planmaker's own package and for
one built on a unit's reference document alike."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from docxread import Docx, q, xp

from planmaker.markdown import parse_markdown
from planmaker.writers.docx import DocxOptions, write_docx

WORD = "http://schemas.microsoft.com/office/word"


def office_file() -> bytes:
    """A Word file as Word 2010 saved it: compatibility mode 14, zoom without a percentage."""
    document = docx.Document()
    document.add_paragraph("单位的文件。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(params=["own", "reference"], scope="module")
def doc(request) -> Docx:
    reference = office_file() if request.param == "reference" else None
    tokens = parse_markdown("# 标题\n\n2026年3月2日开学，第1周。\n")
    return Docx(write_docx(tokens, DocxOptions(reference_docx=reference)))


def test_no_automatic_space_between_chinese_and_digits_or_latin(doc: Docx) -> None:
    defaults = xp(doc.styles, "w:docDefaults/w:pPrDefault/w:pPr")[0]
    assert xp(defaults, "w:autoSpaceDE/@w:val") == ["0"]
    assert xp(defaults, "w:autoSpaceDN/@w:val") == ["0"]
    # Nothing turns it back on further down.
    for part in doc.parts.values():
        for tag in ("autoSpaceDE", "autoSpaceDN"):
            for element in part.iter(q(tag)):
                assert element.get(q("val")) in ("0", "false"), tag


def test_word_lays_it_out_as_word_2013_and_later(doc: Docx) -> None:
    modes = xp(doc.settings, "w:compat/w:compatSetting[@w:name='compatibilityMode']")
    assert len(modes) == 1
    assert modes[0].get(q("val")) == "15" and modes[0].get(q("uri")) == WORD


def test_the_zoom_is_a_percentage(doc: Docx) -> None:
    (zoom,) = xp(doc.settings, "w:zoom")
    assert zoom.get(q("percent")) == "100" and zoom.get(q("val")) is None
    assert doc.settings.index(zoom) <= 2  # after w:writeProtection and w:view only


def test_every_example_validates_against_the_ecma_376_schemas(tmp_path) -> None:
    """Every example, the district set's included, and a misordered part to show the
    check has teeth (the session validates the DOCX of every other test, conftest.py)."""
    audit = pytest.importorskip("openxml_audit")
    import review

    from planmaker.pipeline import RenderOptions, render_file

    validator = audit.OpenXmlValidator()
    paths = review.example_files()
    assert len(paths) >= 38  # 7 examples and the 31 of the district
    for path in paths:
        target = tmp_path / f"{path.stem}.docx"
        target.write_bytes(render_file(path, RenderOptions("docx")).data)
        result = validator.validate(target)
        assert result.is_valid, (path, [e.description for e in result.errors[:5]])
    # Outside the session's temporary folder, which the session validates as a whole.
    broken = Path(tempfile.mkdtemp()) / "broken.docx"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(broken, "w") as copy:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":  # w:jc before w:pStyle: out of schema order
                data = data.replace(b'<w:pStyle w:val="PlanDate"/>', b"", 1).replace(
                    b'<w:pPr><w:ind w:right="1280"',
                    b'<w:pPr><w:jc w:val="right"/><w:pStyle w:val="PlanDate"/><w:ind w:right="1280"',
                    1,
                )
            copy.writestr(name, data)
    result = validator.validate(broken)
    shutil.rmtree(broken.parent)
    assert not result.is_valid
    assert "Unexpected element 'pStyle'" in result.errors[0].description
