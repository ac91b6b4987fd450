"""Schedules as offices type them: week or month tables, 第N周 lines, 三月份： lines.

A table is a schedule when its header row names the week (周次, 周, 时间) or the
month (月份) and the work (内容, 工作内容 …); its other columns are read when present
(日期, 负责人/责任人/负责部门, 完成情况, 备注). A line is a week line when it starts
with 第1周 / 第一周 / 第1-2周 / 第十至十一周 followed by its dates in brackets, a colon,
or its tasks; a paragraph holding several (第一周：……。第二周：……) is split. A month
line is 一月份： / 1月： / 九月, with its tasks after the colon or in the lines under it.
What a schedule area holds that is none of these is handed back as left over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from planmaker.importer.blocks import Table
from planmaker.importer.forms import (
    DASH,
    NUM,
    TRAILING_PUNCT,
    label_of,
    month_day_range,
    month_span,
    squeeze,
    week_span,
)

_STATUS = {
    "已完成": "done",
    "完成": "done",
    "√": "done",
    "✓": "done",
    "部分完成": "partial",
    "基本完成": "partial",
    "未完成": "pending",
    "待完成": "pending",
    "取消": "cancelled",
    "已取消": "cancelled",
}
_WEEK_START = re.compile(
    r"(?:(?<=^)|(?<=[。；;，,\s]))第\s*(?:"
    + NUM
    + r")(?:"
    + DASH
    + r"第?\s*(?:"
    + NUM
    + r"))?\s*周"
    r"(?=\s*[：:（(])"
)
CLOSING = re.compile(r"^(总之|综上|总而言之|总的来说|展望)")
"""How a closing paragraph (结束语) starts."""
_DASHES = ("—", "-", "–", "－", "~", "～", "至")
_OWNER = re.compile(r"[（(]\s*(?:负责|责任人|负责人)\s*[：:]\s*([^（）()]+?)\s*[）)]\s*[。.]?$")


@dataclass
class Entry:
    """One schedule entry as read: weeks or months, tasks and what came with them."""

    unit: str
    """``week`` or ``month``."""
    spans: list[tuple[int, int]]
    """The weeks or months; empty for a row dated only (its weeks follow from the start)."""
    tasks: list[str]
    line: int
    owner: str | None = None
    status: str | None = None
    note: str | None = None
    dates: tuple[tuple[int, int], tuple[int, int]] | None = None
    """(month, day) of the first and last day the row gives, when it gives them."""
    labels: list[str] = field(default_factory=list)
    """The holiday labels written with the dates."""
    text: str = ""
    """The row or line as written, for when it cannot be an entry after all."""


@dataclass
class Found:
    """A schedule read from tables and lines, and what in its area was something else."""

    entries: list[Entry] = field(default_factory=list)
    layout: str = "table"
    leftover: list[tuple[int, str]] = field(default_factory=list)
    labels: list[tuple[int, str, tuple[tuple[int, int], tuple[int, int]] | None]] = field(
        default_factory=list
    )
    """Holiday labels of rows without work (a holiday-only week): (line, label, dates)."""


def tasks_of(text: str) -> list[str]:
    """A run of tasks split on ；/; with each task's trailing punctuation dropped."""
    out = []
    for part in re.split(r"[；;]", text):
        part = part.strip().rstrip(TRAILING_PUNCT).strip()
        if part:
            out.append(part)
    return out


def status_of(text: str) -> str | None:
    return _STATUS.get(squeeze(text).rstrip(TRAILING_PUNCT))


# --- tables -----------------------------------------------------------------------------


