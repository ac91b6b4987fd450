"""What was recognised, as the YAML planmaker reads: a draft with Chinese comments.

The parts found (preamble, sections, schedule, closing, attachments, 落款) become
the body keys of :class:`planmaker.draft.Draft` and go through the same writer as
``new`` and ``summarize`` (modeline, a comment on every key, the week comments of the
schedule). Built-in sections keep the document's own heading in ``headings`` when it
is not the default, other sections go to ``sections``, and ``order`` is written when
the original order is not the kind's standard one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planmaker import structure
from planmaker.context import DEFAULT_LABELS
from planmaker.draft import Draft, DraftEntry
from planmaker.errors import Problem
from planmaker.importer.blocks import Block
from planmaker.importer.outline import Node, node_data
from planmaker.importer.schedules import Entry
from planmaker.yamldata import paragraphs_text, spans_data
from planmaker.yamlwriter import Flow

TREE_KEYS = ("goals", "measures", "safeguards", "achievements", "problems", "next_steps")


@dataclass
class Part:
    """One 一、 section as recognised."""

    key: str | None
    """The built-in part it is (``goals``, ``schedule`` …); None: one of ``sections``."""
    title: str
    line: int
    root: Node = field(default_factory=lambda: Node(1, "", 0))
    entries: list[Entry] = field(default_factory=list)
    layout: str = "table"
    blocks: list[Block] = field(default_factory=list)
    """What a schedule was read from, to be read as text when it does not fit the period."""
    stray: list[tuple[int, str]] = field(default_factory=list)
    """A schedule's lines that are no entry, before its last entry: placed once it stays one."""
    tail: list[tuple[int, str]] = field(default_factory=list)
    """A last schedule's lines after its last entry: the closing, once it stays a schedule."""
    labels: list[tuple[int, str]] = field(default_factory=list)
    """Holiday labels of its rows without work (a holiday-only week): (line, label)."""

    @property
    def body_key(self) -> str:
        return self.key or "sections"


@dataclass
class Recognised:
    """Everything found in a document, before it is written."""

    kind: str
    hinted: bool
    preamble: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signature_name: str | None = None
    signature_date: date | None = None
    signed: bool = False
    hanzi_date: bool = False
    notes: dict[str, list[str]] = field(default_factory=dict)
    plain: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def note(self, key: str, text: str) -> None:
        self.notes.setdefault(key, []).append(text)

    def place(self, at: int, texts: list[tuple[int, str]], why: str) -> None:
        """Paragraphs that have no place of their own: into the nearest section's text.

        The section before ``at`` (else the one after, else the preamble); inside it,
        after whatever was written last, so the words keep their order.
        """
        if not texts:
            return
        for line, text in texts:
            self.plain.append(f"第{line}行：{text[:20]}{'……' if len(text) > 20 else ''}")
        paras = [t for _, t in texts]
        first = texts[0][0]
        candidates = [p for p in self.parts[:at] if p.key != "schedule"][::-1]
        candidates += [p for p in self.parts[at:] if p.key != "schedule"]
        target = candidates[0] if candidates else None
        key = target.body_key if target else self.lead_key
        preview = paras[0][:12] + ("……" if len(paras[0]) > 12 else "")
        self.note(
            key,
            f"第{first}行起的{len(paras)}段（“{preview}”）{why}，放在了这一部分的正文里，请核对。",
        )
        if target is None:
            self.preamble.extend(paras)
        elif target.root.children:
            node = target.root.deepest()
            node.paras.extend(paras)
            node.placed += len(paras)
        elif target.key in TREE_KEYS:
            target.root.children.extend(Node(3, p, first) for p in paras)
        else:
            target.root.paras.extend(paras)

    @property
    def lead_key(self) -> str:
        return "overview" if self.kind == "summary" else "preamble"


