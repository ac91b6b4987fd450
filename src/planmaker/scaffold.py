"""``planmaker new``: a ready-to-edit YAML for a term plan, a year plan or a summary.

What is written is text composed here, not a plain dump, because it carries what a
dump cannot: a yaml-language-server modeline (so VS Code completes keys from the
``planmaker.schema.json`` beside the file), a Chinese comment on every key, and one
comment per week (or month) of the period with its dates and the holidays in it.
The values themselves go through PyYAML, so quoting is always right; Chinese stays
readable (``allow_unicode``) and text of several paragraphs is a ``|`` block.

Every placeholder (“（请填写……）”) is valid content: the file passes ``check`` and
renders before anyone edits it. ``summarize`` writes through the same :class:`Draft`.

The week and month tables here also serve ``planmaker calendar``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel

from planmaker import calendar, numbering, periods
from planmaker.errors import Location, PlanError, Problem
from planmaker.model import Document, Entry, Node

SCHEMA_FILE = "planmaker.schema.json"
"""The JSON Schema written beside a new file, for the editor."""

MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
"""The first line of every file ``new`` and ``summarize`` write."""

NewKind = Literal["semester", "year", "summary"]
NEW_KINDS: dict[str, NewKind] = {
    "semester": "semester",
    "year": "year",
    "summary": "summary",
    "学期": "semester",
    "学期计划": "semester",
    "年度": "year",
    "年度计划": "year",
    "总结": "summary",
    "工作总结": "summary",
}
"""What ``new`` takes as its first argument → the kind of file it writes."""

_OPTION_OF_LOC = {
    ("org",): "org",
    ("department",): "department",
    ("period", "school_year"): "school_year",
    ("period", "semester"): "semester",
    ("period", "start"): "start",
    ("period", "weeks"): "weeks",
    ("period", "year"): "year",
}
_TERM_OPTIONS = ("school_year", "semester", "start")

# Keys that ``--from`` carries into a new plan (spec §3), in the order they are written.
_CARRIED_BODY = ("preamble", "guiding", "goals", "measures", "safeguards", "sections")

PLACEHOLDER_TASK = {"week": "（请填写本周工作）", "month": "（请填写本月工作）"}
PLACEHOLDER_RESULT = "（请填写这项工作的做法和成效。）"


# --- the term's weeks and the year's months ---------------------------------------------


@dataclass(frozen=True)
class CalendarRow:
    """One week of a term (or month of a year), as ``calendar`` and ``new`` show it."""

    number: int
    """The week (or month) number, from 1."""
    label: str
    """第一周, or 一月份 in a year."""
    dates: str
    """3月2日—3月8日 (a month: 1月1日—1月31日)."""
    events: tuple[str, ...] = ()
    """Holidays, make-up working days and events: 清明节放假（4月4日—6日）."""


def term_weeks(
    start: date,
    weeks: int,
    holidays: Sequence[calendar.UserDay] = (),
    workdays: Sequence[calendar.UserDay] = (),
) -> tuple[list[CalendarRow], list[str]]:
    """Every week 1..``weeks`` of the term ``start`` begins, and the calendar's warnings.

    ``start`` may be any day of week 1; week 1 starts on its Monday. The warnings are
    :func:`planmaker.calendar.events_between`'s (a year the holiday data lacks).
    """
    monday = calendar.monday_of(start)
    first, _ = calendar.week_dates(monday, 1)
    _, last = calendar.week_dates(monday, weeks)
    events, warnings = calendar.events_between(first, last, holidays, workdays)
    by_week = calendar.events_by_week(monday, weeks, events)
    rows = []
    for n in range(1, weeks + 1):
        a, b = calendar.week_dates(monday, n)
        rows.append(
            CalendarRow(
                n,
                numbering.week_label(n),
                numbering.format_range(a, b),
                tuple(e.label() for e in by_week[n]),
            )
        )
    return rows, warnings


def year_months(
    year: int,
    holidays: Sequence[calendar.UserDay] = (),
    workdays: Sequence[calendar.UserDay] = (),
) -> tuple[list[CalendarRow], list[str]]:
    """Every month of ``year`` with the holidays in it, and the calendar's warnings."""
    events, warnings = calendar.events_between(
        date(year, 1, 1), date(year, 12, 31), holidays, workdays
    )
    by_month = calendar.events_by_month(year, events)
    rows = []
    for m in range(1, 13):
        last = date(year + (m == 12), m % 12 + 1, 1).toordinal() - 1
        rows.append(
            CalendarRow(
                m,
                numbering.month_label(m),
                numbering.format_range(date(year, m, 1), date.fromordinal(last)),
                tuple(e.label() for e in by_month[m]),
            )
        )
    return rows, warnings


