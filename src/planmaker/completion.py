"""计划完成情况: the figures of a schedule's statuses in words, and the entries not done.

A summary (and a report, per department) accounts for its schedule: how many entries
were planned, done, partly done, cancelled and left undone, the 完成率 — done ÷
(planned − cancelled), one decimal, “—” when nothing is left to count — and then every
entry that was not done, named with its week (or month) and its note, the way a clerk
writes it: “未完成：第八周 综合课程听课活动（因……）。”. An entry counts once, however
many weeks or tasks it has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planmaker import numbering

if TYPE_CHECKING:
    from planmaker.model import Document, Entry

NOT_DONE = ("partial", "pending", "cancelled")
"""The statuses of the entries a summary names after its figures, in the order named."""
STATUS_WORDS = {"partial": "部分完成", "pending": "未完成", "cancelled": "取消"}
_END_PUNCT = "。；;，,、.！!"


@dataclass(frozen=True)
class Figures:
    """A schedule's completion figures as a summary or report prints them, and the rate."""

    planned: int
    done: int
    partial: int
    cancelled: int
    pending: int

    @property
    def rate(self) -> str:
        """完成率 = done ÷ (planned − cancelled), one decimal: 71.4%; “—” when that is 0.

        Rounded half up, as by hand (13 ÷ 16 = 81.25% → 81.3%), in whole numbers.
        """
        counted = self.planned - self.cancelled
        if counted <= 0:
            return "—"
        tenths = (2000 * self.done + counted) // (2 * counted)
        return f"{tenths // 10}.{tenths % 10}%"


@dataclass(frozen=True)
class NoFigures:
    """A report department whose documents say no status: “—” for every figure."""

    planned: str = "—"
    done: str = "—"
    partial: str = "—"
    cancelled: str = "—"
    pending: str = "—"
    rate: str = "—"


def completion(entries: Sequence[Entry]) -> Figures:
    """Counts of the schedule's statuses; an entry counts once, whatever its weeks or tasks."""
    counts = {"done": 0, "partial": 0, "cancelled": 0, "pending": 0}
    for entry in entries:
        counts[entry.status] += 1
    return Figures(planned=len(entries), **counts)


@dataclass(frozen=True)
class Undone:
    """One schedule entry that was not done: its week (or month), tasks, status and note."""

    status: str
    when: str
    """第八周, 第四至五周, 第八周、第十六周; 3月, 3—4月 in a schedule by month."""
    task: str
    note: str | None = None
    term: str | None = None
    """The term it belongs to (2026年春季学期), when a report merges several."""

    def text(self) -> str:
        """第八周 综合课程听课活动（因……）, after its term when it has one."""
        note = f"（{self.note}）" if self.note else ""
        return f"{self.term or ''}{self.when} {self.task}{note}"


def period_word(doc: Document) -> str:
    """本学期, 本年度 or 本学年: how a summary's sentence names its own period."""
    if doc.period.year is not None:
        return "本年度"
    return "本学期" if doc.period.semester is not None else "本学年"


def sentence(figures: Figures, opening: str) -> str:
    """The figures as a sentence: 本学期计划安排工作14项，已完成10项，……完成率为76.9%。

    ``opening`` names the period (本学期, 全年各部门). Cancelled entries are left out of
    the rate, and the sentence says how many; when every entry was cancelled there is
    no rate to give, and it says so.
    """
    text = (
        f"{opening}计划安排工作{figures.planned}项，已完成{figures.done}项，"
        f"部分完成{figures.partial}项，取消{figures.cancelled}项，未完成{figures.pending}项"
    )
    if not figures.cancelled:
        return f"{text}，完成率为{figures.rate}。"
    if figures.planned > figures.cancelled:
        return f"{text}；除去取消的{figures.cancelled}项，完成率为{figures.rate}。"
    return f"{text}；取消的{figures.cancelled}项不计入完成率，没有可计算完成率的工作。"


