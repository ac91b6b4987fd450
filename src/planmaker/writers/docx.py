"""Markdown tokens → DOCX laid out per GB/T 9704-2012 (docs/gbt9704.md).

Every element is placed through a named paragraph style; the style id equals its
name, so a unit's reference DOCX can redefine any of them (a style the reference
defines wins whole, ours fill the gaps):

=================  ==============================================================
``Normal``         body text: 三号 仿宋, 2-字 first line, 28.95 pt exact, −0.25 pt
``PlanTitle``      each ``#`` line: 二号 小标宋, centred
``PlanHeading1``   ``##`` 一、 : 黑体        (``PlanHeading2`` ``###`` （一）: 楷体,
                   ``PlanHeading3`` ``####`` 1. and ``PlanHeading4`` ``#####`` （1）: 仿宋)
``PlanAttachment`` the ``::: attachments`` paragraphs (附件说明)
``PlanSignature``  the 署名 of ``::: signature``; ``PlanDate``: its 成文日期
``PlanTable``      table cells, 四号 仿宋; ``PlanTableHeader``: the header row, 黑体
``PlanPageNumber`` the “— 1 —” footers, 四号 宋体
=================  ==============================================================

Indents that depend on the text (the signature's right indents, the attachments'
hanging indents) are written on the paragraphs themselves.

The styled package (styles, settings, section, footers, font table) is built once
per process and font set; each call renders only ``word/document.xml`` and
``docProps/core.xml`` and zips the parts with fixed timestamps, so the same tokens and
options always give the same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Length
from lxml import etree

from planmaker.booleans import BOOL_OF
from planmaker.errors import Location, PlanError
from planmaker.markdown import BAD_CHARS, front_matter
from planmaker.writers import docx_layout as L
from planmaker.writers import docx_oxml as X
from planmaker.writers.options import DocxOptions

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.opc.rel import _Relationship
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from markdown_it.token import Token

__all__ = ["DocxOptions", "write_docx"]

EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)
"""Creation time written when none is given: the earliest a ZIP entry can carry."""

_HEADING_STYLES = {
    "h1": "PlanTitle",
    "h2": "PlanHeading1",
    "h3": "PlanHeading2",
    "h4": "PlanHeading3",
    "h5": "PlanHeading4",
}
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Characters Latin and CJK fonts share: they need w:hint="eastAsia" (gbt9704.md §6).
_SHARED_CHARS = re.compile("[\u00a1-\u00ff\u2010-\u27bf\u3000-\u303f]")
# "附件：" before the first attachment's name, and a "1." number before a name (§12).
_ATTACHMENT_LEAD = re.compile(r"^[^：:]{1,6}[：:]")
_ATTACHMENT_NUMBER = re.compile(r"^\d+[.．]")
# Characters XML 1.0 cannot carry.
_NARROW_RUN = re.compile(r"[!-~]+")
_EMPTY_P = X.p_xml(None, "")
"""An empty body line (gbt9704.md §7, §9, §12: 空一行)."""


def write_docx(tokens: list[Token], opts: DocxOptions) -> bytes:
    """The DOCX of ``tokens`` (see :mod:`planmaker.markdown` for the dialect).

    Reads nothing but its arguments. The front matter's ``fonts`` (``gb`` or
    ``windows``) picks the font set and ``seal`` (default true) the signature layout.
    Raises ``PlanError("markdown.unsupported")`` for anything outside the dialect.
    """
    settings = front_matter(tokens)
    fonts = settings.get("fonts", L.DEFAULT_FONT_SET)
    if fonts not in L.FONT_SETS:
        fonts = L.DEFAULT_FONT_SET
    seal = BOOL_OF.get(settings.get("seal", "true").strip().lower(), True)
    package = _package(fonts, opts.reference_docx)
    renderer = DocxRenderer(seal=seal, style_ids=package.style_ids)
    renderer.render(tokens)
    body = "".join(renderer.out).encode("utf-8")
    created = _utc(opts.created or EPOCH)
    return _with_parts(
        package.shared_zip,
        {
            package.document_member: package.document_head + body + package.document_tail,
            package.core_member: _core_xml(renderer.title, renderer.author, created),
        },
    )


class _Paragraph:
    """A ``w:p`` being written: its style, direct formatting, runs and plain text."""

    __slots__ = ("style", "ind", "jc", "runs", "text")

    def __init__(self, style: str | None, jc: str | None = None) -> None:
        self.style = style
        self.jc = jc
        self.ind: dict[str, int] | None = None
        self.runs: list[str] = []
        self.text: list[str] = []

    def xml(self) -> str:
        return X.p_xml(self.style, "".join(self.runs), ind=self.ind, jc=self.jc)


class DocxRenderer:
    """Renders the token stream to the WordprocessingML of a ``w:body``, one method
    per token type; ``out`` collects the markup in order.

    Like markdown-it's ``RendererHTML``, ``rules`` maps each token type it knows to
    the method named after it; any other type raises ``markdown.unsupported``. The
    markup is written as text (escaped by :mod:`docx_oxml`'s builders): a schedule
    has thousands of elements, and building them one by one in lxml costs more than
    the rest of the writer together.
    """

    def __init__(self, *, seal: bool, style_ids: Mapping[str, str]) -> None:
        self.seal = seal
        self.style_ids = style_ids
        self.title: str | None = None
        self.author: str | None = None
        self.out: list[str] = []
        self.rules: dict[str, Callable[[list[Token], int], None]] = {
            name: getattr(self, name) for name in _RULES
        }
        self._p: _Paragraph | None = None
        self._bold = False
        self._line: int | None = None
        self._title_block = True
        self._after_title = False
        self._group: list[_Paragraph] | None = None
        self._group_style: str | None = None
        self._table: _Table | None = None

    def render(self, tokens: list[Token]) -> None:
        """Render block ``tokens`` in order."""
        for idx, token in enumerate(tokens):
            if token.map is not None:
                self._line = token.map[0] + 1
            self._rule(token.type, token.content)(tokens, idx)

    def _rule(self, token_type: str, content: str) -> Callable[[list[Token], int], None]:
        rule = self.rules.get(token_type)
        if rule is None:
            what = content.strip() if token_type in ("html_block", "html_inline") else token_type
            raise self._unsupported(what)
        return rule

    def _unsupported(self, what: str) -> PlanError:
        return PlanError("markdown.unsupported", Location(line=self._line), what=what)

    # -- blocks -------------------------------------------------------------------

    def front_matter(self, tokens: list[Token], idx: int) -> None:
        """Settings only; :func:`write_docx` has read them."""

    def heading_open(self, tokens: list[Token], idx: int) -> None:
        tag = tokens[idx].tag
        style = _HEADING_STYLES.get(tag)
        if style is None:
            raise self._unsupported(f"heading {tag}")
        if tag == "h1":
            if self.title is None:
                self.title = _plain_text(tokens[idx + 1])
        else:
            self._start_block()
        self._open_paragraph(style)

    def heading_close(self, tokens: list[Token], idx: int) -> None:
        if tokens[idx].tag == "h1" and self._title_block:
            self._after_title = True
        self._close_paragraph()

    def paragraph_open(self, tokens: list[Token], idx: int) -> None:
        self._start_block()
        self._open_paragraph(self._group_style)

    def paragraph_close(self, tokens: list[Token], idx: int) -> None:
        self._close_paragraph()

    def inline(self, tokens: list[Token], idx: int) -> None:
        children = tokens[idx].children or []
        for child_idx, child in enumerate(children):
            self._rule(child.type, child.content)(children, child_idx)

    # -- inline -------------------------------------------------------------------

    def text(self, tokens: list[Token], idx: int) -> None:
        content = tokens[idx].content
        if content and self._p is not None:
            if bad := BAD_CHARS.search(content):
                raise PlanError(
                    "text.bad_char", Location(line=self._line), char=f"U+{ord(bad.group()):04X}"
                )
            hint = _SHARED_CHARS.search(content) is not None
            self._p.runs.append(X.r_xml(content, bold=self._bold, east_asia_hint=hint))
            self._p.text.append(content)

    def strong_open(self, tokens: list[Token], idx: int) -> None:
        self._bold = True

    def strong_close(self, tokens: list[Token], idx: int) -> None:
        self._bold = False

    def softbreak(self, tokens: list[Token], idx: int) -> None:
        """A source line break inside a paragraph: Chinese lines join without a space."""

    def hardbreak(self, tokens: list[Token], idx: int) -> None:
        if self._p is not None:
            self._p.runs.append(X.BR_RUN)

    def html_inline(self, tokens: list[Token], idx: int) -> None:
        """``<br>`` in a table cell starts a new paragraph in the cell; no other HTML."""
        html = tokens[idx].content
        if self._table is None or self._p is None or not _BR.fullmatch(html.strip()):
            raise self._unsupported(html)
        self._p = self._table.new_line()

    # -- tables -------------------------------------------------------------------

    def table_open(self, tokens: list[Token], idx: int) -> None:
        self._start_block()
        self._table = _Table.plan(tokens, idx, self.style_ids)

    def table_close(self, tokens: list[Token], idx: int) -> None:
        self.out.append(self._current_table().xml())
        self._table = None

    def thead_open(self, tokens: list[Token], idx: int) -> None:
        self._current_table().header = True

    def thead_close(self, tokens: list[Token], idx: int) -> None:
        self._current_table().header = False

    def tbody_open(self, tokens: list[Token], idx: int) -> None:
        """Nothing: rows after the header are body rows."""

    def tbody_close(self, tokens: list[Token], idx: int) -> None:
        """Nothing: the table ends at ``table_close``."""

    def tr_open(self, tokens: list[Token], idx: int) -> None:
        self._current_table().start_row()

    def tr_close(self, tokens: list[Token], idx: int) -> None:
        self._current_table().end_row()

    def th_open(self, tokens: list[Token], idx: int) -> None:
        self._open_cell()

    def td_open(self, tokens: list[Token], idx: int) -> None:
        self._open_cell()

    def th_close(self, tokens: list[Token], idx: int) -> None:
        self._close_cell()

    def td_close(self, tokens: list[Token], idx: int) -> None:
        self._close_cell()

    def _open_cell(self) -> None:
        self._p = self._current_table().start_cell()
        self._bold = False

    def _close_cell(self) -> None:
        self._current_table().end_cell()
        self._p = None

    def _current_table(self) -> _Table:
        if self._table is None:
            raise self._unsupported("table part outside a table")
        return self._table

    # -- containers ---------------------------------------------------------------

    def container_attachments_open(self, tokens: list[Token], idx: int) -> None:
        self._open_group("PlanAttachment", L.NO_SEAL_EMPTY_LINES)

    def container_attachments_close(self, tokens: list[Token], idx: int) -> None:
        paragraphs = self._take_group()
        _indent_attachments(paragraphs)
        self.out.extend(p.xml() for p in paragraphs)

    def container_signature_open(self, tokens: list[Token], idx: int) -> None:
        empty_lines = L.SEAL_EMPTY_LINES if self.seal else L.NO_SEAL_EMPTY_LINES
        self._open_group("PlanSignature", empty_lines)

    def container_signature_close(self, tokens: list[Token], idx: int) -> None:
        paragraphs = self._take_group()
        if paragraphs:
            self.author = self.author or "".join(paragraphs[0].text)
            _indent_signature(paragraphs, seal=self.seal, date_style=self.style_ids["PlanDate"])
        self.out.extend(p.xml() for p in paragraphs)

    def _open_group(self, style: str, empty_lines: int) -> None:
        self._start_block()
        self.out.extend([_EMPTY_P] * empty_lines)
        self._group_style = style
        self._group = []

    def _take_group(self) -> list[_Paragraph]:
        """End the container: its paragraphs, to be indented and then written."""
        group = self._group or []
        self._group = None
        self._group_style = None
        return group

    # -- helpers ------------------------------------------------------------------

    def _start_block(self) -> None:
        """Leave the title block: one empty line between title and body (gbt9704.md §7)."""
        self._title_block = False
        if self._after_title:
            self._after_title = False
            self.out.append(_EMPTY_P)

    def _open_paragraph(self, style: str | None) -> None:
        self._p = _Paragraph(None if style is None else self.style_ids[style])
        self._bold = False

    def _close_paragraph(self) -> None:
        if self._p is not None:
            if self._group is not None:
                self._group.append(self._p)
            else:
                self.out.append(self._p.xml())
        self._p = None


_RULES = (
    "front_matter",
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "inline",
    "text",
    "strong_open",
    "strong_close",
    "softbreak",
    "hardbreak",
    "html_inline",
    "table_open",
    "table_close",
    "thead_open",
    "thead_close",
    "tbody_open",
    "tbody_close",
    "tr_open",
    "tr_close",
    "th_open",
    "th_close",
    "td_open",
    "td_close",
    "container_attachments_open",
    "container_attachments_close",
    "container_signature_open",
    "container_signature_close",
)


# -- tables ------------------------------------------------------------------------


class _Table:
    """One pipe table being written: column widths and alignments, finished rows,
    and the paragraphs of the cell being filled."""

    def __init__(self, widths: list[int], aligns: list[str], style_ids: Mapping[str, str]) -> None:
        self.widths = widths
        self.aligns = aligns
        self.header = False
        self._styles = style_ids
        self._rows: list[str] = []
        self._cells: list[str] = []
        self._lines: list[_Paragraph] = []

    @classmethod
    def plan(cls, tokens: list[Token], idx: int, style_ids: Mapping[str, str]) -> _Table:
        """The table opening at ``tokens[idx]``, sized from its cells' text (gbt9704.md §11)."""
        rows: list[list[list[int]]] = []
        aligns: list[str | None] = []
        for token in tokens[idx + 1 :]:
            if token.type == "table_close":
                break
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open") and len(rows) == 1:
                aligns.append(_markdown_align(token))
            elif token.type == "inline":
                rows[-1].append([_cell_halves(line) for line in _cell_lines(token)])
        widths, text_column = _column_widths(rows)
        resolved = [
            align or ("left" if j == text_column else "center") for j, align in enumerate(aligns)
        ]
        return cls(widths, resolved, style_ids)

    def start_row(self) -> None:
        self._cells = []

    def end_row(self) -> None:
        self._rows.append(X.tr_xml("".join(self._cells), header=self.header))

    def start_cell(self) -> _Paragraph:
        """The first paragraph of a new cell in the current row."""
        self._lines = []
        return self.new_line()

    def new_line(self) -> _Paragraph:
        """A further paragraph in the current cell (a ``<br>``), formatted like the first."""
        col = min(len(self._cells), len(self.widths) - 1)
        style = "PlanTableHeader" if self.header else "PlanTable"
        jc = None if self.header or self.aligns[col] == "center" else self.aligns[col]
        line = _Paragraph(self._styles[style], jc)
        self._lines.append(line)
        return line

    def end_cell(self) -> None:
        col = min(len(self._cells), len(self.widths) - 1)
        self._cells.append(X.tc_xml(self.widths[col], "".join(p.xml() for p in self._lines)))

    def xml(self) -> str:
        return X.tbl_xml(self.widths, L.TABLE_BORDER_EIGHTHS, "".join(self._rows))


_SHORT_CELL_HALVES = 16
"""A table whose lines are all this short (8 字) is a table of figures or labels: it
has no text column, its columns share the width evenly and all are centred."""


def _column_widths(rows: list[list[list[int]]]) -> tuple[list[int], int | None]:
    """Column widths in twips that fill the text block, and the text column.

    ``rows`` holds, per row and cell, the width of each line in half-字 of 四号 (the
    header row first). Every column starts as wide as its longest line. While the
    table is wider than the block, the column to narrow is the one that breaks the
    fewest whole lines per half-字 it gives up (then adds the fewest lines, then the
    widest): a long note or sentence wraps before every date or a short label does.
    No column goes below ``TABLE_MIN_COLUMN_CHARS``. The text column, the one with
    the most body text, takes any width left over; a table with no line longer than
    :data:`_SHORT_CELL_HALVES` has none, and its columns share the width left over.
    Each column also gets its slack and cell margins.
    """
    count = max(len(row) for row in rows)
    block = L.TEXT_WIDTH.twips
    half = L.TABLE_CHAR_WIDTH.twips / 2
    extra = 2 * L.TABLE_CELL_MARGIN.twips + L.TABLE_COLUMN_SLACK_CHARS * L.TABLE_CHAR_WIDTH.twips
    budget = (block - count * extra) // half
    least = 2 * L.TABLE_MIN_COLUMN_CHARS
    columns = [[w for row in rows if c < len(row) for w in row[c] if w] for c in range(count)]
    caps = [max(least, *column) for column in columns]
    while sum(caps) > budget:
        step = _cheapest_narrowing(columns, caps, least)
        if step is None:
            break
        column, cap = step
        caps[column] = cap
    totals = [sum(w for row in rows[1:] if c < len(row) for w in row[c]) for c in range(count)]
    text_column: int | None = max(range(count), key=lambda c: (totals[c], caps[c]))
    if max(max(column, default=0) for column in columns) <= _SHORT_CELL_HALVES:
        text_column = None
    widths = [int(cap * half + extra) for cap in caps]
    # A table of more columns than the block holds at their minimum is scaled down.
    widths = [w * block // sum(widths) for w in widths] if sum(widths) > block else widths
    if text_column is None:
        share, rest = divmod(block - sum(widths), count)
        widths = [w + share + (c < rest) for c, w in enumerate(widths)]
    else:
        widths[text_column] += block - sum(widths)
    return widths, text_column


def _cheapest_narrowing(
    columns: list[list[int]], caps: list[int], least: int
) -> tuple[int, int] | None:
    """The column to narrow next and its new width, ``None`` when all are at ``least``.

    A column's next width is the widest at which one more of its lines breaks (a
    line of width w on k lines keeps them down to ceil(w / k)).
    """
    best: tuple[float, float, int, int, int] | None = None
    for c, (lines, cap) in enumerate(zip(columns, caps, strict=True)):
        narrower = max([least] + [-(-w // -(-w // cap)) - 1 for w in lines])
        if narrower >= cap:
            continue
        broken = added = 0
        for w in lines:
            before, after = -(-w // cap), -(-w // narrower)
            broken += before == 1 < after
            added += after - before
        saved = cap - narrower
        key = (broken / saved, added / saved, -cap, c, narrower)
        if best is None or key < best:
            best = key
    return None if best is None else (best[3], best[4])


def _cell_halves(line: str) -> int:
    """Width of a table line in half-字, with ½ 字 more for each run of Latin letters or
    digits: Word and LibreOffice put about ¼ 字 between such a run and the CJK text on
    either side (自动调整中文与数字的间距), and a date has four such runs."""
    return _halves(line) + len(_NARROW_RUN.findall(line))


def _markdown_align(token: Token) -> str | None:
    """The alignment a pipe table's delimiter row gave the column (``:---:``), if any."""
    style = str(token.attrs.get("style", ""))
    for css, jc in (("left", "left"), ("center", "center"), ("right", "right")):
        if style == f"text-align:{css}":
            return jc
    return None


def _cell_lines(inline: Token) -> list[str]:
    """A cell's text split at its ``<br>`` line breaks."""
    lines = [""]
    for child in inline.children or []:
        if child.type == "text":
            lines[-1] += child.content
        elif child.type == "html_inline" and _BR.fullmatch(child.content.strip()):
            lines.append("")
    return lines


# -- signature and attachments ---------------------------------------------------


@lru_cache(maxsize=4096)
def _char_halves(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WFA" else 1


def _halves(text: str) -> int:
    """Width of ``text`` in half-字: a CJK (or full-width, or shared) character is 1 字,
    any other ½ 字 (gbt9704.md §9)."""
    return sum(map(_char_halves, text))


def _indent_signature(paragraphs: list[_Paragraph], *, seal: bool, date_style: str) -> None:
    """Right indents of 署名 and 成文日期, the last paragraph (gbt9704.md §9).

    Sealed: the date 4 字 from the right, each name centred over it. Unsealed: every
    name's first character 2 字 left of the date's first, neither nearer than 2 字 to
    the right edge. A lone paragraph is a name without a date.
    """
    char = L.CHAR_WIDTH.twips
    if len(paragraphs) == 1:
        _set_right_indent(
            paragraphs[0], char * (L.SEAL_DATE_RIGHT_CHARS if seal else L.NO_SEAL_RIGHT_CHARS)
        )
        return
    *names, date = paragraphs
    date.style = date_style
    w_date = _halves("".join(date.text)) * char // 2
    w_names = [_halves("".join(name.text)) * char // 2 for name in names]
    if seal:
        date_right = L.SEAL_DATE_RIGHT_CHARS * char
        rights = [max(0, date_right + (w_date - w_name) // 2) for w_name in w_names]
    else:
        offset = L.NAME_DATE_OFFSET_CHARS * char
        date_right = max(
            L.NO_SEAL_RIGHT_CHARS * char,
            L.NO_SEAL_RIGHT_CHARS * char + max(w_names) - w_date - offset,
        )
        rights = [date_right + w_date + offset - w_name for w_name in w_names]
    for name, right in zip(names, rights, strict=True):
        _set_right_indent(name, right)
    _set_right_indent(date, date_right)


def _set_right_indent(p: _Paragraph, twips: int) -> None:
    p.ind = {"right": twips, "firstLineChars": 0, "firstLine": 0}


def _indent_attachments(paragraphs: list[_Paragraph]) -> None:
    """Hanging indents of 附件说明 (gbt9704.md §12): the first paragraph starts 2 字 in;
    a name that wraps continues under its own first character, and each further
    "2.xxx" starts under the first one's number."""
    if not paragraphs:
        return
    half = L.CHAR_WIDTH.twips // 2
    first = "".join(paragraphs[0].text)
    lead = _ATTACHMENT_LEAD.match(first)
    lead_halves = _halves(lead.group()) if lead else 0
    for i, p in enumerate(paragraphs):
        text = first[lead.end() :] if (i == 0 and lead) else "".join(p.text)
        number = _ATTACHMENT_NUMBER.match(text)
        label = _halves(number.group()) if number else 0
        hanging = label + (lead_halves if i == 0 else 0)
        left = L.FIRST_LINE_CHARS // 50 + lead_halves + label
        p.ind = {"left": left * half, "hangingChars": hanging * 50, "hanging": hanging * half}


def _plain_text(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type == "text")


# -- the package ---------------------------------------------------------------------

_W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BODY_MARK = "planmaker-body"
_EMPTY_ZIP = b"PK\x05\x06" + bytes(18)
_KEPT_TEMPLATE_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
# Parts of python-docx's template a plan does not use (the thumbnail would even show
# another document); dropping their relationships drops them from the package.
_UNUSED_RELATIONSHIPS = {"stylesWithEffects", "customXml", "numbering", "thumbnail"}


@dataclass(frozen=True)
class _Package:
    """The parts every document of one font set (and reference) shares.

    ``shared_zip``: a ZIP of every part but the two each call writes, the main
    document (``document_member``) and the core properties (``core_member``);
    ``document_head`` + body markup + ``document_tail`` is the main document (the
    tail starts with the body's ``w:sectPr``);
    ``style_ids``: our style names → the ids the package uses for them (a reference
    may define a style under another id).
    """

    shared_zip: bytes
    document_head: bytes
    document_tail: bytes
    document_member: str
    core_member: str
    style_ids: Mapping[str, str]


@lru_cache(maxsize=8)
def _package(fonts: str, reference: bytes | None) -> _Package:
    """Build the shared parts once per process, font set and reference document."""
    import docx

    font_set = L.FONT_SETS[fonts]
    if reference is None:
        document = docx.Document()
        _drop_template_parts(document)
        _set_defaults(document, font_set)
        _set_page(document.sections[0])
    else:
        document = _open_reference(reference)
    style_ids = _add_styles(document, font_set)
    if not _has_footers(document):
        _add_page_number_footers(document, style_ids["PlanPageNumber"])
    document.core_properties.revision = 1
    font_table = _member(document.part.rels, "/fontTable")
    core = _member(document.part.package.rels, "/core-properties")
    app = _member(document.part.package.rels, "/extended-properties")
    main = document.part.partname.lstrip("/")
    if document.element.nsmap.get("w") != _W_NAMESPACE:
        raise PlanError("docx.bad_reference", detail="main document does not use the w: prefix")
    document.element.body.insert(0, etree.Comment(_BODY_MARK))
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if font_table is not None:
        parts[font_table] = _font_table(parts[font_table], font_set)
    if app is not None:
        parts[app] = _APP_XML
    head, tail = parts.pop(main).split(f"<!--{_BODY_MARK}-->".encode())
    if core is not None:
        del parts[core]
    return _Package(
        _with_parts(_EMPTY_ZIP, parts),
        head,
        tail,
        main,
        core or "docProps/core.xml",
        style_ids,
    )


def _member(rels: Mapping[str, _Relationship], reltype_suffix: str) -> str | None:
    """ZIP member name of the part a relationship of that type points at, if any."""
    for rel in rels.values():
        if rel.reltype.endswith(reltype_suffix) and not rel.is_external:
            return rel.target_part.partname.lstrip("/")
    return None


def _open_reference(reference: bytes) -> DocxDocument:
    """The reference DOCX with its body emptied (its final ``w:sectPr`` kept)."""
    import docx

    try:
        document = docx.Document(io.BytesIO(reference))
    except Exception as err:  # python-docx raises zipfile, KeyError, lxml and ValueError alike
        raise PlanError("docx.bad_reference", detail=str(err)) from err
    document.element.body.clear_content()
    return document


def _drop_template_parts(document: DocxDocument) -> None:
    """Remove python-docx's template styles and parts a plan does not use."""
    for part in (document.part, document.part.package):
        for r_id, rel in list(part.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNUSED_RELATIONSHIPS:
                part.rels.pop(r_id)
    for style in list(document.styles):
        if style.style_id not in _KEPT_TEMPLATE_STYLES:
            style.delete()


def _set_defaults(document: DocxDocument, fonts: L.FontSet) -> None:
    """docDefaults, Normal and settings of our own package (gbt9704.md §6, §7).

    docDefaults get explicit fonts and zh-CN, and lose the template's 10 pt after /
    1.15 lines; Normal becomes the body paragraph; themeFontLang says zh-CN.
    """
    styles = document.styles.element
    defaults = X.child(styles, "w:docDefaults")
    rpr = X.child(X.child(defaults, "w:rPrDefault"), "w:rPr")
    X.set_rfonts(rpr, fonts.body, L.LATIN_FONT)
    X.set_lang(rpr, "zh-CN", "en-US")
    ppr = X.child(X.child(defaults, "w:pPrDefault"), "w:pPr")
    for spacing in ppr.findall(qn("w:spacing")):
        ppr.remove(spacing)

    normal = document.styles["Normal"]
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = False
    fmt.space_before = fmt.space_after = 0
    fmt.line_spacing = L.LINE_PITCH
    fmt.first_line_indent = L.FIRST_LINE_INDENT
    X.set_ind(normal.element.get_or_add_pPr(), firstLineChars=L.FIRST_LINE_CHARS)
    rpr = normal.element.get_or_add_rPr()
    X.set_rfonts(rpr, fonts.body, L.LATIN_FONT)
    X.set_character_spacing(rpr, L.BODY_CHAR_SPACING.twips)
    X.set_size(rpr, int(L.SIZE_SANHAO.pt * 2))

    document.settings.odd_and_even_pages_header_footer = True
    X.set_theme_font_lang(document.settings.element, "zh-CN")


def _set_page(section: Section) -> None:
    """A4, the GB/T 9704 margins and the 28.95 pt line grid (gbt9704.md §2, §3, §10)."""
    section.page_width, section.page_height = L.PAGE_WIDTH, L.PAGE_HEIGHT
    section.top_margin, section.bottom_margin = L.MARGIN_TOP, L.MARGIN_BOTTOM
    section.left_margin, section.right_margin = L.MARGIN_LEFT, L.MARGIN_RIGHT
    section.footer_distance = L.FOOTER_DISTANCE
    X.set_doc_grid(section._sectPr, "lines", L.LINE_PITCH.twips)


def _has_footers(document: DocxDocument) -> bool:
    return document.sections[-1]._sectPr.find(qn("w:footerReference")) is not None


def _add_page_number_footers(document: DocxDocument, style_id: str) -> None:
    """“— 1 —” footers: odd pages right, even pages left, 1 字 (四号) from the block's
    edge (gbt9704.md §10)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[-1]
    X.share_even_header(section._sectPr)
    for footer, jc, side in (
        (section.footer, "right", "right"),
        (section.even_page_footer, "left", "left"),
    ):
        p = footer.paragraphs[0]._p
        ppr = p.get_or_add_pPr()
        ppr.style = style_id
        X.set_ind(ppr, **{side: L.PAGE_NUMBER_GAP.twips}, firstLineChars=0, firstLine=0)
        X.set_jc(ppr, jc)
        paragraph = footer.paragraphs[0]
        X.set_font_hint(paragraph.add_run(f"{L.PAGE_NUMBER_DASH} ")._r.get_or_add_rPr())
        X.add_page_field(p)
        X.set_font_hint(paragraph.add_run(f" {L.PAGE_NUMBER_DASH}")._r.get_or_add_rPr())


@dataclass(frozen=True)
class _StyleSpec:
    """One of our paragraph styles; ``None`` fields inherit from the base style.

    ``tight=False`` drops the body's −0.25 pt character spacing, ``grid=False`` takes
    the paragraph off the line grid, ``level`` is the heading's outline level.
    """

    name: str
    base: str = "Normal"
    east_asia: str | None = None
    latin: str = L.LATIN_FONT
    size: Length | None = None
    not_bold: bool = False
    jc: str | None = None
    zero_indent: bool = False
    tight: bool = True
    grid: bool = True
    line: tuple[int, str] | None = None
    level: int | None = None


def _style_specs(fonts: L.FontSet) -> list[_StyleSpec]:
    """Our styles (gbt9704.md §5, §7–§12). Body-text roles (headings 3–4, attachments,
    signature, tables) keep Normal's face, so a reference's body font reaches them."""
    exact = (L.LINE_PITCH.twips, "exact")
    heading = {"size": L.SIZE_SANHAO, "not_bold": True, "line": exact}
    table = {"size": L.SIZE_SIHAO, "tight": False, "zero_indent": True, "grid": False}
    return [
        _StyleSpec(
            "PlanTitle",
            east_asia=fonts.title,
            size=L.SIZE_ERHAO,
            not_bold=True,
            jc="center",
            zero_indent=True,
            tight=False,
            grid=False,
            line=(L.TITLE_LINE.twips, "exact"),
        ),
        _StyleSpec("PlanHeading1", east_asia=fonts.hei, level=0, **heading),  # type: ignore[arg-type]
        _StyleSpec("PlanHeading2", east_asia=fonts.kai, level=1, **heading),  # type: ignore[arg-type]
        _StyleSpec("PlanHeading3", level=2, **heading),  # type: ignore[arg-type]
        _StyleSpec("PlanHeading4", level=3, **heading),  # type: ignore[arg-type]
        _StyleSpec("PlanAttachment"),
        _StyleSpec("PlanSignature", jc="right", zero_indent=True),
        _StyleSpec("PlanDate", base="PlanSignature"),
        _StyleSpec("PlanTable", jc="center", line=(L.TABLE_LINE.twips, "exact"), **table),  # type: ignore[arg-type]
        _StyleSpec("PlanTableHeader", base="PlanTable", east_asia=fonts.hei),
        _StyleSpec(
            "PlanPageNumber",
            east_asia=fonts.song,
            latin=fonts.song,
            line=(240, "auto"),
            **table,  # type: ignore[arg-type]
        ),
    ]


def _add_styles(document: DocxDocument, fonts: L.FontSet) -> dict[str, str]:
    """Add our paragraph styles that ``document`` lacks; our names → their style ids.

    A style of the same name (or id) already in the document, a reference's, is kept
    whole: pandoc's rule for reference documents.
    """
    styles = document.styles
    ids: dict[str, str] = {}
    for spec in _style_specs(fonts):
        existing = next((s for s in styles if spec.name in (s.name, s.style_id)), None)
        if existing is not None:
            ids[spec.name] = existing.style_id
            continue
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        base = ids.get(spec.base)
        style.base_style = (
            next(s for s in styles if s.style_id == base)
            if base is not None
            else styles.default(WD_STYLE_TYPE.PARAGRAPH)
        )
        style.quick_style = True
        _write_style(style.element, spec)
        ids[spec.name] = style.style_id
    return ids


def _write_style(style: BaseOxmlElement, spec: _StyleSpec) -> None:
    """The ``w:pPr`` and ``w:rPr`` of ``spec``, children in schema order."""
    ppr = style.get_or_add_pPr()  # type: ignore[attr-defined]
    rpr = style.get_or_add_rPr()  # type: ignore[attr-defined]
    if spec.level is not None:
        X.set_keep_next(ppr)
        X.set_outline_lvl(ppr, spec.level)
    if not spec.grid:
        X.set_snap_to_grid(ppr, False)
    if spec.line is not None:
        X.set_spacing(ppr, *spec.line)
    if spec.zero_indent:
        X.set_ind(ppr, firstLineChars=0, firstLine=0)
    if spec.jc is not None:
        X.set_jc(ppr, spec.jc)
    if spec.east_asia is not None:
        X.set_rfonts(rpr, spec.east_asia, spec.latin)
    if spec.not_bold:
        X.set_bold(rpr, False)
    if not spec.tight:
        X.set_character_spacing(rpr, 0)
    if spec.size is not None:
        X.set_size(rpr, int(spec.size.pt * 2))


def _font_table(xml: bytes, fonts: L.FontSet) -> bytes:
    """fontTable.xml with ``w:altName`` fallbacks for the faces of ``fonts`` (gbt9704.md §13)."""
    table = parse_xml(xml)
    for name in dict.fromkeys((fonts.title, fonts.body, fonts.hei, fonts.kai, fonts.song)):
        entry = L.FONT_TABLE.get(name)
        if entry is not None:
            X.add_font(
                table,
                name,
                alt_names=entry.alt_names,
                charset=entry.charset,
                family=entry.family,
                pitch=entry.pitch,
            )
    return serialize_part_xml(table)


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC, naive values taken as UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>planmaker</Application><DocSecurity>0</DocSecurity></Properties>"
)
"""docProps/app.xml: the application that wrote the file, and no page or word counts
(python-docx's template carries stale ones from the Word that made it; Word and WPS
recount on save)."""


def _core_xml(title: str | None, author: str | None, created: datetime) -> bytes:
    """docProps/core.xml: title (the first title line), author (the first 署名),
    language zh-CN, created = modified = ``created``."""
    from docx.opc.coreprops import CoreProperties
    from docx.oxml.coreprops import CT_CoreProperties

    element = CT_CoreProperties.new()
    props = CoreProperties(element)
    if title:
        props.title = title[:255]
    if author:
        props.author = author[:255]
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = created
    return serialize_part_xml(element)


def _with_parts(archive: bytes, parts: Mapping[str, bytes]) -> bytes:
    """``archive`` with ``parts`` added, compressed, each entry dated :data:`EPOCH`
    (python-docx would stamp the current time, so no two runs would match)."""
    buffer = io.BytesIO(archive)
    with zipfile.ZipFile(buffer, "a") as target:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=EPOCH.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return buffer.getvalue()
