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

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from planmaker.errors import Location, PlanError

if TYPE_CHECKING:
    from markdown_it.token import Token

CELL_LINE_SEPARATOR = " / "
"""What a ``<br>`` inside a table cell becomes."""

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_RULES = (
    "heading_open",
    "paragraph_open",
    "inline",
    "table_open",
    "table_close",
    "tr_open",
    "tr_close",
    "th_open",
    "td_open",
    "container_attachments_open",
    "container_attachments_close",
    "container_signature_open",
    "container_signature_close",
    "text",
    "hardbreak",
    "html_inline",
)
# Tokens that carry no text and end nothing the renderer tracks.
_SILENT = (
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
)


def write_text(tokens: list[Token]) -> str:
    """The plain text of ``tokens`` (see the module docstring), ending in a newline."""
    renderer = TextRenderer()
    renderer.render(tokens)
    return "\n\n".join("\n".join(block) for block in renderer.blocks) + "\n"


class TextRenderer:
    """Collects ``blocks`` of lines from the token stream, one method per token type."""

    def __init__(self) -> None:
        self.blocks: list[list[str]] = []
        self.rules: dict[str, Callable[[list[Token], int], None]] = {
            name: getattr(self, name) for name in _RULES
        }
        self.rules.update(dict.fromkeys(_SILENT, self._silent))
        self._title_block = True
        self._in_container = False
        self._row: list[str] | None = None
        self._line: int | None = None

    def render(self, tokens: list[Token]) -> None:
        """Render block ``tokens`` in order."""
        for idx, token in enumerate(tokens):
            if token.map is not None:
                self._line = token.map[0] + 1
            self._rule(token)(tokens, idx)

    def _rule(self, token: Token) -> Callable[[list[Token], int], None]:
        rule = self.rules.get(token.type)
        if rule is None:
            what = token.content.strip() if token.type.startswith("html") else token.type
            raise PlanError("markdown.unsupported", Location(line=self._line), what=what)
        return rule

    def _silent(self, tokens: list[Token], idx: int) -> None:
        """Nothing to write."""

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

    def inline(self, tokens: list[Token], idx: int) -> None:
        children = tokens[idx].children or []
        for child_idx, child in enumerate(children):
            self._rule(child)(children, child_idx)

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
            raise PlanError("markdown.unsupported", Location(line=self._line), what="table cell")
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
        if self._row is None or not _BR.fullmatch(html.strip()):
            raise PlanError("markdown.unsupported", Location(line=self._line), what=html)
        self._write(CELL_LINE_SEPARATOR)

    def _write(self, text: str) -> None:
        if self._row is not None:
            self._row[-1] += text
        else:
            self.blocks[-1][-1] += text
