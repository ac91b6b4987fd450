"""A document read into blocks (:class:`Source`) → the YAML planmaker reads.

The entry point of the recogniser, :func:`import_source`: the title first (and from
it the org, department, period and kind), then the 落款 at the end (a 署名 and a
成文日期, with a schedule typed after them taken back into the body) and the 附件
lines above it, then the body cut into sections, each section's schedule or tree,
and last the period the schedule's dates imply. What finds no place of its own is
written into the nearest section's text, with a comment in the YAML, and listed in
:attr:`Imported.plain`. The YAML is checked with planmaker's own loader and
validator before it is handed out. docs/import.md describes the whole design.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from planmaker.errors import Location, PlanError, Problem
from planmaker.importer import schedules
from planmaker.importer.blocks import Block, Paragraph, Source, Table
from planmaker.importer.compose import Part, Recognised
from planmaker.importer.dating import find_period
from planmaker.importer.forms import find_date, label_of, squeeze
from planmaker.importer.outline import Chunk, build_tree, cut_sections, key_of
from planmaker.importer.titles import TitleFacts, read_title, split_department, title_count

_MAX_NAME = 25
_SCHEDULE_HEAD = re.compile(r"(安排|安排表|行事历|日程|日程表|周历)[：:]?$")
_ATTACHMENT = re.compile(r"^附\s*件\s*[：:]\s*")
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""What a DOCX cannot hold (docs/yaml.md §3); tabs and line breaks are white space here."""
_ORG_END = re.compile(r"(学校|小学|中学|学区|幼儿园|工会|委员会|局|镇|乡|街道|公司|中心|院|所)$")
"""How a unit's name ends: in plain text, a 署名's first line above the office's."""
_OPTIONS = {
    "单位名称": "--org 定边镇希望小学",
    "学年": "--school-year 2025-2026",
    "学期": "--semester 2",
    "开学日期": "--start 2026-03-02",
    "年度或学期": "--year 2026（或 --school-year 2025-2026 --semester 2）",
}
"""The command-line option that supplies each thing a document may lack, with an example."""
_OWN_COMPLETION = re.compile(r"计划安排工作\d+项|^(部分完成|未完成|取消)[：:]")


@dataclass(frozen=True)
class Given:
    """What the command line supplies; None = read it from the document."""

    kind: str | None = None
    org: str | None = None
    school_year: tuple[int, int] | None = None
    semester: int | None = None
    start: datetime.date | None = None
    year: int | None = None


@dataclass(frozen=True)
class Imported:
    """The YAML of an imported document and what the command reports about it."""

    yaml_text: str
    title: str
    sections: int
    entries: int
    signature: str | None
    plain: tuple[str, ...]
    warnings: tuple[Problem, ...]


def _hinted(blocks: Sequence[Block]) -> bool:
    return any(
        isinstance(b, Paragraph) and (b.align is not None or b.bold or b.size or b.style or b.level)
        for b in blocks
    )


def _is_schedule_block(block: Block) -> bool:
    if isinstance(block, Table):
        return schedules.read_table(block) is not None
    return schedules.count_schedule_lines([block.text]) > 0


def _signature_at(block: Block, aligned: bool) -> tuple[str | None, Any] | None:
    """(name before the date, the date found) when ``block`` is a 成文日期 line."""
    if not isinstance(block, Paragraph) or (aligned and block.align not in ("right", None)):
        return None
    found = find_date(block.text)
    if found is None or len(squeeze(block.text)) > _MAX_NAME + 12:
        return None
    after = block.text[found.end :].strip().rstrip("。.")
    before = block.text[: found.start].strip()
    if after or (before and (len(before) > _MAX_NAME or re.search(r"[，。；]", before))):
        return None
    return before or None, found


def _schedule_apart(chunk: Chunk, kind: str) -> list[Chunk]:
    """``chunk``, or it and the schedule table typed at its end under a caption of its own
    (“教务处工作计划安排”) or none: a section's text never becomes a schedule's."""
    if key_of(chunk.title, kind) == "schedule":
        return [chunk]
    blocks = chunk.blocks
    at = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Table) and _is_schedule_block(b)), None
    )
    if not at:  # no schedule table, or nothing before it: the section is the schedule
        return [chunk]
    cut, title = at, "具体安排"
    caption = blocks[at - 1]
    if isinstance(caption, Paragraph) and len(caption.text) <= 30:
        if _SCHEDULE_HEAD.search(caption.text):
            cut, title = at - 1, caption.text.rstrip("：:")
    if cut == 0:
        return [chunk]
    schedule = Chunk(title, blocks[cut].line, list(blocks[at:]), heading=cut < at)
    return [Chunk(chunk.title, chunk.line, blocks[:cut], chunk.heading), schedule]


