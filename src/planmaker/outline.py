"""The numbering step: template Markdown → Markdown that carries its numbers as text.

Templates write section headings as ``##``, titled nodes as ``###``/``####``/``#####``
by depth and plain-string children as ordered-list items whose marker is their depth
below the section (``1.`` directly under the 一、, ``2.`` under a （一）, ``3.`` under a
1.), all without numbers. This step numbers them by docs/yaml.md §9 — 一、 for every section,
（一） 1. （1） inside, and 1. 2. 3. directly under a section whose children are all
plain strings — so a section a user template adds is numbered in sequence with the
rest. Its output has no lists; it is what ``--format md`` prints and what every writer
reads. Markdown a user wrote by hand never passes through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planmaker import numbering
from planmaker.errors import Location, PlanError
from planmaker.markdown import parse_markdown

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass
class Outline:
    """The numbered document: its Markdown text and the same document as tokens.

    ``tokens`` are what parsing ``markdown`` would give (the writers' input), made in
    the same pass, so a document is parsed once on its way to DOCX.
    """

    markdown: str
    tokens: list[Token]


def number_outline(md: str, template: str | None = None) -> Outline:
    """Number the headings and list items of ``md`` (see the module docstring)."""
    tokens = parse_markdown(md)
    lines = md.split("\n")
    plain_sections = _plain_sections(tokens)
    out: list[str] = []
    kept: list[Token] = []
    section = 0
    counters = [0] * (numbering.MAX_TREE_DEPTH + 1)
    plain = False
    item_depth: list[int] = []
    first_paragraph = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "front_matter":
            out.append(f"---\n{tok.content}\n---")
            kept.append(tok)
        elif kind == "heading_open":
            level = int(tok.tag[1])
            label = ""
            if level == 2:
                section += 1
                counters = [0] * (numbering.MAX_TREE_DEPTH + 1)
                plain = i in plain_sections
                label = numbering.label(1, section)
            elif level >= 3:
                label = _count(counters, level - 2, plain=False)
            _prefix(tokens[i + 1], label)
            out.append("#" * level + " " + tokens[i + 1].content)
            kept += tokens[i : i + 3]
            i += 3
            continue
        elif kind == "list_item_open":
            depth = int(tok.info or 1)
            if depth > numbering.MAX_TREE_DEPTH or depth < 1:
                raise PlanError("template.too_deep", Location(template, _line(tok)), level=depth)
            item_depth.append(depth)
            first_paragraph = True
        elif kind == "list_item_close":
            item_depth.pop()
        elif kind == "paragraph_open":
            if item_depth and first_paragraph:
                _prefix(tokens[i + 1], _count(counters, item_depth[-1], plain=plain))
                first_paragraph = False
            out.append(tokens[i + 1].content)
            for t in (tok, tokens[i + 2]):
                t.hidden = False  # a tight list hides its paragraphs; these stand alone now
            kept += tokens[i : i + 3]
            i += 3
            continue
        elif kind == "table_open":
            assert tok.map is not None
            out.append("\n".join(lines[tok.map[0] : tok.map[1]]))
            while tokens[i].type != "table_close":
                kept.append(tokens[i])
                i += 1
            kept.append(tokens[i])
        elif kind.startswith("container_") and kind.endswith("_open"):
            out.append(":::" + " " + kind[len("container_") : -len("_open")])
            kept.append(tok)
        elif kind.startswith("container_") and kind.endswith("_close"):
            out[-1] += "\n:::"
            kept.append(tok)
        elif kind in (
            "ordered_list_open",
            "ordered_list_close",
            "paragraph_close",
            "heading_close",
        ):
            pass
        else:
            raise PlanError("template.bad_markdown", Location(template, _line(tok)), what=kind)
        i += 1
    return Outline("\n\n".join(out) + "\n", kept)


def _prefix(inline: Token, label: str) -> None:
    """Put ``label`` (a number, as text) before the inline content of a block."""
    if not label:
        return
    from markdown_it.token import Token

    inline.content = label + inline.content
    children = inline.children or []
    if children and children[0].type == "text":
        children[0].content = label + children[0].content
    else:
        children.insert(0, Token("text", "", 0, content=label))
    inline.children = children


def _count(counters: list[int], depth: int, *, plain: bool) -> str:
    counters[depth] += 1
    for deeper in range(depth + 1, len(counters)):
        counters[deeper] = 0
    level = 3 if plain and depth == 1 else depth + 1
    return numbering.label(level, counters[depth])


def _plain_sections(tokens: list) -> set[int]:
    """Token indexes of the ``##`` headings whose sections hold no titled node."""
    plain: set[int] = set()
    current: int | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag in ("h1", "h2"):
            current = i if tok.tag == "h2" else None
            if current is not None:
                plain.add(current)
        elif tok.type == "heading_open" and current is not None:
            plain.discard(current)
        elif tok.type.startswith("container_"):
            current = None
    return plain


def _line(tok) -> int | None:
    return tok.map[0] + 1 if tok.map else None
