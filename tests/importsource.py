"""Documents as the importer's blocks, for the recogniser's tests.

``text_source`` turns a text fixture into hint-less paragraphs; ``docx_source`` reads
a DOCX with python-docx the way a reader does: paragraphs in order with their
alignment, bold, size and style (a style's own settings and its base styles count),
tables as rows of cells, and the tables planmaker uses only to keep lines together
(the 落款 with the last lines of the body) read as the paragraphs they hold.
"""

from __future__ import annotations

from pathlib import Path

from planmaker.importer.blocks import Block, Paragraph, Source, Table, text_blocks

FIXTURES = Path(__file__).parent / "fixtures" / "import"
_ALIGN = {0: "left", 1: "center", 2: "right", 3: "justify"}


def fixture_lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").splitlines()


def text_source(name: str) -> Source:
    return Source(name, text_blocks(fixture_lines(name)))


def _styled(paragraph, attribute):  # type: ignore[no-untyped-def]
    value = getattr(paragraph.paragraph_format, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attribute)
        style = style.base_style
    return value


def _size(paragraph) -> float | None:  # type: ignore[no-untyped-def]
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None]
    style = paragraph.style
    while not sizes and style is not None:
        if style.font.size is not None:
            sizes = [style.font.size.pt]
        style = style.base_style
    return max(sizes) if sizes else None


def _paragraph(p, line: int) -> Paragraph:  # type: ignore[no-untyped-def]
    align = _styled(p, "alignment")
    runs = [r for r in p.runs if r.text.strip()]
    return Paragraph(
        p.text.strip(),
        line,
        align=_ALIGN.get(int(align)) if align is not None else None,  # type: ignore[arg-type]
        bold=bool(runs) and all(r.bold for r in runs),
        size=_size(p),
        style=p.style.name if p.style is not None and p.style.name != "Normal" else None,
    )


def docx_source(path: Path) -> Source:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document(str(path))
    blocks: list[Block] = []
    line = 0
    for element in document.element.body:
        if element.tag == qn("w:p"):
            line += 1
            p = DocxParagraph(element, document._body)
            if p.text.strip():
                blocks.append(_paragraph(p, line))
        elif element.tag == qn("w:tbl"):
            table = DocxTable(element, document._body)
            styles = {
                p.style.name
                for p in (DocxParagraph(x, document._body) for x in element.iter(qn("w:p")))
            }
            if not any(
                s.startswith("PlanTable") for s in styles
            ):  # a table that only keeps lines together
                for x in element.iter(qn("w:p")):
                    line += 1
                    p = DocxParagraph(x, document._body)
                    if p.text.strip():
                        blocks.append(_paragraph(p, line))
                continue
            line += 1
            rows = tuple(
                tuple(
                    tuple(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    for cell in row.cells
                )
                for row in table.rows
            )
            blocks.append(Table(rows, line))
            line += len(rows)
    return Source(path.name, tuple(blocks))