def _name_line(block: Block, aligned: bool) -> bool:
    if not isinstance(block, Paragraph) or label_of(block.text) is not None:
        return False
    if aligned and block.align != "right":
        return False
    text = block.text
    return len(squeeze(text)) <= _MAX_NAME and not re.search(r"[，。；：:！？,;]", text)


def take_tail(
    blocks: list[Block], aligned: bool, rec: Recognised
) -> tuple[list[Block], list[Block]]:
    """The body without its 落款 and 附件 lines, and a schedule typed after the 落款."""
    end = len(blocks)
    j = end
    while j > 0 and _is_schedule_block(blocks[j - 1]):
        j -= 1
    if j < end and j > 0 and isinstance(blocks[j - 1], Paragraph):
        if _SCHEDULE_HEAD.search(blocks[j - 1].text) and len(blocks[j - 1].text) <= 30:
            j -= 1
    for at in ([j] if j < end else []) + [end]:
        if at == 0:
            continue
        found = _signature_at(blocks[at - 1], aligned)
        if found is None:
            continue
        name, when = found
        first = at - 1
        names: list[str] = []
        while (
            name is None
            and first > 0
            and len(names) < 2
            and _name_line(blocks[first - 1], aligned)
            and (aligned or not names or _ORG_END.search(blocks[first - 1].text))  # type: ignore[union-attr]
        ):
            first -= 1
            names.insert(0, blocks[first].text)  # type: ignore[union-attr]
        name = name or "".join(names) or None
        rec.signed = True
        rec.signature_name = re.sub(r"\s+", "", name) if name else None
        rec.signature_date = when.value
        rec.hanzi_date = when.hanzi
        body, after = blocks[:first], blocks[at:]
        return _take_attachments(body, rec), after
    return _take_attachments(blocks, rec), []


def _take_attachments(blocks: list[Block], rec: Recognised) -> list[Block]:
    for i in range(len(blocks) - 1, max(-1, len(blocks) - 12), -1):
        block = blocks[i]
        if isinstance(block, Paragraph) and _ATTACHMENT.match(block.text):
            rest = blocks[i:]
            if not all(isinstance(b, Paragraph) and len(b.text) <= 60 for b in rest):
                return blocks
            names = [_ATTACHMENT.sub("", rest[0].text)] + [b.text for b in rest[1:]]  # type: ignore[union-attr]
            for name in names:
                label = label_of(name)
                rec.attachments.append((label.rest if label else name).strip())
            return blocks[:i]
    return blocks


def _schedule_part(chunk: Chunk, at: int, rec: Recognised, last: bool) -> Part | None:
    """The schedule a section holds, or None when it holds none."""
    tables = [b for b in chunk.blocks if isinstance(b, Table)]
    read = [schedules.read_table(t) for t in tables]
    paras = [(b.line, b.text) for b in chunk.blocks if isinstance(b, Paragraph)]
    key = key_of(chunk.title, rec.kind)
    lines = schedules.count_schedule_lines([t for _, t in paras])
    if not any(read) and not (lines and (key == "schedule" or lines >= 3)):
        return None
    part = Part("schedule", chunk.title, chunk.line, layout="table" if any(read) else "list")
    part.blocks = chunk.blocks
    leftover: list[tuple[int, str]] = []
    for table, found in zip(tables, read, strict=True):
        if found is None:
            leftover.extend((table.line, row) for row in schedules.table_text(table))
            continue
        part.entries.extend(found.entries)
        leftover.extend(found.leftover)
        part.labels.extend((line, label) for line, label, _ in found.labels)
    found_lines = schedules.read_lines(paras)
    part.entries.extend(found_lines.entries)
    part.labels.extend((line, label) for line, label, _ in found_lines.labels)
    leftover = sorted(leftover + found_lines.leftover)
    if not part.entries:
        return None
    after = max(e.line for e in part.entries)
    part.stray = [x for x in leftover if x[0] <= after or not last]
    part.tail = [x for x in leftover if x[0] > after and last]
    return part


