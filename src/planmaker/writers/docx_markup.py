"""The body's paragraphs, runs and tables, written as WordprocessingML text.

The body is written as markup rather than built element by element: a term plan's
schedule has thousands of elements, and lxml's per-element cost in Python dominates
the writer. The builders escape all text and write children in schema order (ECMA-376
Part 1); the result is spliced into word/document.xml before its ``w:sectPr``.
"""

from __future__ import annotations

import re

_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_KEEP_NEXT = "<w:keepNext/>"
_LAST_ROW = re.compile(r"<w:tr[ >](?:(?!<w:tr[ >]).)*</w:tr></w:tbl>$", re.DOTALL)
_GRID_COL = re.compile(r'<w:gridCol w:w="(\d+)"/>')
_TABLE_PARTS = re.compile(r"<w:tblPr>.*?</w:tblPr>|<w:tblGrid>.*?</w:tblGrid>", re.DOTALL)
_P_START = re.compile(r'<w:p>(<w:pPr>(<w:pStyle w:val="[^"]*"/>)?)?')

BR_RUN = "<w:r><w:br/></w:r>"
"""``w:r/w:br``: a line break inside a paragraph."""


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: text in an element.

    What ``xml.sax.saxutils.escape`` does, whose import loads ``urllib``, ``http`` and
    ``ssl`` (a tenth of a cold start)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _attr(value: str | int) -> str:
    return escape(str(value)).replace('"', "&quot;")


def p_xml(
    style_id: str | None,
    runs: str,
    *,
    ind: dict[str, int] | None = None,
    jc: str | None = None,
    keep_next: bool = False,
    auto_space: bool = True,
    line: int | None = None,
) -> str:
    """``w:p`` holding ``runs``, with ``w:pPr`` children ``w:pStyle``, ``w:keepNext``,
    ``w:autoSpaceDE`` and ``w:autoSpaceDN`` (off when ``auto_space`` is false: no
    automatic space between CJK text and Latin letters or digits), ``w:spacing`` (exact
    ``line`` twips),
    ``w:ind``, ``w:jc`` (in that schema order) where given; ``ind`` maps ``w:ind``
    attribute names to values."""
    props = []
    if style_id is not None:
        props.append(f'<w:pStyle w:val="{_attr(style_id)}"/>')
    if keep_next:
        props.append(_KEEP_NEXT)
    if not auto_space:
        props.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if line is not None:
        props.append(f'<w:spacing w:line="{line}" w:lineRule="exact"/>')
    if ind:
        props.append("<w:ind" + "".join(f' w:{k}="{v}"' for k, v in ind.items()) + "/>")
    if jc is not None:
        props.append(f'<w:jc w:val="{jc}"/>')
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{runs}</w:p>"


