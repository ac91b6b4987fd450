"""Geometry that depends on the text: the table being written (its layout planned by
:mod:`~planmaker.writers.docx_columns`), and the indents of the signature and the
attachments note (docs/layout.md §9, §11, §12).

The signature's and attachments' widths are measured in half-字: a CJK (or
full-width, or shared) character is one 字, any other half of one. The results are
written on the paragraphs and tables themselves, as ``w:ind`` attributes, ``w:tblGrid``
columns and the cells' own properties.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from planmaker.writers import docx_layout as L
from planmaker.writers.docx_columns import SIZES, CellSize, ColumnPlan, plan_columns
from planmaker.writers.docx_markup import (
    EMPTY_P,
    END_P,
    KEPT_EMPTY_P,
    Paragraph,
    keep_last_row_with_next,
    p_xml,
    r_xml,
    tbl_xml,
    tc_xml,
    tr_xml,
    with_closing_table,
)
from planmaker.writers.renderer import CELL_BREAK

if TYPE_CHECKING:
    from markdown_it.token import Token

# "附件：" before the first attachment's name, and a "1." number before a name (§12).
_ATTACHMENT_LEAD = re.compile(r"^[^：:]{1,6}[：:]")
_ATTACHMENT_NUMBER = re.compile(r"^\d+[.．]")


# -- tables ------------------------------------------------------------------------


class Table:
    """One pipe table being written: its layout (a
    :class:`~planmaker.writers.docx_columns.ColumnPlan`), column alignments, finished
    rows, and the paragraphs of the cell being filled.

    A source column the plan leaves out (empty in every body row) is read and dropped;
    a label's line gets the line breaks the plan puts at its natural break points; a
    row taller than :data:`SPLIT_ROW_HEIGHT` may split across pages.
    """

    def __init__(self, layout: ColumnPlan, aligns: list[str], style_ids: Mapping[str, str]) -> None:
        self.layout = layout
        self.aligns = aligns
        self.header = False
        self._styles = style_ids
        self._rows: list[str] = []
        self._cells: list[str] = []
        self._lines: list[Paragraph] = []
        self._row = -1
        self._column = -1

    @classmethod
    def plan(cls, tokens: list[Token], idx: int, style_ids: Mapping[str, str]) -> Table:
        """The table opening at ``tokens[idx]``, planned from its cells' text (docs/layout.md §11)."""
        rows: list[list[list[str]]] = []
        aligns: list[str | None] = []
        for token in tokens[idx + 1 :]:
            if token.type == "table_close":
                break
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open") and len(rows) == 1:
                aligns.append(_markdown_align(token))
            elif token.type == "inline":
                rows[-1].append(_cell_lines(token))
        layout = plan_columns(rows)
        resolved = [
            align or ("left" if c == layout.text_column else "center")
            for c, align in enumerate(aligns)
        ]
        return cls(layout, resolved, style_ids)

    def start_row(self) -> None:
        self._cells = []
        self._row += 1
        self._column = -1

    def end_row(self) -> None:
        keep = self.header or self.layout.row_heights[self._row] <= SPLIT_ROW_HEIGHT
        self._rows.append(tr_xml("".join(self._cells), header=self.header, keep_together=keep))

    def start_cell(self) -> Paragraph:
        """The first paragraph of a new cell in the current row."""
        self._column += 1
        self._lines = []
        return self.new_line()

    def new_line(self, *, bold: bool = False) -> Paragraph:
        """A further paragraph in the current cell (a ``<br>``), formatted like the first;
        ``bold``: a ``**`` opened on the line before is still open."""
        col = min(self._column, len(self.aligns) - 1)
        style = "PlanTableHeader" if self.header else "PlanTable"
        jc = None if self.header or self.aligns[col] == "center" else self.aligns[col]
        breaks = self.layout.breaks.get((self._row, self._column, len(self._lines)), ())
        size = None if self.layout.size == SIZES[0] else self.layout.size
        line = CellLine(self._styles[style], jc, bold=bold, breaks=breaks, size=size)
        self._lines.append(line)
        return line

    def end_cell(self) -> None:
        if self._column in self.layout.columns:
            width = self.layout.widths[self.layout.columns.index(self._column)]
            self._cells.append(tc_xml(width, "".join(p.xml() for p in self._lines)))

    def xml(self) -> str:
        return tbl_xml(self.layout.widths, L.TABLE_BORDER_EIGHTHS, "".join(self._rows))


SPLIT_ROW_HEIGHT = (L.PAGE_HEIGHT - L.MARGIN_TOP - L.MARGIN_BOTTOM) // 3
"""Twips of text of the tallest row kept whole on one page: a third of the text
block. A taller row may split across pages (the header row repeats above the rest),
so a table never leaves half a page empty."""