def _tree_part(chunk: Chunk, at: int, rec: Recognised, used: set[str], offset: int) -> Part:
    root, tables = build_tree(chunk.blocks, hinted=rec.hinted, offset=offset)
    key = key_of(chunk.title, rec.kind)
    if key in used or key == "schedule":
        key = None
    elif key == "guiding" and root.children:
        key = None
    elif key in ("goals", "measures", "safeguards", "achievements", "problems", "next_steps"):
        if root.paras:
            key = None
    part = Part(key, chunk.title, chunk.line, root)
    if tables:
        first = tables[0][0]
        rec.note(
            part.body_key,
            f"第{first}行的表格不是周次安排，已按行写成正文（每行一段，单元格之间用“，”隔开）。",
        )
        rec.plain.extend(f"第{line}行（表格）：{row[:20]}" for line, row in tables)
    return part


def _completion(chunk: Chunk, at: int, rec: Recognised) -> None:
    """planmaker's own 计划完成情况: left out (recomputed); anything else in it is placed."""
    kept: list[tuple[int, str]] = []
    for block in chunk.blocks:
        if isinstance(block, Table):
            if not schedules.is_completion_table(block):
                kept.extend((block.line, row) for row in schedules.table_text(block))
        elif not _OWN_COMPLETION.search(block.text):
            kept.append((block.line, block.text))
    rec.note(
        rec.lead_key, "原文的“计划完成情况”由 planmaker 按 schedule 的完成情况重新统计，未照抄。"
    )
    if kept:  # words of the unit's own: kept, under the heading they stood under
        rec.place(at, [(chunk.line, chunk.title), *kept], "在“计划完成情况”中")


def _preamble(blocks: list[Block], rec: Recognised) -> None:
    for block in blocks:
        if isinstance(block, Table):
            rows = schedules.table_text(block)
            rec.preamble.extend(rows)
            rec.note(
                rec.lead_key,
                f"第{block.line}行的表格已按行写成正文（每行一段，单元格之间用“，”隔开）。",
            )
            rec.plain.extend(f"第{block.line}行（表格）：{row[:20]}" for row in rows)
        else:
            rec.preamble.append(block.text)


def _closing(rec: Recognised) -> None:
    """总之，…… paragraphs ending the last section become ``closing``."""
    parts = [p for p in rec.parts if p.key != "schedule"]
    if not parts or (rec.parts and rec.parts[-1].key == "schedule"):
        return
    root = parts[-1].root
    node = root.deepest()
    paras = node.paras
    for i, text in enumerate(paras):
        if schedules.CLOSING.match(text) and (i or node is not root):  # never empty a section
            rec.closing[:0] = paras[i:]
            del paras[i:]
            return


def _clean(source: Source) -> tuple[list[Block], list[Problem]]:
    """The blocks without the characters a DOCX cannot hold (each named in a warning)."""
    warnings: list[Problem] = []

    def clean(text: str, line: int) -> str:
        found = _BAD_CHARS.findall(text)
        if not found:
            return text
        shown = "、".join(dict.fromkeys(f"U+{ord(c):04X}" for c in found))
        warnings.append(
            Problem("import.bad_chars", Location(source.file, line), {"chars": shown}, "warning")
        )
        return _BAD_CHARS.sub("", text).strip()

    blocks: list[Block] = []
    for block in source.blocks:
        if isinstance(block, Table):
            rows = tuple(
                tuple(tuple(clean(p, block.line) for p in cell) for cell in row)
                for row in block.rows
            )
            blocks.append(replace(block, rows=rows))
        else:
            text = clean(block.text, block.line)
            if text:
                blocks.append(replace(block, text=text))
    return blocks, warnings


def _tab_tables(blocks: list[Block]) -> list[Block]:
    """Runs of two or more lines with tabs (a table copied out of Word, or planmaker's own
    text output) as tables: cells split at the tabs, a cell's lines at “ / ”."""
    out: list[Block] = []
    run: list[Paragraph] = []

    def flush() -> None:
        if len(run) >= 2:
            rows = tuple(
                tuple(
                    tuple(x.strip() for x in cell.split(" / ") if x.strip())
                    for cell in p.text.split("\t")
                )
                for p in run
            )
            out.append(Table(rows, run[0].line))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and "\t" in block.text:
            run.append(block)
            continue
        flush()
        out.append(block)
    flush()
    return out