def user_days(doc: Document) -> tuple[list[calendar.UserDay], list[calendar.UserDay]]:
    """The document's own ``holidays`` and ``workdays`` in the calendar's terms."""

    def days(entries: Iterable[Any]) -> list[calendar.UserDay]:
        return [calendar.UserDay(d.name, d.first, d.last, d.off) for d in entries]

    return days(doc.holidays), days(doc.workdays)


def period_rows(doc: Document) -> tuple[list[CalendarRow], list[str]]:
    """The weeks (term) or months (year) of ``doc``'s period, with its own holidays too."""
    holidays, workdays = user_days(doc)
    p = doc.period
    if p.year is not None:
        return year_months(p.year, holidays, workdays)
    if p.semester is None and p.school_year is not None:
        return periods.school_year_months(p.school_year, holidays, workdays)
    if p.start is None:  # a term whose schedule is not by week
        return [], []
    return term_weeks(p.start, p.weeks, holidays, workdays)


# --- the header from the command line ----------------------------------------------------


@dataclass(frozen=True)
class NewRequest:
    """What ``new`` was given: the kind of file and the header options, as typed."""

    kind: NewKind
    org: str | None = None
    department: str | None = None
    school_year: str | None = None
    semester: str | None = None
    start: str | None = None
    weeks: str | None = None
    year: str | None = None

    def given(self, option: str) -> bool:
        value = getattr(self, option)
        return value is not None and str(value).strip() != ""


def missing_options(request: NewRequest) -> list[str]:
    """The options ``request`` still needs, by field name (spec §3: org and the period).

    A term plan needs school year, semester and start; a year plan the year; a summary
    either, so when it has neither all four are listed, the term's first.
    """
    missing = [] if request.given("org") else ["org"]
    school_year_alone = request.given("school_year") and not (
        request.given("semester") or request.given("start")
    )
    if request.kind == "year":
        return missing + ([] if request.given("year") or school_year_alone else ["year"])
    if request.kind == "summary" and (request.given("year") or school_year_alone):
        return missing
    term_missing = [o for o in _TERM_OPTIONS if not request.given(o)]
    if request.kind == "summary" and len(term_missing) == len(_TERM_OPTIONS):
        return missing + term_missing + ["year"]
    return missing + term_missing


def header_document(request: NewRequest) -> Document:
    """The new file's header (kind, org, department, period) as a validated Document.

    Raises PlanError listing each option whose value is not in a form the YAML key
    takes; each problem is located at the option (``--start``) and carries the
    model's code and what was read. Term options with ``--year`` are refused
    together (``period.mixed``, located at ``planmaker new``).
    """
    from pydantic import ValidationError

    period: dict[str, Any] = {}
    for name in (*_TERM_OPTIONS, "weeks", "year"):
        if request.given(name):
            period[name] = str(getattr(request, name)).strip()
    data: dict[str, Any] = {
        "kind": "summary" if request.kind == "summary" else "plan",
        "org": request.org,
        "period": period,
    }
    if request.given("department"):
        data["department"] = request.department
    try:
        return Document.model_validate(data)
    except ValidationError as err:
        problems = []
        for e in err.errors(include_url=False):
            option = _OPTION_OF_LOC.get(tuple(p for p in e["loc"] if isinstance(p, str)))
            where = Location(option_flag(option) if option else "planmaker new")
            problems.append(_option_problem(e, where))
        raise PlanError.of(problems) from None


