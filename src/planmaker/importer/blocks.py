"""What a reader hands the recogniser: a document as blocks, in reading order.

A block is a paragraph or a table. Paragraphs carry the hints a person reading the
page uses to tell a title or a heading from body text — alignment, bold, size, a
named style — as far as the file kind records them: a .docx knows them all, a text
file none. Every block keeps its place in the file (``line``) so messages and the
comments in the YAML can point at it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as typed: ``text`` without leading or trailing white space."""

    text: str
    line: int
    align: Align | None = None
    """Alignment as the reader sees it, styles included; ``None`` when the file cannot say."""
    bold: bool = False
    """Every visible character is bold."""
    size: float | None = None
    """The largest font size in the paragraph, in points, when the file records one."""
    style: str | None = None
    """The paragraph style's name (``Title``, ``Heading 1``) when it is not the default."""
    level: int | None = None
    """A heading level the file states itself (a Markdown ``##``, a Word outline level)."""


@dataclass(frozen=True)
class Table:
    """A table: rows of cells, each cell its paragraphs' texts (merged cells repeated once)."""

    rows: tuple[tuple[tuple[str, ...], ...], ...]
    line: int
    continued: frozenset[tuple[int, int]] = frozenset()
    """The (row, column) places, 0-based, of cells merged down from the row above: empty in
    ``rows`` (the words are in the first row of the merge), one cell on the page (a 负责人
    merged over several weeks is the owner of each)."""


Block = Paragraph | Table


@dataclass(frozen=True)
class Source:
    """A document read from ``file``: its blocks, in order."""

    file: str
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = field(default=())
    """What the reader did that the user should hear of (a conversion through LibreOffice)."""


def text_blocks(lines: Iterable[str], start: int = 1) -> tuple[Paragraph, ...]:
    """Lines of plain text as paragraphs without hints; blank lines end nothing and are dropped."""
    return tuple(
        Paragraph(text=line.strip(), line=number)
        for number, line in enumerate(lines, start)
        if line.strip()
    )