def body(rec: Recognised) -> dict[str, Any]:
    """The body keys to write, in the kind's order."""
    data: dict[str, Any] = {}
    if rec.preamble:
        data[rec.lead_key] = paragraphs_text(rec.preamble)
    sections = []
    for part in rec.parts:
        if part.key == "schedule":
            continue
        items = [node_data(c, hinted=rec.hinted) for c in part.root.children]
        if part.key == "guiding":
            data["guiding"] = paragraphs_text(part.root.paras)
        elif part.key in TREE_KEYS:
            data[part.key] = items
        else:
            section: dict[str, Any] = {"title": part.title}
            if part.root.paras:
                section["text"] = paragraphs_text(part.root.paras)
            if items:
                section["items"] = items
            sections.append(section)
    if sections:
        data["sections"] = sections
    keys = structure.STANDARD_ORDER[rec.kind]
    lead = [rec.lead_key] if rec.lead_key in data else []
    return {k: data[k] for k in [*lead, *keys] if k in data}


def headings(rec: Recognised) -> dict[str, str]:
    """The document's own headings of built-in parts that differ from the defaults."""
    defaults = DEFAULT_LABELS[rec.kind]
    return {
        p.key: p.title
        for p in rec.parts
        if p.key and p.key in defaults and p.title and p.title != defaults[p.key]
    }


def order(rec: Recognised, has_schedule: bool) -> list[str] | None:
    """``order`` when the parts do not stand in the kind's standard order, else None."""
    names = []
    for part in rec.parts:
        if part.key == "schedule" and (rec.kind == "summary" or not has_schedule):
            continue
        if part.key == "completion" and not has_schedule:
            continue
        names.append(part.key or part.title)
    if rec.kind == "summary" and has_schedule and "completion" not in names:
        at = names.index("problems") if "problems" in names else len(names)
        names.insert(at, "completion")
    standard = [k for k in structure.STANDARD_ORDER[rec.kind] if k != structure.SECTIONS]
    builtin = [n for n in names if n in standard]
    extra = [n for n in names if n not in standard]
    expected = []
    for key in structure.STANDARD_ORDER[rec.kind]:
        if key == structure.SECTIONS:
            expected.extend(extra)
        elif key in builtin:
            expected.append(key)
    if names == expected or len(set(names)) != len(names):
        return None
    return names


def entries(found: list[Entry], kind: str) -> list[DraftEntry]:
    """The schedule's entries as the draft writes them, first week (or month) first."""
    out = []
    for entry in sorted(found, key=lambda e: e.spans[0][0]):
        data: dict[str, Any] = {entry.unit: spans_data(entry.spans)}
        data["tasks"] = entry.tasks[0] if len(entry.tasks) == 1 else list(entry.tasks)
        if entry.owner:
            data["owner"] = entry.owner
        if entry.status or kind == "summary":
            data["status"] = entry.status or "pending"
        if entry.note:
            data["note"] = entry.note
        out.append(DraftEntry(data, entry.spans[0][0], spans=list(entry.spans)))
    return out


def draft(rec: Recognised, header: Any, settings: dict[str, Any], title: list[str] | None) -> Draft:
    """The :class:`Draft` of everything recognised, under ``header`` (a validated Document)."""
    found = [e for p in rec.parts if p.key == "schedule" for e in p.entries]
    layout = next((p.layout for p in rec.parts if p.key == "schedule"), "table")
    d = Draft(
        header, body(rec), entries(found, rec.kind) if found else None, layout, origin="import"
    )
    d.settings = dict(settings)
    if rec.attachments:
        d.settings["attachments"] = list(rec.attachments)
    labels = headings(rec)
    if labels:
        d.settings["headings"] = labels
    written = order(rec, bool(found))
    if written:
        d.settings["order"] = Flow(written)
    if rec.closing:
        d.settings["closing"] = paragraphs_text(rec.closing)
    if rec.hanzi_date:
        d.settings["date_style"] = "hanzi"
    if rec.signed:
        signature: dict[str, Any] = {}
        if rec.signature_name:
            signature["name"] = rec.signature_name
        if rec.signature_date:
            signature["date"] = rec.signature_date
        d.signature = signature
    else:
        d.signature = None
    d.notes = {k: "\n".join(v) for k, v in rec.notes.items() if k in d.body}
    d.title = title
    return d