EMPTY_P = p_xml(None, "")
"""An empty body line (docs/layout.md §7, §9, §12: 空一行)."""
KEPT_EMPTY_P = p_xml(None, "", keep_next=True)
"""An empty body line kept on the page of what follows it (above the 署名)."""
END_P = (
    '<w:p><w:pPr><w:snapToGrid w:val="0"/>'
    '<w:spacing w:before="0" w:after="0" w:line="14" w:lineRule="exact"/>'
    '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
    '<w:rPr><w:vanish/><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)
"""The paragraph a body ending with a table needs (Word adds a full empty line there
otherwise, which can make a blank last page): hidden, 0.7 pt high, off the grid."""


def r_xml(text: str, *, bold: bool, east_asia_hint: bool, size: int | None = None) -> str:
    """``w:r`` of ``text``: ``w:rPr`` with ``w:rFonts/@w:hint="eastAsia"``, ``w:b`` and
    ``w:sz``/``w:szCs`` (``size`` half-points) as asked, then ``w:t``
    (``xml:space="preserve"``), a tab as ``w:tab``."""
    props = ('<w:rFonts w:hint="eastAsia"/>' if east_asia_hint else "") + ("<w:b/>" if bold else "")
    if size is not None:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    if "\t" not in text:
        pieces = f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else ""
    else:
        pieces = "<w:tab/>".join(
            f'<w:t xml:space="preserve">{escape(piece)}</w:t>' if piece else ""
            for piece in text.split("\t")
        )
    return f"<w:r>{rpr}{pieces}</w:r>"


def tbl_xml(widths: list[int], border_eighths: int, rows: str) -> str:
    """``w:tbl``: ``w:tblPr`` (total width, centred, 0.5 pt single borders, fixed layout),
    a ``w:tblGrid`` of ``widths`` twips, then ``rows`` (docs/layout.md §11)."""
    edge = f'w:val="single" w:sz="{border_eighths}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {edge}/>" for side in _BORDER_SIDES)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


def tr_xml(cells: str, *, header: bool, keep_together: bool = True) -> str:
    """``w:tr`` whose ``w:trPr`` has ``w:cantSplit`` when ``keep_together`` (the row
    never breaks across pages) and, for a header row, ``w:tblHeader`` (repeated on
    every page)."""
    props = ("<w:cantSplit/>" if keep_together else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>" if props else f"<w:tr>{cells}</w:tr>"


def keep_last_row_with_next(tbl: str) -> str:
    """The ``w:tbl`` markup ``tbl`` with ``w:keepNext`` on every paragraph of its last
    row: Word and WPS keep that row on the page of the paragraph after the table, and
    LibreOffice does so for a table that is not split across pages."""

    def keep(p: re.Match[str]) -> str:
        if p.group(1) is None:
            return f"<w:p><w:pPr>{_KEEP_NEXT}</w:pPr>"
        return p.group(0) + _KEEP_NEXT  # right after w:pStyle, or first in w:pPr

    # The last row starts at the last ``<w:tr``: an earlier start would hold it.
    start = max(tbl.rfind("<w:tr "), tbl.rfind("<w:tr>"))
    row = _LAST_ROW.match(tbl, start) if start >= 0 else None
    if row is None:
        return tbl
    return tbl[: row.start()] + _P_START.sub(keep, row.group()) + tbl[row.end() :]


def with_closing_table(tbl: str, paragraphs: str) -> str:
    """The ``w:tbl`` markup ``tbl``, its last row kept with what follows, then a table
    of one row holding ``paragraphs`` across the whole width: ``tbl``'s properties and
    grid, unbordered but for the line above it, no cell side margins (its text lines up
    with the body's), never split. With nothing between them, Word, WPS and LibreOffice
    lay the two out as one table, whose rows keep together across pages."""
    widths = [int(w) for w in _GRID_COL.findall(tbl)]
    span = f'<w:gridSpan w:val="{len(widths)}"/>' if len(widths) > 1 else ""
    no_border = "".join(f'<w:{side} w:val="nil"/>' for side in ("left", "bottom", "right"))
    no_margin = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("left", "right"))
    properties = "".join(m.group() for m in _TABLE_PARTS.finditer(tbl))
    return (
        keep_last_row_with_next(tbl)
        + f"<w:tbl>{properties}<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>"
        f'<w:tcW w:w="{sum(widths)}" w:type="dxa"/>{span}<w:tcBorders>{no_border}</w:tcBorders>'
        f"<w:tcMar>{no_margin}</w:tcMar></w:tcPr>{paragraphs}</w:tc></w:tr></w:tbl>"
    )


def tc_xml(width: int, paragraphs: str) -> str:
    """``w:tc`` of ``width`` twips (``w:tcPr/w:tcW``), content centred vertically
    (``w:tcPr/w:vAlign``)."""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{paragraphs}</w:tc>'


class Paragraph:
    """A ``w:p`` being written: its style id, direct formatting, runs and plain text.

    ``bold`` says whether the runs added next are bold (``**`` is open); ``ind`` and
    ``jc`` are the ``w:ind`` attributes and the alignment written on the paragraph
    itself (``None``: the style's); ``keep_next`` keeps it on the page of the next
    paragraph.
    """

    __slots__ = ("style", "ind", "jc", "keep_next", "bold", "runs", "text")

    def __init__(self, style: str | None, jc: str | None = None, *, bold: bool = False) -> None:
        self.style = style
        self.jc = jc
        self.bold = bold
        self.ind: dict[str, int] | None = None
        self.keep_next = False
        self.runs: list[str] = []
        self.text: list[str] = []

    def add_text(self, text: str, *, east_asia_hint: bool) -> None:
        """A run of ``text`` in the current weight."""
        self.runs.append(r_xml(text, bold=self.bold, east_asia_hint=east_asia_hint))
        self.text.append(text)

    def add_break(self) -> None:
        """A line break inside the paragraph."""
        self.runs.append(BR_RUN)

    def plain_text(self) -> str:
        """The paragraph's text, without markup."""
        return "".join(self.text)

    def xml(self) -> str:
        return p_xml(
            self.style, "".join(self.runs), ind=self.ind, jc=self.jc, keep_next=self.keep_next
        )