def option_value(model: type[BaseModel], field: str, text: str) -> Any:
    """``text`` (a command-line option) read as the YAML key ``field`` of ``model`` reads it.

    So ``--start`` takes every date form a YAML ``start:`` takes, within the same
    limits. Raises PlanError with the model's code and what was read, located at the
    option (``--start`` for ``start``).
    """
    from pydantic import TypeAdapter, ValidationError

    info = model.model_fields[field]
    kind: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    try:
        return adapter.validate_python(text.strip())
    except ValidationError as err:
        problem = _option_problem(err.errors(include_url=False)[0], Location(option_flag(field)))
        raise PlanError.of([problem]) from None


def _option_problem(error: Any, where: Location) -> Problem:
    """One pydantic error about an option: the model's dotted code, its context, what was read."""
    params = {k: v for k, v in (error.get("ctx") or {}).items() if k != "error"}
    params.setdefault("value", error.get("input"))
    code = error["type"] if "." in error["type"] else "value.invalid"
    return Problem(code, where, params)


def option_flag(name: str) -> str:
    """``school_year`` → ``--school-year``."""
    return "--" + name.replace("_", "-")


def composed_name(doc: Document) -> str:
    """The default file name of ``doc``: its composed title + ``.yaml``, safe on any system."""
    from planmaker.context import composed_title
    from planmaker.filenames import safe_name

    return safe_name("".join(composed_title(doc)), ".yaml")


def suggest_period(previous: Document, kind: NewKind) -> dict[str, str]:
    """The period that follows ``previous``'s, as option values (for prompts' defaults).

    After 2025—2026 第二学期 comes 2026—2027 第一学期; after 第一学期, 第二学期 of the
    same school year; after a year, the next year.
    """
    p = previous.period
    if p.year is not None:
        return {"year": str(p.year + 1)} if kind != "semester" else {}
    if p.school_year is not None and p.semester is None:  # a 学年: the next one
        return {"school_year": f"{p.school_year[0] + 1}-{p.school_year[1] + 1}"}
    if kind == "year" or p.school_year is None:
        return {}
    first, second = p.school_year
    if p.semester == 2:
        first, second = first + 1, second + 1
    return {"school_year": f"{first}-{second}", "semester": "1" if p.semester == 2 else "2"}


# --- documents back to YAML data ---------------------------------------------------------


def paragraphs_text(paras: Sequence[str]) -> str:
    """Paragraphs as one YAML text: a blank line between them (a ``|`` block if several)."""
    return "\n\n".join(paras) + ("\n" if len(paras) > 1 else "")


def node_data(node: Node) -> Any:
    """One tree node as its YAML: a plain string, or ``{title, text, items}``."""
    if node.title is None and not node.items:
        return paragraphs_text(node.text)
    data: dict[str, Any] = {}
    if node.title is not None:
        data["title"] = node.title
    if node.text:
        data["text"] = paragraphs_text(node.text)
    if node.items:
        data["items"] = [node_data(n) for n in node.items]
    return data


def spans_data(spans: Sequence[tuple[int, int]]) -> Any:
    """Weeks or months as the YAML writes them: ``4``, ``"4-5"`` or ``[9, 18]``."""
    values = [a if a == b else f"{a}-{b}" for a, b in spans]
    return values[0] if len(values) == 1 else _Flow(values)


def entry_data(
    entry: Entry, unit: Literal["week", "month"], spans: Sequence[tuple[int, int]], status: bool
) -> dict[str, Any]:
    """A schedule entry as YAML data; ``status`` adds ``status: pending`` (a summary's)."""
    data: dict[str, Any] = {unit: spans_data(spans)}
    data["tasks"] = entry.tasks[0] if len(entry.tasks) == 1 else list(entry.tasks)
    if entry.owner:
        data["owner"] = entry.owner
    if entry.note:
        data["note"] = entry.note
    if status:
        data["status"] = "pending"
    return data


# --- the draft and its YAML --------------------------------------------------------------


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
    """Everything a scaffolded file says, before it becomes text (:func:`draft_yaml`)."""

    header: Document
    """kind, org, department and period (validated); its other fields are ignored."""
    body: dict[str, Any]
    """Body keys → YAML data, in the order they are written."""
    entries: list[DraftEntry] | None = None
    """The schedule's entries; None leaves the schedule out."""
    layout: str = "table"
    settings: dict[str, Any] = field(default_factory=dict)
    """headings, attachments, date_style, fonts, templates, extra, holidays, workdays."""
    signature: dict[str, Any] = field(default_factory=dict)
    origin: str = "new"
    """Which command wrote it (``new`` or ``summarize``), for the file's head comment."""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scaffold:
    """A scaffolded file: its YAML text, default file name and warnings."""

    text: str
    name: str
    warnings: list[str]


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


