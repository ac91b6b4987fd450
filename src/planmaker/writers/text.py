"""Markdown tokens → plain text, for pasting into a mail, a chat or a web form.

Layout, block by block, with one empty line between blocks:

* the title lines at the top form one block, a line each;
* each heading and each paragraph is one line (source line breaks inside a paragraph
  are joined without a space, as Chinese text is; a hard break starts a new line);
* a table is one line per row, cells separated by a tab; a ``<br>`` inside a cell
  becomes " / ", so every row stays on one line and pastes into a spreadsheet;
* the ``::: attachments`` and ``::: signature`` containers are one block each, a line
  per paragraph (署名 above 成文日期), in document order.

Bold markers are dropped; escaped characters come out as the user typed them. Tokens
outside the dialect raise ``markdown.unsupported``, as in the DOCX writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planmaker.writers.renderer import CELL_BREAK, TokenRenderer

if TYPE_CHECKING:
    from markdown_it.token import Token

CELL_LINE_SEPARATOR = " / "
"""What a ``<br>`` inside a table cell becomes."""


def write_text(tokens: list[Token]) -> str:
    """The plain text of ``tokens`` (see the module docstring), ending in a newline."""
    renderer = TextRenderer()
    renderer.render(tokens)
    return "\n\n".join("\n".join(block) for block in renderer.blocks) + "\n"


class TextRenderer(TokenRenderer):
    """Collects ``blocks`` of lines from the token stream, one method per token type."""

    ignored = frozenset(
        {
            "front_matter",
            "heading_close",
            "paragraph_close",
            "thead_open",
            "thead_close",
            "tbody_open",
            "tbody_close",
            "th_close",
            "td_close",
            "strong_open",
            "strong_close",
            "softbreak",
        }
    )
    """Tokens that carry no text and end nothing the renderer tracks."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[list[str]] = []
        self._title_block = True
        self._in_container = False
        self._row: list[str] | None = None

    # -- blocks ---------------------------------------------------------------------
    def heading_open(self, tokens: list[Token], idx: int) -> None:
        title = tokens[idx].tag == "h1"
        if title and self._title_block and self.blocks:
            self.blocks[-1].append("")
        else:
            self.blocks.append([""])
        self._title_block = self._title_block and title

    def paragraph_open(self, tokens: list[Token], idx: int) -> None:
        self._title_block = False
        if self._in_container:
            self.blocks[-1].append("")
        else:
            self.blocks.append([""])

    def table_open(self, tokens: list[Token], idx: int) -> None:
        self._title_block = False
        self.blocks.append([])

    def table_close(self, tokens: list[Token], idx: int) -> None:
        self._row = None

    def tr_open(self, tokens: list[Token], idx: int) -> None:
        self._row = []

    def tr_close(self, tokens: list[Token], idx: int) -> None:
        self.blocks[-1].append("\t".join(self._row or []))

    def th_open(self, tokens: list[Token], idx: int) -> None:
        self._cell()

    def td_open(self, tokens: list[Token], idx: int) -> None:
        self._cell()

    def _cell(self) -> None:
        if self._row is None:
            raise self.unsupported("table cell")
        self._row.append("")

    def container_attachments_open(self, tokens: list[Token], idx: int) -> None:
        self._open_container()

    def container_attachments_close(self, tokens: list[Token], idx: int) -> None:
        self._in_container = False

    def container_signature_open(self, tokens: list[Token], idx: int) -> None:
        self._open_container()

    def container_signature_close(self, tokens: list[Token], idx: int) -> None:
        self._in_container = False

    def _open_container(self) -> None:
        self._title_block = False
        self._in_container = True
        self.blocks.append([])

    # -- inline ---------------------------------------------------------------------

    def text(self, tokens: list[Token], idx: int) -> None:
        self._write(tokens[idx].content)

    def hardbreak(self, tokens: list[Token], idx: int) -> None:
        """A hard line break (never inside a table row, which is one source line)."""
        self.blocks[-1].append("")

    def html_inline(self, tokens: list[Token], idx: int) -> None:
        """``<br>`` inside a table cell; any other HTML is outside the dialect."""
        html = tokens[idx].content
        if self._row is None or not CELL_BREAK.fullmatch(html.strip()):
            raise self.unsupported(html)
        self._write(CELL_LINE_SEPARATOR)

    def _write(self, text: str) -> None:
        if self._row is not None:
            self._row[-1] += text
        else:
            self.blocks[-1][-1] += text
