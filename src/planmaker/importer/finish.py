"""The last steps of an import, once the period is known: the YAML, checked.

A schedule whose unit does not fit the period (months in a term, weeks in a year)
is read as the text of its section instead. Holiday labels written with the
schedule's dates are dropped when planmaker prints them itself, and become the
unit's own ``holidays`` (or ``workdays``) otherwise. The title is written as
``title:`` lines only when it is not the one planmaker composes. The YAML text is
then loaded and validated as ``check`` does; a failure there is a fault of the
recogniser, reported as ``import.invalid`` and never handed out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from planmaker.errors import Location, PlanError, Problem
from planmaker.importer.blocks import Source
from planmaker.importer.compose import Part, Recognised, draft
from planmaker.importer.dating import (
    Period,
    check_weeks,
    is_built_in,
    known_labels,
    own_day,
    weeks_of,
)
from planmaker.importer.forms import squeeze
from planmaker.importer.outline import build_tree
from planmaker.importer.schedules import Entry
from planmaker.importer.titles import DEBRIS, TitleFacts

MAX_WEEKS = 30
"""The most weeks a term may have (docs/yaml.md §4)."""


@dataclass(frozen=True)
class Finished:
    text: str
    title: str
    sections: int
    entries: int
    signature: str | None


def _as_text(rec: Recognised, part: Part, why: str) -> None:
    """A schedule that cannot be one: its section, read again as text, as typed."""
    part.key = None
    part.root, _ = build_tree(part.blocks, hinted=rec.hinted, offset=0)
    part.entries = []
    rec.note("sections", f"第{part.line}行的“{part.title}”{why}，已按原文写成正文。")
    rec.plain.append(f"第{part.line}行：{part.title}（按原文写成正文）")


def _drop(rec: Recognised, at: int, dropped: list[Entry], why: str) -> None:
    """Entries that cannot be entries: their rows as text, or the whole section when no
    entry is left (so that its heading is not lost with an empty schedule)."""
    part = rec.parts[at]
    if not dropped:
        return
    if len(dropped) == len(part.entries):
        _as_text(rec, part, why)
        return
    gone = {id(e) for e in dropped}
    part.entries = [e for e in part.entries if id(e) not in gone]
    rec.place(at, [(e.line, e.text) for e in dropped], why)


def _fit_schedule(rec: Recognised, term: bool) -> None:
    """Schedules by months in a term, or by weeks in a year, become their section's text."""
    unit = "week" if term else "month"
    for part in rec.parts:
        if part.key == "schedule" and any(e.unit != unit for e in part.entries):
            _as_text(rec, part, f"按{'月份' if term else '周次'}排，与时段不符")


def _dated_rows(rec: Recognised, start: date | None) -> None:
    """Rows that give dates but no week number get the weeks those dates fall in."""
    for i, part in enumerate(rec.parts):
        if part.key != "schedule":
            continue
        unread = []
        for entry in part.entries:
            if entry.spans:
                continue
            weeks = weeks_of(entry, start) if start else None
            if weeks is None or weeks[0] < 1:
                unread.append(entry)
            else:
                entry.spans = [weeks]
        _drop(rec, i, unread, "的日期不在本学期内")


def _beyond_term(rec: Recognised) -> None:
    """Entries past the longest term (30 weeks) are kept as text, not left out."""
    for i, part in enumerate(rec.parts):
        if part.key == "schedule":
            beyond = [e for e in part.entries if max(b for _, b in e.spans) > MAX_WEEKS]
            _drop(rec, i, beyond, f"排在第{MAX_WEEKS}周之后")


