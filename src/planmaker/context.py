"""Document → template context: everything a template prints, already computed as text.

Templates compute no dates and import no Python: the composed title, section labels,
the schedule's rows (week labels, date ranges, holidays), the signature's name and
date, and a summary's completion figures are all worked out here. A template also sees
the whole validated document as ``doc`` and the free-form ``extra`` mapping, so a
unit's own template can print fields the schema does not know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planmaker import calendar, numbering, structure
from planmaker import completion as accounts
from planmaker.completion import Figures, NoFigures, completion
from planmaker.errors import Problem
from planmaker.model import Document, Entry

TITLE_LINE_CHARS = 20
"""Characters of 二号 (22 pt) text on one 156 mm line: longer composed titles break."""

DEFAULT_LABELS = {
    "plan": {
        "guiding": "指导思想",
        "goals": "工作目标",
        "measures": "主要工作及措施",
        "safeguards": "保障措施",
        "schedule": "具体安排",
        "attachments": "附件",
    },
    "summary": {
        "achievements": "主要工作及成效",
        "completion": "计划完成情况",
        "problems": "存在的问题",
        "next_steps": "下一步工作打算",
        "schedule": "具体安排",
        "attachments": "附件",
    },
    "report": {
        "departments": "各部门工作",
        "completion": "计划完成情况",
        "problems": "存在的问题",
        "next_steps": "下一年度工作思路",
        "attachments": "附件",
    },
}
_KIND_WORD = {"plan": "工作计划", "summary": "工作总结"}
_END_PUNCT = "。；;，,、.！!"


@dataclass(frozen=True)
class Row:
    """One row of the schedule (one line in the list layout)."""

    when: str
    """第一周, 第四至五周, 3月 (table) — the 周次 or 月份 cell."""
    dates: str | None
    """3月2日—3月8日; None in a year plan."""
    holidays: tuple[str, ...] = ()
    """Holiday labels for the 日期 cell: 清明节放假（4月4日—6日）."""
    holidays_inline: tuple[str, ...] = ()
    """The same for the list layout, without brackets: 清明节放假4月4日—6日."""
    tasks: tuple[str, ...] = ()
    note: str | None = None
    owner: str | None = None
    status: str = "pending"
    month_word: str | None = None
    """三月份, for a year plan's list layout."""

    @property
    def date_lines(self) -> tuple[str, ...]:
        """The 日期 cell: the dates, then each holiday on a line of its own."""
        return tuple(p for p in (self.dates, *self.holidays) if p)

    @property
    def task_lines(self) -> tuple[str, ...]:
        """The 工作内容 cell: one task a line, then the note in （）."""
        return self.tasks + ((f"（{self.note}）",) if self.note else ())


@dataclass
class Built:
    """The template context and the warnings met while building it."""

    context: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)


def build_context(doc: Document, *, today: date) -> Built:
    """The template context of ``doc``; ``today`` is the default 成文日期."""
    warnings: list[Problem] = []
    labels = section_labels(doc)
    rows: list[Row] = []
    if doc.schedule is not None:
        if doc.period.is_term:
            rows, warnings = _term_rows(doc) if doc.period.start else ([], [])
        else:
            first_month = calendar.SCHOOL_YEAR_FIRST_MONTH if doc.period.school_year else 1
            rows = _month_rows(doc.schedule.entries, first_month)
    sig = doc.signature
    sig_date = (sig.date if sig else None) or today
    context = {
        "doc": doc,
        "kind": doc.kind,
        "extra": doc.extra,
        "title_lines": title_lines(doc),
        "period_text": period_text(doc),
        "labels": labels,
        "parts": structure.arrange(doc, labels).parts,
        "schedule_rows": rows,
        "schedule_layout": doc.schedule.layout if doc.schedule else None,
        "by_month": not doc.period.is_term,
        "completion": completion(doc.schedule.entries) if doc.schedule else None,
        "period_word": {"year": "本年度", "school_year": "本学年"}.get(doc.period.kind, "本学期"),
        "department_rows": department_rows(doc),
        **accounts.context_of(doc, completion(doc.schedule.entries) if doc.schedule else None),
        "signature_name": ((sig.name or doc.department or doc.org) if sig else None),
        "signature_date": numbering.format_date(sig_date, doc.date_style) if sig else None,
        "attachments": doc.attachments,
        "settings": {
            "fonts": doc.fonts,
            "seal": "true" if sig is None or sig.seal else "false",
            "date_style": doc.date_style,
        },
    }
    return Built(context, warnings)


def section_labels(doc: Document) -> dict[str, str]:
    """Each section's heading as printed: the kind's default, or what ``headings`` says
    (a heading left empty is an error, ``headings.empty``, and never printed)."""
    return {**DEFAULT_LABELS[doc.kind], **{k: v for k, v in doc.headings.items() if v}}


def period_text(doc: Document) -> str:
    """2025—2026学年第二学期, 2026年; a report: 2026年度 / 2025—2026学年."""
    p = doc.period
    if p.year is not None:
        return f"{p.year}年度" if doc.kind == "report" else f"{p.year}年"
    assert p.school_year is not None
    school_year = numbering.format_school_year(*p.school_year)
    if doc.kind == "report" or p.semester is None:
        return school_year
    return school_year + numbering.semester_label(p.semester or 1)