def draft_yaml(draft: Draft) -> Scaffold:
    """The YAML text of ``draft``, with its default file name and warnings."""
    doc = draft.header
    from planmaker.context import title_lines

    out = _Lines()
    title = "".join(title_lines(doc))
    out.raw(MODELINE)
    out.comment(f"{title}（由 planmaker {draft.origin} 生成）")
    out.comment(
        "把“（请填写……）”换成你的内容；不需要的部分可以整段删去。以 # 开头的行是说明，不会出现在文档里。"
    )
    out.comment(
        "键名后面是英文冒号加一个空格；缩进只能用空格。键名也可以写中文（如 单位、部门、工作目标）。"
    )
    out.comment("检查：planmaker check 本文件.yaml    生成 Word 文档：planmaker render 本文件.yaml")
    out.blank()
    kind_note = "工作总结" if doc.kind == "summary" else "工作计划"
    out.value("kind", doc.kind, f"文档类型：{kind_note}")
    out.value("org", doc.org, "单位名称，出现在标题里")
    if doc.department:
        out.value("department", doc.department, "部门，出现在标题里和落款处")
    else:
        out.comment("department: 教务处   # 部门（可选），出现在标题里和落款处")
    _period(out, doc)
    out.comment(f"title: {title}")
    out.comment("  ↑ 标题（可选）：不写则自动组成如上；写成列表可逐行指定。")
    out.blank()
    for key, value in draft.body.items():
        out.comment(_KEY_NOTES[key])
        out.value(key, value)
        out.blank()
    if draft.entries is not None:
        _schedule(out, draft)
    for key in _SETTING_ORDER:
        note, example = _SETTINGS[key]
        out.comment(note)
        if key in draft.settings:
            out.value(key, draft.settings[key])
        else:
            out.comment(example)
    out.blank()
    _signature(out, draft.signature, _example_date(doc))
    return Scaffold(out.text(), composed_name(doc), draft.warnings)


def _period(out: _Lines, doc: Document) -> None:
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
    assert p.start is not None
    out.value("school_year", f"{a}-{b}", f"学年 → “{a}—{b}学年”", indent=2)
    label = numbering.semester_label(p.semester)
    out.value("semester", p.semester, f"学期：1 或 2 → “{label}”", indent=2)
    monday = calendar.monday_of(p.start)
    note = "开学日期：第一周的任意一天"
    if monday != p.start:
        note += f"（第一周从星期一 {numbering.format_month_day(monday)} 算起）"
    out.value("start", p.start, note, indent=2)
    out.value("weeks", p.weeks, "教学周数", indent=2)


def _schedule(out: _Lines, draft: Draft) -> None:
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
    rows, warnings = period_rows(doc)
    draft.warnings.extend(warnings)
    years = [w.partition(":")[2] for w in warnings]
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


def _when(rows: Sequence[CalendarRow], *, by_month: bool) -> str:
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


def _signature(out: _Lines, signature: dict[str, Any], example: date) -> None:
    out.comment("落款(signature)：署名和成文日期，按 GB/T 9704 排在正文之后")
    out.raw("signature:")
    if "name" in signature:
        out.value("name", signature["name"], "署名", indent=2)
    else:
        out.comment("name: 教务处   # 署名；不写则用部门，没有部门时用单位", indent=2)
    out.comment(f"date: {example.isoformat()}   # 成文日期；不写则为生成文档的当天", indent=2)
    out.value(
        "seal",
        signature.get("seal", True),
        "盖章：true 按加盖印章的格式排（默认），false 不盖章",
        indent=2,
    )


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper with indented lists and ``|`` blocks for text of several lines."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


class _Flow(list):  # type: ignore[type-arg]
    """A short list written on one line: ``[9, 18]``."""