def _holidays(rec: Recognised, start: date | None) -> dict[str, list[dict[str, Any]]]:
    """The unit's own days among the schedule's holiday labels; planmaker's own dropped.

    Without a term start (a year's schedule) they cannot be dated: they are placed as text.
    """
    labels = [
        (e.line, label)
        for p in rec.parts
        if p.key == "schedule"
        for e in p.entries
        for label in e.labels
    ]
    labels += [x for p in rec.parts if p.key == "schedule" for x in p.labels]
    at = next((i for i, p in enumerate(rec.parts) if p.key == "schedule"), len(rec.parts))
    if start is None:
        rec.place(at, labels, "是日期栏里的节日或活动，年度计划的安排不排日期")
        return {}
    weeks = max([b for p in rec.parts for e in p.entries for _, b in e.spans] + [20])
    known, unknown = known_labels(start, min(weeks, 30))
    out: dict[str, list[dict[str, Any]]] = {}
    unread: list[tuple[int, str]] = []
    seen: set[str] = set()
    for line, label in labels:
        day = own_day(label, start + timedelta(days=60))
        if is_built_in(label, known) and not (day and _day_year(day[1]) in unknown):
            continue
        if day is None:
            unread.append((line, label))
            continue
        where, data = day
        key = repr(sorted(data.items()))
        if key not in seen:
            seen.add(key)
            out.setdefault(where, []).append(data)
    rec.place(at, unread, "是日期栏里读不出日期的节日或活动")
    return out


def _day_year(data: dict[str, Any]) -> int:
    return int((data.get("date") or data["start"]).year)


def _header(source: Source, data: dict[str, Any]) -> Any:
    from planmaker.loader import load_yaml
    from planmaker.validate import validate
    from planmaker.yamlwriter import dump

    try:
        return validate(load_yaml(dump(data), source.file))
    except PlanError as err:
        raise PlanError("import.invalid", Location(source.file), detail=str(err)) from None


def finish(
    source: Source,
    rec: Recognised,
    facts: TitleFacts,
    title_lines: list[str],
    org: str,
    period: Period,
) -> Finished:
    """The YAML text of ``rec`` under the header found, validated."""
    from planmaker import numbering
    from planmaker.context import title_lines as composed_lines
    from planmaker.draft import draft_yaml
    from planmaker.source import SourceText
    from planmaker.unfilled import read_document

    term = "semester" in period.data
    if term:
        _dated_rows(rec, period.start)
    _fit_schedule(rec, term)
    if term:
        _beyond_term(rec)
    for i, part in enumerate(rec.parts):  # the schedules that stay ones: what they held else
        if part.key == "schedule":
            rec.place(i, part.stray, "在具体安排中，但不是安排的条目")
            rec.closing.extend(text for _, text in part.tail)
    if period.start is not None:
        found = [e for p in rec.parts if p.key == "schedule" for e in p.entries]
        rec.warnings.extend(check_weeks(found, period.start, source.file))
    days = _holidays(rec, period.start)
    data: dict[str, Any] = {"kind": rec.kind, "org": org}
    if facts.department:
        data["department"] = facts.department
    data["period"] = period.data
    data.update(days)
    header = _header(source, data)
    composed = composed_lines(header)
    title: list[str] | None = None
    if title_lines and squeeze("".join(title_lines)) != "".join(composed):
        title = title_lines
    d = draft(rec, header, days, title)
    if title and DEBRIS.match(title[0]):
        d.head.append(
            f"标题第一行“{title[0]}”像是从网站转载时带上的，原样保留了；不需要可从 title 中删去。"
        )
    d.head.extend(v for k, notes in rec.notes.items() if k not in d.body for v in notes)
    text = draft_yaml(d).text
    try:
        read = read_document(SourceText(source.file, text, "utf-8"), strict=False)
    except PlanError as err:
        raise PlanError("import.invalid", Location(source.file), detail=str(err)) from None
    rec.warnings.extend(  # a draft's placeholder the document still held: written as it was
        Problem("import.placeholder", Location(source.file), {"text": p.params["text"]}, "warning")
        for p in read.placeholders
    )
    sections = sum(1 for p in rec.parts if not (p.key == "schedule" and rec.kind == "summary"))
    signature = None
    if rec.signed:
        name = rec.signature_name or facts.department or org
        when = rec.signature_date
        signature = name + (f" {numbering.format_date(when)}" if when else "")
    entries = sum(len(p.entries) for p in rec.parts if p.key == "schedule")
    return Finished(text, squeeze("".join(title or composed)), sections, entries, signature)