def recognise(source: Source, kind: str | None) -> tuple[Recognised, TitleFacts, list[str]]:
    """Everything in ``source`` but the period: the parts, the 落款, the title's lines."""
    blocks, dropped = _clean(source)
    blocks = _tab_tables(blocks)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    if sum(p.bold for p in paragraphs) * 2 > len(paragraphs):  # all bold: bold tells nothing
        blocks = [replace(b, bold=False) if isinstance(b, Paragraph) else b for b in blocks]
    hinted = _hinted(blocks)
    leading = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            break
        leading.append(block)
    sizes = Counter(b.size for b in blocks if isinstance(b, Paragraph) and b.size)
    body_size = sizes.most_common(1)[0][0] if sizes else None
    n = title_count(leading, hinted, body_size, followed=len(leading) < len(blocks))
    title_lines = [p.text for p in leading[:n]]
    offset = 1 if any(p.level == 1 for p in leading[:n]) else 0
    facts = read_title(title_lines)
    rec = Recognised(kind or facts.kind or "plan", hinted)
    rec.warnings.extend(dropped)
    aligned = any(isinstance(b, Paragraph) and b.align is not None for b in blocks)
    body, after = take_tail(blocks[n:], aligned, rec)
    preamble, chunks = cut_sections(body, rec.kind, hinted=hinted, offset=offset)
    chunks = [part for chunk in chunks for part in _schedule_apart(chunk, rec.kind)]
    if after:
        head = after[0]
        title = "具体安排"
        if isinstance(head, Paragraph) and not _is_schedule_block(head):
            title = head.text.rstrip("：:")
            after = after[1:]
        chunks.append(Chunk(title, after[0].line if after else 0, list(after)))
    lead = next((b for b in preamble if isinstance(b, Table) and _is_schedule_block(b)), None)
    if lead is not None:  # a schedule table before any 一、: the schedule, where it stands
        preamble.remove(lead)
        chunks.insert(0, Chunk("具体安排", lead.line, [lead]))
    _preamble(preamble, rec)
    used: set[str] = set()
    for i, chunk in enumerate(chunks):
        key = key_of(chunk.title, rec.kind)
        if key == "completion":
            _completion(chunk, len(rec.parts), rec)
            continue
        part = None
        if "schedule" not in used:
            part = _schedule_part(chunk, len(rec.parts), rec, i == len(chunks) - 1)
        part = part or _tree_part(chunk, len(rec.parts), rec, used, offset)
        if part.key != "schedule" and not part.root.paras and not part.root.children:
            rec.place(len(rec.parts), [(chunk.line, chunk.title)], "是一个没有内容的标题")
            continue
        if part.key:
            used.add(part.key)
        rec.parts.append(part)
    _closing(rec)
    return rec, facts, title_lines


def import_source(source: Source, given: Given) -> Imported:
    """``source`` as planmaker's YAML (see the module docstring); raises PlanError.

    ``import.missing`` (params ``missing``) when the org or the period is found
    neither in the document nor in ``given``; ``import.invalid`` if the YAML written
    would not pass ``check`` (a fault of the recogniser, never handed out).
    """
    from planmaker.importer.finish import finish

    rec, facts, title_lines = recognise(source, given.kind)
    entries = [e for p in rec.parts for e in p.entries]
    period = find_period(
        facts, kind=rec.kind, entries=entries, signed=rec.signature_date, given=given
    )
    org = facts.org
    if org is None and rec.signature_name and rec.signature_name != facts.department:
        org, department = split_department(rec.signature_name)
        if department and facts.department in (None, department):
            facts = replace(facts, department=department)
        elif department:
            org = rec.signature_name
    org = org or given.org
    missing = (["单位名称"] if org is None else []) + period.missing
    if missing or org is None:
        options = " ".join(_OPTIONS[m] for m in missing)
        raise PlanError(
            "import.missing", Location(source.file), missing="、".join(missing), options=options
        )
    if facts.bad_school_year and "school_year" in period.data:
        a, b = period.data["school_year"].split("-")
        rec.warnings.append(
            Problem(
                "import.school_year",
                Location(source.file),
                {"written": facts.bad_school_year, "used": f"{a}—{b}学年"},
                "warning",
            )
        )
    done = finish(source, rec, facts, title_lines, org, period)
    return Imported(
        done.text,
        done.title,
        done.sections,
        done.entries,
        done.signature,
        tuple(rec.plain),
        tuple(rec.warnings),
    )
