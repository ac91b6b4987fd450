"""The body of a document as sections and their trees.

The body (what lies between the title and the 落款) is cut at its 一、 headings into
sections; a section's lines become a tree by their labels: （一） under 一、, 1. under
（一）, （1） under 1. — by rank, so a document that goes straight from 一、 to 1.
still nests right. A deeper line (the fifth level) stays body text of its parent with
its label as typed; so does a 一、 that starts its numbering again inside a section
(a list typed with the section's own labels). A paragraph without a label continues
the node above it. Headings without labels count when the file says so (bold, a
heading style, a stated level) or, in plain text, when a short line without
punctuation names one of the built-in parts (指导思想, 工作目标 …) — a section — or
heads what follows it inside a section — a （一） node. A document without any 一、
is cut at its highest labels when they are short, as headings are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from planmaker.importer.blocks import Block, Paragraph, Table
from planmaker.importer.forms import label_of, squeeze

_KEY_WORDS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "plan": (
        ("guiding", ("指导思想",)),
        ("goals", ("工作目标", "目标任务", "工作思路")),
        ("safeguards", ("保障措施",)),
        (
            "schedule",
            ("具体安排", "工作安排", "行事历", "月份安排", "工作日程", "周次安排", "日程安排"),
        ),
        ("measures", ("主要工作", "工作措施", "重点工作")),
    ),
    "summary": (
        ("completion", ("计划完成情况",)),
        ("achievements", ("主要成绩", "工作成效", "主要工作", "主要成效")),
        ("problems", ("存在的问题", "存在问题", "不足")),
        ("next_steps", ("打算", "下一步", "今后工作", "明年工作", "下学期工作", "工作思路")),
        ("schedule", ("具体安排", "工作安排", "行事历", "月份安排", "工作日程")),
    ),
}
_HEADING_STYLE = re.compile(r"(?:planheading|heading|标题)\s*(\d)", re.I)
_PUNCT = re.compile(r"[，。；;,！？!?、：:“”\"（）()]")
_SPLIT_TITLE = re.compile(r"^(.{2,30}?[。：:])(.{10,})$")


@dataclass
class Node:
    """A labelled (or heading-like) line and what belongs to it."""

    rank: float
    title: str
    line: int
    style: str = ""
    heading: bool = False
    """The file marks it as a heading (style, bold, level)."""
    paras: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    placed: int = 0
    """How many of ``paras`` were placed here from elsewhere (they make no title)."""

    def deepest(self) -> Node:
        node = self
        while node.children:
            node = node.children[-1]
        return node


@dataclass
class Chunk:
    """A 一、 section as typed: its heading and its blocks, in order."""

    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    heading: bool = False


def key_of(title: str, kind: str) -> str | None:
    """The built-in part a heading's words name, or None (see the module docstring)."""
    words = re.sub(r"[0-9０-９]{4}\s*(?:年度|年|学年)?", "", squeeze(_PUNCT.sub("", title)))
    for key, names in _KEY_WORDS.get(kind, ()):
        for name in names:
            if name in words and len(words) <= len(name) + 6:
                return key
    return None


def heading_level(p: Paragraph, offset: int) -> int | None:
    """The heading level the file states for ``p`` (style, outline level), if any."""
    if p.level is not None and p.level - offset >= 1:
        return p.level - offset
    match = _HEADING_STYLE.search(p.style or "")
    if match:
        return int(match[1])
    return None


def _short_plain(text: str) -> bool:
    return len(text) <= 15 and not _PUNCT.search(text)


