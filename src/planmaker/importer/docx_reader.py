"""A .docx to blocks: the body's paragraphs and tables in the order a reader meets them.

The body is walked element by element, so a table stays where it stands among the
paragraphs; content controls are looked into, headers and footers (page numbers) are
not body and stay out. A text box is read where it is anchored, its paragraphs in
order. Per paragraph the reader takes what a person sees:

* the text of its visible runs (hyperlinks and tracked insertions included, deleted
  and hidden text not); a tab is a space; a line break (Shift+Enter) starts a new paragraph with
  the same hints, since offices use it to break a title or a 落款 into lines;
* Word's automatic numbering, which is not in the text: the label Word prints
  (``一、`` ``（1）`` ``1.``) is worked out from the numbering definitions and put in
  front of the text, as if typed, for the usual formats (decimal, Chinese counting,
  circled numbers, letters, Roman numerals); a bullet is left out;
* alignment, bold and size as Word resolves them: the paragraph's or run's own
  setting, else its style's, else the style the style is based on, else the document's
  defaults. A paragraph whose text is pushed right with ten or more spaces, or tabs (how
  many type a 落款), counts as right-aligned;
* the style's name unless it is the default one, and a level from a ``Heading N`` /
  ``标题 N`` style or an outline level.

Table cells keep their columns: a cell spanning columns, or continuing a vertical merge,
is there once, with empty cells in the places it covers; the places a merge continues
into are listed (``Table.continued``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planmaker.importer.blocks import Block, Paragraph, Table

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

    from planmaker.importer.blocks import Align

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _TBL, _R, _TXBX = _w("p"), _w("tbl"), _w("r"), _w("txbxContent")
_FALLBACK = f"{{{MC}}}Fallback"
_SKIPPED_RUN_PARENTS = frozenset({_w("del"), _w("moveFrom"), _FALLBACK})
_CONTAINERS = frozenset({_w("sdt"), _w("sdtContent"), _w("customXml"), _w("smartTag")})
_JC = {
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "justify",
    "distribute": "justify",
}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_PUSHED_RIGHT = 10
"""Leading white space (in spaces: a full-width one counts two, a tab four) that pushes a
paragraph's text to the right."""
_MAX_STYLE_DEPTH = 20
"""Styles based on styles: deeper than any real document, and a loop stops here."""


@dataclass(frozen=True)
class _Look:
    """What a paragraph's runs look like, before its text is split at line breaks."""

    bold: bool
    size: float | None


def docx_blocks(document: Document) -> tuple[Block, ...]:
    """The blocks of ``document``'s body, in order (see the module docstring)."""
    reader = _Reader(document)
    return tuple(reader.blocks(document.element.body))