def composed_title(doc: Document) -> tuple[str, str]:
    """(org, the rest) of the composed title, e.g. 芦中 + 2026年工会工作计划."""
    if doc.kind == "report":
        return doc.org, period_text(doc) + "工作总结"
    return doc.org, period_text(doc) + (doc.department or "") + _KIND_WORD[doc.kind]


def title_lines(doc: Document) -> list[str]:
    """The title's lines: as written in ``title:``, else composed (docs/yaml.md §6).

    A single written title is one line; a composed one longer than a 二号 line breaks
    after the org, as units write it.
    """
    if doc.title:
        return list(doc.title)
    org, rest = composed_title(doc)
    if len(org) + len(rest) <= TITLE_LINE_CHARS:
        return [org + rest]
    return [org, rest]


def department_rows(doc: Document) -> list[tuple[str, Figures | NoFigures]]:
    """A report's 计划完成情况 table: one row per department, then 合计.

    A department without ``completion`` (its documents say no status) gets “—” and
    stays out of 合计, which is given when there are several rows; one whose
    ``completion`` plans nothing has no row.
    """
    rows: list[tuple[str, Figures | NoFigures]] = [
        (d.name, Figures(**d.completion.model_dump()) if d.completion else NoFigures())
        for d in doc.departments
        if d.completion is None or d.completion.planned
    ]
    counted = [c for _, c in rows if isinstance(c, Figures)]
    if len(rows) > 1 and counted:
        total = {
            k: sum(getattr(c, k) for c in counted)
            for k in ("planned", "done", "partial", "cancelled", "pending")
        }
        rows.append(("合计", Figures(**total)))
    return rows


def _term_rows(doc: Document) -> tuple[list[Row], list[Problem]]:
    assert doc.schedule is not None and doc.period.start is not None
    start = calendar.monday_of(doc.period.start)
    weeks = doc.period.weeks
    first_day, _ = calendar.week_dates(start, 1)
    _, last_day = calendar.week_dates(start, weeks)
    holidays = calendar.user_days(doc.holidays)
    workdays = calendar.user_days(doc.workdays)
    events, warnings = calendar.events_between(first_day, last_day, holidays, workdays)
    by_week = calendar.events_by_week(start, weeks, events)

    keyed: list[tuple[int, int, Row]] = []
    covered: set[int] = set()
    for order, entry in enumerate(doc.schedule.entries):
        for first, last in entry.week or ():
            week_events = _unique(e for w in range(first, last + 1) for e in by_week.get(w, ()))
            monday, _ = calendar.week_dates(start, first)
            _, sunday = calendar.week_dates(start, last)
            keyed.append(
                (
                    first,
                    order,
                    _row(
                        numbering.week_label(first, last if last != first else None),
                        numbering.format_range(monday, sunday),
                        week_events,
                        entry,
                    ),
                )
            )
            covered.update(range(first, last + 1))
    for week, week_events in by_week.items():
        if week_events and week not in covered:
            monday, sunday = calendar.week_dates(start, week)
            keyed.append(
                (
                    week,
                    -1,
                    _row(
                        numbering.week_label(week),
                        numbering.format_range(monday, sunday),
                        week_events,
                    ),
                )
            )
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [row for _, _, row in keyed], warnings


def _month_rows(entries: Sequence[Entry], first_month: int = 1) -> list[Row]:
    """Rows by month, from ``first_month`` (9 in a 学年: 9月 … next 8月) round the year."""
    keyed: list[tuple[int, int, Row]] = []
    for order, entry in enumerate(entries):
        for first, last in entry.month or ():
            if first == last:
                when, word = numbering.month_short(first), numbering.month_label(first)
            else:
                when = f"{first}—{last}月"
                word = f"{numbering.to_hanzi(first)}至{numbering.to_hanzi(last)}月份"
            row = _row(when, None, (), entry)
            at = (first - first_month) % 12
            keyed.append((at, order, Row(**{**row.__dict__, "month_word": word})))
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [row for _, _, row in keyed]


def _row(
    when: str, dates: str | None, events: Sequence[calendar.DayEvent], entry: Entry | None = None
) -> Row:
    return Row(
        when=when,
        dates=dates,
        holidays=tuple(e.label() for e in events),
        holidays_inline=tuple(e.label(brackets=False) for e in events),
        tasks=tuple(entry.tasks) if entry else (),
        note=entry.note if entry else None,
        owner=entry.owner if entry else None,
        status=entry.status if entry else "pending",
    )


def _unique(events: Any) -> list[calendar.DayEvent]:
    return list(dict.fromkeys(events))


def list_line(row: Row) -> str:
    """The list layout's sentence for one row, in the seeds' style (docs/yaml.md §8).

    第五周（3月30日—4月5日，清明节放假4月4日—6日）：task；task（note）。（负责：教务处）
    A task's own trailing 。；， is dropped before joining.
    """
    head = row.month_word or row.when
    inside = [p for p in (row.dates, *row.holidays_inline) if p]
    if inside:
        head += "（" + "，".join(inside) + "）"
    if not row.tasks:
        return head + "。"
    body = "；".join(t.rstrip(_END_PUNCT) for t in row.tasks)
    if row.note:
        body += f"（{row.note}）"
    line = f"{head}：{body}。"
    if row.owner:
        line += f"（负责：{row.owner}）"
    return line
