"""A draft — what a file ``new`` or ``summarize`` writes says — and its commented YAML.

What is written is text composed here, not a plain dump, because it carries what a
dump cannot: a yaml-language-server modeline (so VS Code completes keys from the
``planmaker.schema.json`` beside the file), a Chinese comment on every key, and one
comment per week (or month) of the period with its dates and the holidays in it.
The values themselves go through :mod:`planmaker.yamlwriter`, so quoting is always
right. Every placeholder (“（请填写……）”, :mod:`planmaker.placeholders`) is valid
content: the file passes ``check`` and renders before anyone edits it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planmaker import calendar, numbering, periods, structure
from planmaker.context import composed_title, title_lines
from planmaker.errors import Problem
from planmaker.filenames import safe_name
from planmaker.model import Document
from planmaker.schema import SCHEMA_FILE
from planmaker.yamlwriter import Lines

MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
"""The first line of every file ``new`` and ``summarize`` write."""


@dataclass
class DraftEntry:
    """A schedule entry to write: its data, the week (or month) it is listed under, a comment."""

    data: dict[str, Any]
    first: int
    comment: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    """The weeks (or months) it covers, for its date comment; empty: just ``first``."""


@dataclass
class Draft:
    """Everything a draft file says, before it becomes text (:func:`draft_yaml`)."""

    header: Document
    """kind, org, department and period (validated); its other fields are ignored."""
    body: dict[str, Any]
    """Body keys → YAML data, in the order they are written."""
    entries: list[DraftEntry] | None = None
    """The schedule's entries; None leaves the schedule out."""
    layout: str = "table"
    settings: dict[str, Any] = field(default_factory=dict)
    """headings, attachments, date_style, fonts, templates, extra, holidays, workdays;
    order and closing (written after the body, where the document's structure is said)."""
    signature: dict[str, Any] | None = field(default_factory=dict)
    """署名 and 盖章 to write; None writes ``signature: false`` (no 署名, no 成文日期)."""
    notes: dict[str, str] = field(default_factory=dict)
    """Body key → comment lines written above it, after its usual note (a plan's goals
    above a summary's achievements, for the summary to answer to)."""
    origin: str = "new"
    """Which command wrote it (``new``, ``summarize`` or ``import``), for the file's head comment."""
    title: list[str] | None = None
    """The title's lines to write as ``title:``; None leaves the composed title."""
    head: list[str] = field(default_factory=list)
    """Comment lines for the file's head (what ``import`` could not place)."""
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class DraftText:
    """A draft as a file: its YAML text, default file name and warnings."""

    text: str
    name: str
    warnings: list[Problem]


_KEY_NOTES = {
    "preamble": "导语：标题之后、“一、”之前的几段话，不加小标题。段与段之间空一行。",
    "guiding": "指导思想：排成“一、指导思想”。不需要可整段删去。",
    "goals": "工作目标：每条以“- ”开头，排成 1. 2. 3. ……",
    "measures": (
        "主要工作及措施：每一项写 title（标题，排成（一）（二）……），其下可写 text（说明文字）\n"
        "和 items（具体条目，排成 1. 2. ……）。条目也可以再写 title 和 items，最多三级。"
    ),
    "safeguards": "保障措施：写法同上（每条以“- ”开头，或写 title 和 items）。不需要可整段删去。",
    "sections": "其他部分：每一项自成一个“一、”，排在“具体安排”之前。写 title 和 text / items。",
    "summary sections": (
        "其他部分：每一项自成一个“一、”，排在“主要工作及成效”之后。写 title 和 text / items。"
    ),
    "overview": "概述：标题之后、“一、”之前的几段话，概括工作的总体情况。段与段之间空一行。",
    "achievements": (
        "主要工作及成效：每一项写 title（排成（一）（二）……）和 items（做法和成效，排成 1. 2. ……）。"
    ),
    "problems": "存在的问题：每条以“- ”开头，排成 1. 2. 3. ……",
    "next_steps": "下一步工作打算：每条以“- ”开头，排成 1. 2. 3. ……",
}

_SETTINGS = {
    "holidays": (
        "节假日(holidays)：法定节假日和调休已自动算入，这里只写本单位自己的放假和活动"
        "（off: false 表示照常上课的活动）",
        "holidays:\n"
        "  - {start: 2026-04-27, end: 2026-04-28, name: 春季研学}\n"
        "  - {date: 2026-04-20, name: 校运动会, off: false}",
    ),
    "workdays": (
        "调休上班(workdays)：内置日历没有的调休上班日",
        "workdays: [{date: 2026-05-09, name: 劳动节调休}]",
    ),
    "headings": ("标题名称(headings)：改某一部分的标题", "headings: {measures: 主要工作及要求}"),
    "attachments": (
        "附件(attachments)：附件的名称，印在正文之后",
        "attachments: [教务处周次安排表]",
    ),
    "date_style": (
        "日期格式(date_style)：成文日期写 arabic（2026年3月2日，默认）或 hanzi（二〇二六年三月二日）",
        "date_style: hanzi",
    ),
    "fonts": (
        "字体(fonts)：gb（仿宋_GB2312 等国标字体，默认）或 windows（仿宋、楷体、黑体）",
        "fonts: windows",
    ),
    "templates": (
        "模板目录(templates)：本单位模板所在的文件夹（相对于本文件）",
        "templates: ./模板",
    ),
    "extra": (
        "附加信息(extra)：本单位模板要用的自定义字段",
        "extra: {联系人: 王老师, 电话: 0912-1234567}",
    ),
}
"""Settings a file may have: (what it is, a commented example when the draft has none)."""
_SETTING_ORDER = (
    "holidays",
    "workdays",
    "headings",
    "attachments",
    "date_style",
    "fonts",
    "templates",
    "extra",
)