class _Reader:
    def __init__(self, document: Document) -> None:
        self.styles = {s.get(_w("styleId")): s for s in document.styles.element.iter(_w("style"))}
        self.default_paragraph_style = next(
            (
                s
                for s in self.styles.values()
                if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true")
            ),
            None,
        )
        self.defaults = document.styles.element.find(_w("docDefaults"))
        from planmaker.importer.numbering import Numbering

        self.numbering = Numbering(document)
        self.count = 0
        self.cells = 0
        """How deep in table cells the walk is."""

    # -- blocks ---------------------------------------------------------------------------

    def blocks(self, parent: _Element) -> Iterator[Block]:
        for child in parent:
            if child.tag == _P:
                yield from self.paragraph(child)
            elif child.tag == _TBL and (frame := _frame(child)) is not None:
                yield from self.blocks(frame)
            elif child.tag == _TBL:
                yield self.table(child)
            elif child.tag in _CONTAINERS:
                yield from self.blocks(child)

    def paragraph(self, p: _Element) -> Iterator[Block]:
        style = self.paragraph_style(p)
        label = self.numbering.label(p, self.style_chain(style))
        pieces: list[str] = [label]
        looks: list[_Look] = []
        for run in _runs(p):
            boxes = _boxes(run)
            if boxes:
                yield from self.paragraphs("".join(pieces), p, style, looks)
                pieces, looks = [], []
                for box in boxes:
                    yield from self.blocks(box)
                continue
            text = _run_text(run)
            pieces.append(text)
            if text.strip():
                looks.append(self.run_look(run, style))
        yield from self.paragraphs("".join(pieces), p, style, looks)

    def paragraphs(
        self, text: str, p: _Element, style: _Element | None, looks: list[_Look]
    ) -> Iterator[Paragraph]:
        """The paragraphs of ``text`` (one per line), with the hints of ``p``."""
        if not text.strip():
            return
        sizes = [look.size for look in looks if look.size is not None]
        name = style.find(_w("name")) if style is not None else None
        style_name = _style_name(name.get(_w("val")) if name is not None else None)
        hint = Paragraph(
            text="",
            line=0,
            align=self.alignment(p, style, text),
            bold=bool(looks) and all(look.bold for look in looks),
            size=max(sizes) if sizes else None,
            style=None if style is self.default_paragraph_style else style_name,
            level=self.level(p, style, style_name),
        )
        text = text.replace("\t", " ")  # a tab is a space once it has pushed the text right
        lines = text.split("\n")
        if self.cells:  # a label broken before its bracket to fit the column is one line
            lines = re.sub(r"\n\s*(?=[（(])", "", text).split("\n")
        for line in lines:
            if line.strip():
                self.count += 1
                yield replace(hint, text=line.strip(), line=self.count)

    def table(self, tbl: _Element) -> Table:
        self.count += 1
        line = self.count
        rows: list[tuple[tuple[str, ...], ...]] = []
        merged: set[tuple[int, int]] = set()
        for tr in tbl.iter(_w("tr")):
            if _parent_table(tr) is not tbl:
                continue
            cells: list[tuple[str, ...]] = []
            for tc in tr.iter(_w("tc")):
                if _parent_table(tc) is not tbl:
                    continue
                props = tc.find(_w("tcPr"))
                span = _int(props, "gridSpan", 1)
                merge = props.find(_w("vMerge")) if props is not None else None
                continued = merge is not None and merge.get(_w("val")) != "restart"
                if continued:
                    merged.add((len(rows), len(cells)))
                self.cells += 1
                texts = () if continued else self.cell_texts(tc)
                self.cells -= 1
                cells.extend([texts] + [()] * (max(span, 1) - 1))
            rows.append(tuple(cells))
        self.count = line  # the cells' paragraphs are numbered within the table
        return Table(tuple(rows), line, frozenset(merged))

    def cell_texts(self, tc: _Element) -> tuple[str, ...]:
        texts: list[str] = []
        for block in self.blocks(tc):
            if isinstance(block, Paragraph):
                texts.append(block.text)
            else:  # a table in a cell: its cells' paragraphs, row by row
                texts.extend(text for row in block.rows for cell in row for text in cell)
        return tuple(texts)

    # -- hints ----------------------------------------------------------------------------

    def paragraph_style(self, p: _Element) -> _Element | None:
        found = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        if found is not None and found.get(_w("val")) in self.styles:
            return self.styles[found.get(_w("val"))]
        return self.default_paragraph_style

    def style_chain(self, style: _Element | None) -> list[_Element]:
        """``style`` and the styles it is based on, nearest first."""
        chain: list[_Element] = []
        while style is not None and style not in chain and len(chain) < _MAX_STYLE_DEPTH:
            chain.append(style)
            based = style.find(_w("basedOn"))
            style = self.styles.get(based.get(_w("val"))) if based is not None else None
        return chain

    def alignment(self, p: _Element, style: _Element | None, text: str) -> Align:
        align: Align = "left"
        for props in [p.find(_w("pPr")), *(s.find(_w("pPr")) for s in self.style_chain(style))]:
            jc = props.find(_w("jc")) if props is not None else None
            if jc is not None and jc.get(_w("val")) in _JC:
                align = _JC[jc.get(_w("val"))]  # type: ignore[assignment]
                break
        lead = len(text) - len(text.lstrip())
        width = lead + text[:lead].count("\u3000") + 3 * text[:lead].count("\t")
        pushed = width >= _PUSHED_RIGHT
        return "right" if pushed and align in ("left", "justify") else align

    def level(self, p: _Element, style: _Element | None, style_name: str | None) -> int | None:
        heading = _HEADING_STYLE.match(style_name or "")
        if heading and 1 <= int(heading.group(1)) <= 9:
            return int(heading.group(1))
        for props in [p.find(_w("pPr")), *(s.find(_w("pPr")) for s in self.style_chain(style))]:
            outline = _int(props, "outlineLvl", None)
            if outline is not None:
                return outline + 1 if 0 <= outline < 9 else None
        return None

    def run_look(self, run: _Element, style: _Element | None) -> _Look:
        """Bold and size of ``run``: its own, its character style's, the paragraph style's,
        the document's defaults, whichever says first."""
        sources = [run.find(_w("rPr"))]
        run_style = run.find(f"{_w('rPr')}/{_w('rStyle')}")
        if run_style is not None:
            sources += [
                s.find(_w("rPr"))
                for s in self.style_chain(self.styles.get(run_style.get(_w("val"))))
            ]
        sources += [s.find(_w("rPr")) for s in self.style_chain(style)]
        if self.defaults is not None:
            sources.append(self.defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}"))
        bold: bool | None = None
        size: float | None = None
        for props in sources:
            if props is None:
                continue
            if bold is None and (b := props.find(_w("b"))) is not None:
                bold = _on(b)
            if size is None and (sz := _int(props, "sz", None)) is not None:
                size = sz / 2
        return _Look(bool(bold), size)