class CellLine(Paragraph):
    """A paragraph of a table cell: the automatic space between CJK text and digits
    off, a new printed line at each of ``breaks`` (offsets in the paragraph's text),
    and set in ``size`` when it is not the table style's."""

    __slots__ = ("_breaks", "_length", "_size")

    def __init__(
        self,
        style: str | None,
        jc: str | None,
        *,
        bold: bool,
        breaks: tuple[int, ...],
        size: CellSize | None,
    ) -> None:
        super().__init__(style, jc, bold=bold)
        self._breaks = breaks
        self._length = 0
        self._size = size

    def add_text(self, text: str, *, east_asia_hint: bool) -> None:
        start, self._length = self._length, self._length + len(text)
        cut = 0
        for offset in (b - start for b in self._breaks if start <= b < self._length):
            if offset > cut:
                self._add_run(text[cut:offset], east_asia_hint)
            self.add_break()
            cut = offset
        self._add_run(text[cut:], east_asia_hint)
        self.text.append(text)

    def _add_run(self, text: str, east_asia_hint: bool) -> None:
        size = None if self._size is None else self._size.half_points
        self.runs.append(r_xml(text, bold=self.bold, east_asia_hint=east_asia_hint, size=size))

    def xml(self) -> str:
        line = None if self._size is None else self._size.line
        runs = "".join(self.runs)
        return p_xml(self.style, runs, ind=self.ind, jc=self.jc, auto_space=False, line=line)


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
        elif child.type == "html_inline" and CELL_BREAK.fullmatch(child.content.strip()):
            lines.append("")
    return lines


# -- signature and attachments ---------------------------------------------------


@lru_cache(maxsize=4096)
def _char_halves(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WFA" else 1


def _halves(text: str) -> int:
    """Width of ``text`` in half-字: a CJK (or full-width, or shared) character is 1 字,
    any other ½ 字 (docs/layout.md §9)."""
    return sum(map(_char_halves, text))


def indent_signature(paragraphs: list[Paragraph], *, seal: bool, date_style: str) -> None:
    """Right indents of 署名 and 成文日期, the last paragraph (docs/layout.md §9).

    Sealed: the date 4 字 from the right, each name centred over it. Unsealed: every
    name's first character 2 字 left of the date's first, neither nearer than 2 字 to
    the right edge. A lone paragraph is a name without a date.
    """
    char = L.CHAR_WIDTH
    if len(paragraphs) == 1:
        _set_right_indent(
            paragraphs[0], char * (L.SEAL_DATE_RIGHT_CHARS if seal else L.NO_SEAL_RIGHT_CHARS)
        )
        return
    *names, date = paragraphs
    date.style = date_style
    w_date = _halves(date.plain_text()) * char // 2
    w_names = [_halves(name.plain_text()) * char // 2 for name in names]
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


def place_signature(
    parts: list[str | Paragraph], paragraphs: list[Paragraph], empty_lines: int
) -> None:
    """Add the 落款 (``empty_lines`` empty lines, the 署名 and the 成文日期, indented) to
    the body's ``parts`` so that no page holds it alone and 署名 and 成文日期 never part.

    After paragraphs it keeps with at least the last two lines of the body (see
    :func:`_keep_body_end`). After a table it is a one-row table right below it, laid
    out as the table's last row, unbordered, kept with the row above: LibreOffice keeps
    a table's last row with the paragraph after it only while the table fits on one
    page, but keeps rows together always. (In LibreOffice, keeping a paragraph with the
    next moves the whole paragraph; Word and WPS move its last lines.)
    """
    if not paragraphs:
        parts.extend([EMPTY_P] * empty_lines)
        return
    for p in paragraphs[:-1]:
        p.keep_next = True
    last = parts[-1] if parts else None
    if isinstance(last, str) and last.startswith("<w:tbl>"):
        cell = EMPTY_P * empty_lines + "".join(p.xml() for p in paragraphs)
        parts[-1] = with_closing_table(last, cell)
        parts.append(END_P)
        return
    _keep_body_end(parts)
    parts.extend([KEPT_EMPTY_P] * empty_lines)
    parts.extend(paragraphs)


def _keep_body_end(parts: list[str | Paragraph]) -> None:
    """Keep the end of the body, ``parts`` so far, on the page of what comes next:
    paragraphs from the last back until they hold two lines (with widow control, the
    last two lines of a longer paragraph move with it), or a table's last row."""
    lines = 0
    for i in reversed(range(len(parts))):
        part = parts[i]
        if isinstance(part, Paragraph):
            part.keep_next = True
            lines += _body_lines(part)
        elif part.startswith("<w:tbl>"):
            parts[i] = keep_last_row_with_next(part)
            return
        if lines >= 2 or not isinstance(part, Paragraph):
            return


def _body_lines(p: Paragraph) -> int:
    """How many body lines (28 字, the first 2 字 in) ``p`` takes, about."""
    halves = _halves(p.plain_text()) + L.FIRST_LINE_CHARS // 50
    return -(-halves // (2 * L.BODY_LINE_CHARS))


def _set_right_indent(p: Paragraph, twips: int) -> None:
    p.ind = {"right": twips, "firstLineChars": 0, "firstLine": 0}


def indent_attachments(paragraphs: list[Paragraph]) -> None:
    """Hanging indents of 附件说明 (docs/layout.md §12): the first paragraph starts 2 字 in;
    a name that wraps continues under its own first character, and each further
    "2.xxx" starts under the first one's number."""
    if not paragraphs:
        return
    half = L.CHAR_WIDTH // 2
    first = paragraphs[0].plain_text()
    lead = _ATTACHMENT_LEAD.match(first)
    lead_halves = _halves(lead.group()) if lead else 0
    for i, p in enumerate(paragraphs):
        text = first[lead.end() :] if (i == 0 and lead) else p.plain_text()
        number = _ATTACHMENT_NUMBER.match(text)
        label = _halves(number.group()) if number else 0
        hanging = label + (lead_halves if i == 0 else 0)
        left = L.FIRST_LINE_CHARS // 50 + lead_halves + label
        p.ind = {"left": left * half, "hangingChars": hanging * 50, "hanging": hanging * half}