def draft_yaml(draft: Draft) -> DraftText:
    """The YAML text of ``draft``, with its default file name and warnings."""
    doc = draft.header
    out = Lines()
    title = "".join(draft.title or title_lines(doc))
    out.raw(MODELINE)
    out.comment(f"{title}（由 planmaker {draft.origin} 生成）")
    out.comment(
        "请核对读出的内容；以 # 开头的行是说明，不会出现在文档里。"
        if draft.origin == "import"
        else "把“（请填写……）”换成你的内容；不需要的部分可以整段删去。以 # 开头的行是说明，不会出现在文档里。"
    )
    out.comment(
        "键名后面是英文冒号加一个空格；缩进只能用空格。键名也可以写中文（如 单位、部门、工作目标）。"
    )
    out.comment("检查：planmaker check 本文件.yaml    生成 Word 文档：planmaker render 本文件.yaml")
    for line in draft.head:
        out.comment(line)
    out.blank()
    kind_note = "工作总结" if doc.kind == "summary" else "工作计划"
    out.value("kind", doc.kind, f"文档类型：{kind_note}")
    out.value("org", doc.org, "单位名称，出现在标题里")
    if doc.department:
        out.value("department", doc.department, "部门，出现在标题里和落款处")
    else:
        out.comment("department: 教务处   # 部门（可选），出现在标题里和落款处")
    _period(out, doc)
    if draft.title:
        out.comment("标题(title)：照原文逐行写出；删去这一项则按单位、时段、部门自动组成。")
        out.value("title", draft.title)
    else:
        out.comment(f"title: {title}")
        out.comment("  ↑ 标题（可选）：不写则自动组成如上；写成列表可逐行指定。")
    out.blank()
    for key, value in draft.body.items():
        out.comment(_KEY_NOTES.get(f"{doc.kind} {key}", _KEY_NOTES[key]))
        if key in draft.notes:
            out.comment(draft.notes[key])
        out.value(key, value)
        out.blank()
    _structure(out, draft)
    if draft.entries is not None:
        _schedule(out, draft)
    for key in _SETTING_ORDER:
        _setting(out, draft, key, *_SETTINGS[key])
    out.blank()
    _signature(out, draft.signature, _example_date(doc))
    return DraftText(out.text(), composed_name(doc), draft.warnings)


def composed_name(doc: Document) -> str:
    """The default file name of ``doc``: its composed title + ``.yaml``, safe on any system."""
    return safe_name("".join(composed_title(doc)), ".yaml")


def _period(out: Lines, doc: Document) -> None:
    p = doc.period
    out.comment(
        "时段(period)："
        + {"year": "年度", "school_year": "学年（9 月到次年 8 月）"}.get(
            p.kind, "学年、学期、开学日期和教学周数"
        )
    )
    out.raw("period:")
    if p.year is not None:
        out.value("year", p.year, f"年度 → “{p.year}年”；具体安排按月份", indent=2)
        return
    assert p.school_year is not None
    a, b = p.school_year
    if p.semester is None:
        out.value("school_year", f"{a}-{b}", f"学年 → “{a}—{b}学年”；具体安排按月份", indent=2)
        return
    out.value("school_year", f"{a}-{b}", f"学年 → “{a}—{b}学年”", indent=2)
    label = numbering.semester_label(p.semester)
    out.value("semester", p.semester, f"学期：1 或 2 → “{label}”", indent=2)
    if p.start is None:  # a term without a week schedule (an imported one) needs no start
        return
    monday = calendar.monday_of(p.start)
    note = "开学日期：第一周的任意一天"
    if monday != p.start:
        note += f"（第一周从星期一 {numbering.format_month_day(monday)} 算起）"
    out.value("start", p.start, note, indent=2)
    out.value("weeks", p.weeks, "教学周数", indent=2)


def _structure(out: Lines, draft: Draft) -> None:
    """``order`` and ``closing``: the values a draft carries, else commented examples."""
    doc = draft.header
    keys = structure.builtin_keys(doc.kind)
    notes = {
        "order": (
            "顺序(order)：各“一、”部分的先后（可选）。不写则按通常的顺序；要照原文排列时，写内置键名"
            f"（{'、'.join(keys)}）、\n中文名称、印出的标题或其他部分(sections)的标题，"
            "有内容的部分都要写上。",
            f"order: [{', '.join(keys)}]",
        ),
        "closing": (
            "结束语(closing)：最后一个“一、”部分之后的几段话，不加标题、不编号（可选），"
            "如“总之，……”。",
            "closing: |\n  总之，……",
        ),
    }
    for key, (note, example) in notes.items():
        _setting(out, draft, key, note, example)
        out.blank()