def _represent_flow(dumper: yaml.SafeDumper, values: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", values, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, _represent_flow)


def dump(value: Any) -> str:
    """``value`` as block-style YAML with readable Chinese and no line folding."""
    return yaml.dump(
        value,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )


class _Lines:
    """The file being written, line by line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def raw(self, line: str) -> None:
        self.lines.append(line)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def comment(self, text: str, indent: int = 0) -> None:
        for line in text.split("\n"):
            self.lines.append(" " * indent + ("# " + line if line else "#"))

    def value(self, key: str, value: Any, note: str | None = None, indent: int = 0) -> None:
        """``key: value`` (a YAML fragment), with ``note`` at its end when it is one line."""
        fragment = dump({key: value}).rstrip("\n").split("\n")
        if note and len(fragment) == 1:
            fragment[0] += f"   # {note}"
        elif note:
            self.comment(note, indent)
        self.lines.extend(" " * indent + line for line in fragment)

    def item(self, value: Any, indent: int) -> None:
        """One ``- …`` list item."""
        fragment = dump([value]).rstrip("\n").split("\n")
        self.lines.extend(" " * indent + line for line in fragment)

    def text(self) -> str:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


# --- new ---------------------------------------------------------------------------------

_PLAN_PLACEHOLDERS: dict[str, Any] = {
    "preamble": "（请填写导语：本期工作的背景和总体思路。可以写几段，段与段之间空一行。）",
    "guiding": "（请填写指导思想。）",
    "goals": ["（请填写工作目标一。）", "（请填写工作目标二。）"],
    "measures": [
        {
            "title": "（请填写第一项主要工作的标题。）",
            "text": "（可在这里写这一项的说明；不需要可删去 text 这一行。）",
            "items": ["（请填写具体措施。）", "（请填写具体措施。）"],
        },
        {
            "title": "（请填写第二项主要工作的标题。）",
            "items": ["（请填写具体措施。）"],
        },
    ],
    "safeguards": ["（请填写保障措施。）"],
}
_SUMMARY_PLACEHOLDERS: dict[str, Any] = {
    "overview": "（请填写概述：本期工作的总体情况和主要成绩。可以写几段，段与段之间空一行。）",
    "achievements": [
        {"title": "（请填写第一项主要工作的标题。）", "items": [PLACEHOLDER_RESULT]},
        {"title": "（请填写第二项主要工作的标题。）", "items": [PLACEHOLDER_RESULT]},
    ],
    "problems": ["（请填写存在的问题。）"],
    "next_steps": ["（请填写下一步工作打算。）"],
}


def new_draft(header: Document, previous: Document | None = None) -> Draft:
    """The draft of a new file for ``header``'s kind and period.

    Without ``previous``: placeholders in every body key and one entry per week (or
    month) of the period. With ``previous`` (``--from``): its preamble, guiding, goals,
    measures, safeguards and sections (those the new kind takes), headings, extra and
    document settings carried over; a summary gets the achievements' (or a plan's
    measures') titles to fill in; the schedule's entries keep their week (or month)
    numbers, so their dates follow the new start, and lose their statuses. Weeks beyond
    a shorter new term move to its last week, with a comment and a warning
    ``scaffold.weeks_moved:<weeks>``. A schedule by weeks does not fit a year (or the
    other way round): the new file then lists the new period's weeks or months with
    placeholders, and warns ``scaffold.schedule_not_carried``.
    """
    summary = header.kind == "summary"
    draft = Draft(header, {})
    if previous is None:
        draft.body = dict(_SUMMARY_PLACEHOLDERS if summary else _PLAN_PLACEHOLDERS)
        draft.entries = _placeholder_entries(header)
        if header.department:
            draft.signature["name"] = header.department
        return draft

    if summary:
        tree = previous.achievements if previous.kind == "summary" else previous.measures
        draft.body = {
            "overview": _SUMMARY_PLACEHOLDERS["overview"],
            "achievements": achievements_data(tree) or _SUMMARY_PLACEHOLDERS["achievements"],
            "problems": _SUMMARY_PLACEHOLDERS["problems"],
            "next_steps": _SUMMARY_PLACEHOLDERS["next_steps"],
        }
    else:
        draft.body = _carried_body(previous)
    draft.settings = carried_settings(previous)
    draft.signature = carried_signature(previous)
    draft.entries, draft.layout = _carried_entries(previous, header, draft.warnings)
    return draft


def new_yaml(header: Document, previous: Document | None = None) -> Scaffold:
    """The YAML text of :func:`new_draft` (see there)."""
    return draft_yaml(new_draft(header, previous))


def _carried_body(previous: Document) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key in _CARRIED_BODY:
        value = getattr(previous, key)
        if not value:
            continue
        if key in ("preamble", "guiding"):
            body[key] = paragraphs_text(value)
        else:
            body[key] = [node_data(n) for n in value]
    return body


def carried_settings(previous: Document) -> dict[str, Any]:
    """The settings that outlive a term: headings, extra and how the document looks."""
    settings: dict[str, Any] = {}
    if previous.headings:
        settings["headings"] = dict(previous.headings)
    if previous.date_style != "arabic":
        settings["date_style"] = previous.date_style
    if previous.fonts != "gb":
        settings["fonts"] = previous.fonts
    if previous.templates:
        settings["templates"] = previous.templates
    if previous.extra:
        settings["extra"] = previous.extra
    return settings


def carried_signature(previous: Document) -> dict[str, Any]:
    """署名 and 盖章 of ``previous``; the 成文日期 belongs to the old document."""
    signature: dict[str, Any] = {}
    if previous.signature.name:
        signature["name"] = previous.signature.name
    if not previous.signature.seal:
        signature["seal"] = False
    return signature


def achievements_data(tree: Sequence[Node]) -> list[Any]:
    """A measures-shaped tree as achievements to fill in: its titles, placeholder content.

    A titled node keeps its title and its titled children; its text and plain-string
    items become one placeholder. Plain strings at the top make one placeholder item.
    """
    out: list[Any] = []
    loose = False
    for node in tree:
        if node.title is None:
            loose = True
            continue
        titled = [n for n in node.items if n.title is not None]
        data: dict[str, Any] = {"title": node.title}
        data["items"] = achievements_data(titled) if titled else [PLACEHOLDER_RESULT]
        out.append(data)
    if loose:
        out.insert(0, PLACEHOLDER_RESULT)
    return out


def _placeholder_entries(header: Document) -> list[DraftEntry]:
    unit: Literal["week", "month"] = "week" if header.period.is_term else "month"
    count = 12 if unit == "month" else header.period.weeks
    entries = []
    for n in range(1, count + 1):
        data: dict[str, Any] = {unit: n, "tasks": PLACEHOLDER_TASK[unit]}
        if header.department:
            data["owner"] = header.department
        if header.kind == "summary":
            data["status"] = "pending"
        entries.append(DraftEntry(data, n))
    return entries


def _carried_entries(
    previous: Document, header: Document, warnings: list[str]
) -> tuple[list[DraftEntry], str]:
    """``previous``'s schedule re-dated for ``header``'s period (see :func:`new_draft`)."""
    schedule = previous.schedule
    new_term = header.period.is_term
    if schedule is None or not schedule.entries:
        return _placeholder_entries(header), "table"
    if previous.period.is_term != new_term:
        warnings.append("scaffold.schedule_not_carried")
        return _placeholder_entries(header), schedule.layout
    unit: Literal["week", "month"] = "week" if new_term else "month"
    last = header.period.weeks if new_term else 12
    summary = header.kind == "summary"
    entries = []
    moved = False
    for entry in schedule.entries:
        old = entry.week if new_term else entry.month
        if not old:
            continue
        spans = _clip(old, last)
        comment = None
        if spans != list(old):
            moved = True
            written = "、".join(numbering.week_label(a, b) for a, b in old)
            comment = f"原为{written}，新学期只有 {last} 周，已移到这里，请调整。"
        entries.append(
            DraftEntry(entry_data(entry, unit, spans, summary), spans[0][0], comment, spans)
        )
    if moved:
        warnings.append(f"scaffold.weeks_moved:{last}")
    return entries, schedule.layout


def _clip(spans: Sequence[tuple[int, int]], last: int) -> list[tuple[int, int]]:
    """``spans`` cut at ``last``; a span wholly beyond it becomes ``last`` itself."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        span = (min(a, last), min(b, last))
        if span not in out:
            out.append(span)
    return out