def _frame(tbl: _Element) -> _Element | None:
    """The one cell of a table of one row and one cell: a frame drawn round paragraphs
    (a box, or a 落款 laid out under a table), whose paragraphs are read as paragraphs."""
    rows = tbl.findall(_w("tr"))
    cells = rows[0].findall(_w("tc")) if len(rows) == 1 else []
    return cells[0] if len(cells) == 1 else None


def _runs(p: _Element) -> Iterator[_Element]:
    """The runs of ``p`` that show, in order: its own, in hyperlinks, insertions, fields,
    content controls; not deleted or hidden ones, nor those of a text box's own paragraphs."""
    for run in p.iter(_R):
        parent = run.getparent()
        vanish = run.find(f"{_w('rPr')}/{_w('vanish')}")
        hidden = vanish is not None and _on(vanish)
        while not hidden and parent is not None and parent is not p:
            if parent.tag in _SKIPPED_RUN_PARENTS or parent.tag == _TXBX or parent.tag == _P:
                hidden = True
                break
            parent = parent.getparent()
        if not hidden:
            yield run


def _boxes(run: _Element) -> list[_Element]:
    """The text boxes drawn by ``run``: not the copies kept for older Word (``mc:Fallback``),
    nor boxes inside boxes (read with the box that holds them)."""
    found = []
    for box in run.iter(_TXBX):
        parent = box.getparent()
        while parent is not None and parent is not run:
            if parent.tag in (_FALLBACK, _TXBX):
                break
            parent = parent.getparent()
        else:
            found.append(box)
    return found


def _run_text(run: _Element) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag in (_w("tab"), _w("ptab")):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _parent_table(element: _Element) -> _Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _int(props: _Element | None, name: str, default: int | None) -> int | None:
    found = props.find(_w(name)) if props is not None else None
    if found is None:
        return default
    try:
        return int(found.get(_w("val"), ""))
    except ValueError:
        return default


def _on(element: _Element) -> bool:
    return element.get(_w("val"), "true") not in ("0", "false", "off")


def _style_name(name: str | None) -> str | None:
    """A style's name as Word shows it (``heading 1`` is stored lower-case)."""
    if name is None:
        return None
    return name[:1].upper() + name[1:] if name.lower().startswith(("heading", "title")) else name
