"""The numbering step: template Markdown → Markdown that carries its numbers as text.

Templates write section headings as ``##``, titled nodes as ``###``/``####``/``#####``
by depth and plain-string children as ordered-list items whose marker is their depth
below the section (``1.`` directly under the 一、, ``2.`` under a （一）, ``3.`` under a
1.), all without numbers. This step numbers them by spec §1 — 一、 for every section,
（一） 1. （1） inside, and 1. 2. 3. directly under a section whose children are all
plain strings — so a section a user template adds is numbered in sequence with the
rest. Its output has no lists; it is what ``--format md`` prints and what every writer
reads. Markdown a user wrote by hand never passes through here.
"""

from __future__ import annotations

from planmaker import numbering
from planmaker.errors import Location, PlanError
from planmaker.markdown import parse_markdown

MAX_DEPTH = 3


def number_outline(md: str, template: str | None = None) -> str:
    """Number the headings and list items of ``md`` (see the module docstring)."""
    tokens = parse_markdown(md)
    lines = md.split("\n")
    plain_sections = _plain_sections(tokens)
    out: list[str] = []
    section = 0
    counters = [0] * (MAX_DEPTH + 1)
    plain = False
    item_depth: list[int] = []
    first_paragraph = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "front_matter":
            out.append(f"---\n{tok.content}\n---")
        elif kind == "heading_open":
            level = int(tok.tag[1])
            text = tokens[i + 1].content
            if level == 2:
                section += 1
                counters = [0] * (MAX_DEPTH + 1)
                plain = i in plain_sections
                text = numbering.label(1, section) + text
            elif level >= 3:
                depth = level - 2
                text = _count(counters, depth, plain=False) + text
            out.append("#" * level + " " + text)
            i += 2
        elif kind == "list_item_open":
            depth = int(tok.info or 1)
            if depth > MAX_DEPTH or depth < 1:
                raise PlanError("template.too_deep", Location(template, _line(tok)), level=depth)
            item_depth.append(depth)
            first_paragraph = True
        elif kind == "list_item_close":
            item_depth.pop()
        elif kind == "paragraph_open":
            text = tokens[i + 1].content
            if item_depth and first_paragraph:
                text = _count(counters, item_depth[-1], plain=plain) + text
                first_paragraph = False
            out.append(text)
            i += 2
        elif kind == "table_open":
            assert tok.map is not None
            out.append("\n".join(lines[tok.map[0] : tok.map[1]]))
            while tokens[i].type != "table_close":
                i += 1
        elif kind.startswith("container_") and kind.endswith("_open"):
            out.append(":::" + " " + kind[len("container_") : -len("_open")])
        elif kind.startswith("container_") and kind.endswith("_close"):
            out[-1] += "\n:::"
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
    return "\n\n".join(out) + "\n"


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
