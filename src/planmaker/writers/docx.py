"""Markdown tokens → DOCX laid out per GB/T 9704-2012 (docs/layout.md).

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

Three modules share the work: this one renders the token stream to the body's
markup (:class:`DocxRenderer`, one method per token type);
:mod:`~planmaker.writers.docx_geometry` sizes tables and indents the signature and
the attachments; :mod:`~planmaker.writers.docx_package` builds the styled package
(styles, settings, section, footers, font table) once per process and font set, and
zips each document with fixed timestamps, so the same tokens and options always give
the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from planmaker.booleans import BOOL_OF
from planmaker.errors import Location, PlanError
from planmaker.markdown import BAD_CHARS, front_matter
from planmaker.writers import docx_layout as L
from planmaker.writers.docx_geometry import (
    Table,
    indent_attachments,
    indent_signature,
    place_signature,
)
from planmaker.writers.docx_markup import EMPTY_P, Paragraph
from planmaker.writers.docx_shipped import shared_package
from planmaker.writers.options import DocxOptions
from planmaker.writers.renderer import CELL_BREAK, TokenRenderer

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["DocxOptions", "DocxRenderer", "write_docx"]

_HEADING_STYLES = {
    "h1": "PlanTitle",
    "h2": "PlanHeading1",
    "h3": "PlanHeading2",
    "h4": "PlanHeading3",
    "h5": "PlanHeading4",
}
# Characters Latin and CJK fonts share: they need w:hint="eastAsia" (docs/layout.md §6).
_SHARED_CHARS = re.compile("[\u00a1-\u00ff\u2010-\u27bf\u3000-\u303f]")


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
    package = shared_package(fonts, opts.reference_docx)
    renderer = DocxRenderer(seal=seal, style_ids=package.style_ids)
    renderer.render(tokens)
    return package.document(
        renderer.body.markup(), title=renderer.title, author=renderer.author, created=opts.created
    )


class _Body:
    """The body's markup so far, and the title block at its top.

    The ``#`` lines at the top are the title; the first other block (a heading, a
    paragraph, a table or a container) ends the title block, one empty line below
    the last title line (docs/layout.md §7). A ``#`` line further down is a title-styled
    paragraph with no empty line of its own.
    """

    def __init__(self) -> None:
        self.parts: list[str | Paragraph] = []
        self._title = "open"
        """``open``: no title line ended yet; ``ended``: one has, the empty line is
        due; ``closed``: the body has begun."""

    def end_title_line(self) -> None:
        if self._title == "open":
            self._title = "ended"

    def start_block(self) -> None:
        """Leave the title block, with its empty line if it had a title line."""
        if self._title == "ended":
            self.parts.append(EMPTY_P)
        self._title = "closed"

    def markup(self) -> str:
        return "".join(p if isinstance(p, str) else p.xml() for p in self.parts)


class _Group:
    """The paragraphs of a ``::: signature`` or ``::: attachments`` container, kept
    until it closes: their indents depend on all of their text."""

    def __init__(self, style: str) -> None:
        self.style = style
        self.paragraphs: list[Paragraph] = []


class DocxRenderer(TokenRenderer):
    """Renders the token stream to the WordprocessingML of a ``w:body``, one method
    per token type; ``body`` collects the markup in order, ``title`` and ``author``
    (the first title line and the first 署名) go to the core properties.

    The markup is written as text (escaped by :mod:`docx_markup`'s builders): a
    schedule has thousands of elements, and building them one by one in lxml costs
    more than the rest of the writer together. What is being written lives in small
    objects: the paragraph text goes to (``_p``), the table being filled
    (:class:`~planmaker.writers.docx_geometry.Table`), the open container
    (:class:`_Group`) and the body with its title block (:class:`_Body`).
    """

    ignored = frozenset(
        {
            "front_matter",  # settings only: write_docx has read them
            "softbreak",  # a source line break in a paragraph: Chinese lines join without a space
            "tbody_open",  # rows after the header are body rows
            "tbody_close",  # the table ends at table_close
        }
    )

    def __init__(self, *, seal: bool, style_ids: Mapping[str, str]) -> None:
        super().__init__()
        self.seal = seal
        self.style_ids = style_ids
        self.title: str | None = None
        self.author: str | None = None
        self.body = _Body()
        self._p: Paragraph | None = None
        self._table: Table | None = None
        self._group: _Group | None = None

    # -- blocks -------------------------------------------------------------------

    def heading_open(self, tokens: list[Token], idx: int) -> None:
        tag = tokens[idx].tag
        style = _HEADING_STYLES.get(tag)
        if style is None:
            raise self.unsupported(f"heading {tag}")
        if tag == "h1":
            if self.title is None:
                self.title = _plain_text(tokens[idx + 1])
        else:
            self.body.start_block()
        self._open_paragraph(style)

    def heading_close(self, tokens: list[Token], idx: int) -> None:
        if tokens[idx].tag == "h1":
            self.body.end_title_line()
        self._close_paragraph()

    def paragraph_open(self, tokens: list[Token], idx: int) -> None:
        self.body.start_block()
        self._open_paragraph(None if self._group is None else self._group.style)

    def paragraph_close(self, tokens: list[Token], idx: int) -> None:
        self._close_paragraph()

    # -- inline -------------------------------------------------------------------

    def text(self, tokens: list[Token], idx: int) -> None:
        content = tokens[idx].content
        if content and self._p is not None:
            if bad := BAD_CHARS.search(content):
                raise PlanError(
                    "text.bad_char", Location(line=self.line), char=f"U+{ord(bad.group()):04X}"
                )
            self._p.add_text(content, east_asia_hint=_SHARED_CHARS.search(content) is not None)

    def strong_open(self, tokens: list[Token], idx: int) -> None:
        if self._p is not None:
            self._p.bold = True

    def strong_close(self, tokens: list[Token], idx: int) -> None:
        if self._p is not None:
            self._p.bold = False

    def hardbreak(self, tokens: list[Token], idx: int) -> None:
        if self._p is not None:
            self._p.add_break()

    def html_inline(self, tokens: list[Token], idx: int) -> None:
        """``<br>`` in a table cell starts a new paragraph in the cell; no other HTML."""
        html = tokens[idx].content
        if self._table is None or self._p is None or not CELL_BREAK.fullmatch(html.strip()):
            raise self.unsupported(html)
        self._p = self._table.new_line(bold=self._p.bold)

    # -- tables -------------------------------------------------------------------

    def table_open(self, tokens: list[Token], idx: int) -> None:
        self.body.start_block()
        self._table = Table.plan(tokens, idx, self.style_ids)

    def table_close(self, tokens: list[Token], idx: int) -> None:
        self.body.parts.append(self._current_table().xml())
        self._table = None

    def thead_open(self, tokens: list[Token], idx: int) -> None:
        self._current_table().header = True

    def thead_close(self, tokens: list[Token], idx: int) -> None:
        self._current_table().header = False

    def tr_open(self, tokens: list[Token], idx: int) -> None:
        self._current_table().start_row()

    def tr_close(self, tokens: list[Token], idx: int) -> None:
        self._current_table().end_row()

    def th_open(self, tokens: list[Token], idx: int) -> None:
        self._p = self._current_table().start_cell()

    def td_open(self, tokens: list[Token], idx: int) -> None:
        self._p = self._current_table().start_cell()

    def th_close(self, tokens: list[Token], idx: int) -> None:
        self._close_cell()

    def td_close(self, tokens: list[Token], idx: int) -> None:
        self._close_cell()

    def _close_cell(self) -> None:
        self._current_table().end_cell()
        self._p = None

    def _current_table(self) -> Table:
        if self._table is None:
            raise self.unsupported("table part outside a table")
        return self._table

    # -- containers ---------------------------------------------------------------

    def container_attachments_open(self, tokens: list[Token], idx: int) -> None:
        self._open_group("PlanAttachment", L.NO_SEAL_EMPTY_LINES)

    def container_attachments_close(self, tokens: list[Token], idx: int) -> None:
        paragraphs = self._take_group()
        indent_attachments(paragraphs)
        self.body.parts.extend(paragraphs)

    def container_signature_open(self, tokens: list[Token], idx: int) -> None:
        self._open_group("PlanSignature", 0)

    def container_signature_close(self, tokens: list[Token], idx: int) -> None:
        paragraphs = self._take_group()
        if paragraphs:
            self.author = self.author or paragraphs[0].plain_text()
            indent_signature(paragraphs, seal=self.seal, date_style=self.style_ids["PlanDate"])
        empty_lines = L.SEAL_EMPTY_LINES if self.seal else L.NO_SEAL_EMPTY_LINES
        place_signature(self.body.parts, paragraphs, empty_lines)

    def _open_group(self, style: str, empty_lines: int) -> None:
        self.body.start_block()
        self.body.parts.extend([EMPTY_P] * empty_lines)
        self._group = _Group(style)

    def _take_group(self) -> list[Paragraph]:
        """End the container: its paragraphs, to be indented and then written."""
        group, self._group = self._group, None
        return [] if group is None else group.paragraphs

    # -- paragraphs ---------------------------------------------------------------

    def _open_paragraph(self, style: str | None) -> None:
        self._p = Paragraph(None if style is None else self.style_ids[style])

    def _close_paragraph(self) -> None:
        if self._p is not None:
            if self._group is not None:
                self._group.paragraphs.append(self._p)
            else:
                self.body.parts.append(self._p)
        self._p = None


def _plain_text(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type == "text")
