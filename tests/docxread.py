"""Reading a generated DOCX back for tests: python-docx for structure, lxml for the XML
python-docx does not expose, and style inheritance resolved the way Word does it
(paragraph → its style → basedOn chain → docDefaults)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W}


def q(name: str) -> str:
    """Clark name of ``w:name``."""
    return f"{{{W}}}{name.removeprefix('w:')}"


def xp(element: etree._Element, path: str) -> list:
    """``element.xpath(path)`` with the ``w:`` prefix bound."""
    return element.xpath(path, namespaces=NS)


@dataclass
class Docx:
    """One DOCX, opened both ways."""

    data: bytes
    document: Document = field(init=False)
    parts: dict[str, etree._Element] = field(init=False)

    def __post_init__(self) -> None:
        self.document = docx.Document(io.BytesIO(self.data))
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            self.parts = {
                name: etree.fromstring(archive.read(name))
                for name in archive.namelist()
                if name.endswith(".xml")
            }

    @property
    def body(self) -> etree._Element:
        return self.parts["word/document.xml"].find(q("body"))

    @property
    def sectpr(self) -> etree._Element:
        return self.body.find(q("sectPr"))

    @property
    def styles(self) -> etree._Element:
        return self.parts["word/styles.xml"]

    @property
    def settings(self) -> etree._Element:
        return self.parts["word/settings.xml"]

    def style(self, style_id: str) -> etree._Element:
        found = xp(self.styles, f"w:style[@w:styleId='{style_id}']")
        assert found, f"no style {style_id}"
        return found[0]

    def style_chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and its basedOn ancestors (Normal when ``style_id`` is None)."""
        chain = []
        current = (
            style_id
            or xp(self.styles, "w:style[@w:type='paragraph' and @w:default='1']/@w:styleId")[0]
        )
        while current:
            style = self.style(current)
            chain.append(style)
            based = xp(style, "w:basedOn/@w:val")
            current = based[0] if based else None
        return chain

    def resolve(
        self, p: etree._Element | None, prop: str, attr: str, style_id: str | None = None
    ) -> str | None:
        """The value of ``prop/@attr`` (``prop`` like ``w:pPr/w:ind``) for paragraph ``p``
        (or for style ``style_id``), walking direct formatting, the style chain and
        docDefaults."""
        sources: list[etree._Element] = []
        if p is not None:
            sources.append(p)
            style_ids = xp(p, "w:pPr/w:pStyle/@w:val")
            style_id = style_ids[0] if style_ids else None
        sources += self.style_chain(style_id)
        sources += xp(self.styles, "w:docDefaults/w:pPrDefault") + xp(
            self.styles, "w:docDefaults/w:rPrDefault"
        )
        for source in sources:
            found = xp(source, f"{prop}/@w:{attr}")
            if found:
                return found[0]
        return None

    def footer(self, kind: str) -> etree._Element:
        """The footer part the section uses for ``kind`` (``default`` or ``even``)."""
        ref = xp(self.sectpr, f"w:footerReference[@w:type='{kind}']")[0]
        r_id = ref.get(f"{{{R}}}id")
        target = self.document.part.rels[r_id].target_part.partname.lstrip("/")
        return self.parts[target]

    def paragraphs(self) -> list[etree._Element]:
        """Body paragraphs in order (table cells not included)."""
        return self.body.findall(q("p"))

    def texts(self) -> list[str]:
        return [text(p) for p in self.paragraphs()]


def text(element: etree._Element) -> str:
    """All ``w:t`` text under ``element``."""
    return "".join(xp(element, ".//w:t/text()"))


def style_of(p: etree._Element) -> str | None:
    found = xp(p, "w:pPr/w:pStyle/@w:val")
    return found[0] if found else None


def cell_text(cell) -> str:  # noqa: ANN001 - a python-docx table cell
    """A table cell's text as written in the source: one line per paragraph (per
    ``<br>``), without the line breaks the writer adds to wrap a label in its column."""
    return "\n".join(
        "".join("\t" if e.tag == q("tab") else e.text or "" for e in _CELL_TEXT(p))
        for p in _CELL_PARAGRAPHS(cell._tc)
    )


_CELL_PARAGRAPHS = etree.XPath("w:p", namespaces=NS)
_CELL_TEXT = etree.XPath(".//w:t | .//w:tab", namespaces=NS)


def read_docx(source: bytes | Path) -> tuple[list[str], list]:
    """The texts of the body paragraphs that are not blank, and the tables (python-docx)."""
    data = source if isinstance(source, bytes) else source.read_bytes()
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.text.strip()], document.tables


def paragraph_texts(path: Path) -> list[str]:
    """The text of every body paragraph, blank ones included."""
    return [p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs]
