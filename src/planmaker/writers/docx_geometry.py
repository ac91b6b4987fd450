"""Geometry that depends on the text: table column widths, the table being written, and
the indents of the signature and the attachments note (gbt9704.md §9, §11, §12).

Widths are measured in half-字: a CJK (or full-width, or shared) character is one
字, any other half of one. The results are written on the paragraphs and tables
themselves, as ``w:ind`` attributes and ``w:tblGrid`` columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from planmaker.writers import docx_layout as L
from planmaker.writers.docx_markup import (
    EMPTY_P,
    END_P,
    KEPT_EMPTY_P,
    Paragraph,
    keep_last_row_with_next,
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
# A run of Latin letters, digits or ASCII punctuation (half-width, printable).
_NARROW_RUN = re.compile(r"[!-~]+")


# -- tables ------------------------------------------------------------------------


class Table:
    """One pipe table being written: column widths and alignments, finished rows,
    and the paragraphs of the cell being filled."""

    def __init__(self, widths: list[int], aligns: list[str], style_ids: Mapping[str, str]) -> None:
        self.widths = widths
        self.aligns = aligns
        self.header = False
        self._styles = style_ids
        self._rows: list[str] = []
        self._cells: list[str] = []
        self._lines: list[Paragraph] = []

    @classmethod
    def plan(cls, tokens: list[Token], idx: int, style_ids: Mapping[str, str]) -> Table:
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
        self._rows.append(tr_xml("".join(self._cells), header=self.header))

    def start_cell(self) -> Paragraph:
        """The first paragraph of a new cell in the current row."""
        self._lines = []
        return self.new_line()

    def new_line(self, *, bold: bool = False) -> Paragraph:
        """A further paragraph in the current cell (a ``<br>``), formatted like the first;
        ``bold``: a ``**`` opened on the line before is still open."""
        col = min(len(self._cells), len(self.widths) - 1)
        style = "PlanTableHeader" if self.header else "PlanTable"
        jc = None if self.header or self.aligns[col] == "center" else self.aligns[col]
        line = Paragraph(self._styles[style], jc, bold=bold)
        self._lines.append(line)
        return line

    def end_cell(self) -> None:
        col = min(len(self._cells), len(self.widths) - 1)
        self._cells.append(tc_xml(self.widths[col], "".join(p.xml() for p in self._lines)))

    def xml(self) -> str:
        return tbl_xml(self.widths, L.TABLE_BORDER_EIGHTHS, "".join(self._rows))


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
        elif child.type == "html_inline" and CELL_BREAK.fullmatch(child.content.strip()):
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


def indent_signature(paragraphs: list[Paragraph], *, seal: bool, date_style: str) -> None:
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
    """Hanging indents of 附件说明 (gbt9704.md §12): the first paragraph starts 2 字 in;
    a name that wraps continues under its own first character, and each further
    "2.xxx" starts under the first one's number."""
    if not paragraphs:
        return
    half = L.CHAR_WIDTH.twips // 2
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