def _roles(header: Sequence[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    has_week = any("周" in h for h in header)
    for i, raw in enumerate(header):
        h = squeeze(raw)
        if "完成" in h and "status" not in roles:
            roles["status"] = i
        elif "备注" in h and "note" not in roles:
            roles["note"] = i
        elif any(w in h for w in ("负责", "责任", "承办", "牵头")) and "owner" not in roles:
            roles["owner"] = i
        elif "周" in h and "unit" not in roles:
            roles["unit"], roles["week"] = i, 1
        elif "月" in h and "unit" not in roles and "日期" not in h:
            roles["unit"], roles["month"] = i, 1
        elif ("日期" in h or "起止" in h or (h == "时间" and has_week)) and "date" not in roles:
            roles["date"] = i
        elif h in ("时间", "时间安排") and "unit" not in roles:
            roles["unit"], roles["week"] = i, 1
        elif any(w in h for w in ("内容", "事项", "工作", "活动", "项目", "安排")):
            roles.setdefault("content", i)
    return roles


def joined(paras: list[str]) -> list[str]:
    """A 日期 cell's lines, put back together where a line break cut a date or a label:
    a line ending in a dash or starting with one or with “（” continues the line above."""
    out: list[str] = []
    for text in paras:
        if out and (out[-1].endswith(_DASHES) or text.startswith((*_DASHES, "（", "("))):
            out[-1] += text
        else:
            out.append(text)
    return out


def is_completion_table(table: Table) -> bool:
    """planmaker's own 计划完成情况 table (its figures are recomputed from statuses)."""
    if not table.rows:
        return False
    header = "".join(squeeze("".join(c)) for c in table.rows[0])
    return "完成率" in header and "计划" in header


def table_text(table: Table) -> list[str]:
    """A table that is not a schedule as paragraphs: a row each, cells joined by “，”."""
    out = []
    for row in table.rows:
        cells = ["".join(p.strip() for p in cell) for cell in row]
        text = "，".join(c for c in cells if c)
        if text:
            out.append(text)
    return out


def read_table(table: Table) -> Found | None:
    """The schedule a table holds, or None when it is not a schedule."""
    heads = [_roles([" ".join(c) for c in row]) for row in table.rows[:3]]
    head = next((i for i, r in enumerate(heads) if "unit" in r and "content" in r), None)
    if head is None or len(table.rows) < head + 2:
        return None
    roles = heads[head]
    assigned = {i for role, i in roles.items() if role not in ("week", "month")}
    index_columns = {  # 序号: a column of row numbers, which planmaker writes itself
        i for i, c in enumerate(table.rows[head]) if squeeze("".join(c)) in ("序号", "编号", "序")
    }
    unit = "week" if "week" in roles else "month"
    found = Found(layout="table")
    for n, row in enumerate(table.rows[:head], 1):  # a caption row above the header
        text = "，".join(x for x in ("".join(c) for c in row) if x)
        if text:
            found.leftover.append((table.line + n - 1, text))
    previous: list[tuple[int, int]] | None = None
    for n, row in enumerate(table.rows[head + 1 :], head + 2):

        def cell(role: str, row: tuple[tuple[str, ...], ...] = row) -> list[str]:
            i = roles.get(role)
            if i is None or i >= len(row):
                return []
            return [p.strip() for p in row[i] if p.strip()]

        when = "".join(cell("unit"))
        read = (week_span if unit == "week" else month_span)(when, bare=True) if when else None
        spans = [read[0]] if read else previous
        dates = joined(cell("date"))
        first_dates = month_day_range(dates[0]) if dates and unit == "week" else None
        labels = dates[1:] if first_dates else dates
        if unit == "month":  # a month's row prints no dates: what its 日期 says is a note
            labels = []
        content = cell("content")
        line = table.line + n - 1
        rest = when[read[1] :].strip(" （）()：:，,") if read else ""
        if (
            rest
            and unit == "week"
            and first_dates is None
            and re.fullmatch(r"[0-9０-９年月日./\-—–－~～至到\s]+", rest)
            and month_day_range(rest)
        ):
            first_dates, rest = month_day_range(rest), ""  # 第1周（3.2-3.8）: dates in the cell
        if read is None and when and unit == "week" and first_dates is None:
            first_dates = month_day_range(when)  # 时间 given as dates: weeks found later
            if first_dates is not None:
                read, spans = ((0, 0), 0), []
        if spans is None or (read is None and when):
            text = "，".join(x for x in ("".join(c) for c in row) if x)
            if text:
                found.leftover.append((line, text))
            continue
        previous = spans or None
        merged = {role for role, i in roles.items() if (n - 1, i) in table.continued}
        last = found.entries[-1] if found.entries else None
        if "content" in merged and last is not None and spans:  # one work over several weeks
            _extend(last, spans[0])
            continue
        if not content:
            found.labels.extend((line, label, first_dates) for label in labels)
            continue
        note = None
        if len(content) > 1 and re.fullmatch(r"[（(].*[）)]", content[-1]):
            note = content.pop()[1:-1]
        tasks = [t for p in content for t in tasks_of(p)] or content
        extra = (
            re.sub(r"[0-9０-９年月日./\-—–－~～至到\s（）()]", "", dates[0])
            if first_dates and dates
            else ""
        )
        notes = [x for x in (rest, extra, note, "".join(cell("note"))) if x]
        if unit == "month" and dates:
            notes.insert(0, "，".join(dates))
        others = [  # a column planmaker has no place for (参加人员 …): its words in the note
            "".join(p.strip() for p in row[i])
            for i in range(len(row))
            if i not in assigned and i not in index_columns
        ]
        notes += [x for x in others if x]
        status = None
        written_status = "".join(cell("status"))
        if written_status:
            status = status_of(written_status)
            if status is None:
                notes.append(written_status)
        owner = "".join(cell("owner")) or None
        if "owner" in merged and last is not None:  # a 负责人 merged over several weeks
            owner = last.owner
        entry = Entry(unit, list(spans), tasks, line, owner, status, "；".join(notes) or None)
        entry.text = "，".join(x for x in ("".join(c) for c in row) if x)
        entry.dates, entry.labels = first_dates, labels
        found.entries.append(entry)
    return found if found.entries else None


def _extend(entry: Entry, span: tuple[int, int]) -> None:
    """``entry`` covering ``span`` too: a range grows when it joins on, else a week is added."""
    a, b = entry.spans[-1] if entry.spans else span
    if span[0] <= b + 1 and span[1] >= a:
        entry.spans[-1:] = [(min(a, span[0]), max(b, span[1]))]
    else:
        entry.spans.append(span)


# --- lines ------------------------------------------------------------------------------


def split_weeks(text: str) -> list[str]:
    """A paragraph holding several week lines (第一周：……。第二周：……) as one each."""
    starts = [m.start() for m in _WEEK_START.finditer(text)]
    if not starts or starts[0] != 0:
        return [text]
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _bracket(text: str) -> tuple[str, str] | None:
    """(inside, after) of a leading （……） with nested brackets allowed."""
    text = text.lstrip()
    if not text.startswith(("（", "(")):
        return None
    depth = 0
    for i, c in enumerate(text):
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth -= 1
            if depth == 0:
                return text[1:i], text[i + 1 :]
    return None


def week_line(text: str, line: int) -> Entry | None:
    """A 第N周 line as an entry (its tasks may be empty: they follow on the next lines)."""
    if not _WEEK_START.match(text):
        return None
    read = week_span(text)
    if read is None:
        return None
    span, end = read
    rest = text[end:]
    dates = None
    labels: list[str] = []
    inside = _bracket(rest)
    if inside is not None:
        parts = re.split(r"[，,]", inside[0])
        dates = month_day_range(parts[0])
        if dates is not None:
            labels = [p.strip() for p in parts[1:] if p.strip()]
            rest = inside[1]
    rest = rest.lstrip().removeprefix("：").removeprefix(":").strip()
    owner = None
    match = _OWNER.search(rest)
    if match:
        owner = match[1]
        rest = rest[: match.start()].strip()
    entry = Entry("week", [span], tasks_of(rest), line, owner, text=text)
    entry.dates, entry.labels = dates, labels
    if not entry.tasks and rest.strip(TRAILING_PUNCT):
        entry.tasks = [rest]
    return entry


def month_line(text: str, line: int) -> Entry | None:
    """An 一月份： / 1月： / 九月 / (一)二月份: line as an entry (tasks may follow below)."""
    label = label_of(text)
    body = label.rest if label and label.level <= 2 else text
    read = month_span(body)
    if read is None:
        return None
    span, end = read
    rest = body[end:].strip()
    if rest and rest[0] not in "：:":
        return None
    rest = rest[1:].strip()
    owner = None
    match = _OWNER.search(rest)
    if match:
        owner = match[1]
        rest = rest[: match.start()].strip()
    return Entry("month", [span], tasks_of(rest), line, owner, text=text)


def _item(text: str) -> str:
    text = text.strip().removeprefix("- ").removeprefix("-").strip()
    label = label_of(text)
    return label.rest if label and label.level >= 3 else text


def read_lines(paragraphs: Sequence[tuple[int, str]]) -> Found:
    """Week and month lines with the tasks under them; the rest as left over."""
    found = Found(layout="list")
    current: Entry | None = None
    open_items = labelled = False
    for line, raw in paragraphs:
        for text in split_weeks(raw):
            entry = week_line(text, line) or month_line(text, line)
            if entry is not None:
                if current is not None and current.tasks:
                    found.entries.append(current)
                elif current is not None and current.labels:
                    found.labels.extend((current.line, x, current.dates) for x in current.labels)
                current = entry
                open_items = entry.unit == "month" or not entry.tasks
                labelled = False
            elif (
                current is not None
                and open_items
                and _item(text)
                and not text.endswith("：")
                and not (labelled and label_of(text) is None)
                and not CLOSING.match(text)
            ):
                labelled = labelled or label_of(text) is not None
                current.tasks.extend(tasks_of(_item(text)) or [_item(text)])
            else:
                found.leftover.append((line, text))
    if current is not None and current.tasks:
        found.entries.append(current)
    elif current is not None and current.labels:
        found.labels.extend((current.line, x, current.dates) for x in current.labels)
    return found


def count_schedule_lines(paragraphs: Sequence[str]) -> int:
    """How many of ``paragraphs`` are week or month lines."""
    n = 0
    for raw in paragraphs:
        for text in split_weeks(raw):
            if week_line(text, 0) or month_line(text, 0):
                n += 1
    return n
