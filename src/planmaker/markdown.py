"""The document's one intermediate form: Markdown, parsed by markdown-it-py.

Every writer (DOCX, Markdown, text, PDF) reads the token stream made here, and
nothing else. The dialect (see docs/模板编写指南.md):

* a front matter block (``---`` … ``---``) with the document settings
  (``fonts``, ``seal``, ``date_style``);
* ``#`` lines at the top: the title, one line each;
* ``##`` … ``#####``: section headings and titled nodes, carrying their numbers as
  text (一、 （一） 1. （1）) once the numbering step has run;
* paragraphs, ``**bold**``, pipe tables (``<br>`` is the only raw HTML, a line break
  inside a cell);
* ``::: signature`` (署名, then 成文日期) and ``::: attachments`` (附件说明) containers.

Hand-written Markdown is bounded while it is parsed (:func:`parse_markdown` with
``hand_written``): more than :data:`MAX_LINES` lines, a table wider than
:data:`MAX_COLUMNS`, or more than :data:`MAX_BLOCKS` paragraphs, headings, cells and the
like are refused at the line where the limit is passed, before the rest is parsed.

Raw HTML is switched on only so that ``<br>`` can be told apart from an escaped
``\\<br>`` a user typed; any other HTML is rejected by the writers. Links, images,
code and rules are parsed too, so that hand-written Markdown using them is refused
with its line rather than printed as odd text.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

from planmaker.errors import Location, PlanError

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

CONTAINERS = ("signature", "attachments")

MAX_COLUMNS = 20
"""Columns of a table; on an A4 page each of 20 columns holds one character a line."""
MAX_BLOCKS = 20_000
"""Paragraphs, headings, table rows and cells, and other blocks of hand-written Markdown.

A long plan has a few hundred. Each costs tokens and a DOCX element, so 2 MB of
one-character cells (a million of them) would take half a minute and gigabytes.
"""
MAX_LINES = 50_000
"""Lines of hand-written Markdown, counted before parsing: the parser keeps four numbers
a line, 150 MB for the 1.4 million lines 2 MB can hold. A long plan has a few hundred."""
MAX_MARKUP = 50_000
"""ASCII characters that can start inline markup (``* _ [ ] < > ` & - :`` …) in
hand-written Markdown, counted before parsing. Each makes the inline parser try its
rules there (``![a`` repeated through 2 MB takes half a minute); a long plan has a few
hundred, in its dates, times and ``**bold**``."""
_MARKUP = re.compile(r"[!#$%&*+\-:<=>@\[\\\]^_`{}~]")
"""markdown-it's inline terminators, but the line end."""
_BOUNDED = "planmaker.bounded"

BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters a DOCX (XML 1.0) cannot hold: C0 controls but tab and line ends, the
surrogates, U+FFFE and U+FFFF. The loader refuses them in YAML, the writers in
Markdown, each naming where."""


def bad_char_code(char: str) -> str:
    """The code for a character of :data:`BAD_CHARS`: ``text.surrogate`` for half of a
    UTF-16 pair (an escape such as ``\\ud83d``, or a byte a command line could not
    decode), ``text.bad_char`` for the others."""
    return "text.surrogate" if "\ud800" <= char <= "\udfff" else "text.bad_char"


# Every ASCII punctuation character may be backslash-escaped in CommonMark. These are
# the ones that can start markup anywhere in a line; the line-start ones follow.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&!~{}$])")
_LINE_START_SPECIAL = re.compile(r"^([-+=:>]|\d+[.)])")


@cache
def parser() -> MarkdownIt:
    """The one configured MarkdownIt instance (built on first use)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True, "breaks": False, "linkify": False})
    md.enable("table")
    # Setext headings are off so that a `---` line is a rule, which the writers reject
    # with its line like every construct outside the dialect (links, images, code …).
    md.disable(["lheading"])
    md.use(front_matter_plugin)
    for name in CONTAINERS:
        md.use(container_plugin, name=name)
    md.core.ruler.at("block", _bounded_block)
    return md


