"""Text files to blocks: a ``.txt`` line by line, a ``.md`` through planmaker's Markdown parser.

Both are read as ``render`` reads its inputs (:func:`planmaker.source.decode`: UTF-8,
with or without a BOM, UTF-16, GB18030; any line ends), within the same size limit.

A text file says nothing about how its lines look, so its paragraphs carry no hints.
Markdown says some of it, and the markup is turned into hints and taken out of the text:
``#`` … ``######`` give ``level`` (counted from ``##`` under a title, so that a level
means what it means in a .docx), a paragraph wholly in ``**…**`` is ``bold``, list
markers go (an ordered item keeps its number as typed, ``1.``, since offices number by
hand), a pipe table becomes a :class:`Table` (``<br>`` splits a cell into paragraphs).
planmaker's own Markdown reads back with its layout: the ``#`` lines that open the
document are its title (centred and bold, as printed, without a level), the lines of a ``::: signature``
container are right-aligned, and the front matter is left out (it holds settings, not
words). Each line of a paragraph is a paragraph of its own: a line typed on its own in
a text editor is one in the document too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from planmaker.importer.blocks import Block, Paragraph, Table, text_blocks
from planmaker.intake import MAX_BYTES, read_limited

if TYPE_CHECKING:
    from markdown_it.token import Token

    from planmaker.importer.blocks import Align

_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
"""Line and page breaks a text file may hold besides the line ends (Word's text export
writes a vertical tab for a soft line break, a form feed for a page break)."""
_LINE_END = re.compile(r"\r\n|\r|\n")
_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


def read_text(path: str) -> tuple[Block, ...]:
    """The lines of the text file ``path`` as hint-less paragraphs (a vertical tab or a
    form feed inside a line starts another paragraph, numbered as its line)."""
    return tuple(
        block
        for number, line in enumerate(_lines(path), 1)
        for part in _BREAKS.split(line)
        for block in text_blocks([part], number)
    )


def read_markdown(path: str) -> tuple[Block, ...]:
    """The blocks of the Markdown file ``path`` (see the module docstring)."""
    from planmaker.markdown import parse_markdown

    text = "\n".join(_BREAKS.sub(" ", line) for line in _lines(path))
    return tuple(_MarkdownBlocks(parse_markdown(text, hand_written=True, file=path)).blocks)


def _lines(path: str) -> list[str]:
    """The decoded lines of ``path``, split at \\r\\n, \\r or \\n only (as an editor counts
    them); PlanError as ``render`` gives for an unreadable input, ``import.empty`` when
    there is no text."""
    from planmaker.errors import Location, PlanError
    from planmaker.source import decode

    data = read_limited(path, MAX_BYTES, "import")
    text, _ = decode(data, path)
    lines = _LINE_END.split(text.replace("\ufeff", ""))
    if not any(line.strip() for line in lines):
        raise PlanError("import.empty", Location(path))
    return lines


class _MarkdownBlocks:
    """One walk over markdown-it's flat token stream, gathering blocks with their hints."""

    def __init__(self, tokens: list[Token]) -> None:
        self.blocks: list[Block] = []
        self._level: int | None = None
        self._item_label = ""
        self._in_signature = False
        self._title_open = True  # the ``#`` lines before anything else are the title
        self._titled = False  # …and then ``##`` is the first heading level
        self._rows: list[tuple[tuple[str, ...], ...]] = []
        self._row: list[tuple[str, ...]] = []
        self._in_cell = False
        self._table_line = 0
        for token in tokens:
            self._take(token)

    def _take(self, token: Token) -> None:
        kind = token.type
        if kind == "heading_open":
            self._level = int(token.tag[1:])
        elif kind == "heading_close":
            self._level = None
        elif kind == "container_signature_open":
            self._in_signature = True
        elif kind == "container_signature_close":
            self._in_signature = False
        elif kind == "list_item_open":
            ordered = token.info != ""
            self._item_label = f"{token.info}{token.markup}" if ordered else ""
        elif kind == "table_open":
            self._rows, self._table_line = [], _line(token)
        elif kind == "tr_open":
            self._row = []
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            self._in_cell = kind.endswith("_open")
        elif kind == "tr_close":
            self._rows.append(tuple(self._row))
        elif kind == "table_close":
            self.blocks.append(Table(tuple(self._rows), self._table_line))
            self._title_open = False
        elif kind == "inline" and self._in_cell:
            self._row.append(tuple(text for text, _ in _inline_lines(token) if text))
        elif kind == "inline":
            self._paragraphs(token)
        elif kind in ("fence", "code_block", "html_block"):
            self.blocks.extend(text_blocks(token.content.splitlines(), _line(token)))
            self._title_open = False

    def _paragraphs(self, token: Token) -> None:
        title = self._title_open and self._level == 1
        self._title_open = title
        self._titled = self._titled or title
        level = None if title or self._level is None else max(1, self._level - self._titled)
        align: Align | None = "center" if title else "right" if self._in_signature else None
        label, self._item_label = self._item_label, ""
        for number, (text, bold) in enumerate(_inline_lines(token)):
            text = (label if number == 0 else "") + text
            if text:
                self.blocks.append(
                    Paragraph(
                        text,
                        _line(token) + number,
                        align=align,
                        bold=bold or title,
                        level=level,
                    )
                )


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _inline_lines(token: Token) -> list[tuple[str, bool]]:
    """The lines of an inline token (split at soft and hard breaks and ``<br>``), each with
    whether all its visible text is bold."""
    lines: list[tuple[str, bool]] = []
    parts: list[str] = []
    bold_parts: list[bool] = []
    strong = 0

    def end_line() -> None:
        text = "".join(parts).strip()
        visible = [b for p, b in zip(parts, bold_parts, strict=True) if p.strip()]
        lines.append((text, bool(visible) and all(visible)))
        parts.clear()
        bold_parts.clear()

    for child in token.children or ():
        if child.type == "strong_open":
            strong += 1
        elif child.type == "strong_close":
            strong -= 1
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and _BR.match(child.content.strip())
        ):
            end_line()
        elif child.type in ("text", "code_inline", "html_inline", "image"):
            parts.append(child.content)
            bold_parts.append(strong > 0)
    end_line()
    return lines