def has_status(entries: Iterable[Entry]) -> bool:
    """Whether any entry says its status (``status:`` written, whatever its value)."""
    return any("status" in entry.model_fields_set for entry in entries)


def when_text(spans: Sequence[tuple[int, int]], *, by_month: bool) -> str:
    """An entry's weeks or months as a sentence names them: 第八周、第十六周, 第四至五周, 3月."""
    parts = []
    for first, last in spans:
        if not by_month:
            parts.append(numbering.week_label(first, last))
        elif first == last:
            parts.append(numbering.month_short(first))
        else:
            parts.append(f"{first}—{last}月")
    return "、".join(parts)


def task_text(tasks: Sequence[str]) -> str:
    """An entry's tasks as one phrase: each without its own end punctuation, joined by ，."""
    return "，".join(t.rstrip(_END_PUNCT) for t in tasks if t.rstrip(_END_PUNCT))


def position(spans: Sequence[tuple[int, int]], first_month: int = 1) -> int:
    """Where an entry stands in its schedule: its first week, or its first month counted
    from ``first_month`` (9 in a 学年, whose months run from 9月 to the next 8月)."""
    first = min((a for a, _ in spans), default=0)
    return (first - first_month) % 12 if first_month != 1 else first


def undone_entries(
    entries: Iterable[Entry], *, by_month: bool, first_month: int = 1, term: str | None = None
) -> list[Undone]:
    """The entries not done, in schedule order (first week or month, then as written)."""
    keyed = []
    for order, entry in enumerate(entries):
        spans = (entry.month if by_month else entry.week) or []
        if entry.status not in NOT_DONE or not spans:
            continue
        undone = Undone(
            entry.status,
            when_text(spans, by_month=by_month),
            task_text(entry.tasks),
            entry.note,
            term,
        )
        keyed.append(((position(spans, first_month), order), undone))
    return [u for _, u in sorted(keyed, key=lambda k: k[0])]


def undone_paragraphs(items: Sequence[Undone], who: str = "") -> list[str]:
    """One paragraph per status not done: 部分完成：第十二周 优质课大赛（……）；……。

    ``who`` goes before the status word (a department in a report: 教务处未完成：……).
    """
    out = []
    for status in NOT_DONE:
        named = [item.text() for item in items if item.status == status]
        if named:
            out.append(f"{who}{STATUS_WORDS[status]}：" + "；".join(named) + "。")
    return out


def by_month(doc: Document) -> bool:
    """Whether the document's schedule is by month (a calendar year, or a 学年)."""
    return doc.period.year is not None or doc.period.semester is None


def first_month(doc: Document) -> int:
    """The month a schedule by month starts from: 9 in a 学年, else 1."""
    from planmaker.calendar import SCHOOL_YEAR_FIRST_MONTH

    school_year = doc.period.year is None and doc.period.semester is None
    return SCHOOL_YEAR_FIRST_MONTH if school_year else 1


def context_of(doc: Document, figures: Figures | None) -> dict[str, Any]:
    """What templates print of 计划完成情况 (see the module docstring).

    ``figures`` are the summary's (None without a schedule). ``completion_text``: their
    sentence (None without entries); ``undone``: the paragraphs naming the entries not
    done; ``department_undone``: a report's, department by department
    (教务处未完成：2026年春季学期第八周 ……。).
    """
    entries = doc.schedule.entries if doc.schedule is not None else []
    figures = figures if entries else None
    department_undone = []
    for dept in doc.departments:
        items = [
            Undone(
                u.status,
                when_text(u.month or u.week or [], by_month=u.month is not None),
                u.task,
                u.note,
                u.term,
            )
            for u in dept.unfinished
        ]
        department_undone.extend(undone_paragraphs(items, dept.name))
    return {
        "completion_text": sentence(figures, period_word(doc)) if figures else None,
        "undone": undone_paragraphs(
            undone_entries(entries, by_month=by_month(doc), first_month=first_month(doc))
        ),
        "department_undone": department_undone,
    }