def parse_markdown(
    text: str, *, hand_written: bool = False, file: str | None = None
) -> list[Token]:
    """Tokens of ``text`` (the flat markdown-it stream; ``token.map`` is 0-based lines).

    ``hand_written`` (a user's Markdown ``file``) applies :data:`MAX_LINES`,
    :data:`MAX_COLUMNS` and :data:`MAX_BLOCKS`: PlanError ``markdown.too_many_lines``,
    ``markdown.too_many_columns`` or ``markdown.too_many_blocks`` at the line where the
    limit is passed.
    """
    if not hand_written:
        return parser().parse(text)
    if _line_of(text, len(text)) > MAX_LINES:
        where = Location(file, MAX_LINES + 1)
        raise PlanError("markdown.too_many_lines", where, limit=MAX_LINES)
    if over := next(islice(_MARKUP.finditer(text), MAX_MARKUP, None), None):
        where = Location(file, _line_of(text, over.start()))
        raise PlanError("markdown.too_much_markup", where, limit=MAX_MARKUP)
    return list(parser().parse(text, {_BOUNDED: file or ""}))


def _line_of(text: str, index: int) -> int:
    """The 1-based line of ``text[index]``; lines end at \\n, \\r\\n or \\r."""
    crlf = text.count("\r\n", 0, index)
    return text.count("\n", 0, index) + text.count("\r", 0, index) - crlf + 1


def _bounded_block(state: StateCore) -> None:
    """markdown-it's block step, counting what it makes when the text is bounded."""
    from markdown_it.rules_core import block

    if _BOUNDED not in state.env:
        block(state)
        return
    tokens = state.tokens = _CountedTokens(state.tokens, state.env[_BOUNDED] or None)
    block(state)
    tokens.check()


class _CountedTokens(list):
    """The block token stream, refusing a token past the limits as it is added.

    markdown-it adds a token first and gives it its lines after, so a refusal waits
    for the next token, then names the line of the table's header (too many columns)
    or of the last token that has its lines (too many blocks).
    """

    def __init__(self, tokens: list[Token], file: str | None) -> None:
        super().__init__(tokens)
        self.file = file
        self.blocks = 0
        self.columns = 0
        self.table: Token | None = None
        self.refusal: tuple[str, int, Token | None] | None = None

    def append(self, token: Token) -> None:
        self.check()
        if token.nesting == 1 or (token.nesting == 0 and token.type != "inline"):
            self.blocks += 1
            if self.blocks > MAX_BLOCKS:
                self.refusal = ("markdown.too_many_blocks", MAX_BLOCKS, None)
        if token.type == "table_open":
            self.table, self.columns = token, 0
        elif token.type == "th_open":
            self.columns += 1
            if self.columns > MAX_COLUMNS:
                self.refusal = ("markdown.too_many_columns", MAX_COLUMNS, self.table)
        super().append(token)

    def check(self) -> None:
        """Raise the refusal a token before this one earned, if any."""
        if self.refusal is not None:
            code, limit, at = self.refusal
            raise PlanError(code, Location(self.file, self._line(at)), limit=limit)

    def _line(self, at: Token | None) -> int | None:
        for token in [at] if at is not None else reversed(self):
            if token.map:
                return token.map[0] + 1
        return None


def escape_text(text: str) -> str:
    """Make one line of user text literal Markdown: it can never turn into structure.

    Characters that could start markup are backslash-escaped, so ``# 目标``, ``a|b``,
    ``**``, ``<br>`` and ``&amp;`` all come out of every writer exactly as typed.
    """
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_SPECIAL.sub(lambda m: _escape_marker(m.group(1)), text)


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)" and marker[:-1].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def front_matter(tokens: list[Token]) -> dict[str, str]:
    """The ``key: value`` settings of the front matter block (flat, values as text)."""
    for tok in tokens:
        if tok.type == "front_matter":
            settings: dict[str, str] = {}
            for line in tok.content.splitlines():
                key, sep, value = line.partition(":")
                if sep and key.strip():
                    settings[key.strip()] = value.strip()
            return settings
    return {}
