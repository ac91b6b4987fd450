"""Reading a DOCX back as a reader sees it: its paragraphs in order, with their styles."""

from __future__ import annotations

from pathlib import Path

import docx


def body(path: Path) -> list[tuple[str, str]]:
    """The DOCX's non-empty paragraphs as (style id, text), in document order.

    Paragraphs inside tables count too (a table's cells are ``PlanTable`` paragraphs),
    since the writer may keep the last lines and the signature together in a table.
    """
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    paragraphs = [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]
    return [(p.style.style_id, p.text) for p in paragraphs if p.text.strip()]


def headings(path: Path, level: int = 1) -> list[str]:
    """The texts of the DOCX's headings of ``level`` (1 = 一、), in order."""
    return [text for style, text in body(path) if style == f"PlanHeading{level}"]