def cut_sections(
    blocks: Sequence[Block], kind: str, *, hinted: bool, offset: int
) -> tuple[list[Block], list[Chunk]]:
    """The blocks before the first 一、 (the preamble) and the sections, cut at their 一、."""
    levels = [
        (lab.level, len(lab.rest))
        for b in blocks
        if isinstance(b, Paragraph) and (lab := label_of(b.text)) is not None
    ]
    top = 1
    unlabelled = any(  # sections headed without labels (指导思想：): labels go under them
        isinstance(b, Paragraph)
        and label_of(b.text) is None
        and _section_title(b, kind, hinted=hinted, offset=offset) is not None
        for b in blocks
    )
    if levels and not unlabelled and not any(level == 1 for level, _ in levels):
        # no 一、 at all: the highest labels are the sections when they read as headings
        highest = min(level for level, _ in levels)
        lengths = sorted(n for level, n in levels if level == highest)
        if highest < 4 and lengths[len(lengths) // 2] <= (40 if highest == 2 else 25):
            top = highest
    preamble: list[Block] = []
    chunks: list[Chunk] = []
    last_number = 0
    run = -1
    # run: the last number of a list typed with the sections' labels, -1 outside one
    for block in blocks:
        if isinstance(block, Paragraph):
            title = _section_title(block, kind, hinted=hinted, offset=offset, top=top)
            label = label_of(block.text)
            if title is not None and label is not None:
                if label.number <= last_number or label.number == run + 1:
                    title = None  # a list typed with 一、 again inside a section
                    run = label.number
                else:
                    last_number, run = label.number, -1
            if title is not None:
                heading, rest = title
                chunk = Chunk(heading, block.line, heading=True)
                if rest:
                    chunk.blocks.append(Paragraph(rest, block.line))
                chunks.append(chunk)
                continue
        (chunks[-1].blocks if chunks else preamble).append(block)
    return preamble, chunks


def _section_title(
    p: Paragraph, kind: str, *, hinted: bool, offset: int, top: int = 1
) -> tuple[str, str] | None:
    """(heading, text after it) when ``p`` is a 一、 heading (or ``top``'s level's)."""
    label = label_of(p.text)
    if label is not None:
        if label.level != top:
            return None
        text = label.rest
        split = _SPLIT_TITLE.match(text) if len(text) > 30 else None
        if split:
            return split[1].rstrip("：:"), split[2]
        text = text.rstrip("：:").strip()
        return (text, "") if text else None
    level = heading_level(p, offset) if hinted else None
    text = p.text.rstrip("：:").strip()
    if not text:
        return None
    if level == 1 or (level is None and _short_plain(text) and key_of(text, kind)):
        return text, ""
    if hinted and p.bold and level is None and len(text) <= 30 and key_of(text, kind):
        return text, ""
    return None


def build_tree(
    blocks: Sequence[Block], *, hinted: bool, offset: int
) -> tuple[Node, list[tuple[int, str]]]:
    """A section's blocks as a tree under a root node; tables come back as (line, row text)."""
    from planmaker.importer.schedules import table_text

    root = Node(1, "", 0)
    stack = [root]
    tables: list[tuple[int, str]] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = table_text(block)
            stack[-1].paras.extend(rows)
            tables.extend((block.line, row) for row in rows)
            continue
        label = label_of(block.text)
        level = heading_level(block, offset) if hinted else None
        rank: float | None = None
        title = block.text
        style = ""
        if label is not None and label.level >= 2:
            rank, title, style = label.level, label.rest, label.style
            top = stack[-1]
            if label.level == 4 and top.rank == 4 and top.style != style and top.style == "（1）":
                rank = 5
        elif label is None and level is not None and level >= 2:
            rank = level
        elif label is None and hinted and block.bold and len(block.text) <= 30:
            rank = 2
        elif label is None and not hinted and _short_plain(block.text) and len(stack) == 1:
            rank = 2  # a short line without punctuation heads what follows it
        if rank is None:
            stack[-1].paras.append(block.text)
            continue
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        if len(stack) > 3:  # a fifth level: body text of its parent, label kept
            stack[-1].paras.append(block.text)
            continue
        node = Node(
            rank, title, block.line, style, heading=hinted and (level is not None or block.bold)
        )
        stack[-1].children.append(node)
        stack.append(node)
    return root, tables


def node_data(node: Node, *, hinted: bool) -> object:
    """A tree node as YAML data: a plain string, or {title, text, items}."""
    from planmaker.yamldata import paragraphs_text

    titled = (
        bool(node.children)
        or node.heading
        or (node.rank == 2 and _title_like(node.title))
        or (not hinted and len(node.paras) > node.placed and _title_like(node.title))
    )
    if not titled:
        return paragraphs_text([node.title, *node.paras])
    data: dict[str, object] = {"title": node.title}
    if node.paras:
        data["text"] = paragraphs_text(node.paras)
    if node.children:
        data["items"] = [node_data(c, hinted=hinted) for c in node.children]
    return data


def _title_like(text: str) -> bool:
    body = text.rstrip("。：:")
    return len(body) <= 30 and not re.search(r"[。；;]", body)