def _setting(out: Lines, draft: Draft, key: str, note: str, example: str) -> None:
    """A setting's note, then the value the draft carries, else a commented example."""
    out.comment(note)
    if key in draft.settings:
        out.value(key, draft.settings[key])
    else:
        out.comment(example)


def _schedule(out: Lines, draft: Draft) -> None:
    doc = draft.header
    by_month = not doc.period.is_term
    unit = "月份" if by_month else "周次"
    out.comment(
        "具体安排(schedule)：layout 写 table（表格）或 list（列表）。每一条写"
        f" {'month' if by_month else 'week'}（{unit}）、tasks（工作内容，一句或一个列表）、\n"
        "owner（负责人，可选）、note（备注，可选，印在工作内容后的括号里）。"
        + ("" if by_month else '周次可写一周 4、连续几周 "4-5" 或不连续的 [9, 18]。')
    )
    if doc.kind == "summary":
        out.comment(
            "status（完成情况）：done 已完成、partial 部分完成、pending 未完成、cancelled 取消"
            "（也可写中文），\n据此统计“计划完成情况”：完成率 = 已完成 ÷ 计划项数。"
        )
    out.comment(
        "每条前面的注释是该"
        + ("月" if by_month else "周")
        + "的日期和节假日（自动计算，改动注释不影响文档）；没有安排的"
        + ("月份" if by_month else "周")
        + "可以删去。"
    )
    rows, warnings = calendar.period_rows(doc)
    draft.warnings.extend(warnings)
    years = [str(w.params["year"]) for w in warnings if w.code == calendar.YEAR_UNKNOWN]
    if years:
        out.comment(
            f"注意：节假日数据还没有 {'、'.join(years)} 年的放假安排，下面的注释里没有节假日；"
            "可在 holidays 中自己写上。"
        )
    out.raw("schedule:")
    out.value("layout", draft.layout, indent=2)
    out.raw("  entries:")
    by_first: dict[int, list[DraftEntry]] = {}
    for entry in draft.entries or ():
        by_first.setdefault(entry.first, []).append(entry)
    by_number = {row.number: row for row in rows}
    covered: set[int] = set()
    for row in rows:
        entries = by_first.get(row.number, [])
        if not entries and row.number not in covered:
            out.comment(_when([row], by_month=by_month), indent=4)
        for entry in entries:
            spans = entry.spans or [(row.number, row.number)]
            out.comment(
                "　".join(
                    _when([by_number[n] for n in range(a, b + 1)], by_month=by_month)
                    for a, b in spans
                    if b in by_number
                ),
                indent=4,
            )
            covered.update(n for a, b in spans for n in range(a, b + 1))
            if entry.comment:
                out.comment(entry.comment, indent=4)
            out.item(entry.data, indent=4)
    out.blank()


def _when(rows: Sequence[calendar.CalendarRow], *, by_month: bool) -> str:
    """第四至五周：3月23日—4月5日；清明节放假（4月4日—6日）— the comment over ``rows``."""
    first, last = rows[0], rows[-1]
    if first.number == last.number:
        label = first.label
    elif by_month:
        label = f"{numbering.to_hanzi(first.number)}至{numbering.to_hanzi(last.number)}月份"
    else:
        label = numbering.week_label(first.number, last.number)
    dates = first.dates.split("—")[0] + "—" + last.dates.split("—")[-1]
    events = tuple(dict.fromkeys(e for r in rows for e in r.events))
    return f"{label}：{dates}" + ("；" + "、".join(events) if events else "")


def _example_date(doc: Document) -> date:
    """A likely 成文日期 for the commented example: a plan's first day, a summary's last."""
    return periods.likely_date(doc.period, summary=doc.kind == "summary")


def _signature(out: Lines, signature: dict[str, Any] | None, example: date) -> None:
    out.comment(
        "落款(signature)：署名和成文日期，按 GB/T 9704 排在正文之后；不要落款时写 signature: false"
    )
    if signature is None:
        out.value("signature", False, "不要署名和成文日期")
        return
    out.raw("signature:")
    if "name" in signature:
        out.value("name", signature["name"], "署名", indent=2)
    else:
        out.comment("name: 教务处   # 署名；不写则用部门，没有部门时用单位", indent=2)
    if "date" in signature:
        out.value("date", signature["date"], "成文日期", indent=2)
    else:
        out.comment(f"date: {example.isoformat()}   # 成文日期；不写则为生成文档的当天", indent=2)
    out.value(
        "seal",
        signature.get("seal", True),
        "盖章：true 按加盖印章的格式排（默认），false 不盖章",
        indent=2,
    )
