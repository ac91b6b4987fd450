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

Raw HTML is switched on only so that ``<br>`` can be told apart from an escaped
``\\<br>`` a user typed; any other HTML is rejected by the writers. Links, images,
code and rules are parsed too, so that hand-written Markdown using them is refused
with its line rather than printed as odd text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CONTAINERS = ("signature", "attachments")

BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters a DOCX (XML 1.0) cannot hold: C0 controls but tab and line ends, the
surrogates, U+FFFE and U+FFFF. The loader refuses them in YAML, the writers in
Markdown, each naming where."""

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
    return md


def parse_markdown(text: str) -> list[Token]:
    """Tokens of ``text`` (the flat markdown-it stream; ``token.map`` is 0-based lines)."""
    return parser().parse(text)


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
